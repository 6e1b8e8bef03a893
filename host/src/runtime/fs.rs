//! Native half of `fs`: one operation type that runs either on the JS thread (the *Sync
//! forms) or on tokio's blocking pool with its result delivered back to the loop (the
//! callback and promise forms), as libuv's uv_fs_* requests do for node.

use super::internals::Internal;
use std::ffi::CString;
use std::path::{Path, PathBuf};
use std::io;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::{MetadataExt, PermissionsExt};

use super::bindings::system_error;
use super::permission::{self, Denied};
use super::trace_events as trace;
use super::RuntimeState;

/// The ids of asynchronous requests' trace events.
static NEXT_TRACE_ID: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(1);

/// One file-system request, decoded from the binding's arguments.
enum FsOp {
    Open { path: PathBuf, flags: i32, mode: u32 },
    Close { fd: i32 },
    Read { fd: i32, length: usize, position: Option<i64> },
    Write { fd: i32, bytes: Vec<u8>, position: Option<i64> },
    ReadFile { path: PathBuf, flags: i32 },
    ReadFileFd { fd: i32 },
    WriteFile { path: PathBuf, bytes: Vec<u8>, flags: i32, mode: u32 },
    WriteFileFd { fd: i32, bytes: Vec<u8> },
    Stat { path: PathBuf, follow: bool, throw_if_missing: bool },
    Fstat { fd: i32 },
    Access { path: PathBuf, mode: i32 },
    Mkdir { path: PathBuf, recursive: bool, mode: u32 },
    Mkdtemp { prefix: String },
    Readdir { path: PathBuf },
    Rm { path: PathBuf, recursive: bool, force: bool },
    Rmdir { path: PathBuf, recursive: bool },
    Unlink { path: PathBuf },
    Rename { from: PathBuf, to: PathBuf },
    CopyFile { from: PathBuf, to: PathBuf, mode: i32 },
    Realpath { path: PathBuf },
    Readlink { path: PathBuf },
    Symlink { target: PathBuf, path: PathBuf },
    Link { from: PathBuf, to: PathBuf },
    Chmod { path: PathBuf, mode: u32 },
    Truncate { path: PathBuf, length: u64 },
    Ftruncate { fd: i32, length: u64 },
    Fsync { fd: i32, data_only: bool },
    Utimes { path: PathBuf, atime: f64, mtime: f64, follow: bool },
    Futimes { fd: i32, atime: f64, mtime: f64 },
    Fchmod { fd: i32, mode: u32 },
    Chown { path: PathBuf, uid: u32, gid: u32, follow: bool },
    Fchown { fd: i32, uid: u32, gid: u32 },
    Statfs { path: PathBuf },
    OpenDir { path: PathBuf },
    ReadDir { id: u32, count: usize },
    CloseDir { id: u32 },
}

/// A directory stream of `opendir`, read a batch of entries at a time.
struct DirStream(*mut libc::DIR);
// SAFETY: a DIR is used by one request at a time (the script's Dir serializes them).
unsafe impl Send for DirStream {}

static DIR_STREAMS: std::sync::Mutex<Option<(u32, std::collections::HashMap<u32, DirStream>)>> = std::sync::Mutex::new(None);

fn open_dir(path: &Path) -> io::Result<u32> {
    let c = c_path(path)?;
    // SAFETY: a NUL-terminated path.
    let dir = unsafe { libc::opendir(c.as_ptr()) };
    if dir.is_null() {
        return Err(io::Error::last_os_error());
    }
    let mut streams = DIR_STREAMS.lock().unwrap();
    let (next, map) = streams.get_or_insert_with(Default::default);
    *next += 1;
    map.insert(*next, DirStream(dir));
    Ok(*next)
}

/// Up to `count` entries (without . and ..), fewer only at the end of the directory.
fn read_dir_batch(id: u32, count: usize) -> io::Result<Vec<(Vec<u8>, u8)>> {
    let dir = DIR_STREAMS.lock().unwrap().as_ref().and_then(|(_, map)| map.get(&id).map(|d| d.0));
    let Some(dir) = dir else { return Err(io::Error::from_raw_os_error(libc::EBADF)) };
    let mut entries = Vec::new();
    while entries.len() < count {
        // SAFETY: errno is cleared to tell the end of the stream from an error.
        unsafe { *libc::__errno_location() = 0 };
        // SAFETY: a DIR opened by open_dir and not yet closed.
        let entry = unsafe { libc::readdir(dir) };
        if entry.is_null() {
            let error = io::Error::last_os_error();
            if error.raw_os_error() == Some(0) {
                break;
            }
            return Err(error);
        }
        // SAFETY: readdir returned a valid entry with a NUL-terminated name.
        let (name, kind) = unsafe { (std::ffi::CStr::from_ptr((*entry).d_name.as_ptr()).to_bytes().to_vec(), (*entry).d_type) };
        if name == b"." || name == b".." {
            continue;
        }
        let kind = match kind {
            libc::DT_REG => 1,
            libc::DT_DIR => 2,
            libc::DT_LNK => 3,
            libc::DT_FIFO => 4,
            libc::DT_SOCK => 5,
            libc::DT_CHR => 6,
            libc::DT_BLK => 7,
            _ => 0,
        };
        entries.push((name, kind));
    }
    Ok(entries)
}

fn close_dir(id: u32) -> io::Result<()> {
    let stream = DIR_STREAMS.lock().unwrap().as_mut().and_then(|(_, map)| map.remove(&id));
    let Some(stream) = stream else { return Err(io::Error::from_raw_os_error(libc::EBADF)) };
    // SAFETY: a DIR opened by open_dir, closed once.
    check(unsafe { libc::closedir(stream.0) }).map(drop)
}

