//! Native half of `child_process.spawn` and `fork`. A child's stdio pipes are socket pairs,
//! as libuv makes them: the child gets one end at its fd, the parent's end goes to JS, which
//! wraps it as a `net` handle (net.Socket). The exit and the IPC channel come back to the JS
//! thread as loop tasks calling the internal `childEvent(id, kind, a, b)`. A forked child's IPC
//! channel (a socket pair at the fd named by NODE_CHANNEL_FD) carries bytes and, with
//! SCM_RIGHTS, descriptors (the handles `send()` passes); a process started that way opens its
//! end as the pseudo-child 0, so both sides share this machinery.

use super::internals::Internal;
use std::cell::RefCell;
use std::collections::HashMap;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, IntoRawFd, OwnedFd, RawFd};
use std::rc::Rc;
use std::sync::Arc;

use tokio::io::Interest;
use tokio::net::UnixStream;
use tokio::sync::mpsc;

use super::bindings::uint8_array;
use super::os::{bytes_of, spawn_error, string_list};
use super::tasks::TaskSender;
use super::RuntimeState;
use super::bindings::binding_object;

/// Bytes for the channel with their write request id and a descriptor to pass along.
type IpcWrite = (Vec<u8>, f64, Option<OwnedFd>);

struct Channel {
    fd: RawFd,
    /// Writes handed to the writer task and not yet done (a write may go at once only while
    /// there are none, to keep the order).
    queued: usize,
    /// The bytes of those writes (node's writeQueueSize, which send() reports on).
    queued_bytes: usize,
    writes: mpsc::UnboundedSender<IpcWrite>,
    reader: tokio::task::JoinHandle<()>,
    refed: bool,
}

/// A running child (or, as id 0, this process's channel to its parent) as the JS thread sees it.
#[derive(Default)]
struct Child {
    /// Whether the child's exit keeps the loop alive (ChildProcess.ref/unref); false for id 0.
    refed: bool,
    exited: bool,
    channel: Option<Channel>,
}

thread_local! {
    static CHILDREN: RefCell<HashMap<u32, Child>> = RefCell::new(HashMap::new());
}

/// What the tasks of one child report.
enum Event {
    Ipc { chunk: Option<Vec<u8>>, fds: Vec<RawFd> },
    /// `queued`: the size of a write that went through the writer task.
    IpcWritten { request: f64, error: Option<io::Error>, queued: Option<usize> },
    Exit { code: Option<i32>, signal: Option<i32> },
}

fn post(tasks: &TaskSender, id: u32, event: Event) {
    let _ = tasks.send(Box::new(move |scope: &mut v8::PinScope| deliver(scope, id, event)));
}

fn adjust_refs(state: &RuntimeState, delta: i64) {
    state.native_refs.set((state.native_refs.get() as i64 + delta) as _);
}

fn deliver(scope: &mut v8::PinScope, id: u32, event: Event) {
    let id_value = v8::Integer::new_from_unsigned(scope, id).into();
    let state = RuntimeState::get(scope);
    let (kind, a, b): (&str, v8::Local<v8::Value>, v8::Local<v8::Value>) = match event {
        Event::Ipc { chunk, fds } => {
            let Some(chunk) = chunk else {
                drop_channel(&state, id);
                let null = v8::null(scope).into();
                let kind = v8::String::new(scope, "ipcEnd").unwrap().into();
                super::call_internal(scope, Internal::ChildEvent, &[id_value, kind, null, null]);
                return;
            };
            let fds: Vec<v8::Local<v8::Value>> = fds.iter().map(|fd| v8::Integer::new(scope, *fd).into()).collect();
            let fds = v8::Array::new_with_elements(scope, &fds).into();
            ("ipc", uint8_array(scope, chunk).into(), fds)
        }
        Event::IpcWritten { request, error, queued } => {
            adjust_refs(&state, -1);
            if let Some(size) = queued {
                CHILDREN.with(|children| {
                    if let Some(channel) = children.borrow_mut().get_mut(&id).and_then(|child| child.channel.as_mut()) {
                        channel.queued -= 1;
                        channel.queued_bytes -= size;
                    }
                });
            }
            let error = match error {
                Some(error) => super::bindings::system_error(scope, &error, "write", None, None).into(),
                None => v8::null(scope).into(),
            };
            ("ipcWritten", v8::Number::new(scope, request).into(), error)
        }
        Event::Exit { code, signal } => {
            let refed = CHILDREN.with(|children| {
                let mut children = children.borrow_mut();
                let child = children.get_mut(&id)?;
                let refed = std::mem::take(&mut child.refed);
                child.exited = true;
                if child.channel.is_none() {
                    children.remove(&id);
                }
                Some(refed)
            });
            if refed == Some(true) {
                adjust_refs(&state, -1);
            }
            let code = code.map_or_else(|| v8::null(scope).into(), |code| v8::Integer::new(scope, code).into());
            let signal = signal.map_or_else(|| v8::null(scope).into(), |signal| v8::String::new(scope, super::os::signal_name(signal)).unwrap().into());
            ("exit", code, signal)
        }
    };
    let kind = v8::String::new(scope, kind).unwrap().into();
    super::call_internal(scope, Internal::ChildEvent, &[id_value, kind, a, b]);
}

