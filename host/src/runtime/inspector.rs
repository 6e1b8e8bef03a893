//! node:inspector on V8's own inspector: one V8Inspector per isolate (its contexts are the
//! main context and vm's), sessions connected from JS on the same thread, and sessions a
//! worker connects to the main thread (connectToMainThread), whose messages the main thread
//! also takes while its JS is paused at a breakpoint. Front ends of the inspector server
//! (inspector_server.rs) are sessions on the main thread too, and reach it the same way, as
//! do the sessions the main thread's NodeWorker domain attaches to workers' inspectors.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};

use v8::inspector::{
    Channel, ChannelImpl, StringBuffer, StringView, V8Inspector, V8InspectorClient, V8InspectorClientImpl, V8InspectorClientTrustLevel,
    V8InspectorSession,
};

use super::bindings::{binding_object, write_stderr};
use super::inspector_dom_storage::DomStorageAgent;
use super::inspector_network::{NetworkAgent, NetworkEvent};
use super::inspector_server::{FrontEnd, HostPort, Publish, Server, Sessions};
use super::internals::Internal;
use super::tasks::TaskSender;
use super::trace_events;
use super::{Entry, RuntimeState};

/// Every context of an isolate is in one group, as in node.
const CONTEXT_GROUP: i32 = 1;

/// Session ids, unique in the process: a worker picks the id of its session on the main
/// thread.
static NEXT_SESSION: AtomicU32 = AtomicU32::new(1);

/// The main thread's door for its workers' sessions; set once the main isolate exists.
static MAIN_THREAD: OnceLock<Arc<Inbox>> = OnceLock::new();


/// What a worker or a front end asks of the main thread's inspector.
enum Request {
    Connect { session: u32, peer: RemotePeer },
    Dispatch { session: u32, message: String },
    Disconnect { session: u32 },
}

/// A thread's requests from other threads: queued, and the thread woken both in its loop
/// (a task) and in its pause loop (the condition variable).
pub(crate) struct Inbox {
    requests: Mutex<VecDeque<Request>>,
    arrived: Condvar,
    /// The thread's own task queue.
    wake: TaskSender,
    /// Set when a worker is stopped (terminate()): its waits for requests end.
    interrupted: std::sync::atomic::AtomicBool,
    /// Messages for this thread's sessions on other threads' inspectors, in order.
    replies: Mutex<VecDeque<(u32, String)>>,
    /// The thread's isolate, once it exists: a reply interrupts its JS, to be handed over in
    /// a microtask, as node's (a busy thread hears of it before it returns to its loop).
    isolate: Mutex<Option<v8::IsolateHandle>>,
}

impl Inbox {
    /// The inbox of the thread `wake` sends tasks to.
    pub(crate) fn new(wake: TaskSender) -> Arc<Inbox> {
        Arc::new(Inbox {
            requests: Mutex::new(VecDeque::new()),
            arrived: Condvar::new(),
            wake,
            interrupted: Default::default(),
            replies: Mutex::new(VecDeque::new()),
            isolate: Mutex::new(None),
        })
    }

    /// A message for this thread's session `session`: handed over by the thread's loop, or
    /// sooner by a microtask its JS queues when interrupted.
    fn reply(self: &Arc<Self>, session: u32, text: String) {
        self.replies.lock().unwrap().push_back((session, text));
        let _ = self.wake.send(Box::new(|scope: &mut v8::PinScope| deliver_replies(scope)));
        if let Some(isolate) = self.isolate.lock().unwrap().as_ref() {
            isolate.request_interrupt(queue_replies, std::ptr::null_mut());
        }
    }

    fn send(&self, request: Request) {
        self.requests.lock().unwrap().push_back(request);
        self.arrived.notify_one();
        let _ = self.wake.send(Box::new(|scope: &mut v8::PinScope| take_requests(scope)));
    }

    /// Ends the thread's waits for requests (a pause, a wait for a debugger) for good.
    pub(crate) fn interrupt(&self) {
        let _requests = self.requests.lock().unwrap();
        self.interrupted.store(true, Ordering::Release);
        self.arrived.notify_all();
    }

    fn take(&self) -> Vec<Request> {
        self.requests.lock().unwrap().drain(..).collect()
    }
}

/// What the V8 callbacks (client and channels) share with the rest: the isolate and the
/// state of a pause.
struct Shared {
    isolate: v8::UnsafeRawIsolatePtr,
    /// Set by quitMessageLoopOnPause (which may come before runMessageLoopOnPause, from a
    /// handler of Debugger.paused): the pause loop ends.
    resume: Cell<bool>,
    in_pause_loop: Cell<bool>,
    /// waitForDebugger() blocks until a session sends Runtime.runIfWaitingForDebugger.
    waiting_for_debugger: Cell<bool>,
    /// --inspect-brk: the first run of user code pauses on its first statement.
    break_on_start: Cell<bool>,
    /// --inspect-brk-node: the bootstrap pauses on its first statement too.
    break_at_bootstrap: Cell<bool>,
}

struct Client(Rc<Shared>);

impl V8InspectorClientImpl for Client {
    fn run_message_loop_on_pause(&self, _context_group_id: i32) {
        let shared = &self.0;
        if shared.in_pause_loop.get() {
            return;
        }
        shared.in_pause_loop.set(true);
        with_isolate(shared, |scope| {
            // The JS sessions heard of the pause already (a handler may have resumed); the
            // pause lasts while a worker's session can still resume it, as node's lasts while
            // a session that prevents shutdown is connected.
            while !shared.resume.get() && has_remote_sessions(scope) && wait_for_requests(scope) {}
        });
        shared.resume.set(false);
        shared.in_pause_loop.set(false);
    }

    fn quit_message_loop_on_pause(&self) {
        self.0.resume.set(true);
    }

    fn run_if_waiting_for_debugger(&self, _context_group_id: i32) {
        self.0.waiting_for_debugger.set(false);
    }

    /// The main context: where Runtime.evaluate without a context id runs.
    fn ensure_default_context_in_group(&self, _context_group_id: i32) -> Option<v8::Local<'_, v8::Context>> {
        let mut isolate_ptr = self.0.isolate;
        // SAFETY: V8 asks on the isolate's thread, inside a handle scope of its own, which
        // the handle returned is made in.
        let isolate = unsafe { v8::Isolate::ref_from_raw_isolate_ptr_mut_unchecked(&mut isolate_ptr) };
        let inspector = get(isolate)?;
        v8::callback_scope!(unsafe scope, isolate);
        let context = v8::Local::new(scope, &inspector.context);
        // SAFETY: the handle lives in V8's handle scope, which outlasts this call.
        Some(unsafe { context.extend_lifetime_unchecked() })
    }

    fn resource_name_to_url(&self, resource_name: &StringView) -> Option<v8::UniquePtr<StringBuffer>> {
        let name = resource_name.to_string();
        if !name.starts_with('/') {
            return None;
        }
        let url = url::Url::from_file_path(&name).ok()?;
        Some(StringBuffer::create(StringView::from(url.as_str().as_bytes())))
    }
}

/// Where a session's messages go: shared by its V8 channel and by node's own domains.
struct Outlet {
    shared: Rc<Shared>,
    session: u32,
    peer: Peer,
}

struct SessionChannel(Rc<Outlet>);

impl SessionChannel {
    fn send(&self, message: v8::UniquePtr<StringBuffer>) {
        let Some(message) = message.as_ref() else { return };
        self.0.deliver(view_to_string(&message.string()));
    }
}

impl Outlet {
    /// Hands a message to the session's peer at once: a JS session's callback runs inside
    /// the dispatch or the V8 event that sent it (even the answers V8 gives as the session
    /// is disconnected), as node's does.
    fn deliver(&self, text: String) {
        match &self.peer {
            Peer::Local(callback) => with_isolate(&self.shared, |scope| call_with_message(scope, callback, &text)),
            Peer::Remote(RemotePeer::Thread(thread)) => thread.reply(self.session, text),
            Peer::Remote(RemotePeer::FrontEnd(front_end)) => front_end.send(text),
        }
    }
}

/// Runs `body` in the isolate's main context, from a V8 callback on its thread.
fn with_isolate(shared: &Shared, body: impl FnOnce(&mut v8::PinScope)) {
    let mut isolate_ptr = shared.isolate;
    // SAFETY: V8 calls the inspector's client and channels on the isolate's thread, inside
    // a call into it, so the isolate is live and entered.
    let isolate = unsafe { v8::Isolate::ref_from_raw_isolate_ptr_mut_unchecked(&mut isolate_ptr) };
    let Some(context) = get(isolate).map(|inspector| inspector.context.clone()) else { return };
    v8::scope_with_context!(let scope, isolate, &context);
    body(scope);
}

impl ChannelImpl for SessionChannel {
    fn send_response(&self, _call_id: i32, message: v8::UniquePtr<StringBuffer>) {
        self.send(message);
    }
    fn send_notification(&self, message: v8::UniquePtr<StringBuffer>) {
        self.send(message);
    }
    fn flush_protocol_notifications(&self) {}
}

fn view_to_string(view: &StringView) -> String {
    match view.characters16() {
        Some(units) => String::from_utf16_lossy(units),
        None => view.characters8().unwrap_or_default().iter().map(|&byte| byte as char).collect(),
    }
}

