'use strict';
// process.finalization: callbacks run at 'exit' (or 'beforeExit') for objects still alive
// then; an object collected earlier drops out, and so does an unregistered one. Each thread
// has its own registry.

const { invalidArgType } = require('internal/errors');
const { emitExperimentalWarning } = require('internal/warning');

const registered = { exit: new Set(), beforeExit: new Set() };
const registry = new FinalizationRegistry((entry) => {
  registered[entry.event].delete(entry);
  updateListeners();
});

function callRegistered(event) {
  for (const entry of [...registered[event]]) {
    const obj = entry.target.deref();
    if (obj !== undefined) entry.callback(obj, event);
  }
}
const onExit = () => callRegistered('exit');
const onBeforeExit = () => callRegistered('beforeExit');

let listening = false;
function updateListeners() {
  const wanted = registered.exit.size + registered.beforeExit.size > 0;
  if (wanted === listening) return;
  listening = wanted;
  if (wanted) {
    process.on('exit', onExit);
    process.on('beforeExit', onBeforeExit);
  } else {
    process.off('exit', onExit);
    process.off('beforeExit', onBeforeExit);
  }
}

function add(obj, callback, event) {
  if (obj === null || (typeof obj !== 'object' && typeof obj !== 'function')) throw invalidArgType('obj', 'of type object', obj);
  const entry = { target: new WeakRef(obj), callback, event };
  registered[event].add(entry);
  registry.register(obj, entry, obj);
  updateListeners();
}

function register(obj, callback) {
  emitExperimentalWarning('process.finalization.register');
  add(obj, callback, 'exit');
}

function registerBeforeExit(obj, callback) {
  emitExperimentalWarning('process.finalization.registerBeforeExit');
  add(obj, callback, 'beforeExit');
}

function unregister(obj) {
  emitExperimentalWarning('process.finalization.unregister');
  registry.unregister(obj);
  for (const entries of Object.values(registered)) {
    for (const entry of entries) if (entry.target.deref() === obj) entries.delete(entry);
  }
  updateListeners();
}

module.exports = { register, registerBeforeExit, unregister };
