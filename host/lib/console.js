'use strict';
// console: the global console, and the Console class writing to any pair of writable streams
// (stdout, stderr) with node's options, group indentation, counters, timers and tables.

const utilBinding = binding.util();
const traceBinding = binding.traceEvents();
const { inspect, formatWithOptions } = require('internal/inspect');
const { codedError, invalidArgType, invalidArgValue, validateInteger } = require('internal/errors');
const { formatTime } = require('internal/util');

const kIsConsole = Symbol('kIsConsole');
const kGroupIndent = Symbol('kGroupIndent');
const kGroupIndentationWidth = Symbol('kGroupIndentWidth');
const kCounts = Symbol('counts');
const kColorMode = Symbol('kColorMode');
const kInspectOptions = Symbol('kInspectOptions');
const kIgnoreErrors = Symbol('kIgnoreErrors');

const hidden = (value) => ({ value, writable: true, enumerable: false, configurable: true });

function checkWritable(stream, name) {
  if (stream === null || stream === undefined || typeof stream.write !== 'function') {
    throw codedError(TypeError, 'ERR_CONSOLE_WRITABLE_STREAM', `Console expects a writable stream instance for ${name}`);
  }
}

function Console(options, stderr, ignoreErrors) {
  if (!new.target) return Reflect.construct(Console, [options, stderr, ignoreErrors]);
  if (!options || typeof options.write === 'function') options = { stdout: options, stderr, ignoreErrors };
  const { stdout, stderr: errorStream = stdout, ignoreErrors: ignore = true, colorMode = 'auto', inspectOptions, groupIndentation = 2 } = options;
  checkWritable(stdout, 'stdout');
  checkWritable(errorStream, 'stderr');
  if (colorMode !== 'auto' && colorMode !== true && colorMode !== false) {
    throw invalidArgValue('colorMode', colorMode, "must be one of: 'auto', true, false");
  }
  if (groupIndentation !== undefined) validateInteger(groupIndentation, 'groupIndentation', 0, 1000);
  if (inspectOptions !== undefined) {
    if (inspectOptions === null || typeof inspectOptions !== 'object') {
      throw invalidArgType('options.inspectOptions', 'of type object', inspectOptions);
    }
    // One options object, or a Map from each stream to its own.
    const perStream = inspectOptions instanceof Map ? [...inspectOptions.values()] : [inspectOptions];
    for (const streamOptions of perStream) {
      if (streamOptions.colors !== undefined && options.colorMode !== undefined) {
        throw codedError(TypeError, 'ERR_INCOMPATIBLE_OPTION_PAIR', 'Option "options.inspectOptions.color" cannot be used in combination with option "colorMode"');
      }
    }
  }
  Object.defineProperties(this, { _stdout: hidden(stdout), _stderr: hidden(errorStream) });
  initializeConsole(this, { ignoreErrors: ignore, colorMode, inspectOptions, groupIndentation });
}

// A console's state, and its methods bound to it: they work detached (`const { log } =
// console`), as node binds them. (What `console` has under each name: a subclass's override
// is the one bound.)
function initializeConsole(console, { ignoreErrors, colorMode, inspectOptions, groupIndentation }) {
  Object.defineProperties(console, {
    [kIgnoreErrors]: hidden(Boolean(ignoreErrors)),
    [kColorMode]: hidden(colorMode),
    [kInspectOptions]: hidden(inspectOptions),
    [kGroupIndent]: hidden(''),
    [kGroupIndentationWidth]: hidden(groupIndentation),
    [kCounts]: hidden(new Map()),
    _times: hidden(new Map()),
    [kIsConsole]: hidden(true),
  });
  for (const name of Object.keys(Console.prototype)) {
    const method = name in console ? console[name] : Console.prototype[name];
    console[name] = method.bind(console);
    Object.defineProperty(console[name], 'name', { value: name });
  }
}

Object.defineProperty(Console, Symbol.hasInstance, {
  value: (instance) => instance !== null && typeof instance === 'object' && instance[kIsConsole] === true,
});

function inspectOptionsFor(console, stream) {
  let colors;
  if (console[kColorMode] === 'auto') {
    // FORCE_COLOR decides for every stream; otherwise a terminal with colours has them.
    if (process.env.FORCE_COLOR !== undefined) colors = require('internal/tty').getColorDepth() > 2;
    else colors = Boolean(stream?.isTTY) && (typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true);
  } else {
    colors = console[kColorMode];
  }
  const inspectOptions = console[kInspectOptions];
  const options = inspectOptions instanceof Map ? inspectOptions.get(stream) : inspectOptions;
  if (options) return options.colors === undefined ? { ...options, colors } : options;
  return colors ? { colors: true } : undefined;
}

