//! ES modules on V8's module API. The loader itself (resolution, formats, the graph walk)
//! is JS (`js/esm.js`); this keeps the compiled modules, links them as the loader says, and
//! answers V8's host hooks: the resolve callback, dynamic `import()` and `import.meta`.

use std::cell::RefCell;
use std::collections::HashMap;

use super::bindings::throw_type_error;
use super::internals::Internal;
use super::RuntimeState;
use super::bindings::binding_object;

/// One compiled module and what its import requests were linked to.
struct Record {
    module: v8::Global<v8::Module>,
    url: String,
    /// (specifier, `type` attribute, module id) for each import request, filled by `moduleLink`.
    links: Vec<(String, Option<String>, usize)>,
    /// A synthetic module's export names and the JS function giving their values.
    synthetic: Option<(Vec<String>, v8::Global<v8::Function>)>,
    /// A vm.SourceTextModule/SyntheticModule: its import.meta comes from vm.js.
    vm: bool,
    /// What a source phase import of the module gives (a WebAssembly module's
    /// WebAssembly.Module), set by `moduleSetSourceObject`.
    source_object: Option<v8::Global<v8::Object>>,
}

#[derive(Default)]
struct Registry {
    /// By id; None once released (a vm module whose JS object was collected).
    records: Vec<Option<Record>>,
    by_hash: HashMap<i32, Vec<usize>>,
}

thread_local! {
    static REGISTRY: RefCell<Registry> = RefCell::new(Registry::default());
}

impl Registry {
    fn add(&mut self, scope: &mut v8::PinScope, module: v8::Local<v8::Module>, url: String, synthetic: Option<(Vec<String>, v8::Global<v8::Function>)>) -> usize {
        let id = self.records.len();
        self.by_hash.entry(module.get_identity_hash().get()).or_default().push(id);
        self.records.push(Some(Record { module: v8::Global::new(scope, module), url, links: Vec::new(), synthetic, vm: false, source_object: None }));
        id
    }

    fn get(&self, id: usize) -> Option<&Record> {
        self.records.get(id)?.as_ref()
    }

    fn get_mut(&mut self, id: usize) -> Option<&mut Record> {
        self.records.get_mut(id)?.as_mut()
    }

    fn id_of(&self, scope: &mut v8::PinScope, module: v8::Local<v8::Module>) -> Option<usize> {
        let candidates = self.by_hash.get(&module.get_identity_hash().get())?;
        candidates.iter().copied().find(|&id| self.get(id).is_some_and(|record| v8::Local::new(scope, &record.module) == module))
    }

    /// Drops a record: V8 keeps the module while a module linked to it is alive.
    fn release(&mut self, scope: &mut v8::PinScope, id: usize) {
        let Some(record) = self.records.get_mut(id).and_then(Option::take) else { return };
        let hash = v8::Local::new(scope, &record.module).get_identity_hash().get();
        if let Some(ids) = self.by_hash.get_mut(&hash) {
            ids.retain(|&other| other != id);
            if ids.is_empty() {
                self.by_hash.remove(&hash);
            }
        }
    }
}

/// Drops this thread's modules (before its isolate goes: they are handles into it).
pub fn clear(_scope: &mut v8::PinScope) {
    REGISTRY.with(|registry| *registry.borrow_mut() = Registry::default());
}

/// Installs V8's module host hooks on the isolate.
pub fn install(isolate: &mut v8::Isolate) {
    isolate.set_host_import_module_dynamically_callback(import_dynamically);
    isolate.set_host_import_module_with_phase_dynamically_callback(import_source_dynamically);
    isolate.set_host_initialize_import_meta_object_callback(initialize_import_meta);
}

/// The record id an argument names and its module.
fn module_id<'s>(scope: &mut v8::PinScope<'s, '_>, value: v8::Local<v8::Value>) -> Option<(usize, v8::Local<'s, v8::Module>)> {
    let id = value.uint32_value(scope)? as usize;
    let module = REGISTRY.with(|registry| registry.borrow().get(id).map(|record| record.module.clone()))?;
    Some((id, v8::Local::new(scope, module)))
}

macro_rules! module_arg {
    ($scope:ident, $args:ident) => {
        match module_id($scope, $args.get(0)) {
            Some(found) => found,
            None => return throw_type_error($scope, "unknown module id"),
        }
    };
}