/// What a request produced.
enum FsValue {
    Undefined,
    Number(f64),
    Text(String),
    MaybeText(Option<String>),
    Bytes(Vec<u8>),
    /// dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeMs, mtimeMs, ctimeMs,
    /// birthtimeMs, then the seconds and nanoseconds of atime, mtime, ctime and birthtime.
    Stat([f64; 22]),
    /// Name and libuv dirent type (1 file, 2 dir, 3 link, 4 fifo, 5 socket, 6 char, 7 block).
    /// Names with their dirent types; a name that is not UTF-8 reaches JS as its bytes.
    Entries(Vec<(Vec<u8>, u8)>),
    /// type, bsize, frsize, blocks, bfree, bavail, files, ffree.
    StatFs([f64; 8]),
    Missing,
    /// readFile of a regular file larger than node reads in one piece: its size.
    TooLarge(u64),
}

/// A failed request as node reports it: `CODE: description, syscall 'path' -> 'dest'`.
pub(super) struct FsError {
    error: io::Error,
    syscall: &'static str,
    path: Option<String>,
    dest: Option<String>,
}

type FsResult = Result<FsValue, FsError>;

fn failed<'p>(syscall: &'static str, path: Option<&'p Path>) -> impl FnOnce(io::Error) -> FsError + 'p {
    move |error| FsError { error, syscall, path: path.map(lossy), dest: None }
}

/// A path as error messages and the permission model take it (a name that is not UTF-8 with
/// its stray bytes replaced).
fn lossy(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn c_path(path: &Path) -> io::Result<CString> {
    CString::new(path.as_os_str().as_bytes()).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))
}

fn check(result: libc::c_int) -> io::Result<libc::c_int> {
    if result < 0 { Err(io::Error::last_os_error()) } else { Ok(result) }
}

fn open(path: &Path, flags: i32, mode: u32) -> io::Result<i32> {
    let path = c_path(path)?;
    // SAFETY: a NUL-terminated path.
    check(unsafe { libc::open(path.as_ptr(), flags | libc::O_CLOEXEC, mode) })
}

fn close(fd: i32) -> io::Result<()> {
    // SAFETY: closing a descriptor the script owns.
    check(unsafe { libc::close(fd) }).map(drop)
}

/// Repeats a read or write that a signal interrupted.
fn retrying(mut call: impl FnMut() -> isize) -> io::Result<usize> {
    loop {
        let count = call();
        if count >= 0 {
            return Ok(count as usize);
        }
        let error = io::Error::last_os_error();
        if error.kind() != io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
}

fn read(fd: i32, buffer: &mut [u8], position: Option<i64>) -> io::Result<usize> {
    // SAFETY: reading into a valid slice.
    retrying(|| unsafe {
        match position {
            Some(offset) => libc::pread(fd, buffer.as_mut_ptr().cast(), buffer.len(), offset),
            None => libc::read(fd, buffer.as_mut_ptr().cast(), buffer.len()),
        }
    })
}

fn write(fd: i32, bytes: &[u8], position: Option<i64>) -> io::Result<usize> {
    // SAFETY: writing from a valid slice.
    retrying(|| unsafe {
        match position {
            Some(offset) => libc::pwrite(fd, bytes.as_ptr().cast(), bytes.len(), offset),
            None => libc::write(fd, bytes.as_ptr().cast(), bytes.len()),
        }
    })
}

fn read_to_end(fd: i32) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let count = read(fd, &mut chunk, None)?;
        if count == 0 {
            return Ok(bytes);
        }
        bytes.extend_from_slice(&chunk[..count]);
    }
}

/// The largest file readFile returns (node's kIoMaxLength).
const READ_FILE_MAX: u64 = (1 << 31) - 1;

fn fd_metadata(fd: i32) -> io::Result<std::fs::Metadata> {
    // SAFETY: fstat fills the struct it is given; the File is forgotten, not closed.
    std::mem::ManuallyDrop::new(unsafe { <std::fs::File as std::os::fd::FromRawFd>::from_raw_fd(fd) }).metadata()
}

/// The rest of a file, or TooLarge for a regular file over READ_FILE_MAX bytes.
fn read_file(fd: i32) -> io::Result<FsValue> {
    let meta = traced("fstat", || fd_metadata(fd))?;
    if meta.is_file() && meta.size() > READ_FILE_MAX {
        return Ok(FsValue::TooLarge(meta.size()));
    }
    traced("read", || read_to_end(fd)).map(FsValue::Bytes)
}

fn write_all(fd: i32, bytes: &[u8]) -> io::Result<()> {
    traced("write", || write_bytes(fd, bytes))
}

fn write_bytes(fd: i32, mut bytes: &[u8]) -> io::Result<()> {
    while !bytes.is_empty() {
        let count = write(fd, bytes, None)?;
        bytes = &bytes[count..];
    }
    Ok(())
}

/// Runs `body`, the syscall `step`, on a descriptor opened for it, closing it whatever
/// happens; an error names the syscall that failed, as node's do.
fn with_file<T>(path: &Path, flags: i32, mode: u32, step: &'static str, body: impl FnOnce(i32) -> io::Result<T>) -> Result<T, FsError> {
    let fd = traced("open", || open(path, flags, mode)).map_err(failed("open", Some(path)))?;
    let result = body(fd).map_err(failed(step, None));
    let closed = traced("close", || close(fd)).map_err(failed("close", None));
    let value = result?;
    closed.map(|()| value)
}

