//! The command line, parsed the way node parses its own: node's options (with their
//! aliases, `--no-` negations, `_` for `-`, values after `=` or in the next argument), then
//! NODE_OPTIONS, and every option node does not know handed to V8.

use crate::runtime::{self, Entry, OptionValue, Options};

mod config_file;

const USAGE: &str = "Usage: anode [options] [ script.js ] [arguments]
       anode inspect [options] [ script.js | host:port ] [arguments]
       anode -e \"script\" [arguments]

Options:
  -e, --eval script           evaluate script
  -p, --print [script]        evaluate script and print result
  -c, --check                 syntax check script without executing
  -i, --interactive           always enter the REPL even if stdin does not appear to be a terminal
  --run script                run a script of the nearest package.json (arguments after -- appended)
  --watch                     run in watch mode: restart when a module the program loaded changes
  --watch-path path           in watch mode, restart when anything under path changes instead
  --watch-preserve-output     in watch mode, do not clear the terminal on restart
  --watch-kill-signal signal  the signal watch mode stops the program with (default SIGTERM)
  -r, --require module        module to preload (option can be repeated)
  --import module             ES module to preload (option can be repeated)
  --entry-url                 treat the entry point as a URL
  -C, --conditions condition  additional user conditions for conditional exports and imports
  --input-type type           set module type for string input (commonjs or module)
  --experimental-shadow-realm enable the ShadowRealm global (V8's realms with a module loader each)
  --preserve-symlinks         preserve symbolic links when resolving
  --preserve-symlinks-main    preserve symbolic links when resolving the main module
  --env-file file             set environment variables from a file
  --env-file-if-exists file   as --env-file, without an error when the file is missing
  --title title               the process title to use on startup
  --no-warnings               silence all process warnings
  --no-deprecation            silence deprecation warnings
  --pending-deprecation       emit pending deprecation warnings
  --throw-deprecation         throw an exception on deprecations
  --trace-deprecation         show stack traces on deprecations
  --trace-warnings            show stack traces on process warnings
  --trace-uncaught            show where uncaught exceptions were thrown
  --trace-sync-io             show a stack trace when a sync API is used after the first tick
  --trace-sigint              on SIGINT, print where the program was before it ends
  --no-extra-info-on-fatal-exception
                              hide the version after an uncaught exception
  --trace-require-module=...  report require() of ES modules (all or no-node-modules)
  --disable-warning code-or-type
                              silence specific process warnings
  --disable-proto mode        remove Object.prototype.__proto__ (delete) or make it throw (throw)
  --redirect-warnings file    write process warnings to file instead of stderr
  --unhandled-rejections mode throw (default), strict, warn, none or warn-with-error-code
  --stack-trace-limit n       the number of stack frames errors capture
  --enable-source-maps        map stack traces to original sources with Source Map V3
  --dns-result-order order    dns.lookup's default order: verbatim, ipv4first or ipv6first
  --inspect[=[host:]port]     activate inspector on host:port (default: 127.0.0.1:9229)
  --inspect-brk[=[host:]port] activate inspector on host:port and break at start of user script
  --inspect-wait[=[host:]port]
                              activate inspector on host:port and wait for debugger to be attached
  --inspect-port, --debug-port [host:]port
                              set host:port for inspector
  --inspect-publish-uid=stderr,http
                              where to publish the inspector's WebSocket URL
  --disable-sigusr1           do not start the inspector on SIGUSR1
  --expose-gc                 expose gc() on the global object
  --force-node-api-uncaught-exceptions-policy
                              uncaught exceptions in Node-API finalizers go to 'uncaughtException'
  --v8-options                print V8 command line options
  -v, --version               print anode's version (as the Node.js version it implements)
  -h, --help                  print this help
  --completion-bash           print a bash completion script for anode's options
  --                          indicate the end of node options

Any other option V8 accepts is passed to V8.
Environment variables:
  NODE_OPTIONS                set command-line options (those node allows there)
";

/// How an option takes its value.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// `--name` (true), `--no-name` (false); a value after `=` is ignored, as in node.
    Bool,
    /// `--name=value` or `--name value`; the last one given wins.
    Str,
    /// As Str, each occurrence adds to the list.
    List,
    /// An option node knows that belongs to V8: handed to V8 as given.
    V8,
    /// A V8 option node takes a value for (`--stack-trace-limit`): required, then handed to V8.
    V8Value,
    /// `--inspect` and its kin: true when given; `=[host:]port` sets --inspect-port.
    Inspect,
}

struct Spec {
    name: &'static str,
    kind: Kind,
    /// Whether NODE_OPTIONS may contain it.
    in_env: bool,
    /// A Bool option's value when not given.
    default_true: bool,
}

const fn spec(name: &'static str, kind: Kind, in_env: bool) -> Spec {
    Spec { name, kind, in_env, default_true: false }
}

