// Probes the statuses and values of the first Node-API slice, bad input included.
// Every probe returns what the call returned, so JS can compare runtimes line by line.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <node_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>
#include "test_addon.h"

// The last error of the previous call, as { code, message }.
static napi_value last_error(napi_env env) {
  const napi_extended_error_info* info = NULL;
  napi_get_last_error_info(env, &info);
  napi_value obj;
  napi_create_object(env, &obj);
  Set(env, obj, "code", Int(env, info->error_code));
  napi_value msg;
  if (info->error_message) msg = Str(env, info->error_message);
  else napi_get_null(env, &msg);
  Set(env, obj, "message", msg);
  return obj;
}

// nullArgs(): statuses for NULL arguments of each function in the slice.
static napi_value NullArgs(napi_env env, napi_callback_info info) {
  napi_value r, v, obj;
  napi_create_object(env, &r);
  napi_create_object(env, &obj);
  napi_create_int32(env, 1, &v);
  double d; int32_t i32; uint32_t u32; int64_t i64; bool b; size_t len; napi_valuetype t;
#define PROBE(name, call) Set(env, r, name, Int(env, (call)))
  PROBE("create_string_utf8 str NULL", napi_create_string_utf8(env, NULL, NAPI_AUTO_LENGTH, &v));
  PROBE("create_string_utf8 str NULL len 0", napi_create_string_utf8(env, NULL, 0, &v));
  PROBE("create_string_utf8 result NULL", napi_create_string_utf8(env, "x", 1, NULL));
  PROBE("create_string_utf8 len > INT_MAX", napi_create_string_utf8(env, "x", (size_t)1 << 33, &v));
  PROBE("create_double result NULL", napi_create_double(env, 1, NULL));
  PROBE("create_int32 result NULL", napi_create_int32(env, 1, NULL));
  PROBE("create_uint32 result NULL", napi_create_uint32(env, 1, NULL));
  PROBE("create_int64 result NULL", napi_create_int64(env, 1, NULL));
  PROBE("get_value_double value NULL", napi_get_value_double(env, NULL, &d));
  PROBE("get_value_double result NULL", napi_get_value_double(env, v, NULL));
  PROBE("get_value_int32 value NULL", napi_get_value_int32(env, NULL, &i32));
  PROBE("get_value_uint32 result NULL", napi_get_value_uint32(env, v, NULL));
  PROBE("get_value_int64 value NULL", napi_get_value_int64(env, NULL, &i64));
  PROBE("get_value_bool value NULL", napi_get_value_bool(env, NULL, &b));
  PROBE("get_value_string_utf8 value NULL", napi_get_value_string_utf8(env, NULL, NULL, 0, &len));
  PROBE("get_value_string_utf8 buf and result NULL", napi_get_value_string_utf8(env, Str(env, "s"), NULL, 0, NULL));
  PROBE("typeof value NULL", napi_typeof(env, NULL, &t));
  PROBE("typeof result NULL", napi_typeof(env, v, NULL));
  PROBE("create_object result NULL", napi_create_object(env, NULL));
  PROBE("set_named_property object NULL", napi_set_named_property(env, NULL, "k", v));
  PROBE("set_named_property name NULL", napi_set_named_property(env, obj, NULL, v));
  PROBE("set_named_property value NULL", napi_set_named_property(env, obj, "k", NULL));
  PROBE("get_named_property object NULL", napi_get_named_property(env, NULL, "k", &v));
  PROBE("get_named_property name NULL", napi_get_named_property(env, obj, NULL, &v));
  PROBE("get_named_property result NULL", napi_get_named_property(env, obj, "k", NULL));
  PROBE("create_function cb NULL", napi_create_function(env, "f", NAPI_AUTO_LENGTH, NULL, NULL, &v));
  PROBE("create_function result NULL", napi_create_function(env, "f", NAPI_AUTO_LENGTH, (napi_callback)NullArgs, NULL, NULL));
  PROBE("get_cb_info cbinfo NULL", napi_get_cb_info(env, NULL, NULL, NULL, NULL, NULL));
  PROBE("get_undefined result NULL", napi_get_undefined(env, NULL));
  PROBE("get_null result NULL", napi_get_null(env, NULL));
  PROBE("get_global result NULL", napi_get_global(env, NULL));
  PROBE("get_boolean result NULL", napi_get_boolean(env, true, NULL));
  PROBE("throw_error msg NULL", napi_throw_error(env, NULL, NULL));
  PROBE("get_last_error_info result NULL", napi_get_last_error_info(env, NULL));
  PROBE("is_exception_pending result NULL", napi_is_exception_pending(env, NULL));
  PROBE("env NULL", napi_create_object(NULL, &v));
#undef PROBE
  // A successful call clears the last error, message included.
  const napi_extended_error_info* error;
  napi_get_value_double(env, obj, &d);
  napi_get_last_error_info(env, &error);
  Set(env, r, "after failure: code", Int(env, error->error_code));
  Set(env, r, "after failure: message", Str(env, error->error_message));
  napi_create_object(env, &v);
  Set(env, r, "after success: code", Int(env, error->error_code));
  Set(env, r, "after success: message is NULL", Int(env, error->error_message == NULL));
  return r;
}

