//! Promises settled from Rust: `AsyncTask` (Node-API async work on libuv's thread pool)
//! and `async fn` (futures on a tokio runtime the addon owns).

#[cfg(feature = "tokio_rt")]
use crate::callback::run;
use crate::convert::ToNapiValue;
#[cfg(feature = "tokio_rt")]
use crate::module::lock;
use crate::error::{panic_message, Error, Result};
use crate::sys;
use crate::Env;
use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;

/// A JS promise's resolve/reject side.
pub struct Deferred(sys::napi_deferred);

// SAFETY: a deferred is only settled on the JS thread (moved there with its result).
unsafe impl Send for Deferred {}

impl Deferred {
    /// A new promise and its deferred.
    pub unsafe fn new(env: Env) -> Result<(Deferred, sys::napi_value)> {
        let mut deferred = ptr::null_mut();
        let promise = env.call(|result| sys::napi_create_promise(env.raw(), &mut deferred, result))?;
        Ok((Deferred(deferred), promise))
    }

    /// Resolves with the value, or rejects with the error (or with what converting threw).
    pub unsafe fn settle<T: ToNapiValue>(self, env: Env, outcome: Result<T>) {
        let settled = outcome.and_then(|value| value.to_napi_value(env));
        let (value, resolve) = match settled {
            Ok(value) => (Ok(value), true),
            Err(error) => (error.into_js_value(env), false),
        };
        let value = value.or_else(|_| env.undefined()).unwrap_or(ptr::null_mut());
        if resolve {
            sys::napi_resolve_deferred(env.raw(), self.0, value);
        } else {
            sys::napi_reject_deferred(env.raw(), self.0, value);
        }
    }

    /// Rejects with this JS value.
    pub(crate) unsafe fn reject_with(self, env: Env, value: sys::napi_value) {
        sys::napi_reject_deferred(env.raw(), self.0, value);
    }
}

/// A promise rejected with `error` (an `async fn`'s arguments that did not convert, under
/// `return_if_invalid`).
pub unsafe fn rejected_promise(env: Env, error: Error) -> Result<sys::napi_value> {
    let (deferred, promise) = Deferred::new(env)?;
    deferred.settle::<()>(env, Err(error));
    Ok(promise)
}

/// Work done off the JS thread whose result settles a promise.
pub trait Task: Send + 'static {
    /// What `compute` produces.
    type Output: Send + 'static;
    /// What the promise resolves with.
    type JsValue: ToNapiValue;

    /// Runs on a worker thread; an `Err` (or a panic) rejects the promise.
    fn compute(&mut self) -> Result<Self::Output>;

    /// Runs on the JS thread with `compute`'s output.
    fn resolve(&mut self, env: Env, output: Self::Output) -> Result<Self::JsValue>;

    /// Runs on the JS thread when `compute` failed (or the work was cancelled): what the
    /// promise settles with instead (by default it rejects with the error).
    fn reject(&mut self, env: Env, error: Error) -> Result<Self::JsValue> {
        let _ = env;
        Err(error)
    }

    /// Runs on the JS thread once the promise is settled, with the task; an `Err` is thrown
    /// (as an uncaught exception).
    fn finally(self, env: Env) -> Result<()>
    where
        Self: Sized,
    {
        let _ = env;
        Ok(())
    }
}

/// A `Task` whose JS value may borrow the env it is made in (`BufferSlice<'task>`): what
/// `AsyncTask` runs (every `Task` is one).
pub trait ScopedTask<'task>: Send + 'static {
    /// What `compute` produces.
    type Output: Send + 'static;
    /// What the promise resolves with.
    type JsValue: ToNapiValue + 'task;

    /// Runs on a worker thread; an `Err` (or a panic) rejects the promise.
    fn compute(&mut self) -> Result<Self::Output>;

