'use strict';
// The `debug>` REPL of `anode inspect`: its commands are getters and functions of the REPL's
// context (`cont`, `sb(3)`, `exec x`), each one protocol calls to the debuggee; the `repl`
// command switches to evaluating input in the paused frame.

const fs = require('fs');
const path = require('path');
const Repl = require('repl');
const vm = require('vm');
const { fileURLToPath } = require('url');
const { inspect: utilInspect } = require('util');
const { invalidArgType, outOfRange, validateString } = require('internal/errors');
const { isObjectLiteral } = require('internal/repl');
const { debuggerError } = require('internal/debugger/inspect_client');
const { Module: { builtinModules } } = require('internal/module');

const customInspect = utilInspect.custom;

const SHORTCUTS = {
  cont: 'c',
  next: 'n',
  step: 's',
  out: 'o',
  backtrace: 'bt',
  setBreakpoint: 'sb',
  clearBreakpoint: 'cb',
  run: 'r',
  exec: 'p',
};

const HELP = `run, restart, r       Run the application or reconnect
kill                  Kill a running application or disconnect

cont, c               Resume execution
next, n               Continue to next line in current file
step, s               Step into, potentially entering a function
out, o                Step out, leaving the current function
backtrace, bt         Print the current backtrace
list                  Print the source around the current line where execution
                      is currently paused
setContextLineNumber  Set which lines to check for context
setBreakpoint, sb     Set a breakpoint
clearBreakpoint, cb   Clear a breakpoint
breakpoints           List all known breakpoints
breakOnException      Pause execution whenever an exception is thrown
breakOnUncaught       Pause execution whenever an exception isn't caught
breakOnNone           Don't pause on exceptions (this is the default)

watch(expr)           Start watching the given expression
unwatch(expr)         Stop watching an expression
unwatch(index)        Stop watching an expression at specific index from watch list
watchers              Print all watched expressions and their current values

exec(expr), p(expr), exec expr, p expr
                      Evaluate the expression and print the value
repl                  Enter a debug repl that works like exec

scripts               List application scripts that are currently loaded
scripts(true)         List all scripts (including node-internals)

profile               Start CPU profiling session.
profileEnd            Stop current CPU profiling session.
profiles              Array of completed CPU profiling sessions.
profiles[n].save(filepath = 'node.cpuprofile')
                      Save CPU profiling session to disk as JSON.

takeHeapSnapshot(filepath = 'node.heapsnapshot')
                      Take a heap snapshot and save to disk as JSON.`;

const requiresPause = () => debuggerError('Requires execution to be paused');

