// One probe per Node-API area, each returning what the API produced (values, statuses,
// pending exceptions), so that JS can print it and runtimes can be compared line by line.
#include <node_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "test_addon.h"

// ---- strings in every encoding ----
static napi_value Strings(napi_env env, napi_callback_info info) {
  napi_value argv[1], r = Object(env), v;
  Args(env, info, argv, 1);
  char latin1[32];
  char16_t utf16[32];
  size_t length;
  CALL(env, napi_get_value_string_latin1(env, argv[0], latin1, sizeof latin1, &length));
  Set(env, r, "latin1Length", Int(env, (int64_t)length));
  CALL(env, napi_create_string_latin1(env, latin1, length, &v));
  Set(env, r, "latin1RoundTrip", v);
  CALL(env, napi_get_value_string_utf16(env, argv[0], utf16, 32, &length));
  Set(env, r, "utf16Units", Int(env, (int64_t)length));
  CALL(env, napi_create_string_utf16(env, utf16, length, &v));
  Set(env, r, "utf16RoundTrip", v);
  CALL(env, napi_get_value_string_utf16(env, argv[0], utf16, 3, &length));
  Set(env, r, "utf16TruncatedTo", Int(env, (int64_t)length));
  CALL(env, node_api_create_property_key_utf8(env, "key", 3, &v));
  Set(env, r, "propertyKey", v);
  CALL(env, node_api_create_property_key_latin1(env, "k\xe9y", 3, &v));
  Set(env, r, "propertyKeyLatin1", v);
  static const char16_t key16[] = {'k', 0x20AC, 'y', 0};
  CALL(env, node_api_create_property_key_utf16(env, key16, NAPI_AUTO_LENGTH, &v));
  Set(env, r, "propertyKeyUtf16", v);
  static char external[] = "external latin1";
  bool copied = true;
  CALL(env, node_api_create_external_string_latin1(env, external, NAPI_AUTO_LENGTH, NULL, NULL, &v, &copied));
  Set(env, r, "external", v);
  napi_value b;
  napi_get_boolean(env, copied, &b);
  Set(env, r, "externalCopied", b);
  return r;
}

// ---- symbols, typeof, coercion, equality ----
static napi_value Coercions(napi_env env, napi_callback_info info) {
  napi_value argv[1], r = Object(env), v;
  Args(env, info, argv, 1);
  CALL(env, napi_coerce_to_bool(env, argv[0], &v));
  Set(env, r, "bool", v);
  if (napi_coerce_to_number(env, argv[0], &v) == napi_ok) Set(env, r, "number", v);
  else {
    napi_value e;
    napi_get_and_clear_last_exception(env, &e);
    Set(env, r, "numberThrew", e);
  }
  if (napi_coerce_to_string(env, argv[0], &v) == napi_ok) Set(env, r, "string", v);
  else {
    napi_value e;
    napi_get_and_clear_last_exception(env, &e);
    Set(env, r, "stringThrew", e);
  }
  napi_status status = napi_coerce_to_object(env, argv[0], &v);
  Set(env, r, "objectStatus", Int(env, status));
  if (status != napi_ok) napi_get_and_clear_last_exception(env, &v);
  bool equal;
  CALL(env, napi_strict_equals(env, argv[0], argv[0], &equal));
  napi_get_boolean(env, equal, &v);
  Set(env, r, "equalsItself", v);
  return r;
}

static napi_value Symbols(napi_env env, napi_callback_info info) {
  napi_value r = Object(env), a, b, description = Str(env, "desc");
  CALL(env, napi_create_symbol(env, description, &a));
  Set(env, r, "symbol", a);
  CALL(env, node_api_symbol_for(env, "shared", NAPI_AUTO_LENGTH, &a));
  CALL(env, node_api_symbol_for(env, "shared", 6, &b));
  bool same;
  CALL(env, napi_strict_equals(env, a, b, &same));
  napi_value v;
  napi_get_boolean(env, same, &v);
  Set(env, r, "symbolForIsShared", v);
  Set(env, r, "badDescription", Int(env, napi_create_symbol(env, Int(env, 1), &a)));
  return r;
}

