'use strict';
// The legacy Stream: an EventEmitter with the old pipe() (data/drain/end/close, no backpressure
// bookkeeping), the base of every node stream.

const EventEmitter = require('events');

function Stream(options) {
  EventEmitter.call(this, options);
}
Object.setPrototypeOf(Stream.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Stream, EventEmitter);

Stream.prototype.pipe = function pipe(dest, options) {
  const source = this;
  function ondata(chunk) {
    if (dest.writable && dest.write(chunk) === false && source.pause) source.pause();
  }
  source.on('data', ondata);
  function ondrain() {
    if (source.readable && source.resume) source.resume();
  }
  dest.on('drain', ondrain);

  // process.stdout and stderr are never ended; a destination only once.
  if (!dest._isStdio && (!options || options.end !== false)) {
    source.on('end', onend);
    source.on('close', onclose);
  }
  let didOnEnd = false;
  function onend() {
    if (didOnEnd) return;
    didOnEnd = true;
    dest.end();
  }
  function onclose() {
    if (didOnEnd) return;
    didOnEnd = true;
    if (typeof dest.destroy === 'function') dest.destroy();
  }
  function onerror(err) {
    cleanup();
    if (EventEmitter.prototype.listenerCount.call(this, 'error') === 0) this.emit('error', err);
  }
  prependListener(source, 'error', onerror);
  prependListener(dest, 'error', onerror);
  function cleanup() {
    source.removeListener('data', ondata);
    dest.removeListener('drain', ondrain);
    source.removeListener('end', onend);
    source.removeListener('close', onclose);
    source.removeListener('error', onerror);
    dest.removeListener('error', onerror);
    source.removeListener('end', cleanup);
    source.removeListener('close', cleanup);
    dest.removeListener('close', cleanup);
  }
  source.on('end', cleanup);
  source.on('close', cleanup);
  dest.on('close', cleanup);
  dest.emit('pipe', source);
  return dest;
};

Stream.prototype.eventNames = function eventNames() {
  const names = [];
  for (const key of Reflect.ownKeys(this._events ?? {})) {
    const listener = this._events[key];
    if (typeof listener === 'function' || (Array.isArray(listener) && listener.length > 0)) names.push(key);
  }
  return names;
};

function prependListener(emitter, event, listener) {
  if (typeof emitter.prependListener === 'function') return emitter.prependListener(event, listener);
  if (!emitter._events || !emitter._events[event]) emitter.on(event, listener);
  else if (Array.isArray(emitter._events[event])) emitter._events[event].unshift(listener);
  else emitter._events[event] = [listener, emitter._events[event]];
}

module.exports = Stream;
module.exports.prependListener = prependListener;
