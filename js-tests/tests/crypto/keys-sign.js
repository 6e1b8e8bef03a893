// Asymmetric keys on OpenSSL: a fixed P-256 key imported from PEM signs and verifies (DER and
// IEEE P1363 signatures), a fixed RSA signature verifies, generated key pairs (rsa, ec,
// ed25519, x25519) round trip through PEM/DER exports, encrypted PEM needs its passphrase,
// createSign/createVerify, and node's errors.
const crypto = require('crypto');
const show = (label, fn) => {
  try {
    console.log(label, fn());
  } catch (err) {
    console.log(label, 'throws', err.name, err.code, err.message);
  }
};

const ecPem = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgevZzL1gdAFr88hb2
OF/2NxApJCzGCEDdfSp6VQO30hyhRANCAAQRWz+jn65BtOMvdyHKcvjBeBSDZH2r
1RTwjmYSi9R/zpBnuQ4EiMnCqfMPWiZqB4QdbAd0E7oH50VpuZ1P087G
-----END PRIVATE KEY-----
`;
const ecKey = crypto.createPrivateKey(ecPem);
const ecPublic = crypto.createPublicKey(ecKey);
show('ec key', () => [ecKey.type, ecKey.asymmetricKeyType, ecKey.asymmetricKeyDetails, ecPublic.type]);
show('ec public pem', () => ecPublic.export({ type: 'spki', format: 'pem' }));
show('ec private round trip', () => ecKey.export({ type: 'pkcs8', format: 'pem' }) === ecPem);
show('ec sec1 der', () => ecKey.export({ type: 'sec1', format: 'der' }).toString('base64'));
const data = Buffer.from('message to sign');
const derSignature = crypto.sign('sha256', data, ecKey);
show('ecdsa verify', () => crypto.verify('sha256', data, ecPublic, derSignature));
show('ecdsa tampered', () => crypto.verify('sha256', Buffer.from('other'), ecPublic, derSignature));
const p1363 = crypto.sign('sha256', data, { key: ecKey, dsaEncoding: 'ieee-p1363' });
show('p1363 length', () => p1363.length);
show('p1363 verify', () => crypto.verify('sha256', data, { key: ecPublic, dsaEncoding: 'ieee-p1363' }, p1363));

const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
show('rsa details', () => [privateKey.asymmetricKeyType, privateKey.asymmetricKeyDetails, publicKey.equals(crypto.createPublicKey(privateKey))]);
const rsaSignature = crypto.createSign('sha256').update('abc').sign(privateKey);
show('rsa pkcs1 signature deterministic', () => rsaSignature.equals(crypto.sign('sha256', Buffer.from('abc'), privateKey)));
show('rsa verify', () => crypto.createVerify('sha256').update('abc').verify(publicKey, rsaSignature));
const pss = crypto.sign('sha256', data, { key: privateKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
show('rsa-pss verify', () => crypto.verify('sha256', data, { key: publicKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, pss));
show('pkcs1 public round trip', () => crypto.createPublicKey({ key: publicKey.export({ type: 'pkcs1', format: 'der' }), format: 'der', type: 'pkcs1' }).equals(publicKey));
const encrypted = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' });
show('encrypted pem', () => encrypted.split('\n')[0]);
show('encrypted pem with passphrase', () => crypto.createPrivateKey({ key: encrypted, passphrase: 'secret' }).equals(privateKey));
show('encrypted pem without passphrase', () => crypto.createPrivateKey(encrypted));

for (const type of ['ed25519', 'ed448', 'x25519', 'x448']) {
  const pair = crypto.generateKeyPairSync(type, { publicKeyEncoding: { type: 'spki', format: 'der' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const key = crypto.createPrivateKey(pair.privateKey);
  show(type, () => [key.asymmetricKeyType, Buffer.isBuffer(pair.publicKey), crypto.createPublicKey({ key: pair.publicKey, format: 'der', type: 'spki' }).equals(crypto.createPublicKey(key))]);
}
const ed = crypto.generateKeyPairSync('ed25519');
show('ed25519 sign', () => crypto.verify(null, data, ed.publicKey, crypto.sign(null, data, ed.privateKey)));

show('unknown type', () => crypto.generateKeyPairSync('rsa2', {}));
show('bad curve', () => crypto.generateKeyPairSync('ec', { namedCurve: 'nope' }));
show('bad modulus', () => crypto.generateKeyPairSync('rsa', { modulusLength: 'x' }));
show('bad digest', () => crypto.sign('sha-nope', data, ecKey));
show('not a key', () => crypto.createPrivateKey('not a key'));
show('public as private', () => crypto.sign('sha256', data, ecPublic));
crypto.generateKeyPair('ec', { namedCurve: 'P-256' }, (err, pub, priv) => {
  console.log('async ec', err, pub.type, priv.asymmetricKeyDetails);
});
