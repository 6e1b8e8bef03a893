'use strict';
// readline: the callback Interface (with its older underscore-named methods), the cursor
// functions, emitKeypressEvents, and readline/promises as `promises`.

const internal = require('internal/readline');
const {
  AbortError, InterfaceConstructor, Interface: BaseInterface, addAbortListener, validateAbortSignal,
  kDecoder, kLineBuffer, kOldPrompt, kPreviousKey, kPrompt, kQuestion, kQuestionCallback, kQuestionCancel,
  kQuestionReject, kSawKeyPress, kSawReturnAt, kTabCompleter,
} = internal;

function Interface(input, output, completer, terminal) {
  if (!(this instanceof Interface)) return new Interface(input, output, completer, terminal);
  // The callback API's completer takes (line, callback); a one-argument one returns its result.
  if (input?.input && typeof input.completer === 'function' && input.completer.length !== 2) {
    const { completer: syncCompleter } = input;
    input.completer = (line, callback) => callback(null, syncCompleter(line));
  } else if (typeof completer === 'function' && completer.length !== 2) {
    const syncCompleter = completer;
    completer = (line, callback) => callback(null, syncCompleter(line));
  }
  InterfaceConstructor.call(this, input, output, completer, terminal);
  if (process.env.TERM === 'dumb') this._ttyWrite = ttyWriteDumb.bind(this);
}
Object.setPrototypeOf(Interface.prototype, BaseInterface.prototype);
Object.setPrototypeOf(Interface, BaseInterface);

Interface.prototype.question = function question(query, options, callback) {
  callback = typeof options === 'function' ? options : callback;
  if (options === null || typeof options !== 'object') options = {};
  if (options.signal) {
    validateAbortSignal(options.signal, 'options.signal');
    if (options.signal.aborted) return;
    const onAbort = () => this[kQuestionCancel]();
    const listener = addAbortListener(options.signal, onAbort);
    const original = callback;
    callback = typeof callback === 'function' ?
      (answer) => {
        listener[Symbol.dispose]();
        return original(answer);
      } :
      listener[Symbol.dispose];
  }
  if (typeof callback === 'function') this[kQuestion](query, callback);
};

Interface.prototype.question[Symbol.for('nodejs.util.promisify.custom')] = function question(query, options) {
  if (options === null || typeof options !== 'object') options = {};
  if (options.signal?.aborted) return Promise.reject(new AbortError(undefined, { cause: options.signal.reason }));
  return new Promise((resolve, reject) => {
    let callback = resolve;
    if (options.signal) {
      const onAbort = () => reject(new AbortError(undefined, { cause: options.signal.reason }));
      const listener = addAbortListener(options.signal, onAbort);
      callback = (answer) => {
        listener[Symbol.dispose]();
        resolve(answer);
      };
    }
    this.question(query, options, callback);
  });
};

// The methods node's older readline had as `_name`: each symbol-keyed method of the base class
// reads the underscore one, so that code replacing `rl._ttyWrite` and the like takes effect.
const underscoreMethods = [
  ['_setRawMode', 'kSetRawMode'], ['_onLine', 'kOnLine'], ['_writeToOutput', 'kWriteToOutput'],
  ['_addHistory', 'kAddHistory'], ['_refreshLine', 'kRefreshLine'], ['_normalWrite', 'kNormalWrite'],
  ['_insertString', 'kInsertString'], ['_tabComplete', 'kTabComplete'], ['_wordLeft', 'kWordLeft'],
  ['_wordRight', 'kWordRight'], ['_deleteLeft', 'kDeleteLeft'], ['_deleteRight', 'kDeleteRight'],
  ['_deleteWordLeft', 'kDeleteWordLeft'], ['_deleteWordRight', 'kDeleteWordRight'],
  ['_deleteLineLeft', 'kDeleteLineLeft'], ['_deleteLineRight', 'kDeleteLineRight'], ['_line', 'kLine'],
  ['_historyNext', 'kHistoryNext'], ['_historyPrev', 'kHistoryPrev'], ['_getDisplayPos', 'kGetDisplayPos'],
  ['_moveCursor', 'kMoveCursor'], ['_ttyWrite', 'kTtyWrite'],
];
for (const [name, symbolName] of underscoreMethods) {
  Object.defineProperty(Interface.prototype, internal[symbolName], {
    get() {
      return this[name];
    },
  });
}

