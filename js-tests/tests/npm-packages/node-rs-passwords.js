'use strict';
// napi-rs password hashing: sync calls and async ones (napi-rs AsyncTask on libuv's pool → Promise).
const argon2 = require('@node-rs/argon2');
const bcrypt = require('@node-rs/bcrypt');
const salt = Buffer.alloc(16, 1);
const hash = argon2.hashSync('pw', { salt, memoryCost: 1024, timeCost: 1 });
console.log(hash, argon2.verifySync(hash, 'pw'), argon2.verifySync(hash, 'px'));
const bhash = bcrypt.hashSync('pw', { cost: 4 });
console.log(bhash.length, bcrypt.verifySync('pw', bhash), bcrypt.verifySync('px', bhash), bcrypt.genSaltSync({ cost: 4 }).length);
(async () => {
  const h = await argon2.hash('secret', { salt, memoryCost: 1024, timeCost: 1, algorithm: argon2.Algorithm.Argon2i });
  console.log(h, await argon2.verify(h, 'secret'), await argon2.verify(h, 'nope'));
  const b = await bcrypt.hash('secret', { cost: 4 });
  console.log(await bcrypt.verify('secret', b), await bcrypt.verify('nope', b));
  await argon2.verify('not a hash', 'x').catch((err) => console.log('rejected', err.constructor.name, err.code, err.message));
})();
