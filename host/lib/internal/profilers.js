'use strict';
// The profilers node starts with the thread and ends at exit (before the main thread sends
// itself a signal, too), through in-process inspector sessions:
// - NODE_V8_COVERAGE: V8's precise coverage (call counts, block granularity), written as
//   JSON ({ result, timestamp }) to coverage-<pid>-<ms>-<threadId>.json in that directory,
//   also on v8.takeCoverage() (which restarts the counts);
// - --cpu-prof: V8's sampling CPU profiler (every --cpu-prof-interval µs), its profile
//   written to --cpu-prof-name (or CPU.<date>.<time>.<pid>.<tid>.<seq>.cpuprofile);
// - --heap-prof: V8's sampling heap profiler, its profile written to --heap-prof-name (or
//   Heap.<date>.<time>.<pid>.<tid>.<seq>.heapprofile).
// A profile's directory is its -dir option, else --diagnostic-dir, else the cwd at start; a
// relative one is taken from the cwd at exit, as node's.

const { InternalSession } = require('internal/inspector_session');
const { threadId } = binding.config;

let coverageSession = null;
let coverageDirectory;
// The CPU and heap profiles under way: { session, directory, name }.
let cpuProfile = null;
let heapProfile = null;

// Writes a profile as node does: the directory made first, the file at `${directory}/${name}`,
// failures reported on stderr in node's words (`kind`: 'CPU', 'heap' or 'coverage').
function writeProfile(kind, directory, name, text) {
  const fs = require('fs');
  try {
    fs.mkdirSync(directory, { recursive: true });
  } catch (error) {
    if (error.code !== 'EEXIST') {
      process._rawDebug(`${error.code}: Failed to create ${kind} profile directory ${directory}`);
      return;
    }
  }
  const path = `${directory}/${name}`;
  try {
    fs.writeFileSync(path, text);
  } catch (error) {
    process._rawDebug(`${error.code}: Failed to write file ${path}`);
  }
}

// A profiler's directory and file name from its options; the default name is taken now.
function profileTarget(getOptionValue, profiler, prefix, extension) {
  const directory = getOptionValue(`${profiler}-dir`) || getOptionValue('--diagnostic-dir') || process.cwd();
  const name = getOptionValue(`${profiler}-name`) || require('internal/heap_utils').diagnosticFileName(prefix, extension);
  return { directory, name };
}

// A count or interval option read as node reads an unsigned option: its leading digits.
function unsignedOption(getOptionValue, name, defaultValue) {
  const text = getOptionValue(name);
  return text === '' ? defaultValue : Number(/^\s*(\d*)/.exec(text)[1] || 0);
}

// The coverage directory is resolved once, and the environment passed on resolved, so that
// subprocesses started elsewhere write to the same place.
function startConfigured(getOptionValue) {
  const { resolve } = require('path');
  const coverage = process.env.NODE_V8_COVERAGE;
  if (coverage) {
    coverageDirectory = resolve(coverage);
    process.env.NODE_V8_COVERAGE = coverageDirectory;
    startCoverage();
  } else if (getOptionValue('--experimental-test-coverage')) {
    // The test runner names the directory once it runs (setCoverageDirectory).
    startCoverage();
  }
  const nearHeapLimitSnapshots = unsignedOption(getOptionValue, '--heapsnapshot-near-heap-limit', 0);
  if (nearHeapLimitSnapshots > 0) setHeapSnapshotNearHeapLimit(nearHeapLimitSnapshots);
  if (getOptionValue('--cpu-prof')) {
    const session = new InternalSession();
    session.post('Profiler.enable');
    session.post('Profiler.setSamplingInterval', { interval: unsignedOption(getOptionValue, '--cpu-prof-interval', 1000) });
    session.post('Profiler.start');
    const { directory, name } = profileTarget(getOptionValue, '--cpu-prof', 'CPU', 'cpuprofile');
    // As node's: ${pid} in a CPU profile's name (only there) stands for the process id.
    cpuProfile = { session, directory, name: name.replaceAll('${pid}', `${process.pid}`) };
  }
  if (getOptionValue('--heap-prof')) {
    const samplingInterval = unsignedOption(getOptionValue, '--heap-prof-interval', 512 * 1024);
    const session = new InternalSession();
    session.post('HeapProfiler.enable');
    session.post('HeapProfiler.startSampling', { samplingInterval });
    heapProfile = { session, ...profileTarget(getOptionValue, '--heap-prof', 'Heap', 'heapprofile') };
  }
}

