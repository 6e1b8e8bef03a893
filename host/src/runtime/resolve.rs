//! CommonJS resolution (Node's algorithm: files, directories, package.json "main" and
//! "exports", node_modules up the tree) through oxc_resolver.

use oxc_resolver::{ResolveError, ResolveOptions, Resolver};

/// Why a request did not resolve: node's error code and message.
pub struct Failure {
    pub code: &'static str,
    pub message: String,
}

/// Which package "exports" conditions apply: `require()`'s or `import`'s.
#[derive(Clone, Copy)]
pub enum Style {
    Require,
    Import,
}

/// The user conditions of --conditions, set once before anything resolves.
static USER_CONDITIONS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();

/// Adds --conditions' names to the conditions package "exports" and "imports" match.
pub fn set_user_conditions(conditions: Vec<String>) {
    let _ = USER_CONDITIONS.set(conditions);
}

thread_local! {
    /// Whether this thread may load addons (not with --no-addons, nor under the permission
    /// model without --allow-addons): its resolvers then match the "node-addons" condition.
    /// Set before the thread resolves anything.
    static ADDONS_CONDITION: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// Whether this thread's resolvers match "node-addons" (a worker's execArgv may say no).
pub fn set_addons_condition(on: bool) {
    ADDONS_CONDITION.with(|condition| condition.set(on));
}

fn resolver(condition: &str, symlinks: bool) -> Resolver {
    // "module-sync": require() loads ES modules (node 22.10+).
    let mut condition_names = vec![condition.into(), "module-sync".into(), "node".into()];
    if ADDONS_CONDITION.with(std::cell::Cell::get) {
        condition_names.push("node-addons".into());
    }
    condition_names.extend(USER_CONDITIONS.get().into_iter().flatten().cloned());
    Resolver::new(options(condition_names, symlinks))
}

fn options(condition_names: Vec<String>, symlinks: bool) -> ResolveOptions {
    ResolveOptions {
        condition_names,
        extensions: vec![".js".into(), ".json".into(), ".node".into()],
        main_fields: vec!["main".into()],
        main_files: vec!["index".into()],
        symlinks,
        builtin_modules: false,
        ..ResolveOptions::default()
    }
}

thread_local! {
    static REQUIRE_RESOLVER: Resolver = resolver("require", true);
    static IMPORT_RESOLVER: Resolver = resolver("import", true);
    // --preserve-symlinks: files keep the path they were found at.
    static REQUIRE_PRESERVING_RESOLVER: Resolver = resolver("require", false);
    static IMPORT_PRESERVING_RESOLVER: Resolver = resolver("import", false);
    // Resolvers for the condition sets module customization hooks asked for, sharing the
    // default resolvers' file system cache.
    static CUSTOM_RESOLVERS: std::cell::RefCell<std::collections::HashMap<(Vec<String>, bool), Resolver>> =
        Default::default();
}

/// Resolves `request` from `directory` to a file name (its real path unless
/// `preserve_symlinks`). `conditions`, when given, are the package "exports" and "imports"
/// conditions instead of `style`'s (a resolve hook's `context.conditions`).
pub fn resolve(
    directory: &str,
    request: &str,
    style: Style,
    preserve_symlinks: bool,
    conditions: Option<Vec<String>>,
) -> Result<String, Failure> {
    let resolve = |resolver: &Resolver| {
        let mut outcome = resolver.resolve(directory, request);
        while let Ok(resolution) = &outcome {
            match lookup_above_node_modules(directory, request, resolution.path()) {
                Some(above) => outcome = resolver.resolve(above, request),
                None => break,
            }
        }
        // A `#` request outside any package scope with "imports" is looked up in node_modules
        // as any other, as node's require does.
        if request.starts_with('#') && matches!(style, Style::Require) && matches!(outcome, Err(ResolveError::NotFound(_))) {
            let in_node_modules = std::path::Path::new(directory).ancestors().find_map(|ancestor| {
                let candidate = ancestor.join("node_modules").join(request);
                resolver.resolve(ancestor, &candidate.to_string_lossy()).ok()
            });
            if let Some(resolution) = in_node_modules {
                outcome = Ok(resolution);
            }
        }
        // A package whose "main" is an absolute path: node resolves it as that path.
        if matches!(outcome, Err(ResolveError::NotFound(_))) {
            if let Some(main) = absolute_main(directory, request) {
                if let Ok(resolution) = resolver.resolve(directory, &main) {
                    outcome = Ok(resolution);
                }
            }
        }
        outcome.map(|resolution| resolution.full_path().to_string_lossy().into_owned()).map_err(|error| {
            // Node keeps no record of what it did not find: a file created later resolves.
            resolver.clear_cache();
            PACKAGES_WITHOUT_EXPORTS.with(|packages| packages.borrow_mut().clear());
            failure(request, error)
        })
    };
    if let Some(conditions) = conditions {
        let key = (conditions, preserve_symlinks);
        return CUSTOM_RESOLVERS.with(|resolvers| {
            let mut resolvers = resolvers.borrow_mut();
            if !resolvers.contains_key(&key) {
                let custom = REQUIRE_RESOLVER.with(|base| base.clone_with_options(options(key.0.clone(), !key.1)));
                resolvers.insert(key.clone(), custom);
            }
            resolve(&resolvers[&key])
        });
    }
    match (style, preserve_symlinks) {
        (Style::Require, false) => REQUIRE_RESOLVER.with(resolve),
        (Style::Import, false) => IMPORT_RESOLVER.with(resolve),
        (Style::Require, true) => REQUIRE_PRESERVING_RESOLVER.with(resolve),
        (Style::Import, true) => IMPORT_PRESERVING_RESOLVER.with(resolve),
    }
}

/// A package without "exports": its folder and its package.json's "main" (when a string).
#[derive(Clone)]
pub struct PackageWithoutExports {
    pub directory: String,
    pub main: Option<String>,
}

thread_local! {
    /// (folder resolved from, package name) -> the package when it has no "exports"; forgotten
    /// with the resolvers' caches.
    static PACKAGES_WITHOUT_EXPORTS: std::cell::RefCell<std::collections::HashMap<(String, String), Option<PackageWithoutExports>>> =
        Default::default();
}

/// Package `name` as import finds it from `directory` (node_modules/<name> in the nearest
/// folder that has it, folders themselves named node_modules not looked in), when its
/// package.json has no "exports": a subpath of it then names a file exactly, and its main
/// entry point is found as require() finds it.
pub fn package_without_exports(directory: &str, name: &str) -> Option<PackageWithoutExports> {
    let key = (directory.to_owned(), name.to_owned());
    if let Some(known) = PACKAGES_WITHOUT_EXPORTS.with(|packages| packages.borrow().get(&key).cloned()) {
        return known;
    }
    let found = std::path::Path::new(directory)
        .ancestors()
        .filter(|folder| folder.file_name() != Some(std::ffi::OsStr::new("node_modules")))
        .map(|folder| folder.join("node_modules").join(name))
        .find(|candidate| candidate.is_dir());
    let package = found.and_then(|package| {
        let manifest = manifest_of(&package);
        let has_exports = manifest.as_ref().is_none_or(|manifest| manifest.get("exports").is_some_and(|exports| !exports.is_null()));
        (!has_exports).then(|| PackageWithoutExports {
            directory: package.to_string_lossy().into_owned(),
            main: manifest.and_then(|manifest| manifest.get("main")?.as_str().map(str::to_owned)),
        })
    });
    PACKAGES_WITHOUT_EXPORTS.with(|packages| packages.borrow_mut().insert(key, package.clone()));
    package
}

/// A package's package.json: an empty object without one, None for one that cannot be read
/// or parsed (the resolver reports it; it counts as having "exports").
fn manifest_of(package: &std::path::Path) -> Option<serde_json::Value> {
    let manifest = package.join("package.json");
    if !manifest.is_file() {
        return Some(serde_json::Value::Object(Default::default()));
    }
    std::fs::read(&manifest).ok().and_then(|bytes| serde_json::from_slice(&bytes).ok())
}

/// The "main" of package `request` (a bare package name, no subpath) found in the nearest
/// node_modules up from `directory`, when that "main" is an absolute path (oxc_resolver only
/// joins "main" to the package folder).
fn absolute_main(directory: &str, request: &str) -> Option<String> {
    let segments = if request.starts_with('@') { 2 } else { 1 };
    let bare = !(request.starts_with('.') || request.starts_with('/') || request.starts_with('#') || request.contains(':'));
    if !bare || request.split('/').count() != segments {
        return None;
    }
    let package = std::path::Path::new(directory)
        .ancestors()
        .filter(|folder| folder.file_name() != Some(std::ffi::OsStr::new("node_modules")))
        .map(|folder| folder.join("node_modules").join(request))
        .find(|candidate| candidate.is_dir())?;
    let main = manifest_of(&package)?.get("main")?.as_str()?.to_owned();
    std::path::Path::new(&main).is_absolute().then_some(main)
}

/// Node never looks for a package in the `node_modules` of a folder itself named node_modules
/// (NODE_MODULES_PATHS skips those folders); oxc_resolver does. When a bare request was found
/// there, the folder the lookup must go on from: above that node_modules folder.
fn lookup_above_node_modules<'p>(directory: &str, request: &str, found: &'p std::path::Path) -> Option<&'p std::path::Path> {
    let bare = !(request.starts_with('.') || request.starts_with('/') || request.starts_with('#') || request.contains(':'));
    if !bare {
        return None;
    }
    let modules = found.ancestors().find(|ancestor| ancestor.file_name() == Some(std::ffi::OsStr::new("node_modules")))?;
    let folder = modules.parent()?;
    let skipped = folder.file_name() == Some(std::ffi::OsStr::new("node_modules")) && std::path::Path::new(directory).starts_with(folder);
    skipped.then(|| folder.parent()).flatten()
}

