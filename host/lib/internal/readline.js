'use strict';
// readline's machinery: the line editor (Interface), the keypress decoder, the cursor
// escape sequences and readline/promises' Readline. `readline` and `readline/promises`
// build their public classes on this.

const EventEmitter = require('events');
const { StringDecoder } = require('string_decoder');
const {
  codedError, invalidArgType, invalidArgValue, outOfRange, validateBoolean, validateFunction, validateInteger,
} = require('internal/errors');

const ttyBinding = binding.tty();

// ---- errors and validators node's readline uses ----

class AbortError extends Error {
  constructor(message = 'The operation was aborted', options = undefined) {
    super(message, options);
    this.code = 'ABORT_ERR';
    this.name = 'AbortError';
  }
}

const useAfterClose = () => codedError(Error, 'ERR_USE_AFTER_CLOSE', 'readline was closed');

function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw invalidArgType(name, 'an instance of AbortSignal', signal);
  }
}

function validateUint32(value, name, positive) {
  if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  const min = positive ? 1 : 0;
  if (value < min || value > 4294967295) throw outOfRange(name, `>= ${min} && <= 4294967295`, value);
}

// Calls `listener` once when `signal` aborts; the returned object's Symbol.dispose stops that.
function addAbortListener(signal, listener) {
  if (signal.aborted) {
    queueMicrotask(() => listener());
    return { [Symbol.dispose]() {} };
  }
  signal.addEventListener('abort', listener, { once: true });
  return { [Symbol.dispose]: () => signal.removeEventListener('abort', listener) };
}

// ---- character widths (node's getStringWidth: ICU's East Asian width) ----

const zeroWidth = /^[\p{Cc}\p{Cf}\p{Me}\p{Mn}\p{Emoji_Modifier}]$/u;
const joinedEmoji = /^[\p{Emoji_Presentation}\p{Emoji_Modifier_Base}]$/u;

function stripVTControlCharacters(text) {
  return require('util').stripVTControlCharacters(text);
}

function codePointWidth(char) {
  const code = char.codePointAt(0);
  if (code !== 0xad && zeroWidth.test(char)) return 0;
  return ttyBinding.isWide(code) ? 2 : 1;
}

function getStringWidth(text, removeControlChars = true) {
  if (removeControlChars) text = stripVTControlCharacters(text);
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 127) {
      let previous;
      for (const char of text.slice(i).normalize('NFC')) {
        // A character joined to the previous one by ZWJ belongs to its emoji sequence.
        if (previous === '\u200d' && joinedEmoji.test(char)) {
          previous = char;
          continue;
        }
        previous = char;
        width += codePointWidth(char);
      }
      break;
    }
    width += code >= 32 ? 1 : 0;
  }
  return width;
}

// ---- escape sequences ----

const kEscape = '\x1b';
function CSI(strings, ...args) {
  let sequence = `${kEscape}[`;
  for (let i = 0; i < strings.length; i++) {
    sequence += strings[i];
    if (i < args.length) sequence += args[i];
  }
  return sequence;
}
CSI.kEscape = kEscape;
CSI.kClearToLineBeginning = CSI`1K`;
CSI.kClearToLineEnd = CSI`0K`;
CSI.kClearLine = CSI`2K`;
CSI.kClearScreenDown = CSI`0J`;

// UTF-16 units of the character before / at index i.
function charLengthLeft(text, i) {
  if (i <= 0) return 0;
  if ((i > 1 && text.codePointAt(i - 2) >= 0x10000) || text.codePointAt(i - 1) >= 0x10000) return 2;
  return 1;
}

function charLengthAt(text, i) {
  if (text.length <= i) return 1;
  return text.codePointAt(i) >= 0x10000 ? 2 : 1;
}

function commonPrefix(strings) {
  if (strings.length === 0) return '';
  if (strings.length === 1) return strings[0];
  const sorted = [...strings].sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  for (let i = 0; i < first.length; i++) {
    if (first[i] !== last[i]) return first.slice(0, i);
  }
  return first;
}

// ---- the keypress decoder ----

// Key names of the sequences `ESC [ ...` and `ESC O ...` (without their modifier), with the
// modifier bits some terminals put in the final character instead.
const sequenceKeys = {
  '[P': 'f1', '[Q': 'f2', '[R': 'f3', '[S': 'f4',
  'OP': 'f1', 'OQ': 'f2', 'OR': 'f3', 'OS': 'f4',
  '[11~': 'f1', '[12~': 'f2', '[13~': 'f3', '[14~': 'f4',
  '[200~': 'paste-start', '[201~': 'paste-end',
  '[[A': 'f1', '[[B': 'f2', '[[C': 'f3', '[[D': 'f4', '[[E': 'f5',
  '[15~': 'f5', '[17~': 'f6', '[18~': 'f7', '[19~': 'f8', '[20~': 'f9', '[21~': 'f10', '[23~': 'f11', '[24~': 'f12',
  '[A': 'up', '[B': 'down', '[C': 'right', '[D': 'left', '[E': 'clear', '[F': 'end', '[H': 'home',
  'OA': 'up', 'OB': 'down', 'OC': 'right', 'OD': 'left', 'OE': 'clear', 'OF': 'end', 'OH': 'home',
  '[1~': 'home', '[2~': 'insert', '[3~': 'delete', '[4~': 'end', '[5~': 'pageup', '[6~': 'pagedown',
  '[[5~': 'pageup', '[[6~': 'pagedown',
  '[7~': 'home', '[8~': 'end',
};
const shiftedSequenceKeys = {
  '[a': 'up', '[b': 'down', '[c': 'right', '[d': 'left', '[e': 'clear',
  '[2$': 'insert', '[3$': 'delete', '[5$': 'pageup', '[6$': 'pagedown', '[7$': 'home', '[8$': 'end',
  '[Z': 'tab',
};
const ctrlSequenceKeys = {
  'Oa': 'up', 'Ob': 'down', 'Oc': 'right', 'Od': 'left', 'Oe': 'clear',
  '[2^': 'insert', '[3^': 'delete', '[5^': 'pageup', '[6^': 'pagedown', '[7^': 'home', '[8^': 'end',
};

const isDigit = (ch) => ch >= '0' && ch <= '9';

