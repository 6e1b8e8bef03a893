'use strict';
// URLPattern (the WHATWG URL Pattern standard): the pattern is parsed, and inputs are read
// as URLs, natively (the urlpattern crate); each component matches with a RegExp built from
// the regular expression the parser wrote. Arguments are checked as node's URLPattern
// (ada's, in C++) checks them, with its messages.

const urlPatternBinding = binding.urlPattern();
const { codedError } = require('internal/errors');

const components = ['protocol', 'username', 'password', 'hostname', 'port', 'pathname', 'search', 'hash'];

// The parsed pattern of each URLPattern: { hasRegExpGroups, protocol: { pattern, regexp,
// groups }, ... }.
const patterns = new WeakMap();

function illegalInvocation() {
  return new TypeError('Illegal invocation');
}

function patternOf(self) {
  const pattern = patterns.get(self);
  if (pattern === undefined) throw illegalInvocation();
  return pattern;
}

function isObject(value) {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

// A pattern or match input as the natives take it: a string, or the init's string fields
// (read once each, in the standard's order; fields of other types count as absent).
function readInput(input) {
  if (typeof input === 'string') return input;
  if (input === undefined || input === null) return {};
  const init = {};
  for (const name of [...components, 'baseURL']) {
    const value = input[name];
    if (typeof value === 'string') init[name] = value;
  }
  return init;
}

function invalidPattern() {
  return codedError(TypeError, 'ERR_INVALID_URL_PATTERN', 'Failed to construct URLPattern');
}

function URLPattern(input = undefined, baseURLOrOptions = undefined, maybeOptions = undefined) {
  if (new.target === undefined) {
    throw codedError(TypeError, 'ERR_CONSTRUCT_CALL_REQUIRED', 'Cannot call constructor without `new`');
  }
  if (input !== undefined && input !== null && typeof input !== 'string' && !isObject(input)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'Input must be an object or a string');
  }
  let baseURL;
  let options;
  let baseMissing = false;
  if (arguments.length >= 3) {
    if (typeof baseURLOrOptions === 'string') baseURL = baseURLOrOptions;
    else if (baseURLOrOptions === undefined || baseURLOrOptions === null) baseMissing = true;
    else throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'second argument must be a string');
    options = maybeOptions;
  } else if (typeof baseURLOrOptions === 'string') {
    baseURL = baseURLOrOptions;
  } else if (isObject(baseURLOrOptions) || baseURLOrOptions === undefined || baseURLOrOptions === null) {
    options = baseURLOrOptions;
  } else {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'second argument must be a string or object');
  }
  if (options !== undefined && options !== null && !isObject(options)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'options must be an object');
  }
  const init = readInput(input);
  const ignoreCase = Boolean(options?.ignoreCase);
  // A base URL position given no string leaves nothing a relative pattern could resolve
  // against, nor anything valid to combine with an object.
  if (baseMissing) throw invalidPattern();
  const parsed = urlPatternBinding.urlPatternParse(init, baseURL, ignoreCase);
  if (parsed === undefined) throw invalidPattern();
  const pattern = { hasRegExpGroups: parsed[0] };
  const flags = ignoreCase ? 'ui' : 'u';
  components.forEach((name, index) => {
    const [patternString, regexpString, groups] = parsed.slice(1 + index * 3, 4 + index * 3);
    let regexp;
    try {
      regexp = new RegExp(regexpString, flags);
    } catch {
      throw invalidPattern();
    }
    pattern[name] = { pattern: patternString, regexp, groups };
  });
  patterns.set(this, pattern);
}

// The match of `input` (and `baseURL`): the standard's URLPatternResult, or null.
function match(self, input, baseURL, operation) {
  const pattern = patternOf(self);
  if (input !== undefined && input !== null && typeof input !== 'string' && !isObject(input)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'URLPattern input needs to be a string or an object');
  }
  if (baseURL !== undefined && baseURL !== null && typeof baseURL !== 'string') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'baseURL must be a string');
  }
  const base = baseURL === undefined ? undefined : `${baseURL}`;
  const values = urlPatternBinding.urlPatternMatchInput(readInput(input), base);
  if (values === false) throw codedError(TypeError, 'ERR_OPERATION_FAILED', `Failed to ${operation} URLPattern`);
  if (values === null) return null;
  const result = { __proto__: null, inputs: base === undefined ? [input ?? {}] : [input ?? {}, base] };
  for (let index = 0; index < components.length; index++) {
    const name = components[index];
    const { regexp, groups } = pattern[name];
    const found = regexp.exec(values[index]);
    if (found === null) return null;
    // Node lists a component's groups last to first.
    const named = {};
    for (let group = groups.length - 1; group >= 0; group--) named[groups[group]] = found[group + 1];
    result[name] = { input: values[index], groups: named };
  }
  return result;
}

const prototypeMethods = {
  exec(input = undefined, baseURL = undefined) {
    return match(this, input, baseURL, 'exec');
  },
  test(input = undefined, baseURL = undefined) {
    return match(this, input, baseURL, 'test') !== null;
  },
};

for (const name of components) {
  Object.defineProperty(URLPattern.prototype, name, {
    get: Object.getOwnPropertyDescriptor({ get [name]() { return patternOf(this)[name].pattern; } }, name).get,
    enumerable: true,
    configurable: true,
  });
}
Object.defineProperty(URLPattern.prototype, 'hasRegExpGroups', {
  get: Object.getOwnPropertyDescriptor({ get hasRegExpGroups() { return patternOf(this).hasRegExpGroups; } },
    'hasRegExpGroups').get,
  enumerable: true,
  configurable: true,
});
for (const name of ['exec', 'test']) {
  Object.defineProperty(URLPattern.prototype, name, {
    value: prototypeMethods[name], writable: true, enumerable: true, configurable: true,
  });
}
// As node's (a native class), `constructor` comes last among the prototype's properties.
delete URLPattern.prototype.constructor;
Object.defineProperty(URLPattern.prototype, 'constructor', { value: URLPattern, writable: true, configurable: true });

module.exports = { URLPattern };
