//! Web `ReadableStream`s: made from a Rust `Stream` (each `pull` awaits its next item on the
//! addon's tokio runtime), and read from Rust as a `Stream` (each item a `read()` on the JS
//! thread).

use crate::binary::BufferSlice;
use crate::callback::{run, CallInfo};
use crate::convert::{FromNapiValue, JsValue, ToNapiValue};
use crate::error::{Error, Result, Status};
use crate::sys;
use crate::tasks::{spawn_then, Deferred, Promise};
use crate::Env;
use futures_core::Stream;
use std::cell::RefCell;
use std::ffi::c_void;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::ptr;
use std::rc::Rc;
use std::task::{Context, Poll};

/// A JS `ReadableStream` of `T` chunks: received as an argument (`read()` reads it from Rust),
/// or made from a Rust stream and returned.
pub struct ReadableStream<'env, T> {
    value: sys::napi_value,
    env: Env,
    _chunks: PhantomData<&'env T>,
}

impl<T> FromNapiValue for ReadableStream<'_, T> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        let class = env.get_named(env.global()?, "ReadableStream")?;
        let is_stream = env.type_of(class)? == sys::napi_function
            && env.call(|result| sys::napi_instanceof(env.raw(), value, class, result))?;
        if !is_stream {
            return Err(Error::new(Status::InvalidArg, "Value is not a ReadableStream"));
        }
        Ok(ReadableStream { value, env, _chunks: PhantomData })
    }
}

impl<T> ToNapiValue for ReadableStream<'_, T> {
    unsafe fn to_napi_value(self, _env: Env) -> Result<sys::napi_value> {
        Ok(self.value)
    }
}

impl<T> ReadableStream<'_, T> {
    /// The JS stream.
    pub fn raw(&self) -> sys::napi_value {
        self.value
    }

    /// `stream.locked`.
    pub fn locked(&self) -> Result<bool> {
        unsafe { bool::from_napi_value(self.env.raw(), self.env.get_named(self.value, "locked")?) }
    }
}

/// What a stream made in Rust keeps on the JS thread: the Rust stream between pulls (it is on
/// the tokio runtime during one), and whether JS cancelled the stream.
struct Source<S> {
    stream: Option<S>,
    cancelled: bool,
}

type SharedSource<S> = Rc<RefCell<Source<S>>>;

/// How a pulled item becomes a chunk (on the JS thread).
type Enqueue<I> = unsafe fn(Env, I) -> Result<sys::napi_value>;

/// `pull(controller)`: a promise settled once the Rust stream's next item is enqueued (or the
/// stream closed); an `Err` item rejects it, which errors the stream.
unsafe extern "C" fn pull<I: Send + 'static, S: Stream<Item = Result<I>> + Unpin + Send + 'static>(
    env: sys::napi_env,
    info: sys::napi_callback_info,
) -> sys::napi_value {
    run(env, |env| {
        let call = CallInfo::<1>::read(env, info)?;
        let (source, enqueue) = &*call.data.cast::<(SharedSource<S>, Enqueue<I>)>();
        let (source, enqueue) = (source.clone(), *enqueue);
        let Some(mut stream) = source.borrow_mut().stream.take() else {
            return crate::tasks::rejected_promise(env, Error::from_reason("the stream is already being pulled"));
        };
        let controller = env.call(|result| sys::napi_create_reference(env.raw(), call.args[0], 1, result))?;
        let (deferred, promise) = Deferred::new(env)?;
        let next = async move {
            let item = std::future::poll_fn(|context| Pin::new(&mut stream).poll_next(context)).await;
            (stream, item)
        };
        let finish = move |env: Env, outcome: Result<(S, Option<Result<I>>)>| {
            let settled = outcome.and_then(|(stream, item)| {
                let mut source = source.borrow_mut();
                if !source.cancelled {
                    source.stream = Some(stream);
                }
                drop(source);
                let controller = env.call(|result| sys::napi_get_reference_value(env.raw(), controller, result))?;
                match item {
                    Some(Ok(item)) => {
                        let chunk = enqueue(env, item)?;
                        call_method(env, controller, "enqueue", &[chunk])
                    }
                    Some(Err(error)) => Err(error),
                    None => call_method(env, controller, "close", &[]),
                }
            });
            sys::napi_delete_reference(env.raw(), controller);
            deferred.settle::<()>(env, settled);
        };
        spawn_then(env, next, finish)?;
        Ok(promise)
    })
}

