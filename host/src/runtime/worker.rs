//! worker_threads: each Worker runs on a thread of its own with its own isolate, event loop
//! (tokio and a libuv loop) and Node-API envs. The threads talk by structured-clone
//! messages (V8's serializer; shared array buffers are shared), posted as tasks to each
//! other's loop. Stopping a worker terminates its JS and ends its loop; its envs are torn
//! down on its own thread before the parent hears 'exit'.

mod messaging;
mod ports;

pub use ports::close_thread_ports;
pub(super) use messaging::{post_to_thread, thread_running};
pub(super) use ports::binding as ports_binding;

use super::internals::Internal;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use v8::{ValueDeserializerHelper, ValueSerializerHelper};

use super::bindings::{arg_string, set_property, string};
use super::tasks::{self, TaskSender};
use super::{call_internal, Entry, RuntimeState};
use super::bindings::binding_object;

/// A structured-clone message: V8's serialization, the shared array buffers it names, the
/// backing stores of the array buffers it transfers, the MessagePorts it moves and the
/// compiled WebAssembly modules it shares, and the `deserializeInfo` of each builtin object it
/// carries (whose data follows the value).
pub struct Message {
    data: Vec<u8>,
    shared: Vec<SharedStore>,
    transferred: Vec<SharedStore>,
    ports: Vec<Arc<ports::PortCore>>,
    wasm_modules: Vec<Arc<v8::CompiledWasmModule>>,
    js_infos: Vec<String>,
}

impl Message {
    /// A copy for one more receiver (a BroadcastChannel's), when nothing in it moves.
    fn copy_unless_transferring(&self) -> Option<Message> {
        if !self.transferred.is_empty() || !self.ports.is_empty() {
            return None;
        }
        Some(Message {
            data: self.data.clone(),
            shared: self.shared.iter().map(|store| SharedStore(store.0.clone())).collect(),
            transferred: Vec::new(),
            ports: Vec::new(),
            wasm_modules: self.wasm_modules.clone(),
            js_infos: self.js_infos.clone(),
        })
    }
}

/// A shared array buffer's backing store on its way to another thread.
struct SharedStore(v8::SharedRef<v8::BackingStore>);

// SAFETY: a backing store's reference count is thread-safe, and a SharedArrayBuffer's memory
// is made to be used from several threads at once.
unsafe impl Send for SharedStore {}

struct Serializer {
    /// The shared array buffers met so far, in id order.
    shared: Rc<RefCell<Vec<SharedStore>>>,
    /// The ids of the ports the transfer list moves.
    port_ids: Vec<u32>,
    /// The WebAssembly modules met so far, in id order.
    wasm_modules: Rc<RefCell<Vec<Arc<v8::CompiledWasmModule>>>>,
    /// The JS transferables (streams, signals) the transfer list moves.
    transferables: Vec<v8::Global<v8::Object>>,
    /// The builtin objects met so far, in index order: their `deserializeInfo` and `data`
    /// (written after the value, as what they hold may run JS to read back).
    js_objects: Rc<RefCell<Vec<(String, v8::Global<v8::Value>)>>>,
}

/// What a host object is in a message: a transferred MessagePort (by its index among the
/// message's ports), or an object a builtin serializes itself (node's JS transferables, by
/// its index among the message's builtin objects).
const HOST_PORT: u32 = 0;
const HOST_JS: u32 = 1;
/// An object made by a template with interceptors (process.env), written as the plain object
/// of its enumerable properties, as node writes process.env.
const HOST_PLAIN: u32 = 2;

/// Node's BaseObject::TransferMode bits, as the transfer-mode mark holds them.
const TRANSFERABLE: u32 = 1;
const CLONEABLE: u32 = 2;

/// The per-isolate symbols of node's messaging protocol, by their names in node
/// (messaging_clone_symbol, ...): a builtin's clone, transfer and deserialize methods.
#[derive(Clone, Copy)]
enum MessagingSymbol {
    Clone,
    Transfer,
    TransferList,
    Deserialize,
}

impl MessagingSymbol {
    const ALL: [MessagingSymbol; 4] = [MessagingSymbol::Clone, MessagingSymbol::Transfer, MessagingSymbol::TransferList, MessagingSymbol::Deserialize];

    fn name(self) -> &'static str {
        match self {
            MessagingSymbol::Clone => "messaging_clone_symbol",
            MessagingSymbol::Transfer => "messaging_transfer_symbol",
            MessagingSymbol::TransferList => "messaging_transfer_list_symbol",
            MessagingSymbol::Deserialize => "messaging_deserialize_symbol",
        }
    }

    fn get<'s>(self, scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Symbol> {
        let name = string(scope, self.name());
        v8::Symbol::for_api(scope, name)
    }
}

/// The transfer mode an object is marked with (None: not marked).
fn transfer_mode(scope: &mut v8::PinScope, object: v8::Local<v8::Object>) -> Option<u32> {
    let key = uncloneable_key(scope);
    let mode = object.get_private(scope, key)?;
    if mode.is_undefined() {
        return None;
    }
    Some(if mode.is_number() { mode.uint32_value(scope).unwrap_or(0) } else { 0 })
}

/// A plain object with the enumerable own properties of `object` (read through its
/// interceptors).
fn plain_copy<'s>(scope: &mut v8::PinScope<'s, '_>, object: v8::Local<'s, v8::Object>) -> Option<v8::Local<'s, v8::Object>> {
    let plain = v8::Object::new(scope);
    let names = object.get_own_property_names(scope, v8::GetPropertyNamesArgs::default())?;
    for index in 0..names.length() {
        let name = names.get_index(scope, index)?;
        let value = object.get(scope, name)?;
        plain.set(scope, name, value)?;
    }
    Some(plain)
}

/// Calls `object[symbol]()`.
fn call_messaging_method<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    object: v8::Local<'s, v8::Object>,
    symbol: MessagingSymbol,
    args: &[v8::Local<'s, v8::Value>],
) -> Option<v8::Local<'s, v8::Value>> {
    let key = symbol.get(scope);
    let method = object.get(scope, key.into())?;
    let Ok(method) = v8::Local::<v8::Function>::try_from(method) else {
        return throw_data_clone_error(scope, "Cannot clone object of unsupported type.");
    };
    method.call(scope, object.into(), args)
}

