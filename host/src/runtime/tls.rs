//! Native half of `tls`, as node's TLSWrap and SecureContext: OpenSSL contexts and
//! connections over memory buffers. JS feeds the ciphertext its transport read
//! (`receive`), asks the connection to make progress (`cycle`), writes plaintext
//! (`write`), and gets back, in order, what happened: ciphertext to send, plaintext read,
//! the handshake done, a paused ClientHello for SNI/ALPN/session callbacks, key-log lines,
//! new sessions, errors. Nothing blocks: OpenSSL only ever sees the memory buffers.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ffi::{c_int, c_long, c_uchar, c_void, CStr};
use std::io;
use std::sync::OnceLock;

use openssl::error::ErrorStack;
use openssl::ex_data::Index;
use openssl::hash::MessageDigest;
use openssl::nid::Nid;
use openssl::pkcs12::Pkcs12;
use openssl::pkey::{Id, PKey, Private};
use openssl::ssl::{
    AlpnError, ClientHelloResponse, ErrorCode, NameType, Ssl, SslContext, SslContextBuilder, SslMethod, SslOptions, SslRef,
    SslSession, SslSessionCacheMode, SslStream, SslVerifyMode, SslVersion,
};
use foreign_types::{ForeignType, ForeignTypeRef};
use openssl::x509::store::X509StoreBuilder;
use openssl::x509::{X509NameRef, X509Ref, X509};
use openssl_sys as ffi;

use super::crypto::engine::{self, Engine};
use super::memory_pipe::MemoryPipe;

mod sys {
    use std::ffi::{c_char, c_int, c_long, c_uchar, c_void};
    extern "C" {
        pub fn X509_STORE_add_crl(store: *mut openssl_sys::X509_STORE, crl: *mut openssl_sys::X509_CRL) -> c_int;
        pub fn SSL_CTX_set_info_callback(
            ctx: *mut openssl_sys::SSL_CTX,
            callback: Option<unsafe extern "C" fn(*const openssl_sys::SSL, c_int, c_int)>,
        );
        pub fn SSL_CTX_set_timeout(ctx: *mut openssl_sys::SSL_CTX, seconds: c_long) -> c_long;
        pub fn SSL_get_ciphers(ssl: *const openssl_sys::SSL) -> *mut c_void;
        pub fn SSL_set_options(ssl: *mut openssl_sys::SSL, options: u64) -> u64;
        pub fn X509_check_ca(cert: *mut openssl_sys::X509) -> c_int;
        pub fn EC_curve_nid2nist(nid: c_int) -> *const c_char;
        pub fn SSL_SESSION_get0_ticket(session: *const openssl_sys::SSL_SESSION, tick: *mut *const c_uchar, len: *mut usize);
        pub fn SSL_CTX_get0_certificate(ctx: *const openssl_sys::SSL_CTX) -> *mut openssl_sys::X509;
        pub fn SSL_CTX_set_tlsext_ticket_key_evp_cb(
            ctx: *mut openssl_sys::SSL_CTX,
            callback: Option<
                unsafe extern "C" fn(
                    *mut openssl_sys::SSL,
                    *mut c_uchar,
                    *mut c_uchar,
                    *mut openssl_sys::EVP_CIPHER_CTX,
                    *mut openssl_sys::EVP_MAC_CTX,
                    c_int,
                ) -> c_int,
            >,
        ) -> c_int;
        pub fn OSSL_PARAM_construct_utf8_string(key: *const c_char, buf: *mut c_char, bsize: usize) -> openssl_sys::OSSL_PARAM;
        pub fn SSL_set_msg_callback(ssl: *mut openssl_sys::SSL, callback: Option<MessageCallback>);
        pub fn SSL_trace(write: c_int, version: c_int, content_type: c_int, buf: *const c_void, len: usize, ssl: *mut openssl_sys::SSL, arg: *mut c_void);
        pub fn BIO_new_fd(fd: c_int, close_flag: c_int) -> *mut openssl_sys::BIO;
        pub fn d2i_PKCS12_bio(bio: *mut openssl_sys::BIO, pkcs12: *mut *mut openssl_sys::PKCS12) -> *mut openssl_sys::PKCS12;
        pub fn SSL_set_psk_server_callback(ssl: *mut openssl_sys::SSL, callback: Option<PskServerCallback>);
        pub fn SSL_set_psk_client_callback(ssl: *mut openssl_sys::SSL, callback: Option<PskClientCallback>);
        pub fn SSL_use_psk_identity_hint(ssl: *mut openssl_sys::SSL, hint: *const c_char) -> c_int;
        pub fn SSL_CIPHER_get_auth_nid(cipher: *const openssl_sys::SSL_CIPHER) -> c_int;
        pub fn PEM_read_bio_X509_AUX(
            bio: *mut openssl_sys::BIO,
            out: *mut *mut openssl_sys::X509,
            callback: *mut c_void,
            user: *mut c_void,
        ) -> *mut openssl_sys::X509;
    }
    pub type PskServerCallback = unsafe extern "C" fn(*mut openssl_sys::SSL, *const c_char, *mut c_uchar, std::ffi::c_uint) -> std::ffi::c_uint;
    pub type PskClientCallback = unsafe extern "C" fn(
        *mut openssl_sys::SSL,
        *const c_char,
        *mut c_char,
        std::ffi::c_uint,
        *mut c_uchar,
        std::ffi::c_uint,
    ) -> std::ffi::c_uint;
    pub type MessageCallback = unsafe extern "C" fn(c_int, c_int, c_int, *const c_void, usize, *mut openssl_sys::SSL, *mut c_void);
}

/// The BIO on stderr that `enableTrace()` writes OpenSSL's protocol trace to (node's
/// BIO_new_fp(stderr)): one for the process, never freed.
fn trace_bio() -> *mut ffi::BIO {
    struct Bio(*mut ffi::BIO);
    // SAFETY: a BIO on fd 2 that is only written to; OpenSSL's fd BIO keeps no other state.
    unsafe impl Send for Bio {}
    unsafe impl Sync for Bio {}
    static BIO: OnceLock<Bio> = OnceLock::new();
    // SAFETY: a BIO over fd 2, which it does not close.
    BIO.get_or_init(|| Bio(unsafe { sys::BIO_new_fd(2, 0 /* BIO_NOCLOSE */) })).0
}

/// SSL_trace for one message, its errors left behind (the trace is best effort, as node's).
unsafe extern "C" fn trace_message(write: c_int, version: c_int, content_type: c_int, buf: *const c_void, len: usize, ssl: *mut ffi::SSL, arg: *mut c_void) {
    // SAFETY: OpenSSL's own arguments, passed on as the callback got them.
    unsafe { sys::SSL_trace(write, version, content_type, buf, len, ssl, arg) };
    drop(ErrorStack::get());
}

use super::bindings::binding_object;
use super::bindings::{set_property, string, uint8_array};
use super::os::bytes_of;

/// What OpenSSL's callbacks tell JS, queued during a call and handed back after it.
enum Note {
    /// A handshake began (the first, or a renegotiation): JS counts them against node's limit.
    HandshakeStart,
    /// A handshake finished (node's handshake-done callback): only a later one, a
    /// renegotiation, reaches JS this way; the first is reported where do_handshake ends.
    HandshakeDone,
    Keylog(Vec<u8>),
    NewSession(Vec<u8>, Vec<u8>),
    /// The OCSP response the server stapled (None: it stapled none), for a client that asked.
    OcspResponse(Option<Vec<u8>>),
}

/// Per-connection state the context's callbacks read and write (the Ssl's ex data).
#[derive(Default)]
struct ConnState {
    /// Pause at the ClientHello so JS can run SNICallback/ALPNCallback/'resumeSession'.
    pause_hello: bool,
    hello_resumed: bool,
    /// The server's ALPN protocols (wire format).
    server_alpn: Option<Vec<u8>>,
    /// ALPNCallback's answer: Some(Some(protocol)) chosen, Some(None) rejected.
    alpn_choice: Option<Option<Vec<u8>>>,
    /// The session 'resumeSession' handed back, for OpenSSL's get-session callback.
    next_session: Option<SslSession>,
    keylog: bool,
    new_session_events: bool,
    notes: Vec<Note>,
    /// The OCSP response a server staples ('OCSPRequest' gave it).
    ocsp_response: Option<Vec<u8>>,
}

thread_local! {
    /// pskCallback's JS side for each connection that has one (by its SSL), called from
    /// OpenSSL's PSK callbacks.
    static PSK_HOOKS: RefCell<HashMap<usize, JsHook>> = RefCell::new(HashMap::new());
    /// enableTicketKeyCallback's JS side for each context that has one (by its SSL_CTX).
    static TICKET_KEY_HOOKS: RefCell<HashMap<usize, JsHook>> = RefCell::new(HashMap::new());
    /// What a hook threw, by the connection (SSL) it ran for: the handshake fails with it
    /// rather than OpenSSL's error.
    static HOOK_EXCEPTIONS: RefCell<HashMap<usize, v8::Global<v8::Value>>> = RefCell::new(HashMap::new());
}

/// An argument for a JS hook.
enum HookArg {
    Text(Option<String>),
    Count(std::ffi::c_uint),
    Bytes(Vec<u8>),
    Flag(bool),
}

/// A JS function an OpenSSL callback calls, with the isolate and context to call it in.
/// OpenSSL only runs those callbacks inside a JS call into this module, on the isolate's thread.
struct JsHook {
    isolate: v8::UnsafeRawIsolatePtr,
    context: v8::Global<v8::Context>,
    function: v8::Global<v8::Function>,
}

impl JsHook {
    fn new(scope: &mut v8::PinScope, function: v8::Local<v8::Function>) -> JsHook {
        let context = scope.get_current_context();
        // SAFETY: the pointer is only turned back into the isolate on this thread.
        let isolate = unsafe { scope.as_raw_isolate_ptr() };
        JsHook { isolate, context: v8::Global::new(scope, context), function: v8::Global::new(scope, function) }
    }
}

/// Calls the hook `hooks` holds under `key` for the connection `ssl` with `args`; `take`
/// reads a result other than null/undefined. None when there is no hook, it returned
/// nothing, or it threw (the exception is kept for the connection's JS).
fn call_hook<R>(
    hooks: &'static std::thread::LocalKey<RefCell<HashMap<usize, JsHook>>>,
    key: usize,
    ssl: *mut ffi::SSL,
    args: Vec<HookArg>,
    take: impl FnOnce(&mut v8::PinScope, v8::Local<v8::Value>) -> R,
) -> Option<R> {
    let (mut isolate_ptr, context, function) =
        hooks.with(|hooks| hooks.borrow().get(&key).map(|hook| (hook.isolate, hook.context.clone(), hook.function.clone())))?;
    // SAFETY: the callback runs inside the JS call that made the connection progress, on
    // this isolate's thread, so the isolate is live and entered.
    let isolate = unsafe { v8::Isolate::ref_from_raw_isolate_ptr_mut_unchecked(&mut isolate_ptr) };
    v8::scope_with_context!(let scope, isolate, &context);
    v8::tc_scope!(let scope, scope);
    let function = v8::Local::new(scope, &function);
    let args: Vec<v8::Local<v8::Value>> = args
        .into_iter()
        .map(|arg| match arg {
            HookArg::Text(Some(text)) => string(scope, &text).into(),
            HookArg::Text(None) => v8::null(scope).into(),
            HookArg::Count(count) => v8::Integer::new_from_unsigned(scope, count).into(),
            HookArg::Bytes(bytes) => uint8_array(scope, bytes).into(),
            HookArg::Flag(flag) => v8::Boolean::new(scope, flag).into(),
        })
        .collect();
    let receiver = v8::undefined(scope).into();
    let result = function.call(scope, receiver, &args);
    if let Some(exception) = scope.exception() {
        let exception = v8::Global::new(scope, exception);
        HOOK_EXCEPTIONS.with(|thrown| {
            thrown.borrow_mut().entry(ssl as usize).or_insert(exception);
        });
        return None;
    }
    match result {
        Some(value) if !value.is_null_or_undefined() => Some(take(scope, value)),
        _ => None,
    }
}

/// Calls the connection's PSK hook: 0 (no key) unless `take` copies one.
fn call_psk_hook(
    ssl: *mut ffi::SSL,
    args: Vec<HookArg>,
    take: impl FnOnce(&mut v8::PinScope, v8::Local<v8::Value>) -> std::ffi::c_uint,
) -> std::ffi::c_uint {
    call_hook(&PSK_HOOKS, ssl as usize, ssl, args, take).unwrap_or(0)
}

unsafe extern "C" fn psk_server_callback(ssl: *mut ffi::SSL, identity: *const std::ffi::c_char, psk: *mut c_uchar, max_psk_len: std::ffi::c_uint) -> std::ffi::c_uint {
    // SAFETY: OpenSSL's NUL-terminated identity, when there is one.
    let identity = if identity.is_null() { String::new() } else { unsafe { CStr::from_ptr(identity) }.to_string_lossy().into_owned() };
    call_psk_hook(
        ssl,
        vec![HookArg::Text(Some(identity)), HookArg::Count(max_psk_len)],
        |_, value| {
            let Some(key) = bytes_of(value).filter(|key| key.len() <= max_psk_len as usize) else { return 0 };
            // SAFETY: `psk` holds max_psk_len bytes.
            unsafe { std::ptr::copy_nonoverlapping(key.as_ptr(), psk, key.len()) };
            key.len() as std::ffi::c_uint
        },
    )
}

