//! `napi_env`: the per-addon state the Node-API functions work on.

use std::ffi::c_void;
use std::ptr::NonNull;
use std::rc::Rc;

use napi_sys as sys;

use super::boundary::{Status, ERROR_MESSAGES};
use super::js_native_api::buffers::{ExternalFinalizer, TypedArrayMaps};
use super::js_native_api::objects::{ArrayElements, NameCache, ReceiverMaps};
use super::js_native_api::promises::PromiseTemplate;
use super::reference::{Finalizer, FinalizerQueue, Reference, Tracker};
use super::scope::HandleScope;
use super::try_catch::{CallTryCatch, TryCatchLayout};
use super::value::{Roots, Words};

thread_local! {
    /// Envs with finalizers waiting for the GC's second pass (one isolate per thread).
    static GC_FINALIZING: std::cell::RefCell<Vec<NonNull<Env>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// One addon's environment. It lives at a fixed heap address until the process ends:
/// a `napi_env` is a pointer to it.
pub struct Env {
    isolate: v8::UnsafeRawIsolatePtr,
    context: NonNull<v8::Context>,
    /// A callback scope for the env's context, made once and never initialized: every
    /// napi call uses a bitwise copy of it (see `scope!`), which costs no call into V8.
    scope_template: v8::ScopeStorage<v8::CallbackScope<'static>>,
    last_error: sys::napi_extended_error_info,
    pending_exception: Option<v8::Global<v8::Value>>,
    /// The Node-API version the addon was built for (8 when it does not say).
    pub module_api_version: i32,
    /// The addon's file name, as a `file://` URL.
    pub filename: std::ffi::CString,
    pub(crate) references: Tracker,
    pub(crate) finalizer_queue: Rc<FinalizerQueue>,
    /// A NAPI_EXPERIMENTAL module's collected references, finalized in the GC's second pass.
    gc_finalizer_queue: Rc<FinalizerQueue>,
    /// Open napi handle scopes, innermost last.
    handle_scopes: Vec<Box<HandleScope>>,
    /// How many handle scopes (low half) and callback scopes (high half) the addon has
    /// open: one word, so that each call into the addon checks their balance at once.
    open_scopes: u64,
    pub(crate) instance_data: Option<Finalizer>,
    /// Finalizers of external array buffers that may outlive the env; pruned as they run.
    external_finalizers: Vec<ExternalFinalizer>,
    wrap_key: Option<v8::Global<v8::Private>>,
    type_tag_key: Option<v8::Global<v8::Private>>,
    /// Set while a NAPI_EXPERIMENTAL module's finalizer runs inside the GC.
    in_gc_finalizer: bool,
    pub(crate) roots: Roots,
    /// Direct reads of values, when V8's layout checked out.
    pub(crate) words: Option<Words>,
    /// Property names the addon used, internalized.
    pub(crate) names: NameCache,
    /// Maps of values ToObject returned as they were (JS receivers), by address.
    pub(crate) receiver_maps: ReceiverMaps,
    /// Typed arrays' types by map, when V8's layout checked out.
    pub(crate) typed_array_maps: Option<TypedArrayMaps>,
    /// Reads array elements directly, when V8's layout checked out.
    pub(crate) array_elements: Option<ArrayElements>,
    /// What new promises are copied from, when V8's layout checked out.
    pub(crate) promise_template: Option<PromiseTemplate>,
    /// How the shared TryCatch is constructed, when V8's layout checked out.
    try_catch_layout: Option<TryCatchLayout>,
    /// The TryCatch of the innermost call into the addon running (NULL outside one).
    call_try_catch: *mut CallTryCatch,
}

/// One callback scope in `Env::open_scopes`.
const CALLBACK_SCOPE: u64 = 1 << 32;

impl Env {
    /// Creates an env for the current context of `scope`; it is torn down at exit.
    pub fn new(scope: &mut v8::PinScope, module_api_version: i32, filename: &str) -> NonNull<Env> {
        let context = scope.get_current_context();
        let context = v8::Global::new(scope, context).into_raw();
        let url = url::Url::from_file_path(filename)
            .map(|u| u.to_string())
            .unwrap_or_else(|_| filename.to_string());
        // SAFETY: a Global's slot is a valid Local for as long as the env holds the Global.
        let context_local = unsafe { std::mem::transmute::<NonNull<v8::Context>, v8::Local<'static, v8::Context>>(context) };
        let roots = Roots::new(scope);
        super::js_native_api::functions::probe_frames(scope);
        let words = Words::new(scope, roots);
        let env = Box::new(Env {
            // SAFETY: the isolate outlives every env created in it.
            isolate: unsafe { scope.as_raw_isolate_ptr() },
            context,
            // SAFETY: a callback scope over a context opens no V8 scope; it is only data.
            scope_template: unsafe { v8::CallbackScope::new(context_local) },
            last_error: sys::napi_extended_error_info {
                error_message: std::ptr::null(),
                engine_reserved: std::ptr::null_mut(),
                engine_error_code: 0,
                error_code: sys::napi_ok,
            },
            pending_exception: None,
            module_api_version,
            filename: std::ffi::CString::new(url).unwrap_or_default(),
            references: Tracker::default(),
            finalizer_queue: Rc::default(),
            gc_finalizer_queue: Rc::default(),
            handle_scopes: Vec::new(),
            open_scopes: 0,
            instance_data: None,
            external_finalizers: Vec::new(),
            wrap_key: None,
            type_tag_key: None,
            in_gc_finalizer: false,
            roots,
            words,
            names: NameCache::default(),
            receiver_maps: ReceiverMaps::default(),
            typed_array_maps: TypedArrayMaps::new(scope, words),
            promise_template: PromiseTemplate::new(scope, words),
            array_elements: ArrayElements::new(scope, words),
            try_catch_layout: TryCatchLayout::new(scope),
            call_try_catch: std::ptr::null_mut(),
        });
        let env = NonNull::from(Box::leak(env));
        crate::runtime::add_cleanup_hook(crate::runtime::CleanupHook::Env(env));
        env
    }

    /// A copy of the env's never-initialized callback scope storage, for `scope!`.
    #[inline(always)]
    pub fn scope_storage(&self) -> v8::ScopeStorage<v8::CallbackScope<'static>> {
        // SAFETY: the template is never initialized, so a copy owns nothing: initializing it
        // sets plain fields, and dropping it deinitializes a scope that opened no V8 scope.
        unsafe { std::ptr::read(&self.scope_template) }
    }

    /// The env's context as a local handle (backed by the env's persistent handle).
    #[inline(always)]
    pub fn context<'s>(&self) -> v8::Local<'s, v8::Context> {
        // SAFETY: a Global's slot stays valid while the env holds it, and a pointer to a
        // handle slot is exactly what a Local is.
        unsafe { std::mem::transmute::<NonNull<v8::Context>, v8::Local<'s, v8::Context>>(self.context) }
    }

    /// The isolate's pointer, for the C++ shims called directly.
    #[inline(always)]
    pub fn raw_isolate(&self) -> v8::UnsafeRawIsolatePtr {
        self.isolate
    }

    /// A new handle for a global slot's value.
    #[inline(always)]
    pub fn handle_of<'s>(&mut self, slot: NonNull<v8::Value>) -> v8::Local<'s, v8::Value> {
        // SAFETY: a held slot holds a live value's tagged word.
        let word = unsafe { *slot.as_ptr().cast::<usize>() };
        match self.words.and_then(|words| words.new_handle(word)) {
            Some(handle) => super::value::from_napi(handle).expect("a handle is not NULL"),
            None => super::reference::global::to_local(self.isolate(), slot),
        }
    }

    /// The isolate the env lives in.
    #[inline(always)]
    pub fn isolate(&mut self) -> &mut v8::Isolate {
        // SAFETY: the isolate outlives the env.
        unsafe { v8::Isolate::ref_from_raw_isolate_ptr_mut_unchecked(&mut self.isolate) }
    }

    /// Records success as the last error. The engine fields are never set, so only the
    /// code and the message (filled in when the info is read, cleared here as node does)
    /// are written.
    #[inline(always)]
    pub fn clear_last_error(&mut self) -> sys::napi_status {
        self.last_error.error_code = sys::napi_ok;
        self.last_error.error_message = std::ptr::null();
        sys::napi_ok
    }

    #[inline(always)]
    pub fn set_last_error(&mut self, status: Status) -> sys::napi_status {
        self.last_error.error_code = status as sys::napi_status;
        status as sys::napi_status
    }

    /// The last error with its message filled in, as `napi_get_last_error_info` returns it.
    pub fn last_error_info(&mut self) -> *const sys::napi_extended_error_info {
        let code = self.last_error.error_code as usize;
        self.last_error.error_message = match code {
            0 => std::ptr::null(),
            _ => ERROR_MESSAGES.get(code).map_or(std::ptr::null(), |m| m.as_ptr()),
        };
        &self.last_error
    }

    /// Whether the addon was built with NAPI_EXPERIMENTAL (finalizers then run in the GC).
    pub fn is_experimental(&self) -> bool {
        self.module_api_version == sys::NAPI_VERSION_EXPERIMENTAL as i32
    }

    /// Node's CheckGCAccess: a call that may affect GC state from a finalizer running
    /// inside the GC is a fatal error.
    #[inline(always)]
    pub fn check_gc_access(&self) {
        if self.in_gc_finalizer {
            crate::runtime::fatal_error(
                None,
                "Finalizer is calling a function that may affect GC state.\n\
                 The finalizers are run directly from GC and must not affect GC state.\n\
                 Use `node_api_post_finalizer` from inside of the finalizer to work around this issue.\n\
                 It schedules the call as a new task in the event loop.",
            );
        }
    }

    /// A weak reference's value was collected (the GC's first pass, which may not touch the
    /// heap): queues its finalizer for the loop, or for a NAPI_EXPERIMENTAL module for the
    /// GC's second pass; true when that pass must be asked for.
    pub fn reference_collected(&mut self, isolate: &v8::Isolate, reference: NonNull<Reference>) -> bool {
        if !self.is_experimental() {
            self.enqueue_finalizer(isolate, reference);
            return false;
        }
        if self.gc_finalizer_queue.push(reference) {
            GC_FINALIZING.with_borrow_mut(|envs| envs.push(NonNull::from(&mut *self)));
        }
        true
    }

    /// The GC's second pass: runs the finalizers of NAPI_EXPERIMENTAL modules' collected
    /// references, with GC-affecting calls forbidden (Node's in_gc_finalizer).
    pub fn finalize_collected_in_gc(isolate: &mut v8::Isolate) {
        for mut env in GC_FINALIZING.take() {
            // SAFETY: envs live until the process ends, and this is the env's thread.
            let env = unsafe { env.as_mut() };
            let saved = std::mem::replace(&mut env.in_gc_finalizer, true);
            v8::scope!(let scope, isolate);
            let context = env.context();
            let scope = &mut v8::ContextScope::new(scope, context);
            env.gc_finalizer_queue.clone().finalize_all(scope);
            env.in_gc_finalizer = saved;
        }
    }

    /// Takes a reference out of the finalizer queues (it is being deleted).
    pub fn unqueue(&self, reference: &Reference) {
        self.finalizer_queue.remove(reference);
        self.gc_finalizer_queue.remove(reference);
    }

    /// Queues a finalization for the loop, scheduling the drain once.
    pub fn enqueue_finalizer(&mut self, isolate: &v8::Isolate, reference: NonNull<Reference>) {
        if self.finalizer_queue.push(reference) {
            let env: *mut Env = self;
            crate::runtime::RuntimeState::get(isolate).post_native(Box::new(move |scope| {
                // SAFETY: envs live until the process ends.
                unsafe { (*env).drain_finalizers(scope) };
            }));
        }
    }

    pub fn has_pending_exception(&self) -> bool {
        self.pending_exception.is_some()
    }

    /// Makes `exception` pending: it is thrown when control returns to JS.
    pub fn set_pending_exception(&mut self, exception: v8::Local<v8::Value>) {
        self.pending_exception = Some(v8::Global::new(self.isolate(), exception));
    }

    /// Takes the pending exception, leaving none.
    #[inline(always)]
    pub fn take_pending_exception(&mut self) -> Option<v8::Global<v8::Value>> {
        // Tested before taking: on the usual path that is one load and no store.
        if self.pending_exception.is_none() {
            return None;
        }
        self.pending_exception.take()
    }

    /// The TryCatch the napi calls of the running call into the addon share, constructed;
    /// None outside such a call (or if V8's TryCatch layout did not check out).
    #[inline(always)]
    pub fn call_try_catch(&mut self) -> Option<&'static mut CallTryCatch> {
        // SAFETY: set by enter_module to a TryCatch on its frame for as long as it runs.
        let try_catch = unsafe { self.call_try_catch.as_mut()? };
        try_catch.ensure(self.isolate, self.try_catch_layout.as_ref()?);
        Some(try_catch)
    }

    /// Whether JS may run (false while the isolate is terminating).
    pub fn can_call_into_js(&mut self) -> bool {
        !self.isolate().is_execution_terminating()
    }

    /// Keeps a handle scope the addon opened, as the innermost.
    pub(crate) fn push_handle_scope(&mut self, scope: Box<HandleScope>) {
        self.handle_scopes.push(scope);
        self.open_scopes += 1;
    }

    /// The innermost handle scope the addon has open.
    pub(crate) fn innermost_handle_scope(&self) -> Option<&HandleScope> {
        self.handle_scopes.last().map(|scope| &**scope)
    }

    /// Closes the innermost handle scope the addon has open.
    pub(crate) fn pop_handle_scope(&mut self) {
        if self.handle_scopes.pop().is_some() {
            self.open_scopes -= 1;
        }
    }

    /// Counts a callback scope the addon opened.
    pub(crate) fn callback_scope_opened(&mut self) {
        self.open_scopes += CALLBACK_SCOPE;
    }

    /// Counts a callback scope the addon closed; false if it has none open.
    pub(crate) fn callback_scope_closed(&mut self) -> bool {
        let open = self.open_scopes >= CALLBACK_SCOPE;
        if open {
            self.open_scopes -= CALLBACK_SCOPE;
        }
        open
    }

    /// Runs a call into the addon: it must close every handle scope it opens (as node
    /// CHECKs), and what it leaves pending is returned for the caller to deliver.
    pub(crate) fn enter_module(&mut self, call: impl FnOnce(*mut Env)) -> Option<v8::Global<v8::Value>> {
        let open_scopes = self.open_scopes;
        self.clear_last_error();
        {
            // Pinned: V8 keeps the TryCatch's address, and it drops here, in place.
            let mut try_catch = std::pin::pin!(CallTryCatch::new());
            // SAFETY: only the address escapes, and only until the TryCatch drops.
            let outer = std::mem::replace(&mut self.call_try_catch, unsafe { try_catch.as_mut().get_unchecked_mut() });
            call(self);
            self.call_try_catch = outer;
        }
        if self.open_scopes != open_scopes {
            crate::runtime::fatal_error(
                Some("napi_env::call_into_module"),
                "the addon returned with napi handle or callback scopes still open (open scope mismatch)",
            );
        }
        self.take_pending_exception()
    }

    /// Calls into the addon from JS (module init, a function callback): an exception it
    /// leaves pending is thrown into the calling JS, and then the result is None.
    pub fn call_into_module<R>(&mut self, scope: &mut v8::PinScope, call: impl FnOnce(*mut Env) -> R) -> Option<R> {
        let mut result = None;
        if let Some(exception) = self.enter_module(|env| result = Some(call(env))) {
            let exception = v8::Local::new(scope, exception);
            scope.throw_exception(exception);
            return None;
        }
        result
    }

    /// Calls into the addon from the loop (finalizers, async work completion): an
    /// exception it leaves pending is uncaught, as in node.
    pub fn call_from_loop(&mut self, scope: &mut v8::PinScope, call: impl FnOnce(*mut Env)) {
        self.call_from_loop_with_policy(scope, true, call);
    }

    /// As call_from_loop; unless `enforce`, the module is NAPI_EXPERIMENTAL, or
    /// --force-node-api-uncaught-exceptions-policy is on, an exception only warns (DEP0168),
    /// as node does for threadsafe function callbacks.
    pub fn call_from_loop_with_policy(&mut self, scope: &mut v8::PinScope, enforce: bool, call: impl FnOnce(*mut Env)) {
        v8::scope!(let scope, scope);
        let Some(exception) = self.enter_module(call) else { return };
        let forced = crate::runtime::RuntimeState::get(scope).options.force_napi_uncaught_policy;
        if enforce || self.is_experimental() || forced {
            let exception = v8::Local::new(scope, exception);
            crate::runtime::trigger_uncaught(scope, exception, None, false);
        } else {
            crate::runtime::emit_warning(
                scope,
                "Uncaught N-API callback exception detected, please run node with option \
                 --force-node-api-uncaught-exceptions-policy=true to handle those exceptions properly.",
                "DeprecationWarning",
                "DEP0168",
            );
        }
    }

    /// Runs an addon finalizer from the loop.
    pub fn call_finalizer(&mut self, scope: &mut v8::PinScope, finalizer: Finalizer) {
        let Some(callback) = finalizer.callback else { return };
        self.call_from_loop(scope, |env| unsafe { callback(env.cast(), finalizer.data, finalizer.hint) });
    }

    /// Finalizes the references whose values the GC collected.
    pub fn drain_finalizers(&mut self, scope: &mut v8::PinScope) {
        self.finalizer_queue.clone().finalize_all(scope);
    }

    /// Node's env teardown at exit: queued finalizers, references with finalizers, the
    /// other references, then the instance data's finalizer.
    pub fn teardown(&mut self, scope: &mut v8::PinScope) {
        self.gc_finalizer_queue.clone().finalize_all(scope);
        self.drain_finalizers(scope);
        for finalizing in [true, false] {
            let mut cursor = 0;
            while let Some(reference) = self.references.next(&mut cursor, finalizing) {
                // SAFETY: tracked references are live.
                unsafe { Reference::finalize(reference, scope) };
            }
        }
        for finalizer in std::mem::take(&mut self.external_finalizers) {
            if let Some(finalizer) = finalizer.take() {
                self.call_finalizer(scope, finalizer);
            }
        }
        if let Some(instance_data) = self.instance_data.take() {
            self.call_finalizer(scope, instance_data);
        }
    }

    /// Remembers an external buffer's finalizer for teardown (dropping those already run
    /// whenever the list doubles).
    pub(crate) fn track_external_finalizer(&mut self, finalizer: ExternalFinalizer) {
        if self.external_finalizers.len() == self.external_finalizers.capacity() {
            self.external_finalizers.retain(ExternalFinalizer::is_pending);
        }
        self.external_finalizers.push(finalizer);
    }

    /// The isolate-wide private key napi_wrap stores its reference under.
    pub fn wrap_key<'s>(&mut self, scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Private> {
        private_key(scope, &mut self.wrap_key, "node:napi:wrapper")
    }

    /// The isolate-wide private key napi_type_tag_object stores tags under.
    pub fn type_tag_key<'s>(&mut self, scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Private> {
        private_key(scope, &mut self.type_tag_key, "node:napi:type_tag")
    }
}

fn private_key<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    cache: &mut Option<v8::Global<v8::Private>>,
    name: &str,
) -> v8::Local<'s, v8::Private> {
    if let Some(key) = cache {
        return v8::Local::new(scope, &*key);
    }
    let name = v8::String::new(scope, name).unwrap();
    let key = v8::Private::for_api(scope, Some(name));
    *cache = Some(v8::Global::new(scope, key));
    key
}

/// Data behind every `v8::External` napi makes: the addon's pointer and its type tag.
pub struct ExternalData {
    pub data: *mut c_void,
    pub type_tag: Option<sys::napi_type_tag>,
}
