//! An addon written as for napi-rs: it depends on anode-napi as `napi` and on its derive as
//! `napi-derive`, imports `napi::bindgen_prelude::*`, and uses napi-rs's names and options.

use napi::bindgen_prelude::*;
use napi::threadsafe_function::UnknownReturnValue;
use napi::{JsExternal, JsGlobal, JsNumber, JsString, JsStringLatin1, JsStringUtf16, JsStringUtf8, SymbolRef, UnknownRef};
use futures_core::Stream;
use napi_derive::napi;
use std::sync::atomic::{AtomicU32, Ordering};

static INIT_RUNS: AtomicU32 = AtomicU32::new(0);

/// Runs once when the library is first loaded.
#[napi_derive::module_init]
fn init() {
    INIT_RUNS.fetch_add(1, Ordering::SeqCst);
    let runtime = napi::tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("napi-rs-style-runtime")
        .enable_time()
        .build()
        .unwrap();
    create_custom_tokio_runtime(runtime);
}

/// How many times `init` ran.
#[napi]
pub fn init_runs() -> u32 {
    INIT_RUNS.load(Ordering::SeqCst)
}

/// A constant export.
#[napi]
pub const DEFAULT_COST: u32 = 12;

/// A constant left out of index.d.ts.
#[napi(skip_typescript)]
pub const TYPE_SKIPPED_CONST: u32 = 7;

/// Fails with a status as its code.
#[napi]
pub fn reject_negative(value: i32) -> Result<i32> {
    if value < 0 {
        return Err(Error::new(Status::InvalidArg, format!("{value} is negative")));
    }
    Ok(value)
}

/// Whether an error code names a status (`Status` values work in patterns).
#[napi]
pub fn is_generic_failure(code: u32) -> bool {
    matches!(Status(code as _), Status::GenericFailure)
}

/// Panics; `catch_unwind` is what anode-napi does for every export.
#[napi(catch_unwind)]
pub fn panic_caught() {
    panic!("caught at the boundary");
}

/// Declared with its own TypeScript signature.
#[napi(strict, ts_args_type = "a: number, b: number", ts_return_type = "number")]
pub fn add_declared(a: f64, b: f64) -> f64 {
    a + b
}

/// A parameter with its own TypeScript type.
#[napi]
pub fn describe(#[napi(ts_arg_type = "'on' | 'off'")] switch_state: String) -> String {
    format!("switch is {switch_state}")
}

/// Field names and types as JS sees them.
#[napi(object)]
pub struct Labelled {
    #[napi(js_name = "xml:lang")]
    pub lang: String,
    #[napi(ts_type = "'small' | 'large'")]
    pub size: String,
    pub word_count: u32,
}

/// A `Labelled` with its size doubled in words.
#[napi]
pub fn relabel(labelled: Labelled) -> Labelled {
    Labelled { word_count: labelled.word_count * 2, ..labelled }
}

/// An account, passed to functions as a `ClassInstance`.
#[napi]
pub struct Account {
    balance: i64,
}

#[napi]
impl Account {
    /// A getter without a receiver: the instances' (on the prototype), as in napi-rs.
    #[napi(getter)]
    pub fn currency() -> String {
        String::from("EUR")
    }

    #[napi(constructor)]
    pub fn new(balance: i64) -> Self {
        Account { balance }
    }

    #[napi(getter)]
    pub fn balance(&self) -> i64 {
        self.balance
    }

    /// Marks the JS object (`this`) as tagged and returns it.
    #[napi]
    pub fn tag<'scope>(&self, mut this: This<'scope>) -> Result<This<'scope>> {
        this.set("tagged", self.balance)?;
        Ok(this)
    }

    /// Moves everything from `other` here, with the sum declared by a TypeScript override.
    #[napi(ts_return_type = "number /* the new balance */")]
    pub fn absorb(&mut self, mut other: ClassInstance<Account>) -> i64 {
        self.balance += std::mem::take(&mut other.balance);
        self.balance
    }
}

/// A class made from its fields: `new Size(width, height)`, each a read-write property.
#[napi(constructor)]
pub struct Size {
    #[napi(readonly)]
    pub width: u32,
    #[napi(js_name = "tall")]
    pub height: u32,
}

#[napi]
impl Size {
    #[napi]
    pub fn area(&self) -> u32 {
        self.width * self.height
    }

    /// A method that cannot be assigned over.
    #[napi(writable = false)]
    pub fn perimeter(&self) -> u32 {
        2 * (self.width + self.height)
    }
}

/// Options read from JS only (`object_to_js = false`).
#[napi(object, object_to_js = false)]
pub struct ReadOnlyOptions {
    pub verbose: bool,
}

/// Whether the options ask for verbosity; takes the Env by reference, with a named lifetime.
#[napi]
pub fn is_verbose<'env>(_env: &'env Env, options: ReadOnlyOptions) -> bool {
    options.verbose
}

/// What kind of value arrived, of three.
#[napi]
pub fn kind_of(value: Either3<u32, String, Null>) -> Either3<String, u32, Null> {
    match value {
        Either3::A(number) => Either3::A(format!("number {number}")),
        Either3::B(text) => Either3::B(text.len() as u32),
        Either3::C(null) => Either3::C(null),
    }
}

/// A type alias, declared in index.d.ts too.
#[napi]
pub type Maybe<T> = Option<T>;

/// Calls `callback(value)` with the value as it came, returning what the callback gives
/// (a `Function` with napi-rs's lifetime parameter; `Unknown` for any value).
#[napi]
pub fn pass_through<'env>(value: Unknown<'env>, callback: Function<'env, Unknown<'env>, Maybe<String>>) -> Result<Maybe<String>> {
    callback.call(value)
}

/// Adds to `exports` after the #[napi] items are on it.
#[napi(module_exports)]
pub fn exports(mut exports: Object) -> Result<()> {
    let count = Object::keys(&exports)?.len() as u32;
    exports.set_named_property("EXPORTS_BEFORE", count)?;
    exports.set("ADDED_BY_SET", "yes")
}

/// Reads, writes and deletes properties of an object (`Object` and `JsObjectValue`).
#[napi]
pub fn edit_object(env: Env, mut object: Object) -> Result<Object> {
    let name: String = object.get_named_property("name")?;
    let count = object.get::<u32>("count")?.unwrap_or(0);
    object.set("count", count + 1)?;
    object.set_named_property("greeting", format!("hello {name}"))?;
    let removed = object.delete_named_property("secret")?;
    let mut summary = Object::new(&env)?;
    summary.set("removed", removed)?;
    summary.set("hasName", object.has_named_property("name")?)?;
    summary.set("ownToString", object.has_own_property("toString")?)?;
    summary.set("keys", Object::keys(&object)?)?;
    Ok(summary)
}

/// `callback(arg1, arg2)`: two arguments from a tuple, as `FnArgs`.
#[napi]
pub fn call2(callback: Function<FnArgs<(u32, u32)>, u32>, arg1: u32, arg2: u32) -> Result<u32> {
    callback.call((arg1, arg2).into())
}

/// `callback([arg1, arg2])`: a bare tuple is one array argument.
#[napi]
pub fn call_with_tuple_arg(callback: Function<(u32, u32), u32>, arg1: u32, arg2: u32) -> Result<u32> {
    callback.call((arg1, arg2))
}

/// A `[string, number]` pair swapped: tuples to and from JS arrays.
#[napi]
pub fn swap_pair(pair: (String, u32)) -> (u32, String) {
    (pair.1, pair.0)
}

/// `this.name` of the call, for a function installed as a method in JS.
#[napi]
pub fn name_of_this(this: This, suffix: String) -> Result<String> {
    Ok(format!("{}{suffix}", this.get::<String>("name")?.unwrap_or_default()))
}

/// A Date's time in milliseconds.
#[napi]
pub fn date_to_number(input: Date) -> Result<f64> {
    input.value_of()
}

/// A Date a day after `time`.
#[napi]
pub fn day_after<'env>(env: &Env, time: JsDate<'env>) -> Result<JsDate<'env>> {
    env.create_date(time.value_of()? + 86_400_000.0)
}

/// Optional fields: left out when `None` by default.
#[napi(object)]
pub struct Sparse {
    #[napi(readonly)]
    pub name: String,
    pub nickname: Option<String>,
}

/// Optional fields always present, `null` when `None` (`use_nullable`).
#[napi(object, use_nullable = true)]
pub struct Dense {
    pub name: String,
    pub nickname: Option<String>,
}

