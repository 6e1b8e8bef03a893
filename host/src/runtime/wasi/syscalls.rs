//! WASI preview1's system calls over the host's, with uvwasi's semantics: which rights each
//! needs, the errno values it gives, and the layout of what it reads from and writes to the
//! instance's memory.

use std::ffi::CString;
use std::time::{Duration, Instant};

use super::sandbox::*;
use super::Memory;

pub(super) type Errno = u16;

pub(super) const EINVAL: Errno = 28;
pub(super) const EBADF: Errno = 8;
pub(super) const ELOOP: Errno = 32;
pub(super) const ENOBUFS: Errno = 42;
pub(super) const ENOSYS: Errno = 52;
pub(super) const ENOTDIR: Errno = 54;
pub(super) const ENOTSUP: Errno = 58;
pub(super) const EOVERFLOW: Errno = 61;
pub(super) const ENOTCAPABLE: Errno = 76;
const EAGAIN: Errno = 6;
const EIO: Errno = 29;

/// WASI's errno names, by value (UVWASI_E<name> in node's errors).
const ERRNO_NAMES: [&str; 77] = [
    "SUCCESS", "2BIG", "ACCES", "ADDRINUSE", "ADDRNOTAVAIL", "AFNOSUPPORT", "AGAIN", "ALREADY", "BADF", "BADMSG", "BUSY",
    "CANCELED", "CHILD", "CONNABORTED", "CONNREFUSED", "CONNRESET", "DEADLK", "DESTADDRREQ", "DOM", "DQUOT", "EXIST",
    "FAULT", "FBIG", "HOSTUNREACH", "IDRM", "ILSEQ", "INPROGRESS", "INTR", "INVAL", "IO", "ISCONN", "ISDIR", "LOOP",
    "MFILE", "MLINK", "MSGSIZE", "MULTIHOP", "NAMETOOLONG", "NETDOWN", "NETRESET", "NETUNREACH", "NFILE", "NOBUFS",
    "NODEV", "NOENT", "NOEXEC", "NOLCK", "NOLINK", "NOMEM", "NOMSG", "NOPROTOOPT", "NOSPC", "NOSYS", "NOTCONN",
    "NOTDIR", "NOTEMPTY", "NOTRECOVERABLE", "NOTSOCK", "NOTSUP", "NOTTY", "NXIO", "OVERFLOW", "OWNERDEAD", "PERM",
    "PIPE", "PROTO", "PROTONOSUPPORT", "PROTOTYPE", "RANGE", "ROFS", "SPIPE", "SRCH", "STALE", "TIMEDOUT", "TXTBSY",
    "XDEV", "NOTCAPABLE",
];

pub(super) fn errno_name(errno: Errno) -> &'static str {
    ERRNO_NAMES.get(errno as usize).copied().unwrap_or("IO")
}

/// The WASI errno for a host errno.
fn wasi_errno(host: i32) -> Errno {
    // The host errnos WASI names, in WASI's order (1 = E2BIG, ...); others are EIO.
    const HOST: [i32; 75] = [
        libc::E2BIG, libc::EACCES, libc::EADDRINUSE, libc::EADDRNOTAVAIL, libc::EAFNOSUPPORT, libc::EAGAIN, libc::EALREADY,
        libc::EBADF, libc::EBADMSG, libc::EBUSY, libc::ECANCELED, libc::ECHILD, libc::ECONNABORTED, libc::ECONNREFUSED,
        libc::ECONNRESET, libc::EDEADLK, libc::EDESTADDRREQ, libc::EDOM, libc::EDQUOT, libc::EEXIST, libc::EFAULT,
        libc::EFBIG, libc::EHOSTUNREACH, libc::EIDRM, libc::EILSEQ, libc::EINPROGRESS, libc::EINTR, libc::EINVAL, libc::EIO,
        libc::EISCONN, libc::EISDIR, libc::ELOOP, libc::EMFILE, libc::EMLINK, libc::EMSGSIZE, libc::EMULTIHOP,
        libc::ENAMETOOLONG, libc::ENETDOWN, libc::ENETRESET, libc::ENETUNREACH, libc::ENFILE, libc::ENOBUFS, libc::ENODEV,
        libc::ENOENT, libc::ENOEXEC, libc::ENOLCK, libc::ENOLINK, libc::ENOMEM, libc::ENOMSG, libc::ENOPROTOOPT,
        libc::ENOSPC, libc::ENOSYS, libc::ENOTCONN, libc::ENOTDIR, libc::ENOTEMPTY, libc::ENOTRECOVERABLE, libc::ENOTSOCK,
        libc::EOPNOTSUPP, libc::ENOTTY, libc::ENXIO, libc::EOVERFLOW, libc::EOWNERDEAD, libc::EPERM, libc::EPIPE,
        libc::EPROTO, libc::EPROTONOSUPPORT, libc::EPROTOTYPE, libc::ERANGE, libc::EROFS, libc::ESPIPE, libc::ESRCH,
        libc::ESTALE, libc::ETIMEDOUT, libc::ETXTBSY, libc::EXDEV,
    ];
    HOST.iter().position(|&errno| errno == host).map_or(EIO, |index| index as Errno + 1)
}

/// The WASI errno of the last failed host call.
pub(super) fn host_errno() -> Errno {
    wasi_errno(std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EIO))
}

pub(super) fn io_errno(error: &std::io::Error) -> Errno {
    wasi_errno(error.raw_os_error().unwrap_or(libc::EIO))
}

/// Ok for a host call's non-negative result, else the errno it set.
fn check(result: isize) -> Result<usize, Errno> {
    if result < 0 { Err(host_errno()) } else { Ok(result as usize) }
}

/// What a system call takes from JS: a u32 number, or a BigInt for 64-bit values (signed
/// for I64, which only tells how the value is shown).
#[derive(PartialEq)]
pub(super) enum Param {
    U32,
    U64,
    I64,
}

pub(super) struct Syscall {
    pub(super) name: &'static str,
    pub(super) params: &'static [Param],
    pub(super) run: fn(&mut Wasi, &Memory, &[u64]) -> Result<(), Errno>,
}

use Param::{I64, U32, U64};

macro_rules! syscalls {
    ($($name:ident($($param:ident),*);)*) => {
        pub(super) const SYSCALLS: &[Syscall] = &[
            $(Syscall { name: stringify!($name), params: &[$($param),*], run: Wasi::$name },)*
        ];
    };
}