unsafe extern "C" fn psk_client_callback(
    ssl: *mut ffi::SSL,
    hint: *const std::ffi::c_char,
    identity: *mut std::ffi::c_char,
    max_identity_len: std::ffi::c_uint,
    psk: *mut c_uchar,
    max_psk_len: std::ffi::c_uint,
) -> std::ffi::c_uint {
    // SAFETY: OpenSSL's NUL-terminated hint, when the server sent one.
    let hint = (!hint.is_null()).then(|| unsafe { CStr::from_ptr(hint) }.to_string_lossy().into_owned());
    call_psk_hook(
        ssl,
        vec![HookArg::Text(hint), HookArg::Count(max_psk_len), HookArg::Count(max_identity_len)],
        |scope, value| {
            let Ok(answer) = v8::Local::<v8::Array>::try_from(value) else { return 0 };
            let key = answer.get_index(scope, 0).and_then(bytes_of).unwrap_or_default();
            let name = answer.get_index(scope, 1).map(|name| name.to_rust_string_lossy(scope)).unwrap_or_default();
            if key.is_empty() || key.len() > max_psk_len as usize || name.len() > max_identity_len as usize {
                return 0;
            }
            // SAFETY: `identity` holds max_identity_len bytes and a NUL, `psk` max_psk_len bytes.
            unsafe {
                std::ptr::copy_nonoverlapping(name.as_ptr(), identity.cast::<u8>(), name.len());
                *identity.add(name.len()) = 0;
                std::ptr::copy_nonoverlapping(key.as_ptr(), psk, key.len());
            }
            key.len() as std::ffi::c_uint
        },
    )
}

fn conn_index() -> Index<Ssl, ConnState> {
    static INDEX: OnceLock<Index<Ssl, ConnState>> = OnceLock::new();
    *INDEX.get_or_init(|| Ssl::new_ex_index().expect("ssl ex index"))
}

struct Conn {
    stream: SslStream<MemoryPipe>,
    is_server: bool,
    handshake_done: bool,
    failed: bool,
    read_closed: bool,
    /// Plaintext OpenSSL could not take yet (a renegotiation under way): written on later progress.
    unwritten: Vec<u8>,
}

/// A connection in the table. The table is borrowed only to look one up: OpenSSL's callbacks
/// (pskCallback) run JS inside a call that has the connection borrowed, and that JS may call
/// back in for the same connection (its getters read the SSL directly) or another one.
struct ConnEntry {
    conn: std::rc::Rc<RefCell<Conn>>,
    /// The connection's SSL, which `conn` owns and keeps alive.
    ssl: *mut ffi::SSL,
}

thread_local! {
    static CONTEXTS: RefCell<HashMap<u32, SslContext>> = RefCell::new(HashMap::new());
    static CONNS: RefCell<HashMap<u32, ConnEntry>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
    /// The default trust store tls.setDefaultCACertificates set, if it did.
    static USER_ROOTS: RefCell<Option<Vec<X509>>> = const { RefCell::new(None) };
}

fn next_id() -> u32 {
    NEXT_ID.with(|next| {
        let id = next.get();
        next.set(id + 1);
        id
    })
}

fn arg_u32(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, index: i32) -> u32 {
    args.get(index).uint32_value(scope).unwrap_or(0)
}

fn arg_bytes(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, index: i32) -> Vec<u8> {
    let value = args.get(index);
    if value.is_string() {
        value.to_rust_string_lossy(scope).into_bytes()
    } else {
        bytes_of(value).unwrap_or_default()
    }
}

// ---- errors, as node decorates OpenSSL's ----

/// An OpenSSL error as node shows it: [message, library, reason, code]. `long` gives the
/// ERR_print_errors form TLSWrap uses for connection errors.
fn error_parts(stack: &ErrorStack, long: bool) -> Option<[String; 4]> {
    let errors = stack.errors();
    let error = if long { errors.first()? } else { errors.last()? };
    let packed = error.code();
    let library = error.library().unwrap_or("").to_string();
    let reason = error.reason().unwrap_or("").to_string();
    let lib = ffi::ERR_GET_LIB(packed as _);
    let prefix = super::crypto::library_prefix(lib);
    let prefix_ossl = if prefix == "SSL_" { "" } else { "OSSL_" };
    let code = if reason.is_empty() {
        String::new()
    } else {
        format!("ERR_{prefix_ossl}{prefix}{}", reason.to_uppercase().replace([' ', '-'], "_"))
    };
    let message = if long {
        let mut text = String::new();
        for error in errors {
            text.push_str(&format!(
                "{:X}:error:{:08X}:{}:{}:{}:{}:{}",
                std::process::id(),
                error.code(),
                error.library().unwrap_or(""),
                error.function().unwrap_or(""),
                error.reason().unwrap_or(""),
                error.file(),
                error.line()
            ));
            if let Some(data) = error.data() {
                text.push_str(&format!(":{data}"));
            }
            text.push('\n');
        }
        text
    } else {
        format!("error:{:08X}:{}::{}", packed, library, reason)
    };
    Some([message, library, reason, code])
}

fn error_array<'s>(scope: &mut v8::PinScope<'s, '_>, parts: &[String; 4]) -> v8::Local<'s, v8::Value> {
    let values: Vec<v8::Local<v8::Value>> = parts.iter().map(|part| string(scope, part).into()).collect();
    v8::Array::new_with_elements(scope, &values).into()
}

/// Returns the error to JS as [message, library, reason, code] (JS throws it as node does).
fn return_error(scope: &mut v8::PinScope, rv: &mut v8::ReturnValue, stack: &ErrorStack) {
    let parts = error_parts(stack, false).unwrap_or_else(|| ["unknown error".into(), String::new(), String::new(), String::new()]);
    let array = error_array(scope, &parts);
    rv.set(array);
}

// ---- SecureContext ----

/// Runs `f` on a builder over the context's SSL_CTX (node mutates its SSL_CTX in place).
fn with_builder<R>(ctx: &SslContext, f: impl FnOnce(&mut SslContextBuilder) -> R) -> R {
    let ptr = ctx.as_ptr();
    // SAFETY: the extra reference is released when the builder drops.
    unsafe {
        ffi::SSL_CTX_up_ref(ptr);
        let mut builder = SslContextBuilder::from_ptr(ptr);
        f(&mut builder)
    }
}

fn context_of(id: u32) -> Option<SslContext> {
    CONTEXTS.with(|contexts| contexts.borrow().get(&id).cloned())
}

fn parse_version(name: &str) -> Option<SslVersion> {
    match name {
        "TLSv1" => Some(SslVersion::TLS1),
        "TLSv1.1" => Some(SslVersion::TLS1_1),
        "TLSv1.2" => Some(SslVersion::TLS1_2),
        "TLSv1.3" => Some(SslVersion::TLS1_3),
        _ => None,
    }
}

fn select_alpn<'a>(server: &[u8], client: &'a [u8]) -> Option<&'a [u8]> {
    let mut at = 0;
    while at < server.len() {
        let len = server[at] as usize;
        let wanted = server.get(at + 1..at + 1 + len)?;
        let mut c = 0;
        while c < client.len() {
            let clen = client[c] as usize;
            let offered = client.get(c + 1..c + 1 + clen)?;
            if offered == wanted {
                return Some(offered);
            }
            c += 1 + clen;
        }
        at += 1 + len;
    }
    None
}

unsafe extern "C" fn note_handshake_start(ssl: *const ffi::SSL, kind: c_int, _value: c_int) {
    const SSL_CB_HANDSHAKE_START: c_int = 0x10;
    const SSL_CB_HANDSHAKE_DONE: c_int = 0x20;
    // A server's HelloRequest going out starts and finishes a "handshake" too: only one that
    // leaves no renegotiation pending is done (as node checks).
    let note = if kind & SSL_CB_HANDSHAKE_START != 0 {
        Note::HandshakeStart
    } else if kind & SSL_CB_HANDSHAKE_DONE != 0 && !renegotiate_pending(ssl) {
        Note::HandshakeDone
    } else {
        return;
    };
    // SAFETY: OpenSSL calls this on the connection it is driving; nothing else holds its state now.
    let ssl = unsafe { SslRef::from_ptr_mut(ssl as *mut ffi::SSL) };
    if let Some(state) = ssl.ex_data_mut(conn_index()) {
        state.notes.push(note);
    }
}

/// A context's session ticket keys as node keeps them: a 16-byte name, a 16-byte HMAC-SHA256
/// secret and a 16-byte AES-128-CBC key.
type TicketKeys = std::sync::Mutex<[u8; 48]>;

fn ticket_keys_index() -> Index<SslContext, TicketKeys> {
    static INDEX: OnceLock<Index<SslContext, TicketKeys>> = OnceLock::new();
    *INDEX.get_or_init(|| SslContext::new_ex_index().expect("ssl context ex index"))
}

/// Seals and opens session tickets with the context's keys, in node's ticket format: a
/// ticket whose key name is not the current one is ignored (a full handshake follows), and
/// a ticket opened is not renewed.
unsafe extern "C" fn ticket_key_callback(
    ssl: *mut ffi::SSL,
    name: *mut c_uchar,
    iv: *mut c_uchar,
    cipher: *mut ffi::EVP_CIPHER_CTX,
    mac: *mut ffi::EVP_MAC_CTX,
    encrypt: c_int,
) -> c_int {
    // SAFETY: OpenSSL hands the connection being handshaken, its context alive with it.
    let ctx = unsafe { openssl::ssl::SslContextRef::from_ptr(ffi::SSL_get_SSL_CTX(ssl)) };
    let ctx_key = ctx.as_ptr() as usize;
    if TICKET_KEY_HOOKS.with(|hooks| hooks.borrow().contains_key(&ctx_key)) {
        // SAFETY: as for this callback.
        return unsafe { js_ticket_key_callback(ctx_key, ssl, name, iv, cipher, mac, encrypt) };
    }
    let Some(keys) = ctx.ex_data(ticket_keys_index()) else { return -1 };
    let keys = *keys.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let (key_name, hmac_key, aes_key) = (&keys[..16], &keys[16..32], &keys[32..48]);
    // SAFETY: `name` holds 16 bytes and `iv` EVP_MAX_IV_LENGTH; the contexts are OpenSSL's own.
    unsafe {
        if encrypt == 1 {
            std::ptr::copy_nonoverlapping(key_name.as_ptr(), name, 16);
            if ffi::RAND_bytes(iv, 16) != 1
                || ffi::EVP_EncryptInit_ex(cipher, ffi::EVP_aes_128_cbc(), std::ptr::null_mut(), aes_key.as_ptr(), iv) != 1
            {
                return -1;
            }
        } else {
            if std::slice::from_raw_parts(name, 16) != key_name {
                return 0;
            }
            if ffi::EVP_DecryptInit_ex(cipher, ffi::EVP_aes_128_cbc(), std::ptr::null_mut(), aes_key.as_ptr(), iv) != 1 {
                return -1;
            }
        }
        if !set_ticket_hmac(mac, hmac_key) {
            return -1;
        }
    }
    1
}

/// Keys the ticket's HMAC-SHA256 with `key`.
unsafe fn set_ticket_hmac(mac: *mut ffi::EVP_MAC_CTX, key: &[u8]) -> bool {
    let mut digest = *b"sha256\0";
    // SAFETY: the parameters point at `key` and `digest`, alive for the call.
    unsafe {
        let params = [
            ffi::OSSL_PARAM_construct_octet_string(c"key".as_ptr(), key.as_ptr() as *mut c_void, key.len()),
            sys::OSSL_PARAM_construct_utf8_string(c"digest".as_ptr(), digest.as_mut_ptr().cast(), 0),
            ffi::OSSL_PARAM_construct_end(),
        ];
        ffi::EVP_MAC_CTX_set_params(mac, params.as_ptr()) == 1
    }
}

/// The context's onticketkeycallback(name, iv, enc), as node's: it answers [result, hmacKey,
/// aesKey] and, when sealing, the ticket's name and IV too (16 bytes each); `result` is
/// OpenSSL's (1: done, 2: opened but renew it, 0: unknown ticket, <0: failure).
unsafe fn js_ticket_key_callback(
    ctx_key: usize,
    ssl: *mut ffi::SSL,
    name: *mut c_uchar,
    iv: *mut c_uchar,
    cipher: *mut ffi::EVP_CIPHER_CTX,
    mac: *mut ffi::EVP_MAC_CTX,
    encrypt: c_int,
) -> c_int {
    // SAFETY: `name` and `iv` hold 16 bytes each.
    let (name_bytes, iv_bytes) = unsafe { (std::slice::from_raw_parts(name, 16).to_vec(), std::slice::from_raw_parts(iv, 16).to_vec()) };
    let args = vec![HookArg::Bytes(name_bytes), HookArg::Bytes(iv_bytes), HookArg::Flag(encrypt != 0)];
    let answer = call_hook(&TICKET_KEY_HOOKS, ctx_key, ssl, args, |scope, value| -> Option<(i32, Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>)> {
        let array = v8::Local::<v8::Array>::try_from(value).ok()?;
        let result = array.get_index(scope, 0).filter(|value| value.is_int32())?.int32_value(scope)?;
        let part = |index| array.get_index(scope, index).and_then(bytes_of).unwrap_or_default();
        Some((result, part(1), part(2), part(3), part(4)))
    });
    let Some(Some((result, hmac_key, aes_key, new_name, new_iv))) = answer else { return -1 };
    if result < 0 {
        return result;
    }
    if aes_key.len() != 16 || (encrypt != 0 && (new_name.len() != 16 || new_iv.len() != 16)) {
        return -1;
    }
    // SAFETY: `name` and `iv` hold 16 bytes each; the contexts are OpenSSL's own.
    unsafe {
        if encrypt != 0 {
            std::ptr::copy_nonoverlapping(new_name.as_ptr(), name, 16);
            std::ptr::copy_nonoverlapping(new_iv.as_ptr(), iv, 16);
        }
        if !set_ticket_hmac(mac, &hmac_key) {
            return -1;
        }
        let init = if encrypt != 0 { ffi::EVP_EncryptInit_ex } else { ffi::EVP_DecryptInit_ex };
        if init(cipher, ffi::EVP_aes_128_cbc(), std::ptr::null_mut(), aes_key.as_ptr(), iv) != 1 {
            return -1;
        }
    }
    result
}

/// `enableTicketKeyCallback(id, hook)`: session tickets are sealed and opened with the keys
/// `hook` (the context's onticketkeycallback) gives.
fn context_enable_ticket_key_callback(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(ctx) = context_of(arg_u32(scope, &args, 0)) else { return };
    let Ok(function) = v8::Local::<v8::Function>::try_from(args.get(1)) else { return };
    let hook = JsHook::new(scope, function);
    TICKET_KEY_HOOKS.with(|hooks| hooks.borrow_mut().insert(ctx.as_ptr() as usize, hook));
}

