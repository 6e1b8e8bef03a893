//! vm contexts: a new V8 context whose global object reads and writes through a "sandbox"
//! object (node's contextified object), and running scripts in a context with a timeout.

use std::sync::mpsc;
use std::time::Duration;

use super::bindings::throw_type_error;

type Intercepted = v8::Intercepted;

fn sandbox<'s>(args: &v8::PropertyCallbackArguments<'s>) -> v8::Local<'s, v8::Object> {
    args.data().cast::<v8::Object>()
}

/// A global property read: the sandbox's (own or inherited) property when it has one.
fn get_property(scope: &mut v8::PinScope, key: v8::Local<v8::Name>, args: v8::PropertyCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) -> Intercepted {
    match sandbox(&args).get_real_named_property(scope, key) {
        Some(value) => {
            rv.set(value);
            Intercepted::kYes
        }
        None => Intercepted::kNo,
    }
}

/// A global property write goes to the sandbox only.
fn set_property(scope: &mut v8::PinScope, key: v8::Local<v8::Name>, value: v8::Local<v8::Value>, args: v8::PropertyCallbackArguments, _rv: v8::ReturnValue<v8::Boolean>) -> Intercepted {
    sandbox(&args).set(scope, key.into(), value);
    Intercepted::kYes
}

/// `var`, function declarations and Object.defineProperty(globalThis, …) define on the sandbox.
fn define_property(scope: &mut v8::PinScope, key: v8::Local<v8::Name>, descriptor: &v8::PropertyDescriptor, args: v8::PropertyCallbackArguments, _rv: v8::ReturnValue<v8::Boolean>) -> Intercepted {
    let sandbox = sandbox(&args);
    if descriptor.has_get() || descriptor.has_set() {
        let get = if descriptor.has_get() { descriptor.get() } else { v8::undefined(scope).into() };
        let set = if descriptor.has_set() { descriptor.set() } else { v8::undefined(scope).into() };
        let mut copy = v8::PropertyDescriptor::new_from_get_set(get, set);
        copy_flags(descriptor, &mut copy);
        sandbox.define_property(scope, key, &copy);
    } else if descriptor.has_value() {
        let writable = !descriptor.has_writable() || descriptor.writable();
        let mut copy = v8::PropertyDescriptor::new_from_value_writable(descriptor.value(), writable);
        copy_flags(descriptor, &mut copy);
        sandbox.define_property(scope, key, &copy);
    }
    Intercepted::kYes
}

fn copy_flags(from: &v8::PropertyDescriptor, to: &mut v8::PropertyDescriptor) {
    to.set_enumerable(!from.has_enumerable() || from.enumerable());
    to.set_configurable(!from.has_configurable() || from.configurable());
}

/// The attributes of a property the sandbox has as its own.
fn query_property(scope: &mut v8::PinScope, key: v8::Local<v8::Name>, args: v8::PropertyCallbackArguments, mut rv: v8::ReturnValue<v8::Integer>) -> Intercepted {
    let sandbox = sandbox(&args);
    if sandbox.has_real_named_property(scope, key) != Some(true) {
        return Intercepted::kNo;
    }
    let attributes = sandbox.get_property_attributes(scope, key.into()).unwrap_or(v8::PropertyAttribute::NONE);
    rv.set(v8::Integer::new(scope, attributes.as_u32() as i32));
    Intercepted::kYes
}

/// The descriptor of a property the sandbox has as its own.
fn describe_property(scope: &mut v8::PinScope, key: v8::Local<v8::Name>, args: v8::PropertyCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) -> Intercepted {
    let sandbox = sandbox(&args);
    if sandbox.has_real_named_property(scope, key) != Some(true) {
        return Intercepted::kNo;
    }
    match sandbox.get_own_property_descriptor(scope, key) {
        Some(descriptor) => {
            rv.set(descriptor);
            Intercepted::kYes
        }
        None => Intercepted::kNo,
    }
}

/// `delete x` removes it from the sandbox (and then the global); false when the sandbox refuses.
fn delete_property(scope: &mut v8::PinScope, key: v8::Local<v8::Name>, args: v8::PropertyCallbackArguments, mut rv: v8::ReturnValue<v8::Boolean>) -> Intercepted {
    if sandbox(&args).delete(scope, key.into()) == Some(true) {
        return Intercepted::kNo;
    }
    rv.set_bool(false);
    Intercepted::kYes
}

/// The global's keys include the sandbox's.
fn enumerate_properties(scope: &mut v8::PinScope, args: v8::PropertyCallbackArguments, mut rv: v8::ReturnValue<v8::Array>) {
    if let Some(names) = sandbox(&args).get_own_property_names(scope, Default::default()) {
        rv.set(names);
    }
}

