//! Symmetric ciphers on EVP_CIPHER_CTX for the JS Cipheriv/Decipheriv objects (kept by id),
//! with the AEAD modes' tags and AAD (GCM, CCM, OCB, ChaCha20-Poly1305) as node drives them;
//! OpenSSL's cipher and curve names and a cipher's facts (getCipherInfo).

use std::cell::RefCell;
use std::ffi::{c_char, c_int, c_ulong, c_void, CStr, CString};

use openssl::error::ErrorStack;
use openssl_sys as ffi;

use super::super::bindings::{arg_string, set_property, string, uint8_array};
use super::{throw_openssl, view_bytes};

extern "C" {
    fn EVP_CipherFinal_ex(ctx: *mut ffi::EVP_CIPHER_CTX, out: *mut u8, outl: *mut c_int) -> c_int;
    fn EVP_CIPHER_do_all_sorted(callback: extern "C" fn(*const ffi::EVP_CIPHER, *const c_char, *const c_char, *mut c_void), arg: *mut c_void);
    fn EC_get_builtin_curves(curves: *mut CurveName, count: usize) -> usize;
}

#[repr(C)]
struct CurveName {
    nid: c_int,
    comment: *const c_char,
}

const MODE_STREAM: c_ulong = 0x0;
const MODE_ECB: c_ulong = 0x1;
const MODE_CBC: c_ulong = 0x2;
const MODE_CFB: c_ulong = 0x3;
const MODE_OFB: c_ulong = 0x4;
const MODE_CTR: c_ulong = 0x5;
const MODE_GCM: c_ulong = 0x6;
const MODE_CCM: c_ulong = 0x7;
const MODE_XTS: c_ulong = 0x10001;
const MODE_WRAP: c_ulong = 0x10002;
const MODE_OCB: c_ulong = 0x10003;
const EVP_CTRL_AEAD_SET_IVLEN: c_int = 0x9;
const EVP_CTRL_AEAD_GET_TAG: c_int = 0x10;
const EVP_CTRL_AEAD_SET_TAG: c_int = 0x11;
const NID_CHACHA20_POLY1305: c_int = 1018;

fn mode_of(cipher: *const ffi::EVP_CIPHER) -> c_ulong {
    // SAFETY: a plain query of a live cipher method.
    unsafe { ffi::EVP_CIPHER_get_flags(cipher) & ffi::EVP_CIPH_MODE }
}

fn nid_of(cipher: *const ffi::EVP_CIPHER) -> c_int {
    // SAFETY: as mode_of.
    unsafe { ffi::EVP_CIPHER_get_nid(cipher) }
}

fn is_aead(cipher: *const ffi::EVP_CIPHER) -> bool {
    matches!(mode_of(cipher), MODE_GCM | MODE_CCM | MODE_OCB) || nid_of(cipher) == NID_CHACHA20_POLY1305
}

fn cipher_named(name: &str) -> Option<*const ffi::EVP_CIPHER> {
    let name = CString::new(name).ok()?;
    // SAFETY: looks a static cipher method up by a C string.
    let cipher = unsafe { ffi::EVP_get_cipherbyname(name.as_ptr()) };
    (!cipher.is_null()).then_some(cipher)
}

fn cipher_by_nid(nid: c_int) -> Option<*const ffi::EVP_CIPHER> {
    // SAFETY: OBJ_nid2sn gives a static C string or null.
    let short_name = unsafe { ffi::OBJ_nid2sn(nid) };
    if short_name.is_null() {
        return None;
    }
    // SAFETY: as cipher_named.
    let cipher = unsafe { ffi::EVP_get_cipherbyname(short_name) };
    (!cipher.is_null()).then_some(cipher)
}

fn is_valid_gcm_tag_length(length: usize) -> bool {
    length == 4 || length == 8 || (12..=16).contains(&length)
}

struct Cipher {
    ctx: *mut ffi::EVP_CIPHER_CTX,
    encrypt: bool,
    mode: c_ulong,
    /// The tag length: asked for, or the mode's default; 0 for a GCM decipher until its tag is set.
    tag_length: usize,
    /// A decipher's tag, until it is passed to OpenSSL.
    pending_tag: Option<Vec<u8>>,
    tag_set: bool,
    /// The tag an encipher produced (after final).
    tag: Option<Vec<u8>>,
    /// CCM's limit on the message's length (from its IV's length).
    max_message_size: usize,
    /// A CCM decipher whose update failed to authenticate.
    auth_failed: bool,
    finished: bool,
}

