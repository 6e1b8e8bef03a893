// X509Certificate on a fixed certificate and its issuer (node's agent1/ca1 test pair): every
// field, host/email/IP checks, issuance, key checks, signature verification and the legacy
// object, with node's errors; RSA public-key encryption: deterministic outputs (PKCS#1 v1.5
// privateEncrypt, raw RSA) compared across runtimes, an OAEP (SHA-256, labelled) ciphertext
// made by node decrypted here, round trips and errors.
const crypto = require('crypto');
const { X509Certificate } = crypto;
const show = (label, fn) => {
  try {
    console.log(label, fn());
  } catch (err) {
    console.log(label, 'throws', err.name, err.code, err.message);
  }
};

const certPem = `-----BEGIN CERTIFICATE-----
MIID6DCCAtCgAwIBAgIUFH02wcL3Qgben6tfIibXitsApCYwDQYJKoZIhvcNAQEL
BQAwejELMAkGA1UEBhMCVVMxCzAJBgNVBAgMAkNBMQswCQYDVQQHDAJTRjEPMA0G
A1UECgwGSm95ZW50MRAwDgYDVQQLDAdOb2RlLmpzMQwwCgYDVQQDDANjYTExIDAe
BgkqhkiG9w0BCQEWEXJ5QHRpbnljbG91ZHMub3JnMCAXDTIyMDkwMzIxNDAzN1oY
DzIyOTYwNjE3MjE0MDM3WjB9MQswCQYDVQQGEwJVUzELMAkGA1UECAwCQ0ExCzAJ
BgNVBAcMAlNGMQ8wDQYDVQQKDAZKb3llbnQxEDAOBgNVBAsMB05vZGUuanMxDzAN
BgNVBAMMBmFnZW50MTEgMB4GCSqGSIb3DQEJARYRcnlAdGlueWNsb3Vkcy5vcmcw
ggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQDUVjIK+yDTgnCT3CxChO0E
37q9VuHdrlKeKLeQzUJW2yczSfNzX/0zfHpjY+zKWie39z3HCJqWxtiG2wxiOI8c
3WqWOvzVmdWADlh6EfkIlg+E7VC6JaKDA+zabmhPvnuu3JzogBMnsWl68lCXzuPx
deQAmEwNtqjrh74DtM+Ud0ulb//Ixjxo1q3rYKu+aaexSramuee6qJta2rjrB4l8
B/bU+j1mDf9XQQfSjo9jRnp4hiTFdBl2k+lZzqE2L/rhu6EMjA2IhAq/7xA2MbLo
9cObVUin6lfoo5+JKRgT9Fp2xEgDOit+2EA/S6oUfPNeLSVUqmXOSWlXlwlb9Nxr
AgMBAAGjYTBfMF0GCCsGAQUFBwEBBFEwTzAjBggrBgEFBQcwAYYXaHR0cDovL29j
c3Aubm9kZWpzLm9yZy8wKAYIKwYBBQUHMAKGHGh0dHA6Ly9jYS5ub2RlanMub3Jn
L2NhLmNlcnQwDQYJKoZIhvcNAQELBQADggEBAMM0mBBjLMt9pYXePtUeNO0VTw9y
FWCM8nAcAO2kRNwkJwcsispNpkcsHZ5o8Xf5mpCotdvziEWG1hyxwU6nAWyNOLcN
G0a0KUfbMO3B6ZYe1GwPDjXaQnv75SkAdxgX5zOzca3xnhITcjUUGjQ0fbDfwFV5
ix8mnzvfXjDONdEznVa7PFcN6QliFUMwR/h8pCRHtE5+a10OSPeJSrGG+FtrGnRW
G1IJUv6oiGF/MvWCr84REVgc1j78xomGANJIu2hN7bnD1nEMON6em8IfnDOUtynV
9wfWTqiQYD5Zifj6WcGa0aAHMuetyFG4lIfMAHmd3gaKpks7j9l26LwRPvI=
-----END CERTIFICATE-----
`;
const caPem = `-----BEGIN CERTIFICATE-----
MIIDlDCCAnygAwIBAgIUSrFsjf1qfQ0t/KvfnEsOksatAikwDQYJKoZIhvcNAQEL
BQAwejELMAkGA1UEBhMCVVMxCzAJBgNVBAgMAkNBMQswCQYDVQQHDAJTRjEPMA0G
A1UECgwGSm95ZW50MRAwDgYDVQQLDAdOb2RlLmpzMQwwCgYDVQQDDANjYTExIDAe
BgkqhkiG9w0BCQEWEXJ5QHRpbnljbG91ZHMub3JnMCAXDTIyMDkwMzIxNDAzN1oY
DzIyOTYwNjE3MjE0MDM3WjB6MQswCQYDVQQGEwJVUzELMAkGA1UECAwCQ0ExCzAJ
BgNVBAcMAlNGMQ8wDQYDVQQKDAZKb3llbnQxEDAOBgNVBAsMB05vZGUuanMxDDAK
BgNVBAMMA2NhMTEgMB4GCSqGSIb3DQEJARYRcnlAdGlueWNsb3Vkcy5vcmcwggEi
MA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQDNvf4OGGep+ak+4DNjbuNgy0S/
AZPxahEFp4gpbcvsi9YLOPZ31qpilQeQf7d27scIZ02Qx1YBAzljxELB8H/ZxuYS
cQK0s+DNP22xhmgwMWznO7TezkHP5ujN2UkbfbUpfUxGFgncXeZf9wR7yFWppeHi
RWNBOgsvY7sTrS12kXjWGjqntF7xcEDHc7h+KyF6ZjVJZJCnP6pJEQ+rUjd51eCZ
Xt4WjowLnQiCS1VKzXiP83a++Ma1BKKkUitTR112/Uwd5eGoiByhmLzb/BhxnHJN
07GXjhlMItZRm/jfbZsx1mwnNOO3tx4r08l+DaqkinIadvazs+1ugCaKQn8xAgMB
AAGjEDAOMAwGA1UdEwQFMAMBAf8wDQYJKoZIhvcNAQELBQADggEBAFqG0RXURDam
56x5accdg9sY5zEGP5VQhkK3ZDc2NyNNa25rwvrjCpO+e0OSwKAmm4aX6iIf2woY
wF2f9swWYzxn9CG4fDlUA8itwlnHxupeL4fGMTYb72vf31plUXyBySRsTwHwBloc
F7KvAZpYYKN9EMH1S/267By6H2I33BT/Ethv//n8dSfmuCurR1kYRaiOC4PVeyFk
B3sj8TtolrN0y/nToWUhmKiaVFnDx3odQ00yhmxR3t21iB7yDkko6D8Vf2dVC4j/
YYBVprXGlTP/hiYRLDoP20xKOYznx5cvHPJ9p+lVcOZUJsJj/Iy750+2n5UiBmXt
lz88C25ucKA=
-----END CERTIFICATE-----
`;
const keyPem = `-----BEGIN RSA PRIVATE KEY-----
MIIEpAIBAAKCAQEA1FYyCvsg04Jwk9wsQoTtBN+6vVbh3a5Snii3kM1CVtsnM0nz
c1/9M3x6Y2Psylont/c9xwialsbYhtsMYjiPHN1qljr81ZnVgA5YehH5CJYPhO1Q
uiWigwPs2m5oT757rtyc6IATJ7FpevJQl87j8XXkAJhMDbao64e+A7TPlHdLpW//
yMY8aNat62CrvmmnsUq2prnnuqibWtq46weJfAf21Po9Zg3/V0EH0o6PY0Z6eIYk
xXQZdpPpWc6hNi/64buhDIwNiIQKv+8QNjGy6PXDm1VIp+pX6KOfiSkYE/RadsRI
AzorfthAP0uqFHzzXi0lVKplzklpV5cJW/TcawIDAQABAoIBAAvbtHfAhpjJVBgt
15rvaX04MWmZjIugzKRgib/gdq/7FTlcC+iJl85kSUF7tyGl30n62MxgwqFhAX6m
hQ6HMhbelrFFIhGbwbyhEHfgwROlrcAysKt0pprCgVvBhrnNXYLqdyjU3jz9P3LK
TY3s0/YMK2uNFdI+PTjKH+Z9Foqn9NZUnUonEDepGyuRO7fLeccWJPv2L4CR4a/5
ku4VbDgVpvVSVRG3PSVzbmxobnpdpl52og+T7tPx1cLnIknPtVljXPWtZdfekh2E
eAp2KxCCHOKzzG3ItBKsVu0woeqEpy8JcoO6LbgmEoVnZpgmtQClbBgef8+i+oGE
BgW9nmECgYEA8gA63QQuZOUC56N1QXURexN2PogF4wChPaCTFbQSJXvSBkQmbqfL
qRSD8P0t7GOioPrQK6pDwFf4BJB01AvkDf8Z6DxxOJ7cqIC7LOwDupXocWX7Q0Qk
O6cwclBVsrDZK00v60uRRpl/a39GW2dx7IiQDkKQndLh3/0TbMIWHNcCgYEA4J6r
yinZbLpKw2+ezhi4B4GT1bMLoKboJwpZVyNZZCzYR6ZHv+lS7HR/02rcYMZGoYbf
n7OHwF4SrnUS7vPhG4g2ZsOhKQnMvFSQqpGmK1ZTuoKGAevyvtouhK/DgtLWzGvX
9fSahiq/UvfXs/z4M11q9Rv9ztPCmG1cwSEHlo0CgYEAogQNZJK8DMhVnYcNpXke
7uskqtCeQE/Xo06xqkIYNAgloBRYNpUYAGa/vsOBz1UVN/kzDUi8ezVp0oRz8tLT
J5u2WIi+tE2HJTiqF3UbOfvK1sCT64DfUSCpip7GAQ/tFNRkVH8PD9kMOYfILsGe
v+DdsO5Xq5HXrwHb02BNNZkCgYBsl8lt33WiPx5OBfS8pu6xkk+qjPkeHhM2bKZs
nkZlS9j0KsudWGwirN/vkkYg8zrKdK5AQ0dqFRDrDuasZ3N5IA1M+V88u+QjWK7o
B6pSYVXxYZDv9OZSpqC+vUrEQLJf+fNakXrzSk9dCT1bYv2Lt6ox/epix7XYg2bI
Z/OHMQKBgQC2FUGhlndGeugTJaoJ8nhT/0VfRUX/h6sCgSerk5qFr/hNCBV4T022
x0NDR2yLG6MXyqApJpG6rh3QIDElQoQCNlI3/KJ6JfEfmqrLLN2OigTvA5sE4fGU
Dp/ha8OQAx95EwXuaG7LgARduvOIK3x8qi8KsZoUGJcg2ywurUbkWA==
-----END RSA PRIVATE KEY-----
`;

