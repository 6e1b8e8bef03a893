//! `ThreadsafeFunction`, in napi-rs 3's shape: a JS function any Rust thread can call; the
//! calls run on the JS thread, in order.

use crate::callback::run;
use crate::convert::{expect_type, FromNapiValue};
use crate::error::{Error, Result, Status};
use crate::sys;
use crate::values::{Arguments, Function};
use crate::Env;
use std::ffi::c_void;
use std::marker::PhantomData;
use std::ptr;
use std::sync::{Arc, RwLock, Weak};

/// Whether a call waits for room in a full queue (`Blocking`) or fails with
/// `Status::QueueFull` (`NonBlocking`).
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThreadsafeFunctionCallMode {
    NonBlocking,
    Blocking,
}

/// What `build_callback`'s callback gets on the JS thread: the env and the value passed to
/// `call`.
pub struct ThreadsafeCallContext<T> {
    pub env: Env,
    pub value: T,
}

/// A JS function's result that is not read.
#[derive(Clone, Copy, Debug, Default)]
pub struct UnknownReturnValue;

impl FromNapiValue for UnknownReturnValue {
    unsafe fn from_napi_value(_env: sys::napi_env, _value: sys::napi_value) -> Result<Self> {
        Ok(UnknownReturnValue)
    }
}

/// A raw `napi_threadsafe_function` (of a spawned future), which Node-API allows any thread
/// to use.
pub(crate) struct RawThreadsafeFunction(pub sys::napi_threadsafe_function);

// SAFETY: Node-API's threadsafe function calls are made to be called from any thread.
unsafe impl Send for RawThreadsafeFunction {}

impl RawThreadsafeFunction {
    pub(crate) fn get(&self) -> sys::napi_threadsafe_function {
        self.0
    }
}

/// A threadsafe function with no JS function: `call_js` runs on the JS thread with `context`
/// (which `finalize` releases) and each call's data; the addon's image is kept loaded. On
/// failure `finalize` runs at once.
pub(crate) unsafe fn create_raw_threadsafe_function(
    env: Env,
    name: &str,
    context: *mut c_void,
    finalize: sys::napi_finalize,
    call_js: sys::napi_threadsafe_function_call_js,
) -> Result<RawThreadsafeFunction> {
    let created = env.string(name).and_then(|name| {
        crate::retention::retain_module();
        env.call(|result| {
            sys::napi_create_threadsafe_function(
                env.raw(),
                ptr::null_mut(),
                ptr::null_mut(),
                name,
                0,
                1,
                context,
                finalize,
                context,
                call_js,
                result,
            )
        })
    });
    created.map(RawThreadsafeFunction).inspect_err(|_| {
        if let Some(finalize) = finalize {
            finalize(env.raw(), context, ptr::null_mut());
        }
    })
}

/// The `napi_threadsafe_function`, shared by a function's clones. `finalized` is set (under
/// the write lock) when Node-API destroys the function at the env's teardown: from then on
/// calls answer `Closing` without touching the handle.
struct Handle {
    raw: sys::napi_threadsafe_function,
    finalized: RwLock<bool>,
}

// SAFETY: Node-API's threadsafe function calls are made to be called from any thread; the
// handle is used only while `finalized` is false, under the lock.
unsafe impl Send for Handle {}
unsafe impl Sync for Handle {}

impl Drop for Handle {
    fn drop(&mut self) {
        if !*self.finalized.read().unwrap_or_else(|poisoned| poisoned.into_inner()) {
            unsafe { sys::napi_release_threadsafe_function(self.raw, sys::napi_tsfn_release) };
        }
    }
}

/// What Node-API keeps for the function: the callback making a call's JS arguments, and the
/// handle to mark finalized (not kept alive by it: the last clone's drop releases the function).
struct Context<F> {
    make_arguments: F,
    handle: Weak<Handle>,
}

/// What runs with the JS function's result: given the result (or what the function threw).
type OnReturn<Return> = Box<dyn FnOnce(Result<Return>, Env) -> Result<()> + Send>;

/// One queued call.
struct Call<T, Return> {
    value: Result<T>,
    on_return: Option<OnReturn<Return>>,
    /// What the function throws reaches `on_return` as itself (`call_async_catch`): an error
    /// with status `PendingException` that converts back to the thrown value.
    keeps_thrown: bool,
}

