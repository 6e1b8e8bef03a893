//! process.env: an ordinary object whose named properties are the process environment, read
//! and written through V8 interceptors as node's is (so it clones, spreads and inspects as
//! a plain object, and is no Proxy). Values are stored as strings; setenv and unsetenv make
//! changes visible to addons calling getenv, and a new TZ reaches libc's and V8's dates.
//!
//! `createEnv(hooks)` takes two JS functions: `hooks.nonStringValue(value)`, called for a
//! value that is not a string, number or boolean (DEP0104), and
//! `hooks.definePropertyError(accessor)`, which builds the ERR_INVALID_OBJECT_DEFINE_PROPERTY
//! error that Object.defineProperty throws for a descriptor process.env refuses.
//!
//! A worker's variables are its own table unless it shares its parent's (`PrivateEnv`).

use super::*;
use std::sync::{Arc, Mutex};

type Intercepted = v8::Intercepted;

/// A worker's own variables (node's map store): a copy of its parent's or the ones its
/// Worker was given, which setenv never sees. Shared by the threads of `env: SHARE_ENV`.
pub(crate) type PrivateEnv = Arc<Mutex<Vec<(String, String)>>>;

/// Where this runtime's variables live: its private table, or the process environment.
fn private_env(scope: &mut v8::PinScope) -> Option<PrivateEnv> {
    RuntimeState::get(scope).worker.as_ref().and_then(|link| link.env.clone())
}

fn lookup(scope: &mut v8::PinScope, name: &str) -> Option<String> {
    match private_env(scope) {
        Some(env) => env.lock().unwrap().iter().find(|(key, _)| key == name).map(|(_, value)| value.clone()),
        None => std::env::var_os(name).map(|value| value.to_string_lossy().into_owned()),
    }
}

/// All variables, in the order the table or the environment keeps them.
fn variables(scope: &mut v8::PinScope) -> Vec<(String, String)> {
    match private_env(scope) {
        Some(env) => env.lock().unwrap().clone(),
        None => std::env::vars_os()
            .map(|(name, value)| (name.to_string_lossy().into_owned(), value.to_string_lossy().into_owned()))
            .collect(),
    }
}

/// A new worker's variables from its `env` option as worker_threads passes it: `true` shares
/// this runtime's (None: the process environment), an array of [name, value] pairs is its
/// own table, anything else (null) a copy of this runtime's.
pub(crate) fn worker_env(scope: &mut v8::PinScope, spec: v8::Local<v8::Value>) -> Option<PrivateEnv> {
    if spec.is_true() {
        return private_env(scope);
    }
    let table = match v8::Local::<v8::Array>::try_from(spec) {
        Ok(pairs) => (0..pairs.length())
            .filter_map(|i| pairs.get_index(scope, i))
            .filter_map(|pair| v8::Local::<v8::Array>::try_from(pair).ok())
            .filter_map(|pair| Some((pair.get_index(scope, 0)?.to_rust_string_lossy(scope), pair.get_index(scope, 1)?.to_rust_string_lossy(scope))))
            .collect(),
        Err(_) => variables(scope),
    };
    Some(Arc::new(Mutex::new(table)))
}

fn assign(scope: &mut v8::PinScope, name: &str, value: String) {
    match private_env(scope) {
        Some(env) => {
            let mut env = env.lock().unwrap();
            match env.iter_mut().find(|(key, _)| key == name) {
                Some(entry) => entry.1 = value,
                None => env.push((name.to_string(), value)),
            }
        }
        None => {
            // SAFETY: the JS thread is the only one that changes the environment.
            unsafe { std::env::set_var(name, value) };
            if name == "TZ" {
                time_zone_changed(scope);
            }
        }
    }
}

fn remove(scope: &mut v8::PinScope, name: &str) {
    match private_env(scope) {
        Some(env) => env.lock().unwrap().retain(|(key, _)| key != name),
        None => {
            // SAFETY: as in `assign`.
            unsafe { std::env::remove_var(name) };
            if name == "TZ" {
                time_zone_changed(scope);
            }
        }
    }
}

fn valid_name(name: &str) -> bool {
    !name.is_empty() && !name.contains('=') && !name.contains('\0')
}

fn time_zone_changed(scope: &mut v8::PinScope) {
    unsafe extern "C" {
        fn tzset();
    }
    // SAFETY: tzset rereads TZ; only the JS thread changes the environment.
    unsafe { tzset() };
    scope.date_time_configuration_change_notification(v8::TimeZoneDetection::Redetect);
}

fn hook<'s>(scope: &mut v8::PinScope<'s, '_>, args: &v8::PropertyCallbackArguments<'s>, name: &str) -> Option<v8::Local<'s, v8::Function>> {
    let hooks = args.data().cast::<v8::Object>();
    let key = string(scope, name);
    hooks.get(scope, key.into()).and_then(|value| v8::Local::<v8::Function>::try_from(value).ok())
}

