// A module declaring Node-API 10: it loads, and references may hold any value type.
#define NAPI_VERSION 10
#include <node_api.h>

// referenceTo(value): a reference to any value, read back at once (or the status).
static napi_value ReferenceTo(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value value, back, result;
  napi_ref ref;
  napi_get_cb_info(env, info, &argc, &value, NULL, NULL);
  napi_status status = napi_create_reference(env, value, 1, &ref);
  if (status != napi_ok) {
    napi_create_int32(env, status, &result);
    return result;
  }
  napi_get_reference_value(env, ref, &back);
  napi_delete_reference(env, ref);
  return back;
}

static napi_value Version(napi_env env, napi_callback_info info) {
  uint32_t version;
  napi_value result;
  napi_get_version(env, &version);
  napi_create_uint32(env, version, &result);
  return result;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor properties[] = {
    {"referenceTo", NULL, ReferenceTo, NULL, NULL, NULL, napi_default, NULL},
    {"version", NULL, Version, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, 2, properties);
  return exports;
}