/// makeContext(sandbox): a new context whose global forwards to `sandbox`; returns that global.
/// makeContext(): a new context with an ordinary global (vm.constants.DONT_CONTEXTIFY).
pub fn make_context(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    if args.get(0).is_undefined() {
        let context = v8::Context::new(scope, v8::ContextOptions::default());
        let token = scope.get_current_context().get_security_token(scope);
        context.set_security_token(token);
        rv.set(context.global(scope).into());
        return;
    }
    let Ok(sandbox) = v8::Local::<v8::Object>::try_from(args.get(0)) else {
        return throw_type_error(scope, "makeContext(sandbox) takes an object");
    };
    let template = v8::ObjectTemplate::new(scope);
    template.set_named_property_handler(
        v8::NamedPropertyHandlerConfiguration::new()
            .getter(get_property)
            .setter(set_property)
            .definer(define_property)
            .query(query_property)
            .descriptor(describe_property)
            .deleter(delete_property)
            .enumerator(enumerate_properties)
            .data(sandbox.into()),
    );
    let context = v8::Context::new(scope, v8::ContextOptions { global_template: Some(template), ..Default::default() });
    // One security token for every context, as node has, so objects pass between them.
    let token = scope.get_current_context().get_security_token(scope);
    context.set_security_token(token);
    rv.set(context.global(scope).into());
}

/// runScript(code, filename, lineOffset, columnOffset, contextGlobal, timeoutMs, compileOnly,
/// hostKey, displayErrors): compiles `code` as a script and runs it in the context
/// `contextGlobal` belongs to (the current one when undefined); its import() goes to vm's
/// handler `hostKey` when given. A run longer than `timeoutMs` ends with
/// ERR_SCRIPT_EXECUTION_TIMEOUT; with displayErrors, errors get node's source arrow at the top
/// of their stack.
pub fn run_script(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let (Ok(source), Ok(filename)) = (v8::Local::<v8::String>::try_from(args.get(0)), v8::Local::<v8::String>::try_from(args.get(1))) else {
        return throw_type_error(scope, "runScript(code, filename, …) takes strings");
    };
    let line = args.get(2).int32_value(scope).unwrap_or(0);
    let column = args.get(3).int32_value(scope).unwrap_or(0);
    let context = match v8::Local::<v8::Object>::try_from(args.get(4)) {
        Ok(global) => match global.get_creation_context(scope) {
            Some(context) => context,
            None => return throw_type_error(scope, "not a vm context"),
        },
        Err(_) => scope.get_current_context(),
    };
    let timeout = args.get(5).number_value(scope).filter(|ms| *ms > 0.0);
    let compile_only = args.get(6).is_true();
    let host_options = super::modules::vm_host_options(scope, args.get(7));
    let display_errors = !args.get(8).is_false();
    let scope = &mut v8::ContextScope::new(scope, context);
    v8::tc_scope!(let tc, scope);
    let origin = v8::ScriptOrigin::new(tc, filename.into(), line, column, false, -1, None, false, false, false, host_options);
    let result = match v8::Script::compile(tc, source, Some(&origin)) {
        Some(_) if compile_only => return,
        Some(script) => match timeout {
            Some(ms) => match with_watchdog(tc, ms, |scope| script.run(scope)) {
                (Some(value), _) => Ok(value),
                (None, expired) if expired || tc.has_terminated() => {
                    tc.cancel_terminate_execution();
                    tc.reset();
                    Err(true)
                }
                (None, _) => Err(false),
            },
            None => script.run(tc).ok_or(false),
        },
        None => Err(false),
    };
    match result {
        Ok(value) => rv.set(value),
        Err(true) => {
            let ms = timeout.unwrap_or_default();
            let error = super::bindings::coded_error(tc, v8::Exception::error, &format!("Script execution timed out after {ms}ms"), "ERR_SCRIPT_EXECUTION_TIMEOUT");
            tc.throw_exception(error);
            tc.rethrow();
        }
        Err(false) => {
            if let (true, Some(exception), Some(message)) = (display_errors, tc.exception(), tc.message()) {
                super::fatal::decorate_stack(tc, exception, message);
            }
            tc.rethrow();
        }
    }
}

/// Runs `run`, terminating it from a watchdog thread after `ms`; whether that happened.
pub(super) fn with_watchdog<'s, T>(scope: &mut v8::PinScope<'s, '_>, ms: f64, run: impl FnOnce(&mut v8::PinScope<'s, '_>) -> Option<T>) -> (Option<T>, bool) {
    let (done, finished) = mpsc::channel::<()>();
    let isolate = scope.thread_safe_handle();
    let watchdog = std::thread::spawn(move || {
        let expired = finished.recv_timeout(Duration::from_secs_f64(ms / 1000.0)) == Err(mpsc::RecvTimeoutError::Timeout);
        if expired {
            isolate.terminate_execution();
        }
        expired
    });
    let result = run(scope);
    let _ = done.send(());
    (result, watchdog.join().unwrap_or(false))
}
