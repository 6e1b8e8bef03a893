//! Native halves of `child_process.spawnSync` and `os`.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::bindings::{set_property, uint8_array};
use super::bindings::binding_object;

fn arg_string(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, index: i32) -> String {
    args.get(index).to_rust_string_lossy(scope)
}

/// A copy of a typed array's or DataView's bytes.
pub(super) fn bytes_of(value: v8::Local<v8::Value>) -> Option<Vec<u8>> {
    let view = v8::Local::<v8::ArrayBufferView>::try_from(value).ok()?;
    Some(super::bindings::view_bytes(&view))
}

/// A JS array of strings as Rust strings (empty for anything else).
pub(super) fn string_list(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Vec<String> {
    let Ok(list) = v8::Local::<v8::Array>::try_from(value) else { return Vec::new() };
    (0..list.length()).map(|i| list.get_index(scope, i).unwrap().to_rust_string_lossy(scope)).collect()
}

/// `{ error: errno name, errno }`: what the spawn natives return when the child cannot start.
pub(super) fn spawn_error<'s>(scope: &mut v8::PinScope<'s, '_>, error: &std::io::Error) -> v8::Local<'s, v8::Object> {
    let result = v8::Object::new(scope);
    set_spawn_error(scope, result, error);
    result
}

/// Sets `error` (the errno name) and `errno` (negative, as libuv reports it) on `result`.
fn set_spawn_error(scope: &mut v8::PinScope, result: v8::Local<v8::Object>, error: &std::io::Error) {
    let errno = error.raw_os_error().unwrap_or(0);
    let name = v8::String::new(scope, super::bindings::errno_name(errno, error).0).unwrap().into();
    set_property(scope, result, "error", name);
    let errno = v8::Integer::new(scope, -errno).into();
    set_property(scope, result, "errno", errno);
}

pub(super) fn signal_name(signal: i32) -> &'static str {
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

/// A child's stdio from its mode as child_process.js normalizes it: 'inherit', 'ignore',
/// 'pipe', or a descriptor of ours the child gets a copy of.
pub(super) fn stdio(mode: &str) -> std::io::Result<Stdio> {
    Ok(match mode {
        "inherit" => Stdio::inherit(),
        "ignore" => Stdio::null(),
        _ => match mode.parse::<std::os::fd::RawFd>() {
            // SAFETY: borrows the caller's descriptor only to copy it.
            Ok(fd) if fd >= 0 => Stdio::from(unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) }.try_clone_to_owned()?),
            Ok(_) => return Err(std::io::Error::from_raw_os_error(libc::EBADF)),
            Err(_) => Stdio::piped(),
        },
    })
}

