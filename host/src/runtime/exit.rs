//! How a program ends: uncaught exceptions (node's TriggerUncaughtException), 'exit',
//! process.exit for the process, a worker or an embedder's program, fatal errors.

use super::internals::Internal;
use super::trace_events::{self as trace, ENVIRONMENT};
use super::{bindings, fatal, RuntimeState};

/// The entry points' TryCatches are verbose (so the debugger sees their exceptions as
/// uncaught, as node's); anode reports what they catch itself, and this listener keeps V8
/// from printing its own "Uncaught ..." line for them as it does when no listener is set.
pub(crate) fn install_message_listener(isolate: &mut v8::Isolate) {
    unsafe extern "C" fn reported_by_anode(_message: v8::Local<v8::Message>, _error: v8::Local<v8::Value>) {}
    isolate.add_message_listener(reported_by_anode);
}

/// Sends the exception a TryCatch caught through `trigger_uncaught`.
pub(crate) fn handle_exception(tc: &mut v8::PinnedRef<v8::TryCatch<v8::HandleScope>>) {
    if tc.has_terminated() {
        return;
    }
    let Some(exception) = tc.exception() else { return };
    let message = tc.message();
    tc.reset();
    trigger_uncaught(tc, exception, message, false);
}
/// Node's TriggerUncaughtException: 'uncaughtException' listeners get the error; with none,
/// it is printed and the process exits with 1 (7 when a listener itself throws).
pub(crate) fn trigger_uncaught(
    scope: &mut v8::PinScope,
    exception: v8::Local<v8::Value>,
    message: Option<v8::Local<v8::Message>>,
    from_promise: bool,
) {
    let (internals, handler) = RuntimeState::get(scope).internal_function(scope, Internal::FatalException).expect("bootstrapped");
    let from_promise = v8::Boolean::new(scope, from_promise).into();
    v8::tc_scope!(let tc, scope);
    let (exception, message, code) = match handler.call(tc, internals.into(), &[exception, from_promise]) {
        Some(handled) if handled.is_true() => return,
        // process._fatalException is no function: the error is printed (by a worker too) and
        // the process or worker ends with 6 at once, without 'exit', as node's env->Exit.
        Some(code) if code.is_int32() => {
            let code = code.int32_value(tc).unwrap_or(1);
            fatal::print(tc, exception, message);
            return really_exit(tc, code);
        }
        Some(_) => (exception, message, 1),
        None if tc.has_terminated() => return,
        // A listener threw: that error, 7 (a worker's Worker gets it with 1, as in node).
        None => {
            let code = if RuntimeState::get(tc).worker.is_some() { 1 } else { 7 };
            (tc.exception().unwrap_or(exception), tc.message(), code)
        }
    };
    // A worker's uncaught exception goes to its Worker object's 'error' event.
    match &RuntimeState::get(tc).worker {
        Some(link) => link.report_error(tc, exception),
        None => fatal::print(tc, exception, message),
    }
    exit(tc, Some(code));
}
/// Emits 'exit' and ends the process at once (`code` overrides process.exitCode); on a
/// worker thread, stops the worker instead and returns.
pub(crate) fn exit(scope: &mut v8::PinScope, code: Option<i32>) {
    let code = emit_exit(scope, code);
    really_exit(scope, code);
}
/// Ends the process with `code`, or stops the worker whose thread this is, or an
/// embedder's program.
pub(crate) fn really_exit(scope: &mut v8::PinScope, code: i32) {
    let state = RuntimeState::get(scope);
    if let Some(link) = &state.worker {
        return link.stop(scope, code);
    }
    if let Some(exit) = &state.embedded_exit {
        exit.set(Some(code));
        return terminate_now(scope);
    }
    drop(trace::Span::begin(ENVIRONMENT, "AtExit"));
    trace::shutdown();
    super::inspector::wait_for_disconnect(scope);
    super::compile_cache::persist();
    super::webstorage::close_all();
    bindings::flush_stdio();
    std::process::exit(code)
}
/// Terminates the isolate's JS at once: V8 acts on the request at its next check, and
/// entering JS makes that now, so the JS that asked (process.exit) unwinds at once,
/// through any native caller.
pub(crate) fn terminate_now(scope: &mut v8::PinScope) {
    scope.terminate_execution();
    let source = v8::String::new(scope, "0").unwrap();
    if let Some(script) = v8::Script::compile(scope, source, None) {
        script.run(scope);
    }
}
/// Emits 'exit' (once) and returns the exit code.
pub(super) fn emit_exit(scope: &mut v8::PinScope, code: Option<i32>) -> i32 {
    let code_arg: v8::Local<v8::Value> = match code {
        Some(c) => v8::Integer::new(scope, c).into(),
        None => v8::undefined(scope).into(),
    };
    let mut final_code = code.unwrap_or(0);
    let Some((internals, emit)) = RuntimeState::get(scope).internal_function(scope, Internal::EmitExit) else { return final_code };
    v8::tc_scope!(let tc, scope);
    match emit.call(tc, internals.into(), &[code_arg]) {
        Some(v) => final_code = v.int32_value(tc).unwrap_or(final_code),
        None if tc.has_terminated() => {}
        // An 'exit' listener threw: as from any callback, the error is uncaught (the rest of
        // the listeners don't run); when a listener handles it, the exit goes on with
        // process.exitCode ('exit' is not emitted again).
        None => {
            let Some(exception) = tc.exception() else { return 7 };
            let message = tc.message();
            tc.reset();
            trigger_uncaught(tc, exception, message, false);
            let undefined = v8::undefined(tc).into();
            final_code = match emit.call(tc, internals.into(), &[undefined]) {
                Some(v) => v.int32_value(tc).unwrap_or(final_code),
                None => 7,
            };
        }
    }
    final_code
}
/// process.emitWarning(message, type, code).
pub fn emit_warning(scope: &mut v8::PinScope, message: &str, kind: &str, code: &str) {
    let context = scope.get_current_context();
    let global = context.global(scope);
    let key = v8::String::new(scope, "process").unwrap();
    let Some(process) = global.get(scope, key.into()).and_then(|p| v8::Local::<v8::Object>::try_from(p).ok()) else { return };
    let key = v8::String::new(scope, "emitWarning").unwrap();
    let Some(emit) = process.get(scope, key.into()).and_then(|f| v8::Local::<v8::Function>::try_from(f).ok()) else { return };
    let args: Vec<v8::Local<v8::Value>> = [message, kind, code].iter().map(|s| v8::String::new(scope, s).unwrap().into()).collect();
    v8::tc_scope!(let tc, scope);
    emit.call(tc, process.into(), &args);
}
/// The normal end of the process: 'exit' listeners, then the cleanup hooks (addons' and
/// every Node-API env's teardown), as node's FreeEnvironment runs after 'exit'.
pub(super) fn exit_with_teardown(scope: &mut v8::PinScope) -> ! {
    let code = emit_exit(scope, None);
    let cleanup = trace::Span::begin(ENVIRONMENT, "RunCleanup");
    crate::napi::cleanup::run_cleanup_hooks(scope);
    drop(cleanup);
    drop(trace::Span::begin(ENVIRONMENT, "AtExit"));
    trace::emit('e', ENVIRONMENT, "Environment", Some(trace::environment_id(&RuntimeState::get(scope))), serde_json::json!({}));
    trace::shutdown();
    super::inspector::wait_for_disconnect(scope);
    super::compile_cache::persist();
    super::webstorage::close_all();
    bindings::flush_stdio();
    std::process::exit(code)
}
/// Node's OnFatalError: prints `FATAL ERROR: [location] message` and aborts.
pub fn fatal_error(location: Option<&str>, message: &str) -> ! {
    bindings::flush_stdio();
    let text = match location {
        Some(location) => format!("FATAL ERROR: {location} {message}\n"),
        None => format!("FATAL ERROR: {message}\n"),
    };
    bindings::write_stderr(&text);
    std::process::abort()
}