const cert = new X509Certificate(certPem);
const ca = new X509Certificate(Buffer.from(caPem));
for (const field of ['subject', 'issuer', 'subjectAltName', 'infoAccess', 'validFrom', 'validTo', 'fingerprint',
  'fingerprint256', 'fingerprint512', 'keyUsage', 'serialNumber', 'ca', 'signatureAlgorithm', 'signatureAlgorithmOid']) {
  show(field, () => JSON.stringify([cert[field], ca[field]]));
}
show('dates', () => [cert.validFromDate.toISOString(), cert.validToDate.toISOString()]);
show('raw', () => [Buffer.isBuffer(cert.raw), cert.raw.length, new X509Certificate(cert.raw).fingerprint256 === cert.fingerprint256]);
show('pem', () => [cert.toString() === certPem, cert.toJSON() === certPem]);
show('public key', () => [cert.publicKey.type, cert.publicKey.asymmetricKeyType, cert.publicKey.asymmetricKeyDetails.modulusLength]);
show('checkHost', () => [cert.checkHost('agent1'), cert.checkHost('other'), cert.checkHost('agent1', { subject: 'never' })]);
show('checkEmail', () => [cert.checkEmail('ry@tinyclouds.org'), cert.checkEmail('no@example.com')]);
show('checkIP', () => cert.checkIP('127.0.0.1'));
show('checkIP invalid', () => cert.checkIP('not an ip'));
show('checkHost empty', () => cert.checkHost(''));
show('checkHost bad subject', () => cert.checkHost('agent1', { subject: 'sometimes' }));
show('checkHost bad wildcards', () => cert.checkHost('agent1', { wildcards: 'yes' }));
show('checkIssued', () => [cert.checkIssued(ca), ca.checkIssued(cert), ca.checkIssued(ca)]);
show('checkIssued bad', () => cert.checkIssued({}));
const key = crypto.createPrivateKey(keyPem);
show('checkPrivateKey', () => [cert.checkPrivateKey(key), ca.checkPrivateKey(key)]);
show('checkPrivateKey public', () => cert.checkPrivateKey(crypto.createPublicKey(key)));
show('verify', () => [cert.verify(ca.publicKey), cert.verify(cert.publicKey), ca.verify(ca.publicKey)]);
show('verify bad', () => cert.verify('key'));
const legacy = cert.toLegacyObject();
show('legacy', () => [legacy.subject.CN, legacy.issuer.CN, legacy.infoAccess['OCSP - URI'], legacy.serialNumber, legacy.bits,
  legacy.exponent, legacy.valid_to, Buffer.isBuffer(legacy.raw), legacy.fingerprint === cert.fingerprint]);
