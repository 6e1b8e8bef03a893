//! Async work on libuv's thread pool, as node does it: `execute` on a pool thread,
//! `complete` back on the JS thread with napi_ok or napi_cancelled.

use std::cell::Cell;
use std::ffi::{c_int, c_void};

use napi_sys::*;

use crate::napi::boundary::Status;
use crate::napi::env::Env;
use crate::napi::node_api::async_context::new_async_resource;
use crate::napi::value::{check_arg, out};
use crate::napi::async_resource::{AsyncResource, CallbackScope, Frame};
use crate::uv::{WorkRequest, UV_ECANCELED, UV_EINVAL};

struct AsyncWork {
    env: *mut Env,
    execute: napi_async_execute_callback,
    complete: napi_async_complete_callback,
    data: *mut c_void,
    request: WorkRequest,
    resource: AsyncResource,
}

thread_local! {
    /// Work items queued from this thread whose `complete` has not run yet.
    static QUEUED: Cell<usize> = const { Cell::new(0) };
}

/// Runs the loop until every queued work item has completed: teardown waits for them
/// before the cleanup hooks (as node's CleanupHandles waits for its thread-pool requests),
/// so no `complete` runs after its env is freed.
pub(crate) fn complete_queued() {
    while QUEUED.get() > 0 {
        crate::uv::run_once();
    }
}

/// The work behind a `napi_async_work`; NULL is napi_invalid_arg.
fn work<'a>(work: napi_async_work) -> crate::napi::boundary::Result<&'a mut AsyncWork> {
    check_arg(work)?;
    // SAFETY: a non-null napi_async_work is one napi_create_async_work returned.
    Ok(unsafe { &mut *work.cast::<AsyncWork>() })
}

/// Runs on a pool thread.
unsafe extern "C" fn execute(req: *mut c_void) {
    // SAFETY: the request's data is its AsyncWork, live while queued.
    let work = unsafe { &*WorkRequest::data_of(req).cast::<AsyncWork>() };
    if let Some(execute) = work.execute {
        unsafe { execute(work.env.cast(), work.data) };
    }
}

/// Runs on the JS thread, from the loop's libuv phase; `complete` may delete the work.
unsafe extern "C" fn after(req: *mut c_void, status: c_int) {
    QUEUED.set(QUEUED.get() - 1);
    // SAFETY: as in execute; nothing touches the work after `complete`.
    let work = unsafe { &*WorkRequest::data_of(req).cast::<AsyncWork>() };
    let (env, complete, data) = (work.env, work.complete, work.data);
    let status = match status {
        0 => napi_ok,
        UV_ECANCELED => napi_cancelled,
        UV_EINVAL => napi_invalid_arg,
        _ => napi_generic_failure,
    };
    let Some(complete) = complete else { return };
    // SAFETY: an env is freed only once its queued work completed (see `complete_queued`);
    // the loop runs libuv inside a context.
    let env = unsafe { &mut *env };
    v8::callback_scope!(unsafe scope, env.context());
    // `complete` may delete the work: the scope is left with what was taken before.
    let callback_scope = CallbackScope::open(scope, Some((&work.resource, Frame::Kept)), false);
    env.call_from_loop(scope, |env| unsafe { complete(env.cast(), status, data) });
    callback_scope.close(scope, true);
}

napi! {
    /// An async work item: `execute` runs on the pool, `complete` on the JS thread.
    fn napi_create_async_work(env: NoJs, scope, async_resource: napi_value, async_resource_name: napi_value,
        execute: napi_async_execute_callback, complete: napi_async_complete_callback, data: *mut c_void, result: *mut napi_async_work) {
        check_arg(execute.map_or(std::ptr::null(), |f| f as *const c_void))?;
        let result = out(result)?;
        let resource = new_async_resource(env, scope, async_resource, async_resource_name)?;
        let work = Box::into_raw(Box::new(AsyncWork { env, execute, complete, data, request: WorkRequest::new(), resource }));
        // SAFETY: just allocated; the request points back at its work.
        unsafe { (*work).request.set_data(work.cast()) };
        *result = work.cast();
        Ok(())
    }

    /// Frees an async work item; its destroy hooks run from the loop.
    fn napi_delete_async_work(env: NoJs, _, work: napi_async_work) {
        check_arg(work)?;
        // SAFETY: the addon deletes each work item once, when it is not queued.
        let work = unsafe { Box::from_raw(work.cast::<AsyncWork>()) };
        work.resource.destroy(env.isolate());
        Ok(())
    }

    /// Queues the work on libuv's pool; it keeps the loop alive until `complete` has run.
    fn napi_queue_async_work(env: Basic, _, work: napi_async_work) {
        let work = self::work(work)?;
        if work.request.queue(execute, after) != 0 {
            return Err(Status::GenericFailure.into());
        }
        QUEUED.set(QUEUED.get() + 1);
        Ok(())
    }

    /// Cancels work that has not started: `complete` then gets napi_cancelled.
    fn napi_cancel_async_work(env: Basic, _, work: napi_async_work) {
        let work = self::work(work)?;
        match work.request.cancel() {
            0 => Ok(()),
            UV_EINVAL => Err(Status::InvalidArg.into()),
            _ => Err(Status::GenericFailure.into()),
        }
    }
}
