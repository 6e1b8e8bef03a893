//! anode as a library: loads two real npm packages whose Node-API addons napi-rs built
//! (`@node-rs/xxhash`, `@node-rs/crc32`) from a folder's node_modules, calls them from Rust,
//! and prints what they return.
//!
//!     cargo run --release -p embed -- js-tests/tests/npm-packages

use anode::{v8, Runtime, RuntimeOptions};

/// Calls `exports[name](argument)` and returns the result as a string.
fn call(runtime: &mut Runtime, exports: &v8::Global<v8::Value>, name: &str, argument: &str) -> Option<String> {
    runtime.with_scope(|scope| {
        let exports = v8::Local::new(scope, exports).to_object(scope)?;
        let key = v8::String::new(scope, name)?;
        let function = v8::Local::<v8::Function>::try_from(exports.get(scope, key.into())?).ok()?;
        let argument = v8::String::new(scope, argument)?;
        let result = function.call(scope, exports.into(), &[argument.into()])?;
        Some(result.to_rust_string_lossy(scope))
    })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let folder = std::env::args().nth(1).ok_or("usage: embed FOLDER (whose node_modules has @node-rs/xxhash and crc32)")?;
    std::env::set_current_dir(&folder)?;
    let mut runtime = Runtime::new(RuntimeOptions::default())?;
    let xxhash = runtime.require("@node-rs/xxhash")?;
    let crc32 = runtime.require("@node-rs/crc32")?;
    println!("xxh64('hello') = {}", call(&mut runtime, &xxhash, "xxh64", "hello").ok_or("xxh64 failed")?);
    println!("crc32('hello') = {}", call(&mut runtime, &crc32, "crc32", "hello").ok_or("crc32 failed")?);
    let sum = runtime.eval("[1, 2, 3].reduce((a, b) => a + b)")?;
    println!("eval: {}", runtime.to_string(&sum));
    match runtime.eval("throw new TypeError('thrown in JS')") {
        Err(anode::Error::Exception(text)) => println!("an exception is a Rust error: {}", text.lines().next().unwrap_or("")),
        other => return Err(format!("expected an exception, got {other:?}").into()),
    }
    match runtime.eval("process.on('exit', (code) => console.log('exit event, code', code)); process.exit(3)") {
        Err(anode::Error::Ended(code)) => println!("process.exit ends the program, not the process: code {code}"),
        other => return Err(format!("expected the program's end, got {other:?}").into()),
    }
    Ok(())
}
