'use strict';
// node:test's reporters: spec (a Transform), tap and dot (async generators over the events).

const { Transform } = require('stream');
const path = require('path');
const { inspect } = require('internal/inspect');
const { coverageReport } = require('internal/test_runner/coverage');

const symbols = { pass: '\u2714 ', fail: '\u2716 ', info: '\u2139 ', arrow: '\u25B6 ', skip: '\uFE63 ', warn: '\u26A0 ' };

function indent(nesting, unit = '  ') {
  return unit.repeat(Math.max(nesting, 0));
}

function formatError(error, prefix) {
  if (!error) return '';
  const err = error.code === 'ERR_TEST_FAILURE' ? error.cause : error;
  const text = inspect(err, { colors: false, breakLength: Infinity }).split(/\r?\n/).join(`\n${prefix}  `);
  return `\n${prefix}  ${text}\n`;
}

function title(type, data) {
  const duration = data.details?.duration_ms ? ` (${data.details.duration_ms}ms)` : '';
  const replayed = data.details?.passed_on_attempt !== undefined ? ` (passed on attempt ${data.details.passed_on_attempt})` : '';
  let text = `${data.name}${duration}${replayed}`;
  if (data.skip !== undefined) text += ` # ${typeof data.skip === 'string' && data.skip.length ? data.skip : 'SKIP'}`;
  else if (data.todo !== undefined) text += ` # ${typeof data.todo === 'string' && data.todo.length ? data.todo : 'TODO'}`;
  else if (data.expectFailure !== undefined) text += ' # EXPECTED FAILURE';
  let symbol = type === 'test:fail' ? symbols.fail : symbols.pass;
  if (data.skip !== undefined) symbol = symbols.skip;
  else if (data.todo !== undefined && type === 'test:fail') symbol = symbols.warn;
  return `${symbol}${text}`;
}

function isReportedFailure(data) {
  return data.details?.error?.failureType !== 'subtestsFailed';
}

function failureLocation(data) {
  if (data.file === undefined) return '';
  return `test at ${path.relative(process.cwd(), data.file)}:${data.line}:${data.column}\n`;
}

class SpecReporter extends Transform {
  #started = [];
  #headersShown = [];
  #failures = [];

  constructor() {
    super({ writableObjectMode: true });
  }

  #handle({ type, data }) {
    switch (type) {
      case 'test:start':
        this.#started.unshift(data);
        return '';
      case 'test:pass':
      case 'test:fail': {
        this.#started.shift();
        let prefix = '';
        while (this.#started.length > 0) {
          const parent = this.#started.pop();
          this.#headersShown.unshift(parent);
          prefix += `${indent(parent.nesting)}${symbols.arrow}${parent.name}\n`;
        }
        const shown = this.#headersShown[0];
        if (shown && shown.nesting === data.nesting && shown.name === data.name) this.#headersShown.shift();
        if (type === 'test:fail' && isReportedFailure(data)) this.#failures.push(data);
        return `${prefix}${indent(data.nesting)}${title(type, data)}\n`;
      }
      case 'test:diagnostic':
        return `${indent(data.nesting)}${symbols.info}${data.message}\n`;
      case 'test:interrupted':
        return `\nInterrupted while running:\n\n${data.tests.map((test) =>
          `${indent(test.nesting)}${symbols.warn}${test.name} (${path.relative(process.cwd(), test.file)}:${test.line}:${test.column})\n`).join('')}`;
      case 'test:stdout':
      case 'test:stderr':
        return data.message;
      case 'test:watch:restarted':
        return `\nRestarted at ${new Date().toLocaleString()}\n`;
      case 'test:coverage':
        return coverageReport(`${indent(data.nesting)}${symbols.info}`, data.summary);
      // The run's failures are listed after its summary (each run's, in watch mode).
      case 'test:summary':
        return data.file === undefined ? this.#failedTests() : '';
      default:
        return '';
    }
  }

  #failedTests() {
    if (this.#failures.length === 0) return '';
    let text = `\n${symbols.fail}failing tests:\n`;
    for (const data of this.#failures) {
      text += `\n${failureLocation(data)}${title('test:fail', data)}${formatError(data.details?.error, '')}`;
    }
    this.#failures = [];
    return text;
  }

  _transform(event, encoding, callback) {
    const text = this.#handle(event);
    callback(null, text === '' ? undefined : text);
  }

  _flush(callback) {
    const text = this.#failedTests();
    callback(null, text === '' ? undefined : text);
  }
}