show('parse garbage', () => new X509Certificate(Buffer.from('not a certificate')));
show('parse bad pem', () => new X509Certificate('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'));
show('parse type', () => new X509Certificate(42));

const publicKey = crypto.createPublicKey(key);
const message = Buffer.from('made by node');
show('privateEncrypt', () => crypto.privateEncrypt(key, Buffer.from('deterministic')).toString('base64'));
show('publicDecrypt', () => crypto.publicDecrypt(publicKey, crypto.privateEncrypt(keyPem, message)).toString());
show('raw rsa', () => crypto.publicEncrypt({ key: publicKey, padding: crypto.constants.RSA_NO_PADDING }, Buffer.alloc(256, 7)).toString('hex'));
const nodeCiphertext = Buffer.from('DEGAiRllYYQ7l1k/JL4WhfyGchtgeR1ZAJqB7hGKiESeHO+IPo71SPto1y3Adp+vd0uJO0e+zSdIAu5FrZg3JMNeZA7B8kzZ+li8kXqUEtDAyST/dooqa8CtldETJLml2O1KKwJZkLO9aCi1Tpdm2KuycAilpXUuNEDodsVOQb/Xrxz4bRcuwC8JwEIQJxukvZj/rDjY3Z4xil3WSuUoVvrv+/qLKxJY0EM+9lZ/hafnmYA6/0HYGVQOgsH2DOQ3Doj4Mjho54jfN5teHoG+wkzQSBTAqwzmLnRz9FH1ZPXWH2GIK7LpPNgj6O4e+d/0aP/8+HibJIAShgzUPh0StA==', 'base64');
show('oaep from node', () => crypto.privateDecrypt({ key: keyPem, oaepHash: 'sha256', oaepLabel: Buffer.from('label') }, nodeCiphertext).toString());
show('oaep wrong label', () => crypto.privateDecrypt({ key: keyPem, oaepHash: 'sha256', oaepLabel: Buffer.from('other') }, nodeCiphertext));
show('oaep round trip', () => crypto.privateDecrypt(key, crypto.publicEncrypt(publicKey, message)).toString());
show('pkcs1 round trip', () => crypto.privateDecrypt({ key, padding: crypto.constants.RSA_PKCS1_PADDING },
  crypto.publicEncrypt({ key: publicKey, padding: crypto.constants.RSA_PKCS1_PADDING }, message)).toString());
show('bad digest', () => crypto.publicEncrypt({ key: publicKey, oaepHash: 'nope' }, message));
show('bad digest type', () => crypto.publicEncrypt({ key: publicKey, oaepHash: 1 }, message));
show('bad label', () => crypto.publicEncrypt({ key: publicKey, oaepLabel: 1 }, message));
show('bad buffer', () => crypto.publicEncrypt(publicKey, 1));
show('bad key', () => crypto.publicEncrypt(1, message));
show('too long', () => crypto.publicEncrypt(publicKey, Buffer.alloc(300)));
show('private op on public key', () => crypto.privateDecrypt(publicKey.export({ type: 'spki', format: 'pem' }), Buffer.alloc(256)));
show('publicDecrypt garbage', () => crypto.publicDecrypt(publicKey, Buffer.alloc(256)));
