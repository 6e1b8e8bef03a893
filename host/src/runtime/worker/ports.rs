//! MessagePorts: the two ends of a MessageChannel, each a queue any thread may post to and
//! one thread receives from. A port moves to another thread inside a message (its transfer
//! list); while it travels it has no receiver and what is posted to it waits in its queue.
//! Closing one end (close(), its thread ending, or a message carrying it being dropped)
//! queues a close behind the messages already sent to the other end.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeSet, HashMap, VecDeque};
use std::sync::{Arc, LazyLock, Mutex, Weak};

use super::super::bindings::string;
use super::super::internals::Internal;
use super::super::tasks::TaskSender;
use super::super::{call_internal, RuntimeState};
use super::{deserialize_with_ports, serialize_transferring, Message};

pub(super) enum PortItem {
    Message(Message),
    /// The other end closed.
    Close,
}

/// One end of a channel.
pub struct PortCore {
    state: Mutex<PortState>,
}

struct PortState {
    queue: VecDeque<PortItem>,
    peer: Weak<PortCore>,
    /// The thread that receives and the port's id there; None while the port travels.
    receiver: Option<(Arc<PortWakes>, u32)>,
    /// A wake-up task is on its way to the receiver, or running.
    wake_pending: bool,
    /// JS asked for a wake-up (start()) while one was running.
    wake_again: bool,
    closed: bool,
}

impl PortState {
    fn wake(&mut self) {
        if self.wake_pending || self.queue.is_empty() {
            return;
        }
        if let Some((wakes, id)) = &self.receiver {
            self.wake_pending = wakes.wake(*id);
        }
    }
}

/// The ports of one thread with messages waiting. One task wakes all of them, in the order
/// the ports were made there, as libuv runs the async handles of node's ports.
pub(super) struct PortWakes {
    tasks: TaskSender,
    pending: Mutex<BTreeSet<u32>>,
}

impl PortWakes {
    /// Adds port `id`; false when the thread is gone.
    fn wake(self: &Arc<Self>, id: u32) -> bool {
        let mut pending = self.pending.lock().unwrap();
        if !pending.is_empty() {
            pending.insert(id);
            return true;
        }
        let wakes = self.clone();
        if self.tasks.send(Box::new(move |scope: &mut v8::PinScope| wakes.run(scope))).is_err() {
            return false;
        }
        pending.insert(id);
        true
    }

    fn run(&self, scope: &mut v8::PinScope) {
        let ids = std::mem::take(&mut *self.pending.lock().unwrap());
        for id in ids {
            port_wake(scope, id);
        }
    }
}

impl PortCore {
    fn push(&self, item: PortItem) {
        let mut state = self.state.lock().unwrap();
        if state.closed {
            drop(state);
            return drop(item);
        }
        state.queue.push_back(item);
        state.wake();
    }

    /// Closes this end: its queue is dropped and the other end hears of it.
    fn close(&self) {
        let mut state = self.state.lock().unwrap();
        if state.closed {
            return;
        }
        state.closed = true;
        state.receiver = None;
        let queue = std::mem::take(&mut state.queue);
        let peer = state.peer.upgrade();
        drop(state);
        // Dropped unlocked: a message may carry a port whose peer is this one.
        drop(queue);
        if let Some(peer) = peer {
            peer.push(PortItem::Close);
        }
    }

    fn is_peer_of(&self, other: &Arc<PortCore>) -> bool {
        self.state.lock().unwrap().peer.upgrade().is_some_and(|peer| Arc::ptr_eq(&peer, other))
    }
}

impl Drop for PortCore {
    fn drop(&mut self) {
        let state = self.state.get_mut().unwrap();
        if state.closed {
            return;
        }
        state.closed = true;
        let queue = std::mem::take(&mut state.queue);
        drop(queue);
        if let Some(peer) = state.peer.upgrade() {
            peer.push(PortItem::Close);
        }
    }
}

thread_local! {
    /// The ports this thread receives on, by id.
    static PORTS: RefCell<HashMap<u32, Arc<PortCore>>> = RefCell::new(HashMap::new());
    static NEXT_PORT_ID: Cell<u32> = const { Cell::new(1) };
    static THREAD_WAKES: RefCell<Option<Arc<PortWakes>>> = const { RefCell::new(None) };
}

fn thread_wakes(scope: &mut v8::PinScope) -> Arc<PortWakes> {
    THREAD_WAKES.with(|wakes| {
        wakes
            .borrow_mut()
            .get_or_insert_with(|| {
                Arc::new(PortWakes { tasks: RuntimeState::get(scope).tasks_tx.clone(), pending: Mutex::new(BTreeSet::new()) })
            })
            .clone()
    })
}

fn port(id: u32) -> Option<Arc<PortCore>> {
    PORTS.with(|ports| ports.borrow().get(&id).cloned())
}

