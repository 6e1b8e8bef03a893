//! The JavaScript runtime: one isolate, a tokio-driven event loop with Node's phase
//! order, and the JS bootstrap that builds Node's globals and module system.

pub mod async_hooks;
mod bindings;
mod child;
mod crypto;
mod fatal;
mod fs;
mod modules;
mod net;
mod os;
mod resolve;
mod typescript;
pub mod tasks;
mod vm;
pub mod worker;

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::ptr::NonNull;
use std::rc::Rc;
use std::sync::Once;
use std::time::{Duration, Instant};

use tasks::{TaskReceiver, TaskSender};

/// The Node.js release whose behaviour and Node-API level anode reports: Node 24 LTS.
pub const NODE_VERSION: &str = "v24.19.0";
/// NODE_VERSION as napi_get_node_version reports it.
pub const NODE_RELEASE: (u32, u32, u32) = (24, 19, 0);
/// The Node-API version anode reports in `process.versions.napi` and napi_get_version (that
/// of NODE_VERSION).
pub const NAPI_VERSION: u32 = 10;
/// The highest Node-API version a module may declare.
pub const MAX_MODULE_API_VERSION: i32 = 10;

/// What the process (or a worker) was asked to run.
#[derive(Clone)]
pub enum Entry {
    File(String),
    /// Code run as a script named `name` ('[eval]' for -e, '[worker eval]' in a worker).
    Eval { code: String, print: bool, name: &'static str },
}

/// The value of one of node's options (`getOptionValue` in the JS side).
#[derive(Clone, Debug, PartialEq)]
pub enum OptionValue {
    Bool(bool),
    Str(String),
    List(Vec<String>),
}

/// Everything the command line decided.
#[derive(Clone)]
pub struct Options {
    pub argv0: String,
    pub exec_path: String,
    pub argv: Vec<String>,
    pub exec_argv: Vec<String>,
    pub entry: Entry,
    pub expose_gc: bool,
    /// Options for V8 (any it does not know is a bad option, as in node).
    pub v8_flags: Vec<String>,
    /// --force-node-api-uncaught-exceptions-policy.
    pub force_napi_uncaught_policy: bool,
    /// Node's options by name (`--warnings`, `--require`, ...), for the JS side.
    pub node_options: Vec<(&'static str, OptionValue)>,
}

/// Work sent to the JS thread from any thread; it runs in the loop's poll phase.
pub type Task = Box<dyn FnOnce(&mut v8::PinScope) + Send>;

/// Work the JS thread schedules for itself (node's native SetImmediate); it runs in the
/// check phase before the JS immediates and keeps the loop alive while queued.
pub type NativeTask = Box<dyn FnOnce(&mut v8::PinScope)>;

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
    /// The internals' functions the loop has called, looked up once each.
    internal_functions: RefCell<Vec<(String, v8::Global<v8::Function>)>>,
    fields: Cell<*mut f64>,
    _fields_store: RefCell<Option<v8::SharedRef<v8::BackingStore>>>,
    /// Native things that keep the loop alive (async work, threadsafe functions).
    pub(crate) native_refs: Cell<usize>,
    /// Cloned by the threads that post tasks; holding it also keeps the channel open.
    pub(crate) tasks_tx: TaskSender,
    tasks_rx: RefCell<TaskReceiver>,
    pub(crate) start: Instant,
    /// The loop's clock, read once per turn as libuv's uv_now is: timers started during a
    /// turn count from its start.
    loop_time: Cell<f64>,
    native_tasks: RefCell<VecDeque<NativeTask>>,
    /// How many callback scopes are open (node's async_callback_scope_depth): ticks and
    /// microtasks drain when the outermost one closes.
    callback_depth: Cell<u32>,
    /// The loop's tokio runtime, whose blocking pool runs fs requests.
    tokio: tokio::runtime::Handle,
    /// Buffer.prototype: what Node-API buffers are made instances of.
    pub(crate) buffer_prototype: RefCell<Option<v8::Global<v8::Object>>>,
    /// Async ids whose destroy hooks have not run yet.
    destroyed_async_ids: RefCell<Vec<f64>>,
    /// The domain module's trampoline, once a domain exists: napi_make_callback without an
    /// async context calls the callback through it (node's domain callback).
    pub(crate) domain_trampoline: RefCell<Option<v8::Global<v8::Function>>>,
    /// The JS promise hook (init, before, after), once the domain module needs one.
    pub(crate) promise_hook: RefCell<Option<v8::Global<v8::Function>>>,
    /// Set on a worker thread: its link to the parent.
    pub(crate) worker: Option<worker::WorkerLink>,
}

impl RuntimeState {
    /// Reads the runtime state of the isolate behind `scope`.
    pub fn get(isolate: &v8::Isolate) -> Rc<RuntimeState> {
        isolate.get_slot::<Rc<RuntimeState>>().expect("runtime state").clone()
    }

