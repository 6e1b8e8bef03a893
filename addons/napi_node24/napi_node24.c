// Node-API behaviour that changed between Node 20 and Node 24, checked against Node 24:
// statuses of calls while an exception is pending and of defines that throw, the order in
// which a closing threadsafe function drains its queue and finalizes, which async context
// frame (AsyncLocalStorage) native callbacks run in, SharedArrayBuffers given to the
// ArrayBuffer functions, property keys, and external buffers, which transfer lists refuse.
#define NAPI_VERSION 10
#include <node_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "test_addon.h"

// [status, the exception the call left pending (or the value it made)].
static napi_value Outcome(napi_env env, napi_status status, napi_value value) {
  napi_value pair, exception;
  bool pending = false;
  napi_is_exception_pending(env, &pending);
  if (pending) napi_get_and_clear_last_exception(env, &exception);
  napi_create_array(env, &pair);
  napi_set_element(env, pair, 0, Int(env, status));
  if (pending) {
    napi_set_element(env, pair, 1, exception);
  } else if (status == napi_ok && value != NULL) {
    napi_set_element(env, pair, 1, value);
  }
  return pair;
}

static napi_value Nothing(napi_env env, napi_callback_info info) { return NULL; }

// defineOn(target, kind): napi_define_properties of one property named "p": kind 0 a data
// property with every attribute (node's CreateDataProperty path), 1 a read-only one
// (DefineProperty), 2 a method, 3 a getter.
static napi_value DefineOn(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  int32_t kind = 0;
  Args(env, info, argv, 2);
  napi_get_value_int32(env, argv[1], &kind);
  napi_property_descriptor descriptor = {"p", NULL, NULL, NULL, NULL, Int(env, 1), napi_default_jsproperty, NULL};
  if (kind == 1) descriptor.attributes = napi_enumerable;
  if (kind == 2) descriptor = (napi_property_descriptor){"p", NULL, Nothing, NULL, NULL, NULL, napi_default_method, NULL};
  if (kind == 3) descriptor = (napi_property_descriptor){"p", NULL, NULL, Nothing, NULL, NULL, napi_configurable, NULL};
  return Outcome(env, napi_define_properties(env, argv[0], 1, &descriptor), NULL);
}

// whilePending(): the status of each call made while an exception is pending, in order.
static napi_value WhilePending(napi_env env, napi_callback_info info) {
  napi_value object = Object(env), number = Int(env, 1), result, statuses, exception;
  napi_status got[24];
  int count = 0;
  bool flag;
  double date_value;
  uint32_t length;
  void* data;
  napi_value array;
  napi_create_array(env, &array);
  napi_throw_error(env, NULL, "pending");
  got[count++] = napi_create_function(env, "f", NAPI_AUTO_LENGTH, Nothing, NULL, &result);
  got[count++] = napi_define_class(env, "C", NAPI_AUTO_LENGTH, Nothing, NULL, 0, NULL, &result);
  got[count++] = napi_get_property_names(env, object, &result);
  got[count++] = napi_strict_equals(env, object, number, &flag);
  got[count++] = napi_get_array_length(env, array, &length);
  got[count++] = napi_get_prototype(env, object, &result);
  got[count++] = napi_create_external(env, NULL, NULL, NULL, &result);
  got[count++] = napi_create_arraybuffer(env, 4, &data, &result);
  got[count++] = napi_create_date(env, 0, &result);
  got[count++] = napi_get_date_value(env, number, &date_value);
  got[count++] = napi_coerce_to_bool(env, number, &result);
  got[count++] = napi_create_promise(env, (napi_deferred*)&data, &result);
  got[count++] = napi_create_buffer(env, 4, &data, &result);
  got[count++] = napi_create_object(env, &result);
  got[count++] = napi_create_string_utf8(env, "s", 1, &result);
  got[count++] = napi_typeof(env, object, (napi_valuetype*)&length);
  got[count++] = napi_create_reference(env, object, 0, (napi_ref*)&data);
  if (got[count - 1] == napi_ok) napi_delete_reference(env, (napi_ref)data);
  got[count++] = napi_create_symbol(env, NULL, &result);
  got[count++] = napi_is_array(env, array, &flag);
  got[count++] = node_api_create_property_key_utf8(env, "k", 1, &result);
  napi_get_and_clear_last_exception(env, &exception);
  napi_create_array(env, &statuses);
  for (int i = 0; i < count; i++) napi_set_element(env, statuses, i, Int(env, got[i]));
  return statuses;
}

