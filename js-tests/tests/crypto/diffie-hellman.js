// Diffie-Hellman and ECDH: createDiffieHellman from a prime (with generator forms and
// encodings) and from a bit length, the MODP groups (getDiffieHellman/createDiffieHellmanGroup),
// two parties agreeing, set keys, verifyError, computeSecret's padding and its checks of the
// peer's key; createECDH with fixed private keys (public point compressed/uncompressed/hybrid,
// computeSecret, setPrivateKey, ECDH.convertKey); crypto.diffieHellman for DH, EC and X25519
// KeyObjects; and node's errors.
const crypto = require('crypto');
const show = (label, fn) => {
  try {
    console.log(label, fn());
  } catch (err) {
    console.log(label, 'throws', err.name, err.code, err.message);
  }
};

// A 23 is too small to be safe, 'abcdef' is not prime: verifyError has DH_check's codes.
show('tiny prime', () => crypto.createDiffieHellman(Buffer.from([23]), 5).verifyError);
show('not prime', () => crypto.createDiffieHellman('abcdef', 'hex').verifyError);
show('generator buffer', () => crypto.createDiffieHellman('abcdef', 'hex', Buffer.from([5])).getGenerator('hex'));
show('generator hex string', () => crypto.createDiffieHellman('abcdef', 'hex', '05', 'hex').getGenerator('hex'));
show('generator 0 is 2', () => crypto.createDiffieHellman('abcdef', 'hex', 0).getGenerator('hex'));
show('prime round trip', () => crypto.createDiffieHellman('00abcdef', 'hex').getPrime('hex'));
for (const bad of [13.37, -1, 1, [1, 2], {}]) {
  show(`bad size ${JSON.stringify(bad)}`, () => crypto.createDiffieHellman(bad));
}
for (const generator of [-1, 1, Buffer.from([]), Buffer.from([1]), 13.37, true]) {
  show(`bad generator ${JSON.stringify(generator)}`, () => crypto.createDiffieHellman('abcdef', 'hex', generator));
}

const group = crypto.getDiffieHellman('modp14');
show('modp14', () => [group.verifyError, group.getPrime().length, group.getGenerator('hex'), Object.keys(group)]);
show('modp sizes', () => ['modp1', 'modp2', 'modp5', 'modp15', 'modp16'].map((name) => crypto.createDiffieHellmanGroup(name).getPrime().length * 8));
show('unknown group', () => crypto.getDiffieHellman('modp3'));
show('group has no setters', () => [typeof group.setPrivateKey, typeof crypto.createDiffieHellman(group.getPrime()).setPrivateKey]);
show('no keys yet', () => crypto.createDiffieHellman(group.getPrime()).getPublicKey());
show('no private key yet', () => crypto.createDiffieHellman(group.getPrime()).getPrivateKey());

// Two parties on modp14 with fixed private keys agree, whichever encodings they use.
const alice = crypto.createDiffieHellman(group.getPrime(), group.getGenerator());
alice.setPrivateKey(Buffer.alloc(32, 0x11));
const alicePublic = alice.generateKeys('hex');
const bob = crypto.createDiffieHellman(group.getPrime('base64'), 'base64', group.getGenerator());
bob.setPrivateKey('22'.repeat(32), 'hex');
const bobPublic = bob.generateKeys();
const secret = alice.computeSecret(bobPublic);
show('alice public', () => crypto.createHash('sha256').update(alicePublic).digest('hex'));
show('agree', () => [secret.length, secret.equals(bob.computeSecret(alicePublic, 'hex')),
  alice.computeSecret(bobPublic.toString('latin1'), 'latin1', 'base64') === secret.toString('base64')]);
show('secret', () => crypto.createHash('sha256').update(secret).digest('hex'));
show('private key', () => alice.getPrivateKey('hex').length);
show('set public key', () => crypto.createDiffieHellman(group.getPrime()).setPublicKey(bobPublic).getPublicKey().equals(bobPublic));
const prime = BigInt(`0x${group.getPrime('hex')}`);
for (const peer of [Buffer.from([1]), group.getPrime(), Buffer.from((prime - 1n).toString(16), 'hex'), Buffer.alloc(0)]) {
  show(`peer ${peer.length} bytes`, () => alice.computeSecret(peer));
}
show('bits too small', () => crypto.createDiffieHellman(1));
show('bad peer key type', () => alice.computeSecret(5));