// The calls in node's order of wasiImport's keys.
syscalls! {
    args_get(U32, U32);
    args_sizes_get(U32, U32);
    clock_res_get(U32, U32);
    clock_time_get(U32, U64, U32);
    environ_get(U32, U32);
    environ_sizes_get(U32, U32);
    fd_advise(U32, U64, U64, U32);
    fd_allocate(U32, U64, U64);
    fd_close(U32);
    fd_datasync(U32);
    fd_fdstat_get(U32, U32);
    fd_fdstat_set_flags(U32, U32);
    fd_fdstat_set_rights(U32, U64, U64);
    fd_filestat_get(U32, U32);
    fd_filestat_set_size(U32, U64);
    fd_filestat_set_times(U32, U64, U64, U32);
    fd_pread(U32, U32, U32, U64, U32);
    fd_prestat_get(U32, U32);
    fd_prestat_dir_name(U32, U32, U32);
    fd_pwrite(U32, U32, U32, U64, U32);
    fd_read(U32, U32, U32, U32);
    fd_readdir(U32, U32, U32, U64, U32);
    fd_renumber(U32, U32);
    fd_seek(U32, I64, U32, U32);
    fd_sync(U32);
    fd_tell(U32, U32);
    fd_write(U32, U32, U32, U32);
    path_create_directory(U32, U32, U32);
    path_filestat_get(U32, U32, U32, U32, U32);
    path_filestat_set_times(U32, U32, U32, U32, U64, U64, U32);
    path_link(U32, U32, U32, U32, U32, U32, U32);
    path_open(U32, U32, U32, U32, U32, U64, U64, U32, U32);
    path_readlink(U32, U32, U32, U32, U32, U32);
    path_remove_directory(U32, U32, U32);
    path_rename(U32, U32, U32, U32, U32, U32);
    path_symlink(U32, U32, U32, U32, U32);
    path_unlink_file(U32, U32, U32);
    poll_oneoff(U32, U32, U32, U32);
    proc_exit(U32);
    proc_raise(U32);
    random_get(U32, U32);
    sched_yield();
    sock_accept(U32, U32, U32);
    sock_recv(U32, U32, U32, U32, U32, U32);
    sock_send(U32, U32, U32, U32, U32);
    sock_shutdown(U32, U32);
}

const CLOCK_REALTIME: u32 = 0;
const CLOCK_MONOTONIC: u32 = 1;
const CLOCK_PROCESS_CPUTIME: u32 = 2;
const CLOCK_THREAD_CPUTIME: u32 = 3;

const WHENCE_SET: u32 = 0;
const WHENCE_CUR: u32 = 1;
const WHENCE_END: u32 = 2;

const FDFLAG_APPEND: u32 = 1;
const FDFLAG_DSYNC: u32 = 2;
const FDFLAG_NONBLOCK: u32 = 4;
const FDFLAG_RSYNC: u32 = 8;
const FDFLAG_SYNC: u32 = 16;

const OFLAG_CREAT: u32 = 1;
const OFLAG_DIRECTORY: u32 = 2;
const OFLAG_EXCL: u32 = 4;
const OFLAG_TRUNC: u32 = 8;

const LOOKUP_SYMLINK_FOLLOW: u32 = 1;

const FSTFLAG_ATIM: u32 = 1;
const FSTFLAG_ATIM_NOW: u32 = 2;
const FSTFLAG_MTIM: u32 = 4;
const FSTFLAG_MTIM_NOW: u32 = 8;

const EVENTTYPE_CLOCK: u8 = 0;
const EVENTTYPE_FD_READ: u8 = 1;
const EVENTTYPE_FD_WRITE: u8 = 2;
const SUBSCRIPTION_CLOCK_ABSTIME: u16 = 1;
const EVENT_FD_READWRITE_HANGUP: u16 = 1;

const SHUT_WR: u32 = 2;

const SIZE_IOVEC: u32 = 8;
const SIZE_SUBSCRIPTION: u32 = 48;
const SIZE_EVENT: u32 = 32;
const SIZE_DIRENT: u32 = 24;
const SIZE_FILESTAT: u64 = 64;
const NANOS_PER_SECOND: u64 = 1_000_000_000;

fn clock_ns(clock: libc::clockid_t) -> Result<u64, Errno> {
    // SAFETY: a zeroed timespec for clock_gettime to fill.
    let mut time: libc::timespec = unsafe { std::mem::zeroed() };
    // SAFETY: `time` is writable.
    if unsafe { libc::clock_gettime(clock, &mut time) } != 0 {
        return Err(host_errno());
    }
    Ok(time.tv_sec as u64 * NANOS_PER_SECOND + time.tv_nsec as u64)
}

fn clock_resolution(clock: libc::clockid_t) -> Result<u64, Errno> {
    // SAFETY: a zeroed timespec for clock_getres to fill.
    let mut resolution: libc::timespec = unsafe { std::mem::zeroed() };
    // SAFETY: `resolution` is writable.
    if unsafe { libc::clock_getres(clock, &mut resolution) } != 0 {
        return Err(host_errno());
    }
    Ok(resolution.tv_sec as u64 * NANOS_PER_SECOND + resolution.tv_nsec as u64)
}

fn c_path(path: &str) -> Result<CString, Errno> {
    CString::new(path).map_err(|_| EINVAL)
}

/// WASI's filestat (64 bytes) of a host stat.
fn write_filestat(memory: &Memory, offset: u32, stat: &libc::stat) -> Result<(), Errno> {
    let nanos = |seconds: i64, nanoseconds: i64| (seconds as u64).wrapping_mul(NANOS_PER_SECOND).wrapping_add(nanoseconds as u64);
    memory.write_u64(offset, stat.st_dev)?;
    memory.write_u64(offset + 8, stat.st_ino)?;
    memory.write_u8(offset + 16, filetype_of_mode(stat.st_mode))?;
    memory.write_u64(offset + 24, stat.st_nlink)?;
    memory.write_u64(offset + 32, stat.st_size as u64)?;
    memory.write_u64(offset + 40, nanos(stat.st_atime, stat.st_atime_nsec))?;
    memory.write_u64(offset + 48, nanos(stat.st_mtime, stat.st_mtime_nsec))?;
    memory.write_u64(offset + 56, nanos(stat.st_ctime, stat.st_ctime_nsec))
}

/// The host iovecs of `count` WASI iovecs at `offset` (each checked to lie in the memory).
fn iovecs(memory: &Memory, offset: u32, count: u32) -> Result<Vec<libc::iovec>, Errno> {
    memory.check(offset, count as u64 * SIZE_IOVEC as u64)?;
    let mut vectors = Vec::with_capacity(count as usize);
    for index in 0..count {
        let buffer = memory.read_u32(offset + index * SIZE_IOVEC)?;
        let len = memory.read_u32(offset + index * SIZE_IOVEC + 4)?;
        let base = memory.pointer(buffer, len as u64)?;
        vectors.push(libc::iovec { iov_base: base.cast(), iov_len: len as usize });
    }
    Ok(vectors)
}

