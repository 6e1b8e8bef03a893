//! X509Certificate's native half: certificates parsed from PEM or DER and kept by id, their
//! fields as node prints them (names in OpenSSL's multiline form, dates as ASN1_TIME_print),
//! host/email/IP matching with OpenSSL's X509_check_* flags, issuance, key checks and
//! signature verification. The legacy object is tls's (peer certificates share it).

use std::cell::RefCell;
use std::ffi::{c_char, c_int, c_uint, c_ulong, CString};

use foreign_types::ForeignTypeRef;
use openssl::asn1::Asn1Time;
use openssl::error::ErrorStack;
use openssl::hash::MessageDigest;
use openssl::x509::{X509NameRef, X509};
use openssl_sys as ffi;

use super::super::bindings::{arg_string, string, uint8_array};
use super::super::tls::{certificate_object, ext_key_usage, general_name_text, hex_colon, info_access_text, oid_text};
use super::keys::{keep, key_of, AsymmetricKey};
use super::throw_openssl;

extern "C" {
    fn X509_NAME_print_ex(out: *mut ffi::BIO, name: *const ffi::X509_NAME, indent: c_int, flags: c_ulong) -> c_int;
    fn X509_check_host(cert: *mut ffi::X509, name: *const c_char, len: usize, flags: c_uint, peername: *mut *mut c_char) -> c_int;
    fn X509_check_email(cert: *mut ffi::X509, address: *const c_char, len: usize, flags: c_uint) -> c_int;
    fn X509_check_ip_asc(cert: *mut ffi::X509, address: *const c_char, flags: c_uint) -> c_int;
    fn X509_check_ca(cert: *mut ffi::X509) -> c_int;
    fn X509_check_issued(issuer: *mut ffi::X509, subject: *mut ffi::X509) -> c_int;
    fn X509_check_private_key(cert: *const ffi::X509, key: *const ffi::EVP_PKEY) -> c_int;
    fn CRYPTO_free(pointer: *mut std::ffi::c_void, file: *const c_char, line: c_int);
}

// node's kX509NameFlagsMultiline: RFC 2253 escapes, control characters escaped, UTF-8 output,
// one "SN=value" per line.
const NAME_FLAGS_MULTILINE: c_ulong = 0x1 | 0x2 | 0x10 | (4 << 16);

thread_local! {
    static CERTIFICATES: RefCell<Vec<Option<X509>>> = const { RefCell::new(Vec::new()) };
}

fn keep_certificate(cert: X509) -> f64 {
    CERTIFICATES.with(|certs| {
        let mut certs = certs.borrow_mut();
        let id = certs.iter().position(Option::is_none).unwrap_or_else(|| {
            certs.push(None);
            certs.len() - 1
        });
        certs[id] = Some(cert);
        id as f64
    })
}

fn certificate_of(scope: &mut v8::PinScope, id: v8::Local<v8::Value>) -> Option<X509> {
    let id = id.uint32_value(scope)? as usize;
    CERTIFICATES.with(|certs| certs.borrow().get(id).cloned().flatten())
}

/// PEM first, then DER; a failure reports what PEM's reader said (node reports the earliest
/// error).
fn parse(data: &[u8]) -> Result<X509, ErrorStack> {
    ErrorStack::get();
    match X509::from_pem(data) {
        Ok(cert) => Ok(cert),
        Err(pem_error) => {
            let der = X509::from_der(data);
            ErrorStack::get();
            der.map_err(|_| pem_error)
        }
    }
}

/// x509Parse(bytes): a certificate's id; throws OpenSSL's error.
pub(super) fn x509_parse(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let data = super::owned_bytes(scope, args.get(0));
    match parse(&data) {
        Ok(cert) => rv.set(v8::Number::new(scope, keep_certificate(cert)).into()),
        Err(stack) => throw_openssl(scope, &stack, "Failed to parse certificate"),
    }
}

