// The differential Node-API fuzzer. run(seed, calls) reads a byte stream from a small PRNG
// seeded with `seed` as `calls` Node-API calls over a pool of live values (handle scopes,
// values of every type, properties, references, wraps, type tags, exceptions, promises,
// buffers, typed arrays, finalizers), with invalid arguments and calls made while an
// exception is pending, and returns a transcript: one line per call with its status, the
// last error's message, its result in a notation of our own (type and value summary, read
// without running JS) and whether an exception is pending. The same seed gives the same
// transcript under any runtime that implements Node-API as node does; js-tests/fuzz/compare.js
// runs seeds under two runtimes and prints the first line that differs.
//
// What is never generated is undefined behaviour that node does not define (it crashes or
// reads freed memory): each such rule is written beside the generator it constrains.
#include <node_api.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "test_addon.h"

// ---- the byte stream: splitmix64 ----
static uint64_t rng_state;
static uint64_t Next(void) {
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}
static uint32_t Below(uint32_t n) { return n ? (uint32_t)(Next() % n) : 0; }
static int Chance(uint32_t n) { return Below(n) == 0; }

// ---- the transcript ----
static char* transcript;
static size_t transcript_len, transcript_cap;
static int trace;  // NAPI_FUZZ_TRACE set: each line also to stderr as it is made (for crashes)
static void Emit(const char* format, ...) {
  size_t start = transcript_len;
  for (;;) {
    va_list args;
    va_start(args, format);
    size_t room = transcript_cap - transcript_len;
    int n = vsnprintf(transcript + transcript_len, room, format, args);
    va_end(args);
    if (n >= 0 && (size_t)n < room) {
      transcript_len += (size_t)n;
      if (trace) fprintf(stderr, "%.*s", (int)(transcript_len - start), transcript + start);
      return;
    }
    transcript_cap = transcript_cap * 2 + (size_t)n + 256;
    transcript = realloc(transcript, transcript_cap);
  }
}

// The line of the call being made: its name, its arguments, then its outcome.
static char line[1024];
static size_t line_len;
static void Line(const char* format, ...) {
  if (line_len >= sizeof line - 1) return;
  va_list args;
  va_start(args, format);
  int n = vsnprintf(line + line_len, sizeof line - line_len, format, args);
  va_end(args);
  if (n > 0) line_len = line_len + (size_t)n < sizeof line ? line_len + (size_t)n : sizeof line - 1;
}

// ---- state of one run ----
#define POOL_MAX 96
#define KEEP_MAX 4096
#define REFS_MAX 32
#define DEFERRED_MAX 16
#define SCOPES_MAX 12

enum Kind {
  K_UNDEFINED, K_NULL, K_BOOLEAN, K_NUMBER, K_STRING, K_SYMBOL, K_BIGINT, K_EXTERNAL, K_FUNCTION,
  K_OBJECT, K_ARRAY, K_ARRAYBUFFER, K_TYPEDARRAY, K_DATAVIEW, K_DATE, K_PROMISE, K_ERROR, K_KINDS
};

static napi_env env_;
static int call_index;
static int run_number;
static napi_value pool[POOL_MAX];
static int pool_depth[POOL_MAX];
static enum Kind pool_kind[POOL_MAX];
static int pool_count;
// Every value the run makes is held by a strong reference until the run ends, so that no
// object the run can still name is collected while it runs: what a weak reference returns and
// when a finalizer runs then do not depend on when the collector happens to run.
static napi_ref keep[KEEP_MAX];
static int keep_count;
static napi_ref refs[REFS_MAX];
// The references napi_wrap returned are never deleted: node keeps a pointer to them in the
// object, which napi_unwrap and napi_remove_wrap would read after it was freed.
static bool ref_is_wrap[REFS_MAX];
static int ref_count;
static napi_deferred deferreds[DEFERRED_MAX];
static int deferred_count;
static struct {
  napi_handle_scope plain;
  napi_escapable_handle_scope escapable;
  int escapes;
} scopes[SCOPES_MAX];
static int scope_depth;
#define CONTEXTS_MAX 8
static napi_async_context contexts[CONTEXTS_MAX];
static int context_count;
static napi_callback_scope callback_scopes[SCOPES_MAX];
static int callback_scope_depth;

// ---- finalizers ----
typedef struct {
  int id;
  int run;
  int ran;
  void* bytes;  // external memory the finalizer frees
  int string;   // an external string's
} Fin;
static int fins_made, fins_ran, fins_ran_twice, fins_of_earlier_runs_in_run;
static int in_run;
static Fin* NewFin(void* bytes) {
  Fin* fin = calloc(1, sizeof(Fin));
  fin->id = ++fins_made;
  fin->run = run_number;
  fin->bytes = bytes;
  return fin;
}
static void RecordFinalizer(Fin* fin) {
  fin->ran++;
  fins_ran++;
  if (fin->ran > 1) fins_ran_twice++;
  if (in_run && fin->run != run_number) fins_of_earlier_runs_in_run++;
  // When V8 lets go of an external string it still holds (making it a thin string when it
  // internalizes it as a property key) differs between V8 versions, not between Node-API
  // implementations: only other finalizers are shown when they run during a call.
  if (in_run && fin->run == run_number && !fin->string) Line(" [finalized f%d]", fin->id);
  if (fin->ran == 1) free(fin->bytes);
}
static void FinalizeData(napi_env env, void* data, void* hint) { RecordFinalizer((Fin*)data); }
static void FinalizeHint(napi_env env, void* data, void* hint) { RecordFinalizer((Fin*)hint); }

// ---- describing values without running JS ----
static const char* StatusName(napi_status status) {
  static const char* names[] = {"ok", "invalid_arg", "object_expected", "string_expected", "name_expected",
                                "function_expected", "number_expected", "boolean_expected", "array_expected",
                                "generic_failure", "pending_exception", "cancelled", "escape_called_twice",
                                "handle_scope_mismatch", "callback_scope_mismatch", "queue_full", "closing",
                                "bigint_expected", "date_expected", "arraybuffer_expected",
                                "detachable_arraybuffer_expected", "would_deadlock",
                                "no_external_buffers_allowed", "cannot_run_js"};
  return (size_t)status < sizeof names / sizeof names[0] ? names[status] : "unknown";
}

static const char* TYPED_NAMES[] = {"Int8", "Uint8", "Uint8Clamped", "Int16", "Uint16", "Int32", "Uint32",
                                    "Float32", "Float64", "BigInt64", "BigUint64", "Float16"};

static uint32_t Checksum(const void* data, size_t length) {
  uint32_t hash = 2166136261u;
  for (size_t i = 0; i < length; i++) hash = (hash ^ ((const uint8_t*)data)[i]) * 16777619u;
  return hash;
}

static void Quote(char* out, size_t cap, const char* text, size_t length) {
  size_t o = 0;
  out[o++] = '"';
  for (size_t i = 0; i < length && o + 6 < cap; i++) {
    unsigned char c = (unsigned char)text[i];
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') out[o++] = (char)c;
    else o += (size_t)snprintf(out + o, cap - o, "\\x%02x", c);
  }
  out[o++] = '"';
  out[o] = 0;
}

// NaN's sign and payload are not observable from JS, and engines differ in them.
static void FormatNumber(char* out, size_t cap, double value) {
  if (isnan(value)) snprintf(out, cap, "NaN");
  else if (value == 0 && signbit(value)) snprintf(out, cap, "-0");
  else snprintf(out, cap, "%.17g", value);
}

static enum Kind KindOf(napi_value value) {
  napi_valuetype type;
  if (napi_typeof(env_, value, &type) != napi_ok) return K_UNDEFINED;
  bool is;
  switch (type) {
    case napi_undefined: return K_UNDEFINED;
    case napi_null: return K_NULL;
    case napi_boolean: return K_BOOLEAN;
    case napi_number: return K_NUMBER;
    case napi_string: return K_STRING;
    case napi_symbol: return K_SYMBOL;
    case napi_bigint: return K_BIGINT;
    case napi_external: return K_EXTERNAL;
    case napi_function: return K_FUNCTION;
    default: break;
  }
  if (napi_is_array(env_, value, &is) == napi_ok && is) return K_ARRAY;
  if (napi_is_arraybuffer(env_, value, &is) == napi_ok && is) return K_ARRAYBUFFER;
  if (napi_is_typedarray(env_, value, &is) == napi_ok && is) return K_TYPEDARRAY;
  if (napi_is_dataview(env_, value, &is) == napi_ok && is) return K_DATAVIEW;
  if (napi_is_date(env_, value, &is) == napi_ok && is) return K_DATE;
  if (napi_is_promise(env_, value, &is) == napi_ok && is) return K_PROMISE;
  if (napi_is_error(env_, value, &is) == napi_ok && is) return K_ERROR;
  return K_OBJECT;
}

