//! Native half of `dgram`: UDP sockets on tokio's UdpSocket (socket2 sets the options tokio
//! lacks). JS names each socket by an id; the socket itself exists from bind (or open) on,
//! as libuv's does, so options set before then fail with EBADF. Datagrams, receive errors
//! and finished sends come back to the JS thread as loop tasks calling the internal
//! `dgramEvent(id, kind, a, b)`. A socket keeps the loop alive while it is referenced and
//! receiving, and while it has sends in flight.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::os::fd::{AsRawFd, FromRawFd};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use socket2::{Domain, Protocol, SockRef, Socket, Type};
use tokio::io::Interest;
use tokio::net::UdpSocket;
use tokio::sync::mpsc;

use super::bindings::binding_object;
use super::bindings::{set_property, string, uint8_array};
use super::os::bytes_of;
use super::tasks::TaskSender;
use super::RuntimeState;

/// Bind flags, as dgram.js passes them.
const FLAG_REUSE_ADDR: u32 = 1;
const FLAG_IPV6_ONLY: u32 = 2;
const FLAG_REUSE_PORT: u32 = 4;

struct Udp {
    socket: Arc<UdpSocket>,
    receiver: Option<tokio::task::JoinHandle<()>>,
    /// Which recvStart the receiver is from: a read still pending for an earlier one stops.
    receive_generation: u64,
    /// Sends that could not finish at once, in order: bytes, destination (None when
    /// connected), request id.
    queue: mpsc::UnboundedSender<(Vec<u8>, Option<SocketAddr>, f64)>,
    queued_bytes: Arc<AtomicUsize>,
    queued_count: Arc<AtomicUsize>,
    /// Set by close: queued sends are dropped rather than sent.
    closed: Arc<std::sync::atomic::AtomicBool>,
    refed: bool,
    /// Whether this socket counts in the loop's native refs now.
    counted: bool,
}

thread_local! {
    static SOCKETS: RefCell<HashMap<u32, Udp>> = RefCell::new(HashMap::new());
    /// Whether each id is referenced, kept from creation on (ref/unref before bind count).
    static UNBOUND_REFS: RefCell<HashMap<u32, bool>> = RefCell::new(HashMap::new());
}

fn errno_of(error: &io::Error) -> i32 {
    -error.raw_os_error().unwrap_or(libc::EINVAL)
}

/// Recounts whether a socket keeps the loop alive.
fn update_liveness(state: &RuntimeState, udp: &mut Udp) {
    // Sends in flight keep the loop alive even when the socket is unreferenced (libuv
    // counts them as active requests).
    let active = (udp.refed && udp.receiver.is_some()) || udp.queued_count.load(Ordering::Acquire) > 0;
    if active != udp.counted {
        udp.counted = active;
        let count = state.native_refs.get();
        state.native_refs.set(if active { count + 1 } else { count - 1 });
    }
}

fn with_socket<T>(id: u32, f: impl FnOnce(&mut Udp) -> T) -> Option<T> {
    SOCKETS.with(|sockets| sockets.borrow_mut().get_mut(&id).map(f))
}

/// What a socket's tasks report to the JS thread.
enum Event {
    Message { bytes: Vec<u8>, from: SocketAddr },
    ReceiveError { errno: i32 },
    /// A queued send finished: the byte count or a negative errno.
    Sent { request: f64, outcome: i32 },
}

fn post(tasks: &TaskSender, id: u32, event: Event) {
    let _ = tasks.send(Box::new(move |scope: &mut v8::PinScope| deliver(scope, id, event)));
}

fn deliver(scope: &mut v8::PinScope, id: u32, event: Event) {
    let (kind, a, b): (&str, v8::Local<v8::Value>, v8::Local<v8::Value>) = match event {
        Event::Message { bytes, from } => ("message", uint8_array(scope, bytes).into(), address_object(scope, &from).into()),
        Event::ReceiveError { errno } => ("error", v8::Integer::new(scope, errno).into(), v8::undefined(scope).into()),
        Event::Sent { request, outcome } => ("sent", v8::Number::new(scope, request).into(), v8::Integer::new(scope, outcome).into()),
    };
    let id = v8::Integer::new_from_unsigned(scope, id).into();
    let kind = string(scope, kind).into();
    super::call_internal(scope, crate::runtime::internals::Internal::DgramEvent, &[id, kind, a, b]);
}

