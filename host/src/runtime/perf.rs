//! perf_hooks' natives: HdrHistograms (node's createHistogram and monitorEventLoopDelay,
//! shared between threads when one is cloned into a worker), the event loop's idle time and
//! milestones (for eventLoopUtilization and nodeTiming), V8's garbage collections (for 'gc'
//! entries), and punycode's codec.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use hdrhistogram::Histogram;

use super::bindings::{arg_string, binding_object, string, throw_type_error};
use super::RuntimeState;

/// A node histogram: HdrHistogram's counts plus node's own tallies (values recorded, values
/// refused as out of range, the previous recordDelta() time).
struct NodeHistogram {
    counts: Histogram<u64>,
    count: u64,
    exceeds: u64,
    previous: Option<Instant>,
}

impl NodeHistogram {
    fn record(&mut self, value: u64) -> bool {
        // As node's HdrHistogram, a value over the histogram's highest is refused.
        let recorded = value <= self.counts.high() && self.counts.record(value).is_ok();
        if recorded {
            self.count += 1;
        } else {
            self.exceeds += 1;
        }
        recorded
    }
}

type SharedHistogram = Arc<Mutex<NodeHistogram>>;

thread_local! {
    /// This thread's live histograms by id; one leaves when its JS handle is collected.
    static HISTOGRAMS: RefCell<(u32, HashMap<u32, (SharedHistogram, v8::Weak<v8::Object>)>)> =
        RefCell::new((0, HashMap::new()));
    /// How long this thread's loop has waited for events (libuv's idle time).
    static LOOP_IDLE: Cell<Duration> = const { Cell::new(Duration::ZERO) };
    /// How many turns this thread's loop has made, how many events (completions handed over
    /// by other threads) it has run, and how many of those were already waiting when it polled.
    static LOOP_TURNS: Cell<u64> = const { Cell::new(0) };
    static LOOP_EVENTS: Cell<u64> = const { Cell::new(0) };
    static LOOP_EVENTS_WAITING: Cell<u64> = const { Cell::new(0) };
    /// When this thread's loop started and ended, in performance.now() milliseconds (-1 until then).
    static LOOP_START: Cell<f64> = const { Cell::new(-1.0) };
    static LOOP_EXIT: Cell<f64> = const { Cell::new(-1.0) };
}

/// When the process started (main's first line; also as milliseconds since the epoch, the
/// timeOrigin) and V8's platform was ready.
static PROCESS_START: OnceLock<Instant> = OnceLock::new();
static PROCESS_START_EPOCH_MS: OnceLock<f64> = OnceLock::new();
static V8_START: OnceLock<Instant> = OnceLock::new();

thread_local! {
    /// When this thread's isolate was made.
    static ISOLATE_START: Cell<Option<Instant>> = const { Cell::new(None) };
}

pub fn process_started() {
    PROCESS_START.get_or_init(Instant::now);
    PROCESS_START_EPOCH_MS.get_or_init(|| {
        let since_epoch = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        since_epoch.as_secs_f64() * 1000.0
    });
}
pub(super) fn v8_started() {
    V8_START.get_or_init(Instant::now);
}
/// Notes when a JS thread's isolate was made: V8's start on the main thread, a worker's own.
pub(super) fn isolate_created(worker: bool) {
    let created = match V8_START.get() {
        Some(start) if !worker => *start,
        _ => Instant::now(),
    };
    ISOLATE_START.set(Some(created));
}
/// The process's start and V8's (node's nodeStart and v8Start milestones).
pub(crate) fn process_milestones() -> (Option<Instant>, Option<Instant>) {
    (PROCESS_START.get().copied(), V8_START.get().copied())
}
/// The performance time origin: the process's start, on every thread (as node's workers share
/// their process's timeOrigin).
fn time_origin(clock_start: Instant) -> Instant {
    PROCESS_START.get().copied().filter(|start| *start <= clock_start).unwrap_or(clock_start)
}

/// Histograms on their way to another thread (a cloned histogram in a message), by token.
static HISTOGRAMS_IN_FLIGHT: Mutex<Option<HashMap<u64, SharedHistogram>>> = Mutex::new(None);
static NEXT_TOKEN: AtomicU64 = AtomicU64::new(1);

/// A worker's loop milestones as its parent reads them (worker.performance's
/// eventLoopUtilization()): nanoseconds idle, and since the time origin when it started.
struct SharedLoop {
    idle_ns: AtomicU64,
    start_ns: AtomicU64,
}

