//! The trace-event recorder (node's tracing agent): the categories enabled from the command
//! line (--trace-event-categories, --trace-events-enabled) and by trace_events' Tracing
//! objects, events in Chrome's trace event format from every thread of the process, and a
//! writer thread that buffers them into `node_trace.${rotation}.log` in the working directory
//! (or --trace-event-file-pattern), flushed when idle, at exit and when a file has its share
//! of events (the writer then goes on in the next rotation's file). Inspector sessions'
//! NodeTracing domain records into collectors of their own, which the writer never sees.
//!
//! V8's own categories ('v8') are not recorded: the v8 crate creates V8's platform with V8's
//! default TracingController and offers the embedder no way to install one or to receive
//! V8's trace events.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use serde_json::{json, Value};

use super::bindings::{arg_string, binding_object, string};
use super::OptionValue;

/// Events one file holds before the writer moves to the next rotation (node's kTracesPerFile).
const EVENTS_PER_FILE: usize = 1 << 20;
/// The categories --trace-events-enabled records when none are named.
const DEFAULT_CATEGORIES: &str = "v8,node,node.async_hooks";
/// The category groups node's environment and bootstrap milestones are recorded in.
pub(crate) const ENVIRONMENT: &str = "node,node.environment";
pub(crate) const BOOTSTRAP: &str = "node,node.bootstrap";
/// The categories NodeTracing.getCategories names.
pub(crate) const CATEGORIES: &[&str] = &[
    "node",
    "node.async_hooks",
    "node.bootstrap",
    "node.console",
    "node.dns.native",
    "node.environment",
    "node.fs.async",
    "node.fs.sync",
    "node.fs_dir.async",
    "node.fs_dir.sync",
    "node.http",
    "node.net.native",
    "node.perf",
    "node.perf.timerify",
    "node.perf.usertiming",
    "node.promises.rejections",
    "node.threadpoolwork.async",
    "node.threadpoolwork.sync",
    "node.vm.script",
    "v8",
];
/// The command line's client among the agent's clients (Tracing objects count up from 1).
const COMMAND_LINE: u32 = 0;

/// Whether any category is enabled: what every emitter checks first.
static ANY_ENABLED: AtomicBool = AtomicBool::new(false);
static AGENT: Mutex<Agent> = Mutex::new(Agent {
    clients: BTreeMap::new(),
    collectors: BTreeMap::new(),
    enabled: BTreeSet::new(),
    written: BTreeSet::new(),
    pattern: String::new(),
    writer: None,
    metadata: Vec::new(),
    process_noted: false,
    recording_started: false,
    platform_noted: false,
    environment_up: false,
    closed: false,
});

struct Collector {
    categories: BTreeSet<String>,
    events: Vec<String>,
}

struct Agent {
    /// Each client's categories: the command line's, and each enabled Tracing object's.
    clients: BTreeMap<u32, Vec<String>>,
    /// The inspector sessions' recordings (NodeTracing.start to stop), by session id.
    collectors: BTreeMap<u32, Collector>,
    /// The categories of every client and collector.
    enabled: BTreeSet<String>,
    /// The categories of the clients: what goes to the file.
    written: BTreeSet<String>,
    pattern: String,
    writer: Option<(mpsc::Sender<Message>, JoinHandle<()>)>,
    /// The metadata events so far, which each file starts with.
    metadata: Vec<String>,
    /// Whether the 'node' metadata event (the process's versions) is among them.
    process_noted: bool,
    /// Whether the process's own metadata (its name, version, main thread) is noted.
    recording_started: bool,
    /// Whether V8's platform threads are.
    platform_noted: bool,
    /// Whether the main thread's environment is up.
    environment_up: bool,
    /// Set at exit: nothing is recorded after the last flush.
    closed: bool,
}

enum Message {
    Event(String),
    Metadata(String),
    Close,
}

