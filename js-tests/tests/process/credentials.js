// The user and group id setters: argument checks, names looked up in the user and group
// databases, node's errors; the file mode creation mask.
const assert = require('assert');
const { spawnSync } = require('child_process');

const errors = [];
const attempt = (fn) => {
  try {
    fn();
    errors.push('ok');
  } catch (err) {
    errors.push(`${err.name} ${err.code} ${err.message}`);
  }
};
attempt(() => process.setuid({}));
attempt(() => process.setgid(-1));
attempt(() => process.seteuid('no-such-user-anode'));
attempt(() => process.setegid('no-such-group-anode'));
attempt(() => process.setgroups());
attempt(() => process.setgroups([1, -1]));
attempt(() => process.setgroups([null]));
attempt(() => process.setgroups([1, 'no-such-group-anode']));
attempt(() => process.initgroups('root', 'no-such-group-anode'));
attempt(() => process.initgroups({}, 0));
attempt(() => process.umask('8'));
attempt(() => process.umask(-1));
attempt(() => process.umask({}));
console.log(errors.join('\n'));

const old = process.umask('0027');
console.log(process.umask() === 0o027, process.umask(old) === 0o027, process.umask() === old);

// A child changes its own ids (as root) or is refused with EPERM (as anyone else).
const child = spawnSync(process.execPath, ['-e', `
  try {
    process.setgid('nogroup');
    process.setuid('nobody');
    console.log(process.getuid() !== 0, process.getgid() !== 0);
  } catch (err) {
    console.log(err.code === 'EPERM' || err.code === 'ERR_UNKNOWN_CREDENTIAL', true);
  }
`], { encoding: 'utf8' });
console.log(child.stdout.trim());
assert.strictEqual(typeof process.getegid(), 'number');
