//! Native half of `crypto`: message digests and HMACs (RustCrypto's hashes), PBKDF2, and
//! the kernel's random bytes.

use std::cell::RefCell;

use digest::DynDigest;
use hmac::{Hmac, Mac};

use super::bindings::{arg_string, uint8_array};
use super::os::bytes_of;

/// Calls `$body` with `$ty` bound to the hash type named `$name` (node's names); `$none` when
/// no such hash is supported.
macro_rules! with_hash {
    ($name:expr, $ty:ident => $body:expr, $none:expr) => {
        match $name {
            "md5" => { type $ty = md5::Md5; $body }
            "sha1" => { type $ty = sha1::Sha1; $body }
            "sha224" => { type $ty = sha2::Sha224; $body }
            "sha256" => { type $ty = sha2::Sha256; $body }
            "sha384" => { type $ty = sha2::Sha384; $body }
            "sha512" => { type $ty = sha2::Sha512; $body }
            "sha512-224" => { type $ty = sha2::Sha512_224; $body }
            "sha512-256" => { type $ty = sha2::Sha512_256; $body }
            "sha3-224" => { type $ty = sha3::Sha3_224; $body }
            "sha3-256" => { type $ty = sha3::Sha3_256; $body }
            "sha3-384" => { type $ty = sha3::Sha3_384; $body }
            "sha3-512" => { type $ty = sha3::Sha3_512; $body }
            _ => $none,
        }
    };
}

/// The hash names `with_hash` knows, as `crypto.getHashes()` lists them.
const HASHES: &[&str] = &[
    "md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512-224", "sha512-256", "sha3-224", "sha3-256", "sha3-384", "sha3-512",
];

/// A digest or HMAC being computed: a Hash or Hmac object's state, by id.
type Hasher = Box<dyn DynDigest>;

thread_local! {
    static HASHERS: RefCell<Vec<Option<Hasher>>> = const { RefCell::new(Vec::new()) };
}

fn new_hasher(algorithm: &str, key: Option<&[u8]>) -> Option<Hasher> {
    with_hash!(algorithm, H => Some(match key {
        None => Box::new(H::default()) as Hasher,
        Some(key) => Box::new(Hmac::<H>::new_from_slice(key).ok()?),
    }), None)
}

/// Keeps a hasher; its id.
fn keep(hasher: Hasher) -> f64 {
    HASHERS.with(|hashers| {
        let mut hashers = hashers.borrow_mut();
        let id = hashers.iter().position(Option::is_none).unwrap_or_else(|| {
            hashers.push(None);
            hashers.len() - 1
        });
        hashers[id] = Some(hasher);
        id as f64
    })
}

fn with_hasher<R>(scope: &mut v8::PinScope, id: v8::Local<v8::Value>, f: impl FnOnce(&mut Option<Hasher>) -> R) -> Option<R> {
    let id = id.uint32_value(scope)? as usize;
    HASHERS.with(|hashers| hashers.borrow_mut().get_mut(id).map(f))
}

/// hashNew(algorithm, key): a new digest (an HMAC with a key)'s id; -1 for an unknown hash.
pub(super) fn hash_new(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let algorithm = arg_string(scope, &args, 0);
    let key = bytes_of(args.get(1));
    let id = new_hasher(&algorithm, key.as_deref()).map_or(-1.0, keep);
    rv.set(v8::Number::new(scope, id).into());
}

/// hashUpdate(id, view): feeds the view's bytes.
pub(super) fn hash_update(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(bytes) = bytes_of(args.get(1)) else { return };
    with_hasher(scope, args.get(0), |hasher| hasher.as_mut().map(|hasher| hasher.update(&bytes)));
}

/// hashCopy(id): a new id with a copy of the state.
pub(super) fn hash_copy(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let copy = with_hasher(scope, args.get(0), |hasher| hasher.as_ref().map(|hasher| hasher.box_clone())).flatten();
    rv.set(v8::Number::new(scope, copy.map_or(-1.0, keep)).into());
}

/// hashDigest(id): the digest as a Uint8Array; the id is freed.
pub(super) fn hash_digest(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let digest = with_hasher(scope, args.get(0), |hasher| hasher.take().map(|hasher| hasher.finalize().into_vec())).flatten();
    if let Some(digest) = digest {
        rv.set(uint8_array(scope, digest).into());
    }
}

/// hashFree(id): drops a state no digest was taken of (its object was collected).
pub(super) fn hash_free(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    with_hasher(scope, args.get(0), Option::take);
}

/// hashNames(): the supported hash names.
pub(super) fn hash_names(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let names: Vec<_> = HASHES.iter().map(|name| v8::String::new(scope, name).unwrap().into()).collect();
    rv.set(v8::Array::new_with_elements(scope, &names).into());
}

/// pbkdf2(password, salt, iterations, keylen, digest): the derived key, undefined for an
/// unknown digest.
pub(super) fn pbkdf2(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let (Some(password), Some(salt)) = (bytes_of(args.get(0)), bytes_of(args.get(1))) else { return };
    let iterations = args.get(2).uint32_value(scope).unwrap_or(1);
    let length = args.get(3).uint32_value(scope).unwrap_or(0) as usize;
    let digest = arg_string(scope, &args, 4);
    let mut key = vec![0u8; length];
    let derived = with_hash!(digest.as_str(), H => pbkdf2::pbkdf2::<Hmac<H>>(&password, &salt, iterations, &mut key).is_ok(), false);
    if derived {
        rv.set(uint8_array(scope, key).into());
    }
}

/// randomFill(view): fills the view with the kernel's random bytes.
pub(super) fn random_fill(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(args.get(0)) else { return };
    let (length, offset) = (view.byte_length(), view.byte_offset());
    let Some(buffer) = view.buffer(scope) else { return };
    let Some(data) = buffer.data() else { return };
    // SAFETY: the view's bytes lie inside its live buffer; nothing else runs meanwhile.
    let bytes = unsafe { std::slice::from_raw_parts_mut(data.as_ptr().cast::<u8>().add(offset), length) };
    fill_random(bytes);
}

fn fill_random(mut bytes: &mut [u8]) {
    while !bytes.is_empty() {
        // SAFETY: writes at most bytes.len() bytes into the slice.
        let written = unsafe { libc::getrandom(bytes.as_mut_ptr().cast(), bytes.len(), 0) };
        match written {
            n if n > 0 => bytes = &mut bytes[n as usize..],
            _ if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted => {}
            _ => panic!("getrandom failed: {}", std::io::Error::last_os_error()),
        }
    }
}
