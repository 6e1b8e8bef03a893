//! Node's module compile cache (`module.enableCompileCache()`, `NODE_COMPILE_CACHE`): V8's
//! code cache of each CommonJS and ES module compiled from a file, kept on disk by the
//! module's name and checked against its source, so a later run skips compiling what did not
//! change. The directory layout, file header and `NODE_DEBUG_NATIVE=COMPILE_CACHE` log are
//! node's; the entries themselves hold anode's V8's cache (the directory names its version).

use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::CString;
use std::io::{Read, Write};
use std::os::fd::FromRawFd;
use std::path::{Path, PathBuf};

use super::zlib::crc32_of as crc32;

/// The first word of every cache file.
const MAGIC: u32 = 0x8adf_dbb2;
const HEADER_WORDS: usize = 5;

/// `module.constants.compileCacheStatus`.
#[derive(Clone, Copy)]
pub(crate) enum Status {
    Failed = 0,
    Enabled = 1,
    AlreadyEnabled = 2,
    Disabled = 3,
}

/// What an entry keeps (node's CachedCodeType): V8's code cache of a CommonJS or ES module,
/// or the JavaScript a TypeScript file was made into (each way of making it apart).
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    CommonJs = 0,
    Esm = 1,
    StrippedTypeScript = 2,
    TransformedTypeScript = 3,
    TransformedTypeScriptWithSourceMaps = 4,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::CommonJs => "CommonJS",
            Kind::Esm => "ESM",
            Kind::StrippedTypeScript => "StrippedTypeScript",
            Kind::TransformedTypeScript => "TransformedTypeScript",
            Kind::TransformedTypeScriptWithSourceMaps => "TransformedTypeScriptWithSourceMaps",
        }
    }

    /// A TypeScript kind by its number (node's enum).
    pub(crate) fn typescript(number: u32) -> Option<Kind> {
        match number {
            2 => Some(Kind::StrippedTypeScript),
            3 => Some(Kind::TransformedTypeScript),
            4 => Some(Kind::TransformedTypeScriptWithSourceMaps),
            _ => None,
        }
    }
}

struct Entry {
    code_hash: u32,
    code_size: u32,
    cache_file: PathBuf,
    source_name: String,
    kind: Kind,
    cache: Option<Vec<u8>>,
    /// Whether the cache differs from the file's (new, or V8 refused the file's).
    refreshed: bool,
}

struct CompileCache {
    dir: PathBuf,
    portable: bool,
    debug: bool,
    entries: Vec<Entry>,
    by_key: HashMap<u32, usize>,
}

thread_local! {
    static CACHE: RefCell<Option<CompileCache>> = const { RefCell::new(None) };
}

fn debug_enabled() -> bool {
    native_debug_enabled("COMPILE_CACHE")
}

/// Whether `NODE_DEBUG_NATIVE` names `category` (node's native debug log categories).
pub(crate) fn native_debug_enabled(category: &str) -> bool {
    std::env::var("NODE_DEBUG_NATIVE")
        .is_ok_and(|categories| categories.split(',').any(|name| name.trim().eq_ignore_ascii_case(category)))
}

fn log(debug: bool, text: &str) {
    if debug {
        super::bindings::write_stderr(text);
    }
}

