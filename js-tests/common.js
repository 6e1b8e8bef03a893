'use strict';
// Shared by the tests: loads a test addon built under addons/<name>/build/Release.
const path = require('path');

exports.addon = (name) => require(path.join(__dirname, '..', 'addons', name, 'build', 'Release', `${name}.node`));
exports.addonPath = (name) => path.join(__dirname, '..', 'addons', name, 'build', 'Release', `${name}.node`);

// Replaces Error values in a result object by "Name: message [code]", so that output does
// not depend on stack frames (which differ between runtimes' internals).
exports.withoutStacks = (result) => Object.fromEntries(Object.entries(result).map(([key, value]) => [
  key,
  value instanceof Error ? `${value.name}: ${value.message}${value.code ? ` [${value.code}]` : ''}` : value,
]));

// An exception the JS engine raised itself (a proxy invariant, a BigInt conversion), not the
// test's code nor Node-API: its class without the engine's wording, which differs between V8
// and JavaScriptCore.
exports.engineError = (error) => `${error.constructor.name} (engine's message)`;

// console.log for the Node-API tests, in a notation of our own instead of the host console's:
// node, Bun and Deno format values differently (`[ 'a' ]`, `[ "a" ]`, `Module {`), and the
// Node-API matrix judges what an addon returned, not how a runtime prints it. Strings print
// as they are at the top level, quoted inside values.
exports.log = (...values) => {
  console.log(values.map((value) => (typeof value === 'string' ? value : exports.describe(value))).join(' '));
};

// Logs how a promise settles: "label resolved <value>", or "label rejected <class> <code>
// <message>" (for a rejection that is not an Error: "label rejected with <value>").
exports.logSettled = async (label, promise) => {
  try {
    exports.log(label, 'resolved', await promise);
  } catch (error) {
    if (error instanceof Error) exports.log(label, 'rejected', error.constructor.name, error.code, error.message);
    else exports.log(label, 'rejected with', error);
  }
};

const identifier = /^[A-Za-z_$][\w$]*$/;
const tag = (value) => Object.prototype.toString.call(value).slice(8, -1);

function describeKey(key) {
  if (typeof key === 'symbol') return `[${key.toString()}]`;
  return identifier.test(key) ? key : JSON.stringify(key);
}

// The own enumerable properties of an object (string keys, then symbols), `skip` left out.
function describeProperties(object, seen, skip = () => false) {
  const keys = [...Object.keys(object), ...Object.getOwnPropertySymbols(object).filter((s) => Object.prototype.propertyIsEnumerable.call(object, s))];
  return keys.filter((key) => !skip(key)).map((key) => {
    const descriptor = Object.getOwnPropertyDescriptor(object, key);
    const shown = 'value' in descriptor
      ? describe(descriptor.value, seen)
      : `[${descriptor.get ? 'Getter' : ''}${descriptor.get && descriptor.set ? '/' : ''}${descriptor.set ? 'Setter' : ''}]`;
    return `${describeKey(key)}: ${shown}`;
  });
}

function braces(prefix, items) {
  return `${prefix}{${items.length ? ` ${items.join(', ')} ` : ''}}`;
}

function describe(value, seen = []) {
  switch (typeof value) {
    case 'string': return JSON.stringify(value);
    case 'number': return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint': return `${value}n`;
    case 'symbol': return value.toString();
    case 'undefined': return 'undefined';
    case 'boolean': return String(value);
    case 'function': {
      const kind = Function.prototype.toString.call(value).startsWith('class') ? 'class' : 'Function';
      return `[${kind} ${value.name || '(anonymous)'}]`;
    }
  }
  if (value === null) return 'null';
  if (seen.includes(value)) return '[Circular]';
  seen = [...seen, value];
  const kind = tag(value);
  const prototype = Object.getPrototypeOf(value);
  const constructorName = prototype === null ? '[null prototype]' : (prototype.constructor?.name ?? '');
  if (value instanceof Error || kind === 'Error') {
    const extra = describeProperties(value, seen, (key) => key === 'stack' || key === 'message');
    return `[${value.name}: ${value.message}]${extra.length ? ` { ${extra.join(', ')} }` : ''}`;
  }
  if (Array.isArray(value)) {
    const items = [];
    for (let i = 0; i < value.length; i++) items.push(i in value ? describe(value[i], seen) : '<hole>');
    items.push(...describeProperties(value, seen, (key) => typeof key === 'string' && String(key >>> 0) === key));
    return `${constructorName === 'Array' ? '' : `${constructorName} `}[${items.join(', ')}]`;
  }
  if (ArrayBuffer.isView(value)) {
    if (kind === 'DataView') return `DataView(${value.byteOffset}, ${value.byteLength})`;
    // Indexed, not iterated: a view of a detached buffer has length 0 but cannot be iterated.
    const items = [];
    for (let i = 0; i < value.length; i++) items.push(describe(value[i]));
    return `${constructorName}(${value.length}) [${items.join(', ')}]`;
  }
  if (kind === 'ArrayBuffer' || kind === 'SharedArrayBuffer') {
    const bytes = value.byteLength === 0 ? [] : Array.from(new Uint8Array(value));
    return `${kind}(${value.byteLength})${value.detached ? ' detached' : ''} [${bytes.join(', ')}]`;
  }
  if (kind === 'Map') return braces(`Map(${value.size}) `, [...value].map(([k, v]) => `${describe(k, seen)} => ${describe(v, seen)}`));
  if (kind === 'Set') return braces(`Set(${value.size}) `, [...value].map((v) => describe(v, seen)));
  if (kind === 'Date') return `Date(${Number.isNaN(value.getTime()) ? 'Invalid' : value.toISOString()})`;
  if (kind === 'RegExp') return String(value);
  if (kind === 'Module') return braces('[Module] ', describeProperties(value, seen));
  if (['Number', 'String', 'Boolean', 'Symbol', 'BigInt'].includes(kind)) {
    return braces(`[${kind}: ${describe(value.valueOf())}] `, describeProperties(value, seen, (key) => kind === 'String' && String(key >>> 0) === key));
  }
  return braces(constructorName === 'Object' ? '' : `${constructorName} `, describeProperties(value, seen));
}
exports.describe = describe;