// ---- objects and properties ----
static napi_value Properties(napi_env env, napi_callback_info info) {
  napi_value argv[1], r = Object(env), v, key = Str(env, "b");
  Args(env, info, argv, 1);
  napi_value object = argv[0];
  bool flag;
  CALL(env, napi_set_property(env, object, key, Int(env, 2)));
  CALL(env, napi_has_property(env, object, key, &flag));
  napi_get_boolean(env, flag, &v);
  Set(env, r, "hasB", v);
  CALL(env, napi_has_own_property(env, object, Str(env, "toString"), &flag));
  napi_get_boolean(env, flag, &v);
  Set(env, r, "ownToString", v);
  CALL(env, napi_has_named_property(env, object, "toString", &flag));
  napi_get_boolean(env, flag, &v);
  Set(env, r, "hasToString", v);
  CALL(env, napi_set_element(env, object, 3, Str(env, "three")));
  CALL(env, napi_get_element(env, object, 3, &v));
  Set(env, r, "element3", v);
  CALL(env, napi_has_element(env, object, 4, &flag));
  napi_get_boolean(env, flag, &v);
  Set(env, r, "hasElement4", v);
  CALL(env, napi_delete_element(env, object, 3, &flag));
  CALL(env, napi_delete_property(env, object, Str(env, "a"), &flag));
  napi_get_boolean(env, flag, &v);
  Set(env, r, "deletedA", v);
  CALL(env, napi_get_property_names(env, object, &v));
  Set(env, r, "names", v);
  CALL(env, napi_get_all_property_names(env, object, napi_key_own_only, napi_key_all_properties, napi_key_keep_numbers, &v));
  Set(env, r, "allOwnKeys", v);
  CALL(env, napi_get_all_property_names(env, object, napi_key_own_only, napi_key_enumerable | napi_key_skip_symbols, napi_key_numbers_to_strings, &v));
  Set(env, r, "enumerableStringKeys", v);
  CALL(env, napi_get_prototype(env, object, &v));
  napi_value global, objectProto, ctor;
  napi_get_global(env, &global);
  napi_get_named_property(env, global, "Object", &ctor);
  napi_get_named_property(env, ctor, "prototype", &objectProto);
  CALL(env, napi_strict_equals(env, v, objectProto, &flag));
  napi_get_boolean(env, flag, &v);
  Set(env, r, "protoIsObjectPrototype", v);
  Set(env, r, "hasOwnNumberKey", Int(env, napi_has_own_property(env, object, Int(env, 1), &flag)));
  napi_property_descriptor descriptors[] = {
    {"readonly", NULL, NULL, NULL, NULL, Int(env, 7), napi_enumerable, NULL},
    {"hidden", NULL, NULL, NULL, NULL, Int(env, 8), napi_writable, NULL},
  };
  CALL(env, napi_define_properties(env, object, 2, descriptors));
  CALL(env, napi_object_freeze(env, object));
  return r;
}

static napi_value Arrays(napi_env env, napi_callback_info info) {
  napi_value r = Object(env), array, v;
  CALL(env, napi_create_array_with_length(env, 3, &array));
  uint32_t length;
  CALL(env, napi_get_array_length(env, array, &length));
  Set(env, r, "length", Int(env, length));
  bool is_array;
  CALL(env, napi_is_array(env, array, &is_array));
  napi_get_boolean(env, is_array, &v);
  Set(env, r, "isArray", v);
  Set(env, r, "lengthOfObject", Int(env, napi_get_array_length(env, Object(env), &length)));
  CALL(env, napi_create_array(env, &array));
  CALL(env, napi_set_element(env, array, 0, Str(env, "x")));
  Set(env, r, "array", array);
  napi_value sealed = Object(env);
  Set(env, sealed, "a", Int(env, 1));
  CALL(env, napi_object_seal(env, sealed));
  Set(env, r, "sealed", sealed);
  return r;
}

