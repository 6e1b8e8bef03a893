'use strict';
// diagnostics_channel: named channels that publish messages to subscribers, stores bound to
// them (AsyncLocalStorage), and tracing channels (start/end/asyncStart/asyncEnd/error).

const { invalidArgType, validateFunction } = require('internal/errors');

// Channels by name. A channel nobody subscribes to is held weakly (it may be collected and
// made anew); subscriptions and bound stores hold it strongly, counted per name.
class ChannelRegistry {
  #weak = new Map();
  #strong = new Map();
  #finalizer = new FinalizationRegistry((name) => {
    if (this.#weak.get(name)?.deref() === undefined) this.#weak.delete(name);
  });

  get(name) {
    return this.#weak.get(name)?.deref();
  }

  set(name, channel) {
    this.#weak.set(name, new WeakRef(channel));
    this.#finalizer.register(channel, name);
  }

  incRef(channel) {
    const held = this.#strong.get(channel.name);
    if (held) held.count++;
    else this.#strong.set(channel.name, { channel, count: 1 });
  }

  decRef(channel) {
    const held = this.#strong.get(channel.name);
    if (held && --held.count === 0) this.#strong.delete(channel.name);
  }
}
const channels = new ChannelRegistry();
// Node numbers string-named channels for its native publishers (`_index`); the same shape here.
let nextIndex = 0;

// An error a subscriber or a store transform throws does not stop the others: it is an
// uncaught exception of its own, on the next tick.
function reportLater(err) {
  process.nextTick(() => {
    throw err;
  });
}

// An inactive channel (no subscribers, no stores) has Channel's prototype and does nothing
// when published to; the first subscription or store gives it ActiveChannel's.
class Channel {
  constructor(name) {
    this._subscribers = undefined;
    this._stores = undefined;
    this.name = name;
    this._index = typeof name === 'string' ? nextIndex++ : undefined;
    channels.set(name, this);
  }

  static [Symbol.hasInstance](instance) {
    const prototype = Object.getPrototypeOf(instance);
    return prototype === Channel.prototype || prototype === ActiveChannel.prototype;
  }

  subscribe(subscription) {
    validateFunction(subscription, 'subscription');
    markActive(this);
    this.subscribe(subscription);
  }

  unsubscribe() {
    return false;
  }

  bindStore(store, transform) {
    markActive(this);
    this.bindStore(store, transform);
  }

  unbindStore() {
    return false;
  }

  get hasSubscribers() {
    return false;
  }

  publish() {}

  runStores(data, fn, thisArg, ...args) {
    return Reflect.apply(fn, thisArg, args);
  }
}

class ActiveChannel {
  subscribe(subscription) {
    validateFunction(subscription, 'subscription');
    // A new array each time: a publish in progress goes on over the subscribers it started with.
    this._subscribers = [...this._subscribers, subscription];
    channels.incRef(this);
  }

  unsubscribe(subscription) {
    const index = this._subscribers.indexOf(subscription);
    if (index === -1) return false;
    this._subscribers = this._subscribers.filter((_, i) => i !== index);
    channels.decRef(this);
    maybeMarkInactive(this);
    return true;
  }

  bindStore(store, transform) {
    if (!this._stores.has(store)) channels.incRef(this);
    this._stores.set(store, transform);
  }

  unbindStore(store) {
    if (!this._stores.has(store)) return false;
    this._stores.delete(store);
    channels.decRef(this);
    maybeMarkInactive(this);
    return true;
  }

  get hasSubscribers() {
    return true;
  }

  publish(data) {
    const subscribers = this._subscribers;
    for (let index = 0; index < subscribers.length; index++) {
      const onMessage = subscribers[index];
      try {
        onMessage(data, this.name);
      } catch (err) {
        reportLater(err);
      }
    }
  }

  runStores(data, fn, thisArg, ...args) {
    let run = () => {
      this.publish(data);
      return Reflect.apply(fn, thisArg, args);
    };
    for (const [store, transform] of this._stores) {
      let context = data;
      if (transform) {
        try {
          context = transform(data);
        } catch (err) {
          reportLater(err);
          continue;
        }
      }
      const next = run;
      run = () => store.run(context, next);
    }
    return run();
  }
}

function markActive(channel) {
  Object.setPrototypeOf(channel, ActiveChannel.prototype);
  channel._subscribers = [];
  channel._stores = new Map();
}

