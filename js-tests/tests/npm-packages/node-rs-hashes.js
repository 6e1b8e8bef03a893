'use strict';
// napi-rs packages from @node-rs (platform packages picked by their loader): xxhash, crc32.
const xxhash = require('@node-rs/xxhash');
const { crc32, crc32c } = require('@node-rs/crc32');
console.log(xxhash.xxh32('hello', 0), xxhash.xxh64('hello'), xxhash.xxh3.xxh64('hello'), xxhash.xxh3.xxh128('hello'));
const state = new xxhash.Xxh64(7n);
console.log(state.update('a').update(Buffer.from('b')).digest(), new xxhash.Xxh32(1).update('abc').digest());
console.log(crc32('hello'), crc32c('hello'), crc32(Buffer.from('abc'), 5), crc32c(new Uint8Array(1000).fill(7)));
try { crc32(42); } catch (err) { console.log(err.constructor.name, err.code, err.message); }
