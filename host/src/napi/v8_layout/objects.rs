//! Objects read without calling into V8: which maps are receivers', and a JSArray's tagged
//! elements.

use std::cell::Cell;

use crate::napi::v8_layout::words::Words;

const RECEIVER_MAP_SLOTS: usize = 64;

/// Addresses of maps seen on JS receivers, direct-mapped. V8 makes primitives only with
/// maps among its read-only roots, which are never freed, so an address once a receiver's
/// map is never a primitive's, even after that map died and its memory holds another.
pub struct ReceiverMaps([Cell<usize>; RECEIVER_MAP_SLOTS]);

impl Default for ReceiverMaps {
    fn default() -> ReceiverMaps {
        ReceiverMaps([const { Cell::new(0) }; RECEIVER_MAP_SLOTS])
    }
}

impl ReceiverMaps {
    #[inline(always)]
    fn slot(&self, map: usize) -> &Cell<usize> {
        // Maps are 8-byte aligned and most are a few dozen bytes apart.
        &self.0[(map >> 3) % RECEIVER_MAP_SLOTS]
    }

    #[inline(always)]
    pub fn contains(&self, map: usize) -> bool {
        self.slot(map).get() == map
    }

    pub fn insert(&self, map: usize) {
        self.slot(map).set(map);
    }
}

/// Reads the elements of fast JS arrays without V8: a JSArray is map, properties, elements,
/// length (a Smi); tagged elements are a FixedArray: map, capacity (a u32 and padding),
/// then the values, the hole where there is none (src/objects/js-array.tq,
/// fixed-array.h). An element that is there is an own data property, so `array[index]` is
/// it; for a hole, an index past the end or other kinds of elements V8 looks up the
/// prototype chain.
#[derive(Clone, Copy)]
pub(crate) struct ArrayElements {
    /// JS_ARRAY_TYPE.
    instance_type: u16,
    hole: usize,
}

/// Elements kinds (Map::Bits2 bits 2..7) stored as tagged values in a FixedArray: packed
/// and holey Smi and object elements, and their nonextensible, sealed and frozen forms
/// (src/objects/elements-kind.h); not doubles, dictionaries or arguments.
const TAGGED_ELEMENTS_KINDS: u64 = 0b1111_1100_1111;

const JS_ARRAY_ELEMENTS: usize = 16;
const JS_ARRAY_LENGTH: usize = 24;
const FIXED_ARRAY_LENGTH: usize = 8;
const FIXED_ARRAY_VALUES: usize = 16;

impl ArrayElements {
    /// The reader, if what it reads from arrays V8 made (holey with holes, packed with a Smi
    /// and an object, out of bounds) is what V8's `Get` answers.
    pub fn new(scope: &mut v8::PinScope, words: Option<Words>) -> Option<ArrayElements> {
        let words = words?;
        v8::scope!(let scope, scope);
        let holey = v8::Array::new(scope, 3);
        let text = v8::String::new(scope, "element")?;
        holey.set_index(scope, 1, text.into())?;
        let (instance_type, bits) = words.map_type_bits(holey.into())?;
        let address = words.heap_object_address(holey.into())?;
        // SAFETY: a JSArray with tagged elements (the kind is checked first) has a FixedArray
        // of elements; element 0 is read only when it has one.
        let hole = unsafe {
            let elements = *((address + JS_ARRAY_ELEMENTS) as *const usize) - 1;
            if TAGGED_ELEMENTS_KINDS & (1 << (bits >> 2)) == 0 || *((elements + FIXED_ARRAY_LENGTH) as *const u32) < 2 {
                return None;
            }
            *((elements + FIXED_ARRAY_VALUES) as *const usize)
        };
        let reader = ArrayElements { instance_type, hole };
        let object = v8::Object::new(scope);
        let packed = v8::Array::new_with_elements(scope, &[v8::Integer::new(scope, 7).into(), object.into()]);
        let cases: [(v8::Local<v8::Array>, u32, Option<v8::Local<v8::Value>>); 6] =
            [(holey, 0, None), (holey, 1, Some(text.into())), (holey, 3, None), (packed, 0, Some(v8::Integer::new(scope, 7).into())), (packed, 1, Some(object.into())), (packed, 2, None)];
        let reads = cases.iter().all(|&(array, index, expected)| {
            let read = reader.get(&words, array.into(), index).and_then(|element| words.new_handle(element));
            let read = read.and_then(|handle| crate::napi::value::from_napi(handle).ok());
            let from_v8 = array.get_index(scope, index);
            match (read, expected, from_v8) {
                (Some(read), Some(expected), Some(from_v8)) => read.strict_equals(expected) && read.strict_equals(from_v8),
                (None, None, Some(from_v8)) => from_v8.is_undefined(),
                _ => false,
            }
        });
        let not_arrays: [v8::Local<v8::Value>; 2] = [object.into(), v8::Integer::new(scope, 3).into()];
        let others_refused = not_arrays.iter().all(|&value| reader.get(&words, value, 0).is_none());
        let undefined = words.heap_object_address(v8::undefined(scope).into())?;
        (reads && others_refused && hole & 3 == 1 && hole != undefined + 1).then_some(reader)
    }

    /// The tagged value of `array[index]` if `array` is a JS array holding it as a tagged
    /// element; None means ask V8.
    #[inline(always)]
    pub fn get(&self, words: &Words, array: v8::Local<v8::Value>, index: u32) -> Option<usize> {
        let (instance_type, bits) = words.map_type_bits(array)?;
        if instance_type != self.instance_type || TAGGED_ELEMENTS_KINDS & (1 << (bits >> 2)) == 0 {
            return None;
        }
        let address = words.heap_object_address(array)?;
        let index = index as usize;
        // SAFETY: a JSArray with tagged elements: its length and elements are as above, and
        // the index is checked against both lengths before the element is read.
        unsafe {
            let length = *((address + JS_ARRAY_LENGTH) as *const usize);
            let elements = *((address + JS_ARRAY_ELEMENTS) as *const usize) - 1;
            let capacity = *((elements + FIXED_ARRAY_LENGTH) as *const u32) as usize;
            // A JSArray with fast elements has a Smi length.
            if length & 1 != 0 || index >= (length >> 32) || index >= capacity {
                return None;
            }
            let element = *((elements + FIXED_ARRAY_VALUES + index * 8) as *const usize);
            (element != self.hole).then_some(element)
        }
    }
}
