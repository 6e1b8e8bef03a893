//! Native half of `crypto`, on OpenSSL (the `openssl` crate over the system's libcrypto 3, as
//! node is built on OpenSSL): message digests and HMACs (hash), key derivation (kdf), ciphers
//! (cipher) and random bytes (random). Failures throw node's OpenSSL errors (`ERR_OSSL_*` codes
//! with OpenSSL's reason strings); the async forms run on tokio's blocking pool and complete
//! on the loop through the internal `cryptoJobDone`.

mod cipher;
mod dh;
pub(super) mod engine;
mod hash;
mod kdf;
mod kem;
mod keys;
mod random;
mod rsa;
mod spkac;
mod x509;
mod webcrypto;

use std::ffi::{c_char, c_int, c_ulong, CStr};

use openssl::error::ErrorStack;

use super::bindings::{binding_object, set_property, string, uint8_array};
use super::internals::Internal;
use super::RuntimeState;

extern "C" {
    fn ERR_error_string_n(error: c_ulong, buf: *mut c_char, len: usize);
}

/// OpenSSL's libraries node names in its error codes (`ERR_OSSL_EVP_...`, tls's `ERR_SSL_...`);
/// others (the providers') give `ERR_OSSL_<REASON>`.
pub(super) fn library_prefix(library: c_int) -> &'static str {
    match library {
        2 => "SYS_",
        3 => "BN_",
        4 => "RSA_",
        5 => "DH_",
        6 => "EVP_",
        7 => "BUF_",
        8 => "OBJ_",
        9 => "PEM_",
        10 => "DSA_",
        11 => "X509_",
        13 => "ASN1_",
        14 => "CONF_",
        15 => "CRYPTO_",
        16 => "EC_",
        20 => "SSL_",
        32 => "BIO_",
        33 => "PKCS7_",
        34 => "X509V3_",
        35 => "PKCS12_",
        36 => "RAND_",
        37 => "DSO_",
        38 => "ENGINE_",
        39 => "OCSP_",
        40 => "UI_",
        41 => "COMP_",
        42 => "ECDSA_",
        43 => "ECDH_",
        44 => "OSSL_STORE_",
        45 => "FIPS_",
        46 => "CMS_",
        47 => "TS_",
        48 => "HMAC_",
        50 => "CT_",
        51 => "ASYNC_",
        52 => "KDF_",
        53 => "SM2_",
        128 => "USER_",
        _ => "",
    }
}

/// OpenSSL's text for an error code: "error:1C800064:Provider routines::bad decrypt".
fn error_text(code: c_ulong) -> String {
    let mut buffer = [0 as c_char; 256];
    // SAFETY: writes at most buffer.len() bytes, NUL-terminated.
    unsafe {
        ERR_error_string_n(code, buffer.as_mut_ptr(), buffer.len());
        CStr::from_ptr(buffer.as_ptr()).to_string_lossy().into_owned()
    }
}

/// Node's Error for OpenSSL's error queue: the earliest error's text as message, with
/// `library`, `reason`, `code` and, when there are more, `opensslErrorStack` (the others,
/// latest first).
pub(super) fn openssl_error<'s>(scope: &mut v8::PinScope<'s, '_>, stack: &ErrorStack, fallback: &str) -> v8::Local<'s, v8::Value> {
    let Some(first) = stack.errors().first() else {
        let message = string(scope, fallback);
        return v8::Exception::error(scope, message);
    };
    let message = string(scope, &error_text(first.code()));
    let error = v8::Exception::error(scope, message);
    let object = error.to_object(scope).unwrap();
    // The properties are set as node's Decorate sets them: an inherited setter that throws
    // makes its error the one thrown.
    let thrown = {
        v8::tc_scope!(let tc, scope);
        decorate_openssl_error(tc, object, stack);
        tc.exception().map(|exception| v8::Global::new(tc, exception))
    };
    match thrown {
        Some(exception) => v8::Local::new(scope, exception),
        None => error,
    }
}

