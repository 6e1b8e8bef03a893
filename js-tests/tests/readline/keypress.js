// emitKeypressEvents: node's decoding of keys, escape sequences (xterm, rxvt, putty, Cygwin),
// modifiers, meta (ESC-prefixed), paste brackets, surrogate pairs, split sequences and a lone
// ESC resolved by the escape timeout.
'use strict';
const readline = require('readline');
const { PassThrough } = require('stream');

const input = new PassThrough();
readline.emitKeypressEvents(input);
readline.emitKeypressEvents(input);
const seen = [];
input.on('keypress', (s, key) => seen.push([s, key]));

const sequences = [
  'a', 'A', '1', ' ', '\r', '\n', '\t', '\b', '\x7f', '\x01', '\x1a', '\x00', '.', 'é', '😀', '南',
  '\x1b[A', '\x1b[B', '\x1b[C', '\x1b[D', '\x1b[E', '\x1b[F', '\x1b[H', '\x1bOA', '\x1bOH', '\x1bOP', '\x1b[11~',
  '\x1b[15~', '\x1b[24~', '\x1b[1~', '\x1b[2~', '\x1b[3~', '\x1b[4~', '\x1b[5~', '\x1b[6~', '\x1b[[5~', '\x1b[7~',
  '\x1b[a', '\x1b[2$', '\x1bOa', '\x1b[3^', '\x1b[Z', '\x1b[[A', '\x1b[[E', '\x1b[1;5C', '\x1b[1;2A', '\x1b[1;3D',
  '\x1b[3;5~', '\x1b[5C', '\x1bO5A', '\x1b[200~', '\x1b[201~', '\x1bb', '\x1bB', '\x1b\r', '\x1b\x7f', '\x1b\x1b[A',
  '\x1b[99X', '\x1b[123~', '\x1b.', '\x1b\x1b',
];
for (const sequence of sequences) {
  input.write(sequence);
  console.log(JSON.stringify(sequence), JSON.stringify(seen.splice(0)));
}
// One chunk of several keys, and a sequence split across chunks.
input.write('ab\x1b[Ac');
console.log('chunk', JSON.stringify(seen.splice(0)));
input.write('\x1b[');
input.write('1;5');
input.write('D');
console.log('split', JSON.stringify(seen.splice(0)));
input.write('\x1b');
console.log('lone escape, before timeout', JSON.stringify(seen.splice(0)));
setTimeout(() => {
  console.log('lone escape, after timeout', JSON.stringify(seen.splice(0)));
  // A keypress listener added later starts the decoding again.
  const other = new PassThrough();
  readline.emitKeypressEvents(other);
  other.write('x');
  other.on('keypress', (s, key) => console.log('late listener', JSON.stringify([s, key])));
  other.write('y');
}, 700);
