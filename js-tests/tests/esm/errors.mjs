// What import() rejects with: node's error codes and messages, V8's link errors, and the
// same evaluation error each time an errored module is imported again.
const fixtures = new URL('../../fixtures/esm/', import.meta.url);
const relative = (text) => text.split(decodeURIComponent(fixtures.pathname)).join('<fixtures>/').split(fixtures.href).join('<fixtures-url>/');

async function attempt(specifier, options) {
  try {
    const namespace = await import(new URL(specifier, fixtures).href, options);
    console.log('loaded', specifier, Object.keys(namespace));
  } catch (err) {
    console.log(specifier, err.name, err.code, relative(err.message));
    return err;
  }
}

await attempt("./nowhere.mjs");
await attempt('./dir');
await attempt('./data.json');
await attempt('./values.mjs', { with: { type: 'json' } });
await attempt('./data.json', { with: { type: 'css' } });
await attempt('./missing-export.mjs');
await attempt('./missing-import.mjs');
await attempt('./syntax-error.mjs');
await attempt('../../fixtures/not-an-addon.node');
const first = await attempt('./throws.mjs');
const second = await attempt('./throws.mjs');
console.log('same error object', first === second);
for (const specifier of ['node:nope', 'no-such-package', 'https://example.com/x.mjs']) {
  try {
    await import(specifier);
  } catch (err) {
    console.log(specifier, err.code, relative(err.message));
  }
}
for (const specifier of ['./values', '../esm/dir', 'data:text/plain,hi']) {
  await attempt(specifier);
}
const fromData = await import('data:text/javascript,export default 6 * 7; export const url = import.meta.url;');
console.log(fromData.default, fromData.url, Object.keys(await import('data:text/javascript;base64,ZXhwb3J0IGNvbnN0IGEgPSAy')));
console.log((await import('data:application/json,{"a":[1]}', { with: { type: 'json' } })).default);