/// The node options anode implements (node's names, kinds and NODE_OPTIONS rules).
const SPECS: &[Spec] = &[
    spec("--eval", Kind::Str, false),
    spec("--print", Kind::Bool, false),
    spec("--check", Kind::Bool, false),
    spec("--interactive", Kind::Bool, false),
    spec("--run", Kind::Str, false),
    // Watch mode: the program runs in a child process, restarted when a file it loaded changes.
    spec("--watch", Kind::Bool, true),
    spec("--watch-path", Kind::List, true),
    spec("--watch-preserve-output", Kind::Bool, true),
    spec("--watch-kill-signal", Kind::Str, true),
    spec("--help", Kind::Bool, false),
    spec("--version", Kind::Bool, false),
    spec("--v8-options", Kind::Bool, false),
    Spec { name: "--warnings", kind: Kind::Bool, in_env: true, default_true: true },
    Spec { name: "--deprecation", kind: Kind::Bool, in_env: true, default_true: true },
    spec("--pending-deprecation", Kind::Bool, true),
    spec("--throw-deprecation", Kind::Bool, true),
    spec("--trace-deprecation", Kind::Bool, true),
    spec("--trace-warnings", Kind::Bool, true),
    spec("--trace-exit", Kind::Bool, true),
    spec("--trace-uncaught", Kind::Bool, true),
    Spec { name: "--extra-info-on-fatal-exception", kind: Kind::Bool, in_env: true, default_true: true },
    spec("--trace-sync-io", Kind::Bool, true),
    spec("--trace-sigint", Kind::Bool, true),
    // The trace-event recorder (host/src/runtime/trace_events.rs).
    spec("--trace-event-categories", Kind::Str, true),
    spec("--trace-events-enabled", Kind::Bool, true),
    spec("--trace-event-file-pattern", Kind::Str, true),
    spec("--enable-source-maps", Kind::Bool, true),
    // The profilers started with the thread and written at its exit (host/lib/internal/profilers.js),
    // and the directory diagnostic files go to when no other is named.
    spec("--cpu-prof", Kind::Bool, true),
    spec("--cpu-prof-name", Kind::Str, true),
    spec("--cpu-prof-dir", Kind::Str, true),
    spec("--cpu-prof-interval", Kind::Str, true),
    spec("--heap-prof", Kind::Bool, true),
    spec("--heap-prof-name", Kind::Str, true),
    spec("--heap-prof-dir", Kind::Str, true),
    spec("--heap-prof-interval", Kind::Str, true),
    spec("--diagnostic-dir", Kind::Str, true),
    // A heap snapshot on a signal, or as the heap nears its limit (at most this many).
    spec("--heapsnapshot-signal", Kind::Str, true),
    spec("--heapsnapshot-near-heap-limit", Kind::Str, true),
    spec("--disable-warning", Kind::List, true),
    // Object.prototype.__proto__ removed (delete) or throwing (throw) in every context.
    spec("--disable-proto", Kind::Str, true),
    spec("--redirect-warnings", Kind::Str, true),
    spec("--title", Kind::Str, true),
    // Whether to start from node's built-in startup snapshot: anode has none, so it starts as
    // a node built without one does, whichever is given.
    Spec { name: "--node-snapshot", kind: Kind::Bool, in_env: true, default_true: true },
    Spec { name: "--network-family-autoselection", kind: Kind::Bool, in_env: true, default_true: true },
    spec("--network-family-autoselection-attempt-timeout", Kind::Str, true),
    // The permission model (host/src/runtime/permission.rs).
    spec("--permission", Kind::Bool, true),
    spec("--allow-fs-read", Kind::List, true),
    spec("--allow-fs-write", Kind::List, true),
    spec("--allow-addons", Kind::Bool, true),
    spec("--allow-child-process", Kind::Bool, true),
    spec("--allow-inspector", Kind::Bool, true),
    spec("--allow-wasi", Kind::Bool, true),
    spec("--allow-worker", Kind::Bool, true),
    // --no-addons: process.dlopen and require() of .node files refused.
    Spec { name: "--addons", kind: Kind::Bool, in_env: true, default_true: true },
    spec("--preserve-symlinks", Kind::Bool, true),
    spec("--preserve-symlinks-main", Kind::Bool, true),
    spec("--conditions", Kind::List, true),
    spec("--require", Kind::List, true),
    spec("--import", Kind::List, true),
    spec("--experimental-loader", Kind::List, true),
    spec("--input-type", Kind::Str, true),
    // The inspector's server: --inspect[=[host:]port], the same waiting for a front end to let
    // the program run (-wait) or to pause it on its first line (-brk); --inspect-port alone
    // sets where inspector.open() listens (and process.debugPort).
    spec("--inspect", Kind::Inspect, true),
    spec("--inspect-brk", Kind::Inspect, true),
    // Undocumented in node's --help: pauses in node's own bootstrap first.
    spec("--inspect-brk-node", Kind::Inspect, false),
    spec("--inspect-wait", Kind::Inspect, true),
    spec("--inspect-port", Kind::Str, true),
    spec("--inspect-publish-uid", Kind::Str, true),
    spec("--disable-sigusr1", Kind::Bool, true),
    // inspector.Network's events reach sessions, and the program's requests are reported.
    spec("--experimental-network-inspection", Kind::Bool, false),
    spec("--experimental-storage-inspection", Kind::Bool, false),
    // The Target domain: the workers as targets a front end attaches to.
    spec("--experimental-worker-inspection", Kind::Bool, false),
    // Known to be refused with node's pointer to --inspect.
    spec("--debug", Kind::Inspect, false),
    spec("--debug-brk", Kind::Inspect, false),
    // The module loaders' Node 24 defaults: type stripping, syntax detection, require(esm).
    Spec { name: "--experimental-strip-types", kind: Kind::Bool, in_env: true, default_true: true },
    spec("--experimental-transform-types", Kind::Bool, true),
    Spec { name: "--experimental-detect-module", kind: Kind::Bool, in_env: true, default_true: true },
    Spec { name: "--experimental-require-module", kind: Kind::Bool, in_env: true, default_true: true },
    spec("--experimental-vm-modules", Kind::Bool, true),
    // `new ShadowRealm()`, its realms' modules loaded by a loader of their own.
    spec("--experimental-shadow-realm", Kind::Bool, true),
    // Node 24's AsyncLocalStorage on async context frames (off: node's older storage on async
    // hooks' resources).
    Spec { name: "--async-context-frame", kind: Kind::Bool, in_env: true, default_true: true },
    // Isolates' ArrayBuffer memory from an allocator that checks V8's frees.
    spec("--debug-arraybuffer-allocations", Kind::Bool, true),
    // The WebSocket client global (on by default in node 24).
    Spec { name: "--experimental-websocket", kind: Kind::Bool, in_env: true, default_true: true },
    // The EventSource global (off by default in node 24).
    spec("--experimental-eventsource", Kind::Bool, true),
    // Accepted without effect, as node 24 does (node:wasi needs no flag).
    spec("--experimental-wasi-unstable-preview1", Kind::Bool, true),
    Spec { name: "--experimental-wasm-modules", kind: Kind::Bool, in_env: true, default_true: true },
    // node:sqlite (on by default in node 24).
    Spec { name: "--experimental-sqlite", kind: Kind::Bool, in_env: true, default_true: true },
    spec("--experimental-webstorage", Kind::Bool, true),
    spec("--localstorage-file", Kind::Str, true),
    spec("--experimental-import-text", Kind::Bool, true),
    // import.meta.resolve's second argument, the URL to resolve from.
    spec("--experimental-import-meta-resolve", Kind::Bool, true),
    spec("--env-file", Kind::List, false),
    // The JSON file of options under NODE_OPTIONS and the command line (cli/config_file.rs);
    // without `=path`, node.config.json (never the next argument).
    spec("--experimental-config-file", Kind::Str, false),
    spec("--env-file-if-exists", Kind::List, false),
    spec("--unhandled-rejections", Kind::Str, true),
    spec("--trace-require-module", Kind::Str, true),
    spec("--entry-url", Kind::Bool, true),
    spec("--stack-trace-limit", Kind::V8Value, true),
    spec("--force-node-api-uncaught-exceptions-policy", Kind::Bool, true),
    spec("--dns-result-order", Kind::Str, true),
    spec("--max-http-header-size", Kind::Str, true),
    spec("--insecure-http-parser", Kind::Bool, true),
    // Buffer.allocUnsafe memory is always zeroed in anode, so this asks for what already holds.
    spec("--zero-fill-buffers", Kind::Bool, true),
    spec("--track-heap-objects", Kind::Bool, true),
    spec("--frozen-intrinsics", Kind::Bool, true),
    // The number of V8's platform worker threads (0: as many as V8 picks).
    spec("--v8-pool-size", Kind::Str, true),
    // TLS defaults and the certificate stores.
    spec("--tls-min-v1.0", Kind::Bool, true),
    spec("--tls-min-v1.1", Kind::Bool, true),
    spec("--tls-min-v1.2", Kind::Bool, true),
    spec("--tls-min-v1.3", Kind::Bool, true),
    spec("--tls-max-v1.2", Kind::Bool, true),
    spec("--tls-max-v1.3", Kind::Bool, true),
    spec("--tls-cipher-list", Kind::Str, true),
    spec("--tls-keylog", Kind::Str, true),
    spec("--trace-tls", Kind::Bool, true),
    spec("--use-system-ca", Kind::Bool, true),
    spec("--use-bundled-ca", Kind::Bool, true),
    spec("--use-openssl-ca", Kind::Bool, true),
    // OpenSSL's secure heap for secrets: its size and smallest allocation, powers of 2.
    spec("--secure-heap", Kind::Str, true),
    spec("--secure-heap-min", Kind::Str, true),
    // node:test's runner and its options.
    spec("--test", Kind::Bool, false),
    spec("--test-only", Kind::Bool, true),
    spec("--test-name-pattern", Kind::List, true),
    spec("--test-skip-pattern", Kind::List, true),
    spec("--test-reporter", Kind::List, true),
    spec("--test-reporter-destination", Kind::List, true),
    spec("--test-concurrency", Kind::Str, false),
    spec("--test-timeout", Kind::Str, false),
    spec("--test-force-exit", Kind::Bool, false),
    spec("--test-update-snapshots", Kind::Bool, false),
    spec("--test-isolation", Kind::Str, true),
    spec("--test-shard", Kind::Str, true),
    spec("--test-randomize", Kind::Bool, true),
    spec("--test-random-seed", Kind::Str, true),
    spec("--test-rerun-failures", Kind::Str, true),
    spec("--experimental-test-tag-filter", Kind::List, false),
    spec("--test-global-setup", Kind::Str, true),
    spec("--experimental-test-coverage", Kind::Bool, false),
    spec("--experimental-test-module-mocks", Kind::Bool, false),
    spec("--test-coverage-include", Kind::List, true),
    spec("--test-coverage-exclude", Kind::List, true),
    spec("--test-coverage-branches", Kind::Str, true),
    spec("--test-coverage-functions", Kind::Str, true),
    spec("--test-coverage-lines", Kind::Str, true),
    // Node's testing switch: every dgram send goes through the send queue.
    spec("--test-udp-no-try-send", Kind::Bool, false),
    // Node still accepts it; Node-API modules always load.
    spec("--napi-modules", Kind::Bool, true),
    spec("--security-revert", Kind::List, false),
    spec("--completion-bash", Kind::Bool, false),
    // V8's options node lists as its own (so NODE_OPTIONS may hold them).
    spec("--expose-internals", Kind::Bool, false),
    spec("--expose-gc", Kind::V8, true),
    spec("--max-old-space-size", Kind::V8, true),
    // Handed to V8 as --max-old-space-size, a share of the memory the heap is sized from.
    spec("--max-old-space-size-percentage", Kind::Str, true),
    spec("--max-semi-space-size", Kind::V8, true),
    spec("--max-heap-size", Kind::V8, true),
    spec("--jitless", Kind::V8, true),
    spec("--abort-on-uncaught-exception", Kind::V8, true),
    spec("--disallow-code-generation-from-strings", Kind::V8, true),
    spec("--interpreted-frames-native-stack", Kind::V8, true),
    spec("--perf-basic-prof", Kind::V8, true),
    spec("--perf-basic-prof-only-functions", Kind::V8, true),
    spec("--perf-prof", Kind::V8, true),
    spec("--perf-prof-unwinding-info", Kind::V8, true),
    spec("--enable-etw-stack-walking", Kind::V8, true),
];

