// napi: 10
// Statuses as Node 24 returns them: napi_define_properties whose define throws (a proxy's
// defineProperty trap, a revoked proxy) is napi_pending_exception, a define refused without
// an exception keeps its own status; calls made while an exception is pending.
const { addon, log, engineError } = require('../../common');
const node24 = addon('napi_node24');

const throwingTrap = () => new Proxy({}, { defineProperty() { throw new Error('trap threw'); } });
const refusingTrap = () => new Proxy({}, { defineProperty() { return false; } });
const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
const targets = {
  'throwing trap': throwingTrap,
  'refusing trap': refusingTrap,
  'revoked proxy': revoked,
  'frozen object': () => Object.freeze({}),
  'non-configurable p': () => Object.defineProperty({}, 'p', { value: 0 }),
};
const kinds = ['data', 'read-only data', 'method', 'getter'];
for (const [name, make] of Object.entries(targets)) {
  const outcomes = kinds.map((kind, index) => {
    const [status, exception] = node24.defineOn(make(), index);
    // The trap throws an Error; TypeErrors are the engine's (a revoked proxy).
    const shown = exception instanceof TypeError ? engineError(exception) : exception && `${exception.constructor.name}: ${exception.message}`;
    return `${kind}: ${status}${exception ? ` ${shown}` : ''}`;
  });
  log(name.padEnd(20), outcomes.join(' | '));
}
log('while pending', node24.whilePending().join(' '));
log('property keys', node24.propertyKeys());
