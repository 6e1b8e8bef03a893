//! Native half of `child_process.spawn` and `fork`: the child runs under tokio::process; its
//! output, input completions and exit come back to the JS thread as loop tasks calling the
//! internal `childEvent(id, kind, a, b)`. A forked child also gets an IPC channel (a socket
//! pair, at the fd node puts it and named by NODE_CHANNEL_FD); a process started that way
//! opens its end as the pseudo-child 0, so both sides share this machinery.

use super::internals::Internal;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc;

use super::bindings::uint8_array;
use super::os::{bytes_of, spawn_error, stdio, string_list};
use super::tasks::TaskSender;
use super::RuntimeState;

/// A running child as the JS thread sees it.
struct Child {
    /// Input for the child's stdin (fd 0) and IPC channel, by fd: bytes with their write
    /// request id; dropping one closes it.
    inputs: HashMap<i32, mpsc::UnboundedSender<(Vec<u8>, f64)>>,
    /// Whether the child keeps the loop alive (ChildProcess.ref/unref).
    refed: bool,
}

thread_local! {
    static CHILDREN: RefCell<HashMap<u32, Child>> = RefCell::new(HashMap::new());
}

/// What the tasks of one child report.
enum Event {
    Output { fd: i32, chunk: Option<Vec<u8>> },
    Written { request: f64, error: Option<std::io::Error> },
    Exit { code: Option<i32>, signal: Option<i32> },
}

fn post(tasks: &TaskSender, id: u32, event: Event) {
    let _ = tasks.send(Box::new(move |scope: &mut v8::PinScope| deliver(scope, id, event)));
}

fn deliver(scope: &mut v8::PinScope, id: u32, event: Event) {
    let id_value = v8::Integer::new_from_unsigned(scope, id).into();
    let (kind, a, b): (&str, v8::Local<v8::Value>, v8::Local<v8::Value>) = match event {
        Event::Output { fd, chunk } => {
            let chunk = match chunk {
                Some(bytes) => uint8_array(scope, bytes).into(),
                None => v8::null(scope).into(),
            };
            ("output", v8::Integer::new(scope, fd).into(), chunk)
        }
        Event::Written { request, error } => {
            let error = match error {
                Some(error) => super::bindings::system_error(scope, &error, "write", None, None).into(),
                None => v8::null(scope).into(),
            };
            ("written", v8::Number::new(scope, request).into(), error)
        }
        Event::Exit { code, signal } => {
            let state = RuntimeState::get(scope);
            if CHILDREN.with(|children| children.borrow_mut().remove(&id)).is_some_and(|child| child.refed) {
                state.native_refs.set(state.native_refs.get() - 1);
            }
            let code = code.map_or_else(|| v8::null(scope).into(), |code| v8::Integer::new(scope, code).into());
            let signal = signal.map_or_else(|| v8::null(scope).into(), |signal| v8::String::new(scope, super::os::signal_name(signal)).unwrap().into());
            ("exit", code, signal)
        }
    };
    let kind = v8::String::new(scope, kind).unwrap().into();
    super::call_internal(scope, Internal::ChildEvent, &[id_value, kind, a, b]);
}

async fn pump(mut pipe: impl tokio::io::AsyncRead + Unpin, fd: i32, id: u32, tasks: TaskSender) {
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        match pipe.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(count) => post(&tasks, id, Event::Output { fd, chunk: Some(chunk[..count].to_vec()) }),
        }
    }
    post(&tasks, id, Event::Output { fd, chunk: None });
}

/// Writes what JS queues for one of a child's inputs, reporting each write.
fn writer(
    state: &RuntimeState,
    mut pipe: impl tokio::io::AsyncWrite + Unpin + Send + 'static,
    id: u32,
) -> mpsc::UnboundedSender<(Vec<u8>, f64)> {
    let (sender, mut receiver) = mpsc::unbounded_channel::<(Vec<u8>, f64)>();
    let tasks = state.tasks_tx.clone();
    state.tokio.spawn(async move {
        while let Some((bytes, request)) = receiver.recv().await {
            let error = pipe.write_all(&bytes).await.err();
            post(&tasks, id, Event::Written { request, error });
        }
    });
    sender
}