/// A context with node's defaults and the callbacks every connection's state drives.
fn new_context(min: Option<SslVersion>, max: Option<SslVersion>) -> Result<SslContext, ErrorStack> {
    let mut builder = SslContextBuilder::new(SslMethod::tls())?;
    // Clients may renegotiate (OpenSSL 3 refuses by default); node limits them itself.
    let allow_client_renegotiation = SslOptions::from_bits_retain(0x100);
    builder.set_options(SslOptions::NO_SSLV2 | SslOptions::NO_SSLV3 | SslOptions::NO_COMPRESSION | SslOptions::ALL | allow_client_renegotiation);
    // SAFETY: the callback only reaches the connection's own state.
    unsafe { sys::SSL_CTX_set_info_callback(builder.as_ptr(), Some(note_handshake_start)) };
    builder.set_min_proto_version(min)?;
    builder.set_max_proto_version(max)?;
    builder.set_verify(SslVerifyMode::NONE);
    builder.set_session_cache_mode(SslSessionCacheMode::CLIENT | SslSessionCacheMode::SERVER | SslSessionCacheMode::NO_INTERNAL | SslSessionCacheMode::NO_AUTO_CLEAR);
    // Random ticket keys until setTicketKeys, as node's.
    let mut keys = [0u8; 48];
    openssl::rand::rand_bytes(&mut keys)?;
    builder.set_ex_data(ticket_keys_index(), std::sync::Mutex::new(keys));
    // SAFETY: the callback reads the keys just set on this context.
    unsafe { sys::SSL_CTX_set_tlsext_ticket_key_evp_cb(builder.as_ptr(), Some(ticket_key_callback)) };
    builder.set_client_hello_callback(|ssl, _alert| {
        let state = ssl.ex_data_mut(conn_index());
        match state {
            Some(state) if state.pause_hello && !state.hello_resumed => Ok(ClientHelloResponse::RETRY),
            _ => Ok(ClientHelloResponse::SUCCESS),
        }
    });
    // A server takes the name a client asks for (JS picked its context at the hello), as
    // node's SNI callback answers: OpenSSL then also counts on a certificate to come for
    // TLS 1.3 rather than falling back to 1.2 for a context that has none yet.
    builder.set_servername_callback(|_ssl, _alert| Ok(()));
    builder.set_alpn_select_callback(|ssl, client| {
        let state = ssl.ex_data(conn_index()).ok_or(AlpnError::NOACK)?;
        if let Some(choice) = &state.alpn_choice {
            let chosen = choice.as_ref().ok_or(AlpnError::ALERT_FATAL)?;
            // Point into the client's list: the answer must outlive this call.
            return select_alpn(&[&[chosen.len() as u8][..], chosen].concat(), client).ok_or(AlpnError::ALERT_FATAL);
        }
        match &state.server_alpn {
            Some(server) => select_alpn(server, client).ok_or(AlpnError::ALERT_FATAL),
            None => Err(AlpnError::NOACK),
        }
    });
    // A server staples the response 'OCSPRequest' gave, if any; a client that asked for one
    // tells JS what came.
    builder.set_status_callback(|ssl| {
        if ssl.is_server() {
            let Some(response) = ssl.ex_data(conn_index()).and_then(|state| state.ocsp_response.clone()) else { return Ok(false) };
            ssl.set_ocsp_status(&response)?;
            return Ok(true);
        }
        let response = ssl.ocsp_status().map(<[u8]>::to_vec);
        if let Some(state) = ssl.ex_data_mut(conn_index()) {
            state.notes.push(Note::OcspResponse(response));
        }
        Ok(true)
    })?;
    builder.set_keylog_callback(|ssl, line| {
        // SAFETY: OpenSSL hands the connection being handshaken; nothing else holds its state now.
        let ssl = unsafe { SslRef::from_ptr_mut(ssl.as_ptr()) };
        if let Some(state) = ssl.ex_data_mut(conn_index()) {
            if state.keylog {
                let mut bytes = line.as_bytes().to_vec();
                bytes.push(b'\n');
                state.notes.push(Note::Keylog(bytes));
            }
        }
    });
    builder.set_new_session_callback(|ssl, session| {
        if let Some(state) = ssl.ex_data_mut(conn_index()) {
            if state.new_session_events {
                let der = session.to_der().unwrap_or_default();
                state.notes.push(Note::NewSession(session.id().to_vec(), der));
            }
        }
    });
    // SAFETY: the session returned is an owned SslSession.
    unsafe {
        builder.set_get_session_callback(|ssl, _id| ssl.ex_data_mut(conn_index()).and_then(|state| state.next_session.take()));
    }
    Ok(builder.build())
}

fn context_new(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let min = parse_version(&args.get(0).to_rust_string_lossy(scope));
    let max = parse_version(&args.get(1).to_rust_string_lossy(scope));
    match new_context(min, max) {
        Ok(ctx) => {
            let id = next_id();
            CONTEXTS.with(|contexts| contexts.borrow_mut().insert(id, ctx));
            rv.set(v8::Integer::new_from_unsigned(scope, id).into());
        }
        Err(stack) => return_error(scope, &mut rv, &stack),
    }
}

fn context_free(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = arg_u32(scope, &args, 0);
    if let Some(ctx) = CONTEXTS.with(|contexts| contexts.borrow_mut().remove(&id)) {
        TICKET_KEY_HOOKS.with(|hooks| hooks.borrow_mut().remove(&(ctx.as_ptr() as usize)));
    }
}

/// `contextExternal(id)`: the context's SSL_CTX as a V8 External (node's `_external`, for
/// addons that work on the context directly).
fn context_external(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = arg_u32(scope, &args, 0);
    let Some(ctx) = context_of(id) else { return };
    rv.set(v8::External::new(scope, ctx.as_ptr().cast()).into());
}

/// Runs a context operation: `undefined` when it worked, else the error parts.
fn context_op(
    scope: &mut v8::PinScope,
    args: &v8::FunctionCallbackArguments,
    rv: &mut v8::ReturnValue,
    f: impl FnOnce(&mut v8::PinScope, &mut SslContextBuilder) -> Result<(), ErrorStack>,
) {
    let id = arg_u32(scope, args, 0);
    let Some(ctx) = context_of(id) else { return };
    let result = with_builder(&ctx, |builder| f(scope, builder));
    if let Err(stack) = result {
        return_error(scope, rv, &stack);
    }
}

fn load_key(pem: &[u8], passphrase: Option<&[u8]>) -> Result<PKey<Private>, ErrorStack> {
    match passphrase {
        Some(pass) => PKey::private_key_from_pem_passphrase(pem, pass),
        None => PKey::private_key_from_pem_callback(pem, |_buf| Ok(0)),
    }
}

fn context_set_key(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let pem = arg_bytes(scope, &args, 1);
    let passphrase = if args.get(2).is_null_or_undefined() { None } else { Some(arg_bytes(scope, &args, 2)) };
    context_op(scope, &args, &mut rv, |_, builder| {
        let key = load_key(&pem, passphrase.as_deref())?;
        builder.set_private_key(&key)?;
        if !unsafe { sys::SSL_CTX_get0_certificate(builder.as_ptr()) }.is_null() {
            builder.check_private_key()?;
        }
        Ok(())
    });
}

/// The engine a context's private key lives in, released with the context.
fn key_engine_index() -> Index<SslContext, Engine> {
    static INDEX: OnceLock<Index<SslContext, Engine>> = OnceLock::new();
    *INDEX.get_or_init(|| SslContext::new_ex_index().expect("ssl context ex index"))
}

/// Loads an engine as node does, or throws node's error for one that would not load.
fn load_engine(scope: &mut v8::PinScope, id: &str) -> Option<Engine> {
    match Engine::load(id) {
        Ok(engine) => Some(engine),
        Err(errors) => {
            let error = engine::load_error(scope, id, &errors);
            scope.throw_exception(error);
            None
        }
    }
}

/// setEngineKey(id, keyId, engineId): the private key `keyId` of an engine (privateKeyEngine
/// and privateKeyIdentifier); false when the engine does not start.
fn context_set_engine_key(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let key_id = args.get(1).to_rust_string_lossy(scope);
    let engine_id = args.get(2).to_rust_string_lossy(scope);
    let Some(ctx) = context_of(arg_u32(scope, &args, 0)) else { return };
    let Some(mut engine) = load_engine(scope, &engine_id) else { return };
    if !engine.init() {
        drop(ErrorStack::get());
        return rv.set(v8::Boolean::new(scope, false).into());
    }
    let result = with_builder(&ctx, |builder| {
        let key = engine.private_key(&key_id)?;
        builder.set_private_key(&key)?;
        builder.set_ex_data(key_engine_index(), engine);
        Ok(())
    });
    if let Err(stack) = result {
        return_error(scope, &mut rv, &stack);
    }
}

/// setClientCertEngine(id, engineId): the engine that supplies client certificates.
fn context_set_client_cert_engine(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let engine_id = args.get(1).to_rust_string_lossy(scope);
    let Some(ctx) = context_of(arg_u32(scope, &args, 0)) else { return };
    let Some(engine) = load_engine(scope, &engine_id) else { return };
    if let Err(stack) = engine.use_for_client_certs(ctx.as_ptr()) {
        return_error(scope, &mut rv, &stack);
    }
}

fn context_set_cert(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let pem = arg_bytes(scope, &args, 1);
    context_op(scope, &args, &mut rv, |_, builder| {
        let mut chain = X509::stack_from_pem(&pem)?.into_iter();
        let Some(leaf) = chain.next() else {
            // PEM_read_bio_X509_AUX's "no start line".
            X509::from_pem(b"")?;
            return Ok(());
        };
        builder.set_certificate(&leaf)?;
        // Each key type's certificate has its own chain (an RSA and an EC certificate side by
        // side keep theirs): the rest of the PEM replaces the chain of the one just set.
        // SAFETY: SSL_CTX_set0_chain(ctx, NULL) and SSL_CTX_add1_chain_cert, which takes its own reference.
        unsafe {
            ffi::SSL_CTX_ctrl(builder.as_ptr(), 88 /* SSL_CTRL_CHAIN */, 0, std::ptr::null_mut());
            for cert in chain {
                if ffi::SSL_CTX_ctrl(builder.as_ptr(), 89 /* SSL_CTRL_CHAIN_CERT */, 1, cert.as_ptr().cast()) != 1 {
                    return Err(ErrorStack::get());
                }
            }
        }
        Ok(())
    });
}

/// Replaces the trust store with a fresh one when `fresh` (node's `ca` option drops the
/// root store), then adds every certificate of the PEM.
fn context_add_ca(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let pem = arg_bytes(scope, &args, 1);
    let fresh = args.get(2).is_true();
    context_op(scope, &args, &mut rv, |_, builder| {
        if fresh {
            builder.set_cert_store(X509StoreBuilder::new()?.build());
        }
        let certs = trusted_certs_from_pem(&pem)?;
        for cert in certs {
            // Duplicates are not an error (X509_STORE_add_cert ignores them in OpenSSL 3).
            let _ = builder.cert_store_mut().add_cert(cert.clone());
            // A server asks clients for certificates these CAs issued.
            builder.add_client_ca(&cert)?;
        }
        Ok(())
    });
}

/// Every certificate of a PEM text, in any of the forms node's CA option takes: CERTIFICATE,
/// X509 CERTIFICATE and TRUSTED CERTIFICATE (OpenSSL's with trust settings after it).
fn trusted_certs_from_pem(pem: &[u8]) -> Result<Vec<X509>, ErrorStack> {
    let mut certs = Vec::new();
    // SAFETY: a read-only BIO over `pem`, freed before it is; each certificate read is owned.
    unsafe {
        let bio = ffi::BIO_new_mem_buf(pem.as_ptr().cast(), c_int::try_from(pem.len()).unwrap_or(c_int::MAX));
        if bio.is_null() {
            return Err(ErrorStack::get());
        }
        loop {
            let cert = sys::PEM_read_bio_X509_AUX(bio, std::ptr::null_mut(), std::ptr::null_mut(), std::ptr::null_mut());
            if cert.is_null() {
                break;
            }
            certs.push(X509::from_ptr(cert));
        }
        ffi::BIO_free_all(bio);
    }
    // The end of the text shows as "no start line"; any other error is the text's.
    // SAFETY: reads this thread's OpenSSL error queue.
    let error = unsafe { ffi::ERR_peek_last_error() };
    if ffi::ERR_GET_LIB(error as _) == ffi::ERR_LIB_PEM && ffi::ERR_GET_REASON(error as _) == ffi::PEM_R_NO_START_LINE {
        ErrorStack::get();
        return Ok(certs);
    }
    match ErrorStack::get() {
        stack if stack.errors().is_empty() => Ok(certs),
        stack => Err(stack),
    }
}

/// Puts the default trust store in the context's: the certificates tls.setDefaultCACertificates
/// set, else the root certificates and NODE_EXTRA_CA_CERTS's.
fn context_add_root_certs(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let certs = USER_ROOTS.with(|roots| roots.borrow().clone())
        .unwrap_or_else(|| root_certs().iter().chain(extra_certs()).cloned().collect());
    context_op(scope, &args, &mut rv, |_, builder| {
        for cert in certs {
            let _ = builder.cert_store_mut().add_cert(cert);
        }
        Ok(())
    });
}

fn context_add_crl(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let pem = arg_bytes(scope, &args, 1);
    context_op(scope, &args, &mut rv, |_, builder| {
        let crl = openssl::x509::X509Crl::from_pem(&pem)?;
        // SAFETY: the store takes its own reference to the CRL.
        unsafe {
            let store = builder.cert_store_mut().as_ptr();
            if sys::X509_STORE_add_crl(store, crl.as_ptr()) != 1 {
                return Err(ErrorStack::get());
            }
            ffi::X509_STORE_set_flags(store, (ffi::X509_V_FLAG_CRL_CHECK | ffi::X509_V_FLAG_CRL_CHECK_ALL) as _);
        }
        Ok(())
    });
}

