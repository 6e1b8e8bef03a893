'use strict';
// WebAssembly.compileStreaming/instantiateStreaming over fetch() and Responses: the body is
// fed to V8's streaming compiler in chunks; the Web API's checks (a Response, the MIME type,
// an ok status, an unused body) reject with node's errors; compile errors and the module's
// URL in stack traces come from V8.
const http = require('http');

// (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
//         (func (export "crash") unreachable))
const wasm = Buffer.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0a, 0x02, 0x60, 0x02, 0x7f, 0x7f, 0x01,
  0x7f, 0x60, 0x00, 0x00, 0x03, 0x03, 0x02, 0x00, 0x01, 0x07, 0x0f, 0x02, 0x03, 0x61, 0x64, 0x64,
  0x00, 0x00, 0x05, 0x63, 0x72, 0x61, 0x73, 0x68, 0x00, 0x01, 0x0a, 0x0d, 0x02, 0x07, 0x00, 0x20,
  0x00, 0x20, 0x01, 0x6a, 0x0b, 0x03, 0x00, 0x00, 0x0b,
]);
const wasmResponse = (bytes, headers = { 'Content-Type': 'application/wasm' }, status = 200) =>
  new Response(bytes, { status, headers });

function show(label, promise) {
  return promise.then(
    (result) => console.log(label, 'ok', Object.keys(result).join(',') || result.constructor.name),
    (err) => console.log(label, 'rejects', err.name, err.code, err.message));
}

const server = http.createServer((req, res) => {
  if (req.url === '/slow.wasm') {
    res.setHeader('Content-Type', 'application/wasm');
    // Written in small pieces, so the compiler gets many chunks.
    let offset = 0;
    const next = () => {
      if (offset >= wasm.length) return res.end();
      res.write(wasm.subarray(offset, offset += 7));
      setTimeout(next, 1);
    };
    return next();
  }
  res.statusCode = req.url === '/teapot.wasm' ? 418 : 200;
  res.setHeader('Content-Type', req.url === '/octet.wasm' ? 'application/octet-stream' : 'application/wasm');
  res.end(wasm);
});

server.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  await show('fetch, instantiate', WebAssembly.instantiateStreaming(fetch(`${base}/ok.wasm`)));
  await show('fetch in chunks', WebAssembly.compileStreaming(fetch(`${base}/slow.wasm`)));
  await show('octet-stream', WebAssembly.compileStreaming(fetch(`${base}/octet.wasm`)));
  await show('status 418', WebAssembly.compileStreaming(fetch(`${base}/teapot.wasm`)));
  await show('a Response', WebAssembly.compileStreaming(wasmResponse(wasm)));
  await show('a promise of one', WebAssembly.compileStreaming(Promise.resolve(wasmResponse(wasm))));
  await show('no content type', WebAssembly.compileStreaming(wasmResponse(wasm, {})));
  await show('truncated', WebAssembly.compileStreaming(wasmResponse(wasm.subarray(0, wasm.length - 3))));
  await show('trailing bytes', WebAssembly.compileStreaming(wasmResponse(Buffer.concat([wasm, Buffer.from('foo')]))));
  const used = wasmResponse(wasm);
  await used.arrayBuffer();
  await show('used body', WebAssembly.compileStreaming(used));
  for (const invalid of [undefined, 0, 'x', {}]) await show(`source ${String(invalid)}`, WebAssembly.compileStreaming(invalid));
  const rejection = new RangeError('passed through');
  await show('rejected source', WebAssembly.compileStreaming(Promise.reject(rejection)));

  const { instance } = await WebAssembly.instantiateStreaming(fetch(`${base}/crash.wasm`));
  console.log('add(2, 3) =', instance.exports.add(2, 3));
  try {
    instance.exports.crash();
  } catch (err) {
    console.log(err.stack.split('\n').slice(0, 2).join('\n').replace(/:\d+\//, ':PORT/'));
  }
  server.close();
});
