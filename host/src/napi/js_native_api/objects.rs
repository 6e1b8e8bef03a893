//! Objects and arrays, their properties, prototypes, integrity levels, type tags and externals.

use std::cell::UnsafeCell;
use std::ffi::{c_char, c_void};
use std::ptr::NonNull;
use std::rc::{Rc, Weak};

use napi_sys::*;

use crate::napi::boundary::{Result, Status};
use crate::napi::env::{Env, ExternalData};
use crate::napi::loader::in_read_only_segment;
use crate::napi::reference::{Finalizer, Ownership, Reference};
use crate::napi::v8_layout::glue::objects::{self as shim, MaybeBool};
use crate::napi::v8_layout::glue::{JUST_TRUE, NOTHING};
use crate::napi::v8_layout::global;
use crate::napi::js_native_api::values::{double_handle, new_string, Encoding};
use crate::napi::value::{check_arg, ensure, from_napi, local, out, set_if_given, to_napi};

/// A value converted to an object (ToObject), as Node's CHECK_TO_OBJECT does: NULL is
/// `napi_invalid_arg`, undefined or null is `napi_object_expected` with a TypeError pending.
/// A value of a map known to be a receiver's is returned as it is.
#[inline(always)]
pub fn to_object<'s>(env: &Env, value: napi_value) -> Result<v8::Local<'s, v8::Object>> {
    let value = from_napi(value)?;
    if known_receiver(env, value) {
        // SAFETY: a receiver (see ReceiverMaps).
        return Ok(unsafe { v8::Local::cast_unchecked(value) });
    }
    converted_to_object(env, value)
}

/// ToObject through the v8 crate's glue, so that it needs no scope.
#[inline(never)]
fn converted_to_object<'s>(env: &Env, value: v8::Local<v8::Value>) -> Result<v8::Local<'s, v8::Object>> {
    // SAFETY: a live handle and the env's context; V8 returns a handle or NULL.
    let object = local(unsafe { shim::to_object(&*value, &*env.context()) }).ok_or(Status::ObjectExpected)?;
    // V8 hands a receiver back in its own handle; a primitive gets a new wrapper.
    if std::ptr::eq(&*object as *const v8::Object as *const v8::Value, &*value) {
        remember_receiver(env, value);
    }
    Ok(object)
}

/// Whether `value` is a JS receiver (V8's IsObject), known without V8 when a receiver was
/// seen with its map.
pub(crate) fn is_receiver(env: &Env, value: v8::Local<v8::Value>) -> bool {
    if known_receiver(env, value) {
        return true;
    }
    let receiver = value.is_object();
    if receiver {
        remember_receiver(env, value);
    }
    receiver
}

/// Whether a receiver was seen with `value`'s map.
#[inline(always)]
fn known_receiver(env: &Env, value: v8::Local<v8::Value>) -> bool {
    env.words.as_ref().and_then(|words| words.map(value)).is_some_and(|map| env.receiver_maps.contains(map))
}

/// Remembers the map of `value`, a receiver, when the env reads maps.
fn remember_receiver(env: &Env, value: v8::Local<v8::Value>) {
    if let Some(map) = env.words.as_ref().and_then(|words| words.map(value)) {
        env.receiver_maps.insert(map);
    }
}


/// `object[key] = value` without a scope.
fn set_property(env: &Env, object: v8::Local<v8::Object>, key: v8::Local<v8::Value>, value: v8::Local<v8::Value>) -> Result {
    // SAFETY: live handles and the env's context.
    let done = unsafe { shim::set(&*object, &*env.context(), &*key, &*value) };
    Ok(ensure(done == MaybeBool { has_value: true, value: true }, Status::GenericFailure).map_err(Status::unless_pending)?)
}

/// `object[key]` without a scope.
fn get_property(env: &Env, object: v8::Local<v8::Object>, key: v8::Local<v8::Value>) -> Result<napi_value> {
    // SAFETY: as above.
    let value = unsafe { shim::get(&*object, &*env.context(), &*key) };
    Ok(to_napi(local(value).ok_or(Status::GenericFailure.unless_pending())?))
}

