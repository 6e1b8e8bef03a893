//! --experimental-config-file: a JSON file's options (its "nodeOptions" and the "test", "watch"
//! and "permission" namespaces) turned into the command-line options they stand for, which
//! apply under NODE_OPTIONS and the command line, as node's ConfigReader reads them.

use super::{split_node_options, Kind, Spec, SPECS};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// The file --experimental-config-file names when given without a path.
pub(super) const DEFAULT_FILE: &str = "node.config.json";

/// The namespaces and the options each may set (beyond "nodeOptions", which takes the options
/// NODE_OPTIONS may hold).
const NAMESPACES: &[(&str, &[&str])] = &[
    (
        "test",
        &[
            "--experimental-test-coverage",
            "--experimental-test-module-mocks",
            "--experimental-test-tag-filter",
            "--test",
            "--test-concurrency",
            "--test-coverage-branches",
            "--test-coverage-exclude",
            "--test-coverage-functions",
            "--test-coverage-include",
            "--test-coverage-lines",
            "--test-force-exit",
            "--test-global-setup",
            "--test-isolation",
            "--test-name-pattern",
            "--test-only",
            "--test-random-seed",
            "--test-randomize",
            "--test-reporter",
            "--test-reporter-destination",
            "--test-rerun-failures",
            "--test-skip-pattern",
            "--test-timeout",
            "--test-update-snapshots",
        ],
    ),
    ("watch", &["--watch", "--watch-kill-signal", "--watch-path", "--watch-preserve-output"]),
    (
        "permission",
        &[
            "--allow-addons",
            "--allow-child-process",
            "--allow-fs-read",
            "--allow-fs-write",
            "--allow-inspector",
            "--allow-wasi",
            "--allow-worker",
        ],
    ),
];

/// Options NODE_OPTIONS takes that node's config file does not: node's aliases of other options.
const ALIASES_IN_NODE: &[&str] = &["--experimental-strip-types", "--trace-events-enabled"];

/// Options node keeps only to accept and ignore, which the config file refuses.
const NO_OPS: &[&str] = &[
    "--experimental-abortcontroller",
    "--experimental-fetch",
    "--experimental-global-customevent",
    "--experimental-global-webcrypto",
    "--experimental-json-modules",
    "--experimental-modules",
    "--experimental-report",
    "--experimental-specifier-resolution",
    "--experimental-top-level-await",
    "--experimental-wasi-unstable-preview1",
    "--experimental-wasm-modules",
    "--experimental-worker",
    "--http-parser",
    "--napi-modules",
];

/// Options whose values are JSON integers (node's signed ones, then its unsigned ones and
/// host:port); every other valued option takes a string.
const SIGNED: &[&str] = &["--heapsnapshot-near-heap-limit", "--secure-heap", "--secure-heap-min", "--stack-trace-limit", "--v8-pool-size"];
const UNSIGNED: &[&str] = &[
    "--cpu-prof-interval",
    "--heap-prof-interval",
    "--inspect-port",
    "--max-http-header-size",
    "--network-family-autoselection-attempt-timeout",
    "--test-concurrency",
    "--test-coverage-branches",
    "--test-coverage-functions",
    "--test-coverage-lines",
    "--test-random-seed",
    "--test-timeout",
];

/// Why a config file was refused.
pub(super) enum ConfigError {
    /// The file could not be read: node's message, then `path: not found` after the program's name.
    Read(String),
    /// The content is not what node takes: node's message, then `path: invalid content`.
    Invalid(String),
    /// A value splits into more than one option (as NODE_OPTIONS would split it).
    Smuggled,
    /// The options do not split as NODE_OPTIONS would (an unterminated quote): node's message.
    Split(String),
}