impl Drop for Cipher {
    fn drop(&mut self) {
        // SAFETY: the context was made by EVP_CIPHER_CTX_new and is freed once.
        unsafe { ffi::EVP_CIPHER_CTX_free(self.ctx) }
    }
}

impl Cipher {
    fn ctrl(&self, kind: c_int, value: c_int, data: *mut c_void) -> bool {
        // SAFETY: a control call on a live context; `data` is valid for what `kind` reads or writes.
        unsafe { ffi::EVP_CIPHER_CTX_ctrl(self.ctx, kind, value, data) == 1 }
    }

    fn is_aead(&self) -> bool {
        // SAFETY: the context's cipher is set at creation.
        is_aead(unsafe { ffi::EVP_CIPHER_CTX_get0_cipher(self.ctx) })
    }

    /// Hands a decipher's tag to OpenSSL once (before CCM's data, before GCM's final).
    fn pass_tag(&mut self) -> bool {
        let Some(mut tag) = self.pending_tag.take() else { return true };
        self.tag_set = true;
        self.ctrl(EVP_CTRL_AEAD_SET_TAG, tag.len() as c_int, tag.as_mut_ptr().cast())
    }

    /// EVP_CipherUpdate: the output bytes, or None when OpenSSL refused.
    fn update(&mut self, input: &[u8]) -> Option<Vec<u8>> {
        // SAFETY: a plain query of a live context.
        let block = unsafe { ffi::EVP_CIPHER_CTX_block_size(self.ctx) } as usize;
        let mut capacity = input.len() + block;
        if capacity > c_int::MAX as usize {
            // OpenSSL counts its output in an int.
            return None;
        }
        let empty = [0u8; 1];
        let input_ptr = if input.is_empty() { empty.as_ptr() } else { input.as_ptr() };
        if self.mode == MODE_WRAP && self.encrypt {
            // A padded wrap can grow by more than a block: OpenSSL tells the size when given no output.
            let mut needed: c_int = 0;
            // SAFETY: with a null output OpenSSL only reports the output's size.
            if unsafe { ffi::EVP_CipherUpdate(self.ctx, std::ptr::null_mut(), &mut needed, input_ptr, input.len() as c_int) } != 1 {
                return None;
            }
            capacity = capacity.max(needed.max(0) as usize);
        }
        let mut out = vec![0u8; capacity];
        let mut written: c_int = 0;
        // SAFETY: the output has room for the input and a block, the most EVP_CipherUpdate writes.
        let ok = unsafe { ffi::EVP_CipherUpdate(self.ctx, out.as_mut_ptr(), &mut written, input_ptr, input.len() as c_int) };
        out.truncate(written.max(0) as usize);
        (ok == 1).then_some(out)
    }

    /// EVP_CipherUpdate with no output: AAD, or CCM's total length (null input).
    fn update_aad(&mut self, input: Option<&[u8]>, length: usize) -> bool {
        let mut written: c_int = 0;
        let input_ptr = input.map_or(std::ptr::null(), |input| if input.is_empty() { [0u8; 1].as_ptr() } else { input.as_ptr() });
        // SAFETY: reads `length` bytes of the input (none when null).
        unsafe { ffi::EVP_CipherUpdate(self.ctx, std::ptr::null_mut(), &mut written, input_ptr, length as c_int) == 1 }
    }

    fn finish(&mut self) -> Option<Vec<u8>> {
        // SAFETY: a plain query of a live context.
        let block = unsafe { ffi::EVP_CIPHER_CTX_block_size(self.ctx) } as usize;
        let mut out = vec![0u8; block.max(1)];
        let mut written: c_int = 0;
        // SAFETY: the output has room for a block, the most EVP_CipherFinal_ex writes.
        let ok = unsafe { EVP_CipherFinal_ex(self.ctx, out.as_mut_ptr(), &mut written) };
        out.truncate(written.max(0) as usize);
        (ok == 1).then_some(out)
    }
}

