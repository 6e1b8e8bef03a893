'use strict';
// http2's shared helpers: node's constants, header lists to and from nghttp2's form, settings
// checked, packed and unpacked, and the ERR_HTTP2_* errors with node's wording.

const { codedError, invalidArgType } = require('internal/errors');

const constants = {
  NGHTTP2_ERR_FRAME_SIZE_ERROR: -522,
  NGHTTP2_SESSION_SERVER: 0,
  NGHTTP2_SESSION_CLIENT: 1,
  NGHTTP2_STREAM_STATE_IDLE: 1,
  NGHTTP2_STREAM_STATE_OPEN: 2,
  NGHTTP2_STREAM_STATE_RESERVED_LOCAL: 3,
  NGHTTP2_STREAM_STATE_RESERVED_REMOTE: 4,
  NGHTTP2_STREAM_STATE_HALF_CLOSED_LOCAL: 5,
  NGHTTP2_STREAM_STATE_HALF_CLOSED_REMOTE: 6,
  NGHTTP2_STREAM_STATE_CLOSED: 7,
  NGHTTP2_FLAG_NONE: 0,
  NGHTTP2_FLAG_END_STREAM: 1,
  NGHTTP2_FLAG_END_HEADERS: 4,
  NGHTTP2_FLAG_ACK: 1,
  NGHTTP2_FLAG_PADDED: 8,
  NGHTTP2_FLAG_PRIORITY: 32,
  DEFAULT_SETTINGS_HEADER_TABLE_SIZE: 4096,
  DEFAULT_SETTINGS_ENABLE_PUSH: 1,
  DEFAULT_SETTINGS_MAX_CONCURRENT_STREAMS: 4294967295,
  DEFAULT_SETTINGS_INITIAL_WINDOW_SIZE: 65535,
  DEFAULT_SETTINGS_MAX_FRAME_SIZE: 16384,
  DEFAULT_SETTINGS_MAX_HEADER_LIST_SIZE: 65535,
  DEFAULT_SETTINGS_ENABLE_CONNECT_PROTOCOL: 0,
  MAX_MAX_FRAME_SIZE: 16777215,
  MIN_MAX_FRAME_SIZE: 16384,
  MAX_INITIAL_WINDOW_SIZE: 2147483647,
  NGHTTP2_SETTINGS_HEADER_TABLE_SIZE: 1,
  NGHTTP2_SETTINGS_ENABLE_PUSH: 2,
  NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS: 3,
  NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE: 4,
  NGHTTP2_SETTINGS_MAX_FRAME_SIZE: 5,
  NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE: 6,
  NGHTTP2_SETTINGS_ENABLE_CONNECT_PROTOCOL: 8,
  PADDING_STRATEGY_NONE: 0,
  PADDING_STRATEGY_ALIGNED: 1,
  PADDING_STRATEGY_MAX: 2,
  PADDING_STRATEGY_CALLBACK: 1,
  NGHTTP2_NO_ERROR: 0,
  NGHTTP2_PROTOCOL_ERROR: 1,
  NGHTTP2_INTERNAL_ERROR: 2,
  NGHTTP2_FLOW_CONTROL_ERROR: 3,
  NGHTTP2_SETTINGS_TIMEOUT: 4,
  NGHTTP2_STREAM_CLOSED: 5,
  NGHTTP2_FRAME_SIZE_ERROR: 6,
  NGHTTP2_REFUSED_STREAM: 7,
  NGHTTP2_CANCEL: 8,
  NGHTTP2_COMPRESSION_ERROR: 9,
  NGHTTP2_CONNECT_ERROR: 10,
  NGHTTP2_ENHANCE_YOUR_CALM: 11,
  NGHTTP2_INADEQUATE_SECURITY: 12,
  NGHTTP2_HTTP_1_1_REQUIRED: 13,
  NGHTTP2_DEFAULT_WEIGHT: 16,
  HTTP2_HEADER_STATUS: ":status",
  HTTP2_HEADER_METHOD: ":method",
  HTTP2_HEADER_AUTHORITY: ":authority",
  HTTP2_HEADER_SCHEME: ":scheme",
  HTTP2_HEADER_PATH: ":path",
  HTTP2_HEADER_PROTOCOL: ":protocol",
  HTTP2_HEADER_ACCEPT_ENCODING: "accept-encoding",
  HTTP2_HEADER_ACCEPT_LANGUAGE: "accept-language",
  HTTP2_HEADER_ACCEPT_RANGES: "accept-ranges",
  HTTP2_HEADER_ACCEPT: "accept",
  HTTP2_HEADER_ACCESS_CONTROL_ALLOW_CREDENTIALS: "access-control-allow-credentials",
  HTTP2_HEADER_ACCESS_CONTROL_ALLOW_HEADERS: "access-control-allow-headers",
  HTTP2_HEADER_ACCESS_CONTROL_ALLOW_METHODS: "access-control-allow-methods",
  HTTP2_HEADER_ACCESS_CONTROL_ALLOW_ORIGIN: "access-control-allow-origin",
  HTTP2_HEADER_ACCESS_CONTROL_EXPOSE_HEADERS: "access-control-expose-headers",
  HTTP2_HEADER_ACCESS_CONTROL_REQUEST_HEADERS: "access-control-request-headers",
  HTTP2_HEADER_ACCESS_CONTROL_REQUEST_METHOD: "access-control-request-method",
  HTTP2_HEADER_AGE: "age",
  HTTP2_HEADER_AUTHORIZATION: "authorization",
  HTTP2_HEADER_CACHE_CONTROL: "cache-control",
  HTTP2_HEADER_CONNECTION: "connection",
  HTTP2_HEADER_CONTENT_DISPOSITION: "content-disposition",
  HTTP2_HEADER_CONTENT_ENCODING: "content-encoding",
  HTTP2_HEADER_CONTENT_LENGTH: "content-length",
  HTTP2_HEADER_CONTENT_TYPE: "content-type",
  HTTP2_HEADER_COOKIE: "cookie",
  HTTP2_HEADER_DATE: "date",
  HTTP2_HEADER_ETAG: "etag",
  HTTP2_HEADER_FORWARDED: "forwarded",
  HTTP2_HEADER_HOST: "host",
  HTTP2_HEADER_IF_MODIFIED_SINCE: "if-modified-since",
  HTTP2_HEADER_IF_NONE_MATCH: "if-none-match",
  HTTP2_HEADER_IF_RANGE: "if-range",
  HTTP2_HEADER_LAST_MODIFIED: "last-modified",
  HTTP2_HEADER_LINK: "link",
  HTTP2_HEADER_LOCATION: "location",
  HTTP2_HEADER_RANGE: "range",
  HTTP2_HEADER_REFERER: "referer",
  HTTP2_HEADER_SERVER: "server",
  HTTP2_HEADER_SET_COOKIE: "set-cookie",
  HTTP2_HEADER_STRICT_TRANSPORT_SECURITY: "strict-transport-security",
  HTTP2_HEADER_TRANSFER_ENCODING: "transfer-encoding",
  HTTP2_HEADER_TE: "te",
  HTTP2_HEADER_UPGRADE_INSECURE_REQUESTS: "upgrade-insecure-requests",
  HTTP2_HEADER_UPGRADE: "upgrade",
  HTTP2_HEADER_USER_AGENT: "user-agent",
  HTTP2_HEADER_VARY: "vary",
  HTTP2_HEADER_X_CONTENT_TYPE_OPTIONS: "x-content-type-options",
  HTTP2_HEADER_X_FRAME_OPTIONS: "x-frame-options",
  HTTP2_HEADER_KEEP_ALIVE: "keep-alive",
  HTTP2_HEADER_PROXY_CONNECTION: "proxy-connection",
  HTTP2_HEADER_X_XSS_PROTECTION: "x-xss-protection",
  HTTP2_HEADER_ALT_SVC: "alt-svc",
  HTTP2_HEADER_CONTENT_SECURITY_POLICY: "content-security-policy",
  HTTP2_HEADER_EARLY_DATA: "early-data",
  HTTP2_HEADER_EXPECT_CT: "expect-ct",
  HTTP2_HEADER_ORIGIN: "origin",
  HTTP2_HEADER_PURPOSE: "purpose",
  HTTP2_HEADER_TIMING_ALLOW_ORIGIN: "timing-allow-origin",
  HTTP2_HEADER_X_FORWARDED_FOR: "x-forwarded-for",
  HTTP2_HEADER_PRIORITY: "priority",
  HTTP2_HEADER_ACCEPT_CHARSET: "accept-charset",
  HTTP2_HEADER_ACCESS_CONTROL_MAX_AGE: "access-control-max-age",
  HTTP2_HEADER_ALLOW: "allow",
  HTTP2_HEADER_CONTENT_LANGUAGE: "content-language",
  HTTP2_HEADER_CONTENT_LOCATION: "content-location",
  HTTP2_HEADER_CONTENT_MD5: "content-md5",
  HTTP2_HEADER_CONTENT_RANGE: "content-range",
  HTTP2_HEADER_DNT: "dnt",
  HTTP2_HEADER_EXPECT: "expect",
  HTTP2_HEADER_EXPIRES: "expires",
  HTTP2_HEADER_FROM: "from",
  HTTP2_HEADER_IF_MATCH: "if-match",
  HTTP2_HEADER_IF_UNMODIFIED_SINCE: "if-unmodified-since",
  HTTP2_HEADER_MAX_FORWARDS: "max-forwards",
  HTTP2_HEADER_PREFER: "prefer",
  HTTP2_HEADER_PROXY_AUTHENTICATE: "proxy-authenticate",
  HTTP2_HEADER_PROXY_AUTHORIZATION: "proxy-authorization",
  HTTP2_HEADER_REFRESH: "refresh",
  HTTP2_HEADER_RETRY_AFTER: "retry-after",
  HTTP2_HEADER_TRAILER: "trailer",
  HTTP2_HEADER_TK: "tk",
  HTTP2_HEADER_VIA: "via",
  HTTP2_HEADER_WARNING: "warning",
  HTTP2_HEADER_WWW_AUTHENTICATE: "www-authenticate",
  HTTP2_HEADER_HTTP2_SETTINGS: "http2-settings",
  HTTP2_METHOD_ACL: "ACL",
  HTTP2_METHOD_BASELINE_CONTROL: "BASELINE-CONTROL",
  HTTP2_METHOD_BIND: "BIND",
  HTTP2_METHOD_CHECKIN: "CHECKIN",
  HTTP2_METHOD_CHECKOUT: "CHECKOUT",
  HTTP2_METHOD_CONNECT: "CONNECT",
  HTTP2_METHOD_COPY: "COPY",
  HTTP2_METHOD_DELETE: "DELETE",
  HTTP2_METHOD_GET: "GET",
  HTTP2_METHOD_HEAD: "HEAD",
  HTTP2_METHOD_LABEL: "LABEL",
  HTTP2_METHOD_LINK: "LINK",
  HTTP2_METHOD_LOCK: "LOCK",
  HTTP2_METHOD_MERGE: "MERGE",
  HTTP2_METHOD_MKACTIVITY: "MKACTIVITY",
  HTTP2_METHOD_MKCALENDAR: "MKCALENDAR",
  HTTP2_METHOD_MKCOL: "MKCOL",
  HTTP2_METHOD_MKREDIRECTREF: "MKREDIRECTREF",
  HTTP2_METHOD_MKWORKSPACE: "MKWORKSPACE",
  HTTP2_METHOD_MOVE: "MOVE",
  HTTP2_METHOD_OPTIONS: "OPTIONS",
  HTTP2_METHOD_ORDERPATCH: "ORDERPATCH",
  HTTP2_METHOD_PATCH: "PATCH",
  HTTP2_METHOD_POST: "POST",
  HTTP2_METHOD_PRI: "PRI",
  HTTP2_METHOD_PROPFIND: "PROPFIND",
  HTTP2_METHOD_PROPPATCH: "PROPPATCH",
  HTTP2_METHOD_PUT: "PUT",
  HTTP2_METHOD_REBIND: "REBIND",
  HTTP2_METHOD_REPORT: "REPORT",
  HTTP2_METHOD_SEARCH: "SEARCH",
  HTTP2_METHOD_TRACE: "TRACE",
  HTTP2_METHOD_UNBIND: "UNBIND",
  HTTP2_METHOD_UNCHECKOUT: "UNCHECKOUT",
  HTTP2_METHOD_UNLINK: "UNLINK",
  HTTP2_METHOD_UNLOCK: "UNLOCK",
  HTTP2_METHOD_UPDATE: "UPDATE",
  HTTP2_METHOD_UPDATEREDIRECTREF: "UPDATEREDIRECTREF",
  HTTP2_METHOD_VERSION_CONTROL: "VERSION-CONTROL",
  HTTP_STATUS_CONTINUE: 100,
  HTTP_STATUS_SWITCHING_PROTOCOLS: 101,
  HTTP_STATUS_PROCESSING: 102,
  HTTP_STATUS_EARLY_HINTS: 103,
  HTTP_STATUS_OK: 200,
  HTTP_STATUS_CREATED: 201,
  HTTP_STATUS_ACCEPTED: 202,
  HTTP_STATUS_NON_AUTHORITATIVE_INFORMATION: 203,
  HTTP_STATUS_NO_CONTENT: 204,
  HTTP_STATUS_RESET_CONTENT: 205,
  HTTP_STATUS_PARTIAL_CONTENT: 206,
  HTTP_STATUS_MULTI_STATUS: 207,
  HTTP_STATUS_ALREADY_REPORTED: 208,
  HTTP_STATUS_IM_USED: 226,
  HTTP_STATUS_MULTIPLE_CHOICES: 300,
  HTTP_STATUS_MOVED_PERMANENTLY: 301,
  HTTP_STATUS_FOUND: 302,
  HTTP_STATUS_SEE_OTHER: 303,
  HTTP_STATUS_NOT_MODIFIED: 304,
  HTTP_STATUS_USE_PROXY: 305,
  HTTP_STATUS_TEMPORARY_REDIRECT: 307,
  HTTP_STATUS_PERMANENT_REDIRECT: 308,
  HTTP_STATUS_BAD_REQUEST: 400,
  HTTP_STATUS_UNAUTHORIZED: 401,
  HTTP_STATUS_PAYMENT_REQUIRED: 402,
  HTTP_STATUS_FORBIDDEN: 403,
  HTTP_STATUS_NOT_FOUND: 404,
  HTTP_STATUS_METHOD_NOT_ALLOWED: 405,
  HTTP_STATUS_NOT_ACCEPTABLE: 406,
  HTTP_STATUS_PROXY_AUTHENTICATION_REQUIRED: 407,
  HTTP_STATUS_REQUEST_TIMEOUT: 408,
  HTTP_STATUS_CONFLICT: 409,
  HTTP_STATUS_GONE: 410,
  HTTP_STATUS_LENGTH_REQUIRED: 411,
  HTTP_STATUS_PRECONDITION_FAILED: 412,
  HTTP_STATUS_PAYLOAD_TOO_LARGE: 413,
  HTTP_STATUS_URI_TOO_LONG: 414,
  HTTP_STATUS_UNSUPPORTED_MEDIA_TYPE: 415,
  HTTP_STATUS_RANGE_NOT_SATISFIABLE: 416,
  HTTP_STATUS_EXPECTATION_FAILED: 417,
  HTTP_STATUS_TEAPOT: 418,
  HTTP_STATUS_MISDIRECTED_REQUEST: 421,
  HTTP_STATUS_UNPROCESSABLE_ENTITY: 422,
  HTTP_STATUS_LOCKED: 423,
  HTTP_STATUS_FAILED_DEPENDENCY: 424,
  HTTP_STATUS_TOO_EARLY: 425,
  HTTP_STATUS_UPGRADE_REQUIRED: 426,
  HTTP_STATUS_PRECONDITION_REQUIRED: 428,
  HTTP_STATUS_TOO_MANY_REQUESTS: 429,
  HTTP_STATUS_REQUEST_HEADER_FIELDS_TOO_LARGE: 431,
  HTTP_STATUS_UNAVAILABLE_FOR_LEGAL_REASONS: 451,
  HTTP_STATUS_INTERNAL_SERVER_ERROR: 500,
  HTTP_STATUS_NOT_IMPLEMENTED: 501,
  HTTP_STATUS_BAD_GATEWAY: 502,
  HTTP_STATUS_SERVICE_UNAVAILABLE: 503,
  HTTP_STATUS_GATEWAY_TIMEOUT: 504,
  HTTP_STATUS_HTTP_VERSION_NOT_SUPPORTED: 505,
  HTTP_STATUS_VARIANT_ALSO_NEGOTIATES: 506,
  HTTP_STATUS_INSUFFICIENT_STORAGE: 507,
  HTTP_STATUS_LOOP_DETECTED: 508,
  HTTP_STATUS_BANDWIDTH_LIMIT_EXCEEDED: 509,
  HTTP_STATUS_NOT_EXTENDED: 510,
  HTTP_STATUS_NETWORK_AUTHENTICATION_REQUIRED: 511,
};

