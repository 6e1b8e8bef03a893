//! Native half of `zlib`: one engine per stream (zlib's deflate/inflate in node's seven
//! modes, brotli's encoder and decoder, zstd's compression and decompression contexts), fed
//! by `write` either on the JS thread (the *Sync forms) or on tokio's blocking pool with
//! the result delivered back to the loop, as node's ZlibContext does on libuv's threadpool.
//! The engines report errors as node does: message, errno and code.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::{c_char, c_int, c_void, CStr};
use std::sync::{Arc, Mutex};

use brotlic_sys as brotli;
use libz_sys as z;

use super::bindings::binding_object;
use super::bindings::string;
use super::RuntimeState;

// node_zlib_mode.
const DEFLATE: u32 = 1;
const INFLATE: u32 = 2;
const GZIP: u32 = 3;
const GUNZIP: u32 = 4;
const DEFLATERAW: u32 = 5;
const INFLATERAW: u32 = 6;
const UNZIP: u32 = 7;
const BROTLI_DECODE: u32 = 8;
const BROTLI_ENCODE: u32 = 9;
const ZSTD_COMPRESS: u32 = 10;
const ZSTD_DECOMPRESS: u32 = 11;

const GZIP_HEADER_ID1: u8 = 0x1f;
const GZIP_HEADER_ID2: u8 = 0x8b;

/// What one write reports: node's `[availOutAfter, availInAfter]` and an error as
/// (message, errno, code).
struct WriteOutcome {
    avail_out: u32,
    avail_in: u32,
    error: Option<(String, i32, String)>,
}

/// A view's bytes in place, kept alive by its backing store while a write uses them (node's
/// threadpool writes read and write the JS buffers the same way).
struct Window {
    _store: v8::SharedRef<v8::BackingStore>,
    data: *mut u8,
    len: usize,
}

// SAFETY: the backing store's reference count is atomic; the bytes are used by one write at
// a time, as node's are.
unsafe impl Send for Window {}

impl Window {
    fn of(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Option<Window> {
        let view = v8::Local::<v8::ArrayBufferView>::try_from(value).ok()?;
        let (offset, len) = (view.byte_offset(), view.byte_length());
        let store = view.buffer(scope)?.get_backing_store();
        let data = match store.data() {
            // SAFETY: the view lies inside its buffer.
            Some(base) => unsafe { base.as_ptr().cast::<u8>().add(offset) },
            None => std::ptr::NonNull::<u8>::dangling().as_ptr(),
        };
        Some(Window { _store: store, data, len })
    }

    fn bytes(&self) -> &[u8] {
        // SAFETY: `data` points at `len` live bytes (see `of`).
        unsafe { std::slice::from_raw_parts(self.data, self.len) }
    }

    fn bytes_mut(&mut self) -> &mut [u8] {
        // SAFETY: as `bytes`; nothing else touches the output window during a write.
        unsafe { std::slice::from_raw_parts_mut(self.data, self.len) }
    }
}

// ---- zlib ----

unsafe extern "C" fn zlib_alloc(_opaque: *mut c_void, items: z::uInt, size: z::uInt) -> *mut c_void {
    // SAFETY: calloc accepts any sizes; zlib checks for null.
    unsafe { libc::calloc(items as usize, size as usize) }
}

unsafe extern "C" fn zlib_free(_opaque: *mut c_void, address: *mut c_void) {
    // SAFETY: the address came from zlib_alloc.
    unsafe { libc::free(address) }
}

fn zlib_code_name(code: c_int) -> &'static str {
    match code {
        z::Z_OK => "Z_OK",
        z::Z_STREAM_END => "Z_STREAM_END",
        z::Z_NEED_DICT => "Z_NEED_DICT",
        z::Z_ERRNO => "Z_ERRNO",
        z::Z_STREAM_ERROR => "Z_STREAM_ERROR",
        z::Z_DATA_ERROR => "Z_DATA_ERROR",
        z::Z_MEM_ERROR => "Z_MEM_ERROR",
        z::Z_BUF_ERROR => "Z_BUF_ERROR",
        z::Z_VERSION_ERROR => "Z_VERSION_ERROR",
        _ => "Z_UNKNOWN_ERROR",
    }
}

/// A z_stream in one of node's zlib modes. Boxed: zlib keeps a pointer back to it.
struct ZlibEngine {
    stream: Box<z::z_stream>,
    mode: u32,
    level: c_int,
    strategy: c_int,
    dictionary: Vec<u8>,
    /// How many gzip magic bytes UNZIP has seen before choosing GUNZIP or INFLATE.
    gzip_id_bytes_read: u8,
    /// Whether a gzip member ending before the input does starts the next member
    /// (node's default) or leaves the rest unread (`rejectGarbageAfterEnd`).
    read_further_members: bool,
    err: c_int,
    flush: c_int,
}

