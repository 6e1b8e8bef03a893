'use strict';
// NODE_V8_COVERAGE: V8's precise coverage (call counts, block granularity) from the start of
// the thread, written as JSON ({ result, timestamp }) to coverage-<pid>-<ms>-<threadId>.json
// in that directory at exit, on v8.takeCoverage() (which restarts the counts) and before the
// main thread sends itself a signal. Collected through an in-process inspector session.

const { InternalSession } = require('internal/inspector_session');
const { threadId } = binding.config;

let session = null;
let directory;

// The directory is resolved once, and the environment passed on resolved, so that
// subprocesses started elsewhere write to the same place.
function startFromEnvironment() {
  const setting = process.env.NODE_V8_COVERAGE;
  if (!setting) return;
  directory = require('path').resolve(setting);
  process.env.NODE_V8_COVERAGE = directory;
  session = new InternalSession();
  session.post('Profiler.enable');
  session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
}

function take() {
  if (session === null) return;
  const coverage = session.post('Profiler.takePreciseCoverage');
  if (coverage === undefined) return;
  const fs = require('fs');
  const file = require('path').join(directory, `coverage-${process.pid}-${Date.now()}-${threadId}.json`);
  try {
    fs.mkdirSync(directory, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(coverage));
  } catch (error) {
    process._rawDebug(`${error}`);
  }
}

function stop() {
  if (session === null) return;
  session.post('Profiler.stopPreciseCoverage');
  session.post('Profiler.disable');
  session.disconnect();
  session = null;
}

function writeAndStop() {
  take();
  stop();
}

module.exports = { startFromEnvironment, take, stop, writeAndStop };