/// A socket end for tokio (it must be made inside the runtime).
fn ipc_stream(state: &RuntimeState, socket: std::os::unix::net::UnixStream) -> std::io::Result<tokio::net::UnixStream> {
    socket.set_nonblocking(true)?;
    let _entered = state.tokio.enter();
    tokio::net::UnixStream::from_std(socket)
}

/// spawn(id, file, args, cwd, env, [stdin, stdout, stderr], argv0, ipcFd): the pid, or
/// { error: errno name, errno } when the child could not start. With an ipcFd (>= 0) the
/// child gets an IPC channel there.
pub(super) fn spawn(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let file = args.get(1).to_rust_string_lossy(scope);
    let argv = string_list(scope, args.get(2));
    let cwd = (!args.get(3).is_null_or_undefined()).then(|| args.get(3).to_rust_string_lossy(scope));
    let env = string_list(scope, args.get(4));
    let modes = string_list(scope, args.get(5));
    let mode = |i: usize| modes.get(i).map(String::as_str).unwrap_or("pipe");

    let mut command = tokio::process::Command::new(&file);
    command.args(&argv).env_clear().kill_on_drop(false);
    if !args.get(6).is_null_or_undefined() {
        std::os::unix::process::CommandExt::arg0(command.as_std_mut(), args.get(6).to_rust_string_lossy(scope));
    }
    for pair in env {
        if let Some((key, value)) = pair.split_once('=') {
            command.env(key, value);
        }
    }
    if let Some(cwd) = cwd {
        command.current_dir(cwd);
    }
    command.stdin(stdio(mode(0))).stdout(stdio(mode(1))).stderr(stdio(mode(2)));
    let ipc_fd = args.get(7).int32_value(scope).filter(|fd| *fd >= 0);
    let ipc = match ipc_fd.map(|fd| std::os::unix::net::UnixStream::pair().map(|pair| (fd, pair))).transpose() {
        Ok(ipc) => ipc,
        Err(error) => return rv.set(spawn_error(scope, &error).into()),
    };
    if let Some((fd, (_, child_end))) = &ipc {
        use std::os::fd::AsRawFd;
        let (fd, child_end) = (*fd, child_end.as_raw_fd());
        command.env("NODE_CHANNEL_FD", fd.to_string()).env("NODE_CHANNEL_SERIALIZATION_MODE", "json");
        // SAFETY: dup2 and fcntl are async-signal-safe; only the child's fd table changes.
        unsafe {
            command.pre_exec(move || {
                let result = if child_end == fd {
                    libc::fcntl(fd, libc::F_SETFD, 0)
                } else {
                    libc::dup2(child_end, fd)
                };
                if result < 0 { Err(std::io::Error::last_os_error()) } else { Ok(()) }
            });
        }
    }

    let state = RuntimeState::get(scope);
    let spawned = {
        let _entered = state.tokio.enter();
        command.spawn()
    };
    let mut child = match spawned {
        Ok(child) => child,
        Err(error) => return rv.set(spawn_error(scope, &error).into()),
    };
    let pid = child.id().unwrap_or(0) as i32;
    let tasks = state.tasks_tx.clone();
    let mut inputs = HashMap::new();
    if let Some(pipe) = child.stdin.take() {
        inputs.insert(0, writer(&state, pipe, id));
    }
    let stdout = child.stdout.take().map(|pipe| state.tokio.spawn(pump(pipe, 1, id, tasks.clone())));
    let stderr = child.stderr.take().map(|pipe| state.tokio.spawn(pump(pipe, 2, id, tasks.clone())));
    // The parent's end of the channel; the child's closes here, after the fork.
    let channel = ipc.and_then(|(fd, (parent_end, _))| Some((fd, ipc_stream(&state, parent_end).ok()?)));
    let ipc_reader = channel.map(|(fd, stream)| {
        let (read, write) = stream.into_split();
        inputs.insert(fd, writer(&state, write, id));
        state.tokio.spawn(pump(read, fd, id, tasks.clone()))
    });
    state.tokio.spawn(async move {
        use std::os::unix::process::ExitStatusExt;
        let status = child.wait().await;
        // Output read before the exit is delivered first, as libuv's pipes usually are.
        for reader in [stdout, stderr, ipc_reader].into_iter().flatten() {
            let _ = tokio::time::timeout(std::time::Duration::from_millis(50), reader).await;
        }
        let (code, signal) = status.map_or((None, None), |status| (status.code(), status.signal()));
        post(&tasks, id, Event::Exit { code, signal });
    });
    state.native_refs.set(state.native_refs.get() + 1);
    CHILDREN.with(|children| children.borrow_mut().insert(id, Child { inputs, refed: true }));
    rv.set(v8::Integer::new(scope, pid).into());
}

