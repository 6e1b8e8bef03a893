//! Native half of `http2`: one nghttp2 session per Http2Session, as node's own binding wraps
//! nghttp2. The JS side owns the socket: it feeds received bytes in with `receive`, and
//! `drain` hands back the bytes nghttp2 wants sent together with the events the session
//! produced since the last drain (frames received, stream data, closes, writes handed on).
//! Callbacks only record events; nothing calls into JS while nghttp2 runs.

use std::alloc::Layout;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::ffi::{c_int, c_void, CStr};
use std::rc::Rc;

use libnghttp2_sys as ng;

use super::bindings::{binding_object, number_array, string, uint8_array};

const EVENT_HEADERS: u32 = 1;
const EVENT_DATA: u32 = 2;
const EVENT_END: u32 = 3;
const EVENT_CLOSE: u32 = 4;
const EVENT_SETTINGS: u32 = 5;
const EVENT_PING: u32 = 6;
const EVENT_GOAWAY: u32 = 7;
const EVENT_RST: u32 = 8;
const EVENT_PRIORITY: u32 = 9;
const EVENT_PUSH_PROMISE: u32 = 10;
const EVENT_FRAME_ERROR: u32 = 11;
const EVENT_WANT_TRAILERS: u32 = 12;
const EVENT_WRITE_DONE: u32 = 13;
const EVENT_ALTSVC: u32 = 14;
const EVENT_ORIGIN: u32 = 15;
const EVENT_FRAME_SENT: u32 = 16;
const EVENT_INVALID_FRAME: u32 = 17;
const EVENT_TERMINATED: u32 = 18;

type HeaderList = Vec<(Vec<u8>, Vec<u8>, u8)>;

enum Event {
    Headers { stream: i32, category: u32, flags: u8, headers: HeaderList },
    Data { stream: i32, bytes: Vec<u8> },
    End { stream: i32 },
    Close { stream: i32, code: u32 },
    /// A SETTINGS frame, with the settings in force once nghttp2 applied it (the remote ones,
    /// or for an ACK the local ones: node reads them in its callback, before later frames
    /// change them); a non-ACK one also carries its entries of ids nghttp2 does not know
    /// (node's custom settings), which JS keeps when they are among remoteCustomSettings.
    Settings { ack: bool, values: [u32; 7], custom: Vec<(u16, u32)> },
    Ping { ack: bool, payload: [u8; 8] },
    Goaway { code: u32, last_stream: i32, opaque: Vec<u8> },
    Rst { stream: i32, code: u32 },
    Priority { stream: i32, parent: i32, weight: i32, exclusive: bool },
    PushPromise { stream: i32, promised: i32, headers: HeaderList },
    FrameError { stream: i32, frame_type: u8, code: i32 },
    WantTrailers { stream: i32 },
    WriteDone { stream: i32, write_id: f64 },
    Altsvc { stream: i32, origin: Vec<u8>, value: Vec<u8> },
    Origin { origins: Vec<Vec<u8>> },
    FrameSent { stream: i32, frame_type: u8, flags: u8, code: u32 },
    InvalidFrame { stream: i32, frame_type: u8, code: i32 },
    /// nghttp2 ended the session itself (a connection error): its GOAWAY went out unasked.
    Terminated,
}

/// What a stream has queued to send: chunks (each with the id JS gave its write), whether
/// the writable side ended, and whether nghttp2 was told to wait for more.
#[derive(Default)]
struct Outgoing {
    chunks: VecDeque<(Vec<u8>, usize, f64)>,
    ended: bool,
    wait_for_trailers: bool,
    deferred: bool,
}

/// A received stream's flow control, as node's: the connection window reopens as data
/// arrives, a stream's only while JS reads it (what arrived while paused waits for readStart).
#[derive(Default)]
struct Inbound {
    reading: bool,
    unconsumed: usize,
}

#[derive(Default)]
struct Inner {
    events: Vec<Event>,
    inbound: HashMap<i32, Inbound>,
    /// maxSessionInvalidFrames, and how many invalid frames the peer sent.
    max_invalid_frames: u32,
    invalid_frames: u32,
    /// Set when the invalid frames passed the limit and nghttp2 was told to fail.
    too_many_invalid_frames: bool,
    /// maxHeaderListPairs: the most fields a received header block may have.
    max_header_pairs: usize,
    /// GOAWAY frames JS asked for that nghttp2 has not sent (or dropped) yet.
    goaways_submitted: u32,
    /// Header blocks being received, by stream (a HEADERS or PUSH_PROMISE frame's fields).
    receiving: HashMap<i32, HeaderList>,
    /// Each stream's limit on received header bytes: as node's, the local maxHeaderListSize
    /// in force when the stream was made (later SETTINGS do not change it).
    header_limits: HashMap<i32, usize>,
    outgoing: HashMap<i32, Outgoing>,
    /// Bytes serialized ahead of a drain (what was pending when a stream was reset), and
    /// nghttp2's error if that failed.
    sent_early: Outbound,
    sent_early_error: i64,
    /// Frames received and sent, for the session's performance entry.
    frames_received: u64,
    frames_sent: u64,
    /// maxSessionMemory in bytes, and what counts against it as in node: what nghttp2 has
    /// allocated (its allocator counts into `nghttp2_memory`) and the header blocks of the
    /// streams still open (node keeps them until the stream goes, even once JS has them).
    max_memory: u64,
    nghttp2_memory: Rc<Cell<u64>>,
    header_memory: HashMap<i32, u64>,
    header_memory_total: u64,
}

/// Bytes for the socket, with the lengths of the pieces node would hand it as separate buffers
/// of one write: each frame nghttp2 serialized, a padded DATA frame as its header, pad length,
/// data and padding (node sends DATA without copying it into the frame). A JS stream socket
/// sees each piece as a write of its own.
#[derive(Default)]
struct Outbound {
    bytes: Vec<u8>,
    pieces: Vec<u32>,
}

impl Outbound {
    fn push_frame(&mut self, frame: &[u8]) {
        self.bytes.extend_from_slice(frame);
        const DATA: u8 = 0;
        const PADDED: u8 = 0x8;
        if frame.len() < 9 || frame[3] != DATA {
            self.pieces.push(frame.len() as u32);
            return;
        }
        self.pieces.push(9);
        let (pad, data) = if frame[4] & PADDED != 0 && frame.len() > 9 {
            self.pieces.push(1);
            let pad = frame[9] as usize;
            (pad, frame.len() - 10 - pad)
        } else {
            (0, frame.len() - 9)
        };
        self.pieces.extend([data as u32, pad as u32].into_iter().filter(|&length| length > 0));
    }
}

impl Inner {
    fn memory_in_use(&self) -> u64 {
        self.nghttp2_memory.get() + self.header_memory_total
    }

    fn release_header_memory(&mut self, stream: i32) {
        self.header_memory_total -= self.header_memory.remove(&stream).unwrap_or(0);
    }

    /// Counts one invalid frame; past maxSessionInvalidFrames the session fails (node's
    /// ERR_HTTP2_TOO_MANY_INVALID_FRAMES) and the callback must tell nghttp2 so.
    fn over_invalid_frame_limit(&mut self) -> bool {
        let count = self.invalid_frames;
        self.invalid_frames = count.saturating_add(1);
        if count > self.max_invalid_frames {
            self.too_many_invalid_frames = true;
        }
        self.too_many_invalid_frames
    }
}

struct Session {
    raw: *mut ng::nghttp2_session,
    inner: Box<Inner>,
}

impl Drop for Session {
    fn drop(&mut self) {
        // SAFETY: `raw` came from nghttp2_session_*_new and is deleted once.
        unsafe { ng::nghttp2_session_del(self.raw) };
    }
}

