// The secure heap: secureHeapUsed() without one, and with --secure-heap/--secure-heap-min as
// node settles them (the smallest allocation clamped to the heap, bad sizes refused, a heap
// OpenSSL refuses reported); Ed25519/Ed448 one-shot verify answering false for small-order
// public keys and R; EC keys on curves without an OID refusing named encodings; Web Crypto
// refusing shared memory as a BufferSource.
const crypto = require('crypto');
const { spawnSync } = require('child_process');

console.log('no heap', crypto.secureHeapUsed());
for (const args of [
  ['--secure-heap=65536', '--secure-heap-min=4'],
  ['--secure-heap=64', '--secure-heap-min=128'],
  ['--secure-heap=3', '--secure-heap-min=3'],
  ['--secure-heap=1', '--secure-heap-min=3'],
  ['--secure-heap=x'],
]) {
  const child = spawnSync(process.execPath, [...args, '-p',
    'const dh = require("crypto").createDiffieHellman(1024); dh.generateKeys(); ' +
    'const u = require("crypto").secureHeapUsed(); JSON.stringify([u.total, u.min, u.used > 0])'],
  { encoding: 'utf8' });
  const stderr = child.stderr.split('\n').map((line) => line.replace(/^.*?: (--secure)/, '$1')).join('|');
  console.log(args.join(' '), child.status, child.stdout.trim(), stderr);
}

const verify = (name, publicKey, signature, data) => {
  const key = crypto.createPublicKey({ key: { kty: 'OKP', crv: name, x: publicKey.toString('base64url') }, format: 'jwk' });
  return crypto.verify(null, data, key, signature);
};
const order8 = Buffer.from('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa', 'hex');
console.log('ed25519 small-order key', verify('Ed25519', order8,
  Buffer.concat([order8.subarray(0, 31), Buffer.from([0x7a]), Buffer.alloc(32)]),
  Buffer.from('8c93255d71dcab10e8f379c26200f3c7bd5f09d9bc3068d3ef4edeb4853022b6', 'hex')));
console.log('ed448 identity key', verify('Ed448', Buffer.concat([Buffer.from([1]), Buffer.alloc(56)]),
  Buffer.concat([Buffer.from([1]), Buffer.alloc(113)]), Buffer.from([1, 2, 3])));
const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
const signed = crypto.sign(null, Buffer.from('data'), privateKey);
console.log('ed25519 ordinary', crypto.verify(null, Buffer.from('data'), publicKey, signed));

for (const paramEncoding of ['named', 'explicit']) {
  try {
    const pair = crypto.generateKeyPairSync('ec', {
      namedCurve: 'Oakley-EC2N-3', paramEncoding, publicKeyEncoding: { format: 'der', type: 'spki' },
    });
    console.log(paramEncoding, 'spki bytes', pair.publicKey.length);
  } catch (err) {
    console.log(paramEncoding, 'throws', err.code, err.message);
  }
}
const oakley = crypto.generateKeyPairSync('ec', { namedCurve: 'Oakley-EC2N-4' });
for (const [key, options] of [[oakley.publicKey, { format: 'pem', type: 'spki' }],
  [oakley.privateKey, { format: 'der', type: 'pkcs8' }], [oakley.privateKey, { format: 'der', type: 'sec1' }]]) {
  try {
    console.log(options.type, key.export(options).length);
  } catch (err) {
    console.log(options.type, 'throws', err.code, err.message);
  }
}

(async () => {
  for (const data of [new Uint8Array(new SharedArrayBuffer(4)), new SharedArrayBuffer(4), new DataView(new SharedArrayBuffer(4))]) {
    await crypto.subtle.digest('SHA-256', data).then(
      (digest) => console.log('digest', digest.byteLength),
      (err) => console.log('digest rejects', err.name, err.code, err.message));
  }
})();