/// Hands a session's message to its JS callback; what the callback throws is uncaught.
fn call_with_message(scope: &mut v8::PinScope, callback: &v8::Global<v8::Function>, text: &str) {
    let callback = v8::Local::new(scope, callback);
    let text = v8::String::new(scope, text).unwrap();
    let undefined = v8::undefined(scope).into();
    v8::tc_scope!(let tc, scope);
    callback.call(tc, undefined, &[text.into()]);
    if tc.has_caught() {
        super::handle_exception(tc);
    }
}

/// Who hears a session's messages.
enum Peer {
    /// A JS function on this thread.
    Local(v8::Global<v8::Function>),
    Remote(RemotePeer),
}

/// A session of another thread on this thread's inspector.
enum RemotePeer {
    /// A worker's session on the main thread, or the main thread's NodeWorker session on a
    /// worker: its messages go to that thread (its inbox).
    Thread(Arc<Inbox>),
    /// A front end of the server: its messages go out on its WebSocket.
    FrontEnd(Arc<FrontEnd>),
}

struct Session {
    v8: V8InspectorSession,
    outlet: Rc<Outlet>,
    /// NodeRuntime.enable's: the session hears when the program waits for a debugger.
    node_runtime_enabled: Cell<bool>,
    /// NodeRuntime.notifyWhenWaitingForDisconnect's setting.
    notify_waiting_for_disconnect: Cell<bool>,
    network: NetworkAgent,
    dom_storage: DomStorageAgent,
    node_worker: RefCell<NodeWorkerAgent>,
    target: RefCell<TargetAgent>,
    /// Debugger.setAsyncCallStackDepth's: while a session's is above 0, the program's async
    /// tasks are reported to V8 for async stack traces.
    async_stack_depth: Cell<i64>,
    /// A worker's or a front end's session, which keeps the main thread paused while
    /// connected.
    remote: bool,
    front_end: bool,
}

/// The inspector of one isolate, in an isolate slot.
pub(crate) struct Inspector {
    sessions: RefCell<HashMap<u32, Rc<Session>>>,
    /// The sessions this (worker) thread has on the main thread, by id: their callbacks.
    main_thread_sessions: RefCell<HashMap<u32, v8::Global<v8::Function>>>,
    /// This thread's door for other threads' sessions.
    inbox: Arc<Inbox>,
    /// The server while it runs (a worker's after its inspector.open()), and where it listens
    /// or last listened (--inspect-port, inspector.open's arguments).
    server: RefCell<Option<Server>>,
    host_port: RefCell<Option<HostPort>>,
    /// This thread's workers, as NodeWorker targets, by thread id.
    workers: RefCell<HashMap<u32, WorkerTarget>>,
    /// The sessions this thread's NodeWorker and Target domains have on its workers, by id:
    /// the session here they belong to, and what it knows them by.
    worker_sessions: RefCell<HashMap<u32, (u32, WorkerSession)>>,
    /// --experimental-network-inspection: what starts and stops the tracking of the
    /// program's own requests, called as the first session enables the Network domain and
    /// the last disables it.
    network_tracking: RefCell<Option<TrackingHooks>>,
    /// What starts and stops the reports of async tasks, called as the first session asks
    /// for async stack traces and the last stops.
    async_task_tracking: RefCell<Option<TrackingHooks>>,
    shared: Rc<Shared>,
    context: v8::Global<v8::Context>,
    /// How many front ends' messages are being handled now (nested at pauses): JS running
    /// on their behalf, e.g. an evaluation, that may call inspector.close().
    front_end_dispatches: Cell<u32>,
    /// --experimental-storage-inspection: the sessions have node's DOMStorage domain.
    storage_inspection: bool,
    /// --experimental-worker-inspection: the main thread's sessions have node's Target domain.
    worker_inspection: bool,
    /// Under it, what the program's JS gives: its storage key (Storage.getStorageKey) and
    /// the function that has its localStorage's or sessionStorage's items.
    dom_storage_source: RefCell<Option<(String, v8::Global<v8::Function>)>>,
    /// The main thread's inspector: its sessions may start tracing (the recorder is the
    /// process's).
    main_thread: bool,
    /// Dropped after the sessions (fields drop in order).
    v8: V8Inspector,
}

/// Makes the isolate's inspector and tells it of the main context, named as node names it
/// (`argv0[pid]`, `Worker[threadId]` in a worker); on the main thread, starts the server
/// --inspect asks for. The inspector is made with the isolate, not when first needed: V8's
/// debugger only knows scripts compiled in contexts it was told of.
pub(crate) fn install(scope: &mut v8::PinScope, context: v8::Local<v8::Context>, state: &RuntimeState) {
    let shared = Rc::new(Shared {
        // SAFETY: the pointer is only turned back into the isolate on this thread.
        isolate: unsafe { scope.as_raw_isolate_ptr() },
        resume: Cell::new(false),
        in_pause_loop: Cell::new(false),
        waiting_for_debugger: Cell::new(false),
        break_on_start: Cell::new(false),
        break_at_bootstrap: Cell::new(false),
    });
    let client = V8InspectorClient::new(Box::new(Client(shared.clone())));
    let v8_inspector = V8Inspector::create(scope, client);
    let (name, inbox) = match &state.worker {
        Some(link) => (format!("Worker[{}]", link.thread_id()), link.inspector_inbox()),
        None => {
            let inbox = Inbox::new(state.tasks_tx.clone());
            let _ = MAIN_THREAD.set(inbox.clone());
            // SAFETY: getpid cannot fail.
            (format!("{}[{}]", state.options.argv0, unsafe { libc::getpid() }), inbox)
        }
    };
    announce_context(&v8_inspector, context, &name, true);
    *inbox.isolate.lock().unwrap() = Some(scope.thread_safe_handle());
    scope.set_slot(Rc::new(Inspector {
        sessions: RefCell::new(HashMap::new()),
        main_thread_sessions: RefCell::new(HashMap::new()),
        inbox: inbox.clone(),
        server: RefCell::new(None),
        host_port: RefCell::new(None),
        workers: RefCell::new(HashMap::new()),
        worker_sessions: RefCell::new(HashMap::new()),
        network_tracking: RefCell::new(None),
        async_task_tracking: RefCell::new(None),
        shared,
        context: v8::Global::new(scope, context),
        front_end_dispatches: Cell::new(0),
        storage_inspection: state.options.flag("--experimental-storage-inspection"),
        dom_storage_source: RefCell::new(None),
        worker_inspection: state.options.flag("--experimental-worker-inspection"),
        main_thread: state.worker.is_none(),
        v8: v8_inspector,
    }));
    // As node: `--test`'s own process, which runs each file in a process of its own, is not
    // inspected (the files' processes are, each on a port of its own).
    if state.worker.is_none() && !runs_isolated_tests(state) {
        start_from_command_line(scope, state);
        if !state.options.flag("--disable-sigusr1") {
            watch_activation_signal(state);
        }
    }
    if let Some((link, target)) = state.worker.as_ref().and_then(|link| Some((link, link.inspector_target()?))) {
        announce_worker(scope, link, target, inbox);
    }
}

/// How the main thread knows a worker: the NodeWorker domain's workerInfo.
pub(crate) struct WorkerTarget {
    pub(crate) title: String,
    pub(crate) url: String,
    /// Whether the worker waits for a debugger before its code runs: a session of the main
    /// thread asked for it with NodeWorker.enable's waitForDebuggerOnStart as the Worker was
    /// made, or the worker's execArgv has --inspect-brk or --inspect-wait (which start no
    /// server in a worker, as in node).
    pub(crate) waits: bool,
    inbox: Option<Arc<Inbox>>,
}

impl WorkerTarget {
    pub(crate) fn new(title: String, url: String, waits: bool) -> WorkerTarget {
        WorkerTarget { title, url, waits, inbox: None }
    }
}

/// Whether a Worker made now (on any thread) waits for a debugger: a session of the main
/// thread asked for workers to with NodeWorker.enable.
pub(crate) fn workers_wait_for_debugger() -> bool {
    WORKERS_WAIT.load(Ordering::Acquire)
}

static WORKERS_WAIT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// After a change to the main thread's NodeWorker sessions.
fn update_workers_wait(inspector: &Inspector) {
    if inspector.main_thread {
        let wait = inspector.sessions.borrow().values().any(|session| {
            let target = session.target.borrow();
            session.node_worker.borrow().enabled == Some(true) || (target.auto_attach && target.wait_for_debugger_on_start)
        });
        WORKERS_WAIT.store(wait, Ordering::Release);
    }
}

/// Runs `task` on the main thread, where every worker of the process is a NodeWorker target
/// (a flat list, as node's).
fn run_on_main_thread(task: super::Task) {
    if let Some(main) = MAIN_THREAD.get() {
        let _ = main.wake.send(task);
    }
}

/// A worker's inspector exists: the main thread's NodeWorker sessions attach to it, and when
/// it is to wait for a debugger, it waits until one of them lets it run, then pauses at the
/// first statement of its code.
fn announce_worker(scope: &mut v8::PinScope, link: &super::worker::WorkerLink, target: &WorkerTarget, inbox: Arc<Inbox>) {
    let thread_id = link.thread_id();
    let started = WorkerTarget { title: target.title.clone(), url: target.url.clone(), waits: target.waits, inbox: Some(inbox) };
    run_on_main_thread(Box::new(move |scope: &mut v8::PinScope| worker_started(scope, thread_id, started)));
    if target.waits {
        wait_for_front_end(scope);
        if let Some(inspector) = get(scope) {
            inspector.shared.break_on_start.set(true);
        }
    }
}

