// Node's diagnostics on the command line: how an uncaught exception is printed (non-errors,
// getters that throw, --trace-uncaught, its hint), --trace-sync-io's warnings (after the first
// tick only), --security-revert, --inspect-publish-uid's check.
'use strict';
const { run, cleanEnv } = require('../../fixtures/cli/run.js');

const env = cleanEnv();
for (const code of [
  'throw {a: 1}', 'throw 1', 'throw null', 'throw Symbol("s")', 'throw Object.assign(() => 1, {a: 1})',
  'throw {message: "m", name: "N", get stack() { throw 1 }}', 'throw {get stack() { throw 1 }, toString() { throw 2 }}',
  'const e = new Error("x"); Object.defineProperty(e, "stack", {get() { throw 1 }}); throw e',
]) {
  run(['-e', code], { env });
  run(['--trace-uncaught', '-e', code], { env });
}
run(['--trace-sync-io', '-e', 'require("fs").statSync("."); setImmediate(() => require("fs").statSync("."))'], { env });
run(['--trace-sync-io', '-e', 'setImmediate(() => require("child_process").spawnSync("true"))'], { env });
run(['--trace-sync-io', '-e', 'setImmediate(() => require("crypto").pbkdf2Sync("a", "b", 1, 8, "sha1"))'], { env });
run(['-e', 'setImmediate(() => require("fs").statSync("."))'], { env });
run(['--security-revert=CVE-2023-46809', '-p', '1'], { env });
run(['--security-revert', '-p', '1'], { env });
run(['-p', '1'], { env: cleanEnv({ NODE_OPTIONS: '--security-revert=x' }) });
run(['--inspect-publish-uid=stderr,ftp', '-p', '1'], { env });
run(['--no-extra-info-on-fatal-exception', '-p', 'process.execArgv'], { env });
