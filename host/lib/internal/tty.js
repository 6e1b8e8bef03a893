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

module.exports = { getColorDepth, shouldColorize };
