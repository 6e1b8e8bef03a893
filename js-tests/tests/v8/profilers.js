'use strict';
// NODE_V8_COVERAGE, v8.takeCoverage()/stopCoverage(), --heap-prof's options and
// v8.startCpuProfile(): what node's own tests leave open.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const v8 = require('v8');

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'profilers-'));
const run = (args, options = {}) => {
  const { status, signal, stderr, stdout } = spawnSync(process.execPath, args, { encoding: 'utf8', ...options });
  return { status, signal, stderr: stderr.replaceAll(process.execPath, 'EXEC'), stdout };
};
const names = (dir) => fs.readdirSync(dir).map((name) => name.replace(/\d{8}\.\d{6}\.\d+/, 'STAMP')).sort();

// Options that need --heap-prof: all reported, exit code 9; the default interval is no use.
console.log(run(['--heap-prof-name', 'a', '--heap-prof-dir', 'b', '--heap-prof-interval', '7', '-e', '0']));
console.log(run(['--heap-prof-interval', '524288', '--heap-prof-name', '', '-e', 'console.log("ran")']));

// A heap profile named when started, its sequence shared with heap snapshots and workers.
{
  const cwd = fs.mkdtempSync(path.join(root, 'heap-'));
  const program = 'require("v8").writeHeapSnapshot(); new (require("worker_threads").Worker)("0", { eval: true })';
  console.log(run(['--heap-prof', '-e', program], { cwd }).status, names(cwd));
  const profile = JSON.parse(fs.readFileSync(path.join(cwd, fs.readdirSync(cwd).find((name) => name.includes('.0.001.')))));
  console.log(Object.keys(profile), Object.keys(profile.head));
}

// A relative --heap-prof-dir is taken from the cwd at exit; a name given is used as is.
{
  const cwd = fs.mkdtempSync(path.join(root, 'dir-'));
  fs.mkdirSync(path.join(cwd, 'later'));
  const program = 'process.chdir("later")';
  console.log(run(['--heap-prof', '--heap-prof-dir', 'out', '--heap-prof-name', 'x.json', '-e', program], { cwd }).status);
  console.log(names(cwd), names(path.join(cwd, 'later')), names(path.join(cwd, 'later', 'out')));
}

// A sampling interval of 0 starts nothing: node's complaint at exit, no file.
{
  const cwd = fs.mkdtempSync(path.join(root, 'zero-'));
  console.log(run(['--heap-prof', '--heap-prof-interval', 'none', '-e', '0'], { cwd }), names(cwd));
}

// Coverage: files per take and at exit, a relative directory passed on resolved, an
// explicit empty env stopping it, a self-signal writing first.
{
  const cwd = fs.mkdtempSync(path.join(root, 'cov-'));
  const program = `
    const v8 = require('v8');
    console.log(process.env.NODE_V8_COVERAGE === require('path').resolve('c'));
    v8.takeCoverage();
    require('child_process').spawnSync(process.execPath, ['-e', '0'], { env: {} });
    require('child_process').spawnSync(process.execPath, ['-e', '0'], { env: { NODE_V8_COVERAGE: '' } });
  `;
  const result = run(['-e', program], { cwd, env: { ...process.env, NODE_V8_COVERAGE: 'c' } });
  const files = fs.readdirSync(path.join(cwd, 'c'));
  console.log(result.stdout, result.status, files.length, files.every((name) => /^coverage-\d+-\d+-0\.json$/.test(name)));
  const coverage = JSON.parse(fs.readFileSync(path.join(cwd, 'c', files[0])));
  console.log(Object.keys(coverage), typeof coverage.timestamp, Object.keys(coverage.result[0]));
  const killed = run(['-e', 'process.kill(process.pid, "SIGTERM")'], { cwd, env: { ...process.env, NODE_V8_COVERAGE: 'k' } });
  console.log(killed.signal, fs.readdirSync(path.join(cwd, 'k')).length);
  const stopped = run(['-e', 'require("v8").stopCoverage(); require("v8").takeCoverage()'], { cwd, env: { ...process.env, NODE_V8_COVERAGE: 's' } });
  console.log(stopped.status, fs.existsSync(path.join(cwd, 's')));
}

// Without NODE_V8_COVERAGE both are no-ops.
console.log(v8.takeCoverage(), v8.stopCoverage());

// CPU profiles: node's JSON, one stop, `using`'s dispose.
{
  const handle = v8.startCpuProfile();
  const profile = JSON.parse(handle.stop());
  console.log(Object.keys(profile), Object.keys(profile.nodes[0]), Object.keys(profile.nodes[0].callFrame));
  console.log(typeof profile.nodes[0].callFrame.scriptId, handle.stop());
  const disposed = v8.startCpuProfile();
  disposed[Symbol.dispose]();
  console.log(disposed.stop(), v8.startCpuProfile.length, Object.getOwnPropertyNames(Object.getPrototypeOf(disposed)));
}

fs.rmSync(root, { recursive: true, force: true });