// wrongTypes(value): the statuses of each get_value_* for value, and its typeof.
static napi_value WrongTypes(napi_env env, napi_callback_info info) {
  napi_value arg = FirstArg(env, info), r;
  napi_create_object(env, &r);
  double d; int32_t i32; uint32_t u32; int64_t i64; bool b; size_t len; napi_valuetype t;
  Set(env, r, "double", Int(env, napi_get_value_double(env, arg, &d)));
  Set(env, r, "int32", Int(env, napi_get_value_int32(env, arg, &i32)));
  Set(env, r, "uint32", Int(env, napi_get_value_uint32(env, arg, &u32)));
  Set(env, r, "int64", Int(env, napi_get_value_int64(env, arg, &i64)));
  Set(env, r, "bool", Int(env, napi_get_value_bool(env, arg, &b)));
  Set(env, r, "string", Int(env, napi_get_value_string_utf8(env, arg, NULL, 0, &len)));
  Set(env, r, "lastError", last_error(env));
  napi_typeof(env, arg, &t);
  Set(env, r, "typeof", Int(env, t));
  return r;
}

// numbers(value): what each numeric getter makes of a number.
static napi_value Numbers(napi_env env, napi_callback_info info) {
  napi_value arg = FirstArg(env, info), r, out;
  napi_create_object(env, &r);
  int32_t i32 = -7; uint32_t u32 = 7; int64_t i64 = -7; double d = -7;
  napi_get_value_int32(env, arg, &i32);
  napi_get_value_uint32(env, arg, &u32);
  napi_get_value_int64(env, arg, &i64);
  napi_get_value_double(env, arg, &d);
  napi_create_int32(env, i32, &out); Set(env, r, "int32", out);
  napi_create_uint32(env, u32, &out); Set(env, r, "uint32", out);
  char text[32];
  snprintf(text, sizeof text, "%lld", (long long)i64);
  Set(env, r, "int64", Str(env, text));
  napi_create_double(env, d, &out); Set(env, r, "double", out);
  return r;
}

// utf8(value, bufsize): napi_get_value_string_utf8 into a buffer of bufsize bytes.
static napi_value Utf8(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value args[2], r;
  napi_get_cb_info(env, info, &argc, args, NULL, NULL);
  int32_t size;
  napi_get_value_int32(env, args[1], &size);
  char buf[64];
  memset(buf, 'X', sizeof buf);
  size_t copied = 12345;
  napi_status status = napi_get_value_string_utf8(env, args[0], size ? buf : NULL, size, &copied);
  napi_create_object(env, &r);
  Set(env, r, "status", Int(env, status));
  Set(env, r, "copied", Int(env, (int64_t)copied));
  if (size) {
    Set(env, r, "text", Str(env, buf));
    Set(env, r, "terminated", Int(env, buf[copied] == 0));
  }
  size_t length;
  napi_get_value_string_utf8(env, args[0], NULL, 0, &length);
  Set(env, r, "utf8Length", Int(env, (int64_t)length));
  return r;
}

// cbInfo(...args): argc and the padded argv for a capacity of 4, plus this and data.
static napi_value CbInfo(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4], self, r, list;
  void* data;
  napi_get_cb_info(env, info, &argc, argv, &self, &data);
  napi_create_object(env, &r);
  Set(env, r, "argc", Int(env, (int64_t)argc));
  napi_value global;
  napi_get_global(env, &global);
  napi_value array_ctor, args_array;
  napi_get_named_property(env, global, "Array", &array_ctor);
  napi_value of;
  napi_get_named_property(env, array_ctor, "of", &of);
  napi_call_function(env, array_ctor, of, 4, argv, &args_array);
  Set(env, r, "argv", args_array);
  Set(env, r, "this", self);
  Set(env, r, "data", Str(env, (const char*)data));
  size_t only_count = 0;
  napi_get_cb_info(env, info, &only_count, NULL, NULL, NULL);
  Set(env, r, "countOnly", Int(env, (int64_t)only_count));
  return r;
}

// exceptions(): pending-exception rules around throw and JS-running calls.
static napi_value Exceptions(napi_env env, napi_callback_info info) {
  napi_value r, v, obj, undef;
  napi_create_object(env, &r);
  napi_create_object(env, &obj);
  napi_get_undefined(env, &undef);
  bool pending;
  napi_is_exception_pending(env, &pending);
  Set(env, r, "pending at start", Int(env, pending));
  Set(env, r, "set on undefined", Int(env, napi_set_named_property(env, undef, "k", obj)));
  Set(env, r, "set on undefined last error", last_error(env));
  napi_is_exception_pending(env, &pending);
  Set(env, r, "pending after set on undefined", Int(env, pending));
  napi_value exception;
  napi_get_and_clear_last_exception(env, &exception);
  napi_value message;
  napi_get_named_property(env, exception, "constructor", &message);
  napi_get_named_property(env, message, "name", &message);
  Set(env, r, "cleared exception type", message);
  Set(env, r, "throw", Int(env, napi_throw_error(env, "CODE", "first")));
  Set(env, r, "throw again", Int(env, napi_throw_error(env, NULL, "second")));
  Set(env, r, "js call while pending", Int(env, napi_get_named_property(env, obj, "x", &v)));
  Set(env, r, "basic call while pending", Int(env, napi_create_object(env, &v)));
  napi_get_and_clear_last_exception(env, &exception);
  napi_get_named_property(env, exception, "message", &message);
  Set(env, r, "pending message", message);
  napi_get_named_property(env, exception, "code", &message);
  Set(env, r, "pending code", message);
  napi_get_and_clear_last_exception(env, &exception);
  napi_valuetype t;
  napi_typeof(env, exception, &t);
  Set(env, r, "nothing pending gives undefined", Int(env, t == napi_undefined));
  return r;
}

