//! The JavaScript runtime: one isolate, a tokio-driven event loop with Node's phase
//! order, and the JS bootstrap that builds Node's globals and module system.

pub mod array_buffer_allocator;
pub mod async_hooks;
mod bindings;
mod child;
pub(crate) mod compile_cache;
mod crypto;
mod dgram;
mod disable_proto;
mod dns;
pub(crate) mod dotenv;
pub mod embedder;
mod event_loop;
mod exit;
mod fatal;
mod fs;
mod fs_watch;
mod http;
mod inspector;
mod inspector_dom_storage;
mod inspector_network;
pub(crate) mod inspector_server;
mod internals;
mod locks;
mod modules;
mod napi_host;
mod net;
mod http2;
mod memory_pipe;
mod tls;
mod os;
pub(crate) mod perf;
pub(crate) mod permission;
mod platform;
mod repl;
mod shadow_realm;
mod signals;
mod source_map;
mod sqlite;
mod resolve;
mod state;
pub mod tasks;
pub(crate) mod trace_events;
mod tty;
mod typescript;
mod v8_module;
mod vm;
mod wasi;
mod wasm_streaming;
mod webstorage;
mod websocket;
pub mod worker;
mod zlib;

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::Once;
use std::time::Instant;

use internals::Internal;
use tasks::{TaskReceiver, TaskSender};

pub(crate) use event_loop::drain_ticks;
use event_loop::{run_loop, run_tasks};
pub(crate) use exit::{emit_warning, fatal_error, handle_exception, really_exit, terminate_now, trigger_uncaught};
use exit::{emit_exit, exit_with_teardown};
pub(crate) use internals::call_internal;
pub(crate) use state::{field, RuntimeState};

/// The Node.js release whose behaviour and Node-API level anode reports: Node 24 LTS.
pub const NODE_VERSION: &str = "v24.19.0";
/// NODE_VERSION as napi_get_node_version reports it.
pub const NODE_RELEASE: (u32, u32, u32) = (24, 19, 0);

