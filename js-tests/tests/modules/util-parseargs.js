// util.parseArgs as Node 24 has it: long and short options, groups (-abc, -fVALUE),
// --opt=value, strings and booleans, multiple, defaults, negation (allowNegative),
// positionals and the `--` terminator, tokens, non-strict mode, process.argv by default,
// and node's errors (ERR_PARSE_ARGS_*, ERR_INVALID_ARG_TYPE/VALUE) for bad input and config.
const { parseArgs, inspect } = require('util');

const show = (label, config) => {
  try {
    console.log(label, inspect(parseArgs(config), { depth: 4, breakLength: 200 }));
  } catch (err) {
    console.log(label, err.name, err.code, JSON.stringify(err.message));
  }
};

const options = {
  verbose: { type: 'boolean', short: 'v' },
  color: { type: 'boolean' },
  file: { type: 'string', short: 'f' },
  include: { type: 'string', short: 'I', multiple: true },
  level: { type: 'string', default: 'info' },
  flags: { type: 'boolean', multiple: true, short: 'x', default: [false] },
};

show('basic', { args: ['-v', '--file', 'a.txt', '--level=debug', 'pos'], options, allowPositionals: true });
show('groups', { args: ['-vx', '-fout.txt', '-vIinc', '-I', 'two', '-xx'], options });
show('inline', { args: ['--file=', '--include=a=b', '-f', '-'], options, strict: false });
show('defaults', { args: [], options });
show('terminator', { args: ['-v', '--', '-f', '--x', 'y'], options, allowPositionals: true, tokens: true });
show('tokens', { args: ['-vf', 'x', '--color', 'p', '--level', 'warn'], options, allowPositionals: true, tokens: true });
show('negative', { args: ['--no-color', '--verbose', '--no-verbose'], options, allowNegative: true });
show('negative string', { args: ['--no-file'], options, allowNegative: true });
show('negative off', { args: ['--no-color'], options });
show('not strict', { args: ['--unknown', '-z', '--file', '--k=v', 'pos', '--no-x'], strict: false, allowNegative: true });
show('not strict options', { args: ['--verbose=yes', '--file'], options, strict: false });
show('proto', { args: ['--__proto__', 'x'], options: { __proto__: { type: 'string' } }, strict: false });
show('no config', undefined);
show('number config', 5);

show('unknown', { args: ['--nope'], options });
show('unknown short', { args: ['-q'], options });
show('unknown positional hint', { args: ['--nope'], options, allowPositionals: true });
show('positional', { args: ['here'], options });
show('missing value', { args: ['--file'], options });
show('missing short value', { args: ['-f'], options });
show('ambiguous long', { args: ['--file', '--verbose'], options });
show('ambiguous short', { args: ['-f', '-v'], options });
show('boolean value', { args: ['--verbose=1'], options });
show('boolean short value', { args: ['-vfile', '--color=no'], options });

show('args', { args: 'nope' });
show('strict', { args: [], strict: 'yes' });
show('allowPositionals', { args: [], allowPositionals: 1 });
show('tokens type', { args: [], tokens: null });
show('allowNegative type', { args: [], allowNegative: 'no' });
show('options type', { args: [], options: 'x' });
show('option config', { args: [], options: { a: true } });
show('option type', { args: [], options: { a: { type: 'number' } } });
show('option no type', { args: [], options: { a: {} } });
show('short long', { args: [], options: { a: { type: 'boolean', short: 'ab' } } });
show('short type', { args: [], options: { a: { type: 'boolean', short: 1 } } });
show('multiple type', { args: [], options: { a: { type: 'boolean', multiple: 'yes' } } });
show('default string', { args: [], options: { a: { type: 'string', default: true } } });
show('default boolean', { args: [], options: { a: { type: 'boolean', default: 'x' } } });
show('default strings', { args: [], options: { a: { type: 'string', multiple: true, default: ['a', 2] } } });
show('default booleans', { args: [], options: { a: { type: 'boolean', multiple: true, default: true } } });

process.argv.push('--verbose', 'rest');
show('process.argv', { options, allowPositionals: true });
