'use strict';
// child_process: the synchronous API (spawn/exec with streams come with issue 8).

const { Buffer } = require('buffer');
const { invalidArgType } = require('internal/errors');

const signals = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15 };

function normalizeStdio(stdio) {
  if (stdio === undefined) return ['pipe', 'pipe', 'pipe'];
  if (typeof stdio === 'string') return [stdio, stdio, stdio];
  return [0, 1, 2].map((fd) => {
    const entry = stdio[fd];
    if (entry === undefined || entry === null || entry === 'pipe' || entry === 'overlapped') return 'pipe';
    if (entry === fd || entry === 'inherit' || entry === process[['stdin', 'stdout', 'stderr'][fd]]) return 'inherit';
    if (typeof entry === 'number') return 'inherit';
    return entry === 'ignore' ? 'ignore' : 'pipe';
  });
}

function spawnSync(file, args, options) {
  if (typeof file !== 'string') throw invalidArgType('file', 'of type string', file);
  if (!Array.isArray(args)) {
    options = args;
    args = [];
  }
  options = { ...options };
  let command = file;
  let argv = args.map(String);
  if (options.shell) {
    const shell = typeof options.shell === 'string' ? options.shell : '/bin/sh';
    argv = ['-c', [file, ...argv].join(' ')];
    command = shell;
  }
  const env = Object.entries(options.env ?? process.env).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`);
  let input = options.input;
  if (typeof input === 'string') input = Buffer.from(input, options.encoding && options.encoding !== 'buffer' ? options.encoding : 'utf8');
  const killSignal = typeof options.killSignal === 'string' ? signals[options.killSignal] : options.killSignal;
  const raw = binding.spawnSync(command, argv, options.cwd ?? null, env, input, normalizeStdio(options.stdio),
    options.timeout ?? 0, killSignal ?? signals.SIGTERM);
  if (raw.error) {
    const error = new Error(`spawnSync ${command} ${raw.error}`);
    Object.assign(error, { errno: raw.errno, code: raw.error, syscall: `spawnSync ${command}`, path: command, spawnargs: argv });
    return { error, status: null, signal: null, output: null, pid: 0, stdout: null, stderr: null };
  }
  const decode = (bytes) => {
    if (bytes === null) return null;
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    return options.encoding && options.encoding !== 'buffer' ? buffer.toString(options.encoding) : buffer;
  };
  const stdout = decode(raw.stdout);
  const stderr = decode(raw.stderr);
  return { pid: raw.pid, output: [null, stdout, stderr], stdout, stderr, status: raw.status, signal: raw.signal };
}

function checkExecResult(result, commandText) {
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const stderr = result.stderr ? result.stderr.toString() : '';
    const error = new Error(`Command failed: ${commandText}${stderr ? `\n${stderr}` : ''}`);
    Object.assign(error, { status: result.status, signal: result.signal, output: result.output, pid: result.pid, stdout: result.stdout, stderr: result.stderr });
    throw error;
  }
  return result.stdout;
}

function execSync(command, options = {}) {
  const stdio = options.stdio ?? ['pipe', 'pipe', 'inherit'];
  const result = spawnSync(command, [], { ...options, shell: options.shell ?? true, stdio });
  return checkExecResult(result, command);
}

function execFileSync(file, args, options) {
  if (!Array.isArray(args)) {
    options = args;
    args = [];
  }
  options = { stdio: ['pipe', 'pipe', 'inherit'], ...options };
  return checkExecResult(spawnSync(file, args, options), [file, ...args].join(' '));
}

module.exports = { spawnSync, execSync, execFileSync };