/// A `Sparse` (or with `nullable`, a `Dense`) without a nickname.
#[napi]
pub fn without_nickname(name: String, nullable: bool) -> Either<Sparse, Dense> {
    match nullable {
        false => Either::A(Sparse { name, nickname: None }),
        true => Either::B(Dense { name, nickname: None }),
    }
}

/// The first element of an array, declared generic in TypeScript.
#[napi(ts_generic_types = "T", ts_args_type = "values: T[]", ts_return_type = "T | undefined")]
pub fn first_of(values: Vec<JsValue>) -> Option<JsValue> {
    values.into_iter().next()
}

/// A style sheet holding a strong reference to its rule list, made on first use.
#[napi]
pub struct StyleSheet {
    title: String,
    rules: Option<Reference<RuleList>>,
}

#[napi]
impl StyleSheet {
    #[napi(constructor)]
    pub fn new(title: String) -> Self {
        StyleSheet { title, rules: None }
    }

    /// The sheet's rule list (the same object every time); `this` comes in as a reference.
    #[napi]
    pub fn rules(&mut self, env: Env, this: Reference<StyleSheet>) -> Result<Reference<RuleList>> {
        if let Some(rules) = &self.rules {
            return rules.clone(env);
        }
        let rules = RuleList { count: 0, parent: this.downgrade() }.into_reference(env)?;
        self.rules = Some(rules.clone(env)?);
        Ok(rules)
    }

    /// The number of rules, read through the stored reference.
    #[napi(getter)]
    pub fn rule_count(&self) -> u32 {
        self.rules.as_ref().map_or(0, |rules| rules.count)
    }
}

/// A rule list with a weak reference back to its sheet.
#[napi]
pub struct RuleList {
    count: u32,
    parent: WeakReference<StyleSheet>,
}

#[napi]
impl RuleList {
    #[napi]
    pub fn add(&mut self) -> u32 {
        self.count += 1;
        self.count
    }

    /// The sheet's title, while the sheet is alive.
    #[napi]
    pub fn parent_title(&self) -> Option<String> {
        self.parent.get().map(|sheet| sheet.title.clone())
    }

    /// The sheet itself, while it is alive.
    #[napi]
    pub fn parent(&self) -> WeakReference<StyleSheet> {
        self.parent.clone()
    }
}

/// `input.then(value => String(value))`, from Rust.
#[napi]
pub fn call_then_on_promise(input: PromiseRaw<u32>, tag: String) -> Result<PromiseRaw<String>> {
  input.then(move |context| Ok(format!("{tag}:{}", context.value)))
}

/// `input.catch(reason => reason)`, the reason read as a string.
#[napi]
pub fn call_catch_on_promise(input: PromiseRaw<'_, u32>) -> Result<PromiseRaw<'_, String>> {
  input.catch(|context: CallbackContext<String>| Ok(format!("caught {}", context.value)))
}

/// `input.finally(onFinally)`: `onFinally` kept in a reference until the promise settles.
#[napi]
pub fn call_finally_on_promise(mut input: PromiseRaw<u32>, on_finally: FunctionRef<(), ()>) -> Result<PromiseRaw<u32>> {
  input.finally(move |env| on_finally.borrow_back(&env)?.call(()))
}

/// Calls `callback(label)` after a future finishes: a `Function` kept as a `FunctionRef`.
#[napi]
pub fn call_later<'env>(env: &'env Env, callback: Function<'env, String, ()>, label: String) -> Result<PromiseRaw<'env, ()>> {
  let callback = callback.create_ref()?;
  env.spawn_future_with_callback(async { Ok(()) }, move |env, ()| callback.borrow_back(env)?.call(label))
}

#[napi]
pub fn create_resolved_promise(env: &Env, value: u32) -> Result<PromiseRaw<'_, u32>> {
  PromiseRaw::resolve(env, value)
}

#[napi]
pub fn create_rejected_promise(env: &Env, message: String) -> Result<PromiseRaw<'_, u32>> {
  PromiseRaw::reject(env, Error::from_reason(message))
}

/// A future's output as a promise.
#[napi]
pub fn spawn_doubled(env: &Env, value: u32) -> Result<PromiseRaw<'_, u32>> {
  env.spawn_future(async move { Ok(value * 2) })
}

/// A future's output turned into a JS value on the JS thread by a callback that is not `Send`.
#[napi]
pub fn spawn_with_callback(env: &Env, value: u32) -> Result<PromiseRaw<'_, Vec<String>>> {
  let label = std::rc::Rc::new(String::from("value"));
  env.spawn_future_with_callback(async move { Ok(value + 1) }, move |_env, output| {
    if output > 100 {
      return Err(Error::from_reason(format!("{label} {output} is too large")));
    }
    Ok(vec![label.to_string(), output.to_string()])
  })
}

/// A Buffer made from bytes moved into JS.
#[napi]
pub fn buffer_slice_from_data(env: &Env, text: String) -> Result<BufferSlice<'_>> {
  BufferSlice::from_data(env, text)
}

/// A Buffer holding a copy.
#[napi]
pub fn buffer_slice_copied(env: &Env) -> Result<BufferSlice<'_>> {
  BufferSlice::copy_from(env, b"copied")
}

/// A Buffer over memory Rust does not manage (released by the finalizer).
#[napi]
pub fn buffer_slice_external(env: &Env) -> Result<BufferSlice<'_>> {
  let mut data = b"external".to_vec();
  let (pointer, length) = (data.as_mut_ptr(), data.len());
  unsafe {
    BufferSlice::from_external(env, pointer, length, data, |_env, data| drop(data))
  }
}

/// Doubles a Buffer's bytes and a Uint8ClampedArray's elements in place; their total length.
#[napi]
pub fn double_in_place(mut bytes: BufferSlice, mut clamped: Uint8ClampedSlice) -> u32 {
  for byte in bytes.iter_mut().chain(clamped.iter_mut()) {
    *byte = byte.wrapping_mul(2);
  }
  (bytes.len() + clamped.len()) as u32
}

/// A Uint8ClampedArray and an Int32Array made from Rust data; an owned Uint8ClampedArray.
#[napi]
pub fn typed_slices<'env>(env: &'env Env) -> Result<(Uint8ClampedSlice<'env>, Int32ArraySlice<'env>, Uint8ClampedArray)> {
  let mut data = vec![-1, -2, 30000];
  let (pointer, length) = (data.as_mut_ptr(), data.len());
  let int32 = unsafe { Int32ArraySlice::from_external(env, pointer, length, data, |_env, data| drop(data))? };
  Ok((Uint8ClampedSlice::from_data(env, b"hi")?, int32, Uint8ClampedArray::from(vec![255, 0])))
}

/// The sum of a Float64Array's elements.
#[napi]
pub fn sum_float64(values: Float64ArraySlice) -> f64 {
  values.iter().sum()
}

/// Not exported: made into a JS function by `make_adder` through its `_c_callback`.
#[napi(no_export)]
fn add_two_hundred(input: u32) -> u32 {
  input + 200
}

/// A JS function made from a `no_export` function's callback.
#[napi]
pub fn make_adder(env: &Env) -> Result<Function<'_, u32, u32>> {
  env.create_function("addTwoHundred", add_two_hundred_c_callback)
}

/// The sum, or `undefined` when `values` is not an array of numbers.
#[napi(return_if_invalid)]
pub fn sum_if_valid(values: Vec<f64>, scale: f64) -> f64 {
  values.iter().sum::<f64>() * scale
}

/// Negated after awaiting; a rejected promise when `input` is not a promise.
#[napi(return_if_invalid)]
pub async fn negate_if_valid(input: Promise<bool>) -> Result<bool> {
  Ok(!input.await?)
}

/// `callback(label, count)` for a callback taken as an `Fn` type parameter.
#[napi]
pub fn call_fn_parameter<T: Fn(String, Option<u32>) -> Result<u32>>(label: String, callback: T) -> Result<u32> {
  Ok(callback(label, Some(1))? + callback(String::from("none"), None)?)
}

/// Node-style `callback(error, content)`: an `Err` is passed as the error, `Ok(())` as undefined.
#[napi]
pub fn read_content<T>(fail: bool, callback: T) -> Result<()>
where
  T: Fn(Result<()>, Option<String>) -> Result<()>,
{
  if fail {
    callback(Err(Error::new(Status::InvalidArg, "cannot read")), None)
  } else {
    callback(Ok(()), Some(String::from("hello world")))
  }
}

