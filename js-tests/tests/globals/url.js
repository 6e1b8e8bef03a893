// URL and URLSearchParams as Node 24 has them: URL.parse / URL.canParse, the WHATWG setters,
// brand checks and missing-argument errors, searchParams kept in step with the URL, the
// form encoding of URLSearchParams (bad escapes, USV strings), its constructors and errors,
// live iterators, and how both are inspected.
const util = require('util');
const show = (label, fn) => {
  try {
    const value = fn();
    console.log(label, typeof value === 'string' ? JSON.stringify(value) : util.inspect(value, { breakLength: 120 }));
  } catch (err) {
    console.log(label, err.name, err.code, err.message, err.input, err.base);
  }
};

show('parse', () => URL.parse('/a/b?c#d', 'https://example.org/x/y').href);
show('parse invalid', () => URL.parse('not a url'));
show('parse base invalid', () => URL.parse('/a', 'nope'));
show('parse no args', () => URL.parse());
show('canParse', () => [URL.canParse('https://a'), URL.canParse('a'), URL.canParse('a', 'https://b/'), URL.canParse('a', 'b')]);
show('canParse no args', () => URL.canParse());
show('new no args', () => new URL());
show('new invalid', () => new URL('//x', 'y'));
show('statics', () => Object.keys(URL).filter((k) => k === 'parse' || k === 'canParse'));

const url = new URL('http://user:pa ss@Example.COM:8080/p/a/t/h?query=string&a=1#hash');
show('url', () => url);
show('parts', () => [url.host, url.hostname, url.port, url.origin, url.username, url.password, url.search, url.hash]);
const set = (name, value) => show(`set ${name}=${JSON.stringify(value)}`, () => {
  const u = new URL('https://user@host.test:81/dir/file?x=1#frag');
  u[name] = value;
  return [u.href, u[name]];
});
set('protocol', 'http');
set('protocol', 'ftp:');
set('protocol', 'file');
set('protocol', '1bad');
set('username', 'new user');
set('password', 'p@ss');
set('host', 'other.test:99');
set('host', 'other.test:');
set('hostname', 'h.test:50');
set('hostname', '[::1]');
set('port', '443');
set('port', '8080abc');
set('port', '99999');
set('port', '');
set('pathname', 'a b/ü');
set('search', 'a=b c');
set('search', '?');
set('search', '');
set('hash', 'h h');
set('hash', '');
set('href', 'mailto:x@y.test');
set('href', 'bad');
set('origin', 'http://nope');

const u = new URL('https://h.test/?a=1&b=2');
const params = u.searchParams;
params.append('c', 'x y');
params.delete('a');
show('synced', () => [u.href, u.search, params.toString(), params.size, u.searchParams === params]);
u.search = '?z=9&z=8';
show('back', () => [params.getAll('z'), params.get('a'), params.has('z', '8'), params.has('z', '7')]);
u.href = 'https://h.test/';
show('cleared', () => [params.size, u.search]);
show('toJSON', () => JSON.stringify({ u }));
show('brand get', () => Reflect.get(URL.prototype, 'href', {}));
show('brand port', () => Reflect.get(URL.prototype, 'port', {}));
show('brand set', () => Reflect.set(URL.prototype, 'search', '', {}));

show('form', () => new URLSearchParams('a=b+c&%zz=%41%ZZ&&=x&e&f=%E2%82%AC&g=%FF').toString());
show('form entries', () => [...new URLSearchParams('a=b+c&%zz=%41%ZZ&&=x&e&f=%E2%82%AC&g=%FF')]);
show('serialize', () => new URLSearchParams({ key: "~!*()'-._ é\u00a0+&=", lone: 'a\ud800' }).toString());
show('record', () => new URLSearchParams({ b: 1, a: [1, 2], [Symbol('s')]: 3 }));
show('pairs', () => new URLSearchParams([['a', 1], new Set(['b', 2])]));
show('copy', () => new URLSearchParams(new URLSearchParams('q=1')));
show('null', () => new URLSearchParams(null));
show('leading ?', () => new URLSearchParams('??a=1'));
show('bad pair', () => new URLSearchParams([['a']]));
show('bad pair 2', () => new URLSearchParams([5]));
show('not iterable', () => new URLSearchParams({ [Symbol.iterator]: 1 }));
const p = new URLSearchParams('b=2&a=1&b=1&c');
show('methods', () => [p.get('b'), p.getAll('b'), p.get('zz'), p.has('c'), p.size]);
p.set('b', 'only');
p.sort();
show('set+sort', () => p.toString());
show('missing', () => p.append('x'));
show('missing get', () => p.get());
show('invalid this', () => URLSearchParams.prototype.has.call({}, 'a'));
show('forEach', () => p.forEach(1));
const seen = [];
p.forEach(function (value, name, self) { seen.push([name, value, self === p, this.tag]); }, { tag: 't' });
show('forEach args', () => seen);
const it = p.entries();
it.next();
p.append('late', 'yes');
show('live iterator', () => [...it]);
show('iterator', () => [Object.prototype.toString.call(p.keys()), typeof p.keys().next, p[Symbol.iterator] === p.entries]);
show('inspect', () => [util.inspect(p), util.inspect(p.keys()), util.inspect(p, { depth: -1 }), util.inspect(new URLSearchParams())]);
console.log(util.inspect(p, { breakLength: 10 }));
console.log(util.inspect(p.values(), { breakLength: 10 }));
console.log(util.inspect({ nested: new URL('https://n.test/?k=v') }, { depth: 0 }));
console.log(util.inspect(new URL('https://n.test/?k=v'), { depth: 0 }));
show('urlToHttpOptions', () => require('url').urlToHttpOptions(new URL('http://u%20s:p@[::1]:21/a/b?c=d#e')));
show('urlToHttpOptions bad', () => require('url').urlToHttpOptions('http://x'));
