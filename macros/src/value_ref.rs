//! napi-rs's references to single JS values: `ObjectRef`, `SymbolRef`, `UnknownRef`. Each
//! holds its value alive (a strong `napi_ref`) beyond the call, across threads, until
//! `unref` — or, returned to JS, until it is converted. `ExternalRef<T>` holds an external
//! and reads its `T`, released when dropped (on the JS thread).

use crate::convert::{expect_type, FromNapiValue, JsValue, ToNapiValue};
use crate::error::Result;
use crate::object::Object;
use crate::sys;
use crate::values::{External, JsExternal, JsSymbol};
use std::ops::{Deref, DerefMut};
use crate::Env;

/// The `napi_ref` a reference type holds, and whether it was released.
struct Held {
    reference: sys::napi_ref,
    released: bool,
}

impl Held {
    unsafe fn new(env: Env, value: sys::napi_value) -> Result<Held> {
        let reference = env.call(|result| sys::napi_create_reference(env.raw(), value, 1, result))?;
        Ok(Held { reference, released: false })
    }

    fn value(&self, env: Env) -> Result<sys::napi_value> {
        env.call(|result| unsafe { sys::napi_get_reference_value(env.raw(), self.reference, result) })
    }

    fn release(&mut self, env: Env) -> Result<()> {
        self.released = true;
        env.check(unsafe { sys::napi_delete_reference(env.raw(), self.reference) })
    }

    /// A reference dropped without `unref` keeps its value alive until the env is torn down
    /// (a `napi_ref` can only be deleted on the JS thread, with its env): said on stderr when
    /// `leak_check`.
    fn dropped(&self, leak_check: bool, type_name: &str) {
        if leak_check && !self.released {
            eprintln!("anode-napi: {type_name} dropped without unref(): its value is kept until the env is torn down");
        }
    }
}

macro_rules! value_refs {
    ($($(#[$doc:meta])* $name:ident => $value:ty, $read:expr, $check:expr;)*) => {
        $(
            $(#[$doc])*
            ///
            /// `LEAK_CHECK` (default `true`): report on stderr a reference dropped without `unref`.
            pub struct $name<const LEAK_CHECK: bool = true> {
                held: Held,
            }

            // SAFETY: the `napi_ref` is only used through an `Env`, which exists only on its
            // JS thread; elsewhere the reference is only carried.
            unsafe impl<const LEAK_CHECK: bool> Send for $name<LEAK_CHECK> {}
            unsafe impl<const LEAK_CHECK: bool> Sync for $name<LEAK_CHECK> {}

            impl<const LEAK_CHECK: bool> $name<LEAK_CHECK> {
                /// The value, in the current call of `env`.
                pub fn get_value<'env>(&self, env: &'env Env) -> Result<$value> {
                    let value = self.held.value(*env)?;
                    let read: fn(Env, sys::napi_value) -> $value = $read;
                    Ok(read(*env, value))
                }

                /// Releases the value.
                pub fn unref(mut self, env: &Env) -> Result<()> {
                    self.held.release(*env)
                }
            }

            impl<const LEAK_CHECK: bool> Drop for $name<LEAK_CHECK> {
                fn drop(&mut self) {
                    self.held.dropped(LEAK_CHECK, stringify!($name));
                }
            }

            impl<const LEAK_CHECK: bool> FromNapiValue for $name<LEAK_CHECK> {
                unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
                    let env = Env::from_raw(env);
                    let check: unsafe fn(Env, sys::napi_value) -> Result<()> = $check;
                    check(env, value)?;
                    Ok($name { held: Held::new(env, value)? })
                }
            }

            /// Returned to JS: the value, the reference released.
            impl<const LEAK_CHECK: bool> ToNapiValue for $name<LEAK_CHECK> {
                unsafe fn to_napi_value(mut self, env: Env) -> Result<sys::napi_value> {
                    let value = self.held.value(env)?;
                    self.held.release(env)?;
                    Ok(value)
                }
            }

            /// Returned to JS by reference: the value, the reference kept.
            impl<const LEAK_CHECK: bool> ToNapiValue for &$name<LEAK_CHECK> {
                unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
                    self.held.value(env)
                }
            }
        )*
    };
}

unsafe fn check_object(env: Env, value: sys::napi_value) -> Result<()> {
    Object::from_napi_value(env.raw(), value).map(|_| ())
}

unsafe fn check_symbol(env: Env, value: sys::napi_value) -> Result<()> {
    expect_type(env, value, sys::napi_symbol)
}

unsafe fn check_nothing(_env: Env, _value: sys::napi_value) -> Result<()> {
    Ok(())
}

