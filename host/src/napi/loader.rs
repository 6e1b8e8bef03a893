//! Loading an addon: dlopen, find its registration, make its env, run its init.

use std::ffi::{c_int, c_void};
use std::ops::Range;
use std::sync::{Mutex, RwLock};

use napi_sys as sys;

use super::env::Env;
use super::node_api::module::REGISTERED_MODULE;
use super::value::{from_napi, to_napi};

/// The Node-API version of modules that do not declare one.
const DEFAULT_MODULE_API_VERSION: i32 = 8;

fn throw_error(scope: &mut v8::PinScope, message: &str, code: Option<&str>) {
    let text = v8::String::new(scope, message).unwrap();
    let error = v8::Exception::error(scope, text);
    if let Some(code) = code {
        let key = v8::String::new(scope, "code").unwrap();
        let value = v8::String::new(scope, code).unwrap();
        error.cast::<v8::Object>().set(scope, key.into(), value.into());
    }
    scope.throw_exception(error);
}

/// `process.dlopen(module, filename, flags)`: loads the addon at `filename` and puts what
/// its init returns in `module.exports`. Failures are thrown as node throws them.
pub fn load(scope: &mut v8::PinScope, module: v8::Local<v8::Object>, filename: &str, flags: Option<i32>) {
    let flags = flags.unwrap_or(libc::RTLD_LAZY);
    let needed_libraries = match super::link_check::check(filename) {
        Ok(libraries) => libraries,
        Err(message) => return throw_error(scope, &message, Some("ERR_DLOPEN_FAILED")),
    };
    REGISTERED_MODULE.with(|slot| slot.set(std::ptr::null_mut()));
    // SAFETY: loading a library runs its constructors; that is what loading an addon means.
    let library = match unsafe { libloading::os::unix::Library::open(Some(filename), flags) } {
        Ok(library) => library,
        // libloading's message is dlerror()'s, as node reports it.
        Err(error) => return throw_error(scope, &error.to_string(), Some("ERR_DLOPEN_FAILED")),
    };
    drop(needed_libraries);
    let handle = library.into_raw();
    // SAFETY: the handle just taken from the library.
    let library = unsafe { libloading::os::unix::Library::from_raw(handle) };
    let registered = module_registered_by(handle);
    // SAFETY: a module napi_module_register received during this dlopen.
    let registered = unsafe { registered.as_ref() };
    // SAFETY: the symbols have the types node_api.h gives them.
    let init: sys::napi_addon_register_func = unsafe {
        match library.get::<unsafe extern "C" fn(sys::napi_env, sys::napi_value) -> sys::napi_value>(b"napi_register_module_v1\0") {
            Ok(symbol) => Some(*symbol),
            Err(_) => match registered {
                Some(module) if module.nm_register_func.is_none() => {
                    std::mem::forget(library);
                    return throw_error(scope, "Module has no declared entry point.", None);
                }
                Some(module) => module.nm_register_func,
                None => None,
            },
        }
    };
    let version = unsafe {
        library
            .get::<unsafe extern "C" fn() -> i32>(b"node_api_module_get_api_version_v1\0")
            .map(|get_version| get_version())
            .unwrap_or(DEFAULT_MODULE_API_VERSION)
    };
    // Addons are never unloaded, as in node.
    std::mem::forget(library);
    if let Some(address) = init.map(|init| init as usize).or(registered.map(|module| module as *const sys::napi_module as usize)) {
        record_read_only_segments(address);
    }
    let Some(init) = init else {
        return throw_error(scope, &format!("Module did not self-register: '{filename}'."), Some("ERR_DLOPEN_FAILED"));
    };
    let version = if version < DEFAULT_MODULE_API_VERSION { DEFAULT_MODULE_API_VERSION } else { version };
    if version > crate::napi::MAX_MODULE_API_VERSION && version != sys::NAPI_VERSION_EXPERIMENTAL as i32 {
        let message = format!(
            "{filename}: Module API version of {version} is greater than maximum supported Node-API version of {}",
            crate::napi::MAX_MODULE_API_VERSION
        );
        return throw_error(scope, &message, None);
    }
    // SAFETY: a new env, freed only at the runtime's teardown.
    let env = unsafe { &mut *Env::new(scope, version, filename).as_ptr() };
    let exports_key = v8::String::new(scope, "exports").unwrap();
    let Some(exports) = module.get(scope, exports_key.into()) else { return };
    let result = env.call_into_module(scope, |env| unsafe { init(env.cast(), to_napi(exports)) });
    if let Some(Ok(value)) = result.map(from_napi) {
        if value != exports {
            module.set(scope, exports_key.into(), value);
        }
    }
}

