// domain: errors of timers, immediates, ticks, emitters, Node-API async work and
// napi_make_callback receivers with a `domain` routed to the domain that was active, nested
// domains, bind/intercept/add/remove, and what process.domain is at each point.
const assert = require('assert');
const EventEmitter = require('events');
const { addon } = require('../../common');
const areas = addon('napi_areas');
const basics = addon('napi_basics');

console.log('before require', process.domain);
const domain = require('domain');
console.log(Object.keys(domain).sort().join(), Object.getOwnPropertyNames(domain.Domain.prototype).sort().join());
console.log('after require', process.domain, domain.active, EventEmitter.usingDomains);

const describe = (er) => (typeof er === 'object' && er !== null
  ? `${er.message} code=${er.code} thrown=${er.domainThrown} emitter=${er.domainEmitter !== undefined}`
  : `${typeof er} ${er}`);
const where = (d) => (process.domain === d ? 'in it' : `outside (${process.domain === undefined ? 'undefined' : process.domain === null ? 'null' : 'another'})`);

function made(name) {
  const d = domain.create();
  d.name = name;
  d.on('error', (er) => console.log(`${name} error:`, describe(er), er.domain === d, where(d), domain._stack.length));
  return d;
}

const steps = [];
const next = () => {
  const step = steps.shift();
  if (step) setTimeout(step, 2);
};

// A synchronous throw inside run().
steps.push(() => {
  const d = made('sync');
  console.log('own keys', Object.keys(d).join(), d.members.length, d.domain);
  d.run(() => {
    console.log('run', where(d), domain.active === d, domain._stack.length);
    throw new Error('thrown in run');
  });
});

// Callbacks scheduled inside run() run in the domain; a timer's throw goes to it.
steps.push(() => {
  const d = made('async');
  const seen = [];
  d.run((a, b) => {
    console.log('run args', a, b);
    process.nextTick(() => seen.push(`tick ${where(d)}`));
    queueMicrotask(() => seen.push(`microtask ${where(d)}`));
    setImmediate(() => seen.push(`immediate ${where(d)}`));
    setTimeout(() => {
      seen.push(`timeout ${where(d)}`);
      console.log(seen.join(', '));
      throw new Error('thrown in a timer');
    }, 1);
  }, 'a', 'b');
  console.log('after run', where(d));
});

// Promise reactions run in the domain their promise was made in, Node-API promises too
// (an env made before the first domain loses its promise template); a rejection caught by
// the promise chain is not the domain's.
steps.push(() => {
  const d = made('promises');
  let later;
  d.run(() => {
    Promise.resolve(1).then((v) => console.log('then', v, where(d)));
    (async () => {
      await null;
      console.log('after await', where(d));
    })();
    later = new Promise((resolve) => setTimeout(resolve, 1));
    console.log('promise domain', Promise.resolve().domain === d);
    const [napiPromise] = basics.makePromises(1);
    console.log('Node-API promise domain', napiPromise.domain === d);
    napiPromise.then((v) => console.log('Node-API promise settled', v, where(d)));
    setTimeout(() => basics.settlePromises(['value'], [false]), 1);
  });
  later.then(() => {
    console.log('then of a promise made in the domain', where(d));
    return Promise.reject(new Error('rejected in the domain'));
  }).catch((er) => {
    console.log('caught', er.message, er.domain === undefined, where(d));
    Promise.resolve().then(() => console.log('outside', where(d)));
    next();
  });
  Promise.resolve().then(() => console.log('made outside', where(d)));
});

// Emitters made inside a domain belong to it.
steps.push(() => {
  const d = made('emitters');
  let e;
  d.run(() => { e = new EventEmitter(); });
  console.log('emitter domain', e.domain === d, Object.keys(e).includes('domain'));
  e.on('event', () => console.log('listener', where(d)));
  e.emit('event');
  e.emit('error', new Error('emitted'));
  e.emit('error');
  e.emit('error', 'a string');
  const plain = new EventEmitter();
  console.log('plain emitter domain', plain.domain);
  d.add(plain);
  console.log('members', d.members.length, plain.domain === d);
  plain.emit('error', new Error('added emitter'));
  d.remove(plain);
  console.log('members after remove', d.members.length, plain.domain);
  try {
    plain.emit('error', new Error('removed emitter'));
  } catch (er) {
    console.log('removed emitter throws', er.message);
  }
  next();
});

// bind and intercept.
steps.push(() => {
  const d = made('bound');
  const bound = d.bind(function (a, b) {
    console.log('bound', this.tag, a, b, where(d));
    return 'bound result';
  });
  console.log(bound.name, bound.length, bound.domain === d, bound.call({ tag: 'T' }, 1, 2));
  const intercepted = d.intercept(function (a, b) {
    console.log('intercepted', a, b, where(d));
    return 'intercepted result';
  });
  console.log(intercepted.name, intercepted(null, 1, 2));
  const er = new Error('passed to intercept');
  console.log(intercepted(er), er.domainBound !== undefined, er.domainThrown);
  next();
});

// Nested domains: an inner one with no 'error' listener leaves the error to the outer one.
steps.push(() => {
  const outer = made('outer');
  const inner = domain.create();
  outer.run(() => {
    inner.run(() => {
      console.log('nested stack', domain._stack.length, where(inner));
      throw new Error('thrown in the inner domain');
    });
  });
});

// napi_make_callback without an async context enters the receiver's domain.
steps.push(() => {
  const d1 = made('make_callback');
  const d2 = domain.create();
  const result = areas.makeCallbackOn({ domain: d1 }, () => {
    console.log('make_callback d1', where(d1));
    areas.makeCallbackOn({ domain: d2 }, () => console.log('make_callback d2', where(d2)), false);
    console.log('back in d1', where(d1));
    return 42;
  }, false);
  console.log('make_callback result', result, process.domain);
  areas.makeCallbackOn({ domain: d1 }, () => {
    throw new Error('thrown through make_callback');
  }, false);
  console.log('not reached');
});

// With an async context the receiver's domain is not entered; async work made inside a
// domain completes in it.
steps.push(() => {
  const d = made('async work');
  areas.makeCallbackOn({ domain: d }, () => console.log('with a context', where(d)), true);
  d.run(() => areas.asyncWork(undefined, 'work', () => {
    console.log('async work complete', where(d));
    throw new Error('thrown by an async work callback');
  }));
});

// Without a listener on any entered domain an uncaught error reaches 'uncaughtException'.
steps.push(() => {
  process.once('uncaughtException', (er) => {
    console.log('uncaughtException', er.message, er.domainThrown, process.domain);
    next();
  });
  domain.create().run(() => {
    throw new Error('no listener');
  });
});

steps.push(() => {
  assert.throws(() => process.setUncaughtExceptionCaptureCallback(() => {}),
    { code: 'ERR_DOMAIN_CANNOT_SET_UNCAUGHT_EXCEPTION_CAPTURE' });
  console.log('capture callback refused', process.hasUncaughtExceptionCaptureCallback(), process.domain);
});

// Each domain's 'error' handler moves to the next step.
const emitError = domain.Domain.prototype.emit;
domain.Domain.prototype.emit = function (type, ...args) {
  const result = Reflect.apply(emitError, this, [type, ...args]);
  if (type === 'error' && this.name !== 'emitters' && this.name !== 'bound') next();
  return result;
};
next();