// Heap snapshots as the heap nears its limit: --heapsnapshot-near-heap-limit's count, or
// v8.setHeapSnapshotNearHeapLimit's, whichever comes first (once per thread).
let nearHeapLimitSnapshotsSet = false;

function setHeapSnapshotNearHeapLimit(limit) {
  if (nearHeapLimitSnapshotsSet) return;
  nearHeapLimitSnapshotsSet = true;
  const directory = internals.getOptionValue('--diagnostic-dir') || process.cwd();
  binding.v8().setHeapSnapshotNearHeapLimit(limit, directory, threadId);
}

function startCoverage() {
  coverageSession = new InternalSession();
  coverageSession.post('Profiler.enable');
  coverageSession.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
}

// The test runner's coverage: written to `directory` from now on (collected from now on if it
// was not already).
function setCoverageDirectory(directory) {
  coverageDirectory = directory;
  if (coverageSession === null) startCoverage();
}

function takeCoverage() {
  if (coverageSession === null || coverageDirectory === undefined) return;
  const { result } = coverageSession.post('Profiler.takePreciseCoverage');
  if (result === undefined) return;
  const sourceMaps = require('internal/source_map/source_map_cache').sourceMapCacheToObject();
  if (sourceMaps !== undefined) result['source-map-cache'] = sourceMaps;
  writeProfile('coverage', coverageDirectory, `coverage-${process.pid}-${Date.now()}-${threadId}.json`, JSON.stringify(result));
}

function stopCoverage() {
  if (coverageSession === null) return;
  coverageSession.post('Profiler.stopPreciseCoverage');
  coverageSession.disconnect();
  coverageSession = null;
}

// Ends a CPU or heap profile: `method` stops it, its reply's result holds the profile.
function endProfile(profile, kind, method) {
  if (profile === null) return;
  const { session, directory, name } = profile;
  const reply = session.post(method);
  session.disconnect();
  if (reply.result === undefined) {
    process._rawDebug(`Failed to get 'result' from ${kind} profile response:\n${JSON.stringify(reply)}`);
    return;
  }
  writeProfile(kind, directory, name, JSON.stringify(reply.result.profile));
}

function endStarted() {
  if (coverageSession !== null && coverageDirectory !== undefined && binding.config.isMainThread) {
    require('internal/async_module_hooks').takeHooksThreadCoverage();
  }
  takeCoverage();
  stopCoverage();
  const cpu = cpuProfile;
  const heap = heapProfile;
  cpuProfile = heapProfile = null;
  endProfile(cpu, 'CPU', 'Profiler.stop');
  endProfile(heap, 'heap', 'HeapProfiler.stopSampling');
}

// The profiles a Worker object asked this (worker) thread for with worker.startCpuProfile()
// and startHeapProfile(), by id: each in a session of its own; one heap profile at a time.
// Replies are JSON texts: { id } or { error: [code, message] } for a start, the profile for a stop.
// 'heapStatistics' (worker.getHeapStatistics()) replies with this thread's v8.getHeapStatistics().
const workerProfiles = new Map();
let nextWorkerProfileId = 1;
let workerHeapProfiling = false;

function workerProfileCommand(command, id) {
  if (command === 'heapStatistics') return JSON.stringify(require('v8').getHeapStatistics());
  if (command === 'stop') {
    const profile = workerProfiles.get(id);
    if (profile === undefined) return '{}';
    workerProfiles.delete(id);
    if (profile.heap) workerHeapProfiling = false;
    const reply = profile.session.post(profile.heap ? 'HeapProfiler.stopSampling' : 'Profiler.stop');
    profile.session.disconnect();
    return JSON.stringify(reply.result?.profile ?? {});
  }
  const heap = command === 'startHeap';
  if (heap && workerHeapProfiling) {
    return JSON.stringify({ error: ['ERR_HEAP_PROFILE_HAVE_BEEN_STARTED', 'heap profiler have been started'] });
  }
  const session = new InternalSession();
  if (heap) {
    workerHeapProfiling = true;
    session.post('HeapProfiler.enable');
    // V8's default interval for its sampling heap profiler (512 KiB), as node's.
    session.post('HeapProfiler.startSampling', { samplingInterval: 512 * 1024 });
  } else {
    session.post('Profiler.enable');
    session.post('Profiler.start');
  }
  const profileId = nextWorkerProfileId++;
  workerProfiles.set(profileId, { session, heap });
  return JSON.stringify({ id: profileId });
}

module.exports = { startConfigured, setHeapSnapshotNearHeapLimit, setCoverageDirectory, takeCoverage, stopCoverage, endStarted, workerProfileCommand };
