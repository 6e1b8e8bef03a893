'use strict';
// Whether this process was started with an inspector flag, and the ports its child processes
// (cluster workers, test files) get theirs on.

const { validatePort } = require('internal/netaddr');

const kInspectArgRegex = /--inspect(?:-brk|-port)?|--debug-port/;
// What an inspected child writes to stderr about its inspector (passed through by the test runner).
const kInspectMsgRegex = /Debugger listening on ws:\/\/\[?(.+?)\]?:(\d+)\/|For help, see: https:\/\/nodejs\.org\/en\/docs\/inspector|Debugger attached|Waiting for the debugger to disconnect\.\.\./;

function isUsingInspector(execArgv = process.execArgv) {
  return execArgv.some((arg) => kInspectArgRegex.test(arg)) || kInspectArgRegex.test(process.env.NODE_OPTIONS ?? '');
}

// The given port (or what a function gives), else the process's next one after its own
// (wrapping past 65535 to 1024).
let debugPortOffset = 1;
function getInspectPort(inspectPort) {
  if (typeof inspectPort === 'function') {
    inspectPort = inspectPort();
  } else if (inspectPort === undefined || inspectPort === null) {
    inspectPort = process.debugPort + debugPortOffset++;
    if (inspectPort > 65535) inspectPort = inspectPort - 65535 + 1024 - 1;
  }
  validatePort(inspectPort);
  return inspectPort;
}

function isInspectorMessage(line) {
  return isUsingInspector() && kInspectMsgRegex.test(line);
}

module.exports = { isUsingInspector, getInspectPort, isInspectorMessage };
