//! Web Crypto's primitives (SubtleCrypto's jobs, run off the JS thread as node's are): digests,
//! HMAC, AES in CTR/CBC/GCM/KW, RSA-OAEP, signatures with Web Crypto's encodings (IEEE P1363
//! for ECDSA), ECDH/X25519/X448 agreement, and the key formats KeyObjects lack: raw EC points
//! and OKP keys, and JWK's components of RSA and EC keys; cSHAKE and KMAC (SP 800-185) over
//! OpenSSL's Keccak sponges, ChaCha20-Poly1305 and AES-OCB.

use openssl::aes::AesKey;
use openssl::bn::{BigNum, BigNumContext};
use openssl::ec::{EcGroup, EcKey, EcPoint, PointConversionForm};
use openssl::ecdsa::EcdsaSig;
use openssl::error::ErrorStack;
use openssl::hash::MessageDigest;
use openssl::md::Md;
use openssl::md_ctx::MdCtx;
use openssl::pkey::{Id, PKey};
use openssl::rsa::{Padding, Rsa};
use openssl::sign::{RsaPssSaltlen, Signer, Verifier};
use openssl::symm::{Cipher, Crypter, Mode};

use super::super::bindings::{arg_string, uint8_array};
use super::hash::digest_named;
use super::keys::{curve_nid, keep, key_of, AsymmetricKey};
use super::{owned_bytes, run_job, throw_openssl};

fn request_of(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, index: i32) -> f64 {
    args.get(index).number_value(scope).unwrap_or(0.0)
}

/// webDigest(name, data, request): the digest, later.
pub(super) fn web_digest(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(digest) = digest_named(&arg_string(scope, &args, 0)) else { return };
    let data = owned_bytes(scope, args.get(1));
    let request = request_of(scope, &args, 2);
    run_job(scope, request, move || Ok(openssl::hash::hash(digest, &data)?.to_vec()));
}

fn hmac(digest: MessageDigest, key: &[u8], data: &[u8]) -> Result<Vec<u8>, ErrorStack> {
    let key = PKey::hmac(key)?;
    Signer::new(digest, &key)?.sign_oneshot_to_vec(data)
}

/// webHmac(name, key, data, request): the HMAC, later.
pub(super) fn web_hmac(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(digest) = digest_named(&arg_string(scope, &args, 0)) else { return };
    let key = owned_bytes(scope, args.get(1));
    let data = owned_bytes(scope, args.get(2));
    let request = request_of(scope, &args, 3);
    run_job(scope, request, move || hmac(digest, &key, &data));
}

/// SP 800-185's left_encode (`prefix_length`) or right_encode of `value`: its big-endian bytes
/// without leading zeros (at least one), with their count before or after them.
fn length_encode(value: u64, prefix_length: bool) -> Vec<u8> {
    let bytes = value.to_be_bytes();
    let first = bytes.iter().position(|&byte| byte != 0).unwrap_or(7);
    let count = (8 - first) as u8;
    let mut out = Vec::with_capacity(9);
    if prefix_length {
        out.push(count);
    }
    out.extend_from_slice(&bytes[first..]);
    if !prefix_length {
        out.push(count);
    }
    out
}

/// encode_string of a string `bits` long (its bytes hold them, the last one's low bits unused).
fn encode_bit_string(bytes: &[u8], bits: u64) -> Vec<u8> {
    let mut out = length_encode(bits, true);
    out.extend_from_slice(bytes);
    out
}

fn encode_string(bytes: &[u8]) -> Vec<u8> {
    encode_bit_string(bytes, bytes.len() as u64 * 8)
}

/// bytepad(`parts` joined, `rate`).
fn bytepad(parts: &[&[u8]], rate: usize) -> Vec<u8> {
    let mut out = length_encode(rate as u64, true);
    for part in parts {
        out.extend_from_slice(part);
    }
    out.resize(out.len().div_ceil(rate) * rate, 0);
    out
}

