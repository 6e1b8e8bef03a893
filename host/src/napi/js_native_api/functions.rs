//! Functions: creating them, their callback info, calling them.

use std::ffi::{c_char, c_void};

use napi_sys::*;

use crate::napi::boundary::Status;
use crate::napi::env::{Env, FunctionData};
use crate::napi::value::{c_bytes, check_arg, ensure, from_napi, out, to_napi};

/// What a `napi_callback_info` points to while an addon callback runs.
pub struct CallbackInfo<'s> {
    args: v8::FunctionCallbackArguments<'s>,
    data: *mut c_void,
}

/// Creates a JS function that calls `callback` with `data` in `env`.
pub fn new_function<'s>(
    env: &mut Env,
    scope: &mut v8::PinScope<'s, '_>,
    callback: napi_callback,
    data: *mut c_void,
) -> v8::Local<'s, v8::Function> {
    let mut function_data = Box::new(FunctionData { env, callback, data });
    let external = v8::External::new(scope, (&mut *function_data as *mut FunctionData).cast());
    env.function_data.push(function_data);
    v8::Function::builder_raw(call_addon_function).data(external.into()).build(scope).unwrap()
}

/// The V8 callback behind every napi function: calls the addon and rethrows what it leaves pending.
extern "C" fn call_addon_function(info: *const v8::FunctionCallbackInfo) {
    // SAFETY: V8 passes a valid info for the duration of the call.
    let info = unsafe { &*info };
    let args = v8::FunctionCallbackArguments::from_function_callback_info(info);
    let mut return_value = v8::ReturnValue::from_function_callback_info(info);
    v8::callback_scope!(unsafe scope, info);
    // SAFETY: the data is the External new_function made, pointing at live FunctionData.
    let data = unsafe { &*(args.data().cast::<v8::External>().value() as *const FunctionData) };
    let Some(callback) = data.callback else { return };
    let callback_info = CallbackInfo { args, data: data.data };
    // SAFETY: the env outlives the functions it created.
    let env = unsafe { &mut *data.env };
    let result = env.call_into_module(scope, |env| unsafe {
        callback(env.cast(), (&callback_info as *const CallbackInfo).cast_mut().cast())
    });
    if let Ok(value) = from_napi(result) {
        return_value.set(value);
    }
}

napi! {
    /// A function named `utf8name` (optional) that calls `cb` with `data`.
    fn napi_create_function(env: Basic, scope, utf8name: *const c_char, length: usize, cb: napi_callback, data: *mut c_void, result: *mut napi_value) {
        let result = out(result)?;
        ensure(cb.is_some(), Status::InvalidArg)?;
        let function = new_function(env, scope, cb, data);
        if !utf8name.is_null() {
            let name = v8::String::new_from_utf8(scope, c_bytes(utf8name, length)?, v8::NewStringType::Normal)
                .ok_or(Status::GenericFailure)?;
            function.set_name(name);
        }
        *result = to_napi(function);
        Ok(())
    }

    /// The arguments (padded with undefined up to `*argc`), `this` and data of a call.
    fn napi_get_cb_info(env: Basic, scope, cbinfo: napi_callback_info, argc: *mut usize, argv: *mut napi_value, this_arg: *mut napi_value, data: *mut *mut c_void) {
        check_arg(cbinfo)?;
        // SAFETY: a callback info is only handed out while its callback runs.
        let info = unsafe { &*(cbinfo as *const CallbackInfo) };
        let length = info.args.length() as usize;
        if !argv.is_null() {
            let capacity = *out(argc)?;
            for i in 0..capacity {
                let value = if i < length { info.args.get(i as i32) } else { v8::undefined(scope).into() };
                // SAFETY: the addon passes room for `*argc` values.
                unsafe { *argv.add(i) = to_napi(value) };
            }
        }
        if let Some(argc) = unsafe { argc.as_mut() } {
            *argc = length;
        }
        if let Some(this_arg) = unsafe { this_arg.as_mut() } {
            *this_arg = to_napi(info.args.this());
        }
        if let Some(data) = unsafe { data.as_mut() } {
            *data = info.data;
        }
        Ok(())
    }

    /// Calls `func` with `recv` as `this`.
    fn napi_call_function(env: Js, scope, recv: napi_value, func: napi_value, argc: usize, argv: *const napi_value, result: *mut napi_value) {
        let recv = from_napi(recv)?;
        if argc > 0 {
            check_arg(argv)?;
        }
        let function = v8::Local::<v8::Function>::try_from(from_napi(func)?).map_err(|_| Status::InvalidArg)?;
        let args: Vec<v8::Local<v8::Value>> = (0..argc)
            .map(|i| from_napi(unsafe { *argv.add(i) }))
            .collect::<Result<_, _>>()?;
        let value = function.call(scope, recv, &args);
        if let (Some(value), Some(result)) = (value, unsafe { result.as_mut() }) {
            *result = to_napi(value);
        }
        Ok(())
    }
}