static void Describe(napi_value value, char* out, size_t cap) {
  if (value == NULL) {
    snprintf(out, cap, "<none>");
    return;
  }
  char text[160];
  switch (KindOf(value)) {
    case K_UNDEFINED: snprintf(out, cap, "undefined"); return;
    case K_NULL: snprintf(out, cap, "null"); return;
    case K_BOOLEAN: {
      bool b = false;
      napi_get_value_bool(env_, value, &b);
      snprintf(out, cap, "boolean %s", b ? "true" : "false");
      return;
    }
    case K_NUMBER: {
      double d = 0;
      napi_get_value_double(env_, value, &d);
      FormatNumber(text, sizeof text, d);
      snprintf(out, cap, "number %s", text);
      return;
    }
    case K_STRING: {
      char utf8[96];
      size_t length = 0, units = 0;
      napi_get_value_string_utf8(env_, value, utf8, sizeof utf8, &length);
      napi_get_value_string_utf16(env_, value, NULL, 0, &units);
      Quote(text, sizeof text, utf8, length);
      snprintf(out, cap, "string(%zu) %s", units, text);
      return;
    }
    case K_SYMBOL: snprintf(out, cap, "symbol"); return;
    case K_BIGINT: {
      uint64_t words[3] = {0};
      size_t count = 3;
      int sign = 0;
      napi_get_value_bigint_words(env_, value, &sign, &count, words);
      snprintf(out, cap, "bigint %s%zu:%llx,%llx,%llx", sign ? "-" : "+", count, (unsigned long long)words[0],
               (unsigned long long)words[1], (unsigned long long)words[2]);
      return;
    }
    case K_EXTERNAL: {
      void* data = NULL;
      napi_get_value_external(env_, value, &data);
      snprintf(out, cap, "external f%d", data ? ((Fin*)data)->id : 0);
      return;
    }
    case K_FUNCTION: snprintf(out, cap, "function"); return;
    case K_ARRAY: {
      uint32_t length = 0;
      napi_get_array_length(env_, value, &length);
      snprintf(out, cap, "array(%u)", length);
      return;
    }
    case K_ARRAYBUFFER: {
      void* data = NULL;
      size_t length = 0;
      bool detached = false;
      napi_get_arraybuffer_info(env_, value, &data, &length);
      napi_is_detached_arraybuffer(env_, value, &detached);
      snprintf(out, cap, "arraybuffer(%zu)%s #%08x", length, detached ? " detached" : "",
               data ? Checksum(data, length) : 0);
      return;
    }
    case K_TYPEDARRAY: {
      napi_typedarray_type type = 0;
      size_t length = 0, offset = 0;
      void* data = NULL;
      napi_value buffer = NULL;
      napi_get_typedarray_info(env_, value, &type, &length, &data, &buffer, &offset);
      bool is_buffer = false;
      napi_is_buffer(env_, value, &is_buffer);
      static const size_t ELEMENT_SIZES[] = {1, 1, 1, 2, 2, 4, 4, 4, 8, 8, 8, 2};
      size_t bytes = (size_t)type < 12 ? length * ELEMENT_SIZES[type] : 0;
      snprintf(out, cap, "%sArray(%zu) offset %zu%s #%08x", (size_t)type < 12 ? TYPED_NAMES[type] : "?", length,
               offset, is_buffer ? " buffer" : "", data && bytes ? Checksum(data, bytes) : 0);
      return;
    }
    case K_DATAVIEW: {
      size_t length = 0, offset = 0;
      void* data = NULL;
      napi_value buffer = NULL;
      napi_get_dataview_info(env_, value, &length, &data, &buffer, &offset);
      snprintf(out, cap, "DataView(%zu) offset %zu #%08x", length, offset, data ? Checksum(data, length) : 0);
      return;
    }
    case K_DATE: {
      double time = 0;
      napi_get_date_value(env_, value, &time);
      FormatNumber(text, sizeof text, time);
      snprintf(out, cap, "date %s", text);
      return;
    }
    case K_PROMISE: snprintf(out, cap, "promise"); return;
    case K_ERROR: snprintf(out, cap, "error"); return;
    default: snprintf(out, cap, "object"); return;
  }
}

// ---- the pool ----
static void Keep(napi_value value) {
  if (value == NULL || keep_count >= KEEP_MAX) return;
  if (napi_create_reference(env_, value, 1, &keep[keep_count]) == napi_ok) keep_count++;
}

// Adds a result to the pool (and keeps it alive for the run) and describes it on the line.
static void Result(napi_value value) {
  char text[200];
  Describe(value, text, sizeof text);
  Line(" = %s", text);
  if (value == NULL) return;
  Keep(value);
  if (pool_count < POOL_MAX) {
    pool[pool_count] = value;
    pool_depth[pool_count] = scope_depth;
    pool_kind[pool_count] = KindOf(value);
    Line(" -> v%d", pool_count);
    pool_count++;
  }
}

// Describes a value on the line without pooling it: objects shared with the rest of the
// process (the global object, built-in prototypes) must not be changed by the run.
static void Shown(napi_value value) {
  char text[200];
  Describe(value, text, sizeof text);
  Line(" = %s", text);
}

// ---- arguments ----
static void Begin(const char* name) {
  call_index++;
  line_len = 0;
  Line("%d %s(", call_index, name);
  if (trace) fprintf(stderr, "(%d %s)\n", call_index, name);
}
// Drops the call begun: it is not made after all.
static void Abandon(void) {
  call_index--;
  line_len = 0;
}
static int first_arg;
static void Arg(const char* format, ...) {
  char text[200];
  va_list args;
  va_start(args, format);
  vsnprintf(text, sizeof text, format, args);
  va_end(args);
  Line("%s%s", first_arg ? "" : ", ", text);
  if (trace) fprintf(stderr, "  (%s)\n", text);
  first_arg = 0;
}
static void StartArgs(void) { first_arg = 1; }
static void ArgText(const char* text, size_t length) {
  char quoted[200];
  Quote(quoted, sizeof quoted, text, length);
  Arg("%s", quoted);
}

// The env: now and then NULL.
static napi_env Env(void) {
  if (Chance(48)) {
    Arg("env=NULL");
    return NULL;
  }
  return env_;
}
// An out-pointer: now and then NULL.
static int out_null;
static void* Out(void* pointer) {
  out_null = Chance(40);
  if (out_null) {
    Arg("out=NULL");
    return NULL;
  }
  return pointer;
}

static int no_externals;
// A value from the pool, preferring one of `kind` (K_KINDS: any); now and then NULL.
static napi_value Pick(enum Kind kind) {
  if (pool_count == 0 || Chance(40)) {
    Arg("NULL");
    return NULL;
  }
  int index = -1;
  if (kind != K_KINDS && !Chance(5)) {
    int matches = 0;
    for (int i = 0; i < pool_count; i++) matches += pool_kind[i] == kind;
    if (matches) {
      int n = (int)Below((uint32_t)matches);
      for (int i = 0; i < pool_count; i++)
        if (pool_kind[i] == kind && n-- == 0) index = i;
    }
  }
  if (index < 0) index = (int)Below((uint32_t)pool_count);
  if (no_externals && pool_kind[index] == K_EXTERNAL) {
    Arg("NULL");
    return NULL;
  }
  Arg("v%d", index);
  return pool[index];
}
// A value to store in a property: never an external (NULL instead), since node 24 (V8 13)
// crashes when an external becomes a function's "prototype".
static napi_value PickPropertyValue(void) {
  no_externals = 1;
  napi_value value = Pick(K_KINDS);
  no_externals = 0;
  return value;
}
// An object-like value: an object or one of the kinds of object, or now and then another
// value. Never an external (NULL instead): V8 keeps externals in read-only maps, and node
// ends the process when wrapping or tagging one.
static napi_value PickObject(void) {
  static const enum Kind objects[] = {K_OBJECT, K_OBJECT, K_ARRAY, K_FUNCTION, K_ERROR, K_TYPEDARRAY, K_PROMISE};
  no_externals = 1;
  napi_value value = Pick(objects[Below(sizeof objects / sizeof objects[0])]);
  no_externals = 0;
  return value;
}

// Ends the call's line: its status and the last error's message, then `Result`s, then Done.
static napi_status last_status;
static void Status(napi_status status) {
  last_status = status;
  Line(") -> %s", StatusName(status));
  if (status != napi_ok) {
    const napi_extended_error_info* info = NULL;
    if (napi_get_last_error_info(env_, &info) == napi_ok && info && info->error_code == status)
      Line(" \"%s\"", info->error_message ? info->error_message : "");
    else
      Line(" (last error %s)", info ? StatusName(info->error_code) : "?");
  }
}
static int Ok(void) { return last_status == napi_ok && !out_null; }
static void Done(void) {
  bool pending = false;
  napi_is_exception_pending(env_, &pending);
  Emit("%.*s%s\n", (int)line_len, line, pending ? " !pending" : "");
  line_len = 0;
}

// ---- inputs ----
static const char* TEXTS[] = {"", "a", "b", "0", "1", "length", "name", "message", "code", "prototype", "h\xc3\xa9llo",
                              "\xe2\x82\xac" "uro", "bad \xff\xfe utf8", "trunc \xe2\x82", "nul\0inside", "\xf0\x9f\x98\x80"};
// Property names. Never "constructor", "__proto__", "then", "toString" or "valueOf": their
// values are built-ins shared by the whole process, which the run would then change.
static const char* NAMES[] = {"a", "b", "0", "1", "length", "name", "message", "code", "prototype", "x"};
static const char* Text(size_t* length) {
  const char* text = TEXTS[Below(sizeof TEXTS / sizeof TEXTS[0])];
  *length = strcmp(text, "nul") == 0 ? 10 : strlen(text);
  return text;
}
static const char* Name(void) { return NAMES[Below(sizeof NAMES / sizeof NAMES[0])]; }

static double Double(void) {
  static const double values[] = {0.0, -0.0, 1.5, -1, 42, 2147483647.0, 2147483648.0, -2147483649.0, 4294967295.0,
                                  4294967296.0, 9007199254740993.0, 1e300, -1e300, 5e-324, 0.5, -7.9};
  switch (Below(20)) {
    case 0: return NAN;
    case 1: return INFINITY;
    case 2: return -INFINITY;
    default: return values[Below(sizeof values / sizeof values[0])];
  }
}

// A string length for a text of `length` bytes or units: as is, automatic, shorter, 0, or
// above INT_MAX (refused before anything is read). Never longer than the text: node reads it.
static size_t Length(size_t length) {
  switch (Below(6)) {
    case 0: return NAPI_AUTO_LENGTH;
    case 1: return length / 2;
    case 2: return 0;
    case 3: return Chance(4) ? (size_t)2147483648u : length;
    default: return length;
  }
}
static void ArgLength(size_t length) {
  if (length == NAPI_AUTO_LENGTH) Arg("AUTO");
  else Arg("%zu", length);
}