/// cSHAKE128 (`strength` 128) or cSHAKE256 of `data` in `length` bytes: SHAKE when both the
/// function name and the customization are empty, else the cSHAKE sponge (OpenSSL's KECCAK-KMAC
/// digests) absorbing bytepad(encode_string(N) || encode_string(S)) first.
fn cshake(strength: u32, function_name: &[u8], customization: &[u8], data: &[&[u8]], length: usize) -> Result<Vec<u8>, ErrorStack> {
    let mut out = vec![0u8; length];
    if length == 0 {
        return Ok(out);
    }
    let mut context = MdCtx::new()?;
    let plain = function_name.is_empty() && customization.is_empty();
    let fetched;
    let md = match (plain, strength) {
        (true, 128) => Md::shake128(),
        (true, _) => Md::shake256(),
        (false, _) => {
            fetched = Md::fetch(None, if strength == 128 { "KECCAK-KMAC-128" } else { "KECCAK-KMAC-256" }, None)?;
            &*fetched
        }
    };
    context.digest_init(md)?;
    if !plain {
        let rate = if strength == 128 { 168 } else { 136 };
        context.digest_update(&bytepad(&[&encode_string(function_name), &encode_string(customization)], rate))?;
    }
    for part in data {
        context.digest_update(part)?;
    }
    context.digest_final_xof(&mut out)?;
    Ok(out)
}

/// keyValid(id): false for an EC key whose point is off its curve or whose private scalar is
/// out of range or does not match its point (OpenSSL's EC key check); true for other keys.
pub(super) fn key_valid(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(key) = key_of(scope, args.get(0)) else { return };
    let valid = match &*key {
        AsymmetricKey::Private(private) if private.id() == Id::EC => private.ec_key().is_ok_and(|ec| ec.check_key().is_ok()),
        AsymmetricKey::Public(public) if public.id() == Id::EC => public.ec_key().is_ok_and(|ec| ec.check_key().is_ok()),
        _ => true,
    };
    ErrorStack::get();
    rv.set_bool(valid);
}

/// Clears the bits past `bits` in the last byte (outputs whose length is not whole bytes).
fn truncate_bits(mut bytes: Vec<u8>, bits: usize) -> Vec<u8> {
    if bits % 8 != 0 {
        if let Some(last) = bytes.last_mut() {
            *last &= 0xffu8 << (8 - bits % 8);
        }
    }
    bytes
}

/// webCshake(strength, functionName, customization, outputBits, data, request): the digest, later.
pub(super) fn web_cshake(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let strength = args.get(0).uint32_value(scope).unwrap_or(128);
    let function_name = owned_bytes(scope, args.get(1));
    let customization = owned_bytes(scope, args.get(2));
    let bits = args.get(3).uint32_value(scope).unwrap_or(0) as usize;
    let data = owned_bytes(scope, args.get(4));
    let request = request_of(scope, &args, 5);
    run_job(scope, request, move || {
        Ok(truncate_bits(cshake(strength, &function_name, &customization, &[&data], bits.div_ceil(8))?, bits))
    });
}

/// KMAC128/KMAC256 (SP 800-185) of `data` under `key` (`key_bits` long), `bits` long, within
/// OpenSSL's KMAC limits for customizations (512 bytes) and outputs (0xFFFFFF/8 bytes).
fn kmac(strength: u32, key: &[u8], key_bits: u64, customization: &[u8], data: &[u8], bits: usize) -> Result<Vec<u8>, ErrorStack> {
    if customization.len() > 512 || bits.div_ceil(8) > 0xFFFFFF / 8 {
        return Err(ErrorStack::get());
    }
    let rate = if strength == 128 { 168 } else { 136 };
    let padded_key = bytepad(&[&encode_bit_string(key, key_bits)], rate);
    let encoded_length = length_encode(bits as u64, false);
    let out = cshake(strength, b"KMAC", customization, &[&padded_key, data, &encoded_length], bits.div_ceil(8))?;
    Ok(truncate_bits(out, bits))
}

/// webKmac(strength, key, keyBits, customization, outputBits, data, request): the MAC, later.
pub(super) fn web_kmac(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let strength = args.get(0).uint32_value(scope).unwrap_or(128);
    let key = owned_bytes(scope, args.get(1));
    let key_bits = args.get(2).uint32_value(scope).unwrap_or(0) as u64;
    let customization = owned_bytes(scope, args.get(3));
    let bits = args.get(4).uint32_value(scope).unwrap_or(0) as usize;
    let data = owned_bytes(scope, args.get(5));
    let request = request_of(scope, &args, 6);
    run_job(scope, request, move || kmac(strength, &key, key_bits, &customization, &data, bits));
}

