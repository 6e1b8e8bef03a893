//! What util.inspect asks V8: promise states, value kinds, collection entries, proxies,
//! constructor names and call sites.

use super::*;

/// promiseState(promise): [0 pending | 1 fulfilled | 2 rejected, result].
pub(super) fn promise_state(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(promise) = v8::Local::<v8::Promise>::try_from(args.get(0)) else { return };
    let state = match promise.state() {
        v8::PromiseState::Pending => 0,
        v8::PromiseState::Fulfilled => 1,
        v8::PromiseState::Rejected => 2,
    };
    let state = v8::Integer::new(scope, state).into();
    let result = if promise.state() == v8::PromiseState::Pending {
        v8::undefined(scope).into()
    } else {
        promise.result(scope)
    };
    rv.set(v8::Array::new_with_elements(scope, &[state, result]).into());
}

/// kind(value): the V8 kind of an object that plain JS cannot tell reliably.
pub(super) fn value_kind(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let v = args.get(0);
    let kind = if v.is_proxy() {
        "proxy"
    } else if v.is_promise() {
        "promise"
    } else if v.is_map() {
        "map"
    } else if v.is_set() {
        "set"
    } else if v.is_weak_map() {
        "weakmap"
    } else if v.is_weak_set() {
        "weakset"
    } else if v.is_date() {
        "date"
    } else if v.is_reg_exp() {
        "regexp"
    } else if v.is_native_error() {
        "error"
    } else if v.is_array_buffer() {
        "arraybuffer"
    } else if v.is_shared_array_buffer() {
        "sharedarraybuffer"
    } else if v.is_typed_array() {
        "typedarray"
    } else if v.is_data_view() {
        "dataview"
    } else if v.is_number_object() || v.is_string_object() || v.is_boolean_object() || v.is_big_int_object() || v.is_symbol_object() {
        "boxed"
    } else if v.is_external() {
        "external"
    } else if v.is_map_iterator() {
        "mapiterator"
    } else if v.is_set_iterator() {
        "setiterator"
    } else if v.is_generator_object() {
        "generator"
    } else if v.is_async_function() && v.is_generator_function() {
        "asyncgeneratorfunction"
    } else if v.is_async_function() {
        "asyncfunction"
    } else if v.is_generator_function() {
        "generatorfunction"
    } else if v.is_module_namespace_object() {
        "module"
    } else if v.is_arguments_object() {
        "arguments"
    } else {
        ""
    };
    rv.set(string(scope, kind).into());
}

/// previewEntries(collection): [entries, isKeyValue] of a Map, Set, WeakMap, WeakSet or one
/// of their iterators (from its current position), without running user code; undefined otherwise.
pub(super) fn preview_entries(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(object) = v8::Local::<v8::Object>::try_from(args.get(0)) else { return };
    let (entries, is_key_value) = object.preview_entries(scope);
    let Some(entries) = entries else { return };
    let is_key_value = v8::Boolean::new(scope, is_key_value).into();
    rv.set(v8::Array::new_with_elements(scope, &[entries.into(), is_key_value]).into());
}

/// constructorName(object): V8's class name for the object (as Object::GetConstructorName).
pub(super) fn constructor_name(_scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(object) = v8::Local::<v8::Object>::try_from(args.get(0)) else { return };
    let name = object.get_constructor_name();
    rv.set(name.into());
}

/// proxyDetails(value): [target, handler] of a proxy (null for both once revoked), without
/// running its traps; undefined for anything else.
pub(super) fn proxy_details(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(proxy) = v8::Local::<v8::Proxy>::try_from(args.get(0)) else { return };
    let target = proxy.get_target(scope);
    let handler = proxy.get_handler(scope);
    rv.set(v8::Array::new_with_elements(scope, &[target, handler]).into());
}

/// callSites(count): the caller's stack, below the JS function that called this, as
/// null-prototype objects { functionName, scriptId, scriptName, lineNumber, columnNumber, column }.
pub(super) fn call_sites(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let count = args.get(0).uint32_value(scope).unwrap_or(10) as usize;
    let Some(trace) = v8::StackTrace::current_stack_trace(scope, count + 1) else { return };
    let mut sites = Vec::new();
    for index in 1..trace.get_frame_count() {
        let Some(frame) = trace.get_frame(scope, index) else { continue };
        let null = v8::null(scope).into();
        let site = v8::Object::with_prototype_and_properties(scope, null, &[], &[]);
        let function_name = match frame.get_function_name(scope) {
            Some(name) => name.into(),
            None => string(scope, "").into(),
        };
        let script_id = string(scope, &frame.get_script_id().to_string()).into();
        let script_name = match frame.get_script_name_or_source_url(scope) {
            Some(name) => name.into(),
            None => string(scope, "").into(),
        };
        let line = v8::Integer::new(scope, frame.get_line_number() as i32).into();
        let column = v8::Integer::new(scope, frame.get_column() as i32).into();
        for (name, value) in [
            ("functionName", function_name),
            ("scriptId", script_id),
            ("scriptName", script_name),
            ("lineNumber", line),
            ("columnNumber", column),
            ("column", column),
        ] {
            set_property(scope, site, name, value);
        }
        sites.push(site.into());
    }
    rv.set(v8::Array::new_with_elements(scope, &sites).into());
}

/// evalSource(line, column): the source of the eval'd code (eval, new Function) running on
/// the current stack at that 1-based position, for assert.ok to quote the failing call;
/// undefined when no such frame is on the stack.
pub(super) fn eval_source(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let line = args.get(0).int32_value(scope).unwrap_or(0);
    let column = args.get(1).int32_value(scope).unwrap_or(0);
    let Some(trace) = v8::StackTrace::current_stack_trace(scope, 64) else { return };
    for index in 0..trace.get_frame_count() {
        let Some(frame) = trace.get_frame(scope, index) else { continue };
        if !frame.is_eval() || frame.get_line_number() as i32 != line || frame.get_column() as i32 != column {
            continue;
        }
        if let Some(source) = frame.get_script_source(scope) {
            rv.set(source.into());
        }
        return;
    }
}

/// `binding.util()`: what util, inspect and assert ask V8 (node's internalBinding('util')), and
/// .env parsing.
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "kind" => value_kind,
        "previewEntries" => preview_entries,
        "constructorName" => constructor_name,
        "proxyDetails" => proxy_details,
        "promiseState" => promise_state,
        "callSites" => call_sites,
        "evalSource" => eval_source,
        "parseEnv" => super::super::dotenv::parse_env,
    });
    rv.set(object.into());
}
