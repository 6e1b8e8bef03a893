// An addon written with anode-napi's #[napi] (addons/calculator): the same .node runs on
// both runtimes; arguments and results convert both ways, bad arguments throw TypeErrors
// naming the argument, Err results throw with their code, panics become JS errors.
const assert = require('assert');
const { addon, log } = require('../../common');
const calculator = addon('calculator');

log(Object.keys(calculator).sort());
assert.strictEqual(calculator.add(2, 3), 5);
assert.strictEqual(calculator.add(2147483647, 1), -2147483648);
assert.strictEqual(calculator.divide(1, 4), 0.25);
assert.strictEqual(calculator.sum([1, 2, 3.5]), 6.5);
assert.strictEqual(calculator.doubleLarge(2 ** 40), 2 ** 41);
assert.strictEqual(calculator.countBits(255), 8);
assert.strictEqual(calculator.isEven(4), true);
assert.strictEqual(calculator.isEven(7), false);
assert.strictEqual(calculator.greet(), 'Hello, world!');
assert.strictEqual(calculator.greet(null), 'Hello, world!');
assert.strictEqual(calculator.greet('anode'), 'Hello, anode!');
assert.deepStrictEqual(calculator.words(' a b  c '), ['a', 'b', 'c']);
assert.strictEqual(calculator.evaluate(6, '*', 7), 42);
const totals = calculator.totals({ a: [1, 2], b: [0.5] });
assert.deepStrictEqual(Object.keys(totals).sort(), ['a', 'b']);
assert.deepStrictEqual([totals.a, totals.b], [3, 0.5]);
assert.strictEqual(calculator.checkedSqrt(16), 4);
assert.strictEqual(calculator.checkedSqrt(-1), null);
assert.strictEqual(calculator.nothing(), null);
assert.strictEqual(calculator.add.name, 'add');
assert.strictEqual(calculator.evaluate.name, 'evaluate');

const failures = {
  divideByZero: () => calculator.divide(1, 0),
  wrongType: () => calculator.add('x', 1),
  missing: () => calculator.add(),
  unknownOperator: () => calculator.evaluate(1, '%', 2),
  badElement: () => calculator.sum([1, 'two']),
  notArray: () => calculator.sum(5),
  badProperty: () => calculator.totals({ a: 1 }),
  optionalWrongType: () => calculator.greet(5),
};
for (const [name, fail] of Object.entries(failures)) {
  try {
    fail();
    log(name, 'did not throw');
  } catch (error) {
    log(name, error.constructor.name, error.code, error.message);
  }
}

// #[napi(object)] structs and enums.
log(calculator.midpoint({ x: 0, y: 0, label: 'origin' }, { x: 2, y: 4 }));
log(calculator.midpoint({ x: 1, y: 1 }, { x: 1, y: 1 }));
log(calculator.Operation, Object.isFrozen(calculator.Operation));
log(calculator.apply(calculator.Operation.Multiply, 6, 7), calculator.apply(-1, 5, 0));
log(calculator.Units, calculator.lengthIn(10, 'Imperial'), calculator.otherUnits(calculator.Units.Metric));
for (const fail of [
  () => calculator.midpoint({ x: 1 }, { x: 1, y: 1 }),
  () => calculator.midpoint(5, { x: 1, y: 1 }),
  () => calculator.apply(3, 1, 1),
  () => calculator.otherUnits('metric'),
]) {
  try {
    fail();
  } catch (error) {
    log(error.constructor.name, error.code, error.message);
  }
}
