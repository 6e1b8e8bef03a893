'use strict';
// util.inspect and util.format, producing node's output for the values programs print.

const utilBinding = binding.util();
const kind = utilBinding.kind;
// Object's functions as they were at startup: programs may replace them.
const ObjectAssign = Object.assign;
const ObjectDefineProperty = Object.defineProperty;
const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const ObjectGetOwnPropertyNames = Object.getOwnPropertyNames;
const ObjectGetOwnPropertySymbols = Object.getOwnPropertySymbols;
const ObjectGetPrototypeOf = Object.getPrototypeOf;
const ObjectHasOwn = Object.hasOwn;
const ObjectIs = Object.is;
const ObjectKeys = Object.keys;
const customInspect = Symbol.for('nodejs.util.inspect.custom');
const defaultOptions = {
  showHidden: false, depth: 2, colors: false, customInspect: true, showProxy: false, maxArrayLength: 100,
  maxStringLength: 10000, breakLength: 80, compact: 3, sorted: false, getters: false, numericSeparator: false,
};

function inspect(value, options) {
  const ctx = { ...defaultOptions, seen: [], circular: new Map(), indentationLvl: 0, currentDepth: 0, budget: {} };
  if (options !== null && typeof options === 'object') ObjectAssign(ctx, options);
  if (ctx.depth === null) ctx.depth = Infinity;
  ctx.stylize = ctx.colors ? stylizeWithColor : stylizeNoColor;
  return formatValue(ctx, value, 0, undefined);
}
inspect.custom = customInspect;
inspect.defaultOptions = defaultOptions;

// SGR codes [open, close] by name, with node's aliases as non-enumerable accessors.
inspect.colors = ObjectAssign({ __proto__: null }, {
  reset: [0, 0], bold: [1, 22], dim: [2, 22], italic: [3, 23], underline: [4, 24], blink: [5, 25],
  inverse: [7, 27], hidden: [8, 28], strikethrough: [9, 29], doubleunderline: [21, 24],
  black: [30, 39], red: [31, 39], green: [32, 39], yellow: [33, 39], blue: [34, 39], magenta: [35, 39],
  cyan: [36, 39], white: [37, 39], bgBlack: [40, 49], bgRed: [41, 49], bgGreen: [42, 49], bgYellow: [43, 49],
  bgBlue: [44, 49], bgMagenta: [45, 49], bgCyan: [46, 49], bgWhite: [47, 49], framed: [51, 54],
  overlined: [53, 55], gray: [90, 39], redBright: [91, 39], greenBright: [92, 39], yellowBright: [93, 39],
  blueBright: [94, 39], magentaBright: [95, 39], cyanBright: [96, 39], whiteBright: [97, 39],
  bgGray: [100, 49], bgRedBright: [101, 49], bgGreenBright: [102, 49], bgYellowBright: [103, 49],
  bgBlueBright: [104, 49], bgMagentaBright: [105, 49], bgCyanBright: [106, 49], bgWhiteBright: [107, 49],
});
for (const [alias, target] of [['grey', 'gray'], ['blackBright', 'gray'], ['bgGrey', 'bgGray'],
  ['bgBlackBright', 'bgGray'], ['faint', 'dim'], ['crossedout', 'strikethrough'], ['strikeThrough', 'strikethrough'],
  ['crossedOut', 'strikethrough'], ['conceal', 'hidden'], ['swapColors', 'inverse'], ['swapcolors', 'inverse'],
  ['doubleUnderline', 'doubleunderline']]) {
  ObjectDefineProperty(inspect.colors, alias, {
    get() {
      return this[target];
    },
    set(value) {
      this[target] = value;
    },
    configurable: true,
    enumerable: false,
  });
}
inspect.styles = ObjectAssign({ __proto__: null }, {
  special: 'cyan', number: 'yellow', bigint: 'yellow', boolean: 'yellow', undefined: 'grey', null: 'bold',
  string: 'green', symbol: 'green', date: 'magenta', regexp: 'red', module: 'underline',
});

function stylizeNoColor(text) {
  return text;
}

function stylizeWithColor(text, styleType) {
  const style = inspect.styles[styleType];
  if (style !== undefined) {
    const color = inspect.colors[style];
    if (color !== undefined) return `\u001b[${color[0]}m${text}\u001b[${color[1]}m`;
  }
  return text;
}

// Digits grouped by `_` (numericSeparator): thousands before the point, threes after it.
function groupInteger(text) {
  let out = '';
  let i = text.length;
  const start = text.startsWith('-') ? 1 : 0;
  for (; i >= start + 4; i -= 3) out = `_${text.slice(i - 3, i)}${out}`;
  return i === text.length ? text : `${text.slice(0, i)}${out}`;
}
function groupFraction(text) {
  let out = '';
  let i = 0;
  for (; i < text.length - 3; i += 3) out += `${text.slice(i, i + 3)}_`;
  return i === 0 ? text : `${out}${text.slice(i)}`;
}

function formatNumber(number, numericSeparator) {
  if (!numericSeparator) return ObjectIs(number, -0) ? '-0' : `${number}`;
  const integer = Math.trunc(number);
  const text = String(integer);
  if (integer === number) {
    if (!Number.isFinite(number) || text.includes('e')) return text;
    return groupInteger(text);
  }
  if (Number.isNaN(number)) return text;
  return `${groupInteger(text)}.${groupFraction(String(number).slice(text.length + 1))}`;
}

const identifier = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
// Read through the built-in methods: the object may have another (or no) prototype.
const setValues = Set.prototype.values;
const mapEntries = Map.prototype.entries;
const setSize = ObjectGetOwnPropertyDescriptor(Set.prototype, 'size').get;
const mapSize = ObjectGetOwnPropertyDescriptor(Map.prototype, 'size').get;
const escapes = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\\': '\\\\' };