/// The address text node reports: IPv6 link-local addresses carry their scope (`%eth0`).
fn address_text(address: &SocketAddr) -> String {
    match address {
        SocketAddr::V4(v4) => v4.ip().to_string(),
        // Only link-local addresses carry their interface, as node's AddressToJS shows them.
        SocketAddr::V6(v6) if v6.scope_id() != 0 && v6.ip().is_unicast_link_local() => {
            let mut name = [0 as libc::c_char; libc::IF_NAMESIZE];
            // SAFETY: if_indextoname writes at most IF_NAMESIZE bytes into `name`.
            let found = unsafe { !libc::if_indextoname(v6.scope_id(), name.as_mut_ptr()).is_null() };
            let scope = if found {
                // SAFETY: if_indextoname wrote a NUL-terminated name.
                unsafe { std::ffi::CStr::from_ptr(name.as_ptr()) }.to_string_lossy().into_owned()
            } else {
                v6.scope_id().to_string()
            };
            format!("{}%{scope}", v6.ip())
        }
        SocketAddr::V6(v6) => v6.ip().to_string(),
    }
}

/// `{ address, family, port }` for a socket address.
fn address_object<'s>(scope: &mut v8::PinScope<'s, '_>, address: &SocketAddr) -> v8::Local<'s, v8::Object> {
    let object = v8::Object::new(scope);
    let text = string(scope, &address_text(address)).into();
    set_property(scope, object, "address", text);
    let family = string(scope, if address.is_ipv4() { "IPv4" } else { "IPv6" }).into();
    set_property(scope, object, "family", family);
    let port = v8::Integer::new(scope, address.port() as i32).into();
    set_property(scope, object, "port", port);
    object
}

/// An IP address as dgram.js hands it over (already looked up); IPv6 may carry `%scope`.
fn parse_ip(text: &str, port: u16) -> Option<SocketAddr> {
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Some(SocketAddr::new(ip, port));
    }
    let (ip, zone) = text.split_once('%')?;
    let ip = ip.parse::<Ipv6Addr>().ok()?;
    // An unknown interface name reads as scope 0 (the default), as libuv's uv_ip6_addr does.
    let scope_id = match zone.parse::<u32>() {
        Ok(index) => index,
        Err(_) => {
            let zone = std::ffi::CString::new(zone).ok()?;
            // SAFETY: a NUL-terminated interface name.
            unsafe { libc::if_nametoindex(zone.as_ptr()) }
        }
    };
    Some(SocketAddr::V6(std::net::SocketAddrV6::new(ip, port, 0, scope_id)))
}

fn register(state: &RuntimeState, id: u32, socket: Socket) -> io::Result<()> {
    socket.set_nonblocking(true)?;
    let std_socket: std::net::UdpSocket = socket.into();
    let socket = {
        let _entered = state.tokio.enter();
        Arc::new(UdpSocket::from_std(std_socket)?)
    };
    let (queue, mut pending) = mpsc::unbounded_channel::<(Vec<u8>, Option<SocketAddr>, f64)>();
    let queued_bytes = Arc::new(AtomicUsize::new(0));
    let queued_count = Arc::new(AtomicUsize::new(0));
    let closed = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let tasks = state.tasks_tx.clone();
    let (sender_socket, bytes_counter, count_counter) = (socket.clone(), queued_bytes.clone(), queued_count.clone());
    let sender_closed = closed.clone();
    state.tokio.spawn(async move {
        while let Some((bytes, target, request)) = pending.recv().await {
            if sender_closed.load(Ordering::Acquire) {
                break;
            }
            let result = match target {
                Some(target) => sender_socket.send_to(&bytes, target).await,
                None => sender_socket.send(&bytes).await,
            };
            bytes_counter.fetch_sub(bytes.len(), Ordering::AcqRel);
            count_counter.fetch_sub(1, Ordering::AcqRel);
            let outcome = match result {
                Ok(sent) => sent as i32,
                Err(error) => errno_of(&error),
            };
            post(&tasks, id, Event::Sent { request, outcome });
        }
    });
    let refed = UNBOUND_REFS.with(|refs| refs.borrow_mut().remove(&id)).unwrap_or(true);
    let udp = Udp { socket, receiver: None, receive_generation: 0, queue, queued_bytes, queued_count, closed, refed, counted: false };
    SOCKETS.with(|sockets| sockets.borrow_mut().insert(id, udp));
    Ok(())
}

