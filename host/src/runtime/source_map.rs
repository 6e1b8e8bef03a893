//! Source map V3 `mappings` decoding for `module.SourceMap`: the base64 VLQ fields are read
//! by swc's fork of sentry's `sourcemap` crate; the running sums follow node's decoder, which
//! keeps what the crate refuses (source and name indexes out of range, segments of any
//! length), reads a negative zero as -2^31 and a character outside base64 as a field of 0,
//! and gives the last segment of the mappings all five fields (missing ones adding 0).

use super::bindings::arg_string;
use super::bindings::binding_object;

/// Fields per segment in what `decode_mappings` returns.
const SEGMENT_FIELDS: usize = 7;

/// decodeSourceMapMappings(mappings): the segments in order, seven numbers each: generated
/// line and column, how many fields the segment has, then the running source index, original
/// line, original column and name index (meaningful as far as the segment has fields).
pub fn decode_mappings(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let mappings = arg_string(scope, &args, 0);
    let numbers = decode(&mappings);
    let elements: Vec<v8::Local<v8::Value>> = numbers.into_iter().map(|n| v8::Number::new(scope, n).into()).collect();
    rv.set(v8::Array::new_with_elements(scope, &elements).into());
}

fn decode(mappings: &str) -> Vec<f64> {
    let mut out = Vec::new();
    // Running values: source index, original line, original column, name index.
    let mut running = [0f64; 4];
    let last_line = mappings.split(';').count() - 1;
    for (line, text) in mappings.split(';').enumerate() {
        let mut column = 0f64;
        let segments: Vec<&str> = text.split(',').collect();
        for (index, segment) in segments.iter().enumerate() {
            if segment.is_empty() {
                continue;
            }
            let Some(mut fields) = segment_fields(segment) else { continue };
            if line == last_line && index == segments.len() - 1 && fields.len() < 5 {
                fields.resize(5, 0.0);
            }
            column += fields[0];
            let mut entry = [line as f64, column, fields.len() as f64, 0.0, 0.0, 0.0, 0.0];
            for (running_value, delta) in running.iter_mut().zip(fields.iter().skip(1)) {
                *running_value += delta;
            }
            entry[3..].copy_from_slice(&running);
            out.extend_from_slice(&entry);
        }
    }
    debug_assert_eq!(out.len() % SEGMENT_FIELDS, 0);
    out
}

/// One segment's VLQ fields (a segment ending mid-field ends with that field's value so
/// far), or None when the crate cannot read one (a value past 64 bits).
fn segment_fields(segment: &str) -> Option<Vec<f64>> {
    // Characters outside base64 read as 'A' (a whole field of 0), as node reads them.
    let segment: Vec<u8> = segment.bytes().map(|byte| if base64_digit(byte).is_some() { byte } else { b'A' }).collect();
    let mut fields = Vec::new();
    for field in segment.split_inclusive(|&byte| base64_digit(byte).is_some_and(|digit| digit & 0b100000 == 0)) {
        let mut text = String::from_utf8_lossy(field).into_owned();
        if base64_digit(*field.last()?)? & 0b100000 != 0 {
            text.push('A');
        }
        let value = *swc_sourcemap::vlq::parse_vlq_segment(&text).ok()?.first()?;
        let negative_zero = value == 0 && base64_digit(field[0])? & 1 == 1;
        fields.push(if negative_zero { -2147483648.0 } else { value as f64 });
    }
    Some(fields)
}

