// inspector.waitForDebugger(): ERR_INSPECTOR_NOT_ACTIVE with no session; with one, the main
// thread blocks until a session sends Runtime.runIfWaitingForDebugger (here a worker's).
'use strict';
const { Worker, isMainThread } = require('worker_threads');
const { Session, waitForDebugger } = require('inspector');

if (isMainThread) {
  try {
    waitForDebugger();
  } catch (err) {
    console.log(err.code, err.message);
  }
  const session = new Session();
  session.connect();
  const worker = new Worker(__filename);
  waitForDebugger();
  console.log('released by the worker');
  session.disconnect();
  worker.on('exit', (code) => console.log('worker exit', code));
} else {
  const session = new Session();
  session.connectToMainThread();
  const keepAlive = setInterval(() => {}, 1000);
  session.post('Runtime.runIfWaitingForDebugger', () => {
    session.disconnect();
    clearInterval(keepAlive);
  });
}
