// crypto.encapsulate/decapsulate (key encapsulation): RSA's RSASVE with KeyObjects, PEM, DER
// and JWK keys, sync, callback and promisified; the key types OpenSSL 3.0 has no KEM for;
// node's argument and operation errors, sync and async.
const crypto = require('crypto');
const { promisify } = require('util');
const t = (l, f) => {
  try {
    const r = f();
    console.log(l, 'ok', r && r.sharedKey ? [r.sharedKey.length, r.ciphertext.length] : r && r.length);
  } catch (e) {
    console.log(l, e.name, e.code, JSON.stringify(e.message));
  }
};
const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
const ed = crypto.generateKeyPairSync('ed25519');
const x = crypto.generateKeyPairSync('x25519');
const { sharedKey, ciphertext } = crypto.encapsulate(rsa.publicKey);
t('encapsulate', () => crypto.encapsulate(rsa.publicKey));
t('round trip', () => crypto.decapsulate(rsa.privateKey, ciphertext).equals(sharedKey) && 'same');
t('from private', () => crypto.encapsulate(rsa.privateKey));
t('pem', () => crypto.decapsulate(rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }), ciphertext).equals(sharedKey) && 'same');
t('der', () => crypto.encapsulate({ key: rsa.publicKey.export({ format: 'der', type: 'spki' }), format: 'der', type: 'spki' }));
t('jwk', () => crypto.decapsulate({ key: rsa.privateKey.export({ format: 'jwk' }), format: 'jwk' }, ciphertext).equals(sharedKey) && 'same');
t('ed25519', () => crypto.encapsulate(ed.publicKey));
t('x25519 decapsulate', () => crypto.decapsulate(x.privateKey, ciphertext));
t('short ciphertext', () => crypto.decapsulate(rsa.privateKey, Buffer.alloc(3)));
t('string ciphertext', () => crypto.decapsulate(rsa.privateKey, 'abc'));
t('public for decapsulate', () => crypto.decapsulate(rsa.publicKey, ciphertext));
t('secret key', () => crypto.encapsulate(crypto.createSecretKey(Buffer.alloc(8))));
t('no key', () => crypto.encapsulate());
t('number key', () => crypto.encapsulate(5));
t('null ciphertext', () => crypto.decapsulate(rsa.privateKey, null));
t('bad callback', () => crypto.encapsulate(rsa.publicKey, 5));
crypto.encapsulate(rsa.publicKey, (error, result) => {
  console.log('async encapsulate', error, Object.keys(result), result.sharedKey.length);
  crypto.decapsulate(rsa.privateKey, result.ciphertext, (error2, shared) => {
    console.log('async decapsulate', error2, shared.equals(result.sharedKey));
    crypto.encapsulate(ed.publicKey, (error3, result3) => {
      console.log('async failure', error3 instanceof Error, error3.code, error3.message, result3);
      promisify(crypto.encapsulate)(rsa.publicKey).then((r) => console.log('promisified', r.ciphertext.length));
    });
  });
});
