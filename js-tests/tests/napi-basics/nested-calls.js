// Calls into the addon nested inside each other, each with its own JS-running napi calls:
// every call sees only its own exceptions, whether JS lies between the calls or not, and
// JS calls made from a libuv callback (outside any call into the addon) too.
const { addon, log } = require('../../common');
const basics = addon('napi_basics');

const describe = (record) => {
  const { status, pending, exception, result } = record;
  const what = 'exception' in record ? `threw ${exception && exception.name}: ${exception && exception.message}` : `returned ${result}`;
  return `status ${status}, pending ${pending}, ${what}`;
};

// An addon function called straight from another (no JS between), leaving an exception
// pending; and one called through JS that catches its nested call's exception.
const nested = basics.nestedCalls((tag) => {
  if (tag === 'inner') throw new TypeError('thrown for the inner call');
  if (tag === 'outer-1') throw new Error('thrown for outer-1');
  if (tag === 'outer-2') {
    try {
      basics.nestedCalls(() => { throw new RangeError('deeper'); });
    } catch (err) {
      return `unexpected ${err.message}`;
    }
    return basics.callAndCatch(() => { throw new SyntaxError('caught two levels down'); }, true);
  }
  return tag;
});
nested.forEach((record, index) => log(index, describe(record)));

// Recursion through JS and the addon: an exception from the bottom passes up through calls
// that leave it pending until one catches it.
function down(depth, catchEvery) {
  if (depth === 0) throw new Error('bottom');
  return basics.callAndCatch(() => down(depth - 1, catchEvery), depth % catchEvery === 0);
}
for (const [depth, catchEvery] of [[1, 1], [2, 2], [3, 2], [5, 4], [17, 4], [200, 64], [200, 1000]]) {
  try {
    log(depth, catchEvery, down(depth, catchEvery));
  } catch (err) {
    log(depth, catchEvery, 'threw', err.message);
  }
}

// napi calls from a libuv timer callback: no call into the addon is running.
const fromTimer = basics.callFromTimer((tag) => {
  if (tag === 'timer-throw') throw new Error(`thrown for ${tag}`);
  return tag;
});
// Waits for the libuv timer's three calls: under load a JS timer due in the same turn may run
// first in anode (its timers phase runs JS timers before libuv's; node runs both by due time).
(function printWhenDone(waited) {
  if (fromTimer.length < 3 && waited < 5000) return setTimeout(printWhenDone, 20, waited + 20);
  fromTimer.forEach((record, index) => log('timer', index, describe(record)));
  // The loop's later JS still throws and catches normally.
  try { JSON.parse('{'); } catch (err) { log('after the timer:', err.name); }
})(0);