/// x509Free(id): drops a certificate whose object was collected.
pub(super) fn x509_free(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(id) = args.get(0).uint32_value(scope) else { return };
    CERTIFICATES.with(|certs| certs.borrow_mut().get_mut(id as usize).map(Option::take));
}

fn name_text(name: &X509NameRef) -> Option<String> {
    // SAFETY: prints a live name into a memory BIO of our own, copies its bytes, frees it.
    unsafe {
        let bio = ffi::BIO_new(ffi::BIO_s_mem());
        if bio.is_null() {
            return None;
        }
        let written = X509_NAME_print_ex(bio, name.as_ptr(), 0, NAME_FLAGS_MULTILINE);
        let mut data: *mut c_char = std::ptr::null_mut();
        let len = ffi::BIO_ctrl(bio, ffi::BIO_CTRL_INFO, 0, (&mut data as *mut *mut c_char).cast());
        let text = (written > 0 && !data.is_null()).then(|| String::from_utf8_lossy(std::slice::from_raw_parts(data.cast::<u8>(), len as usize)).into_owned());
        ffi::BIO_free_all(bio);
        ErrorStack::get();
        text
    }
}

/// Milliseconds since the epoch of an ASN.1 time.
fn time_millis(time: &openssl::asn1::Asn1TimeRef) -> Option<f64> {
    let epoch = Asn1Time::from_unix(0).ok()?;
    let diff = epoch.diff(time).ok()?;
    Some((diff.days as f64 * 86400.0 + diff.secs as f64) * 1000.0)
}

fn text<'s>(scope: &mut v8::PinScope<'s, '_>, value: Option<String>) -> Option<v8::Local<'s, v8::Value>> {
    value.map(|value| string(scope, &value).into())
}

/// x509Field(id, name): one of the certificate's fields; undefined when it has none.
pub(super) fn x509_field(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(cert) = certificate_of(scope, args.get(0)) else { return };
    let field = arg_string(scope, &args, 1);
    let value: Option<v8::Local<v8::Value>> = match field.as_str() {
        "subject" => text(scope, name_text(cert.subject_name())),
        "issuer" => text(scope, name_text(cert.issuer_name())),
        "subjectAltName" => {
            let names = cert.subject_alt_names().map(|names| names.iter().filter_map(general_name_text).collect::<Vec<_>>().join(", "));
            text(scope, names)
        }
        "infoAccess" => text(scope, info_access_text(&cert)),
        "validFrom" => text(scope, Some(cert.not_before().to_string())),
        "validTo" => text(scope, Some(cert.not_after().to_string())),
        "validFromDate" => time_millis(cert.not_before()).map(|ms| v8::Number::new(scope, ms).into()),
        "validToDate" => time_millis(cert.not_after()).map(|ms| v8::Number::new(scope, ms).into()),
        "fingerprint" | "fingerprint256" | "fingerprint512" => {
            let digest = match field.as_str() {
                "fingerprint" => MessageDigest::sha1(),
                "fingerprint256" => MessageDigest::sha256(),
                _ => MessageDigest::sha512(),
            };
            text(scope, cert.digest(digest).ok().map(|bytes| hex_colon(&bytes)))
        }
        "keyUsage" => {
            let usages = ext_key_usage(&cert);
            if usages.is_empty() {
                None
            } else {
                let values: Vec<v8::Local<v8::Value>> = usages.iter().map(|oid| string(scope, oid).into()).collect();
                Some(v8::Array::new_with_elements(scope, &values).into())
            }
        }
        "serialNumber" => text(scope, cert.serial_number().to_bn().and_then(|bn| bn.to_hex_str().map(|s| s.to_string())).ok()),
        "signatureAlgorithm" => text(scope, cert.signature_algorithm().object().nid().long_name().ok().map(str::to_string)),
        "signatureAlgorithmOid" => text(scope, Some(oid_text(cert.signature_algorithm().object().as_ptr()))),
        "raw" => cert.to_der().ok().map(|der| uint8_array(scope, der).into()),
        "pem" => text(scope, cert.to_pem().ok().map(|pem| String::from_utf8_lossy(&pem).into_owned())),
        // SAFETY: X509_check_ca reads the certificate's extensions.
        "ca" => Some(v8::Boolean::new(scope, unsafe { X509_check_ca(cert.as_ptr()) } == 1).into()),
        "legacy" => Some(certificate_object(scope, &cert).into()),
        "publicKey" => match cert.public_key() {
            Ok(key) => Some(v8::Number::new(scope, keep(AsymmetricKey::Public(key))).into()),
            Err(stack) => return throw_openssl(scope, &stack, "Failed to get public key"),
        },
        _ => None,
    };
    ErrorStack::get();
    if let Some(value) = value {
        rv.set(value);
    }
}

