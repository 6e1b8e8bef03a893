// The Node-API hot paths the benchmarks time: one function per case, doing as little as
// the case needs, so that the runtime's cost dominates.
#include <node_api.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>
#include "test_addon.h"

static napi_value Empty(napi_env env, napi_callback_info info) { return NULL; }

static napi_value Add3(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3], result;
  double a, b, c;
  CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  CALL(env, napi_get_value_double(env, argv[0], &a));
  CALL(env, napi_get_value_double(env, argv[1], &b));
  CALL(env, napi_get_value_double(env, argv[2], &c));
  CALL(env, napi_create_double(env, a + b + c, &result));
  return result;
}

static char string_buffer[8192];

// Reads a UTF-8 string and returns it again.
static napi_value EchoUtf8(napi_env env, napi_callback_info info) {
  size_t argc = 1, length;
  napi_value arg, result;
  CALL(env, napi_get_cb_info(env, info, &argc, &arg, NULL, NULL));
  CALL(env, napi_get_value_string_utf8(env, arg, string_buffer, sizeof string_buffer, &length));
  CALL(env, napi_create_string_utf8(env, string_buffer, length, &result));
  return result;
}

static char external_text[] = "abcdefghijklmnop";

// A 16-byte external string over static Latin-1 text: the external input shape of the utf8 case.
static napi_value ExternalLatin1(napi_env env, napi_callback_info info) {
  napi_value result;
  bool copied;
  CALL(env, node_api_create_external_string_latin1(env, external_text, sizeof external_text - 1, NULL, NULL, &result, &copied));
  return result;
}

static const char latin1_text[] = "caf\xe9 na\xefve r\xe9sum\xe9";
static const char16_t utf16_text[] = {'u', 't', 'f', 0x2011, '1', '6', ' ', 0x20AC, 0};

static napi_value Latin1Out(napi_env env, napi_callback_info info) {
  napi_value result;
  CALL(env, napi_create_string_latin1(env, latin1_text, NAPI_AUTO_LENGTH, &result));
  return result;
}

static napi_value Utf16Out(napi_env env, napi_callback_info info) {
  napi_value result;
  CALL(env, napi_create_string_utf16(env, utf16_text, NAPI_AUTO_LENGTH, &result));
  return result;
}

static const char* names[10] = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"};

static napi_value Object10(napi_env env, napi_callback_info info) {
  napi_value object, value;
  CALL(env, napi_create_object(env, &object));
  for (int i = 0; i < 10; i++) {
    CALL(env, napi_create_int32(env, i, &value));
    CALL(env, napi_set_named_property(env, object, names[i], value));
  }
  return object;
}

// Reads property "x" of the argument and sets "y" to it.
static napi_value GetSet(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value object, value;
  CALL(env, napi_get_cb_info(env, info, &argc, &object, NULL, NULL));
  CALL(env, napi_get_named_property(env, object, "x", &value));
  CALL(env, napi_set_named_property(env, object, "y", value));
  return value;
}

// Doubles an array of numbers into a new array.
static napi_value DoubleArray(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value input, output, element;
  uint32_t length;
  double value;
  CALL(env, napi_get_cb_info(env, info, &argc, &input, NULL, NULL));
  CALL(env, napi_get_array_length(env, input, &length));
  CALL(env, napi_create_array_with_length(env, length, &output));
  for (uint32_t i = 0; i < length; i++) {
    CALL(env, napi_get_element(env, input, i, &element));
    CALL(env, napi_get_value_double(env, element, &value));
    CALL(env, napi_create_double(env, value * 2, &element));
    CALL(env, napi_set_element(env, output, i, element));
  }
  return output;
}

typedef struct {
  double value;
} Counter;

static void FreeCounter(napi_env env, void* data, void* hint) { free(data); }

static napi_value CounterNew(napi_env env, napi_callback_info info) {
  napi_value self;
  CALL(env, napi_get_cb_info(env, info, NULL, NULL, &self, NULL));
  Counter* counter = calloc(1, sizeof(Counter));
  CALL(env, napi_wrap(env, self, counter, FreeCounter, NULL, NULL));
  return self;
}

static napi_value CounterIncrement(napi_env env, napi_callback_info info) {
  napi_value self, result;
  Counter* counter;
  CALL(env, napi_get_cb_info(env, info, NULL, NULL, &self, NULL));
  CALL(env, napi_unwrap(env, self, (void**)&counter));
  CALL(env, napi_create_double(env, ++counter->value, &result));
  return result;
}

static char external_memory[256];

static napi_value ExternalArrayBuffer(napi_env env, napi_callback_info info) {
  napi_value buffer;
  void* data;
  size_t length;
  CALL(env, napi_create_external_arraybuffer(env, external_memory, sizeof external_memory, NULL, NULL, &buffer));
  CALL(env, napi_get_arraybuffer_info(env, buffer, &data, &length));
  return buffer;
}

static napi_value TypedArrayInfo(napi_env env, napi_callback_info info) {
  size_t argc = 1, length, offset;
  napi_value array, buffer, result;
  napi_typedarray_type type;
  void* data;
  CALL(env, napi_get_cb_info(env, info, &argc, &array, NULL, NULL));
  CALL(env, napi_get_typedarray_info(env, array, &type, &length, &data, &buffer, &offset));
  CALL(env, napi_create_uint32(env, (uint32_t)length, &result));
  return result;
}

