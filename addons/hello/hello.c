// The hello-world Node-API addon: strings, numbers, objects, functions and errors.
#include <node_api.h>
#include <stddef.h>

#define CALL(env, call)                                                     \
  do {                                                                      \
    if ((call) != napi_ok) {                                                \
      const napi_extended_error_info* info;                                 \
      napi_get_last_error_info((env), &info);                               \
      const char* message = info->error_message;                            \
      bool pending;                                                         \
      napi_is_exception_pending((env), &pending);                           \
      if (!pending) napi_throw_error((env), NULL, message);                 \
      return NULL;                                                          \
    }                                                                       \
  } while (0)

// hello() -> "world"
static napi_value Hello(napi_env env, napi_callback_info info) {
  napi_value result;
  CALL(env, napi_create_string_utf8(env, "world", NAPI_AUTO_LENGTH, &result));
  return result;
}

// add(a, b) -> a + b, throwing TypeError for non-numbers
static napi_value Add(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value args[2];
  CALL(env, napi_get_cb_info(env, info, &argc, args, NULL, NULL));
  if (argc < 2) {
    napi_throw_type_error(env, "ERR_ARG_COUNT", "Wrong number of arguments");
    return NULL;
  }
  napi_valuetype t0, t1;
  CALL(env, napi_typeof(env, args[0], &t0));
  CALL(env, napi_typeof(env, args[1], &t1));
  if (t0 != napi_number || t1 != napi_number) {
    napi_throw_type_error(env, NULL, "Wrong arguments");
    return NULL;
  }
  double a, b;
  CALL(env, napi_get_value_double(env, args[0], &a));
  CALL(env, napi_get_value_double(env, args[1], &b));
  napi_value sum;
  CALL(env, napi_create_double(env, a + b, &sum));
  return sum;
}

// greet(name) -> "Hello, <name>!" (reads a string back through a fixed buffer)
static napi_value Greet(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value arg;
  CALL(env, napi_get_cb_info(env, info, &argc, &arg, NULL, NULL));
  char name[64];
  size_t length;
  CALL(env, napi_get_value_string_utf8(env, arg, name, sizeof(name), &length));
  char text[96] = "Hello, ";
  size_t at = 7;
  for (size_t i = 0; i < length; i++) text[at++] = name[i];
  text[at++] = '!';
  napi_value result;
  CALL(env, napi_create_string_utf8(env, text, at, &result));
  return result;
}

// point(x, y) -> { x, y, sum } built with named properties
static napi_value Point(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value args[2];
  CALL(env, napi_get_cb_info(env, info, &argc, args, NULL, NULL));
  napi_value object;
  CALL(env, napi_create_object(env, &object));
  CALL(env, napi_set_named_property(env, object, "x", args[0]));
  CALL(env, napi_set_named_property(env, object, "y", args[1]));
  int32_t x, y;
  CALL(env, napi_get_value_int32(env, args[0], &x));
  CALL(env, napi_get_value_int32(env, args[1], &y));
  napi_value sum;
  CALL(env, napi_create_int32(env, x + y, &sum));
  CALL(env, napi_set_named_property(env, object, "sum", sum));
  return object;
}

// fail(kind) throws Error / TypeError / RangeError with a code
static napi_value Fail(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value arg;
  CALL(env, napi_get_cb_info(env, info, &argc, &arg, NULL, NULL));
  int32_t kind = 0;
  CALL(env, napi_get_value_int32(env, arg, &kind));
  if (kind == 0) napi_throw_error(env, "E_PLAIN", "plain failure");
  else if (kind == 1) napi_throw_type_error(env, "E_TYPE", "type failure");
  else napi_throw_range_error(env, NULL, "range failure");
  return NULL;
}

static napi_value Init(napi_env env, napi_value exports) {
  struct { const char* name; napi_callback cb; } fns[] = {
    {"hello", Hello}, {"add", Add}, {"greet", Greet}, {"point", Point}, {"fail", Fail},
  };
  for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
    napi_value fn;
    CALL(env, napi_create_function(env, fns[i].name, NAPI_AUTO_LENGTH, fns[i].cb, NULL, &fn));
    CALL(env, napi_set_named_property(env, exports, fns[i].name, fn));
  }
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
