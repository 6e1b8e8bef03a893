'use strict';
// The color depth (bits) a terminal supports, judged from the environment as node does:
// FORCE_COLOR first, then NO_COLOR / NODE_DISABLE_COLORS / TERM=dumb, tmux, CI services,
// TeamCity, the terminal program and TERM / COLORTERM.

const COLORS_2 = 1;
const COLORS_16 = 4;
const COLORS_256 = 8;
const COLORS_16m = 24;

const termDepths = {
  __proto__: null,
  eterm: COLORS_16, cons25: COLORS_16, console: COLORS_16, cygwin: COLORS_16, dtterm: COLORS_16,
  gnome: COLORS_16, hurd: COLORS_16, jfbterm: COLORS_16, konsole: COLORS_16, kterm: COLORS_16,
  mlterm: COLORS_16, mosh: COLORS_16m, putty: COLORS_16, st: COLORS_16, 'rxvt-unicode-24bit': COLORS_16m,
  terminator: COLORS_16m, 'xterm-kitty': COLORS_16m,
};
const ciDepths = [['APPVEYOR', COLORS_256], ['BUILDKITE', COLORS_256], ['CIRCLECI', COLORS_16m], ['DRONE', COLORS_256],
  ['GITEA_ACTIONS', COLORS_16m], ['GITHUB_ACTIONS', COLORS_16m], ['GITLAB_CI', COLORS_256], ['TRAVIS', COLORS_256]];
const colorTerms = [/ansi/, /color/, /linux/, /direct/, /^con[0-9]*x[0-9]/, /^rxvt/, /^screen/, /^xterm/, /^vt100/, /^vt220/];

let warnedIgnored = false;
function warnIgnoredDisables(env) {
  if (warnedIgnored) return;
  const names = [];
  if (env.NODE_DISABLE_COLORS) names.push('NODE_DISABLE_COLORS');
  if (env.NO_COLOR) names.push('NO_COLOR');
  if (names.length === 0) return;
  warnedIgnored = true;
  process.emitWarning(`The '${names.join("' and '")}' env is ignored due to the 'FORCE_COLOR' env being set.`, 'Warning');
}

function getColorDepth(env = process.env) {
  if (env.FORCE_COLOR !== undefined) {
    switch (env.FORCE_COLOR) {
      case '':
      case '1':
      case 'true':
        warnIgnoredDisables(env);
        return COLORS_16;
      case '2':
        warnIgnoredDisables(env);
        return COLORS_256;
      case '3':
        warnIgnoredDisables(env);
        return COLORS_16m;
      default:
        return COLORS_2;
    }
  }
  // Empty values do not disable colors.
  if (env.NODE_DISABLE_COLORS || env.NO_COLOR || env.TERM === 'dumb') return COLORS_2;
  if (env.TMUX) return COLORS_16m;
  if (env.CI) {
    for (const [name, depth] of ciDepths) if (name in env) return depth;
    return env.CI_NAME === 'codeship' ? COLORS_256 : COLORS_2;
  }
  if ('TEAMCITY_VERSION' in env) return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION) ? COLORS_16 : COLORS_2;
  switch (env.TERM_PROGRAM) {
    case 'iTerm.app':
      if (!env.TERM_PROGRAM_VERSION || /^[0-2]\./.test(env.TERM_PROGRAM_VERSION)) return COLORS_256;
      return COLORS_16m;
    case 'HyperTerm':
    case 'MacTerm':
      return COLORS_16m;
    case 'Apple_Terminal':
      return COLORS_256;
  }
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return COLORS_16m;
  if (env.TERM) {
    if (/truecolor/.test(env.TERM)) return COLORS_16m;
    if (/^xterm-256/.test(env.TERM)) return COLORS_256;
    const term = env.TERM.toLowerCase();
    if (termDepths[term]) return termDepths[term];
    if (colorTerms.some((pattern) => pattern.test(term))) return COLORS_16;
  }
  if (env.COLORTERM) return COLORS_16;
  return COLORS_2;
}

// Whether to write colours to `stream`: FORCE_COLOR decides for all streams, else a terminal
// with more than two colours (tty.WriteStream's getColorDepth heuristics).
function shouldColorize(stream) {
  if (process.env.FORCE_COLOR !== undefined) return getColorDepth() > 2;
  return Boolean(stream?.isTTY) && (typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true);
}

// uv_tty_init's failure, as node's SystemError ERR_TTY_INIT_FAILED.
function ttyInitFailed(errno) {
  const { getSystemErrorName, getSystemErrorMessage } = require('util');
  const info = { errno, code: getSystemErrorName(errno), message: getSystemErrorMessage(errno), syscall: 'uv_tty_init' };
  const err = new Error(`TTY initialization failed: uv_tty_init returned ${info.code} (${info.message})`);
  Object.defineProperty(err, 'name', { value: 'SystemError', configurable: true, writable: true });
  err.stack = `SystemError [ERR_TTY_INIT_FAILED]: ${err.message}${err.stack.slice(err.stack.indexOf('\n'))}`;
  Object.assign(err, { code: 'ERR_TTY_INIT_FAILED', info, errno, syscall: 'uv_tty_init' });
  return err;
}

// A terminal's handle, as node's TTY wrap: a stream handle of net.rs over the terminal (its
// slave side opened anew, else a copy of fd, so that fd itself stays open and the shell's
// file stays blocking), with raw mode and window size.
let TTYHandle;
function ttyHandleClass() {
  if (TTYHandle) return TTYHandle;
  require('net');
  const netBinding = binding.net();
  const ttyBinding = binding.tty();
  TTYHandle = class TTYHandle extends internals.NetNativeHandle {
    constructor(fd) {
      const id = netBinding.openTty(fd);
      if (id < 0) throw ttyInitFailed(id);
      super('TTY', id);
      this.ttyFd = fd;
    }

    // 0, or the negative errno of the failed tcsetattr.
    setRawMode(flag) {
      return -ttyBinding.setRawMode(this.ttyFd, flag);
    }

    getWindowSize(size) {
      const dimensions = ttyBinding.windowSize(this.ttyFd);
      if (dimensions === undefined) return -25; // ENOTTY
      [size[0], size[1]] = dimensions;
      return 0;
    }

    setBlocking() {
      return 0;
    }
  };
  return TTYHandle;
}

module.exports = { getColorDepth, shouldColorize, ttyHandleClass, ttyInitFailed };
