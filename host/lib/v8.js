'use strict';
// v8: heap statistics, V8 flags, heap snapshots and the serialization API (node's
// Serializer/Deserializer on V8's ValueSerializer, runtime/v8_module.rs).

const { Buffer } = require('buffer');
const {
  codedError, invalidArgType, invalidArgValue, validateFunction, validateInteger, validateObject, validateString,
} = require('internal/errors');

const natives = binding.v8();
const { validateSnapshotOptions, heapSnapshotStream, diagnosticFileName } = require('internal/heap_utils');

function getHeapStatistics() {
  return natives.heapStatistics();
}

function getHeapSpaceStatistics() {
  return natives.heapSpaceStatistics();
}

function getHeapCodeStatistics() {
  return natives.heapCodeStatistics();
}

let queryObjectsWarned = false;
// The live objects (of this context) whose prototype chain holds ctor.prototype: their
// count, or each inspected to depth 0.
function queryObjects(ctor, options) {
  validateFunction(ctor, 'constructor');
  if (options !== undefined) validateObject(options, 'options');
  const format = options?.format || 'count';
  if (format !== 'count' && format !== 'summary') throw invalidArgValue('options.format', format);
  if (!queryObjectsWarned) {
    queryObjectsWarned = true;
    process.emitWarning('v8.queryObjects() is an experimental feature and might change at any time', 'ExperimentalWarning');
  }
  // As the console's queryObjects, ctor.prototype is read even if it is a getter.
  const objects = natives.queryObjects(ctor.prototype);
  if (format === 'count') return objects.length;
  const { inspect } = require('internal/inspect');
  return objects.map((object) => inspect(object, { depth: 0 }));
}

function setFlagsFromString(flags) {
  validateString(flags, 'flags');
  natives.setFlagsFromString(flags);
}

function isStringOneByteRepresentation(content) {
  validateString(content, 'content');
  return natives.isOneByte(content);
}

// ---- NODE_V8_COVERAGE (no-ops without it) ----

function takeCoverage() {
  require('internal/profilers').takeCoverage();
}

function stopCoverage() {
  require('internal/profilers').stopCoverage();
}

// At most `limit` heap snapshots as the heap nears its limit (none more once set, or when
// --heapsnapshot-near-heap-limit is given).
function setHeapSnapshotNearHeapLimit(limit) {
  validateInteger(limit, 'limit', 1, 2 ** 32 - 1);
  require('internal/profilers').setHeapSnapshotNearHeapLimit(limit);
}

// ---- CPU profiles ----

// A profile in node's JSON: its nodes' keys in node's order, script ids as numbers.
function cpuProfileText({ nodes, startTime, endTime, samples, timeDeltas }) {
  const nodeShaped = nodes.map(({ id, hitCount, callFrame, children, positionTicks }) => {
    const { functionName, lineNumber, columnNumber, scriptId, url } = callFrame;
    const node = { id, hitCount, callFrame: { functionName, lineNumber, columnNumber, scriptId: Number(scriptId), url } };
    if (children?.length) node.children = children;
    if (positionTicks?.length) node.positionTicks = positionTicks;
    return node;
  });
  return JSON.stringify({ nodes: nodeShaped, startTime, endTime, samples, timeDeltas });
}

class SyncCPUProfileHandle {
  #session;

  constructor(session) {
    this.#session = session;
  }

  stop() {
    const session = this.#session;
    if (session === null) return undefined;
    this.#session = null;
    const { profile } = session.post('Profiler.stop').result;
    session.disconnect();
    return cpuProfileText(profile);
  }

  [Symbol.dispose]() {
    this.stop();
  }
}

function startCpuProfile() {
  const { InternalSession } = require('internal/inspector_session');
  const session = new InternalSession();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  return new SyncCPUProfileHandle(session);
}

// ---- heap snapshots ----


function writeHeapSnapshot(filename, options) {
  const fs = require('fs');
  if (filename !== undefined) {
    if (filename instanceof URL) filename = require('url').fileURLToPath(filename);
    else if (Buffer.isBuffer(filename)) filename = filename.toString();
    else if (typeof filename !== 'string') {
      throw invalidArgType('path', 'of type string or an instance of Buffer or URL', filename);
    }
  }
  validateSnapshotOptions(options);
  const snapshot = Buffer.from(natives.heapSnapshot());
  filename ??= diagnosticFileName('Heap', 'heapsnapshot');
  fs.writeFileSync(filename, snapshot);
  return filename;
}