fn io_message(error: &std::io::Error) -> String {
    let text = error.to_string();
    // std appends " (os error N)"; node prints libuv's message alone, in lower case.
    let text = text.split(" (os error").next().unwrap_or(&text);
    let mut chars = text.chars();
    chars.next().map(|first| first.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// The subdirectory entries of this runtime live in: its release, CPU, V8 cache tag and user.
fn version_tag() -> String {
    let arch = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        other => other,
    };
    // SAFETY: plain syscall.
    let uid = unsafe { libc::getuid() };
    format!("{}-{arch}-{:08x}-{uid}", super::NODE_VERSION, v8::script_compiler::cached_data_version_tag())
}

/// Turns the cache on in `dir`; returns the status, a message, and the directory in use.
pub(crate) fn enable(dir: &str, portable: bool) -> (Status, Option<String>, Option<String>) {
    if let Some(cache) = CACHE.with(|cache| cache.borrow().as_ref().map(|cache| cache.dir.clone())) {
        return (Status::AlreadyEnabled, None, Some(cache.to_string_lossy().into_owned()));
    }
    if std::env::var_os("NODE_DISABLE_COMPILE_CACHE").is_some() {
        log(debug_enabled(), "[compile cache] Disabled by NODE_DISABLE_COMPILE_CACHE.\n");
        return (Status::Disabled, Some("Disabled by NODE_DISABLE_COMPILE_CACHE".into()), None);
    }
    let debug = debug_enabled();
    let base = std::path::absolute(dir).unwrap_or_else(|_| PathBuf::from(dir));
    if portable {
        log(debug, "[compile cache] using relative path\n");
    }
    let tag = version_tag();
    let full = base.join(&tag);
    log(debug, &format!("[compile cache] resolved path {dir} + {tag} -> {}\n", full.display()));
    // Under the permission model the directory must be writable and readable.
    let full_path = full.to_string_lossy();
    for (scope, access) in [(super::permission::Scope::FileSystemWrite, "write"), (super::permission::Scope::FileSystemRead, "read")] {
        if !super::permission::is_granted(scope, Some(&full_path)) {
            let message = format!("Skipping compile cache because {access} permission for {full_path} is not granted");
            log(debug, &format!("[compile cache] {message}\n"));
            return (Status::Failed, Some(message), None);
        }
    }
    log(debug, &format!("[compile cache] creating cache directory {}...", full.display()));
    if let Err(error) = std::fs::create_dir_all(&full) {
        let message = io_message(&error);
        log(debug, &format!("{message}\n"));
        let message = format!("Cannot create cache directory: {message}");
        log(debug, &format!("[compile cache] {message}\n"));
        return (Status::Failed, Some(message), None);
    }
    log(debug, "success\n");
    let directory = full.to_string_lossy().into_owned();
    CACHE.with(|cache| {
        *cache.borrow_mut() = Some(CompileCache { dir: full, portable, debug, entries: Vec::new(), by_key: HashMap::new() })
    });
    (Status::Enabled, None, Some(directory))
}

/// Turns the cache on at start-up when NODE_COMPILE_CACHE names a directory.
pub(crate) fn enable_from_environment() {
    if let Some(dir) = std::env::var_os("NODE_COMPILE_CACHE").filter(|dir| !dir.is_empty()) {
        let portable = std::env::var_os("NODE_COMPILE_CACHE_PORTABLE").is_some_and(|value| value == "1");
        enable(&dir.to_string_lossy(), portable);
    }
}

/// The directory in use, if the cache is on.
pub(crate) fn directory() -> Option<String> {
    CACHE.with(|cache| cache.borrow().as_ref().map(|cache| cache.dir.to_string_lossy().into_owned()))
}

/// The path `path` takes from `base` (both absolute), with `..` for each step up.
fn relative_path(base: &Path, path: &Path) -> PathBuf {
    let base: Vec<_> = base.components().collect();
    let path: Vec<_> = path.components().collect();
    let common = base.iter().zip(&path).take_while(|(a, b)| a == b).count();
    let mut relative = PathBuf::new();
    for _ in common..base.len() {
        relative.push("..");
    }
    for component in &path[common..] {
        relative.push(component);
    }
    relative
}

impl CompileCache {
    /// The entry of `name` (a file's path, or an ES module's file: URL) with its cache read
    /// from disk when the file's header matches `code`.
    fn entry_for(&mut self, name: &str, kind: Kind, code: &[u8]) -> usize {
        let mut key_name = name.to_string();
        if self.portable {
            let path = match kind {
                Kind::Esm => url::Url::parse(name).ok().and_then(|url| url.to_file_path().ok()).unwrap_or_else(|| PathBuf::from(name)),
                _ => PathBuf::from(name),
            };
            key_name = relative_path(&self.dir, &path).to_string_lossy().into_owned();
            log(self.debug, &format!("[compile cache] using relative path {key_name} from {}\n", self.dir.display()));
        }
        let key = crc32(crc32(0, &[kind as u8]), key_name.as_bytes());
        let code_hash = crc32(0, code);
        let code_size = code.len() as u32;
        if let Some(&index) = self.by_key.get(&key) {
            let entry = &self.entries[index];
            if entry.code_hash == code_hash && entry.code_size == code_size {
                return index;
            }
        }
        let cache_file = self.dir.join(format!("{key:08x}"));
        let cache = self.read(&cache_file, name, kind, code_size, code_hash);
        let index = self.entries.len();
        self.entries.push(Entry { code_hash, code_size, cache_file, source_name: name.to_string(), kind, cache, refreshed: false });
        self.by_key.insert(key, index);
        index
    }

    fn read(&self, file: &Path, name: &str, kind: Kind, code_size: u32, code_hash: u32) -> Option<Vec<u8>> {
        log(self.debug, &format!("[compile cache] reading cache from {} for {} {name}...", file.display(), kind.name()));
        let mut bytes = Vec::new();
        if let Err(error) = std::fs::File::open(file).and_then(|mut file| file.read_to_end(&mut bytes)) {
            log(self.debug, &format!(" {}\n", io_message(&error)));
            return None;
        }
        if bytes.len() < HEADER_WORDS * 4 {
            log(self.debug, &format!("reading header failed, bytes read {}\n", bytes.len()));
            return None;
        }
        let header: Vec<u32> = bytes[..HEADER_WORDS * 4].chunks(4).map(|word| u32::from_ne_bytes(word.try_into().unwrap())).collect();
        let (magic, size, cache_size, hash, cache_hash) = (header[0], header[1], header[2], header[3], header[4]);
        log(self.debug, &format!("[{magic} {size} {cache_size} {hash} {cache_hash}]..."));
        let cache = &bytes[HEADER_WORDS * 4..];
        let actual_hash = crc32(0, cache);
        let mismatch = if magic != MAGIC {
            Some(format!("magic number mismatch: expected {MAGIC}, actual {magic}"))
        } else if size != code_size {
            Some(format!("code size mismatch: expected {code_size}, actual {size}"))
        } else if hash != code_hash {
            Some(format!("code hash mismatch: expected {code_hash}, actual {hash}"))
        } else if cache.len() != cache_size as usize {
            Some(format!("cache size mismatch: expected {cache_size}, actual {}", cache.len()))
        } else if actual_hash != cache_hash {
            Some(format!("cache hash mismatch: expected {cache_hash}, actual {actual_hash}"))
        } else {
            None
        };
        if let Some(mismatch) = mismatch {
            log(self.debug, &format!("{mismatch}\n"));
            return None;
        }
        log(self.debug, &format!(" success, size={}\n", cache.len()));
        Some(cache.to_vec())
    }

    /// After a compile: V8's verdict on the file's cache, and the cache to keep.
    fn update(&mut self, index: usize, rejected: Option<bool>, make_cache: impl FnOnce() -> Option<Vec<u8>>) {
        let entry = &mut self.entries[index];
        let what = format!("[compile cache] V8 code cache for {} {}", entry.kind.name(), entry.source_name);
        match rejected {
            Some(false) => {
                log(self.debug, &format!("{what} was accepted, keeping the in-memory entry\n"));
                return;
            }
            Some(true) => log(self.debug, &format!("{what} was rejected, refreshing the in-memory entry\n")),
            None => log(self.debug, &format!("{what} was not initialized, initializing the in-memory entry\n")),
        }
        entry.cache = make_cache();
        entry.refreshed = true;
    }

    /// Writes each refreshed entry (to a temporary file renamed into place), then lets the
    /// entries go: a module compiled later reads its file again.
    fn persist(&mut self) {
        for entry in self.entries.drain(..) {
            let what = format!("{} {}", entry.kind.name(), entry.source_name);
            match &entry.cache {
                None => log(self.debug, &format!("[compile cache] skip persisting {what} because the cache was not initialized\n")),
                Some(_) if !entry.refreshed => {
                    log(self.debug, &format!("[compile cache] skip persisting {what} because cache was the same\n"))
                }
                Some(cache) => {
                    let header = [MAGIC, entry.code_size, cache.len() as u32, entry.code_hash, crc32(0, cache)];
                    write_entry(&entry.cache_file, &entry.source_name, entry.kind, header, cache, self.debug);
                }
            }
        }
        self.by_key.clear();
        log(self.debug, "[compile cache] Clear deserialized cache.\n");
    }
}

fn write_entry(file: &Path, name: &str, kind: Kind, header: [u32; HEADER_WORDS], cache: &[u8], debug: bool) {
    log(debug, &format!("[compile cache] Creating temporary file for cache of {name} ({})...", kind.name()));
    let Ok(template) = CString::new(format!("{}.XXXXXX", file.display())) else { return };
    let mut template = template.into_bytes_with_nul();
    // SAFETY: a NUL-terminated template mkstemp fills in.
    let fd = unsafe { libc::mkstemp(template.as_mut_ptr().cast()) };
    if fd < 0 {
        log(debug, &format!(" {}\n", io_message(&std::io::Error::last_os_error())));
        return;
    }
    template.pop();
    let temporary = PathBuf::from(String::from_utf8_lossy(&template).into_owned());
    log(debug, &format!(" -> {}\n", temporary.display()));
    let [magic, size, cache_size, hash, cache_hash] = header;
    log(debug, &format!(
        "[compile cache] writing cache for {} {name} to temporary file {} [{magic} {size} {cache_size} {hash} {cache_hash}]...",
        kind.name(),
        temporary.display()
    ));
    // SAFETY: mkstemp's new descriptor, owned by the File from here.
    let mut out = unsafe { std::fs::File::from_raw_fd(fd) };
    let mut bytes = Vec::with_capacity(HEADER_WORDS * 4 + cache.len());
    header.iter().for_each(|word| bytes.extend_from_slice(&word.to_ne_bytes()));
    bytes.extend_from_slice(cache);
    if let Err(error) = out.write_all(&bytes) {
        log(debug, &format!("{}\n", io_message(&error)));
        let _ = std::fs::remove_file(&temporary);
        return;
    }
    log(debug, "success\n");
    log(debug, &format!("[compile cache] Renaming {} to {}...", temporary.display(), file.display()));
    match std::fs::rename(&temporary, file) {
        Ok(()) => log(debug, "success\n"),
        Err(error) => {
            log(debug, &format!("{}\n", io_message(&error)));
            let _ = std::fs::remove_file(&temporary);
        }
    }
}

/// module.flushCompileCache(): writes what changed now.
pub(crate) fn flush() {
    CACHE.with(|cache| {
        if let Some(cache) = cache.borrow_mut().as_mut() {
            log(cache.debug, "[compile cache] module.flushCompileCache() requested.\n");
            cache.persist();
            log(cache.debug, "[compile cache] module.flushCompileCache() finished.\n");
        }
    });
}

/// At the process's exit: writes what changed.
pub(crate) fn persist() {
    CACHE.with(|cache| {
        if let Some(cache) = cache.borrow_mut().as_mut() {
            cache.persist();
        }
    });
}

/// At the end of a worker's or an embedder's runtime: writes what changed and turns the
/// cache off for the thread.
pub(crate) fn close() {
    if let Some(mut cache) = CACHE.with(|cache| cache.borrow_mut().take()) {
        cache.persist();
    }
}

/// The entry for a module about to be compiled and its cache, when the cache is on (the
/// source is read out of V8 only then).
fn lookup(scope: &mut v8::PinScope, name: &str, kind: Kind, source: v8::Local<v8::String>) -> Option<(usize, Option<Vec<u8>>)> {
    if CACHE.with(|cache| cache.borrow().is_none()) {
        return None;
    }
    let code = source.to_rust_string_lossy(scope);
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let cache = cache.as_mut()?;
        let index = cache.entry_for(name, kind, code.as_bytes());
        Some((index, cache.entries[index].cache.clone()))
    })
}