/// ipcOpen(fd): opens this process's end of the IPC channel its parent made (NODE_CHANNEL_FD)
/// as the pseudo-child 0; it does not keep the loop alive by itself.
pub(super) fn ipc_open(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    use std::os::fd::FromRawFd;
    let fd = args.get(0).int32_value(scope).unwrap_or(-1);
    // SAFETY: fcntl only checks that the fd is open; then the socket owns it.
    if fd < 0 || unsafe { libc::fcntl(fd, libc::F_GETFD) } < 0 {
        return rv.set(v8::Boolean::new(scope, false).into());
    }
    let state = RuntimeState::get(scope);
    let socket = unsafe { std::os::unix::net::UnixStream::from_raw_fd(fd) };
    let Ok(stream) = ipc_stream(&state, socket) else { return rv.set(v8::Boolean::new(scope, false).into()) };
    let (read, write) = stream.into_split();
    let inputs = HashMap::from([(fd, writer(&state, write, 0))]);
    state.tokio.spawn(pump(read, fd, 0, state.tasks_tx.clone()));
    CHILDREN.with(|children| children.borrow_mut().insert(0, Child { inputs, refed: false }));
    rv.set(v8::Boolean::new(scope, true).into());
}

/// childWrite(id, bytes, request, fd): queues bytes for a child's input (stdin, or its IPC
/// channel); false once that is closed.
pub(super) fn child_write(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let bytes = bytes_of(args.get(1)).unwrap_or_default();
    let request = args.get(2).number_value(scope).unwrap_or(0.0);
    let fd = args.get(3).int32_value(scope).unwrap_or(0);
    let sent = CHILDREN.with(|children| {
        children.borrow().get(&id).and_then(|child| child.inputs.get(&fd)).is_some_and(|input| input.send((bytes, request)).is_ok())
    });
    rv.set(v8::Boolean::new(scope, sent).into());
}

/// childCloseInput(id, fd): closes a child's input after what was queued.
pub(super) fn child_close_input(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let fd = args.get(1).int32_value(scope).unwrap_or(0);
    CHILDREN.with(|children| {
        if let Some(child) = children.borrow_mut().get_mut(&id) {
            child.inputs.remove(&fd);
        }
    });
}

/// childRef(id, refed): whether the child keeps the loop alive.
pub(super) fn child_ref(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let refed = args.get(1).is_true();
    let state: Rc<RuntimeState> = RuntimeState::get(scope);
    CHILDREN.with(|children| {
        if let Some(child) = children.borrow_mut().get_mut(&id) {
            if child.refed != refed {
                child.refed = refed;
                let count = state.native_refs.get();
                state.native_refs.set(if refed { count + 1 } else { count - 1 });
            }
        }
    });
}

/// kill(pid, signal): kill(2); 0 or the negative errno.
pub(super) fn kill(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let pid = args.get(0).int32_value(scope).unwrap_or(0);
    let signal = args.get(1).int32_value(scope).unwrap_or(libc::SIGTERM);
    // SAFETY: kill(2) with caller-supplied numbers.
    let result = unsafe { libc::kill(pid, signal) };
    let value = if result == 0 { 0 } else { -std::io::Error::last_os_error().raw_os_error().unwrap_or(0) };
    rv.set(v8::Integer::new(scope, value).into());
}
