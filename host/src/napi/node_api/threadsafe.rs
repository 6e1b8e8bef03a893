//! Threadsafe functions: any thread queues calls; a libuv async handle wakes the JS
//! thread, which runs them. Released by every thread (or aborted), or at env teardown,
//! the function closes: what is still queued is handed to call_js_cb with a NULL env, then
//! its finalizer runs. As in Node 24, threads that still hold it then keep getting
//! napi_closing: its memory is freed when the last of them is done with it.

use std::collections::VecDeque;
use std::ffi::c_void;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Condvar, Mutex};

use napi_sys::*;

use crate::napi::boundary::Status;
use crate::napi::env::Env;
use crate::napi::node_api::async_context::new_async_resource;
use crate::napi::reference::Finalizer;
use crate::napi::value::{check_arg, from_napi, out, to_napi};
use crate::napi::async_resource::{AsyncResource, CallbackScope, Frame};
use crate::napi::cleanup::{add_cleanup_hook, remove_cleanup_hook, CleanupHook};
use crate::uv::AsyncHandle;

const DISPATCH_IDLE: u8 = 0;
const DISPATCH_RUNNING: u8 = 1;
const DISPATCH_PENDING: u8 = 2;
/// Calls run per wake-up before yielding to the rest of the loop.
const MAX_ITERATIONS: u32 = 1000;

struct Queue {
    calls: VecDeque<usize>,
    thread_count: usize,
    is_closing: bool,
    /// Finalized on the JS thread: freed when `thread_count` reaches 0.
    finalized: bool,
}

pub struct ThreadsafeFunction {
    env: *mut Env,
    queue: Mutex<Queue>,
    /// Signalled when a full queue gets room, or the function closes.
    room: Condvar,
    max_queue_size: usize,
    dispatch_state: AtomicU8,
    context: *mut c_void,
    function: Option<v8::Global<v8::Function>>,
    finalizer: Finalizer,
    call_js: napi_threadsafe_function_call_js,
    /// Taken (under the queue's lock) when the function is finalized.
    wake: Option<AsyncHandle>,
    /// JS thread only: the handle is being closed.
    handles_closing: bool,
    /// Taken when the function is finalized, on the JS thread.
    resource: Option<AsyncResource>,
}

// SAFETY: other threads only touch `queue`, `room`, `dispatch_state` and `wake.send()`
// (under the queue's lock); everything else is used on the JS thread, and what holds V8
// handles is released there when the function is finalized, before another thread may free it.
unsafe impl Send for ThreadsafeFunction {}
unsafe impl Sync for ThreadsafeFunction {}

/// The default call_js_cb: calls the function with no arguments.
unsafe extern "C" fn call_without_arguments(env: napi_env, callback: napi_value, _context: *mut c_void, _data: *mut c_void) {
    if env.is_null() || callback.is_null() {
        return;
    }
    unsafe {
        let mut undefined = std::ptr::null_mut();
        if napi_get_undefined(env, &mut undefined) != napi_ok {
            napi_throw_error(env, c"ERR_NAPI_TSFN_GET_UNDEFINED".as_ptr(), c"Failed to retrieve undefined value".as_ptr());
            return;
        }
        let status = napi_call_function(env, undefined, callback, 0, std::ptr::null(), std::ptr::null_mut());
        if status != napi_ok && status != napi_pending_exception {
            napi_throw_error(env, c"ERR_NAPI_TSFN_CALL_JS".as_ptr(), c"Failed to call JS callback".as_ptr());
        }
    }
}

impl ThreadsafeFunction {
    fn call_js(&self) -> unsafe extern "C" fn(napi_env, napi_value, *mut c_void, *mut c_void) {
        self.call_js.unwrap_or(call_without_arguments)
    }

    /// Queues a call; a full queue blocks or fails per `mode`. A closing function counts the
    /// caller out (it must not use the function again) and says napi_closing.
    ///
    /// # Safety
    /// `this` is a live function the calling thread holds (it may be freed on return).
    unsafe fn push(this: *mut ThreadsafeFunction, data: *mut c_void, mode: napi_threadsafe_function_call_mode) -> napi_status {
        // SAFETY: as the caller guarantees.
        let function = unsafe { &*this };
        let mut queue = function.queue.lock().unwrap();
        while function.max_queue_size > 0 && queue.calls.len() >= function.max_queue_size && !queue.is_closing {
            if mode == napi_tsfn_nonblocking {
                return napi_queue_full;
            }
            queue = function.room.wait(queue).unwrap();
        }
        if queue.is_closing {
            if queue.thread_count == 0 {
                return napi_invalid_arg;
            }
            queue.thread_count -= 1;
            // SAFETY: the caller's hold was counted out above.
            unsafe { Self::free_if_done(this, queue) };
            return napi_closing;
        }
        queue.calls.push_back(data as usize);
        function.send();
        napi_ok
    }