/// The path of `len` bytes at `offset`.
fn guest_path(memory: &Memory, offset: u32, len: u32) -> Result<String, Errno> {
    let bytes = memory.read(offset, len)?;
    String::from_utf8(bytes).map_err(|_| EINVAL)
}

/// Seconds (uvwasi sets times through libuv, to the second) for a futimens/utimensat of
/// `atim`/`mtim` per `flags`, a time left out keeping the current one (`current`).
fn times_to_set(atim: u64, mtim: u64, flags: u32, current: impl FnOnce() -> Result<libc::stat, Errno>) -> Result<[libc::timespec; 2], Errno> {
    if flags & !(FSTFLAG_ATIM | FSTFLAG_ATIM_NOW | FSTFLAG_MTIM | FSTFLAG_MTIM_NOW) != 0 {
        return Err(EINVAL);
    }
    let now = if flags & (FSTFLAG_ATIM_NOW | FSTFLAG_MTIM_NOW) != 0 { clock_ns(libc::CLOCK_REALTIME)? } else { 0 };
    let keeps_one = flags & (FSTFLAG_ATIM | FSTFLAG_ATIM_NOW) == 0 || flags & (FSTFLAG_MTIM | FSTFLAG_MTIM_NOW) == 0;
    let stat = if keeps_one { Some(current()?) } else { None };
    let pick = |given: u64, set: u32, set_now: u32, kept: i64| -> i64 {
        if flags & set_now != 0 {
            (now / NANOS_PER_SECOND) as i64
        } else if flags & set != 0 {
            (given / NANOS_PER_SECOND) as i64
        } else {
            kept
        }
    };
    let atime = pick(atim, FSTFLAG_ATIM, FSTFLAG_ATIM_NOW, stat.map_or(0, |stat| stat.st_atime));
    let mtime = pick(mtim, FSTFLAG_MTIM, FSTFLAG_MTIM_NOW, stat.map_or(0, |stat| stat.st_mtime));
    Ok([libc::timespec { tv_sec: atime, tv_nsec: 0 }, libc::timespec { tv_sec: mtime, tv_nsec: 0 }])
}

fn lstat(path: &CString) -> Result<libc::stat, Errno> {
    // SAFETY: a zeroed stat is valid for lstat to fill.
    let mut stat: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: a NUL-terminated path and a writable stat.
    if unsafe { libc::lstat(path.as_ptr(), &mut stat) } != 0 {
        return Err(host_errno());
    }
    Ok(stat)
}

/// A host signal for a WASI one (None for 0 and unknown ones).
fn host_signal(signal: u32) -> Option<i32> {
    const SIGNALS: [i32; 30] = [
        libc::SIGHUP, libc::SIGINT, libc::SIGQUIT, libc::SIGILL, libc::SIGTRAP, libc::SIGABRT, libc::SIGBUS, libc::SIGFPE,
        libc::SIGKILL, libc::SIGUSR1, libc::SIGSEGV, libc::SIGUSR2, libc::SIGPIPE, libc::SIGALRM, libc::SIGTERM,
        libc::SIGCHLD, libc::SIGCONT, libc::SIGSTOP, libc::SIGTSTP, libc::SIGTTIN, libc::SIGTTOU, libc::SIGURG,
        libc::SIGXCPU, libc::SIGXFSZ, libc::SIGVTALRM, libc::SIGPROF, libc::SIGWINCH, libc::SIGPOLL, libc::SIGPWR,
        libc::SIGSYS,
    ];
    signal.checked_sub(1).and_then(|index| SIGNALS.get(index as usize).copied())
}

/// One instance's WASI state: its arguments, environment and descriptors.
pub(super) struct Wasi {
    args: Vec<CString>,
    env: Vec<CString>,
    fds: FdTable,
}

impl Wasi {
    pub(super) fn new(args: Vec<String>, env: Vec<String>, preopens: &[(String, String)], stdio: [i32; 3]) -> Result<Wasi, Errno> {
        let strings = |list: Vec<String>| -> Vec<CString> {
            list.into_iter().map(|text| CString::new(text.replace('\0', "")).unwrap_or_default()).collect()
        };
        Ok(Wasi { args: strings(args), env: strings(env), fds: FdTable::new(stdio, preopens)? })
    }

    /// args_get/environ_get: the pointers to each string, then the strings (NUL-terminated).
    /// An empty list is EINVAL (node hands uvwasi no array for it).
    fn write_strings(list: &[CString], memory: &Memory, pointers: u32, buffer: u32) -> Result<(), Errno> {
        let total: usize = list.iter().map(|text| text.as_bytes_with_nul().len()).sum();
        memory.check(pointers, list.len() as u64 * 4)?;
        memory.check(buffer, total as u64)?;
        if list.is_empty() {
            return Err(EINVAL);
        }
        let mut offset = buffer;
        for (index, text) in list.iter().enumerate() {
            memory.write_u32(pointers + index as u32 * 4, offset)?;
            memory.write(offset, text.as_bytes_with_nul())?;
            offset += text.as_bytes_with_nul().len() as u32;
        }
        Ok(())
    }

    fn write_sizes(list: &[CString], memory: &Memory, count: u32, size: u32) -> Result<(), Errno> {
        memory.check(count, 4)?;
        memory.check(size, 4)?;
        let total: usize = list.iter().map(|text| text.as_bytes_with_nul().len()).sum();
        memory.write_u32(count, list.len() as u32)?;
        memory.write_u32(size, total as u32)
    }

    fn args_get(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        Self::write_strings(&self.args, memory, a[0] as u32, a[1] as u32)
    }

    fn args_sizes_get(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        Self::write_sizes(&self.args, memory, a[0] as u32, a[1] as u32)
    }

    fn environ_get(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        Self::write_strings(&self.env, memory, a[0] as u32, a[1] as u32)
    }

    fn environ_sizes_get(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        Self::write_sizes(&self.env, memory, a[0] as u32, a[1] as u32)
    }

    fn clock_res_get(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let out = a[1] as u32;
        memory.check(out, 8)?;
        let resolution = match a[0] as u32 {
            CLOCK_REALTIME | CLOCK_MONOTONIC => 1,
            CLOCK_PROCESS_CPUTIME => clock_resolution(libc::CLOCK_PROCESS_CPUTIME_ID)?,
            CLOCK_THREAD_CPUTIME => clock_resolution(libc::CLOCK_THREAD_CPUTIME_ID)?,
            _ => return Err(EINVAL),
        };
        memory.write_u64(out, resolution)
    }

