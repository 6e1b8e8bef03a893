'use strict';
// TextEncoderStream and TextDecoderStream: TextEncoder/TextDecoder over a TransformStream.

const { invalidThis, invalidArgType, inspectCustom, customInspect } = require('internal/webstreams/util');
const { createTransformStream } = require('internal/webstreams/transformstream');
const { TextEncoder, TextDecoder } = require('internal/web');

class TextEncoderStream {
  #transform;
  constructor() {
    const encoder = new TextEncoder();
    // A lone high surrogate at a chunk's end waits for the next chunk's low one.
    let pendingHighSurrogate = '';
    let controller;
    this.#transform = createTransformStream((chunk) => {
      let text = pendingHighSurrogate + `${chunk}`;
      pendingHighSurrogate = '';
      const last = text.charCodeAt(text.length - 1);
      if (last >= 0xD800 && last <= 0xDBFF) {
        pendingHighSurrogate = text[text.length - 1];
        text = text.slice(0, -1);
      }
      if (text.length > 0) controller.enqueue(encoder.encode(text));
      return Promise.resolve();
    }, () => {
      if (pendingHighSurrogate !== '') controller.enqueue(new Uint8Array([0xEF, 0xBF, 0xBD]));
      return Promise.resolve();
    });
    controller = transformController(this.#transform);
  }

  get encoding() {
    return this.#transform && 'utf-8';
  }

  get readable() {
    return this.#transform.readable;
  }

  get writable() {
    return this.#transform.writable;
  }

  [inspectCustom](depth, options, inspect) {
    if (this === null || typeof this !== 'object' || !(#transform in this)) throw invalidThis('TextEncoderStream');
    return customInspect(this, this.constructor.name, {
      encoding: 'utf-8', readable: this.readable, writable: this.writable,
    }, depth, options, inspect);
  }
}

function transformController(stream) {
  const { kState } = require('internal/webstreams/util');
  return stream[kState].controller;
}

class TextDecoderStream {
  #transform;
  #decoder;
  constructor(encoding = 'utf-8', options = {}) {
    if (options !== undefined && options !== null && typeof options !== 'object') {
      throw invalidArgType('options', 'of type object', options);
    }
    const decoder = new TextDecoder(encoding, options ?? {});
    this.#decoder = decoder;
    let controller;
    this.#transform = createTransformStream((chunk) => {
      const text = decoder.decode(chunk, { stream: true });
      if (text) controller.enqueue(text);
      return Promise.resolve();
    }, () => {
      const text = decoder.decode();
      if (text) controller.enqueue(text);
      return Promise.resolve();
    });
    controller = transformController(this.#transform);
  }

  get encoding() {
    return this.#decoder.encoding;
  }

  get fatal() {
    return this.#decoder.fatal;
  }

  get ignoreBOM() {
    return this.#decoder.ignoreBOM;
  }

  get readable() {
    return this.#transform.readable;
  }

  get writable() {
    return this.#transform.writable;
  }

  [inspectCustom](depth, options, inspect) {
    if (this === null || typeof this !== 'object' || !(#transform in this)) throw invalidThis('TextDecoderStream');
    return customInspect(this, this.constructor.name, {
      encoding: this.encoding, fatal: this.fatal, ignoreBOM: this.ignoreBOM,
      readable: this.readable, writable: this.writable,
    }, depth, options, inspect);
  }
}

for (const C of [TextEncoderStream, TextDecoderStream]) {
  Object.defineProperty(C.prototype, Symbol.toStringTag, { value: C.name, configurable: true });
  for (const name of Object.getOwnPropertyNames(C.prototype)) {
    if (name === 'constructor') continue;
    Object.defineProperty(C.prototype, name, { enumerable: true });
  }
}

module.exports = { TextEncoderStream, TextDecoderStream };
