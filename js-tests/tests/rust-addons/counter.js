// A #[napi] struct and impl (addons/counter) as a JS class: constructor, factory, methods,
// getters and setters, static methods, instances returned from functions, a class with no
// constructor, subclassing, methods called on the wrong receiver; instance data and a
// cleanup hook set up by #[napi(module_init)] (the hook runs after the exit event).
const assert = require('assert');
const { addon, log } = require('../../common');
const { Counter, Token, issueToken, countersConstructed, reset, total } = addon('counter');
process.on('exit', () => log('exit event; counters constructed:', countersConstructed()));

const counter = new Counter(5);
assert.strictEqual(counter.increment(), 6);
assert.strictEqual(counter.increment(3), 9);
assert.strictEqual(counter.value, 9);
counter.value = 100;
assert.strictEqual(counter.value, 100);
assert.strictEqual(counter.doubled(), 200);
assert.strictEqual(counter.internal, undefined);
assert.strictEqual(new Counter().value, 0);
log(counter instanceof Counter, Counter.name, typeof Counter.prototype.increment);
log(Object.getOwnPropertyNames(Counter.prototype).sort());
// (Node 20's V8 gives API functions own 'arguments' and 'caller'; anode's newer V8 does not.)
const standard = ['length', 'name', 'prototype', 'arguments', 'caller'];
log(Object.getOwnPropertyNames(Counter).filter((name) => !standard.includes(name)).sort());
log(Object.keys(counter), Object.getOwnPropertyDescriptor(Counter.prototype, 'value').enumerable);

const stepped = Counter.withStep(10);
log(stepped instanceof Counter, stepped.stepSize, stepped.increment(2), stepped.value);
const fork = stepped.fork();
fork.increment();
log(fork instanceof Counter, fork.value, stepped.value);
log(Counter.describe());

class Sub extends Counter {
  triple() { return this.value * 3; }
}
const sub = new Sub(2);
log(sub instanceof Sub, sub instanceof Counter, sub.increment(), sub.triple());

// Class instances as arguments.
const a = new Counter(10);
const b = new Counter(5);
log(a.absorb(b), total(a, b, 100), reset(b), b.value, a.value);

const token = issueToken(42);
log(token instanceof Token, token.id);

const failures = {
  withoutNew: () => Counter(1),
  noConstructor: () => new Token(),
  zeroStep: () => Counter.withStep(0),
  wrongReceiver: () => Counter.prototype.increment.call({}),
  otherClass: () => Counter.prototype.increment.call(token),
  getterOnPrototype: () => Counter.prototype.value,
  badSetterValue: () => { counter.value = 'x'; },
  plainObjectArgument: () => total({ value: 1 }, b, 0),
  tokenArgument: () => reset(token),
  nullArgument: () => reset(null),
  undefinedArgument: () => a.absorb(undefined),
  numberArgument: () => total(a, 7, 0),
  missingArgument: () => reset(),
};
for (const [name, fail] of Object.entries(failures)) {
  try {
    log(name, 'returned', fail());
  } catch (error) {
    log(name, error.constructor.name, error.code, error.message);
  }
}
