// The async resources node's natives make, as init hooks and executionAsyncId see them: fs
// requests, crypto jobs, http parsers; a destroy for each; and a resource collected by GC.
'use strict';
const async_hooks = require('async_hooks');
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');

const watched = new Set(['FSREQCALLBACK', 'FSREQPROMISE', 'RANDOMBYTESREQUEST', 'PBKDF2REQUEST',
  'SECRETKEYGENREQUEST', 'HTTPCLIENTREQUEST', 'HTTPINCOMINGMESSAGE']);
const types = new Map();
const seen = [];
const destroyed = new Set();
const hook = async_hooks.createHook({
  init(id, type, triggerId, resource) {
    if (!watched.has(type)) return;
    types.set(id, type);
    seen.push(`${type} ${resource.constructor.name}`);
  },
  destroy(id) { if (types.has(id)) destroyed.add(types.get(id)); },
}).enable();

function inside(type) {
  return types.get(async_hooks.executionAsyncId()) === type;
}

fs.stat(__filename, () => {
  console.log('fs.stat callback in FSREQCALLBACK:', inside('FSREQCALLBACK'));
  crypto.randomBytes(8, (err, bytes) => {
    console.log('randomBytes callback in RANDOMBYTESREQUEST:', inside('RANDOMBYTESREQUEST'), bytes.length);
    crypto.pbkdf2('a', 'b', 1, 8, 'sha256', () => {
      console.log('pbkdf2 callback in PBKDF2REQUEST:', inside('PBKDF2REQUEST'));
      crypto.generateKey('hmac', { length: 64 }, (err, key) => {
        console.log('generateKey callback in SECRETKEYGENREQUEST:', inside('SECRETKEYGENREQUEST'), key.symmetricKeySize);
        serve();
      });
    });
  });
});

function serve() {
  const server = http.createServer((req, res) => {
    console.log('request handler in HTTPINCOMINGMESSAGE:', inside('HTTPINCOMINGMESSAGE'));
    res.end('ok');
  }).listen(0, () => {
    http.get({ port: server.address().port, agent: false }, (res) => {
      console.log('response handler in HTTPCLIENTREQUEST:', inside('HTTPCLIENTREQUEST'));
      res.resume();
      res.on('end', () => server.close(() => fs.promises.readFile(__filename).then(finish)));
    });
  });
}

function finish() {
  setTimeout(() => {
    hook.disable();
    console.log('init:', [...new Set(seen)].sort().join(', '));
    console.log('destroyed:', [...destroyed].sort().join(', '));
  }, 20);
}
