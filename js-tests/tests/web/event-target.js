// EventTarget, Event, CustomEvent, AbortController and AbortSignal: brand checks and node's
// errors, property shapes and inspection, dispatch order (once, removal and addition while
// dispatching, stopImmediatePropagation, passive, capture, handleEvent objects, signals,
// on-handlers), AbortSignal.any/timeout, and the events module's EventTarget helpers.
'use strict';
const events = require('events');
const util = require('util');
process.removeAllListeners('warning');
process.on('warning', (w) => console.log('warning', w.name, w.message, w.type, w.count));
const show = (f) => {
  try {
    const r = f();
    console.log('ok', r);
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
};
const brand = (C, p) => show(() => {
  const d = Object.getOwnPropertyDescriptor(C.prototype, p);
  return (d.get || d.value).call({});
});
for (const p of ['type', 'target', 'currentTarget', 'defaultPrevented', 'preventDefault', 'stopPropagation',
  'cancelBubble', 'composedPath', 'returnValue', 'timeStamp', 'eventPhase']) brand(Event, p);
for (const p of ['addEventListener', 'removeEventListener', 'dispatchEvent']) brand(EventTarget, p);
brand(CustomEvent, 'detail');
brand(AbortSignal, 'aborted');
brand(AbortSignal, 'reason');
brand(AbortSignal, 'onabort');
console.log(Object.getOwnPropertyNames(Event.prototype), Object.keys(Event.prototype), Object.getOwnPropertyNames(Event));
console.log(Object.getOwnPropertyNames(CustomEvent.prototype), Object.keys(CustomEvent.prototype));
console.log(Object.keys(new Event('x')), Object.getOwnPropertyNames(AbortSignal.prototype), Object.keys(AbortSignal.prototype),
  Object.keys(EventTarget.prototype), Object.keys(AbortController.prototype));
console.log([Event, CustomEvent, EventTarget, AbortSignal, AbortController].map((C) => Object.prototype.toString.call(C.prototype)));
const stamp = (s) => s.replace(/timeStamp: [\d.]+/g, 'timeStamp: T');
console.log(stamp(util.inspect(new Event('foo', { cancelable: true }))), stamp(util.inspect(new CustomEvent('x', { detail: 1 }))));
console.log(new EventTarget(), AbortSignal.abort(), new AbortController(), { a: { b: { c: new Event('x') } } });
console.log(util.inspect({ [util.inspect.custom]: EventTarget.prototype[util.inspect.custom], other: 1 }));
show(() => new Event());
show(() => new Event('x', 1));
show(() => new CustomEvent());
show(() => new EventTarget().addEventListener('x'));
show(() => new EventTarget().addEventListener('x', 1));
show(() => new EventTarget().addEventListener('x', () => {}, 1));
show(() => new EventTarget().addEventListener('x', () => {}, { signal: 1 }));
show(() => new EventTarget().addEventListener(Symbol('a'), () => {}));
show(() => new EventTarget().dispatchEvent(1));
show(() => new EventTarget().dispatchEvent());
show(() => new AbortSignal());
show(() => AbortSignal.any(1));
show(() => AbortSignal.any([AbortSignal.abort(), 1]));
show(() => AbortSignal.timeout(-1));
show(() => AbortSignal.timeout(1.5));
show(() => AbortSignal.timeout('1'));
show(() => new Event('x').initEvent());
const e = new Event('x', { bubbles: true, cancelable: true, composed: true });
console.log(e.bubbles, e.cancelable, e.composed, e.isTrusted, e.eventPhase, e.returnValue, e.cancelBubble, e.composedPath(), e.target, e.srcElement);
e.cancelBubble = true;
e.preventDefault();
console.log(e.cancelBubble, e.defaultPrevented, e.returnValue, Event.NONE, Event.AT_TARGET);
e.initEvent('y', false, false);
console.log(e.type, e.bubbles, e.cancelable);

const et = new EventTarget();
const log = [];
const second = () => log.push('second');
et.addEventListener('a', () => {
  log.push('first');
  et.removeEventListener('a', second);
  et.addEventListener('a', () => log.push('added'));
});
et.addEventListener('a', second);
et.addEventListener('a', () => log.push('once'), { once: true });
et.addEventListener('a', { handleEvent(ev) { log.push(`object ${this !== et} ${ev.currentTarget === et}`); } });
et.addEventListener('a', () => log.push('capture'), true);
et.dispatchEvent(new Event('a'));
et.dispatchEvent(new Event('a'));
console.log(log.splice(0));
et.addEventListener('b', (ev) => {
  log.push(`1 ${ev.eventPhase} ${ev.currentTarget === et} ${ev.composedPath().length}`);
  ev.stopImmediatePropagation();
});
et.addEventListener('b', () => log.push('2 skipped'));
et.addEventListener('b', () => log.push('3 passive'), { passive: true });
const ev = new Event('b', { cancelable: true });
console.log(et.dispatchEvent(ev), ev.target === et, ev.currentTarget, log.splice(0));
const captured = () => log.push('capture listener');
et.addEventListener('cap', captured, true);
et.removeEventListener('cap', captured, true);
et.dispatchEvent(new Event('cap'));
et.removeEventListener('cap', captured, { capture: true });
et.dispatchEvent(new Event('cap'));
console.log(log.splice(0));
et.addEventListener('c', (x) => x.preventDefault(), { passive: true });
console.log(et.dispatchEvent(new Event('c', { cancelable: true })));
et.addEventListener('d', (x) => {
  show(() => et.dispatchEvent(x));
});
et.dispatchEvent(new Event('d'));
for (let i = 0; i < 11; i++) et.addEventListener('many', () => {});
events.setMaxListeners(1, et);
console.log(events.getMaxListeners(et), events.listenerCount(et, 'many'), events.getEventListeners(et, 'none'));

const ac = new AbortController();
const target = new EventTarget();
target.addEventListener('s', () => log.push('signalled'), { signal: ac.signal });
target.dispatchEvent(new Event('s'));
ac.signal.addEventListener('abort', (x) => log.push(`abort listener ${x.isTrusted} ${x.type}`));
ac.signal.onabort = () => log.push('onabort');
ac.signal.addEventListener('abort', () => log.push('after onabort'));
console.log(events.getEventListeners(ac.signal, 'abort').length, events.getMaxListeners(ac.signal));
ac.abort('why');
ac.abort('again');
target.dispatchEvent(new Event('s'));
console.log(log.splice(0), ac.signal.aborted, ac.signal.reason, events.getEventListeners(target, 's'));
show(() => ac.signal.throwIfAborted());
const defaultReason = new AbortController();
defaultReason.abort();
console.log(defaultReason.signal.reason.name, defaultReason.signal.reason.message, AbortSignal.abort().reason.name);

const a = new AbortController();
const b = new AbortController();
const any = AbortSignal.any([a.signal, b.signal]);
const nested = AbortSignal.any([any]);
any.addEventListener('abort', () => log.push(`any ${any.reason}`));
nested.addEventListener('abort', () => log.push(`nested ${nested.reason}`));
a.signal.addEventListener('abort', () => log.push('a'));
b.abort('b first');
a.abort('a later');
console.log(log.splice(0), AbortSignal.any([]).aborted, AbortSignal.any([AbortSignal.abort('pre')]).reason);

const disposable = events.addAbortListener(AbortSignal.abort(), () => console.log('aborted listener (microtask)'));
console.log(typeof disposable[Symbol.dispose]);
show(() => events.addAbortListener());
show(() => events.addAbortListener({}));
show(() => events.addAbortListener(new AbortController().signal, 1));
const stopper = new AbortController();
stopper.signal.addEventListener('abort', (x) => x.stopImmediatePropagation());
events.addAbortListener(stopper.signal, () => console.log('resists stopImmediatePropagation'));
stopper.abort();
show(() => events.setMaxListeners(1, {}));
show(() => events.setMaxListeners(-1));
show(() => events.getMaxListeners({}));
show(() => events.getEventListeners({}));

(async () => {
  const t = new EventTarget();
  setTimeout(() => t.dispatchEvent(new Event('ready')), 1);
  const [got] = await events.once(t, 'ready');
  console.log('once', got.type, got.target === t);
  const cancel = new AbortController();
  const pending = events.once(t, 'never', { signal: cancel.signal });
  cancel.abort('stop');
  await pending.catch((err) => console.log(err.name, err.code, err.message, err.cause));
  await events.once(t, 'x', { signal: AbortSignal.abort() }).catch((err) => console.log(err.name, err.cause.name));
  await events.once(t, 'x', { signal: 1 }).catch((err) => console.log(err.code, err.message));
  const timed = AbortSignal.timeout(5);
  // The timeout's timer does not hold the process open: this one does.
  const keepAlive = setTimeout(() => {}, 1000);
  await events.once(timed, 'abort');
  clearTimeout(keepAlive);
  console.log('timeout', timed.reason.name, timed.reason.message);
  const resource = {};
  const c = new AbortController();
  const waiting = util.aborted(c.signal, resource);
  c.abort();
  console.log('util.aborted', (await waiting).type);
  await util.aborted({}, {}).catch((err) => console.log(err.name, err.code, err.message));
  await util.aborted(c.signal, 1).catch((err) => console.log(err.name, err.code, err.message));
})();
