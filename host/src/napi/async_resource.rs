//! The async resources of Node-API (async contexts, async work, threadsafe functions): their
//! ids, the init/before/after/destroy hooks they raise through the host, the async context
//! frame (AsyncLocalStorage) their callbacks run in, and the callback scope around each
//! call from native code into JS.

use super::host::Host;

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

/// A resource's callback, entered by `AsyncResource::enter`.
pub struct Entered {
    async_id: f64,
    /// The frame to restore on exit (None: the empty one).
    outer_frame: Option<v8::Global<v8::Value>>,
}

impl AsyncResource {
    /// A resource of type `name` for `object` (None: one is made if a hook needs it) whose
    /// callbacks run in `frame`; emits init.
    pub fn new(scope: &mut v8::PinScope, object: Option<(v8::Local<v8::Object>, Hold)>, name: v8::Local<v8::String>, frame: Frame) -> Self {
        let host = super::host::get(scope);
        let (async_id, trigger_id) = host.new_async_id();
        let frame = match frame {
            Frame::Kept => host.context_frame(scope).filter(|frame| !frame.is_undefined()).map(|frame| v8::Global::new(scope, frame)),
            Frame::Empty => None,
        };
        let init_hooks = host.async_hooks().init;
        let object = match object {
            None if init_hooks => Some((v8::Object::new(scope), Hold::Strong)),
            object => object,
        };
        if let (true, Some((object, _))) = (init_hooks, &object) {
            host.emit_async_init(scope, async_id, name, trigger_id, *object);
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

    /// Enters the resource's callback: its frame (or the empty one), the execution stack,
    /// before hooks. Unless `always`, only when a hook or a frame makes it observable.
    pub fn enter(&self, host: &dyn Host, scope: &mut v8::PinScope, always: bool, frame: Frame) -> Option<Entered> {
        let frame = if frame == Frame::Kept { self.frame.as_ref() } else { None };
        if !always && !host.async_hooks().callback && frame.is_none() && !in_a_frame(host, scope) {
            return None;
        }
        let frame = match frame {
            Some(frame) => v8::Local::new(scope, frame),
            None => v8::undefined(scope).into(),
        };
        let object = self.object(scope);
        let outer_frame = host
            .enter_async_scope(scope, self.async_id, self.trigger_id, object, frame)
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
        super::host::get(isolate).queue_async_destroy(self.async_id);
    }
}

impl Entered {
    /// Leaves the callback: after hooks when it `completed`, then the outer frame.
    pub fn exit(self, host: &dyn Host, scope: &mut v8::PinScope, completed: bool) {
        let outer_frame = match &self.outer_frame {
            Some(frame) => v8::Local::new(scope, frame),
            None => v8::undefined(scope).into(),
        };
        host.exit_async_scope(scope, self.async_id, outer_frame, completed);
    }
}

/// Whether code runs in a frame other than the empty one (AsyncLocalStorage in use).
fn in_a_frame(host: &dyn Host, scope: &mut v8::PinScope) -> bool {
    host.context_frame(scope).is_some_and(|frame| !frame.is_undefined())
}

/// A call from native code into JS (node's InternalCallbackScope with an async resource):
/// opened before the call, closed after it, where the outermost close drains
/// process.nextTick's queue and the microtasks.
pub struct CallbackScope {
    host: std::rc::Rc<dyn Host>,
    entered: Option<Entered>,
    /// The frame napi_make_callback without a context left (it runs in the empty one).
    outer_frame: Option<v8::Global<v8::Value>>,
}

impl CallbackScope {
    /// Opens a callback scope, entering `resource`'s callback in `frame` when given;
    /// `always` enters it even when nothing observes it.
    pub fn open(scope: &mut v8::PinScope, resource: Option<(&AsyncResource, Frame)>, always: bool) -> CallbackScope {
        let host = super::host::get(scope);
        host.open_callback_scope();
        let entered = resource.and_then(|(resource, frame)| resource.enter(&*host, scope, always, frame));
        CallbackScope { host, entered, outer_frame: None }
    }

    /// Runs the scope's callback in the empty frame (napi_make_callback without an async
    /// context), restoring the current one on close.
    pub fn enter_empty_frame(&mut self, scope: &mut v8::PinScope) {
        if in_a_frame(&*self.host, scope) {
            let outer = scope.get_continuation_preserved_embedder_data();
            self.outer_frame = Some(v8::Global::new(scope, outer));
            let empty = v8::undefined(scope).into();
            scope.set_continuation_preserved_embedder_data(empty);
        }
    }

    /// The host the scope was opened with.
    pub fn host(&self) -> &dyn Host {
        &*self.host
    }

    /// Closes the scope: after hooks and the frame when the call `completed`, and when it was
    /// the outermost scope and the call completed, the ticks and microtasks.
    pub fn close(self, scope: &mut v8::PinScope, completed: bool) {
        if let Some(entered) = self.entered {
            entered.exit(&*self.host, scope, completed);
        }
        if let Some(outer) = self.outer_frame {
            let outer = v8::Local::new(scope, outer);
            scope.set_continuation_preserved_embedder_data(outer);
        }
        self.host.close_callback_scope(scope, completed);
    }
}
