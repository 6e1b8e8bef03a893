//! Asymmetric keys (the public and private KeyObjects' EVP_PKEYs, kept by id): import and
//! export as PEM/DER (spki, pkcs1, pkcs8, sec1; encrypted PEM), their type and details, key
//! pair generation (now or off the JS thread), and signatures (sign/verify).

use std::cell::RefCell;
use std::sync::Arc;

use foreign_types::ForeignType;

use openssl::ec::EcKey;
use openssl::ecdsa::EcdsaSig;
use openssl::error::ErrorStack;
use openssl::hash::MessageDigest;
use openssl::nid::Nid;
use openssl::md::Md;
use openssl::pkey::{Id, PKey, Private, Public};
use openssl::pkey_ctx::PkeyCtx;
use openssl::rsa::{Padding, Rsa};
use openssl::sign::{RsaPssSaltlen, Signer, Verifier};
use openssl::symm::Cipher;

use super::super::bindings::{arg_string, set_property, string, uint8_array};
use super::super::internals::Internal;
use super::super::RuntimeState;
use super::{openssl_error, owned_bytes, throw_openssl};

type PassphraseCallback = unsafe extern "C" fn(*mut std::ffi::c_char, std::ffi::c_int, std::ffi::c_int, *mut std::ffi::c_void) -> std::ffi::c_int;

extern "C" {
    fn EVP_PKEY_is_a(pkey: *const openssl_sys::EVP_PKEY, name: *const std::ffi::c_char) -> std::ffi::c_int;
    fn OBJ_ln2nid(name: *const std::ffi::c_char) -> std::ffi::c_int;
    fn EC_curve_nist2nid(name: *const std::ffi::c_char) -> std::ffi::c_int;
    fn PEM_bytes_read_bio(
        data: *mut *mut u8,
        length: *mut std::ffi::c_long,
        label: *mut *mut std::ffi::c_char,
        name: *const std::ffi::c_char,
        bio: *mut openssl_sys::BIO,
        callback: Option<PassphraseCallback>,
        user: *mut std::ffi::c_void,
    ) -> std::ffi::c_int;
}

pub(super) enum AsymmetricKey {
    Public(PKey<Public>),
    Private(PKey<Private>),
}

impl AsymmetricKey {
    fn id(&self) -> Id {
        match self {
            AsymmetricKey::Public(key) => key.id(),
            AsymmetricKey::Private(key) => key.id(),
        }
    }

    /// The public half as its own key.
    pub(super) fn public(&self) -> Result<PKey<Public>, ErrorStack> {
        match self {
            AsymmetricKey::Public(key) => Ok(key.clone()),
            AsymmetricKey::Private(key) => public_of(key),
        }
    }
}

/// A private key's public half. An EC key keeps its group as it is (a named curve stays
/// named even where it could not be encoded so).
fn public_of(key: &PKey<Private>) -> Result<PKey<Public>, ErrorStack> {
    if key.id() == Id::EC {
        let ec = key.ec_key()?;
        return PKey::from_ec_key(EcKey::from_public_key(ec.group(), ec.public_key())?);
    }
    PKey::public_key_from_der(&key.public_key_to_der()?)
}

thread_local! {
    static KEYS: RefCell<Vec<Option<Arc<AsymmetricKey>>>> = const { RefCell::new(Vec::new()) };
}

pub(super) fn keep(key: AsymmetricKey) -> f64 {
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        let id = keys.iter().position(Option::is_none).unwrap_or_else(|| {
            keys.push(None);
            keys.len() - 1
        });
        keys[id] = Some(Arc::new(key));
        id as f64
    })
}

pub(super) fn key_of(scope: &mut v8::PinScope, id: v8::Local<v8::Value>) -> Option<Arc<AsymmetricKey>> {
    let id = id.uint32_value(scope)? as usize;
    KEYS.with(|keys| keys.borrow().get(id).cloned().flatten())
}

/// keyFree(id): drops a key whose object was collected.
pub(super) fn key_free(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(id) = args.get(0).uint32_value(scope) else { return };
    KEYS.with(|keys| keys.borrow_mut().get_mut(id as usize).map(Option::take));
}

unsafe extern "C" fn refuse_passphrase(_buf: *mut std::ffi::c_char, _size: std::ffi::c_int, _rwflag: std::ffi::c_int, _data: *mut std::ffi::c_void) -> std::ffi::c_int {
    -1
}

/// A PEM private key read with a passphrase callback that gives none (node's when no
/// passphrase was passed): an encrypted key fails with "interrupted or cancelled".
fn private_key_from_pem_without_passphrase(data: &[u8]) -> Result<PKey<Private>, ErrorStack> {
    let length = std::ffi::c_int::try_from(data.len()).map_err(|_| ErrorStack::get())?;
    // SAFETY: a read-only memory BIO over the live slice, freed before returning; the key
    // read from it is owned by the returned PKey.
    unsafe {
        let bio = openssl_sys::BIO_new_mem_buf(data.as_ptr().cast(), length);
        if bio.is_null() {
            return Err(ErrorStack::get());
        }
        let key = openssl_sys::PEM_read_bio_PrivateKey(bio, std::ptr::null_mut(), Some(refuse_passphrase), std::ptr::null_mut());
        openssl_sys::BIO_free_all(bio);
        if key.is_null() {
            return Err(ErrorStack::get());
        }
        Ok(foreign_types::ForeignType::from_ptr(key))
    }
}

