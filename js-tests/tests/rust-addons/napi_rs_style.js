// An addon written as for napi-rs (addons/napi_rs_style): anode-napi renamed to `napi` and
// `napi-derive` in its Cargo.toml, napi::bindgen_prelude, #[napi_derive::module_init],
// #[napi] consts, Status codes, catch_unwind, strict, TypeScript overrides, object field
// attributes and ClassInstance arguments; and the index.d.ts it gets.
const fs = require('fs');
const path = require('path');
const { addon, addonPath, log } = require('../../common');
const style = addon('napi_rs_style');

log(Object.keys(style).sort());
log(style.initRuns(), style.DEFAULT_COST, style.TYPE_SKIPPED_CONST);
log(style.rejectNegative(3), style.isGenericFailure(9), style.isGenericFailure(1));
log(style.addDeclared(1, 2), style.describe('on'));
log(style.relabel({ 'xml:lang': 'en', size: 'small', wordCount: 4 }));

const a = new style.Account(10);
const b = new style.Account(5);
log(a.absorb(b), a.balance, b.balance);

const size = new style.Size(3, 4);
log(size.width, size.tall, size.area(), Object.keys(size));
size.tall = 5;
log(size.tall, size.area(), size instanceof style.Size);
log(Object.getOwnPropertyDescriptor(style.Size.prototype, 'width').set, typeof Object.getOwnPropertyDescriptor(style.Size.prototype, 'tall').set);
log(style.isVerbose({ verbose: true }), style.kindOf(7), style.kindOf('four'), style.kindOf(null));

log(style.passThrough({ a: 1 }, (value) => JSON.stringify(value)), style.passThrough(1, () => null));

log(style.EXPORTS_BEFORE, style.ADDED_BY_SET);
log(style.call2((...args) => args.length * 100 + args[0] * 10 + args[1], 3, 4));
log(style.callWithTupleArg((...args) => args.length * 100 + args[0][0] * 10 + args[0][1], 3, 4));
log(style.swapPair(['seven', 7]));
const adder = style.makeAdder();
log(style.arrayHandles([2.5, 'x'], 3), style.arrayHandles([], 0), style.arrayHandles([undefined], 1));
for (const bad of [() => style.arrayHandles({ length: 1 }, 1), () => style.arrayHandles(['x'], 1)]) {
  try { bad(); } catch (error) { log(error.constructor.name, error.code, error.message); }
}
log(style.Transport, style.nextTransport('web-socket2'), style.nextTransport('unix:socket'));
try { style.nextTransport('HttpServer'); } catch (error) { log(error.constructor.name, error.code, error.message); }
log(new style.Account(1).currency, typeof Object.getOwnPropertyDescriptor(style.Account.prototype, 'currency').get, 'currency' in style.Account);
log(Object.keys(style.checksum), style.checksum.MODULUS, style.checksum.sum8(Buffer.from([200, 100])), 'sum' in style);
const running = new style.checksum.Running(1);
log(running.update(Buffer.from([250])), running.update(Buffer.from([3])), running instanceof style.checksum.Running);
log(style.negateI64n(-9007199254740993n), style.negateI64n(5n));
for (const bad of [() => style.negateI64n(2n ** 63n), () => style.negateI64n(5)]) {
  try { bad(); } catch (error) { log(error.constructor.name, error.code, error.message); }
}
log(style.concatUtf16('JavaScript 🌳 你好 napi'), style.concatUtf16('lone \ud800 surrogate'));
log(style.concatLatin1('æ¶½¾DEL', ' é'), JSON.stringify(style.concatLatin1('你', '')));
for (const bad of [() => style.concatLatin1('a', ' 🦀'), () => style.concatUtf16(1), () => style.errorWithMessage('nul\u0000inside')]) {
  try { bad(); } catch (error) { log(error.constructor.name, error.code, JSON.stringify(error.message)); }
}
const perimeter = Object.getOwnPropertyDescriptor(style.Size.prototype, 'perimeter');
log(new style.Size(2, 3).perimeter(), perimeter.writable, perimeter.configurable, Object.getOwnPropertyDescriptor(style.Size.prototype, 'area').writable);
try { Reflect.set(style.Size.prototype, 'perimeter', null) || log('not assigned'); } catch (error) { log(error.constructor.name, error.message); }
log(style.runHandler({ name: 'double', handle: (n) => n * 2 }, 21));
try { style.runHandler({ name: 'none' }, 1); } catch (error) { log(error.constructor.name, error.code, error.message); }
log(style.scores(3), style.countNumbers([1, 'a', 2]));
log(style.mergeEntries(['a', 1], ['b', 2, { merge: true }]), style.mergeEntries(['a', 1], ['b', 2]));
for (const bad of [() => style.countNumbers({}), () => style.mergeEntries(['a'], ['b', 2])]) {
  try { bad(); } catch (error) { log(error.constructor.name, error.code, error.message); }
}
log(style.checkStatusOf(0));
try { style.checkStatusOf(1); } catch (error) { log(error.constructor.name, error.code, error.message); }
for (const error of style.errorObjects('returned')) log(error.constructor.name, error.code, error.message, error instanceof Error);
log(style.callFnParameter('x', (label, count) => { log('called with', label, count); return label.length; }));
style.readContent(false, (...args) => log('read', args));
style.readContent(true, (error, content) => log('read failed', error instanceof Error, error.code, error.message, content));
style.captureErrorInCallback(() => { throw new RangeError('Testing'); }, (error) => log('captured', error.constructor.name, error.message));
log(typeof style.addTwoHundred, adder.name, adder(5));
log(style.sumIfValid([1, 2, 3], 2), style.sumIfValid(['1', 2], 2), style.sumIfValid([1], 'x'), style.sumIfValid());
for (const bad of [7, [7, 'seven'], ['seven']]) {
  try { style.swapPair(bad); } catch (error) { log(error.name, error.code, error.message); }
}
const edited = { name: 'anode', secret: 1 };
log(style.editObject(edited), edited);

