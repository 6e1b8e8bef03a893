// fetch() against a local http server: the request as the server sees it, redirects (follow,
// manual, error, method changes, the redirect limit), gzip/deflate/br decoding, streaming
// request and response bodies, aborts before and during a response, connection failures,
// and the body readers.
'use strict';
const http = require('http');
const zlib = require('zlib');

const server = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    const route = req.url.split('?')[0];
    switch (route) {
      case '/r301': case '/r302': case '/r303': case '/r307': case '/r308':
        res.writeHead(Number(route.slice(2)), { location: '/echo?from=' + route.slice(1) });
        return res.end('redirecting');
      case '/loop':
        res.writeHead(302, { location: '/loop' });
        return res.end();
      case '/no-location':
        res.writeHead(302);
        return res.end('stay');
      case '/gzip':
        res.writeHead(200, { 'content-encoding': 'gzip' });
        return res.end(zlib.gzipSync('gzip body'));
      case '/deflate':
        res.writeHead(200, { 'content-encoding': 'deflate' });
        return res.end(zlib.deflateSync('deflate body'));
      case '/deflate-raw':
        res.writeHead(200, { 'content-encoding': 'deflate' });
        return res.end(zlib.deflateRawSync('raw deflate body'));
      case '/br':
        res.writeHead(200, { 'content-encoding': 'br' });
        return res.end(zlib.brotliCompressSync('brotli body'));
      case '/both':
        res.writeHead(200, { 'content-encoding': 'deflate, gzip' });
        return res.end(zlib.gzipSync(zlib.deflateSync('two codings')));
      case '/json':
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('{"a":[1,2]}');
      case '/form':
        res.writeHead(200, { 'content-type': 'application/x-www-form-urlencoded' });
        return res.end('x=1&y=two');
      case '/chunks':
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('one;');
        setTimeout(() => res.write('two;'), 20);
        setTimeout(() => res.end('three'), 40);
        return;
      case '/hang':
        res.write('started');
        return;
      case '/never':
        return;
      case '/empty':
        res.writeHead(204);
        return res.end();
      default: {
        const headers = [];
        for (let i = 0; i < req.rawHeaders.length; i += 2) {
          if (req.rawHeaders[i].toLowerCase() !== 'host') headers.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
        }
        res.setHeader('x-seen', 'yes');
        res.end(JSON.stringify({ method: req.method, url: req.url, headers, body }));
      }
    }
  });
});

server.listen(0, async () => {
  const base = `http://localhost:${server.address().port}`;
  const show = async (label, promise) => {
    try {
      const res = await promise;
      const text = res.body === null ? null : await res.text();
      console.log(label, res.status, JSON.stringify(res.statusText), res.redirected, res.url.replace(base, ''), res.type, text);
    } catch (err) {
      console.log(label, 'rejected', err.name, err.message, err.cause?.name, err.cause?.message?.replace(/:\d+$/, ':PORT'), err.cause?.code);
    }
  };

  await show('GET', fetch(`${base}/echo?q=1#frag`));
  await show('POST', fetch(`${base}/echo`, { method: 'POST', body: 'payload', headers: { 'X-Custom': 'v' } }));
  await show('POST params', fetch(new Request(`${base}/echo`, { method: 'POST', body: new URLSearchParams('a=1&b=2') })));
  await show('PUT empty', fetch(`${base}/echo`, { method: 'PUT' }));
  const res = await fetch(`${base}/echo`);
  console.log('headers:', [...res.headers.keys()].join(','), res.headers.get('x-seen'), res.ok);
  await res.arrayBuffer();

  for (const status of [301, 302, 303, 307, 308]) {
    await show(`POST ${status}`, fetch(`${base}/r${status}`, { method: 'POST', body: 'sent' }));
  }
  await show('PUT 303', fetch(`${base}/r303`, { method: 'PUT', body: 'sent' }));
  await show('manual', fetch(`${base}/r301`, { redirect: 'manual' }));
  await show('error', fetch(`${base}/r301`, { redirect: 'error' }));
  await show('loop', fetch(`${base}/loop`));
  await show('no location', fetch(`${base}/no-location`));
  const stream307 = new ReadableStream({ pull(c) { c.enqueue(new Uint8Array([65])); c.close(); } });
  await show('stream 307', fetch(`${base}/r307`, { method: 'POST', body: stream307, duplex: 'half' }));

  for (const route of ['gzip', 'deflate', 'deflate-raw', 'br', 'both']) await show(route, fetch(`${base}/${route}`));
  await show('HEAD', fetch(`${base}/echo`, { method: 'HEAD' }));
  await show('204', fetch(`${base}/empty`));

  const chunks = [];
  const reader = (await fetch(`${base}/chunks`)).body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(new TextDecoder().decode(value));
  }
  console.log('streamed response:', chunks.join('|').replace(/\|/g, '') , chunks.length >= 2);

  const parts = ['alpha ', 'beta ', 'gamma'];
  const upload = new ReadableStream({
    pull(controller) {
      if (parts.length) controller.enqueue(new TextEncoder().encode(parts.shift()));
      else controller.close();
    },
  });
  await show('streamed request', fetch(`${base}/echo`, { method: 'POST', body: upload, duplex: 'half' }));
  await show('blob body', fetch(`${base}/echo`, { method: 'POST', body: new Blob(['blob!'], { type: 'text/x-blob' }) }));

  const pre = new AbortController();
  pre.abort();
  await show('aborted before', fetch(`${base}/echo`, { signal: pre.signal }));
  const during = new AbortController();
  const pending = fetch(`${base}/never`, { signal: during.signal });
  setTimeout(() => during.abort(new Error('custom reason')), 20);
  await show('aborted while waiting', pending);
  const late = new AbortController();
  const hanging = await fetch(`${base}/hang`, { signal: late.signal });
  const hangReader = hanging.body.getReader();
  console.log('first chunk:', new TextDecoder().decode((await hangReader.read()).value));
  late.abort();
  await hangReader.read().then(() => console.log('read after abort resolved'), (err) => console.log('body after abort:', err.name, err.message));

  console.log('json:', JSON.stringify(await (await fetch(`${base}/json`)).json()));
  const form = await (await fetch(`${base}/form`)).formData();
  console.log('formData:', [...form].join(' '));
  const blob = await (await fetch(`${base}/json`)).blob();
  console.log('blob:', blob.type, blob.size);
  const used = await fetch(`${base}/json`);
  await used.text();
  await used.text().catch((err) => console.log('second read:', err.name, err.message));

  const closed = http.createServer();
  closed.listen(0, () => {
    const port = closed.address().port;
    closed.close(async () => {
      await show('refused', fetch(`http://127.0.0.1:${port}/`));
      await show('bad port', fetch('http://127.0.0.1:6000/'));
      await show('invalid url', fetch('not a url'));
      await show('unknown scheme', fetch('ftp://localhost/'));
      await show('file', fetch('file:///nonexistent'));
      server.close();
    });
  });
});