/// spawnSync(file, args, cwd, env, input, [stdin, stdout, stderr], timeoutMs, killSignal,
/// argv0, maxBuffer): { pid, status, signal, stdout, stderr } — with { error, errno } too when
/// the child was killed for running past the timeout (ETIMEDOUT) or writing more than
/// maxBuffer bytes in all (ENOBUFS) — or only { error, errno } when it could not start.
pub(super) fn spawn_sync(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    super::event_loop::report_sync_io(scope);
    let file = arg_string(scope, &args, 0);
    if super::permission::throw_if_denied(scope, super::permission::Scope::ChildProcess, &file) {
        return;
    }
    let argv = string_list(scope, args.get(1));
    let cwd = (!args.get(2).is_null_or_undefined()).then(|| arg_string(scope, &args, 2));
    let env = (!args.get(3).is_null_or_undefined()).then(|| string_list(scope, args.get(3)));
    let input = bytes_of(args.get(4));
    let modes = string_list(scope, args.get(5));
    let timeout = args.get(6).number_value(scope).filter(|t| *t > 0.0).map(|t| Duration::from_secs_f64(t / 1000.0));
    let kill_signal = args.get(7).int32_value(scope).filter(|s| *s > 0).unwrap_or(libc::SIGTERM);
    let argv0 = (!args.get(8).is_null_or_undefined()).then(|| arg_string(scope, &args, 8));
    let max_buffer = args.get(9).number_value(scope).filter(|max| max.is_finite()).map(|max| max.max(0.0) as usize);

    let mut command = Command::new(&file);
    command.args(&argv);
    if let Some(argv0) = argv0 {
        std::os::unix::process::CommandExt::arg0(&mut command, argv0);
    }
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
    let streams = stdio(mode(0)).and_then(|stdin| Ok((stdin, stdio(mode(1))?, stdio(mode(2))?)));
    match streams {
        Ok((stdin, stdout, stderr)) => command.stdin(stdin).stdout(stdout).stderr(stderr),
        Err(error) => return rv.set(spawn_error(scope, &error).into()),
    };
    let inherited = [0, 1, 2].map(|fd| mode(fd) == "inherit" || mode(fd).parse::<i32>().is_ok());
    // SAFETY: only fcntl runs in the child before exec.
    unsafe {
        std::os::unix::process::CommandExt::pre_exec(&mut command, move || {
            super::child::blocking_stdio(inherited);
            Ok(())
        });
    }
    let result = v8::Object::new(scope);
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(error) => return rv.set(spawn_error(scope, &error).into()),
    };
    let stdin = child.stdin.take();
    let writer = std::thread::spawn(move || {
        if let (Some(mut stdin), Some(input)) = (stdin, input) {
            let _ = stdin.write_all(&input);
        }
    });
    // Both pipes count toward maxBuffer, read 64 KiB at a time as libuv reads (so a child may
    // be seen to write more than the limit); past it, reading stops and the child is killed.
    let buffered = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let over_limit = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let read = |pipe: Option<Box<dyn Read + Send>>| {
        let (buffered, over_limit) = (buffered.clone(), over_limit.clone());
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let Some(mut pipe) = pipe else { return bytes };
            let mut chunk = vec![0; 64 * 1024];
            while !over_limit.load(std::sync::atomic::Ordering::SeqCst) {
                match pipe.read(&mut chunk) {
                    Ok(0) => break,
                    Ok(read) => {
                        bytes.extend_from_slice(&chunk[..read]);
                        let total = buffered.fetch_add(read, std::sync::atomic::Ordering::SeqCst) + read;
                        if max_buffer.is_some_and(|max| total > max) {
                            over_limit.store(true, std::sync::atomic::Ordering::SeqCst);
                        }
                    }
                    Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => break,
                }
            }
            bytes
        })
    };
    let stdout = read(child.stdout.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let stderr = read(child.stderr.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let start = Instant::now();
    let mut killed_for = None;
    let status = loop {
        let reason = if over_limit.load(std::sync::atomic::Ordering::SeqCst) {
            Some(libc::ENOBUFS)
        } else {
            timeout.is_some_and(|t| start.elapsed() > t).then_some(libc::ETIMEDOUT)
        };
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if reason.is_some() => {
                killed_for = reason;
                // SAFETY: signalling our own child.
                unsafe { libc::kill(child.id() as i32, kill_signal) };
                break child.wait().expect("child status");
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(1)),
            Err(_) => break child.wait().expect("child status"),
        }
    };
    if over_limit.load(std::sync::atomic::Ordering::SeqCst) {
        killed_for = Some(libc::ENOBUFS);
    }
    if let Some(errno) = killed_for {
        set_spawn_error(scope, result, &std::io::Error::from_raw_os_error(errno));
    }
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

/// isatty(fd).
pub(super) fn isatty(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let fd = args.get(0).int32_value(scope).unwrap_or(-1);
    // SAFETY: isatty only inspects the descriptor.
    rv.set(v8::Boolean::new(scope, unsafe { libc::isatty(fd) } == 1).into());
}

unsafe extern "C" {
    fn gnu_get_libc_version() -> *const libc::c_char;
}

/// glibcVersion(): the C library's version, as process.report's header gives it.
pub(super) fn glibc_version(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    // SAFETY: glibc returns a static NUL-terminated string.
    let version = unsafe { std::ffi::CStr::from_ptr(gnu_get_libc_version()) }.to_string_lossy().into_owned();
    rv.set(v8::String::new(scope, &version).unwrap().into());
}

/// getPriority(pid): the nice value, or the negative errno.
pub(super) fn get_priority(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let pid = args.get(0).int32_value(scope).unwrap_or(0);
    // SAFETY: errno is thread-local; getpriority can legitimately return -1.
    let value = unsafe {
        *libc::__errno_location() = 0;
        let priority = libc::getpriority(libc::PRIO_PROCESS, pid as libc::id_t);
        let errno = *libc::__errno_location();
        if priority == -1 && errno != 0 { -errno - 1000 } else { priority }
    };
    rv.set(v8::Integer::new(scope, value).into());
}

/// setPriority(pid, priority): 0 or the negative errno.
pub(super) fn set_priority(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let pid = args.get(0).int32_value(scope).unwrap_or(0);
    let priority = args.get(1).int32_value(scope).unwrap_or(0);
    // SAFETY: setpriority with plain numbers.
    let result = unsafe { libc::setpriority(libc::PRIO_PROCESS, pid as libc::id_t, priority) };
    let value = if result == 0 { 0 } else { -std::io::Error::last_os_error().raw_os_error().unwrap_or(0) };
    rv.set(v8::Integer::new(scope, value).into());
}

/// networkInterfaces(): [name, address, netmask, family (4 or 6), mac, scopeid, internal] per address.
pub(super) fn network_interfaces(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    use std::net::{Ipv4Addr, Ipv6Addr};
    let mut list: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: getifaddrs allocates a list freed below.
    if unsafe { libc::getifaddrs(&mut list) } != 0 {
        return rv.set(v8::Array::new(scope, 0).into());
    }
    let mut macs = std::collections::HashMap::new();
    let mut rows = Vec::new();
    let mut entry = list;
    // SAFETY: walking the list getifaddrs returned; each address is read as its family says.
    unsafe {
        while let Some(item) = entry.as_ref() {
            entry = item.ifa_next;
            if item.ifa_addr.is_null() || item.ifa_flags & libc::IFF_UP as u32 == 0 {
                continue;
            }
            let name = std::ffi::CStr::from_ptr(item.ifa_name).to_string_lossy().into_owned();
            let internal = item.ifa_flags & libc::IFF_LOOPBACK as u32 != 0;
            match (*item.ifa_addr).sa_family as i32 {
                libc::AF_PACKET => {
                    let link = &*(item.ifa_addr as *const libc::sockaddr_ll);
                    let mac = link.sll_addr[..6].iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(":");
                    macs.insert(name, mac);
                }
                libc::AF_INET => {
                    let address = Ipv4Addr::from(u32::from_be((*(item.ifa_addr as *const libc::sockaddr_in)).sin_addr.s_addr));
                    let netmask = (!item.ifa_netmask.is_null())
                        .then(|| Ipv4Addr::from(u32::from_be((*(item.ifa_netmask as *const libc::sockaddr_in)).sin_addr.s_addr)))
                        .unwrap_or(Ipv4Addr::UNSPECIFIED);
                    rows.push((name, address.to_string(), netmask.to_string(), 4, 0u32, internal));
                }
                libc::AF_INET6 => {
                    let socket = &*(item.ifa_addr as *const libc::sockaddr_in6);
                    let netmask = (!item.ifa_netmask.is_null())
                        .then(|| Ipv6Addr::from((*(item.ifa_netmask as *const libc::sockaddr_in6)).sin6_addr.s6_addr))
                        .unwrap_or(Ipv6Addr::UNSPECIFIED);
                    rows.push((name, Ipv6Addr::from(socket.sin6_addr.s6_addr).to_string(), netmask.to_string(), 6, socket.sin6_scope_id, internal));
                }
                _ => {}
            }
        }
        libc::freeifaddrs(list);
    }
    let values: Vec<v8::Local<v8::Value>> = rows
        .into_iter()
        .map(|(name, address, netmask, family, scope_id, internal)| {
            let mac = macs.get(&name).cloned().unwrap_or_else(|| "00:00:00:00:00:00".into());
            let cells: Vec<v8::Local<v8::Value>> = vec![
                v8::String::new(scope, &name).unwrap().into(),
                v8::String::new(scope, &address).unwrap().into(),
                v8::String::new(scope, &netmask).unwrap().into(),
                v8::Integer::new(scope, family).into(),
                v8::String::new(scope, &mac).unwrap().into(),
                v8::Integer::new_from_unsigned(scope, scope_id).into(),
                v8::Boolean::new(scope, internal).into(),
            ];
            v8::Array::new_with_elements(scope, &cells).into()
        })
        .collect();
    rv.set(v8::Array::new_with_elements(scope, &values).into());
}

/// resourceUsage(thread): getrusage of the process (of the calling thread when `thread` is
/// true) as [userMicros, systemMicros, maxRssKiB, minorFaults, majorFaults, inBlocks,
/// outBlocks, voluntarySwitches, involuntarySwitches].
pub(super) fn resource_usage(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let who = if args.get(0).is_true() { libc::RUSAGE_THREAD } else { libc::RUSAGE_SELF };
    // SAFETY: getrusage fills the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(who, &mut usage) };
    let micros = |time: libc::timeval| time.tv_sec as f64 * 1e6 + time.tv_usec as f64;
    let fields = [
        micros(usage.ru_utime), micros(usage.ru_stime), usage.ru_maxrss as f64, usage.ru_minflt as f64, usage.ru_majflt as f64,
        usage.ru_inblock as f64, usage.ru_oublock as f64, usage.ru_nvcsw as f64, usage.ru_nivcsw as f64,
    ];
    rv.set(super::bindings::number_array(scope, fields).into());
}


/// The directory of the process's memory cgroup: v2's unified hierarchy, else v1's memory
/// controller.
enum MemoryCgroup {
    V2(std::path::PathBuf),
    V1(std::path::PathBuf),
}

fn memory_cgroup() -> Option<MemoryCgroup> {
    let membership = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    if let Some(path) = membership.lines().find_map(|line| line.strip_prefix("0::")) {
        return Some(MemoryCgroup::V2(format!("/sys/fs/cgroup{path}").into()));
    }
    membership.lines().find_map(|line| {
        let mut fields = line.splitn(3, ':');
        let (_, controllers, path) = (fields.next()?, fields.next()?, fields.next()?);
        controllers.split(',').any(|c| c == "memory").then(|| MemoryCgroup::V1(format!("/sys/fs/cgroup/memory{path}").into()))
    })
}

fn read_u64(path: &std::path::Path) -> Option<u64> {
    match std::fs::read_to_string(path).ok()?.trim() {
        "max" => Some(u64::MAX),
        value => value.parse().ok(),
    }
}

/// The memory limit of the process's cgroup: the lowest `memory.max` or `memory.high` on the
/// way up its v2 hierarchy (v1's limit_in_bytes), `u64::MAX` when none is set, 0 when no
/// cgroup tells (libuv's uv_get_constrained_memory).
fn cgroup_memory_limit() -> u64 {
    match memory_cgroup() {
        Some(MemoryCgroup::V2(mut dir)) => {
            let mut limit: Option<u64> = None;
            loop {
                for file in ["memory.max", "memory.high"] {
                    if let Some(value) = read_u64(&dir.join(file)) {
                        limit = Some(limit.map_or(value, |limit| limit.min(value)));
                    }
                }
                if dir == std::path::Path::new("/sys/fs/cgroup") || !dir.pop() {
                    break;
                }
            }
            limit.unwrap_or(0)
        }
        // cgroup v1 spells "no limit" as the largest page-aligned i64.
        Some(MemoryCgroup::V1(dir)) => read_u64(&dir.join("memory.limit_in_bytes"))
            .map_or(0, |limit| if limit >= 0x7FFF_FFFF_FFFF_F000 { u64::MAX } else { limit }),
        None => 0,
    }
}

/// The memory node sizes V8's heap from: the machine's, or its cgroup's limit when that is
/// lower (node's SetIsolateCreateParamsForNode and --max-old-space-size-percentage).
pub(super) fn memory_for_heap() -> u64 {
    let total = meminfo_bytes("MemTotal:");
    match cgroup_memory_limit() {
        0 => total,
        limit => total.min(limit),
    }
}

/// What the process's cgroup has in use now.
fn cgroup_memory_current() -> Option<u64> {
    match memory_cgroup()? {
        MemoryCgroup::V2(dir) => read_u64(&dir.join("memory.current")),
        MemoryCgroup::V1(dir) => read_u64(&dir.join("memory.usage_in_bytes")),
    }
}

fn meminfo_bytes(key: &str) -> u64 {
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let kib = meminfo.lines().find_map(|line| line.strip_prefix(key)?.trim().trim_end_matches(" kB").parse::<u64>().ok());
    kib.unwrap_or(0) * 1024
}

/// constrainedMemory(): process.constrainedMemory, the cgroup's limit.
pub(super) fn constrained_memory(_scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    rv.set_double(cgroup_memory_limit() as f64);
}

/// availableMemory(): process.availableMemory, what the process may still allocate: the free
/// memory, or what is left under its cgroup's limit when that is lower (libuv's
/// uv_get_available_memory).
pub(super) fn available_memory(_scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    rv.set_double(available_memory_bytes() as f64);
}

pub(super) fn available_memory_bytes() -> u64 {
    let free = meminfo_bytes("MemAvailable:");
    let limit = cgroup_memory_limit();
    if limit == 0 || limit > meminfo_bytes("MemTotal:") {
        free
    } else {
        limit.saturating_sub(cgroup_memory_current().unwrap_or(0))
    }
}

/// `binding.os()`: node:os's natives (node's internalBinding('os')).
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "osInfo" => os_info,
        "glibcVersion" => glibc_version,
        "getPriority" => get_priority,
        "setPriority" => set_priority,
        "networkInterfaces" => network_interfaces,
    });
    rv.set(object.into());
}
