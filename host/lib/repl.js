'use strict';
// repl: the read-eval-print loop (node's REPLServer), a readline Interface that evaluates each
// line it reads in a context (the global one, or a vm context of its own) and prints the
// result with util.inspect. Unfinished input continues on the next line; top-level `await`
// works; errors thrown by the code, now or later in its callbacks, are caught by the REPL's
// domain and printed as "Uncaught ...".

const fs = require('fs');
const path = require('path');
const vm = require('vm');
const domain = require('domain');
const { inspect } = require('util');
const { Console } = require('console');
const { Interface } = require('readline');
const { Module, addBuiltinLibsToObject, makeRequire } = require('internal/module');
const { isObjectLiteral, kStandaloneREPL } = require('internal/repl');
const { shouldColorize } = require('internal/tty');
const { commonPrefix, kLastCommandErrored, kMultilinePrompt } = require('internal/readline');
const { codedError, validateFunction, validateObject } = require('internal/errors');
const { pendingDeprecate } = require('internal/warning');
const { setupPreview } = require('internal/repl/preview');

const native = binding.repl();

const REPL_MODE_SLOPPY = Symbol('repl-sloppy');
const REPL_MODE_STRICT = Symbol('repl-strict');
const kBufferedCommand = Symbol('bufferedCommand');
const kLoading = Symbol('loading');
const kContextId = Symbol('contextId');

let builtinLibs = Module.builtinModules.filter((name) => !name.startsWith('_') && !name.startsWith('node:'));
// Every builtin with the scheme, and those only reachable with it (node:sea, node:test, ...).
const nodeSchemeBuiltinLibs = [
  ...builtinLibs.map((name) => `node:${name}`),
  ...Module.builtinModules.filter((name) => name.startsWith('node:')),
];

let nextResourceNumber = 1;
// Each evaluation its own script name, so V8's code cache never mixes two inputs up.
function nextResourceName() {
  return `REPL${nextResourceNumber++}`;
}

const globalBuiltins = new Set(vm.runInNewContext('Object.getOwnPropertyNames(globalThis)'));
const replDomains = new WeakSet();
// import() in REPL input resolves from a `repl` file in the working directory, as node's.
const importFromRepl = internals.builtinImportCallback((specifier, referrer, attributes) =>
  internals.importModule(specifier, path.join(require('internal/util').tryGetCwd(), 'repl'), attributes));
let openGuardedRepls = 0;
// Code typed into a REPL cannot take over its errors: they belong to the REPL's domain.
function guardUncaughtListeners(event, listener) {
  if (event === 'uncaughtException' && process.domain && listener.name !== 'domainUncaughtExceptionClear' &&
      replDomains.has(process.domain)) {
    throw codedError(TypeError, 'ERR_INVALID_REPL_INPUT', 'Listeners for `uncaughtException` cannot be used in the REPL');
  }
}

// The default writer: util.inspect with the REPL's options (colours added on a terminal).
const writer = (value) => inspect(value, writer.options);
writer.options = { ...inspect.defaultOptions, showProxy: true };

function Recoverable(err) {
  this.err = err;
}
Object.setPrototypeOf(Recoverable.prototype, SyntaxError.prototype);
Object.setPrototypeOf(Recoverable, SyntaxError);

function isValidSyntax(input) {
  return native.isValidSyntax(String(input));
}