// nghttp2's values the binding speaks in that node does not publish in http2.constants.
const nghttp2 = {
  NV_FLAG_NONE: 0,
  NV_FLAG_NO_INDEX: 1,
  HCAT_REQUEST: 0,
  HCAT_RESPONSE: 1,
  HCAT_PUSH_RESPONSE: 2,
  HCAT_HEADERS: 3,
  ERR_INVALID_ARGUMENT: -501,
  ERR_PROTO: -505,
  ERR_STREAM_ID_NOT_AVAILABLE: -509,
  ERR_STREAM_CLOSED: -510,
  ERR_STREAM_CLOSING: -511,
  ERR_FRAME_SIZE_ERROR: -522,
  ERR_HEADER_COMP: -523,
  ERR_FLOW_CONTROL: -524,
  ERR_SESSION_CLOSING: -530,
  ERR_HTTP_HEADER: -531,
  ERR_HTTP_MESSAGING: -532,
  ERR_REFUSED_STREAM: -533,
  ERR_CALLBACK_FAILURE: -902,
};

// The HTTP/2 error code an nghttp2 library error stands for (node's translation of a frame
// error's cause).
function errorCodeOfLibraryError(libraryCode) {
  switch (libraryCode) {
    case nghttp2.ERR_STREAM_CLOSED: return constants.NGHTTP2_STREAM_CLOSED;
    case nghttp2.ERR_HEADER_COMP: return constants.NGHTTP2_COMPRESSION_ERROR;
    case nghttp2.ERR_FRAME_SIZE_ERROR: return constants.NGHTTP2_FRAME_SIZE_ERROR;
    case nghttp2.ERR_FLOW_CONTROL: return constants.NGHTTP2_FLOW_CONTROL_ERROR;
    case nghttp2.ERR_REFUSED_STREAM: return constants.NGHTTP2_REFUSED_STREAM;
    case nghttp2.ERR_PROTO:
    case nghttp2.ERR_HTTP_HEADER:
    case nghttp2.ERR_HTTP_MESSAGING:
      return constants.NGHTTP2_PROTOCOL_ERROR;
    default: return constants.NGHTTP2_INTERNAL_ERROR;
  }
}

