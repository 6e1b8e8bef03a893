//! Classes: a `#[napi]` struct is a JS class whose instances wrap the Rust value; its
//! `#[napi]` impl adds the constructor, methods, getters, setters and static methods.

use crate::callback::CallInfo;
use crate::error::{Error, Result};
use crate::module::{instance_data, lock};
use crate::sys;
use crate::Env;
use std::any::Any;
use std::cell::RefCell;
use std::ffi::c_void;
use std::ptr;
use std::sync::Mutex;

/// A generated JS callback.
pub type Callback = unsafe extern "C" fn(sys::napi_env, sys::napi_callback_info) -> sys::napi_value;

/// Makes the Rust value from a `new` call's arguments.
pub type Constructor<T> = unsafe fn(Env, sys::napi_callback_info) -> Result<T>;

/// What a class member is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberKind {
    Method,
    /// `#[napi(writable = false)]`: a method that cannot be assigned over.
    ReadonlyMethod,
    StaticMethod,
    Getter,
    Setter,
}

/// One member of a class, as the `#[napi]` impl registers it.
#[derive(Clone, Copy)]
pub struct Member {
    pub name: &'static str,
    pub kind: MemberKind,
    pub callback: Callback,
}

/// A class's constructor and members, filled in when the library loads.
pub struct ClassMembers<T> {
    constructor: Mutex<Option<Constructor<T>>>,
    members: Mutex<Vec<Member>>,
}

impl<T> ClassMembers<T> {
    pub const fn new() -> Self {
        ClassMembers { constructor: Mutex::new(None), members: Mutex::new(Vec::new()) }
    }

    /// Sets the function `new` runs.
    pub fn set_constructor(&self, constructor: Constructor<T>) {
        *lock(&self.constructor) = Some(constructor);
    }

    /// Adds a member.
    pub fn add(&self, member: Member) {
        lock(&self.members).push(member);
    }

    fn constructor(&self) -> Option<Constructor<T>> {
        *lock(&self.constructor)
    }

    fn members(&self) -> Vec<Member> {
        lock(&self.members).clone()
    }
}

impl<T> Default for ClassMembers<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// A Rust type exported as a JS class (implemented by `#[napi]` on the struct).
pub trait Class: Sized + 'static {
    /// The class's JS name.
    const JS_NAME: &'static str;
    /// The class's constructor and members.
    fn members() -> &'static ClassMembers<Self>;

    /// Runs when the JS instance is collected, with the value it wrapped (dropped by
    /// default; `#[napi(custom_finalize)]` runs the struct's `ObjectFinalize` impl).
    fn finalize(self, env: Env) -> Result<()> {
        let _ = env;
        Ok(())
    }
}

/// What a `#[napi(custom_finalize)]` class does when its JS instance is collected: `finalize`
/// gets the value (and a finalizer's env: no JS can run, but e.g. `adjust_external_memory`
/// can). An `Err` has nowhere to go and is dropped.
pub trait ObjectFinalize: Sized {
    fn finalize(self, env: Env) -> Result<()> {
        let _ = env;
        Ok(())
    }
}

/// The type tag that marks instances of `T` (unique per class in the process: the address
/// of its member table).
fn type_tag<T: Class>() -> sys::napi_type_tag {
    sys::napi_type_tag { lower: T::members() as *const ClassMembers<T> as u64, upper: 0x616e_6f64_655f_6e61 }
}