impl v8::ValueSerializerImpl for Serializer {
    fn throw_data_clone_error<'s>(&self, scope: &mut v8::PinScope<'s, '_>, message: v8::Local<'s, v8::String>) {
        let error = data_clone_error(scope, message);
        scope.throw_exception(error);
    }

    fn get_shared_array_buffer_id<'s>(
        &self,
        _scope: &mut v8::PinScope<'s, '_>,
        buffer: v8::Local<'s, v8::SharedArrayBuffer>,
    ) -> Option<u32> {
        let mut shared = self.shared.borrow_mut();
        shared.push(SharedStore(buffer.get_backing_store()));
        Some(shared.len() as u32 - 1)
    }

    /// A WebAssembly.Module goes as its compiled module, which the receiving thread shares.
    fn get_wasm_module_transfer_id(
        &self,
        _scope: &mut v8::PinScope<'_, '_>,
        module: v8::Local<v8::WasmModuleObject>,
    ) -> Option<u32> {
        let mut modules = self.wasm_modules.borrow_mut();
        modules.push(Arc::new(module.get_compiled_module()));
        Some(modules.len() as u32 - 1)
    }

    fn has_custom_host_object(&self, _isolate: &v8::Isolate) -> bool {
        true
    }

    /// MessagePorts, objects with a transfer mode (builtins that clone or transfer
    /// themselves, objects marked uncloneable), and API objects with internal fields.
    fn is_host_object<'s>(&self, scope: &mut v8::PinScope<'s, '_>, object: v8::Local<'s, v8::Object>) -> Option<bool> {
        if object.internal_field_count() > 0 || ports::port_id(scope, object).is_some() {
            return Some(true);
        }
        let key = uncloneable_key(scope);
        object.has_private(scope, key)
    }

    fn write_host_object<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        object: v8::Local<'s, v8::Object>,
        serializer: &dyn v8::ValueSerializerHelper,
    ) -> Option<bool> {
        if let Some(id) = ports::port_id(scope, object) {
            let Some(index) = self.port_ids.iter().position(|&listed| listed == id) else {
                return throw_data_clone_error(scope, "Object that needs transfer was found in message but not listed in transferList");
            };
            serializer.write_uint32(HOST_PORT);
            serializer.write_uint32(index as u32);
            return Some(true);
        }
        let Some(mode) = transfer_mode(scope, object) else {
            if object.internal_field_count() > 0 {
                return throw_data_clone_error(scope, "Cannot clone object of unsupported type.");
            }
            let plain = plain_copy(scope, object)?;
            serializer.write_uint32(HOST_PLAIN);
            let context = scope.get_current_context();
            return serializer.write_value(context, plain.into());
        };
        let listed = self.transferables.iter().any(|listed| v8::Local::new(scope, listed).strict_equals(object.into()));
        let method = if listed && mode & TRANSFERABLE != 0 {
            MessagingSymbol::Transfer
        } else if mode & CLONEABLE != 0 {
            MessagingSymbol::Clone
        } else if mode & TRANSFERABLE != 0 {
            return throw_data_clone_error(scope, "Object that needs transfer was found in message but not listed in transferList");
        } else {
            return throw_data_clone_error(scope, "Cannot clone object of unsupported type.");
        };
        let result = call_messaging_method(scope, object, method, &[])?;
        let Ok(result) = v8::Local::<v8::Object>::try_from(result) else {
            return throw_data_clone_error(scope, "Cannot clone object of unsupported type.");
        };
        let info_key = string(scope, "deserializeInfo");
        let info = result.get(scope, info_key.into())?.to_rust_string_lossy(scope);
        let data_key = string(scope, "data");
        let data = result.get(scope, data_key.into())?;
        let data = v8::Global::new(scope, data);
        let mut js_objects = self.js_objects.borrow_mut();
        serializer.write_uint32(HOST_JS);
        serializer.write_uint32(js_objects.len() as u32);
        js_objects.push((info, data));
        Some(true)
    }
}

/// The private key of worker_threads.markAsUncloneable's mark.
fn uncloneable_key<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Private> {
    let name = string(scope, "node:transfer_mode_private_symbol");
    v8::Private::for_api(scope, Some(name))
}

/// A DOMException named DataCloneError, as node's structured clone throws.
fn data_clone_error<'s>(scope: &mut v8::PinScope<'s, '_>, message: v8::Local<'s, v8::String>) -> v8::Local<'s, v8::Value> {
    let global = scope.get_current_context().global(scope);
    let name = string(scope, "DOMException");
    let constructor = global.get(scope, name.into()).and_then(|c| v8::Local::<v8::Function>::try_from(c).ok());
    let kind = string(scope, "DataCloneError").into();
    constructor
        .and_then(|constructor| constructor.new_instance(scope, &[message.into(), kind]))
        .map(Into::into)
        .unwrap_or_else(|| v8::Exception::error(scope, message))
}

/// The private key of node's untransferable mark (worker_threads.markAsUntransferable, and
/// the array buffers of Node-API external buffers).
/// Looked up once per isolate: Node-API marks every external buffer it makes.
pub fn untransferable_key<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Private> {
    let state = RuntimeState::get(scope);
    if let Some(key) = &*state.untransferable_key.borrow() {
        return v8::Local::new(scope, key);
    }
    let name = string(scope, "node:untransferable_object_private_symbol");
    let key = v8::Private::for_api(scope, Some(name));
    *state.untransferable_key.borrow_mut() = Some(v8::Global::new(scope, key));
    key
}

/// Marks an object untransferable: a transfer list holding it is a DataCloneError. (A
/// Node-API external buffer stays detachable by napi_detach_arraybuffer, as in node.)
pub fn mark_untransferable(scope: &mut v8::PinScope, object: v8::Local<v8::Object>) {
    let key = untransferable_key(scope);
    let yes = v8::Boolean::new(scope, true).into();
    object.set_private(scope, key, yes);
}

/// Throws a DataCloneError; None, for `?`.
fn throw_data_clone_error<T>(scope: &mut v8::PinScope, message: &str) -> Option<T> {
    let message = string(scope, message);
    let error = data_clone_error(scope, message);
    scope.throw_exception(error);
    None
}

/// The array buffers and MessagePort ids of a transfer list (an array), checked as node
/// checks them: only objects, none marked untransferable, array buffers detachable, not
/// detached and not twice, ports still here and not twice. Other objects are refused.
/// A JS transferable (an object marked transferable: a stream, an AbortSignal) joins the list
/// with what its `[messaging_transfer_list_symbol]()` adds (the ports it moves through).
struct TransferList<'s> {
    buffers: Vec<v8::Local<'s, v8::ArrayBuffer>>,
    port_ids: Vec<u32>,
    transferables: Vec<v8::Local<'s, v8::Object>>,
}

