//! `Object`: a JS object received or created in a call, read and written by property name.

use crate::convert::{expect_type, FromNapiValue, ToNapiValue};
use crate::error::Result;
use crate::sys;
use crate::Env;
use std::marker::PhantomData;

/// A JS object (or function), valid for the call it was received or created in (`'env`).
#[derive(Clone, Copy)]
pub struct Object<'env> {
    env: Env,
    value: sys::napi_value,
    scope: PhantomData<&'env ()>,
}

/// napi-rs's older name for `Object`.
pub type JsObject<'env> = Object<'env>;

impl<'env> Object<'env> {
    /// Wraps a value known to be an object or function.
    pub(crate) unsafe fn from_raw(env: Env, value: sys::napi_value) -> Object<'env> {
        Object { env, value, scope: PhantomData }
    }

    /// A new empty object.
    pub fn new(env: &Env) -> Result<Object<'env>> {
        let env = *env;
        let value = env.call(|result| unsafe { sys::napi_create_object(env.raw(), result) })?;
        Ok(Object { env, value, scope: PhantomData })
    }

    /// `object[field]` converted, or `None` when it is `undefined`.
    pub fn get<V: FromNapiValue>(&self, field: impl AsRef<str>) -> Result<Option<V>> {
        let value = self.env.get_named(self.value, field.as_ref())?;
        if self.env.type_of(value)? == sys::napi_undefined {
            return Ok(None);
        }
        unsafe { V::from_napi_value(self.env.raw(), value) }
            .map(Some)
            .map_err(|error| error.context(format_args!("property {:?}", field.as_ref())))
    }

    /// `object[field] = value`.
    pub fn set<K: AsRef<str>, V: ToNapiValue>(&mut self, field: K, value: V) -> Result<()> {
        self.set_named_property(field.as_ref(), value)
    }

    /// The object's own enumerable string keys (`Object.keys`).
    pub fn keys(object: &Object) -> Result<Vec<String>> {
        let env = object.env;
        let names = env.call(|result| unsafe { sys::napi_get_property_names(env.raw(), object.value, result) })?;
        unsafe { Vec::<String>::from_napi_value(env.raw(), names) }
    }

    /// The JS object.
    pub fn raw(&self) -> sys::napi_value {
        self.value
    }
}

/// Reading and writing an object's properties by name (napi-rs's `JsObjectValue`).
pub trait JsObjectValue {
    /// The env and the object.
    fn object(&self) -> (Env, sys::napi_value);

    /// `object[name] = value`.
    fn set_named_property<T: ToNapiValue>(&mut self, name: &str, value: T) -> Result<()> {
        let (env, object) = self.object();
        let value = unsafe { value.to_napi_value(env) }?;
        env.set_named(object, name, value)
    }

    /// `object[name]` converted (a `TypeError` naming the property when it does not convert).
    fn get_named_property<T: FromNapiValue>(&self, name: &str) -> Result<T> {
        let (env, object) = self.object();
        let value = env.get_named(object, name)?;
        unsafe { T::from_napi_value(env.raw(), value) }.map_err(|error| error.context(format_args!("property {name:?}")))
    }

    /// `name in object`.
    fn has_named_property(&self, name: &str) -> Result<bool> {
        let (env, object) = self.object();
        let name = std::ffi::CString::new(name)?;
        env.call(|result| unsafe { sys::napi_has_named_property(env.raw(), object, name.as_ptr(), result) })
    }

    /// `Object.hasOwn(object, name)`.
    fn has_own_property(&self, name: &str) -> Result<bool> {
        let (env, object) = self.object();
        let key = env.string(name)?;
        env.call(|result| unsafe { sys::napi_has_own_property(env.raw(), object, key, result) })
    }

    /// `object[index]` converted (a `TypeError` naming the element when it does not convert).
    fn get_element<T: FromNapiValue>(&self, index: u32) -> Result<T> {
        let (env, object) = self.object();
        let value = env.call(|result| unsafe { sys::napi_get_element(env.raw(), object, index, result) })?;
        unsafe { T::from_napi_value(env.raw(), value) }.map_err(|error| error.context(format_args!("element {index}")))
    }

    /// `object[index] = value`.
    fn set_element<T: ToNapiValue>(&mut self, index: u32, value: T) -> Result<()> {
        let (env, object) = self.object();
        let value = unsafe { value.to_napi_value(env) }?;
        env.check(unsafe { sys::napi_set_element(env.raw(), object, index, value) })
    }

    /// `delete object[name]`: whether it was deleted.
    fn delete_named_property(&mut self, name: &str) -> Result<bool> {
        let (env, object) = self.object();
        let key = env.string(name)?;
        env.call(|result| unsafe { sys::napi_delete_property(env.raw(), object, key, result) })
    }

