// assert's failures as node words them: ok quoting the failing call, throws/rejects and
// doesNotThrow validation, match, fail's forms, ifError, the Assert class's options, and the
// comparison rules of deepEqual/deepStrictEqual/partialDeepStrictEqual.
const assert = require('assert');
const { Assert } = assert;

function report(fn) {
  try {
    fn();
    console.log('passed');
  } catch (err) {
    console.log(err.name, err.code, err.operator, err.generatedMessage, JSON.stringify(err.message));
  }
}

report(() => assert.ok(typeof 123 === 'string'));
report(() => assert(null, undefined));
report(() => assert.strict.ok([1].length === 2 && 'x' === 1));
report(() => assert.ok());
report(() => assert
  .ok(0));
report(() => assert.throws(() => {}, TypeError));
report(() => assert.throws(() => {}, 'custom'));
report(() => assert.throws(() => {}, 'a', 'b'));
report(() => assert.throws(() => { throw new Error('boom'); }, 'boom'));
report(() => assert.throws(() => { throw new Error('boom'); }, RangeError));
report(() => assert.throws(() => { throw new Error('boom'); }, function check() { return 'no'; }));
report(() => assert.throws(() => { throw new Error('boom'); }, {}));
report(() => assert.throws(() => { throw new Error('boom'); }, { message: 'other' }));
report(() => assert.throws('not a function'));
report(() => assert.doesNotThrow(() => { throw new TypeError('wrong'); }, RangeError));
report(() => assert.doesNotThrow(() => { throw new TypeError('wrong'); }, TypeError, 'why'));
report(() => assert.match('abc', /x/));
report(() => assert.match(123, /x/));
report(() => assert.match('abc', 'abc'));
report(() => assert.doesNotMatch('abc', /b/));
report(() => assert.fail());
report(() => assert.fail('plain'));
report(() => assert.ifError(new Error('inner')));
report(() => assert.ifError('text'));
report(() => assert.strictEqual(1));
report(() => assert.partialDeepStrictEqual({ a: 1, b: 2 }, { a: 1 }));
report(() => assert.partialDeepStrictEqual([1, 2, 3, 4], [2, 4]));
report(() => assert.partialDeepStrictEqual([1, 2, 3], [3, 1]));
report(() => assert.partialDeepStrictEqual(new Set([1, 2]), new Set([3])));
report(() => assert.deepStrictEqual(new Error('a', { cause: new Error('x') }), new Error('a', { cause: new Error('y') })));
report(() => assert.deepStrictEqual(new URL('http://foo'), new URL('http://bar')));
report(() => assert.deepEqual([1, , 3], [1, undefined, 3]));
report(() => assert.deepEqual(new Map([[3, 0], [4, 0]]), new Map([[3, 0], ['3', 0]])));

const strict = new Assert();
console.log(strict.equal === strict.strictEqual, strict.deepEqual === strict.deepStrictEqual);
report(() => strict.equal(1, '1'));
const loose = new Assert({ strict: false, diff: 'full' });
report(() => loose.equal(1, '1'));
report(() => loose.strictEqual({ a: 1 }, { a: 2 }));
try {
  loose.strictEqual(1, 2);
} catch (err) {
  console.log(err.diff);
}
report(() => new Assert({ diff: 'other' }));
report(() => Assert());
function Cool(name) { this.name = name; }
function Awesome(name) { this.name = name; }
report(() => new Assert({ skipPrototype: true }).deepStrictEqual(new Cool('x'), new Awesome('x')));
report(() => assert.deepStrictEqual(new Cool('x'), new Awesome('x')));
const { strictEqual } = new Assert({ diff: 'full' });
try {
  strictEqual(1, 2);
} catch (err) {
  console.log('taken off the instance:', err.diff);
}

assert.rejects(Promise.resolve(), Error).catch((err) => console.log('rejects:', err.message));
assert.rejects(() => 'not a promise').catch((err) => console.log('rejects:', err.code, err.message));
assert.doesNotReject(Promise.reject(new Error('late'))).catch((err) => console.log('doesNotReject:', err.message));