fn transfer_list<'s>(scope: &mut v8::PinScope<'s, '_>, list: v8::Local<v8::Value>) -> Option<TransferList<'s>> {
    let mut transfer = TransferList { buffers: Vec::new(), port_ids: Vec::new(), transferables: Vec::new() };
    let Ok(list) = v8::Local::<v8::Array>::try_from(list) else { return Some(transfer) };
    let mut entries: Vec<v8::Local<v8::Value>> = Vec::new();
    for index in 0..list.length() {
        entries.push(list.get_index(scope, index)?);
    }
    let mut next = 0;
    while next < entries.len() {
        let entry = entries[next];
        next += 1;
        let Ok(object) = v8::Local::<v8::Object>::try_from(entry) else {
            return throw_data_clone_error(scope, "Found invalid value in transferList.");
        };
        if transfer_mode(scope, object).is_some_and(|mode| mode & TRANSFERABLE != 0) {
            if transfer.transferables.iter().any(|seen| seen.strict_equals(entry)) {
                let name = object.get_constructor_name().to_rust_string_lossy(scope);
                return throw_data_clone_error(scope, &format!("Transfer list contains duplicate {name}"));
            }
            transfer.transferables.push(object);
            let key = MessagingSymbol::TransferList.get(scope);
            if let Ok(method) = v8::Local::<v8::Function>::try_from(object.get(scope, key.into())?) {
                let nested = method.call(scope, object.into(), &[])?;
                if let Ok(nested) = v8::Local::<v8::Array>::try_from(nested) {
                    for index in 0..nested.length() {
                        entries.push(nested.get_index(scope, index)?);
                    }
                }
            }
            continue;
        }
        let (buffers, port_ids) = (&mut transfer.buffers, &mut transfer.port_ids);
        let key = untransferable_key(scope);
        if object.has_private(scope, key)? {
            return throw_data_clone_error(scope, "Cannot transfer object of unsupported type.");
        }
        if let Some(id) = ports::port_id(scope, object) {
            if !ports::is_live(id) {
                return throw_data_clone_error(scope, "MessagePort in transfer list is already detached");
            }
            if port_ids.contains(&id) {
                return throw_data_clone_error(scope, "Transfer list contains duplicate MessagePort");
            }
            port_ids.push(id);
            continue;
        }
        let Ok(buffer) = v8::Local::<v8::ArrayBuffer>::try_from(entry) else {
            return throw_data_clone_error(scope, "Found invalid value in transferList.");
        };
        if !buffer.is_detachable() || buffer.was_detached() {
            return throw_data_clone_error(scope, "Cannot transfer object of unsupported type.");
        }
        if buffers.iter().any(|seen| seen.strict_equals(entry)) {
            return throw_data_clone_error(scope, "Transfer list contains duplicate ArrayBuffer");
        }
        buffers.push(buffer);
    }
    Some(transfer)
}

struct Deserializer<'m, 's> {
    shared: &'m [SharedStore],
    wasm_modules: &'m [Arc<v8::CompiledWasmModule>],
    /// The JS MessagePorts of the ports the message moves (made before it is read: no JS
    /// runs while V8 deserializes).
    ports: Vec<v8::Local<'s, v8::Object>>,
    /// The builtin objects the message carries, made (empty) before it is read; their data
    /// is handed to them after.
    js_objects: Vec<v8::Local<'s, v8::Object>>,
}

impl v8::ValueDeserializerImpl for Deserializer<'_, '_> {
    fn get_shared_array_buffer_from_id<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        id: u32,
    ) -> Option<v8::Local<'s, v8::SharedArrayBuffer>> {
        let store = &self.shared.get(id as usize)?.0;
        Some(v8::SharedArrayBuffer::with_backing_store(scope, store))
    }

    fn get_wasm_module_from_id<'s>(&self, scope: &mut v8::PinScope<'s, '_>, id: u32) -> Option<v8::Local<'s, v8::WasmModuleObject>> {
        match self.wasm_modules.get(id as usize) {
            Some(module) => v8::WasmModuleObject::from_compiled_module(scope, module),
            None => throw_data_clone_error(scope, "Unable to deserialize cloned data."),
        }
    }

    /// A transferred MessagePort, received on this thread from now on, or a builtin's object
    /// made afresh from what it wrote.
    fn read_host_object<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        deserializer: &dyn v8::ValueDeserializerHelper,
    ) -> Option<v8::Local<'s, v8::Object>> {
        let mut kind = u32::MAX;
        if !deserializer.read_uint32(&mut kind) {
            return throw_data_clone_error(scope, "Unable to deserialize cloned data.");
        }
        if kind == HOST_PLAIN {
            let context = scope.get_current_context();
            return deserializer.read_value(context).and_then(|value| v8::Local::<v8::Object>::try_from(value).ok());
        }
        let mut index = u32::MAX;
        if !deserializer.read_uint32(&mut index) {
            return throw_data_clone_error(scope, "Unable to deserialize cloned data.");
        }
        let objects = if kind == HOST_JS { &self.js_objects } else { &self.ports };
        let Some(object) = objects.get(index as usize) else {
            return throw_data_clone_error(scope, "Unable to deserialize cloned data.");
        };
        Some(v8::Local::new(scope, *object))
    }
}

/// The `deserializeInfo`s builtins' objects travel under: a message naming any other class
/// (an object's transfer method replaced by user code) makes nothing.
const DESERIALIZE_SPECS: &[&str] = &[
    "internal/abort_controller:ClonedAbortSignal",
    "internal/blob:Blob",
    "internal/blob:ClonedFile",
    "internal/crypto/keyslots:ClonedKeyObject",
    "internal/crypto/webcrypto:ClonedCryptoKey",
    "internal/fs/promises:FileHandle",
    "internal/histogram:ClonedHistogram",
    "internal/histogram:ClonedRecordableHistogram",
    "internal/per_context/domexception:DOMException",
    "internal/webstreams/transfer:TransferredReadableStream",
    "internal/webstreams/transfer:TransferredTransformStream",
    "internal/webstreams/transfer:TransferredWritableStream",
    "net:BlockList",
];

/// A builtin's object, still empty, from its `deserializeInfo` ('module:Class'): `new Class()`.
fn new_js_object<'s>(scope: &mut v8::PinScope<'s, '_>, info: &str) -> Option<v8::Local<'s, v8::Object>> {
    let Some((module, class)) = info.rsplit_once(':') else {
        return throw_data_clone_error(scope, "Unable to deserialize cloned data.");
    };
    let refusal = if super::bindings::BUILTINS.binary_search_by(|(builtin, _)| (*builtin).cmp(module)).is_err() {
        Some(format!("Missing internal module '{module}'"))
    } else if !DESERIALIZE_SPECS.contains(&info) {
        Some(format!("Unknown deserialize spec {info}"))
    } else {
        None
    };
    if let Some(refusal) = refusal {
        let message = string(scope, &refusal);
        let error = v8::Exception::error(scope, message);
        scope.throw_exception(error);
        return None;
    }
    let state = RuntimeState::get(scope);
    let (internals, require) = state.internal_function(scope, Internal::RequireBuiltin)?;
    let module = string(scope, module).into();
    let exports = require.call(scope, internals.into(), &[module])?;
    let exports = v8::Local::<v8::Object>::try_from(exports).ok()?;
    let class = string(scope, class);
    let class = exports.get(scope, class.into())?;
    let Ok(class) = v8::Local::<v8::Function>::try_from(class) else {
        return throw_data_clone_error(scope, "Unable to deserialize cloned data.");
    };
    class.new_instance(scope, &[])
}