// throwingGetter(obj): get_named_property on a getter that throws.
static napi_value ThrowingGetter(napi_env env, napi_callback_info info) {
  napi_value arg = FirstArg(env, info), v, r;
  napi_status status = napi_get_named_property(env, arg, "boom", &v);
  napi_value exception;
  napi_get_and_clear_last_exception(env, &exception);
  napi_create_object(env, &r);
  Set(env, r, "status", Int(env, status));
  Set(env, r, "exception", exception);
  return r;
}

// rethrow(fn): calls fn; its exception stays pending and reaches JS when this returns.
static napi_value Rethrow(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value fn, undef, result;
  napi_get_cb_info(env, info, &argc, &fn, NULL, NULL);
  napi_get_undefined(env, &undef);
  napi_status status = napi_call_function(env, undef, fn, 0, NULL, &result);
  if (status == napi_ok) return result;
  return Int(env, status);
}

// selfLookup(): finds napi functions with dlsym on the main program, as addons that bind
// Node-API at load time do, and calls one.
typedef napi_status (*create_string_fn)(napi_env, const char*, size_t, napi_value*);
static napi_value SelfLookup(napi_env env, napi_callback_info info) {
  void* self = dlopen(NULL, RTLD_LAZY);
  create_string_fn create = (create_string_fn)dlsym(self, "napi_create_string_utf8");
  if (create == NULL) return Str(env, "napi_create_string_utf8 not found");
  napi_value result;
  if (create(env, "found by dlsym", NAPI_AUTO_LENGTH, &result) != napi_ok) return NULL;
  return result;
}

// getenv(name): the C environment's value, or null: process.env writes must reach it.
static napi_value GetEnv(napi_env env, napi_callback_info info) {
  napi_value arg = FirstArg(env, info), result;
  char name[128];
  size_t length;
  if (napi_get_value_string_utf8(env, arg, name, sizeof name, &length) != napi_ok) return NULL;
  const char* value = getenv(name);
  if (value == NULL) napi_get_null(env, &result);
  else napi_create_string_utf8(env, value, NAPI_AUTO_LENGTH, &result);
  return result;
}

// names(obj): named properties whose names come from one reused buffer, prefixes of each
// other, longer than a short name, and more distinct names than a small cache holds; then
// read back through another buffer.
static napi_value Names(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value obj, v, r;
  napi_get_cb_info(env, info, &argc, &obj, NULL, NULL);
  char name[64];
  const char* words[] = {"alpha", "al", "alphabet", "", "alpha", "a-name-longer-than-twenty-four-bytes", "a-name-longer-than-twenty-four-bytes!"};
  for (int round = 0; round < 2; round++) {
    for (int i = 0; i < (int)(sizeof words / sizeof words[0]); i++) {
      strcpy(name, words[i]);
      CALL(env, napi_set_named_property(env, obj, name, Int(env, i + 10 * round)));
    }
    for (int i = 0; i < 200; i++) {
      snprintf(name, sizeof name, "n%d", i);
      CALL(env, napi_set_named_property(env, obj, name, Int(env, i + 1000 * round)));
    }
  }
  char other[64];
  int sum = 0;
  for (int i = 0; i < 200; i++) {
    snprintf(other, sizeof other, "n%d", i);
    int32_t value;
    CALL(env, napi_get_named_property(env, obj, other, &v));
    CALL(env, napi_get_value_int32(env, v, &value));
    sum += value;
  }
  napi_create_object(env, &r);
  Set(env, r, "sum", Int(env, sum));
  bool has;
  strcpy(other, "alph");
  CALL(env, napi_has_named_property(env, obj, other, &has));
  Set(env, r, "has alph", Int(env, has));
  strcpy(other, "alphabet");
  CALL(env, napi_has_named_property(env, obj, other, &has));
  Set(env, r, "has alphabet", Int(env, has));
  return r;
}

#define DIGITS(p) p "0", p "1", p "2", p "3", p "4", p "5", p "6", p "7", p "8", p "9"
#define HUNDRED(p) DIGITS(p "0"), DIGITS(p "1"), DIGITS(p "2"), DIGITS(p "3"), DIGITS(p "4"), \
  DIGITS(p "5"), DIGITS(p "6"), DIGITS(p "7"), DIGITS(p "8"), DIGITS(p "9")
// Names in read-only memory: more distinct ones than a small cache holds, and long ones.
static const char* const constant_names[] = {HUNDRED("k"), HUNDRED("k1"), DIGITS("a-constant-name-longer-than-twenty-four-bytes-")};
// A name in writable static memory, rewritten between calls.
static char static_name[32] = "static-first";