fn agent() -> std::sync::MutexGuard<'static, Agent> {
    AGENT.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Agent {
    fn set_client(&mut self, client: u32, categories: Option<Vec<String>>) {
        match categories {
            Some(categories) => self.clients.insert(client, categories),
            None => self.clients.remove(&client),
        };
        self.categories_changed();
    }

    fn categories_changed(&mut self) {
        self.written = self.clients.values().flatten().cloned().collect();
        self.enabled = self.written.iter().chain(self.collectors.values().flat_map(|collector| &collector.categories)).cloned().collect();
        ANY_ENABLED.store(!self.enabled.is_empty() && !self.closed, Ordering::Release);
        if self.enabled.is_empty() || self.closed {
            return;
        }
        if !self.recording_started {
            self.recording_started = true;
            self.note_process_metadata();
        }
        if !self.written.is_empty() && self.writer.is_none() {
            self.start_writer();
        }
        self.note_platform_threads();
    }

    fn start_writer(&mut self) {
        let (sender, receiver) = mpsc::channel();
        let pattern = if self.pattern.is_empty() { "node_trace.${rotation}.log".to_string() } else { self.pattern.clone() };
        let metadata = self.metadata.clone();
        let thread = std::thread::Builder::new()
            .name("trace writer".into())
            .spawn(move || write_events(&pattern, metadata, receiver))
            .expect("the trace writer's thread");
        self.writer = Some((sender, thread));
    }

    /// The process's own metadata, as node's agent notes when it starts recording.
    fn note_process_metadata(&mut self) {
        let title = crate::uv::process_title();
        self.note_metadata(std::process::id(), "process_name", json!({ "name": title }));
        self.note_metadata(std::process::id(), "version", json!({ "node": super::NODE_VERSION.trim_start_matches('v') }));
        self.note_metadata(std::process::id(), "thread_name", json!({ "name": "JavaScriptMainThread" }));
    }

    /// V8's platform threads, named as they start: noted once the main thread's environment
    /// is up (when they have surely named themselves), for a file only, as an inspector's
    /// recording starts after they did.
    fn note_platform_threads(&mut self) {
        if !self.environment_up || self.written.is_empty() || self.platform_noted || self.closed {
            return;
        }
        self.platform_noted = true;
        for tid in platform_worker_threads() {
            self.note_metadata(tid, "thread_name", json!({ "name": "PlatformWorkerThread" }));
        }
    }

    fn note_metadata(&mut self, tid: u32, name: &str, args: Value) {
        let event = event_json(tid, 'M', "__metadata", name, None, args, [now_micros(), thread_now_micros()], None);
        self.metadata.push(event.clone());
        if let Some((writer, _)) = &self.writer {
            let _ = writer.send(Message::Metadata(event));
        }
    }

    fn is_enabled(&self, group: &str) -> bool {
        in_categories(&self.enabled, group)
    }
}

fn in_categories(categories: &BTreeSet<String>, group: &str) -> bool {
    group.split(',').any(|category| categories.contains(category))
}

/// V8's platform worker threads (node's PlatformWorkerThread), by their kernel thread names.
fn platform_worker_threads() -> Vec<u32> {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else { return Vec::new() };
    tasks
        .flatten()
        .filter_map(|task| {
            let tid = task.file_name().to_str()?.parse().ok()?;
            let name = std::fs::read_to_string(task.path().join("comm")).ok()?;
            name.starts_with("V8 DefaultWorke").then_some(tid)
        })
        .collect()
}

/// The writer thread: events into the pattern's file, a new file (the next rotation) when one
/// is full, each file starting with the metadata.
fn write_events(pattern: &str, mut metadata: Vec<String>, receiver: mpsc::Receiver<Message>) {
    let mut rotation = 1;
    let mut file = TraceFile::open(pattern, rotation, &metadata);
    loop {
        let message = match receiver.recv_timeout(Duration::from_secs(1)) {
            Ok(message) => message,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if let Some(file) = &mut file {
                    let _ = file.out.flush();
                }
                continue;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => Message::Close,
        };
        match message {
            Message::Event(event) => {
                if file.as_ref().is_some_and(|file| file.events >= EVENTS_PER_FILE) {
                    file.take().unwrap().finish();
                    rotation += 1;
                    file = TraceFile::open(pattern, rotation, &metadata);
                }
                if let Some(file) = &mut file {
                    file.write(&event);
                    file.events += 1;
                }
            }
            Message::Metadata(event) => {
                if let Some(file) = &mut file {
                    file.write(&event);
                }
                metadata.push(event);
            }
            Message::Close => {
                if let Some(file) = file.take() {
                    file.finish();
                }
                return;
            }
        }
    }
}

struct TraceFile {
    out: std::io::BufWriter<std::fs::File>,
    first: bool,
    events: usize,
}