// Properties node's older readline had as `_name`, kept in the symbol-keyed fields.
for (const [name, symbol] of [
  ['_decoder', kDecoder], ['_line_buffer', kLineBuffer], ['_oldPrompt', kOldPrompt], ['_previousKey', kPreviousKey],
  ['_prompt', kPrompt], ['_questionCallback', kQuestionCallback], ['_sawKeyPress', kSawKeyPress],
  ['_sawReturnAt', kSawReturnAt],
]) {
  Object.defineProperty(Interface.prototype, name, {
    get() {
      return this[symbol];
    },
    set(value) {
      this[symbol] = value;
    },
  });
}

for (const [name, symbolName] of underscoreMethods) {
  if (name === '_tabComplete') {
    // The callback API calls its completer with a callback.
    Interface.prototype._tabComplete = function (lastKeypressWasTab) {
      this.pause();
      const before = this.line.slice(0, this.cursor);
      this.completer(before, (err, value) => {
        this.resume();
        if (err) {
          this._writeToOutput(`Tab completion error: ${require('internal/inspect').inspect(err)}`);
          return;
        }
        this[kTabCompleter](lastKeypressWasTab, value);
      });
    };
  } else {
    Interface.prototype[name] = BaseInterface.prototype[internal[symbolName]];
  }
  if (name === '_getDisplayPos') Interface.prototype._getCursorPos = BaseInterface.prototype.getCursorPos;
}

// TERM=dumb: no line editing, no escape sequences; keys are taken as typed.
function ttyWriteDumb(s, key) {
  key ||= {};
  if (key.name === 'escape') return;
  if (this[kSawReturnAt] && key.name !== 'enter') this[kSawReturnAt] = 0;
  if (key.ctrl) {
    if (key.name === 'c') {
      if (this.listenerCount('SIGINT') > 0) this.emit('SIGINT');
      else this.close();
      return;
    } else if (key.name === 'd') {
      this.close();
      return;
    }
  }
  switch (key.name) {
    case 'return':
      this[kSawReturnAt] = Date.now();
      this._line();
      break;
    case 'enter':
      if (this[kSawReturnAt] === 0 || Date.now() - this[kSawReturnAt] > this.crlfDelay) this._line();
      this[kSawReturnAt] = 0;
      break;
    default:
      if (typeof s === 'string' && s) {
        this.line += s;
        this.cursor += s.length;
        this._writeToOutput(s);
      }
  }
}

function createInterface(input, output, completer, terminal) {
  return new Interface(input, output, completer, terminal);
}

// ---- readline/promises ----

const PromisesInterface = class Interface extends BaseInterface {
  question(query, options = {}) {
    return new Promise((resolve, reject) => {
      let callback = resolve;
      if (options?.signal) {
        validateAbortSignal(options.signal, 'options.signal');
        if (options.signal.aborted) {
          return reject(new AbortError(undefined, { cause: options.signal.reason }));
        }
        const onAbort = () => {
          this[kQuestionCancel]();
          reject(new AbortError(undefined, { cause: options.signal.reason }));
        };
        const listener = addAbortListener(options.signal, onAbort);
        callback = (answer) => {
          listener[Symbol.dispose]();
          resolve(answer);
        };
      }
      this[kQuestionReject] = reject;
      this[kQuestion](query, callback);
    });
  }
};

function createPromisesInterface(input, output, completer, terminal) {
  return new PromisesInterface(input, output, completer, terminal);
}
Object.defineProperty(createPromisesInterface, 'name', { value: 'createInterface' });

const promises = {
  Interface: PromisesInterface,
  Readline: internal.Readline,
  createInterface: createPromisesInterface,
};

module.exports = {
  Interface,
  clearLine: internal.clearLine,
  clearScreenDown: internal.clearScreenDown,
  createInterface,
  cursorTo: internal.cursorTo,
  emitKeypressEvents: internal.emitKeypressEvents,
  moveCursor: internal.moveCursor,
  promises,
};
