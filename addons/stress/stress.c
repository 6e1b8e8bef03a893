// Stress tests for threadsafe functions and async work, identical output under any
// correct runtime: counts and sums, never timings. Threads are POSIX threads, not libuv's:
// only Node-API is under test, and runtimes other than node need not export libuv.
#include <node_api.h>
#include <pthread.h>
#include <sched.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "test_addon.h"

#define MAX_THREADS 16

static void SleepMs(long ms) {
  struct timespec duration = { ms / 1000, (ms % 1000) * 1000000L };
  nanosleep(&duration, NULL);
}

// ---- threadsafe functions from many threads ----
typedef struct {
  napi_threadsafe_function tsfn;
  pthread_t threads[MAX_THREADS];
  int thread_count;
  int calls_per_thread;
  int blocking;
  int64_t received;
  int64_t sum;
  int64_t queue_full;
  int next_id;
  pthread_mutex_t lock;
  napi_ref done;
} Run;

static void* Producer(void* arg) {
  Run* run = (Run*)arg;
  pthread_mutex_lock(&run->lock);
  int id = run->next_id++;
  pthread_mutex_unlock(&run->lock);
  for (int i = 0; i < run->calls_per_thread; i++) {
    int64_t* value = malloc(sizeof(int64_t));
    *value = (int64_t)id * run->calls_per_thread + i + 1;
    napi_status status;
    while ((status = napi_call_threadsafe_function(
                run->tsfn, value, run->blocking ? napi_tsfn_blocking : napi_tsfn_nonblocking)) == napi_queue_full) {
      pthread_mutex_lock(&run->lock);
      run->queue_full++;
      pthread_mutex_unlock(&run->lock);
      sched_yield();
    }
    if (status != napi_ok) {
      free(value);
      return NULL;
    }
  }
  napi_release_threadsafe_function(run->tsfn, napi_tsfn_release);
  return NULL;
}

static void Receive(napi_env env, napi_value js_cb, void* context, void* data) {
  Run* run = (Run*)context;
  if (data == NULL) return;
  run->received++;
  run->sum += *(int64_t*)data;
  free(data);
}

static void Finished(napi_env env, void* data, void* hint) {
  Run* run = (Run*)data;
  for (int i = 0; i < run->thread_count; i++) pthread_join(run->threads[i], NULL);
  napi_value done, undefined, result, args[1];
  napi_get_reference_value(env, run->done, &done);
  napi_get_undefined(env, &undefined);
  napi_create_object(env, &result);
  napi_value value;
  napi_create_int64(env, run->received, &value);
  napi_set_named_property(env, result, "received", value);
  napi_create_int64(env, run->sum, &value);
  napi_set_named_property(env, result, "sum", value);
  args[0] = result;
  napi_call_function(env, undefined, done, 1, args, NULL);
  napi_delete_reference(env, run->done);
  pthread_mutex_destroy(&run->lock);
  free(run);
}

// manyThreads(threads, callsPerThread, blocking, queueSize, done): done({ received, sum })
// once all threads released the function and it was finalized. (Several blocking producers
// on a bounded queue can starve in node: a pop wakes one waiter, and only from a full queue.)
static napi_value ManyThreads(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value args[5], name;
  CALL(env, napi_get_cb_info(env, info, &argc, args, NULL, NULL));
  Run* run = calloc(1, sizeof(Run));
  int32_t threads, calls;
  bool blocking;
  CALL(env, napi_get_value_int32(env, args[0], &threads));
  CALL(env, napi_get_value_int32(env, args[1], &calls));
  CALL(env, napi_get_value_bool(env, args[2], &blocking));
  int32_t queue_size;
  CALL(env, napi_get_value_int32(env, args[3], &queue_size));
  if (threads > MAX_THREADS) threads = MAX_THREADS;
  run->thread_count = threads;
  run->calls_per_thread = calls;
  run->blocking = blocking;
  pthread_mutex_init(&run->lock, NULL);
  CALL(env, napi_create_reference(env, args[4], 1, &run->done));
  CALL(env, napi_create_string_utf8(env, "stress", NAPI_AUTO_LENGTH, &name));
  CALL(env, napi_create_threadsafe_function(env, NULL, NULL, name, queue_size, threads, run, Finished, run, Receive, &run->tsfn));
  for (int i = 0; i < threads; i++) pthread_create(&run->threads[i], NULL, Producer, run);
  return NULL;
}

// ---- teardown while threads still call ----
typedef struct {
  napi_threadsafe_function tsfn;
  pthread_t thread;
  int64_t calls;
  int saw_closing;
} Endless;

static void* EndlessProducer(void* arg) {
  Endless* endless = (Endless*)arg;
  for (;;) {
    napi_status status = napi_call_threadsafe_function(endless->tsfn, NULL, napi_tsfn_blocking);
    if (status == napi_closing) {
      endless->saw_closing = 1;
      return NULL;
    }
    SleepMs(1);
  }
}

