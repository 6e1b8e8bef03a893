'use strict';
// What `anode inspect`'s two modes share: its usage text, starting the debuggee under
// --inspect-brk and waiting for it to say where its inspector listens.

const { spawn } = require('child_process');
const net = require('net');
const { setTimeout: sleep } = require('timers/promises');
const { codedError } = require('internal/errors');

const kInvalidCommandLineArgument = 9;

const startupError = (message) => codedError(Error, 'ERR_DEBUGGER_STARTUP_ERROR', message);

const ensureTrailingNewline = (text) => (text.endsWith('\n') ? text : `${text}\n`);

// The usage, after `message` when there is one: on stdout with status 0 when asked for,
// otherwise on stderr with `exitCode` (9 by default after a message).
function writeInspectUsageAndExit(invokedAs, message, exitCode) {
  const code = exitCode ?? (message ? kInvalidCommandLineArgument : 0);
  const out = code === 0 ? process.stdout : process.stderr;
  if (message) out.write(`${message}\n`);
  out.write(`Usage: ${invokedAs} [--port=<port>] [<node-option> ...]
                      [<script> [<script-args>] | <host>:<port> | -p <pid>]
       ${invokedAs} --probe <file>:<line>[:<col>] --expr <expr> [--max-hit <n>]
                      [--probe <file>:<line>[:<col>] --expr <expr> [--max-hit <n>] ...]
                      [--json] [--preview] [--timeout=<ms>] [--port=<port>]
                      [--] [<node-option> ...] <script> [<script-args> ...]

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

Non-interactive probe mode: Evaluates expressions whenever execution reaches
specified source locations and prints all the evaluation results to stdout.

Example:
  $ node inspect --probe app.js:10 --expr "user"
                 --probe src/utils.js:5:15 --expr "config.options"
                 --json --preview -- --no-warnings app.js --arg-for-app=foo

Options:
  --probe <file>:<line>[:<col>]
                    Source location of the probe. <file> is matched as a
                    path suffix of every loaded script URL, anchored on
                    a path separator. <line> and the optional <col> are
                    1-based. If <col> is omitted, the probe binds to
                    the first executable column on the line. This option
                    must be immediately followed by a pairing --expr.
  --expr <expr>     Expression to evaluate in the lexical scope of the
                    preceding --probe each time execution reaches it.
                    Avoid probing let/const-bound variables at their
                    declaration site or a ReferenceError may be thrown.
  --max-hit <n>     Per-probe limit on evaluated hits. When not specified,
                    there's no hit limit. When any probe reaches its hit LIMIT,
                    the probing process will detach and report the results.
                    The probed process will continue to run.
  --json            Output JSON if specified, otherwise human-readable text.
  --preview         Include V8 object previews in JSON output.
  --timeout <ms>    Global session timeout (default: 30000).
  --port <port>     Inspector port for the debuggee (default: 0 = random).

Semantics:
* Multiple --probe/--expr pairs are allowed. Same-location --probes share
  a pause and scope, their --exprs are evaluated in command-line order.
* --probe utils.js:<line>[:<col>] matches every loaded utils.js. Pass a
  fuller path e.g. src/utils.js to narrow the match.
* Use -- before any Node.js flags intended for the child process.
* Target errors are surfaced in the report as a terminal 'error' event.
  The probing process exits 0 unless it encounters an error itself.

See https://nodejs.org/api/debugger.html for details, including the
probe output schema.
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

// Starts `childArgs` (node options, then the script and its arguments) paused on the first
// line under an inspector on `port`; resolves to [child, port, host] once the child says
// where its inspector listens. A child that exits or fails to start first rejects with a
// startup error carrying what it wrote to stderr (`childStderr`).
async function launchChildProcess(childArgs, host, port, childOutput, { skipPortPreflight = false } = {}) {
  if (!skipPortPreflight) await waitForFreePort(host, port);
  const child = spawn(process.execPath, [`--inspect-brk=${port}`, ...childArgs]);
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk) => childOutput(chunk, 'stdout'));
  child.stderr.on('data', (chunk) => childOutput(chunk, 'stderr'));
  let stderrText = '';
  return new Promise((resolve, reject) => {
    const fail = (message) => {
      const error = startupError(message);
      error.childStderr = stderrText;
      reject(error);
    };
    const onExit = (code, signal) => {
      fail(`Target exited before the inspector was ready${signal !== null ? ` (${signal})` : ` (code ${code})`}`);
    };
    const onError = (error) => fail(error.message);
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

module.exports = { ensureTrailingNewline, launchChildProcess, startupError, writeInspectUsageAndExit };