/// The modules static constructors registered, by the handle of the library whose load ran
/// them: loading the same file again runs no constructor, and gets its module from here.
static MODULES_BY_LIBRARY: Mutex<Vec<(usize, usize)>> = Mutex::new(Vec::new());

/// The module the constructors of the library with handle `library` registered, in this load or an earlier one.
fn module_registered_by(library: *mut c_void) -> *mut sys::napi_module {
    let registered = REGISTERED_MODULE.with(|slot| slot.replace(std::ptr::null_mut()));
    let handle = library as usize;
    let mut modules = MODULES_BY_LIBRARY.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if !registered.is_null() {
        modules.retain(|&(known, _)| known != handle);
        modules.push((handle, registered as usize));
        return registered;
    }
    modules.iter().find(|&&(known, _)| known == handle).map_or(std::ptr::null_mut(), |&(_, module)| module as *mut sys::napi_module)
}

/// The address ranges of loaded addons' segments that are not writable. Addons are never
/// unloaded, so the bytes there never change: a C string there is known by its address.
static READ_ONLY_SEGMENTS: RwLock<Vec<Range<usize>>> = RwLock::new(Vec::new());

/// Whether `address` lies in a loaded addon's read-only segment.
pub fn in_read_only_segment(address: usize) -> bool {
    READ_ONLY_SEGMENTS.read().unwrap_or_else(|poisoned| poisoned.into_inner()).iter().any(|range| range.contains(&address))
}

/// Records the read-only segments of the loaded object that holds `address`.
fn record_read_only_segments(address: usize) {
    /// What the walk looks for and what it found.
    struct Search {
        address: usize,
        read_only: Vec<Range<usize>>,
    }
    unsafe extern "C" fn visit(info: *mut libc::dl_phdr_info, _size: usize, data: *mut c_void) -> c_int {
        // SAFETY: the loader's description of one object, and the Search passed below.
        let (info, search) = unsafe { (&*info, &mut *data.cast::<Search>()) };
        // SAFETY: the object's program headers.
        let headers = unsafe { std::slice::from_raw_parts(info.dlpi_phdr, usize::from(info.dlpi_phnum)) };
        let segment = |header: &libc::Elf64_Phdr| {
            let start = info.dlpi_addr as usize + header.p_vaddr as usize;
            start..start + header.p_memsz as usize
        };
        let loaded = headers.iter().filter(|header| header.p_type == libc::PT_LOAD);
        if !loaded.clone().any(|header| segment(header).contains(&search.address)) {
            return 0;
        }
        search.read_only = loaded.filter(|header| header.p_flags & libc::PF_W == 0).map(segment).collect();
        1
    }
    let mut search = Search { address, read_only: Vec::new() };
    // SAFETY: `visit` only reads what the loader hands it and writes the Search.
    unsafe { libc::dl_iterate_phdr(Some(visit), (&mut search as *mut Search).cast()) };
    let mut segments = READ_ONLY_SEGMENTS.write().unwrap_or_else(|poisoned| poisoned.into_inner());
    for range in search.read_only {
        if !segments.contains(&range) {
            segments.push(range);
        }
    }
}
