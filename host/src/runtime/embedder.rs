//! anode as a library: a Node.js runtime — its modules, event loop and Node-API — inside any
//! Rust program, one per thread.
//!
//! ```no_run
//! let mut runtime = anode::Runtime::new(anode::RuntimeOptions::default())?;
//! let exports = runtime.require("./addon.node")?;
//! runtime.eval("require('fs').existsSync('main.js')")?;
//! let answer = runtime.eval("1 + 1")?;
//! assert_eq!(runtime.to_string(&answer), "2");
//! let code = runtime.run_main("main.js")?;
//! # Ok::<(), anode::Error>(())
//! ```
//!
//! Nothing here ends the process: `process.exit()` and uncaught exceptions end the program
//! (its code is returned), and dropping the runtime tears it down as node's exit does
//! ('exit' listeners, then the addons' cleanup hooks and every Node-API env's teardown).
//! Addons loaded this way resolve their `napi_*` imports against the embedding executable,
//! which must export them (see `napi_sys::export_from_executable` for a build script).

use std::fmt;

use super::internals::Internal;
use super::{call_internal, drain_ticks, emit_exit, modules, run_loop, tasks, Ending, Instance};

/// What a runtime is made with.
#[derive(Clone, Debug, Default)]
pub struct RuntimeOptions {
    /// node's options (`--no-warnings`, `--conditions=x`, V8's flags), no script.
    pub node_args: Vec<String>,
    /// process.argv after the executable's path.
    pub argv: Vec<String>,
}

/// Why a runtime call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The options are not node's.
    Options(String),
    /// The runtime's bootstrap failed (printed on stderr, as node prints it).
    Bootstrap,
    /// The system refused what a runtime needs (file descriptors for its loop).
    Resources(String),
    /// JS threw: the exception as util.inspect shows it.
    Exception(String),
    /// The program has ended (process.exit, an uncaught exception, or run_main returned):
    /// its exit code.
    Ended(i32),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Error::Options(message) => write!(f, "bad options: {message}"),
            Error::Bootstrap => f.write_str("the runtime's bootstrap failed"),
            Error::Resources(error) => write!(f, "the system refused the runtime's resources: {error}"),
            Error::Exception(text) => write!(f, "uncaught exception: {text}"),
            Error::Ended(code) => write!(f, "the program has ended with code {code}"),
        }
    }
}

impl std::error::Error for Error {}

/// A runtime: one V8 isolate with node's globals, modules and event loop, on this thread.
pub struct Runtime {
    instance: Instance,
    /// Set once the program has ended: its exit code.
    ended: Option<i32>,
}

impl Runtime {
    /// Starts a runtime (V8 is initialized once per process, with the first runtime's flags).
    pub fn new(options: RuntimeOptions) -> Result<Runtime, Error> {
        let options = crate::cli::embedder_options(&options.node_args, options.argv).map_err(Error::Options)?;
        crate::napi::host::set_fatal_error_handler(super::fatal_error);
        crate::uv::init_default_loop().map_err(|error| Error::Resources(error.to_string()))?;
        let channel = tasks::channel().map_err(|error| Error::Resources(error.to_string()))?;
        let tokio = super::new_tokio_runtime().map_err(|error| Error::Resources(error.to_string()))?;
        let instance = Instance::new(options, tokio, channel, Ending::Embedded).ok_or(Error::Bootstrap)?;
        let mut runtime = Runtime { instance, ended: None };
        // As in `node -e`, scripts see `require`, resolving from the current directory.
        runtime.call(|scope| {
            let require = require_function(scope)?;
            let key = v8::String::new(scope, "require")?;
            let global = scope.get_current_context().global(scope);
            global.set(scope, key.into(), require.into())?;
            Some(v8::undefined(scope).into())
        })?;
        Ok(runtime)
    }

    /// Evaluates `code` as a script in the global scope, then runs the ticks and microtasks it
    /// queued; its completion value, or the exception it threw.
    pub fn eval(&mut self, code: &str) -> Result<v8::Global<v8::Value>, Error> {
        self.call(|scope| {
            let source = v8::String::new(scope, code)?;
            let script = v8::Script::compile(scope, source, None)?;
            script.run(scope)
        })
    }

    /// `require(specifier)` from the current directory, as a script there would: a built-in
    /// module, a package, a file (`.js`, `.json`, an addon's `.node`).
    pub fn require(&mut self, specifier: &str) -> Result<v8::Global<v8::Value>, Error> {
        self.call(|scope| {
            let require = require_function(scope)?;
            let specifier = v8::String::new(scope, specifier)?.into();
            let undefined = v8::undefined(scope).into();
            require.call(scope, undefined, &[specifier])
        })
    }