fn aes_cipher(mode: &str, key_length: usize) -> Result<Cipher, ErrorStack> {
    Ok(match (mode, key_length) {
        ("cbc", 16) => Cipher::aes_128_cbc(),
        ("cbc", 24) => Cipher::aes_192_cbc(),
        ("cbc", 32) => Cipher::aes_256_cbc(),
        ("ctr", 16) => Cipher::aes_128_ctr(),
        ("ctr", 24) => Cipher::aes_192_ctr(),
        ("ctr", 32) => Cipher::aes_256_ctr(),
        ("gcm", 16) => Cipher::aes_128_gcm(),
        ("gcm", 24) => Cipher::aes_192_gcm(),
        ("gcm", 32) => Cipher::aes_256_gcm(),
        ("ocb", 16) => Cipher::aes_128_ocb(),
        ("ocb", 24) => Cipher::aes_192_ocb(),
        ("ocb", 32) => Cipher::aes_256_ocb(),
        ("chacha20-poly1305", 32) => Cipher::chacha20_poly1305(),
        _ => return Err(ErrorStack::get()),
    })
}

fn ctr_part(cipher: Cipher, key: &[u8], counter: &[u8], data: &[u8]) -> Result<Vec<u8>, ErrorStack> {
    let mut crypter = Crypter::new(cipher, Mode::Encrypt, key, Some(counter))?;
    let mut out = vec![0u8; data.len() + 16];
    let mut written = crypter.update(data, &mut out)?;
    written += crypter.finalize(&mut out[written..])?;
    out.truncate(written);
    Ok(out)
}

/// AES-CTR whose counter is the block's low `length` bits: when it would pass its end, the
/// rest of the data runs on from a counter of zero (the nonce bits kept).
fn aes_ctr(key: &[u8], counter: &[u8], length: u32, data: &[u8]) -> Result<Vec<u8>, ErrorStack> {
    let cipher = aes_cipher("ctr", key.len())?;
    let value = u128::from_be_bytes(counter.try_into().map_err(|_| ErrorStack::get())?);
    let mask = if length >= 128 { u128::MAX } else { (1u128 << length) - 1 };
    let blocks_left = (mask - (value & mask)).saturating_add(1);
    let blocks = (data.len() as u128).div_ceil(16);
    if blocks <= blocks_left {
        return ctr_part(cipher, key, counter, data);
    }
    let split = (blocks_left * 16) as usize;
    let mut out = ctr_part(cipher, key, counter, &data[..split])?;
    let wrapped = (value & !mask).to_be_bytes();
    out.extend(ctr_part(cipher, key, &wrapped, &data[split..])?);
    Ok(out)
}

/// AES-OCB decryption: OCB needs its tag's length before the key (the tag itself before the end).
fn ocb_decrypt(key: &[u8], iv: &[u8], aad: &[u8], data: &[u8], tag: &[u8]) -> Result<Vec<u8>, ErrorStack> {
    let cipher = match key.len() {
        16 => openssl::cipher::Cipher::aes_128_ocb(),
        24 => openssl::cipher::Cipher::aes_192_ocb(),
        32 => openssl::cipher::Cipher::aes_256_ocb(),
        _ => return Err(ErrorStack::get()),
    };
    let mut context = openssl::cipher_ctx::CipherCtx::new()?;
    context.decrypt_init(Some(cipher), None, None)?;
    context.set_iv_length(iv.len())?;
    context.set_tag_length(tag.len())?;
    context.decrypt_init(None, Some(key), Some(iv))?;
    let mut out = Vec::with_capacity(data.len() + 16);
    if !aad.is_empty() {
        context.cipher_update(aad, None)?;
    }
    context.cipher_update_vec(data, &mut out)?;
    context.set_tag(tag)?;
    context.cipher_final_vec(&mut out)?;
    Ok(out)
}

