// The NAPI_EXPERIMENTAL functions newer than Node 20, with their prototypes (as in Node 24's
// js_native_api.h) declared here so that the addon builds without NAPI_EXPERIMENTAL.
#include <node_api.h>
#include <stdlib.h>
#include <string.h>
#include "test_addon.h"

napi_status node_api_create_object_with_properties(napi_env env, napi_value prototype_or_null,
    napi_value* property_names, napi_value* property_values, size_t property_count, napi_value* result);
napi_status node_api_set_prototype(napi_env env, napi_value object, napi_value value);
napi_status node_api_is_sharedarraybuffer(napi_env env, napi_value value, bool* result);
napi_status node_api_create_sharedarraybuffer(napi_env env, size_t byte_length, void** data, napi_value* result);
typedef void (*noenv_finalize)(void* data, void* hint);
// The typed array type after napi_biguint64_array (NODE_API_HAS_FLOAT16_ARRAY in Node 24).
#define napi_float16_array ((napi_typedarray_type)(napi_biguint64_array + 1))
napi_status node_api_create_external_sharedarraybuffer(napi_env env, void* external_data, size_t byte_length,
    noenv_finalize finalize_cb, void* finalize_hint, napi_value* result);
napi_status node_api_create_buffer_from_arraybuffer(napi_env env, napi_value arraybuffer, size_t byte_offset,
    size_t byte_length, napi_value* result);

// objectWithProperties(prototypeOrNull?, names, values)
static napi_value ObjectWithProperties(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3], result, names[8], values[8];
  CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  uint32_t count;
  CALL(env, napi_get_array_length(env, argv[1], &count));
  if (count > 8) count = 8;
  for (uint32_t i = 0; i < count; i++) {
    CALL(env, napi_get_element(env, argv[1], i, &names[i]));
    CALL(env, napi_get_element(env, argv[2], i, &values[i]));
  }
  napi_valuetype type;
  napi_typeof(env, argv[0], &type);
  napi_status status = node_api_create_object_with_properties(env, type == napi_undefined ? NULL : argv[0], names, values, count, &result);
  if (status != napi_ok) return Int(env, status);
  return result;
}

static napi_value SetPrototype(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  return Int(env, node_api_set_prototype(env, argv[0], argv[1]));
}

static napi_value IsShared(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], out;
  bool result;
  CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  CALL(env, node_api_is_sharedarraybuffer(env, argv[0], &result));
  napi_get_boolean(env, result, &out);
  return out;
}

static napi_value CreateShared(napi_env env, napi_callback_info info) {
  napi_value result;
  void* data;
  CALL(env, node_api_create_sharedarraybuffer(env, 8, &data, &result));
  memset(data, 7, 8);
  return result;
}

static int shared_finalized = 0;
static void FinalizeShared(void* data, void* hint) {
  __atomic_add_fetch(&shared_finalized, 1, __ATOMIC_SEQ_CST);
  free(data);
}

static napi_value CreateExternalShared(napi_env env, napi_callback_info info) {
  napi_value result;
  char* data = malloc(4);
  memcpy(data, "\x01\x02\x03\x04", 4);
  CALL(env, node_api_create_external_sharedarraybuffer(env, data, 4, FinalizeShared, NULL, &result));
  return result;
}

static napi_value SharedFinalized(napi_env env, napi_callback_info info) {
  return Int(env, __atomic_load_n(&shared_finalized, __ATOMIC_SEQ_CST));
}

// viewsOverShared(sab): a Float16 typed array and a DataView over it, and its info.
static napi_value Views(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], result, typed, view;
  CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  CALL(env, napi_create_object(env, &result));
  CALL(env, napi_create_typedarray(env, napi_float16_array, 2, argv[0], 0, &typed));
  CALL(env, napi_set_named_property(env, result, "float16", typed));
  napi_typedarray_type type;
  CALL(env, napi_get_typedarray_info(env, typed, &type, NULL, NULL, NULL, NULL));
  CALL(env, napi_set_named_property(env, result, "float16Type", Int(env, type)));
  CALL(env, napi_create_dataview(env, 2, argv[0], 2, &view));
  CALL(env, napi_set_named_property(env, result, "dataView", view));
  void* data;
  size_t length;
  CALL(env, napi_get_arraybuffer_info(env, argv[0], &data, &length));
  CALL(env, napi_set_named_property(env, result, "byteLength", Int(env, (int64_t)length)));
  CALL(env, napi_set_named_property(env, result, "firstByte", Int(env, ((unsigned char*)data)[0])));
  return result;
}

// bufferFromArrayBuffer(arraybuffer, offset, length): [status, buffer or the exception,
// the last error's code right after the call].
static napi_value BufferFromArrayBuffer(napi_env env, napi_callback_info info) {
  napi_value argv[3], result, pair, exception;
  uint32_t offset, length;
  Args(env, info, argv, 3);
  CALL(env, napi_get_value_uint32(env, argv[1], &offset));
  CALL(env, napi_get_value_uint32(env, argv[2], &length));
  // A failing call leaves the last error as it was: start from another status.
  uint32_t ignored;
  napi_get_value_uint32(env, argv[0], &ignored);
  napi_status status = node_api_create_buffer_from_arraybuffer(env, argv[0], offset, length, &result);
  const napi_extended_error_info* last_error;
  napi_get_last_error_info(env, &last_error);
  napi_status last_code = last_error->error_code;
  bool pending;
  CALL(env, napi_is_exception_pending(env, &pending));
  if (pending) CALL(env, napi_get_and_clear_last_exception(env, &exception));
  CALL(env, napi_create_array(env, &pair));
  CALL(env, napi_set_element(env, pair, 0, Int(env, status)));
  if (pending) {
    CALL(env, napi_set_element(env, pair, 1, exception));
  } else if (status == napi_ok) {
    CALL(env, napi_set_element(env, pair, 1, result));
  }
  CALL(env, napi_set_element(env, pair, 2, Int(env, last_code)));
  return pair;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor properties[] = {
    EXPORT("objectWithProperties", ObjectWithProperties),
    EXPORT("setPrototype", SetPrototype),
    EXPORT("isShared", IsShared),
    EXPORT("createShared", CreateShared),
    EXPORT("createExternalShared", CreateExternalShared),
    EXPORT("sharedFinalized", SharedFinalized),
    EXPORT("views", Views),
    EXPORT("bufferFromArrayBuffer", BufferFromArrayBuffer),
  };
  DEFINE_EXPORTS(env, exports, properties);
  return exports;
}