    /// Runs on the JS thread with `compute`'s output.
    fn resolve(&mut self, env: &'task Env, output: Self::Output) -> Result<Self::JsValue>;

    /// Runs on the JS thread when `compute` failed (or the work was cancelled).
    fn reject(&mut self, env: &'task Env, error: Error) -> Result<Self::JsValue> {
        let _ = env;
        Err(error)
    }

    /// Runs on the JS thread once the promise is settled, with the task.
    fn finally(self, env: Env) -> Result<()>
    where
        Self: Sized,
    {
        let _ = env;
        Ok(())
    }
}

impl<'task, T: Task> ScopedTask<'task> for T
where
    T::JsValue: 'task,
{
    type Output = T::Output;
    type JsValue = T::JsValue;

    fn compute(&mut self) -> Result<Self::Output> {
        Task::compute(self)
    }

    fn resolve(&mut self, env: &'task Env, output: Self::Output) -> Result<Self::JsValue> {
        Task::resolve(self, *env, output)
    }

    fn reject(&mut self, env: &'task Env, error: Error) -> Result<Self::JsValue> {
        Task::reject(self, *env, error)
    }

    fn finally(self, env: Env) -> Result<()> {
        Task::finally(self, env)
    }
}

/// A task returned to JS: runs as Node-API async work, and JS gets a promise. With an
/// `AbortSignal`, aborting it before the work has started cancels the work: the promise
/// rejects with `AbortError` (through `reject`).
pub struct AsyncTask<T: ScopedTask<'static>> {
    task: T,
    signal: Option<AbortSignal>,
}

impl<T: ScopedTask<'static>> AsyncTask<T> {
    /// The task, to be returned to JS.
    pub fn new(task: T) -> Self {
        AsyncTask { task, signal: None }
    }

    /// The task, cancelled if `signal` aborts before it starts.
    pub fn with_signal(task: T, signal: AbortSignal) -> Self {
        AsyncTask { task, signal: Some(signal) }
    }

    /// The task, cancelled if `signal` (when there is one) aborts before it starts.
    pub fn with_optional_signal(task: T, signal: Option<AbortSignal>) -> Self {
        AsyncTask { task, signal }
    }
}

/// Where a task given an `AbortSignal` is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TaskState {
    NotQueued,
    Queued(sys::napi_async_work),
    Finished,
}

/// One `AbortSignal` argument's hold on its JS signal: the task it was given to, and the
/// callbacks `on_abort` added.
struct AbortRegistration {
    task: std::cell::Cell<TaskState>,
    callbacks: std::cell::RefCell<Vec<Box<dyn Fn()>>>,
}

/// A JS `AbortSignal` argument. Taking one sets the signal's `onabort` (as napi-rs does):
/// on abort, the `on_abort` callbacks run and the task given the signal, if it has not
/// started, is cancelled.
pub struct AbortSignal(std::rc::Rc<AbortRegistration>);

impl AbortSignal {
    /// Runs `callback` (on the JS thread) when the signal aborts.
    pub fn on_abort<F: Fn() + 'static>(&self, callback: F) {
        self.0.callbacks.borrow_mut().push(Box::new(callback));
    }
}

/// Marks the JS signals that hold registrations (wrapped in them).
const ABORT_SIGNAL_TAG: sys::napi_type_tag = sys::napi_type_tag { lower: 0x6162_6f72_745f_7369, upper: 0x616e_6f64_655f_6e61 };

type Registrations = Vec<std::rc::Rc<AbortRegistration>>;

unsafe fn not_a_signal() -> Error {
    Error::new(crate::Status::InvalidArg, "Value is not an AbortSignal")
}

unsafe fn registrations<'a>(env: Env, signal: sys::napi_value) -> Result<Option<&'a mut Registrations>> {
    if !env.call(|result| sys::napi_check_object_type_tag(env.raw(), signal, &ABORT_SIGNAL_TAG, result))? {
        return Ok(None);
    }
    let mut data = ptr::null_mut();
    env.check(sys::napi_unwrap(env.raw(), signal, &mut data))?;
    Ok(Some(&mut *data.cast::<Registrations>()))
}

unsafe extern "C" fn drop_registrations(_env: sys::napi_env, data: *mut c_void, _hint: *mut c_void) {
    drop(Box::from_raw(data.cast::<Registrations>()));
}