    /// Runs `path` as the main module, then the event loop until nothing keeps it alive;
    /// returns the exit code (process.exitCode, process.exit's code, or 1 for an uncaught
    /// exception, as node's). The program has then ended.
    pub fn run_main(&mut self, path: &str) -> Result<i32, Error> {
        self.check_running()?;
        let code = self.instance.enter(|scope, state, tokio| {
            let path = v8::String::new(scope, path).unwrap();
            if call_internal(scope, Internal::RunMain, &[path.into()]).is_some() {
                drain_ticks(scope);
            }
            run_loop(scope, state, tokio);
            finish(scope, state)
        });
        self.ended = Some(code);
        Ok(code)
    }

    /// Runs the event loop until nothing keeps it alive (timers, sockets, addons' async work
    /// and threadsafe functions), emitting 'beforeExit' as node does. The program goes on.
    pub fn run_event_loop(&mut self) -> Result<(), Error> {
        self.check_running()?;
        let ended = self.instance.enter(|scope, state, tokio| {
            run_loop(scope, state, tokio);
            state.stopped().then(|| finish(scope, state))
        });
        match ended {
            Some(code) => {
                self.ended = Some(code);
                Err(Error::Ended(code))
            }
            None => Ok(()),
        }
    }

    /// Runs `f` in the runtime's context, to read or make values.
    pub fn with_scope<R>(&mut self, f: impl FnOnce(&mut v8::PinScope) -> R) -> R {
        self.instance.enter(|scope, _, _| f(scope))
    }

    /// `String(value)`.
    pub fn to_string(&mut self, value: &v8::Global<v8::Value>) -> String {
        self.with_scope(|scope| v8::Local::new(scope, value).to_rust_string_lossy(scope))
    }

    /// The exit code, once the program has ended.
    pub fn exit_code(&self) -> Option<i32> {
        self.ended
    }

    fn check_running(&self) -> Result<(), Error> {
        match self.ended {
            Some(code) => Err(Error::Ended(code)),
            None => Ok(()),
        }
    }

    /// Runs `body` in a TryCatch, then the ticks and microtasks; its value or the exception.
    fn call(&mut self, body: impl for<'s, 'i> FnOnce(&mut v8::PinScope<'s, 'i>) -> Option<v8::Local<'s, v8::Value>>) -> Result<v8::Global<v8::Value>, Error> {
        self.check_running()?;
        let result = self.instance.enter(|scope, state, _| {
            let result = {
                v8::tc_scope!(let tc, scope);
                match body(tc) {
                    Some(value) => Ok(v8::Global::new(tc, value)),
                    None if tc.has_terminated() => Err(None),
                    None => {
                        let exception = tc.exception();
                        tc.reset();
                        Err(exception.map(|exception| super::fatal::format_value(tc, exception)))
                    }
                }
            };
            if !state.stopped() {
                drain_ticks(scope);
            }
            let ended = state.stopped().then(|| finish(scope, state));
            (result, ended)
        });
        match result {
            (_, Some(code)) => {
                self.ended = Some(code);
                Err(Error::Ended(code))
            }
            (Ok(value), None) => Ok(value),
            (Err(exception), None) => Err(Error::Exception(exception.unwrap_or_default())),
        }
    }
}

/// A `require` function resolving from the current directory (module.createRequire).
fn require_function<'s>(scope: &mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Function>> {
    let state = super::RuntimeState::get(scope);
    let (internals, require_builtin) = state.internal_function(scope, Internal::RequireBuiltin)?;
    let name = v8::String::new(scope, "module")?.into();
    let module = require_builtin.call(scope, internals.into(), &[name])?.to_object(scope)?;
    let key = v8::String::new(scope, "createRequire")?.into();
    let create_require = v8::Local::<v8::Function>::try_from(module.get(scope, key)?).ok()?;
    let from = std::env::current_dir().ok()?.join("[eval]");
    let from = v8::String::new(scope, &from.to_string_lossy())?.into();
    v8::Local::<v8::Function>::try_from(create_require.call(scope, module.into(), &[from])?).ok()
}

/// The end of an embedder's program: the code it ended with, after 'exit' (unless
/// process.exit already emitted it).
fn finish(scope: &mut v8::PinScope, state: &super::RuntimeState) -> i32 {
    let exited = state.embedded_exit.as_ref().and_then(|exit| exit.get());
    scope.cancel_terminate_execution();
    match exited {
        Some(code) => code,
        None => emit_exit(scope, None),
    }
}

impl Drop for Runtime {
    /// Tears the runtime down as node's exit does: 'exit' listeners (unless the program has
    /// ended), the cleanup hooks (addons' and every Node-API env's teardown), the modules.
    fn drop(&mut self) {
        let ended = self.ended.is_some();
        self.instance.enter(|scope, state, _| {
            if !ended && !state.stopped() {
                emit_exit(scope, None);
            }
            scope.cancel_terminate_execution();
            crate::napi::cleanup::run_cleanup_hooks(scope);
            modules::clear(scope);
            super::v8_module::clear();
            super::wasm_streaming::clear();
            super::compile_cache::close();
        });
    }
}