thread_local! {
    /// A value `new_instance` hands to the constructor instead of running the Rust one.
    static NATIVE_VALUE: RefCell<Option<Box<dyn Any>>> = const { RefCell::new(None) };
    /// napi-rs's flag for a constructor called by code that wraps the instance itself
    /// (`wrap_and_tag`): while it is set, constructors leave `this` unwrapped.
    pub static ___CALL_FROM_FACTORY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Wraps `native` (a `T`) in `object` and tags it as a `T` instance, as napi-rs's function of
/// the name: the caller keeps owning `native` (no finalizer; `napi_remove_wrap` detaches it).
/// A failed tag undoes the wrap.
pub unsafe fn wrap_and_tag<T: Class>(env: sys::napi_env, object: sys::napi_value, native: *mut c_void) -> Result<()> {
    let env = Env::from_raw(env);
    env.check(sys::napi_wrap(env.raw(), object, native, None, ptr::null_mut(), ptr::null_mut()))?;
    if let Err(error) = env.check(sys::napi_type_tag_object(env.raw(), object, &type_tag::<T>())) {
        let mut detached = ptr::null_mut();
        sys::napi_remove_wrap(env.raw(), object, &mut detached);
        return Err(error);
    }
    Ok(())
}

unsafe extern "C" fn finalize<T: Class>(env: sys::napi_env, data: *mut c_void, _hint: *mut c_void) {
    crate::error::without_unwinding(|| {
        let _ = T::finalize(*Box::from_raw(data.cast::<T>()), Env::from_raw(env));
    });
}

/// The JS constructor of every class: wraps the Rust value in `this`.
unsafe extern "C" fn construct<T: Class>(env: sys::napi_env, info: sys::napi_callback_info) -> sys::napi_value {
    crate::callback::run(env, |env| {
        let call = CallInfo::<0>::read(env, info)?;
        let new_target = env.call(|result| sys::napi_get_new_target(env.raw(), info, result))?;
        if new_target.is_null() {
            return Err(Error::type_error(format!("Class constructor {} cannot be invoked without 'new'", T::JS_NAME)));
        }
        if ___CALL_FROM_FACTORY.get() {
            return Ok(call.this);
        }
        let native = NATIVE_VALUE.with(|slot| slot.borrow_mut().take());
        let value = match native.map(|value| value.downcast::<T>()) {
            Some(Ok(value)) => value,
            Some(Err(_)) => return Err(Error::from_reason("a native value of another class was pending")),
            None => match T::members().constructor() {
                Some(constructor) => Box::new(constructor(env, info)?),
                None => {
                    return Err(Error::from_reason(format!("Class {} has no constructor and cannot be constructed", T::JS_NAME)))
                }
            },
        };
        let data = Box::into_raw(value).cast::<c_void>();
        let wrapped = env.check(sys::napi_wrap(env.raw(), call.this, data, Some(finalize::<T>), ptr::null_mut(), ptr::null_mut()));
        if let Err(error) = wrapped {
            drop(Box::from_raw(data.cast::<T>()));
            return Err(error);
        }
        env.check(sys::napi_type_tag_object(env.raw(), call.this, &type_tag::<T>()))?;
        Ok(call.this)
    })
}

/// Defines the JS class of `T` in `env` and remembers its constructor there.
pub unsafe fn define_class<T: Class>(env: Env) -> Result<sys::napi_value> {
    let members = T::members().members();
    let mut names: Vec<std::ffi::CString> = Vec::new();
    let mut descriptors: Vec<sys::napi_property_descriptor> = Vec::new();
    for member in &members {
        let existing = names.iter().position(|name| name.to_bytes() == member.name.as_bytes());
        let index = match (existing, member.kind) {
            (Some(index), MemberKind::Getter | MemberKind::Setter) if descriptors[index].attributes & sys::napi_static == 0 => index,
            _ => {
                names.push(std::ffi::CString::new(member.name)?);
                descriptors.push(sys::napi_property_descriptor {
                    utf8name: ptr::null(),
                    name: ptr::null_mut(),
                    method: None,
                    getter: None,
                    setter: None,
                    value: ptr::null_mut(),
                    attributes: sys::napi_default,
                    data: ptr::null_mut(),
                });
                descriptors.len() - 1
            }
        };
        let descriptor = &mut descriptors[index];
        match member.kind {
            MemberKind::Method => (descriptor.method, descriptor.attributes) = (Some(member.callback), sys::napi_default_method),
            MemberKind::ReadonlyMethod => (descriptor.method, descriptor.attributes) = (Some(member.callback), sys::napi_configurable),
            MemberKind::StaticMethod => {
                (descriptor.method, descriptor.attributes) = (Some(member.callback), sys::napi_default_method | sys::napi_static)
            }
            MemberKind::Getter => (descriptor.getter, descriptor.attributes) = (Some(member.callback), sys::napi_configurable),
            MemberKind::Setter => (descriptor.setter, descriptor.attributes) = (Some(member.callback), sys::napi_configurable),
        }
    }
    for (descriptor, name) in descriptors.iter_mut().zip(&names) {
        descriptor.utf8name = name.as_ptr();
    }
    let class = env.call(|result| {
        sys::napi_define_class(
            env.raw(),
            T::JS_NAME.as_ptr().cast(),
            T::JS_NAME.len(),
            Some(construct::<T>),
            ptr::null_mut(),
            descriptors.len(),
            descriptors.as_ptr(),
            result,
        )
    })?;
    let reference = env.call(|result| sys::napi_create_reference(env.raw(), class, 1, result))?;
    instance_data(env)?.classes.insert(T::JS_NAME, reference);
    Ok(class)
}

/// The constructor of the class `T`, as registered when it was defined.
unsafe fn class_constructor<T: Class>(env: Env) -> Result<sys::napi_value> {
    let reference = *instance_data(env)?
        .classes
        .get(T::JS_NAME)
        .ok_or_else(|| Error::from_reason(format!("class {} is not exported", T::JS_NAME)))?;
    env.call(|result| sys::napi_get_reference_value(env.raw(), reference, result))
}

/// A new JS instance of `T` wrapping `value` (for factories and returned values).
pub unsafe fn new_instance<T: Class>(env: Env, value: T) -> Result<sys::napi_value> {
    let class = class_constructor::<T>(env)?;
    NATIVE_VALUE.with(|slot| *slot.borrow_mut() = Some(Box::new(value)));
    let instance = env.call(|result| sys::napi_new_instance(env.raw(), class, 0, ptr::null(), result));
    NATIVE_VALUE.with(|slot| slot.borrow_mut().take());
    instance
}

/// The Rust value wrapped by `object`, which must be an instance of `T`.
pub unsafe fn unwrap<'a, T: Class>(env: Env, object: sys::napi_value) -> Result<&'a mut T> {
    let is_instance = env.call(|result| sys::napi_check_object_type_tag(env.raw(), object, &type_tag::<T>(), result));
    if !matches!(is_instance, Ok(true)) {
        return Err(not_an_instance::<T>(env));
    }
    let data = env.call(|result| sys::napi_unwrap(env.raw(), object, result))?;
    Ok(&mut *data.cast::<T>())
}

/// The error for a value that is not an instance of `T`. For `null` and `undefined` the type
/// tag check has thrown (it converts its argument to an object): that exception is dropped.
#[cold]
unsafe fn not_an_instance<T: Class>(env: Env) -> Error {
    if env.is_exception_pending() {
        let mut ignored = ptr::null_mut();
        sys::napi_get_and_clear_last_exception(env.raw(), &mut ignored);
    }
    Error::type_error(format!("expected an instance of {}", T::JS_NAME))
}

/// A constructor's result: `Self` or `Result<Self>`.
pub trait IntoResult<T> {
    fn into_result(self) -> Result<T>;
}

impl<T: Class> IntoResult<T> for T {
    fn into_result(self) -> Result<T> {
        Ok(self)
    }
}

impl<T: Class, S: AsRef<str>> IntoResult<T> for Result<T, S> {
    fn into_result(self) -> Result<T> {
        self.map_err(Error::into_status_error)
    }
}

/// A `&T` / `&mut T` argument: the Rust value inside a class instance, or a value converted
/// from JS (held for the call).
pub enum Argument<T> {
    Owned(T),
    Wrapped(*mut T),
}

impl<T> std::ops::Deref for Argument<T> {
    type Target = T;
    fn deref(&self) -> &T {
        match self {
            Argument::Owned(value) => value,
            Argument::Wrapped(pointer) => unsafe { &**pointer },
        }
    }
}

impl<T> std::ops::DerefMut for Argument<T> {
    fn deref_mut(&mut self) -> &mut T {
        match self {
            Argument::Owned(value) => value,
            Argument::Wrapped(pointer) => unsafe { &mut **pointer },
        }
    }
}

/// Chooses how a reference argument is read: `(&ArgumentKind::<T>::new()).read(..)` finds
/// `ReadClass` first when `T` is a class, else `ReadValue` (method lookup tries the receiver
/// before its auto-reference).
pub struct ArgumentKind<T>(std::marker::PhantomData<T>);

impl<T> ArgumentKind<T> {
    pub fn new() -> Self {
        ArgumentKind(std::marker::PhantomData)
    }
}

impl<T> Default for ArgumentKind<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// Reads a class instance's value.
pub trait ReadClass<T> {
    unsafe fn read(&self, env: Env, value: sys::napi_value) -> Result<Argument<T>>;
}

impl<T: Class> ReadClass<T> for ArgumentKind<T> {
    unsafe fn read(&self, env: Env, value: sys::napi_value) -> Result<Argument<T>> {
        unwrap::<T>(env, value).map(|value| Argument::Wrapped(value))
    }
}

/// Reads a value converted from JS.
pub trait ReadValue<T> {
    unsafe fn read(&self, env: Env, value: sys::napi_value) -> Result<Argument<T>>;
}

impl<T: crate::FromNapiValue> ReadValue<T> for &ArgumentKind<T> {
    unsafe fn read(&self, env: Env, value: sys::napi_value) -> Result<Argument<T>> {
        T::from_napi_value(env.raw(), value).map(Argument::Owned)
    }
}

/// A class instance: its JS object and the Rust value inside (dereferences to `T`).
pub struct ClassInstance<'env, T> {
    /// The JS object.
    pub value: sys::napi_value,
    env: Env,
    inner: *mut T,
    scope: std::marker::PhantomData<&'env mut T>,
}

