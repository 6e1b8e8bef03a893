'use strict';
// stream/consumers: a whole stream (web or node, or any async iterable) as one value.

const { Blob } = require('internal/blob');

async function collect(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

async function blob(stream) {
  return new Blob(await collect(stream));
}

async function arrayBuffer(stream) {
  const result = await blob(stream);
  return result.arrayBuffer();
}

async function buffer(stream) {
  return Buffer.from(await arrayBuffer(stream));
}

async function bytes(stream) {
  const result = await blob(stream);
  return result.bytes();
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

module.exports = { arrayBuffer, blob, buffer, bytes, text, json };
