// The ArrayBuffer functions given ArrayBuffers, SharedArrayBuffers, views and others.
const { addon } = require('../../common');
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
  console.log(name.padEnd(28), node24.arrayBufferChecks(value).map(describe).join(' | '));
}