/// The running workers' loops, by thread id.
static WORKER_LOOPS: Mutex<Option<HashMap<u32, Arc<SharedLoop>>>> = Mutex::new(None);

thread_local! {
    /// This thread's entry in WORKER_LOOPS while its loop runs (a worker's).
    static SHARED_LOOP: RefCell<Option<(u32, Arc<SharedLoop>)>> = const { RefCell::new(None) };
}

fn worker_loops() -> std::sync::MutexGuard<'static, Option<HashMap<u32, Arc<SharedLoop>>>> {
    WORKER_LOOPS.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs `wait` (the loop waiting for its next event) and counts its time as idle.
pub(super) fn idle_while<T>(wait: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = wait();
    let idle = started.elapsed();
    LOOP_IDLE.set(LOOP_IDLE.get() + idle);
    SHARED_LOOP.with_borrow(|shared| {
        if let Some((_, shared)) = shared {
            shared.idle_ns.fetch_add(idle.as_nanos() as u64, Ordering::Relaxed);
        }
    });
    result
}
pub(super) fn loop_turned() {
    LOOP_TURNS.set(LOOP_TURNS.get() + 1);
}
pub(super) fn loop_event(was_waiting: bool) {
    LOOP_EVENTS.set(LOOP_EVENTS.get() + 1);
    if was_waiting {
        LOOP_EVENTS_WAITING.set(LOOP_EVENTS_WAITING.get() + 1);
    }
}
/// Notes the loop's first start (an embedder may run it again); a worker's is shared with
/// its parent while it runs.
pub(super) fn loop_started(state: &RuntimeState) {
    if LOOP_START.get() >= 0.0 {
        return;
    }
    LOOP_START.set(state.now_ms());
    if let Some(link) = &state.worker {
        let since_origin = Instant::now().saturating_duration_since(time_origin(state.start));
        let shared = Arc::new(SharedLoop { idle_ns: AtomicU64::new(0), start_ns: AtomicU64::new(since_origin.as_nanos() as u64) });
        worker_loops().get_or_insert_with(HashMap::new).insert(link.thread_id(), shared.clone());
        SHARED_LOOP.set(Some((link.thread_id(), shared)));
    }
}
pub(super) fn loop_exited(state: &RuntimeState) {
    LOOP_EXIT.set(state.now_ms());
    if let Some((thread_id, _)) = SHARED_LOOP.take() {
        if let Some(loops) = worker_loops().as_mut() {
            loops.remove(&thread_id);
        }
    }
}

pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "loopTiming" => loop_timing,
        "milestones" => milestones,
        "workerLoopTiming" => worker_loop_timing,
        "histogramCreate" => histogram_create,
        "histogramRecord" => histogram_record,
        "histogramRecordDelta" => histogram_record_delta,
        "histogramStats" => histogram_stats,
        "histogramPercentile" => histogram_percentile,
        "histogramPercentiles" => histogram_percentiles,
        "histogramReset" => histogram_reset,
        "histogramAdd" => histogram_add,
        "histogramExport" => histogram_export,
        "histogramImport" => histogram_import,
        "gcTrack" => gc_track,
        "punycodeEncode" => punycode_encode,
        "punycodeDecode" => punycode_decode,
    });
    rv.set(object.into());
}

/// milestones(): [the runtime clock's start, nodeStart, v8Start] in milliseconds since the
/// time origin (binding.processMethods().now() plus the first is performance.now()), then the
/// time origin in milliseconds since the epoch (NaN when the process's start was not noted:
/// an embedder's).
fn milestones(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let clock_start = RuntimeState::get(scope).start;
    let origin = time_origin(clock_start);
    let since_origin = |instant: Instant| instant.saturating_duration_since(origin).as_secs_f64() * 1000.0;
    let origin_epoch_ms = if origin == clock_start { f64::NAN } else { PROCESS_START_EPOCH_MS.get().copied().unwrap_or(f64::NAN) };
    let values = [since_origin(clock_start), 0.0, since_origin(ISOLATE_START.get().unwrap_or(clock_start)), origin_epoch_ms];
    let elements: Vec<v8::Local<v8::Value>> = values.iter().map(|value| v8::Number::new(scope, *value).into()).collect();
    rv.set(v8::Array::new_with_elements(scope, &elements).into());
}

