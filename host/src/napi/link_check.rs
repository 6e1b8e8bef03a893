//! Before an addon's constructors run: whether the dynamic linker could bind every symbol
//! it imports. Lazy binding defers a missing import until its first call (or a constructor's
//! call, at once), where glibc ends the process with "symbol lookup error"; anode refuses
//! such an addon with a catchable error naming the missing symbols instead.

use std::ffi::{c_void, CString};
use std::path::{Path, PathBuf};

use object::elf;
use object::read::elf::{FileHeader, ProgramHeader, Sym};

/// How many missing symbols a refusal names.
const LISTED_SYMBOLS: usize = 8;

#[cfg(target_arch = "x86_64")]
const NATIVE_MACHINE: u16 = elf::EM_X86_64;
#[cfg(target_arch = "aarch64")]
const NATIVE_MACHINE: u16 = elf::EM_AARCH64;

/// The libraries an addon needs, opened by the check. They stay open until the addon's own
/// dlopen has taken its references, so their constructors run once.
pub struct NeededLibraries(Vec<*mut c_void>);

impl Drop for NeededLibraries {
    fn drop(&mut self) {
        for &handle in &self.0 {
            // SAFETY: a handle dlopen returned, closed once.
            unsafe { libc::dlclose(handle) };
        }
    }
}

/// Checks the addon at `filename` before it is loaded: Err with the message of the
/// ERR_DLOPEN_FAILED to throw when it cannot run. What the check cannot read (no such file,
/// not an ELF object for this machine, a library that cannot be found) it leaves to
/// dlopen, which reports it as node does.
pub fn check(filename: &str) -> Result<NeededLibraries, String> {
    let mut libraries = NeededLibraries(Vec::new());
    if !filename.contains('/') || is_loaded(filename) {
        return Ok(libraries);
    }
    let Some(mapping) = Mapping::of(filename) else { return Ok(libraries) };
    let data = mapping.bytes();
    let Some(imports) = imports(filename, data)? else { return Ok(libraries) };
    if imports.symbols.is_empty() {
        return Ok(libraries);
    }
    for name in &imports.needed {
        match open_needed(name, &imports.search_path) {
            Some(handle) => libraries.0.push(handle),
            None => return Ok(libraries),
        }
    }
    let mut missing: Vec<&str> = imports
        .symbols
        .iter()
        .filter(|import| !is_defined(libc::RTLD_DEFAULT, import) && !libraries.0.iter().any(|&handle| is_defined(handle, import)))
        .map(|import| import.name.to_str().unwrap_or("?"))
        .collect();
    if missing.is_empty() {
        return Ok(libraries);
    }
    missing.sort_unstable();
    let mut listed = missing.iter().take(LISTED_SYMBOLS).copied().collect::<Vec<_>>().join(", ");
    if missing.len() > LISTED_SYMBOLS {
        listed.push_str(&format!(" (and {} more)", missing.len() - LISTED_SYMBOLS));
    }
    let node_cxx_abi = missing.iter().any(|name| *name == "node_module_register" || name.starts_with("_ZN2v8") || name.starts_with("_ZN4node")); // names symbols, uses none
    Err(if node_cxx_abi {
        format!(
            "{filename}: the addon is built for Node's C++ addon ABI (NODE_MODULE and V8's C++ API), not Node-API; \
             only Node-API addons load. Undefined symbols: {listed}"
        )
    } else {
        format!("{filename}: undefined symbols that neither anode nor the addon's libraries define: {listed}")
    })
}

/// An undefined symbol and the version it was linked against, if any.
struct Import {
    name: CString,
    version: Option<CString>,
}

/// What a shared object imports: its non-weak undefined dynamic symbols, the libraries it
/// needs and where the dynamic linker looks for them.
struct Imports {
    symbols: Vec<Import>,
    needed: Vec<String>,
    search_path: Vec<PathBuf>,
}

