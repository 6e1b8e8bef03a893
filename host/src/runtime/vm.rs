//! vm contexts: a new V8 context whose global object reads and writes through a "sandbox"
//! object (node's contextified object), and running scripts in a context with a timeout.

use std::sync::mpsc;
use std::time::Duration;

use super::bindings::throw_type_error;
use super::bindings::binding_object;
use super::signals::SigintWatchdog;
use super::trace_events as trace;

/// The category group of vm's script events.
const VM_SCRIPT: &str = "node,node.vm,node.vm.script";

type Intercepted = v8::Intercepted;

// How a contextified global forwards to its sandbox, as node's ContextifyContext: reads look
// at the sandbox first, then at the global's own properties; writes and definitions go to the
// sandbox and (by not intercepting) to the global as well, so that the global's own read-only
// and non-configurable properties keep their meaning; keys are the sandbox's own keys merged
// with the global's.

/// The sandbox and the context's global proxy; None while the context is being created.
fn contextified<'s>(scope: &mut v8::PinScope<'s, '_>, args: &v8::PropertyCallbackArguments<'s>) -> Option<(v8::Local<'s, v8::Object>, v8::Local<'s, v8::Object>)> {
    let parts = args.data().cast::<v8::Array>();
    let sandbox = parts.get_index(scope, 0)?.try_cast::<v8::Object>().ok()?;
    let global = parts.get_index(scope, 1)?.try_cast::<v8::Object>().ok()?;
    Some((sandbox, global))
}

fn index_name<'s>(scope: &mut v8::PinScope<'s, '_>, index: u32) -> v8::Local<'s, v8::Name> {
    v8::Integer::new_from_unsigned(scope, index).to_string(scope).unwrap().into()
}

fn attributes_of(object: v8::Local<v8::Object>, scope: &mut v8::PinScope, key: v8::Local<v8::Name>) -> Option<v8::PropertyAttribute> {
    if object.has_real_named_property(scope, key) != Some(true) {
        return None;
    }
    object.get_real_named_property_attributes(scope, key)
}

fn read<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, args: &v8::PropertyCallbackArguments<'s>, rv: &mut v8::ReturnValue<v8::Value>) -> Intercepted {
    let Some((sandbox, global)) = contextified(scope, args) else { return Intercepted::kNo };
    v8::tc_scope!(let tc, scope);
    let value = match sandbox.get_real_named_property(tc, key) {
        Some(value) => Some(value),
        None if tc.has_caught() => None,
        None => global.get_real_named_property(tc, key),
    };
    if tc.has_caught() {
        if !tc.has_terminated() {
            tc.rethrow();
        }
        return Intercepted::kYes;
    }
    let Some(value) = value else { return Intercepted::kNo };
    // The sandbox reads as the global (so `global = sandbox` makes `global === globalThis`).
    rv.set(if value.strict_equals(sandbox.into()) { global.into() } else { value });
    Intercepted::kYes
}

fn write<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, value: v8::Local<'s, v8::Value>, args: &v8::PropertyCallbackArguments<'s>) -> Intercepted {
    let Some((sandbox, global)) = contextified(scope, args) else { return Intercepted::kNo };
    let read_only = |attributes: &Option<v8::PropertyAttribute>| attributes.as_ref().is_some_and(|a| a.is_read_only());
    let on_global = attributes_of(global, scope, key);
    let on_sandbox = attributes_of(sandbox, scope, key);
    if read_only(&on_global) || read_only(&on_sandbox) {
        // V8 then refuses the write on the global, throwing in strict code.
        return Intercepted::kNo;
    }
    let declared = on_global.is_some() || on_sandbox.is_some();
    if !declared && key.is_symbol() {
        return Intercepted::kNo;
    }
    if sandbox.set(scope, key.into(), value).is_none() {
        return Intercepted::kNo;
    }
    // An accessor on the sandbox ran its setter: the write is done.
    let is_accessor = on_sandbox.is_some()
        && sandbox.get_own_property_descriptor(scope, key).is_some_and(|descriptor| {
            descriptor.try_cast::<v8::Object>().is_ok_and(|descriptor| {
                let get = v8::String::new(scope, "get").unwrap().into();
                let set = v8::String::new(scope, "set").unwrap().into();
                descriptor.has_own_property(scope, get) == Some(true) || descriptor.has_own_property(scope, set) == Some(true)
            })
        });
    if is_accessor { Intercepted::kYes } else { Intercepted::kNo }
}

