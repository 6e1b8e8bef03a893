//! Async hooks on the native side: the async resources of Node-API (async contexts, async
//! work, threadsafe functions) with their ids, the init/before/after events they raise
//! through js/async_hooks.js, the async context frame (AsyncLocalStorage) they restore, and
//! the queue of destroyed ids the loop reports before its next immediates.

use super::{call_internal, field, RuntimeState};

/// The object an async resource reports to hooks and executionAsyncResource().
enum ResourceObject {
    /// None was given and no hook has seen one: a new object each time one is needed.
    Unmade,
    Strong(v8::Global<v8::Object>),
    /// The caller's object, held weakly as node's napi_async_context holds it; a new
    /// object stands in once it has been collected.
    Weak(v8::Weak<v8::Object>),
}

/// How a resource holds an object the caller gave.
pub enum Hold {
    Strong,
    Weak,
}

/// A native async resource.
pub struct AsyncResource {
    async_id: f64,
    trigger_id: f64,
    object: ResourceObject,
    /// The async context frame its callbacks run in (None: the empty one): the frame
    /// current when it was made, for a resource that keeps it.
    frame: Option<v8::Global<v8::Value>>,
}

/// Which async context frame a resource's callbacks run in. Node 24 runs AsyncLocalStorage
/// on AsyncContextFrame: napi_async_init keeps the frame it was made in for
/// napi_make_callback; async work, threadsafe functions and callback scopes run their
/// callbacks in the empty frame.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    Kept,
    Empty,
}

/// A resource's callback scope, entered by `AsyncResource::enter`.
pub struct Entered {
    async_id: f64,
    /// The frame to restore on exit (None: the empty one).
    outer_frame: Option<v8::Global<v8::Value>>,
}

impl AsyncResource {
    /// A resource of type `name` for `object` (None: one is made if a hook needs it) whose
    /// callbacks run in `frame`; emits init.
    pub fn new(scope: &mut v8::PinScope, object: Option<(v8::Local<v8::Object>, Hold)>, name: v8::Local<v8::String>, frame: Frame) -> Self {
        let state = RuntimeState::get(scope);
        let async_id = state.field(field::ASYNC_ID_COUNTER) + 1.0;
        state.set_field(field::ASYNC_ID_COUNTER, async_id);
        let trigger_id = state.field(field::EXECUTION_ASYNC_ID);
        let frame = (frame == Frame::Kept && state.field(field::CONTEXT_FRAMES_USED) != 0.0)
            .then(|| scope.get_continuation_preserved_embedder_data())
            .filter(|frame| !frame.is_undefined())
            .map(|frame| v8::Global::new(scope, frame));
        let init_hooks = state.field(field::INIT_HOOKS) > 0.0;
        let object = match object {
            None if init_hooks => Some((v8::Object::new(scope), Hold::Strong)),
            object => object,
        };
        if let (true, Some((object, _))) = (init_hooks, &object) {
            let id = v8::Number::new(scope, async_id).into();
            let trigger = v8::Number::new(scope, trigger_id).into();
            call_internal(scope, "emitInit", &[id, name.into(), trigger, (*object).into()]);
        }
        let object = match object {
            None => ResourceObject::Unmade,
            Some((object, Hold::Strong)) => ResourceObject::Strong(v8::Global::new(scope, object)),
            Some((object, Hold::Weak)) => ResourceObject::Weak(v8::Weak::new(scope, object)),
        };
        AsyncResource { async_id, trigger_id, object, frame }
    }