/// What the process (or a worker) was asked to run.
#[derive(Clone)]
pub enum Entry {
    File(String),
    /// Code run as a script named `name` ('[eval]' for -e, '[worker eval]' in a worker).
    Eval { code: String, print: bool, name: &'static str },
    /// The REPL, after the code of -e or -p (and whether to print its result) when given.
    Repl { eval: Option<(String, bool)> },
    /// node:test's runner (--test).
    Test,
    /// Watch mode (--watch): the program in a child process, restarted on changes.
    Watch,
    /// `inspect`: the command-line debugger client, debugging a child process or a server.
    Inspect,
    /// An internal thread (node's InternalWorker): the builtin module named runs it.
    Internal(String),
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
    /// What to run first (None: an embedder's runtime, which runs what its methods ask).
    pub entry: Option<Entry>,
    pub expose_gc: bool,
    /// Options for V8 (any it does not know is a bad option, as in node).
    pub v8_flags: Vec<String>,
    /// --force-node-api-uncaught-exceptions-policy.
    pub force_napi_uncaught_policy: bool,
    /// Node's options by name (`--warnings`, `--require`, ...), for the JS side.
    pub node_options: Vec<(&'static str, OptionValue)>,
}

impl Options {
    /// A boolean option's value (false for an option that is not boolean).
    pub fn flag(&self, name: &str) -> bool {
        self.node_options.iter().any(|(option, value)| *option == name && *value == OptionValue::Bool(true))
    }

    /// A string option's value ("" when not given).
    pub fn string(&self, name: &str) -> &str {
        match self.node_options.iter().find(|(option, _)| *option == name) {
            Some((_, OptionValue::Str(value))) => value,
            _ => "",
        }
    }

    /// --stack-trace-limit as node reads it for the stacks it prints itself (--trace-exit,
    /// --trace-sync-io): the last one given, else 10.
    pub fn stack_trace_limit(&self) -> usize {
        let given = self.v8_flags.iter().rev().find_map(|flag| flag.strip_prefix("--stack-trace-limit="));
        given.map_or(10, |value| {
            let value = value.trim_start();
            let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
            if value.starts_with('-') || digits.is_empty() { 0 } else { digits.parse().unwrap_or(usize::MAX) }
        })
    }
}

/// Work sent to the JS thread from any thread; it runs in the loop's poll phase.
pub use crate::napi::host::Task;

/// Work the JS thread schedules for itself (node's native SetImmediate); it runs in the
/// check phase before the JS immediates and keeps the loop alive while queued.
pub use crate::napi::host::NativeTask;

static V8_INIT: Once = Once::new();
/// The V8 flags every process starts with: a stack limit below the thread's 8 MiB (node's
/// 984 KiB), and flags left changeable after start (v8.setFlagsFromString(), as node allows).
const V8_DEFAULT_FLAGS: &str = include_str!("v8_default_flags.txt");
/// The V8 options V8 was started with and took (once per process).
static V8_FLAGS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();

/// Sets V8's flags and starts V8 (with `pool_size` platform worker threads, 0 for V8's
/// choice) once; returns the options V8 did not recognize.
pub fn init_v8(argv0: &str, v8_flags: &[String], pool_size: u32) -> Vec<String> {
    let mut unknown = Vec::new();
    V8_INIT.call_once(|| {
        // The builtins' code caches are made under these same flags (build.rs).
        for flag in V8_DEFAULT_FLAGS.lines().filter(|line| !line.is_empty()) {
            v8::V8::set_flags_from_string(flag);
        }
        let mut args = vec![argv0.to_string()];
        args.extend(v8_flags.iter().cloned());
        unknown = v8::V8::set_flags_from_command_line(args).into_iter().skip(1).collect();
        let _ = V8_FLAGS.set(v8_flags.iter().filter(|flag| !unknown.contains(flag)).cloned().collect());
        v8::V8::initialize_platform(platform::new_platform(pool_size));
        v8::V8::initialize();
        perf::v8_started();
    });
    unknown
}

/// An isolate's parameters as node sets them: the heap sized from the memory the process may
/// use (V8's ConfigureDefaults), where V8's own defaults are a browser's (1.4 GB of old
/// generation); --max-old-space-size and its kin, as V8 options, still take precedence.
///
/// The young generation is twice what this V8's ConfigureDefaults gives: Node 24's V8 (13.6),
/// built without pointer compression as this one is, doubled its semi-spaces for the wider
/// pointers, where V8 15 does not (on a 24 GB machine a worker's
/// `resourceLimits.maxYoungGenerationSizeMb` reads 192 under node, 96 before this). A program
/// that allocates fast (building strings) scavenges half as often and promotes less, as under
/// node. --max-semi-space-size still takes precedence.
pub(crate) fn isolate_create_params() -> v8::CreateParams {
    let params = v8::CreateParams::default().heap_limits_from_system_memory(os::memory_for_heap(), 0);
    let young_generation = params.max_young_generation_size_in_bytes();
    let params = params.set_max_young_generation_size_in_bytes(young_generation * 2);
    match array_buffer_allocator::for_isolate() {
        Some(allocator) => params.array_buffer_allocator(allocator),
        None => params,
    }
}

/// The memory --max-old-space-size-percentage takes its share of, in bytes.
pub fn memory_for_heap() -> u64 {
    os::memory_for_heap()
}

/// Sets OpenSSL's secure heap up for the process (--secure-heap, --secure-heap-min).
pub fn init_secure_heap(size: i64, min_size: i64) {
    crypto::init_secure_heap(size, min_size);
}

/// The V8 options V8 was started with, once it has been.
pub(crate) fn v8_started_with() -> Option<&'static [String]> {
    V8_FLAGS.get().map(Vec::as_slice)
}

/// Prints V8's options (node's --v8-options: V8's own --help).
pub fn print_v8_options(argv0: &str) {
    v8::V8::set_flags_from_command_line(vec![argv0.to_string(), "--help".to_string()]);
}

/// Runs a program to completion and ends the process with its exit code (V8 must be
/// initialized, see init_v8); returns only the code of a bootstrap failure.
pub fn run(options: Options) -> i32 {
    let entry = match &options.entry {
        Some(Entry::File(path)) => Some(path.as_str()),
        _ => None,
    };
    permission::configure(&options.node_options, entry);
    trace_events::configure(&options.node_options);
    for (name, value) in &options.node_options {
        if let (&"--conditions", OptionValue::List(conditions)) = (name, value) {
            resolve::set_user_conditions(conditions.clone());
        }
    }
    crate::napi::host::set_fatal_error_handler(fatal_error);
    let resources = crate::uv::init_default_loop().and_then(|()| tasks::channel()).and_then(|channel| Ok((new_tokio_runtime()?, channel)));
    match resources {
        Ok((tokio, channel)) => run_isolate(options, tokio, channel, None),
        Err(error) => {
            eprintln!("{}: {error}", options.argv0);
            1
        }
    }
}

/// The tokio runtime a JS thread drives its I/O and timers with.
pub(crate) fn new_tokio_runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread().enable_time().enable_io().build()
}

/// An isolate with its context, runtime state and tokio runtime, bootstrapped. The fields
/// drop in order: handles into the isolate before the isolate.
pub(crate) struct Instance {
    context: v8::Global<v8::Context>,
    pub(crate) state: Rc<RuntimeState>,
    isolate: v8::OwnedIsolate,
    _platform: platform::Registration,
    tokio: tokio::runtime::Runtime,
}