static void EndlessCall(napi_env env, napi_value js_cb, void* context, void* data) {
  ((Endless*)context)->calls++;
}

static void EndlessFinalize(napi_env env, void* data, void* hint) {
  Endless* endless = (Endless*)data;
  pthread_join(endless->thread, NULL);
  // stdout from C, as a test's addon would report it at exit.
  fputs(endless->saw_closing ? "teardown closed the function; its thread saw napi_closing\n"
                             : "teardown: thread did not see napi_closing\n", stdout);
  fflush(stdout);
  free(endless);
}

// teardownInFlight(): an unref'd function a thread keeps calling until the env is torn down.
static napi_value TeardownInFlight(napi_env env, napi_callback_info info) {
  napi_value name;
  Endless* endless = calloc(1, sizeof(Endless));
  CALL(env, napi_create_string_utf8(env, "endless", NAPI_AUTO_LENGTH, &name));
  CALL(env, napi_create_threadsafe_function(env, NULL, NULL, name, 2, 1, endless, EndlessFinalize, endless, EndlessCall, &endless->tsfn));
  // ref then unref: it must not keep the loop alive.
  CALL(env, napi_ref_threadsafe_function(env, endless->tsfn));
  CALL(env, napi_unref_threadsafe_function(env, endless->tsfn));
  pthread_create(&endless->thread, NULL, EndlessProducer, endless);
  return NULL;
}

// ---- async work cancellation ----
typedef struct {
  napi_async_work work;
  int index;
  struct Batch* batch;
} Item;

typedef struct Batch {
  int total;
  int finished;
  int ok;
  int cancelled;
  napi_ref done;
  Item items[64];
} Batch;

static void Execute(napi_env env, void* data) { SleepMs(20); }

static void Complete(napi_env env, napi_status status, void* data) {
  Item* item = (Item*)data;
  Batch* batch = item->batch;
  if (status == napi_ok) batch->ok++;
  if (status == napi_cancelled) batch->cancelled++;
  batch->finished++;
  napi_delete_async_work(env, item->work);
  if (batch->finished == batch->total) {
    napi_value done, undefined, result, value;
    napi_get_reference_value(env, batch->done, &done);
    napi_get_undefined(env, &undefined);
    napi_create_object(env, &result);
    napi_create_int32(env, batch->ok + batch->cancelled, &value);
    napi_set_named_property(env, result, "completed", value);
    napi_get_boolean(env, batch->cancelled > 0, &value);
    napi_set_named_property(env, result, "someCancelled", value);
    napi_call_function(env, undefined, done, 1, &result, NULL);
    napi_delete_reference(env, batch->done);
    free(batch);
  }
}

// cancelWork(count, done): queues `count` slow works and cancels them all; those that
// had started run to completion, the rest complete with napi_cancelled.
static napi_value CancelWork(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value args[2], name;
  CALL(env, napi_get_cb_info(env, info, &argc, args, NULL, NULL));
  Batch* batch = calloc(1, sizeof(Batch));
  CALL(env, napi_get_value_int32(env, args[0], &batch->total));
  if (batch->total > 64) batch->total = 64;
  CALL(env, napi_create_reference(env, args[1], 1, &batch->done));
  CALL(env, napi_create_string_utf8(env, "cancel", NAPI_AUTO_LENGTH, &name));
  for (int i = 0; i < batch->total; i++) {
    Item* item = &batch->items[i];
    item->index = i;
    item->batch = batch;
    CALL(env, napi_create_async_work(env, NULL, name, Execute, Complete, item, &item->work));
    CALL(env, napi_queue_async_work(env, item->work));
  }
  int cancel_failed = 0;
  for (int i = 0; i < batch->total; i++) {
    if (napi_cancel_async_work(env, batch->items[i].work) != napi_ok) cancel_failed++;
  }
  napi_value result;
  CALL(env, napi_get_boolean(env, cancel_failed < batch->total, &result));
  return result;
}

// ---- everything an env holds, for start/stop churn ----
// Finalizers run by every env that called holdEverything (the addon is loaded once per
// process; its workers share this count).
static int64_t finalized_total;
// Joined producers whose last call was answered napi_closing.
static int64_t closing_seen;

static void CountFinalized(void) { __atomic_add_fetch(&finalized_total, 1, __ATOMIC_SEQ_CST); }

static void FreeAndCount(napi_env env, void* data, void* hint) {
  free(data);
  CountFinalized();
}

typedef struct {
  napi_threadsafe_function tsfn;
  pthread_t joined;
  napi_status last_status;
} Held;

// Calls until the function closes (napi_closing), then never touches it again.
static napi_status CallUntilClosed(napi_threadsafe_function tsfn) {
  napi_status status;
  while ((status = napi_call_threadsafe_function(tsfn, NULL, napi_tsfn_blocking)) == napi_ok) SleepMs(1);
  return status;
}

