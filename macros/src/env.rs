//! `Env`: the `napi_env` an addon function runs in, with the calls the conversions share.

use crate::error::{Error, Result, Status};
use crate::sys;
use std::ffi::CStr;
use std::ptr;

/// The Node-API environment of the current call.
#[derive(Clone, Copy, Debug)]
pub struct Env(sys::napi_env);

impl Env {
    /// Wraps a raw `napi_env`.
    pub unsafe fn from_raw(env: sys::napi_env) -> Self {
        Env(env)
    }

    /// The raw `napi_env`.
    pub fn raw(self) -> sys::napi_env {
        self.0
    }

    /// `Ok` for `napi_ok`; otherwise the pending exception, or an error with the call's status.
    #[inline]
    pub fn check(self, status: sys::napi_status) -> Result<()> {
        if status == sys::napi_ok {
            Ok(())
        } else {
            Err(self.failure(status))
        }
    }

    #[cold]
    fn failure(self, status: sys::napi_status) -> Error {
        if status == sys::napi_pending_exception {
            return Error::pending();
        }
        // Read before asking about a pending exception: every Node-API call resets it.
        let mut info: *const sys::napi_extended_error_info = ptr::null();
        let message = unsafe {
            if sys::napi_get_last_error_info(self.0, &mut info) == sys::napi_ok
                && !info.is_null()
                && !(*info).error_message.is_null()
            {
                CStr::from_ptr((*info).error_message).to_string_lossy().into_owned()
            } else {
                "Node-API call failed".to_string()
            }
        };
        if self.is_exception_pending() {
            return Error::pending();
        }
        Error::new(Status(status), message)
    }

    /// Calls a Node-API function that writes one result.
    #[inline]
    pub fn call<T>(self, function: impl FnOnce(*mut T) -> sys::napi_status) -> Result<T> {
        let mut result = std::mem::MaybeUninit::<T>::zeroed();
        self.check(function(result.as_mut_ptr()))?;
        Ok(unsafe { result.assume_init() })
    }

    /// A new `Date` at `time` (milliseconds since the epoch).
    pub fn create_date<'env>(&self, time: f64) -> Result<crate::Date<'env>> {
        crate::Date::new(self, time)
    }

    /// Tells the engine that memory held for JS objects grew (or shrank, for a negative
    /// `change`) by `change` bytes; the total now reported.
    pub fn adjust_external_memory(&self, change: i64) -> Result<i64> {
        self.call(|result| unsafe { sys::napi_adjust_external_memory(self.0, change, result) })
    }

    /// Whether a JS exception is pending.
    pub fn is_exception_pending(self) -> bool {
        let mut pending = false;
        unsafe { sys::napi_is_exception_pending(self.0, &mut pending) == sys::napi_ok && pending }
    }

    /// `undefined`.
    #[inline]
    pub fn undefined(self) -> Result<sys::napi_value> {
        self.call(|result| unsafe { sys::napi_get_undefined(self.0, result) })
    }

    /// `null`.
    pub fn null(self) -> Result<sys::napi_value> {
        self.call(|result| unsafe { sys::napi_get_null(self.0, result) })
    }

    /// The global object.
    pub fn global(self) -> Result<sys::napi_value> {
        self.call(|result| unsafe { sys::napi_get_global(self.0, result) })
    }

    /// `typeof value`, as Node-API reports it.
    pub fn type_of(self, value: sys::napi_value) -> Result<sys::napi_valuetype> {
        self.call(|result| unsafe { sys::napi_typeof(self.0, value, result) })
    }

    /// A JS string.
    pub fn string(self, text: &str) -> Result<sys::napi_value> {
        self.call(|result| unsafe { sys::napi_create_string_utf8(self.0, text.as_ptr().cast(), text.len(), result) })
    }

    /// A JS function calling `callback` with `data`.
    pub fn function(
        self,
        name: &str,
        callback: unsafe extern "C" fn(sys::napi_env, sys::napi_callback_info) -> sys::napi_value,
        data: *mut std::ffi::c_void,
    ) -> Result<sys::napi_value> {
        self.call(|result| unsafe {
            sys::napi_create_function(self.0, name.as_ptr().cast(), name.len(), Some(callback), data, result)
        })
    }