/// How a program's end is handled besides the process's own exit.
pub(crate) enum Ending {
    Process,
    Worker(worker::WorkerLink),
    Embedded,
}

impl Instance {
    /// Makes and bootstraps an isolate; None (with the error reported) when the bootstrap
    /// failed.
    pub(crate) fn new(
        options: Options,
        tokio: tokio::runtime::Runtime,
        (tasks_tx, tasks_rx): (TaskSender, TaskReceiver),
        ending: Ending,
    ) -> Option<Instance> {
        let params = match &ending {
            Ending::Worker(link) => link.create_params(),
            _ => isolate_create_params(),
        };
        let mut isolate = v8::Isolate::new(params);
        perf::isolate_created(matches!(ending, Ending::Worker(_)));
        let platform = platform::Registration::new(&isolate, tasks_tx.clone());
        isolate.set_microtasks_policy(v8::MicrotasksPolicy::Explicit);
        isolate.set_promise_reject_callback(bindings::promise_reject_callback);
        source_map::install_prepare_stack_trace(&mut isolate);
        isolate.set_modify_code_generation_from_strings_callback(source_map::code_generation_from_strings);
        exit::install_abort_on_uncaught_check(&mut isolate, matches!(ending, Ending::Worker(_)));
        exit::install_message_listener(&mut isolate);
        if options.flag("--trace-uncaught") {
            // Where a value was thrown, for the "Thrown at:" of an uncaught one (V8's default
            // of 10 frames, as node's).
            isolate.set_capture_stack_trace_for_uncaught_exceptions(true, 10);
        }
        if options.flag("--track-heap-objects") {
            crate::napi::heap_profiler::start_tracking_heap_objects(&mut isolate);
        }
        modules::install(&mut isolate);
        shadow_realm::install(&mut isolate, &options.node_options);
        wasm_streaming::install(&mut isolate);
        compile_cache::enable_from_environment();
        let (worker, embedded_exit) = match ending {
            Ending::Process => (None, None),
            Ending::Worker(link) => {
                link.apply_resource_limits(&mut isolate);
                worker::attach_isolate(&link, &mut isolate);
                (Some(link), None)
            }
            Ending::Embedded => (None, Some(Cell::new(None))),
        };
        let state = Rc::new(RuntimeState {
            options,
            internals: RefCell::new(None),
            internal_functions: RefCell::new(vec![None; Internal::ALL.len()]),
            fields: Cell::new(std::ptr::null_mut()),
            _fields_store: RefCell::new(None),
            native_refs: Cell::new(0),
            tasks_tx,
            tasks_rx: RefCell::new(tasks_rx),
            start: Instant::now(),
            loop_time: Cell::new(0.0),
            native_tasks: RefCell::new(VecDeque::new()),
            tokio: tokio.handle().clone(),
            buffer_prototype: RefCell::new(None),
            untransferable_key: RefCell::new(None),
            callback_depth: Cell::new(0),
            trace_sync_io: Cell::new(false),
            destroyed_async_ids: RefCell::new(Vec::new()),
            destroy_on_collect: RefCell::new(Default::default()),
            collected_resources: RefCell::new(Vec::new()),
            domain_trampoline: RefCell::new(None),
            promise_hook: RefCell::new(None),
            context_promise_hooks: RefCell::new(Default::default()),
            vm_contexts: RefCell::new(Vec::new()),
            worker,
            embedded_exit,
        });
        isolate.set_slot(state.clone());
        crate::napi::host::install(&mut isolate, state.clone());
        let context = {
            v8::scope!(let scope, &mut isolate);
            let context = v8::Context::new(scope, Default::default());
            source_map::watch_code_generation(context);
            let scope = &mut v8::ContextScope::new(scope, context);
            vm::initialize_context_runtime(scope, context);
            disable_proto::apply(scope, context);
            inspector::install(scope, context, &state);
            let fields_store = v8::ArrayBuffer::new_backing_store_from_vec(vec![0u8; field::LEN * 8]).make_shared();
            state.fields.set(fields_store.data().expect("fields").as_ptr() as *mut f64);
            let fields_buffer = v8::ArrayBuffer::with_backing_store(scope, &fields_store);
            *state._fields_store.borrow_mut() = Some(fields_store);
            let fields = v8::Float64Array::new(scope, fields_buffer, 0, field::LEN).unwrap();
            bootstrap(scope, fields.into()).then(|| v8::Global::new(scope, context))
        };
        let Some(context) = context else {
            // The isolate goes before its place in the platform, as when an instance drops.
            drop(isolate);
            drop(platform);
            return None;
        };
        state.update_loop_time();
        Some(Instance { context, state, isolate, _platform: platform, tokio })
    }

