// The Node-API functions the other test addons leave out: callback scopes opened outside any
// call into JS, napi_fatal_exception and napi_fatal_error, async cleanup hooks, a threadsafe
// function's context, external strings, and finalizers posted from the GC. Built with
// NAPI_EXPERIMENTAL, so basic finalizers run inside the GC, as node runs them.
#define NAPI_EXPERIMENTAL
#include <node_api.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>
#include "test_addon.h"

// ---- callback scopes ----
typedef struct {
  uv_timer_t timer;
  napi_env env;
  napi_ref steps;
} ScopeCall;

static void CallStep(napi_env env, napi_value steps, uint32_t index) {
  napi_value step, global;
  napi_get_element(env, steps, index, &step);
  napi_get_global(env, &global);
  napi_call_function(env, global, step, 0, NULL, NULL);
}

static void FreeScopeCall(uv_handle_t* handle) { free(handle); }

// From a libuv timer, outside any call into JS: steps[0] in a callback scope of an async
// context, steps[1] still inside it, steps[2] after the scope closed.
static void OnScopeTimer(uv_timer_t* timer) {
  ScopeCall* call = (ScopeCall*)timer;
  napi_env env = call->env;
  napi_handle_scope handles;
  napi_value steps, resource;
  napi_async_context context;
  napi_callback_scope scope;
  napi_open_handle_scope(env, &handles);
  napi_get_reference_value(env, call->steps, &steps);
  napi_create_object(env, &resource);
  napi_async_init(env, resource, Str(env, "edges-scope"), &context);
  napi_open_callback_scope(env, resource, context, &scope);
  CallStep(env, steps, 0);
  CallStep(env, steps, 1);
  napi_close_callback_scope(env, scope);
  napi_async_destroy(env, context);
  CallStep(env, steps, 2);
  napi_delete_reference(env, call->steps);
  napi_close_handle_scope(env, handles);
  uv_close((uv_handle_t*)timer, FreeScopeCall);
}

// scopeFromTimer([inScope, stillInScope, afterClose])
static napi_value ScopeFromTimer(napi_env env, napi_callback_info info) {
  uv_loop_t* loop;
  CALL(env, napi_get_uv_event_loop(env, &loop));
  ScopeCall* call = calloc(1, sizeof(ScopeCall));
  call->env = env;
  CALL(env, napi_create_reference(env, FirstArg(env, info), 1, &call->steps));
  uv_timer_init(loop, &call->timer);
  uv_timer_start(&call->timer, OnScopeTimer, 0, 0);
  return NULL;
}

// scopeInCall(fn): fn called inside a callback scope opened within this call (not the
// outermost scope, so nothing drains when it closes); returns the two statuses.
static napi_value ScopeInCall(napi_env env, napi_callback_info info) {
  napi_value fn = FirstArg(env, info), global, resource, statuses;
  napi_async_context context;
  napi_callback_scope scope;
  napi_get_global(env, &global);
  napi_create_object(env, &resource);
  CALL(env, napi_async_init(env, resource, Str(env, "edges-inner"), &context));
  napi_status opened = napi_open_callback_scope(env, resource, context, &scope);
  napi_call_function(env, global, fn, 0, NULL, NULL);
  napi_status closed = napi_close_callback_scope(env, scope);
  napi_async_destroy(env, context);
  napi_create_array(env, &statuses);
  napi_set_element(env, statuses, 0, Int(env, opened));
  napi_set_element(env, statuses, 1, Int(env, closed));
  return statuses;
}

// scopeStatuses(): the statuses of callback scope calls with NULL arguments (a NULL async
// context is not among them: node dereferences it).
static napi_value ScopeStatuses(napi_env env, napi_callback_info info) {
  napi_value statuses, resource;
  napi_async_context context;
  napi_create_object(env, &resource);
  CALL(env, napi_async_init(env, resource, Str(env, "edges-statuses"), &context));
  napi_create_array(env, &statuses);
  napi_set_element(env, statuses, 0, Int(env, napi_open_callback_scope(env, resource, context, NULL)));
  napi_set_element(env, statuses, 1, Int(env, napi_close_callback_scope(env, NULL)));
  napi_set_element(env, statuses, 2, Int(env, napi_open_callback_scope(NULL, resource, context, NULL)));
  napi_async_destroy(env, context);
  return statuses;
}