/// What `throwing()` threw, handed to `report(error)`.
#[napi]
pub fn capture_error_in_callback<C: Fn() -> Result<()>, E: Fn(Error) -> Result<()>>(throwing: C, report: E) -> Result<()> {
  match throwing() {
    Err(error) => report(error),
    Ok(()) => Ok(()),
  }
}

/// The name of the thread an async fn runs on: the runtime `init` made.
#[napi]
pub async fn runtime_thread_name() -> String {
  std::thread::current().name().unwrap_or_default().to_string()
}

/// `check_status!` on a status: `Ok` for napi_ok, else an error with the status's code.
#[napi]
pub fn check_status_of(status: u32) -> Result<String> {
  napi::check_status!(status as napi::sys::napi_status, "status {} from {}", status, "a test")?;
  Ok(String::from("ok"))
}

/// An error returned as a value, as an Error, a TypeError and a RangeError object.
#[napi]
pub fn error_objects(message: String) -> (JsError, JsTypeError, JsRangeError) {
  let error = Error::new(Status::InvalidArg, message);
  (error.clone().into(), error.clone().into(), error.into())
}

/// Fibonacci numbers as a JS iterator; `next(n)` restarts at `n`, `throw(n)` with a number
/// restarts there too (anything else is rethrown).
#[napi(iterator, constructor)]
pub struct Fib {
  pub current: u32,
  pub next_number: u32,
}

#[napi]
impl Generator for Fib {
  type Yield = u32;
  type Next = u32;
  type Return = u32;

  fn next(&mut self, value: Option<Self::Next>) -> Option<Self::Yield> {
    if let Some(start) = value {
      (self.current, self.next_number) = (start, start + 1);
    } else {
      (self.current, self.next_number) = (self.next_number, self.current + self.next_number);
    }
    (self.current < 1000).then_some(self.current)
  }

  fn complete(&mut self, value: Option<Self::Return>) -> Option<Self::Yield> {
    value.map(|last| last * 2)
  }

  fn catch<'env>(&'env mut self, env: Env, value: Unknown<'env>) -> std::result::Result<Option<Self::Yield>, Unknown<'env>> {
    match unsafe { u32::from_napi_value(env.raw(), value.0) } {
      Ok(start) => Ok(self.next(Some(start))),
      Err(_) => Err(value),
    }
  }
}

/// Counts from 0 to `max - 1` as an async iterator, each value after `delay_ms` on the tokio
/// runtime; `next(n)` jumps to `n`, `return(label)` resolves to the label repeated, `throw(n)`
/// with a number jumps there (with anything else the promise rejects with it); a `next` at 13
/// fails.
#[napi(async_iterator)]
pub struct Countdown {
  current: u32,
  max: u32,
  delay_ms: u64,
}

#[napi]
impl Countdown {
  #[napi(constructor)]
  pub fn new(max: u32, delay_ms: u32) -> Self {
    Countdown { current: 0, max, delay_ms: delay_ms.into() }
  }
}

#[napi]
impl AsyncGenerator for Countdown {
  type Yield = u32;
  type Next = u32;
  type Return = String;

  fn next(&mut self, value: Option<Self::Next>) -> impl std::future::Future<Output = Result<Option<Self::Yield>>> + Send + 'static {
    if let Some(start) = value {
      self.current = start;
    }
    let (current, max, delay) = (self.current, self.max, self.delay_ms);
    self.current += 1;
    async move {
      napi::tokio::time::sleep(std::time::Duration::from_millis(delay)).await;
      if current == 13 {
        return Err(Error::new(Status::GenericFailure, "unlucky 13"));
      }
      Ok((current < max).then_some(current))
    }
  }

  fn complete(&mut self, value: Option<Self::Return>) -> impl std::future::Future<Output = Result<Option<Self::Return>>> + Send + 'static {
    async move { Ok(value.map(|label| label.repeat(2))) }
  }

  fn catch(&mut self, env: Env, value: Unknown) -> impl std::future::Future<Output = Result<Option<Self::Yield>>> + Send + 'static {
    let restart = unsafe { u32::from_napi_value(env.raw(), value.0) }.ok();
    if let Some(start) = restart {
      self.current = start + 1;
    }
    async move {
      match restart {
        Some(start) => Ok(Some(start)),
        None => Err(Error::new(Status::InvalidArg, "not a number")),
      }
    }
  }
}

/// An async iterator with the default `return` and `throw`: yields the letters of `text`.
#[napi(async_iterator)]
pub struct Letters {
  letters: Vec<char>,
}

#[napi]
impl Letters {
  #[napi(constructor)]
  pub fn new(text: String) -> Self {
    Letters { letters: text.chars().rev().collect() }
  }
}

#[napi]
impl AsyncGenerator for Letters {
  type Yield = String;
  type Next = ();
  type Return = ();

  fn next(&mut self, _value: Option<Self::Next>) -> impl std::future::Future<Output = Result<Option<Self::Yield>>> + Send + 'static {
    let letter = self.letters.pop().map(String::from);
    async move { Ok(letter) }
  }
}

/// `a + b` computed on the tokio runtime (an AsyncBlock); over `u32::MAX` rejects.
#[napi]
pub fn add_in_async_block(env: &Env, a: u32, b: u32) -> Result<AsyncBlock<u32>> {
  AsyncBlockBuilder::new(async move {
    a.checked_add(b).ok_or_else(|| Error::new(Status::InvalidArg, "the sum overflows"))
  })
  .build(env)
}

/// An AsyncBlock whose dispose runs on the JS thread (calling `on_dispose`) before it resolves.
#[napi]
pub fn async_block_with_dispose(env: &Env, text: String, on_dispose: FunctionRef<String, ()>) -> Result<AsyncBlock<u32>> {
  AsyncBlockBuilder::with(async move { Ok(text.len() as u32) })
    .with_dispose(move |env| on_dispose.borrow_back(&env)?.call("disposed".to_string()))
    .build(env)
}

/// An AsyncBlock whose output is mapped on the JS thread: `[text, text.toUpperCase()]` as an
/// object `{ lower, upper }`; an empty `text` fails in the map.
#[napi]
pub fn async_block_with_map<'env>(env: &'env Env, text: String) -> Result<AsyncBlock<Object<'env>>> {
  AsyncBlockBuilder::build_with_map(env, async move { Ok(text.to_uppercase()) }, |env, upper: String| {
    if upper.is_empty() {
      return Err(Error::new(Status::InvalidArg, "nothing to map"));
    }
    let mut object = Object::new(&env)?;
    object.set("upper", upper.clone())?;
    object.set("lower", upper.to_lowercase())?;
    Ok(object)
  })
}

/// The items sent by a thread, as a `Stream`.
struct Channel<T>(napi::tokio::sync::mpsc::Receiver<Result<T>>);

impl<T> futures_core::Stream for Channel<T> {
  type Item = Result<T>;

  fn poll_next(mut self: std::pin::Pin<&mut Self>, context: &mut std::task::Context<'_>) -> std::task::Poll<Option<Result<T>>> {
    self.0.poll_recv(context)
  }
}

/// `count` items made by `item` on another thread, then an error if `fail` is set.
fn channel<T: Send + 'static>(count: u32, fail: bool, item: impl Fn(u32) -> T + Send + 'static) -> Channel<T> {
  let (sender, receiver) = napi::tokio::sync::mpsc::channel(4);
  std::thread::spawn(move || {
    for index in 0..count {
      if sender.blocking_send(Ok(item(index))).is_err() {
        return;
      }
    }
    if fail {
      let _ = sender.blocking_send(Err(Error::new(Status::GenericFailure, "the source failed")));
    }
  });
  Channel(receiver)
}

/// A byte stream of `count` chunks `chunk<i>;` (then an error, with `fail`).
#[napi]
pub fn byte_stream(env: &Env, count: u32, fail: Option<bool>) -> Result<ReadableStream<'_, BufferSlice<'_>>> {
  ReadableStream::create_with_stream_bytes(env, channel(count, fail.unwrap_or(false), |index| format!("chunk{index};").into_bytes()))
}

/// A byte stream made with the given ReadableStream class.
#[napi]
pub fn byte_stream_of_class<'env>(env: &'env Env, class: Unknown<'env>, count: u32) -> Result<ReadableStream<'env, BufferSlice<'env>>> {
  ReadableStream::with_stream_bytes_and_readable_stream_class(env, &class, channel(count, false, |index| vec![index as u8; 2]))
}

#[napi(object)]
pub struct StreamedItem {
  pub index: u32,
  pub label: String,
}