/// moduleCompile(source, url): compiles an ES module; returns [id, specifiers, attributes,
/// sourceMappingURL (its magic comment as V8 read it, or undefined), phases]
/// with each import request's attributes as an object of key: value.
pub fn compile(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let (Ok(source), Ok(url)) = (v8::Local::<v8::String>::try_from(args.get(0)), v8::Local::<v8::String>::try_from(args.get(1))) else {
        return throw_type_error(scope, "moduleCompile(source, url) takes two strings");
    };
    let origin = v8::ScriptOrigin::new(scope, url.into(), 0, 0, false, -1, None, false, false, true, None);
    let url = url.to_rust_string_lossy(scope);
    let _no_abort = super::exit::NoAbortOnUncaught::new();
    v8::tc_scope!(let tc, scope);
    let Some(module) = super::compile_cache::compile_module(tc, source, &origin, &url) else {
        // The syntax error keeps its source arrow wherever it is rethrown (node's arrow message).
        if let (Some(exception), Some(message)) = (tc.exception(), tc.message()) {
            super::fatal::remember_arrow(tc, exception, message);
        }
        tc.rethrow();
        return;
    };
    let scope = tc;
    let (specifiers, attributes) = module_requests(scope, module);
    let phases = request_phases(scope, module);
    let source_mapping_url = module.get_unbound_module_script(scope).get_source_mapping_url(scope);
    let id = REGISTRY.with(|registry| registry.borrow_mut().add(scope, module, url, None));
    let id = v8::Integer::new_from_unsigned(scope, id as u32).into();
    let specifiers = v8::Array::new_with_elements(scope, &specifiers).into();
    let attributes = v8::Array::new_with_elements(scope, &attributes).into();
    let phases = v8::Array::new_with_elements(scope, &phases).into();
    rv.set(v8::Array::new_with_elements(scope, &[id, specifiers, attributes, source_mapping_url, phases]).into());
}

/// Import attributes as V8 lists them (key, value, then `stride - 2` other entries) as an
/// object with a null prototype.
fn attributes_object<'s>(scope: &mut v8::PinScope<'s, '_>, entries: v8::Local<v8::FixedArray>, stride: usize) -> v8::Local<'s, v8::Object> {
    let null = v8::null(scope).into();
    let object = v8::Object::with_prototype_and_properties(scope, null, &[], &[]);
    for entry in (0..entries.length()).step_by(stride) {
        let key = entries.get(scope, entry).unwrap().cast::<v8::Name>();
        let value = entries.get(scope, entry + 1).unwrap().cast::<v8::Value>();
        object.set(scope, key.into(), value);
    }
    object
}

/// moduleSynthetic(url, exportNames, evaluate): a module whose exports are the properties
/// of what `evaluate()` returns when the module is evaluated; returns its id.
pub fn synthetic(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let (Ok(url), Ok(names), Ok(evaluate)) = (
        v8::Local::<v8::String>::try_from(args.get(0)),
        v8::Local::<v8::Array>::try_from(args.get(1)),
        v8::Local::<v8::Function>::try_from(args.get(2)),
    ) else {
        return throw_type_error(scope, "moduleSynthetic(url, names, evaluate)");
    };
    let mut export_names = Vec::with_capacity(names.length() as usize);
    for index in 0..names.length() {
        let Some(name) = names.get_index(scope, index) else { return };
        let Some(name) = name.to_string(scope) else { return };
        export_names.push(name);
    }
    let module = v8::Module::create_synthetic_module(scope, url, &export_names, evaluate_synthetic);
    // vm.SyntheticModule's evaluation sets its exports itself (setExport).
    let is_vm = args.get(3).is_true();
    let names = if is_vm { Vec::new() } else { export_names.iter().map(|name| name.to_rust_string_lossy(scope)).collect() };
    let url = url.to_rust_string_lossy(scope);
    let evaluate = v8::Global::new(scope, evaluate);
    let id = REGISTRY.with(|registry| {
        let mut registry = registry.borrow_mut();
        let id = registry.add(scope, module, url, Some((names, evaluate)));
        registry.get_mut(id).expect("just added").vm = is_vm;
        id
    });
    rv.set(v8::Integer::new_from_unsigned(scope, id as u32).into());
}

/// moduleLink(id, specifiers, targetIds[, types]): what each import request of the module
/// resolves to; `types` are the requests' `type` attributes (node keys modules by URL and type,
/// so one specifier may import two modules).
pub fn link(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let (id, _) = module_arg!(scope, args);
    let (Ok(specifiers), Ok(targets)) = (v8::Local::<v8::Array>::try_from(args.get(1)), v8::Local::<v8::Array>::try_from(args.get(2))) else {
        return throw_type_error(scope, "moduleLink(id, specifiers, targets)");
    };
    let types = v8::Local::<v8::Array>::try_from(args.get(3)).ok();
    let mut links = Vec::with_capacity(specifiers.length() as usize);
    for index in 0..specifiers.length() {
        let specifier = specifiers.get_index(scope, index).unwrap().to_rust_string_lossy(scope);
        let target = targets.get_index(scope, index).and_then(|t| t.uint32_value(scope)).unwrap_or(u32::MAX);
        let kind = types
            .and_then(|types| types.get_index(scope, index))
            .filter(|kind| kind.is_string())
            .map(|kind| kind.to_rust_string_lossy(scope));
        links.push((specifier, kind, target as usize));
    }
    REGISTRY.with(|registry| {
        if let Some(record) = registry.borrow_mut().get_mut(id) {
            record.links = links;
        }
    });
}