/// A "PUBLIC KEY" PEM block's key, its DER read by d2i_PUBKEY as node reads it (so a key of an
/// algorithm OpenSSL lacks fails with d2i's decode error).
fn public_key_from_pem_block(data: &[u8]) -> Result<PKey<Public>, ErrorStack> {
    let length = std::ffi::c_int::try_from(data.len()).map_err(|_| ErrorStack::get())?;
    // SAFETY: a read-only memory BIO over the live slice, freed before returning; the block's
    // bytes and label are OpenSSL's allocations, copied and then freed.
    let der = unsafe {
        let bio = openssl_sys::BIO_new_mem_buf(data.as_ptr().cast(), length);
        if bio.is_null() {
            return Err(ErrorStack::get());
        }
        let mut der: *mut u8 = std::ptr::null_mut();
        let mut der_length: std::ffi::c_long = 0;
        let mut label: *mut std::ffi::c_char = std::ptr::null_mut();
        let read = PEM_bytes_read_bio(&mut der, &mut der_length, &mut label, c"PUBLIC KEY".as_ptr(), bio, None, std::ptr::null_mut());
        openssl_sys::BIO_free_all(bio);
        if read != 1 {
            return Err(ErrorStack::get());
        }
        let bytes = std::slice::from_raw_parts(der, der_length as usize).to_vec();
        openssl_sys::OPENSSL_free(der.cast());
        openssl_sys::OPENSSL_free(label.cast());
        bytes
    };
    PKey::public_key_from_der(&der)
}

fn import(data: &[u8], pem: bool, kind: &str, private: bool, passphrase: Option<&[u8]>) -> Result<AsymmetricKey, ErrorStack> {
    let pass = passphrase.unwrap_or(b"");
    if private {
        let key = match (pem, kind) {
            (true, "pkcs1") => PKey::from_rsa(Rsa::private_key_from_pem_passphrase(data, pass)?)?,
            (true, "sec1") => PKey::from_ec_key(EcKey::private_key_from_pem_passphrase(data, pass)?)?,
            (true, _) if passphrase.is_some() => PKey::private_key_from_pem_passphrase(data, pass)?,
            // No passphrase: an encrypted key fails as node's does (its callback gives none).
            (true, _) => private_key_from_pem_without_passphrase(data)?,
            (false, "pkcs1") => PKey::from_rsa(Rsa::private_key_from_der(data)?)?,
            (false, "sec1") => PKey::from_ec_key(EcKey::private_key_from_der(data)?)?,
            (false, _) if passphrase.is_some() => PKey::private_key_from_pkcs8_passphrase(data, pass)?,
            (false, _) => PKey::private_key_from_der(data)?,
        };
        return Ok(AsymmetricKey::Private(key));
    }
    let public = match (pem, kind) {
        (true, "pkcs1") => PKey::from_rsa(Rsa::public_key_from_pem_pkcs1(data)?),
        (true, _) => {
            // A public key, an RSA public key, a certificate's key, or a private key's public half.
            let text = String::from_utf8_lossy(data);
            if text.contains("-----BEGIN RSA PUBLIC KEY-----") {
                PKey::from_rsa(Rsa::public_key_from_pem_pkcs1(data)?)
            } else if text.contains("-----BEGIN CERTIFICATE-----") {
                openssl::x509::X509::from_pem(data)?.public_key()
            } else if text.contains("PRIVATE KEY-----") {
                return import(data, true, kind, true, passphrase).and_then(|key| Ok(AsymmetricKey::Public(key.public()?)));
            } else {
                public_key_from_pem_block(data)
            }
        }
        (false, "pkcs1") => PKey::from_rsa(Rsa::public_key_from_der_pkcs1(data)?),
        (false, _) => PKey::public_key_from_der(data),
    }?;
    Ok(AsymmetricKey::Public(public))
}

/// keyImport(data, format 'pem'|'der', type, private, passphrase?): a key's id; throws
/// OpenSSL's error.
pub(super) fn key_import(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let data = owned_bytes(scope, args.get(0));
    let pem = arg_string(scope, &args, 1) == "pem";
    let kind = arg_string(scope, &args, 2);
    let private = args.get(3).is_true();
    let passphrase = args.get(4).is_array_buffer_view().then(|| owned_bytes(scope, args.get(4)));
    ErrorStack::get();
    match import(&data, pem, &kind, private, passphrase.as_deref()) {
        Ok(key) => rv.set(v8::Number::new(scope, keep(key)).into()),
        Err(stack) => throw_openssl(scope, &stack, "Failed to read asymmetric key"),
    }
}

