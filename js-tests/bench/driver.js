'use strict';
// Times each benchmark case in this process and prints one JSON line per case:
// {"case": name, "ns": [ns per operation, for each repeat]}.
// Usage: <runtime> driver.js [--repeats R] [--scale S] [--case NAME] [--count]
// --count is for instruction counting: each case runs twice with the same iteration count (a
// warm-up and the measured run) and prints {"case", "iterations"} (calls made in all).
const path = require('path');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index === -1 ? fallback : args[index + 1];
};
const repeats = Number(option('repeats', 5));
const scale = Number(option('scale', 1));
const only = option('case', null);
const count = args.includes('--count');
const addonPath = path.join(__dirname, '..', '..', 'addons', 'bench', 'build', 'Release', 'bench.node');
const bench = require(addonPath);
const benchRs = require(path.join(__dirname, '..', '..', 'addons', 'bench_rs', 'build', 'Release', 'bench_rs.node'));

const ascii16 = 'abcdefghijklmnop';
const text4k = 'x'.repeat(4096);
const numbers = Array.from({ length: 1000 }, (_, i) => i);
const holder = { x: 1 };
const typed = new Float64Array(64);
const counter = new bench.Counter();
// 64 MB of bytes for the crypto cases, made when first used.
let bytes64m;
const megabytes64 = () => (bytes64m ??= Buffer.alloc(64 << 20, 0x61));
const aesKey = Buffer.alloc(32, 1);
const aesIv = Buffer.alloc(12, 2);
const counterRs = new benchRs.Counter();
// Other shapes of the same inputs, each leaving a different fast path: a cons string (what
// 'x'.repeat makes), a sliced one, a two-byte one, an external one (the addon's static text; the
// 16-byte literal of the first case is internalized); holey, double and dictionary-elements
// arrays; a dictionary-mode object; a typed array at an offset; a subclass's instances.
const cons16 = 'x'.repeat(16);
const sliced16 = 'abcdefghijklmnop'.repeat(4).slice(1, 17);
const twoByte16 = 'abcdefghijklmno\u20ac';
const external16 = bench.externalLatin1();
const holeyNumbers = new Array(1000);
for (let i = 0; i < 1000; i++) holeyNumbers[i] = i;
const doubles = numbers.map((i) => i + 0.5);
const dictionaryNumbers = numbers.slice();
Object.defineProperty(dictionaryNumbers, 0, { value: 0, enumerable: true, writable: false, configurable: true });
const dictionaryHolder = { x: 1, z: 2, y: 0 };
delete dictionaryHolder.z;
const offsetBytes = new Uint8Array(new ArrayBuffer(1024), 8, 64);
class SubCounter extends bench.Counter {}
const subCounter = new SubCounter();

