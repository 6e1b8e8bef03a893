// fetch() of data: and blob: URLs (their MIME types, base64 and percent-decoding, revoked
// URLs), the schemes fetch refuses, and fetch's own shape.
'use strict';

async function show(label, input, init) {
  try {
    const res = await fetch(input, init);
    const bytes = new Uint8Array(await res.arrayBuffer());
    console.log(label, res.status, JSON.stringify(res.statusText), JSON.stringify([...res.headers]), res.type,
      res.url.length, JSON.stringify(Buffer.from(bytes).toString('latin1')));
  } catch (err) {
    console.log(label, 'rejected', err.name, err.message, err.cause?.message);
  }
}

(async () => {
  console.log(typeof fetch, fetch.name, fetch.length, Object.getOwnPropertyDescriptor(globalThis, 'fetch').enumerable);
  await show('plain', 'data:,Hello%2C%20World!');
  await show('base64', 'data:text/plain;base64,SGVsbG8sIFdvcmxkIQ==');
  await show('base64 spaces', 'data:;base64, SGVs bG8=');
  await show('charset', 'data:text/HTML;Charset="utf-8";foo=bar,<b>x</b>');
  await show('binary', 'data:application/octet-stream,%00%ff%7F');
  await show('fragment', 'data:,abc#frag');
  await show('bad base64', 'data:;base64,a');
  await show('no comma', 'data:text/plain');
  await show('invalid type', 'data:bogus,xyz');
  await show('POST data', 'data:,posted', { method: 'POST', body: 'ignored' });

  const blob = new Blob(['blob contents'], { type: 'text/x-test' });
  const url = URL.createObjectURL(blob);
  await show('blob', url);
  await show('blob POST', url, { method: 'POST', body: 'x' });
  URL.revokeObjectURL(url);
  await show('revoked blob', url);

  await show('about', 'about:blank');
  await show('credentials', 'http://user:pass@localhost/');
  await show('GET with body', 'data:,x', { body: 'nope' });
  await show('bad method', 'data:,x', { method: 'CONNECT' });
  await show('no argument');
})();