const kSensitiveHeaders = Symbol('sensitiveHeaders');

const kValidPseudoHeaders = new Set([':status', ':method', ':authority', ':scheme', ':path', ':protocol']);

// Headers that may carry one value only (the pseudo-headers and those HTTP defines so).
const kSingleValueHeaders = new Set([
  ':status', ':method', ':authority', ':scheme', ':path', ':protocol',
  'access-control-allow-credentials', 'access-control-max-age', 'access-control-request-method', 'age',
  'authorization', 'content-encoding', 'content-language', 'content-length', 'content-location',
  'content-md5', 'content-range', 'content-type', 'date', 'dnt', 'etag', 'expires', 'from', 'host',
  'if-match', 'if-modified-since', 'if-none-match', 'if-range', 'if-unmodified-since', 'last-modified',
  'location', 'max-forwards', 'proxy-authorization', 'range', 'referer', 'retry-after', 'tk',
  'upgrade-insecure-requests', 'user-agent', 'x-content-type-options',
]);

// Methods whose requests carry no payload unless told otherwise (endStream defaults to true).
const kNoPayloadMethods = new Set(['DELETE', 'GET', 'HEAD']);

const errors = {
  ALTSVC_INVALID_ORIGIN: () => codedError(TypeError, 'ERR_HTTP2_ALTSVC_INVALID_ORIGIN', 'HTTP/2 ALTSVC frames require a valid origin'),
  ALTSVC_LENGTH: () => codedError(TypeError, 'ERR_HTTP2_ALTSVC_LENGTH', 'HTTP/2 ALTSVC frames are limited to 16382 bytes'),
  CONNECT_AUTHORITY: () => codedError(Error, 'ERR_HTTP2_CONNECT_AUTHORITY', ':authority header is required for CONNECT requests'),
  CONNECT_PATH: () => codedError(Error, 'ERR_HTTP2_CONNECT_PATH', 'The :path header is forbidden for CONNECT requests'),
  CONNECT_SCHEME: () => codedError(Error, 'ERR_HTTP2_CONNECT_SCHEME', 'The :scheme header is forbidden for CONNECT requests'),
  GOAWAY_SESSION: () => codedError(Error, 'ERR_HTTP2_GOAWAY_SESSION', 'New streams cannot be created after receiving a GOAWAY'),
  HEADERS_AFTER_RESPOND: () => codedError(Error, 'ERR_HTTP2_HEADERS_AFTER_RESPOND', 'Cannot specify additional headers after response initiated'),
  HEADERS_SENT: () => codedError(Error, 'ERR_HTTP2_HEADERS_SENT', 'Response has already been initiated.'),
  HEADER_SINGLE_VALUE: (name) => codedError(TypeError, 'ERR_HTTP2_HEADER_SINGLE_VALUE', `Header field "${name}" must only have a single value`),
  INFO_STATUS_NOT_ALLOWED: () => codedError(RangeError, 'ERR_HTTP2_INFO_STATUS_NOT_ALLOWED', 'Informational status codes cannot be used'),
  INVALID_CONNECTION_HEADERS: (name) => codedError(TypeError, 'ERR_HTTP2_INVALID_CONNECTION_HEADERS', `HTTP/1 Connection specific headers are forbidden: "${name}"`),
  INVALID_HEADER_VALUE: (value, name) => codedError(TypeError, 'ERR_HTTP2_INVALID_HEADER_VALUE', `Invalid value "${value}" for header "${name}"`),
  INVALID_INFO_STATUS: (code) => codedError(RangeError, 'ERR_HTTP2_INVALID_INFO_STATUS', `Invalid informational status code: ${code}`),
  INVALID_ORIGIN: () => codedError(TypeError, 'ERR_HTTP2_INVALID_ORIGIN', 'HTTP/2 ORIGIN frames require a valid origin'),
  INVALID_PACKED_SETTINGS_LENGTH: () => codedError(RangeError, 'ERR_HTTP2_INVALID_PACKED_SETTINGS_LENGTH', 'Packed settings length must be a multiple of six'),
  INVALID_PSEUDOHEADER: (name) => codedError(TypeError, 'ERR_HTTP2_INVALID_PSEUDOHEADER', `"${name}" is an invalid pseudoheader or is used incorrectly`),
  INVALID_SESSION: () => codedError(Error, 'ERR_HTTP2_INVALID_SESSION', 'The session has been destroyed'),
  INVALID_SETTING_VALUE: (name, value) => codedError(TypeError, 'ERR_HTTP2_INVALID_SETTING_VALUE', `Invalid value for setting "${name}": ${value}`),
  INVALID_SETTING_RANGE: (name, value) => codedError(RangeError, 'ERR_HTTP2_INVALID_SETTING_VALUE', `Invalid value for setting "${name}": ${value}`),
  INVALID_STREAM: () => codedError(Error, 'ERR_HTTP2_INVALID_STREAM', 'The stream has been destroyed'),
  MAX_PENDING_SETTINGS_ACK: () => codedError(Error, 'ERR_HTTP2_MAX_PENDING_SETTINGS_ACK', 'Maximum number of pending settings acknowledgements'),
  NESTED_PUSH: () => codedError(Error, 'ERR_HTTP2_NESTED_PUSH', 'A push stream cannot initiate another push stream.'),
  NO_SOCKET_MANIPULATION: () => codedError(Error, 'ERR_HTTP2_NO_SOCKET_MANIPULATION', 'HTTP/2 sockets should not be directly manipulated (e.g. read and written)'),
  ORIGIN_LENGTH: () => codedError(TypeError, 'ERR_HTTP2_ORIGIN_LENGTH', 'HTTP/2 ORIGIN frames are limited to 16382 bytes'),
  OUT_OF_STREAMS: () => codedError(Error, 'ERR_HTTP2_OUT_OF_STREAMS', 'No stream ID is available because maximum stream ID has been reached'),
  PAYLOAD_FORBIDDEN: (code) => codedError(Error, 'ERR_HTTP2_PAYLOAD_FORBIDDEN', `Responses with ${code} status must not have a payload`),
  PING_CANCEL: () => codedError(Error, 'ERR_HTTP2_PING_CANCEL', 'HTTP2 ping cancelled'),
  PING_LENGTH: () => codedError(RangeError, 'ERR_HTTP2_PING_LENGTH', 'HTTP2 ping payload must be 8 bytes'),
  PSEUDOHEADER_NOT_ALLOWED: () => codedError(TypeError, 'ERR_HTTP2_PSEUDOHEADER_NOT_ALLOWED', 'Cannot set HTTP/2 pseudo-headers'),
  PUSH_DISABLED: () => codedError(Error, 'ERR_HTTP2_PUSH_DISABLED', 'HTTP/2 client has disabled push streams'),
  SEND_FILE: () => codedError(Error, 'ERR_HTTP2_SEND_FILE', 'Directories cannot be sent'),
  SEND_FILE_NOSEEK: () => codedError(Error, 'ERR_HTTP2_SEND_FILE_NOSEEK', 'Offset or length can only be specified for regular files'),
  SESSION_ERROR: (code) => codedError(Error, 'ERR_HTTP2_SESSION_ERROR', `Session closed with error code ${code}`),
  SETTINGS_CANCEL: () => codedError(Error, 'ERR_HTTP2_SETTINGS_CANCEL', 'HTTP2 session settings canceled'),
  SOCKET_BOUND: () => codedError(Error, 'ERR_HTTP2_SOCKET_BOUND', 'The socket is already bound to an Http2Session'),
  SOCKET_UNBOUND: () => codedError(Error, 'ERR_HTTP2_SOCKET_UNBOUND', 'The socket has been disconnected from the Http2Session'),
  STATUS_101: () => codedError(Error, 'ERR_HTTP2_STATUS_101', 'HTTP status code 101 (Switching Protocols) is forbidden in HTTP/2'),
  STATUS_INVALID: (code) => codedError(RangeError, 'ERR_HTTP2_STATUS_INVALID', `Invalid status code: ${code}`),
  STREAM_CANCEL: (cause) => {
    const err = codedError(Error, 'ERR_HTTP2_STREAM_CANCEL', 'The pending stream has been canceled');
    if (cause) err.cause = cause;
    return err;
  },
  STREAM_ERROR: (name) => codedError(Error, 'ERR_HTTP2_STREAM_ERROR', `Stream closed with error code ${name}`),
  STREAM_SELF_DEPENDENCY: () => codedError(Error, 'ERR_HTTP2_STREAM_SELF_DEPENDENCY', 'A stream cannot depend on itself'),
  TOO_MANY_CUSTOM_SETTINGS: () => codedError(Error, 'ERR_HTTP2_TOO_MANY_CUSTOM_SETTINGS', 'Number of custom settings exceeds MAX_ADDITIONAL_SETTINGS'),
  TOO_MANY_ORIGINS: (max) => codedError(Error, 'ERR_HTTP2_TOO_MANY_ORIGINS', `The server sent more ORIGIN frames than the allowed number of ${max}`),
  TOO_MANY_INVALID_FRAMES: () => codedError(Error, 'ERR_HTTP2_TOO_MANY_INVALID_FRAMES', 'Too many invalid HTTP/2 frames'),
  TRAILERS_ALREADY_SENT: () => codedError(Error, 'ERR_HTTP2_TRAILERS_ALREADY_SENT', 'Trailing headers have already been sent'),
  TRAILERS_NOT_READY: () => codedError(Error, 'ERR_HTTP2_TRAILERS_NOT_READY', 'Trailing headers cannot be sent until after the wantTrailers event is emitted'),
  UNSUPPORTED_PROTOCOL: (protocol) => codedError(Error, 'ERR_HTTP2_UNSUPPORTED_PROTOCOL', `protocol "${protocol}" is unsupported.`),
};

