'use strict';
// v8's heap statistics, flags, string representation, startup snapshot state and heap
// snapshots.
const fs = require('fs');
const os = require('os');
const path = require('path');
const v8 = require('v8');

const shape = (object) => Object.entries(object).map(([key, value]) => `${key}:${typeof value}`).join(' ');
console.log(shape(v8.getHeapStatistics()));
console.log(shape(v8.getHeapCodeStatistics()));
const spaces = v8.getHeapSpaceStatistics();
console.log(spaces.length > 3, shape(spaces[0]), spaces.some((space) => space.space_name === 'old_space'));
const stats = v8.getHeapStatistics();
console.log(stats.used_heap_size <= stats.total_heap_size, stats.heap_size_limit > 0);
console.log(typeof v8.cachedDataVersionTag(), v8.cachedDataVersionTag() === v8.cachedDataVersionTag());

v8.setFlagsFromString('--allow-natives-syntax');
console.log(eval('%IsSmi(1)'));
for (const bad of [() => v8.setFlagsFromString(1), () => v8.isStringOneByteRepresentation({})]) {
  try {
    bad();
  } catch (err) {
    console.log(err.code, err.message);
  }
}
console.log(v8.isStringOneByteRepresentation('latin1 é'), v8.isStringOneByteRepresentation('wide ☃'));

console.log(v8.startupSnapshot.isBuildingSnapshot());
for (const name of ['addSerializeCallback', 'addDeserializeCallback', 'setDeserializeMainFunction']) {
  try {
    v8.startupSnapshot[name](() => {});
  } catch (err) {
    console.log(name, err.code, err.message);
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'v8-heap-'));
const file = v8.writeHeapSnapshot(path.join(dir, 'test.heapsnapshot'));
const snapshot = JSON.parse(fs.readFileSync(file, 'utf8'));
console.log(path.basename(file), Object.keys(snapshot.snapshot.meta).includes('node_fields'), snapshot.strings.length > 0);
fs.rmSync(dir, { recursive: true });
const chunks = [];
v8.getHeapSnapshot().on('data', (chunk) => chunks.push(chunk)).on('end', () => {
  const streamed = JSON.parse(Buffer.concat(chunks).toString());
  console.log('streamed', Array.isArray(streamed.nodes), streamed.snapshot.node_count > 0);
});
try {
  v8.getHeapSnapshot('x');
} catch (err) {
  console.log(err.code, err.message);
}

// GCProfiler: statistics around each collection between start() and stop().
const profiler = new v8.GCProfiler();
profiler.start();
for (let round = 0; round < 20; round++) new Array(100000).fill(round);
setTimeout(() => {
  const profile = profiler.stop();
  console.log(Object.keys(profile), profile.version, profile.endTime >= profile.startTime, profiler.stop());
  const entry = profile.statistics[0];
  if (entry !== undefined) {
    console.log(Object.keys(entry), typeof entry.gcType, entry.cost >= 0);
    console.log(Object.keys(entry.beforeGC.heapStatistics), Object.keys(entry.afterGC.heapSpaceStatistics[0]));
  }
}, 50);