// ---- callbacks: functions, accessors, classes ----
static napi_value Callback(napi_env env, napi_callback_info info) {
  napi_value argv[3] = {NULL, NULL, NULL}, self = NULL, new_target = NULL;
  size_t argc = 3;
  void* data = NULL;
  napi_status status = napi_get_cb_info(env, info, &argc, argv, &self, &data);
  napi_get_new_target(env, info, &new_target);
  intptr_t behaviour = (intptr_t)data;
  char this_text[200], arg_text[200];
  Describe(self, this_text, sizeof this_text);
  Describe(argc ? argv[0] : NULL, arg_text, sizeof arg_text);
  Emit("  callback %d(%s) argc=%zu this=%s arg0=%s new.target=%s\n", (int)behaviour, StatusName(status), argc,
       this_text, arg_text, new_target ? "yes" : "no");
  napi_value result = NULL;
  switch (behaviour) {
    case 0: return argc ? argv[0] : NULL;
    case 1: {
      // Never the global object (`this` of a sloppy call without a receiver): the run must
      // not change what the rest of the process shares.
      napi_value global;
      bool is_global = false;
      napi_get_global(env, &global);
      napi_strict_equals(env, self, global, &is_global);
      return is_global ? NULL : self;
    }
    case 2: napi_throw_error(env, "EFUZZ", "thrown by a callback"); return NULL;
    case 3: napi_create_object(env, &result); return result;
    case 4: napi_throw_type_error(env, NULL, "thrown, then a value returned"); return argv[0];
    default: return new_target;
  }
}
#define BEHAVIOURS 6

// ---- the calls ----
static void DoCreateNumber(void) {
  napi_value result = NULL;
  switch (Below(4)) {
    case 0: {
      int32_t n = (int32_t)(Next() >> (Below(2) ? 33 : 60));
      if (Chance(2)) n = -n;
      Begin("create_int32"); StartArgs(); Arg("%d", n);
      Status(napi_create_int32(Env(), n, Out(&result)));
      break;
    }
    case 1: {
      uint32_t n = (uint32_t)(Next() >> (Below(2) ? 32 : 60));
      Begin("create_uint32"); StartArgs(); Arg("%u", n);
      Status(napi_create_uint32(Env(), n, Out(&result)));
      break;
    }
    case 2: {
      int64_t n = (int64_t)(Next() >> Below(64));
      if (Chance(2)) n = -n;
      Begin("create_int64"); StartArgs(); Arg("%lld", (long long)n);
      Status(napi_create_int64(Env(), n, Out(&result)));
      break;
    }
    default: {
      double d = Double();
      char text[40];
      FormatNumber(text, sizeof text, d);
      Begin("create_double"); StartArgs(); Arg("%s", text);
      Status(napi_create_double(Env(), d, Out(&result)));
    }
  }
  if (Ok()) Result(result);
  Done();
}

static void DoSingletons(void) {
  napi_value result = NULL;
  switch (Below(4)) {
    case 0: Begin("get_undefined"); StartArgs(); Status(napi_get_undefined(Env(), Out(&result))); break;
    case 1: Begin("get_null"); StartArgs(); Status(napi_get_null(Env(), Out(&result))); break;
    case 2: {
      bool b = Chance(2);
      Begin("get_boolean"); StartArgs(); Arg(b ? "true" : "false");
      Status(napi_get_boolean(Env(), b, Out(&result)));
      break;
    }
    default:
      Begin("get_global"); StartArgs(); Status(napi_get_global(Env(), Out(&result)));
      if (Ok()) Shown(result);
      Done();
      return;
  }
  if (Ok()) Result(result);
  Done();
}

static void DoCreateString(void) {
  napi_value result = NULL;
  size_t length;
  const char* text = Text(&length);
  // A NULL text with a length other than 0 is refused; with 0 it makes "".
  int null_text = Chance(16);
  size_t pass = Length(length);
  static const char* CALLS[] = {"create_string_latin1", "create_string_utf8", "create_string_utf16",
                                "node_api_create_property_key_latin1", "node_api_create_property_key_utf8",
                                "node_api_create_property_key_utf16"};
  int call = (int)Below(6);
  Begin(CALLS[call]); StartArgs();
  if (null_text) Arg("NULL"); else ArgText(text, length);
  ArgLength(pass);
  const char* source = null_text ? NULL : text;
  char16_t units[32];
  size_t unit_count = 0;
  if (call == 2 || call == 5) {
    // The text's bytes as UTF-16 code units (so lone surrogates and NULs occur too).
    for (size_t i = 0; i < length && i < 32; i++) units[unit_count++] = (char16_t)((unsigned char)text[i] | (i % 3 == 2 ? 0xd800 : 0));
    if (pass != NAPI_AUTO_LENGTH && pass > unit_count && pass <= 2147483647u) pass = unit_count;
    if (pass == NAPI_AUTO_LENGTH) units[unit_count < 32 ? unit_count : 31] = 0;
  }
  const char16_t* source16 = null_text ? NULL : units;
  switch (call) {
    case 0: Status(napi_create_string_latin1(Env(), source, pass, Out(&result))); break;
    case 1: Status(napi_create_string_utf8(Env(), source, pass, Out(&result))); break;
    case 2: Status(napi_create_string_utf16(Env(), source16, pass, Out(&result))); break;
    case 3: Status(node_api_create_property_key_latin1(Env(), source, pass, Out(&result))); break;
    case 4: Status(node_api_create_property_key_utf8(Env(), source, pass, Out(&result))); break;
    default: Status(node_api_create_property_key_utf16(Env(), source16, pass, Out(&result))); break;
  }
  if (Ok()) Result(result);
  Done();
}

static void DoExternalString(void) {
  // Not while an exception is pending: node calls the finalizer of a string it copies at once,
  // and takes the pending exception for one the finalizer threw (the process ends).
  bool pending = false;
  napi_is_exception_pending(env_, &pending);
  if (pending) return;
  napi_value result = NULL;
  size_t length;
  const char* text = Text(&length);
  bool copied = false;
  int utf16 = Chance(2);
  int with_finalizer = !Chance(4);
  Fin* fin = NULL;
  Begin(utf16 ? "node_api_create_external_string_utf16" : "node_api_create_external_string_latin1"); StartArgs();
  if (utf16) {
    char16_t* units = calloc(length + 1, sizeof(char16_t));
    for (size_t i = 0; i < length; i++) units[i] = (unsigned char)text[i];
    fin = NewFin(units);
    fin->string = 1;
    Arg("%zu units", length);
    Arg(with_finalizer ? "finalizer f%d" : "no finalizer", fin->id);
    Status(node_api_create_external_string_utf16(Env(), units, length, with_finalizer ? FinalizeHint : NULL, fin,
                                                  Out(&result), Chance(8) ? NULL : &copied));
  } else {
    char* bytes = malloc(length + 1);
    memcpy(bytes, text, length + 1);
    fin = NewFin(bytes);
    fin->string = 1;
    Arg("%zu bytes", length);
    Arg(with_finalizer ? "finalizer f%d" : "no finalizer", fin->id);
    Status(node_api_create_external_string_latin1(Env(), bytes, length, with_finalizer ? FinalizeHint : NULL, fin,
                                                   Out(&result), Chance(8) ? NULL : &copied));
  }
  // Without a finalizer the text is the addon's for good.
  if (!with_finalizer) fin->bytes = NULL;
  if (Ok()) Result(result);
  Done();
}

static void DoCreateObject(void) {
  napi_value result = NULL;
  switch (Below(4)) {
    case 0: Begin("create_object"); StartArgs(); Status(napi_create_object(Env(), Out(&result))); break;
    case 1: Begin("create_array"); StartArgs(); Status(napi_create_array(Env(), Out(&result))); break;
    case 2: {
      static const size_t lengths[] = {0, 1, 3, 17, (size_t)-1, ((size_t)1 << 32) + 2, 2147483648u};
      size_t length = lengths[Below(7)];
      Begin("create_array_with_length"); StartArgs(); Arg("%zu", length);
      Status(napi_create_array_with_length(Env(), length, Out(&result)));
      break;
    }
    default: {
      static const double times[] = {0, 1e12, -1.5, 8.64e15, 8.64e15 + 1, 1e300};
      double time = Chance(6) ? NAN : times[Below(6)];
      char text[40];
      FormatNumber(text, sizeof text, time);
      Begin("create_date"); StartArgs(); Arg("%s", text);
      Status(napi_create_date(Env(), time, Out(&result)));
    }
  }
  if (Ok()) Result(result);
  Done();
}

static void DoCreateSymbol(void) {
  napi_value result = NULL;
  if (Chance(2)) {
    Begin("create_symbol"); StartArgs();
    napi_value description = Chance(3) ? (Arg("no description"), NULL) : Pick(K_STRING);
    Status(napi_create_symbol(Env(), description, Out(&result)));
  } else {
    size_t length;
    const char* text = Text(&length);
    size_t pass = Length(length);
    Begin("node_api_symbol_for"); StartArgs(); ArgText(text, length); ArgLength(pass);
    Status(node_api_symbol_for(Env(), text, pass, Out(&result)));
  }
  if (Ok()) Result(result);
  Done();
}

static void DoCreateBigint(void) {
  napi_value result = NULL;
  switch (Below(3)) {
    case 0: {
      int64_t n = (int64_t)Next() >> Below(64);
      Begin("create_bigint_int64"); StartArgs(); Arg("%lld", (long long)n);
      Status(napi_create_bigint_int64(Env(), n, Out(&result)));
      break;
    }
    case 1: {
      uint64_t n = Next() >> Below(64);
      Begin("create_bigint_uint64"); StartArgs(); Arg("%llu", (unsigned long long)n);
      Status(napi_create_bigint_uint64(Env(), n, Out(&result)));
      break;
    }
    default: {
      uint64_t words[3] = {Next() >> Below(64), Chance(2) ? 0 : Next(), Chance(2) ? 0 : Next()};
      int sign = (int)Below(3);  // 2: any non-zero sign is negative
      // A count above INT_MAX is refused before the words are read; counts up to INT_MAX
      // would be read from `words`, so none past its end is made.
      size_t count = Chance(10) ? (size_t)2147483648u : Below(4);
      int null_words = Chance(12);
      Begin("create_bigint_words"); StartArgs(); Arg("sign %d", sign); Arg("%zu words", count);
      if (null_words) Arg("NULL");
      Status(napi_create_bigint_words(Env(), sign, count, null_words ? NULL : words, Out(&result)));
    }
  }
  if (Ok()) Result(result);
  Done();
}

