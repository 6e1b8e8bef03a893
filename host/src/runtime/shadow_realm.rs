//! ShadowRealm (--experimental-shadow-realm): V8 asks the host for each realm's context. A
//! realm is a fresh context (the principal's security token, --disable-proto applied) that
//! the JS side (host/lib/internal/shadow_realm.js) registers; its importValue() and import()
//! go through that side's loader of the realm's own modules.

use std::rc::Rc;

use super::internals::Internal;
use super::{OptionValue, RuntimeState};

/// Marks a ShadowRealm's context.
struct ShadowRealmContext;

/// Lets `new ShadowRealm()` make realms, when the option asks for them.
pub(super) fn install(isolate: &mut v8::Isolate, options: &[(&'static str, OptionValue)]) {
    if options.iter().any(|(name, value)| *name == "--experimental-shadow-realm" && *value == OptionValue::Bool(true)) {
        isolate.set_host_create_shadow_realm_context_callback(create_context);
    }
}

/// Whether `context` is a ShadowRealm's.
pub(super) fn is_shadow_realm(context: v8::Local<v8::Context>) -> bool {
    context.get_slot::<ShadowRealmContext>().is_some()
}

fn create_context<'s>(scope: &mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Context>> {
    let initiator = scope.get_current_context();
    let context = v8::Context::new(scope, Default::default());
    let token = initiator.get_security_token(scope);
    context.set_security_token(token);
    context.set_slot(Rc::new(ShadowRealmContext));
    super::source_map::watch_code_generation(context);
    super::disable_proto::apply(scope, context);
    let global = context.global(scope);
    let (internals, created) = RuntimeState::get(scope).internal_function(scope, Internal::ShadowRealmCreated)?;
    created.call(scope, internals.into(), &[global.into()])?;
    Some(context)
}
