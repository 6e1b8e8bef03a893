'use strict';
// stream/consumers: a whole stream (web or node, or any async iterable) as one value.

const { Blob } = require('internal/blob');

async function collect(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

function asBytes(chunk) {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  return chunk;
}

async function blob(stream) {
  return new Blob(await collect(stream));
}

async function arrayBuffer(stream) {
  const result = await blob(stream);
  return result.arrayBuffer();
}

async function buffer(stream) {
  const chunks = await collect(stream);
  return Buffer.concat(chunks.map(asBytes));
}

async function text(stream) {
  const { TextDecoder } = require('internal/web');
  const decoder = new TextDecoder();
  let out = '';
  for await (const chunk of stream) {
    if (typeof chunk === 'string') out += chunk;
    else out += decoder.decode(chunk, { stream: true });
  }
  out += decoder.decode(undefined, { stream: false });
  return out;
}

async function json(stream) {
  return JSON.parse(await text(stream));
}

module.exports = { arrayBuffer, blob, buffer, text, json };