/// Serializes `value`; None when it threw (a DataCloneError).
pub fn serialize(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Option<Message> {
    serialize_transferring(scope, value, v8::undefined(scope).into())
}

/// Serializes `value`, transferring the array buffers of `list` (an array, or undefined):
/// once serialized they are detached here and their memory goes with the message.
pub fn serialize_transferring(scope: &mut v8::PinScope, value: v8::Local<v8::Value>, list: v8::Local<v8::Value>) -> Option<Message> {
    let TransferList { buffers, port_ids, transferables } = transfer_list(scope, list)?;
    let shared = Rc::new(RefCell::new(Vec::new()));
    let wasm_modules = Rc::new(RefCell::new(Vec::new()));
    let transferables = transferables.iter().map(|object| v8::Global::new(scope, *object)).collect();
    let js_objects = Rc::new(RefCell::new(Vec::new()));
    let serializer = v8::ValueSerializer::new(
        scope,
        Box::new(Serializer {
            shared: shared.clone(),
            port_ids: port_ids.clone(),
            wasm_modules: wasm_modules.clone(),
            transferables,
            js_objects: js_objects.clone(),
        }),
    );
    for (id, buffer) in buffers.iter().enumerate() {
        serializer.transfer_array_buffer(id as u32, *buffer);
    }
    serializer.write_header();
    let context = scope.get_current_context();
    serializer.write_value(context, value)?;
    // The builtin objects' data, each of which may hold more of them.
    for next in 0.. {
        let data = js_objects.borrow().get(next).map(|(_, data)| data.clone());
        let Some(data) = data else { break };
        let data = v8::Local::new(scope, data);
        serializer.write_value(context, data)?;
    }
    let js_infos = js_objects.borrow_mut().drain(..).map(|(info, _)| info).collect();
    let data = serializer.release();
    let shared = std::mem::take(&mut *shared.borrow_mut());
    let transferred = buffers
        .iter()
        .map(|buffer| {
            let store = buffer.get_backing_store();
            buffer.detach(None);
            SharedStore(store)
        })
        .collect();
    let ports = ports::detach(&port_ids);
    let wasm_modules = std::mem::take(&mut *wasm_modules.borrow_mut());
    Some(Message { data, shared, transferred, ports, wasm_modules, js_infos })
}

/// The value a message holds, made in the current context.
pub fn deserialize<'s>(scope: &mut v8::PinScope<'s, '_>, message: &Message) -> Option<v8::Local<'s, v8::Value>> {
    let main = v8::undefined(scope).into();
    deserialize_with_ports(scope, message, main).map(|(value, _)| value)
}

/// The value a message holds and the MessagePorts it brought, made in the current context:
/// the main one (`context_global` undefined), or a vm context a port was moved to (whose
/// global it is), where builtins' objects cannot be made, as in node.
#[allow(clippy::type_complexity)]
fn deserialize_with_ports<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    message: &Message,
    context_global: v8::Local<v8::Value>,
) -> Option<(v8::Local<'s, v8::Value>, Vec<v8::Local<'s, v8::Object>>)> {
    if !context_global.is_undefined() && !message.js_infos.is_empty() {
        let message = string(scope, "A message object could not be deserialized successfully in the target vm.Context");
        let error = v8::Exception::error(scope, message);
        if let Ok(object) = v8::Local::<v8::Object>::try_from(error) {
            let code = string(scope, "ERR_MESSAGE_TARGET_CONTEXT_UNAVAILABLE").into();
            set_property(scope, object, "code", code);
        }
        scope.throw_exception(error);
        return None;
    }
    let mut ports = Vec::with_capacity(message.ports.len());
    for core in &message.ports {
        ports.push(ports::receive_transferred(scope, core.clone(), context_global)?);
    }
    let mut js_objects = Vec::with_capacity(message.js_infos.len());
    for info in &message.js_infos {
        js_objects.push(new_js_object(scope, info)?);
    }
    let deserializer = v8::ValueDeserializer::new(
        scope,
        Box::new(Deserializer {
            shared: &message.shared,
            wasm_modules: &message.wasm_modules,
            ports: ports.clone(),
            js_objects: js_objects.clone(),
        }),
        &message.data,
    );
    for (id, store) in message.transferred.iter().enumerate() {
        let buffer = v8::ArrayBuffer::with_backing_store(scope, &store.0);
        deserializer.transfer_array_buffer(id as u32, buffer);
    }
    let context = scope.get_current_context();
    deserializer.read_header(context)?;
    let value = deserializer.read_value(context)?;
    let mut data = Vec::with_capacity(js_objects.len());
    for _ in &js_objects {
        data.push(deserializer.read_value(context)?);
    }
    for (object, data) in js_objects.iter().zip(data) {
        call_messaging_method(scope, *object, MessagingSymbol::Deserialize, &[data])?;
    }
    Some((value, ports))
}

/// What a worker's thread and its parent share.
struct Control {
    /// Set when the worker should stop (terminate(), process.exit()).
    stop: AtomicBool,
    exit_code: AtomicI32,
    /// The worker's isolate, for terminate() from the parent.
    isolate: Mutex<Option<v8::IsolateHandle>>,
    to_worker: TaskSender,
    /// node's resourceLimits, in MB: [maxYoungGenerationSizeMb, maxOldGenerationSizeMb,
    /// codeRangeSizeMb, stackSizeMb]; 0 for a limit not given until the worker fills in V8's.
    resource_limits: Mutex<[f64; 4]>,
    /// Set when the worker was stopped for reaching its heap limit.
    out_of_memory: AtomicBool,
    /// The worker inspector's door for its parent's sessions, whose waits a stop ends.
    inspector_inbox: Arc<super::inspector::Inbox>,
}

const MB: f64 = 1024.0 * 1024.0;
/// A worker thread's stack when resourceLimits gives none (node's 4 MB).
const DEFAULT_STACK_MB: f64 = 4.0;
/// What V8 leaves of the thread's stack to native code below JS (node's kStackBufferSize).
const STACK_BUFFER_BYTES: usize = 192 * 1024;
/// Heap V8 is given beyond its limit once reached, for the worker to stop cleanly (node's).
const EXTRA_HEAP_ALLOWANCE: usize = 16 * 1024 * 1024;

/// A worker thread's side of the link (in its RuntimeState).
pub struct WorkerLink {
    thread_id: u32,
    control: Arc<Control>,
    to_parent: TaskSender,
    worker_data: Mutex<Option<Message>>,
    /// The worker's own variables (None: it shares the process environment).
    pub(crate) env: Option<super::bindings::PrivateEnv>,
    /// The lowest address JS may use on the worker thread's stack (set as the thread starts).
    stack_limit: usize,
    /// What the main thread's NodeWorker domain knows the worker as (None for an internal
    /// thread).
    inspector_target: Option<super::inspector::WorkerTarget>,
}

impl WorkerLink {
    /// The worker's threadId.
    pub(super) fn thread_id(&self) -> u32 {
        self.thread_id
    }

    /// Whether the worker was asked to stop.
    pub fn stopped(&self) -> bool {
        self.control.stop.load(Ordering::Acquire)
    }

    /// The code the worker stops with.
    pub fn exit_code(&self) -> i32 {
        self.control.exit_code.load(Ordering::Acquire)
    }

    /// Stops the worker with `code`: its JS is terminated and its loop ends.
    pub fn stop(&self, scope: &mut v8::PinScope, code: i32) {
        self.control.exit_code.store(code, Ordering::Release);
        self.control.stop.store(true, Ordering::Release);
        super::terminate_now(scope);
    }

