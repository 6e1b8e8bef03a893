//! Functions: creating them, their callback info, calling them, constructing with them.

use std::ffi::{c_char, c_void};

use napi_sys::*;

use crate::napi::boundary::Status;
use crate::napi::env::Env;
use crate::napi::reference::{Finalizer, Ownership, Reference};
use crate::napi::value::{c_bytes, check_arg, from_napi, out, to_napi, values_from_argv};

/// What every napi function and accessor carries as its V8 data: the env, the addon's
/// callback and its data. Freed by a runtime-owned reference when the GC collects it.
struct CallbackBundle {
    env: *mut Env,
    callback: napi_callback,
    data: *mut c_void,
}

unsafe extern "C" fn free_callback_bundle(_env: napi_env, data: *mut c_void, _hint: *mut c_void) {
    drop(unsafe { Box::from_raw(data.cast::<CallbackBundle>()) });
}

/// The External carrying a new callback bundle.
fn callback_data<'s>(
    env: &mut Env,
    scope: &mut v8::PinScope<'s, '_>,
    callback: napi_callback,
    data: *mut c_void,
) -> v8::Local<'s, v8::Value> {
    let bundle = Box::into_raw(Box::new(CallbackBundle { env, callback, data }));
    let external: v8::Local<v8::Value> = v8::External::new(scope, bundle.cast()).into();
    let finalizer = Finalizer { callback: Some(free_callback_bundle), data: bundle.cast(), hint: std::ptr::null_mut() };
    Reference::new(env, scope, external, 0, Ownership::Runtime, std::ptr::null_mut(), Some(finalizer));
    external
}

/// A JS function that calls `callback` with `data` in `env`.
pub fn new_function<'s>(
    env: &mut Env,
    scope: &mut v8::PinScope<'s, '_>,
    callback: napi_callback,
    data: *mut c_void,
) -> v8::Local<'s, v8::Function> {
    let data = callback_data(env, scope, callback, data);
    v8::Function::builder_raw(call_addon_function).data(data).build(scope).unwrap()
}

/// A function template calling `callback`; with a signature for class methods.
pub fn new_template<'s>(
    env: &mut Env,
    scope: &mut v8::PinScope<'s, '_>,
    callback: napi_callback,
    data: *mut c_void,
    signature: Option<v8::Local<'s, v8::Signature>>,
) -> v8::Local<'s, v8::FunctionTemplate> {
    let data = callback_data(env, scope, callback, data);
    let builder = v8::FunctionTemplate::builder_raw(call_addon_function).data(data);
    match signature {
        Some(signature) => builder.signature(signature).build(scope),
        None => builder.build(scope),
    }
}

/// What a `napi_callback_info` points to while an addon callback runs.
pub struct CallbackInfo<'s> {
    args: v8::FunctionCallbackArguments<'s>,
    /// V8's argument slots (receiver first), when `direct_slots` verified their layout.
    slots: Option<std::ptr::NonNull<usize>>,
    length: usize,
    data: *mut c_void,
}

impl<'s> CallbackInfo<'s> {
    /// `this` of the call.
    #[inline(always)]
    fn receiver(&self) -> napi_value {
        match self.slots {
            // SAFETY: the slots stay valid for the callback; a slot's address is a Local.
            Some(slots) => slots.as_ptr().cast(),
            None => to_napi(self.args.this()),
        }
    }

    /// Argument `index` (< length).
    #[inline(always)]
    fn argument(&self, index: usize) -> napi_value {
        match self.slots {
            // SAFETY: as for the receiver; arguments follow it.
            Some(slots) => unsafe { slots.as_ptr().add(1 + index) }.cast(),
            None => to_napi(self.args.get(index as i32)),
        }
    }
}

/// Where V8 152 keeps a callback's receiver: `values_[kReceiverIndex]` of its
/// FunctionCallbackInfo (x64, no constant-pool slot), arguments right after it. Reading the
/// slots directly saves a call into V8 per argument; the layout is checked against V8's own
/// accessors on the first call, and a mismatch keeps the accessors.
const RECEIVER_INDEX: usize = 9;

