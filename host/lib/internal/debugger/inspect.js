'use strict';
// `anode inspect`: node's command-line debugger. It starts the script in a child process
// paused on its first line (--inspect-brk), or attaches to a server at host:port, connects
// to the inspector over WebSocket and runs the `debug>` REPL (internal/debugger/inspect_repl).

const { spawn } = require('child_process');
const { EventEmitter } = require('events');
const net = require('net');
const util = require('util');
const { setTimeout: sleep } = require('timers/promises');
const { codedError } = require('internal/errors');
const { InspectClient } = require('internal/debugger/inspect_client');
const createRepl = require('internal/debugger/inspect_repl');

const kNoFailure = 0;
const kGenericUserError = 1;
const kInvalidCommandLineArgument = 9;

const startupError = (message) => codedError(Error, 'ERR_DEBUGGER_STARTUP_ERROR', message);

function writeUsageAndExit(invokedAs, code) {
  const out = code === 0 ? process.stdout : process.stderr;
  out.write(`Usage: ${invokedAs} [--port=<port>] [<node-option> ...]
                      [<script> [<script-args>] | <host>:<port> | -p <pid>]

Interactive mode: Starts a live debugging session.

Example:
  $ node inspect script.js

Options:
  --port=<port>         Inspector port for the debuggee (default: 9229)
  <script>              The script to launch and debug.
  <host>:<port>         Remote debugger to connect to.
  -p <pid>              Attach to a running Node.js process by PID

Semantics:
* If neither a script nor a host:port nor -p is provided, node inspect starts
  the REPL.

See https://nodejs.org/api/debugger.html for details.
`);
  process.exit(code);
}

// Resolves once nothing listens on host:port (port 0 is always free), polling for up to
// `timeout` ms: a debuggee just killed may hold the port a little longer.
async function waitForFreePort(host, port, timeout = 3000) {
  if (port === 0) return;
  const deadline = Date.now() + timeout;
  for (;;) {
    await sleep(150);
    if (Date.now() >= deadline) throw startupError(`Timeout (${timeout}) waiting for ${host}:${port} to be free`);
    const error = await new Promise((resolve) => {
      const socket = net.connect(port, host);
      socket.on('error', resolve);
      socket.on('connect', () => {
        socket.end();
        resolve();
      });
    });
    if (error?.code === 'ECONNREFUSED') return;
  }
}

const listeningLine = /Debugger listening on ws:\/\/\[?(.+?)\]?:(\d+)\//;

// Starts `script args` paused on its first line under an inspector on `port`; resolves to
// [child, port, host] once the child says where its inspector listens.
async function launchChild(childArgs, host, port, childOutput) {
  await waitForFreePort(host, port);
  const child = spawn(process.execPath, [`--inspect-brk=${port}`, ...childArgs]);
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk) => childOutput(chunk, 'stdout'));
  child.stderr.on('data', (chunk) => childOutput(chunk, 'stderr'));
  let stderrText = '';
  return new Promise((resolve, reject) => {
    const onExit = (code, signal) => {
      reject(startupError(`Target exited before the inspector was ready${signal !== null ? ` (${signal})` : ` (code ${code})`}`));
    };
    const onError = (error) => reject(startupError(error.message));
    const onStderr = (text) => {
      stderrText += text;
      const match = listeningLine.exec(stderrText);
      if (match === null) return;
      child.stderr.removeListener('data', onStderr);
      child.removeListener('exit', onExit);
      child.removeListener('error', onError);
      resolve([child, Number(match[2]), match[1]]);
    };
    child.once('exit', onExit);
    child.once('error', onError);
    child.stderr.on('data', onStderr);
  });
}

// A protocol domain as an object: `Debugger.resume(params)` calls the method, events of the
// domain are emitted on it, and awaiting it shows `[Agent Debugger]`.
function domainAgent(domain, client) {
  const agent = new EventEmitter();
  agent.then = (onFulfilled, onRejected) => {
    const shown = { [util.inspect.custom]: (depth, { stylize }) => stylize(`[Agent ${domain}]`, 'special') };
    return Promise.resolve(shown).then(onFulfilled, onRejected);
  };
  return new Proxy(agent, {
    __proto__: null,
    get(target, name) {
      if (name in target) return target[name];
      return (params) => client.callMethod(`${domain}.${name}`, params);
    },
  });
}

class NodeInspector {
  #pendingOutput = { stdout: '', stderr: '' };

  constructor(options, stdin, stdout) {
    this.options = options;
    this.stdin = stdin;
    this.stdout = stdout;
    this.paused = true;
    this.child = null;
    this.repl = null;
    this.client = new InspectClient();
    this.domainNames = ['Debugger', 'HeapProfiler', 'Profiler', 'Runtime'];
    for (const domain of this.domainNames) this[domain] = domainAgent(domain, this.client);
    this.client.on('debugEvent', (method, params) => {
      const dot = method.indexOf('.');
      const domain = method.slice(0, dot);
      if (this.domainNames.includes(domain)) this[domain].emit(method.slice(dot + 1), params);
    });
    const startRepl = createRepl(this);

    process.on('exit', () => this.killChild());
    const exitCleanly = () => process.exit(kNoFailure);
    process.once('SIGTERM', exitCleanly);
    process.once('SIGHUP', exitCleanly);

    (async () => {
      try {
        await this.run();
        this.repl = await startRepl();
        this.repl.on('exit', exitCleanly);
        this.paused = false;
      } catch (error) {
        process.nextTick(() => { throw error; });
      }
    })();
  }