    /// A JS function running `callback` with `data` boxed as its data pointer; the function
    /// owns `data` (dropped when it is collected).
    pub(crate) fn function_owning<D: 'static>(
        self,
        name: &str,
        callback: unsafe extern "C" fn(sys::napi_env, sys::napi_callback_info) -> sys::napi_value,
        data: D,
    ) -> Result<sys::napi_value> {
        unsafe extern "C" fn drop_data<D>(_env: sys::napi_env, data: *mut std::ffi::c_void, _hint: *mut std::ffi::c_void) {
            drop(Box::from_raw(data.cast::<D>()));
        }
        let data = Box::into_raw(Box::new(data)).cast::<std::ffi::c_void>();
        let function = self.function(name, callback, data).and_then(|function| {
            self.check(unsafe { sys::napi_add_finalizer(self.0, function, data, Some(drop_data::<D>), std::ptr::null_mut(), std::ptr::null_mut()) })
                .map(|_| function)
        });
        if function.is_err() {
            drop(unsafe { Box::from_raw(data.cast::<D>()) });
        }
        function
    }

    /// `object[name] = value`.
    pub fn set_named(self, object: sys::napi_value, name: &str, value: sys::napi_value) -> Result<()> {
        let key = self.string(name)?;
        self.check(unsafe { sys::napi_set_property(self.0, object, key, value) })
    }

    /// `object[name]`.
    pub fn get_named(self, object: sys::napi_value, name: &str) -> Result<sys::napi_value> {
        let key = self.string(name)?;
        self.call(|result| unsafe { sys::napi_get_property(self.0, object, key, result) })
    }

    /// Throws `value` (an `Error` becomes a JS error; one standing for a pending exception
    /// leaves it as it is).
    pub fn throw<T: crate::ToNapiValue>(&self, value: T) -> Result<()> {
        let env = *self;
        let value = unsafe { value.to_napi_value(env)? };
        env.check(unsafe { sys::napi_throw(env.raw(), value) })
    }

    /// The file URL of the addon (`file:///…/addon.node`).
    pub fn get_module_file_name(&self) -> Result<String> {
        let name = self.call(|result| unsafe { sys::node_api_get_module_file_name(self.0, result) })?;
        if name.is_null() {
            return Err(Error::from_reason("the module has no file name"));
        }
        Ok(unsafe { CStr::from_ptr(name) }.to_string_lossy().into_owned())
    }

    /// Runs `script` as a classic script in the global scope: its completion value.
    pub fn run_script<S: AsRef<str>, V: crate::FromNapiValue>(&self, script: S) -> Result<V> {
        let source = self.string(script.as_ref())?;
        let value = self.call(|result| unsafe { sys::napi_run_script(self.0, source, result) })?;
        unsafe { V::from_napi_value(self.0, value) }
    }

    /// Throws a `SyntaxError` with `message` and, if given, `code`.
    #[cfg(feature = "napi9")]
    pub fn throw_syntax_error<S: AsRef<str>, C: AsRef<str>>(&self, message: S, code: Option<C>) {
        let (Ok(message), Ok(code)) = (std::ffi::CString::new(message.as_ref()), code.map(|code| std::ffi::CString::new(code.as_ref())).transpose())
        else {
            return;
        };
        let code = code.as_ref().map_or(ptr::null(), |code| code.as_ptr());
        unsafe { sys::node_api_throw_syntax_error(self.0, code, message.as_ptr()) };
    }

    /// Stores the addon's data for this env (dropped when the env is torn down).
    pub fn set_instance_data<T: 'static>(self, data: T) -> Result<()> {
        unsafe { crate::module::instance_data(self)? }.user = Some(Box::new(data));
        Ok(())
    }

    /// The addon's data for this env, if it was set with this type.
    pub fn instance_data<'a, T: 'static>(self) -> Result<Option<&'a mut T>> {
        let data = unsafe { crate::module::instance_data(self)? };
        Ok(data.user.as_mut().and_then(|user| user.downcast_mut::<T>()))
    }

    /// Runs `hook` when the env is torn down (hooks run in reverse order of adding).
    pub fn add_cleanup_hook(self, hook: impl FnOnce() + 'static) -> Result<CleanupHook> {
        let hook: Box<Box<dyn FnOnce()>> = Box::new(Box::new(hook));
        let data = Box::into_raw(hook).cast::<std::ffi::c_void>();
        let status = unsafe { sys::napi_add_env_cleanup_hook(self.0, Some(run_cleanup_hook), data) };
        if status != sys::napi_ok {
            drop(unsafe { Box::from_raw(data.cast::<Box<dyn FnOnce()>>()) });
        }
        self.check(status).map(|_| CleanupHook(data))
    }

    /// Removes a cleanup hook that has not run, dropping it.
    pub fn remove_cleanup_hook(self, hook: CleanupHook) -> Result<()> {
        self.check(unsafe { sys::napi_remove_env_cleanup_hook(self.0, Some(run_cleanup_hook), hook.0) })?;
        drop(unsafe { Box::from_raw(hook.0.cast::<Box<dyn FnOnce()>>()) });
        Ok(())
    }
}

/// A cleanup hook added with `Env::add_cleanup_hook`.
#[derive(Debug)]
pub struct CleanupHook(*mut std::ffi::c_void);

unsafe extern "C" fn run_cleanup_hook(data: *mut std::ffi::c_void) {
    let hook = Box::from_raw(data.cast::<Box<dyn FnOnce()>>());
    crate::error::without_unwinding(hook);
}