function write(console, toStderr, text) {
  const indent = console[kGroupIndent];
  if (indent.length !== 0) {
    if (text.includes('\n')) text = text.replace(/\n/g, `\n${indent}`);
    text = indent + text;
  }
  text += '\n';
  const stream = toStderr ? console._stderr : console._stdout;
  if (!console[kIgnoreErrors]) return stream.write(text);
  // Errors writing (a closed pipe, say) are dropped, but a stack overflow still throws.
  const swallow = () => {};
  const onWritten = writeErrorHandler(stream);
  try {
    if (typeof stream.listenerCount === 'function' && stream.listenerCount('error') === 0 && typeof stream.once === 'function') {
      stream.once('error', swallow);
    }
    stream.write(text, onWritten);
  } catch (err) {
    if (err instanceof RangeError && err.message === 'Maximum call stack size exceeded') throw err;
  } finally {
    if (typeof stream.removeListener === 'function') stream.removeListener('error', swallow);
  }
}

// An error the stream reports later (as an 'error' event) is dropped too. One handler per
// stream, so that a stream coalesces the callbacks of synchronous writes into one tick.
const writeErrorHandlers = new WeakMap();
function writeErrorHandler(stream) {
  let handler = writeErrorHandlers.get(stream);
  if (handler === undefined) {
    handler = (err) => {
      if (err != null && !stream._writableState?.errorEmitted && stream.listenerCount?.('error') === 0) stream.once('error', () => {});
    };
    writeErrorHandlers.set(stream, handler);
  }
  return handler;
}

const format = (console, toStderr, args) => formatWithOptions(inspectOptionsFor(console, toStderr ? console._stderr : console._stdout), ...args);

// The node.console trace events: a timer's begin, log ('n') and end, a counter's value.
const kTraceConsoleCategory = 'node,node.console';
function traceConsole(phase, name, value) {
  if (traceBinding.isTraceCategoryEnabled(kTraceConsoleCategory)) {
    traceBinding.trace(phase.charCodeAt(0), kTraceConsoleCategory, name, 0, value);
  }
}

function timeLogged(console, name, label, data) {
  traceConsole(name === 'timeEnd' ? 'e' : 'n', `time::${label}`);
  const start = console._times.get(label);
  if (start === undefined) {
    process.emitWarning(`No such label '${label}' for console.${name}()`);
    return false;
  }
  const elapsed = performance.now() - start;
  console.log('%s: %s', label, formatTime(elapsed), ...data);
  return true;
}

// Each printing method publishes its arguments on a channel ('console.log', ...) before
// formatting them, so that a subscriber may change what is printed.
const { channel } = require('diagnostics_channel');
const onLog = channel('console.log');
const onInfo = channel('console.info');
const onDebug = channel('console.debug');
const onWarn = channel('console.warn');
const onError = channel('console.error');

function print(console, toStderr, onPrint, args) {
  if (onPrint.hasSubscribers) onPrint.publish(args);
  write(console, toStderr, format(console, toStderr, args));
}

Console.prototype = {
  log(...args) {
    print(this, false, onLog, args);
  },
  info(...args) {
    print(this, false, onInfo, args);
  },
  debug(...args) {
    print(this, false, onDebug, args);
  },
  warn(...args) {
    print(this, true, onWarn, args);
  },
  error(...args) {
    print(this, true, onError, args);
  },
  dir(object, options) {
    write(this, false, inspect(object, { customInspect: false, ...inspectOptionsFor(this, this._stdout), ...options }));
  },
  time(label = 'default') {
    label = `${label}`;
    if (this._times.has(label)) {
      process.emitWarning(`Label '${label}' already exists for console.time()`);
      return;
    }
    traceConsole('b', `time::${label}`);
    this._times.set(label, performance.now());
  },
  timeEnd(label = 'default') {
    label = `${label}`;
    if (timeLogged(this, 'timeEnd', label, [])) this._times.delete(label);
  },
  timeLog(label = 'default', ...data) {
    timeLogged(this, 'timeLog', `${label}`, data);
  },
  trace(...args) {
    const err = { name: 'Trace', message: format(this, true, args) };
    Error.captureStackTrace(err, Console.prototype.trace);
    this.error(err.stack);
  },
  assert(expression, ...args) {
    if (!expression) {
      if (args.length > 0 && typeof args[0] === 'string') args[0] = `Assertion failed: ${args[0]}`;
      else args.unshift('Assertion failed');
      Reflect.apply(this.warn, this, args);
    }
  },
  clear() {
    if (this._stdout.isTTY && process.env.TERM !== 'dumb') {
      const { cursorTo, clearScreenDown } = require('readline');
      cursorTo(this._stdout, 0, 0);
      clearScreenDown(this._stdout);
    }
  },
  count(label = 'default') {
    label = `${label}`;
    const count = (this[kCounts].get(label) ?? 0) + 1;
    this[kCounts].set(label, count);
    traceConsole('C', `count::${label}`, count);
    this.log(`${label}: ${count}`);
  },
  countReset(label = 'default') {
    label = `${label}`;
    if (!this[kCounts].has(label)) {
      process.emitWarning(`Count for '${label}' does not exist`);
      return;
    }
    this[kCounts].delete(label);
    traceConsole('C', `count::${label}`, 0);
  },
  group(...data) {
    if (data.length > 0) Reflect.apply(this.log, this, data);
    this[kGroupIndent] += ' '.repeat(this[kGroupIndentationWidth]);
  },
  groupEnd() {
    this[kGroupIndent] = this[kGroupIndent].slice(0, this[kGroupIndent].length - this[kGroupIndentationWidth]);
  },
  table(data, properties) {
    if (properties !== undefined && !Array.isArray(properties)) throw invalidArgType('properties', 'an instance of Array', properties);
    if (data === null || typeof data !== 'object') return this.log(data);
    this.log(renderTable(data, properties));
  },
};
Object.assign(Console.prototype, {
  dirxml: Console.prototype.log,
  groupCollapsed: Console.prototype.group,
});
Object.defineProperty(Console.prototype, 'constructor', hidden(Console));
Object.defineProperty(Console, 'formatTime', hidden(formatTime));

