//! Printing an uncaught exception the way node prints it: source line, caret, stack.

use super::internals::Internal;
use super::RuntimeState;

/// Prints the exception a TryCatch holds (used before the JS internals exist).
pub fn report(tc: &mut v8::PinnedRef<v8::TryCatch<v8::HandleScope>>, fallback: Option<&str>) {
    match tc.exception() {
        Some(exception) => {
            let message = tc.message();
            print(tc, exception, message);
        }
        None => eprintln!("{}", fallback.unwrap_or("anode: fatal error during start-up")),
    }
}

/// Prints `exception` to stderr as node's ReportFatalException: the source arrow, the
/// inspected error (or, when it has none to inspect, its name and message or its text, with
/// node's --trace-uncaught hint), the stack it was thrown at with --trace-uncaught, and the
/// version footer.
pub fn print(scope: &mut v8::PinScope, exception: v8::Local<v8::Value>, message: Option<v8::Local<v8::Message>>) {
    let state = RuntimeState::get(scope);
    let mut out = String::new();
    let message = message.or_else(|| {
        exception.is_native_error().then(|| v8::Exception::create_message(scope, exception))
    });
    // An arrow kept on the object (vm's, a rethrown module's) goes with the error; else a
    // native error takes the message's, and anything else has it printed at once, after a
    // blank line (node's AppendExceptionLine).
    let mut arrow = remembered_arrow(scope, exception);
    if arrow.is_none() {
        let found = message.and_then(|message| source_map_arrow(scope, message).or_else(|| source_arrow(scope, message, (0, 0))));
        if exception.is_native_error() {
            arrow = found;
        } else if let Some(found) = found {
            out.push('\n');
            out.push_str(&found);
        }
    }
    // A stack vm already decorated with the arrow (and its blank line) is not given a second one.
    let decorated = arrow.as_ref().is_some_and(|arrow| stack_text(scope, exception).is_some_and(|stack| stack.starts_with(arrow)));
    let with_arrow = |out: &mut String, text: &str| {
        match arrow.as_ref().filter(|_| !decorated) {
            Some(arrow) => out.push_str(&format!("{arrow}\n{text}\n")),
            None => out.push_str(&format!("{text}\n")),
        }
    };
    match inspected(scope, exception).filter(|text| !text.is_empty()) {
        Some(text) => with_arrow(&mut out, &text),
        None => {
            match name_and_message(scope, exception) {
                Some((name, message)) => with_arrow(&mut out, &format!("{name}: {message}")),
                None => {
                    v8::tc_scope!(let tc, scope);
                    let text = exception.to_string(tc).map(|text| text.to_rust_string_lossy(tc)).unwrap_or_default();
                    out.push_str(&format!("{text}\n"));
                }
            }
            if !state.options.flag("--trace-uncaught") {
                let program = std::path::Path::new(&state.options.argv0).file_name().map(|name| name.to_string_lossy().into_owned());
                let program = program.filter(|name| !name.is_empty()).unwrap_or_else(|| "node".into());
                out.push_str(&format!("(Use `{program} --trace-uncaught ...` to show where the exception was thrown)\n"));
            }
        }
    }
    if state.options.flag("--trace-uncaught") {
        if let Some(trace) = message.and_then(|message| message.get_stack_trace(scope)) {
            out.push_str("Thrown at:\n");
            out.push_str(&format_stack_trace(scope, trace, 0, usize::MAX));
        }
    }
    if state.options.flag("--extra-info-on-fatal-exception") {
        out.push_str(&format!("\nNode.js {}\n", super::NODE_VERSION));
    }
    super::bindings::write_stderr(&out);
}

/// What node makes of a fatal exception that is an object: its `stack` is read first (a
/// getter that throws leaves nothing), then it is inspected (failing that, the stack read
/// again); None for anything else.
fn inspected(scope: &mut v8::PinScope, exception: v8::Local<v8::Value>) -> Option<String> {
    let object = v8::Local::<v8::Object>::try_from(exception).ok()?;
    v8::tc_scope!(let tc, scope);
    let key = v8::String::new(tc, "stack").unwrap();
    object.get(tc, key.into())?;
    let (internals, inspect) = RuntimeState::get(tc).internal_function(tc, Internal::InspectFatal)?;
    let text = match inspect.call(tc, internals.into(), &[exception]) {
        Some(text) => text,
        None => {
            tc.reset();
            object.get(tc, key.into()).filter(|stack| !stack.is_undefined())?
        }
    };
    text.to_string(tc).map(|text| text.to_rust_string_lossy(tc))
}

