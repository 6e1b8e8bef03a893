'use strict';
// node-gyp-build packages (prebuilds/ scanned with fs.readdirSync): bufferutil, utf-8-validate,
// msgpackr-extract (node-gyp-build-optional-packages, through msgpackr), sodium-native.
const bufferutil = require('bufferutil');
const isValidUTF8 = require('utf-8-validate');
const msgpackr = require('msgpackr');
const sodium = require('sodium-native');
const data = Buffer.from('abcdefgh');
const masked = Buffer.alloc(8);
bufferutil.mask(data, Buffer.from([1, 2, 3, 4]), masked, 0, 8);
const unmasked = Buffer.from(masked);
bufferutil.unmask(unmasked, Buffer.from([1, 2, 3, 4]));
console.log(masked.toString('hex'), unmasked.toString());
console.log(isValidUTF8(Buffer.from('héllo €')), isValidUTF8(Buffer.from([0xff, 0xfe])), isValidUTF8(Buffer.alloc(0)));
console.log(typeof require('msgpackr-extract').extractStrings);
const packed = msgpackr.pack({ text: 'a string long enough for the native extractor', list: [1, 2.5, -3], nested: { ok: true } });
console.log(packed.length, msgpackr.unpack(packed));
const hash = Buffer.alloc(sodium.crypto_generichash_BYTES);
sodium.crypto_generichash(hash, Buffer.from('hello'));
const key = Buffer.alloc(sodium.crypto_secretbox_KEYBYTES, 3);
const nonce = Buffer.alloc(sodium.crypto_secretbox_NONCEBYTES, 4);
const box = Buffer.alloc(5 + sodium.crypto_secretbox_MACBYTES);
sodium.crypto_secretbox_easy(box, Buffer.from('hello'), nonce, key);
const opened = Buffer.alloc(5);
console.log(hash.toString('hex'), box.toString('hex'), sodium.crypto_secretbox_open_easy(opened, box, nonce, key), opened.toString());
try { sodium.crypto_generichash(Buffer.alloc(1), Buffer.from('x')); } catch (err) { console.log(err.constructor.name, err.message); }
