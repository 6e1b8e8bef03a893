// How util.inspect shows node's web classes: AbortController / AbortSignal, TextEncoder /
// TextDecoder (depth limits, subclasses, nesting), and the depth a custom inspect function is
// given in its options (the whole depth, not what is left).
const util = require('util');
const controller = new AbortController();
console.log(controller, controller.signal, AbortSignal.abort(), new TextEncoder(), new TextDecoder());
console.log(util.inspect(controller, { depth: 0 }), util.inspect(controller.signal, { depth: -1 }));
console.log([new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })], { deep: { deeper: { signal: controller.signal } } });
class Sub extends AbortController {}
console.log(new Sub(), util.inspect({ a: { b: new Sub() } }, { depth: 1 }));
const custom = { [util.inspect.custom](depth, options) { return `depth=${depth} options.depth=${options.depth}`; } };
console.log(custom, [custom], { a: { b: custom } }, util.inspect([[custom]], { depth: 5 }), util.inspect([custom], { depth: null }));