impl ZlibEngine {
    fn new(mode: u32, window_bits: c_int, level: c_int, mem_level: c_int, strategy: c_int, dictionary: Vec<u8>, read_further_members: bool) -> Result<Self, (String, i32, String)> {
        let stream = Box::new(z::z_stream {
            next_in: std::ptr::null_mut(),
            avail_in: 0,
            total_in: 0,
            next_out: std::ptr::null_mut(),
            avail_out: 0,
            total_out: 0,
            msg: std::ptr::null_mut(),
            state: std::ptr::null_mut(),
            zalloc: zlib_alloc,
            zfree: zlib_free,
            opaque: std::ptr::null_mut(),
            data_type: 0,
            adler: 0,
            reserved: 0,
        });
        let window_bits = match mode {
            GZIP | GUNZIP => window_bits + 16,
            UNZIP => window_bits + 32,
            DEFLATERAW | INFLATERAW => -window_bits,
            _ => window_bits,
        };
        let mut engine = ZlibEngine { stream, mode, level, strategy, dictionary, gzip_id_bytes_read: 0, read_further_members, err: z::Z_OK, flush: z::Z_NO_FLUSH };
        // SAFETY: returns a static string.
        let version = unsafe { z::zlibVersion() };
        let size = std::mem::size_of::<z::z_stream>() as c_int;
        // SAFETY: the stream is boxed and lives as long as the engine, which ends it on drop.
        engine.err = unsafe {
            match mode {
                DEFLATE | GZIP | DEFLATERAW => z::deflateInit2_(&mut *engine.stream, level, z::Z_DEFLATED, window_bits, mem_level, strategy, version, size),
                _ => z::inflateInit2_(&mut *engine.stream, window_bits, version, size),
            }
        };
        if engine.err != z::Z_OK {
            engine.mode = 0;
            return Err(("Init error".into(), engine.err, zlib_code_name(engine.err).into()));
        }
        engine.set_dictionary()?;
        Ok(engine)
    }

    fn set_dictionary(&mut self) -> Result<(), (String, i32, String)> {
        if self.dictionary.is_empty() {
            return Ok(());
        }
        // SAFETY: the dictionary outlives the call; zlib copies it.
        self.err = unsafe {
            match self.mode {
                DEFLATE | DEFLATERAW => z::deflateSetDictionary(&mut *self.stream, self.dictionary.as_ptr(), self.dictionary.len() as z::uInt),
                INFLATERAW => z::inflateSetDictionary(&mut *self.stream, self.dictionary.as_ptr(), self.dictionary.len() as z::uInt),
                _ => z::Z_OK,
            }
        };
        if self.err != z::Z_OK {
            return Err(self.error_for("Failed to set dictionary"));
        }
        Ok(())
    }

    fn error_for(&self, fallback: &str) -> (String, i32, String) {
        let message = if self.stream.msg.is_null() {
            fallback.to_string()
        } else {
            // SAFETY: zlib's messages are static NUL-terminated strings.
            unsafe { CStr::from_ptr(self.stream.msg) }.to_string_lossy().into_owned()
        };
        (message, self.err, zlib_code_name(self.err).into())
    }

    fn reset_stream(&mut self) -> Result<(), (String, i32, String)> {
        // SAFETY: the stream was initialised in `new`.
        self.err = unsafe {
            match self.mode {
                DEFLATE | DEFLATERAW | GZIP => z::deflateReset(&mut *self.stream),
                INFLATE | INFLATERAW | GUNZIP => z::inflateReset(&mut *self.stream),
                _ => z::Z_OK,
            }
        };
        if self.err != z::Z_OK {
            return Err(self.error_for("Failed to reset stream"));
        }
        self.set_dictionary()
    }

    fn run(&mut self, flush: c_int) {
        self.flush = flush;
        let stream = &mut *self.stream;
        // SAFETY: next_in/next_out point into the caller's buffers for this call.
        unsafe {
            if matches!(self.mode, DEFLATE | GZIP | DEFLATERAW) {
                self.err = z::deflate(stream, flush);
                return;
            }
            if self.mode == UNZIP {
                let mut next = if stream.avail_in > 0 { Some(stream.next_in) } else { None };
                if self.gzip_id_bytes_read == 0 {
                    if let Some(byte) = next {
                        if *byte == GZIP_HEADER_ID1 {
                            self.gzip_id_bytes_read = 1;
                            next = if stream.avail_in == 1 { None } else { Some(byte.add(1)) };
                        } else {
                            self.mode = INFLATE;
                            next = None;
                        }
                    }
                }
                if self.gzip_id_bytes_read == 1 {
                    if let Some(byte) = next {
                        if *byte == GZIP_HEADER_ID2 {
                            self.gzip_id_bytes_read = 2;
                            self.mode = GUNZIP;
                        } else {
                            self.mode = INFLATE;
                        }
                    }
                }
            }
            self.err = z::inflate(stream, flush);
            if self.mode != INFLATERAW && self.err == z::Z_NEED_DICT && !self.dictionary.is_empty() {
                self.err = z::inflateSetDictionary(stream, self.dictionary.as_ptr(), self.dictionary.len() as z::uInt);
                if self.err == z::Z_OK {
                    self.err = z::inflate(stream, flush);
                } else if self.err == z::Z_DATA_ERROR {
                    // Tells a wrong dictionary apart from bad input.
                    self.err = z::Z_NEED_DICT;
                }
            }
            // Another gzip member follows (trailing zero bytes are padding and are ignored).
            while self.read_further_members && stream.avail_in > 0 && self.mode == GUNZIP && self.err == z::Z_STREAM_END && *stream.next_in != 0 {
                self.err = z::inflateReset(stream);
                if self.err != z::Z_OK {
                    break;
                }
                self.err = z::inflate(stream, flush);
            }
        }
    }

