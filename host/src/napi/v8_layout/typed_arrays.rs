//! Typed arrays' Node-API types read from their maps.

use napi_sys::*;

use crate::napi::js_native_api::buffers::{new_typed_array, TYPED_ARRAY_KINDS};
use crate::napi::v8_layout::words::Words;

/// Typed arrays' napi types by their maps: every typed array's map has one instance type,
/// and its elements kind (in the map's bit_field2 byte) says the type; reading them costs
/// less than V8's byte length and up to three type checks. Checked once per isolate with an array
/// of every type made through V8; a byte not seen then (a subclass's map, a resizable
/// buffer's array) is asked of V8.
#[derive(Clone, Copy)]
pub(crate) struct TypedArrayMaps {
    instance_type: u16,
    /// The napi type + 1 by bit_field2 byte; 0 for bytes not seen.
    types: [u8; 256],
}

impl TypedArrayMaps {
    pub fn new(scope: &mut v8::PinScope, words: Option<Words>) -> Option<TypedArrayMaps> {
        let words = words?;
        v8::scope!(let scope, scope);
        let buffer = v8::ArrayBuffer::new(scope, 8);
        let mut maps = TypedArrayMaps { instance_type: 0, types: [0; 256] };
        let mut instance_type = None;
        for (is_kind, kind) in TYPED_ARRAY_KINDS {
            let array: v8::Local<v8::Value> = new_typed_array(scope, kind, buffer, 0, 1)?.into();
            let (array_type, bits) = words.map_type_bits(array)?;
            if !is_kind(&array) || *instance_type.get_or_insert(array_type) != array_type || maps.types[bits as usize] != 0 {
                return None;
            }
            maps.types[bits as usize] = u8::try_from(kind + 1).ok()?;
        }
        maps.instance_type = instance_type?;
        let others: [v8::Local<v8::Value>; 4] =
            [buffer.into(), v8::DataView::new(scope, buffer, 0, 8).into(), v8::Object::new(scope).into(), v8::Array::new(scope, 1).into()];
        let distinct = others.into_iter().all(|other| words.map_type_bits(other).is_some_and(|(other_type, _)| other_type != maps.instance_type));
        distinct.then_some(maps)
    }

    /// The napi type of `value` if it is a typed array with a map seen at the check; None
    /// means ask V8.
    #[inline(always)]
    pub fn typed_array_type(&self, words: &Words, value: v8::Local<v8::Value>) -> Option<napi_typedarray_type> {
        let (instance_type, bits) = words.map_type_bits(value)?;
        let kind = self.types[bits as usize];
        (instance_type == self.instance_type && kind != 0).then(|| napi_typedarray_type::from(kind - 1))
    }
}