thread_local! {
    static SESSIONS: RefCell<(u32, HashMap<u32, Box<Session>>)> = RefCell::new((0, HashMap::new()));
}

/// The session's raw pointers. The box stays in the table while JS uses its id; callbacks
/// never touch the table, so nothing else borrows it while nghttp2 runs.
fn session(scope: &mut v8::PinScope, id: v8::Local<v8::Value>) -> Option<(*mut ng::nghttp2_session, *mut Inner)> {
    let id = id.uint32_value(scope)?;
    SESSIONS.with(|sessions| {
        let mut sessions = sessions.borrow_mut();
        let session = sessions.1.get_mut(&id)?;
        Some((session.raw, &mut *session.inner as *mut Inner))
    })
}

// nghttp2's allocator: the system's, each block led by its size so that the session's count of
// its memory (the Cell mem_user_data points at) follows frees and reallocations.
const BLOCK_HEADER: usize = 16;

fn block_layout(size: usize) -> Option<Layout> {
    Layout::from_size_align(size.checked_add(BLOCK_HEADER)?, BLOCK_HEADER).ok()
}

unsafe fn memory_count<'a>(user: *mut c_void) -> &'a Cell<u64> {
    // SAFETY: mem_user_data is the session's Rc<Cell<u64>>, alive while nghttp2 runs.
    unsafe { &*(user as *const Cell<u64>) }
}

unsafe fn allocate_block(size: usize, zeroed: bool, user: *mut c_void) -> *mut c_void {
    let Some(layout) = block_layout(size) else { return std::ptr::null_mut() };
    // SAFETY: a non-zero layout; the size is written in the block's own header.
    unsafe {
        let base = if zeroed { std::alloc::alloc_zeroed(layout) } else { std::alloc::alloc(layout) };
        if base.is_null() {
            return base as *mut c_void;
        }
        (base as *mut usize).write(size);
        let count = memory_count(user);
        count.set(count.get() + size as u64);
        base.add(BLOCK_HEADER) as *mut c_void
    }
}

unsafe extern "C" fn mem_malloc(size: usize, user: *mut c_void) -> *mut c_void {
    unsafe { allocate_block(size, false, user) }
}

unsafe extern "C" fn mem_calloc(count: usize, size: usize, user: *mut c_void) -> *mut c_void {
    match count.checked_mul(size) {
        Some(total) => unsafe { allocate_block(total, true, user) },
        None => std::ptr::null_mut(),
    }
}

unsafe extern "C" fn mem_free(block: *mut c_void, user: *mut c_void) {
    if block.is_null() {
        return;
    }
    // SAFETY: `block` came from allocate_block, its size BLOCK_HEADER bytes before it.
    unsafe {
        let base = (block as *mut u8).sub(BLOCK_HEADER);
        let size = (base as *const usize).read();
        let count = memory_count(user);
        count.set(count.get() - size as u64);
        std::alloc::dealloc(base, block_layout(size).unwrap());
    }
}

unsafe extern "C" fn mem_realloc(block: *mut c_void, size: usize, user: *mut c_void) -> *mut c_void {
    if block.is_null() {
        return unsafe { mem_malloc(size, user) };
    }
    let Some(new_layout) = block_layout(size) else { return std::ptr::null_mut() };
    // SAFETY: as mem_free; on failure the old block stays as it was.
    unsafe {
        let base = (block as *mut u8).sub(BLOCK_HEADER);
        let old_size = (base as *const usize).read();
        let moved = std::alloc::realloc(base, block_layout(old_size).unwrap(), new_layout.size());
        if moved.is_null() {
            return std::ptr::null_mut();
        }
        (moved as *mut usize).write(size);
        let count = memory_count(user);
        count.set(count.get() - old_size as u64 + size as u64);
        moved.add(BLOCK_HEADER) as *mut c_void
    }
}

unsafe fn inner<'a>(user_data: *mut c_void) -> &'a mut Inner {
    // SAFETY: user_data is the session's boxed Inner (see create).
    unsafe { &mut *(user_data as *mut Inner) }
}

unsafe fn bytes_of(data: *const u8, len: usize) -> Vec<u8> {
    if data.is_null() || len == 0 {
        return Vec::new();
    }
    // SAFETY: nghttp2 hands `len` readable bytes at `data`.
    unsafe { std::slice::from_raw_parts(data, len) }.to_vec()
}

unsafe extern "C" fn on_begin_headers(session: *mut ng::nghttp2_session, frame: *const ng::nghttp2_frame, user_data: *mut c_void) -> c_int {
    // SAFETY: nghttp2 passes a valid frame; the union member follows its type.
    let (inner, frame) = unsafe { (inner(user_data), &*frame) };
    let stream = unsafe {
        if frame.hd.type_ as u32 == ng::NGHTTP2_PUSH_PROMISE { frame.push_promise.promised_stream_id } else { frame.hd.stream_id }
    };
    // As node, a stream the peer opens past maxSessionMemory is refused.
    let opens_stream = unsafe {
        frame.hd.type_ as u32 == ng::NGHTTP2_PUSH_PROMISE || frame.headers.cat == ng::NGHTTP2_HCAT_REQUEST
    };
    if opens_stream && inner.memory_in_use() > inner.max_memory {
        unsafe { ng::nghttp2_submit_rst_stream(session, 0, stream, ng::NGHTTP2_ENHANCE_YOUR_CALM) };
        return ng::NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
    }
    inner.receiving.insert(stream, Vec::new());
    inner.header_limits.entry(stream).or_insert_with(|| local_max_header_list_size(session));
    0
}

fn local_max_header_list_size(session: *mut ng::nghttp2_session) -> usize {
    // SAFETY: a live session; nghttp2 allows reading settings from within its callbacks.
    unsafe { ng::nghttp2_session_get_local_settings(session, ng::NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE) as usize }
}

unsafe extern "C" fn on_header(
    session: *mut ng::nghttp2_session,
    frame: *const ng::nghttp2_frame,
    name: *mut ng::nghttp2_rcbuf,
    value: *mut ng::nghttp2_rcbuf,
    flags: u8,
    user_data: *mut c_void,
) -> c_int {
    // SAFETY: as on_begin_headers; the rcbufs live for this call.
    let (inner, frame) = unsafe { (inner(user_data), &*frame) };
    let stream = unsafe {
        if frame.hd.type_ as u32 == ng::NGHTTP2_PUSH_PROMISE { frame.push_promise.promised_stream_id } else { frame.hd.stream_id }
    };
    let (name, value) = unsafe {
        let name = ng::nghttp2_rcbuf_get_buf(name);
        let value = ng::nghttp2_rcbuf_get_buf(value);
        (bytes_of(name.base, name.len), bytes_of(value.base, value.len))
    };
    if name.is_empty() {
        return 0;
    }
    // As node: a header block past maxHeaderListPairs, or past the maxHeaderListSize this side
    // announced (each field counted as name + value + 32), refuses the stream.
    let limit = inner.header_limits.get(&stream).copied().unwrap_or_else(|| local_max_header_list_size(session));
    let max_pairs = inner.max_header_pairs;
    let received = inner.receiving.entry(stream).or_default();
    let size: usize = received.iter().map(|(name, value, _)| name.len() + value.len() + 32).sum();
    let field = name.len() + value.len() + 32;
    let over_memory = inner.nghttp2_memory.get() + inner.header_memory_total + field as u64 > inner.max_memory;
    if received.len() >= max_pairs || size + field > limit || over_memory {
        unsafe { ng::nghttp2_submit_rst_stream(session, 0, stream, ng::NGHTTP2_ENHANCE_YOUR_CALM) };
        return ng::NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
    }
    received.push((name, value, flags));
    *inner.header_memory.entry(stream).or_default() += field as u64;
    inner.header_memory_total += field as u64;
    0
}

