//! The WASI descriptor table (host descriptors with their file type and rights, as uvwasi
//! grants them) and the resolution of a guest's paths inside a directory descriptor: lexically
//! normalized, then symbolic links substituted one component at a time, and refused
//! (ENOTCAPABLE) wherever the path would leave the directory the descriptor names.

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;

use super::syscalls::{host_errno, Errno, EBADF, EINVAL, ELOOP, ENOTCAPABLE, ENOTDIR};

pub(super) type Rights = u64;

pub(super) const RIGHT_FD_DATASYNC: Rights = 1 << 0;
pub(super) const RIGHT_FD_READ: Rights = 1 << 1;
pub(super) const RIGHT_FD_SEEK: Rights = 1 << 2;
pub(super) const RIGHT_FD_FDSTAT_SET_FLAGS: Rights = 1 << 3;
pub(super) const RIGHT_FD_SYNC: Rights = 1 << 4;
pub(super) const RIGHT_FD_TELL: Rights = 1 << 5;
pub(super) const RIGHT_FD_WRITE: Rights = 1 << 6;
pub(super) const RIGHT_FD_ADVISE: Rights = 1 << 7;
pub(super) const RIGHT_FD_ALLOCATE: Rights = 1 << 8;
pub(super) const RIGHT_PATH_CREATE_DIRECTORY: Rights = 1 << 9;
pub(super) const RIGHT_PATH_CREATE_FILE: Rights = 1 << 10;
pub(super) const RIGHT_PATH_LINK_SOURCE: Rights = 1 << 11;
pub(super) const RIGHT_PATH_LINK_TARGET: Rights = 1 << 12;
pub(super) const RIGHT_PATH_OPEN: Rights = 1 << 13;
pub(super) const RIGHT_FD_READDIR: Rights = 1 << 14;
pub(super) const RIGHT_PATH_READLINK: Rights = 1 << 15;
pub(super) const RIGHT_PATH_RENAME_SOURCE: Rights = 1 << 16;
pub(super) const RIGHT_PATH_RENAME_TARGET: Rights = 1 << 17;
pub(super) const RIGHT_PATH_FILESTAT_GET: Rights = 1 << 18;
pub(super) const RIGHT_PATH_FILESTAT_SET_SIZE: Rights = 1 << 19;
pub(super) const RIGHT_PATH_FILESTAT_SET_TIMES: Rights = 1 << 20;
pub(super) const RIGHT_FD_FILESTAT_GET: Rights = 1 << 21;
pub(super) const RIGHT_FD_FILESTAT_SET_SIZE: Rights = 1 << 22;
pub(super) const RIGHT_FD_FILESTAT_SET_TIMES: Rights = 1 << 23;
pub(super) const RIGHT_PATH_SYMLINK: Rights = 1 << 24;
pub(super) const RIGHT_PATH_REMOVE_DIRECTORY: Rights = 1 << 25;
pub(super) const RIGHT_PATH_UNLINK_FILE: Rights = 1 << 26;
pub(super) const RIGHT_POLL_FD_READWRITE: Rights = 1 << 27;
pub(super) const RIGHT_SOCK_SHUTDOWN: Rights = 1 << 28;
pub(super) const RIGHT_SOCK_ACCEPT: Rights = 1 << 29;
const RIGHTS_ALL: Rights = (1 << 30) - 1;

const RIGHTS_REGULAR_FILE: Rights = RIGHT_FD_DATASYNC
    | RIGHT_FD_READ
    | RIGHT_FD_SEEK
    | RIGHT_FD_FDSTAT_SET_FLAGS
    | RIGHT_FD_SYNC
    | RIGHT_FD_TELL
    | RIGHT_FD_WRITE
    | RIGHT_FD_ADVISE
    | RIGHT_FD_ALLOCATE
    | RIGHT_FD_FILESTAT_GET
    | RIGHT_FD_FILESTAT_SET_SIZE
    | RIGHT_FD_FILESTAT_SET_TIMES
    | RIGHT_POLL_FD_READWRITE;