/// Makes `core` received on this thread; returns its id here.
fn adopt(scope: &mut v8::PinScope, core: Arc<PortCore>) -> u32 {
    let id = NEXT_PORT_ID.with(|next| {
        let id = next.get();
        next.set(id.wrapping_add(1).max(1));
        id
    });
    {
        let mut state = core.state.lock().unwrap();
        state.receiver = Some((thread_wakes(scope), id));
        state.wake_pending = false;
        state.wake_again = false;
    }
    PORTS.with(|ports| ports.borrow_mut().insert(id, core));
    id
}

/// The private key holding a JS MessagePort's id.
fn port_key<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Private> {
    let name = string(scope, "anode:message_port_id");
    v8::Private::for_api(scope, Some(name))
}

/// The id of the port `object` is, if it is one.
pub(super) fn port_id(scope: &mut v8::PinScope, object: v8::Local<v8::Object>) -> Option<u32> {
    let key = port_key(scope);
    let id = object.get_private(scope, key)?;
    if id.is_undefined() {
        return None;
    }
    id.uint32_value(scope)
}

/// Whether the port with this id is still received here (neither closed nor sent away).
pub(super) fn is_live(id: u32) -> bool {
    port(id).is_some_and(|core| !core.state.lock().unwrap().closed)
}

/// Takes the ports of a serialized message off this thread: they travel with it.
pub(super) fn detach(ids: &[u32]) -> Vec<Arc<PortCore>> {
    ids.iter()
        .filter_map(|id| PORTS.with(|ports| ports.borrow_mut().remove(id)))
        .map(|core| {
            let mut state = core.state.lock().unwrap();
            state.receiver = None;
            state.wake_pending = false;
            state.wake_again = false;
            drop(state);
            core
        })
        .collect()
}

/// A port that arrived in a message, received here from now on: the JS MessagePort for it,
/// of the vm context whose global `context_global` is (the main one when undefined).
pub(super) fn receive_transferred<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    core: Arc<PortCore>,
    context_global: v8::Local<v8::Value>,
) -> Option<v8::Local<'s, v8::Object>> {
    let id = adopt(scope, core);
    let state = RuntimeState::get(scope);
    let (internals, function) = state.internal_function(scope, Internal::PortFromTransfer)?;
    let id = v8::Integer::new_from_unsigned(scope, id).into();
    let object = function.call(scope, internals.into(), &[id, context_global])?;
    v8::Local::<v8::Object>::try_from(object).ok()
}

/// The loop's call for a port with messages waiting: `internals.portWake(id)`. Messages
/// posted while JS delivers are delivered by that same call, or by a new wake-up after it
/// unless JS put the rest off (a batch's end, a port not started).
fn port_wake(scope: &mut v8::PinScope, id: u32) {
    let Some(core) = port(id) else { return };
    let id = v8::Integer::new_from_unsigned(scope, id).into();
    let put_off = call_internal(scope, Internal::PortWake, &[id]).is_some_and(|result| result.is_true());
    let mut state = core.state.lock().unwrap();
    state.wake_pending = false;
    if !put_off || std::mem::take(&mut state.wake_again) {
        state.wake();
    }
}

/// Closes every port this thread still receives on (the thread is ending).
pub fn close_thread_ports() {
    let ports: Vec<Arc<PortCore>> = PORTS.with(|ports| ports.borrow_mut().drain().map(|(_, core)| core).collect());
    THREAD_WAKES.with(|wakes| wakes.borrow_mut().take());
    for core in ports {
        core.close();
    }
}

fn set_port_id(scope: &mut v8::PinScope, object: v8::Local<v8::Value>, id: u32) {
    let Ok(object) = v8::Local::<v8::Object>::try_from(object) else { return };
    let key = port_key(scope);
    let id = v8::Integer::new_from_unsigned(scope, id).into();
    object.set_private(scope, key, id);
}

fn new_port() -> PortCore {
    PortCore {
        state: Mutex::new(PortState {
            queue: VecDeque::new(),
            peer: Weak::new(),
            receiver: None,
            wake_pending: false,
            wake_again: false,
            closed: false,
        }),
    }
}

/// pair(port1, port2): entangles two new ports; returns [id1, id2].
fn pair(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let (first, second) = (Arc::new(new_port()), Arc::new(new_port()));
    first.state.lock().unwrap().peer = Arc::downgrade(&second);
    second.state.lock().unwrap().peer = Arc::downgrade(&first);
    let first = adopt(scope, first);
    let second = adopt(scope, second);
    set_port_id(scope, args.get(0), first);
    set_port_id(scope, args.get(1), second);
    let ids = [v8::Integer::new_from_unsigned(scope, first).into(), v8::Integer::new_from_unsigned(scope, second).into()];
    rv.set(v8::Array::new_with_elements(scope, &ids).into());
}