function getHeapSnapshot(options) {
  validateSnapshotOptions(options);
  return heapSnapshotStream(Buffer.from(natives.heapSnapshot()));
}

// ---- startup snapshots: anode never builds one ----

function notBuildingSnapshot() {
  return codedError(Error, 'ERR_NOT_BUILDING_SNAPSHOT', 'Operation cannot be invoked when not building startup snapshot');
}

const startupSnapshot = {
  addSerializeCallback() {
    throw notBuildingSnapshot();
  },
  addDeserializeCallback() {
    throw notBuildingSnapshot();
  },
  setDeserializeMainFunction() {
    throw notBuildingSnapshot();
  },
  // Node answers with its flag byte: 0.
  isBuildingSnapshot() {
    return 0;
  },
};

// ---- serialization ----

// Serializer/Deserializer -> the id of its native half.
const ids = new WeakMap();
const freed = new FinalizationRegistry((id) => natives.free(id));

function constructCallRequired(name) {
  return codedError(TypeError, 'ERR_CONSTRUCT_CALL_REQUIRED', `Class constructor ${name} cannot be invoked without 'new'`);
}

function nativeId(object) {
  const id = ids.get(object);
  if (id === undefined) throw new TypeError('Illegal invocation');
  return id;
}

function own(object, id) {
  ids.set(object, id);
  freed.register(object, id, object);
}

// Frees the native half of a serializer or deserializer that cannot be used again (the ones
// serialize() and deserialize() make), without waiting for the collector.
function release(object) {
  const id = ids.get(object);
  if (id === undefined) return;
  ids.delete(object);
  freed.unregister(object);
  natives.free(id);
}

function isArrayBufferView(value) {
  return ArrayBuffer.isView(value);
}

function Serializer() {
  if (new.target === undefined) throw constructCallRequired('Serializer');
  own(this, natives.serNew());
}

Object.defineProperties(Serializer.prototype, Object.getOwnPropertyDescriptors({
  writeHeader() {
    natives.serWriteHeader(nativeId(this));
  },
  writeValue(value) {
    return natives.serWriteValue(nativeId(this), this, value);
  },
  releaseBuffer() {
    return Buffer.from(natives.serRelease(nativeId(this)));
  },
  transferArrayBuffer(id, arrayBuffer) {
    const native = nativeId(this);
    if (!(arrayBuffer instanceof ArrayBuffer) && !(arrayBuffer instanceof SharedArrayBuffer)) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'arrayBuffer must be an ArrayBuffer');
    }
    natives.serTransferArrayBuffer(native, id, arrayBuffer);
  },
  writeUint32(value) {
    natives.serWriteUint32(nativeId(this), value);
  },
  writeUint64(hi, lo) {
    natives.serWriteUint64(nativeId(this), hi, lo);
  },
  writeDouble(value) {
    natives.serWriteDouble(nativeId(this), value);
  },
  writeRawBytes(source) {
    const native = nativeId(this);
    if (!isArrayBufferView(source)) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'source must be a TypedArray or a DataView');
    }
    natives.serWriteRawBytes(native, source);
  },
  _setTreatArrayBufferViewsAsHostObjects(value) {
    natives.serTreatViewsAsHostObjects(nativeId(this), value);
  },
}));
for (const name of Object.getOwnPropertyNames(Serializer.prototype)) {
  if (name !== 'constructor') Object.defineProperty(Serializer.prototype, name, { enumerable: false });
}
Serializer.prototype._getDataCloneError = Error;

function Deserializer(buffer) {
  if (new.target === undefined) throw constructCallRequired('Deserializer');
  if (!isArrayBufferView(buffer)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'buffer must be a TypedArray or a DataView');
  }
  own(this, natives.desNew(buffer));
  Object.defineProperty(this, 'buffer', { value: buffer, enumerable: true, writable: false, configurable: false });
}