/// The JavaScript kept for the TypeScript `source` of `filename`, made as `kind` says: None
/// when the cache is off, Some(None) when it has none (the caller saves what it makes).
pub(crate) fn transpiled(filename: &str, kind: Kind, source: &str) -> Option<Option<String>> {
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let cache = cache.as_mut()?;
        let index = cache.entry_for(filename, kind, source.as_bytes());
        let found = cache.entries[index].cache.as_ref().map(|bytes| String::from_utf8_lossy(bytes).into_owned());
        let what = format!("{} {filename}", kind.name());
        match &found {
            Some(_) => log(cache.debug, &format!("[compile cache] retrieving transpile cache for {what}...success\n")),
            None => log(cache.debug, &format!("[compile cache] no transpile cache for {what}\n")),
        }
        Some(found)
    })
}

/// Keeps `transpiled`, the JavaScript the TypeScript `source` of `filename` was made into.
pub(crate) fn save_transpiled(filename: &str, kind: Kind, source: &str, transpiled: &str) {
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let Some(cache) = cache.as_mut() else { return };
        let index = cache.entry_for(filename, kind, source.as_bytes());
        log(cache.debug, &format!("[compile cache] saving transpilation cache for {} {filename}\n", kind.name()));
        let entry = &mut cache.entries[index];
        entry.cache = Some(transpiled.as_bytes().to_vec());
        entry.refreshed = true;
    });
}

