// Binary data and other value kinds through #[napi] (addons/bytes): Buffers, ArrayBuffers
// and typed arrays read and written in place or made in Rust, BigInts, symbols, externals
// (type-checked), JS callbacks (their exceptions propagate) and Either.
const assert = require('assert');
const { addon, addonPath, log } = require('../../common');
const bytes = addon('bytes');

const data = Buffer.from('hello');
log(bytes.checksum(data), bytes.checksum(Buffer.alloc(0)));
const same = bytes.xorInPlace(data, 1);
log(same === data, data.toString());
const repeated = bytes.repeatByte(65, 4);
log(Buffer.isBuffer(repeated), repeated.toString(), bytes.repeatByte(1, 0).length);
const counting = bytes.countingArraybuffer(5);
log(counting instanceof ArrayBuffer, [...new Uint8Array(counting)], bytes.arraybufferSum(counting));
const values = new Float64Array([1, 2, 3]);
bytes.scale(values, 1.5);
log(values, bytes.squares(4), bytes.squares(0));
log(bytes.maxByte(new Uint8Array([3, 9, 2])), bytes.maxByte(new Uint8Array(0)));
log(bytes.addBig(2n ** 100n, -5n), bytes.powerOfTwo(130) === 2n ** 130n, bytes.nextU64(2n ** 64n - 2n));
const symbol = bytes.makeSymbol('tag');
log(typeof symbol, symbol.description, bytes.makeSymbol().description);
const tally = bytes.createTally();
bytes.addToTally(tally, 2);
log(typeof tally, bytes.addToTally(tally, 3.5));
const seen = [];
log(bytes.each(3, 'x', (index, label) => { seen.push(label + index); return index * 10; }), seen);
log(bytes.double(21), bytes.double('ab'));
const calls = [];
log(bytes.forEachValue([3, 1, 2], (...args) => { calls.push(args); return 'ignored'; }), calls);
log(bytes.callWithNothing((...args) => args.length));
log(bytes.withWordCounts('a,b,,a', ',', (counts, words) => `${JSON.stringify(Object.entries(counts).sort())} ${JSON.stringify(words)}`));
log(bytes.withWordCounts('x', ',', (counts) => counts.x));

// The generated declarations (index.d.ts beside the .node).
const declarations = require('fs').readFileSync(require('path').join(require('path').dirname(addonPath('bytes')), 'index.d.ts'), 'utf8');
for (const line of declarations.split('\n')) {
  if (/ExternalObject|forEachValue|callWithNothing|withWordCounts|function each/.test(line)) log(line);
}

const failures = {
  notBuffer: () => bytes.checksum('hello'),
  uint8ForBuffer: () => bytes.checksum(new Uint8Array(2)),
  wrongTypedArray: () => bytes.scale(new Float32Array(2), 2),
  notArrayBuffer: () => bytes.arraybufferSum(new Uint8Array(2)),
  numberForBigInt: () => bytes.addBig(1, 2),
  overflow: () => bytes.addBig(2n ** 126n, 2n ** 126n),
  tooBigForI128: () => bytes.addBig(2n ** 200n, 1n),
  negativeU64: () => bytes.nextU64(-1n),
  notExternal: () => bytes.addToTally({}, 1),
  callbackThrows: () => bytes.each(2, 'y', () => { throw new RangeError('from callback'); }),
  callbackReturnsString: () => bytes.each(1, 'z', () => 'nope'),
  neither: () => bytes.double(true),
  singleCallbackThrows: () => bytes.forEachValue([1], (value) => { throw new TypeError(`bad ${value}`); }),
  callbackReturnsBoolean: () => bytes.withWordCounts('a', ',', () => true),
};
for (const [name, fail] of Object.entries(failures)) {
  try {
    log(name, 'returned', fail());
  } catch (error) {
    log(name, error.constructor.name, error.code, error.message);
  }
}
