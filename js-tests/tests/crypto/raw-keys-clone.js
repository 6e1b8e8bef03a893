// Raw key formats in node:crypto ('raw-public', 'raw-private', 'raw-seed': export, import,
// key pair encodings; EC points compressed or not, EC scalars), with node's errors; KeyObjects
// and CryptoKeys through structuredClone and a MessageChannel; CryptoKeys where node:crypto
// still takes them; AES key wrap with padding; one-shot sign/verify's callback errors.
const crypto = require('crypto');
const { MessageChannel } = require('worker_threads');
const t = (l, f) => {
  try {
    const r = f();
    console.log(l, 'ok', Buffer.isBuffer(r) ? `${r.length} bytes` : r);
  } catch (e) {
    console.log(l, e.name, e.code, JSON.stringify(e.message));
  }
};
const hex = (b) => Buffer.from(b).toString('hex');

// Fixed keys, so the outputs compare across runtimes.
const ecPriv = crypto.createPrivateKey({
  key: Buffer.from('0f106c3d03c880cb8cc9b5bf3c2a2e10e7bd2b47d6c2d7e7af1f3a1ce5c0a1d4', 'hex'),
  format: 'raw-private', asymmetricKeyType: 'ec', namedCurve: 'P-256',
});
const ecPub = crypto.createPublicKey(ecPriv);
const edPriv = crypto.createPrivateKey({ key: Buffer.alloc(32, 7), format: 'raw-private', asymmetricKeyType: 'ed25519' });
const edPub = crypto.createPublicKey(edPriv);
const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 512 });

t('ec pub', () => hex(ecPub.export({ format: 'raw-public' })));
t('ec pub compressed', () => hex(ecPub.export({ format: 'raw-public', type: 'compressed' })));
t('ec pub uncompressed', () => ecPub.export({ format: 'raw-public', type: 'uncompressed' }));
t('ec pub hybrid', () => ecPub.export({ format: 'raw-public', type: 'hybrid' }));
t('ec priv', () => hex(ecPriv.export({ format: 'raw-private' })));
t('ec priv as public', () => ecPriv.export({ format: 'raw-public' }));
t('ec pub as private', () => ecPub.export({ format: 'raw-private' }));
t('ec seed', () => ecPriv.export({ format: 'raw-seed' }));
t('ed pub', () => hex(edPub.export({ format: 'raw-public' })));
t('ed priv', () => hex(edPriv.export({ format: 'raw-private' })));
t('ed priv passphrase', () => edPriv.export({ format: 'raw-private', passphrase: 'x' }));
t('ed seed passphrase', () => edPriv.export({ format: 'raw-seed', passphrase: 'x' }));
t('rsa pub', () => rsa.publicKey.export({ format: 'raw-public' }));
t('rsa priv', () => rsa.privateKey.export({ format: 'raw-private' }));
t('secret raw', () => crypto.createSecretKey(Buffer.alloc(4)).export({ format: 'raw-secret' }));

const rawPub = ecPub.export({ format: 'raw-public' });
const imp = (f, key) => t(f === crypto.createPublicKey ? 'import public' : 'import private', () => f(key).type);
t('import ec', () => crypto.createPublicKey({ key: rawPub, format: 'raw-public', asymmetricKeyType: 'ec', namedCurve: 'prime256v1' }).equals(ecPub));
t('import ec compressed', () => crypto.createPublicKey({
  key: ecPub.export({ format: 'raw-public', type: 'compressed' }), format: 'raw-public', asymmetricKeyType: 'ec', namedCurve: 'P-256',
}).equals(ecPub));
t('import ec private', () => crypto.createPrivateKey({
  key: ecPriv.export({ format: 'raw-private' }), format: 'raw-private', asymmetricKeyType: 'ec', namedCurve: 'P-256',
}).equals(ecPriv));
t('public from raw private', () => crypto.createPublicKey({
  key: edPriv.export({ format: 'raw-private' }), format: 'raw-private', asymmetricKeyType: 'ed25519',
}).equals(edPub));
imp(crypto.createPublicKey, { key: rawPub, format: 'raw-public', asymmetricKeyType: 'ec' });
imp(crypto.createPublicKey, { key: rawPub, format: 'raw-public', asymmetricKeyType: 'ec', namedCurve: 5 });
imp(crypto.createPublicKey, { key: rawPub, format: 'raw-public', asymmetricKeyType: 'ec', namedCurve: 'nope' });
imp(crypto.createPublicKey, { key: rawPub, format: 'raw-public', asymmetricKeyType: 'ec', namedCurve: 'P-384' });
imp(crypto.createPublicKey, { key: rawPub.subarray(1), format: 'raw-public', asymmetricKeyType: 'ec', namedCurve: 'P-256' });
imp(crypto.createPublicKey, { key: rawPub, format: 'raw-public' });
imp(crypto.createPublicKey, { key: rawPub, format: 'raw-public', asymmetricKeyType: 'nope' });
imp(crypto.createPublicKey, { key: rawPub, format: 'raw-public', asymmetricKeyType: 'rsa' });
imp(crypto.createPublicKey, { key: rawPub, format: 'raw-seed', asymmetricKeyType: 'ed25519' });
imp(crypto.createPublicKey, { key: 'abcd', encoding: 'hex', format: 'raw-public', asymmetricKeyType: 'ed25519' });
imp(crypto.createPublicKey, { key: Buffer.alloc(31), format: 'raw-public', asymmetricKeyType: 'ed25519' });
imp(crypto.createPrivateKey, { key: rawPub, format: 'raw-public', asymmetricKeyType: 'ec', namedCurve: 'P-256' });
imp(crypto.createPrivateKey, { key: Buffer.alloc(31, 1), format: 'raw-private', asymmetricKeyType: 'ec', namedCurve: 'P-256' });
imp(crypto.createPrivateKey, { key: Buffer.alloc(32), format: 'raw-private', asymmetricKeyType: 'dh' });
imp(crypto.createPublicKey, { key: new Uint8Array(32).fill(9).buffer, format: 'raw-public', asymmetricKeyType: 'x25519' });

