//! Natives of the `v8` module: heap statistics, V8 flags, heap snapshots and node's
//! Serializer/Deserializer on V8's ValueSerializer/ValueDeserializer. A serializer or
//! deserializer lives here under an id its JS object holds; the delegate calls back into
//! that JS object (`_writeHostObject`, `_readHostObject`, `_getDataCloneError`,
//! `_getSharedArrayBufferId`) while one of its reads or writes runs.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use v8::{ValueDeserializerHelper, ValueSerializerHelper};

use super::bindings::binding_object;
use super::bindings::{set_property, string, throw_type_error};
use crate::napi::heap_profiler;

/// The JS object whose read or write is running, for the delegate's callbacks.
type Current = Rc<RefCell<Option<v8::Global<v8::Object>>>>;

struct SerializerDelegate {
    current: Current,
}

struct DeserializerDelegate {
    current: Current,
}

struct SerializerEntry {
    serializer: v8::ValueSerializer<'static>,
    current: Current,
}

struct DeserializerEntry {
    deserializer: v8::ValueDeserializer<'static>,
    current: Current,
    /// The bytes V8 reads from (a copy of the JS buffer; offsets into both are the same).
    data: *const u8,
    _bytes: Box<[u8]>,
}

#[derive(Default)]
struct Registry {
    next_id: u32,
    serializers: HashMap<u32, Rc<SerializerEntry>>,
    deserializers: HashMap<u32, Rc<DeserializerEntry>>,
}

thread_local! {
    static REGISTRY: RefCell<Registry> = RefCell::new(Registry::default());
}

fn current_object<'s>(scope: &mut v8::PinScope<'s, '_>, current: &Current) -> Option<v8::Local<'s, v8::Object>> {
    current.borrow().as_ref().map(|object| v8::Local::new(scope, object))
}

/// `object[name]` when it is a function.
fn method<'s>(scope: &mut v8::PinScope<'s, '_>, object: v8::Local<'s, v8::Object>, name: &str) -> Option<v8::Local<'s, v8::Function>> {
    let key = string(scope, name);
    object.get(scope, key.into()).and_then(|value| v8::Local::<v8::Function>::try_from(value).ok())
}

/// Throws what the JS serializer's `_getDataCloneError(message)` returns.
fn throw_clone_error(scope: &mut v8::PinScope, current: &Current, message: v8::Local<v8::String>) {
    let Some(object) = current_object(scope, current) else { return };
    let Some(make_error) = method(scope, object, "_getDataCloneError") else { return };
    if let Some(error) = make_error.call(scope, object.into(), &[message.into()]) {
        scope.throw_exception(error);
    }
}

impl v8::ValueSerializerImpl for SerializerDelegate {
    fn throw_data_clone_error<'s>(&self, scope: &mut v8::PinScope<'s, '_>, message: v8::Local<'s, v8::String>) {
        throw_clone_error(scope, &self.current, message);
    }

    fn write_host_object<'s>(&self, scope: &mut v8::PinScope<'s, '_>, object: v8::Local<'s, v8::Object>, _serializer: &dyn ValueSerializerHelper) -> Option<bool> {
        let this = current_object(scope, &self.current)?;
        match method(scope, this, "_writeHostObject") {
            Some(write) => write.call(scope, this.into(), &[object.into()]).map(|_| true),
            None => {
                let message = string(scope, &format!("Unserializable host object: {}", object.to_rust_string_lossy(scope)));
                throw_clone_error(scope, &self.current, message);
                None
            }
        }
    }

    fn get_shared_array_buffer_id<'s>(&self, scope: &mut v8::PinScope<'s, '_>, buffer: v8::Local<'s, v8::SharedArrayBuffer>) -> Option<u32> {
        let this = current_object(scope, &self.current)?;
        match method(scope, this, "_getSharedArrayBufferId") {
            Some(get_id) => get_id.call(scope, this.into(), &[buffer.into()])?.uint32_value(scope),
            None => {
                let message = string(scope, "#<SharedArrayBuffer> could not be cloned.");
                throw_clone_error(scope, &self.current, message);
                None
            }
        }
    }
}

impl v8::ValueDeserializerImpl for DeserializerDelegate {
    fn read_host_object<'s>(&self, scope: &mut v8::PinScope<'s, '_>, _deserializer: &dyn ValueDeserializerHelper) -> Option<v8::Local<'s, v8::Object>> {
        // V8 forbids JS while it deserializes; node's `_readHostObject` is JS.
        let scope = std::pin::pin!(v8::AllowJavascriptExecutionScope::new(scope));
        let scope = &mut scope.init();
        let object = self.call_read_host_object(scope)?;
        // SAFETY: the object is held by the outer scope's handles as well (V8 roots it once
        // returned); the handle outlives the allow-scope.
        Some(unsafe { std::mem::transmute::<v8::Local<'_, v8::Object>, v8::Local<'s, v8::Object>>(object) })
    }