    fn clock_time_get(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let out = a[2] as u32;
        memory.check(out, 8)?;
        let clock = match a[0] as u32 {
            CLOCK_REALTIME => libc::CLOCK_REALTIME,
            CLOCK_MONOTONIC => libc::CLOCK_MONOTONIC,
            CLOCK_PROCESS_CPUTIME => libc::CLOCK_PROCESS_CPUTIME_ID,
            CLOCK_THREAD_CPUTIME => libc::CLOCK_THREAD_CPUTIME_ID,
            _ => return Err(EINVAL),
        };
        memory.write_u64(out, clock_ns(clock)?)
    }

    fn fd_advise(&mut self, _memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let advice = match a[3] as u32 {
            0 => libc::POSIX_FADV_NORMAL,
            1 => libc::POSIX_FADV_SEQUENTIAL,
            2 => libc::POSIX_FADV_RANDOM,
            3 => libc::POSIX_FADV_WILLNEED,
            4 => libc::POSIX_FADV_DONTNEED,
            5 => libc::POSIX_FADV_NOREUSE,
            _ => return Err(EINVAL),
        };
        let entry = self.fds.get(a[0] as u32, RIGHT_FD_ADVISE, 0)?;
        // SAFETY: advice on a descriptor of the table.
        match unsafe { libc::posix_fadvise(entry.host, a[1] as i64, a[2] as i64, advice) } {
            0 => Ok(()),
            error => Err(wasi_errno(error)),
        }
    }

    fn fd_allocate(&mut self, _memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let entry = self.fds.get(a[0] as u32, RIGHT_FD_ALLOCATE, 0)?;
        // SAFETY: allocation on a descriptor of the table.
        match unsafe { libc::posix_fallocate(entry.host, a[1] as i64, a[2] as i64) } {
            0 => Ok(()),
            error => Err(wasi_errno(error)),
        }
    }

    fn fd_close(&mut self, _memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let host = self.fds.get(a[0] as u32, 0, 0)?.host;
        // SAFETY: the descriptor leaves the table with this close.
        if unsafe { libc::close(host) } != 0 {
            return Err(host_errno());
        }
        self.fds.remove(a[0] as u32).map(drop)
    }

    fn fd_datasync(&mut self, _memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let entry = self.fds.get(a[0] as u32, RIGHT_FD_DATASYNC, 0)?;
        // SAFETY: a descriptor of the table.
        check(unsafe { libc::fdatasync(entry.host) } as isize).map(drop)
    }

    fn fd_fdstat_get(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let out = a[1] as u32;
        memory.check(out, 24)?;
        let entry = self.fds.get(a[0] as u32, 0, 0)?;
        // SAFETY: a descriptor of the table.
        let flags = check(unsafe { libc::fcntl(entry.host, libc::F_GETFL) } as isize)?;
        memory.write_u8(out, entry.filetype)?;
        // As uvwasi: the host's status flags as they are.
        memory.write_u16(out + 2, flags as u16)?;
        memory.write_u64(out + 8, entry.rights_base)?;
        memory.write_u64(out + 16, entry.rights_inheriting)
    }

    fn fd_fdstat_set_flags(&mut self, _memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let flags = a[1] as u32 & 0xffff;
        let entry = self.fds.get(a[0] as u32, RIGHT_FD_FDSTAT_SET_FLAGS, 0)?;
        let mut host_flags = 0;
        for (flag, host) in [
            (FDFLAG_APPEND, libc::O_APPEND),
            (FDFLAG_DSYNC, libc::O_DSYNC),
            (FDFLAG_NONBLOCK, libc::O_NONBLOCK),
            (FDFLAG_RSYNC, libc::O_RSYNC),
            (FDFLAG_SYNC, libc::O_SYNC),
        ] {
            if flags & flag != 0 {
                host_flags |= host;
            }
        }
        // SAFETY: a descriptor of the table.
        check(unsafe { libc::fcntl(entry.host, libc::F_SETFL, host_flags) } as isize).map(drop)
    }

    fn fd_fdstat_set_rights(&mut self, _memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let (base, inheriting) = (a[1], a[2]);
        let entry = self.fds.get_mut(a[0] as u32)?;
        if base | entry.rights_base > entry.rights_base || inheriting | entry.rights_inheriting > entry.rights_inheriting {
            return Err(ENOTCAPABLE);
        }
        entry.rights_base = base;
        entry.rights_inheriting = inheriting;
        Ok(())
    }

    fn fd_filestat_get(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let out = a[1] as u32;
        memory.check(out, SIZE_FILESTAT)?;
        let entry = self.fds.get(a[0] as u32, RIGHT_FD_FILESTAT_GET, 0)?;
        write_filestat(memory, out, &fstat(entry.host)?)
    }

    fn fd_filestat_set_size(&mut self, _memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let entry = self.fds.get(a[0] as u32, RIGHT_FD_FILESTAT_SET_SIZE, 0)?;
        // SAFETY: a descriptor of the table.
        check(unsafe { libc::ftruncate(entry.host, a[1] as i64) } as isize).map(drop)
    }

    fn fd_filestat_set_times(&mut self, _memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let flags = a[3] as u32 & 0xffff;
        if flags & !(FSTFLAG_ATIM | FSTFLAG_ATIM_NOW | FSTFLAG_MTIM | FSTFLAG_MTIM_NOW) != 0 {
            return Err(EINVAL);
        }
        let entry = self.fds.get(a[0] as u32, RIGHT_FD_FILESTAT_SET_TIMES, 0)?;
        let times = times_to_set(a[1], a[2], flags, || fstat(entry.host))?;
        // SAFETY: a descriptor of the table and two timespecs.
        check(unsafe { libc::futimens(entry.host, times.as_ptr()) } as isize).map(drop)
    }

    fn fd_pread(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let (fd, iovs, count, offset, out) = (a[0] as u32, a[1] as u32, a[2] as u32, a[3], a[4] as u32);
        memory.check(out, 4)?;
        let vectors = iovecs(memory, iovs, count)?;
        let entry = self.fds.get(fd, RIGHT_FD_READ | RIGHT_FD_SEEK, 0)?;
        // SAFETY: the iovecs point into the memory, checked.
        let read = check(unsafe { libc::preadv(entry.host, vectors.as_ptr(), vectors.len() as i32, offset as i64) })?;
        memory.write_u32(out, read as u32)
    }

    fn fd_pwrite(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let (fd, iovs, count, offset, out) = (a[0] as u32, a[1] as u32, a[2] as u32, a[3], a[4] as u32);
        memory.check(out, 4)?;
        let vectors = iovecs(memory, iovs, count)?;
        let entry = self.fds.get(fd, RIGHT_FD_WRITE | RIGHT_FD_SEEK, 0)?;
        // SAFETY: the iovecs point into the memory, checked.
        let written = check(unsafe { libc::pwritev(entry.host, vectors.as_ptr(), vectors.len() as i32, offset as i64) })?;
        memory.write_u32(out, written as u32)
    }

