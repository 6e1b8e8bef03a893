'use strict';
// process.getActiveResourcesInfo(), _getActiveHandles() and _getActiveRequests(). Node keeps
// every handle and request in two native queues; here each module that owns handles or
// requests lists its live ones when asked (nothing is paid until then). A handle source yields
// objects with hasRef() and [kResourceName] (node's wrap names: 'TCPSocketWrap', 'UDPWrap',
// ...), and the object _getActiveHandles returns is the handle's owner when it has one (the
// net.Socket of a TCP handle), as node's owner_symbol. A request source yields requests with
// [kResourceName]; only the refed ones of both count, as in node.

const kResourceName = Symbol('kResourceName');
const handleSources = [];
const requestSources = [];

function addHandleSource(source) {
  handleSources.push(source);
}

function addRequestSource(source) {
  requestSources.push(source);
}

function* activeHandles() {
  for (const source of handleSources) {
    for (const handle of source()) if (handle.hasRef()) yield handle;
  }
}

function* activeRequests() {
  for (const source of requestSources) yield* source();
}

const ownerOf = (handle) => handle.owner ?? handle;

function install(process) {
  process._getActiveHandles = function _getActiveHandles() {
    return Array.from(activeHandles(), ownerOf);
  };
  process._getActiveRequests = function _getActiveRequests() {
    return Array.from(activeRequests());
  };
  process.getActiveResourcesInfo = function getActiveResourcesInfo() {
    const { timeouts, immediates } = require('internal/timers').activeTimerCounts();
    return [
      ...Array.from(activeRequests(), (request) => request[kResourceName]),
      ...Array.from(activeHandles(), (handle) => handle[kResourceName]),
      ...new Array(timeouts).fill('Timeout'),
      ...new Array(immediates).fill('Immediate'),
    ];
  };
}

module.exports = { kResourceName, addHandleSource, addRequestSource, install };
