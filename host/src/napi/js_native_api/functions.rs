//! Functions: creating them, their callback info, calling them, constructing with them.

use std::ffi::{c_char, c_void};

use napi_sys::*;

use crate::napi::boundary::Status;
use crate::napi::env::Env;
use crate::napi::reference::{Finalizer, Ownership, Reference};
use crate::napi::value::{c_bytes, check_arg, from_napi, out, set_if_given, to_napi, values_from_argv};

/// What every napi function and accessor carries as its V8 data: the env, the addon's
/// callback and its data. Freed by a runtime-owned reference when the GC collects it.
struct CallbackBundle {
    env: *mut Env,
    callback: AddonCallback,
    data: *mut c_void,
}

/// An addon's `napi_callback`, which the functions taking one require.
pub type AddonCallback = unsafe extern "C" fn(napi_env, napi_callback_info) -> napi_value;

unsafe extern "C" fn free_callback_bundle(_env: napi_env, data: *mut c_void, _hint: *mut c_void) {
    drop(unsafe { Box::from_raw(data.cast::<CallbackBundle>()) });
}

/// The External carrying a new callback bundle.
fn callback_data<'s>(
    env: &mut Env,
    scope: &mut v8::PinScope<'s, '_>,
    callback: AddonCallback,
    data: *mut c_void,
) -> v8::Local<'s, v8::Value> {
    let bundle = Box::into_raw(Box::new(CallbackBundle { env, callback, data }));
    let external: v8::Local<v8::Value> = v8::External::new(scope, bundle.cast()).into();
    let finalizer = Finalizer { callback: Some(free_callback_bundle), data: bundle.cast(), hint: std::ptr::null_mut() };
    Reference::new(env, external, 0, Ownership::Runtime, std::ptr::null_mut(), Some(finalizer));
    external
}

use crate::napi::v8_layout::frames as frame;

/// The V8 callback for new addon functions.
fn addon_callback() -> v8::FunctionCallback {
    if frame::direct() { call_addon_function } else { call_addon_function_through_v8 }
}

/// A JS function that calls `callback` with `data` in `env`.
pub fn new_function<'s>(
    env: &mut Env,
    scope: &mut v8::PinScope<'s, '_>,
    callback: AddonCallback,
    data: *mut c_void,
) -> v8::Local<'s, v8::Function> {
    let data = callback_data(env, scope, callback, data);
    v8::Function::builder_raw(addon_callback()).data(data).build(scope).unwrap()
}

/// A function template calling `callback`; with a signature for class methods.
pub fn new_template<'s>(
    env: &mut Env,
    scope: &mut v8::PinScope<'s, '_>,
    callback: AddonCallback,
    data: *mut c_void,
    signature: Option<v8::Local<'s, v8::Signature>>,
) -> v8::Local<'s, v8::FunctionTemplate> {
    let data = callback_data(env, scope, callback, data);
    let builder = v8::FunctionTemplate::builder_raw(addon_callback()).data(data);
    match signature {
        Some(signature) => builder.signature(signature).build(scope),
        None => builder.build(scope),
    }
}

/// What a `napi_callback_info` points to while an addon callback runs: V8's own info.
#[repr(transparent)]
pub struct CallbackInfo(v8::FunctionCallbackInfo);

impl CallbackInfo {
    fn arguments(&self) -> v8::FunctionCallbackArguments<'_> {
        v8::FunctionCallbackArguments::from_function_callback_info(&self.0)
    }

    /// The frame for direct reads, once its layout is verified.
    #[inline(always)]
    fn frame(&self) -> Option<frame::Frame> {
        frame::direct().then(|| frame::Frame::of(&self.0))
    }

    /// The bundle of the function called.
    fn bundle(&self) -> &CallbackBundle {
        let bundle = match self.frame() {
            Some(frame) => frame.external_value(),
            None => {
                // SAFETY: addon functions' data is the External callback_data made.
                let external = unsafe { v8::Local::<v8::External>::cast_unchecked(self.0.get_parts().data) };
                external.value()
            }
        };
        // SAFETY: the bundle lives while the function does.
        unsafe { &*(bundle as *const CallbackBundle) }
    }
}


