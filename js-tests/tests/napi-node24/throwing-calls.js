// napi: 10
// Statuses and pending exceptions of calls that run JS which throws (proxy traps, conversions,
// Symbol.hasInstance, functions, scripts), and of the same calls given a revoked proxy, a
// symbol and undefined, against Node 24's WITH_PREAMBLE checks.
const { addon, log, engineError } = require('../../common');
const node24 = addon('napi_node24');
const thrower = (what) => () => { throw new Error(what); };
const hostile = new Proxy({}, { ownKeys: thrower('ownKeys'), preventExtensions: thrower('preventExtensions'), get: (t, k) => { if (k === Symbol.toPrimitive || k === 'valueOf' || k === 'toString') return thrower(`convert ${String(k)}`); }, getPrototypeOf: thrower('getPrototypeOf'), defineProperty: thrower('defineProperty'), has: thrower('has'), getOwnPropertyDescriptor: thrower('gOPD') });
const ctor = () => {};
Object.defineProperty(ctor, Symbol.hasInstance, { value: thrower('hasInstance') });
// The test throws Errors and one TypeError('ctor'); other TypeErrors, and the SyntaxErrors of
// the scripts it runs, are the engine's.
const byEngine = (e) => (e instanceof TypeError && e.message !== 'ctor') || e instanceof SyntaxError;
const text = (e) => (byEngine(e) ? engineError(e) : `${e.name}: ${e.message}`);
const show = (label, results) => { log(label); for (const [k, [s, e]] of Object.entries(results)) log(' ', k.padEnd(26), s, e ? text(e) : ''); };
show('hostile proxy', node24.throwingCalls(hostile, ctor, thrower('fn')));
const { proxy, revoke } = Proxy.revocable({}, {}); revoke();
show('revoked proxy', node24.throwingCalls(proxy, proxy, proxy));
show('symbol', node24.throwingCalls(Symbol('s'), 5, 5));
show('undefined', node24.throwingCalls(undefined, {}, class { constructor() { throw new TypeError('ctor'); } }));