fn stat_fields(meta: &std::fs::Metadata) -> [f64; 22] {
    let millis = |seconds: i64, nanos: i64| seconds as f64 * 1000.0 + nanos as f64 / 1e6;
    let birth = meta.created().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
    let (birth_sec, birth_nsec) = birth.map_or((0, 0), |d| (d.as_secs() as i64, d.subsec_nanos() as i64));
    [
        meta.dev() as f64, meta.mode() as f64, meta.nlink() as f64, meta.uid() as f64, meta.gid() as f64, meta.rdev() as f64,
        meta.blksize() as f64, meta.ino() as f64, meta.size() as f64, meta.blocks() as f64,
        millis(meta.atime(), meta.atime_nsec()), millis(meta.mtime(), meta.mtime_nsec()), millis(meta.ctime(), meta.ctime_nsec()),
        millis(birth_sec, birth_nsec),
        meta.atime() as f64, meta.atime_nsec() as f64, meta.mtime() as f64, meta.mtime_nsec() as f64,
        meta.ctime() as f64, meta.ctime_nsec() as f64, birth_sec as f64, birth_nsec as f64,
    ]
}

fn dirent_type(kind: std::fs::FileType) -> u8 {
    use std::os::unix::fs::FileTypeExt;
    match kind {
        k if k.is_file() => 1,
        k if k.is_dir() => 2,
        k if k.is_symlink() => 3,
        k if k.is_fifo() => 4,
        k if k.is_socket() => 5,
        k if k.is_char_device() => 6,
        k if k.is_block_device() => 7,
        _ => 0,
    }
}

fn random_suffix() -> String {
    const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut seed = [0u8; 6];
    // SAFETY: getrandom fills the buffer it is given.
    unsafe { libc::getrandom(seed.as_mut_ptr().cast(), seed.len(), 0) };
    seed.iter().map(|b| CHARS[*b as usize % CHARS.len()] as char).collect()
}

thread_local! {
    /// How this thread records the fs calls it makes now: None, or the request's events (a
    /// synchronous call's, or an asynchronous request's with its id).
    static TRACING: std::cell::Cell<Option<FsTrace>> = const { std::cell::Cell::new(None) };
}

#[derive(Clone, Copy)]
enum FsTrace {
    Sync,
    Async(i64),
}

const FS_SYNC: &str = "node,node.fs,node.fs.sync";
const FS_ASYNC: &str = "node,node.fs,node.fs.async";
const FS_DIR_ASYNC: &str = "node,node.fs_dir,node.fs_dir.async";

/// Runs one of node's fs calls (its libuv request type: "open", "fstat", ...), recorded
/// as node records it: `fs.sync.<call>` around a synchronous call, the request's nestable
/// async events around an asynchronous one (named as libuv names its requests).
fn traced<T>(call: &'static str, body: impl FnOnce() -> T) -> T {
    let _scope = match TRACING.get() {
        None => None,
        // (Checked before the name is made: every sync fs call passes here.)
        Some(FsTrace::Sync) if !trace::is_enabled(FS_SYNC) => None,
        Some(FsTrace::Sync) => trace::Scope::begin(FS_SYNC, &format!("fs.sync.{call}"), || serde_json::json!({})),
        Some(FsTrace::Async(id)) => {
            let (group, name) = match call {
                "readdir" => (FS_ASYNC, "scandir"),
                "opendir" => (FS_DIR_ASYNC, "opendir"),
                "utimes" => (FS_ASYNC, "utime"),
                "futimes" => (FS_ASYNC, "futime"),
                "lutimes" => (FS_ASYNC, "lutime"),
                other => (FS_ASYNC, other),
            };
            trace::Scope::begin_async(group, name, id)
        }
    };
    body()
}

/// Runs `body` with this thread's fs calls recorded as `mode` says.
fn tracing_as<T>(mode: FsTrace, body: impl FnOnce() -> T) -> T {
    let previous = TRACING.replace(Some(mode));
    let value = body();
    TRACING.set(previous);
    value
}