// ---- a closing threadsafe function: queue, then finalizer ----
static char tsfn_log[256];

static void Append(const char* text) {
  if (strlen(tsfn_log) + strlen(text) + 2 < sizeof tsfn_log) {
    if (tsfn_log[0] != '\0') strcat(tsfn_log, " ");
    strcat(tsfn_log, text);
  }
}

static void LogCall(napi_env env, napi_value js_callback, void* context, void* data) {
  char entry[32];
  snprintf(entry, sizeof entry, "call%d(%s)", (int)(size_t)data, env == NULL ? "no env" : "env");
  Append(entry);
}

static void LogFinalize(napi_env env, void* data, void* hint) { Append("finalize"); }

// tsfnClose(abort): queues calls 1 and 2 on a new threadsafe function, then releases it
// (aborting when asked); tsfnLog() later says what ran, in order.
static napi_value TsfnClose(napi_env env, napi_callback_info info) {
  napi_threadsafe_function tsfn;
  bool abort_it = false;
  napi_get_value_bool(env, FirstArg(env, info), &abort_it);
  tsfn_log[0] = '\0';
  CALL(env, napi_create_threadsafe_function(env, NULL, NULL, Str(env, "node24"), 0, 1, NULL, LogFinalize, NULL,
                                            LogCall, &tsfn));
  CALL(env, napi_call_threadsafe_function(tsfn, (void*)1, napi_tsfn_blocking));
  CALL(env, napi_call_threadsafe_function(tsfn, (void*)2, napi_tsfn_blocking));
  CALL(env, napi_release_threadsafe_function(tsfn, abort_it ? napi_tsfn_abort : napi_tsfn_release));
  return NULL;
}

static napi_value TsfnLog(napi_env env, napi_callback_info info) { return Str(env, tsfn_log); }

// ---- async context frames of native callbacks ----
static void FreeContext(napi_env env, void* data, void* hint) {}

// contextNow(): an async context made now (for a new resource object), as an external.
static napi_value ContextNow(napi_env env, napi_callback_info info) {
  napi_async_context context;
  napi_value external;
  CALL(env, napi_async_init(env, Object(env), Str(env, "node24-context"), &context));
  CALL(env, napi_create_external(env, context, FreeContext, NULL, &external));
  return external;
}

static napi_async_context ContextOf(napi_env env, napi_value external) {
  void* context = NULL;
  napi_get_value_external(env, external, &context);
  return (napi_async_context)context;
}

// makeCallbackIn(context, fn): napi_make_callback of fn in that context (NULL for null).
static napi_value MakeCallbackIn(napi_env env, napi_callback_info info) {
  napi_value argv[2], global, result;
  Args(env, info, argv, 2);
  napi_valuetype type;
  napi_typeof(env, argv[0], &type);
  napi_get_global(env, &global);
  napi_async_context context = type == napi_external ? ContextOf(env, argv[0]) : NULL;
  CALL(env, napi_make_callback(env, context, global, argv[1], 0, NULL, &result));
  return result;
}

// scopeIn(context, fn): fn called inside a callback scope opened in that context.
static napi_value ScopeIn(napi_env env, napi_callback_info info) {
  napi_value argv[2], global, result = NULL;
  napi_callback_scope scope;
  Args(env, info, argv, 2);
  napi_get_global(env, &global);
  CALL(env, napi_open_callback_scope(env, Object(env), ContextOf(env, argv[0]), &scope));
  napi_call_function(env, global, argv[1], 0, NULL, &result);
  CALL(env, napi_close_callback_scope(env, scope));
  return result;
}