/// A JS function callable from any thread with values of `T`, made into the JS arguments
/// `CallJsBackArgs` (by `build_callback`'s callback; `T` itself otherwise). With
/// `CALLEE_HANDLED` the function gets Node-style `(error, ...arguments)` and `call` takes a
/// `Result<T>`; without, it gets the arguments and `call` takes a `T`. `Return` is what its
/// result is read as (`call_with_return_value`, `call_async`). `ErrorStatus` is the status
/// type of the errors passed (its text becomes the error's `code`). `MAX_QUEUE_SIZE` bounds
/// the queue (0: unbounded); `WEAK` lets the event loop exit while the function lives.
/// Dropping the last clone releases it.
pub struct ThreadsafeFunction<
    T: 'static,
    Return: 'static = crate::Unknown<'static>,
    CallJsBackArgs: 'static = T,
    ErrorStatus: 'static = Status,
    const CALLEE_HANDLED: bool = true,
    const WEAK: bool = false,
    const MAX_QUEUE_SIZE: usize = 0,
> {
    handle: Arc<Handle>,
    types: PhantomData<fn(T, CallJsBackArgs, ErrorStatus) -> Return>,
}

impl<T, Return, CallJsBackArgs, ErrorStatus, const CALLEE_HANDLED: bool, const WEAK: bool, const MAX_QUEUE_SIZE: usize> Clone
    for ThreadsafeFunction<T, Return, CallJsBackArgs, ErrorStatus, CALLEE_HANDLED, WEAK, MAX_QUEUE_SIZE>
{
    fn clone(&self) -> Self {
        ThreadsafeFunction { handle: self.handle.clone(), types: PhantomData }
    }
}

unsafe extern "C" fn finalize<F>(_env: sys::napi_env, _data: *mut c_void, context: *mut c_void) {
    let context = Box::from_raw(context.cast::<Context<F>>());
    if let Some(handle) = context.handle.upgrade() {
        *handle.finalized.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = true;
    }
}

unsafe extern "C" fn call_js<T, Return, CallJsBackArgs, F, const CALLEE_HANDLED: bool>(
    env: sys::napi_env,
    function: sys::napi_value,
    context: *mut c_void,
    data: *mut c_void,
) where
    Return: FromNapiValue,
    CallJsBackArgs: Arguments,
    F: FnMut(ThreadsafeCallContext<T>) -> Result<CallJsBackArgs>,
{
    let call = Box::from_raw(data.cast::<Call<T, Return>>());
    if env.is_null() || function.is_null() {
        return; // torn down: the value is dropped
    }
    let context = &mut *context.cast::<Context<F>>();
    run(env, |env| {
        let arguments = call
            .value
            .and_then(|value| (context.make_arguments)(ThreadsafeCallContext { env, value }))
            .and_then(|arguments| arguments.to_napi_values(env));
        let arguments = match arguments {
            Ok(mut arguments) if CALLEE_HANDLED => {
                arguments.insert(0, env.null()?);
                arguments
            }
            Ok(arguments) => arguments,
            Err(error) if CALLEE_HANDLED => vec![error.into_js_value(env)?],
            Err(error) => return Err(error), // thrown: an uncaught exception
        };
        let this = env.undefined()?;
        let returned = env.call(|result| {
            sys::napi_call_function(env.raw(), this, function, arguments.len(), arguments.as_ptr(), result)
        });
        match call.on_return {
            // A throw stays pending: an uncaught exception.
            None => returned.map(|_| ()),
            Some(on_return) => {
                let result = match returned {
                    Ok(value) => Return::from_napi_value(env.raw(), value),
                    Err(_) if env.is_exception_pending() => {
                        let exception = env.call(|result| sys::napi_get_and_clear_last_exception(env.raw(), result))?;
                        // The thrown value itself (converted back to JS it is that value).
                        let mut error = Error::from_unknown_without_coercion(crate::JsValue(exception, env));
                        if call.keeps_thrown {
                            error.status = Status::PendingException;
                        }
                        Err(error)
                    }
                    Err(error) => Err(error),
                };
                on_return(result, env)
            }
        }?;
        env.undefined()
    });
}

impl<T, Return, CallJsBackArgs, ErrorStatus, const CALLEE_HANDLED: bool, const WEAK: bool, const MAX_QUEUE_SIZE: usize>
    ThreadsafeFunction<T, Return, CallJsBackArgs, ErrorStatus, CALLEE_HANDLED, WEAK, MAX_QUEUE_SIZE>