// constantNames(obj): sets every constant name twice (values i, then i + 1000) and the
// static buffer's name before and after rewriting it; returns the sum read back by name.
static napi_value ConstantNames(napi_env env, napi_callback_info info) {
  napi_value obj = FirstArg(env, info), v;
  const int count = (int)(sizeof constant_names / sizeof constant_names[0]);
  for (int round = 0; round < 2; round++) {
    for (int i = 0; i < count; i++) CALL(env, napi_set_named_property(env, obj, constant_names[i], Int(env, i + 1000 * round)));
    strcpy(static_name, round == 0 ? "static-first" : "static-second");
    CALL(env, napi_set_named_property(env, obj, static_name, Int(env, round)));
  }
  int sum = 0;
  for (int i = 0; i < count; i++) {
    int32_t value;
    CALL(env, napi_get_named_property(env, obj, constant_names[i], &v));
    CALL(env, napi_get_value_int32(env, v, &value));
    sum += value;
  }
  return Int(env, sum);
}

// What one JS-running call did, as { status, pending, exception or result }, its exception
// cleared.
static napi_value CallRecord(napi_env env, napi_status status, napi_value result) {
  bool pending;
  napi_value exception, record = Object(env);
  napi_is_exception_pending(env, &pending);
  napi_get_and_clear_last_exception(env, &exception);
  Set(env, record, "status", Int(env, status));
  Set(env, record, "pending", Int(env, pending));
  Set(env, record, status == napi_ok ? "result" : "exception", status == napi_ok ? result : exception);
  return record;
}

// evictNames(): sets 2,000 distinct names at as many addresses on a new object, more than
// a name cache holds.
static napi_value EvictNames(napi_env env, napi_callback_info info) {
  napi_value object = Object(env);
  static char names[2000][16];
  for (int i = 0; i < 2000; i++) {
    snprintf(names[i], sizeof names[i], "evict%d", i);
    CALL(env, napi_set_named_property(env, object, names[i], Int(env, i)));
  }
  return object;
}

// setFixedName(obj, value), getFixedName(obj), hasFixedName(obj): the named property
// "fixedName" (a literal) set, read or tested, as a record of the call.
static napi_value SetFixedName(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  Args(env, info, argv, 2);
  return CallRecord(env, napi_set_named_property(env, argv[0], "fixedName", argv[1]), NULL);
}

static napi_value GetFixedName(napi_env env, napi_callback_info info) {
  napi_value result;
  napi_status status = napi_get_named_property(env, FirstArg(env, info), "fixedName", &result);
  return CallRecord(env, status, result);
}

static napi_value HasFixedName(napi_env env, napi_callback_info info) {
  bool has;
  napi_status status = napi_has_named_property(env, FirstArg(env, info), "fixedName", &has);
  napi_value result;
  napi_get_boolean(env, has, &result);
  return CallRecord(env, status, result);
}

// queries(obj, ctor): "key" in obj, delete obj.key, own "key", 0 in obj, delete obj[0],
// "fixedName" in obj and obj instanceof ctor, each as a record of the call.
static napi_value Queries(napi_env env, napi_callback_info info) {
  napi_value argv[2], r = Object(env), key = Str(env, "key");
  Args(env, info, argv, 2);
  bool flag;
  napi_value result;
  // flag starts false for each query: a failing call leaves it as it was.
#define QUERY(name, call)                          \
  do {                                             \
    flag = false;                                  \
    napi_status status = (call);                   \
    napi_get_boolean(env, flag, &result);          \
    Set(env, r, name, CallRecord(env, status, result)); \
  } while (0)
  QUERY("has", napi_has_property(env, argv[0], key, &flag));
  QUERY("delete", napi_delete_property(env, argv[0], key, &flag));
  QUERY("hasOwn", napi_has_own_property(env, argv[0], key, &flag));
  QUERY("hasElement", napi_has_element(env, argv[0], 0, &flag));
  QUERY("deleteElement", napi_delete_element(env, argv[0], 0, &flag));
  QUERY("hasNamed", napi_has_named_property(env, argv[0], "fixedName", &flag));
  QUERY("instanceof", napi_instanceof(env, argv[0], argv[1], &flag));
#undef QUERY
  return r;
}

// exceptionsInOneCall(f1, f2, f3): three JS calls in one native call: each sees its own
// exception (or none), cleared in between.
static napi_value ExceptionsInOneCall(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value fns[3], undef, r, result;
  napi_get_cb_info(env, info, &argc, fns, NULL, NULL);
  napi_get_undefined(env, &undef);
  napi_create_array(env, &r);
  for (uint32_t i = 0; i < 3; i++) {
    napi_status status = napi_call_function(env, undef, fns[i], 0, NULL, &result);
    napi_set_element(env, r, i, CallRecord(env, status, result));
  }
  return r;
}

// Recurses through frames of 4 KB, then makes a call that may run JS at the bottom.
static __attribute__((noinline)) int DeepCall(napi_env env, napi_value obj, int depth) {
  volatile char frame[4096];
  memset((char*)frame, depth, sizeof frame);
  if (depth > 0) return DeepCall(env, obj, depth - 1) + frame[depth];
  napi_value v;
  return napi_get_named_property(env, obj, "x", &v);
}