// strayConversion(resource, name, then): napi_async_init's conversions throw outside
// Node-API's TryCatch, as node runs them; then 'return' returns, 'throw' throws an error of
// its own, 'call' makes a call that may run JS, 'clear' throws one and clears it again; 'call
// first' makes such a call before, 'throw first' throws before and clears it after; 'syntax'
// runs a script that does not compile, after such a call ('call, syntax') or after one that
// refuses its arguments ('refuse, syntax'); 'script throws' runs one that throws.
// Returns the digits of async_init's status, pending after it, the later call's status and
// pending at the end (a number: making an array would be calls that may run JS).
static napi_value StrayConversion(napi_env env, napi_callback_info info) {
  napi_value argv[3], global, object, cleared, result;
  Args(env, info, argv, 3);
  char then[16] = "";
  napi_get_value_string_utf8(env, argv[2], then, sizeof then, NULL);
  napi_async_context context = NULL;
  if (strcmp(then, "call first") == 0) {
    napi_get_global(env, &global);
    napi_get_named_property(env, global, "Object", &object);
  }
  if (strcmp(then, "throw first") == 0) napi_throw_error(env, "EDGES", "thrown by the addon first");
  napi_status init = napi_async_init(env, argv[0], argv[1], &context);
  bool pending_after_init = false, pending_at_end = false;
  napi_is_exception_pending(env, &pending_after_init);
  napi_status later = napi_ok;
  if (strcmp(then, "throw") == 0 || strcmp(then, "clear") == 0) later = napi_throw_error(env, "EDGES", "thrown by the addon");
  if (strcmp(then, "clear") == 0 || strcmp(then, "throw first") == 0) later = napi_get_and_clear_last_exception(env, &cleared);
  if (strcmp(then, "call") == 0 || strcmp(then, "call, syntax") == 0) {
    napi_get_global(env, &global);
    later = napi_get_named_property(env, global, "Object", &object);
  }
  if (strcmp(then, "refuse, syntax") == 0) later = napi_create_bigint_words(env, 0, 1, NULL, &object);
  size_t length = strlen(then);
  bool syntax = length >= 6 && strcmp(then + length - 6, "syntax") == 0;
  if (syntax || strcmp(then, "script throws") == 0) {
    napi_value source;
    napi_create_string_utf8(env, syntax ? "(" : "throw new RangeError('thrown by the script')", NAPI_AUTO_LENGTH, &source);
    later = later * 100 + napi_run_script(env, source, &object);
  }
  napi_is_exception_pending(env, &pending_at_end);
  if (init == napi_ok) napi_async_destroy(env, context);
  napi_create_int32(env, init * 1000 + pending_after_init * 100 + later * 10 + pending_at_end, &result);
  return result;
}

// ---- fatal errors and exceptions ----
// fatalException(error): raises it as an uncaught exception; returns the status.
static napi_value FatalException(napi_env env, napi_callback_info info) {
  return Int(env, napi_fatal_exception(env, FirstArg(env, info)));
}

// fatalError(location?, message): ends the process; explicit lengths cut both strings.
static napi_value FatalError(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  char location[64] = "", message[64] = "";
  size_t location_length = 0, message_length = 0;
  size_t argc = Args(env, info, argv, 3);
  napi_valuetype type;
  napi_typeof(env, argv[0], &type);
  if (type == napi_string) napi_get_value_string_utf8(env, argv[0], location, sizeof location, &location_length);
  napi_get_value_string_utf8(env, argv[1], message, sizeof message, &message_length);
  if (argc > 2) {
    napi_fatal_error(type == napi_string ? location : NULL, location_length - 1, message, message_length - 2);
  }
  napi_fatal_error(type == napi_string ? location : NULL, NAPI_AUTO_LENGTH, message, NAPI_AUTO_LENGTH);
  return NULL;
}

// ---- async cleanup hooks ----
typedef struct {
  napi_async_cleanup_hook_handle handle;
  uv_async_t async;
  const char* name;
} AsyncHook;