where
    Return: FromNapiValue,
    CallJsBackArgs: Arguments,
{
    /// Makes `function` callable from any thread; `make_arguments` runs on the JS thread for
    /// each call.
    unsafe fn create<F>(env: Env, function: sys::napi_value, make_arguments: F) -> Result<Self>
    where
        F: FnMut(ThreadsafeCallContext<T>) -> Result<CallJsBackArgs> + 'static,
    {
        crate::retention::retain_module();
        let name = env.string("napi_rs_threadsafe_function")?;
        let context = Box::into_raw(Box::new(Context { make_arguments, handle: Weak::new() }));
        let created = env.call(|result| {
            sys::napi_create_threadsafe_function(
                env.raw(),
                function,
                ptr::null_mut(),
                name,
                MAX_QUEUE_SIZE,
                1,
                ptr::null_mut(),
                Some(finalize::<F>),
                context.cast(),
                Some(call_js::<T, Return, CallJsBackArgs, F, CALLEE_HANDLED>),
                result,
            )
        });
        let raw = match created {
            Ok(raw) => raw,
            Err(error) => {
                drop(Box::from_raw(context));
                return Err(error);
            }
        };
        let handle = Arc::new(Handle { raw, finalized: RwLock::new(false) });
        // Finalization runs on this (the JS) thread: not before this is set.
        (*context).handle = Arc::downgrade(&handle);
        if WEAK {
            env.check(sys::napi_unref_threadsafe_function(env.raw(), raw))?;
        }
        Ok(ThreadsafeFunction { handle, types: PhantomData })
    }

    fn enqueue(&self, call: Call<T, Return>, mode: ThreadsafeFunctionCallMode) -> Status {
        let finalized = self.handle.finalized.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        if *finalized {
            return Status::Closing;
        }
        let data = Box::into_raw(Box::new(call));
        let mode = match mode {
            ThreadsafeFunctionCallMode::Blocking => sys::napi_tsfn_blocking,
            ThreadsafeFunctionCallMode::NonBlocking => sys::napi_tsfn_nonblocking,
        };
        let status = unsafe { sys::napi_call_threadsafe_function(self.handle.raw, data.cast(), mode) };
        if status != sys::napi_ok {
            drop(unsafe { Box::from_raw(data) }); // not queued
        }
        Status(status)
    }

    #[cfg(feature = "tokio_rt")]
    async fn enqueue_awaiting(&self, value: Result<T>, keeps_thrown: bool) -> Result<Return>
    where
        Return: Send,
    {
        let (sender, receiver) = tokio::sync::oneshot::channel();
        let on_return: OnReturn<Return> = Box::new(move |result, _env| {
            let _ = sender.send(result); // the caller may have stopped waiting
            Ok(())
        });
        let status = self.enqueue(Call { value, on_return: Some(on_return), keeps_thrown }, ThreadsafeFunctionCallMode::NonBlocking);
        if status != Status::Ok {
            return Err(Error::new(status, "the threadsafe function did not take the call"));
        }
        receiver.await.unwrap_or_else(|_| Err(Error::new(Status::Closing, "the threadsafe function was closed before the call ran")))
    }

    /// Lets the event loop exit while this function lives (JS thread only).
    pub fn unref(&self, env: &Env) -> Result<()> {
        self.with_live_handle(|raw| env.check(unsafe { sys::napi_unref_threadsafe_function(env.raw(), raw) }))
    }

    /// Keeps the event loop alive while this function lives (JS thread only).
    pub fn refer(&self, env: &Env) -> Result<()> {
        self.with_live_handle(|raw| env.check(unsafe { sys::napi_ref_threadsafe_function(env.raw(), raw) }))
    }

    /// Closes the function for every clone: queued calls are dropped, later ones answer
    /// `Closing`.
    pub fn abort(self) -> Result<()> {
        let mut finalized = self.handle.finalized.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        if *finalized {
            return Ok(());
        }
        let status = unsafe { sys::napi_release_threadsafe_function(self.handle.raw, sys::napi_tsfn_abort) };
        if status != sys::napi_ok {
            return Err(Error::new(Status(status), "the threadsafe function could not be aborted"));
        }
        *finalized = true;
        Ok(())
    }

    /// Whether the function is closed (aborted, or destroyed at its env's teardown).
    pub fn aborted(&self) -> bool {
        *self.handle.finalized.read().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The `napi_threadsafe_function`.
    pub fn raw(&self) -> sys::napi_threadsafe_function {
        self.handle.raw
    }

    fn with_live_handle(&self, action: impl FnOnce(sys::napi_threadsafe_function) -> Result<()>) -> Result<()> {
        let finalized = self.handle.finalized.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        if *finalized {
            return Err(Error::new(Status::Closing, "the threadsafe function is closed"));
        }
        action(self.handle.raw)
    }
}

impl<T, Return, CallJsBackArgs, ErrorStatus, const WEAK: bool, const MAX_QUEUE_SIZE: usize>
    ThreadsafeFunction<T, Return, CallJsBackArgs, ErrorStatus, true, WEAK, MAX_QUEUE_SIZE>
where
    Return: FromNapiValue,
    CallJsBackArgs: Arguments,
    ErrorStatus: AsRef<str>,
{
    /// Queues a call: `Ok(value)` as `(null, ...arguments)`, `Err(error)` as `(error)`.
    pub fn call(&self, value: Result<T, ErrorStatus>, mode: ThreadsafeFunctionCallMode) -> Status {
        self.enqueue(Call { value: value.map_err(Error::into_status_error), on_return: None, keeps_thrown: false }, mode)
    }

    /// Queues a call; `on_return` gets what the function returned (read as `Return`) or
    /// threw, on the JS thread. An `Err` from it is thrown as an uncaught exception.
    pub fn call_with_return_value(
        &self,
        value: Result<T, ErrorStatus>,
        mode: ThreadsafeFunctionCallMode,
        on_return: impl FnOnce(Result<Return>, Env) -> Result<()> + Send + 'static,
    ) -> Status {
        self.enqueue(Call { value: value.map_err(Error::into_status_error), on_return: Some(Box::new(on_return)), keeps_thrown: false }, mode)
    }

    /// Queues a call and waits for its result (or what it threw).
    #[cfg(feature = "tokio_rt")]
    pub async fn call_async(&self, value: Result<T, ErrorStatus>) -> Result<Return>
    where
        Return: Send,
    {
        self.enqueue_awaiting(value.map_err(Error::into_status_error), false).await
    }

    /// Queues a call and waits for its result; what it throws comes back as an error with
    /// status `PendingException` that converts back to the thrown value.
    #[cfg(feature = "tokio_rt")]
    pub async fn call_async_catch(&self, value: Result<T, ErrorStatus>) -> Result<Return>
    where
        Return: Send,
    {
        self.enqueue_awaiting(value.map_err(Error::into_status_error), true).await
    }
}

impl<T, Return, CallJsBackArgs, ErrorStatus, const WEAK: bool, const MAX_QUEUE_SIZE: usize>
    ThreadsafeFunction<T, Return, CallJsBackArgs, ErrorStatus, false, WEAK, MAX_QUEUE_SIZE>
where
    Return: FromNapiValue,
    CallJsBackArgs: Arguments,
{
    /// Queues a call with `value`'s arguments.
    pub fn call(&self, value: T, mode: ThreadsafeFunctionCallMode) -> Status {
        self.enqueue(Call { value: Ok(value), on_return: None, keeps_thrown: false }, mode)
    }

    /// Queues a call; `on_return` gets what the function returned (read as `Return`) or
    /// threw, on the JS thread. An `Err` from it is thrown as an uncaught exception.
    pub fn call_with_return_value(
        &self,
        value: T,
        mode: ThreadsafeFunctionCallMode,
        on_return: impl FnOnce(Result<Return>, Env) -> Result<()> + Send + 'static,
    ) -> Status {
        self.enqueue(Call { value: Ok(value), on_return: Some(Box::new(on_return)), keeps_thrown: false }, mode)
    }

    /// Queues a call and waits for its result (or what it threw).
    #[cfg(feature = "tokio_rt")]
    pub async fn call_async(&self, value: T) -> Result<Return>
    where
        Return: Send,
    {
        self.enqueue_awaiting(Ok(value), false).await
    }

    /// Queues a call and waits for its result; what it throws comes back as an error with
    /// status `PendingException` that converts back to the thrown value.
    #[cfg(feature = "tokio_rt")]
    pub async fn call_async_catch(&self, value: T) -> Result<Return>
    where
        Return: Send,
    {
        self.enqueue_awaiting(Ok(value), true).await
    }
}

fn pass_value<T>(context: ThreadsafeCallContext<T>) -> Result<T> {
    Ok(context.value)
}

/// Made from a JS function argument; the value passed to `call` is the arguments.
impl<T, Return, ErrorStatus, const CALLEE_HANDLED: bool, const WEAK: bool, const MAX_QUEUE_SIZE: usize> FromNapiValue
    for ThreadsafeFunction<T, Return, T, ErrorStatus, CALLEE_HANDLED, WEAK, MAX_QUEUE_SIZE>
where
    T: Arguments + 'static,
    Return: FromNapiValue + 'static,
{
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        expect_type(env, value, sys::napi_function)?;
        Self::create(env, value, pass_value::<T>)
    }
}