/// On the main thread: a worker's inspector exists.
fn worker_started(scope: &mut v8::PinScope, thread_id: u32, target: WorkerTarget) {
    let Some(inspector) = get(scope) else { return };
    let waits = target.waits;
    inspector.workers.borrow_mut().insert(thread_id, target);
    let sessions: Vec<Rc<Session>> = inspector.sessions.borrow().values().cloned().collect();
    for session in sessions.iter().filter(|session| session.node_worker.borrow().enabled.is_some()) {
        attach_to_worker(&inspector, session, thread_id, waits);
    }
    if inspector.worker_inspection {
        for session in &sessions {
            add_target(&inspector, session, thread_id);
        }
    }
}

/// On the main thread: a worker's inspector is gone (its sessions were ended first).
fn worker_ended(scope: &mut v8::PinScope, thread_id: u32) {
    if let Some(inspector) = get(scope) {
        inspector.workers.borrow_mut().remove(&thread_id);
        for session in inspector.sessions.borrow().values() {
            session.target.borrow_mut().targets.retain(|target| target.thread_id != thread_id);
        }
    }
}

/// A NodeWorker session: connects a session of the worker's inspector for `session`.
fn attach_to_worker(inspector: &Inspector, session: &Session, thread_id: u32, waiting: bool) {
    let workers = inspector.workers.borrow();
    let Some((target, inbox)) = workers.get(&thread_id).and_then(|target| Some((target, target.inbox.as_ref()?))) else { return };
    let id = {
        let mut agent = session.node_worker.borrow_mut();
        agent.attached_count += 1;
        agent.attached_count.to_string()
    };
    let global = NEXT_SESSION.fetch_add(1, Ordering::Relaxed);
    session.node_worker.borrow_mut().attached.insert(id.clone(), (thread_id, global));
    inspector.worker_sessions.borrow_mut().insert(global, (session.outlet.session, WorkerSession::NodeWorker(id.clone())));
    inbox.send(Request::Connect { session: global, peer: RemotePeer::Thread(inspector.inbox.clone()) });
    let info = serde_json::json!({"workerId": id, "type": "worker", "title": target.title, "url": target.url});
    drop(workers);
    let event = serde_json::json!({"method": "NodeWorker.attachedToWorker", "params": {"sessionId": id, "workerInfo": info, "waitingForDebugger": waiting}});
    session.outlet.deliver(event.to_string());
}

/// Ends a NodeWorker session of `session` (its session on the worker's inspector too, unless
/// that is gone already); whether there was one.
fn detach_from_worker(inspector: &Inspector, session: &Session, id: &str, worker_gone: bool) -> bool {
    let Some((thread_id, global)) = session.node_worker.borrow_mut().attached.remove(id) else { return false };
    inspector.worker_sessions.borrow_mut().remove(&global);
    if !worker_gone {
        if let Some(inbox) = inspector.workers.borrow().get(&thread_id).and_then(|target| target.inbox.clone()) {
            inbox.send(Request::Disconnect { session: global });
        }
    }
    let event = serde_json::json!({"method": "NodeWorker.detachedFromWorker", "params": {"sessionId": id}});
    session.outlet.deliver(event.to_string());
    true
}

/// What a session on a worker is to the main thread's session it belongs to.
enum WorkerSession {
    /// A NodeWorker session: its id (its messages come as NodeWorker events).
    NodeWorker(String),
    /// A Target session: its id (its messages come as they are, with the id).
    Target(String),
}

/// A session's NodeWorker domain.
#[derive(Default)]
struct NodeWorkerAgent {
    /// NodeWorker.enable's waitForDebuggerOnStart, while enabled.
    enabled: Option<bool>,
    /// How many sessions it has attached: the last one's id.
    attached_count: u32,
    /// Its sessions on workers, by id: the worker's thread id and the session's id there.
    attached: std::collections::BTreeMap<String, (u32, u32)>,
}

/// The error of a command whose parameter `name` is missing or not of the `expected` type.
fn invalid_param(params: Option<&serde_json::Value>, name: &str, expected: &str) -> serde_json::Value {
    let data = match params {
        None => "Failed to deserialize params - CBOR: map start expected at position 0".to_string(),
        Some(params) if params.get(name).is_none() => format!("Failed to deserialize params.{name} - BINDINGS: mandatory field missing"),
        Some(_) => format!("Failed to deserialize params.{name} - BINDINGS: {expected} value expected"),
    };
    serde_json::json!({"code": -32602, "message": "Invalid parameters", "data": data})
}

fn node_worker(inspector: &Inspector, session: &Session, method: &str, params: Option<&serde_json::Value>) -> Result<serde_json::Value, serde_json::Value> {
    let param = |name: &str| params.and_then(|params| params.get(name));
    let invalid = |name: &str, expected: &str| invalid_param(params, name, expected);
    match method {
        "enable" => {
            let Some(wait) = param("waitForDebuggerOnStart").and_then(|wait| wait.as_bool()) else { return Err(invalid("waitForDebuggerOnStart", "bool")) };
            let was_enabled = session.node_worker.borrow_mut().enabled.replace(wait).is_some();
            update_workers_wait(inspector);
            if !was_enabled {
                let mut running: Vec<u32> = inspector.workers.borrow().keys().copied().collect();
                running.sort_unstable();
                for thread_id in running {
                    attach_to_worker(inspector, session, thread_id, false);
                }
            }
        }
        "disable" => {
            session.node_worker.borrow_mut().enabled = None;
            update_workers_wait(inspector);
        }
        "sendMessageToWorker" => {
            let Some(message) = param("message").and_then(|message| message.as_str()) else { return Err(invalid("message", "string")) };
            let Some(id) = param("sessionId").and_then(|id| id.as_str()) else { return Err(invalid("sessionId", "string")) };
            let attached = session.node_worker.borrow().attached.get(id).copied();
            if let Some((thread_id, global)) = attached {
                if let Some(inbox) = inspector.workers.borrow().get(&thread_id).and_then(|target| target.inbox.clone()) {
                    inbox.send(Request::Dispatch { session: global, message: message.to_string() });
                }
            }
        }
        "detach" => {
            let Some(id) = param("sessionId").and_then(|id| id.as_str()) else { return Err(invalid("sessionId", "string")) };
            detach_from_worker(inspector, session, id, false);
        }
        _ => return Err(serde_json::json!({"code": -32601, "message": format!("'NodeWorker.{method}' wasn't found")})),
    }
    Ok(serde_json::json!({}))
}

/// A session's Target domain (--experimental-worker-inspection): the process's workers as
/// targets, and the sessions it has on them, whose messages carry their id (a front end's
/// with a `sessionId` go to that worker).
#[derive(Default)]
struct TargetAgent {
    /// Target.setAutoAttach's: the workers are attached as they come (and those known).
    auto_attach: bool,
    wait_for_debugger_on_start: bool,
    /// The running workers it was told of, in order.
    targets: Vec<TargetEntry>,
    /// How many targets it was told of: the last one's id.
    target_count: u32,
    /// Its sessions on workers, by id: the worker's thread id and the session's id there.
    attached: HashMap<String, (u32, u32)>,
}

struct TargetEntry {
    id: String,
    thread_id: u32,
    attached: bool,
}

/// The ids of Target sessions, counted across the main thread's sessions (as node's).
static NEXT_TARGET_SESSION: AtomicU32 = AtomicU32::new(1);

fn target_info(target: &WorkerTarget, id: &str, attached: bool) -> serde_json::Value {
    serde_json::json!({"targetId": id, "type": "node_worker", "title": target.title, "url": target.url, "attached": attached, "canAccessOpener": true})
}

/// A worker's inspector exists: the session hears of the target, and attaches to it when it
/// asked to.
fn add_target(inspector: &Inspector, session: &Session, thread_id: u32) {
    if !inspector.workers.borrow().contains_key(&thread_id) {
        return;
    }
    let (id, auto_attach) = {
        let mut agent = session.target.borrow_mut();
        agent.target_count += 1;
        let id = agent.target_count.to_string();
        agent.targets.push(TargetEntry { id: id.clone(), thread_id, attached: false });
        (id, agent.auto_attach)
    };
    let Some(info) = inspector.workers.borrow().get(&thread_id).map(|target| target_info(target, &id, false)) else { return };
    session.outlet.deliver(serde_json::json!({"method": "Target.targetCreated", "params": {"targetInfo": info}}).to_string());
    if auto_attach {
        attach_target(inspector, session, &id);
    }
}

/// Connects a session of the target's worker for `session`, unless it has one.
fn attach_target(inspector: &Inspector, session: &Session, target_id: &str) {
    let thread_id = {
        let mut agent = session.target.borrow_mut();
        let Some(entry) = agent.targets.iter_mut().find(|entry| entry.id == target_id && !entry.attached) else { return };
        entry.attached = true;
        entry.thread_id
    };
    let workers = inspector.workers.borrow();
    let Some((target, inbox)) = workers.get(&thread_id).and_then(|target| Some((target, target.inbox.as_ref()?))) else { return };
    let id = NEXT_TARGET_SESSION.fetch_add(1, Ordering::Relaxed).to_string();
    let global = NEXT_SESSION.fetch_add(1, Ordering::Relaxed);
    session.target.borrow_mut().attached.insert(id.clone(), (thread_id, global));
    inspector.worker_sessions.borrow_mut().insert(global, (session.outlet.session, WorkerSession::Target(id.clone())));
    inbox.send(Request::Connect { session: global, peer: RemotePeer::Thread(inspector.inbox.clone()) });
    let info = target_info(target, target_id, false);
    drop(workers);
    let event = serde_json::json!({"method": "Target.attachedToTarget", "params": {"sessionId": id, "targetInfo": info, "waitingForDebugger": true}});
    session.outlet.deliver(event.to_string());
}

