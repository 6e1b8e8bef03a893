// util.inspect where node's output depends on less common rules: prototype accessors under
// showHidden (getters run on the instance), URLs without custom inspection, boxed values with
// their valueOf gone, AssertionError's own inspection, formatWithOptions' checks, and
// isDeepStrictEqual's skipPrototype.
const util = require('util');
const assert = require('assert');

class Point {
  constructor() {
    this._x = 3;
  }

  get x() {
    return this._x;
  }

  static make() {
    return new Point();
  }
}
console.log(util.inspect(new Point(), { showHidden: true, getters: true }));
console.log(util.inspect(new Point(), { showHidden: true }));
console.log(util.inspect(new URL('http://foo/a?b#c'), { customInspect: false }));
const tagged = new URL('http://foo');
tagged.extra = 1;
console.log(util.inspect(tagged, { customInspect: false }));
const boxed = new String('ab');
boxed.valueOf = undefined;
console.log(util.inspect(boxed));
console.log(util.formatWithOptions({ colors: true, compact: 3 }, '%s', [1, { a: true }]));
for (const bad of [null, 5, 'x']) {
  try {
    util.formatWithOptions(bad, 'x');
  } catch (err) {
    console.log(err.code, err.message);
  }
}
try {
  assert.strictEqual('A'.repeat(2000), 'B');
} catch (err) {
  const shown = util.inspect(err);
  console.log(shown.includes(`actual: '${'A'.repeat(1488)}...'`), shown.includes("expected: 'B'"));
}
function First(v) { this.v = v; }
function Second(v) { this.v = v; }
console.log(util.isDeepStrictEqual(new First(1), new Second(1)), util.isDeepStrictEqual(new First(1), new Second(1), true));
console.log(Object.prototype.toString.call(globalThis), Object.prototype.toString.call(process));
console.log(util.promisify(require('stream').finished).name, util.promisify(require('child_process').exec).name);