fn get_variable(scope: &mut v8::PinScope, key: v8::Local<v8::Name>, _args: v8::PropertyCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) -> Intercepted {
    if key.is_symbol() {
        rv.set_undefined();
        return Intercepted::kYes;
    }
    let name = key.to_rust_string_lossy(scope);
    match lookup(scope, &name) {
        Some(value) => {
            rv.set(string(scope, &value).into());
            Intercepted::kYes
        }
        // Names the environment lacks read through to Object.prototype, as node's do.
        None => Intercepted::kNo,
    }
}

/// Stores `value` as a string under `key` (a symbol key throws, as converting it does).
fn store<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, value: v8::Local<'s, v8::Value>, args: &v8::PropertyCallbackArguments<'s>) {
    if !value.is_string() && !value.is_number() && !value.is_boolean() {
        if let Some(warn) = hook(scope, args, "nonStringValue") {
            let receiver = v8::undefined(scope).into();
            if warn.call(scope, receiver, &[value]).is_none() {
                return;
            }
        }
    }
    let Some(name) = key.to_string(scope) else { return };
    let Some(text) = value.to_string(scope) else { return };
    let name = name.to_rust_string_lossy(scope);
    let text = text.to_rust_string_lossy(scope);
    if valid_name(&name) && !text.contains('\0') {
        assign(scope, &name, text);
    }
}

fn set_variable<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, value: v8::Local<'s, v8::Value>, args: v8::PropertyCallbackArguments<'s>, _rv: v8::ReturnValue<v8::Boolean>) -> Intercepted {
    store(scope, key, value, &args);
    Intercepted::kYes
}

/// A variable is a writable, enumerable, configurable data property.
fn query_variable(scope: &mut v8::PinScope, key: v8::Local<v8::Name>, _args: v8::PropertyCallbackArguments, mut rv: v8::ReturnValue<v8::Integer>) -> Intercepted {
    if key.is_string() && lookup(scope, &key.to_rust_string_lossy(scope)).is_some() {
        rv.set(v8::Integer::new(scope, v8::PropertyAttribute::NONE.as_u32() as i32));
        return Intercepted::kYes;
    }
    Intercepted::kNo
}

/// `delete process.env.X` unsets X and is always true (process.env has no fixed properties).
fn delete_variable(scope: &mut v8::PinScope, key: v8::Local<v8::Name>, _args: v8::PropertyCallbackArguments, mut rv: v8::ReturnValue<v8::Boolean>) -> Intercepted {
    if key.is_string() {
        let name = key.to_rust_string_lossy(scope);
        if valid_name(&name) {
            remove(scope, &name);
        }
    }
    rv.set_bool(true);
    Intercepted::kYes
}

fn list_variables(scope: &mut v8::PinScope, _args: v8::PropertyCallbackArguments, mut rv: v8::ReturnValue<v8::Array>) {
    let names: Vec<v8::Local<v8::Value>> = variables(scope).into_iter().map(|(name, _)| string(scope, &name).into()).collect();
    rv.set(v8::Array::new_with_elements(scope, &names));
}

/// Object.defineProperty(process.env, …) takes only a writable, enumerable, configurable
/// data descriptor, each attribute given.
fn define_variable<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, descriptor: &v8::PropertyDescriptor, args: v8::PropertyCallbackArguments<'s>, _rv: v8::ReturnValue<v8::Boolean>) -> Intercepted {
    let accepted = descriptor.has_value()
        && descriptor.has_writable()
        && descriptor.has_enumerable()
        && descriptor.has_configurable()
        && descriptor.writable()
        && descriptor.enumerable()
        && descriptor.configurable();
    if accepted {
        let value = v8::Local::new(scope, descriptor.value());
        store(scope, key, value, &args);
        return Intercepted::kYes;
    }
    let accessor = !descriptor.has_value() && (descriptor.has_get() || descriptor.has_set());
    if let Some(build) = hook(scope, &args, "definePropertyError") {
        let receiver = v8::undefined(scope).into();
        let accessor = v8::Boolean::new(scope, accessor).into();
        if let Some(error) = build.call(scope, receiver, &[accessor]) {
            scope.throw_exception(error);
        }
    }
    Intercepted::kYes
}

/// createEnv(hooks): the process.env object.
pub(super) fn create_env(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(hooks) = v8::Local::<v8::Object>::try_from(args.get(0)) else {
        return throw_type_error(scope, "createEnv(hooks) takes an object");
    };
    let template = v8::ObjectTemplate::new(scope);
    template.set_named_property_handler(
        v8::NamedPropertyHandlerConfiguration::new()
            .getter(get_variable)
            .setter(set_variable)
            .query(query_variable)
            .deleter(delete_variable)
            .enumerator(list_variables)
            .definer(define_variable)
            .data(hooks.into()),
    );
    if let Some(env) = template.new_instance(scope) {
        rv.set(env.into());
    }
}

/// envGet(name): one variable, before process.env exists.
pub(super) fn env_get(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let name = arg_string(scope, &args, 0);
    if let Some(value) = lookup(scope, &name) {
        rv.set(string(scope, &value).into());
    }
}

/// `binding.env()`: process.env's natives.
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "envGet" => env_get,
        "createEnv" => create_env,
    });
    rv.set(object.into());
}
