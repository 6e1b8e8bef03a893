// crypto.Certificate (Netscape SPKACs): verifySpkac, exportPublicKey and exportChallenge as
// statics and instance methods, strings with encodings and binary inputs, an invalid or empty
// SPKAC, and node's argument errors.
const { Certificate } = require('crypto');
const t = (l, f) => {
  try {
    const r = f();
    console.log(l, 'ok', Buffer.isBuffer(r) ? r.toString() : JSON.stringify(r));
  } catch (e) {
    console.log(l, e.name, e.code, JSON.stringify(e.message));
  }
};
const spkac = 'MIIBSTCBszCBnzANBgkqhkiG9w0BAQEFAAOBjQAwgYkCgYEA0GManWHv/ifDQXXZoalZhuEWGzsqJA2ihozt8YsW9bKczuzFeWnBWV+e6gZQJhiQV0f1WbXRfCH0J5QM9NG1wvZm3WiP5nNjXGvQ5ASywPCYJzO7fcIrrQBJQwT6ZIrvh4iNfdl+SRZDLDUfg2WhTCGPwCTgDeVtAdkNhChmxeMCAwEAARYPYW5vZGUtY2hhbGxlbmdlMA0GCSqGSIb3DQEBBAUAA4GBADyXUS7kYMhJfkLPsfVmh7usGchRpkFgWEhz4D92Cl+zOgVqOBj9YkK9gnNPCOZsJ/dYqhl+qpLEnnExzVCx6kFK7JOiLO+gKDCagmN557t73yBTHpoj7Pl2ViH8o/JOVFfRBgBEG+gDrWuLiFrqIGtbwwBoevCoWQfEJbm90mzg';
const tampered = spkac.slice(0, 200) + (spkac[200] === 'A' ? 'B' : 'A') + spkac.slice(201);
for (const [name, holder] of [['static', Certificate], ['instance', new Certificate()], ['call', Certificate()]]) {
  t(name + ' verify', () => holder.verifySpkac(spkac));
  t(name + ' verify buffer', () => holder.verifySpkac(Buffer.from(spkac + '\n')));
  t(name + ' verify base64', () => holder.verifySpkac(Buffer.from(spkac).toString('base64'), 'base64'));
  t(name + ' verify tampered', () => holder.verifySpkac(tampered));
  t(name + ' verify junk', () => holder.verifySpkac('not an spkac'));
  t(name + ' verify empty', () => holder.verifySpkac(''));
  t(name + ' public key', () => holder.exportPublicKey(spkac));
  t(name + ' public key junk', () => holder.exportPublicKey('junk'));
  t(name + ' challenge', () => holder.exportChallenge(new Uint8Array(Buffer.from(spkac)).buffer));
  t(name + ' challenge junk', () => holder.exportChallenge('junk'));
}
for (const value of [1, {}, [], true, undefined, null]) {
  t('verify ' + typeof value, () => Certificate.verifySpkac(value));
  t('challenge ' + typeof value, () => Certificate.exportChallenge(value));
}
t('keys', () => [Object.keys(Certificate), Object.keys(Certificate.prototype), Certificate() instanceof Certificate]);
