//! worker_threads.postMessageToThread: a message to any thread of the process by its id,
//! emitted there as process 'workerMessage'. The sender learns whether a listener took it,
//! none did (or the thread was gone), or one threw.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use super::super::internals::Internal;
use super::super::tasks::TaskSender;
use super::super::{call_internal, RuntimeState};
use super::{deserialize, serialize_transferring};

/// The task queues of the running threads by thread id: the main thread's from when it
/// starts its first worker, each worker's while its thread runs.
static THREADS: LazyLock<Mutex<HashMap<u32, TaskSender>>> = LazyLock::new(Default::default);

pub(super) fn register_thread(thread_id: u32, tasks: &TaskSender) {
    THREADS.lock().unwrap().entry(thread_id).or_insert_with(|| tasks.clone());
}

pub(super) fn unregister_thread(thread_id: u32) {
    THREADS.lock().unwrap().remove(&thread_id);
}

/// How a message fared, as `internals.workerMessage` tells and `workerMessageOutcome`
/// takes it: 0 delivered, 1 no listener, 2 a listener threw.
const NO_LISTENER: u32 = 1;
const LISTENER_THREW: u32 = 2;

/// The sender's answer, sent when dropped: a message dropped with its thread (unrun) is
/// one no listener took.
struct Reply {
    to: TaskSender,
    request: u32,
    outcome: u32,
}

impl Drop for Reply {
    fn drop(&mut self) {
        let (request, outcome) = (self.request, self.outcome);
        let _ = self.to.send(Box::new(move |scope: &mut v8::PinScope| {
            let request = v8::Integer::new_from_unsigned(scope, request).into();
            let outcome = v8::Integer::new_from_unsigned(scope, outcome).into();
            call_internal(scope, Internal::WorkerMessageOutcome, &[request, outcome]);
        }));
    }
}

fn thread_id_of(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Option<u32> {
    if !value.is_uint32() {
        return None;
    }
    value.uint32_value(scope)
}

/// threadRunning(threadId): whether a thread of that id runs.
pub(in super::super) fn thread_running(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let running = thread_id_of(scope, args.get(0)).is_some_and(|id| THREADS.lock().unwrap().contains_key(&id));
    rv.set_bool(running);
}

/// postToThread(threadId, source, request, value, transferList): queues a clone of `value`
/// for thread `threadId`; false when it does not run. Otherwise the outcome comes back to
/// `internals.workerMessageOutcome(request, outcome)`, also when the thread ends first.
pub(in super::super) fn post_to_thread(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(target) = thread_id_of(scope, args.get(0)) else { return rv.set_bool(false) };
    let source = args.get(1).uint32_value(scope).unwrap_or(0);
    let request = args.get(2).uint32_value(scope).unwrap_or(0);
    let Some(message) = serialize_transferring(scope, args.get(3), args.get(4)) else { return };
    let Some(to_target) = THREADS.lock().unwrap().get(&target).cloned() else { return rv.set_bool(false) };
    let reply = Reply { to: RuntimeState::get(scope).tasks_tx.clone(), request, outcome: NO_LISTENER };
    let _ = to_target.send(Box::new(move |scope: &mut v8::PinScope| {
        let mut reply = reply;
        let Some(value) = deserialize(scope, &message) else { return };
        let source = v8::Integer::new_from_unsigned(scope, source).into();
        reply.outcome = match call_internal(scope, Internal::WorkerMessage, &[value, source]) {
            Some(outcome) => outcome.uint32_value(scope).unwrap_or(NO_LISTENER),
            None => LISTENER_THREW,
        };
    }));
    rv.set_bool(true);
}
