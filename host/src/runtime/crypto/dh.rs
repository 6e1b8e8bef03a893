//! Diffie-Hellman and ECDH for the DiffieHellman, DiffieHellmanGroup and ECDH classes: their
//! state (prime, generator, key bytes; curve, key bytes) lives in JS, each native takes it
//! and returns bytes. Also crypto.diffieHellman's agreement between two KeyObjects.

use std::ffi::c_int;

use foreign_types::ForeignTypeRef;
use openssl::bn::{BigNum, BigNumContext, BigNumRef};
use openssl::derive::Deriver;
use openssl::dh::Dh;
use openssl::ec::{EcGroup, EcKey, EcPoint, PointConversionForm};
use openssl::error::ErrorStack;
use openssl::pkey::{PKey, Params};

use super::super::bindings::{arg_string, uint8_array};
use super::keys::{curve_nid, key_of, AsymmetricKey};
use super::{owned_bytes, sync_or_job, throw_openssl};

extern "C" {
    fn DH_compute_key_padded(key: *mut u8, pub_key: *const openssl_sys::BIGNUM, dh: *mut openssl_sys::DH) -> c_int;
    fn DH_check_pub_key(dh: *const openssl_sys::DH, pub_key: *const openssl_sys::BIGNUM, codes: *mut c_int) -> c_int;
}

const ERR_LIB_DH: c_int = 5;
const DH_R_BAD_GENERATOR: c_int = 101;
const DH_R_MODULUS_TOO_SMALL: c_int = 126;

/// Throws OpenSSL's error for a reason of its DH library (as OpenSSL would raise it).
fn throw_dh_reason(scope: &mut v8::PinScope, reason: c_int) {
    // SAFETY: records one error on this thread's queue, which ErrorStack::get() then takes.
    unsafe {
        openssl_sys::ERR_new();
        openssl_sys::ERR_set_error(ERR_LIB_DH, reason, std::ptr::null());
    }
    throw_openssl(scope, &ErrorStack::get(), "Initialization failed");
}

fn pair<'s>(scope: &mut v8::PinScope<'s, '_>, first: Vec<u8>, second: Vec<u8>) -> v8::Local<'s, v8::Value> {
    let first = uint8_array(scope, first).into();
    let second = uint8_array(scope, second).into();
    v8::Array::new_with_elements(scope, &[first, second]).into()
}

/// dhGenerateGroup(primeBits, generator): [prime, generator] of new DH parameters; throws
/// OpenSSL's error (a modulus under 2 bits or a generator under 2 as OpenSSL names them).
pub(super) fn dh_generate_group(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let bits = args.get(0).int32_value(scope).unwrap_or(0);
    let generator = args.get(1).int32_value(scope).unwrap_or(0);
    if bits < 2 {
        return throw_dh_reason(scope, DH_R_MODULUS_TOO_SMALL);
    }
    if generator < 2 {
        return throw_dh_reason(scope, DH_R_BAD_GENERATOR);
    }
    ErrorStack::get();
    match Dh::generate_params(bits as u32, generator as u32) {
        Ok(dh) => {
            let (prime, generator) = (dh.prime_p().to_vec(), dh.generator().to_vec());
            rv.set(pair(scope, prime, generator));
        }
        Err(stack) => throw_openssl(scope, &stack, "Initialization failed"),
    }
}

fn dh_params(prime: &[u8], generator: &[u8]) -> Result<Dh<Params>, ErrorStack> {
    Dh::from_pqg(BigNum::from_slice(prime)?, None, BigNum::from_slice(generator)?)
}

/// dhCheck(prime, generator): DH_check's codes (verifyError); throws OpenSSL's "bad
/// generator" for a generator of 0 or 1.
pub(super) fn dh_check(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let prime = owned_bytes(scope, args.get(0));
    let generator = owned_bytes(scope, args.get(1));
    let Ok(g) = BigNum::from_slice(&generator) else { return };
    if g.num_bits() <= 1 {
        return throw_dh_reason(scope, DH_R_BAD_GENERATOR);
    }
    ErrorStack::get();
    let dh = match dh_params(&prime, &generator) {
        Ok(dh) => dh,
        Err(stack) => return throw_openssl(scope, &stack, "Initialization failed"),
    };
    let mut codes: c_int = 0;
    // SAFETY: a check of a live DH's parameters.
    let checked = unsafe { openssl_sys::DH_check(dh.as_ptr(), &mut codes) };
    if checked != 1 {
        return throw_openssl(scope, &ErrorStack::get(), "Initialization failed");
    }
    rv.set(v8::Integer::new(scope, codes).into());
}