// A generator fed one character at a time (next(char)); it emits 'keypress' on `stream` for each
// key it has read in full. Escape sequences are read only as far as they can belong together, as
// terminals send them: ESC letter, ESC [ params final, ESC O modifier letter, doubled ESC for meta.
function* keypressDecoder(stream) {
  while (true) {
    let ch = yield;
    let sequence = ch;
    let escaped = false;
    const key = { sequence: null, name: undefined, ctrl: false, meta: false, shift: false };

    if (ch === kEscape) {
      escaped = true;
      sequence += (ch = yield);
      if (ch === kEscape) sequence += (ch = yield);
    }

    if (escaped && (ch === 'O' || ch === '[')) {
      let code = ch;
      let modifier = 0;
      if (ch === 'O') {
        sequence += (ch = yield);
        if (isDigit(ch)) {
          modifier = Number(ch) - 1;
          sequence += (ch = yield);
        }
        code += ch;
      } else {
        sequence += (ch = yield);
        if (ch === '[') {
          code += ch;
          sequence += (ch = yield);
        }
        // Up to three digits, then `;` and one digit of modifier, then the final character.
        const paramsStart = sequence.length - 1;
        for (let digits = 0; digits < 3 && isDigit(ch); digits++) sequence += (ch = yield);
        if (ch === ';') {
          sequence += (ch = yield);
          if (isDigit(ch)) sequence += yield;
        }
        const params = sequence.slice(paramsStart);
        let match;
        if ((match = /^(?:(\d\d?)(?:;(\d))?([~^$])|(\d{3}~))$/.exec(params))) {
          if (match[4]) {
            code += match[4];
          } else {
            code += match[1] + match[3];
            modifier = (match[2] || 1) - 1;
          }
        } else if ((match = /^((\d;)?(\d))?([A-Za-z])$/.exec(params))) {
          code += match[4];
          modifier = (match[3] || 1) - 1;
        } else {
          code += params;
        }
      }
      key.ctrl = Boolean(modifier & 4);
      key.meta = Boolean(modifier & 10);
      key.shift = Boolean(modifier & 1);
      key.code = code;
      if (Object.hasOwn(sequenceKeys, code)) {
        key.name = sequenceKeys[code];
      } else if (Object.hasOwn(shiftedSequenceKeys, code)) {
        key.name = shiftedSequenceKeys[code];
        key.shift = true;
      } else if (Object.hasOwn(ctrlSequenceKeys, code)) {
        key.name = ctrlSequenceKeys[code];
        key.ctrl = true;
      } else {
        key.name = 'undefined';
      }
    } else if (ch === '\r') {
      key.name = 'return';
      key.meta = escaped;
    } else if (ch === '\n') {
      key.name = 'enter';
      key.meta = escaped;
    } else if (ch === '\t') {
      key.name = 'tab';
      key.meta = escaped;
    } else if (ch === '\b' || ch === '\x7f') {
      key.name = 'backspace';
      key.meta = escaped;
    } else if (ch === kEscape) {
      key.name = 'escape';
      key.meta = escaped;
    } else if (ch === ' ') {
      key.name = 'space';
      key.meta = escaped;
    } else if (!escaped && ch <= '\x1a') {
      // Ctrl+letter (and NUL, as Ctrl+`).
      key.name = String.fromCharCode(ch.charCodeAt(0) + 'a'.charCodeAt(0) - 1);
      key.ctrl = true;
    } else if (/^[0-9A-Za-z]$/.test(ch)) {
      key.name = ch.toLowerCase();
      key.shift = /^[A-Z]$/.test(ch);
      key.meta = escaped;
    } else if (escaped) {
      // ESC followed by another character is Meta+it; ESC and the escape timeout is Escape.
      key.name = ch.length ? undefined : 'escape';
      key.meta = true;
    }

    key.sequence = sequence;
    if (sequence.length !== 0 && (key.name !== undefined || escaped)) {
      stream.emit('keypress', escaped ? undefined : sequence, key);
    } else if (charLengthAt(sequence, 0) === sequence.length) {
      stream.emit('keypress', sequence, key);
    }
    // Anything else is a broken sequence, which makes no keypress.
  }
}

const kSawKeyPress = Symbol('_sawKeyPress');
const kKeypressDecoder = Symbol('keypress-decoder');
const kEscapeDecoder = Symbol('escape-decoder');
const ESCAPE_CODE_TIMEOUT = 500;

function emitKeypressEvents(stream, iface = {}) {
  if (stream[kKeypressDecoder]) return;
  stream[kKeypressDecoder] = new StringDecoder('utf8');
  const startDecoder = () => {
    stream[kEscapeDecoder] = keypressDecoder(stream);
    stream[kEscapeDecoder].next();
  };
  startDecoder();

  // A lone ESC is the Escape key once no more of a sequence comes within the timeout.
  const triggerEscape = () => stream[kEscapeDecoder].next('');
  const { escapeCodeTimeout = ESCAPE_CODE_TIMEOUT } = iface;
  let escapeTimer;

  function onData(input) {
    if (stream.listenerCount('keypress') > 0) {
      const text = stream[kKeypressDecoder].write(input);
      if (!text) return;
      clearTimeout(escapeTimer);
      iface[kSawKeyPress] = charLengthAt(text, 0) === text.length;
      // Tab completes only when typed alone, not within pasted text.
      iface.isCompletionEnabled = false;
      let length = 0;
      for (const char of text) {
        length += char.length;
        if (length === text.length) iface.isCompletionEnabled = true;
        try {
          stream[kEscapeDecoder].next(char);
          if (length === text.length && char === kEscape) escapeTimer = setTimeout(triggerEscape, escapeCodeTimeout);
        } catch (err) {
          startDecoder();
          throw err;
        }
      }
    } else {
      stream.removeListener('data', onData);
      stream.on('newListener', onNewListener);
    }
  }

  function onNewListener(event) {
    if (event === 'keypress') {
      stream.on('data', onData);
      stream.removeListener('newListener', onNewListener);
    }
  }

  if (stream.listenerCount('keypress') > 0) stream.on('data', onData);
  else stream.on('newListener', onNewListener);
}

// ---- cursor functions (the callback API) ----

function cursorTo(stream, x, y, callback) {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (typeof y === 'function') {
    callback = y;
    y = undefined;
  }
  if (Number.isNaN(x)) throw invalidArgValue('x', x);
  if (Number.isNaN(y)) throw invalidArgValue('y', y);
  if (stream == null || (typeof x !== 'number' && typeof y !== 'number')) {
    if (typeof callback === 'function') process.nextTick(callback, null);
    return true;
  }
  if (typeof x !== 'number') {
    throw codedError(TypeError, 'ERR_INVALID_CURSOR_POS', 'Cannot set cursor row without setting its column');
  }
  const data = typeof y !== 'number' ? CSI`${x + 1}G` : CSI`${y + 1};${x + 1}H`;
  return stream.write(data, callback);
}

function moveSequence(dx, dy) {
  let data = '';
  if (dx < 0) data += CSI`${-dx}D`;
  else if (dx > 0) data += CSI`${dx}C`;
  if (dy < 0) data += CSI`${-dy}A`;
  else if (dy > 0) data += CSI`${dy}B`;
  return data;
}

function moveCursor(stream, dx, dy, callback) {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (stream == null || !(dx || dy)) {
    if (typeof callback === 'function') process.nextTick(callback, null);
    return true;
  }
  return stream.write(moveSequence(dx, dy), callback);
}

const clearLineSequence = (dir) => (dir < 0 ? CSI.kClearToLineBeginning : dir > 0 ? CSI.kClearToLineEnd : CSI.kClearLine);

function clearLine(stream, dir, callback) {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (stream === null || stream === undefined) {
    if (typeof callback === 'function') process.nextTick(callback, null);
    return true;
  }
  return stream.write(clearLineSequence(dir), callback);
}

function clearScreenDown(stream, callback) {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (stream === null || stream === undefined) {
    if (typeof callback === 'function') process.nextTick(callback, null);
    return true;
  }
  return stream.write(CSI.kClearScreenDown, callback);
}

// ---- history ----

const kHistorySize = 30;

// History entries of multi-line input are stored with their lines in reverse order, joined by
// \r (as node's REPL history file keeps them); reverseLines turns one form into the other.
function reverseLines(line, from = '\r', to = '\r') {
  const parts = line.split(from);
  let result = '';
  for (let i = parts.length - 1; i > 0; i--) result += parts[i] + to;
  return result + parts[0];
}

