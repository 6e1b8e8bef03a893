//! Handle scopes (napi-rs's `HandleScope` and `EscapableHandleScope`): the JS values made in a
//! loop released each turn instead of at the end of the call.

use crate::convert::{FromNapiValue, JsValue};
use crate::error::Result;
use crate::js_string::JsString;
use crate::object::Object;
use crate::sys;
use crate::Env;
use std::marker::PhantomData;

/// A handle scope: the values made while it is open are released when it closes (at `close`,
/// or when it is dropped).
pub struct HandleScope {
    env: Env,
    scope: sys::napi_handle_scope,
}

impl HandleScope {
    /// Opens a scope.
    pub fn create(env: &Env) -> Result<HandleScope> {
        let scope = env.call(|result| unsafe { sys::napi_open_handle_scope(env.raw(), result) })?;
        Ok(HandleScope { env: *env, scope })
    }

    /// Runs `f(arg)`, then closes the scope.
    ///
    /// # Safety
    /// The values made since the scope opened are invalid once it closes: `f`'s result must
    /// not hold any.
    pub unsafe fn close<A, T>(self, arg: A, f: impl FnOnce(A) -> Result<T>) -> Result<T> {
        let result = f(arg);
        let env = self.env;
        let closed = env.check(sys::napi_close_handle_scope(env.raw(), self.scope));
        std::mem::forget(self);
        let value = result?;
        closed.map(|_| value)
    }
}

impl Drop for HandleScope {
    fn drop(&mut self) {
        unsafe { sys::napi_close_handle_scope(self.env.raw(), self.scope) };
    }
}

/// An escapable handle scope, open for the closure given to `with`: one value made in it may
/// be escaped to the enclosing scope.
#[derive(Clone, Copy)]
pub struct EscapableHandleScope<'scope> {
    env: Env,
    scope: sys::napi_escapable_handle_scope,
    lifetime: PhantomData<&'scope ()>,
}

impl<'scope> EscapableHandleScope<'scope> {
    /// Opens a scope, runs `f(scope, args)` and closes it.
    pub fn with<T, Args, F>(env: &'scope Env, args: Args, f: F) -> Result<T>
    where
        F: FnOnce(EscapableHandleScope<'scope>, Args) -> Result<T>,
    {
        let raw = env.call(|result| unsafe { sys::napi_open_escapable_handle_scope(env.raw(), result) })?;
        let scope = EscapableHandleScope { env: *env, scope: raw, lifetime: PhantomData };
        let open = ClosedOnUnwind(scope);
        let result = f(scope, args);
        std::mem::forget(open);
        let closed = env.check(unsafe { sys::napi_close_escapable_handle_scope(env.raw(), raw) });
        let value = result?;
        closed.map(|_| value)
    }

    /// `value` made valid in the enclosing scope, as `E` (a scope escapes one value; a second
    /// escape fails with `EscapeCalledTwice`).
    pub fn escape<E: FromNapiValue>(&self, value: sys::napi_value) -> Result<E> {
        let escaped = self.env.call(|result| unsafe { sys::napi_escape_handle(self.env.raw(), self.scope, value, result) })?;
        unsafe { E::from_napi_value(self.env.raw(), escaped) }
    }
}

/// Closes the scope when the closure given to `with` panics.
struct ClosedOnUnwind<'scope>(EscapableHandleScope<'scope>);

impl Drop for ClosedOnUnwind<'_> {
    fn drop(&mut self) {
        unsafe { sys::napi_close_escapable_handle_scope(self.0.env.raw(), self.0.scope) };
    }
}

impl JsString<'_> {
    /// The string made valid in the scope enclosing `scope`.
    pub fn escape<'scope, E: FromNapiValue>(&self, scope: EscapableHandleScope<'scope>) -> Result<E> {
        scope.escape(self.raw())
    }
}

impl Object<'_> {
    /// The object made valid in the scope enclosing `scope`.
    pub fn escape<'scope, E: FromNapiValue>(&self, scope: EscapableHandleScope<'scope>) -> Result<E> {
        scope.escape(self.raw())
    }
}

impl JsValue {
    /// The value made valid in the scope enclosing `scope`.
    pub fn escape<'scope, E: FromNapiValue>(&self, scope: EscapableHandleScope<'scope>) -> Result<E> {
        scope.escape(self.0)
    }
}