fn decorate_openssl_error(scope: &mut v8::PinScope, object: v8::Local<v8::Object>, stack: &ErrorStack) -> Option<()> {
    let set = |scope: &mut v8::PinScope, name: &str, value: v8::Local<v8::Value>| {
        let key = string(scope, name);
        object.set(scope, key.into(), value).map(|_| ())
    };
    let (first, others) = stack.errors().split_first()?;
    if !others.is_empty() {
        let others: Vec<_> = others.iter().rev().map(|other| string(scope, &error_text(other.code())).into()).collect();
        let list = v8::Array::new_with_elements(scope, &others);
        set(scope, "opensslErrorStack", list.into())?;
    }
    if let Some(library) = first.library() {
        let value = string(scope, library).into();
        set(scope, "library", value)?;
    }
    if let Some(reason) = first.reason() {
        let value = string(scope, reason).into();
        set(scope, "reason", value)?;
        let upper: String = reason.chars().map(|c| if c == ' ' { '_' } else { c.to_ascii_uppercase() }).collect();
        let library = library_prefix(first.library_code());
        let prefix = if library == "SSL_" { "" } else { "OSSL_" };
        let value = string(scope, &format!("ERR_{prefix}{library}{upper}")).into();
        set(scope, "code", value)?;
    }
    Some(())
}

pub(super) fn throw_openssl(scope: &mut v8::PinScope, stack: &ErrorStack, fallback: &str) {
    let error = openssl_error(scope, stack, fallback);
    scope.throw_exception(error);
}

/// A view's bytes in place (valid while no JS runs).
pub(super) fn view_bytes<'a>(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Option<&'a mut [u8]> {
    let view = v8::Local::<v8::ArrayBufferView>::try_from(value).ok()?;
    let (offset, length) = (view.byte_offset(), view.byte_length());
    if length == 0 {
        return Some(&mut []);
    }
    let data = view.buffer(scope)?.data()?;
    // SAFETY: the view's bytes lie inside its live buffer; callers use them before JS runs again.
    Some(unsafe { std::slice::from_raw_parts_mut(data.as_ptr().cast::<u8>().add(offset), length) })
}

