// Ciphers on OpenSSL: AES-256-GCM with a fixed key and IV gives node's bytes and tag and round
// trips (a wrong tag fails to authenticate); CBC padding, CTR, CCM, OCB and ChaCha20-Poly1305;
// node's errors for bad keys, IVs, tag lengths and states.
const crypto = require('crypto');
const show = (label, fn) => {
  try {
    console.log(label, fn());
  } catch (err) {
    console.log(label, 'throws', err.name, err.code, err.message);
  }
};
const key = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');
const iv = Buffer.from('cafebabefacedbaddecaf888', 'hex');
const aad = Buffer.from('header');
const plaintext = 'The quick brown fox jumps over the lazy dog';

const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
cipher.setAAD(aad);
const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
const tag = cipher.getAuthTag();
console.log('gcm ciphertext', encrypted.toString('hex'));
console.log('gcm tag', tag.toString('hex'));

const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
decipher.setAAD(aad);
decipher.setAuthTag(tag);
console.log('gcm plaintext', decipher.update(encrypted, undefined, 'utf8') + decipher.final('utf8'));

show('gcm wrong tag', () => {
  const bad = crypto.createDecipheriv('aes-256-gcm', key, iv);
  bad.setAAD(aad);
  bad.setAuthTag(Buffer.alloc(16));
  bad.update(encrypted);
  return bad.final();
});

for (const name of ['aes-128-cbc', 'aes-192-ctr', 'aes-256-ecb', 'aes-128-cfb8', 'des-ede3-cbc']) {
  const info = crypto.getCipherInfo(name);
  const k = key.subarray(0, info.keyLength);
  const v = info.ivLength ? iv.subarray(0, 8).toString('hex').repeat(2).slice(0, info.ivLength * 2) : null;
  const ivBytes = v === null ? null : Buffer.from(v, 'hex');
  const c = crypto.createCipheriv(name, k, ivBytes);
  const out = c.update(plaintext, 'utf8', 'base64') + c.final('base64');
  const d = crypto.createDecipheriv(name, k, ivBytes);
  console.log(name, info.mode, out, d.update(out, 'base64', 'utf8') + d.final('utf8') === plaintext);
}

show('no padding', () => {
  const c = crypto.createCipheriv('aes-128-cbc', key.subarray(0, 16), iv.subarray(0, 8).toString('hex').repeat(2));
  c.setAutoPadding(false);
  c.update('abc');
  return c.final();
});
show('bad decrypt', () => {
  const d = crypto.createDecipheriv('aes-128-cbc', key.subarray(0, 16), Buffer.alloc(16));
  d.update(Buffer.alloc(16));
  return d.final();
});

for (const [name, ivLength, options] of [['aes-128-ccm', 12, { authTagLength: 16 }], ['aes-128-ocb', 12, { authTagLength: 16 }], ['chacha20-poly1305', 12, { authTagLength: 16 }]]) {
  const k = key.subarray(0, crypto.getCipherInfo(name).keyLength);
  const v = iv.subarray(0, ivLength);
  const c = crypto.createCipheriv(name, k, v, options);
  c.setAAD(aad, { plaintextLength: Buffer.byteLength(plaintext) });
  const out = Buffer.concat([c.update(plaintext), c.final()]);
  const t = c.getAuthTag();
  const d = crypto.createDecipheriv(name, k, v, options);
  d.setAuthTag(t);
  d.setAAD(aad, { plaintextLength: out.length });
  console.log(name, out.toString('hex'), t.toString('hex'), Buffer.concat([d.update(out), d.final()]).toString() === plaintext);
}

show('unknown cipher', () => crypto.createCipheriv('aes-128-nope', key, iv));
show('key length', () => crypto.createCipheriv('aes-128-cbc', key, Buffer.alloc(16)));
show('iv length', () => crypto.createCipheriv('aes-128-cbc', key.subarray(0, 16), iv));
show('tag length', () => crypto.createCipheriv('aes-256-gcm', key, iv, { authTagLength: 3 }));
show('ccm needs tag length', () => crypto.createCipheriv('aes-128-ccm', key.subarray(0, 16), iv));
show('early tag', () => crypto.createCipheriv('aes-256-gcm', key, iv).getAuthTag());
show('final twice', () => {
  const c = crypto.createCipheriv('aes-256-gcm', key, iv);
  c.final();
  return c.final();
});
show('key type', () => crypto.createCipheriv('aes-256-gcm', 5, iv));
show('secret key object', () => {
  const k = crypto.createSecretKey(key);
  const c = crypto.createCipheriv('aes-256-gcm', k, iv);
  return [k.type, k.symmetricKeySize, k.export({ format: 'jwk' }).k, c.update('x').toString('hex')];
});
show('info', () => [crypto.getCipherInfo('aes-256-gcm'), crypto.getCipherInfo('aes-128-ccm', { ivLength: 7 }), crypto.getCipherInfo('nope')]);
show('lists', () => [crypto.getCiphers().includes('aes-256-gcm'), crypto.getCurves().includes('prime256v1')]);