    fn fd_read(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let (fd, iovs, count, out) = (a[0] as u32, a[1] as u32, a[2] as u32, a[3] as u32);
        memory.check(out, 4)?;
        let vectors = iovecs(memory, iovs, count)?;
        let entry = self.fds.get(fd, RIGHT_FD_READ, 0)?;
        // SAFETY: the iovecs point into the memory, checked.
        let read = check(unsafe { libc::readv(entry.host, vectors.as_ptr(), vectors.len() as i32) })?;
        memory.write_u32(out, read as u32)
    }

    fn fd_write(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let (fd, iovs, count, out) = (a[0] as u32, a[1] as u32, a[2] as u32, a[3] as u32);
        memory.check(out, 4)?;
        let vectors = iovecs(memory, iovs, count)?;
        let entry = self.fds.get(fd, RIGHT_FD_WRITE, 0)?;
        // SAFETY: the iovecs point into the memory, checked.
        let written = check(unsafe { libc::writev(entry.host, vectors.as_ptr(), vectors.len() as i32) })?;
        memory.write_u32(out, written as u32)
    }

    fn fd_prestat_get(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let out = a[1] as u32;
        memory.check(out, 8)?;
        let entry = self.fds.get(a[0] as u32, 0, 0)?;
        let name = entry.preopen_name.as_ref().ok_or(EINVAL)?;
        memory.write_u8(out, 0)?;
        memory.write_u32(out + 4, name.len() as u32)
    }

    fn fd_prestat_dir_name(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let (out, len) = (a[1] as u32, a[2] as u32);
        memory.check(out, len as u64)?;
        let entry = self.fds.get(a[0] as u32, 0, 0)?;
        let name = entry.preopen_name.as_ref().ok_or(EBADF)?;
        if name.len() > len as usize {
            return Err(ENOBUFS);
        }
        memory.write(out, name.as_bytes())
    }

    fn fd_readdir(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let (fd, buffer, len, cookie, out) = (a[0] as u32, a[1] as u32, a[2] as u32, a[3], a[4] as u32);
        memory.check(buffer, len as u64)?;
        memory.check(out, 4)?;
        let entry = self.fds.get(fd, RIGHT_FD_READDIR, 0)?;
        let path = c_path(&entry.host_path)?;
        // SAFETY: a NUL-terminated path; the stream is closed below.
        let dir = unsafe { libc::opendir(path.as_ptr()) };
        if dir.is_null() {
            return Err(host_errno());
        }
        let result = read_directory(dir, memory, buffer, len, cookie);
        // SAFETY: the stream opened above.
        let closed = unsafe { libc::closedir(dir) };
        let used = result?;
        if closed != 0 {
            return Err(host_errno());
        }
        memory.write_u32(out, used)
    }

    fn fd_renumber(&mut self, _memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        self.fds.renumber(a[0] as u32, a[1] as u32)
    }

    fn fd_seek(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let (fd, offset, whence, out) = (a[0] as u32, a[1] as i64, a[2] as u32 & 0xff, a[3] as u32);
        memory.check(out, 8)?;
        let entry = self.fds.get(fd, RIGHT_FD_SEEK, 0)?;
        let position = seek(entry.host, offset, whence)?;
        memory.write_u64(out, position)
    }

    fn fd_sync(&mut self, _memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let entry = self.fds.get(a[0] as u32, RIGHT_FD_SYNC, 0)?;
        // SAFETY: a descriptor of the table.
        check(unsafe { libc::fsync(entry.host) } as isize).map(drop)
    }

    fn fd_tell(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let out = a[1] as u32;
        memory.check(out, 8)?;
        let entry = self.fds.get(a[0] as u32, RIGHT_FD_TELL, 0)?;
        let position = seek(entry.host, 0, WHENCE_CUR)?;
        memory.write_u64(out, position)
    }

    /// The host path of `path` (at `offset`, `len` bytes) inside the directory `fd` with
    /// `rights`, following a final symbolic link when `flags` says so.
    fn resolve(&self, memory: &Memory, fd: u32, rights: Rights, offset: u32, len: u32, flags: u32) -> Result<CString, Errno> {
        let path = guest_path(memory, offset, len)?;
        let entry = self.fds.get(fd, rights, 0)?;
        let (host, _) = entry.resolve(&path, flags & LOOKUP_SYMLINK_FOLLOW != 0)?;
        c_path(&host)
    }

    fn path_create_directory(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let path = self.resolve(memory, a[0] as u32, RIGHT_PATH_CREATE_DIRECTORY, a[1] as u32, a[2] as u32, 0)?;
        // SAFETY: a NUL-terminated path.
        check(unsafe { libc::mkdir(path.as_ptr(), 0o777) } as isize).map(drop)
    }

    fn path_filestat_get(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let out = a[4] as u32;
        memory.check(out, SIZE_FILESTAT)?;
        let path = self.resolve(memory, a[0] as u32, RIGHT_PATH_FILESTAT_GET, a[2] as u32, a[3] as u32, a[1] as u32)?;
        write_filestat(memory, out, &lstat(&path)?)
    }

    fn path_filestat_set_times(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let flags = a[6] as u32 & 0xffff;
        if flags & !(FSTFLAG_ATIM | FSTFLAG_ATIM_NOW | FSTFLAG_MTIM | FSTFLAG_MTIM_NOW) != 0 {
            return Err(EINVAL);
        }
        let path = self.resolve(memory, a[0] as u32, RIGHT_PATH_FILESTAT_SET_TIMES, a[2] as u32, a[3] as u32, a[1] as u32)?;
        let times = times_to_set(a[4], a[5], flags, || lstat(&path))?;
        // SAFETY: a NUL-terminated path and two timespecs.
        check(unsafe { libc::utimensat(libc::AT_FDCWD, path.as_ptr(), times.as_ptr(), libc::AT_SYMLINK_NOFOLLOW) } as isize).map(drop)
    }

    /// The rights two-path calls need of their directories: both on one when they are the
    /// same descriptor.
    fn two_paths(&self, memory: &Memory, from: (u32, u32, u32, u32), to: (u32, u32, u32), rights: (Rights, Rights)) -> Result<(CString, CString), Errno> {
        let (old_fd, old_flags, old_path, old_len) = from;
        let (new_fd, new_path, new_len) = to;
        if old_fd == new_fd {
            self.fds.get(old_fd, rights.0 | rights.1, 0)?;
        } else {
            self.fds.get(old_fd, rights.0, 0)?;
            self.fds.get(new_fd, rights.1, 0)?;
        }
        let old = self.resolve(memory, old_fd, 0, old_path, old_len, old_flags)?;
        let new = self.resolve(memory, new_fd, 0, new_path, new_len, 0)?;
        Ok((old, new))
    }

