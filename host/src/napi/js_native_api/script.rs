//! Running scripts and the Node-API version.

use napi_sys::*;

use crate::napi::boundary::Status;
use crate::napi::value::{from_napi, out, to_napi};

napi! {
    /// Compiles and runs a string as a classic script in the env's context.
    fn napi_run_script(env: Js, scope, script: napi_value, result: *mut napi_value) {
        let script = from_napi(script)?;
        let result = out(result)?;
        let source = v8::Local::<v8::String>::try_from(script).map_err(|_| Status::StringExpected)?;
        let Some(compiled) = v8::Script::compile(scope, source, None) else {
            if let Some(stray) = env.stray_exception_in_call(scope) {
                scope.throw_exception(stray);
            }
            return Err(Status::GenericFailure.into());
        };
        *result = to_napi(compiled.run(scope).ok_or(Status::GenericFailure)?);
        Ok(())
    }

    /// The highest Node-API version this runtime implements.
    fn napi_get_version(env: Basic, _, result: *mut u32) {
        *out(result)? = crate::napi::NAPI_VERSION;
        Ok(())
    }
}