    fn error(&self) -> Option<(String, i32, String)> {
        match self.err {
            z::Z_OK | z::Z_BUF_ERROR => {
                if self.stream.avail_out != 0 && self.flush == z::Z_FINISH {
                    return Some(self.error_for("unexpected end of file"));
                }
                None
            }
            z::Z_STREAM_END => None,
            z::Z_NEED_DICT if self.dictionary.is_empty() => Some(self.error_for("Missing dictionary")),
            z::Z_NEED_DICT => Some(self.error_for("Bad dictionary")),
            _ => Some(self.error_for("Zlib error")),
        }
    }

    fn write(&mut self, flush: c_int, input: &[u8], output: &mut [u8]) -> (u32, u32, Option<(String, i32, String)>) {
        self.stream.next_in = input.as_ptr() as *mut u8;
        self.stream.avail_in = input.len() as z::uInt;
        self.stream.next_out = output.as_mut_ptr();
        self.stream.avail_out = output.len() as z::uInt;
        self.run(flush);
        let result = (self.stream.avail_out, self.stream.avail_in, self.error());
        self.stream.next_in = std::ptr::null_mut();
        self.stream.next_out = std::ptr::null_mut();
        result
    }

    fn params(&mut self, level: c_int, strategy: c_int) -> Option<(String, i32, String)> {
        // deflateParams may flush what is pending (nothing, after the sync flush node's
        // params() does first): give it an output window.
        let mut scratch = [0u8; 64];
        self.stream.next_in = scratch.as_mut_ptr();
        self.stream.avail_in = 0;
        self.stream.next_out = scratch.as_mut_ptr();
        self.stream.avail_out = scratch.len() as z::uInt;
        self.err = match self.mode {
            // SAFETY: the stream was initialised in `new`; its windows point at `scratch`.
            DEFLATE | DEFLATERAW => unsafe { z::deflateParams(&mut *self.stream, level, strategy) },
            _ => z::Z_OK,
        };
        self.stream.next_in = std::ptr::null_mut();
        self.stream.next_out = std::ptr::null_mut();
        self.stream.avail_out = 0;
        if self.err != z::Z_OK && self.err != z::Z_BUF_ERROR {
            return Some(self.error_for("Failed to set parameters"));
        }
        self.level = level;
        self.strategy = strategy;
        None
    }
}

impl Drop for ZlibEngine {
    fn drop(&mut self) {
        // SAFETY: ends the stream `new` initialised (mode 0: it never was).
        unsafe {
            match self.mode {
                DEFLATE | GZIP | DEFLATERAW => {
                    z::deflateEnd(&mut *self.stream);
                }
                INFLATE | GUNZIP | INFLATERAW | UNZIP => {
                    z::inflateEnd(&mut *self.stream);
                }
                _ => {}
            }
        }
    }
}

// ---- brotli ----

/// A C brotli encoder with the parameters and raw dictionary it was made with (reset makes
/// a fresh one from them).
struct BrotliEncoder {
    state: *mut brotli::BrotliEncoderState,
    dictionary: *mut brotli::BrotliEncoderPreparedDictionary,
    params: Vec<(u32, u32)>,
    raw_dictionary: Vec<u8>,
}

impl BrotliEncoder {
    fn new(params: &[u32], raw_dictionary: Vec<u8>) -> Option<Self> {
        let params = params.iter().enumerate().filter(|(_, value)| **value != u32::MAX).map(|(key, value)| (key as u32, *value)).collect();
        let mut encoder = BrotliEncoder { state: std::ptr::null_mut(), dictionary: std::ptr::null_mut(), params, raw_dictionary };
        encoder.start().then_some(encoder)
    }

    fn start(&mut self) -> bool {
        self.end();
        // SAFETY: a new encoder this struct owns; the dictionary bytes outlive it.
        unsafe {
            self.state = brotli::BrotliEncoderCreateInstance(None, None, std::ptr::null_mut());
            if self.state.is_null() {
                return false;
            }
            for &(key, value) in &self.params {
                if brotli::BrotliEncoderSetParameter(self.state, key as brotli::BrotliEncoderParameter, value) == 0 {
                    return false;
                }
            }
            if !self.raw_dictionary.is_empty() {
                self.dictionary = brotli::BrotliEncoderPrepareDictionary(
                    brotli::BrotliSharedDictionaryType_BROTLI_SHARED_DICTIONARY_RAW,
                    self.raw_dictionary.len(),
                    self.raw_dictionary.as_ptr(),
                    brotli::BROTLI_MAX_QUALITY as c_int,
                    None,
                    None,
                    std::ptr::null_mut(),
                );
                if self.dictionary.is_null() || brotli::BrotliEncoderAttachPreparedDictionary(self.state, self.dictionary) == 0 {
                    return false;
                }
            }
        }
        true
    }