/// `cancel()`: the Rust stream is dropped (once back from a pull in progress).
unsafe extern "C" fn cancel<S>(env: sys::napi_env, info: sys::napi_callback_info) -> sys::napi_value {
    run(env, |env| {
        let call = CallInfo::<0>::read(env, info)?;
        let source = &*call.data.cast::<SharedSource<S>>();
        let stream = {
            let mut source = source.borrow_mut();
            source.cancelled = true;
            source.stream.take()
        };
        drop(stream);
        env.undefined()
    })
}

unsafe fn call_method(env: Env, object: sys::napi_value, name: &str, args: &[sys::napi_value]) -> Result<()> {
    let method = env.get_named(object, name)?;
    env.call(|result| sys::napi_call_function(env.raw(), object, method, args.len(), args.as_ptr(), result))?;
    Ok(())
}

/// A function whose data (a `Box<D>`) is dropped with it.
unsafe fn function_with_data<D>(env: Env, name: &str, callback: crate::class::Callback, data: D) -> Result<sys::napi_value> {
    unsafe extern "C" fn drop_data<D>(_env: sys::napi_env, data: *mut c_void, _hint: *mut c_void) {
        drop(Box::from_raw(data.cast::<D>()));
    }
    let data = Box::into_raw(Box::new(data)).cast::<c_void>();
    let function = env.function(name, callback, data).and_then(|function| {
        env.check(sys::napi_add_finalizer(env.raw(), function, data, Some(drop_data::<D>), ptr::null_mut(), ptr::null_mut()))
            .map(|_| function)
    });
    function.inspect_err(|_| drop(Box::from_raw(data.cast::<D>())))
}

/// `new class({ pull, cancel, type })` over `stream`.
unsafe fn stream_of<I, S>(env: Env, class: sys::napi_value, stream: S, enqueue: Enqueue<I>, bytes: bool) -> Result<sys::napi_value>
where
    I: Send + 'static,
    S: Stream<Item = Result<I>> + Unpin + Send + 'static,
{
    if env.type_of(class)? != sys::napi_function {
        return Err(Error::new(Status::GenericFailure, "ReadableStream is not supported in this Node.js version"));
    }
    let source: SharedSource<S> = Rc::new(RefCell::new(Source { stream: Some(stream), cancelled: false }));
    let underlying = env.call(|result| sys::napi_create_object(env.raw(), result))?;
    let pull = function_with_data(env, "pull", pull::<I, S>, (source.clone(), enqueue))?;
    env.set_named(underlying, "pull", pull)?;
    let cancel = function_with_data(env, "cancel", cancel::<S>, source)?;
    env.set_named(underlying, "cancel", cancel)?;
    if bytes {
        env.set_named(underlying, "type", env.string("bytes")?)?;
    }
    env.call(|result| sys::napi_new_instance(env.raw(), class, 1, &underlying, result))
}

unsafe fn global_class(env: Env) -> Result<sys::napi_value> {
    env.get_named(env.global()?, "ReadableStream")
}

unsafe fn enqueue_value<T: ToNapiValue>(env: Env, item: T) -> Result<sys::napi_value> {
    item.to_napi_value(env)
}

unsafe fn enqueue_bytes<B: Into<Vec<u8>>>(env: Env, item: B) -> Result<sys::napi_value> {
    Ok(BufferSlice::from_data(&env, item)?.raw())
}

