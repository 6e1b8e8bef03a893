//! What Node-API needs from the runtime that embeds it, and nothing more: the napi layer
//! never names the runtime. A runtime implements [`Host`] and installs it on each isolate
//! before loading addons (node's napi_env reaches the same things through node::Environment:
//! its task queues, InternalCallbackScope, AsyncWrap, TriggerUncaughtException).

use std::rc::Rc;
use std::sync::{Arc, OnceLock};

/// Work for the JS thread, sent from any thread.
pub type Task = Box<dyn FnOnce(&mut v8::PinScope) + Send>;

/// Work the JS thread schedules for itself (node's native SetImmediate).
pub type NativeTask = Box<dyn FnOnce(&mut v8::PinScope)>;

/// Sends a task to the JS thread from any thread; false once the JS thread has gone.
pub type TaskPoster = Arc<dyn Fn(Task) -> bool + Send + Sync>;

/// The runtime as Node-API sees it, one per isolate.
pub trait Host {
    /// The Node.js release napi_get_node_version reports.
    fn node_release(&self) -> (u32, u32, u32);

    /// How other threads post work to this isolate's JS thread (it runs in the poll phase).
    fn task_poster(&self) -> TaskPoster;

    /// Queues work for the loop's next check phase; the loop stays alive while it waits.
    fn post_native(&self, task: NativeTask);

    /// Runs the tasks other threads have posted so far (teardown waits on them).
    fn run_posted_tasks(&self, scope: &mut v8::PinScope);

    /// Buffer.prototype, which Node-API buffers are made instances of.
    fn buffer_prototype<'s>(&self, scope: &mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Object>>;

    /// Marks memory an addon owns as not transferable to another thread.
    fn mark_untransferable(&self, scope: &mut v8::PinScope, object: v8::Local<v8::Object>);

    /// --force-node-api-uncaught-exceptions-policy.
    fn force_uncaught_exceptions_policy(&self) -> bool;

    /// Whether a JS promise hook is installed (V8 must then make promises itself).
    fn promise_hook_installed(&self) -> bool;

    /// node's TriggerUncaughtException: 'uncaughtException' listeners, else the process ends.
    fn trigger_uncaught(&self, scope: &mut v8::PinScope, exception: v8::Local<v8::Value>);

    /// process.emitWarning(message, kind, code).
    fn emit_warning(&self, scope: &mut v8::PinScope, message: &str, kind: &str, code: &str);

    /// Opens a callback scope (node's InternalCallbackScope).
    fn open_callback_scope(&self);

    /// Closes a callback scope; when it was the outermost and `drain`, process.nextTick's
    /// queue and the microtasks run.
    fn close_callback_scope(&self, scope: &mut v8::PinScope, drain: bool);

    /// The domain module's trampoline, once a domain exists: napi_make_callback without an
    /// async context calls its function through it.
    fn domain_trampoline<'s>(&self, scope: &mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Function>>;

    /// A new async id, and the id of the running callback (the new resource's trigger).
    fn new_async_id(&self) -> (f64, f64);

    /// Which async hooks are enabled.
    fn async_hooks(&self) -> AsyncHooks;

    /// The current async context frame (AsyncLocalStorage's), once frames are in use.
    fn context_frame<'s>(&self, scope: &mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Value>>;

    /// Emits init for a resource.
    fn emit_async_init(&self, scope: &mut v8::PinScope, async_id: f64, name: v8::Local<v8::String>, trigger_id: f64, object: v8::Local<v8::Object>);

    /// Enters a resource's callback: its frame (undefined: the empty one), the execution
    /// stack, before hooks; returns the frame to restore on exit.
    fn enter_async_scope<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        async_id: f64,
        trigger_id: f64,
        object: v8::Local<v8::Object>,
        frame: v8::Local<v8::Value>,
    ) -> Option<v8::Local<'s, v8::Value>>;

    /// Leaves a resource's callback: after hooks when it `completed`, then `outer_frame`.
    fn exit_async_scope(&self, scope: &mut v8::PinScope, async_id: f64, outer_frame: v8::Local<v8::Value>, completed: bool);

    /// Queues a resource's destroy hooks for the loop (safe inside the GC: runs no JS).
    fn queue_async_destroy(&self, async_id: f64);
}

/// The async hooks enabled, and whether async context frames are in use.
#[derive(Clone, Copy, Default)]
pub struct AsyncHooks {
    pub init: bool,
    /// A before or after hook.
    pub callback: bool,
    pub destroy: bool,
    pub context_frames: bool,
}

/// The isolate slot that holds the host.
struct HostSlot(Rc<dyn Host>);

/// Makes `host` the host of Node-API on `isolate` (before any addon loads there).
pub fn install(isolate: &mut v8::Isolate, host: Rc<dyn Host>) {
    isolate.set_slot(HostSlot(host));
}

/// The host of the isolate behind `isolate`.
pub fn get(isolate: &v8::Isolate) -> Rc<dyn Host> {
    isolate.get_slot::<HostSlot>().expect("a Node-API host is installed on this isolate").0.clone()
}

/// What ends the process on a fatal error: the embedder's (see `set_fatal_error_handler`),
/// else node's OnFatalError output and an abort.
static FATAL_ERROR_HANDLER: OnceLock<fn(Option<&str>, &str) -> !> = OnceLock::new();

/// Sets the process-wide fatal error handler (napi_fatal_error may come without an env).
pub fn set_fatal_error_handler(handler: fn(Option<&str>, &str) -> !) {
    let _ = FATAL_ERROR_HANDLER.set(handler);
}

/// Node's OnFatalError: `FATAL ERROR: [location] message`, then abort.
pub fn fatal_error(location: Option<&str>, message: &str) -> ! {
    if let Some(handler) = FATAL_ERROR_HANDLER.get() {
        handler(location, message);
    }
    match location {
        Some(location) => eprintln!("FATAL ERROR: {location} {message}"),
        None => eprintln!("FATAL ERROR: {message}"),
    }
    std::process::abort()
}
