'use strict';
// sharp (libvips through node-addon-api: async work, buffers, streams), rollup's native
// parser and hasher (napi-rs), and @node-rs/jsonwebtoken (sync calls and async tasks).
const sharp = require('sharp');
const { parseAst } = require('rollup/parseAst');
const { rollup } = require('rollup');
const jwt = require('@node-rs/jsonwebtoken');

const ast = parseAst('export const a = 1 + 2; function f(x) { return x * 2 }');
console.log(ast.type, ast.body.length, ast.body[0].type, ast.body[1].id.name, ast.body[1].params[0].name);
try {
  parseAst('let = = 1;');
} catch (err) {
  console.log('parse error', err.code, err.message);
}
console.log(typeof sharp.versions.vips, Object.keys(sharp.format).includes('png'), sharp.concurrency() > 0);

(async () => {
  const claims = { sub: 'anode', exp: 2000000000, iat: 1700000000 };
  const token = await jwt.sign(claims, 'secret');
  console.log(token.split('.').length, token === jwt.signSync(claims, 'secret'));
  console.log((await jwt.verify(token, 'secret')).sub, jwt.verifySync(token, 'secret').exp);
  await jwt.verify(token, 'another secret').catch((err) => console.log('verify', err.message));

  const red = sharp({ create: { width: 8, height: 6, channels: 3, background: { r: 255, g: 0, b: 0 } } });
  const png = await red.png().toBuffer();
  console.log('png', png.subarray(1, 4).toString());
  const meta = await sharp(png).metadata();
  console.log(meta.width, meta.height, meta.format, meta.channels);
  const { data, info } = await sharp(png).resize(4, 3).raw().toBuffer({ resolveWithObject: true });
  console.log(info.width, info.height, info.channels, data.length, [...data.subarray(0, 3)]);
  const stats = await sharp(png).stats();
  console.log(stats.channels.map((channel) => channel.mean));
  const jpeg = await sharp(png).flip().jpeg({ quality: 90 }).toBuffer();
  console.log('jpeg', jpeg[0].toString(16), jpeg[1].toString(16), (await sharp(jpeg).metadata()).format);
  await sharp(Buffer.from('not an image')).metadata().catch((err) => console.log('bad input', err.message));

  const bundle = await rollup({
    input: 'entry',
    plugins: [{
      resolveId: (id) => id,
      load: (id) => (id === 'entry' ? 'import { x } from "dep"; console.log(x);' : 'export const x = 42; export const unused = 1;'),
    }],
  });
  const { output } = await bundle.generate({ format: 'cjs' });
  console.log(output[0].fileName, output[0].code.trim().split('\n').length, output[0].code.includes('unused'), output[0].code.includes('42'));
  await bundle.close();
})();