static void DoCreateFunction(void) {
  napi_value result = NULL;
  intptr_t behaviour = (intptr_t)Below(BEHAVIOURS);
  size_t length;
  const char* name = Text(&length);
  size_t pass = Chance(3) ? NAPI_AUTO_LENGTH : length;
  int null_name = Chance(5);
  int null_callback = Chance(20);
  Begin("create_function"); StartArgs();
  if (null_name) Arg("NULL"); else ArgText(name, length);
  ArgLength(pass);
  Arg(null_callback ? "cb=NULL" : "callback %d", (int)behaviour);
  Status(napi_create_function(Env(), null_name ? NULL : name, pass, null_callback ? NULL : Callback,
                              (void*)behaviour, Out(&result)));
  if (Ok()) Result(result);
  Done();
}

// Property descriptors. Never made, as node crashes on them (V8 fatal errors or reading an
// empty handle): neither utf8name nor name set; a NULL value; a class's instance value that
// is not a primitive (V8 templates hold only primitives and templates).
static bool IsPrimitive(enum Kind kind) { return kind <= K_BIGINT && kind != K_SYMBOL; }
static void Descriptors(napi_property_descriptor* descriptors, size_t count, int for_class) {
  for (size_t i = 0; i < count; i++) {
    napi_property_descriptor* d = &descriptors[i];
    memset(d, 0, sizeof *d);
    if (Chance(4) && pool_count) {
      d->name = Pick(K_STRING);
      if (d->name == NULL) d->utf8name = Name();
    } else {
      d->utf8name = Name();
      Arg("'%s'", d->utf8name);
    }
    d->attributes = (napi_property_attributes)(Below(8) | (for_class && Chance(3) ? napi_static : 0));
    Arg("attr %d", (int)d->attributes);
    int instance_value = for_class && !(d->attributes & napi_static);
    switch (Below(4)) {
      case 0: d->method = Callback; Arg("method"); break;
      case 1:
        d->getter = Chance(4) ? NULL : Callback;
        d->setter = Chance(2) ? Callback : NULL;
        Arg("%s%s", d->getter ? "get" : "", d->setter ? "set" : "");
        break;
      default: break;
    }
    if (!d->method && !d->getter && !d->setter) {
      d->value = PickPropertyValue();
      if (d->value == NULL || (instance_value && !IsPrimitive(KindOf(d->value)))) {
        Arg("(undefined)");
        napi_get_undefined(env_, &d->value);
      }
    }
    d->data = (void*)(intptr_t)Below(BEHAVIOURS);
  }
}

static void DoDefineClass(void) {
  napi_value result = NULL;
  napi_property_descriptor descriptors[3];
  size_t count = Below(4);
  intptr_t behaviour = Chance(2) ? 3 : (intptr_t)Below(BEHAVIOURS);
  int null_props = count && Chance(10);
  Begin("define_class"); StartArgs(); Arg("\"Fuzz\""); Arg("constructor %d", (int)behaviour); Arg("%zu props", count);
  if (null_props) Arg("props=NULL");
  else Descriptors(descriptors, count, 1);
  Status(napi_define_class(Env(), "Fuzz", NAPI_AUTO_LENGTH, Chance(20) ? NULL : Callback, (void*)behaviour, count,
                           null_props ? NULL : descriptors, Out(&result)));
  if (Ok()) Result(result);
  Done();
}

static void DoDefineProperties(void) {
  napi_property_descriptor descriptors[3];
  size_t count = Below(4);
  Begin("define_properties"); StartArgs();
  napi_value object = PickObject();
  Arg("%zu props", count);
  int null_props = count && Chance(10);
  if (null_props) Arg("props=NULL");
  else Descriptors(descriptors, count, 0);
  Status(napi_define_properties(Env(), object, count, null_props ? NULL : descriptors));
  Done();
}

static void DoCreateError(void) {
  napi_value result = NULL;
  static const char* CALLS[] = {"create_error", "create_type_error", "create_range_error",
                                "node_api_create_syntax_error"};
  int call = (int)Below(4);
  Begin(CALLS[call]); StartArgs();
  napi_value code = Chance(2) ? (Arg("no code"), NULL) : Pick(K_STRING);
  napi_value message = Pick(K_STRING);
  switch (call) {
    case 0: Status(napi_create_error(Env(), code, message, Out(&result))); break;
    case 1: Status(napi_create_type_error(Env(), code, message, Out(&result))); break;
    case 2: Status(napi_create_range_error(Env(), code, message, Out(&result))); break;
    default: Status(node_api_create_syntax_error(Env(), code, message, Out(&result))); break;
  }
  if (Ok()) Result(result);
  Done();
}

static void DoThrow(void) {
  static const char* CALLS[] = {"throw", "throw_error", "throw_type_error", "throw_range_error",
                                "node_api_throw_syntax_error"};
  static const char* CODES[] = {NULL, "ECODE", ""};
  static const char* MESSAGES[] = {NULL, "fuzz message", ""};
  int call = (int)Below(5);
  Begin(CALLS[call]); StartArgs();
  if (call == 0) {
    napi_value value = Pick(K_ERROR);
    Status(napi_throw(Env(), value));
  } else {
    const char* code = CODES[Below(3)];
    const char* message = MESSAGES[Chance(8) ? 0 : 1 + Below(2)];
    Arg(code ? "\"%s\"" : "NULL", code);
    Arg(message ? "\"%s\"" : "NULL", message);
    switch (call) {
      case 1: Status(napi_throw_error(Env(), code, message)); break;
      case 2: Status(napi_throw_type_error(Env(), code, message)); break;
      case 3: Status(napi_throw_range_error(Env(), code, message)); break;
      default: Status(node_api_throw_syntax_error(Env(), code, message)); break;
    }
  }
  Done();
}

// The pending exception's class, code and message (read with JS once it is cleared).
static void DescribeException(napi_value exception) {
  Shown(exception);
  napi_valuetype type;
  if (napi_typeof(env_, exception, &type) != napi_ok || (type != napi_object && type != napi_function)) return;
  static const char* KEYS[] = {"name", "code", "message"};
  for (int i = 0; i < 3; i++) {
    napi_value value;
    napi_status status = napi_get_named_property(env_, exception, KEYS[i], &value);
    if (status != napi_ok) {
      napi_value ignored;
      napi_get_and_clear_last_exception(env_, &ignored);
      Line(" %s -> %s", KEYS[i], StatusName(status));
      continue;
    }
    napi_valuetype value_type;
    napi_typeof(env_, value, &value_type);
    if (value_type == napi_undefined) continue;
    char text[200];
    Describe(value, text, sizeof text);
    Line(" %s=%s", KEYS[i], text);
  }
}

static void DoExceptionState(void) {
  if (Chance(3)) {
    bool pending = false;
    Begin("is_exception_pending"); StartArgs();
    Status(napi_is_exception_pending(Env(), Out(&pending)));
    if (Ok()) Line(" = %s", pending ? "true" : "false");
  } else {
    napi_value exception = NULL;
    Begin("get_and_clear_last_exception"); StartArgs();
    Status(napi_get_and_clear_last_exception(Env(), Out(&exception)));
    if (Ok()) {
      DescribeException(exception);
      Result(exception);
    }
  }
  Done();
}

static void DoValueGetters(void) {
  switch (Below(7)) {
    case 0: {
      double d = 0;
      Begin("get_value_double"); StartArgs();
      napi_value value = Pick(K_NUMBER);
      Status(napi_get_value_double(Env(), value, Out(&d)));
      if (Ok()) { char text[40]; FormatNumber(text, sizeof text, d); Line(" = %s", text); }
      break;
    }
    case 1: {
      int32_t n = 0;
      Begin("get_value_int32"); StartArgs();
      napi_value value = Pick(K_NUMBER);
      Status(napi_get_value_int32(Env(), value, Out(&n)));
      if (Ok()) Line(" = %d", n);
      break;
    }
    case 2: {
      uint32_t n = 0;
      Begin("get_value_uint32"); StartArgs();
      napi_value value = Pick(K_NUMBER);
      Status(napi_get_value_uint32(Env(), value, Out(&n)));
      if (Ok()) Line(" = %u", n);
      break;
    }
    case 3: {
      int64_t n = 0;
      Begin("get_value_int64"); StartArgs();
      napi_value value = Pick(K_NUMBER);
      Status(napi_get_value_int64(Env(), value, Out(&n)));
      if (Ok()) Line(" = %lld", (long long)n);
      break;
    }
    case 4: {
      bool b = false;
      Begin("get_value_bool"); StartArgs();
      napi_value value = Pick(K_BOOLEAN);
      Status(napi_get_value_bool(Env(), value, Out(&b)));
      if (Ok()) Line(" = %s", b ? "true" : "false");
      break;
    }
    case 5: {
      double time = 0;
      Begin("get_date_value"); StartArgs();
      napi_value value = Pick(K_DATE);
      Status(napi_get_date_value(Env(), value, Out(&time)));
      if (Ok()) { char text[40]; FormatNumber(text, sizeof text, time); Line(" = %s", text); }
      break;
    }
    default: {
      void* data = NULL;
      Begin("get_value_external"); StartArgs();
      napi_value value = Pick(K_EXTERNAL);
      Status(napi_get_value_external(Env(), value, Out(&data)));
      if (Ok()) Line(" = f%d", data ? ((Fin*)data)->id : 0);
    }
  }
  Done();
}