    fn get_shared_array_buffer_from_id<'s>(&self, scope: &mut v8::PinScope<'s, '_>, _transfer_id: u32) -> Option<v8::Local<'s, v8::SharedArrayBuffer>> {
        let message = string(scope, "Unable to deserialize cloned data.");
        let error = v8::Exception::error(scope, message);
        scope.throw_exception(error);
        None
    }
}

impl DeserializerDelegate {
    fn call_read_host_object<'s>(&self, scope: &mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Object>> {
        let this = current_object(scope, &self.current)?;
        let Some(read) = method(scope, this, "_readHostObject") else {
            let message = string(scope, "Unable to deserialize cloned data.");
            let error = v8::Exception::error(scope, message);
            scope.throw_exception(error);
            return None;
        };
        let value = read.call(scope, this.into(), &[])?;
        match v8::Local::<v8::Object>::try_from(value) {
            Ok(object) => Some(object),
            Err(_) => {
                let error = super::bindings::coded_error(
                    scope,
                    v8::Exception::type_error,
                    "readHostObject must return an object",
                    "ERR_INVALID_RETURN_VALUE",
                );
                scope.throw_exception(error);
                None
            }
        }
    }
}

/// Runs `f` with the JS object `this` as the delegate's current object (restoring the
/// previous one after: writes nest when `_writeHostObject` writes values).
fn with_current<R>(scope: &mut v8::PinScope, current: &Current, this: v8::Local<v8::Object>, f: impl FnOnce(&mut v8::PinScope) -> R) -> R {
    let previous = current.borrow_mut().replace(v8::Global::new(scope, this));
    let result = f(scope);
    *current.borrow_mut() = previous;
    result
}