log(a.tag() === a, a.tagged, Object.keys(a));
log(style.nameOfThis.call({ name: 'obj' }, '!'), ({ name: 'm', method: style.nameOfThis }).method('?'));

log(style.dateToNumber(new Date(1234567)), style.dateToNumber(new Date(NaN)), style.dayAfter(new Date(0)).toISOString());

log(style.withoutNickname('a', false), style.withoutNickname('b', true), style.firstOf(['x', 1]), style.firstOf([]));

const sheet = new style.StyleSheet('main');
const rules = sheet.rules();
log(rules === sheet.rules(), rules instanceof style.RuleList, rules.add(), rules.add(), sheet.ruleCount);
log(rules.parentTitle(), rules.parent() === sheet);

const failures = {
  rulesOnPlainObject: () => style.StyleSheet.prototype.rules.call({}),
  notDate: () => style.dateToNumber(1234567),
  dateString: () => style.dayAfter('2020-01-01'),
  thisNotObject: () => style.nameOfThis.call(5, '!'),
  nameMissing: () => style.editObject({}),
  countNotNumber: () => style.editObject({ name: 'x', count: 'one' }),
  notObject: () => style.editObject('text'),
  sizeWithoutHeight: () => new style.Size(1),
  badFieldValue: () => { size.tall = 'x'; },
  readonlyField: () => { 'use strict'; size.width = 9; },
  neitherOfThree: () => style.kindOf(true),
  negative: () => style.rejectNegative(-1),
  panic: () => style.panicCaught(),
  strictArgument: () => style.addDeclared('1', 2),
  missingField: () => style.relabel({ size: 'large', wordCount: 1 }),
  notAnAccount: () => a.absorb({ balance: 1 }),
  nullAccount: () => a.absorb(null),
};
// RawCString: up to the NUL, or the first bytes.
log(style.cStrings(5), style.cStrings(0), style.cStrings(99));

for (const [name, fail] of Object.entries(failures)) {
  try {
    log(name, 'returned', fail());
  } catch (error) {
    log(name, error.constructor.name, error.code, error.message);
  }
}

log(fs.readFileSync(path.join(path.dirname(addonPath('napi_rs_style')), 'index.d.ts'), 'utf8'));

// A tuple struct as an object: fields named field0, field1… or by js_name.
log(style.doublePair({ left: 21, field1: 'tuple' }));
try { style.doublePair({ field0: 1, field1: 'x' }); } catch (error) { log(error.constructor.name, error.code, error.message); }
// u8, i8, u16 and i16 as napi-rs converts them (through 32-bit integers; out of range fails).
log(style.narrowNumbers(255, -128, 65535, 32767), style.narrowNumbers(1.9, -1.9, 0, -0));
for (const args of [[256, 0, 0, 0], [0, 128, 0, 0], [0, 0, -1, 0], [0, 0, 0, 40000], ['1', 0, 0, 0]]) {
  try { style.narrowNumbers(...args); } catch (error) { log(error.constructor.name, error.code, error.message); }
}
// usize, isize and u128 to JS: BigInts.
log(style.wideIntegers());
// Function::apply (an explicit this) and Function::new_instance.
log(style.applyWithThis({ greeting: 'hi' }, function (name) { return `${this.greeting} ${name}`; }, 'ada'));
const constructed = style.constructError(TypeError, 'built in Rust');
log(constructed instanceof TypeError, constructed.name, constructed.message);
try { style.applyWithThis({}, () => { throw new RangeError('from the callback'); }, 'x'); } catch (error) { log(error.constructor.name, error.message); }
try { style.constructError(() => {}, 'x'); } catch (error) { log(error.constructor.name, error.message); }