    /// `object[name]` converted, as `get_named_property` (napi-rs checks nothing first either).
    fn get_named_property_unchecked<T: FromNapiValue>(&self, name: &str) -> Result<T> {
        self.get_named_property(name)
    }

    /// `object[key] = value`, for a key of any type (string, symbol, number).
    fn set_property<K: ToNapiValue, V: ToNapiValue>(&mut self, key: K, value: V) -> Result<()> {
        let (env, object) = self.object();
        let key = unsafe { key.to_napi_value(env) }?;
        let value = unsafe { value.to_napi_value(env) }?;
        env.check(unsafe { sys::napi_set_property(env.raw(), object, key, value) })
    }

    /// `object[key]` converted, for a key of any type.
    fn get_property<K: ToNapiValue, V: FromNapiValue>(&self, key: K) -> Result<V> {
        let (env, object) = self.object();
        let key = unsafe { key.to_napi_value(env) }?;
        let value = env.call(|result| unsafe { sys::napi_get_property(env.raw(), object, key, result) })?;
        unsafe { V::from_napi_value(env.raw(), value) }
    }

    /// The names of its own and inherited enumerable string-keyed properties (`for...in`'s),
    /// as an array.
    fn get_property_names<'env>(&self) -> Result<Object<'env>> {
        let (env, object) = self.object();
        let names = env.call(|result| unsafe { sys::napi_get_property_names(env.raw(), object, result) })?;
        Ok(unsafe { Object::from_raw(env, names) })
    }

    /// `Object(object)`: the object itself.
    fn coerce_to_object<'env>(&self) -> Result<Object<'env>> {
        let (env, object) = self.object();
        let object = env.call(|result| unsafe { sys::napi_coerce_to_object(env.raw(), object, result) })?;
        Ok(unsafe { Object::from_raw(env, object) })
    }

    /// `Object.defineProperties(object, properties)`.
    fn define_properties(&mut self, properties: &[crate::Property]) -> Result<()> {
        let (env, object) = self.object();
        crate::property::define_on(env, object, properties)
    }

    /// `object[name] = value`, the name a C string.
    fn set_c_named_property<T: ToNapiValue>(&mut self, name: &std::ffi::CStr, value: T) -> Result<()> {
        let (env, object) = self.object();
        let value = unsafe { value.to_napi_value(env) }?;
        env.check(unsafe { sys::napi_set_named_property(env.raw(), object, name.as_ptr(), value) })
    }

    /// `object[name]` converted, the name a C string.
    fn get_c_named_property<T: FromNapiValue>(&self, name: &std::ffi::CStr) -> Result<T> {
        let (env, object) = self.object();
        let value = env.call(|result| unsafe { sys::napi_get_named_property(env.raw(), object, name.as_ptr(), result) })?;
        unsafe { T::from_napi_value(env.raw(), value) }
    }

    /// `name in object`, the name a C string.
    fn has_c_named_property(&self, name: &std::ffi::CStr) -> Result<bool> {
        let (env, object) = self.object();
        env.call(|result| unsafe { sys::napi_has_named_property(env.raw(), object, name.as_ptr(), result) })
    }

    /// `Object.hasOwn(object, name)`, the name a C string.
    fn has_c_own_property(&self, name: &std::ffi::CStr) -> Result<bool> {
        let (env, object) = self.object();
        let key = env.call(|result| unsafe { sys::napi_create_string_utf8(env.raw(), name.as_ptr(), sys::NAPI_AUTO_LENGTH, result) })?;
        env.call(|result| unsafe { sys::napi_has_own_property(env.raw(), object, key, result) })
    }

    /// `delete object[name]`, the name a C string: whether it was deleted.
    fn delete_c_named_property(&mut self, name: &std::ffi::CStr) -> Result<bool> {
        let (env, object) = self.object();
        let key = env.call(|result| unsafe { sys::napi_create_string_utf8(env.raw(), name.as_ptr(), sys::NAPI_AUTO_LENGTH, result) })?;
        env.call(|result| unsafe { sys::napi_delete_property(env.raw(), object, key, result) })
    }

    /// `object[name]` = a function named `name` calling `callback` (a `<name>_c_callback`).
    fn create_c_named_method(&mut self, name: &std::ffi::CStr, callback: crate::class::Callback) -> Result<()> {
        let (env, object) = self.object();
        let function = env.call(|result| unsafe {
            sys::napi_create_function(env.raw(), name.as_ptr(), sys::NAPI_AUTO_LENGTH, Some(callback), std::ptr::null_mut(), result)
        })?;
        env.check(unsafe { sys::napi_set_named_property(env.raw(), object, name.as_ptr(), function) })
    }
}

impl JsObjectValue for Object<'_> {
    fn object(&self) -> (Env, sys::napi_value) {
        (self.env, self.value)
    }
}

