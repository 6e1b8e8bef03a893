//! The runtime's per-isolate state: options, the loop's queues and clock, the fields shared
//! with JS, callback scope depth, and what Rust keeps of the JS side.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::time::Instant;

use super::internals::Internal;
use super::tasks::{TaskReceiver, TaskSender};
use super::{worker, NativeTask, Options};

/// Indices into the Float64Array (`binding.fields`) the JS side shares with Rust: what the
/// timers tell the loop, and async_hooks' counters (node's async_hook_fields).
pub(crate) mod field {
    pub const REFED_TIMERS: usize = 0;
    pub const NEXT_TIMER_MS: usize = 1;
    pub const IMMEDIATES: usize = 2;
    pub const REFED_IMMEDIATES: usize = 3;
    /// How many enabled hooks have an init, before, after, destroy callback.
    pub const INIT_HOOKS: usize = 4;
    pub const BEFORE_HOOKS: usize = 5;
    pub const AFTER_HOOKS: usize = 6;
    pub const DESTROY_HOOKS: usize = 7;
    /// The last async id given out.
    pub const ASYNC_ID_COUNTER: usize = 8;
    /// The async id of the running callback (its trigger id follows, at 10).
    pub const EXECUTION_ASYNC_ID: usize = 9;
    /// 1 once an AsyncLocalStorage or AsyncResource has used async context frames.
    pub const CONTEXT_FRAMES_USED: usize = 11;
    /// How many ticks are queued (node's tick_info has_tick_scheduled).
    pub const TICKS_QUEUED: usize = 12;
    /// How many promise rejections wait to be reported (has_rejection_to_warn).
    pub const REJECTIONS_PENDING: usize = 13;
    pub const LEN: usize = 14;
}

/// Per-isolate state, kept in an isolate slot.
pub struct RuntimeState {
    pub(crate) options: Options,
    /// JS entry points the loop calls (timers, immediates, fatal exceptions, exit).
    pub(crate) internals: RefCell<Option<v8::Global<v8::Object>>>,
    /// The internals' functions Rust has called, by `Internal`, looked up once each.
    pub(super) internal_functions: RefCell<Vec<Option<v8::Global<v8::Function>>>>,
    pub(super) fields: Cell<*mut f64>,
    pub(super) _fields_store: RefCell<Option<v8::SharedRef<v8::BackingStore>>>,
    /// Native things that keep the loop alive (async work, threadsafe functions).
    pub(crate) native_refs: Cell<usize>,
    /// Cloned by the threads that post tasks; holding it also keeps the channel open.
    pub(crate) tasks_tx: TaskSender,
    pub(super) tasks_rx: RefCell<TaskReceiver>,
    pub(crate) start: Instant,
    /// The loop's clock, read once per turn as libuv's uv_now is: timers started during a
    /// turn count from its start.
    pub(super) loop_time: Cell<f64>,
    pub(super) native_tasks: RefCell<VecDeque<NativeTask>>,
    /// How many callback scopes are open (node's async_callback_scope_depth): ticks and
    /// microtasks drain when the outermost one closes.
    pub(super) callback_depth: Cell<u32>,
    /// --trace-sync-io while the event loop runs: sync APIs print where they were called.
    pub(super) trace_sync_io: Cell<bool>,
    /// The loop's tokio runtime, whose blocking pool runs fs requests.
    pub(super) tokio: tokio::runtime::Handle,
    /// Buffer.prototype: what Node-API buffers are made instances of.
    pub(crate) buffer_prototype: RefCell<Option<v8::Global<v8::Object>>>,
    /// The private key of node's untransferable mark, made at its first use.
    pub(super) untransferable_key: RefCell<Option<v8::Global<v8::Private>>>,
    /// Async ids whose destroy hooks have not run yet.
    pub(super) destroyed_async_ids: RefCell<Vec<f64>>,
    /// Resources whose destroy hooks run when they are collected (registerDestroyHook), by
    /// async id: the weak handle, and the bag whose `destroyed` says it was destroyed by hand.
    pub(super) destroy_on_collect: RefCell<std::collections::HashMap<u64, (v8::Weak<v8::Object>, Option<v8::Global<v8::Object>>)>>,
    /// Collected resources from those, for the loop to queue their destroy hooks.
    pub(super) collected_resources: RefCell<Vec<(f64, Option<v8::Global<v8::Object>>)>>,
    /// The domain module's trampoline, once a domain exists: napi_make_callback without an
    /// async context calls the callback through it (node's domain callback).
    pub(crate) domain_trampoline: RefCell<Option<v8::Global<v8::Function>>>,
    /// The JS promise hook (init, before, after), once the domain module needs one.
    pub(crate) promise_hook: RefCell<Option<v8::Global<v8::Function>>>,
    /// V8's per-context promise hooks (init, before, after, settled) as last set, which every
    /// vm context gets too (node installs its hooks in each context it makes).
    pub(crate) context_promise_hooks: RefCell<[Option<v8::Global<v8::Function>>; 4]>,
    /// The vm contexts made so far (those collected drop out as the hooks change).
    pub(crate) vm_contexts: RefCell<Vec<v8::Weak<v8::Context>>>,
    /// Set on a worker thread: its link to the parent.
    pub(crate) worker: Option<worker::WorkerLink>,
    /// Set in an embedder's runtime: the code process.exit (or an uncaught exception) ended
    /// the program with, once it has; the process itself never exits.
    pub(crate) embedded_exit: Option<Cell<Option<i32>>>,
}
impl RuntimeState {
    /// Reads the runtime state of the isolate behind `scope`.
    pub fn get(isolate: &v8::Isolate) -> Rc<RuntimeState> {
        isolate.get_slot::<Rc<RuntimeState>>().expect("runtime state").clone()
    }