/// dhGenerateKeys(prime, generator, privateKey|undefined): [publicKey, privateKey], a new
/// private key unless one is given; undefined when OpenSSL cannot.
pub(super) fn dh_generate_keys(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let prime = owned_bytes(scope, args.get(0));
    let generator = owned_bytes(scope, args.get(1));
    let private = args.get(2).is_array_buffer_view().then(|| owned_bytes(scope, args.get(2)));
    let keys = dh_params(&prime, &generator).and_then(|dh| match private {
        Some(private) => dh.set_private_key(BigNum::from_slice(&private)?),
        None => dh.generate_key(),
    });
    ErrorStack::get();
    if let Ok(keys) = keys {
        let (public, private) = (keys.public_key().to_vec(), keys.private_key().to_vec());
        rv.set(pair(scope, public, private));
    }
}

fn left_padded(mut bytes: Vec<u8>, size: usize) -> Vec<u8> {
    if bytes.len() < size {
        bytes.splice(0..0, std::iter::repeat_n(0, size - bytes.len()));
    }
    bytes
}

/// dhComputeSecret(prime, generator, privateKey, peerPublicKey): the shared secret padded to
/// the prime's size, or DH_check_pub_key's codes (a number) when the peer's key is not valid.
pub(super) fn dh_compute_secret(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let prime = owned_bytes(scope, args.get(0));
    let generator = owned_bytes(scope, args.get(1));
    let private = owned_bytes(scope, args.get(2));
    let peer = owned_bytes(scope, args.get(3));
    let result = (|| -> Result<Result<Vec<u8>, c_int>, ErrorStack> {
        let dh = dh_params(&prime, &generator)?;
        let peer = BigNum::from_slice(&peer)?;
        let mut codes: c_int = 0;
        // SAFETY: a check of a number against a live DH's parameters.
        let checked = unsafe { DH_check_pub_key(dh.as_ptr(), peer.as_ptr(), &mut codes) };
        if checked != 1 || codes != 0 {
            return Ok(Err(if checked != 1 { -1 } else { codes }));
        }
        let keys = dh.set_private_key(BigNum::from_slice(&private)?)?;
        // SAFETY: DH_size bytes for the secret, which DH_compute_key_padded fills.
        let secret = unsafe {
            let mut secret = vec![0u8; openssl_sys::DH_size(keys.as_ptr()) as usize];
            if DH_compute_key_padded(secret.as_mut_ptr(), peer.as_ptr(), keys.as_ptr()) < 0 {
                return Err(ErrorStack::get());
            }
            secret
        };
        Ok(Ok(secret))
    })();
    ErrorStack::get();
    match result {
        Ok(Ok(secret)) => rv.set(uint8_array(scope, secret).into()),
        Ok(Err(codes)) => rv.set(v8::Integer::new(scope, codes).into()),
        Err(_) => rv.set(v8::Integer::new(scope, -1).into()),
    }
}

/// The prime of a MODP group (RFC 2409, RFC 3526) by node's name.
pub(super) fn group_prime(name: &str) -> Option<Result<BigNum, ErrorStack>> {
    Some(match name {
        "modp1" => BigNum::get_rfc2409_prime_768(),
        "modp2" => BigNum::get_rfc2409_prime_1024(),
        "modp5" => BigNum::get_rfc3526_prime_1536(),
        "modp14" => BigNum::get_rfc3526_prime_2048(),
        "modp15" => BigNum::get_rfc3526_prime_3072(),
        "modp16" => BigNum::get_rfc3526_prime_4096(),
        "modp17" => BigNum::get_rfc3526_prime_6144(),
        "modp18" => BigNum::get_rfc3526_prime_8192(),
        _ => return None,
    })
}

/// dhGroupPrime(name): the prime of a MODP group by node's name, or undefined.
pub(super) fn dh_group_prime(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    if let Some(Ok(prime)) = group_prime(&arg_string(scope, &args, 0)) {
        rv.set(uint8_array(scope, prime.to_vec()).into());
    }
}

fn group_of(curve: &str) -> Result<EcGroup, ErrorStack> {
    let nid = curve_nid(curve).ok_or_else(ErrorStack::get)?;
    let group = EcGroup::from_curve_name(nid)?;
    Ok(group)
}

fn form_of(form: i32) -> PointConversionForm {
    match form {
        2 => PointConversionForm::COMPRESSED,
        6 => PointConversionForm::HYBRID,
        _ => PointConversionForm::UNCOMPRESSED,
    }
}

/// ecdhCurve(name): whether ECDH works on the named curve (an EC group with a curve name).
pub(super) fn ecdh_curve(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let valid = group_of(&arg_string(scope, &args, 0)).is_ok();
    ErrorStack::get();
    rv.set(v8::Boolean::new(scope, valid).into());
}

/// ecdhGenerateKeys(curve): [privateKey, uncompressed public point].
pub(super) fn ecdh_generate_keys(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let curve = arg_string(scope, &args, 0);
    let keys = (|| -> Result<(Vec<u8>, Vec<u8>), ErrorStack> {
        let group = group_of(&curve)?;
        let key = EcKey::generate(&group)?;
        let mut context = BigNumContext::new()?;
        let point = key.public_key().to_bytes(&group, PointConversionForm::UNCOMPRESSED, &mut context)?;
        Ok((key.private_key().to_vec(), point))
    })();
    match keys {
        Ok((private, public)) => rv.set(pair(scope, private, public)),
        Err(stack) => throw_openssl(scope, &stack, "Failed to generate key"),
    }
}