/// Runs one V8 call with a property name from a C string: the cached name's own slot,
/// lent for the call (see NameCache::lent), else the name made as in `name`.
#[inline(always)]
fn with_name<R>(env: &mut Env, utf8name: *const c_char, call: impl FnOnce(&mut Env, v8::Local<v8::Value>) -> Result<R>) -> Result<R> {
    check_arg(utf8name)?;
    let Some(slot) = env.names.cache().get(utf8name) else {
        let name = new_name(env, utf8name)?;
        return call(env, name.into());
    };
    env.names.cache().lent += 1;
    // SAFETY: a global slot is a handle's location for as long as it holds the value.
    let result = call(env, unsafe { std::mem::transmute::<NonNull<v8::Value>, v8::Local<v8::Value>>(slot) });
    env.names.cache().lent -= 1;
    result
}

/// A property name from a C string, as Node's CHECK_NEW_FROM_UTF8 makes it (internalized).
#[inline(always)]
fn name<'s>(env: &mut Env, utf8name: *const c_char) -> Result<v8::Local<'s, v8::Name>> {
    check_arg(utf8name)?;
    if let Some(name) = env.names.cache().get(utf8name) {
        // A handle of its own: JS run by the caller may evict the entry.
        // SAFETY: cached names are strings.
        return Ok(unsafe { v8::Local::cast_unchecked(env.handle_of(name)) });
    }
    new_name(env, utf8name)
}

/// A name not in the cache, made and kept.
#[inline(never)]
fn new_name<'s>(env: &mut Env, utf8name: *const c_char) -> Result<v8::Local<'s, v8::Name>> {
    let name = new_string(env, Encoding::Utf8, utf8name.cast(), NAPI_AUTO_LENGTH, v8::NewStringType::Internalized)?;
    let isolate = env.raw_isolate();
    env.names.cache().insert(isolate, utf8name, name);
    Ok(name.into())
}

/// The name of a property descriptor: `utf8name`, else `name` (a string or symbol).
pub fn property_name<'s>(env: &mut Env, descriptor: &napi_property_descriptor) -> Result<v8::Local<'s, v8::Name>> {
    if !descriptor.utf8name.is_null() {
        return name(env, descriptor.utf8name);
    }
    let value = from_napi(descriptor.name).map_err(|_| Status::NameExpected)?;
    Ok(v8::Local::<v8::Name>::try_from(value).map_err(|_| Status::NameExpected)?)
}

/// Sets of two entries, the recently used one first.
const NAME_CACHE_SETS: usize = 128;
/// Longer names are not kept.
const NAME_CACHE_BYTES: usize = 23;

/// Property names made from C strings, kept by the string's address: a name seen before
/// costs a byte comparison instead of V8's hashing and string-table lookup. Names belong to
/// the isolate, so its envs share one cache (`SharedNameCache`).
pub struct NameCache {
    sets: Box<[[NameEntry; 2]; NAME_CACHE_SETS]>,
    /// How many V8 calls are running with a name's slot as their key. JS they run may call
    /// an addon and evict that name: its slot must then stay as it is until they return.
    lent: u32,
    /// Slots evicted while some were lent, freed once none is.
    retired: Vec<NonNull<v8::Value>>,
}

#[derive(Clone, Copy, Default)]
struct NameEntry {
    address: usize,
    /// The string lies in an addon's read-only segment: its address says what it holds.
    constant: bool,
    length: usize,
    bytes: [u8; NAME_CACHE_BYTES],
    name: Option<NonNull<v8::Value>>,
}

impl Default for NameCache {
    fn default() -> NameCache {
        NameCache { sets: Box::new([[NameEntry::default(); 2]; NAME_CACHE_SETS]), lent: 0, retired: Vec::new() }
    }
}

/// The name cache of an isolate's envs: made by the first env, found by the next ones
/// through the isolate's slot, released with the last env (envs are freed while their
/// isolate lives, so the names' global slots are released in time).
#[derive(Clone)]
pub struct SharedNameCache(Rc<UnsafeCell<NameCache>>);

/// The isolate's slot: the cache its envs share, while one of them lives.
struct IsolateNameCache(Weak<UnsafeCell<NameCache>>);