impl<'env, T: ToNapiValue + Send + 'static> ReadableStream<'env, T> {
    /// A `ReadableStream` of `stream`'s items.
    pub fn new<S: Stream<Item = Result<T>> + Unpin + Send + 'static>(env: &Env, stream: S) -> Result<Self> {
        unsafe {
            let value = stream_of(*env, global_class(*env)?, stream, enqueue_value::<T>, false)?;
            Ok(ReadableStream { value, env: *env, _chunks: PhantomData })
        }
    }

    /// A stream of `stream`'s items made with `class` (a `ReadableStream` implementation).
    pub fn with_readable_stream_class<S: Stream<Item = Result<T>> + Unpin + Send + 'static>(
        env: &Env,
        class: &JsValue,
        stream: S,
    ) -> Result<Self> {
        unsafe {
            let value = stream_of(*env, class.0, stream, enqueue_value::<T>, false)?;
            Ok(ReadableStream { value, env: *env, _chunks: PhantomData })
        }
    }
}

impl<'env> ReadableStream<'env, BufferSlice<'env>> {
    /// A byte stream (`type: 'bytes'`) of `stream`'s items, each a Buffer.
    pub fn create_with_stream_bytes<B, S>(env: &Env, stream: S) -> Result<Self>
    where
        B: Into<Vec<u8>> + Send + 'static,
        S: Stream<Item = Result<B>> + Unpin + Send + 'static,
    {
        unsafe {
            let value = stream_of(*env, global_class(*env)?, stream, enqueue_bytes::<B>, true)?;
            Ok(ReadableStream { value, env: *env, _chunks: PhantomData })
        }
    }

    /// A byte stream of `stream`'s items made with `class` (a `ReadableStream` implementation).
    pub fn with_stream_bytes_and_readable_stream_class<B, S>(env: &Env, class: &JsValue, stream: S) -> Result<Self>
    where
        B: Into<Vec<u8>> + Send + 'static,
        S: Stream<Item = Result<B>> + Unpin + Send + 'static,
    {
        unsafe {
            let value = stream_of(*env, class.0, stream, enqueue_bytes::<B>, true)?;
            Ok(ReadableStream { value, env: *env, _chunks: PhantomData })
        }
    }
}

/// One `read()`'s result: `{ done, value }`.
struct ReadResult<T> {
    done: bool,
    value: Option<T>,
}

impl<T: FromNapiValue> FromNapiValue for ReadResult<T> {
    unsafe fn from_napi_value(env: sys::napi_env, result: sys::napi_value) -> Result<Self> {
        let env = Env::from_raw(env);
        let done = env.get_named(result, "done")?;
        let done = env.call(|result| sys::napi_get_value_bool(env.raw(), done, result)).unwrap_or(false);
        let value = env.get_named(result, "value")?;
        let value = if done { None } else { Some(T::from_napi_value(env.raw(), value)?) };
        Ok(ReadResult { done, value })
    }
}

type ReadRequest<T> = tokio::sync::oneshot::Sender<Result<Promise<ReadResult<T>>>>;

enum ReaderState<T> {
    Idle,
    Requested(tokio::sync::oneshot::Receiver<Result<Promise<ReadResult<T>>>>),
    Reading(Promise<ReadResult<T>>),
    Finished,
}

/// A JS `ReadableStream` read from Rust (`ReadableStream::read`): a `Stream` of its chunks,
/// each a `read()` of its reader made on the JS thread. It ends after the stream's end or
/// first error.
pub struct Reader<T> {
    read: crate::threadsafe::RawThreadsafeFunction,
    state: ReaderState<T>,
}

/// The reader's bound `read`, kept as the threadsafe function's context.
struct ReadFunction(sys::napi_ref);

unsafe extern "C" fn call_read<T: FromNapiValue + Send + 'static>(
    env: sys::napi_env,
    _function: sys::napi_value,
    context: *mut c_void,
    data: *mut c_void,
) {
    let sender = *Box::from_raw(data.cast::<ReadRequest<T>>());
    if env.is_null() {
        return;
    }
    let env = Env::from_raw(env);
    let read = || -> Result<Promise<ReadResult<T>>> {
        let function = env.call(|result| sys::napi_get_reference_value(env.raw(), (*context.cast::<ReadFunction>()).0, result))?;
        let undefined = env.undefined()?;
        let mut promise = ptr::null_mut();
        let status = sys::napi_call_function(env.raw(), undefined, function, 0, ptr::null(), &mut promise);
        if status == sys::napi_pending_exception {
            let mut exception = ptr::null_mut();
            sys::napi_get_and_clear_last_exception(env.raw(), &mut exception);
            return Err(Error::from_js_value(env, exception));
        }
        env.check(status)?;
        Promise::from_napi_value(env.raw(), promise)
    };
    let _ = sender.send(read());
}