unsafe extern "C" fn on_frame_recv(session: *mut ng::nghttp2_session, frame: *const ng::nghttp2_frame, user_data: *mut c_void) -> c_int {
    // SAFETY: as on_begin_headers.
    let (inner, frame) = unsafe { (inner(user_data), &*frame) };
    inner.frames_received += 1;
    let hd = unsafe { frame.hd };
    let stream = hd.stream_id;
    let end_stream = hd.flags as u32 & ng::NGHTTP2_FLAG_END_STREAM != 0;
    match hd.type_ as u32 {
        ng::NGHTTP2_DATA => {
            if end_stream {
                inner.events.push(Event::End { stream });
            } else if hd.length == 0 && inner.over_invalid_frame_limit() {
                // An empty DATA frame that does not end its stream counts as invalid, as in node.
                return 1;
            }
        }
        ng::NGHTTP2_HEADERS => {
            let headers = inner.receiving.remove(&stream).unwrap_or_default();
            let category = unsafe { frame.headers.cat };
            inner.events.push(Event::Headers { stream, category, flags: hd.flags, headers });
            if end_stream {
                inner.events.push(Event::End { stream });
            }
        }
        ng::NGHTTP2_PUSH_PROMISE => {
            let promised = unsafe { frame.push_promise.promised_stream_id };
            let headers = inner.receiving.remove(&promised).unwrap_or_default();
            inner.events.push(Event::PushPromise { stream, promised, headers });
        }
        ng::NGHTTP2_SETTINGS => {
            let ack = hd.flags as u32 & ng::NGHTTP2_FLAG_ACK != 0;
            let settings = unsafe { frame.settings };
            let entries = if ack || settings.niv == 0 { &[][..] } else { unsafe { std::slice::from_raw_parts(settings.iv, settings.niv) } };
            let custom = entries
                .iter()
                .filter(|entry| !SETTING_IDS.contains(&(entry.settings_id as u32)))
                .map(|entry| (entry.settings_id as u16, entry.value))
                .collect();
            let values = settings_values(session, !ack);
            inner.events.push(Event::Settings { ack, values, custom });
        }
        ng::NGHTTP2_PING => {
            let payload = unsafe { frame.ping.opaque_data };
            inner.events.push(Event::Ping { ack: hd.flags as u32 & ng::NGHTTP2_FLAG_ACK != 0, payload });
        }
        ng::NGHTTP2_GOAWAY => {
            let goaway = unsafe { frame.goaway };
            let opaque = unsafe { bytes_of(goaway.opaque_data, goaway.opaque_data_len) };
            inner.events.push(Event::Goaway { code: goaway.error_code, last_stream: goaway.last_stream_id, opaque });
        }
        ng::NGHTTP2_RST_STREAM => inner.events.push(Event::Rst { stream, code: unsafe { frame.rst_stream.error_code } }),
        ng::NGHTTP2_PRIORITY => {
            let spec = unsafe { frame.priority.pri_spec };
            inner.events.push(Event::Priority { stream, parent: spec.stream_id, weight: spec.weight, exclusive: spec.exclusive != 0 });
        }
        ng::NGHTTP2_ALTSVC => {
            // SAFETY: with the ALTSVC extension on, the payload is an nghttp2_ext_altsvc.
            let altsvc = unsafe { &*(frame.ext.payload as *const ng::nghttp2_ext_altsvc) };
            let origin = unsafe { bytes_of(altsvc.origin, altsvc.origin_len) };
            let value = unsafe { bytes_of(altsvc.field_value, altsvc.field_value_len) };
            inner.events.push(Event::Altsvc { stream, origin, value });
        }
        ng::NGHTTP2_ORIGIN => {
            // SAFETY: with the ORIGIN extension on, the payload is an nghttp2_ext_origin.
            let origin = unsafe { &*(frame.ext.payload as *const ng::nghttp2_ext_origin) };
            let entries = if origin.nov == 0 { &[][..] } else { unsafe { std::slice::from_raw_parts(origin.ov, origin.nov) } };
            let origins = entries.iter().map(|entry| unsafe { bytes_of(entry.origin, entry.origin_len) }).collect();
            inner.events.push(Event::Origin { origins });
        }
        _ => {}
    }
    0
}

unsafe extern "C" fn on_data_chunk_recv(
    session: *mut ng::nghttp2_session,
    _flags: u8,
    stream: i32,
    data: *const u8,
    len: usize,
    user_data: *mut c_void,
) -> c_int {
    let inner = unsafe { inner(user_data) };
    inner.events.push(Event::Data { stream, bytes: unsafe { bytes_of(data, len) } });
    let inbound = inner.inbound.entry(stream).or_default();
    // SAFETY: nghttp2 allows consuming from within its callbacks.
    unsafe {
        ng::nghttp2_session_consume_connection(session, len);
        if inbound.reading {
            ng::nghttp2_session_consume_stream(session, stream, len);
        } else {
            inbound.unconsumed += len;
        }
    }
    0
}

unsafe extern "C" fn on_stream_close(_session: *mut ng::nghttp2_session, stream: i32, code: u32, user_data: *mut c_void) -> c_int {
    let inner = unsafe { inner(user_data) };
    inner.outgoing.remove(&stream);
    inner.receiving.remove(&stream);
    inner.header_limits.remove(&stream);
    inner.inbound.remove(&stream);
    inner.release_header_memory(stream);
    inner.events.push(Event::Close { stream, code });
    0
}

unsafe extern "C" fn on_frame_send(_session: *mut ng::nghttp2_session, frame: *const ng::nghttp2_frame, user_data: *mut c_void) -> c_int {
    let (inner, frame) = unsafe { (inner(user_data), &*frame) };
    inner.frames_sent += 1;
    let hd = unsafe { frame.hd };
    if hd.type_ as u32 == ng::NGHTTP2_DATA {
        return 0;
    }
    if hd.type_ as u32 == ng::NGHTTP2_GOAWAY {
        if inner.goaways_submitted > 0 {
            inner.goaways_submitted -= 1;
        } else {
            inner.events.push(Event::Terminated);
        }
    }
    let code = match hd.type_ as u32 {
        ng::NGHTTP2_GOAWAY => unsafe { frame.goaway.error_code },
        ng::NGHTTP2_RST_STREAM => unsafe { frame.rst_stream.error_code },
        _ => 0,
    };
    inner.events.push(Event::FrameSent { stream: hd.stream_id, frame_type: hd.type_, flags: hd.flags, code });
    0
}

unsafe extern "C" fn on_frame_not_send(_session: *mut ng::nghttp2_session, frame: *const ng::nghttp2_frame, code: c_int, user_data: *mut c_void) -> c_int {
    let (inner, frame) = unsafe { (inner(user_data), &*frame) };
    let hd = unsafe { frame.hd };
    if hd.type_ as u32 == ng::NGHTTP2_GOAWAY {
        inner.goaways_submitted = inner.goaways_submitted.saturating_sub(1);
    }
    inner.events.push(Event::FrameError { stream: hd.stream_id, frame_type: hd.type_, code });
    0
}

unsafe extern "C" fn on_invalid_frame_recv(_session: *mut ng::nghttp2_session, frame: *const ng::nghttp2_frame, code: c_int, user_data: *mut c_void) -> c_int {
    let (inner, frame) = unsafe { (inner(user_data), &*frame) };
    let hd = unsafe { frame.hd };
    if inner.over_invalid_frame_limit() {
        return 1;
    }
    // As node, the errors that end the session: fatal ones, frames on closed streams, and
    // protocol and flow-control violations; the rest nghttp2 answers with RST_STREAM alone.
    let ends_session = unsafe { ng::nghttp2_is_fatal(code) } != 0
        || matches!(code, ng::NGHTTP2_ERR_STREAM_CLOSED | ng::NGHTTP2_ERR_PROTO | ng::NGHTTP2_ERR_FLOW_CONTROL);
    if ends_session {
        inner.events.push(Event::InvalidFrame { stream: hd.stream_id, frame_type: hd.type_, code });
    }
    0
}

