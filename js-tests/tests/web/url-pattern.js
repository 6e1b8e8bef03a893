// URLPattern: construction and matching arguments, errors, results and the prototype's shape.
'use strict';
const { URLPattern } = require('url');
function attempt(label, fn) { try { const v = fn(); console.log(label, typeof v === 'object' && v !== null ? JSON.stringify(v) : v); } catch (e) { console.log(label, e.name, e.code, e.message); } }
{
attempt('bad', () => new URLPattern('https://(['));
attempt('bad2', () => new URLPattern({ pathname: '(' }));
attempt('relative no base', () => new URLPattern('/foo'));
attempt('base with init', () => new URLPattern({}, 'https://x'));
attempt('call', () => URLPattern());
attempt('num', () => new URLPattern(1));
attempt('opt num', () => new URLPattern({}, '', 1));
attempt('exec num', () => new URLPattern().exec(1));
attempt('exec init+base', () => new URLPattern().exec({}, 'https://x'));
attempt('getter', () => Object.getOwnPropertyDescriptor(URLPattern.prototype, 'protocol').get.call({}));
const p = new URLPattern({ pathname: '/users/:id(\\d+)/:rest*', hostname: '{*.}?example.com' });
console.log(p.protocol, p.hostname, p.pathname, p.hasRegExpGroups, p.search, p.hash, p.port, p.username);
attempt('exec', () => p.exec('https://api.example.com/users/42/a/b?q=1#h'));
attempt('exec base', () => p.exec('/users/7', 'https://example.com'));
attempt('exec init', () => p.exec({ hostname: 'example.com', pathname: '/users/1' }));
attempt('test', () => p.test('https://example.com/users/x'));
console.log(p, Object.getOwnPropertyNames(URLPattern.prototype), URLPattern.length, URLPattern.prototype.exec.length, URLPattern.prototype.test.length);
const ci = new URLPattern({ pathname: '/FOO' }, { ignoreCase: true });
console.log(ci.test({ pathname: '/foo' }), new URLPattern('https://example.com:8080/a?b#c'));
attempt('exec opt', () => new URLPattern({ pathname: '/a/:x?' }).exec({ pathname: '/a' }));
attempt('str', () => String(new URLPattern({ pathname: '/a' })));
console.log(require('util').inspect(new URLPattern('https://x.com'), { depth: 0 }));
console.log(Object.prototype.toString.call(new URLPattern()), typeof globalThis.URLPattern);
}
{
const p = new URLPattern({ pathname: '/users/:id(\\d+)/:rest*', hostname: '{*.}?example.com' });
console.log(p.exec('https://example.com/users/42'));
console.log(new URLPattern({ pathname: '/:a/:b/:c' }).exec({ pathname: '/1/2/3' }).pathname);
console.log(new URLPattern({ pathname: '/:a/(\\d+)/:c/*' }).exec({ pathname: '/1/2/3/4' }).pathname);
const r = new URLPattern().exec('https://x.com'); console.log(Object.keys(r), Object.getPrototypeOf(r) === Object.prototype, r.inputs);
console.log(new URLPattern('https://example.com/:x', 'https://b.com').pathname, new URLPattern('/a/:b', 'https://example.com/base/').hostname);
console.log(new URLPattern({ pathname: '/x', baseURL: 'https://e.com' }).protocol);
}
{
attempt('opt1', () => new URLPattern({}, 1));
attempt('opt true', () => new URLPattern({}, true));
attempt('init num field', () => new URLPattern({ pathname: 5 }).pathname);
attempt('init obj field', () => new URLPattern({ pathname: { toString() { return '/q'; } } }).pathname);
attempt('init null field', () => new URLPattern({ pathname: null }).pathname);
attempt('ignoreCase', () => new URLPattern({ pathname: '/A' }, { ignoreCase: 1 }).test({ pathname: '/a' }));
attempt('exec 2 base', () => new URLPattern().exec('https://a.com', 'https://b.com'));
attempt('exec 2 base num', () => new URLPattern().exec('https://a.com', 1));
attempt('exec init base', () => new URLPattern({ pathname: '/a' }).exec({ pathname: '/a', baseURL: 'https://x.com' }));
attempt('construct str base obj', () => new URLPattern('https://a.com/*', { ignoreCase: true }).pathname);
attempt('sym', () => new URLPattern(Symbol()));
attempt('fn', () => new URLPattern(() => {}));
attempt('arr', () => new URLPattern([]));
attempt('regex err', () => new URLPattern({ pathname: '/(?<=a)b' }).pathname);
attempt('init baseURL num', () => new URLPattern({ baseURL: 5 }));
}
{
attempt('3 obj', () => new URLPattern('/a', {}, {}).hostname);
attempt('3 num base', () => new URLPattern('/a', 5, {}).hostname);
attempt('3 num base obj init', () => new URLPattern({}, 5, {}).hostname);
attempt('2 null', () => new URLPattern('/a', null).hostname);
attempt('2 undef', () => new URLPattern('https://a.com', undefined).hostname);
attempt('3 str base undef opts', () => new URLPattern('/a', 'https://q.com', undefined).hostname);
attempt('opts str', () => new URLPattern('/a', 'https://q.com', 'x').hostname);
attempt('ignoreCase getter', () => new URLPattern({}, { get ignoreCase() { return 1; } }).protocol);
attempt('exec base undefined', () => new URLPattern().test('https://a.com', undefined));
attempt('exec base null obj', () => new URLPattern().test({}, undefined));
attempt('exec base str obj', () => new URLPattern().test({}, 'https://a.com'));
attempt('exec sym', () => new URLPattern().exec(Symbol()));
attempt('init badbase', () => new URLPattern({ baseURL: 'nope' }));
attempt('exec init badbase', () => new URLPattern().test({ baseURL: 'nope' }));
}
