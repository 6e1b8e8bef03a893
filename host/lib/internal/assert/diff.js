'use strict';
// The messages of assert's AssertionError as node 24 writes them: values inspected one
// entry per line, compared line by line with a Myers diff (`+` actual, `-` expected), long
// runs of unchanged lines collapsed to `...`.

const { inspect, kErrorsWithoutStack } = require('internal/inspect');

const readableOperator = {
  deepStrictEqual: 'Expected values to be strictly deep-equal:',
  partialDeepStrictEqual: 'Expected values to be partially and strictly deep-equal:',
  strictEqual: 'Expected values to be strictly equal:',
  strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
  deepEqual: 'Expected values to be loosely deep-equal:',
  notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
  notStrictEqual: 'Expected "actual" to be strictly unequal to:',
  notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
  notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  notIdentical: 'Values have same structure but are not reference-equal:',
  notDeepEqualUnequal: 'Expected values not to be loosely deep-equal:',
};

const diffOperators = new Set(['deepStrictEqual', 'strictEqual', 'partialDeepStrictEqual']);
const maxShortLength = 12;
const maxLongLength = 512;
// Unchanged lines shown before a run is collapsed.
const keptUnchanged = 5;

function inspectValue(value) {
  return inspect(value, {
    compact: false, customInspect: false, depth: 1000, maxArrayLength: Infinity, showHidden: false,
    showProxy: false, sorted: true, getters: true, [kErrorsWithoutStack]: true,
  });
}

const SAME = 0;
const ADDED = 1; // a line only `actual` has
const REMOVED = -1; // a line only `expected` has

// The edit script from `expected` to `actual` (lists of lines), first edit first. Lines that
// differ only by a trailing comma count as the same when `commaBlind`.
function lineDiff(actual, expected, commaBlind) {
  const same = (a, b) => a === b || (commaBlind && (`${a},` === b || a === `${b},`));
  const total = actual.length + expected.length;
  // furthest[k + total]: the furthest index into `actual` reached on diagonal k (x - y).
  let furthest = new Int32Array(2 * total + 1);
  const history = [];
  let found = false;
  for (let cost = 0; cost <= total && !found; cost++) {
    history.push(furthest.slice());
    for (let k = -cost; k <= cost; k += 2) {
      const fromAbove = k === -cost || (k !== cost && furthest[k - 1 + total] < furthest[k + 1 + total]);
      let x = fromAbove ? furthest[k + 1 + total] : furthest[k - 1 + total] + 1;
      let y = x - k;
      while (x < actual.length && y < expected.length && same(actual[x], expected[y])) {
        x++;
        y++;
      }
      furthest[k + total] = x;
      if (x >= actual.length && y >= expected.length) {
        found = true;
        break;
      }
    }
  }
  const edits = [];
  let x = actual.length;
  let y = expected.length;
  for (let cost = history.length - 1; cost >= 0; cost--) {
    furthest = history[cost];
    const k = x - y;
    const fromAbove = k === -cost || (k !== cost && furthest[k - 1 + total] < furthest[k + 1 + total]);
    const previousK = fromAbove ? k + 1 : k - 1;
    const previousX = furthest[previousK + total];
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      const line = actual[x - 1];
      edits.push([SAME, commaBlind && !line.endsWith(',') ? expected[y - 1] : line]);
      x--;
      y--;
    }
    if (cost > 0) {
      if (x > previousX) edits.push([ADDED, actual[--x]]);
      else edits.push([REMOVED, expected[--y]]);
    }
  }
  return edits.reverse();
}

// The diff's text; long runs of unchanged lines keep their first lines and their last.
function printDiff(edits, operator) {
  let text = '';
  let skipped = false;
  let unchangedRun = 0;
  edits.forEach(([kind, line], index) => {
    if (index > 0 && edits[index - 1][0] === SAME && kind !== SAME) {
      const tail = (back) => `  ${edits[index - back][1]}\n`;
      if (unchangedRun === keptUnchanged + 1) {
        text += tail(1);
      } else if (unchangedRun === keptUnchanged + 2) {
        text += tail(2) + tail(1);
      } else if (unchangedRun >= keptUnchanged + 3) {
        text += `...\n${tail(1)}`;
        skipped = true;
      }
      unchangedRun = 0;
    }
    if (kind === ADDED) text += `+ ${line}\n`;
    else if (kind === REMOVED) text += `- ${line}\n`;
    else {
      if (unchangedRun < keptUnchanged) text += `  ${line}\n`;
      unchangedRun++;
    }
  });
  return { message: `\n${text.trimEnd()}`, skipped };
}