function quote(str) {
  let q = "'";
  if (str.includes("'")) {
    if (!str.includes('"')) q = '"';
    else if (!str.includes('`') && !str.includes('${')) q = '`';
  }
  let out = '';
  for (const ch of str) {
    const code = ch.charCodeAt(0);
    if (ch === q) out += '\\' + ch;
    else if (escapes[ch]) out += escapes[ch];
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).toUpperCase().padStart(2, '0');
    else out += ch;
  }
  return q + out + q;
}

function formatPrimitive(value, ctx) {
  const stylize = ctx.stylize ?? stylizeNoColor;
  switch (typeof value) {
    case 'string': {
      let trailer = '';
      if (value.length > ctx.maxStringLength) {
        const remaining = value.length - ctx.maxStringLength;
        value = value.slice(0, ctx.maxStringLength);
        trailer = `... ${remaining} more character${remaining > 1 ? 's' : ''}`;
      }
      // A string too long for its line is shown a line at a time, each piece quoted on its own.
      if (ctx.compact !== true && value.length > 16 && value.length > ctx.breakLength - ctx.indentationLvl - 4) {
        return value.split(/(?<=\n)/).map((line) => stylize(quote(line), 'string'))
          .join(` +\n${' '.repeat(ctx.indentationLvl + 2)}`) + trailer;
      }
      return stylize(quote(value), 'string') + trailer;
    }
    case 'number': return stylize(formatNumber(value, ctx.numericSeparator), 'number');
    case 'bigint': return stylize(`${ctx.numericSeparator ? groupInteger(String(value)) : value}n`, 'bigint');
    case 'boolean': return stylize(`${value}`, 'boolean');
    case 'undefined': return stylize('undefined', 'undefined');
    case 'symbol': return stylize(value.toString(), 'symbol');
  }
  return stylize('null', 'null');
}

// The name of the nearest constructor on the prototype chain that the object is an
// instance of; for chains without one, V8's class name and what the first prototype is.
// The constructors the global object has (Object, Map, ...): their prototypes' properties are
// never listed as an instance's.
let builtInConstructors;
function isBuiltInConstructor(name) {
  builtInConstructors ??= new Set(ObjectGetOwnPropertyNames(globalThis).filter((key) => /^[A-Z][a-zA-Z0-9]+$/.test(key)));
  return builtInConstructors.has(name);
}

// The prototypes whose constructor node knows without reading their `constructor` (an
// accessor under --frozen-intrinsics), as node's inspect does.
const wellKnownPrototypes = new Map([
  Array, ArrayBuffer, Function, Map, Set, Object, Object.getPrototypeOf(Uint8Array), RegExp, Date, DataView,
  Error, AggregateError, RangeError, TypeError, Boolean, Number, String, Promise, WeakMap, WeakSet,
].map((ctor) => [ctor.prototype, ctor]));
const functionHasInstance = Function.prototype[Symbol.hasInstance];

// With `protoProps` (showHidden), the non-method properties of the prototypes the instance
// comes from, up to the first built-in one, are formatted into it.
function constructorName(obj, ctx, recurseTimes, protoProps) {
  let proto = obj;
  let firstProto;
  while (proto !== null && proto !== undefined) {
    const known = wellKnownPrototypes.get(proto);
    if (known !== undefined && Reflect.apply(functionHasInstance, known, [obj])) {
      if (protoProps !== undefined && firstProto !== proto) addPrototypeProperties(ctx, obj, firstProto || obj, recurseTimes, protoProps);
      return known.name;
    }
    const desc = ObjectGetOwnPropertyDescriptor(proto, 'constructor');
    if (desc !== undefined && typeof desc.value === 'function' && desc.value.name !== '' && isInstance(obj, desc.value)) {
      if (protoProps !== undefined && (firstProto !== proto || !isBuiltInConstructor(desc.value.name))) {
        addPrototypeProperties(ctx, obj, firstProto || obj, recurseTimes, protoProps);
      }
      return String(desc.value.name);
    }
    proto = ObjectGetPrototypeOf(proto);
    if (firstProto === undefined) firstProto = proto;
  }
  if (firstProto === null) return null;
  const own = utilBinding.constructorName(obj);
  if (ctx === undefined) return own;
  if (recurseTimes > ctx.depth && ctx.depth !== Infinity) return `${own} <Complex prototype>`;
  const protoName = constructorName(firstProto, ctx, recurseTimes + 1);
  if (protoName === null) {
    return `${own} <${inspect(firstProto, { ...ctx, customInspect: false, depth: -1 })}>`;
  }
  return `${own} <${protoName}>`;
}

// Up to three prototypes deep, skipping methods, keys the instance has itself, and keys a
// nearer prototype showed; getters run on the instance.
function addPrototypeProperties(ctx, main, proto, recurseTimes, output) {
  let shown = new Set();
  let keys = [];
  for (let depth = 0; depth < 3; depth++) {
    if (depth !== 0 || main === proto) {
      proto = ObjectGetPrototypeOf(proto);
      if (proto === null) return;
      const desc = ObjectGetOwnPropertyDescriptor(proto, 'constructor');
      if (desc !== undefined && typeof desc.value === 'function' && isBuiltInConstructor(desc.value.name)) return;
    }
    if (depth !== 0) keys.forEach((key) => shown.add(key));
    keys = Reflect.ownKeys(proto);
    ctx.seen.push(main);
    try {
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        if (key === 'constructor' || ObjectHasOwn(main, key) || (depth !== 0 && shown.has(key))) continue;
        const desc = ObjectGetOwnPropertyDescriptor(proto, key);
        if (typeof desc.value === 'function') continue;
        const text = formatProperty(ctx, proto, recurseTimes, key, false, desc, main);
        output.push(ctx.colors ? `\u001b[2m${text}\u001b[22m` : text);
      }
    } finally {
      ctx.seen.pop();
    }
  }
}