    /// Frees a finalized function the last thread holding it let go of.
    ///
    /// # Safety
    /// `this` is live; `queue` is its locked queue; the caller does not use it again.
    unsafe fn free_if_done(this: *mut ThreadsafeFunction, queue: std::sync::MutexGuard<Queue>) {
        let done = queue.finalized && queue.thread_count == 0;
        drop(queue);
        if done {
            // SAFETY: finalized (the JS thread is done with it) and no thread holds it.
            drop(unsafe { Box::from_raw(this) });
        }
    }

    fn acquire(&self) -> napi_status {
        let mut queue = self.queue.lock().unwrap();
        if queue.is_closing {
            return napi_closing;
        }
        queue.thread_count += 1;
        napi_ok
    }

    /// A thread is done with the function.
    ///
    /// # Safety
    /// `this` is a live function the calling thread holds (it may be freed on return).
    unsafe fn release(this: *mut ThreadsafeFunction, mode: napi_threadsafe_function_release_mode) -> napi_status {
        // SAFETY: as the caller guarantees.
        let function = unsafe { &*this };
        let mut queue = function.queue.lock().unwrap();
        if queue.thread_count == 0 {
            return napi_invalid_arg;
        }
        queue.thread_count -= 1;
        if (queue.thread_count == 0 || mode == napi_tsfn_abort) && !queue.is_closing {
            queue.is_closing = mode == napi_tsfn_abort;
            if queue.is_closing && function.max_queue_size > 0 {
                function.room.notify_all();
            }
            function.send();
        }
        // SAFETY: the caller's hold was counted out above.
        unsafe { Self::free_if_done(this, queue) };
        napi_ok
    }

    /// Wakes the JS thread unless a dispatch is already running (it will see the work).
    /// Other threads call it holding the queue's lock, so the handle is not taken meanwhile.
    fn send(&self) {
        let state = self.dispatch_state.fetch_or(DISPATCH_PENDING, Ordering::AcqRel);
        if state & DISPATCH_RUNNING == DISPATCH_RUNNING {
            return;
        }
        if let Some(wake) = &self.wake {
            wake.send();
        }
    }

    /// Runs queued calls on the JS thread, up to MAX_ITERATIONS per wake-up.
    fn dispatch(this: *mut ThreadsafeFunction, scope: &mut v8::PinScope) {
        let mut has_more = true;
        let mut iterations_left = MAX_ITERATIONS;
        while has_more && iterations_left > 0 {
            iterations_left -= 1;
            // SAFETY: live until finalized, which only happens on this thread below.
            let function = unsafe { &*this };
            function.dispatch_state.store(DISPATCH_RUNNING, Ordering::Release);
            let (more, closed) = Self::dispatch_one(this, scope);
            if closed {
                return;
            }
            has_more = more;
            if function.dispatch_state.swap(DISPATCH_IDLE, Ordering::AcqRel) != DISPATCH_RUNNING {
                has_more = true;
            }
        }
        if has_more {
            // SAFETY: as above.
            unsafe { (*this).send() };
        }
    }

    /// Runs one queued call; returns (more are queued, the function started closing).
    fn dispatch_one(this: *mut ThreadsafeFunction, scope: &mut v8::PinScope) -> (bool, bool) {
        // SAFETY: live until finalized.
        let function = unsafe { &mut *this };
        let popped = {
            let mut queue = function.queue.lock().unwrap();
            if queue.is_closing {
                drop(queue);
                Self::close(this);
                return (false, true);
            }
            let size = queue.calls.len();
            let popped = queue.calls.pop_front();
            if popped.is_some() && size == function.max_queue_size && function.max_queue_size > 0 {
                function.room.notify_one();
            }
            if queue.calls.is_empty() && queue.thread_count == 0 {
                queue.is_closing = true;
                if function.max_queue_size > 0 {
                    function.room.notify_all();
                }
                drop(queue);
                if let Some(data) = popped {
                    function.run_call(scope, data);
                }
                Self::close(this);
                return (false, true);
            }
            let more = !queue.calls.is_empty();
            drop(queue);
            (popped, more)
        };
        let (popped, more) = popped;
        if let Some(data) = popped {
            function.run_call(scope, data);
        }
        (more, false)
    }