/// The V8 callback behind every napi function once frames are read directly: calls the
/// addon and throws what it leaves pending. This is every addon call's hot path: it makes no
/// call into V8 unless the addon leaves an exception pending.
extern "C" fn call_addon_function(info: *const v8::FunctionCallbackInfo) {
    // SAFETY: V8 passes a valid info for the duration of the call.
    let info = unsafe { &*info };
    let frame = frame::Frame::of(info);
    // SAFETY: the data is always the External callback_data made; the bundle lives while
    // the function does.
    let bundle = unsafe { &*(frame.external_value() as *const CallbackBundle) };
    // SAFETY: a napi_value is a slot holding a tagged value; V8's ReturnValue::Set stores
    // that word in the return slot the same way.
    call_addon(bundle, info, |result| unsafe { *frame.return_slot() = *(result as *const usize) });
}

/// The V8 callback behind napi functions made before (or without) direct frame reads.
extern "C" fn call_addon_function_through_v8(info: *const v8::FunctionCallbackInfo) {
    // SAFETY: as above.
    let info = unsafe { &*info };
    let mut parts = info.get_parts();
    // SAFETY: as above.
    let external = unsafe { v8::Local::<v8::External>::cast_unchecked(parts.data) };
    let bundle = unsafe { &*(external.value() as *const CallbackBundle) };
    call_addon(bundle, info, |result| {
        if let Ok(value) = from_napi(result) {
            parts.return_value.set(value);
        }
    });
}

/// Calls the addon's callback, then sets its result (unless NULL) as the return value, or
/// throws what it left pending.
#[inline(always)]
fn call_addon(bundle: &CallbackBundle, info: &v8::FunctionCallbackInfo, set_return_value: impl FnOnce(napi_value)) {
    let (callback, env) = (bundle.callback, bundle.env);
    // SAFETY: JS calls the function, so its env is live: JS no longer runs once envs are torn
    // down, and they are freed after that.
    let entered = unsafe { (*env).enter_call() };
    // SAFETY: the addon's callback, called as node calls it.
    let result = unsafe { callback(env.cast(), (info as *const v8::FunctionCallbackInfo).cast_mut().cast()) };
    // SAFETY: as above.
    if unsafe { (*env).leave_if_clean(entered) } {
        if !result.is_null() {
            set_return_value(result);
        }
    } else {
        leave_changed(env, entered, result, set_return_value);
    }
}

/// The rest of `call_addon` when the call left something to settle.
#[cold]
#[inline(never)]
fn leave_changed(env: *mut Env, entered: u64, result: napi_value, set_return_value: impl FnOnce(napi_value)) {
    // SAFETY: as in call_addon.
    let env = unsafe { &mut *env };
    match env.leave_call(entered) {
        // With an exception pending the result is ignored (it may be garbage, as node expects).
        Some(exception) => throw(env, exception),
        None if !result.is_null() => set_return_value(result),
        None => {}
    }
}

/// Throws what the addon left pending into the JS that called it.
#[cold]
#[inline(never)]
fn throw(env: &mut Env, exception: v8::Global<v8::Value>) {
    scope!(scope, env);
    let exception = v8::Local::new(scope, exception);
    scope.throw_exception(exception);
}

/// Writes napi_get_cb_info's arguments, count and receiver.
#[inline(always)]
fn fill_cb_info(
    env: &Env,
    length: usize,
    argument: impl Fn(usize) -> napi_value,
    receiver: napi_value,
    argc: *mut usize,
    argv: *mut napi_value,
    this_arg: *mut napi_value,
) -> crate::napi::boundary::Result {
    if !argv.is_null() {
        let capacity = *out(argc)?;
        // SAFETY: the addon passes room for `*argc` values.
        let argv = unsafe { std::slice::from_raw_parts_mut(argv, capacity) };
        let given = capacity.min(length);
        argv[..given].iter_mut().enumerate().for_each(|(index, slot)| *slot = argument(index));
        argv[given..].fill(env.roots.undefined);
    }
    set_if_given(argc, length);
    set_if_given(this_arg, receiver);
    Ok(())
}

