// An addon registered the pre-NAPI_MODULE_INIT way: a static constructor calls
// napi_module_register while the runtime dlopens the file. Init returns a new object,
// which becomes module.exports.
#include <node_api.h>
#include <stddef.h>

static napi_value Describe(napi_env env, napi_callback_info info) {
  napi_value result;
  napi_create_string_utf8(env, "registered by napi_module_register", NAPI_AUTO_LENGTH, &result);
  return result;
}

static napi_value Init(napi_env env, napi_value exports) {
  napi_value replacement, fn;
  napi_create_object(env, &replacement);
  napi_create_function(env, "describe", NAPI_AUTO_LENGTH, Describe, NULL, &fn);
  napi_set_named_property(env, replacement, "describe", fn);
  napi_set_named_property(env, replacement, "originalExports", exports);
  return replacement;
}

static napi_module legacy_module = {
  NAPI_MODULE_VERSION, 0, __FILE__, Init, "legacy_register", NULL, {0},
};

static void register_legacy_module(void) __attribute__((constructor));
static void register_legacy_module(void) { napi_module_register(&legacy_module); }