/// Node's short and alternative spellings.
const ALIASES: &[(&str, &[&str])] = &[
    ("-e", &["--eval"]),
    ("-p", &["--print"]),
    ("-pe", &["--print", "--eval"]),
    ("-c", &["--check"]),
    ("-i", &["--interactive"]),
    ("-r", &["--require"]),
    ("-C", &["--conditions"]),
    ("-h", &["--help"]),
    ("-v", &["--version"]),
    ("--strip-types", &["--experimental-strip-types"]),
    ("--loader", &["--experimental-loader"]),
    ("--debug-port", &["--inspect-port"]),
    ("--experimental-default-config-file", &["--experimental-config-file"]),
];

fn alias(name: &str) -> Option<&'static [&'static str]> {
    ALIASES.iter().find(|(alias, _)| *alias == name).map(|(_, names)| *names)
}

/// --completion-bash: node's bash completion script, offering the options and their aliases.
fn bash_completion() -> String {
    let words: Vec<&str> = SPECS.iter().map(|spec| spec.name).chain(ALIASES.iter().map(|(alias, _)| *alias)).collect();
    format!(
        r#"_node_complete() {{
  local cur_word options
  cur_word="${{COMP_WORDS[COMP_CWORD]}}"
  if [[ "${{cur_word}}" == -* ]] ; then
    COMPREPLY=( $(compgen -W '{}' -- "${{cur_word}}") )
    return 0
  else
    COMPREPLY=( $(compgen -f "${{cur_word}}") )
    return 0
  fi
}}
complete -o filenames -o nospace -o bashdefault -F _node_complete node node_g
"#,
        words.join(" ")
    )
}

/// What process.allowedNodeEnvironmentFlags lists: the options NODE_OPTIONS may hold, the
/// `--no-` forms of the boolean ones, and the aliases of allowed options.
pub fn allowed_in_node_options() -> Vec<String> {
    let mut names = Vec::new();
    for spec in SPECS.iter().filter(|spec| spec.in_env) {
        names.push(spec.name.to_string());
        if spec.kind == Kind::Bool {
            names.push(format!("--no-{}", &spec.name[2..]));
        }
    }
    for short in ["-r", "-C", "--loader", "--debug-port"] {
        names.push(short.to_string());
    }
    names
}

/// The options the config file set (--experimental-config-file), as command-line options.
static CONFIG_FILE_ARGS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();

/// The options the process's config file set, as command-line options (none without one).
pub fn config_file_args() -> &'static [String] {
    CONFIG_FILE_ARGS.get().map_or(&[], Vec::as_slice)
}

