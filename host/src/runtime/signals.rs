//! Process signal events (`process.on('SIGINT', ...)`): one libuv signal watcher per signal
//! listened for, unreferenced as node's are (listening alone does not keep the process alive),
//! each delivery posted to the JS thread as `emitSignal(id)`. Stopping the last watcher of a
//! signal gives it back its default disposition (libuv's doing, as under node).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ffi::{c_int, c_void};

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

/// The `signals` binding object.
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "start" => start,
        "stop" => stop,
    });
    rv.set(object.into());
}
