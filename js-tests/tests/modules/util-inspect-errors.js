// Errors as Node 24's util.inspect prints them (stack frames dropped, their count differs
// between runtimes): `Ctor [name]` labels, renamed errors, own keys beside the stack,
// showHidden keys, AggregateError's errors, causes, stackless and frameless errors, objects
// that only inherit from Error.prototype, null-prototype errors.
const util = require('util');
const clean = (text) => text.split('\n').filter((line) => !/^\s+(at |\.\.\. \d+ lines matching)/.test(line)).join('\n');
const show = (value, options) => console.log(clean(util.inspect(value, options)));

const renamed = new Error('n');
renamed.name = 'Custom';
class MyError extends Error {}
class NamedError extends Error {
  constructor(message) {
    super(message);
    this.name = 'NamedError';
  }
}
const noStack = new Error('no stack');
noStack.stack = undefined;
const textStack = new Error('text stack');
textStack.stack = 'just text';
const deleted = new Error('deleted');
delete deleted.stack;
const nullProto = new RangeError('bare');
Object.setPrototypeOf(nullProto, null);
const errors = [
  new Error('m', { cause: new TypeError('c') }),
  Object.assign(new RangeError('r'), { code: 'E_X', extra: { a: 1 } }),
  renamed, new MyError('mine'), new NamedError('named'),
  new AggregateError([new Error('a'), 1], 'agg'),
  noStack, textStack, deleted, Object.create(Error.prototype), new Error(''),
  new Error('x', { cause: 'text' }), new Error('x', { cause: undefined }), nullProto,
  Object.assign(new Error('with message key'), { message: 'with message key' }),
];
for (const err of errors) {
  show(err);
  show(err, { showHidden: true });
  show({ nested: err, list: [err] });
}
show(new Error('deep', { cause: new Error('level 1', { cause: new Error('level 2') }) }), { depth: 0 });