/// moduleRelease(id): forgets a vm module whose JS object was collected.
pub fn release(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some(id) = args.get(0).uint32_value(scope) else { return };
    REGISTRY.with(|registry| registry.borrow_mut().release(scope, id as usize));
}

/// moduleInstantiate(id): links the module graph (throws V8's SyntaxError for a missing export,
/// its stack starting with the source arrow at the import, as node decorates it).
pub fn instantiate(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let (_, module) = module_arg!(scope, args);
    if module.get_status() == v8::ModuleStatus::Uninstantiated {
        v8::tc_scope!(let tc, scope);
        if module.instantiate_module2(tc, resolve_linked, resolve_linked_source).is_none() {
            super::vm::rethrow_displayed(tc, true, (0, 0));
        }
    }
}

/// moduleEvaluate(id): runs the module graph; returns the evaluation promise. What a graph
/// with no top-level await threw keeps the source arrow at where it was thrown.
pub fn evaluate(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let (_, module) = module_arg!(scope, args);
    if let Some(result) = module.evaluate(scope) {
        if let Ok(promise) = v8::Local::<v8::Promise>::try_from(result) {
            if promise.state() == v8::PromiseState::Rejected {
                let exception = promise.result(scope);
                let message = v8::Exception::create_message(scope, exception);
                super::fatal::remember_arrow(scope, exception, message);
            }
        }
        rv.set(result);
    }
}

/// moduleNamespace(id): the module's namespace object.
pub fn namespace(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let (_, module) = module_arg!(scope, args);
    rv.set(module.get_module_namespace());
}

/// moduleIsGraphAsync(id): whether the instantiated graph has a top-level await.
pub fn is_graph_async(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let (_, module) = module_arg!(scope, args);
    rv.set_bool(module.get_status() != v8::ModuleStatus::Uninstantiated && module.is_graph_async());
}

/// moduleStalledAwaits(id): each top-level await in the module's graph still pending, as
/// [url, line number, source line, start column].
pub fn stalled_awaits(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let (_, module) = module_arg!(scope, args);
    let mut found = Vec::new();
    for (stalled, message) in module.get_stalled_top_level_await_message(scope) {
        let url = REGISTRY.with(|registry| {
            let registry = registry.borrow();
            registry.id_of(scope, stalled).and_then(|id| registry.get(id)).map(|record| record.url.clone())
        });
        let url: v8::Local<v8::Value> = match url {
            Some(url) => v8::String::new(scope, &url).unwrap().into(),
            None => v8::undefined(scope).into(),
        };
        let line = v8::Integer::new(scope, message.get_line_number(scope).unwrap_or(0) as i32).into();
        let source_line = match message.get_source_line(scope) {
            Some(text) => text.into(),
            None => v8::String::empty(scope).into(),
        };
        let column = v8::Integer::new(scope, message.get_start_column() as i32).into();
        found.push(v8::Array::new_with_elements(scope, &[url, line, source_line, column]).into());
    }
    rv.set(v8::Array::new_with_elements(scope, &found).into());
}

/// The request of `referrer` for `specifier` with these attributes, as `moduleLink` linked it:
/// the target's id, or the error of a request not linked.
fn linked_target<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    specifier: v8::Local<'s, v8::String>,
    attributes: v8::Local<'s, v8::FixedArray>,
    referrer: v8::Local<'s, v8::Module>,
) -> Result<usize, v8::Local<'s, v8::Value>> {
    let specifier = specifier.to_rust_string_lossy(scope);
    // The request's `type` attribute (entries are key, value, source position).
    let kind = (0..attributes.length()).step_by(3).find_map(|entry| {
        let key = attributes.get(scope, entry)?.cast::<v8::Value>().to_rust_string_lossy(scope);
        (key == "type").then(|| attributes.get(scope, entry + 1).map(|value| value.cast::<v8::Value>().to_rust_string_lossy(scope)))?
    });
    let (target, vm_referrer) = REGISTRY.with(|registry| {
        let registry = registry.borrow();
        let Some(id) = registry.id_of(scope, referrer) else { return (None, None) };
        let Some(record) = registry.get(id) else { return (None, None) };
        let vm_referrer = record.vm.then(|| record.url.clone());
        // Links made without types (vm's) match any request of the specifier.
        let target = record
            .links
            .iter()
            .find(|(s, k, _)| *s == specifier && (k.is_none() || *k == kind))
            .map(|(_, _, target)| *target)
            .filter(|target| registry.get(*target).is_some());
        (target, vm_referrer)
    });
    target.ok_or_else(|| match vm_referrer {
        Some(url) => super::bindings::coded_error(
            scope,
            v8::Exception::error,
            &format!("request for '{specifier}' can not be resolved on module '{url}' that is not linked"),
            "ERR_VM_MODULE_LINK_FAILURE",
        ),
        None => {
            let message = v8::String::new(scope, &format!("Cannot find module '{specifier}'")).unwrap();
            v8::Exception::error(scope, message)
        }
    })
}