impl<'env, T> ClassInstance<'env, T> {
    /// The JS object.
    pub fn js_value(&self) -> sys::napi_value {
        self.value
    }

    /// The same instance for another scope (the JS object keeps the value alive as long).
    fn rescoped<'other>(&self) -> ClassInstance<'other, T> {
        ClassInstance { value: self.value, env: self.env, inner: self.inner, scope: std::marker::PhantomData }
    }

    /// Sets `this[name]` to this instance, which then lives as long as `this`.
    pub fn assign_to_this<'this, U: crate::NapiRaw>(&self, name: &str, this: &mut crate::This<'this, U>) -> Result<ClassInstance<'this, T>> {
        self.assign_to_this_with_attributes(name, crate::PropertyAttributes::Default, this)
    }

    /// Defines `this[name]` as this instance with `attributes`; it then lives as long as `this`.
    pub fn assign_to_this_with_attributes<'this, U: crate::NapiRaw>(
        &self,
        name: &str,
        attributes: crate::PropertyAttributes,
        this: &mut crate::This<'this, U>,
    ) -> Result<ClassInstance<'this, T>> {
        let property = crate::Property::new().with_utf8_name(name)?.with_value(self).with_property_attributes(attributes);
        crate::property::define_on(self.env, this.object.raw(), &[property])?;
        Ok(self.rescoped())
    }
}