function tapEscape(text) {
  return String(text).replaceAll('\b', '\\b').replaceAll('\f', '\\f').replaceAll('\t', '\\t').replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r').replaceAll('\v', '\\v').replaceAll('\\', '\\\\').replaceAll('#', '\\#');
}

function tapTestLine(status, data) {
  let line = `${indent(data.nesting, '    ')}${status} ${data.testNumber}`;
  if (data.name) line += ` ${tapEscape(`- ${data.name}`)}`;
  if (data.skip !== undefined) line += ` # SKIP${typeof data.skip === 'string' && data.skip.length ? ` ${tapEscape(data.skip)}` : ''}`;
  else if (data.todo !== undefined) line += ` # TODO${typeof data.todo === 'string' && data.todo.length ? ` ${tapEscape(data.todo)}` : ''}`;
  else if (data.expectFailure !== undefined) line += ` # EXPECTED FAILURE${typeof data.expectFailure === 'string' ? ` ${tapEscape(data.expectFailure)}` : ''}`;
  return `${line}\n`;
}

const unwrappedFailures = new Set(['testCodeFailure', 'hookFailure', 'uncaughtException', 'unhandledRejection']);

function isAssertionLike(value) {
  return value !== null && typeof value === 'object' && 'expected' in value && 'actual' in value;
}

// One YAML entry of a TAP test's details (node's subset: scalars, multi-line strings, objects, errors).
function yaml(prefix, name, value, seen) {
  if (value === undefined) return '';
  const head = `${prefix}  ${name}:`;
  if (value === null) return `${head} ~\n`;
  if (typeof value !== 'object') {
    if (typeof value !== 'string') return `${head} ${inspect(value, { colors: false, breakLength: Infinity })}\n`;
    const lines = value.split(/\n|\r\n/);
    if (lines.length === 1) return `${head} ${inspect(value, { colors: false, breakLength: Infinity })}\n`;
    return `${head} |-\n${lines.map((line) => `${prefix}    ${line}\n`).join('')}`;
  }
  seen.add(value);
  const isError = value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
  let inner = prefix;
  let out = '';
  if (name !== null) {
    out += head;
    if (value instanceof Date) out += ` ${value.toISOString()}`;
    out += '\n';
    inner += '  ';
  }
  for (const [key, entry] of Object.entries(value)) {
    if (isError && (key === 'cause' || key === 'code')) continue;
    if (seen.has(entry)) {
      out += `${inner}  ${key}: <Circular>\n`;
      continue;
    }
    out += yaml(inner, key, entry, seen);
  }
  if (isError) {
    const { cause, failureType } = value;
    let message = value.message ?? '<unknown error>';
    let errName = value.name;
    let stack = value.stack;
    let code = value.code;
    let expected = value.expected;
    let actual = value.actual;
    let operator = value.operator;
    let assertion = isAssertionLike(value);
    if (code === 'ERR_TEST_FAILURE' && unwrappedFailures.has(failureType)) {
      stack = cause?.stack ?? stack;
      code = cause?.code ?? code;
      errName = cause?.name ?? errName;
      message = cause?.message ?? message;
      if (isAssertionLike(cause)) {
        expected = cause.expected;
        actual = cause.actual;
        operator = cause.operator ?? operator;
        assertion = true;
      }
    }
    out += yaml(prefix, 'error', message, seen);
    if (code) out += yaml(prefix, 'code', code, seen);
    if (errName && errName !== 'Error') out += yaml(prefix, 'name', errName, seen);
    if (assertion) {
      out += yaml(prefix, 'expected', expected, new Set(seen));
      out += yaml(prefix, 'actual', actual, new Set(seen));
      if (operator) out += yaml(prefix, 'operator', operator, seen);
    }
    if (typeof stack === 'string') {
      const frames = [];
      for (const frame of stack.split(/\n|\r\n/)) {
        const stripped = frame.replace(/^ {4}at /, '');
        if (stripped.length > 0 && stripped.length !== frame.length) frames.push(stripped);
      }
      if (frames.length > 0) out += `${prefix}  stack: |-\n${frames.map((frame) => `${prefix}    ${frame}`).join('\n')}\n`;
    }
  }
  return out;
}