// deepFirstCall(obj, fn): the first call that may run JS is made 128 KB deeper than the
// call to fn that follows; JS in fn catches its own exceptions.
static napi_value DeepFirstCall(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2], undef, r, result;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  napi_get_undefined(env, &undef);
  int deep = DeepCall(env, argv[0], 32);
  napi_status status = napi_call_function(env, undef, argv[1], 0, NULL, &result);
  bool pending;
  napi_is_exception_pending(env, &pending);
  napi_create_object(env, &r);
  Set(env, r, "deep", Int(env, deep));
  Set(env, r, "status", Int(env, status));
  Set(env, r, "pending", Int(env, pending));
  if (status == napi_ok) Set(env, r, "result", result);
  return r;
}

// manyNumbers(n): n rounds of numbers made by each create function, in one callback: more
// handles than one handle block holds.
static napi_value ManyNumbers(napi_env env, napi_callback_info info) {
  napi_value arg = FirstArg(env, info), array, value;
  uint32_t n;
  CALL(env, napi_get_value_uint32(env, arg, &n));
  CALL(env, napi_create_array(env, &array));
  uint32_t k = 0;
  for (uint32_t i = 0; i < n; i++) {
    CALL(env, napi_create_int32(env, (int32_t)i - 500, &value));
    CALL(env, napi_set_element(env, array, k++, value));
    CALL(env, napi_create_uint32(env, 4294967295u - i, &value));
    CALL(env, napi_set_element(env, array, k++, value));
    CALL(env, napi_create_int64(env, (int64_t)i * -3000000, &value));
    CALL(env, napi_set_element(env, array, k++, value));
    CALL(env, napi_create_double(env, i % 3 == 0 ? -0.0 : i / 2.0, &value));
    CALL(env, napi_set_element(env, array, k++, value));
  }
  return array;
}

// makeStrings(encoding, bytes, autoLength, copies): `copies` strings made in one callback
// from the code units in `bytes` (0 Latin-1, 1 UTF-8, 2 UTF-16 little-endian), given with
// their length or NUL-terminated; returns [status, ...strings].
static napi_value MakeStrings(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value args[4], array, value;
  napi_get_cb_info(env, info, &argc, args, NULL, NULL);
  uint32_t encoding, copies;
  bool auto_length;
  void* bytes;
  size_t size;
  CALL(env, napi_get_value_uint32(env, args[0], &encoding));
  CALL(env, napi_get_buffer_info(env, args[1], &bytes, &size));
  CALL(env, napi_get_value_bool(env, args[2], &auto_length));
  CALL(env, napi_get_value_uint32(env, args[3], &copies));
  char* text = calloc(size + 2, 1);
  memcpy(text, bytes, size);
  size_t unit = encoding == 2 ? 2 : 1;
  size_t length = auto_length ? NAPI_AUTO_LENGTH : size / unit;
  napi_status status = napi_ok;
  CALL(env, napi_create_array(env, &array));
  for (uint32_t i = 0; i < copies && status == napi_ok; i++) {
    if (encoding == 0) status = napi_create_string_latin1(env, text, length, &value);
    else if (encoding == 1) status = napi_create_string_utf8(env, text, length, &value);
    else status = napi_create_string_utf16(env, (const char16_t*)text, length, &value);
    if (status == napi_ok) CALL(env, napi_set_element(env, array, i + 1, value));
  }
  free(text);
  CALL(env, napi_set_element(env, array, 0, Int(env, status)));
  return array;
}

// receiverProperties(values): for each value, the statuses and results of property calls
// that convert it with ToObject (objects of many shapes and primitives, interleaved):
// [get "constructor" (and its name), set "x", get "x", get element 0, has "length"], each
// status recorded after clearing what the call left pending.
static napi_status settled(napi_env env, napi_status status, napi_value entry, uint32_t* k) {
  napi_value exception;
  napi_get_and_clear_last_exception(env, &exception);
  napi_set_element(env, entry, (*k)++, Int(env, status));
  return status;
}

static napi_value ReceiverProperties(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value values, results, value, entry, got, name;
  uint32_t count;
  napi_get_cb_info(env, info, &argc, &values, NULL, NULL);
  CALL(env, napi_get_array_length(env, values, &count));
  CALL(env, napi_create_array(env, &results));
  for (uint32_t i = 0; i < count; i++) {
    CALL(env, napi_get_element(env, values, i, &value));
    CALL(env, napi_create_array(env, &entry));
    uint32_t k = 0;
    if (settled(env, napi_get_named_property(env, value, "constructor", &got), entry, &k) == napi_ok) {
      if (napi_get_named_property(env, got, "name", &name) == napi_ok) napi_set_element(env, entry, k++, name);
      else napi_get_and_clear_last_exception(env, &name);
    }
    settled(env, napi_set_named_property(env, value, "x", Int(env, i)), entry, &k);
    if (settled(env, napi_get_named_property(env, value, "x", &got), entry, &k) == napi_ok) napi_set_element(env, entry, k++, got);
    if (settled(env, napi_get_element(env, value, 0, &got), entry, &k) == napi_ok) napi_set_element(env, entry, k++, got);
    bool has = false;
    settled(env, napi_has_named_property(env, value, "length", &has), entry, &k);
    napi_get_boolean(env, has, &got);
    napi_set_element(env, entry, k++, got);
    CALL(env, napi_set_element(env, results, i, entry));
  }
  return results;
}

