// Built-in modules by plain and node: names are the same objects.
console.log(require('events') === require('node:events'));
console.log(require('path') === require('node:path'), require('util') === require('node:util'));
console.log(typeof require('events').once, typeof require('timers').setTimeout);
console.log(require('module').isBuiltin('node:events'), require('module').isBuiltin('fs/promises/nope'));
console.log(require('assert').strict.equal === require('assert').strictEqual);
const EventEmitter = require('events');
const e = new EventEmitter();
e.once('x', (v) => console.log('once', v));
e.on('x', (v) => console.log('on', v));
e.prependListener('x', (v) => console.log('prepended', v));
e.emit('x', 1);
e.emit('x', 2);
console.log(e.listenerCount('x'), e.eventNames());