    /// The internals object and its function `internal`, cached after the first lookup (the
    /// internals define their functions once, as their modules load); None before the
    /// bootstrap or while the function is not defined yet.
    pub(crate) fn internal_function<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        internal: Internal,
    ) -> Option<(v8::Local<'s, v8::Object>, v8::Local<'s, v8::Function>)> {
        let internals = v8::Local::new(scope, self.internals.borrow().as_ref()?);
        if let Some(function) = &self.internal_functions.borrow()[internal.index()] {
            return Some((internals, v8::Local::new(scope, function)));
        }
        let key = v8::String::new(scope, internal.name())?;
        let function = internals.get(scope, key.into())?.try_cast::<v8::Function>().ok()?;
        self.internal_functions.borrow_mut()[internal.index()] = Some(v8::Global::new(scope, function));
        Some((internals, function))
    }

    /// Reads a shared field (see `field`).
    pub(crate) fn field(&self, index: usize) -> f64 {
        debug_assert!(index < field::LEN);
        // SAFETY: the backing store lives as long as the state and holds LEN f64s.
        unsafe { *self.fields.get().add(index) }
    }

    /// Writes a shared field.
    pub(crate) fn set_field(&self, index: usize, value: f64) {
        debug_assert!(index < field::LEN);
        // SAFETY: as in `field`; only the JS thread touches the fields.
        unsafe { *self.fields.get().add(index) = value }
    }

    /// Milliseconds since the process started.
    pub fn now_ms(&self) -> f64 {
        self.start.elapsed().as_secs_f64() * 1000.0
    }

    /// The loop's cached clock in milliseconds (libuv's uv_now).
    pub fn loop_time(&self) -> f64 {
        self.loop_time.get()
    }

    pub(super) fn update_loop_time(&self) {
        self.loop_time.set(self.now_ms());
    }

    /// Whether the loop has anything that keeps it running (libuv's uv_loop_alive). Queued
    /// destroy hooks do not (node runs them from an unref'd immediate): they run on the next
    /// turn, or before 'beforeExit' when there is none.
    pub(super) fn is_alive(&self) -> bool {
        self.field(field::REFED_TIMERS) > 0.0
            || self.field(field::REFED_IMMEDIATES) > 0.0
            || self.native_refs.get() > 0
            || !self.native_tasks.borrow().is_empty()
            || crate::uv::is_alive()
            // Events that arrived during this turn's libuv callbacks (a signal) are delivered
            // before the loop ends, as node's poll phase would have run them.
            || self.tasks_rx.borrow().has_queued()
    }

    /// Opens a callback scope (node's InternalCallbackScope).
    pub fn open_callback_scope(&self) {
        self.callback_depth.set(self.callback_depth.get() + 1);
    }

    /// Closes a callback scope; true when it was the outermost, so ticks should drain.
    pub fn close_callback_scope(&self) -> bool {
        let depth = self.callback_depth.get().saturating_sub(1);
        self.callback_depth.set(depth);
        depth == 0
    }

    /// run_blocking for node's thread-pool work of a kind ("zlib", "crypto"), recorded as
    /// node's ThreadPoolWork: the request's nestable async events around it all, and the
    /// work's own events on the thread that does it.
    pub(crate) fn run_pool_work<T: Send + 'static>(
        &self,
        kind: &'static str,
        work: impl FnOnce() -> T + Send + 'static,
        deliver: impl FnOnce(&mut v8::PinScope, T) + Send + 'static,
    ) {
        use super::trace_events::Scope;
        static NEXT_ID: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(1);
        const ASYNC: &str = "node,node.threadpoolwork,node.threadpoolwork.async";
        const SYNC: &str = "node,node.threadpoolwork,node.threadpoolwork.sync";
        let id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let request = Scope::begin_async(ASYNC, kind, id);
        self.run_blocking(
            move || {
                let _work = Scope::begin(SYNC, kind, || serde_json::json!({}));
                work()
            },
            move |scope, result| {
                drop(request);
                deliver(scope, result);
            },
        );
    }

    /// Runs `work` on the blocking pool, then `deliver` with its result on the JS thread in
    /// the poll phase; the loop stays alive meanwhile.
    pub fn run_blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
        deliver: impl FnOnce(&mut v8::PinScope, T) + Send + 'static,
    ) {
        self.native_refs.set(self.native_refs.get() + 1);
        let tasks = self.tasks_tx.clone();
        self.tokio.spawn_blocking(move || {
            let result = work();
            let _ = tasks.send(Box::new(move |scope: &mut v8::PinScope| {
                let state = RuntimeState::get(scope);
                state.native_refs.set(state.native_refs.get() - 1);
                deliver(scope, result);
            }));
        });
    }

    /// Schedules work on the JS thread for the loop's next check phase.
    pub fn post_native(&self, task: NativeTask) {
        self.native_tasks.borrow_mut().push_back(task);
    }
}
impl RuntimeState {
    /// Whether the program was ended (a worker stopped, an embedder's program exited).
    pub(crate) fn stopped(&self) -> bool {
        self.worker.as_ref().is_some_and(|link| link.stopped()) || self.embedded_exit.as_ref().is_some_and(|exit| exit.get().is_some())
    }
}
