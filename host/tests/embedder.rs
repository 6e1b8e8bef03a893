//! anode as a library: runtimes made, used and dropped inside one test process, which must
//! never exit on their behalf.

use anode::{Error, Runtime, RuntimeOptions};

fn eval_string(runtime: &mut Runtime, code: &str) -> Result<String, Error> {
    let value = runtime.eval(code)?;
    Ok(runtime.to_string(&value))
}

#[test]
fn eval_returns_values_and_exceptions_as_errors() {
    let mut runtime = Runtime::new(RuntimeOptions::default()).unwrap();
    assert_eq!(eval_string(&mut runtime, "[1, 2, 3].map((n) => n * 2).join()").unwrap(), "2,4,6");
    assert_eq!(eval_string(&mut runtime, "typeof process.versions.napi").unwrap(), "string");
    let error = runtime.eval("null.property").unwrap_err();
    assert!(matches!(&error, Error::Exception(text) if text.starts_with("TypeError: Cannot read properties of null")), "{error:?}");
    // The runtime goes on after an exception.
    assert_eq!(eval_string(&mut runtime, "globalThis.kept = 41; kept + 1").unwrap(), "42");
}

#[test]
fn ticks_and_microtasks_run_after_eval() {
    let mut runtime = Runtime::new(RuntimeOptions::default()).unwrap();
    runtime.eval("globalThis.order = []; process.nextTick(() => order.push('tick')); Promise.resolve().then(() => order.push('microtask'))").unwrap();
    assert_eq!(eval_string(&mut runtime, "order.join()").unwrap(), "tick,microtask");
}

#[test]
fn require_loads_builtins_and_files() {
    let folder = std::env::temp_dir().join(format!("anode-embedder-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("answer.js"), "module.exports = { answer: 6 * 7 };").unwrap();
    let mut runtime = Runtime::new(RuntimeOptions::default()).unwrap();
    let path = runtime.require("path").unwrap();
    let joined = runtime.with_scope(|scope| {
        let path = anode::v8::Local::new(scope, &path).to_object(scope).unwrap();
        let key = anode::v8::String::new(scope, "sep").unwrap();
        path.get(scope, key.into()).unwrap().to_rust_string_lossy(scope)
    });
    assert_eq!(joined, "/");
    let answer = runtime.require(&folder.join("answer.js").to_string_lossy()).unwrap();
    let answer = runtime.with_scope(|scope| {
        let answer = anode::v8::Local::new(scope, &answer).to_object(scope).unwrap();
        let key = anode::v8::String::new(scope, "answer").unwrap();
        answer.get(scope, key.into()).unwrap().int32_value(scope)
    });
    assert_eq!(answer, Some(42));
    assert!(matches!(runtime.require("./no-such-module"), Err(Error::Exception(text)) if text.contains("MODULE_NOT_FOUND")));
    std::fs::remove_dir_all(folder).unwrap();
}

#[test]
fn process_exit_ends_the_program_not_the_process() {
    let mut runtime = Runtime::new(RuntimeOptions::default()).unwrap();
    assert_eq!(runtime.eval("process.exit(7); 'not reached'").unwrap_err(), Error::Ended(7));
    assert_eq!(runtime.exit_code(), Some(7));
    assert_eq!(runtime.eval("1").unwrap_err(), Error::Ended(7));
}

#[test]
fn run_main_runs_the_loop_and_returns_the_exit_code() {
    let folder = std::env::temp_dir().join(format!("anode-embedder-main-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let main = folder.join("main.js");
    let log = folder.join("log.txt");
    std::fs::write(
        &main,
        format!(
            "const fs = require('fs');\n\
             setTimeout(() => {{ fs.appendFileSync({log:?}, 'timer\\n'); process.exitCode = 5; }}, 10);\n\
             process.on('exit', (code) => fs.appendFileSync({log:?}, `exit ${{code}}\\n`));\n",
            log = log.to_string_lossy()
        ),
    )
    .unwrap();
    let mut runtime = Runtime::new(RuntimeOptions::default()).unwrap();
    assert_eq!(runtime.run_main(&main.to_string_lossy()), Ok(5));
    assert_eq!(std::fs::read_to_string(&log).unwrap(), "timer\nexit 5\n");
    drop(runtime);
    // The program had ended: dropping the runtime does not emit 'exit' again.
    assert_eq!(std::fs::read_to_string(&log).unwrap(), "timer\nexit 5\n");
    std::fs::remove_dir_all(folder).unwrap();
}

#[test]
fn dropping_a_runtime_emits_exit() {
    let log = std::env::temp_dir().join(format!("anode-embedder-drop-{}.txt", std::process::id()));
    let mut runtime = Runtime::new(RuntimeOptions::default()).unwrap();
    runtime
        .eval(&format!("process.on('exit', (code) => require('fs').writeFileSync({:?}, `exit ${{code}}`))", log.to_string_lossy()))
        .unwrap();
    drop(runtime);
    assert_eq!(std::fs::read_to_string(&log).unwrap(), "exit 0");
    std::fs::remove_file(log).unwrap();
}

#[test]
fn runtimes_one_after_another_and_on_several_threads() {
    for round in 0..3 {
        let mut runtime = Runtime::new(RuntimeOptions::default()).unwrap();
        assert_eq!(eval_string(&mut runtime, &format!("{round} + 1")).unwrap(), (round + 1).to_string());
    }
    let threads: Vec<_> = (0..4)
        .map(|index| {
            std::thread::spawn(move || {
                let mut runtime = Runtime::new(RuntimeOptions { argv: vec![format!("arg{index}")], ..Default::default() }).unwrap();
                eval_string(&mut runtime, "process.argv[1]").unwrap()
            })
        })
        .collect();
    let argv: Vec<String> = threads.into_iter().map(|thread| thread.join().unwrap()).collect();
    assert_eq!(argv, ["arg0", "arg1", "arg2", "arg3"]);
}

#[test]
fn bad_options_are_errors() {
    assert!(matches!(Runtime::new(RuntimeOptions { node_args: vec!["--no-such-option".into()], ..Default::default() }), Err(Error::Options(_))));
}