fn aes(mode: &str, encrypt: bool, key: &[u8], iv: &[u8], data: &[u8], extra: u32, aad: &[u8]) -> Result<Vec<u8>, ErrorStack> {
    match mode {
        "cbc" => {
            let cipher = aes_cipher(mode, key.len())?;
            if encrypt {
                openssl::symm::encrypt(cipher, key, Some(iv), data)
            } else {
                openssl::symm::decrypt(cipher, key, Some(iv), data)
            }
        }
        "ctr" => aes_ctr(key, iv, extra, data),
        "gcm" | "ocb" | "chacha20-poly1305" => {
            let cipher = aes_cipher(mode, key.len())?;
            let tag_length = extra as usize;
            if encrypt {
                let mut tag = vec![0u8; tag_length];
                let mut out = openssl::symm::encrypt_aead(cipher, key, Some(iv), aad, data, &mut tag)?;
                out.extend(tag);
                Ok(out)
            } else {
                let (data, tag) = data.split_at(data.len().checked_sub(tag_length).ok_or_else(ErrorStack::get)?);
                if mode == "ocb" {
                    return ocb_decrypt(key, iv, aad, data, tag);
                }
                openssl::symm::decrypt_aead(cipher, key, Some(iv), aad, data, tag)
            }
        }
        "kw" => {
            if encrypt {
                let key = AesKey::new_encrypt(key).map_err(|_| ErrorStack::get())?;
                let mut out = vec![0u8; data.len() + 8];
                let written = openssl::aes::wrap_key(&key, None, &mut out, data).map_err(|_| ErrorStack::get())?;
                out.truncate(written);
                Ok(out)
            } else {
                let key = AesKey::new_decrypt(key).map_err(|_| ErrorStack::get())?;
                if data.len() < 16 || data.len() % 8 != 0 {
                    return Err(ErrorStack::get());
                }
                let mut out = vec![0u8; data.len() - 8];
                let written = openssl::aes::unwrap_key(&key, None, &mut out, data).map_err(|_| ErrorStack::get())?;
                out.truncate(written);
                Ok(out)
            }
        }
        _ => Err(ErrorStack::get()),
    }
}

/// webAes(mode 'cbc'|'ctr'|'gcm'|'ocb'|'kw'|'chacha20-poly1305', encrypt, key, iv, data,
/// counterLength|tagBytes, aad, request): the output, later (an AEAD's ciphertext ends with its tag).
pub(super) fn web_aes(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let mode = arg_string(scope, &args, 0);
    let encrypt = args.get(1).is_true();
    let key = owned_bytes(scope, args.get(2));
    let iv = owned_bytes(scope, args.get(3));
    let data = owned_bytes(scope, args.get(4));
    let extra = args.get(5).uint32_value(scope).unwrap_or(0);
    let aad = owned_bytes(scope, args.get(6));
    let request = request_of(scope, &args, 7);
    run_job(scope, request, move || aes(&mode, encrypt, &key, &iv, &data, extra, &aad));
}

/// webRsaOaep(keyId, encrypt, hash, label, data, request): the output, later.
pub(super) fn web_rsa_oaep(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(key) = key_of(scope, args.get(0)) else { return };
    let encrypt = args.get(1).is_true();
    let Some(digest) = digest_named(&arg_string(scope, &args, 2)) else { return };
    let label = owned_bytes(scope, args.get(3));
    let data = owned_bytes(scope, args.get(4));
    let request = request_of(scope, &args, 5);
    let Some(md) = openssl::md::Md::from_nid(digest.type_()) else { return };
    let operation = if encrypt { "publicEncrypt" } else { "privateDecrypt" };
    run_job(scope, request, move || {
        let label = (!label.is_empty()).then_some(&label[..]);
        super::rsa::run(&key, operation, &data, super::rsa::OAEP_PADDING, Some(md), label)
    });
}

/// The byte length of r and s in an ECDSA signature of an EC key.
fn ecdsa_half(key: &AsymmetricKey) -> Result<Option<usize>, ErrorStack> {
    let public = key.public()?;
    Ok((public.id() == Id::EC).then(|| (public.ec_key().map(|ec| ec.group().degree() as usize).unwrap_or(0)).div_ceil(8)))
}

struct SignatureOptions {
    digest: Option<MessageDigest>,
    padding: i32,
    salt_length: Option<i32>,
}

