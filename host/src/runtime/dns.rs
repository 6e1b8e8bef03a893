//! Native half of `dns`. `lookup` and `lookupService` use the system resolver
//! (getaddrinfo/getnameinfo) on the blocking pool, as node does through libuv. The resolve*
//! family asks the configured DNS servers itself, as node does through c-ares: hickory-proto
//! builds each query and parses each answer, the exchange (UDP, TCP when the answer was
//! truncated; tries and timeouts per server) is here. Results come back to the JS thread
//! through the internal `dnsComplete(request, error, value)`; errors are libuv error numbers
//! (lookup) or c-ares code names (resolve).

use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::{CStr, CString};
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use hickory_proto::op::{Message, MessageType, OpCode, Query, ResponseCode};
use hickory_proto::rr::{Name, RData, Record, RecordType};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::bindings::binding_object;
use super::bindings::{set_property, string};
use super::RuntimeState;

thread_local! {
    /// Queries in flight, by request id, so that a Resolver's cancel can end them.
    static QUERIES: RefCell<HashMap<u32, tokio::task::AbortHandle>> = RefCell::new(HashMap::new());
}

/// A value handed to JS.
enum Value {
    Text(String),
    Number(f64),
    /// An ArrayBuffer.
    Bytes(Vec<u8>),
    List(Vec<Value>),
    Object(Vec<(&'static str, Value)>),
}

fn to_js<'s>(scope: &mut v8::PinScope<'s, '_>, value: &Value) -> v8::Local<'s, v8::Value> {
    match value {
        Value::Text(text) => string(scope, text).into(),
        Value::Number(number) => v8::Number::new(scope, *number).into(),
        Value::Bytes(bytes) => {
            let store = v8::ArrayBuffer::new_backing_store_from_vec(bytes.clone()).make_shared();
            v8::ArrayBuffer::with_backing_store(scope, &store).into()
        }
        Value::List(items) => {
            let items: Vec<_> = items.iter().map(|item| to_js(scope, item)).collect();
            v8::Array::new_with_elements(scope, &items).into()
        }
        Value::Object(fields) => {
            let object = v8::Object::new(scope);
            for (name, field) in fields {
                let field = to_js(scope, field);
                set_property(scope, object, name, field);
            }
            object.into()
        }
    }
}

fn complete(scope: &mut v8::PinScope, request: u32, result: Result<Value, Value>) {
    let request_value = v8::Integer::new_from_unsigned(scope, request).into();
    let (error, value) = match &result {
        Ok(value) => (v8::null(scope).into(), to_js(scope, value)),
        Err(error) => (to_js(scope, error), v8::undefined(scope).into()),
    };
    super::call_internal(scope, crate::runtime::internals::Internal::DnsComplete, &[request_value, error, value]);
}

/// glibc's EAI_ADDRFAMILY and EAI_CANCELED (GNU extensions the libc crate leaves out).
const EAI_ADDRFAMILY: i32 = -9;
const EAI_CANCELED: i32 = -101;

/// libuv's number for a getaddrinfo error (UV_EAI_*), or the negative errno for EAI_SYSTEM.
fn uv_eai(code: i32) -> i32 {
    match code {
        EAI_ADDRFAMILY => -3000,
        libc::EAI_AGAIN => -3001,
        libc::EAI_BADFLAGS => -3002,
        EAI_CANCELED => -3003,
        libc::EAI_FAIL => -3004,
        libc::EAI_FAMILY => -3005,
        libc::EAI_MEMORY => -3006,
        libc::EAI_NODATA => -3007,
        libc::EAI_NONAME => -3008,
        libc::EAI_OVERFLOW => -3009,
        libc::EAI_SERVICE => -3010,
        libc::EAI_SOCKTYPE => -3011,
        libc::EAI_SYSTEM => -std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EIO),
        _ => -3004,
    }
}

/// getaddrinfo(3) for a host name: the addresses with their families (4 or 6), in the
/// order asked for (0 as the resolver gave them, 1 IPv4 first, 2 IPv6 first).
fn resolve_host(host: &str, family: i32, flags: i32, order: i32) -> Result<Vec<(String, i32)>, i32> {
    let host = CString::new(host).map_err(|_| -3008)?;
    // SAFETY: a zeroed addrinfo is valid hints; the fields set below are plain integers.
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_family = match family {
        4 => libc::AF_INET,
        6 => libc::AF_INET6,
        _ => libc::AF_UNSPEC,
    };
    hints.ai_socktype = libc::SOCK_STREAM;
    hints.ai_flags = flags;
    let mut list: *mut libc::addrinfo = std::ptr::null_mut();
    // SAFETY: valid C strings and hints; the list is freed below.
    let code = unsafe { libc::getaddrinfo(host.as_ptr(), std::ptr::null(), &hints, &mut list) };
    if code != 0 {
        return Err(uv_eai(code));
    }
    let mut addresses = Vec::new();
    let mut entry = list;
    while !entry.is_null() {
        // SAFETY: getaddrinfo's list entries and their addresses stay valid until freed.
        let info = unsafe { &*entry };
        let address = match info.ai_family {
            libc::AF_INET => {
                let raw = unsafe { &*(info.ai_addr as *const libc::sockaddr_in) };
                Some((std::net::Ipv4Addr::from(u32::from_be(raw.sin_addr.s_addr)).to_string(), 4))
            }
            libc::AF_INET6 => {
                let raw = unsafe { &*(info.ai_addr as *const libc::sockaddr_in6) };
                Some((std::net::Ipv6Addr::from(raw.sin6_addr.s6_addr).to_string(), 6))
            }
            _ => None,
        };
        addresses.extend(address);
        entry = info.ai_next;
    }
    // SAFETY: the list getaddrinfo returned, freed once.
    unsafe { libc::freeaddrinfo(list) };
    match order {
        1 => addresses.sort_by_key(|(_, family)| *family),
        2 => addresses.sort_by_key(|(_, family)| -*family),
        _ => {}
    }
    Ok(addresses)
}

/// getaddrinfo(request, hostname, family, flags, order): completes with
/// [[address, family], ...] or a libuv error number.
fn getaddrinfo(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let request = args.get(0).uint32_value(scope).unwrap_or(0);
    let host = args.get(1).to_rust_string_lossy(scope);
    let family = args.get(2).int32_value(scope).unwrap_or(0);
    let flags = args.get(3).int32_value(scope).unwrap_or(0);
    let order = args.get(4).int32_value(scope).unwrap_or(0);
    RuntimeState::get(scope).run_blocking(
        move || resolve_host(&host, family, flags, order),
        move |scope, result| {
            let result = result
                .map(|addresses| {
                    Value::List(
                        addresses
                            .into_iter()
                            .map(|(address, family)| Value::List(vec![Value::Text(address), Value::Number(family as f64)]))
                            .collect(),
                    )
                })
                .map_err(|code| Value::Number(code as f64));
            complete(scope, request, result);
        },
    );
}

fn resolve_service(ip: IpAddr, port: u16) -> Result<(String, String), i32> {
    let address: socket2::SockAddr = SocketAddr::new(ip, port).into();
    let mut host = [0 as libc::c_char; libc::NI_MAXHOST as usize];
    let mut service = [0 as libc::c_char; 32];
    // SAFETY: a valid socket address and output buffers of the sizes passed.
    let code = unsafe {
        libc::getnameinfo(
            address.as_ptr().cast(),
            address.len(),
            host.as_mut_ptr(),
            host.len() as libc::socklen_t,
            service.as_mut_ptr(),
            service.len() as libc::socklen_t,
            libc::NI_NAMEREQD,
        )
    };
    if code != 0 {
        return Err(uv_eai(code));
    }
    // SAFETY: getnameinfo wrote NUL-terminated strings.
    let text = |buffer: &[libc::c_char]| unsafe { CStr::from_ptr(buffer.as_ptr()) }.to_string_lossy().into_owned();
    Ok((text(&host), text(&service)))
}

/// getnameinfo(request, ip, port): completes with [hostname, service] or a libuv error number.
fn getnameinfo(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let request = args.get(0).uint32_value(scope).unwrap_or(0);
    let ip = args.get(1).to_rust_string_lossy(scope);
    let port = args.get(2).uint32_value(scope).unwrap_or(0) as u16;
    let Ok(ip) = ip.parse::<IpAddr>() else {
        return complete(scope, request, Err(Value::Number(-libc::EINVAL as f64)));
    };
    RuntimeState::get(scope).run_blocking(
        move || resolve_service(ip, port),
        move |scope, result| {
            let result = result
                .map(|(host, service)| Value::List(vec![Value::Text(host), Value::Text(service)]))
                .map_err(|code| Value::Number(code as f64));
            complete(scope, request, result);
        },
    );
}

/// A domain name as c-ares gives it: ASCII, without the root's trailing dot.
fn name_text(name: &Name) -> String {
    let text = name.to_ascii();
    text.strip_suffix('.').map(str::to_string).unwrap_or(text)
}

fn bytes_text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// One answer as JS sees it: its type, ttl and its type's fields.
fn record_value(record: &Record) -> Option<Value> {
    let number = |n: f64| Value::Number(n);
    let text = Value::Text;
    let (kind, mut fields): (&str, Vec<(&'static str, Value)>) = match &record.data {
        RData::A(a) => ("A", vec![("address", text(a.0.to_string()))]),
        RData::AAAA(aaaa) => ("AAAA", vec![("address", text(aaaa.0.to_string()))]),
        RData::CNAME(cname) => ("CNAME", vec![("value", text(name_text(&cname.0)))]),
        RData::NS(ns) => ("NS", vec![("value", text(name_text(&ns.0)))]),
        RData::PTR(ptr) => ("PTR", vec![("value", text(name_text(&ptr.0)))]),
        RData::MX(mx) => ("MX", vec![("exchange", text(name_text(&mx.exchange))), ("priority", number(mx.preference as f64))]),
        RData::TXT(txt) => ("TXT", vec![("entries", Value::List(txt.txt_data.iter().map(|entry| text(bytes_text(entry))).collect()))]),
        RData::SRV(srv) => (
            "SRV",
            vec![
                ("name", text(name_text(&srv.target))),
                ("port", number(srv.port as f64)),
                ("priority", number(srv.priority as f64)),
                ("weight", number(srv.weight as f64)),
            ],
        ),
        RData::NAPTR(naptr) => (
            "NAPTR",
            vec![
                ("flags", text(bytes_text(&naptr.flags))),
                ("service", text(bytes_text(&naptr.services))),
                ("regexp", text(bytes_text(&naptr.regexp))),
                ("replacement", text(name_text(&naptr.replacement))),
                ("order", number(naptr.order as f64)),
                ("preference", number(naptr.preference as f64)),
            ],
        ),
        RData::SOA(soa) => (
            "SOA",
            vec![
                ("nsname", text(name_text(&soa.mname))),
                ("hostmaster", text(name_text(&soa.rname))),
                ("serial", number(soa.serial as f64)),
                ("refresh", number(soa.refresh as u32 as f64)),
                ("retry", number(soa.retry as u32 as f64)),
                ("expire", number(soa.expire as u32 as f64)),
                ("minttl", number(soa.minimum as f64)),
            ],
        ),
        RData::CAA(caa) => {
            let flags = if caa.issuer_critical { 128 } else { 0 } | caa.reserved_flags;
            ("CAA", vec![("critical", number(flags as f64)), ("tag", text(caa.tag.clone())), ("value", text(bytes_text(&caa.value)))])
        }
        RData::TLSA(tlsa) => (
            "TLSA",
            vec![
                ("certUsage", number(u8::from(tlsa.cert_usage) as f64)),
                ("selector", number(u8::from(tlsa.selector) as f64)),
                ("match", number(u8::from(tlsa.matching) as f64)),
                ("data", Value::Bytes(tlsa.cert_data.clone())),
            ],
        ),
        _ => return None,
    };
    fields.push(("type", Value::Text(kind.to_string())));
    fields.push(("ttl", Value::Number(record.ttl as f64)));
    Some(Value::Object(fields))
}

/// What went wrong, as c-ares names it.
type Failure = &'static str;

fn rcode_failure(code: ResponseCode) -> Option<Failure> {
    match code {
        ResponseCode::NoError => None,
        ResponseCode::FormErr => Some("EFORMERR"),
        ResponseCode::ServFail => Some("ESERVFAIL"),
        ResponseCode::NXDomain => Some("ENOTFOUND"),
        ResponseCode::NotImp => Some("ENOTIMP"),
        ResponseCode::Refused => Some("EREFUSED"),
        _ => Some("EBADRESP"),
    }
}

/// c-ares reports any failure to reach a server (refused, unreachable, no route) as
/// ECONNREFUSED.
fn io_failure(_error: &std::io::Error) -> Failure {
    "ECONNREFUSED"
}

struct Exchange {
    servers: Vec<SocketAddr>,
    timeout: Duration,
    max_timeout: Option<Duration>,
    tries: u32,
    local4: Option<IpAddr>,
    local6: Option<IpAddr>,
}

impl Exchange {
    fn local_for(&self, server: &SocketAddr) -> SocketAddr {
        match server {
            SocketAddr::V4(_) => SocketAddr::new(self.local4.unwrap_or(IpAddr::from([0, 0, 0, 0])), 0),
            SocketAddr::V6(_) => SocketAddr::new(self.local6.unwrap_or(IpAddr::from([0u16; 8])), 0),
        }
    }

    async fn udp(&self, server: SocketAddr, query: &[u8], id: u16, timeout: Duration) -> Result<Vec<u8>, Failure> {
        let socket = tokio::net::UdpSocket::bind(self.local_for(&server)).await.map_err(|error| io_failure(&error))?;
        socket.connect(server).await.map_err(|error| io_failure(&error))?;
        socket.send(query).await.map_err(|error| io_failure(&error))?;
        let mut buffer = vec![0u8; 65535];
        let receive = async {
            loop {
                let count = socket.recv(&mut buffer).await.map_err(|error| io_failure(&error))?;
                // Answers to another query id (stale or forged) are not ours.
                if count >= 2 && u16::from_be_bytes([buffer[0], buffer[1]]) == id {
                    return Ok(buffer[..count].to_vec());
                }
            }
        };
        tokio::time::timeout(timeout, receive).await.map_err(|_| "ETIMEOUT")?
    }

    async fn tcp(&self, server: SocketAddr, query: &[u8], timeout: Duration) -> Result<Vec<u8>, Failure> {
        let exchange = async {
            let socket = match server {
                SocketAddr::V4(_) => tokio::net::TcpSocket::new_v4(),
                SocketAddr::V6(_) => tokio::net::TcpSocket::new_v6(),
            }
            .map_err(|error| io_failure(&error))?;
            socket.bind(self.local_for(&server)).map_err(|error| io_failure(&error))?;
            let mut stream = socket.connect(server).await.map_err(|error| io_failure(&error))?;
            // DNS over TCP frames each message with its length (RFC 1035 4.2.2).
            let mut framed = (query.len() as u16).to_be_bytes().to_vec();
            framed.extend_from_slice(query);
            stream.write_all(&framed).await.map_err(|error| io_failure(&error))?;
            let length = stream.read_u16().await.map_err(|_| "EBADRESP")?;
            let mut answer = vec![0u8; length as usize];
            stream.read_exact(&mut answer).await.map_err(|_| "EBADRESP")?;
            Ok(answer)
        };
        tokio::time::timeout(timeout, exchange).await.map_err(|_| "ETIMEOUT")?
    }

    /// Asks each server in turn, `tries` rounds, the timeout doubling each round (up to the
    /// maximum), as c-ares does; the first usable answer wins.
    async fn run(&self, message: &Message) -> Result<Message, Failure> {
        let query = message.to_vec().map_err(|_| "EBADNAME")?;
        let id = message.metadata.id;
        if self.servers.is_empty() {
            return Err("ECONNREFUSED");
        }
        let mut last = "ETIMEOUT";
        for round in 0..self.tries.max(1) {
            let mut timeout = self.timeout.saturating_mul(1 << round.min(16));
            if let Some(max) = self.max_timeout {
                timeout = timeout.min(max);
            }
            for server in &self.servers {
                let mut answer = match self.udp(*server, &query, id, timeout).await {
                    Ok(answer) => answer,
                    Err(failure) => {
                        last = failure;
                        continue;
                    }
                };
                if answer.len() >= 3 && answer[2] & 0x02 != 0 {
                    answer = match self.tcp(*server, &query, timeout).await {
                        Ok(answer) => answer,
                        Err(failure) => {
                            last = failure;
                            continue;
                        }
                    };
                }
                let response = Message::from_vec(&answer).map_err(|_| "EBADRESP")?;
                match response.metadata.response_code {
                    // c-ares moves on to the next server for these.
                    ResponseCode::ServFail | ResponseCode::NotImp | ResponseCode::Refused => {
                        last = rcode_failure(response.metadata.response_code).unwrap_or("EBADRESP");
                        continue;
                    }
                    _ => return Ok(response),
                }
            }
        }
        Err(last)
    }
}

fn record_type(name: &str) -> Option<RecordType> {
    Some(match name {
        "A" => RecordType::A,
        "AAAA" => RecordType::AAAA,
        "ANY" => RecordType::ANY,
        "CAA" => RecordType::CAA,
        "CNAME" => RecordType::CNAME,
        "MX" => RecordType::MX,
        "NAPTR" => RecordType::NAPTR,
        "NS" => RecordType::NS,
        "PTR" => RecordType::PTR,
        "SOA" => RecordType::SOA,
        "SRV" => RecordType::SRV,
        "TLSA" => RecordType::TLSA,
        "TXT" => RecordType::TXT,
        _ => return None,
    })
}

async fn query(exchange: Exchange, name: String, kind: RecordType) -> Result<Value, Failure> {
    let name = Name::from_ascii(&name).map_err(|_| "EBADNAME")?;
    if name.iter().any(|label| label.len() > 63) {
        return Err("EBADNAME");
    }
    let mut message = Message::new(rand_id(), MessageType::Query, OpCode::Query);
    message.metadata.recursion_desired = true;
    message.add_query(Query::query(name, kind));
    let response = exchange.run(&message).await?;
    if let Some(failure) = rcode_failure(response.metadata.response_code) {
        return Err(failure);
    }
    let records: Vec<Value> = response
        .answers
        .iter()
        .filter(|record| kind == RecordType::ANY || record.record_type() == kind)
        .filter_map(record_value)
        .collect();
    if records.is_empty() {
        return Err("ENODATA");
    }
    Ok(Value::List(records))
}

/// What c-ares's reverse lookup finds in the hosts file (CARES_HOSTS, else /etc/hosts) for
/// `address`, before it asks DNS: the names of every line for the address after the first
/// (c-ares's hostent aliases, which node reports), or None when no line is for it.
fn hosts_file_names(address: IpAddr) -> Option<Vec<String>> {
    let path = std::env::var_os("CARES_HOSTS").unwrap_or_else(|| "/etc/hosts".into());
    let text = std::fs::read_to_string(path).ok()?;
    let mut names: Vec<String> = Vec::new();
    let mut found = false;
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("");
        let mut fields = line.split_whitespace();
        let Some(ip) = fields.next().and_then(|ip| ip.parse::<IpAddr>().ok()) else { continue };
        if ip != address {
            continue;
        }
        found = true;
        for name in fields {
            if !names.iter().any(|known| known.eq_ignore_ascii_case(name)) {
                names.push(name.to_string());
            }
        }
    }
    found.then(|| names.into_iter().skip(1).collect())
}

fn rand_id() -> u16 {
    let mut bytes = [0u8; 2];
    // SAFETY: getrandom(2) into a 2-byte buffer.
    unsafe { libc::getrandom(bytes.as_mut_ptr().cast(), 2, 0) };
    u16::from_ne_bytes(bytes)
}

fn server_list(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Vec<SocketAddr> {
    let Ok(list) = v8::Local::<v8::Array>::try_from(value) else { return Vec::new() };
    (0..list.length())
        .filter_map(|index| {
            let entry = v8::Local::<v8::Array>::try_from(list.get_index(scope, index)?).ok()?;
            let ip = entry.get_index(scope, 0)?.to_rust_string_lossy(scope).parse::<IpAddr>().ok()?;
            let port = entry.get_index(scope, 1)?.uint32_value(scope)? as u16;
            Some(SocketAddr::new(ip, port))
        })
        .collect()
}

/// query(request, servers, name, type, timeoutMs, tries, maxTimeoutMs, local4, local6,
/// hostsAddress): servers are [ip, port] pairs. Completes with the answers (objects with type,
/// ttl and the type's fields) or a c-ares error code. With hostsAddress (a reverse lookup's),
/// the hosts file answers first, as c-ares's gethostbyaddr.
fn start_query(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let request = args.get(0).uint32_value(scope).unwrap_or(0);
    let servers = server_list(scope, args.get(1));
    let name = args.get(2).to_rust_string_lossy(scope);
    let kind = record_type(&args.get(3).to_rust_string_lossy(scope)).unwrap_or(RecordType::A);
    let timeout = Duration::from_millis(args.get(4).uint32_value(scope).unwrap_or(2000) as u64);
    let tries = args.get(5).uint32_value(scope).unwrap_or(3);
    let max_timeout = args.get(6).uint32_value(scope).filter(|ms| *ms > 0).map(|ms| Duration::from_millis(ms as u64));
    let local = |scope: &mut v8::PinScope, index: i32| {
        let value = args.get(index);
        (!value.is_null_or_undefined()).then(|| value.to_rust_string_lossy(scope).parse::<IpAddr>().ok()).flatten()
    };
    let (local4, local6) = (local(scope, 7), local(scope, 8));
    let hosts_address = local(scope, 9);
    let exchange = Exchange { servers, timeout, max_timeout, tries, local4, local6 };
    let state = RuntimeState::get(scope);
    state.native_refs.set(state.native_refs.get() + 1);
    let tasks = state.tasks_tx.clone();
    let task = state.tokio.spawn(async move {
        let from_hosts = hosts_address.and_then(hosts_file_names).map(|names| {
            Value::List(names.into_iter().map(|name| Value::Object(vec![("value", Value::Text(name))])).collect())
        });
        let result = match from_hosts {
            Some(names) => Ok(names),
            None => query(exchange, name, kind).await,
        };
        let _ = tasks.send(Box::new(move |scope: &mut v8::PinScope| {
            if QUERIES.with(|queries| queries.borrow_mut().remove(&request)).is_none() {
                return;
            }
            let state = RuntimeState::get(scope);
            state.native_refs.set(state.native_refs.get() - 1);
            complete(scope, request, result.map_err(|failure| Value::Text(failure.to_string())));
        }));
    });
    QUERIES.with(|queries| queries.borrow_mut().insert(request, task.abort_handle()));
}

/// cancel(request): ends a query; it completes with ECANCELLED.
fn cancel(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let request = args.get(0).uint32_value(scope).unwrap_or(0);
    let Some(task) = QUERIES.with(|queries| queries.borrow_mut().remove(&request)) else { return };
    task.abort();
    let state = RuntimeState::get(scope);
    state.native_refs.set(state.native_refs.get() - 1);
    // Delivered from the loop, not from inside cancel(), as c-ares calls back later.
    let _ = state.tasks_tx.send(Box::new(move |scope: &mut v8::PinScope| {
        complete(scope, request, Err(Value::Text("ECANCELLED".to_string())));
    }));
}

/// systemConfig(): { servers: [[ip, port], ...], timeout, attempts } from /etc/resolv.conf
/// (c-ares's defaults where it says nothing: 127.0.0.1, 2000 ms, 3 tries).
fn system_config(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let config = std::fs::read("/etc/resolv.conf").ok().and_then(|bytes| resolv_conf::Config::parse(bytes).ok());
    let mut servers: Vec<Value> = config
        .as_ref()
        .map(|config| {
            config
                .nameservers
                .iter()
                .map(|server| Value::List(vec![Value::Text(IpAddr::from(server.clone()).to_string()), Value::Number(53.0)]))
                .collect()
        })
        .unwrap_or_default();
    if servers.is_empty() {
        servers.push(Value::List(vec![Value::Text("127.0.0.1".into()), Value::Number(53.0)]));
    }
    let timeout = config.as_ref().map_or(2000.0, |config| config.timeout as f64 * 1000.0);
    let attempts = config.as_ref().map_or(3.0, |config| config.attempts as f64);
    let value = Value::Object(vec![("servers", Value::List(servers)), ("timeout", Value::Number(timeout)), ("attempts", Value::Number(attempts))]);
    rv.set(to_js(scope, &value));
}

/// The `dns` bindings object.
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "getaddrinfo" => getaddrinfo,
        "getnameinfo" => getnameinfo,
        "query" => start_query,
        "cancel" => cancel,
        "systemConfig" => system_config,
    });
    rv.set(object.into());
}
