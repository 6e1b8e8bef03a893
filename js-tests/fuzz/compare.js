'use strict';
// The differential Node-API fuzzer's driver: runs seeds of addons/napi_fuzz (through run.js)
// under the reference node and under other runtimes, and compares the transcripts line by
// line. For each seed that differs it prints the seed and the first call that differs.
//
//   node compare.js --runtime 'target/release/anode --stress-compaction' [--runtime ...]
//                   [--seeds FIRST-LAST] [--calls N] [--chunk N] [--jobs N] [--regressions]
//
// --regressions also runs the seeds in regression-seeds.txt (seeds that once differed). The
// environment is passed on (ANODE_V8_API_ONLY=1, NAPI_FUZZ_TRACE=1). Exits with 1 when a
// transcript differs or a run fails.
const { execFile } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..', '..');
const runScript = path.join(__dirname, 'run.js');
const reference = path.join(root, 'target', 'reference-node', 'bin', 'node');

const options = { runtimes: [], first: 0, last: 99, calls: 300, chunk: 50, jobs: 2, regressions: false };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const value = () => argv[++i];
  switch (argv[i]) {
    case '--runtime': options.runtimes.push(value()); break;
    case '--seeds': [options.first, options.last] = value().split('-').map(Number); break;
    case '--calls': options.calls = Number(value()); break;
    case '--chunk': options.chunk = Number(value()); break;
    case '--jobs': options.jobs = Number(value()); break;
    case '--regressions': options.regressions = true; break;
    default: throw new Error(`compare.js: unknown option ${argv[i]}`);
  }
}
if (options.runtimes.length === 0) options.runtimes.push(path.join(root, 'target', 'release', 'anode'));

// Work items: a range of seeds, or listed seeds with their own call counts.
const items = [];
for (let first = options.first; first <= options.last; first += options.chunk) {
  const count = Math.min(options.chunk, options.last - first + 1);
  items.push({ args: [String(first), String(count), String(options.calls)], seeds: count, calls: options.calls });
}
if (options.regressions) {
  const lines = fs.readFileSync(path.join(__dirname, 'regression-seeds.txt'), 'utf8').split('\n');
  for (const line of lines.map((l) => l.replace(/#.*/, '').trim()).filter(Boolean)) {
    const [seed, calls] = line.split(/\s+/);
    items.push({ args: [seed, calls], seeds: 1, calls: Number(calls) });
  }
}

function run(command, args) {
  const [file, ...flags] = command.split(/\s+/).filter(Boolean);
  return new Promise((resolve) => {
    execFile(file, [...flags, '--expose-gc', runScript, ...args], { maxBuffer: 1 << 30, cwd: root }, (error, stdout, stderr) => {
      resolve({ ok: !error, status: error ? (error.signal || error.code) : 0, stdout, stderr });
    });
  });
}

// Messages anode's V8 (14.x) words differently from the reference's (13.6, Node 24): the
// call behaves the same, V8's text changed. Each maps anode's transcript text to the
// reference's, with the string length the transcript prints; the count is reported.
const v8MessageChanges = [
  [/string\(\d+\) "Cannot perform (\S+) on a detached or out-of-bounds ArrayBuffer"/g,
    (operation) => `Cannot perform ${operation} on a detached ArrayBuffer`],
];
let messagesMapped = 0;
function inReferenceWording(line) {
  for (const [pattern, reference] of v8MessageChanges) {
    line = line.replace(pattern, (_, ...groups) => {
      messagesMapped++;
      const text = reference(...groups);
      return `string(${text.length}) "${text}"`;
    });
  }
  return line;
}

// A callback that runs itself until the stack overflows (a getter whose value converts
// through the same getter) runs as many times as the stack holds its frames, which differ
// between runtimes: a run of this many identical callback lines reads as one.
const recursionRun = 100;
let recursionsCollapsed = 0;

// "seed N" -> its transcript's lines, and "after the runs" -> the finalizer count printed last.
function bySeed(stdout, countCollapsed) {
  const seeds = new Map();
  let lines = null;
  const collapseRecursion = () => {
    let end = lines.length;
    while (end > 0 && lines[end - 1] === lines[lines.length - 1]) end--;
    if (lines.length - end >= recursionRun && lines[end].startsWith('  callback ')) {
      lines.splice(end, lines.length - end, `${lines[end]} (${recursionRun} times or more: until the stack overflowed)`);
      if (countCollapsed) recursionsCollapsed++;
    }
  };
  for (const line of stdout.split('\n')) {
    const match = /^seed (-?\d+)$/.exec(line);
    if (lines && lines.length && line !== lines[lines.length - 1]) collapseRecursion();
    if (match) seeds.set(`seed ${match[1]}`, (lines = []));
    else if (line.startsWith('finalizers run twice:')) seeds.set('after the runs', [line]);
    else if (lines && line !== '') lines.push(line);
  }
  if (lines && lines.length) collapseRecursion();
  return seeds;
}

let differences = 0, failures = 0, seedsRun = 0, callsRun = 0;
const reproduce = (command, item) => `NAPI_FUZZ_TRACE=1 ${command} --expose-gc js-tests/fuzz/run.js ${item.args.join(' ')}`;

async function check(item) {
  const expected = await run(reference, item.args);
  if (!expected.ok) {
    failures++;
    console.log(`reference failed (${expected.status}) on ${item.args.join(' ')}:\n${expected.stderr.slice(-2000)}`);
    return;
  }
  const want = bySeed(expected.stdout, true);
  seedsRun += item.seeds;
  callsRun += item.seeds * item.calls;
  for (const command of options.runtimes) {
    const actual = await run(command, item.args);
    const got = bySeed(actual.stdout.split('\n').map(inReferenceWording).join('\n'));
    for (const [seed, lines] of want) {
      const other = got.get(seed);
      if (!other) {
        failures++;
        console.log(`${command}: ${seed} (calls ${item.calls}) has no transcript: it ended with ${actual.status}\n` +
          `${actual.stderr.slice(-2000)}\n  reproduce: ${reproduce(command, item)}`);
        break;
      }
      const at = lines.findIndex((line, i) => line !== other[i]);
      if (at < 0 && other.length === lines.length) continue;
      differences++;
      const index = at < 0 ? lines.length : at;
      console.log(`${command}: ${seed} (calls ${item.calls}) differs at transcript line ${index + 1}:\n` +
        `  node:  ${lines[index] ?? '<end>'}\n  other: ${other[index] ?? '<end>'}\n` +
        `  before: ${lines.slice(Math.max(0, index - 3), index).join('\n          ')}\n  reproduce: ${reproduce(command, item)}`);
    }
    if (!actual.ok && got.size === want.size) {
      failures++;
      console.log(`${command}: ${item.args.join(' ')} ended with ${actual.status}\n${actual.stderr.slice(-2000)}`);
    }
  }
}

(async () => {
  const started = Date.now();
  const queue = [...items];
  await Promise.all(Array.from({ length: options.jobs }, async () => {
    while (queue.length) await check(queue.shift());
  }));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`napi fuzz: ${seedsRun} seeds, ${callsRun} calls, under ${options.runtimes.join(' | ')}: ` +
    `${differences} differing seeds, ${failures} failed runs (${seconds} s)` +
    (messagesMapped ? `; ${messagesMapped} V8 14 message texts read in V8 13.6's wording` : '') +
    (recursionsCollapsed ? `; ${recursionsCollapsed} recursions to stack overflow compared without their depth` : ''));
  process.exitCode = differences || failures ? 1 : 0;
})();