/// An object's `name` and `message` (as text) when it has both, read without their getters'
/// exceptions escaping.
fn name_and_message(scope: &mut v8::PinScope, exception: v8::Local<v8::Value>) -> Option<(String, String)> {
    let object = v8::Local::<v8::Object>::try_from(exception).ok()?;
    v8::tc_scope!(let tc, scope);
    let read = |name: &str| {
        let key = v8::String::new(tc, name).unwrap();
        let value = object.get(tc, key.into()).filter(|value| !value.is_undefined())?;
        Some(value.to_string(tc).map(|text| text.to_rust_string_lossy(tc)).unwrap_or_default())
    };
    let message = read("message");
    let name = read("name");
    Some((name?, message?))
}

/// Node's PrintStackTrace: a line per frame from the `skip`th, at most `limit` of them
/// (`    at function (script:line:column)`, or `    at script:line:column` for a frame
/// without a function name; a frame of eval()'d code is the last), then a blank line.
pub(crate) fn format_stack_trace(scope: &mut v8::PinScope, trace: v8::Local<v8::StackTrace>, skip: usize, limit: usize) -> String {
    let mut out = String::new();
    for index in (skip..trace.get_frame_count()).take(limit) {
        let Some(frame) = trace.get_frame(scope, index) else { continue };
        let (line, column) = (frame.get_line_number(), frame.get_column());
        let script = frame.get_script_name(scope).map(|name| name.to_rust_string_lossy(scope)).unwrap_or_default();
        if frame.is_eval() {
            if frame.get_script_id() == 0 {
                out.push_str(&format!("    at [eval]:{line}:{column}\n"));
            } else {
                out.push_str(&format!("    at [eval] ({script}:{line}:{column})\n"));
            }
            break;
        }
        match frame.get_function_name(scope).map(|name| name.to_rust_string_lossy(scope)).filter(|name| !name.is_empty()) {
            Some(function) => out.push_str(&format!("    at {function} ({script}:{line}:{column})\n")),
            None => out.push_str(&format!("    at {script}:{line}:{column}\n")),
        }
    }
    out.push('\n');
    out
}

/// Prints an exception caught in a callback from V8 that node runs in a TryCatch (its
/// PrintCaughtException): what it was doing, the source arrow and the stack (or the value).
pub fn print_caught(scope: &mut v8::PinScope, what: &str, exception: v8::Local<v8::Value>, message: Option<v8::Local<v8::Message>>) {
    let mut out = format!("{what}:\n");
    if let Some(arrow) = message.and_then(|message| source_arrow(scope, message, (0, 0))) {
        out.push_str(&arrow);
        out.push('\n');
    }
    let text = stack_text(scope, exception).unwrap_or_else(|| exception.to_rust_string_lossy(scope));
    out.push_str(&text);
    out.push_str("\n\n");
    super::bindings::write_stderr(&out);
}

/// `file:line`, the source line and a caret under where `message` points.
/// `offsets`: the script's line and column offsets (V8's columns on its first line count the
/// column offset; the arrow goes under the source as shown).
fn source_arrow(scope: &mut v8::PinScope, message: v8::Local<v8::Message>, offsets: (i32, i32)) -> Option<String> {
    let resource = message.get_script_resource_name(scope).map(|name| name.to_rust_string_lossy(scope)).unwrap_or_default();
    let line = message.get_line_number(scope).unwrap_or(0);
    let source = message.get_source_line(scope)?.to_rust_string_lossy(scope);
    // A throw marked so (an error whose stack already shows the lines at fault) gets none, as
    // in node.
    if source.contains("node-do-not-add-exception-line") {
        return None;
    }
    let (line_offset, column_offset) = offsets;
    let shift = if line as i64 - line_offset as i64 == 1 { column_offset.max(0) as usize } else { 0 };
    // V8 reports -1 (as a huge usize) when it knows no column.
    let (mut column, mut end) = (message.get_start_column(), message.get_end_column());
    if column != usize::MAX && column >= shift {
        column -= shift;
        end = end.saturating_sub(shift);
    }
    // Node underlines the whole range V8 reports (a syntax error's token), keeping tabs.
    let end = end.clamp(column + 1, source.len().max(column + 1));
    let caret = if column <= source.len() {
        let indent: String = source.chars().take(column).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
        format!("{indent}{}\n", "^".repeat(end - column))
    } else {
        String::new()
    };
    Some(format!("{resource}:{line}\n{source}\n{caret}"))
}

