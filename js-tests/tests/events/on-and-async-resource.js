// events.on as an async iterator (EventEmitter and EventTarget, queued emissions, errors,
// close events, signals, watermarks) and EventEmitterAsyncResource.
'use strict';
const events = require('events');
const { EventEmitter, on, EventEmitterAsyncResource } = events;
const { executionAsyncId } = require('async_hooks');
(async () => {
  const ee = new EventEmitter();
  process.nextTick(() => {
    ee.emit('foo', 'bar');
    ee.emit('foo', 42, 'two');
    ee.emit('close');
  });
  for await (const args of on(ee, 'foo', { close: ['close'] })) console.log('foo', args);
  console.log('closed', ee.listenerCount('foo'), ee.listenerCount('error'), ee.listenerCount('close'));

  const failing = new EventEmitter();
  process.nextTick(() => {
    failing.emit('foo', 1);
    failing.emit('error', new Error('boom'));
  });
  try {
    for await (const args of on(failing, 'foo')) console.log('before error', args);
  } catch (err) {
    console.log('caught', err.message, failing.listenerCount('foo'));
  }

  const et = new EventTarget();
  const iterator = on(et, 'ping');
  et.dispatchEvent(new Event('ping'));
  const first = await iterator.next();
  console.log(first.done, first.value[0].type, Object.getPrototypeOf(Object.getPrototypeOf(iterator)) === Object.prototype);
  console.log(await iterator.return(), await iterator.next());

  const ac = new AbortController();
  const aborted = on(new EventEmitter(), 'x', { signal: ac.signal });
  const pending = aborted.next();
  ac.abort('why');
  await pending.catch((err) => console.log(err.name, err.code, err.cause));
  try {
    on(new EventEmitter(), 'x', { signal: AbortSignal.abort('pre') });
  } catch (err) {
    console.log('sync', err.name, err.cause);
  }
  for (const bad of [{ highWaterMark: 0 }, { lowWaterMark: 'x' }, { signal: 1 }]) {
    try {
      on(new EventEmitter(), 'x', bad);
    } catch (err) {
      console.log(err.name, err.code, err.message);
    }
  }
  try {
    on(new EventEmitter(), 'x').throw('no');
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
  const stream = new EventEmitter();
  stream.pause = () => console.log('paused');
  stream.resume = () => console.log('resumed');
  const marks = on(stream, 'data', { highWaterMark: 2, lowWaterMark: 1 });
  for (let i = 0; i < 4; i++) stream.emit('data', i);
  for (let i = 0; i < 4; i++) console.log('data', (await marks.next()).value);

  try {
    new EventEmitterAsyncResource({});
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
  const resource = new EventEmitterAsyncResource({ name: 'Named' });
  let inside;
  resource.on('x', () => {
    inside = executionAsyncId();
  });
  resource.emit('x');
  console.log(inside === resource.asyncId, resource.asyncId !== executionAsyncId(), typeof resource.triggerAsyncId,
    resource.asyncResource.eventEmitter === resource, resource.asyncResource.constructor.name);
  resource.emitDestroy();
  class Sub extends EventEmitterAsyncResource {}
  console.log(new Sub().asyncResource.constructor.name, new EventEmitterAsyncResource('str') instanceof EventEmitter);
  try {
    EventEmitterAsyncResource.prototype.emit();
  } catch (err) {
    console.log(err.name);
  }
  try {
    new EventEmitter().emit('error', { message: 'x', [require('util').inspect.custom]() { throw new Error(); } });
  } catch (err) {
    console.log(err.name, err.code, err.message, String(err));
  }
})();