impl FsOp {
    /// The fs call this request is in node (None for readFile and writeFile, whose own
    /// open, fstat, read, write and close calls are recorded).
    fn call(&self) -> Option<&'static str> {
        Some(match self {
            FsOp::Open { .. } => "open",
            FsOp::Close { .. } => "close",
            FsOp::Read { .. } => "read",
            FsOp::Write { .. } => "write",
            FsOp::ReadFile { .. } | FsOp::ReadFileFd { .. } | FsOp::WriteFile { .. } | FsOp::WriteFileFd { .. } => return None,
            FsOp::Stat { follow: true, .. } => "stat",
            FsOp::Stat { follow: false, .. } => "lstat",
            FsOp::Fstat { .. } => "fstat",
            FsOp::Access { .. } => "access",
            FsOp::Mkdir { .. } => "mkdir",
            FsOp::Mkdtemp { .. } => "mkdtemp",
            FsOp::Readdir { .. } => "readdir",
            FsOp::Rm { .. } => "rm",
            FsOp::Rmdir { .. } => "rmdir",
            FsOp::Unlink { .. } => "unlink",
            FsOp::Rename { .. } => "rename",
            FsOp::CopyFile { .. } => "copyfile",
            FsOp::Realpath { .. } => "realpath",
            FsOp::Readlink { .. } => "readlink",
            FsOp::Symlink { .. } => "symlink",
            FsOp::Link { .. } => "link",
            FsOp::Chmod { .. } => "chmod",
            FsOp::Truncate { .. } | FsOp::Ftruncate { .. } => "ftruncate",
            FsOp::Fsync { data_only: true, .. } => "fdatasync",
            FsOp::Fsync { data_only: false, .. } => "fsync",
            FsOp::Utimes { follow: true, .. } => "utimes",
            FsOp::Utimes { follow: false, .. } => "lutimes",
            FsOp::Futimes { .. } => "futimes",
            FsOp::Fchmod { .. } => "fchmod",
            FsOp::Chown { follow: true, .. } => "chown",
            FsOp::Chown { follow: false, .. } => "lchown",
            FsOp::Fchown { .. } => "fchown",
            FsOp::Statfs { .. } => "statfs",
            FsOp::OpenDir { .. } => "opendir",
            FsOp::ReadDir { .. } => "readdir",
            FsOp::CloseDir { .. } => "closedir",
        })
    }

    /// Performs the request on the current thread.
    fn run(self) -> FsResult {
        match self.call() {
            Some(call) => traced(call, || self.run_call()),
            None => self.run_call(),
        }
    }

    fn run_call(self) -> FsResult {
        use FsValue::*;
        match self {
            FsOp::Open { path, flags, mode } => open(&path, flags, mode).map(|fd| Number(fd as f64)).map_err(failed("open", Some(&path))),
            FsOp::Close { fd } => close(fd).map(|()| Undefined).map_err(failed("close", None)),
            FsOp::Read { fd, length, position } => {
                let mut bytes = vec![0u8; length];
                let count = read(fd, &mut bytes, position).map_err(failed("read", None))?;
                bytes.truncate(count);
                Ok(Bytes(bytes))
            }
            FsOp::Write { fd, bytes, position } => write(fd, &bytes, position).map(|n| Number(n as f64)).map_err(failed("write", None)),
            FsOp::ReadFile { path, flags } => with_file(&path, flags, 0o666, "read", read_file),
            FsOp::ReadFileFd { fd } => read_file(fd).map_err(failed("read", None)),
            FsOp::WriteFile { path, bytes, flags, mode } => with_file(&path, flags, mode, "write", |fd| write_all(fd, &bytes)).map(|()| Undefined),
            FsOp::WriteFileFd { fd, bytes } => write_all(fd, &bytes).map(|()| Undefined).map_err(failed("write", None)),
            FsOp::Stat { path, follow, throw_if_missing } => {
                let meta = if follow { std::fs::metadata(&path) } else { std::fs::symlink_metadata(&path) };
                match meta {
                    Ok(meta) => Ok(Stat(stat_fields(&meta))),
                    Err(error) if !throw_if_missing && error.kind() == io::ErrorKind::NotFound => Ok(Missing),
                    Err(error) => Err(failed(if follow { "stat" } else { "lstat" }, Some(&path))(error)),
                }
            }
            FsOp::Fstat { fd } => fd_metadata(fd).map(|meta| Stat(stat_fields(&meta))).map_err(failed("fstat", None)),
            FsOp::Access { path, mode } => {
                let result = c_path(&path).and_then(|c| {
                    // SAFETY: a NUL-terminated path.
                    check(unsafe { libc::access(c.as_ptr(), mode) })
                });
                result.map(|_| Undefined).map_err(failed("access", Some(&path)))
            }
            FsOp::Mkdir { path, recursive: false, mode } => {
                let result = c_path(&path).and_then(|c| {
                    // SAFETY: a NUL-terminated path.
                    check(unsafe { libc::mkdir(c.as_ptr(), mode) })
                });
                result.map(|_| Undefined).map_err(failed("mkdir", Some(&path)))
            }
            FsOp::Mkdir { path, recursive: true, mode } => {
                let first_missing = std::path::Path::new(&path)
                    .ancestors()
                    .take_while(|p| !p.as_os_str().is_empty() && std::fs::symlink_metadata(p).is_err())
                    .last()
                    .map(|p| p.to_string_lossy().into_owned());
                let mut builder = std::fs::DirBuilder::new();
                std::os::unix::fs::DirBuilderExt::mode(builder.recursive(true), mode);
                match std::fs::metadata(&path) {
                    Ok(meta) if !meta.is_dir() => return Err(failed("mkdir", Some(&path))(io::Error::from_raw_os_error(libc::EEXIST))),
                    _ => {}
                }
                builder.create(&path).map(|()| MaybeText(first_missing)).map_err(failed("mkdir", Some(&path)))
            }
            FsOp::Mkdtemp { prefix } => {
                for _ in 0..100 {
                    let candidate = format!("{prefix}{}", random_suffix());
                    match std::fs::DirBuilder::new().create(&candidate) {
                        Ok(()) => return Ok(Text(candidate)),
                        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
                        Err(error) => return Err(failed("mkdtemp", Some(Path::new(&format!("{prefix}XXXXXX"))))(error)),
                    }
                }
                Err(failed("mkdtemp", Some(Path::new(&format!("{prefix}XXXXXX"))))(io::Error::from_raw_os_error(libc::EEXIST)))
            }
            FsOp::Readdir { path } => {
                let entries = std::fs::read_dir(&path).map_err(failed("scandir", Some(&path)))?;
                let mut names: Vec<(Vec<u8>, u8)> = entries
                    .flatten()
                    .map(|entry| (entry.file_name().as_bytes().to_vec(), entry.file_type().map_or(0, dirent_type)))
                    .collect();
                names.sort();
                Ok(Entries(names))
            }
            FsOp::Rm { path, recursive, force } => {
                let result = match std::fs::symlink_metadata(&path) {
                    Ok(meta) if meta.is_dir() && recursive => std::fs::remove_dir_all(&path),
                    Ok(meta) if meta.is_dir() => {
                        let error = FsError { error: io::Error::from_raw_os_error(libc::EISDIR), syscall: "rm", path: Some(lossy(&path)), dest: None };
                        return Err(error);
                    }
                    Ok(_) => std::fs::remove_file(&path),
                    Err(error) => Err(error),
                };
                match result {
                    Err(error) if !(force && error.kind() == io::ErrorKind::NotFound) => Err(failed("lstat", Some(&path))(error)),
                    _ => Ok(Undefined),
                }
            }
            FsOp::Rmdir { path, recursive } => {
                let result = if recursive { std::fs::remove_dir_all(&path) } else { std::fs::remove_dir(&path) };
                result.map(|()| Undefined).map_err(failed("rmdir", Some(&path)))
            }
            FsOp::Unlink { path } => std::fs::remove_file(&path).map(|()| Undefined).map_err(failed("unlink", Some(&path))),
            FsOp::Rename { from, to } => std::fs::rename(&from, &to).map(|()| Undefined).map_err(|error| two_paths(error, "rename", from, to)),
            FsOp::CopyFile { from, to, mode } => copy_file(&from, &to, mode).map(|()| Undefined).map_err(|error| two_paths(error, "copyfile", from, to)),
            FsOp::Realpath { path } => std::fs::canonicalize(&path).map(|p| Text(p.to_string_lossy().into_owned())).map_err(failed("realpath", Some(&path))),
            FsOp::Readlink { path } => std::fs::read_link(&path).map(|p| Text(p.to_string_lossy().into_owned())).map_err(failed("readlink", Some(&path))),
            FsOp::Symlink { target, path } => {
                std::os::unix::fs::symlink(&target, &path).map(|()| Undefined).map_err(|error| two_paths(error, "symlink", target, path))
            }
            FsOp::Link { from, to } => std::fs::hard_link(&from, &to).map(|()| Undefined).map_err(|error| two_paths(error, "link", from, to)),
            FsOp::Chmod { path, mode } => {
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).map(|()| Undefined).map_err(failed("chmod", Some(&path)))
            }
            FsOp::Truncate { path, length } => {
                with_file(&path, libc::O_WRONLY, 0, "ftruncate", |fd| {
                    // SAFETY: truncating a descriptor we opened.
                    check(unsafe { libc::ftruncate(fd, length as libc::off_t) }).map(drop)
                })
                .map(|()| Undefined)
            }
            FsOp::Ftruncate { fd, length } => {
                // SAFETY: truncating a descriptor the script owns.
                check(unsafe { libc::ftruncate(fd, length as libc::off_t) }).map(|_| Undefined).map_err(failed("ftruncate", None))
            }
            FsOp::Fsync { fd, data_only } => {
                // SAFETY: syncing a descriptor the script owns.
                let result = check(unsafe { if data_only { libc::fdatasync(fd) } else { libc::fsync(fd) } });
                result.map(|_| Undefined).map_err(failed(if data_only { "fdatasync" } else { "fsync" }, None))
            }
            FsOp::Utimes { path, atime, mtime, follow } => {
                let times = [timespec(atime), timespec(mtime)];
                let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
                let result = c_path(&path).and_then(|c| {
                    // SAFETY: a NUL-terminated path and two timespecs.
                    check(unsafe { libc::utimensat(libc::AT_FDCWD, c.as_ptr(), times.as_ptr(), flags) })
                });
                result.map(|_| Undefined).map_err(failed(if follow { "utime" } else { "lutime" }, Some(&path)))
            }
            FsOp::Futimes { fd, atime, mtime } => {
                let times = [timespec(atime), timespec(mtime)];
                // SAFETY: a descriptor the script owns and two timespecs.
                check(unsafe { libc::futimens(fd, times.as_ptr()) }).map(|_| Undefined).map_err(failed("futime", None))
            }
            FsOp::Fchmod { fd, mode } => {
                // SAFETY: a descriptor the script owns.
                check(unsafe { libc::fchmod(fd, mode) }).map(|_| Undefined).map_err(failed("fchmod", None))
            }
            FsOp::Chown { path, uid, gid, follow } => {
                let result = c_path(&path).and_then(|c| {
                    // SAFETY: a NUL-terminated path.
                    check(unsafe { if follow { libc::chown(c.as_ptr(), uid, gid) } else { libc::lchown(c.as_ptr(), uid, gid) } })
                });
                result.map(|_| Undefined).map_err(failed(if follow { "chown" } else { "lchown" }, Some(&path)))
            }
            FsOp::Statfs { path } => {
                let result = c_path(&path).and_then(|c| {
                    // SAFETY: statfs fills the zeroed struct it is given.
                    let mut info: libc::statfs = unsafe { std::mem::zeroed() };
                    check(unsafe { libc::statfs(c.as_ptr(), &mut info) }).map(|_| info)
                });
                result
                    .map(|info| {
                        StatFs([
                            info.f_type as f64, info.f_bsize as f64, info.f_frsize as f64, info.f_blocks as f64, info.f_bfree as f64,
                            info.f_bavail as f64, info.f_files as f64, info.f_ffree as f64,
                        ])
                    })
                    .map_err(failed("statfs", Some(&path)))
            }
            FsOp::OpenDir { path } => open_dir(&path).map(|id| Number(id as f64)).map_err(failed("opendir", None)),
            FsOp::ReadDir { id, count } => read_dir_batch(id, count).map(Entries).map_err(failed("scandir", None)),
            FsOp::CloseDir { id } => close_dir(id).map(|()| Undefined).map_err(failed("closedir", None)),
            FsOp::Fchown { fd, uid, gid } => {
                // SAFETY: a descriptor the script owns.
                check(unsafe { libc::fchown(fd, uid, gid) }).map(|_| Undefined).map_err(failed("fchown", None))
            }
        }
    }
}

