'use strict';
// --cpu-prof and its options, --diagnostic-dir, --heapsnapshot-signal,
// --heapsnapshot-near-heap-limit (and v8.setHeapSnapshotNearHeapLimit), NODE_V8_COVERAGE's
// counts and source-map-cache: the files' names and shapes, node's messages and exit codes.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const v8 = require('v8');
const { run, cleanEnv } = require('../../fixtures/cli/run.js');

const env = cleanEnv();
const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cli-profilers-')));
const names = (dir) => fs.readdirSync(dir).map((name) => name.replace(/\d{8}\.\d{6}\.\d+/, 'STAMP')).sort();
const spawn = (args, options) => {
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', env, ...options });
  result.stderr = result.stderr.replaceAll(root, 'ROOT').replaceAll(String(result.pid), 'PID');
  return result;
};
const fib = 'function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\nfib(27);\n';

// Options that need their profiler, a negative snapshot count, a signal that is none.
for (const args of [
  ['--cpu-prof-name', 'a', '--cpu-prof-dir', 'b', '--cpu-prof-interval', '7', '-e', '0'],
  ['--heap-prof-name=a', '--cpu-prof-name=b', '--heapsnapshot-near-heap-limit=-1', '--cpu-prof-interval=4', '-e', '0'],
  ['--cpu-prof-interval=1000', '--cpu-prof-name=', '-e', '0'], ['--cpu-prof-interval=1000', '-p', '"ran"'],
  ['--heapsnapshot-near-heap-limit= -3', '-e', '0'], ['--heapsnapshot-near-heap-limit=x', '-p', '"ran"'],
  ['--diagnostic-dir', '-e', '0'], ['--heapsnapshot-signal=', '-e', '0'],
  ['--heapsnapshot-signal=SIGNOPE', '-e', '0'], ['--heapsnapshot-signal=sigusr2', '-e', '0'],
]) {
  run(args, { env });
}
console.log(['--cpu-prof', '--cpu-prof-dir', '--cpu-prof-interval', '--cpu-prof-name', '--diagnostic-dir',
  '--heapsnapshot-near-heap-limit', '--heapsnapshot-signal'].map((name) => process.allowedNodeEnvironmentFlags.has(name)));

// A CPU profile: the profiler's JSON as the inspector gives it, the script's function in it.
{
  const cwd = fs.mkdtempSync(path.join(root, 'cpu-'));
  fs.writeFileSync(path.join(cwd, 'fib.js'), fib);
  const { status } = spawn(['--cpu-prof', '--cpu-prof-interval', '50', 'fib.js'], { cwd });
  const files = names(cwd);
  console.log(status, files);
  const profile = JSON.parse(fs.readFileSync(path.join(cwd, fs.readdirSync(cwd).find((name) => name.startsWith('CPU.')))));
  console.log(Object.keys(profile), Object.keys(profile.nodes[0]), Object.keys(profile.nodes[0].callFrame));
  console.log(profile.nodes[0].callFrame, profile.samples.length === profile.timeDeltas.length, profile.startTime < profile.endTime);
  const frames = profile.nodes.filter((node) => node.callFrame.url.endsWith('/fib.js'));
  console.log(frames.some((node) => node.callFrame.functionName === 'fib'), typeof frames[0].callFrame.scriptId,
    frames.every((node) => node.callFrame.url === `file://${cwd}/fib.js`));
}

// Names and directories: ${pid} in a CPU profile's name, --diagnostic-dir under the -dir
// options and beside them, the sequence shared with heap profiles and snapshots.
{
  const cwd = fs.mkdtempSync(path.join(root, 'names-'));
  const { pid } = spawn(['--cpu-prof', '--cpu-prof-name', 'P.${pid}.${pid}.cpuprofile', '-e', '0'], { cwd });
  console.log(names(cwd).map((name) => name.replaceAll(String(pid), 'PID')));
  const diagnostic = fs.mkdtempSync(path.join(root, 'diagnostic-'));
  const program = 'require("v8").writeHeapSnapshot(); new (require("worker_threads").Worker)("0", { eval: true })';
  console.log(spawn(['--diagnostic-dir', 'diag', '--cpu-prof', '--heap-prof', '-e', program], { cwd: diagnostic }).status);
  console.log(names(diagnostic), names(path.join(diagnostic, 'diag')));
  const both = fs.mkdtempSync(path.join(root, 'both-'));
  spawn(['--diagnostic-dir', 'diag', '--cpu-prof', '--cpu-prof-dir', 'cpu', '-e', '0'], { cwd: both });
  console.log(names(both), names(path.join(both, 'cpu')));
}