// referenceChurn(values, rounds): references to each value (count 1) made and deleted in a
// scrambled order over several rounds, more than fit one allocation chunk; returns the
// statuses of the first round's creations, the count of live references and how many of
// them read back a value other than the one they were made for (or a wrong count).
#define CHURN_MAX 1024
static napi_value ReferenceChurn(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value args[2], statuses, result, got;
  static napi_ref refs[CHURN_MAX];
  static uint32_t targets[CHURN_MAX];
  uint32_t count, rounds, live = 0, mismatches = 0;
  napi_get_cb_info(env, info, &argc, args, NULL, NULL);
  CALL(env, napi_get_array_length(env, args[0], &count));
  CALL(env, napi_get_value_uint32(env, args[1], &rounds));
  CALL(env, napi_create_array(env, &statuses));
  for (uint32_t round = 0; round < rounds; round++) {
    for (uint32_t i = 0; i < count && live < CHURN_MAX; i++) {
      napi_value value;
      napi_ref ref;
      uint32_t target = (i + round) % count;
      CALL(env, napi_get_element(env, args[0], target, &value));
      napi_status status = napi_create_reference(env, value, 1, &ref);
      if (round == 0) napi_set_element(env, statuses, i, Int(env, status));
      if (status != napi_ok) continue;
      refs[live] = ref;
      targets[live++] = target;
    }
    // Delete every entry whose position is ≡ round mod 3, from the last to the first, moving
    // the last live one into each hole.
    for (uint32_t k = live; k-- > 0;) {
      if ((k * 7 + round) % 3 != 0) continue;
      CALL(env, napi_delete_reference(env, refs[k]));
      refs[k] = refs[--live];
      targets[k] = targets[live];
    }
  }
  for (uint32_t k = 0; k < live; k++) {
    napi_value expected, value;
    bool same = false;
    uint32_t refcount = 0;
    CALL(env, napi_get_element(env, args[0], targets[k], &expected));
    CALL(env, napi_get_reference_value(env, refs[k], &value));
    CALL(env, napi_strict_equals(env, expected, value, &same));
    CALL(env, napi_reference_ref(env, refs[k], &refcount));
    if (!same || refcount != 2) mismatches++;
    CALL(env, napi_reference_unref(env, refs[k], &refcount));
    CALL(env, napi_delete_reference(env, refs[k]));
  }
  CALL(env, napi_create_object(env, &result));
  Set(env, result, "statuses", statuses);
  Set(env, result, "live", Int(env, live));
  Set(env, result, "mismatches", Int(env, mismatches));
  napi_get_boolean(env, live > 64, &got);
  Set(env, result, "severalChunks", got);
  return result;
}

// typedArrayInfos(values): for each value, the status of napi_get_typedarray_info and, when
// it succeeds, [type, length, byte offset, whether the buffer is the view's own, the data
// pointer's distance from the buffer's data].
static napi_value TypedArrayInfos(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value values, results;
  uint32_t count;
  napi_get_cb_info(env, info, &argc, &values, NULL, NULL);
  CALL(env, napi_get_array_length(env, values, &count));
  CALL(env, napi_create_array(env, &results));
  for (uint32_t i = 0; i < count; i++) {
    napi_value value, buffer, entry, own = NULL;
    napi_typedarray_type type = 99;
    size_t length = 99, offset = 99, buffer_length = 0;
    void *data = NULL, *buffer_data = NULL;
    CALL(env, napi_get_element(env, values, i, &value));
    napi_status status = napi_get_typedarray_info(env, value, &type, &length, &data, &buffer, &offset);
    CALL(env, napi_create_array(env, &entry));
    napi_set_element(env, entry, 0, Int(env, status));
    if (status == napi_ok) {
      bool same = false;
      napi_get_named_property(env, value, "buffer", &own);
      napi_strict_equals(env, own, buffer, &same);
      CALL(env, napi_get_arraybuffer_info(env, buffer, &buffer_data, &buffer_length));
      napi_value same_value;
      napi_get_boolean(env, same, &same_value);
      napi_set_element(env, entry, 1, Int(env, type));
      napi_set_element(env, entry, 2, Int(env, (int64_t)length));
      napi_set_element(env, entry, 3, Int(env, (int64_t)offset));
      napi_set_element(env, entry, 4, same_value);
      napi_set_element(env, entry, 5, Int(env, data == NULL ? -1 : (int64_t)((char*)data - (char*)buffer_data)));
    }
    CALL(env, napi_set_element(env, results, i, entry));
  }
  return results;
}

// makePromises(count): `count` new pending promises, whose deferreds are kept for
// settlePromises(values, rejected): settles the kept deferreds in order, rejecting where
// rejected[i] is true and resolving with values[i] otherwise; returns each call's status.
#define KEPT_DEFERREDS_MAX 8192
static napi_deferred kept_deferreds[KEPT_DEFERREDS_MAX];
static uint32_t kept_deferred_count;

