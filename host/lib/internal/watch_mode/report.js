'use strict';
// In a program run by watch mode, each module loaded is reported to the watching parent
// over IPC ({ 'watch:require': [filename] } or { 'watch:import': [url] }), as node's are.
function reportToWatchMode(kind, id) {
  if (process.env.WATCH_REPORT_DEPENDENCIES && typeof process.send === 'function') {
    process.send({ [`watch:${kind}`]: [id] });
  }
}

module.exports = { reportToWatchMode };