/// The public point of a private scalar, when the scalar is in [1, order).
fn public_of(group: &EcGroup, private: &BigNumRef) -> Result<Option<EcPoint>, ErrorStack> {
    let mut context = BigNumContext::new()?;
    let mut order = BigNum::new()?;
    group.order(&mut order, &mut context)?;
    if private.num_bits() == 0 || private.is_negative() || private >= &*order {
        return Ok(None);
    }
    let mut point = EcPoint::new(group)?;
    point.mul_generator2(group, private, &mut context)?;
    Ok(Some(point))
}

/// ecdhPublicOf(curve, privateKey): the uncompressed public point of a private key, or
/// undefined when the key is not valid for the curve.
pub(super) fn ecdh_public_of(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let curve = arg_string(scope, &args, 0);
    let private = owned_bytes(scope, args.get(1));
    let point = (|| -> Result<Option<Vec<u8>>, ErrorStack> {
        let group = group_of(&curve)?;
        let private = BigNum::from_slice(&private)?;
        let Some(point) = public_of(&group, &private)? else { return Ok(None) };
        let mut context = BigNumContext::new()?;
        Ok(Some(point.to_bytes(&group, PointConversionForm::UNCOMPRESSED, &mut context)?))
    })();
    ErrorStack::get();
    if let Ok(Some(point)) = point {
        rv.set(uint8_array(scope, point).into());
    }
}

/// ecdhConvert(curve, point, form 2|4|6): the point in that form, or undefined when the
/// bytes are not a point of the curve.
pub(super) fn ecdh_convert(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let curve = arg_string(scope, &args, 0);
    let bytes = owned_bytes(scope, args.get(1));
    let form = form_of(args.get(2).int32_value(scope).unwrap_or(4));
    let converted = (|| -> Result<Vec<u8>, ErrorStack> {
        let group = group_of(&curve)?;
        let mut context = BigNumContext::new()?;
        let point = EcPoint::from_bytes(&group, &bytes, &mut context)?;
        point.to_bytes(&group, form, &mut context)
    })();
    ErrorStack::get();
    if let Ok(point) = converted {
        rv.set(uint8_array(scope, point).into());
    }
}

/// ecdhComputeSecret(curve, privateKey, peerPoint): the shared secret (the x coordinate of
/// the product, the field's size), or undefined when the peer's point is not on the curve.
pub(super) fn ecdh_compute_secret(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let curve = arg_string(scope, &args, 0);
    let private = owned_bytes(scope, args.get(1));
    let peer = owned_bytes(scope, args.get(2));
    let secret = (|| -> Result<Vec<u8>, ErrorStack> {
        let group = group_of(&curve)?;
        let mut context = BigNumContext::new()?;
        let peer = EcPoint::from_bytes(&group, &peer, &mut context)?;
        let private = BigNum::from_slice(&private)?;
        let public = public_of(&group, &private)?.ok_or_else(ErrorStack::get)?;
        let own = EcKey::from_private_components(&group, &private, &public)?;
        let theirs = EcKey::from_public_key(&group, &peer)?;
        theirs.check_key()?;
        let own = PKey::from_ec_key(own)?;
        let theirs = PKey::from_ec_key(theirs)?;
        let mut deriver = Deriver::new(&own)?;
        deriver.set_peer(&theirs)?;
        deriver.derive_to_vec()
    })();
    ErrorStack::get();
    if let Ok(secret) = secret {
        rv.set(uint8_array(scope, secret).into());
    }
}

/// diffieHellmanKeys(privateId, publicId[, request]): the shared secret of two KeyObjects
/// (DH, EC, X25519, X448) now, or later; throws OpenSSL's error.
pub(super) fn diffie_hellman_keys(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let (Some(private), Some(public)) = (key_of(scope, args.get(0)), key_of(scope, args.get(1))) else { return };
    ErrorStack::get();
    sync_or_job(scope, &args, &mut rv, 2, move || derive(&private, &public));
}

/// The shared secret of a private key and a peer's key (its public half).
pub(super) fn derive(private: &AsymmetricKey, public: &AsymmetricKey) -> Result<Vec<u8>, ErrorStack> {
    let AsymmetricKey::Private(private) = private else { return Err(ErrorStack::get()) };
    let public = public.public()?;
    let mut deriver = Deriver::new(private)?;
    deriver.set_peer(&public)?;
    let secret = deriver.derive_to_vec()?;
    // A DH secret keeps the prime's size (OpenSSL 3 strips its leading zeros).
    let size = private.dh().map(|dh| dh.prime_p().num_bytes() as usize).unwrap_or(0);
    ErrorStack::get();
    Ok(left_padded(secret, size))
}
