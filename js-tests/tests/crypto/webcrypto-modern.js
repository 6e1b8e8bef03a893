'use strict';
// SubtleCrypto's node-24 additions on fixed keys: SHA-3 digests and SHA-3 hashes in HMAC and
// HKDF, cSHAKE128/256 (with function names and customizations, outputs not whole bytes),
// KMAC128/256 (short keys, keys of an odd bit length), ChaCha20-Poly1305 and AES-OCB (short
// tags), raw-secret-only formats and their JWK "alg"s, SubtleCrypto.supports, the
// encapsulation methods, CryptoKey's copied algorithm/usages and brand, and node's errors.

const { subtle } = globalThis.crypto;
const { SubtleCrypto } = globalThis;
const util = require('util');
process.removeAllListeners('warning');
process.on('warning', () => {});

const hex = (buffer) => Buffer.from(buffer).toString('hex');
const error = (e) => `${e.name} ${e.code} ${e.message}`;
async function attempt(label, run) {
  try {
    const value = await run();
    console.log(label, value instanceof ArrayBuffer ? hex(value) : value);
  } catch (e) {
    console.log(label, error(e));
  }
}
const data = Buffer.from('The quick brown fox jumps over the lazy dog');

(async () => {
  for (const name of ['SHA3-256', 'SHA3-384', 'SHA3-512']) await attempt(name, () => subtle.digest(name, data));
  for (const algorithm of [
    { name: 'cSHAKE128', outputLength: 256 },
    { name: 'cSHAKE256', outputLength: 9 },
    { name: 'cSHAKE128', outputLength: 0 },
    { name: 'cSHAKE128', outputLength: 128, customization: Buffer.from('Email Signature') },
    { name: 'cSHAKE256', outputLength: 200, functionName: Buffer.from('TupleHash'), customization: Buffer.from('x') },
    { name: 'cSHAKE128', outputLength: 128, functionName: Buffer.from('SHAKE') },
    { name: 'cSHAKE128', outputLength: 128, customization: Buffer.alloc(513) },
    { name: 'cSHAKE128', outputLength: 0xffffffff },
    { name: 'cSHAKE128' },
  ]) await attempt(JSON.stringify({ ...algorithm, customization: algorithm.customization?.length }), () => subtle.digest(algorithm, data));

  const hmac = await subtle.importKey('raw', Buffer.alloc(32, 7), { name: 'HMAC', hash: 'SHA3-256' }, true, ['sign']);
  await attempt('hmac sha3', () => subtle.sign('HMAC', hmac, data));
  await attempt('hmac sha3 jwk', async () => JSON.stringify(await subtle.exportKey('jwk', hmac)));
  await attempt('hmac sha3 no length', () => subtle.generateKey({ name: 'HMAC', hash: 'SHA3-256' }, true, ['sign']));
  await attempt('hmac length 0', () => subtle.importKey('raw', Buffer.alloc(4), { name: 'HMAC', hash: 'SHA-256', length: 0 }, true, ['sign']));
  await attempt('hmac length 9', async () => hex(await subtle.exportKey('raw',
    await subtle.importKey('raw', Buffer.from([0xff, 0xff]), { name: 'HMAC', hash: 'SHA-256', length: 9 }, true, ['sign']))));
  const hkdf = await subtle.importKey('raw', Buffer.alloc(16, 1), 'HKDF', false, ['deriveBits']);
  await attempt('hkdf sha3', () => subtle.deriveBits({ name: 'HKDF', hash: 'SHA3-256', salt: Buffer.alloc(4), info: Buffer.alloc(4) }, hkdf, 128));
  await attempt('hkdf info 1025', () => subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: Buffer.alloc(0), info: Buffer.alloc(1025) }, hkdf, 0));

  for (const [name, key, length, outputLength, customization] of [
    ['KMAC128', Buffer.alloc(32, 0x40), undefined, 256, undefined],
    ['KMAC256', Buffer.alloc(32, 0x40), undefined, 512, Buffer.from('My Tagged Application')],
    ['KMAC128', Buffer.from([0, 1, 2]), undefined, 9, undefined],
    ['KMAC128', Buffer.from([0xff, 0xff, 0xff, 0x80]), 25, 128, undefined],
  ]) {
    const kmac = await subtle.importKey('raw-secret', key, { name, length }, true, ['sign', 'verify']);
    const params = { name, outputLength, customization };
    await attempt(`${name} ${key.length} ${outputLength}`, async () => {
      const mac = await subtle.sign(params, kmac, data);
      return `${hex(mac)} ${await subtle.verify(params, kmac, mac, data)} ${JSON.stringify(kmac.algorithm)}`;
    });
  }
  await attempt('kmac raw', () => subtle.importKey('raw', Buffer.alloc(16), 'KMAC128', true, ['sign']));
  await attempt('kmac generate', async () => JSON.stringify((await subtle.generateKey('KMAC256', true, ['sign'])).algorithm));
  await attempt('kmac jwk alg', async () => (await subtle.exportKey('jwk', await subtle.generateKey('KMAC128', true, ['sign']))).alg);

  const chacha = await subtle.importKey('raw-secret', Buffer.alloc(32, 3), 'ChaCha20-Poly1305', true, ['encrypt', 'decrypt']);
  const chachaParams = { name: 'ChaCha20-Poly1305', iv: Buffer.alloc(12, 1), additionalData: Buffer.from('aad') };
  const sealed = await subtle.encrypt(chachaParams, chacha, data);
  console.log('chacha', hex(sealed), Buffer.from(await subtle.decrypt(chachaParams, chacha, sealed)).toString());
  await attempt('chacha iv 16', () => subtle.encrypt({ name: 'ChaCha20-Poly1305', iv: Buffer.alloc(16) }, chacha, data));
  await attempt('chacha tag 64', () => subtle.encrypt({ ...chachaParams, tagLength: 64 }, chacha, data));
  await attempt('chacha tampered', () => subtle.decrypt(chachaParams, chacha, Buffer.concat([Buffer.from(sealed), Buffer.alloc(1)])));
  await attempt('chacha 16-byte key', () => subtle.importKey('raw-secret', Buffer.alloc(16), 'ChaCha20-Poly1305', true, ['encrypt']));
  await attempt('chacha raw', () => subtle.importKey('raw', Buffer.alloc(32), 'ChaCha20-Poly1305', true, ['encrypt']));
  await attempt('chacha jwk', async () => JSON.stringify(await subtle.exportKey('jwk', chacha)));

  const ocb = await subtle.importKey('raw-secret', Buffer.alloc(24, 5), 'AES-OCB', true, ['encrypt', 'decrypt']);
  for (const tagLength of [64, 96, 128]) {
    const params = { name: 'AES-OCB', iv: Buffer.alloc(12, 2), tagLength, additionalData: Buffer.from('aad') };
    const out = await subtle.encrypt(params, ocb, data);
    console.log('ocb', tagLength, hex(out), Buffer.from(await subtle.decrypt(params, ocb, out)).toString());
  }
  await attempt('ocb iv 16', () => subtle.encrypt({ name: 'AES-OCB', iv: Buffer.alloc(16) }, ocb, data));
  await attempt('ocb tag 32', () => subtle.encrypt({ name: 'AES-OCB', iv: Buffer.alloc(12), tagLength: 32 }, ocb, data));
  await attempt('ocb jwk', async () => (await subtle.exportKey('jwk', ocb)).alg);
  await attempt('ocb raw export', () => subtle.exportKey('raw', ocb));

  console.log('supports', [
    SubtleCrypto.supports('digest', 'SHA3-256'),
    SubtleCrypto.supports('digest', { name: 'cSHAKE128', outputLength: 8, functionName: Buffer.from('SHAKE') }),
    SubtleCrypto.supports('encrypt', { name: 'AES-GCM', iv: Buffer.alloc(12) }),
    SubtleCrypto.supports('encrypt', 'AES-GCM'),
    SubtleCrypto.supports('generateKey', { name: 'AES-GCM', length: 100 }),
    SubtleCrypto.supports('deriveBits', { name: 'HKDF', hash: 'SHA-256', salt: Buffer.alloc(0), info: Buffer.alloc(0) }, 7),
    SubtleCrypto.supports('deriveKey', { name: 'HKDF', hash: 'SHA-256', salt: Buffer.alloc(0), info: Buffer.alloc(0) },
      { name: 'AES-GCM', length: 128 }),
    SubtleCrypto.supports('wrapKey', 'AES-KW', 'AES-GCM'),
    SubtleCrypto.supports('foo', 'SHA-256'),
  ].join(' '));
  await attempt('supports this', () => SubtleCrypto.supports.call(undefined));
  await attempt('supports args', () => SubtleCrypto.supports('digest'));
  await attempt('supports range', () => SubtleCrypto.supports('deriveBits', 'HKDF', 2 ** 32));

  const aes = await subtle.generateKey({ name: 'AES-GCM', length: 128 }, true, ['encrypt']);
  await attempt('encapsulateBits', () => subtle.encapsulateBits('AES-GCM', aes));
  await attempt('decapsulateKey args', () => subtle.decapsulateKey());
  await attempt('encapsulate usage', () => subtle.generateKey({ name: 'AES-GCM', length: 128 }, true, ['encapsulateBits']));
  console.log('lengths', ['encapsulateBits', 'encapsulateKey', 'decapsulateBits', 'decapsulateKey'].map((m) => subtle[m].length).join(' '));

  const { publicKey } = await subtle.generateKey('Ed25519', true, ['sign', 'verify']);
  publicKey.algorithm.name = 'changed';
  publicKey.usages.push('changed');
  console.log('copied', publicKey.algorithm.name, publicKey.usages.join(','), util.inspect(publicKey).includes("name: 'Ed25519'"));
  const CryptoKey = publicKey.constructor;
  const spoofed = Object.create(Object.getPrototypeOf(publicKey));
  console.log('brand', spoofed instanceof CryptoKey, util.types.isCryptoKey(spoofed), util.types.isCryptoKey(publicKey));
  await attempt('spoofed export', () => subtle.exportKey('jwk', spoofed));
  await attempt('getter on {}', () => Object.getOwnPropertyDescriptor(CryptoKey.prototype, 'type').get.call({}));
})();
