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
    /// Whether double elements read as V8 reads them (checked as the tagged ones are).
    doubles: bool,
}

/// Elements kinds (Map::Bits2 bits 2..7) stored as tagged values in a FixedArray: packed
/// and holey Smi and object elements, and their nonextensible, sealed and frozen forms
/// (src/objects/elements-kind.h); not doubles, dictionaries or arguments.
const TAGGED_ELEMENTS_KINDS: u64 = 0b1111_1100_1111;

/// Elements kinds stored as raw doubles in a FixedDoubleArray: packed and holey doubles.
const DOUBLE_ELEMENTS_KINDS: u64 = 0b11_0000;

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
        let mut reader = ArrayElements { instance_type, hole, doubles: false };
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
        reader.doubles = reader.reads_doubles(scope, &words);
        (reads && others_refused && hole & 3 == 1 && hole != undefined + 1).then_some(reader)
    }

    /// Whether arrays V8 makes with packed and holey double elements read here as V8's Get
    /// answers (a hole and a NaN are left to V8).
    fn reads_doubles(&self, scope: &mut v8::PinScope, words: &Words) -> bool {
        // JSON's arrays of numbers get double elements (the API's arrays are made holey and
        // tagged); deleting one makes them holey.
        fn with_doubles<'s>(scope: &mut v8::PinScope<'s, '_>, json: &str) -> Option<v8::Local<'s, v8::Array>> {
            let json = v8::String::new(scope, json)?;
            v8::json::parse(scope, json)?.try_into().ok()
        }
        let (Some(packed), Some(holey)) = (with_doubles(scope, "[1.5,-0,3]"), with_doubles(scope, "[0.5,2.5,4.5]")) else {
            return false;
        };
        let nan = v8::Number::new(scope, f64::NAN);
        if packed.set_index(scope, 3, nan.into()).is_none() || holey.delete_index(scope, 0).is_none() {
            return false;
        }
        let kind = |array: v8::Local<v8::Array>| words.map_type_bits(array.into()).map(|(_, bits)| bits >> 2);
        if kind(packed) != Some(4) || kind(holey) != Some(5) {
            return false;
        }
        let cases = [(packed, 0, Some(1.5f64)), (packed, 1, Some(-0.0)), (packed, 2, Some(3.0)), (packed, 3, None), (packed, 4, None),
            (holey, 0, None), (holey, 1, Some(2.5)), (holey, 2, Some(4.5)), (holey, 3, None)];
        let reader = ArrayElements { doubles: true, ..*self };
        cases.iter().all(|&(array, index, expected)| {
            let read = reader.get_double(words, array.into(), index);
            let from_v8 = array.get_index(scope, index).and_then(|value| value.number_value(scope));
            match (read, expected) {
                (Some(read), Some(expected)) => read.to_bits() == expected.to_bits() && from_v8.is_some_and(|v| v.to_bits() == read.to_bits()),
                (None, None) => true,
                _ => false,
            }
        }) && reader.get(words, packed.into(), 0).is_none()
    }

    /// The value of `array[index]` if `array` is a JS array holding it as a double element
    /// other than NaN (a NaN may be a hole's, or undefined's where V8 stores that among
    /// doubles); None means ask V8.
    #[inline(always)]
    pub fn get_double(&self, words: &Words, array: v8::Local<v8::Value>, index: u32) -> Option<f64> {
        if !self.doubles {
            return None;
        }
        let slot = self.element_slot(words, array, index, DOUBLE_ELEMENTS_KINDS)?;
        // SAFETY: a FixedDoubleArray's 8-byte value in bounds.
        let value = unsafe { *(slot as *const f64) };
        (!value.is_nan()).then_some(value)
    }

    /// The tagged value of `array[index]` if `array` is a JS array holding it as a tagged
    /// element; None means ask V8.
    #[inline(always)]
    pub fn get(&self, words: &Words, array: v8::Local<v8::Value>, index: u32) -> Option<usize> {
        let slot = self.element_slot(words, array, index, TAGGED_ELEMENTS_KINDS)?;
        // SAFETY: a FixedArray's tagged value in bounds.
        let element = unsafe { *(slot as *const usize) };
        (element != self.hole).then_some(element)
    }

    /// The address of `array[index]`'s 8-byte slot if `array` is a JS array with one of the
    /// elements `kinds` and the index is within both its length and its elements' capacity.
    #[inline(always)]
    fn element_slot(&self, words: &Words, array: v8::Local<v8::Value>, index: u32, kinds: u64) -> Option<usize> {
        let (instance_type, bits) = words.map_type_bits(array)?;
        if instance_type != self.instance_type || kinds & (1 << (bits >> 2)) == 0 {
            return None;
        }
        let address = words.heap_object_address(array)?;
        let index = index as usize;
        // SAFETY: a JSArray with tagged or double elements has a FixedArray or FixedDoubleArray
        // of them (the same header, 8-byte values), whose capacity is read before any value.
        unsafe {
            let length = *((address + JS_ARRAY_LENGTH) as *const usize);
            let elements = *((address + JS_ARRAY_ELEMENTS) as *const usize) - 1;
            let capacity = *((elements + FIXED_ARRAY_LENGTH) as *const u32) as usize;
            // A JSArray with fast elements has a Smi length.
            if length & 1 != 0 || index >= (length >> 32) || index >= capacity {
                return None;
            }
            Some(elements + FIXED_ARRAY_VALUES + index * 8)
        }
    }
}