const RIGHTS_DIRECTORY: Rights = RIGHT_FD_FDSTAT_SET_FLAGS
    | RIGHT_FD_SYNC
    | RIGHT_FD_ADVISE
    | RIGHT_PATH_CREATE_DIRECTORY
    | RIGHT_PATH_CREATE_FILE
    | RIGHT_PATH_LINK_SOURCE
    | RIGHT_PATH_LINK_TARGET
    | RIGHT_PATH_OPEN
    | RIGHT_FD_READDIR
    | RIGHT_PATH_READLINK
    | RIGHT_PATH_RENAME_SOURCE
    | RIGHT_PATH_RENAME_TARGET
    | RIGHT_PATH_FILESTAT_GET
    | RIGHT_PATH_FILESTAT_SET_SIZE
    | RIGHT_PATH_FILESTAT_SET_TIMES
    | RIGHT_FD_FILESTAT_GET
    | RIGHT_FD_FILESTAT_SET_TIMES
    | RIGHT_PATH_SYMLINK
    | RIGHT_PATH_UNLINK_FILE
    | RIGHT_PATH_REMOVE_DIRECTORY
    | RIGHT_POLL_FD_READWRITE;
const RIGHTS_DIRECTORY_INHERITING: Rights = RIGHTS_DIRECTORY | RIGHTS_REGULAR_FILE;
pub(super) const RIGHTS_SOCKET: Rights = RIGHT_FD_READ
    | RIGHT_FD_FDSTAT_SET_FLAGS
    | RIGHT_FD_WRITE
    | RIGHT_FD_FILESTAT_GET
    | RIGHT_POLL_FD_READWRITE
    | RIGHT_SOCK_SHUTDOWN
    | RIGHT_SOCK_ACCEPT;
const RIGHTS_TTY: Rights = RIGHT_FD_READ | RIGHT_FD_FDSTAT_SET_FLAGS | RIGHT_FD_WRITE | RIGHT_FD_FILESTAT_GET | RIGHT_POLL_FD_READWRITE;

pub(super) const FILETYPE_UNKNOWN: u8 = 0;
pub(super) const FILETYPE_BLOCK_DEVICE: u8 = 1;
pub(super) const FILETYPE_CHARACTER_DEVICE: u8 = 2;
pub(super) const FILETYPE_DIRECTORY: u8 = 3;
pub(super) const FILETYPE_REGULAR_FILE: u8 = 4;
pub(super) const FILETYPE_SOCKET_STREAM: u8 = 6;
pub(super) const FILETYPE_SYMBOLIC_LINK: u8 = 7;

/// How many symbolic links one resolution follows before ELOOP (uvwasi's limit).
const MAX_SYMLINK_FOLLOWS: usize = 32;

/// A WASI file type from a stat's mode (a FIFO is a stream socket to WASI, as in uvwasi).
pub(super) fn filetype_of_mode(mode: libc::mode_t) -> u8 {
    match mode & libc::S_IFMT {
        libc::S_IFREG => FILETYPE_REGULAR_FILE,
        libc::S_IFCHR => FILETYPE_CHARACTER_DEVICE,
        libc::S_IFDIR => FILETYPE_DIRECTORY,
        libc::S_IFLNK => FILETYPE_SYMBOLIC_LINK,
        libc::S_IFSOCK | libc::S_IFIFO => FILETYPE_SOCKET_STREAM,
        libc::S_IFBLK => FILETYPE_BLOCK_DEVICE,
        _ => FILETYPE_UNKNOWN,
    }
}

pub(super) fn fstat(fd: i32) -> Result<libc::stat, Errno> {
    // SAFETY: a zeroed stat is valid for fstat to fill.
    let mut stat: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: `stat` is writable.
    if unsafe { libc::fstat(fd, &mut stat) } != 0 {
        return Err(host_errno());
    }
    Ok(stat)
}

