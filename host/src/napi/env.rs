//! `napi_env`: the per-addon state the Node-API functions work on.

use std::ffi::c_void;
use std::ptr::NonNull;
use std::rc::Rc;

use napi_sys as sys;

use super::boundary::{Status, ERROR_MESSAGES};
use super::js_native_api::buffers::ExternalFinalizer;
use super::js_native_api::objects::SharedNameCache;
use super::reference::{Finalizer, FinalizerQueue, Reference, Tracker};
use super::scope::HandleScope;
use super::v8_layout::objects::{ArrayElements, ReceiverMaps};
use super::v8_layout::promises::PromiseTemplate;
use super::v8_layout::try_catch::{CallTryCatch, SharedTryCatches};
use super::v8_layout::typed_arrays::TypedArrayMaps;
use super::v8_layout::words::Words;
use super::value::Roots;

thread_local! {
    /// Envs with finalizers waiting for the GC's second pass (one isolate per thread).
    static GC_FINALIZING: std::cell::RefCell<Vec<NonNull<Env>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// One addon's environment. It lives at a fixed heap address (a `napi_env` is a pointer to
/// it) from its module's load until its runtime's teardown frees it, after its own teardown
/// and every cleanup hook ran (see `cleanup::run_cleanup_hooks`).
pub struct Env {
    isolate: v8::UnsafeRawIsolatePtr,
    context: NonNull<v8::Context>,
    /// A callback scope for the env's context, made once and never initialized: every
    /// napi call uses a bitwise copy of it (see `scope!`), which costs no call into V8.
    scope_template: v8::ScopeStorage<v8::CallbackScope<'static>>,
    last_error: sys::napi_extended_error_info,
    pending_exception: Option<v8::Global<v8::Value>>,
    /// An exception left in V8 outside Node-API's exception state (`set_stray_exception`).
    stray_exception: Option<v8::Global<v8::Value>>,
    /// The stray exception the running call that may run JS found (`boundary::run_js_after_exception`).
    stray_exception_in_call: Option<v8::Global<v8::Value>>,
    /// The Node-API version the addon was built for (8 when it does not say).
    pub module_api_version: i32,
    /// The addon's file name.
    path: String,
    /// Its `file://` URL, made when first asked for.
    file_url: std::cell::OnceCell<std::ffi::CString>,
    pub(crate) references: Tracker,
    pub(crate) finalizer_queue: Rc<FinalizerQueue>,
    /// A NAPI_EXPERIMENTAL module's collected references, finalized in the GC's second pass.
    gc_finalizer_queue: Rc<FinalizerQueue>,
    /// Open napi handle scopes, innermost last.
    handle_scopes: Vec<Box<HandleScope>>,
    /// Open napi callback scopes.
    callback_scopes: u32,
    /// What a call into the addon must leave as it found it (see `call_state`).
    call_state: u64,
    /// The instance data and its order among the references (see `set_instance_data`).
    pub(crate) instance_data: Option<(u64, Finalizer)>,
    /// Finalizers of external array buffers that may outlive the env; pruned as they run.
    /// Finalizers of external buffers, by their order in the thread.
    external_finalizers: Vec<(u64, ExternalFinalizer)>,
    /// Exit cleanup started: JS can no longer run (node's is_stopping).
    pub(crate) stopping: bool,
    wrap_key: Option<v8::Global<v8::Private>>,
    type_tag_key: Option<v8::Global<v8::Private>>,
    /// Set while a NAPI_EXPERIMENTAL module's finalizer runs inside the GC.
    in_gc_finalizer: bool,
    pub(crate) roots: Roots,
    /// Direct reads of values, when V8's layout checked out.
    pub(crate) words: Option<Words>,
    /// Property names the isolate's addons used, internalized.
    pub(crate) names: SharedNameCache,
    /// Maps of values ToObject returned as they were (JS receivers), by address.
    pub(crate) receiver_maps: ReceiverMaps,
    /// Typed arrays' types by map, when V8's layout checked out.
    pub(crate) typed_array_maps: Option<TypedArrayMaps>,
    /// Reads array elements directly, when V8's layout checked out.
    pub(crate) array_elements: Option<ArrayElements>,
    /// What new promises are copied from, when V8's layout checked out.
    pub(crate) promise_template: Option<PromiseTemplate>,
    /// The TryCatches calls into the addon constructed for their napi calls.
    try_catches: SharedTryCatches,
    /// The Node.js release napi_get_node_version reports (the host's).
    pub(crate) node_version: sys::napi_node_version,
    /// The runtime this env belongs to, and how other threads post to its JS thread.
    pub(crate) host: std::rc::Rc<dyn crate::napi::host::Host>,
    pub(crate) task_poster: crate::napi::host::TaskPoster,
}

/// `Env::call_state`: one word that sums what a call into the addon must leave as it found
/// it, so that returning from the addon checks all of it with one comparison. Each count
/// has a field of its own: call levels and TryCatches are bounded by the stack, far below
/// 2^16; a handle scope count past 2^16 would carry into the callback scopes' field, which
/// keeps the sum (all that is compared) exact.
mod call_state {
    /// An exception is pending.
    pub const PENDING: u64 = 1;
    /// One call into the addon running; the field is the call level.
    pub const CALL: u64 = 1 << 1;
    pub const LEVEL: u64 = 0xffff << 1;
    /// One shared TryCatch registered.
    pub const TRY_CATCH: u64 = 1 << 17;
    /// One napi handle scope open.
    pub const HANDLE_SCOPE: u64 = 1 << 33;
    /// One napi callback scope open.
    pub const CALLBACK_SCOPE: u64 = 1 << 49;
}

impl Env {
    /// Creates an env for the current context of `scope`; it is torn down and freed with its
    /// runtime (`Env::free`).
    pub fn new(scope: &mut v8::PinScope, module_api_version: i32, filename: &str) -> NonNull<Env> {
        let context = scope.get_current_context();
        let context = v8::Global::new(scope, context).into_raw();
        // SAFETY: a Global's slot is a valid Local for as long as the env holds the Global.
        let context_local = unsafe { std::mem::transmute::<NonNull<v8::Context>, v8::Local<'static, v8::Context>>(context) };
        let roots = Roots::new(scope);
        let host = crate::napi::host::get(scope);
        let layout = super::v8_layout::probe(scope, roots, host.promise_hook_installed());
        let (major, minor, patch) = host.node_release();
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
            stray_exception: None,
            stray_exception_in_call: None,
            module_api_version,
            path: filename.to_string(),
            file_url: std::cell::OnceCell::new(),
            references: Tracker::default(),
            finalizer_queue: Rc::default(),
            gc_finalizer_queue: Rc::default(),
            handle_scopes: Vec::new(),
            callback_scopes: 0,
            call_state: 0,
            instance_data: None,
            external_finalizers: Vec::new(),
            stopping: false,
            wrap_key: None,
            type_tag_key: None,
            in_gc_finalizer: false,
            roots,
            words: layout.words,
            names: SharedNameCache::of_isolate(scope),
            receiver_maps: ReceiverMaps::default(),
            typed_array_maps: layout.typed_array_maps,
            promise_template: layout.promise_template,
            array_elements: layout.array_elements,
            try_catches: SharedTryCatches::new(layout.try_catch),
            node_version: sys::napi_node_version { major, minor, patch, release: c"node".as_ptr() },
            task_poster: host.task_poster(),
            host,
        });
        let env = NonNull::new(Box::into_raw(env)).expect("a box is not NULL");
        crate::napi::cleanup::add_cleanup_hook(crate::napi::cleanup::CleanupHook::Env(env));
        env
    }

    /// The addon's file name as a `file://` URL (node_api_get_module_file_name).
    pub fn file_url(&self) -> &std::ffi::CStr {
        self.file_url.get_or_init(|| {
            let url = url::Url::from_file_path(&self.path).map(|url| url.to_string()).unwrap_or_else(|_| self.path.clone());
            std::ffi::CString::new(url).unwrap_or_default()
        })
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
            None => super::v8_layout::global::to_local(self.isolate(), slot),
        }
    }

    /// The isolate the env lives in.
    #[inline(always)]
    pub fn isolate(&mut self) -> &mut v8::Isolate {
        // SAFETY: the isolate outlives the env.
        unsafe { v8::Isolate::ref_from_raw_isolate_ptr_mut_unchecked(&mut self.isolate) }
    }

    /// Records success as the last error. The engine fields are never set, so only the
    /// code and the message (filled in when the info is read, cleared here as node does:
    /// an addon holding the info sees it) are written.
    #[inline(always)]
    pub fn clear_last_error(&mut self) -> sys::napi_status {
        self.last_error.error_code = sys::napi_ok;
        self.last_error.error_message = std::ptr::null();
        sys::napi_ok
    }

    #[inline(always)]
    pub fn set_last_error(&mut self, status: Status) -> sys::napi_status {
        self.record_last_error(status as sys::napi_status)
    }

    #[inline(always)]
    pub fn record_last_error(&mut self, status: sys::napi_status) -> sys::napi_status {
        self.last_error.error_code = status;
        status
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
            crate::napi::host::fatal_error(
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
    pub fn reference_collected(&mut self, reference: NonNull<Reference>) -> bool {
        if !self.is_experimental() {
            self.enqueue_finalizer(reference);
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
            // SAFETY: an env leaves this list when it is freed, and this is the env's thread.
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
    pub fn enqueue_finalizer(&mut self, reference: NonNull<Reference>) {
        if self.finalizer_queue.push(reference) {
            // The task holds the queue, not the env: teardown drains the queue, so a task
            // left over after the env is freed finds it empty.
            let queue = self.finalizer_queue.clone();
            self.host.post_native(Box::new(move |scope| queue.finalize_all(scope)));
        }
    }

    /// Whether an exception is pending or stray (then `leave_call` must deliver it).
    #[inline(always)]
    pub fn has_pending_exception(&self) -> bool {
        self.call_state & call_state::PENDING != 0
    }

    /// Whether an exception is pending as napi_is_exception_pending sees it (not a stray one).
    pub fn is_exception_pending(&self) -> bool {
        self.pending_exception.is_some()
    }

    /// Makes `exception` pending: it is thrown when control returns to JS.
    pub fn set_pending_exception(&mut self, exception: v8::Local<v8::Value>) {
        self.pending_exception = Some(v8::Global::new(self.isolate(), exception));
        self.call_state |= call_state::PENDING;
    }

    /// Takes the pending exception, leaving none (a stray one stays).
    pub fn take_pending_exception(&mut self) -> Option<v8::Global<v8::Value>> {
        let pending = self.pending_exception.take();
        self.update_pending_state();
        pending
    }

    /// Leaves `exception` where node leaves what a conversion outside Node-API's TryCatch
    /// threw (napi_async_init's ToObject and ToString): in V8 beside Node-API's exception
    /// state, unseen by napi_is_exception_pending and napi_get_and_clear_last_exception,
    /// swallowed by the TryCatch of the next call that may run JS, else thrown when control
    /// returns to JS unless an exception pending then replaces it.
    pub fn set_stray_exception(&mut self, exception: v8::Local<v8::Value>) {
        self.stray_exception = Some(v8::Global::new(self.isolate(), exception));
        self.call_state |= call_state::PENDING;
    }

    /// At the start of a call that may run JS with an exception pending or stray: Err if
    /// one is pending (the call fails with napi_pending_exception); else moves the stray one
    /// into the call (`stray_exception_in_call`).
    #[cold]
    pub fn move_stray_exception_into_call(&mut self) -> std::result::Result<(), ()> {
        if self.pending_exception.is_some() {
            return Err(());
        }
        self.stray_exception_in_call = self.stray_exception.take();
        self.update_pending_state();
        Ok(())
    }

    /// At the end of a call that found a stray exception: in node it stays in V8 if the
    /// call ran no JS (it refused its arguments), else the call's TryCatch swallowed it.
    #[cold]
    pub fn end_call_after_stray_exception(&mut self, status: sys::napi_status) {
        let stray = self.stray_exception_in_call.take();
        if status != sys::napi_ok && self.pending_exception.is_none() {
            self.stray_exception = stray;
            self.call_state |= call_state::PENDING;
        }
    }

    /// The stray exception the running call found, if any: what a failed compile leaves in
    /// V8 (V8 throws no SyntaxError over an exception it already has).
    pub fn stray_exception_in_call<'s>(&self, scope: &v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Value>> {
        self.stray_exception_in_call.as_ref().map(|stray| v8::Local::new(scope, stray))
    }

    /// Takes what a call into the addon leaves to throw into JS: its pending exception, else
    /// a stray one; leaves neither.
    fn take_exception_to_throw(&mut self) -> Option<v8::Global<v8::Value>> {
        let stray = self.stray_exception.take();
        self.take_pending_exception().or(stray)
    }

    fn update_pending_state(&mut self) {
        if self.pending_exception.is_none() && self.stray_exception.is_none() {
            self.call_state &= !call_state::PENDING;
        }
    }

    /// The TryCatch the napi calls of the running call into the addon share, constructed
    /// by the first of them; None outside such a call (or if V8's TryCatch layout did not
    /// check out).
    #[inline(always)]
    pub fn call_try_catch(&mut self) -> Option<&'static mut CallTryCatch> {
        let level = self.call_state & call_state::LEVEL;
        match self.try_catches.of_level(level) {
            Some(try_catch) => Some(try_catch),
            None => self.construct_try_catch(level),
        }
    }

    #[inline(never)]
    fn construct_try_catch(&mut self, level: u64) -> Option<&'static mut CallTryCatch> {
        if level == 0 {
            return None;
        }
        let try_catch = self.try_catches.construct(self.isolate, level)?;
        self.call_state += call_state::TRY_CATCH;
        Some(try_catch)
    }

    /// Whether JS may run (false while the isolate is terminating).
    /// Keeps a handle scope the addon opened, as the innermost.
    pub(crate) fn push_handle_scope(&mut self, scope: Box<HandleScope>) {
        self.handle_scopes.push(scope);
        self.call_state += call_state::HANDLE_SCOPE;
    }

    /// The innermost handle scope the addon has open.
    pub(crate) fn innermost_handle_scope(&self) -> Option<&HandleScope> {
        self.handle_scopes.last().map(|scope| &**scope)
    }

    /// Closes the innermost handle scope the addon has open.
    pub(crate) fn pop_handle_scope(&mut self) {
        if self.handle_scopes.pop().is_some() {
            self.call_state -= call_state::HANDLE_SCOPE;
        }
    }

    /// Counts a callback scope the addon opened.
    pub(crate) fn callback_scope_opened(&mut self) {
        self.callback_scopes += 1;
        self.call_state += call_state::CALLBACK_SCOPE;
    }

    /// Counts a callback scope the addon closed; false if it has none open.
    pub(crate) fn callback_scope_closed(&mut self) -> bool {
        let open = self.callback_scopes > 0;
        if open {
            self.callback_scopes -= 1;
            self.call_state -= call_state::CALLBACK_SCOPE;
        }
        open
    }

    /// Runs a call into the addon: it must close every handle scope it opens (as node
    /// CHECKs), and what it leaves pending is returned for the caller to deliver.
    pub(crate) fn enter_module(&mut self, call: impl FnOnce(*mut Env)) -> Option<v8::Global<v8::Value>> {
        let entered = self.enter_call();
        call(self);
        match self.leave_if_clean(entered) {
            true => None,
            false => self.leave_call(entered),
        }
    }

    /// Starts a call into the addon; the call state it must return with.
    #[inline(always)]
    pub(crate) fn enter_call(&mut self) -> u64 {
        self.call_state += call_state::CALL;
        self.clear_last_error();
        // An exception left pending before the call is delivered when it returns, as in node.
        self.call_state & !call_state::PENDING
    }

    /// Ends a call into the addon that left the call state as it entered with, or changed
    /// it only by constructing a TryCatch that holds nothing (unregistered here); false
    /// otherwise, and then `leave_call` ends it.
    #[inline(always)]
    pub(crate) fn leave_if_clean(&mut self, entered: u64) -> bool {
        let state = self.call_state;
        let unchanged = state == entered
            || (state == entered + call_state::TRY_CATCH && self.try_catches.unregister_innermost_if_empty());
        if unchanged {
            self.call_state = entered - call_state::CALL;
        }
        unchanged
    }

    /// Ends a call into the addon that `leave_if_clean` did not: unregisters the TryCatch it
    /// constructed and takes what it left pending; a scope it left open (or closed that it
    /// had not opened) is fatal.
    #[cold]
    #[inline(never)]
    pub(crate) fn leave_call(&mut self, entered: u64) -> Option<v8::Global<v8::Value>> {
        if self.try_catches.of_level(entered & call_state::LEVEL).is_some() {
            self.try_catches.unregister_innermost();
            self.call_state -= call_state::TRY_CATCH;
        }
        let pending = self.take_exception_to_throw();
        if self.call_state != entered {
            crate::napi::host::fatal_error(
                Some("napi_env::call_into_module"),
                "the addon returned with napi handle or callback scopes still open (open scope mismatch)",
            );
        }
        self.call_state -= call_state::CALL;
        pending
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

    /// As call_from_loop; unless `enforce`, the module declares Node-API 10 or later (or
    /// NAPI_EXPERIMENTAL), or --force-node-api-uncaught-exceptions-policy is on, an exception
    /// only warns (DEP0168), as node does for threadsafe function callbacks.
    pub fn call_from_loop_with_policy(&mut self, scope: &mut v8::PinScope, enforce: bool, call: impl FnOnce(*mut Env)) {
        v8::scope!(let scope, scope);
        let Some(exception) = self.enter_module(call) else { return };
        let host = self.host.clone();
        if enforce || self.module_api_version >= 10 || host.force_uncaught_exceptions_policy() {
            let exception = v8::Local::new(scope, exception);
            host.trigger_uncaught(scope, exception);
        } else {
            host.emit_warning(
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

    /// Node's env teardown at exit: queued finalizers, then the references with finalizers
    /// and the instance data newest first, then the other references. External buffers
    /// made during the cleanup hooks, after the others were finalized, come last.
    pub fn teardown(&mut self, scope: &mut v8::PinScope) {
        self.gc_finalizer_queue.clone().finalize_all(scope);
        self.drain_finalizers(scope);
        Tracker::finalize_all(self, scope);
        for (_, finalizer) in std::mem::take(&mut self.external_finalizers).into_iter().rev() {
            if let Some(finalizer) = finalizer.take() {
                self.call_finalizer(scope, finalizer);
            }
        }
    }

    /// Frees an env after its teardown, once every cleanup hook has run (threadsafe functions'
    /// finalizers run after the env's teardown, and queued async work has completed before
    /// it): nothing refers to it any more.
    ///
    /// # Safety
    /// `env` came from `Env::new`, was torn down, and is not used again.
    pub(crate) unsafe fn free(env: NonNull<Env>) {
        // SAFETY: as the caller guarantees.
        drop(unsafe { Box::from_raw(env.as_ptr()) });
    }

    /// Sets the instance data, replacing earlier data without finalizing it. Node tracks it
    /// as a finalizer among the references, so teardown orders it with them.
    pub(crate) fn set_instance_data(&mut self, finalizer: Finalizer) {
        self.instance_data = Some((self.references.take_order(), finalizer));
    }

    /// Remembers an external buffer's finalizer for teardown, in the order of the thread's
    /// external buffers (node keeps them in one queue it cleans first at exit). Those
    /// already run are dropped whenever the list doubles.
    pub(crate) fn track_external_finalizer(&mut self, finalizer: ExternalFinalizer) {
        if self.external_finalizers.len() == self.external_finalizers.capacity() {
            self.external_finalizers.retain(|(_, finalizer)| finalizer.is_pending());
        }
        let order = EXTERNAL_BUFFER_ORDER.get();
        EXTERNAL_BUFFER_ORDER.set(order + 1);
        self.external_finalizers.push((order, finalizer));
    }

    /// Whether JS can run: not while the isolate terminates nor once exit cleanup started.
    pub fn can_call_into_js(&mut self) -> bool {
        !self.stopping && !self.isolate().is_execution_terminating()
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

impl Drop for Env {
    /// Releases what the env holds in the isolate (alive until after its envs are freed).
    fn drop(&mut self) {
        let this: *mut Env = self;
        GC_FINALIZING.with_borrow_mut(|envs| envs.retain(|env| env.as_ptr() != this));
        // SAFETY: the env's own global of its context (made in `new`), not used again.
        unsafe { super::v8_layout::global::reset(self.context.cast()) };
    }
}

thread_local! {
    /// The order the next external buffer of this thread gets.
    static EXTERNAL_BUFFER_ORDER: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// The start of exit cleanup, as node's RunCleanup begins it: JS can no longer run, and the
/// finalizers of the external buffers still alive run, newest first, before any cleanup hook.
pub(crate) fn begin_cleanup(scope: &mut v8::PinScope) {
    let mut pending: Vec<(u64, NonNull<Env>, ExternalFinalizer)> = Vec::new();
    crate::napi::cleanup::each_env(|env| {
        env.stopping = true;
        let this = NonNull::from(&mut *env);
        pending.extend(std::mem::take(&mut env.external_finalizers).into_iter().map(|(order, finalizer)| (order, this, finalizer)));
    });
    pending.sort_unstable_by_key(|&(order, _, _)| std::cmp::Reverse(order));
    for (_, env, finalizer) in pending {
        if let Some(finalizer) = finalizer.take() {
            // SAFETY: envs are freed after their teardown hooks, which run after this.
            unsafe { (*env.as_ptr()).call_finalizer(scope, finalizer) };
        }
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

#[cfg(test)]
mod tests {
    use super::call_state::*;

    #[test]
    fn call_state_counts_each_have_a_field_of_their_own() {
        assert_eq!(LEVEL, 0xffff * CALL);
        let fields = [PENDING, LEVEL, 0xffff * TRY_CATCH, 0xffff * HANDLE_SCOPE, u64::MAX / CALLBACK_SCOPE * CALLBACK_SCOPE];
        for (i, a) in fields.iter().enumerate() {
            assert!(fields[..i].iter().all(|b| a & b == 0), "field {i} overlaps an earlier one");
        }
        let state = PENDING + 3 * CALL + 2 * TRY_CATCH + 5 * HANDLE_SCOPE + CALLBACK_SCOPE;
        assert_eq!(state & PENDING, PENDING);
        assert_eq!((state & LEVEL) / CALL, 3);
        assert_eq!((state / TRY_CATCH) & 0xffff, 2);
        assert_eq!((state / HANDLE_SCOPE) & 0xffff, 5);
        assert_eq!(state / CALLBACK_SCOPE, 1);
    }
}