fn signature_options(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, first: i32) -> SignatureOptions {
    let name = arg_string(scope, args, first);
    let digest = if name.is_empty() { None } else { digest_named(&name) };
    let padding = args.get(first + 1).int32_value(scope).unwrap_or(-1);
    let salt_length = args.get(first + 2).is_number().then(|| args.get(first + 2).int32_value(scope).unwrap_or(0));
    SignatureOptions { digest, padding, salt_length }
}

fn sign(key: &AsymmetricKey, options: &SignatureOptions, data: &[u8]) -> Result<Vec<u8>, ErrorStack> {
    let AsymmetricKey::Private(private) = key else { return Err(ErrorStack::get()) };
    let mut signer = match options.digest {
        Some(digest) => Signer::new(digest, private)?,
        None => Signer::new_without_digest(private)?,
    };
    if private.id() == Id::RSA {
        signer.set_rsa_padding(Padding::from_raw(options.padding))?;
        if let Some(salt_length) = options.salt_length {
            signer.set_rsa_pss_saltlen(RsaPssSaltlen::custom(salt_length))?;
        }
    }
    let signature = signer.sign_oneshot_to_vec(data)?;
    match ecdsa_half(key)? {
        Some(half) => {
            let parsed = EcdsaSig::from_der(&signature)?;
            let mut out = parsed.r().to_vec_padded(half as i32)?;
            out.extend(parsed.s().to_vec_padded(half as i32)?);
            Ok(out)
        }
        None => Ok(signature),
    }
}

fn verify(key: &AsymmetricKey, options: &SignatureOptions, data: &[u8], signature: &[u8]) -> Result<bool, ErrorStack> {
    let public = key.public()?;
    let der;
    let signature = match ecdsa_half(key)? {
        Some(half) => {
            if signature.len() != half * 2 {
                return Ok(false);
            }
            let r = BigNum::from_slice(&signature[..half])?;
            let s = BigNum::from_slice(&signature[half..])?;
            der = EcdsaSig::from_private_components(r, s)?.to_der()?;
            &der[..]
        }
        None => signature,
    };
    if super::keys::eddsa_small_order(&public, signature) {
        return Ok(false);
    }
    let mut verifier = match options.digest {
        Some(digest) => Verifier::new(digest, &public)?,
        None => Verifier::new_without_digest(&public)?,
    };
    if public.id() == Id::RSA {
        verifier.set_rsa_padding(Padding::from_raw(options.padding))?;
        if let Some(salt_length) = options.salt_length {
            verifier.set_rsa_pss_saltlen(RsaPssSaltlen::custom(salt_length))?;
        }
    }
    let valid = verifier.verify_oneshot(signature, data).unwrap_or(false);
    ErrorStack::get();
    Ok(valid)
}

/// webSign(keyId, hash|'', padding, saltLength|null, data, request): the signature, later.
pub(super) fn web_sign(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(key) = key_of(scope, args.get(0)) else { return };
    let options = signature_options(scope, &args, 1);
    let data = owned_bytes(scope, args.get(4));
    let request = request_of(scope, &args, 5);
    run_job(scope, request, move || sign(&key, &options, &data));
}

/// webVerify(keyId, hash|'', padding, saltLength|null, data, signature, request): [1] when the
/// signature is valid, else [0], later.
pub(super) fn web_verify(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(key) = key_of(scope, args.get(0)) else { return };
    let options = signature_options(scope, &args, 1);
    let data = owned_bytes(scope, args.get(4));
    let signature = owned_bytes(scope, args.get(5));
    let request = request_of(scope, &args, 6);
    run_job(scope, request, move || Ok(vec![verify(&key, &options, &data, &signature)? as u8]));
}

/// webDeriveShared(privateId, publicId, request): the ECDH/X25519/X448 shared secret, later.
pub(super) fn web_derive_shared(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let (Some(private), Some(public)) = (key_of(scope, args.get(0)), key_of(scope, args.get(1))) else { return };
    let request = request_of(scope, &args, 2);
    run_job(scope, request, move || super::dh::derive(&private, &public));
}

fn okp_id(kind: &str) -> Option<Id> {
    match kind {
        "ed25519" => Some(Id::ED25519),
        "ed448" => Some(Id::ED448),
        "x25519" => Some(Id::X25519),
        "x448" => Some(Id::X448),
        _ => None,
    }
}

