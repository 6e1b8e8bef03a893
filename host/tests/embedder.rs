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

/// A Node-API addon (compiled here with the system's cc; the few declarations it needs are
/// written out) that makes and deletes 10000 references, keeps a wrap and instance data to
/// its env's teardown, and counts the finalizers run in this process (`finalized()`).
fn compile_holding_addon(dir: &std::path::Path) -> std::path::PathBuf {
    const SOURCE: &str = r#"
#include <stdlib.h>
typedef struct napi_env__* napi_env;
typedef struct napi_value__* napi_value;
typedef struct napi_ref__* napi_ref;
typedef struct napi_callback_info__* napi_callback_info;
typedef int napi_status;
typedef void (*napi_finalize)(napi_env, void*, void*);
typedef napi_value (*napi_callback)(napi_env, napi_callback_info);
napi_status napi_create_object(napi_env, napi_value*);
napi_status napi_create_reference(napi_env, napi_value, unsigned, napi_ref*);
napi_status napi_delete_reference(napi_env, napi_ref);
napi_status napi_wrap(napi_env, napi_value, void*, napi_finalize, void*, napi_ref*);
napi_status napi_set_instance_data(napi_env, void*, napi_finalize, void*);
napi_status napi_set_named_property(napi_env, napi_value, const char*, napi_value);
napi_status napi_create_int32(napi_env, int, napi_value*);
napi_status napi_create_function(napi_env, const char*, size_t, napi_callback, void*, napi_value*);
static int finalized;
static void count_finalized(napi_env env, void* data, void* hint) { free(data); finalized++; }
static napi_value get_finalized(napi_env env, napi_callback_info info) {
  napi_value result;
  napi_create_int32(env, finalized, &result);
  return result;
}
static napi_ref refs[10000];
napi_value napi_register_module_v1(napi_env env, napi_value exports) {
  napi_value object, function;
  for (int i = 0; i < 10000; i++) {
    napi_create_object(env, &object);
    napi_create_reference(env, object, 1, &refs[i]);
  }
  for (int i = 0; i < 10000; i++) napi_delete_reference(env, refs[i]);
  napi_create_object(env, &object);
  napi_wrap(env, object, malloc(64), count_finalized, NULL, NULL);
  napi_set_named_property(env, exports, "wrapped", object);
  napi_set_instance_data(env, malloc(64), count_finalized, NULL);
  napi_create_function(env, "finalized", (size_t)-1, get_finalized, NULL, &function);
  napi_set_named_property(env, exports, "finalized", function);
  return exports;
}
"#;
    let source = dir.join("holding.c");
    std::fs::write(&source, SOURCE).unwrap();
    let addon = dir.join("holding.node");
    let status = std::process::Command::new("cc").args(["-shared", "-fPIC", "-O2", "-o"]).arg(&addon).arg(&source).status().expect("cc runs");
    assert!(status.success(), "cc holding.c");
    addon
}

/// This process's resident set size, in bytes.
fn resident_bytes() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap();
    let pages: usize = statm.split_whitespace().nth(1).unwrap().parse().unwrap();
    // SAFETY: sysconf has no preconditions.
    pages * unsafe { libc::sysconf(libc::_SC_PAGESIZE) } as usize
}

/// Runtimes that load an addon, created and dropped one after another, free everything:
/// each env's finalizers run once and the process's RSS stays flat. It runs in a process of
/// its own (this test binary again, with only this test), so other tests' runtimes do not
/// move the figures.
#[test]
fn dropped_runtimes_free_the_addons_envs() {
    const CHILD: &str = "ANODE_EMBEDDER_MEMORY_CHILD";
    if std::env::var_os(CHILD).is_none() {
        let output = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["dropped_runtimes_free_the_addons_envs", "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD, "1")
            .output()
            .unwrap();
        let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        assert!(output.status.success() && text.contains("1 passed"), "{text}");
        return;
    }
    let dir = std::env::temp_dir().join(format!("anode-embedder-holding-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let addon = compile_holding_addon(&dir);
    let load = format!("require({:?}).finalized()", addon.to_string_lossy());
    let round = || {
        let mut runtime = Runtime::new(RuntimeOptions::default()).unwrap();
        eval_string(&mut runtime, &load).unwrap().parse::<u32>().unwrap()
    };
    const WARM_UP: u32 = 10;
    const ROUNDS: u32 = 40;
    for _ in 0..WARM_UP {
        round();
    }
    let warm = resident_bytes();
    for _ in 0..ROUNDS {
        round();
    }
    let grown = resident_bytes().saturating_sub(warm);
    // The two finalizers (wrap, instance data) of every runtime dropped so far have run.
    assert_eq!(round(), 2 * (WARM_UP + ROUNDS));
    // A leaked env (its 10000 references' entries) would grow it by ~1 MB a round.
    eprintln!("RSS grew {:.1} MB over {ROUNDS} runtimes", grown as f64 / 1048576.0);
    assert!(grown < 12 << 20, "RSS grew {grown} bytes over {ROUNDS} runtimes");
    std::fs::remove_dir_all(dir).unwrap();
}