    /// The worker isolate's parameters: its resourceLimits over node's for this machine
    /// (as node's worker sets them), the limits not given filled in with V8's.
    pub(super) fn create_params(&self) -> v8::CreateParams {
        let mut limits = self.control.resource_limits.lock().unwrap();
        let mut params = super::isolate_create_params();
        type Get = fn(&v8::CreateParams) -> usize;
        type Set = fn(v8::CreateParams, usize) -> v8::CreateParams;
        let heap_limits: [(Get, Set); 3] = [
            (v8::CreateParams::max_young_generation_size_in_bytes, v8::CreateParams::set_max_young_generation_size_in_bytes),
            (v8::CreateParams::max_old_generation_size_in_bytes, v8::CreateParams::set_max_old_generation_size_in_bytes),
            (v8::CreateParams::code_range_size_in_bytes, v8::CreateParams::set_code_range_size_in_bytes),
        ];
        for (limit, (get, set)) in limits.iter_mut().zip(heap_limits) {
            if *limit > 0.0 {
                params = set(params, (*limit * MB) as usize);
            } else {
                *limit = get(&params) as f64 / MB;
            }
        }
        params
    }

    /// Sets the worker isolate's stack limit from its thread's size (not --stack-size, as in
    /// node) and installs the callback that stops the worker at its heap limit
    /// (ERR_WORKER_OUT_OF_MEMORY).
    pub(super) fn apply_resource_limits(&self, isolate: &mut v8::Isolate) {
        crate::napi::set_stack_limit(isolate, self.stack_limit);
        let control = Arc::as_ptr(&self.control) as *mut std::ffi::c_void;
        isolate.add_near_heap_limit_callback(near_heap_limit, control);
    }

    pub(super) fn inspector_inbox(&self) -> Arc<super::inspector::Inbox> {
        self.control.inspector_inbox.clone()
    }

    pub(super) fn inspector_target(&self) -> Option<&super::inspector::WorkerTarget> {
        self.inspector_target.as_ref()
    }

    /// Posts an event for the parent's Worker object.
    fn to_parent(&self, kind: &'static str, message: Option<Message>) {
        let thread_id = self.thread_id;
        let _ = self.to_parent.send(Box::new(move |scope: &mut v8::PinScope| worker_event(scope, thread_id, kind, message)));
    }

    /// Hands an uncaught exception to the parent's 'error' event, described as node's error
    /// serialization does it (`internals.describeWorkerError`): an error by its constructor
    /// and properties, a symbol by its description (it arrives as the registered symbol),
    /// anything else as itself, or as its inspection when it cannot be cloned.
    pub fn report_error(&self, scope: &mut v8::PinScope, exception: v8::Local<v8::Value>) {
        let description = call_internal(scope, Internal::DescribeWorkerError, &[exception])
            .and_then(|value| v8::Local::<v8::Array>::try_from(value).ok());
        let (kind, payload, fallback) = match description {
            Some(array) => {
                let kind = array_item(scope, array, 0).to_rust_string_lossy(scope);
                (kind, array_item(scope, array, 1), array_item(scope, array, 2))
            }
            None => (String::new(), exception, v8::undefined(scope).into()),
        };
        let kind = match kind.as_str() {
            "error" => "errorObject",
            "symbol" => "errorSymbol",
            _ => "error",
        };
        v8::tc_scope!(let tc, scope);
        let message = match serialize(tc, payload) {
            Some(message) => Some(message),
            None => {
                tc.reset();
                // An error whose properties cannot be cloned goes as V8 clones errors.
                let kind = if kind == "errorObject" { "error" } else { kind };
                let fallback = serialize(tc, fallback).or_else(|| {
                    let text = exception.to_rust_string_lossy(tc);
                    let text = string(tc, &text).into();
                    serialize(tc, text)
                });
                return self.to_parent(kind, fallback);
            }
        };
        self.to_parent(kind, message);
    }
}

fn array_item<'s>(scope: &mut v8::PinScope<'s, '_>, array: v8::Local<'s, v8::Array>, index: u32) -> v8::Local<'s, v8::Value> {
    array.get_index(scope, index).unwrap_or_else(|| v8::undefined(scope).into())
}

static NEXT_THREAD_ID: AtomicU32 = AtomicU32::new(1);

thread_local! {
    /// The workers this thread started, by thread id.
    static WORKERS: RefCell<HashMap<u32, Arc<Control>>> = RefCell::new(HashMap::new());
}

/// Calls `internals.workerEvent(threadId, kind, value)` on the parent's thread.
fn worker_event(scope: &mut v8::PinScope, thread_id: u32, kind: &str, message: Option<Message>) {
    let value = match &message {
        Some(message) => match deserialize(scope, message) {
            Some(value) => value,
            None => return,
        },
        None => v8::undefined(scope).into(),
    };
    if kind.starts_with("exit") {
        WORKERS.with(|workers| workers.borrow_mut().remove(&thread_id));
    }
    let id = v8::Integer::new_from_unsigned(scope, thread_id).into();
    let kind = string(scope, kind).into();
    call_internal(scope, Internal::WorkerEvent, &[id, kind, value]);
}

/// A worker that cannot start: [code, message] for worker_threads to throw.
fn refuse(scope: &mut v8::PinScope, rv: &mut v8::ReturnValue, code: &str, message: &str) {
    let parts = [string(scope, code).into(), string(scope, message).into()];
    rv.set(v8::Array::new_with_elements(scope, &parts).into());
}

fn string_list(scope: &mut v8::PinScope, list: v8::Local<v8::Array>) -> Vec<String> {
    (0..list.length()).filter_map(|i| list.get_index(scope, i)).map(|value| value.to_rust_string_lossy(scope)).collect()
}

