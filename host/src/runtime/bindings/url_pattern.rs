//! URLPattern: patterns parsed and match inputs canonicalized by the urlpattern crate
//! (Deno's implementation of the standard); each component's regular expression, which the
//! crate writes in ECMAScript syntax, runs as a JS RegExp (node's runs on V8's too).

use super::*;

use urlpattern::quirks::{self, EcmaRegexp, StringOrInit, UrlPatternInit};
use urlpattern::UrlPatternOptions;

/// A pattern or match input from JS: a string, or an object whose component fields (and
/// baseURL) are strings or undefined.
fn string_or_init(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Option<StringOrInit<'static>> {
    if value.is_string() {
        return Some(StringOrInit::String(value.to_rust_string_lossy(scope).into()));
    }
    let object = v8::Local::<v8::Object>::try_from(value).ok()?;
    let mut field = |name: &str| {
        let key = string(scope, name);
        let value = object.get(scope, key.into())?;
        value.is_string().then(|| value.to_rust_string_lossy(scope))
    };
    Some(StringOrInit::Init(UrlPatternInit {
        protocol: field("protocol"),
        username: field("username"),
        password: field("password"),
        hostname: field("hostname"),
        port: field("port"),
        pathname: field("pathname"),
        search: field("search"),
        hash: field("hash"),
        base_url: field("baseURL"),
    }))
}

fn optional_string(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Option<String> {
    value.is_string().then(|| value.to_rust_string_lossy(scope))
}

/// urlPatternParse(input, baseURL, ignoreCase): [hasRegExpGroups, then for each component
/// (protocol, username, password, hostname, port, pathname, search, hash) its pattern string, its regular expression and the names of its groups], or undefined
/// when the pattern (or its base URL) is not valid.
pub(super) fn url_pattern_parse(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(input) = string_or_init(scope, args.get(0)) else { return };
    let base_url = optional_string(scope, args.get(1));
    let options = UrlPatternOptions { ignore_case: args.get(2).is_true(), ..Default::default() };
    let parsed = quirks::process_construct_pattern_input(input, base_url.as_deref())
        .and_then(|init| quirks::parse_pattern::<EcmaRegexp>(init, options));
    let Ok(pattern) = parsed else { return };
    let mut parts: Vec<v8::Local<v8::Value>> = vec![v8::Boolean::new(scope, pattern.has_regexp_groups).into()];
    let components = [
        &pattern.protocol,
        &pattern.username,
        &pattern.password,
        &pattern.hostname,
        &pattern.port,
        &pattern.pathname,
        &pattern.search,
        &pattern.hash,
    ];
    for component in components {
        parts.push(string(scope, &component.pattern_string).into());
        parts.push(string(scope, &component.regexp_string).into());
        let names: Vec<v8::Local<v8::Value>> = component.group_name_list.iter().map(|name| string(scope, name).into()).collect();
        parts.push(v8::Array::new_with_elements(scope, &names).into());
    }
    rv.set(v8::Array::new_with_elements(scope, &parts).into());
}

/// urlPatternMatchInput(input, baseURL): the input's components as a URL match reads them
/// (protocol, username, password, hostname, port, pathname, search, hash), null when the input is no URL, or false when a base URL
/// was given with an object input.
pub(super) fn url_pattern_match_input(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(input) = string_or_init(scope, args.get(0)) else { return };
    let base_url = optional_string(scope, args.get(1));
    let processed = match quirks::process_match_input(input, base_url.as_deref()) {
        Ok(processed) => processed,
        Err(_) => return rv.set_bool(false),
    };
    let Some(input) = processed.and_then(|(input, _)| quirks::parse_match_input(input)) else {
        return rv.set_null();
    };
    let values = [
        &input.protocol,
        &input.username,
        &input.password,
        &input.hostname,
        &input.port,
        &input.pathname,
        &input.search,
        &input.hash,
    ];
    let values: Vec<v8::Local<v8::Value>> = values.iter().map(|value| string(scope, value).into()).collect();
    rv.set(v8::Array::new_with_elements(scope, &values).into());
}

/// `binding.urlPattern()`: URLPattern's natives (node's internalBinding('url_pattern')).
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "urlPatternParse" => url_pattern_parse,
        "urlPatternMatchInput" => url_pattern_match_input,
    });
    rv.set(object.into());
}
