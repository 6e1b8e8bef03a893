//! Microtasks, the domain trampoline, promise hooks and V8's promise rejection events.

use std::sync::atomic::{AtomicU64, Ordering};

use super::*;

pub(super) fn run_microtasks(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    scope.perform_microtask_checkpoint();
}

/// useDomainTrampoline(fn): napi_make_callback without an async context calls through `fn`.
pub(super) fn use_domain_trampoline(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    if let Ok(trampoline) = v8::Local::<v8::Function>::try_from(args.get(0)) {
        *RuntimeState::get(scope).domain_trampoline.borrow_mut() = Some(v8::Global::new(scope, trampoline));
    }
}

/// setPromiseHook(fn): `fn(type, promise, parent)` is called as promises are made (type 0)
/// and around their reactions (2 before, 3 after). Node-API promises are then made by V8's
/// factory, which runs the hook, instead of from the envs' templates.
pub(super) fn set_promise_hook(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Ok(hook) = v8::Local::<v8::Function>::try_from(args.get(0)) else { return };
    *RuntimeState::get(scope).promise_hook.borrow_mut() = Some(v8::Global::new(scope, hook));
    crate::napi::promise_hook_installed();
    scope.set_promise_hook(promise_hook);
}

pub(super) extern "C" fn promise_hook(kind: v8::PromiseHookType, promise: v8::Local<v8::Promise>, parent: v8::Local<v8::Value>) {
    if kind == v8::PromiseHookType::Resolve {
        return;
    }
    v8::callback_scope!(unsafe scope, promise);
    let Some(hook) = RuntimeState::get(scope).promise_hook.borrow().clone() else { return };
    let hook = v8::Local::new(scope, hook);
    let kind = v8::Integer::new(scope, kind as i32).into();
    let undefined = v8::undefined(scope).into();
    v8::tc_scope!(let tc, scope);
    let _ = hook.call(tc, undefined, &[kind, promise.into(), parent]);
}

/// V8's promise hook: hands rejection events to the JS bookkeeping of unhandled rejections.
pub extern "C" fn promise_reject_callback(message: v8::PromiseRejectMessage) {
    v8::callback_scope!(unsafe scope, &message);
    let Some((internals, hook)) = RuntimeState::get(scope).internal_function(scope, Internal::PromiseRejectHook) else { return };
    trace_rejections(message.get_event());
    let event = v8::Integer::new(scope, message.get_event() as i32).into();
    let promise = message.get_promise().into();
    let reason = message.get_value().unwrap_or_else(|| v8::undefined(scope).into());
    v8::tc_scope!(let tc, scope);
    hook.call(tc, internals.into(), &[event, promise, reason]);
    if tc.has_caught() && !tc.has_terminated() {
        let exception = tc.exception().unwrap_or_else(|| v8::undefined(tc).into());
        let message = tc.message();
        crate::runtime::fatal::print_caught(tc, "Exception in PromiseRejectCallback", exception, message);
    }
}

/// The node.promises.rejections counters: rejections without a handler so far, and handlers
/// added after one, in the process.
fn trace_rejections(event: v8::PromiseRejectEvent) {
    static UNHANDLED: AtomicU64 = AtomicU64::new(0);
    static HANDLED_AFTER: AtomicU64 = AtomicU64::new(0);
    match event {
        v8::PromiseRejectEvent::PromiseRejectWithNoHandler => UNHANDLED.fetch_add(1, Ordering::Relaxed),
        v8::PromiseRejectEvent::PromiseHandlerAddedAfterReject => HANDLED_AFTER.fetch_add(1, Ordering::Relaxed),
        _ => return,
    };
    let args = serde_json::json!({ "unhandled": UNHANDLED.load(Ordering::Relaxed), "handledAfter": HANDLED_AFTER.load(Ordering::Relaxed) });
    crate::runtime::trace_events::emit('C', "node,node.promises,node.promises.rejections", "rejections", None, args);
}

/// `binding.taskQueue()`: the microtask queue and promise hooks (node's
/// internalBinding('task_queue')).
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "runMicrotasks" => run_microtasks,
        "useDomainTrampoline" => use_domain_trampoline,
        "setPromiseHook" => set_promise_hook,
    });
    rv.set(object.into());
}