static void DoStringGetters(void) {
  static const size_t sizes[] = {0, 1, 2, 3, 5, 8, 64};
  int encoding = (int)Below(3);
  Begin(encoding == 0 ? "get_value_string_latin1" : encoding == 1 ? "get_value_string_utf8" : "get_value_string_utf16");
  StartArgs();
  napi_value value = Pick(K_STRING);
  int null_buffer = Chance(4);
  size_t size = sizes[Below(7)];
  int null_result = Chance(8);
  if (null_buffer) Arg("buf=NULL"); else Arg("bufsize %zu", size);
  if (null_result) Arg("result=NULL");
  size_t result = 12345;
  union { char bytes[130]; char16_t units[65]; } buffer;
  memset(&buffer, 0xAA, sizeof buffer);
  napi_env env = Env();
  napi_status status;
  if (encoding == 0) status = napi_get_value_string_latin1(env, value, null_buffer ? NULL : buffer.bytes, size, null_result ? NULL : &result);
  else if (encoding == 1) status = napi_get_value_string_utf8(env, value, null_buffer ? NULL : buffer.bytes, size, null_result ? NULL : &result);
  else status = napi_get_value_string_utf16(env, value, null_buffer ? NULL : buffer.units, size, null_result ? NULL : &result);
  Status(status);
  if (status == napi_ok) {
    Line(" = %zu", result);
    if (!null_buffer) {
      // The bytes written, up to one past the size (which must stay untouched).
      size_t bytes = (size + 1) * (encoding == 2 ? 2 : 1);
      if (bytes > sizeof buffer) bytes = sizeof buffer;
      char quoted[600];
      Quote(quoted, sizeof quoted, buffer.bytes, bytes);
      Line(" buf %s", quoted);
    }
  }
  Done();
}

static void DoBigintGetters(void) {
  Begin("get_value_bigint_*"); StartArgs();
  napi_value value = Pick(K_BIGINT);
  int call = (int)Below(3);
  if (call == 0) {
    int64_t n = 0;
    bool lossless = false;
    Arg("int64");
    Status(napi_get_value_bigint_int64(Env(), value, Out(&n), Chance(10) ? NULL : &lossless));
    if (Ok()) Line(" = %lld lossless %d", (long long)n, lossless);
  } else if (call == 1) {
    uint64_t n = 0;
    bool lossless = false;
    Arg("uint64");
    Status(napi_get_value_bigint_uint64(Env(), value, Out(&n), Chance(10) ? NULL : &lossless));
    if (Ok()) Line(" = %llu lossless %d", (unsigned long long)n, lossless);
  } else {
    uint64_t words[4] = {7, 7, 7, 7};
    int sign = 9;
    size_t count = Below(5);
    // sign NULL with words set is refused; words NULL asks for the count.
    int null_words = Chance(3), null_sign = Chance(4);
    Arg("words count %zu%s%s", count, null_words ? " words=NULL" : "", null_sign ? " sign=NULL" : "");
    Status(napi_get_value_bigint_words(Env(), value, null_sign ? NULL : &sign, Chance(20) ? NULL : &count,
                                       null_words ? NULL : words));
    if (last_status == napi_ok)
      Line(" = sign %d count %zu words %llx,%llx,%llx,%llx", sign, count, (unsigned long long)words[0],
           (unsigned long long)words[1], (unsigned long long)words[2], (unsigned long long)words[3]);
  }
  Done();
}

static void DoPredicates(void) {
  static const char* CALLS[] = {"typeof", "is_array", "is_arraybuffer", "is_buffer", "is_date", "is_error",
                                "is_typedarray", "is_dataview", "is_promise", "is_detached_arraybuffer"};
  int call = (int)Below(10);
  Begin(CALLS[call]); StartArgs();
  napi_value value = Pick(K_KINDS);
  bool is = false;
  napi_valuetype type = 0;
  switch (call) {
    case 0: Status(napi_typeof(Env(), value, Out(&type))); break;
    case 1: Status(napi_is_array(Env(), value, Out(&is))); break;
    case 2: Status(napi_is_arraybuffer(Env(), value, Out(&is))); break;
    case 3: Status(napi_is_buffer(Env(), value, Out(&is))); break;
    case 4: Status(napi_is_date(Env(), value, Out(&is))); break;
    case 5: Status(napi_is_error(Env(), value, Out(&is))); break;
    case 6: Status(napi_is_typedarray(Env(), value, Out(&is))); break;
    case 7: Status(napi_is_dataview(Env(), value, Out(&is))); break;
    case 8: Status(napi_is_promise(Env(), value, Out(&is))); break;
    default: Status(napi_is_detached_arraybuffer(Env(), value, Out(&is))); break;
  }
  if (Ok()) {
    if (call == 0) Line(" = %d", (int)type);
    else Line(" = %s", is ? "true" : "false");
  }
  Done();
}

static void DoCompare(void) {
  bool result = false;
  if (Chance(2)) {
    Begin("strict_equals"); StartArgs();
    napi_value a = Pick(K_KINDS), b = Pick(K_KINDS);
    Status(napi_strict_equals(Env(), a, b, Out(&result)));
  } else {
    Begin("instanceof"); StartArgs();
    napi_value object = Pick(K_KINDS), constructor = Pick(K_FUNCTION);
    Status(napi_instanceof(Env(), object, constructor, Out(&result)));
  }
  if (Ok()) Line(" = %s", result ? "true" : "false");
  Done();
}

static void DoCoerce(void) {
  static const char* CALLS[] = {"coerce_to_bool", "coerce_to_number", "coerce_to_object", "coerce_to_string"};
  int call = (int)Below(4);
  napi_value result = NULL;
  Begin(CALLS[call]); StartArgs();
  napi_value value = Pick(K_KINDS);
  switch (call) {
    case 0: Status(napi_coerce_to_bool(Env(), value, Out(&result))); break;
    case 1: Status(napi_coerce_to_number(Env(), value, Out(&result))); break;
    case 2: Status(napi_coerce_to_object(Env(), value, Out(&result))); break;
    default: Status(napi_coerce_to_string(Env(), value, Out(&result))); break;
  }
  if (Ok()) Result(result);
  Done();
}

static napi_value Key(void) {
  if (Chance(3)) return Pick(K_KINDS);
  napi_value key = NULL;
  const char* name = Name();
  napi_create_string_utf8(env_, name, NAPI_AUTO_LENGTH, &key);
  Arg("'%s'", name);
  return key;
}

static void DoProperties(void) {
  napi_value result = NULL;
  bool has = false;
  int call = (int)Below(12);
  static const char* CALLS[] = {"set_property", "get_property", "has_property", "delete_property",
                                "has_own_property", "set_named_property", "get_named_property",
                                "has_named_property", "set_element", "get_element", "has_element", "delete_element"};
  Begin(CALLS[call]); StartArgs();
  napi_value object = PickObject();
  uint32_t index = Chance(8) ? 4294967295u : Below(4);
  switch (call) {
    case 0: { napi_value key = Key(); napi_value value = PickPropertyValue(); Status(napi_set_property(Env(), object, key, value)); break; }
    case 1: { napi_value key = Key(); Status(napi_get_property(Env(), object, key, Out(&result))); break; }
    case 2: { napi_value key = Key(); Status(napi_has_property(Env(), object, key, Out(&has))); break; }
    case 3: { napi_value key = Key(); Status(napi_delete_property(Env(), object, key, Chance(3) ? NULL : &has)); break; }
    case 4: { napi_value key = Key(); Status(napi_has_own_property(Env(), object, key, Out(&has))); break; }
    case 5: { const char* name = Name(); Arg("'%s'", name); napi_value value = PickPropertyValue();
              Status(napi_set_named_property(Env(), object, Chance(30) ? NULL : name, value)); break; }
    case 6: { const char* name = Name(); Arg("'%s'", name); Status(napi_get_named_property(Env(), object, name, Out(&result))); break; }
    case 7: { const char* name = Name(); Arg("'%s'", name); Status(napi_has_named_property(Env(), object, name, Out(&has))); break; }
    case 8: { Arg("%u", index); napi_value value = PickPropertyValue(); Status(napi_set_element(Env(), object, index, value)); break; }
    case 9: { Arg("%u", index); Status(napi_get_element(Env(), object, index, Out(&result))); break; }
    case 10: { Arg("%u", index); Status(napi_has_element(Env(), object, index, Out(&has))); break; }
    default: { Arg("%u", index); Status(napi_delete_element(Env(), object, index, Chance(3) ? NULL : &has)); break; }
  }
  if (last_status == napi_ok) {
    if (call == 1 || call == 6 || call == 9) { if (!out_null) Result(result); }
    else if (call != 0 && call != 5 && call != 8) Line(" = %s", has ? "true" : "false");
  }
  Done();
}

static void DoObjectOps(void) {
  napi_value result = NULL;
  switch (Below(6)) {
    case 0: {
      Begin("get_property_names"); StartArgs();
      napi_value object = PickObject();
      Status(napi_get_property_names(Env(), object, Out(&result)));
      if (Ok()) Result(result);
      break;
    }
    case 1: {
      napi_key_collection_mode mode = (napi_key_collection_mode)Below(2);
      napi_key_filter filter = (napi_key_filter)Below(32);
      napi_key_conversion conversion = (napi_key_conversion)Below(2);
      Begin("get_all_property_names"); StartArgs();
      napi_value object = PickObject();
      // Not of functions: V8 13 (node 24) gives functions own "arguments" and "caller"
      // properties and V8 14 does not, which shows in every mode and filter here. Nor, with
      // the prototypes, of typed arrays: V8 14 adds Uint8Array.prototype.toBase64 and its kin.
      enum Kind kind = object ? KindOf(object) : K_KINDS;
      if (kind == K_FUNCTION || (kind == K_TYPEDARRAY && mode == napi_key_include_prototypes)) {
        Abandon();
        return;
      }
      Arg("mode %d filter %d conversion %d", mode, filter, conversion);
      Status(napi_get_all_property_names(Env(), object, mode, filter, conversion, Out(&result)));
      if (Ok()) Result(result);
      break;
    }
    case 2: {
      Begin("get_prototype"); StartArgs();
      napi_value object = PickObject();
      Status(napi_get_prototype(Env(), object, Out(&result)));
      if (Ok()) Shown(result);
      break;
    }
    case 3: {
      uint32_t length = 0;
      Begin("get_array_length"); StartArgs();
      napi_value array = Pick(K_ARRAY);
      Status(napi_get_array_length(Env(), array, Out(&length)));
      if (Ok()) Line(" = %u", length);
      break;
    }
    case 4: {
      Begin("object_freeze"); StartArgs();
      napi_value object = PickObject();
      Status(napi_object_freeze(Env(), object));
      break;
    }
    default: {
      Begin("object_seal"); StartArgs();
      napi_value object = PickObject();
      Status(napi_object_seal(Env(), object));
    }
  }
  Done();
}

