//! Native half of `fs.watch`: one inotify instance per watcher, read on the tokio loop (never
//! blocking the JS thread). Each inotify event becomes one `fsWatchEvent(id, kind, filename)`
//! call on the JS thread, as libuv reports them: 'rename' when the mask has anything besides
//! IN_ATTRIB/IN_MODIFY, else 'change'; the filename is the entry's name, or the watched path's
//! own base name for events on the path itself. A recursive watcher also watches every
//! directory below the path (and those created later), naming entries relative to the path.
//! A watcher keeps the loop alive while it is referenced.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::{CString, OsStr};
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use tokio::io::unix::AsyncFd;

use super::bindings::binding_object;
use super::bindings::{string, throw_io_error, uint8_array};
use super::internals::Internal;
use super::tasks::TaskSender;
use super::RuntimeState;

/// What libuv asks inotify for.
const WATCH_MASK: u32 = libc::IN_ATTRIB
    | libc::IN_CREATE
    | libc::IN_MODIFY
    | libc::IN_DELETE
    | libc::IN_DELETE_SELF
    | libc::IN_MOVE_SELF
    | libc::IN_MOVED_FROM
    | libc::IN_MOVED_TO;

struct Watcher {
    task: tokio::task::JoinHandle<()>,
    refed: bool,
}

thread_local! {
    static WATCHERS: RefCell<HashMap<u32, Watcher>> = RefCell::new(HashMap::new());
}

/// The directories a watcher watches: inotify's watch descriptor to the path below the root
/// (empty for the root itself).
struct Watches {
    fd: i32,
    root: PathBuf,
    relative: HashMap<i32, PathBuf>,
}

impl Watches {
    fn add(&mut self, relative: PathBuf) -> io::Result<()> {
        let full = if relative.as_os_str().is_empty() { self.root.clone() } else { self.root.join(&relative) };
        let path = CString::new(full.as_os_str().as_bytes()).map_err(|_| io::Error::from_raw_os_error(libc::ENOENT))?;
        // SAFETY: a valid inotify descriptor and a NUL-terminated path.
        let wd = unsafe { libc::inotify_add_watch(self.fd, path.as_ptr(), WATCH_MASK) };
        if wd < 0 {
            return Err(io::Error::last_os_error());
        }
        self.relative.insert(wd, relative);
        Ok(())
    }

    /// Watches every directory below `relative` (not following symbolic links), and lists
    /// in `found` what it finds there.
    fn add_tree(&mut self, relative: &Path, found: &mut Vec<PathBuf>) {
        let full = self.root.join(relative);
        let Ok(entries) = std::fs::read_dir(&full) else { return };
        for entry in entries.flatten() {
            let child = relative.join(entry.file_name());
            found.push(child.clone());
            if entry.file_type().is_ok_and(|kind| kind.is_dir()) && self.add(child.clone()).is_ok() {
                self.add_tree(&child, found);
            }
        }
    }
}

fn post(tasks: &TaskSender, id: u32, kind: &'static str, filename: Vec<u8>) {
    let _ = tasks.send(Box::new(move |scope: &mut v8::PinScope| {
        let id = v8::Integer::new_from_unsigned(scope, id).into();
        let kind = string(scope, kind).into();
        let filename = uint8_array(scope, filename).into();
        super::call_internal(scope, Internal::FsWatchEvent, &[id, kind, filename]);
    }));
}

fn post_error(tasks: &TaskSender, id: u32, errno: i32) {
    let _ = tasks.send(Box::new(move |scope: &mut v8::PinScope| {
        let id = v8::Integer::new_from_unsigned(scope, id).into();
        let kind = string(scope, "error").into();
        let errno = v8::Integer::new(scope, -errno).into();
        super::call_internal(scope, Internal::FsWatchEvent, &[id, kind, errno]);
    }));
}

