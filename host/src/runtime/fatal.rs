//! Printing an uncaught exception the way node prints it: source line, caret, stack.

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
    if let Some(message) = message {
        let resource = message
            .get_script_resource_name(scope)
            .map(|name| name.to_rust_string_lossy(scope))
            .unwrap_or_default();
        let line = message.get_line_number(scope).unwrap_or(0);
        if let Some(source) = message.get_source_line(scope) {
            let source = source.to_rust_string_lossy(scope);
            // V8 reports -1 (as a huge usize) when it knows no column.
            let column = message.get_start_column();
            let caret = if column <= source.len() { format!("{}^\n", " ".repeat(column)) } else { String::new() };
            out.push_str(&format!("{resource}:{line}\n{source}\n{caret}"));
        }
    }
    let is_error = exception.is_native_error() || has_stack(scope, exception);
    let body = format_value(scope, exception);
    if is_error {
        out.push('\n');
        out.push_str(&body);
        out.push('\n');
    } else {
        out.push_str(&body);
        out.push_str("\n(Use `node --trace-uncaught ...` to show where the exception was thrown)\n");
    }
    out.push_str(&format!("\nNode.js {} (anode {})\n", super::NODE_VERSION, crate::VERSION));
    super::bindings::write_stderr(&out);
}

fn has_stack(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> bool {
    let Ok(object) = v8::Local::<v8::Object>::try_from(value) else { return false };
    let key = v8::String::new(scope, "stack").unwrap();
    object.get(scope, key.into()).is_some_and(|stack| stack.is_string())
}

/// `util.inspect(value)` when the JS internals are up, else `String(value)`.
fn format_value(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> String {
    let internals = RuntimeState::get(scope).internals.borrow().clone();
    if let Some(internals) = internals {
        let internals = v8::Local::new(scope, internals);
        let key = v8::String::new(scope, "inspectFatal").unwrap();
        if let Some(inspect) = internals.get(scope, key.into()).and_then(|f| v8::Local::<v8::Function>::try_from(f).ok()) {
            v8::tc_scope!(let tc, scope);
            if let Some(text) = inspect.call(tc, internals.into(), &[value]) {
                return text.to_rust_string_lossy(tc);
            }
        }
    }
    value.to_rust_string_lossy(scope)
}