/// The imports of the shared object in `data`; Ok(None) when it is not one this machine
/// loads or cannot be read (dlopen says why), Err when its segments lie past its end,
/// which dlopen would map and the first touch would kill the process for (SIGBUS).
fn imports(filename: &str, data: &[u8]) -> Result<Option<Imports>, String> {
    let Ok(header) = elf::FileHeader64::<object::Endianness>::parse(data) else { return Ok(None) };
    let Ok(endian) = header.endian() else { return Ok(None) };
    if header.e_machine(endian) != NATIVE_MACHINE || header.e_type(endian) != elf::ET_DYN {
        return Ok(None);
    }
    let Ok(segments) = header.program_headers(endian, data) else { return Ok(None) };
    let past_end = |segment: &elf::ProgramHeader64<object::Endianness>| {
        let (offset, size) = segment.file_range(endian);
        segment.p_type(endian) == elf::PT_LOAD && offset.saturating_add(size) > data.len() as u64
    };
    if segments.iter().any(past_end) {
        return Err(format!("{filename}: file too short: its loadable segments extend past its {} bytes", data.len()));
    }
    let Ok(sections) = header.sections(endian, data) else { return Ok(None) };
    let Ok(symbol_table) = sections.symbols(endian, data, elf::SHT_DYNSYM) else { return Ok(None) };
    // A symbol bound to a version (memcpy@GLIBC_2.14) is looked up with it too: a library
    // may define a name only in versions other than its default one.
    let versions = sections.versions(endian, data).ok().flatten();
    let symbols = symbol_table
        .enumerate()
        .filter(|(_, symbol)| symbol.is_undefined(endian) && symbol.st_bind() == elf::STB_GLOBAL)
        .filter_map(|(index, symbol)| {
            let name = symbol_table.symbol_name(endian, symbol).ok().filter(|name| !name.is_empty())?;
            let version = versions.as_ref().and_then(|table| table.version(table.version_index(endian, index)).ok().flatten());
            Some(Import { name: CString::new(name).ok()?, version: version.and_then(|version| CString::new(version.name()).ok()) })
        })
        .collect();
    let Ok(dynamic) = sections.dynamic_table(endian, data) else { return Ok(None) };
    let (mut needed, mut rpath, mut runpath) = (Vec::new(), None, None);
    for entry in dynamic.iter() {
        let Ok(value) = dynamic.string(entry).map(String::from_utf8_lossy) else { continue };
        match entry.tag {
            elf::DT_NEEDED => needed.push(value.into_owned()),
            elf::DT_RPATH => rpath = Some(value.into_owned()),
            elf::DT_RUNPATH => runpath = Some(value.into_owned()),
            _ => {}
        }
    }
    let origin = std::path::absolute(filename).ok().and_then(|path| path.parent().map(Path::to_path_buf));
    Ok(Some(Imports { symbols, needed, search_path: search_path(rpath, runpath, origin) }))
}

/// The directories the dynamic linker searches for a needed library, in its order: DT_RPATH
/// (ignored when there is a DT_RUNPATH), LD_LIBRARY_PATH, DT_RUNPATH; `$ORIGIN` is the
/// addon's directory. The system's directories come last, by dlopen of the bare name.
fn search_path(rpath: Option<String>, runpath: Option<String>, origin: Option<PathBuf>) -> Vec<PathBuf> {
    let expand = |list: &str| -> Vec<PathBuf> {
        list.split(':')
            .filter(|dir| !dir.is_empty())
            .filter_map(|dir| match &origin {
                Some(origin) => Some(PathBuf::from(dir.replace("${ORIGIN}", "$ORIGIN").replace("$ORIGIN", &origin.to_string_lossy()))),
                None if dir.contains("ORIGIN") => None,
                None => Some(PathBuf::from(dir)),
            })
            .collect()
    };
    let mut dirs = Vec::new();
    if runpath.is_none() {
        dirs.extend(rpath.as_deref().map(expand).unwrap_or_default());
    }
    if let Ok(library_path) = std::env::var("LD_LIBRARY_PATH") {
        dirs.extend(library_path.split([':', ';']).filter(|dir| !dir.is_empty()).map(PathBuf::from));
    }
    dirs.extend(runpath.as_deref().map(expand).unwrap_or_default());
    dirs
}