    fn path_link(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let from = (a[0] as u32, a[1] as u32, a[2] as u32, a[3] as u32);
        let to = (a[4] as u32, a[5] as u32, a[6] as u32);
        let (old, new) = self.two_paths(memory, from, to, (RIGHT_PATH_LINK_SOURCE, RIGHT_PATH_LINK_TARGET))?;
        // SAFETY: NUL-terminated paths.
        check(unsafe { libc::link(old.as_ptr(), new.as_ptr()) } as isize).map(drop)
    }

    fn path_rename(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let from = (a[0] as u32, 0, a[1] as u32, a[2] as u32);
        let to = (a[3] as u32, a[4] as u32, a[5] as u32);
        let (old, new) = self.two_paths(memory, from, to, (RIGHT_PATH_RENAME_SOURCE, RIGHT_PATH_RENAME_TARGET))?;
        // SAFETY: NUL-terminated paths.
        check(unsafe { libc::rename(old.as_ptr(), new.as_ptr()) } as isize).map(drop)
    }

    fn path_open(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let (dir_fd, dir_flags, path, path_len) = (a[0] as u32, a[1] as u32, a[2] as u32, a[3] as u32);
        let (oflags, base, inheriting, fdflags, out) = (a[4] as u32 & 0xffff, a[5], a[6], a[7] as u32 & 0xffff, a[8] as u32);
        memory.check(out, 4)?;
        let read = base & (RIGHT_FD_READ | RIGHT_FD_READDIR) != 0;
        let write = base & (RIGHT_FD_DATASYNC | RIGHT_FD_WRITE | RIGHT_FD_ALLOCATE | RIGHT_FD_FILESTAT_SET_SIZE) != 0;
        let mut flags = match (read, write) {
            (true, true) => libc::O_RDWR,
            (false, true) => libc::O_WRONLY,
            _ => libc::O_RDONLY,
        };
        let mut needed_base = RIGHT_PATH_OPEN;
        let mut needed_inheriting = base | inheriting;
        if oflags & OFLAG_CREAT != 0 {
            flags |= libc::O_CREAT;
            needed_base |= RIGHT_PATH_CREATE_FILE;
        }
        if oflags & OFLAG_DIRECTORY != 0 {
            flags |= libc::O_DIRECTORY;
        }
        if oflags & OFLAG_EXCL != 0 {
            flags |= libc::O_EXCL;
        }
        if oflags & OFLAG_TRUNC != 0 {
            flags |= libc::O_TRUNC;
            needed_base |= RIGHT_PATH_FILESTAT_SET_SIZE;
        }
        if fdflags & FDFLAG_APPEND != 0 {
            flags |= libc::O_APPEND;
        }
        if fdflags & FDFLAG_DSYNC != 0 {
            flags |= libc::O_DSYNC;
            needed_inheriting |= RIGHT_FD_DATASYNC;
        }
        if fdflags & FDFLAG_NONBLOCK != 0 {
            flags |= libc::O_NONBLOCK;
        }
        if fdflags & FDFLAG_RSYNC != 0 {
            flags |= libc::O_RSYNC;
            needed_inheriting |= RIGHT_FD_SYNC;
        }
        if fdflags & FDFLAG_SYNC != 0 {
            flags |= libc::O_SYNC;
            needed_inheriting |= RIGHT_FD_SYNC;
        }
        if write && flags & (libc::O_APPEND | libc::O_TRUNC) == 0 {
            needed_inheriting |= RIGHT_FD_SEEK;
        }
        let guest = guest_path(memory, path, path_len)?;
        let entry = self.fds.get(dir_fd, needed_base, needed_inheriting)?;
        let (host_path, guest_path) = entry.resolve(&guest, dir_flags & LOOKUP_SYMLINK_FOLLOW != 0)?;
        let c_host = c_path(&host_path)?;
        // SAFETY: a NUL-terminated path; the descriptor goes into the table or is closed.
        let host = unsafe { libc::open(c_host.as_ptr(), flags | libc::O_CLOEXEC, 0o666) };
        if host < 0 {
            return Err(host_errno());
        }
        let close_with = |errno: Errno| {
            // SAFETY: the descriptor opened above, not in the table.
            unsafe { libc::close(host) };
            Err(errno)
        };
        let filetype = match fstat(host) {
            Ok(stat) => filetype_of_mode(stat.st_mode),
            Err(errno) => return close_with(errno),
        };
        if oflags & OFLAG_DIRECTORY != 0 && filetype != FILETYPE_DIRECTORY {
            return close_with(ENOTDIR);
        }
        let (max_base, max_inheriting) = max_rights(host, flags, filetype);
        let fd = self.fds.insert_opened(host, filetype, (base & max_base, inheriting & max_inheriting), guest_path, host_path);
        memory.write_u32(out, fd)
    }

    fn path_readlink(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let (buffer, len, out) = (a[3] as u32, a[4] as u32, a[5] as u32);
        memory.check(buffer, len as u64)?;
        memory.check(out, 4)?;
        let path = self.resolve(memory, a[0] as u32, RIGHT_PATH_READLINK, a[1] as u32, a[2] as u32, 0)?;
        let mut target = vec![0u8; libc::PATH_MAX as usize];
        // SAFETY: a NUL-terminated path and a writable buffer of its length.
        let size = check(unsafe { libc::readlink(path.as_ptr(), target.as_mut_ptr().cast(), target.len()) })?;
        target.truncate(size);
        // As node's uvwasi: the target and a NUL, which must fit; the NUL is not counted.
        if size >= len as usize {
            return Err(ENOBUFS);
        }
        target.push(0);
        memory.write(buffer, &target)?;
        memory.write_u32(out, size as u32)
    }

    fn path_remove_directory(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let path = self.resolve(memory, a[0] as u32, RIGHT_PATH_REMOVE_DIRECTORY, a[1] as u32, a[2] as u32, 0)?;
        // SAFETY: a NUL-terminated path.
        check(unsafe { libc::rmdir(path.as_ptr()) } as isize).map(drop)
    }

    fn path_symlink(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let target = c_path(&guest_path(memory, a[0] as u32, a[1] as u32)?)?;
        let link = self.resolve(memory, a[2] as u32, RIGHT_PATH_SYMLINK, a[3] as u32, a[4] as u32, 0)?;
        // SAFETY: NUL-terminated paths.
        check(unsafe { libc::symlink(target.as_ptr(), link.as_ptr()) } as isize).map(drop)
    }

