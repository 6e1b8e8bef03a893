//! Process signal events (`process.on('SIGINT', ...)`): one libuv signal watcher per signal
//! listened for, unreferenced as node's are (listening alone does not keep the process alive),
//! each delivery posted to the JS thread as `emitSignal(id)`. Stopping the last watcher of a
//! signal gives it back its default disposition (libuv's doing, as under node).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ffi::{c_int, c_void};
use std::sync::atomic::{AtomicI32, Ordering};

use super::bindings::binding_object;
use super::internals::Internal;
use super::state::RuntimeState;
use super::tasks::TaskSender;
use crate::uv::SignalHandle;

struct Watch {
    id: u32,
    tasks: TaskSender,
    handle: Option<SignalHandle>,
}

thread_local! {
    static WATCHES: RefCell<HashMap<u32, *mut Watch>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

unsafe extern "C" fn on_signal(handle: *mut c_void, _signum: c_int) {
    // SAFETY: the handle's data is its Watch, alive until the handle's close callback.
    let watch = unsafe { &*SignalHandle::data_of(handle).cast::<Watch>() };
    let id = watch.id;
    let _ = watch.tasks.send(Box::new(move |scope: &mut v8::PinScope| {
        let id = v8::Integer::new_from_unsigned(scope, id).into();
        super::call_internal(scope, Internal::EmitSignal, &[id]);
    }));
}

unsafe extern "C" fn on_closed(handle: *mut c_void) {
    // SAFETY: the Watch was leaked for the handle's life; libuv is done with the handle.
    drop(unsafe { Box::from_raw(SignalHandle::data_of(handle).cast::<Watch>()) });
}

/// start(signum): a watcher's id, or a negative errno (uv_signal_start's).
fn start(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let signum = args.get(0).int32_value(scope).unwrap_or(0);
    let id = NEXT_ID.with(|next| next.replace(next.get() + 1));
    let tasks = RuntimeState::get(scope).tasks_tx.clone();
    let watch = Box::into_raw(Box::new(Watch { id, tasks, handle: None }));
    match SignalHandle::start(watch.cast(), signum, on_signal) {
        Ok(mut handle) => {
            handle.set_ref(false);
            // SAFETY: the Watch just leaked; only this thread touches it.
            unsafe { (*watch).handle = Some(handle) };
            WATCHES.with(|watches| watches.borrow_mut().insert(id, watch));
            rv.set_uint32(id);
        }
        Err(errno) => {
            // SAFETY: never handed to a running handle (a failed start closes its own).
            drop(unsafe { Box::from_raw(watch) });
            rv.set_int32(errno);
        }
    }
}

/// stop(id): stops the watcher and frees it once libuv has closed it.
fn stop(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(id) = args.get(0).uint32_value(scope) else { return };
    if let Some(watch) = WATCHES.with(|watches| watches.borrow_mut().remove(&id)) {
        // SAFETY: a live Watch of this thread; freed by on_closed.
        if let Some(handle) = unsafe { (*watch).handle.as_mut() } {
            handle.close(on_closed);
        }
    }
}

/// The write end of the running SIGINT watchdog's pipe (-1 when none runs).
static SIGINT_PIPE: AtomicI32 = AtomicI32::new(-1);

extern "C" fn on_sigint(_: c_int) {
    let fd = SIGINT_PIPE.load(Ordering::Relaxed);
    if fd >= 0 {
        // SAFETY: write(2) is async-signal-safe; one byte to a pipe.
        unsafe { libc::write(fd, b"i".as_ptr().cast(), 1) };
    }
}

/// While a watchdog runs (vm's breakOnSigint, --trace-sigint), SIGINT is its: the signal's
/// handler writes to a pipe (async-signal-safe) and a thread reading it calls the watchdog's
/// `on_signal`. A watchdog started while another runs takes the signal until it stops (node's
/// SigintWatchdogHelper's stack); then the previous handler (the outer watchdog's, libuv's or
/// the default) comes back.
pub(super) struct SigintWatchdog {
    previous: libc::sigaction,
    previous_pipe: c_int,
    write_fd: c_int,
    thread: std::thread::JoinHandle<bool>,
}

impl SigintWatchdog {
    pub(super) fn start(on_signal: impl Fn() + Send + 'static) -> Option<SigintWatchdog> {
        let mut fds = [0; 2];
        // SAFETY: pipe2 fills two descriptors.
        if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
            return None;
        }
        let [read_fd, write_fd] = fds;
        let previous_pipe = SIGINT_PIPE.swap(write_fd, Ordering::AcqRel);
        // SAFETY: a zeroed sigaction is valid; the handler only writes to the pipe.
        let previous = unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_sigint as *const () as usize;
            action.sa_flags = libc::SA_RESTART;
            libc::sigemptyset(&mut action.sa_mask);
            let mut previous: libc::sigaction = std::mem::zeroed();
            libc::sigaction(libc::SIGINT, &action, &mut previous);
            previous
        };
        let thread = std::thread::spawn(move || {
            let mut interrupted = false;
            loop {
                let mut byte = 0u8;
                // SAFETY: reads one byte into `byte`.
                let read = unsafe { libc::read(read_fd, (&mut byte as *mut u8).cast(), 1) };
                if read == 1 && byte == b'i' {
                    interrupted = true;
                    on_signal();
                } else if read == 1 || read == 0 || std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
                    break;
                }
            }
            // SAFETY: the thread's own descriptor.
            unsafe { libc::close(read_fd) };
            interrupted
        });
        Some(SigintWatchdog { previous, previous_pipe, write_fd, thread })
    }

    /// Gives SIGINT back to the previous handler and ends the thread; whether a SIGINT came.
    pub(super) fn stop(self) -> bool {
        // SAFETY: restores the handler saved by start; the pipe's write end is ours.
        unsafe {
            libc::sigaction(libc::SIGINT, &self.previous, std::ptr::null_mut());
            SIGINT_PIPE.store(self.previous_pipe, Ordering::Release);
            libc::write(self.write_fd, b"s".as_ptr().cast(), 1);
            libc::close(self.write_fd);
        }
        self.thread.join().unwrap_or(false)
    }
}