/// A view's bytes, copied (for work off the JS thread).
pub(super) fn owned_bytes(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Vec<u8> {
    view_bytes(scope, value).map(|bytes| bytes.to_vec()).unwrap_or_default()
}

/// Runs `work` off the JS thread, then calls the internal `cryptoJobDone(request, error,
/// bytes)` on the loop.
pub(super) fn run_job(scope: &mut v8::PinScope, request: f64, work: impl FnOnce() -> Result<Vec<u8>, ErrorStack> + Send + 'static) {
    RuntimeState::get(scope).run_pool_work("crypto", work, move |scope, result| {
        let request = v8::Number::new(scope, request).into();
        let (error, bytes) = match result {
            Ok(bytes) => (v8::undefined(scope).into(), uint8_array(scope, bytes).into()),
            Err(stack) => (openssl_error(scope, &stack, "Job failed"), v8::undefined(scope).into()),
        };
        super::call_internal(scope, Internal::CryptoJobDone, &[request, error, bytes]);
    });
}

/// Either the sync result (returned) or the async job (started) of a derivation: with a
/// request id (argument `request_index`) runs off the thread, else now.
pub(super) fn sync_or_job(
    scope: &mut v8::PinScope,
    args: &v8::FunctionCallbackArguments,
    rv: &mut v8::ReturnValue,
    request_index: i32,
    work: impl FnOnce() -> Result<Vec<u8>, ErrorStack> + Send + 'static,
) {
    let request = args.get(request_index);
    if request.is_number() {
        let request = request.number_value(scope).unwrap_or(0.0);
        run_job(scope, request, work);
        return;
    }
    super::event_loop::report_sync_io(scope);
    match work() {
        Ok(bytes) => rv.set(uint8_array(scope, bytes).into()),
        Err(stack) => throw_openssl(scope, &stack, "Job failed"),
    }
}

/// crypto(): the crypto binding object.
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "hashNew" => hash::hash_new,
        "hashUpdate" => hash::hash_update,
        "hashCopy" => hash::hash_copy,
        "hashDigest" => hash::hash_digest,
        "hashFree" => hash::hash_free,
        "hashOneShot" => hash::hash_one_shot,
        "hashNames" => hash::hash_names,
        "digestInfo" => hash::digest_info,
        "pbkdf2" => kdf::pbkdf2,
        "scrypt" => kdf::scrypt,
        "hkdf" => kdf::hkdf,
        "cipherNew" => cipher::cipher_new,
        "cipherUpdate" => cipher::cipher_update,
        "cipherFinal" => cipher::cipher_final,
        "cipherSetAAD" => cipher::cipher_set_aad,
        "cipherGetAuthTag" => cipher::cipher_get_auth_tag,
        "cipherSetAuthTag" => cipher::cipher_set_auth_tag,
        "cipherSetAutoPadding" => cipher::cipher_set_auto_padding,
        "cipherFree" => cipher::cipher_free,
        "cipherNames" => cipher::cipher_names,
        "cipherInfo" => cipher::cipher_info,
        "curveNames" => cipher::curve_names,
        "randomFill" => random::random_fill,
        "randomBytesJob" => random::random_bytes_job,
        "primeGenerate" => random::prime_generate,
        "primeCheck" => random::prime_check,
        "keyImport" => keys::key_import,
        "keyExport" => keys::key_export,
        "keyPublic" => keys::key_public,
        "keyInfo" => keys::key_info,
        "keyEquals" => keys::key_equals,
        "keyGenerate" => keys::key_generate,
        "keyFree" => keys::key_free,
        "sign" => keys::sign,
        "verify" => keys::verify,
        "webDigest" => webcrypto::web_digest,
        "webHmac" => webcrypto::web_hmac,
        "webCshake" => webcrypto::web_cshake,
        "webKmac" => webcrypto::web_kmac,
        "keyValid" => webcrypto::key_valid,
        "webAes" => webcrypto::web_aes,
        "webRsaOaep" => webcrypto::web_rsa_oaep,
        "webSign" => webcrypto::web_sign,
        "webVerify" => webcrypto::web_verify,
        "webDeriveShared" => webcrypto::web_derive_shared,
        "keyFromRaw" => webcrypto::key_from_raw_bytes,
        "keyToRaw" => webcrypto::key_to_raw_bytes,
        "keyFromComponents" => webcrypto::key_from_components_binding,
        "keyComponents" => webcrypto::key_components,
        "rsaCipher" => rsa::rsa_cipher,
        "dhGenerateGroup" => dh::dh_generate_group,
        "dhCheck" => dh::dh_check,
        "dhGenerateKeys" => dh::dh_generate_keys,
        "dhComputeSecret" => dh::dh_compute_secret,
        "dhGroupPrime" => dh::dh_group_prime,
        "ecdhCurve" => dh::ecdh_curve,
        "ecdhGenerateKeys" => dh::ecdh_generate_keys,
        "ecdhPublicOf" => dh::ecdh_public_of,
        "ecdhConvert" => dh::ecdh_convert,
        "ecdhComputeSecret" => dh::ecdh_compute_secret,
        "diffieHellmanKeys" => dh::diffie_hellman_keys,
        "x509Parse" => x509::x509_parse,
        "x509Free" => x509::x509_free,
        "x509Field" => x509::x509_field,
        "x509Check" => x509::x509_check,
        "x509CheckIssued" => x509::x509_check_issued,
        "x509CheckPrivateKey" => x509::x509_check_private_key,
        "x509Verify" => x509::x509_verify,
        "kemEncapsulate" => kem::kem_encapsulate,
        "kemDecapsulate" => kem::kem_decapsulate,
        "certVerifySpkac" => spkac::cert_verify_spkac,
        "certExportPublicKey" => spkac::cert_export_public_key,
        "certExportChallenge" => spkac::cert_export_challenge,
        "constants" => constants,
        "fipsEnabled" => fips_enabled,
        "secureHeapUsed" => secure_heap_used,
        "setFips" => set_fips,
        "setEngine" => engine::set_engine,
    });
    rv.set(object.into());
}

