//! Native halves of `fs` (synchronous calls) and `child_process.spawnSync`.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::bindings::{set_property, throw_io_error};

fn arg_string(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, index: i32) -> String {
    args.get(index).to_rust_string_lossy(scope)
}

fn bytes_of(value: v8::Local<v8::Value>) -> Option<Vec<u8>> {
    let view = v8::Local::<v8::ArrayBufferView>::try_from(value).ok()?;
    let mut bytes = vec![0u8; view.byte_length()];
    view.copy_contents(&mut bytes);
    Some(bytes)
}

fn uint8_array<'s>(scope: &mut v8::PinScope<'s, '_>, bytes: Vec<u8>) -> v8::Local<'s, v8::Uint8Array> {
    let length = bytes.len();
    let store = v8::ArrayBuffer::new_backing_store_from_vec(bytes).make_shared();
    let buffer = v8::ArrayBuffer::with_backing_store(scope, &store);
    v8::Uint8Array::new(scope, buffer, 0, length).unwrap()
}

/// fsReadFile(path): the bytes.
pub(super) fn fs_read_file(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let path = arg_string(scope, &args, 0);
    match std::fs::read(&path) {
        Ok(bytes) => rv.set(uint8_array(scope, bytes).into()),
        Err(error) => throw_io_error(scope, &error, "open", &path),
    }
}

/// fsWriteFile(path, bytes, append).
pub(super) fn fs_write_file(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let path = arg_string(scope, &args, 0);
    let bytes = bytes_of(args.get(1)).unwrap_or_default();
    let append = args.get(2).is_true();
    let result = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .append(append)
        .truncate(!append)
        .open(&path)
        .and_then(|mut file| file.write_all(&bytes));
    if let Err(error) = result {
        throw_io_error(scope, &error, "open", &path);
    }
}

/// fsMkdir(path, recursive): the first directory created (recursive), as node returns.
pub(super) fn fs_mkdir(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let path = arg_string(scope, &args, 0);
    if args.get(1).is_true() {
        let first_missing = std::path::Path::new(&path)
            .ancestors()
            .take_while(|p| !p.as_os_str().is_empty() && !p.exists())
            .last()
            .map(|p| p.to_string_lossy().into_owned());
        match std::fs::create_dir_all(&path) {
            Ok(()) => {
                if let Some(first) = first_missing {
                    rv.set(v8::String::new(scope, &first).unwrap().into());
                }
            }
            Err(error) => throw_io_error(scope, &error, "mkdir", &path),
        }
    } else if let Err(error) = std::fs::create_dir(&path) {
        throw_io_error(scope, &error, "mkdir", &path);
    }
}

/// fsRm(path, recursive, force): removes a file, or a directory (recursive, or empty).
pub(super) fn fs_rm(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let path = arg_string(scope, &args, 0);
    let recursive = args.get(1).is_true();
    let force = args.get(2).is_true();
    let result = match std::fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_dir() && recursive => std::fs::remove_dir_all(&path),
        Ok(meta) if meta.is_dir() => std::fs::remove_dir(&path),
        Ok(_) => std::fs::remove_file(&path),
        Err(error) => Err(error),
    };
    match result {
        Err(error) if !(force && error.kind() == std::io::ErrorKind::NotFound) => {
            throw_io_error(scope, &error, "rm", &path);
        }
        _ => {}
    }
}

/// fsCopyFile(src, dest).
pub(super) fn fs_copy_file(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let (from, to) = (arg_string(scope, &args, 0), arg_string(scope, &args, 1));
    if let Err(error) = std::fs::copy(&from, &to) {
        throw_io_error(scope, &error, "copyfile", &from);
    }
}

/// fsReaddir(path): [name, isDirectory, isFile, isSymlink] for each entry.
pub(super) fn fs_readdir(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let path = arg_string(scope, &args, 0);
    let entries = match std::fs::read_dir(&path) {
        Ok(entries) => entries,
        Err(error) => return throw_io_error(scope, &error, "scandir", &path),
    };
    let mut items = Vec::new();
    for entry in entries.flatten() {
        let kind = entry.file_type().ok();
        let name = v8::String::new(scope, &entry.file_name().to_string_lossy()).unwrap().into();
        let flags = [kind.is_some_and(|k| k.is_dir()), kind.is_some_and(|k| k.is_file()), kind.is_some_and(|k| k.is_symlink())];
        let mut row = vec![name];
        row.extend(flags.iter().map(|f| -> v8::Local<v8::Value> { v8::Boolean::new(scope, *f).into() }));
        items.push(v8::Array::new_with_elements(scope, &row).into());
    }
    rv.set(v8::Array::new_with_elements(scope, &items).into());
}