/// keyPublic(id): the id of a key's public half.
pub(super) fn key_public(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(key) = key_of(scope, args.get(0)) else { return };
    match key.public() {
        Ok(public) => rv.set(v8::Number::new(scope, keep(AsymmetricKey::Public(public))).into()),
        Err(stack) => throw_openssl(scope, &stack, "Failed to get public key"),
    }
}

/// An error put on OpenSSL's queue, as OpenSSL's own code raises it.
fn raise(library: std::ffi::c_int, reason: std::ffi::c_int) -> ErrorStack {
    // SAFETY: records one error on this thread's queue; the strings are static.
    unsafe {
        openssl_sys::ERR_new();
        openssl_sys::ERR_set_debug(c"keys.rs".as_ptr(), line!() as std::ffi::c_int, c"export".as_ptr());
        openssl_sys::ERR_set_error(library, reason, std::ptr::null());
    }
    ErrorStack::get()
}

/// An EC key on a named curve that has no OID (Oakley-EC2N-3, -4) cannot be encoded by name.
/// Node's OpenSSL encodes spki and pkcs8 through its providers, which refuse with the
/// provider library's "missing OID" (sec1 gets the EC library's, as here).
fn curve_without_oid(key: &AsymmetricKey, kind: &str) -> Option<ErrorStack> {
    const ERR_LIB_PROV: std::ffi::c_int = 57;
    const PROV_R_MISSING_OID: std::ffi::c_int = 209;
    fn named_without_oid(group: &openssl::ec::EcGroupRef) -> bool {
        // SAFETY: reads a live group and OpenSSL's static object table.
        unsafe {
            let group = foreign_types::ForeignTypeRef::as_ptr(group);
            let nid = openssl_sys::EC_GROUP_get_curve_name(group);
            let object = openssl_sys::OBJ_nid2obj(nid);
            openssl_sys::EC_GROUP_get_asn1_flag(group) & openssl_sys::OPENSSL_EC_NAMED_CURVE != 0
                && nid != 0
                && (object.is_null() || openssl_sys::OBJ_length(object) == 0)
        }
    }
    if kind == "sec1" || key.id() != Id::EC {
        return None;
    }
    let without_oid = match key {
        AsymmetricKey::Public(key) => named_without_oid(key.ec_key().ok()?.group()),
        AsymmetricKey::Private(key) => named_without_oid(key.ec_key().ok()?.group()),
    };
    without_oid.then(|| raise(ERR_LIB_PROV, PROV_R_MISSING_OID))
}

fn export(key: &AsymmetricKey, pem: bool, kind: &str, cipher: Option<Cipher>, passphrase: &[u8]) -> Result<Vec<u8>, ErrorStack> {
    if let Some(stack) = curve_without_oid(key, kind) {
        return Err(stack);
    }
    match key {
        AsymmetricKey::Public(key) => match (pem, kind) {
            (true, "pkcs1") => key.rsa()?.public_key_to_pem_pkcs1(),
            (false, "pkcs1") => key.rsa()?.public_key_to_der_pkcs1(),
            (true, _) => key.public_key_to_pem(),
            (false, _) => key.public_key_to_der(),
        },
        AsymmetricKey::Private(key) => match (pem, kind, cipher) {
            (true, "pkcs1", Some(cipher)) => key.rsa()?.private_key_to_pem_passphrase(cipher, passphrase),
            (true, "pkcs1", None) => key.rsa()?.private_key_to_pem(),
            (false, "pkcs1", _) => key.rsa()?.private_key_to_der(),
            (true, "sec1", Some(cipher)) => key.ec_key()?.private_key_to_pem_passphrase(cipher, passphrase),
            (true, "sec1", None) => key.ec_key()?.private_key_to_pem(),
            (false, "sec1", _) => key.ec_key()?.private_key_to_der(),
            (true, _, Some(cipher)) => key.private_key_to_pem_pkcs8_passphrase(cipher, passphrase),
            (true, _, None) => key.private_key_to_pem_pkcs8(),
            (false, _, Some(cipher)) => key.private_key_to_pkcs8_passphrase(cipher, passphrase),
            (false, _, None) => key.private_key_to_pkcs8(),
        },
    }
}

/// keyExport(id, format, type, cipher?, passphrase?): PEM text or DER bytes; undefined for an
/// unknown cipher name; throws OpenSSL's error.
pub(super) fn key_export(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(key) = key_of(scope, args.get(0)) else { return };
    let pem = arg_string(scope, &args, 1) == "pem";
    let kind = arg_string(scope, &args, 2);
    let cipher = if args.get(3).is_string() {
        match Cipher::from_nid(nid_of_cipher(&arg_string(scope, &args, 3))) {
            Some(cipher) => Some(cipher),
            None => return,
        }
    } else {
        None
    };
    let passphrase = owned_bytes(scope, args.get(4));
    ErrorStack::get();
    match export(&key, pem, &kind, cipher, &passphrase) {
        Ok(bytes) if pem => rv.set(string(scope, &String::from_utf8_lossy(&bytes)).into()),
        Ok(bytes) => rv.set(uint8_array(scope, bytes).into()),
        Err(stack) => throw_openssl(scope, &stack, "Failed to encode key"),
    }
}