thread_local! {
    static CIPHERS: RefCell<Vec<Option<Cipher>>> = const { RefCell::new(Vec::new()) };
}

fn keep(cipher: Cipher) -> f64 {
    CIPHERS.with(|ciphers| {
        let mut ciphers = ciphers.borrow_mut();
        let id = ciphers.iter().position(Option::is_none).unwrap_or_else(|| {
            ciphers.push(None);
            ciphers.len() - 1
        });
        ciphers[id] = Some(cipher);
        id as f64
    })
}

fn with_cipher<R>(scope: &mut v8::PinScope, id: v8::Local<v8::Value>, f: impl FnOnce(&mut Cipher) -> R) -> Option<R> {
    let id = id.uint32_value(scope)? as usize;
    CIPHERS.with(|ciphers| ciphers.borrow_mut().get_mut(id).and_then(Option::as_mut).map(f))
}

/// Why a cipher could not be made, for JS to throw node's error.
const UNKNOWN_CIPHER: f64 = -1.0;
const INVALID_KEY_LENGTH: f64 = -2.0;
const INVALID_IV: f64 = -3.0;
const INVALID_TAG_LENGTH: f64 = -4.0;
const TAG_LENGTH_REQUIRED: f64 = -5.0;

/// cipherNew(name, key, iv|null, encrypt, authTagLength|-1): a cipher's id, or a negative
/// reason (UNKNOWN_CIPHER, ...); throws OpenSSL's error when initialisation fails.
pub(super) fn cipher_new(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let name = arg_string(scope, &args, 0);
    let key: Vec<u8> = view_bytes(scope, args.get(1)).map(|key| key.to_vec()).unwrap_or_default();
    let iv: Option<Vec<u8>> = view_bytes(scope, args.get(2)).map(|iv| iv.to_vec());
    let encrypt = args.get(3).is_true();
    let requested_tag = args.get(4).int32_value(scope).filter(|length| *length >= 0).map(|length| length as usize);
    match new_cipher(&name, &key, iv.as_deref(), encrypt, requested_tag) {
        Ok(cipher) => rv.set(v8::Number::new(scope, keep(cipher)).into()),
        Err(Failure::Reason(reason)) => rv.set(v8::Number::new(scope, reason).into()),
        Err(Failure::OpenSsl(stack)) => throw_openssl(scope, &stack, "Failed to initialize cipher"),
    }
}

enum Failure {
    Reason(f64),
    OpenSsl(ErrorStack),
}