/// The signal's `onabort`.
unsafe extern "C" fn on_abort(env: sys::napi_env, info: sys::napi_callback_info) -> sys::napi_value {
    crate::callback::run(env, |env| {
        let signal = crate::callback::CallInfo::<0>::read(env, info)?.this;
        let registrations = registrations(env, signal)?.ok_or_else(|| not_a_signal())?;
        for registration in registrations.clone() {
            for callback in registration.callbacks.borrow().iter() {
                callback();
            }
            if let TaskState::Queued(work) = registration.task.get() {
                if sys::napi_cancel_async_work(env.raw(), work) == sys::napi_ok {
                    registration.task.set(TaskState::Finished);
                }
            }
        }
        env.undefined()
    })
}

impl crate::FromNapiValue for AbortSignal {
    unsafe fn from_napi_value(env: sys::napi_env, signal: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        let class = env.get_named(env.global()?, "AbortSignal")?;
        let is_signal = env.type_of(signal)? == sys::napi_object
            && env.type_of(class)? == sys::napi_function
            && env.call(|result| sys::napi_instanceof(env.raw(), signal, class, result))?;
        if !is_signal {
            return Err(not_a_signal());
        }
        let registration = std::rc::Rc::new(AbortRegistration {
            task: std::cell::Cell::new(TaskState::NotQueued),
            callbacks: Default::default(),
        });
        match registrations(env, signal)? {
            Some(registrations) => registrations.push(registration.clone()),
            None => {
                // Tagging fails on an object another addon or class has tagged: not a signal of ours.
                env.check(sys::napi_type_tag_object(env.raw(), signal, &ABORT_SIGNAL_TAG)).map_err(|_| not_a_signal())?;
                let registrations = Box::into_raw(Box::new(vec![registration.clone()]));
                let wrapped = env.check(sys::napi_wrap(
                    env.raw(),
                    signal,
                    registrations.cast(),
                    Some(drop_registrations),
                    ptr::null_mut(),
                    ptr::null_mut(),
                ));
                if wrapped.is_err() {
                    drop(Box::from_raw(registrations));
                    return Err(not_a_signal());
                }
            }
        }
        let handler = env.function("onabort", on_abort, ptr::null_mut())?;
        env.set_named(signal, "onabort", handler)?;
        Ok(AbortSignal(registration))
    }
}

struct Work<T: ScopedTask<'static>> {
    task: T,
    output: Option<Result<T::Output>>,
    deferred: Option<Deferred>,
    work: sys::napi_async_work,
    /// The signal's hold, marked finished once the work is done (on the JS thread).
    signal: Option<std::rc::Rc<AbortRegistration>>,
}

unsafe extern "C" fn execute<T: ScopedTask<'static>>(_env: sys::napi_env, data: *mut c_void) {
    let work = &mut *data.cast::<Work<T>>();
    let outcome = catch_unwind(AssertUnwindSafe(|| work.task.compute()));
    work.output = Some(outcome.unwrap_or_else(|payload| Err(Error::coded("Panic", panic_message(payload.as_ref())))));
}

unsafe extern "C" fn complete<T: ScopedTask<'static>>(env: sys::napi_env, status: sys::napi_status, data: *mut c_void) {
    let mut work = Box::from_raw(data.cast::<Work<T>>());
    sys::napi_delete_async_work(env, work.work);
    if let Some(signal) = work.signal.take() {
        signal.task.set(TaskState::Finished);
    }
    let env = Env::from_raw(env);
    // SAFETY: the JS value made with this env reference is converted (by `settle`) before the
    // callback returns; nothing borrowing it outlives the call.
    let scoped_env: &'static Env = &*(&env as *const Env);
    let task = &mut work.task;
    let outcome = catch_unwind(AssertUnwindSafe(|| match (status, work.output.take()) {
        (sys::napi_cancelled, _) => task.reject(scoped_env, Error::new(crate::Status::Cancelled, "AbortError")),
        (_, Some(Ok(output))) => task.resolve(scoped_env, output),
        (_, Some(Err(error))) => task.reject(scoped_env, error),
        (_, None) => task.reject(scoped_env, Error::from_reason("the task did not run")),
    }))
    .unwrap_or_else(|payload| Err(Error::coded("Panic", panic_message(payload.as_ref()))));
    if let Some(deferred) = work.deferred.take() {
        deferred.settle(env, outcome);
    }
    let finished = catch_unwind(AssertUnwindSafe(|| work.task.finally(env)))
        .unwrap_or_else(|payload| Err(Error::coded("Panic", panic_message(payload.as_ref()))));
    if let Err(error) = finished {
        unsafe { error.throw(env) };
    }
}