static void PrintLine(const char* text) {
  fputs(text, stdout);
  fputc('\n', stdout);
  fflush(stdout);
}

static void AsyncHookDone(uv_handle_t* handle) {
  AsyncHook* hook = (AsyncHook*)((char*)handle - offsetof(AsyncHook, async));
  char line[80];
  snprintf(line, sizeof line, "async cleanup %s finished", hook->name);
  PrintLine(line);
  napi_remove_async_cleanup_hook(hook->handle);
  free(hook);
}

// At teardown: closes the hook's libuv handle, and removes the hook once it has closed.
static void RunAsyncHook(napi_async_cleanup_hook_handle handle, void* arg) {
  AsyncHook* hook = arg;
  char line[80];
  snprintf(line, sizeof line, "async cleanup %s started", hook->name);
  PrintLine(line);
  uv_close((uv_handle_t*)&hook->async, AsyncHookDone);
}

static void RunSyncHook(void* arg) {
  char line[80];
  snprintf(line, sizeof line, "cleanup %s", (const char*)arg);
  PrintLine(line);
}

static void NoAsyncWork(uv_async_t* async) {}

static void FreeAsyncHook(uv_handle_t* handle) { free((char*)handle - offsetof(AsyncHook, async)); }

// cleanupHooks(): sync A, async B, sync C, async D removed at once; returns statuses.
static napi_value CleanupHooks(napi_env env, napi_callback_info info) {
  uv_loop_t* loop;
  napi_value statuses;
  CALL(env, napi_get_uv_event_loop(env, &loop));
  napi_create_array(env, &statuses);
  const char* names[] = {"B", "D"};
  AsyncHook* hooks[2];
  CALL(env, napi_add_env_cleanup_hook(env, RunSyncHook, "A"));
  for (int i = 0; i < 2; i++) {
    hooks[i] = calloc(1, sizeof(AsyncHook));
    hooks[i]->name = names[i];
    uv_async_init(loop, &hooks[i]->async, NoAsyncWork);
    uv_unref((uv_handle_t*)&hooks[i]->async);
    napi_status added = napi_add_async_cleanup_hook(env, RunAsyncHook, hooks[i], &hooks[i]->handle);
    napi_set_element(env, statuses, i, Int(env, added));
    if (i == 0) CALL(env, napi_add_env_cleanup_hook(env, RunSyncHook, "C"));
  }
  napi_set_element(env, statuses, 2, Int(env, napi_remove_async_cleanup_hook(hooks[1]->handle)));
  uv_close((uv_handle_t*)&hooks[1]->async, FreeAsyncHook);
  napi_set_element(env, statuses, 3, Int(env, napi_add_async_cleanup_hook(env, NULL, NULL, NULL)));
  napi_set_element(env, statuses, 4, Int(env, napi_remove_async_cleanup_hook(NULL)));
  return statuses;
}

// ---- threadsafe function context ----
static int tsfn_context_value = 7;

static void NoCall(napi_env env, napi_value js_callback, void* context, void* data) {}

// tsfnContext(): the context a threadsafe function was made with, read back (node asserts
// rather than return a status for NULL arguments, so none are passed), and the statuses of a
// second hold acquired and released.
static napi_value TsfnContext(napi_env env, napi_callback_info info) {
  napi_threadsafe_function tsfn;
  napi_value results;
  void* context = NULL;
  CALL(env, napi_create_threadsafe_function(env, NULL, NULL, Str(env, "edges"), 0, 1, NULL, NULL,
                                            &tsfn_context_value, NoCall, &tsfn));
  napi_status got = napi_get_threadsafe_function_context(tsfn, &context);
  napi_create_array(env, &results);
  napi_set_element(env, results, 0, Int(env, got));
  napi_set_element(env, results, 1, Int(env, context == &tsfn_context_value ? *(int*)context : -1));
  // A second thread's hold: acquired, then released with the first.
  napi_set_element(env, results, 2, Int(env, napi_acquire_threadsafe_function(tsfn)));
  napi_set_element(env, results, 3, Int(env, napi_release_threadsafe_function(tsfn, napi_tsfn_release)));
  CALL(env, napi_release_threadsafe_function(tsfn, napi_tsfn_release));
  return results;
}

