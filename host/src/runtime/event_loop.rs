//! Node's event loop on tokio: timers, tasks from other threads and libuv's ready callbacks
//! (the poll phase), native then JS immediates (the check phase), 'beforeExit', and the wait
//! for the next event; ticks and microtasks drain after each callback.

use std::rc::Rc;
use std::time::{Duration, Instant};

use super::internals::Internal;
use super::trace_events::{self as trace, BOOTSTRAP, ENVIRONMENT};
use super::{async_hooks, call_internal, field, RuntimeState, Task};

/// libuv's backend (epoll) fd, for tokio to wait on.
pub(super) struct UvBackend(std::os::fd::RawFd);
impl std::os::fd::AsRawFd for UvBackend {
    fn as_raw_fd(&self) -> std::os::fd::RawFd {
        self.0
    }
}
/// Node's loop: timers, tasks from other threads and libuv's ready callbacks (the poll
/// phase), immediates, then wait for the next event: in tokio while it has tasks to drive
/// (a child process's pipes), else in one ppoll on the tasks' eventfd and libuv's fd.
pub(super) fn run_loop(scope: &mut v8::PinScope, state: &Rc<RuntimeState>, tokio_rt: &tokio::runtime::Runtime) {
    super::perf::loop_started(state);
    // Sync I/O is reported from the loop's first turn on, not while the program starts.
    state.trace_sync_io.set(state.options.flag("--trace-sync-io"));
    trace::emit('I', BOOTSTRAP, "loopStart", None, serde_json::json!({}));
    run_turns(scope, state, tokio_rt);
    state.trace_sync_io.set(false);
    super::perf::loop_exited(state);
    trace::emit('I', BOOTSTRAP, "loopExit", None, serde_json::json!({}));
}