/// V8's resolve callback: the module `moduleLink` recorded for this specifier.
fn resolve_linked<'s>(
    context: v8::Local<'s, v8::Context>,
    specifier: v8::Local<'s, v8::String>,
    attributes: v8::Local<'s, v8::FixedArray>,
    referrer: v8::Local<'s, v8::Module>,
) -> Option<v8::Local<'s, v8::Module>> {
    v8::callback_scope!(unsafe scope, context);
    match linked_target(scope, specifier, attributes, referrer) {
        Ok(target) => {
            let module = REGISTRY.with(|registry| registry.borrow().get(target).map(|record| record.module.clone()))?;
            let module = v8::Local::new(scope, module);
            // SAFETY: V8 holds the module; the handle outlives this callback's scope.
            Some(unsafe { std::mem::transmute::<v8::Local<'_, v8::Module>, v8::Local<'s, v8::Module>>(module) })
        }
        Err(error) => {
            scope.throw_exception(error);
            None
        }
    }
}

/// V8's resolve callback for a source phase import (`import source x from`): the source
/// object of the module `moduleLink` recorded for this specifier.
fn resolve_linked_source<'s>(
    context: v8::Local<'s, v8::Context>,
    specifier: v8::Local<'s, v8::String>,
    attributes: v8::Local<'s, v8::FixedArray>,
    referrer: v8::Local<'s, v8::Module>,
) -> Option<v8::Local<'s, v8::Object>> {
    v8::callback_scope!(unsafe scope, context);
    let source = linked_target(scope, specifier, attributes, referrer).and_then(|target| source_object_of(scope, target));
    match source {
        Ok(object) => {
            // SAFETY: V8 holds the object as the import's binding; the handle outlives this scope.
            Some(unsafe { std::mem::transmute::<v8::Local<'_, v8::Object>, v8::Local<'s, v8::Object>>(object) })
        }
        Err(error) => {
            scope.throw_exception(error);
            None
        }
    }
}

/// The source object of module `id`, or node's SyntaxError for a module that has none.
fn source_object_of<'s>(scope: &mut v8::PinScope<'s, '_>, id: usize) -> Result<v8::Local<'s, v8::Object>, v8::Local<'s, v8::Value>> {
    let (source, url) = REGISTRY.with(|registry| {
        let registry = registry.borrow();
        let record = registry.get(id);
        (record.and_then(|record| record.source_object.clone()), record.map(|record| record.url.clone()).unwrap_or_default())
    });
    if let Some(source) = source {
        return Ok(v8::Local::new(scope, source));
    }
    let message = v8::String::new(scope, &format!("Source phase import object is not defined for module '{url}'")).unwrap();
    let error = v8::Exception::syntax_error(scope, message);
    let code = v8::String::new(scope, "ERR_SOURCE_PHASE_NOT_DEFINED").unwrap().into();
    super::bindings::set_property(scope, error.cast::<v8::Object>(), "code", code);
    Err(error)
}

/// moduleSetSourceObject(id, object): what a source phase import of the module gives.
pub fn set_source_object(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let (id, _) = module_arg!(scope, args);
    let Ok(object) = v8::Local::<v8::Object>::try_from(args.get(1)) else {
        return throw_type_error(scope, "moduleSetSourceObject(id, object)");
    };
    let object = v8::Global::new(scope, object);
    REGISTRY.with(|registry| {
        if let Some(record) = registry.borrow_mut().get_mut(id) {
            record.source_object = Some(object);
        }
    });
}

/// moduleSourceObject(id): the module's source object (`import.source()`), or throws node's
/// ERR_SOURCE_PHASE_NOT_DEFINED.
pub fn source_object(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let (id, _) = module_arg!(scope, args);
    match source_object_of(scope, id) {
        Ok(object) => rv.set(object.into()),
        Err(error) => {
            scope.throw_exception(error);
        }
    }
}

/// A synthetic module's evaluation: sets each export from the object its function returns.
fn evaluate_synthetic<'s>(context: v8::Local<'s, v8::Context>, module: v8::Local<'s, v8::Module>) -> Option<v8::Local<'s, v8::Value>> {
    v8::callback_scope!(unsafe scope, context);
    let (names, evaluate) = REGISTRY.with(|registry| {
        let registry = registry.borrow();
        let id = registry.id_of(scope, module)?;
        registry.get(id)?.synthetic.clone()
    })?;
    let evaluate = v8::Local::new(scope, evaluate);
    let undefined = v8::undefined(scope).into();
    let values = evaluate.call(scope, undefined, &[])?.to_object(scope)?;
    for name in names {
        let key = v8::String::new(scope, &name).unwrap();
        let value = values.get(scope, key.into())?;
        module.set_synthetic_module_export(scope, key, value)?;
    }
    // The evaluation's result: a promise resolved to undefined, as node's synthetic modules give.
    let resolver = v8::PromiseResolver::new(scope)?;
    let undefined = v8::undefined(scope).into();
    resolver.resolve(scope, undefined);
    let result: v8::Local<v8::Value> = resolver.get_promise(scope).into();
    // SAFETY: V8 holds the promise as the module's evaluation result once returned.
    Some(unsafe { std::mem::transmute::<v8::Local<'_, v8::Value>, v8::Local<'s, v8::Value>>(result) })
}

