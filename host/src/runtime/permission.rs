//! Node's permission model (`--permission`): what the process may read, write and start,
//! decided once from the command line and checked by each native before its operation runs.
//! With the model off every check is one load of [`ENABLED`].

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use super::bindings::{binding_object, coded_error, set_property, string};
use super::OptionValue;

/// What a check guards, named as node names it in an error's `permission`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Scope {
    FileSystemRead,
    FileSystemWrite,
    ChildProcess,
    WorkerThreads,
    Inspector,
    Wasi,
    Addon,
}

impl Scope {
    fn name(self) -> &'static str {
        match self {
            Scope::FileSystemRead => "FileSystemRead",
            Scope::FileSystemWrite => "FileSystemWrite",
            Scope::ChildProcess => "ChildProcess",
            Scope::WorkerThreads => "WorkerThreads",
            Scope::Inspector => "Inspector",
            Scope::Wasi => "WASI",
            Scope::Addon => "Addon",
        }
    }

    /// The option that grants it, named in the error's message.
    fn flag(self) -> &'static str {
        match self {
            Scope::FileSystemRead => "--allow-fs-read",
            Scope::FileSystemWrite => "--allow-fs-write",
            Scope::ChildProcess => "--allow-child-process",
            Scope::WorkerThreads => "--allow-worker",
            Scope::Inspector => "--allow-inspector",
            Scope::Wasi => "--allow-wasi",
            Scope::Addon => "--allow-addons",
        }
    }
}

/// A refused operation: the permission it lacked and on what, or an API the model turns off
/// (node's message).
#[derive(Debug)]
pub(crate) enum Denied {
    Lacking { scope: Scope, resource: String },
    Disabled(String),
}

/// Granted paths as node's radix tree keeps them: a path is granted exactly (a file, or one
/// that does not exist yet) or as a prefix (a directory: everything under it; a pattern with
/// `*`: everything starting with what comes before its first `*`). A prefix ending in `/` also
/// grants the directory itself.
#[derive(Default)]
struct PathTree {
    children: BTreeMap<u8, PathTree>,
    exact: bool,
    prefix: bool,
}

impl PathTree {
    fn insert(&mut self, key: &str, prefix: bool) {
        let node = key.bytes().fold(self, |node, byte| node.children.entry(byte).or_default());
        if prefix {
            node.prefix = true;
        } else {
            node.exact = true;
        }
    }

    fn contains(&self, path: &str) -> bool {
        let mut node = self;
        for byte in path.bytes() {
            if node.prefix {
                return true;
            }
            match node.children.get(&byte) {
                Some(child) => node = child,
                None => return false,
            }
        }
        node.exact || node.prefix || node.children.get(&b'/').is_some_and(|child| child.prefix)
    }
}

/// Read or write access to the file system: everything (`*`), or the paths granted.
#[derive(Default)]
struct FsGrant {
    all: bool,
    paths: PathTree,
}

impl FsGrant {
    fn grant(&mut self, path: &str, cwd: &str) {
        if path == "*" {
            self.all = true;
            return;
        }
        let resolved = resolve(path, cwd);
        match resolved.find('*') {
            Some(star) => self.paths.insert(&resolved[..star], true),
            None if std::fs::metadata(&resolved).is_ok_and(|meta| meta.is_dir()) => {
                let directory = if resolved.ends_with('/') { resolved } else { format!("{resolved}/") };
                self.paths.insert(&directory, true);
            }
            None => self.paths.insert(&resolved, false),
        }
    }

    fn allows(&self, path: &str) -> bool {
        self.all || self.paths.contains(&resolve(path, &current_dir()))
    }
}

struct Grants {
    fs_read: FsGrant,
    fs_write: FsGrant,
    child_process: bool,
    worker: bool,
    inspector: bool,
    wasi: bool,
    addons: bool,
}

static ENABLED: AtomicBool = AtomicBool::new(false);
static GRANTS: OnceLock<Grants> = OnceLock::new();

/// Whether the model is on (`--permission`): the one branch every check takes first.
#[inline]
pub(crate) fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

