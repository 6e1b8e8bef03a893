'use strict';
// util: formatting, inspection and the small helpers packages use.

const utilBinding = binding.util();
const processMethods = binding.processMethods();
const { inspect, format, formatWithOptions: formatWithAnyOptions } = require('internal/inspect');

function formatWithOptions(inspectOptions, ...args) {
  if (inspectOptions === null || typeof inspectOptions !== 'object') {
    throw require('internal/errors').invalidArgType('inspectOptions', 'of type object', inspectOptions);
  }
  return formatWithAnyOptions(inspectOptions, ...args);
}
const kind = utilBinding.kind;
const customPromisify = Symbol.for('nodejs.util.promisify.custom');
const { customPromisifyArgs } = require('internal/util');

function promisify(original) {
  if (typeof original !== 'function') {
    const err = new TypeError('The "original" argument must be of type function');
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  if (original[customPromisify]) return original[customPromisify];
  const argumentNames = original[customPromisifyArgs];
  function fn(...args) {
    return new Promise((resolve, reject) => {
      original.call(this, ...args, (err, ...values) => {
        if (err) return reject(err);
        if (argumentNames) {
          resolve(Object.fromEntries(argumentNames.map((name, i) => [name, values[i]])));
          return;
        }
        resolve(values.length > 1 ? values : values[0]);
      });
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, customPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
  return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
}
promisify.custom = customPromisify;

function callbackify(original) {
  const errors = require('internal/errors');
  errors.validateFunction(original, 'original');
  function callbackified(...args) {
    const last = args.pop();
    errors.validateFunction(last, 'last argument');
    const callback = last.bind(this);
    Reflect.apply(original, this, args).then(
      (value) => process.nextTick(callback, null, value),
      (reason) => process.nextTick(rejectedCallback, reason, callback),
    );
  }
  const descriptors = Object.getOwnPropertyDescriptors(original);
  if (typeof descriptors.length.value === 'number') descriptors.length.value++;
  if (typeof descriptors.name.value === 'string') descriptors.name.value += 'Callbackified';
  for (const descriptor of Object.values(descriptors)) Object.setPrototypeOf(descriptor, null);
  Object.defineProperties(callbackified, descriptors);
  return callbackified;
}

// A falsy rejection reaches the callback as an error carrying it.
function rejectedCallback(reason, callback) {
  if (!reason) {
    const err = require('internal/errors').codedErrorBelow(rejectedCallback, Error, 'ERR_FALSY_VALUE_REJECTION', 'Promise was rejected with falsy value');
    err.reason = reason;
    reason = err;
  }
  return callback(reason);
}

function inherits(ctor, superCtor) {
  const { invalidArgType } = require('internal/errors');
  if (ctor === undefined || ctor === null) throw invalidArgType('ctor', 'of type function', ctor);
  if (superCtor === undefined || superCtor === null) throw invalidArgType('superCtor', 'of type function', superCtor);
  if (superCtor.prototype === undefined) {
    throw invalidArgType('superCtor.prototype', 'of type object', superCtor.prototype);
  }
  Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

// Deprecation codes already warned about: each code warns once per process; a
// deprecation without a code warns once per wrapped function.
const warnedCodes = new Set();
function deprecate(fn, message, code) {
  if (code !== undefined) require('internal/errors').validateString(code, 'code');
  let warned = false;
  function deprecated(...args) {
    if (!process.noDeprecation && !warned) {
      warned = true;
      if (code === undefined) {
        process.emitWarning(message, 'DeprecationWarning');
      } else if (!warnedCodes.has(code)) {
        warnedCodes.add(code);
        process.emitWarning(message, 'DeprecationWarning', code);
      }
    }
    return new.target ? Reflect.construct(fn, args, new.target) : Reflect.apply(fn, this, args);
  }
  Object.setPrototypeOf(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  Object.defineProperty(deprecated, 'length', { value: fn.length, configurable: true });
  return deprecated;
}

// Brand checks for boxed primitives: the prototype's valueOf throws on anything else.
function hasBrand(valueOf, value) {
  if (kind(value) !== 'boxed') return false;
  try {
    valueOf.call(value);
    return true;
  } catch {
    return false;
  }
}
const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
const isTypedArrayOf = (name) => (value) => typedArrayTag.call(value) === name;

const types = {
  isExternal: (v) => kind(v) === 'external',
  isDate: (v) => kind(v) === 'date',
  isArgumentsObject: (v) => kind(v) === 'arguments',
  isBigIntObject: (v) => hasBrand(BigInt.prototype.valueOf, v),
  isBooleanObject: (v) => hasBrand(Boolean.prototype.valueOf, v),
  isNumberObject: (v) => hasBrand(Number.prototype.valueOf, v),
  isStringObject: (v) => hasBrand(String.prototype.valueOf, v),
  isSymbolObject: (v) => hasBrand(Symbol.prototype.valueOf, v),
  isBoxedPrimitive: (v) => kind(v) === 'boxed',
  isNativeError: (v) => kind(v) === 'error',
  isRegExp: (v) => kind(v) === 'regexp',
  isAsyncFunction: (v) => kind(v) === 'asyncfunction' || kind(v) === 'asyncgeneratorfunction',
  isGeneratorFunction: (v) => kind(v) === 'generatorfunction' || kind(v) === 'asyncgeneratorfunction',
  isGeneratorObject: (v) => kind(v) === 'generator',
  isPromise: (v) => kind(v) === 'promise',
  isMap: (v) => kind(v) === 'map',
  isSet: (v) => kind(v) === 'set',
  isMapIterator: (v) => kind(v) === 'mapiterator',
  isSetIterator: (v) => kind(v) === 'setiterator',
  isWeakMap: (v) => kind(v) === 'weakmap',
  isWeakSet: (v) => kind(v) === 'weakset',
  isArrayBuffer: (v) => kind(v) === 'arraybuffer',
  isDataView: (v) => kind(v) === 'dataview',
  isSharedArrayBuffer: (v) => kind(v) === 'sharedarraybuffer',
  isProxy: (v) => kind(v) === 'proxy',
  isModuleNamespaceObject: (v) => kind(v) === 'module',
  isAnyArrayBuffer: (v) => kind(v) === 'arraybuffer' || kind(v) === 'sharedarraybuffer',
  isArrayBufferView: (v) => ArrayBuffer.isView(v),
  isTypedArray: (v) => typedArrayTag.call(v) !== undefined,
  isUint8Array: isTypedArrayOf('Uint8Array'),
  isUint8ClampedArray: isTypedArrayOf('Uint8ClampedArray'),
  isUint16Array: isTypedArrayOf('Uint16Array'),
  isUint32Array: isTypedArrayOf('Uint32Array'),
  isInt8Array: isTypedArrayOf('Int8Array'),
  isInt16Array: isTypedArrayOf('Int16Array'),
  isInt32Array: isTypedArrayOf('Int32Array'),
  isFloat16Array: isTypedArrayOf('Float16Array'),
  isFloat32Array: isTypedArrayOf('Float32Array'),
  isFloat64Array: isTypedArrayOf('Float64Array'),
  isBigInt64Array: isTypedArrayOf('BigInt64Array'),
  isBigUint64Array: isTypedArrayOf('BigUint64Array'),
  isKeyObject: (v) => require('internal/crypto/keyslots').isKeyObject(v),
  isCryptoKey: (v) => require('internal/crypto/webcrypto').isCryptoKey(v),
};

// NODE_DEBUG's sections (comma separated, `*` a wildcard, no case), as the process started.
let debugPattern;
function debugEnabled(section) {
  if (debugPattern === undefined) {
    const sections = internals.nodeDebug ?? '';
    debugPattern = sections === ''
      ? null
      : new RegExp(`^${sections.replace(/[|\\{}()[\]^$+?.]/g, '\\$&').replaceAll('*', '.*').replaceAll(',', '$|^')}$`, 'i');
  }
  return debugPattern !== null && debugPattern.test(section);
}

// The sections whose logs print headers (credentials among them): node warns once one is used.
function warnOfSensitiveSection(section, enabled) {
  const name = section.toLowerCase();
  if (enabled && (name === 'http' || name === 'http2')) {
    process.emitWarning(`Setting the NODE_DEBUG environment variable to '${name}' can expose sensitive data ` +
      '(such as passwords, tokens and authentication headers) in the resulting log.');
  }
}

// A logger that prints `SECTION pid: message` to stderr when NODE_DEBUG names the section.
function debuglog(section, onFirstUse) {
  let enabled;
  const isEnabled = () => (enabled ??= debugEnabled(section));
  let used = false;
  const logger = function debug(...args) {
    if (!used) {
      used = true;
      onFirstUse?.(logger);
      warnOfSensitiveSection(section, isEnabled());
    }
    if (isEnabled()) process.stderr.write(`${section.toUpperCase()} ${process.pid}: ${format(...args)}\n`);
  };
  Object.defineProperty(logger, 'enabled', { get: isEnabled, enumerable: true, configurable: true });
  return logger;
}

// ANSI/VT escape sequences: CSI and OSC (ended by BEL, ESC \ or ST), as node strips them.
const ansiPattern = new RegExp('[\\u001B\\u009B][[\\]()#;?]*' +
  '(?:(?:(?:(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]+)*' +
  '|[a-zA-Z\\d]+(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]*)*)?' +
  '(?:\\u0007|\\u001B\\u005C|\\u009C))' +
  '|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?[\\dA-PR-TZcf-ntqry=><~]))', 'g');
function stripVTControlCharacters(text) {
  require('internal/errors').validateString(text, 'str');
  return text.replace(ansiPattern, '');
}

let systemErrors;
function systemErrorMap() {
  systemErrors ??= new Map(processMethods.uvErrors().map(([errno, name, message]) => [errno, [name, message]]));
  return systemErrors;
}

function validateErrno(errno) {
  const { invalidArgType, outOfRange } = require('internal/errors');
  if (typeof errno !== 'number') throw invalidArgType('err', 'of type number', errno);
  if (errno >= 0 || !Number.isSafeInteger(errno)) throw outOfRange('err', 'a negative integer', errno);
}

function getSystemErrorName(errno) {
  validateErrno(errno);
  return systemErrorMap().get(errno)?.[0] ?? `Unknown system error ${errno}`;
}

function getSystemErrorMessage(errno) {
  validateErrno(errno);
  return systemErrorMap().get(errno)?.[1] ?? `Unknown system error ${errno}`;
}

function getSystemErrorMap() {
  return new Map(systemErrorMap());
}

// ---- styleText ----

function shouldColorize(stream) {
  return require('internal/tty').shouldColorize(stream);
}

function isStreamLike(stream) {
  if (stream === null || typeof stream !== 'object') return false;
  if (stream._readableState || stream._writableState) return true;
  if (typeof stream.on !== 'function') return false;
  return typeof stream.write === 'function' || typeof stream.pipe === 'function';
}

const hexColor = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
function styleCodes(key) {
  const { invalidArgValue } = require('internal/errors');
  if (typeof key === 'string' && key.startsWith('#')) {
    if (!hexColor.test(key)) throw invalidArgValue('format', key, 'must be a valid hex color (#RGB or #RRGGBB)');
    const digits = key.length === 4 ? [...key.slice(1)].map((d) => d + d) : [key.slice(1, 3), key.slice(3, 5), key.slice(5, 7)];
    return [`38;2;${digits.map((d) => parseInt(d, 16)).join(';')}`, 39];
  }
  const codes = typeof key === 'string' && Object.hasOwn(inspect.colors, key) ? inspect.colors[key] : undefined;
  if (codes == null) {
    const allowed = Object.getOwnPropertyNames(inspect.colors).map((name) => `'${name}'`).join(', ');
    throw invalidArgValue('format', key, `must be one of: ${allowed}`);
  }
  return codes;
}

function styleText(format, text, options) {
  const errors = require('internal/errors');
  errors.validateString(text, 'text');
  if (options !== undefined) errors.validateObject(options, 'options');
  const validateStream = options?.validateStream ?? true;
  errors.validateBoolean(validateStream, 'options.validateStream');
  let skipColorize = false;
  if (validateStream) {
    const stream = options?.stream ?? process.stdout;
    if (!isStreamLike(stream)) {
      throw errors.invalidArgType('stream', 'an instance of ReadableStream, WritableStream, or Stream', stream);
    }
    skipColorize = !shouldColorize(stream);
  }
  let left = '';
  let right = '';
  for (const key of Array.isArray(format) ? format : [format]) {
    if (key === 'none') continue;
    const [open, close] = styleCodes(key);
    if (skipColorize) continue;
    const openSeq = `\u001b[${open}m`;
    const closeSeq = `\u001b[${close}m`;
    left += openSeq;
    right = closeSeq + right;
    // A nested style's reset would end this style too: re-open it there (22 ends both
    // bold and dim, so it stays and this style's opening follows it).
    // A reset that ends the text is left alone: nothing of this style follows it.
    const replacement = close === 22 ? closeSeq + openSeq : openSeq;
    const ending = text.endsWith(closeSeq);
    const body = ending ? text.slice(0, -closeSeq.length) : text;
    text = body.replaceAll(closeSeq, replacement) + (ending ? closeSeq : '');
  }
  return skipColorize ? text : `${left}${text}${right}`;
}

// ---- parseArgs ----

function parseArgsError(code, message) {
  return require('internal/errors').codedError(TypeError, code, message);
}

const ownValue = (object, key) => (Object.hasOwn(object, key) ? object[key] : undefined);
const optionValue = (options, name, key) => (Object.hasOwn(options, name) ? ownValue(options[name], key) : undefined);

function longNameOf(short, options) {
  for (const [name, config] of Object.entries(options)) {
    if (ownValue(config, 'short') === short) return name;
  }
  return short;
}

// The command line as a list of tokens: options (with their value when given inline or in
// the next argument), positionals and the `--` terminator.
function tokenize(args, options) {
  const tokens = [];
  const pending = args.slice();
  let index = -1;
  let groupLeft = 0;
  const takesValue = (name) => optionValue(options, name, 'type') === 'string';
  // An option written alone (-f, --file): a string option takes the next argument as its value.
  const pushOption = (name, rawName, next) => {
    let value;
    let inlineValue;
    if (takesValue(name) && next != null) {
      value = pending.shift();
      inlineValue = false;
    }
    tokens.push({ kind: 'option', name, rawName, index, value, inlineValue });
    if (value != null) index++;
  };
  while (pending.length > 0) {
    const arg = pending.shift();
    const next = pending[0];
    if (groupLeft > 0) groupLeft--;
    else index++;
    if (arg === '--') {
      tokens.push({ kind: 'option-terminator', index });
      for (const rest of pending) tokens.push({ kind: 'positional', index: ++index, value: rest });
      break;
    }
    const isShort = arg.length >= 2 && arg[0] === '-' && arg[1] !== '-';
    if (isShort && arg.length === 2) {
      pushOption(longNameOf(arg[1], options), arg, next);
      continue;
    }
    if (isShort && !takesValue(longNameOf(arg[1], options))) {
      // -abc is -a -b -c; a string option inside takes the rest as its value (-abfFILE).
      const expanded = [];
      for (let i = 1; i < arg.length; i++) {
        if (!takesValue(longNameOf(arg[i], options)) || i === arg.length - 1) {
          expanded.push(`-${arg[i]}`);
        } else {
          expanded.push(`-${arg.slice(i)}`);
          break;
        }
      }
      pending.unshift(...expanded);
      groupLeft = expanded.length;
      continue;
    }
    if (isShort) {
      tokens.push({ kind: 'option', name: longNameOf(arg[1], options), rawName: `-${arg[1]}`, index, value: arg.slice(2), inlineValue: true });
      continue;
    }
    if (arg.length > 2 && arg.startsWith('--')) {
      const equals = arg.indexOf('=', 3);
      if (equals === -1) {
        pushOption(arg.slice(2), arg, next);
      } else {
        const name = arg.slice(2, equals);
        tokens.push({ kind: 'option', name, rawName: `--${name}`, index, value: arg.slice(equals + 1), inlineValue: true });
      }
      continue;
    }
    tokens.push({ kind: 'positional', index, value: arg });
  }
  return tokens;
}

function checkStrictOption(token, options, allowPositionals, allowNegative) {
  let name = token.name;
  if (!Object.hasOwn(options, name)) {
    const negated = allowNegative && name.startsWith('no-') ? name.slice(3) : undefined;
    if (negated === undefined || !Object.hasOwn(options, negated) || optionValue(options, negated, 'type') !== 'boolean') {
      const hint = allowPositionals
        ? `. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- ${JSON.stringify(token.rawName)}`
        : '';
      throw parseArgsError('ERR_PARSE_ARGS_UNKNOWN_OPTION', `Unknown option '${token.rawName}'${hint}`);
    }
    name = negated;
  }
  const short = optionValue(options, name, 'short');
  const usage = `${short ? `-${short}, ` : ''}--${name}`;
  const type = optionValue(options, name, 'type');
  if (type === 'string' && typeof token.value !== 'string') {
    throw parseArgsError('ERR_PARSE_ARGS_INVALID_OPTION_VALUE', `Option '${usage} <value>' argument missing`);
  }
  if (type === 'boolean' && token.value != null) {
    throw parseArgsError('ERR_PARSE_ARGS_INVALID_OPTION_VALUE', `Option '${usage}' does not take an argument`);
  }
  // `--port --verbose`: the value looks like an option the user meant to give.
  if (!token.inlineValue && token.value != null && token.value.length > 1 && token.value[0] === '-') {
    const example = token.rawName.startsWith('--')
      ? `'${token.rawName}=-XYZ'`
      : `'--${token.name}=-XYZ' or '${token.rawName}-XYZ'`;
    throw parseArgsError('ERR_PARSE_ARGS_INVALID_OPTION_VALUE', `Option '${token.rawName}' argument is ambiguous.
Did you forget to specify the option argument for '${token.rawName}'?
To specify an option argument starting with a dash use ${example}.`);
  }
}

function validateParseArgsOption(name, config) {
  const errors = require('internal/errors');
  const { invalidArgType, invalidArgValue } = errors;
  errors.validateObject(config, `options.${name}`);
  const type = ownValue(config, 'type');
  if (type !== 'string' && type !== 'boolean') {
    throw invalidArgType(`options.${name}.type`, "('string|boolean')", type);
  }
  if (Object.hasOwn(config, 'short')) {
    errors.validateString(config.short, `options.${name}.short`);
    if (config.short.length !== 1) throw invalidArgValue(`options.${name}.short`, config.short, 'must be a single character');
  }
  const multiple = ownValue(config, 'multiple');
  if (Object.hasOwn(config, 'multiple')) errors.validateBoolean(multiple, `options.${name}.multiple`);
  const defaultValue = ownValue(config, 'default');
  if (defaultValue !== undefined) {
    const check = (value, what) => {
      if (typeof value !== type) throw invalidArgType(what, `of type ${type}`, value);
    };
    if (multiple) {
      if (!Array.isArray(defaultValue)) throw invalidArgType(`options.${name}.default`, 'an instance of Array', defaultValue);
      defaultValue.forEach((value, i) => check(value, `options.${name}.default[${i}]`));
    } else {
      check(defaultValue, `options.${name}.default`);
    }
  }
}

// The arguments after the script (or after the code of -e / -p).
function mainArgs() {
  const evaluating = process.execArgv.some((arg) => arg === '--eval' || arg === '--print' || arg.startsWith('--eval=') ||
    arg.startsWith('--print=') || /^-[a-z]*[ep][a-z]*$/i.test(arg));
  return process.argv.slice(evaluating ? 1 : 2);
}

function parseArgs(config = {}) {
  const errors = require('internal/errors');
  const args = ownValue(config, 'args') ?? mainArgs();
  const strict = ownValue(config, 'strict') ?? true;
  const allowPositionals = ownValue(config, 'allowPositionals') ?? !strict;
  const returnTokens = ownValue(config, 'tokens') ?? false;
  const allowNegative = ownValue(config, 'allowNegative') ?? false;
  const options = ownValue(config, 'options') ?? { __proto__: null };
  if (!Array.isArray(args)) throw errors.invalidArgType('args', 'an instance of Array', args);
  errors.validateBoolean(strict, 'strict');
  errors.validateBoolean(allowPositionals, 'allowPositionals');
  errors.validateBoolean(returnTokens, 'tokens');
  errors.validateBoolean(allowNegative, 'allowNegative');
  errors.validateObject(options, 'options');
  for (const [name, optionConfig] of Object.entries(options)) validateParseArgsOption(name, optionConfig);

  const tokens = tokenize(args, options);
  const result = { values: { __proto__: null }, positionals: [] };
  if (returnTokens) result.tokens = tokens;
  for (const token of tokens) {
    if (token.kind === 'positional') {
      if (!allowPositionals) {
        throw parseArgsError('ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL',
          `Unexpected argument '${token.value}'. This command does not take positional arguments`);
      }
      result.positionals.push(token.value);
    } else if (token.kind === 'option') {
      if (strict) checkStrictOption(token, options, allowPositionals, allowNegative);
      let name = token.name;
      let value = token.value;
      if (name === '__proto__') continue;
      if (allowNegative && name.startsWith('no-') && value === undefined) {
        name = name.slice(3);
        token.name = name;
        value = false;
      }
      value ??= true;
      if (optionValue(options, name, 'multiple')) {
        if (result.values[name]) result.values[name].push(value);
        else result.values[name] = [value];
      } else {
        result.values[name] = value;
      }
    }
  }
  for (const [name, optionConfig] of Object.entries(options)) {
    const defaultValue = ownValue(optionConfig, 'default');
    if (name !== '__proto__' && defaultValue !== undefined && result.values[name] === undefined) {
      result.values[name] = defaultValue;
    }
  }
  return result;
}

// ---- getCallSites ----

function getCallSites(frameCount = 10, options) {
  const errors = require('internal/errors');
  if (options === undefined && typeof frameCount === 'object') {
    options = frameCount;
    frameCount = 10;
  }
  if (options !== undefined) {
    errors.validateObject(options, 'options');
    if (options.sourceMap !== undefined) errors.validateBoolean(options.sourceMap, 'options.sourceMap');
  }
  if (typeof frameCount !== 'number') throw errors.invalidArgType('frameCount', 'of type number', frameCount);
  if (!Number.isInteger(frameCount)) throw errors.outOfRange('frameCount', 'an integer', frameCount);
  if (frameCount < 1 || frameCount > 200) throw errors.outOfRange('frameCount', '>= 1 && <= 200', frameCount);
  const sites = utilBinding.callSites(frameCount);
  // Mapped when asked to, or by default under --enable-source-maps.
  if (options?.sourceMap === true || (internals.getOptionValue('--enable-source-maps') && options?.sourceMap !== false)) {
    const { findSourceMap } = require('internal/source_map/source_map_cache');
    // A site in a file with a source map is given as at its original position (without a
    // scriptId), named as the map names it.
    return sites.map((site) => {
      const entry = findSourceMap(site.scriptName)?.findEntry(site.lineNumber - 1, site.columnNumber - 1);
      if (!entry?.originalSource) return site;
      return {
        __proto__: null,
        functionName: entry.name ?? '',
        scriptName: entry.originalSource,
        lineNumber: entry.originalLine + 1,
        column: entry.originalColumn + 1,
        columnNumber: entry.originalColumn + 1,
      };
    });
  }
  return sites;
}

// ---- aborted ----

function aborted(signal, resource) {
  return require('internal/abort_controller').aborted(signal, resource);
}

function transferableAbortSignal(signal) {
  return require('internal/abort_controller').transferableAbortSignal(signal);
}

function transferableAbortController() {
  return require('internal/abort_controller').transferableAbortController();
}

// The exit code a process killed by the signal reports in a shell: 128 + its number.
function convertProcessSignalToExitCode(signalCode) {
  const { signals } = require('os').constants;
  if (typeof signalCode !== 'string' || !Object.hasOwn(signals, signalCode)) {
    const allowed = Object.keys(signals).map((name) => `'${name}'`).join(', ');
    throw require('internal/errors').invalidArgValue('signalCode', signalCode, `must be one of: ${allowed}`);
  }
  return 128 + signals[signalCode];
}

// The system errors node's own modules throw: `syscall CODE[ original]`, with errno, code, syscall.
function errnoException(errno, syscall, original) {
  const code = systemErrorMap().get(errno)?.[0] ?? `Unknown system error ${errno}`;
  const err = new Error(original ? `${syscall} ${code} ${original}` : `${syscall} ${code}`);
  err.errno = errno;
  err.code = code;
  err.syscall = syscall;
  Error.captureStackTrace(err, errnoException);
  return err;
}

// As errnoException, for network calls: `syscall CODE address:port - Local (additional)`.
function exceptionWithHostPort(errno, syscall, address, port, additional) {
  const code = systemErrorMap().get(errno)?.[0] ?? `Unknown system error ${errno}`;
  let details = '';
  if (port && port > 0) details = ` ${address}:${port}`;
  else if (address) details = ` ${address}`;
  if (additional) details += ` - Local (${additional})`;
  const err = new Error(`${syscall} ${code}${details}`);
  err.errno = errno;
  err.code = code;
  err.syscall = syscall;
  err.address = address;
  if (port) err.port = port;
  Error.captureStackTrace(err, exceptionWithHostPort);
  return err;
}

// The variables of `.env` text, read as --env-file reads a file.
function parseEnv(content) {
  if (typeof content !== 'string') {
    throw require('internal/errors').invalidArgType('content', 'of type string', content);
  }
  return utilBinding.parseEnv(content);
}

// util.diff(actual, expected): the Myers edit script between two strings (by character) or
// two arrays of strings, as [operation, value] pairs: 0 both, 1 only actual, -1 only expected.
function diff(actual, expected) {
  if (actual === expected) return [];
  validateDiffInput(actual, 'actual');
  validateDiffInput(expected, 'expected');
  return require('internal/assert/diff').editScript(actual, expected);
}

function validateDiffInput(value, name) {
  const { invalidArgType } = require('internal/errors');
  if (typeof value === 'string') return;
  if (!Array.isArray(value)) throw invalidArgType(name, 'of type string', value);
  value.forEach((item, i) => {
    if (typeof item !== 'string') throw invalidArgType(`${name}[${i}]`, 'of type string', item);
  });
}

module.exports = {
  _errnoException: errnoException, _exceptionWithHostPort: exceptionWithHostPort, convertProcessSignalToExitCode,
  format, formatWithOptions, inspect, promisify, callbackify, inherits, deprecate, types,
  debuglog, debug: debuglog, stripVTControlCharacters, getSystemErrorName, getSystemErrorMessage, getSystemErrorMap,
  styleText, parseArgs, parseEnv, getCallSites, transferableAbortSignal, transferableAbortController, aborted,
  toUSVString: (string) => `${string}`.toWellFormed(),
  _extend: deprecate((target, source) => {
    if (source === null || typeof source !== 'object') return target;
    for (const key of Object.keys(source)) target[key] = source[key];
    return target;
  }, 'The `util._extend` API is deprecated. Please use Object.assign() instead.', 'DEP0060'),
  isDeepStrictEqual: (a, b, skipPrototype) => require('internal/util/comparisons').isDeepStrictEqual(a, b, skipPrototype === true),
  isArray: deprecate((value) => Array.isArray(value),
    'The `util.isArray` API is deprecated. Please use `Array.isArray()` instead.', 'DEP0044'),
  TextEncoder, TextDecoder,
  diff,
  setTraceSigInt: (enable) => require('internal/util/trace_sigint').setTraceSigInt(enable),
};
Object.defineProperties(module.exports, {
  MIMEType: { enumerable: true, configurable: true, get: () => require('internal/mime').MIMEType },
  MIMEParams: { enumerable: true, configurable: true, get: () => require('internal/mime').MIMEParams },
});
