// TextDecoder for windows-1252 and the labels that name it (latin1, ascii, ...): bytes
// 0x80-0x9F decode as windows-1252 has them, not as Latin-1 controls.
for (const label of ['windows-1252', 'latin1', ' ASCII ', 'us-ascii', 'iso-8859-1', 'cp1252', 'l1']) {
  console.log(JSON.stringify(label), new TextDecoder(label).encoding);
}
const decoder = new TextDecoder('windows-1252', { fatal: true });
const all = Uint8Array.from({ length: 256 }, (_, i) => i);
console.log([...decoder.decode(all)].map((c) => c.codePointAt(0).toString(16)).join(' '));
console.log(decoder.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])).length);
console.log(decoder.decode(new Uint16Array([0x8081]).buffer));
try {
  new TextDecoder('windows-1253-nope');
} catch (err) {
  console.log(err.name, err.code, err.message);
}