/// x509Check(id, 'host'|'email'|'ip', value, flags): the matched name, undefined when none
/// matches; null when the IP address is not one.
pub(super) fn x509_check(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(cert) = certificate_of(scope, args.get(0)) else { return };
    let kind = arg_string(scope, &args, 1);
    let value = arg_string(scope, &args, 2);
    let flags = args.get(3).uint32_value(scope).unwrap_or(0);
    let Ok(c_value) = CString::new(value.clone()) else { return };
    let mut peername: *mut c_char = std::ptr::null_mut();
    // SAFETY: the checks read the live certificate; peername, when set, is OpenSSL's string,
    // freed below.
    let result = unsafe {
        match kind.as_str() {
            "host" => X509_check_host(cert.as_ptr(), c_value.as_ptr(), value.len(), flags, &mut peername),
            "email" => X509_check_email(cert.as_ptr(), c_value.as_ptr(), value.len(), flags),
            _ => X509_check_ip_asc(cert.as_ptr(), c_value.as_ptr(), flags),
        }
    };
    ErrorStack::get();
    let matched = if peername.is_null() {
        value
    } else {
        // SAFETY: a NUL-terminated string OpenSSL allocated for us.
        let name = unsafe { std::ffi::CStr::from_ptr(peername) }.to_string_lossy().into_owned();
        // SAFETY: frees OpenSSL's allocation once.
        unsafe { CRYPTO_free(peername.cast(), c"x509.rs".as_ptr(), 0) };
        name
    };
    match result {
        1 => rv.set(string(scope, &matched).into()),
        -2 => rv.set(v8::null(scope).into()),
        _ => {}
    }
}

/// x509CheckIssued(id, otherId): whether `other` issued this certificate.
pub(super) fn x509_check_issued(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let (Some(cert), Some(issuer)) = (certificate_of(scope, args.get(0)), certificate_of(scope, args.get(1))) else { return };
    // SAFETY: compares two live certificates.
    let issued = unsafe { X509_check_issued(issuer.as_ptr(), cert.as_ptr()) } == 0;
    ErrorStack::get();
    rv.set(v8::Boolean::new(scope, issued).into());
}

/// x509CheckPrivateKey(id, keyId): whether the private key matches the certificate's.
pub(super) fn x509_check_private_key(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(cert) = certificate_of(scope, args.get(0)) else { return };
    let Some(key) = key_of(scope, args.get(1)) else { return };
    let AsymmetricKey::Private(key) = &*key else { return };
    // SAFETY: compares a live certificate's key with a live private key.
    let matches = unsafe { X509_check_private_key(cert.as_ptr(), key.as_ptr()) } == 1;
    ErrorStack::get();
    rv.set(v8::Boolean::new(scope, matches).into());
}

/// x509Verify(id, keyId): whether the certificate's signature verifies with the public key.
pub(super) fn x509_verify(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(cert) = certificate_of(scope, args.get(0)) else { return };
    let Some(key) = key_of(scope, args.get(1)) else { return };
    let valid = key.public().and_then(|public| cert.verify(&public)).unwrap_or(false);
    ErrorStack::get();
    rv.set(v8::Boolean::new(scope, valid).into());
}