fn new_cipher(name: &str, key: &[u8], iv: Option<&[u8]>, encrypt: bool, requested_tag: Option<usize>) -> Result<Cipher, Failure> {
    let cipher_type = cipher_named(name).ok_or(Failure::Reason(UNKNOWN_CIPHER))?;
    let mode = mode_of(cipher_type);
    let aead = is_aead(cipher_type);
    // SAFETY: a plain query of a live cipher method.
    let expected_iv = unsafe { ffi::EVP_CIPHER_get_iv_length(cipher_type) } as usize;
    match iv {
        Some(iv) if aead => {
            if iv.is_empty() || (nid_of(cipher_type) == NID_CHACHA20_POLY1305 && iv.len() > 12) {
                return Err(Failure::Reason(INVALID_IV));
            }
        }
        Some(iv) if iv.len() != expected_iv => return Err(Failure::Reason(INVALID_IV)),
        None if expected_iv != 0 => return Err(Failure::Reason(INVALID_IV)),
        _ => {}
    }
    // SAFETY: a fresh context, freed by Cipher's Drop.
    let ctx = unsafe { ffi::EVP_CIPHER_CTX_new() };
    if ctx.is_null() {
        return Err(Failure::OpenSsl(ErrorStack::get()));
    }
    let mut cipher = Cipher {
        ctx,
        encrypt,
        mode,
        tag_length: 0,
        pending_tag: None,
        tag_set: false,
        tag: None,
        max_message_size: usize::MAX,
        auth_failed: false,
        finished: false,
    };
    let null: *const u8 = std::ptr::null();
    // SAFETY: initialises the live context with a live cipher method.
    if unsafe { ffi::EVP_CipherInit_ex(ctx, cipher_type, std::ptr::null_mut(), null, null, encrypt as c_int) } != 1 {
        return Err(Failure::OpenSsl(ErrorStack::get()));
    }
    if mode == MODE_WRAP {
        // SAFETY: sets a flag on the live context.
        unsafe { ffi::EVP_CIPHER_CTX_set_flags(ctx, ffi::EVP_CIPHER_CTX_FLAG_WRAP_ALLOW) };
    }
    if aead {
        let iv_length = iv.map_or(0, <[u8]>::len);
        if !cipher.ctrl(EVP_CTRL_AEAD_SET_IVLEN, iv_length as c_int, std::ptr::null_mut()) {
            ErrorStack::get();
            return Err(Failure::Reason(INVALID_IV));
        }
        if mode == MODE_GCM {
            if let Some(length) = requested_tag {
                if !is_valid_gcm_tag_length(length) {
                    return Err(Failure::Reason(INVALID_TAG_LENGTH));
                }
                cipher.tag_length = length;
            }
        } else {
            let length = match requested_tag {
                Some(length) => length,
                None if mode == MODE_CCM || mode == MODE_OCB => return Err(Failure::Reason(TAG_LENGTH_REQUIRED)),
                None => 16,
            };
            if mode == MODE_CCM {
                if !(7..=13).contains(&iv_length) {
                    return Err(Failure::Reason(INVALID_IV));
                }
                let length_bytes = 15 - iv_length;
                cipher.max_message_size = if length_bytes >= 8 { usize::MAX } else { (1usize << (8 * length_bytes)) - 1 };
            }
            if length == 0 || length > 16 {
                return Err(Failure::Reason(INVALID_TAG_LENGTH));
            }
            // The tag's length is set (without the tag) on both sides.
            if !cipher.ctrl(EVP_CTRL_AEAD_SET_TAG, length as c_int, std::ptr::null_mut()) {
                ErrorStack::get();
                return Err(Failure::Reason(INVALID_TAG_LENGTH));
            }
            cipher.tag_length = length;
        }
    }
    // SAFETY: sets the key length of the live context.
    if unsafe { ffi::EVP_CIPHER_CTX_set_key_length(ctx, key.len() as c_int) } != 1 {
        ErrorStack::get();
        return Err(Failure::Reason(INVALID_KEY_LENGTH));
    }
    let iv_ptr = iv.map_or(null, |iv| if iv.is_empty() { null } else { iv.as_ptr() });
    let key_ptr = if key.is_empty() { [0u8; 1].as_ptr() } else { key.as_ptr() };
    // SAFETY: the key and IV have the lengths the context was set to.
    if unsafe { ffi::EVP_CipherInit_ex(ctx, std::ptr::null(), std::ptr::null_mut(), key_ptr, iv_ptr, encrypt as c_int) } != 1 {
        return Err(Failure::OpenSsl(ErrorStack::get()));
    }
    Ok(cipher)
}

/// cipherUpdate(id, view): the output bytes; -1 when the cipher is finished or OpenSSL
/// refused the data (throws OpenSSL's error then), -2 for a CCM message too long.
pub(super) fn cipher_update(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(input) = view_bytes(scope, args.get(1)) else { return };
    let input: &[u8] = input;
    let result = with_cipher(scope, args.get(0), |cipher| {
        if cipher.finished {
            return Err(-1.0);
        }
        if cipher.mode == MODE_CCM && input.len() > cipher.max_message_size {
            return Err(-2.0);
        }
        if !cipher.encrypt && cipher.is_aead() && !cipher.pass_tag() {
            return Err(-1.0);
        }
        match cipher.update(input) {
            Some(out) => Ok(out),
            // A CCM decipher fails its update when the tag does not match; final reports it.
            None if cipher.mode == MODE_CCM && !cipher.encrypt => {
                ErrorStack::get();
                cipher.auth_failed = true;
                Ok(Vec::new())
            }
            None => Err(-1.0),
        }
    });
    match result {
        Some(Ok(out)) => rv.set(uint8_array(scope, out).into()),
        Some(Err(reason)) => rv.set(v8::Number::new(scope, reason).into()),
        None => rv.set(v8::Number::new(scope, -1.0).into()),
    }
}

