//! The runtime as Node-API's host: what napi asks of node::Environment, answered from the
//! runtime's state, loop and JS internals.

use super::internals::Internal;
use crate::napi::host::{AsyncHooks, Host, NativeTask, TaskPoster};

use super::{call_internal, field, RuntimeState};

impl Host for RuntimeState {
    fn node_release(&self) -> (u32, u32, u32) {
        super::NODE_RELEASE
    }

    fn task_poster(&self) -> TaskPoster {
        let tasks = self.tasks_tx.clone();
        std::sync::Arc::new(move |task| tasks.send(task).is_ok())
    }

    fn post_native(&self, task: NativeTask) {
        RuntimeState::post_native(self, task);
    }

    fn run_posted_tasks(&self, scope: &mut v8::PinScope) {
        super::run_tasks(scope, self);
    }

    fn buffer_prototype<'s>(&self, scope: &mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Object>> {
        self.buffer_prototype.borrow().as_ref().map(|prototype| v8::Local::new(scope, prototype))
    }

    fn mark_untransferable(&self, scope: &mut v8::PinScope, object: v8::Local<v8::Object>) {
        super::worker::mark_untransferable(scope, object);
    }

    fn force_uncaught_exceptions_policy(&self) -> bool {
        self.options.force_napi_uncaught_policy
    }

    fn promise_hook_installed(&self) -> bool {
        self.promise_hook.borrow().is_some()
    }

    fn trigger_uncaught(&self, scope: &mut v8::PinScope, exception: v8::Local<v8::Value>) {
        super::trigger_uncaught(scope, exception, None, false);
    }

    fn emit_warning(&self, scope: &mut v8::PinScope, message: &str, kind: &str, code: &str) {
        super::emit_warning(scope, message, kind, code);
    }

    fn open_callback_scope(&self) {
        RuntimeState::open_callback_scope(self);
    }

    fn close_callback_scope(&self, scope: &mut v8::PinScope, drain: bool) {
        if RuntimeState::close_callback_scope(self) && drain {
            super::drain_ticks(scope);
        }
    }

    fn domain_trampoline<'s>(&self, scope: &mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Function>> {
        self.domain_trampoline.borrow().as_ref().map(|trampoline| v8::Local::new(scope, trampoline))
    }

    fn new_async_id(&self) -> (f64, f64) {
        let async_id = self.field(field::ASYNC_ID_COUNTER) + 1.0;
        self.set_field(field::ASYNC_ID_COUNTER, async_id);
        (async_id, self.field(field::EXECUTION_ASYNC_ID))
    }

    fn async_hooks(&self) -> AsyncHooks {
        AsyncHooks {
            init: self.field(field::INIT_HOOKS) > 0.0,
            callback: self.field(field::BEFORE_HOOKS) + self.field(field::AFTER_HOOKS) > 0.0,
            destroy: self.field(field::DESTROY_HOOKS) > 0.0,
            context_frames: self.field(field::CONTEXT_FRAMES_USED) != 0.0,
        }
    }

    fn context_frame<'s>(&self, scope: &mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Value>> {
        (self.field(field::CONTEXT_FRAMES_USED) != 0.0).then(|| scope.get_continuation_preserved_embedder_data())
    }

    fn emit_async_init(&self, scope: &mut v8::PinScope, async_id: f64, name: v8::Local<v8::String>, trigger_id: f64, object: v8::Local<v8::Object>) {
        let id = v8::Number::new(scope, async_id).into();
        let trigger = v8::Number::new(scope, trigger_id).into();
        call_internal(scope, Internal::EmitInit, &[id, name.into(), trigger, object.into()]);
    }

    fn enter_async_scope<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        async_id: f64,
        trigger_id: f64,
        object: v8::Local<v8::Object>,
        frame: v8::Local<v8::Value>,
    ) -> Option<v8::Local<'s, v8::Value>> {
        let id = v8::Number::new(scope, async_id).into();
        let trigger = v8::Number::new(scope, trigger_id).into();
        call_internal(scope, Internal::EnterAsyncScope, &[id, trigger, object.into(), frame])
    }

    fn exit_async_scope(&self, scope: &mut v8::PinScope, async_id: f64, outer_frame: v8::Local<v8::Value>, completed: bool) {
        let id = v8::Number::new(scope, async_id).into();
        let completed = v8::Boolean::new(scope, completed).into();
        call_internal(scope, Internal::ExitAsyncScope, &[id, outer_frame, completed]);
    }

    fn queue_async_destroy(&self, async_id: f64) {
        super::async_hooks::queue_destroy(self, async_id);
    }
}