/// The most rights a host descriptor of `filetype` opened with `open_flags` may have (base,
/// inheriting), as uvwasi grants them.
pub(super) fn max_rights(fd: i32, open_flags: i32, filetype: u8) -> (Rights, Rights) {
    let (mut base, inheriting) = match filetype {
        FILETYPE_REGULAR_FILE => (RIGHTS_REGULAR_FILE, 0),
        FILETYPE_DIRECTORY => (RIGHTS_DIRECTORY, RIGHTS_DIRECTORY_INHERITING),
        FILETYPE_SOCKET_STREAM => (RIGHTS_SOCKET, RIGHTS_ALL),
        // SAFETY: isatty only inspects the descriptor.
        FILETYPE_CHARACTER_DEVICE if unsafe { libc::isatty(fd) } == 1 => (RIGHTS_TTY, 0),
        FILETYPE_CHARACTER_DEVICE | FILETYPE_BLOCK_DEVICE => (RIGHTS_ALL, RIGHTS_ALL),
        _ => (0, 0),
    };
    match open_flags & libc::O_ACCMODE {
        libc::O_RDONLY => base &= !RIGHT_FD_WRITE,
        libc::O_WRONLY => base &= !RIGHT_FD_READ,
        _ => {}
    }
    (base, inheriting)
}

/// A path split into its components, `.` and `..` resolved lexically (`..` at the root stays
/// at the root; in a relative path past its start it is kept).
#[derive(Clone, PartialEq, Debug)]
pub(super) struct GuestPath {
    absolute: bool,
    parts: Vec<String>,
}

impl GuestPath {
    pub(super) fn parse(path: &str) -> GuestPath {
        let mut normalized = GuestPath { absolute: path.starts_with('/'), parts: Vec::new() };
        normalized.push(path);
        normalized
    }

    fn push(&mut self, path: &str) {
        for part in path.split('/') {
            match part {
                "" | "." => {}
                ".." => match self.parts.last() {
                    Some(last) if last != ".." => {
                        self.parts.pop();
                    }
                    None if self.absolute => {}
                    _ => self.parts.push("..".into()),
                },
                part => self.parts.push(part.to_string()),
            }
        }
    }

    /// The components past `root`, when this path lies at or under it.
    fn below(&self, root: &GuestPath) -> Option<&[String]> {
        let inside = self.absolute == root.absolute
            && self.parts.len() >= root.parts.len()
            && self.parts[..root.parts.len()] == root.parts[..]
            && !self.parts[root.parts.len()..].iter().any(|part| part == "..");
        inside.then(|| &self.parts[root.parts.len()..])
    }

    fn parent(&self) -> GuestPath {
        let mut parent = self.clone();
        parent.parts.pop();
        parent
    }

    #[cfg(test)]
    fn display(&self) -> String {
        let joined = self.parts.join("/");
        match (self.absolute, joined.is_empty()) {
            (true, _) => format!("/{joined}"),
            (false, true) => ".".into(),
            (false, false) => joined,
        }
    }
}

/// One open WASI descriptor.
pub(super) struct Entry {
    pub(super) host: i32,
    pub(super) filetype: u8,
    pub(super) rights_base: Rights,
    pub(super) rights_inheriting: Rights,
    /// The guest's name of a preopened directory, as given (fd_prestat_dir_name's answer).
    pub(super) preopen_name: Option<String>,
    /// Where the descriptor is, in the guest's namespace and on the host.
    pub(super) guest_path: GuestPath,
    pub(super) host_path: String,
    /// Whether the host descriptor is this table's to close (not one of the process's stdio
    /// descriptors the options named).
    owned: bool,
}