function REPLServer(prompt, stream, eval_, useGlobal, ignoreUndefined, replMode) {
  if (!(this instanceof REPLServer)) {
    process.emitWarning('Instantiating REPLServer without the \'new\' keyword has been deprecated.',
      'DeprecationWarning', 'DEP0185');
    return new REPLServer(prompt, stream, eval_, useGlobal, ignoreUndefined, replMode);
  }
  let options;
  if (prompt !== null && typeof prompt === 'object') {
    options = { ...prompt };
    stream = options.stream || options.socket;
    eval_ = options.eval;
    useGlobal = options.useGlobal;
    ignoreUndefined = options.ignoreUndefined;
    prompt = options.prompt;
    replMode = options.replMode;
  } else {
    options = {};
  }
  if (!options.input && !options.output) {
    stream ||= process;
    options.input = stream.stdin || stream;
    options.output = stream.stdout || stream;
  }
  if (options.terminal === undefined) options.terminal = options.output.isTTY;
  options.terminal = !!options.terminal;
  if (options.terminal && options.useColors === undefined) options.useColors = shouldColorize(options.output);

  const streamsMessage = 'repl.inputStream and repl.outputStream are deprecated. Use repl.input and repl.output instead';
  Object.defineProperty(this, 'inputStream', {
    get: pendingDeprecate(() => this.input, streamsMessage, 'DEP0141'),
    set: pendingDeprecate((value) => { this.input = value; }, streamsMessage, 'DEP0141'),
    enumerable: false,
    configurable: true,
  });
  Object.defineProperty(this, 'outputStream', {
    get: pendingDeprecate(() => this.output, streamsMessage, 'DEP0141'),
    set: pendingDeprecate((value) => { this.output = value; }, streamsMessage, 'DEP0141'),
    enumerable: false,
    configurable: true,
  });

  this.allowBlockingCompletions = !!options.allowBlockingCompletions;
  this.useColors = !!options.useColors;
  this._domain = options.domain || domain.create();
  this.useGlobal = !!useGlobal;
  this.ignoreUndefined = !!ignoreUndefined;
  this.replMode = replMode || REPL_MODE_SLOPPY;
  this.underscoreAssigned = false;
  this.last = undefined;
  this.underscoreErrAssigned = false;
  this.lastError = undefined;
  this.breakEvalOnSigint = !!options.breakEvalOnSigint;
  this.editorMode = false;
  this[kLastCommandErrored] = false;

  if (this.breakEvalOnSigint && eval_) {
    throw codedError(TypeError, 'ERR_INVALID_REPL_EVAL_CONFIG', 'Cannot specify both "breakEvalOnSigint" and "eval" for REPL');
  }
  if (options[kStandaloneREPL]) {
    module.exports.repl = this;
  } else {
    // One guard for all open REPLs, removed when the last one closes.
    if (openGuardedRepls++ === 0) process.prependListener('newListener', guardUncaughtListeners);
    this.once('close', () => {
      if (--openGuardedRepls === 0) process.removeListener('newListener', guardUncaughtListeners);
    });
  }
  replDomains.add(this._domain);

  // Previews by default only with the REPL's own evaluation, whose input they evaluate.
  const preview = options.terminal && (options.preview !== undefined ? !!options.preview : !eval_);
  eval_ ||= defaultEval;
  const self = this;

  // While an awaited evaluation runs, keys wait here (node pauses the REPL, not the stream).
  const pausedKeys = [];
  let paused = false;
  function unpause() {
    if (!paused) return;
    paused = false;
    const completionEnabled = self.isCompletionEnabled;
    let entry;
    while ((entry = pausedKeys.shift()) !== undefined) {
      const [type, payload, isCompletionEnabled] = entry;
      if (type === 'key') {
        self.isCompletionEnabled = isCompletionEnabled;
        self._ttyWrite(payload[0], payload[1]);
      } else {
        self.emit('exit');
      }
      if (paused) break;
    }
    self.isCompletionEnabled = completionEnabled;
  }

  // RegExp.$1..$9 belong to the user's code, not to the REPL's own matching.
  const savedRegExpMatches = ['', '', '', '', '', '', '', '', '', ''];
  const separator = '\u0000\u0000\u0000';
  const restoreRegExpMatches = new RegExp(`^${`${separator}(.*)`.repeat(9)}$`);

  function defaultEval(code, context, file, callback) {
    let err = null;
    let result;
    let script;
    let wrappedError;
    let wrapped = false;
    let awaitPromise = false;
    const input = code;
    if (isObjectLiteral(code) && isValidSyntax(code)) {
      code = `(${code.trim()})\n`;
      wrapped = true;
    }
    if (code.includes('await')) {
      const rewritten = native.processTopLevelAwait(code);
      if (rewritten === false) {
        err = new Recoverable(new SyntaxError('Unexpected end of input'));
      } else if (rewritten !== null) {
        code = rewritten;
        wrapped = true;
        awaitPromise = true;
      }
    }
    if (code === '\n') return callback(null);
    if (err === null) {
      for (;;) {
        try {
          if (self.replMode === REPL_MODE_STRICT && !/^\s*$/.test(code)) {
            // `void 0` keeps 'use strict' from being the result of a declaration.
            code = `'use strict'; void 0;\n${code}`;
          }
          script = new vm.Script(code, { filename: file, importModuleDynamically: importFromRepl });
        } catch (e) {
          if (wrapped) {
            wrapped = false;
            awaitPromise = false;
            code = input;
            wrappedError = e;
            continue;
          }
          const error = wrappedError || e;
          // Input starting with `{` may be an unfinished object too.
          const unfinished = native.isUnfinished(code) || (/^\s*{/.test(code) && native.isUnfinished(`(${code}`));
          err = unfinished ? new Recoverable(error) : error;
        }
        break;
      }
    }
    restoreRegExpMatches.exec(savedRegExpMatches.join(separator));
    let finished = false;
    const finish = (error, value) => {
      if (finished) return;
      finished = true;
      for (let index = 1; index < savedRegExpMatches.length; index++) savedRegExpMatches[index] = RegExp[`$${index}`];
      callback(error, value);
    };
    if (!err) {
      // Ctrl+C while the code runs is a signal (raw mode off), which stops the code.
      const previouslyInRawMode = self.breakEvalOnSigint ? self._setRawMode(false) : undefined;
      try {
        const runOptions = { displayErrors: false, breakOnSigint: self.breakEvalOnSigint };
        try {
          result = self.useGlobal ? script.runInThisContext(runOptions) : script.runInContext(context, runOptions);
        } finally {
          if (self.breakEvalOnSigint) self._setRawMode(previouslyInRawMode);
        }
      } catch (e) {
        err = e;
        if (process.domain) {
          process.domain.emit('error', err);
          process.domain.exit();
          return;
        }
      }
      if (awaitPromise && !err) {
        paused = true;
        let promise = result;
        let sigintListener;
        if (self.breakEvalOnSigint) {
          // Ctrl+C while awaiting gives up on the promise.
          const interrupted = new Promise((resolve, reject) => {
            sigintListener = () => {
              const limit = Error.stackTraceLimit;
              Error.stackTraceLimit = 0;
              const error = codedError(Error, 'ERR_SCRIPT_EXECUTION_INTERRUPTED',
                'Script execution was interrupted by `SIGINT`');
              Error.stackTraceLimit = limit;
              reject(error);
            };
            prioritizedSigintQueue.add(sigintListener);
          });
          promise = Promise.race([promise, interrupted]);
        }
        (async () => {
          try {
            finish(null, (await promise)?.value);
          } catch (error) {
            if (error && process.domain) {
              process.domain.emit('error', error);
              process.domain.exit();
              return;
            }
            finish(error);
          } finally {
            prioritizedSigintQueue.delete(sigintListener);
            unpause();
          }
        })();
      }
    }
    if (!awaitPromise || err) finish(err, result);
  }

  self.eval = self._domain.bind(eval_);

  self._domain.on('error', function debugDomainError(e) {
    let errorText = '';
    if (typeof e === 'object' && e !== null) {
      hideReplFrames(e, self.useGlobal ? Error : vm.runInContext('Error', self.context));
      if (e.domainThrown) {
        delete e.domain;
        delete e.domainThrown;
      }
      if (e instanceof Error || Object.prototype.toString.call(e) === '[object Error]') {
        if (e.stack) {
          if (e.name === 'SyntaxError') {
            e.stack = e.stack.replace(/^REPL\d+:\d+\r?\n/, '').replace(/^\s+at\s.*\n?/gm, '');
            if (e.message.includes('Cannot use import statement outside a module')) {
              e.message = 'Cannot use import statement inside the Node.js REPL, alternatively use dynamic import: ' +
                native.dynamicImport(self.lines.at(-1));
              e.stack = e.stack.replace(/SyntaxError:.*\n/, `SyntaxError: ${e.message}\n`);
            }
          } else if (self.replMode === REPL_MODE_STRICT) {
            e.stack = e.stack.replace(/(\s+at\s+REPL\d+:)(\d+)/, (_, before, line) => before + (line - 1));
          }
        }
        errorText = self.writer(e);
        if (errorText[0] === '[' && errorText[errorText.length - 1] === ']') errorText = errorText.slice(1, -1);
      }
    }
    if (!self.underscoreErrAssigned) self.lastError = e;
    if (options[kStandaloneREPL] && process.listenerCount('uncaughtException') !== 0) {
      process.nextTick(() => {
        process.emit('uncaughtException', e);
        self.clearBufferedCommand();
        self.lines.level = [];
        self.displayPrompt();
      });
      return;
    }
    if (errorText === '') errorText = self.writer(e);
    const lines = errorText.split(/(?<=\n)/);
    let matched = false;
    errorText = '';
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (!matched && /^\[?([A-Z][a-z0-9_]*)*Error/.test(line)) {
        errorText += writer.options.breakLength >= line.length ? `Uncaught ${line}` : `Uncaught:\n${line}`;
        matched = true;
      } else {
        errorText += line;
      }
    }
    if (!matched) errorText = `Uncaught${lines.length === 1 ? ' ' : ':\n'}${errorText}`;
    if (!errorText.endsWith('\n')) errorText += '\n';
    self.output.write(errorText);
    self.clearBufferedCommand();
    self.lines.level = [];
    // An eval callback may report its error after the REPL closed: shown, with no prompt.
    if (!self.closed) self.displayPrompt();
  });

  self.clearBufferedCommand();

  function completer(text, callback) {
    complete.call(self, text, self.editorMode ? self.completeOnEditorMode(callback) : callback);
  }

  Reflect.apply(Interface, this, [{
    input: options.input,
    output: options.output,
    completer: options.completer || completer,
    terminal: options.terminal,
    historySize: options.historySize,
    prompt,
  }]);

  self.resetContext();
  this.commands = { __proto__: null };
  defineDefaultCommands(this);

  self.writer = options.writer || module.exports.writer;
  if (self.writer === writer) {
    writer.options.colors = self.useColors;
    if (options[kStandaloneREPL]) {
      Object.defineProperty(inspect, 'replDefaults', {
        get: () => writer.options,
        set: (value) => {
          validateObject(value, 'options');
          return Object.assign(writer.options, value);
        },
        enumerable: true,
        configurable: true,
      });
    }
  }

  self.on('close', function emitExit() {
    if (paused) {
      pausedKeys.push(['close']);
      return;
    }
    self.emit('exit');
  });

  let sawSIGINT = false;
  let sawCtrlD = false;
  const prioritizedSigintQueue = new Set();
  self.on('SIGINT', function onSigInt() {
    if (prioritizedSigintQueue.size > 0) {
      for (const task of prioritizedSigintQueue) task();
      return;
    }
    const empty = self.line.length === 0;
    self.clearLine();
    turnOffEditorMode(self);
    const buffered = self[kBufferedCommand];
    if (!(buffered && buffered.length > 0) && empty) {
      if (sawSIGINT) {
        self.close();
        sawSIGINT = false;
        return;
      }
      self.output.write('(To exit, press Ctrl+C again or Ctrl+D or type .exit)\n');
      sawSIGINT = true;
    } else {
      sawSIGINT = false;
    }
    self.clearBufferedCommand();
    self.lines.level = [];
    self.displayPrompt();
  });

  self.on('line', function onLine(cmd) {
    cmd ||= '';
    sawSIGINT = false;
    if (self.editorMode) {
      self[kBufferedCommand] += `${cmd}\n`;
      const indent = self._sawKeyPress && !self[kLoading] ? /^\s+/.exec(cmd) : null;
      if (indent) {
        self.write(indent[0]);
        self.line = indent[0];
        self.cursor = indent[0].length;
      }
      remember.call(self, cmd);
      return;
    }
    const trimmed = cmd.trim();
    if (trimmed && trimmed[0] === '.' && trimmed[1] !== '.' && Number.isNaN(Number.parseFloat(trimmed))) {
      const matches = /^\.([^\s]+)\s*(.*)$/.exec(trimmed);
      const keyword = matches?.[1];
      const rest = matches?.[2];
      const command = self.commands[keyword];
      if (command) {
        command.action.call(self, rest);
        return;
      }
      if (!self[kBufferedCommand]) {
        self.output.write('Invalid REPL keyword\n');
        finish(null);
        return;
      }
    }
    self.eval(`${self[kBufferedCommand]}${cmd}\n`, self.context, nextResourceName(), finish);

    function finish(e, value) {
      remember.call(self, cmd);
      if (e && !self[kBufferedCommand] && cmd.trim().startsWith('npm ') && !(e instanceof Recoverable)) {
        self.output.write('npm should be run outside of the Node.js REPL, in your normal shell.\n(Press Ctrl+D to exit.)\n');
        self.displayPrompt();
        return;
      }
      if (e instanceof Recoverable && !sawCtrlD) {
        self[kBufferedCommand] += `${cmd}\n`;
        self.displayPrompt();
        return;
      }
      if (e) {
        self._domain.emit('error', e.err || e);
        self[kLastCommandErrored] = true;
      }
      self.clearBufferedCommand();
      sawCtrlD = false;
      if (!e && arguments.length === 2 && (!self.ignoreUndefined || value !== undefined)) {
        if (!self.underscoreAssigned) self.last = value;
        self.output.write(`${self.writer(value)}\n`);
      }
      if (!self.closed && !e) {
        self[kLastCommandErrored] = false;
        self.displayPrompt();
      }
    }
  });

  self.on('SIGCONT', function onSigCont() {
    if (self.editorMode) {
      self.output.write(`${self._initialPrompt}.editor\n`);
      self.output.write('// Entering editor mode (Ctrl+D to finish, Ctrl+C to cancel)\n');
      self.output.write(`${self[kBufferedCommand]}\n`);
      self.prompt(true);
    } else {
      self.displayPrompt(true);
    }
  });

  const { clearPreview, showPreview } = setupPreview(self, withInspectorSession, {
    contextId: () => self[kContextId],
    bufferedCommand: () => self[kBufferedCommand],
    strict: () => self.replMode === REPL_MODE_STRICT,
  }, preview);

  // Keys go through the REPL first: held while an evaluation awaits, and editor mode's own keys.
  const ttyWrite = self._ttyWrite.bind(self);
  self._ttyWrite = (data, key) => {
    key ||= {};
    if (paused && !(self.breakEvalOnSigint && key.ctrl && key.name === 'c')) {
      pausedKeys.push(['key', [data, key], self.isCompletionEnabled]);
      return;
    }
    if (!self.editorMode || !self.terminal) {
      if (key.ctrl && key.name === 'd' && self.cursor === 0 && self.line.length === 0) self.clearLine();
      clearPreview(key);
      ttyWrite(data, key);
      showPreview(key.name !== 'escape');
      return;
    }
    if (key.ctrl && !key.shift) {
      switch (key.name) {
        case 'd':
          turnOffEditorMode(self);
          sawCtrlD = true;
          ttyWrite(data, { name: 'return' });
          break;
        case 'n':
        case 'p':
          break;
        default:
          ttyWrite(data, key);
      }
    } else {
      switch (key.name) {
        case 'up':
        case 'down':
          break;
        case 'tab':
          self._previousKey = null;
          ttyWrite(data, key);
          break;
        default:
          ttyWrite(data, key);
      }
    }
  };

  self.displayPrompt();
}
Object.setPrototypeOf(REPLServer.prototype, Interface.prototype);
Object.setPrototypeOf(REPLServer, Interface);

// An error's stack as the REPL shows it: without the REPL's own frames (the evaluated code's
// top-level frame and those below it), as long as the stack was not formatted yet. As node,
// when that frame is not among those captured, the frames end before the last one with no
// function name (the last frame goes when there is none). V8 asks the Error of the context
// the error was made in, so the REPL context's Error gets the hook too.
function hideReplFrames(error, contextError) {
  const errorConstructors = typeof contextError === 'function' && contextError !== Error ? [Error, contextError] : [Error];
  const previous = errorConstructors.map((E) => E.prepareStackTrace);
  const prepare = (thrown, frames) => {
    const top = frames.findLastIndex((frame) => /^REPL\d+$/.test(frame.getFileName() ?? '') &&
      frame.getFunctionName() === null);
    const end = top !== -1 ? top : frames.findLastIndex((frame) => frame.getFunctionName() === null);
    const shown = frames.slice(0, end);
    if (typeof previous[0] === 'function') return previous[0](thrown, shown);
    let header;
    try {
      header = Error.prototype.toString.call(thrown);
    } catch {
      header = '<error>';
    }
    return header + shown.map((frame) => `\n    at ${frame}`).join('');
  };
  errorConstructors.forEach((E) => { E.prepareStackTrace = prepare; });
  try {
    void error.stack;
  } catch {
    // A stack getter that throws: left as it is.
  } finally {
    errorConstructors.forEach((E, i) => { E.prepareStackTrace = previous[i]; });
  }
}

function start(prompt, source, eval_, useGlobal, ignoreUndefined, replMode) {
  return new REPLServer(prompt, source, eval_, useGlobal, ignoreUndefined, replMode);
}

REPLServer.prototype.setupHistory = function setupHistory(historyConfig = {}, callback) {
  const options = typeof historyConfig === 'string' ? { filePath: historyConfig } : historyConfig;
  if (typeof callback === 'function') options.onHistoryFileLoaded = callback;
  this.setupHistoryManager(options);
};

REPLServer.prototype.clearBufferedCommand = function clearBufferedCommand() {
  this[kBufferedCommand] = '';
};

REPLServer.prototype.close = function close() {
  if (this.terminal && this.historyManager.isFlushing && !this._closingOnFlush) {
    this._closingOnFlush = true;
    this.once('flushHistory', () => Reflect.apply(Interface.prototype.close, this, []));
    return;
  }
  process.nextTick(() => Reflect.apply(Interface.prototype.close, this, []));
};

// Runs `command` with an inspector session connected for the time of the call.
function withInspectorSession(command) {
  const { Session } = require('inspector');
  const session = new Session();
  session.connect();
  try {
    return command(session);
  } finally {
    session.disconnect();
  }
}

// The names the context's let, const and class declarations made (no property of its
// global holds them), as the inspector tells them; undefined asks of the main context.
function globalLexicalScopeNames(contextId) {
  let names = [];
  withInspectorSession((session) => {
    session.post('Runtime.globalLexicalScopeNames', { executionContextId: contextId }, (err, result) => {
      if (!err) names = result.names;
    });
  });
  return names;
}

REPLServer.prototype.createContext = function createContext() {
  let context;
  if (this.useGlobal) {
    context = globalThis;
  } else {
    // The inspector's id of the context, to ask it for the context's lexical names.
    withInspectorSession((session) => {
      session.post('Runtime.enable');
      session.once('Runtime.executionContextCreated', ({ params }) => {
        this[kContextId] = params.context.id;
      });
      context = vm.createContext();
      session.post('Runtime.disable');
    });
    for (const name of Object.getOwnPropertyNames(globalThis)) {
      if (!globalBuiltins.has(name)) {
        Object.defineProperty(context, name, { __proto__: null, ...Object.getOwnPropertyDescriptor(globalThis, name) });
      }
    }
    context.global = context;
    Object.defineProperty(context, 'console', {
      configurable: true, writable: true, value: new Console(this.output),
    });
  }
  const replModule = new Module('<repl>');
  replModule.paths = replLookupPaths();
  Object.defineProperty(context, 'module', { configurable: true, writable: true, value: replModule });
  Object.defineProperty(context, 'require', {
    configurable: true, writable: true, value: makeRequire(replModule),
  });
  addBuiltinLibsToObject(context, '<REPL>');
  return context;
};

REPLServer.prototype.resetContext = function resetContext() {
  this.context = this.createContext();
  this.underscoreAssigned = false;
  this.underscoreErrAssigned = false;
  this.lines = [];
  this.lines.level = [];
  Object.defineProperty(this.context, '_', {
    configurable: true,
    get: () => this.last,
    set: (value) => {
      this.last = value;
      if (!this.underscoreAssigned) {
        this.underscoreAssigned = true;
        this.output.write('Expression assignment to _ now disabled.\n');
      }
    },
  });
  Object.defineProperty(this.context, '_error', {
    configurable: true,
    get: () => this.lastError,
    set: (value) => {
      this.lastError = value;
      if (!this.underscoreErrAssigned) {
        this.underscoreErrAssigned = true;
        this.output.write('Expression assignment to _error now disabled.\n');
      }
    },
  });
  this.emit('reset', this.context);
};

REPLServer.prototype.displayPrompt = function displayPrompt(preserveCursor) {
  const prompt = this[kBufferedCommand].length ? kMultilinePrompt : this._initialPrompt;
  Reflect.apply(Interface.prototype.setPrompt, this, [prompt]);
  this.prompt(preserveCursor);
};

REPLServer.prototype.setPrompt = function setPrompt(prompt) {
  this._initialPrompt = prompt;
  Reflect.apply(Interface.prototype.setPrompt, this, [prompt]);
};

// ---- completion ----

const requireRE = /\brequire\s*\(\s*['"`](([\w@./:-]+\/)?(?:[\w@./:-]*))(?![^'"`])$/;
const importRE = /\bimport\s*\(\s*['"`](([\w@./:-]+\/)?(?:[\w@./:-]*))(?![^'"`])$/;
const fsAutoCompleteRE = /fs(?:\.promises)?\.\s*[a-z][a-zA-Z]+\(\s*["'](.*)/;
const versionedFileNamesRE = /-\d+\.\d+/;
const identifierRE = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;
const legacyObjectMethods = new Set(['__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);

function filteredOwnPropertyNames(object) {
  if (!object) return [];
  let isObjectPrototype = false;
  if (Object.getPrototypeOf(object) === null) {
    const constructor = Object.getOwnPropertyDescriptor(object, 'constructor')?.value;
    if (constructor) {
      const constructorPrototype = Object.getPrototypeOf(constructor);
      isObjectPrototype = constructorPrototype && Object.getPrototypeOf(constructorPrototype) === object;
    }
  }
  return Object.getOwnPropertyNames(object).filter((name) => identifierRE.test(name) &&
    !/^(?:0|[1-9]\d*)$/.test(name) && !(isObjectPrototype && legacyObjectMethods.has(name)));
}

function readdirQuietly(...args) {
  try {
    return fs.readdirSync(...args);
  } catch {
    return undefined;
  }
}

function addCommonWords(groups) {
  groups.push([
    'async', 'await', 'break', 'case', 'catch', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else',
    'export', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'let', 'new', 'null',
    'return', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield',
  ]);
}

// Module names under `paths` (files with `extensions`, folders with an index) for require('…<Tab>.
function moduleNamesIn(paths, subdir, extensions, indexes, withFolderIndexes) {
  const names = [];
  for (let dir of paths) {
    dir = path.resolve(dir, subdir);
    for (const entry of readdirQuietly(dir, { withFileTypes: true }) || []) {
      if (versionedFileNamesRE.test(entry.name) || entry.name === '.npm') continue;
      if (!entry.isDirectory()) {
        const extension = path.extname(entry.name);
        if (extensions.includes(extension) && (withFolderIndexes === 'import' || !subdir ||
            entry.name.slice(0, -extension.length) !== 'index')) {
          names.push(`${subdir}${withFolderIndexes === 'import' ? entry.name : entry.name.slice(0, -extension.length)}`);
        }
        continue;
      }
      names.push(`${subdir}${entry.name}/`);
      const inNodeModules = path.basename(dir) === 'node_modules';
      if ((withFolderIndexes === 'require' || (!subdir && inNodeModules)) &&
          (readdirQuietly(path.resolve(dir, entry.name)) || []).some((file) => indexes.includes(file))) {
        names.push(`${subdir}${entry.name}`);
      }
    }
  }
  return names;
}

// Where require() in the REPL looks: node_modules folders from a `repl` file in the cwd up.
function replLookupPaths() {
  return Module._nodeModulePaths(path.join(require('internal/util').tryGetCwd(), 'repl'));
}

function modulePaths(completeOn, lookupPaths) {
  if (completeOn === '.') return { group: ['./', '../'], paths: [] };
  if (completeOn === '..') return { group: ['../'], paths: [] };
  if (/^\.\.?\//.test(completeOn)) return { group: [], paths: [process.cwd()] };
  return { group: [], paths: lookupPaths };
}

function complete(line, callback) {
  let groups = [];
  let completeOn;
  let filter = '';
  // What the completed members belong to (`a.b` of `a.b.c`).
  let expr = '';
  line = line.trimStart();
  let match;
  if ((match = /^\s*\.(\w*)$/.exec(line)) !== null) {
    groups.push(Object.keys(this.commands));
    completeOn = match[1];
    if (completeOn.length) filter = completeOn;
  } else if ((match = requireRE.exec(line)) !== null) {
    completeOn = match[1];
    filter = completeOn;
    if (this.allowBlockingCompletions) {
      const extensions = Object.keys(this.context.require.extensions);
      const indexes = [...extensions.map((extension) => `index${extension}`), 'package.json', 'index'];
      const { group, paths } = modulePaths(completeOn, [...replLookupPaths(), ...(Module.globalPaths ?? [])]);
      group.push(...moduleNamesIn(paths, match[2] || '', extensions, indexes, 'require'));
      if (group.length) groups.push(group);
    }
    groups.push(builtinLibs, nodeSchemeBuiltinLibs);
  } else if ((match = importRE.exec(line)) !== null) {
    completeOn = match[1];
    filter = completeOn;
    if (this.allowBlockingCompletions) {
      const extensions = ['.cjs', '.js', '.json', '.mjs', '.node', '.wasm'];
      const indexes = [...extensions.map((extension) => `index${extension}`), 'package.json'];
      const { group, paths } = modulePaths(completeOn, replLookupPaths());
      group.push(...moduleNamesIn(paths, match[2] || '', extensions, indexes, 'import'));
      if (group.length) groups.push(group);
    }
    groups.push(builtinLibs, nodeSchemeBuiltinLibs);
  } else if ((match = fsAutoCompleteRE.exec(line)) !== null && this.allowBlockingCompletions) {
    let baseName = '';
    let filePath = match[1];
    let entries = readdirQuietly(filePath, { withFileTypes: true });
    if (!entries) {
      baseName = path.basename(filePath);
      filePath = path.dirname(filePath);
      entries = readdirQuietly(filePath, { withFileTypes: true }) || [];
    }
    groups = [entries.filter((entry) => entry.name.startsWith(baseName)).map((entry) => entry.name)];
    completeOn = baseName;
  } else if (line.length === 0 || /\w|\.|\$/.test(line[line.length - 1])) {
    const target = line.length === 0 ? line : native.completionTarget(line);
    if (line.length !== 0 && !target) return loaded();
    completeOn = target;
    if (line.endsWith('.')) {
      expr = target.slice(0, -1);
    } else if (line.length !== 0) {
      const bits = target.split('.');
      filter = bits.pop();
      expr = bits.join('.');
    }
    if (!expr) {
      if (this.useGlobal || vm.isContext(this.context)) groups.push(globalLexicalScopeNames(this[kContextId]));
      let prototype = this.context;
      while ((prototype = Object.getPrototypeOf(prototype)) !== null) groups.push(filteredOwnPropertyNames(prototype));
      const ownNames = filteredOwnPropertyNames(this.context);
      if (!this.useGlobal) ownNames.push(...globalBuiltins);
      groups.push(ownNames);
      if (filter !== '') addCommonWords(groups);
      return loaded();
    }
    // `a.b.` does not parse: `a.b.x` tells the same.
    const chain = native.memberChain(target.endsWith('.') ? `${target}x` : target);
    if (chain === false) return loaded();
    includesProxiesOrGetters(chain, this.eval, this.context, (includes) => {
      if (includes) return loaded();
      completeMembers.call(this);
    });
    return;
  }
  return loaded();

  function completeMembers() {
    let chaining = '.';
    if (expr.endsWith('?')) {
      expr = expr.slice(0, -1);
      chaining = '?.';
    }
    const memberGroups = [];
    this.eval(`try { ${expr} } catch {}`, this.context, nextResourceName(), (e, object) => {
      try {
        let prototype;
        if ((typeof object === 'object' && object !== null) || typeof object === 'function') {
          memberGroups.push(filteredOwnPropertyNames(object));
          prototype = Object.getPrototypeOf(object);
        } else {
          prototype = object.constructor ? object.constructor.prototype : null;
        }
        let sentinel = 5;
        while (prototype !== null && sentinel-- !== 0) {
          memberGroups.push(filteredOwnPropertyNames(prototype));
          prototype = Object.getPrototypeOf(prototype);
        }
      } catch {
        // A Proxy without a getOwnPropertyNames trap, or no value: nothing to complete.
      }
      if (memberGroups.length) {
        expr += chaining;
        for (const group of memberGroups) groups.push(group.map((member) => `${expr}${member}`));
        filter &&= `${expr}${filter}`;
      }
      loaded();
    });
  }

  function loaded() {
    if (groups.length && filter) {
      const lowerFilter = filter.toLocaleLowerCase();
      groups = groups.map((group) => group.filter((entry) => entry.toLocaleLowerCase().startsWith(lowerFilter)))
        .filter((group) => group.length);
    }
    const completions = [];
    const seen = new Set(['']);
    // The closest group (the object itself, before its prototypes) comes last.
    for (const group of groups) {
      group.sort((a, b) => (b > a ? 1 : -1));
      const before = seen.size;
      for (const entry of group) {
        if (!seen.has(entry)) {
          completions.unshift(entry);
          seen.add(entry);
        }
      }
      if (seen.size !== before) completions.unshift('');
    }
    if (completions[0] === '') completions.shift();
    callback(null, [completions, completeOn]);
  }
}

// Completing `a.b.c` evaluates `a.b`: not when reading it would run a getter or a proxy's trap
// (node's includesProxiesOrGetters, which looks at the first two properties read). `chain` is
// the binding's memberChain: [base identifier, then per member: source, property kind, key].
function includesProxiesOrGetters(chain, evaluate, context, callback) {
  if (chain === null) return callback(false);
  const base = chain[0];
  const members = [];
  for (let index = 1; index < chain.length; index += 3) {
    members.push({ source: chain[index], kind: chain[index + 1], key: chain[index + 2] });
  }
  const { isProxy } = require('util').types;

  function propertyHasGetterOrIsProxy(object, key, done) {
    if (typeof Object.getOwnPropertyDescriptor(object, key)?.get === 'function') return done(true);
    done(isProxy(object[key]));
  }

  function hasGetterOrIsProxy(object, member, done) {
    if (!object || !member) return done(false);
    if (member.kind !== 'computed') return propertyHasGetterOrIsProxy(object, member.key, done);
    // The property's expression runs: `obj[key()]` asks for that.
    evaluate(`try { ${member.key} } catch {} `, context, nextResourceName(), (error, key) => {
      if (!error && typeof key === 'string') return propertyHasGetterOrIsProxy(object, key, done);
      done(false);
    });
  }

  // Member `index` of the chain (0 the innermost); the innermost one also hands on its value.
  function check(index, done) {
    const member = members[index];
    if (index > 0) {
      return check(index - 1, (includes, object) => {
        if (includes) return done(true);
        if (isProxy(object)) return done(true);
        hasGetterOrIsProxy(object, member, (found) => done(found));
      });
    }
    if (base === null) return done(false);
    evaluate(`try { ${base} } catch {}`, context, nextResourceName(), (error, object) => {
      if (error) return done(false);
      if (isProxy(object)) return done(true);
      hasGetterOrIsProxy(object, member, (found) => {
        if (found) return done(true);
        evaluate(`try { ${member.source} } catch {} `, context, nextResourceName(),
          (error, value) => (error ? done(false) : done(false, value)));
      });
    });
  }
  check(members.length - 1, callback);
}

REPLServer.prototype.complete = function () {
  Reflect.apply(this.completer, this, arguments);
};

REPLServer.prototype.completeOnEditorMode = (callback) => (err, results) => {
  if (err) return callback(err);
  const [completions, completeOn = ''] = results;
  let result = completions.filter(Boolean);
  if (completeOn && result.length !== 0) result = [commonPrefix(result)];
  callback(null, [result, completeOn]);
};

REPLServer.prototype.defineCommand = function defineCommand(keyword, cmd) {
  if (typeof cmd === 'function') cmd = { action: cmd };
  else validateFunction(cmd.action, 'cmd.action');
  this.commands[keyword] = cmd;
};

// The lines typed so far (for .save) and how deep into braces they are.
function remember(cmd) {
  this.lines ||= [];
  this.lines.level ||= [];
  if (cmd) {
    const depth = this.lines.level.length ? this.lines.level.length - 1 : 0;
    this.lines.push('  '.repeat(depth) + cmd);
  } else {
    this.lines.push('');
  }
  if (!cmd) this.lines.level = [];
}

function turnOnEditorMode(repl) {
  repl.editorMode = true;
  Reflect.apply(Interface.prototype.setPrompt, repl, ['']);
}

function turnOffEditorMode(repl) {
  repl.editorMode = false;
  repl.setPrompt(repl._initialPrompt);
}

function missingFile() {
  return codedError(TypeError, 'ERR_MISSING_ARGS', 'The "file" argument must be specified');
}

function defineDefaultCommands(repl) {
  repl.defineCommand('break', {
    help: 'Sometimes you get stuck, this gets you out',
    action() {
      this.clearBufferedCommand();
      this.displayPrompt();
    },
  });
  repl.defineCommand('clear', {
    help: repl.useGlobal ? 'Alias for .break' : 'Break, and also clear the local context',
    action() {
      this.clearBufferedCommand();
      if (!this.useGlobal) {
        this.output.write('Clearing context...\n');
        this.resetContext();
      }
      this.displayPrompt();
    },
  });
  repl.defineCommand('exit', {
    help: 'Exit the REPL',
    action() {
      this.close();
    },
  });
  repl.defineCommand('help', {
    help: 'Print this help message',
    action() {
      const names = Object.keys(this.commands).sort();
      const longest = Math.max(...names.map((name) => name.length));
      for (const name of names) {
        const command = this.commands[name];
        const spaces = ' '.repeat(longest - name.length + 3);
        this.output.write(`.${name}${command.help ? spaces + command.help : ''}\n`);
      }
      this.output.write('\nPress Ctrl+C to abort current expression, Ctrl+D to exit the REPL\n');
      this.displayPrompt();
    },
  });
  repl.defineCommand('save', {
    help: 'Save all evaluated commands in this REPL session to a file',
    action(file) {
      try {
        if (file === '') throw missingFile();
        fs.writeFileSync(file, this.lines.join('\n'));
        this.output.write(`Session saved to: ${file}\n`);
      } catch (error) {
        this.output.write(error.code === 'ERR_MISSING_ARGS' ? `${error.message}\n` : `Failed to save: ${file}\n`);
      }
      this.displayPrompt();
    },
  });
  repl.defineCommand('load', {
    help: 'Load JS from a file into the REPL session',
    action(file) {
      try {
        if (file === '') throw missingFile();
        const stats = fs.statSync(file);
        if (stats && stats.isFile()) {
          turnOnEditorMode(this);
          this[kLoading] = true;
          const data = fs.readFileSync(file, 'utf8');
          this.write(data);
          this[kLoading] = false;
          turnOffEditorMode(this);
          this.write('\n');
        } else {
          this.output.write(`Failed to load: ${file} is not a valid file\n`);
        }
      } catch (error) {
        this.output.write(error.code === 'ERR_MISSING_ARGS' ? `${error.message}\n` : `Failed to load: ${file}\n`);
      }
      this.displayPrompt();
    },
  });
  if (repl.terminal) {
    repl.defineCommand('editor', {
      help: 'Enter editor mode',
      action() {
        turnOnEditorMode(this);
        this.output.write('// Entering editor mode (Ctrl+D to finish, Ctrl+C to cancel)\n');
      },
    });
  }
}

module.exports = {
  start,
  writer,
  REPLServer,
  REPL_MODE_SLOPPY,
  REPL_MODE_STRICT,
  Recoverable,
  isValidSyntax,
};
for (const [name, code] of [['builtinModules', 'DEP0191'], ['_builtinLibs', 'DEP0142']]) {
  const message = `repl.${name} is deprecated. Check module.builtinModules instead`;
  Object.defineProperty(module.exports, name, {
    get: pendingDeprecate(() => builtinLibs, message, code),
    set: pendingDeprecate((value) => { builtinLibs = value; }, message, code),
    enumerable: false,
    configurable: true,
  });
}