impl TraceFile {
    fn open(pattern: &str, rotation: u32, metadata: &[String]) -> Option<TraceFile> {
        let path = pattern.replace("${pid}", &std::process::id().to_string()).replace("${rotation}", &rotation.to_string());
        let file = match std::fs::File::create(&path) {
            Ok(file) => file,
            Err(error) => {
                let code = error.raw_os_error().map(|errno| super::bindings::errno_name(errno, &error).0).unwrap_or("EIO");
                eprintln!("Could not open trace file {path}: {code}");
                return None;
            }
        };
        let mut out = std::io::BufWriter::new(file);
        let _ = out.write_all(b"{\"traceEvents\":[");
        let mut file = TraceFile { out, first: true, events: 0 };
        for event in metadata {
            file.write(event);
        }
        Some(file)
    }

    fn write(&mut self, event: &str) {
        let separator: &[u8] = if self.first { b"\n" } else { b",\n" };
        self.first = false;
        let _ = self.out.write_all(separator);
        let _ = self.out.write_all(event.as_bytes());
    }

    fn finish(mut self) {
        let _ = self.out.write_all(b"\n]}\n");
        let _ = self.out.flush();
    }
}

#[allow(clippy::too_many_arguments)]
fn event_json(tid: u32, phase: char, group: &str, name: &str, id: Option<i64>, args: Value, [ts, tts]: [i64; 2], duration: Option<[i64; 2]>) -> String {
    let [dur, tdur] = duration.unwrap_or([0, 0]);
    let mut event = json!({
        "pid": std::process::id(),
        "tid": tid,
        "ts": ts,
        "tts": tts,
        "ph": phase.to_string(),
        "cat": group,
        "name": name,
        "dur": dur,
        "tdur": tdur,
    });
    if let Some(id) = id {
        event["id"] = Value::String(format!("{:#x}", id as u64));
    }
    event["args"] = args;
    event.to_string()
}

fn clock_micros(clock: libc::clockid_t) -> i64 {
    let mut time = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes the timespec it is given.
    unsafe { libc::clock_gettime(clock, &mut time) };
    time.tv_sec * 1_000_000 + time.tv_nsec / 1000
}
/// The trace clock: monotonic microseconds (Instant's clock).
fn now_micros() -> i64 {
    clock_micros(libc::CLOCK_MONOTONIC)
}
fn thread_now_micros() -> i64 {
    clock_micros(libc::CLOCK_THREAD_CPUTIME_ID)
}
/// `instant` on the trace clock.
pub(crate) fn micros_at(instant: std::time::Instant) -> i64 {
    let now = std::time::Instant::now();
    now_micros() - now.saturating_duration_since(instant).as_micros() as i64
}
fn current_tid() -> u32 {
    // SAFETY: gettid has no preconditions.
    unsafe { libc::gettid() as u32 }
}

