// Pending exceptions: set by throw and failing JS calls, reported, cleared, rethrown into JS.
const { addon } = require('../../common');
const basics = addon('napi_basics');
console.log(basics.exceptions());
const getter = basics.throwingGetter({ get boom() { throw new SyntaxError('getter threw'); } });
console.log(getter.status, getter.exception instanceof SyntaxError, getter.exception.message);
try {
  basics.rethrow(() => { throw new RangeError('from JS callback'); });
} catch (err) {
  console.log('rethrown:', err.name, err.message);
}
console.log(basics.rethrow(() => 'returned'));
