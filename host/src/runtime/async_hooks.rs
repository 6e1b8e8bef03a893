//! Async hooks on the native side: the queue of destroyed async ids the loop reports before
//! its next immediates, and the async context frame (AsyncLocalStorage) as JS reads it. The
//! native resources themselves are Node-API's (napi::async_resource, through the Host).

use super::internals::Internal;
use super::{call_internal, field, RuntimeState};

pub(super) fn queue_destroy(state: &RuntimeState, async_id: f64) {
    if state.field(field::DESTROY_HOOKS) > 0.0 {
        state.destroyed_async_ids.borrow_mut().push(async_id);
    }
}

/// Runs the destroy hooks of the ids queued since the last time.
pub(super) fn emit_destroyed(scope: &mut v8::PinScope, state: &RuntimeState) {
    let ids = std::mem::take(&mut *state.destroyed_async_ids.borrow_mut());
    if ids.is_empty() {
        return;
    }
    let ids = super::bindings::number_array(scope, ids);
    call_internal(scope, Internal::EmitDestroyed, &[ids.into()]);
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