/// Forgets a child's channel (closed by either side), releasing its hold on the loop.
fn drop_channel(state: &RuntimeState, id: u32) {
    let channel = CHILDREN.with(|children| {
        let mut children = children.borrow_mut();
        let child = children.get_mut(&id)?;
        let channel = child.channel.take();
        // An exited child (or the parent channel) has nothing left here.
        if child.exited || id == 0 {
            children.remove(&id);
        }
        channel
    });
    if let Some(channel) = channel {
        channel.reader.abort();
        if channel.refed {
            adjust_refs(state, -1);
        }
    }
}

/// recvmsg(2): bytes and the descriptors (SCM_RIGHTS) that came with them.
fn receive(fd: RawFd, buffer: &mut [u8]) -> io::Result<(usize, Vec<RawFd>)> {
    let mut space = [0u64; 64];
    let mut iov = libc::iovec { iov_base: buffer.as_mut_ptr().cast(), iov_len: buffer.len() };
    // SAFETY: msghdr points at the locals above, recvmsg fills at most their sizes, and the
    // CMSG_* walk stays within msg_controllen.
    unsafe {
        let mut message: libc::msghdr = std::mem::zeroed();
        message.msg_iov = &mut iov;
        message.msg_iovlen = 1;
        message.msg_control = space.as_mut_ptr().cast();
        message.msg_controllen = std::mem::size_of_val(&space) as _;
        let count = libc::recvmsg(fd, &mut message, libc::MSG_CMSG_CLOEXEC);
        if count < 0 {
            return Err(io::Error::last_os_error());
        }
        let mut fds = Vec::new();
        let mut header = libc::CMSG_FIRSTHDR(&message);
        while !header.is_null() {
            if (*header).cmsg_level == libc::SOL_SOCKET && (*header).cmsg_type == libc::SCM_RIGHTS {
                let data = libc::CMSG_DATA(header) as *const RawFd;
                let length = (*header).cmsg_len as usize - libc::CMSG_LEN(0) as usize;
                for i in 0..length / std::mem::size_of::<RawFd>() {
                    fds.push(std::ptr::read_unaligned(data.add(i)));
                }
            }
            header = libc::CMSG_NXTHDR(&message, header);
        }
        Ok((count as usize, fds))
    }
}

/// sendmsg(2) of bytes with one descriptor (SCM_RIGHTS): how many bytes went.
fn send_with_fd(fd: RawFd, bytes: &[u8], passed: RawFd) -> io::Result<usize> {
    let mut space = [0u64; 4];
    let mut iov = libc::iovec { iov_base: bytes.as_ptr() as *mut _, iov_len: bytes.len() };
    // SAFETY: as in `receive`; the control buffer holds one int's header and data.
    unsafe {
        let mut message: libc::msghdr = std::mem::zeroed();
        message.msg_iov = &mut iov;
        message.msg_iovlen = 1;
        message.msg_control = space.as_mut_ptr().cast();
        message.msg_controllen = libc::CMSG_SPACE(std::mem::size_of::<RawFd>() as u32) as _;
        let header = libc::CMSG_FIRSTHDR(&message);
        (*header).cmsg_level = libc::SOL_SOCKET;
        (*header).cmsg_type = libc::SCM_RIGHTS;
        (*header).cmsg_len = libc::CMSG_LEN(std::mem::size_of::<RawFd>() as u32) as _;
        std::ptr::write_unaligned(libc::CMSG_DATA(header) as *mut RawFd, passed);
        let count = libc::sendmsg(fd, &message, libc::MSG_NOSIGNAL);
        if count < 0 { Err(io::Error::last_os_error()) } else { Ok(count as usize) }
    }
}

