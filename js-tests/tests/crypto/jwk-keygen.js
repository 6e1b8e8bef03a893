// Asymmetric JWK in node:crypto (export of RSA, EC and OKP keys, createPrivateKey/createPublicKey
// with format 'jwk', unsupported curves and key types, invalid JWKs), JWK key pair encodings,
// keyObject.toCryptoKey, and RSA-PSS key generation's parameters as asymmetricKeyDetails show
// them; with node's errors.
const crypto = require('crypto');
const t = (l, f) => { try { const r = f(); console.log(l, 'ok', r); } catch (e) { console.log(l, e.name, e.code, JSON.stringify(e.message)); } };
const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 512 });
t('rsa pub', () => Object.keys(rsa.publicKey.export({ format: 'jwk' })));
t('rsa priv', () => Object.keys(rsa.privateKey.export({ format: 'jwk' })));
const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
t('ec priv', () => Object.keys(ec.privateKey.export({ format: 'jwk' })));
t('ec crv', () => ec.privateKey.export({ format: 'jwk' }).crv);
const ec2 = crypto.generateKeyPairSync('ec', { namedCurve: 'secp224r1' });
t('ec 224', () => ec2.privateKey.export({ format: 'jwk' }));
for (const type of ['ed25519', 'x448']) {
  const k = crypto.generateKeyPairSync(type);
  t(type, () => Object.keys(k.privateKey.export({ format: 'jwk' })));
  t(type + ' pub', () => k.publicKey.export({ format: 'jwk' }).crv);
}
const dsa = crypto.generateKeyPairSync('dsa', { modulusLength: 1024 });
t('dsa', () => dsa.privateKey.export({ format: 'jwk' }));
const pss = crypto.generateKeyPairSync('rsa-pss', { modulusLength: 512 });
t('pss', () => pss.privateKey.export({ format: 'jwk' }));
const jwk = rsa.privateKey.export({ format: 'jwk' });
t('import priv', () => crypto.createPrivateKey({ key: jwk, format: 'jwk' }).equals(rsa.privateKey));
t('import pub from priv jwk', () => crypto.createPublicKey({ key: jwk, format: 'jwk' }).equals(rsa.publicKey));
t('import pub', () => crypto.createPublicKey({ key: rsa.publicKey.export({ format: 'jwk' }), format: 'jwk' }).type);
t('import priv from pub', () => crypto.createPrivateKey({ key: rsa.publicKey.export({ format: 'jwk' }), format: 'jwk' }));
t('bad kty', () => crypto.createPrivateKey({ key: { kty: 'foo' }, format: 'jwk' }));
t('no kty', () => crypto.createPrivateKey({ key: {}, format: 'jwk' }));
t('not object', () => crypto.createPrivateKey({ key: 'abc', format: 'jwk' }));
t('bad n', () => crypto.createPublicKey({ key: { kty: 'RSA', n: 1, e: 'AQAB' }, format: 'jwk' }));
t('bad crv', () => crypto.createPublicKey({ key: { kty: 'EC', crv: 'P-999', x: 'AA', y: 'AA' }, format: 'jwk' }));
t('bad okp crv', () => crypto.createPublicKey({ key: { kty: 'OKP', crv: 'X2', x: 'AA' }, format: 'jwk' }));
t('bad ec point', () => crypto.createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }, format: 'jwk' }));
t('bad okp x', () => crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: 'AA' }, format: 'jwk' }));
t('okp x missing', () => crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519' }, format: 'jwk' }));
t('ec d bad', () => crypto.createPrivateKey({ key: { ...ec.privateKey.export({ format: 'jwk' }), d: 1 }, format: 'jwk' }));
t('oct', () => crypto.createPrivateKey({ key: { kty: 'oct', k: 'AAAA' }, format: 'jwk' }));
t('secret jwk', () => crypto.createSecretKey({ kty: 'oct', k: 'AAAA' }, 'jwk'));
t('keygen jwk', () => Object.keys(crypto.generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { format: 'jwk' }, privateKeyEncoding: { format: 'jwk' } })));
t('keygen jwk dsa', () => crypto.generateKeyPairSync('dsa', { modulusLength: 1024, publicKeyEncoding: { format: 'jwk' } }));
t('ec pub jwk', () => Object.keys(ec.publicKey.export({ format: 'jwk' })));
const p256 = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
t('ec', () => { const k = p256.privateKey.toCryptoKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']); return [k.type, k.algorithm, k.usages, crypto.KeyObject.from(k).equals(p256.privateKey)]; });
t('ec bad usage', () => p256.publicKey.toCryptoKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']));
t('hmac', () => crypto.createSecretKey(Buffer.alloc(16)).toCryptoKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']).algorithm);
t('aes', () => crypto.createSecretKey(Buffer.alloc(16)).toCryptoKey('AES-GCM', false, ['encrypt']).algorithm);
t('bad alg', () => crypto.createSecretKey(Buffer.alloc(16)).toCryptoKey('FOO', false, ['encrypt']));
t('wrong curve', () => p256.publicKey.toCryptoKey({ name: 'ECDH', namedCurve: 'P-384' }, true, []));
for (const o of [{hashAlgorithm:'sha512'}, {mgf1HashAlgorithm:'sha512'}, {saltLength: 5}, {hashAlgorithm:'sha384', saltLength: 5}, {}]) {
  const { publicKey } = crypto.generateKeyPairSync('rsa-pss', { modulusLength: 512, ...o });
  console.log(JSON.stringify(o), publicKey.asymmetricKeyDetails);
}
const fixed = { kty: 'EC', crv: 'P-256', x: 'EVs_o5-uQbTjL3chynL4wXgUg2R9q9UU8I5mEovUf84', y: 'kGe5DgSIycKp8w9aJmoHhB1sB3QTugfnRWm5nU_Tzsc',
  d: 'evZzL1gdAFr88hb2OF_2NxApJCzGCEDdfSp6VQO30hw' };
t('fixed ec jwk', () => crypto.createPrivateKey({ key: fixed, format: 'jwk' }).export({ format: 'jwk' }));
t('fixed ec public', () => crypto.createPublicKey({ key: fixed, format: 'jwk' }).export({ type: 'spki', format: 'pem' }));
t('dsa divisor', () => crypto.generateKeyPairSync('dsa', { modulusLength: 1024, divisorLength: 160 }).publicKey.asymmetricKeyDetails);
t('explicit ec', () => crypto.generateKeyPairSync('ec', { namedCurve: 'P-256', paramEncoding: 'explicit' }).publicKey.export({ type: 'spki', format: 'der' }).length);
t('bad paramEncoding', () => crypto.generateKeyPairSync('ec', { namedCurve: 'P-256', paramEncoding: 'x' }));
t('dh group', () => crypto.generateKeyPairSync('dh', { group: 'modp14' }).privateKey.asymmetricKeyType);
t('dh no options', () => crypto.generateKeyPairSync('dh', {}));
t('dh pair', () => crypto.generateKeyPairSync('dh', { group: 'modp14', prime: Buffer.from([1]) }));
t('dh unknown group', () => crypto.generateKeyPairSync('dh', { group: 'modp99' }));
t('pss bad hash', () => crypto.generateKeyPairSync('rsa-pss', { modulusLength: 512, hashAlgorithm: 'nope' }));
t('pss negative salt', () => crypto.generateKeyPairSync('rsa-pss', { modulusLength: 512, saltLength: -1 }));
t('secret hmac', () => crypto.generateKeySync('hmac', { length: 123 }).symmetricKeySize);
t('secret aes', () => crypto.generateKeySync('aes', { length: 100 }));
t('secret type', () => crypto.generateKeySync('des', { length: 128 }));