impl Entry {
    /// The host path `path` names inside this directory and its place in the guest's
    /// namespace. Symbolic links are followed in every component but the last, and in the
    /// last with `follow_last` or a trailing `/`; any step outside the directory is
    /// ENOTCAPABLE. As uvwasi: an empty path is EINVAL, an absolute one ENOTCAPABLE (a link's
    /// absolute target is read in the guest's namespace), and a trailing `/` stays for the
    /// host to check that a directory is named.
    pub(super) fn resolve(&self, path: &str, follow_last: bool) -> Result<(String, GuestPath), Errno> {
        if path.is_empty() {
            return Err(EINVAL);
        }
        if path.starts_with('/') {
            return Err(ENOTCAPABLE);
        }
        let names_directory = path.ends_with('/');
        let follow_last = follow_last || names_directory;
        let mut pending = path.to_string();
        let mut base = self.guest_path.clone();
        let mut follows = 0;
        'restart: loop {
            let mut target = if pending.starts_with('/') { GuestPath::parse("/") } else { base.clone() };
            target.push(&pending);
            let Some(parts) = target.below(&self.guest_path) else { return Err(ENOTCAPABLE) };
            let mut host = self.host_path.clone();
            let mut guest = self.guest_path.clone();
            for (index, part) in parts.iter().enumerate() {
                host.push('/');
                host.push_str(part);
                guest.parts.push(part.clone());
                let last = index + 1 == parts.len();
                if last && !follow_last {
                    break;
                }
                if let Ok(link) = std::fs::read_link(&host) {
                    follows += 1;
                    if follows > MAX_SYMLINK_FOLLOWS {
                        return Err(ELOOP);
                    }
                    pending = String::from_utf8_lossy(link.as_os_str().as_bytes()).into_owned();
                    for rest in &parts[index + 1..] {
                        pending.push('/');
                        pending.push_str(rest);
                    }
                    base = guest.parent();
                    continue 'restart;
                }
            }
            if names_directory && !parts.is_empty() {
                host.push('/');
            }
            return Ok((host, guest));
        }
    }
}

impl Drop for Entry {
    fn drop(&mut self) {
        if self.owned {
            // SAFETY: the table owns this descriptor and nothing uses it after the entry.
            unsafe { libc::close(self.host) };
        }
    }
}

#[derive(Default)]
pub(super) struct FdTable {
    entries: Vec<Option<Entry>>,
}

impl FdTable {
    /// WASI's 0, 1 and 2 on the host descriptors `stdio`, then the preopened directories
    /// (guest path, host path), each opened at its real path.
    pub(super) fn new(stdio: [i32; 3], preopens: &[(String, String)]) -> Result<FdTable, Errno> {
        let mut table = FdTable::default();
        let names = ["<stdin>", "<stdout>", "<stderr>"];
        for (host, name) in stdio.into_iter().zip(names) {
            let filetype = filetype_of_mode(fstat(host)?.st_mode);
            let (rights_base, rights_inheriting) = max_rights(host, libc::O_RDWR, filetype);
            table.insert(Entry {
                host,
                filetype,
                rights_base,
                rights_inheriting,
                preopen_name: None,
                guest_path: GuestPath::parse(name),
                host_path: name.to_string(),
                owned: false,
            });
        }
        for (guest, host_path) in preopens {
            let real = std::fs::canonicalize(host_path).map_err(|error| super::syscalls::io_errno(&error))?;
            let real = real.to_string_lossy().into_owned();
            let c_real = CString::new(real.clone()).map_err(|_| EINVAL)?;
            // SAFETY: a NUL-terminated path.
            let host = unsafe { libc::open(c_real.as_ptr(), libc::O_RDONLY | libc::O_CLOEXEC) };
            if host < 0 {
                return Err(host_errno());
            }
            let entry = Entry {
                host,
                filetype: FILETYPE_DIRECTORY,
                rights_base: RIGHTS_DIRECTORY,
                rights_inheriting: RIGHTS_DIRECTORY_INHERITING,
                preopen_name: Some(guest.clone()),
                guest_path: GuestPath::parse(guest),
                host_path: real,
                owned: true,
            };
            if filetype_of_mode(fstat(host)?.st_mode) != FILETYPE_DIRECTORY {
                return Err(ENOTDIR);
            }
            table.insert(entry);
        }
        Ok(table)
    }

