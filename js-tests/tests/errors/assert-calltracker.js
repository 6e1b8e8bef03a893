// assert.CallTracker: counts, getCalls/reset, report and verify's AssertionError, DEP0173.
const assert = require('assert');

const tracker = new assert.CallTracker();
function foo(a, b) { return a + b; }
const callsFoo = tracker.calls(foo, 2);
console.log(callsFoo.length, callsFoo.name, callsFoo(1, 2));
callsFoo.call('self', 3, 4);
console.log(JSON.stringify(tracker.getCalls(callsFoo)), Object.isFrozen(tracker.getCalls(callsFoo)));
const callsNoop = tracker.calls();
console.log(tracker.report().map(({ message, actual, expected, operator }) => [message, actual, expected, operator]));
try {
  tracker.verify();
} catch (err) {
  console.log(err.name, err.code, err.message, err['message 0'], err['operator 0'], err.actual);
}
callsNoop();
tracker.verify();
tracker.reset(callsFoo);
console.log(tracker.getCalls(callsFoo).length, tracker.report().length);
for (const bad of [() => tracker.calls(foo, 0.5), () => tracker.calls(foo, '1'), () => tracker.calls(foo, 0), () => tracker.getCalls(foo)]) {
  try {
    bad();
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
}