fn ec_group(curve: &str) -> Result<EcGroup, ErrorStack> {
    EcGroup::from_curve_name(curve_nid(curve).ok_or_else(ErrorStack::get)?)
}

fn key_from_raw(kind: &str, bytes: &[u8], private: bool) -> Result<AsymmetricKey, ErrorStack> {
    if let Some(id) = okp_id(kind) {
        return Ok(if private {
            AsymmetricKey::Private(PKey::private_key_from_raw_bytes(bytes, id)?)
        } else {
            AsymmetricKey::Public(PKey::public_key_from_raw_bytes(bytes, id)?)
        });
    }
    let group = ec_group(kind)?;
    let mut context = BigNumContext::new()?;
    if private {
        // The scalar, big-endian and as long as the curve's field.
        if bytes.len() != (group.degree() as usize).div_ceil(8) {
            return Err(ErrorStack::get());
        }
        let scalar = BigNum::from_slice(bytes)?;
        let mut point = EcPoint::new(&group)?;
        point.mul_generator2(&group, &scalar, &mut context)?;
        let key = EcKey::from_private_components(&group, &scalar, &point)?;
        return Ok(AsymmetricKey::Private(PKey::from_ec_key(key)?));
    }
    let point = EcPoint::from_bytes(&group, bytes, &mut context)?;
    let key = EcKey::from_public_key(&group, &point)?;
    key.check_key()?;
    Ok(AsymmetricKey::Public(PKey::from_ec_key(key)?))
}

/// keyFromRaw(type 'ed25519'|…|curve name, bytes, private): the id of an OKP key from its raw
/// bytes or an EC key from its point (public) or scalar (private); throws OpenSSL's error.
pub(super) fn key_from_raw_bytes(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let kind = arg_string(scope, &args, 0);
    let bytes = owned_bytes(scope, args.get(1));
    let private = args.get(2).is_true();
    ErrorStack::get();
    match key_from_raw(&kind, &bytes, private) {
        Ok(key) => rv.set(v8::Number::new(scope, keep(key)).into()),
        Err(stack) => throw_openssl(scope, &stack, "Invalid key data"),
    }
}

fn raw_bytes(key: &AsymmetricKey, private: bool, compressed: bool) -> Result<Vec<u8>, ErrorStack> {
    match key {
        AsymmetricKey::Private(key) if private && key.id() == Id::EC => {
            let ec = key.ec_key()?;
            ec.private_key().to_vec_padded((ec.group().degree() as i32 + 7) / 8)
        }
        AsymmetricKey::Private(key) if private => key.raw_private_key(),
        _ => {
            let public = key.public()?;
            if public.id() == Id::EC {
                let ec = public.ec_key()?;
                let mut context = BigNumContext::new()?;
                let form = if compressed { PointConversionForm::COMPRESSED } else { PointConversionForm::UNCOMPRESSED };
                ec.public_key().to_bytes(ec.group(), form, &mut context)
            } else {
                public.raw_public_key()
            }
        }
    }
}

/// keyToRaw(id, private, compressed): an OKP key's raw public (or private) bytes, or an EC
/// key's point (uncompressed unless asked) or scalar.
pub(super) fn key_to_raw_bytes(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(key) = key_of(scope, args.get(0)) else { return };
    let private = args.get(1).is_true();
    let compressed = args.get(2).is_true();
    match raw_bytes(&key, private, compressed) {
        Ok(bytes) => rv.set(uint8_array(scope, bytes).into()),
        Err(stack) => throw_openssl(scope, &stack, "Failed to export key"),
    }
}

fn bignum(part: &[u8]) -> Result<BigNum, ErrorStack> {
    BigNum::from_slice(part)
}