  #startTarget() {
    const { script, scriptArgs, host, port } = this.options;
    if (script === null) return Promise.resolve([null, port, host]);
    return launchChild([script, ...scriptArgs], host, port, (text, stream) => this.childPrint(text, stream));
  }

  // Runs `fn` with the REPL's input paused, then shows the prompt again.
  suspendReplWhile(fn) {
    this.repl?.pause();
    this.stdin.pause();
    this.paused = true;
    return (async () => {
      try {
        await fn();
        this.paused = false;
        if (this.repl) {
          this.repl.resume();
          this.repl.displayPrompt();
        }
        this.stdin.resume();
      } catch (error) {
        process.nextTick(() => { throw error; });
      }
    })();
  }

  killChild() {
    this.client.reset();
    if (this.child) {
      this.child.kill();
      this.child = null;
    }
  }

  async run() {
    this.killChild();
    const [child, port, host] = await this.#startTarget();
    this.child = child;
    this.print(`connecting to ${host}:${port} ..`, false);
    for (let attempt = 0; attempt < 5; attempt++) {
      this.stdout.write('.');
      try {
        await this.client.connect(port, host);
        this.stdout.write(' ok\n');
        return;
      } catch {
        await sleep(1000);
      }
    }
    this.stdout.write(' failed to connect, please retry\n');
    process.exit(kGenericUserError);
  }

  clearLine() {
    if (this.stdout.isTTY) {
      this.stdout.cursorTo(0);
      this.stdout.clearLine(1);
    } else {
      this.stdout.write('\b');
    }
  }

  print(text, appendNewline = false) {
    this.clearLine();
    this.stdout.write(appendNewline ? `${text}\n` : text);
  }

  // The debuggee's output, line by line, each prefixed "< " (a partial line waits for its end).
  childPrint(text, stream) {
    const lines = (this.#pendingOutput[stream] + text).split(/\r\n|\r|\n/);
    this.#pendingOutput[stream] = lines.at(-1) !== '' ? lines.pop() : '';
    const shown = lines.map((line) => `< ${line}`).join('\n');
    if (lines.length) {
      this.print(shown, true);
      if (!this.paused) this.repl.displayPrompt(true);
    }
    if (shown.endsWith('Waiting for the debugger to disconnect...\n')) this.killChild();
  }
}

// The interactive mode's arguments: `script [args]`, `--port=N script [args]`, `host:port`
// or `-p pid`.
function parseInteractiveArgs([target, ...rest]) {
  const options = { host: '127.0.0.1', port: 9229, script: target, scriptArgs: rest };
  const hostPort = /^([^:]+):(\d+)$/.exec(target);
  const portOption = /^--port=(\d+)$/.exec(target);
  if (hostPort !== null) {
    options.host = hostPort[1];
    options.port = Number(hostPort[2]);
    options.script = null;
  } else if (portOption !== null) {
    options.port = Number(portOption[1]);
    options.script = rest[0];
    options.scriptArgs = rest.slice(1);
  } else if (target === '-p' && rest.length === 1 && /^\d+$/.test(rest[0])) {
    const pid = Number(rest[0]);
    try {
      process._debugProcess(pid);
    } catch (error) {
      if (error.code !== 'ESRCH') throw error;
      process.stderr.write(`Target process: ${pid} doesn't exist.\n`);
      process.exit(kGenericUserError);
    }
    options.script = null;
  }
  return options;
}

// Help when asked for before the script (or host:port), as node reads the line.
function wantsHelp(args) {
  for (const arg of args) {
    if (arg === '--help' || arg === '-h') return true;
    if (arg === '--' || !arg.startsWith('-')) return false;
  }
  return false;
}

function start(argv = process.argv.slice(2), stdin = process.stdin, stdout = process.stdout) {
  const invokedAs = `${process.argv0} ${process.argv[1]}`;
  if (argv.length < 1) writeUsageAndExit(invokedAs, kInvalidCommandLineArgument);
  if (wantsHelp(argv)) writeUsageAndExit(invokedAs, kNoFailure);
  if (argv.some((arg) => arg === '--probe' || arg.startsWith('--probe='))) {
    process.stderr.write('anode inspect: probe mode (--probe) is not supported by anode\n');
    process.exit(kInvalidCommandLineArgument);
  }
  const inspector = new NodeInspector(parseInteractiveArgs(argv), stdin, stdout);
  stdin.resume();
  process.on('uncaughtException', (error) => {
    if (error.code === 'ERR_DEBUGGER_STARTUP_ERROR') {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(`There was an internal error in Node.js. Please report this bug.\n${error.message}\n${error.stack}\n`);
    }
    inspector.child?.kill();
    process.exit(kGenericUserError);
  });
}

module.exports = { start };