    fn end(&mut self) {
        // SAFETY: frees what `start` made (null pointers are skipped).
        unsafe {
            if !self.state.is_null() {
                brotli::BrotliEncoderDestroyInstance(self.state);
            }
            if !self.dictionary.is_null() {
                brotli::BrotliEncoderDestroyPreparedDictionary(self.dictionary);
            }
        }
        self.state = std::ptr::null_mut();
        self.dictionary = std::ptr::null_mut();
    }

    fn write(&mut self, flush: u32, input: &[u8], output: &mut [u8]) -> (u32, u32, Option<(String, i32, String)>) {
        let (mut avail_in, mut next_in) = (input.len(), input.as_ptr());
        let (mut avail_out, mut next_out) = (output.len(), output.as_mut_ptr());
        // SAFETY: the windows describe live slices for the call.
        let ok = unsafe { brotli::BrotliEncoderCompressStream(self.state, flush as brotli::BrotliEncoderOperation, &mut avail_in, &mut next_in, &mut avail_out, &mut next_out, std::ptr::null_mut()) };
        let error = (ok == 0).then(|| ("Compression failed".to_string(), -1, "ERR_BROTLI_COMPRESSION_FAILED".to_string()));
        (avail_out as u32, avail_in as u32, error)
    }
}

impl Drop for BrotliEncoder {
    fn drop(&mut self) {
        self.end();
    }
}

/// A C brotli decoder with its parameters and raw dictionary.
struct BrotliDecoder {
    state: *mut brotli::BrotliDecoderState,
    params: Vec<(u32, u32)>,
    raw_dictionary: Vec<u8>,
}

impl BrotliDecoder {
    fn new(params: &[u32], raw_dictionary: Vec<u8>) -> Option<Self> {
        let params = params.iter().enumerate().filter(|(_, value)| **value != u32::MAX).map(|(key, value)| (key as u32, *value)).collect();
        let mut decoder = BrotliDecoder { state: std::ptr::null_mut(), params, raw_dictionary };
        decoder.start().then_some(decoder)
    }

    fn start(&mut self) -> bool {
        self.end();
        // SAFETY: a new decoder this struct owns; the dictionary bytes outlive it.
        unsafe {
            self.state = brotli::BrotliDecoderCreateInstance(None, None, std::ptr::null_mut());
            if self.state.is_null() {
                return false;
            }
            for &(key, value) in &self.params {
                if brotli::BrotliDecoderSetParameter(self.state, key as brotli::BrotliDecoderParameter, value) == 0 {
                    return false;
                }
            }
            if !self.raw_dictionary.is_empty()
                && brotli::BrotliDecoderAttachDictionary(
                    self.state,
                    brotli::BrotliSharedDictionaryType_BROTLI_SHARED_DICTIONARY_RAW,
                    self.raw_dictionary.len(),
                    self.raw_dictionary.as_ptr(),
                ) == 0
            {
                return false;
            }
        }
        true
    }

    fn end(&mut self) {
        if !self.state.is_null() {
            // SAFETY: frees the decoder `start` made.
            unsafe { brotli::BrotliDecoderDestroyInstance(self.state) };
        }
        self.state = std::ptr::null_mut();
    }

    fn write(&mut self, flush: u32, input: &[u8], output: &mut [u8]) -> (u32, u32, Option<(String, i32, String)>) {
        let (mut avail_in, mut next_in) = (input.len(), input.as_ptr());
        let (mut avail_out, mut next_out) = (output.len(), output.as_mut_ptr());
        // SAFETY: the windows describe live slices for the call.
        let result = unsafe { brotli::BrotliDecoderDecompressStream(self.state, &mut avail_in, &mut next_in, &mut avail_out, &mut next_out, std::ptr::null_mut()) };
        let error = if result == brotli::BrotliDecoderResult_BROTLI_DECODER_RESULT_ERROR {
            // SAFETY: the decoder is live.
            let code = unsafe { brotli::BrotliDecoderGetErrorCode(self.state) };
            Some(("Decompression failed".to_string(), code, format!("ERR_{}", brotli_error_name(code))))
        } else if flush == BROTLI_OPERATION_FINISH && result == brotli::BrotliDecoderResult_BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT {
            // Brotli has no code of its own for input that ends early; node borrows zlib's.
            Some(("unexpected end of file".to_string(), z::Z_BUF_ERROR, "Z_BUF_ERROR".to_string()))
        } else {
            None
        };
        (avail_out as u32, avail_in as u32, error)
    }
}