// Node's table layout: one row per entry, a column per property seen (or the ones asked
// for), a Values column for primitive entries; Maps and Sets by iteration index.
function renderTable(data, properties) {
  const inspectCell = (value) => inspect(value, {
    depth: value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 2 ? -1 : 0,
    maxArrayLength: 3, breakLength: Infinity, colors: false,
  });
  const rows = [];
  const columns = [];
  let hasValues = false;
  let indexHeader = '(index)';
  let keyColumn = false;
  let entries;
  // A Map or Set iterator is shown by what it has left, without being advanced.
  const kind = utilBinding.kind(data);
  const [iterated, isKeyValue] = kind === 'mapiterator' || kind === 'setiterator' ? utilBinding.previewEntries(data) : [];
  const listed = data instanceof Map || data instanceof Set || iterated !== undefined;
  if (data instanceof Map) {
    indexHeader = '(iteration index)';
    keyColumn = true;
    entries = [...data].map(([key, value], i) => [String(i), value, key]);
  } else if (isKeyValue) {
    indexHeader = '(iteration index)';
    keyColumn = true;
    entries = [];
    for (let i = 0; i < iterated.length; i += 2) entries.push([String(i / 2), iterated[i + 1], iterated[i]]);
  } else if (listed) {
    indexHeader = '(iteration index)';
    entries = [...(iterated ?? data)].map((value, i) => [String(i), value]);
  } else {
    entries = Object.keys(data).map((key) => [key, data[key]]);
  }
  for (const [index, value, key] of entries) {
    const row = { index, cells: new Map() };
    if (keyColumn) row.key = inspectCell(key);
    const isRecord = !listed && value !== null && (typeof value === 'object' || typeof value === 'function');
    if (isRecord) {
      for (const column of properties ?? Object.keys(value)) {
        if (!columns.includes(column)) columns.push(column);
        if (Object.prototype.hasOwnProperty.call(value, column)) row.cells.set(column, inspectCell(value[column]));
      }
    } else if (listed || !properties) {
      hasValues = true;
      row.value = inspectCell(value);
    }
    rows.push(row);
  }
  // Maps and Sets list their values whatever properties are asked for.
  if (listed) hasValues = true;
  else if (properties) for (const column of properties) if (!columns.includes(column)) columns.push(column);
  const header = [indexHeader, ...(keyColumn ? ['Key'] : []), ...columns, ...(hasValues ? ['Values'] : [])];
  const table = rows.map((row) => [
    row.index, ...(keyColumn ? [row.key] : []), ...columns.map((column) => row.cells.get(column) ?? ''), ...(hasValues ? [row.value ?? ''] : []),
  ]);
  const width = (text) => require('internal/readline').getStringWidth?.(text) ?? text.length;
  const widths = header.map((title, i) => Math.max(width(title), ...table.map((row) => width(row[i]))) + 2);
  const cell = (text, i) => ` ${text}${' '.repeat(widths[i] - width(text) - 1)}`;
  const rule = (left, middle, right) => left + widths.map((w) => '─'.repeat(w)).join(middle) + right;
  const lines = [rule('┌', '┬', '┐'), `│${header.map(cell).join('│')}│`, rule('├', '┼', '┤')];
  for (const row of table) lines.push(`│${row.map(cell).join('│')}│`);
  lines.push(rule('└', '┴', '┘'));
  return lines.join('\n');
}

// The global console: a Console (by `instanceof`) writing to process.stdout and
// process.stderr, each looked up when first written to (before that, the streams need not
// exist); assigning `_stdout` or `_stderr` redirects it.
const globalConsole = { __proto__: {} };
let globalStdout;
let globalStderr;
Object.defineProperties(globalConsole, {
  _stdout: {
    get: () => (globalStdout ??= process.stdout),
    set: (stream) => { globalStdout = stream; },
    enumerable: false,
    configurable: true,
  },
  _stderr: {
    get: () => (globalStderr ??= process.stderr),
    set: (stream) => { globalStderr = stream; },
    enumerable: false,
    configurable: true,
  },
});
initializeConsole(globalConsole, { ignoreErrors: true, colorMode: 'auto', inspectOptions: undefined, groupIndentation: 2 });
// Node's legacy `console.Console`: a plain (enumerable) property, listed after the methods.
globalConsole.Console = Console;
Object.defineProperty(globalConsole, Symbol.toStringTag, { value: 'console', writable: false, enumerable: false, configurable: true });

module.exports = globalConsole;