/// fsStat(path, lstat, throwIfMissing): [dev, ino, mode, nlink, uid, gid, rdev, size,
/// blksize, blocks, atimeMs, mtimeMs, ctimeMs, birthtimeMs], or undefined when missing.
pub(super) fn fs_stat(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    use std::os::unix::fs::MetadataExt;
    let path = arg_string(scope, &args, 0);
    let lstat = args.get(1).is_true();
    let meta = if lstat { std::fs::symlink_metadata(&path) } else { std::fs::metadata(&path) };
    let meta = match meta {
        Ok(meta) => meta,
        Err(error) if args.get(2).is_false() && error.kind() == std::io::ErrorKind::NotFound => return,
        Err(error) => return throw_io_error(scope, &error, if lstat { "lstat" } else { "stat" }, &path),
    };
    let millis = |seconds: i64, nanos: i64| seconds as f64 * 1000.0 + nanos as f64 / 1e6;
    let birth = meta.created().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(millis(meta.ctime(), meta.ctime_nsec()), |d| d.as_secs_f64() * 1000.0);
    let fields = [
        meta.dev() as f64, meta.ino() as f64, meta.mode() as f64, meta.nlink() as f64, meta.uid() as f64, meta.gid() as f64,
        meta.rdev() as f64, meta.size() as f64, meta.blksize() as f64, meta.blocks() as f64,
        millis(meta.atime(), meta.atime_nsec()), millis(meta.mtime(), meta.mtime_nsec()), millis(meta.ctime(), meta.ctime_nsec()), birth,
    ];
    let values: Vec<v8::Local<v8::Value>> = fields.iter().map(|f| v8::Number::new(scope, *f).into()).collect();
    rv.set(v8::Array::new_with_elements(scope, &values).into());
}

pub(super) fn fs_realpath(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let path = arg_string(scope, &args, 0);
    match std::fs::canonicalize(&path) {
        Ok(real) => rv.set(v8::String::new(scope, &real.to_string_lossy()).unwrap().into()),
        Err(error) => throw_io_error(scope, &error, "realpath", &path),
    }
}

pub(super) fn fs_rename(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let (from, to) = (arg_string(scope, &args, 0), arg_string(scope, &args, 1));
    if let Err(error) = std::fs::rename(&from, &to) {
        throw_io_error(scope, &error, "rename", &from);
    }
}

/// fsAccess(path, mode): access(2).
pub(super) fn fs_access(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let path = arg_string(scope, &args, 0);
    let mode = args.get(1).int32_value(scope).unwrap_or(0);
    let Ok(c_path) = std::ffi::CString::new(path.clone()) else { return };
    // SAFETY: a NUL-terminated path.
    if unsafe { libc::access(c_path.as_ptr(), mode) } != 0 {
        throw_io_error(scope, &std::io::Error::last_os_error(), "access", &path);
    }
}

fn signal_name(signal: i32) -> &'static str {
    match signal {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        5 => "SIGTRAP",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        10 => "SIGUSR1",
        11 => "SIGSEGV",
        12 => "SIGUSR2",
        13 => "SIGPIPE",
        14 => "SIGALRM",
        15 => "SIGTERM",
        _ => "SIGUNKNOWN",
    }
}

fn stdio(mode: &str) -> Stdio {
    match mode {
        "inherit" => Stdio::inherit(),
        "ignore" => Stdio::null(),
        _ => Stdio::piped(),
    }
}

/// spawnSync(file, args, cwd, env, input, [stdin, stdout, stderr], timeoutMs, killSignal):
/// { pid, status, signal, stdout, stderr } or { error: errno name, errno }.
pub(super) fn spawn_sync(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let file = arg_string(scope, &args, 0);
    let strings = |scope: &mut v8::PinScope, value: v8::Local<v8::Value>| -> Vec<String> {
        let Ok(list) = v8::Local::<v8::Array>::try_from(value) else { return Vec::new() };
        (0..list.length()).map(|i| list.get_index(scope, i).unwrap().to_rust_string_lossy(scope)).collect()
    };
    let argv = strings(scope, args.get(1));
    let cwd = (!args.get(2).is_null_or_undefined()).then(|| arg_string(scope, &args, 2));
    let env = (!args.get(3).is_null_or_undefined()).then(|| strings(scope, args.get(3)));
    let input = bytes_of(args.get(4));
    let modes = strings(scope, args.get(5));
    let timeout = args.get(6).number_value(scope).filter(|t| *t > 0.0).map(|t| Duration::from_secs_f64(t / 1000.0));
    let kill_signal = args.get(7).int32_value(scope).filter(|s| *s > 0).unwrap_or(libc::SIGTERM);

    let mut command = Command::new(&file);
    command.args(&argv);
    if let Some(cwd) = cwd {
        command.current_dir(cwd);
    }
    if let Some(env) = env {
        command.env_clear();
        for pair in env {
            if let Some((key, value)) = pair.split_once('=') {
                command.env(key, value);
            }
        }
    }
    let mode = |i: usize| modes.get(i).map(String::as_str).unwrap_or("pipe");
    command.stdin(stdio(mode(0))).stdout(stdio(mode(1))).stderr(stdio(mode(2)));
    let result = v8::Object::new(scope);
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(error) => {
            let errno = error.raw_os_error().unwrap_or(0);
            let (name, _) = super::bindings::errno_name(errno, &error);
            let name = v8::String::new(scope, name).unwrap().into();
            set_property(scope, result, "error", name);
            let errno = v8::Integer::new(scope, -errno).into();
            set_property(scope, result, "errno", errno);
            rv.set(result.into());
            return;
        }
    };
    let stdin = child.stdin.take();
    let writer = std::thread::spawn(move || {
        if let (Some(mut stdin), Some(input)) = (stdin, input) {
            let _ = stdin.write_all(&input);
        }
    });
    let read = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = read(child.stdout.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let stderr = read(child.stderr.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if timeout.is_some_and(|t| start.elapsed() > t) => {
                // SAFETY: signalling our own child.
                unsafe { libc::kill(child.id() as i32, kill_signal) };
                break child.wait().expect("child status");
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(1)),
            Err(_) => break child.wait().expect("child status"),
        }
    };
    let _ = writer.join();
    let pid = v8::Integer::new(scope, child.id() as i32).into();
    set_property(scope, result, "pid", pid);
    use std::os::unix::process::ExitStatusExt;
    let code: v8::Local<v8::Value> = match status.code() {
        Some(code) => v8::Integer::new(scope, code).into(),
        None => v8::null(scope).into(),
    };
    set_property(scope, result, "status", code);
    let signal: v8::Local<v8::Value> = match status.signal() {
        Some(signal) => v8::String::new(scope, signal_name(signal)).unwrap().into(),
        None => v8::null(scope).into(),
    };
    set_property(scope, result, "signal", signal);
    for (name, reader, piped) in [("stdout", stdout, mode(1) == "pipe"), ("stderr", stderr, mode(2) == "pipe")] {
        let bytes = reader.join().unwrap_or_default();
        let value: v8::Local<v8::Value> = if piped { uint8_array(scope, bytes).into() } else { v8::null(scope).into() };
        set_property(scope, result, name, value);
    }
    rv.set(result.into());
}

