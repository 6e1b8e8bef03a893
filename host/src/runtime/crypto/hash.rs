//! Message digests (EVP, with XOF output lengths) and HMACs (HMAC_CTX), kept by id for the
//! JS Hash and Hmac objects; the one-shot `crypto.hash`; OpenSSL's digest names.

use std::cell::RefCell;
use std::ffi::{c_char, c_int, c_uint, c_ulong, c_void, CStr};

use openssl::error::ErrorStack;
use openssl::hash::{Hasher, MessageDigest};
use openssl_sys as ffi;

use super::super::bindings::{arg_string, uint8_array};
use super::{throw_openssl, view_bytes};

extern "C" {
    fn EVP_MD_do_all_sorted(callback: extern "C" fn(*const ffi::EVP_MD, *const c_char, *const c_char, *mut c_void), arg: *mut c_void);
    fn EVP_MD_get_flags(md: *const ffi::EVP_MD) -> c_ulong;
    fn ERR_new();
    fn ERR_set_error(library: c_int, reason: c_int, format: *const c_char, ...);
}

const EVP_MD_FLAG_XOF: c_ulong = 0x2;
const ERR_LIB_EVP: c_int = 6;
const EVP_R_NOT_XOF_OR_INVALID_LENGTH: c_int = 178;

/// An HMAC in progress.
struct Hmac(*mut ffi::HMAC_CTX);

impl Drop for Hmac {
    fn drop(&mut self) {
        // SAFETY: the context was made by HMAC_CTX_new and is freed once.
        unsafe { ffi::HMAC_CTX_free(self.0) }
    }
}

impl Hmac {
    fn new(digest: MessageDigest, key: &[u8]) -> Result<Hmac, ErrorStack> {
        // SAFETY: a fresh context, initialised with a live key slice.
        unsafe {
            let hmac = Hmac(ffi::HMAC_CTX_new());
            if hmac.0.is_null() {
                return Err(ErrorStack::get());
            }
            let key_ptr = if key.is_empty() { c"".as_ptr().cast() } else { key.as_ptr().cast() };
            if ffi::HMAC_Init_ex(hmac.0, key_ptr, key.len() as c_int, digest.as_ptr(), std::ptr::null_mut()) != 1 {
                return Err(ErrorStack::get());
            }
            Ok(hmac)
        }
    }