    fn path_unlink_file(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let path = self.resolve(memory, a[0] as u32, RIGHT_PATH_UNLINK_FILE, a[1] as u32, a[2] as u32, 0)?;
        // SAFETY: a NUL-terminated path.
        check(unsafe { libc::unlink(path.as_ptr()) } as isize).map(drop)
    }

    fn poll_oneoff(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let (input, output, count, out) = (a[0] as u32, a[1] as u32, a[2] as u32, a[3] as u32);
        memory.check(input, count as u64 * SIZE_SUBSCRIPTION as u64)?;
        memory.check(output, count as u64 * SIZE_EVENT as u64)?;
        memory.check(out, 4)?;
        if count == 0 {
            return Err(EINVAL);
        }
        memory.write_u32(out, 0)?;
        let mut timeout: Option<(u64, u64)> = None;
        // Each descriptor subscription: its userdata, type, and the error of looking it up.
        let mut waits: Vec<(u64, u8, Errno)> = Vec::new();
        let mut polled: Vec<libc::pollfd> = Vec::new();
        for index in 0..count {
            let at = input + index * SIZE_SUBSCRIPTION;
            let header = memory.read(at, SIZE_SUBSCRIPTION)?;
            let u64_at = |offset: usize| u64::from_le_bytes(header[offset..offset + 8].try_into().unwrap_or_default());
            let userdata = u64_at(0);
            match header[8] {
                EVENTTYPE_CLOCK => {
                    let mut delay = u64_at(24);
                    if u16::from_le_bytes([header[40], header[41]]) == SUBSCRIPTION_CLOCK_ABSTIME {
                        delay = delay.saturating_sub(clock_ns(libc::CLOCK_REALTIME)?);
                    }
                    if timeout.is_none_or(|(shortest, _)| delay < shortest) {
                        timeout = Some((delay, userdata));
                    }
                }
                kind @ (EVENTTYPE_FD_READ | EVENTTYPE_FD_WRITE) => {
                    let fd = u32::from_le_bytes([header[16], header[17], header[18], header[19]]);
                    let right = if kind == EVENTTYPE_FD_READ { RIGHT_FD_READ } else { RIGHT_FD_WRITE };
                    let events = if kind == EVENTTYPE_FD_READ { libc::POLLIN } else { libc::POLLOUT };
                    match self.fds.get(fd, right | RIGHT_POLL_FD_READWRITE, 0) {
                        Ok(entry) => {
                            waits.push((userdata, kind, 0));
                            polled.push(libc::pollfd { fd: entry.host, events, revents: 0 });
                        }
                        Err(errno) => {
                            waits.push((userdata, kind, errno));
                            polled.push(libc::pollfd { fd: -1, events: 0, revents: 0 });
                        }
                    }
                }
                _ => return Err(EINVAL),
            }
        }
        let failed = waits.iter().any(|(_, _, errno)| *errno != 0);
        let deadline = match (failed, timeout) {
            (true, _) => Some(Instant::now()),
            (false, Some((delay, _))) => Some(Instant::now() + Duration::from_nanos(delay)),
            (false, None) => None,
        };
        let ready = loop {
            let wait_ms = deadline.map_or(-1, |deadline| {
                let left = deadline.saturating_duration_since(Instant::now());
                left.as_nanos().div_ceil(1_000_000).min(i32::MAX as u128) as i32
            });
            // SAFETY: `polled` is a live array of pollfds.
            let ready = unsafe { libc::poll(polled.as_mut_ptr(), polled.len() as libc::nfds_t, wait_ms) };
            if ready >= 0 {
                break ready;
            }
            let errno = host_errno();
            if errno != wasi_errno(libc::EINTR) {
                return Err(errno);
            }
        };
        let mut events = 0u32;
        let mut write_event = |userdata: u64, errno: Errno, kind: u8, flags: u16| -> Result<(), Errno> {
            let at = output + events * SIZE_EVENT;
            memory.write_u64(at, userdata)?;
            memory.write_u16(at + 8, errno)?;
            memory.write_u8(at + 10, kind)?;
            if kind != EVENTTYPE_CLOCK {
                memory.write_u64(at + 16, 0)?;
                memory.write_u16(at + 24, flags)?;
            }
            events += 1;
            Ok(())
        };
        if ready == 0 && !failed {
            if let Some((_, userdata)) = timeout {
                write_event(userdata, 0, EVENTTYPE_CLOCK, 0)?;
            }
        } else {
            for ((userdata, kind, errno), poll) in waits.iter().zip(&polled) {
                if *errno != 0 {
                    write_event(*userdata, *errno, *kind, 0)?;
                } else if poll.revents & libc::POLLNVAL != 0 {
                    write_event(*userdata, EBADF, *kind, 0)?;
                } else if poll.revents & libc::POLLHUP != 0 {
                    write_event(*userdata, 0, *kind, EVENT_FD_READWRITE_HANGUP)?;
                } else if poll.revents & libc::POLLERR != 0 {
                    write_event(*userdata, EIO, *kind, 0)?;
                } else if poll.revents & (libc::POLLIN | libc::POLLOUT) != 0 {
                    write_event(*userdata, 0, *kind, 0)?;
                }
            }
        }
        memory.write_u32(out, events)
    }

    fn proc_exit(&mut self, _memory: &Memory, _a: &[u64]) -> Result<(), Errno> {
        // Ends the process in the binding (it needs the isolate); never reached.
        Err(ENOSYS)
    }

    fn proc_raise(&mut self, _memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let signal = host_signal(a[0] as u32 & 0xff).ok_or(ENOSYS)?;
        // SAFETY: a signal to this process.
        check(unsafe { libc::kill(libc::getpid(), signal) } as isize).map(drop)
    }

    fn random_get(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let (buffer, len) = (a[0] as u32, a[1] as u32);
        let mut filled = 0usize;
        let start = memory.pointer(buffer, len as u64)?;
        while filled < len as usize {
            // SAFETY: the rest of the checked range.
            let got = unsafe { libc::getrandom(start.add(filled).cast(), len as usize - filled, 0) };
            if got < 0 {
                let errno = host_errno();
                if errno == wasi_errno(libc::EINTR) {
                    continue;
                }
                return Err(errno);
            }
            filled += got as usize;
        }
        Ok(())
    }

    fn sched_yield(&mut self, _memory: &Memory, _a: &[u64]) -> Result<(), Errno> {
        // SAFETY: no arguments.
        check(unsafe { libc::sched_yield() } as isize).map(drop)
    }