impl SharedNameCache {
    /// The cache of `isolate`'s envs, made if none of them lives.
    pub fn of_isolate(isolate: &mut v8::Isolate) -> SharedNameCache {
        if let Some(cache) = isolate.get_slot::<IsolateNameCache>().and_then(|slot| slot.0.upgrade()) {
            return SharedNameCache(cache);
        }
        let cache = Rc::new(UnsafeCell::new(NameCache::default()));
        isolate.set_slot(IsolateNameCache(Rc::downgrade(&cache)));
        SharedNameCache(cache)
    }

    /// The cache. Its envs run on their isolate's thread, one call at a time, and no caller
    /// holds the reference across a call that may reach another env.
    #[inline(always)]
    #[allow(clippy::mut_from_ref)]
    fn cache(&self) -> &mut NameCache {
        // SAFETY: as above: the reference is the only one while it is used.
        unsafe { &mut *self.0.get() }
    }
}

impl Drop for NameCache {
    /// Releases the names kept (the last env is freed while its isolate lives).
    fn drop(&mut self) {
        let kept = self.sets.iter().flatten().filter_map(|entry| entry.name);
        for slot in kept.chain(self.retired.drain(..)).collect::<Vec<_>>() {
            // SAFETY: each slot is held by one entry or the retired list, and not used again.
            unsafe { global::reset(slot) };
        }
    }
}

impl NameCache {
    /// The global slot of the name kept for a non-NULL C string.
    #[inline(always)]
    fn get(&mut self, utf8name: *const c_char) -> Option<NonNull<v8::Value>> {
        let set = self.set(utf8name);
        let mut hit = set[0].lookup(utf8name);
        if hit.is_none() {
            hit = set[1].lookup(utf8name);
            if hit.is_some() {
                set.swap(0, 1);
            }
        }
        hit
    }

    /// Keeps `name`, made from the C string, unless its bytes must be compared and it is
    /// too long.
    fn insert(&mut self, isolate: v8::UnsafeRawIsolatePtr, utf8name: *const c_char, name: v8::Local<v8::String>) {
        // SAFETY: the string `name` was made from.
        let bytes = unsafe { std::ffi::CStr::from_ptr(utf8name) }.to_bytes();
        let constant = in_read_only_segment(utf8name as usize);
        if bytes.len() > NAME_CACHE_BYTES && !constant {
            return;
        }
        let set = self.set(utf8name);
        let evicted = set[1].name.take();
        set[1] = set[0];
        let name = Some(global::strong(isolate, name.into()));
        let mut entry = NameEntry { address: utf8name as usize, constant, name, ..NameEntry::default() };
        if !constant {
            entry.length = bytes.len();
            entry.bytes[..bytes.len()].copy_from_slice(bytes);
        }
        set[0] = entry;
        self.retired.extend(evicted);
        if self.lent == 0 {
            for slot in self.retired.drain(..) {
                // SAFETY: no entry holds the slot, and no call is using it.
                unsafe { global::reset(slot) };
            }
        }
    }

    /// The set a C string's address maps to.
    #[inline(always)]
    fn set(&mut self, utf8name: *const c_char) -> &mut [NameEntry; 2] {
        let address = utf8name as usize;
        &mut self.sets[address.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (usize::BITS - NAME_CACHE_SETS.trailing_zeros())]
    }
}

impl NameEntry {
    /// The name, if this entry is the C string.
    #[inline(always)]
    fn lookup(&self, utf8name: *const c_char) -> Option<NonNull<v8::Value>> {
        if self.address != utf8name as usize || !(self.constant || self.holds(utf8name)) {
            return None;
        }
        self.name
    }

    /// Whether the C string holds this entry's bytes. It reads no further than the
    /// string's NUL: the entry's bytes contain none, so a shorter string differs first.
    #[inline(always)]
    fn holds(&self, utf8name: *const c_char) -> bool {
        let text = utf8name.cast::<u8>();
        // SAFETY: within the NUL-terminated string, as above.
        unsafe { (0..self.length).all(|i| *text.add(i) == self.bytes[i]) && *text.add(self.length) == 0 }
    }
}