fn nid_of_cipher(name: &str) -> Nid {
    let Ok(name) = std::ffi::CString::new(name) else { return Nid::UNDEF };
    // SAFETY: looks a static cipher method up by a C string.
    let cipher = unsafe { openssl_sys::EVP_get_cipherbyname(name.as_ptr()) };
    if cipher.is_null() {
        return Nid::UNDEF;
    }
    // SAFETY: a plain query of a live cipher method.
    Nid::from_raw(unsafe { openssl_sys::EVP_CIPHER_get_nid(cipher) })
}

fn type_name(id: Id) -> &'static str {
    match id {
        Id::RSA => "rsa",
        Id::RSA_PSS => "rsa-pss",
        Id::EC => "ec",
        Id::DSA => "dsa",
        Id::DH => "dh",
        Id::ED25519 => "ed25519",
        Id::ED448 => "ed448",
        Id::X25519 => "x25519",
        Id::X448 => "x448",
        _ => "",
    }
}

/// keyInfo(id): [asymmetricKeyType, isPrivate, details object].
pub(super) fn key_info(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(key) = key_of(scope, args.get(0)) else { return };
    let details = v8::Object::new(scope);
    let Ok(public) = key.public() else { return };
    match key.id() {
        Id::RSA | Id::RSA_PSS => {
            if let Ok(rsa) = public.rsa() {
                let bits = v8::Number::new(scope, rsa.n().num_bits() as f64).into();
                set_property(scope, details, "modulusLength", bits);
                let exponent = rsa.e().to_dec_str().ok().and_then(|text| text.parse::<u64>().ok()).unwrap_or(0);
                let value = v8::BigInt::new_from_u64(scope, exponent).into();
                set_property(scope, details, "publicExponent", value);
                if let Some(pss) = pss_parameters(&rsa) {
                    let hash = string(scope, &pss.hash).into();
                    set_property(scope, details, "hashAlgorithm", hash);
                    if let Some(mgf1) = pss.mgf1_hash {
                        let mgf1 = string(scope, &mgf1).into();
                        set_property(scope, details, "mgf1HashAlgorithm", mgf1);
                    }
                    let salt = v8::Number::new(scope, pss.salt_length as f64).into();
                    set_property(scope, details, "saltLength", salt);
                }
            }
        }
        Id::EC => {
            if let Ok(ec) = public.ec_key() {
                if let Some(nid) = ec.group().curve_name() {
                    let name = string(scope, nid.short_name().unwrap_or("")).into();
                    set_property(scope, details, "namedCurve", name);
                }
            }
        }
        Id::DSA => {
            if let Ok(dsa) = public.dsa() {
                let bits = v8::Number::new(scope, dsa.p().num_bits() as f64).into();
                set_property(scope, details, "modulusLength", bits);
                let divisor = v8::Number::new(scope, dsa.q().num_bits() as f64).into();
                set_property(scope, details, "divisorLength", divisor);
            }
        }
        _ => {}
    }
    let name = string(scope, type_name(key.id())).into();
    let private = v8::Boolean::new(scope, matches!(*key, AsymmetricKey::Private(_))).into();
    rv.set(v8::Array::new_with_elements(scope, &[name, private, details.into()]).into());
}

#[repr(C)]
struct X509Algorithm {
    algorithm: *mut openssl_sys::ASN1_OBJECT,
    parameter: *mut std::ffi::c_void,
}

/// OpenSSL's RSA_PSS_PARAMS.
#[repr(C)]
struct RsaPssParams {
    hash_algorithm: *mut X509Algorithm,
    mask_gen_algorithm: *mut X509Algorithm,
    salt_length: *mut openssl_sys::ASN1_INTEGER,
    trailer_field: *mut openssl_sys::ASN1_INTEGER,
    mask_hash: *mut X509Algorithm,
}

extern "C" {
    fn RSA_get0_pss_params(rsa: *const openssl_sys::RSA) -> *const RsaPssParams;
    fn OBJ_obj2nid(object: *const openssl_sys::ASN1_OBJECT) -> std::ffi::c_int;
    fn ASN1_INTEGER_get(integer: *const openssl_sys::ASN1_INTEGER) -> std::ffi::c_long;
}

struct PssDetails {
    hash: String,
    mgf1_hash: Option<String>,
    salt_length: i64,
}

const NID_MGF1: std::ffi::c_int = 911;

