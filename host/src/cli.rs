//! The command line, parsed the way node parses its own.

use crate::runtime::{self, Entry, Options};

const USAGE: &str = "Usage: anode [options] [ script.js ] [arguments]
       anode -e \"script\" [arguments]

Options:
  -e, --eval script       evaluate script
  -p, --print script      evaluate script and print result
  --expose-gc             expose gc() on the global object
  --force-node-api-uncaught-exceptions-policy
                          uncaught exceptions in Node-API finalizers go to 'uncaughtException'
  --v8-option             any other option V8 accepts is passed to V8
  -v, --version           print anode's version (as the Node.js version it implements)
  -h, --help              print this help
  --                      indicate the end of node options
";

/// Runs anode with `argv` (program name first) and returns the exit code.
pub fn main(argv: Vec<String>) -> i32 {
    let exec_path = std::env::current_exe()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| argv[0].clone());
    let mut exec_argv = Vec::new();
    let mut entry = None;
    let mut expose_gc = false;
    let mut v8_flags = Vec::new();
    let mut force_napi_uncaught_policy = false;
    let mut i = 1;
    while i < argv.len() {
        let arg = argv[i].as_str();
        if arg == "--" {
            i += 1;
            break;
        }
        if entry.is_some() || !arg.starts_with('-') || arg == "-" {
            break;
        }
        i += 1;
        match arg {
            "-e" | "--eval" | "-p" | "--print" => {
                let Some(code) = argv.get(i) else {
                    eprintln!("{}: {} requires an argument", argv[0], arg);
                    return 9;
                };
                exec_argv.extend([arg.to_string(), code.clone()]);
                i += 1;
                let print = matches!(arg, "-p" | "--print");
                entry = Some(Entry::Eval { code: code.clone(), print, name: "[eval]" });
            }
            // Modules loaded before the entry point (the loaders read them from process.execArgv).
            "-r" | "--require" | "--import" => {
                let Some(request) = argv.get(i) else {
                    eprintln!("{}: {} requires an argument", argv[0], arg);
                    return 9;
                };
                exec_argv.extend([arg.to_string(), request.clone()]);
                i += 1;
            }
            _ if arg.starts_with("--require=") || arg.starts_with("--import=") => exec_argv.push(arg.to_string()),
            // What --eval's code is: module, commonjs, or (neither) detected from its syntax.
            "--input-type=module" | "--input-type=commonjs" => exec_argv.push(arg.to_string()),
            "--expose-gc" | "--expose_gc" => {
                expose_gc = true;
                exec_argv.push(arg.to_string());
            }
            "-v" | "--version" => {
                println!("{}", runtime::NODE_VERSION);
                return 0;
            }
            "-h" | "--help" => {
                print!("{USAGE}");
                return 0;
            }
            // Node still accepts it; Node-API modules always load.
            "--napi-modules" => exec_argv.push(arg.to_string()),
            // Module options the loaders read from process.execArgv: TypeScript type
            // stripping, ES module syntax detection and require(esm) (all on by default).
            "--experimental-strip-types" | "--strip-types" | "--no-experimental-strip-types" | "--no-strip-types"
            | "--experimental-detect-module" | "--no-experimental-detect-module"
            | "--experimental-require-module" | "--no-experimental-require-module" => exec_argv.push(arg.to_string()),
            // Warnings are emitted but not printed (read by the bootstrap from process.execArgv).
            "--no-warnings" => exec_argv.push(arg.to_string()),
            "--force-node-api-uncaught-exceptions-policy" | "--force-node-api-uncaught-exceptions-policy=true" => {
                force_napi_uncaught_policy = true;
                exec_argv.push(arg.to_string());
            }
            "--no-force-node-api-uncaught-exceptions-policy" | "--force-node-api-uncaught-exceptions-policy=false" => {
                force_napi_uncaught_policy = false;
                exec_argv.push(arg.to_string());
            }
            _ if arg.starts_with("--") => {
                v8_flags.push(arg.to_string());
                exec_argv.push(arg.to_string());
            }
            _ => {
                eprintln!("{}: bad option: {}", argv[0], arg);
                return 9;
            }
        }
    }
    // V8 options are checked first, as node reports a bad option before anything else.
    if let Some(bad) = runtime::init_v8(&argv[0], expose_gc, &v8_flags).first() {
        eprintln!("{}: bad option: {bad}", argv[0]);
        return 9;
    }
    let mut script_argv = vec![exec_path.clone()];
    let entry = match entry {
        Some(entry) => entry,
        None => match argv.get(i) {
            Some(file) => {
                i += 1;
                script_argv.push(file.clone());
                Entry::File(file.clone())
            }
            None => {
                eprintln!("{}: no script given (the interactive REPL is not supported)", argv[0]);
                return 9;
            }
        },
    };
    script_argv.extend(argv[i..].iter().cloned());
    runtime::run(Options {
        argv0: argv[0].clone(),
        exec_path,
        argv: script_argv,
        exec_argv,
        entry,
        expose_gc,
        v8_flags,
        force_napi_uncaught_policy,
    })
}
