// dns and dgram callbacks run in the async context they were started in (AsyncLocalStorage),
// as async resources of node's types (GETADDRINFOREQWRAP, GETNAMEINFOREQWRAP, UDPWRAP,
// UDPSENDWRAP).
'use strict';
const { AsyncLocalStorage, createHook } = require('async_hooks');
const dgram = require('dgram');
const dns = require('dns');

const types = new Set();
createHook({ init(id, type) { if (/^(GETADDRINFO|GETNAMEINFO|QUERY|UDP)/.test(type)) types.add(type); } }).enable();
const store = new AsyncLocalStorage();

store.run('lookup', () => dns.lookup('localhost', () => {
  console.log('lookup callback store', store.getStore());
  store.run('service', () => dns.lookupService('127.0.0.1', 22, () => {
    console.log('lookupService callback store', store.getStore());
    let server;
    store.run('server', () => {
      server = dgram.createSocket('udp4');
      server.on('message', () => {
        console.log('message store', store.getStore());
        server.close();
        console.log('types', [...types].sort());
      });
    });
    server.bind(0, '127.0.0.1', () => {
      const client = dgram.createSocket('udp4');
      store.run('send', () => client.send('x', server.address().port, '127.0.0.1', () => {
        console.log('send callback store', store.getStore());
        client.close();
      }));
    });
  }));
}));