impl FsOp {
    /// What the permission model requires of the request, checked before it runs (node's
    /// checks: by path for the path forms; the descriptor forms that change a file are off).
    fn permitted(&self) -> Result<(), Denied> {
        use permission::Scope::{FileSystemRead as Read, FileSystemWrite as Write};
        let disabled = |api: &str| Err(Denied::Disabled(format!("{api} API is disabled when Permission Model is enabled.")));
        match self {
            FsOp::Open { path, flags, .. } | FsOp::WriteFile { path, flags, .. } => {
                let access = flags & libc::O_ACCMODE;
                let is_write_file = matches!(self, FsOp::WriteFile { .. });
                if access != libc::O_WRONLY && !(is_write_file && access == libc::O_RDONLY) {
                    permission::check(Read, &lossy(path))?;
                }
                if is_write_file || access != libc::O_RDONLY || flags & (libc::O_CREAT | libc::O_TRUNC | libc::O_APPEND) != 0 {
                    permission::check(Write, &lossy(path))?;
                }
                Ok(())
            }
            FsOp::ReadFile { path, .. }
            | FsOp::Stat { path, .. }
            | FsOp::Access { path, .. }
            | FsOp::Readdir { path }
            | FsOp::Realpath { path }
            | FsOp::Readlink { path }
            | FsOp::Statfs { path }
            | FsOp::OpenDir { path } => permission::check(Read, &lossy(path)),
            // rm looks at what it removes first.
            FsOp::Rm { path, .. } => permission::check(Read, &lossy(path)).and_then(|()| permission::check(Write, &lossy(path))),
            FsOp::Mkdir { path, .. }
            | FsOp::Rmdir { path, .. }
            | FsOp::Unlink { path }
            | FsOp::Chmod { path, .. }
            | FsOp::Utimes { path, .. }
            | FsOp::Chown { path, .. } => permission::check(Write, &lossy(path)),
            FsOp::Truncate { path, .. } => permission::check(Read, &lossy(path)).and_then(|()| permission::check(Write, &lossy(path))),
            FsOp::Mkdtemp { prefix } => permission::check(Write, &format!("{prefix}XXXXXX")),
            FsOp::Rename { from, to } | FsOp::Link { from, to } => {
                permission::check(Read, &lossy(from))?;
                permission::check(Write, &lossy(from))?;
                permission::check(Write, &lossy(to))
            }
            FsOp::CopyFile { from, to, .. } => permission::check(Read, &lossy(from)).and_then(|()| permission::check(Write, &lossy(to))),
            // A link's target is read through it later, wherever it points: only with every path granted.
            FsOp::Symlink { .. } if permission::is_granted(Read, None) && permission::is_granted(Write, None) => Ok(()),
            FsOp::Symlink { .. } => Err(Denied::Disabled("fs.symlink API requires full fs.read and fs.write permissions.".into())),
            FsOp::Futimes { .. } => disabled("futimes"),
            FsOp::Fchmod { .. } => disabled("fchmod"),
            FsOp::Fchown { .. } => disabled("fchown"),
            FsOp::Fsync { data_only, .. } => disabled(if *data_only { "fdatasync" } else { "fsync" }),
            FsOp::Close { .. }
            | FsOp::Read { .. }
            | FsOp::Write { .. }
            | FsOp::ReadFileFd { .. }
            | FsOp::WriteFileFd { .. }
            | FsOp::Fstat { .. }
            | FsOp::Ftruncate { .. }
            | FsOp::ReadDir { .. }
            | FsOp::CloseDir { .. } => Ok(()),
        }
    }

