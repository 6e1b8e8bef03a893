//! Native halves of `tty` and `readline`: raw mode and window size of a terminal, and the
//! column width of a character (node's ICU-based string width, for readline's cursor).

use std::collections::HashMap;
use std::sync::{Mutex, Once};

use unicode_width::UnicodeWidthChar;

use super::bindings::binding_object;

/// The terminal settings each descriptor had before its first setRawMode(true), restored by
/// setRawMode(false) (libuv's saved original mode).
static ORIGINAL_MODES: Mutex<Option<HashMap<i32, libc::termios>>> = Mutex::new(None);

/// `binding.tty()`: terminals (node's internalBinding('tty_wrap')).
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "setRawMode" => set_raw_mode,
        "windowSize" => window_size,
        "isWide" => is_wide,
        "isatty" => super::os::isatty,
    });
    rv.set(object.into());
}

/// setRawMode(fd, raw): 0, or the errno of the failed tcgetattr/tcsetattr. Raw mode is libuv's
/// UV_TTY_MODE_RAW: no echo, no line editing, no signal keys, bytes as they come.
fn set_raw_mode(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let fd = args.get(0).int32_value(scope).unwrap_or(-1);
    let raw = args.get(1).boolean_value(scope);
    if (0..=2).contains(&fd) {
        remember_stdio();
    }
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

/// What one stdio descriptor was when the process first changed it: which file it is, its
/// status flags, and a terminal's settings.
struct StdioState {
    device: libc::dev_t,
    inode: libc::ino_t,
    flags: libc::c_int,
    terminal: Option<libc::termios>,
}

static STDIO_STATES: Mutex<[Option<StdioState>; 3]> = Mutex::new([None, None, None]);
static REMEMBER_STDIO: Once = Once::new();

/// Notes what fds 0-2 are before the process changes them (a stream makes its descriptor
/// non-blocking, setRawMode changes a terminal), and has them put back when the process
/// exits, as node's ResetStdio does.
pub(super) fn remember_stdio() {
    REMEMBER_STDIO.call_once(|| {
        let mut states = STDIO_STATES.lock().unwrap();
        for (fd, slot) in states.iter_mut().enumerate() {
            let fd = fd as libc::c_int;
            // SAFETY: fstat, fcntl and tcgetattr fill locals for a descriptor number.
            unsafe {
                let mut stat: libc::stat = std::mem::zeroed();
                if libc::fstat(fd, &mut stat) != 0 {
                    continue;
                }
                let flags = libc::fcntl(fd, libc::F_GETFL);
                let mut mode: libc::termios = std::mem::zeroed();
                let terminal = (libc::isatty(fd) == 1 && libc::tcgetattr(fd, &mut mode) == 0).then_some(mode);
                *slot = Some(StdioState { device: stat.st_dev, inode: stat.st_ino, flags, terminal });
            }
        }
        let any_terminal = states.iter().flatten().any(|state| state.terminal.is_some());
        drop(states);
        // SAFETY: registers a plain function to run at exit.
        unsafe { libc::atexit(reset_stdio) };
        if any_terminal {
            reset_on_fatal_signals();
        }
    });
}

/// SIGINT and SIGTERM, while nothing else handles them, put the terminal back before they
/// end the process, as node's SignalExit does (a listener's libuv watcher replaces this).
fn reset_on_fatal_signals() {
    for signal in [libc::SIGINT, libc::SIGTERM] {
        // SAFETY: reads the current disposition and, if it is the default, installs a
        // one-shot handler (SA_RESETHAND restores the default on delivery).
        unsafe {
            let mut current: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(signal, std::ptr::null(), &mut current) != 0 || current.sa_sigaction != libc::SIG_DFL {
                continue;
            }
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = exit_on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
            action.sa_flags = libc::SA_RESETHAND;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(signal, &action, std::ptr::null_mut());
        }
    }
}

extern "C" fn exit_on_signal(signal: libc::c_int) {
    reset_stdio();
    // SAFETY: the disposition is the default again (SA_RESETHAND): the signal, unblocked when
    // this handler returns, ends the process as it would have.
    unsafe { libc::raise(signal) };
}

/// At exit: each stdio descriptor still on the same file gets its O_NONBLOCK flag and its
/// terminal settings back (with SIGTTOU blocked, so a background process is not stopped).
/// Only async-signal-safe calls once the states are had (it runs in a signal handler too).
extern "C" fn reset_stdio() {
    let Ok(states) = STDIO_STATES.try_lock() else { return };
    for (fd, state) in states.iter().enumerate() {
        let Some(state) = state else { continue };
        let fd = fd as libc::c_int;
        // SAFETY: fstat, fcntl, sigprocmask and tcsetattr on locals and a descriptor number.
        unsafe {
            let mut stat: libc::stat = std::mem::zeroed();
            if libc::fstat(fd, &mut stat) != 0 || stat.st_dev != state.device || stat.st_ino != state.inode {
                continue;
            }
            let flags = libc::fcntl(fd, libc::F_GETFL);
            if state.flags >= 0 && flags >= 0 && (flags ^ state.flags) & libc::O_NONBLOCK != 0 {
                libc::fcntl(fd, libc::F_SETFL, (flags & !libc::O_NONBLOCK) | (state.flags & libc::O_NONBLOCK));
            }
            if let Some(mode) = &state.terminal {
                let mut blocked: libc::sigset_t = std::mem::zeroed();
                let mut previous: libc::sigset_t = std::mem::zeroed();
                libc::sigemptyset(&mut blocked);
                libc::sigaddset(&mut blocked, libc::SIGTTOU);
                libc::pthread_sigmask(libc::SIG_BLOCK, &blocked, &mut previous);
                while libc::tcsetattr(fd, libc::TCSANOW, mode) != 0 && *libc::__errno_location() == libc::EINTR {}
                libc::pthread_sigmask(libc::SIG_SETMASK, &previous, std::ptr::null_mut());
            }
        }
    }
}