/// Builds a `ThreadsafeFunction` from a `Function`: `build_threadsafe_function()`, then
/// `callee_handled::<true>()` (default false), `weak::<true>()`, `max_queue_size::<N>()`,
/// `error_status::<S>()`, and `build()` (the value passed to `call` is the arguments) or
/// `build_callback(f)` (`f` makes the arguments from it, on the JS thread).
pub struct ThreadsafeFunctionBuilder<
    'env,
    T: 'static,
    Args: 'static,
    Return,
    ErrorStatus = Status,
    const CALLEE_HANDLED: bool = false,
    const WEAK: bool = false,
    const MAX_QUEUE_SIZE: usize = 0,
> {
    env: Env,
    function: sys::napi_value,
    types: PhantomData<(&'env (), fn(T, Args, ErrorStatus) -> Return)>,
}

impl<Args: Arguments, Return: FromNapiValue> Function<'_, Args, Return> {
    /// A builder of a `ThreadsafeFunction` calling this function.
    pub fn build_threadsafe_function<T: 'static>(&self) -> ThreadsafeFunctionBuilder<'_, T, Args, Return> {
        ThreadsafeFunctionBuilder { env: self.env, function: self.value, types: PhantomData }
    }
}

impl<'env, T, Args, Return, ErrorStatus, const CALLEE_HANDLED: bool, const WEAK: bool, const MAX_QUEUE_SIZE: usize>
    ThreadsafeFunctionBuilder<'env, T, Args, Return, ErrorStatus, CALLEE_HANDLED, WEAK, MAX_QUEUE_SIZE>