impl<T> crate::NapiRaw for ClassInstance<'_, T> {
    fn raw(&self) -> sys::napi_value {
        self.value
    }
}

impl<T: Class> crate::FromNapiValue for ClassInstance<'_, T> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        Ok(ClassInstance { value, env, inner: unwrap::<T>(env, value)?, scope: std::marker::PhantomData })
    }
}

impl<T> crate::ToNapiValue for ClassInstance<'_, T> {
    unsafe fn to_napi_value(self, _env: Env) -> Result<sys::napi_value> {
        Ok(self.value)
    }
}

impl<T> std::ops::Deref for ClassInstance<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        unsafe { &*self.inner }
    }
}

impl<T> std::ops::DerefMut for ClassInstance<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        unsafe { &mut *self.inner }
    }
}

impl<T> AsRef<T> for ClassInstance<'_, T> {
    fn as_ref(&self) -> &T {
        self
    }
}

/// What every `#[napi]` class can do with a Rust value of it (napi-rs's trait of the name).
pub trait JavaScriptClassExt: Sized {
    /// A new JS instance wrapping the value.
    fn into_instance(self, env: &Env) -> Result<ClassInstance<'_, Self>>;
    /// A new JS instance wrapping the value, and a strong reference to it.
    fn into_reference(self, env: Env) -> Result<Reference<Self>>;
    /// `value instanceof` the class.
    fn instance_of<V: crate::NapiRaw>(env: &Env, value: &V) -> Result<bool>;
}

impl<T: Class> JavaScriptClassExt for T {
    fn into_instance(self, env: &Env) -> Result<ClassInstance<'_, Self>> {
        unsafe {
            let value = new_instance(*env, self)?;
            Ok(ClassInstance { value, env: *env, inner: unwrap::<T>(*env, value)?, scope: std::marker::PhantomData })
        }
    }

    fn into_reference(self, env: Env) -> Result<Reference<Self>> {
        Reference::new(env, self)
    }

    fn instance_of<V: crate::NapiRaw>(env: &Env, value: &V) -> Result<bool> {
        unsafe { is_instance_of::<T>(*env, value.raw()) }
    }
}

