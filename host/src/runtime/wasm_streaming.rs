//! `WebAssembly.compileStreaming`/`instantiateStreaming`: V8 hands each compilation's source
//! (a Response or a promise of one) to the JS side (`internal/wasm_web_api.js`), which feeds
//! the response body to V8's streaming compiler through the bindings here.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use super::bindings::throw_type_error;
use super::internals::Internal;
use super::RuntimeState;
use super::bindings::binding_object;

thread_local! {
    /// The compilations the JS side is feeding, by id.
    static STREAMS: RefCell<HashMap<u32, v8::WasmStreaming<false>>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// Installs the streaming callback (before any context is made: V8 defines
/// `compileStreaming` on the contexts of an isolate that has one).
pub(super) fn install(isolate: &mut v8::Isolate) {
    isolate.set_wasm_streaming_callback(start);
}

/// Drops this thread's unfinished compilations (before its isolate goes).
pub(super) fn clear() {
    STREAMS.with(|streams| streams.borrow_mut().clear());
}

fn start(scope: &mut v8::PinScope, source: v8::Local<v8::Value>, streaming: v8::WasmStreaming<false>) {
    let id = NEXT_ID.with(|next| {
        let id = next.get();
        next.set(id.wrapping_add(1));
        id
    });
    STREAMS.with(|streams| streams.borrow_mut().insert(id, streaming));
    let Some((internals, compile)) = RuntimeState::get(scope).internal_function(scope, Internal::WasmStreamingCompile) else {
        return;
    };
    let id = v8::Integer::new_from_unsigned(scope, id).into();
    // The JS side settles the compilation itself, also when its source is refused.
    compile.call(scope, internals.into(), &[id, source]);
}

fn stream_id(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> Option<u32> {
    args.get(0).uint32_value(scope)
}

/// wasmStreamingPush(id, chunk): the next bytes of the module.
pub fn push(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(id) = stream_id(scope, &args) else { return };
    let Ok(chunk) = v8::Local::<v8::ArrayBufferView>::try_from(args.get(1)) else {
        return throw_type_error(scope, "wasmStreamingPush(id, chunk) takes a typed array");
    };
    let mut storage = [0u8; v8::TYPED_ARRAY_MAX_SIZE_IN_HEAP];
    let bytes = chunk.get_contents(&mut storage);
    STREAMS.with(|streams| {
        if let Some(streaming) = streams.borrow_mut().get_mut(&id) {
            streaming.on_bytes_received(bytes);
        }
    });
}

/// wasmStreamingSetUrl(id, url): the URL the module's stack frames name.
pub fn set_url(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(id) = stream_id(scope, &args) else { return };
    let url = args.get(1).to_rust_string_lossy(scope);
    STREAMS.with(|streams| {
        if let Some(streaming) = streams.borrow_mut().get_mut(&id) {
            streaming.set_url(&url);
        }
    });
}

/// wasmStreamingFinish(id): the body has ended; V8 compiles what it was given.
pub fn finish(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(id) = stream_id(scope, &args) else { return };
    if let Some(streaming) = STREAMS.with(|streams| streams.borrow_mut().remove(&id)) {
        streaming.finish();
    }
}

/// wasmStreamingAbort(id, error): the compilation's promise rejects with `error`.
pub fn abort(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(id) = stream_id(scope, &args) else { return };
    if let Some(streaming) = STREAMS.with(|streams| streams.borrow_mut().remove(&id)) {
        streaming.abort(Some(args.get(1)));
    }
}

/// `binding.wasmStreaming()`: WebAssembly.compileStreaming's natives (node's
/// internalBinding('wasm_web_api')).
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "wasmStreamingPush" => push,
        "wasmStreamingSetUrl" => set_url,
        "wasmStreamingFinish" => finish,
        "wasmStreamingAbort" => abort,
    });
    rv.set(object.into());
}