unsafe extern "C" fn drop_read_function(env: sys::napi_env, data: *mut c_void, _hint: *mut c_void) {
    let read = Box::from_raw(data.cast::<ReadFunction>());
    sys::napi_delete_reference(env, read.0);
}

impl<T: FromNapiValue + Send + 'static> ReadableStream<'_, T> {
    /// Locks the stream to a reader (`getReader()`), read from Rust as a `Stream`.
    pub fn read(&self) -> Result<Reader<T>> {
        let env = self.env;
        unsafe {
            let get_reader = env.get_named(self.value, "getReader")?;
            let reader = env.call(|result| sys::napi_call_function(env.raw(), self.value, get_reader, 0, ptr::null(), result))?;
            let read = env.get_named(reader, "read")?;
            let bind = env.get_named(read, "bind")?;
            let bound = env.call(|result| sys::napi_call_function(env.raw(), read, bind, 1, &reader, result))?;
            let reference = env.call(|result| sys::napi_create_reference(env.raw(), bound, 1, result))?;
            let context = Box::into_raw(Box::new(ReadFunction(reference))).cast::<c_void>();
            let tsfn = crate::threadsafe::create_raw_threadsafe_function(
                env,
                "ReadableStream reader",
                context,
                Some(drop_read_function),
                Some(call_read::<T>),
            )?;
            // Waiting for a chunk does not keep the process alive: the stream's source does.
            env.check(sys::napi_unref_threadsafe_function(env.raw(), tsfn.get()))?;
            Ok(Reader { read: tsfn, state: ReaderState::Idle })
        }
    }
}

impl<T: FromNapiValue + Send + 'static> Stream for Reader<T> {
    type Item = Result<T>;

    fn poll_next(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Option<Result<T>>> {
        loop {
            match &mut self.state {
                ReaderState::Finished => return Poll::Ready(None),
                ReaderState::Idle => {
                    let (sender, receiver) = tokio::sync::oneshot::channel::<Result<Promise<ReadResult<T>>>>();
                    let request = Box::into_raw(Box::new(sender));
                    let status = unsafe { sys::napi_call_threadsafe_function(self.read.get(), request.cast(), sys::napi_tsfn_nonblocking) };
                    if status != sys::napi_ok {
                        drop(unsafe { Box::from_raw(request) });
                        self.state = ReaderState::Finished;
                        return Poll::Ready(Some(Err(Error::new(Status(status), "the stream's env is gone"))));
                    }
                    self.state = ReaderState::Requested(receiver);
                }
                ReaderState::Requested(receiver) => match Pin::new(receiver).poll(context) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(Ok(Ok(promise))) => self.state = ReaderState::Reading(promise),
                    Poll::Ready(Ok(Err(error))) => {
                        self.state = ReaderState::Finished;
                        return Poll::Ready(Some(Err(error)));
                    }
                    Poll::Ready(Err(_)) => {
                        self.state = ReaderState::Finished;
                        return Poll::Ready(Some(Err(Error::from_reason("the stream's env is gone"))));
                    }
                },
                ReaderState::Reading(promise) => match Pin::new(promise).poll(context) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(Ok(ReadResult { done: false, value: Some(value) })) => {
                        self.state = ReaderState::Idle;
                        return Poll::Ready(Some(Ok(value)));
                    }
                    Poll::Ready(Ok(_)) => {
                        self.state = ReaderState::Finished;
                        return Poll::Ready(None);
                    }
                    Poll::Ready(Err(error)) => {
                        self.state = ReaderState::Finished;
                        return Poll::Ready(Some(Err(error)));
                    }
                },
            }
        }
    }
}

impl<T> Drop for Reader<T> {
    fn drop(&mut self) {
        unsafe { sys::napi_release_threadsafe_function(self.read.get(), sys::napi_tsfn_release) };
    }
}