/// The data provider: copies queued chunks into DATA frames, reports each chunk handed on,
/// and defers while the stream's writable side is open with nothing queued.
unsafe extern "C" fn read_queued(
    _session: *mut ng::nghttp2_session,
    stream: i32,
    buf: *mut u8,
    length: usize,
    data_flags: *mut u32,
    _source: *mut ng::nghttp2_data_source,
    user_data: *mut c_void,
) -> ng::nghttp2_ssize {
    let inner = unsafe { inner(user_data) };
    let Some(outgoing) = inner.outgoing.get_mut(&stream) else {
        unsafe { *data_flags |= ng::NGHTTP2_DATA_FLAG_EOF };
        return 0;
    };
    // SAFETY: nghttp2 gives `length` writable bytes at `buf`.
    let out = unsafe { std::slice::from_raw_parts_mut(buf, length) };
    let mut written = 0;
    while written < length {
        let Some((chunk, position, write_id)) = outgoing.chunks.front_mut() else { break };
        let take = (chunk.len() - *position).min(length - written);
        out[written..written + take].copy_from_slice(&chunk[*position..*position + take]);
        *position += take;
        written += take;
        if *position == chunk.len() {
            let write_id = *write_id;
            outgoing.chunks.pop_front();
            inner.events.push(Event::WriteDone { stream, write_id });
        }
    }
    if outgoing.chunks.is_empty() {
        if outgoing.ended {
            unsafe { *data_flags |= ng::NGHTTP2_DATA_FLAG_EOF };
            if outgoing.wait_for_trailers {
                unsafe { *data_flags |= ng::NGHTTP2_DATA_FLAG_NO_END_STREAM };
                inner.events.push(Event::WantTrailers { stream });
            }
        } else if written == 0 {
            outgoing.deferred = true;
            return ng::NGHTTP2_ERR_DEFERRED as ng::nghttp2_ssize;
        }
    }
    written as ng::nghttp2_ssize
}

const PADDING_ALIGNED: i32 = 1;
const PADDING_MAX: i32 = 2;

/// paddingStrategy ALIGNED: pads a HEADERS or DATA frame so that with its 9-byte header it
/// fills whole 8-byte words, as far as the frame may grow.
unsafe extern "C" fn pad_aligned(
    _session: *mut ng::nghttp2_session,
    frame: *const ng::nghttp2_frame,
    max_payload: usize,
    _user_data: *mut c_void,
) -> ng::nghttp2_ssize {
    // SAFETY: nghttp2 passes a valid frame.
    let length = unsafe { (*frame).hd.length };
    let remainder = (length + 9) % 8;
    if remainder == 0 {
        return length as ng::nghttp2_ssize;
    }
    (length + 8 - remainder).min(max_payload) as ng::nghttp2_ssize
}

/// paddingStrategy MAX: every HEADERS and DATA frame padded as far as it may grow.
unsafe extern "C" fn pad_max(
    _session: *mut ng::nghttp2_session,
    _frame: *const ng::nghttp2_frame,
    max_payload: usize,
    _user_data: *mut c_void,
) -> ng::nghttp2_ssize {
    max_payload as ng::nghttp2_ssize
}

fn number(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Option<f64> {
    value.is_number().then(|| value.number_value(scope)).flatten()
}

/// create(isServer, options array): a session's id. The options array holds numbers, -1 for
/// unset: [maxDeflateDynamicTableSize, maxReservedRemoteStreams, maxSendHeaderBlockLength,
/// peerMaxConcurrentStreams, maxSettings, strictFieldWhitespaceValidation (0 = off),
/// maxSessionInvalidFrames, paddingStrategy (1 aligned, 2 max), maxHeaderListPairs,
/// maxSessionMemory (megabytes)].
fn create(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let is_server = args.get(0).is_true();
    let mut options = [-1.0f64; 10];
    if let Ok(list) = v8::Local::<v8::Array>::try_from(args.get(1)) {
        for (index, slot) in options.iter_mut().enumerate() {
            if let Some(value) = list.get_index(scope, index as u32) {
                if let Some(value) = number(scope, value) {
                    *slot = value;
                }
            }
        }
    }
    let mut inner = Box::<Inner>::default();
    inner.max_invalid_frames = if options[6] >= 0.0 { options[6] as u32 } else { 1000 };
    // Node's floor: a server takes at least the four request pseudo-headers, a client one.
    let min_header_pairs = if is_server { 4 } else { 1 };
    inner.max_header_pairs = if options[8] >= 0.0 { (options[8] as usize).max(min_header_pairs) } else { 128 };
    // Node's default is 10 MB (of 1,000,000 bytes).
    inner.max_memory = if options[9] >= 0.0 { (options[9] * 1e6) as u64 } else { 10_000_000 };
    let mut memory = ng::nghttp2_mem {
        mem_user_data: Rc::as_ptr(&inner.nghttp2_memory) as *mut c_void,
        malloc: Some(mem_malloc),
        free: Some(mem_free),
        calloc: Some(mem_calloc),
        realloc: Some(mem_realloc),
    };
    let mut raw = std::ptr::null_mut();
    // SAFETY: the callbacks and option objects are made, used and freed here; the session
    // keeps `inner`'s address, which the box keeps stable.
    unsafe {
        let mut callbacks = std::ptr::null_mut();
        ng::nghttp2_session_callbacks_new(&mut callbacks);
        ng::nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks, Some(on_begin_headers));
        ng::nghttp2_session_callbacks_set_on_header_callback2(callbacks, Some(on_header));
        ng::nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, Some(on_frame_recv));
        ng::nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, Some(on_data_chunk_recv));
        ng::nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, Some(on_stream_close));
        ng::nghttp2_session_callbacks_set_on_frame_send_callback(callbacks, Some(on_frame_send));
        ng::nghttp2_session_callbacks_set_on_frame_not_send_callback(callbacks, Some(on_frame_not_send));
        ng::nghttp2_session_callbacks_set_on_invalid_frame_recv_callback(callbacks, Some(on_invalid_frame_recv));
        match options[7] as i32 {
            PADDING_ALIGNED => ng::nghttp2_session_callbacks_set_select_padding_callback2(callbacks, Some(pad_aligned)),
            PADDING_MAX => ng::nghttp2_session_callbacks_set_select_padding_callback2(callbacks, Some(pad_max)),
            _ => {}
        }
        let mut option = std::ptr::null_mut();
        ng::nghttp2_option_new(&mut option);
        ng::nghttp2_option_set_no_auto_window_update(option, 1);
        ng::nghttp2_option_set_builtin_recv_extension_type(option, ng::NGHTTP2_ALTSVC as u8);
        ng::nghttp2_option_set_builtin_recv_extension_type(option, ng::NGHTTP2_ORIGIN as u8);
        if options[0] >= 0.0 {
            ng::nghttp2_option_set_max_deflate_dynamic_table_size(option, options[0] as usize);
        }
        if options[1] >= 0.0 {
            ng::nghttp2_option_set_max_reserved_remote_streams(option, options[1] as u32);
        }
        if options[2] >= 0.0 {
            ng::nghttp2_option_set_max_send_header_block_length(option, options[2] as usize);
        }
        ng::nghttp2_option_set_peer_max_concurrent_streams(option, if options[3] >= 0.0 { options[3] as u32 } else { 100 });
        if options[4] >= 0.0 {
            ng::nghttp2_option_set_max_settings(option, options[4] as usize);
        }
        if options[5] == 0.0 {
            ng::nghttp2_option_set_no_rfc9113_leading_and_trailing_ws_validation(option, 1);
        }
        let user_data = &mut *inner as *mut Inner as *mut c_void;
        // nghttp2 copies `memory`; the count it points at lives in `inner`, past the session.
        if is_server {
            ng::nghttp2_session_server_new3(&mut raw, callbacks, user_data, option, &mut memory);
        } else {
            ng::nghttp2_session_client_new3(&mut raw, callbacks, user_data, option, &mut memory);
        }
        ng::nghttp2_option_del(option);
        ng::nghttp2_session_callbacks_del(callbacks);
    }
    let id = SESSIONS.with(|sessions| {
        let mut sessions = sessions.borrow_mut();
        sessions.0 += 1;
        let id = sessions.0;
        sessions.1.insert(id, Box::new(Session { raw, inner }));
        id
    });
    rv.set(v8::Integer::new_from_unsigned(scope, id).into());
}

