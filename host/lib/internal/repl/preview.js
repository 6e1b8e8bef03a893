'use strict';
// The REPL's previews on a terminal (node's setupPreview): while a line is typed, the rest of
// the one completion it has (grey, or ` // rest` without colours) after the cursor, and on the
// line below what the input would evaluate to, asked of the inspector with side effects
// forbidden. Each key clears the previews before readline handles it and shows them again after.

const { inspect } = require('util');
const {
  clearLine, clearScreenDown, commonPrefix, cursorTo, getStringWidth, kIsMultiline, moveCursor,
} = require('internal/readline');

const valueOptions = { colors: false, depth: 1, showHidden: false };
// What a preview of an object shows at most, and how long it may take to compute.
const kMaxColumns = 250;
const kEvaluationTimeout = 333;

function usesStrictFlag() {
  return process.execArgv.some((arg) => arg.toLowerCase().replaceAll('_', '-') === '--use-strict');
}

function inspectRemoteObject(session, result, writerOptions, callback) {
  // The writer's options (showProxy, getters, ...) shape the preview too, on one line.
  const options = inspect({ ...writerOptions, colors: false, depth: 1, compact: true, breakLength: Infinity },
    valueOptions);
  session.post('Runtime.callFunctionOn', {
    functionDeclaration: `(v) => Reflect.getOwnPropertyDescriptor(globalThis, 'util').get().inspect(v, ${options})`,
    objectId: result.objectId,
    arguments: [result],
  }, (error, inspected) => callback(error, error ? undefined : inspected.result.value));
}

