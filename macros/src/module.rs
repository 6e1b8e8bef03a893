//! Registration: every `#[napi]` item registers itself before the module loads, and
//! `napi_register_module_v1` puts them all on `exports`.

use crate::error::{Error, Result};
use crate::sys;
use crate::Env;
use std::collections::HashMap;
use std::ffi::c_void;
use std::ptr;
use std::sync::Mutex;

/// Locks a mutex; one poisoned by a panic elsewhere is used as it is (its data are plain
/// lists that a panic cannot leave half-written).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Creates one export's value in an env.
pub type CreateExport = unsafe fn(Env) -> Result<sys::napi_value>;

/// An export: its namespace (an object on `exports`, for the items of a `#[napi] mod`), name
/// and maker.
type Export = (Option<&'static str>, &'static str, CreateExport);

static EXPORTS: Mutex<Vec<Export>> = Mutex::new(Vec::new());

/// Adds an export; called by `#[napi]` items from the library's static constructors.
pub fn register(namespace: Option<&'static str>, name: &'static str, create: CreateExport) {
    lock(&EXPORTS).push((namespace, name, create));
}

/// Puts one export on `exports` (or on its namespace object there, made on first use).
unsafe fn define_export(env: Env, exports: sys::napi_value, (namespace, name, create): Export) -> Result<()> {
    let value = create(env).map_err(|error| error.context(format_args!("exporting {name}")))?;
    let Some(namespace) = namespace else {
        return env.set_named(exports, name, value);
    };
    let key = env.string(namespace)?;
    let mut object = env.call(|result| sys::napi_get_property(env.raw(), exports, key, result))?;
    if env.type_of(object)? != sys::napi_object {
        object = env.call(|result| sys::napi_create_object(env.raw(), result))?;
        env.check(sys::napi_set_property(env.raw(), exports, key, object))?;
    }
    env.set_named(object, name, value)
}

/// The Node-API version the addon declares, from the `napiN` cargo features.
pub const NAPI_VERSION: i32 = if cfg!(feature = "napi10") {
    10
} else if cfg!(feature = "napi9") {
    9
} else {
    8
};

#[cfg(not(feature = "napi8"))]
compile_error!("anode-napi needs Node-API 8 or later: enable the napi8, napi9 or napi10 feature");

/// Runs when the module loads in an env, before the exports are made.
pub type ModuleInit = unsafe fn(Env) -> Result<()>;

static MODULE_INITS: Mutex<Vec<ModuleInit>> = Mutex::new(Vec::new());

/// Runs when the module loads in an env, after the exports are made, with the `exports`
/// object (`#[napi(module_exports)]`).
pub type ModuleExports = unsafe fn(Env, sys::napi_value) -> Result<()>;

static MODULE_EXPORTS: Mutex<Vec<ModuleExports>> = Mutex::new(Vec::new());

/// Adds a `#[napi(module_exports)]` function.
pub fn register_module_exports(function: ModuleExports) {
    lock(&MODULE_EXPORTS).push(function);
}

/// What a module init function returns: `()` or `Result<()>`.
pub trait InitResult {
    fn into_result(self) -> Result<()>;
}

impl InitResult for () {
    fn into_result(self) -> Result<()> {
        Ok(())
    }
}

impl InitResult for Result<()> {
    fn into_result(self) -> Result<()> {
        self
    }
}

/// Adds a `#[napi(module_init)]` function.
pub fn register_module_init(init: ModuleInit) {
    lock(&MODULE_INITS).push(init);
}

/// What anode-napi keeps per env (in the env's instance data): the class constructors.
#[derive(Default)]
pub(crate) struct InstanceData {
    pub classes: HashMap<&'static str, sys::napi_ref>,
    /// The addon's own instance data (`Env::set_instance_data`).
    pub user: Option<Box<dyn std::any::Any>>,
    /// `Reflect.getOwnPropertyDescriptor` as it was when the addon loaded (errors made from
    /// JS values read their `message` and `cause` with it, running no JS of the caller's).
    get_own_property_descriptor: Option<sys::napi_ref>,
}

/// `Reflect.getOwnPropertyDescriptor` as it was when the addon loaded in `env`.
pub(crate) unsafe fn get_own_property_descriptor(env: Env) -> Result<sys::napi_value> {
    match instance_data(env)?.get_own_property_descriptor {
        Some(reference) => env.call(|result| sys::napi_get_reference_value(env.raw(), reference, result)),
        None => Err(Error::from_reason("Reflect.getOwnPropertyDescriptor was not there when the addon loaded")),
    }
}