impl Drop for BrotliDecoder {
    fn drop(&mut self) {
        self.end();
    }
}

const BROTLI_OPERATION_FINISH: u32 = 2;

/// What brotli 1.2's BrotliDecoderErrorString says (node's codes are `ERR_` and this; the
/// bundled 1.0.9 words them differently).
fn brotli_error_name(code: i32) -> &'static str {
    match code {
        0 => "_NO_ERROR",
        1 => "_SUCCESS",
        2 => "_NEEDS_MORE_INPUT",
        3 => "_NEEDS_MORE_OUTPUT",
        -1 => "_ERROR_FORMAT_EXUBERANT_NIBBLE",
        -2 => "_ERROR_FORMAT_RESERVED",
        -3 => "_ERROR_FORMAT_EXUBERANT_META_NIBBLE",
        -4 => "_ERROR_FORMAT_SIMPLE_HUFFMAN_ALPHABET",
        -5 => "_ERROR_FORMAT_SIMPLE_HUFFMAN_SAME",
        -6 => "_ERROR_FORMAT_CL_SPACE",
        -7 => "_ERROR_FORMAT_HUFFMAN_SPACE",
        -8 => "_ERROR_FORMAT_CONTEXT_MAP_REPEAT",
        -9 => "_ERROR_FORMAT_BLOCK_LENGTH_1",
        -10 => "_ERROR_FORMAT_BLOCK_LENGTH_2",
        -11 => "_ERROR_FORMAT_TRANSFORM",
        -12 => "_ERROR_FORMAT_DICTIONARY",
        -13 => "_ERROR_FORMAT_WINDOW_BITS",
        -14 => "_ERROR_FORMAT_PADDING_1",
        -15 => "_ERROR_FORMAT_PADDING_2",
        -16 => "_ERROR_FORMAT_DISTANCE",
        -18 => "_ERROR_COMPOUND_DICTIONARY",
        -19 => "_ERROR_DICTIONARY_NOT_SET",
        -20 => "_ERROR_INVALID_ARGUMENTS",
        -21 => "_ERROR_ALLOC_CONTEXT_MODES",
        -22 => "_ERROR_ALLOC_TREE_GROUPS",
        -25 => "_ERROR_ALLOC_CONTEXT_MAP",
        -26 => "_ERROR_ALLOC_RING_BUFFER_1",
        -27 => "_ERROR_ALLOC_RING_BUFFER_2",
        -30 => "_ERROR_ALLOC_BLOCK_TYPE_TREES",
        _ => "_ERROR_UNREACHABLE",
    }
}

// ---- zstd ----

// libzstd, linked from zstd-sys; declared here with C ints for its enum parameters.
extern crate zstd_sys;

unsafe extern "C" {
    fn ZSTD_createCCtx() -> *mut c_void;
    fn ZSTD_freeCCtx(cctx: *mut c_void) -> usize;
    fn ZSTD_createDCtx() -> *mut c_void;
    fn ZSTD_freeDCtx(dctx: *mut c_void) -> usize;
    fn ZSTD_CCtx_setParameter(cctx: *mut c_void, param: c_int, value: c_int) -> usize;
    fn ZSTD_DCtx_setParameter(dctx: *mut c_void, param: c_int, value: c_int) -> usize;
    fn ZSTD_CCtx_setPledgedSrcSize(cctx: *mut c_void, size: u64) -> usize;
    fn ZSTD_CCtx_reset(cctx: *mut c_void, directive: c_int) -> usize;
    fn ZSTD_DCtx_reset(dctx: *mut c_void, directive: c_int) -> usize;
    fn ZSTD_compressStream2(cctx: *mut c_void, output: *mut ZstdBuffer, input: *mut ZstdBuffer, end: c_int) -> usize;
    fn ZSTD_decompressStream(dctx: *mut c_void, output: *mut ZstdBuffer, input: *mut ZstdBuffer) -> usize;
    fn ZSTD_isError(code: usize) -> u32;
    fn ZSTD_getErrorCode(result: usize) -> c_int;
    fn ZSTD_getErrorString(code: c_int) -> *const c_char;
}

/// ZSTD_inBuffer and ZSTD_outBuffer (the same layout).
#[repr(C)]
struct ZstdBuffer {
    data: *mut c_void,
    size: usize,
    pos: usize,
}

const ZSTD_RESET_SESSION_ONLY: c_int = 1;