/// A stream of `count` objects.
#[napi]
pub fn object_stream(env: &Env, count: u32) -> Result<ReadableStream<'_, StreamedItem>> {
  ReadableStream::new(env, channel(count, false, |index| StreamedItem { index, label: format!("#{index}") }))
}

/// The sum of a JS stream's numbers, read on the tokio runtime; a chunk that is not a number, or
/// the stream's error, rejects.
#[napi]
pub fn sum_stream(env: &Env, stream: ReadableStream<u32>) -> Result<AsyncBlock<u32>> {
  let mut reader = stream.read()?;
  AsyncBlockBuilder::new(async move {
    let mut sum = 0;
    while let Some(number) = std::future::poll_fn(|context| std::pin::Pin::new(&mut reader).poll_next(context)).await {
      sum += number?;
    }
    Ok(sum)
  })
  .build(env)
}

/// How many string chunks a JS stream gives before it ends or fails (the error dropped on the
/// tokio runtime).
#[napi]
pub fn count_stream_chunks(env: &Env, stream: ReadableStream<String>) -> Result<AsyncBlock<u32>> {
  let mut reader = stream.read()?;
  AsyncBlockBuilder::new(async move {
    let mut count = 0;
    while let Some(Ok(_)) = std::future::poll_fn(|context| std::pin::Pin::new(&mut reader).poll_next(context)).await {
      count += 1;
    }
    Ok(count)
  })
  .build(env)
}

/// Whether a stream is locked, before and after `read()`.
#[napi]
pub fn locked_by_read(stream: ReadableStream<String>) -> Result<Vec<bool>> {
  let before = stream.locked()?;
  let _reader = stream.read()?;
  Ok(vec![before, stream.locked()?])
}

/// Sleeps `ms` on the thread pool, then resolves with `ms`.
pub struct Sleep(u32);

#[napi]
impl Task for Sleep {
  type Output = u32;
  type JsValue = u32;

  fn compute(&mut self) -> Result<u32> {
    std::thread::sleep(std::time::Duration::from_millis(self.0.into()));
    Ok(self.0)
  }

  fn resolve(&mut self, _env: Env, output: u32) -> Result<u32> {
    Ok(output)
  }
}

static ABORTS_SEEN: AtomicU32 = AtomicU32::new(0);

/// A `Sleep` task, cancelled if `signal` aborts before it starts; the signal's aborts are
/// counted (see `aborts_seen`).
#[napi]
pub fn sleep_task(ms: u32, signal: Option<AbortSignal>) -> AsyncTask<Sleep> {
  if let Some(signal) = &signal {
    signal.on_abort(|| {
      ABORTS_SEEN.fetch_add(1, Ordering::SeqCst);
    });
  }
  AsyncTask::with_optional_signal(Sleep(ms), signal)
}

#[napi]
pub fn aborts_seen() -> u32 {
  ABORTS_SEEN.load(Ordering::SeqCst)
}

/// An object made with `define_properties`: a read-only `value` (an ArrayBuffer), a `getter`
/// calling an exported function's `_c_callback`, a hidden `hidden`, and a `double` method.
#[napi]
pub fn object_with_properties(env: &Env) -> Result<Object<'_>> {
  let mut object = Object::new(env)?;
  let arraybuffer = ArrayBuffer::from_data(env, vec![0u8; 4])?;
  let hidden = env.create_string("secret")?;
  object.define_properties(&[
    Property::new().with_utf8_name("value")?.with_value(&arraybuffer).with_property_attributes(PropertyAttributes::Enumerable),
    Property::new().with_utf8_name("getter")?.with_getter(answer_c_callback),
    Property::new().with_utf8_name("hidden")?.with_value(&hidden).with_property_attributes(PropertyAttributes::Default),
    Property::new().with_utf8_name("double")?.with_method(double_c_callback),
  ])?;
  Ok(object)
}

/// An object whose accessors are closures: `name` (its setter stores `prefix + value` in
/// `_name`, its getter reads `_name` back) and a symbol-named `age`; the symbol is `ageSymbol`.
#[napi]
pub fn object_with_closure_accessors(env: &Env, prefix: String) -> Result<Object<'_>> {
  let mut object = Object::new(env)?;
  let age = env.create_symbol(Some("age"))?;
  object.define_properties(&[
    Property::new()
      .with_utf8_name("name")?
      .with_setter_closure(move |_env, mut this, value: String| this.set_named_property("_name", format!("{prefix}{value}")))
      .with_getter_closure(|_env, this| this.get_named_property::<Unknown>("_name")),
    Property::new().with_name(env, age)?.with_getter_closure(|_env, _this| Ok(0.5)),
  ])?;
  object.set_named_property("ageSymbol", age)?;
  Ok(object)
}

/// Throws an `Error` made from `value` (`Error::from(Unknown)`): JS sees `value` itself.
#[napi]
pub fn rethrow_as_error(value: Unknown) -> Result<()> {
  Err(value.into())
}

/// What an `Error` made from `value` reads in Rust: `status|reason|cause reason`, for
/// `From<Unknown>` (coerced) or `from_unknown_without_coercion`.
#[napi]
pub fn describe_error_from(value: Unknown, coerced: bool) -> String {
  let error = if coerced { Error::from(value) } else { Error::from_unknown_without_coercion(value) };
  let cause = error.cause.as_ref().map_or("-".to_string(), |cause| cause.reason.clone());
  format!("{}|{}|{}", error.status.as_ref(), error.reason, cause)
}

#[napi]
pub fn answer() -> u32 {
  42
}

#[napi(no_export)]
fn double(value: u32) -> u32 {
  value * 2
}

/// A class defined with `Env::define_class`: its constructor stores `value`, `get()` reads it
/// back, and the static `kind` is "dynamic".
#[napi]
pub fn dynamic_class(env: &Env) -> Result<Function<'_>> {
  let kind = env.create_string("dynamic")?;
  env.define_class(
    "Dynamic",
    dynamic_constructor_c_callback,
    &[
      Property::new().with_utf8_name("get")?.with_method(dynamic_get_c_callback),
      Property::new()
        .with_utf8_name("kind")?
        .with_value(&kind)
        .with_property_attributes(PropertyAttributes::Static | PropertyAttributes::Enumerable),
    ],
  )
}

#[napi(no_export)]
fn dynamic_constructor(value: u32, mut this: This) -> Result<()> {
  this.set_named_property("stored", value)
}

#[napi(no_export)]
fn dynamic_get(this: This) -> Result<u32> {
  this.get_named_property("stored")
}

/// How many times the addon asked for its image to stay loaded.
#[napi(js_name = "moduleRetentionRequests")]
pub fn retention_requests() -> u32 {
  napi::bindgen_prelude::module_retention_requests() as u32
}

/// Keeps `callback` on a thread for `millis`, then calls it and drops it
/// there: addon code running after the env may be gone.
#[napi]
pub fn hold_threadsafe_function(callback: ThreadsafeFunction<u32, (), u32, Status, false>, millis: u32) {
  std::thread::spawn(move || {
    std::thread::sleep(std::time::Duration::from_millis(millis.into()));
    let _ = callback.call(1, ThreadsafeFunctionCallMode::NonBlocking);
    drop(callback);
  });
}

/// Squares as a JS iterator of `{ n, square }` objects made with the call's env (a
/// ScopedGenerator); `return(n)` ends with `{ n, square }` of `n`; `throw` of a number skips to it.
#[napi(iterator, constructor)]
pub struct Squares {
  pub n: u32,
}

fn square<'env>(env: &'env Env, n: u32) -> Option<Object<'env>> {
  let mut object = Object::new(env).ok()?;
  object.set("n", n).ok()?;
  object.set("square", n * n).ok()?;
  Some(object)
}

#[napi]
impl<'env> napi::iterator::ScopedGenerator<'env> for Squares {
  type Yield = Object<'env>;
  type Next = u32;
  type Return = u32;

  fn next(&mut self, env: &'env Env, value: Option<Self::Next>) -> Option<Self::Yield> {
    self.n = value.unwrap_or(self.n + 1);
    if self.n > 5 {
      return None;
    }
    square(env, self.n)
  }

  fn complete(&mut self, env: &'env Env, value: Option<Self::Return>) -> Option<Self::Yield> {
    value.and_then(|n| square(env, n))
  }

  fn catch(&mut self, env: &'env Env, value: Unknown<'env>) -> std::result::Result<Option<Self::Yield>, Unknown<'env>> {
    match unsafe { u32::from_napi_value(env.raw(), value.0) } {
      Ok(n) => Ok(self.next(env, Some(n))),
      Err(_) => Err(value),
    }
  }
}