fn query<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, args: &v8::PropertyCallbackArguments<'s>, rv: &mut v8::ReturnValue<v8::Integer>) -> Intercepted {
    let Some((sandbox, global)) = contextified(scope, args) else { return Intercepted::kNo };
    match attributes_of(sandbox, scope, key).or_else(|| attributes_of(global, scope, key)) {
        Some(attributes) => {
            rv.set(v8::Integer::new(scope, attributes.as_u32() as i32));
            Intercepted::kYes
        }
        None => Intercepted::kNo,
    }
}

fn describe<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, args: &v8::PropertyCallbackArguments<'s>, rv: &mut v8::ReturnValue<v8::Value>) -> Intercepted {
    let Some((sandbox, _)) = contextified(scope, args) else { return Intercepted::kNo };
    if sandbox.has_own_property(scope, key) != Some(true) {
        return Intercepted::kNo;
    }
    match sandbox.get_own_property_descriptor(scope, key) {
        Some(descriptor) => {
            rv.set(descriptor);
            Intercepted::kYes
        }
        None => Intercepted::kNo,
    }
}

fn define<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, descriptor: &v8::PropertyDescriptor, args: &v8::PropertyCallbackArguments<'s>) -> Intercepted {
    let Some((sandbox, global)) = contextified(scope, args) else { return Intercepted::kNo };
    // A global property neither writable nor configurable stays as it is, on both.
    if attributes_of(global, scope, key).is_some_and(|a| a.is_read_only() && a.is_dont_delete()) {
        return Intercepted::kNo;
    }
    let mut copy = if descriptor.has_get() || descriptor.has_set() {
        let undefined = v8::undefined(scope).into();
        let get = if descriptor.has_get() { descriptor.get() } else { undefined };
        let set = if descriptor.has_set() { descriptor.set() } else { undefined };
        v8::PropertyDescriptor::new_from_get_set(get, set)
    } else {
        let value = if descriptor.has_value() { descriptor.value() } else { v8::undefined(scope).into() };
        if descriptor.has_writable() {
            v8::PropertyDescriptor::new_from_value_writable(value, descriptor.writable())
        } else {
            v8::PropertyDescriptor::new_from_value(value)
        }
    };
    if descriptor.has_enumerable() {
        copy.set_enumerable(descriptor.enumerable());
    }
    if descriptor.has_configurable() {
        copy.set_configurable(descriptor.configurable());
    }
    sandbox.define_property(scope, key, &copy);
    // Not intercepted: V8 defines it on the global too (and throws where that fails).
    Intercepted::kNo
}

/// `delete x` removes it from the sandbox, then the global; false when the sandbox refuses.
fn remove<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Value>, args: &v8::PropertyCallbackArguments<'s>, rv: &mut v8::ReturnValue<v8::Boolean>) -> Intercepted {
    let Some((sandbox, _)) = contextified(scope, args) else { return Intercepted::kNo };
    if sandbox.delete(scope, key) == Some(true) {
        return Intercepted::kNo;
    }
    rv.set_bool(false);
    Intercepted::kYes
}

fn own_keys<'s>(scope: &mut v8::PinScope<'s, '_>, args: &v8::PropertyCallbackArguments<'s>, filter: v8::PropertyFilter, indices: v8::IndexFilter) -> Option<v8::Local<'s, v8::Array>> {
    let (sandbox, _) = contextified(scope, args)?;
    sandbox.get_property_names(scope, v8::GetPropertyNamesArgs {
        mode: v8::KeyCollectionMode::OwnOnly,
        property_filter: filter,
        index_filter: indices,
        key_conversion: v8::KeyConversionMode::KeepNumbers,
    })
}

fn get_named<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, args: v8::PropertyCallbackArguments<'s>, mut rv: v8::ReturnValue<v8::Value>) -> Intercepted {
    read(scope, key, &args, &mut rv)
}

fn set_named<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, value: v8::Local<'s, v8::Value>, args: v8::PropertyCallbackArguments<'s>, _rv: v8::ReturnValue<v8::Boolean>) -> Intercepted {
    write(scope, key, value, &args)
}

fn query_named<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, args: v8::PropertyCallbackArguments<'s>, mut rv: v8::ReturnValue<v8::Integer>) -> Intercepted {
    query(scope, key, &args, &mut rv)
}

fn describe_named<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, args: v8::PropertyCallbackArguments<'s>, mut rv: v8::ReturnValue<v8::Value>) -> Intercepted {
    describe(scope, key, &args, &mut rv)
}