/// cipherFinal(id): the last output bytes; -1 when finished already, -2 when an AEAD
/// decipher could not authenticate; throws OpenSSL's error otherwise.
pub(super) fn cipher_final(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let result = with_cipher(scope, args.get(0), |cipher| {
        if cipher.finished {
            return Err(None);
        }
        cipher.finished = true;
        let aead = cipher.is_aead();
        if !cipher.encrypt && aead {
            cipher.pass_tag();
        }
        if cipher.mode == MODE_CCM && !cipher.encrypt {
            return if cipher.auth_failed { Err(Some(ErrorStack::get())) } else { Ok(Vec::new()) };
        }
        // OCB and ChaCha20-Poly1305 refuse to finish a decipher that was given no tag.
        if !cipher.encrypt && aead && !cipher.tag_set && cipher.mode != MODE_GCM {
            return Err(Some(ErrorStack::get()));
        }
        let out = cipher.finish().ok_or_else(|| Some(ErrorStack::get()))?;
        if cipher.encrypt && aead {
            if cipher.tag_length == 0 {
                cipher.tag_length = 16;
            }
            let mut tag = vec![0u8; cipher.tag_length];
            if !cipher.ctrl(EVP_CTRL_AEAD_GET_TAG, tag.len() as c_int, tag.as_mut_ptr().cast()) {
                return Err(Some(ErrorStack::get()));
            }
            cipher.tag = Some(tag);
        }
        Ok(out)
    });
    let aead_decipher = with_cipher(scope, args.get(0), |cipher| !cipher.encrypt && cipher.is_aead()).unwrap_or(false);
    match result {
        Some(Ok(out)) => rv.set(uint8_array(scope, out).into()),
        Some(Err(Some(_))) if aead_decipher => rv.set(v8::Number::new(scope, -2.0).into()),
        Some(Err(Some(stack))) => throw_openssl(scope, &stack, "Failed to finalize cipher"),
        Some(Err(None)) | None => rv.set(v8::Number::new(scope, -1.0).into()),
    }
}

/// cipherSetAAD(id, view, plaintextLength|-1): false when not allowed now; -1 when CCM has
/// no plaintext length, -2 when it is too long.
pub(super) fn cipher_set_aad(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(aad) = view_bytes(scope, args.get(1)) else { return };
    let aad: &[u8] = aad;
    let plaintext_length = args.get(2).number_value(scope).unwrap_or(-1.0);
    let result = with_cipher(scope, args.get(0), |cipher| {
        if cipher.finished || !cipher.is_aead() {
            return Some(Some(false));
        }
        if cipher.mode == MODE_CCM {
            if plaintext_length < 0.0 {
                return None;
            }
            if plaintext_length as usize > cipher.max_message_size {
                return Some(None);
            }
            if !cipher.encrypt && !cipher.pass_tag() {
                return Some(Some(false));
            }
            if !cipher.update_aad(None, plaintext_length as usize) {
                return Some(Some(false));
            }
        }
        Some(Some(cipher.update_aad(Some(aad), aad.len())))
    });
    match result {
        Some(Some(Some(ok))) => {
            if !ok {
                ErrorStack::get();
            }
            rv.set(v8::Boolean::new(scope, ok).into())
        }
        Some(None) => rv.set(v8::Number::new(scope, -1.0).into()),
        Some(Some(None)) => rv.set(v8::Number::new(scope, -2.0).into()),
        None => rv.set(v8::Boolean::new(scope, false).into()),
    }
}

/// cipherGetAuthTag(id): an encipher's tag after final, else undefined.
pub(super) fn cipher_get_auth_tag(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let tag = with_cipher(scope, args.get(0), |cipher| if cipher.encrypt { cipher.tag.clone() } else { None }).flatten();
    if let Some(tag) = tag {
        rv.set(uint8_array(scope, tag).into());
    }
}