// ---- external strings ----
static int strings_finalized = 0;

static void FinalizeString(node_api_basic_env env, void* data, void* hint) {
  strings_finalized++;
  free(data);
}

// externalStrings(): a latin1 and a utf16 external string, and whether each was copied.
static napi_value ExternalStrings(napi_env env, napi_callback_info info) {
  napi_value results, latin1, utf16;
  bool latin1_copied = true, utf16_copied = true;
  char* bytes = malloc(6);
  memcpy(bytes, "caf\xe9!", 6);
  char16_t* units = malloc(4 * sizeof(char16_t));
  const char16_t text[] = {0x3b1, 0x3b2, 'z', 0};
  memcpy(units, text, sizeof text);
  CALL(env, node_api_create_external_string_latin1(env, bytes, 5, FinalizeString, NULL, &latin1, &latin1_copied));
  CALL(env, node_api_create_external_string_utf16(env, units, NAPI_AUTO_LENGTH, FinalizeString, NULL, &utf16, &utf16_copied));
  napi_create_array(env, &results);
  napi_set_element(env, results, 0, latin1);
  napi_set_element(env, results, 1, utf16);
  napi_get_boolean(env, latin1_copied, &latin1);
  napi_get_boolean(env, utf16_copied, &utf16);
  napi_set_element(env, results, 2, latin1);
  napi_set_element(env, results, 3, utf16);
  napi_value bad;
  napi_set_element(env, results, 4, Int(env, node_api_create_external_string_utf16(env, NULL, 1, NULL, NULL, &bad, NULL)));
  napi_set_element(env, results, 5, Int(env, node_api_create_external_string_latin1(env, bytes, 1, NULL, NULL, NULL, NULL)));
  return results;
}

static napi_value StringsFinalized(napi_env env, napi_callback_info info) { return Int(env, strings_finalized); }

// ---- finalizers posted from the GC ----
static napi_ref posted_callback = NULL;
static int posted_runs = 0;

// Runs on the loop, where JS may run: calls the callback given to postFinalizer.
static void PostedFinalizer(napi_env env, void* data, void* hint) {
  napi_value callback, global, arg;
  posted_runs++;
  napi_get_reference_value(env, posted_callback, &callback);
  napi_get_global(env, &global);
  arg = Str(env, (const char*)hint);
  napi_call_function(env, global, callback, 1, &arg, NULL);
}

// Runs inside the GC: no JS here, so it posts the finalizer that calls JS.
static void BasicFinalizer(node_api_basic_env env, void* data, void* hint) {
  node_api_post_finalizer(env, PostedFinalizer, data, hint);
}

// postFinalizer(callback): an external whose GC finalizer posts one that calls callback.
static napi_value PostFinalizer(napi_env env, napi_callback_info info) {
  napi_value external;
  if (posted_callback == NULL) CALL(env, napi_create_reference(env, FirstArg(env, info), 1, &posted_callback));
  CALL(env, napi_create_external(env, NULL, BasicFinalizer, "posted from the GC", &external));
  return external;
}

static napi_value PostedRuns(napi_env env, napi_callback_info info) { return Int(env, posted_runs); }

NAPI_MODULE_INIT() {
  napi_property_descriptor properties[] = {
    EXPORT("scopeFromTimer", ScopeFromTimer),
    EXPORT("scopeInCall", ScopeInCall),
    EXPORT("scopeStatuses", ScopeStatuses),
    EXPORT("strayConversion", StrayConversion),
    EXPORT("fatalException", FatalException),
    EXPORT("fatalError", FatalError),
    EXPORT("cleanupHooks", CleanupHooks),
    EXPORT("tsfnContext", TsfnContext),
    EXPORT("externalStrings", ExternalStrings),
    EXPORT("stringsFinalized", StringsFinalized),
    EXPORT("postFinalizer", PostFinalizer),
    EXPORT("postedRuns", PostedRuns),
  };
  DEFINE_EXPORTS(env, exports, properties);
  return exports;
}