/// `import()`: the loader's importModule(specifier, referrer name, attributes) promise.
fn import_dynamically<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    options: v8::Local<'s, v8::Data>,
    resource_name: v8::Local<'s, v8::Value>,
    specifier: v8::Local<'s, v8::String>,
    attributes: v8::Local<'s, v8::FixedArray>,
) -> Option<v8::Local<'s, v8::Promise>> {
    import_in_phase(scope, options, resource_name, specifier, attributes, "evaluation")
}

/// `import.source()` (V8 asks this way only for phases other than evaluation).
fn import_source_dynamically<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    options: v8::Local<'s, v8::Data>,
    resource_name: v8::Local<'s, v8::Value>,
    specifier: v8::Local<'s, v8::String>,
    phase: v8::ModuleImportPhase,
    attributes: v8::Local<'s, v8::FixedArray>,
) -> Option<v8::Local<'s, v8::Promise>> {
    let phase = match phase {
        v8::ModuleImportPhase::kSource => "source",
        v8::ModuleImportPhase::kDefer => "defer",
        v8::ModuleImportPhase::kEvaluation => "evaluation",
    };
    import_in_phase(scope, options, resource_name, specifier, attributes, phase)
}

/// A dynamic import's promise from the loader (`phase` 'evaluation': the namespace; 'source':
/// the source object).
fn import_in_phase<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    options: v8::Local<'s, v8::Data>,
    resource_name: v8::Local<'s, v8::Value>,
    specifier: v8::Local<'s, v8::String>,
    attributes: v8::Local<'s, v8::FixedArray>,
    phase: &str,
) -> Option<v8::Local<'s, v8::Promise>> {
    let attributes = attributes_object(scope, attributes, 2);
    let internals = RuntimeState::get(scope).internals.borrow().clone()?;
    let internals = v8::Local::new(scope, internals);
    // Code vm compiled carries the key of its importModuleDynamically in its host options.
    // (V8 hands the options over as a FixedArray.)
    let vm_key = v8::Local::<v8::FixedArray>::try_from(options)
        .ok()
        .filter(|options| options.length() > 0)
        .and_then(|options| options.get(scope, 0))
        .and_then(|key| v8::Local::<v8::Value>::try_from(key).ok());
    // Code of no vm script or module running in a vm context (eval in a promise job): the
    // context's own callback answers.
    let current = scope.get_current_context();
    let in_vm_context = internals.get_creation_context(scope).is_some_and(|main| main != current);
    // A ShadowRealm's importValue() and its modules' import(): the realm's own loader.
    if super::shadow_realm::is_shadow_realm(current) {
        let global = current.global(scope).into();
        let (_, import) = RuntimeState::get(scope).internal_function(scope, Internal::ShadowRealmImport)?;
        let phase = v8::String::new(scope, phase).unwrap().into();
        let promise = import.call(scope, internals.into(), &[specifier.into(), resource_name, attributes.into(), global, phase])?;
        let resolver = v8::PromiseResolver::new(scope)?;
        resolver.resolve(scope, promise)?;
        return Some(resolver.get_promise(scope));
    }
    let (internal, key_arg) = match vm_key {
        Some(key) => (Internal::VmImportDynamically, key),
        None if in_vm_context => (Internal::VmImportDynamically, v8::undefined(scope).into()),
        // Builtins' code has no import() callback (they load modules through the loader): an
        // import() V8 attributes to it is one whose referrer is the realm, as code an indirect
        // eval run by a promise job has; so is one with no script at all (such a job run with
        // no JS below it). Node has no callback for the realm either.
        None if !resource_name.is_string() || resource_name.to_rust_string_lossy(scope).starts_with("node:") => {
            let error = super::bindings::coded_error(
                scope,
                v8::Exception::type_error,
                "A dynamic import callback was not specified.",
                "ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING",
            );
            let resolver = v8::PromiseResolver::new(scope)?;
            resolver.reject(scope, error);
            return Some(resolver.get_promise(scope));
        }
        None => (Internal::ImportModule, v8::undefined(scope).into()),
    };
    let global = current.global(scope).into();
    let (_, import) = RuntimeState::get(scope).internal_function(scope, internal)?;
    let phase = v8::String::new(scope, phase).unwrap().into();
    let promise = import.call(scope, internals.into(), &[specifier.into(), resource_name, attributes.into(), key_arg, global, phase])?;
    if vm_key.is_none() && !in_vm_context {
        return v8::Local::<v8::Promise>::try_from(promise).ok();
    }
    // import() in a vm context gives a promise of that context (the handler's is the main one's).
    let resolver = v8::PromiseResolver::new(scope)?;
    resolver.resolve(scope, promise)?;
    Some(resolver.get_promise(scope))
}

