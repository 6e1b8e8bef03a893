// process.execve replaces the process (no 'exit' event); its argument checks; a failed execve
// reports the error and aborts.
const { spawnSync } = require('child_process');

if (process.argv[2] === 'replaced') {
  console.log('replaced', process.env.EXECVE_MARK);
  return;
}
for (const args of [[1], ['x', ['a\0']], ['x', [], { a: 1 }], ['x', 'a']]) {
  try {
    process.execve(...args);
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
}
const replaced = spawnSync(process.execPath, ['--no-warnings', '-e', `
  process.on('exit', () => console.log('exit event'));
  process.execve(process.execPath, [process.execPath, ${JSON.stringify(__filename)}, 'replaced'], { ...process.env, EXECVE_MARK: 'yes' });
`], { encoding: 'utf8' });
console.log(replaced.stdout.trim(), replaced.status);
const failed = spawnSync(process.execPath, ['--no-warnings', '-e', 'process.execve("/no/such/program", [])'], { encoding: 'utf8' });
console.log(failed.signal, failed.stderr.includes('process.execve failed with error code ENOENT'));