static void DoCall(void) {
  napi_value result = NULL, argv[3];
  size_t argc = Below(4);
  int null_argv = argc && Chance(12);
  int construct = Chance(3);
  int make_callback = !construct && Chance(4);
  Begin(construct ? "new_instance" : make_callback ? "make_callback" : "call_function"); StartArgs();
  napi_value recv = construct ? NULL : Pick(K_KINDS);
  napi_value function = Pick(K_FUNCTION);
  Arg("argc %zu", argc);
  if (null_argv) Arg("argv=NULL");
  for (size_t i = 0; i < argc; i++) argv[i] = Pick(K_KINDS);
  // Arguments are never NULL inside argv: node passes them on to V8 unchecked.
  for (size_t i = 0; i < argc; i++) if (argv[i] == NULL) napi_get_undefined(env_, &argv[i]);
  if (construct) Status(napi_new_instance(Env(), function, argc, null_argv ? NULL : argv, Out(&result)));
  else if (make_callback) Status(napi_make_callback(Env(), NULL, recv, function, argc, null_argv ? NULL : argv, Out(&result)));
  else Status(napi_call_function(Env(), recv, function, argc, null_argv ? NULL : argv, Out(&result)));
  if (Ok()) Result(result);
  Done();
}

static void DoRunScript(void) {
  static const char* SCRIPTS[] = {"1 + 1", "'str' + 1", "({ a: 1, b: [2] })", "[1, 2, 3]",
                                  "throw new RangeError('from a script')", "(", "Symbol('s')", "10n ** 20n",
                                  "new Date(0)", "(function f(a, b) { return a; })",
                                  "new Proxy({}, { get() { throw new Error('trap'); }, has() { return true; } })",
                                  "Object.freeze({ x: 1 })", "new Uint8Array([1, 2, 3])", "Promise.resolve(1)",
                                  "(class C { constructor(x) { this.x = x; } })"};
  napi_value result = NULL, script = NULL;
  Begin("run_script"); StartArgs();
  if (Chance(6)) {
    script = Pick(K_KINDS);
  } else {
    const char* source = SCRIPTS[Below(sizeof SCRIPTS / sizeof SCRIPTS[0])];
    napi_create_string_utf8(env_, source, NAPI_AUTO_LENGTH, &script);
    char quoted[200];
    Quote(quoted, sizeof quoted, source, strlen(source));
    Arg("%s", quoted);
  }
  Status(napi_run_script(Env(), script, Out(&result)));
  if (Ok()) Result(result);
  Done();
}

static void DoScopes(void) {
  switch (Below(5)) {
    case 0:
    case 1: {
      if (scope_depth >= SCOPES_MAX) return;
      int escapable = Chance(2);
      Begin(escapable ? "open_escapable_handle_scope" : "open_handle_scope"); StartArgs();
      scopes[scope_depth].plain = NULL;
      scopes[scope_depth].escapable = NULL;
      scopes[scope_depth].escapes = 0;
      if (escapable) Status(napi_open_escapable_handle_scope(Env(), Out(&scopes[scope_depth].escapable)));
      else Status(napi_open_handle_scope(Env(), Out(&scopes[scope_depth].plain)));
      if (Ok()) Line(" depth %d", ++scope_depth);
      Done();
      return;
    }
    case 2:
    case 3: {
      // Only the innermost scope is closed: closing another is undefined in node (V8 frees
      // handles out of order).
      int null_scope = Chance(12);
      if (scope_depth == 0 && !null_scope) return;
      int top = scope_depth - 1;
      int escapable = null_scope ? (int)Below(2) : scopes[top].escapable != NULL;
      Begin(escapable ? "close_escapable_handle_scope" : "close_handle_scope"); StartArgs();
      if (null_scope) Arg("NULL");
      if (escapable) Status(napi_close_escapable_handle_scope(Env(), null_scope ? NULL : scopes[top].escapable));
      else Status(napi_close_handle_scope(Env(), null_scope ? NULL : scopes[top].plain));
      if (last_status == napi_ok && !null_scope) {
        scope_depth--;
        int kept = 0;
        for (int i = 0; i < pool_count; i++) {
          if (pool_depth[i] > scope_depth) continue;
          pool[kept] = pool[i];
          pool_depth[kept] = pool_depth[i];
          pool_kind[kept] = pool_kind[i];
          kept++;
        }
        Line(" depth %d, %d values left", scope_depth, kept);
        pool_count = kept;
      }
      Done();
      return;
    }
    default: {
      int top = scope_depth - 1;
      if (top < 0 || scopes[top].escapable == NULL) return;
      napi_value result = NULL;
      Begin("escape_handle"); StartArgs();
      napi_value value = Pick(K_KINDS);
      Status(napi_escape_handle(Env(), scopes[top].escapable, value, Out(&result)));
      if (Ok()) {
        scope_depth--;  // the escaped handle lives in the scope outside
        Result(result);
        scope_depth++;
      }
      Done();
    }
  }
}

static void DoReferences(void) {
  switch (Below(5)) {
    case 0: {
      if (ref_count >= REFS_MAX) return;
      uint32_t initial = Below(3);
      napi_ref ref = NULL;
      Begin("create_reference"); StartArgs();
      napi_value value = Pick(K_KINDS);
      Arg("%u", initial);
      Status(napi_create_reference(Env(), value, initial, Out(&ref)));
      if (Ok()) { Line(" -> r%d", ref_count); ref_is_wrap[ref_count] = false; refs[ref_count++] = ref; }
      break;
    }
    case 1:
    case 2: {
      uint32_t count = 0;
      int up = Chance(2);
      int index = ref_count && !Chance(16) ? (int)Below((uint32_t)ref_count) : -1;
      Begin(up ? "reference_ref" : "reference_unref"); StartArgs();
      if (index < 0) Arg("NULL"); else Arg("r%d", index);
      napi_ref ref = index < 0 ? NULL : refs[index];
      Status(up ? napi_reference_ref(Env(), ref, Chance(10) ? NULL : &count)
                : napi_reference_unref(Env(), ref, Chance(10) ? NULL : &count));
      if (last_status == napi_ok) Line(" = %u", count);
      break;
    }
    case 3: {
      int index = ref_count && !Chance(16) ? (int)Below((uint32_t)ref_count) : -1;
      napi_value result = NULL;
      Begin("get_reference_value"); StartArgs();
      if (index < 0) Arg("NULL"); else Arg("r%d", index);
      Status(napi_get_reference_value(Env(), index < 0 ? NULL : refs[index], Out(&result)));
      if (Ok()) {
        if (result == NULL) Line(" = empty");
        else Result(result);
      }
      break;
    }
    default: {
      int index = ref_count && !Chance(16) ? (int)Below((uint32_t)ref_count) : -1;
      if (index >= 0 && ref_is_wrap[index]) return;
      Begin("delete_reference"); StartArgs();
      if (index < 0) Arg("NULL"); else Arg("r%d", index);
      Status(napi_delete_reference(Env(), index < 0 ? NULL : refs[index]));
      // A reference is deleted once: a second delete reads freed memory.
      if (last_status == napi_ok && index >= 0) {
        ref_count--;
        refs[index] = refs[ref_count];
        ref_is_wrap[index] = ref_is_wrap[ref_count];
      }
    }
  }
  Done();
}

static const napi_type_tag TAGS[] = {{1, 2}, {1, 3}, {0xffffffffffffffffull, 0}};

static void DoWraps(void) {
  switch (Below(6)) {
    case 0: {
      Fin* fin = NewFin(NULL);
      int with_finalizer = !Chance(4), want_ref = Chance(3) && ref_count < REFS_MAX;
      napi_ref ref = NULL;
      Begin("wrap"); StartArgs();
      napi_value object = PickObject();
      Arg("f%d%s%s", fin->id, with_finalizer ? " finalizer" : "", want_ref ? " ref" : "");
      Status(napi_wrap(Env(), object, fin, with_finalizer ? FinalizeData : NULL, NULL, want_ref ? &ref : NULL));
      if (last_status == napi_ok && want_ref) { Line(" -> r%d", ref_count); ref_is_wrap[ref_count] = true; refs[ref_count++] = ref; }
      break;
    }
    case 1:
    case 2: {
      void* data = NULL;
      int remove = Chance(3);
      Begin(remove ? "remove_wrap" : "unwrap"); StartArgs();
      napi_value object = PickObject();
      Status(remove ? napi_remove_wrap(Env(), object, Chance(4) ? NULL : &data) : napi_unwrap(Env(), object, Out(&data)));
      if (last_status == napi_ok) Line(" = f%d", data ? ((Fin*)data)->id : 0);
      break;
    }
    case 3: {
      Fin* fin = NewFin(NULL);
      int want_ref = Chance(3) && ref_count < REFS_MAX;
      napi_ref ref = NULL;
      Begin("add_finalizer"); StartArgs();
      napi_value object = PickObject();
      int null_callback = Chance(12);
      Arg("f%d%s%s", fin->id, null_callback ? " cb=NULL" : "", want_ref ? " ref" : "");
      Status(napi_add_finalizer(Env(), object, fin, null_callback ? NULL : FinalizeData, NULL, want_ref ? &ref : NULL));
      if (last_status == napi_ok && want_ref) { Line(" -> r%d", ref_count); ref_is_wrap[ref_count] = false; refs[ref_count++] = ref; }
      break;
    }
    case 4: {
      int tag = (int)Below(3);
      Begin("type_tag_object"); StartArgs();
      napi_value object = PickObject();
      Arg("tag %d", tag);
      Status(napi_type_tag_object(Env(), object, Chance(20) ? NULL : &TAGS[tag]));
      break;
    }
    default: {
      int tag = (int)Below(3);
      bool matches = false;
      Begin("check_object_type_tag"); StartArgs();
      napi_value object = PickObject();
      Arg("tag %d", tag);
      Status(napi_check_object_type_tag(Env(), object, &TAGS[tag], Out(&matches)));
      if (Ok()) Line(" = %s", matches ? "true" : "false");
    }
  }
  Done();
}