/// destroy(id): frees the session.
fn destroy(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(id) = args.get(0).uint32_value(scope) else { return };
    let session = SESSIONS.with(|sessions| sessions.borrow_mut().1.remove(&id));
    drop(session);
}

/// receive(id, view): feeds received bytes; returns 0, nghttp2's (negative) error code, or
/// the string code of the limit that failed it ('ERR_HTTP2_TOO_MANY_INVALID_FRAMES').
fn receive(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((raw, inner)) = session(scope, args.get(0)) else { return };
    let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(args.get(1)) else { return };
    let bytes = super::bindings::view_bytes(&view);
    // SAFETY: a live session; the bytes outlive the call.
    let result = unsafe { ng::nghttp2_session_mem_recv2(raw, bytes.as_ptr(), bytes.len()) };
    // SAFETY: nghttp2 is not running.
    if result < 0 && unsafe { (*inner).too_many_invalid_frames } {
        rv.set(string(scope, "ERR_HTTP2_TOO_MANY_INVALID_FRAMES").into());
        return;
    }
    rv.set(v8::Number::new(scope, if result < 0 { result as f64 } else { 0.0 }).into());
}

/// readStart(id, stream) / readStop(id, stream): whether JS reads the stream; starting hands
/// nghttp2 back the window of what arrived while it did not.
fn read_start(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some((raw, inner)) = session(scope, args.get(0)) else { return };
    let stream = args.get(1).int32_value(scope).unwrap_or(0);
    // SAFETY: nghttp2 is not running.
    let inbound = unsafe { &mut *inner }.inbound.entry(stream).or_default();
    inbound.reading = true;
    let unconsumed = std::mem::take(&mut inbound.unconsumed);
    if unconsumed > 0 {
        // SAFETY: a live session.
        unsafe { ng::nghttp2_session_consume_stream(raw, stream, unconsumed) };
    }
}

fn read_stop(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some((_, inner)) = session(scope, args.get(0)) else { return };
    let stream = args.get(1).int32_value(scope).unwrap_or(0);
    // SAFETY: nghttp2 is not running.
    unsafe { &mut *inner }.inbound.entry(stream).or_default().reading = false;
}

fn header_list_to_js<'s>(scope: &mut v8::PinScope<'s, '_>, headers: &HeaderList) -> (v8::Local<'s, v8::Value>, v8::Local<'s, v8::Value>) {
    let mut flat = Vec::with_capacity(headers.len() * 2);
    let mut sensitive = Vec::new();
    for (name, value, flags) in headers {
        let name = latin1(scope, name);
        flat.push(name);
        flat.push(latin1(scope, value));
        if *flags as u32 & ng::NGHTTP2_NV_FLAG_NO_INDEX != 0 {
            sensitive.push(name);
        }
    }
    (v8::Array::new_with_elements(scope, &flat).into(), v8::Array::new_with_elements(scope, &sensitive).into())
}

fn latin1<'s>(scope: &mut v8::PinScope<'s, '_>, bytes: &[u8]) -> v8::Local<'s, v8::Value> {
    v8::String::new_from_one_byte(scope, bytes, v8::NewStringType::Normal).unwrap().into()
}

fn event_to_js<'s>(scope: &mut v8::PinScope<'s, '_>, event: Event) -> v8::Local<'s, v8::Value> {
    let int = |scope: &mut v8::PinScope<'s, '_>, value: i64| -> v8::Local<'s, v8::Value> { v8::Number::new(scope, value as f64).into() };
    let elements: Vec<v8::Local<v8::Value>> = match event {
        Event::Headers { stream, category, flags, headers } => {
            let (flat, sensitive) = header_list_to_js(scope, &headers);
            vec![int(scope, EVENT_HEADERS as i64), int(scope, stream as i64), int(scope, category as i64), int(scope, flags as i64), flat, sensitive]
        }
        Event::Data { stream, bytes } => vec![int(scope, EVENT_DATA as i64), int(scope, stream as i64), uint8_array(scope, bytes).into()],
        Event::End { stream } => vec![int(scope, EVENT_END as i64), int(scope, stream as i64)],
        Event::Close { stream, code } => vec![int(scope, EVENT_CLOSE as i64), int(scope, stream as i64), int(scope, code as i64)],
        Event::Settings { ack, values, custom } => {
            let flat: Vec<f64> = custom.iter().flat_map(|&(id, value)| [id as f64, value as f64]).collect();
            vec![
                int(scope, EVENT_SETTINGS as i64),
                int(scope, 0),
                v8::Boolean::new(scope, ack).into(),
                number_array(scope, flat).into(),
                number_array(scope, values.map(f64::from)).into(),
            ]
        }
        Event::Ping { ack, payload } => {
            vec![int(scope, EVENT_PING as i64), int(scope, 0), v8::Boolean::new(scope, ack).into(), uint8_array(scope, payload.to_vec()).into()]
        }
        Event::Goaway { code, last_stream, opaque } => vec![
            int(scope, EVENT_GOAWAY as i64),
            int(scope, 0),
            int(scope, code as i64),
            int(scope, last_stream as i64),
            uint8_array(scope, opaque).into(),
        ],
        Event::Rst { stream, code } => vec![int(scope, EVENT_RST as i64), int(scope, stream as i64), int(scope, code as i64)],
        Event::Priority { stream, parent, weight, exclusive } => vec![
            int(scope, EVENT_PRIORITY as i64),
            int(scope, stream as i64),
            int(scope, parent as i64),
            int(scope, weight as i64),
            v8::Boolean::new(scope, exclusive).into(),
        ],
        Event::PushPromise { stream, promised, headers } => {
            let (flat, sensitive) = header_list_to_js(scope, &headers);
            vec![int(scope, EVENT_PUSH_PROMISE as i64), int(scope, stream as i64), int(scope, promised as i64), flat, sensitive]
        }
        Event::FrameError { stream, frame_type, code } => {
            vec![int(scope, EVENT_FRAME_ERROR as i64), int(scope, stream as i64), int(scope, frame_type as i64), int(scope, code as i64)]
        }
        Event::WantTrailers { stream } => vec![int(scope, EVENT_WANT_TRAILERS as i64), int(scope, stream as i64)],
        Event::WriteDone { stream, write_id } => {
            vec![int(scope, EVENT_WRITE_DONE as i64), int(scope, stream as i64), v8::Number::new(scope, write_id).into()]
        }
        Event::Altsvc { stream, origin, value } => {
            vec![int(scope, EVENT_ALTSVC as i64), int(scope, stream as i64), latin1(scope, &origin), latin1(scope, &value)]
        }
        Event::Origin { origins } => {
            let list: Vec<_> = origins.iter().map(|origin| latin1(scope, origin)).collect();
            vec![int(scope, EVENT_ORIGIN as i64), int(scope, 0), v8::Array::new_with_elements(scope, &list).into()]
        }
        Event::FrameSent { stream, frame_type, flags, code } => vec![
            int(scope, EVENT_FRAME_SENT as i64),
            int(scope, stream as i64),
            int(scope, frame_type as i64),
            int(scope, flags as i64),
            int(scope, code as i64),
        ],
        Event::InvalidFrame { stream, frame_type, code } => {
            vec![int(scope, EVENT_INVALID_FRAME as i64), int(scope, stream as i64), int(scope, frame_type as i64), int(scope, code as i64)]
        }
        Event::Terminated => vec![int(scope, EVENT_TERMINATED as i64), int(scope, 0)],
    };
    v8::Array::new_with_elements(scope, &elements).into()
}

