//! node:wasi's native side (node's internalBinding('wasi')): the `WASI` class whose instances'
//! methods are WASI preview1's system calls (the `wasiImport` object), each working on the
//! WebAssembly memory `_setMemory` attached. As node's uvwasi: arguments of the wrong type or
//! number give EINVAL, pointers past the memory's end EOVERFLOW, a call before the memory is
//! attached throws ERR_WASI_NOT_STARTED. The calls themselves are in `syscalls`, the
//! descriptor table and the confinement of paths to the preopened directories in `sandbox`.

mod sandbox;
mod syscalls;

use std::cell::RefCell;
use std::collections::HashMap;

use super::bindings::{set_property, string};
use super::permission::{throw_if_denied, Scope};
use syscalls::{Errno, Param, Wasi, SYSCALLS};

struct Instance {
    wasi: Wasi,
    /// NODE_DEBUG_NATIVE=wasi: each call is logged to stderr, as node does.
    debug: bool,
    memory: Option<v8::Global<v8::Object>>,
    _owner: v8::Weak<v8::Object>,
}

thread_local! {
    // The live WASI objects of this thread, by the id in their internal field.
    static INSTANCES: RefCell<(u32, HashMap<u32, Instance>)> = RefCell::new((0, HashMap::new()));
}

/// The instance's memory, as the system calls see it: its bytes at the time of the call (a
/// memory may grow between calls, so each call looks again).
pub(super) struct Memory {
    base: *mut u8,
    len: usize,
}

impl Memory {
    /// Ok when `len` bytes at `offset` lie inside the memory, else EOVERFLOW (node's check).
    pub(super) fn check(&self, offset: u32, len: u64) -> Result<(), Errno> {
        if offset as u64 + len > self.len as u64 {
            Err(syscalls::EOVERFLOW)
        } else {
            Ok(())
        }
    }

    /// A raw pointer to checked bytes (for the OS to read or write in place).
    pub(super) fn pointer(&self, offset: u32, len: u64) -> Result<*mut u8, Errno> {
        self.check(offset, len)?;
        // SAFETY: inside the memory's bounds, checked above.
        Ok(unsafe { self.base.add(offset as usize) })
    }

    pub(super) fn read(&self, offset: u32, len: u32) -> Result<Vec<u8>, Errno> {
        let pointer = self.pointer(offset, len as u64)?;
        // SAFETY: `len` bytes at `pointer` are inside the memory.
        Ok(unsafe { std::slice::from_raw_parts(pointer, len as usize) }.to_vec())
    }

    pub(super) fn write(&self, offset: u32, bytes: &[u8]) -> Result<(), Errno> {
        let pointer = self.pointer(offset, bytes.len() as u64)?;
        // SAFETY: the bytes fit at `pointer`, inside the memory.
        unsafe { std::ptr::copy(bytes.as_ptr(), pointer, bytes.len()) };
        Ok(())
    }