// `: name` of a function's description (`function foo(a) {…}` → `: foo`), or nothing.
function functionNameSuffix(description) {
  const match = /^(?:function\*? )?([^(\s]+)\(/.exec(description);
  return match ? `: ${match[1]}` : '';
}

// Whether a script is one of the runtime's internals (hidden from `scripts` unless asked
// for); as in node, the public modules' `node:` URLs are not.
function isNativeUrl(url) {
  const id = url.replace(/\.js$/, '');
  return id.startsWith('node:internal/') || builtinModules.includes(id);
}

// A script's path relative to the working directory when under it, else as given.
function relativePath(fileOrUrl) {
  const dir = path.join(path.resolve(), 'x').slice(0, -1);
  const file = fileOrUrl.startsWith('file://') ? fileURLToPath(fileOrUrl) : fileOrUrl;
  return file.startsWith(dir) ? file.slice(dir.length) : file;
}

// `n` right-aligned after `prefix`, in as many columns as `widest` needs (at least two).
function leftPad(n, prefix, widest) {
  const text = String(n);
  return prefix + ' '.repeat(Math.max(2, String(widest).length) - text.length) + text;
}

// The source line with the token at `column` in green when colours are on.
function markColumn(lineText, column, colors) {
  if (!lineText) return '';
  let tail = lineText.slice(column);
  if (colors) tail = tail.replace(/(.+?)([^\w]|$)/, '\u001b[32m$1\u001b[39m$2');
  return lineText.slice(0, column) + tail;
}

function errorMessageOf(stack) {
  if (!stack) return '<unknown>';
  return /^\w+: ([^\n]+)/.exec(stack)?.[1] ?? stack;
}

// A thrown remote value as an error of the debugger: its message, the remote stack, its class.
function remoteError({ className, description }) {
  const error = debuggerError(errorMessageOf(description));
  error.stack = description;
  Object.defineProperty(error, 'name', { value: className });
  return error;
}

// A property of an object preview, shown by its type.
class PropertyPreview {
  constructor(attributes) {
    Object.assign(this, attributes);
  }

  [customInspect](depth, options) {
    switch (this.type) {
      case 'string':
      case 'undefined':
        return utilInspect(this.value, options);
      case 'number':
      case 'boolean':
        return options.stylize(this.value, this.type);
      case 'object':
      case 'symbol':
        if (this.subtype === 'date') return utilInspect(new Date(this.value), options);
        if (this.subtype === 'array') return options.stylize(this.value, 'special');
        return options.stylize(this.value, this.subtype || 'special');
      default:
        return this.value;
    }
  }
}

// A Runtime.ObjectPreview: an object's first properties, a Map's or Set's first entries.
class ObjectPreview {
  constructor(attributes) {
    Object.assign(this, attributes);
  }

  [customInspect](depth, options) {
    if (this.type !== 'object') return this.description;
    switch (this.subtype) {
      case 'date':
        return utilInspect(new Date(this.description), options);
      case 'null':
        return utilInspect(null, options);
      case 'regexp':
        return options.stylize(this.description, 'regexp');
      case 'set':
      case 'map': {
        if (!this.entries) return `${this.description} ${this.overflow ? '{ ... }' : '{}'}`;
        const shown = (preview) => utilInspect(new ObjectPreview(preview), options);
        const entries = this.entries.map((entry) =>
          (this.subtype === 'map' ? `${shown(entry.key)} => ${shown(entry.value)}` : shown(entry.value)));
        return `${this.description} { ${entries.join(', ')} }`;
      }
      case 'array':
      case undefined: {
        if (this.properties.length === 0) return this.subtype === 'array' ? '[]' : '{}';
        const entries = this.properties.map((property, index) => {
          const value = utilInspect(new PropertyPreview(property));
          return property.name === `${index}` ? value : `${property.name}: ${value}`;
        });
        if (this.overflow) entries.push('...');
        const oneLine = entries.join(', ');
        const body = oneLine.length > 60 ? entries.join(',\n  ') : oneLine;
        return this.subtype === 'array' ? `[ ${body} ]` : `{ ${body} }`;
      }
      default:
        return this.description;
    }
  }
}

// A Runtime.RemoteObject, shown as node's debugger shows it (from its preview when it has one).
class RemoteObject {
  constructor(attributes) {
    Object.assign(this, attributes);
    if (this.type === 'number') this.value = this.unserializableValue ? +this.unserializableValue : +this.value;
  }

  [customInspect](depth, options) {
    switch (this.type) {
      case 'boolean':
      case 'number':
      case 'string':
      case 'undefined':
        return utilInspect(this.value, options);
      case 'symbol':
        return options.stylize(this.description, 'special');
      case 'function':
        return options.stylize(`[${this.className}${functionNameSuffix(this.description)}]`, 'special');
      case 'object':
        if (this.subtype === 'date') return utilInspect(new Date(this.description), options);
        if (this.subtype === 'null') return utilInspect(null, options);
        if (this.subtype === 'regexp') return options.stylize(this.description, 'regexp');
        if (this.subtype === 'map' || this.subtype === 'set') {
          return `${this.description} ${utilInspect(new ObjectPreview(this.preview), options)}`;
        }
        if (this.preview) return utilInspect(new ObjectPreview(this.preview), options);
        return this.description;
      default:
        return this.description;
    }
  }

  static fromEvalResult({ result, wasThrown }) {
    return wasThrown ? remoteError(result) : new RemoteObject(result);
  }
}

// One scope of a frame with its variables (`.scope` completions).
class ScopeSnapshot {
  constructor(scope, properties) {
    Object.assign(this, scope);
    this.properties = new Map();
    this.completionGroup = properties.map((property) => {
      this.properties.set(property.name, new RemoteObject(property.value));
      return property.name;
    });
  }

  [customInspect](depth, options) {
    const type = this.type[0].toUpperCase() + this.type.slice(1);
    const name = this.name ? `<${this.name}>` : '';
    return utilInspect(this.properties, options).replace(/^Map /, `${type}${name} `);
  }
}

function createRepl(inspector) {
  const { Debugger, HeapProfiler, Profiler, Runtime } = inspector;
  let repl;

  // Kept across restarts of the debuggee.
  const history = { control: [], debug: [] };
  const watchedExpressions = [];
  const knownBreakpoints = [];
  const profiles = [];
  let heapSnapshotPromise = null;
  let pauseOnExceptionState = 'none';
  let lastCommand;
  let contextLineCount = 2;

  // Reset when the debuggee starts again.
  let knownScripts;
  let currentBacktrace;
  let selectedFrame;
  let exitDebugRepl;
  // The first pause's listing, which startup waits for before showing the prompt.
  let awaitingFirstPause = false;
  let firstPauseShown = null;

  function resetOnStart() {
    knownScripts = {};
    currentBacktrace = null;
    selectedFrame = null;
    if (exitDebugRepl) exitDebugRepl();
    exitDebugRepl = null;
  }
  resetOnStart();

  const inspectOptions = { colors: inspector.stdout.isTTY };
  const inspect = (value) => utilInspect(value, inspectOptions);
  function print(value, appendNewline = true) {
    return inspector.print(typeof value === 'string' ? value : inspect(value), appendNewline);
  }

  function currentLocation() {
    if (!selectedFrame) throw requiresPause();
    return selectedFrame.location;
  }

  const isCurrentScript = (script) => selectedFrame && currentLocation().scriptId === script.scriptId;

  function formatScripts(displayNatives = false) {
    return Object.values(knownScripts)
      .filter((script) => displayNatives || !script.isNative || isCurrentScript(script))
      .map((script) => {
        const name = `${relativePath(script.url)}${script.isNative ? ' <native>' : ''}`;
        return `${isCurrentScript(script) ? '*' : ' '} ${script.scriptId}: ${name}`;
      })
      .join('\n');
  }
  function listScripts(displayNatives = false) {
    print(formatScripts(displayNatives));
  }
  listScripts[customInspect] = () => formatScripts();

  class Profile {
    constructor(data) {
      this.data = data;
    }

    static createAndRegister({ profile }) {
      const created = new Profile(profile);
      profiles.push(created);
      return created;
    }

    [customInspect](depth, { stylize }) {
      const { startTime, endTime } = this.data;
      return stylize(`[Profile ${endTime - startTime}\u03bcs]`, 'special');
    }

    save(filename = 'node.cpuprofile') {
      const file = path.resolve(filename);
      fs.writeFileSync(file, JSON.stringify(this.data));
      print(`Saved profile to ${file}`);
    }
  }

  // Lines around a location: `>` on its line, `*` on lines with a breakpoint.
  class SourceSnippet {
    constructor(location, delta, scriptSource) {
      Object.assign(this, location);
      this.scriptSource = scriptSource;
      this.delta = delta;
    }

    [customInspect](depth, options) {
      const { scriptId, lineNumber, columnNumber, delta, scriptSource } = this;
      const start = Math.max(1, lineNumber - delta + 1);
      const end = lineNumber + delta + 1;
      return scriptSource.split('\n').slice(start - 1, end).map((lineText, offset) => {
        const line = start + offset;
        const isCurrent = line === lineNumber + 1;
        const hasBreakpoint = knownBreakpoints.some(({ location }) =>
          location && location.scriptId === scriptId && location.lineNumber + 1 === line);
        const marker = isCurrent ? '>' : hasBreakpoint ? '*' : ' ';
        const text = isCurrent ? markColumn(lineText, columnNumber, options.colors) : lineText;
        return `${leftPad(line, marker, end)} ${text}`;
      }).join('\n');
    }
  }

  async function sourceSnippet(location, delta = 5) {
    const { scriptSource } = await Debugger.getScriptSource({ scriptId: location.scriptId });
    return new SourceSnippet(location, delta, scriptSource);
  }

  class CallFrame {
    constructor(callFrame) {
      Object.assign(this, callFrame);
    }

    loadScopes() {
      return Promise.all(this.scopeChain
        .filter((scope) => scope.type !== 'global')
        .map(async (scope) => {
          const { result } = await Runtime.getProperties({ objectId: scope.object.objectId, generatePreview: true });
          return new ScopeSnapshot(scope, result);
        }));
    }

    list(delta = 5) {
      return sourceSnippet(this.location, delta);
    }
  }

  class Backtrace extends Array {
    [customInspect]() {
      return this.map(({ location: { scriptId, lineNumber, columnNumber }, functionName }, index) => {
        const script = knownScripts[scriptId];
        const url = (script && relativePath(script.url)) || '<unknown>';
        return `#${index} ${functionName || '(anonymous)'} ${url}:${lineNumber + 1}:${columnNumber}`;
      }).join('\n');
    }

    static fromFrames(callFrames) {
      return Backtrace.from(callFrames, (frame) => (frame instanceof CallFrame ? frame : new CallFrame(frame)));
    }
  }

  // A control line as code: `exec expr`/`p expr` become exec("expr"), an object literal is
  // an expression, an empty line repeats the last command.
  function controlCode(input) {
    if (input === '\n') return lastCommand;
    const execMatch = /^\s*(?:exec|p)\s+([^\n]*)/.exec(input);
    let code = execMatch ? execMatch[1] : input;
    if (isObjectLiteral(code)) code = `(${code.trim()})\n`;
    lastCommand = execMatch ? `exec(${JSON.stringify(code)})` : code;
    return lastCommand;
  }

  async function evalInCurrentContext(code) {
    if (code === '.scope') {
      if (!selectedFrame) throw requiresPause();
      const scopes = await selectedFrame.loadScopes();
      return scopes.map((scope) => scope.completionGroup);
    }
    const evaluation = selectedFrame ?
      Debugger.evaluateOnCallFrame({ callFrameId: selectedFrame.callFrameId, expression: code, objectGroup: 'node-inspect', generatePreview: true }) :
      Runtime.evaluate({ expression: code, objectGroup: 'node-inspect', generatePreview: true });
    return evaluation.then(RemoteObject.fromEvalResult);
  }

  function controlEval(input, context, filename, callback) {
    try {
      const result = vm.runInContext(controlCode(input), context, filename);
      if (typeof result?.then === 'function') {
        result.then((value) => callback(null, value), callback);
      } else {
        callback(null, result);
      }
    } catch (error) {
      callback(error);
    }
  }

  function debugEval(input, context, filename, callback) {
    evalInCurrentContext(input).then((value) => callback(null, value), callback);
  }

  async function formatWatchers(verbose = false) {
    if (!watchedExpressions.length) return '';
    const values = await Promise.all(watchedExpressions.map((expression) =>
      evalInCurrentContext(expression).then(undefined, (error) => `<${error.message}>`)));
    const lastIndex = watchedExpressions.length - 1;
    const lines = watchedExpressions.map((expression, index) => {
      const prefix = `${leftPad(index, ' ', lastIndex)}: ${expression} =`;
      const value = inspect(values[index]);
      return value.includes('\n') ? `${prefix}\n    ${value.replaceAll('\n', '\n    ')}` : `${prefix} ${value}`;
    });
    const list = lines.join('\n');
    return verbose ? `Watchers:\n${list}\n` : list;
  }

  function list(delta = 5) {
    if (!selectedFrame) throw requiresPause();
    return selectedFrame.list(delta).then(null, (error) => {
      print("You can't list source code right now");
      throw error;
    });
  }

  function setContextLineNumber(delta = 2) {
    if (!selectedFrame) throw requiresPause();
    if (typeof delta !== 'number') throw invalidArgType('delta', 'of type number', delta);
    if (Number.isNaN(delta) || delta < 1) throw outOfRange('delta', '>= 1', delta);
    contextLineCount = delta;
    print(`The contextLine has been changed to ${delta}.`);
  }

  function recordBreakpoint({ breakpointId, location }) {
    const script = knownScripts[location.scriptId];
    if (script?.url) location.scriptUrl = script.url;
    const known = knownBreakpoints.find((breakpoint) => breakpoint.breakpointId === breakpointId);
    if (known) known.location = location;
    else knownBreakpoints.push({ breakpointId, location });
  }

  function listBreakpoints() {
    if (!knownBreakpoints.length) {
      print('No breakpoints yet');
      return;
    }
    const where = (location) => {
      if (!location) return '<unknown location>';
      const script = knownScripts[location.scriptId];
      return `${relativePath(script ? script.url : location.scriptUrl)}:${location.lineNumber + 1}`;
    };
    print(knownBreakpoints.map((breakpoint, index) => `#${index} ${where(breakpoint.location)}`).join('\n'));
  }

  function setBreakpoint(script, line, condition, silent) {
    function registered({ breakpointId, actualLocation }) {
      recordBreakpoint({ breakpointId, location: actualLocation });
      if (actualLocation?.scriptId) {
        if (!silent) return sourceSnippet(actualLocation, 5);
      } else {
        print(`Warning: script '${script}' was not loaded yet.`);
      }
      return undefined;
    }

    // sb(): here.
    if (script === undefined) {
      return Debugger.setBreakpoint({ location: currentLocation(), condition }).then(registered);
    }
    // sb(line): that line of the current script.
    if (line === undefined && typeof script === 'number') {
      const location = { scriptId: currentLocation().scriptId, lineNumber: script - 1 };
      return Debugger.setBreakpoint({ location, condition }).then(registered);
    }
    validateString(script, 'script');
    // sb('fn()'): whenever the function is called.
    if (script.endsWith('()')) {
      const expression = `debug(${script.slice(0, -2)})`;
      const call = selectedFrame ?
        Debugger.evaluateOnCallFrame({ callFrameId: selectedFrame.callFrameId, expression, includeCommandLineAPI: true }) :
        Runtime.evaluate({ expression, includeCommandLineAPI: true });
      return call.then(({ result, wasThrown }) => (wasThrown ? remoteError(result) : undefined));
    }
    // sb('file', line): a loaded script whose URL contains the name, or a pattern for later.
    let scriptId = null;
    let ambiguous = false;
    if (knownScripts[script]) {
      scriptId = script;
    } else {
      for (const id of Object.keys(knownScripts)) {
        const { url } = knownScripts[id];
        if (url && url.includes(script)) {
          if (scriptId !== null) ambiguous = true;
          scriptId = id;
        }
      }
    }
    if (ambiguous) {
      print('Script name is ambiguous');
      return undefined;
    }
    if (line <= 0) {
      print('Line should be a positive value');
      return undefined;
    }
    if (scriptId !== null) {
      return Debugger.setBreakpoint({ location: { scriptId, lineNumber: line - 1 }, condition }).then(registered);
    }
    const escaped = script.replace(/([/\\.?*()^${}|[\]])/g, '\\$1');
    const urlRegex = `^(.*[\\/\\\\])?${escaped}$`;
    return Debugger.setBreakpointByUrl({ urlRegex, lineNumber: line - 1, condition }).then((breakpoint) => {
      if (!breakpoint.location) {
        breakpoint.actualLocation = { scriptUrl: `.*/${script}$`, lineNumber: line - 1 };
      }
      return registered(breakpoint);
    });
  }

  function clearBreakpoint(url, line) {
    const breakpoint = knownBreakpoints.find(({ location }) => {
      const script = location && knownScripts[location.scriptId];
      return script && script.url.includes(url) && location.lineNumber + 1 === line;
    });
    if (!breakpoint) {
      print(`Could not find breakpoint at ${url}:${line}`);
      return Promise.resolve();
    }
    return Debugger.removeBreakpoint({ breakpointId: breakpoint.breakpointId }).then(() => {
      knownBreakpoints.splice(knownBreakpoints.indexOf(breakpoint), 1);
    });
  }

  // After a restart: the breakpoints set by URL, set again.
  function restoreBreakpoints() {
    const previous = knownBreakpoints.splice(0).filter(({ location }) => !!location.scriptUrl);
    if (!previous.length) return Promise.resolve();
    return Promise.all(previous.map(({ location }) => setBreakpoint(location.scriptUrl, location.lineNumber + 1)))
      .then((results) => print(`${results.length} breakpoints restored.`));
  }

  function setPauseOnExceptions(state) {
    return Debugger.setPauseOnExceptions({ state }).then(() => {
      pauseOnExceptionState = state;
    });
  }

  Debugger.on('paused', ({ callFrames, reason }) => {
    if (process.env.NODE_INSPECT_RESUME_ON_START === '1' && reason === 'Break on start') {
      inspector.client.callMethod('Debugger.resume');
      return;
    }
    currentBacktrace = Backtrace.fromFrames(callFrames);
    selectedFrame = currentBacktrace[0];
    const { scriptId, lineNumber } = selectedFrame.location;
    const script = knownScripts[scriptId];
    const header = `${reason === 'other' ? 'break' : reason} in ${script ? relativePath(script.url) : '[unknown]'}:${lineNumber + 1}`;
    const shown = inspector.suspendReplWhile(async () => {
      const [watchers, context] = await Promise.all([formatWatchers(true), selectedFrame.list(contextLineCount)]);
      print(`${header}\n${watchers ? `${watchers}\n` : ''}${inspect(context)}`);
    });
    if (awaitingFirstPause && firstPauseShown === null) firstPauseShown = shown;
  });

  function forgetPause() {
    currentBacktrace = null;
    selectedFrame = null;
  }
  Debugger.on('resumed', forgetPause);
  Debugger.on('breakpointResolved', recordBreakpoint);
  Debugger.on('scriptParsed', (script) => {
    if (script.url) knownScripts[script.scriptId] = { isNative: isNativeUrl(script.url), ...script };
  });

  Profiler.on('consoleProfileFinished', ({ profile }) => {
    Profile.createAndRegister({ profile });
    print(`Captured new CPU profile.\nAccess it with profiles[${profiles.length - 1}]`);
  });

  function takeHeapSnapshot(filename = 'node.heapsnapshot') {
    if (heapSnapshotPromise) {
      print('Cannot take heap snapshot because another snapshot is in progress.');
      return heapSnapshotPromise;
    }
    heapSnapshotPromise = new Promise((resolve, reject) => {
      const file = path.resolve(filename);
      const writer = fs.createWriteStream(file);
      let written = 0;
      const onProgress = ({ done, total, finished }) => {
        if (finished) print('Heap snapshot prepared.');
        else print(`Heap snapshot: ${done}/${total}`, false);
      };
      const onChunk = ({ chunk }) => {
        written += chunk.length;
        writer.write(chunk);
        print(`Writing snapshot: ${written}`, false);
      };
      const stopListening = () => {
        HeapProfiler.removeListener('reportHeapSnapshotProgress', onProgress);
        HeapProfiler.removeListener('addHeapSnapshotChunk', onChunk);
      };
      HeapProfiler.on('reportHeapSnapshotProgress', onProgress);
      HeapProfiler.on('addHeapSnapshotChunk', onChunk);
      print('Heap snapshot: 0/0', false);
      HeapProfiler.takeHeapSnapshot({ reportProgress: true }).then(() => {
        writer.end(() => {
          stopListening();
          print(`Wrote snapshot: ${file}`);
          heapSnapshotPromise = null;
          resolve();
        });
      }, (error) => {
        stopListening();
        reject(error);
      });
    });
    return heapSnapshotPromise;
  }

  // `repl`: input evaluated in the paused frame (or globally) until Ctrl+C.
  function enterDebugRepl() {
    const sigintListeners = repl.listeners('SIGINT');
    repl.removeAllListeners('SIGINT');
    const controlContext = repl.context;
    exitDebugRepl = () => {
      process.nextTick(() => {
        for (const listener of sigintListeners) repl.on('SIGINT', listener);
      });
      repl.eval = controlEval;
      history.debug = repl.history;
      repl.history = history.control;
      repl.context = controlContext;
      repl.setPrompt('debug> ');
      repl.displayPrompt();
      repl.removeListener('SIGINT', exitDebugRepl);
      repl.removeListener('exit', exitDebugRepl);
      exitDebugRepl = null;
    };
    repl.on('SIGINT', exitDebugRepl);
    repl.on('exit', exitDebugRepl);
    repl.eval = debugEval;
    repl.context = {};
    history.control = repl.history;
    repl.history = history.debug;
    repl.setPrompt('> ');
    print('Press Ctrl+C to leave debug repl');
    return repl.displayPrompt();
  }

  function initializeContext(context) {
    for (const domain of inspector.domainNames) {
      Object.defineProperty(context, domain, { value: inspector[domain], enumerable: true, configurable: true });
    }
    const commands = {
      get help() { return print(HELP); },
      get run() { return runAndInit(); },
      get kill() { return inspector.killChild(); },
      get restart() { return runAndInit(); },
      get cont() { forgetPause(); return Debugger.resume(); },
      get next() { forgetPause(); return Debugger.stepOver(); },
      get step() { forgetPause(); return Debugger.stepInto(); },
      get out() { forgetPause(); return Debugger.stepOut(); },
      get pause() { return Debugger.pause(); },
      get backtrace() { return currentBacktrace; },
      get breakpoints() { return listBreakpoints(); },
      exec(expression) { return evalInCurrentContext(expression); },
      get profile() { return Profiler.start(); },
      get profileEnd() { return Profiler.stop().then(Profile.createAndRegister); },
      get profiles() { return profiles; },
      takeHeapSnapshot,
      get watchers() { return formatWatchers().then(print); },
      watch(expression) {
        validateString(expression, 'expression');
        watchedExpressions.push(expression);
      },
      unwatch(expression) {
        const index = watchedExpressions.indexOf(expression);
        watchedExpressions.splice(index !== -1 ? index : +expression, 1);
      },
      get repl() { return enterDebugRepl(); },
      get version() {
        return Runtime.evaluate({ expression: 'process.versions.v8', contextId: 1, returnByValue: true })
          .then(({ result }) => print(result.value));
      },
      scripts: listScripts,
      setBreakpoint,
      clearBreakpoint,
      setPauseOnExceptions,
      get breakOnException() { return setPauseOnExceptions('all'); },
      get breakOnUncaught() { return setPauseOnExceptions('uncaught'); },
      get breakOnNone() { return setPauseOnExceptions('none'); },
      list,
      setContextLineNumber,
    };
    for (const key of Reflect.ownKeys(commands)) {
      Object.defineProperty(context, key, Reflect.getOwnPropertyDescriptor(commands, key));
    }
    for (const [name, alias] of Object.entries(SHORTCUTS)) {
      Object.defineProperty(context, alias, Reflect.getOwnPropertyDescriptor(context, name));
    }
  }

  async function initAfterStart() {
    awaitingFirstPause = !!inspector.options.script && process.env.NODE_INSPECT_RESUME_ON_START !== '1';
    await Runtime.enable();
    await Profiler.enable();
    await Profiler.setSamplingInterval({ interval: 100 });
    await Debugger.enable();
    await Debugger.setAsyncCallStackDepth({ maxDepth: 0 });
    await Debugger.setBlackboxPatterns({ patterns: [] });
    await Debugger.setPauseOnExceptions({ state: pauseOnExceptionState });
    await restoreBreakpoints();
    await Runtime.runIfWaitingForDebugger();
    await Promise.resolve();
    awaitingFirstPause = false;
    const shown = firstPauseShown;
    firstPauseShown = null;
    await shown;
  }

  async function runAndInit() {
    await inspector.run();
    await initAfterStart();
  }

  return async function startRepl() {
    inspector.client.on('close', resetOnStart);
    await initAfterStart();
    repl = Repl.start({
      prompt: 'debug> ',
      input: inspector.stdin,
      output: inspector.stdout,
      eval: controlEval,
      useGlobal: false,
      ignoreUndefined: true,
    });
    initializeContext(repl.context);
    repl.on('reset', initializeContext);
    // For tests, where sending Ctrl+C is awkward.
    repl.defineCommand('interrupt', () => repl.emit('SIGINT'));
    return repl;
  };
}

module.exports = createRepl;