let nativeBinding;
function native() {
  nativeBinding ??= binding.http2();
  return nativeBinding;
}

// nghttp2's own error (a negative library code), as node's NghttpError: ERR_HTTP2_ERROR with
// nghttp2's description and the code as errno.
function nghttpError(code) {
  const err = codedError(Error, 'ERR_HTTP2_ERROR', native().strerror(code));
  err.errno = code;
  return err;
}

// The name node gives an HTTP/2 error code (NGHTTP2_CANCEL), or the number when it has none.
const errorCodeNames = [];
for (const name of ['NO_ERROR', 'PROTOCOL_ERROR', 'INTERNAL_ERROR', 'FLOW_CONTROL_ERROR', 'SETTINGS_TIMEOUT',
  'STREAM_CLOSED', 'FRAME_SIZE_ERROR', 'REFUSED_STREAM', 'CANCEL', 'COMPRESSION_ERROR', 'CONNECT_ERROR',
  'ENHANCE_YOUR_CALM', 'INADEQUATE_SECURITY', 'HTTP_1_1_REQUIRED']) {
  errorCodeNames[constants[`NGHTTP2_${name}`]] = `NGHTTP2_${name}`;
}
function errorCodeName(code) {
  return errorCodeNames[code] ?? code;
}

function isIllegalConnectionSpecificHeader(name, value) {
  switch (name) {
    case 'connection': case 'upgrade': case 'http2-settings': case 'keep-alive':
    case 'proxy-connection': case 'transfer-encoding':
      return true;
    case 'te':
      return value !== 'trailers';
    default:
      return false;
  }
}

