'use strict';
// napi-rs packages with bigger surfaces: snappy (sync, async, node:stream factories) and lightningcss.
const snappy = require('snappy');
const css = require('lightningcss');
const input = 'hello hello hello hello '.repeat(20);
const compressed = snappy.compressSync(input);
console.log(compressed.toString('hex'), snappy.uncompressSync(compressed, { asBuffer: false }) === input);
const out = css.transform({ filename: 'a.css', code: Buffer.from('.a { color: #ff0000; }  .b{ margin: 0 0 0 0 } @media (min-width: 100px) { .c { display: flex } }'), minify: true });
console.log(out.code.toString(), out.warnings);
try {
  css.transform({ filename: 'bad.css', code: Buffer.from('.a { color: }}}'), minify: true, errorRecovery: false });
} catch (err) {
  console.log(err.constructor.name, err.message, err.loc);
}
(async () => {
  const c = await snappy.compress(Buffer.from(input));
  console.log(c.length, (await snappy.uncompress(c)).toString() === input);
  console.log(css.browserslistToTargets ? typeof css.browserslistToTargets : 'none', Object.keys(css).sort().join());
})();
