// generatePrime/generatePrimeSync (sizes, safe, add/rem, bigint or ArrayBuffer results, async)
// and checkPrime/checkPrimeSync, with node's errors.
const crypto = require('crypto');
const show = (label, fn) => {
  try {
    console.log(label, fn());
  } catch (err) {
    console.log(label, 'throws', err.name, err.code, err.message);
  }
};

show('3 bits', () => crypto.generatePrimeSync(3, { bigint: true }));
show('buffer result', () => crypto.generatePrimeSync(16) instanceof ArrayBuffer);
show('64 bits prime', () => crypto.checkPrimeSync(crypto.generatePrimeSync(64, { bigint: true })));
show('safe', () => { const p = crypto.generatePrimeSync(32, { safe: true, bigint: true }); return crypto.checkPrimeSync((p - 1n) / 2n); });
show('add rem', () => crypto.generatePrimeSync(4, { add: 15n, rem: 13n, bigint: true }));
show('add mod', () => crypto.generatePrimeSync(64, { add: 12n, rem: 11n, bigint: true }) % 12n);
show('add too big', () => crypto.generatePrimeSync(64, { add: 2n ** 64n }));
show('rem too big', () => crypto.generatePrimeSync(64, { add: 7n, rem: 7n }));
show('negative add', () => crypto.generatePrimeSync(64, { add: -1n }));
show('size 0', () => crypto.generatePrimeSync(0));
show('size type', () => crypto.generatePrimeSync('8'));
show('bigint option', () => crypto.generatePrimeSync(8, { bigint: 1 }));
show('add type', () => crypto.generatePrimeSync(8, { add: 'x' }));
show('small primes', () => [0, 1, 2, 3, 4, 97, 561].map((n) => crypto.checkPrimeSync(BigInt(n))));
show('buffer candidate', () => crypto.checkPrimeSync(Buffer.from([0x7f])));
show('candidate type', () => crypto.checkPrimeSync(7));
show('negative candidate', () => crypto.checkPrimeSync(-7n));
show('checks', () => crypto.checkPrimeSync(7n, { checks: -1 }));
show('no callback', () => crypto.checkPrime(7n));
crypto.generatePrime(24, { bigint: true }, (err, prime) => {
  console.log('async prime', err, typeof prime, crypto.checkPrimeSync(prime));
  crypto.checkPrime(prime, (err2, result) => console.log('async check', err2, result));
});