/// Reads events until the watcher is closed (the task aborted).
async fn read_events(id: u32, fd: AsyncFd<OwnedFd>, mut watches: Watches, recursive: bool, tasks: TaskSender) {
    let own_name = watches.root.file_name().map(|name| name.as_bytes().to_vec()).unwrap_or_default();
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let mut guard = match fd.readable().await {
            Ok(guard) => guard,
            Err(error) => return post_error(&tasks, id, error.raw_os_error().unwrap_or(libc::EIO)),
        };
        // SAFETY: reads into a buffer this function owns, of the length given.
        let count = unsafe { libc::read(fd.as_raw_fd(), buffer.as_mut_ptr().cast(), buffer.len()) };
        if count < 0 {
            let error = io::Error::last_os_error();
            match error.raw_os_error() {
                Some(libc::EAGAIN) => guard.clear_ready(),
                Some(libc::EINTR) => {}
                errno => return post_error(&tasks, id, errno.unwrap_or(libc::EIO)),
            }
            continue;
        }
        let mut offset = 0;
        let header = std::mem::size_of::<libc::inotify_event>();
        while offset + header <= count as usize {
            // SAFETY: the kernel wrote whole events; read_unaligned copes with the byte buffer.
            let event: libc::inotify_event = unsafe { std::ptr::read_unaligned(buffer[offset..].as_ptr().cast()) };
            let name_bytes = &buffer[offset + header..offset + header + event.len as usize];
            let name = &name_bytes[..name_bytes.iter().position(|&b| b == 0).unwrap_or(name_bytes.len())];
            offset += header + event.len as usize;
            let Some(relative) = watches.relative.get(&event.wd).cloned() else { continue };
            let filename = match (name.is_empty(), relative.as_os_str().is_empty()) {
                (true, true) => own_name.clone(),
                (true, false) => relative.as_os_str().as_bytes().to_vec(),
                (false, true) => name.to_vec(),
                (false, false) => relative.join(OsStr::from_bytes(name)).as_os_str().as_bytes().to_vec(),
            };
            if event.mask & libc::IN_IGNORED != 0 && !relative.as_os_str().is_empty() {
                // A subdirectory of a recursive watch went away; its parent reported it.
                watches.relative.remove(&event.wd);
                continue;
            }
            let kind = if event.mask & !(libc::IN_ATTRIB | libc::IN_MODIFY) != 0 { "rename" } else { "change" };
            post(&tasks, id, kind, filename);
            if recursive && !name.is_empty() && event.mask & libc::IN_ISDIR != 0 && event.mask & (libc::IN_CREATE | libc::IN_MOVED_TO) != 0 {
                // Entries made in a new directory before its watch existed are reported as
                // they are found (as node's recursive watch does).
                let child = relative.join(OsStr::from_bytes(name));
                if watches.add(child.clone()).is_ok() {
                    let mut found = Vec::new();
                    watches.add_tree(&child, &mut found);
                    for entry in found {
                        post(&tasks, id, "rename", entry.as_os_str().as_bytes().to_vec());
                    }
                }
            }
        }
    }
}

/// start(id, path, recursive, refed): starts watching, or throws the `watch` error.
fn start(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let path = args.get(1).to_rust_string_lossy(scope);
    if super::permission::throw_if_denied(scope, super::permission::Scope::FileSystemRead, &path) {
        return;
    }
    let recursive = args.get(2).is_true();
    let refed = args.get(3).is_true();
    // SAFETY: plain syscall; the descriptor is owned below.
    let raw = unsafe { libc::inotify_init1(libc::IN_NONBLOCK | libc::IN_CLOEXEC) };
    if raw < 0 {
        return throw_io_error(scope, &io::Error::last_os_error(), "watch", &path);
    }
    // SAFETY: inotify_init1 returned a descriptor nothing else owns.
    let owned = unsafe { OwnedFd::from_raw_fd(raw) };
    let mut watches = Watches { fd: raw, root: PathBuf::from(&path), relative: HashMap::new() };
    if let Err(error) = watches.add(PathBuf::new()) {
        return throw_io_error(scope, &error, "watch", &path);
    }
    if recursive {
        watches.add_tree(Path::new(""), &mut Vec::new());
    }
    let state = RuntimeState::get(scope);
    let _runtime = state.tokio.enter();
    // SAFETY: the AsyncFd owns the descriptor; it is dropped with the reading task.
    let fd = match unsafe { AsyncFd::register(owned) }.map_err(io::Error::from) {
        Ok(fd) => fd,
        Err(error) => return throw_io_error(scope, &error, "watch", &path),
    };
    let task = state.tokio.spawn(read_events(id, fd, watches, recursive, state.tasks_tx.clone()));
    if refed {
        state.native_refs.set(state.native_refs.get() + 1);
    }
    WATCHERS.with(|watchers| watchers.borrow_mut().insert(id, Watcher { task, refed }));
}

/// ref(id, refed): whether the watcher keeps the loop alive.
fn set_ref(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let refed = args.get(1).is_true();
    let state = RuntimeState::get(scope);
    WATCHERS.with(|watchers| {
        if let Some(watcher) = watchers.borrow_mut().get_mut(&id) {
            if watcher.refed != refed {
                watcher.refed = refed;
                let count = state.native_refs.get();
                state.native_refs.set(if refed { count + 1 } else { count - 1 });
            }
        }
    });
}

/// close(id): stops watching; the inotify descriptor closes with the aborted task.
fn close(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let state = RuntimeState::get(scope);
    if let Some(watcher) = WATCHERS.with(|watchers| watchers.borrow_mut().remove(&id)) {
        watcher.task.abort();
        if watcher.refed {
            state.native_refs.set(state.native_refs.get() - 1);
        }
    }
}

/// The `fsWatch` bindings object.
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "start" => start,
        "ref" => set_ref,
        "close" => close,
    });
    rv.set(object.into());
}