/// Sets the TLSv1.3 suites and the TLSv1.2 cipher list (each when given); an empty
/// list only clears the TLSv1.2 ciphers, as node's setCiphers('').
fn context_set_ciphers(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let list = (!args.get(1).is_null_or_undefined()).then(|| args.get(1).to_rust_string_lossy(scope));
    let suites = (!args.get(2).is_null_or_undefined()).then(|| args.get(2).to_rust_string_lossy(scope));
    context_op(scope, &args, &mut rv, |_, builder| {
        if let Some(suites) = &suites {
            // Names this OpenSSL does not know are passed over, as newer OpenSSLs (node's) do;
            // a list of nothing it knows is refused.
            let known: Vec<&str> = suites.split(':').filter(|name| builder.set_ciphersuites(name).is_ok()).collect();
            ErrorStack::get();
            let joined = known.join(":");
            builder.set_ciphersuites(if known.is_empty() { suites.as_str() } else { joined.as_str() })?;
        }
        let Some(list) = list else { return Ok(()) };
        match builder.set_cipher_list(&list) {
            Err(stack) if list.is_empty()
                && stack.errors().iter().any(|error| error.reason() == Some("no cipher match")) => Ok(()),
            result => result,
        }
    });
}

fn context_set_versions(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let min = parse_version(&args.get(1).to_rust_string_lossy(scope));
    let max = parse_version(&args.get(2).to_rust_string_lossy(scope));
    context_op(scope, &args, &mut rv, |_, builder| {
        builder.set_min_proto_version(min)?;
        builder.set_max_proto_version(max)
    });
}

fn context_set_groups(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let groups = args.get(1).to_rust_string_lossy(scope);
    context_op(scope, &args, &mut rv, |_, builder| builder.set_groups_list(&groups));
}

fn context_set_sigalgs(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let sigalgs = args.get(1).to_rust_string_lossy(scope);
    context_op(scope, &args, &mut rv, |_, builder| builder.set_sigalgs_list(&sigalgs));
}

fn context_set_options(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let bits = args.get(1).number_value(scope).unwrap_or(0.0) as u64;
    context_op(scope, &args, &mut rv, |_, builder| {
        builder.set_options(SslOptions::from_bits_retain(bits as _));
        Ok(())
    });
}

fn context_set_session_id_context(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let sid = arg_bytes(scope, &args, 1);
    context_op(scope, &args, &mut rv, |_, builder| builder.set_session_id_context(&sid));
}

fn context_set_session_timeout(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let seconds = args.get(1).int32_value(scope).unwrap_or(300);
    context_op(scope, &args, &mut rv, |_, builder| {
        // SAFETY: sets the context's session timeout.
        unsafe { sys::SSL_CTX_set_timeout(builder.as_ptr(), seconds as c_long) };
        Ok(())
    });
}

fn context_set_dh_auto(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    context_op(scope, &args, &mut rv, |_, builder| {
        // SAFETY: SSL_CTX_set_dh_auto.
        unsafe { ffi::SSL_CTX_ctrl(builder.as_ptr(), 118 /* SSL_CTRL_SET_DH_AUTO */, 1, std::ptr::null_mut()) };
        Ok(())
    });
}

fn context_set_dh_param(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let pem = arg_bytes(scope, &args, 1);
    let id = arg_u32(scope, &args, 0);
    let Some(ctx) = context_of(id) else { return };
    let result = with_builder(&ctx, |builder| -> Result<u32, ErrorStack> {
        // Parameters that do not parse are dropped without a word (node's compatibility rule): 0 bits.
        let Ok(dh) = openssl::dh::Dh::params_from_pem(&pem) else { return Ok(0) };
        let bits = dh.prime_p().num_bits() as u32;
        if bits >= 1024 {
            builder.set_tmp_dh(&dh)?;
        }
        Ok(bits)
    });
    match result {
        Ok(bits) => rv.set(v8::Integer::new_from_unsigned(scope, bits).into()),
        Err(stack) => return_error(scope, &mut rv, &stack),
    }
}

/// `setTicketKeys(id, keys)`: the 48 bytes (name, HMAC secret, AES key) tickets are sealed with.
fn context_set_ticket_keys(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let keys = arg_bytes(scope, &args, 1);
    let Some(ctx) = context_of(arg_u32(scope, &args, 0)) else { return };
    let (Some(slot), Ok(keys)) = (ctx.ex_data(ticket_keys_index()), <[u8; 48]>::try_from(keys.as_slice())) else { return };
    *slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = keys;
}

fn context_get_ticket_keys(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(ctx) = context_of(arg_u32(scope, &args, 0)) else { return };
    let Some(slot) = ctx.ex_data(ticket_keys_index()) else { return };
    let keys = slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).to_vec();
    rv.set(uint8_array(scope, keys).into());
}

/// Lets verification end at any certificate of the trust store (X509_V_FLAG_PARTIAL_CHAIN).
fn context_set_allow_partial_trust_chain(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    context_op(scope, &args, &mut rv, |_, builder| {
        // SAFETY: sets a flag on the context's own store.
        unsafe { ffi::X509_STORE_set_flags(builder.cert_store_mut().as_ptr(), ffi::X509_V_FLAG_PARTIAL_CHAIN as _) };
        Ok(())
    });
}

/// Loads a PKCS#12 bundle's key, certificate and CA certificates, failing as node's
/// LoadPKCS12: OpenSSL's reason alone, or which part the bundle lacks.
fn context_load_pkcs12(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let der = arg_bytes(scope, &args, 1);
    let passphrase = if args.get(2).is_null_or_undefined() { String::new() } else { String::from_utf8_lossy(&arg_bytes(scope, &args, 2)).into_owned() };
    let id = arg_u32(scope, &args, 0);
    let Some(ctx) = context_of(id) else { return };
    let failure = with_builder(&ctx, |builder| -> Option<[String; 4]> {
        let reason_only = |stack: ErrorStack| {
            let reason = stack.errors().first().and_then(|error| error.reason()).unwrap_or("Unknown error").to_string();
            [reason.clone(), String::new(), reason, String::new()]
        };
        let operation_failed = |message: &str| [message.to_string(), String::new(), String::new(), "ERR_CRYPTO_OPERATION_FAILED".to_string()];
        let parsed = match pkcs12_from_bio(&der).and_then(|bundle| bundle.parse2(&passphrase)) {
            Ok(parsed) => parsed,
            Err(stack) => return Some(reason_only(stack)),
        };
        let Some(key) = parsed.pkey else { return Some(operation_failed("Unable to load private key from PFX data")) };
        let Some(cert) = parsed.cert else { return Some(operation_failed("Unable to load certificate from PFX data")) };
        let loaded = (|| -> Result<(), ErrorStack> {
            builder.set_certificate(&cert)?;
            builder.set_private_key(&key)?;
            for ca in parsed.ca.into_iter().flatten() {
                let _ = builder.cert_store_mut().add_cert(ca.clone());
                builder.add_client_ca(&ca)?;
                builder.add_extra_chain_cert(ca)?;
            }
            Ok(())
        })();
        loaded.err().map(reason_only)
    });
    if let Some(parts) = failure {
        let array = error_array(scope, &parts);
        rv.set(array);
    }
}

/// A PKCS#12 bundle read through a BIO, as node reads it: input that ends early fails as
/// "not enough data" rather than d2i_PKCS12's "too long".
fn pkcs12_from_bio(der: &[u8]) -> Result<Pkcs12, ErrorStack> {
    let length = c_int::try_from(der.len()).map_err(|_| ErrorStack::get())?;
    // SAFETY: a read-only memory BIO over `der`, freed before `der` goes; the bundle read
    // from it is owned by the result.
    unsafe {
        let bio = ffi::BIO_new_mem_buf(der.as_ptr().cast(), length);
        if bio.is_null() {
            return Err(ErrorStack::get());
        }
        let bundle = sys::d2i_PKCS12_bio(bio, std::ptr::null_mut());
        ffi::BIO_free_all(bio);
        if bundle.is_null() {
            Err(ErrorStack::get())
        } else {
            Ok(Pkcs12::from_ptr(bundle))
        }
    }
}

fn root_certs() -> &'static Vec<X509> {
    static ROOTS: OnceLock<Vec<X509>> = OnceLock::new();
    ROOTS.get_or_init(|| {
        openssl_probe_file().and_then(|path| std::fs::read(path).ok()).and_then(|pem| X509::stack_from_pem(&pem).ok()).unwrap_or_default()
    })
}

fn openssl_probe_file() -> Option<String> {
    if let Ok(path) = std::env::var("SSL_CERT_FILE") {
        return Some(path);
    }
    for path in ["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem"] {
        if std::path::Path::new(path).exists() {
            return Some(path.to_string());
        }
    }
    None
}

/// NODE_EXTRA_CA_CERTS's certificates, read at their first use; a file that cannot be read
/// is reported once and adds nothing, as in node.
fn extra_certs() -> &'static Vec<X509> {
    static EXTRA: OnceLock<Vec<X509>> = OnceLock::new();
    EXTRA.get_or_init(|| {
        let Some(path) = std::env::var_os("NODE_EXTRA_CA_CERTS").filter(|path| !path.is_empty()) else {
            return Vec::new();
        };
        let loaded = std::fs::read(&path)
            .map_err(|error| {
                let reason = error.to_string();
                // OpenSSL's system-library form of the errno.
                let reason = reason.split(" (os error").next().unwrap_or(&reason).to_string();
                format!("error:8000{:04X}:system library::{reason}", error.raw_os_error().unwrap_or(0))
            })
            .and_then(|pem| match X509::stack_from_pem(&pem) {
                Ok(certs) if !certs.is_empty() => Ok(certs),
                Ok(_) => Err("error:05800088:x509 certificate routines::no certificate or crl found".into()),
                Err(stack) => Err(error_parts(&stack, false).map(|parts| parts[0].clone()).unwrap_or_default()),
            });
        loaded.unwrap_or_else(|reason| {
            eprintln!("Warning: Ignoring extra certs from `{}`, load failed: {reason}", path.to_string_lossy());
            Vec::new()
        })
    })
}

/// `startLoadingCertificates(system)`: reads the root certificates and NODE_EXTRA_CA_CERTS's
/// on a thread of their own, once per process, as node starts to when its TLS binding loads;
/// the first context that needs them waits for what is not read yet. (The system store, with
/// --use-system-ca, is the same file as the roots here.)
fn start_loading_certificates(_scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    static STARTED: std::sync::Once = std::sync::Once::new();
    let system = args.get(0).is_true();
    STARTED.call_once(|| {
        if super::compile_cache::native_debug_enabled("crypto") {
            let mut log = String::from("Started loading bundled root certificates off-thread\n");
            log.push_str("Started loading extra root certificates off-thread\n");
            if system {
                log.push_str("Started loading system root certificates off-thread\n");
            }
            super::bindings::write_stderr(&log);
        }
        let spawned = std::thread::Builder::new().name("root certificates".into()).spawn(|| {
            root_certs();
            extra_certs();
        });
        // Without a thread they are read at their first use.
        drop(spawned);
    });
}

fn pem_strings<'s>(scope: &mut v8::PinScope<'s, '_>, certs: &[X509]) -> v8::Local<'s, v8::Value> {
    let values: Vec<v8::Local<v8::Value>> = certs
        .iter()
        .filter_map(|cert| cert.to_pem().ok())
        .map(|pem| string(scope, &String::from_utf8_lossy(&pem)).into())
        .collect();
    v8::Array::new_with_elements(scope, &values).into()
}

fn extra_certificates(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let array = pem_strings(scope, extra_certs());
    rv.set(array);
}

fn system_certificates(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let array = pem_strings(scope, root_certs());
    rv.set(array);
}

/// tls.setDefaultCACertificates: every certificate of the PEM texts (strings or bytes) becomes
/// the default trust store; nothing changes when a text is malformed or none holds a certificate.
fn set_default_ca_certificates(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(list) = v8::Local::<v8::Array>::try_from(args.get(0)) else { return };
    let mut certs: Vec<X509> = Vec::new();
    for index in 0..list.length() {
        let Some(item) = list.get_index(scope, index) else { continue };
        let pem = if item.is_string() { item.to_rust_string_lossy(scope).into_bytes() } else { bytes_of(item).unwrap_or_default() };
        match X509::stack_from_pem(&pem) {
            Ok(found) => {
                for cert in found {
                    let der = cert.to_der().unwrap_or_default();
                    if !certs.iter().any(|known| known.to_der().is_ok_and(|known| known == der)) {
                        certs.push(cert);
                    }
                }
            }
            Err(stack) => return return_error(scope, &mut rv, &stack),
        }
    }
    if list.length() > 0 && certs.is_empty() {
        let parts = ["No valid certificates found in the provided array".to_string(), String::new(), String::new(), "ERR_CRYPTO_OPERATION_FAILED".to_string()];
        let array = error_array(scope, &parts);
        rv.set(array);
        return;
    }
    USER_ROOTS.with(|roots| *roots.borrow_mut() = Some(certs));
}

/// The certificates tls.setDefaultCACertificates set, as PEM texts (undefined before).
fn user_ca_certificates(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(certs) = USER_ROOTS.with(|roots| roots.borrow().clone()) else { return };
    let array = pem_strings(scope, &certs);
    rv.set(array);
}

fn root_certificates(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let values: Vec<v8::Local<v8::Value>> = root_certs()
        .iter()
        .filter_map(|cert| cert.to_pem().ok())
        .map(|pem| string(scope, String::from_utf8_lossy(&pem).trim_end()).into())
        .collect();
    rv.set(v8::Array::new_with_elements(scope, &values).into());
}

