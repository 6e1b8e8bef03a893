//! `#[napi(async_iterator)]` classes: `instance[Symbol.asyncIterator]()` gives an async
//! iterator (`next`, `return`, `throw`, each returning a promise of `{ value, done }`) driven
//! by the struct's `AsyncGenerator` impl, whose futures run on the addon's tokio runtime.
//! An iterator's requests run one after another, in the order they were made.

use crate::callback::{run, CallInfo};
use crate::class::{unwrap, Class};
use crate::convert::{FromNapiValue, ToNapiValue, Unknown};
use crate::error::{panic_message, Error, Result};
use crate::generator::define_hidden;
use crate::sys;
use crate::tasks::{spawn_then, Deferred};
use crate::Env;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::ffi::c_void;
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;
use std::rc::Rc;

/// The Rust side of an async iterator class (`#[napi] impl AsyncGenerator for T` on an
/// `#[napi(async_iterator)]` struct).
pub trait AsyncGenerator {
    /// What `next()` resolves to.
    type Yield: ToNapiValue + Send + 'static;
    /// What `next(value)` is given.
    type Next: FromNapiValue;
    /// What `return(value)` is given, and resolves to.
    type Return: FromNapiValue + ToNapiValue + Send + 'static;

    /// `iterator.next(value)`: the next value, or `None` when done (so is an `Err`, which
    /// rejects).
    fn next(&mut self, value: Option<Self::Next>) -> impl Future<Output = Result<Option<Self::Yield>>> + Send + 'static;

    /// `iterator.return(value)`: the value of the last result (`{ value, done: true }`); the
    /// iterator is done after it.
    fn complete(&mut self, value: Option<Self::Return>) -> impl Future<Output = Result<Option<Self::Return>>> + Send + 'static {
        async move { Ok(value) }
    }

    /// `iterator.throw(value)`: a value to go on with, `None` to finish, or `Err` to reject
    /// (and finish). By default the promise rejects with `value` itself.
    #[allow(unused_variables)]
    fn catch(&mut self, env: Env, value: Unknown) -> impl Future<Output = Result<Option<Self::Yield>>> + Send + 'static {
        async { Err(Error::thrown_value()) }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Next,
    Return,
    Throw,
}

/// One call of `next`/`return`/`throw`, waiting its turn: a strong reference to an object
/// holding the instance (and the argument, if one was given), and the promise's deferred.
struct Request {
    mode: Mode,
    holder: sys::napi_ref,
    has_argument: bool,
    deferred: Deferred,
}

const OWNER_KEY: &str = "[[AsyncIteratorOwner]]";
const ARGUMENT_KEY: &str = "[[AsyncIteratorArgument]]";

impl Request {
    unsafe fn holder(&self, env: Env) -> Result<sys::napi_value> {
        env.call(|result| sys::napi_get_reference_value(env.raw(), self.holder, result))
    }

    unsafe fn argument(&self, env: Env) -> Result<sys::napi_value> {
        if self.has_argument {
            env.get_named(self.holder(env)?, ARGUMENT_KEY)
        } else {
            env.undefined()
        }
    }

    /// Settles the promise and lets go of the holder.
    unsafe fn settle<V: ToNapiValue>(self, env: Env, outcome: Result<V>) {
        let thrown = match &outcome {
            Err(error) if error.is_thrown_value() => self.argument(env).ok(),
            _ => None,
        };
        sys::napi_delete_reference(env.raw(), self.holder);
        match thrown {
            Some(value) => self.deferred.reject_with(env, value),
            None => self.deferred.settle(env, outcome),
        }
    }
}

/// An iterator's state, shared by its three methods (only ever touched on the JS thread).
#[derive(Default)]
struct IteratorState {
    running: bool,
    done: bool,
    queue: VecDeque<Request>,
}

type SharedState = Rc<RefCell<IteratorState>>;

/// What each of an iterator's methods is created with: the state, and a weak reference to the
/// instance (kept alive by a hidden property of the method itself).
struct MethodData {
    state: SharedState,
    owner: sys::napi_ref,
}

unsafe extern "C" fn drop_method_data(env: sys::napi_env, data: *mut c_void, _hint: *mut c_void) {
    let data = Box::from_raw(data.cast::<MethodData>());
    sys::napi_delete_reference(env, data.owner);
}

/// `{ value, done }`, `value` present (maybe `undefined`) as in a JS async generator's results.
struct IteratorResult<V> {
    value: Option<V>,
    done: bool,
}