// name -> [base iterations, body(iterations) -> Promise|undefined]
const cases = [
  ['empty call', 1e6, (n) => { for (let i = 0; i < n; i++) bench.empty(); }],
  ['3 numbers in, number out', 1e6, (n) => { for (let i = 0; i < n; i++) bench.add3(i, 2, 3); }],
  ['utf8 string in and out, 16 B', 5e5, (n) => { for (let i = 0; i < n; i++) bench.echoUtf8(ascii16); }],
  ['utf8 string in and out, 4 KB', 5e4, (n) => { for (let i = 0; i < n; i++) bench.echoUtf8(text4k); }],
  ['utf8 string in and out, 16 B cons', 5e5, (n) => { for (let i = 0; i < n; i++) bench.echoUtf8(cons16); }],
  ['utf8 string in and out, 16 B sliced', 5e5, (n) => { for (let i = 0; i < n; i++) bench.echoUtf8(sliced16); }],
  ['utf8 string in and out, 16 B external', 5e5, (n) => { for (let i = 0; i < n; i++) bench.echoUtf8(external16); }],
  ['utf8 string in and out, 16 B two-byte', 5e5, (n) => { for (let i = 0; i < n; i++) bench.echoUtf8(twoByte16); }],
  ['latin1 string out', 5e5, (n) => { for (let i = 0; i < n; i++) bench.latin1Out(); }],
  ['utf16 string out', 5e5, (n) => { for (let i = 0; i < n; i++) bench.utf16Out(); }],
  ['object with 10 named properties', 2e5, (n) => { for (let i = 0; i < n; i++) bench.object10(); }],
  ['get and set a named property', 5e5, (n) => { for (let i = 0; i < n; i++) bench.getSet(holder); }],
  ['array of 1000 numbers in and out', 2e3, (n) => { for (let i = 0; i < n; i++) bench.doubleArray(numbers); }],
  ['array of 1000 numbers in and out, holey', 2e3, (n) => { for (let i = 0; i < n; i++) bench.doubleArray(holeyNumbers); }],
  ['array of 1000 numbers in and out, doubles', 2e3, (n) => { for (let i = 0; i < n; i++) bench.doubleArray(doubles); }],
  ['array of 1000 numbers in and out, dictionary elements', 2e3, (n) => { for (let i = 0; i < n; i++) bench.doubleArray(dictionaryNumbers); }],
  ['get and set a named property, dictionary-mode object', 5e5, (n) => { for (let i = 0; i < n; i++) bench.getSet(dictionaryHolder); }],
  ['class instance: new + wrap', 1e5, (n) => { for (let i = 0; i < n; i++) new bench.Counter(); }],
  ['class instance: new + wrap, subclass', 1e5, (n) => { for (let i = 0; i < n; i++) new SubCounter(); }],
  ['class method call + unwrap', 1e6, (n) => { for (let i = 0; i < n; i++) counter.increment(); }],
  ['class method call + unwrap, subclass instance', 1e6, (n) => { for (let i = 0; i < n; i++) subCounter.increment(); }],
  ['external arraybuffer create + info', 1e5, (n) => { for (let i = 0; i < n; i++) bench.externalArrayBuffer(); }],
  ['typed array info', 5e5, (n) => { for (let i = 0; i < n; i++) bench.typedArrayInfo(typed); }],
  ['typed array info, Uint8Array at an offset', 5e5, (n) => { for (let i = 0; i < n; i++) bench.typedArrayInfo(offsetBytes); }],
  ['reference create + delete', 5e5, (n) => { for (let i = 0; i < n; i++) bench.reference(holder); }],
  ['throw and catch an error', 1e5, (n) => {
    for (let i = 0; i < n; i++) {
      try { bench.throwError(); } catch { /* expected */ }
    }
  }],
  ['promise create + resolve', 2e5, (n) => { for (let i = 0; i < n; i++) bench.promise(); }],
  ['threadsafe calls from 4 threads', 1e5, (n) => new Promise((resolve) => bench.tsfnThroughput(Math.max(1, Math.floor(n / 4)), resolve))],
  ['async work queue -> complete', 2e3, async (n) => {
    for (let i = 0; i < n; i++) await new Promise((resolve) => bench.asyncWork(resolve));
  }],
  // The same functions written with anode-napi's #[napi] (addons/bench_rs): "#[napi] " + the C case's name.
  ['#[napi] empty call', 1e6, (n) => { for (let i = 0; i < n; i++) benchRs.empty(); }],
  ['#[napi] 3 numbers in, number out', 1e6, (n) => { for (let i = 0; i < n; i++) benchRs.add3(i, 2, 3); }],
  ['#[napi] utf8 string in and out, 16 B', 5e5, (n) => { for (let i = 0; i < n; i++) benchRs.echoUtf8(ascii16); }],
  ['#[napi] class method call + unwrap', 1e6, (n) => { for (let i = 0; i < n; i++) counterRs.increment(); }],
  ['#[napi] class instance: new + wrap', 1e5, (n) => { for (let i = 0; i < n; i++) new benchRs.Counter(); }],
  ['crypto sha256 of 64 MB', 4, (n) => {
    for (let i = 0; i < n; i++) require('crypto').createHash('sha256').update(megabytes64()).digest();
  }],
  ['crypto AES-256-GCM encrypt of 64 MB', 4, (n) => {
    for (let i = 0; i < n; i++) {
      const cipher = require('crypto').createCipheriv('aes-256-gcm', aesKey, aesIv);
      cipher.update(megabytes64());
      cipher.final();
      cipher.getAuthTag();
    }
  }],
  ['require() of an addon', 200, (n) => {
    for (let i = 0; i < n; i++) {
      delete require.cache[addonPath];
      require(addonPath);
    }
  }],
];

async function main() {
  for (const [name, base, body] of cases) {
    if (only !== null && name !== only) continue;
    const iterations = Math.max(1, Math.round(base * scale));
    await body(count ? iterations : Math.max(1, Math.round(iterations / 10)));
    if (count) {
      await body(iterations);
      console.log(JSON.stringify({ case: name, iterations: 2 * iterations }));
      continue;
    }
    const ns = [];
    for (let r = 0; r < repeats; r++) {
      const start = process.hrtime.bigint();
      await body(iterations);
      const elapsed = Number(process.hrtime.bigint() - start);
      ns.push(elapsed / iterations);
    }
    console.log(JSON.stringify({ case: name, ns }));
  }
}
main();
