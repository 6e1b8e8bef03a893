'use strict';
// `anode inspect`: node's command-line debugger. It starts the script in a child process
// paused on its first line (--inspect-brk), or attaches to a server at host:port, connects
// to the inspector over WebSocket and runs the `debug>` REPL (internal/debugger/inspect_repl).

const { EventEmitter } = require('events');
const util = require('util');
const { setTimeout: sleep } = require('timers/promises');
const { InspectClient } = require('internal/debugger/inspect_client');
const { launchChildProcess, writeInspectUsageAndExit } = require('internal/debugger/inspect_helpers');
const { parseProbeTokens, runProbeMode } = require('internal/debugger/inspect_probe');
const createRepl = require('internal/debugger/inspect_repl');

const kNoFailure = 0;
const kGenericUserError = 1;
const kInvalidCommandLineArgument = 9;

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
    return launchChildProcess([script, ...scriptArgs], host, port, (text, stream) => this.childPrint(text, stream));
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

// The options either mode knows, for telling them apart (util.parseArgs, not strict).
const kInspectArgOptions = {
  __proto__: null,
  'expr': { type: 'string' },
  'help': { type: 'boolean', short: 'h' },
  'json': { type: 'boolean' },
  'max-hit': { type: 'string' },
  'port': { type: 'string' },
  'preview': { type: 'boolean' },
  'probe': { type: 'string' },
  'timeout': { type: 'string' },
};

// 'help', 'probe' or 'interactive', from the options before the script (or `--`): the
// first --help or --probe decides. `--probe --help` asks for help, not for a probe at
// "--help".
function parseInspectMode(args) {
  const { tokens } = util.parseArgs({ args, allowPositionals: true, options: kInspectArgOptions, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'option-terminator' || token.kind === 'positional') break;
    if (token.name === 'help') return { mode: 'help' };
    if (token.name === 'probe') {
      if (!token.inlineValue && (token.value === '--help' || token.value === '-h')) return { mode: 'help' };
      return { mode: 'probe', tokens };
    }
  }
  return { mode: 'interactive' };
}

function start(argv = process.argv.slice(2), stdin = process.stdin, stdout = process.stdout) {
  const invokedAs = `${process.argv0} ${process.argv[1]}`;
  if (argv.length < 1) writeInspectUsageAndExit(invokedAs, undefined, kInvalidCommandLineArgument);
  const { mode, tokens } = parseInspectMode(argv);
  if (mode === 'help') writeInspectUsageAndExit(invokedAs);
  if (mode === 'probe') {
    let options;
    try {
      options = parseProbeTokens(tokens, argv);
    } catch (error) {
      writeInspectUsageAndExit(invokedAs, error.message, kInvalidCommandLineArgument);
    }
    runProbeMode(stdout, options);
    return;
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