static napi_value DestroyContext(napi_env env, napi_callback_info info) {
  CALL(env, napi_async_destroy(env, ContextOf(env, FirstArg(env, info))));
  return NULL;
}

// tsfnCall(fn): fn called once from the loop through a threadsafe function queued now.
static napi_value TsfnCall(napi_env env, napi_callback_info info) {
  napi_threadsafe_function tsfn;
  CALL(env, napi_create_threadsafe_function(env, FirstArg(env, info), NULL, Str(env, "node24-call"), 0, 1, NULL, NULL,
                                            NULL, NULL, &tsfn));
  CALL(env, napi_call_threadsafe_function(tsfn, NULL, napi_tsfn_blocking));
  CALL(env, napi_release_threadsafe_function(tsfn, napi_tsfn_release));
  return NULL;
}

// ---- ArrayBuffer functions given other values ----
// arrayBufferChecks(value): napi_is_arraybuffer, napi_get_arraybuffer_info's status and
// length, napi_create_typedarray's and napi_create_dataview's outcomes over it, and
// napi_is_detached_arraybuffer.
static napi_value ArrayBufferChecks(napi_env env, napi_callback_info info) {
  napi_value value = FirstArg(env, info), results, made;
  bool is_arraybuffer = false, detached = false;
  size_t length = 12345;
  void* data = NULL;
  napi_create_array(env, &results);
  napi_status status = napi_is_arraybuffer(env, value, &is_arraybuffer);
  napi_set_element(env, results, 0, Int(env, status == napi_ok ? is_arraybuffer : -status));
  status = napi_get_arraybuffer_info(env, value, &data, &length);
  napi_set_element(env, results, 1, Int(env, status));
  napi_set_element(env, results, 2, Int(env, status == napi_ok ? (int64_t)length : -1));
  status = napi_create_typedarray(env, napi_uint8_array, 1, value, 0, &made);
  napi_set_element(env, results, 3, Outcome(env, status, made));
  status = napi_create_dataview(env, 1, value, 0, &made);
  napi_set_element(env, results, 4, Outcome(env, status, made));
  status = napi_is_detached_arraybuffer(env, value, &detached);
  napi_set_element(env, results, 5, Int(env, status == napi_ok ? detached : -status));
  return results;
}

// ---- property keys ----
// propertyKeys(): outcomes of node_api_create_property_key_* with edge arguments.
static napi_value PropertyKeys(napi_env env, napi_callback_info info) {
  napi_value results, key;
  const char16_t units[] = {'k', 0x3b1, 0};
  napi_create_array(env, &results);
  napi_status status;
  // Each call before its Outcome: C leaves the order of evaluating arguments open.
  key = NULL;
  status = node_api_create_property_key_utf8(env, NULL, 0, &key);
  napi_set_element(env, results, 0, Outcome(env, status, key));
  key = NULL;
  status = node_api_create_property_key_utf8(env, NULL, 1, &key);
  napi_set_element(env, results, 1, Outcome(env, status, key));
  key = NULL;
  status = node_api_create_property_key_latin1(env, "ab", 0, &key);
  napi_set_element(env, results, 2, Outcome(env, status, key));
  key = NULL;
  status = node_api_create_property_key_utf16(env, units, NAPI_AUTO_LENGTH, &key);
  napi_set_element(env, results, 3, Outcome(env, status, key));
  key = NULL;
  status = node_api_create_property_key_utf8(env, "abc", (size_t)1 << 40, &key);
  napi_set_element(env, results, 4, Outcome(env, status, key));
  status = node_api_create_property_key_utf8(env, "abc", 2, NULL);
  napi_set_element(env, results, 5, Outcome(env, status, NULL));
  key = NULL;
  status = node_api_create_property_key_latin1(env, "k\xe9y", NAPI_AUTO_LENGTH, &key);
  napi_set_element(env, results, 6, Outcome(env, status, key));
  return results;
}

// ---- external buffers are untransferable ----
static void FreeExternal(napi_env env, void* data, void* hint) { free(data); }

