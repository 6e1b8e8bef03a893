// string_decoder's utf16le boundaries and this-checks, and os priority argument validation.
const { StringDecoder } = require('string_decoder');
const os = require('os');

const hex = (s) => Buffer.from(s, 'hex');
const escape = (s) => JSON.stringify(s).replace(/[\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
let d = new StringDecoder('utf16le');
console.log(escape(d.write(hex('3DD84D'))), escape(d.end()));
d = new StringDecoder('utf16le');
console.log(escape(d.write(hex('3DD8'))), escape(d.write(hex('4D'))), escape(d.end()));
d = new StringDecoder('utf16le');
console.log(escape(d.write(hex('3DD8'))), escape(d.write(hex('4DDC'))), escape(d.end()));
d = new StringDecoder('utf16le');
console.log(escape(d.write(hex('3D'))), escape(d.write(hex('D84DDC'))), escape(d.end()));

const attempts = [
  () => StringDecoder.prototype.write(Buffer.from('abc')),
  () => os.getPriority(NaN),
  () => os.getPriority(3.5),
  () => os.getPriority(2 ** 32),
  () => os.getPriority('1'),
  () => os.setPriority(0, 20),
  () => os.setPriority(0, null),
];
for (const attempt of attempts) {
  try {
    attempt();
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
}
