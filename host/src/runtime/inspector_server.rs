//! The inspector's server (node's --inspect and inspector.open()): HTTP for the target list
//! and a WebSocket per front end, on threads of their own, so that a paused isolate still
//! hears its front ends. Each front end is a session on the main thread's inspector.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tungstenite::protocol::{Role, WebSocketContext};
use tungstenite::{Error, Message};

use super::memory_pipe::MemoryPipe;

/// Node's default inspector port.
pub(crate) const DEFAULT_PORT: u16 = 9229;
const DEFAULT_HOST: &str = "127.0.0.1";
const HELP: &str = "For help, see: https://nodejs.org/learn/getting-started/debugging";
const NOT_WEBSOCKET: &[u8] = b"HTTP/1.0 400 Bad Request\r\nContent-Type: text/html; charset=UTF-8\r\n\r\nWebSockets request was expected\r\n";

/// Where the server listens: `[host:]port` as node's --inspect and --inspect-port take it.
#[derive(Clone, PartialEq, Debug)]
pub(crate) struct HostPort {
    pub(crate) host: String,
    pub(crate) port: u16,
}

impl Default for HostPort {
    fn default() -> Self {
        HostPort { host: DEFAULT_HOST.to_string(), port: DEFAULT_PORT }
    }
}

impl HostPort {
    /// Applies a `[host:]port` value (a bare word that is not all digits is a host); the
    /// error is node's message for a bad port.
    pub(crate) fn update(&mut self, value: &str) -> Result<(), String> {
        if let Some(host) = value.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')) {
            self.host = host.to_string();
            return Ok(());
        }
        let (host, port) = match value.rfind(':') {
            Some(colon) => (&value[..colon], Some(&value[colon + 1..])),
            None if value.bytes().all(|byte| byte.is_ascii_digit()) => ("", Some(value)),
            None => (value, None),
        };
        let host = host.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')).unwrap_or(host);
        if !host.is_empty() {
            self.host = host.to_string();
        }
        if let Some(port) = port {
            self.port = match port.parse::<u32>() {
                Ok(port) if port == 0 || (1024..=65535).contains(&port) => port as u16,
                _ => return Err("must be 0 or in range 1024 to 65535.".into()),
            };
        }
        Ok(())
    }
}

/// Where the target's WebSocket URL is published (node's --inspect-publish-uid): the
/// "Debugger listening" lines on stderr, the HTTP answers (/json and its kin, else 404s).
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) struct Publish {
    pub(crate) stderr: bool,
    pub(crate) http: bool,
}

impl Publish {
    /// From --inspect-publish-uid's value (checked by the command line; "" is the default:
    /// both).
    pub(crate) fn from_option(value: &str) -> Publish {
        if value.is_empty() {
            return Publish { stderr: true, http: true };
        }
        let destinations: Vec<&str> = value.split(',').collect();
        Publish { stderr: destinations.contains(&"stderr"), http: destinations.contains(&"http") }
    }
}

/// What /json lists about this process.
struct Target {
    id: String,
    title: String,
    url: String,
    /// The address as listened on (`host:port`, an IPv6 host in brackets).
    address: String,
    /// Connections open (HTTP or WebSocket), and whether the server is stopping: when the
    /// last one ends with a front end, node says the debugger is ending.
    open: AtomicUsize,
    stopping: AtomicBool,
    publish: Publish,
}

/// A running server.
pub(crate) struct Server {
    target: Arc<Target>,
    port: u16,
    listener: TcpListener,
    /// The open connections, to end them when the server stops.
    connections: Arc<Mutex<HashMap<u64, TcpStream>>>,
}

/// A front end's WebSocket: its framing and the stream to write to, shared by the thread
/// that reads it and the JS thread, which sends the session's messages.
pub(crate) struct FrontEnd {
    socket: Mutex<(WebSocketContext, MemoryPipe)>,
    stream: TcpStream,
}

impl FrontEnd {
    pub(crate) fn send(&self, text: String) {
        let mut socket = self.socket.lock().unwrap();
        let (context, pipe) = &mut *socket;
        if context.write(pipe, Message::text(text)).is_ok() {
            let _ = context.flush(pipe);
        }
        let bytes = std::mem::take(&mut pipe.outgoing);
        let _ = (&self.stream).write_all(&bytes);
    }
}

