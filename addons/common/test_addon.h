// Helpers shared by the C test addons: checked Node-API calls, value makers, exports.
#ifndef ANODE_TEST_ADDON_H
#define ANODE_TEST_ADDON_H

#include <node_api.h>
#include <stdbool.h>
#include <stdio.h>

// Returns NULL from the calling napi_callback when `call` fails, throwing an Error (code
// E_CALL) that names the call and its status, unless an exception is already pending.
#define CALL(env, call)                                                   \
  do {                                                                    \
    napi_status status_ = (call);                                         \
    if (status_ != napi_ok) {                                             \
      char message_[160];                                                 \
      snprintf(message_, sizeof message_, "%s -> %d", #call, status_);    \
      bool pending_;                                                      \
      napi_is_exception_pending((env), &pending_);                        \
      if (!pending_) napi_throw_error((env), "E_CALL", message_);         \
      return NULL;                                                        \
    }                                                                     \
  } while (0)

// A property descriptor exporting the function `callback` as `name`.
#define EXPORT(name, callback) {(name), NULL, (callback), NULL, NULL, NULL, napi_default, NULL}

// Defines a static array of EXPORT(...) descriptors on `exports`.
#define DEFINE_EXPORTS(env, exports, descriptors) \
  napi_define_properties((env), (exports), sizeof(descriptors) / sizeof((descriptors)[0]), (descriptors))

// Up to `capacity` of the callback's arguments into argv (undefined for those not passed);
// returns how many were passed.
static inline size_t Args(napi_env env, napi_callback_info info, napi_value* argv, size_t capacity) {
  size_t argc = capacity;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  return argc;
}

// The callback's first argument (undefined when there is none).
static inline napi_value FirstArg(napi_env env, napi_callback_info info) {
  napi_value arg = NULL;
  Args(env, info, &arg, 1);
  return arg;
}

static inline napi_value Int(napi_env env, int64_t value) {
  napi_value out;
  napi_create_int64(env, value, &out);
  return out;
}

static inline napi_value Str(napi_env env, const char* text) {
  napi_value out;
  napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &out);
  return out;
}

static inline napi_value Object(napi_env env) {
  napi_value out;
  napi_create_object(env, &out);
  return out;
}

static inline void Set(napi_env env, napi_value object, const char* key, napi_value value) {
  napi_set_named_property(env, object, key, value);
}

#endif