/// attach(object, id): `object` is the JS MessagePort of port `id`.
fn attach(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args.get(1).uint32_value(scope).unwrap_or(0);
    set_port_id(scope, args.get(0), id);
}

/// post(id, value, transferList): queues a clone of `value` on the other end. Returns true
/// when the other end itself was in the transfer list (the channel is then lost).
fn post(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let Some(message) = serialize_transferring(scope, args.get(1), args.get(2)) else { return };
    let Some(core) = port(id) else { return };
    let peer = core.state.lock().unwrap().peer.upgrade();
    let Some(peer) = peer else { return };
    if message.ports.iter().any(|sent| core.is_peer_of(sent)) {
        rv.set_bool(true);
        return;
    }
    peer.push(PortItem::Message(message));
}

/// receive(id, onlyClose, contextGlobal): the next message as [value, ports], null when the
/// other end closed, undefined when there is none (or, with onlyClose, when the next is no
/// close). A port moved to a vm context gets the message made in that context (whose global
/// `contextGlobal` is).
fn receive(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let only_close = args.get(1).is_true();
    let context_global = args.get(2);
    let Some(context) = super::super::modules::context_of(scope, context_global) else { return };
    let scope = &mut v8::ContextScope::new(scope, context);
    let Some(core) = port(id) else { return };
    let item = {
        let mut state = core.state.lock().unwrap();
        match state.queue.front() {
            Some(PortItem::Message(_)) if only_close => None,
            _ => state.queue.pop_front(),
        }
    };
    match item {
        None => {}
        Some(PortItem::Close) => rv.set_null(),
        Some(PortItem::Message(message)) => {
            if let Some((value, ports)) = deserialize_with_ports(scope, &message, context_global) {
                let ports: Vec<v8::Local<v8::Value>> = ports.into_iter().map(Into::into).collect();
                let ports = v8::Array::new_with_elements(scope, &ports).into();
                let array = v8::Array::new_with_elements(scope, &[value, ports]);
                rv.set(array.into());
            }
        }
    }
}

/// notify(id): a wake-up for the port if messages wait (when it starts, or after a batch).
fn notify(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    if let Some(core) = port(id) {
        let mut state = core.state.lock().unwrap();
        if state.wake_pending {
            state.wake_again = true;
        }
        state.wake();
    }
}

/// close(id): closes the port; the other end hears of it after what was sent before.
fn close(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    if let Some(core) = PORTS.with(|ports| ports.borrow_mut().remove(&id)) {
        core.close();
    }
}

/// The ports of the process's BroadcastChannels by channel name, in the order they joined.
/// A port closed (or collected with its thread) drops out when the channel is next posted to.
static BROADCAST_GROUPS: LazyLock<Mutex<HashMap<String, Vec<Weak<PortCore>>>>> = LazyLock::new(Default::default);

/// broadcastJoin(name): a new port that hears what the other ports of channel `name`, on any
/// thread, post; returns its id.
fn broadcast_join(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let name = args.get(0).to_rust_string_lossy(scope);
    let core = Arc::new(new_port());
    BROADCAST_GROUPS.lock().unwrap().entry(name).or_default().push(Arc::downgrade(&core));
    let id = adopt(scope, core);
    rv.set(v8::Integer::new_from_unsigned(scope, id).into());
}

/// broadcastPost(id, name, value): queues a clone of `value` on every other open port of
/// channel `name`.
fn broadcast_post(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let name = args.get(1).to_rust_string_lossy(scope);
    let Some(message) = super::serialize(scope, args.get(2)) else { return };
    let Some(sender) = port(id) else { return };
    let receivers: Vec<Arc<PortCore>> = {
        let mut groups = BROADCAST_GROUPS.lock().unwrap();
        let Some(group) = groups.get_mut(&name) else { return };
        group.retain(|member| member.upgrade().is_some_and(|core| !core.state.lock().unwrap().closed));
        let receivers = group.iter().filter_map(Weak::upgrade).filter(|core| !Arc::ptr_eq(core, &sender)).collect();
        if group.is_empty() {
            groups.remove(&name);
        }
        receivers
    };
    for receiver in receivers {
        if let Some(copy) = message.copy_unless_transferring() {
            receiver.push(PortItem::Message(copy));
        }
    }
}

/// The natives of worker_threads' MessagePort (`binding.worker().ports()`).
pub(in super::super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = super::super::bindings::binding_object!(scope, {
        "pair" => pair,
        "attach" => attach,
        "post" => post,
        "receive" => receive,
        "notify" => notify,
        "close" => close,
        "broadcastJoin" => broadcast_join,
        "broadcastPost" => broadcast_post,
    });
    rv.set(object.into());
}