/// ZSTD_ErrorCode names, by code, as node's codes.
fn zstd_error_name(code: c_int) -> &'static str {
    match code {
        0 => "ZSTD_error_no_error",
        1 => "ZSTD_error_GENERIC",
        10 => "ZSTD_error_prefix_unknown",
        12 => "ZSTD_error_version_unsupported",
        14 => "ZSTD_error_frameParameter_unsupported",
        16 => "ZSTD_error_frameParameter_windowTooLarge",
        20 => "ZSTD_error_corruption_detected",
        22 => "ZSTD_error_checksum_wrong",
        24 => "ZSTD_error_literals_headerWrong",
        30 => "ZSTD_error_dictionary_corrupted",
        32 => "ZSTD_error_dictionary_wrong",
        34 => "ZSTD_error_dictionaryCreation_failed",
        40 => "ZSTD_error_parameter_unsupported",
        41 => "ZSTD_error_parameter_combination_unsupported",
        42 => "ZSTD_error_parameter_outOfBound",
        44 => "ZSTD_error_tableLog_tooLarge",
        46 => "ZSTD_error_maxSymbolValue_tooLarge",
        48 => "ZSTD_error_maxSymbolValue_tooSmall",
        50 => "ZSTD_error_stabilityCondition_notRespected",
        60 => "ZSTD_error_stage_wrong",
        62 => "ZSTD_error_init_missing",
        64 => "ZSTD_error_memory_allocation",
        66 => "ZSTD_error_workSpace_tooSmall",
        70 => "ZSTD_error_dstSize_tooSmall",
        72 => "ZSTD_error_srcSize_wrong",
        74 => "ZSTD_error_dstBuffer_null",
        80 => "ZSTD_error_noForwardProgress_destFull",
        82 => "ZSTD_error_noForwardProgress_inputEmpty",
        _ => "ZSTD_error_GENERIC",
    }
}

fn zstd_error(result: usize) -> Option<(String, i32, String)> {
    // SAFETY: plain queries on a return value; the string is static.
    unsafe {
        if ZSTD_isError(result) == 0 {
            return None;
        }
        let code = ZSTD_getErrorCode(result);
        let message = CStr::from_ptr(ZSTD_getErrorString(code)).to_string_lossy().into_owned();
        Some((message, code, zstd_error_name(code).to_string()))
    }
}

struct ZstdEngine {
    context: *mut c_void,
    compress: bool,
}

impl ZstdEngine {
    fn new(compress: bool, params: &[u32], pledged_src_size: Option<u64>) -> Option<Self> {
        // SAFETY: creates a context this engine owns and frees on drop.
        let context = unsafe { if compress { ZSTD_createCCtx() } else { ZSTD_createDCtx() } };
        if context.is_null() {
            return None;
        }
        let engine = ZstdEngine { context, compress };
        for (key, &value) in params.iter().enumerate() {
            if value == u32::MAX {
                continue;
            }
            // SAFETY: the context is live; zstd validates the parameter and value.
            let result = unsafe {
                if compress {
                    ZSTD_CCtx_setParameter(context, key as c_int, value as c_int)
                } else {
                    ZSTD_DCtx_setParameter(context, key as c_int, value as c_int)
                }
            };
            if zstd_error(result).is_some() {
                return None;
            }
        }
        if let (true, Some(size)) = (compress, pledged_src_size) {
            // SAFETY: the context is live.
            if zstd_error(unsafe { ZSTD_CCtx_setPledgedSrcSize(context, size) }).is_some() {
                return None;
            }
        }
        Some(engine)
    }

    fn write(&mut self, flush: u32, input: &[u8], output: &mut [u8]) -> (u32, u32, Option<(String, i32, String)>) {
        let mut source = ZstdBuffer { data: input.as_ptr() as *mut c_void, size: input.len(), pos: 0 };
        let mut sink = ZstdBuffer { data: output.as_mut_ptr().cast(), size: output.len(), pos: 0 };
        // SAFETY: the buffers describe live slices for the call.
        let result = unsafe {
            if self.compress {
                ZSTD_compressStream2(self.context, &mut sink, &mut source, flush as c_int)
            } else {
                ZSTD_decompressStream(self.context, &mut sink, &mut source)
            }
        };
        ((output.len() - sink.pos) as u32, (input.len() - source.pos) as u32, zstd_error(result))
    }

    fn reset(&mut self) -> Option<(String, i32, String)> {
        // SAFETY: the context is live.
        let result = unsafe {
            if self.compress { ZSTD_CCtx_reset(self.context, ZSTD_RESET_SESSION_ONLY) } else { ZSTD_DCtx_reset(self.context, ZSTD_RESET_SESSION_ONLY) }
        };
        zstd_error(result)
    }
}

impl Drop for ZstdEngine {
    fn drop(&mut self) {
        // SAFETY: frees the context `new` created.
        unsafe {
            if self.compress {
                ZSTD_freeCCtx(self.context);
            } else {
                ZSTD_freeDCtx(self.context);
            }
        }
    }
}

// ---- engines by id ----

enum Engine {
    Zlib(ZlibEngine),
    BrotliEncoder(BrotliEncoder),
    BrotliDecoder(BrotliDecoder),
    Zstd(ZstdEngine),
}

// SAFETY: an engine is used by one thread at a time (behind its mutex); the raw pointers it
// holds are its own allocations and the buffers of the call in progress.
unsafe impl Send for Engine {}

