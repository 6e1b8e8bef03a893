// The REPL over piped input (-i): results printed with util.inspect, `_` and `_error`, errors
// as "Uncaught ...", unfinished input continued on the next line, top-level await with its
// declarations kept for later lines, the dot commands, -i after -e, --input-type refused.
'use strict';
const { run, cleanEnv } = require('../../fixtures/cli/run.js');

const session = [
  '1 + 1', 'let a = 5', 'a * 2', 'x', 'throw new Error("boom")', 'throw 5', '{ a: 1 }', '_',
  'function f() {', '  return 3', '}', 'f()', '_ = 7', '_', '1 + 1', '_', '_error',
  'function g() { throw new TypeError("bad") }', 'g()', 'let 1x', '`a', 'b`', '/* c', '*/ 4', "'x\\", "y'",
  'const { b, c: [d] } = await Promise.resolve({ b: 9, c: [10] }); b + d', 'b', 'd',
  'for (var i of await Promise.resolve([1, 2])) {}', 'i', 'await new Promise((r) => setTimeout(r, 5, "slept"))',
  'class K { constructor() { this.k = 1 } }', 'new K()', '[1, 2, 3].map((n) => n * 2)', 'path.join("a", "b")',
  'typeof require("fs").readFileSync', 'module.id', '"str"', 'null', '[1, 2, { c: [1, 2, 3] }]', '.help', '.nope',
  '.break', '.editor', 'let z = (', '.break', 'z', '.exit',
].join('\n') + '\n';
const env = cleanEnv({ NODE_REPL_HISTORY: '' });
run(['-i'], { input: session, env }, ['-i', '< session']);
run(['-i', '-e', 'var preset = 41; console.log("evaluated")'], { input: 'preset + 1\n', env }, ['-i', '-e', '…', '< preset + 1']);
run(['--input-type=module', '-i'], { input: '1\n', env });
run(['-i'], { input: 'process.exitCode = 3\n.exit\n', env }, ['-i', '< exitCode = 3']);
// In strict mode an assignment to an undeclared name throws.
run(['-i'], { input: 'undeclared = 1\n', env: { ...env, NODE_REPL_MODE: 'strict' } }, ['-i', '< undeclared = 1  [NODE_REPL_MODE=strict]']);
