//! Web Locks (navigator.locks): one lock manager for the process, shared by the main thread
//! and its workers as node's is. A request held back is granted from whichever thread frees
//! the lock; its own thread hears of it (and of a steal) through its task queue.

use std::sync::{LazyLock, Mutex};

use super::bindings::{arg_string, binding_object, string};
use super::internals::Internal;
use super::tasks::TaskSender;
use super::{call_internal, RuntimeState};

struct Request {
    id: u32,
    name: String,
    exclusive: bool,
    /// The thread that asked (0: the main thread), and its task queue.
    thread_id: u32,
    tasks: TaskSender,
}

#[derive(Default)]
struct Manager {
    next_id: u32,
    held: Vec<Request>,
    /// In the order asked.
    pending: Vec<Request>,
}

static MANAGER: LazyLock<Mutex<Manager>> = LazyLock::new(|| Mutex::new(Manager::default()));

impl Manager {
    /// Whether a request for `name` could be granted now, ahead of any queued for it.
    fn grantable(&self, name: &str, exclusive: bool) -> bool {
        self.held.iter().filter(|held| held.name == name).all(|held| !exclusive && !held.exclusive)
    }

    /// Grants the queued requests that now can be, in order (one refused for a name holds
    /// back those after it), and tells their threads.
    fn grant_queued(&mut self) {
        let mut blocked: Vec<String> = Vec::new();
        let mut index = 0;
        while index < self.pending.len() {
            let request = &self.pending[index];
            if blocked.contains(&request.name) || !self.grantable(&request.name, request.exclusive) {
                blocked.push(request.name.clone());
                index += 1;
                continue;
            }
            let request = self.pending.remove(index);
            notify(&request, "granted");
            self.held.push(request);
        }
    }
}

fn notify(request: &Request, event: &'static str) {
    let id = request.id;
    let _ = request.tasks.send(Box::new(move |scope: &mut v8::PinScope| {
        let id = v8::Integer::new_from_unsigned(scope, id).into();
        let event = string(scope, event).into();
        call_internal(scope, Internal::LocksEvent, &[id, event]);
    }));
}

fn thread_id(scope: &mut v8::PinScope) -> u32 {
    RuntimeState::get(scope).worker.as_ref().map_or(0, |link| link.thread_id())
}

/// request(name, exclusive, ifAvailable, steal): [id, 'granted' | 'unavailable' | 'queued',
/// ids of this thread's locks it stole]. A steal takes the lock from its holders at once;
/// other threads hear 'stolen' through their task queues.
fn request(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let name = arg_string(scope, &args, 0);
    let exclusive = args.get(1).is_true();
    let if_available = args.get(2).is_true();
    let steal = args.get(3).is_true();
    let thread_id = thread_id(scope);
    let tasks = RuntimeState::get(scope).tasks_tx.clone();
    let mut manager = MANAGER.lock().unwrap();
    manager.next_id = manager.next_id.wrapping_add(1);
    let id = manager.next_id;
    let request = Request { id, name, exclusive, thread_id, tasks };
    let queued_ahead = manager.pending.iter().any(|pending| pending.name == request.name);
    let mut stolen_here: Vec<u32> = Vec::new();
    let status = if steal {
        let (stolen, kept): (Vec<Request>, Vec<Request>) =
            std::mem::take(&mut manager.held).into_iter().partition(|held| held.name == request.name);
        manager.held = kept;
        for held in &stolen {
            if held.thread_id == thread_id {
                stolen_here.push(held.id);
            } else {
                notify(held, "stolen");
            }
        }
        manager.held.push(request);
        "granted"
    } else if !queued_ahead && manager.grantable(&request.name, exclusive) {
        manager.held.push(request);
        "granted"
    } else if if_available {
        "unavailable"
    } else {
        manager.pending.push(request);
        "queued"
    };
    drop(manager);
    let id = v8::Integer::new_from_unsigned(scope, id).into();
    let status = string(scope, status).into();
    let stolen = super::bindings::number_array(scope, stolen_here.into_iter().map(f64::from)).into();
    rv.set(v8::Array::new_with_elements(scope, &[id, status, stolen]).into());
}

/// release(id): frees a held lock, or withdraws a queued request (its signal aborted).
fn release(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let mut manager = MANAGER.lock().unwrap();
    manager.held.retain(|held| held.id != id);
    manager.pending.retain(|pending| pending.id != id);
    manager.grant_queued();
}

/// query(): [held, pending] of this thread (node reports a context's own), each a list of
/// [name, exclusive, thread id].
fn query(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let current = thread_id(scope);
    let manager = MANAGER.lock().unwrap();
    let snapshot = |list: &[Request]| -> Vec<(String, bool, u32)> {
        list.iter()
            .filter(|request| request.thread_id == current)
            .map(|request| (request.name.clone(), request.exclusive, request.thread_id))
            .collect()
    };
    let (held, pending) = (snapshot(&manager.held), snapshot(&manager.pending));
    drop(manager);
    let mut lists: Vec<v8::Local<v8::Value>> = Vec::new();
    for list in [held, pending] {
        let entries: Vec<v8::Local<v8::Value>> = list
            .into_iter()
            .map(|(name, exclusive, thread_id)| {
                let name = string(scope, &name).into();
                let exclusive = v8::Boolean::new(scope, exclusive).into();
                let thread_id = v8::Integer::new_from_unsigned(scope, thread_id).into();
                v8::Array::new_with_elements(scope, &[name, exclusive, thread_id]).into()
            })
            .collect();
        lists.push(v8::Array::new_with_elements(scope, &entries).into());
    }
    rv.set(v8::Array::new_with_elements(scope, &lists).into());
}

/// Frees the locks and requests of a thread that has ended.
pub(super) fn release_thread(thread_id: u32) {
    let mut manager = MANAGER.lock().unwrap();
    manager.held.retain(|held| held.thread_id != thread_id);
    manager.pending.retain(|pending| pending.thread_id != thread_id);
    manager.grant_queued();
}

/// The natives of navigator.locks (`binding.locks()`).
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "request" => request,
        "release" => release,
        "query" => query,
    });
    rv.set(object.into());
}