fn target_command(inspector: &Inspector, session: &Session, method: &str, params: Option<&serde_json::Value>) -> Result<serde_json::Value, serde_json::Value> {
    let param = |name: &str| params.and_then(|params| params.get(name));
    match method {
        "setAutoAttach" => {
            let Some(auto_attach) = param("autoAttach").and_then(|value| value.as_bool()) else { return Err(invalid_param(params, "autoAttach", "bool")) };
            let Some(wait) = param("waitForDebuggerOnStart").and_then(|value| value.as_bool()) else {
                return Err(invalid_param(params, "waitForDebuggerOnStart", "bool"));
            };
            let known: Vec<String> = {
                let mut agent = session.target.borrow_mut();
                agent.auto_attach = auto_attach;
                agent.wait_for_debugger_on_start = wait;
                agent.targets.iter().filter(|target| !target.attached).map(|target| target.id.clone()).collect()
            };
            update_workers_wait(inspector);
            if auto_attach {
                for id in known {
                    attach_target(inspector, session, &id);
                }
            }
            Ok(serde_json::json!({}))
        }
        "getTargets" => {
            let workers = inspector.workers.borrow();
            let agent = session.target.borrow();
            let infos: Vec<serde_json::Value> = agent
                .targets
                .iter()
                .filter_map(|entry| Some(target_info(workers.get(&entry.thread_id)?, &entry.id, entry.attached)))
                .collect();
            Ok(serde_json::json!({ "targetInfos": infos }))
        }
        _ => Err(serde_json::json!({"code": -32601, "message": format!("'Target.{method}' wasn't found")})),
    }
}

/// A front end's message for one of the session's Target sessions (a `sessionId` it has):
/// handed to that worker, without the id.
fn dispatch_to_target(inspector: &Inspector, session: &Session, message: &str) -> bool {
    let Ok(serde_json::Value::Object(mut command)) = serde_json::from_str::<serde_json::Value>(message) else { return false };
    let Some(id) = command.get("sessionId").and_then(|id| id.as_str()) else { return false };
    let Some((thread_id, global)) = session.target.borrow().attached.get(id).copied() else { return false };
    command.shift_remove("sessionId");
    if let Some(inbox) = inspector.workers.borrow().get(&thread_id).and_then(|target| target.inbox.clone()) {
        inbox.send(Request::Dispatch { session: global, message: serde_json::Value::Object(command).to_string() });
    }
    true
}

/// SIGUSR1 starts the server, as node's inspector activation (`process._debugProcess`,
/// `node inspect -p <pid>`): a watcher on the main thread's loop, unreferenced, for the
/// process's life (the default loop is never closed).
fn watch_activation_signal(state: &RuntimeState) {
    let tasks = Box::into_raw(Box::new(state.tasks_tx.clone()));
    match crate::uv::SignalHandle::start(tasks.cast(), libc::SIGUSR1, on_activation_signal) {
        Ok(mut handle) => {
            handle.set_ref(false);
            std::mem::forget(handle);
        }
        // SAFETY: never handed to a running handle.
        Err(_) => drop(unsafe { Box::from_raw(tasks) }),
    }
}

unsafe extern "C" fn on_activation_signal(handle: *mut std::ffi::c_void, _signum: std::ffi::c_int) {
    // SAFETY: the handle's data is the TaskSender leaked for the process's life.
    let tasks = unsafe { &*crate::uv::SignalHandle::data_of(handle).cast::<TaskSender>() };
    let _ = tasks.send(Box::new(|scope: &mut v8::PinScope| {
        if let Some(inspector) = get(scope).filter(|inspector| inspector.server.borrow().is_none()) {
            start_server(&inspector, &RuntimeState::get(scope));
        }
    }));
}

fn announce_context(inspector: &V8Inspector, context: v8::Local<v8::Context>, name: &str, is_default: bool) {
    let name: Vec<u16> = name.encode_utf16().collect();
    let aux_data: &[u8] = if is_default { b"{\"isDefault\":true}" } else { b"{\"isDefault\":false}" };
    inspector.context_created(context, CONTEXT_GROUP, StringView::from(&name[..]), StringView::from(aux_data));
}

fn runs_isolated_tests(state: &RuntimeState) -> bool {
    state.options.flag("--test") && state.options.string("--test-isolation") != "none"
}

/// Where the server listens: --inspect-port (or the `=[host:]port` of --inspect and its
/// kin), then what inspector.open() was last given.
fn host_port(inspector: &Inspector, state: &RuntimeState) -> HostPort {
    let mut host_port = inspector.host_port.borrow_mut();
    host_port
        .get_or_insert_with(|| {
            let mut at = HostPort::default();
            let value = state.options.string("--inspect-port");
            if !value.is_empty() {
                // The command line checked the value.
                let _ = at.update(value);
            }
            at
        })
        .clone()
}

/// --inspect, --inspect-wait, --inspect-brk and --inspect-brk-node: the server, and for the
/// last three, a wait until a front end lets the program run (before the bootstrap runs).
fn start_from_command_line(scope: &mut v8::PinScope, state: &RuntimeState) {
    let brk_node = state.options.flag("--inspect-brk-node");
    let brk = brk_node || state.options.flag("--inspect-brk");
    let wait = state.options.flag("--inspect-wait");
    let Some(inspector) = get(scope) else { return };
    if !(brk || wait || state.options.flag("--inspect")) || !start_server(&inspector, state) {
        return;
    }
    // --inspect-brk waits to pause at the first statement, which the permission model may
    // refuse (callAndPauseOnStart throws then, as node's does, without waiting).
    let may_pause = super::permission::is_granted(super::permission::Scope::Inspector, None);
    if wait || (brk && may_pause) {
        wait_for_front_end(scope);
    }
    if brk {
        if let Some(inspector) = get(scope) {
            inspector.shared.break_on_start.set(true);
            inspector.shared.break_at_bootstrap.set(brk_node && may_pause);
        }
    }
}

/// --inspect-brk-node: every session pauses on the bootstrap's first statement.
pub(crate) fn pause_at_bootstrap(scope: &mut v8::PinScope) {
    let Some(inspector) = get(scope).filter(|inspector| inspector.shared.break_at_bootstrap.replace(false)) else { return };
    let reason: Vec<u16> = "Break at bootstrap".encode_utf16().collect();
    for session in inspector.sessions.borrow().values() {
        session.v8.schedule_pause_on_next_statement(StringView::from(&reason[..]), StringView::empty());
    }
}

/// Starts the server on the thread's inspector; whether it listens.
fn start_server(inspector: &Inspector, state: &RuntimeState) -> bool {
    let (title, url) = match &state.options.entry {
        Some(Entry::File(file)) => {
            let path = std::path::absolute(file).unwrap_or_else(|_| file.into());
            let url = url::Url::from_file_path(&path).map(String::from).unwrap_or_else(|_| "file://".into());
            (path.to_string_lossy().into_owned(), url)
        }
        // SAFETY: getpid cannot fail.
        _ => (format!("{}[{}]", state.options.argv0, unsafe { libc::getpid() }), "file://".into()),
    };
    let publish = Publish::from_option(state.options.string("--inspect-publish-uid"));
    let server = Server::start(&host_port(inspector, state), title, url, publish, Arc::new(FrontEnds(inspector.inbox.clone())));
    let started = server.is_some();
    *inspector.server.borrow_mut() = server;
    started
}

/// The server's front ends, as sessions on its thread's inspector.
struct FrontEnds(Arc<Inbox>);

impl Sessions for FrontEnds {
    fn connect(&self, front_end: Arc<FrontEnd>) -> u32 {
        let session = NEXT_SESSION.fetch_add(1, Ordering::Relaxed);
        self.0.send(Request::Connect { session, peer: RemotePeer::FrontEnd(front_end) });
        session
    }
    fn dispatch(&self, session: u32, message: String) {
        self.0.send(Request::Dispatch { session, message });
    }
    fn disconnect(&self, session: u32) {
        self.0.send(Request::Disconnect { session });
    }
}

fn server_running(isolate: &v8::Isolate) -> bool {
    get(isolate).is_some_and(|inspector| inspector.server.borrow().is_some())
}

/// Blocks until a session sends Runtime.runIfWaitingForDebugger.
fn wait_for_front_end(scope: &mut v8::PinScope) {
    let Some(inspector) = get(scope) else { return };
    inspector.shared.waiting_for_debugger.set(true);
    let sessions: Vec<Rc<Session>> = inspector.sessions.borrow().values().cloned().collect();
    for session in sessions.iter().filter(|session| session.node_runtime_enabled.get()) {
        session.outlet.deliver(WAITING_FOR_DEBUGGER.into());
    }
    while inspector.shared.waiting_for_debugger.get() && wait_for_requests(scope) {}
    inspector.shared.waiting_for_debugger.set(false);
}

fn has_front_ends(isolate: &v8::Isolate) -> bool {
    get(isolate).is_some_and(|inspector| inspector.sessions.borrow().values().any(|session| session.front_end))
}