// externalBuffers(): [an external ArrayBuffer, an external Buffer], four bytes each.
static napi_value ExternalBuffers(napi_env env, napi_callback_info info) {
  napi_value results, arraybuffer, buffer;
  char* first = malloc(4);
  char* second = malloc(4);
  memcpy(first, "abcd", 4);
  memcpy(second, "efgh", 4);
  CALL(env, napi_create_external_arraybuffer(env, first, 4, FreeExternal, NULL, &arraybuffer));
  CALL(env, napi_create_external_buffer(env, 4, second, FreeExternal, NULL, &buffer));
  napi_create_array(env, &results);
  napi_set_element(env, results, 0, arraybuffer);
  napi_set_element(env, results, 1, buffer);
  return results;
}

// ---- Buffer functions given other views ----
// bufferChecks(value): napi_is_buffer, napi_get_buffer_info's status and length, and
// napi_detach_arraybuffer's status (the value is detached when it can be).
static napi_value BufferChecks(napi_env env, napi_callback_info info) {
  napi_value value = FirstArg(env, info), results;
  bool is_buffer = false;
  size_t length = 12345;
  void* data = NULL;
  napi_create_array(env, &results);
  napi_status status = napi_is_buffer(env, value, &is_buffer);
  napi_set_element(env, results, 0, Int(env, status == napi_ok ? is_buffer : -status));
  status = napi_get_buffer_info(env, value, &data, &length);
  napi_set_element(env, results, 1, Int(env, status));
  napi_set_element(env, results, 2, Int(env, status == napi_ok ? (int64_t)length : -1));
  status = napi_detach_arraybuffer(env, value);
  napi_set_element(env, results, 3, Outcome(env, status, NULL));
  return results;
}

// adjustMemory(change): how napi_adjust_external_memory's result moved, and its status.
static napi_value AdjustMemory(napi_env env, napi_callback_info info) {
  int64_t change = 0, before = 0, after = 0;
  napi_get_value_int64(env, FirstArg(env, info), &change);
  napi_adjust_external_memory(env, 0, &before);
  napi_status status = napi_adjust_external_memory(env, change, &after);
  napi_value results;
  napi_create_array(env, &results);
  napi_set_element(env, results, 0, Int(env, status));
  napi_set_element(env, results, 1, Int(env, after - before));
  napi_set_element(env, results, 2, Int(env, napi_adjust_external_memory(env, 1, NULL)));
  napi_adjust_external_memory(env, -change, &after);
  return results;
}

// viewInfo(view): napi_get_typedarray_info's or napi_get_dataview_info's status, and what
// they report: [status, type, length, byte offset, the array buffer, data - buffer data].
static napi_value ViewInfo(napi_env env, napi_callback_info info) {
  napi_value view = FirstArg(env, info), results, arraybuffer = NULL;
  napi_typedarray_type type = (napi_typedarray_type)-1;
  size_t length = 0, byte_offset = 0, buffer_length = 0;
  void* data = NULL;
  void* buffer_data = NULL;
  bool is_dataview = false;
  napi_is_dataview(env, view, &is_dataview);
  napi_status status = is_dataview
      ? napi_get_dataview_info(env, view, &length, &data, &arraybuffer, &byte_offset)
      : napi_get_typedarray_info(env, view, &type, &length, &data, &arraybuffer, &byte_offset);
  napi_create_array(env, &results);
  napi_set_element(env, results, 0, Int(env, status));
  if (status != napi_ok) return results;
  napi_get_arraybuffer_info(env, arraybuffer, &buffer_data, &buffer_length);
  napi_set_element(env, results, 1, Int(env, (int64_t)type));
  napi_set_element(env, results, 2, Int(env, (int64_t)length));
  napi_set_element(env, results, 3, Int(env, (int64_t)byte_offset));
  napi_set_element(env, results, 4, arraybuffer);
  napi_set_element(env, results, 5, Int(env, (char*)data - (char*)buffer_data));
  return results;
}

// ---- calls into JS that throws ----
// Sets results[name] = [status, the exception left pending].
static void Record(napi_env env, napi_value results, const char* name, napi_status status) {
  napi_set_named_property(env, results, name, Outcome(env, status, NULL));
}