value_refs! {
    /// A reference to a JS object (or function).
    ObjectRef => Object<'env>, |env, value| unsafe { Object::from_raw(env, value) }, check_object;
    /// A reference to a JS symbol.
    SymbolRef => JsSymbol, |env, value| JsSymbol(value, env), check_symbol;
    /// A reference to any JS value (primitives other than symbols need Node-API 10).
    UnknownRef => JsValue, |env, value| JsValue(value, env), check_nothing;
}

impl Object<'_> {
    /// A reference holding the object beyond the call.
    pub fn create_ref<const LEAK_CHECK: bool>(&self) -> Result<ObjectRef<LEAK_CHECK>> {
        let (env, value) = crate::object::JsObjectValue::object(self);
        Ok(ObjectRef { held: unsafe { Held::new(env, value)? } })
    }
}

impl JsSymbol {
    /// A reference holding the symbol beyond the call.
    pub fn create_ref<const LEAK_CHECK: bool>(&self) -> Result<SymbolRef<LEAK_CHECK>> {
        Ok(SymbolRef { held: unsafe { Held::new(self.1, self.0)? } })
    }
}

impl JsValue {
    /// A reference holding the value beyond the call.
    pub fn create_ref<const LEAK_CHECK: bool>(&self) -> Result<UnknownRef<LEAK_CHECK>> {
        Ok(UnknownRef { held: unsafe { Held::new(self.1, self.0)? } })
    }
}

/// A JS external holding a `T`, kept alive beyond the call; the `T` read through it. Dropped
/// (on its env's JS thread), it releases the external.
pub struct ExternalRef<T: 'static> {
    env: Env,
    reference: sys::napi_ref,
    value: *mut T,
}

impl<T: 'static> ExternalRef<T> {
    /// A new external holding `value`, referenced.
    pub fn new(env: &Env, value: T) -> Result<ExternalRef<T>> {
        External::new(value).into_js_external(env)?.create_ref()
    }

    /// The JS external.
    pub fn get_value(&self) -> Result<JsExternal<'_>> {
        let value = self.env.call(|result| unsafe { sys::napi_get_reference_value(self.env.raw(), self.reference, result) })?;
        unsafe { JsExternal::from_napi_value(self.env.raw(), value) }
    }
}

impl<T: 'static> Deref for ExternalRef<T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the reference keeps the external, and so its `T`, alive.
        unsafe { &*self.value }
    }
}

impl<T: 'static> DerefMut for ExternalRef<T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as for `deref`; `&mut self` is the only way to the value from Rust.
        unsafe { &mut *self.value }
    }
}

impl<T: 'static> Drop for ExternalRef<T> {
    fn drop(&mut self) {
        unsafe { sys::napi_delete_reference(self.env.raw(), self.reference) };
    }
}

impl JsExternal<'_> {
    /// A reference holding the external beyond the call, if it holds a `T` (a `TypeError`
    /// otherwise).
    pub fn create_ref<T: 'static>(&self) -> Result<ExternalRef<T>> {
        let value: *mut T = self.get_value::<T>()?;
        let reference = self.env.call(|result| unsafe { sys::napi_create_reference(self.env.raw(), self.value, 1, result) })?;
        Ok(ExternalRef { env: self.env, reference, value })
    }
}

impl<T: 'static> FromNapiValue for ExternalRef<T> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        JsExternal::from_napi_value(env.raw(), value)?.create_ref()
    }
}

/// Returned to JS: the external (the reference released as it is dropped).
impl<T: 'static> ToNapiValue for ExternalRef<T> {
    unsafe fn to_napi_value(self, _env: Env) -> Result<sys::napi_value> {
        self.get_value().map(|external| external.raw())
    }
}

/// Returned to JS by reference: the external, the reference kept.
impl<T: 'static> ToNapiValue for &ExternalRef<T> {
    unsafe fn to_napi_value(self, _env: Env) -> Result<sys::napi_value> {
        self.get_value().map(|external| external.raw())
    }
}

/// A JS value kept alive (a strong `napi_ref`) by a Rust value that may be moved to and dropped
/// on other threads (a `Buffer` or typed array received from JS). Dropped on its env's thread,
/// the reference is deleted at once; dropped elsewhere, at the env's next call into the addon.
/// Dropped once its env was torn down (a value kept in a thread-local drops as the worker's
/// thread exits, after its teardown), the reference went with the env: nothing is deleted,
/// as Node-API calls on a torn-down env are not allowed (node crashes on them).
pub(crate) struct Retained {
    env: sys::napi_env,
    /// Which env at that address: addresses are reused once an env is freed.
    generation: u64,
    reference: sys::napi_ref,
    thread: std::thread::ThreadId,
}