/// Node's getOptionsAsFlags: the options' values as the command-line options that set them
/// (a boolean that is not its default, a string given, each item of a list).
pub fn options_as_flags(values: &[(&'static str, OptionValue)]) -> Vec<String> {
    let mut flags = Vec::new();
    for (spec, (_, value)) in SPECS.iter().zip(values) {
        match value {
            OptionValue::Bool(flag) if *flag != spec.default_true => {
                flags.push(if *flag { spec.name.to_string() } else { format!("--no-{}", &spec.name[2..]) });
            }
            OptionValue::Bool(_) => {}
            OptionValue::Str(text) if !text.is_empty() => flags.push(format!("{}={text}", spec.name)),
            OptionValue::Str(_) => {}
            OptionValue::List(items) => flags.extend(items.iter().map(|item| format!("{}={item}", spec.name))),
        }
    }
    flags
}

/// The values of node's options, in SPECS order.
pub struct Parsed {
    values: Vec<OptionValue>,
    /// The options for V8, as given.
    v8_flags: Vec<String>,
    /// The string options given (node tells `--eval ''` from no --eval).
    given_strings: Vec<usize>,
    /// The files of --env-file (true) and --env-file-if-exists (false), in order.
    env_files: Vec<(String, bool)>,
}

impl Parsed {
    fn new() -> Self {
        let values = SPECS
            .iter()
            .map(|spec| match spec.kind {
                Kind::Bool | Kind::Inspect => OptionValue::Bool(spec.default_true),
                Kind::List => OptionValue::List(Vec::new()),
                Kind::Str | Kind::V8 | Kind::V8Value => OptionValue::Str(String::new()),
            })
            .collect();
        Parsed { values, v8_flags: Vec::new(), given_strings: Vec::new(), env_files: Vec::new() }
    }

    fn index(name: &str) -> usize {
        SPECS.iter().position(|spec| spec.name == name).expect("a known option")
    }

    fn flag(&self, name: &str) -> bool {
        matches!(self.values[Self::index(name)], OptionValue::Bool(true))
    }

    fn string(&self, name: &str) -> &str {
        match &self.values[Self::index(name)] {
            OptionValue::Str(value) => value,
            _ => "",
        }
    }

    /// --v8-pool-size as node reads it: a leading integer, anything else 0.
    fn v8_pool_size(&self) -> u32 {
        let value = self.string("--v8-pool-size");
        let digits: String = value.chars().take_while(|c| c.is_ascii_digit()).collect();
        digits.parse::<u32>().unwrap_or(0)
    }

    fn list(&self, name: &str) -> &[String] {
        match &self.values[Self::index(name)] {
            OptionValue::List(values) => values,
            _ => &[],
        }
    }

    fn given(&self, name: &str) -> bool {
        self.given_strings.contains(&Self::index(name))
    }
}

/// An unsigned option's value as node reads it: its leading digits (none: 0).
fn leading_unsigned(text: &str) -> u64 {
    let digits: String = text.trim_start().chars().take_while(char::is_ascii_digit).collect();
    digits.parse().unwrap_or(if digits.is_empty() { 0 } else { u64::MAX })
}

/// A signed option's value as node reads it (atoll): an optional sign and its leading
/// digits; anything else 0.
fn leading_integer(text: &str) -> i64 {
    let text = text.trim_start();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let digits: String = digits.chars().take_while(char::is_ascii_digit).collect();
    let value = if digits.is_empty() { 0 } else { digits.parse::<i64>().unwrap_or(i64::MAX) };
    if negative { -value } else { value }
}

/// --secure-heap and --secure-heap-min as node settles them: with a heap, its smallest
/// allocation is at most the heap (and an int) and at least 2, and both must be powers of 2.
/// The settled values are what the program reads back; node's messages for bad ones.
fn settle_secure_heap(parsed: &mut Parsed) -> (i64, i64, Vec<String>) {
    let size = leading_integer(parsed.string("--secure-heap"));
    let mut min_size = if parsed.given("--secure-heap-min") { leading_integer(parsed.string("--secure-heap-min")) } else { 2 };
    let mut misused = Vec::new();
    if size >= 2 {
        if size & (size - 1) != 0 {
            misused.push("--secure-heap must be a power of 2".to_string());
        }
        min_size = min_size.min(size).min(i64::from(i32::MAX)).max(2);
        if min_size & (min_size - 1) != 0 {
            misused.push("--secure-heap-min must be a power of 2".to_string());
        }
    }
    parsed.values[Parsed::index("--secure-heap")] = OptionValue::Str(size.to_string());
    parsed.values[Parsed::index("--secure-heap-min")] = OptionValue::Str(min_size.to_string());
    (size, min_size, misused)
}

/// --max-old-space-size-percentage as node settles it: the value as strtod reads it, more
/// than 0 and at most 100, of the memory the heap is sized from, in whole MB.
fn old_space_size_from_percentage(text: &str) -> Result<u64, String> {
    let invalid = || format!("--max-old-space-size-percentage must be greater than 0 and up to 100. Got: {text}");
    let c_text = std::ffi::CString::new(text).map_err(|_| invalid())?;
    let mut end = std::ptr::null_mut();
    // SAFETY: c_text is NUL-terminated and outlives the call; end points into it after.
    let (percentage, rest) = unsafe { (libc::strtod(c_text.as_ptr(), &mut end), *end) };
    if rest != 0 || !(percentage > 0.0 && percentage <= 100.0) {
        return Err(invalid());
    }
    let memory_mb = runtime::memory_for_heap() / (1024 * 1024);
    Ok((memory_mb as f64 * percentage / 100.0) as u64)
}

/// A profiler's companion options (`-name`, `-dir`, `-interval`) used without the profiler
/// itself: node's message for each (an empty name or directory, or the default interval, is
/// no use of them).
fn profiler_options_misused(parsed: &Parsed, profiler: &str, default_interval: u64) -> Vec<String> {
    if parsed.flag(profiler) {
        return Vec::new();
    }
    let interval = format!("{profiler}-interval");
    let interval_set = parsed.given(&interval) && leading_unsigned(parsed.string(&interval)) != default_interval;
    [format!("{profiler}-name"), format!("{profiler}-dir")]
        .into_iter()
        .filter(|name| !parsed.string(name).is_empty())
        .chain(interval_set.then_some(interval))
        .map(|name| format!("{name} must be used with {profiler}"))
        .collect()
}

/// Parses the options in `args` (from the command line, or NODE_OPTIONS when `from_env`);
/// returns how many arguments were options, or node's error message.
fn parse(args: &[String], from_env: bool, parsed: &mut Parsed) -> Result<usize, String> {
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        if arg == "--" {
            if from_env {
                return Err("-- is not allowed in NODE_OPTIONS".into());
            }
            return Ok(i + 1);
        }
        if !arg.starts_with('-') || arg == "-" {
            return Ok(i);
        }
        i += 1;
        let (raw_name, mut value) = match arg.split_once('=') {
            Some((name, value)) if arg.starts_with("--") => (name, Some(value.to_string())),
            _ => (arg, None),
        };
        let shown = if value.is_some() { format!("{raw_name}=") } else { raw_name.to_string() };
        let mut name = if raw_name.starts_with("--") { raw_name.replace('_', "-") } else { raw_name.to_string() };
        let mut negated = false;
        if let Some(rest) = name.strip_prefix("--no-") {
            let positive = format!("--{rest}");
            let target = match alias(&positive) {
                Some([single]) => Some(single.to_string()),
                _ => SPECS.iter().any(|spec| spec.name == positive).then_some(positive),
            };
            if let Some(target) = target {
                name = target;
                negated = true;
            }
        }
        // `--print code` is `-pe code`: -p takes the next argument as code unless it is an option.
        let names: Vec<&str> = match alias(&name).unwrap_or(&[]) {
            ["--print"] | [] if (name == "-p" || name == "--print")
                && value.is_none()
                && args.get(i).is_some_and(|next| !next.starts_with('-')) =>
            {
                vec!["--print", "--eval"]
            }
            [] => vec![name.as_str()],
            names => names.to_vec(),
        };
        for name in names {
            let Some(index) = SPECS.iter().position(|spec| spec.name == name) else {
                if from_env {
                    return Err(format!("{shown} is not allowed in NODE_OPTIONS"));
                }
                parsed.v8_flags.push(arg.to_string());
                continue;
            };
            let spec = &SPECS[index];
            if from_env && !spec.in_env {
                return Err(format!("{shown} is not allowed in NODE_OPTIONS"));
            }
            if negated && spec.kind == Kind::V8 {
                parsed.v8_flags.push(arg.to_string());
                continue;
            }
            if negated && spec.kind != Kind::Bool {
                return Err(format!("{arg} is an invalid negation because it is not a boolean option"));
            }
            match spec.kind {
                Kind::Bool => {
                    parsed.values[index] = OptionValue::Bool(!negated);
                    // Node's implication, made where the option is, so a later option (as
                    // --no-enable-source-maps) overrides it.
                    if name == "--experimental-transform-types" && !negated {
                        parsed.values[Parsed::index("--experimental-strip-types")] = OptionValue::Bool(true);
                        parsed.values[Parsed::index("--enable-source-maps")] = OptionValue::Bool(true);
                    }
                }
                Kind::Inspect => {
                    parsed.values[index] = OptionValue::Bool(true);
                    if let Some(value) = value.take() {
                        let port = Parsed::index("--inspect-port");
                        parsed.values[port] = OptionValue::Str(value);
                        parsed.given_strings.push(port);
                    }
                }
                Kind::V8 => parsed.v8_flags.push(arg.to_string()),
                Kind::Str if name == "--experimental-config-file" && (value.is_none() || raw_name.replace('_', "-") != name) => {
                    if value.is_some() {
                        return Err(format!("{raw_name} does not take an argument"));
                    }
                    parsed.given_strings.push(index);
                    parsed.values[index] = OptionValue::Str(config_file::DEFAULT_FILE.to_string());
                }
                Kind::Str | Kind::List | Kind::V8Value => {
                    let value = match value.take() {
                        Some(value) if !value.is_empty() => value,
                        Some(_) => return Err(format!("{shown} requires an argument")),
                        None => match args.get(i) {
                            Some(next) if !next.starts_with('-') => {
                                i += 1;
                                // `\-` escapes a value that starts with a dash.
                                next.strip_prefix('\\').filter(|rest| rest.starts_with('-')).unwrap_or(next).to_string()
                            }
                            _ => return Err(format!("{shown} requires an argument")),
                        },
                    };
                    parsed.given_strings.push(index);
                    if matches!(name, "--env-file" | "--env-file-if-exists") {
                        parsed.env_files.push((value.clone(), name == "--env-file"));
                    }
                    match (&mut parsed.values[index], spec.kind) {
                        (slot, Kind::V8Value) => {
                            parsed.v8_flags.push(format!("{name}={value}"));
                            *slot = OptionValue::Str(value);
                        }
                        (OptionValue::List(values), _) => values.push(value),
                        (slot, _) => *slot = OptionValue::Str(value),
                    }
                }
            }
        }
    }
    Ok(i)
}

/// Splits NODE_OPTIONS as node does: at spaces, with double quotes grouping and a backslash
/// escaping the next character inside them (no crate splits with exactly these rules).
fn split_node_options(text: &str) -> Result<Vec<String>, String> {
    let mut args = Vec::new();
    let mut current = String::new();
    let mut in_word = false;
    let mut quoted = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' if quoted => match chars.next() {
                Some(next) => current.push(next),
                None => return Err("invalid value for NODE_OPTIONS (invalid escape)\n".into()),
            },
            '"' => {
                quoted = !quoted;
                in_word = true;
            }
            ' ' if !quoted => {
                if in_word {
                    args.push(std::mem::take(&mut current));
                    in_word = false;
                }
            }
            c => {
                current.push(c);
                in_word = true;
            }
        }
    }
    if quoted {
        return Err("invalid value for NODE_OPTIONS (unterminated string)\n".into());
    }
    if in_word {
        args.push(current);
    }
    Ok(args)
}