    /// The internals object and its function `name`, cached after the first lookup (the
    /// internals define their functions once, as their modules load).
    fn internal_function<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        name: &str,
    ) -> Option<(v8::Local<'s, v8::Object>, v8::Local<'s, v8::Function>)> {
        let internals = v8::Local::new(scope, self.internals.borrow().as_ref().expect("bootstrapped"));
        if let Some((_, function)) = self.internal_functions.borrow().iter().find(|(n, _)| *n == name) {
            return Some((internals, v8::Local::new(scope, function)));
        }
        let key = v8::String::new(scope, name)?;
        let function = internals.get(scope, key.into())?.try_cast::<v8::Function>().ok()?;
        self.internal_functions.borrow_mut().push((name.to_string(), v8::Global::new(scope, function)));
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

    fn update_loop_time(&self) {
        self.loop_time.set(self.now_ms());
    }

    fn is_alive(&self) -> bool {
        self.field(field::REFED_TIMERS) > 0.0
            || self.field(field::REFED_IMMEDIATES) > 0.0
            || self.native_refs.get() > 0
            || !self.native_tasks.borrow().is_empty()
            || !self.destroyed_async_ids.borrow().is_empty()
            || crate::uv::is_alive()
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

static V8_INIT: Once = Once::new();

/// Sets V8's flags and starts V8 once; returns the options V8 did not recognize.
pub fn init_v8(argv0: &str, v8_flags: &[String]) -> Vec<String> {
    let mut unknown = Vec::new();
    V8_INIT.call_once(|| {
        v8::V8::set_flags_from_string("--stack-size=984");
        let mut args = vec![argv0.to_string()];
        args.extend(v8_flags.iter().cloned());
        unknown = v8::V8::set_flags_from_command_line(args).into_iter().skip(1).collect();
        v8::V8::initialize_platform(v8::new_default_platform(0, false).make_shared());
        v8::V8::initialize();
    });
    unknown
}

/// Prints V8's options (node's --v8-options: V8's own --help).
pub fn print_v8_options(argv0: &str) {
    v8::V8::set_flags_from_command_line(vec![argv0.to_string(), "--help".to_string()]);
}

/// Runs a program to completion and ends the process with its exit code (V8 must be
/// initialized, see init_v8); returns only the code of a bootstrap failure.
pub fn run(options: Options) -> i32 {
    for (name, value) in &options.node_options {
        if let (&"--conditions", OptionValue::List(conditions)) = (name, value) {
            resolve::set_user_conditions(conditions.clone());
        }
    }
    run_isolate(options, tasks::channel(), None)
}

/// Runs a program in a new isolate on this thread: the main program (which ends the
/// process) or a worker's (which returns its exit code once its envs are torn down).
fn run_isolate(
    options: Options,
    (tasks_tx, tasks_rx): (TaskSender, TaskReceiver),
    worker: Option<worker::WorkerLink>,
) -> i32 {
    let tokio_rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .enable_io()
        .build()
        .expect("tokio runtime");
    let isolate = &mut v8::Isolate::new(v8::CreateParams::default());
    isolate.set_microtasks_policy(v8::MicrotasksPolicy::Explicit);
    isolate.set_promise_reject_callback(bindings::promise_reject_callback);
    modules::install(isolate);
    if let Some(link) = &worker {
        worker::attach_isolate(link, isolate);
    }
    let state = Rc::new(RuntimeState {
        options,
        internals: RefCell::new(None),
        internal_functions: RefCell::default(),
        fields: Cell::new(std::ptr::null_mut()),
        _fields_store: RefCell::new(None),
        native_refs: Cell::new(0),
        tasks_tx,
        tasks_rx: RefCell::new(tasks_rx),
        start: Instant::now(),
        loop_time: Cell::new(0.0),
        native_tasks: RefCell::new(VecDeque::new()),
        tokio: tokio_rt.handle().clone(),
        buffer_prototype: RefCell::new(None),
        callback_depth: Cell::new(0),
        destroyed_async_ids: RefCell::new(Vec::new()),
        domain_trampoline: RefCell::new(None),
        promise_hook: RefCell::new(None),
        worker,
    });
    isolate.set_slot(state.clone());

    v8::scope!(let scope, isolate);
    let context = v8::Context::new(scope, Default::default());
    let scope = &mut v8::ContextScope::new(scope, context);

    let fields_store = v8::ArrayBuffer::new_backing_store_from_vec(vec![0u8; field::LEN * 8]).make_shared();
    state.fields.set(fields_store.data().expect("fields").as_ptr() as *mut f64);
    let fields_buffer = v8::ArrayBuffer::with_backing_store(scope, &fields_store);
    *state._fields_store.borrow_mut() = Some(fields_store);
    let fields = v8::Float64Array::new(scope, fields_buffer, 0, field::LEN).unwrap();

    if !bootstrap(scope, fields.into()) {
        return 1;
    }
    state.update_loop_time();
    let code = match &state.options.entry {
        Entry::File(path) => {
            let path = v8::String::new(scope, path).unwrap();
            call_internal(scope, "runMain", &[path.into()])
        }
        Entry::Eval { code, print, name } => {
            let code = v8::String::new(scope, code).unwrap();
            let print = v8::Boolean::new(scope, *print);
            let name = v8::String::new(scope, name).unwrap();
            call_internal(scope, "runEval", &[code.into(), print.into(), name.into()])
        }
    };
    // An exception from the main script ends the process unless 'uncaughtException' handled it.
    let _ = code;
    run_loop(scope, &state, &tokio_rt);
    if state.worker.is_none() {
        exit_with_teardown(scope);
    }
    let code = finish_worker(scope, &state);
    modules::clear(scope);
    code
}

/// A worker's end: 'exit' (unless process.exit already emitted it), then its envs' teardown.
fn finish_worker(scope: &mut v8::PinScope, state: &RuntimeState) -> i32 {
    let link = state.worker.as_ref().expect("a worker");
    let code = if link.stopped() {
        link.exit_code()
    } else {
        let code = emit_exit(scope, None);
        // An 'exit' listener may have called process.exit with a code of its own.
        if link.stopped() { link.exit_code() } else { code }
    };
    scope.cancel_terminate_execution();
    run_cleanup_hooks(scope);
    code
}

/// Compiles and runs the JS bootstrap, which returns the internals object.
fn bootstrap(scope: &mut v8::PinScope, fields: v8::Local<v8::Value>) -> bool {
    let binding = bindings::create(scope);
    let key = v8::String::new(scope, "fields").unwrap();
    binding.set(scope, key.into(), fields);
    v8::tc_scope!(let tc, scope);
    let Some(bootstrap) = bindings::compile_function(tc, bindings::BOOTSTRAP_JS, "node:internal/bootstrap", &["binding"]) else {
        fatal::report(tc, None);
        return false;
    };
    let undefined = v8::undefined(tc).into();
    match bootstrap.call(tc, undefined, &[binding.into()]) {
        Some(internals) if internals.is_object() => {
            let internals = internals.cast::<v8::Object>();
            let state = RuntimeState::get(tc);
            let key = v8::String::new(tc, "bufferPrototype").unwrap();
            if let Some(prototype) = internals.get(tc, key.into()).and_then(|p| v8::Local::<v8::Object>::try_from(p).ok()) {
                *state.buffer_prototype.borrow_mut() = Some(v8::Global::new(tc, prototype));
            }
            *state.internals.borrow_mut() = Some(v8::Global::new(tc, internals));
            true
        }
        _ => {
            fatal::report(tc, None);
            false
        }
    }
}

/// Calls `internals[name](...args)`; an exception goes through process 'uncaughtException'
/// and, if nothing handles it, ends the process. Returns `None` when the call threw.
pub(crate) fn call_internal<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    name: &str,
    args: &[v8::Local<v8::Value>],
) -> Option<v8::Local<'s, v8::Value>> {
    let state = RuntimeState::get(scope);
    let (internals, function) = state.internal_function(scope, name)?;
    state.open_callback_scope();
    v8::tc_scope!(let tc, scope);
    let result = function.call(tc, internals.into(), args);
    state.close_callback_scope();
    if result.is_none() {
        handle_exception(tc);
        return None;
    }
    let result = result.map(|v| v8::Local::new(tc, v))?;
    // SAFETY: the value lives in the caller's handle scope; the TryCatch opened none.
    Some(unsafe { std::mem::transmute::<v8::Local<'_, v8::Value>, v8::Local<'s, v8::Value>>(result) })
}

/// Sends the exception a TryCatch caught through `trigger_uncaught`.
pub(crate) fn handle_exception(tc: &mut v8::PinnedRef<v8::TryCatch<v8::HandleScope>>) {
    if tc.has_terminated() {
        return;
    }
    let Some(exception) = tc.exception() else { return };
    let message = tc.message();
    tc.reset();
    trigger_uncaught(tc, exception, message, false);
}

/// Node's TriggerUncaughtException: 'uncaughtException' listeners get the error; with none,
/// it is printed and the process exits with 1 (7 when a listener itself throws).
pub(crate) fn trigger_uncaught(
    scope: &mut v8::PinScope,
    exception: v8::Local<v8::Value>,
    message: Option<v8::Local<v8::Message>>,
    from_promise: bool,
) {
    let internals = RuntimeState::get(scope).internals.borrow().clone().expect("bootstrapped");
    let internals = v8::Local::new(scope, internals);
    let key = v8::String::new(scope, "fatalException").unwrap();
    let handler = internals.get(scope, key.into()).unwrap().cast::<v8::Function>();
    let from_promise = v8::Boolean::new(scope, from_promise).into();
    v8::tc_scope!(let tc, scope);
    let (exception, message, code) = match handler.call(tc, internals.into(), &[exception, from_promise]) {
        Some(handled) if handled.is_true() => return,
        Some(_) => (exception, message, 1),
        None if tc.has_terminated() => return,
        None => (tc.exception().unwrap_or(exception), tc.message(), 7),
    };
    // A worker's uncaught exception goes to its Worker object's 'error' event.
    match &RuntimeState::get(tc).worker {
        Some(link) => link.report_error(tc, exception),
        None => fatal::print(tc, exception, message),
    }
    exit(tc, Some(code));
}

/// Emits 'exit' and ends the process at once (`code` overrides process.exitCode); on a
/// worker thread, stops the worker instead and returns.
pub(crate) fn exit(scope: &mut v8::PinScope, code: Option<i32>) {
    let code = emit_exit(scope, code);
    really_exit(scope, code);
}

/// Ends the process with `code`, or stops the worker whose thread this is.
pub(crate) fn really_exit(scope: &mut v8::PinScope, code: i32) {
    if let Some(link) = &RuntimeState::get(scope).worker {
        return link.stop(scope, code);
    }
    bindings::flush_stdio();
    std::process::exit(code)
}

/// Emits 'exit' (once) and returns the exit code.
fn emit_exit(scope: &mut v8::PinScope, code: Option<i32>) -> i32 {
    let code_arg: v8::Local<v8::Value> = match code {
        Some(c) => v8::Integer::new(scope, c).into(),
        None => v8::undefined(scope).into(),
    };
    let internals = RuntimeState::get(scope).internals.borrow().clone();
    let mut final_code = code.unwrap_or(0);
    if let Some(internals) = internals {
        let internals = v8::Local::new(scope, internals);
        let key = v8::String::new(scope, "emitExit").unwrap();
        let emit = internals.get(scope, key.into()).unwrap().cast::<v8::Function>();
        v8::tc_scope!(let tc, scope);
        match emit.call(tc, internals.into(), &[code_arg]) {
            Some(v) => final_code = v.int32_value(tc).unwrap_or(final_code),
            None if tc.has_terminated() => {}
            None => {
                if let Some(exception) = tc.exception() {
                    let message = tc.message();
                    fatal::print(tc, exception, message);
                }
                final_code = 7;
            }
        }
    }
    final_code
}

/// libuv's backend (epoll) fd, for tokio to wait on.
struct UvBackend(std::os::fd::RawFd);

impl std::os::fd::AsRawFd for UvBackend {
    fn as_raw_fd(&self) -> std::os::fd::RawFd {
        self.0
    }
}

/// Node's loop: timers, tasks from other threads and libuv's ready callbacks (the poll
/// phase), immediates, then wait for the next event: in tokio while it has tasks to drive
/// (a child process's pipes), else in one ppoll on the tasks' eventfd and libuv's fd.
fn run_loop(scope: &mut v8::PinScope, state: &Rc<RuntimeState>, tokio_rt: &tokio::runtime::Runtime) {
    let uv_backend = {
        let _entered = tokio_rt.enter();
        // SAFETY: libuv's backend fd stays open for the life of the process.
        unsafe { tokio::io::unix::AsyncFd::register_with_interest(UvBackend(crate::uv::backend_fd()), tokio::io::Interest::READABLE) }
            .expect("libuv's backend fd")
    };
    let stopped = || state.worker.as_ref().is_some_and(|link| link.stopped());
    loop {
        if stopped() {
            return;
        }
        state.update_loop_time();
        // As node's timer handle, JS is entered only when the first timer is due.
        let next_timer = state.field(field::NEXT_TIMER_MS);
        if next_timer >= 0.0 && next_timer <= state.loop_time() {
            let now = v8::Number::new(scope, state.loop_time()).into();
            run_phase(scope, "processTimers", &[now], stopped);
        }
        run_tasks(scope, state);
        crate::uv::run_ready();
        // The check phase: native immediates first (finalizers, destroy hooks), then JS's.
        run_native_tasks(scope, state);
        async_hooks::emit_destroyed(scope, state);
        // Node runs its native immediates in a callback scope, whose close drains ticks and
        // microtasks that native code outside any scope queued (a libuv callback's JS calls).
        drain_ticks(scope);
        if state.field(field::IMMEDIATES) > 0.0 {
            run_phase(scope, "processImmediates", &[], stopped);
        }
        if !state.is_alive() {
            call_internal(scope, "emitBeforeExit", &[]);
            if !state.is_alive() {
                return;
            }
        }
        if state.field(field::IMMEDIATES) > 0.0
            || !state.native_tasks.borrow().is_empty()
            || !state.destroyed_async_ids.borrow().is_empty()
        {
            continue;
        }
        let next_timer = state.field(field::NEXT_TIMER_MS);
        let timer_deadline = (next_timer >= 0.0).then(|| state.start + Duration::from_secs_f64(next_timer.max(0.0) / 1000.0));
        let uv_timeout = crate::uv::backend_timeout();
        let uv_deadline = (uv_timeout >= 0).then(|| Instant::now() + Duration::from_millis(uv_timeout as u64));
        let deadline = match (timer_deadline, uv_deadline) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if tokio_rt.metrics().num_alive_tasks() == 0 {
            // Nothing for tokio to drive: the tasks' eventfd and libuv are all there is to
            // wait on (the next turn runs what arrived).
            state.tasks_rx.borrow().wait_with(crate::uv::backend_fd(), deadline);
            continue;
        }
        let task = tokio_rt.block_on(async {
            let mut rx = state.tasks_rx.borrow_mut();
            let sleep = async {
                match deadline {
                    Some(deadline) => tokio::time::sleep_until(deadline.into()).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                task = rx.recv() => task,
                _ = sleep => None,
                ready = uv_backend.readable() => {
                    if let Ok(mut guard) = ready {
                        guard.clear_ready();
                    }
                    None
                }
            }
        });
        if let Some(task) = task {
            run_task(scope, task);
        }
    }
}

/// Runs a loop phase's JS (due timers, immediates) as node's RunTimers and CheckImmediate
/// do: when a callback's exception was handled as uncaught, the phase is called again for
/// the rest of its timers or immediates, then the ticks the failed callback queued run.
fn run_phase(scope: &mut v8::PinScope, name: &str, args: &[v8::Local<v8::Value>], stopped: impl Fn() -> bool) {
    if call_internal(scope, name, args).is_some() {
        return;
    }
    while !stopped() && !scope.is_execution_terminating() && call_internal(scope, name, args).is_none() {}
    if !stopped() && !scope.is_execution_terminating() {
        drain_ticks(scope);
    }
}

/// Runs the native tasks, including those they queue.
fn run_native_tasks(scope: &mut v8::PinScope, state: &Rc<RuntimeState>) {
    loop {
        let task = state.native_tasks.borrow_mut().pop_front();
        let Some(task) = task else { return };
        v8::scope!(let scope, scope);
        task(scope);
        call_internal(scope, "processTicksAndRejections", &[]);
    }
}

/// Something to run when the environment is torn down at exit, last added first.
pub enum CleanupHook {
    /// napi_add_env_cleanup_hook.
    Addon { fun: napi_sys::napi_cleanup_hook, arg: *mut std::ffi::c_void },
    /// napi_add_async_cleanup_hook: teardown waits until the addon removes it.
    Async(NonNull<crate::napi::AsyncCleanupHandle>),
    /// A Node-API env's own teardown, registered when the env is made (as in node).
    Env(NonNull<crate::napi::Env>),
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
pub(crate) fn each_env(mut f: impl FnMut(&mut crate::napi::Env)) {
    CLEANUP_HOOKS.with(|hooks| {
        for hook in hooks.borrow().iter() {
            if let CleanupHook::Env(env) = hook {
                // SAFETY: an env lives until its teardown hook has run, on this thread.
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
fn run_cleanup_hooks(scope: &mut v8::PinScope) {
    // As node's RunCleanup: every queued hook runs (last added first; async ones are only
    // started), then the loop runs until the started async hooks have removed themselves;
    // again while hooks added meanwhile remain. An async hook holds its env, as in node:
    // envs whose turn comes while started hooks are pending are torn down once they finish.
    crate::napi::begin_cleanup(scope);
    let mut started = Vec::new();
    let mut held_envs = Vec::new();
    while CLEANUP_HOOKS.with(|hooks| !hooks.borrow().is_empty()) {
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
                // SAFETY: envs live until the process ends.
                CleanupHook::Env(env) => unsafe { (*env.as_ptr()).teardown(scope) },
                CleanupHook::Native { run, arg } => run(arg, scope),
            }
        }
        // Handles closed by the hooks finish closing (their close callbacks run).
        crate::uv::run_ready();
        // SAFETY: a started handle lives until it is freed here, after its removal.
        let removed = |handle: &NonNull<crate::napi::AsyncCleanupHandle>| unsafe { handle.as_ref() }.removed.load(std::sync::atomic::Ordering::Acquire);
        while !started.iter().all(removed) {
            crate::uv::run_once();
            let state = RuntimeState::get(scope);
            run_tasks(scope, &state);
        }
        for handle in started.drain(..) {
            // SAFETY: removed, so the addon no longer refers to it.
            drop(unsafe { Box::from_raw(handle.as_ptr()) });
        }
        for env in held_envs.drain(..) {
            v8::scope!(let scope, scope);
            // SAFETY: as above.
            unsafe { (*env.as_ptr()).teardown(scope) };
        }
    }
}

/// process.emitWarning(message, type, code).
pub fn emit_warning(scope: &mut v8::PinScope, message: &str, kind: &str, code: &str) {
    let context = scope.get_current_context();
    let global = context.global(scope);
    let key = v8::String::new(scope, "process").unwrap();
    let Some(process) = global.get(scope, key.into()).and_then(|p| v8::Local::<v8::Object>::try_from(p).ok()) else { return };
    let key = v8::String::new(scope, "emitWarning").unwrap();
    let Some(emit) = process.get(scope, key.into()).and_then(|f| v8::Local::<v8::Function>::try_from(f).ok()) else { return };
    let args: Vec<v8::Local<v8::Value>> = [message, kind, code].iter().map(|s| v8::String::new(scope, s).unwrap().into()).collect();
    v8::tc_scope!(let tc, scope);
    emit.call(tc, process.into(), &args);
}

/// The normal end of the process: 'exit' listeners, then the cleanup hooks (addons' and
/// every Node-API env's teardown), as node's FreeEnvironment runs after 'exit'.
fn exit_with_teardown(scope: &mut v8::PinScope) -> ! {
    let code = emit_exit(scope, None);
    run_cleanup_hooks(scope);
    bindings::flush_stdio();
    std::process::exit(code)
}

/// Node's OnFatalError: prints `FATAL ERROR: [location] message` and aborts.
pub fn fatal_error(location: Option<&str>, message: &str) -> ! {
    bindings::flush_stdio();
    let text = match location {
        Some(location) => format!("FATAL ERROR: {location} {message}\n"),
        None => format!("FATAL ERROR: {message}\n"),
    };
    bindings::write_stderr(&text);
    std::process::abort()
}

fn run_tasks(scope: &mut v8::PinScope, state: &Rc<RuntimeState>) {
    loop {
        let task = state.tasks_rx.borrow_mut().try_recv();
        match task {
            Some(task) => run_task(scope, task),
            None => return,
        }
    }
}

/// Runs process.nextTick callbacks and microtasks, as node does after each callback.
pub fn drain_ticks(scope: &mut v8::PinScope) {
    let state = RuntimeState::get(scope);
    let idle = |state: &RuntimeState| state.field(field::TICKS_QUEUED) == 0.0 && state.field(field::REJECTIONS_PENDING) == 0.0;
    if idle(&state) {
        // Node's InternalCallbackScope::Close: with no ticks the microtasks run from here,
        // still inside the scope, and JS is entered only if they queued ticks or rejections.
        state.open_callback_scope();
        scope.perform_microtask_checkpoint();
        state.close_callback_scope();
        if idle(&state) {
            return;
        }
    }
    call_internal(scope, "processTicksAndRejections", &[]);
}

fn run_task(scope: &mut v8::PinScope, task: Task) {
    v8::scope!(let scope, scope);
    task(scope);
    drain_ticks(scope);
}
