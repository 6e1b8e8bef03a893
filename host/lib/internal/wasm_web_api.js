'use strict';
// WebAssembly.compileStreaming/instantiateStreaming: V8 hands each compilation's source here
// (internals.wasmStreamingCompile); the Response's body is fed to V8's streaming compiler,
// after the checks of the WebAssembly Web API (the MIME type, an ok status, an unused body).

const wasmStreaming = binding.wasmStreaming();
const { codedError, invalidArgType } = require('internal/errors');


function responseError(detail) {
  return codedError(TypeError, 'ERR_WEBASSEMBLY_RESPONSE', `WebAssembly response ${detail}`);
}

async function feed(id, source) {
  const response = await source;
  const { Response } = require('internal/fetch');
  if (!(response instanceof Response)) {
    throw invalidArgType('source', 'an instance of Response or an Promise resolving to Response', response);
  }
  const contentType = response.headers.get('Content-Type');
  if (contentType !== 'application/wasm') throw responseError(`has unsupported MIME type '${contentType}'`);
  if (!response.ok) throw responseError(`has status code ${response.status}`);
  if (response.bodyUsed) throw responseError('body has already been used');
  if (response.url) wasmStreaming.wasmStreamingSetUrl(id, response.url);
  if (response.body !== null) {
    for await (const chunk of response.body) wasmStreaming.wasmStreamingPush(id, chunk);
  }
}

function compile(id, source) {
  feed(id, source).then(() => wasmStreaming.wasmStreamingFinish(id), (err) => wasmStreaming.wasmStreamingAbort(id, err));
}

module.exports = { compile };