function stackedDiff(actual, expected, bothStrings) {
  let message = `\n+ ${actual}\n- ${expected}`;
  const columns = process.stderr.isTTY ? process.stderr.columns : 80;
  if (bothStrings && actual.length + expected.length <= columns) {
    for (let i = 0; i < actual.length; i++) {
      if (actual[i] !== expected[i]) {
        // The first characters' difference (and the quote) needs no pointer.
        if (i >= 3) message += `\n${' '.repeat(i + 2)}^`;
        break;
      }
    }
  }
  return message;
}

function errDiff(actual, expected, operator, customMessage, diffType) {
  if (operator === 'strictEqual' && ((typeof actual === 'object' && actual !== null && typeof expected === 'object' && expected !== null)
    || (typeof actual === 'function' && typeof expected === 'function'))) {
    operator = 'strictEqualObject';
  }
  const inspectedActual = inspectValue(actual);
  const inspectedExpected = inspectValue(expected);
  const actualLines = inspectedActual.split('\n');
  const expectedLines = inspectedExpected.split('\n');
  let header = '+ actual - expected';
  let message;
  let skipped = false;
  const simple = actualLines.length === 1 && expectedLines.length === 1
    && (typeof actual !== 'object' || actual === null || typeof expected !== 'object' || expected === null);
  if (simple) {
    let length = actualLines[0].length + expectedLines[0].length;
    if (typeof actual === 'string') length -= 2;
    if (typeof expected === 'string') length -= 2;
    if (length <= maxShortLength && (actual !== 0 || expected !== 0)) {
      message = `${actualLines[0]} !== ${expectedLines[0]}`;
      header = '';
    } else {
      message = stackedDiff(actualLines[0], expectedLines[0], typeof actual === 'string' && typeof expected === 'string');
    }
  } else if (inspectedActual === inspectedExpected) {
    operator = 'notIdentical';
    header = '';
    if (actualLines.length > 50 && diffType !== 'full') {
      message = `${actualLines.slice(0, 50).join('\n')}\n...}`;
      skipped = true;
    } else {
      message = inspectedActual;
    }
  } else {
    const printed = printDiff(lineDiff(actualLines, expectedLines, actual != null && typeof actual === 'object'), operator);
    message = printed.message;
    skipped = printed.skipped;
    if (operator === 'partialDeepStrictEqual') header = '+ actual - expected';
  }
  return `${customMessage || readableOperator[operator]}\n${header}${skipped ? '\n... Skipped lines' : ''}\n${message}\n`;
}

// The message of an AssertionError made without one.
function generatedMessage(actual, expected, operator, diffType) {
  if (diffOperators.has(operator)) return errDiff(actual, expected, operator, undefined, diffType);
  if (operator === 'notDeepStrictEqual' || operator === 'notStrictEqual') {
    let base = readableOperator[operator];
    const lines = inspectValue(actual).split('\n');
    if (operator === 'notStrictEqual' && ((typeof actual === 'object' && actual !== null) || typeof actual === 'function')) {
      base = readableOperator.notStrictEqualObject;
    }
    if (lines.length > 50 && diffType !== 'full') {
      lines[46] = '...';
      lines.length = 47;
    }
    if (lines.length === 1) return `${base}${lines[0].length > 5 ? '\n\n' : ' '}${lines[0]}`;
    return `${base}\n\n${lines.join('\n')}\n`;
  }
  let shown = inspectValue(actual);
  let other = inspectValue(expected);
  const known = readableOperator[operator];
  if (operator === 'notDeepEqual' && shown === other) {
    shown = `${known}\n\n${shown}`;
    if (shown.length > 1024 && diffType !== 'full') shown = `${shown.slice(0, 1021)}...`;
    return shown;
  }
  if (shown.length > maxLongLength && diffType !== 'full') shown = `${shown.slice(0, 509)}...`;
  if (other.length > maxLongLength && diffType !== 'full') other = `${other.slice(0, 509)}...`;
  if (operator === 'deepEqual') {
    shown = `${known}\n\n${shown}\n\nshould loosely deep-equal\n\n`;
  } else if (readableOperator[`${operator}Unequal`]) {
    shown = `${readableOperator[`${operator}Unequal`]}\n\n${shown}\n\nshould not loosely deep-equal\n\n`;
  } else {
    other = ` ${operator} ${other}`;
  }
  return `${shown}${other}`;
}

// The edit script between two sequences (strings or arrays of strings), for util.diff.
const editScript = (actual, expected) => lineDiff(actual, expected, false);

module.exports = { diffOperators, editScript, errDiff, generatedMessage };