/// An RSA-PSS key's restrictions (its hash, MGF1 hash and salt length, with RFC 4055's
/// defaults: SHA-1, MGF1 with SHA-1, 20), when the key has them.
fn pss_parameters<T>(rsa: &Rsa<T>) -> Option<PssDetails> {
    let long_name = |nid: std::ffi::c_int| Nid::from_raw(nid).long_name().ok().map(str::to_owned);
    // SAFETY: reads the RSA key's own parameters, alive as long as the key.
    unsafe {
        let params = RSA_get0_pss_params(rsa.as_ptr());
        if params.is_null() {
            return None;
        }
        let params = &*params;
        let hash_nid = if params.hash_algorithm.is_null() { Nid::SHA1.as_raw() } else { OBJ_obj2nid((*params.hash_algorithm).algorithm) };
        let mut mgf1_hash = long_name(Nid::SHA1.as_raw());
        if !params.mask_gen_algorithm.is_null() {
            mgf1_hash = None;
            if OBJ_obj2nid((*params.mask_gen_algorithm).algorithm) == NID_MGF1 && !params.mask_hash.is_null() {
                mgf1_hash = long_name(OBJ_obj2nid((*params.mask_hash).algorithm));
            }
        }
        let salt_length = if params.salt_length.is_null() { 20 } else { ASN1_INTEGER_get(params.salt_length) as i64 };
        Some(PssDetails { hash: long_name(hash_nid)?, mgf1_hash, salt_length })
    }
}

/// keyEquals(a, b): whether two keys are the same key.
pub(super) fn key_equals(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let (Some(a), Some(b)) = (key_of(scope, args.get(0)), key_of(scope, args.get(1))) else { return };
    let equal = match (a.public(), b.public()) {
        (Ok(a), Ok(b)) => a.public_eq(&b),
        _ => false,
    };
    ErrorStack::get();
    rv.set(v8::Boolean::new(scope, equal).into());
}

extern "C" {
    fn EVP_PKEY_CTX_set_rsa_pss_keygen_md(ctx: *mut openssl_sys::EVP_PKEY_CTX, md: *const openssl_sys::EVP_MD) -> std::ffi::c_int;
    fn EVP_PKEY_CTX_set_rsa_pss_keygen_mgf1_md(ctx: *mut openssl_sys::EVP_PKEY_CTX, md: *const openssl_sys::EVP_MD) -> std::ffi::c_int;
    fn EVP_PKEY_CTX_set_rsa_pss_keygen_saltlen(ctx: *mut openssl_sys::EVP_PKEY_CTX, length: std::ffi::c_int) -> std::ffi::c_int;
    fn EVP_PKEY_CTX_set_dsa_paramgen_q_bits(ctx: *mut openssl_sys::EVP_PKEY_CTX, bits: std::ffi::c_int) -> std::ffi::c_int;
}

/// What keyGenerate makes: the type and its parameters (those the type uses).
pub(super) struct KeyGenParams {
    pub kind: String,
    pub modulus_length: u32,
    pub exponent: u32,
    /// An EC curve's name, or a DH group's.
    pub curve: String,
    /// DSA's divisor length (q's bits), negative for OpenSSL's default.
    pub divisor_length: i32,
    pub hash: Option<MessageDigest>,
    pub mgf1_hash: Option<MessageDigest>,
    pub salt_length: Option<i32>,
    pub explicit_curve: bool,
    pub dh_prime: Option<Vec<u8>>,
    pub dh_generator: u32,
}

fn checked(result: std::ffi::c_int) -> Result<(), ErrorStack> {
    if result <= 0 {
        Err(ErrorStack::get())
    } else {
        Ok(())
    }
}

fn generate_rsa_pss(params: &KeyGenParams) -> Result<PKey<Private>, ErrorStack> {
    let mut ctx = openssl::pkey_ctx::PkeyCtx::new_id(Id::RSA_PSS)?;
    ctx.keygen_init()?;
    ctx.set_rsa_keygen_bits(params.modulus_length)?;
    let exponent = openssl::bn::BigNum::from_u32(params.exponent)?;
    ctx.set_rsa_keygen_pubexp(&exponent)?;
    // SAFETY: parameters of a live keygen context; the digests are static.
    unsafe {
        if let Some(md) = params.hash {
            checked(EVP_PKEY_CTX_set_rsa_pss_keygen_md(ctx.as_ptr(), md.as_ptr()))?;
        }
        if let Some(md) = params.mgf1_hash {
            checked(EVP_PKEY_CTX_set_rsa_pss_keygen_mgf1_md(ctx.as_ptr(), md.as_ptr()))?;
        }
        if let Some(length) = params.salt_length {
            checked(EVP_PKEY_CTX_set_rsa_pss_keygen_saltlen(ctx.as_ptr(), length))?;
        }
    }
    ctx.keygen()
}

fn keygen_from<T>(parameters: &PKey<T>) -> Result<PKey<Private>, ErrorStack> {
    let mut ctx = openssl::pkey_ctx::PkeyCtx::new(parameters)?;
    ctx.keygen_init()?;
    ctx.keygen()
}

fn generate_dsa(params: &KeyGenParams) -> Result<PKey<Private>, ErrorStack> {
    let mut ctx = openssl::pkey_ctx::PkeyCtx::new_id(Id::DSA)?;
    ctx.paramgen_init()?;
    ctx.set_dsa_paramgen_bits(params.modulus_length)?;
    if params.divisor_length >= 0 {
        // SAFETY: a parameter of a live paramgen context.
        checked(unsafe { EVP_PKEY_CTX_set_dsa_paramgen_q_bits(ctx.as_ptr(), params.divisor_length) })?;
    }
    keygen_from(&ctx.paramgen()?)
}

