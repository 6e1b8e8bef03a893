'use strict';
// anode-napi's #[napi(iterator)] classes driven by a Generator impl, as napi-rs 3 has them:
// instances are their own iterators (next/return/throw, Symbol.iterator returning this) and
// inherit the iterator helpers from Iterator.prototype.
const { addon, log } = require('../../common');
const style = addon('napi_rs_style');

const fib = new style.Fib(0, 1);
log(fib[Symbol.iterator]() === fib, fib instanceof Iterator, Object.getPrototypeOf(style.Fib.prototype) === Iterator.prototype);
log(fib.next(), fib.next(), fib.next(), fib.next(100), fib.next());
log([...new style.Fib(0, 1)].slice(-3), [...new style.Fib(0, 1).drop(3).filter((n) => n % 2 === 0).take(3)]);
const done = new style.Fib(0, 1);
log(done.return(), done.next(), done.return(5));
const returned = new style.Fib(0, 1);
log(returned.return(21), returned.next());
const thrown = new style.Fib(0, 1);
log(thrown.throw(10), thrown.next());
try { thrown.throw(new RangeError('stop')); } catch (error) { log('rethrown', error.constructor.name, error.message); }
log(thrown.next());
try { thrown.throw('after done'); } catch (error) { log('rethrown after done', error); }
const exhausted = new style.Fib(500, 600);
log(exhausted.next(), exhausted.next(), exhausted.next());
try { style.Fib.prototype.next.call({}); } catch (error) { log(error.constructor.name, error.code, error.message); }
try { new style.Fib(0, 1).next('x'); } catch (error) { log(error.constructor.name, error.code, error.message); }
log(Object.keys(done), JSON.stringify(done));
// A ScopedGenerator: values made with the env of each call.
log([...new style.Squares(0)]);
const squares = new style.Squares(0);
log(squares.next(), squares.next(4), squares.throw(2), squares.return(9), squares.next());
try { new style.Squares(0).throw('stop'); } catch (error) { log('rethrown', error); }
log(new style.Squares(3).return());
