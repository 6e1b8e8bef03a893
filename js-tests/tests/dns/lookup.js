// dns: lookup through the system resolver (localhost from /etc/hosts, family/all/order
// options, IP literals, the empty hostname), lookupService, util.promisify and
// dns.promises forms, an unknown name's error, argument errors, and the module's surface.
'use strict';
const dns = require('dns');
const util = require('util');

const show = (f) => {
  try {
    const result = f();
    console.log('returned', typeof result);
  } catch (e) {
    console.log(e.name, e.code, JSON.stringify(e.message));
  }
};

async function main() {
  const step = (label, run) => new Promise((resolve) => run((...args) => {
    console.log(label, ...args.map((arg) => (arg instanceof Error ? `${arg.code} ${arg.syscall} ${arg.hostname} ${arg.errno}` : arg)));
    resolve();
  }));
  await step('localhost', (done) => dns.lookup('localhost', done));
  await step('localhost family 4', (done) => dns.lookup('localhost', 4, done));
  await step('localhost all', (done) => dns.lookup('localhost', { all: true, family: 'IPv4' }, (err, list) => done(err, JSON.stringify(list))));
  await step('localhost ipv4first', (done) => dns.lookup('localhost', { order: 'ipv4first', all: true }, (err, list) => done(err, JSON.stringify(list))));
  await step('literal v4', (done) => dns.lookup('10.1.2.3', done));
  await step('literal v6 all', (done) => dns.lookup('::1', { all: true }, (err, list) => done(err, JSON.stringify(list))));
  await step('service', (done) => dns.lookupService('127.0.0.1', 22, done));
  await step('unknown', (done) => dns.lookup('no-such-host.invalid', done));
  console.log('promisified', await util.promisify(dns.lookup)('localhost', { family: 4 }));
  console.log('promisified service', await util.promisify(dns.lookupService)('127.0.0.1', 80));
  console.log('promises', await dns.promises.lookup('localhost', { family: 4 }));
  console.log('promises all', await dns.promises.lookup('127.0.0.1', { all: true }));
  console.log('promises service', await dns.promises.lookupService('127.0.0.1', 22));
  await dns.promises.lookup('no-such-host.invalid').catch((e) => console.log('promises unknown', e.message, e.code, e.errno));
  console.log('order', dns.getDefaultResultOrder());
  dns.setDefaultResultOrder('ipv4first');
  console.log('order', dns.getDefaultResultOrder(), dns.promises.getDefaultResultOrder());
  console.log('constants', dns.ADDRCONFIG, dns.V4MAPPED, dns.ALL, dns.NOTFOUND, dns.TIMEOUT, dns.CANCELLED, dns.promises.NODATA);
  console.log('names', dns.resolve4.name, dns.reverse.name, typeof require('dns/promises').resolveTxt, require('dns/promises') === dns.promises);
  show(() => dns.lookup(5, () => {}));
  show(() => dns.lookup('x', 7, () => {}));
  show(() => dns.lookup('x', { family: 'IPv5' }, () => {}));
  show(() => dns.lookup('x', { hints: 99999 }, () => {}));
  show(() => dns.lookup('x', { all: 1 }, () => {}));
  show(() => dns.lookup('x', { order: 'x' }, () => {}));
  show(() => dns.lookup('x', {}));
  show(() => dns.lookupService('x', 80, () => {}));
  show(() => dns.lookupService('1.2.3.4', 'a', () => {}));
  show(() => dns.lookupService('1.2.3.4', 80));
  show(() => dns.resolve4(5, () => {}));
  show(() => dns.resolve4('x'));
  show(() => dns.resolve('x', 'Q', () => {}));
  show(() => dns.resolve('x', 5, () => {}));
  show(() => dns.setServers('x'));
  show(() => dns.setServers(['x']));
  show(() => dns.setServers([5]));
  show(() => dns.reverse('x', () => {}));
  show(() => new dns.Resolver({ timeout: 'x' }));
  show(() => new dns.Resolver({ tries: 0 }));
  show(() => new dns.Resolver({ maxTimeout: -5 }));
  show(() => dns.setDefaultResultOrder('x'));
  show(() => new dns.Resolver().setLocalAddress('x'));
  show(() => new dns.Resolver().setLocalAddress('1.2.3.4', '1.2.3.4'));
  show(() => new dns.Resolver().setLocalAddress(5));
  dns.setServers(['1.2.3.4', '[::1]:53', '1.2.3.4:5353', '::2', '[::3]:99']);
  console.log(dns.getServers(), dns.promises.getServers());
  console.log(Object.keys(dns).join(' '));
  console.log(Object.keys(dns.promises).join(' '));
}
main();