/// V8 attributes for a descriptor: accessors are never read-only (napi_writable is for
/// data properties and methods).
pub fn property_attributes(descriptor: &napi_property_descriptor) -> v8::PropertyAttribute {
    let attributes = descriptor.attributes;
    let mut result = v8::PropertyAttribute::NONE;
    if attributes & napi_enumerable == 0 {
        result = result | v8::PropertyAttribute::DONT_ENUM;
    }
    if attributes & napi_configurable == 0 {
        result = result | v8::PropertyAttribute::DONT_DELETE;
    }
    let accessor = descriptor.getter.is_some() || descriptor.setter.is_some();
    if !accessor && attributes & napi_writable == 0 {
        result = result | v8::PropertyAttribute::READ_ONLY;
    }
    result
}

/// Defines `descriptors` on `object` as napi_define_properties does.
pub fn define_properties(env: &mut Env, scope: &mut v8::PinScope, object: v8::Local<v8::Object>, descriptors: &[napi_property_descriptor]) -> Result {
    for descriptor in descriptors {
        let name = property_name(env, descriptor)?;
        let enumerable = descriptor.attributes & napi_enumerable != 0;
        let configurable = descriptor.attributes & napi_configurable != 0;
        let writable = descriptor.attributes & napi_writable != 0;
        if descriptor.getter.is_some() || descriptor.setter.is_some() {
            let undefined: v8::Local<v8::Value> = v8::undefined(scope).into();
            let getter = descriptor.getter.map_or(undefined, |g| super::functions::new_function(env, scope, g, descriptor.data).into());
            let setter = descriptor.setter.map_or(undefined, |s| super::functions::new_function(env, scope, s, descriptor.data).into());
            let mut property = v8::PropertyDescriptor::new_from_get_set(getter, setter);
            property.set_enumerable(enumerable);
            property.set_configurable(configurable);
            ensure(object.define_property(scope, name, &property) == Some(true), Status::InvalidArg).map_err(Status::unless_pending)?;
        } else if let Some(method) = descriptor.method {
            let method = super::functions::new_function(env, scope, method, descriptor.data);
            let mut property = v8::PropertyDescriptor::new_from_value_writable(method.into(), writable);
            property.set_enumerable(enumerable);
            property.set_configurable(configurable);
            ensure(object.define_property(scope, name, &property) == Some(true), Status::GenericFailure).map_err(Status::unless_pending)?;
        } else {
            let value = from_napi(descriptor.value)?;
            let defined = if enumerable && writable && configurable {
                object.create_data_property(scope, name, value)
            } else {
                let mut property = v8::PropertyDescriptor::new_from_value_writable(value, writable);
                property.set_enumerable(enumerable);
                property.set_configurable(configurable);
                object.define_property(scope, name, &property)
            };
            ensure(defined == Some(true), Status::InvalidArg).map_err(Status::unless_pending)?;
        }
    }
    Ok(())
}

/// A type tag as the 128-bit BigInt node stores it under the private type-tag key.
fn tag_bigint<'s>(scope: &mut v8::PinScope<'s, '_>, tag: &napi_type_tag) -> Option<v8::Local<'s, v8::BigInt>> {
    v8::BigInt::new_from_words(scope, false, &[tag.lower, tag.upper])
}

/// The data behind an External napi created.
fn external_data<'a>(external: v8::Local<v8::External>) -> &'a mut ExternalData {
    // SAFETY: every External handed to addons carries ExternalData (napi_create_external).
    unsafe { &mut *external.value().cast::<ExternalData>() }
}

unsafe extern "C" fn free_external_data(_env: napi_env, data: *mut c_void, _hint: *mut c_void) {
    drop(unsafe { Box::from_raw(data.cast::<ExternalData>()) });
}

