//! Work off the JS thread with `#[napi]`: an `AsyncTask` on libuv's thread pool, `async fn`s
//! on the addon's tokio runtime, and `ThreadsafeFunction`s called from Rust threads.

use anode_napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use anode_napi::{napi, AsyncTask, BigInt, Env, Error, Promise, Result, Status, Task};
use std::time::Duration;

/// Counts the primes below a limit.
pub struct CountPrimes {
    limit: u32,
}

#[napi]
impl Task for CountPrimes {
    type Output = u32;
    type JsValue = u32;

    fn compute(&mut self) -> Result<u32> {
        if self.limit > 50_000_000 {
            return Err(Error::range_error("limit too large"));
        }
        let mut sieve = vec![true; self.limit as usize];
        let mut count = 0;
        for number in 2..self.limit as usize {
            if sieve[number] {
                count += 1;
                (number * number..self.limit as usize).step_by(number).for_each(|multiple| sieve[multiple] = false);
            }
        }
        Ok(count)
    }

    fn resolve(&mut self, _env: Env, output: u32) -> Result<u32> {
        Ok(output)
    }
}

/// A promise of the number of primes below `limit`, counted on the thread pool.
#[napi]
pub fn count_primes(limit: u32) -> AsyncTask<CountPrimes> {
    AsyncTask::new(CountPrimes { limit })
}

/// Counts the primes below `limit` as work started with `Env::spawn`; `callback` gets the
/// count (through the promise's `then`).
#[napi]
pub fn spawn_count_primes(env: &Env, limit: u32, callback: anode_napi::Function<u32, ()>) -> Result<()> {
    let callback = callback.create_ref()?;
    env.spawn(CountPrimes { limit })?.promise_object().then(move |context| callback.borrow_back(&context.env)?.call(context.value))?;
    Ok(())
}

/// Waits `ms` milliseconds on the tokio runtime, then greets.
#[napi]
pub async fn greet_later(name: String, ms: u32) -> String {
    anode_napi::tokio::time::sleep(Duration::from_millis(ms as u64)).await;
    format!("Hello later, {name}!")
}

/// Fails after an await.
#[napi]
pub async fn fail_later(message: String) -> Result<u32, &'static str> {
    anode_napi::tokio::task::yield_now().await;
    Err(Error::new("LATE_FAILURE", message))
}

/// Calls `callback(null, i)` from `threads` Rust threads, `count` times each; then
/// `callback(error)` once, from the last thread to finish.
#[napi]
pub fn report_from_threads(threads: u32, count: u32, callback: ThreadsafeFunction<u32, anode_napi::Unknown<'static>, u32, &'static str>) {
    let finished = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
    for thread in 0..threads {
        let callback = callback.clone();
        let finished = finished.clone();
        std::thread::spawn(move || {
            for index in 0..count {
                assert_eq!(callback.call(Ok(thread * count + index), ThreadsafeFunctionCallMode::Blocking), Status::Ok);
            }
            if finished.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1 == threads {
                let done = Error::new("DONE", "all threads finished");
                assert_eq!(callback.call(Err(done), ThreadsafeFunctionCallMode::Blocking), Status::Ok);
            }
        });
    }
}

/// Calls `callback(value)` (no error argument) from a Rust thread.
#[napi]
pub fn send_from_thread(value: String, callback: ThreadsafeFunction<String, (), String, Status, false>) {
    std::thread::spawn(move || assert_eq!(callback.call(value, ThreadsafeFunctionCallMode::NonBlocking), Status::Ok));
}

/// Awaits a JS promise of a number in Rust, then adds to it.
#[napi]
pub async fn add_when_ready(value: Promise<f64>, addend: f64) -> Result<f64> {
    Ok(value.await? + addend)
}

/// Awaits a JS promise of a BigInt and reads it as an i64.
#[napi]
pub async fn bigint_when_ready(value: Promise<BigInt>) -> Result<i64> {
    value.await?.to_i64().ok_or_else(|| Error::range_error("BigInt out of i64 range"))
}