fn arrow_key<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Private> {
    let name = v8::String::new(scope, "anode:arrowMessage").unwrap();
    v8::Private::for_api(scope, Some(name))
}

/// Keeps on `exception` the source arrow `message` points at, printed if it ends the process
/// wherever it was rethrown from (an ES module's syntax error surfacing through require()).
/// (The first arrow stays: an error rethrown by another module keeps where it was thrown.)
pub fn remember_arrow(scope: &mut v8::PinScope, exception: v8::Local<v8::Value>, message: v8::Local<v8::Message>) {
    if remembered_arrow(scope, exception).is_some() {
        return;
    }
    let Ok(object) = v8::Local::<v8::Object>::try_from(exception) else { return };
    let Some(arrow) = source_map_arrow(scope, message).or_else(|| source_arrow(scope, message, (0, 0))) else { return };
    keep_arrow(scope, object, &arrow);
}

fn keep_arrow(scope: &mut v8::PinScope, object: v8::Local<v8::Object>, arrow: &str) {
    let key = arrow_key(scope);
    let arrow = v8::String::new(scope, arrow).unwrap();
    object.set_private(scope, key, arrow.into());
}

fn remembered_arrow(scope: &mut v8::PinScope, exception: v8::Local<v8::Value>) -> Option<String> {
    let object = v8::Local::<v8::Object>::try_from(exception).ok()?;
    let key = arrow_key(scope);
    let arrow = object.get_private(scope, key)?;
    arrow.is_string().then(|| arrow.to_rust_string_lossy(scope))
}

/// The arrow at the original source when the script has a source map and source maps are on
/// (node's GetErrorSource asks the source map cache).
fn source_map_arrow(scope: &mut v8::PinScope, message: v8::Local<v8::Message>) -> Option<String> {
    let (internals, error_source) = RuntimeState::get(scope).internal_function(scope, Internal::SourceMapErrorSource)?;
    let resource = message.get_script_resource_name(scope)?;
    let line = v8::Integer::new(scope, message.get_line_number(scope)? as i32).into();
    let column = v8::Integer::new(scope, message.get_start_column() as i32).into();
    v8::tc_scope!(let tc, scope);
    let arrow = error_source.call(tc, internals.into(), &[resource, line, column])?;
    arrow.is_string().then(|| arrow.to_rust_string_lossy(tc))
}

/// The error's `stack` when it is a string; a getter that throws (a prepareStackTrace that
/// throws) counts as none, its exception dropped, as node's DecorateErrorStack does.
fn stack_text(scope: &mut v8::PinScope, exception: v8::Local<v8::Value>) -> Option<String> {
    let object = v8::Local::<v8::Object>::try_from(exception).ok()?;
    v8::tc_scope!(let tc, scope);
    let key = v8::String::new(tc, "stack").unwrap();
    let stack = object.get(tc, key.into())?;
    stack.is_string().then(|| stack.to_rust_string_lossy(tc))
}

/// What vm does to errors it lets through (node's DecorateErrorStack): any object keeps the
/// source arrow (its first), and a stack gets it at its top, once; `offsets` are the script's
/// line and column offsets.
pub fn decorate_stack(scope: &mut v8::PinScope, exception: v8::Local<v8::Value>, message: v8::Local<v8::Message>, offsets: (i32, i32)) {
    let Ok(object) = v8::Local::<v8::Object>::try_from(exception) else { return };
    let arrow = match remembered_arrow(scope, exception) {
        Some(arrow) => arrow,
        None => {
            let Some(arrow) = source_arrow(scope, message, offsets) else { return };
            keep_arrow(scope, object, &arrow);
            arrow
        }
    };
    let Some(stack) = stack_text(scope, exception) else { return };
    if stack.starts_with(&arrow) {
        return;
    }
    let key = v8::String::new(scope, "stack").unwrap();
    let decorated = v8::String::new(scope, &format!("{arrow}\n{stack}")).unwrap();
    object.set(scope, key.into(), decorated.into());
}

/// `util.inspect(value)` when the JS internals are up, else `String(value)`.
pub(crate) fn format_value(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> String {
    if let Some((internals, inspect)) = RuntimeState::get(scope).internal_function(scope, Internal::InspectFatal) {
        v8::tc_scope!(let tc, scope);
        if let Some(text) = inspect.call(tc, internals.into(), &[value]) {
            return text.to_rust_string_lossy(tc);
        }
    }
    value.to_rust_string_lossy(scope)
}
