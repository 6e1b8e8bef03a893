'use strict';
// string_decoder: characters split across chunks in each encoding.
const { StringDecoder } = require('string_decoder');
const show = (value) => JSON.stringify(value);
const euro = Buffer.from('€ and 😀');
for (const encoding of ['utf8', 'utf16le', 'base64', 'hex', 'latin1']) {
  const bytes = Buffer.from('€ and 😀 ✓', encoding === 'utf8' ? 'utf8' : 'utf8');
  const source = encoding === 'utf16le' ? Buffer.from('€ and 😀 ✓', 'utf16le') : bytes;
  const decoder = new StringDecoder(encoding);
  const parts = [];
  for (let i = 0; i < source.length; i++) parts.push(decoder.write(source.subarray(i, i + 1)));
  parts.push(decoder.end());
  console.log(encoding, decoder.encoding, show(parts.join('')), parts.filter((p) => p === '').length);
}
const d = new StringDecoder('utf8');
console.log(show(d.write(euro.subarray(0, 1))), d.lastNeed, d.lastTotal, show(d.write(euro.subarray(1, 3))), show(d.end(Buffer.from([0xf0, 0x9f]))));
console.log(show(new StringDecoder('ucs2').end(Buffer.from([0x3d, 0xd8]))), new StringDecoder().encoding, new StringDecoder('UTF-8').encoding);
try { new StringDecoder('nope'); } catch (err) { console.log(err.name, err.code, err.message); }
console.log(show(new StringDecoder('utf8').write('already text')));