/// Applies the command line's tracing options (the main thread, once).
pub(crate) fn configure(node_options: &[(&'static str, OptionValue)]) {
    let option = |wanted: &str| node_options.iter().find(|(name, _)| *name == wanted).map(|(_, value)| value);
    let mut categories = match option("--trace-event-categories") {
        Some(OptionValue::Str(categories)) => categories.clone(),
        _ => String::new(),
    };
    if categories.is_empty() && option("--trace-events-enabled") == Some(&OptionValue::Bool(true)) {
        categories = DEFAULT_CATEGORIES.to_string();
    }
    let mut agent = agent();
    if let Some(OptionValue::Str(pattern)) = option("--trace-event-file-pattern") {
        agent.pattern = pattern.clone();
    }
    if !categories.is_empty() {
        let categories = categories.split(',').map(str::to_string).collect();
        agent.set_client(COMMAND_LINE, Some(categories));
    }
}

/// Whether a category group ("node,node.fs,node.fs.sync") has an enabled category.
pub(crate) fn is_enabled(group: &str) -> bool {
    ANY_ENABLED.load(Ordering::Acquire) && agent().is_enabled(group)
}

/// Records an event of this thread now (when its group is enabled).
pub(crate) fn emit(phase: char, group: &str, name: &str, id: Option<i64>, args: Value) {
    if is_enabled(group) {
        record(group, event_json(current_tid(), phase, group, name, id, args, [now_micros(), thread_now_micros()], None));
    }
}

/// The id of a thread's environment in its 'Environment' events (node's is the Environment's
/// address).
pub(crate) fn environment_id(state: &super::RuntimeState) -> i64 {
    state as *const super::RuntimeState as i64
}

/// A thread's environment is bootstrapped: its 'Environment' event (which its teardown
/// ends) and, on the main thread, the bootstrap milestones so far.
pub(crate) fn environment_started(state: &super::RuntimeState) {
    if state.worker.is_none() {
        let mut agent = agent();
        agent.environment_up = true;
        agent.note_platform_threads();
    }
    if !ANY_ENABLED.load(Ordering::Acquire) {
        return;
    }
    let options = &state.options;
    let args = json!({ "args": { "args": options.argv, "exec_args": options.exec_argv } });
    emit('b', ENVIRONMENT, "Environment", Some(environment_id(state)), args);
    if state.worker.is_none() {
        let (process_start, v8_start) = super::perf::process_milestones();
        emit_instant_at(BOOTSTRAP, "environment", micros_at(state.start));
        for (name, instant) in [("nodeStart", process_start), ("v8Start", v8_start)] {
            if let Some(instant) = instant {
                emit_instant_at(BOOTSTRAP, name, micros_at(instant));
            }
        }
        emit('I', BOOTSTRAP, "bootstrapComplete", None, json!({}));
    }
}

/// Records an instant event of this thread that happened at `micros` (on the trace clock).
pub(crate) fn emit_instant_at(group: &str, name: &str, micros: i64) {
    if is_enabled(group) {
        record(group, event_json(current_tid(), 'I', group, name, None, json!({}), [micros, thread_now_micros()], None));
    }
}

/// Hands an event to the file's writer and the collectors whose categories take its group.
fn record(group: &str, event: String) {
    let mut agent = agent();
    let agent = &mut *agent;
    for collector in agent.collectors.values_mut().filter(|collector| in_categories(&collector.categories, group)) {
        collector.events.push(event.clone());
    }
    if let Some((writer, _)) = agent.writer.as_ref().filter(|_| in_categories(&agent.written, group)) {
        let _ = writer.send(Message::Event(event));
    }
}

/// Whether an inspector session is recording.
pub(crate) fn is_collecting(session: u32) -> bool {
    agent().collectors.contains_key(&session)
}

/// An inspector session starts recording these categories (NodeTracing.start).
pub(crate) fn start_collecting(session: u32, categories: BTreeSet<String>) {
    let mut agent = agent();
    agent.collectors.insert(session, Collector { categories, events: Vec::new() });
    agent.categories_changed();
}

/// An inspector session stops recording (NodeTracing.stop, or its end): what it recorded,
/// and the metadata every recording is flushed with; None when it was not recording.
pub(crate) fn stop_collecting(session: u32) -> Option<(Vec<String>, Vec<String>)> {
    let mut agent = agent();
    let collector = agent.collectors.remove(&session)?;
    agent.categories_changed();
    Some((collector.events, agent.metadata.clone()))
}

/// A metadata event of this thread (a worker's name, the process's new title): recorded
/// whatever the categories, as node's agent keeps its metadata for every file.
pub(crate) fn emit_metadata(name: &str, args: Value) {
    if ANY_ENABLED.load(Ordering::Acquire) {
        agent().note_metadata(current_tid(), name, args);
    }
}

/// A complete ('X') event spanning this value's life, as node's TRACE_EVENT0 scopes.
pub(crate) struct Span {
    group: &'static str,
    name: &'static str,
    start: [i64; 2],
}

impl Span {
    pub(crate) fn begin(group: &'static str, name: &'static str) -> Option<Span> {
        is_enabled(group).then(|| Span { group, name, start: [now_micros(), thread_now_micros()] })
    }
}

impl Drop for Span {
    fn drop(&mut self) {
        let [ts, tts] = self.start;
        let duration = [now_micros() - ts, thread_now_micros() - tts];
        record(self.group, event_json(current_tid(), 'X', self.group, self.name, None, json!({}), self.start, Some(duration)));
    }
}

/// A begin event now and its end when this value drops: 'B' and 'E' as node's
/// TRACE_EVENT_BEGIN and END around a call, or 'b' and 'e' (with an id) for a request's
/// nestable async events.
pub(crate) struct Scope {
    group: &'static str,
    name: String,
    id: Option<i64>,
}

impl Scope {
    pub(crate) fn begin(group: &'static str, name: &str, args: impl FnOnce() -> Value) -> Option<Scope> {
        Self::begin_with(group, name, None, args)
    }

    pub(crate) fn begin_async(group: &'static str, name: &str, id: i64) -> Option<Scope> {
        Self::begin_with(group, name, Some(id), || json!({}))
    }

    fn begin_with(group: &'static str, name: &str, id: Option<i64>, args: impl FnOnce() -> Value) -> Option<Scope> {
        if !is_enabled(group) {
            return None;
        }
        emit(if id.is_some() { 'b' } else { 'B' }, group, name, id, args());
        Some(Scope { group, name: name.to_string(), id })
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        emit(if self.id.is_some() { 'e' } else { 'E' }, self.group, &self.name, self.id, json!({}));
    }
}

/// At the process's exit: the writer writes what it has, ends the file and stops.
pub(crate) fn shutdown() {
    let writer = {
        let mut agent = agent();
        agent.closed = true;
        ANY_ENABLED.store(false, Ordering::Release);
        agent.writer.take()
    };
    if let Some((sender, thread)) = writer {
        let _ = sender.send(Message::Close);
        let _ = thread.join();
    }
}

/// `binding.traceEvents()`: node's internalBinding('trace_events') as trace_events and the
/// emitters in JS use it.
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "trace" => trace,
        "isTraceCategoryEnabled" => is_trace_category_enabled,
        "getEnabledCategories" => get_enabled_categories,
        "setCategories" => set_categories,
        "setProcessMetadata" => set_process_metadata,
        "setThreadName" => set_thread_name,
    });
    rv.set(object.into());
}

