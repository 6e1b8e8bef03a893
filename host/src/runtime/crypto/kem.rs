//! crypto.encapsulate/decapsulate: key encapsulation with OpenSSL's EVP_PKEY KEM operations
//! (RSASVE for RSA keys; DHKEM for EC and X25519/X448 where the OpenSSL has it).

use std::ffi::{c_char, c_int};

use foreign_types::ForeignType;
use openssl::error::ErrorStack;
use openssl::pkey::{HasPublic, Id, PKeyRef};
use openssl::pkey_ctx::PkeyCtx;
use openssl_sys as ffi;

use super::keys::{key_of, AsymmetricKey};
use super::sync_or_job;

extern "C" {
    fn EVP_PKEY_CTX_set_kem_op(ctx: *mut ffi::EVP_PKEY_CTX, op: *const c_char) -> c_int;
}

fn checked(result: c_int) -> Result<(), ErrorStack> {
    if result > 0 {
        Ok(())
    } else {
        Err(ErrorStack::get())
    }
}

/// A KEM context for the key: initialised by `init`, with the key type's operation set.
fn kem_context<T: HasPublic>(key: &PKeyRef<T>, init: unsafe extern "C" fn(*mut ffi::EVP_PKEY_CTX, *const ffi::OSSL_PARAM) -> c_int) -> Result<PkeyCtx<T>, ErrorStack> {
    let context = PkeyCtx::new(key)?;
    // SAFETY: the live context, initialised with no parameters.
    checked(unsafe { init(context.as_ptr(), std::ptr::null()) })?;
    let operation = match key.id() {
        Id::RSA => Some(c"RSASVE"),
        Id::EC | Id::X25519 | Id::X448 => Some(c"DHKEM"),
        _ => None,
    };
    if let Some(operation) = operation {
        // SAFETY: sets a named operation on the live, initialised context.
        checked(unsafe { EVP_PKEY_CTX_set_kem_op(context.as_ptr(), operation.as_ptr()) })?;
    }
    Ok(context)
}

/// The shared secret and its ciphertext, as `[shared length (4 bytes, big-endian)][shared][ciphertext]`.
fn encapsulate(key: &AsymmetricKey) -> Result<Vec<u8>, ErrorStack> {
    let public = key.public()?;
    let context = kem_context(&public, ffi::EVP_PKEY_encapsulate_init)?;
    let (mut ciphertext_length, mut shared_length) = (0usize, 0usize);
    // SAFETY: with null outputs OpenSSL only reports their sizes.
    checked(unsafe {
        ffi::EVP_PKEY_encapsulate(context.as_ptr(), std::ptr::null_mut(), &mut ciphertext_length, std::ptr::null_mut(), &mut shared_length)
    })?;
    let mut ciphertext = vec![0u8; ciphertext_length];
    let mut shared = vec![0u8; shared_length];
    // SAFETY: both outputs have the sizes OpenSSL asked for.
    checked(unsafe {
        ffi::EVP_PKEY_encapsulate(context.as_ptr(), ciphertext.as_mut_ptr(), &mut ciphertext_length, shared.as_mut_ptr(), &mut shared_length)
    })?;
    ciphertext.truncate(ciphertext_length);
    shared.truncate(shared_length);
    let mut out = (shared.len() as u32).to_be_bytes().to_vec();
    out.extend_from_slice(&shared);
    out.extend_from_slice(&ciphertext);
    Ok(out)
}

fn decapsulate(key: &AsymmetricKey, ciphertext: &[u8]) -> Result<Vec<u8>, ErrorStack> {
    let AsymmetricKey::Private(private) = key else { return Err(ErrorStack::get()) };
    let context = kem_context(private, ffi::EVP_PKEY_decapsulate_init)?;
    let mut shared_length = 0usize;
    // SAFETY: with a null output OpenSSL only reports its size.
    checked(unsafe {
        ffi::EVP_PKEY_decapsulate(context.as_ptr(), std::ptr::null_mut(), &mut shared_length, ciphertext.as_ptr(), ciphertext.len())
    })?;
    let mut shared = vec![0u8; shared_length];
    // SAFETY: the output has the size OpenSSL asked for; the ciphertext is read.
    checked(unsafe {
        ffi::EVP_PKEY_decapsulate(context.as_ptr(), shared.as_mut_ptr(), &mut shared_length, ciphertext.as_ptr(), ciphertext.len())
    })?;
    shared.truncate(shared_length);
    Ok(shared)
}

/// kemEncapsulate(id[, request]): encapsulate's packed result, now or through cryptoJobDone.
pub(super) fn kem_encapsulate(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(key) = key_of(scope, args.get(0)) else { return };
    sync_or_job(scope, &args, &mut rv, 1, move || encapsulate(&key));
}

/// kemDecapsulate(id, ciphertext[, request]): the shared secret, now or through cryptoJobDone.
pub(super) fn kem_decapsulate(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(key) = key_of(scope, args.get(0)) else { return };
    let ciphertext = super::owned_bytes(scope, args.get(1));
    sync_or_job(scope, &args, &mut rv, 2, move || decapsulate(&key, &ciphertext));
}
