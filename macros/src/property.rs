//! `Property`: a property descriptor built in Rust (a value, a getter/setter or a method
//! callback, attributes), defined on objects with `define_properties` and on classes with
//! `Env::define_class`.

use crate::class::Callback;
use crate::error::Result;
use crate::sys;
use crate::values::Function;
use crate::Env;
use std::ffi::CString;
use std::ptr;

/// A property's attributes (`Writable | Enumerable`); `PropertyAttributes::default()` is all
/// three of writable, enumerable and configurable, as a JS assignment makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PropertyAttributes(sys::napi_property_attributes);

#[allow(non_upper_case_globals)]
impl PropertyAttributes {
    /// None of the attributes (read-only, hidden from enumeration, not configurable).
    pub const Default: PropertyAttributes = PropertyAttributes(sys::napi_default);
    pub const Writable: PropertyAttributes = PropertyAttributes(sys::napi_writable);
    pub const Enumerable: PropertyAttributes = PropertyAttributes(sys::napi_enumerable);
    pub const Configurable: PropertyAttributes = PropertyAttributes(sys::napi_configurable);
    /// On a class: a static member.
    pub const Static: PropertyAttributes = PropertyAttributes(sys::napi_static);

    /// The Node-API attribute bits.
    pub fn bits(self) -> sys::napi_property_attributes {
        self.0
    }
}

impl Default for PropertyAttributes {
    fn default() -> Self {
        PropertyAttributes(sys::napi_default_jsproperty)
    }
}

impl std::ops::BitOr for PropertyAttributes {
    type Output = PropertyAttributes;
    fn bitor(self, other: PropertyAttributes) -> PropertyAttributes {
        PropertyAttributes(self.0 | other.0)
    }
}

/// A JS value's handle (napi-rs's `NapiRaw`): what `Property::with_value` and `with_name` take.
pub trait NapiRaw {
    /// The value's handle.
    fn raw(&self) -> sys::napi_value;
}

macro_rules! napi_raw {
    ($($name:ident $(<$($generic:tt),*>)?),* $(,)?) => {
        $(impl $(<$($generic),*>)? NapiRaw for crate::$name $(<$($generic),*>)? {
            fn raw(&self) -> sys::napi_value {
                crate::$name::raw(self)
            }
        })*
    };
}

napi_raw!(
    ArrayBuffer<'env>, BufferSlice<'env>, Object<'env>, Array<'env>, PromiseRaw<'env, T>, JsExternal<'env>, JsString<'env>,
);

impl<'env, K: crate::TypedArrayKind> NapiRaw for crate::TypedArraySlice<'env, K> {
    fn raw(&self) -> sys::napi_value {
        crate::TypedArraySlice::raw(self)
    }
}

impl NapiRaw for crate::JsValue {
    fn raw(&self) -> sys::napi_value {
        self.0
    }
}

impl NapiRaw for crate::JsSymbol {
    fn raw(&self) -> sys::napi_value {
        self.0
    }
}

impl<Args, Return> NapiRaw for Function<'_, Args, Return> {
    fn raw(&self) -> sys::napi_value {
        self.value
    }
}

#[derive(Clone)]
enum PropertyName {
    Utf8(CString),
    Value(sys::napi_value),
}

/// A property to define: its name (`with_utf8_name`, or a string or symbol with `with_name`)
/// and a value, a getter and/or setter, or a method.
#[derive(Clone)]
pub struct Property {
    name: PropertyName,
    getter: Option<Callback>,
    setter: Option<Callback>,
    method: Option<Callback>,
    attributes: PropertyAttributes,
    value: sys::napi_value,
    getter_closure: Option<std::sync::Arc<GetterClosure>>,
    setter_closure: Option<std::sync::Arc<SetterClosure>>,
}

type GetterClosure = dyn Fn(Env, sys::napi_value) -> Result<sys::napi_value>;
type SetterClosure = dyn Fn(Env, sys::napi_value, sys::napi_value) -> Result<()>;