/// trace(phase, category, name, id, data): an event now; `data`, when given, becomes
/// `args.data` (a number stays a number, as a counter's value).
fn trace(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    if !ANY_ENABLED.load(Ordering::Acquire) {
        return;
    }
    let group = arg_string(scope, &args, 1);
    if !is_enabled(&group) {
        return;
    }
    let phase = args.get(0).uint32_value(scope).and_then(char::from_u32).unwrap_or('I');
    let name = arg_string(scope, &args, 2);
    let id = if args.length() > 3 && !args.get(3).is_undefined() { args.get(3).integer_value(scope) } else { None };
    let data = args.get(4);
    let args = if data.is_undefined() { json!({}) } else { json!({ "data": to_json(scope, data) }) };
    emit(phase, &group, &name, id, args);
}

fn to_json(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Value {
    if value.is_number() {
        let number = value.number_value(scope).unwrap_or(0.0);
        // An integral value is written as an integer, as node's int64 arguments are.
        return if number.fract() == 0.0 && number.abs() < 9.0e15 { json!(number as i64) } else { json!(number) };
    }
    v8::json::stringify(scope, value)
        .map(|text| text.to_rust_string_lossy(scope))
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(Value::Null)
}

fn is_trace_category_enabled(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let group = arg_string(scope, &args, 0);
    rv.set(v8::Boolean::new(scope, is_enabled(&group)).into());
}

/// getEnabledCategories(): the enabled categories, sorted and joined by commas, or undefined.
fn get_enabled_categories(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let joined = agent().enabled.iter().cloned().collect::<Vec<_>>().join(",");
    if !joined.is_empty() {
        rv.set(string(scope, &joined).into());
    }
}

/// setCategories(id, categories): a Tracing object's categories while it is enabled
/// (undefined when it is disabled).
fn set_categories(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let client = args.get(0).uint32_value(scope).unwrap_or(0).max(1);
    let categories = v8::Local::<v8::Array>::try_from(args.get(1)).ok().map(|list| {
        (0..list.length())
            .filter_map(|index| list.get_index(scope, index))
            .map(|category| category.to_rust_string_lossy(scope))
            .collect::<Vec<_>>()
    });
    agent().set_client(client, categories);
}

/// setThreadName(name): this thread's name in the trace (a worker's).
fn set_thread_name(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let name = arg_string(scope, &args, 0);
    emit_metadata("thread_name", json!({ "name": name }));
}

/// setProcessMetadata(process): the 'node' metadata event (the versions, arch, platform and
/// release the process reports), once.
fn set_process_metadata(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let process = to_json(scope, args.get(0));
    let mut agent = agent();
    if agent.recording_started && !agent.process_noted {
        agent.process_noted = true;
        agent.note_metadata(std::process::id(), "node", json!({ "process": process }));
    }
}