fn define_named<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, descriptor: &v8::PropertyDescriptor, args: v8::PropertyCallbackArguments<'s>, _rv: v8::ReturnValue<v8::Boolean>) -> Intercepted {
    define(scope, key, descriptor, &args)
}

fn delete_named<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<'s, v8::Name>, args: v8::PropertyCallbackArguments<'s>, mut rv: v8::ReturnValue<v8::Boolean>) -> Intercepted {
    remove(scope, key.into(), &args, &mut rv)
}

/// The sandbox's own string and symbol keys that are not indices (V8 filters them further).
fn enumerate_named<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::PropertyCallbackArguments<'s>, mut rv: v8::ReturnValue<v8::Array>) {
    if let Some(keys) = own_keys(scope, &args, v8::PropertyFilter::ALL_PROPERTIES, v8::IndexFilter::SkipIndices) {
        rv.set(keys);
    }
}

fn get_indexed<'s>(scope: &mut v8::PinScope<'s, '_>, index: u32, args: v8::PropertyCallbackArguments<'s>, mut rv: v8::ReturnValue<v8::Value>) -> Intercepted {
    let key = index_name(scope, index);
    read(scope, key, &args, &mut rv)
}

fn set_indexed<'s>(scope: &mut v8::PinScope<'s, '_>, index: u32, value: v8::Local<'s, v8::Value>, args: v8::PropertyCallbackArguments<'s>, _rv: v8::ReturnValue<v8::Boolean>) -> Intercepted {
    let key = index_name(scope, index);
    write(scope, key, value, &args)
}

fn query_indexed<'s>(scope: &mut v8::PinScope<'s, '_>, index: u32, args: v8::PropertyCallbackArguments<'s>, mut rv: v8::ReturnValue<v8::Integer>) -> Intercepted {
    let key = index_name(scope, index);
    query(scope, key, &args, &mut rv)
}

fn describe_indexed<'s>(scope: &mut v8::PinScope<'s, '_>, index: u32, args: v8::PropertyCallbackArguments<'s>, mut rv: v8::ReturnValue<v8::Value>) -> Intercepted {
    let key = index_name(scope, index);
    describe(scope, key, &args, &mut rv)
}

fn define_indexed<'s>(scope: &mut v8::PinScope<'s, '_>, index: u32, descriptor: &v8::PropertyDescriptor, args: v8::PropertyCallbackArguments<'s>, _rv: v8::ReturnValue<v8::Boolean>) -> Intercepted {
    let key = index_name(scope, index);
    define(scope, key, descriptor, &args)
}

fn delete_indexed<'s>(scope: &mut v8::PinScope<'s, '_>, index: u32, args: v8::PropertyCallbackArguments<'s>, mut rv: v8::ReturnValue<v8::Boolean>) -> Intercepted {
    let key = v8::Integer::new_from_unsigned(scope, index).into();
    remove(scope, key, &args, &mut rv)
}

/// The sandbox's own integer indices.
fn enumerate_indexed<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::PropertyCallbackArguments<'s>, mut rv: v8::ReturnValue<v8::Array>) {
    let Some(keys) = own_keys(scope, &args, v8::PropertyFilter::SKIP_SYMBOLS, v8::IndexFilter::IncludeIndices) else { return };
    let indices: Vec<v8::Local<v8::Value>> = (0..keys.length()).filter_map(|i| keys.get_index(scope, i)).filter(|key| key.is_number()).collect();
    rv.set(v8::Array::new_with_elements(scope, &indices));
}

/// What a vm context was made with, kept in its slot.
struct ContextOptions {
    wasm: bool,
    /// The context's own microtask queue (microtaskMode: 'afterEvaluate'), drained after each
    /// script it runs.
    microtasks: Option<v8::MicrotaskQueueHandle>,
}

/// V8 asks this before compiling WebAssembly: a vm context made with codeGeneration.wasm
/// false refuses.
unsafe extern "C" fn allow_wasm(context: v8::Local<v8::Context>, _source: v8::Local<v8::String>) -> bool {
    context.get_slot::<ContextOptions>().is_none_or(|options| options.wasm)
}