where
    T: 'static,
    Args: 'static,
    Return: FromNapiValue + 'static,
    ErrorStatus: 'static,
{
    fn retyped<U, const C: bool, const W: bool, const Q: usize>(self) -> ThreadsafeFunctionBuilder<'env, T, Args, Return, U, C, W, Q> {
        ThreadsafeFunctionBuilder { env: self.env, function: self.function, types: PhantomData }
    }

    /// The status type of the errors passed to `call`.
    pub fn error_status<S>(self) -> ThreadsafeFunctionBuilder<'env, T, Args, Return, S, CALLEE_HANDLED, WEAK, MAX_QUEUE_SIZE> {
        self.retyped()
    }

    /// Whether the JS function gets `(error, ...arguments)`.
    pub fn callee_handled<const C: bool>(self) -> ThreadsafeFunctionBuilder<'env, T, Args, Return, ErrorStatus, C, WEAK, MAX_QUEUE_SIZE> {
        self.retyped()
    }

    /// Whether the event loop may exit while the function lives.
    pub fn weak<const W: bool>(self) -> ThreadsafeFunctionBuilder<'env, T, Args, Return, ErrorStatus, CALLEE_HANDLED, W, MAX_QUEUE_SIZE> {
        self.retyped()
    }

    /// The queue's bound (0: unbounded).
    pub fn max_queue_size<const Q: usize>(self) -> ThreadsafeFunctionBuilder<'env, T, Args, Return, ErrorStatus, CALLEE_HANDLED, WEAK, Q> {
        self.retyped()
    }

    /// The function, with `make_arguments` turning each call's value into the JS arguments.
    pub fn build_callback<CallJsBackArgs, F>(
        &self,
        make_arguments: F,
    ) -> Result<ThreadsafeFunction<T, Return, CallJsBackArgs, ErrorStatus, CALLEE_HANDLED, WEAK, MAX_QUEUE_SIZE>>
    where
        CallJsBackArgs: Arguments + 'static,
        F: FnMut(ThreadsafeCallContext<T>) -> Result<CallJsBackArgs> + 'static,
    {
        unsafe { ThreadsafeFunction::create(self.env, self.function, make_arguments) }
    }
}

impl<T, Return, ErrorStatus, const CALLEE_HANDLED: bool, const WEAK: bool, const MAX_QUEUE_SIZE: usize>
    ThreadsafeFunctionBuilder<'_, T, T, Return, ErrorStatus, CALLEE_HANDLED, WEAK, MAX_QUEUE_SIZE>
where
    T: Arguments + 'static,
    Return: FromNapiValue + 'static,
    ErrorStatus: 'static,
{
    /// The function, called with each call's value as its arguments.
    pub fn build(&self) -> Result<ThreadsafeFunction<T, Return, T, ErrorStatus, CALLEE_HANDLED, WEAK, MAX_QUEUE_SIZE>> {
        unsafe { ThreadsafeFunction::create(self.env, self.function, pass_value::<T>) }
    }
}