    fn sock_accept(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let (fd, flags, out) = (a[0] as u32, a[1] as u32 & 0xffff, a[2] as u32);
        memory.check(out, 4)?;
        if flags & !FDFLAG_NONBLOCK != 0 {
            return Err(ENOTSUP);
        }
        let entry = self.fds.get(fd, RIGHTS_SOCKET, 0)?;
        let nonblock = if flags & FDFLAG_NONBLOCK != 0 { libc::SOCK_NONBLOCK } else { 0 };
        // SAFETY: no peer address asked for; the descriptor goes into the table.
        let host = unsafe { libc::accept4(entry.host, std::ptr::null_mut(), std::ptr::null_mut(), libc::SOCK_CLOEXEC | nonblock) };
        if host < 0 {
            return Err(host_errno());
        }
        let guest_path = entry.guest_path.clone();
        let host_path = entry.host_path.clone();
        let rights = max_rights(host, libc::O_RDWR, FILETYPE_SOCKET_STREAM);
        let accepted = self.fds.insert_opened(host, FILETYPE_SOCKET_STREAM, rights, guest_path, host_path);
        memory.write_u32(out, accepted)
    }

    fn sock_recv(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let (fd, iovs, count, flags, out_len, out_flags) = (a[0] as u32, a[1] as u32, a[2] as u32, a[3] as u32 & 0xffff, a[4] as u32, a[5] as u32);
        memory.check(out_len, 4)?;
        memory.check(out_flags, 2)?;
        let vectors = iovecs(memory, iovs, count)?;
        // (node hands uvwasi no buffers at all for an empty list)
        if vectors.is_empty() {
            return Err(EINVAL);
        }
        if flags != 0 {
            return Err(ENOTSUP);
        }
        let entry = self.fds.get(fd, RIGHTS_SOCKET, 0)?;
        // As uvwasi: one read into the first buffer; nothing read is EAGAIN.
        let first = vectors[0];
        // SAFETY: the buffer points into the memory, checked.
        let read = check(unsafe { libc::recv(entry.host, first.iov_base, first.iov_len, 0) })?;
        if read == 0 {
            return Err(EAGAIN);
        }
        memory.write_u32(out_len, read as u32)
    }

    fn sock_send(&mut self, memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let (fd, iovs, count, flags, out) = (a[0] as u32, a[1] as u32, a[2] as u32, a[3] as u32 & 0xffff, a[4] as u32);
        memory.check(out, 4)?;
        let vectors = iovecs(memory, iovs, count)?;
        if vectors.is_empty() || flags != 0 {
            return Err(EINVAL);
        }
        let entry = self.fds.get(fd, RIGHTS_SOCKET, 0)?;
        // SAFETY: a message of the checked iovecs, sent without blocking (libuv's try_write).
        let message = libc::msghdr {
            msg_name: std::ptr::null_mut(),
            msg_namelen: 0,
            msg_iov: vectors.as_ptr() as *mut libc::iovec,
            msg_iovlen: vectors.len(),
            msg_control: std::ptr::null_mut(),
            msg_controllen: 0,
            msg_flags: 0,
        };
        // SAFETY: the message above, its iovecs in the memory.
        let sent = check(unsafe { libc::sendmsg(entry.host, &message, libc::MSG_DONTWAIT | libc::MSG_NOSIGNAL) })?;
        memory.write_u32(out, sent as u32)
    }

    fn sock_shutdown(&mut self, _memory: &Memory, a: &[u64]) -> Result<(), Errno> {
        let how = a[1] as u32 & 0xff;
        if how & !SHUT_WR != 0 {
            return Err(ENOTSUP);
        }
        let entry = self.fds.get(a[0] as u32, RIGHTS_SOCKET, 0)?;
        if how & SHUT_WR != 0 {
            // SAFETY: a descriptor of the table.
            check(unsafe { libc::shutdown(entry.host, libc::SHUT_WR) } as isize)?;
        }
        Ok(())
    }
}

fn seek(host: i32, offset: i64, whence: u32) -> Result<u64, Errno> {
    let whence = match whence {
        WHENCE_SET => libc::SEEK_SET,
        WHENCE_CUR => libc::SEEK_CUR,
        WHENCE_END => libc::SEEK_END,
        _ => return Err(EINVAL),
    };
    // SAFETY: a descriptor of the table.
    check(unsafe { libc::lseek(host, offset, whence) } as isize).map(|position| position as u64)
}

/// fd_readdir's entries from `cookie` on (`.` and `..` left out, as libuv does), each a
/// 24-byte dirent and as much of its name as fits: the bytes used (all of them when more
/// entries remain).
fn read_directory(dir: *mut libc::DIR, memory: &Memory, buffer: u32, len: u32, cookie: u64) -> Result<u32, Errno> {
    if cookie != 0 {
        // SAFETY: an open stream and a position telldir gave.
        unsafe { libc::seekdir(dir, cookie as libc::c_long) };
    }
    let mut used = 0u32;
    loop {
        // SAFETY: errno is cleared to tell the end of the stream from an error.
        unsafe { *libc::__errno_location() = 0 };
        // SAFETY: an open stream.
        let entry = unsafe { libc::readdir(dir) };
        if entry.is_null() {
            // SAFETY: reading this thread's errno.
            let errno = unsafe { *libc::__errno_location() };
            return if errno != 0 { Err(wasi_errno(errno)) } else { Ok(used) };
        }
        // SAFETY: readdir's entry, valid until the next call.
        let (name, kind) = unsafe { (std::ffi::CStr::from_ptr((*entry).d_name.as_ptr()).to_bytes().to_vec(), (*entry).d_type) };
        if name == b"." || name == b".." {
            continue;
        }
        // SAFETY: an open stream.
        let next = unsafe { libc::telldir(dir) };
        if next < 0 {
            return Err(host_errno());
        }
        let filetype = match kind {
            libc::DT_REG => FILETYPE_REGULAR_FILE,
            libc::DT_DIR => FILETYPE_DIRECTORY,
            libc::DT_SOCK => FILETYPE_SOCKET_STREAM,
            libc::DT_LNK => FILETYPE_SYMBOLIC_LINK,
            libc::DT_CHR => FILETYPE_CHARACTER_DEVICE,
            libc::DT_BLK => FILETYPE_BLOCK_DEVICE,
            _ => FILETYPE_UNKNOWN,
        };
        if used + SIZE_DIRENT > len {
            return Ok(len);
        }
        let mut dirent = [0u8; SIZE_DIRENT as usize];
        dirent[0..8].copy_from_slice(&(next as u64).to_le_bytes());
        // d_ino stays 0, as libuv gives uvwasi none.
        dirent[16..20].copy_from_slice(&(name.len() as u32).to_le_bytes());
        dirent[20] = filetype;
        memory.write(buffer + used, &dirent)?;
        used += SIZE_DIRENT;
        let fits = name.len().min((len - used) as usize);
        memory.write(buffer + used, &name[..fits])?;
        used += fits as u32;
        if used == len {
            return Ok(used);
        }
    }
}