fn id_arg(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> u32 {
    args.get(0).uint32_value(scope).unwrap_or(u32::MAX)
}

fn serializer(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> Option<Rc<SerializerEntry>> {
    let id = id_arg(scope, args);
    let entry = REGISTRY.with(|registry| registry.borrow().serializers.get(&id).cloned());
    if entry.is_none() {
        throw_type_error(scope, "Illegal invocation");
    }
    entry
}

fn deserializer(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> Option<Rc<DeserializerEntry>> {
    let id = id_arg(scope, args);
    let entry = REGISTRY.with(|registry| registry.borrow().deserializers.get(&id).cloned());
    if entry.is_none() {
        throw_type_error(scope, "Illegal invocation");
    }
    entry
}

fn new_id(registry: &mut Registry) -> u32 {
    registry.next_id += 1;
    registry.next_id
}

/// serNew(): a new serializer's id.
fn ser_new(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let current = Current::default();
    let serializer = v8::ValueSerializer::new(scope, Box::new(SerializerDelegate { current: current.clone() }));
    let id = REGISTRY.with(|registry| {
        let mut registry = registry.borrow_mut();
        let id = new_id(&mut registry);
        registry.serializers.insert(id, Rc::new(SerializerEntry { serializer, current }));
        id
    });
    rv.set(v8::Integer::new_from_unsigned(scope, id).into());
}

/// free(id): drops a serializer or deserializer (its JS object was collected).
fn free(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = id_arg(scope, &args);
    REGISTRY.with(|registry| {
        let mut registry = registry.borrow_mut();
        registry.serializers.remove(&id);
        registry.deserializers.remove(&id);
    });
}

fn ser_write_header(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(entry) = serializer(scope, &args) else { return };
    entry.serializer.write_header();
}

/// serWriteValue(id, this, value): true, or throws what serializing threw.
fn ser_write_value(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(entry) = serializer(scope, &args) else { return };
    let Ok(this) = v8::Local::<v8::Object>::try_from(args.get(1)) else { return };
    let context = scope.get_current_context();
    let value = args.get(2);
    if let Some(written) = with_current(scope, &entry.current, this, |_| entry.serializer.write_value(context, value)) {
        rv.set_bool(written);
    }
}

/// serRelease(id): the bytes written, as an ArrayBuffer.
fn ser_release(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(entry) = serializer(scope, &args) else { return };
    let bytes = entry.serializer.release();
    let store = v8::ArrayBuffer::new_backing_store_from_vec(bytes).make_shared();
    rv.set(v8::ArrayBuffer::with_backing_store(scope, &store).into());
}

fn ser_transfer_array_buffer(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(entry) = serializer(scope, &args) else { return };
    let Some(id) = args.get(1).uint32_value(scope) else { return };
    let Ok(buffer) = v8::Local::<v8::ArrayBuffer>::try_from(args.get(2)) else { return };
    entry.serializer.transfer_array_buffer(id, buffer);
}

fn ser_write_uint32(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(entry) = serializer(scope, &args) else { return };
    let Some(value) = args.get(1).uint32_value(scope) else { return };
    entry.serializer.write_uint32(value);
}

fn ser_write_uint64(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(entry) = serializer(scope, &args) else { return };
    let (Some(high), Some(low)) = (args.get(1).uint32_value(scope), args.get(2).uint32_value(scope)) else { return };
    entry.serializer.write_uint64(((high as u64) << 32) | low as u64);
}

fn ser_write_double(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(entry) = serializer(scope, &args) else { return };
    let Some(value) = args.get(1).number_value(scope) else { return };
    entry.serializer.write_double(value);
}

/// The bytes an ArrayBufferView looks at.
fn view_bytes(value: v8::Local<v8::Value>) -> Option<Vec<u8>> {
    let view = v8::Local::<v8::ArrayBufferView>::try_from(value).ok()?;
    Some(super::bindings::view_bytes(&view))
}

fn ser_write_raw_bytes(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(entry) = serializer(scope, &args) else { return };
    let Some(bytes) = view_bytes(args.get(1)) else { return };
    entry.serializer.write_raw_bytes(&bytes);
}

fn ser_treat_views_as_host_objects(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(entry) = serializer(scope, &args) else { return };
    entry.serializer.set_treat_array_buffer_views_as_host_objects(args.get(1).boolean_value(scope));
}

/// desNew(view): a new deserializer's id, reading a copy of the view's bytes.
fn des_new(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(bytes) = view_bytes(args.get(0)) else {
        return throw_type_error(scope, "buffer must be a TypedArray or a DataView");
    };
    let bytes = bytes.into_boxed_slice();
    let current = Current::default();
    // SAFETY: the bytes live in the entry beside the deserializer and outlive it (the entry
    // drops the deserializer first: fields drop in declaration order).
    let data: &'static [u8] = unsafe { std::slice::from_raw_parts(bytes.as_ptr(), bytes.len()) };
    let deserializer = v8::ValueDeserializer::new(scope, Box::new(DeserializerDelegate { current: current.clone() }), data);
    let id = REGISTRY.with(|registry| {
        let mut registry = registry.borrow_mut();
        let id = new_id(&mut registry);
        let entry = DeserializerEntry { deserializer, current, data: bytes.as_ptr(), _bytes: bytes };
        registry.deserializers.insert(id, Rc::new(entry));
        id
    });
    rv.set(v8::Integer::new_from_unsigned(scope, id).into());
}

fn des_read_header(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(entry) = deserializer(scope, &args) else { return };
    let Ok(this) = v8::Local::<v8::Object>::try_from(args.get(1)) else { return };
    let context = scope.get_current_context();
    if let Some(read) = with_current(scope, &entry.current, this, |_| entry.deserializer.read_header(context)) {
        rv.set_bool(read);
    }
}

fn des_read_value(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(entry) = deserializer(scope, &args) else { return };
    let Ok(this) = v8::Local::<v8::Object>::try_from(args.get(1)) else { return };
    let context = scope.get_current_context();
    let value = with_current(scope, &entry.current, this, |_| entry.deserializer.read_value(context));
    if let Some(value) = value {
        rv.set(value);
    }
}

fn read_failed(scope: &mut v8::PinScope) {
    let message = string(scope, "ReadUint32() failed");
    let error = v8::Exception::error(scope, message);
    scope.throw_exception(error);
}

fn des_read_uint32(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(entry) = deserializer(scope, &args) else { return };
    let mut value = 0;
    if !entry.deserializer.read_uint32(&mut value) {
        return read_failed(scope);
    }
    rv.set(v8::Integer::new_from_unsigned(scope, value).into());
}

fn des_read_uint64(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(entry) = deserializer(scope, &args) else { return };
    let mut value = 0u64;
    if !entry.deserializer.read_uint64(&mut value) {
        let message = string(scope, "ReadUint64() failed");
        let error = v8::Exception::error(scope, message);
        scope.throw_exception(error);
        return;
    }
    let high = v8::Integer::new_from_unsigned(scope, (value >> 32) as u32).into();
    let low = v8::Integer::new_from_unsigned(scope, value as u32).into();
    rv.set(v8::Array::new_with_elements(scope, &[high, low]).into());
}

fn des_read_double(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(entry) = deserializer(scope, &args) else { return };
    let mut value = 0.0;
    if !entry.deserializer.read_double(&mut value) {
        let message = string(scope, "ReadDouble() failed");
        let error = v8::Exception::error(scope, message);
        scope.throw_exception(error);
        return;
    }
    rv.set(v8::Number::new(scope, value).into());
}

/// desReadRawBytes(id, length): the offset of the next `length` bytes in the buffer.
fn des_read_raw_bytes(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(entry) = deserializer(scope, &args) else { return };
    let Some(length) = args.get(1).integer_value(scope).filter(|length| *length >= 0) else { return };
    match entry.deserializer.read_raw_bytes(length as usize) {
        Some(bytes) => {
            let offset = bytes.as_ptr() as usize - entry.data as usize;
            rv.set(v8::Number::new(scope, offset as f64).into());
        }
        None => {
            let message = string(scope, "ReadRawBytes() failed");
            let error = v8::Exception::error(scope, message);
            scope.throw_exception(error);
        }
    }
}

fn des_transfer_array_buffer(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(entry) = deserializer(scope, &args) else { return };
    let Some(id) = args.get(1).uint32_value(scope) else { return };
    let value = args.get(2);
    if let Ok(buffer) = v8::Local::<v8::ArrayBuffer>::try_from(value) {
        entry.deserializer.transfer_array_buffer(id, buffer);
    } else if let Ok(buffer) = v8::Local::<v8::SharedArrayBuffer>::try_from(value) {
        entry.deserializer.transfer_shared_array_buffer(id, buffer);
    } else {
        let error = super::bindings::coded_error(
            scope,
            v8::Exception::type_error,
            "arrayBuffer must be an ArrayBuffer or SharedArrayBuffer",
            "ERR_INVALID_ARG_TYPE",
        );
        scope.throw_exception(error);
    }
}

fn des_wire_format_version(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(entry) = deserializer(scope, &args) else { return };
    rv.set(v8::Integer::new_from_unsigned(scope, entry.deserializer.get_wire_format_version()).into());
}

/// Drops this thread's serializers (before its isolate goes).
pub fn clear() {
    REGISTRY.with(|registry| *registry.borrow_mut() = Registry::default());
}

/// heapStatistics(): V8's heap statistics as node names them.
fn heap_statistics(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let stats = scope.get_heap_statistics();
    let fields = [
        ("total_heap_size", stats.total_heap_size() as f64),
        ("total_heap_size_executable", stats.total_heap_size_executable() as f64),
        ("total_physical_size", stats.total_physical_size() as f64),
        ("total_available_size", stats.total_available_size() as f64),
        ("used_heap_size", stats.used_heap_size() as f64),
        ("heap_size_limit", stats.heap_size_limit() as f64),
        ("malloced_memory", stats.malloced_memory() as f64),
        ("peak_malloced_memory", stats.peak_malloced_memory() as f64),
        ("does_zap_garbage", stats.does_zap_garbage() as u8 as f64),
        ("number_of_native_contexts", stats.number_of_native_contexts() as f64),
        ("number_of_detached_contexts", stats.number_of_detached_contexts() as f64),
        ("total_global_handles_size", stats.total_global_handles_size() as f64),
        ("used_global_handles_size", stats.used_global_handles_size() as f64),
        ("external_memory", stats.external_memory() as f64),
    ];
    let object = v8::Object::new(scope);
    for (name, value) in fields {
        let value = v8::Number::new(scope, value).into();
        set_property(scope, object, name, value);
    }
    rv.set(object.into());
}

/// heapSpaceStatistics(): one object per heap space.
fn heap_space_statistics(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let mut spaces = Vec::new();
    for index in 0..scope.number_of_heap_spaces() {
        let Some(stats) = scope.get_heap_space_statistics(index) else { continue };
        let object = v8::Object::new(scope);
        let name = string(scope, &stats.space_name().to_string_lossy()).into();
        set_property(scope, object, "space_name", name);
        for (key, value) in [
            ("space_size", stats.space_size()),
            ("space_used_size", stats.space_used_size()),
            ("space_available_size", stats.space_available_size()),
            ("physical_space_size", stats.physical_space_size()),
        ] {
            let value = v8::Number::new(scope, value as f64).into();
            set_property(scope, object, key, value);
        }
        spaces.push(object.into());
    }
    rv.set(v8::Array::new_with_elements(scope, &spaces).into());
}

/// heapCodeStatistics(): code and metadata sizes.
fn heap_code_statistics(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(stats) = scope.get_heap_code_and_metadata_statistics() else { return };
    let object = v8::Object::new(scope);
    for (key, value) in [
        ("code_and_metadata_size", stats.code_and_metadata_size()),
        ("bytecode_and_metadata_size", stats.bytecode_and_metadata_size()),
        ("external_script_source_size", stats.external_script_source_size()),
        ("cpu_profiler_metadata_size", stats.cpu_profiler_metadata_size()),
    ] {
        let value = v8::Number::new(scope, value as f64).into();
        set_property(scope, object, key, value);
    }
    rv.set(object.into());
}

/// queryObjects(prototype): the live objects of the current context with `prototype` on
/// their prototype chain, found by V8's HeapProfiler::QueryObjects (after a full GC), as
/// node's v8.queryObjects() finds them.
fn query_objects(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let mut found = Vec::new();
    if let Ok(search) = v8::Local::<v8::Object>::try_from(args.get(0)) {
        let context = scope.get_current_context();
        found = heap_profiler::query_objects(scope, context, search);
    }
    let objects: Vec<v8::Local<v8::Value>> = found.iter().map(|global| v8::Local::new(scope, global).into()).collect();
    rv.set(v8::Array::new_with_elements(scope, &objects).into());
}

fn set_flags_from_string(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let flags = args.get(0).to_rust_string_lossy(scope);
    v8::V8::set_flags_from_string(&flags);
}

fn is_one_byte(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(text) = v8::Local::<v8::String>::try_from(args.get(0)) else {
        return throw_type_error(scope, "isOneByte(string)");
    };
    rv.set_bool(text.is_onebyte());
}

/// The process's count of diagnostic files named by default (heap snapshots and profiles),
/// shared by its threads as node's.
static DIAGNOSTIC_SEQUENCE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// A diagnostic file's default name, as node's:
/// `<prefix>.<yyyymmdd>.<hhmmss>.<pid>.<threadId>.<seq>.<extension>`, the next in that count.
fn diagnostic_file_name(prefix: &str, extension: &str, thread_id: u32) -> String {
    let sequence = DIAGNOSTIC_SEQUENCE.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
    let (date, time) = local_date_time();
    format!("{prefix}.{date}.{time}.{}.{thread_id}.{sequence:03}.{extension}", std::process::id())
}

/// diagnosticFileName(prefix, extension, threadId): `diagnostic_file_name`.
fn diagnostic_file_name_js(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let prefix = args.get(0).to_rust_string_lossy(scope);
    let extension = args.get(1).to_rust_string_lossy(scope);
    let thread_id = args.get(2).uint32_value(scope).unwrap_or(0);
    let name = diagnostic_file_name(&prefix, &extension, thread_id);
    if let Some(name) = v8::String::new(scope, &name) {
        rv.set(name.into());
    }
}

// ---- heap snapshots near the heap limit (--heapsnapshot-near-heap-limit) ----

/// What a thread's near-heap-limit snapshots are to do, and have done.
struct HeapLimitSnapshots {
    isolate: v8::UnsafeRawIsolatePtr,
    /// How many snapshots to take, and how many were.
    wanted: u32,
    taken: u32,
    /// Where they go (--diagnostic-dir, or the cwd when it was set up), and the thread's id
    /// for their names.
    directory: String,
    thread_id: u32,
    /// A snapshot is being taken (V8 may ask again meanwhile).
    in_snapshot: bool,
}

thread_local! {
    static HEAP_LIMIT_SNAPSHOTS: RefCell<Option<HeapLimitSnapshots>> = const { RefCell::new(None) };
}

/// What V8 gets beyond the limit it reached, so that the snapshot (and the program) has room:
/// a young generation's worth, as node gives it.
const HEAP_LIMIT_SNAPSHOT_ALLOWANCE: usize = 16 * 1024 * 1024;

/// setHeapSnapshotNearHeapLimit(limit, directory, threadId): up to `limit` heap snapshots
/// written as this thread's heap nears its limit (node's Environment::NearHeapLimitCallback).
fn set_heap_snapshot_near_heap_limit(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let wanted = args.get(0).uint32_value(scope).unwrap_or(0);
    let directory = args.get(1).to_rust_string_lossy(scope);
    let thread_id = args.get(2).uint32_value(scope).unwrap_or(0);
    if wanted == 0 {
        return;
    }
    // SAFETY: the pointer is only used on this thread, from V8's callback, while the isolate lives.
    let isolate = unsafe { scope.as_raw_isolate_ptr() };
    HEAP_LIMIT_SNAPSHOTS.with(|slot| {
        *slot.borrow_mut() = Some(HeapLimitSnapshots { isolate, wanted, taken: 0, directory, thread_id, in_snapshot: false });
    });
    scope.add_near_heap_limit_callback(near_heap_limit_snapshot, std::ptr::null_mut());
}

/// The local date and time as a diagnostic file's name has them: (yyyymmdd, hhmmss).
fn local_date_time() -> (String, String) {
    // SAFETY: time and localtime_r write only the values given.
    let tm = unsafe {
        let now = libc::time(std::ptr::null_mut());
        let mut tm: libc::tm = std::mem::zeroed();
        libc::localtime_r(&now, &mut tm);
        tm
    };
    (
        format!("{:04}{:02}{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday),
        format!("{:02}{:02}{:02}", tm.tm_hour, tm.tm_min, tm.tm_sec),
    )
}

/// V8's near-heap-limit callback on a thread that asked for snapshots: one is written (unless
/// one is under way, or the memory left could not hold it), and the limit raised; after the
/// last one wanted the callback goes, and the thread's own limit handling is V8's again.
extern "C" fn near_heap_limit_snapshot(_data: *mut std::ffi::c_void, current_heap_limit: usize, _initial_heap_limit: usize) -> usize {
    let new_limit = current_heap_limit + HEAP_LIMIT_SNAPSHOT_ALLOWANCE;
    let Some((mut isolate_ptr, path)) = HEAP_LIMIT_SNAPSHOTS.with(|slot| {
        let mut slot = slot.borrow_mut();
        let snapshots = slot.as_mut()?;
        if snapshots.in_snapshot {
            return None;
        }
        snapshots.in_snapshot = true;
        let name = diagnostic_file_name("Heap", "heapsnapshot", snapshots.thread_id);
        Some((snapshots.isolate, format!("{}/{name}", snapshots.directory)))
    }) else {
        return new_limit;
    };
    // SAFETY: V8 calls this on the isolate's own thread, inside an allocation it may collect in.
    let isolate = unsafe { v8::Isolate::ref_from_raw_isolate_ptr_mut_unchecked(&mut isolate_ptr) };
    let too_risky = HEAP_LIMIT_SNAPSHOT_ALLOWANCE as u64 > super::os::available_memory_bytes();
    if !too_risky {
        let mut json = Vec::new();
        isolate.take_heap_snapshot(|chunk| {
            json.extend_from_slice(chunk);
            true
        });
        if std::fs::write(&path, &json).is_ok() {
            eprintln!("Wrote snapshot to {path}");
        }
    }
    let done = HEAP_LIMIT_SNAPSHOTS.with(|slot| {
        let mut slot = slot.borrow_mut();
        let Some(snapshots) = slot.as_mut() else { return true };
        snapshots.in_snapshot = false;
        snapshots.taken += 1;
        too_risky || snapshots.taken >= snapshots.wanted
    });
    if done {
        isolate.remove_near_heap_limit_callback(near_heap_limit_snapshot, 0);
        HEAP_LIMIT_SNAPSHOTS.with(|slot| slot.borrow_mut().take());
    }
    new_limit
}

/// cachedDataVersionTag(): V8's tag for its version, flags and CPU features.
fn cached_data_version_tag(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    rv.set(v8::Integer::new_from_unsigned(scope, v8::script_compiler::cached_data_version_tag()).into());
}

/// heapSnapshot(): the heap snapshot's JSON bytes as an ArrayBuffer.
fn heap_snapshot(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let mut json = Vec::new();
    scope.take_heap_snapshot(|chunk| {
        json.extend_from_slice(chunk);
        true
    });
    let store = v8::ArrayBuffer::new_backing_store_from_vec(json).make_shared();
    rv.set(v8::ArrayBuffer::with_backing_store(scope, &store).into());
}

// ---- GCProfiler: heap statistics before and after each collection ----

#[derive(Clone)]
struct HeapSnapshotStats {
    heap: [(&'static str, f64); 11],
    spaces: Vec<(String, [f64; 4])>,
}

struct GcEntry {
    gc_type: &'static str,
    cost_us: f64,
    before: HeapSnapshotStats,
    after: HeapSnapshotStats,
}

struct GcProfile {
    start_ms: u64,
    entries: Vec<GcEntry>,
}

#[derive(Default)]
struct GcProfilers {
    next_id: u32,
    active: HashMap<u32, GcProfile>,
    /// The collection under way: its start and the statistics before it.
    pending: Option<(std::time::Instant, HeapSnapshotStats)>,
}

thread_local! {
    static GC_PROFILERS: RefCell<GcProfilers> = RefCell::new(GcProfilers::default());
}

fn monotonic_ms() -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime fills the timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    ts.tv_sec as u64 * 1000 + ts.tv_nsec as u64 / 1_000_000
}

fn collect_stats(isolate: &mut v8::Isolate) -> HeapSnapshotStats {
    let stats = isolate.get_heap_statistics();
    let heap = [
        ("totalHeapSize", stats.total_heap_size() as f64),
        ("totalHeapSizeExecutable", stats.total_heap_size_executable() as f64),
        ("totalPhysicalSize", stats.total_physical_size() as f64),
        ("totalAvailableSize", stats.total_available_size() as f64),
        ("totalGlobalHandlesSize", stats.total_global_handles_size() as f64),
        ("usedGlobalHandlesSize", stats.used_global_handles_size() as f64),
        ("usedHeapSize", stats.used_heap_size() as f64),
        ("heapSizeLimit", stats.heap_size_limit() as f64),
        ("mallocedMemory", stats.malloced_memory() as f64),
        ("externalMemory", stats.external_memory() as f64),
        ("peakMallocedMemory", stats.peak_malloced_memory() as f64),
    ];
    let mut spaces = Vec::new();
    for index in 0..isolate.number_of_heap_spaces() {
        if let Some(space) = isolate.get_heap_space_statistics(index) {
            spaces.push((
                space.space_name().to_string_lossy().into_owned(),
                [space.space_size() as f64, space.space_used_size() as f64, space.space_available_size() as f64, space.physical_space_size() as f64],
            ));
        }
    }
    HeapSnapshotStats { heap, spaces }
}

fn gc_type_name(gc_type: v8::GCType) -> &'static str {
    match gc_type {
        v8::GCType::kGCTypeScavenge => "Scavenge",
        v8::GCType::kGCTypeMinorMarkSweep => "MinorMarkSweep",
        v8::GCType::kGCTypeMarkSweepCompact => "MarkSweepCompact",
        v8::GCType::kGCTypeIncrementalMarking => "IncrementalMarking",
        v8::GCType::kGCTypeProcessWeakCallbacks => "ProcessWeakCallbacks",
        _ => "All",
    }
}

unsafe extern "C" fn gc_prologue(mut isolate: v8::UnsafeRawIsolatePtr, _type: v8::GCType, _flags: v8::GCCallbackFlags, _data: *mut std::ffi::c_void) {
    // SAFETY: V8 calls this on the isolate's thread with a live isolate.
    let isolate = unsafe { v8::Isolate::ref_from_raw_isolate_ptr_mut_unchecked(&mut isolate) };
    let before = collect_stats(isolate);
    GC_PROFILERS.with(|profilers| profilers.borrow_mut().pending = Some((std::time::Instant::now(), before)));
}

unsafe extern "C" fn gc_epilogue(mut isolate: v8::UnsafeRawIsolatePtr, gc_type: v8::GCType, _flags: v8::GCCallbackFlags, _data: *mut std::ffi::c_void) {
    // SAFETY: as in gc_prologue.
    let isolate = unsafe { v8::Isolate::ref_from_raw_isolate_ptr_mut_unchecked(&mut isolate) };
    let after = collect_stats(isolate);
    GC_PROFILERS.with(|profilers| {
        let mut profilers = profilers.borrow_mut();
        let Some((started, before)) = profilers.pending.take() else { return };
        let cost_us = started.elapsed().as_secs_f64() * 1e6;
        for profile in profilers.active.values_mut() {
            profile.entries.push(GcEntry { gc_type: gc_type_name(gc_type), cost_us, before: before.clone(), after: after.clone() });
        }
    });
}

/// gcProfilerStart(): a new profile's id; collections are recorded from now on.
fn gc_profiler_start(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let (id, first) = GC_PROFILERS.with(|profilers| {
        let mut profilers = profilers.borrow_mut();
        profilers.next_id += 1;
        let id = profilers.next_id;
        let first = profilers.active.is_empty();
        profilers.active.insert(id, GcProfile { start_ms: monotonic_ms(), entries: Vec::new() });
        (id, first)
    });
    if first {
        scope.add_gc_prologue_callback(gc_prologue, std::ptr::null_mut(), v8::GCType::kGCTypeAll);
        scope.add_gc_epilogue_callback(gc_epilogue, std::ptr::null_mut(), v8::GCType::kGCTypeAll);
    }
    rv.set(v8::Integer::new_from_unsigned(scope, id).into());
}

fn stats_json(stats: &HeapSnapshotStats) -> String {
    let heap: Vec<String> = stats.heap.iter().map(|(name, value)| format!("\"{name}\":{value}")).collect();
    let spaces: Vec<String> = stats
        .spaces
        .iter()
        .map(|(name, [size, used, available, physical])| {
            format!("{{\"spaceName\":\"{name}\",\"spaceSize\":{size},\"spaceUsedSize\":{used},\"spaceAvailableSize\":{available},\"physicalSpaceSize\":{physical}}}")
        })
        .collect();
    format!("{{\"heapStatistics\":{{{}}},\"heapSpaceStatistics\":[{}]}}", heap.join(","), spaces.join(","))
}

/// gcProfilerStop(id): the profile as node's JSON text.
fn gc_profiler_stop(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = id_arg(scope, &args);
    let (profile, last) = GC_PROFILERS.with(|profilers| {
        let mut profilers = profilers.borrow_mut();
        let profile = profilers.active.remove(&id);
        (profile, profilers.active.is_empty())
    });
    if last {
        scope.remove_gc_prologue_callback(gc_prologue, std::ptr::null_mut());
        scope.remove_gc_epilogue_callback(gc_epilogue, std::ptr::null_mut());
    }
    let Some(profile) = profile else { return };
    let statistics: Vec<String> = profile
        .entries
        .iter()
        .map(|entry| {
            format!(
                "{{\"gcType\":\"{}\",\"beforeGC\":{},\"cost\":{},\"afterGC\":{}}}",
                entry.gc_type,
                stats_json(&entry.before),
                entry.cost_us,
                stats_json(&entry.after)
            )
        })
        .collect();
    let json = format!("{{\"version\":1,\"startTime\":{},\"statistics\":[{}],\"endTime\":{}}}", profile.start_ms, statistics.join(","), monotonic_ms());
    rv.set(string(scope, &json).into());
}

/// setPromiseHooks(init, before, after, settled): V8's JS promise hooks of this context and
/// of every vm context (undefined for none).
fn set_promise_hooks(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let hook = |index| v8::Local::<v8::Function>::try_from(args.get(index)).ok();
    scope.set_promise_hooks(hook(0), hook(1), hook(2), hook(3));
    let state = super::RuntimeState::get(scope);
    *state.context_promise_hooks.borrow_mut() = [0, 1, 2, 3].map(|index| hook(index).map(|f| v8::Global::new(scope, f)));
    let contexts: Vec<v8::Local<v8::Context>> = {
        let mut weak = state.vm_contexts.borrow_mut();
        weak.retain(|context| !context.is_empty());
        weak.iter().filter_map(|context| context.to_local(scope)).collect()
    };
    for context in contexts {
        install_promise_hooks(scope, context);
    }
}

/// Gives `context` the promise hooks last set.
pub(super) fn install_promise_hooks(scope: &mut v8::PinScope, context: v8::Local<v8::Context>) {
    let state = super::RuntimeState::get(scope);
    let scope = &mut v8::ContextScope::new(scope, context);
    let hooks = state.context_promise_hooks.borrow().clone().map(|hook| hook.map(|f| v8::Local::new(scope, f)));
    let [init, before, after, settled] = hooks;
    scope.set_promise_hooks(init, before, after, settled);
}

/// The `v8` module's natives as one object.
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "serNew" => ser_new,
        "serWriteHeader" => ser_write_header,
        "serWriteValue" => ser_write_value,
        "serRelease" => ser_release,
        "serTransferArrayBuffer" => ser_transfer_array_buffer,
        "serWriteUint32" => ser_write_uint32,
        "serWriteUint64" => ser_write_uint64,
        "serWriteDouble" => ser_write_double,
        "serWriteRawBytes" => ser_write_raw_bytes,
        "serTreatViewsAsHostObjects" => ser_treat_views_as_host_objects,
        "desNew" => des_new,
        "desReadHeader" => des_read_header,
        "desReadValue" => des_read_value,
        "desReadUint32" => des_read_uint32,
        "desReadUint64" => des_read_uint64,
        "desReadDouble" => des_read_double,
        "desReadRawBytes" => des_read_raw_bytes,
        "desTransferArrayBuffer" => des_transfer_array_buffer,
        "desWireFormatVersion" => des_wire_format_version,
        "free" => free,
        "heapStatistics" => heap_statistics,
        "heapSpaceStatistics" => heap_space_statistics,
        "heapCodeStatistics" => heap_code_statistics,
        "queryObjects" => query_objects,
        "setFlagsFromString" => set_flags_from_string,
        "isOneByte" => is_one_byte,
        "diagnosticFileName" => diagnostic_file_name_js,
        "heapSnapshot" => heap_snapshot,
        "setHeapSnapshotNearHeapLimit" => set_heap_snapshot_near_heap_limit,
        "cachedDataVersionTag" => cached_data_version_tag,
        "gcProfilerStart" => gc_profiler_start,
        "setPromiseHooks" => set_promise_hooks,
        "gcProfilerStop" => gc_profiler_stop,
    });
    rv.set(object.into());
}