fn update(index: usize, rejected: Option<bool>, make_cache: impl FnOnce() -> Option<Vec<u8>>) {
    CACHE.with(|cache| {
        if let Some(cache) = cache.borrow_mut().as_mut() {
            cache.update(index, rejected, make_cache);
        }
    });
}

/// Compiles a CommonJS module's wrapper function from the file `filename`, through the cache.
pub(crate) fn compile_function<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    source: v8::Local<v8::String>,
    origin: &v8::ScriptOrigin,
    filename: &str,
    params: &[v8::Local<v8::String>],
) -> Option<v8::Local<'s, v8::Function>> {
    let Some((index, cached)) = lookup(scope, filename, Kind::CommonJs, source) else {
        let mut source = v8::script_compiler::Source::new(source, Some(origin));
        return compile_function_from(scope, &mut source, params, v8::script_compiler::CompileOptions::NoCompileOptions);
    };
    let (function, rejected) = match &cached {
        Some(bytes) => {
            let data = v8::script_compiler::CachedData::new(bytes);
            let mut source = v8::script_compiler::Source::new_with_cached_data(source, Some(origin), data);
            let function = compile_function_from(scope, &mut source, params, v8::script_compiler::CompileOptions::ConsumeCodeCache);
            let rejected = source.get_cached_data().is_some_and(|data| data.rejected());
            (function, Some(rejected))
        }
        None => {
            let mut source = v8::script_compiler::Source::new(source, Some(origin));
            (compile_function_from(scope, &mut source, params, v8::script_compiler::CompileOptions::NoCompileOptions), None)
        }
    };
    let function = function?;
    update(index, rejected, || function.create_code_cache().map(|cache| cache.to_vec()));
    Some(function)
}

