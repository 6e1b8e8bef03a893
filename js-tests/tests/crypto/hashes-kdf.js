// Hashes, HMACs and key derivation on OpenSSL: digests under OpenSSL's names (RSA-SHA256,
// sha512-256, SHAKE with output lengths), crypto.hash, pbkdf2/scrypt/hkdf sync and async with
// node's bytes, and node's errors.
const crypto = require('crypto');
const show = (label, fn) => {
  try {
    console.log(label, fn());
  } catch (err) {
    console.log(label, 'throws', err.name, err.code, err.message);
  }
};
for (const name of ['md5', 'sha1', 'RSA-SHA256', 'sha512-256', 'sha3-256', 'ripemd160', 'blake2b512']) {
  show(name, () => crypto.createHash(name).update('abc').digest('hex'));
}
show('shake256/10', () => crypto.createHash('shake256', { outputLength: 10 }).update('abc').digest('hex'));
show('shake copy', () => {
  const h = crypto.createHash('shake128', { outputLength: 4 }).update('a');
  return [h.copy({ outputLength: 8 }).digest('hex'), h.digest('hex')];
});
show('hash one-shot', () => [crypto.hash('sha256', 'abc'), crypto.hash('sha1', Buffer.from('abc'), 'base64')]);
show('hash xof', () => crypto.hash('shake128', 'abc', { outputLength: 5 }));
show('sha256 with length', () => crypto.createHash('sha256', { outputLength: 5 }));
show('unknown hash', () => crypto.createHash('sha-nope'));
show('hmac', () => crypto.createHmac('sha256', 'key').update('data').digest('base64'));
show('hmac empty key', () => crypto.createHmac('sha1', '').update('data').digest('hex'));
show('hmac unknown', () => crypto.createHmac('nope', 'key'));
show('hashes', () => ['sha256', 'RSA-SHA256', 'shake256'].map((name) => crypto.getHashes().includes(name)));
show('pbkdf2Sync', () => crypto.pbkdf2Sync('password', 'salt', 1000, 32, 'sha256').toString('hex'));
show('pbkdf2 digest', () => crypto.pbkdf2Sync('password', 'salt', 1, 32, 'nope'));
show('scryptSync', () => crypto.scryptSync('password', 'salt', 32, { N: 1024 }).toString('hex'));
show('scrypt params', () => crypto.scryptSync('password', 'salt', 32, { N: 3 }));
show('scrypt maxmem', () => crypto.scryptSync('password', 'salt', 32, { maxmem: 1 }));
show('hkdfSync', () => Buffer.from(crypto.hkdfSync('sha256', 'key', 'salt', 'info', 42)).toString('hex'));
show('hkdf empty key', () => Buffer.from(crypto.hkdfSync('sha256', '', '', '', 16)).toString('hex'));
show('hkdf too long', () => crypto.hkdfSync('sha256', 'key', 'salt', 'info', 255 * 32 + 1));
// The async forms run off the JS thread and may finish in any order (as on node's threadpool):
// results are shown at exit, by name.
const results = {};
let syncFirst = false;
crypto.pbkdf2('password', 'salt', 10000, 16, 'sha512', (err, key) => {
  results.pbkdf2 = [err, key.toString('hex')];
});
crypto.scrypt('password', 'salt', 16, (err, key) => {
  results.scrypt = [err, key.toString('hex')];
});
crypto.hkdf('sha512', 'key', 'salt', 'info', 16, (err, key) => {
  results.hkdf = [err, key instanceof ArrayBuffer, Buffer.from(key).toString('hex')];
});
crypto.pbkdf2('password', 'salt', 1, 16, 'sha1', () => {});
syncFirst = Object.keys(results).length === 0;
process.on('exit', () => {
  console.log('callbacks after sync code', syncFirst);
  for (const name of Object.keys(results).sort()) console.log(name, ...results[name]);
});