thread_local! {
    /// --trace-sigint's (util.setTraceSigInt's) watchdog while it runs, and the context its
    /// report is made in.
    static TRACE_SIGINT: RefCell<Option<(SigintWatchdog, v8::Global<v8::Context>)>> = const { RefCell::new(None) };
}

/// traceSigintStart(): SIGINT prints where the program was (node's TraceSigintWatchdog).
/// Running JS hears it from an interrupt, with its stack; an idle loop, from a task.
fn trace_sigint_start(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    if TRACE_SIGINT.with(|trace| trace.borrow().is_some()) {
        return;
    }
    let isolate = scope.thread_safe_handle();
    let tasks = RuntimeState::get(scope).tasks_tx.clone();
    let Some(watchdog) = SigintWatchdog::start(move || {
        isolate.request_interrupt(report_sigint_in_js, std::ptr::null_mut());
        let _ = tasks.send(Box::new(|scope: &mut v8::PinScope| report_sigint(scope, false)));
    }) else {
        return;
    };
    let context = scope.get_current_context();
    let context = v8::Global::new(scope, context);
    TRACE_SIGINT.with(|trace| *trace.borrow_mut() = Some((watchdog, context)));
}

/// traceSigintStop(): SIGINT goes back to its previous handler.
fn trace_sigint_stop(_scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    if let Some((watchdog, _)) = TRACE_SIGINT.with(|trace| trace.borrow_mut().take()) {
        watchdog.stop();
    }
}

unsafe extern "C" fn report_sigint_in_js(mut isolate: v8::UnsafeRawIsolatePtr, _data: *mut c_void) {
    // SAFETY: V8 runs interrupts on the isolate's thread, inside JS it runs.
    let isolate = unsafe { v8::Isolate::ref_from_raw_isolate_ptr_mut_unchecked(&mut isolate) };
    let Some(context) = TRACE_SIGINT.with(|trace| trace.borrow().as_ref().map(|(_, context)| context.clone())) else { return };
    v8::scope_with_context!(let scope, isolate, &context);
    report_sigint(scope, true);
}

/// Node's report of a traced SIGINT (once, while the watchdog runs): the message, the JS
/// stack when JS was running, then the process ends by the signal.
fn report_sigint(scope: &mut v8::PinScope, in_js: bool) {
    let Some((watchdog, _)) = TRACE_SIGINT.with(|trace| trace.borrow_mut().take()) else { return };
    let mut text = String::from("KEYBOARD_INTERRUPT: Script execution was interrupted by `SIGINT`\n");
    if in_js {
        if let Some(trace) = v8::StackTrace::current_stack_trace(scope, 10) {
            text.push_str(&super::fatal::format_stack_trace(scope, trace, 0, 10));
        }
    }
    super::bindings::write_stderr(&text);
    watchdog.stop();
    super::bindings::flush_stdio();
    // SAFETY: the default action of SIGINT ends the process, as node's re-raised signal.
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_DFL);
        libc::raise(libc::SIGINT);
    }
}

/// The `signals` binding object.
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "start" => start,
        "stop" => stop,
        "traceSigintStart" => trace_sigint_start,
        "traceSigintStop" => trace_sigint_stop,
    });
    rv.set(object.into());
}