/// What node changes in every context it makes (its InitializeContextRuntime): no
/// `Intl.v8BreakIterator`, a V8 extension that is not part of ECMA-402.
pub(crate) fn initialize_context_runtime(scope: &mut v8::PinScope, context: v8::Local<v8::Context>) {
    let scope = &mut v8::ContextScope::new(scope, context);
    let global = context.global(scope);
    let intl = v8::String::new(scope, "Intl").unwrap();
    if let Some(intl) = global.get(scope, intl.into()).and_then(|intl| v8::Local::<v8::Object>::try_from(intl).ok()) {
        let break_iterator = v8::String::new(scope, "v8BreakIterator").unwrap();
        intl.delete(scope, break_iterator.into());
    }
}

/// makeContext(sandbox, strings, wasm, ownMicrotaskQueue): a new context whose global forwards
/// to `sandbox`; returns that global. With `sandbox` undefined the global is an ordinary one
/// (vm.constants.DONT_CONTEXTIFY). `strings` false makes eval and new Function throw
/// EvalError, `wasm` false makes WebAssembly compilation throw CompileError.
pub fn make_context(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let sandbox = match args.get(0) {
        value if value.is_undefined() => None,
        value => match v8::Local::<v8::Object>::try_from(value) {
            Ok(sandbox) => Some(sandbox),
            Err(_) => return throw_type_error(scope, "makeContext(sandbox) takes an object"),
        },
    };
    let strings = !args.get(1).is_false();
    let wasm = !args.get(2).is_false();
    let microtasks = args.get(3).is_true().then(|| v8::MicrotaskQueue::new(scope, v8::MicrotasksPolicy::Explicit));
    let microtask_queue = microtasks.as_ref().map(|queue| &**queue as *const v8::MicrotaskQueue as *mut v8::MicrotaskQueue);
    let context = match sandbox {
        None => v8::Context::new(scope, v8::ContextOptions { microtask_queue, ..Default::default() }),
        Some(sandbox) => {
            // [sandbox, global proxy]: the global is filled in once the context exists.
            let parts = v8::Array::new(scope, 2);
            parts.set_index(scope, 0, sandbox.into());
            let template = v8::ObjectTemplate::new(scope);
            template.set_named_property_handler(
                v8::NamedPropertyHandlerConfiguration::new()
                    .getter(get_named)
                    .setter(set_named)
                    .query(query_named)
                    .deleter(delete_named)
                    .enumerator(enumerate_named)
                    .definer(define_named)
                    .descriptor(describe_named)
                    .data(parts.into())
                    .flags(v8::PropertyHandlerFlags::HAS_NO_SIDE_EFFECT),
            );
            template.set_indexed_property_handler(
                v8::IndexedPropertyHandlerConfiguration::new()
                    .getter(get_indexed)
                    .setter(set_indexed)
                    .query(query_indexed)
                    .deleter(delete_indexed)
                    .enumerator(enumerate_indexed)
                    .definer(define_indexed)
                    .descriptor(describe_indexed)
                    .data(parts.into())
                    .flags(v8::PropertyHandlerFlags::HAS_NO_SIDE_EFFECT),
            );
            let context = v8::Context::new(scope, v8::ContextOptions { global_template: Some(template), microtask_queue, ..Default::default() });
            let global = context.global(scope);
            // A sandbox made by another constructor names the global after it (while the
            // interceptors do not forward yet, so only the global gets the tag).
            let constructor = sandbox.get_constructor_name();
            if constructor.to_rust_string_lossy(scope) != "Object" {
                let scope = &mut v8::ContextScope::new(scope, context);
                let tag = v8::Symbol::get_to_string_tag(scope);
                global.define_own_property(scope, tag.into(), constructor.into(), v8::PropertyAttribute::DONT_ENUM);
            }
            parts.set_index(scope, 1, global.into());
            context
        }
    };
    // One security token for every context, as node has, so objects pass between them.
    let token = scope.get_current_context().get_security_token(scope);
    context.set_security_token(token);
    initialize_context_runtime(scope, context);
    {
        let state = super::RuntimeState::get(scope);
        let mut contexts = state.vm_contexts.borrow_mut();
        if contexts.len() >= 64 && contexts.len().is_power_of_two() {
            contexts.retain(|context| !context.is_empty());
        }
        contexts.push(v8::Weak::new(scope, context));
    }
    super::v8_module::install_promise_hooks(scope, context);
    if strings {
        super::source_map::watch_code_generation(context);
    } else {
        context.set_allow_generation_from_strings(false);
    }
    if !wasm {
        scope.set_allow_wasm_code_generation_callback(allow_wasm);
    }
    context.set_slot(std::rc::Rc::new(ContextOptions { wasm, microtasks }));
    super::disable_proto::apply(scope, context);
    let name = args.get(4).to_rust_string_lossy(scope);
    super::inspector::context_created(scope, context, &name);
    rv.set(context.global(scope).into());
}

