//! Async hooks on the native side: the queue of destroyed async ids the loop reports before
//! its next immediates, and the async context frame (AsyncLocalStorage) as JS reads it. The
//! native resources themselves are Node-API's (napi::async_resource, through the Host).

use super::internals::Internal;
use super::{call_internal, field, RuntimeState};
use super::bindings::binding_object;

pub(super) fn queue_destroy(state: &RuntimeState, async_id: f64) {
    if state.field(field::DESTROY_HOOKS) > 0.0 {
        state.destroyed_async_ids.borrow_mut().push(async_id);
    }
}

/// Runs the destroy hooks of the ids queued since the last time, and of those the hooks
/// queue meanwhile (node's DestroyAsyncIdsCallback drains the list to empty).
pub(super) fn emit_destroyed(scope: &mut v8::PinScope, state: &RuntimeState) {
    loop {
        queue_collected(scope, state);
        let ids = std::mem::take(&mut *state.destroyed_async_ids.borrow_mut());
        if ids.is_empty() {
            return;
        }
        let ids = super::bindings::number_array(scope, ids);
        call_internal(scope, Internal::EmitDestroyed, &[ids.into()]);
    }
}

/// registerDestroyHook(resource, asyncId[, bag]): the resource's destroy hooks run once it
/// is collected, unless `bag.destroyed` is true by then (destroyed by hand), as node's weak
/// callback: a collection during one callback is reported before the next immediates.
pub(super) fn register_destroy_hook(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Ok(resource) = v8::Local::<v8::Object>::try_from(args.get(0)) else { return };
    let async_id = args.get(1).number_value(scope).unwrap_or(0.0);
    let bag = v8::Local::<v8::Object>::try_from(args.get(2)).ok().map(|bag| v8::Global::new(scope, bag));
    let key = async_id as u64;
    let weak = v8::Weak::with_finalizer(
        scope,
        resource,
        Box::new(move |isolate: &mut v8::Isolate| {
            let state = RuntimeState::get(isolate);
            let entry = state.destroy_on_collect.borrow_mut().remove(&key);
            if let Some((_weak, bag)) = entry {
                state.collected_resources.borrow_mut().push((async_id, bag));
            }
        }),
    );
    RuntimeState::get(scope).destroy_on_collect.borrow_mut().insert(key, (weak, bag));
}

/// Queues the destroy hooks of the collected resources not destroyed by hand.
fn queue_collected(scope: &mut v8::PinScope, state: &RuntimeState) {
    let collected = std::mem::take(&mut *state.collected_resources.borrow_mut());
    if collected.is_empty() {
        return;
    }
    v8::scope!(let scope, scope);
    let destroyed = v8::String::new(scope, "destroyed").unwrap();
    for (async_id, bag) in collected {
        let by_hand = bag.is_some_and(|bag| {
            let bag = v8::Local::new(scope, bag);
            bag.get(scope, destroyed.into()).is_some_and(|value| value.is_true())
        });
        if !by_hand {
            queue_destroy(state, async_id);
        }
    }
}

/// getContextFrame(): the current async context frame.
pub(super) fn get_context_frame(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    rv.set(scope.get_continuation_preserved_embedder_data());
}

/// setContextFrame(frame).
pub(super) fn set_context_frame(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    scope.set_continuation_preserved_embedder_data(args.get(0));
}

/// queueDestroyAsyncId(id).
pub(super) fn queue_destroy_async_id(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args.get(0).number_value(scope).unwrap_or(0.0);
    queue_destroy(&RuntimeState::get(scope), id);
}

/// `binding.asyncWrap()`: async context frames and destroy hooks (node's
/// internalBinding('async_wrap')).
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "getContextFrame" => get_context_frame,
        "setContextFrame" => set_context_frame,
        "queueDestroyAsyncId" => queue_destroy_async_id,
        "registerDestroyHook" => register_destroy_hook,
    });
    rv.set(object.into());
}