/// OpenSSL's cipher names as node's tls.getCiphers lists them (lower case, sorted, unique).
fn cipher_names(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let mut names = Vec::new();
    if let Ok(ctx) = SslContextBuilder::new(SslMethod::tls()).map(|b| b.build()) {
        if let Ok(ssl) = Ssl::new(&ctx) {
            // SAFETY: the stack belongs to the SSL, alive for this loop.
            unsafe {
                let stack = sys::SSL_get_ciphers(ssl.as_ptr());
                let count = ffi::OPENSSL_sk_num(stack.cast());
                for i in 0..count {
                    let cipher = ffi::OPENSSL_sk_value(stack.cast(), i) as *const ffi::SSL_CIPHER;
                    names.push(CStr::from_ptr(ffi::SSL_CIPHER_get_name(cipher)).to_string_lossy().to_lowercase());
                }
            }
        }
    }
    // As node, all five TLS 1.3 suites OpenSSL has, whether enabled by default or not.
    names.extend(
        ["tls_aes_256_gcm_sha384", "tls_chacha20_poly1305_sha256", "tls_aes_128_gcm_sha256", "tls_aes_128_ccm_8_sha256", "tls_aes_128_ccm_sha256"]
            .map(String::from),
    );
    names.sort();
    names.dedup();
    let values: Vec<v8::Local<v8::Value>> = names.iter().map(|name| string(scope, name).into()).collect();
    rv.set(v8::Array::new_with_elements(scope, &values).into());
}

// ---- connections ----

/// Runs `f` on the connection; None when there is none, or when it is already in use further
/// up the stack (JS called from one of its OpenSSL callbacks asks it to make progress).
fn with_conn<R>(id: u32, f: impl FnOnce(&mut Conn) -> R) -> Option<R> {
    let conn = CONNS.with(|conns| conns.borrow().get(&id).map(|entry| entry.conn.clone()))?;
    let mut conn = conn.try_borrow_mut().ok()?;
    Some(f(&mut conn))
}

/// Runs `f` on the connection's SSL, to read it: also while the connection is in use further
/// up the stack (JS called from its pskCallback asks for its cipher).
fn with_ssl<R>(id: u32, f: impl FnOnce(&SslRef) -> R) -> Option<R> {
    let (conn, ssl) = CONNS.with(|conns| conns.borrow().get(&id).map(|entry| (entry.conn.clone(), entry.ssl)))?;
    let result = match conn.try_borrow() {
        Ok(conn) => f(conn.stream.ssl()),
        // SAFETY: `conn`, held here, owns the SSL; the caller up the stack is inside an OpenSSL
        // call on it, which hands control to JS only between its own reads and writes.
        Err(_) => f(unsafe { SslRef::from_ptr(ssl) }),
    };
    Some(result)
}

fn ssl_mut(conn: &mut Conn) -> &mut SslRef {
    // SAFETY: the stream owns the SSL; `conn` is borrowed mutably for as long as the result.
    unsafe { SslRef::from_ptr_mut(conn.stream.ssl().as_ptr()) }
}

fn conn_state(conn: &mut Conn) -> &mut ConnState {
    ssl_mut(conn).ex_data_mut(conn_index()).expect("conn state")
}

fn conn_new(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let ctx_id = arg_u32(scope, &args, 0);
    let is_server = args.get(1).is_true();
    let Some(ctx) = context_of(ctx_id) else { return };
    let result = (|| -> Result<u32, ErrorStack> {
        let mut ssl = Ssl::new(&ctx)?;
        ssl.set_ex_data(conn_index(), ConnState::default());
        // SSL_read returns after each record that is not data, so JS hears of each session
        // ticket before the next is read.
        // SAFETY: SSL_clear_mode(ssl, SSL_MODE_AUTO_RETRY).
        unsafe { ffi::SSL_ctrl(ssl.as_ptr(), 78 /* SSL_CTRL_CLEAR_MODE */, 4 /* SSL_MODE_AUTO_RETRY */, std::ptr::null_mut()) };
        if is_server {
            ssl.set_accept_state();
        } else {
            ssl.set_connect_state();
        }
        let stream = SslStream::new(ssl, MemoryPipe::default()).map_err(|_| ErrorStack::get())?;
        let id = next_id();
        let ssl = stream.ssl().as_ptr();
        let conn = Conn { stream, is_server, handshake_done: false, failed: false, read_closed: false, unwritten: Vec::new() };
        let entry = ConnEntry { conn: std::rc::Rc::new(RefCell::new(conn)), ssl };
        CONNS.with(|conns| conns.borrow_mut().insert(id, entry));
        Ok(id)
    })();
    match result {
        Ok(id) => rv.set(v8::Integer::new_from_unsigned(scope, id).into()),
        Err(stack) => return_error(scope, &mut rv, &stack),
    }
}

fn conn_free(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = arg_u32(scope, &args, 0);
    // A connection freed from its own callback lives on until that call returns.
    let Some(entry) = CONNS.with(|conns| conns.borrow_mut().remove(&id)) else { return };
    let key = entry.ssl as usize;
    PSK_HOOKS.with(|hooks| hooks.borrow_mut().remove(&key));
    HOOK_EXCEPTIONS.with(|thrown| thrown.borrow_mut().remove(&key));
}

/// Sets what a connection does: `option` names it, `value` is its setting.
fn conn_set(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = arg_u32(scope, &args, 0);
    let option = args.get(1).to_rust_string_lossy(scope);
    let value = args.get(2);
    let text = if value.is_string() { Some(value.to_rust_string_lossy(scope)) } else { None };
    let bytes = if value.is_array_buffer_view() { bytes_of(value) } else { None };
    let flag = value.is_true();
    let second = args.get(3).is_true();
    let number = value.int32_value(scope).unwrap_or(0);
    let mut hint_refused = false;
    let result = with_conn(id, |conn| -> Result<(), ErrorStack> {
        match option.as_str() {
            "servername" => ssl_mut(conn).set_hostname(text.as_deref().unwrap_or(""))?,
            "alpn" => {
                let wire = bytes.unwrap_or_default();
                if conn.is_server {
                    conn_state(conn).server_alpn = Some(wire);
                } else {
                    ssl_mut(conn).set_alpn_protos(&wire)?;
                }
            }
            "verify" => {
                // requestCert (flag), rejectUnauthorized (second): the verdict is JS's, after the handshake.
                let mode = if !flag {
                    SslVerifyMode::NONE
                } else if second {
                    SslVerifyMode::PEER | SslVerifyMode::FAIL_IF_NO_PEER_CERT
                } else {
                    SslVerifyMode::PEER
                };
                ssl_mut(conn).set_verify_callback(mode, |_, _| true);
            }
            "session" => {
                let der = bytes.unwrap_or_default();
                // Bytes that are no session are ignored, as node's loadSession and setSession ignore them.
                let Ok(session) = SslSession::from_der(&der) else { return Ok(()) };
                if conn.is_server {
                    conn_state(conn).next_session = Some(session);
                } else {
                    // SAFETY: the session came from a context like this one (node's setSession contract).
                    unsafe { ssl_mut(conn).set_session(&session)? };
                }
            }
            "psk" => {
                let Ok(function) = v8::Local::<v8::Function>::try_from(value) else { return Ok(()) };
                let hook = JsHook::new(scope, function);
                let ssl = conn.stream.ssl().as_ptr();
                PSK_HOOKS.with(|hooks| hooks.borrow_mut().insert(ssl as usize, hook));
                // SAFETY: the callbacks read this connection's own state.
                unsafe {
                    if conn.is_server {
                        sys::SSL_set_psk_server_callback(ssl, Some(psk_server_callback));
                    } else {
                        sys::SSL_set_psk_client_callback(ssl, Some(psk_client_callback));
                    }
                }
            }
            "pskIdentityHint" => {
                let hint = std::ffi::CString::new(text.clone().unwrap_or_default()).unwrap_or_default();
                // SAFETY: OpenSSL copies the hint.
                if unsafe { sys::SSL_use_psk_identity_hint(conn.stream.ssl().as_ptr(), hint.as_ptr()) } != 1 {
                    ErrorStack::get();
                    hint_refused = true;
                }
            }
            "ocspResponse" => conn_state(conn).ocsp_response = bytes,
            "requestOCSP" => ssl_mut(conn).set_status_type(openssl::ssl::StatusType::OCSP)?,
            "pauseHello" => conn_state(conn).pause_hello = flag,
            "keylog" => conn_state(conn).keylog = flag,
            "trace" => {
                let bio = trace_bio();
                if !bio.is_null() {
                    let ssl = conn.stream.ssl().as_ptr();
                    // SAFETY: SSL_set_msg_callback and SSL_set_msg_callback_arg (SSL_CTRL_SET_MSG_CALLBACK_ARG)
                    // on this connection's SSL; the BIO lives for the process.
                    unsafe {
                        sys::SSL_set_msg_callback(ssl, Some(trace_message));
                        ffi::SSL_ctrl(ssl, 16, 0, bio.cast());
                    }
                }
            }
            "sessionEvents" => conn_state(conn).new_session_events = flag,
            "maxSendFragment" => {
                // SAFETY: SSL_set_max_send_fragment.
                let ok = unsafe { ffi::SSL_ctrl(conn.stream.ssl().as_ptr(), 52 /* SSL_CTRL_SET_MAX_SEND_FRAGMENT */, number as c_long, std::ptr::null_mut()) };
                if ok != 1 {
                    return Err(ErrorStack::get());
                }
            }
            "context" => {
                let ctx_id = value.uint32_value_fast();
                if let Some(ctx) = context_of(ctx_id) {
                    ssl_mut(conn).set_ssl_context(&ctx)?;
                    // SSL_set_SSL_CTX keeps the first context's verify mode; take the new one's CA list too.
                }
            }
            "alpnChoice" => conn_state(conn).alpn_choice = Some(text.map(String::into_bytes)),
            "resumeHello" => conn_state(conn).hello_resumed = true,
            "minVersion" => ssl_mut(conn).set_min_proto_version(text.as_deref().and_then(parse_version))?,
            "maxVersion" => ssl_mut(conn).set_max_proto_version(text.as_deref().and_then(parse_version))?,
            "renegotiation" => {
                // Renegotiation off: OpenSSL refuses the peer's requests.
                let options = if flag { SslOptions::NO_RENEGOTIATION } else { SslOptions::empty() };
                // SAFETY: SSL_set_options.
                unsafe { sys::SSL_set_options(conn.stream.ssl().as_ptr(), options.bits() as _) };
            }
            _ => {}
        }
        Ok(())
    });
    if let Some(Err(stack)) = result {
        return_error(scope, &mut rv, &stack);
    } else if hint_refused {
        rv.set(v8::Boolean::new(scope, false).into());
    }
}

trait FastU32 {
    fn uint32_value_fast(&self) -> u32;
}

impl FastU32 for v8::Local<'_, v8::Value> {
    fn uint32_value_fast(&self) -> u32 {
        if self.is_number() {
            v8::Local::<v8::Number>::try_from(*self).map(|n| n.value() as u32).unwrap_or(0)
        } else {
            0
        }
    }
}

/// What one call reports to JS, in order.
enum Outcome {
    Ciphertext(Vec<u8>),
    Plaintext(Vec<u8>),
    Handshake,
    HandshakeStart,
    /// A paused ClientHello: servername, ALPN protocols, session id, whether it has a ticket,
    /// whether it asks for OCSP stapling.
    Hello(String, Vec<Vec<u8>>, Vec<u8>, bool, bool),
    Error([String; 4]),
    /// A JS callback OpenSSL called threw this; the handshake failed with it.
    Thrown(v8::Global<v8::Value>),
    End,
    Keylog(Vec<u8>),
    NewSession(Vec<u8>, Vec<u8>),
    OcspResponse(Option<Vec<u8>>),
    /// JS is to hear of what came so far before OpenSSL goes on (call `cycle` again).
    Again,
}

fn client_hello_ext(ssl: &SslRef, ext: u32) -> Option<&[u8]> {
    let mut out: *const c_uchar = std::ptr::null();
    let mut len = 0usize;
    // SAFETY: called while the ClientHello is held (the hello callback paused the handshake).
    let found = unsafe { ffi::SSL_client_hello_get0_ext(ssl.as_ptr(), ext as _, &mut out, &mut len) };
    if found != 1 || out.is_null() {
        return None;
    }
    // SAFETY: OpenSSL's extension bytes, alive while the ClientHello is.
    Some(unsafe { std::slice::from_raw_parts(out, len) })
}

/// The host_name of a server_name extension (RFC 6066 §3).
fn hello_servername(ssl: &SslRef) -> String {
    let Some(ext) = client_hello_ext(ssl, 0) else { return String::new() };
    let mut at = 2;
    while at + 3 <= ext.len() {
        let kind = ext[at];
        let len = u16::from_be_bytes([ext[at + 1], ext[at + 2]]) as usize;
        let Some(name) = ext.get(at + 3..at + 3 + len) else { break };
        if kind == 0 {
            return String::from_utf8_lossy(name).into_owned();
        }
        at += 3 + len;
    }
    String::new()
}

/// The protocols of an ALPN extension (RFC 7301 §3.1).
fn hello_alpn(ssl: &SslRef) -> Vec<Vec<u8>> {
    let Some(ext) = client_hello_ext(ssl, 16) else { return Vec::new() };
    let mut protocols = Vec::new();
    let mut at = 2;
    while at < ext.len() {
        let len = ext[at] as usize;
        let Some(name) = ext.get(at + 1..at + 1 + len) else { break };
        protocols.push(name.to_vec());
        at += 1 + len;
    }
    protocols
}

fn renegotiate_pending(ssl: *const ffi::SSL) -> bool {
    extern "C" {
        fn SSL_renegotiate_pending(ssl: *const ffi::SSL) -> c_int;
    }
    // SAFETY: reads the connection's state.
    unsafe { SSL_renegotiate_pending(ssl) != 0 }
}

fn take_notes(conn: &mut Conn, out: &mut Vec<Outcome>) {
    let later_handshake = conn.handshake_done;
    for note in std::mem::take(&mut conn_state(conn).notes) {
        out.push(match note {
            Note::HandshakeStart => Outcome::HandshakeStart,
            Note::HandshakeDone if later_handshake => Outcome::Handshake,
            Note::HandshakeDone => continue,
            Note::Keylog(line) => Outcome::Keylog(line),
            Note::NewSession(id, der) => Outcome::NewSession(id, der),
            Note::OcspResponse(response) => Outcome::OcspResponse(response),
        });
    }
}

fn take_ciphertext(conn: &mut Conn, out: &mut Vec<Outcome>) {
    let bytes = std::mem::take(&mut conn.stream.get_mut().outgoing);
    if !bytes.is_empty() {
        out.push(Outcome::Ciphertext(bytes));
    }
}