/// `value instanceof` the class `T` (its constructor as registered when it was defined).
pub unsafe fn is_instance_of<T: Class>(env: Env, value: sys::napi_value) -> Result<bool> {
    let constructor = class_constructor::<T>(env)?;
    env.call(|result| sys::napi_instanceof(env.raw(), value, constructor, result))
}

/// A class instance's value, borrowed (for `Either<&T, ...>`, `Option<&T>` and the like).
impl<T: Class> crate::FromNapiValue for &T {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        unwrap::<T>(Env::from_raw(env), value).map(|value| &*value)
    }
}

impl<T: Class> crate::FromNapiValue for &mut T {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        unwrap::<T>(Env::from_raw(env), value)
    }
}

impl<T: Class> crate::TypeName for &T {
    fn type_name() -> &'static str {
        T::JS_NAME
    }
    fn value_type() -> crate::ValueType {
        crate::ValueType::Object
    }
}

impl<T: Class> crate::TypeName for &mut T {
    fn type_name() -> &'static str {
        T::JS_NAME
    }
    fn value_type() -> crate::ValueType {
        crate::ValueType::Object
    }
}

impl<T: Class> crate::ValidateNapiValue for &T {
    unsafe fn validate(env: sys::napi_env, value: sys::napi_value) -> Result<sys::napi_value> {
        validate_instance::<T>(env, value)
    }
}

impl<T: Class> crate::ValidateNapiValue for &mut T {
    unsafe fn validate(env: sys::napi_env, value: sys::napi_value) -> Result<sys::napi_value> {
        validate_instance::<T>(env, value)
    }
}

/// napi-rs's check of a `&T` argument of a class (`ValidateNapiValue`): an instance of it.
unsafe fn validate_instance<T: Class>(env: sys::napi_env, value: sys::napi_value) -> Result<sys::napi_value> {
    if is_instance_of::<T>(Env::from_raw(env), value)? {
        Ok(ptr::null_mut())
    } else {
        Err(Error::new(crate::Status::InvalidArg, format!("Value is not instanceof class {}", T::JS_NAME)))
    }
}

/// A strong reference to a class instance: keeps the JS object (and so the Rust value) alive
/// until dropped, and dereferences to the value. Made from a method's `this` (a
/// `Reference<Self>` parameter), by `into_reference` on a class value, or by `clone`. Used on
/// the JS thread only (it is neither `Send` nor `Sync`).
pub struct Reference<T: 'static> {
    env: Env,
    reference: sys::napi_ref,
    inner: *mut T,
}

impl<T: Class> Reference<T> {
    /// A reference to the class instance `object`.
    pub unsafe fn from_object(env: Env, object: sys::napi_value) -> Result<Self> {
        let inner = unwrap::<T>(env, object)? as *mut T;
        let reference = env.call(|result| sys::napi_create_reference(env.raw(), object, 1, result))?;
        Ok(Reference { env, reference, inner })
    }

    /// A new JS instance wrapping `value`, and a reference to it.
    pub fn new(env: Env, value: T) -> Result<Self> {
        unsafe {
            let object = new_instance(env, value)?;
            Self::from_object(env, object)
        }
    }

    /// Another strong reference to the same object.
    pub fn clone(&self, env: Env) -> Result<Self> {
        unsafe { Self::from_object(env, self.value()?) }
    }

    /// A weak reference to the same object.
    pub fn downgrade(&self) -> WeakReference<T> {
        let env = self.env;
        let reference = self
            .value()
            .and_then(|object| env.call(|result| unsafe { sys::napi_create_reference(env.raw(), object, 0, result) }))
            .unwrap_or(ptr::null_mut());
        WeakReference { env, reference, inner: self.inner }
    }

    fn value(&self) -> Result<sys::napi_value> {
        let env = self.env;
        env.call(|result| unsafe { sys::napi_get_reference_value(env.raw(), self.reference, result) })
    }
}

impl<T: 'static> std::ops::Deref for Reference<T> {
    type Target = T;
    fn deref(&self) -> &T {
        // The strong reference keeps the object, and so the wrapped value, alive.
        unsafe { &*self.inner }
    }
}

impl<T: 'static> std::ops::DerefMut for Reference<T> {
    fn deref_mut(&mut self) -> &mut T {
        unsafe { &mut *self.inner }
    }
}