// ---- functions, constructors, classes and wrapping ----
static int finalized_points = 0;

static napi_value Callee(napi_env env, napi_callback_info info) {
  napi_value argv[2], self, target;
  size_t argc = Args(env, info, argv, 2);
  napi_get_cb_info(env, info, NULL, NULL, &self, NULL);
  napi_get_new_target(env, info, &target);
  napi_value r = Object(env), v;
  Set(env, r, "argc", Int(env, (int64_t)argc));
  napi_get_boolean(env, target != NULL, &v);
  Set(env, r, "constructCall", v);
  return r;
}

typedef struct {
  double x, y;
} Point;

static void FinalizePoint(napi_env env, void* data, void* hint) {
  finalized_points++;
  free(data);
}

static napi_value PointConstructor(napi_env env, napi_callback_info info) {
  napi_value argv[2], self;
  size_t argc = 2;
  CALL(env, napi_get_cb_info(env, info, &argc, argv, &self, NULL));
  Point* point = malloc(sizeof(Point));
  napi_get_value_double(env, argv[0], &point->x);
  napi_get_value_double(env, argv[1], &point->y);
  CALL(env, napi_wrap(env, self, point, FinalizePoint, NULL, NULL));
  return self;
}

static Point* Unwrap(napi_env env, napi_callback_info info, napi_value* self) {
  size_t argc = 0;
  Point* point = NULL;
  napi_get_cb_info(env, info, &argc, NULL, self, NULL);
  napi_unwrap(env, *self, (void**)&point);
  return point;
}

static napi_value PointLength(napi_env env, napi_callback_info info) {
  napi_value self, out;
  Point* point = Unwrap(env, info, &self);
  if (point == NULL) return NULL;
  napi_create_double(env, point->x * point->x + point->y * point->y, &out);
  return out;
}

static napi_value PointGetX(napi_env env, napi_callback_info info) {
  napi_value self, out;
  Point* point = Unwrap(env, info, &self);
  if (point == NULL) return NULL;
  napi_create_double(env, point->x, &out);
  return out;
}

static napi_value PointSetX(napi_env env, napi_callback_info info) {
  napi_value argv[1], self;
  size_t argc = 1;
  Point* point = NULL;
  napi_get_cb_info(env, info, &argc, argv, &self, NULL);
  napi_unwrap(env, self, (void**)&point);
  if (point) napi_get_value_double(env, argv[0], &point->x);
  return NULL;
}

static napi_value PointOrigin(napi_env env, napi_callback_info info) {
  napi_value self, ctor, argv[2] = {Int(env, 0), Int(env, 0)}, out;
  napi_get_cb_info(env, info, NULL, NULL, &self, NULL);
  napi_get_named_property(env, self, "prototype", &ctor);
  napi_get_named_property(env, ctor, "constructor", &ctor);
  CALL(env, napi_new_instance(env, ctor, 2, argv, &out));
  return out;
}

static napi_value PointDetach(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  Args(env, info, argv, 1);
  void* data = NULL;
  CALL(env, napi_remove_wrap(env, argv[0], &data));
  free(data);
  void* again = NULL;
  return Int(env, napi_unwrap(env, argv[0], &again));
}

static int wrap_marker;

// Every wrap operation on one object, in order, as statuses (0 when the data came back too).
static napi_value WrapSteps(napi_env env, napi_callback_info info) {
  napi_value argv[1], r = Object(env);
  Args(env, info, argv, 1);
  void* data = NULL;
  Set(env, r, "unwrapBefore", Int(env, napi_unwrap(env, argv[0], &data)));
  Set(env, r, "wrap", Int(env, napi_wrap(env, argv[0], &wrap_marker, NULL, NULL, NULL)));
  Set(env, r, "wrapAgain", Int(env, napi_wrap(env, argv[0], &wrap_marker, NULL, NULL, NULL)));
  napi_status status = napi_unwrap(env, argv[0], &data);
  Set(env, r, "unwrap", Int(env, status == napi_ok && data != &wrap_marker ? -1 : status));
  data = NULL;
  status = napi_remove_wrap(env, argv[0], &data);
  Set(env, r, "removeWrap", Int(env, status == napi_ok && data != &wrap_marker ? -1 : status));
  Set(env, r, "unwrapAfterRemove", Int(env, napi_unwrap(env, argv[0], &data)));
  Set(env, r, "removeAgain", Int(env, napi_remove_wrap(env, argv[0], &data)));
  Set(env, r, "wrapAfterRemove", Int(env, napi_wrap(env, argv[0], &wrap_marker, NULL, NULL, NULL)));
  return r;
}