static void DoExternal(void) {
  napi_value result = NULL;
  Fin* fin = NewFin(NULL);
  int with_finalizer = !Chance(4);
  Begin("create_external"); StartArgs(); Arg("f%d%s", fin->id, with_finalizer ? " finalizer" : "");
  Status(napi_create_external(Env(), fin, with_finalizer ? FinalizeData : NULL, NULL, Out(&result)));
  if (Ok()) Result(result);
  Done();
}

static size_t SmallSize(void) {
  static const size_t sizes[] = {0, 1, 2, 3, 4, 7, 8, 16, 33};
  return sizes[Below(9)];
}

static void Fill(void* data, size_t length) {
  for (size_t i = 0; i < length; i++) ((uint8_t*)data)[i] = (uint8_t)(i * 37 + length);
}

static void DoBuffers(void) {
  napi_value result = NULL;
  void* data = NULL;
  switch (Below(7)) {
    case 0: {
      // Lengths V8 cannot allocate end node (a fatal out-of-memory error), so none is made.
      size_t length = SmallSize();
      Begin("create_arraybuffer"); StartArgs(); Arg("%zu", length);
      int null_data = Chance(4);
      if (null_data) Arg("data=NULL");
      Status(napi_create_arraybuffer(Env(), length, null_data ? NULL : &data, Out(&result)));
      if (Ok() && data) Fill(data, length);
      break;
    }
    case 1: {
      size_t length = SmallSize();
      void* bytes = malloc(length ? length : 1);
      Fill(bytes, length);
      Fin* fin = NewFin(bytes);
      int with_finalizer = !Chance(4);
      Begin("create_external_arraybuffer"); StartArgs(); Arg("%zu", length); Arg("f%d%s", fin->id, with_finalizer ? " finalizer" : "");
      Status(napi_create_external_arraybuffer(Env(), bytes, length, with_finalizer ? FinalizeHint : NULL, fin, Out(&result)));
      // Without a finalizer (or when refused) the bytes stay the addon's.
      if (!with_finalizer || last_status != napi_ok) fin->bytes = NULL;
      break;
    }
    case 2: {
      size_t length = Chance(12) ? ((size_t)1 << 53) : SmallSize();
      Begin("create_buffer"); StartArgs(); Arg("%zu", length);
      int null_data = Chance(4);
      if (null_data) Arg("data=NULL");
      Status(napi_create_buffer(Env(), length, null_data ? NULL : &data, Out(&result)));
      // A new buffer's bytes are uninitialized until written.
      if (Ok() && napi_get_buffer_info(env_, result, &data, &length) == napi_ok) Fill(data, length);
      break;
    }
    case 3: {
      size_t length = SmallSize();
      uint8_t source[33];
      Fill(source, sizeof source);
      int null_data = Chance(4);
      Begin("create_buffer_copy"); StartArgs(); Arg("%zu", length);
      if (null_data) Arg("result_data=NULL");
      Status(napi_create_buffer_copy(Env(), length, source, null_data ? NULL : &data, Out(&result)));
      break;
    }
    case 4: {
      size_t length = SmallSize();
      void* bytes = malloc(length ? length : 1);
      Fill(bytes, length);
      Fin* fin = NewFin(bytes);
      int with_finalizer = !Chance(4);
      Begin("create_external_buffer"); StartArgs(); Arg("%zu", length); Arg("f%d%s", fin->id, with_finalizer ? " finalizer" : "");
      Status(napi_create_external_buffer(Env(), length, bytes, with_finalizer ? FinalizeHint : NULL, fin, Out(&result)));
      if (!with_finalizer || last_status != napi_ok) fin->bytes = NULL;
      break;
    }
    case 5: {
      size_t offset = SmallSize(), length = SmallSize();
      Begin("node_api_create_buffer_from_arraybuffer"); StartArgs();
      napi_value buffer = Pick(K_ARRAYBUFFER);
      Arg("offset %zu length %zu", offset, length);
      Status(node_api_create_buffer_from_arraybuffer(Env(), buffer, offset, length, Out(&result)));
      break;
    }
    default: {
      size_t length = 0;
      Begin("get_buffer_info"); StartArgs();
      napi_value buffer = Pick(K_TYPEDARRAY);
      Status(napi_get_buffer_info(Env(), buffer, Chance(3) ? NULL : &data, Chance(5) ? NULL : &length));
      if (last_status == napi_ok) Line(" = %zu", length);
      Done();
      return;
    }
  }
  if (Ok()) Result(result);
  Done();
}

static void DoViews(void) {
  napi_value result = NULL;
  switch (Below(6)) {
    case 0:
    case 1: {
      // Every kind, and kinds past the last.
      int type = Chance(12) ? 12 + (int)Below(3) : (int)Below(12);
      size_t length = Chance(10) ? ((size_t)1 << 40) : Below(9);  // never so long that length * size overflows
      size_t offset = Below(10);
      Begin("create_typedarray"); StartArgs(); Arg("type %d", type); Arg("length %zu", length);
      napi_value buffer = Pick(K_ARRAYBUFFER);
      Arg("offset %zu", offset);
      Status(napi_create_typedarray(Env(), (napi_typedarray_type)type, length, buffer, offset, Out(&result)));
      break;
    }
    case 2: {
      size_t length = Below(9), offset = Below(10);
      Begin("create_dataview"); StartArgs(); Arg("length %zu", length);
      napi_value buffer = Pick(K_ARRAYBUFFER);
      Arg("offset %zu", offset);
      Status(napi_create_dataview(Env(), length, buffer, offset, Out(&result)));
      break;
    }
    case 3: {
      napi_typedarray_type type = 0;
      size_t length = 0, offset = 0;
      void* data = NULL;
      napi_value buffer = NULL;
      Begin("get_typedarray_info"); StartArgs();
      napi_value array = Pick(K_TYPEDARRAY);
      int null_outs = (int)Below(32);
      Status(napi_get_typedarray_info(Env(), array, null_outs & 1 ? NULL : &type, null_outs & 2 ? NULL : &length,
                                      null_outs & 4 ? NULL : &data, null_outs & 8 ? NULL : &buffer,
                                      null_outs & 16 ? NULL : &offset));
      if (last_status == napi_ok) {
        Line(" = type %d length %zu offset %zu data %s", (int)type, length, offset, data ? "set" : "NULL");
        if (buffer) Result(buffer);
      }
      Done();
      return;
    }
    case 4: {
      size_t length = 0, offset = 0;
      void* data = NULL;
      napi_value buffer = NULL;
      int null_outs = (int)Below(16);
      Begin("get_dataview_info"); StartArgs();
      napi_value view = Pick(K_DATAVIEW);
      Status(napi_get_dataview_info(Env(), view, null_outs & 1 ? NULL : &length, null_outs & 2 ? NULL : &data,
                                    null_outs & 4 ? NULL : &buffer, null_outs & 8 ? NULL : &offset));
      if (last_status == napi_ok) {
        Line(" = length %zu offset %zu data %s", length, offset, data ? "set" : "NULL");
        if (buffer) Result(buffer);
      }
      Done();
      return;
    }
    default: {
      void* data = NULL;
      size_t length = 0;
      int detach = Chance(2);
      Begin(detach ? "detach_arraybuffer" : "get_arraybuffer_info"); StartArgs();
      napi_value buffer = Pick(K_ARRAYBUFFER);
      if (detach) {
        Status(napi_detach_arraybuffer(Env(), buffer));
        if (last_status == napi_ok)
          for (int i = 0; i < pool_count; i++)
            if (pool[i] == buffer) pool_kind[i] = KindOf(buffer);
      } else {
        Status(napi_get_arraybuffer_info(Env(), buffer, Chance(3) ? NULL : &data, Chance(3) ? NULL : &length));
        if (last_status == napi_ok) Line(" = %zu", length);
      }
      Done();
      return;
    }
  }
  if (Ok()) Result(result);
  Done();
}

static void DoPromises(void) {
  if (deferred_count && Chance(2)) {
    int index = (int)Below((uint32_t)deferred_count);
    int resolve = Chance(2);
    Begin(resolve ? "resolve_deferred" : "reject_deferred"); StartArgs(); Arg("d%d", index);
    napi_value value = Pick(K_KINDS);
    // A deferred is settled once (node frees it then) and never with a NULL value (node
    // passes it to V8 unchecked).
    if (value == NULL) napi_get_undefined(env_, &value);
    napi_env env = Env();
    Status(resolve ? napi_resolve_deferred(env, deferreds[index], value) : napi_reject_deferred(env, deferreds[index], value));
    if (last_status == napi_ok) deferreds[index] = deferreds[--deferred_count];
    Done();
    return;
  }
  if (deferred_count >= DEFERRED_MAX) return;
  napi_value promise = NULL;
  napi_deferred deferred = NULL;
  Begin("create_promise"); StartArgs();
  int null_deferred = Chance(20);
  if (null_deferred) Arg("deferred=NULL");
  Status(napi_create_promise(Env(), null_deferred ? NULL : &deferred, Out(&promise)));
  if (Ok()) {
    deferreds[deferred_count++] = deferred;
    Line(" d%d", deferred_count - 1);
    Result(promise);
  }
  Done();
}