napi! {
    /// A new array.
    fn napi_create_array(env: NoJs, scope, result: *mut napi_value) {
        *out(result)? = to_napi(v8::Array::new(scope, 0));
        Ok(())
    }

    /// A new array of `length` holes (node passes the length to V8 as a C int).
    fn napi_create_array_with_length(env: NoJs, scope, length: usize, result: *mut napi_value) {
        *out(result)? = to_napi(v8::Array::new(scope, length as i32));
        Ok(())
    }

    /// A new empty object.
    fn napi_create_object(env: NoJs, scope, result: *mut napi_value) {
        *out(result)? = to_napi(v8::Object::new(scope));
        Ok(())
    }

    /// A new object with a prototype (NULL or JS null: none) and data
    /// properties (NAPI_EXPERIMENTAL).
    fn node_api_create_object_with_properties(env: NoJs, scope, prototype_or_null: napi_value, property_names: *mut napi_value,
        property_values: *mut napi_value, property_count: usize, result: *mut napi_value) {
        let result = out(result)?;
        if property_count > 0 {
            check_arg(property_names)?;
            check_arg(property_values)?;
        }
        let prototype = if prototype_or_null.is_null() {
            v8::null(scope).into()
        } else {
            let prototype = from_napi(prototype_or_null)?;
            ensure(prototype.is_object() || prototype.is_null(), Status::InvalidArg)?;
            prototype
        };
        let names = crate::napi::value::values_from_argv(property_count, property_names)?;
        let values = crate::napi::value::values_from_argv(property_count, property_values)?;
        let names: Vec<v8::Local<v8::Name>> = names
            .iter()
            .map(|name| v8::Local::<v8::Name>::try_from(*name).map_err(|_| Status::NameExpected))
            .collect::<std::result::Result<_, _>>()?;
        *result = to_napi(v8::Object::with_prototype_and_properties(scope, prototype, &names, values));
        Ok(())
    }

    /// The prototype of an object.
    fn napi_get_prototype(env: Js, scope, object: napi_value, result: *mut napi_value) {
        let result = out(result)?;
        let object = to_object(env, object)?;
        *result = to_napi(object.get_prototype(scope).ok_or(Status::GenericFailure)?);
        Ok(())
    }

    /// Sets an object's prototype (NAPI_EXPERIMENTAL).
    fn node_api_set_prototype(env: Js, scope, object: napi_value, value: napi_value) {
        let value = from_napi(value)?;
        let object = to_object(env, object)?;
        ensure(object.set_prototype(scope, value) == Some(true), Status::GenericFailure)?;
        Ok(())
    }

    /// The enumerable string keys, own and inherited (a for-in).
    fn napi_get_property_names(env: Js, scope, object: napi_value, result: *mut napi_value) {
        let result = out(result)?;
        let object = to_object(env, object)?;
        let names = property_names(scope, object, napi_key_include_prototypes, napi_key_enumerable | napi_key_skip_symbols, napi_key_numbers_to_strings)?;
        *result = to_napi(names);
        Ok(())
    }

    /// `object[key] = value`.
    fn napi_set_property(env: Js, _, object: napi_value, key: napi_value, value: napi_value) {
        let key = from_napi(key)?;
        let value = from_napi(value)?;
        let object = to_object(env, object)?;
        set_property(env, object, key, value)
    }

    /// `key in object`.
    fn napi_has_property(env: Js, scope, object: napi_value, key: napi_value, result: *mut bool) {
        let result = out(result)?;
        let key = from_napi(key)?;
        let object = to_object(env, object)?;
        *result = object.has(scope, key).ok_or(Status::GenericFailure.unless_pending())?;
        Ok(())
    }

    /// `object[key]`.
    fn napi_get_property(env: Js, _, object: napi_value, key: napi_value, result: *mut napi_value) {
        let key = from_napi(key)?;
        let result = out(result)?;
        let object = to_object(env, object)?;
        *result = get_property(env, object, key)?;
        Ok(())
    }

    /// `delete object[key]`.
    fn napi_delete_property(env: Js, scope, object: napi_value, key: napi_value, result: *mut bool) {
        let key = from_napi(key)?;
        let object = to_object(env, object)?;
        let deleted = object.delete(scope, key).ok_or(Status::GenericFailure.unless_pending())?;
        set_if_given(result, deleted);
        Ok(())
    }

    /// Whether `object` has the own property `key` (a string or symbol).
    fn napi_has_own_property(env: Js, scope, object: napi_value, key: napi_value, result: *mut bool) {
        let key = from_napi(key)?;
        let result = out(result)?;
        let object = to_object(env, object)?;
        let key = v8::Local::<v8::Name>::try_from(key).map_err(|_| Status::NameExpected)?;
        *result = object.has_own_property(scope, key).ok_or(Status::GenericFailure.unless_pending())?;
        Ok(())
    }

    /// `object[utf8name] = value`.
    fn napi_set_named_property(env: Js, _, object: napi_value, utf8name: *const c_char, value: napi_value) {
        let value = from_napi(value)?;
        let object = to_object(env, object)?;
        with_name(env, utf8name, |env, key| set_property(env, object, key, value))
    }

    /// `utf8name in object`.
    fn napi_has_named_property(env: Js, _, object: napi_value, utf8name: *const c_char, result: *mut bool) {
        let result = out(result)?;
        let object = to_object(env, object)?;
        // SAFETY: live handles and the env's context.
        let has = with_name(env, utf8name, |env, key| Ok(unsafe { shim::has(&*object, &*env.context(), &*key) }))?;
        if has == NOTHING {
            return Err(Status::GenericFailure.unless_pending());
        }
        *result = has == JUST_TRUE;
        Ok(())
    }

    /// `object[utf8name]`.
    fn napi_get_named_property(env: Js, _, object: napi_value, utf8name: *const c_char, result: *mut napi_value) {
        let result = out(result)?;
        *result = with_name(env, utf8name, |env, key| get_property(env, to_object(env, object)?, key))?;
        Ok(())
    }

    /// `object[index] = value`.
    fn napi_set_element(env: Js, _, object: napi_value, index: u32, value: napi_value) {
        let value = from_napi(value)?;
        let object = to_object(env, object)?;
        // SAFETY: live handles and the env's context.
        let set = unsafe { shim::set_index(&*object, &*env.context(), index, &*value) };
        Ok(ensure(set == JUST_TRUE, Status::GenericFailure).map_err(Status::unless_pending)?)
    }

    /// `index in object`.
    fn napi_has_element(env: Js, scope, object: napi_value, index: u32, result: *mut bool) {
        let result = out(result)?;
        let object = to_object(env, object)?;
        *result = object.has_index(scope, index).ok_or(Status::GenericFailure.unless_pending())?;
        Ok(())
    }

    /// `object[index]`.
    fn napi_get_element(env: Js, _, object: napi_value, index: u32, result: *mut napi_value) {
        let result = out(result)?;
        if let Some((words, (elements, array))) = env.words.as_ref().zip(env.array_elements.zip(from_napi(object).ok())) {
            if let Some(handle) = elements.get(words, array, index).and_then(|element| words.new_handle(element)) {
                *result = handle;
                return Ok(());
            }
            // V8's Get makes a new number of a double element too.
            if let Some(value) = elements.get_double(words, array, index) {
                *result = double_handle(env, value)?;
                return Ok(());
            }
        }
        let object = to_object(env, object)?;
        // SAFETY: live handles and the env's context.
        let value = unsafe { shim::get_index(&*object, &*env.context(), index) };
        *result = to_napi(local(value).ok_or(Status::GenericFailure.unless_pending())?);
        Ok(())
    }

    /// `delete object[index]`.
    fn napi_delete_element(env: Js, scope, object: napi_value, index: u32, result: *mut bool) {
        let object = to_object(env, object)?;
        let deleted = object.delete_index(scope, index).ok_or(Status::GenericFailure.unless_pending())?;
        set_if_given(result, deleted);
        Ok(())
    }

    /// Defines data properties, accessors and methods with their attributes.
    fn napi_define_properties(env: Js, scope, object: napi_value, property_count: usize, properties: *const napi_property_descriptor) {
        if property_count > 0 {
            check_arg(properties)?;
        }
        let object = to_object(env, object)?;
        let descriptors = if property_count == 0 {
            &[][..]
        } else {
            // SAFETY: the addon passes `property_count` descriptors.
            unsafe { std::slice::from_raw_parts(properties, property_count) }
        };
        define_properties(env, scope, object, descriptors)
    }

    /// Whether a value is an array.
    fn napi_is_array(env: NoJs, _, value: napi_value, result: *mut bool) {
        let value = from_napi(value)?;
        *out(result)? = value.is_array();
        Ok(())
    }

    /// An array's length.
    fn napi_get_array_length(env: Js, scope, value: napi_value, result: *mut u32) {
        let value = from_napi(value)?;
        let result = out(result)?;
        let array = v8::Local::<v8::Array>::try_from(value).map_err(|_| Status::ArrayExpected)?;
        *result = array.length();
        Ok(())
    }

    /// `object instanceof constructor`.
    fn napi_instanceof(env: Js, scope, object: napi_value, constructor: napi_value, result: *mut bool) {
        let object = from_napi(object)?;
        let result = out(result)?;
        *result = false;
        let constructor = to_object(env, constructor)?;
        if !constructor.is_function() {
            super::errors::make_pending(env, scope, v8::Exception::type_error, Some("ERR_NAPI_CONS_FUNCTION"), "Constructor must be a function");
            return Err(Status::FunctionExpected.into());
        }
        *result = object.instance_of(scope, constructor).ok_or(Status::GenericFailure)?;
        Ok(())
    }

    /// Keys of an object by collection mode, filter and number conversion.
    fn napi_get_all_property_names(env: Js, scope, object: napi_value, key_mode: napi_key_collection_mode,
        key_filter: napi_key_filter, key_conversion: napi_key_conversion, result: *mut napi_value) {
        let result = out(result)?;
        let object = to_object(env, object)?;
        *result = to_napi(property_names(scope, object, key_mode, key_filter, key_conversion)?);
        Ok(())
    }

    /// Tags an object (or external) with a 128-bit type tag, once.
    fn napi_type_tag_object(env: Js, scope, object_or_external: napi_value, type_tag: *const napi_type_tag) {
        let value = from_napi(object_or_external)?;
        if let Ok(external) = v8::Local::<v8::External>::try_from(value) {
            check_arg(type_tag)?;
            let data = external_data(external);
            ensure(data.type_tag.is_none(), Status::InvalidArg)?;
            // SAFETY: checked non-null; the addon passes a valid tag.
            data.type_tag = Some(unsafe { *type_tag });
            return Ok(());
        }
        let object = value.to_object(scope).ok_or(Status::ObjectExpected.unless_pending())?;
        check_arg(type_tag).map_err(|s| s.unless_pending())?;
        let key = env.type_tag_key(scope);
        let tagged = object.has_private(scope, key).ok_or(Status::GenericFailure.unless_pending())?;
        if tagged {
            return Err(Status::InvalidArg.unless_pending());
        }
        // SAFETY: checked non-null above.
        let tag = tag_bigint(scope, unsafe { &*type_tag }).ok_or(Status::GenericFailure.unless_pending())?;
        let set = object.set_private(scope, key, tag.into()).ok_or(Status::GenericFailure.unless_pending())?;
        if !set {
            return Err(Status::GenericFailure.unless_pending());
        }
        Ok(())
    }

    /// Whether an object (or external) carries the given type tag.
    fn napi_check_object_type_tag(env: Js, scope, object_or_external: napi_value, type_tag: *const napi_type_tag, result: *mut bool) {
        let value = from_napi(object_or_external)?;
        if let Ok(external) = v8::Local::<v8::External>::try_from(value) {
            let result = out(result)?;
            check_arg(type_tag)?;
            // SAFETY: checked non-null.
            let wanted = unsafe { &*type_tag };
            *result = external_data(external).type_tag.is_some_and(|t| t.lower == wanted.lower && t.upper == wanted.upper);
            return Ok(());
        }
        let object = value.to_object(scope).ok_or(Status::ObjectExpected.unless_pending())?;
        check_arg(type_tag).map_err(|s| s.unless_pending())?;
        let result = out(result).map_err(|s| s.unless_pending())?;
        let key = env.type_tag_key(scope);
        let stored = object.get_private(scope, key).ok_or(Status::GenericFailure.unless_pending())?;
        // SAFETY: checked non-null above.
        let wanted = unsafe { &*type_tag };
        *result = false;
        if let Ok(tag) = v8::Local::<v8::BigInt>::try_from(stored) {
            let mut words = [0u64; 2];
            let (negative, words) = tag.to_words_array(&mut words);
            if !negative {
                let lower = words.first().copied().unwrap_or(0);
                let upper = words.get(1).copied().unwrap_or(0);
                *result = lower == wanted.lower && upper == wanted.upper;
            }
        }
        Ok(())
    }

    /// Freezes an object.
    fn napi_object_freeze(env: Js, scope, object: napi_value) {
        let object = to_object(env, object)?;
        let frozen = object.set_integrity_level(scope, v8::IntegrityLevel::Frozen);
        ensure(frozen == Some(true), Status::GenericFailure).map_err(|s| s.unless_pending())?;
        Ok(())
    }

    /// Seals an object.
    fn napi_object_seal(env: Js, scope, object: napi_value) {
        let object = to_object(env, object)?;
        let sealed = object.set_integrity_level(scope, v8::IntegrityLevel::Sealed);
        ensure(sealed == Some(true), Status::GenericFailure).map_err(|s| s.unless_pending())?;
        Ok(())
    }

    /// A JS value holding a native pointer, with an optional finalizer.
    fn napi_create_external(env: Js, scope, data: *mut c_void, finalize_cb: node_api_basic_finalize, finalize_hint: *mut c_void, result: *mut napi_value) {
        let result = out(result)?;
        let external_data = Box::into_raw(Box::new(ExternalData { data, type_tag: None }));
        let external: v8::Local<v8::Value> = v8::External::new(scope, external_data.cast()).into();
        let free = Finalizer { callback: Some(free_external_data), data: external_data.cast(), hint: std::ptr::null_mut() };
        Reference::new(env, external, 0, Ownership::Runtime, std::ptr::null_mut(), Some(free));
        if finalize_cb.is_some() {
            let finalizer = Finalizer { callback: finalize_cb, data, hint: finalize_hint };
            Reference::new(env, external, 0, Ownership::Runtime, std::ptr::null_mut(), Some(finalizer));
        }
        *result = to_napi(external);
        Ok(())
    }

    /// The native pointer an external holds.
    fn napi_get_value_external(env: NoJs, _, value: napi_value, result: *mut *mut c_void) {
        let value = from_napi(value)?;
        let result = out(result)?;
        let external = v8::Local::<v8::External>::try_from(value).map_err(|_| Status::InvalidArg)?;
        *result = external_data(external).data;
        Ok(())
    }
}

