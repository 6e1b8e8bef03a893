'use strict';
// ChildProcess.prototype.spawn with node's own options (file, args with argv[0] first,
// envPairs), options on Object.prototype ignored, the shell-with-args deprecation once, and
// the result an execFileSync error carries.
const cp = require('child_process');

process.on('warning', (warning) => console.log('warning', warning.code, warning.name));

process.env.SPAWN_SHAPE_MARK = 'inherited';
const child = new cp.ChildProcess();
child.spawn({
  file: process.execPath,
  args: ['custom-argv0', '-e', 'console.log(process.env.SPAWN_SHAPE_MARK, process.argv.length)'],
  stdio: ['ignore', 'pipe', 'inherit'],
});
console.log('spawnargs', child.spawnargs[0], child.spawnfile === process.execPath);
let out = '';
child.stdout.on('data', (chunk) => { out += chunk; });
child.on('close', (code) => {
  console.log('inherits environment:', out.trim(), code);

  const withPairs = new cp.ChildProcess();
  withPairs.spawn({
    file: process.execPath,
    args: [process.execPath, '-e', 'console.log(process.env.SPAWN_SHAPE_MARK, process.env.ONLY)'],
    envPairs: ['ONLY=this'],
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let pairsOut = '';
  withPairs.stdout.on('data', (chunk) => { pairsOut += chunk; });
  withPairs.on('close', () => {
    console.log('envPairs only:', pairsOut.trim());

    Object.prototype.cwd = '/nonexistent-directory';
    Object.prototype.shell = true;
    const tampered = cp.spawnSync(process.execPath, ['-e', 'console.log(process.cwd() === process.argv[1])', process.cwd()]);
    delete Object.prototype.cwd;
    delete Object.prototype.shell;
    console.log('prototype options ignored:', String(tampered.stdout).trim(), tampered.status);

    cp.spawnSync('echo', ['one'], { shell: true });
    cp.spawnSync('echo', ['two'], { shell: true });
    cp.spawnSync('echo', ['three'], { shell: '/bin/sh' });

    try {
      // The child stays alive after writing, so the kill for maxBuffer always lands before it could exit.
      cp.execFileSync(process.execPath, ['-e', 'console.log("x".repeat(100)); setTimeout(() => {}, 30000)'],
        { maxBuffer: 10 });
    } catch (err) {
      console.log('maxBuffer error:', err.code, err.error === err, err.status, err.signal, err.stdout.length > 10,
        Object.keys(err).join(','));
    }
  });
});
