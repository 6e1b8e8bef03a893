'use strict';
// TextEncoderStream and TextDecoderStream: TextEncoder/TextDecoder over a TransformStream.

const { kState, kType, invalidThis, isBrand, inspectCustom, customInspect } = require('internal/webstreams/util');
const { createTransformStream } = require('internal/webstreams/transformstream');
const { TextEncoder, TextDecoder } = require('internal/web');

class TextEncoderStream {
  constructor() {
    this[kType] = 'TextEncoderStream';
    const encoder = new TextEncoder();
    // A lone high surrogate at a chunk's end waits for the next chunk's low one.
    let pendingHighSurrogate = '';
    this[kState] = createTransformStream((chunk) => {
      let text = pendingHighSurrogate + `${chunk}`;
      pendingHighSurrogate = '';
      const last = text.charCodeAt(text.length - 1);
      if (last >= 0xD800 && last <= 0xDBFF) {
        pendingHighSurrogate = text[text.length - 1];
        text = text.slice(0, -1);
      }
      if (text.length > 0) this[kState][kState].controller.enqueue(encoder.encode(text));
      return Promise.resolve();
    }, () => {
      if (pendingHighSurrogate !== '') this[kState][kState].controller.enqueue(new Uint8Array([0xEF, 0xBF, 0xBD]));
      return Promise.resolve();
    });
  }

  get encoding() {
    if (!isBrand(this, 'TextEncoderStream')) throw invalidThis('TextEncoderStream');
    return 'utf-8';
  }

  get readable() {
    if (!isBrand(this, 'TextEncoderStream')) throw invalidThis('TextEncoderStream');
    return this[kState].readable;
  }

  get writable() {
    if (!isBrand(this, 'TextEncoderStream')) throw invalidThis('TextEncoderStream');
    return this[kState].writable;
  }

  [inspectCustom](depth, options, inspect) {
    return customInspect(this, this.constructor.name, {
      encoding: 'utf-8', readable: this.readable, writable: this.writable,
    }, depth, options, inspect);
  }
}

class TextDecoderStream {
  #decoder;
  constructor(encoding = 'utf-8', options = {}) {
    this[kType] = 'TextDecoderStream';
    const decoder = new TextDecoder(encoding, options);
    this.#decoder = decoder;
    this[kState] = createTransformStream((chunk) => {
      const text = decoder.decode(chunk, { stream: true });
      if (text) this[kState][kState].controller.enqueue(text);
      return Promise.resolve();
    }, () => {
      const text = decoder.decode();
      if (text) this[kState][kState].controller.enqueue(text);
      return Promise.resolve();
    });
  }

  get encoding() {
    if (!isBrand(this, 'TextDecoderStream')) throw invalidThis('TextDecoderStream');
    return this.#decoder.encoding;
  }

  get fatal() {
    if (!isBrand(this, 'TextDecoderStream')) throw invalidThis('TextDecoderStream');
    return this.#decoder.fatal;
  }

  get ignoreBOM() {
    if (!isBrand(this, 'TextDecoderStream')) throw invalidThis('TextDecoderStream');
    return this.#decoder.ignoreBOM;
  }

  get readable() {
    if (!isBrand(this, 'TextDecoderStream')) throw invalidThis('TextDecoderStream');
    return this[kState].readable;
  }

  get writable() {
    if (!isBrand(this, 'TextDecoderStream')) throw invalidThis('TextDecoderStream');
    return this[kState].writable;
  }

  [inspectCustom](depth, options, inspect) {
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
