// Packages through their ESM entries ("import" condition): lightningcss's index.mjs imports
// its CommonJS glue by default export, msgpackr's node-index.js is a "type": "module" file that
// loads msgpackr-extract with createRequire, snappy and @node-rs/xxhash are CommonJS
// imported by name.
import * as css from 'lightningcss';
import { pack, unpack, Packr } from 'msgpackr';
import snappy from 'snappy';
import { compressSync, uncompressSync } from 'snappy';
import { xxh32, xxh64 } from '@node-rs/xxhash';

const out = css.transform({ filename: 'a.css', code: Buffer.from('.a { color: #ff0000 }'), minify: true });
console.log(Object.keys(css), out.code.toString());
const packr = new Packr({ structuredClone: true });
const shared = { n: 1 };
console.log(unpack(pack({ a: [1, 2, 'x'], when: new Date(0) })), packr.unpack(packr.pack([shared, shared])));
console.log(snappy.compressSync === compressSync, uncompressSync(compressSync('hello'), { asBuffer: false }));
console.log(xxh32('abc'), xxh64('abc'));