static napi_value UnwrapStatus(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  Args(env, info, argv, 1);
  void* data = NULL;
  return Int(env, napi_unwrap(env, argv[0], &data));
}

static napi_value DefinePoint(napi_env env, napi_callback_info info) {
  napi_property_descriptor properties[] = {
    {"lengthSquared", NULL, PointLength, NULL, NULL, NULL, napi_default_method, NULL},
    {"x", NULL, NULL, PointGetX, PointSetX, NULL, napi_default_jsproperty, NULL},
    {"origin", NULL, PointOrigin, NULL, NULL, NULL, napi_static, NULL},
    {"dimensions", NULL, NULL, NULL, NULL, NULL, napi_static | napi_enumerable, NULL},
  };
  properties[3].value = Int(env, 2);
  napi_value ctor;
  CALL(env, napi_define_class(env, "Point", NAPI_AUTO_LENGTH, PointConstructor, NULL, 4, properties, &ctor));
  return ctor;
}

static napi_value Functions(napi_env env, napi_callback_info info) {
  napi_value argv[1], r = Object(env), fn, v, undefined;
  Args(env, info, argv, 1);
  napi_get_undefined(env, &undefined);
  CALL(env, napi_create_function(env, "callee", 6, Callee, NULL, &fn));
  napi_value args[2] = {Int(env, 1), Int(env, 2)};
  CALL(env, napi_call_function(env, undefined, fn, 2, args, &v));
  Set(env, r, "called", v);
  CALL(env, napi_new_instance(env, fn, 1, args, &v));
  Set(env, r, "constructed", v);
  bool instance;
  CALL(env, napi_instanceof(env, v, fn, &instance));
  napi_get_boolean(env, instance, &v);
  Set(env, r, "instanceof", v);
  Set(env, r, "instanceofNonFunction", Int(env, napi_instanceof(env, v, Object(env), &instance)));
  napi_value e;
  napi_get_and_clear_last_exception(env, &e);
  Set(env, r, "instanceofError", e);
  napi_value result;
  napi_status status = napi_call_function(env, undefined, argv[0], 0, NULL, &result);
  Set(env, r, "throwingCallStatus", Int(env, status));
  napi_get_and_clear_last_exception(env, &e);
  Set(env, r, "throwingCallException", e);
  return r;
}

static napi_value FinalizedPoints(napi_env env, napi_callback_info info) {
  return Int(env, finalized_points);
}

// ---- references, handle scopes, externals, type tags ----
static int external_finalized = 0;
static void FinalizeExternal(napi_env env, void* data, void* hint) { external_finalized++; }