fn failure(request: &str, error: ResolveError) -> Failure {
    match error {
        ResolveError::PackagePathNotExported { subpath, package_json_path, .. } => Failure {
            code: "ERR_PACKAGE_PATH_NOT_EXPORTED",
            message: if subpath == "." {
                format!("No \"exports\" main defined in {}", package_json_path.display())
            } else {
                format!(
                    "Package subpath '{subpath}' is not defined by \"exports\" in {}",
                    package_json_path.display()
                )
            },
        },
        ResolveError::InvalidPackageTarget(target, key, package_json_path) => {
            let field = if key.starts_with('#') { "imports" } else { "exports" };
            let must_start = if field == "exports" && !target.is_empty() && !target.starts_with("./") {
                "; targets must start with \"./\""
            } else {
                ""
            };
            let target = serde_json::to_string(&target).unwrap_or(target);
            let config = package_json_path.display();
            Failure {
                code: "ERR_INVALID_PACKAGE_TARGET",
                message: if key == "." {
                    format!("Invalid \"exports\" main target {target} defined in the package config {config}{must_start}")
                } else {
                    format!("Invalid \"{field}\" target {target} defined for '{key}' in the package config {config}{must_start}")
                },
            }
        }
        ResolveError::Json(error) => Failure {
            code: "ERR_INVALID_PACKAGE_CONFIG",
            message: format!("Invalid package config {}.", error.path.display()),
        },
        _ => Failure { code: "MODULE_NOT_FOUND", message: format!("Cannot find module '{request}'") },
    }
}
