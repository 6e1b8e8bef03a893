//! Native halves of `tty` and `readline`: raw mode and window size of a terminal, and the
//! column width of a character (node's ICU-based string width, for readline's cursor).

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use unicode_width::UnicodeWidthChar;

use super::bindings::{set_property, uint8_array};
use super::RuntimeState;

/// The terminal settings each descriptor had before its first setRawMode(true), restored by
/// setRawMode(false) (libuv's saved original mode).
static ORIGINAL_MODES: Mutex<Option<HashMap<i32, libc::termios>>> = Mutex::new(None);

/// tty(): the `tty` bindings object.
pub(super) fn tty(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = v8::Object::new(scope);
    let set_raw = v8::Function::new(scope, set_raw_mode).unwrap();
    set_property(scope, object, "setRawMode", set_raw.into());
    let size = v8::Function::new(scope, window_size).unwrap();
    set_property(scope, object, "windowSize", size.into());
    let wide = v8::Function::new(scope, is_wide).unwrap();
    set_property(scope, object, "isWide", wide.into());
    let start = v8::Function::new(scope, read_start).unwrap();
    set_property(scope, object, "readStart", start.into());
    let stop = v8::Function::new(scope, read_stop).unwrap();
    set_property(scope, object, "readStop", stop.into());
    rv.set(object.into());
}

/// setRawMode(fd, raw): 0, or the errno of the failed tcgetattr/tcsetattr. Raw mode is libuv's
/// UV_TTY_MODE_RAW: no echo, no line editing, no signal keys, bytes as they come.
fn set_raw_mode(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let fd = args.get(0).int32_value(scope).unwrap_or(-1);
    let raw = args.get(1).boolean_value(scope);
    let mut guard = ORIGINAL_MODES.lock().unwrap();
    let originals = guard.get_or_insert_with(HashMap::new);
    let errno = || std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
    let result = if raw {
        // SAFETY: termios is plain data filled in by tcgetattr.
        let mut current: libc::termios = unsafe { std::mem::zeroed() };
        if unsafe { libc::tcgetattr(fd, &mut current) } != 0 {
            errno()
        } else {
            let original = *originals.entry(fd).or_insert(current);
            let mut mode = original;
            mode.c_iflag &= !(libc::BRKINT | libc::ICRNL | libc::INPCK | libc::ISTRIP | libc::IXON);
            mode.c_oflag |= libc::ONLCR;
            mode.c_cflag |= libc::CS8;
            mode.c_lflag &= !(libc::ECHO | libc::ICANON | libc::IEXTEN | libc::ISIG);
            mode.c_cc[libc::VMIN] = 1;
            mode.c_cc[libc::VTIME] = 0;
            // SAFETY: fd is a descriptor number; tcsetattr reports a bad one through errno.
            if unsafe { libc::tcsetattr(fd, libc::TCSADRAIN, &mode) } != 0 { errno() } else { 0 }
        }
    } else if let Some(original) = originals.get(&fd) {
        // SAFETY: as above, with the settings saved before raw mode.
        if unsafe { libc::tcsetattr(fd, libc::TCSADRAIN, original) } != 0 { errno() } else { 0 }
    } else {
        0
    };
    rv.set(v8::Integer::new(scope, result).into());
}

/// windowSize(fd): [columns, rows] of the terminal, or undefined when fd is not one.
fn window_size(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let fd = args.get(0).int32_value(scope).unwrap_or(-1);
    // SAFETY: winsize is plain data filled in by the ioctl.
    let mut size: libc::winsize = unsafe { std::mem::zeroed() };
    if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut size) } != 0 {
        return;
    }
    let columns = v8::Integer::new(scope, i32::from(size.ws_col)).into();
    let rows = v8::Integer::new(scope, i32::from(size.ws_row)).into();
    rv.set(v8::Array::new_with_elements(scope, &[columns, rows]).into());
}

/// isWide(codePoint): whether the character takes two columns (East Asian Wide or Fullwidth,
/// or an emoji shown as one), as ICU's width says for node's getStringWidth.
fn is_wide(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let code_point = args.get(0).uint32_value(scope).unwrap_or(0);
    let wide = char::from_u32(code_point).and_then(|c| c.width()) == Some(2);
    rv.set(v8::Boolean::new(scope, wide).into());
}

/// Whether JS wants the bytes of a descriptor read by its reader thread (readStart/readStop).
type Wanted = Arc<(Mutex<bool>, std::sync::Condvar)>;

thread_local! {
    /// The reader thread of each descriptor being read as a stream (process.stdin and the
    /// like), by fd.
    static READERS: RefCell<HashMap<i32, Wanted>> = RefCell::new(HashMap::new());
}

/// readStart(fd): bytes read from fd come to the internal `ttyRead(fd, chunk)` (a Uint8Array,
/// null at end of input, or a negative errno) until readStop(fd). A thread waits for the fd
/// to become readable and reads only while wanted, so a paused stream leaves input unread
/// (for a child process or a later reader), as libuv's uv_read_stop does.
fn read_start(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let fd = args.get(0).int32_value(scope).unwrap_or(-1);
    let existing = READERS.with(|readers| readers.borrow().get(&fd).cloned());
    if let Some(wanted) = existing {
        *wanted.0.lock().unwrap() = true;
        wanted.1.notify_one();
        return;
    }
    let wanted: Wanted = Arc::new((Mutex::new(true), std::sync::Condvar::new()));
    READERS.with(|readers| readers.borrow_mut().insert(fd, wanted.clone()));
    let tasks = RuntimeState::get(scope).tasks_tx.clone();
    std::thread::spawn(move || {
        let post = |result: Result<Option<Vec<u8>>, i32>| {
            let _ = tasks.send(Box::new(move |scope: &mut v8::PinScope| {
                let fd_value = v8::Integer::new(scope, fd).into();
                let chunk = match result {
                    Ok(Some(bytes)) => uint8_array(scope, bytes).into(),
                    Ok(None) => v8::null(scope).into(),
                    Err(errno) => v8::Integer::new(scope, -errno).into(),
                };
                super::call_internal(scope, super::internals::Internal::TtyRead, &[fd_value, chunk]);
            }));
        };
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            {
                let mut is_wanted = wanted.0.lock().unwrap();
                while !*is_wanted {
                    is_wanted = wanted.1.wait(is_wanted).unwrap();
                }
            }
            let mut poll = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
            // SAFETY: one pollfd for the duration of the call.
            let ready = unsafe { libc::poll(&mut poll, 1, 100) };
            if ready == 0 || !*wanted.0.lock().unwrap() {
                continue;
            }
            if ready < 0 {
                let errno = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
                if errno == libc::EINTR {
                    continue;
                }
                post(Err(errno));
                break;
            }
            // SAFETY: reads into our buffer, at most its length.
            let count = unsafe { libc::read(fd, buffer.as_mut_ptr().cast(), buffer.len()) };
            if count < 0 {
                let errno = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
                if errno == libc::EINTR || errno == libc::EAGAIN {
                    continue;
                }
                post(Err(errno));
                break;
            }
            if count == 0 {
                post(Ok(None));
                break;
            }
            post(Ok(Some(buffer[..count as usize].to_vec())));
        }
    });
}

/// readStop(fd): no more reads from fd until readStart(fd).
fn read_stop(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let fd = args.get(0).int32_value(scope).unwrap_or(-1);
    READERS.with(|readers| {
        if let Some(wanted) = readers.borrow().get(&fd) {
            *wanted.0.lock().unwrap() = false;
        }
    });
}
