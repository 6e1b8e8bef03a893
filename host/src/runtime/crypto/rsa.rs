//! RSA's raw public-key operations (publicEncrypt, privateDecrypt, privateEncrypt,
//! publicDecrypt) on a KeyObject's key, with the padding, OAEP digest and label node accepts.

use openssl::error::ErrorStack;
use openssl::md::Md;
use openssl::pkey_ctx::PkeyCtx;
use foreign_types::ForeignType;
use openssl::pkey::{PKey, Private};
use openssl::rsa::Padding;

use super::super::bindings::{arg_string, uint8_array};
use super::keys::{key_of, AsymmetricKey};
use super::throw_openssl;

pub(super) const OAEP_PADDING: i32 = 4;

/// The operation on the key with the padding and OAEP parameters; a private operation on a
/// public key fails in OpenSSL ("missing private key"), as node's does.
pub(super) fn run(key: &AsymmetricKey, operation: &str, data: &[u8], padding: i32, oaep_md: Option<&openssl::md::MdRef>, label: Option<&[u8]>) -> Result<Vec<u8>, ErrorStack> {
    let key: PKey<Private> = match key {
        AsymmetricKey::Private(key) => key.clone(),
        // SAFETY: a second owned reference to the same EVP_PKEY; OpenSSL checks what the key
        // holds when an operation needs its private half.
        AsymmetricKey::Public(key) => unsafe {
            openssl_sys::EVP_PKEY_up_ref(key.as_ptr());
            PKey::from_ptr(key.as_ptr())
        },
    };
    let mut ctx = PkeyCtx::new(&key)?;
    match operation {
        "publicEncrypt" => ctx.encrypt_init()?,
        "publicDecrypt" => ctx.verify_recover_init()?,
        "privateDecrypt" => ctx.decrypt_init()?,
        _ => ctx.sign_init()?,
    }
    ctx.set_rsa_padding(Padding::from_raw(padding))?;
    if padding == OAEP_PADDING {
        if let Some(md) = oaep_md {
            ctx.set_rsa_oaep_md(md)?;
        }
        if let Some(label) = label {
            ctx.set_rsa_oaep_label(label)?;
        }
    }
    let mut out = Vec::new();
    match operation {
        "publicEncrypt" => {
            ctx.encrypt_to_vec(data, &mut out)?;
        }
        "publicDecrypt" => {
            out = vec![0; key.size()];
            let len = ctx.verify_recover(data, Some(&mut out))?;
            out.truncate(len);
        }
        "privateDecrypt" => {
            ctx.decrypt_to_vec(data, &mut out)?;
        }
        _ => {
            ctx.sign_to_vec(data, &mut out)?;
        }
    }
    Ok(out)
}

/// rsaCipher(keyId, operation, data, padding, oaepHash|undefined, oaepLabel|undefined): the
/// output bytes; undefined for an unknown OAEP digest; throws OpenSSL's error.
pub(super) fn rsa_cipher(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(key) = key_of(scope, args.get(0)) else { return };
    let operation = arg_string(scope, &args, 1);
    let data = super::owned_bytes(scope, args.get(2));
    let padding = args.get(3).int32_value(scope).unwrap_or(OAEP_PADDING);
    let oaep_md = if args.get(4).is_string() {
        match super::hash::digest_named(&arg_string(scope, &args, 4)).and_then(|digest| Md::from_nid(digest.type_())) {
            Some(md) => Some(md),
            None => return,
        }
    } else {
        None
    };
    let label = args.get(5).is_array_buffer_view().then(|| super::owned_bytes(scope, args.get(5)));
    ErrorStack::get();
    match run(&key, &operation, &data, padding, oaep_md, label.as_deref()) {
        Ok(bytes) => rv.set(uint8_array(scope, bytes).into()),
        Err(stack) => throw_openssl(scope, &stack, "RSA operation failed"),
    }
}