/// The system facts the `os` module reports: a flat array (see js/os.js for the order).
pub(super) fn os_info(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let field = |bytes: &[libc::c_char]| {
        // SAFETY: uname's fields are NUL-terminated.
        unsafe { std::ffi::CStr::from_ptr(bytes.as_ptr()) }.to_string_lossy().into_owned()
    };
    // SAFETY: uname fills the struct it is given.
    let mut names: libc::utsname = unsafe { std::mem::zeroed() };
    unsafe { libc::uname(&mut names) };
    // SAFETY: getpwuid returns a static entry or null.
    let passwd = unsafe { libc::getpwuid(libc::getuid()).as_ref() };
    let passwd_field = |pointer: *const libc::c_char| {
        // SAFETY: passwd strings are NUL-terminated.
        (!pointer.is_null()).then(|| unsafe { std::ffi::CStr::from_ptr(pointer) }.to_string_lossy().into_owned()).unwrap_or_default()
    };
    let (username, passwd_home, shell) =
        passwd.map_or_else(Default::default, |entry| (passwd_field(entry.pw_name), passwd_field(entry.pw_dir), passwd_field(entry.pw_shell)));
    let home = std::env::var("HOME").ok().filter(|home| !home.is_empty()).unwrap_or_else(|| passwd_home.clone());
    let tmp = ["TMPDIR", "TMP", "TEMP"].iter().find_map(|name| std::env::var(name).ok().filter(|value| !value.is_empty()));
    let mut tmp = tmp.unwrap_or_else(|| "/tmp".into());
    if tmp.len() > 1 && tmp.ends_with('/') {
        tmp.pop();
    }
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let meminfo_kib = |key: &str| {
        meminfo.lines().find_map(|line| line.strip_prefix(key)?.trim().trim_end_matches(" kB").parse::<f64>().ok()).unwrap_or(0.0)
    };
    let uptime = std::fs::read_to_string("/proc/uptime").ok().and_then(|text| text.split_whitespace().next()?.parse().ok()).unwrap_or(0.0);
    let mut loads = [0f64; 3];
    // SAFETY: getloadavg writes at most three values.
    unsafe { libc::getloadavg(loads.as_mut_ptr(), 3) };
    let texts = [field(&names.nodename), field(&names.sysname), field(&names.release), field(&names.version), field(&names.machine), home, tmp, username, passwd_home, shell];
    // SAFETY: plain libc queries.
    let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
    let numbers = [
        meminfo_kib("MemTotal:") * 1024.0,
        meminfo_kib("MemAvailable:") * 1024.0,
        uptime,
        loads[0],
        loads[1],
        loads[2],
        uid as f64,
        gid as f64,
        std::thread::available_parallelism().map_or(1, |count| count.get()) as f64,
    ];
    let mut values: Vec<v8::Local<v8::Value>> = texts.iter().map(|text| v8::String::new(scope, text).unwrap().into()).collect();
    values.extend(numbers.iter().map(|number| -> v8::Local<v8::Value> { v8::Number::new(scope, *number).into() }));
    rv.set(v8::Array::new_with_elements(scope, &values).into());
}