/// constants(): crypto.constants' OpenSSL values (node's, from the library's headers).
fn constants(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    use openssl_sys as ffi;
    let object = v8::Object::new(scope);
    // SAFETY: a plain query of the linked library's version.
    let version = unsafe { ffi::OpenSSL_version_num() } as f64;
    // SSL_OP_ALLOW_NO_DHE_KEX and SSL_OP_NO_ENCRYPT_THEN_MAC are OpenSSL 3's values (openssl-sys
    // lacks them); SSL_OP_NO_SSLv2 is 0 since OpenSSL 1.1.
    let values: &[(&str, f64)] = &[
        ("OPENSSL_VERSION_NUMBER", version),
        ("SSL_OP_ALL", ffi::SSL_OP_ALL as f64),
        ("SSL_OP_ALLOW_NO_DHE_KEX", 0x400 as f64),
        ("SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION", ffi::SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION as f64),
        ("SSL_OP_CIPHER_SERVER_PREFERENCE", ffi::SSL_OP_CIPHER_SERVER_PREFERENCE as f64),
        ("SSL_OP_CISCO_ANYCONNECT", ffi::SSL_OP_CISCO_ANYCONNECT as f64),
        ("SSL_OP_COOKIE_EXCHANGE", ffi::SSL_OP_COOKIE_EXCHANGE as f64),
        ("SSL_OP_CRYPTOPRO_TLSEXT_BUG", ffi::SSL_OP_CRYPTOPRO_TLSEXT_BUG as f64),
        ("SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS", ffi::SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS as f64),
        ("SSL_OP_LEGACY_SERVER_CONNECT", ffi::SSL_OP_LEGACY_SERVER_CONNECT as f64),
        ("SSL_OP_NO_COMPRESSION", ffi::SSL_OP_NO_COMPRESSION as f64),
        ("SSL_OP_NO_ENCRYPT_THEN_MAC", 0x80000 as f64),
        ("SSL_OP_NO_QUERY_MTU", ffi::SSL_OP_NO_QUERY_MTU as f64),
        ("SSL_OP_NO_RENEGOTIATION", ffi::SSL_OP_NO_RENEGOTIATION as f64),
        ("SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION", ffi::SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION as f64),
        ("SSL_OP_NO_SSLv2", 0.0),
        ("SSL_OP_NO_SSLv3", ffi::SSL_OP_NO_SSLv3 as f64),
        ("SSL_OP_NO_TICKET", ffi::SSL_OP_NO_TICKET as f64),
        ("SSL_OP_NO_TLSv1", ffi::SSL_OP_NO_TLSv1 as f64),
        ("SSL_OP_NO_TLSv1_1", ffi::SSL_OP_NO_TLSv1_1 as f64),
        ("SSL_OP_NO_TLSv1_2", ffi::SSL_OP_NO_TLSv1_2 as f64),
        ("SSL_OP_NO_TLSv1_3", ffi::SSL_OP_NO_TLSv1_3 as f64),
        ("SSL_OP_PRIORITIZE_CHACHA", ffi::SSL_OP_PRIORITIZE_CHACHA as f64),
        ("SSL_OP_TLS_ROLLBACK_BUG", ffi::SSL_OP_TLS_ROLLBACK_BUG as f64),
        ("ENGINE_METHOD_RSA", 0x0001 as f64),
        ("ENGINE_METHOD_DSA", 0x0002 as f64),
        ("ENGINE_METHOD_DH", 0x0004 as f64),
        ("ENGINE_METHOD_RAND", 0x0008 as f64),
        ("ENGINE_METHOD_EC", 0x0800 as f64),
        ("ENGINE_METHOD_CIPHERS", 0x0040 as f64),
        ("ENGINE_METHOD_DIGESTS", 0x0080 as f64),
        ("ENGINE_METHOD_PKEY_METHS", 0x0200 as f64),
        ("ENGINE_METHOD_PKEY_ASN1_METHS", 0x0400 as f64),
        ("ENGINE_METHOD_ALL", 0xFFFF as f64),
        ("ENGINE_METHOD_NONE", 0.0),
        ("DH_CHECK_P_NOT_SAFE_PRIME", 0x02 as f64),
        ("DH_CHECK_P_NOT_PRIME", 0x01 as f64),
        ("DH_UNABLE_TO_CHECK_GENERATOR", 0x04 as f64),
        ("DH_NOT_SUITABLE_GENERATOR", 0x08 as f64),
        ("RSA_PKCS1_PADDING", ffi::RSA_PKCS1_PADDING as f64),
        ("RSA_NO_PADDING", ffi::RSA_NO_PADDING as f64),
        ("RSA_PKCS1_OAEP_PADDING", ffi::RSA_PKCS1_OAEP_PADDING as f64),
        ("RSA_X931_PADDING", 5.0),
        ("RSA_PKCS1_PSS_PADDING", ffi::RSA_PKCS1_PSS_PADDING as f64),
        ("RSA_PSS_SALTLEN_DIGEST", -1.0),
        ("RSA_PSS_SALTLEN_MAX_SIGN", -2.0),
        ("RSA_PSS_SALTLEN_AUTO", -2.0),
    ];
    for (name, value) in values {
        let value = v8::Number::new(scope, *value).into();
        set_property(scope, object, name, value);
    }
    rv.set(object.into());
}