/// workerSpawn(entry, isEval, workerData, argv, transferList, env, execArgv, resourceLimits,
/// internal, name): starts a worker (`internal`: an internal thread running the builtin `entry`);
/// returns its thread id, or [code, message] when it cannot start. `env` as `worker_env`
/// takes it; `execArgv` (or undefined: the parent's) holds node options for the worker alone.
pub(super) fn spawn(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let internal = args.get(8).is_true();
    if !internal && super::permission::throw_if_denied(scope, super::permission::Scope::WorkerThreads, "") {
        return;
    }
    let entry = arg_string(scope, &args, 0);
    let is_eval = args.get(1).is_true();
    let Some(worker_data) = serialize_transferring(scope, args.get(2), args.get(4)) else { return };
    let extra_argv = v8::Local::<v8::Array>::try_from(args.get(3)).map(|list| string_list(scope, list)).unwrap_or_default();
    let env = super::bindings::worker_env(scope, args.get(5));
    let exec_argv = v8::Local::<v8::Array>::try_from(args.get(6)).ok().map(|list| string_list(scope, list));
    let state = RuntimeState::get(scope);
    let mut options = state.options.clone();
    // NODE_OPTIONS counts only from an env table the Worker was given.
    let node_options = v8::Local::<v8::Array>::try_from(args.get(5))
        .ok()
        .and(env.as_ref())
        .and_then(|env| env.lock().unwrap().iter().find(|(name, _)| name == "NODE_OPTIONS").map(|(_, value)| value.clone()));
    match crate::cli::worker_options(&options, exec_argv.as_deref(), node_options.as_deref()) {
        Ok(node_options) => options.node_options = node_options,
        Err(message) => return refuse(scope, &mut rv, "ERR_WORKER_INVALID_EXEC_ARGV", &message),
    }
    // --inspect-brk and --inspect-wait in a worker's own execArgv, or under
    // --experimental-worker-inspection in the execArgv it inherits.
    let inherits_wait = exec_argv.is_none()
        && state.options.flag("--experimental-worker-inspection")
        && (state.options.flag("--inspect-brk") || state.options.flag("--inspect-wait"));
    let waits_by_exec_argv = inherits_wait || exec_argv.iter().flatten().any(|arg| matches!(arg.split('=').next(), Some("--inspect-brk" | "--inspect-wait")));
    if let Some(exec_argv) = exec_argv {
        options.exec_argv = exec_argv;
    }
    // An internal thread's argv is the executable's path alone.
    let (entry, name) = if internal {
        (Entry::Internal(entry), None)
    } else if is_eval {
        (Entry::Eval { code: entry, print: false, name: "[worker eval]" }, Some("[worker eval]".to_string()))
    } else {
        (Entry::File(entry.clone()), Some(entry))
    };
    options.entry = Some(entry);
    options.argv = [options.exec_path.clone()].into_iter().chain(name).chain(extra_argv).collect();

    let thread_id = NEXT_THREAD_ID.fetch_add(1, Ordering::Relaxed);
    let (to_worker, from_parent) = match tasks::channel() {
        Ok(channel) => channel,
        Err(error) => {
            report_init_failure(&state.tasks_tx, thread_id, &error);
            return rv.set(v8::Integer::new_from_unsigned(scope, thread_id).into());
        }
    };
    let mut resource_limits = [0.0; 4];
    if let Ok(given) = v8::Local::<v8::Float64Array>::try_from(args.get(7)) {
        for (index, limit) in resource_limits.iter_mut().enumerate() {
            *limit = given.get_index(scope, index as u32).and_then(|value| value.number_value(scope)).unwrap_or(0.0);
        }
    }
    let stack_size = stack_bytes(resource_limits[3]);
    resource_limits[3] = stack_size as f64 / MB;
    let control = Arc::new(Control {
        stop: AtomicBool::new(false),
        exit_code: AtomicI32::new(0),
        isolate: Mutex::new(None),
        to_worker: to_worker.clone(),
        resource_limits: Mutex::new(resource_limits),
        out_of_memory: AtomicBool::new(false),
        inspector_inbox: super::inspector::Inbox::new(to_worker.clone()),
    });
    let inspector_target = match &options.entry {
        Some(Entry::Internal(_)) | None => None,
        Some(entry) => {
            let name = arg_string(scope, &args, 9);
            let url = match entry {
                Entry::File(path) => url::Url::from_file_path(path).map(String::from).unwrap_or_default(),
                _ => String::new(),
            };
            let waits = super::inspector::workers_wait_for_debugger() || waits_by_exec_argv;
            Some(super::inspector::WorkerTarget::new(format!("[worker {thread_id}] {name}"), url, waits))
        }
    };
    let mut link = WorkerLink {
        thread_id,
        control: control.clone(),
        to_parent: state.tasks_tx.clone(),
        worker_data: Mutex::new(Some(worker_data)),
        env,
        stack_limit: 0,
        inspector_target,
    };
    messaging::register_thread(thread_id, &to_worker);
    let started = std::thread::Builder::new()
        .name(format!("worker {thread_id}"))
        .stack_size(stack_size)
        .spawn(move || {
            let stack_marker = 0u8;
            let stack_base = std::ptr::addr_of!(stack_marker) as usize;
            link.stack_limit = stack_base.saturating_sub(stack_size - STACK_BUFFER_BYTES);
            let to_parent = link.to_parent.clone();
            let tokio = match crate::uv::init_thread_loop().and_then(|()| super::new_tokio_runtime()) {
                Ok(tokio) => tokio,
                Err(error) => {
                    messaging::unregister_thread(thread_id);
                    return report_init_failure(&to_parent, thread_id, &error);
                }
            };
            let control = link.control.clone();
            let code = super::run_isolate(options, tokio, (to_worker, from_parent), Some(link));
            messaging::unregister_thread(thread_id);
            close_thread_ports();
            super::locks::release_thread(thread_id);
            crate::uv::close_thread_loop();
            let kind = if control.out_of_memory.load(Ordering::Acquire) { "exitOutOfMemory" } else { "exit" };
            send_exit(&to_parent, thread_id, kind, code);
        });
    if let Err(error) = started {
        messaging::unregister_thread(thread_id);
        // Node throws the failure of uv_thread_create as it is: ERR_WORKER_INIT_FAILED, its name.
        let (name, _) = super::bindings::errno_name(error.raw_os_error().unwrap_or(libc::EAGAIN), &error);
        return refuse(scope, &mut rv, "ERR_WORKER_INIT_FAILED", name);
    }
    WORKERS.with(|workers| workers.borrow_mut().insert(thread_id, control));
    let own_id = state.worker.as_ref().map_or(0, |link| link.thread_id);
    messaging::register_thread(own_id, &state.tasks_tx);
    rv.set(v8::Integer::new_from_unsigned(scope, thread_id).into());
}

/// V8 is about to run out of the heap resourceLimits allows: the worker stops with code 1
/// and its Worker gets ERR_WORKER_OUT_OF_MEMORY; V8 gets room to unwind.
extern "C" fn near_heap_limit(data: *mut std::ffi::c_void, current_heap_limit: usize, _initial_heap_limit: usize) -> usize {
    // SAFETY: the worker's Control, which its link keeps alive while the isolate lives.
    let control = unsafe { &*(data as *const Control) };
    if !control.out_of_memory.swap(true, Ordering::AcqRel) {
        control.exit_code.store(1, Ordering::Release);
        control.stop.store(true, Ordering::Release);
        if let Some(isolate) = control.isolate.lock().unwrap().as_ref() {
            isolate.terminate_execution();
        }
        control.inspector_inbox.interrupt();
        let _ = control.to_worker.send(Box::new(|_| {}));
    }
    current_heap_limit + EXTRA_HEAP_ALLOWANCE
}

/// The stack size of a worker's thread, from resourceLimits.stackSizeMb.
fn stack_bytes(stack_mb: f64) -> usize {
    let mb = if stack_mb > 0.0 { stack_mb } else { DEFAULT_STACK_MB };
    ((mb * MB) as usize).max(2 * STACK_BUFFER_BYTES)
}

/// The worker's end for its Worker: `exit`, or `exitOutOfMemory` (stopped at its heap limit).
fn send_exit(to_parent: &TaskSender, thread_id: u32, kind: &'static str, code: i32) {
    let _ = to_parent.send(Box::new(move |scope: &mut v8::PinScope| {
        let code = v8::Integer::new(scope, code).into();
        let message = serialize(scope, code);
        worker_event(scope, thread_id, kind, message);
    }));
}