/// Runs the microtasks of a context with its own queue (microtaskMode: 'afterEvaluate').
pub(super) fn drain_own_microtasks(scope: &mut v8::PinScope, context: v8::Local<v8::Context>) {
    if let Some(queue) = context.get_slot::<ContextOptions>().and_then(|options| options.microtasks.as_ref().map(|queue| &**queue as *const v8::MicrotaskQueue)) {
        // SAFETY: the queue lives in the context's slot, and the context outlives this call.
        unsafe { (*queue).perform_checkpoint(scope) };
    }
}

fn has_own_microtasks(context: v8::Local<v8::Context>) -> bool {
    context.get_slot::<ContextOptions>().is_some_and(|options| options.microtasks.is_some())
}

/// What a module's evaluation gives its caller: a promise of a context with its own microtask
/// queue, settled once that queue ran, becomes an equal promise of the caller's context (an
/// await on the other would wait on that queue, which nothing runs).
pub(super) fn promise_for_caller<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    caller: v8::Local<v8::Context>,
    context: v8::Local<v8::Context>,
    promise: v8::Local<'s, v8::Value>,
) -> v8::Local<'s, v8::Value> {
    let Ok(inner) = v8::Local::<v8::Promise>::try_from(promise) else { return promise };
    if !has_own_microtasks(context) || inner.state() == v8::PromiseState::Pending {
        return promise;
    }
    let scope = &mut v8::ContextScope::new(scope, caller);
    let Some(resolver) = v8::PromiseResolver::new(scope) else { return promise };
    let result = inner.result(scope);
    if inner.state() == v8::PromiseState::Fulfilled {
        resolver.resolve(scope, result);
    } else {
        inner.mark_as_handled();
        resolver.reject(scope, result);
    }
    resolver.get_promise(scope).into()
}

/// measureMemory(detailed, eager): a promise of V8's estimate of the heap used by this
/// context and those sharing its security token (every vm context), per context when
/// `detailed`; `eager` measures with a GC of its own rather than with the next one.
pub fn measure_memory(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let detailed = args.get(0).is_true();
    let execution = if args.get(1).is_true() { crate::napi::MeasureMemoryExecution::Eager } else { crate::napi::MeasureMemoryExecution::Default };
    let Some(resolver) = v8::PromiseResolver::new(scope) else { return };
    let context = scope.get_current_context();
    crate::napi::measure_memory(scope, context, resolver, detailed, execution);
    rv.set(resolver.get_promise(scope).into());
}

fn cached_data_buffer<'s>(scope: &mut v8::PinScope<'s, '_>, data: Option<v8::UniqueRef<v8::CachedData<'static>>>) -> v8::Local<'s, v8::Value> {
    let bytes = data.map(|data| data.to_vec()).unwrap_or_default();
    let store = v8::ArrayBuffer::new_backing_store_from_vec(bytes).make_shared();
    v8::ArrayBuffer::with_backing_store(scope, &store).into()
}

/// scriptCompile(code, filename, lineOffset, columnOffset, cachedData, produceCachedData,
/// parsingGlobal, hostKey): compiles a vm.Script; returns [handle, sourceMapURL,
/// cachedDataRejected (undefined without cachedData), cachedData (when produced)]. The handle
/// holds the compiled script for scriptRun and scriptCreateCachedData. A SyntaxError gets
/// node's source arrow.
pub fn script_compile(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(request) = CompileRequest::read(scope, &args, "scriptCompile") else { return };
    let _traced = trace::Scope::begin(VM_SCRIPT, "ContextifyScript::New", || {
        serde_json::json!({ "filename": request.filename.to_rust_string_lossy(scope) })
    });
    let host_options = super::modules::vm_host_options(scope, args.get(7));
    let scope = &mut v8::ContextScope::new(scope, request.context);
    v8::tc_scope!(let tc, scope);
    let origin = v8::ScriptOrigin::new(tc, request.filename.into(), request.line, request.column, true, -1, None, false, false, false, host_options);
    let (script, rejected) = request.compile(request.code, &origin, |source, options| {
        v8::script_compiler::compile_unbound_script(tc, source, options, v8::script_compiler::NoCacheReason::NoReason)
    });
    let (line, column) = (request.line, request.column);
    let Some(script) = script else { return rethrow_displayed(tc, true, (line, column)) };
    let template = v8::ObjectTemplate::new(tc);
    template.set_internal_field_count(3);
    let handle = template.new_instance(tc).unwrap();
    handle.set_internal_field(0, script.into());
    handle.set_internal_field(1, v8::Integer::new(tc, line).into());
    handle.set_internal_field(2, v8::Integer::new(tc, column).into());
    let source_map_url = script.get_source_mapping_url(tc);
    let rejected = rejected_value(tc, rejected);
    let produced = if request.produce { cached_data_buffer(tc, script.create_code_cache()) } else { v8::undefined(tc).into() };
    rv.set(v8::Array::new_with_elements(tc, &[handle.into(), source_map_url, rejected, produced]).into());
}

