'use strict';
// What v8.getHeapSnapshot and worker.getHeapSnapshot share: their options' checks and the
// stream a snapshot's JSON is read from; and node's names for diagnostic files.

const { Readable } = require('stream');
const { codedError, invalidArgType, validateObject } = require('internal/errors');

function validateSnapshotOptions(options) {
  if (options === undefined) return;
  validateObject(options, 'options');
  for (const name of ['exposeInternals', 'exposeNumericValues']) {
    const value = options[name];
    if (value !== undefined && typeof value !== 'boolean') {
      throw invalidArgType(`options.${name}`, 'of type boolean', value);
    }
    // V8's snapshot API as anode reaches it takes the defaults (both false) only.
    if (value === true) {
      throw codedError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', `options.${name} is not supported by anode`);
    }
  }
}

// A Readable of the snapshot's bytes (a Buffer), in 64 KiB chunks. The snapshot is complete
// before its stream exists, so the first read has all of it, as node's HeapSnapshotStream.
function heapSnapshotStream(snapshot) {
  const chunkSize = 64 * 1024;
  return new Readable({
    read() {
      for (let offset = 0; offset < snapshot.length; offset += chunkSize) {
        this.push(snapshot.subarray(offset, offset + chunkSize));
      }
      this.push(null);
    },
  });
}

// Node's default name of a heap snapshot or profile, the next in the process's count of them.
function diagnosticFileName(prefix, extension) {
  return binding.v8().diagnosticFileName(prefix, extension, binding.config.threadId);
}

module.exports = { validateSnapshotOptions, heapSnapshotStream, diagnosticFileName };
