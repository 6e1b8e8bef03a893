'use strict';
// fs.read/readSync argument checks (options objects, empty buffers, integer and bigint
// positions) and the other argument errors node gives before touching the file system.
const fs = require('fs');

const fd = fs.openSync(__filename, 'r');
const nop = () => {};
const cases = {
  positionString: () => fs.read(fd, Buffer.alloc(4), 0, 4, '1', nop),
  positionBigTooLarge: () => fs.readSync(fd, Buffer.alloc(4), 0, 4, 2n ** 63n),
  positionFloat: () => fs.readSync(fd, Buffer.alloc(4), 0, 4, 1.5),
  positionBelow: () => fs.readSync(fd, Buffer.alloc(4), 0, 4, -2),
  positionBigint: () => fs.readSync(fd, Buffer.alloc(4), 0, 4, 1n),
  optionsNumber: () => fs.read(fd, 4, nop),
  emptyBuffer: () => fs.readSync(fd, Buffer.alloc(0), 0, 10, 0),
  lengthPastEnd: () => fs.readSync(fd, Buffer.alloc(4), { length: 10 }),
  bufferNull: () => fs.read(fd, { buffer: null }, nop),
  offsetPastEnd: () => fs.readSync(fd, Buffer.alloc(4), 5, 4, 0),
  noCallback: () => fs.read(fd, Buffer.alloc(4), 0, 4, 0),
  flagsRange: () => fs.openSync(__filename, 4294967296),
  modeOctal: () => fs.open(__filename, 'r', 'boom', nop),
  mkdirRecursive: () => fs.mkdir('x', { recursive: '' }, nop),
  encoding: () => fs.readFile(__filename, { encoding: 'foo-8' }, nop),
  truncateLen: () => fs.ftruncateSync(fd, ''),
  symlinkType: () => fs.symlinkSync('a', 'b', 'nope'),
  hexLength: () => fs.writeSync(fd, 'abc', 0, 'hex'),
  rmForce: () => fs.rmSync('/nonexistent-anode', { force: 1 }),
  accessMode: () => fs.accessSync(__filename, 8),
  copyMode: () => fs.copyFileSync(__filename, '/nonexistent-anode', 'x'),
  bigintStat: () => Object.entries(fs.statSync(__filename, { bigint: true })).filter(([, v]) => typeof v === 'bigint').length,
  constantsPrototype: () => Object.getPrototypeOf(fs.constants),
};
for (const [name, fn] of Object.entries(cases)) {
  try {
    console.log(name, 'ok', fn());
  } catch (err) {
    console.log(name, err.name, err.code, err.message);
  }
}
fs.closeSync(fd);