/// The arguments scriptCompile and vmCompileFunction share: (code, filename, line, column,
/// cachedData, produceCachedData, context, …).
struct CompileRequest<'a, 's> {
    code: v8::Local<'a, v8::String>,
    filename: v8::Local<'a, v8::String>,
    line: i32,
    column: i32,
    cached: Option<Vec<u8>>,
    produce: bool,
    context: v8::Local<'s, v8::Context>,
}

impl<'a, 's> CompileRequest<'a, 's> {
    fn read(scope: &mut v8::PinScope<'s, '_>, args: &v8::FunctionCallbackArguments<'a>, what: &str) -> Option<Self> {
        let (Ok(code), Ok(filename)) = (v8::Local::<v8::String>::try_from(args.get(0)), v8::Local::<v8::String>::try_from(args.get(1))) else {
            throw_type_error(scope, &format!("{what}(code, filename, …) takes strings"));
            return None;
        };
        let line = args.get(2).int32_value(scope).unwrap_or(0);
        let column = args.get(3).int32_value(scope).unwrap_or(0);
        let cached = v8::Local::<v8::ArrayBufferView>::try_from(args.get(4)).ok().map(|view| super::bindings::view_bytes(&view));
        let produce = args.get(5).is_true();
        let Some(context) = super::modules::context_of(scope, args.get(6)) else {
            throw_type_error(scope, "not a vm context");
            return None;
        };
        Some(CompileRequest { code, filename, line, column, cached, produce, context })
    }

    /// Compiles through `compile`, consuming the given cached data if any: the result, and
    /// whether V8 rejected the data (None without data). An uncaught exception meanwhile does
    /// not abort (--abort-on-uncaught-exception), as in node.
    fn compile<T>(
        &self,
        code: v8::Local<v8::String>,
        origin: &v8::ScriptOrigin,
        compile: impl FnOnce(&mut v8::script_compiler::Source, v8::script_compiler::CompileOptions) -> Option<T>,
    ) -> (Option<T>, Option<bool>) {
        let _no_abort = super::exit::NoAbortOnUncaught::new();
        match &self.cached {
            Some(bytes) => {
                let data = v8::script_compiler::CachedData::new(bytes);
                let mut source = v8::script_compiler::Source::new_with_cached_data(code, Some(origin), data);
                let compiled = compile(&mut source, v8::script_compiler::CompileOptions::ConsumeCodeCache);
                let rejected = source.get_cached_data().is_some_and(|data| data.rejected());
                (compiled, Some(rejected))
            }
            None => {
                let mut source = v8::script_compiler::Source::new(code, Some(origin));
                (compile(&mut source, v8::script_compiler::CompileOptions::NoCompileOptions), None)
            }
        }
    }
}

/// cachedDataRejected as node reports it: a boolean when data was given, else undefined.
fn rejected_value<'s>(scope: &mut v8::PinScope<'s, '_>, rejected: Option<bool>) -> v8::Local<'s, v8::Value> {
    match rejected {
        Some(rejected) => v8::Boolean::new(scope, rejected).into(),
        None => v8::undefined(scope).into(),
    }
}

/// A scriptCompile handle's script and its line and column offsets.
fn unbound_script<'s>(scope: &mut v8::PinScope<'s, '_>, handle: v8::Local<v8::Value>) -> Option<(v8::Local<'s, v8::UnboundScript>, (i32, i32))> {
    let handle = v8::Local::<v8::Object>::try_from(handle).ok()?;
    if handle.internal_field_count() != 3 {
        return None;
    }
    let data = handle.get_internal_field(scope, 0)?;
    let offset = |field| {
        let value = handle.get_internal_field(scope, field)?;
        // SAFETY: scriptCompile stores Integers in fields 1 and 2.
        Some(unsafe { v8::Local::<v8::Integer>::cast_unchecked(value) }.value() as i32)
    };
    let offsets = (offset(1)?, offset(2)?);
    // SAFETY: scriptCompile stores an UnboundScript in the handle's first field.
    Some((unsafe { v8::Local::<v8::UnboundScript>::cast_unchecked(data) }, offsets))
}

