// Error creation and throwing; array buffers, typed arrays, data views and buffers.
// Flags: --expose-gc
const { addon, withoutStacks, log } = require('../../common');
const areas = addon('napi_areas');
const errors = areas.errors();
for (const [key, value] of Object.entries(errors)) {
  log(key, value instanceof Error ? [value.constructor.name, value.message, value.code] : value);
}
const binary = areas.binary();
log(withoutStacks(binary));
log(Buffer.isBuffer(binary.bufferCopy), binary.bufferCopy.toString(), binary.externalBuffer.toString(), binary.buffer.toString());