function checkRequestPseudoHeader(name) {
  if (!kValidPseudoHeaders.has(name)) throw errors.INVALID_PSEUDOHEADER(name);
}
function checkResponsePseudoHeader(name) {
  if (name !== ':status') throw errors.INVALID_PSEUDOHEADER(name);
}
function checkTrailerPseudoHeader(name) {
  throw errors.INVALID_PSEUDOHEADER(name);
}

function isToken(name) {
  return /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/.test(name);
}

// A header object as nghttp2 takes it: a flat [name, value, flags, ...] list, pseudo-headers
// first, names lowercased, the sensitive ones flagged never to be indexed.
// strictSingleValueFields false (the session option) lets headers HTTP defines as single-valued
// repeat; pseudo-headers never may.
function headersToList(headers, checkPseudoHeader = checkRequestPseudoHeader, raw = undefined, strictSingleValueFields = true) {
  if (raw !== undefined) {
    // Raw headers ([name, value, ...]) keep their order on the wire; pseudo-headers added as
    // defaults (in `headers` but not in `raw`) go first.
    const rawNames = new Set();
    for (let i = 0; i < raw.length; i += 2) rawNames.add(String(raw[i]).toLowerCase());
    const defaults = { __proto__: null };
    for (const key of Object.keys(headers)) if (key[0] === ':' && !rawNames.has(key)) defaults[key] = headers[key];
    const ordered = { __proto__: null };
    const list = headersToList(defaults, checkPseudoHeader);
    const pairs = [];
    for (let i = 0; i < raw.length; i += 2) {
      const one = { [raw[i]]: raw[i + 1] };
      if (raw[kSensitiveHeaders]) one[kSensitiveHeaders] = raw[kSensitiveHeaders];
      const entry = headersToList(one, checkPseudoHeader);
      if (String(raw[i])[0] === ':') list.push(...entry);
      else pairs.push(...entry);
      ordered[raw[i]] = raw[i + 1];
    }
    return list.concat(pairs);
  }
  const pseudo = [];
  const regular = [];
  const singles = new Set();
  const neverIndex = (headers[kSensitiveHeaders] || []).map((name) => String(name).toLowerCase());
  for (const key of Object.keys(headers)) {
    let value = headers[key];
    if (value === undefined || key === '') continue;
    const name = key.toLowerCase();
    const single = kSingleValueHeaders.has(name) && (strictSingleValueFields || name[0] === ':');
    let values;
    if (Array.isArray(value)) {
      if (value.length === 0) continue;
      if (value.length > 1 && single) throw errors.HEADER_SINGLE_VALUE(name);
      values = value.map(String);
    } else {
      values = [String(value)];
    }
    if (single) {
      if (singles.has(name)) throw errors.HEADER_SINGLE_VALUE(name);
      singles.add(name);
    }
    const flags = neverIndex.includes(name) ? nghttp2.NV_FLAG_NO_INDEX : nghttp2.NV_FLAG_NONE;
    if (name[0] === ':') {
      checkPseudoHeader(name);
      pseudo.push(name, values[0], flags);
      continue;
    }
    if (name.includes(' ') || !isToken(name)) {
      throw codedError(TypeError, 'ERR_INVALID_HTTP_TOKEN', `Header name must be a valid HTTP token ["${name}"]`);
    }
    if (isIllegalConnectionSpecificHeader(name, values[0])) throw errors.INVALID_CONNECTION_HEADERS(name);
    for (const one of values) regular.push(name, one, flags);
  }
  return pseudo.concat(regular);
}