fn set_int(scope: &mut v8::PinScope, rv: &mut v8::ReturnValue, value: i32) {
    rv.set(v8::Integer::new(scope, value).into());
}

/// bind(id, ipv6, ip, port, flags): 0 or a negative errno.
fn bind(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let ipv6 = args.get(1).is_true();
    let ip = args.get(2).to_rust_string_lossy(scope);
    let port = args.get(3).uint32_value(scope).unwrap_or(0) as u16;
    let flags = args.get(4).uint32_value(scope).unwrap_or(0);
    let Some(address) = parse_ip(&ip, port) else { return set_int(scope, &mut rv, -libc::EINVAL) };
    if SOCKETS.with(|sockets| sockets.borrow().contains_key(&id)) {
        return set_int(scope, &mut rv, -libc::EINVAL);
    }
    let result = (|| {
        let domain = if ipv6 { Domain::IPV6 } else { Domain::IPV4 };
        if ipv6 != address.is_ipv6() {
            return Err(io::Error::from_raw_os_error(libc::EINVAL));
        }
        let socket = Socket::new(domain, Type::DGRAM.cloexec(), Some(Protocol::UDP))?;
        if flags & FLAG_REUSE_ADDR != 0 {
            socket.set_reuse_address(true)?;
        }
        if flags & FLAG_REUSE_PORT != 0 {
            socket.set_reuse_port(true)?;
        }
        if ipv6 {
            socket.set_only_v6(flags & FLAG_IPV6_ONLY != 0)?;
        }
        socket.bind(&address.into())?;
        register(&RuntimeState::get(scope), id, socket)
    })();
    set_int(scope, &mut rv, result.map_or_else(|error| errno_of(&error), |()| 0));
}

/// open(id, fd): adopts a UDP socket the program already has; 0 or a negative errno.
fn open(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let fd = args.get(1).int32_value(scope).unwrap_or(-1);
    // SAFETY: fcntl only checks that the fd is open.
    if fd < 0 || unsafe { libc::fcntl(fd, libc::F_GETFD) } < 0 {
        return set_int(scope, &mut rv, -libc::EBADF);
    }
    // SAFETY: the program handed this fd to the socket, which owns it from here on.
    let socket = unsafe { Socket::from_raw_fd(fd) };
    let result = register(&RuntimeState::get(scope), id, socket);
    set_int(scope, &mut rv, result.map_or_else(|error| errno_of(&error), |()| 0));
}

/// fd(id): the socket's descriptor, or -1 before it has one.
fn fd(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let fd = with_socket(id, |udp| udp.socket.as_raw_fd()).unwrap_or(-1);
    set_int(scope, &mut rv, fd);
}

/// fdType(fd): what libuv's uv_guess_handle says of an fd ('UDP', 'TCP', 'FILE', 'PIPE',
/// 'TTY' or 'UNKNOWN').
fn fd_type(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let fd = args.get(0).int32_value(scope).unwrap_or(-1);
    let kind = guess_handle(fd);
    rv.set(string(scope, kind).into());
}

fn guess_handle(fd: i32) -> &'static str {
    if fd < 0 {
        return "INVALID";
    }
    // SAFETY: isatty and fstat on a caller-supplied fd.
    if unsafe { libc::isatty(fd) } == 1 {
        return "TTY";
    }
    let mut stat: libc::stat = unsafe { std::mem::zeroed() };
    if unsafe { libc::fstat(fd, &mut stat) } != 0 {
        return "UNKNOWN";
    }
    match stat.st_mode & libc::S_IFMT {
        libc::S_IFREG | libc::S_IFCHR => "FILE",
        libc::S_IFIFO => "PIPE",
        libc::S_IFSOCK => {
            // SAFETY: the fd stays open; SockRef borrows it.
            let borrowed = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
            let socket = SockRef::from(&borrowed);
            let domain = socket.local_addr().ok().map(|address| address.domain());
            match (socket.r#type().ok(), domain) {
                (Some(Type::DGRAM), Some(Domain::IPV4 | Domain::IPV6)) => "UDP",
                (Some(Type::STREAM), Some(Domain::IPV4 | Domain::IPV6)) => "TCP",
                (_, Some(Domain::UNIX)) => "PIPE",
                _ => "UNKNOWN",
            }
        }
        _ => "UNKNOWN",
    }
}

