//! crypto.Certificate's native half: Netscape SPKACs (a base64 SignedPublicKeyAndChallenge, as
//! `<keygen>` made them) read by OpenSSL: their signature checked, their public key as PEM,
//! their challenge.

use std::ffi::{c_char, c_int, c_void};

use foreign_types::ForeignType;
use openssl::error::ErrorStack;
use openssl::pkey::{PKey, Public};
use openssl_sys as ffi;

use super::super::bindings::uint8_array;
use super::owned_bytes;

/// OpenSSL's public NETSCAPE_SPKI and NETSCAPE_SPKAC structures (x509.h), as far as read here.
#[repr(C)]
struct Spki {
    spkac: *mut Spkac,
}

#[repr(C)]
struct Spkac {
    pubkey: *mut c_void,
    challenge: *mut ffi::ASN1_STRING,
}

extern "C" {
    fn NETSCAPE_SPKI_b64_decode(text: *const c_char, length: c_int) -> *mut Spki;
    fn NETSCAPE_SPKI_free(spki: *mut Spki);
    fn NETSCAPE_SPKI_get_pubkey(spki: *mut Spki) -> *mut ffi::EVP_PKEY;
    fn NETSCAPE_SPKI_verify(spki: *mut Spki, key: *mut ffi::EVP_PKEY) -> c_int;
}

/// A decoded SPKAC, freed on drop.
struct DecodedSpkac(*mut Spki);

impl Drop for DecodedSpkac {
    fn drop(&mut self) {
        // SAFETY: made by NETSCAPE_SPKI_b64_decode and freed once.
        unsafe { NETSCAPE_SPKI_free(self.0) }
    }
}

impl DecodedSpkac {
    /// The SPKAC in base64 (trailing whitespace, as files end, left out); None when it isn't one.
    fn decode(text: &[u8]) -> Option<DecodedSpkac> {
        let end = text.iter().rposition(|byte| !byte.is_ascii_whitespace()).map_or(0, |last| last + 1);
        let length = c_int::try_from(end).ok().filter(|length| *length > 0)?;
        // SAFETY: reads `length` bytes of the live slice.
        let spki = unsafe { NETSCAPE_SPKI_b64_decode(text.as_ptr().cast(), length) };
        ErrorStack::get();
        (!spki.is_null()).then_some(DecodedSpkac(spki))
    }

    fn public_key(&self) -> Option<PKey<Public>> {
        // SAFETY: a new reference to the SPKAC's key, owned by the returned PKey.
        let key = unsafe { NETSCAPE_SPKI_get_pubkey(self.0) };
        ErrorStack::get();
        // SAFETY: the key is ours to own.
        (!key.is_null()).then(|| unsafe { PKey::from_ptr(key) })
    }

    fn challenge(&self) -> Option<Vec<u8>> {
        // SAFETY: a decoded SPKI always has its SPKAC; the challenge string is owned by it and
        // read before it is freed.
        unsafe {
            let spkac = (*self.0).spkac;
            if spkac.is_null() || (*spkac).challenge.is_null() {
                return None;
            }
            let challenge = (*spkac).challenge;
            let data = ffi::ASN1_STRING_get0_data(challenge);
            let length = ffi::ASN1_STRING_length(challenge) as usize;
            Some(std::slice::from_raw_parts(data, length).to_vec())
        }
    }
}

/// certVerifySpkac(bytes): whether the SPKAC's signature verifies with its own key.
pub(super) fn cert_verify_spkac(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let bytes = owned_bytes(scope, args.get(0));
    let verified = DecodedSpkac::decode(&bytes).is_some_and(|spkac| {
        spkac.public_key().is_some_and(|key| {
            // SAFETY: both live; the check only reads them.
            let result = unsafe { NETSCAPE_SPKI_verify(spkac.0, key.as_ptr()) };
            ErrorStack::get();
            result > 0
        })
    });
    rv.set(v8::Boolean::new(scope, verified).into());
}

/// certExportPublicKey(bytes): the SPKAC's public key as SPKI PEM, or undefined.
pub(super) fn cert_export_public_key(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let bytes = owned_bytes(scope, args.get(0));
    let pem = DecodedSpkac::decode(&bytes).and_then(|spkac| spkac.public_key()).and_then(|key| key.public_key_to_pem().ok());
    ErrorStack::get();
    if let Some(pem) = pem {
        rv.set(uint8_array(scope, pem).into());
    }
}

/// certExportChallenge(bytes): the SPKAC's challenge bytes, or undefined.
pub(super) fn cert_export_challenge(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let bytes = owned_bytes(scope, args.get(0));
    if let Some(challenge) = DecodedSpkac::decode(&bytes).and_then(|spkac| spkac.challenge()) {
        rv.set(uint8_array(scope, challenge).into());
    }
}