/// A task started with `Env::spawn`: its promise.
pub struct AsyncWorkPromise<'env, T> {
    promise: crate::PromiseRaw<'env, T>,
}

impl<'env, T> AsyncWorkPromise<'env, T> {
    /// The promise the task settles.
    pub fn promise_object(&self) -> crate::PromiseRaw<'env, T> {
        crate::PromiseRaw::new(self.promise.env(), self.promise.raw())
    }
}

impl Env {
    /// Starts `task` as Node-API async work; its promise settles with the task's result.
    pub fn spawn<T: ScopedTask<'static>>(&self, task: T) -> Result<AsyncWorkPromise<'_, T::JsValue>> {
        let promise = unsafe { AsyncTask::new(task).to_napi_value(*self)? };
        Ok(AsyncWorkPromise { promise: crate::PromiseRaw::new(*self, promise) })
    }
}

impl<T: ScopedTask<'static>> ToNapiValue for AsyncTask<T> {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        let (deferred, promise) = Deferred::new(env)?;
        let name = env.string(std::any::type_name::<T>())?;
        let signal = self.signal.map(|signal| signal.0);
        let work = Box::into_raw(Box::new(Work { task: self.task, output: None, deferred: Some(deferred), work: ptr::null_mut(), signal }));
        let created = env.check(sys::napi_create_async_work(
            env.raw(),
            ptr::null_mut(),
            name,
            Some(execute::<T>),
            Some(complete::<T>),
            work.cast(),
            &mut (*work).work,
        ));
        let queued = created.and_then(|_| env.check(sys::napi_queue_async_work(env.raw(), (*work).work)));
        if let Err(error) = queued {
            let work = Box::from_raw(work);
            if !work.work.is_null() {
                sys::napi_delete_async_work(env.raw(), work.work);
            }
            return Err(error);
        }
        if let Some(signal) = &(*work).signal {
            signal.task.set(TaskState::Queued((*work).work));
        }
        Ok(promise)
    }
}

#[cfg(feature = "tokio_rt")]
static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();

/// Makes `runtime` the addon's tokio runtime (call it from `#[module_init]`, before any future
/// is spawned); `false`, and `runtime` is dropped, when the runtime has already started.
#[cfg(feature = "tokio_rt")]
pub fn create_custom_tokio_runtime(runtime: tokio::runtime::Runtime) -> bool {
    RUNTIME.set(runtime).is_ok()
}

/// Runs `future` to completion on the addon's tokio runtime, blocking this thread (not one of
/// the runtime's own).
#[cfg(feature = "tokio_rt")]
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    runtime().block_on(future)
}

/// The addon's tokio runtime for `async fn`s (started on first use).
#[cfg(feature = "tokio_rt")]
pub fn runtime() -> &'static tokio::runtime::Runtime {
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .thread_name("anode-napi-tokio")
            .build()
            .expect("cannot start the addon's tokio runtime")
    })
}

/// What runs on the JS thread with a spawned future's output, kept there (as the threadsafe
/// function's context) while the future runs.
#[cfg(feature = "tokio_rt")]
type Pending<C> = Option<C>;