    fn object<'s>(&self, scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Object> {
        let alive = match &self.object {
            ResourceObject::Strong(object) => Some(v8::Local::new(scope, object)),
            ResourceObject::Weak(object) => object.to_local(scope),
            ResourceObject::Unmade => None,
        };
        alive.unwrap_or_else(|| v8::Object::new(scope))
    }

    /// Enters the resource's callback scope: its frame, the execution stack, before hooks.
    /// Unless `always`, only when a hook or a frame makes it observable.
    pub fn enter(&self, scope: &mut v8::PinScope, always: bool) -> Option<Entered> {
        self.enter_in(scope, always, Frame::Kept)
    }

    /// `enter`, in the empty frame whatever frame the resource kept (a callback scope).
    pub fn enter_in_empty_frame(&self, scope: &mut v8::PinScope, always: bool) -> Option<Entered> {
        self.enter_in(scope, always, Frame::Empty)
    }

    fn enter_in(&self, scope: &mut v8::PinScope, always: bool, frame: Frame) -> Option<Entered> {
        let frame = if frame == Frame::Kept { self.frame.as_ref() } else { None };
        let state = RuntimeState::get(scope);
        let hooks = state.field(field::BEFORE_HOOKS) + state.field(field::AFTER_HOOKS) > 0.0;
        if !always && !hooks && frame.is_none() && !in_a_frame(scope) {
            return None;
        }
        let frame = frame_value(scope, frame);
        let object = self.object(scope);
        let id = v8::Number::new(scope, self.async_id).into();
        let trigger = v8::Number::new(scope, self.trigger_id).into();
        let outer_frame = call_internal(scope, "enterAsyncScope", &[id, trigger, object.into(), frame])
            .filter(|frame| !frame.is_undefined())
            .map(|frame| v8::Global::new(scope, frame));
        Some(Entered { async_id: self.async_id, outer_frame })
    }

    /// The async id hooks know the resource by.
    pub fn async_id(&self) -> f64 {
        self.async_id
    }

    /// Queues the destroy hooks (safe inside the GC: no JS runs here).
    pub fn destroy(self, isolate: &v8::Isolate) {
        queue_destroy(&RuntimeState::get(isolate), self.async_id);
    }
}

impl Entered {
    /// Leaves the scope: after hooks when the callback `completed`, then the outer frame.
    pub fn exit(self, scope: &mut v8::PinScope, completed: bool) {
        let id = v8::Number::new(scope, self.async_id).into();
        let completed = v8::Boolean::new(scope, completed).into();
        let outer_frame = frame_value(scope, self.outer_frame.as_ref());
        call_internal(scope, "exitAsyncScope", &[id, outer_frame, completed]);
    }
}

/// Whether code runs in a frame other than the empty one (AsyncLocalStorage in use).
fn in_a_frame(scope: &mut v8::PinScope) -> bool {
    RuntimeState::get(scope).field(field::CONTEXT_FRAMES_USED) != 0.0 && !scope.get_continuation_preserved_embedder_data().is_undefined()
}

/// Switches to the empty frame, for a callback with no async context (napi_make_callback's
/// NULL context); returns the frame to restore, None when nothing changed.
pub fn enter_empty_frame(scope: &mut v8::PinScope) -> Option<v8::Global<v8::Value>> {
    if !in_a_frame(scope) {
        return None;
    }
    let outer = scope.get_continuation_preserved_embedder_data();
    let outer = v8::Global::new(scope, outer);
    let empty = v8::undefined(scope).into();
    scope.set_continuation_preserved_embedder_data(empty);
    Some(outer)
}

/// Restores the frame `enter_empty_frame` left.
pub fn restore_frame(scope: &mut v8::PinScope, outer: Option<v8::Global<v8::Value>>) {
    if let Some(outer) = outer {
        let outer = v8::Local::new(scope, outer);
        scope.set_continuation_preserved_embedder_data(outer);
    }
}

/// A kept frame as a value (None: the empty frame, undefined).
fn frame_value<'s>(scope: &mut v8::PinScope<'s, '_>, frame: Option<&v8::Global<v8::Value>>) -> v8::Local<'s, v8::Value> {
    match frame {
        Some(frame) => v8::Local::new(scope, frame),
        None => v8::undefined(scope).into(),
    }
}

fn queue_destroy(state: &RuntimeState, async_id: f64) {
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
    let ids: Vec<v8::Local<v8::Value>> = ids.into_iter().map(|id| v8::Number::new(scope, id).into()).collect();
    let ids = v8::Array::new_with_elements(scope, &ids);
    call_internal(scope, "emitDestroyed", &[ids.into()]);
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