/// `import.meta`: url, filename, dirname and resolve, from the loader's initImportMeta.
extern "C" fn initialize_import_meta(context: v8::Local<v8::Context>, module: v8::Local<v8::Module>, meta: v8::Local<v8::Object>) {
    v8::callback_scope!(unsafe scope, context);
    let Some((id, url, vm)) = REGISTRY.with(|registry| {
        let registry = registry.borrow();
        let id = registry.id_of(scope, module)?;
        registry.get(id).map(|record| (id, record.url.clone(), record.vm))
    }) else {
        return;
    };
    if super::shadow_realm::is_shadow_realm(context) {
        let Some((internals, init)) = RuntimeState::get(scope).internal_function(scope, Internal::ShadowRealmInitImportMeta) else { return };
        let url = v8::String::new(scope, &url).unwrap().into();
        let global = context.global(scope).into();
        init.call(scope, internals.into(), &[meta.into(), url, global]);
        return;
    }
    let internal = if vm { Internal::VmInitImportMeta } else { Internal::InitImportMeta };
    let Some((internals, init)) = RuntimeState::get(scope).internal_function(scope, internal) else { return };
    if vm {
        let id = v8::Integer::new_from_unsigned(scope, id as u32).into();
        init.call(scope, internals.into(), &[meta.into(), id]);
        return;
    }
    let url = v8::String::new(scope, &url).unwrap();
    init.call(scope, internals.into(), &[meta.into(), url.into()]);
}

/// moduleParses(source): whether `source` compiles as an ES module (syntax detection's
/// second look at code that failed as CommonJS with an error only CommonJS can give).
pub fn parses_as_module(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(source) = v8::Local::<v8::String>::try_from(args.get(0)) else {
        return throw_type_error(scope, "moduleParses(source) takes a string");
    };
    let name = v8::String::new(scope, "[syntax detection]").unwrap();
    let origin = v8::ScriptOrigin::new(scope, name.into(), 0, 0, false, -1, None, false, false, true, None);
    let mut source = v8::script_compiler::Source::new(source, Some(&origin));
    let _no_abort = super::exit::NoAbortOnUncaught::new();
    v8::tc_scope!(let tc, scope);
    let parses = v8::script_compiler::compile_module(tc, &mut source).is_some();
    tc.reset();
    rv.set_bool(parses);
}

/// moduleSetExport(id, name, value): sets a synthetic module's export after its evaluation
/// (module.syncBuiltinESMExports()).
pub fn set_export<'s>(scope: &mut v8::PinScope<'s, '_>, args: v8::FunctionCallbackArguments<'s>, _rv: v8::ReturnValue) {
    let (_, module) = module_arg!(scope, args);
    let Ok(name) = v8::Local::<v8::String>::try_from(args.get(1)) else {
        return throw_type_error(scope, "moduleSetExport(id, name, value)");
    };
    let _ = module.set_synthetic_module_export(scope, name, args.get(2));
}

/// scriptSyntaxError(source, name): the message of the SyntaxError compiling `source` as a
/// script throws, or undefined when it compiles (syntax detection of --eval input).
pub fn script_syntax_error(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let (Ok(source), Ok(name)) = (v8::Local::<v8::String>::try_from(args.get(0)), v8::Local::<v8::String>::try_from(args.get(1))) else {
        return throw_type_error(scope, "scriptSyntaxError(source, name) takes two strings");
    };
    let origin = v8::ScriptOrigin::new(scope, name.into(), 0, 0, false, -1, None, false, false, false, None);
    let _no_abort = super::exit::NoAbortOnUncaught::new();
    v8::tc_scope!(let tc, scope);
    if v8::Script::compile(tc, source, Some(&origin)).is_some() {
        return;
    }
    let message = tc.exception().and_then(|exception| {
        let object = v8::Local::<v8::Object>::try_from(exception).ok()?;
        let key = v8::String::new(tc, "message").unwrap();
        object.get(tc, key.into())
    });
    tc.reset();
    if let Some(message) = message {
        rv.set(message);
    }
}

/// Host-defined options naming a vm importModuleDynamically by `key` (see `import_dynamically`).
pub(super) fn vm_host_options<'s>(scope: &mut v8::PinScope<'s, '_>, key: v8::Local<v8::Value>) -> Option<v8::Local<'s, v8::Data>> {
    let key = v8::Local::<v8::Number>::try_from(key).ok()?;
    let options = v8::PrimitiveArray::new(scope, 1);
    options.set(scope, 0, key.into());
    Some(options.into())
}

