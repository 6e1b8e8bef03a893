// napi: 10
// The ArrayBuffer functions given ArrayBuffers, SharedArrayBuffers, views and others.
const { addon, log } = require('../../common');
const node24 = addon('napi_node24');

const describe = (outcome) => {
  if (!Array.isArray(outcome)) return outcome;
  const [status, value] = outcome;
  if (value instanceof Error) return `${status} ${value.constructor.name} ${value.code}: ${value.message}`;
  return value === undefined ? `${status}` : `${status} ${value.constructor.name}(${value.byteLength})`;
};
const values = {
  'ArrayBuffer': new ArrayBuffer(8),
  'empty ArrayBuffer': new ArrayBuffer(0),
  'resizable ArrayBuffer': new ArrayBuffer(4, { maxByteLength: 16 }),
  'SharedArrayBuffer': new SharedArrayBuffer(8),
  'growable SharedArrayBuffer': new SharedArrayBuffer(4, { maxByteLength: 16 }),
  'Uint8Array': new Uint8Array(8),
  'DataView': new DataView(new ArrayBuffer(8)),
  'number': 8,
  'object': {},
};
const detached = new ArrayBuffer(8);
structuredClone(detached, { transfer: [detached] });
values['detached ArrayBuffer'] = detached;
for (const [name, value] of Object.entries(values)) {
  log(name.padEnd(28), node24.arrayBufferChecks(value).map(describe).join(' | '));
}

// The Buffer functions given views and other values (napi_detach_arraybuffer detaches).
const others = {
  'Buffer': Buffer.from('abc'),
  'Uint16Array': new Uint16Array(2),
  'Float16Array': new Float16Array(2),
  'DataView': new DataView(new ArrayBuffer(5)),
  'ArrayBuffer': new ArrayBuffer(6),
  'SharedArrayBuffer': new SharedArrayBuffer(2),
  'wasm memory': new WebAssembly.Memory({ initial: 1 }).buffer,
  'number': 1,
};
for (const [name, value] of Object.entries(others)) {
  log(name.padEnd(28), node24.bufferChecks(value).map(describe).join(' | '));
}

// What napi_get_typedarray_info / napi_get_dataview_info report.
const shared = new SharedArrayBuffer(16);
const resizable = new ArrayBuffer(8, { maxByteLength: 32 });
const views = {
  'Uint8Array at 2': new Uint8Array(new ArrayBuffer(8), 2, 3),
  'Int16Array over shared': new Int16Array(shared, 4, 2),
  'DataView over shared': new DataView(shared, 3, 5),
  'Float16Array': new Float16Array(4),
  'length-tracking': new Uint8Array(resizable, 2),
  'BigUint64Array': new BigUint64Array(1),
  'Uint8ClampedArray': new Uint8ClampedArray(1),
  'object': {},
};
const info = (view) => {
  const [status, type, length, offset, buffer, dataOffset] = node24.viewInfo(view);
  return status !== 0 ? `${status}` : `type ${type} length ${length} offset ${offset} ${buffer.constructor.name}` +
    ` same buffer ${buffer === view.buffer} data at ${dataOffset}`;
};
for (const [name, view] of Object.entries(views)) log(name.padEnd(28), info(view));
resizable.resize(16);
log('length-tracking, resized'.padEnd(28), info(views['length-tracking']));
log('adjust external memory', node24.adjustMemory(1000), node24.adjustMemory(-5));