/// workerLoopTiming(threadId): [idle milliseconds, loopStart] of a running worker's loop, or
/// undefined when it is not running.
fn worker_loop_timing(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let thread_id = args.get(0).uint32_value(scope).unwrap_or(0);
    let Some(shared) = worker_loops().as_ref().and_then(|loops| loops.get(&thread_id).cloned()) else { return };
    let values = [shared.idle_ns.load(Ordering::Relaxed) as f64 / 1e6, shared.start_ns.load(Ordering::Relaxed) as f64 / 1e6];
    let elements: Vec<v8::Local<v8::Value>> = values.iter().map(|value| v8::Number::new(scope, *value).into()).collect();
    rv.set(v8::Array::new_with_elements(scope, &elements).into());
}

/// loopTiming(): [idle milliseconds, loop turns, loopStart, loopExit, events, events waiting].
fn loop_timing(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let values = [
        LOOP_IDLE.get().as_secs_f64() * 1000.0,
        LOOP_TURNS.get() as f64,
        LOOP_START.get(),
        LOOP_EXIT.get(),
        LOOP_EVENTS.get() as f64,
        LOOP_EVENTS_WAITING.get() as f64,
    ];
    let elements: Vec<v8::Local<v8::Value>> = values.iter().map(|value| v8::Number::new(scope, *value).into()).collect();
    rv.set(v8::Array::new_with_elements(scope, &elements).into());
}

fn adopt(scope: &mut v8::PinScope, owner: v8::Local<v8::Object>, histogram: SharedHistogram) -> u32 {
    let id = HISTOGRAMS.with_borrow_mut(|(next, _)| {
        *next = next.wrapping_add(1);
        *next
    });
    let weak = v8::Weak::with_finalizer(
        scope,
        owner,
        Box::new(move |_isolate: &mut v8::Isolate| {
            HISTOGRAMS.with_borrow_mut(|(_, histograms)| histograms.remove(&id));
        }),
    );
    HISTOGRAMS.with_borrow_mut(|(_, histograms)| histograms.insert(id, (histogram, weak)));
    id
}

fn with_histogram<T>(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, index: i32, f: impl FnOnce(&mut NodeHistogram) -> T) -> Option<T> {
    let id = args.get(index).uint32_value(scope).unwrap_or(0);
    let shared = HISTOGRAMS.with_borrow(|(_, histograms)| histograms.get(&id).map(|(histogram, _)| histogram.clone()))?;
    let mut histogram = shared.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    Some(f(&mut histogram))
}

/// histogramCreate(owner, lowest, highest, figures): the id of a new histogram living as long
/// as `owner` (the bounds were validated in JS).
fn histogram_create(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(owner) = v8::Local::<v8::Object>::try_from(args.get(0)) else { return };
    let lowest = args.get(1).integer_value(scope).unwrap_or(1).max(1) as u64;
    let highest = args.get(2).integer_value(scope).unwrap_or(i64::MAX) as u64;
    let figures = args.get(3).integer_value(scope).unwrap_or(3) as u8;
    match Histogram::<u64>::new_with_bounds(lowest, highest, figures) {
        Ok(counts) => {
            let histogram = NodeHistogram { counts, count: 0, exceeds: 0, previous: None };
            let id = adopt(scope, owner, Arc::new(Mutex::new(histogram)));
            rv.set(v8::Integer::new_from_unsigned(scope, id).into());
        }
        Err(error) => throw_type_error(scope, &format!("{error:?}")),
    }
}

/// histogramRecord(id, value): records `value` (a number or bigint), counted as exceeding the
/// histogram when it is out of its range.
fn histogram_record(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let value = args.get(1);
    let value = match v8::Local::<v8::BigInt>::try_from(value) {
        Ok(big) => big.u64_value().0,
        Err(_) => value.number_value(scope).unwrap_or(0.0) as u64,
    };
    with_histogram(scope, &args, 0, |histogram| histogram.record(value));
}

/// histogramRecordDelta(id, restart): records the nanoseconds since the previous call (nothing
/// on the first, or with `restart`: an interval histogram enabled again).
fn histogram_record_delta(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let restart = args.get(1).is_true();
    with_histogram(scope, &args, 0, |histogram| {
        let now = Instant::now();
        let previous = histogram.previous.replace(now);
        if let Some(previous) = previous.filter(|_| !restart) {
            let delta = now.duration_since(previous).as_nanos() as u64;
            if delta > 0 {
                histogram.record(delta);
            } else {
                histogram.exceeds += 1;
            }
        }
    });
}