fn key_from_components(kind: &str, curve: &str, parts: &[Vec<u8>]) -> Result<AsymmetricKey, ErrorStack> {
    match (kind, parts.len()) {
        ("rsa", 2) => {
            let rsa = Rsa::from_public_components(bignum(&parts[0])?, bignum(&parts[1])?)?;
            Ok(AsymmetricKey::Public(PKey::from_rsa(rsa)?))
        }
        ("rsa", 8) => {
            let [n, e, d, p, q, dp, dq, qi] = [0, 1, 2, 3, 4, 5, 6, 7].map(|index| bignum(&parts[index]));
            let rsa = Rsa::from_private_components(n?, e?, d?, p?, q?, dp?, dq?, qi?)?;
            // The factors must make the modulus (a full check_key tests primality: seconds for
            // a 4096-bit key, which node does not spend on a JWK).
            let mut product = BigNum::new()?;
            let (Some(p), Some(q)) = (rsa.p(), rsa.q()) else { return Err(ErrorStack::get()) };
            product.checked_mul(p, q, &mut *BigNumContext::new()?)?;
            if *rsa.n() != product {
                return Err(ErrorStack::get());
            }
            Ok(AsymmetricKey::Private(PKey::from_rsa(rsa)?))
        }
        ("ec", 2 | 3) => {
            let group = ec_group(curve)?;
            let (x, y) = (bignum(&parts[0])?, bignum(&parts[1])?);
            let public = EcKey::from_public_key_affine_coordinates(&group, &x, &y)?;
            public.check_key()?;
            if parts.len() == 2 {
                return Ok(AsymmetricKey::Public(PKey::from_ec_key(public)?));
            }
            let d = bignum(&parts[2])?;
            let private = EcKey::from_private_components(&group, &d, public.public_key())?;
            private.check_key()?;
            Ok(AsymmetricKey::Private(PKey::from_ec_key(private)?))
        }
        _ => Err(ErrorStack::get()),
    }
}

/// keyFromComponents('rsa'|'ec', curve, [parts]): the id of an RSA key from n, e (and d, p, q,
/// dp, dq, qi) or an EC key from x, y (and d), big-endian; throws OpenSSL's error.
pub(super) fn key_from_components_binding(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let kind = arg_string(scope, &args, 0);
    let curve = arg_string(scope, &args, 1);
    let Ok(list) = v8::Local::<v8::Array>::try_from(args.get(2)) else { return };
    let mut parts = Vec::new();
    for index in 0..list.length() {
        let Some(part) = list.get_index(scope, index) else { return };
        parts.push(owned_bytes(scope, part));
    }
    ErrorStack::get();
    match key_from_components(&kind, &curve, &parts) {
        Ok(key) => rv.set(v8::Number::new(scope, keep(key)).into()),
        Err(stack) => throw_openssl(scope, &stack, "Invalid key data"),
    }
}

fn components(key: &AsymmetricKey) -> Result<Vec<Vec<u8>>, ErrorStack> {
    let public = key.public()?;
    match public.id() {
        Id::RSA | Id::RSA_PSS => {
            let rsa = public.rsa()?;
            let mut parts = vec![rsa.n().to_vec(), rsa.e().to_vec()];
            if let AsymmetricKey::Private(private) = key {
                let rsa = private.rsa()?;
                for part in [Some(rsa.d()), rsa.p(), rsa.q(), rsa.dmp1(), rsa.dmq1(), rsa.iqmp()] {
                    parts.push(part.ok_or_else(ErrorStack::get)?.to_vec());
                }
            }
            Ok(parts)
        }
        Id::EC => {
            let ec = public.ec_key()?;
            let size = (ec.group().degree() as usize).div_ceil(8) as i32;
            let (mut x, mut y) = (BigNum::new()?, BigNum::new()?);
            let mut context = BigNumContext::new()?;
            ec.public_key().affine_coordinates(ec.group(), &mut x, &mut y, &mut context)?;
            let mut parts = vec![x.to_vec_padded(size)?, y.to_vec_padded(size)?];
            if let AsymmetricKey::Private(private) = key {
                parts.push(private.ec_key()?.private_key().to_vec_padded(size)?);
            }
            Ok(parts)
        }
        _ => Err(ErrorStack::get()),
    }
}

/// keyComponents(id): an RSA key's [n, e(, d, p, q, dp, dq, qi)] or an EC key's [x, y(, d)]
/// (coordinates padded to the field's size).
pub(super) fn key_components(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(key) = key_of(scope, args.get(0)) else { return };
    match components(&key) {
        Ok(parts) => {
            let values: Vec<_> = parts.into_iter().map(|part| uint8_array(scope, part).into()).collect();
            rv.set(v8::Array::new_with_elements(scope, &values).into());
        }
        Err(stack) => throw_openssl(scope, &stack, "Failed to export key"),
    }
}