// `repl` is the REPLServer; `inspectorSession(command)` runs command with a connected session;
// `state` tells the inspector id of the REPL's context, whether input is buffered (a multi-line
// command under way) and whether the REPL runs in strict mode.
function setupPreview(repl, inspectorSession, state, active) {
  if (process.env.TERM === 'dumb' || !active) return { showPreview() {}, clearPreview() {} };

  let inputPreview = null;
  let completionPreview = null;
  let completionRequest = 0;
  let hasCompletions = false;
  let wrapped = false;
  // The line as it was when Meta+Escape dismissed its completion preview.
  let escaped = null;

  function previewPositions() {
    const displayPos = repl._getDisplayPos(`${repl.getPrompt()}${repl.line}`);
    const cursorPos = repl.line.length !== repl.cursor ? repl.getCursorPos() : displayPos;
    return { displayPos, cursorPos };
  }

  function cursorAtInputEnd() {
    const { cursorPos, displayPos } = previewPositions();
    return cursorPos.rows === displayPos.rows && cursorPos.cols === displayPos.cols;
  }

  function clearPreview(key) {
    if (inputPreview !== null) {
      const { displayPos, cursorPos } = previewPositions();
      const rows = displayPos.rows - cursorPos.rows + 1;
      moveCursor(repl.output, 0, rows);
      clearLine(repl.output);
      moveCursor(repl.output, 0, -rows);
      inputPreview = null;
    }
    if (completionPreview !== null) {
      const away = repl.line.length !== repl.cursor;
      let positions;
      let rows;
      if (away) {
        positions = previewPositions();
        cursorTo(repl.output, positions.displayPos.cols);
        rows = positions.displayPos.rows - positions.cursorPos.rows;
        moveCursor(repl.output, 0, rows);
      }
      const withPreview = repl._getDisplayPos(`${repl.getPrompt()}${repl.line}${completionPreview}`);
      // One line: clearing right of the cursor is enough.
      if (withPreview.rows === 0 || (positions && positions.displayPos.rows === withPreview.rows)) {
        clearLine(repl.output, 1);
      } else {
        clearScreenDown(repl.output);
      }
      if (away) {
        cursorTo(repl.output, positions.cursorPos.cols);
        moveCursor(repl.output, 0, -rows);
      }
      if (!key.ctrl && !key.shift) {
        if (key.name === 'escape') {
          if (escaped === null && key.meta) escaped = repl.line;
        } else if ((key.name === 'return' || key.name === 'enter') && !key.meta && escaped !== repl.line &&
                   cursorAtInputEnd()) {
          // Return takes the completion shown.
          repl._insertString(completionPreview);
        }
      }
      completionPreview = null;
    }
    if (escaped !== repl.line) escaped = null;
  }

  function showCompletionPreview(line, insert) {
    const request = ++completionRequest;
    repl.completer(line, (error, data) => {
      // A completer may answer late, after another key.
      if (request !== completionRequest || error) return;
      const [rawCompletions, completeOn] = data;
      if (!rawCompletions || rawCompletions.length === 0) return;
      hasCompletions = true;
      const prefix = commonPrefix(rawCompletions.filter(Boolean));
      if (prefix.length <= completeOn.length) return;
      const suffix = prefix.slice(completeOn.length);
      if (insert) {
        repl._insertString(suffix);
        return;
      }
      completionPreview = suffix;
      const { cursorPos, displayPos } = previewPositions();
      if (repl.line.length !== repl.cursor) {
        cursorTo(repl.output, displayPos.cols);
        moveCursor(repl.output, 0, displayPos.rows - cursorPos.rows);
      }
      repl.output.write(repl.useColors ? `\u001b[90m${suffix}\u001b[39m` : ` // ${suffix}`);
      cursorTo(repl.output, cursorPos.cols);
      const withPreview = repl._getDisplayPos(`${repl.getPrompt()}${repl.line}${suffix}`);
      moveCursor(repl.output, 0, -(withPreview.rows - cursorPos.rows - (withPreview.cols === 0 ? 1 : 0)));
    });
  }

  // What `input` evaluates to, inspected, or null when there is nothing to show.
  function evaluateForPreview(input, callback) {
    // As the REPL itself does, `{ ... }` is tried as an object first.
    if (!wrapped && input[0] === '{' && input[input.length - 1] !== ';') {
      input = `(${input})`;
      wrapped = true;
    }
    inspectorSession((session) => {
      session.post('Runtime.evaluate', {
        expression: input,
        throwOnSideEffect: true,
        timeout: kEvaluationTimeout,
        contextId: state.contextId(),
      }, (error, evaluated) => {
        if (error) return callback(error);
        const { result } = evaluated;
        if (result.value !== undefined) return callback(null, inspect(result.value, valueOptions));
        // Side effects, syntax errors and undefined names say nothing about the input's value,
        // except an undefined name in strict mode when nothing completes the input.
        if (evaluated.exceptionDetails && (result.className === 'EvalError' || result.className === 'SyntaxError' ||
            (result.className === 'ReferenceError' && (hasCompletions || !(state.strict() || usesStrictFlag()))))) {
          return callback(null, null);
        }
        if (result.objectId) return inspectRemoteObject(session, result, repl.writer.options, callback);
        callback(null, result.unserializableValue || result.type);
      });
    });
  }

  function showPreview(showCompletion = true) {
    // Not twice after a refresh, and not within a multi-line input.
    if (inputPreview !== null || repl[kIsMultiline] || !repl.isCompletionEnabled || !process.features.inspector) return;
    const line = repl.line.trim();
    if (line === '') return;
    hasCompletions = false;
    if (showCompletion) showCompletionPreview(repl.line, false);
    if (state.bufferedCommand()) return;

    const showInputPreview = (error, inspected) => {
      if (inspected == null) return;
      wrapped = false;
      if (line === inspected || error) return;
      if (inspected === 'undefined' && (!repl.useColors || repl.ignoreUndefined)) return;
      inputPreview = inspected;

      let maxColumns = Math.min(repl.columns, kMaxColumns);
      if (inspected.length * 2 >= maxColumns && getStringWidth(inspected) > maxColumns) {
        maxColumns -= 4 + (repl.useColors ? 0 : 3);
        let shortened = '';
        for (const char of inspected) {
          maxColumns -= getStringWidth(char);
          if (maxColumns < 0) break;
          shortened += char;
        }
        inspected = `${shortened}...`;
      }
      // Only the first line (error messages may have more).
      const lineBreak = /[\r\n\v]/.exec(inspected);
      if (lineBreak !== null) inspected = inspected.slice(0, lineBreak.index);

      const { cursorPos, displayPos } = previewPositions();
      const rows = displayPos.rows - cursorPos.rows;
      moveCursor(repl.output, 0, rows);
      repl.output.write(`\n${repl.useColors ? `\u001b[90m${inspected}\u001b[39m` : `// ${inspected}`}`);
      cursorTo(repl.output, cursorPos.cols);
      moveCursor(repl.output, 0, -rows - 1);
    };

    let previewLine = line;
    if (completionPreview !== null && cursorAtInputEnd() && escaped !== repl.line) previewLine += completionPreview;
    evaluateForPreview(previewLine, showInputPreview);
    // Not an object after all: evaluated as it is.
    if (wrapped) evaluateForPreview(previewLine, showInputPreview);
    wrapped = false;
  }

  // A refresh redraws the line without the previews: they are shown again.
  const refreshLine = repl._refreshLine.bind(repl);
  repl._refreshLine = () => {
    inputPreview = null;
    refreshLine();
    showPreview();
  };

  // Moving right past the end of the input takes the completion shown.
  let insertCompletionOnMove = true;
  const moveCursorBy = repl._moveCursor.bind(repl);
  repl._moveCursor = (dx) => {
    const before = repl.cursor;
    moveCursorBy(dx);
    if (before + dx > repl.line.length && typeof repl.completer === 'function' && insertCompletionOnMove) {
      showCompletionPreview(repl.line, true);
    }
  };
  const clearWholeLine = repl.clearLine.bind(repl);
  repl.clearLine = () => {
    insertCompletionOnMove = false;
    clearWholeLine();
    insertCompletionOnMove = true;
  };

  return { showPreview, clearPreview };
}

module.exports = { setupPreview };