fn ssl_error_parts(error: &openssl::ssl::Error) -> [String; 4] {
    if let Some(parts) = error.ssl_error().and_then(|stack| error_parts(stack, true)) {
        return parts;
    }
    [error.to_string(), String::new(), String::new(), String::new()]
}

/// Makes what progress the buffered ciphertext allows.
/// Whether OpenSSL only waits for more bytes: WANT_READ/WANT_WRITE, or the memory pipe's
/// "would block" coming through as an I/O error (as mid-renegotiation).
fn wants_more(error: &openssl::ssl::Error) -> bool {
    matches!(error.code(), ErrorCode::WANT_READ | ErrorCode::WANT_WRITE)
        || error.io_error().is_some_and(|io| io.kind() == io::ErrorKind::WouldBlock)
}

/// Hands OpenSSL the plaintext waiting to be written, as much as it takes now.
fn write_unwritten(conn: &mut Conn) -> Result<(), openssl::ssl::Error> {
    while !conn.unwritten.is_empty() {
        match conn.stream.ssl_write(&conn.unwritten) {
            Ok(count) => {
                conn.unwritten.drain(..count);
            }
            Err(error) if wants_more(&error) => return Ok(()),
            Err(error) => return Err(error),
        }
    }
    Ok(())
}

fn progress(conn: &mut Conn, out: &mut Vec<Outcome>) {
    if conn.failed {
        return;
    }
    if !conn.handshake_done {
        match conn.stream.do_handshake() {
            Ok(()) => {
                // JS hears of the handshake before its last flight goes out, as from
                // node's handshake-done callback: a client that rejects the server's
                // certificate closes without sending its Finished.
                // JS calls again for the rest (its last flight, plaintext that came with it).
                take_notes(conn, out);
                conn.handshake_done = true;
                out.push(Outcome::Handshake);
                return;
            }
            Err(error) => match error.code() {
                _ if wants_more(&error) => {}
                ErrorCode::WANT_CLIENT_HELLO_CB => {
                    let ssl = conn.stream.ssl();
                    let servername = hello_servername(ssl);
                    let protocols = hello_alpn(ssl);
                    let session_id = ssl.client_hello_session_id().map(<[u8]>::to_vec).unwrap_or_default();
                    let ticket = client_hello_ext(ssl, 35).is_some_and(|ext| !ext.is_empty());
                    let status_request = client_hello_ext(ssl, 5).is_some();
                    take_ciphertext(conn, out);
                    out.push(Outcome::Hello(servername, protocols, session_id, ticket, status_request));
                }
                _ => {
                    take_ciphertext(conn, out);
                    take_notes(conn, out);
                    conn.failed = true;
                    let key = conn.stream.ssl().as_ptr() as usize;
                    out.push(match HOOK_EXCEPTIONS.with(|thrown| thrown.borrow_mut().remove(&key)) {
                        Some(exception) => Outcome::Thrown(exception),
                        None => Outcome::Error(ssl_error_parts(&error)),
                    });
                    return;
                }
            },
        }
    }
    if conn.handshake_done && !conn.read_closed {
        // Ciphertext goes out before JS hears of plaintext: a 'data' listener that writes
        // must find what OpenSSL already produced (tickets, alerts) sent ahead of its data.
        // Each read is its own chunk, as node's reads: a record's plaintext is never merged
        // with the next (setMaxSendFragment's peer sees chunks no larger than its records).
        let mut plain: Vec<Vec<u8>> = Vec::new();
        let mut buffer = vec![0u8; 16 * 1024];
        let mut last = None;
        let mut unread = conn.stream.get_ref().unread();
        loop {
            // A session ticket stops the reading: JS hears of each session while it is the
            // connection's current one (getSession() inside 'session' gives it).
            if conn_state(conn).notes.iter().any(|note| matches!(note, Note::NewSession(..))) {
                last = Some(Outcome::Again);
                break;
            }
            match conn.stream.ssl_read(&mut buffer) {
                Ok(0) => break,
                Ok(count) => {
                    plain.push(buffer[..count].to_vec());
                    unread = conn.stream.get_ref().unread();
                }
                Err(error) => {
                    match error.code() {
                        _ if wants_more(&error) => {
                            // Without auto-retry OpenSSL stops after each record that is not
                            // data (a session ticket, a key update): go on while it takes bytes.
                            let left = conn.stream.get_ref().unread();
                            if left > 0 && left < unread {
                                unread = left;
                                continue;
                            }
                        }
                        ErrorCode::ZERO_RETURN => {
                            conn.read_closed = true;
                            last = Some(Outcome::End);
                        }
                        _ => {
                            conn.failed = true;
                            last = Some(Outcome::Error(ssl_error_parts(&error)));
                        }
                    }
                    break;
                }
            }
        }
        if last.is_none() {
            if let Err(error) = write_unwritten(conn) {
                conn.failed = true;
                last = Some(Outcome::Error(ssl_error_parts(&error)));
            }
        }
        take_ciphertext(conn, out);
        take_notes(conn, out);
        out.extend(plain.into_iter().map(Outcome::Plaintext));
        if let Some(last) = last {
            out.push(last);
        }
        return;
    }
    take_ciphertext(conn, out);
    take_notes(conn, out);
}

fn outcomes_to_js<'s>(scope: &mut v8::PinScope<'s, '_>, outcomes: Vec<Outcome>) -> v8::Local<'s, v8::Value> {
    let mut values: Vec<v8::Local<v8::Value>> = Vec::new();
    for outcome in outcomes {
        let entry: Vec<v8::Local<v8::Value>> = match outcome {
            Outcome::Ciphertext(bytes) => vec![string(scope, "out").into(), uint8_array(scope, bytes).into()],
            Outcome::Plaintext(bytes) => vec![string(scope, "plain").into(), uint8_array(scope, bytes).into()],
            Outcome::Handshake => vec![string(scope, "handshake").into()],
            Outcome::Hello(servername, protocols, session_id, ticket, status_request) => {
                let protocols: Vec<v8::Local<v8::Value>> =
                    protocols.into_iter().map(|p| string(scope, &String::from_utf8_lossy(&p)).into()).collect();
                vec![
                    string(scope, "hello").into(),
                    string(scope, &servername).into(),
                    v8::Array::new_with_elements(scope, &protocols).into(),
                    uint8_array(scope, session_id).into(),
                    v8::Boolean::new(scope, ticket).into(),
                    v8::Boolean::new(scope, status_request).into(),
                ]
            }
            Outcome::Error(parts) => vec![string(scope, "error").into(), error_array(scope, &parts)],
            Outcome::Thrown(exception) => vec![string(scope, "thrown").into(), v8::Local::new(scope, &exception)],
            Outcome::End => vec![string(scope, "end").into()],
            Outcome::Keylog(line) => vec![string(scope, "keylog").into(), uint8_array(scope, line).into()],
            Outcome::HandshakeStart => vec![string(scope, "handshakeStart").into()],
            Outcome::NewSession(id, der) => vec![string(scope, "session").into(), uint8_array(scope, id).into(), uint8_array(scope, der).into()],
            Outcome::Again => vec![string(scope, "again").into()],
            Outcome::OcspResponse(response) => {
                let response = match response {
                    Some(bytes) => uint8_array(scope, bytes).into(),
                    None => v8::null(scope).into(),
                };
                vec![string(scope, "ocsp").into(), response]
            }
        };
        values.push(v8::Array::new_with_elements(scope, &entry).into());
    }
    v8::Array::new_with_elements(scope, &values).into()
}

/// `receive(id, ciphertext)`: buffers what the transport read, then makes progress.
fn conn_receive(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = arg_u32(scope, &args, 0);
    let bytes = arg_bytes(scope, &args, 1);
    let mut out = Vec::new();
    with_conn(id, |conn| {
        conn.stream.get_mut().incoming.extend_from_slice(&bytes);
        progress(conn, &mut out);
    });
    let value = outcomes_to_js(scope, out);
    rv.set(value);
}

/// `cycle(id)`: makes progress (starts the client's handshake, resumes a paused one).
fn conn_cycle(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = arg_u32(scope, &args, 0);
    let mut out = Vec::new();
    with_conn(id, |conn| progress(conn, &mut out));
    let value = outcomes_to_js(scope, out);
    rv.set(value);
}

/// `write(id, plaintext)`: encrypts it all (memory never pushes back).
fn conn_write(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = arg_u32(scope, &args, 0);
    let bytes = arg_bytes(scope, &args, 1);
    let mut out = Vec::new();
    with_conn(id, |conn| {
        conn.unwritten.extend_from_slice(&bytes);
        if let Err(error) = write_unwritten(conn) {
            take_ciphertext(conn, &mut out);
            out.push(Outcome::Error(ssl_error_parts(&error)));
            return;
        }
        take_notes(conn, &mut out);
        take_ciphertext(conn, &mut out);
    });
    let value = outcomes_to_js(scope, out);
    rv.set(value);
}

/// `shutdown(id)`: sends close_notify.
fn conn_shutdown(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = arg_u32(scope, &args, 0);
    let mut out = Vec::new();
    with_conn(id, |conn| {
        if conn.handshake_done && !conn.failed {
            let _ = conn.stream.shutdown();
            ErrorStack::get();
        }
        take_ciphertext(conn, &mut out);
    });
    let value = outcomes_to_js(scope, out);
    rv.set(value);
}

fn conn_renegotiate(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    extern "C" {
        fn SSL_renegotiate(ssl: *mut ffi::SSL) -> c_int;
    }
    let id = arg_u32(scope, &args, 0);
    let result = with_conn(id, |conn| {
        // SAFETY: asks for a renegotiation on the next handshake step.
        if unsafe { SSL_renegotiate(conn.stream.ssl().as_ptr()) } != 1 {
            return Err(ErrorStack::get());
        }
        // The reads drive it (SSL_read starts it and takes its records), so application
        // data that comes meanwhile is read as data, as node's reads take it; its end comes
        // as a handshake-done note.
        Ok(())
    });
    if let Some(Err(stack)) = result {
        return_error(scope, &mut rv, &stack);
    }
}

// ---- what a connection knows ----

fn x509_name_object<'s>(scope: &mut v8::PinScope<'s, '_>, name: &X509NameRef) -> v8::Local<'s, v8::Object> {
    let null = v8::null(scope).into();
    let object = v8::Object::with_prototype_and_properties(scope, null, &[], &[]);
    for entry in name.entries() {
        let nid = entry.object().nid();
        let key = match nid.short_name() {
            Ok(short) if nid != Nid::UNDEF => short.to_string(),
            _ => entry.object().to_string(),
        };
        let value = entry.data().to_string().unwrap_or_else(|_| String::from_utf8_lossy(entry.data().as_slice()).into_owned());
        let key_value = string(scope, &key);
        let value = string(scope, &value);
        match object.get(scope, key_value.into()) {
            Some(existing) if existing.is_array() => {
                let array = existing.cast::<v8::Array>();
                array.set_index(scope, array.length(), value.into());
            }
            Some(existing) if !existing.is_undefined() => {
                let array = v8::Array::new_with_elements(scope, &[existing, value.into()]);
                object.set(scope, key_value.into(), array.into());
            }
            _ => {
                object.set(scope, key_value.into(), value.into());
            }
        }
    }
    object
}

pub(super) fn hex_colon(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(":")
}

