//! --disable-proto=delete|throw: every context (the main one, a worker's, a vm context) loses
//! Object.prototype.__proto__, or has it replaced by an accessor that throws ERR_PROTO_ACCESS.

use super::bindings::{set_property, string};
use super::{OptionValue, RuntimeState};

const MESSAGE: &str = "Accessing Object.prototype.__proto__ has been disallowed with --disable-proto=throw";

/// Applies the option's mode to `context` (entered in `scope`).
pub(super) fn apply(scope: &mut v8::PinScope, context: v8::Local<v8::Context>) {
    let mode = RuntimeState::get(scope).options.node_options.iter().find_map(|(name, value)| match (name, value) {
        (&"--disable-proto", OptionValue::Str(mode)) => Some(mode.clone()),
        _ => None,
    });
    let Some(mode) = mode else { return };
    let scope = &mut v8::ContextScope::new(scope, context);
    let global = context.global(scope);
    let object_key = string(scope, "Object");
    let Some(object) = global.get(scope, object_key.into()).and_then(|value| value.to_object(scope)) else { return };
    let prototype_key = string(scope, "prototype");
    let Some(prototype) = object.get(scope, prototype_key.into()).and_then(|value| value.to_object(scope)) else { return };
    let proto_key = string(scope, "__proto__");
    match mode.as_str() {
        "delete" => {
            prototype.delete(scope, proto_key.into());
        }
        "throw" => {
            let (Some(getter), Some(setter)) = (v8::Function::new(scope, refuse), v8::Function::new(scope, refuse)) else { return };
            let mut descriptor = v8::PropertyDescriptor::new_from_get_set(getter.into(), setter.into());
            descriptor.set_enumerable(false);
            descriptor.set_configurable(true);
            prototype.define_property(scope, proto_key.into(), &descriptor);
        }
        _ => {}
    }
}

/// The accessor of --disable-proto=throw: node's plain Error with a code.
fn refuse(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let message = string(scope, MESSAGE);
    let error = v8::Exception::error(scope, message);
    let code = string(scope, "ERR_PROTO_ACCESS").into();
    set_property(scope, error.cast::<v8::Object>(), "code", code);
    scope.throw_exception(error);
}