/// histogramStats(id): [count, min, max, mean, stddev, exceeds] as node's give them (min is
/// INT64_MAX and max 0 when empty; mean and stddev NaN).
fn histogram_stats(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(stats) = with_histogram(scope, &args, 0, |histogram| {
        let exceeds = histogram.exceeds as f64;
        let counts = &histogram.counts;
        if counts.is_empty() {
            return [histogram.count as f64, i64::MAX as f64, 0.0, f64::NAN, f64::NAN, exceeds];
        }
        [histogram.count as f64, counts.min() as f64, counts.max() as f64, counts.mean(), counts.stdev(), exceeds]
    }) else {
        return;
    };
    let elements: Vec<v8::Local<v8::Value>> = stats.iter().map(|value| v8::Number::new(scope, *value).into()).collect();
    rv.set(v8::Array::new_with_elements(scope, &elements).into());
}

/// histogramPercentile(id, percentile): the value at a percentile (0 < p <= 100).
fn histogram_percentile(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let percentile = args.get(1).number_value(scope).unwrap_or(0.0);
    if let Some(value) = with_histogram(scope, &args, 0, |histogram| histogram.counts.value_at_percentile(percentile)) {
        rv.set(v8::BigInt::new_from_u64(scope, value).into());
    }
}

/// histogramPercentiles(id): [percentile, value, ...] as HdrHistogram's percentile iterator
/// (one tick per half distance) reports them: each step's value the lowest of its bucket, up
/// to the bucket that holds the last value, then 100 for that bucket again.
fn histogram_percentiles(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Some(pairs) = with_histogram(scope, &args, 0, |histogram| {
        let counts = &histogram.counts;
        let total = counts.len();
        let mut pairs = Vec::new();
        if total > 0 {
            for step in counts.iter_quantiles(1) {
                pairs.push((step.quantile_iterated_to() * 100.0, counts.lowest_equivalent(step.value_iterated_to())));
                if step.quantile() >= 1.0 {
                    break;
                }
            }
        }
        let last = pairs.last().map_or(0, |&(_, value)| value);
        pairs.push((100.0, last));
        pairs
    }) else {
        return;
    };
    let mut elements: Vec<v8::Local<v8::Value>> = Vec::with_capacity(pairs.len() * 2);
    for (percentile, value) in pairs {
        elements.push(v8::Number::new(scope, percentile).into());
        elements.push(v8::BigInt::new_from_u64(scope, value).into());
    }
    rv.set(v8::Array::new_with_elements(scope, &elements).into());
}

fn histogram_reset(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    with_histogram(scope, &args, 0, |histogram| {
        histogram.counts.reset();
        histogram.count = 0;
        histogram.exceeds = 0;
        histogram.previous = None;
    });
}

/// histogramAdd(id, otherId): adds the other's counts and tallies, as node's Histogram::Add.
fn histogram_add(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let Some((other_counts, other_count, other_exceeds, other_previous)) =
        with_histogram(scope, &args, 1, |other| (other.counts.clone(), other.count, other.exceeds, other.previous))
    else {
        return;
    };
    with_histogram(scope, &args, 0, |histogram| {
        histogram.count += other_count;
        histogram.exceeds += other_exceeds;
        if other_previous > histogram.previous {
            histogram.previous = other_previous;
        }
        for step in other_counts.iter_recorded() {
            let _ = histogram.counts.record_n(step.value_iterated_to(), step.count_at_value());
        }
    });
}

/// histogramExport(id): a token another thread's histogramImport takes the same histogram by.
fn histogram_export(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let Some(shared) = HISTOGRAMS.with_borrow(|(_, histograms)| histograms.get(&id).map(|(histogram, _)| histogram.clone())) else {
        return;
    };
    let token = NEXT_TOKEN.fetch_add(1, Ordering::Relaxed);
    HISTOGRAMS_IN_FLIGHT.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).get_or_insert_with(HashMap::new).insert(token, shared);
    rv.set_double(token as f64);
}

/// histogramImport(owner, token): the id, on this thread, of the histogram a token names.
fn histogram_import(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(owner) = v8::Local::<v8::Object>::try_from(args.get(0)) else { return };
    let token = args.get(1).number_value(scope).unwrap_or(0.0) as u64;
    let shared = HISTOGRAMS_IN_FLIGHT.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).as_mut().and_then(|map| map.remove(&token));
    if let Some(shared) = shared {
        let id = adopt(scope, owner, shared);
        rv.set(v8::Integer::new_from_unsigned(scope, id).into());
    }
}

