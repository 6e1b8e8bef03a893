//! Native half of `net`: TCP and Unix-domain sockets and servers, and streams over an
//! existing descriptor (a pipe a program hands to `new net.Socket({ fd })`), all on the
//! loop's tokio runtime. JS names each handle by an id; what happens to it (data read, a
//! write or shutdown done, a connection made or accepted) comes back as a loop task calling
//! the internal `netEvent(id, kind, a, b)`. Failures are negative errnos, which the JS side
//! turns into node's errors. A handle keeps the loop alive as libuv's do: while it is
//! referenced and reading or listening, and while a request on it (a connect, a write, a
//! shutdown) is outstanding.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io::{self, ErrorKind};
use std::net::{IpAddr, SocketAddr};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::sync::Arc;

use socket2::{Domain, SockAddr, SockRef, Socket, Type};
use tokio::io::unix::AsyncFd;
use tokio::io::Interest;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

use super::bindings::binding_object;
use super::trace_events;
use super::bindings::{set_property, string};
use super::tasks::TaskSender;
use super::RuntimeState;

/// A connected byte stream.
enum Stream {
    Tcp(tokio::net::TcpStream),
    Unix(tokio::net::UnixStream),
    /// Any other descriptor that polls (a pipe, a socket handed over by fd).
    Fd(AsyncFd<OwnedFd>),
}

fn raw_read(fd: RawFd, buffer: &mut [u8]) -> io::Result<usize> {
    // SAFETY: reads into a buffer we own, at most its length.
    let count = unsafe { libc::read(fd, buffer.as_mut_ptr().cast(), buffer.len()) };
    if count < 0 { Err(io::Error::last_os_error()) } else { Ok(count as usize) }
}

/// A read from a stream socket that never blocks, whatever the descriptor's mode: a child
/// given the socket as its stdio may have made it blocking.
fn socket_read(fd: RawFd, buffer: &mut [u8]) -> io::Result<usize> {
    // SAFETY: receives into a buffer we own, at most its length.
    let count = unsafe { libc::recv(fd, buffer.as_mut_ptr().cast(), buffer.len(), libc::MSG_DONTWAIT) };
    if count < 0 { Err(io::Error::last_os_error()) } else { Ok(count as usize) }
}

/// A read from a descriptor that may have been made blocking behind our back (a pipe shared
/// with a child, which makes its stdio blocking): only when poll says now that it is readable,
/// as libuv's level-triggered loop reads, so a stale readiness never blocks the reactor.
fn polled_read(fd: RawFd, buffer: &mut [u8]) -> io::Result<usize> {
    let mut poll = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
    // SAFETY: one pollfd for the duration of the call, no waiting.
    if unsafe { libc::poll(&mut poll, 1, 0) } == 0 {
        return Err(ErrorKind::WouldBlock.into());
    }
    raw_read(fd, buffer)
}

/// A write to a descriptor that may have been made blocking behind our back (shared with a
/// child as its stdio, which libuv and we make blocking there): then only when poll says it
/// has room, and at most PIPE_BUF bytes, which a pipe with room takes without waiting.
fn raw_write(fd: RawFd, bytes: &[u8]) -> io::Result<usize> {
    let mut bytes = bytes;
    // SAFETY: fcntl and poll on our descriptor, with one pollfd on the stack.
    unsafe {
        if libc::fcntl(fd, libc::F_GETFL) & libc::O_NONBLOCK == 0 {
            let mut poll = libc::pollfd { fd, events: libc::POLLOUT, revents: 0 };
            if libc::poll(&mut poll, 1, 0) == 0 {
                return Err(ErrorKind::WouldBlock.into());
            }
            bytes = &bytes[..bytes.len().min(libc::PIPE_BUF)];
        }
    }
    // SAFETY: writes from a slice we borrow, at most its length.
    let count = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
    if count < 0 { Err(io::Error::last_os_error()) } else { Ok(count as usize) }
}

/// A send on a stream socket that never blocks, whatever the descriptor's mode, and never
/// raises SIGPIPE.
fn socket_send(fd: RawFd, bytes: &[u8]) -> io::Result<usize> {
    // SAFETY: sends from a slice we borrow, at most its length.
    let count = unsafe { libc::send(fd, bytes.as_ptr().cast(), bytes.len(), libc::MSG_DONTWAIT | libc::MSG_NOSIGNAL) };
    if count < 0 { Err(io::Error::last_os_error()) } else { Ok(count as usize) }
}

/// One read from a stream socket through its `try_io`. A short read (fewer bytes than asked,
/// not the end) also clears the socket's readiness, as libuv's partial read and tokio's own
/// poll_read do: a stream socket returns less only when its queue is empty, and data that
/// arrives later is a new edge; so the next read waits for it instead of failing with EAGAIN.
fn read_once(fd: RawFd, buffer: &mut [u8], try_io: impl FnOnce(&mut dyn FnMut() -> io::Result<usize>) -> io::Result<usize>) -> io::Result<usize> {
    let mut short = None;
    let result = try_io(&mut || {
        let count = socket_read(fd, buffer)?;
        if count > 0 && count < buffer.len() {
            short = Some(count);
            return Err(ErrorKind::WouldBlock.into());
        }
        Ok(count)
    });
    short.map_or(result, Ok)
}

impl Stream {
    fn raw_fd(&self) -> RawFd {
        match self {
            Stream::Tcp(stream) => stream.as_raw_fd(),
            Stream::Unix(stream) => stream.as_raw_fd(),
            Stream::Fd(fd) => fd.as_raw_fd(),
        }
    }

    async fn read(&self, buffer: &mut [u8]) -> io::Result<usize> {
        loop {
            let result = match self {
                Stream::Tcp(stream) => {
                    stream.readable().await?;
                    read_once(stream.as_raw_fd(), buffer, |read| stream.try_io(Interest::READABLE, read))
                }
                Stream::Unix(stream) => {
                    stream.readable().await?;
                    read_once(stream.as_raw_fd(), buffer, |read| stream.try_io(Interest::READABLE, read))
                }
                Stream::Fd(fd) => match fd.readable().await?.try_io(|fd| polled_read(fd.as_raw_fd(), buffer)) {
                    Ok(result) => result,
                    Err(_) => continue,
                },
            };
            match result {
                Err(error) if error.kind() == ErrorKind::WouldBlock || error.kind() == ErrorKind::Interrupted => continue,
                result => return result,
            }
        }
    }

    /// A write that does not wait: what the descriptor took now.
    fn try_write(&self, bytes: &[u8]) -> io::Result<usize> {
        match self {
            Stream::Tcp(stream) => stream.try_io(Interest::WRITABLE, || socket_send(stream.as_raw_fd(), bytes)),
            Stream::Unix(stream) => stream.try_io(Interest::WRITABLE, || socket_send(stream.as_raw_fd(), bytes)),
            Stream::Fd(fd) => raw_write(fd.as_raw_fd(), bytes),
        }
    }

    async fn write_all(&self, mut bytes: &[u8]) -> io::Result<()> {
        while !bytes.is_empty() {
            let result = match self {
                Stream::Tcp(stream) => {
                    stream.writable().await?;
                    stream.try_io(Interest::WRITABLE, || socket_send(stream.as_raw_fd(), bytes))
                }
                Stream::Unix(stream) => {
                    stream.writable().await?;
                    stream.try_io(Interest::WRITABLE, || socket_send(stream.as_raw_fd(), bytes))
                }
                Stream::Fd(fd) => match fd.writable().await?.try_io(|fd| raw_write(fd.as_raw_fd(), bytes)) {
                    Ok(result) => result,
                    Err(_) => continue,
                },
            };
            match result {
                Ok(count) => bytes = &bytes[count..],
                Err(error) if error.kind() == ErrorKind::WouldBlock || error.kind() == ErrorKind::Interrupted => {}
                Err(error) => return Err(error),
            }
        }
        Ok(())
    }

