'use strict';
// --test-rerun-failures and run({ rerunFailuresFilePath }): a state file, one entry per run,
// records the tests that passed (by file:line:column, with `:(N)` for the N-th other test
// declared at the same place). A later run replays those tests (with their recorded subtests)
// instead of running them again, so only what failed runs.

const fs = require('fs');
const path = require('path');

// The runs recorded so far (none when the file does not exist yet).
function readPreviousRuns(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
    text = '[]';
  }
  return JSON.parse(text);
}

// The identifiers of tests by where they are declared: the first at a place is `file:line:column`,
// the next ones get `:(1)`, `:(2)`, ... in the order they are met.
function identifierCounter(cwd) {
  const seen = new Map();
  return ({ file, line, column }) => {
    const base = `${path.relative(cwd, file)}:${line}:${column}`;
    const count = seen.get(base);
    seen.set(base, (count ?? 0) + 1);
    return count === undefined ? base : `${base}:(${count})`;
  };
}

// Watches a run's events (in report order) and, once it ends, appends the run's passed tests
// to the state file.
function recordRun(stream, file, previousRuns, cwd) {
  const identify = identifierCounter(cwd);
  const passed = { __proto__: null };
  // The tests started and not yet ended, innermost last, with the subtests started within them.
  const open = [];
  const enter = (data) => {
    const entry = { data, children: [] };
    open.at(-1)?.children.push(entry);
    open.push(entry);
    return entry;
  };
  stream.observers.push((chunk) => {
    if (chunk === null) {
      previousRuns.push(passed);
      fs.writeFileSync(file, JSON.stringify(previousRuns, null, 2), 'utf8');
      return;
    }
    const { type, data } = chunk;
    if (type === 'test:start') {
      enter(data);
      return;
    }
    if (type !== 'test:pass' && type !== 'test:fail') return;
    let current = open.at(-1);
    if (current === undefined || current.data.name !== data.name || current.data.nesting !== data.nesting) current = enter(data);
    open.pop();
    if (data.file === undefined) return;
    const id = identify(data);
    if (type === 'test:pass') {
      passed[id] = {
        __proto__: null,
        name: data.name,
        children: current.children.map((child) => child.data),
        passed_on_attempt: data.details.passed_on_attempt ?? data.details.attempt,
        duration_ms: data.details.duration_ms,
      };
    }
  });
}

// What a run that reruns failures starts from: the previous runs, which the run's own record
// (unless this is a file's process under a runner, whose runner keeps the record) will extend.
function setupRerun(stream, file, cwd, { records = process.env.NODE_TEST_CONTEXT === undefined } = {}) {
  const previousRuns = readPreviousRuns(file);
  if (previousRuns !== null && records) recordRun(stream, file, previousRuns, cwd);
  return previousRuns;
}

function invalidRerunFileWarning(file) {
  return `Warning: The rerun failures file at ${file} is not a valid rerun file. ` +
    'The test runner will not be able to rerun failed tests.';
}

module.exports = { identifierCounter, invalidRerunFileWarning, readPreviousRuns, setupRerun };