/// Sums a Buffer's bytes on the thread pool (the Buffer moved into the task).
pub struct SumBytes {
  bytes: Buffer,
}

#[napi]
impl Task for SumBytes {
  type Output = u32;
  type JsValue = u32;

  fn compute(&mut self) -> Result<u32> {
    Ok(self.bytes.iter().map(|&byte| u32::from(byte)).sum())
  }

  fn resolve(&mut self, _env: Env, output: u32) -> Result<u32> {
    Ok(output)
  }
}

#[napi]
pub fn sum_bytes_in_task(bytes: Buffer) -> AsyncTask<SumBytes> {
  AsyncTask::new(SumBytes { bytes })
}

/// The Buffer itself back, after a trip through the tokio runtime (uppercased in place there).
#[napi]
pub async fn shout_buffer(mut bytes: Buffer) -> Result<Buffer> {
  napi::tokio::task::yield_now().await;
  bytes.make_ascii_uppercase();
  Ok(bytes)
}

/// The sum of a typed array's elements, computed on the tokio runtime.
#[napi]
pub async fn sum_floats(values: Float64Array) -> f64 {
  values.iter().sum()
}

/// The Buffer's length from an AsyncBlock holding an `Arc` of it (dropped on a tokio thread,
/// its JS value released at the addon's next call).
#[napi]
pub fn buffer_length_in_async_block(env: &Env, bytes: std::sync::Arc<Buffer>) -> Result<AsyncBlock<u32>> {
  AsyncBlockBuilder::new(async move { Ok(bytes.len() as u32) }).build(env)
}

thread_local! {
  /// Buffers, typed arrays and JS errors kept until the thread exits: a worker's, after its
  /// env was torn down.
  static STASHED: std::cell::RefCell<(Vec<Buffer>, Vec<Uint8Array>, Vec<Error>)> = const { std::cell::RefCell::new((Vec::new(), Vec::new(), Vec::new())) };
}

/// Keeps a Buffer, a Uint8Array and an Error made from `error` in a thread-local (their JS
/// values referenced) until the thread exits; returns how many Buffers the thread holds.
#[napi]
pub fn stash_until_thread_exit(bytes: Buffer, array: Uint8Array, error: Unknown) -> u32 {
  STASHED.with(|stashed| {
    let mut stashed = stashed.borrow_mut();
    stashed.0.push(bytes);
    stashed.1.push(array);
    stashed.2.push(error.into());
    stashed.0.len() as u32
  })
}

/// A typed array of any kind: `[kind, byteOffset, length, arraybuffer bytes]`.
#[napi]
pub fn describe_typed_array(input: TypedArray) -> (String, u32, u32, u32) {
  (format!("{:?}", input.typed_array_type), input.byte_offset as u32, input.length as u32, input.arraybuffer.len() as u32)
}

/// Narrow integers and f32 back (each incremented, wrapping).
#[napi]
pub fn narrow_numbers(a: u8, b: i8, c: u16, d: i16) -> (u8, i8, u16, i16, f32) {
  (a.wrapping_add(1), b.wrapping_add(1), c.wrapping_add(1), d.wrapping_add(1), 0.5)
}

/// A usize, an isize and a u128 to JS (each a BigInt, as in napi-rs).
#[napi]
pub fn wide_integers() -> (usize, isize, u128) {
  (usize::MAX, isize::MIN, u128::MAX)
}

/// Calls `callback` with `this` set to `context` and `name`.
#[napi]
pub fn apply_with_this(context: Object, callback: Function<String, String>, name: String) -> Result<String> {
  callback.apply(context, name)
}

/// `new class(message)`, its `name` set to "RustError".
#[napi]
pub fn construct_error(class: Function<'_, String>, message: String) -> Result<Object<'_>> {
  let mut error = class.new_instance(message)?.coerce_to_object()?;
  error.set("name", "RustError")?;
  Ok(error)
}

/// Converted as its one field.
#[napi(transparent)]
pub struct Scores(Vec<Either<u32, String>>);

#[napi]
pub fn scores(count: u32) -> Scores {
  Scores((0..count).map(|index| if index % 2 == 0 { Either::A(index) } else { Either::B(format!("#{index}")) }).collect())
}

/// How many scores are numbers.
#[napi]
pub fn count_numbers(scores: Scores) -> u32 {
  scores.0.iter().filter(|score| matches!(score, Either::A(_))).count() as u32
}

#[napi(object)]
pub struct Merge {
  pub merge: bool,
}

/// Converted to and from `[label, count, merge?]`.
#[napi(array)]
pub struct Entry(pub String, pub u32, pub Option<Merge>);

#[napi]
pub fn merge_entries(first: Entry, second: Entry) -> Entry {
  if second.2.as_ref().is_some_and(|merge| merge.merge) {
    return Entry(first.0 + &second.0, first.1 + second.1, None);
  }
  first
}

/// An object holding a JS function (valid for the call: the struct has its lifetime).
#[napi(object)]
pub struct Handler<'a> {
  pub name: String,
  pub handle: Function<'a, u32, u32>,
}

/// `handler.name` and what `handler.handle(input)` returns.
#[napi]
pub fn run_handler(handler: Handler, input: u32) -> Result<String> {
  Ok(format!("{} -> {}", handler.name, handler.handle.call(input)?))
}

/// Read and made through the UTF-16 functions.
#[napi]
pub fn concat_utf16(text: Utf16String) -> Utf16String {
  Utf16String::from(format!("{text} + Rust 🦀 string!"))
}

/// Read and made through the Latin-1 functions.
#[napi]
pub fn concat_latin1(text: Latin1String, suffix: String) -> Latin1String {
  Latin1String::from(format!("{text}{suffix}"))
}

/// An error message read as UTF-16 (it may hold NUL characters).
#[napi]
pub fn error_with_message(message: Utf16String) -> Result<()> {
  Err(Error::new(Status::InvalidArg, message))
}

static TASKS_FINISHED: AtomicU32 = AtomicU32::new(0);

/// Halves an even number off the JS thread; an odd one fails, and `reject` turns that
/// failure into a message unless `strict`.
pub struct Halve {
  value: u32,
  strict: bool,
}

#[napi]
impl Task for Halve {
  type Output = u32;
  type JsValue = String;

  fn compute(&mut self) -> Result<u32> {
    if self.value % 2 == 1 {
      return Err(Error::new(Status::InvalidArg, format!("{} is odd", self.value)));
    }
    Ok(self.value / 2)
  }

  fn resolve(&mut self, _env: Env, output: u32) -> Result<String> {
    Ok(format!("half is {output}"))
  }

  fn reject(&mut self, _env: Env, error: Error) -> Result<String> {
    if self.strict {
      return Err(error);
    }
    Ok(format!("recovered: {}", error.message()))
  }

  fn finally(self, _env: Env) -> Result<()> {
    TASKS_FINISHED.fetch_add(1, Ordering::SeqCst);
    Ok(())
  }
}

#[napi]
pub fn halve(value: u32, strict: bool) -> AsyncTask<Halve> {
  AsyncTask::new(Halve { value, strict })
}

/// How many `Halve` tasks ran `finally`.
#[napi]
pub fn tasks_finished() -> u32 {
  TASKS_FINISHED.load(Ordering::SeqCst)
}

/// An i64 as a BigInt, negated.
#[napi]
pub fn negate_i64n(value: i64n) -> i64n {
  i64n(-value.0)
}

/// Exported as `exports.checksum`: a namespace with a const, a function and a class.
#[napi]
mod checksum {
  use napi::bindgen_prelude::*;
  use napi_derive::napi;

  #[napi]
  pub const MODULUS: u32 = 251;

  /// The bytes' sum modulo MODULUS.
  #[napi(js_name = "sum8")]
  pub fn sum(bytes: Buffer) -> u32 {
    bytes.iter().map(|&byte| u32::from(byte)).sum::<u32>() % MODULUS
  }

  #[napi(constructor)]
  pub struct Running {
    pub total: u32,
  }

  #[napi]
  impl Running {
    #[napi]
    pub fn update(&mut self, bytes: Buffer) -> u32 {
      self.total = (self.total + super::checksum::sum(bytes)) % MODULUS;
      self.total
    }
  }
}

/// A string enum whose values are its variants' names in kebab-case, one given explicitly.
#[napi(string_enum = "kebab-case")]
pub enum Transport {
  HttpServer,
  WebSocket2,
  #[napi(value = "unix:socket")]
  UnixSocket,
}

