//! Key derivation: PBKDF2, scrypt and HKDF, now (the *Sync forms) or off the JS thread.

use openssl::error::ErrorStack;
use openssl::pkey::Id;
use openssl::pkey_ctx::PkeyCtx;

use super::super::bindings::{arg_string, string};
use super::hash::digest_named;
use super::{owned_bytes, sync_or_job};

fn number(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> f64 {
    value.number_value(scope).unwrap_or(0.0)
}

/// pbkdf2(password, salt, iterations, keylen, digest[, request]): the derived key (JS checked
/// the digest).
pub(super) fn pbkdf2(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let password = owned_bytes(scope, args.get(0));
    let salt = owned_bytes(scope, args.get(1));
    let iterations = number(scope, args.get(2)) as usize;
    let length = number(scope, args.get(3)) as usize;
    let Some(digest) = digest_named(&arg_string(scope, &args, 4)) else { return };
    sync_or_job(scope, &args, &mut rv, 5, move || {
        let mut key = vec![0u8; length];
        openssl::pkcs5::pbkdf2_hmac(&password, &salt, iterations, digest, &mut key)?;
        Ok(key)
    });
}

/// scrypt(password, salt, keylen, N, r, p, maxmem[, request]): the derived key. With no
/// password (undefined) it only checks the parameters: OpenSSL's error text, or undefined.
pub(super) fn scrypt(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let length = number(scope, args.get(2)) as usize;
    let (n, r, p) = (number(scope, args.get(3)) as u64, number(scope, args.get(4)) as u64, number(scope, args.get(5)) as u64);
    let maxmem = number(scope, args.get(6)) as u64;
    if args.get(0).is_undefined() {
        ErrorStack::get();
        // SAFETY: with no output, EVP_PBE_scrypt only checks the parameters.
        let ok = unsafe {
            openssl_sys::EVP_PBE_scrypt(std::ptr::null(), 0, std::ptr::null(), 0, n, r, p, maxmem, std::ptr::null_mut(), 0)
        };
        if ok != 1 {
            let stack = ErrorStack::get();
            let text = stack.errors().last().map(|error| super::error_text(error.code())).unwrap_or_default();
            rv.set(string(scope, &text).into());
        }
        return;
    }
    let password = owned_bytes(scope, args.get(0));
    let salt = owned_bytes(scope, args.get(1));
    sync_or_job(scope, &args, &mut rv, 7, move || {
        let mut key = vec![0u8; length];
        openssl::pkcs5::scrypt(&password, &salt, n, r, p, maxmem, &mut key)?;
        Ok(key)
    });
}

/// hkdf(digest, key, salt, info, keylen[, request]): the derived key.
pub(super) fn hkdf(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(digest) = digest_named(&arg_string(scope, &args, 0)) else { return };
    let key = owned_bytes(scope, args.get(1));
    let salt = owned_bytes(scope, args.get(2));
    let info = owned_bytes(scope, args.get(3));
    let length = number(scope, args.get(4)) as usize;
    sync_or_job(scope, &args, &mut rv, 5, move || derive_hkdf(digest, &key, &salt, &info, length));
}

fn derive_hkdf(digest: openssl::hash::MessageDigest, key: &[u8], salt: &[u8], info: &[u8], length: usize) -> Result<Vec<u8>, ErrorStack> {
    let mut out = vec![0u8; length];
    if length == 0 {
        return Ok(out);
    }
    let md = openssl::md::Md::fetch(None, digest.type_().short_name()?, None)?;
    let mut context = PkeyCtx::new_id(Id::HKDF)?;
    context.derive_init()?;
    context.set_hkdf_md(&md)?;
    if key.is_empty() {
        // OpenSSL refuses empty input keying material, so the extract step is done here
        // (PRK = HMAC(salt, ""), the salt defaulting to zeros) and OpenSSL only expands.
        let salt = if salt.is_empty() { vec![0u8; digest.size()] } else { salt.to_vec() };
        let hmac_key = openssl::pkey::PKey::hmac(&salt)?;
        let prk = openssl::sign::Signer::new(digest, &hmac_key)?.sign_oneshot_to_vec(&[])?;
        context.set_hkdf_mode(openssl::pkey_ctx::HkdfMode::EXPAND_ONLY)?;
        context.set_hkdf_key(&prk)?;
    } else {
        context.set_hkdf_key(key)?;
        if !salt.is_empty() {
            context.set_hkdf_salt(salt)?;
        }
    }
    if !info.is_empty() {
        context.add_hkdf_info(info)?;
    }
    context.derive(Some(&mut out))?;
    Ok(out)
}