    /// Adds an entry at the lowest free number.
    pub(super) fn insert(&mut self, entry: Entry) -> u32 {
        let free = self.entries.iter().position(Option::is_none);
        match free {
            Some(index) => {
                self.entries[index] = Some(entry);
                index as u32
            }
            None => {
                self.entries.push(Some(entry));
                (self.entries.len() - 1) as u32
            }
        }
    }

    /// A descriptor opened by the guest (path_open, sock_accept), owned by the table.
    pub(super) fn insert_opened(&mut self, host: i32, filetype: u8, rights: (Rights, Rights), guest_path: GuestPath, host_path: String) -> u32 {
        self.insert(Entry {
            host,
            filetype,
            rights_base: rights.0,
            rights_inheriting: rights.1,
            preopen_name: None,
            guest_path,
            host_path,
            owned: true,
        })
    }

    /// The entry `fd`, when it has all of `base` and `inheriting` (EBADF for no entry,
    /// ENOTCAPABLE for lacking rights).
    pub(super) fn get(&self, fd: u32, base: Rights, inheriting: Rights) -> Result<&Entry, Errno> {
        let entry = self.entries.get(fd as usize).and_then(Option::as_ref).ok_or(EBADF)?;
        if entry.rights_base & base != base || entry.rights_inheriting & inheriting != inheriting {
            return Err(ENOTCAPABLE);
        }
        Ok(entry)
    }

    pub(super) fn get_mut(&mut self, fd: u32) -> Result<&mut Entry, Errno> {
        self.entries.get_mut(fd as usize).and_then(Option::as_mut).ok_or(EBADF)
    }

    /// Takes `fd` out of the table; its host descriptor is closed by the caller.
    pub(super) fn remove(&mut self, fd: u32) -> Result<Entry, Errno> {
        let mut entry = self.entries.get_mut(fd as usize).and_then(Option::take).ok_or(EBADF)?;
        entry.owned = false;
        Ok(entry)
    }

    /// fd_renumber: `from`'s entry becomes `to` (whose host descriptor is closed).
    pub(super) fn renumber(&mut self, from: u32, to: u32) -> Result<(), Errno> {
        self.get(from, 0, 0)?;
        self.get(to, 0, 0)?;
        if from == to {
            return Ok(());
        }
        let moved = self.entries[from as usize].take();
        let replaced = std::mem::replace(&mut self.entries[to as usize], moved);
        if let Some(mut replaced) = replaced {
            // SAFETY: the replaced entry's host descriptor is closed as fd_close would.
            unsafe { libc::close(replaced.host) };
            replaced.owned = false;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_normalize_lexically() {
        assert_eq!(GuestPath::parse("/sandbox/../outside.txt").display(), "/outside.txt");
        assert_eq!(GuestPath::parse("/../..").display(), "/");
        assert_eq!(GuestPath::parse("a/./b/../../..").display(), "..");
        assert_eq!(GuestPath::parse("./").display(), ".");
    }

    #[test]
    fn only_paths_under_the_root_are_inside() {
        let root = GuestPath::parse("/sandbox");
        assert!(GuestPath::parse("/sandbox/a/b").below(&root).is_some());
        assert!(GuestPath::parse("/sandbox").below(&root).is_some());
        assert!(GuestPath::parse("/sandboxed").below(&root).is_none());
        assert!(GuestPath::parse("/outside.txt").below(&root).is_none());
        let relative = GuestPath::parse(".");
        assert!(GuestPath::parse("./a").below(&relative).is_some());
        assert!(GuestPath::parse("../a").below(&relative).is_none());
    }
}