impl Engine {
    fn write(&mut self, flush: u32, input: &Window, output: &mut Window) -> WriteOutcome {
        let input = input.bytes();
        let output = output.bytes_mut();
        let (avail_out, avail_in, error) = match self {
            Engine::Zlib(engine) => engine.write(flush as c_int, input, output),
            Engine::BrotliEncoder(engine) => engine.write(flush, input, output),
            Engine::BrotliDecoder(engine) => engine.write(flush, input, output),
            Engine::Zstd(engine) => engine.write(flush, input, output),
        };
        WriteOutcome { avail_out, avail_in, error }
    }

    fn reset(&mut self) -> Option<(String, i32, String)> {
        match self {
            Engine::Zlib(engine) => {
                engine.err = z::Z_OK;
                engine.reset_stream().err()
            }
            Engine::BrotliEncoder(engine) => (!engine.start()).then(|| ("Failed to reset stream".to_string(), -1, "ERR_BROTLI_INITIALIZATION_FAILED".to_string())),
            Engine::BrotliDecoder(engine) => (!engine.start()).then(|| ("Failed to reset stream".to_string(), -1, "ERR_BROTLI_INITIALIZATION_FAILED".to_string())),
            Engine::Zstd(engine) => engine.reset(),
        }
    }
}

type SharedEngine = Arc<Mutex<Engine>>;

thread_local! {
    static ENGINES: RefCell<(u32, HashMap<u32, SharedEngine>)> = RefCell::new((0, HashMap::new()));
}

fn keep(engine: Engine) -> u32 {
    ENGINES.with(|engines| {
        let mut engines = engines.borrow_mut();
        engines.0 += 1;
        let id = engines.0;
        engines.1.insert(id, Arc::new(Mutex::new(engine)));
        id
    })
}

fn engine(scope: &mut v8::PinScope, id: v8::Local<v8::Value>) -> Option<SharedEngine> {
    let id = id.uint32_value(scope)?;
    ENGINES.with(|engines| engines.borrow().1.get(&id).cloned())
}