impl FromNapiValue for Object<'_> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        if env.type_of(value)? != sys::napi_function {
            expect_type(env, value, sys::napi_object)?;
        }
        Ok(Object { env, value, scope: PhantomData })
    }
}

impl ToNapiValue for Object<'_> {
    unsafe fn to_napi_value(self, _env: Env) -> Result<sys::napi_value> {
        Ok(self.value)
    }
}

/// A JS array, valid for the call it was received or created in (`'env`), read and written
/// by index.
#[derive(Clone, Copy)]
pub struct Array<'env> {
    env: Env,
    value: sys::napi_value,
    length: u32,
    scope: PhantomData<&'env ()>,
}

impl<'env> Array<'env> {
    /// The array's length when it was received or made (and as `insert` grew it).
    pub fn len(&self) -> u32 {
        self.length
    }

    pub fn is_empty(&self) -> bool {
        self.length == 0
    }

    /// `array[index]` converted, or `None` past the end or when it is `undefined`.
    pub fn get<T: FromNapiValue>(&self, index: u32) -> Result<Option<T>> {
        let env = self.env;
        if index >= self.length {
            return Ok(None);
        }
        let element = env.call(|result| unsafe { sys::napi_get_element(env.raw(), self.value, index, result) })?;
        if env.type_of(element)? == sys::napi_undefined {
            return Ok(None);
        }
        unsafe { T::from_napi_value(env.raw(), element) }.map(Some).map_err(|error| error.context(format_args!("element {index}")))
    }

    /// `array[index] = value` (growing the array past its end).
    pub fn set<T: ToNapiValue>(&mut self, index: u32, value: T) -> Result<()> {
        let env = self.env;
        let value = unsafe { value.to_napi_value(env)? };
        env.check(unsafe { sys::napi_set_element(env.raw(), self.value, index, value) })?;
        self.length = self.length.max(index.saturating_add(1));
        Ok(())
    }

    /// `array.push(value)`, as far as this handle knows the length.
    pub fn insert<T: ToNapiValue>(&mut self, value: T) -> Result<()> {
        self.set(self.length, value)
    }

    /// The array as an `Object`.
    pub fn coerce_to_object(self) -> Result<Object<'env>> {
        Ok(Object { env: self.env, value: self.value, scope: PhantomData })
    }

    /// The JS array.
    pub fn raw(&self) -> sys::napi_value {
        self.value
    }
}

/// The global object (napi-rs's `JsGlobal`: an `Object`).
pub type JsGlobal<'env> = Object<'env>;

impl Env {
    /// The global object (`globalThis`).
    pub fn get_global<'env>(&self) -> Result<JsGlobal<'env>> {
        Ok(Object { env: *self, value: self.global()?, scope: PhantomData })
    }

    /// A new array of `length` holes.
    pub fn create_array<'env>(&'env self, length: u32) -> Result<Array<'env>> {
        let value = self.call(|result| unsafe { sys::napi_create_array_with_length(self.raw(), length as usize, result) })?;
        Ok(Array { env: *self, value, length, scope: PhantomData })
    }
}

impl JsObjectValue for Array<'_> {
    fn object(&self) -> (Env, sys::napi_value) {
        (self.env, self.value)
    }
}

impl FromNapiValue for Array<'_> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        if !env.call(|result| sys::napi_is_array(env.raw(), value, result))? {
            let actual = crate::type_name(env.type_of(value)?);
            return Err(crate::Error::type_error(format!("expected an array, got {actual}")));
        }
        let length = env.call(|result| sys::napi_get_array_length(env.raw(), value, result))?;
        Ok(Array { env, value, length, scope: PhantomData })
    }
}

impl ToNapiValue for Array<'_> {
    unsafe fn to_napi_value(self, _env: Env) -> Result<sys::napi_value> {
        Ok(self.value)
    }
}

/// The call's `this` as a parameter: `this: This` (an `Object`), or `This<T>` for `this`
/// converted to `T` (e.g. `This<ClassInstance<T>>`). Not a JS argument.
pub struct This<'env, T = Object<'env>> {
    pub object: T,
    scope: PhantomData<&'env ()>,
}

impl<T> This<'_, T> {
    pub(crate) fn of(object: T) -> Self {
        This { object, scope: PhantomData }
    }
}

impl<T> std::ops::Deref for This<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.object
    }
}

impl<T> std::ops::DerefMut for This<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.object
    }
}

impl<T: FromNapiValue> FromNapiValue for This<'_, T> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        T::from_napi_value(env.raw(), value).map(|object| This { object, scope: PhantomData }).map_err(|error| error.context("this"))
    }
}

impl<T: ToNapiValue> ToNapiValue for This<'_, T> {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        self.object.to_napi_value(env)
    }
}