/// Loads the --env-file files into the environment: a later file's value for a variable
/// replaces an earlier file's, and variables already set keep their values; a missing
/// --env-file is node's error.
fn load_env_files(parsed: &Parsed) -> Result<(), String> {
    let mut variables = std::collections::BTreeMap::new();
    for (file, required) in &parsed.env_files {
        let mut content = Vec::new();
        match std::fs::File::open(file) {
            Ok(mut opened) => {
                if std::io::Read::read_to_end(&mut opened, &mut content).is_err() {
                    return Err(format!("{file}: invalid format"));
                }
            }
            Err(_) if *required => return Err(format!("{file}: not found")),
            Err(_) => {
                eprintln!("{file} not found. Continuing without it.");
                continue;
            }
        }
        variables.extend(crate::runtime::dotenv::parse(&String::from_utf8_lossy(&content)));
    }
    for (key, value) in variables {
        if std::env::var_os(&key).is_none() {
            // SAFETY: V8 and the loop have not started; this thread is the only one.
            unsafe { std::env::set_var(key, value) };
        }
    }
    Ok(())
}

/// Runs anode with `argv` (program name first) and returns the exit code.
/// A write past RLIMIT_FSIZE fails with EFBIG instead of SIGXFSZ ending the process, as in
/// node: a handler that does nothing (not SIG_IGN, which child processes would inherit).
fn survive_file_size_limit() {
    extern "C" fn ignore(_signal: libc::c_int) {}
    // SAFETY: installs a handler that touches nothing.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = ignore as extern "C" fn(libc::c_int) as libc::sighandler_t;
        action.sa_flags = libc::SA_RESTART;
        libc::sigemptyset(&mut action.sa_mask);
        libc::sigaction(libc::SIGXFSZ, &action, std::ptr::null_mut());
    }
}

/// Signal dispositions as node's PlatformInit leaves them, whatever the parent left: SIGINT
/// unblocked, and a signal the parent ignored back to its default action (SIGPIPE stays
/// ignored; SIGXFSZ is survive_file_size_limit's). A handler some library installed stays.
fn reset_signal_dispositions() {
    // SAFETY: sigaction and pthread_sigmask on fresh, zeroed structures.
    unsafe {
        let mut unblocked: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut unblocked);
        libc::sigaddset(&mut unblocked, libc::SIGINT);
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &unblocked, std::ptr::null_mut());
        // Node's bound (NSIG varies on Linux with the real-time signals).
        for signal in 1..32 {
            if matches!(signal, libc::SIGKILL | libc::SIGSTOP | libc::SIGPIPE | libc::SIGXFSZ) {
                continue;
            }
            let mut old: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(signal, std::ptr::null(), &mut old) != 0 || old.sa_flags & libc::SA_SIGINFO != 0 || old.sa_sigaction != libc::SIG_IGN {
                continue;
            }
            let mut default: libc::sigaction = std::mem::zeroed();
            default.sa_sigaction = libc::SIG_DFL;
            libc::sigaction(signal, &default, std::ptr::null_mut());
        }
    }
}