/// Keeps `Reflect.getOwnPropertyDescriptor` of `env` (a failure leaves it unknown, and errors
/// made from JS values read no properties).
unsafe fn keep_get_own_property_descriptor(env: Env) {
    let kept = (|| -> Result<sys::napi_ref> {
        let reflect = env.get_named(env.global()?, "Reflect")?;
        let describe = env.get_named(reflect, "getOwnPropertyDescriptor")?;
        if env.type_of(describe)? != sys::napi_function {
            return Err(Error::from_reason("Reflect.getOwnPropertyDescriptor is not a function"));
        }
        env.call(|result| sys::napi_create_reference(env.raw(), describe, 1, result))
    })();
    match kept {
        Ok(reference) => {
            if let Ok(data) = instance_data(env) {
                data.get_own_property_descriptor = Some(reference);
            }
        }
        Err(_) if env.is_exception_pending() => {
            let mut ignored = ptr::null_mut();
            sys::napi_get_and_clear_last_exception(env.raw(), &mut ignored);
        }
        Err(_) => {}
    }
}

unsafe extern "C" fn finalize_instance_data(env: sys::napi_env, data: *mut c_void, _hint: *mut c_void) {
    crate::value_ref::env_torn_down(env);
    let data = Box::from_raw(data.cast::<InstanceData>());
    if let Some(reference) = data.get_own_property_descriptor {
        sys::napi_delete_reference(env, reference);
    }
    crate::error::without_unwinding(|| drop(data));
}

/// This env's `InstanceData`.
pub(crate) unsafe fn instance_data<'a>(env: Env) -> Result<&'a mut InstanceData> {
    let data = env.call(|result| sys::napi_get_instance_data(env.raw(), result))?;
    match data.cast::<InstanceData>().as_mut() {
        Some(data) => Ok(data),
        None => Err(Error::from_reason("anode-napi's instance data is missing")),
    }
}

/// Puts every registered export on `exports`; a failure is thrown and the load fails.
#[no_mangle]
pub unsafe extern "C" fn napi_register_module_v1(env: sys::napi_env, exports: sys::napi_value) -> sys::napi_value {
    let env = Env::from_raw(env);
    let data = Box::into_raw(Box::<InstanceData>::default()).cast::<c_void>();
    if let Err(error) = env.check(sys::napi_set_instance_data(env.raw(), data, Some(finalize_instance_data), ptr::null_mut())) {
        drop(Box::from_raw(data.cast::<InstanceData>()));
        unsafe { error.throw(env) };
        return ptr::null_mut();
    }
    crate::value_ref::env_started(env.raw());
    keep_get_own_property_descriptor(env);
    let inits = lock(&MODULE_INITS).clone();
    let registered = lock(&EXPORTS).clone();
    let initialized = inits.into_iter().try_for_each(|init| init(env));
    let defined = initialized.and_then(|_| registered.into_iter().try_for_each(|export| define_export(env, exports, export)));
    let exports_functions = lock(&MODULE_EXPORTS).clone();
    let defined = defined.and_then(|_| exports_functions.into_iter().try_for_each(|function| function(env, exports)));
    match defined {
        Ok(()) => exports,
        Err(error) => {
            unsafe { error.throw(env) };
            ptr::null_mut()
        }
    }
}

/// The Node-API version this module targets.
#[no_mangle]
pub extern "C" fn node_api_module_get_api_version_v1() -> i32 {
    NAPI_VERSION
}

/// Puts a TypeScript declaration in the library's `anode_napi_dts` section, which
/// anode-napi-build reads to write `index.d.ts`.
#[doc(hidden)]
#[macro_export]
macro_rules! __declare {
    ($length:literal, $text:literal) => {
        const _: () = {
            #[used]
            #[cfg_attr(target_os = "linux", link_section = "anode_napi_dts")]
            static DECLARATION: [u8; $length] = *$text;
        };
    };
}

/// Runs `$body` when the library loads (before Node calls `napi_register_module_v1`).
#[doc(hidden)]
#[macro_export]
macro_rules! __on_load {
    ($body:block) => {
        const _: () = {
            #[used]
            #[cfg_attr(any(target_os = "linux", target_os = "android", target_os = "freebsd"), link_section = ".init_array")]
            #[cfg_attr(target_vendor = "apple", link_section = "__DATA,__mod_init_func")]
            #[cfg_attr(windows, link_section = ".CRT$XCU")]
            static ON_LOAD: extern "C" fn() = {
                extern "C" fn on_load() $body
                on_load
            };
        };
    };
}
