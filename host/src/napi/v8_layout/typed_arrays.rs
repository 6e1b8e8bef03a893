//! Typed arrays' Node-API types read from their maps, and their length, byte offset and
//! buffer read from the objects.

use napi_sys::*;

use crate::napi::js_native_api::buffers::{new_typed_array, TYPED_ARRAY_KINDS};
use crate::napi::v8_layout::words::{Words, HEAP_OBJECT_TAG};
use crate::napi::value::local;

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
    /// Where a typed array keeps its buffer, byte offset and byte length; None: ask V8.
    fields: Option<ViewFields>,
    /// Element size in bytes by bit_field2 byte, as V8 divides the byte length by it.
    element_sizes: [u8; 256],
}

/// Word indexes in a JSTypedArray of V8 15.2 without pointer compression (JSObject's map,
/// properties and elements, JSAPIObjectWithEmbedderSlots' CppHeap pointer, then
/// JSArrayBufferView's buffer, bit field (with padding), raw byte offset and raw byte length:
/// js-array-buffer.h), checked once per isolate against V8's accessors on an array of every
/// type; the length is the byte length over the element size, as V8's `TypedArray::Length`
/// computes it. They hold the values V8's accessors return for an array whose map was seen at
/// the check (none of a resizable buffer's, whose length is computed) while its buffer is
/// attached and off the heap (data not null: a detached buffer's is, and so is the buffer of
/// an array still on the heap, which V8 moves off on first being asked for it).
#[derive(Clone, Copy)]
struct ViewFields {
    buffer: usize,
    byte_offset: usize,
    byte_length: usize,
}

const V8_15_2_VIEW_FIELDS: ViewFields = ViewFields { buffer: 4, byte_offset: 6, byte_length: 7 };

/// What a typed array's words say, for an array `TypedArrayMaps::view` accepts.
pub(crate) struct TypedArrayView {
    pub napi_type: napi_typedarray_type,
    pub length: usize,
    pub byte_offset: usize,
    /// The buffer's tagged word, and its data (not null).
    pub buffer: usize,
    pub data: *mut u8,
}

impl TypedArrayMaps {
    pub fn new(scope: &mut v8::PinScope, words: Option<Words>) -> Option<TypedArrayMaps> {
        let words = words?;
        v8::scope!(let scope, scope);
        let buffer = v8::ArrayBuffer::new(scope, 64);
        let mut maps = TypedArrayMaps { instance_type: 0, types: [0; 256], fields: None, element_sizes: [0; 256] };
        let mut instance_type = None;
        let mut fields_hold = v8::V8::get_version().starts_with("15.2.");
        for (index, (is_kind, kind)) in TYPED_ARRAY_KINDS.into_iter().enumerate() {
            // Offsets and lengths that differ from each other and from the byte lengths.
            let (offset, length) = (8 * (1 + index % 3), 2 + index % 4);
            let typed = new_typed_array(scope, kind, buffer, offset, length)?;
            let array: v8::Local<v8::Value> = typed.into();
            let (array_type, bits) = words.map_type_bits(array)?;
            if !is_kind(&array) || *instance_type.get_or_insert(array_type) != array_type || maps.types[bits as usize] != 0 {
                return None;
            }
            maps.types[bits as usize] = u8::try_from(kind + 1).ok()?;
            let element_size = typed.byte_length() / length;
            maps.element_sizes[bits as usize] = u8::try_from(element_size).ok()?;
            let address = words.heap_object_address(array)?;
            let buffer_word = words.heap_object_address(buffer.into())? + HEAP_OBJECT_TAG;
            // SAFETY: a typed array is larger than 8 words.
            let read = |index: usize| unsafe { *((address + index * 8) as *const usize) };
            let fields = V8_15_2_VIEW_FIELDS;
            fields_hold &= read(fields.buffer) == buffer_word
                && read(fields.byte_offset) == offset
                && read(fields.byte_length) == length * element_size
                && typed.byte_offset() == offset
                && typed.length() == length;
        }
        maps.instance_type = instance_type?;
        maps.fields = fields_hold.then_some(V8_15_2_VIEW_FIELDS);
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

    /// A typed array's type, length, byte offset and buffer read from its words, if its map
    /// was seen at the check and its buffer's data is attached and off the heap; None means
    /// ask V8.
    #[inline(always)]
    pub fn view(&self, words: &Words, value: v8::Local<v8::Value>) -> Option<TypedArrayView> {
        let fields = self.fields?;
        let (instance_type, bits) = words.map_type_bits(value)?;
        let kind = self.types[bits as usize];
        if instance_type != self.instance_type || kind == 0 {
            return None;
        }
        let address = words.heap_object_address(value)?;
        // SAFETY: a typed array of a map seen at the check, which found these fields in it.
        let read = |index: usize| unsafe { *((address + index * 8) as *const usize) };
        let buffer = read(fields.buffer);
        // SAFETY: the field holds the array's JSArrayBuffer; the slot is read only for this
        // call, which does not allocate.
        let data = local((&buffer as *const usize).cast::<v8::ArrayBuffer>())?.data()?.as_ptr().cast::<u8>();
        let length = read(fields.byte_length) / self.element_sizes[bits as usize] as usize;
        Some(TypedArrayView { napi_type: napi_typedarray_type::from(kind - 1), length, byte_offset: read(fields.byte_offset), buffer, data })
    }
}