    /// Hands one call to call_js_cb with the JS function, in a callback scope.
    fn run_call(&self, scope: &mut v8::PinScope, data: usize) {
        v8::scope!(let scope, scope);
        let callback = self.function.as_ref().map_or(std::ptr::null_mut(), |f| to_napi(v8::Local::new(scope, f)));
        let call_js = self.call_js();
        let context = self.context;
        // SAFETY: the env is freed only after its threadsafe functions were finalized.
        let env = unsafe { &mut *self.env };
        let callback_scope = CallbackScope::open(scope, self.resource.as_ref().map(|resource| (resource, Frame::Kept)), false);
        env.call_from_loop_with_policy(scope, false, |env| unsafe { call_js(env.cast(), callback, context, data as *mut c_void) });
        callback_scope.close(scope, true);
    }

    /// Closes the async handle (once); finalization follows when libuv reports it closed.
    fn close(this: *mut ThreadsafeFunction) {
        // SAFETY: JS thread; live until finalized.
        let function = unsafe { &mut *this };
        if std::mem::replace(&mut function.handles_closing, true) {
            return;
        }
        match function.wake.as_mut() {
            Some(wake) => wake.close(on_handle_closed),
            None => Self::finalize(this),
        }
    }

    /// Hands what is still queued to call_js_cb without an env, then runs the finalizer
    /// (after the queue, as Node 24 does: the finalizer may free the context those calls
    /// need), releases what the JS thread holds, and frees the function unless threads
    /// still hold it (the last to let go frees it).
    fn finalize(this: *mut ThreadsafeFunction) {
        // SAFETY: the JS thread's use of the function ends here; other threads only lock
        // its queue, which stays until they are done.
        let function = unsafe { &mut *this };
        remove_cleanup_hook(|hook| matches!(hook, CleanupHook::Native { arg, .. } if *arg == this.cast()));
        // SAFETY: the env is freed only after its threadsafe functions were finalized.
        let env = unsafe { &mut *function.env };
        let call_js = function.call_js();
        let pending: Vec<usize> = function.queue.lock().unwrap().calls.drain(..).collect();
        for data in pending {
            // SAFETY: as node does: no env and no function for calls that never ran.
            unsafe { call_js(std::ptr::null_mut(), std::ptr::null_mut(), function.context, data as *mut c_void) };
        }
        if let Some(callback) = function.finalizer.callback {
            // Runs from libuv's close callback, inside the loop's handle scope and context.
            v8::callback_scope!(unsafe scope, env.context());
            let (data, hint) = (function.finalizer.data, function.finalizer.hint);
            env.call_from_loop_with_policy(scope, false, |env| unsafe { callback(env.cast(), data, hint) });
        }
        if let Some(resource) = function.resource.take() {
            resource.destroy(env.isolate());
        }
        function.function = None;
        let mut queue = function.queue.lock().unwrap();
        // Closed: no thread sends any more, and the handle's memory may go.
        function.wake = None;
        queue.finalized = true;
        // SAFETY: the JS thread does not use it again.
        unsafe { Self::free_if_done(this, queue) };
    }
}

unsafe extern "C" fn on_wake(handle: *mut c_void) {
    // SAFETY: the handle's data is its ThreadsafeFunction.
    let this = unsafe { AsyncHandle::data_of(handle) }.cast::<ThreadsafeFunction>();
    let env = unsafe { &mut *(*this).env };
    v8::callback_scope!(unsafe scope, env.context());
    ThreadsafeFunction::dispatch(this, scope);
}

unsafe extern "C" fn on_handle_closed(handle: *mut c_void) {
    // SAFETY: as in on_wake.
    let this = unsafe { AsyncHandle::data_of(handle) }.cast::<ThreadsafeFunction>();
    ThreadsafeFunction::finalize(this);
}

/// Env teardown: close (pending calls are dropped to call_js_cb with a NULL env).
fn on_teardown(arg: *mut c_void, _scope: &mut v8::PinScope) {
    let this = arg.cast::<ThreadsafeFunction>();
    // SAFETY: the hook is removed when the function is finalized, so it is live here.
    let function = unsafe { &*this };
    {
        let mut queue = function.queue.lock().unwrap();
        queue.is_closing = true;
        if function.max_queue_size > 0 {
            function.room.notify_all();
        }
    }
    ThreadsafeFunction::close(this);
}

/// The function behind a `napi_threadsafe_function`.
fn function<'a>(func: napi_threadsafe_function) -> Option<&'a ThreadsafeFunction> {
    // SAFETY: a non-null handle is one napi_create_threadsafe_function returned.
    unsafe { func.cast::<ThreadsafeFunction>().as_ref() }
}