/// cipherSetAuthTag(id, view): a decipher's expected tag: true; false when not allowed now;
/// -1 for a tag of the wrong length.
pub(super) fn cipher_set_auth_tag(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(tag) = view_bytes(scope, args.get(1)) else { return };
    let tag = tag.to_vec();
    let result = with_cipher(scope, args.get(0), |cipher| {
        if cipher.finished || cipher.encrypt || !cipher.is_aead() || cipher.tag_set || cipher.pending_tag.is_some() {
            return Some(false);
        }
        let valid = if cipher.mode == MODE_GCM {
            if cipher.tag_length == 0 { is_valid_gcm_tag_length(tag.len()) } else { tag.len() == cipher.tag_length }
        } else {
            tag.len() == cipher.tag_length
        };
        if !valid {
            return None;
        }
        if cipher.tag_length == 0 {
            cipher.tag_length = tag.len();
        }
        cipher.pending_tag = Some(tag);
        Some(true)
    });
    match result {
        Some(Some(ok)) => rv.set(v8::Boolean::new(scope, ok).into()),
        Some(None) => rv.set(v8::Number::new(scope, -1.0).into()),
        None => rv.set(v8::Boolean::new(scope, false).into()),
    }
}

/// cipherSetAutoPadding(id, on): false when the cipher is finished.
pub(super) fn cipher_set_auto_padding(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let on = args.get(1).is_true();
    let ok = with_cipher(scope, args.get(0), |cipher| {
        // SAFETY: sets padding on a live context.
        !cipher.finished && unsafe { ffi::EVP_CIPHER_CTX_set_padding(cipher.ctx, on as c_int) } == 1
    });
    rv.set(v8::Boolean::new(scope, ok == Some(true)).into());
}

/// cipherFree(id): drops a cipher (its object was collected or it finished).
pub(super) fn cipher_free(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(id) = args.get(0).uint32_value(scope) else { return };
    CIPHERS.with(|ciphers| ciphers.borrow_mut().get_mut(id as usize).map(Option::take));
}

extern "C" fn collect_cipher_name(cipher: *const ffi::EVP_CIPHER, from: *const c_char, to: *const c_char, names: *mut c_void) {
    if from.is_null() {
        return;
    }
    // An alias comes with no method but the name it stands for.
    // SAFETY: EVP_get_cipherbyname looks a static method up by a C string.
    let cipher = if cipher.is_null() && !to.is_null() { unsafe { ffi::EVP_get_cipherbyname(to) } } else { cipher };
    if cipher.is_null() {
        return;
    }
    // SAFETY: `names` is the Vec passed to EVP_CIPHER_do_all_sorted; `from` is a C string.
    let (names, from) = unsafe { (&mut *names.cast::<Vec<String>>(), CStr::from_ptr(from)) };
    // Only the ciphers a provider implements (node filters the same way).
    // SAFETY: fetches and frees a cipher method by name.
    let fetched = unsafe {
        let fetched = ffi::EVP_CIPHER_fetch(std::ptr::null_mut(), ffi::OBJ_nid2sn(nid_of(cipher)), std::ptr::null());
        let found = !fetched.is_null();
        ffi::EVP_CIPHER_free(fetched);
        found
    };
    if fetched {
        names.push(from.to_string_lossy().into_owned());
    }
}

/// cipherNames(): OpenSSL's cipher names, as `getCiphers()` lists them.
pub(super) fn cipher_names(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let mut names: Vec<String> = Vec::new();
    // SAFETY: the callback only appends to `names`, which outlives the call.
    unsafe { EVP_CIPHER_do_all_sorted(collect_cipher_name, (&mut names as *mut Vec<String>).cast()) };
    ErrorStack::get();
    let names: Vec<_> = names.iter().map(|name| string(scope, name).into()).collect();
    rv.set(v8::Array::new_with_elements(scope, &names).into());
}