pub fn main(argv: Vec<String>) -> i32 {
    runtime::perf::process_started();
    reset_signal_dispositions();
    survive_file_size_limit();
    let program = argv[0].clone();
    let exec_path = std::env::current_exe()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| argv[0].clone());
    let args = &argv[1..];
    let mut parsed = Parsed::new();
    let option_count = match parse(args, false, &mut parsed) {
        Ok(count) => count,
        Err(message) => {
            eprintln!("{program}: {message}");
            return 9;
        }
    };
    let cli_options = &args[..option_count];
    let exec_argv: Vec<String> = match cli_options.last() {
        Some(last) if last == "--" => cli_options[..option_count - 1].to_vec(),
        _ => cli_options.to_vec(),
    };
    // The config file named without a path reads in execArgv as named with it, as in node.
    let exec_argv: Vec<String> = exec_argv
        .into_iter()
        .map(|arg| match arg.replace('_', "-").as_str() {
            "--experimental-config-file" | "--experimental-default-config-file" => format!("--experimental-config-file={}", config_file::DEFAULT_FILE),
            _ => arg,
        })
        .collect();
    // In watch mode the env files are the program's (read again on each restart), not the watcher's.
    let watch_on_command_line = parsed.flag("--watch") || !parsed.list("--watch-path").is_empty();
    if !watch_on_command_line {
        if let Err(message) = load_env_files(&parsed) {
            eprintln!("{program}: {message}");
            return 9;
        }
    }
    // The config file's options come first, then NODE_OPTIONS: options on the command line
    // override both.
    let config_args = if parsed.given("--experimental-config-file") {
        let path = parsed.string("--experimental-config-file").to_string();
        match config_file::read(&path) {
            // NODE_OPTIONS, when set (even empty), takes the place of the file's "nodeOptions".
            Ok(args) => {
                let node_options_set = std::env::var_os("NODE_OPTIONS").is_some();
                args.into_iter().filter(|(_, from_node_options)| !(node_options_set && *from_node_options)).map(|(arg, _)| arg).collect()
            }
            Err(error) => {
                match error {
                    config_file::ConfigError::Read(message) => {
                        eprintln!("{message}");
                        eprintln!("{program}: {path}: not found");
                    }
                    config_file::ConfigError::Invalid(message) => {
                        eprintln!("{message}");
                        eprintln!("{program}: {path}: invalid content");
                    }
                    config_file::ConfigError::Smuggled => {
                        eprintln!("{program}: The number of NODE_OPTIONS doesn't match the number of flags in the config file");
                    }
                    // Node reports it twice.
                    config_file::ConfigError::Split(message) => eprintln!("{program}: {message}\n{program}: {message}"),
                }
                return 9;
            }
        }
    } else {
        Vec::new()
    };
    let _ = CONFIG_FILE_ARGS.set(config_args.clone());
    if !config_args.is_empty() {
        let mut merged = Parsed::new();
        for args in [&config_args[..], cli_options] {
            if let Err(message) = parse(args, false, &mut merged) {
                eprintln!("{program}: {message}");
                return 9;
            }
        }
        parsed = merged;
    }
    let node_options = std::env::var_os("NODE_OPTIONS").filter(|text| !text.is_empty());
    if let Some(text) = node_options {
        let env_args = match split_node_options(&text.to_string_lossy()) {
            Ok(args) => args,
            Err(message) => {
                eprintln!("{program}: {message}");
                return 9;
            }
        };
        let mut merged = Parsed::new();
        if let Err(message) = parse(&config_args, false, &mut merged) {
            eprintln!("{program}: {message}");
            return 9;
        }
        match parse(&env_args, true, &mut merged) {
            Ok(count) if count < env_args.len() => {
                eprintln!("{program}: {} is not allowed in NODE_OPTIONS", env_args[count]);
                return 9;
            }
            Ok(_) => {}
            Err(message) => {
                eprintln!("{program}: {message}");
                return 9;
            }
        }
        if let Err(message) = parse(cli_options, false, &mut merged) {
            eprintln!("{program}: {message}");
            return 9;
        }
        parsed = merged;
    }
    // Modes --test cannot run with, each refused on a line of its own, as node's.
    if parsed.flag("--test") {
        let conflicts = [
            ("--check", parsed.flag("--check")),
            ("--eval", parsed.given("--eval") || parsed.flag("--print")),
            ("--interactive", parsed.flag("--interactive")),
        ];
        let refused: Vec<&str> = conflicts.iter().filter(|(_, given)| *given).map(|(name, _)| *name).collect();
        if !refused.is_empty() {
            for name in refused {
                eprintln!("{program}: either --test or {name} can be used, not both");
            }
            return 9;
        }
    }
    // Environment variables node reads as options.
    let env_is_one = |name: &str| std::env::var(name).is_ok_and(|value| value.starts_with('1'));
    if env_is_one("NODE_PENDING_DEPRECATION") {
        parsed.values[Parsed::index("--pending-deprecation")] = OptionValue::Bool(true);
    }
    if std::env::var("NODE_USE_SYSTEM_CA").is_ok_and(|value| value == "1") {
        parsed.values[Parsed::index("--use-system-ca")] = OptionValue::Bool(true);
    }
    if env_is_one("NODE_PRESERVE_SYMLINKS") {
        parsed.values[Parsed::index("--preserve-symlinks")] = OptionValue::Bool(true);
    }
    if parsed.string("--redirect-warnings").is_empty() {
        if let Some(file) = std::env::var("NODE_REDIRECT_WARNINGS").ok().filter(|file| !file.is_empty()) {
            parsed.values[Parsed::index("--redirect-warnings")] = OptionValue::Str(file);
        }
    }
    // Node knows no CVE fix to revert (its list is empty in this release).
    if let Some(cve) = parsed.list("--security-revert").first() {
        eprintln!("{program}: Error: Attempt to revert an unknown CVE [{cve}]");
        return 12;
    }
    if parsed.flag("--version") {
        println!("{}", runtime::NODE_VERSION);
        return 0;
    }
    if parsed.flag("--completion-bash") {
        print!("{}", bash_completion());
        return 0;
    }
    if parsed.flag("--help") {
        print!("{USAGE}");
        return 0;
    }
    if parsed.flag("--v8-options") {
        runtime::print_v8_options(&program);
        return 0;
    }
    if parsed.given("--run") {
        let positional = args.iter().position(|arg| arg == "--").map_or(&[][..], |dashes| &args[dashes + 1..]);
        return crate::task_runner::run(parsed.string("--run"), positional);
    }
    let has_eval = parsed.given("--eval");
    let watch = parsed.flag("--watch") || !parsed.list("--watch-path").is_empty();
    if watch {
        let conflict = if has_eval || parsed.flag("--print") {
            Some("--eval")
        } else if parsed.flag("--check") {
            Some("--check")
        } else if parsed.flag("--interactive") {
            Some("--interactive")
        } else {
            None
        };
        if let Some(other) = conflict {
            eprintln!("{program}: either --watch or {other} can be used, not both");
            return 9;
        }
    }
    if parsed.flag("--check") && (has_eval || parsed.flag("--print")) {
        eprintln!("{program}: either --check or --eval can be used, not both");
        return 9;
    }
    for (one, other) in [("--tls-min-v1.3", "--tls-max-v1.2"), ("--use-openssl-ca", "--use-bundled-ca")] {
        if parsed.flag(one) && parsed.flag(other) {
            eprintln!("{program}: either {one} or {other} can be used, not both");
            return 9;
        }
    }
    let (secure_heap, secure_heap_min, secure_heap_misused) = settle_secure_heap(&mut parsed);
    // The share overrides any --max-old-space-size, wherever that was given.
    let old_space_size = parsed
        .given("--max-old-space-size-percentage")
        .then(|| old_space_size_from_percentage(parsed.string("--max-old-space-size-percentage")));
    if let Some(Ok(size)) = old_space_size {
        parsed.v8_flags.push(format!("--max-old-space-size={size}"));
    }
    // ShadowRealm is V8's harmony feature; the runtime gives it its contexts.
    if parsed.flag("--experimental-shadow-realm") {
        parsed.v8_flags.push("--harmony-shadow-realm".into());
    }
    let input_type = parsed.string("--input-type");
    if !matches!(input_type, "" | "module" | "commonjs" | "module-typescript" | "commonjs-typescript") {
        eprintln!(
            "{program}: --input-type must be \"module\",\"commonjs\", \"module-typescript\" or \"commonjs-typescript\""
        );
        return 9;
    }
    let mut misused = Vec::new();
    if parsed.string("--heapsnapshot-near-heap-limit").trim_start().starts_with('-') {
        misused.push("--heapsnapshot-near-heap-limit must not be negative".to_string());
    }
    misused.extend(profiler_options_misused(&parsed, "--cpu-prof", 1000));
    misused.extend(profiler_options_misused(&parsed, "--heap-prof", 512 * 1024));
    misused.extend(secure_heap_misused);
    if parsed.given("--inspect-publish-uid") && parsed.string("--inspect-publish-uid").split(',').any(|destination| !matches!(destination, "stderr" | "http")) {
        misused.push("--inspect-publish-uid destination can be stderr or http".to_string());
    }
    misused.extend(old_space_size.and_then(Result::err));
    for message in &misused {
        eprintln!("{program}: {message}");
    }
    if !misused.is_empty() {
        return 9;
    }
    if secure_heap != 0 {
        runtime::init_secure_heap(secure_heap, secure_heap_min);
    }
    if parsed.flag("--debug-arraybuffer-allocations") {
        runtime::array_buffer_allocator::enable_debugging();
    }
    if parsed.flag("--debug") || parsed.flag("--debug-brk") {
        eprintln!("{program}: [DEP0062]: `node --debug` and `node --debug-brk` are invalid. Please use `node --inspect` and `node --inspect-brk` instead.");
        return 9;
    }
    if parsed.given("--inspect-port") {
        if let Err(message) = runtime::inspector_server::HostPort::default().update(parsed.string("--inspect-port")) {
            eprintln!("{program}: {message}");
            return 9;
        }
    }
    if !matches!(parsed.string("--unhandled-rejections"), "" | "throw" | "strict" | "warn" | "none" | "warn-with-error-code")
    {
        eprintln!("{program}: invalid value for --unhandled-rejections");
        return 9;
    }
    if !matches!(parsed.string("--disable-proto"), "" | "delete" | "throw") {
        eprintln!("{program}: invalid mode passed to --disable-proto");
        return 12;
    }
    if !matches!(parsed.string("--trace-require-module"), "" | "all" | "no-node-modules") {
        eprintln!("{program}: invalid value for --trace-require-module");
        return 9;
    }
    let expose_gc = parsed.v8_flags.iter().any(|flag| matches!(flag.as_str(), "--expose-gc" | "--expose_gc"));
    // V8 options are checked before anything runs, as node reports a bad option first.
    let bad = runtime::init_v8(&program, &parsed.v8_flags, parsed.v8_pool_size());
    if !bad.is_empty() {
        for flag in bad {
            eprintln!("{program}: bad option: {flag}");
        }
        return 9;
    }
    let rest = &args[option_count..];
    let mut script_argv = vec![exec_path.clone()];
    let print = parsed.flag("--print");
    let interactive = parsed.flag("--interactive");
    let stdin_is_terminal = std::io::IsTerminal::is_terminal(&std::io::stdin());
    let script = rest.split_first().filter(|_| !has_eval && !print);
    let test = parsed.flag("--test") && !has_eval && !print;
    let repl = !watch && !test && script.is_none() && (interactive || (!has_eval && !print && stdin_is_terminal));
    if repl && !input_type.is_empty() {
        eprintln!("Cannot specify --input-type for REPL");
        return 9;
    }
    // `inspect` in the script's place starts the debugger client (node's `node inspect`);
    // process.argv keeps the word, as in node.
    let inspect = !watch && !test && script.is_some_and(|(file, _)| file == "inspect");
    // With --test, --watch is the test runner's (which checks it with the run's other options).
    let (entry, rest) = if inspect {
        script_argv.push("inspect".to_string());
        (Entry::Inspect, &rest[1..])
    } else if watch && !test {
        // The program's own command line, as given: the child process resolves the script.
        (Entry::Watch, rest)
    } else if test {
        // The test runner takes the rest as test files.
        (Entry::Test, rest)
    } else if repl {
        let eval = (has_eval || print).then(|| (parsed.string("--eval").to_string(), print));
        (Entry::Repl { eval }, rest)
    } else if has_eval || print {
        let code = if has_eval { parsed.string("--eval").to_string() } else { read_stdin() };
        let name = if has_eval { "[eval]" } else { "[stdin]" };
        (Entry::Eval { code, print, name }, rest)
    } else {
        match script {
            // An empty script name reads the program from stdin, as `-` does.
            Some((file, rest)) if file != "-" && !file.is_empty() => {
                script_argv.push(file.clone());
                (Entry::File(file.clone()), rest)
            }
            Some((file, rest)) => {
                script_argv.push(file.clone());
                (Entry::Eval { code: read_stdin(), print: false, name: "[stdin]" }, rest)
            }
            None => (Entry::Eval { code: read_stdin(), print: false, name: "[stdin]" }, rest),
        }
    };
    script_argv.extend(rest.iter().cloned());
    let force_napi_uncaught_policy = parsed.flag("--force-node-api-uncaught-exceptions-policy");
    let node_options = SPECS.iter().map(|spec| spec.name).zip(parsed.values).collect();
    runtime::run(Options {
        argv0: program,
        exec_path,
        argv: script_argv,
        exec_argv,
        entry: Some(entry),
        expose_gc,
        v8_flags: parsed.v8_flags,
        force_napi_uncaught_policy,
        node_options,
    })
}