napi! {
    /// A function any thread can queue calls to; they run on the JS thread.
    fn napi_create_threadsafe_function(env: NoJs, scope, func: napi_value, async_resource: napi_value, async_resource_name: napi_value,
        max_queue_size: usize, initial_thread_count: usize, thread_finalize_data: *mut c_void, thread_finalize_cb: napi_finalize,
        context: *mut c_void, call_js_cb: napi_threadsafe_function_call_js, result: *mut napi_threadsafe_function) {
        check_arg(async_resource_name)?;
        if initial_thread_count == 0 {
            return Err(Status::InvalidArg.into());
        }
        let result = out(result)?;
        let function = if func.is_null() {
            check_arg(call_js_cb.map_or(std::ptr::null(), |f| f as *const c_void))?;
            None
        } else {
            let function = v8::Local::<v8::Function>::try_from(from_napi(func)?).map_err(|_| Status::InvalidArg)?;
            Some(v8::Global::new(scope, function))
        };
        let resource = new_async_resource(env, scope, async_resource, async_resource_name)?;
        let threadsafe = Box::into_raw(Box::new(ThreadsafeFunction {
            env,
            queue: Mutex::new(Queue { calls: VecDeque::new(), thread_count: initial_thread_count, is_closing: false, finalized: false }),
            room: Condvar::new(),
            max_queue_size,
            dispatch_state: AtomicU8::new(DISPATCH_IDLE),
            context,
            function,
            finalizer: Finalizer { callback: thread_finalize_cb, data: thread_finalize_data, hint: context },
            call_js: call_js_cb,
            wake: None,
            handles_closing: false,
            resource: Some(resource),
        }));
        let Some(wake) = AsyncHandle::new(threadsafe.cast(), on_wake) else {
            // SAFETY: not shared yet.
            drop(unsafe { Box::from_raw(threadsafe) });
            return Err(Status::GenericFailure.into());
        };
        // SAFETY: not shared yet.
        unsafe { (*threadsafe).wake = Some(wake) };
        add_cleanup_hook(CleanupHook::Native { run: on_teardown, arg: threadsafe.cast() });
        *result = threadsafe.cast();
        Ok(())
    }

    /// Stops the function from keeping the loop alive.
    fn napi_unref_threadsafe_function(env: Basic, _, func: napi_threadsafe_function) {
        check_arg(func)?;
        // SAFETY: JS thread; a live function.
        if let Some(wake) = unsafe { (*func.cast::<ThreadsafeFunction>()).wake.as_mut() } {
            wake.set_ref(false);
        }
        Ok(())
    }

    /// Lets the function keep the loop alive again.
    fn napi_ref_threadsafe_function(env: Basic, _, func: napi_threadsafe_function) {
        check_arg(func)?;
        // SAFETY: JS thread; a live function.
        if let Some(wake) = unsafe { (*func.cast::<ThreadsafeFunction>()).wake.as_mut() } {
            wake.set_ref(true);
        }
        Ok(())
    }
}

napi_no_env! {
    /// The context given at creation.
    fn napi_get_threadsafe_function_context(func: napi_threadsafe_function, result: *mut *mut c_void) -> napi_status {
        match (function(func), unsafe { result.as_mut() }) {
            (Some(function), Some(result)) => {
                *result = function.context;
                napi_ok
            }
            _ => napi_invalid_arg,
        }
    }

    /// Queues a call from any thread (blocking or failing with napi_queue_full when full).
    fn napi_call_threadsafe_function(func: napi_threadsafe_function, data: *mut c_void, is_blocking: napi_threadsafe_function_call_mode) -> napi_status {
        match function(func) {
            // SAFETY: a live function the calling thread holds.
            Some(_) => unsafe { ThreadsafeFunction::push(func.cast(), data, is_blocking) },
            None => napi_invalid_arg,
        }
    }

    /// Registers one more thread using the function.
    fn napi_acquire_threadsafe_function(func: napi_threadsafe_function) -> napi_status {
        function(func).map_or(napi_invalid_arg, |function| function.acquire())
    }

    /// A thread is done with the function (napi_tsfn_abort closes it for all).
    fn napi_release_threadsafe_function(func: napi_threadsafe_function, mode: napi_threadsafe_function_release_mode) -> napi_status {
        match function(func) {
            // SAFETY: a live function the calling thread holds.
            Some(_) => unsafe { ThreadsafeFunction::release(func.cast(), mode) },
            None => napi_invalid_arg,
        }
    }
}