/// cipherInfo(nameOrNid, keyLength|-1, ivLength|-1): getCipherInfo's object, or undefined.
pub(super) fn cipher_info(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let cipher_type = if args.get(0).is_number() {
        cipher_by_nid(args.get(0).int32_value(scope).unwrap_or(0))
    } else {
        cipher_named(&arg_string(scope, &args, 0))
    };
    let Some(cipher_type) = cipher_type else { return };
    let key_length = args.get(1).int32_value(scope).unwrap_or(-1);
    let iv_length = args.get(2).int32_value(scope).unwrap_or(-1);
    let mode = mode_of(cipher_type);
    // SAFETY: plain queries of a live cipher method.
    let (mut own_key_length, mut own_iv_length, block_size) = unsafe {
        (
            ffi::EVP_CIPHER_get_key_length(cipher_type),
            ffi::EVP_CIPHER_get_iv_length(cipher_type),
            ffi::EVP_CIPHER_get_block_size(cipher_type),
        )
    };
    if key_length >= 0 || iv_length >= 0 {
        // SAFETY: a scratch context, freed below.
        let ctx = unsafe { ffi::EVP_CIPHER_CTX_new() };
        let null = std::ptr::null();
        // SAFETY: the scratch context and a live cipher method.
        let mut ok = unsafe { ffi::EVP_CipherInit_ex(ctx, cipher_type, std::ptr::null_mut(), null, null, 1) } == 1;
        if ok && key_length >= 0 && key_length != own_key_length {
            // SAFETY: as above.
            ok = unsafe { ffi::EVP_CIPHER_CTX_set_key_length(ctx, key_length) } == 1;
            own_key_length = key_length;
        }
        if ok && iv_length >= 0 && iv_length != own_iv_length {
            ok = is_aead(cipher_type)
                // SAFETY: as above.
                && unsafe { ffi::EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, iv_length, std::ptr::null_mut()) } == 1
                && (mode != MODE_CCM || (7..=13).contains(&iv_length));
            own_iv_length = iv_length;
        }
        // SAFETY: frees the scratch context once.
        unsafe { ffi::EVP_CIPHER_CTX_free(ctx) };
        ErrorStack::get();
        if !ok {
            return;
        }
    }
    let mode_name = match mode {
        MODE_CCM => "ccm",
        MODE_CFB => "cfb",
        MODE_CBC => "cbc",
        MODE_CTR => "ctr",
        MODE_ECB => "ecb",
        MODE_GCM => "gcm",
        MODE_OCB => "ocb",
        MODE_OFB => "ofb",
        MODE_STREAM => "stream",
        MODE_WRAP => "wrap",
        MODE_XTS => "xts",
        _ => "",
    };
    let nid = nid_of(cipher_type);
    // SAFETY: OBJ_nid2sn gives a static C string or null.
    let short_name = unsafe { ffi::OBJ_nid2sn(nid) };
    let name = if short_name.is_null() {
        String::new()
    } else {
        // SAFETY: a static C string.
        unsafe { CStr::from_ptr(short_name) }.to_string_lossy().to_lowercase()
    };
    let info = v8::Object::new(scope);
    if !mode_name.is_empty() {
        let value = string(scope, mode_name).into();
        set_property(scope, info, "mode", value);
    }
    let value = string(scope, &name).into();
    set_property(scope, info, "name", value);
    let value = v8::Number::new(scope, nid as f64).into();
    set_property(scope, info, "nid", value);
    if mode != MODE_STREAM {
        let value = v8::Number::new(scope, block_size as f64).into();
        set_property(scope, info, "blockSize", value);
    }
    if own_iv_length != 0 {
        let value = v8::Number::new(scope, own_iv_length as f64).into();
        set_property(scope, info, "ivLength", value);
    }
    let value = v8::Number::new(scope, own_key_length as f64).into();
    set_property(scope, info, "keyLength", value);
    rv.set(info.into());
}

/// curveNames(): OpenSSL's built-in elliptic curves' short names, as `getCurves()` lists them.
pub(super) fn curve_names(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    // SAFETY: a count query, then a fill of a buffer of that many entries.
    let curves = unsafe {
        let count = EC_get_builtin_curves(std::ptr::null_mut(), 0);
        let mut curves: Vec<CurveName> = (0..count).map(|_| CurveName { nid: 0, comment: std::ptr::null() }).collect();
        EC_get_builtin_curves(curves.as_mut_ptr(), count);
        curves
    };
    let names: Vec<_> = curves
        .iter()
        .filter_map(|curve| {
            // SAFETY: OBJ_nid2sn gives a static C string or null.
            let name = unsafe { ffi::OBJ_nid2sn(curve.nid) };
            // SAFETY: a static C string.
            (!name.is_null()).then(|| unsafe { CStr::from_ptr(name) }.to_string_lossy().into_owned())
        })
        .collect();
    let names: Vec<_> = names.iter().map(|name| string(scope, name).into()).collect();
    rv.set(v8::Array::new_with_elements(scope, &names).into());
}