/// A JSON value keeping an object's members in order, repeated names included (node refuses an
/// option given twice, which a map would hide).
enum Json {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_bool<E>(self, value: bool) -> Result<Json, E> {
        Ok(Json::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Json, E> {
        Ok(Json::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Json, E> {
        Ok(Json::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Json, E> {
        Ok(serde_json::Number::from_f64(value).map_or(Json::Null, Json::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Json, E> {
        Ok(Json::String(value.to_string()))
    }

    fn visit_string<E>(self, value: String) -> Result<Json, E> {
        Ok(Json::String(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut members = Vec::new();
        while let Some((key, value)) = map.next_entry()? {
            members.push((key, value));
        }
        Ok(Json::Object(members))
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Json, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

/// The options the config file at `path` sets, as command-line options (`--name=value`,
/// `--name`, `--no-name`), in the file's order; each with whether it came from "nodeOptions"
/// (which NODE_OPTIONS, when set at all, replaces).
pub(super) fn read(path: &str) -> Result<Vec<(String, bool)>, ConfigError> {
    let content = std::fs::read(path).map_err(|error| {
        let errno = error.raw_os_error().unwrap_or(libc::EIO);
        let description = crate::uv::error_name(-errno).map_or_else(|| error.to_string(), |(_, description)| description.to_string());
        ConfigError::Read(format!("Cannot read configuration from {path}: {description}"))
    })?;
    let invalid = |message: String| ConfigError::Invalid(message);
    let root: Json = serde_json::from_slice(&content).map_err(|_| invalid(format!("Can't parse {path}")))?;
    let Json::Object(members) = root else {
        return Err(invalid(format!("Root value unexpected not an object for {path}\n")));
    };
    let mut args = Vec::new();
    let mut from_node_options = Vec::new();
    let mut seen: Vec<&'static str> = Vec::new();
    for (key, value) in &members {
        let namespace = match key.as_str() {
            "nodeOptions" => None,
            "testRunner" => return Err(invalid("the \"testRunner\" namespace has been removed. Use \"test\" instead.".into())),
            name => match NAMESPACES.iter().find(|(namespace, _)| *namespace == name) {
                Some((_, options)) => Some(*options),
                // Other members ("$schema" among them) are left alone.
                None => continue,
            },
        };
        let Json::Object(options) = value else {
            return Err(invalid(format!("\"{key}\" value unexpected for {path} (should be an object)")));
        };
        for (option, value) in options {
            let name = format!("--{option}");
            if namespace.is_none() && NO_OPS.contains(&name.as_str()) {
                return Err(invalid(format!("No-op flag {name} is currently not supported")));
            }
            let spec = SPECS.iter().find(|spec| spec.name == name);
            let allowed = match namespace {
                None => spec.filter(|spec| spec.in_env && !ALIASES_IN_NODE.contains(&spec.name)),
                Some(names) => spec.filter(|spec| names.contains(&spec.name)),
            };
            let Some(spec) = allowed else {
                return Err(invalid(format!("Unknown or not allowed option {option} for namespace {key}")));
            };
            if spec.kind == Kind::V8 {
                return Err(invalid(format!("V8 flag {name} is currently not supported")));
            }
            if seen.contains(&spec.name) {
                return Err(invalid(format!("Option {name} is already defined")));
            }
            seen.push(spec.name);
            let values = option_args(spec, value).ok_or_else(|| invalid(format!("Invalid value for {name}")))?;
            from_node_options.extend(values.iter().map(|_| namespace.is_none()));
            args.extend(values);
        }
    }
    // Node joins the options and splits them as NODE_OPTIONS: a value must stay one option.
    let joined: String = args.iter().map(|arg| format!(" {arg}")).collect();
    let split = split_node_options(&joined).map_err(ConfigError::Split)?;
    if split.len() != args.len() {
        return Err(ConfigError::Smuggled);
    }
    Ok(split.into_iter().zip(from_node_options).collect())
}

/// The command-line options one config value stands for (None: a value of the wrong type).
fn option_args(spec: &Spec, value: &Json) -> Option<Vec<String>> {
    let name = spec.name;
    let valued = |text: &str| vec![format!("{name}={text}")];
    match spec.kind {
        Kind::Bool => match value {
            Json::Bool(true) => Some(vec![name.to_string()]),
            Json::Bool(false) => Some(vec![format!("--no-{}", &name[2..])]),
            _ => None,
        },
        // Not listening is the default, under NODE_OPTIONS and the command line.
        Kind::Inspect => match value {
            Json::Bool(true) => Some(vec![name.to_string()]),
            Json::Bool(false) => Some(Vec::new()),
            _ => None,
        },
        Kind::List => match value {
            Json::String(text) => Some(valued(text)),
            Json::Array(items) => items
                .iter()
                .map(|item| match item {
                    Json::String(text) => Some(format!("{name}={text}")),
                    _ => None,
                })
                .collect(),
            _ => None,
        },
        Kind::Str | Kind::V8Value | Kind::V8 => match value {
            Json::Number(number) if SIGNED.contains(&name) => number.as_i64().map(|n| valued(&n.to_string())),
            Json::Number(number) if UNSIGNED.contains(&name) => number.as_u64().map(|n| valued(&n.to_string())),
            Json::String(text) if !SIGNED.contains(&name) && !UNSIGNED.contains(&name) => Some(valued(text)),
            _ => None,
        },
    }
}