static napi_value Lifetimes(napi_env env, napi_callback_info info) {
  napi_value r = Object(env), object = Object(env), v;
  napi_ref ref;
  uint32_t count;
  CALL(env, napi_create_reference(env, object, 1, &ref));
  CALL(env, napi_reference_ref(env, ref, &count));
  Set(env, r, "afterRef", Int(env, count));
  CALL(env, napi_reference_unref(env, ref, &count));
  CALL(env, napi_reference_unref(env, ref, &count));
  Set(env, r, "afterUnrefs", Int(env, count));
  Set(env, r, "unrefAtZero", Int(env, napi_reference_unref(env, ref, &count)));
  CALL(env, napi_get_reference_value(env, ref, &v));
  bool same;
  napi_strict_equals(env, v, object, &same);
  napi_get_boolean(env, same, &v);
  Set(env, r, "stillReachable", v);
  CALL(env, napi_delete_reference(env, ref));
  Set(env, r, "referenceToNumber", Int(env, napi_create_reference(env, Int(env, 1), 1, &ref)));

  napi_handle_scope scope;
  napi_escapable_handle_scope escapable;
  CALL(env, napi_open_escapable_handle_scope(env, &escapable));
  CALL(env, napi_open_handle_scope(env, &scope));
  CALL(env, napi_close_handle_scope(env, scope));
  napi_value escaped;
  CALL(env, napi_escape_handle(env, escapable, Str(env, "escaped"), &escaped));
  Set(env, r, "escapeTwice", Int(env, napi_escape_handle(env, escapable, Str(env, "again"), &v)));
  CALL(env, napi_close_escapable_handle_scope(env, escapable));
  Set(env, r, "escaped", escaped);
  Set(env, r, "closeWithNoneOpen", Int(env, napi_close_handle_scope(env, scope)));

  static int payload = 42;
  napi_value external;
  CALL(env, napi_create_external(env, &payload, FinalizeExternal, NULL, &external));
  napi_valuetype type;
  napi_typeof(env, external, &type);
  Set(env, r, "externalType", Int(env, type));
  void* data;
  CALL(env, napi_get_value_external(env, external, &data));
  Set(env, r, "externalValue", Int(env, *(int*)data));
  Set(env, r, "externalOfObject", Int(env, napi_get_value_external(env, object, &data)));

  napi_type_tag tag = {0x1234, 0x5678}, other = {1, 2};
  CALL(env, napi_type_tag_object(env, object, &tag));
  Set(env, r, "tagTwice", Int(env, napi_type_tag_object(env, object, &other)));
  bool matches;
  CALL(env, napi_check_object_type_tag(env, object, &tag, &matches));
  napi_get_boolean(env, matches, &v);
  Set(env, r, "tagMatches", v);
  CALL(env, napi_check_object_type_tag(env, object, &other, &matches));
  napi_get_boolean(env, matches, &v);
  Set(env, r, "otherTagMatches", v);
  CALL(env, napi_type_tag_object(env, external, &tag));
  CALL(env, napi_check_object_type_tag(env, external, &tag, &matches));
  napi_get_boolean(env, matches, &v);
  Set(env, r, "externalTagMatches", v);
  return r;
}

static napi_value ExternalsFinalized(napi_env env, napi_callback_info info) {
  return Int(env, external_finalized);
}

// ---- errors ----
static napi_value Errors(napi_env env, napi_callback_info info) {
  napi_value r = Object(env), v, message = Str(env, "message"), code = Str(env, "CODE");
  CALL(env, napi_create_error(env, code, message, &v));
  Set(env, r, "error", v);
  CALL(env, napi_create_type_error(env, NULL, message, &v));
  Set(env, r, "typeError", v);
  CALL(env, napi_create_range_error(env, code, message, &v));
  Set(env, r, "rangeError", v);
  CALL(env, node_api_create_syntax_error(env, NULL, message, &v));
  Set(env, r, "syntaxError", v);
  bool is_error;
  CALL(env, napi_is_error(env, v, &is_error));
  napi_get_boolean(env, is_error, &v);
  Set(env, r, "isError", v);
  Set(env, r, "codeNotString", Int(env, napi_create_error(env, Int(env, 1), message, &v)));
  Set(env, r, "messageNotString", Int(env, napi_create_error(env, NULL, Int(env, 1), &v)));
  CALL(env, node_api_throw_syntax_error(env, "E_SYNTAX", "thrown syntax error"));
  napi_value exception;
  napi_get_and_clear_last_exception(env, &exception);
  Set(env, r, "thrownSyntaxError", exception);
  CALL(env, napi_throw(env, Str(env, "thrown string")));
  napi_get_and_clear_last_exception(env, &exception);
  Set(env, r, "thrownString", exception);
  return r;
}

// ---- array buffers, typed arrays, data views, buffers ----
static int buffers_finalized = 0;
static void FinalizeBuffer(napi_env env, void* data, void* hint) {
  buffers_finalized++;
  free(data);
}

