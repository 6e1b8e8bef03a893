// Pending exceptions: set by throw and failing JS calls, reported, cleared, rethrown into JS.
const { addon, log } = require('../../common');
const basics = addon('napi_basics');
log(basics.exceptions());
const getter = basics.throwingGetter({ get boom() { throw new SyntaxError('getter threw'); } });
log(getter.status, getter.exception instanceof SyntaxError, getter.exception.message);
try {
  basics.rethrow(() => { throw new RangeError('from JS callback'); });
} catch (err) {
  log('rethrown:', err.name, err.message);
}
log(basics.rethrow(() => 'returned'));

// Several JS calls in one native call: each reports only its own exception.
const calls = basics.exceptionsInOneCall(
  () => { throw new TypeError('first'); },
  () => { throw new RangeError('second'); },
  () => 3,
);
for (const { status, pending, exception, result } of calls) {
  log(status, pending, exception && `${exception.name}: ${exception.message}`, result);
}

// The first JS-running call made deep in the addon's stack, then JS called from a shallower
// frame that throws and catches, also through a native reviver.
const deep = basics.deepFirstCall({ x: 1 }, () => {
  let caught = 0;
  try { throw new Error('caught in JS'); } catch { caught++; }
  try { JSON.parse('[1]', () => { throw new Error('from reviver'); }); } catch { caught++; }
  try { 'ab'.replace(/a/, () => { throw new Error('from replacer'); }); } catch { caught++; }
  return caught;
});
log(deep);

// Property names from a reused buffer, prefixes, long names, many names.
const named = {};
log(basics.names(named));
log(Object.keys(named).slice(0, 8), named[''], named.alpha, named.al, named.n199);