/// What the server asks of the inspector (on the JS thread, through the inspector's inbox).
pub(crate) trait Sessions: Send + Sync + 'static {
    fn connect(&self, front_end: Arc<FrontEnd>) -> u32;
    fn dispatch(&self, session: u32, message: String);
    fn disconnect(&self, session: u32);
}

/// Node's "address already in use" and the like: libuv's descriptions of the errors.
fn describe(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::AddrInUse => "address already in use".into(),
        io::ErrorKind::AddrNotAvailable => "address not available".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}

impl Server {
    /// Listens on `at`, prints node's "Debugger listening" lines; on failure prints node's
    /// message and returns None.
    pub(crate) fn start(at: &HostPort, title: String, url: String, publish: Publish, sessions: Arc<dyn Sessions>) -> Option<Server> {
        let addresses: Vec<SocketAddr> = match (at.host.as_str(), at.port).to_socket_addrs() {
            Ok(addresses) => addresses.collect(),
            Err(_) => Vec::new(),
        };
        if addresses.is_empty() {
            super::bindings::write_stderr(&format!("Unable to resolve \"{}\": unknown node or service\n", at.host));
            return None;
        }
        let listener = match TcpListener::bind(&addresses[..]) {
            Ok(listener) => listener,
            Err(error) => {
                super::bindings::write_stderr(&format!("Starting inspector on {}:{} failed: {}\n", at.host, at.port, describe(&error)));
                return None;
            }
        };
        let port = listener.local_addr().map_or(at.port, |address| address.port());
        let host = if at.host.contains(':') { format!("[{}]", at.host) } else { at.host.clone() };
        let target = Arc::new(Target {
            id: random_uuid(),
            title,
            url,
            address: format!("{host}:{port}"),
            open: AtomicUsize::new(0),
            stopping: AtomicBool::new(false),
            publish,
        });
        target.announce("listening");
        let connections = Arc::new(Mutex::new(HashMap::new()));
        let accepting = listener.try_clone().ok()?;
        let (accept_target, accept_connections) = (target.clone(), connections.clone());
        std::thread::Builder::new()
            .name("inspector".into())
            .spawn(move || {
                for (number, stream) in (0u64..).zip(accepting.incoming()) {
                    let Ok(stream) = stream else { break };
                    let Ok(copy) = stream.try_clone() else { continue };
                    accept_connections.lock().unwrap().insert(number, copy);
                    let (target, sessions, connections) = (accept_target.clone(), sessions.clone(), accept_connections.clone());
                    target.open.fetch_add(1, Ordering::SeqCst);
                    let _ = std::thread::Builder::new().name("inspector-io".into()).spawn(move || {
                        let attached = serve(stream, &target, &*sessions);
                        if let Some(stream) = connections.lock().unwrap().remove(&number) {
                            let _ = stream.shutdown(Shutdown::Both);
                        }
                        let last = target.open.fetch_sub(1, Ordering::SeqCst) == 1;
                        if attached && last && !target.stopping.load(Ordering::SeqCst) {
                            target.announce("ending");
                        }
                    });
                }
            })
            .ok()?;
        Some(Server { target, port, listener, connections })
    }

    pub(crate) fn port(&self) -> u16 {
        self.port
    }

    /// The front ends' WebSocket URL.
    pub(crate) fn url(&self) -> String {
        format!("ws://{}/{}", self.target.address, self.target.id)
    }

    /// Takes no more connections.
    pub(crate) fn stop_listening(&self) {
        self.target.stopping.store(true, Ordering::SeqCst);
        // SAFETY: shutting the listening socket down wakes its thread's accept with an error.
        unsafe { libc::shutdown(self.listener.as_raw_fd(), libc::SHUT_RDWR) };
    }