    fn shutdown(&self) -> io::Result<()> {
        // SAFETY: shutdown(2) on our descriptor.
        if unsafe { libc::shutdown(self.raw_fd(), libc::SHUT_WR) } < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }
}

enum WriteOp {
    Data(Vec<u8>, f64),
    Shutdown(f64),
}

enum Listener {
    Tcp(tokio::net::TcpListener),
    Unix(tokio::net::UnixListener),
}

/// What a handle is now.
enum Kind {
    /// Made, connecting or failed to connect: no stream yet.
    Idle,
    Stream { stream: Arc<Stream>, reading: watch::Sender<bool>, reader: JoinHandle<()>, writes: mpsc::UnboundedSender<WriteOp>, writer: JoinHandle<()> },
    Listener { fd: RawFd, acceptor: JoinHandle<()>, path: Option<String>, accepting: watch::Sender<bool> },
}

struct Handle {
    kind: Kind,
    connector: Option<JoinHandle<()>>,
    refed: bool,
    reading: bool,
    /// Outstanding requests: a connect, queued writes, a shutdown.
    requests: usize,
    /// Queued writes (a write may complete synchronously only while there are none).
    queued_writes: usize,
    /// Whether this handle is counted in the loop's native refs.
    counted: bool,
    /// Whether reading met the end (or an error): reading no longer keeps the loop alive, as
    /// libuv stops a stream's reading at EOF.
    read_ended: bool,
    /// The descriptor number JS sees, when the stream works on a copy of it (stdio, a terminal).
    shown_fd: Option<RawFd>,
    /// The caller's descriptor, closed with the handle, when the stream works on a copy of it.
    adopted: Option<OwnedFd>,
    /// Whether the descriptor came from elsewhere or JS has seen it (to send it to another
    /// process, say): the socket may then live on elsewhere, and is not let go of at once on
    /// close.
    fd_shown: bool,
}

impl Handle {
    fn new(kind: Kind) -> Handle {
        Handle {
            kind,
            connector: None,
            refed: true,
            reading: false,
            requests: 0,
            queued_writes: 0,
            counted: false,
            read_ended: false,
            shown_fd: None,
            adopted: None,
            fd_shown: false,
        }
    }

    fn keeps_alive(&self) -> bool {
        self.requests > 0
            || (self.refed
                && ((self.reading && !self.read_ended)
                    || matches!(&self.kind, Kind::Listener { accepting, .. } if *accepting.borrow())))
    }

    fn abort(&mut self) {
        self.abort_with(true);
    }

    /// `stop_listening`: a listener stops taking connections at once (not when it is one
    /// another process shares, whose copy goes on listening).
    fn abort_with(&mut self, stop_listening: bool) {
        if let Some(connector) = self.connector.take() {
            connector.abort();
        }
        match std::mem::replace(&mut self.kind, Kind::Idle) {
            Kind::Stream { stream, reader, writer, .. } => {
                // Only a socket that is this handle's alone: one whose file lives on elsewhere
                // would stay in the reactor's epoll set once its number points at /dev/null.
                let own = !self.fd_shown && self.adopted.is_none() && self.shown_fd.is_none();
                if own && matches!(stream.as_ref(), Stream::Tcp(_) | Stream::Unix(_)) {
                    release_socket_now(stream.raw_fd());
                }
                reader.abort();
                writer.abort();
            }
            Kind::Listener { acceptor, path, fd, .. } => {
                // The acceptor owns the socket and drops it only when tokio next runs; until
                // then it must not take connections (a connect in this same turn is refused).
                // SAFETY: shutdown(2) on the listening socket, still open.
                if stop_listening {
                    unsafe { libc::shutdown(fd, libc::SHUT_RDWR) };
                }
                acceptor.abort();
                if let Some(path) = path {
                    let _ = std::fs::remove_file(path);
                }
            }
            Kind::Idle => {}
        }
    }
}

/// Lets go of a socket at once, as libuv's uv_close closes the descriptor: the peer sees the
/// end (or the reset) before whatever this turn writes elsewhere. The aborted tasks own the
/// descriptor until tokio next runs them, so its number is pointed at /dev/null for them to
/// close then.
fn release_socket_now(fd: RawFd) {
    // SAFETY: opens /dev/null and puts it in place of our own descriptor (dup3 closes the
    // socket's reference atomically), then closes the extra /dev/null descriptor.
    unsafe {
        let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR | libc::O_CLOEXEC);
        if null < 0 {
            return;
        }
        libc::dup3(null, fd, libc::O_CLOEXEC);
        libc::close(null);
    }
}