    /// Runs `f` in the instance's context, with its state and tokio runtime.
    pub(crate) fn enter<R>(&mut self, f: impl FnOnce(&mut v8::PinScope, &Rc<RuntimeState>, &tokio::runtime::Runtime) -> R) -> R {
        v8::scope!(let scope, &mut self.isolate);
        let context = v8::Local::new(scope, &self.context);
        let scope = &mut v8::ContextScope::new(scope, context);
        f(scope, &self.state, &self.tokio)
    }
}

/// Runs the entry of `options`: the main program (which ends the process) or a worker's
/// (which returns its exit code once its envs are torn down).
fn run_isolate(
    options: Options,
    tokio: tokio::runtime::Runtime,
    channel: (TaskSender, TaskReceiver),
    worker: Option<worker::WorkerLink>,
) -> i32 {
    let ending = match worker {
        Some(link) => Ending::Worker(link),
        None => Ending::Process,
    };
    resolve::set_addons_condition(permission::addons_enabled(&options.node_options));
    let Some(mut instance) = Instance::new(options, tokio, channel, ending) else { return 1 };
    instance.enter(|scope, state, tokio_rt| {
        trace_events::environment_started(state);
        run_entry(scope, state);
        run_loop(scope, state, tokio_rt);
        if state.worker.is_none() {
            exit_with_teardown(scope);
        }
        let code = finish_worker(scope, state);
        inspector::shutdown(scope);
        compile_cache::close();
        modules::clear(scope);
        v8_module::clear();
        wasm_streaming::clear();
        code
    })
}

/// Runs the program's entry (an exception from it ends the process unless an
/// 'uncaughtException' listener handled it).
fn run_entry(scope: &mut v8::PinScope, state: &RuntimeState) {
    match &state.options.entry {
        // The ticks and microtasks the program queued run from here, as after node's
        // callbacks: microtasks with no ticks queued have no JS frames below them.
        Some(Entry::File(path)) => {
            let path = v8::String::new(scope, path).unwrap();
            if call_internal(scope, Internal::RunMain, &[path.into()]).is_some() {
                drain_ticks(scope);
            }
        }
        Some(Entry::Eval { code, print, name }) => {
            let code = v8::String::new(scope, code).unwrap();
            let print = v8::Boolean::new(scope, *print);
            let name = v8::String::new(scope, name).unwrap();
            if call_internal(scope, Internal::RunEval, &[code.into(), print.into(), name.into()]).is_some() {
                drain_ticks(scope);
            }
        }
        Some(Entry::Test) => {
            call_internal(scope, Internal::RunTests, &[]);
        }
        Some(Entry::Watch) => {
            call_internal(scope, Internal::RunWatch, &[]);
        }
        Some(Entry::Inspect) => {
            call_internal(scope, Internal::RunInspect, &[]);
        }
        Some(Entry::Internal(id)) => {
            let id = v8::String::new(scope, id).unwrap();
            call_internal(scope, Internal::RunInternalThread, &[id.into()]);
        }
        Some(Entry::Repl { eval }) => {
            let eval: Vec<v8::Local<v8::Value>> = match eval {
                Some((code, print)) => vec![v8::String::new(scope, code).unwrap().into(), v8::Boolean::new(scope, *print).into()],
                None => Vec::new(),
            };
            call_internal(scope, Internal::RunRepl, &eval);
        }
        None => {}
    }
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
    call_internal(scope, Internal::CloseUnmanagedFds, &[]);
    crate::napi::cleanup::run_cleanup_hooks(scope);
    code
}

/// Compiles and runs the JS bootstrap, which returns the internals object.
fn bootstrap(scope: &mut v8::PinScope, fields: v8::Local<v8::Value>) -> bool {
    let binding = bindings::create(scope);
    let key = v8::String::new(scope, "fields").unwrap();
    binding.set(scope, key.into(), fields);
    v8::tc_scope!(let tc, scope);
    let Some(realm) = bindings::compile_realm(tc) else {
        fatal::report(tc, None);
        return false;
    };
    let key = v8::String::new(tc, "realm").unwrap();
    binding.set(tc, key.into(), realm.into());
    let Some(bootstrap) = bindings::compile_bootstrap(tc) else {
        fatal::report(tc, None);
        return false;
    };
    inspector::pause_at_bootstrap(tc);
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
            // A worker stopped while it starts (terminate() soon after 'online') has nothing
            // to report.
            if !tc.has_terminated() {
                fatal::report(tc, None);
            }
            false
        }
    }
}