/// recvStart(id): delivers datagrams ('message', bytes, rinfo) and receive errors ('error',
/// errno) until recvStop or close. As libuv's, datagrams are read on the JS thread when the
/// socket is readable (up to 32 at a time), each delivered before the next is read: one a
/// 'message' listener's close() leaves unread stays for other readers of the socket (a
/// socket shared by cluster workers).
fn recv_start(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let state = RuntimeState::get(scope);
    let tasks = state.tasks_tx.clone();
    let started = with_socket(id, |udp| {
        if udp.receiver.is_none() {
            udp.receive_generation += 1;
            let generation = udp.receive_generation;
            let socket = udp.socket.clone();
            let tasks = tasks.clone();
            udp.receiver = Some(state.tokio.spawn(async move {
                loop {
                    // A pending socket error alone (a connected socket's ICMP refusal) makes
                    // it ready for ERROR but not READABLE.
                    if socket.ready(Interest::READABLE | Interest::ERROR).await.is_err() {
                        return;
                    }
                    let (read, was_read) = tokio::sync::oneshot::channel();
                    let socket = socket.clone();
                    let _ = tasks.send(Box::new(move |scope: &mut v8::PinScope| {
                        read_datagrams(scope, id, generation, &socket);
                        let _ = read.send(());
                    }));
                    if was_read.await.is_err() {
                        return;
                    }
                }
            }));
        }
        update_liveness(&state, udp);
    });
    set_int(scope, &mut rv, if started.is_some() { 0 } else { -libc::EBADF });
}

/// One recvfrom on the non-blocking socket, through tokio's readiness for `interest` (so a
/// read that would block clears it).
fn receive_one(socket: &UdpSocket, interest: Interest, buffer: &mut [u8]) -> io::Result<(usize, SocketAddr)> {
    socket.try_io(interest, || {
        // SAFETY: the buffer is initialised; recvfrom only writes initialised bytes into it.
        let buffer = unsafe { &mut *(buffer as *mut [u8] as *mut [std::mem::MaybeUninit<u8>]) };
        let (count, from) = SockRef::from(socket).recv_from(buffer)?;
        let from = from.as_socket().ok_or_else(|| io::Error::from_raw_os_error(libc::EAFNOSUPPORT))?;
        Ok((count, from))
    })
}

/// Reads and delivers what a ready socket holds, while its receiving goes on.
fn read_datagrams(scope: &mut v8::PinScope, id: u32, generation: u64, socket: &UdpSocket) {
    let mut buffer = vec![0u8; 64 * 1024];
    for _ in 0..32 {
        if with_socket(id, |udp| udp.receiver.is_some() && udp.receive_generation == generation) != Some(true) {
            return;
        }
        // tokio never tries a combined interest (READABLE | ERROR), so READABLE first, then
        // the pending error alone.
        let result = match receive_one(socket, Interest::READABLE, &mut buffer) {
            Err(error) if error.kind() == io::ErrorKind::WouldBlock => receive_one(socket, Interest::ERROR, &mut buffer),
            result => result,
        };
        match result {
            Ok((count, from)) => deliver(scope, id, Event::Message { bytes: buffer[..count].to_vec(), from }),
            Err(error) if error.kind() == io::ErrorKind::WouldBlock => return,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => deliver(scope, id, Event::ReceiveError { errno: errno_of(&error) }),
        }
    }
}

/// recvStop(id).
fn recv_stop(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let state = RuntimeState::get(scope);
    with_socket(id, |udp| {
        if let Some(receiver) = udp.receiver.take() {
            receiver.abort();
        }
        update_liveness(&state, udp);
    });
}

