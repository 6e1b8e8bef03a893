'use strict';
// Runs seeds of the Node-API fuzzer (addons/napi_fuzz) and prints their transcripts:
//   run.js FIRST COUNT CALLS   seeds FIRST .. FIRST+COUNT-1
//   run.js SEED,SEED,... CALLS listed seeds
// then, once everything the runs made is unreachable and collected, how many finalizers ran.
// Needs --expose-gc.
const path = require('path');
const fuzz = require(path.join(__dirname, '..', '..', 'addons', 'napi_fuzz', 'build', 'Release', 'napi_fuzz.node'));

// Promises the runs reject are never handled; the transcripts are what is compared.
process.on('unhandledRejection', () => {});

const args = process.argv.slice(2);
let seeds, calls;
if (args[0].includes(',') || args.length === 2) {
  seeds = args[0].split(',').map(Number);
  calls = Number(args[1]);
} else {
  const [first, count] = [Number(args[0]), Number(args[1])];
  seeds = Array.from({ length: count }, (_, i) => first + i);
  calls = Number(args[2]);
}

function describe(error) {
  try {
    return String(error);
  } catch {
    return typeof error;
  }
}

(async () => {
  for (const seed of seeds) {
    // An exception a conversion left stray is thrown when run() returns (see PickResource).
    try {
      process.stdout.write(fuzz.run(seed, calls));
    } catch (error) {
      process.stdout.write(`${fuzz.lastTranscript()}run threw ${describe(error)}\n`);
    }
    // Settles what the run's promises started before the next run.
    await new Promise(setImmediate);
  }
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await new Promise(setImmediate);
  }
  const { ranTwice } = fuzz.finalizerCounts();
  console.log(`finalizers run twice: ${ranTwice}`);
})();