impl<T: 'static> Drop for Reference<T> {
    fn drop(&mut self) {
        unsafe { sys::napi_delete_reference(self.env.raw(), self.reference) };
    }
}

impl<T: Class> crate::FromNapiValue for Reference<T> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        Self::from_object(env, value)
    }
}

impl<T: Class> crate::ToNapiValue for Reference<T> {
    unsafe fn to_napi_value(self, _env: Env) -> Result<sys::napi_value> {
        self.value()
    }
}

impl<T: 'static> Reference<T> {
    /// A value borrowed from the instance (`share(&mut T)`), kept with this reference, which
    /// keeps the instance alive as long as the value lives (napi-rs's `share_with`).
    pub fn share_with<S: 'static>(
        self,
        _env: Env,
        share: impl FnOnce(&'static mut T) -> Result<S>,
    ) -> Result<SharedReference<T, S>> {
        // SAFETY: the instance's value is boxed in its wrap and lives as long as `owner`
        // holds the object; the shared value is dropped before `owner` (field order).
        let inner = unsafe { &mut *self.inner };
        Ok(SharedReference { shared: share(inner)?, owner: self })
    }
}

/// A value borrowed from a class instance, kept alive with it (`Reference::share_with`):
/// dereferences to the value.
pub struct SharedReference<T: 'static, S: 'static> {
    shared: S,
    owner: Reference<T>,
}

impl<T: 'static, S: 'static> SharedReference<T, S> {
    /// Another value borrowed from the same instance, kept with it.
    pub fn share_with<U: 'static>(self, env: Env, share: impl FnOnce(&'static mut T) -> Result<U>) -> Result<SharedReference<T, U>> {
        let SharedReference { shared, owner } = self;
        drop(shared);
        owner.share_with(env, share)
    }
}

impl<T: 'static, S: 'static> std::ops::Deref for SharedReference<T, S> {
    type Target = S;
    fn deref(&self) -> &S {
        &self.shared
    }
}

impl<T: 'static, S: 'static> std::ops::DerefMut for SharedReference<T, S> {
    fn deref_mut(&mut self) -> &mut S {
        &mut self.shared
    }
}

/// Returned to JS: the instance it borrows from.
impl<T: Class, S: 'static> crate::ToNapiValue for SharedReference<T, S> {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        self.owner.to_napi_value(env)
    }
}

/// A weak reference to a class instance: does not keep it alive.
pub struct WeakReference<T: 'static> {
    env: Env,
    /// Null when it was made from an object already gone.
    reference: sys::napi_ref,
    inner: *mut T,
}

impl<T: Class> WeakReference<T> {
    /// The object, if it is still alive.
    fn value(&self) -> Option<sys::napi_value> {
        if self.reference.is_null() {
            return None;
        }
        let env = self.env;
        env.call(|result| unsafe { sys::napi_get_reference_value(env.raw(), self.reference, result) })
            .ok()
            .filter(|value| !value.is_null())
    }

    /// A strong reference, if the object is still alive.
    pub fn upgrade(&self, env: Env) -> Result<Option<Reference<T>>> {
        self.value().map(|object| unsafe { Reference::from_object(env, object) }).transpose()
    }

    /// The value, if the object is still alive.
    pub fn get(&self) -> Option<&T> {
        self.value().map(|_| unsafe { &*self.inner })
    }

    /// The value, mutably, if the object is still alive.
    pub fn get_mut(&mut self) -> Option<&mut T> {
        self.value().map(|_| unsafe { &mut *self.inner })
    }
}

impl<T: Class> Clone for WeakReference<T> {
    fn clone(&self) -> Self {
        let env = self.env;
        let reference = self
            .value()
            .and_then(|object| env.call(|result| unsafe { sys::napi_create_reference(env.raw(), object, 0, result) }).ok())
            .unwrap_or(ptr::null_mut());
        WeakReference { env, reference, inner: self.inner }
    }
}

impl<T: 'static> Drop for WeakReference<T> {
    fn drop(&mut self) {
        if !self.reference.is_null() {
            unsafe { sys::napi_delete_reference(self.env.raw(), self.reference) };
        }
    }
}

/// The object, or `undefined` once it is gone.
impl<T: Class> crate::ToNapiValue for WeakReference<T> {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        match self.value() {
            Some(object) => Ok(object),
            None => env.undefined(),
        }
    }
}