static napi_value Binary(napi_env env, napi_callback_info info) {
  napi_value r = Object(env), arraybuffer, v;
  void* data;
  CALL(env, napi_create_arraybuffer(env, 16, &data, &arraybuffer));
  for (int i = 0; i < 16; i++) ((uint8_t*)data)[i] = (uint8_t)i;
  bool flag;
  CALL(env, napi_is_arraybuffer(env, arraybuffer, &flag));
  napi_get_boolean(env, flag, &v);
  Set(env, r, "isArrayBuffer", v);
  size_t length;
  CALL(env, napi_get_arraybuffer_info(env, arraybuffer, NULL, &length));
  Set(env, r, "byteLength", Int(env, (int64_t)length));
  napi_value typed, dataview, buffer_back;
  CALL(env, napi_create_typedarray(env, napi_uint16_array, 4, arraybuffer, 2, &typed));
  Set(env, r, "uint16", typed);
  napi_typedarray_type type;
  size_t offset;
  CALL(env, napi_get_typedarray_info(env, typed, &type, &length, NULL, &buffer_back, &offset));
  Set(env, r, "typedInfo", Int(env, type * 10000 + length * 100 + offset));
  Set(env, r, "misaligned", Int(env, napi_create_typedarray(env, napi_int32_array, 1, arraybuffer, 3, &v)));
  napi_value e;
  napi_get_and_clear_last_exception(env, &e);
  Set(env, r, "misalignedError", e);
  Set(env, r, "tooLong", Int(env, napi_create_typedarray(env, napi_float64_array, 3, arraybuffer, 0, &v)));
  napi_get_and_clear_last_exception(env, &e);
  Set(env, r, "tooLongError", e);
  CALL(env, napi_create_dataview(env, 4, arraybuffer, 8, &dataview));
  CALL(env, napi_is_dataview(env, dataview, &flag));
  CALL(env, napi_get_dataview_info(env, dataview, &length, &data, NULL, &offset));
  Set(env, r, "dataViewInfo", Int(env, length * 100 + offset + ((uint8_t*)data)[0] * 10000));
  Set(env, r, "dataViewTooLong", Int(env, napi_create_dataview(env, 20, arraybuffer, 0, &v)));
  napi_get_and_clear_last_exception(env, &e);
  Set(env, r, "dataViewError", e);
  CALL(env, napi_detach_arraybuffer(env, arraybuffer));
  CALL(env, napi_is_detached_arraybuffer(env, arraybuffer, &flag));
  napi_get_boolean(env, flag, &v);
  Set(env, r, "detached", v);
  Set(env, r, "detachTypedArray", Int(env, napi_detach_arraybuffer(env, typed)));

  napi_value buffer;
  CALL(env, napi_create_buffer_copy(env, 5, "hello", NULL, &buffer));
  Set(env, r, "bufferCopy", buffer);
  CALL(env, napi_is_buffer(env, buffer, &flag));
  CALL(env, napi_get_buffer_info(env, buffer, &data, &length));
  Set(env, r, "bufferLength", Int(env, (int64_t)length));
  char* external = malloc(4);
  memcpy(external, "abcd", 4);
  CALL(env, napi_create_external_buffer(env, 4, external, FinalizeBuffer, NULL, &buffer));
  Set(env, r, "externalBuffer", buffer);
  CALL(env, napi_create_buffer(env, 3, &data, &buffer));
  memset(data, 'z', 3);
  Set(env, r, "buffer", buffer);
  return r;
}

static napi_value BuffersFinalized(napi_env env, napi_callback_info info) {
  return Int(env, buffers_finalized);
}

