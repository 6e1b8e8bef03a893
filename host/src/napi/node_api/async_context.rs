//! Async context: async resources, napi_make_callback, and callback scopes that drain
//! process.nextTick and microtasks when the outermost one closes, as node's do.

use napi_sys::*;

use crate::napi::boundary::{Failure, Status};
use crate::napi::value::{check_arg, from_napi, out, set_if_given, to_napi, values_from_argv};
use crate::napi::async_resource::{AsyncResource, CallbackScope, Frame, Hold};
use crate::napi::Env;

/// The resource behind a `napi_async_context` (NULL: none).
fn async_resource<'a>(context: napi_async_context) -> Option<&'a AsyncResource> {
    // SAFETY: a non-null napi_async_context is one napi_async_init returned, not yet destroyed.
    unsafe { context.cast::<AsyncResource>().as_ref() }
}

/// The async resource of async work or a threadsafe function: the caller's object (held
/// strongly, as node's AsyncResource holds it) or none, and the name hooks see as its type.
/// Their callbacks run in the empty async context frame, as in Node 24.
pub(crate) fn new_async_resource(
    env: &mut Env,
    scope: &mut v8::PinScope,
    async_resource: napi_value,
    async_resource_name: napi_value,
) -> crate::napi::boundary::Result<AsyncResource> {
    let object = if async_resource.is_null() { None } else { Some((to_object(env, scope, async_resource)?, Hold::Strong)) };
    let name = to_string(env, scope, async_resource_name)?;
    Ok(AsyncResource::new(scope, object, name, Frame::Empty))
}

/// `Object(value)` as node converts an async resource, outside Node-API's TryCatch: what it
/// throws is left stray (`Env::set_stray_exception`).
fn to_object<'s>(env: &mut Env, scope: &mut v8::PinScope<'s, '_>, value: napi_value) -> crate::napi::boundary::Result<v8::Local<'s, v8::Object>> {
    let value = from_napi(value)?;
    v8::tc_scope!(let tc, scope);
    value.to_object(tc).ok_or_else(|| stray(env, tc.exception(), Status::ObjectExpected))
}

/// `String(value)` as node converts an async resource's name (see `to_object`).
fn to_string<'s>(env: &mut Env, scope: &mut v8::PinScope<'s, '_>, value: napi_value) -> crate::napi::boundary::Result<v8::Local<'s, v8::String>> {
    let value = from_napi(value)?;
    v8::tc_scope!(let tc, scope);
    value.to_string(tc).ok_or_else(|| stray(env, tc.exception(), Status::StringExpected))
}

fn stray(env: &mut Env, exception: Option<v8::Local<v8::Value>>, status: Status) -> Failure {
    if let Some(exception) = exception {
        env.set_stray_exception(exception);
    }
    status.into()
}

napi! {
    /// An async context for an (optional) resource object and a resource name.
    fn napi_async_init(env: NoJs, scope, async_resource: napi_value, async_resource_name: napi_value, result: *mut napi_async_context) {
        check_arg(async_resource_name)?;
        let result = out(result)?;
        // A caller's object is held weakly, as node does (the caller keeps it alive).
        let resource = if async_resource.is_null() {
            (v8::Object::new(scope), Hold::Strong)
        } else {
            (to_object(env, scope, async_resource)?, Hold::Weak)
        };
        let name = to_string(env, scope, async_resource_name)?;
        // napi_make_callback runs in the frame current now.
        let context = AsyncResource::new(scope, Some(resource), name, Frame::Kept);
        *result = Box::into_raw(Box::new(context)).cast();
        Ok(())
    }

    /// Frees an async context; its destroy hooks run from the loop (this may be in the GC).
    fn napi_async_destroy(env: NoJs, _, async_context: napi_async_context) {
        check_arg(async_context)?;
        // SAFETY: one napi_async_init returned, destroyed once.
        let context = unsafe { Box::from_raw(async_context.cast::<AsyncResource>()) };
        context.destroy(env.isolate());
        Ok(())
    }

    /// Calls `func` as a callback from native code: in the outermost callback scope, the
    /// nextTick queue and microtasks run afterwards.
    fn napi_make_callback(env: Js, scope, async_context: napi_async_context, recv: napi_value, func: napi_value,
        argc: usize, argv: *const napi_value, result: *mut napi_value) {
        let recv = from_napi(recv)?;
        if argc > 0 {
            check_arg(argv)?;
        }
        let recv = recv.to_object(scope).ok_or(Status::ObjectExpected)?;
        let function = v8::Local::<v8::Function>::try_from(from_napi(func)?).map_err(|_| Status::InvalidArg)?;
        let args = values_from_argv(argc, argv)?;
        let resource = async_resource(async_context);
        let mut callback_scope = CallbackScope::open(scope, resource.map(|resource| (resource, Frame::Kept)), true);
        // Without an async context the callback runs in the empty frame (and in a domain's).
        let trampoline = if resource.is_none() {
            callback_scope.enter_empty_frame(scope);
            callback_scope.host().domain_trampoline(scope)
        } else {
            None
        };
        let value = match trampoline {
            Some(trampoline) => {
                let mut trampoline_args = Vec::with_capacity(args.len() + 1);
                trampoline_args.push(function.into());
                trampoline_args.extend_from_slice(args);
                trampoline.call(scope, recv.into(), &trampoline_args)
            }
            None => function.call(scope, recv.into(), args),
        };
        callback_scope.close(scope, value.is_some());
        let value = value.ok_or(Status::GenericFailure.unless_pending())?;
        set_if_given(result, to_napi(value));
        Ok(())
    }

    /// Opens a callback scope in an async context, for native code that calls into JS
    /// outside napi_make_callback (`resource_object` is unused, as in node).
    fn napi_open_callback_scope(env: Basic, scope, resource_object: napi_value, context: napi_async_context, result: *mut napi_callback_scope) {
        let result = out(result)?;
        let _ = resource_object;
        env.callback_scope_opened();
        // Callbacks in a callback scope run in the empty frame, whatever the context kept.
        let callback_scope = CallbackScope::open(scope, async_resource(context).map(|resource| (resource, Frame::Empty)), true);
        *result = Box::into_raw(Box::new(callback_scope)).cast();
        Ok(())
    }

    /// Closes a callback scope; closing the outermost drains nextTicks and microtasks.
    fn napi_close_callback_scope(env: Basic, scope, scope_: napi_callback_scope) {
        check_arg(scope_)?;
        if !env.callback_scope_closed() {
            return Err(Failure::unrecorded(Status::CallbackScopeMismatch));
        }
        // SAFETY: one napi_open_callback_scope returned.
        let callback_scope = unsafe { Box::from_raw(scope_.cast::<CallbackScope>()) };
        callback_scope.close(scope, true);
        Ok(())
    }
}