/// punycodeEncode(text): RFC 3492 Punycode of the text's code points, or undefined on overflow.
fn punycode_encode(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let input = arg_string(scope, &args, 0);
    if let Some(encoded) = idna::punycode::encode_str(&input) {
        rv.set(string(scope, &encoded).into());
    }
}

/// punycodeDecode(text): the code points RFC 3492 Punycode stands for, or undefined when it
/// is malformed or overflows.
fn punycode_decode(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let input = arg_string(scope, &args, 0);
    if let Some(decoded) = idna::punycode::decode_to_string(&input) {
        rv.set(string(scope, &decoded).into());
    }
}

/// While 'gc' entries are observed: the JS function each collection is reported to (from the
/// loop's check phase, without keeping the loop alive, as node reports them from an unref'd
/// immediate), the collection under way and those not yet reported.
struct GcTracking {
    origin: Instant,
    report: v8::Global<v8::Function>,
    started: Option<Instant>,
    pending: Vec<[f64; 4]>,
}

thread_local! {
    static GC_TRACKING: RefCell<Option<GcTracking>> = const { RefCell::new(None) };
}

/// gcTrack(report): reports each garbage collection as report(kind, flags, startTime,
/// duration) (V8's GC type and callback flags, node's NODE_PERFORMANCE_GC_* values);
/// gcTrack() stops.
fn gc_track(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let tracking = GC_TRACKING.with_borrow(|tracking| tracking.is_some());
    match v8::Local::<v8::Function>::try_from(args.get(0)) {
        Ok(report) => {
            if !tracking {
                scope.add_gc_prologue_callback(gc_prologue, std::ptr::null_mut(), v8::GCType::kGCTypeAll);
                scope.add_gc_epilogue_callback(gc_epilogue, std::ptr::null_mut(), v8::GCType::kGCTypeAll);
            }
            let origin = time_origin(RuntimeState::get(scope).start);
            let report = v8::Global::new(scope, report);
            GC_TRACKING.set(Some(GcTracking { origin, report, started: None, pending: Vec::new() }));
        }
        Err(_) => {
            if tracking {
                scope.remove_gc_prologue_callback(gc_prologue, std::ptr::null_mut());
                scope.remove_gc_epilogue_callback(gc_epilogue, std::ptr::null_mut());
            }
            GC_TRACKING.set(None);
        }
    }
}

extern "C" fn gc_prologue(_isolate: v8::UnsafeRawIsolatePtr, _type: v8::GCType, _flags: v8::GCCallbackFlags, _data: *mut std::ffi::c_void) {
    GC_TRACKING.with(|tracking| {
        if let Ok(mut tracking) = tracking.try_borrow_mut() {
            if let Some(tracking) = tracking.as_mut() {
                tracking.started = Some(Instant::now());
            }
        }
    });
}

extern "C" fn gc_epilogue(_isolate: v8::UnsafeRawIsolatePtr, gc_type: v8::GCType, flags: v8::GCCallbackFlags, _data: *mut std::ffi::c_void) {
    GC_TRACKING.with(|tracking| {
        let Ok(mut tracking) = tracking.try_borrow_mut() else { return };
        let Some(tracking) = tracking.as_mut() else { return };
        let Some(started) = tracking.started.take() else { return };
        let start = started.saturating_duration_since(tracking.origin).as_secs_f64() * 1000.0;
        let duration = started.elapsed().as_secs_f64() * 1000.0;
        tracking.pending.push([gc_type.0 as f64, flags.0 as f64, start, duration]);
    });
}

/// Reports the collections since the last call (the loop's check phase calls it).
pub(super) fn report_collections(scope: &mut v8::PinScope) {
    let Some((report, pending)) = GC_TRACKING.with_borrow_mut(|tracking| {
        let tracking = tracking.as_mut().filter(|tracking| !tracking.pending.is_empty())?;
        Some((tracking.report.clone(), std::mem::take(&mut tracking.pending)))
    }) else {
        return;
    };
    let report = v8::Local::new(scope, &report);
    let receiver = v8::undefined(scope).into();
    for collection in pending {
        let args: Vec<v8::Local<v8::Value>> = collection.iter().map(|value| v8::Number::new(scope, *value).into()).collect();
        v8::tc_scope!(let try_catch, scope);
        if report.call(try_catch, receiver, &args).is_none() {
            return;
        }
    }
}