/// The context a vm context's global belongs to, or the current one for undefined.
pub(super) fn context_of<'s>(scope: &mut v8::PinScope<'s, '_>, global: v8::Local<v8::Value>) -> Option<v8::Local<'s, v8::Context>> {
    match v8::Local::<v8::Object>::try_from(global) {
        Ok(global) => global.get_creation_context(scope),
        Err(_) => Some(scope.get_current_context()),
    }
}

/// vmModuleCompile(source, identifier, lineOffset, columnOffset, hostKey, cachedData):
/// compiles a vm.SourceTextModule; returns [id, specifiers, attributes, phases] or throws its
/// SyntaxError (ERR_VM_MODULE_CACHED_DATA_REJECTED when V8 rejects `cachedData`).
pub fn vm_compile(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let (Ok(source), Ok(url)) = (v8::Local::<v8::String>::try_from(args.get(0)), v8::Local::<v8::String>::try_from(args.get(1))) else {
        return throw_type_error(scope, "vmModuleCompile(source, identifier, …)");
    };
    let line = args.get(2).int32_value(scope).unwrap_or(0);
    let column = args.get(3).int32_value(scope).unwrap_or(0);
    let host_options = vm_host_options(scope, args.get(4));
    let origin = v8::ScriptOrigin::new(scope, url.into(), line, column, false, -1, None, false, false, true, host_options);
    let cached = v8::Local::<v8::ArrayBufferView>::try_from(args.get(5)).ok().map(|view| super::bindings::view_bytes(&view));
    let _no_abort = super::exit::NoAbortOnUncaught::new();
    let module = match &cached {
        Some(bytes) => {
            let data = v8::script_compiler::CachedData::new(bytes);
            let mut source = v8::script_compiler::Source::new_with_cached_data(source, Some(&origin), data);
            let module = v8::script_compiler::compile_module2(
                scope,
                &mut source,
                v8::script_compiler::CompileOptions::ConsumeCodeCache,
                v8::script_compiler::NoCacheReason::NoReason,
            );
            if module.is_some() && source.get_cached_data().is_some_and(|data| data.rejected()) {
                let error = super::bindings::coded_error(scope, v8::Exception::error, "cachedData buffer was rejected", "ERR_VM_MODULE_CACHED_DATA_REJECTED");
                scope.throw_exception(error);
                return;
            }
            module
        }
        None => {
            let mut source = v8::script_compiler::Source::new(source, Some(&origin));
            v8::script_compiler::compile_module(scope, &mut source)
        }
    };
    let Some(module) = module else { return };
    let (specifiers, attributes) = module_requests(scope, module);
    let phases = request_phases(scope, module);
    let url = url.to_rust_string_lossy(scope);
    let id = REGISTRY.with(|registry| {
        let mut registry = registry.borrow_mut();
        let id = registry.add(scope, module, url, None);
        registry.get_mut(id).expect("just added").vm = true;
        id
    });
    let id = v8::Integer::new_from_unsigned(scope, id as u32).into();
    let specifiers = v8::Array::new_with_elements(scope, &specifiers).into();
    let attributes = v8::Array::new_with_elements(scope, &attributes).into();
    let phases = v8::Array::new_with_elements(scope, &phases).into();
    rv.set(v8::Array::new_with_elements(scope, &[id, specifiers, attributes, phases]).into());
}

/// vmModuleStatus(id): V8's status (0 unlinked … 5 errored, as node numbers them).
pub fn vm_status(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let (_, module) = module_arg!(scope, args);
    let status = match module.get_status() {
        v8::ModuleStatus::Uninstantiated => 0,
        v8::ModuleStatus::Instantiating => 1,
        v8::ModuleStatus::Instantiated => 2,
        v8::ModuleStatus::Evaluating => 3,
        v8::ModuleStatus::Evaluated => 4,
        v8::ModuleStatus::Errored => 5,
    };
    rv.set(v8::Integer::new(scope, status).into());
}

/// vmModuleHasTopLevelAwait(id): whether the module itself has a top-level await.
pub fn vm_has_top_level_await(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let (_, module) = module_arg!(scope, args);
    rv.set_bool(module.is_source_text_module() && module.has_top_level_await());
}

/// vmModuleError(id): what an errored module threw.
pub fn vm_error(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let (_, module) = module_arg!(scope, args);
    rv.set(module.get_exception());
}

/// vmModuleInstantiate(id, contextGlobal): links the graph in the module's context; throws
/// V8's SyntaxError for an export a linked module lacks.
pub fn vm_instantiate(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let (_, module) = module_arg!(scope, args);
    let Some(context) = context_of(scope, args.get(1)) else { return };
    let scope = &mut v8::ContextScope::new(scope, context);
    let _ = module.instantiate_module2(scope, resolve_linked, resolve_linked_source);
}