static napi_value Reference(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value object;
  napi_ref ref;
  CALL(env, napi_get_cb_info(env, info, &argc, &object, NULL, NULL));
  CALL(env, napi_create_reference(env, object, 1, &ref));
  CALL(env, napi_delete_reference(env, ref));
  return NULL;
}

static napi_value Throw(napi_env env, napi_callback_info info) {
  napi_throw_error(env, "E_BENCH", "benchmark error");
  return NULL;
}

static napi_value Promise(napi_env env, napi_callback_info info) {
  napi_value promise, value;
  napi_deferred deferred;
  CALL(env, napi_create_promise(env, &deferred, &promise));
  CALL(env, napi_create_int32(env, 1, &value));
  CALL(env, napi_resolve_deferred(env, deferred, value));
  return promise;
}

// ---- threadsafe functions from 4 threads ----
typedef struct {
  napi_threadsafe_function tsfn;
  uv_thread_t threads[4];
  int calls_per_thread;
  int received;
  napi_ref done;
} TsfnRun;

static void TsfnProducer(void* arg) {
  TsfnRun* run = (TsfnRun*)arg;
  for (int i = 0; i < run->calls_per_thread; i++) napi_call_threadsafe_function(run->tsfn, NULL, napi_tsfn_blocking);
  napi_release_threadsafe_function(run->tsfn, napi_tsfn_release);
}

static void TsfnReceive(napi_env env, napi_value js_cb, void* context, void* data) {
  if (env != NULL) ((TsfnRun*)context)->received++;
}

static void TsfnFinished(napi_env env, void* data, void* hint) {
  TsfnRun* run = (TsfnRun*)data;
  for (int i = 0; i < 4; i++) uv_thread_join(&run->threads[i]);
  napi_value done, undefined, count;
  napi_get_reference_value(env, run->done, &done);
  napi_get_undefined(env, &undefined);
  napi_create_int32(env, run->received, &count);
  napi_call_function(env, undefined, done, 1, &count, NULL);
  napi_delete_reference(env, run->done);
  free(run);
}

// tsfnThroughput(callsPerThread, done(count))
static napi_value TsfnThroughput(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2], name;
  CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  TsfnRun* run = calloc(1, sizeof(TsfnRun));
  CALL(env, napi_get_value_int32(env, argv[0], &run->calls_per_thread));
  CALL(env, napi_create_reference(env, argv[1], 1, &run->done));
  CALL(env, napi_create_string_utf8(env, "bench", NAPI_AUTO_LENGTH, &name));
  CALL(env, napi_create_threadsafe_function(env, NULL, NULL, name, 0, 4, run, TsfnFinished, run, TsfnReceive, &run->tsfn));
  for (int i = 0; i < 4; i++) uv_thread_create(&run->threads[i], TsfnProducer, run);
  return NULL;
}

// ---- async work round trip ----
typedef struct {
  napi_async_work work;
  napi_ref done;
} WorkRun;

static void NoWork(napi_env env, void* data) {}

static void WorkDone(napi_env env, napi_status status, void* data) {
  WorkRun* run = (WorkRun*)data;
  napi_value done, undefined;
  napi_get_reference_value(env, run->done, &done);
  napi_get_undefined(env, &undefined);
  napi_call_function(env, undefined, done, 0, NULL, NULL);
  napi_delete_reference(env, run->done);
  napi_delete_async_work(env, run->work);
  free(run);
}

// asyncWork(done): queues empty work; done() runs on completion.
static napi_value AsyncWork(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value done, name;
  CALL(env, napi_get_cb_info(env, info, &argc, &done, NULL, NULL));
  WorkRun* run = calloc(1, sizeof(WorkRun));
  CALL(env, napi_create_reference(env, done, 1, &run->done));
  CALL(env, napi_create_string_utf8(env, "bench", NAPI_AUTO_LENGTH, &name));
  CALL(env, napi_create_async_work(env, NULL, name, NoWork, WorkDone, run, &run->work));
  CALL(env, napi_queue_async_work(env, run->work));
  return NULL;
}

NAPI_MODULE_INIT() {
  napi_value counter;
  napi_property_descriptor counter_methods[] = {
    {"increment", NULL, CounterIncrement, NULL, NULL, NULL, napi_default_method, NULL},
  };
  napi_define_class(env, "Counter", NAPI_AUTO_LENGTH, CounterNew, NULL, 1, counter_methods, &counter);
  napi_property_descriptor properties[] = {
    EXPORT("empty", Empty),
    EXPORT("add3", Add3),
    EXPORT("echoUtf8", EchoUtf8),
    EXPORT("latin1Out", Latin1Out),
    EXPORT("externalLatin1", ExternalLatin1),
    EXPORT("utf16Out", Utf16Out),
    EXPORT("object10", Object10),
    EXPORT("getSet", GetSet),
    EXPORT("doubleArray", DoubleArray),
    EXPORT("externalArrayBuffer", ExternalArrayBuffer),
    EXPORT("typedArrayInfo", TypedArrayInfo),
    EXPORT("reference", Reference),
    EXPORT("throwError", Throw),
    EXPORT("promise", Promise),
    EXPORT("tsfnThroughput", TsfnThroughput),
    EXPORT("asyncWork", AsyncWork),
    {"Counter", NULL, NULL, NULL, NULL, counter, napi_default, NULL},
  };
  DEFINE_EXPORTS(env, exports, properties);
  return exports;
}