thread_local! {
    /// Node's should_abort_on_uncaught_toggle: off while an uncaught exception capture
    /// callback (or a domain) takes uncaught errors.
    static ABORT_ON_UNCAUGHT: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

extern "C" fn should_abort_on_uncaught_exception(_isolate: v8::UnsafeRawIsolatePtr) -> bool {
    ABORT_ON_UNCAUGHT.with(|toggle| toggle.get())
}

/// A worker's uncaught exceptions end the worker (its 'error' event), never the process.
extern "C" fn never_abort_on_uncaught_exception(_isolate: v8::UnsafeRawIsolatePtr) -> bool {
    false
}

/// Under --abort-on-uncaught-exception, V8 asks before aborting on an exception nothing will
/// catch; the answer is no while a capture callback takes them (each isolate has a thread),
/// and always no on a worker's thread, as in node.
pub(crate) fn install_abort_on_uncaught_check(isolate: &mut v8::Isolate, is_worker: bool) {
    let callback: extern "C" fn(v8::UnsafeRawIsolatePtr) -> bool =
        if is_worker { never_abort_on_uncaught_exception } else { should_abort_on_uncaught_exception };
    crate::napi::set_abort_on_uncaught_exception_callback(isolate, callback);
}

/// While alive, --abort-on-uncaught-exception does not abort: around compiling code whose
/// errors native code catches and hands back to the JS that asked (node's
/// ShouldNotAbortOnUncaughtScope).
pub(crate) struct NoAbortOnUncaught(bool);

impl NoAbortOnUncaught {
    pub(crate) fn new() -> NoAbortOnUncaught {
        NoAbortOnUncaught(ABORT_ON_UNCAUGHT.with(|toggle| toggle.replace(false)))
    }
}

impl Drop for NoAbortOnUncaught {
    fn drop(&mut self) {
        ABORT_ON_UNCAUGHT.with(|toggle| toggle.set(self.0));
    }
}

/// setAbortOnUncaught(on): whether --abort-on-uncaught-exception aborts (off while a capture
/// callback is set).
pub(crate) fn set_abort_on_uncaught(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let on = args.get(0).boolean_value(scope);
    ABORT_ON_UNCAUGHT.with(|toggle| toggle.set(on));
}
