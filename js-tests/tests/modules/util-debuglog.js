// util.debuglog follows NODE_DEBUG as the process started (sections, wildcards, case), calls
// its first-use callback once, and prints `SECTION pid: message`; and util's older helpers as
// Node 24 keeps them (the util.is* type checks are gone; isArray and _extend warn once).
const util = require('util');
const { spawnSync } = require('child_process');

if (process.argv[2] === 'child') {
  process.env.NODE_DEBUG = 'late';
  const logs = ['foo', 'bar', 'net-x', 'late'].map((section) => util.debuglog(section, () => console.log('first use of', section)));
  for (const log of logs) {
    log('value %d and %s', 5, 'text');
    log('again');
  }
  console.log(logs.map((log) => log.enabled).join());
  console.log(util.debug === util.debuglog);
} else {
  const child = spawnSync(process.execPath, [__filename, 'child'], { env: { ...process.env, NODE_DEBUG: 'FOO, bar,net-*' } });
  console.log(child.status, child.stdout.toString());
  console.log(child.stderr.toString().replaceAll(`${child.pid}`, 'PID'));
  console.log(util.stripVTControlCharacters('\u001b[31mred\u001b[0m and \u001b]8;;link\u0007text'), util.toUSVString('a\ud800b'));
  console.log(util.getSystemErrorName(-2), util.getSystemErrorName(-13));
  for (const bad of [2, 'x']) {
    try {
      util.getSystemErrorName(bad);
    } catch (err) {
      console.log(err.name, err.code, err.message);
    }
  }
  console.log(util._extend({ a: 1 }, { b: 2 }), util._extend({ a: 1 }, null));
  console.log(util.isArray([]), util.isArray({}), util.isArray === Array.isArray);
  const removed = ['isNull', 'isNullOrUndefined', 'isNumber', 'isString', 'isBoolean', 'isSymbol', 'isUndefined', 'isObject',
    'isFunction', 'isPrimitive', 'isDate', 'isRegExp', 'isError', 'isBuffer', 'log'];
  console.log(removed.filter((name) => name in util));
  console.log(typeof util.toUSVString, typeof util.isDeepStrictEqual, util.isDeepStrictEqual({ a: [1] }, { a: [1] }));
}