// Written at process.exit() and before a self-signal, by workers given --cpu-prof, from the
// cwd at exit for a relative directory; failures reported as node reports them.
{
  const cwd = fs.mkdtempSync(path.join(root, 'exit-'));
  fs.mkdirSync(path.join(cwd, 'later'));
  console.log(spawn(['--cpu-prof', '--cpu-prof-dir', 'out', '-e', 'process.chdir("later"); process.exit(3)'], { cwd }).status);
  console.log(names(path.join(cwd, 'later', 'out')));
  const killed = fs.mkdtempSync(path.join(root, 'kill-'));
  console.log(spawn(['--cpu-prof', '-e', 'process.kill(process.pid, "SIGTERM")'], { cwd: killed }).signal, names(killed));
  const worker = fs.mkdtempSync(path.join(root, 'worker-'));
  const program = 'new (require("worker_threads").Worker)("0", { eval: true, execArgv: ["--cpu-prof", "--cpu-prof-name", "w.json"] })';
  console.log(spawn(['-e', program], { cwd: worker }).status, names(worker));
  fs.writeFileSync(path.join(cwd, 'file'), '');
  for (const args of [['--cpu-prof-dir', 'file/sub'], ['--cpu-prof-name', `${cwd}/x.cpuprofile`], ['--cpu-prof-name', 'no/such']]) {
    const { status, stderr } = spawn(['--cpu-prof', ...args, '-e', '0'], { cwd });
    console.log(status, stderr.replaceAll(cwd.replace(root, 'ROOT'), 'CWD'));
  }
  const heap = spawn(['--heap-prof', '--heap-prof-dir', 'file/sub', '-e', '0'], { cwd });
  console.log(heap.status, heap.stderr);
}

// A heap snapshot per signal, in --diagnostic-dir when given (which must exist).
{
  const cwd = fs.mkdtempSync(path.join(root, 'signal-'));
  fs.mkdirSync(path.join(cwd, 'snaps'));
  // The second signal is sent once the first has been handled.
  const program = `
    let signals = 0;
    process.on('SIGUSR2', () => {
      if (++signals === 1) setImmediate(() => process.kill(process.pid, 'SIGUSR2'));
    });
    process.kill(process.pid, 'SIGUSR2');
    const wait = setInterval(() => signals === 2 && clearInterval(wait), 10);`;
  console.log(spawn(['--heapsnapshot-signal=SIGUSR2', '-e', program], { cwd }).status, names(cwd));
  console.log(spawn(['--diagnostic-dir=snaps', '--heapsnapshot-signal=SIGUSR2', '-e', program], { cwd }).status, names(path.join(cwd, 'snaps')));
  const missing = spawn(['--diagnostic-dir=none', '--heapsnapshot-signal=SIGUSR2', '-e', program], { cwd });
  console.log(missing.status, /Error: ENOENT: no such file or directory, open 'none\/Heap\.\d{8}\.\d{6}\.PID\.0\.001\.heapsnapshot'/.test(missing.stderr));
  const snapshot = JSON.parse(fs.readFileSync(path.join(cwd, fs.readdirSync(cwd).find((name) => name.endsWith('.heapsnapshot')))));
  console.log(Object.keys(snapshot).slice(0, 3));
}

// v8.setHeapSnapshotNearHeapLimit's checks and what it returns (the snapshots
// themselves are node's test-heapsnapshot-near-heap-limit-*: node itself dies of the heap
// limit now and then when its callback nests).
{
  const cwd = fs.mkdtempSync(path.join(root, 'limit-'));
  for (const limit of [-1, '', {}, NaN, 1.5, 2 ** 32]) {
    try {
      v8.setHeapSnapshotNearHeapLimit(limit);
    } catch (error) {
      console.log(error.name, error.code, error.message);
    }
  }
  const twice = 'const v8 = require("v8"); console.log(v8.setHeapSnapshotNearHeapLimit(1), v8.setHeapSnapshotNearHeapLimit(2))';
  console.log(spawn(['-e', twice], { cwd }).stdout);
}

// Coverage: each function's call counts and blocks, and the source maps read beside it.
{
  const cwd = fs.mkdtempSync(path.join(root, 'coverage-'));
  fs.writeFileSync(path.join(cwd, 'main.js'), [
    'function used(n) {', '  if (n > 2) return "big";', '  return "small";', '}',
    'function unused() { return 42; }', 'for (let i = 0; i < 5; i++) used(i);', 'require("./mapped.js");',
    'import("./mapped.mjs");', '',
  ].join('\n'));
  fs.writeFileSync(path.join(cwd, 'mapped.js.map'), JSON.stringify({ version: 3, sources: ['mapped.ts'], names: [], mappings: 'AAAA' }));
  fs.writeFileSync(path.join(cwd, 'mapped.js'), 'exports.x = 1;\n//# sourceMappingURL=mapped.js.map\n');
  fs.writeFileSync(path.join(cwd, 'mapped.mjs'), `export const y = 2;\n//# sourceMappingURL=file://${cwd}/mapped.js.map\n`);
  spawn(['main.js'], { cwd, env: { ...env, NODE_V8_COVERAGE: 'cov' } });
  const [file] = fs.readdirSync(path.join(cwd, 'cov'));
  const coverage = JSON.parse(fs.readFileSync(path.join(cwd, 'cov', file)));
  console.log(Object.keys(coverage));
  const main = coverage.result.find((script) => script.url === `file://${cwd}/main.js`);
  for (const { functionName, isBlockCoverage, ranges } of main.functions) {
    console.log(JSON.stringify(functionName), isBlockCoverage, ranges.map(({ startOffset, endOffset, count }) => `${startOffset}-${endOffset}:${count}`));
  }
  console.log(JSON.stringify(coverage['source-map-cache']).replaceAll(cwd, 'CWD'));
}

fs.rmSync(root, { recursive: true, force: true });
