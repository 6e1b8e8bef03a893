//! TypeScript type stripping as node does it: swc's strip-only eraser (what node's amaro
//! runs) replaces every type annotation, interface, type-only import... with whitespace, so
//! the JavaScript left keeps the TypeScript's line and column numbers. Syntax that would need
//! code generated (enums, namespaces with values, parameter properties) is refused.

use std::sync::{Arc, Mutex};

use swc_common::errors::{DiagnosticBuilder, Emitter, Handler, HANDLER};
use swc_common::sync::Lrc;
use swc_common::{Globals, SourceMap, GLOBALS};
use swc_ts_fast_strip::{ErrorCode, Options};

use super::bindings::throw_type_error;
use super::bindings::binding_object;

/// Where a diagnostic points: its message and the span's first and last character as
/// (1-based line, 0-based column in characters).
struct Diagnosis {
    message: String,
    start: (usize, usize),
    end: (usize, usize),
}

/// Keeps the diagnostics swc emits, with their spans resolved against the source map.
struct Collector {
    source_map: Lrc<SourceMap>,
    found: Arc<Mutex<Vec<Diagnosis>>>,
}

impl Emitter for Collector {
    fn emit(&mut self, diagnostic: &mut DiagnosticBuilder<'_>) {
        let Some(span) = diagnostic.span.primary_span() else { return };
        let start = self.source_map.lookup_char_pos(span.lo);
        let end = self.source_map.lookup_char_pos(span.hi);
        self.found.lock().unwrap().push(Diagnosis {
            message: diagnostic.message(),
            start: (start.line, start.col.0),
            end: (end.line, end.col.0),
        });
    }
}

/// stripTypeScript(source, filename): the JavaScript with types erased; or, for code that
/// cannot be stripped, [kind ('UnsupportedSyntax' | 'InvalidSyntax'), message, start line,
/// start column, end line, end column] of the first problem.
pub fn strip(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((source, filename)) = source_and_filename(scope, &args, "stripTypeScript") else { return };
    let options = Options { filename: Some(filename), deprecated_ts_module_as_error: Some(true), ..Options::default() };
    let result = run_swc(source, options);
    let value = match result {
        Ok(output) => v8::String::new(scope, &output.code).map(Into::into),
        Err(failure) => Some(failure.to_array(scope)),
    };
    if let Some(value) = value {
        rv.set(value);
    }
}

/// transformTypeScript(source, filename, sourceMap) (--experimental-transform-types,
/// module.stripTypeScriptTypes's transform mode): the JavaScript swc's transform makes of it
/// (enums, namespaces and parameter properties turned into code, with amaro's settings for
/// node), as [code, source map JSON or undefined]; or the first problem, as stripTypeScript
/// gives it.
pub fn transform(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((source, filename)) = source_and_filename(scope, &args, "transformTypeScript") else { return };
    let settings = serde_json::json!({
        "filename": filename,
        "mode": "transform",
        "sourceMap": args.get(2).is_true(),
        "deprecatedTsModuleAsError": true,
        "transform": {
            "verbatimModuleSyntax": true,
            "nativeClassProperties": true,
            "noEmptyExport": true,
        },
    });
    let options: Options = serde_json::from_value(settings).expect("swc's transform options");
    let value = match run_swc(source, options) {
        Ok(output) => {
            let code = v8::String::new(scope, &output.code).unwrap().into();
            let map = match output.map {
                Some(map) => v8::String::new(scope, &map).unwrap().into(),
                None => v8::undefined(scope).into(),
            };
            v8::Array::new_with_elements(scope, &[code, map]).into()
        }
        Err(failure) => failure.to_array(scope),
    };
    rv.set(value);
}

fn source_and_filename(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, name: &str) -> Option<(String, String)> {
    let Ok(source) = v8::Local::<v8::String>::try_from(args.get(0)) else {
        throw_type_error(scope, &format!("{name}(source, filename) takes a string"));
        return None;
    };
    Some((source.to_rust_string_lossy(scope), args.get(1).to_rust_string_lossy(scope)))
}

/// Why swc refused the code: its kind and the first diagnostic (or its own message).
struct Failure {
    kind: &'static str,
    message: String,
    start: (usize, usize),
    end: (usize, usize),
}

impl Failure {
    fn to_array<'s>(&self, scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Value> {
        let kind = v8::String::new(scope, self.kind).unwrap().into();
        let message = v8::String::new(scope, &self.message).unwrap().into();
        let numbers: [v8::Local<v8::Value>; 4] =
            [self.start.0, self.start.1, self.end.0, self.end.1].map(|n| v8::Number::new(scope, n as f64).into());
        let mut entries = vec![kind, message];
        entries.extend(numbers);
        v8::Array::new_with_elements(scope, &entries).into()
    }
}

/// Runs swc with amaro's parser settings (decorators are parsed, and left for V8 to refuse);
/// its passes report through the handler they find set (`module` declarations, for one).
fn run_swc(source: String, mut options: Options) -> Result<swc_ts_fast_strip::TransformOutput, Failure> {
    options.parser.decorators = true;
    let source_map: Lrc<SourceMap> = Default::default();
    let found = Arc::new(Mutex::new(Vec::new()));
    let collector = Collector { source_map: source_map.clone(), found: found.clone() };
    let handler = Handler::with_emitter(false, false, Box::new(collector));
    let result = GLOBALS.set(&Globals::new(), || {
        HANDLER.set(&handler, || swc_ts_fast_strip::operate(&source_map, &handler, source, options))
    });
    result.map_err(|error| {
        let kind = match error.code {
            ErrorCode::UnsupportedSyntax => "UnsupportedSyntax",
            ErrorCode::InvalidSyntax => "InvalidSyntax",
            _ => "Unknown",
        };
        let found = found.lock().unwrap();
        match found.first() {
            Some(first) => Failure { kind, message: first.message.clone(), start: first.start, end: first.end },
            None => Failure { kind, message: error.message.clone(), start: (0, 0), end: (0, 0) },
        }
    })
}

/// `binding.typescript()`: type stripping's native.
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "stripTypeScript" => strip,
        "transformTypeScript" => transform,
    });
    rv.set(object.into());
}