// The REPL's history file: written 15 ms after the last line (pasted code writes once).
const kDebounceHistoryMs = 15;

function writeAndRefresh(context, message) {
  if (typeof context._writeToOutput === 'function') {
    context._writeToOutput(message);
    if (typeof context._refreshLine === 'function') context._refreshLine();
  }
}

class History {
  #context;
  #path;
  #handle = null;
  #timer = null;
  #writing = false;
  #pending = false;
  #flushing = false;
  #removeDuplicates;
  #size;
  #entries;
  #index = -1;

  constructor(context, options) {
    if (options.history !== undefined && !Array.isArray(options.history)) {
      throw invalidArgType('history', 'an instance of Array', options.history);
    }
    if (options.size !== undefined) {
      if (typeof options.size !== 'number') throw invalidArgType('size', 'of type number', options.size);
      if (!(options.size >= 0)) throw outOfRange('size', '>= 0', options.size);
    }
    this.#context = context;
    this.#path = typeof options.filePath === 'string' ? options.filePath.trim() : options.filePath;
    this.#removeDuplicates = options.removeHistoryDuplicates || false;
    this.#size = options.size ?? context.historySize ?? kHistorySize;
    this.#entries = options.history ?? [];
  }

  // Records the interface's current line; returns the line to hand out.
  addHistory(isMultiline, lastCommandErrored) {
    const line = this.#context.line;
    if (line.length === 0) return '';
    if (this.#size === 0) return line;
    if (line.trim().length === 0) return line;
    if ((isMultiline && this.#index === -1) || lastCommandErrored) this.#entries.shift();
    const stored = reverseLines(line, '\n', '\r');
    if (this.#entries.length === 0 || this.#entries[0] !== stored) {
      if (this.#removeDuplicates) {
        const duplicate = this.#entries.indexOf(stored);
        if (duplicate !== -1) this.#entries.splice(duplicate, 1);
      }
      this.#entries.unshift(stored);
      if (this.#entries.length > this.#size) this.#entries.pop();
    }
    this.#index = -1;
    const result = isMultiline ? reverseLines(this.#entries[0]) : this.#entries[0];
    // A listener may change the history (drop a password, say) before it is kept.
    this.#context.emit('history', this.#entries);
    return result;
  }

  canNavigateToNext() {
    return this.#index > -1 && this.#entries.length > 0;
  }

  // The next newer entry starting with `search` that differs from the current line.
  navigateToNext(search) {
    if (!this.canNavigateToNext()) return null;
    search ||= '';
    let index = this.#index - 1;
    while (index >= 0 && (!this.#entries[index].startsWith(search) || this.#context.line === this.#entries[index])) index--;
    this.#index = index;
    if (index === -1) return search;
    return reverseLines(this.#entries[index], '\r', '\n');
  }

  canNavigateToPrevious() {
    return this.#entries.length !== this.#index && this.#entries.length > 0;
  }

  navigateToPrevious(search) {
    if (!this.canNavigateToPrevious()) return null;
    search ||= '';
    let index = this.#index + 1;
    while (
      index < this.#entries.length &&
      (!this.#entries[index].startsWith(search) || this.#context.line === this.#entries[index])
    ) index++;
    this.#index = index;
    if (index === this.#entries.length) return search;
    return reverseLines(this.#entries[index], '\r', '\n');
  }

  // Keeps the history in a file (the REPL's NODE_REPL_HISTORY): read now, rewritten after lines.
  initialize(onReady) {
    const context = this.#context;
    const notPersisted = (message) => {
      if (message) writeAndRefresh(context, message);
      this.historyPrev = context._historyPrev;
      context._historyPrev = () => {
        if (this.#entries.length === 0) {
          writeAndRefresh(context, '\nPersistent history support disabled. Set the NODE_REPL_HISTORY environment\n' +
            'variable to a valid, user-writable path to enable.\n');
        }
        context._historyPrev = this.historyPrev;
        return context._historyPrev();
      };
    };
    if (this.#path === '') {
      notPersisted();
      return onReady(null, context);
    }
    if (!this.#path) {
      try {
        this.#path = require('path').join(require('os').homedir(), '.node_repl_history');
      } catch {
        notPersisted('\nError: Could not get the home directory.\nREPL session history will not be persisted.\n');
        return onReady(null, context);
      }
    }
    context.pause();
    const failed = () => {
      notPersisted('\nError: Could not open history file.\nREPL session history will not be persisted.\n');
      context.resume();
      onReady(null, context);
    };
    (async () => {
      const fsPromises = require('fs').promises;
      await (await fsPromises.open(this.#path, 'a+', 0o600)).close();
      const data = await fsPromises.readFile(this.#path, 'utf8');
      // Lines entered while the file was read stay, newest first, before the file's.
      const persisted = data ? data.split(/\r?\n+/, this.#size) : [];
      this.#entries = [...this.#entries, ...persisted].slice(0, this.#size);
      this.#handle = await fsPromises.open(this.#path, 'r+');
      // A device (/dev/null, say) takes the history as it is: it cannot be truncated.
      if ((await this.#handle.stat()).isFile()) await this.#handle.truncate(0);
      context.on('line', () => this.#scheduleFlush());
      context.once('exit', () => this.#closeFile());
      context.once('flushHistory', () => {
        if (!context.closed) {
          context.resume();
          onReady(null, context);
        }
      });
      await this.#flush();
    })().catch(failed);
  }

  #scheduleFlush() {
    this.#flushing = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#flush(), kDebounceHistoryMs);
  }

  async #flush() {
    this.#timer = null;
    if (this.#writing) {
      this.#pending = true;
      return;
    }
    this.#writing = true;
    try {
      await this.#handle.write(this.#entries.join('\n'), 0, 'utf8');
    } catch {
      this.#writing = false;
      return;
    }
    this.#writing = false;
    if (this.#pending) {
      this.#pending = false;
      this.#scheduleFlush();
    } else {
      this.#flushing = Boolean(this.#timer);
      if (!this.#flushing) this.#context.emit('flushHistory');
    }
  }

  #closeFile() {
    if (this.#flushing) {
      this.#context.once('flushHistory', () => this.#closeFile());
      return;
    }
    this.#handle?.close().catch(() => {});
  }

  get size() { return this.#size; }
  get isFlushing() { return this.#flushing; }
  get history() { return this.#entries; }
  set history(value) { this.#entries = value; }
  get index() { return this.#index; }
  set index(value) { this.#index = value; }
}

const historyAccessors = {
  history: {
    configurable: true, enumerable: true,
    get() { return this.historyManager.history; },
    set(entries) { this.historyManager.history = entries; },
  },
  historyIndex: {
    configurable: true, enumerable: true,
    get() { return this.historyManager.index; },
    set(index) { this.historyManager.index = index; },
  },
  historySize: {
    configurable: true, enumerable: true,
    get() { return this.historyManager.size; },
  },
  isFlushing: {
    configurable: true, enumerable: true,
    get() { return this.historyManager.isFlushing; },
  },
};

// ---- the Interface ----

const kMaxUndoRedoStackSize = 2048;
const kMinCrlfDelay = 100;
const kMaxLengthOfKillRing = 32;
const kMultilinePrompt = '| ';
// \r\n, \n, \r not followed by \n, and the Unicode line and paragraph separators.
const lineEnding = /\r?\n|\r(?!\n)|\u2028|\u2029/g;

const kAddHistory = Symbol('_addHistory');
const kBeforeEdit = Symbol('_beforeEdit');
const kDecoder = Symbol('_decoder');
const kDeleteLeft = Symbol('_deleteLeft');
const kDeleteLineLeft = Symbol('_deleteLineLeft');
const kDeleteLineRight = Symbol('_deleteLineRight');
const kDeleteRight = Symbol('_deleteRight');
const kDeleteWordLeft = Symbol('_deleteWordLeft');
const kDeleteWordRight = Symbol('_deleteWordRight');
const kGetDisplayPos = Symbol('_getDisplayPos');
const kHistoryNext = Symbol('_historyNext');
const kHistoryPrev = Symbol('_historyPrev');
const kMoveDownOrHistoryNext = Symbol('_moveDownOrHistoryNext');
const kMoveUpOrHistoryPrev = Symbol('_moveUpOrHistoryPrev');
const kInsertString = Symbol('_insertString');
const kIsMultiline = Symbol('_isMultiline');
const kLine = Symbol('_line');
const kLineBuffer = Symbol('_line_buffer');
const kLineObjectStream = Symbol('line object stream');
const kKillRing = Symbol('_killRing');
const kKillRingCursor = Symbol('_killRingCursor');
const kMoveCursor = Symbol('_moveCursor');
const kMultilineMove = Symbol('_multilineMove');
const kNormalWrite = Symbol('_normalWrite');
const kOldPrompt = Symbol('_oldPrompt');
const kOnLine = Symbol('_onLine');
const kPreviousCursorCols = Symbol('_previousCursorCols');
const kPreviousKey = Symbol('_previousKey');
const kPreviousState = Symbol('_previousState');
const kPrompt = Symbol('_prompt');
const kPushToKillRing = Symbol('_pushToKillRing');
const kPushToUndoStack = Symbol('_pushToUndoStack');
const kQuestion = Symbol('kQuestion');
const kQuestionCallback = Symbol('_questionCallback');
const kQuestionCancel = Symbol('kQuestionCancel');
const kQuestionReject = Symbol('_questionReject');
const kLastCommandErrored = Symbol('_lastCommandErrored');
const kRedo = Symbol('_redo');
const kRedoStack = Symbol('_redoStack');
const kRefreshLine = Symbol('_refreshLine');
const kSawReturnAt = Symbol('_sawReturnAt');
const kSetLine = Symbol('_setLine');
const kSetRawMode = Symbol('_setRawMode');
const kSubstringSearch = Symbol('kSubstringSearch');
const kTabComplete = Symbol('_tabComplete');
const kTabCompleter = Symbol('_tabCompleter');
const kTtyWrite = Symbol('_ttyWrite');
const kUndo = Symbol('_undo');
const kUndoStack = Symbol('_undoStack');
const kWordLeft = Symbol('_wordLeft');
const kWordRight = Symbol('_wordRight');
const kWriteToOutput = Symbol('_writeToOutput');
const kYank = Symbol('_yank');
const kYanking = Symbol('_yanking');
const kYankPop = Symbol('_yankPop');

// Set up as a plain function so that the legacy `readline.Interface` can call it on `this`.
function InterfaceConstructor(input, output, completer, terminal) {
  this[kSawReturnAt] = 0;
  this.isCompletionEnabled = true;
  this[kSawKeyPress] = false;
  this[kPreviousKey] = null;
  this.escapeCodeTimeout = ESCAPE_CODE_TIMEOUT;
  this.tabSize = 8;
  EventEmitter.call(this);

  let crlfDelay;
  let prompt = '> ';
  let signal;
  if (input?.input) {
    // An options object.
    output = input.output;
    completer = input.completer;
    terminal = input.terminal;
    signal = input.signal;
    const { historySize, history, removeHistoryDuplicates } = input;
    if (input.tabSize !== undefined) {
      validateUint32(input.tabSize, 'tabSize', true);
      this.tabSize = input.tabSize;
    }
    if (input.prompt !== undefined) prompt = input.prompt;
    if (input.escapeCodeTimeout !== undefined) {
      if (Number.isFinite(input.escapeCodeTimeout)) this.escapeCodeTimeout = input.escapeCodeTimeout;
      else throw invalidArgValue('input.escapeCodeTimeout', this.escapeCodeTimeout);
    }
    if (signal) validateAbortSignal(signal, 'options.signal');
    crlfDelay = input.crlfDelay;
    input = input.input;
    // Node 24 hands the history options to its history manager on the input stream itself,
    // where they stay (a later interface over the same stream without options finds them).
    input.size = historySize;
    input.history = history;
    input.removeHistoryDuplicates = removeHistoryDuplicates;
  }
  this.setupHistoryManager(input);

  if (completer !== undefined && typeof completer !== 'function') throw invalidArgValue('completer', completer);
  // Without `terminal`, an output that is a TTY makes the interface a terminal one.
  if (terminal === undefined && !(output === null || output === undefined)) terminal = Boolean(output.isTTY);

  const self = this;
  this.line = '';
  this[kIsMultiline] = false;
  this[kSubstringSearch] = null;
  this.output = output;
  this.input = input;
  this[kUndoStack] = [];
  this[kRedoStack] = [];
  this[kPreviousCursorCols] = -1;
  this[kKillRing] = [];
  this[kKillRingCursor] = 0;
  this.crlfDelay = crlfDelay ? Math.max(kMinCrlfDelay, crlfDelay) : kMinCrlfDelay;
  this.completer = completer;
  this.setPrompt(prompt);
  this.terminal = Boolean(terminal);

  function onerror(err) {
    self.emit('error', err);
  }
  function ondata(data) {
    self[kNormalWrite](data);
  }
  function onend() {
    if (typeof self[kLineBuffer] === 'string' && self[kLineBuffer].length > 0) self.emit('line', self[kLineBuffer]);
    self.close();
  }
  function ontermend() {
    if (typeof self.line === 'string' && self.line.length > 0) self.emit('line', self.line);
    self.close();
  }
  function onkeypress(s, key) {
    self[kTtyWrite](s, key);
    if (key?.sequence) {
      // Half of a surrogate pair: redraw so that the whole character shows once it is complete.
      const code = key.sequence.codePointAt(0);
      if (code >= 0xd800 && code <= 0xdfff) self[kRefreshLine]();
    }
  }
  function onresize() {
    self[kRefreshLine]();
  }

  this[kLineObjectStream] = undefined;
  input.on('error', onerror);
  if (!this.terminal) {
    input.on('data', ondata);
    input.on('end', onend);
    self.once('close', () => {
      input.removeListener('data', ondata);
      input.removeListener('error', onerror);
      input.removeListener('end', onend);
    });
    this[kDecoder] = new StringDecoder('utf8');
  } else {
    emitKeypressEvents(input, this);
    input.on('keypress', onkeypress);
    input.on('end', ontermend);
    this[kSetRawMode](true);
    this.terminal = true;
    this.cursor = 0;
    if (output !== null && output !== undefined) output.on('resize', onresize);
    self.once('close', () => {
      input.removeListener('keypress', onkeypress);
      input.removeListener('error', onerror);
      input.removeListener('end', ontermend);
      if (output !== null && output !== undefined) output.removeListener('resize', onresize);
    });
  }

  if (signal) {
    const onAborted = () => self.close();
    if (signal.aborted) {
      process.nextTick(onAborted);
    } else {
      const listener = addAbortListener(signal, onAborted);
      self.once('close', listener[Symbol.dispose]);
    }
  }

  this[kSetLine]('');
  input.resume();
}
Object.setPrototypeOf(InterfaceConstructor.prototype, EventEmitter.prototype);
Object.setPrototypeOf(InterfaceConstructor, EventEmitter);

class Interface extends InterfaceConstructor {
  get columns() {
    if (this.output?.columns) return this.output.columns;
    return Infinity;
  }

  setPrompt(prompt) {
    this[kPrompt] = prompt;
  }

  getPrompt() {
    return this[kPrompt];
  }

  setupHistoryManager(options) {
    this.historyManager = new History(this, options);
    if (options.onHistoryFileLoaded) this.historyManager.initialize(options.onHistoryFileLoaded);
    Object.defineProperties(this, historyAccessors);
  }

  [kSetRawMode](mode) {
    const wasInRawMode = this.input.isRaw;
    if (typeof this.input.setRawMode === 'function') this.input.setRawMode(mode);
    return wasInRawMode;
  }

  prompt(preserveCursor) {
    if (this.paused) this.resume();
    if (this.terminal && process.env.TERM !== 'dumb') {
      if (!preserveCursor) this.cursor = 0;
      this[kRefreshLine]();
    } else {
      this[kWriteToOutput](this[kPrompt]);
    }
  }

  [kQuestion](query, callback) {
    if (this.closed) throw useAfterClose();
    if (this[kQuestionCallback]) {
      this.prompt();
    } else {
      this[kOldPrompt] = this[kPrompt];
      this.setPrompt(query);
      this[kQuestionCallback] = callback;
      this.prompt();
    }
  }

  [kSetLine](line = '') {
    this.line = line;
    this[kIsMultiline] = line.includes('\n');
  }

  [kOnLine](line) {
    if (this[kQuestionCallback]) {
      const callback = this[kQuestionCallback];
      this[kQuestionCallback] = null;
      this.setPrompt(this[kOldPrompt]);
      callback(line);
    } else {
      this.emit('line', line);
    }
  }

  [kBeforeEdit](oldText, oldCursor) {
    this[kPushToUndoStack](oldText, oldCursor);
  }

  [kQuestionCancel]() {
    if (this[kQuestionCallback]) {
      this[kQuestionCallback] = null;
      this.setPrompt(this[kOldPrompt]);
      this.clearLine();
    }
  }

  [kWriteToOutput](text) {
    if (typeof text !== 'string') throw invalidArgType('stringToWrite', 'of type string', text);
    if (this.output !== null && this.output !== undefined) this.output.write(text);
  }

  [kAddHistory]() {
    return this.historyManager.addHistory(this[kIsMultiline], this[kLastCommandErrored]);
  }

  [kRefreshLine]() {
    const line = this[kPrompt] + this.line;
    const { cols: lineCols, rows: lineRows } = this[kGetDisplayPos](line);
    const cursorPos = this.getCursorPos();
    // Up to the prompt's row, to its start, and erase everything below.
    const prevRows = this.prevRows || 0;
    if (prevRows > 0) moveCursor(this.output, 0, -prevRows);
    cursorTo(this.output, 0);
    clearScreenDown(this.output);
    if (this[kIsMultiline]) {
      const lines = this.line.split('\n');
      this[kWriteToOutput](this[kPrompt] + lines[0]);
      for (let i = 1; i < lines.length; i++) this[kWriteToOutput](`\n${kMultilinePrompt}${lines[i]}`);
    } else {
      this[kWriteToOutput](line);
    }
    // A full last row: make the terminal start the next one.
    if (lineCols === 0) this[kWriteToOutput](' ');
    cursorTo(this.output, cursorPos.cols);
    const diff = lineRows - cursorPos.rows;
    if (diff > 0) moveCursor(this.output, 0, -diff);
    this.prevRows = cursorPos.rows;
  }

  close() {
    if (this.closed) return;
    this.pause();
    if (this.terminal) this[kSetRawMode](false);
    this.closed = true;
    this.emit('close');
  }

  pause() {
    if (this.closed) throw useAfterClose();
    if (this.paused) return;
    this.input.pause();
    this.paused = true;
    this.emit('pause');
    return this;
  }

  resume() {
    if (this.closed) throw useAfterClose();
    if (!this.paused) return;
    this.input.resume();
    this.paused = false;
    this.emit('resume');
    return this;
  }

  write(data, key) {
    if (this.closed) throw useAfterClose();
    if (this.paused) this.resume();
    if (this.terminal) this[kTtyWrite](data, key);
    else this[kNormalWrite](data);
  }

  [kNormalWrite](chunk) {
    if (chunk === undefined) return;
    let text = this[kDecoder].write(chunk);
    // The \n of a \r\n split across chunks (within crlfDelay) ends no second line.
    if (this[kSawReturnAt] && Date.now() - this[kSawReturnAt] <= this.crlfDelay) {
      if (text.codePointAt(0) === 10) text = text.slice(1);
      this[kSawReturnAt] = 0;
    }
    if (!text) return;
    const lines = text.includes('\r') || text.includes('\u2028') || text.includes('\u2029') ?
      text.split(lineEnding) :
      text.split('\n');
    const lastIndex = lines.length - 1;
    if (lastIndex === 0) {
      this[kLineBuffer] = this[kLineBuffer] ? this[kLineBuffer] + text : text;
      return;
    }
    this[kSawReturnAt] = text.endsWith('\r') ? Date.now() : 0;
    let first = lines[0];
    if (this[kLineBuffer]) first = this[kLineBuffer] + first;
    this[kLineBuffer] = lines[lastIndex];
    this[kOnLine](first);
    for (let i = 1; i < lastIndex; i++) this[kOnLine](lines[i]);
  }

  [kInsertString](text) {
    this[kBeforeEdit](this.line, this.cursor);
    if (!this.isCompletionEnabled) {
      // Within pasted text: echo only, no redraw.
      if (this.cursor < this.line.length) {
        this.line = this.line.slice(0, this.cursor) + text + this.line.slice(this.cursor);
      } else {
        this.line += text;
      }
      this.cursor += text.length;
      this[kWriteToOutput](text);
      return;
    }
    if (this.cursor < this.line.length) {
      this[kSetLine](this.line.slice(0, this.cursor) + text + this.line.slice(this.cursor));
      this.cursor += text.length;
      this[kRefreshLine]();
    } else {
      const oldPos = this.getCursorPos();
      this.line += text;
      this.cursor += text.length;
      const newPos = this.getCursorPos();
      if (oldPos.rows < newPos.rows) this[kRefreshLine]();
      else this[kWriteToOutput](text);
    }
  }

  async [kTabComplete](lastKeypressWasTab) {
    this.pause();
    const before = this.line.slice(0, this.cursor);
    let value;
    try {
      value = await this.completer(before);
    } catch (err) {
      this[kWriteToOutput](`Tab completion error: ${require('internal/inspect').inspect(err)}`);
      return;
    } finally {
      this.resume();
    }
    this[kTabCompleter](lastKeypressWasTab, value);
  }

  [kTabCompleter](lastKeypressWasTab, { 0: completions, 1: completeOn }) {
    if (!completions || completions.length === 0) return;
    // Complete as far as all candidates agree.
    const prefix = commonPrefix(completions.filter((entry) => entry !== ''));
    if (prefix.startsWith(completeOn) && prefix.length > completeOn.length) {
      this[kInsertString](prefix.slice(completeOn.length));
      return;
    } else if (!completeOn.startsWith(prefix)) {
      this[kSetLine](this.line.slice(0, this.cursor - completeOn.length) + prefix + this.line.slice(this.cursor));
      this.cursor = this.cursor - completeOn.length + prefix.length;
      this[kRefreshLine]();
      return;
    }
    if (!lastKeypressWasTab) return;
    this[kBeforeEdit](this.line, this.cursor);
    // A second tab lists the candidates in columns; '' entries break the list into groups.
    const widths = completions.map((entry) => getStringWidth(entry));
    const width = Math.max(...widths) + 2;
    let maxColumns = Math.floor(this.columns / width) || 1;
    if (maxColumns === Infinity) maxColumns = 1;
    let output = '\r\n';
    let column = 0;
    let padding = 0;
    for (let i = 0; i < completions.length; i++) {
      const completion = completions[i];
      if (completion === '' || column === maxColumns) {
        output += '\r\n';
        column = 0;
        padding = 0;
      } else {
        output += ' '.repeat(padding);
      }
      if (completion !== '') {
        output += completion;
        padding = width - widths[i];
        column++;
      } else {
        output += '\r\n';
      }
    }
    if (column !== 0) output += '\r\n\r\n';
    this[kWriteToOutput](output);
    this[kRefreshLine]();
  }

  [kWordLeft]() {
    if (this.cursor > 0) {
      const reversed = [...this.line.slice(0, this.cursor)].reverse().join('');
      const match = /^\s*(?:[^\w\s]+|\w+)?/.exec(reversed);
      this[kMoveCursor](-match[0].length);
    }
  }

  [kWordRight]() {
    if (this.cursor < this.line.length) {
      const match = /^(?:\s+|[^\w\s]+|\w+)\s*/.exec(this.line.slice(this.cursor));
      this[kMoveCursor](match[0].length);
    }
  }

  [kDeleteLeft]() {
    if (this.cursor > 0 && this.line.length > 0) {
      this[kBeforeEdit](this.line, this.cursor);
      const size = charLengthLeft(this.line, this.cursor);
      this.line = this.line.slice(0, this.cursor - size) + this.line.slice(this.cursor);
      this.cursor -= size;
      this[kRefreshLine]();
    }
  }

  [kDeleteRight]() {
    if (this.cursor < this.line.length) {
      this[kBeforeEdit](this.line, this.cursor);
      const size = charLengthAt(this.line, this.cursor);
      this.line = this.line.slice(0, this.cursor) + this.line.slice(this.cursor + size);
      this[kRefreshLine]();
    }
  }

  [kDeleteWordLeft]() {
    if (this.cursor > 0) {
      this[kBeforeEdit](this.line, this.cursor);
      let leading = this.line.slice(0, this.cursor);
      const reversed = [...leading].reverse().join('');
      const match = /^\s*(?:[^\w\s]+|\w+)?/.exec(reversed);
      leading = leading.slice(0, leading.length - match[0].length);
      this.line = leading + this.line.slice(this.cursor);
      this.cursor = leading.length;
      this[kRefreshLine]();
    }
  }

  [kDeleteWordRight]() {
    if (this.cursor < this.line.length) {
      this[kBeforeEdit](this.line, this.cursor);
      const trailing = this.line.slice(this.cursor);
      const match = /^(?:\s+|\W+|\w+)\s*/.exec(trailing);
      this.line = this.line.slice(0, this.cursor) + trailing.slice(match[0].length);
      this[kRefreshLine]();
    }
  }

  [kDeleteLineLeft]() {
    this[kBeforeEdit](this.line, this.cursor);
    const deleted = this.line.slice(0, this.cursor);
    this[kSetLine](this.line.slice(this.cursor));
    this.cursor = 0;
    this[kPushToKillRing](deleted);
    this[kRefreshLine]();
  }

  [kDeleteLineRight]() {
    this[kBeforeEdit](this.line, this.cursor);
    const deleted = this.line.slice(this.cursor);
    this[kSetLine](this.line.slice(0, this.cursor));
    this[kPushToKillRing](deleted);
    this[kRefreshLine]();
  }

  [kPushToKillRing](deleted) {
    if (!deleted || deleted === this[kKillRing][0]) return;
    this[kKillRing].unshift(deleted);
    this[kKillRingCursor] = 0;
    while (this[kKillRing].length > kMaxLengthOfKillRing) this[kKillRing].pop();
  }

  [kYank]() {
    if (this[kKillRing].length > 0) {
      this[kYanking] = true;
      this[kInsertString](this[kKillRing][this[kKillRingCursor]]);
    }
  }

  [kYankPop]() {
    if (!this[kYanking]) return;
    if (this[kKillRing].length > 1) {
      const lastYank = this[kKillRing][this[kKillRingCursor]];
      this[kKillRingCursor]++;
      if (this[kKillRingCursor] >= this[kKillRing].length) this[kKillRingCursor] = 0;
      const currentYank = this[kKillRing][this[kKillRingCursor]];
      const head = this.line.slice(0, this.cursor - lastYank.length);
      const tail = this.line.slice(this.cursor);
      this[kSetLine](head + currentYank + tail);
      this.cursor = head.length + currentYank.length;
      this[kRefreshLine]();
    }
  }

  clearLine() {
    this[kMoveCursor](+Infinity);
    this[kWriteToOutput]('\r\n');
    this[kSetLine]('');
    this.cursor = 0;
    this.prevRows = 0;
  }

  [kLine]() {
    this[kPreviousState] = { line: this.line, cursor: this.cursor, prevRows: this.prevRows };
    const line = this[kAddHistory]();
    this[kUndoStack] = [];
    this[kRedoStack] = [];
    this.clearLine();
    this[kOnLine](line);
  }

  [kPushToUndoStack](text, cursor) {
    if (this[kUndoStack].push({ text, cursor }) > kMaxUndoRedoStackSize) this[kUndoStack].shift();
  }

  [kUndo]() {
    if (this[kUndoStack].length <= 0) return;
    this[kRedoStack].push({ text: this.line, cursor: this.cursor });
    const entry = this[kUndoStack].pop();
    this[kSetLine](entry.text);
    this.cursor = entry.cursor;
    this[kRefreshLine]();
  }

  [kRedo]() {
    if (this[kRedoStack].length <= 0) return;
    this[kUndoStack].push({ text: this.line, cursor: this.cursor });
    const entry = this[kRedoStack].pop();
    this[kSetLine](entry.text);
    this.cursor = entry.cursor;
    this[kRefreshLine]();
  }

  // Up or down one row within a multi-line input, keeping the column where the row allows.
  [kMultilineMove](direction, lines, { rows, cols }) {
    const current = lines[rows];
    const down = direction === 1;
    const adjacent = lines[rows + direction];
    const promptLength = kMultilinePrompt.length;
    const clamp = down ? current.length - cols + promptLength + adjacent.length + 1 : -cols + 1;
    let amount;
    if (cols > adjacent.length + 1) {
      if (this[kPreviousCursorCols] === -1) this[kPreviousCursorCols] = cols;
      amount = clamp;
    } else {
      amount = down ? current.length + 1 : -adjacent.length - 1;
      if (this[kPreviousCursorCols] !== -1) {
        if (this[kPreviousCursorCols] <= adjacent.length) {
          amount += this[kPreviousCursorCols] - cols;
          this[kPreviousCursorCols] = -1;
        } else {
          amount = clamp;
        }
      }
    }
    this[kMoveCursor](amount);
  }

  [kMoveDownOrHistoryNext]() {
    const cursorPos = this.getCursorPos();
    const lines = this.line.split('\n');
    if (this[kIsMultiline] && cursorPos.rows < lines.length - 1) {
      this[kMultilineMove](1, lines, cursorPos);
      return;
    }
    this[kPreviousCursorCols] = -1;
    this[kHistoryNext]();
  }

  [kHistoryNext]() {
    if (!this.historyManager.canNavigateToNext()) return;
    this[kBeforeEdit](this.line, this.cursor);
    this[kSetLine](this.historyManager.navigateToNext(this[kSubstringSearch]));
    this.cursor = this.line.length;
    this[kRefreshLine]();
  }

  [kMoveUpOrHistoryPrev]() {
    const cursorPos = this.getCursorPos();
    if (this[kIsMultiline] && cursorPos.rows > 0) {
      this[kMultilineMove](-1, this.line.split('\n'), cursorPos);
      return;
    }
    this[kPreviousCursorCols] = -1;
    this[kHistoryPrev]();
  }

  [kHistoryPrev]() {
    if (!this.historyManager.canNavigateToPrevious()) return;
    this[kBeforeEdit](this.line, this.cursor);
    this[kSetLine](this.historyManager.navigateToPrevious(this[kSubstringSearch]));
    this.cursor = this.line.length;
    this[kRefreshLine]();
  }

  // Row and column at which `text` ends when written from column 0, wrapping at this.columns.
  [kGetDisplayPos](text) {
    let offset = 0;
    const columns = this.columns;
    let rows = 0;
    text = stripVTControlCharacters(text);
    for (const char of text) {
      if (char === '\n') {
        rows += Math.ceil(offset / columns) || 1;
        offset = this[kIsMultiline] ? kMultilinePrompt.length : 0;
        continue;
      }
      if (char === '\t') {
        offset += this.tabSize - (offset % this.tabSize);
        continue;
      }
      const width = getStringWidth(char, false);
      if (width === 0 || width === 1) {
        offset += width;
      } else {
        // A wide character does not start in the last column.
        if ((offset + 1) % columns === 0) offset++;
        offset += 2;
      }
    }
    const cols = offset % columns;
    rows += (offset - cols) / columns;
    return { cols, rows };
  }

  getCursorPos() {
    return this[kGetDisplayPos](this[kPrompt] + this.line.slice(0, this.cursor));
  }

  [kMoveCursor](dx) {
    if (dx === 0) return;
    const oldPos = this.getCursorPos();
    this.cursor += dx;
    if (this.cursor < 0) this.cursor = 0;
    else if (this.cursor > this.line.length) this.cursor = this.line.length;
    const newPos = this.getCursorPos();
    if (oldPos.rows === newPos.rows) moveCursor(this.output, newPos.cols - oldPos.cols, 0);
    else this[kRefreshLine]();
  }

  [kTtyWrite](s, key) {
    const previousKey = this[kPreviousKey];
    key ||= {};
    this[kPreviousKey] = key;
    let resetPreviousCursorCols = true;

    if (!key.meta || key.name !== 'y') this[kYanking] = false;

    // Up and down search the history for entries starting with what is left of the cursor.
    if ((key.name === 'up' || key.name === 'down') && !key.ctrl && !key.meta && !key.shift) {
      if (this[kSubstringSearch] === null && !this[kIsMultiline]) this[kSubstringSearch] = this.line.slice(0, this.cursor);
    } else if (this[kSubstringSearch] !== null) {
      this[kSubstringSearch] = null;
      if (this.history.length === this.historyIndex) this.historyIndex = -1;
    }

    // Ctrl+_ undoes, Ctrl+^ redoes.
    if (typeof key.sequence === 'string') {
      const code = key.sequence.codePointAt(0);
      if (code === 0x1f) {
        this[kUndo]();
        return;
      }
      if (code === 0x1e) {
        this[kRedo]();
        return;
      }
    }

    if (key.name === 'escape') return;

    if (key.ctrl && key.shift) {
      switch (key.name) {
        case 'backspace':
          this[kDeleteLineLeft]();
          break;
        case 'delete':
          this[kDeleteLineRight]();
          break;
      }
    } else if (key.ctrl) {
      switch (key.name) {
        case 'c':
          if (this.listenerCount('SIGINT') > 0) {
            this.emit('SIGINT');
          } else {
            this.close();
            this[kQuestionReject]?.(new AbortError('Aborted with Ctrl+C'));
          }
          break;
        case 'h':
          this[kDeleteLeft]();
          break;
        case 'd':
          // EOF on an empty line, else delete right.
          if (this.cursor === 0 && this.line.length === 0) {
            this.close();
            this[kQuestionReject]?.(new AbortError('Aborted with Ctrl+D'));
          } else if (this.cursor < this.line.length) {
            this[kDeleteRight]();
          }
          break;
        case 'u':
          this[kDeleteLineLeft]();
          break;
        case 'k':
          this[kDeleteLineRight]();
          break;
        case 'a':
          this[kMoveCursor](-Infinity);
          break;
        case 'e':
          this[kMoveCursor](+Infinity);
          break;
        case 'b':
          this[kMoveCursor](-charLengthLeft(this.line, this.cursor));
          break;
        case 'f':
          this[kMoveCursor](+charLengthAt(this.line, this.cursor));
          break;
        case 'l':
          cursorTo(this.output, 0, 0);
          clearScreenDown(this.output);
          this[kRefreshLine]();
          break;
        case 'n':
          this[kHistoryNext]();
          break;
        case 'p':
          this[kHistoryPrev]();
          break;
        case 'y':
          this[kYank]();
          break;
        case 'z':
          if (process.platform === 'win32') break;
          if (this.listenerCount('SIGTSTP') > 0) {
            this.emit('SIGTSTP');
          } else {
            process.once('SIGCONT', () => {
              // Only an interface still in use takes the terminal back.
              if (!this.paused) {
                this.pause();
                this.emit('SIGCONT');
              }
              this[kSetRawMode](true);
              this[kRefreshLine]();
            });
            this[kSetRawMode](false);
            process.kill(process.pid, 'SIGTSTP');
          }
          break;
        case 'w':
        case 'backspace':
          this[kDeleteWordLeft]();
          break;
        case 'delete':
          this[kDeleteWordRight]();
          break;
        case 'left':
          this[kWordLeft]();
          break;
        case 'right':
          this[kWordRight]();
          break;
      }
    } else if (key.meta) {
      switch (key.name) {
        case 'b':
          this[kWordLeft]();
          break;
        case 'f':
          this[kWordRight]();
          break;
        case 'd':
        case 'delete':
          this[kDeleteWordRight]();
          break;
        case 'backspace':
          this[kDeleteWordLeft]();
          break;
        case 'y':
          this[kYankPop]();
          break;
      }
    } else {
      // The \r of a \r\n matters only to the key right after it.
      if (this[kSawReturnAt] && key.name !== 'enter') this[kSawReturnAt] = 0;
      switch (key.name) {
        case 'return':
          this[kSawReturnAt] = Date.now();
          this[kLine]();
          break;
        case 'enter':
          if (this[kSawReturnAt] === 0 || Date.now() - this[kSawReturnAt] > this.crlfDelay) this[kLine]();
          this[kSawReturnAt] = 0;
          break;
        case 'backspace':
          this[kDeleteLeft]();
          break;
        case 'delete':
          this[kDeleteRight]();
          break;
        case 'left':
          this[kMoveCursor](-charLengthLeft(this.line, this.cursor));
          break;
        case 'right':
          this[kMoveCursor](+charLengthAt(this.line, this.cursor));
          break;
        case 'home':
          this[kMoveCursor](-Infinity);
          break;
        case 'end':
          this[kMoveCursor](+Infinity);
          break;
        case 'up':
          resetPreviousCursorCols = false;
          this[kMoveUpOrHistoryPrev]();
          break;
        case 'down':
          resetPreviousCursorCols = false;
          this[kMoveDownOrHistoryNext]();
          break;
        case 'tab':
          if (typeof this.completer === 'function' && this.isCompletionEnabled) {
            this[kTabComplete](previousKey && previousKey.name === 'tab');
            break;
          }
        // falls through
        default:
          if (typeof s === 'string' && s) {
            // Text written with line endings in it makes one line per ending.
            lineEnding.lastIndex = 0;
            let match;
            let lastIndex = 0;
            while ((match = lineEnding.exec(s)) !== null) {
              this[kInsertString](s.slice(lastIndex, match.index));
              ({ lastIndex } = lineEnding);
              this[kLine]();
              // A line listener may have used the expression.
              lineEnding.lastIndex = lastIndex;
            }
            this[kInsertString](s.slice(lastIndex));
          }
      }
    }
    if (resetPreviousCursorCols) this[kPreviousCursorCols] = -1;
  }

  [Symbol.asyncIterator]() {
    if (this[kLineObjectStream] === undefined) this[kLineObjectStream] = lineIterator(this);
    return this[kLineObjectStream];
  }
}
Object.defineProperty(Interface.prototype, Symbol.dispose, {
  value: { [Symbol.dispose]() { this.close(); } }[Symbol.dispose],
  writable: true,
  configurable: true,
});

// The lines of an interface as an async iterator (node's events.on(rl, 'line', { close:
// ['close'], highWaterMark: 1024 })): lines are queued from now on; with more than 1024 waiting
// the interface is paused until they are read.
function lineIterator(rl) {
  const highWaterMark = 1024;
  const lowWaterMark = 1;
  const queue = [];
  const waiting = [];
  let error = null;
  let finished = false;
  let paused = false;
  const done = () => ({ value: undefined, done: true });

  function onLine(line) {
    if (waiting.length > 0) {
      waiting.shift().resolve({ value: line, done: false });
      return;
    }
    queue.push(line);
    if (queue.length > highWaterMark && !paused) {
      paused = true;
      rl.pause();
    }
  }
  function onError(err) {
    if (waiting.length > 0) waiting.shift().reject(err);
    else error = err;
    closeHandler();
  }
  function closeHandler() {
    rl.removeListener('line', onLine);
    rl.removeListener('error', onError);
    rl.removeListener('close', closeHandler);
    finished = true;
    while (waiting.length > 0) waiting.shift().resolve(done());
    return Promise.resolve(done());
  }
  rl.on('line', onLine);
  rl.on('error', onError);
  rl.on('close', closeHandler);

  const iterator = Object.setPrototypeOf({
    next() {
      if (queue.length > 0) {
        const value = queue.shift();
        if (paused && queue.length < lowWaterMark) {
          // An interface that closed while paused (its input ended) has nothing left to resume.
          if (!rl.closed) rl.resume();
          paused = false;
        }
        return Promise.resolve({ value, done: false });
      }
      if (error) {
        const rejection = Promise.reject(error);
        error = null;
        return rejection;
      }
      if (finished) return closeHandler();
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return() {
      return closeHandler();
    },
    throw(err) {
      if (!err || !(err instanceof Error)) throw invalidArgType('EventEmitter.AsyncIterator', 'an instance of Error', err);
      onError(err);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
    [Symbol.for('nodejs.watermarkData')]: {
      get size() { return queue.length; },
      get low() { return lowWaterMark; },
      get high() { return highWaterMark; },
      get isPaused() { return paused; },
    },
  }, Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype));
  return iterator;
}

// ---- readline/promises' Readline: cursor actions collected and written on commit ----

function isWritableStream(stream) {
  if (typeof stream?.writable !== 'boolean') return false;
  const state = stream._writableState || stream._readableState;
  if (stream.destroyed || state?.destroyed) return false;
  const nodeStream = typeof stream.write === 'function' && typeof stream.on === 'function' &&
    (!stream._readableState || stream._writableState?.writable !== false);
  const ended = stream.writableEnded === true || (!stream._writableState?.errored && stream._writableState?.ended === true);
  return nodeStream && stream.writable && !ended;
}

class Readline {
  #autoCommit = false;
  #stream;
  #todo = [];

  constructor(stream, options = undefined) {
    if (!isWritableStream(stream)) throw invalidArgType('stream', 'an instance of Writable', stream);
    this.#stream = stream;
    if (options?.autoCommit != null) {
      validateBoolean(options.autoCommit, 'options.autoCommit');
      this.#autoCommit = options.autoCommit;
    }
  }

  #queue(data) {
    if (this.#autoCommit) process.nextTick(() => this.#stream.write(data));
    else this.#todo.push(data);
  }

  cursorTo(x, y = undefined) {
    validateInteger(x, 'x');
    if (y != null) validateInteger(y, 'y');
    this.#queue(y == null ? CSI`${x + 1}G` : CSI`${y + 1};${x + 1}H`);
    return this;
  }

  moveCursor(dx, dy) {
    if (dx || dy) {
      validateInteger(dx, 'dx');
      validateInteger(dy, 'dy');
      this.#queue(moveSequence(dx, dy));
    }
    return this;
  }

  clearLine(dir) {
    validateInteger(dir, 'dir', -1, 1);
    this.#queue(clearLineSequence(dir));
    return this;
  }

  clearScreenDown() {
    this.#queue(CSI.kClearScreenDown);
    return this;
  }

  commit() {
    return new Promise((resolve) => {
      this.#stream.write(this.#todo.join(''), resolve);
      this.#todo = [];
    });
  }

  rollback() {
    this.#todo = [];
    return this;
  }
}

module.exports = {
  AbortError, CSI, Interface, InterfaceConstructor, Readline, charLengthAt, charLengthLeft, clearLine,
  addAbortListener, clearScreenDown, commonPrefix, cursorTo, emitKeypressEvents, getStringWidth, moveCursor,
  validateAbortSignal,
  kAddHistory, kDecoder, kDeleteLeft, kDeleteLineLeft, kDeleteLineRight, kDeleteRight, kDeleteWordLeft,
  kDeleteWordRight, kGetDisplayPos, kHistoryNext, kHistoryPrev, kInsertString, kIsMultiline, kLine, kLineBuffer, kMoveCursor,
  kNormalWrite, kOldPrompt, kOnLine, kPreviousKey, kPrompt, kQuestion, kQuestionCallback, kQuestionCancel,
  kQuestionReject, kRefreshLine, kSawKeyPress, kSawReturnAt, kSetRawMode, kTabComplete, kTabCompleter,
  kTtyWrite, kWordLeft, kWordRight, kWriteToOutput, kLastCommandErrored, kMultilinePrompt, stripVTControlCharacters,
};
