'use strict';
// process.title as the system shows it (/proc/self/cmdline), and domains with promises: an
// unhandled rejection inside one goes to its 'error', a vm context's promise gets no
// `domain` property yet runs its reactions in the domain.
const fs = require('fs');
const domain = require('domain');
const vm = require('vm');

process.on('warning', (warning) => console.log('warning', warning.name, warning.code, warning.message));

const title = 'anode-title';
process.title = title;
const descriptor = Object.getOwnPropertyDescriptor(process, 'title');
console.log(process.title === title, fs.readFileSync('/proc/self/cmdline', 'latin1').split('\0')[0] === title,
  Object.keys(descriptor), descriptor.writable, descriptor.enumerable, descriptor.configurable);
process.title = 42;
console.log(process.title);

const inDomain = domain.create();
inDomain.on('error', (err) => console.log('domain error', err.message));
inDomain.run(() => {
  Promise.reject(new Error('rejected inside'));
  const promise = vm.runInContext('Promise.resolve(5)', vm.createContext({}));
  console.log('vm promise domain', promise.domain);
  promise.then((value) => console.log('reaction in domain', process.domain === inDomain, value));
});