// throwingCalls(hostile, constructor, fn): the outcome of calls that run JS which throws:
// `hostile` is an object whose traps, getters and conversions throw, `constructor` one whose
// Symbol.hasInstance throws, `fn` a function that throws.
static napi_value ThrowingCalls(napi_env env, napi_callback_info info) {
  napi_value argv[3], results = Object(env), result, global;
  bool flag;
  Args(env, info, argv, 3);
  napi_get_global(env, &global);
  Record(env, results, "coerce_to_number", napi_coerce_to_number(env, argv[0], &result));
  Record(env, results, "coerce_to_string", napi_coerce_to_string(env, argv[0], &result));
  Record(env, results, "coerce_to_object", napi_coerce_to_object(env, argv[0], &result));
  Record(env, results, "coerce_to_bool", napi_coerce_to_bool(env, argv[0], &result));
  Record(env, results, "instanceof", napi_instanceof(env, Object(env), argv[1], &flag));
  Record(env, results, "get_all_property_names",
         napi_get_all_property_names(env, argv[0], napi_key_own_only, napi_key_all_properties, napi_key_keep_numbers, &result));
  Record(env, results, "get_property_names", napi_get_property_names(env, argv[0], &result));
  Record(env, results, "object_freeze", napi_object_freeze(env, argv[0]));
  Record(env, results, "object_seal", napi_object_seal(env, argv[0]));
  Record(env, results, "get_prototype", napi_get_prototype(env, argv[0], &result));
  Record(env, results, "call_function", napi_call_function(env, global, argv[2], 0, NULL, &result));
  Record(env, results, "new_instance", napi_new_instance(env, argv[2], 0, NULL, &result));
  Record(env, results, "new_instance of constructor", napi_new_instance(env, argv[1], 0, NULL, &result));
  Record(env, results, "run_script", napi_run_script(env, Str(env, "throw new EvalError('script threw')"), &result));
  Record(env, results, "run_script syntax", napi_run_script(env, Str(env, "("), &result));
  Record(env, results, "run_script number", napi_run_script(env, Int(env, 1), &result));
  Record(env, results, "strict_equals", napi_strict_equals(env, argv[0], argv[1], &flag));
  Record(env, results, "get_array_length", napi_get_array_length(env, argv[0], (uint32_t*)&flag));
  Record(env, results, "is_array", napi_is_array(env, argv[0], &flag));
  Record(env, results, "wrap", napi_wrap(env, argv[0], results, NULL, NULL, NULL));
  napi_type_tag tag = {1, 2};
  Record(env, results, "type_tag_object", napi_type_tag_object(env, argv[0], &tag));
  Record(env, results, "check_object_type_tag", napi_check_object_type_tag(env, argv[0], &tag, &flag));
  return results;
}

// ---- teardown order ----
static void PrintLine(const char* text) {
  fputs(text, stdout);
  fputc('\n', stdout);
  fflush(stdout);
}

static void PrintFinalize(napi_env env, void* data, void* hint) {
  char line[96];
  snprintf(line, sizeof line, "finalize %s", (const char*)hint);
  PrintLine(line);
}

static void FreeAndPrint(napi_env env, void* data, void* hint) {
  free(data);
  PrintFinalize(env, data, hint);
}

static void PrintHook(void* arg) {
  char line[64];
  snprintf(line, sizeof line, "cleanup hook %s", (const char*)arg);
  PrintLine(line);
}

// Finalized at teardown: tries to make an external (refused: JS can no longer run) and an
// object (allowed).
static void FinalizeAndMake(napi_env env, void* data, void* hint) {
  napi_value external;
  PrintFinalize(env, data, hint);
  napi_status status = napi_create_external(env, NULL, PrintFinalize, "external made by a finalizer", &external);
  char line[80];
  snprintf(line, sizeof line, "napi_create_external in a finalizer at exit: %d", status);
  PrintLine(line);
  status = napi_create_object(env, &external);
  snprintf(line, sizeof line, "napi_create_object in a finalizer at exit: %d", status);
  PrintLine(line);
}