/// A property's closure accessors, the `data` of its descriptor: owned by the object or class
/// it is defined on (freed by a finalizer of it).
struct ClosureAccessors {
    getter: Option<std::sync::Arc<GetterClosure>>,
    setter: Option<std::sync::Arc<SetterClosure>>,
}

unsafe extern "C" fn closure_getter(env: sys::napi_env, info: sys::napi_callback_info) -> sys::napi_value {
    crate::callback::run(env, |env| {
        let call = crate::callback::CallInfo::<0>::read(env, info)?;
        let accessors = &*call.data.cast::<ClosureAccessors>();
        accessors.getter.as_ref().map_or_else(|| env.undefined(), |getter| getter(env, call.this))
    })
}

unsafe extern "C" fn closure_setter(env: sys::napi_env, info: sys::napi_callback_info) -> sys::napi_value {
    crate::callback::run(env, |env| {
        let call = crate::callback::CallInfo::<1>::read(env, info)?;
        let accessors = &*call.data.cast::<ClosureAccessors>();
        if let Some(setter) = &accessors.setter {
            setter(env, call.this, call.args[0])?;
        }
        env.undefined()
    })
}

unsafe extern "C" fn free_closure_accessors(_env: sys::napi_env, data: *mut std::ffi::c_void, _hint: *mut std::ffi::c_void) {
    crate::error::without_unwinding(|| drop(Box::from_raw(data.cast::<ClosureAccessors>())));
}

impl Default for Property {
    fn default() -> Self {
        Property {
            name: PropertyName::Utf8(CString::default()),
            getter: None,
            setter: None,
            method: None,
            attributes: PropertyAttributes::default(),
            value: ptr::null_mut(),
            getter_closure: None,
            setter_closure: None,
        }
    }
}

impl Property {
    /// A property with no name yet, writable, enumerable and configurable.
    pub fn new() -> Self {
        Property::default()
    }

    /// Named `name` (an error if it holds a NUL).
    pub fn with_utf8_name(mut self, name: &str) -> Result<Self> {
        self.name = PropertyName::Utf8(CString::new(name)?);
        Ok(self)
    }

    /// Named by a JS string or symbol.
    pub fn with_name<N: NapiRaw>(mut self, _env: &Env, name: N) -> Result<Self> {
        self.name = PropertyName::Value(name.raw());
        Ok(self)
    }

    /// Its value is a function calling `callback`.
    pub fn with_method(mut self, callback: Callback) -> Self {
        self.method = Some(callback);
        self
    }

    /// An accessor whose getter calls `callback`.
    pub fn with_getter(mut self, callback: Callback) -> Self {
        self.getter = Some(callback);
        self
    }

    /// An accessor whose setter calls `callback`.
    pub fn with_setter(mut self, callback: Callback) -> Self {
        self.setter = Some(callback);
        self
    }

    /// An accessor whose getter calls `getter(env, this)`.
    pub fn with_getter_closure<R, F>(mut self, getter: F) -> Self
    where
        F: 'static + Fn(Env, crate::This) -> Result<R>,
        R: crate::ToNapiValue,
    {
        self.getter_closure = Some(std::sync::Arc::new(move |env: Env, this: sys::napi_value| unsafe {
            getter(env, crate::This::of(crate::Object::from_raw(env, this)))?.to_napi_value(env)
        }));
        self
    }

    /// An accessor whose setter calls `setter(env, this, value)` with the value converted.
    pub fn with_setter_closure<V, F>(mut self, setter: F) -> Self
    where
        F: 'static + Fn(Env, crate::This, V) -> Result<()>,
        V: crate::FromNapiValue,
    {
        self.setter_closure = Some(std::sync::Arc::new(move |env: Env, this: sys::napi_value, value: sys::napi_value| unsafe {
            setter(env, crate::This::of(crate::Object::from_raw(env, this)), V::from_napi_value(env.raw(), value)?)
        }));
        self
    }

    pub fn with_property_attributes(mut self, attributes: PropertyAttributes) -> Self {
        self.attributes = attributes;
        self
    }