function tapDetails(nesting, details = {}, location) {
  const prefix = indent(nesting, '    ');
  let out = `${prefix}  ---\n`;
  out += yaml(prefix, 'duration_ms', details.duration_ms);
  out += yaml(prefix, 'type', details.type);
  if (location) out += yaml(prefix, 'location', location);
  out += yaml(prefix, null, details.error, new Set());
  return `${out}${prefix}  ...\n`;
}

async function* tap(source) {
  yield 'TAP version 13\n';
  for await (const { type, data } of source) {
    switch (type) {
      case 'test:fail':
        yield tapTestLine('not ok', data);
        yield tapDetails(data.nesting, data.details, data.file ? `${data.file}:${data.line}:${data.column}` : null);
        break;
      case 'test:pass':
        yield tapTestLine('ok', data);
        yield tapDetails(data.nesting, data.details, null);
        break;
      case 'test:plan':
        yield `${indent(data.nesting, '    ')}1..${data.count}\n`;
        break;
      case 'test:start':
        yield `${indent(data.nesting, '    ')}# Subtest: ${tapEscape(data.name)}\n`;
        break;
      case 'test:stdout':
      case 'test:stderr':
        for (const line of data.message.split(/\n|\r\n/)) if (line.length > 0) yield `# ${tapEscape(line)}\n`;
        break;
      case 'test:diagnostic':
        yield `${indent(data.nesting, '    ')}# ${tapEscape(data.message)}\n`;
        break;
      case 'test:coverage':
        yield coverageReport(`${indent(data.nesting, '    ')}# `, data.summary);
        break;
      case 'test:interrupted':
        for (const test of data.tests) {
          yield `${indent(test.nesting, '    ')}# Interrupted while running: ${tapEscape(test.name)} at ${tapEscape(`${test.file}:${test.line}:${test.column}`)}\n`;
        }
        break;
    }
  }
}

async function* dot(source) {
  let column = 0;
  const failures = [];
  for await (const { type, data } of source) {
    if (type === 'test:pass') yield '.';
    if (type === 'test:fail') {
      yield 'X';
      failures.push(data);
    }
    if ((type === 'test:fail' || type === 'test:pass') && ++column === 20) {
      yield '\n';
      column = 0;
    }
  }
  yield '\n';
  if (failures.length > 0) {
    yield '\nFailed tests:\n\n';
    for (const data of failures) yield `${title('test:fail', data)}${formatError(data.details?.error, '')}`;
  }
}

// ---- junit: the results as a JUnit XML tree, written when the run ends ----