fn base64_digit(byte: u8) -> Option<u8> {
    match byte {
        b'A'..=b'Z' => Some(byte - b'A'),
        b'a'..=b'z' => Some(byte - b'a' + 26),
        b'0'..=b'9' => Some(byte - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// Makes every error's `stack` with [`prepare_stack_trace`] (registered in V8's C form, so
/// that a stack whose JS threw is an empty result and reading `stack` throws).
pub fn install_prepare_stack_trace(isolate: &mut v8::Isolate) {
    crate::napi::set_prepare_stack_trace_callback(isolate, prepare_stack_trace_entry);
}

unsafe extern "C" fn prepare_stack_trace_entry(
    context: v8::Local<v8::Context>,
    error: v8::Local<v8::Value>,
    sites: v8::Local<v8::Array>,
) -> crate::napi::MaybeLocalValue {
    v8::callback_scope!(unsafe scope, context);
    match prepare_stack_trace(scope, error, sites) {
        Some(stack) => crate::napi::MaybeLocalValue(&*stack as *const v8::Value),
        None => crate::napi::MaybeLocalValue(std::ptr::null()),
    }
}

/// Node's PrepareStackTraceCallback: each error's `stack` is made by
/// internals.prepareStackTrace(globalThis, error, callSites), which honours a realm's
/// `Error.prepareStackTrace` and maps frames when source maps are on; None when that threw
/// (the exception stays pending). Before the internals exist, the stack is V8's default text.
fn prepare_stack_trace<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    error: v8::Local<'s, v8::Value>,
    sites: v8::Local<'s, v8::Array>,
) -> Option<v8::Local<'s, v8::Value>> {
    let global = scope.get_current_context().global(scope);
    if let Some((internals, prepare)) = super::RuntimeState::get(scope).internal_function(scope, super::internals::Internal::PrepareStackTrace) {
        return prepare.call(scope, internals.into(), &[global.into(), error, sites.into()]);
    }
    let undefined = v8::undefined(scope).into();
    let header = error.to_string(scope)?;
    let mut text = header.to_rust_string_lossy(scope);
    for index in 0..sites.length() {
        let Some(site) = sites.get_index(scope, index) else { continue };
        let site = site.to_string(scope)?;
        text.push_str("\n    at ");
        text.push_str(&site.to_rust_string_lossy(scope));
    }
    Some(v8::String::new(scope, &text).map_or(undefined, Into::into))
}

/// functionSourceMappingURL(fn): the `//# sourceMappingURL=` of the script a compiled function
/// comes from, as V8 read it (a comment, never text inside a string), or undefined.
pub fn function_source_mapping_url(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(function) = v8::Local::<v8::Function>::try_from(args.get(0)) else { return };
    if let Some(url) = function.get_script_origin(scope).source_map_url().filter(|url| url.is_string()) {
        rv.set(url);
    }
}

/// Marks a context whose code generation from strings is allowed but watched: V8 asks
/// `code_generation_from_strings` about eval and new Function only in contexts that disallow
/// them, so a watched context disallows them and the callback allows them again (as node
/// does, to read the source maps of generated code).
struct WatchedCodeGeneration;

/// Watches `context`'s code generation from strings, unless it is disallowed (V8's
/// --disallow-code-generation-from-strings).
pub fn watch_code_generation(context: v8::Local<v8::Context>) {
    if context.is_code_generation_from_strings_allowed() {
        context.set_slot(std::rc::Rc::new(WatchedCodeGeneration));
        context.set_allow_generation_from_strings(false);
    }
}

/// V8's ModifyCodeGenerationFromStringsCallback: a watched context's eval and new Function
/// go ahead, their source handed to internals.maybeCacheGeneratedSourceMap first.
pub fn code_generation_from_strings<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    source: v8::Local<'s, v8::Value>,
    _is_code_like: bool,
) -> v8::ModifyCodeGenerationFromStringsResult<'s> {
    if scope.get_current_context().get_slot::<WatchedCodeGeneration>().is_none() {
        return v8::ModifyCodeGenerationFromStringsResult { codegen_allowed: false, modified_source: None };
    }
    let Ok(text) = v8::Local::<v8::String>::try_from(source) else {
        return v8::ModifyCodeGenerationFromStringsResult { codegen_allowed: true, modified_source: None };
    };
    let state = super::RuntimeState::get(scope);
    if let Some((internals, cache)) = state.internal_function(scope, super::internals::Internal::MaybeCacheGeneratedSourceMap) {
        v8::tc_scope!(let tc, scope);
        cache.call(tc, internals.into(), &[text.into()]);
    }
    v8::ModifyCodeGenerationFromStringsResult { codegen_allowed: true, modified_source: Some(text) }
}

/// `binding.sourceMaps()`: source maps' natives.
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "decodeSourceMapMappings" => decode_mappings,
        "functionSourceMappingURL" => function_source_mapping_url,
    });
    rv.set(object.into());
}