/// Turns the model on from the process's options (once; workers share the process's grants). The
/// entry point and the preloaded modules stay readable, as in node.
pub(crate) fn configure(options: &[(&'static str, OptionValue)], entry: Option<&str>) {
    let flag = |name: &str| options.iter().any(|(option, value)| *option == name && *value == OptionValue::Bool(true));
    let list = |name: &str| -> Vec<String> {
        options
            .iter()
            .filter(|(option, _)| *option == name)
            .flat_map(|(_, value)| match value {
                OptionValue::List(items) => items.clone(),
                OptionValue::Str(item) => vec![item.clone()],
                OptionValue::Bool(_) => Vec::new(),
            })
            .collect()
    };
    if !flag("--permission") {
        return;
    }
    GRANTS.get_or_init(|| {
        let cwd = current_dir();
        let mut fs_read = FsGrant::default();
        for path in list("--allow-fs-read").iter().chain(list("--require").iter()).chain(list("--import").iter()).map(String::as_str).chain(entry) {
            fs_read.grant(path, &cwd);
        }
        let mut fs_write = FsGrant::default();
        for path in list("--allow-fs-write") {
            fs_write.grant(&path, &cwd);
        }
        Grants {
            fs_read,
            fs_write,
            child_process: flag("--allow-child-process"),
            worker: flag("--allow-worker"),
            inspector: flag("--allow-inspector"),
            wasi: flag("--allow-wasi"),
            addons: flag("--allow-addons"),
        }
    });
    ENABLED.store(true, Ordering::Relaxed);
}

fn current_dir() -> String {
    std::env::current_dir().map(|dir| dir.to_string_lossy().into_owned()).unwrap_or_else(|_| "/".into())
}

/// `path` made absolute against `cwd` and normalized as path.resolve does (`.`, `..` and
/// repeated or trailing `/` removed).
fn resolve(path: &str, cwd: &str) -> String {
    let joined = if path.starts_with('/') { path.to_string() } else { format!("{cwd}/{path}") };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    format!("/{}", parts.join("/"))
}

/// Whether `scope` is granted (on `resource` when given); always true with the model off.
pub(crate) fn is_granted(scope: Scope, resource: Option<&str>) -> bool {
    let Some(grants) = GRANTS.get().filter(|_| enabled()) else { return true };
    let fs = |grant: &FsGrant| match resource {
        Some(path) => grant.allows(path),
        None => grant.all,
    };
    match scope {
        Scope::FileSystemRead => fs(&grants.fs_read),
        Scope::FileSystemWrite => fs(&grants.fs_write),
        Scope::ChildProcess => grants.child_process,
        Scope::WorkerThreads => grants.worker,
        Scope::Inspector => grants.inspector,
        Scope::Wasi => grants.wasi,
        Scope::Addon => grants.addons,
    }
}

/// Ok when granted, else what was refused.
pub(crate) fn check(scope: Scope, resource: &str) -> Result<(), Denied> {
    let on_path = matches!(scope, Scope::FileSystemRead | Scope::FileSystemWrite);
    if is_granted(scope, on_path.then_some(resource)) {
        Ok(())
    } else {
        Err(Denied::Lacking { scope, resource: resource.to_string() })
    }
}

/// Whether addons may load: not with --no-addons, nor under the model without `--allow-addons`.
pub(crate) fn addons_enabled(options: &[(&'static str, OptionValue)]) -> bool {
    let no_addons = options.iter().any(|(name, value)| *name == "--addons" && *value == OptionValue::Bool(false));
    !no_addons && is_granted(Scope::Addon, None)
}

/// node's ERR_ACCESS_DENIED: for a lacking permission a plain Error (as node's natives throw it)
/// with `code`, `permission` and `resource`; for a disabled API node's JS error, named
/// `Error [ERR_ACCESS_DENIED]`, with empty `permission` and `resource`.
pub(crate) fn access_denied_error<'s>(scope: &mut v8::PinScope<'s, '_>, denied: &Denied) -> v8::Local<'s, v8::Value> {
    let (error, permission, resource) = match denied {
        Denied::Lacking { scope: permission, resource } => {
            let text = format!("Access to this API has been restricted. Use {} to manage permissions.", permission.flag());
            let message = string(scope, &text);
            let error = v8::Exception::error(scope, message);
            let code = string(scope, "ERR_ACCESS_DENIED").into();
            set_property(scope, error.cast::<v8::Object>(), "code", code);
            (error, permission.name(), resource.as_str())
        }
        Denied::Disabled(message) => (coded_error(scope, v8::Exception::error, message, "ERR_ACCESS_DENIED"), "", ""),
    };
    let object = error.cast::<v8::Object>();
    let permission = string(scope, permission).into();
    set_property(scope, object, "permission", permission);
    let resource = string(scope, resource).into();
    set_property(scope, object, "resource", resource);
    error
}

/// Throws [`access_denied_error`] and returns true when `scope` is not granted on `resource`
/// (with the model off: false after one load of [`ENABLED`]).
#[inline]
pub(crate) fn throw_if_denied(scope: &mut v8::PinScope, permission: Scope, resource: &str) -> bool {
    if !enabled() {
        return false;
    }
    match check(permission, resource) {
        Ok(()) => false,
        Err(denied) => {
            let error = access_denied_error(scope, &denied);
            scope.throw_exception(error);
            true
        }
    }
}

/// has(scope[, reference]) with node's scope names; an unknown scope is never granted.
fn has(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let name = args.get(0).to_rust_string_lossy(scope);
    let reference = (!args.get(1).is_null_or_undefined()).then(|| args.get(1).to_rust_string_lossy(scope));
    let reference = reference.as_deref();
    let granted = match name.as_str() {
        "fs" => is_granted(Scope::FileSystemRead, reference) && is_granted(Scope::FileSystemWrite, reference),
        "fs.read" => is_granted(Scope::FileSystemRead, reference),
        "fs.write" => is_granted(Scope::FileSystemWrite, reference),
        "child" => is_granted(Scope::ChildProcess, None),
        "worker" => is_granted(Scope::WorkerThreads, None),
        "inspector" => is_granted(Scope::Inspector, None),
        "wasi" => is_granted(Scope::Wasi, None),
        "addon" => is_granted(Scope::Addon, None),
        _ => false,
    };
    rv.set_bool(granted);
}

/// checkOrThrow(scopeName, resource): throws node's ERR_ACCESS_DENIED for a check made in JS
/// (`ChildProcess`, `WorkerThreads`, `Inspector`, `WASI`).
fn check_or_throw(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let name = args.get(0).to_rust_string_lossy(scope);
    let resource = args.get(1).to_rust_string_lossy(scope);
    let permission = match name.as_str() {
        "FileSystemRead" => Scope::FileSystemRead,
        "FileSystemWrite" => Scope::FileSystemWrite,
        "ChildProcess" => Scope::ChildProcess,
        "WorkerThreads" => Scope::WorkerThreads,
        "Inspector" => Scope::Inspector,
        "WASI" => Scope::Wasi,
        _ => return,
    };
    throw_if_denied(scope, permission, &resource);
}

/// addonsEnabled(): whether addons may load in this thread (its options and the model).
fn addons_enabled_binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let enabled = addons_enabled(&super::RuntimeState::get(scope).options.node_options);
    rv.set_bool(enabled);
}

/// The `permission` binding: whether the model is on, `has`, `checkOrThrow`.
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "has" => has,
        "checkOrThrow" => check_or_throw,
        "addonsEnabled" => addons_enabled_binding,
    });
    let on = v8::Boolean::new(scope, enabled()).into();
    set_property(scope, object, "enabled", on);
    rv.set(object.into());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_as_path_resolve() {
        assert_eq!(resolve("a/../b//c/", "/x"), "/x/b/c");
        assert_eq!(resolve("/a/./b/..", "/x"), "/a");
        assert_eq!(resolve("..", "/"), "/");
    }

    #[test]
    fn the_tree_grants_as_nodes_lookup() {
        let mut tree = PathTree::default();
        tree.insert("/tmp/dir/", true);
        tree.insert("/tmp/file", false);
        tree.insert("/tmp/wild", true);
        assert!(tree.contains("/tmp/dir"));
        assert!(tree.contains("/tmp/dir/a/b"));
        assert!(!tree.contains("/tmp/dirx"));
        assert!(tree.contains("/tmp/file"));
        assert!(!tree.contains("/tmp/file/x"));
        assert!(!tree.contains("/tmp/filex"));
        assert!(tree.contains("/tmp/wildcard"));
        assert!(!tree.contains("/tmp/wil"));
        assert!(!tree.contains("/tmp"));
    }
}