static void* JoinedProducer(void* arg) {
  Held* held = (Held*)arg;
  held->last_status = CallUntilClosed(held->tsfn);
  return NULL;
}

static void* DetachedProducer(void* arg) {
  CallUntilClosed((napi_threadsafe_function)arg);
  return NULL;
}

static void HeldCall(napi_env env, napi_value js_cb, void* context, void* data) {}

// Joins one producer; the other is detached and may still be calling (it gets napi_closing).
static void HeldFinalize(napi_env env, void* data, void* hint) {
  Held* held = (Held*)data;
  pthread_join(held->joined, NULL);
  if (held->last_status == napi_closing) __atomic_add_fetch(&closing_seen, 1, __ATOMIC_SEQ_CST);
  free(held);
  CountFinalized();
}

static void HeldExecute(napi_env env, void* data) { SleepMs(5); }

static void HeldComplete(napi_env env, napi_status status, void* data) {
  napi_delete_async_work(env, *(napi_async_work*)data);
  free(data);
  CountFinalized();
}

// holdEverything(): references (3000 made and deleted, one left to teardown), a wrap and an
// added finalizer on objects that outlive the env, instance data, an unref'd threadsafe
// function (unbounded: node wakes one producer blocked on a full queue per close, so two
// could hang) two threads keep calling until told napi_closing (one joined by its finalizer,
// one detached, which may call after the finalizer ran), and slow async work in flight. Each of the five
// finalizers (wrap, added finalizer, instance data, threadsafe function, async work
// completion) runs once, by the env's teardown at the latest.
static napi_value HoldEverything(napi_env env, napi_callback_info info) {
  napi_value global, object, name;
  napi_ref refs[3000];
  CALL(env, napi_get_global(env, &global));
  for (int i = 0; i < 3000; i++) {
    CALL(env, napi_create_object(env, &object));
    CALL(env, napi_create_reference(env, object, 1, &refs[i]));
  }
  for (int i = 0; i < 3000; i++) CALL(env, napi_delete_reference(env, refs[i]));
  napi_ref kept;
  CALL(env, napi_create_reference(env, global, 1, &kept));
  for (int i = 0; i < 300; i++) {
    char key[16];
    snprintf(key, sizeof key, "held%d", i);
    CALL(env, napi_create_object(env, &object));
    CALL(env, napi_set_named_property(env, global, key, object));
  }
  CALL(env, napi_create_object(env, &object));
  CALL(env, napi_wrap(env, object, malloc(64), FreeAndCount, NULL, NULL));
  CALL(env, napi_set_named_property(env, global, "heldWrap", object));
  CALL(env, napi_create_object(env, &object));
  CALL(env, napi_add_finalizer(env, object, malloc(64), FreeAndCount, NULL, NULL));
  CALL(env, napi_set_named_property(env, global, "heldFinalized", object));
  CALL(env, napi_set_instance_data(env, malloc(64), FreeAndCount, NULL));
  Held* held = calloc(1, sizeof(Held));
  CALL(env, napi_create_string_utf8(env, "held", NAPI_AUTO_LENGTH, &name));
  CALL(env, napi_create_threadsafe_function(env, NULL, NULL, name, 0, 2, held, HeldFinalize, NULL, HeldCall, &held->tsfn));
  CALL(env, napi_unref_threadsafe_function(env, held->tsfn));
  pthread_t detached;
  pthread_create(&held->joined, NULL, JoinedProducer, held);
  pthread_create(&detached, NULL, DetachedProducer, held->tsfn);
  pthread_detach(detached);
  napi_async_work* work = malloc(sizeof(napi_async_work));
  CALL(env, napi_create_async_work(env, NULL, name, HeldExecute, HeldComplete, work, work));
  CALL(env, napi_queue_async_work(env, *work));
  return NULL;
}

// finalizedTotal(): how many of holdEverything's finalizers have run in this process.
static napi_value FinalizedTotal(napi_env env, napi_callback_info info) {
  napi_value result;
  CALL(env, napi_create_int64(env, __atomic_load_n(&finalized_total, __ATOMIC_SEQ_CST), &result));
  return result;
}

// closingSeen(): how many joined producers ended on napi_closing.
static napi_value ClosingSeen(napi_env env, napi_callback_info info) {
  napi_value result;
  CALL(env, napi_create_int64(env, __atomic_load_n(&closing_seen, __ATOMIC_SEQ_CST), &result));
  return result;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor properties[] = {
    EXPORT("manyThreads", ManyThreads),
    EXPORT("teardownInFlight", TeardownInFlight),
    EXPORT("cancelWork", CancelWork),
    EXPORT("holdEverything", HoldEverything),
    EXPORT("finalizedTotal", FinalizedTotal),
    EXPORT("closingSeen", ClosingSeen),
  };
  DEFINE_EXPORTS(env, exports, properties);
  return exports;
}
