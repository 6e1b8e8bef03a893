// A BlockList in a message (structuredClone, a worker's port) is the same list: a rule the
// worker adds, the sender's list checks, and the worker's copy checks the sender's rules.
'use strict';
const { BlockList } = require('net');
const { Worker } = require('worker_threads');
const b = new BlockList();
b.addAddress('10.0.0.1');
b.addSubnet('8592:757c:efae:4e45::', 64, 'ipv6');
b.addRange('10.0.0.5', '10.0.0.9');
const w = new Worker(`const { parentPort } = require('worker_threads');
parentPort.once('message', (list) => { list.addAddress('10.0.0.2'); parentPort.postMessage([list.check('10.0.0.1'), list.check('10.0.0.7'), list.check('8592:757c:efae:4e45::1', 'ipv6'), list.rules]); });`, { eval: true });
w.postMessage(b);
w.once('message', (m) => { console.log(m, b.check('10.0.0.2'), b.rules); w.terminate(); });
console.log(structuredClone(b).rules);