fn direct_slots(info: &v8::FunctionCallbackInfo, args: &v8::FunctionCallbackArguments, length: usize) -> Option<std::ptr::NonNull<usize>> {
    use std::sync::atomic::{AtomicU8, Ordering};
    static LAYOUT: AtomicU8 = AtomicU8::new(0);
    const UNKNOWN: u8 = 0;
    const VERIFIED: u8 = 1;
    // SAFETY: a FunctionCallbackInfo is its `values_` array; the receiver slot is in it.
    let slots = unsafe { (info as *const v8::FunctionCallbackInfo as *mut usize).add(RECEIVER_INDEX) };
    match LAYOUT.load(Ordering::Relaxed) {
        VERIFIED => std::ptr::NonNull::new(slots),
        UNKNOWN if length > 0 => {
            let receiver = to_napi(args.this()) as *mut usize;
            let first = to_napi(args.get(0)) as *mut usize;
            // SAFETY: pointer arithmetic only; nothing is read.
            let matches = receiver == slots && first == unsafe { slots.add(1) };
            LAYOUT.store(if matches { VERIFIED } else { 2 }, Ordering::Relaxed);
            matches.then(|| std::ptr::NonNull::new(slots)).flatten()
        }
        _ => None,
    }
}

/// The V8 callback behind every napi function: calls the addon and throws what it leaves
/// pending. This is every addon call's hot path: one call into V8 for the callback's parts,
/// one for the External's pointer, one to set the result.
extern "C" fn call_addon_function(info: *const v8::FunctionCallbackInfo) {
    // SAFETY: V8 passes a valid info for the duration of the call.
    let info = unsafe { &*info };
    let mut parts = info.get_parts();
    // SAFETY: the data is always the External callback_data made (no type check needed).
    let external = unsafe { std::mem::transmute::<v8::Local<v8::Value>, v8::Local<v8::External>>(parts.data) };
    // SAFETY: the bundle lives while the function does.
    let bundle = unsafe { &*(external.value() as *const CallbackBundle) };
    let Some(callback) = bundle.callback else { return };
    let args = v8::FunctionCallbackArguments::from_function_callback_info_parts(info, &parts);
    let length = parts.length as usize;
    let slots = direct_slots(info, &args, length);
    let callback_info = CallbackInfo { args, slots, length, data: bundle.data };
    // SAFETY: envs live until the process ends.
    let env = unsafe { &mut *bundle.env };
    let mut result = std::ptr::null_mut();
    let pending = env.enter_module(|env| {
        result = unsafe { callback(env.cast(), (&callback_info as *const CallbackInfo).cast_mut().cast()) };
    });
    match pending {
        // With an exception pending the result is ignored (it may be garbage, as node expects).
        Some(exception) => {
            scope!(scope, env);
            let exception = v8::Local::new(scope, exception);
            scope.throw_exception(exception);
        }
        None => {
            if let Ok(value) = from_napi(result) {
                parts.return_value.set(value);
            }
        }
    }
}

/// The callback info behind a `napi_callback_info`.
fn callback_info<'a>(cbinfo: napi_callback_info) -> crate::napi::boundary::Result<&'a CallbackInfo<'a>> {
    check_arg(cbinfo)?;
    // SAFETY: a callback info is only handed out while its callback runs.
    Ok(unsafe { &*(cbinfo as *const CallbackInfo) })
}

napi! {
    /// A function named `utf8name` (optional) that calls `cb` with `data`.
    fn napi_create_function(env: NoJs, scope, utf8name: *const c_char, length: usize, cb: napi_callback, data: *mut c_void, result: *mut napi_value) {
        let result = out(result)?;
        check_arg(cb.map_or(std::ptr::null(), |f| f as *const c_void))?;
        let function = new_function(env, scope, cb, data);
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
        let length = info.length;
        if !argv.is_null() {
            let capacity = *out(argc)?;
            // V8 answers an index past the arguments with undefined.
            let undefined = if capacity > length { to_napi(info.args.get(length as i32)) } else { std::ptr::null_mut() };
            for i in 0..capacity {
                let value = if i < length { info.argument(i) } else { undefined };
                // SAFETY: the addon passes room for `*argc` values.
                unsafe { *argv.add(i) = value };
            }
        }
        if let Some(argc) = unsafe { argc.as_mut() } {
            *argc = length;
        }
        if let Some(this_arg) = unsafe { this_arg.as_mut() } {
            *this_arg = info.receiver();
        }
        if let Some(data) = unsafe { data.as_mut() } {
            *data = info.data;
        }
        Ok(())
    }

    /// `new.target` of a construct call, or NULL for a plain call.
    fn napi_get_new_target(env: NoJs, _, cbinfo: napi_callback_info, result: *mut napi_value) {
        let info = callback_info(cbinfo)?;
        let result = out(result)?;
        *result = if info.args.is_construct_call() { to_napi(info.args.new_target()) } else { std::ptr::null_mut() };
        Ok(())
    }
}
