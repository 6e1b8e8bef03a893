'use strict';
// SubtleCrypto with fixed keys and vectors: every algorithm's deterministic output (digests,
// HMAC, AES-CBC/CTR/GCM/KW, RSASSA-PKCS1-v1_5, Ed25519, ECDH, X25519, HKDF, PBKDF2, JWK and
// spki/pkcs8/raw exports), verification of a fixed ECDSA signature, round trips of the
// randomized ones (RSA-PSS, RSA-OAEP, ECDSA, wrapKey/unwrapKey) and node's errors.

const { subtle } = globalThis.crypto;
const hex = (buffer) => Buffer.from(buffer).toString('hex');
const text = Buffer.from('The quick brown fox jumps over the lazy dog');
const error = (e) => `${e.name} ${e.code} ${e.message}`;
async function attempt(label, promise) {
  try {
    const value = await promise;
    console.log(label, 'resolved', value instanceof ArrayBuffer ? hex(value) : value);
  } catch (e) {
    console.log(label, error(e));
  }
}

const keys = {
 'rsa': {
  'alg': 'RS256',
  'kty': 'RSA',
  'n': 'n3fQ_Q0jHuZV4G_HeXq4k3bJiAoNDDL7aeUInbYePcQNifgOC8xl2gwJDH9X_0J9ctK6XABP9wh7uAWe1ldDRHyfah_TW2VkHQmILRq3mVs1lheGvfvSOjvWFqOgRBKDgO4ADqvEQdFYdGEPKlDvAGS5sc9GI9p7HMfOK_s6i08',
  'e': 'AQAB',
  'd': 'Mfs-4KGGeX_eOLswPU4OngGkRuRHlKRCEr27hpr3PYq-Z5j85gvJfJ87EtSzAwmXAi80Q_PBHH9nL5VrZGjzZvwWa_jUH7TMvPBDJi2DyMu0UrfBF01kvG8KjPwqYu6aqcHFQQn_CXJFkNT34XAWLzjgeGLNO4AzOn1nHwSDU8k',
  'p': '0uzL8delKqhpt8jDKnsnVN_YzfPR_8FSaA1Ouw8fuOtqsNZA9y2GGd9WGMXaNT_VRzvkugUOijtH6qHNsaxJUw',
  'q': 'wYvur8ufldgBxezynEyRiYrpypeOq0TKauv8-pvL6dthxWHmvX-yRBd1N31wqV3xqRq6-8jsxC6y62-JuZrqlQ',
  'dp': 'Ud0OGsMzm6bZwTbuaKJ71Xk70FN9geIqdbAUio2IJmFYe2HsvQKyNYB1DhBcbKZlxMv-LiSgTA5OD0bVaswPeQ',
  'dq': 'LnOYMKbtQThbjJZG0A5sa5dkbxQa0K4s6qaCy97yfMkDWS0bBOYN8duzbUL09CEw68YXlHBvqtIObQUTB_HPVQ',
  'qi': 'ef3B2smfKzUGVi8x4ohr-jTj6TmZMcSvGsS8z-VEWT3Znp-lQth7OXk5eAyBCeJlRmxKEiYav9N98uoY2RFXmQ'
 },
 'ec': {
  'kty': 'EC',
  'x': 'go1ECbixEMR654BWi8ai2r7AKbdWTca8JrNsJJs6Oko',
  'y': '7znt2yW6NvRggKhVVG1Lh6p0pWSLqFOhRo-Gf6fzQ94',
  'crv': 'P-256',
  'd': 'G0EI0NHpanXDsxvrEGx698_hTv-EJhrO_QYIToNmils'
 },
 'ecdhA': {
  'kty': 'EC',
  'x': 'rNHsBRDWbSORwjRB4ZQuNkdih_QBzyv5FXHaW4YQ8_jnp7p210W6Aby4FpA3Bm-N',
  'y': 'j-ZmqIGav5tdyTy_oLcEJnCE1pa4ThxFIGYa73Mbq3g-N13S_61EEXQuUC8OjxnT',
  'crv': 'P-384',
  'd': 'vR8QMqQSCXJXtzxrXsHa8AFLRDaCdk8yXaXdLH0xC1tcEASaa7mQvUtQWn5MwYbM'
 },
 'ecdhB': {
  'kty': 'EC',
  'x': 'JHA83FrSqv8vKqNCqwSzvecg49lbquLta6BgIGmL-QzaIJDEqEHyStnhMlIqh90B',
  'y': '_3nzbUgg0rV1s2Qc_6lksyQrp1O6xxtBJLXKHAc1TBL22hrL-5L3yQ7QGDwuExfj',
  'crv': 'P-384',
  'd': 'qqWuBS4ucXu6bjGdAXQxlEPKWOyv_gwcrgVg2_jV4_L18FndneQG0gONIFL0SxpB'
 },
 'ed': {
  'alg': 'Ed25519',
  'crv': 'Ed25519',
  'd': 'GPAf11L-bDS6XI-55hQcm06AbZqw83P-M8GDVFLBRiw',
  'x': 'Oad5b2km-7ge1d_l5E8CQGA-yj-GhtcfdsmcY-GRUX0',
  'kty': 'OKP'
 },
 'xA': 'MC4CAQAwBQYDK2VuBCIEIIgl741u9mMdgnBI0dPlvSNl51SBNa8YB5MRVdh1uQdv',
 'xB': 'MC4CAQAwBQYDK2VuBCIEIPDZN6ffwaK+ewtRh8aEKjgFmomT+2kMCSknXZTsJSpH'
};
const ecdsaSignature = Buffer.from('dySbY0x2ASqfqbF+MVc0dFsYf5r4+c2yV4wee5q/7DvC/k1whEAWF45sCBJhPvjv8NlZ0mM3m9isuz7x8dITTw==', 'base64');
(async () => {
  console.log(Object.prototype.toString.call(subtle), typeof CryptoKey, typeof SubtleCrypto, crypto instanceof Crypto);
  for (const hash of ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512']) {
    console.log(hash, hex(await subtle.digest(hash, text)), hex(await subtle.digest({ name: hash.toLowerCase() }, new Uint8Array(0))));
  }

  const hmacKey = await subtle.importKey('raw', Buffer.from('key'), { name: 'HMAC', hash: 'SHA-256' }, true, ['verify', 'sign', 'sign']);
  const mac = await subtle.sign('HMAC', hmacKey, text);
  console.log('HMAC', hex(mac), await subtle.verify('HMAC', hmacKey, mac, text), await subtle.verify('HMAC', hmacKey, mac, Buffer.from('x')));
  console.log(hmacKey, await subtle.exportKey('jwk', hmacKey));

  const aesBytes = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
  const iv = Buffer.from('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff', 'hex');
  const cbc = await subtle.importKey('raw', aesBytes, 'AES-CBC', true, ['encrypt', 'decrypt']);
  const cbcOut = await subtle.encrypt({ name: 'AES-CBC', iv }, cbc, text);
  console.log('AES-CBC', hex(cbcOut), Buffer.from(await subtle.decrypt({ name: 'AES-CBC', iv }, cbc, cbcOut)).toString());
  const ctr = await subtle.importKey('raw', aesBytes, 'AES-CTR', false, ['encrypt', 'decrypt']);
  // A counter of 4 bits from 0xe: the third block runs on from zero.
  const counter = Buffer.from('f0f1f2f3f4f5f6f7f8f9fafbfcfdfefe', 'hex');
  const ctrOut = await subtle.encrypt({ name: 'AES-CTR', counter, length: 4 }, ctr, text);
  console.log('AES-CTR', hex(ctrOut), Buffer.from(await subtle.decrypt({ name: 'AES-CTR', counter, length: 4 }, ctr, ctrOut)).toString());
  const gcm = await subtle.importKey('jwk', { kty: 'oct', k: aesBytes.toString('base64url'), alg: 'A128GCM' }, 'AES-GCM', true, ['encrypt', 'decrypt']);
  const gcmParams = { name: 'AES-GCM', iv: iv.subarray(0, 12), additionalData: Buffer.from('aad'), tagLength: 96 };
  const gcmOut = await subtle.encrypt(gcmParams, gcm, text);
  console.log('AES-GCM', hex(gcmOut), Buffer.from(await subtle.decrypt(gcmParams, gcm, gcmOut)).toString());
  const tampered = new Uint8Array(gcmOut);
  tampered[0] ^= 1;
  await attempt('AES-GCM tampered', subtle.decrypt(gcmParams, gcm, tampered));

  const kw = await subtle.importKey('raw', Buffer.alloc(32, 7), 'AES-KW', true, ['wrapKey', 'unwrapKey']);
  const wrapped = await subtle.wrapKey('raw', cbc, kw, 'AES-KW');
  console.log('AES-KW', hex(wrapped));
  const unwrapped = await subtle.unwrapKey('raw', wrapped, kw, 'AES-KW', 'AES-CBC', true, ['decrypt']);
  console.log(unwrapped, hex(await subtle.exportKey('raw', unwrapped)));
  const wrappedJwk = await subtle.wrapKey('jwk', hmacKey, kw, 'AES-KW');
  const fromJwk = await subtle.unwrapKey('jwk', wrappedJwk, kw, { name: 'AES-KW' }, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  console.log('AES-KW jwk', wrappedJwk.byteLength, hex(await subtle.sign('HMAC', fromJwk, text)) === hex(mac));

  const rsaPrivate = await subtle.importKey('jwk', keys.rsa, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['sign']);
  const rsaPublic = await subtle.importKey('spki', await subtle.exportKey('spki', await subtle.getPublicKey(rsaPrivate, ['verify'])),
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['verify']);
  const rsaSignature = await subtle.sign('RSASSA-PKCS1-v1_5', rsaPrivate, text);
  console.log('RSASSA-PKCS1-v1_5', hex(rsaSignature), await subtle.verify('RSASSA-PKCS1-v1_5', rsaPublic, rsaSignature, text));
  console.log(rsaPublic.algorithm, (await subtle.exportKey('jwk', rsaPublic)).n === keys.rsa.n);
  const pkcs8 = await subtle.exportKey('pkcs8', rsaPrivate);
  const pss = await subtle.importKey('pkcs8', pkcs8, { name: 'RSA-PSS', hash: 'SHA-384' }, false, ['sign']);
  const pssPublic = await subtle.importKey('jwk', { kty: 'RSA', n: keys.rsa.n, e: keys.rsa.e }, { name: 'RSA-PSS', hash: 'SHA-384' }, false, ['verify']);
  const pssSignature = await subtle.sign({ name: 'RSA-PSS', saltLength: 32 }, pss, text);
  console.log('RSA-PSS', pssSignature.byteLength, await subtle.verify({ name: 'RSA-PSS', saltLength: 32 }, pssPublic, pssSignature, text),
    await subtle.verify({ name: 'RSA-PSS', saltLength: 20 }, pssPublic, pssSignature, text));
  const oaepPrivate = await subtle.importKey('jwk', { ...keys.rsa, alg: undefined }, { name: 'RSA-OAEP', hash: 'SHA-1' }, false, ['decrypt']);
  const oaepPublic = await subtle.importKey('jwk', { kty: 'RSA', n: keys.rsa.n, e: keys.rsa.e, alg: 'RSA-OAEP' }, { name: 'RSA-OAEP', hash: 'SHA-1' }, true, ['encrypt']);
  const label = Buffer.from('label');
  const sealed = await subtle.encrypt({ name: 'RSA-OAEP', label }, oaepPublic, text);
  console.log('RSA-OAEP', sealed.byteLength, Buffer.from(await subtle.decrypt({ name: 'RSA-OAEP', label }, oaepPrivate, sealed)).toString());
  await attempt('RSA-OAEP wrong label', subtle.decrypt({ name: 'RSA-OAEP' }, oaepPrivate, sealed));

  const ecPrivate = await subtle.importKey('jwk', keys.ec, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
  const ecPublic = await subtle.importKey('raw', await subtle.exportKey('raw', await subtle.getPublicKey(ecPrivate, ['verify'])),
    { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
  const message = Buffer.from('fixed message');
  console.log('ECDSA fixed', await subtle.verify({ name: 'ECDSA', hash: 'SHA-384' }, ecPublic, ecdsaSignature, message),
    await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, ecPublic, ecdsaSignature, message));
  const ecSignature = await subtle.sign({ name: 'ECDSA', hash: 'SHA-512' }, ecPrivate, text);
  console.log('ECDSA', ecSignature.byteLength, await subtle.verify({ name: 'ECDSA', hash: 'SHA-512' }, ecPublic, ecSignature, text));
  console.log(await subtle.exportKey('jwk', ecPublic), hex(await subtle.exportKey('spki', ecPublic)));

  const edPrivate = await subtle.importKey('jwk', keys.ed, 'Ed25519', true, ['sign']);
  const edPublic = await subtle.importKey('raw', Buffer.from(keys.ed.x, 'base64url'), 'Ed25519', true, ['verify']);
  const edSignature = await subtle.sign('Ed25519', edPrivate, text);
  console.log('Ed25519', hex(edSignature), await subtle.verify({ name: 'Ed25519' }, edPublic, edSignature, text));
  console.log(hex(await subtle.exportKey('pkcs8', edPrivate)), await subtle.exportKey('jwk', edPublic));

  const ecdhA = await subtle.importKey('jwk', keys.ecdhA, { name: 'ECDH', namedCurve: 'P-384' }, false, ['deriveBits', 'deriveKey']);
  const ecdhB = await subtle.importKey('jwk', { ...keys.ecdhB, d: undefined }, { name: 'ECDH', namedCurve: 'P-384' }, false, []);
  console.log('ECDH', hex(await subtle.deriveBits({ name: 'ECDH', public: ecdhB }, ecdhA, 384)),
    hex(await subtle.deriveBits({ name: 'ECDH', public: ecdhB }, ecdhA, 13)));
  const derivedAes = await subtle.deriveKey({ name: 'ECDH', public: ecdhB }, ecdhA, { name: 'AES-GCM', length: 256 }, true, ['encrypt']);
  console.log(derivedAes, hex(await subtle.exportKey('raw', derivedAes)));
  const xA = await subtle.importKey('pkcs8', Buffer.from(keys.xA, 'base64'), 'X25519', false, ['deriveBits']);
  const xB = await subtle.importKey('pkcs8', Buffer.from(keys.xB, 'base64'), 'X25519', true, ['deriveBits']);
  const xBPublic = await subtle.getPublicKey(xB, []);
  console.log('X25519', hex(await subtle.deriveBits({ name: 'X25519', public: xBPublic }, xA)), await subtle.exportKey('jwk', xBPublic));

  const hkdfKey = await subtle.importKey('raw', Buffer.from('input key'), 'HKDF', false, ['deriveBits', 'deriveKey']);
  console.log('HKDF', hex(await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: Buffer.from('salt'), info: Buffer.from('info') }, hkdfKey, 256)));
  const pbkdf2Key = await subtle.importKey('raw', Buffer.from('password'), 'PBKDF2', false, ['deriveKey']);
  const derivedHmac = await subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-1', salt: Buffer.from('salt'), iterations: 1000 }, pbkdf2Key,
    { name: 'HMAC', hash: 'SHA-256', length: 128 }, true, ['sign']);
  console.log('PBKDF2', derivedHmac, hex(await subtle.exportKey('raw', derivedHmac)));

  const generated = await subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    false, ['wrapKey', 'unwrapKey', 'encrypt']);
  console.log(generated.publicKey.usages, generated.privateKey.usages, generated.privateKey.extractable);
  const rsaWrapped = await subtle.wrapKey('raw', cbc, generated.publicKey, { name: 'RSA-OAEP' });
  const rsaUnwrapped = await subtle.unwrapKey('raw', rsaWrapped, generated.privateKey, 'RSA-OAEP', 'AES-CBC', true, ['encrypt']);
  console.log('RSA-OAEP wrap', hex(await subtle.exportKey('raw', rsaUnwrapped)));
  for (const algorithm of [{ name: 'ECDSA', namedCurve: 'P-521' }, { name: 'Ed25519' }, { name: 'X25519' }, { name: 'AES-GCM', length: 192 }, { name: 'HMAC', hash: 'SHA-512' }]) {
    const key = await subtle.generateKey(algorithm, true, algorithm.name === 'X25519' ? ['deriveBits'] : algorithm.name === 'AES-GCM' ? ['encrypt'] : ['sign', 'verify']);
    console.log(key.privateKey?.algorithm ?? key.algorithm, (await subtle.exportKey('jwk', key.privateKey ?? key)).kty);
  }

  await attempt('missing', subtle.digest());
  await attempt('unknown', subtle.digest('SHA-2', text));
  await attempt('string data', subtle.digest('SHA-256', 'text'));
  await attempt('dictionary', subtle.generateKey({ name: 'AES-CBC' }, true, ['encrypt']));
  await attempt('range', subtle.generateKey({ name: 'AES-CBC', length: -1 }, true, ['encrypt']));
  await attempt('usage enum', subtle.generateKey({ name: 'AES-CBC', length: 128 }, true, ['encrypt', 'fly']));
  await attempt('usage', subtle.generateKey({ name: 'AES-CBC', length: 128 }, true, ['sign']));
  await attempt('length', subtle.generateKey({ name: 'AES-CBC', length: 100 }, true, ['encrypt']));
  await attempt('not extractable', subtle.exportKey('raw', ctr));
  await attempt('not a key', subtle.exportKey('raw', {}));
  await attempt('format', subtle.exportKey('pem', cbc));
  await attempt('export spki', subtle.exportKey('spki', cbc));
  await attempt('mismatch', subtle.encrypt({ name: 'AES-CTR', counter, length: 64 }, cbc, text));
  await attempt('usage missing', subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, ecPublic, text));
  await attempt('iv', subtle.encrypt({ name: 'AES-CBC', iv: iv.subarray(1) }, cbc, text));
  await attempt('jwk alg', subtle.importKey('jwk', { kty: 'oct', k: aesBytes.toString('base64url'), alg: 'A256GCM' }, 'AES-GCM', true, ['encrypt']));
  await attempt('jwk crv', subtle.importKey('jwk', keys.ec, { name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign']));
  await attempt('bad point', subtle.importKey('raw', new Uint8Array(65), { name: 'ECDH', namedCurve: 'P-256' }, true, []));
  await attempt('kdf extractable', subtle.importKey('raw', aesBytes, 'PBKDF2', true, ['deriveBits']));
  await attempt('hkdf null', subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: text, info: text }, hkdfKey));
  await attempt('ecdh too long', subtle.deriveBits({ name: 'ECDH', public: ecdhB }, ecdhA, 512));
  await attempt('not this', SubtleCrypto.prototype.digest.call({}, 'SHA-256', text));
  try {
    new CryptoKey();
  } catch (e) {
    console.log(error(e));
  }
  console.log(subtle.digest.constructor === Function, subtle.digest.length, subtle.unwrapKey.length);
  const { KeyObject, createHmac, subtle: moduleSubtle } = require('crypto');
  const hmacObject = KeyObject.from(hmacKey);
  console.log(moduleSubtle === subtle, hmacObject.type, createHmac('sha256', hmacObject).update(text).digest('hex') === hex(mac));
  console.log(KeyObject.from(ecPrivate).asymmetricKeyDetails, KeyObject.from(edPublic).asymmetricKeyType);
  try {
    KeyObject.from(hmacObject);
  } catch (e) {
    console.log(error(e));
  }
})();