#[cfg(feature = "tokio_rt")]
unsafe extern "C" fn finish_on_js_thread<T, C: FnOnce(Env, Result<T>)>(
    env: sys::napi_env,
    _function: sys::napi_value,
    context: *mut c_void,
    data: *mut c_void,
) {
    let outcome = *Box::from_raw(data.cast::<Result<T>>());
    let Some(finish) = (*context.cast::<Pending<C>>()).take() else { return };
    if env.is_null() {
        return; // the env is being torn down: nothing to settle
    }
    run(env, |env| {
        finish(env, outcome);
        env.undefined()
    });
}

#[cfg(feature = "tokio_rt")]
unsafe extern "C" fn drop_pending<C>(_env: sys::napi_env, data: *mut c_void, _hint: *mut c_void) {
    drop(Box::from_raw(data.cast::<Pending<C>>()));
}

/// Runs `future` on the addon's tokio runtime; JS gets a promise of its output.
#[cfg(feature = "tokio_rt")]
pub unsafe fn spawn_promise<T, F>(env: Env, future: F) -> Result<sys::napi_value>
where
    T: ToNapiValue + Send + 'static,
    F: std::future::Future<Output = T> + Send + 'static,
{
    spawn_converted(env, future, |_env, output| Ok(output))
}

/// An async method's promise: `future` borrows the instance `this` wraps, which a strong
/// reference keeps alive until the promise settles (the reference is deleted then, on the
/// JS thread).
#[cfg(feature = "tokio_rt")]
pub unsafe fn spawn_method_promise<T, F>(env: Env, this: sys::napi_value, future: F) -> Result<sys::napi_value>
where
    T: ToNapiValue + Send + 'static,
    F: std::future::Future<Output = T> + Send + 'static,
{
    let instance = env.call(|result| sys::napi_create_reference(env.raw(), this, 1, result))?;
    let release = move |env: Env, output: T| {
        env.check(sys::napi_delete_reference(env.raw(), instance))?;
        Ok(output)
    };
    spawn_converted(env, future, release).inspect_err(|_| {
        sys::napi_delete_reference(env.raw(), instance);
    })
}

/// Runs `future` on the addon's tokio runtime; its output, once back on the JS thread, goes
/// through `convert` (which need not be `Send`) to resolve the promise JS gets.
#[cfg(feature = "tokio_rt")]
pub(crate) unsafe fn spawn_converted<T, V, F, C>(env: Env, future: F, convert: C) -> Result<sys::napi_value>
where
    T: Send + 'static,
    V: ToNapiValue,
    F: std::future::Future<Output = T> + Send + 'static,
    C: FnOnce(Env, T) -> Result<V> + 'static,
{
    let (deferred, promise) = Deferred::new(env)?;
    spawn_then(env, future, move |env, outcome: Result<T>| {
        let converted = catch_unwind(AssertUnwindSafe(|| outcome.and_then(|output| convert(env, output))))
            .unwrap_or_else(|payload| Err(Error::coded("Panic", panic_message(payload.as_ref()))));
        deferred.settle(env, converted);
    })?;
    Ok(promise)
}

/// Runs `future` on the addon's tokio runtime, then `finish` (which need not be `Send`) on the
/// JS thread with its output (an `Err` if it panicked).
#[cfg(feature = "tokio_rt")]
pub(crate) unsafe fn spawn_then<T, F, C>(env: Env, future: F, finish: C) -> Result<()>
where
    T: Send + 'static,
    F: std::future::Future<Output = T> + Send + 'static,
    C: FnOnce(Env, Result<T>) + 'static,
{
    let pending = Box::into_raw(Box::new(Some(finish))).cast::<c_void>();
    let tsfn = crate::threadsafe::create_raw_threadsafe_function(
        env,
        "anode-napi async fn",
        pending,
        Some(drop_pending::<C>),
        Some(finish_on_js_thread::<T, C>),
    )?;
    runtime().spawn(async move {
        let outcome = AssertUnwindSafeFuture(future).await;
        let outcome = Box::into_raw(Box::new(outcome));
        if sys::napi_call_threadsafe_function(tsfn.get(), outcome.cast(), sys::napi_tsfn_blocking) != sys::napi_ok {
            drop(Box::from_raw(outcome)); // the env is gone; so is the promise
        }
        sys::napi_release_threadsafe_function(tsfn.get(), sys::napi_tsfn_release);
    });
    Ok(())
}