/// The transport after `transport`, wrapping around.
#[napi]
pub fn next_transport(transport: Transport) -> Transport {
  match transport {
    Transport::HttpServer => Transport::WebSocket2,
    Transport::WebSocket2 => Transport::UnixSocket,
    Transport::UnixSocket => Transport::HttpServer,
  }
}

static PIXELS_FINALIZED: AtomicU32 = AtomicU32::new(0);

/// Tells the engine about its buffer, and takes that back when collected (custom_finalize).
#[napi(custom_finalize)]
pub struct Pixels {
  inner: Vec<u8>,
}

#[napi]
impl Pixels {
  #[napi(constructor)]
  pub fn new(env: Env, size: u32) -> Result<Self> {
    env.adjust_external_memory(i64::from(size))?;
    Ok(Pixels { inner: vec![0; size as usize] })
  }
}

impl ObjectFinalize for Pixels {
  fn finalize(self, env: Env) -> Result<()> {
    env.adjust_external_memory(-(self.inner.len() as i64))?;
    PIXELS_FINALIZED.fetch_add(1, Ordering::SeqCst);
    Ok(())
  }
}

/// How many Pixels were finalized.
#[napi]
pub fn pixels_finalized() -> u32 {
  PIXELS_FINALIZED.load(Ordering::SeqCst)
}

/// The change in the reported external memory after adding `change` and taking it back.
#[napi]
pub fn external_memory_round_trip(env: Env, change: i64) -> Result<Vec<i64>> {
  let before = env.adjust_external_memory(0)?;
  let grown = env.adjust_external_memory(change)?;
  let back = env.adjust_external_memory(-change)?;
  Ok(vec![grown - before, back - before])
}

/// Spawns a task on the addon's runtime from a plain function (async_runtime); the task's
/// result comes back through `callback`.
#[napi(async_runtime)]
pub fn spawn_in_runtime(value: u32, callback: ThreadsafeFunction<u32, (), u32, Status, false>) {
  napi::tokio::spawn(async move {
    assert_eq!(callback.call(value * 3, ThreadsafeFunctionCallMode::NonBlocking), Status::Ok);
  });
}

/// Calls `callback(null, n)` from a Rust thread for n in 0..count, then `callback(error)`
/// with a custom error status (napi-rs 3's default: callee handled).
#[napi]
pub fn tsfn_count_then_fail(count: u32, callback: ThreadsafeFunction<u32, UnknownReturnValue, u32, CustomStatus>) {
  std::thread::spawn(move || {
    for n in 0..count {
      assert_eq!(callback.call(Ok(n), ThreadsafeFunctionCallMode::Blocking), Status::Ok);
    }
    let error = Error::new(CustomStatus("CustomErrorStatus".into()), "counted out");
    assert_eq!(callback.call(Err(error), ThreadsafeFunctionCallMode::Blocking), Status::Ok);
  });
}

/// An error status of the addon's own: its text becomes the error's `code`.
pub struct CustomStatus(String);

impl AsRef<str> for CustomStatus {
  fn as_ref(&self) -> &str {
    &self.0
  }
}

impl From<Status> for CustomStatus {
  fn from(status: Status) -> Self {
    CustomStatus(status.to_string())
  }
}

/// Spreads a tuple into separate arguments (FnArgs), without an error argument; a bare tuple
/// is one array argument.
#[napi]
pub fn tsfn_spread(spread: ThreadsafeFunction<FnArgs<(u32, bool, String)>, (), FnArgs<(u32, bool, String)>, Status, false>, whole: ThreadsafeFunction<(u32, bool, String)>) {
  std::thread::spawn(move || {
    assert_eq!(spread.call((1, false, "spread".to_string()).into(), ThreadsafeFunctionCallMode::Blocking), Status::Ok);
    assert_eq!(whole.call(Ok((2, true, "whole".to_string())), ThreadsafeFunctionCallMode::Blocking), Status::Ok);
  });
}

/// Built from a Function: callee handled, bounded, with a callback making the arguments on
/// the JS thread; `done` gets what the function returned for each value, read in Rust.
#[napi]
pub fn tsfn_built(callback: Function<FnArgs<(u32, String)>, String>, values: Vec<u32>, done: Function<Vec<String>, ()>) -> Result<()> {
  let tsfn = callback
    .build_threadsafe_function::<u32>()
    .callee_handled::<true>()
    .max_queue_size::<1>()
    .build_callback(|context: ThreadsafeCallContext<u32>| Ok(FnArgs::from((context.value, format!("#{}", context.value)))))?;
  let done = done.build_threadsafe_function::<Vec<String>>().build()?;
  std::thread::spawn(move || {
    let replies = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let count = values.len();
    for value in values {
      let replies = replies.clone();
      let done = done.clone();
      let status = tsfn.call_with_return_value(Ok(value), ThreadsafeFunctionCallMode::Blocking, move |returned: Result<String>, _env| {
        let mut replies = replies.lock().unwrap();
        replies.push(returned.unwrap_or_else(|error| format!("threw {}: {}", error.code(), error.message())));
        if replies.len() == count {
          assert_eq!(done.call(std::mem::take(&mut *replies), ThreadsafeFunctionCallMode::NonBlocking), Status::Ok);
        }
        Ok(())
      });
      assert_eq!(status, Status::Ok);
    }
  });
  Ok(())
}

/// Awaits the function's result in Rust (call_async): the promise it returns, awaited too.
#[napi]
pub async fn tsfn_await_result(callback: ThreadsafeFunction<u32, Promise<u32>>) -> Result<u32> {
  let returned = callback.call_async(Ok(20)).await?;
  Ok(returned.await? + 1)
}

/// A weak function does not keep the event loop alive; `aborted` and `Closing` after abort.
#[napi]
pub fn tsfn_weak_and_abort(callback: Function<u32, ()>) -> Result<Vec<String>> {
  let weak = callback.build_threadsafe_function::<u32>().weak::<true>().build()?;
  let strong = callback.build_threadsafe_function::<u32>().build()?;
  let copy = strong.clone();
  let before = strong.aborted();
  strong.abort()?;
  Ok(vec![
    format!("weak call {}", weak.call(1, ThreadsafeFunctionCallMode::NonBlocking)),
    format!("aborted before {before}, after {}", copy.aborted()),
    format!("call after abort {}", copy.call(2, ThreadsafeFunctionCallMode::NonBlocking)),
  ])
}

/// Repeats a byte off the JS thread; resolves with a Buffer made in the env (ScopedTask).
pub struct Repeat {
  byte: u8,
  count: usize,
}

#[napi]
impl<'task> napi::ScopedTask<'task> for Repeat {
  type Output = Vec<u8>;
  type JsValue = BufferSlice<'task>;

  fn compute(&mut self) -> Result<Vec<u8>> {
    Ok(vec![self.byte; self.count])
  }

  fn resolve(&mut self, env: &'task Env, output: Vec<u8>) -> Result<BufferSlice<'task>> {
    BufferSlice::from_data(env, output)
  }
}

#[napi]
pub fn repeat_byte(byte: u32, count: u32) -> AsyncTask<Repeat> {
  AsyncTask::new(Repeat { byte: byte as u8, count: count as usize })
}

/// The first element as a number (None past the end or for undefined) and the array's length;
/// then `[...squares of 0..count, "end"]`, made with Env::create_array and insert.
#[napi]
pub fn array_handles<'env>(env: &'env Env, input: Array<'env>, count: u32) -> Result<(Option<f64>, u32, Array<'env>)> {
  let mut squares = env.create_array(0)?;
  for index in 0..count {
    squares.insert(index * index)?;
  }
  squares.insert("end")?;
  Ok((input.get::<f64>(0)?, input.len(), squares))
}