/// send(id, chunks, ip, port, request, queueOnly): sends the chunks as one datagram, to
/// ip:port or (ip null) to the connected peer. Returns the byte count + 1 when it went at
/// once, 0 when it was queued (always with queueOnly; a 'sent' event with the request id
/// follows), or a negative errno.
fn send(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let mut bytes = Vec::new();
    if let Ok(list) = v8::Local::<v8::Array>::try_from(args.get(1)) {
        for index in 0..list.length() {
            let chunk = list.get_index(scope, index).unwrap();
            bytes.extend(bytes_of(chunk).unwrap_or_default());
        }
    }
    let target = if args.get(2).is_null_or_undefined() {
        None
    } else {
        let ip = args.get(2).to_rust_string_lossy(scope);
        let port = args.get(3).uint32_value(scope).unwrap_or(0) as u16;
        match parse_ip(&ip, port) {
            Some(address) => Some(address),
            None => return set_int(scope, &mut rv, -libc::EINVAL),
        }
    };
    let request = args.get(4).number_value(scope).unwrap_or(0.0);
    let queue_only = args.get(5).is_true();
    let state = RuntimeState::get(scope);
    let outcome = with_socket(id, |udp| {
        if !queue_only && udp.queued_count.load(Ordering::Acquire) == 0 {
            // Straight to the non-blocking socket: tokio's try_send waits for the reactor to
            // have seen the socket writable, which a new socket has not.
            let socket = SockRef::from(udp.socket.as_ref());
            let result = match target {
                Some(target) => socket.send_to(&bytes, &target.into()),
                None => socket.send(&bytes),
            };
            match result {
                Ok(sent) => return sent as i32 + 1,
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => {}
                Err(error) => return errno_of(&error),
            }
        }
        udp.queued_bytes.fetch_add(bytes.len(), Ordering::AcqRel);
        udp.queued_count.fetch_add(1, Ordering::AcqRel);
        let _ = udp.queue.send((bytes, target, request));
        update_liveness(&state, udp);
        0
    });
    set_int(scope, &mut rv, outcome.unwrap_or(-libc::EBADF));
}

/// sent(id): after a 'sent' event, recounts whether the socket keeps the loop alive.
fn sent(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let state = RuntimeState::get(scope);
    with_socket(id, |udp| update_liveness(&state, udp));
}

/// connect(id, ip, port): 0 or a negative errno.
fn connect(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let ip = args.get(1).to_rust_string_lossy(scope);
    let port = args.get(2).uint32_value(scope).unwrap_or(0) as u16;
    let Some(address) = parse_ip(&ip, port) else { return set_int(scope, &mut rv, -libc::EINVAL) };
    let result = with_socket(id, |udp| {
        if is_ipv6(&udp.socket) != address.is_ipv6() {
            return Err(io::Error::from_raw_os_error(libc::EINVAL));
        }
        SockRef::from(udp.socket.as_ref()).connect(&address.into())
    });
    set_int(scope, &mut rv, match result {
        None => -libc::EBADF,
        Some(Ok(())) => 0,
        Some(Err(error)) => errno_of(&error),
    });
}

/// disconnect(id): dissolves the association (connect to AF_UNSPEC); 0 or a negative errno.
fn disconnect(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let result = with_socket(id, |udp| {
        let mut address: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
        address.ss_family = libc::AF_UNSPEC as libc::sa_family_t;
        let size = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        // SAFETY: connect(2) with a zeroed AF_UNSPEC address of the right size.
        let result = unsafe { libc::connect(udp.socket.as_raw_fd(), (&address as *const libc::sockaddr_storage).cast(), size) };
        let error = io::Error::last_os_error();
        // Linux may answer EAFNOSUPPORT after dissolving the association, as libuv allows.
        if result == 0 || error.raw_os_error() == Some(libc::EAFNOSUPPORT) { 0 } else { errno_of(&error) }
    });
    set_int(scope, &mut rv, result.unwrap_or(-libc::EBADF));
}

/// sockname(id, peer): { address, family, port } of this end (or the peer's), or a
/// negative errno.
fn sockname(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let peer = args.get(1).is_true();
    let result = with_socket(id, |udp| if peer { udp.socket.peer_addr() } else { udp.socket.local_addr() });
    match result {
        None => set_int(scope, &mut rv, -libc::EBADF),
        Some(Err(error)) => set_int(scope, &mut rv, errno_of(&error)),
        Some(Ok(address)) => rv.set(address_object(scope, &address).into()),
    }
}

fn is_ipv6(socket: &UdpSocket) -> bool {
    socket.local_addr().is_ok_and(|address| address.is_ipv6())
}