/// drain(id): `[bytes to send or undefined, events, error code]`: everything nghttp2 wants
/// sent now, and the events recorded since the last drain.
fn drain(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((raw, inner)) = session(scope, args.get(0)) else { return };
    // SAFETY: nghttp2 is not running; the early bytes are ours to take.
    let mut out = std::mem::take(unsafe { &mut (*inner).sent_early });
    let early_error = std::mem::take(unsafe { &mut (*inner).sent_early_error });
    let error = if early_error < 0 { early_error } else { serialize_pending(raw, &mut out) };
    // SAFETY: nghttp2 is not running; the events are ours to take.
    let events = std::mem::take(unsafe { &mut (*inner).events });
    let (bytes, pieces): (v8::Local<v8::Value>, v8::Local<v8::Value>) = if out.bytes.is_empty() {
        (v8::undefined(scope).into(), v8::undefined(scope).into())
    } else {
        let pieces = number_array(scope, out.pieces.iter().map(|&length| f64::from(length))).into();
        (uint8_array(scope, out.bytes).into(), pieces)
    };
    let list: Vec<_> = events.into_iter().map(|event| event_to_js(scope, event)).collect();
    let list = v8::Array::new_with_elements(scope, &list).into();
    let error = v8::Number::new(scope, error as f64).into();
    rv.set(v8::Array::new_with_elements(scope, &[bytes, list, error, pieces]).into());
}

/// Appends the frames nghttp2 has ready to `out`; 0, or nghttp2's error.
fn serialize_pending(raw: *mut ng::nghttp2_session, out: &mut Outbound) -> i64 {
    loop {
        let mut data = std::ptr::null();
        // SAFETY: a live session; `data` is valid until the next nghttp2 call.
        let length = unsafe { ng::nghttp2_session_mem_send2(raw, &mut data) };
        if length <= 0 {
            return length as i64;
        }
        out.push_frame(unsafe { std::slice::from_raw_parts(data, length as usize) });
    }
}