/// Opens a needed library where the dynamic linker would find it; None when it cannot.
fn open_needed(name: &str, search_path: &[PathBuf]) -> Option<*mut c_void> {
    let open = |path: &Path| {
        let path = CString::new(path.as_os_str().as_encoded_bytes()).ok()?;
        // SAFETY: loading a library runs its constructors, as the addon's dlopen would.
        let handle = unsafe { libc::dlopen(path.as_ptr(), libc::RTLD_LAZY | libc::RTLD_LOCAL) };
        (!handle.is_null()).then_some(handle)
    };
    if name.contains('/') {
        return open(Path::new(name));
    }
    search_path.iter().map(|dir| dir.join(name)).filter(|path| path.is_file()).find_map(|path| open(&path)).or_else(|| open(Path::new(name)))
}

/// Whether the object at `filename` is already loaded (a second load runs no constructors).
fn is_loaded(filename: &str) -> bool {
    let Ok(path) = CString::new(filename) else { return false };
    // SAFETY: RTLD_NOLOAD only looks the object up.
    let handle = unsafe { libc::dlopen(path.as_ptr(), libc::RTLD_LAZY | libc::RTLD_NOLOAD) };
    if handle.is_null() {
        return false;
    }
    // SAFETY: the reference RTLD_NOLOAD just took.
    unsafe { libc::dlclose(handle) };
    true
}

/// Whether `import` resolves in `handle`'s scope, in its default version or the one it
/// was linked against (a symbol's value may be 0: dlerror tells).
fn is_defined(handle: *mut c_void, import: &Import) -> bool {
    let found = |lookup: &dyn Fn() -> *mut c_void| {
        // SAFETY: dlerror reads and clears this thread's last error.
        unsafe { libc::dlerror() };
        !lookup().is_null() || unsafe { libc::dlerror() }.is_null()
    };
    // SAFETY: dlsym and dlvsym with a valid handle and C strings.
    found(&|| unsafe { libc::dlsym(handle, import.name.as_ptr()) })
        || import.version.as_ref().is_some_and(|version| found(&|| unsafe { libc::dlvsym(handle, import.name.as_ptr(), version.as_ptr()) }))
}

/// A file mapped read-only: only the pages the check reads are brought in.
struct Mapping {
    address: *mut c_void,
    length: usize,
}

impl Mapping {
    /// Maps the regular, non-empty file at `filename`.
    fn of(filename: &str) -> Option<Mapping> {
        let file = std::fs::File::open(filename).ok()?;
        let metadata = file.metadata().ok()?;
        let length = usize::try_from(metadata.len()).ok()?;
        if !metadata.is_file() || length == 0 {
            return None;
        }
        use std::os::fd::AsRawFd;
        // SAFETY: a private read-only mapping of a file we opened; unmapped on drop.
        let address = unsafe { libc::mmap(std::ptr::null_mut(), length, libc::PROT_READ, libc::MAP_PRIVATE, file.as_raw_fd(), 0) };
        (address != libc::MAP_FAILED).then_some(Mapping { address, length })
    }

    fn bytes(&self) -> &[u8] {
        // SAFETY: the mapping is `length` readable bytes while `self` lives.
        unsafe { std::slice::from_raw_parts(self.address.cast(), self.length) }
    }
}

impl Drop for Mapping {
    fn drop(&mut self) {
        // SAFETY: the mapping made in `of`.
        unsafe { libc::munmap(self.address, self.length) };
    }
}
