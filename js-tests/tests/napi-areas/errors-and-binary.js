// Error creation and throwing; array buffers, typed arrays, data views and buffers.
// Flags: --expose-gc
const { addon, withoutStacks } = require('../../common');
const areas = addon('napi_areas');
const errors = areas.errors();
for (const [key, value] of Object.entries(errors)) {
  console.log(key, value instanceof Error ? [value.constructor.name, value.message, value.code] : value);
}
const binary = areas.binary();
console.log(withoutStacks(binary));
console.log(Buffer.isBuffer(binary.bufferCopy), binary.bufferCopy.toString(), binary.externalBuffer.toString(), binary.buffer.toString());