function xmlText(text = '') {
  // An ampersand already starting a numeric character reference stays as it is.
  return String(text).replace(/&(?!#\d{1,7};)/g, '&amp;').replace(/</g, '&lt;');
}

function xmlAttribute(text = '') {
  return xmlText(String(text).replace(/\n/g, '&#10;').replace(/"/g, '&quot;'));
}

function xmlNode(node) {
  if (typeof node === 'string') return `${xmlText(node)}\n`;
  const tabs = '\t'.repeat(node.nesting + 1);
  if (node.comment !== undefined) return `${tabs}<!-- ${String(node.comment).replace(/--/g, '&#45;&#45;')} -->\n`;
  const attributes = Object.entries(node.attrs).map(([key, value]) => `${key}="${xmlAttribute(String(value))}"`).join(' ');
  if (node.children.length === 0) return `${tabs}<${node.tag} ${attributes}/>\n`;
  return `${tabs}<${node.tag} ${attributes}>\n${node.children.map(xmlNode).join('')}${tabs}</${node.tag}>\n`;
}

function hasChildTag(node, tag, attribute) {
  if (typeof node === 'string' || node.comment !== undefined) return false;
  return node.children.some((child) => child.tag === tag) || Boolean(node.attrs[attribute]);
}

async function* junit(source) {
  const hostname = require('os').hostname();
  yield '<?xml version="1.0" encoding="utf-8"?>\n';
  yield '<testsuites>\n';
  const roots = [];
  let open = null;
  const begin = (data) => {
    const node = { attrs: { name: data.name }, nesting: data.nesting, parent: open, children: [] };
    if (open !== null) open.children.push(node);
    else roots.push(node);
    open = node;
  };
  for await (const { type, data } of source) {
    if (type === 'test:start') {
      begin(data);
    } else if (type === 'test:pass' || type === 'test:fail') {
      if (open === null) begin({ name: 'root', nesting: 0 });
      if (open.attrs.name !== data.name || open.nesting !== data.nesting) begin(data);
      const node = open;
      if (open.nesting === data.nesting) open = open.parent;
      const durationMs = data.details.duration_ms;
      node.attrs.time = (durationMs / 1000).toFixed(6);
      const tests = node.children.filter((child) => child.comment === undefined);
      if (tests.length > 0) {
        node.tag = 'testsuite';
        Object.assign(node.attrs, {
          disabled: 0,
          errors: 0,
          tests: tests.length,
          failures: node.children.filter((child) => hasChildTag(child, 'failure', 'failures')).length,
          skipped: node.children.filter((child) => hasChildTag(child, 'skipped', 'skipped')).length,
          // A suite's start is reported late, so its start time comes from its duration.
          timestamp: new Date(Date.now() - durationMs).toISOString(),
          hostname,
        });
      } else {
        node.tag = 'testcase';
        node.attrs.classname = data.classname ?? 'test';
        if (data.file) node.attrs.file = data.file;
        const child = (tag, attrs, children = []) => ({ tag, attrs, nesting: data.nesting + 1, children });
        if (data.skip) node.children.push(child('skipped', { type: 'skipped', message: data.skip }));
        if (data.todo) node.children.push(child('skipped', { type: 'todo', message: data.todo }));
        if (type === 'test:fail') {
          const error = data.details?.error;
          const message = error?.message ?? '';
          node.children.push(child('failure', { type: error?.failureType || error?.code, message: message.trim() },
            [inspect(error, { colors: false, breakLength: Infinity })]));
          node.attrs.failure = message;
        }
      }
    } else if (type === 'test:diagnostic') {
      (open?.children ?? roots).push({ nesting: data.nesting, comment: data.message });
    }
  }
  for (const node of roots) yield xmlNode(node);
  yield '</testsuites>\n';
}

// ---- lcov: a run's coverage (its test:coverage event) as an LCOV tracefile ----

function lcovFileRecord(file, workingDirectory) {
  const lines = [`SF:${path.relative(workingDirectory, file.path)}`];
  const counts = [];
  file.functions.forEach((fn, index) => {
    const name = fn.name || `anonymous_${index}`;
    lines.push(`FN:${fn.line},${name}`);
    counts.push(`FNDA:${fn.count},${name}`);
  });
  lines.push(...counts, `FNF:${file.totalFunctionCount}`, `FNH:${file.coveredFunctionCount}`);
  const branches = file.branches.filter((branch) => !branch.ignored);
  branches.forEach((branch, index) => lines.push(`BRDA:${branch.line},${index},0,${branch.count}`));
  lines.push(`BRF:${branches.length}`, `BRH:${branches.filter((branch) => branch.count !== 0).length}`);
  for (const line of [...file.lines].sort((a, b) => a.line - b.line)) lines.push(`DA:${line.line},${line.count}`);
  lines.push(`LH:${file.coveredLineCount}`, `LF:${file.totalLineCount}`, 'end_of_record');
  return lines.join('\n') + '\n';
}

class LcovReporter extends Transform {
  constructor(options) {
    super({ ...options, writableObjectMode: true });
  }

  _transform(event, encoding, callback) {
    if (event.type !== 'test:coverage') {
      callback(null);
      return;
    }
    const { summary } = event.data;
    let text;
    try {
      text = 'TN:\n' + summary.files.map((file) => lcovFileRecord(file, summary.workingDirectory)).join('');
    } catch (err) {
      callback(err);
      return;
    }
    callback(null, text);
  }
}

module.exports = { SpecReporter, LcovReporter, tap, dot, junit, formatError };