/// A worker whose loop could not be made (no file descriptors left): its Worker gets
/// ERR_WORKER_INIT_FAILED naming the error, then exits with 1, as node's does.
fn report_init_failure(to_parent: &TaskSender, thread_id: u32, error: &std::io::Error) {
    let (name, _) = super::bindings::errno_name(error.raw_os_error().unwrap_or(libc::EIO), error);
    let _ = to_parent.send(Box::new(move |scope: &mut v8::PinScope| {
        let reason = string(scope, name).into();
        let message = serialize(scope, reason);
        worker_event(scope, thread_id, "initFailed", message);
    }));
    send_exit(to_parent, thread_id, "exit", 1);
}

/// Called on the worker's thread once its isolate exists: terminate() can reach it.
pub(super) fn attach_isolate(link: &WorkerLink, isolate: &v8::Isolate) {
    *link.control.isolate.lock().unwrap() = Some(isolate.thread_safe_handle());
    if link.stopped() {
        isolate.terminate_execution();
    }
    link.to_parent("online", None);
}

fn worker_control(thread_id: u32) -> Option<Arc<Control>> {
    WORKERS.with(|workers| workers.borrow().get(&thread_id).cloned())
}

/// workerResourceLimits(threadId): a running worker's resourceLimits as [young, old, code
/// range, stack] MB (undefined once it has exited); without a thread id, this worker's own.
pub(super) fn resource_limits(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let limits = if args.get(0).is_undefined() {
        RuntimeState::get(scope).worker.as_ref().map(|link| *link.control.resource_limits.lock().unwrap())
    } else {
        let thread_id = args.get(0).uint32_value(scope).unwrap_or(0);
        worker_control(thread_id).map(|control| *control.resource_limits.lock().unwrap())
    };
    if let Some(limits) = limits {
        rv.set(super::bindings::number_array(scope, limits).into());
    }
}

/// workerPostMessage(threadId, value, transferList): to the worker's parentPort.
pub(super) fn post_to_worker(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let thread_id = args.get(0).uint32_value(scope).unwrap_or(0);
    let Some(message) = serialize_transferring(scope, args.get(1), args.get(2)) else { return };
    let Some(control) = worker_control(thread_id) else { return };
    let _ = control.to_worker.send(Box::new(move |scope: &mut v8::PinScope| {
        if let Some(value) = deserialize(scope, &message) {
            call_internal(scope, Internal::ParentPortMessage, &[value]);
        }
    }));
}

/// workerCpuUsage(threadId, request): asks the worker's thread for the CPU time it has used;
/// the answer comes as the Worker's 'threadAnswer' event, [request, userMicros,
/// systemMicros]. False when the worker is not running.
pub(super) fn cpu_usage(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let thread_id = args.get(0).uint32_value(scope).unwrap_or(0);
    let request = args.get(1).number_value(scope).unwrap_or(0.0);
    let Some(control) = worker_control(thread_id) else { return rv.set_bool(false) };
    let to_parent = RuntimeState::get(scope).tasks_tx.clone();
    let question = Arc::new(CpuUsageQuestion { answered: AtomicBool::new(false), to_parent, thread_id, request });
    let by_task = question.clone();
    if control.to_worker.send(Box::new(move |_: &mut v8::PinScope| by_task.answer())).is_err() {
        return rv.set_bool(false);
    }
    // A worker busy running JS answers from an interrupt, as node's does.
    if let Some(isolate) = control.isolate.lock().unwrap().as_ref() {
        let data = Arc::into_raw(question.clone()) as *mut std::ffi::c_void;
        if !isolate.request_interrupt(answer_cpu_usage, data) {
            // SAFETY: not handed to V8, so still this call's reference.
            drop(unsafe { Arc::from_raw(data as *const CpuUsageQuestion) });
        }
    }
    rv.set_bool(true);
}

/// One cpuUsage() question, answered once: by whichever of the worker loop's task and the
/// interrupt of its JS comes first, on the worker's thread.
struct CpuUsageQuestion {
    answered: AtomicBool,
    to_parent: TaskSender,
    thread_id: u32,
    request: f64,
}

impl CpuUsageQuestion {
    fn answer(&self) {
        if self.answered.swap(true, Ordering::AcqRel) {
            return;
        }
        let [user, system] = thread_cpu_micros();
        let answer = [self.request, user, system];
        let thread_id = self.thread_id;
        let _ = self.to_parent.send(Box::new(move |scope: &mut v8::PinScope| {
            let usage = super::bindings::number_array(scope, answer).into();
            thread_answer(scope, thread_id, usage);
        }));
    }
}

unsafe extern "C" fn answer_cpu_usage(_isolate: v8::UnsafeRawIsolatePtr, data: *mut std::ffi::c_void) {
    // SAFETY: the reference cpu_usage handed to V8 with the interrupt, taken back once.
    let question = unsafe { Arc::from_raw(data as *const CpuUsageQuestion) };
    question.answer();
}

/// Calls `internals.workerEvent(threadId, 'threadAnswer', answer)`.
fn thread_answer(scope: &mut v8::PinScope, thread_id: u32, answer: v8::Local<v8::Value>) {
    let id = v8::Integer::new_from_unsigned(scope, thread_id).into();
    let kind = string(scope, "threadAnswer").into();
    call_internal(scope, Internal::WorkerEvent, &[id, kind, answer]);
}

/// workerHeapSnapshot(threadId, request): has the worker's thread take a heap snapshot; its
/// JSON comes as the Worker's 'threadAnswer' event, [request, ArrayBuffer]. False when the
/// worker is not running.
pub(super) fn heap_snapshot(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let thread_id = args.get(0).uint32_value(scope).unwrap_or(0);
    let request = args.get(1).number_value(scope).unwrap_or(0.0);
    let Some(control) = worker_control(thread_id) else { return rv.set_bool(false) };
    let to_parent = RuntimeState::get(scope).tasks_tx.clone();
    let asked = control.to_worker.send(Box::new(move |scope: &mut v8::PinScope| {
        let mut json = Vec::new();
        scope.take_heap_snapshot(|chunk| {
            json.extend_from_slice(chunk);
            true
        });
        let _ = to_parent.send(Box::new(move |scope: &mut v8::PinScope| {
            let store = v8::ArrayBuffer::new_backing_store_from_vec(json).make_shared();
            let snapshot = v8::ArrayBuffer::with_backing_store(scope, &store).into();
            let request = v8::Number::new(scope, request).into();
            let answer = v8::Array::new_with_elements(scope, &[request, snapshot]).into();
            thread_answer(scope, thread_id, answer);
        }));
    }));
    rv.set_bool(asked.is_ok());
}