fn generate_dh(params: &KeyGenParams) -> Result<PKey<Private>, ErrorStack> {
    use openssl::bn::BigNum;
    let generator = BigNum::from_u32(params.dh_generator)?;
    let dh = if !params.curve.is_empty() {
        let prime = super::dh::group_prime(&params.curve).ok_or_else(ErrorStack::get)??;
        openssl::dh::Dh::from_pqg(prime, None, BigNum::from_u32(2)?)?
    } else if let Some(prime) = &params.dh_prime {
        openssl::dh::Dh::from_pqg(BigNum::from_slice(prime)?, None, generator)?
    } else {
        openssl::dh::Dh::generate_params(params.modulus_length, params.dh_generator)?
    };
    keygen_from(&PKey::from_dh(dh)?)
}

pub(super) fn generate(params: &KeyGenParams) -> Result<PKey<Private>, ErrorStack> {
    match params.kind.as_str() {
        "rsa" => {
            let exponent = openssl::bn::BigNum::from_u32(params.exponent)?;
            PKey::from_rsa(Rsa::generate_with_e(params.modulus_length, &exponent)?)
        }
        "rsa-pss" => generate_rsa_pss(params),
        "ec" => {
            let nid = curve_nid(&params.curve).ok_or_else(ErrorStack::get)?;
            let mut group = openssl::ec::EcGroup::from_curve_name(nid)?;
            // Named unless asked otherwise, even for a curve without an OID (which OpenSSL 3.0
            // would quietly make explicit, where node's refuses to encode it).
            group.set_asn1_flag(if params.explicit_curve { openssl::ec::Asn1Flag::EXPLICIT_CURVE } else { openssl::ec::Asn1Flag::NAMED_CURVE });
            PKey::from_ec_key(EcKey::generate(&group)?)
        }
        "dsa" => generate_dsa(params),
        "dh" => generate_dh(params),
        "ed25519" => PKey::generate_ed25519(),
        "ed448" => PKey::generate_ed448(),
        "x25519" => PKey::generate_x25519(),
        "x448" => PKey::generate_x448(),
        _ => Err(ErrorStack::get()),
    }
}

/// A curve's NID by its short or long name, or NIST's name (P-256).
pub(super) fn curve_nid(name: &str) -> Option<Nid> {
    let cname = std::ffi::CString::new(name).ok()?;
    // SAFETY: plain name lookups with a C string.
    let mut nid = unsafe { openssl_sys::OBJ_sn2nid(cname.as_ptr()) };
    if nid == 0 {
        // SAFETY: as above.
        nid = unsafe { OBJ_ln2nid(cname.as_ptr()) };
    }
    if nid == 0 {
        // SAFETY: as above.
        nid = unsafe { EC_curve_nist2nid(cname.as_ptr()) };
    }
    (nid != 0).then(|| Nid::from_raw(nid))
}

/// keyGenerate(type, modulusLength|primeLength, publicExponent, namedCurve|group,
/// divisorLength|-1[, request][, hash, mgf1Hash, saltLength, explicitCurve, prime,
/// generator]): [publicId, privateId] now, or later through cryptoJobDone(request, error, ids).
pub(super) fn key_generate(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let digest = |scope: &mut v8::PinScope, index: i32| args.get(index).is_string().then(|| super::hash::digest_named(&arg_string(scope, &args, index))).flatten();
    let params = KeyGenParams {
        kind: arg_string(scope, &args, 0),
        modulus_length: args.get(1).uint32_value(scope).unwrap_or(0),
        exponent: args.get(2).uint32_value(scope).unwrap_or(0x10001),
        curve: if args.get(3).is_string() { arg_string(scope, &args, 3) } else { String::new() },
        divisor_length: args.get(4).int32_value(scope).unwrap_or(-1),
        hash: digest(scope, 6),
        mgf1_hash: digest(scope, 7),
        salt_length: args.get(8).is_number().then(|| args.get(8).int32_value(scope).unwrap_or(0)),
        explicit_curve: args.get(9).is_true(),
        dh_prime: args.get(10).is_array_buffer_view().then(|| owned_bytes(scope, args.get(10))),
        dh_generator: args.get(11).uint32_value(scope).unwrap_or(2),
    };
    let work = move || generate(&params);
    fn ids<'s>(scope: &mut v8::PinScope<'s, '_>, key: PKey<Private>) -> Result<v8::Local<'s, v8::Value>, ErrorStack> {
        let public = v8::Number::new(scope, keep(AsymmetricKey::Public(public_of(&key)?))).into();
        let private = v8::Number::new(scope, keep(AsymmetricKey::Private(key))).into();
        Ok(v8::Array::new_with_elements(scope, &[public, private]).into())
    }
    let request = args.get(5);
    if !request.is_number() {
        match work().and_then(|key| ids(scope, key)) {
            Ok(value) => rv.set(value),
            Err(stack) => throw_openssl(scope, &stack, "Key generation failed"),
        }
        return;
    }
    let request = request.number_value(scope).unwrap_or(0.0);
    RuntimeState::get(scope).run_pool_work("crypto", work, move |scope, result| {
        let request = v8::Number::new(scope, request).into();
        let undefined = v8::undefined(scope).into();
        let (error, value) = match result.and_then(|key| ids(scope, key)) {
            Ok(value) => (undefined, value),
            Err(stack) => (openssl_error(scope, &stack, "Key generation failed"), undefined),
        };
        super::super::call_internal(scope, Internal::CryptoJobDone, &[request, error, value]);
    });
}

