'use strict';
// stream/web: the WHATWG streams.

const {
  ReadableStream, ReadableStreamDefaultReader, readableStreamTee, ReadableStreamBYOBReader, ReadableStreamBYOBRequest,
  ReadableByteStreamController, ReadableStreamDefaultController,
} = require('internal/webstreams/readablestream');
const {
  WritableStream, WritableStreamDefaultWriter, WritableStreamDefaultController,
} = require('internal/webstreams/writablestream');
const { TransformStream, TransformStreamDefaultController } = require('internal/webstreams/transformstream');
const { ByteLengthQueuingStrategy, CountQueuingStrategy } = require('internal/webstreams/queuingstrategies');
const { TextEncoderStream, TextDecoderStream } = require('internal/webstreams/encoding');
const { CompressionStream, DecompressionStream } = require('internal/webstreams/compression');

module.exports = {
  ReadableStream,
  ReadableStreamTee: function ReadableStreamTee(stream, cloneForBranch2) {
    return readableStreamTee(stream, cloneForBranch2);
  },
  ReadableStreamDefaultReader,
  ReadableStreamBYOBReader,
  ReadableStreamBYOBRequest,
  ReadableByteStreamController,
  ReadableStreamDefaultController,
  TransformStream,
  TransformStreamDefaultController,
  WritableStream,
  WritableStreamDefaultWriter,
  WritableStreamDefaultController,
  ByteLengthQueuingStrategy,
  CountQueuingStrategy,
  TextEncoderStream,
  TextDecoderStream,
  CompressionStream,
  DecompressionStream,
};