// The primitive in a boxed value, through its brand's own valueOf (the object's may be gone).
function boxedPrimitive(value) {
  const valueOfs = [Number.prototype.valueOf, String.prototype.valueOf, Boolean.prototype.valueOf,
    BigInt.prototype.valueOf, Symbol.prototype.valueOf];
  for (let i = 0; i < valueOfs.length; i++) {
    try {
      return valueOfs[i].call(value);
    } catch {
      // Another brand.
    }
  }
  return undefined;
}

function isURL(value) {
  return typeof URL === 'function' && isInstance(value, URL);
}

function isInstance(object, ctor) {
  try {
    return object instanceof ctor;
  } catch {
    return false;
  }
}

function prefix(name, tag, fallback, size) {
  if (name === null) {
    if (tag !== '' && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
    return `[${fallback}${size}: null prototype] `;
  }
  if (tag !== '' && name !== tag) return `${name}${size} [${tag}] `;
  return `${name}${size} `;
}

function formatValue(ctx, value, recurseTimes, typedArray) {
  if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(value, ctx);
  if (value === null) return formatPrimitive(value, ctx);
  const context = value;
  // A proxy shows its target (or, with showProxy, target and handler) without running traps.
  const proxy = utilBinding.proxyDetails(value);
  if (proxy !== undefined) {
    if (proxy[0] === null) return ctx.stylize('<Revoked Proxy>', 'special');
    if (ctx.showProxy) {
      if (recurseTimes > ctx.depth && ctx.depth !== Infinity) return ctx.stylize('Proxy [Array]', 'special');
      ctx.indentationLvl += 2;
      const parts = [formatValue(ctx, proxy[0], recurseTimes + 1), formatValue(ctx, proxy[1], recurseTimes + 1)];
      ctx.indentationLvl -= 2;
      return reduceToSingleString(ctx, parts, '', ['Proxy [', ']'], true, recurseTimes + 1);
    }
    value = proxy[0];
    if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(value, ctx);
  }
  if (ctx.customInspect) {
    const custom = value[customInspect];
    if (typeof custom === 'function' && custom !== inspect) {
      const depth = ctx.depth === Infinity ? null : ctx.depth - recurseTimes;
      const options = { ...ctx };
      ['seen', 'circular', 'indentationLvl', 'currentDepth', 'budget'].forEach((key) => delete options[key]);
      options.depth = ctx.depth === Infinity ? null : ctx.depth;
      options.stylize = ctx.stylize;
      const ret = custom.call(context, depth, options, inspect);
      if (ret !== value) {
        if (typeof ret !== 'string') return formatValue(ctx, ret, recurseTimes);
        return ret.replaceAll('\n', `\n${' '.repeat(ctx.indentationLvl)}`);
      }
    }
  }
  if (ctx.seen.includes(value)) {
    let index = ctx.circular.get(value);
    if (index === undefined) {
      index = ctx.circular.size + 1;
      ctx.circular.set(value, index);
    }
    return ctx.stylize(`[Circular *${index}]`, 'special');
  }
  return formatRaw(ctx, value, recurseTimes, typedArray);
}

// Reading an export still in its temporal dead zone throws: a module namespace's keys and
// values are read without that.
const isUninitializedExport = (err, value) => err instanceof ReferenceError && utilBinding.kind(value) === 'module';

// No array iteration (for-of, spread) on the paths values are formatted through: a program may
// have deleted the array iterator and still gets its values and errors shown (as node's).
function keysOf(value, showHidden) {
  let keys;
  try {
    keys = showHidden ? ObjectGetOwnPropertyNames(value) : ObjectKeys(value);
  } catch (err) {
    if (!isUninitializedExport(err, value)) throw err;
    keys = ObjectGetOwnPropertyNames(value);
  }
  const symbols = ObjectGetOwnPropertySymbols(value);
  symbols.forEach((sym) => {
    if (showHidden || Object.prototype.propertyIsEnumerable.call(value, sym)) keys.push(sym);
  });
  return keys;
}

function formatRaw(ctx, value, recurseTimes, typedArray) {
  const protoProps = ctx.showHidden && (recurseTimes <= ctx.depth || ctx.depth === Infinity) ? [] : undefined;
  const name = constructorName(value, ctx, recurseTimes, protoProps);
  let tag = value[Symbol.toStringTag];
  // An own tag is shown among the keys instead.
  if (typeof tag !== 'string' || (tag !== '' && (ctx.showHidden ? ObjectHasOwn(value, Symbol.toStringTag)
    : Object.prototype.propertyIsEnumerable.call(value, Symbol.toStringTag)))) {
    tag = '';
  }
  const k = kind(value);
  let keys = keysOf(value, ctx.showHidden);
  let base = '';
  let braces;
  let formatter = formatObjectEntries;
  let isArrayLike = false;
  let noIterator = true;

  if (Array.isArray(value)) {
    isArrayLike = true;
    keys = keys.filter((key) => typeof key === 'symbol' || !/^(0|[1-9][0-9]*)$/.test(key) || Number(key) >= 2 ** 32 - 1);
    const p = (name !== 'Array' || tag !== '') ? prefix(name, tag, 'Array', `(${value.length})`) : '';
    braces = [`${p}[`, ']'];
    if (value.length === 0 && keys.length === 0) return `${braces[0]}]`;
    formatter = formatArray;
  } else if (k === 'set') {
    noIterator = false;
    const size = setSize.call(value);
    const p = prefix(name, tag, 'Set', `(${size})`);
    if (size === 0 && keys.length === 0) return `${p}{}`;
    braces = [`${p}{`, '}'];
    formatter = formatSet;
  } else if (k === 'map') {
    const size = mapSize.call(value);
    const p = prefix(name, tag, 'Map', `(${size})`);
    if (size === 0 && keys.length === 0) return `${p}{}`;
    braces = [`${p}{`, '}'];
    formatter = formatMap;
  } else if (k === 'typedarray') {
    isArrayLike = true;
    keys = keys.filter((key) => typeof key === 'symbol' || !/^(0|[1-9][0-9]*)$/.test(key));
    const p = prefix(name, tag === name ? '' : tag, tag, `(${value.length})`);
    braces = [`${p}[`, ']'];
    if (value.length === 0 && keys.length === 0 && !ctx.showHidden) return `${braces[0]}]`;
    formatter = formatTypedArray;
  } else {
    noIterator = true;
  }
  if (noIterator && braces === undefined) {
    if (typeof value === 'function') {
      base = ctx.stylize(functionBase(value, name, tag), 'special');
      if (keys.length === 0) return base;
    } else if (k === 'error' || isInstance(value, Error)) {
      base = formatError(value, name, tag, ctx, keys);
      if (keys.length === 0) return base;
    } else if (k === 'regexp') {
      base = ctx.stylize(RegExp.prototype.toString.call(value), 'regexp');
      const p = prefix(name, tag, 'RegExp', '');
      if (p !== 'RegExp ') base = `${p}${base}`;
      if (keys.length === 0) return base;
    } else if (isURL(value) && !(recurseTimes > ctx.depth && ctx.depth !== Infinity)) {
      // A URL (its fields live in private state) shows as its href.
      base = value.href;
      if (keys.length === 0 && protoProps === undefined) return base;
    } else if (k === 'date') {
      base = ctx.stylize(Number.isNaN(Date.prototype.getTime.call(value)) ? 'Invalid Date' : Date.prototype.toISOString.call(value), 'date');
      const p = prefix(name, tag, 'Date', '');
      if (p !== 'Date ') base = `${p}${base}`;
      if (keys.length === 0) return base;
    } else if (k === 'promise') {
      const [state, result] = utilBinding.promiseState(value);
      braces = [`${prefix(name, tag, 'Promise', '')}{`, '}'];
      const inner = state === 0 ? ['<pending>']
        : [`${state === 2 ? '<rejected> ' : ''}${nested(ctx, result, recurseTimes)}`];
      formatter = () => inner;
    } else if (k === 'weakmap' || k === 'weakset') {
      braces = [`${prefix(name, tag, k === 'weakmap' ? 'WeakMap' : 'WeakSet', '')}{`, '}'];
      formatter = ctx.showHidden ? (k === 'weakmap' ? formatWeakMap : formatWeakSet) : () => [ctx.stylize('<items unknown>', 'special')];
    } else if (k === 'arraybuffer' || k === 'sharedarraybuffer') {
      const label = k === 'arraybuffer' ? 'ArrayBuffer' : 'SharedArrayBuffer';
      const p = prefix(name, tag, label, '');
      const byteLength = `[byteLength]: ${formatPrimitive(value.byteLength, ctx)}`;
      // Inside a typed array or DataView shown with its hidden fields, only the length.
      if (typedArray !== undefined && keys.length === 0) return `${p}{ ${byteLength} }`;
      braces = [`${p}{`, '}'];
      formatter = () => {
        if (typedArray !== undefined) return [byteLength];
        const shown = Math.min(ctx.maxArrayLength, value.byteLength);
        const bytes = Array.from(new Uint8Array(value, 0, shown), (b) => b.toString(16).padStart(2, '0'));
        const remaining = value.byteLength - shown;
        const more = remaining > 0 ? ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}` : '';
        return [`${ctx.stylize('[Uint8Contents]', 'special')}: <${bytes.join(' ')}${more}>`, byteLength];
      };
    } else if (k === 'dataview') {
      braces = [`${prefix(name, tag, 'DataView', '')}{`, '}'];
      formatter = () => [
        `[byteLength]: ${formatPrimitive(value.byteLength, ctx)}`,
        `[byteOffset]: ${formatPrimitive(value.byteOffset, ctx)}`,
        `[buffer]: ${formatValue(ctx, value.buffer, recurseTimes, undefined)}`,
      ];
    } else if (k === 'boxed') {
      const primitive = boxedPrimitive(value);
      const type = typeof primitive === 'bigint' ? 'BigInt' : typeof primitive === 'symbol' ? 'Symbol'
        : typeof primitive === 'string' ? 'String' : typeof primitive === 'number' ? 'Number' : 'Boolean';
      base = `[${type}: ${formatPrimitive(primitive, ctx)}]`;
      if (type === 'String') keys = keys.filter((key) => typeof key === 'symbol' || !/^(0|[1-9][0-9]*)$/.test(key));
      if (keys.length === 0) return base;
    } else if (k === 'external') {
      return '[External: address]';
    } else if (k === 'mapiterator' || k === 'setiterator') {
      const type = k === 'mapiterator' ? 'Map' : 'Set';
      let label = tag;
      if (label !== `${type} Iterator`) label = `${label === '' ? '' : `${label}] [`}${type} Iterator`;
      braces = [`[${label}] {`, '}'];
      formatter = () => {
        const [entries, isKeyValue] = utilBinding.previewEntries(value);
        if (isKeyValue) {
          braces[0] = braces[0].replace(/ Iterator] \{$/, ' Entries] {');
          return formatEntryPairs(ctx, entries, recurseTimes);
        }
        return formatListedValues(ctx, entries, recurseTimes);
      };
    } else if (k === 'module') {
      braces = ['[Module: null prototype] {', '}'];
    } else if (k === 'arguments') {
      braces = ['[Arguments] {', '}'];
    } else {
      if (name === 'Object' && tag === '') {
        if (keys.length === 0) return '{}';
        braces = ['{', '}'];
      } else {
        const p = prefix(name, tag, name === null ? utilBinding.constructorName(value) : 'Object', '');
        if (keys.length === 0) return `${p}{}`;
        braces = [`${p}{`, '}'];
      }
    }
  }
  if (braces === undefined) braces = ['{', '}'];

  if (recurseTimes > ctx.depth && ctx.depth !== Infinity) {
    // `[Name]`, `[Name [tag]]` when the tag differs, or the null-prototype prefix as it is.
    const label = prefix(name, tag, 'Object', '').slice(0, -1);
    return name === null ? label : `[${label}]`;
  }

  recurseTimes += 1;
  ctx.seen.push(value);
  ctx.currentDepth = recurseTimes;
  let output;
  try {
    output = formatter(ctx, value, recurseTimes);
    keys.forEach((key) => output.push(formatProperty(ctx, value, recurseTimes, key, isArrayLike)));
    if (protoProps !== undefined) protoProps.forEach((entry) => output.push(entry));
  } finally {
    ctx.seen.pop();
  }
  if (ctx.sorted) {
    // The formatted entries sort as text: all of them for objects, maps and sets, only the
    // extra keys after the items of arrays.
    const comparator = ctx.sorted === true ? undefined : ctx.sorted;
    if (!isArrayLike) output.sort(comparator);
    else if (keys.length > 1) {
      const start = output.length - keys.length;
      output.slice(start).sort(comparator).forEach((entry, i) => { output[start + i] = entry; });
    }
  }
  const reference = ctx.circular.get(value);
  if (reference !== undefined) {
    const ref = `<ref *${reference}>`;
    if (base === '') braces[0] = `${ref} ${braces[0]}`;
    else base = `${ref} ${base}`;
  }
  const result = reduceToSingleString(ctx, output, base, braces, isArrayLike, recurseTimes, value);
  // Once the text at any indentation passes 2 ** 27 characters, what is left is inspected
  // no deeper, so huge or endlessly cross-linked objects end in time and fit in a string.
  const spent = (ctx.budget[ctx.indentationLvl] ?? 0) + result.length;
  ctx.budget[ctx.indentationLvl] = spent;
  if (spent > 2 ** 27) ctx.depth = -1;
  return result;
}

function functionBase(value, name, tag) {
  const source = Function.prototype.toString.call(value);
  if (source.startsWith('class') && /^class(\s|\{)/.test(source)) {
    let base = `[class ${value.name || '(anonymous)'}`;
    const superclass = ObjectGetPrototypeOf(value);
    if (superclass && superclass.name) base += ` extends ${superclass.name}`;
    return `${base}]`;
  }
  let type = 'Function';
  const k = kind(value);
  if (k === 'generatorfunction') type = 'GeneratorFunction';
  if (k === 'asyncfunction') type = 'AsyncFunction';
  if (k === 'asyncgeneratorfunction') type = 'AsyncGeneratorFunction';
  let base = `[${type}`;
  if (name === null) base += ' (null prototype)';
  base += value.name === '' ? ' (anonymous)' : `: ${value.name}`;
  base += ']';
  if (name !== type && name !== null) base += ` ${name}`;
  if (tag !== '' && name !== tag) base += ` [${tag}]`;
  return base;
}

// An inspect option of assert's diffs: errors show as `[Name: message]`, their stacks (which
// differ between any two errors) left out.
const kErrorsWithoutStack = Symbol('kErrorsWithoutStack');

function errorStackString(ctx, err) {
  if (ctx[kErrorsWithoutStack]) return Error.prototype.toString.call(err);
  if (err.stack) return typeof err.stack === 'string' ? err.stack : formatValue(ctx, err.stack, 0);
  return Error.prototype.toString.call(err);
}

// An error prints as its stack: `Name [name]: message` when the constructor and the name
// differ, bracketed when there are no frames, frames shared with its cause's stack
// folded; keys the stack already shows are left out unless showHidden.
function formatError(err, name, tag, ctx, keys) {
  const errName = err.name != null ? String(err.name) : 'Error';
  let stack = errorStackString(ctx, err);
  if (!ctx.showHidden && keys.length !== 0) {
    ['name', 'message', 'stack'].forEach((key) => {
      const index = keys.indexOf(key);
      if (index !== -1 && (typeof err[key] !== 'string' || stack.includes(err[key]))) keys.splice(index, 1);
    });
  }
  if ('cause' in err && !keys.includes('cause')) keys.push('cause');
  if (Array.isArray(err.errors) && !keys.includes('errors')) keys.push('errors');
  stack = improveErrorStack(stack, name, errName, tag);
  let pos = (err.message && stack.indexOf(err.message)) || -1;
  if (pos !== -1) pos += err.message.length;
  const framesStart = stack.indexOf('\n    at', pos);
  if (framesStart === -1) {
    stack = `[${stack}]`;
  } else {
    const frames = stack.slice(framesStart + 1).split('\n');
    foldCauseFrames(ctx, err, frames);
    stack = `${stack.slice(0, framesStart)}\n${frames.join('\n')}`;
  }
  if (ctx.indentationLvl !== 0) stack = stack.replaceAll('\n', `\n${' '.repeat(ctx.indentationLvl)}`);
  return stack;
}

// Only stacks that look like an ordinary error's are rewritten.
function improveErrorStack(stack, name, errName, tag) {
  let length = errName.length;
  if (name !== null && !(errName.endsWith('Error') && stack.startsWith(errName) &&
    (stack.length === length || stack[length] === ':' || stack[length] === '\n'))) {
    return stack;
  }
  let fallback = 'Error';
  if (name === null) {
    const start = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n\s+at)/.exec(stack) || /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
    fallback = start?.[1] || '';
    length = fallback.length;
    fallback ||= 'Error';
  }
  const label = prefix(name, tag, fallback, '').slice(0, -1);
  if (errName !== label) {
    if (label.includes(errName)) {
      stack = length === 0 ? `${label}: ${stack}` : `${label}${stack.slice(length)}`;
    } else {
      stack = `${label} [${errName}]${stack.slice(length)}`;
    }
  }
  return stack;
}

// Frames the error shares with its cause's stack become `... N lines matching cause stack trace ...`.
function foldCauseFrames(ctx, err, frames) {
  let cause;
  try {
    ({ cause } = err);
  } catch {
    return;
  }
  if (cause === null || cause === undefined || (kind(cause) !== 'error' && !isInstance(cause, Error))) return;
  const causeStack = errorStackString(ctx, cause);
  const causeStart = causeStack.indexOf('\n    at');
  if (causeStart === -1) return;
  const causeFrames = causeStack.slice(causeStart + 1).split('\n');
  for (let i = 0; i < frames.length - 3; i++) {
    const at = causeFrames.indexOf(frames[i]);
    if (at === -1) continue;
    const rest = causeFrames.length - at;
    if (rest <= 3) continue;
    let length = 1;
    const most = Math.min(frames.length - i, rest);
    while (most > length && frames[i + length] === causeFrames[at + length]) length++;
    if (length > 3) {
      const skipped = length - 2;
      frames.splice(i + 1, skipped, ctx.stylize(`    ... ${skipped} lines matching cause stack trace ...`, 'undefined'));
      return;
    }
  }
}

function nested(ctx, value, recurseTimes) {
  ctx.indentationLvl += 2;
  const out = formatValue(ctx, value, recurseTimes);
  ctx.indentationLvl -= 2;
  return out;
}

function formatObjectEntries() {
  return [];
}

function formatArray(ctx, value, recurseTimes) {
  const output = [];
  const length = Math.min(value.length, ctx.maxArrayLength);
  let holes = 0;
  const flushHoles = () => {
    if (holes > 0) output.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`);
    holes = 0;
  };
  for (let i = 0; i < length; i++) {
    if (!Object.prototype.hasOwnProperty.call(value, i)) {
      holes++;
      continue;
    }
    flushHoles();
    output.push(formatProperty(ctx, value, recurseTimes, i, true));
  }
  flushHoles();
  if (value.length > length) {
    const remaining = value.length - length;
    output.push(`... ${remaining} more item${remaining > 1 ? 's' : ''}`);
  }
  return output;
}

function formatTypedArray(ctx, value, recurseTimes) {
  const length = Math.min(value.length, ctx.maxArrayLength);
  const output = [];
  for (let i = 0; i < length; i++) output.push(formatPrimitive(value[i], ctx));
  if (value.length > length) {
    const remaining = value.length - length;
    output.push(`... ${remaining} more item${remaining > 1 ? 's' : ''}`);
  }
  if (ctx.showHidden) {
    ctx.indentationLvl += 2;
    ['BYTES_PER_ELEMENT', 'length', 'byteLength', 'byteOffset', 'buffer'].forEach((key) => {
      output.push(`[${key}]: ${formatValue(ctx, value[key], recurseTimes, true)}`);
    });
    ctx.indentationLvl -= 2;
  }
  return output;
}

// `[ key, value ]` pairs of a map iterator's preview, as `[Map Entries]` shows them.
function formatEntryPairs(ctx, entries, recurseTimes) {
  const pairs = entries.length / 2;
  const shown = Math.min(pairs, ctx.maxArrayLength);
  const output = [];
  ctx.indentationLvl += 2;
  for (let i = 0; i < shown; i++) {
    const pair = [formatValue(ctx, entries[i * 2], recurseTimes), formatValue(ctx, entries[i * 2 + 1], recurseTimes)];
    output.push(reduceToSingleString(ctx, pair, '', ['[', ']'], true, recurseTimes));
  }
  ctx.indentationLvl -= 2;
  if (pairs > shown) output.push(`... ${pairs - shown} more item${pairs - shown > 1 ? 's' : ''}`);
  return output;
}

function formatListedValues(ctx, entries, recurseTimes) {
  const shown = Math.min(entries.length, ctx.maxArrayLength);
  const output = [];
  ctx.indentationLvl += 2;
  for (let i = 0; i < shown; i++) output.push(formatValue(ctx, entries[i], recurseTimes));
  ctx.indentationLvl -= 2;
  if (entries.length > shown) {
    output.push(`... ${entries.length - shown} more item${entries.length - shown > 1 ? 's' : ''}`);
  }
  return output;
}

function formatWeakSet(ctx, value, recurseTimes) {
  return formatListedValues(ctx, utilBinding.previewEntries(value)[0], recurseTimes);
}

function formatWeakMap(ctx, value, recurseTimes) {
  const entries = utilBinding.previewEntries(value)[0];
  const pairs = entries.length / 2;
  const shown = Math.min(pairs, ctx.maxArrayLength);
  const output = [];
  ctx.indentationLvl += 2;
  for (let i = 0; i < shown; i++) {
    output.push(`${formatValue(ctx, entries[i * 2], recurseTimes)} => ${formatValue(ctx, entries[i * 2 + 1], recurseTimes)}`);
  }
  ctx.indentationLvl -= 2;
  if (pairs > shown) output.push(`... ${pairs - shown} more item${pairs - shown > 1 ? 's' : ''}`);
  return output;
}

function formatSet(ctx, value, recurseTimes) {
  const output = [];
  ctx.indentationLvl += 2;
  for (const v of setValues.call(value)) output.push(formatValue(ctx, v, recurseTimes));
  ctx.indentationLvl -= 2;
  return output;
}

function formatMap(ctx, value, recurseTimes) {
  const output = [];
  ctx.indentationLvl += 2;
  for (const entry of mapEntries.call(value)) {
    const k = entry[0];
    const v = entry[1];
    output.push(`${formatValue(ctx, k, recurseTimes)} => ${formatValue(ctx, v, recurseTimes)}`);
  }
  ctx.indentationLvl -= 2;
  return output;
}

function formatProperty(ctx, value, recurseTimes, key, isArrayItem, givenDesc, receiver = value) {
  let desc = givenDesc;
  try {
    desc ??= ObjectGetOwnPropertyDescriptor(value, key) || { value: value[key], enumerable: true };
  } catch (err) {
    if (!isUninitializedExport(err, value)) throw err;
  }
  let str;
  if (desc === undefined) {
    str = ctx.stylize('<uninitialized>', 'special');
  } else if (desc.value !== undefined || !('get' in desc || 'set' in desc)) {
    ctx.indentationLvl += isArrayItem && typeof key === 'number' ? 2 : 2;
    str = formatValue(ctx, desc.value, recurseTimes);
    ctx.indentationLvl -= 2;
  } else if (desc.get !== undefined) {
    const label = desc.set !== undefined ? 'Getter/Setter' : 'Getter';
    const { getters, stylize } = ctx;
    if (getters === true || (getters === 'get' && desc.set === undefined) || (getters === 'set' && desc.set !== undefined)) {
      ctx.indentationLvl += 2;
      try {
        const got = desc.get.call(receiver);
        if (got === null) str = `${stylize(`[${label}:`, 'special')} ${stylize('null', 'null')}${stylize(']', 'special')}`;
        else if (typeof got === 'object') str = `${stylize(`[${label}]`, 'special')} ${formatValue(ctx, got, recurseTimes)}`;
        else str = `${stylize(`[${label}:`, 'special')} ${formatPrimitive(got, ctx)}${stylize(']', 'special')}`;
      } catch (err) {
        str = `${stylize(`[${label}:`, 'special')} <Inspection threw (${formatValue(ctx, err, recurseTimes)})>${stylize(']', 'special')}`;
      }
      ctx.indentationLvl -= 2;
    } else {
      str = stylize(`[${label}]`, 'special');
    }
  } else {
    str = desc.set !== undefined ? ctx.stylize('[Setter]', 'special') : ctx.stylize('undefined', 'undefined');
  }
  if (isArrayItem && typeof key === 'number') return str;
  let name;
  if (typeof key === 'symbol') name = ctx.stylize(key.toString(), 'symbol');
  else if (identifier.test(key)) name = key;
  else name = ctx.stylize(quote(key), 'string');
  if (desc?.enumerable === false) name = `[${name}]`;
  return `${name}: ${str}`;
}

// Node's compact=3 layout: arrays of many short items go into aligned columns; an
// object whose entries fit in breakLength, with at most `compact` levels inside it, goes on one line.
function groupArrayElements(ctx, output, value) {
  let totalLength = 0;
  let maxLength = 0;
  let outputLength = output.length;
  if (ctx.maxArrayLength < output.length) outputLength--;
  const separatorSpace = 2;
  const dataLen = [];
  for (let i = 0; i < outputLength; i++) {
    const len = displayWidth(ctx, output[i]);
    dataLen.push(len);
    totalLength += len + separatorSpace;
    if (maxLength < len) maxLength = len;
  }
  const actualMax = maxLength + separatorSpace;
  if (actualMax * 3 + ctx.indentationLvl >= ctx.breakLength ||
      !(totalLength / actualMax > 5 || maxLength <= 6)) {
    return output;
  }
  const averageBias = Math.sqrt(actualMax - totalLength / output.length);
  const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
  const columns = Math.min(
    Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
    Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
    ctx.compact * 4,
    15,
  );
  if (columns <= 1) return output;
  const columnWidths = [];
  for (let c = 0; c < columns; c++) {
    let width = 0;
    for (let j = c; j < output.length; j += columns) width = Math.max(width, dataLen[j] ?? 0);
    columnWidths.push(width + separatorSpace);
  }
  let numeric = true;
  if (value !== undefined) {
    for (let i = 0; i < output.length; i++) {
      if (typeof value[i] !== 'number' && typeof value[i] !== 'bigint') {
        numeric = false;
        break;
      }
    }
  }
  const rows = [];
  for (let i = 0; i < outputLength; i += columns) {
    const last = Math.min(i + columns, outputLength) - 1;
    let row = '';
    for (let j = i; j < last; j++) {
      const cell = `${output[j]}, `;
      // Colour codes and wide characters: pad to the width shown, not the string's length.
      const width = columnWidths[j - i] + output[j].length - dataLen[j];
      row += numeric ? cell.padStart(width) : cell.padEnd(width);
    }
    const lastWidth = columnWidths[last - i] + output[last].length - dataLen[last] - separatorSpace;
    row += numeric ? output[last].padStart(lastWidth) : output[last];
    rows.push(row);
  }
  if (ctx.maxArrayLength < output.length) rows.push(output[outputLength]);
  return rows;
}

// The columns an entry takes on the terminal (colour codes aside, wide characters as two).
function displayWidth(ctx, text) {
  return require('internal/readline').getStringWidth(text, ctx.colors);
}

function reduceToSingleString(ctx, output, base, braces, isArrayLike, recurseTimes, value) {
  const entries = output.length;
  if (isArrayLike && entries > 6) output = groupArrayElements(ctx, output, value);
  if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
    const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
    let total = output.length + start;
    let fits = total + output.length <= ctx.breakLength;
    for (let i = 0; fits && i < output.length; i++) {
      total += ctx.colors ? require('internal/readline').stripVTControlCharacters(output[i]).length : output[i].length;
      if (total > ctx.breakLength) fits = false;
    }
    if (fits && !base.includes('\n')) {
      const joined = output.join(', ');
      if (!joined.includes('\n')) {
        return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`;
      }
    }
  }
  const indentation = `\n${' '.repeat(ctx.indentationLvl)}`;
  return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ${concatenate(output, `,${indentation}  `)}${indentation}${braces[1]}`;
}

// Array.prototype.join copies every entry into one flat string; adding them up keeps V8's
// string ropes, so nesting levels do not copy the text under them again and again.
function concatenate(list, separator) {
  let text = '';
  for (let i = 0; i < list.length; i++) {
    if (i !== 0) text += separator;
    text += list[i];
  }
  return text;
}

// The global constructors (Object, Date, Error, ...): their toString is not the user's.
const builtInObjects = new Set(ObjectGetOwnPropertyNames(globalThis).filter((name) => /^[A-Z][a-zA-Z0-9]+$/.test(name)));

// Whether %s should inspect the object rather than use its own toString / Symbol.toPrimitive:
// it does when the nearest holder of either is a built-in's prototype.
function hasBuiltInToString(value) {
  const proxy = utilBinding.proxyDetails(value);
  if (proxy !== undefined) {
    if (proxy[0] === null) return true;
    value = proxy[0];
  }
  let checkToString = true;
  let checkToPrimitive = true;
  if (typeof value.toString !== 'function') {
    if (typeof value[Symbol.toPrimitive] !== 'function') return true;
    if (ObjectHasOwn(value, Symbol.toPrimitive)) return false;
    checkToString = false;
  } else if (ObjectHasOwn(value, 'toString')) {
    return false;
  } else if (typeof value[Symbol.toPrimitive] !== 'function') {
    checkToPrimitive = false;
  } else if (ObjectHasOwn(value, Symbol.toPrimitive)) {
    return false;
  }
  let holder = value;
  do {
    holder = ObjectGetPrototypeOf(holder);
    if (holder === null) return true;
  } while (!(checkToString && ObjectHasOwn(holder, 'toString')) && !(checkToPrimitive && ObjectHasOwn(holder, Symbol.toPrimitive)));
  const desc = ObjectGetOwnPropertyDescriptor(holder, 'constructor');
  return desc !== undefined && typeof desc.value === 'function' && builtInObjects.has(desc.value.name);
}

function formatWithOptions(options, ...args) {
  const first = args[0];
  let out = '';
  let a = 0;
  if (typeof first === 'string') {
    if (args.length === 1) return first;
    a = 1;
    let last = 0;
    for (let i = 0; i < first.length - 1; i++) {
      if (first.charCodeAt(i) !== 37) continue; // '%'
      const next = first[i + 1];
      if (a === args.length && next !== '%') break;
      let piece;
      switch (next) {
        case 's': {
          const arg = args[a++];
          if (typeof arg === 'bigint') piece = formatPrimitive(arg, { numericSeparator: options?.numericSeparator ?? defaultOptions.numericSeparator });
          else if (typeof arg === 'number') piece = formatPrimitive(arg, { numericSeparator: options?.numericSeparator ?? defaultOptions.numericSeparator });
          else if (typeof arg !== 'object' || arg === null || !hasBuiltInToString(arg)) piece = String(arg);
          else piece = inspect(arg, { ...options, depth: 0, colors: false, compact: 3 });
          break;
        }
        case 'j':
          try {
            piece = JSON.stringify(args[a++]);
          } catch (e) {
            if (e instanceof TypeError && /circular/i.test(e.message)) piece = '[Circular]';
            else throw e;
          }
          break;
        case 'd': {
          const arg = args[a++];
          if (typeof arg === 'bigint') piece = formatPrimitive(arg, { numericSeparator: options?.numericSeparator ?? defaultOptions.numericSeparator });
          else if (typeof arg === 'symbol') piece = 'NaN';
          else piece = formatPrimitive(Number(arg), { numericSeparator: options?.numericSeparator ?? defaultOptions.numericSeparator });
          break;
        }
        case 'i': {
          const arg = args[a++];
          if (typeof arg === 'bigint') piece = formatPrimitive(arg, { numericSeparator: options?.numericSeparator ?? defaultOptions.numericSeparator });
          else if (typeof arg === 'symbol') piece = 'NaN';
          else piece = formatPrimitive(parseInt(arg), { numericSeparator: options?.numericSeparator ?? defaultOptions.numericSeparator });
          break;
        }
        case 'f': {
          const arg = args[a++];
          piece = typeof arg === 'symbol' ? 'NaN' : formatPrimitive(parseFloat(arg), { numericSeparator: options?.numericSeparator ?? defaultOptions.numericSeparator });
          break;
        }
        case 'o':
          piece = inspect(args[a++], { ...options, showHidden: true, depth: 4 });
          break;
        case 'O':
          piece = inspect(args[a++], options);
          break;
        case 'c':
          a++;
          piece = '';
          break;
        case '%':
          out += first.slice(last, i) + '%';
          last = i + 2;
          i++;
          continue;
        default:
          continue;
      }
      out += first.slice(last, i) + piece;
      last = i + 2;
      i++;
    }
    out += first.slice(last);
  }
  for (; a < args.length; a++) {
    const arg = args[a];
    const text = typeof arg === 'string' ? arg : inspect(arg, options);
    out += (out === '' && a === 0) ? text : ` ${text}`;
  }
  return out;
}

function format(...args) {
  return Reflect.apply(formatWithOptions, undefined, [undefined].concat(args));
}

module.exports = { inspect, format, formatWithOptions, kErrorsWithoutStack };