/// vmModuleEvaluate(id, contextGlobal, timeoutMs, breakOnSigint): runs the graph in the
/// module's context; returns V8's evaluation promise. A run longer than `timeoutMs` throws
/// ERR_SCRIPT_EXECUTION_TIMEOUT, one a SIGINT stops ERR_SCRIPT_EXECUTION_INTERRUPTED.
pub fn vm_evaluate(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let (_, module) = module_arg!(scope, args);
    let Some(context) = context_of(scope, args.get(1)) else { return };
    let timeout = args.get(2).number_value(scope).filter(|ms| *ms > 0.0);
    let break_on_sigint = args.get(3).is_true();
    let caller = scope.get_current_context();
    let scope = &mut v8::ContextScope::new(scope, context);
    v8::tc_scope!(let tc, scope);
    let evaluated = super::vm::run_guarded(tc, timeout, break_on_sigint, |scope| {
        let promise = module.evaluate(scope);
        // A context with its own microtask queue (microtaskMode: 'afterEvaluate') runs it now.
        if promise.is_some() {
            super::vm::drain_own_microtasks(scope, context);
        }
        promise
    });
    match evaluated {
        (_, stopped @ (super::vm::Stopped::TimedOut | super::vm::Stopped::Interrupted)) => {
            super::vm::throw_stopped(tc, stopped, timeout)
        }
        (Some(promise), _) => rv.set(super::vm::promise_for_caller(tc, caller, context, promise)),
        (None, _) => {
            tc.rethrow();
        }
    }
}

/// vmModuleCreateCachedData(id): V8's code cache for the module, as an ArrayBuffer.
pub fn vm_create_cached_data(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let (_, module) = module_arg!(scope, args);
    let bytes = module.get_unbound_module_script(scope).create_code_cache().map(|data| data.to_vec()).unwrap_or_default();
    let store = v8::ArrayBuffer::new_backing_store_from_vec(bytes).make_shared();
    rv.set(v8::ArrayBuffer::with_backing_store(scope, &store).into());
}

/// The phase of each of a module's requests, as node names them ('source', 'defer',
/// 'evaluation').
fn request_phases<'s>(scope: &mut v8::PinScope<'s, '_>, module: v8::Local<v8::Module>) -> Vec<v8::Local<'s, v8::Value>> {
    let requests = module.get_module_requests();
    (0..requests.length())
        .map(|index| {
            let request = requests.get(scope, index).unwrap().cast::<v8::ModuleRequest>();
            let phase = match request.get_phase() {
                v8::ModuleImportPhase::kSource => "source",
                v8::ModuleImportPhase::kDefer => "defer",
                v8::ModuleImportPhase::kEvaluation => "evaluation",
            };
            v8::String::new(scope, phase).unwrap().into()
        })
        .collect()
}

/// A module's requests: their specifiers and their import attributes as objects.
fn module_requests<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    module: v8::Local<v8::Module>,
) -> (Vec<v8::Local<'s, v8::Value>>, Vec<v8::Local<'s, v8::Value>>) {
    let requests = module.get_module_requests();
    let mut specifiers = Vec::with_capacity(requests.length());
    let mut attributes = Vec::with_capacity(requests.length());
    for index in 0..requests.length() {
        let request = requests.get(scope, index).unwrap().cast::<v8::ModuleRequest>();
        specifiers.push(request.get_specifier().into());
        // [key, value, source offset] triples.
        let entries = request.get_import_attributes();
        attributes.push(attributes_object(scope, entries, 3).into());
    }
    (specifiers, attributes)
}

/// `binding.moduleWrap()`: ES module records, for the loader and vm.Module (node's
/// internalBinding('module_wrap')).
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "moduleCompile" => compile,
        "moduleSynthetic" => synthetic,
        "moduleLink" => link,
        "moduleRelease" => release,
        "moduleInstantiate" => instantiate,
        "moduleEvaluate" => evaluate,
        "moduleNamespace" => namespace,
        "moduleSetSourceObject" => set_source_object,
        "moduleSourceObject" => source_object,
        "moduleIsGraphAsync" => is_graph_async,
        "moduleStalledAwaits" => stalled_awaits,
        "moduleParses" => parses_as_module,
        "scriptSyntaxError" => script_syntax_error,
        "moduleSetExport" => set_export,
        "vmModuleCompile" => vm_compile,
        "vmModuleStatus" => vm_status,
        "vmModuleError" => vm_error,
        "vmModuleHasTopLevelAwait" => vm_has_top_level_await,
        "vmModuleInstantiate" => vm_instantiate,
        "vmModuleEvaluate" => vm_evaluate,
        "vmModuleCreateCachedData" => vm_create_cached_data,
    });
    rv.set(object.into());
}
