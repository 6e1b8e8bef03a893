// process.env as node's interceptor object: string values, descriptors, clone and spread as a
// plain object (no Proxy), deletes always true, defineProperty's refusals, TZ taking effect.
'use strict';
process.env.A_X = 1; console.log(typeof process.env.A_X, process.env.A_X, 'A_X' in process.env, Object.getOwnPropertyDescriptor(process.env,'A_X'));
console.log(structuredClone(process.env).A_X, {...process.env}.A_X, require('util').types.isProxy(process.env));
console.log(process.env.hasOwnProperty('A_X'), process.env.toString(), Object.getPrototypeOf(process.env) === Object.prototype);
delete process.env.A_X; console.log(process.env.A_X, delete process.env.NOPE);
try { process.env[Symbol('s')] = 1 } catch (e) { console.log(e.message) }
console.log(process.env[Symbol.iterator]);
try { Object.defineProperty(process.env, 'B', {get(){}}) } catch (e) { console.log(e.code, e.message) }
try { Object.defineProperty(process.env, 'B', {value: 'x'}) } catch (e) { console.log(e.code, e.message) }
Object.defineProperty(process.env, 'B', {value: 'x', writable: true, enumerable: true, configurable: true}); console.log(process.env.B);
console.log(Object.keys(process.env).includes('B'), JSON.stringify(process.env).includes('"B":"x"'));
process.env.TZ='Asia/Tokyo'; console.log(new Date(0).getHours());