// ---- bigints, dates, promises, scripts, versions ----
static napi_value Misc(napi_env env, napi_callback_info info) {
  napi_value r = Object(env), v;
  CALL(env, napi_create_bigint_int64(env, -5, &v));
  Set(env, r, "bigintNegative", v);
  CALL(env, napi_create_bigint_uint64(env, UINT64_MAX, &v));
  Set(env, r, "bigintMax", v);
  uint64_t words[3] = {1, 2, 3};
  CALL(env, napi_create_bigint_words(env, 1, 3, words, &v));
  Set(env, r, "bigintWords", v);
  int sign;
  size_t count = 0;
  CALL(env, napi_get_value_bigint_words(env, v, NULL, &count, NULL));
  Set(env, r, "wordCount", Int(env, (int64_t)count));
  uint64_t back[3];
  count = 2;
  CALL(env, napi_get_value_bigint_words(env, v, &sign, &count, back));
  Set(env, r, "wordsTruncated", Int(env, (int64_t)(sign * 1000 + count * 100 + back[0] * 10 + back[1])));
  int64_t i64;
  bool lossless;
  CALL(env, napi_get_value_bigint_int64(env, v, &i64, &lossless));
  napi_get_boolean(env, lossless, &v);
  Set(env, r, "int64Lossless", v);
  CALL(env, napi_create_date(env, 86400000, &v));
  Set(env, r, "date", v);
  double time;
  CALL(env, napi_get_date_value(env, v, &time));
  Set(env, r, "dateValue", Int(env, (int64_t)time));
  bool flag;
  CALL(env, napi_is_date(env, v, &flag));
  Set(env, r, "dateOfNumber", Int(env, napi_get_date_value(env, Int(env, 1), &time)));
  napi_value script;
  CALL(env, napi_run_script(env, Str(env, "[1, 2, 3].map((x) => x * 2)"), &script));
  Set(env, r, "script", script);
  Set(env, r, "scriptNotString", Int(env, napi_run_script(env, Int(env, 1), &v)));
  uint32_t version;
  CALL(env, napi_get_version(env, &version));
  Set(env, r, "napiVersion", Int(env, version));
  const napi_node_version* node_version;
  CALL(env, napi_get_node_version(env, &node_version));
  Set(env, r, "nodeRelease", Str(env, node_version->release));
  int64_t adjusted;
  CALL(env, napi_adjust_external_memory(env, 1024, &adjusted));
  napi_get_boolean(env, adjusted >= 1024, &v);
  Set(env, r, "externalMemoryGrew", v);
  const char* filename;
  CALL(env, node_api_get_module_file_name(env, &filename));
  napi_get_boolean(env, strncmp(filename, "file://", 7) == 0 && strstr(filename, "napi_areas.node") != NULL, &v);
  Set(env, r, "moduleFileName", v);
  return r;
}

static napi_value Promises(napi_env env, napi_callback_info info) {
  napi_value r, argv[1], promise;
  napi_deferred deferred;
  Args(env, info, argv, 1);
  CALL(env, napi_create_promise(env, &deferred, &promise));
  bool resolve;
  CALL(env, napi_get_value_bool(env, argv[0], &resolve));
  if (resolve) CALL(env, napi_resolve_deferred(env, deferred, Str(env, "resolved")));
  else CALL(env, napi_reject_deferred(env, deferred, Str(env, "rejected")));
  bool is_promise;
  CALL(env, napi_is_promise(env, promise, &is_promise));
  r = Object(env);
  Set(env, r, "promise", promise);
  return r;
}

// ---- instance data, cleanup hooks, make_callback ----
typedef struct {
  int calls;
} InstanceData;

static void FinalizeInstance(napi_env env, void* data, void* hint) {
  printf("instance data finalized after %d calls\n", ((InstanceData*)data)->calls);
  fflush(stdout);
  free(data);
}

static void CleanupHook(void* arg) {
  printf("cleanup hook %s\n", (const char*)arg);
  fflush(stdout);
}

static napi_value Lifecycle(napi_env env, napi_callback_info info) {
  InstanceData* data = NULL;
  CALL(env, napi_get_instance_data(env, (void**)&data));
  if (data == NULL) {
    data = calloc(1, sizeof(InstanceData));
    CALL(env, napi_set_instance_data(env, data, FinalizeInstance, NULL));
    CALL(env, napi_add_env_cleanup_hook(env, CleanupHook, "first"));
    CALL(env, napi_add_env_cleanup_hook(env, CleanupHook, "second"));
    CALL(env, napi_add_env_cleanup_hook(env, CleanupHook, "removed"));
    CALL(env, napi_remove_env_cleanup_hook(env, CleanupHook, "removed"));
  }
  return Int(env, ++data->calls);
}