static void DoMisc(void) {
  switch (Below(5)) {
    case 0: {
      uint32_t version = 0;
      Begin("get_version"); StartArgs();
      Status(napi_get_version(Env(), Out(&version)));
      if (Ok()) Line(" = %u", version);
      break;
    }
    case 1: {
      const napi_node_version* version = NULL;
      Begin("get_node_version"); StartArgs();
      Status(napi_get_node_version(Env(), Out(&version)));
      if (Ok()) Line(" = %u.%u.%u %s", version->major, version->minor, version->patch, version->release);
      break;
    }
    case 2: {
      // The total is the runtime's own; only the status is compared. The process's total never
      // goes below zero: V8 checks that when the isolate is disposed, and ends the process.
      static int64_t adjusted;
      int64_t change = Chance(2) || adjusted < 512 ? 1024 : -512, total = 0;
      Begin("adjust_external_memory"); StartArgs(); Arg("%lld", (long long)change);
      Status(napi_adjust_external_memory(Env(), change, Out(&total)));
      if (last_status == napi_ok) adjusted += change;
      break;
    }
    case 3: {
      Fin* fin = NewFin(NULL);
      int with_finalizer = Chance(2);
      if (Chance(2)) {
        // Replacing instance data deletes the old without finalizing it (node's contract).
        Begin("set_instance_data"); StartArgs(); Arg("f%d%s", fin->id, with_finalizer ? " finalizer" : "");
        Status(napi_set_instance_data(Env(), fin, with_finalizer ? FinalizeData : NULL, NULL));
      } else {
        void* data = NULL;
        Begin("get_instance_data"); StartArgs();
        Status(napi_get_instance_data(Env(), Out(&data)));
        if (Ok()) Line(" = f%d", data ? ((Fin*)data)->id : 0);
      }
      break;
    }
    default: {
      const char* file = NULL;
      Begin("node_api_get_module_file_name"); StartArgs();
      Status(node_api_get_module_file_name(Env(), Out(&file)));
      if (Ok()) {
        const char* slash = file ? strrchr(file, '/') : NULL;
        Line(" = .../%s", slash ? slash + 1 : "?");
      }
    }
  }
  Done();
}

// Async contexts and callback scopes. A callback scope is opened only with a context (node
// reads a NULL one) and only the innermost is closed; a context is destroyed only while no
// callback scope is open (one may be using it). A resource or name that does not convert
// (ToObject, ToString) leaves its exception stray, as node converts them outside any TryCatch:
// unseen by napi_is_exception_pending, swallowed by the next call that may run JS, else thrown
// when run() returns (run.js then prints it after lastTranscript()). A context's name is never
// an object: converting one runs JS (a proxy's trap, Array.prototype.toString), and what that
// throws outside any TryCatch node reports as uncaught, ending the process, though JS catches it.
static napi_value PickResource(void) {
  return PickObject();
}
static napi_value PickResourceName(void) {
  napi_value name = Pick(K_STRING);
  if (name == NULL || KindOf(name) < K_EXTERNAL) return name;
  Arg("(passed as NULL)");
  return NULL;
}
static void DoAsyncContexts(void) {
  switch (Below(5)) {
    case 0: {
      if (context_count >= CONTEXTS_MAX) return;
      napi_async_context context = NULL;
      Begin("async_init"); StartArgs();
      napi_value resource = Chance(3) ? (Arg("no resource"), NULL) : PickResource();
      napi_value name = PickResourceName();
      Status(napi_async_init(Env(), resource, name, Out(&context)));
      if (Ok()) { Line(" -> c%d", context_count); contexts[context_count++] = context; }
      break;
    }
    case 1: {
      int index = context_count && !Chance(12) ? (int)Below((uint32_t)context_count) : -1;
      if (index >= 0 && callback_scope_depth > 0) return;
      Begin("async_destroy"); StartArgs();
      if (index < 0) Arg("NULL"); else Arg("c%d", index);
      Status(napi_async_destroy(Env(), index < 0 ? NULL : contexts[index]));
      if (last_status == napi_ok && index >= 0) contexts[index] = contexts[--context_count];
      break;
    }
    case 2: {
      if (context_count == 0 || callback_scope_depth >= SCOPES_MAX) return;
      int index = (int)Below((uint32_t)context_count);
      Begin("open_callback_scope"); StartArgs();
      napi_value resource = PickResource();
      Arg("c%d", index);
      Status(napi_open_callback_scope(Env(), resource, contexts[index], Out(&callback_scopes[callback_scope_depth])));
      if (Ok()) Line(" depth %d", ++callback_scope_depth);
      break;
    }
    case 3: {
      int null_scope = Chance(10);
      if (callback_scope_depth == 0 && !null_scope) return;
      Begin("close_callback_scope"); StartArgs();
      if (null_scope) Arg("NULL");
      Status(napi_close_callback_scope(Env(), null_scope ? NULL : callback_scopes[callback_scope_depth - 1]));
      if (last_status == napi_ok && !null_scope) Line(" depth %d", --callback_scope_depth);
      break;
    }
    default: {
      napi_value result = NULL, argv[2];
      int index = context_count && !Chance(4) ? (int)Below((uint32_t)context_count) : -1;
      Begin("make_callback"); StartArgs();
      if (index < 0) Arg("no context"); else Arg("c%d", index);
      napi_value recv = Pick(K_KINDS);
      napi_value function = Pick(K_FUNCTION);
      size_t argc = Below(3);
      for (size_t i = 0; i < argc; i++) {
        argv[i] = Pick(K_KINDS);
        if (argv[i] == NULL) napi_get_undefined(env_, &argv[i]);
      }
      Status(napi_make_callback(Env(), index < 0 ? NULL : contexts[index], recv, function, argc, argv, Out(&result)));
      if (Ok()) Result(result);
    }
  }
  Done();
}

typedef void (*Generator)(void);
static const Generator GENERATORS[] = {
  DoCreateNumber, DoCreateNumber, DoSingletons, DoCreateString, DoCreateString, DoExternalString, DoCreateObject,
  DoCreateObject, DoCreateSymbol, DoCreateBigint, DoCreateFunction, DoDefineClass, DoDefineProperties,
  DoCreateError, DoThrow, DoExceptionState, DoExceptionState, DoValueGetters, DoValueGetters, DoStringGetters,
  DoBigintGetters, DoPredicates, DoCompare, DoCoerce, DoProperties, DoProperties, DoProperties, DoObjectOps,
  DoCall, DoCall, DoRunScript, DoScopes, DoScopes, DoReferences, DoReferences, DoWraps, DoWraps, DoExternal,
  DoBuffers, DoBuffers, DoViews, DoViews, DoPromises, DoMisc, DoAsyncContexts,
};

// run(seed, calls): the transcript of `calls` calls read from `seed`'s stream.
static napi_value Run(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  Args(env, info, argv, 2);
  int64_t seed = 0, calls = 0;
  CALL(env, napi_get_value_int64(env, argv[0], &seed));
  CALL(env, napi_get_value_int64(env, argv[1], &calls));
  env_ = env;
  rng_state = (uint64_t)seed;
  run_number++;
  fins_made = 0;
  call_index = 0;
  pool_count = keep_count = ref_count = deferred_count = scope_depth = context_count = callback_scope_depth = 0;
  transcript_len = 0;
  in_run = 1;
  Emit("seed %lld\n", (long long)seed);
  for (int64_t i = 0; i < calls; i++) GENERATORS[Below(sizeof GENERATORS / sizeof GENERATORS[0])]();

  // The end of the run: what is pending, then everything the run holds let go.
  Begin("end"); StartArgs(); Status(napi_ok); Done();
  napi_value exception;
  bool pending = false;
  napi_is_exception_pending(env, &pending);
  if (pending) {
    napi_get_and_clear_last_exception(env, &exception);
    line_len = 0;
    Line("end pending exception");
    DescribeException(exception);
    Done();
  }
  while (callback_scope_depth > 0) napi_close_callback_scope(env, callback_scopes[--callback_scope_depth]);
  for (int i = 0; i < context_count; i++) napi_async_destroy(env, contexts[i]);
  while (scope_depth > 0) {
    scope_depth--;
    if (scopes[scope_depth].escapable) napi_close_escapable_handle_scope(env, scopes[scope_depth].escapable);
    else napi_close_handle_scope(env, scopes[scope_depth].plain);
  }
  napi_value undefined;
  napi_get_undefined(env, &undefined);
  for (int i = 0; i < deferred_count; i++) napi_resolve_deferred(env, deferreds[i], undefined);
  for (int i = 0; i < ref_count; i++)
    if (!ref_is_wrap[i]) napi_delete_reference(env, refs[i]);
  for (int i = 0; i < keep_count; i++) napi_delete_reference(env, keep[i]);
  napi_is_exception_pending(env, &pending);
  if (pending) napi_get_and_clear_last_exception(env, &exception);
  Emit("finalizers made %d, finalizers of earlier runs run inside this run %d\n", fins_made, fins_of_earlier_runs_in_run);
  fins_of_earlier_runs_in_run = 0;
  in_run = 0;
  napi_value result;
  CALL(env, napi_create_string_utf8(env, transcript, transcript_len, &result));
  return result;
}

// lastTranscript(): the transcript of the last run, for when run() threw on returning.
static napi_value LastTranscript(napi_env env, napi_callback_info info) {
  napi_value result;
  CALL(env, napi_create_string_utf8(env, transcript, transcript_len, &result));
  return result;
}

// finalizerCounts(): how many finalizers ran, and how many ran more than once.
static napi_value FinalizerCounts(napi_env env, napi_callback_info info) {
  napi_value result = Object(env);
  Set(env, result, "ran", Int(env, fins_ran));
  Set(env, result, "ranTwice", Int(env, fins_ran_twice));
  return result;
}

NAPI_MODULE_INIT() {
  trace = getenv("NAPI_FUZZ_TRACE") != NULL;
  napi_property_descriptor descriptors[] = {EXPORT("run", Run), EXPORT("lastTranscript", LastTranscript), EXPORT("finalizerCounts", FinalizerCounts)};
  DEFINE_EXPORTS(env, exports, descriptors);
  return exports;
}