/// Headers from JS: a flat array [name, value, flags, name, value, flags, ...] of latin1
/// strings and flag numbers.
fn header_list_from_js(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Vec<(Vec<u8>, Vec<u8>, u8)> {
    let Ok(list) = v8::Local::<v8::Array>::try_from(value) else { return Vec::new() };
    let mut headers = Vec::new();
    let length = list.length();
    let mut index = 0;
    while index + 1 < length {
        let name = list.get_index(scope, index).unwrap();
        let value = list.get_index(scope, index + 1).unwrap();
        let flags = list.get_index(scope, index + 2).and_then(|flags| flags.uint32_value(scope)).unwrap_or(0);
        headers.push((one_byte(scope, name), one_byte(scope, value), flags as u8));
        index += 3;
    }
    headers
}

fn one_byte(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Vec<u8> {
    let Some(text) = value.to_string(scope) else { return Vec::new() };
    let mut bytes = vec![0u8; text.length()];
    text.write_one_byte_v2(scope, 0, &mut bytes, v8::WriteFlags::empty());
    bytes
}

fn nv_list(headers: &mut [(Vec<u8>, Vec<u8>, u8)]) -> Vec<ng::nghttp2_nv> {
    headers
        .iter_mut()
        .map(|(name, value, flags)| ng::nghttp2_nv {
            name: name.as_mut_ptr(),
            value: value.as_mut_ptr(),
            namelen: name.len(),
            valuelen: value.len(),
            flags: *flags,
        })
        .collect()
}

fn provider() -> ng::nghttp2_data_provider2 {
    ng::nghttp2_data_provider2 { source: ng::nghttp2_data_source { ptr: std::ptr::null_mut() }, read_callback: Some(read_queued) }
}

fn priority_spec(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, at: i32) -> Option<ng::nghttp2_priority_spec> {
    let parent = args.get(at);
    if !parent.is_number() {
        return None;
    }
    let parent = parent.int32_value(scope).unwrap_or(0);
    let weight = args.get(at + 1).int32_value(scope).unwrap_or(16);
    let exclusive = args.get(at + 2).is_true() as u8;
    Some(ng::nghttp2_priority_spec { stream_id: parent, weight, exclusive })
}

/// request(id, headers, endStream, waitForTrailers[, parent, weight, exclusive]): the new
/// stream's id, or nghttp2's (negative) error code.
fn request(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((raw, inner)) = session(scope, args.get(0)) else { return };
    let mut headers = header_list_from_js(scope, args.get(1));
    let nva = nv_list(&mut headers);
    let end_stream = args.get(2).is_true();
    let wait_for_trailers = args.get(3).is_true();
    let spec = priority_spec(scope, &args, 4);
    let data = provider();
    // SAFETY: a live session; nghttp2 copies the header fields.
    let stream = unsafe {
        ng::nghttp2_submit_request2(
            raw,
            spec.as_ref().map_or(std::ptr::null(), |spec| spec as *const _),
            nva.as_ptr(),
            nva.len(),
            if end_stream { std::ptr::null() } else { &data },
            std::ptr::null_mut(),
        )
    };
    if stream > 0 {
        // SAFETY: nghttp2 is not running.
        let inner = unsafe { &mut *inner };
        inner.header_limits.insert(stream, local_max_header_list_size(raw));
        if !end_stream {
            inner.outgoing.insert(stream, Outgoing { wait_for_trailers, ..Default::default() });
        }
    }
    rv.set(v8::Integer::new(scope, stream).into());
}

/// respond(id, stream, headers, endStream, waitForTrailers): 0 or an error code.
fn respond(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((raw, inner)) = session(scope, args.get(0)) else { return };
    let stream = args.get(1).int32_value(scope).unwrap_or(0);
    let mut headers = header_list_from_js(scope, args.get(2));
    let nva = nv_list(&mut headers);
    let end_stream = args.get(3).is_true();
    let wait_for_trailers = args.get(4).is_true();
    let data = provider();
    if !end_stream {
        let outgoing = unsafe { &mut *inner }.outgoing.entry(stream).or_default();
        outgoing.wait_for_trailers = wait_for_trailers;
    }
    // SAFETY: a live session; nghttp2 copies the header fields.
    let result = unsafe { ng::nghttp2_submit_response2(raw, stream, nva.as_ptr(), nva.len(), if end_stream { std::ptr::null() } else { &data }) };
    rv.set(v8::Integer::new(scope, result).into());
}

/// headers(id, stream, headers[, endStream]): a HEADERS frame with no data provider (1xx
/// informational headers, trailers). 0 or an error code.
fn headers(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((raw, _)) = session(scope, args.get(0)) else { return };
    let stream = args.get(1).int32_value(scope).unwrap_or(0);
    let mut headers = header_list_from_js(scope, args.get(2));
    let nva = nv_list(&mut headers);
    let flags = if args.get(3).is_true() { ng::NGHTTP2_FLAG_END_STREAM as u8 } else { 0 };
    // SAFETY: a live session; nghttp2 copies the header fields.
    let result = unsafe { ng::nghttp2_submit_headers(raw, flags, stream, std::ptr::null(), nva.as_ptr(), nva.len(), std::ptr::null_mut()) };
    rv.set(v8::Integer::new(scope, result.min(0)).into());
}

/// pushPromise(id, stream, headers): the promised stream's id, or an error code.
fn push_promise(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((raw, _)) = session(scope, args.get(0)) else { return };
    let stream = args.get(1).int32_value(scope).unwrap_or(0);
    let mut headers = header_list_from_js(scope, args.get(2));
    let nva = nv_list(&mut headers);
    // SAFETY: a live session; nghttp2 copies the header fields.
    let result = unsafe { ng::nghttp2_submit_push_promise(raw, 0, stream, nva.as_ptr(), nva.len(), std::ptr::null_mut()) };
    rv.set(v8::Integer::new(scope, result).into());
}

/// write(id, stream, view, writeId): queues bytes on the stream's data provider.
fn write(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some((raw, inner)) = session(scope, args.get(0)) else { return };
    let stream = args.get(1).int32_value(scope).unwrap_or(0);
    let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(args.get(2)) else { return };
    let bytes = super::bindings::view_bytes(&view);
    let write_id = args.get(3).number_value(scope).unwrap_or(0.0);
    let inner = unsafe { &mut *inner };
    let outgoing = inner.outgoing.entry(stream).or_default();
    outgoing.chunks.push_back((bytes, 0, write_id));
    resume(raw, stream, outgoing);
}

fn resume(raw: *mut ng::nghttp2_session, stream: i32, outgoing: &mut Outgoing) {
    if outgoing.deferred {
        outgoing.deferred = false;
        // SAFETY: a live session.
        unsafe { ng::nghttp2_session_resume_data(raw, stream) };
    }
}

/// end(id, stream): the stream's writable side ends after what is queued.
fn end(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some((raw, inner)) = session(scope, args.get(0)) else { return };
    let stream = args.get(1).int32_value(scope).unwrap_or(0);
    let inner = unsafe { &mut *inner };
    if let Some(outgoing) = inner.outgoing.get_mut(&stream) {
        outgoing.ended = true;
        resume(raw, stream, outgoing);
    }
}

/// trailers(id, stream, headers): 0 or an error code.
fn trailers(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((raw, _)) = session(scope, args.get(0)) else { return };
    let stream = args.get(1).int32_value(scope).unwrap_or(0);
    let mut headers = header_list_from_js(scope, args.get(2));
    let result = if headers.is_empty() {
        // No trailers: an empty DATA frame ends the stream.
        let data = ng::nghttp2_data_provider2 { source: ng::nghttp2_data_source { ptr: std::ptr::null_mut() }, read_callback: Some(read_nothing) };
        unsafe { ng::nghttp2_submit_data2(raw, ng::NGHTTP2_FLAG_END_STREAM as u8, stream, &data) }
    } else {
        let nva = nv_list(&mut headers);
        // SAFETY: a live session; nghttp2 copies the header fields.
        unsafe { ng::nghttp2_submit_trailer(raw, stream, nva.as_ptr(), nva.len()) }
    };
    rv.set(v8::Integer::new(scope, result).into());
}

unsafe extern "C" fn read_nothing(
    _session: *mut ng::nghttp2_session,
    _stream: i32,
    _buf: *mut u8,
    _length: usize,
    data_flags: *mut u32,
    _source: *mut ng::nghttp2_data_source,
    _user_data: *mut c_void,
) -> ng::nghttp2_ssize {
    unsafe { *data_flags |= ng::NGHTTP2_DATA_FLAG_EOF };
    0
}

/// rstStream(id, stream, code).
fn rst_stream(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((raw, inner)) = session(scope, args.get(0)) else { return };
    let stream = args.get(1).int32_value(scope).unwrap_or(0);
    let code = args.get(2).uint32_value(scope).unwrap_or(0);
    // nghttp2 sends RST_STREAM ahead of everything queued: as node, what is already queued
    // (the response's HEADERS and DATA) goes out first, unless the stream is cancelled.
    if code != ng::NGHTTP2_CANCEL {
        // SAFETY: nghttp2 is not running; `sent_early` is only touched between its calls.
        let inner = unsafe { &mut *inner };
        if inner.sent_early_error == 0 {
            inner.sent_early_error = serialize_pending(raw, &mut inner.sent_early);
        }
    }
    let result = unsafe { ng::nghttp2_submit_rst_stream(raw, 0, stream, code) };
    rv.set(v8::Integer::new(scope, result).into());
}

/// goaway(id, code, lastStreamId (-1: the last one processed), opaque view?).
fn goaway(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((raw, inner)) = session(scope, args.get(0)) else { return };
    let code = args.get(1).uint32_value(scope).unwrap_or(0);
    let mut last = args.get(2).int32_value(scope).unwrap_or(-1);
    if last < 0 {
        last = unsafe { ng::nghttp2_session_get_last_proc_stream_id(raw) };
    }
    let opaque = match v8::Local::<v8::ArrayBufferView>::try_from(args.get(3)) {
        Ok(view) => super::bindings::view_bytes(&view),
        Err(_) => Vec::new(),
    };
    let result = unsafe { ng::nghttp2_submit_goaway(raw, 0, last, code, opaque.as_ptr(), opaque.len()) };
    if result == 0 {
        // SAFETY: nghttp2 is not running.
        unsafe { (*inner).goaways_submitted += 1 };
    }
    rv.set(v8::Integer::new(scope, result).into());
}

/// settings(id, [id, value, id, value, ...]): 0 or an error code.
fn settings(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((raw, _)) = session(scope, args.get(0)) else { return };
    let Ok(list) = v8::Local::<v8::Array>::try_from(args.get(1)) else { return };
    let mut entries = Vec::new();
    let mut index = 0;
    while index + 1 < list.length() {
        let id = list.get_index(scope, index).and_then(|value| value.int32_value(scope)).unwrap_or(0);
        let value = list.get_index(scope, index + 1).and_then(|value| value.uint32_value(scope)).unwrap_or(0);
        entries.push(ng::nghttp2_settings_entry { settings_id: id, value });
        index += 2;
    }
    let result = unsafe { ng::nghttp2_submit_settings(raw, 0, entries.as_ptr(), entries.len()) };
    rv.set(v8::Integer::new(scope, result).into());
}

/// ping(id, payload view of 8 bytes): 0 or an error code.
fn ping(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((raw, _)) = session(scope, args.get(0)) else { return };
    let mut payload = [0u8; 8];
    if let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(args.get(1)) {
        let bytes = super::bindings::view_bytes(&view);
        let take = bytes.len().min(8);
        payload[..take].copy_from_slice(&bytes[..take]);
    }
    let result = unsafe { ng::nghttp2_submit_ping(raw, 0, payload.as_ptr()) };
    rv.set(v8::Integer::new(scope, result).into());
}

/// priority(id, stream, parent, weight, exclusive): 0 or an error code.
fn priority(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((raw, _)) = session(scope, args.get(0)) else { return };
    let stream = args.get(1).int32_value(scope).unwrap_or(0);
    let Some(spec) = priority_spec(scope, &args, 2) else { return };
    let result = unsafe { ng::nghttp2_submit_priority(raw, 0, stream, &spec) };
    rv.set(v8::Integer::new(scope, result).into());
}

/// altsvc(id, stream, origin, value): 0 or an error code.
fn altsvc(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((raw, _)) = session(scope, args.get(0)) else { return };
    let stream = args.get(1).int32_value(scope).unwrap_or(0);
    let origin = one_byte(scope, args.get(2));
    let value = one_byte(scope, args.get(3));
    let result = unsafe { ng::nghttp2_submit_altsvc(raw, 0, stream, origin.as_ptr(), origin.len(), value.as_ptr(), value.len()) };
    rv.set(v8::Integer::new(scope, result).into());
}

/// origin(id, [origins]): 0 or an error code.
fn origin(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((raw, _)) = session(scope, args.get(0)) else { return };
    let Ok(list) = v8::Local::<v8::Array>::try_from(args.get(1)) else { return };
    let mut origins = Vec::new();
    for index in 0..list.length() {
        let value = list.get_index(scope, index).unwrap();
        origins.push(one_byte(scope, value));
    }
    let entries: Vec<_> = origins.iter_mut().map(|origin| ng::nghttp2_origin_entry { origin: origin.as_mut_ptr(), origin_len: origin.len() }).collect();
    let result = unsafe { ng::nghttp2_submit_origin(raw, 0, entries.as_ptr(), entries.len()) };
    rv.set(v8::Integer::new(scope, result).into());
}

/// setLocalWindowSize(id, size): 0 or an error code.
fn set_local_window_size(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((raw, _)) = session(scope, args.get(0)) else { return };
    let size = args.get(1).int32_value(scope).unwrap_or(0);
    let result = unsafe { ng::nghttp2_session_set_local_window_size(raw, 0, 0, size) };
    rv.set(v8::Integer::new(scope, result).into());
}

const SETTING_IDS: [u32; 7] = [
    ng::NGHTTP2_SETTINGS_HEADER_TABLE_SIZE as u32,
    ng::NGHTTP2_SETTINGS_ENABLE_PUSH as u32,
    ng::NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS as u32,
    ng::NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE as u32,
    ng::NGHTTP2_SETTINGS_MAX_FRAME_SIZE as u32,
    ng::NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE as u32,
    ng::NGHTTP2_SETTINGS_ENABLE_CONNECT_PROTOCOL as u32,
];

/// The seven settings in SETTINGS id order (1..=6, 8), the remote or the local ones.
fn settings_values(raw: *mut ng::nghttp2_session, remote: bool) -> [u32; 7] {
    // SAFETY: a live session; nghttp2 allows reading settings from within its callbacks.
    SETTING_IDS.map(|id| unsafe {
        if remote { ng::nghttp2_session_get_remote_settings(raw, id) } else { ng::nghttp2_session_get_local_settings(raw, id) }
    })
}

/// getSettings(id, remote): the seven settings in SETTINGS id order (1..=6, 8).
fn get_settings(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((raw, _)) = session(scope, args.get(0)) else { return };
    let values = settings_values(raw, args.get(1).is_true());
    rv.set(number_array(scope, values.map(f64::from)).into());
}

/// state(id): [effectiveLocalWindowSize, effectiveRecvDataLength, nextStreamID,
/// localWindowSize, lastProcStreamID, remoteWindowSize, outboundQueueSize,
/// deflateDynamicTableSize, inflateDynamicTableSize].
fn state(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((raw, _)) = session(scope, args.get(0)) else { return };
    let values = unsafe {
        [
            ng::nghttp2_session_get_effective_local_window_size(raw) as f64,
            ng::nghttp2_session_get_effective_recv_data_length(raw) as f64,
            ng::nghttp2_session_get_next_stream_id(raw) as f64,
            ng::nghttp2_session_get_local_window_size(raw) as f64,
            ng::nghttp2_session_get_last_proc_stream_id(raw) as f64,
            ng::nghttp2_session_get_remote_window_size(raw) as f64,
            ng::nghttp2_session_get_outbound_queue_size(raw) as f64,
            ng::nghttp2_session_get_hd_deflate_dynamic_table_size(raw) as f64,
            ng::nghttp2_session_get_hd_inflate_dynamic_table_size(raw) as f64,
        ]
    };
    rv.set(number_array(scope, values).into());
}

/// streamState(id, stream): [state, weight, sumDependencyWeight, localClose, remoteClose,
/// localWindowSize] or undefined for a stream nghttp2 no longer has.
fn stream_state(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((raw, _)) = session(scope, args.get(0)) else { return };
    let id = args.get(1).int32_value(scope).unwrap_or(0);
    let stream = unsafe { ng::nghttp2_session_find_stream(raw, id) };
    // A request nghttp2 has not opened yet (its HEADERS not sent) reads as idle, as in node.
    if stream.is_null() {
        let idle = [ng::NGHTTP2_STREAM_STATE_IDLE as f64, 0.0, 0.0, 0.0, 0.0, 0.0];
        rv.set(number_array(scope, idle).into());
        return;
    }
    let values = unsafe {
        [
            ng::nghttp2_stream_get_state(stream) as f64,
            ng::nghttp2_stream_get_weight(stream) as f64,
            ng::nghttp2_stream_get_sum_dependency_weight(stream) as f64,
            ng::nghttp2_session_get_stream_local_close(raw, id) as f64,
            ng::nghttp2_session_get_stream_remote_close(raw, id) as f64,
            ng::nghttp2_session_get_stream_local_window_size(raw, id) as f64,
        ]
    };
    rv.set(number_array(scope, values).into());
}

/// statistics(id): [framesReceived, framesSent].
fn statistics(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((_, inner)) = session(scope, args.get(0)) else { return };
    // SAFETY: nghttp2 is not running.
    let inner = unsafe { &*inner };
    rv.set(number_array(scope, [inner.frames_received as f64, inner.frames_sent as f64]).into());
}

/// setNextStreamID(id, streamId): whether nghttp2 took it.
fn set_next_stream_id(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((raw, _)) = session(scope, args.get(0)) else { return };
    let next = args.get(1).int32_value(scope).unwrap_or(0);
    // SAFETY: a live session.
    let result = unsafe { ng::nghttp2_session_set_next_stream_id(raw, next) };
    rv.set(v8::Boolean::new(scope, result == 0).into());
}

/// wants(id): [wantRead, wantWrite].
fn wants(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((raw, _)) = session(scope, args.get(0)) else { return };
    let (read, write) = unsafe { (ng::nghttp2_session_want_read(raw) != 0, ng::nghttp2_session_want_write(raw) != 0) };
    let values = [v8::Boolean::new(scope, read).into(), v8::Boolean::new(scope, write).into()];
    rv.set(v8::Array::new_with_elements(scope, &values).into());
}

/// strerror(code): nghttp2's description of an error code.
fn strerror(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let code = args.get(0).int32_value(scope).unwrap_or(0);
    // SAFETY: nghttp2_strerror returns a static NUL-terminated string.
    let text = unsafe { CStr::from_ptr(ng::nghttp2_strerror(code)) }.to_string_lossy().into_owned();
    rv.set(string(scope, &text).into());
}

/// http2(): the http2 binding object.
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "create" => create,
        "destroy" => destroy,
        "receive" => receive,
        "readStart" => read_start,
        "readStop" => read_stop,
        "drain" => drain,
        "request" => request,
        "respond" => respond,
        "headers" => headers,
        "pushPromise" => push_promise,
        "write" => write,
        "end" => end,
        "trailers" => trailers,
        "rstStream" => rst_stream,
        "goaway" => goaway,
        "settings" => settings,
        "ping" => ping,
        "priority" => priority,
        "altsvc" => altsvc,
        "origin" => origin,
        "setLocalWindowSize" => set_local_window_size,
        "getSettings" => get_settings,
        "state" => state,
        "streamState" => stream_state,
        "wants" => wants,
        "setNextStreamID" => set_next_stream_id,
        "statistics" => statistics,
        "strerror" => strerror,
    });
    rv.set(object.into());
}

/// The version of the nghttp2 linked (process.versions.nghttp2).
pub(crate) fn nghttp2_version() -> String {
    // SAFETY: nghttp2_version(0) returns a pointer to the library's static version record.
    unsafe {
        let info = ng::nghttp2_version(0);
        std::ffi::CStr::from_ptr((*info).version_str).to_string_lossy().into_owned()
    }
}