impl<V: ToNapiValue> ToNapiValue for IteratorResult<V> {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        let value = match self.value {
            Some(value) => value.to_napi_value(env)?,
            None => env.undefined()?,
        };
        let done = env.call(|result| sys::napi_get_boolean(env.raw(), self.done, result))?;
        let result = env.call(|result| sys::napi_create_object(env.raw(), result))?;
        env.set_named(result, "value", value)?;
        env.set_named(result, "done", done)?;
        Ok(result)
    }
}

unsafe fn request<T>(env: sys::napi_env, info: sys::napi_callback_info, mode: Mode) -> sys::napi_value
where
    T: Class + AsyncGenerator,
{
    run(env, |env| {
        let call = CallInfo::<1>::read(env, info)?;
        let data = &*call.data.cast::<MethodData>();
        let owner = env.call(|result| sys::napi_get_reference_value(env.raw(), data.owner, result))?;
        let holder = env.call(|result| sys::napi_create_object(env.raw(), result))?;
        define_hidden(env, holder, OWNER_KEY, owner)?;
        if call.argc > 0 {
            define_hidden(env, holder, ARGUMENT_KEY, call.args[0])?;
        }
        let holder = env.call(|result| sys::napi_create_reference(env.raw(), holder, 1, result))?;
        let (deferred, promise) = Deferred::new(env)?;
        let state = data.state.clone();
        state.borrow_mut().queue.push_back(Request { mode, holder, has_argument: call.argc > 0, deferred });
        if !state.borrow().running {
            drive::<T>(env, state);
        }
        Ok(promise)
    })
}

/// Starts the queued requests in turn, until one is left running on the tokio runtime (its
/// completion drives on) or none is left.
unsafe fn drive<T: Class + AsyncGenerator>(env: Env, state: SharedState) {
    loop {
        let request = state.borrow_mut().queue.pop_front();
        let Some(request) = request else {
            state.borrow_mut().running = false;
            return;
        };
        state.borrow_mut().running = true;
        let started = catch_unwind(AssertUnwindSafe(|| start::<T>(env, &state, request)))
            .unwrap_or_else(|payload| Err((Error::coded("Panic", panic_message(payload.as_ref())), None)));
        match started {
            Ok(true) => return,
            Ok(false) => continue,
            Err((error, request)) => {
                if let Some(request) = request {
                    request.settle::<()>(env, Err(error));
                }
            }
        }
    }
}

type Started = std::result::Result<bool, (Error, Option<Request>)>;

/// Runs `request`: settled at once (`Ok(false)`) when the iterator is done or its argument
/// does not convert, else its future is spawned (`Ok(true)`).
unsafe fn start<T: Class + AsyncGenerator>(env: Env, state: &SharedState, request: Request) -> Started {
    macro_rules! attempt {
        ($result:expr) => {
            match $result {
                Ok(value) => value,
                Err(error) => return Err((error, Some(request))),
            }
        };
    }
    if state.borrow().done {
        match request.mode {
            Mode::Throw => request.settle::<()>(env, Err(Error::thrown_value())),
            Mode::Next | Mode::Return => request.settle(env, Ok(IteratorResult::<()> { value: None, done: true })),
        }
        return Ok(false);
    }
    let holder = attempt!(request.holder(env));
    let owner = attempt!(env.get_named(holder, OWNER_KEY));
    let generator = attempt!(unwrap::<T>(env, owner));
    let argument = attempt!(request.argument(env));
    unsafe fn optional<A: FromNapiValue>(env: Env, request: &Request, argument: sys::napi_value) -> Result<Option<A>> {
        if request.has_argument {
            A::from_napi_value(env.raw(), argument).map(Some)
        } else {
            Ok(None)
        }
    }
    match request.mode {
        Mode::Next => {
            let value = attempt!(optional(env, &request, argument));
            let future = generator.next(value);
            spawn_request::<T, _, _>(env, state, request, future, |value| (value.is_none(), IteratorResult { done: value.is_none(), value }))
        }
        Mode::Return => {
            let value = attempt!(optional(env, &request, argument));
            state.borrow_mut().done = true;
            let future = generator.complete(value);
            spawn_request::<T, _, _>(env, state, request, future, |value| (true, IteratorResult { value, done: true }))
        }
        Mode::Throw => {
            let future = generator.catch(env, crate::JsValue(argument, env));
            spawn_request::<T, _, _>(env, state, request, future, |value| (value.is_none(), IteratorResult { done: value.is_none(), value }))
        }
    }
}

