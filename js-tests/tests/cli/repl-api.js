// repl.start over streams: a custom eval and writer, defineCommand, the context it evaluates
// in (a vm context of its own unless useGlobal), completion of globals, properties and
// commands, 'exit' on end of input, the module's exports.
'use strict';
const repl = require('repl');
const { PassThrough } = require('stream');

function session(options, lines, done) {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk) => { text += chunk; });
  const server = repl.start({ input, output, terminal: false, ...options });
  server.on('exit', () => done(server, text));
  for (const line of lines) input.write(`${line}\n`);
  input.end();
  return server;
}

console.log(Object.getOwnPropertyNames(repl).sort().join(' '));
console.log(typeof repl.REPL_MODE_SLOPPY, String(repl.REPL_MODE_STRICT), repl.builtinModules.includes('fs'));
console.log(repl.isValidSyntax('a +'), repl.isValidSyntax('a + 1'), repl.isValidSyntax('await x'), repl.isValidSyntax('{ a: 1 }'));
console.log(new repl.Recoverable(new Error('e')) instanceof SyntaxError);

session({ prompt: '$ ', eval: (cmd, context, file, cb) => cb(null, `[${cmd.trim()}]`), writer: (v) => `<${v}>` },
  ['hello', 'world'], (server, text) => {
    console.log(JSON.stringify(text));
    const own = session({ prompt: '# ', useGlobal: false }, ['var local = 42', 'local', 'globalThis === global', 'typeof setTimeout'], (s2, t2) => {
      console.log(JSON.stringify(t2), typeof globalThis.local);
      const third = session({ prompt: '> ' }, ['.hi there', '.help'], (s3, t3) => console.log(JSON.stringify(t3)));
      third.defineCommand('hi', { help: 'Say hello', action(name) { this.output.write(`hello ${name}\n`); this.displayPrompt(); } });
    });
    own.context.injected = 'yes';
    own.complete('inj', (err, [list, on]) => console.log('complete', list, on));
    own.complete('Math.ma', (err, [list, on]) => console.log('complete', list, on));
    own.complete('.he', (err, [list, on]) => console.log('complete', list, on));
    own.complete('require("pat', (err, [list, on]) => console.log('complete', list.filter((n) => n.includes('path')), on));
  });