/// The options of an embedder's runtime: node's options in `node_args` (no script), and
/// `argv` as process.argv after the executable's path.
pub(crate) fn embedder_options(node_args: &[String], argv: Vec<String>) -> Result<Options, String> {
    let mut parsed = Parsed::new();
    let count = parse(node_args, false, &mut parsed)?;
    if let Some(extra) = node_args.get(count) {
        return Err(format!("{extra} is not an option of node"));
    }
    let program = "anode".to_string();
    // V8 takes its options once per process, from the first runtime.
    let bad = runtime::init_v8(&program, &parsed.v8_flags, parsed.v8_pool_size());
    if !bad.is_empty() {
        return Err(format!("bad option: {}", bad.join(" ")));
    }
    let started = runtime::v8_started_with().unwrap_or_default();
    if started != parsed.v8_flags.as_slice() {
        return Err(format!("V8 was started with {started:?}: V8's options ({:?}) are set once per process, by its first runtime", parsed.v8_flags));
    }
    let exec_path = std::env::current_exe().map(|path| path.to_string_lossy().into_owned()).unwrap_or_else(|_| program.clone());
    let mut script_argv = vec![exec_path.clone()];
    script_argv.extend(argv);
    Ok(Options {
        argv0: program,
        exec_path,
        argv: script_argv,
        exec_argv: node_args.to_vec(),
        entry: None,
        expose_gc: parsed.v8_flags.iter().any(|flag| matches!(flag.as_str(), "--expose-gc" | "--expose_gc")),
        force_napi_uncaught_policy: parsed.flag("--force-node-api-uncaught-exceptions-policy"),
        v8_flags: parsed.v8_flags,
        node_options: SPECS.iter().map(|spec| spec.name).zip(parsed.values).collect(),
    })
}

/// Options that act on the whole process, which a worker's execArgv may not hold (V8's are
/// refused too: V8 takes its options once per process).
const PER_PROCESS: &[&str] = &["--title", "--node-snapshot", "--v8-options", "--help", "--version", "--run", "--test", "--watch", "--watch-path"];