/// Whether an Ed25519 or Ed448 verification involves a point of small order, as the public
/// key or as R (the signature's first half). Node answers false then without asking OpenSSL,
/// which accepts some such signatures (WebCrypto's EdDSA verify requires false).
pub(super) fn eddsa_small_order(public: &PKey<Public>, signature: &[u8]) -> bool {
    // An encoding is y, little-endian, with x's sign in the top bit; the small-order points
    // are those whose y (mod p) is 0, 1 or p - 1, and on edwards25519 also the two y of the
    // points of order 8, the roots of d*y^4 + 2*y^2 - 1 that are squares.
    const ED25519_ORDER_8_Y: [&str; 2] = [
        "05FC536D880238B13933C6D305ACDFD5F098EFF289F4C345B027B2C28F95E826",
        "7A03AC9277FDC74EC6CC392CFA53202A0F67100D760B3CBA4FD84D3D706A17C7",
    ];
    let (length, prime, order_8): (usize, &str, &[&str]) = match public.id() {
        Id::ED25519 => (32, "7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFED", &ED25519_ORDER_8_Y),
        Id::ED448 => (
            57,
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
            &[],
        ),
        _ => return false,
    };
    let small = |encoded: &[u8]| -> Option<bool> {
        use openssl::bn::{BigNum, BigNumContext};
        let mut y_bytes: Vec<u8> = encoded.iter().rev().copied().collect();
        y_bytes[0] &= 0x7f;
        let prime = BigNum::from_hex_str(prime).ok()?;
        let mut y = BigNum::new().ok()?;
        let encoded_y = BigNum::from_slice(&y_bytes).ok()?;
        let mut context = BigNumContext::new().ok()?;
        y.nnmod(&encoded_y, &prime, &mut context).ok()?;
        let mut prime_less_one = prime.to_owned().ok()?;
        prime_less_one.sub_word(1).ok()?;
        let mut candidates = vec![BigNum::from_u32(0).ok()?, BigNum::from_u32(1).ok()?, prime_less_one];
        for hex in order_8 {
            candidates.push(BigNum::from_hex_str(hex).ok()?);
        }
        Some(candidates.iter().any(|candidate| *candidate == y))
    };
    let Ok(key) = public.raw_public_key() else { return false };
    let is_small = [key.as_slice(), signature.get(..length).unwrap_or_default()]
        .into_iter()
        .any(|encoded| encoded.len() == length && small(encoded) == Some(true));
    is_small
}

/// The size in bytes of r and s in an IEEE P1363 signature of an EC or DSA key.
fn p1363_half(key: &AsymmetricKey) -> Option<usize> {
    let public = key.public().ok()?;
    match public.id() {
        Id::EC => Some((public.ec_key().ok()?.group().degree() as usize).div_ceil(8)),
        Id::DSA => Some((public.dsa().ok()?.q().num_bits() as usize).div_ceil(8)),
        _ => None,
    }
}

fn digest_for(name: &str) -> Option<MessageDigest> {
    if name.is_empty() {
        None
    } else {
        super::hash::digest_named(name)
    }
}

fn sign_with(key: &PKey<Private>, digest: Option<MessageDigest>, data: &[u8], padding: i32, salt_length: i32) -> Result<Vec<u8>, ErrorStack> {
    let mut signer = match digest {
        Some(digest) => Signer::new(digest, key)?,
        None => Signer::new_without_digest(key)?,
    };
    if matches!(key.id(), Id::RSA | Id::RSA_PSS) {
        if padding >= 0 {
            signer.set_rsa_padding(Padding::from_raw(padding))?;
        }
        if salt_length != i32::MIN {
            signer.set_rsa_pss_saltlen(RsaPssSaltlen::custom(salt_length))?;
        }
    }
    signer.sign_oneshot_to_vec(data)
}

/// Node's streaming Sign and Verify hash the data, then sign or verify that digest
/// (EVP_PKEY_sign): for SM2 this leaves out the Z value that one-shot signing hashes in, so
/// the two signatures differ, as in node (nodejs/node#53761).
fn is_sm2<T>(key: &PKey<T>) -> bool {
    // SAFETY: a live key; OpenSSL 3 names an SM2 key's type so (its legacy id may be EC's).
    unsafe { EVP_PKEY_is_a(key.as_ptr(), c"SM2".as_ptr()) == 1 }
}