// SAFETY: the reference is only used, and deleted, on its env's thread (see `Drop`).
unsafe impl Send for Retained {}
unsafe impl Sync for Retained {}

/// The envs the addon is loaded in that are not torn down, and the references dropped off
/// their env's thread, waiting for it: (env address, generation, reference address).
struct Envs {
    live: Vec<(usize, u64)>,
    orphaned: Vec<(usize, u64, usize)>,
}

static ENVS: std::sync::Mutex<Envs> = std::sync::Mutex::new(Envs { live: Vec::new(), orphaned: Vec::new() });
static HAS_ORPHANS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
static NEXT_GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

thread_local! {
    /// This thread's live envs and their generations (a copy of `ENVS.live`'s, read without
    /// the lock). Once it is destroyed (the thread exiting), no env of the thread is live.
    static THREAD_ENVS: std::cell::RefCell<Vec<(usize, u64)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The generation of `env`, live on this thread (0 if it is not).
fn generation_on_thread(env: sys::napi_env) -> u64 {
    THREAD_ENVS
        .try_with(|envs| envs.borrow().iter().find(|&&(live, _)| live == env as usize).map_or(0, |&(_, generation)| generation))
        .unwrap_or(0)
}

/// Records that the addon was loaded in `env` (on its thread).
pub(crate) fn env_started(env: sys::napi_env) {
    let generation = NEXT_GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    crate::module::lock(&ENVS).live.push((env as usize, generation));
    let _ = THREAD_ENVS.try_with(|envs| envs.borrow_mut().push((env as usize, generation)));
}

/// Records that `env` is being torn down: its references go with it (a later env at the same
/// address must not see them), and those dropped later are not deleted.
pub(crate) fn env_torn_down(env: sys::napi_env) {
    let _ = THREAD_ENVS.try_with(|envs| envs.borrow_mut().retain(|&(live, _)| live != env as usize));
    let mut envs = crate::module::lock(&ENVS);
    envs.live.retain(|&(live, _)| live != env as usize);
    envs.orphaned.retain(|&(owner, _, _)| owner != env as usize);
    HAS_ORPHANS.store(!envs.orphaned.is_empty(), std::sync::atomic::Ordering::Release);
}

impl Retained {
    pub(crate) unsafe fn new(env: Env, value: sys::napi_value) -> Result<Retained> {
        let reference = env.call(|result| sys::napi_create_reference(env.raw(), value, 1, result))?;
        let generation = generation_on_thread(env.raw());
        Ok(Retained { env: env.raw(), generation, reference, thread: std::thread::current().id() })
    }

    /// The value, in `env` (its own env, on its thread).
    pub(crate) unsafe fn value(&self, env: Env) -> Result<sys::napi_value> {
        env.call(|result| sys::napi_get_reference_value(env.raw(), self.reference, result))
    }

    /// Whether this is a reference of `env`, asked on its thread.
    pub(crate) fn belongs_to(&self, env: Env) -> bool {
        self.env == env.raw() && std::thread::current().id() == self.thread
    }

    /// The value, on its env's thread.
    pub(crate) fn get(&self) -> Result<sys::napi_value> {
        if std::thread::current().id() != self.thread {
            return Err(crate::Error::from_reason("a JS value is only reachable on its env's thread"));
        }
        unsafe { self.value(Env::from_raw(self.env)) }
    }
}

impl Drop for Retained {
    fn drop(&mut self) {
        if std::thread::current().id() == self.thread {
            if generation_on_thread(self.env) == self.generation {
                unsafe { sys::napi_delete_reference(self.env, self.reference) };
            }
            return;
        }
        let mut envs = crate::module::lock(&ENVS);
        if envs.live.contains(&(self.env as usize, self.generation)) {
            envs.orphaned.push((self.env as usize, self.generation, self.reference as usize));
            HAS_ORPHANS.store(true, std::sync::atomic::Ordering::Release);
        }
    }
}

/// Deletes the references of `env` dropped on other threads (called on `env`'s thread).
pub(crate) unsafe fn release_orphans(env: sys::napi_env) {
    if !HAS_ORPHANS.load(std::sync::atomic::Ordering::Acquire) {
        return;
    }
    let mut envs = crate::module::lock(&ENVS);
    envs.orphaned.retain(|&(owner, _, reference)| {
        if owner != env as usize {
            return true;
        }
        sys::napi_delete_reference(env, reference as sys::napi_ref);
        false
    });
    HAS_ORPHANS.store(!envs.orphaned.is_empty(), std::sync::atomic::Ordering::Release);
}