    /// Stops listening and ends every connection (their sessions disconnect as their
    /// threads see the end).
    pub(crate) fn stop(self) {
        self.stop_listening();
        for (_, stream) in self.connections.lock().unwrap().drain() {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

impl Target {
    /// Node's "Debugger listening on ws://..." (or "ending") lines.
    fn announce(&self, what: &str) {
        if !self.publish.stderr {
            return;
        }
        super::bindings::write_stderr(&format!("Debugger {what} on ws://{}/{}\n{HELP}\n", self.address, self.id));
    }
}

/// A version 4 UUID from OpenSSL's random bytes, as node names its targets.
fn random_uuid() -> String {
    let mut bytes = [0u8; 16];
    let _ = openssl::rand::rand_bytes(&mut bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// Node's DNS-rebinding guard: a Host header must name localhost or an IP address.
fn allowed_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(name, _)| name)
    };
    name.is_empty() || name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok()
}

/// `path` after the segment `segment` (matched without case, ending there or at a slash).
fn after_segment<'a>(path: &'a str, segment: &str) -> Option<&'a str> {
    let head = path.get(..segment.len())?;
    if !head.eq_ignore_ascii_case(segment) {
        return None;
    }
    let rest = &path[segment.len()..];
    if rest.is_empty() {
        Some(rest)
    } else {
        rest.strip_prefix('/')
    }
}

/// Node's JSON layout for its answers: two-space indents, a list's objects in `[ {`.
fn json_object(fields: &[(&str, &str)], indent: &str) -> String {
    let lines: Vec<String> = fields.iter().map(|(key, value)| format!("{indent}  {}: {}", serde_json::Value::from(*key), serde_json::Value::from(*value))).collect();
    format!("{{\n{}\n{indent}}}", lines.join(",\n"))
}

