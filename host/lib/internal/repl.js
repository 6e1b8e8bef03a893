'use strict';
// The REPL node starts when it has no script to run (internal/main/repl in node).

const kStandaloneREPL = Symbol('kStandaloneREPL');

// Input starting with `{` (and not ending with `;`) is tried as an object first: `{ a: 1 }`
// typed alone means an object, not a block.
function isObjectLiteral(code) {
  return /^\s*{/.test(code) && !/;\s*$/.test(code);
}

// The REPL `node` starts without a script: global context, history in NODE_REPL_HISTORY (or
// ~/.node_repl_history) on a terminal, NODE_REPL_MODE and NODE_NO_READLINE honoured.
function createInternalRepl(env, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  const replOptions = {
    [kStandaloneREPL]: true,
    ignoreUndefined: false,
    useGlobal: true,
    breakEvalOnSigint: true,
    ...options,
  };
  if (Number.parseInt(env.NODE_NO_READLINE)) replOptions.terminal = false;
  const REPL = require('repl');
  if (env.NODE_REPL_MODE) {
    replOptions.replMode = { strict: REPL.REPL_MODE_STRICT, sloppy: REPL.REPL_MODE_SLOPPY }[env.NODE_REPL_MODE.toLowerCase().trim()];
  }
  const size = Number(env.NODE_REPL_HISTORY_SIZE);
  replOptions.size = !Number.isNaN(size) && size > 0 ? size : 1000;
  const onTerminal = 'terminal' in replOptions ? replOptions.terminal : process.stdout.isTTY;
  replOptions.filePath = onTerminal ? env.NODE_REPL_HISTORY : '';
  if (replOptions.replMode === undefined) replOptions.replMode = REPL.REPL_MODE_SLOPPY;
  const repl = REPL.start(replOptions);
  repl.setupHistory({ filePath: replOptions.filePath, size: replOptions.size, onHistoryFileLoaded: callback });
  return repl;
}

module.exports = { kStandaloneREPL, createInternalRepl, isObjectLiteral };