/// An enum with fields: each value a plain object whose `kind` names the variant.
#[napi(discriminant = "kind")]
pub enum Shape {
  Point,
  Circle { radius: f64 },
  Labelled { label: Option<String>, side_count: u32 },
  Pair(u32, #[napi(js_name = "second")] u32),
}

/// The default discriminant (`type`), its values in kebab-case.
#[napi(discriminant_case = "kebab-case")]
pub enum UiEvent {
  KeyDown { key_code: u32 },
  WindowClosed,
}

#[napi]
pub fn echo_shape(shape: Shape) -> Shape {
  shape
}

#[napi]
pub fn describe_shape(shape: Shape) -> String {
  match shape {
    Shape::Point => "a point".into(),
    Shape::Circle { radius } => format!("a circle of radius {radius}"),
    Shape::Labelled { label, side_count } => format!("{side_count} sides labelled {label:?}"),
    Shape::Pair(first, second) => format!("the pair {first}, {second}"),
  }
}

#[napi]
pub fn echo_ui_event(event: UiEvent) -> UiEvent {
  event
}

/// The promise's value plus one, or `timeout` if it takes longer than `millis` (tokio::select!
/// from the tokio_macros feature).
#[napi]
pub async fn settle_within(promise: Promise<u32>, millis: u32) -> Result<String> {
  napi::tokio::select! {
    value = promise => Ok(format!("settled {}", value? + 1)),
    _ = napi::tokio::time::sleep(std::time::Duration::from_millis(millis.into())) => Ok("timeout".to_string()),
  }
}

/// Waits for a threadsafe call's result on a plain thread (block_on), and sends it back.
#[napi]
pub fn block_on_call(callback: ThreadsafeFunction<u32, Promise<u32>>, done: ThreadsafeFunction<String, (), String, Status, false>) {
  std::thread::spawn(move || {
    let outcome = block_on(async move { callback.call_async(Ok(5)).await?.await });
    let text = match outcome {
      Ok(value) => format!("block_on got {value}"),
      Err(error) => format!("block_on failed: {}", error.message()),
    };
    assert_eq!(done.call(text, ThreadsafeFunctionCallMode::NonBlocking), Status::Ok);
  });
}

/// A C string made a JS string: up to its NUL (NAPI_AUTO_LENGTH), or its first `len` bytes.
#[napi]
pub fn c_strings(len: u32) -> Vec<RawCString> {
  static GREETING: &[u8] = b"Hello from C\0";
  vec![
    RawCString::new(GREETING.as_ptr().cast(), NAPI_AUTO_LENGTH),
    RawCString::new(GREETING.as_ptr().cast(), (len as usize).min(GREETING.len() - 1)),
  ]
}

/// A string kept as a JS value and read in each of Node-API's encodings (`JsString`,
/// `JsStringUtf8`, `JsStringUtf16`, `JsStringLatin1`): its lengths and contents.
#[napi]
pub fn string_encodings(text: JsString) -> Result<(Vec<u32>, String, Vec<u32>, Vec<u32>)> {
  let lengths = vec![text.utf8_len()? as u32, text.utf16_len()? as u32, text.latin1_len()? as u32];
  let utf8 = text.into_utf8()?;
  assert_eq!(utf8.len(), utf8.as_slice().len());
  let utf16 = text.into_utf16()?;
  let latin1 = text.into_latin1()?;
  let units = utf16.as_slice().iter().map(|&unit| u32::from(unit)).collect();
  Ok((lengths, utf8.into_owned()?, units, latin1.take().into_iter().map(u32::from).collect()))
}

/// The string received, given back through its UTF-8 reading (the same JS value).
#[napi]
pub fn same_string(text: JsString) -> Result<JsStringUtf8> {
  text.into_utf8()
}

/// New strings from the env, in each encoding.
#[napi]
pub fn created_strings(env: &Env) -> Result<Vec<JsString<'_>>> {
  Ok(vec![
    env.create_string("utf8 ✓")?,
    env.create_string_from_std(String::from("std"))?,
    env.create_string_utf16(&[0x55, 0x54, 0x46, 0x2d, 0x31, 0x36, 0xd83e, 0xdd80])?,
    env.create_string_latin1(&[0x4c, 0x61, 0x74, 0x69, 0x6e, 0x2d, 0x31, 0x20, 0xe9])?,
  ])
}

/// Latin-1 and UTF-16 strings over Rust memory (`from_data`, `from_external`,
/// `from_static`), each with the length and emptiness Rust sees of it.
#[napi]
pub fn external_strings(env: &Env, text: String) -> Result<Vec<(JsString<'_>, u32, bool)>> {
  let latin1 = JsStringLatin1::from_data(env, text.clone().into_bytes())?;
  let utf16 = JsStringUtf16::from_data(env, text.encode_utf16().collect())?;
  let empty = JsStringLatin1::from_data(env, Vec::new())?;
  let bytes = text.clone().into_bytes().into_boxed_slice();
  let (pointer, length) = (bytes.as_ptr(), bytes.len());
  let external = unsafe { JsStringLatin1::from_external(env, pointer, length, bytes, |_env, bytes| drop(bytes))? };
  static UNITS: &[u16] = &[0x73, 0x74, 0x61, 0x74, 0x69, 0x63];
  let static_utf16 = JsStringUtf16::from_static(env, UNITS)?;
  let static_latin1 = JsStringLatin1::from_static(env, "static latin1")?;
  if latin1.as_slice() != text.as_bytes() || external.as_slice() != text.as_bytes() || utf16.as_str()? != text {
    return Err(Error::from_reason("external string memory differs from its text"));
  }
  Ok(vec![
    latin1_entry(latin1),
    utf16_entry(utf16),
    latin1_entry(empty),
    latin1_entry(external),
    utf16_entry(static_utf16),
    latin1_entry(static_latin1),
  ])
}

fn latin1_entry(text: JsStringLatin1) -> (JsString, u32, bool) {
  let (length, empty) = (text.len() as u32, text.is_empty());
  (text.into_value(), length, empty)
}

fn utf16_entry(text: JsStringUtf16) -> (JsString, u32, bool) {
  let (length, empty) = (text.len() as u32, text.is_empty());
  (text.into_value(), length, empty)
}

/// `typeof` each value as napi-rs's `ValueType` reports it, and the value cast to a
/// `JsString`'s UTF-16 length where it is a string.
#[napi]
pub fn value_types(values: Vec<Unknown>) -> Result<Vec<String>> {
  values
    .iter()
    .map(|value| {
      Ok(match value.get_type()? {
        ValueType::String => format!("string of {}", value.cast::<JsString>()?.utf16_len()?),
        ValueType::Number => format!("number {}", value.cast::<JsNumber>()?.get_double()?),
        other => format!("{other} ({other:?})"),
      })
    })
    .collect()
}

/// A number read as u32, i32, i64 and f64 (`JsNumber`).
#[napi]
pub fn number_readings(number: JsNumber) -> Result<(u32, i32, i64, f64)> {
  Ok((number.get_uint32()?, number.get_int32()?, number.get_int64()?, number.get_double()?))
}

/// Whether the global object has a property (`Env::get_global`, `JsGlobal`).
#[napi]
pub fn global_has(env: &Env, name: String) -> Result<bool> {
  let global: JsGlobal = env.get_global()?;
  global.has_named_property(&name)
}

/// Each element's UTF-8 length if a string, 1 if an object, else 0, each read in its own
/// handle scope (`HandleScope::close`).
#[napi]
pub fn lengths_in_scopes(env: &Env, values: Array) -> Result<Vec<u32>> {
  let mut lengths = Vec::with_capacity(values.len() as usize);
  for index in 0..values.len() {
    let scope = HandleScope::create(env)?;
    let value: Unknown = values.get_element(index)?;
    let length = unsafe {
      scope.close(value, |value| match value.get_type()? {
        ValueType::String => Ok(value.cast::<JsString>()?.utf8_len()? as u32),
        ValueType::Object => Ok(1),
        _ => Ok(0),
      })?
    };
    lengths.push(length);
  }
  Ok(lengths)
}

/// Calls `next()` until it returns `undefined`, keeping the longest string, each call in an
/// escapable handle scope that escapes only a longer string (`EscapableHandleScope::with`).
#[napi]
pub fn longest_escaped<'env>(env: &'env Env, next: Function<(), Option<JsString>>) -> Result<JsString<'env>> {
  let mut longest = env.create_string("")?;
  loop {
    let step = EscapableHandleScope::with(env, (next, longest), |scope, (next, longest)| {
      Ok(match next.call(())? {
        Some(text) if text.utf8_len()? > longest.utf8_len()? => Either::A(text.escape::<JsString>(scope)?),
        Some(_) => Either::B(false),
        None => Either::B(true),
      })
    })?;
    match step {
      Either::A(text) => longest = text,
      Either::B(false) => {}
      Either::B(true) => return Ok(longest),
    }
  }
}

/// Escapes two values from one escapable scope: the second escape fails.
#[napi]
pub fn escape_twice(env: &Env) -> Result<String> {
  EscapableHandleScope::with(env, (), |scope, ()| {
    let first = env.create_string("first")?;
    first.escape::<JsString>(scope)?;
    let second = Object::new(env)?;
    second.escape::<Object>(scope).map(|_| "escaped twice".to_string())
  })
}