for (const type of ['ed25519', 'x448']) {
  const pair = crypto.generateKeyPairSync(type, {
    publicKeyEncoding: { format: 'raw-public' }, privateKeyEncoding: { format: 'raw-private' },
  });
  t(`keygen ${type}`, () => [pair.publicKey.length, pair.privateKey.length]);
}
t('keygen ec compressed', () => crypto.generateKeyPairSync('ec', {
  namedCurve: 'P-384', publicKeyEncoding: { format: 'raw-public', type: 'compressed' },
}).publicKey.length);
t('keygen ec bad type', () => crypto.generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { format: 'raw-public', type: 'x' } }));
t('keygen rsa raw', () => crypto.generateKeyPairSync('rsa', { modulusLength: 512, publicKeyEncoding: { format: 'raw-public' } }));
t('keygen seed', () => crypto.generateKeyPairSync('ed25519', { privateKeyEncoding: { format: 'raw-seed' } }));
t('keygen public as private', () => crypto.generateKeyPairSync('ed25519', { publicKeyEncoding: { format: 'raw-private' } }));

// Key wrap with padding grows by more than a block.
const kek = Buffer.alloc(16, 3);
const wrapped = crypto.createCipheriv('id-aes128-wrap-pad', kek, Buffer.from('a65959a6', 'hex')).update('thirty-five bytes of key material!!');
t('wrap pad', () => hex(wrapped));
t('unwrap pad', () => crypto.createDecipheriv('id-aes128-wrap-pad', kek, Buffer.from('a65959a6', 'hex')).update(wrapped).toString());
t('ocb without tag length', () => crypto.createCipheriv('aes-256-ocb', Buffer.alloc(32), Buffer.alloc(12)));

// One-shot sign/verify: strings taken, errors to the callback.
const sig = crypto.sign(null, 'message', edPriv);
t('sign string', () => hex(sig));
t('verify string', () => crypto.verify(null, 'message', edPub, sig));
t('sign number', () => crypto.sign(null, 5, edPriv));
const asyncSign = new Promise((resolve) => {
  crypto.sign('sha512', 'message', crypto.generateKeyPairSync('rsa', { modulusLength: 512 }).privateKey, (error, signature) => {
    resolve(['async sign error', error instanceof Error, error.message, signature]);
  });
});

(async () => {
  console.log(...await asyncSign);
  process.on('warning', (w) => console.log('warning', w.code, w.message));
  const keys = [crypto.createSecretKey(Buffer.alloc(16, 1)), ecPub, ecPriv, edPriv];
  for (const key of keys) {
    const copy = structuredClone(key);
    console.log('clone', copy.constructor.name, copy !== key, copy.equals(key), Reflect.ownKeys(copy).length);
    const { port1, port2 } = new MessageChannel();
    const received = new Promise((resolve) => port2.once('message', resolve));
    port1.postMessage(key);
    const posted = await received;
    port1.close();
    console.log('posted', posted.constructor.name, posted.equals(key), crypto.types?.isKeyObject ?? require('util').types.isKeyObject(posted));
  }
  const hmac = await crypto.subtle.importKey('raw', Buffer.alloc(32, 5), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
  const hmacCopy = structuredClone(hmac);
  console.log('cryptokey clone', hmacCopy.type, hmacCopy.algorithm, hmacCopy.usages, hmacCopy.extractable);
  console.log('cryptokey same', hex(await crypto.subtle.sign('HMAC', hmacCopy, Buffer.from('x'))) === hex(await crypto.subtle.sign('HMAC', hmac, Buffer.from('x'))));
  console.log('hmac with cryptokey', crypto.createHmac('sha256', hmac).update('x').digest('hex'));
  const ed = await crypto.subtle.importKey('pkcs8', edPriv.export({ format: 'der', type: 'pkcs8' }), 'Ed25519', true, ['sign']);
  console.log('sign with cryptokey', hex(crypto.sign(null, Buffer.from('x'), ed)));
})();