// A received header list ([name, value, ...]) as the object node hands out: a null
// prototype, :status a number, repeated fields joined (cookie with '; ', set-cookie as a list).
function headersFromList(list, sensitive) {
  const headers = Object.create(null);
  for (let i = 0; i < list.length; i += 2) {
    const name = list[i];
    let value = list[i + 1];
    if (name === ':status') value |= 0;
    const existing = headers[name];
    if (existing === undefined) {
      headers[name] = name === 'set-cookie' ? [value] : value;
    } else if (!kSingleValueHeaders.has(name)) {
      if (name === 'cookie') headers[name] = `${existing}; ${value}`;
      else if (name === 'set-cookie') existing.push(value);
      else headers[name] = `${existing}, ${value}`;
    }
  }
  headers[kSensitiveHeaders] = sensitive;
  return headers;
}

const kSettingIds = {
  headerTableSize: constants.NGHTTP2_SETTINGS_HEADER_TABLE_SIZE,
  enablePush: constants.NGHTTP2_SETTINGS_ENABLE_PUSH,
  maxConcurrentStreams: constants.NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS,
  initialWindowSize: constants.NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE,
  maxFrameSize: constants.NGHTTP2_SETTINGS_MAX_FRAME_SIZE,
  maxHeaderListSize: constants.NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE,
  enableConnectProtocol: constants.NGHTTP2_SETTINGS_ENABLE_CONNECT_PROTOCOL,
};
const kMaxAdditionalSettings = 10;

