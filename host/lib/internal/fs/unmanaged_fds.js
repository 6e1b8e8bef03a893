'use strict';
// A worker's "unmanaged" file descriptors: those fs.open and fs.openSync gave out (not
// FileHandles). With the Worker's trackUnmanagedFds (on by default) they are closed when the
// worker's thread ends, and node's warnings tell of one opened twice or closed without
// having been opened so. The main thread tracks none.

let tracked;

// The tracked descriptors, or null when this thread tracks none.
function trackedFds() {
  if (tracked === undefined) {
    const { isMainThread, isInternalThread } = binding.config;
    // worker_threads defines internals.tracksUnmanagedFds (what the Worker was given).
    tracked = !isMainThread && !isInternalThread && (require('worker_threads'), internals.tracksUnmanagedFds())
      ? new Set() : null;
  }
  return tracked;
}

function unmanagedFdOpened(fd) {
  const fds = trackedFds();
  if (fds === null) return fd;
  if (fds.has(fd)) process.emitWarning(`File descriptor ${fd} opened in unmanaged mode twice`);
  else fds.add(fd);
  return fd;
}

function unmanagedFdClosed(fd) {
  const fds = trackedFds();
  if (fds !== null && !fds.delete(fd)) process.emitWarning(`File descriptor ${fd} closed but not opened in unmanaged mode`);
}

// At the worker thread's end (after 'exit', or when terminated).
internals.closeUnmanagedFds = function () {
  if (!tracked) return;
  const { closeSync } = require('fs');
  for (const fd of tracked) {
    try {
      closeSync(fd);
    } catch {
      // Closed behind fs's back: nothing left to do.
    }
  }
  tracked.clear();
};

module.exports = { unmanagedFdOpened, unmanagedFdClosed };