fn ipv4_of(text: &str) -> Option<Ipv4Addr> {
    text.parse().ok()
}

/// The interface index for an IPv6 multicast interface given as an address with `%scope`
/// (plain for the default interface); None when it is no IPv6 address.
fn ipv6_interface(text: &str) -> Option<u32> {
    match parse_ip(text, 0)? {
        SocketAddr::V6(v6) => Some(v6.scope_id()),
        SocketAddr::V4(_) => None,
    }
}

/// option(id, name, value[, value2, value3]): sets a socket option as libuv would; 0 or a
/// negative errno.
fn option(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let name = args.get(1).to_rust_string_lossy(scope);
    let number = args.get(2).int32_value(scope).unwrap_or(0);
    let text = |scope: &mut v8::PinScope, index: i32| {
        let value = args.get(index);
        (!value.is_null_or_undefined()).then(|| value.to_rust_string_lossy(scope))
    };
    let (first, second, third) = (text(scope, 2), text(scope, 3), text(scope, 4));
    // libuv checks TTL ranges and parses addresses before it touches the socket.
    let parses = |text: &Option<String>| text.as_deref().is_none_or(|text| parse_ip(text, 0).is_some());
    let valid = match name.as_str() {
        "ttl" => (1..=255).contains(&number),
        "multicastTTL" => (0..=255).contains(&number),
        "addMembership" | "dropMembership" => first.is_some() && parses(&first) && parses(&second),
        "addSourceSpecificMembership" | "dropSourceSpecificMembership" => {
            first.is_some() && second.is_some() && parses(&first) && parses(&second) && parses(&third)
        }
        _ => true,
    };
    if !valid {
        return set_int(scope, &mut rv, -libc::EINVAL);
    }
    let result = with_socket(id, |udp| -> io::Result<()> {
        let socket = SockRef::from(udp.socket.as_ref());
        let ipv6 = is_ipv6(&udp.socket);
        let invalid = || io::Error::from_raw_os_error(libc::EINVAL);
        match name.as_str() {
            "broadcast" => socket.set_broadcast(number != 0),
            "ttl" if ipv6 => socket.set_unicast_hops_v6(number as u32),
            "ttl" => socket.set_ttl_v4(number as u32),
            "multicastTTL" if ipv6 => socket.set_multicast_hops_v6(number as u32),
            "multicastTTL" => socket.set_multicast_ttl_v4(number as u32),
            "multicastLoopback" if ipv6 => socket.set_multicast_loop_v6(number != 0),
            "multicastLoopback" => socket.set_multicast_loop_v4(number != 0),
            "multicastInterface" if ipv6 => socket.set_multicast_if_v6(ipv6_interface(first.as_deref().unwrap_or("")).ok_or_else(invalid)?),
            "multicastInterface" => socket.set_multicast_if_v4(&ipv4_of(first.as_deref().unwrap_or("")).ok_or_else(invalid)?),
            "addMembership" | "dropMembership" => {
                let add = name == "addMembership";
                let group = first.as_deref().unwrap_or("");
                match group.parse::<IpAddr>().map_err(|_| invalid())? {
                    IpAddr::V4(group) => {
                        let interface = second.as_deref().map_or(Some(Ipv4Addr::UNSPECIFIED), ipv4_of).ok_or_else(invalid)?;
                        if add { socket.join_multicast_v4(&group, &interface) } else { socket.leave_multicast_v4(&group, &interface) }
                    }
                    IpAddr::V6(group) => {
                        let interface = second.as_deref().map_or(Some(0), ipv6_interface).ok_or_else(invalid)?;
                        if add { socket.join_multicast_v6(&group, interface) } else { socket.leave_multicast_v6(&group, interface) }
                    }
                }
            }
            "addSourceSpecificMembership" | "dropSourceSpecificMembership" => {
                let add = name == "addSourceSpecificMembership";
                let source = first.as_deref().and_then(ipv4_of);
                let group = second.as_deref().and_then(ipv4_of);
                let (Some(source), Some(group)) = (source, group) else {
                    // IPv6 source-specific membership needs MCAST_JOIN_SOURCE_GROUP, which
                    // socket2 does not offer; libuv reports what the kernel says for it.
                    return Err(if first.as_deref().is_some_and(|s| s.parse::<Ipv6Addr>().is_ok()) {
                        io::Error::from_raw_os_error(libc::ENOSYS)
                    } else {
                        invalid()
                    });
                };
                let interface = third.as_deref().map_or(Some(Ipv4Addr::UNSPECIFIED), ipv4_of).ok_or_else(invalid)?;
                if add {
                    socket.join_ssm_v4(&source, &group, &interface)
                } else {
                    socket.leave_ssm_v4(&source, &group, &interface)
                }
            }
            _ => Err(invalid()),
        }
    });
    set_int(scope, &mut rv, match result {
        None => -libc::EBADF,
        Some(Ok(())) => 0,
        Some(Err(error)) => errno_of(&error),
    });
}