/// napi_get_cb_info through V8's accessors (kept out of line: direct reads are the hot path).
#[cold]
#[inline(never)]
fn cb_info_through_v8(env: &Env, info: &CallbackInfo, argc: *mut usize, argv: *mut napi_value, this_arg: *mut napi_value) -> crate::napi::boundary::Result {
    let arguments = info.arguments();
    let argument = |index: usize| to_napi(arguments.get(index as i32));
    fill_cb_info(env, arguments.length() as usize, argument, to_napi(arguments.this()), argc, argv, this_arg)
}

/// The callback info behind a `napi_callback_info`.
fn callback_info<'a>(cbinfo: napi_callback_info) -> crate::napi::boundary::Result<&'a CallbackInfo> {
    check_arg(cbinfo)?;
    // SAFETY: a callback info is only handed out while its callback runs.
    Ok(unsafe { &*(cbinfo as *const CallbackInfo) })
}

napi! {
    /// A function named `utf8name` (optional) that calls `cb` with `data` (refused while an
    /// exception is pending, as node's NAPI_PREAMBLE refuses it).
    fn napi_create_function(env: Js, scope, utf8name: *const c_char, length: usize, cb: napi_callback, data: *mut c_void, result: *mut napi_value) {
        let result = out(result)?;
        let function = new_function(env, scope, cb.ok_or(Status::InvalidArg)?, data);
        if !utf8name.is_null() {
            let name = v8::String::new_from_utf8(scope, c_bytes(utf8name, length)?, v8::NewStringType::Internalized)
                .ok_or(Status::GenericFailure)?;
            function.set_name(name);
        }
        *result = to_napi(function);
        Ok(())
    }

    /// Calls `func` with `recv` as `this`.
    fn napi_call_function(env: Js, scope, recv: napi_value, func: napi_value, argc: usize, argv: *const napi_value, result: *mut napi_value) {
        let recv = from_napi(recv)?;
        if argc > 0 {
            check_arg(argv)?;
        }
        let function = v8::Local::<v8::Function>::try_from(from_napi(func)?).map_err(|_| Status::InvalidArg)?;
        let args = values_from_argv(argc, argv)?;
        if let Some(value) = function.call(scope, recv, args) {
            if let Some(result) = unsafe { result.as_mut() } {
                *result = to_napi(value);
            }
        }
        Ok(())
    }

    /// `new constructor(...argv)`.
    fn napi_new_instance(env: Js, scope, constructor: napi_value, argc: usize, argv: *const napi_value, result: *mut napi_value) {
        let constructor = from_napi(constructor)?;
        if argc > 0 {
            check_arg(argv)?;
        }
        let result = out(result)?;
        let constructor = v8::Local::<v8::Function>::try_from(constructor).map_err(|_| Status::InvalidArg)?;
        let args = values_from_argv(argc, argv)?;
        let instance = constructor.new_instance(scope, args).ok_or(Status::PendingException)?;
        *result = to_napi(instance);
        Ok(())
    }

    /// The arguments (padded with undefined up to `*argc`), `this` and data of a call.
    fn napi_get_cb_info(env: NoJs, _, cbinfo: napi_callback_info, argc: *mut usize, argv: *mut napi_value, this_arg: *mut napi_value, data: *mut *mut c_void) {
        let info = callback_info(cbinfo)?;
        match info.frame() {
            Some(frame) => {
                let receiver = frame.receiver_slot().as_ptr();
                // SAFETY: the argument slots follow the receiver's; a slot's address is a Local.
                let argument = |index: usize| unsafe { receiver.add(1 + index) }.cast();
                fill_cb_info(env, frame.length(), argument, receiver.cast(), argc, argv, this_arg)?;
            }
            None => cb_info_through_v8(env, info, argc, argv, this_arg)?,
        }
        if !data.is_null() {
            set_if_given(data, info.bundle().data);
        }
        Ok(())
    }

    /// `new.target` of a construct call, or NULL for a plain call.
    fn napi_get_new_target(env: NoJs, _, cbinfo: napi_callback_info, result: *mut napi_value) {
        let info = callback_info(cbinfo)?;
        let result = out(result)?;
        let args = info.arguments();
        *result = if args.is_construct_call() { to_napi(args.new_target()) } else { std::ptr::null_mut() };
        Ok(())
    }
}