fn send_plain(fd: RawFd, bytes: &[u8]) -> io::Result<usize> {
    // SAFETY: send(2) from a slice we borrow.
    let count = unsafe { libc::send(fd, bytes.as_ptr().cast(), bytes.len(), libc::MSG_NOSIGNAL) };
    if count < 0 { Err(io::Error::last_os_error()) } else { Ok(count as usize) }
}

async fn channel_reader(stream: Arc<UnixStream>, id: u32, tasks: TaskSender) {
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let result = stream.async_io(Interest::READABLE, || receive(stream.as_raw_fd(), &mut buffer)).await;
        match result {
            Ok((count, fds)) if count > 0 || !fds.is_empty() => {
                post(&tasks, id, Event::Ipc { chunk: Some(buffer[..count].to_vec()), fds })
            }
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            _ => break,
        }
    }
    post(&tasks, id, Event::Ipc { chunk: None, fds: Vec::new() });
}

async fn channel_writer(stream: Arc<UnixStream>, mut writes: mpsc::UnboundedReceiver<IpcWrite>, id: u32, tasks: TaskSender) {
    while let Some((bytes, request, passed)) = writes.recv().await {
        let size = bytes.len();
        let mut rest = &bytes[..];
        let mut passed = passed;
        let mut error = None;
        while !rest.is_empty() {
            let result = stream
                .async_io(Interest::WRITABLE, || match &passed {
                    Some(handle) => send_with_fd(stream.as_raw_fd(), rest, handle.as_raw_fd()),
                    None => send_plain(stream.as_raw_fd(), rest),
                })
                .await;
            match result {
                Ok(count) => {
                    rest = &rest[count..];
                    // The descriptor went with the first bytes; ours closes here.
                    passed = None;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    error = Some(e);
                    break;
                }
            }
        }
        post(&tasks, id, Event::IpcWritten { request, error, queued: Some(size) });
    }
}

/// Opens a channel over our end of the socket pair for child `id`, reading at once.
fn open_channel(state: &RuntimeState, id: u32, socket: std::os::unix::net::UnixStream, refed: bool) -> io::Result<Channel> {
    socket.set_nonblocking(true)?;
    let stream = {
        let _entered = state.tokio.enter();
        Arc::new(UnixStream::from_std(socket)?)
    };
    let fd = stream.as_raw_fd();
    let (writes, receiver) = mpsc::unbounded_channel();
    state.tokio.spawn(channel_writer(stream.clone(), receiver, id, state.tasks_tx.clone()));
    let reader = state.tokio.spawn(channel_reader(stream, id, state.tasks_tx.clone()));
    if refed {
        adjust_refs(state, 1);
    }
    Ok(Channel { fd, queued: 0, queued_bytes: 0, writes, reader, refed })
}

/// In a child before exec: the fds among 0-2 that are descriptors the parent shares with it
/// (`inherited[fd]`: its own stdio, a socket or pipe it streams) made blocking, as programs
/// expect and as libuv does; the parent's streams read and write such a descriptor without
/// waiting whatever its mode. Only async-signal-safe calls.
pub(super) fn blocking_stdio(inherited: [bool; 3]) {
    for fd in 0..=2 {
        if !inherited[fd as usize] {
            continue;
        }
        // SAFETY: fcntl on descriptor numbers, in the child.
        unsafe {
            let flags = libc::fcntl(fd, libc::F_GETFL);
            if flags >= 0 && flags & libc::O_NONBLOCK != 0 {
                libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
            }
        }
    }
}