    fn update(&mut self, data: &[u8]) -> Result<(), ErrorStack> {
        // SAFETY: reads data.len() bytes of a live slice.
        if unsafe { ffi::HMAC_Update(self.0, data.as_ptr(), data.len()) } != 1 {
            return Err(ErrorStack::get());
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<Vec<u8>, ErrorStack> {
        let mut out = vec![0u8; ffi::EVP_MAX_MD_SIZE as usize];
        let mut length: c_uint = 0;
        // SAFETY: the buffer holds EVP_MAX_MD_SIZE bytes, the most HMAC_Final writes.
        if unsafe { ffi::HMAC_Final(self.0, out.as_mut_ptr(), &mut length) } != 1 {
            return Err(ErrorStack::get());
        }
        out.truncate(length as usize);
        Ok(out)
    }
}

enum Digest {
    /// `size`: the digest's own output length, which a copy of an XOF falls back to.
    Hash { hasher: Hasher, length: usize, xof: bool, size: usize },
    Hmac(Hmac),
}

thread_local! {
    static DIGESTS: RefCell<Vec<Option<Digest>>> = const { RefCell::new(Vec::new()) };
}

fn keep(digest: Digest) -> f64 {
    DIGESTS.with(|digests| {
        let mut digests = digests.borrow_mut();
        let id = digests.iter().position(Option::is_none).unwrap_or_else(|| {
            digests.push(None);
            digests.len() - 1
        });
        digests[id] = Some(digest);
        id as f64
    })
}

fn with_digest<R>(scope: &mut v8::PinScope, id: v8::Local<v8::Value>, f: impl FnOnce(&mut Option<Digest>) -> R) -> Option<R> {
    let id = id.uint32_value(scope)? as usize;
    DIGESTS.with(|digests| digests.borrow_mut().get_mut(id).map(f))
}

/// The digest OpenSSL knows by `name` (any of its aliases, any case).
/// "DSS1" is node's legacy alias for SHA-1 (OpenSSL 3 dropped it).
pub(super) fn digest_named(name: &str) -> Option<MessageDigest> {
    MessageDigest::from_name(name).or_else(|| name.eq_ignore_ascii_case("dss1").then(MessageDigest::sha1))
}

fn is_xof(digest: MessageDigest) -> bool {
    // SAFETY: a plain query of a live digest method.
    unsafe { EVP_MD_get_flags(digest.as_ptr()) & EVP_MD_FLAG_XOF != 0 }
}

/// A digest's output length: its own, or `requested` for an XOF (or when equal to its own);
/// otherwise OpenSSL's "not XOF or invalid length" error.
fn output_length(digest: MessageDigest, requested: Option<usize>) -> Result<(usize, bool), ErrorStack> {
    let xof = is_xof(digest);
    match requested {
        Some(length) if length != digest.size() => {
            if !xof {
                // SAFETY: raises an error on this thread's queue, as OpenSSL's own code does.
                unsafe {
                    ERR_new();
                    ERR_set_error(ERR_LIB_EVP, EVP_R_NOT_XOF_OR_INVALID_LENGTH, std::ptr::null());
                }
                return Err(ErrorStack::get());
            }
            Ok((length, true))
        }
        _ => Ok((digest.size(), xof)),
    }
}

fn finish_hash(hasher: &mut Hasher, length: usize, xof: bool) -> Result<Vec<u8>, ErrorStack> {
    if xof {
        let mut out = vec![0u8; length];
        if length > 0 {
            hasher.finish_xof(&mut out)?;
        }
        Ok(out)
    } else {
        Ok(hasher.finish()?.to_vec())
    }
}

fn optional_length(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Option<usize> {
    if value.is_undefined() {
        None
    } else {
        value.uint32_value(scope).map(|length| length as usize)
    }
}

/// hashNew(algorithm, key?, outputLength?): a new digest's id (an HMAC's with a key); -1 for
/// a hash OpenSSL does not know; throws OpenSSL's error for a bad output length.
pub(super) fn hash_new(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let algorithm = arg_string(scope, &args, 0);
    let Some(digest) = digest_named(&algorithm) else {
        rv.set(v8::Number::new(scope, -1.0).into());
        return;
    };
    let made = if args.get(1).is_array_buffer_view() {
        let key = view_bytes(scope, args.get(1)).unwrap_or_default();
        Hmac::new(digest, key).map(Digest::Hmac)
    } else {
        let requested = optional_length(scope, args.get(2));
        output_length(digest, requested)
            .and_then(|(length, xof)| Ok(Digest::Hash { hasher: Hasher::new(digest)?, length, xof, size: digest.size() }))
    };
    match made {
        Ok(state) => rv.set(v8::Number::new(scope, keep(state)).into()),
        Err(stack) => throw_openssl(scope, &stack, "Digest method not supported"),
    }
}

/// hashUpdate(id, view): feeds the view's bytes; false when OpenSSL failed.
pub(super) fn hash_update(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(bytes) = view_bytes(scope, args.get(1)) else { return };
    let bytes: &[u8] = bytes;
    let ok = with_digest(scope, args.get(0), |digest| match digest {
        Some(Digest::Hash { hasher, .. }) => hasher.update(bytes).is_ok(),
        Some(Digest::Hmac(hmac)) => hmac.update(bytes).is_ok(),
        None => false,
    });
    rv.set(v8::Boolean::new(scope, ok == Some(true)).into());
}

/// hashCopy(id, outputLength?): a new id with a copy of a digest's state.
pub(super) fn hash_copy(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let requested = optional_length(scope, args.get(1));
    let copy = with_digest(scope, args.get(0), |digest| match digest {
        Some(Digest::Hash { hasher, length, xof, size }) => {
            let length = if *xof { requested.unwrap_or(*size) } else { *length };
            Some(Digest::Hash { hasher: hasher.clone(), length, xof: *xof, size: *size })
        }
        _ => None,
    })
    .flatten();
    rv.set(v8::Number::new(scope, copy.map_or(-1.0, keep)).into());
}

/// hashDigest(id): the digest as a Uint8Array; the id is freed.
pub(super) fn hash_digest(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let result = with_digest(scope, args.get(0), |digest| match digest.take() {
        Some(Digest::Hash { mut hasher, length, xof, .. }) => Some(finish_hash(&mut hasher, length, xof)),
        Some(Digest::Hmac(mut hmac)) => Some(hmac.finish()),
        None => None,
    })
    .flatten();
    match result {
        Some(Ok(bytes)) => rv.set(uint8_array(scope, bytes).into()),
        Some(Err(stack)) => throw_openssl(scope, &stack, "Failed to finalize digest"),
        None => {}
    }
}

/// hashFree(id): drops a state no digest was taken of (its object was collected).
pub(super) fn hash_free(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    with_digest(scope, args.get(0), Option::take);
}

/// hashOneShot(algorithm, view, outputLength?): the digest of the bytes; undefined for an
/// unknown hash.
pub(super) fn hash_one_shot(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let algorithm = arg_string(scope, &args, 0);
    let Some(digest) = digest_named(&algorithm) else { return };
    let requested = optional_length(scope, args.get(2));
    let data: &[u8] = view_bytes(scope, args.get(1)).unwrap_or_default();
    let result = output_length(digest, requested).and_then(|(length, xof)| {
        let mut hasher = Hasher::new(digest)?;
        hasher.update(data)?;
        finish_hash(&mut hasher, length, xof)
    });
    match result {
        Ok(bytes) => rv.set(uint8_array(scope, bytes).into()),
        Err(stack) => throw_openssl(scope, &stack, "Digest method not supported"),
    }
}

extern "C" fn collect_digest_name(md: *const ffi::EVP_MD, from: *const c_char, to: *const c_char, names: *mut c_void) {
    if from.is_null() {
        return;
    }
    // An alias comes with no method but the name it stands for.
    // SAFETY: EVP_get_digestbyname looks a static method up by a C string.
    let md = if md.is_null() && !to.is_null() { unsafe { ffi::EVP_get_digestbyname(to) } } else { md };
    if md.is_null() {
        return;
    }
    // SAFETY: `names` is the Vec passed to EVP_MD_do_all_sorted; `from` is a C string.
    let (names, from) = unsafe { (&mut *names.cast::<Vec<String>>(), CStr::from_ptr(from)) };
    let name = from.to_string_lossy().into_owned();
    // Only the digests a provider implements (node filters the same way), looked up by the
    // method's canonical name since legacy aliases (RSA-SHA256) are not fetchable names.
    // SAFETY: a plain query of a live digest method; OBJ_nid2sn gives a static C string or null.
    let canonical = unsafe { ffi::OBJ_nid2sn(ffi::EVP_MD_get_type(md)) };
    let fetched = !canonical.is_null() && {
        // SAFETY: fetches and frees a digest method by name.
        unsafe {
            let fetched = ffi::EVP_MD_fetch(std::ptr::null_mut(), canonical, std::ptr::null());
            let found = !fetched.is_null();
            ffi::EVP_MD_free(fetched);
            found
        }
    };
    if fetched {
        names.push(name);
    }
}

/// hashNames(): OpenSSL's digest names, as `getHashes()` lists them.
pub(super) fn hash_names(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let mut names: Vec<String> = Vec::new();
    // SAFETY: the callback only appends to `names`, which outlives the call.
    unsafe { EVP_MD_do_all_sorted(collect_digest_name, (&mut names as *mut Vec<String>).cast()) };
    // Drops the errors of the methods that could not be fetched.
    ErrorStack::get();
    let names: Vec<_> = names.iter().map(|name| v8::String::new(scope, name).unwrap().into()).collect();
    rv.set(v8::Array::new_with_elements(scope, &names).into());
}

/// digestInfo(name): [size, isXof] of a digest, or undefined when OpenSSL does not know it.
pub(super) fn digest_info(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let name = arg_string(scope, &args, 0);
    let Some(digest) = digest_named(&name) else { return };
    let size = v8::Number::new(scope, digest.size() as f64).into();
    let xof = v8::Boolean::new(scope, is_xof(digest)).into();
    rv.set(v8::Array::new_with_elements(scope, &[size, xof]).into());
}
