'use strict';
// --watch: runs the program in a child process (the same command line without the watch
// options) and starts it again when a file it loaded changes (or, with --watch-path,
// anything under those paths), printing what node prints.
const { spawn } = require('child_process');
const { once } = require('events');
const path = require('path');
const { inspect } = require('util');
const { constants: { signals } } = require('os');
const { codedError } = require('internal/errors');
const { FilesWatcher } = require('internal/watch_mode/files_watcher');
const { green, blue, red, white, clear } = require('internal/util/colors');

const option = internals.getOptionValue;

function validSignal(name) {
  if (signals[name] === undefined) throw codedError(TypeError, 'ERR_UNKNOWN_SIGNAL', `Unknown signal: ${name}`);
  return name;
}

const killSignal = validSignal(option('--watch-kill-signal') || 'SIGTERM');
const watchedPaths = option('--watch-path').map((p) => path.resolve(p));
const filterModules = watchedPaths.length === 0;
const preserveOutput = option('--watch-preserve-output');
const command = process.argv.slice(1);
const commandText = inspect(command.join(' '));

// The options of this process without the watch ones (and their values).
function withoutWatchOptions(args) {
  const kept = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--watch' || arg === '--watch-preserve-output' || arg === '--no-watch-preserve-output') continue;
    if (/^--(no-)?watch(-preserve-output)?=/.test(arg)) continue;
    if (arg === '--watch-path' || arg === '--watch-kill-signal') {
      i++;
      continue;
    }
    if (arg.startsWith('--watch-path=') || arg.startsWith('--watch-kill-signal=')) continue;
    kept.push(arg);
  }
  return kept;
}

// NODE_OPTIONS without the watch options, so that the child does not watch too.
function nodeOptionsWithoutWatch(text) {
  if (text === undefined) return undefined;
  const words = text.match(/"[^"]*"|\S+/g) ?? [];
  const unquoted = words.map((word) => (word.startsWith('"') ? word.slice(1, -1) : word));
  return withoutWatchOptions(unquoted).map((word) => (word.includes(' ') ? `"${word}"` : word)).join(' ');
}

const childArgs = [...withoutWatchOptions(process.execArgv), ...command];
const childNodeOptions = nodeOptionsWithoutWatch(process.env.NODE_OPTIONS);

const watcher = new FilesWatcher({ debounce: 200, mode: filterModules ? 'filter' : 'all' });
for (const watched of watchedPaths) watcher.watchPath(watched);

let child;
let childExit;
// Run under a parent with an IPC channel, messages pass between that parent and the program.
let passIPC;
let exited = false;
let stopping = false;
let restarting = false;

function start() {
  exited = false;
  stopping = false;
  const env = { ...process.env, WATCH_REPORT_DEPENDENCIES: '1' };
  if (childNodeOptions === undefined) delete env.NODE_OPTIONS;
  else env.NODE_OPTIONS = childNodeOptions;
  child = spawn(process.execPath, childArgs, {
    stdio: filterModules ? ['inherit', 'inherit', 'inherit', 'ipc'] : 'inherit',
    env,
  });
  watcher.watchChildProcessModules(child);
  if (typeof process.send === 'function' && child.send !== undefined) {
    const program = child;
    passIPC = {
      down: (message) => program.send(message),
      up: (message) => process.send(message),
      remove() {
        process.off('message', this.down);
        program.off('message', this.up);
      },
    };
    process.on('message', passIPC.down);
    child.on('message', passIPC.up);
  }
  for (const file of option('--env-file')) watcher.filterFile(path.resolve(file));
  for (const file of option('--env-file-if-exists')) watcher.filterFile(path.resolve(file), undefined, { allowMissing: true });
  childExit = once(child, 'exit').then(([code]) => {
    exited = true;
    if (!stopping) {
      const waiting = 'Waiting for file changes before restarting...';
      const outcome = code === 0 ? `${blue}Completed` : `${red}Failed`;
      process.stdout.write(`${outcome} running ${commandText}. ${waiting}${white}\n`);
    }
    return code;
  });
}

async function killAndWait(signal, force) {
  if (child === undefined || ((child.killed || exited) && !force)) return undefined;
  stopping = true;
  if (!exited && child.exitCode === null && child.signalCode === null) child.kill(signal);
  return childExit;
}

// A program slow to stop (over half a second) is announced, and its restart confirmed.
async function stop() {
  passIPC?.remove();
  passIPC = undefined;
  watcher.clearFileFilters();
  let announced = false;
  const timer = setTimeout(() => {
    announced = true;
    process.stdout.write(`${blue}Waiting for graceful termination...${white}\n`);
  }, 500).unref();
  await killAndWait(killSignal, false);
  clearTimeout(timer);
  if (announced) {
    if (!preserveOutput) process.stdout.write(clear);
    process.stdout.write(`${green}Gracefully restarted ${commandText}${white}\n`);
  }
}

async function restart(trigger) {
  if (restarting) return;
  restarting = true;
  try {
    if (!preserveOutput) process.stdout.write(clear);
    if (trigger) process.stdout.write(`${blue}Change detected in ${inspect(trigger)}${white}\n`);
    process.stdout.write(`${green}Restarting ${commandText}${white}\n`);
    await stop();
    start();
  } finally {
    restarting = false;
  }
}

start();
const onChange = ({ trigger }) => restart(trigger);
watcher.on('changed', onChange);
watcher.on('error', (error) => {
  watcher.off('changed', onChange);
  process.nextTick(() => { throw error; });
});

// Stopped by a signal, the watcher passes it on and leaves with the program's exit code.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, async () => {
    watcher.clear();
    const code = await killAndWait(signal, true);
    process.exit(code ?? 0);
  });
}