Object.defineProperties(Deserializer.prototype, Object.getOwnPropertyDescriptors({
  readHeader() {
    return natives.desReadHeader(nativeId(this), this);
  },
  readValue() {
    return natives.desReadValue(nativeId(this), this);
  },
  getWireFormatVersion() {
    return natives.desWireFormatVersion(nativeId(this));
  },
  readUint32() {
    return natives.desReadUint32(nativeId(this));
  },
  readUint64() {
    return natives.desReadUint64(nativeId(this));
  },
  readDouble() {
    return natives.desReadDouble(nativeId(this));
  },
  _readRawBytes(length) {
    return natives.desReadRawBytes(nativeId(this), length);
  },
  readRawBytes(length) {
    const offset = this._readRawBytes(length);
    // `this.buffer` is any ArrayBufferView: the bytes are a Buffer over its memory.
    return Buffer.from(this.buffer.buffer, this.buffer.byteOffset + offset, length);
  },
  transferArrayBuffer(id, arrayBuffer) {
    natives.desTransferArrayBuffer(nativeId(this), id, arrayBuffer);
  },
}));
for (const name of Object.getOwnPropertyNames(Deserializer.prototype)) {
  if (name !== 'constructor') Object.defineProperty(Deserializer.prototype, name, { enumerable: false });
}

// Node's host-object tags for ArrayBufferViews (10 is a Buffer).
const viewTypes = [
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, DataView, Buffer, BigInt64Array, BigUint64Array, globalThis.Float16Array,
];
const viewTags = new Map();
viewTypes.forEach((type, index) => {
  if (type !== undefined && type !== Buffer) viewTags.set(`[object ${type.name}]`, index);
});

class DefaultSerializer extends Serializer {
  constructor() {
    super();
    this._setTreatArrayBufferViewsAsHostObjects(true);
  }

  // Views are written as their own bytes (not their whole ArrayBuffer, which for a pooled
  // Buffer holds unrelated data): tag, byte length, bytes.
  _writeHostObject(view) {
    let tag = 10;
    if (view.constructor !== Buffer) {
      tag = viewTags.get(Object.prototype.toString.call(view)) ?? -1;
      if (tag === -1) {
        const { inspect } = require('internal/inspect');
        throw new this._getDataCloneError(`Unserializable host object: ${inspect(view)}`);
      }
    }
    this.writeUint32(tag);
    this.writeUint32(view.byteLength);
    this.writeRawBytes(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  }
}

class DefaultDeserializer extends Deserializer {
  _readHostObject() {
    const tag = this.readUint32();
    const type = viewTypes[tag];
    const byteLength = this.readUint32();
    const byteOffset = this._readRawBytes(byteLength);
    const elementSize = type.BYTES_PER_ELEMENT || 1;
    const offset = this.buffer.byteOffset + byteOffset;
    if (type === Buffer) return Buffer.from(this.buffer.buffer, offset, byteLength);
    if (offset % elementSize === 0) return new type(this.buffer.buffer, offset, byteLength / elementSize);
    // Misaligned for the element type: copy to an aligned buffer first.
    const copy = Buffer.allocUnsafe(byteLength);
    copy.set(new Uint8Array(this.buffer.buffer, offset, byteLength));
    return new type(copy.buffer, copy.byteOffset, byteLength / elementSize);
  }
}

// Heap statistics before and after each garbage collection between start() and stop().
class GCProfiler {
  #id;

  start() {
    this.#id ??= natives.gcProfilerStart();
  }

  stop() {
    if (this.#id === undefined) return undefined;
    const json = natives.gcProfilerStop(this.#id);
    this.#id = undefined;
    return JSON.parse(json);
  }

  [Symbol.dispose]() {
    this.stop();
  }
}

const { promiseHooks } = require('internal/promise_hooks');

function serialize(value) {
  const serializer = new DefaultSerializer();
  try {
    serializer.writeHeader();
    serializer.writeValue(value);
    return serializer.releaseBuffer();
  } finally {
    release(serializer);
  }
}

function deserialize(buffer) {
  const deserializer = new DefaultDeserializer(buffer);
  try {
    deserializer.readHeader();
    return deserializer.readValue();
  } finally {
    release(deserializer);
  }
}

module.exports = {
  cachedDataVersionTag() {
    return natives.cachedDataVersionTag();
  },
  getHeapSnapshot,
  getHeapStatistics,
  GCProfiler,
  promiseHooks,
  getHeapSpaceStatistics,
  getHeapCodeStatistics,
  queryObjects,
  setFlagsFromString,
  Serializer,
  Deserializer,
  DefaultSerializer,
  DefaultDeserializer,
  deserialize,
  serialize,
  writeHeapSnapshot,
  startupSnapshot,
  setHeapSnapshotNearHeapLimit,
  isStringOneByteRepresentation,
  takeCoverage,
  stopCoverage,
  startCpuProfile,
};
