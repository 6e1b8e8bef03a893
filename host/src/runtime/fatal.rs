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

/// Prints `exception` to stderr: `file:line`, the source line with a caret, the
/// inspected error, and the version footer.
pub fn print(scope: &mut v8::PinScope, exception: v8::Local<v8::Value>, message: Option<v8::Local<v8::Message>>) {
    let mut out = String::new();
    let message = message.or_else(|| {
        exception.is_native_error().then(|| v8::Exception::create_message(scope, exception))
    });
    let mut decorated = false;
    let arrow = remembered_arrow(scope, exception)
        .or_else(|| message.and_then(|message| source_map_arrow(scope, message).or_else(|| source_arrow(scope, message, (0, 0)))));
    if let Some(arrow) = arrow {
        // A stack vm already decorated with the arrow (and its blank line) is not given a
        // second one.
        decorated = stack_text(scope, exception).is_some_and(|stack| stack.starts_with(&arrow));
        if !decorated {
            out.push_str(&arrow);
        }
    }
    let is_error = exception.is_native_error() || has_stack(scope, exception);
    let body = format_value(scope, exception);
    if is_error {
        if !decorated {
            out.push('\n');
        }
        out.push_str(&body);
        out.push('\n');
    } else {
        out.push_str(&body);
        out.push_str("\n(Use `node --trace-uncaught ...` to show where the exception was thrown)\n");
    }
    out.push_str(&format!("\nNode.js {}\n", super::NODE_VERSION));
    super::bindings::write_stderr(&out);
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
    let key = arrow_key(scope);
    let arrow = v8::String::new(scope, &arrow).unwrap();
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

/// What vm does to errors it lets through: the source arrow put before the stack, once;
/// `offsets` are the script's line and column offsets.
pub fn decorate_stack(scope: &mut v8::PinScope, exception: v8::Local<v8::Value>, message: v8::Local<v8::Message>, offsets: (i32, i32)) {
    let (Some(stack), Some(arrow)) = (stack_text(scope, exception), source_arrow(scope, message, offsets)) else { return };
    if stack.starts_with(&arrow) {
        return;
    }
    let object = exception.cast::<v8::Object>();
    let key = v8::String::new(scope, "stack").unwrap();
    let decorated = v8::String::new(scope, &format!("{arrow}\n{stack}")).unwrap();
    object.set(scope, key.into(), decorated.into());
}

fn has_stack(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> bool {
    let Ok(object) = v8::Local::<v8::Object>::try_from(value) else { return false };
    let key = v8::String::new(scope, "stack").unwrap();
    object.get(scope, key.into()).is_some_and(|stack| stack.is_string())
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