/// A future run on the addon's tokio runtime, returned to JS as the promise of its output
/// (made with `AsyncBlockBuilder`).
#[cfg(feature = "tokio_rt")]
pub struct AsyncBlock<T> {
    promise: sys::napi_value,
    _output: std::marker::PhantomData<T>,
}

#[cfg(feature = "tokio_rt")]
impl<T> ToNapiValue for AsyncBlock<T> {
    unsafe fn to_napi_value(self, _env: Env) -> Result<sys::napi_value> {
        Ok(self.promise)
    }
}

/// What a built `AsyncBlock` runs: a future of a `Result`, and optionally `dispose`, run on the
/// JS thread once the future succeeded, before its output is converted.
#[cfg(feature = "tokio_rt")]
pub struct AsyncBlockBuilder<V, F, Dispose = fn(Env) -> Result<()>> {
    future: F,
    dispose: Option<Dispose>,
    _output: std::marker::PhantomData<fn() -> V>,
}

#[cfg(feature = "tokio_rt")]
impl<V, F> AsyncBlockBuilder<V, F>
where
    V: Send + 'static,
    F: std::future::Future<Output = Result<V>> + Send + 'static,
{
    /// A block without `dispose`.
    pub fn new(future: F) -> Self {
        AsyncBlockBuilder { future, dispose: None, _output: std::marker::PhantomData }
    }

    /// A promise of what `map` makes (on the JS thread) of the future's output.
    pub fn build_with_map<T, Map>(env: &Env, future: F, map: Map) -> Result<AsyncBlock<T>>
    where
        T: ToNapiValue,
        Map: FnOnce(Env, V) -> Result<T> + 'static,
    {
        let promise = unsafe { spawn_converted(*env, future, |env, output: Result<V>| output.and_then(|value| map(env, value)))? };
        Ok(AsyncBlock { promise, _output: std::marker::PhantomData })
    }
}

#[cfg(feature = "tokio_rt")]
impl<V, F, Dispose> AsyncBlockBuilder<V, F, Dispose>
where
    V: ToNapiValue + Send + 'static,
    F: std::future::Future<Output = Result<V>> + Send + 'static,
    Dispose: FnOnce(Env) -> Result<()> + 'static,
{
    /// A block whose `dispose` is given by `with_dispose`.
    pub fn with(future: F) -> Self {
        AsyncBlockBuilder { future, dispose: None, _output: std::marker::PhantomData }
    }

    /// Runs `dispose` on the JS thread when the future has succeeded, before the promise resolves.
    pub fn with_dispose(mut self, dispose: Dispose) -> Self {
        self.dispose = Some(dispose);
        self
    }

    /// Spawns the future; JS gets the promise of its output.
    pub fn build(self, env: &Env) -> Result<AsyncBlock<V>> {
        let dispose = self.dispose;
        let settle = move |env: Env, output: Result<V>| {
            let value = output?;
            if let Some(dispose) = dispose {
                dispose(env)?;
            }
            Ok(value)
        };
        let promise = unsafe { spawn_converted(*env, self.future, settle)? };
        Ok(AsyncBlock { promise, _output: std::marker::PhantomData })
    }
}

/// A future whose output is `Ok` and whose panic becomes an `Err`.
#[cfg(feature = "tokio_rt")]
struct AssertUnwindSafeFuture<F>(F);

#[cfg(feature = "tokio_rt")]
impl<T, F: std::future::Future<Output = T>> std::future::Future for AssertUnwindSafeFuture<F> {
    type Output = Result<T>;

    fn poll(self: std::pin::Pin<&mut Self>, context: &mut std::task::Context<'_>) -> std::task::Poll<Result<T>> {
        // SAFETY: the inner future is never moved out of the pinned wrapper.
        let future = unsafe { self.map_unchecked_mut(|wrapper| &mut wrapper.0) };
        match catch_unwind(AssertUnwindSafe(|| future.poll(context))) {
            Ok(poll) => poll.map(Ok),
            Err(payload) => std::task::Poll::Ready(Err(Error::coded("Panic", panic_message(payload.as_ref())))),
        }
    }
}