/// The end of the main thread's program with the server running: the front ends hear the
/// main context is gone, and the process lives on until they disconnect, as node's does.
pub(crate) fn wait_for_disconnect(scope: &mut v8::PinScope) {
    let Some(inspector) = get(scope) else { return };
    let Some(server) = inspector.server.borrow_mut().take() else { return };
    if has_front_ends(scope) {
        write_stderr("Waiting for the debugger to disconnect...\n");
    }
    // Sessions that asked hear that the process waits for them, and keep the main context
    // alive until they go; then all hear it is gone.
    let sessions: Vec<Rc<Session>> = inspector.sessions.borrow().values().cloned().collect();
    for session in sessions.iter().filter(|session| session.notify_waiting_for_disconnect.get()) {
        session.outlet.deliver(r#"{"method":"NodeRuntime.waitingForDisconnect","params":{}}"#.into());
    }
    server.stop_listening();
    let retaining_context = |inspector: &Inspector| inspector.sessions.borrow().values().any(|session| session.notify_waiting_for_disconnect.get());
    while retaining_context(&inspector) {
        wait_for_requests(scope);
    }
    let context = v8::Local::new(scope, &inspector.context);
    inspector.v8.context_destroyed(context);
    while has_front_ends(scope) {
        wait_for_requests(scope);
    }
    server.stop();
}

/// Tells the inspector of a vm context.
pub(crate) fn context_created(scope: &mut v8::PinScope, context: v8::Local<v8::Context>, name: &str) {
    if let Some(inspector) = get(scope) {
        announce_context(&inspector.v8, context, name, false);
    }
}

/// Disconnects every session before the isolate goes (and a worker's sessions on the main
/// thread), then drops the inspector.
pub(crate) fn shutdown(scope: &mut v8::PinScope) {
    let worker = RuntimeState::get(scope).worker.is_some();
    if worker {
        end_worker_context(scope);
    }
    let Some(inspector) = scope.remove_slot::<Rc<Inspector>>() else { return };
    if let Some(server) = inspector.server.borrow_mut().take() {
        server.stop();
    }
    if let Some(main) = MAIN_THREAD.get() {
        for session in inspector.main_thread_sessions.borrow_mut().drain().map(|(id, _)| id) {
            main.send(Request::Disconnect { session });
        }
    }
    let sessions = std::mem::take(&mut *inspector.sessions.borrow_mut());
    // The main thread's sessions hear they are detached, and the main thread that the worker is gone.
    for session in sessions.values() {
        if let Peer::Remote(RemotePeer::Thread(thread)) = &session.outlet.peer {
            let id = session.outlet.session;
            let _ = thread.wake.send(Box::new(move |scope: &mut v8::PinScope| worker_session_ended(scope, id)));
        }
    }
    drop(sessions);
    let state = RuntimeState::get(scope);
    if let Some(link) = state.worker.as_ref().filter(|link| link.inspector_target().is_some()) {
        let thread_id = link.thread_id();
        run_on_main_thread(Box::new(move |scope: &mut v8::PinScope| worker_ended(scope, thread_id)));
    }
}

/// The end of a worker's program: the sessions that asked hear that it waits for them to
/// disconnect (the main thread's, which keep it alive until they go, as node's), then the rest
/// hear its context is gone.
fn end_worker_context(scope: &mut v8::PinScope) {
    let Some(inspector) = get(scope) else { return };
    let sessions: Vec<Rc<Session>> = inspector.sessions.borrow().values().cloned().collect();
    for session in sessions.iter().filter(|session| session.notify_waiting_for_disconnect.get()) {
        session.outlet.deliver(r#"{"method":"NodeRuntime.waitingForDisconnect","params":{}}"#.into());
    }
    let retaining_context = |inspector: &Inspector| inspector.sessions.borrow().values().any(|session| session.remote && session.notify_waiting_for_disconnect.get());
    while retaining_context(&inspector) && wait_for_requests(scope) {}
    // The thread's own JS sessions cannot hear of it any more.
    let local: Vec<u32> = inspector.sessions.borrow().iter().filter(|(_, session)| !session.remote).map(|(id, _)| *id).collect();
    for id in local {
        inspector.sessions.borrow_mut().remove(&id);
    }
    let context = v8::Local::new(scope, &inspector.context);
    inspector.v8.context_destroyed(context);
}

/// On the main thread: a NodeWorker session ended with its worker.
fn worker_session_ended(scope: &mut v8::PinScope, global: u32) {
    let Some(inspector) = get(scope) else { return };
    let Some((owner, attached)) = inspector.worker_sessions.borrow_mut().remove(&global) else { return };
    let Some(session) = inspector.sessions.borrow().get(&owner).cloned() else { return };
    match attached {
        WorkerSession::NodeWorker(id) => {
            detach_from_worker(&inspector, &session, &id, true);
        }
        WorkerSession::Target(id) => {
            session.target.borrow_mut().attached.remove(&id);
        }
    }
}

fn get(isolate: &v8::Isolate) -> Option<Rc<Inspector>> {
    isolate.get_slot::<Rc<Inspector>>().cloned()
}

fn connect_session(inspector: &Inspector, session: u32, peer: Peer) {
    let remote = matches!(peer, Peer::Remote(_));
    let front_end = matches!(peer, Peer::Remote(RemotePeer::FrontEnd(_)));
    let outlet = Rc::new(Outlet { shared: inspector.shared.clone(), session, peer });
    let channel = Channel::new(Box::new(SessionChannel(outlet.clone())));
    let v8_session = inspector.v8.connect(CONTEXT_GROUP, channel, StringView::empty(), V8InspectorClientTrustLevel::FullyTrusted);
    let session = Session {
        v8: v8_session,
        outlet,
        node_runtime_enabled: Cell::new(false),
        notify_waiting_for_disconnect: Cell::new(false),
        network: NetworkAgent::default(),
        dom_storage: DomStorageAgent::default(),
        node_worker: RefCell::new(NodeWorkerAgent::default()),
        target: RefCell::new(TargetAgent::default()),
        async_stack_depth: Cell::new(0),
        remote,
        front_end,
    };
    inspector.sessions.borrow_mut().insert(session.outlet.session, Rc::new(session));
}

fn dispatch_to_session(inspector: &Inspector, session: u32, message: &str) {
    // The session is held outside the map: a handler run during the dispatch (at a pause)
    // may connect or disconnect sessions.
    let Some(session) = inspector.sessions.borrow().get(&session).cloned() else { return };
    let has_targets = !session.target.borrow().attached.is_empty();
    if has_targets && message.contains("\"sessionId\"") && dispatch_to_target(inspector, &session, message) {
        return;
    }
    let node_method = ["\"NodeRuntime.", "\"NodeTracing.", "\"NodeWorker.", "\"Network.", "\"DOMStorage.", "\"Storage.", "\"Target."].iter().any(|domain| message.contains(domain));
    if node_method && node_domain(inspector, &session, message) {
        return;
    }
    let units: Vec<u16> = message.encode_utf16().collect();
    let async_stack_depth = if message.contains("\"Debugger.setAsyncCallStackDepth\"") { requested_async_stack_depth(message) } else { None };
    let count = &inspector.front_end_dispatches;
    count.set(count.get() + u32::from(session.front_end));
    session.v8.dispatch_protocol_message(StringView::from(&units[..]));
    count.set(count.get() - u32::from(session.front_end));
    if let Some(depth) = async_stack_depth {
        tracking(inspector, &inspector.async_task_tracking, async_tasks_tracked, || session.async_stack_depth.set(depth));
    }
}

/// The depth a Debugger.setAsyncCallStackDepth command asks for.
fn requested_async_stack_depth(message: &str) -> Option<i64> {
    let command: serde_json::Value = serde_json::from_str(message).ok()?;
    if command.get("method")?.as_str()? != "Debugger.setAsyncCallStackDepth" {
        return None;
    }
    command.get("params")?.get("maxDepth")?.as_i64()
}

fn async_tasks_tracked(inspector: &Inspector) -> bool {
    inspector.sessions.borrow().values().any(|session| session.async_stack_depth.get() > 0)
}

/// The JS functions that start and stop a kind of tracking.
struct TrackingHooks {
    start: v8::Global<v8::Function>,
    stop: v8::Global<v8::Function>,
}

/// Runs `change` (to sessions or their state); `is_tracked` says whether the tracking
/// `hooks` start and stop is wanted, and they are called when that changes.
fn tracking<T>(inspector: &Inspector, hooks: &RefCell<Option<TrackingHooks>>, is_tracked: fn(&Inspector) -> bool, change: impl FnOnce() -> T) -> T {
    let tracked_before = is_tracked(inspector);
    let outcome = change();
    let tracked = is_tracked(inspector);
    if tracked != tracked_before {
        let hook = hooks.borrow().as_ref().map(|hooks| if tracked { hooks.start.clone() } else { hooks.stop.clone() });
        if let Some(hook) = hook {
            with_isolate(&inspector.shared, |scope| {
                let hook = v8::Local::new(scope, &hook);
                let undefined = v8::undefined(scope).into();
                hook.call(scope, undefined, &[]);
            });
        }
    }
    outcome
}

const WAITING_FOR_DEBUGGER: &str = r#"{"method":"NodeRuntime.waitingForDebugger","params":{}}"#;

/// Node's own domains (which V8 does not know): whether `message` was one of their
/// commands, answered here.
fn node_domain(inspector: &Inspector, session: &Session, message: &str) -> bool {
    let Ok(serde_json::Value::Object(command)) = serde_json::from_str::<serde_json::Value>(message) else { return false };
    let Some(method) = command.get("method").and_then(|method| method.as_str()) else { return false };
    let id = command.get("id").cloned().unwrap_or(serde_json::Value::Null);
    let params = command.get("params");
    let answer = if let Some(method) = method.strip_prefix("Network.") {
        network_command(inspector, session, method, params)
    } else if let Some(method) = method.strip_prefix("DOMStorage.").filter(|_| inspector.storage_inspection) {
        match session.dom_storage.command(method, params, |is_local| stored_storage_items(inspector, is_local)) {
            Some(answer) => answer,
            None => return false,
        }
    } else if method == "Storage.getStorageKey" && inspector.storage_inspection {
        match inspector.dom_storage_source.borrow().as_ref() {
            Some((storage_key, _)) => Ok(serde_json::json!({ "storageKey": storage_key })),
            None => return false,
        }
    } else if method.starts_with("NodeRuntime.") {
        node_runtime(inspector, session, method, params)
    } else if let Some(method) = method.strip_prefix("NodeTracing.") {
        node_tracing(inspector, session, method, params)
    } else if let Some(method) = method.strip_prefix("NodeWorker.") {
        node_worker(inspector, session, method, params)
    } else if let Some(method) = method.strip_prefix("Target.").filter(|_| inspector.worker_inspection && inspector.main_thread) {
        target_command(inspector, session, method, params)
    } else {
        return false;
    };
    let reply = match answer {
        Ok(result) => serde_json::json!({"id": id, "result": result}),
        Err(error) => serde_json::json!({"id": id, "error": error}),
    };
    session.outlet.deliver(reply.to_string());
    true
}

/// The items of the program's localStorage or sessionStorage, from its JS.
fn stored_storage_items(inspector: &Inspector, is_local: bool) -> Vec<(String, String)> {
    let Some(items) = inspector.dom_storage_source.borrow().as_ref().map(|(_, items)| items.clone()) else { return Vec::new() };
    let mut json = String::new();
    with_isolate(&inspector.shared, |scope| {
        let items = v8::Local::new(scope, &items);
        let undefined = v8::undefined(scope).into();
        let is_local = v8::Boolean::new(scope, is_local).into();
        v8::tc_scope!(let tc, scope);
        if let Some(answer) = items.call(tc, undefined, &[is_local]) {
            json = answer.to_rust_string_lossy(tc);
        }
    });
    serde_json::from_str(&json).unwrap_or_default()
}

fn network_command(inspector: &Inspector, session: &Session, method: &str, params: Option<&serde_json::Value>) -> Result<serde_json::Value, serde_json::Value> {
    tracking(inspector, &inspector.network_tracking, network_enabled, || session.network.command(method, params))
}

fn remove_session(inspector: &Inspector, session: u32) {
    if trace_events::stop_collecting(session).is_some() {
        tracing_categories_changed(inspector);
    }
    if let Some(removed) = inspector.sessions.borrow().get(&session) {
        let mut attached: Vec<(u32, u32)> = std::mem::take(&mut removed.node_worker.borrow_mut().attached).into_values().collect();
        attached.extend(std::mem::take(&mut removed.target.borrow_mut().attached).into_values());
        for (thread_id, global) in attached {
            inspector.worker_sessions.borrow_mut().remove(&global);
            if let Some(inbox) = inspector.workers.borrow().get(&thread_id).and_then(|target| target.inbox.clone()) {
                inbox.send(Request::Disconnect { session: global });
            }
        }
    }
    let removed = tracking(inspector, &inspector.network_tracking, network_enabled, || inspector.sessions.borrow_mut().remove(&session));
    tracking(inspector, &inspector.async_task_tracking, async_tasks_tracked, || drop(removed));
    update_workers_wait(inspector);
}

fn network_enabled(inspector: &Inspector) -> bool {
    inspector.sessions.borrow().values().any(|session| session.network.enabled())
}

/// Node's NodeRuntime domain.
fn node_runtime(inspector: &Inspector, session: &Session, method: &str, params: Option<&serde_json::Value>) -> Result<serde_json::Value, serde_json::Value> {
    let answer = match method {
        "NodeRuntime.enable" => {
            session.node_runtime_enabled.set(true);
            if inspector.shared.waiting_for_debugger.get() {
                session.outlet.deliver(WAITING_FOR_DEBUGGER.into());
            }
            Ok(())
        }
        "NodeRuntime.disable" => {
            session.node_runtime_enabled.set(false);
            Ok(())
        }
        "NodeRuntime.notifyWhenWaitingForDisconnect" => match params.map(|params| params.get("enabled").map(|enabled| enabled.as_bool())) {
            Some(Some(Some(enabled))) => {
                session.notify_waiting_for_disconnect.set(enabled);
                Ok(())
            }
            None => Err(serde_json::json!({"code": -32602, "message": "Invalid parameters", "data": "Failed to deserialize params - CBOR: map start expected at position 0"})),
            Some(_) => Err(serde_json::json!({"code": -32602, "message": "Invalid parameters", "data": "Failed to deserialize params.enabled - BINDINGS: bool value expected"})),
        },
        _ => Err(serde_json::json!({"code": -32601, "message": format!("'{method}' wasn't found")})),
    };
    answer.map(|()| serde_json::json!({}))
}

/// Node's NodeTracing domain: a session records the trace events of the categories it
/// names, and has them (in one chunk, then the metadata alone, as node's writer flushes
/// twice as it is removed) when it stops.
fn node_tracing(inspector: &Inspector, session: &Session, method: &str, params: Option<&serde_json::Value>) -> Result<serde_json::Value, serde_json::Value> {
    let invalid_request = |message: &str| serde_json::json!({"code": -32600, "message": message});
    match method {
        "getCategories" => Ok(serde_json::json!({ "categories": trace_events::CATEGORIES })),
        "start" => {
            let Some(config) = params.and_then(|params| params.get("traceConfig")) else {
                return Err(serde_json::json!({"code": -32602, "message": "Invalid parameters", "data": "Failed to deserialize params.traceConfig - BINDINGS: mandatory field missing"}));
            };
            let Some(included) = config.get("includedCategories").and_then(|included| included.as_array()) else {
                return Err(serde_json::json!({"code": -32602, "message": "Invalid parameters", "data": "Failed to deserialize params.traceConfig.includedCategories - BINDINGS: array expected"}));
            };
            let Some(categories) = included.iter().map(|category| category.as_str().map(str::to_string)).collect::<Option<std::collections::BTreeSet<_>>>() else {
                return Err(serde_json::json!({"code": -32602, "message": "Invalid parameters", "data": "Failed to deserialize params.traceConfig.includedCategories - BINDINGS: string value expected"}));
            };
            if trace_events::is_collecting(session.outlet.session) {
                return Err(invalid_request("Call NodeTracing::end to stop tracing before updating the config"));
            }
            if !inspector.main_thread {
                return Err(invalid_request("Tracing properties can only be changed through main thread sessions"));
            }
            if categories.is_empty() {
                return Err(invalid_request("At least one category should be enabled"));
            }
            trace_events::start_collecting(session.outlet.session, categories);
            tracing_categories_changed(inspector);
            Ok(serde_json::json!({}))
        }
        "stop" => {
            if let Some((events, metadata)) = trace_events::stop_collecting(session.outlet.session) {
                tracing_categories_changed(inspector);
                let chunk = |events: &[String]| format!(r#"{{"method":"NodeTracing.dataCollected","params":{{"value":[{}]}}}}"#, events.join(","));
                session.outlet.deliver(chunk(&[events, metadata.clone()].concat()));
                session.outlet.deliver(chunk(&metadata));
            }
            session.outlet.deliver(r#"{"method":"NodeTracing.tracingComplete","params":{}}"#.into());
            Ok(serde_json::json!({}))
        }
        _ => Err(serde_json::json!({"code": -32601, "message": format!("'NodeTracing.{method}' wasn't found")})),
    }
}

/// The thread's JS hears the recorded categories changed (its async_hooks tracer, the
/// process's metadata), as after a Tracing object's.
fn tracing_categories_changed(inspector: &Inspector) {
    with_isolate(&inspector.shared, |scope| {
        let state = RuntimeState::get(scope);
        let Some((internals, require)) = state.internal_function(scope, Internal::RequireBuiltin) else { return };
        let module = v8::String::new(scope, "internal/trace_events").unwrap().into();
        let Some(exports) = require.call(scope, internals.into(), &[module]).and_then(|exports| exports.to_object(scope)) else { return };
        let name = v8::String::new(scope, "categoriesChanged").unwrap();
        if let Some(changed) = exports.get(scope, name.into()).and_then(|changed| v8::Local::<v8::Function>::try_from(changed).ok()) {
            changed.call(scope, exports.into(), &[]);
        }
    });
}

fn has_remote_sessions(isolate: &v8::Isolate) -> bool {
    get(isolate).is_some_and(|inspector| inspector.sessions.borrow().values().any(|session| session.remote))
}

/// Blocks the (paused or waiting) thread until other threads' requests arrive, and runs
/// them; false once the thread is stopped (a worker's terminate()), when waits end.
fn wait_for_requests(scope: &mut v8::PinScope) -> bool {
    let Some(inspector) = get(scope) else { return false };
    let inbox = &inspector.inbox;
    {
        let mut requests = inbox.requests.lock().unwrap();
        while requests.is_empty() && !inbox.interrupted.load(Ordering::Acquire) {
            requests = inbox.arrived.wait(requests).unwrap();
        }
    }
    take_requests(scope);
    !inbox.interrupted.load(Ordering::Acquire)
}

/// Runs the requests other threads sent to this thread's inspector.
fn take_requests(scope: &mut v8::PinScope) {
    let Some(inspector) = get(scope) else { return };
    for request in inspector.inbox.take() {
        match request {
            Request::Connect { session, peer } => connect_session(&inspector, session, Peer::Remote(peer)),
            Request::Dispatch { session, message } => dispatch_to_session(&inspector, session, &message),
            Request::Disconnect { session } => remove_session(&inspector, session),
        }
    }
}

/// Hands over the replies this thread's sessions on other threads' inspectors have waiting.
fn deliver_replies(scope: &mut v8::PinScope) {
    let Some(inspector) = get(scope) else { return };
    loop {
        let Some((session, text)) = inspector.inbox.replies.lock().unwrap().pop_front() else { return };
        deliver_from_other_thread(scope, session, text);
    }
}

/// The interrupt of a reply: a microtask that hands the replies over (JS is not called from
/// the interrupt itself).
unsafe extern "C" fn queue_replies(mut isolate_ptr: v8::UnsafeRawIsolatePtr, _data: *mut std::ffi::c_void) {
    // SAFETY: V8 runs interrupts on the isolate's thread, inside its JS.
    let isolate = unsafe { v8::Isolate::ref_from_raw_isolate_ptr_mut_unchecked(&mut isolate_ptr) };
    let Some(context) = get(isolate).map(|inspector| inspector.context.clone()) else { return };
    v8::scope_with_context!(let scope, isolate, &context);
    let Some(microtask) = v8::Function::new(scope, |scope: &mut v8::PinScope, _: v8::FunctionCallbackArguments, _: v8::ReturnValue| deliver_replies(scope)) else { return };
    scope.enqueue_microtask(microtask);
}

/// A message of this thread's session on another thread's inspector: a worker's session on
/// the main thread, or a NodeWorker session on a worker (for the session it belongs to).
fn deliver_from_other_thread(scope: &mut v8::PinScope, session: u32, text: String) {
    let Some(inspector) = get(scope) else { return };
    let callback = inspector.main_thread_sessions.borrow().get(&session).cloned();
    if let Some(callback) = callback {
        return call_with_message(scope, &callback, &text);
    }
    let Some((owner, text)) = inspector.worker_sessions.borrow().get(&session).map(|(owner, attached)| match attached {
        WorkerSession::NodeWorker(id) => {
            let event = serde_json::json!({"method": "NodeWorker.receivedMessageFromWorker", "params": {"sessionId": id, "message": text}});
            (*owner, event.to_string())
        }
        WorkerSession::Target(id) => (*owner, with_session_id(&text, id)),
    }) else {
        return;
    };
    let Some(owner) = inspector.sessions.borrow().get(&owner).cloned() else { return };
    owner.outlet.deliver(text);
}

/// A Target session's message as its front end has it: with the session's id last.
fn with_session_id(text: &str, id: &str) -> String {
    match text.trim_end().strip_suffix('}') {
        Some(body) => format!("{body},\"sessionId\":{}}}", serde_json::Value::from(id)),
        None => text.to_string(),
    }
}

// ---- natives ----

/// The natives of node:inspector (`binding.inspector()`).
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "connect" => connect,
        "connectToMainThread" => connect_to_main_thread,
        "dispatch" => dispatch,
        "disconnect" => disconnect,
        "consoleCall" => console_call,
        "waitForDebugger" => wait_for_debugger,
        "open" => open,
        "close" => close,
        "url" => url,
        "isEnabled" => is_enabled,
        "callAndPauseOnStart" => call_and_pause_on_start,
        "breaksOnStart" => breaks_on_start,
        "getDebugPort" => get_debug_port,
        "setDebugPort" => set_debug_port,
        "emitNetworkEvent" => emit_network_event,
        "hasSessions" => has_sessions,
        "emitDomStorageEvent" => emit_dom_storage_event,
        "setDomStorageSource" => set_dom_storage_source,
        "networkEnabled" => network_enabled_native,
        "networkRequestKnown" => network_request_known,
        "setNetworkTracking" => set_network_tracking,
        "setAsyncTaskTracking" => set_async_task_tracking,
        "asyncTaskScheduled" => async_task_scheduled,
        "asyncTaskStarted" => async_task_started,
        "asyncTaskFinished" => async_task_finished,
        "asyncTaskCanceled" => async_task_canceled,
    });
    rv.set(object.into());
}

/// connect(onMessage): a new session on this thread; its id.
fn connect(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(callback) = v8::Local::<v8::Function>::try_from(args.get(0)) else { return };
    let Some(inspector) = get(scope) else { return };
    let session = NEXT_SESSION.fetch_add(1, Ordering::Relaxed);
    connect_session(&inspector, session, Peer::Local(v8::Global::new(scope, callback)));
    rv.set_uint32(session);
}

/// connectToMainThread(onMessage): a worker's session on the main thread's inspector.
fn connect_to_main_thread(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let (Some(main), Ok(callback)) = (MAIN_THREAD.get(), v8::Local::<v8::Function>::try_from(args.get(0))) else { return };
    let Some(inspector) = get(scope) else { return };
    let session = NEXT_SESSION.fetch_add(1, Ordering::Relaxed);
    inspector.main_thread_sessions.borrow_mut().insert(session, v8::Global::new(scope, callback));
    main.send(Request::Connect { session, peer: RemotePeer::Thread(inspector.inbox.clone()) });
    rv.set_uint32(session);
}

/// dispatch(session, message): a protocol message for the session; the messages V8 answers
/// with reach the session before this returns (a worker's, once the main thread took it).
fn dispatch(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(inspector) = get(scope) else { return };
    let session = args.get(0).uint32_value(scope).unwrap_or(0);
    let message = args.get(1).to_rust_string_lossy(scope);
    if inspector.main_thread_sessions.borrow().contains_key(&session) {
        // As in node, waiting for the answer does not keep the worker alive.
        if let Some(main) = MAIN_THREAD.get() {
            main.send(Request::Dispatch { session, message });
        }
        return;
    }
    dispatch_to_session(&inspector, session, &message);
}

/// disconnect(session).
fn disconnect(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(inspector) = get(scope) else { return };
    let session = args.get(0).uint32_value(scope).unwrap_or(0);
    if inspector.main_thread_sessions.borrow_mut().remove(&session).is_some() {
        if let Some(main) = MAIN_THREAD.get() {
            main.send(Request::Disconnect { session });
        }
        return;
    }
    remove_session(&inspector, session);
}

/// consoleCall(inspectorMethod, nodeMethod, ...args), bound to a console: the method of V8's
/// console (which reports to the sessions) while a session is connected or the server runs,
/// then node's. A
/// native, so the console's stack traces start at its caller.
fn console_call(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let this = args.this().into();
    let call_args: Vec<v8::Local<v8::Value>> = (2..args.length()).map(|index| args.get(index)).collect();
    // As node's, while a session is connected or the server runs.
    let active = get(scope).is_some_and(|inspector| !inspector.sessions.borrow().is_empty() || inspector.server.borrow().is_some());
    if active {
        if let Ok(inspector_method) = v8::Local::<v8::Function>::try_from(args.get(0)) {
            if inspector_method.call(scope, this, &call_args).is_none() {
                return;
            }
        }
    }
    if let Ok(node_method) = v8::Local::<v8::Function>::try_from(args.get(1)) {
        if let Some(result) = node_method.call(scope, this, &call_args) {
            rv.set(result);
        }
    }
}

/// waitForDebugger(): false when no session is connected and no server runs; else blocks
/// until a session sends Runtime.runIfWaitingForDebugger, which only another thread's
/// session (a worker's on the main thread, the main thread's NodeWorker session on a worker) or a
/// front end (connected already or later) can while this thread waits, as in node.
fn wait_for_debugger(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let has_sessions = get(scope).is_some_and(|inspector| !inspector.sessions.borrow().is_empty());
    if !has_sessions && !server_running(scope) {
        return rv.set_bool(false);
    }
    wait_for_front_end(scope);
    rv.set_bool(true);
}

/// open(port, host): starts the server (a port number or host string given is kept for
/// later starts, as node keeps them); a failure to listen is only printed.
fn open(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    if super::permission::throw_if_denied(scope, super::permission::Scope::Inspector, "StartIoThread") {
        return;
    }
    let state = RuntimeState::get(scope);
    let Some(inspector) = get(scope) else { return };
    let mut at = host_port(&inspector, &state);
    if args.get(0).is_uint32() {
        at.port = args.get(0).uint32_value(scope).unwrap_or(0) as u16;
    }
    if args.get(1).is_string() {
        at.host = args.get(1).to_rust_string_lossy(scope);
    }
    *inspector.host_port.borrow_mut() = Some(at);
    if inspector.server.borrow().is_none() {
        start_server(&inspector, &state);
    }
}

/// close(): stops the server and ends its front ends' connections.
/// Ends the server and its connections. When JS run by a front end's message (an evaluation
/// at a pause) calls it, node's close() cannot end that front end from within its message:
/// it blocks until the front ends go by themselves, the message's reply held back till then.
fn close(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(inspector) = get(scope) else { return };
    let Some(server) = inspector.server.borrow_mut().take() else { return };
    if inspector.front_end_dispatches.get() > 0 {
        server.stop_listening();
        while has_front_ends(scope) {
            wait_for_requests(scope);
        }
    }
    server.stop();
}

/// url(): the front ends' WebSocket URL while the server runs.
fn url(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(url) = get(scope).and_then(|inspector| inspector.server.borrow().as_ref().map(Server::url)) else { return };
    rv.set(v8::String::new(scope, &url).unwrap().into());
}

fn is_enabled(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    rv.set_bool(server_running(scope));
}

/// callAndPauseOnStart(fn, thisArg, ...args): calls `fn`, with every session set to pause at
/// its first statement when this is the first user code run under --inspect-brk (refused
/// without the permission model's inspector grant).
fn call_and_pause_on_start(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    if super::permission::throw_if_denied(scope, super::permission::Scope::Inspector, "PauseOnNextJavascriptStatement") {
        return;
    }
    let Ok(function) = v8::Local::<v8::Function>::try_from(args.get(0)) else { return };
    if let Some(inspector) = get(scope).filter(|inspector| inspector.shared.break_on_start.replace(false)) {
        let reason: Vec<u16> = "Break on start".encode_utf16().collect();
        for session in inspector.sessions.borrow().values() {
            session.v8.schedule_pause_on_next_statement(StringView::from(&reason[..]), StringView::empty());
        }
    }
    let call_args: Vec<v8::Local<v8::Value>> = (2..args.length()).map(|index| args.get(index)).collect();
    if let Some(result) = function.call(scope, args.get(1), &call_args) {
        rv.set(result);
    }
}

/// breaksOnStart(): whether the first user code run pauses (a worker a debugger waited for).
fn breaks_on_start(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    rv.set_bool(get(scope).is_some_and(|inspector| inspector.shared.break_on_start.get()));
}

/// process.debugPort: the server's port while it runs, else the one it would take.
fn get_debug_port(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(inspector) = get(scope) else { return };
    let running = inspector.server.borrow().as_ref().map(Server::port);
    rv.set_uint32(u32::from(running.unwrap_or_else(|| host_port(&inspector, &RuntimeState::get(scope)).port)));
}

/// process.debugPort = port (checked by the JS side).
fn set_debug_port(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let port = args.get(0).uint32_value(scope).unwrap_or(0) as u16;
    let Some(inspector) = get(scope) else { return };
    let mut at = host_port(&inspector, &RuntimeState::get(scope));
    at.port = port;
    *inspector.host_port.borrow_mut() = Some(at);
}

/// emitNetworkEvent(name, requestId, paramsJson, charset, data, hasPostData): an event of node's Network
/// domain for the sessions that enabled it (the newest first, as node's order is).
fn emit_network_event(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(inspector) = get(scope) else { return };
    let data = v8::Local::<v8::ArrayBufferView>::try_from(args.get(4)).ok().map(|view| super::bindings::view_bytes(&view));
    let charset = if args.get(3).is_string() { args.get(3).to_rust_string_lossy(scope) } else { String::new() };
    let event = NetworkEvent {
        name: args.get(0).to_rust_string_lossy(scope),
        request_id: args.get(1).to_rust_string_lossy(scope),
        params: args.get(2).to_rust_string_lossy(scope),
        charset,
        has_post_data: args.get(5).is_true(),
        data,
    };
    let mut sessions: Vec<(u32, Rc<Session>)> = inspector.sessions.borrow().iter().map(|(id, session)| (*id, session.clone())).collect();
    sessions.sort_by(|a, b| b.0.cmp(&a.0));
    for (_, session) in sessions {
        if let Some(message) = session.network.event(&event) {
            session.outlet.deliver(message);
        }
    }
}

/// hasSessions(): whether any session is connected (node's DOMStorage events are checked and
/// sent only then).
fn has_sessions(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    rv.set_bool(get(scope).is_some_and(|inspector| !inspector.sessions.borrow().is_empty()));
}

/// emitDomStorageEvent(name, paramsJson): an event of node's DOMStorage domain for every
/// session, the newest first; registerStorage's items (`[isLocalStorage, [[key, value]...]]`)
/// are kept by each session's agent instead.
fn emit_dom_storage_event(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(inspector) = get(scope) else { return };
    let name = args.get(0).to_rust_string_lossy(scope);
    let params = args.get(1).to_rust_string_lossy(scope);
    let mut sessions: Vec<(u32, Rc<Session>)> = inspector.sessions.borrow().iter().map(|(id, session)| (*id, session.clone())).collect();
    sessions.sort_by(|a, b| b.0.cmp(&a.0));
    if name == "registerStorage" {
        let Ok((is_local, items)) = serde_json::from_str::<(bool, Vec<(String, String)>)>(&params) else { return };
        for (_, session) in sessions {
            session.dom_storage.register(is_local, &items);
        }
        return;
    }
    for (_, session) in sessions {
        session.outlet.deliver(format!(r#"{{"method":"DOMStorage.{name}","params":{params}}}"#));
    }
}

/// setDomStorageSource(storageKey, items): the program's storage key, and the function that
/// gives its localStorage's (items(true)) or sessionStorage's items as JSON.
fn set_dom_storage_source(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(inspector) = get(scope) else { return };
    let storage_key = args.get(0).to_rust_string_lossy(scope);
    let Ok(items) = v8::Local::<v8::Function>::try_from(args.get(1)) else { return };
    *inspector.dom_storage_source.borrow_mut() = Some((storage_key, v8::Global::new(scope, items)));
}

/// networkEnabled(): whether a session has the Network domain on (node checks an event's
/// params only then).
fn network_enabled_native(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    rv.set_bool(get(scope).is_some_and(|inspector| network_enabled(&inspector)));
}

/// networkRequestKnown(requestId): whether a session with the domain on saw the request start.
fn network_request_known(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let request_id = args.get(0).to_rust_string_lossy(scope);
    rv.set_bool(get(scope).is_some_and(|inspector| inspector.sessions.borrow().values().any(|session| session.network.knows(&request_id))));
}

fn tracking_hooks(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> Option<TrackingHooks> {
    let start = v8::Local::<v8::Function>::try_from(args.get(0)).ok()?;
    let stop = v8::Local::<v8::Function>::try_from(args.get(1)).ok()?;
    Some(TrackingHooks { start: v8::Global::new(scope, start), stop: v8::Global::new(scope, stop) })
}

/// setNetworkTracking(start, stop): what --experimental-network-inspection calls as the
/// Network domain is first enabled and last disabled.
fn set_network_tracking(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let (Some(inspector), Some(hooks)) = (get(scope), tracking_hooks(scope, &args)) else { return };
    install_tracking(scope, &inspector.network_tracking, hooks, network_enabled(&inspector));
}

/// Keeps a kind of tracking's hooks, starting it at once if a session (one a front end
/// connected before the program started) already wants it.
fn install_tracking(scope: &mut v8::PinScope, slot: &RefCell<Option<TrackingHooks>>, hooks: TrackingHooks, tracked: bool) {
    let start = v8::Local::new(scope, &hooks.start);
    *slot.borrow_mut() = Some(hooks);
    if tracked {
        let undefined = v8::undefined(scope).into();
        start.call(scope, undefined, &[]);
    }
}

/// setAsyncTaskTracking(start, stop): what is called as the first session asks for async
/// stack traces and the last stops.
fn set_async_task_tracking(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let (Some(inspector), Some(hooks)) = (get(scope), tracking_hooks(scope, &args)) else { return };
    install_tracking(scope, &inspector.async_task_tracking, hooks, async_tasks_tracked(&inspector));
}

/// The key V8 knows an async task by: its async id, shifted so that it is never odd, as V8
/// keeps odd keys for tasks of its own (node does the same).
fn async_task_key(scope: &mut v8::PinScope, id: v8::Local<v8::Value>) -> *const std::ffi::c_void {
    let id = id.number_value(scope).unwrap_or(0.0) as usize;
    (id << 1) as *const std::ffi::c_void
}

/// asyncTaskScheduled(name, asyncId, recurring).
fn async_task_scheduled(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(inspector) = get(scope) else { return };
    let name: Vec<u16> = args.get(0).to_rust_string_lossy(scope).encode_utf16().collect();
    let task = async_task_key(scope, args.get(1));
    // SAFETY: the key is an opaque number V8 only compares.
    unsafe { inspector.v8.async_task_scheduled(StringView::from(&name[..]), task, args.get(2).is_true()) };
}

/// asyncTaskStarted(asyncId).
fn async_task_started(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(inspector) = get(scope) else { return };
    let task = async_task_key(scope, args.get(0));
    // SAFETY: as in async_task_scheduled.
    unsafe { inspector.v8.async_task_started(task) };
}

/// asyncTaskFinished(asyncId).
fn async_task_finished(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(inspector) = get(scope) else { return };
    let task = async_task_key(scope, args.get(0));
    // SAFETY: as in async_task_scheduled.
    unsafe { inspector.v8.async_task_finished(task) };
}

/// asyncTaskCanceled(asyncId).
fn async_task_canceled(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(inspector) = get(scope) else { return };
    let task = async_task_key(scope, args.get(0));
    // SAFETY: as in async_task_scheduled.
    unsafe { inspector.v8.async_task_canceled(task) };
}