/// napi_get_all_property_names' key collection, shared with napi_get_property_names.
fn property_names<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    object: v8::Local<v8::Object>,
    key_mode: napi_key_collection_mode,
    key_filter: napi_key_filter,
    key_conversion: napi_key_conversion,
) -> Result<v8::Local<'s, v8::Array>> {
    let mut filter = v8::PropertyFilter::ALL_PROPERTIES;
    for (bit, flag) in [
        (napi_key_writable, v8::PropertyFilter::ONLY_WRITABLE),
        (napi_key_enumerable, v8::PropertyFilter::ONLY_ENUMERABLE),
        (napi_key_configurable, v8::PropertyFilter::ONLY_CONFIGURABLE),
        (napi_key_skip_strings, v8::PropertyFilter::SKIP_STRINGS),
        (napi_key_skip_symbols, v8::PropertyFilter::SKIP_SYMBOLS),
    ] {
        if key_filter & bit != 0 {
            filter = filter | flag;
        }
    }
    let mode = match key_mode {
        napi_key_include_prototypes => v8::KeyCollectionMode::IncludePrototypes,
        napi_key_own_only => v8::KeyCollectionMode::OwnOnly,
        _ => return Err(Status::InvalidArg.into()),
    };
    let key_conversion = match key_conversion {
        napi_key_keep_numbers => v8::KeyConversionMode::KeepNumbers,
        napi_key_numbers_to_strings => v8::KeyConversionMode::ConvertToString,
        _ => return Err(Status::InvalidArg.into()),
    };
    let args = v8::GetPropertyNamesArgs { mode, property_filter: filter, index_filter: v8::IndexFilter::IncludeIndices, key_conversion };
    object.get_property_names(scope, args).ok_or(Status::GenericFailure.unless_pending())
}