/// Node's answer with `body` and `status` (whose reason it always calls "OK").
fn json_response(status: u16, body: &str) -> Vec<u8> {
    format!("HTTP/1.0 {status} OK\r\nContent-Type: application/json; charset=UTF-8\r\nCache-Control: no-cache\r\nContent-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// The answer to GET `path`, None for a path node does not answer; all a 404 when the
/// target is not published over HTTP.
fn answer(target: &Target, host: &str, path: &str) -> Option<Vec<u8>> {
    if !target.publish.http {
        return Some(json_response(404, ""));
    }
    let command = after_segment(path, "/json")?;
    if command.is_empty() || after_segment(command, "list").is_some() {
        let address = if host.is_empty() { target.address.as_str() } else { host };
        let frontend = |page: &str| format!("devtools://devtools/bundled/{page}?experiments=true&v8only=true&ws={address}/{}", target.id);
        let (frontend, compat) = (frontend("js_app.html"), frontend("inspector.html"));
        let ws = format!("ws://{address}/{}", target.id);
        let fields = [
            ("description", "node.js instance"),
            ("devtoolsFrontendUrl", frontend.as_str()),
            ("devtoolsFrontendUrlCompat", compat.as_str()),
            ("faviconUrl", "https://nodejs.org/static/images/favicons/favicon.ico"),
            ("id", target.id.as_str()),
            ("title", target.title.as_str()),
            ("type", "node"),
            ("url", target.url.as_str()),
            ("webSocketDebuggerUrl", ws.as_str()),
        ];
        return Some(json_response(200, &format!("[ {} ]\n\n", json_object(&fields, ""))));
    }
    if after_segment(command, "version").is_some() {
        let browser = format!("node.js/{}", super::NODE_VERSION);
        return Some(json_response(200, &format!("{} ", json_object(&[("Browser", &browser), ("Protocol-Version", "1.1")], ""))));
    }
    None
}

/// One connection: HTTP requests (kept alive after a good answer) until one upgrades to a
/// front end's WebSocket; whether it did.
fn serve(mut stream: TcpStream, target: &Target, sessions: &dyn Sessions) -> bool {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut request = httparse::Request::new(&mut headers);
        let parsed = request.parse(&buffer);
        let length = match parsed {
            Ok(httparse::Status::Complete(length)) => length,
            Ok(httparse::Status::Partial) if buffer.len() < 64 * 1024 => {
                match stream.read(&mut chunk) {
                    Ok(0) | Err(_) => return false,
                    Ok(count) => buffer.extend_from_slice(&chunk[..count]),
                }
                continue;
            }
            _ => {
                let _ = stream.write_all(NOT_WEBSOCKET);
                return false;
            }
        };
        let header = |name: &str| {
            request.headers.iter().find(|header| header.name.eq_ignore_ascii_case(name)).map(|header| String::from_utf8_lossy(header.value).into_owned())
        };
        let host = header("host").unwrap_or_default();
        let path = request.path.unwrap_or("");
        let get = request.method == Some("GET");
        let key = header("sec-websocket-key").filter(|_| header("upgrade").is_some_and(|upgrade| upgrade.eq_ignore_ascii_case("websocket")));
        if !get || !allowed_host(&host) {
            let _ = stream.write_all(NOT_WEBSOCKET);
            return false;
        }
        if let Some(key) = key {
            if path.strip_prefix('/') != Some(target.id.as_str()) {
                let _ = stream.write_all(NOT_WEBSOCKET);
                return false;
            }
            let rest = buffer.split_off(length);
            front_end(stream, &key, rest, sessions);
            return true;
        }
        let Some(response) = answer(target, &host, path) else {
            let _ = stream.write_all(NOT_WEBSOCKET);
            return false;
        };
        buffer.drain(..length);
        if stream.write_all(&response).is_err() {
            return false;
        }
    }
}

/// RFC 6455's Sec-WebSocket-Accept for a key.
fn accept_key(key: &str) -> String {
    let digest = openssl::sha::sha1(format!("{}258EAFA5-E914-47DA-95CA-C5AB0DC85B11", key.trim()).as_bytes());
    openssl::base64::encode_block(&digest)
}

/// A front end's WebSocket: a session on the inspector for as long as it is open.
fn front_end(mut stream: TcpStream, key: &str, early: Vec<u8>, sessions: &dyn Sessions) {
    let handshake = format!("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {}\r\n\r\n", accept_key(key));
    let Ok(writer) = stream.try_clone() else { return };
    if stream.write_all(handshake.as_bytes()).is_err() {
        return;
    }
    // After the handshake, as node: a client sees its upgrade before the target's message.
    super::bindings::write_stderr("Debugger attached.\n");
    let mut pipe = MemoryPipe::default();
    pipe.incoming = early;
    let front_end = Arc::new(FrontEnd { socket: Mutex::new((WebSocketContext::new(Role::Server, None), pipe)), stream: writer });
    let session = sessions.connect(front_end.clone());
    let mut chunk = [0u8; 16 * 1024];
    'open: loop {
        let mut messages = Vec::new();
        let mut closed = false;
        {
            let mut socket = front_end.socket.lock().unwrap();
            let (context, pipe) = &mut *socket;
            loop {
                match context.read(pipe) {
                    Ok(Message::Text(text)) => messages.push(text.as_str().to_owned()),
                    Ok(Message::Binary(bytes)) => messages.push(String::from_utf8_lossy(&bytes).into_owned()),
                    Ok(Message::Close(_)) => {}
                    Ok(_) => {}
                    Err(Error::Io(error)) if error.kind() == io::ErrorKind::WouldBlock => break,
                    Err(_) => {
                        closed = true;
                        break;
                    }
                }
            }
            let _ = context.flush(pipe);
            let bytes = std::mem::take(&mut pipe.outgoing);
            let _ = (&front_end.stream).write_all(&bytes);
        }
        for message in messages {
            sessions.dispatch(session, message);
        }
        if closed {
            break 'open;
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break 'open,
            Ok(count) => front_end.socket.lock().unwrap().1.incoming.extend_from_slice(&chunk[..count]),
        }
    }
    let _ = stream.shutdown(Shutdown::Both);
    sessions.disconnect(session);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_port_values_are_read_as_node_reads_them() {
        let mut at = HostPort::default();
        at.update("0").unwrap();
        assert_eq!(at, HostPort { host: "127.0.0.1".into(), port: 0 });
        at.update("localhost:1234").unwrap();
        assert_eq!(at, HostPort { host: "localhost".into(), port: 1234 });
        at.update("[::1]:2000").unwrap();
        assert_eq!(at, HostPort { host: "::1".into(), port: 2000 });
        at.update("example").unwrap();
        assert_eq!(at, HostPort { host: "example".into(), port: 2000 });
        assert!(at.update("99").is_err());
        assert!(at.update("70000").is_err());
    }

    #[test]
    fn only_local_names_and_addresses_are_allowed_hosts() {
        assert!(allowed_host(""));
        assert!(allowed_host("localhost:9229"));
        assert!(allowed_host("127.0.0.1:9229"));
        assert!(allowed_host("[::1]:9229"));
        assert!(!allowed_host("example.com"));
    }
}
