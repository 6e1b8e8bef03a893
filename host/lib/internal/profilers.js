'use strict';
// The profilers node starts with the thread and ends at exit (before the main thread sends
// itself a signal, too), through in-process inspector sessions:
// - NODE_V8_COVERAGE: V8's precise coverage (call counts, block granularity), written as
//   JSON ({ result, timestamp }) to coverage-<pid>-<ms>-<threadId>.json in that directory,
//   also on v8.takeCoverage() (which restarts the counts);
// - --heap-prof: V8's sampling heap profiler, its profile written to --heap-prof-name (or
//   Heap.<date>.<time>.<pid>.<tid>.<seq>.heapprofile) in --heap-prof-dir (or the cwd).

const { InternalSession } = require('internal/inspector_session');
const { threadId } = binding.config;

let coverageSession = null;
let coverageDirectory;
let heapSession = null;
let heapProfileDirectory;
let heapProfileName;

function writeFile(directory, name, text) {
  const fs = require('fs');
  try {
    fs.mkdirSync(directory, { recursive: true });
    fs.writeFileSync(require('path').resolve(directory, name), text);
  } catch (error) {
    process._rawDebug(`${error}`);
  }
}

// The coverage directory is resolved once, and the environment passed on resolved, so that
// subprocesses started elsewhere write to the same place.
function startConfigured(getOptionValue) {
  const { resolve } = require('path');
  const coverage = process.env.NODE_V8_COVERAGE;
  if (coverage) {
    coverageDirectory = resolve(coverage);
    process.env.NODE_V8_COVERAGE = coverageDirectory;
    coverageSession = new InternalSession();
    coverageSession.post('Profiler.enable');
    coverageSession.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  }
  if (getOptionValue('--heap-prof')) {
    const interval = getOptionValue('--heap-prof-interval');
    // Read as node reads an unsigned option: its leading digits.
    const samplingInterval = interval === '' ? 512 * 1024 : Number(/^\s*(\d*)/.exec(interval)[1] || 0);
    // As node's: the cwd at start by default; a directory given is taken from the cwd at exit.
    heapProfileDirectory = getOptionValue('--heap-prof-dir') || process.cwd();
    // Named when started, as node's.
    heapProfileName = getOptionValue('--heap-prof-name') || require('internal/heap_utils').diagnosticFileName('Heap', 'heapprofile');
    heapSession = new InternalSession();
    heapSession.post('HeapProfiler.enable');
    heapSession.post('HeapProfiler.startSampling', { samplingInterval });
  }
}

function takeCoverage() {
  if (coverageSession === null) return;
  const { result } = coverageSession.post('Profiler.takePreciseCoverage');
  if (result === undefined) return;
  writeFile(coverageDirectory, `coverage-${process.pid}-${Date.now()}-${threadId}.json`, JSON.stringify(result));
}

function stopCoverage() {
  if (coverageSession === null) return;
  coverageSession.post('Profiler.stopPreciseCoverage');
  coverageSession.disconnect();
  coverageSession = null;
}

function stopHeapProfile() {
  if (heapSession === null) return;
  const reply = heapSession.post('HeapProfiler.stopSampling');
  heapSession.disconnect();
  heapSession = null;
  if (reply.result === undefined) {
    process._rawDebug(`Failed to get 'result' from heap profile response:\n${JSON.stringify(reply)}`);
    return;
  }
  writeFile(heapProfileDirectory, heapProfileName, JSON.stringify(reply.result.profile));
}

function endStarted() {
  takeCoverage();
  stopCoverage();
  stopHeapProfile();
}

module.exports = { startConfigured, takeCoverage, stopCoverage, endStarted };
