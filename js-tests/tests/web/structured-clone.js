// structuredClone and messages: builtins that clone or transfer themselves (DOMException,
// Blob, File, streams, transferable AbortSignals) and the DataCloneErrors of the rest.
'use strict';
const { transferableAbortController } = require('util');
const { markAsUncloneable } = require('worker_threads');

function attempt(label, fn) {
  try {
    console.log(label, fn());
  } catch (err) {
    console.log(label, err.name, err.message, err.code);
  }
}

const blob = new Blob(['ab']);
attempt('blob transfer', () => structuredClone(blob, { transfer: [blob] }));
const rs = new ReadableStream();
attempt('stream clone', () => structuredClone(rs));
attempt('stream listed twice', () => structuredClone(rs, { transfer: [rs, rs] }));
attempt('locked stream', () => {
  const locked = new ReadableStream();
  locked.getReader();
  return structuredClone(locked, { transfer: [locked] });
});
attempt('aborted signal clone', () => structuredClone(AbortSignal.abort()));
const uncloneable = {};
markAsUncloneable(uncloneable);
attempt('uncloneable', () => structuredClone({ uncloneable }));

const exception = new DOMException('m', { name: 'AbortError', cause: 1 });
const copy = structuredClone(exception);
console.log(copy instanceof DOMException, copy.name, copy.message, copy.code, copy.stack === exception.stack,
  Object.getOwnPropertyNames(copy), copy.cause);
console.log(Object.getOwnPropertyNames(exception), String(exception), exception.stack.split('\n')[0]);
console.log(DOMException.ABORT_ERR, DOMException.prototype.DATA_CLONE_ERR, new DOMException('x', 'ValidationError').code);
attempt('name on prototype', () => DOMException.prototype.name);
class Sub extends DOMException {}
console.log(new Sub('s') instanceof Sub, Error.isError(new Sub('s')), Object.prototype.toString.call(new Sub('s')));

const error = structuredClone(new RangeError('r', { cause: 1 }));
console.log(error instanceof RangeError, Object.getOwnPropertyNames(error));
const file = structuredClone(new File(['abc'], 'n.txt', { type: 'text/plain', lastModified: 5 }));
console.log(file, file instanceof File, file.name, file.lastModified, file.type, file.size);
const nested = structuredClone({ list: [blob, blob], map: new Map([[1, { blob }]]) });
console.log(nested.list[0] === nested.list[1], nested.map.get(1).blob === nested.list[0], nested.list[0].size);

(async () => {
  console.log('file text', await file.text());
  const source = new ReadableStream({
    start(controller) {
      controller.enqueue('a');
      controller.enqueue({ b: 1 });
      controller.close();
    },
  });
  const moved = structuredClone(source, { transfer: [source] });
  console.log(source.locked, moved.locked, moved instanceof ReadableStream);
  for await (const chunk of moved) console.log('chunk', chunk);

  const received = [];
  const sink = new WritableStream({ write(chunk) { received.push(chunk); } });
  const movedSink = structuredClone(sink, { transfer: [sink] });
  const writer = movedSink.getWriter();
  await writer.write('x');
  await writer.write([1, 2]);
  await writer.close();
  await new Promise((resolve) => setTimeout(resolve, 20));
  console.log('written', received);

  const transform = new TransformStream({ transform(chunk, controller) { controller.enqueue(chunk.toUpperCase()); } });
  const movedTransform = structuredClone(transform, { transfer: [transform] });
  const w = movedTransform.writable.getWriter();
  w.write('hi');
  w.close();
  for await (const chunk of movedTransform.readable) console.log('transformed', chunk);

  const controller = transferableAbortController();
  const signal = structuredClone(controller.signal, { transfer: [controller.signal] });
  signal.addEventListener('abort', () => console.log('copy aborted', signal.reason));
  controller.abort('why');
  await new Promise((resolve) => setTimeout(resolve, 50));
})();