/// A sync API is used (a sync fs call, spawnSync, a sync zlib or crypto job): under
/// --trace-sync-io once the loop runs, node's warning and the JS stack that called it.
pub(crate) fn report_sync_io(scope: &mut v8::PinScope) {
    let state = RuntimeState::get(scope);
    if !state.trace_sync_io.get() {
        return;
    }
    let mut text = format!("(node:{}) WARNING: Detected use of sync API\n", std::process::id());
    let limit = state.options.stack_trace_limit();
    match v8::StackTrace::current_stack_trace(scope, limit.min(i32::MAX as usize)) {
        Some(trace) => text.push_str(&super::fatal::format_stack_trace(scope, trace, 0, limit)),
        None => text.push('\n'),
    }
    super::bindings::write_stderr(&text);
}
fn run_turns(scope: &mut v8::PinScope, state: &Rc<RuntimeState>, tokio_rt: &tokio::runtime::Runtime) {
    let uv_backend = {
        let _entered = tokio_rt.enter();
        // SAFETY: libuv's backend fd stays open for the life of the process.
        unsafe { tokio::io::unix::AsyncFd::register_with_interest(UvBackend(crate::uv::backend_fd()), tokio::io::Interest::READABLE) }
            .expect("libuv's backend fd")
    };
    let stopped = || state.stopped();
    // As libuv's uv_run, a loop with nothing alive runs no phase at all (an unref'd
    // immediate never runs): 'beforeExit' comes at once.
    if !state.is_alive() {
        settle_before_exit(scope, state);
        emit_before_exit(scope);
        if !state.is_alive() {
            return;
        }
    }
    loop {
        if stopped() {
            return;
        }
        super::perf::loop_turned();
        state.update_loop_time();
        // As node's timer handle, JS is entered only when the first timer is due.
        let next_timer = state.field(field::NEXT_TIMER_MS);
        if next_timer >= 0.0 && next_timer <= state.loop_time() {
            let now = v8::Number::new(scope, state.loop_time()).into();
            let _span = trace::Span::begin(ENVIRONMENT, "RunTimers");
            run_phase(scope, Internal::ProcessTimers, &[now], stopped);
        }
        run_tasks(scope, state);
        crate::uv::run_ready();
        // The check phase: native immediates first (finalizers, destroy hooks), then JS's.
        let check_span = trace::Span::begin(ENVIRONMENT, "CheckImmediate");
        let native_span = trace::Span::begin(ENVIRONMENT, "RunAndClearNativeImmediates");
        run_native_tasks(scope, state);
        drop(native_span);
        super::perf::report_collections(scope);
        super::platform::run_foreground_tasks(scope);
        drain_ticks(scope);
        async_hooks::emit_destroyed(scope, state);
        // Node runs its native immediates in a callback scope, whose close drains ticks and
        // microtasks that native code outside any scope queued (a libuv callback's JS calls).
        drain_ticks(scope);
        if state.field(field::IMMEDIATES) > 0.0 {
            run_phase(scope, Internal::ProcessImmediates, &[], stopped);
        }
        drop(check_span);
        if !state.is_alive() {
            settle_before_exit(scope, state);
        }
        if !state.is_alive() {
            emit_before_exit(scope);
            if !state.is_alive() {
                return;
            }
        }
        if state.field(field::IMMEDIATES) > 0.0
            || !state.native_tasks.borrow().is_empty()
            || !state.destroyed_async_ids.borrow().is_empty()
            || !state.collected_resources.borrow().is_empty()
        {
            // No wait, but I/O still gets its turn, as libuv polls with a zero timeout while
            // immediates are pending: tokio's tasks run and its driver polls once (the second
            // yield runs what that poll woke), so immediates that keep queueing immediates
            // cannot starve sockets.
            if tokio_rt.metrics().num_alive_tasks() > 0 {
                tokio_rt.block_on(async {
                    tokio::task::yield_now().await;
                    tokio::task::yield_now().await;
                });
            }
            continue;
        }
        let next_timer = state.field(field::NEXT_TIMER_MS);
        let timer_deadline = (next_timer >= 0.0).then(|| state.start + Duration::from_secs_f64(next_timer.max(0.0) / 1000.0));
        let uv_timeout = crate::uv::backend_timeout();
        let uv_deadline = (uv_timeout >= 0).then(|| Instant::now() + Duration::from_millis(uv_timeout as u64));
        let deadline = [timer_deadline, uv_deadline, super::platform::next_delayed_task(scope)].into_iter().flatten().min();
        if tokio_rt.metrics().num_alive_tasks() == 0 {
            // Nothing for tokio to drive: the tasks' eventfd and libuv are all there is to
            // wait on (the next turn runs what arrived).
            super::perf::idle_while(|| state.tasks_rx.borrow().wait_with(crate::uv::backend_fd(), deadline));
            continue;
        }
        let task = super::perf::idle_while(|| tokio_rt.block_on(async {
            let mut rx = state.tasks_rx.borrow_mut();
            let sleep = async {
                match deadline {
                    Some(deadline) => tokio::time::sleep_until(deadline.into()).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                task = rx.recv() => task,
                _ = sleep => None,
                ready = uv_backend.readable() => {
                    if let Ok(mut guard) = ready {
                        guard.clear_ready();
                    }
                    None
                }
            }
        }));
        if let Some(task) = task {
            super::perf::loop_event(false);
            run_task(scope, task);
        }
    }
}
/// 'beforeExit' (node's EmitProcessBeforeExit).
fn emit_before_exit(scope: &mut v8::PinScope) {
    let _span = trace::Span::begin(ENVIRONMENT, "BeforeExit");
    call_internal(scope, Internal::EmitBeforeExit, &[]);
}
/// What runs when the loop has nothing left, before 'beforeExit': V8's background work and
/// platform tasks (a collected object's FinalizationRegistry cleanup), as node drains them,
/// and the destroy hooks queued so far. Destroy hooks queued by 'beforeExit' listeners do not
/// keep the loop alive and are not run (as node's, from an unref'd immediate).
fn settle_before_exit(scope: &mut v8::PinScope, state: &Rc<RuntimeState>) {
    // Until V8 posts no more (node's DrainTasks): a task may post the next (a memory
    // measurement's GC, then its report), and wake-ups alone do not keep the loop alive.
    loop {
        wait_for_background_work(scope, state);
        if state.stopped() || !super::platform::has_ready_tasks(scope) {
            break;
        }
        super::platform::run_foreground_tasks(scope);
        drain_ticks(scope);
    }
    async_hooks::emit_destroyed(scope, state);
    drain_ticks(scope);
}
/// Waits, as node's DrainTasks before its loop may end, while V8 has background work that
/// will post this isolate a task (an asynchronous WebAssembly compilation).
fn wait_for_background_work(isolate: &v8::Isolate, state: &RuntimeState) {
    while isolate.has_pending_background_tasks() && !super::platform::has_ready_tasks(isolate) && !state.stopped() {
        let recheck = Instant::now() + Duration::from_millis(1);
        state.tasks_rx.borrow().wait_with(crate::uv::backend_fd(), Some(recheck));
    }
}

/// Runs a loop phase's JS (due timers, immediates) as node's RunTimers and CheckImmediate
/// do: when a callback's exception was handled as uncaught, the phase is called again for
/// the rest of its timers or immediates, then the ticks the failed callback queued run.
pub(super) fn run_phase(scope: &mut v8::PinScope, internal: Internal, args: &[v8::Local<v8::Value>], stopped: impl Fn() -> bool) {
    if call_internal(scope, internal, args).is_some() {
        return;
    }
    while !stopped() && !scope.is_execution_terminating() && call_internal(scope, internal, args).is_none() {}
    if !stopped() && !scope.is_execution_terminating() {
        drain_ticks(scope);
    }
}
/// Runs the native tasks, including those they queue.
pub(super) fn run_native_tasks(scope: &mut v8::PinScope, state: &Rc<RuntimeState>) {
    loop {
        let task = state.native_tasks.borrow_mut().pop_front();
        let Some(task) = task else { return };
        v8::scope!(let scope, scope);
        task(scope);
        call_internal(scope, Internal::ProcessTicksAndRejections, &[]);
    }
}
/// Runs the tasks posted before the phase began; what they lead to (a request completed
/// meanwhile) waits for the next turn, as libuv takes its completed work once per poll, so
/// the check phase runs between one request's end and the next's.
pub(super) fn run_tasks(scope: &mut v8::PinScope, state: &RuntimeState) {
    let posted = state.tasks_rx.borrow().queued();
    for _ in 0..posted {
        let Some(task) = state.tasks_rx.borrow_mut().try_recv() else { return };
        super::perf::loop_event(true);
        run_task(scope, task);
    }
}
/// Runs process.nextTick callbacks and microtasks, as node does after each callback.
pub fn drain_ticks(scope: &mut v8::PinScope) {
    let state = RuntimeState::get(scope);
    let idle = |state: &RuntimeState| state.field(field::TICKS_QUEUED) == 0.0 && state.field(field::REJECTIONS_PENDING) == 0.0;
    if idle(&state) {
        // Node's InternalCallbackScope::Close: with no ticks the microtasks run from here,
        // still inside the scope, and JS is entered only if they queued ticks or rejections.
        state.open_callback_scope();
        scope.perform_microtask_checkpoint();
        state.close_callback_scope();
        if idle(&state) {
            return;
        }
    }
    call_internal(scope, Internal::ProcessTicksAndRejections, &[]);
}
pub(super) fn run_task(scope: &mut v8::PinScope, task: Task) {
    v8::scope!(let scope, scope);
    task(scope);
    drain_ticks(scope);
}