/// Spawns a request's future; back on the JS thread, `result` gives whether the iterator is
/// done and what the promise resolves to (an `Err` rejects it and finishes the iterator).
unsafe fn spawn_request<T, V, F>(
    env: Env,
    state: &SharedState,
    request: Request,
    future: F,
    result: impl FnOnce(Option<V>) -> (bool, IteratorResult<V>) + 'static,
) -> Started
where
    T: Class + AsyncGenerator,
    V: ToNapiValue + Send + 'static,
    F: Future<Output = Result<Option<V>>> + Send + 'static,
{
    let finished_state = state.clone();
    let finish = move |env: Env, outcome: Result<Result<Option<V>>>| {
        let outcome = outcome.and_then(|outcome| outcome).map(result);
        if outcome.as_ref().map_or(true, |(done, _)| *done) {
            finished_state.borrow_mut().done = true;
        }
        request.settle(env, outcome.map(|(_, result)| result));
        drive::<T>(env, finished_state);
    };
    spawn_then(env, future, finish).map(|_| true).map_err(|error| (error, None))
}

unsafe extern "C" fn next<T: Class + AsyncGenerator>(env: sys::napi_env, info: sys::napi_callback_info) -> sys::napi_value {
    request::<T>(env, info, Mode::Next)
}

unsafe extern "C" fn finish<T: Class + AsyncGenerator>(env: sys::napi_env, info: sys::napi_callback_info) -> sys::napi_value {
    request::<T>(env, info, Mode::Return)
}

unsafe extern "C" fn throw<T: Class + AsyncGenerator>(env: sys::napi_env, info: sys::napi_callback_info) -> sys::napi_value {
    request::<T>(env, info, Mode::Throw)
}

unsafe extern "C" fn iterator_self(env: sys::napi_env, info: sys::napi_callback_info) -> sys::napi_value {
    run(env, |env| Ok(CallInfo::<0>::read(env, info)?.this))
}

/// `instance[Symbol.asyncIterator]()`: a new iterator over the instance.
unsafe extern "C" fn async_iterator<T: Class + AsyncGenerator>(env: sys::napi_env, info: sys::napi_callback_info) -> sys::napi_value {
    run(env, |env| {
        let owner = CallInfo::<0>::read(env, info)?.this;
        unwrap::<T>(env, owner)?;
        let state = SharedState::default();
        let iterator = env.call(|result| sys::napi_create_object(env.raw(), result))?;
        let methods: [(&str, crate::class::Callback); 3] = [("next", next::<T>), ("return", finish::<T>), ("throw", throw::<T>)];
        for (name, callback) in methods {
            let owner_ref = env.call(|result| sys::napi_create_reference(env.raw(), owner, 0, result))?;
            let data = Box::into_raw(Box::new(MethodData { state: state.clone(), owner: owner_ref })).cast::<c_void>();
            let method = env.function(name, callback, data).and_then(|method| {
                env.check(sys::napi_add_finalizer(env.raw(), method, data, Some(drop_method_data), ptr::null_mut(), ptr::null_mut()))
                    .map(|_| method)
            });
            let method = match method {
                Ok(method) => method,
                Err(error) => {
                    drop_method_data(env.raw(), data, ptr::null_mut());
                    return Err(error);
                }
            };
            define_hidden(env, method, OWNER_KEY, owner)?;
            env.set_named(iterator, name, method)?;
        }
        let symbol = async_iterator_symbol(env)?;
        let identity = env.function("[Symbol.asyncIterator]", iterator_self, ptr::null_mut())?;
        env.check(sys::napi_set_property(env.raw(), iterator, symbol, identity))?;
        Ok(iterator)
    })
}

unsafe fn async_iterator_symbol(env: Env) -> Result<sys::napi_value> {
    let symbol = env.get_named(env.global()?, "Symbol")?;
    env.get_named(symbol, "asyncIterator")
}

/// Gives `class`'s instances `[Symbol.asyncIterator]()` (on its prototype).
pub unsafe fn define_async_generator<T: Class + AsyncGenerator>(env: Env, class: sys::napi_value) -> Result<()> {
    let prototype = env.get_named(class, "prototype")?;
    let descriptor = sys::napi_property_descriptor {
        utf8name: ptr::null(),
        name: async_iterator_symbol(env)?,
        method: Some(async_iterator::<T>),
        getter: None,
        setter: None,
        value: ptr::null_mut(),
        attributes: sys::napi_default_method,
        data: ptr::null_mut(),
    };
    env.check(sys::napi_define_properties(env.raw(), prototype, 1, &descriptor))
}