static napi_value MakePromises(napi_env env, napi_callback_info info) {
  napi_value arg = FirstArg(env, info), promises, promise;
  uint32_t count;
  CALL(env, napi_get_value_uint32(env, arg, &count));
  CALL(env, napi_create_array(env, &promises));
  for (uint32_t i = 0; i < count && kept_deferred_count < KEPT_DEFERREDS_MAX; i++) {
    CALL(env, napi_create_promise(env, &kept_deferreds[kept_deferred_count++], &promise));
    CALL(env, napi_set_element(env, promises, i, promise));
  }
  return promises;
}

static napi_value SettlePromises(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value args[2], statuses, value, rejected;
  napi_get_cb_info(env, info, &argc, args, NULL, NULL);
  CALL(env, napi_create_array(env, &statuses));
  for (uint32_t i = 0; i < kept_deferred_count; i++) {
    bool reject;
    CALL(env, napi_get_element(env, args[0], i, &value));
    CALL(env, napi_get_element(env, args[1], i, &rejected));
    CALL(env, napi_get_value_bool(env, rejected, &reject));
    napi_status status = reject ? napi_reject_deferred(env, kept_deferreds[i], value)
                                : napi_resolve_deferred(env, kept_deferreds[i], value);
    CALL(env, napi_set_element(env, statuses, i, Int(env, status)));
  }
  kept_deferred_count = 0;
  return statuses;
}

// readElements(target, indices): napi_get_element of each index, as [status, value]
// pairs; JS that runs meanwhile (getters) sees the reads in order.
static napi_value ReadElements(napi_env env, napi_callback_info info) {
  napi_value args[2], results, index_value, element, entry;
  uint32_t count;
  Args(env, info, args, 2);
  CALL(env, napi_get_array_length(env, args[1], &count));
  CALL(env, napi_create_array(env, &results));
  for (uint32_t i = 0; i < count; i++) {
    uint32_t index;
    CALL(env, napi_get_element(env, args[1], i, &index_value));
    CALL(env, napi_get_value_uint32(env, index_value, &index));
    element = NULL;
    napi_status status = napi_get_element(env, args[0], index, &element);
    if (status != napi_ok) napi_get_and_clear_last_exception(env, &element);
    CALL(env, napi_create_array(env, &entry));
    CALL(env, napi_set_element(env, entry, 0, Int(env, status)));
    if (element != NULL) CALL(env, napi_set_element(env, entry, 1, element));
    CALL(env, napi_set_element(env, results, i, entry));
  }
  return results;
}

// leavePending(fn): calls fn("inner") and returns, leaving what it threw pending.
static napi_value LeavePending(napi_env env, napi_callback_info info) {
  napi_value fn = FirstArg(env, info), arg = Str(env, "inner"), result;
  napi_call_function(env, fn, fn, 1, &arg, &result);
  return Str(env, "leavePending returned");
}

// nestedCalls(fn): JS calls, and between them a direct call (no JS in between) of an addon
// function that leaves fn's exception pending: [record of each call].
static napi_value NestedCalls(napi_env env, napi_callback_info info) {
  napi_value fn = FirstArg(env, info), inner, result, r, arg;
  napi_create_array(env, &r);
  napi_create_function(env, "leavePending", NAPI_AUTO_LENGTH, LeavePending, NULL, &inner);
  const char* tags[] = {"outer-1", NULL, "outer-2", NULL, "outer-3"};
  for (uint32_t i = 0; i < 5; i++) {
    napi_status status;
    if (tags[i]) {
      arg = Str(env, tags[i]);
      status = napi_call_function(env, fn, fn, 1, &arg, &result);
    } else {
      status = napi_call_function(env, fn, inner, 1, &fn, &result);
    }
    napi_set_element(env, r, i, CallRecord(env, status, result));
  }
  return r;
}

// callAndCatch(fn, catch): calls fn(); if it threw and catch is true, returns "caught: " and
// the exception's message, else leaves the exception pending.
static napi_value CallAndCatch(napi_env env, napi_callback_info info) {
  napi_value argv[2], undef, result, exception, message;
  bool catch_it;
  Args(env, info, argv, 2);
  napi_get_undefined(env, &undef);
  napi_get_value_bool(env, argv[1], &catch_it);
  if (napi_call_function(env, undef, argv[0], 0, NULL, &result) == napi_ok) return result;
  if (!catch_it) return NULL;
  char text[64] = "caught: ";
  size_t length;
  napi_get_and_clear_last_exception(env, &exception);
  napi_get_named_property(env, exception, "message", &message);
  napi_get_value_string_utf8(env, message, text + 8, sizeof text - 8, &length);
  return Str(env, text);
}

// The state of callFromTimer: the env, the JS function and its results, kept by references.
static struct {
  napi_env env;
  napi_ref fn, results;
  uv_timer_t timer;
} timer_call;

// A libuv timer callback, outside any call into the addon: JS calls through napi, each
// recording its own status and exception.
static void OnTimer(uv_timer_t* timer) {
  napi_env env = timer_call.env;
  napi_handle_scope scope;
  napi_value fn, results, arg, result;
  napi_open_handle_scope(env, &scope);
  napi_get_reference_value(env, timer_call.fn, &fn);
  napi_get_reference_value(env, timer_call.results, &results);
  const char* tags[] = {"timer-throw", "timer-ok", "timer-throw"};
  for (uint32_t i = 0; i < 3; i++) {
    arg = Str(env, tags[i]);
    napi_status status = napi_call_function(env, fn, fn, 1, &arg, &result);
    napi_set_element(env, results, i, CallRecord(env, status, result));
  }
  napi_delete_reference(env, timer_call.fn);
  napi_delete_reference(env, timer_call.results);
  napi_close_handle_scope(env, scope);
  uv_close((uv_handle_t*)timer, NULL);
}