fn compile_function_from<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    source: &mut v8::script_compiler::Source,
    params: &[v8::Local<v8::String>],
    options: v8::script_compiler::CompileOptions,
) -> Option<v8::Local<'s, v8::Function>> {
    v8::script_compiler::compile_function(scope, source, params, &[], options, v8::script_compiler::NoCacheReason::NoReason)
}

/// Compiles an ES module from the file at the file: URL `url`, through the cache.
pub(crate) fn compile_module<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    source: v8::Local<v8::String>,
    origin: &v8::ScriptOrigin,
    url: &str,
) -> Option<v8::Local<'s, v8::Module>> {
    let cached = if url.starts_with("file:") { lookup(scope, url, Kind::Esm, source) } else { None };
    let Some((index, cached)) = cached else {
        let mut source = v8::script_compiler::Source::new(source, Some(origin));
        return v8::script_compiler::compile_module(scope, &mut source);
    };
    let (module, rejected) = match &cached {
        Some(bytes) => {
            let data = v8::script_compiler::CachedData::new(bytes);
            let mut source = v8::script_compiler::Source::new_with_cached_data(source, Some(origin), data);
            let module = v8::script_compiler::compile_module2(
                scope,
                &mut source,
                v8::script_compiler::CompileOptions::ConsumeCodeCache,
                v8::script_compiler::NoCacheReason::NoReason,
            );
            let rejected = source.get_cached_data().is_some_and(|data| data.rejected());
            (module, Some(rejected))
        }
        None => {
            let mut source = v8::script_compiler::Source::new(source, Some(origin));
            (v8::script_compiler::compile_module(scope, &mut source), None)
        }
    };
    let module = module?;
    update(index, rejected, || module.get_unbound_module_script(scope).create_code_cache().map(|cache| cache.to_vec()));
    Some(module)
}
