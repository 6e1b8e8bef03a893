// crypto: hashes and HMACs of every supported digest (streamed, copied, as a Transform),
// crypto.hash, PBKDF2, random bytes, integers, UUIDs and getRandomValues, timingSafeEqual,
// globalThis.crypto, and node's errors for bad input.
const c = require('crypto');
const show = (f) => { try { console.log(f()); } catch (e) { console.log(e.name, e.code, e.message); } };
show(() => c.createHash('nope'));
show(() => c.createHash(5));
const h = c.createHash('sha256'); h.update('a'); console.log(h.digest('hex')); show(() => h.digest()); show(() => h.update('x')); show(() => h.copy());
show(() => c.createHash('sha256').update(5));
show(() => c.createHash('SHA256').update('abc', 'hex').digest('base64url'));
show(() => c.createHash('SHA256').update('abcd', 'hex').digest('base64url'));
const m = c.createHmac('sha1', 'key'); m.update('x'); console.log(m.digest('hex')); show(() => m.digest('hex')); show(() => m.digest()); show(() => m.update('y'));
show(() => c.createHmac('nope', 'k'));
show(() => c.createHmac('sha256'));
show(() => c.createHmac(5, 'k'));
show(() => c.timingSafeEqual(Buffer.from('a'), Buffer.from('ab')));
show(() => c.timingSafeEqual(Buffer.from('ab'), Buffer.from('ab')));
show(() => c.timingSafeEqual(Buffer.from('ab'), Buffer.from('ac')));
show(() => c.randomBytes(-1));
show(() => c.randomBytes('x'));
show(() => c.randomBytes(16).length);
show(() => c.randomInt(5, 5));
show(() => { const v = c.randomInt(10); return v >= 0 && v < 10; });
show(() => { const v = c.randomInt(-5, -2); return v >= -5 && v < -2; });
show(() => c.getRandomValues(new Float64Array(2)));
show(() => c.getRandomValues(new Uint8Array(65537)));
show(() => c.getRandomValues(new Uint32Array(4)).length);
show(() => c.hash('sha1', 'abc'));
show(() => c.hash('sha1', 'abc', 'buffer'));
show(() => c.hash('md5', Buffer.from('abc'), 'base64'));
for (const alg of ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha512-224', 'sha512-256', 'sha3-224', 'sha3-256', 'sha3-384', 'sha3-512', 'RSA-SHA256', 'RSA-SHA512/256']) {
  const data = 'The quick brown fox jumps over the lazy dog'.repeat(100);
  const a = c.createHash(alg).update(data.slice(0, 77)).update(Buffer.from(data.slice(77)));
  const copy = a.copy();
  console.log(alg, a.digest('hex'), copy.update('more').digest('base64'), c.createHmac(alg, 'k'.repeat(200)).update(data).digest('hex').slice(0, 32));
}
console.log(c.pbkdf2Sync('password', 'salt', 1000, 32, 'sha256').toString('hex'));
show(() => c.pbkdf2Sync('password', 'salt', 0, 32, 'sha256'));
show(() => c.pbkdf2Sync('password', 'salt', 1, 32, 'nope'));
show(() => c.pbkdf2Sync('password', 'salt', 1, 32));
c.pbkdf2('pw', Buffer.from('salt'), 2, 20, 'sha1', (err, key) => console.log('async pbkdf2', err, key.toString('hex')));
c.randomBytes(8, (err, buf) => console.log('async randomBytes', err, buf.length));
const filled = c.randomFillSync(Buffer.alloc(10, 0), 2, 3);
console.log(filled[0], filled[1], filled[5], filled.length);
show(() => c.randomFillSync(Buffer.alloc(4), 5));
console.log(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(c.randomUUID()));
console.log(typeof globalThis.crypto.getRandomValues, globalThis.crypto.getRandomValues(new Uint8Array(3)).length, typeof crypto.randomUUID());
const stream = c.createHash('sha1');
stream.on('readable', () => { const d = stream.read(); if (d) console.log('piped', d.toString('hex')); });
stream.write('abc'); stream.end('def');
console.log(c.getHashes().includes('sha256'), c.createHash('md5') instanceof require('stream').Transform);
