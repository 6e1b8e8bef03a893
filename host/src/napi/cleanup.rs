//! Teardown: what runs when an environment ends (node's cleanup hooks and RunCleanup): the
//! addons' hooks, async cleanup hooks the loop waits for, and each Node-API env's own
//! teardown, last added first; then the envs are freed.

use std::cell::RefCell;
use std::ptr::NonNull;

/// Something to run when the environment is torn down at exit, last added first.
pub enum CleanupHook {
    /// napi_add_env_cleanup_hook.
    Addon { fun: napi_sys::napi_cleanup_hook, arg: *mut std::ffi::c_void },
    /// napi_add_async_cleanup_hook: teardown waits until the addon removes it.
    Async(NonNull<super::AsyncCleanupHandle>),
    /// A Node-API env's own teardown, registered when the env is made (as in node).
    Env(NonNull<super::Env>),
    /// Runtime-internal teardown of a native object (a threadsafe function).
    Native { run: fn(*mut std::ffi::c_void, &mut v8::PinScope), arg: *mut std::ffi::c_void },
}

thread_local! {
    static CLEANUP_HOOKS: RefCell<Vec<CleanupHook>> = const { RefCell::new(Vec::new()) };
}

pub fn add_cleanup_hook(hook: CleanupHook) {
    CLEANUP_HOOKS.with(|hooks| hooks.borrow_mut().push(hook));
}

/// Calls `f` with each Node-API env of this thread (each has a teardown hook).
pub(crate) fn each_env(mut f: impl FnMut(&mut super::Env)) {
    CLEANUP_HOOKS.with(|hooks| {
        for hook in hooks.borrow().iter() {
            if let CleanupHook::Env(env) = hook {
                // SAFETY: an env is freed only after its teardown hook has run, on this thread.
                f(unsafe { &mut *env.as_ptr() });
            }
        }
    })
}

/// Removes the last hook matching `matches`; whether there was one.
pub fn remove_cleanup_hook(matches: impl Fn(&CleanupHook) -> bool) -> bool {
    CLEANUP_HOOKS.with(|hooks| {
        let mut hooks = hooks.borrow_mut();
        match hooks.iter().rposition(matches) {
            Some(index) => {
                hooks.remove(index);
                true
            }
            None => false,
        }
    })
}

/// Runs the cleanup hooks, last added first; async ones keep the loop turning until done.
/// Then frees the envs torn down: what could still refer to one has finished by then
/// (queued async work completed, threadsafe functions closed and finalized).
pub fn run_cleanup_hooks(scope: &mut v8::PinScope) {
    // As node's RunCleanup: every queued hook runs (last added first; async ones are only
    // started), then the loop runs until the started async hooks have removed themselves;
    // again while hooks added meanwhile remain. An async hook holds its env, as in node:
    // envs whose turn comes while started hooks are pending are torn down once they finish.
    super::env::begin_cleanup(scope);
    let mut started = Vec::new();
    let mut held_envs = Vec::new();
    let mut torn_down = Vec::new();
    loop {
        // As node's CleanupHandles, before the hooks: queued async work completes first.
        super::node_api::async_work::complete_queued();
        if CLEANUP_HOOKS.with(|hooks| hooks.borrow().is_empty()) {
            break;
        }
        while let Some(hook) = CLEANUP_HOOKS.with(|hooks| hooks.borrow_mut().pop()) {
            v8::scope!(let scope, scope);
            match hook {
                // SAFETY: the addon's hook with its argument.
                CleanupHook::Addon { fun: Some(fun), arg } => unsafe { fun(arg) },
                CleanupHook::Addon { fun: None, .. } => {}
                CleanupHook::Async(handle) => {
                    // SAFETY: owned by the hook list until started, then by `started`.
                    unsafe { handle.as_ref().start() };
                    started.push(handle);
                }
                CleanupHook::Env(env) if !started.is_empty() => held_envs.push(env),
                CleanupHook::Env(env) => {
                    // SAFETY: envs are freed only below, after every hook.
                    unsafe { (*env.as_ptr()).teardown(scope) };
                    torn_down.push(env);
                }
                CleanupHook::Native { run, arg } => run(arg, scope),
            }
        }
        // Handles closed by the hooks finish closing (their close callbacks run).
        crate::uv::run_ready();
        // SAFETY: a started handle lives until it is freed here, after its removal.
        let removed = |handle: &NonNull<super::AsyncCleanupHandle>| unsafe { handle.as_ref() }.removed.load(std::sync::atomic::Ordering::Acquire);
        while !started.iter().all(removed) {
            crate::uv::run_once();
            super::host::get(scope).run_posted_tasks(scope);
        }
        for handle in started.drain(..) {
            // SAFETY: removed, so the addon no longer refers to it.
            drop(unsafe { Box::from_raw(handle.as_ptr()) });
        }
        for env in held_envs.drain(..) {
            v8::scope!(let scope, scope);
            // SAFETY: as above.
            unsafe { (*env.as_ptr()).teardown(scope) };
            torn_down.push(env);
        }
    }
    for env in torn_down {
        // SAFETY: torn down, and its hook is gone: nothing refers to it any more.
        unsafe { super::Env::free(env) };
    }
}