function checkSettingRange(name, value, min, max) {
  if (value !== undefined && (typeof value !== 'number' || value < min || value > max)) {
    throw errors.INVALID_SETTING_RANGE(name, value);
  }
}

// Raw headers [name, value, ...] as a header object (repeated names become lists).
function rawHeadersToObject(raw) {
  const headers = { __proto__: null };
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    const existing = headers[name];
    if (existing === undefined) headers[name] = raw[i + 1];
    else if (Array.isArray(existing)) existing.push(raw[i + 1]);
    else headers[name] = [existing, raw[i + 1]];
  }
  if (raw[kSensitiveHeaders]) headers[kSensitiveHeaders] = raw[kSensitiveHeaders];
  return headers;
}

function checkIsObject(value, name, types = 'Object') {
  if (value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
    throw invalidArgType(name, `of type ${types}`, value);
  }
}

// Checks a settings object as node does, and returns it with maxHeaderSize folded into
// maxHeaderListSize (node warns when both are given).
function validateSettings(settings) {
  if (settings === undefined) return settings;
  checkIsObject(settings, 'settings');
  settings = { ...settings };
  checkSettingRange('maxHeaderSize', settings.maxHeaderSize, 0, 2 ** 32 - 1);
  if (settings.maxHeaderSize !== undefined) {
    if (settings.maxHeaderListSize !== undefined) {
      process.emitWarning('settings.maxHeaderSize overwrite settings.maxHeaderListSize');
    }
    settings.maxHeaderListSize = settings.maxHeaderSize;
  }
  delete settings.maxHeaderSize;
  checkSettingRange('headerTableSize', settings.headerTableSize, 0, 2 ** 32 - 1);
  // The largest window HTTP/2 allows (RFC 9113, 6.9.2).
  checkSettingRange('initialWindowSize', settings.initialWindowSize, 0, 2 ** 31 - 1);
  checkSettingRange('maxFrameSize', settings.maxFrameSize, constants.MIN_MAX_FRAME_SIZE, constants.MAX_MAX_FRAME_SIZE);
  checkSettingRange('maxConcurrentStreams', settings.maxConcurrentStreams, 0, 2 ** 32 - 1);
  checkSettingRange('maxHeaderListSize', settings.maxHeaderListSize, 0, 2 ** 32 - 1);
  for (const name of ['enablePush', 'enableConnectProtocol']) {
    if (settings[name] !== undefined && typeof settings[name] !== 'boolean') {
      throw errors.INVALID_SETTING_VALUE(name, settings[name]);
    }
  }
  if (settings.customSettings !== undefined) {
    checkIsObject(settings.customSettings, 'customSettings');
    const ids = Object.keys(settings.customSettings);
    if (ids.length > kMaxAdditionalSettings) throw errors.TOO_MANY_CUSTOM_SETTINGS();
    for (const id of ids) {
      checkSettingRange('customSettings:id', Number(id), 0, 0xffff);
      checkSettingRange('customSettings:value', settings.customSettings[id], 0, 2 ** 32 - 1);
    }
  }
  return settings;
}

// [id, value, ...] for the settings given (custom ones after the known ones).
function settingsToList(settings) {
  const list = [];
  for (const [name, id] of Object.entries(kSettingIds)) {
    const value = settings[name];
    if (typeof value === 'number') list.push(id, value);
    else if (typeof value === 'boolean') list.push(id, Number(value));
  }
  for (const [id, value] of customSettingsEntries(settings)) list.push(id, value);
  return list;
}

// The [id, value] pairs of settings.customSettings that are numbers, as node's
// updateSettingsBuffer takes them: an id or value of zero or out of range is a RangeError
// named 'Range Error', a repeated id keeps its last value.
function customSettingsEntries(settings) {
  const entries = new Map();
  if (settings.customSettings === null || typeof settings.customSettings !== 'object') return entries;
  for (const key of Object.keys(settings.customSettings)) {
    const value = settings.customSettings[key];
    if (typeof value !== 'number') continue;
    const id = Number(key);
    if (Number.isNaN(id) || id <= 0 || id > 0xffff) throw errors.INVALID_SETTING_RANGE('Range Error', id);
    if (Number.isNaN(value) || value <= 0 || value > 0xffffffff) throw errors.INVALID_SETTING_RANGE('Range Error', value);
    entries.set(id, value);
  }
  return entries;
}