    /// Whether node refuses the request when it is made, even in its callback form (these natives
    /// check before queueing it): the refusal is thrown rather than passed to the callback.
    fn refused_when_made(&self) -> bool {
        matches!(self, FsOp::Chmod { .. } | FsOp::Utimes { .. } | FsOp::Mkdir { .. } | FsOp::Readlink { .. } | FsOp::Rmdir { .. })
    }

    /// Runs the request if the permission model allows it.
    fn run_permitted(self, permitted: Result<(), Denied>) -> Result<FsValue, Failure> {
        permitted.map_err(Failure::Denied)?;
        self.run().map_err(Failure::System)
    }
}

/// Why a request failed: the system refused it, or the permission model did before it ran.
enum Failure {
    System(FsError),
    Denied(Denied),
}

fn timespec(seconds: f64) -> libc::timespec {
    libc::timespec { tv_sec: seconds.floor() as libc::time_t, tv_nsec: ((seconds - seconds.floor()) * 1e9) as libc::c_long }
}

const COPYFILE_EXCL: i32 = 1;
const COPYFILE_FICLONE: i32 = 2;
const COPYFILE_FICLONE_FORCE: i32 = 4;

/// copyFile as libuv does it: EXCL refuses an existing dest, FICLONE tries a copy-on-write
/// clone first, FICLONE_FORCE fails when the file system cannot clone (removing the dest it made).
fn copy_file(from: &Path, to: &Path, mode: i32) -> io::Result<()> {
    let source = open(from, libc::O_RDONLY, 0)?;
    let result = (|| {
        let meta = fd_metadata(source)?;
        let mut flags = libc::O_WRONLY | libc::O_CREAT;
        if mode & COPYFILE_EXCL != 0 {
            flags |= libc::O_EXCL;
        }
        let dest = open(to, flags, meta.mode() & 0o7777)?;
        let copied = (|| {
            let dest_meta = fd_metadata(dest)?;
            if dest_meta.dev() == meta.dev() && dest_meta.ino() == meta.ino() {
                return Ok(());
            }
            // SAFETY: both descriptors are open here.
            check(unsafe { libc::ftruncate(dest, 0) })?;
            if mode & (COPYFILE_FICLONE | COPYFILE_FICLONE_FORCE) != 0 {
                // SAFETY: FICLONE takes the source descriptor.
                let cloned = check(unsafe { libc::ioctl(dest, libc::FICLONE, source) });
                match cloned {
                    Ok(_) => return Ok(()),
                    Err(error) if mode & COPYFILE_FICLONE_FORCE != 0 => return Err(error),
                    Err(_) => {}
                }
            }
            let mut chunk = vec![0u8; 64 * 1024];
            loop {
                let count = read(source, &mut chunk, None)?;
                if count == 0 {
                    break;
                }
                write_all(dest, &chunk[..count])?;
            }
            // SAFETY: a descriptor we opened.
            check(unsafe { libc::fchmod(dest, meta.mode() & 0o7777) }).map(drop)
        })();
        let closed = close(dest);
        if copied.is_err() {
            let _ = std::fs::remove_file(to);
        }
        copied.and(closed)
    })();
    let _ = close(source);
    result
}