/// A name as node prints it in subjectaltname and infoAccess: as is when safe, else quoted
/// with JSON's escapes (a separator or control character inside could forge another entry).
/// IA5 names are Latin-1 (any byte outside printable ASCII is escaped); UTF-8 ones keep
/// their non-ASCII characters.
fn alt_name(bytes: &[u8], utf8: bool) -> String {
    let plain = |c: u8| (b' '..=b'~').contains(&c) || (utf8 && c & 0x80 != 0);
    let safe = bytes.iter().all(|&c| !matches!(c, b'"' | b'\\' | b',' | b'\'') && plain(c));
    if safe {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    let mut out = Vec::with_capacity(bytes.len() + 2);
    out.push(b'"');
    for &c in bytes {
        match c {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'"' => out.extend_from_slice(b"\\\""),
            b',' => out.extend_from_slice(b"\\u002c"),
            c if plain(c) => out.push(c),
            c => out.extend_from_slice(format!("\\u{c:04x}").as_bytes()),
        }
    }
    out.push(b'"');
    String::from_utf8_lossy(&out).into_owned()
}

fn ia5_bytes(name: &openssl::x509::GeneralNameRef, kind: c_int) -> Option<Vec<u8>> {
    // SAFETY: reads the GENERAL_NAME's IA5String when it is of `kind`.
    unsafe {
        let raw = name.as_ptr() as *const GeneralNameRaw;
        if (*raw).type_ != kind {
            return None;
        }
        let string = (*raw).d as *mut ffi::ASN1_STRING;
        let data = ffi::ASN1_STRING_get0_data(string);
        let len = ffi::ASN1_STRING_length(string);
        Some(std::slice::from_raw_parts(data, len as usize).to_vec())
    }
}

#[repr(C)]
struct GeneralNameRaw {
    type_: c_int,
    d: *mut c_void,
}

pub(super) fn general_name_text(name: &openssl::x509::GeneralNameRef) -> Option<String> {
    if let Some(dns) = ia5_bytes(name, 2) {
        return Some(format!("DNS:{}", alt_name(&dns, false)));
    }
    if let Some(email) = ia5_bytes(name, 1) {
        return Some(format!("email:{}", alt_name(&email, false)));
    }
    if let Some(uri) = ia5_bytes(name, 6) {
        return Some(format!("URI:{}", alt_name(&uri, false)));
    }
    if let Some(ip) = name.ipaddress() {
        // OpenSSL's forms: IPv6 as eight uppercase hex groups without compression.
        let text = match ip.len() {
            4 => std::net::Ipv4Addr::new(ip[0], ip[1], ip[2], ip[3]).to_string(),
            16 => ip.chunks(2).map(|pair| format!("{:X}", u16::from_be_bytes([pair[0], pair[1]]))).collect::<Vec<_>>().join(":"),
            len => format!("<invalid length={len}>"),
        };
        return Some(format!("IP Address:{text}"));
    }
    if let Some(dir) = name.directory_name() {
        return Some(format!("DirName:{}", alt_name(&rfc2253_name(dir)?, true)));
    }
    // SAFETY: reads the GENERAL_NAME's union by its type: an ASN1_OBJECT for a registered ID,
    // an OTHERNAME (type OID, ASN1_TYPE value) for an other name.
    unsafe {
        let raw = name.as_ptr() as *const GeneralNameRaw;
        match (*raw).type_ {
            8 => return Some(format!("Registered ID:{}", oid_text((*raw).d as *const ffi::ASN1_OBJECT))),
            0 => {
                #[repr(C)]
                struct OtherName {
                    type_id: *const ffi::ASN1_OBJECT,
                    value: *const Asn1TypeRaw,
                }
                #[repr(C)]
                struct Asn1TypeRaw {
                    type_: c_int,
                    value: *mut ffi::ASN1_STRING,
                }
                let other = (*raw).d as *const OtherName;
                // The other names OpenSSL 3 prints, with the string type each must have.
                let (prefix, expected, utf8) = match oid_text((*other).type_id).as_str() {
                    "1.3.6.1.5.5.7.8.5" => ("XmppAddr", ffi::V_ASN1_UTF8STRING, true),
                    "1.3.6.1.5.5.7.8.7" => ("SRVName", ffi::V_ASN1_IA5STRING, false),
                    "1.3.6.1.5.5.7.8.8" => ("NAIRealm", ffi::V_ASN1_UTF8STRING, true),
                    "1.3.6.1.5.5.7.8.9" => ("SmtpUTF8Mailbox", ffi::V_ASN1_UTF8STRING, true),
                    _ => return Some("othername:<unsupported>".to_string()),
                };
                let value = (*other).value;
                if value.is_null() || (*value).type_ != expected {
                    return Some("othername:<unsupported>".to_string());
                }
                let data = ffi::ASN1_STRING_get0_data((*value).value);
                let len = ffi::ASN1_STRING_length((*value).value);
                let mut text = format!("{prefix}:").into_bytes();
                text.extend_from_slice(std::slice::from_raw_parts(data, len as usize));
                return Some(format!("othername:{}", alt_name(&text, utf8)));
            }
            _ => {}
        }
    }
    None
}

/// An object's dotted OID.
pub(super) fn oid_text(object: *const ffi::ASN1_OBJECT) -> String {
    let mut buffer = [0 as std::ffi::c_char; 128];
    // SAFETY: writes the object's dotted form, NUL-terminated, into the buffer.
    let len = unsafe { ffi::OBJ_obj2txt(buffer.as_mut_ptr(), buffer.len() as c_int, object, 1) };
    if len <= 0 {
        return String::new();
    }
    // SAFETY: NUL-terminated by OBJ_obj2txt.
    unsafe { CStr::from_ptr(buffer.as_ptr()) }.to_string_lossy().into_owned()
}

/// A name in RFC 2253's form, non-ASCII and control characters as they are (node escapes the
/// result itself).
fn rfc2253_name(name: &X509NameRef) -> Option<Vec<u8>> {
    extern "C" {
        fn X509_NAME_print_ex(out: *mut ffi::BIO, name: *const ffi::X509_NAME, indent: c_int, flags: std::ffi::c_ulong) -> c_int;
    }
    // XN_FLAG_RFC2253 without ASN1_STRFLGS_ESC_MSB and ASN1_STRFLGS_ESC_CTRL.
    const FLAGS: std::ffi::c_ulong = 0x1 | 0x10 | 0x100 | 0x200 | (1 << 16) | (1 << 20) | (1 << 24);
    // SAFETY: prints a live name into a memory BIO of our own, copies its bytes, frees it.
    unsafe {
        let bio = ffi::BIO_new(ffi::BIO_s_mem());
        if bio.is_null() {
            return None;
        }
        let written = X509_NAME_print_ex(bio, name.as_ptr(), 0, FLAGS);
        let mut data: *mut std::ffi::c_char = std::ptr::null_mut();
        let len = ffi::BIO_ctrl(bio, ffi::BIO_CTRL_INFO, 0, (&mut data as *mut *mut std::ffi::c_char).cast());
        let bytes = (written >= 0 && !data.is_null()).then(|| std::slice::from_raw_parts(data.cast::<u8>(), len as usize).to_vec());
        ffi::BIO_free_all(bio);
        bytes
    }
}

fn set<'s>(scope: &mut v8::PinScope<'s, '_>, object: v8::Local<'s, v8::Object>, key: &str, value: v8::Local<'s, v8::Value>) {
    set_property(scope, object, key, value);
}

/// The authority information access entries, a "method - name" line each.
pub(super) fn info_access_text(cert: &X509Ref) -> Option<String> {
    let access = cert.authority_info()?;
    let lines: Vec<String> = access
        .iter()
        .filter_map(|description| {
            let method = match description.method().nid() {
                Nid::AD_OCSP => "OCSP".to_string(),
                Nid::AD_CA_ISSUERS => "CA Issuers".to_string(),
                _ => description.method().to_string(),
            };
            Some(format!("{method} - {}", general_name_text(description.location())?))
        })
        .collect();
    Some(lines.join("\n"))
}