/// A view's bytes (a string's UTF-8 bytes).
fn view_bytes(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Vec<u8> {
    if let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(value) {
        return super::bindings::view_bytes(&view);
    }
    value.to_rust_string_lossy(scope).into_bytes()
}

/// A Uint32Array's values (node's parameter arrays, -1 meaning "not set").
fn u32_list(value: v8::Local<v8::Value>) -> Vec<u32> {
    let Ok(list) = v8::Local::<v8::Uint32Array>::try_from(value) else { return Vec::new() };
    let bytes = super::bindings::view_bytes(&list);
    bytes.chunks_exact(4).map(|word| u32::from_ne_bytes([word[0], word[1], word[2], word[3]])).collect()
}

fn error_array<'s>(scope: &mut v8::PinScope<'s, '_>, error: &(String, i32, String)) -> v8::Local<'s, v8::Value> {
    let message = string(scope, &error.0).into();
    let errno = v8::Integer::new(scope, error.1).into();
    let code = string(scope, &error.2).into();
    v8::Array::new_with_elements(scope, &[message, errno, code]).into()
}

/// `[availOut, availIn, error?]`.
fn outcome_to_js<'s>(scope: &mut v8::PinScope<'s, '_>, outcome: WriteOutcome) -> v8::Local<'s, v8::Value> {
    let avail_out = v8::Integer::new_from_unsigned(scope, outcome.avail_out).into();
    let avail_in = v8::Integer::new_from_unsigned(scope, outcome.avail_in).into();
    let error = match &outcome.error {
        Some(error) => error_array(scope, error),
        None => v8::undefined(scope).into(),
    };
    v8::Array::new_with_elements(scope, &[avail_out, avail_in, error]).into()
}

/// create(mode, ...): a new engine's id, or an error array.
///   zlib modes: (mode, windowBits, level, memLevel, strategy, dictionary?, rejectGarbageAfterEnd)
///   brotli: (mode, params Uint32Array, dictionary?); zstd: (mode, params Uint32Array, pledgedSrcSize?)
/// Brotli and zstd return -1 when a parameter is refused.
fn create(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let mode = args.get(0).uint32_value(scope).unwrap_or(0);
    let int = |scope: &mut v8::PinScope, index| args.get(index).int32_value(scope).unwrap_or(0);
    let engine = match mode {
        DEFLATE..=UNZIP => {
            let dictionary = if args.get(5).is_array_buffer_view() { view_bytes(scope, args.get(5)) } else { Vec::new() };
            let (window_bits, level, mem_level, strategy) = (int(scope, 1), int(scope, 2), int(scope, 3), int(scope, 4));
            let read_further_members = !args.get(6).boolean_value(scope);
            match ZlibEngine::new(mode, window_bits, level, mem_level, strategy, dictionary, read_further_members) {
                Ok(engine) => Some(Engine::Zlib(engine)),
                Err(error) => {
                    rv.set(error_array(scope, &error));
                    return;
                }
            }
        }
        BROTLI_ENCODE | BROTLI_DECODE => {
            let params = u32_list(args.get(1));
            let dictionary = if args.get(2).is_array_buffer_view() { view_bytes(scope, args.get(2)) } else { Vec::new() };
            if mode == BROTLI_ENCODE {
                BrotliEncoder::new(&params, dictionary).map(Engine::BrotliEncoder)
            } else {
                BrotliDecoder::new(&params, dictionary).map(Engine::BrotliDecoder)
            }
        }
        ZSTD_COMPRESS | ZSTD_DECOMPRESS => {
            let pledged = args.get(2);
            let pledged = if pledged.is_number() { pledged.number_value(scope).map(|size| size as u64) } else { None };
            ZstdEngine::new(mode == ZSTD_COMPRESS, &u32_list(args.get(1)), pledged).map(Engine::Zstd)
        }
        _ => None,
    };
    let id = engine.map_or(-1.0, |engine| keep(engine) as f64);
    rv.set(v8::Number::new(scope, id).into());
}

/// write(id, flush, input view, output view[, request]): runs the engine on the views' bytes
/// now and returns `[availOut, availIn, error?]`, or with a request id runs it off the JS
/// thread and later calls the internal `zlibWriteDone(request, result)`.
fn write(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(engine) = engine(scope, args.get(0)) else { return };
    let flush = args.get(1).uint32_value(scope).unwrap_or(0);
    let (Some(input), Some(mut output)) = (Window::of(scope, args.get(2)), Window::of(scope, args.get(3))) else { return };
    let request = args.get(4);
    if !request.is_number() {
        crate::runtime::event_loop::report_sync_io(scope);
        let outcome = engine.lock().unwrap().write(flush, &input, &mut output);
        rv.set(outcome_to_js(scope, outcome));
        return;
    }
    let request = request.number_value(scope).unwrap_or(0.0);
    RuntimeState::get(scope).run_pool_work(
        "zlib",
        move || engine.lock().unwrap().write(flush, &input, &mut output),
        move |scope, outcome| {
            let request = v8::Number::new(scope, request).into();
            let result = outcome_to_js(scope, outcome);
            super::call_internal(scope, crate::runtime::internals::Internal::ZlibWriteDone, &[request, result]);
        },
    );
}

/// params(id, level, strategy): an error array, or undefined.
fn params(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(engine) = engine(scope, args.get(0)) else { return };
    let level = args.get(1).int32_value(scope).unwrap_or(0);
    let strategy = args.get(2).int32_value(scope).unwrap_or(0);
    let error = match &mut *engine.lock().unwrap() {
        Engine::Zlib(engine) => engine.params(level, strategy),
        _ => None,
    };
    if let Some(error) = error {
        rv.set(error_array(scope, &error));
    }
}

/// reset(id): an error array, or undefined.
fn reset(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(engine) = engine(scope, args.get(0)) else { return };
    let error = engine.lock().unwrap().reset();
    if let Some(error) = error {
        rv.set(error_array(scope, &error));
    }
}

/// close(id): drops the engine (a write in flight keeps it until it ends).
fn close(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(id) = args.get(0).uint32_value(scope) else { return };
    ENGINES.with(|engines| engines.borrow_mut().1.remove(&id));
}

/// zlib's CRC-32 of `bytes`, continuing from `seed`.
pub(super) fn crc32_of(seed: u32, bytes: &[u8]) -> u32 {
    bytes.chunks(1 << 30).fold(seed, |crc, chunk| {
        // SAFETY: reads `chunk.len()` bytes of a live slice.
        unsafe { z::crc32(crc as z::uLong, chunk.as_ptr(), chunk.len() as z::uInt) as u32 }
    })
}

/// crc32(data, value): zlib's CRC-32 of a view's (or a string's UTF-8) bytes, from `value`.
fn crc32(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let bytes = view_bytes(scope, args.get(0));
    let crc = crc32_of(args.get(1).uint32_value(scope).unwrap_or(0), &bytes);
    rv.set(v8::Number::new(scope, crc as f64).into());
}

/// zlib(): the zlib binding object.
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "create" => create,
        "write" => write,
        "params" => params,
        "reset" => reset,
        "close" => close,
        "crc32" => crc32,
    });
    rv.set(object.into());
}

unsafe extern "C" {
    fn ZSTD_versionString() -> *const std::ffi::c_char;
}

/// The versions of the compression libraries linked (process.versions' zlib, brotli and zstd).
pub(crate) fn library_versions() -> [(&'static str, String); 3] {
    let text = |pointer: *const std::ffi::c_char| {
        // SAFETY: both libraries return a static NUL-terminated string.
        unsafe { std::ffi::CStr::from_ptr(pointer) }.to_string_lossy().into_owned()
    };
    // SAFETY: version queries without arguments.
    let (zlib, brotli, zstd) = unsafe { (z::zlibVersion(), brotli::BrotliEncoderVersion(), ZSTD_versionString()) };
    // Brotli packs its version as 0xMMMmmmppp.
    let brotli = format!("{}.{}.{}", brotli >> 24, (brotli >> 12) & 0xfff, brotli & 0xfff);
    [("zlib", text(zlib)), ("brotli", brotli), ("zstd", text(zstd))]
}