fn two_paths(error: io::Error, syscall: &'static str, path: PathBuf, dest: PathBuf) -> FsError {
    FsError { error, syscall, path: Some(lossy(&path)), dest: Some(lossy(&dest)) }
}

/// Decodes `fs(name, a, b, c, d)`; None (with a TypeError thrown) for an unknown name.
fn decode(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> Option<FsOp> {
    let text = |scope: &mut v8::PinScope, i: i32| args.get(i).to_rust_string_lossy(scope);
    let int = |scope: &mut v8::PinScope, i: i32| args.get(i).int32_value(scope).unwrap_or(0);
    let number = |scope: &mut v8::PinScope, i: i32| args.get(i).number_value(scope).unwrap_or(0.0);
    let flag = |i: i32| args.get(i).is_true();
    let position = |scope: &mut v8::PinScope, i: i32| {
        let value = args.get(i);
        if let Ok(big) = v8::Local::<v8::BigInt>::try_from(value) {
            let (offset, _) = big.i64_value();
            return (offset >= 0).then_some(offset);
        }
        (value.is_number() && value.number_value(scope).unwrap_or(-1.0) >= 0.0).then(|| value.number_value(scope).unwrap() as i64)
    };
    let bytes = |i: i32| super::os::bytes_of(args.get(i)).unwrap_or_default();
    // A path comes as a string, or as its bytes when they are not UTF-8.
    let path = |scope: &mut v8::PinScope, i: i32| match args.get(i).is_uint8_array() {
        true => PathBuf::from(std::ffi::OsString::from_vec(bytes(i))),
        false => PathBuf::from(text(scope, i)),
    };
    let name = text(scope, 0);
    Some(match name.as_str() {
        "open" => FsOp::Open { path: path(scope, 1), flags: int(scope, 2), mode: int(scope, 3) as u32 },
        "close" => FsOp::Close { fd: int(scope, 1) },
        "read" => FsOp::Read { fd: int(scope, 1), length: number(scope, 2) as usize, position: position(scope, 3) },
        "write" => FsOp::Write { fd: int(scope, 1), bytes: bytes(2), position: position(scope, 3) },
        "readFile" if args.get(1).is_number() => FsOp::ReadFileFd { fd: int(scope, 1) },
        "readFile" => FsOp::ReadFile { path: path(scope, 1), flags: int(scope, 2) },
        "writeFile" if args.get(1).is_number() => FsOp::WriteFileFd { fd: int(scope, 1), bytes: bytes(2) },
        "writeFile" => FsOp::WriteFile { path: path(scope, 1), bytes: bytes(2), flags: int(scope, 3), mode: int(scope, 4) as u32 },
        "stat" | "lstat" => FsOp::Stat { path: path(scope, 1), follow: name == "stat", throw_if_missing: !args.get(2).is_false() },
        "fstat" => FsOp::Fstat { fd: int(scope, 1) },
        "access" => FsOp::Access { path: path(scope, 1), mode: int(scope, 2) },
        "mkdir" => FsOp::Mkdir { path: path(scope, 1), recursive: flag(2), mode: int(scope, 3) as u32 },
        "mkdtemp" => FsOp::Mkdtemp { prefix: text(scope, 1) },
        "readdir" => FsOp::Readdir { path: path(scope, 1) },
        "rm" => FsOp::Rm { path: path(scope, 1), recursive: flag(2), force: flag(3) },
        "rmdir" => FsOp::Rmdir { path: path(scope, 1), recursive: flag(2) },
        "unlink" => FsOp::Unlink { path: path(scope, 1) },
        "rename" => FsOp::Rename { from: path(scope, 1), to: path(scope, 2) },
        "copyFile" => FsOp::CopyFile { from: path(scope, 1), to: path(scope, 2), mode: int(scope, 3) },
        "realpath" => FsOp::Realpath { path: path(scope, 1) },
        "readlink" => FsOp::Readlink { path: path(scope, 1) },
        "symlink" => FsOp::Symlink { target: path(scope, 1), path: path(scope, 2) },
        "link" => FsOp::Link { from: path(scope, 1), to: path(scope, 2) },
        "chmod" => FsOp::Chmod { path: path(scope, 1), mode: int(scope, 2) as u32 },
        "truncate" => FsOp::Truncate { path: path(scope, 1), length: number(scope, 2) as u64 },
        "ftruncate" => FsOp::Ftruncate { fd: int(scope, 1), length: number(scope, 2) as u64 },
        "fsync" => FsOp::Fsync { fd: int(scope, 1), data_only: false },
        "fdatasync" => FsOp::Fsync { fd: int(scope, 1), data_only: true },
        "utimes" => FsOp::Utimes { path: path(scope, 1), atime: number(scope, 2), mtime: number(scope, 3), follow: true },
        "lutimes" => FsOp::Utimes { path: path(scope, 1), atime: number(scope, 2), mtime: number(scope, 3), follow: false },
        "futimes" => FsOp::Futimes { fd: int(scope, 1), atime: number(scope, 2), mtime: number(scope, 3) },
        "statfs" => FsOp::Statfs { path: path(scope, 1) },
        "opendir" => FsOp::OpenDir { path: path(scope, 1) },
        "readdirBatch" => FsOp::ReadDir { id: number(scope, 1) as u32, count: number(scope, 2) as usize },
        "closedir" => FsOp::CloseDir { id: number(scope, 1) as u32 },
        "fchmod" => FsOp::Fchmod { fd: int(scope, 1), mode: int(scope, 2) as u32 },
        "chown" => FsOp::Chown { path: path(scope, 1), uid: number(scope, 2) as i64 as u32, gid: number(scope, 3) as i64 as u32, follow: true },
        "lchown" => FsOp::Chown { path: path(scope, 1), uid: number(scope, 2) as i64 as u32, gid: number(scope, 3) as i64 as u32, follow: false },
        "fchown" => FsOp::Fchown { fd: int(scope, 1), uid: number(scope, 2) as i64 as u32, gid: number(scope, 3) as i64 as u32 },
        _ => {
            let message = v8::String::new(scope, &format!("unknown fs operation {name}")).unwrap();
            let error = v8::Exception::type_error(scope, message);
            scope.throw_exception(error);
            return None;
        }
    })
}

fn to_js<'s>(scope: &mut v8::PinScope<'s, '_>, value: FsValue) -> v8::Local<'s, v8::Value> {
    match value {
        FsValue::Undefined | FsValue::MaybeText(None) | FsValue::Missing => v8::undefined(scope).into(),
        FsValue::Number(n) => v8::Number::new(scope, n).into(),
        FsValue::TooLarge(size) => v8::Number::new(scope, size as f64).into(),
        FsValue::Text(text) | FsValue::MaybeText(Some(text)) => v8::String::new(scope, &text).unwrap().into(),
        FsValue::Bytes(bytes) => super::bindings::uint8_array(scope, bytes).into(),
        FsValue::Stat(fields) => super::bindings::number_array(scope, fields).into(),
        FsValue::StatFs(fields) => super::bindings::number_array(scope, fields).into(),
        FsValue::Entries(entries) => {
            let kinds: Vec<v8::Local<v8::Value>> = entries.iter().map(|(_, kind)| v8::Integer::new(scope, *kind as i32).into()).collect();
            let names: Vec<v8::Local<v8::Value>> = entries
                .into_iter()
                .map(|(name, _)| match String::from_utf8(name) {
                    Ok(name) => v8::String::new(scope, &name).unwrap().into(),
                    Err(invalid) => super::bindings::uint8_array(scope, invalid.into_bytes()).into(),
                })
                .collect();
            let names = v8::Array::new_with_elements(scope, &names).into();
            let kinds = v8::Array::new_with_elements(scope, &kinds).into();
            v8::Array::new_with_elements(scope, &[names, kinds]).into()
        }
    }
}

fn error_to_js<'s>(scope: &mut v8::PinScope<'s, '_>, failure: &Failure) -> v8::Local<'s, v8::Value> {
    match failure {
        Failure::System(failure) => system_error(scope, &failure.error, failure.syscall, failure.path.as_deref(), failure.dest.as_deref()).into(),
        Failure::Denied(denied) => permission::access_denied_error(scope, denied),
    }
}

/// fs(name, a, b, c, d[, request]): runs the operation now and returns its value (or
/// throws), or with a request id runs it off the JS thread and later calls the internal
/// `completeRequest(request, error, value)`.
pub(super) fn fs(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(op) = decode(scope, &args) else { return };
    let permitted = if permission::enabled() { op.permitted() } else { Ok(()) };
    let request = args.get(5);
    if !request.is_number() || (permitted.is_err() && op.refused_when_made()) {
        if !request.is_number() {
            super::event_loop::report_sync_io(scope);
        }
        match tracing_as(FsTrace::Sync, || op.run_permitted(permitted)) {
            Ok(value) => rv.set(to_js(scope, value)),
            Err(failure) => {
                // A setter on Object.prototype may throw while the error is dressed (errno,
                // code, ...): that exception is the one thrown, as in node.
                v8::tc_scope!(let tc, scope);
                let error = error_to_js(tc, &failure);
                if !tc.has_caught() {
                    tc.throw_exception(error);
                }
                tc.rethrow();
            }
        }
        return;
    }
    let request = request.number_value(scope).unwrap_or(0.0);
    let trace_id = NEXT_TRACE_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    RuntimeState::get(scope).run_blocking(
        move || tracing_as(FsTrace::Async(trace_id), || op.run_permitted(permitted)),
        move |scope, result| {
            let request = v8::Number::new(scope, request).into();
            let (error, value) = match result {
                Ok(value) => (v8::null(scope).into(), to_js(scope, value)),
                Err(failure) => (error_to_js(scope, &failure), v8::undefined(scope).into()),
            };
            super::call_internal(scope, Internal::CompleteRequest, &[request, error, value]);
        },
    );
}