static napi_value MakeCallback(napi_env env, napi_callback_info info) {
  napi_value argv[1], global, result;
  Args(env, info, argv, 1);
  napi_get_global(env, &global);
  napi_async_context context;
  CALL(env, napi_async_init(env, NULL, Str(env, "areas"), &context));
  CALL(env, napi_make_callback(env, context, global, argv[0], 0, NULL, &result));
  CALL(env, napi_async_destroy(env, context));
  return result;
}

// napi_make_callback(recv, fn) without an async context, or with one made for recv when the
// third argument is true; returns what fn returned (an exception it threw stays pending).
static napi_value MakeCallbackOn(napi_env env, napi_callback_info info) {
  napi_value argv[3], result = NULL;
  Args(env, info, argv, 3);
  bool with_context = false;
  napi_get_value_bool(env, argv[2], &with_context);
  napi_async_context context = NULL;
  if (with_context) CALL(env, napi_async_init(env, argv[0], Str(env, "areas"), &context));
  napi_status status = napi_make_callback(env, context, argv[0], argv[1], 0, NULL, &result);
  if (context != NULL) CALL(env, napi_async_destroy(env, context));
  return status == napi_ok ? result : NULL;
}

typedef struct {
  napi_async_work work;
  napi_ref callback;
} CallbackWork;

static void ExecuteNothing(napi_env env, void* data) {}

static void CompleteWithCallback(napi_env env, napi_status status, void* data) {
  CallbackWork* work = data;
  napi_value callback, undefined;
  napi_get_reference_value(env, work->callback, &callback);
  napi_get_undefined(env, &undefined);
  napi_call_function(env, undefined, callback, 0, NULL, NULL);
  napi_delete_reference(env, work->callback);
  napi_delete_async_work(env, work->work);
  free(work);
}

// asyncWork(resource, name, callback): async work whose complete calls `callback`.
static napi_value AsyncWork(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  Args(env, info, argv, 3);
  napi_valuetype resource_type;
  CALL(env, napi_typeof(env, argv[0], &resource_type));
  CallbackWork* work = calloc(1, sizeof(CallbackWork));
  CALL(env, napi_create_reference(env, argv[2], 1, &work->callback));
  CALL(env, napi_create_async_work(env, resource_type == napi_undefined ? NULL : argv[0], argv[1],
                                   ExecuteNothing, CompleteWithCallback, work, &work->work));
  CALL(env, napi_queue_async_work(env, work->work));
  return NULL;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor properties[] = {
    EXPORT("strings", Strings),
    EXPORT("coercions", Coercions),
    EXPORT("symbols", Symbols),
    EXPORT("properties", Properties),
    EXPORT("arrays", Arrays),
    EXPORT("functions", Functions),
    EXPORT("definePoint", DefinePoint),
    EXPORT("detachPoint", PointDetach),
    EXPORT("wrapSteps", WrapSteps),
    EXPORT("unwrapStatus", UnwrapStatus),
    EXPORT("finalizedPoints", FinalizedPoints),
    EXPORT("lifetimes", Lifetimes),
    EXPORT("externalsFinalized", ExternalsFinalized),
    EXPORT("errors", Errors),
    EXPORT("binary", Binary),
    EXPORT("buffersFinalized", BuffersFinalized),
    EXPORT("misc", Misc),
    EXPORT("promises", Promises),
    EXPORT("lifecycle", Lifecycle),
    EXPORT("makeCallback", MakeCallback),
    EXPORT("makeCallbackOn", MakeCallbackOn),
    EXPORT("asyncWork", AsyncWork),
  };
  DEFINE_EXPORTS(env, exports, properties);
  return exports;
}