// remoteCustomSettings as node's remoteCustomSettingsToBuffer checks it: at most
// MAX_ADDITIONAL_SETTINGS ids, each a number from 0 to 0xffff.
function validateRemoteCustomSettings(ids) {
  if (ids.length > kMaxAdditionalSettings) throw errors.TOO_MANY_CUSTOM_SETTINGS();
  for (const id of ids) {
    if (typeof id !== 'number' || !(id >= 0 && id <= 0xffff)) throw errors.INVALID_SETTING_RANGE('Range Error', id);
  }
  return ids;
}

function getDefaultSettings() {
  return {
    __proto__: null,
    headerTableSize: constants.DEFAULT_SETTINGS_HEADER_TABLE_SIZE,
    enablePush: constants.DEFAULT_SETTINGS_ENABLE_PUSH === 1,
    initialWindowSize: constants.DEFAULT_SETTINGS_INITIAL_WINDOW_SIZE,
    maxFrameSize: constants.DEFAULT_SETTINGS_MAX_FRAME_SIZE,
    maxConcurrentStreams: 2 ** 32 - 1,
    maxHeaderSize: constants.DEFAULT_SETTINGS_MAX_HEADER_LIST_SIZE,
    maxHeaderListSize: constants.DEFAULT_SETTINGS_MAX_HEADER_LIST_SIZE,
    enableConnectProtocol: constants.DEFAULT_SETTINGS_ENABLE_CONNECT_PROTOCOL === 1,
  };
}

function getPackedSettings(settings) {
  checkIsObject(settings, 'settings');
  settings = validateSettings(settings || {});
  const list = settingsToList(settings);
  const { Buffer } = require('buffer');
  const packed = Buffer.alloc(list.length * 3);
  for (let i = 0; i < list.length; i += 2) {
    packed.writeUInt16BE(list[i], i * 3);
    packed.writeUInt32BE(list[i + 1], i * 3 + 2);
  }
  return packed;
}

function getUnpackedSettings(buf, options = {}) {
  const { Buffer } = require('buffer');
  if (!ArrayBuffer.isView(buf) || buf instanceof DataView) {
    throw invalidArgType('buf', 'an instance of Buffer or TypedArray', buf);
  }
  // As node, the view's elements are the bytes (it applies Buffer's readers to any view).
  if (buf.length % 6 !== 0) throw errors.INVALID_PACKED_SETTINGS_LENGTH();
  const bytes = Buffer.from(buf);
  const settings = {};
  for (let offset = 0; offset < bytes.length; offset += 6) {
    const id = bytes.readUInt16BE(offset);
    const value = bytes.readUInt32BE(offset + 2);
    switch (id) {
      case constants.NGHTTP2_SETTINGS_HEADER_TABLE_SIZE: settings.headerTableSize = value; break;
      case constants.NGHTTP2_SETTINGS_ENABLE_PUSH: settings.enablePush = value !== 0; break;
      case constants.NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS: settings.maxConcurrentStreams = value; break;
      case constants.NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE: settings.initialWindowSize = value; break;
      case constants.NGHTTP2_SETTINGS_MAX_FRAME_SIZE: settings.maxFrameSize = value; break;
      case constants.NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE: settings.maxHeaderSize = value; settings.maxHeaderListSize = value; break;
      case constants.NGHTTP2_SETTINGS_ENABLE_CONNECT_PROTOCOL: settings.enableConnectProtocol = value !== 0; break;
      default:
        settings.customSettings ??= {};
        settings.customSettings[id] = value;
    }
  }
  if (options != null && options.validate) {
    if (settings.enablePush !== undefined && ![0, 1].includes(Number(settings.enablePush))) {
      throw errors.INVALID_SETTING_VALUE('enablePush', settings.enablePush);
    }
    checkSettingRange('headerTableSize', settings.headerTableSize, 0, constants.MAX_INITIAL_WINDOW_SIZE);
    checkSettingRange('initialWindowSize', settings.initialWindowSize, 0, constants.MAX_INITIAL_WINDOW_SIZE);
    checkSettingRange('maxFrameSize', settings.maxFrameSize, constants.MIN_MAX_FRAME_SIZE, constants.MAX_MAX_FRAME_SIZE);
    checkSettingRange('maxConcurrentStreams', settings.maxConcurrentStreams, 0, 2 ** 32 - 1);
    checkSettingRange('maxHeaderListSize', settings.maxHeaderListSize, 0, 2 ** 32 - 1);
  }
  return settings;
}

// nghttp2's settings as the seven values getSettings returns, in SETTINGS id order, and the
// custom settings (a Map of id to value), present when there are any.
function settingsFromValues(values, custom) {
  const settings = {
    headerTableSize: values[0],
    enablePush: !!values[1],
    initialWindowSize: values[3],
    maxFrameSize: values[4],
    maxConcurrentStreams: values[2],
    maxHeaderListSize: values[5],
    maxHeaderSize: values[5],
    enableConnectProtocol: !!values[6],
  };
  if (custom !== undefined && custom.size > 0) settings.customSettings = Object.fromEntries(custom);
  return settings;
}

module.exports = {
  constants, nghttp2, errors, nghttpError, errorCodeName, errorCodeOfLibraryError, native, kSensitiveHeaders, kNoPayloadMethods,
  kSingleValueHeaders, headersToList, headersFromList, checkRequestPseudoHeader, checkResponsePseudoHeader,
  checkTrailerPseudoHeader, validateSettings, settingsToList, customSettingsEntries, validateRemoteCustomSettings, getDefaultSettings, getPackedSettings,
  getUnpackedSettings, settingsFromValues, checkIsObject, rawHeadersToObject, checkSettingRange,
};
