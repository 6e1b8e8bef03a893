//! OpenSSL engines, through the ENGINE API OpenSSL 3 still has (deprecated there):
//! `crypto.setEngine` and tls's `clientCertEngine` and `privateKeyEngine` load one by id,
//! else as a shared library through the "dynamic" engine, as node does.

use std::ffi::{c_char, c_int, c_uint, c_void, CString};

use openssl::error::ErrorStack;
use openssl_sys::{ENGINE, EVP_PKEY, SSL_CTX};

use super::string;

extern "C" {
    fn ENGINE_load_builtin_engines();
    fn ENGINE_by_id(id: *const c_char) -> *mut ENGINE;
    fn ENGINE_ctrl_cmd_string(engine: *mut ENGINE, command: *const c_char, argument: *const c_char, optional: c_int) -> c_int;
    fn ENGINE_init(engine: *mut ENGINE) -> c_int;
    fn ENGINE_finish(engine: *mut ENGINE) -> c_int;
    fn ENGINE_free(engine: *mut ENGINE) -> c_int;
    fn ENGINE_set_default(engine: *mut ENGINE, flags: c_uint) -> c_int;
    fn ENGINE_load_private_key(engine: *mut ENGINE, key_id: *const c_char, ui: *mut c_void, data: *mut c_void) -> *mut EVP_PKEY;
    fn SSL_CTX_set_client_cert_engine(ctx: *mut SSL_CTX, engine: *mut ENGINE) -> c_int;
}

/// A structural reference to an engine, and a functional one once initialised.
pub(in crate::runtime) struct Engine {
    engine: *mut ENGINE,
    initialized: bool,
}

// SAFETY: OpenSSL's engine references are reference counts under its own lock.
unsafe impl Send for Engine {}
unsafe impl Sync for Engine {}

impl Drop for Engine {
    fn drop(&mut self) {
        // SAFETY: releases the references this value holds.
        unsafe {
            if self.initialized {
                ENGINE_finish(self.engine);
            }
            ENGINE_free(self.engine);
        }
    }
}

/// A C string of `text` up to its first NUL, as node's natives read a JS string.
fn c_string(text: &str) -> CString {
    let end = text.find('\0').unwrap_or(text.len());
    CString::new(&text[..end]).unwrap_or_default()
}

impl Engine {
    /// The engine with this id, else the shared library at this path loaded through the
    /// "dynamic" engine; OpenSSL's errors of both attempts when neither works.
    pub(in crate::runtime) fn load(id: &str) -> Result<Engine, ErrorStack> {
        let id = c_string(id);
        // Node lists OpenSSL's built-in engines (rdrand, dynamic) as it starts.
        static BUILTIN: std::sync::Once = std::sync::Once::new();
        // SAFETY: registers the built-in engines in OpenSSL's engine list.
        BUILTIN.call_once(|| unsafe { ENGINE_load_builtin_engines() });
        // SAFETY: NUL-terminated strings; each engine found is owned by the Engine made of it.
        unsafe {
            let mut engine = ENGINE_by_id(id.as_ptr());
            if engine.is_null() {
                engine = ENGINE_by_id(c"dynamic".as_ptr());
                if !engine.is_null()
                    && (ENGINE_ctrl_cmd_string(engine, c"SO_PATH".as_ptr(), id.as_ptr(), 0) == 0
                        || ENGINE_ctrl_cmd_string(engine, c"LOAD".as_ptr(), std::ptr::null(), 0) == 0)
                {
                    ENGINE_free(engine);
                    engine = std::ptr::null_mut();
                }
            }
            let errors = ErrorStack::get();
            if engine.is_null() {
                return Err(errors);
            }
            Ok(Engine { engine, initialized: false })
        }
    }

    /// ENGINE_init: false when the engine cannot start.
    pub(in crate::runtime) fn init(&mut self) -> bool {
        // SAFETY: a live engine; the functional reference is released on drop.
        self.initialized = self.initialized || unsafe { ENGINE_init(self.engine) } == 1;
        self.initialized
    }

    /// Makes the engine OpenSSL's default for the methods `flags` name.
    pub(in crate::runtime) fn set_default(&self, flags: u32) -> bool {
        // SAFETY: a live engine; OpenSSL's tables take their own references.
        let done = unsafe { ENGINE_set_default(self.engine, flags) } == 1;
        drop(ErrorStack::get());
        done
    }

    /// The private key the engine holds under `key_id`.
    pub(in crate::runtime) fn private_key(&self, key_id: &str) -> Result<openssl::pkey::PKey<openssl::pkey::Private>, ErrorStack> {
        let key_id = c_string(key_id);
        // SAFETY: an initialised engine; the key returned is owned by the PKey.
        let key = unsafe { ENGINE_load_private_key(self.engine, key_id.as_ptr(), std::ptr::null_mut(), std::ptr::null_mut()) };
        if key.is_null() {
            return Err(ErrorStack::get());
        }
        // SAFETY: a fresh key this call owns.
        Ok(unsafe { <openssl::pkey::PKey<openssl::pkey::Private> as foreign_types::ForeignType>::from_ptr(key) })
    }

    /// SSL_CTX_set_client_cert_engine: the context takes its own reference.
    pub(in crate::runtime) fn use_for_client_certs(&self, ctx: *mut SSL_CTX) -> Result<(), ErrorStack> {
        // SAFETY: a live context and engine.
        if unsafe { SSL_CTX_set_client_cert_engine(ctx, self.engine) } == 1 {
            Ok(())
        } else {
            Err(ErrorStack::get())
        }
    }
}

/// The error node makes of an engine that would not load: the earliest of OpenSSL's errors
/// as message and the others (latest first) as `opensslErrorStack`, with no code.
pub(in crate::runtime) fn load_error<'s>(scope: &mut v8::PinScope<'s, '_>, id: &str, errors: &ErrorStack) -> v8::Local<'s, v8::Value> {
    let Some((first, others)) = errors.errors().split_first() else {
        let message = string(scope, &format!("Engine \"{id}\" was not found"));
        return v8::Exception::error(scope, message);
    };
    let message = string(scope, &super::error_text(first.code()));
    let error = v8::Exception::error(scope, message);
    if !others.is_empty() {
        let others: Vec<_> = others.iter().rev().map(|other| string(scope, &super::error_text(other.code())).into()).collect();
        let list = v8::Array::new_with_elements(scope, &others);
        let object = error.to_object(scope).unwrap();
        let key = string(scope, "opensslErrorStack");
        object.set(scope, key.into(), list.into());
    }
    error
}

/// setEngine(id, flags): whether the engine loaded and became the default for `flags`.
pub(super) fn set_engine(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args.get(0).to_rust_string_lossy(scope);
    let flags = args.get(1).uint32_value(scope).unwrap_or(0);
    let done = Engine::load(&id).is_ok_and(|engine| engine.set_default(flags));
    rv.set(v8::Boolean::new(scope, done).into());
}