/// scriptCreateCachedData(handle): V8's code cache for the script, as an ArrayBuffer.
pub fn script_create_cached_data(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((script, _)) = unbound_script(scope, args.get(0)) else { return throw_type_error(scope, "not a vm script") };
    let data = script.create_code_cache();
    rv.set(cached_data_buffer(scope, data));
}

/// scriptRun(handle, contextGlobal, timeoutMs, displayErrors, breakOnSigint): runs a compiled
/// vm.Script in the context `contextGlobal` belongs to (the current one when undefined), under
/// the guards runScript describes; a context with its own microtask queue drains it after.
pub fn script_run(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some((unbound, offsets)) = unbound_script(scope, args.get(0)) else { return throw_type_error(scope, "not a vm script") };
    let Some(context) = super::modules::context_of(scope, args.get(1)) else { return throw_type_error(scope, "not a vm context") };
    let timeout = args.get(2).number_value(scope).filter(|ms| *ms > 0.0);
    let display_errors = !args.get(3).is_false();
    let break_on_sigint = args.get(4).is_true();
    let _span = trace::Span::begin(VM_SCRIPT, "RunInContext");
    let scope = &mut v8::ContextScope::new(scope, context);
    v8::tc_scope!(let tc, scope);
    let script = unbound.bind_to_current_context(tc);
    let ran = run_guarded(tc, timeout, break_on_sigint, |scope| {
        let result = script.run(scope);
        if result.is_some() {
            drain_own_microtasks(scope, context);
        }
        result
    });
    match ran {
        (_, stopped @ (Stopped::TimedOut | Stopped::Interrupted)) => throw_stopped(tc, stopped, timeout),
        (Some(value), Stopped::No) => rv.set(value),
        (None, Stopped::No) => rethrow_displayed(tc, display_errors, offsets),
    }
}

fn array_items<'s>(scope: &mut v8::PinScope<'s, '_>, list: v8::Local<v8::Value>) -> Vec<v8::Local<'s, v8::Value>> {
    let Ok(list) = v8::Local::<v8::Array>::try_from(list) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get_index(scope, i)).collect()
}

/// compileFunction(code, filename, lineOffset, columnOffset, cachedData, produceCachedData,
/// parsingGlobal, contextExtensions, params, hostKey): vm.compileFunction's function, in the
/// parsing context, with the extension objects' properties in scope; returns [function,
/// cachedDataRejected (undefined without cachedData), cachedData (when produced)].
pub fn compile_function(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(request) = CompileRequest::read(scope, &args, "compileFunction") else { return };
    let extensions: Vec<v8::Local<v8::Object>> = array_items(scope, args.get(7)).into_iter().filter_map(|value| value.try_cast().ok()).collect();
    let params: Vec<v8::Local<v8::String>> = array_items(scope, args.get(8)).into_iter().filter_map(|value| value.try_cast().ok()).collect();
    let host_options = super::modules::vm_host_options(scope, args.get(9));
    let scope = &mut v8::ContextScope::new(scope, request.context);
    let origin = v8::ScriptOrigin::new(scope, request.filename.into(), request.line, request.column, true, -1, None, false, false, false, host_options);
    let (function, rejected) = request.compile(request.code, &origin, |source, options| {
        v8::script_compiler::compile_function(scope, source, &params, &extensions, options, v8::script_compiler::NoCacheReason::NoReason)
    });
    let Some(function) = function else { return };
    let rejected = rejected_value(scope, rejected);
    let produced = if request.produce { cached_data_buffer(scope, function.create_code_cache()) } else { v8::undefined(scope).into() };
    rv.set(v8::Array::new_with_elements(scope, &[function.into(), rejected, produced]).into());
}