/// Sets OpenSSL's secure heap up (node's --secure-heap), once, before any JS runs; as node,
/// a heap OpenSSL refuses is reported and the process goes on without it.
pub(super) fn init_secure_heap(size: i64, min_size: i64) {
    extern "C" {
        fn CRYPTO_secure_malloc_init(size: usize, min_size: usize) -> c_int;
    }
    // SAFETY: OpenSSL's process-wide secure heap, set up before any secret is allocated.
    match unsafe { CRYPTO_secure_malloc_init(size as usize, min_size as usize) } {
        0 => eprintln!("Unable to initialize openssl secure heap."),
        2 => eprintln!("Partial initialization of openssl secure heap."),
        _ => {}
    }
}

/// secureHeapUsed(): the bytes now allocated from the secure heap.
fn secure_heap_used(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    extern "C" {
        fn CRYPTO_secure_malloc_initialized() -> c_int;
        fn CRYPTO_secure_used() -> usize;
    }
    // SAFETY: queries of OpenSSL's secure heap; its use is read only once it is set up (its
    // lock does not exist before).
    let used = unsafe { if CRYPTO_secure_malloc_initialized() == 1 { CRYPTO_secure_used() } else { 0 } };
    rv.set(v8::Number::new(scope, used as f64).into());
}

/// fipsEnabled(): 1 when OpenSSL's default properties ask for the FIPS provider, else 0.
fn fips_enabled(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    // SAFETY: a query of the default library context.
    let enabled = unsafe { openssl_sys::EVP_default_properties_is_fips_enabled(std::ptr::null_mut()) };
    rv.set(v8::Integer::new(scope, enabled).into());
}

/// setFips(enable): sets whether the default properties ask for the FIPS provider; throws
/// OpenSSL's error when it cannot.
fn set_fips(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let enable = args.get(0).is_true() as c_int;
    // SAFETY: queries and sets the default library context's properties.
    let ok = unsafe {
        openssl_sys::EVP_default_properties_is_fips_enabled(std::ptr::null_mut()) == enable
            || (openssl_sys::EVP_default_properties_enable_fips(std::ptr::null_mut(), enable) == 1
                && openssl_sys::EVP_default_properties_is_fips_enabled(std::ptr::null_mut()) == enable)
    };
    if !ok {
        throw_openssl(scope, &ErrorStack::get(), "Error setting FIPS mode");
    }
}