/// bufferSize(id, size, receive): sets the buffer size (size > 0) and returns what the
/// kernel reports, or a negative errno.
fn buffer_size(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let size = args.get(1).uint32_value(scope).unwrap_or(0) as usize;
    let receive = args.get(2).is_true();
    let result = with_socket(id, |udp| -> io::Result<usize> {
        let socket = SockRef::from(udp.socket.as_ref());
        if size > 0 {
            if receive { socket.set_recv_buffer_size(size)? } else { socket.set_send_buffer_size(size)? }
        }
        if receive { socket.recv_buffer_size() } else { socket.send_buffer_size() }
    });
    let value = match result {
        None => -libc::EBADF,
        Some(Ok(value)) => value as i32,
        Some(Err(error)) => errno_of(&error),
    };
    set_int(scope, &mut rv, value);
}

/// queue(id): [bytes, count] of sends in flight.
fn queue(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let (bytes, count) = with_socket(id, |udp| (udp.queued_bytes.load(Ordering::Acquire), udp.queued_count.load(Ordering::Acquire)))
        .unwrap_or((0, 0));
    let bytes = v8::Number::new(scope, bytes as f64).into();
    let count = v8::Number::new(scope, count as f64).into();
    rv.set(v8::Array::new_with_elements(scope, &[bytes, count]).into());
}

/// ref(id, refed): whether the socket keeps the loop alive.
fn set_ref(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let refed = args.get(1).is_true();
    let state = RuntimeState::get(scope);
    if with_socket(id, |udp| {
        udp.refed = refed;
        update_liveness(&state, udp);
    })
    .is_none()
    {
        UNBOUND_REFS.with(|refs| refs.borrow_mut().insert(id, refed));
    }
}

/// close(id): stops receiving and closes the socket now, as libuv does (its port is free
/// when close returns); queued sends are dropped.
fn close(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let state = RuntimeState::get(scope);
    UNBOUND_REFS.with(|refs| refs.borrow_mut().remove(&id));
    if let Some(mut udp) = SOCKETS.with(|sockets| sockets.borrow_mut().remove(&id)) {
        udp.closed.store(true, Ordering::Release);
        if let Some(receiver) = udp.receiver.take() {
            receiver.abort();
        }
        // The tokio tasks let go of the socket only when the loop next polls them; until
        // then its fd number holds a fresh unbound socket, so the bound one closes now
        // (epoll forgets a file once it is closed).
        let domain = if is_ipv6(&udp.socket) { Domain::IPV6 } else { Domain::IPV4 };
        if let Ok(placeholder) = Socket::new(domain, Type::DGRAM.cloexec(), None) {
            // SAFETY: dup3 onto an fd this socket owns; the placeholder's own fd closes on drop.
            unsafe { libc::dup3(placeholder.as_raw_fd(), udp.socket.as_raw_fd(), libc::O_CLOEXEC) };
        }
        if udp.counted {
            state.native_refs.set(state.native_refs.get() - 1);
        }
    }
}

/// The `dgram` bindings object.
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "bind" => bind,
        "open" => open,
        "fdType" => fd_type,
        "fd" => fd,
        "recvStart" => recv_start,
        "recvStop" => recv_stop,
        "send" => send,
        "sent" => sent,
        "connect" => connect,
        "disconnect" => disconnect,
        "sockname" => sockname,
        "option" => option,
        "bufferSize" => buffer_size,
        "queue" => queue,
        "ref" => set_ref,
        "close" => close,
    });
    rv.set(object.into());
}