static void Keep(napi_env env, const char* name, napi_value value) {
  napi_value global;
  napi_get_global(env, &global);
  napi_set_named_property(env, global, name, value);
}

// teardownOrder(): hooks, external buffers and finalizable references made in an
// interleaved order, all alive at exit; their finalizers and hooks print as they run.
static napi_value TeardownOrder(napi_env env, napi_callback_info info) {
  napi_value value;
  napi_ref ref;
  napi_add_env_cleanup_hook(env, PrintHook, "A");
  CALL(env, napi_create_external_buffer(env, 4, malloc(4), FreeAndPrint, "external buffer 1", &value));
  Keep(env, "teardownBuffer1", value);
  napi_add_env_cleanup_hook(env, PrintHook, "B");
  value = Object(env);
  CALL(env, napi_wrap(env, value, NULL, PrintFinalize, "wrap 2 (held by a reference)", NULL));
  CALL(env, napi_create_reference(env, value, 1, &ref));
  CALL(env, napi_create_external_arraybuffer(env, malloc(4), 4, FreeAndPrint, "external arraybuffer 3", &value));
  Keep(env, "teardownArrayBuffer3", value);
  CALL(env, napi_create_external(env, NULL, FinalizeAndMake, "external 4", &value));
  Keep(env, "teardownExternal4", value);
  value = Object(env);
  CALL(env, napi_add_finalizer(env, value, NULL, PrintFinalize, "add_finalizer 5", NULL));
  Keep(env, "teardownObject5", value);
  napi_add_env_cleanup_hook(env, PrintHook, "C");
  CALL(env, napi_create_external_buffer(env, 4, malloc(4), FreeAndPrint, "external buffer 6", &value));
  Keep(env, "teardownBuffer6", value);
  CALL(env, napi_create_external_buffer(env, 4, malloc(4), FreeAndPrint, "external buffer 7", &value));
  Keep(env, "teardownBuffer7", value);
  CALL(env, napi_set_instance_data(env, NULL, PrintFinalize, "instance data"));
  return NULL;
}

// wrapExternal(): [napi_wrap, napi_unwrap, napi_remove_wrap] statuses on an external, which
// Node 24 crashes on (it cannot hold the wrap); anode refuses it with napi_invalid_arg.
static napi_value WrapExternal(napi_env env, napi_callback_info info) {
  static int data;
  napi_value external, results;
  void* unwrapped = NULL;
  napi_create_external(env, &data, NULL, NULL, &external);
  napi_create_array(env, &results);
  napi_set_element(env, results, 0, Int(env, napi_wrap(env, external, &data, NULL, NULL, NULL)));
  napi_set_element(env, results, 1, Int(env, napi_unwrap(env, external, &unwrapped)));
  napi_set_element(env, results, 2, Int(env, napi_remove_wrap(env, external, &unwrapped)));
  return results;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor properties[] = {
    EXPORT("wrapExternal", WrapExternal),
    EXPORT("defineOn", DefineOn),
    EXPORT("whilePending", WhilePending),
    EXPORT("tsfnClose", TsfnClose),
    EXPORT("tsfnLog", TsfnLog),
    EXPORT("contextNow", ContextNow),
    EXPORT("makeCallbackIn", MakeCallbackIn),
    EXPORT("scopeIn", ScopeIn),
    EXPORT("destroyContext", DestroyContext),
    EXPORT("tsfnCall", TsfnCall),
    EXPORT("arrayBufferChecks", ArrayBufferChecks),
    EXPORT("propertyKeys", PropertyKeys),
    EXPORT("externalBuffers", ExternalBuffers),
    EXPORT("bufferChecks", BufferChecks),
    EXPORT("adjustMemory", AdjustMemory),
    EXPORT("viewInfo", ViewInfo),
    EXPORT("throwingCalls", ThrowingCalls),
    EXPORT("teardownOrder", TeardownOrder),
  };
  DEFINE_EXPORTS(env, exports, properties);
  return exports;
}
