// TextDecoder and TextEncoder: labels, legacy encodings, streaming, BOMs, fatal errors and
// argument checks.
'use strict';
const util = require('util');

function attempt(label, fn) {
  try {
    console.log(label, JSON.stringify(fn()));
  } catch (err) {
    console.log(label, err.name, err.code, err.message);
  }
}

for (const label of ['unicode', 'ucs-2', 'unicodefffe', 'x-user-defined', 'iso-2022-kr', 'replacement', 'utf-16', 'GBK',
  ' latin1\n', 'x-mac-roman', 'csunicode', 'iso-8859-16', 'gb18030', 'windows-949', 'koi8-ru', 'foo', '']) {
  attempt(JSON.stringify(label), () => new TextDecoder(label).encoding);
}
attempt('options 5', () => new TextDecoder('utf-8', 5));
attempt('options null', () => new TextDecoder('utf-8', null).fatal);
attempt('decode options 5', () => new TextDecoder().decode(new Uint8Array(1), 5));
for (const encoding of ['utf-8', 'utf-16le', 'latin1', 'shift_jis']) {
  attempt(`decode string ${encoding}`, () => new TextDecoder(encoding).decode('x'));
}
attempt('invalid this', () => TextDecoder.prototype.decode.call({}));
attempt('fatal utf-8', () => new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xff])));
attempt('fatal shift_jis', () => new TextDecoder('shift_jis', { fatal: true }).decode(new Uint8Array([0xff])));
attempt('shift_jis', () => new TextDecoder('shift_jis').decode(new Uint8Array([0x82, 0xa0])));
attempt('euc-kr', () => new TextDecoder('euc-kr').decode(new Uint8Array([0xb0, 0xa1, 0x41])));
attempt('big5', () => new TextDecoder('big5').decode(new Uint8Array([0xa4, 0x40])));
attempt('gbk 0x80', () => new TextDecoder('gbk').decode(new Uint8Array([0x80])));
attempt('SharedArrayBuffer', () => new TextDecoder().decode(new SharedArrayBuffer(2)));
attempt('DataView', () => new TextDecoder('utf-16le').decode(new DataView(new ArrayBuffer(2))));

{
  const decoder = new TextDecoder('iso-2022-jp');
  attempt('iso-2022-jp stream', () => [decoder.decode(new Uint8Array([0x1b, 0x24, 0x42]), { stream: true }),
    decoder.decode(new Uint8Array([0x24, 0x22]))]);
}
{
  const decoder = new TextDecoder('utf-16le');
  attempt('utf-16le BOM stream', () => [decoder.decode(new Uint8Array([0xff, 0xfe, 0x41]), { stream: true }),
    decoder.decode(new Uint8Array([0, 0xff, 0xfe, 0x42, 0]))]);
}
{
  const decoder = new TextDecoder('utf-8', { fatal: true });
  attempt('fatal mid-stream', () => {
    decoder.decode(new Uint8Array([0xE2, 0x82]), { stream: true });
    return decoder.decode(new Uint8Array([0x41]));
  });
  attempt('after fatal', () => decoder.decode(new Uint8Array([0x41])));
}
attempt('utf-16be BOM', () => new TextDecoder('utf-16be').decode(new Uint8Array([0xfe, 0xff, 0, 0x41])));
attempt('utf-16be ignoreBOM', () => new TextDecoder('utf-16be', { ignoreBOM: true }).decode(new Uint8Array([0xfe, 0xff, 0, 0x41])));
attempt('utf-8 two BOMs', () => new TextDecoder().decode(new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x41])));
attempt('windows-1252 BOM', () => new TextDecoder('windows-1252').decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x80, 0x81])));

console.log(TextDecoder.length, TextDecoder.prototype.decode.length, TextEncoder.prototype.encodeInto.length);
console.log(Object.keys(TextDecoder.prototype), Object.keys(TextEncoder.prototype));
console.log(new TextDecoder('latin1'), new TextEncoder(), [new TextDecoder()], { a: { b: { c: new TextDecoder() } } });
class Sub extends TextDecoder {}
console.log(new Sub(), util.inspect(new TextDecoder(), { depth: -1 }), String(new TextDecoder()));

const target = new Uint8Array(5);
console.log(new TextEncoder().encodeInto('a\u00e9\u{1F600}', target), target);
console.log(new TextEncoder().encodeInto('\ud800x', new Uint8Array(10)));
attempt('encodeInto number', () => new TextEncoder().encodeInto(1, new Uint8Array(3)));
attempt('encodeInto array', () => new TextEncoder().encodeInto('a', []));
attempt('encode invalid this', () => TextEncoder.prototype.encode.call({}));
console.log(new TextEncoder().encode('\ud800'));