/// node's legacy certificate object (X509ToObject).
pub(super) fn certificate_object<'s>(scope: &mut v8::PinScope<'s, '_>, cert: &X509Ref) -> v8::Local<'s, v8::Object> {
    let object = v8::Object::new(scope);
    let subject = x509_name_object(scope, cert.subject_name());
    set(scope, object, "subject", subject.into());
    let issuer = x509_name_object(scope, cert.issuer_name());
    set(scope, object, "issuer", issuer.into());
    if let Some(names) = cert.subject_alt_names() {
        let text: Vec<String> = names.iter().filter_map(general_name_text).collect();
        let value = string(scope, &text.join(", ")).into();
        set(scope, object, "subjectaltname", value);
    }
    if let Some(text) = info_access_text(cert) {
        // Lines of "method - name", parsed into lists by translatePeerCertificate.
        let value = string(scope, &text).into();
        set(scope, object, "infoAccess", value);
    }
    // SAFETY: X509_check_ca reads the certificate's extensions.
    let is_ca = unsafe { sys::X509_check_ca(cert.as_ptr()) } == 1;
    let ca = v8::Boolean::new(scope, is_ca).into();
    set(scope, object, "ca", ca);
    if let Ok(key) = cert.public_key() {
        match key.id() {
            Id::RSA => {
                if let Ok(rsa) = key.rsa() {
                    let modulus = string(scope, &rsa.n().to_hex_str().map(|s| s.to_string()).unwrap_or_default()).into();
                    set(scope, object, "modulus", modulus);
                    let bits = v8::Integer::new(scope, rsa.n().num_bits()).into();
                    set(scope, object, "bits", bits);
                    let e = rsa.e().to_hex_str().map(|s| s.to_string()).unwrap_or_default();
                    let e = format!("0x{}", e.trim_start_matches('0').to_lowercase());
                    let exponent = string(scope, &e).into();
                    set(scope, object, "exponent", exponent);
                    if let Ok(der) = key.public_key_to_der() {
                        let pubkey = buffer_of(scope, der);
                        set(scope, object, "pubkey", pubkey);
                    }
                }
            }
            Id::EC => {
                if let Ok(ec) = key.ec_key() {
                    let bits = v8::Integer::new(scope, ec.group().degree() as i32).into();
                    set(scope, object, "bits", bits);
                    let mut ctx = openssl::bn::BigNumContext::new().ok();
                    if let Some(ctx) = ctx.as_mut() {
                        if let Ok(point) = ec.public_key().to_bytes(ec.group(), openssl::ec::PointConversionForm::UNCOMPRESSED, ctx) {
                            let pubkey = buffer_of(scope, point);
                            set(scope, object, "pubkey", pubkey);
                        }
                    }
                    if let Some(nid) = ec.group().curve_name() {
                        if let Ok(short) = nid.short_name() {
                            let value = string(scope, short).into();
                            set(scope, object, "asn1Curve", value);
                        }
                        // SAFETY: EC_curve_nid2nist returns a static string or null.
                        let nist = unsafe { sys::EC_curve_nid2nist(nid.as_raw()) };
                        if !nist.is_null() {
                            // SAFETY: a static C string.
                            let nist = unsafe { CStr::from_ptr(nist) }.to_string_lossy().into_owned();
                            let value = string(scope, &nist).into();
                            set(scope, object, "nistCurve", value);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let valid_from = string(scope, &cert.not_before().to_string()).into();
    set(scope, object, "valid_from", valid_from);
    let valid_to = string(scope, &cert.not_after().to_string()).into();
    set(scope, object, "valid_to", valid_to);
    for (key, digest) in [("fingerprint", MessageDigest::sha1()), ("fingerprint256", MessageDigest::sha256()), ("fingerprint512", MessageDigest::sha512())] {
        if let Ok(bytes) = cert.digest(digest) {
            let value = string(scope, &hex_colon(&bytes)).into();
            set(scope, object, key, value);
        }
    }
    let usages = ext_key_usage(cert);
    if !usages.is_empty() {
        let values: Vec<v8::Local<v8::Value>> = usages.iter().map(|oid| string(scope, oid).into()).collect();
        let array = v8::Array::new_with_elements(scope, &values).into();
        set(scope, object, "ext_key_usage", array);
    }
    if let Ok(serial) = cert.serial_number().to_bn().and_then(|bn| bn.to_hex_str().map(|s| s.to_string())) {
        let value = string(scope, &serial).into();
        set(scope, object, "serialNumber", value);
    }
    if let Ok(der) = cert.to_der() {
        let raw = buffer_of(scope, der);
        set(scope, object, "raw", raw);
    }
    object
}

/// The extended key usage OIDs, dotted.
pub(super) fn ext_key_usage(cert: &X509Ref) -> Vec<String> {
    let mut out = Vec::new();
    // SAFETY: X509_get_ext_d2i returns an owned EXTENDED_KEY_USAGE stack (of ASN1_OBJECT) or null.
    unsafe {
        let stack = ffi::X509_get_ext_d2i(cert.as_ptr(), Nid::EXT_KEY_USAGE.as_raw(), std::ptr::null_mut(), std::ptr::null_mut());
        if stack.is_null() {
            return out;
        }
        let count = ffi::OPENSSL_sk_num(stack.cast());
        for i in 0..count {
            let object = ffi::OPENSSL_sk_value(stack.cast(), i) as *const ffi::ASN1_OBJECT;
            let mut buffer = [0 as std::ffi::c_char; 128];
            let len = ffi::OBJ_obj2txt(buffer.as_mut_ptr(), buffer.len() as c_int, object, 1);
            if len > 0 {
                out.push(CStr::from_ptr(buffer.as_ptr()).to_string_lossy().into_owned());
            }
        }
        ffi::OPENSSL_sk_pop_free(stack.cast(), Some(free_asn1_object));
    }
    out
}

unsafe extern "C" fn free_asn1_object(object: *mut c_void) {
    // SAFETY: each element of the usage stack is an ASN1_OBJECT.
    unsafe { ffi::ASN1_OBJECT_free(object.cast()) }
}

/// A node Buffer is made in JS from the Uint8Array (`raw`, `pubkey`).
fn buffer_of<'s>(scope: &mut v8::PinScope<'s, '_>, bytes: Vec<u8>) -> v8::Local<'s, v8::Value> {
    uint8_array(scope, bytes).into()
}

/// `peerCertificate(id, detailed)`: the legacy object, with `issuerCertificate` links up the
/// chain when detailed (the root pointing at itself), or undefined.
fn conn_peer_certificate(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = arg_u32(scope, &args, 0);
    let detailed = args.get(1).is_true();
    let certs: Option<Vec<X509>> = with_ssl(id, |ssl| {
        let peer = ssl.peer_certificate()?;
        let mut chain = vec![peer.clone()];
        if detailed {
            // The chain the peer sent (a server's includes its leaf; a client's does not).
            let mut rest: Vec<X509> = ssl.peer_cert_chain().map(|stack| stack.iter().map(|c| c.to_owned()).collect()).unwrap_or_default();
            if let Some(verified) = ssl.verified_chain() {
                for cert in verified.iter() {
                    if !rest.iter().any(|c| c.to_der().ok() == cert.to_der().ok()) {
                        rest.push(cert.to_owned());
                    }
                }
            }
            let mut current = peer;
            loop {
                let next = rest.iter().position(|c| {
                    c.to_der().ok() != current.to_der().ok() && c.issued(&current) == openssl::x509::X509VerifyResult::OK
                });
                match next {
                    Some(index) => {
                        let cert = rest.remove(index);
                        chain.push(cert.clone());
                        current = cert;
                    }
                    None => break,
                }
            }
        }
        Some(chain)
    })
    .flatten();
    let Some(certs) = certs else { return };
    let objects: Vec<v8::Local<v8::Object>> = certs.iter().map(|cert| certificate_object(scope, cert)).collect();
    if detailed {
        for pair in objects.windows(2) {
            set(scope, pair[0], "issuerCertificate", pair[1].into());
        }
        let last = *objects.last().unwrap();
        let last_cert = certs.last().unwrap();
        if last_cert.issued(last_cert) == openssl::x509::X509VerifyResult::OK {
            set(scope, last, "issuerCertificate", last.into());
        }
    }
    rv.set(objects[0].into());
}

fn conn_certificate(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = arg_u32(scope, &args, 0);
    let cert = with_ssl(id, |ssl| ssl.certificate().map(|c| c.to_owned())).flatten();
    if let Some(cert) = cert {
        let object = certificate_object(scope, &cert);
        rv.set(object.into());
    }
}

fn verify_error_name(code: i32) -> &'static str {
    match code {
        2 => "UNABLE_TO_GET_ISSUER_CERT",
        3 => "UNABLE_TO_GET_CRL",
        4 => "UNABLE_TO_DECRYPT_CERT_SIGNATURE",
        5 => "UNABLE_TO_DECRYPT_CRL_SIGNATURE",
        6 => "UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY",
        7 => "CERT_SIGNATURE_FAILURE",
        8 => "CRL_SIGNATURE_FAILURE",
        9 => "CERT_NOT_YET_VALID",
        10 => "CERT_HAS_EXPIRED",
        11 => "CRL_NOT_YET_VALID",
        12 => "CRL_HAS_EXPIRED",
        13 => "ERROR_IN_CERT_NOT_BEFORE_FIELD",
        14 => "ERROR_IN_CERT_NOT_AFTER_FIELD",
        15 => "ERROR_IN_CRL_LAST_UPDATE_FIELD",
        16 => "ERROR_IN_CRL_NEXT_UPDATE_FIELD",
        17 => "OUT_OF_MEM",
        18 => "DEPTH_ZERO_SELF_SIGNED_CERT",
        19 => "SELF_SIGNED_CERT_IN_CHAIN",
        20 => "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
        21 => "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
        22 => "CERT_CHAIN_TOO_LONG",
        23 => "CERT_REVOKED",
        24 => "INVALID_CA",
        25 => "PATH_LENGTH_EXCEEDED",
        26 => "INVALID_PURPOSE",
        27 => "CERT_UNTRUSTED",
        28 => "CERT_REJECTED",
        62 => "HOSTNAME_MISMATCH",
        _ => "UNSPECIFIED",
    }
}

/// `verifyError(id)`: [code, message] of the peer's verification, or undefined when it passed.
fn conn_verify_error(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = arg_u32(scope, &args, 0);
    let code = with_ssl(id, |ssl| {
        if ssl.peer_certificate().is_some() {
            return ssl.verify_result().as_raw();
        }
        // TLSv1.3 resumption (PSK) has no certificate to check, nor has a PSK cipher's.
        if ssl.session_reused() && ssl.version2() == Some(SslVersion::TLS1_3) {
            return 0;
        }
        const NID_AUTH_PSK: c_int = 1048;
        // SAFETY: the connection's current cipher, alive with it.
        if ssl.current_cipher().is_some_and(|cipher| unsafe { sys::SSL_CIPHER_get_auth_nid(cipher.as_ptr()) } == NID_AUTH_PSK) {
            return 0;
        }
        2 // X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT
    });
    let Some(code) = code else { return };
    if code == 0 {
        return;
    }
    // SAFETY: a code OpenSSL reported.
    let mut message = unsafe { openssl::x509::X509VerifyResult::from_raw(code) }.error_string().to_string();
    // Where a missing local root may be the cause, node suggests the system's store.
    if matches!(code, 18 | 20 | 21) {
        message.push_str("; if the root CA is installed locally, try running Node.js with --use-system-ca");
    }
    let values = [string(scope, verify_error_name(code)).into(), string(scope, &message).into()];
    rv.set(v8::Array::new_with_elements(scope, &values).into());
}

fn conn_cipher(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = arg_u32(scope, &args, 0);
    let info = with_ssl(id, |ssl| {
        let cipher = ssl.current_cipher()?;
        Some((cipher.name().to_string(), cipher.standard_name().unwrap_or("").to_string(), cipher.version().to_string()))
    })
    .flatten();
    let Some((name, standard, version)) = info else { return };
    let object = v8::Object::new(scope);
    for (key, value) in [("name", name), ("standardName", standard), ("version", version)] {
        let value = string(scope, &value).into();
        set(scope, object, key, value);
    }
    rv.set(object.into());
}

/// Simple string/boolean facts: `info(id, what)`.
fn conn_info(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = arg_u32(scope, &args, 0);
    let what = args.get(1).to_rust_string_lossy(scope);
    enum Fact {
        Text(String),
        Bool(bool),
        Bytes(Vec<u8>),
        Strings(Vec<String>),
        None,
    }
    let fact = with_ssl(id, |ssl| {
        match what.as_str() {
            "protocol" => Fact::Text(ssl.version_str().to_string()),
            "alpn" => ssl.selected_alpn_protocol().map_or(Fact::Bool(false), |p| Fact::Text(String::from_utf8_lossy(p).into_owned())),
            "servername" => ssl.servername(NameType::HOST_NAME).map_or(Fact::Bool(false), |s| Fact::Text(s.to_string())),
            "reused" => Fact::Bool(ssl.session_reused()),
            "session" => ssl.session().and_then(|s| s.to_der().ok()).map_or(Fact::None, Fact::Bytes),
            "ticket" => {
                let session = ssl.session();
                let mut ticket: *const c_uchar = std::ptr::null();
                let mut len = 0usize;
                if let Some(session) = session {
                    // SAFETY: the ticket bytes belong to the session.
                    unsafe { sys::SSL_SESSION_get0_ticket(session.as_ptr(), &mut ticket, &mut len) };
                }
                if ticket.is_null() {
                    Fact::None
                } else {
                    // SAFETY: as above.
                    Fact::Bytes(unsafe { std::slice::from_raw_parts(ticket, len) }.to_vec())
                }
            }
            "finished" | "peerFinished" => {
                let mut buffer = [0u8; 128];
                let len = if what == "finished" { ssl.finished(&mut buffer) } else { ssl.peer_finished(&mut buffer) };
                if len == 0 { Fact::None } else { Fact::Bytes(buffer[..len.min(128)].to_vec()) }
            }
            "sharedSigalgs" => Fact::Strings(shared_sigalgs(ssl)),
            "ephemeralKey" => {
                let mut key: *mut ffi::EVP_PKEY = std::ptr::null_mut();
                // SAFETY: SSL_get_peer_tmp_key hands back an owned key or nothing.
                unsafe { ffi::SSL_get_peer_tmp_key(ssl.as_ptr(), &mut key) };
                if key.is_null() {
                    return Fact::None;
                }
                // SAFETY: we own the key now.
                let key = unsafe { PKey::<openssl::pkey::Public>::from_ptr(key) };
                let bits = key.bits();
                match key.id() {
                    Id::DH => Fact::Strings(vec!["DH".into(), String::new(), bits.to_string()]),
                    Id::X25519 => Fact::Strings(vec!["ECDH".into(), "X25519".into(), "253".into()]),
                    Id::X448 => Fact::Strings(vec!["ECDH".into(), "X448".into(), "448".into()]),
                    Id::EC => {
                        let name = key.ec_key().ok().and_then(|ec| ec.group().curve_name()).map(|nid| {
                            // SAFETY: a static string or null.
                            let nist = unsafe { sys::EC_curve_nid2nist(nid.as_raw()) };
                            if nist.is_null() {
                                nid.short_name().unwrap_or("").to_string()
                            } else {
                                // SAFETY: a static C string.
                                unsafe { CStr::from_ptr(nist) }.to_string_lossy().into_owned()
                            }
                        });
                        Fact::Strings(vec!["ECDH".into(), name.unwrap_or_default(), bits.to_string()])
                    }
                    _ => Fact::None,
                }
            }
            _ => Fact::None,
        }
    });
    match fact {
        Some(Fact::Text(text)) => rv.set(string(scope, &text).into()),
        Some(Fact::Bool(value)) => rv.set(v8::Boolean::new(scope, value).into()),
        Some(Fact::Bytes(bytes)) => rv.set(uint8_array(scope, bytes).into()),
        Some(Fact::Strings(list)) => {
            let values: Vec<v8::Local<v8::Value>> = list.iter().map(|s| string(scope, s).into()).collect();
            rv.set(v8::Array::new_with_elements(scope, &values).into());
        }
        _ => {}
    }
}

fn shared_sigalgs(ssl: &SslRef) -> Vec<String> {
    extern "C" {
        fn SSL_get_shared_sigalgs(
            s: *mut ffi::SSL,
            idx: c_int,
            psign: *mut c_int,
            phash: *mut c_int,
            psignhash: *mut c_int,
            rsig: *mut c_uchar,
            rhash: *mut c_uchar,
        ) -> c_int;
    }
    let mut out = Vec::new();
    // SAFETY: indexes within the count OpenSSL reports.
    unsafe {
        let count = SSL_get_shared_sigalgs(ssl.as_ptr(), 0, std::ptr::null_mut(), std::ptr::null_mut(), std::ptr::null_mut(), std::ptr::null_mut(), std::ptr::null_mut());
        for i in 0..count {
            let (mut sign, mut hash, mut signhash) = (0, 0, 0);
            let (mut rsig, mut rhash) = (0u8, 0u8);
            SSL_get_shared_sigalgs(ssl.as_ptr(), i, &mut sign, &mut hash, &mut signhash, &mut rsig, &mut rhash);
            let sign_name = match sign {
                x if x == Nid::RSAENCRYPTION.as_raw() => "RSA".to_string(),
                x if x == Nid::RSASSAPSS.as_raw() => {
                    if rsig == 0x08 && (rhash == 0x09 || rhash == 0x0a || rhash == 0x0b) { "RSA-PSS".to_string() } else { "RSA-PSS".to_string() }
                }
                x if x == Nid::DSA.as_raw() => "DSA".to_string(),
                x if x == Nid::X9_62_ID_ECPUBLICKEY.as_raw() => "ECDSA".to_string(),
                x if x == Id::ED25519.as_raw() => "Ed25519".to_string(),
                x if x == Id::ED448.as_raw() => "Ed448".to_string(),
                other => {
                    let name = ffi::OBJ_nid2sn(other);
                    if name.is_null() { "UNDEF".to_string() } else { CStr::from_ptr(name).to_string_lossy().into_owned() }
                }
            };
            let entry = if hash == 0 || sign == Id::ED25519.as_raw() || sign == Id::ED448.as_raw() {
                sign_name
            } else {
                let hash_name = ffi::OBJ_nid2sn(hash);
                let hash_name = if hash_name.is_null() { "UNDEF".to_string() } else { CStr::from_ptr(hash_name).to_string_lossy().into_owned() };
                format!("{sign_name}+{hash_name}")
            };
            out.push(entry);
        }
    }
    out
}

fn conn_export_keying_material(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = arg_u32(scope, &args, 0);
    let length = arg_u32(scope, &args, 1) as usize;
    let label = args.get(2).to_rust_string_lossy(scope);
    let context = if args.get(3).is_null_or_undefined() { None } else { Some(arg_bytes(scope, &args, 3)) };
    let result = with_ssl(id, |ssl| {
        let mut out = vec![0u8; length];
        ssl.export_keying_material(&mut out, &label, context.as_deref()).map(|_| out)
    });
    match result {
        Some(Ok(bytes)) => rv.set(uint8_array(scope, bytes).into()),
        Some(Err(stack)) => return_error(scope, &mut rv, &stack),
        None => {}
    }
}

fn context_certificate(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = arg_u32(scope, &args, 0);
    let Some(ctx) = context_of(id) else { return };
    let issuer = args.get(1).is_true();
    let Some(cert) = ctx.certificate().map(|c| c.to_owned()) else { return };
    if issuer {
        // The issuer from the context's chain or store.
        let mut chain: *mut ffi::stack_st_X509 = std::ptr::null_mut();
        // SAFETY: SSL_CTX_get_extra_chain_certs (the certificate's chain when there are no extra
        // certificates); the stack, possibly none, stays the context's.
        unsafe { ffi::SSL_CTX_ctrl(ctx.as_ptr(), 82 /* SSL_CTRL_GET_EXTRA_CHAIN_CERTS */, 0, (&mut chain as *mut *mut ffi::stack_st_X509).cast()) };
        let mut candidates: Vec<X509> = match chain.is_null() {
            true => Vec::new(),
            // SAFETY: a live stack of the context's.
            false => unsafe { openssl::stack::StackRef::<X509>::from_ptr(chain) }.iter().map(|c| c.to_owned()).collect(),
        };
        candidates.extend(ctx.cert_store().all_certificates());
        if let Some(found) = candidates.iter().find(|c| c.issued(&cert) == openssl::x509::X509VerifyResult::OK) {
            if let Ok(der) = found.to_der() {
                rv.set(uint8_array(scope, der).into());
            }
        }
        return;
    }
    if let Ok(der) = cert.to_der() {
        rv.set(uint8_array(scope, der).into());
    }
}

/// The `tls` binding object.
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "contextNew" => context_new,
        "contextFree" => context_free,
        "contextExternal" => context_external,
        "setKey" => context_set_key,
        "setEngineKey" => context_set_engine_key,
        "setClientCertEngine" => context_set_client_cert_engine,
        "setCert" => context_set_cert,
        "addCACert" => context_add_ca,
        "addRootCerts" => context_add_root_certs,
        "addCRL" => context_add_crl,
        "setCiphers" => context_set_ciphers,
        "setGroups" => context_set_groups,
        "setVersions" => context_set_versions,
        "setSigalgs" => context_set_sigalgs,
        "setOptions" => context_set_options,
        "setSessionIdContext" => context_set_session_id_context,
        "setSessionTimeout" => context_set_session_timeout,
        "setDHAuto" => context_set_dh_auto,
        "setDHParam" => context_set_dh_param,
        "setTicketKeys" => context_set_ticket_keys,
        "getTicketKeys" => context_get_ticket_keys,
        "enableTicketKeyCallback" => context_enable_ticket_key_callback,
        "setAllowPartialTrustChain" => context_set_allow_partial_trust_chain,
        "loadPKCS12" => context_load_pkcs12,
        "contextCertificate" => context_certificate,
        "rootCertificates" => root_certificates,
        "startLoadingCertificates" => start_loading_certificates,
        "systemCertificates" => system_certificates,
        "extraCertificates" => extra_certificates,
        "setDefaultCACertificates" => set_default_ca_certificates,
        "userCACertificates" => user_ca_certificates,
        "cipherNames" => cipher_names,
        "connNew" => conn_new,
        "connFree" => conn_free,
        "connSet" => conn_set,
        "receive" => conn_receive,
        "cycle" => conn_cycle,
        "write" => conn_write,
        "shutdown" => conn_shutdown,
        "renegotiate" => conn_renegotiate,
        "peerCertificate" => conn_peer_certificate,
        "certificate" => conn_certificate,
        "verifyError" => conn_verify_error,
        "cipher" => conn_cipher,
        "info" => conn_info,
        "exportKeyingMaterial" => conn_export_keying_material,
    });
    rv.set(object.into());
}
