//! `napi_env`: the per-addon state the Node-API functions work on.

use std::ffi::c_void;
use std::ptr::NonNull;

use napi_sys as sys;

use super::boundary::{Status, ERROR_MESSAGES};

/// What `napi_create_function` attaches to each function it makes.
pub struct FunctionData {
    pub env: *mut Env,
    pub callback: sys::napi_callback,
    pub data: *mut c_void,
}

/// One addon's environment. It lives at a fixed heap address for the life of the
/// process: a `napi_env` is a pointer to it.
pub struct Env {
    isolate: v8::UnsafeRawIsolatePtr,
    context: NonNull<v8::Context>,
    last_error: sys::napi_extended_error_info,
    pending_exception: Option<v8::Global<v8::Value>>,
    /// The Node-API version the addon was built for (8 when it does not say).
    pub module_api_version: i32,
    /// The addon's file name, as a `file://` URL.
    pub filename: std::ffi::CString,
    /// Callback data of the functions this env created; freed with the env.
    pub(crate) function_data: Vec<Box<FunctionData>>,
}

impl Env {
    /// Creates an env for the current context of `scope`.
    pub fn new(scope: &mut v8::PinScope, module_api_version: i32, filename: &str) -> Box<Env> {
        let context = scope.get_current_context();
        let context = v8::Global::new(scope, context).into_raw();
        let url = url::Url::from_file_path(filename)
            .map(|u| u.to_string())
            .unwrap_or_else(|_| filename.to_string());
        Box::new(Env {
            // SAFETY: the isolate outlives every env created in it.
            isolate: unsafe { scope.as_raw_isolate_ptr() },
            context,
            last_error: sys::napi_extended_error_info {
                error_message: std::ptr::null(),
                engine_reserved: std::ptr::null_mut(),
                engine_error_code: 0,
                error_code: sys::napi_ok,
            },
            pending_exception: None,
            module_api_version,
            filename: std::ffi::CString::new(url).unwrap_or_default(),
            function_data: Vec::new(),
        })
    }

    /// The env's context as a local handle (backed by the env's persistent handle).
    #[inline(always)]
    pub fn context<'s>(&self) -> v8::Local<'s, v8::Context> {
        // SAFETY: a Global's slot stays valid while the env holds it, and a pointer to a
        // handle slot is exactly what a Local is.
        unsafe { std::mem::transmute::<NonNull<v8::Context>, v8::Local<'s, v8::Context>>(self.context) }
    }

    /// The isolate the env lives in.
    #[inline(always)]
    pub fn isolate(&mut self) -> &mut v8::Isolate {
        // SAFETY: the isolate outlives the env.
        unsafe { v8::Isolate::ref_from_raw_isolate_ptr_mut_unchecked(&mut self.isolate) }
    }

    #[inline(always)]
    pub fn clear_last_error(&mut self) -> sys::napi_status {
        self.last_error.error_code = sys::napi_ok;
        self.last_error.engine_error_code = 0;
        self.last_error.engine_reserved = std::ptr::null_mut();
        self.last_error.error_message = std::ptr::null();
        sys::napi_ok
    }

    #[inline(always)]
    pub fn set_last_error(&mut self, status: Status) -> sys::napi_status {
        self.last_error.error_code = status as sys::napi_status;
        self.last_error.engine_error_code = 0;
        self.last_error.engine_reserved = std::ptr::null_mut();
        status as sys::napi_status
    }

    /// The last error with its message filled in, as `napi_get_last_error_info` returns it.
    pub fn last_error_info(&mut self) -> *const sys::napi_extended_error_info {
        let code = self.last_error.error_code as usize;
        self.last_error.error_message = match code {
            0 => std::ptr::null(),
            _ => ERROR_MESSAGES.get(code).map_or(std::ptr::null(), |m| m.as_ptr()),
        };
        &self.last_error
    }

    pub fn has_pending_exception(&self) -> bool {
        self.pending_exception.is_some()
    }

    /// Makes `exception` pending: it is thrown when control returns to JS.
    pub fn set_pending_exception(&mut self, scope: &mut v8::Isolate, exception: v8::Local<v8::Value>) {
        self.pending_exception = Some(v8::Global::new(scope, exception));
    }

    /// Takes the pending exception, leaving none.
    pub fn take_pending_exception(&mut self) -> Option<v8::Global<v8::Value>> {
        self.pending_exception.take()
    }

    /// Whether JS may run (false while the isolate is terminating).
    pub fn can_call_into_js(&mut self) -> bool {
        !self.isolate().is_execution_terminating()
    }

    /// Calls into the addon (module init, a function callback) and rethrows into JS an
    /// exception the addon left pending.
    pub fn call_into_module<R>(&mut self, scope: &mut v8::PinScope, call: impl FnOnce(*mut Env) -> R) -> R {
        let result = call(self);
        if let Some(exception) = self.take_pending_exception() {
            let exception = v8::Local::new(scope, exception);
            scope.throw_exception(exception);
        }
        result
    }
}