    pub(super) fn read_u32(&self, offset: u32) -> Result<u32, Errno> {
        let bytes = self.read(offset, 4)?;
        Ok(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }

    pub(super) fn write_u8(&self, offset: u32, value: u8) -> Result<(), Errno> {
        self.write(offset, &[value])
    }

    pub(super) fn write_u16(&self, offset: u32, value: u16) -> Result<(), Errno> {
        self.write(offset, &value.to_le_bytes())
    }

    pub(super) fn write_u32(&self, offset: u32, value: u32) -> Result<(), Errno> {
        self.write(offset, &value.to_le_bytes())
    }

    pub(super) fn write_u64(&self, offset: u32, value: u64) -> Result<(), Errno> {
        self.write(offset, &value.to_le_bytes())
    }
}

/// An error as node's C++ throws it: the plain class name in the stack, an own `code`.
fn throw_native(
    scope: &mut v8::PinScope,
    constructor: for<'s> fn(&v8::PinScope<'s, '_>, v8::Local<v8::String>) -> v8::Local<'s, v8::Value>,
    code: &str,
    message: &str,
) {
    let text = string(scope, message);
    let error = constructor(scope, text);
    let code = string(scope, code).into();
    set_property(scope, error.cast::<v8::Object>(), "code", code);
    scope.throw_exception(error);
}

/// The failure of setting up an instance, as node throws uvwasi_init's: `UVWASI_ENOENT,
/// uvwasi_init` with the WASI errno, its name and the syscall.
fn throw_init_error(scope: &mut v8::PinScope, errno: Errno) {
    let code = format!("UVWASI_E{}", syscalls::errno_name(errno));
    let text = string(scope, &format!("{code}, uvwasi_init"));
    let error = v8::Exception::error(scope, text).cast::<v8::Object>();
    let errno_value = v8::Integer::new(scope, errno as i32).into();
    set_property(scope, error, "errno", errno_value);
    let code = string(scope, &code).into();
    set_property(scope, error, "code", code);
    let syscall = string(scope, "uvwasi_init").into();
    set_property(scope, error, "syscall", syscall);
    scope.throw_exception(error.into());
}

fn strings(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Vec<String> {
    let Ok(array) = v8::Local::<v8::Array>::try_from(value) else { return Vec::new() };
    (0..array.length())
        .filter_map(|index| array.get_index(scope, index))
        .map(|item| item.to_rust_string_lossy(scope))
        .collect()
}

/// new WASI(args, env, preopens, stdio): `env` as `KEY=value` strings, `preopens` as guest and
/// host paths in turn, `stdio` the host descriptors of WASI's 0, 1 and 2 (all checked in JS).
fn construct(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    if throw_if_denied(scope, Scope::Wasi, "") {
        return;
    }
    let argv = strings(scope, args.get(0));
    let env = strings(scope, args.get(1));
    let preopens = strings(scope, args.get(2));
    let stdio_value = args.get(3);
    let mut stdio = [0, 1, 2];
    if let Ok(array) = v8::Local::<v8::Array>::try_from(stdio_value) {
        for (index, fd) in stdio.iter_mut().enumerate() {
            if let Some(value) = array.get_index(scope, index as u32) {
                *fd = value.int32_value(scope).unwrap_or(*fd);
            }
        }
    }
    let preopens: Vec<(String, String)> = preopens.chunks(2).filter(|pair| pair.len() == 2).map(|pair| (pair[0].clone(), pair[1].clone())).collect();
    let wasi = match Wasi::new(argv, env, &preopens, stdio) {
        Ok(wasi) => wasi,
        Err(errno) => return throw_init_error(scope, errno),
    };
    let this = args.this();
    let id = INSTANCES.with_borrow_mut(|(next, _)| {
        *next = next.wrapping_add(1);
        *next
    });
    let owner = v8::Weak::with_finalizer(
        scope,
        this,
        Box::new(move |_isolate: &mut v8::Isolate| {
            INSTANCES.with_borrow_mut(|(_, instances)| instances.remove(&id));
        }),
    );
    INSTANCES.with_borrow_mut(|(_, instances)| instances.insert(id, Instance { wasi, debug: super::compile_cache::native_debug_enabled("wasi"), memory: None, _owner: owner }));
    let id_value = v8::Integer::new_from_unsigned(scope, id);
    this.set_internal_field(0, id_value.into());
}

/// The id of the WASI object a method was called on (None, with a TypeError thrown, for any
/// other receiver).
fn instance_id(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> Option<u32> {
    let this = args.this();
    let id = this
        .get_internal_field(scope, 0)
        .and_then(|field| v8::Local::<v8::Value>::try_from(field).ok())
        .filter(|value| value.is_uint32())
        .map(|value| value.uint32_value(scope).unwrap_or(0));
    if id.is_none() {
        let message = string(scope, "Illegal invocation");
        let error = v8::Exception::type_error(scope, message);
        scope.throw_exception(error);
    }
    id
}

/// _setMemory(memory): the WebAssembly.Memory the calls work on.
fn set_memory(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(id) = instance_id(scope, &args) else { return };
    let memory = args.get(0);
    if !memory.is_wasm_memory_object() {
        let message = "\"instance.exports.memory\" property must be a WebAssembly.Memory object";
        return throw_native(scope, v8::Exception::type_error, "ERR_INVALID_ARG_TYPE", message);
    }
    let memory = v8::Global::new(scope, memory.cast::<v8::Object>());
    INSTANCES.with_borrow_mut(|(_, instances)| {
        if let Some(instance) = instances.get_mut(&id) {
            instance.memory = Some(memory);
        }
    });
}

/// The bytes of the memory's current buffer (an ArrayBuffer, or a SharedArrayBuffer for a
/// shared memory).
fn memory_bytes(scope: &mut v8::PinScope, memory: v8::Local<v8::Object>) -> Memory {
    let key = string(scope, "buffer");
    let buffer = memory.get(scope, key.into());
    let store = match buffer {
        Some(buffer) if buffer.is_array_buffer() => Some(buffer.cast::<v8::ArrayBuffer>().get_backing_store()),
        Some(buffer) if buffer.is_shared_array_buffer() => Some(buffer.cast::<v8::SharedArrayBuffer>().get_backing_store()),
        _ => None,
    };
    match store.and_then(|store| store.data().map(|data| (data, store.byte_length()))) {
        Some((data, len)) => Memory { base: data.as_ptr().cast(), len },
        None => Memory { base: std::ptr::NonNull::dangling().as_ptr(), len: 0 },
    }
}

/// One system call: `args.data()` is its index in SYSCALLS. Its return value is the WASI
/// errno.
fn syscall(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let index = args.data().uint32_value(scope).unwrap_or(0) as usize;
    let call = &SYSCALLS[index];
    let Some(id) = instance_id(scope, &args) else { return };
    let mut values = Vec::with_capacity(call.params.len());
    let count_matches = args.length() as usize == call.params.len();
    for (position, param) in call.params.iter().enumerate().take_while(|_| count_matches) {
        let value = args.get(position as i32);
        let converted = match param {
            Param::U32 if value.is_uint32() => value.uint32_value(scope).map(u64::from),
            Param::U64 | Param::I64 => v8::Local::<v8::BigInt>::try_from(value).ok().map(|big| big.u64_value().0),
            _ => None,
        };
        match converted {
            Some(converted) => values.push(converted),
            None => break,
        }
    }
    if values.len() != call.params.len() {
        rv.set_int32(syscalls::EINVAL as i32);
        return;
    }
    let found = INSTANCES.with_borrow(|(_, instances)| instances.get(&id).map(|instance| (instance.memory.clone(), instance.debug)));
    let Some((Some(memory), debug)) = found else {
        return throw_native(scope, v8::Exception::error, "ERR_WASI_NOT_STARTED", "wasi.start() has not been called");
    };
    if debug {
        let shown: Vec<String> = values
            .iter()
            .zip(call.params)
            .map(|(value, param)| if *param == Param::I64 { (*value as i64).to_string() } else { value.to_string() })
            .collect();
        super::bindings::write_stderr(&format!("{}({})\n", call.name, shown.join(", ")));
    }
    if call.name == "proc_exit" {
        // As node's: the process (or this worker) ends here, without 'exit' events.
        return super::really_exit(scope, values[0] as u32 as i32);
    }
    let memory = v8::Local::new(scope, memory);
    let memory = memory_bytes(scope, memory);
    let errno = INSTANCES.with_borrow_mut(|(_, instances)| match instances.get_mut(&id) {
        Some(instance) => match (call.run)(&mut instance.wasi, &memory, &values) {
            Ok(()) => 0,
            Err(errno) => errno,
        },
        None => syscalls::EBADF,
    });
    rv.set_int32(errno as i32);
}

/// `binding.wasi()`: `{ WASI }`, the class whose prototype has the system calls (enumerable,
/// as node's, which lib/wasi.js binds one by one) and `_setMemory`.
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let class = v8::FunctionTemplate::builder(construct).build(scope);
    let class_name = string(scope, "WASI");
    class.set_class_name(class_name);
    class.instance_template(scope).set_internal_field_count(1);
    let prototype = class.prototype_template(scope);
    for (index, call) in SYSCALLS.iter().enumerate() {
        let data = v8::Integer::new_from_unsigned(scope, index as u32).into();
        let method = v8::FunctionTemplate::builder(syscall).data(data).length(call.params.len() as i32).build(scope);
        let name = string(scope, call.name);
        prototype.set(name.into(), method.into());
    }
    // Not enumerable, as node's: lib/wasi.js binds it itself and keeps it out of wasiImport.
    let set_memory = v8::FunctionTemplate::builder(set_memory).length(1).build(scope);
    let name = string(scope, "_setMemory");
    prototype.set_with_attr(name.into(), set_memory.into(), v8::PropertyAttribute::DONT_ENUM);
    let object = v8::Object::new(scope);
    if let Some(function) = class.get_function(scope) {
        set_property(scope, object, "WASI", function.into());
    }
    rv.set(object.into());
}