// callFromTimer(fn): an array that a libuv timer, started here on the env's loop, fills
// with the records of its JS calls of fn.
static napi_value CallFromTimer(napi_env env, napi_callback_info info) {
  uv_loop_t* loop;
  napi_value results;
  napi_create_array(env, &results);
  if (napi_get_uv_event_loop(env, &loop) != napi_ok) return NULL;
  timer_call.env = env;
  napi_create_reference(env, FirstArg(env, info), 1, &timer_call.fn);
  napi_create_reference(env, results, 1, &timer_call.results);
  uv_timer_init(loop, &timer_call.timer);
  uv_timer_start(&timer_call.timer, OnTimer, 0, 0);
  return results;
}

// One timer of unrefTimers: its env, the JS function it calls and its delay.
typedef struct {
  uv_timer_t timer;
  napi_env env;
  napi_ref fn;
  uint32_t delay;
} UnrefTimer;

static void FreeUnrefTimer(uv_handle_t* handle) { free(handle); }

static void OnUnrefTimer(uv_timer_t* timer) {
  UnrefTimer* state = (UnrefTimer*)timer;
  napi_handle_scope scope;
  napi_value fn, undef, arg, result;
  napi_open_handle_scope(state->env, &scope);
  napi_get_reference_value(state->env, state->fn, &fn);
  napi_get_undefined(state->env, &undef);
  napi_create_uint32(state->env, state->delay, &arg);
  napi_call_function(state->env, undef, fn, 1, &arg, &result);
  napi_close_handle_scope(state->env, scope);
  napi_delete_reference(state->env, state->fn);
  uv_close((uv_handle_t*)timer, FreeUnrefTimer);
}

// unrefTimers(delays, fn): for each delay, a libuv timer that does not keep the loop alive
// and calls fn(delay) when it fires.
static napi_value UnrefTimers(napi_env env, napi_callback_info info) {
  napi_value argv[2], element;
  uint32_t count;
  uv_loop_t* loop;
  Args(env, info, argv, 2);
  if (napi_get_array_length(env, argv[0], &count) != napi_ok || napi_get_uv_event_loop(env, &loop) != napi_ok) return NULL;
  for (uint32_t i = 0; i < count; i++) {
    UnrefTimer* state = calloc(1, sizeof(UnrefTimer));
    state->env = env;
    napi_get_element(env, argv[0], i, &element);
    napi_get_value_uint32(env, element, &state->delay);
    napi_create_reference(env, argv[1], 1, &state->fn);
    uv_timer_init(loop, &state->timer);
    uv_timer_start(&state->timer, OnUnrefTimer, state->delay, 0);
    uv_unref((uv_handle_t*)&state->timer);
  }
  return NULL;
}

static napi_value Init(napi_env env, napi_value exports) {
  struct { const char* name; napi_callback cb; void* data; } fns[] = {
    {"nullArgs", NullArgs, NULL}, {"wrongTypes", WrongTypes, NULL}, {"numbers", Numbers, NULL},
    {"utf8", Utf8, NULL}, {"cbInfo", CbInfo, "callback data"}, {"exceptions", Exceptions, NULL},
    {"throwingGetter", ThrowingGetter, NULL}, {"rethrow", Rethrow, NULL}, {"selfLookup", SelfLookup, NULL},
    {"getenv", GetEnv, NULL}, {"names", Names, NULL}, {"constantNames", ConstantNames, NULL}, {"evictNames", EvictNames, NULL},
    {"setFixedName", SetFixedName, NULL}, {"getFixedName", GetFixedName, NULL}, {"hasFixedName", HasFixedName, NULL},
    {"queries", Queries, NULL}, {"exceptionsInOneCall", ExceptionsInOneCall, NULL},
    {"deepFirstCall", DeepFirstCall, NULL}, {"manyNumbers", ManyNumbers, NULL},
    {"makeStrings", MakeStrings, NULL}, {"receiverProperties", ReceiverProperties, NULL},
    {"referenceChurn", ReferenceChurn, NULL}, {"typedArrayInfos", TypedArrayInfos, NULL},
    {"makePromises", MakePromises, NULL}, {"settlePromises", SettlePromises, NULL},
    {"readElements", ReadElements, NULL}, {"nestedCalls", NestedCalls, NULL},
    {"callAndCatch", CallAndCatch, NULL}, {"callFromTimer", CallFromTimer, NULL},
    {"unrefTimers", UnrefTimers, NULL},
  };
  for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
    napi_value fn;
    napi_create_function(env, fns[i].name, NAPI_AUTO_LENGTH, fns[i].cb, fns[i].data, &fn);
    napi_set_named_property(env, exports, fns[i].name, fn);
  }
  return exports;
}

NAPI_MODULE_INIT() { return Init(env, exports); }
