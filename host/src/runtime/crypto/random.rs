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

/// randomBytesJob(size, request): `size` random bytes made off the JS thread, reported
/// through cryptoJobDone (the callback forms of randomBytes, randomFill and generateKey).
pub(super) fn random_bytes_job(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let size = args.get(0).number_value(scope).unwrap_or(0.0) as usize;
    let request = args.get(1).number_value(scope).unwrap_or(0.0);
    run_job(scope, request, move || {
        let mut bytes = vec![0; size];
        for chunk in bytes.chunks_mut(1 << 30) {
            openssl::rand::rand_bytes(chunk)?;
        }
        Ok(bytes)
    });
}

use openssl::bn::{BigNum, BigNumContext};
use openssl::error::ErrorStack;

use super::{owned_bytes, run_job, sync_or_job};

/// primeGenerate(bits, safe, add|undefined, rem|undefined[, request]): a random prime's
/// big-endian bytes now, or later; "invalid options.add"/"invalid options.rem" (as a string)
/// when add has more bits than the prime or rem is not below add.
pub(super) fn prime_generate(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let bits = args.get(0).int32_value(scope).unwrap_or(0);
    let safe = args.get(1).is_true();
    let number = |scope: &mut v8::PinScope, index: i32| {
        let value = args.get(index);
        if value.is_array_buffer_view() { BigNum::from_slice(&owned_bytes(scope, value)).ok() } else { None }
    };
    let (add, rem) = (number(scope, 2), number(scope, 3));
    if let Some(add) = &add {
        let problem = if add.num_bits() > bits {
            Some("invalid options.add")
        } else if rem.as_ref().is_some_and(|rem| rem >= add) {
            Some("invalid options.rem")
        } else {
            None
        };
        if let Some(problem) = problem {
            let message = super::super::bindings::string(scope, problem);
            return rv.set(message.into());
        }
    }
    sync_or_job(scope, &args, &mut rv, 4, move || {
        let mut prime = BigNum::new()?;
        prime.generate_prime(bits, safe, add.as_deref(), rem.as_deref())?;
        Ok(prime.to_vec())
    });
}

/// primeCheck(candidate, checks[, request]): [1] when the candidate is (probably) prime, else
/// [0], now or later; throws OpenSSL's error for a candidate too long for a BIGNUM.
pub(super) fn prime_check(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let bytes = super::view_bytes(scope, args.get(0)).map(|bytes| BigNum::from_slice(bytes));
    let checks = args.get(1).int32_value(scope).unwrap_or(0);
    let candidate = match bytes {
        Some(Ok(candidate)) => candidate,
        Some(Err(stack)) => return throw_openssl(scope, &stack, "BignumPointer"),
        None => return,
    };
    ErrorStack::get();
    sync_or_job(scope, &args, &mut rv, 2, move || {
        let mut context = BigNumContext::new()?;
        Ok(vec![candidate.is_prime(checks, &mut context)? as u8])
    });
}
