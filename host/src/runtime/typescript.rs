//! TypeScript type stripping as node does it: swc's strip-only eraser (what node's amaro
//! runs) replaces every type annotation, interface, type-only import... with whitespace, so
//! the JavaScript left keeps the TypeScript's line and column numbers. Syntax that would need
//! code generated (enums, namespaces with values, parameter properties) is refused.

use std::sync::{Arc, Mutex};

use swc_common::errors::{DiagnosticBuilder, Emitter, Handler};
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
    let Ok(source) = v8::Local::<v8::String>::try_from(args.get(0)) else {
        return throw_type_error(scope, "stripTypeScript(source, filename) takes a string");
    };
    let source = source.to_rust_string_lossy(scope);
    let filename = args.get(1).to_rust_string_lossy(scope);
    let source_map: Lrc<SourceMap> = Default::default();
    let found = Arc::new(Mutex::new(Vec::new()));
    let collector = Collector { source_map: source_map.clone(), found: found.clone() };
    let handler = Handler::with_emitter(false, false, Box::new(collector));
    let options = Options { filename: Some(filename), ..Options::default() };
    let result = GLOBALS.set(&Globals::new(), || swc_ts_fast_strip::operate(&source_map, &handler, source, options));
    match result {
        Ok(output) => {
            if let Some(code) = v8::String::new(scope, &output.code) {
                rv.set(code.into());
            }
        }
        Err(error) => {
            let kind = match error.code {
                ErrorCode::UnsupportedSyntax => "UnsupportedSyntax",
                ErrorCode::InvalidSyntax => "InvalidSyntax",
                _ => "Unknown",
            };
            let found = found.lock().unwrap();
            let (message, start, end) = match found.first() {
                Some(first) => (first.message.clone(), first.start, first.end),
                None => (error.message.clone(), (0, 0), (0, 0)),
            };
            let kind = v8::String::new(scope, kind).unwrap().into();
            let message = v8::String::new(scope, &message).unwrap().into();
            let numbers: [v8::Local<v8::Value>; 4] = [start.0, start.1, end.0, end.1].map(|n| v8::Number::new(scope, n as f64).into());
            let mut entries = vec![kind, message];
            entries.extend(numbers);
            rv.set(v8::Array::new_with_elements(scope, &entries).into());
        }
    }
}

/// `binding.typescript()`: type stripping's native.
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "stripTypeScript" => strip,
    });
    rv.set(object.into());
}