/// runScript(code, filename): compiles `code` as a script and runs it in the current context
/// (a CommonJS module under a patched wrapper, `-e` and `-p` code); its errors get node's
/// source arrow at the top of their stack.
pub fn run_script(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let (Ok(source), Ok(filename)) = (v8::Local::<v8::String>::try_from(args.get(0)), v8::Local::<v8::String>::try_from(args.get(1))) else {
        return throw_type_error(scope, "runScript(code, filename) takes strings");
    };
    v8::tc_scope!(let tc, scope);
    let origin = v8::ScriptOrigin::new(tc, filename.into(), 0, 0, false, -1, None, false, false, false, None);
    match v8::Script::compile(tc, source, Some(&origin)).and_then(|script| script.run(tc)) {
        Some(value) => rv.set(value),
        None => rethrow_displayed(tc, true, (0, 0)),
    }
}

/// Rethrows the caught exception, with node's source arrow on its stack when `display`.
pub(super) fn rethrow_displayed(tc: &mut v8::PinnedRef<v8::TryCatch<v8::HandleScope>>, display: bool, offsets: (i32, i32)) {
    if let (true, Some(exception), Some(message)) = (display, tc.exception(), tc.message()) {
        super::fatal::decorate_stack(tc, exception, message, offsets);
    }
    tc.rethrow();
}

/// Why a guarded run (vm's timeout and breakOnSigint) ended.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Stopped {
    No,
    TimedOut,
    Interrupted,
}

/// Runs `run` under vm's guards: terminated after `timeout` ms, or by a SIGINT when
/// `break_on_sigint`; the termination is cancelled before returning.
pub(super) fn run_guarded<'s, T>(
    scope: &mut v8::PinScope<'s, '_>,
    timeout: Option<f64>,
    break_on_sigint: bool,
    run: impl FnOnce(&mut v8::PinScope<'s, '_>) -> Option<T>,
) -> (Option<T>, Stopped) {
    let sigint = break_on_sigint
        .then(|| {
            let isolate = scope.thread_safe_handle();
            SigintWatchdog::start(move || {
                isolate.terminate_execution();
            })
        })
        .flatten();
    let (result, expired) = match timeout {
        Some(ms) => with_watchdog(scope, ms, run),
        None => (run(scope), false),
    };
    let interrupted = sigint.is_some_and(SigintWatchdog::stop);
    let stopped = if expired {
        Stopped::TimedOut
    } else if interrupted {
        Stopped::Interrupted
    } else {
        Stopped::No
    };
    if stopped != Stopped::No {
        scope.cancel_terminate_execution();
    }
    (result, stopped)
}

/// Throws the error of a run a guard stopped.
pub(super) fn throw_stopped(tc: &mut v8::PinnedRef<v8::TryCatch<v8::HandleScope>>, stopped: Stopped, timeout: Option<f64>) {
    tc.reset();
    let (message, code) = match stopped {
        Stopped::Interrupted => ("Script execution was interrupted by `SIGINT`".to_string(), "ERR_SCRIPT_EXECUTION_INTERRUPTED"),
        _ => (format!("Script execution timed out after {}ms", timeout.unwrap_or_default()), "ERR_SCRIPT_EXECUTION_TIMEOUT"),
    };
    // Node throws these from C++: a plain Error with a `code`, its stack not naming the code.
    let text = v8::String::new(tc, &message).unwrap();
    let error = v8::Exception::error(tc, text);
    let code = v8::String::new(tc, code).unwrap().into();
    super::bindings::set_property(tc, error.cast::<v8::Object>(), "code", code);
    tc.throw_exception(error);
    tc.rethrow();
}

/// Runs `run`, terminating it from a watchdog thread after `ms`; whether that happened.
pub(super) fn with_watchdog<'s, T>(scope: &mut v8::PinScope<'s, '_>, ms: f64, run: impl FnOnce(&mut v8::PinScope<'s, '_>) -> Option<T>) -> (Option<T>, bool) {
    let (done, finished) = mpsc::channel::<()>();
    let isolate = scope.thread_safe_handle();
    let watchdog = std::thread::spawn(move || {
        let expired = finished.recv_timeout(Duration::from_secs_f64(ms / 1000.0)) == Err(mpsc::RecvTimeoutError::Timeout);
        if expired {
            isolate.terminate_execution();
        }
        expired
    });
    let result = run(scope);
    let _ = done.send(());
    (result, watchdog.join().unwrap_or(false))
}

/// `binding.contextify()`: vm's scripts and contexts (node's internalBinding('contextify')).
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "runScript" => run_script,
        "makeContext" => make_context,
        "vmScriptCompile" => script_compile,
        "vmScriptRun" => script_run,
        "vmScriptCreateCachedData" => script_create_cached_data,
        "vmCompileFunction" => compile_function,
        "vmMeasureMemory" => measure_memory,
    });
    rv.set(object.into());
}
