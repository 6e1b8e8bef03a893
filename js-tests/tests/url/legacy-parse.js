// Legacy url.parse/format/resolve with node's own rules, url.format of a WHATWG URL with
// options, and the IDNA helpers.
const url = require('url');

const show = (u) => JSON.stringify(u, (k, v) => (v && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === null ? { ...v } : v));

for (const input of [
  'http://user:pass@Host.COM:8080/p/a/t/h?query=string#hash',
  '  HTTP://www.example.com/a\\b?c\\d#e  ',
  'http://a@b@c/',
  'http://a@b?@c',
  'mailto:user@example.com?subject=hi',
  'javascript:alert("hi")',
  '//some/path?x',
  '/just/a/path?and=query',
  'http://[::1]:3000/x',
  'http://ex ample.com/',
  'http://bücher.de/',
  'file:///etc/passwd',
  'git+ssh://git@github.com:npm/npm',
  'http://x.com/a b<c>"d\'e',
]) {
  console.log(show(url.parse(input)));
}
console.log(show(url.parse('http://x/?a=1&b=2&a=3', true)));
console.log(show(url.parse('//host/p', false, true)));
console.log(show(url.parse('/p', true)));

for (const [from, to] of [
  ['/one/two/three', 'four'],
  ['http://example.com/', '/one'],
  ['http://example.com/one', '/two'],
  ['http://a/b/c/d;p?q', '../../../g'],
  ['http://a/b/c/d;p?q', '?y'],
  ['mailto:a@b.com', 'mailto:c@d.com'],
  ['http://example.com/a/b', '//other.com/c'],
  ['http://user@a/b', 'https:c'],
]) {
  console.log(from, to, '->', url.resolve(from, to));
}

console.log(url.format({ protocol: 'https', hostname: 'example.com', pathname: '/some/path', query: { page: 1, format: 'json' } }));
console.log(url.format({ protocol: 'file', pathname: '/x#y?z' }));
console.log(url.format({ hostname: '::1', port: 80, auth: 'a b:c@d' }));
const whatwg = new URL('http://user:pass@xn--lck1c3crb1723bpq4a.com/a?a=b#c');
console.log(url.format(whatwg, { unicode: true, auth: false }));
console.log(url.format(whatwg, { fragment: false, search: false }));
console.log(url.domainToASCII('español.com'), url.domainToUnicode('xn--espaol-zwa.com'), JSON.stringify(url.domainToASCII('xn--iñvalid.com')));
console.log(url.pathToFileURL('/foo bar/#?~[x]').href, url.pathToFileURL('C:\\dir\\a b', { windows: true }).href);
console.log(url.fileURLToPath('file:///C:/a%20b', { windows: true }));

for (const bad of [() => url.parse(42), () => url.parse('http://[127.0.0.1\x00c8763]:8000/'), () => url.format(7), () => url.fileURLToPath('file:///a%2F')]) {
  try {
    bad();
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
}