    /// Its value is `value`.
    pub fn with_value<T: NapiRaw>(mut self, value: &T) -> Self {
        self.value = value.raw();
        self
    }

    /// The Node-API descriptor (borrowing the name); its closure accessors, if any, boxed as
    /// its `data` (for `Descriptors` to hand to the target).
    fn descriptor(&self) -> (sys::napi_property_descriptor, Option<Box<ClosureAccessors>>) {
        let (utf8name, name) = match &self.name {
            PropertyName::Utf8(name) => (name.as_ptr(), ptr::null_mut()),
            PropertyName::Value(name) => (ptr::null(), *name),
        };
        let mut closures = (self.getter_closure.is_some() || self.setter_closure.is_some())
            .then(|| Box::new(ClosureAccessors { getter: self.getter_closure.clone(), setter: self.setter_closure.clone() }));
        let getter = if self.getter_closure.is_some() { Some(closure_getter as Callback) } else { self.getter };
        let setter = if self.setter_closure.is_some() { Some(closure_setter as Callback) } else { self.setter };
        // Node-API refuses `writable` on accessors: an accessor is as writable as its setter.
        let accessor = getter.is_some() || setter.is_some();
        let attributes = if accessor { self.attributes.0 & !sys::napi_writable } else { self.attributes.0 };
        let data = closures.as_deref_mut().map_or(ptr::null_mut(), |closures| (closures as *mut ClosureAccessors).cast());
        let descriptor = sys::napi_property_descriptor { utf8name, name, method: self.method, getter, setter, value: self.value, attributes, data };
        (descriptor, closures)
    }
}

/// Properties' descriptors, and the closure accessors they point at until `hand_to` gives
/// those to the object or class they were defined on.
struct Descriptors {
    descriptors: Vec<sys::napi_property_descriptor>,
    closures: Vec<Box<ClosureAccessors>>,
}

impl Descriptors {
    fn of(properties: &[Property]) -> Self {
        let (descriptors, closures): (Vec<_>, Vec<_>) = properties.iter().map(Property::descriptor).unzip();
        Descriptors { descriptors, closures: closures.into_iter().flatten().collect() }
    }

    /// Makes `target` own the closure accessors: they are freed when it is collected.
    unsafe fn hand_to(self, env: Env, target: sys::napi_value) -> Result<()> {
        for closures in self.closures {
            let data = Box::into_raw(closures);
            let added = env.check(sys::napi_add_finalizer(env.raw(), target, data.cast(), Some(free_closure_accessors), ptr::null_mut(), ptr::null_mut()));
            if let Err(error) = added {
                drop(Box::from_raw(data));
                return Err(error);
            }
        }
        Ok(())
    }
}

/// Defines `properties` on `object`.
pub(crate) fn define_on(env: Env, object: sys::napi_value, properties: &[Property]) -> Result<()> {
    let descriptors = Descriptors::of(properties);
    env.check(unsafe { sys::napi_define_properties(env.raw(), object, descriptors.descriptors.len(), descriptors.descriptors.as_ptr()) })?;
    unsafe { descriptors.hand_to(env, object) }
}


impl Env {
    /// A JS class named `name` whose constructor calls `constructor`, with `properties` on its
    /// prototype (those with `PropertyAttributes::Static`: on the class).
    pub fn define_class<'env>(&'env self, name: &str, constructor: Callback, properties: &[Property]) -> Result<Function<'env>> {
        let descriptors = Descriptors::of(properties);
        let class = self.call(|result| unsafe {
            sys::napi_define_class(
                self.raw(),
                name.as_ptr().cast(),
                name.len(),
                Some(constructor),
                ptr::null_mut(),
                descriptors.descriptors.len(),
                descriptors.descriptors.as_ptr(),
                result,
            )
        })?;
        unsafe { descriptors.hand_to(*self, class)? };
        Ok(Function { env: *self, value: class, signature: std::marker::PhantomData })
    }
}
