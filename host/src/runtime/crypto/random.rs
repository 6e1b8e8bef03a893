//! Random bytes from OpenSSL's RAND (its DRBG, seeded from the kernel, as node's).

use super::{throw_openssl, view_bytes};

/// randomFill(view): fills the view with random bytes; throws OpenSSL's error when its
/// generator cannot be fetched (FIPS asked for with no FIPS provider).
pub(super) fn random_fill(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(bytes) = view_bytes(scope, args.get(0)) else { return };
    for chunk in bytes.chunks_mut(1 << 30) {
        if let Err(stack) = openssl::rand::rand_bytes(chunk) {
            return throw_openssl(scope, &stack, "Random bytes generation failed");
        }
    }
}