fn socket_pair() -> io::Result<(OwnedFd, OwnedFd)> {
    let mut fds = [0; 2];
    // SAFETY: socketpair fills the two ints.
    if unsafe { libc::socketpair(libc::AF_UNIX, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, 0, fds.as_mut_ptr()) } < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: both descriptors are new and ours.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

/// How one of the child's descriptors is set up.
enum Slot {
    /// A socket pair: the child's end (the parent's goes to JS).
    Pipe(OwnedFd),
    /// One of this process's descriptors, shared.
    Shared(RawFd),
    Ignore,
    /// The slot is left closed in the child.
    Closed,
}

/// spawn(id, file, args, cwd, env, stdio, argv0, detached, uid, gid): `{ pid, fds }` (fds: for
/// each stdio slot, the parent's end of its pipe or -1), or `{ error: errno name, errno }`
/// when the child could not start. `stdio` lists 'pipe', 'ignore', 'ipc' or an fd number to
/// share per slot; with 'ipc' the child gets its channel there. A null env: this process's.
pub(super) fn spawn(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let file = args.get(1).to_rust_string_lossy(scope);
    if super::permission::throw_if_denied(scope, super::permission::Scope::ChildProcess, &file) {
        return;
    }
    let argv = string_list(scope, args.get(2));
    let cwd = (!args.get(3).is_null_or_undefined()).then(|| args.get(3).to_rust_string_lossy(scope));
    let env = (!args.get(4).is_null_or_undefined()).then(|| string_list(scope, args.get(4)));
    let modes = string_list(scope, args.get(5));
    let detached = args.get(7).is_true();
    let uid = args.get(8).int32_value(scope).filter(|_| args.get(8).is_number());
    let gid = args.get(9).int32_value(scope).filter(|_| args.get(9).is_number());

    let mut command = std::process::Command::new(&file);
    command.args(&argv);
    if !args.get(6).is_null_or_undefined() {
        std::os::unix::process::CommandExt::arg0(&mut command, args.get(6).to_rust_string_lossy(scope));
    }
    if let Some(env) = env {
        command.env_clear();
        for pair in env {
            if let Some((key, value)) = pair.split_once('=') {
                command.env(key, value);
            }
        }
    }
    if let Some(cwd) = cwd {
        command.current_dir(cwd);
    }
    let mut parent_ends: Vec<Option<OwnedFd>> = Vec::new();
    let mut slots = Vec::new();
    let mut ipc = None;
    for (index, mode) in modes.iter().enumerate() {
        let slot = match mode.as_str() {
            "pipe" | "ipc" => match socket_pair() {
                Ok((parent, child)) => {
                    if mode == "ipc" {
                        ipc = Some((index, parent));
                        parent_ends.push(None);
                    } else {
                        parent_ends.push(Some(parent));
                    }
                    Slot::Pipe(child)
                }
                Err(error) => return rv.set(spawn_error(scope, &error).into()),
            },
            "ignore" => {
                parent_ends.push(None);
                if index < 3 { Slot::Ignore } else { Slot::Closed }
            }
            other => {
                parent_ends.push(None);
                match other.parse::<RawFd>() {
                    Ok(fd) => Slot::Shared(fd),
                    Err(_) => Slot::Closed,
                }
            }
        };
        slots.push(slot);
    }
    if let Some((index, _)) = &ipc {
        command.env("NODE_CHANNEL_FD", index.to_string());
    }
    // The child's descriptors: (source, target), or -1 as the source for /dev/null.
    let plan: Vec<(RawFd, RawFd)> = slots
        .iter()
        .enumerate()
        .filter_map(|(index, slot)| match slot {
            Slot::Pipe(fd) => Some((fd.as_raw_fd(), index as RawFd)),
            Slot::Shared(fd) => Some((*fd, index as RawFd)),
            Slot::Ignore => Some((-1, index as RawFd)),
            Slot::Closed => None,
        })
        .collect();
    let mut inherited = [false; 3];
    for (index, slot) in slots.iter().enumerate().take(3) {
        inherited[index] = matches!(slot, Slot::Shared(_));
    }
    // SAFETY: only async-signal-safe calls (open, fcntl, dup2, setsid, setgid, setuid) in the child.
    unsafe {
        std::os::unix::process::CommandExt::pre_exec(&mut command, move || {
            // Sources first go above every target, so that no dup2 overwrites a later source.
            let mut moved = [0 as RawFd; 64];
            for (i, (source, _)) in plan.iter().enumerate().take(64) {
                moved[i] = if *source < 0 {
                    libc::open(c"/dev/null".as_ptr(), libc::O_RDWR | libc::O_CLOEXEC)
                } else {
                    libc::fcntl(*source, libc::F_DUPFD_CLOEXEC, 64)
                };
                if moved[i] < 0 {
                    return Err(io::Error::last_os_error());
                }
            }
            for (i, (_, target)) in plan.iter().enumerate().take(64) {
                if libc::dup2(moved[i], *target) < 0 {
                    return Err(io::Error::last_os_error());
                }
            }
            blocking_stdio(inherited);
            if detached && libc::setsid() < 0 {
                return Err(io::Error::last_os_error());
            }
            if let Some(gid) = gid {
                if libc::setgid(gid as libc::gid_t) < 0 {
                    return Err(io::Error::last_os_error());
                }
            }
            if let Some(uid) = uid {
                if libc::setuid(uid as libc::uid_t) < 0 {
                    return Err(io::Error::last_os_error());
                }
            }
            Ok(())
        });
    }
    let state = RuntimeState::get(scope);
    let spawned = {
        let _entered = state.tokio.enter();
        tokio::process::Command::from(command).kill_on_drop(false).spawn()
    };
    drop(slots);
    let mut child = match spawned {
        Ok(child) => child,
        Err(error) => return rv.set(spawn_error(scope, &error).into()),
    };
    let pid = child.id().unwrap_or(0) as i32;
    let tasks = state.tasks_tx.clone();
    let channel = match ipc {
        Some((_, parent)) => open_channel(&state, id, std::os::unix::net::UnixStream::from(parent), true).ok(),
        None => None,
    };
    state.tokio.spawn(async move {
        use std::os::unix::process::ExitStatusExt;
        let status = child.wait().await;
        let (code, signal) = status.map_or((None, None), |status| (status.code(), status.signal()));
        post(&tasks, id, Event::Exit { code, signal });
    });
    adjust_refs(&state, 1);
    CHILDREN.with(|children| children.borrow_mut().insert(id, Child { refed: true, exited: false, channel }));

    let result = v8::Object::new(scope);
    let pid = v8::Integer::new(scope, pid).into();
    super::bindings::set_property(scope, result, "pid", pid);
    let fds: Vec<v8::Local<v8::Value>> =
        parent_ends.into_iter().map(|end| v8::Integer::new(scope, end.map_or(-1, |fd| fd.into_raw_fd())).into()).collect();
    let fds = v8::Array::new_with_elements(scope, &fds).into();
    super::bindings::set_property(scope, result, "fds", fds);
    rv.set(result.into());
}

/// ipcOpen(fd): opens this process's end of the IPC channel its parent made (NODE_CHANNEL_FD)
/// as the pseudo-child 0; it starts unreferenced (ipcRef decides).
pub(super) fn ipc_open(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let fd = args.get(0).int32_value(scope).unwrap_or(-1);
    // SAFETY: fcntl only checks that the fd is open; then the socket owns it.
    if fd < 0 || unsafe { libc::fcntl(fd, libc::F_GETFD) } < 0 {
        return rv.set(v8::Boolean::new(scope, false).into());
    }
    // SAFETY: the descriptor is open (checked above) and from here the channel's.
    let socket = unsafe { std::os::unix::net::UnixStream::from_raw_fd(fd) };
    // SAFETY: FD_CLOEXEC on our descriptor: the channel is not for our own children.
    unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    let state = RuntimeState::get(scope);
    let Ok(channel) = open_channel(&state, 0, socket, false) else { return rv.set(v8::Boolean::new(scope, false).into()) };
    CHILDREN.with(|children| children.borrow_mut().insert(0, Child { refed: false, exited: false, channel: Some(channel) }));
    rv.set(v8::Boolean::new(scope, true).into());
}

/// ipcWrite(id, bytes, request, handleFd): queues bytes for the channel to child `id`, passing
/// a duplicate of handleFd (>= 0) along: the bytes now waiting to go, or -1 once the channel
/// is closed.
pub(super) fn ipc_write(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let bytes = bytes_of(args.get(1)).unwrap_or_default();
    let request = args.get(2).number_value(scope).unwrap_or(0.0);
    let handle_fd = args.get(3).int32_value(scope).unwrap_or(-1);
    let passed = if handle_fd >= 0 {
        // SAFETY: F_DUPFD_CLOEXEC makes a descriptor of our own, which the write owns.
        let duplicate = unsafe { libc::fcntl(handle_fd, libc::F_DUPFD_CLOEXEC, 0) };
        if duplicate < 0 {
            return rv.set(v8::Integer::new(scope, -1).into());
        }
        // SAFETY: just made above.
        Some(unsafe { OwnedFd::from_raw_fd(duplicate) })
    } else {
        None
    };
    let state = RuntimeState::get(scope);
    let waiting = CHILDREN.with(|children| {
        let mut children = children.borrow_mut();
        let Some(channel) = children.get_mut(&id).and_then(|child| child.channel.as_mut()) else { return None };
        // What goes at once is sent before the program can exit, as libuv's writes are.
        let mut bytes = bytes;
        let mut passed = passed;
        if channel.queued == 0 {
            let result = match &passed {
                Some(handle) => send_with_fd(channel.fd, &bytes, handle.as_raw_fd()),
                None => send_plain(channel.fd, &bytes),
            };
            match result {
                Ok(count) => {
                    passed = None;
                    bytes.drain(..count);
                }
                Err(error) if error.kind() == io::ErrorKind::WouldBlock || error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => {
                    post(&state.tasks_tx, id, Event::IpcWritten { request, error: Some(error), queued: None });
                    return Some(channel.queued_bytes);
                }
            }
            if bytes.is_empty() {
                post(&state.tasks_tx, id, Event::IpcWritten { request, error: None, queued: None });
                return Some(channel.queued_bytes);
            }
        }
        let size = bytes.len();
        channel.writes.send((bytes, request, passed)).ok()?;
        channel.queued += 1;
        channel.queued_bytes += size;
        Some(channel.queued_bytes)
    });
    // A write under way keeps the loop alive, as libuv's write requests do.
    if waiting.is_some() {
        adjust_refs(&state, 1);
    }
    rv.set(v8::Number::new(scope, waiting.map_or(-1.0, |bytes| bytes as f64)).into());
}

/// ipcClose(id): closes the channel to child `id` (after what was queued).
pub(super) fn ipc_close(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let state = RuntimeState::get(scope);
    drop_channel(&state, id);
}

/// ipcRef(id, refed): whether the channel keeps the loop alive.
pub(super) fn ipc_ref(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let refed = args.get(1).is_true();
    let state: Rc<RuntimeState> = RuntimeState::get(scope);
    let changed = CHILDREN.with(|children| {
        let mut children = children.borrow_mut();
        let channel = children.get_mut(&id)?.channel.as_mut()?;
        (channel.refed != refed).then(|| channel.refed = refed)
    });
    if changed.is_some() {
        adjust_refs(&state, if refed { 1 } else { -1 });
    }
}

/// closeFd(fd): closes a descriptor a message brought that nobody took.
pub(super) fn close_fd(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let fd = args.get(0).int32_value(scope).unwrap_or(-1);
    if fd >= 0 {
        // SAFETY: the descriptor came to us over the channel and is ours to close.
        drop(unsafe { OwnedFd::from_raw_fd(fd) });
    }
}

/// childRef(id, refed): whether the child keeps the loop alive.
pub(super) fn child_ref(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let refed = args.get(1).is_true();
    let state: Rc<RuntimeState> = RuntimeState::get(scope);
    let changed = CHILDREN.with(|children| {
        let mut children = children.borrow_mut();
        let child = children.get_mut(&id).filter(|child| id != 0 && !child.exited)?;
        (child.refed != refed).then(|| child.refed = refed)
    });
    if changed.is_some() {
        adjust_refs(&state, if refed { 1 } else { -1 });
    }
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

/// `binding.childProcess()`: child processes and their IPC channels (node's
/// internalBinding('process_wrap'), 'spawn_sync', 'pipe_wrap').
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "spawn" => spawn,
        "spawnSync" => super::os::spawn_sync,
        "kill" => kill,
        "childRef" => child_ref,
        "closeFd" => close_fd,
        "ipcOpen" => ipc_open,
        "ipcWrite" => ipc_write,
        "ipcClose" => ipc_close,
        "ipcRef" => ipc_ref,
    });
    rv.set(object.into());
}
