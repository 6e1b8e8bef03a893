'use strict';
// util.MIMEType / util.MIMEParams (WHATWG MIME parsing and serialization, node's errors and
// brand checks), util.diff, url.fileURLToPathBuffer.
const util = require('util');
const { MIMEType, MIMEParams } = util;
const url = require('url');

const report = (label, fn) => {
  try {
    console.log(label, fn());
  } catch (err) {
    console.log(label, err.name, err.code, err.message);
  }
};

for (const input of ['text/html', ' Text/HTML ; Charset="utf-8" ; x ; y= ; z="a\\"b\\\\c";q=1;q=2', 'text plain', '', 'text',
  'text/', '/html', 'a/b;=x', 'a/b;x="unterminated', 'a/b;x="trailing\\', 'a/b; x = y', 'a/b;\u0100=1', 'a/b;x=\u00e9',
  'a/b\u0000', 'text/plain;Charset=x', 'application/ecmascript; ', 5, { toString: () => 'x/y' }]) {
  report(JSON.stringify(String(input)), () => {
    const mime = new MIMEType(input);
    return [String(mime), mime.type, mime.subtype, mime.essence, [...mime.params], JSON.stringify(mime)];
  });
}
const mime = new MIMEType('text/plain');
report('type setter', () => { mime.type = 'TEXT'; return String(mime); });
report('bad type', () => { mime.type = ' x'; });
report('bad subtype', () => { mime.subtype = 'x;'; });
report('params set', () => { mime.params.set('a', ''); mime.params.set('b', 'x y'); mime.params.set('c', '"\\'); return String(mime); });
report('bad name', () => mime.params.set('=', 'x'));
report('bad value', () => mime.params.set('x', '\n'));
report('params api', () => [mime.params.get('a'), mime.params.get('nope'), mime.params.has('b'), mime.params.delete('b'),
  [...mime.params.keys()], [...mime.params.values()], String(mime.params), mime.params.toJSON()]);
report('new MIMEParams', () => [String(new MIMEParams()), [...new MIMEParams()]]);
report('prototype names', () => [Object.getOwnPropertyNames(MIMEType.prototype), Object.getOwnPropertyNames(MIMEParams.prototype)]);
report('getter on foreign receiver', () => Object.getOwnPropertyDescriptor(MIMEType.prototype, 'type').get.call({}));
report('method on foreign receiver', () => MIMEParams.prototype.get.call({}, 'x'));
report('inspect', () => util.inspect([mime, mime.params]));

report('diff strings', () => util.diff('kitten', 'sitting'));
report('diff arrays', () => util.diff(['a', 'b', 'c'], ['a', 'c', 'd']));
report('diff same', () => util.diff('x', 'x'));
report('diff mixed', () => util.diff('ab', ['a', 'b']));
report('diff bad', () => util.diff(1, 'x'));
report('diff bad item', () => util.diff(['a', 2], ['a']));

report('fileURLToPathBuffer', () => url.fileURLToPathBuffer('file:///tmp/%82%A0%E2%82%AC/a%20b'));
report('fileURLToPathBuffer plain', () => url.fileURLToPathBuffer(new URL('file:///a/b')).toString());
report('fileURLToPathBuffer windows', () => url.fileURLToPathBuffer('file:///C:/x/%FF', { windows: true }));
report('fileURLToPathBuffer unc', () => url.fileURLToPathBuffer('file://server/share/%41', { windows: true }).toString());
report('fileURLToPathBuffer slash', () => url.fileURLToPathBuffer('file:///a%2Fb'));
report('fileURLToPathBuffer windows escapes', () => [url.fileURLToPathBuffer('file:///C:/a%2Fb', { windows: true }),
  url.fileURLToPathBuffer('file:///C:/a%5Cb', { windows: true })]);
report('fileURLToPathBuffer windows relative', () => url.fileURLToPathBuffer('file:///x', { windows: true }));
report('fileURLToPathBuffer host', () => url.fileURLToPathBuffer('file://host/a'));
report('fileURLToPathBuffer scheme', () => url.fileURLToPathBuffer('http://x/'));
report('fileURLToPathBuffer type', () => url.fileURLToPathBuffer(5));
report('fileURLToPath still throws', () => url.fileURLToPath('file:///%82'));
