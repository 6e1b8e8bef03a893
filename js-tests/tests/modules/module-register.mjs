// module.register(): asynchronous hooks on the hooks thread — initialize with data and a
// transferred port, chains in registration order, formats and sources, require() in a
// CommonJS module the hooks gave the source of, what crosses back when a hook fails.
import { register, createRequire } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
import { once } from 'node:events';

// (Registered first: node loads a hooks module through the hooks registered before it.)
register(new URL('../../fixtures/modules/register/second.mjs', import.meta.url));
const { port1, port2 } = new MessageChannel();
const registered = register('../../fixtures/modules/register/hooks.mjs', import.meta.url, {
  data: { greeting: 'hello', port: port2 },
  transferList: [port2],
});
console.log('register returns', registered);
const [message] = await once(port1, 'message');
console.log(message);
port1.close();

console.log((await import('initialized:')).default);
console.log((await import('virtual:esm')).default);
console.log((await import('virtual:second')).default);
console.log((await import('virtual:json', { with: { type: 'json' } })).default);
console.log((await import('../../fixtures/modules/register/on-disk.mjs')).default);
console.log((await import('../../fixtures/modules/register/on-disk.cjs')).default);
console.log(typeof (await import('node:os')).cpus);
console.log(import.meta.resolve('virtual:leaf'));

// require() does not ask the hooks (only a module whose source they gave does).
const require = createRequire(import.meta.url);
console.log(require('../../fixtures/modules/register/on-disk.json'));

const failures = ['throws', 'throws-string', 'incomplete', 'bad-url', 'bad-result', 'next-bad-specifier',
  'next-bad-context', '../../fixtures/modules/register/no-format.mjs', '../../fixtures/modules/register/bad-source.mjs',
  '../../fixtures/modules/register/bad-response-url.mjs'];
for (const specifier of failures) {
  try {
    await import(specifier);
    console.log(specifier, 'imported');
  } catch (err) {
    if (typeof err !== 'object') {
      console.log(specifier, typeof err, err);
      continue;
    }
    console.log(specifier, err.constructor.name, err.code, err.message.replaceAll(import.meta.url.slice(0, import.meta.url.lastIndexOf('/')), '.'));
    if (err.extra) console.log(' ', JSON.stringify(err.extra), err instanceof RangeError, err.stack.split('\n')[1].includes('hooks.mjs'));
  }
}

for (const line of (await import('seen:')).default) console.log(line);