/// A class with async methods: each borrows the instance (`&self`) across its awaits, the
/// instance kept alive until the promise settles.
#[napi]
pub struct Bird {
  name: String,
  calls: AtomicU32,
}

#[napi]
impl Bird {
  #[napi(constructor)]
  pub fn new(name: String) -> Self {
    Bird { name, calls: AtomicU32::new(0) }
  }

  /// The name, after a turn of the runtime.
  pub async fn name_async(&self) -> &str {
    napi::tokio::task::yield_now().await;
    self.calls.fetch_add(1, Ordering::SeqCst);
    self.name.as_str()
  }

  /// The name with a suffix (an argument moved into the future).
  pub async fn greet(&self, greeting: String) -> Result<String> {
    self.calls.fetch_add(1, Ordering::SeqCst);
    Ok(format!("{greeting}, {}", self.name))
  }

  /// Rejects with the status as the error's code.
  pub async fn fail_async(&self) -> Result<()> {
    Err(Error::new(Status::GenericFailure, format!("{} cannot fly", self.name)))
  }

  /// How many async calls completed.
  #[napi(getter)]
  pub fn calls(&self) -> u32 {
    self.calls.load(Ordering::SeqCst)
  }
}

/// A class whose #[napi] attributes are behind `cfg_attr` (napi-rs's example writes them as
/// `#[cfg_attr(not(feature = "…"), napi_derive::napi(…))]`): a member only where the
/// predicate holds.
#[cfg_attr(not(any()), napi_derive::napi)]
pub struct Sparrow {
  name: String,
}

#[cfg_attr(not(any()), napi_derive::napi)]
impl Sparrow {
  #[cfg_attr(not(any()), napi_derive::napi(constructor))]
  pub fn new(name: String) -> Self {
    Sparrow { name }
  }

  #[cfg_attr(all(), napi(js_name = "describe"))]
  pub fn description(&self) -> String {
    format!("a sparrow called {}", self.name)
  }

  /// Not a member: its predicate does not hold.
  #[cfg_attr(any(), napi(getter))]
  pub fn hidden(&self) -> u32 {
    1
  }

  #[cfg_attr(all(), napi(getter))]
  pub fn name(&self) -> String {
    self.name.clone()
  }
}

/// Values held beyond a call: `ObjectRef` and `UnknownRef` kept in a static, read back with
/// `get_value`, released with `unref`.
static HELD: std::sync::Mutex<Vec<(ObjectRef, UnknownRef)>> = std::sync::Mutex::new(Vec::new());

#[napi]
pub fn hold(object: ObjectRef, value: UnknownRef) -> u32 {
  let mut held = HELD.lock().unwrap();
  held.push((object, value));
  held.len() as u32
}

/// The held pairs, read in this call.
#[napi]
pub fn held<'env>(env: &'env Env) -> Result<Vec<(Object<'env>, Unknown<'env>)>> {
  HELD.lock().unwrap().iter().map(|(object, value)| Ok((object.get_value(env)?, value.get_value(env)?))).collect()
}

/// Releases every held pair; how many there were.
#[napi]
pub fn release_held(env: &Env) -> Result<u32> {
  let pairs: Vec<_> = HELD.lock().unwrap().drain(..).collect();
  let count = pairs.len() as u32;
  for (object, value) in pairs {
    object.unref(env)?;
    value.unref(env)?;
  }
  Ok(count)
}

/// A new object returned through an `ObjectRef` (released as it is returned).
#[napi]
pub fn object_through_ref(env: &Env) -> Result<ObjectRef> {
  let mut object = Object::new(env)?;
  object.set("through", "a reference")?;
  object.create_ref()
}

/// A symbol made, referenced and returned (`Symbol::into_js_symbol`, `SymbolRef`).
#[napi]
pub fn symbol_through_ref(env: &Env, description: String) -> Result<SymbolRef> {
  Symbol::new(description).into_js_symbol(env)?.create_ref()
}

/// A reference dropped without `unref`: reported on stderr unless `LEAK_CHECK` is false.
#[napi]
pub fn drop_references(object: Object, checked: bool) -> Result<()> {
  if checked {
    drop(object.create_ref::<true>()?);
  } else {
    drop(object.create_ref::<false>()?);
  }
  Ok(())
}

/// A new external through `ExternalRef::new` (returned to JS as the external).
#[napi]
pub fn external_ref(env: &Env, value: u32) -> Result<ExternalRef<u32>> {
  ExternalRef::new(env, value)
}

/// An external made, referenced and returned (`External::into_js_external`,
/// `JsExternal::create_ref`).
#[napi]
pub fn external_through_ref(env: &Env, value: u32) -> Result<ExternalRef<u32>> {
  External::new(value).into_js_external(env)?.create_ref()
}

thread_local! {
  static KEPT_EXTERNAL: std::cell::RefCell<Option<ExternalRef<u32>>> = const { std::cell::RefCell::new(None) };
}

/// Adds one to the external's value through an `ExternalRef` kept for later; the new value.
#[napi]
pub fn keep_external(mut external: ExternalRef<u32>) -> u32 {
  *external += 1;
  let value = *external;
  KEPT_EXTERNAL.with(|kept| kept.borrow_mut().replace(external));
  value
}

/// The kept external (the same JS value) and its value, if one is kept; `release` drops it.
#[napi]
pub fn kept_external<'env>(env: &'env Env, release: bool) -> Result<Option<(JsExternal<'env>, u32)>> {
  KEPT_EXTERNAL.with(|kept| {
    let mut kept = kept.borrow_mut();
    let found = match kept.as_ref() {
      Some(external) => {
        // Read again as a value of this call (the reference's own borrow ends here).
        let js = unsafe { JsExternal::from_napi_value(env.raw(), external.get_value()?.raw())? };
        Some((js, **external))
      }
      None => None,
    };
    if release {
      kept.take();
    }
    Ok(found)
  })
}

/// The u32 a JS external holds (`JsExternal::get_value`, type-checked).
#[napi]
pub fn read_external(external: JsExternal) -> Result<u32> {
  Ok(*external.get_value::<u32>()?)
}

/// The String a JS external holds.
#[napi]
pub fn read_external_string(external: JsExternal) -> Result<String> {
  external.get_value::<String>().cloned()
}

/// ArrayBuffers as napi-rs 3 makes them (`ArrayBuffer<'env>`: from_data, copy_from,
/// from_external), and one received, doubled in place; their byte lengths.
#[napi]
pub fn array_buffers<'env>(env: &'env Env, mut received: ArrayBuffer<'env>) -> Result<Vec<ArrayBuffer<'env>>> {
  for byte in received.iter_mut() {
    *byte = byte.wrapping_mul(2);
  }
  let mut external = b"external bytes".to_vec();
  let (pointer, length) = (external.as_mut_ptr(), external.len());
  Ok(vec![
    ArrayBuffer::from_data(env, b"from data")?,
    ArrayBuffer::copy_from(env, &received)?,
    unsafe { ArrayBuffer::from_external(env, pointer, length, external, |_env, external| drop(external))? },
    ArrayBuffer::from_data(env, Vec::new())?,
    received,
  ])
}

/// `SharedReference`: a value borrowing from a class instance (`Reference::share_with`),
/// kept in another class; the instance lives as long as the borrower.
pub struct Shelf {
  books: Vec<String>,
}

pub struct ShelfView<'shelf> {
  books: &'shelf [String],
}

#[napi]
pub struct Library {
  shelf: Shelf,
}

#[napi]
impl Library {
  #[napi(constructor)]
  pub fn new(books: Vec<String>) -> Self {
    Library { shelf: Shelf { books } }
  }

  /// A view of this library's shelf that keeps the library alive.
  pub fn view(&self, this: Reference<Library>, env: Env) -> Result<LibraryView> {
    Ok(LibraryView { view: this.share_with(env, |library| Ok(ShelfView { books: &library.shelf.books }))? })
  }
}

#[napi]
pub struct LibraryView {
  view: SharedReference<Library, ShelfView<'static>>,
}

#[napi]
impl LibraryView {
  pub fn titles(&self) -> Vec<String> {
    self.view.books.to_vec()
  }
}

/// A tuple struct as an object (`field0`, `field1`…, or a field's `js_name`).
#[napi(object)]
pub struct Pair(#[napi(js_name = "left")] pub u32, pub String);

/// The pair with its number doubled and its text exclaimed.
#[napi]
pub fn double_pair(pair: Pair) -> Pair {
  Pair(pair.0 * 2, format!("{}!", pair.1))
}