/// workerProfile(threadId, request, command, profileId): has the worker's thread run a
/// profiler command (`internals.workerProfileCommand`: start or stop a CPU or heap profile);
/// its reply, a JSON text, comes as the Worker's 'threadAnswer' event, [request, reply].
/// False when the worker is not running.
pub(super) fn profile(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let thread_id = args.get(0).uint32_value(scope).unwrap_or(0);
    let request = args.get(1).number_value(scope).unwrap_or(0.0);
    let command = args.get(2).to_rust_string_lossy(scope);
    let profile_id = args.get(3).number_value(scope).unwrap_or(0.0);
    let Some(control) = worker_control(thread_id) else { return rv.set_bool(false) };
    let to_parent = RuntimeState::get(scope).tasks_tx.clone();
    let asked = control.to_worker.send(Box::new(move |scope: &mut v8::PinScope| {
        let command = string(scope, &command).into();
        let profile_id = v8::Number::new(scope, profile_id).into();
        let reply = call_internal(scope, Internal::WorkerProfileCommand, &[command, profile_id])
            .map(|reply| reply.to_rust_string_lossy(scope))
            .unwrap_or_else(|| "{}".to_string());
        let _ = to_parent.send(Box::new(move |scope: &mut v8::PinScope| {
            let request = v8::Number::new(scope, request).into();
            let reply = string(scope, &reply).into();
            let answer = v8::Array::new_with_elements(scope, &[request, reply]).into();
            thread_answer(scope, thread_id, answer);
        }));
    }));
    rv.set_bool(asked.is_ok());
}

/// The calling thread's user and system CPU time in microseconds.
fn thread_cpu_micros() -> [f64; 2] {
    // SAFETY: getrusage fills the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_THREAD, &mut usage) };
    let micros = |time: libc::timeval| time.tv_sec as f64 * 1e6 + time.tv_usec as f64;
    [micros(usage.ru_utime), micros(usage.ru_stime)]
}

/// workerTerminate(threadId): stops the worker's JS as soon as possible (exit code 1).
pub(super) fn terminate(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let thread_id = args.get(0).uint32_value(scope).unwrap_or(0);
    let Some(control) = worker_control(thread_id) else { return };
    if !control.stop.swap(true, Ordering::AcqRel) {
        control.exit_code.store(1, Ordering::Release);
    }
    if let Some(isolate) = control.isolate.lock().unwrap().as_ref() {
        isolate.terminate_execution();
    }
    control.inspector_inbox.interrupt();
    // Wakes the worker's loop so it sees the stop.
    let _ = control.to_worker.send(Box::new(|_: &mut v8::PinScope| {}));
}

/// parentPostMessage(value, transferList): from a worker to its Worker object's 'message' event.
pub(super) fn post_to_parent(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(message) = serialize_transferring(scope, args.get(0), args.get(1)) else { return };
    if let Some(link) = RuntimeState::get(scope).worker.as_ref() {
        link.to_parent("message", Some(message));
    }
}

/// workerData(): the worker's copy of options.workerData (once).
pub(super) fn worker_data(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let state = RuntimeState::get(scope);
    let Some(message) = state.worker.as_ref().and_then(|link| link.worker_data.lock().unwrap().take()) else { return };
    if let Some(value) = deserialize(scope, &message) {
        rv.set(value);
    }
}

/// structuredClone(value, transferList): a copy made through V8's serializer.
pub(super) fn structured_clone(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(message) = serialize_transferring(scope, args.get(0), args.get(1)) else { return };
    if let Some(value) = deserialize(scope, &message) {
        rv.set(value);
    }
}

/// markAsUncloneable(object): cloning it (in a message or structuredClone) is a DataCloneError.
pub(super) fn mark_as_uncloneable(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    if let Ok(object) = v8::Local::<v8::Object>::try_from(args.get(0)) {
        if object.is_array_buffer() || object.is_array_buffer_view() {
            return;
        }
        set_transfer_mode(scope, object, 0);
    }
}

fn set_transfer_mode(scope: &mut v8::PinScope, object: v8::Local<v8::Object>, mode: u32) {
    let key = uncloneable_key(scope);
    let mode = v8::Integer::new_from_unsigned(scope, mode).into();
    object.set_private(scope, key, mode);
}

/// markTransferMode(object, cloneable, transferable): how a builtin's object goes into a
/// message: cloned by its `[messaging_clone_symbol]()`, moved (when in the transfer list) by
/// its `[messaging_transfer_symbol]()`, each read back by `[messaging_deserialize_symbol]`.
pub(super) fn mark_transfer_mode(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Ok(object) = v8::Local::<v8::Object>::try_from(args.get(0)) else { return };
    let mode = if args.get(1).is_true() { CLONEABLE } else { 0 } | if args.get(2).is_true() { TRANSFERABLE } else { 0 };
    set_transfer_mode(scope, object, mode);
}

/// messagingSymbols(): node's per-isolate messaging symbols, by name.
pub(super) fn messaging_symbols(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let symbols = v8::Object::new(scope);
    for symbol in MessagingSymbol::ALL {
        let value = symbol.get(scope).into();
        set_property(scope, symbols, symbol.name(), value);
    }
    rv.set(symbols.into());
}

/// markAsUntransferable(object).
pub(super) fn mark_as_untransferable(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    if let Ok(object) = v8::Local::<v8::Object>::try_from(args.get(0)) {
        mark_untransferable(scope, object);
        // An ArrayBuffer marked from JS (a Buffer pool) cannot be detached by script either:
        // transfer() throws.
        if let Ok(array_buffer) = v8::Local::<v8::ArrayBuffer>::try_from(object) {
            let detach_key = v8::Symbol::new(scope, None);
            array_buffer.set_detach_key(detach_key.into());
        }
    }
}

/// isMarkedAsUntransferable(object).
pub(super) fn is_marked_as_untransferable(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let marked = match v8::Local::<v8::Object>::try_from(args.get(0)) {
        Ok(object) => {
            let key = untransferable_key(scope);
            object.has_private(scope, key).unwrap_or(false)
        }
        Err(_) => false,
    };
    rv.set_bool(marked);
}

/// The worker facts bootstrap reads from binding.config.
pub(super) fn set_config(scope: &mut v8::PinScope, config: v8::Local<v8::Object>) {
    let state = RuntimeState::get(scope);
    let thread_id = state.worker.as_ref().map_or(0, |link| link.thread_id);
    let is_main = v8::Boolean::new(scope, state.worker.is_none()).into();
    set_property(scope, config, "isMainThread", is_main);
    let is_internal = matches!(state.options.entry, Some(Entry::Internal(_)));
    let is_internal = v8::Boolean::new(scope, is_internal).into();
    set_property(scope, config, "isInternalThread", is_internal);
    let thread_id = v8::Integer::new_from_unsigned(scope, thread_id).into();
    set_property(scope, config, "threadId", thread_id);
}

/// `binding.worker()`: worker threads, message ports and structured clone (node's
/// internalBinding('worker') and 'messaging').
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "workerSpawn" => spawn,
        "workerResourceLimits" => resource_limits,
        "workerPostMessage" => post_to_worker,
        "workerTerminate" => terminate,
        "workerCpuUsage" => cpu_usage,
        "workerHeapSnapshot" => heap_snapshot,
        "workerProfile" => profile,
        "threadRunning" => thread_running,
        "postToThread" => post_to_thread,
        "parentPostMessage" => post_to_parent,
        "workerData" => worker_data,
        "structuredClone" => structured_clone,
        "markAsUntransferable" => mark_as_untransferable,
        "isMarkedAsUntransferable" => is_marked_as_untransferable,
        "markAsUncloneable" => mark_as_uncloneable,
        "markTransferMode" => mark_transfer_mode,
        "messagingSymbols" => messaging_symbols,
        "ports" => ports_binding,
    });
    rv.set(object.into());
}