// ECDH with fixed keys: the secp256k1 key 0xcafebabe... and P-256's generator (private key 1).
const ecdh = crypto.createECDH('secp256k1');
ecdh.setPrivateKey('cafebabe'.repeat(8), 'hex');
show('ecdh public', () => ecdh.getPublicKey('hex'));
show('ecdh compressed', () => ecdh.getPublicKey('hex', 'compressed'));
show('ecdh hybrid', () => ecdh.getPublicKey('base64', 'hybrid'));
show('ecdh private', () => ecdh.getPrivateKey('hex'));
show('ecdh bad format', () => ecdh.getPublicKey('hex', 'sideways'));
const other = crypto.createECDH('secp256k1');
other.setPrivateKey(Buffer.alloc(32, 7));
show('ecdh agree', () => ecdh.computeSecret(other.getPublicKey()).equals(other.computeSecret(ecdh.getPublicKey('hex', 'compressed'), 'hex')));
show('ecdh secret', () => ecdh.computeSecret(other.getPublicKey(), null, 'hex'));
show('ecdh bad point', () => ecdh.computeSecret(Buffer.from([4, 1, 2])));
show('ecdh other curve point', () => ecdh.computeSecret(crypto.createECDH('prime256v1').generateKeys()));
const fresh = crypto.createECDH('prime256v1');
show('ecdh no keys', () => fresh.getPublicKey());
show('ecdh no private key', () => fresh.getPrivateKey());
show('ecdh no key pair', () => fresh.computeSecret(other.getPublicKey()));
show('ecdh private key 1', () => fresh.setPrivateKey(Buffer.from([1])).getPublicKey('hex', 'compressed'));
show('ecdh private key 0', () => fresh.setPrivateKey(Buffer.alloc(32)));
show('ecdh private key too big', () => fresh.setPrivateKey(Buffer.alloc(32, 0xff)));
show('ecdh generated', () => { const key = crypto.createECDH('secp384r1'); return [key.generateKeys().length, key.generateKeys('hex', 'compressed').length]; });
show('ecdh bad curve', () => crypto.createECDH('nope'));
show('ecdh curve type', () => crypto.createECDH(1));
show('convertKey', () => crypto.ECDH.convertKey(ecdh.getPublicKey('hex', 'compressed'), 'secp256k1', 'hex', 'hex', 'uncompressed') === ecdh.getPublicKey('hex'));
show('convertKey hybrid', () => crypto.ECDH.convertKey(ecdh.getPublicKey(), 'secp256k1', undefined, 'hex', 'hybrid'));
show('convertKey bad point', () => crypto.ECDH.convertKey('02', 'secp256k1', 'hex'));
show('convertKey bad curve', () => crypto.ECDH.convertKey('02', 'badcurve', 'hex'));
show('convertKey bad format', () => crypto.ECDH.convertKey('02', 'secp256k1', 'hex', 'hex', 10));
show('convertKey no key', () => crypto.ECDH.convertKey());
show('classes', () => [crypto.ECDH('prime256v1') instanceof crypto.ECDH,
  crypto.DiffieHellmanGroup('modp5') instanceof crypto.DiffieHellmanGroup, Object.keys(crypto.ECDH.prototype)]);

// crypto.diffieHellman between KeyObjects.
const x1 = crypto.generateKeyPairSync('x25519');
const x2 = crypto.generateKeyPairSync('x25519');
const shared = crypto.diffieHellman({ privateKey: x1.privateKey, publicKey: x2.publicKey });
show('x25519', () => [shared.length, shared.equals(crypto.diffieHellman({ privateKey: x2.privateKey, publicKey: x1.publicKey }))]);
const e1 = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const e2 = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
show('ec', () => crypto.diffieHellman({ privateKey: e1.privateKey, publicKey: e2.publicKey })
  .equals(crypto.diffieHellman({ privateKey: e2.privateKey, publicKey: e1.privateKey })));
const d1 = crypto.generateKeyPairSync('dh', { group: 'modp5' });
const d2 = crypto.generateKeyPairSync('dh', { group: 'modp5' });
show('dh', () => [d1.publicKey.asymmetricKeyType, crypto.diffieHellman({ privateKey: d1.privateKey, publicKey: d2.publicKey })
  .equals(crypto.diffieHellman({ privateKey: d2.privateKey, publicKey: d1.publicKey }))]);
show('mixed types', () => crypto.diffieHellman({ privateKey: x1.privateKey, publicKey: e1.publicKey }));
show('signing keys', () => { const ed = crypto.generateKeyPairSync('ed25519'); return crypto.diffieHellman(ed); });
show('no public key', () => crypto.diffieHellman({ privateKey: x1.privateKey }));
show('no private key', () => crypto.diffieHellman({ publicKey: x1.publicKey }));
show('public as private', () => crypto.diffieHellman({ privateKey: x1.publicKey, publicKey: x1.publicKey }));
show('secret key', () => crypto.diffieHellman({ privateKey: x1.privateKey, publicKey: crypto.createSecretKey(Buffer.alloc(4)) }));
show('bad public key', () => crypto.diffieHellman({ privateKey: x1.privateKey, publicKey: 1 }));
show('bad options', () => crypto.diffieHellman(null));
show('bad callback', () => crypto.diffieHellman({ privateKey: x1.privateKey, publicKey: x2.publicKey }, 5));
show('pem strings', () => crypto.diffieHellman({
  privateKey: x1.privateKey.export({ format: 'pem', type: 'pkcs8' }),
  publicKey: x2.publicKey.export({ format: 'pem', type: 'spki' }),
}).equals(shared));
crypto.diffieHellman({ privateKey: x1.privateKey, publicKey: x2.publicKey }, (err, result) => {
  console.log('async', err, result.equals(shared));
});