/// A worker's options: its parent's, with the worker's `execArgv` and (when its Worker was
/// given an env table holding one) NODE_OPTIONS parsed on top, as node's Worker does.
/// Errors are node's ERR_WORKER_INVALID_EXEC_ARGV message.
pub(crate) fn worker_options(parent: &Options, exec_argv: Option<&[String]>, node_options: Option<&str>) -> Result<Vec<(&'static str, OptionValue)>, String> {
    let mut parsed = Parsed::new();
    for ((_, value), slot) in parent.node_options.iter().zip(parsed.values.iter_mut()) {
        *slot = value.clone();
    }
    if let Some(text) = node_options {
        let invalid = |message: String| format!("Initiated Worker with invalid NODE_OPTIONS env variable: {message}");
        let args = split_node_options(text).map_err(invalid)?;
        match parse(&args, true, &mut parsed) {
            Ok(count) if count < args.len() => return Err(invalid(format!("{} is not allowed in NODE_OPTIONS", args[count]))),
            Ok(_) => {}
            Err(message) => return Err(invalid(message)),
        }
        // V8's options there are left alone, as node's Worker leaves them: V8 has its
        // options once per process.
        parsed.v8_flags.clear();
    }
    if let Some(args) = exec_argv {
        let invalid = |errors: &[String]| format!("Initiated Worker with invalid execArgv flags: {}", errors.join(", "));
        let per_process: Vec<String> = args
            .iter()
            .filter(|arg| {
                let name = arg.split('=').next().unwrap_or_default().replace('_', "-");
                let positive = name.strip_prefix("--no-").map_or(name.clone(), |rest| format!("--{rest}"));
                PER_PROCESS.contains(&positive.as_str())
            })
            .cloned()
            .collect();
        if !per_process.is_empty() {
            return Err(invalid(&per_process));
        }
        parse(args, false, &mut parsed).map_err(|message| invalid(&[message]))?;
        // Checked as node checks it, though a worker's heap follows its resourceLimits alone.
        if parsed.given("--max-old-space-size-percentage") {
            old_space_size_from_percentage(parsed.string("--max-old-space-size-percentage")).map_err(|message| invalid(&[message]))?;
        }
        if !parsed.v8_flags.is_empty() {
            return Err(invalid(&parsed.v8_flags));
        }
    }
    Ok(SPECS.iter().map(|spec| spec.name).zip(parsed.values).collect())
}

fn read_stdin() -> String {
    let mut code = String::new();
    let _ = std::io::Read::read_to_string(&mut std::io::stdin(), &mut code);
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|arg| arg.to_string()).collect()
    }

    #[test]
    fn options_stop_at_the_script_and_after_a_double_dash() {
        let mut parsed = Parsed::new();
        assert_eq!(parse(&args(&["--no-warnings", "main.js", "--inspect"]), false, &mut parsed), Ok(1));
        assert!(!parsed.flag("--warnings"));
        let mut parsed = Parsed::new();
        assert_eq!(parse(&args(&["--", "-e"]), false, &mut parsed), Ok(1));
        assert_eq!(parse(&args(&["--"]), true, &mut Parsed::new()), Err("-- is not allowed in NODE_OPTIONS".into()));
    }

    #[test]
    fn values_come_inline_or_from_the_next_argument() {
        let mut parsed = Parsed::new();
        assert_eq!(parse(&args(&["--input-type=module", "-e", "1 + 1"]), false, &mut parsed), Ok(3));
        assert_eq!(parsed.string("--input-type"), "module");
        assert_eq!(parsed.string("--eval"), "1 + 1");
        assert!(parsed.given("--eval"));
    }

    #[test]
    fn options_node_does_not_know_go_to_v8_which_judges_them() {
        let mut parsed = Parsed::new();
        assert_eq!(parse(&args(&["--expose-gc", "--stack-size=500", "--no-such-option-anywhere"]), false, &mut parsed), Ok(3));
        assert_eq!(parsed.v8_flags, ["--expose-gc", "--stack-size=500", "--no-such-option-anywhere"]);
    }

    #[test]
    fn print_takes_the_next_argument_as_code_unless_it_is_an_option() {
        let mut parsed = Parsed::new();
        assert_eq!(parse(&args(&["-p", "1 + 1", "x"]), false, &mut parsed), Ok(2));
        assert!(parsed.flag("--print"));
        assert_eq!(parsed.string("--eval"), "1 + 1");
        let mut parsed = Parsed::new();
        assert_eq!(parse(&args(&["-p", "--no-warnings"]), false, &mut parsed), Ok(2));
        assert!(parsed.flag("--print") && !parsed.given("--eval") && !parsed.flag("--warnings"));
    }

    #[test]
    fn list_options_collect_and_a_backslash_escapes_a_leading_dash() {
        let mut parsed = Parsed::new();
        assert_eq!(parse(&args(&["-r", "a", "--require=b", "--eval", "\\-1"]), false, &mut parsed), Ok(5));
        assert_eq!(parsed.list("--require"), ["a", "b"]);
        assert_eq!(parsed.string("--eval"), "-1");
        let mut parsed = Parsed::new();
        parse(&args(&["--env-file-if-exists=a", "--env-file", "b"]), false, &mut parsed).unwrap();
        assert_eq!(parsed.env_files, [("a".to_string(), false), ("b".to_string(), true)]);
    }

    #[test]
    fn bad_options_get_nodes_messages() {
        let parse_one = |list: &[&str], from_env| parse(&args(list), from_env, &mut Parsed::new());
        assert_eq!(parse_one(&["--require"], false), Err("--require requires an argument".into()));
        assert_eq!(parse_one(&["--require="], false), Err("--require= requires an argument".into()));
        assert_eq!(parse_one(&["--no-eval"], false), Err("--no-eval is an invalid negation because it is not a boolean option".into()));
        assert_eq!(parse_one(&["--eval", "1"], true), Err("--eval is not allowed in NODE_OPTIONS".into()));
        assert_eq!(parse_one(&["--no-such-option"], true), Err("--no-such-option is not allowed in NODE_OPTIONS".into()));
        assert_eq!(parse_one(&["--title=x", "--no-warnings"], true), Ok(2));
    }

    #[test]
    fn old_space_percentages_read_as_strtod_reads_them() {
        let memory_mb = runtime::memory_for_heap() / (1024 * 1024);
        assert_eq!(old_space_size_from_percentage("100"), Ok(memory_mb));
        assert_eq!(old_space_size_from_percentage("25.5"), Ok((memory_mb as f64 * 25.5 / 100.0) as u64));
        for bad in ["0", "101", "-1", "abc", "1%", "nan"] {
            let message = format!("--max-old-space-size-percentage must be greater than 0 and up to 100. Got: {bad}");
            assert_eq!(old_space_size_from_percentage(bad), Err(message));
        }
    }

    #[test]
    fn node_options_allow_the_negations_and_aliases_of_allowed_options() {
        let allowed = allowed_in_node_options();
        for name in ["--require", "-r", "--warnings", "--no-warnings", "--title"] {
            assert!(allowed.iter().any(|allowed| allowed == name), "{name}");
        }
        assert!(!allowed.iter().any(|allowed| allowed == "--eval" || allowed == "--no-title"));
    }

    #[test]
    fn unsigned_options_read_their_leading_digits() {
        assert_eq!(leading_unsigned("1024"), 1024);
        assert_eq!(leading_unsigned(" 12kb"), 12);
        assert_eq!(leading_unsigned("kb"), 0);
        assert_eq!(leading_unsigned("99999999999999999999999"), u64::MAX);
        let mut parsed = Parsed::new();
        parse(&args(&["--v8-pool-size=4x"]), false, &mut parsed).unwrap();
        assert_eq!(parsed.v8_pool_size(), 4);
    }

    #[test]
    fn node_options_split_like_a_shell_with_double_quotes() {
        assert_eq!(split_node_options(r#"--require "a b.js"  --no-warnings"#), Ok(args(&["--require", "a b.js", "--no-warnings"])));
        assert_eq!(split_node_options(r#"--title="x \"y\"""#), Ok(args(&[r#"--title=x "y""#])));
        assert!(split_node_options(r#"--require "open"#).is_err());
    }
}