/// A JS promise received as an argument, awaited in Rust: its value converted to `T` on the
/// JS thread, or its rejection as an `Err`.
#[cfg(feature = "tokio_rt")]
pub struct Promise<T> {
    receiver: tokio::sync::oneshot::Receiver<Result<T>>,
}

#[cfg(feature = "tokio_rt")]
impl<T: crate::FromNapiValue + Send + 'static> Promise<T> {
    /// The promise `value` (a JS value that is not one is an error), to be awaited.
    pub fn from_unknown(value: crate::Unknown<'_>) -> Result<Self> {
        unsafe { <Promise<T> as crate::FromNapiValue>::from_napi_value(value.1.raw(), value.0) }
    }
}

#[cfg(feature = "tokio_rt")]
type PromiseSender<T> = std::sync::Mutex<Option<tokio::sync::oneshot::Sender<Result<T>>>>;

#[cfg(feature = "tokio_rt")]
unsafe extern "C" fn settled<T: crate::FromNapiValue, const FULFILLED: bool>(
    env: sys::napi_env,
    info: sys::napi_callback_info,
) -> sys::napi_value {
    run(env, |env| {
        let call = crate::callback::CallInfo::<1>::read(env, info)?;
        let sender = &*call.data.cast::<PromiseSender<T>>();
        let outcome = if FULFILLED { T::from_napi_value(env.raw(), call.args[0]) } else { Err(Error::from_unknown_without_coercion(crate::JsValue(call.args[0], env))) };
        if let Some(sender) = lock(&sender).take() {
            let _ = sender.send(outcome);
        }
        env.undefined()
    })
}

#[cfg(feature = "tokio_rt")]
unsafe extern "C" fn drop_sender<T>(_env: sys::napi_env, data: *mut c_void, _hint: *mut c_void) {
    drop(std::sync::Arc::from_raw(data.cast::<PromiseSender<T>>()));
}

#[cfg(feature = "tokio_rt")]
impl<T: crate::FromNapiValue + Send + 'static> crate::FromNapiValue for Promise<T> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        if !env.call(|result| sys::napi_is_promise(env.raw(), value, result))? {
            let actual = crate::type_name(env.type_of(value)?);
            return Err(Error::type_error(format!("expected a Promise, got {actual}")));
        }
        let (sender, receiver) = tokio::sync::oneshot::channel();
        let sender: std::sync::Arc<PromiseSender<T>> = std::sync::Arc::new(std::sync::Mutex::new(Some(sender)));
        let mut callbacks = Vec::with_capacity(2);
        for callback in [settled::<T, true> as crate::class::Callback, settled::<T, false>] {
            let data = std::sync::Arc::into_raw(sender.clone()) as *mut c_void;
            let function = env.function("", callback, data);
            let function = function.and_then(|function| {
                env.check(sys::napi_add_finalizer(env.raw(), function, data, Some(drop_sender::<T>), ptr::null_mut(), ptr::null_mut()))
                    .map(|_| function)
            });
            match function {
                Ok(function) => callbacks.push(function),
                Err(error) => {
                    drop(std::sync::Arc::from_raw(data.cast::<PromiseSender<T>>()));
                    return Err(error);
                }
            }
        }
        let then = env.get_named(value, "then")?;
        env.call(|result| sys::napi_call_function(env.raw(), value, then, 2, callbacks.as_ptr(), result))?;
        Ok(Promise { receiver })
    }
}

#[cfg(feature = "tokio_rt")]
impl<T> std::future::Future for Promise<T> {
    type Output = Result<T>;

    fn poll(mut self: std::pin::Pin<&mut Self>, context: &mut std::task::Context<'_>) -> std::task::Poll<Result<T>> {
        std::pin::Pin::new(&mut self.receiver)
            .poll(context)
            .map(|received| received.unwrap_or_else(|_| Err(Error::from_reason("the promise's env was torn down"))))
    }
}
