// napi_create_string_latin1/utf8/utf16: empty, one-character, short and long strings, with a
// length or NUL-terminated, UTF-16 that fits in one byte or not, invalid UTF-8, and thousands
// of strings in one callback (the young generation fills and is collected meanwhile).
const assert = require('assert');
const { addon, log } = require('../../common');
const basics = addon('napi_basics');

const LATIN1 = 0, UTF8 = 1, UTF16 = 2;
const everyByte = Buffer.from(Array.from({ length: 255 }, (_, i) => i + 1));
const cases = [
  [LATIN1, Buffer.alloc(0), ''],
  [LATIN1, Buffer.from('a', 'latin1'), 'a'],
  [LATIN1, Buffer.from('ab', 'latin1'), 'ab'],
  [LATIN1, Buffer.from('café naïve', 'latin1'), 'café naïve'],
  [LATIN1, everyByte, everyByte.toString('latin1')],
  [LATIN1, Buffer.from('ÿ'.repeat(4099), 'latin1'), 'ÿ'.repeat(4099)],
  [LATIN1, Buffer.from('a\0b', 'latin1'), 'a\0b'],
  [UTF8, Buffer.from('x'), 'x'],
  [UTF8, Buffer.from('sixteen bytes ok'), 'sixteen bytes ok'],
  [UTF8, Buffer.from('naïve €uro 😀'), 'naïve €uro 😀'],
  [UTF8, Buffer.from([0x41, 0xff, 0xc3, 0x42]), Buffer.from([0x41, 0xff, 0xc3, 0x42]).toString()],
  [UTF8, Buffer.from('z'.repeat(70000)), 'z'.repeat(70000)],
  [UTF16, Buffer.alloc(0), ''],
  [UTF16, Buffer.from('é', 'utf16le'), 'é'],
  [UTF16, Buffer.from('ab', 'utf16le'), 'ab'],
  [UTF16, Buffer.from('café ÿ', 'utf16le'), 'café ÿ'],
  [UTF16, Buffer.from('Āaaa', 'utf16le'), 'Āaaa'],
  [UTF16, Buffer.from('aaaĀ', 'utf16le'), 'aaaĀ'],
  [UTF16, Buffer.from('utf‑16 €', 'utf16le'), 'utf‑16 €'],
  [UTF16, Buffer.from('😀 x\ud800', 'utf16le'), '😀 x\ud800'],
  [UTF16, Buffer.from('b'.repeat(5000) + '€', 'utf16le'), 'b'.repeat(5000) + '€'],
  [UTF16, Buffer.from('x\0€', 'utf16le'), 'x\0€'],
];

for (const [encoding, bytes, expected] of cases) {
  const terminated = !expected.includes('\0');
  for (const autoLength of terminated ? [false, true] : [false]) {
    for (const copies of [1, 3000]) {
      if (copies > 1 && expected.length > 10000) continue;
      const [status, ...strings] = basics.makeStrings(encoding, bytes, autoLength, copies);
      const equal = strings.every((s) => s === expected);
      const label = `${['latin1', 'utf8', 'utf16'][encoding]} ${JSON.stringify(expected.slice(0, 12))} length ${expected.length}`;
      log(label, autoLength ? 'NUL-terminated' : 'with length', copies, status, strings.length, equal);
      assert.strictEqual(status, 0);
      assert.strictEqual(strings.length, copies);
      assert.ok(equal, label);
    }
  }
}

// The strings behave as any other: concatenated, used as keys, compared after a collection.
const [, key, other] = basics.makeStrings(UTF16, Buffer.from('clé €', 'utf16le'), false, 2);
const object = { [key]: 1 };
object[other] += 1;
if (global.gc) global.gc();
log(Object.keys(object), object['clé €'], key + other, key.localeCompare('clé €'));