fn digest_first_ctx<T>(
    key: &PKey<T>,
    digest: MessageDigest,
    data: &[u8],
    init: impl FnOnce(&mut PkeyCtx<T>) -> Result<(), ErrorStack>,
) -> Result<(PkeyCtx<T>, Vec<u8>), ErrorStack> {
    let hashed = openssl::hash::hash(digest, data)?.to_vec();
    let mut ctx = PkeyCtx::new(key)?;
    init(&mut ctx)?;
    if let Some(md) = Md::from_nid(digest.type_()) {
        ctx.set_signature_md(md)?;
    }
    Ok((ctx, hashed))
}

/// sign(keyId, digest|'', data, padding|-1, saltLength|null, p1363, streaming): the
/// signature; throws OpenSSL's error.
pub(super) fn sign(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(key) = key_of(scope, args.get(0)) else { return };
    let digest = digest_for(&arg_string(scope, &args, 1));
    let data = owned_bytes(scope, args.get(2));
    let padding = args.get(3).int32_value(scope).unwrap_or(-1);
    let salt_length = if args.get(4).is_number() { args.get(4).int32_value(scope).unwrap_or(0) } else { i32::MIN };
    let p1363 = args.get(5).is_true();
    let streaming = args.get(6).is_true();
    ErrorStack::get();
    let AsymmetricKey::Private(private) = &*key else { return };
    let signed = match digest {
        Some(digest) if streaming && is_sm2(private) => digest_first_ctx(private, digest, &data, |ctx| ctx.sign_init()).and_then(|(mut ctx, hashed)| {
            let mut signature = Vec::new();
            ctx.sign_to_vec(&hashed, &mut signature)?;
            Ok(signature)
        }),
        _ => sign_with(private, digest, &data, padding, salt_length),
    };
    let result = signed.and_then(|signature| match p1363_half(&key) {
        Some(half) if p1363 => {
            let parsed = EcdsaSig::from_der(&signature)?;
            let mut out = parsed.r().to_vec_padded(half as i32)?;
            out.extend(parsed.s().to_vec_padded(half as i32)?);
            Ok(out)
        }
        _ => Ok(signature),
    });
    match result {
        Ok(signature) => rv.set(uint8_array(scope, signature).into()),
        Err(stack) => throw_openssl(scope, &stack, "Failed to sign"),
    }
}

/// verify(keyId, digest|'', data, signature, padding|-1, saltLength|null, p1363, streaming):
/// whether the signature is valid; throws OpenSSL's error for a key or digest that cannot
/// verify.
pub(super) fn verify(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(key) = key_of(scope, args.get(0)) else { return };
    let digest = digest_for(&arg_string(scope, &args, 1));
    let data = owned_bytes(scope, args.get(2));
    let mut signature = owned_bytes(scope, args.get(3));
    let padding = args.get(4).int32_value(scope).unwrap_or(-1);
    let salt_length = if args.get(5).is_number() { args.get(5).int32_value(scope).unwrap_or(0) } else { i32::MIN };
    let p1363 = args.get(6).is_true();
    let streaming = args.get(7).is_true();
    ErrorStack::get();
    if p1363 {
        if let Some(half) = p1363_half(&key) {
            if signature.len() != half * 2 {
                rv.set(v8::Boolean::new(scope, false).into());
                return;
            }
            let der = openssl::bn::BigNum::from_slice(&signature[..half])
                .and_then(|r| Ok((r, openssl::bn::BigNum::from_slice(&signature[half..])?)))
                .and_then(|(r, s)| EcdsaSig::from_private_components(r, s))
                .and_then(|sig| sig.to_der());
            match der {
                Ok(der) => signature = der,
                Err(stack) => return throw_openssl(scope, &stack, "Failed to verify"),
            }
        }
    }
    let result = key.public().and_then(|public| {
        if eddsa_small_order(&public, &signature) {
            return Ok(false);
        }
        if let (Some(digest), true, true) = (digest, streaming, is_sm2(&public)) {
            let (mut ctx, hashed) = digest_first_ctx(&public, digest, &data, |ctx| ctx.verify_init())?;
            return Ok(ctx.verify(&hashed, &signature).unwrap_or(false));
        }
        let mut verifier = match digest {
            Some(digest) => Verifier::new(digest, &public)?,
            None => Verifier::new_without_digest(&public)?,
        };
        if matches!(public.id(), Id::RSA | Id::RSA_PSS) {
            if padding >= 0 {
                verifier.set_rsa_padding(Padding::from_raw(padding))?;
            }
            if salt_length != i32::MIN {
                verifier.set_rsa_pss_saltlen(RsaPssSaltlen::custom(salt_length))?;
            }
        }
        Ok(verifier.verify_oneshot(&signature, &data).unwrap_or(false))
    });
    ErrorStack::get();
    match result {
        Ok(valid) => rv.set(v8::Boolean::new(scope, valid).into()),
        Err(stack) => throw_openssl(scope, &stack, "Failed to verify"),
    }
}