function maybeMarkInactive(channel) {
  if (channel._subscribers.length === 0 && channel._stores.size === 0) {
    Object.setPrototypeOf(channel, Channel.prototype);
    channel._subscribers = undefined;
    channel._stores = undefined;
  }
}

function channel(name) {
  const existing = channels.get(name);
  if (existing) return existing;
  if (typeof name !== 'string' && typeof name !== 'symbol') {
    throw invalidArgType('channel', 'one of type string or symbol', name);
  }
  return new Channel(name);
}

function subscribe(name, subscription) {
  return channel(name).subscribe(subscription);
}

function unsubscribe(name, subscription) {
  return channel(name).unsubscribe(subscription);
}

function hasSubscribers(name) {
  const found = channels.get(name);
  return found ? found.hasSubscribers : false;
}

const traceEvents = ['start', 'end', 'asyncStart', 'asyncEnd', 'error'];

class TracingChannel {
  constructor(nameOrChannels) {
    for (let index = 0; index < traceEvents.length; index++) {
      const event = traceEvents[index];
      let eventChannel;
      if (typeof nameOrChannels === 'string') {
        eventChannel = channel(`tracing:${nameOrChannels}:${event}`);
      } else if (typeof nameOrChannels === 'object') {
        eventChannel = nameOrChannels[event];
        if (!(eventChannel instanceof Channel)) {
          throw invalidArgType(`nameOrChannels.${event}`, 'an instance of Channel', eventChannel);
        }
      } else {
        throw invalidArgType('nameOrChannels', 'of type string or an instance of TracingChannel or Object', nameOrChannels);
      }
      Object.defineProperty(this, event, { value: eventChannel });
    }
  }

  get hasSubscribers() {
    return traceEvents.some((event) => this[event].hasSubscribers);
  }

  subscribe(handlers) {
    for (let index = 0; index < traceEvents.length; index++) {
      const event = traceEvents[index];
      if (handlers[event]) this[event].subscribe(handlers[event]);
    }
  }

  unsubscribe(handlers) {
    let done = true;
    for (let index = 0; index < traceEvents.length; index++) {
      const event = traceEvents[index];
      if (handlers[event] && !this[event].unsubscribe(handlers[event])) done = false;
    }
    return done;
  }

  // Runs `body` under the start channel's stores, publishing start, then end when it
  // returns or throws (and error, with context.error, when it throws).
  #traced(context, body) {
    const { start, end, error } = this;
    return start.runStores(context, () => {
      try {
        return body();
      } catch (err) {
        context.error = err;
        error.publish(context);
        throw err;
      } finally {
        end.publish(context);
      }
    });
  }

  traceSync(fn, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    return this.#traced(context, () => {
      const result = Reflect.apply(fn, thisArg, args);
      context.result = result;
      return result;
    });
  }

  tracePromise(fn, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    const { asyncStart, asyncEnd, error } = this;
    const resolve = (result) => {
      context.result = result;
      asyncStart.publish(context);
      asyncEnd.publish(context);
      return result;
    };
    const reject = (err) => {
      context.error = err;
      error.publish(context);
      asyncStart.publish(context);
      asyncEnd.publish(context);
      return Promise.reject(err);
    };
    return this.#traced(context, () => {
      let promise = Reflect.apply(fn, thisArg, args);
      if (!(promise instanceof Promise)) promise = Promise.resolve(promise);
      return promise.then(resolve, reject);
    });
  }

  traceCallback(fn, position = -1, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    const { asyncStart, asyncEnd, error } = this;
    const callback = args.at(position);
    validateFunction(callback, 'callback');
    function wrappedCallback(err, result) {
      if (err) {
        context.error = err;
        error.publish(context);
      } else {
        context.result = result;
      }
      return asyncStart.runStores(context, () => {
        try {
          return Reflect.apply(callback, this, arguments);
        } finally {
          asyncEnd.publish(context);
        }
      });
    }
    args.splice(position, 1, wrappedCallback);
    return this.#traced(context, () => Reflect.apply(fn, thisArg, args));
  }
}

function tracingChannel(nameOrChannels) {
  return new TracingChannel(nameOrChannels);
}

module.exports = { channel, hasSubscribers, subscribe, tracingChannel, unsubscribe, Channel };