thread_local! {
    static HANDLES: RefCell<HashMap<u32, Handle>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
    static CLEANUP_REGISTERED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` on handle `id` (if open), then recounts whether it keeps the loop alive.
fn with_handle<T>(state: &RuntimeState, id: u32, f: impl FnOnce(&mut Handle) -> T) -> Option<T> {
    HANDLES.with(|handles| {
        let mut handles = handles.borrow_mut();
        let handle = handles.get_mut(&id)?;
        let result = f(handle);
        recount(state, handle);
        Some(result)
    })
}

fn recount(state: &RuntimeState, handle: &mut Handle) {
    let alive = handle.keeps_alive();
    if alive != handle.counted {
        handle.counted = alive;
        let refs = state.native_refs.get();
        state.native_refs.set(if alive { refs + 1 } else { refs - 1 });
    }
}

fn add_handle(state: &RuntimeState, handle: Handle) -> u32 {
    if !CLEANUP_REGISTERED.with(|done| done.replace(true)) {
        crate::napi::cleanup::add_cleanup_hook(crate::napi::cleanup::CleanupHook::Native { run: close_all, arg: std::ptr::null_mut() });
    }
    let id = NEXT_ID.with(|next| {
        let id = next.get();
        next.set(id + 1);
        id
    });
    HANDLES.with(|handles| {
        let mut handles = handles.borrow_mut();
        let handle = handles.entry(id).or_insert(handle);
        recount(state, handle);
    });
    id
}

/// At teardown: every handle closes (a listening socket's path is unlinked, as libuv does).
fn close_all(_arg: *mut std::ffi::c_void, scope: &mut v8::PinScope) {
    let state = RuntimeState::get(scope);
    let handles: Vec<Handle> = HANDLES.with(|handles| handles.borrow_mut().drain().map(|(_, handle)| handle).collect());
    for mut handle in handles {
        handle.abort();
        handle.requests = 0;
        handle.reading = false;
        handle.refed = false;
        recount(&state, &mut handle);
    }
    CLEANUP_REGISTERED.with(|done| done.set(false));
}

fn errno_of(error: &io::Error) -> i32 {
    match error.raw_os_error() {
        Some(errno) => -errno,
        // A Unix socket path too long for sockaddr_un (libuv's UV_PIPE_NO_TRUNCATE).
        None if error.kind() == ErrorKind::InvalidInput => -libc::EINVAL,
        None => -libc::EIO,
    }
}

fn number<'s>(scope: &mut v8::PinScope<'s, '_>, value: f64) -> v8::Local<'s, v8::Value> {
    v8::Number::new(scope, value).into()
}

fn post(tasks: &TaskSender, task: impl FnOnce(&mut v8::PinScope) + Send + 'static) {
    let _ = tasks.send(Box::new(task));
}

fn emit(scope: &mut v8::PinScope, id: u32, kind: &str, a: v8::Local<v8::Value>, b: v8::Local<v8::Value>) {
    let id = number(scope, id as f64);
    let kind = string(scope, kind).into();
    super::call_internal(scope, crate::runtime::internals::Internal::NetEvent, &[id, kind, a, b]);
}

/// Reads while JS wants data (`reading`), posting each chunk, then EOF (null) or an error.
async fn read_loop(stream: Arc<Stream>, mut reading: watch::Receiver<bool>, id: u32, tasks: TaskSender) {
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        while !*reading.borrow_and_update() {
            if reading.changed().await.is_err() {
                return;
            }
        }
        let result = tokio::select! {
            result = stream.read(&mut buffer) => result,
            _ = reading.changed() => continue,
        };
        match result {
            Ok(count) => {
                let chunk = (count > 0).then(|| buffer[..count].to_vec());
                let end = chunk.is_none();
                post(&tasks, move |scope| {
                    if end {
                        let state = RuntimeState::get(scope);
                        with_handle(&state, id, |handle| handle.read_ended = true);
                    }
                    let chunk = match chunk {
                        Some(bytes) => super::bindings::buffer(scope, bytes).into(),
                        None => v8::null(scope).into(),
                    };
                    let undefined = v8::undefined(scope).into();
                    emit(scope, id, "read", chunk, undefined);
                });
                if end {
                    return;
                }
            }
            Err(error) => {
                let errno = errno_of(&error);
                post(&tasks, move |scope| {
                    let state = RuntimeState::get(scope);
                    with_handle(&state, id, |handle| handle.read_ended = true);
                    let errno = number(scope, errno as f64);
                    let undefined = v8::undefined(scope).into();
                    emit(scope, id, "readError", errno, undefined);
                });
                return;
            }
        }
    }
}

/// Performs queued writes and shutdowns in order, reporting each.
async fn write_loop(stream: Arc<Stream>, mut ops: mpsc::UnboundedReceiver<WriteOp>, id: u32, tasks: TaskSender) {
    while let Some(op) = ops.recv().await {
        let (kind, request, result) = match op {
            WriteOp::Data(bytes, request) => ("written", request, stream.write_all(&bytes).await),
            WriteOp::Shutdown(request) => ("shutdown", request, stream.shutdown()),
        };
        let errno = result.err().map_or(0, |error| errno_of(&error));
        post(&tasks, move |scope| {
            let state = RuntimeState::get(scope);
            with_handle(&state, id, |handle| {
                handle.requests -= 1;
                if kind == "written" {
                    handle.queued_writes -= 1;
                }
            });
            let request = number(scope, request);
            let errno = number(scope, errno as f64);
            emit(scope, id, kind, request, errno);
        });
    }
}

/// Makes `stream` the handle's stream, its reader and writer started (not yet reading).
fn attach(state: &RuntimeState, handle: &mut Handle, id: u32, stream: Stream) {
    let stream = Arc::new(stream);
    let (reading, reading_rx) = watch::channel(handle.reading);
    let (writes, writes_rx) = mpsc::unbounded_channel();
    let reader = state.tokio.spawn(read_loop(stream.clone(), reading_rx, id, state.tasks_tx.clone()));
    let writer = state.tokio.spawn(write_loop(stream.clone(), writes_rx, id, state.tasks_tx.clone()));
    handle.kind = Kind::Stream { stream, reading, reader, writes, writer };
}

fn new_stream_handle(state: &RuntimeState, stream: Stream) -> u32 {
    let id = add_handle(state, Handle::new(Kind::Idle));
    with_handle(state, id, |handle| attach(state, handle, id, stream));
    id
}

fn args_id(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> u32 {
    args.get(0).uint32_value(scope).unwrap_or(0)
}

fn set_number(rv: &mut v8::ReturnValue, scope: &mut v8::PinScope, value: f64) {
    rv.set(v8::Number::new(scope, value).into());
}

fn parse_ip(text: &str) -> Option<IpAddr> {
    let text = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')).unwrap_or(text);
    // An IPv6 address with a zone (fe80::1%eth0): the zone is not kept.
    text.split('%').next()?.parse().ok()
}

/// Builds a socket for `address` and runs `setup` on it; errors are negative errnos.
fn tcp_socket(address: &SocketAddr) -> Result<Socket, i32> {
    let domain = if address.is_ipv4() { Domain::IPV4 } else { Domain::IPV6 };
    let socket = Socket::new(domain, Type::STREAM.nonblocking().cloexec(), None).map_err(|e| errno_of(&e))?;
    Ok(socket)
}

/// tcpConnect(host, port, localAddress, localPort): a new handle id connecting to an IP
/// address ('connect' follows), or a negative errno with the failing syscall: [errno, syscall].
fn tcp_connect(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let host = args.get(0).to_rust_string_lossy(scope);
    let port = args.get(1).uint32_value(scope).unwrap_or(0) as u16;
    let local = (!args.get(2).is_null_or_undefined()).then(|| args.get(2).to_rust_string_lossy(scope));
    let local_port = args.get(3).uint32_value(scope).unwrap_or(0) as u16;
    let fail = |scope: &mut v8::PinScope, rv: &mut v8::ReturnValue, errno: i32, syscall: &str| {
        let errno = number(scope, errno as f64);
        let syscall = string(scope, syscall).into();
        rv.set(v8::Array::new_with_elements(scope, &[errno, syscall]).into());
    };
    let Some(ip) = parse_ip(&host) else { return fail(scope, &mut rv, -libc::EINVAL, "connect") };
    let address = SocketAddr::new(ip, port);
    let socket = match tcp_socket(&address) {
        Ok(socket) => socket,
        Err(errno) => return fail(scope, &mut rv, errno, "connect"),
    };
    if local.is_some() || local_port != 0 {
        let local_ip = match local.as_deref().map(parse_ip) {
            Some(Some(ip)) => ip,
            Some(None) => return fail(scope, &mut rv, -libc::EINVAL, "bind"),
            None if address.is_ipv4() => IpAddr::from([0u8; 4]),
            None => IpAddr::from([0u16; 8]),
        };
        if let Err(error) = socket.bind(&SocketAddr::new(local_ip, local_port).into()) {
            return fail(scope, &mut rv, errno_of(&error), "bind");
        }
    }
    let state = RuntimeState::get(scope);
    let id = start_connect(&state, socket, &address.into(), Stream::Tcp as fn(tokio::net::TcpStream) -> Stream);
    set_number(&mut rv, scope, id as f64);
}

/// Starts a non-blocking connect on `socket` as libuv does: a refusal known at once is
/// reported in this turn's check phase, one in progress once the socket is writable.
fn start_connect<S: Send + Sync + 'static>(state: &RuntimeState, socket: Socket, address: &SockAddr, make: fn(S) -> Stream) -> u32
where
    S: FromStd,
{
    let id = add_handle(state, Handle::new(Kind::Idle));
    with_handle(state, id, |handle| handle.requests += 1);
    trace_connect_begin(id, address);
    let started = match socket.connect(address) {
        Ok(()) => Ok(()),
        Err(error) if error.raw_os_error() == Some(libc::EINPROGRESS) || error.kind() == ErrorKind::WouldBlock => Ok(()),
        Err(error) => Err(error),
    };
    let stream = started.and_then(|()| {
        let _entered = state.tokio.enter();
        S::from_socket(socket)
    });
    match stream {
        Err(error) => state.post_native(Box::new(move |scope| connected(scope, id, Err(error)))),
        Ok(stream) => {
            let tasks = state.tasks_tx.clone();
            let connector = state.tokio.spawn(async move {
                let result = match stream.wait_writable().await {
                    Ok(()) => match stream.take_error() {
                        Ok(None) => Ok(make(stream)),
                        Ok(Some(error)) | Err(error) => Err(error),
                    },
                    Err(error) => Err(error),
                };
                post(&tasks, move |scope| connected(scope, id, result));
            });
            with_handle(state, id, |handle| handle.connector = Some(connector));
        }
    }
    id
}

/// The tokio stream types a connecting socket becomes.
trait FromStd: Sized {
    fn from_socket(socket: Socket) -> io::Result<Self>;
    fn wait_writable(&self) -> impl std::future::Future<Output = io::Result<()>> + Send + '_;
    fn take_error(&self) -> io::Result<Option<io::Error>>;
}

impl FromStd for tokio::net::TcpStream {
    fn from_socket(socket: Socket) -> io::Result<Self> {
        tokio::net::TcpStream::from_std(socket.into())
    }
    fn wait_writable(&self) -> impl std::future::Future<Output = io::Result<()>> + Send + '_ {
        self.writable()
    }
    fn take_error(&self) -> io::Result<Option<io::Error>> {
        tokio::net::TcpStream::take_error(self)
    }
}

impl FromStd for tokio::net::UnixStream {
    fn from_socket(socket: Socket) -> io::Result<Self> {
        tokio::net::UnixStream::from_std(socket.into())
    }
    fn wait_writable(&self) -> impl std::future::Future<Output = io::Result<()>> + Send + '_ {
        self.writable()
    }
    fn take_error(&self) -> io::Result<Option<io::Error>> {
        tokio::net::UnixStream::take_error(self)
    }
}

/// pipeConnect(path): a new handle id connecting to a Unix-domain socket ('connect' follows).
fn pipe_connect(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let path = args.get(0).to_rust_string_lossy(scope);
    let state = RuntimeState::get(scope);
    let socket = Socket::new(Domain::UNIX, Type::STREAM.nonblocking().cloexec(), None);
    let address = SockAddr::unix(&path);
    let id = match socket.and_then(|socket| Ok((socket, address?))) {
        Ok((socket, address)) => start_connect(&state, socket, &address, Stream::Unix as fn(tokio::net::UnixStream) -> Stream),
        Err(error) => {
            let id = add_handle(&state, Handle::new(Kind::Idle));
            with_handle(&state, id, |handle| handle.requests += 1);
            trace_pipe_connect_begin(id, &path);
            state.post_native(Box::new(move |scope| connected(scope, id, Err(error))));
            id
        }
    };
    set_number(&mut rv, scope, id as f64);
}

/// The node.net.native events of a connect request: its begin (a pipe's with its path), and
/// its end with the status.
const NET_NATIVE: &str = "node,node.net,node.net.native";
fn trace_connect_begin(id: u32, address: &SockAddr) {
    if !trace_events::is_enabled(NET_NATIVE) {
        return;
    }
    if address.is_unix() {
        let path = match address.as_abstract_namespace() {
            Some(name) => format!("\0{}", String::from_utf8_lossy(name)),
            None => address.as_pathname().map(|path| path.to_string_lossy().into_owned()).unwrap_or_default(),
        };
        return trace_pipe_connect_begin(id, &path);
    }
    trace_events::emit('b', NET_NATIVE, "connect", Some(id as i64), serde_json::json!({}));
}
fn trace_pipe_connect_begin(id: u32, path: &str) {
    let path_type = if path.starts_with('\0') { "abstract socket" } else { "file" };
    let args = serde_json::json!({ "pipe_path": path, "path_type": path_type });
    trace_events::emit('b', NET_NATIVE, "connect", Some(id as i64), args);
}

fn connected(scope: &mut v8::PinScope, id: u32, result: io::Result<Stream>) {
    let state = RuntimeState::get(scope);
    let status = result.as_ref().err().map_or(0, errno_of);
    trace_events::emit('e', NET_NATIVE, "connect", Some(id as i64), serde_json::json!({ "status": status }));
    let errno = with_handle(&state, id, |handle| {
        handle.requests -= 1;
        handle.connector = None;
        match result {
            Ok(stream) => {
                attach(&state, handle, id, stream);
                0
            }
            Err(error) => errno_of(&error),
        }
    });
    // A handle closed meanwhile hears nothing.
    let Some(errno) = errno else { return };
    let errno = number(scope, errno as f64);
    let undefined = v8::undefined(scope).into();
    emit(scope, id, "connect", errno, undefined);
}

fn listen_on(state: &RuntimeState, listener: Listener, path: Option<String>) -> u32 {
    let fd = match &listener {
        Listener::Tcp(listener) => listener.as_raw_fd(),
        Listener::Unix(listener) => listener.as_raw_fd(),
    };
    let id = add_handle(state, Handle::new(Kind::Idle));
    let tasks = state.tasks_tx.clone();
    let (accepting, mut accepting_rx) = watch::channel(true);
    let acceptor = state.tokio.spawn(async move {
        loop {
            while !*accepting_rx.borrow_and_update() {
                if accepting_rx.changed().await.is_err() {
                    return;
                }
            }
            let accepted = match &listener {
                Listener::Tcp(listener) => listener.accept().await.map(|(stream, _)| Stream::Tcp(stream)),
                Listener::Unix(listener) => listener.accept().await.map(|(stream, _)| Stream::Unix(stream)),
            };
            let failed = accepted.is_err();
            post(&tasks, move |scope| {
                let state = RuntimeState::get(scope);
                let value = match accepted {
                    // The connection becomes a handle only if the server is still open.
                    Ok(stream) => match HANDLES.with(|handles| handles.borrow().contains_key(&id)) {
                        true => new_stream_handle(&state, stream) as f64,
                        false => return,
                    },
                    Err(error) => errno_of(&error) as f64,
                };
                let value = number(scope, value);
                let undefined = v8::undefined(scope).into();
                emit(scope, id, "connection", value, undefined);
            });
            if failed {
                // As libuv after EMFILE and the like: try again a little later.
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
        }
    });
    with_handle(state, id, |handle| handle.kind = Kind::Listener { fd, acceptor, path, accepting });
    id
}

/// tcpListen(host, port, backlog, ipv6Only, reusePort): a listening handle's id, or a
/// negative errno (node reports every failure here as `listen`'s).
fn tcp_listen(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let host = args.get(0).to_rust_string_lossy(scope);
    let port = args.get(1).uint32_value(scope).unwrap_or(0) as u16;
    let backlog = args.get(2).int32_value(scope).unwrap_or(511);
    let ipv6_only = args.get(3).is_true();
    let reuse_port = args.get(4).is_true();
    let Some(ip) = parse_ip(&host) else { return set_number(&mut rv, scope, -libc::EINVAL as f64) };
    let address = SocketAddr::new(ip, port);
    let listen = || -> io::Result<std::net::TcpListener> {
        let domain = if address.is_ipv4() { Domain::IPV4 } else { Domain::IPV6 };
        let socket = Socket::new(domain, Type::STREAM.nonblocking().cloexec(), None)?;
        socket.set_reuse_address(true)?;
        if reuse_port {
            // SAFETY: setsockopt(SO_REUSEPORT) with an int on our socket.
            let on: libc::c_int = 1;
            let result = unsafe {
                libc::setsockopt(socket.as_raw_fd(), libc::SOL_SOCKET, libc::SO_REUSEPORT, (&on as *const libc::c_int).cast(), 4)
            };
            if result < 0 {
                return Err(io::Error::last_os_error());
            }
        }
        if address.is_ipv6() {
            socket.set_only_v6(ipv6_only)?;
        }
        socket.bind(&address.into())?;
        socket.listen(backlog)?;
        Ok(socket.into())
    };
    let state = RuntimeState::get(scope);
    let listener = listen().and_then(|listener| {
        let _entered = state.tokio.enter();
        tokio::net::TcpListener::from_std(listener)
    });
    let value = match listener {
        Ok(listener) => listen_on(&state, Listener::Tcp(listener), None) as f64,
        Err(error) => errno_of(&error) as f64,
    };
    set_number(&mut rv, scope, value);
}

/// pipeListen(path, backlog): a handle listening on a Unix-domain socket at `path`, or a
/// negative errno.
fn pipe_listen(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let path = args.get(0).to_rust_string_lossy(scope);
    let backlog = args.get(1).int32_value(scope).unwrap_or(511);
    let listen = || -> io::Result<std::os::unix::net::UnixListener> {
        let socket = Socket::new(Domain::UNIX, Type::STREAM.nonblocking().cloexec(), None)?;
        socket.bind(&SockAddr::unix(&path)?)?;
        socket.listen(backlog)?;
        Ok(socket.into())
    };
    let state = RuntimeState::get(scope);
    let listener = listen().and_then(|listener| {
        let _entered = state.tokio.enter();
        tokio::net::UnixListener::from_std(listener)
    });
    let value = match listener {
        Ok(listener) => listen_on(&state, Listener::Unix(listener), Some(path)) as f64,
        Err(error) => errno_of(&error) as f64,
    };
    set_number(&mut rv, scope, value);
}

/// The kind of descriptor `fd` is, as libuv's uv_guess_handle names it.
fn handle_type(fd: RawFd) -> &'static str {
    // SAFETY: fstat/isatty/getsockopt/getsockname on a caller-given fd, into locals.
    unsafe {
        let mut stat: libc::stat = std::mem::zeroed();
        if fd < 0 || libc::fstat(fd, &mut stat) < 0 {
            return "UNKNOWN";
        }
        if libc::isatty(fd) == 1 {
            return "TTY";
        }
        match stat.st_mode & libc::S_IFMT {
            libc::S_IFREG | libc::S_IFCHR => "FILE",
            libc::S_IFIFO => "PIPE",
            libc::S_IFSOCK => {
                let mut kind: libc::c_int = 0;
                let mut length = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
                if libc::getsockopt(fd, libc::SOL_SOCKET, libc::SO_TYPE, (&mut kind as *mut libc::c_int).cast(), &mut length) < 0 {
                    return "UNKNOWN";
                }
                let mut address: libc::sockaddr_storage = std::mem::zeroed();
                let mut length = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
                if libc::getsockname(fd, (&mut address as *mut libc::sockaddr_storage).cast(), &mut length) < 0 {
                    return "UNKNOWN";
                }
                let family = address.ss_family as libc::c_int;
                match (kind, family) {
                    (libc::SOCK_STREAM, libc::AF_UNIX) => "PIPE",
                    (libc::SOCK_STREAM, libc::AF_INET | libc::AF_INET6) => "TCP",
                    (libc::SOCK_DGRAM, libc::AF_INET | libc::AF_INET6) => "UDP",
                    _ => "UNKNOWN",
                }
            }
            _ => "UNKNOWN",
        }
    }
}

/// guessHandleType(fd): 'TCP', 'PIPE', 'UDP', 'TTY', 'FILE' or 'UNKNOWN'.
fn guess_handle_type(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let fd = args.get(0).int32_value(scope).unwrap_or(-1);
    rv.set(string(scope, handle_type(fd)).into());
}

/// Whether `fd` is a listening socket.
fn is_listening(fd: RawFd) -> bool {
    let mut value: libc::c_int = 0;
    let mut length = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: getsockopt into a local int.
    let result = unsafe { libc::getsockopt(fd, libc::SOL_SOCKET, libc::SO_ACCEPTCONN, (&mut value as *mut libc::c_int).cast(), &mut length) };
    result == 0 && value != 0
}

fn set_nonblocking(fd: RawFd) -> io::Result<()> {
    // SAFETY: fcntl on a descriptor the caller names.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags < 0 || libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK) < 0 {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(())
}

/// A copy of `fd` above the stdio range, closed on exec.
fn duplicate(fd: RawFd) -> io::Result<OwnedFd> {
    // SAFETY: F_DUPFD_CLOEXEC makes a new descriptor, which we then own.
    let copy = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 3) };
    if copy < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `copy` was just made and nothing else holds it.
    Ok(unsafe { OwnedFd::from_raw_fd(copy) })
}

/// A stream over `fd` (already non-blocking) of the kind `kind` says.
fn stream_over(fd: OwnedFd, kind: &str) -> io::Result<Stream> {
    let raw = fd.as_raw_fd();
    match kind {
        "TCP" => tokio::net::TcpStream::from_std(std::net::TcpStream::from(fd)).map(Stream::Tcp),
        "PIPE" if is_socket(raw) => tokio::net::UnixStream::from_std(std::os::unix::net::UnixStream::from(fd)).map(Stream::Unix),
        // SAFETY: the AsyncFd owns the descriptor, which stays open until it is dropped.
        _ => unsafe { AsyncFd::register(fd) }.map_err(io::Error::from).map(Stream::Fd),
    }
}

/// A stream handle over `stream`, shown to JS as descriptor `shown` if given (and closing
/// `adopted` with it).
fn copy_handle(state: &RuntimeState, stream: Stream, shown: Option<RawFd>, adopted: Option<OwnedFd>) -> u32 {
    let id = new_stream_handle(state, stream);
    with_handle(state, id, |handle| {
        handle.shown_fd = shown;
        handle.adopted = adopted;
    });
    id
}

/// openFd(fd, listen, backlog): a handle over an existing descriptor (a pipe or a socket),
/// either as a stream or, with `listen`, as a server; a negative errno if it cannot be. A
/// stdio descriptor (0-2) is streamed through a copy, so that closing the handle leaves the
/// process's own descriptor open (libuv never closes them), and so that one another handle
/// already watches (an IPC channel on fd 0) can be watched again.
fn open_fd(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let fd = args.get(0).int32_value(scope).unwrap_or(-1);
    let listen = args.get(1).is_true();
    let backlog = args.get(2).int32_value(scope).unwrap_or(511);
    let state = RuntimeState::get(scope);
    let kind = handle_type(fd);
    if (0..=2).contains(&fd) {
        super::tty::remember_stdio();
    }
    if let Err(error) = set_nonblocking(fd) {
        return set_number(&mut rv, scope, errno_of(&error) as f64);
    }
    // SAFETY: the handle takes the descriptor over, as libuv's uv_pipe_open/uv_tcp_open do.
    let owned = || unsafe { OwnedFd::from_raw_fd(fd) };
    let _entered = state.tokio.enter();
    let result: io::Result<u32> = if listen {
        let socket = Socket::from(owned());
        let prepared = if is_listening(fd) { Ok(()) } else { socket.listen(backlog) };
        prepared.and_then(|()| match kind {
            "TCP" => tokio::net::TcpListener::from_std(socket.into()).map(|l| listen_on(&state, Listener::Tcp(l), None)),
            _ => tokio::net::UnixListener::from_std(socket.into()).map(|l| listen_on(&state, Listener::Unix(l), None)),
        })
    } else if (0..=2).contains(&fd) {
        duplicate(fd).and_then(|copy| stream_over(copy, kind)).map(|stream| copy_handle(&state, stream, Some(fd), None))
    } else {
        stream_over(owned(), kind).map(|stream| {
            let id = new_stream_handle(&state, stream);
            // A descriptor from elsewhere (another process sent it, say) may live on there.
            with_handle(&state, id, |handle| handle.fd_shown = true);
            id
        })
    };
    let value = match result {
        Ok(id) => id as f64,
        Err(error) => errno_of(&error) as f64,
    };
    set_number(&mut rv, scope, value);
}

/// The slave side of a terminal opened anew (its own file description, so the non-blocking
/// mode a stream needs does not reach the shell and the other processes sharing `fd`), as
/// libuv's uv_tty_init does; None for a master side (opening that path would make a new
/// terminal) or a terminal without a path.
fn reopen_terminal(fd: RawFd) -> Option<OwnedFd> {
    let mut number: libc::c_int = 0;
    // SAFETY: TIOCGPTN only succeeds on a pseudo-terminal master, writing one int.
    if unsafe { libc::ioctl(fd, libc::TIOCGPTN, &mut number) } == 0 {
        return None;
    }
    let mut path = [0 as libc::c_char; 256];
    // SAFETY: ttyname_r writes a NUL-terminated path of at most the buffer's length.
    if unsafe { libc::ttyname_r(fd, path.as_mut_ptr(), path.len()) } != 0 {
        return None;
    }
    let flags = libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC | libc::O_NONBLOCK;
    // SAFETY: opens the NUL-terminated path ttyname_r gave.
    let reopened = unsafe { libc::open(path.as_ptr(), flags) };
    // SAFETY: a descriptor just opened, owned by nobody else.
    (reopened >= 0).then(|| unsafe { OwnedFd::from_raw_fd(reopened) })
}

/// openTty(fd): a stream handle over a terminal (or a pipe or socket, as uv_tty_init takes),
/// or a negative errno (EINVAL for a file or an unknown descriptor). A terminal is read
/// through its slave side opened anew where it can be, else through a non-blocking copy of
/// `fd`; a descriptor above stdio is closed with the handle, a stdio one never.
fn open_tty(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let fd = args.get(0).int32_value(scope).unwrap_or(-1);
    let state = RuntimeState::get(scope);
    let kind = handle_type(fd);
    if !matches!(kind, "TTY" | "PIPE" | "TCP") {
        return set_number(&mut rv, scope, -libc::EINVAL as f64);
    }
    if (0..=2).contains(&fd) {
        super::tty::remember_stdio();
    }
    let reopened = if kind == "TTY" { reopen_terminal(fd) } else { None };
    // A terminal opened anew shows its own descriptor, as node's does; a copy shows `fd`.
    let shown = if reopened.is_some() { None } else { Some(fd) };
    let copy = match reopened {
        Some(copy) => Ok(copy),
        None => duplicate(fd).and_then(|copy| set_nonblocking(copy.as_raw_fd()).map(|()| copy)),
    };
    let _entered = state.tokio.enter();
    let result = copy.and_then(|copy| stream_over(copy, if kind == "TTY" { "FD" } else { kind }));
    let value = match result {
        Ok(stream) => {
            // SAFETY: a descriptor above stdio is the handle's, as libuv closes it with the TTY handle.
            let adopted = (fd > 2).then(|| unsafe { OwnedFd::from_raw_fd(fd) });
            copy_handle(&state, stream, shown, adopted) as f64
        }
        Err(error) => errno_of(&error) as f64,
    };
    set_number(&mut rv, scope, value);
}

fn is_socket(fd: RawFd) -> bool {
    // SAFETY: fstat into a local.
    unsafe {
        let mut stat: libc::stat = std::mem::zeroed();
        libc::fstat(fd, &mut stat) == 0 && stat.st_mode & libc::S_IFMT == libc::S_IFSOCK
    }
}

/// readStart(id) / readStop(id).
fn read_start(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, rv: v8::ReturnValue) {
    set_reading(scope, args, rv, true);
}

fn read_stop(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, rv: v8::ReturnValue) {
    set_reading(scope, args, rv, false);
}

fn set_reading(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue, on: bool) {
    let id = args_id(scope, &args);
    let state = RuntimeState::get(scope);
    let result = with_handle(&state, id, |handle| {
        handle.reading = on;
        // A handle not connected yet starts reading (or not) once it is.
        if let Kind::Stream { reading, .. } = &handle.kind {
            reading.send_replace(on);
        }
        0
    });
    set_number(&mut rv, scope, result.unwrap_or(-libc::EBADF) as f64);
}

/// write(id, bytes, request): 0 when written at once, 1 when queued ('written' follows with
/// the request), or a negative errno.
fn write(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args_id(scope, &args);
    let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(args.get(1)) else {
        return set_number(&mut rv, scope, -libc::EINVAL as f64);
    };
    let request = args.get(2).number_value(scope).unwrap_or(0.0);
    let mut storage = [0u8; v8::TYPED_ARRAY_MAX_SIZE_IN_HEAP];
    let result = write_bytes(scope, id, view.get_contents(&mut storage), request);
    set_number(&mut rv, scope, result as f64);
}

/// How writeChunks() takes a chunk (node's StreamBase writes strings without making Buffers).
const CHUNK_BYTES: i32 = 0;
const CHUNK_UTF8: i32 = 1;
const CHUNK_LATIN1: i32 = 2;

/// writeChunks(id, chunks, request): as write(), of several chunks in one write: `chunks`
/// holds pairs of a chunk and how to take it (CHUNK_BYTES: an ArrayBufferView; CHUNK_UTF8, CHUNK_LATIN1:
/// a string, encoded as Buffer.from(string, encoding) would).
fn write_chunks(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args_id(scope, &args);
    let Ok(chunks) = v8::Local::<v8::Array>::try_from(args.get(1)) else {
        return set_number(&mut rv, scope, -libc::EINVAL as f64);
    };
    let request = args.get(2).number_value(scope).unwrap_or(0.0);
    let mut bytes = Vec::new();
    for index in (0..chunks.length()).step_by(2) {
        let (Some(chunk), Some(kind)) = (chunks.get_index(scope, index), chunks.get_index(scope, index + 1)) else {
            return;
        };
        let start = bytes.len();
        match (kind.int32_value(scope).unwrap_or(-1), v8::Local::<v8::String>::try_from(chunk)) {
            (CHUNK_UTF8, Ok(text)) => {
                bytes.resize(start + text.utf8_length(scope), 0);
                text.write_utf8_v2(scope, &mut bytes[start..], v8::WriteFlags::kReplaceInvalidUtf8, None);
            }
            (CHUNK_LATIN1, Ok(text)) => {
                bytes.resize(start + text.length(), 0);
                text.write_one_byte_v2(scope, 0, &mut bytes[start..], v8::WriteFlags::empty());
            }
            (CHUNK_BYTES, Err(_)) => {
                let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(chunk) else {
                    return set_number(&mut rv, scope, -libc::EINVAL as f64);
                };
                let mut storage = [0u8; v8::TYPED_ARRAY_MAX_SIZE_IN_HEAP];
                bytes.extend_from_slice(view.get_contents(&mut storage));
            }
            _ => return set_number(&mut rv, scope, -libc::EINVAL as f64),
        }
    }
    let result = write_bytes(scope, id, &bytes, request);
    set_number(&mut rv, scope, result as f64);
}

/// Writes what the socket takes now and queues the rest: 0 when all was written, 1 when some
/// was queued ('written' with `request` follows), or a negative errno.
fn write_bytes(scope: &mut v8::PinScope, id: u32, bytes: &[u8], request: f64) -> i32 {
    let state = RuntimeState::get(scope);
    let result = with_handle(&state, id, |handle| {
        let Kind::Stream { stream, writes, .. } = &handle.kind else { return -libc::EBADF };
        let mut written = 0;
        if handle.queued_writes == 0 {
            match stream.try_write(bytes) {
                Ok(count) => written = count,
                Err(error) if error.kind() == ErrorKind::WouldBlock || error.kind() == ErrorKind::Interrupted => {}
                Err(error) => return errno_of(&error),
            }
            if written == bytes.len() {
                return 0;
            }
        }
        if writes.send(WriteOp::Data(bytes[written..].to_vec(), request)).is_err() {
            return -libc::EBADF;
        }
        handle.queued_writes += 1;
        handle.requests += 1;
        1
    });
    result.unwrap_or(-libc::EBADF)
}

/// shutdown(id, request): ends the writing side after the queued writes; 'shutdown' follows.
fn shutdown(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args_id(scope, &args);
    let request = args.get(1).number_value(scope).unwrap_or(0.0);
    let state = RuntimeState::get(scope);
    let result = with_handle(&state, id, |handle| {
        let Kind::Stream { writes, .. } = &handle.kind else { return -libc::ENOTCONN };
        if writes.send(WriteOp::Shutdown(request)).is_err() {
            return -libc::EBADF;
        }
        handle.requests += 1;
        0
    });
    set_number(&mut rv, scope, result.unwrap_or(-libc::EBADF) as f64);
}

/// close(id, reset, shared): closes the handle (with reset, a TCP socket sends RST: SO_LINGER
/// 0; a `shared` listener, one sent to another process, is only let go).
fn close(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args_id(scope, &args);
    let reset = args.get(1).is_true();
    let shared = args.get(2).is_true();
    let state = RuntimeState::get(scope);
    let handle = HANDLES.with(|handles| handles.borrow_mut().remove(&id));
    let Some(mut handle) = handle else { return };
    if reset {
        if let Kind::Stream { stream, .. } = &handle.kind {
            if let Stream::Tcp(tcp) = stream.as_ref() {
                let _ = SockRef::from(tcp).set_linger(Some(std::time::Duration::ZERO));
            }
        }
    }
    handle.abort_with(!shared);
    handle.requests = 0;
    handle.reading = false;
    recount(&state, &mut handle);
    // As libuv's closing handles, a closed one keeps the loop for one more turn (so a handle
    // opened and closed in a 'beforeExit' listener brings another 'beforeExit').
    state.post_native(Box::new(|_| {}));
}

/// setAccepting(id, on): whether a listener takes connections (a cluster primary holds a
/// handle its workers accept on without accepting itself).
fn set_accepting(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args_id(scope, &args);
    let on = args.get(1).is_true();
    let state = RuntimeState::get(scope);
    with_handle(&state, id, |handle| {
        if let Kind::Listener { accepting, .. } = &handle.kind {
            accepting.send_replace(on);
        }
    });
}

/// setRef(id, refed).
fn set_ref(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args_id(scope, &args);
    let refed = args.get(1).is_true();
    let state = RuntimeState::get(scope);
    with_handle(&state, id, |handle| handle.refed = refed);
}

/// The descriptor of a handle, -1 when it has none.
fn fd_of(id: u32) -> RawFd {
    HANDLES.with(|handles| match handles.borrow().get(&id).map(|handle| &handle.kind) {
        Some(Kind::Stream { stream, .. }) => stream.raw_fd(),
        Some(Kind::Listener { fd, .. }) => *fd,
        _ => -1,
    })
}

/// fd(id): the handle's descriptor as its opener named it, or -1.
fn fd(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args_id(scope, &args);
    let shown = HANDLES.with(|handles| {
        let mut handles = handles.borrow_mut();
        let handle = handles.get_mut(&id)?;
        handle.fd_shown = true;
        handle.shown_fd
    });
    set_number(&mut rv, scope, shown.unwrap_or_else(|| fd_of(id)) as f64);
}

fn with_socket(id: u32, f: impl FnOnce(SockRef) -> io::Result<()>) -> i32 {
    let fd = fd_of(id);
    if fd < 0 {
        return -libc::EBADF;
    }
    // SAFETY: the handle owns fd and outlives this call.
    let borrowed = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
    match f(SockRef::from(&borrowed)) {
        Ok(()) => 0,
        Err(error) => errno_of(&error),
    }
}

/// setNoDelay(id, on): TCP_NODELAY; 0 or a negative errno.
fn set_no_delay(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args_id(scope, &args);
    let on = args.get(1).is_true();
    let result = with_socket(id, |socket| socket.set_tcp_nodelay(on));
    set_number(&mut rv, scope, result as f64);
}

/// setKeepAlive(id, on, delaySeconds, intervalSeconds, count): SO_KEEPALIVE, with the idle
/// time before probes, the time between them and how many (each left as it is when 0 or
/// undefined).
fn set_keep_alive(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args_id(scope, &args);
    let on = args.get(1).is_true();
    let seconds = |scope: &mut v8::PinScope, index: i32| args.get(index).uint32_value(scope).filter(|value| *value > 0);
    let delay = seconds(scope, 2);
    let interval = seconds(scope, 3);
    let count = seconds(scope, 4);
    let result = with_socket(id, |socket| {
        socket.set_keepalive(on)?;
        if on {
            let mut keepalive = socket2::TcpKeepalive::new();
            if let Some(delay) = delay {
                keepalive = keepalive.with_time(std::time::Duration::from_secs(delay as u64));
            }
            if let Some(interval) = interval {
                keepalive = keepalive.with_interval(std::time::Duration::from_secs(interval as u64));
            }
            if let Some(count) = count {
                keepalive = keepalive.with_retries(count);
            }
            if delay.is_some() || interval.is_some() || count.is_some() {
                socket.set_tcp_keepalive(&keepalive)?;
            }
        }
        Ok(())
    });
    set_number(&mut rv, scope, result as f64);
}

fn is_ipv6(socket: &SockRef) -> bool {
    socket.local_addr().ok().and_then(|address| address.as_socket()).is_some_and(|address| address.is_ipv6())
}

/// setTypeOfService(id, tos): IP_TOS (and an IPv6 socket's traffic class); 0 or a negative errno.
fn set_type_of_service(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args_id(scope, &args);
    let tos = args.get(1).uint32_value(scope).unwrap_or(0);
    let result = with_socket(id, |socket| {
        if is_ipv6(&socket) {
            let v4 = socket.set_tos_v4(tos);
            let v6 = set_int_option(&socket, libc::IPPROTO_IPV6, libc::IPV6_TCLASS, tos as libc::c_int);
            v6.or(v4)
        } else {
            socket.set_tos_v4(tos)
        }
    });
    set_number(&mut rv, scope, result as f64);
}

/// getTypeOfService(id): the socket's IP_TOS (an IPv6 socket's traffic class), or a negative errno.
fn get_type_of_service(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args_id(scope, &args);
    let mut value = 0;
    let result = with_socket(id, |socket| {
        value = if is_ipv6(&socket) { get_int_option(&socket, libc::IPPROTO_IPV6, libc::IPV6_TCLASS)? as u32 } else { socket.tos_v4()? };
        Ok(())
    });
    set_number(&mut rv, scope, if result < 0 { result as f64 } else { value as f64 });
}

fn set_int_option(socket: &SockRef, level: libc::c_int, name: libc::c_int, value: libc::c_int) -> io::Result<()> {
    // SAFETY: setsockopt with an int on an open socket.
    let result = unsafe { libc::setsockopt(socket.as_raw_fd(), level, name, (&value as *const libc::c_int).cast(), 4) };
    if result < 0 { Err(io::Error::last_os_error()) } else { Ok(()) }
}

fn get_int_option(socket: &SockRef, level: libc::c_int, name: libc::c_int) -> io::Result<libc::c_int> {
    let mut value: libc::c_int = 0;
    let mut length = 4 as libc::socklen_t;
    // SAFETY: getsockopt into a local int on an open socket.
    let result = unsafe { libc::getsockopt(socket.as_raw_fd(), level, name, (&mut value as *mut libc::c_int).cast(), &mut length) };
    if result < 0 { Err(io::Error::last_os_error()) } else { Ok(value) }
}

/// An address as node shows it: { address, family, port }.
fn address_object<'s>(scope: &mut v8::PinScope<'s, '_>, address: &SocketAddr) -> v8::Local<'s, v8::Object> {
    let object = v8::Object::new(scope);
    let ip = match address.ip() {
        IpAddr::V6(ip) => match ip.to_ipv4_mapped() {
            // Shown as node does: ::ffff:127.0.0.1.
            Some(v4) => format!("::ffff:{v4}"),
            None => ip.to_string(),
        },
        IpAddr::V4(ip) => ip.to_string(),
    };
    let ip = string(scope, &ip).into();
    set_property(scope, object, "address", ip);
    let family = string(scope, if address.is_ipv4() { "IPv4" } else { "IPv6" }).into();
    set_property(scope, object, "family", family);
    let port = v8::Integer::new(scope, address.port() as i32).into();
    set_property(scope, object, "port", port);
    object
}

fn socket_name(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue, peer: bool) {
    let id = args_id(scope, &args);
    let fd = fd_of(id);
    if fd < 0 {
        return set_number(&mut rv, scope, -libc::EBADF as f64);
    }
    // SAFETY: the handle owns fd and outlives this call.
    let borrowed = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
    let socket = SockRef::from(&borrowed);
    let address = if peer { socket.peer_addr() } else { socket.local_addr() };
    match address {
        Ok(address) => match address.as_socket() {
            Some(address) => rv.set(address_object(scope, &address).into()),
            None => {
                let object = v8::Object::new(scope);
                if let Some(path) = address.as_pathname() {
                    let path = string(scope, &path.to_string_lossy()).into();
                    set_property(scope, object, "path", path);
                }
                rv.set(object.into());
            }
        },
        Err(error) => set_number(&mut rv, scope, errno_of(&error) as f64),
    }
}

/// sockname(id) / peername(id): { address, family, port } (a Unix socket: { path }), or a
/// negative errno.
fn sockname(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, rv: v8::ReturnValue) {
    socket_name(scope, args, rv, false);
}

fn peername(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, rv: v8::ReturnValue) {
    socket_name(scope, args, rv, true);
}

/// lookup(host, family, addrconfig, request): resolves `host` with getaddrinfo on the
/// blocking pool; `netLookup(request, error, addresses)` follows, with a getaddrinfo error
/// code (EAI_*) or 0 and [address, family, ...].
fn lookup(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let host = args.get(0).to_rust_string_lossy(scope);
    let family = args.get(1).int32_value(scope).unwrap_or(0);
    let addrconfig = args.get(2).is_true();
    let request = args.get(3).number_value(scope).unwrap_or(0.0);
    RuntimeState::get(scope).run_blocking(
        move || getaddrinfo(&host, family, addrconfig),
        move |scope, result| {
            let request = number(scope, request);
            let (error, list): (v8::Local<v8::Value>, v8::Local<v8::Value>) = match result {
                Ok(addresses) => {
                    let mut items = Vec::new();
                    for address in addresses {
                        items.push(string(scope, &address.to_string()).into());
                        items.push(v8::Integer::new(scope, if address.is_ipv4() { 4 } else { 6 }).into());
                    }
                    (v8::Integer::new(scope, 0).into(), v8::Array::new_with_elements(scope, &items).into())
                }
                Err(code) => (v8::Integer::new(scope, code).into(), v8::undefined(scope).into()),
            };
            super::call_internal(scope, crate::runtime::internals::Internal::NetLookup, &[request, error, list]);
        },
    );
}

/// getaddrinfo(3) for stream sockets: the addresses in the resolver's order, or its EAI_* error.
fn getaddrinfo(host: &str, family: i32, addrconfig: bool) -> Result<Vec<IpAddr>, i32> {
    let Ok(host) = std::ffi::CString::new(host) else { return Err(libc::EAI_NONAME) };
    // SAFETY: getaddrinfo with zeroed hints and a result list freed below.
    unsafe {
        let mut hints: libc::addrinfo = std::mem::zeroed();
        hints.ai_family = match family {
            4 => libc::AF_INET,
            6 => libc::AF_INET6,
            _ => libc::AF_UNSPEC,
        };
        hints.ai_socktype = libc::SOCK_STREAM;
        if addrconfig {
            hints.ai_flags = libc::AI_ADDRCONFIG;
        }
        let mut list: *mut libc::addrinfo = std::ptr::null_mut();
        let code = libc::getaddrinfo(host.as_ptr(), std::ptr::null(), &hints, &mut list);
        if code != 0 {
            return Err(code);
        }
        let mut addresses = Vec::new();
        let mut entry = list;
        while !entry.is_null() {
            let info = &*entry;
            let address = match info.ai_family {
                libc::AF_INET => {
                    let raw = &*(info.ai_addr as *const libc::sockaddr_in);
                    Some(IpAddr::from(u32::from_be(raw.sin_addr.s_addr).to_be_bytes()))
                }
                libc::AF_INET6 => {
                    let raw = &*(info.ai_addr as *const libc::sockaddr_in6);
                    Some(IpAddr::from(raw.sin6_addr.s6_addr))
                }
                _ => None,
            };
            if let Some(address) = address.filter(|address| !addresses.contains(address)) {
                addresses.push(address);
            }
            entry = info.ai_next;
        }
        libc::freeaddrinfo(list);
        Ok(addresses)
    }
}

// ---- BlockList rule lists ----
//
// A BlockList's rules live here so that its clones (in a message, on this thread or a worker's)
// share them, as node's: a rule one adds, every clone checks. Each JS BlockList holds an id on
// its own thread; JS matches addresses against the rule texts, fetched again when the list's
// version changes.

#[derive(Default)]
struct BlockRules {
    version: u64,
    /// Newest first, as BlockList.rules lists them.
    texts: Vec<String>,
}

type SharedBlockRules = Arc<std::sync::Mutex<BlockRules>>;

thread_local! {
    static BLOCK_LISTS: RefCell<HashMap<u32, SharedBlockRules>> = RefCell::new(HashMap::new());
}
/// Lists in messages not yet received, by the token the message carries.
static BLOCK_LISTS_IN_FLIGHT: std::sync::Mutex<Option<HashMap<u64, SharedBlockRules>>> = std::sync::Mutex::new(None);
static NEXT_BLOCK_LIST_TOKEN: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn adopt_block_list(rules: SharedBlockRules) -> u32 {
    let id = NEXT_ID.with(|next| {
        let id = next.get();
        next.set(id + 1);
        id
    });
    BLOCK_LISTS.with_borrow_mut(|lists| lists.insert(id, rules));
    id
}

fn block_list(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> Option<SharedBlockRules> {
    let id = args.get(0).uint32_value(scope)?;
    BLOCK_LISTS.with_borrow(|lists| lists.get(&id).cloned())
}

fn lock_rules(rules: &SharedBlockRules) -> std::sync::MutexGuard<'_, BlockRules> {
    rules.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// blockListNew(): an empty list's id.
fn block_list_new(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = adopt_block_list(SharedBlockRules::default());
    rv.set(v8::Integer::new_from_unsigned(scope, id).into());
}

/// blockListFree(id): this thread's hold on the list ends (its BlockList was collected).
fn block_list_free(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    BLOCK_LISTS.with_borrow_mut(|lists| lists.remove(&id));
}

/// blockListAdd(id, text): a rule, ahead of the others.
fn block_list_add(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let text = args.get(1).to_rust_string_lossy(scope);
    let Some(rules) = block_list(scope, &args) else { return };
    let mut rules = lock_rules(&rules);
    rules.texts.insert(0, text);
    rules.version += 1;
}

/// blockListVersion(id): how many times the list has changed.
fn block_list_version(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(rules) = block_list(scope, &args) else { return };
    let version = lock_rules(&rules).version;
    rv.set_double(version as f64);
}

/// blockListRules(id): the rules' texts, newest first.
fn block_list_rules(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(rules) = block_list(scope, &args) else { return };
    let texts = lock_rules(&rules).texts.clone();
    let values: Vec<v8::Local<v8::Value>> = texts.iter().map(|text| string(scope, text).into()).collect();
    rv.set(v8::Array::new_with_elements(scope, &values).into());
}

/// blockListExport(id): a token blockListImport takes the same list by, on any thread.
fn block_list_export(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(rules) = block_list(scope, &args) else { return };
    let token = NEXT_BLOCK_LIST_TOKEN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    BLOCK_LISTS_IN_FLIGHT.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).get_or_insert_with(HashMap::new).insert(token, rules);
    rv.set_double(token as f64);
}

/// blockListImport(token): the id, on this thread, of the list a token names.
fn block_list_import(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let token = args.get(0).number_value(scope).unwrap_or(0.0) as u64;
    let rules = BLOCK_LISTS_IN_FLIGHT.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).as_mut().and_then(|map| map.remove(&token));
    if let Some(rules) = rules {
        let id = adopt_block_list(rules);
        rv.set(v8::Integer::new_from_unsigned(scope, id).into());
    }
}

/// The `net` binding object.
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "tcpConnect" => tcp_connect,
        "pipeConnect" => pipe_connect,
        "tcpListen" => tcp_listen,
        "pipeListen" => pipe_listen,
        "openFd" => open_fd,
        "openTty" => open_tty,
        "setAccepting" => set_accepting,
        "guessHandleType" => guess_handle_type,
        "readStart" => read_start,
        "readStop" => read_stop,
        "write" => write,
        "writeChunks" => write_chunks,
        "shutdown" => shutdown,
        "close" => close,
        "setRef" => set_ref,
        "fd" => fd,
        "setNoDelay" => set_no_delay,
        "setKeepAlive" => set_keep_alive,
        "setTypeOfService" => set_type_of_service,
        "getTypeOfService" => get_type_of_service,
        "sockname" => sockname,
        "peername" => peername,
        "lookup" => lookup,
        "blockListNew" => block_list_new,
        "blockListFree" => block_list_free,
        "blockListAdd" => block_list_add,
        "blockListVersion" => block_list_version,
        "blockListRules" => block_list_rules,
        "blockListExport" => block_list_export,
        "blockListImport" => block_list_import,
    });
    rv.set(object.into());
}
