// A worker's session on the main thread (connectToMainThread): the main thread stays
// paused at a breakpoint, taking the worker's messages, until the worker resumes it.
'use strict';
const { Worker, isMainThread, parentPort } = require('worker_threads');

if (isMainThread) {
  const worker = new Worker(__filename);
  worker.on('message', (message) => {
    if (message !== 'ready') return console.log('main heard:', message);
    function paused() {
      const secret = 'kept on the main thread';
      debugger;
      return secret;
    }
    console.log('main: paused() returned', paused());
    worker.postMessage('done');
  });
  worker.on('exit', (code) => console.log('worker exit', code));
} else {
  const { Session } = require('inspector/promises');
  // Waiting for the main thread's answers does not keep a worker alive.
  const keepAlive = setInterval(() => {}, 1000);
  const session = new Session();
  session.connectToMainThread();
  session.once('Debugger.paused', async ({ params }) => {
    const { result } = await session.post('Debugger.evaluateOnCallFrame', {
      callFrameId: params.callFrames[0].callFrameId,
      expression: 'secret',
    });
    parentPort.postMessage(`paused in ${params.callFrames[0].functionName}, secret = ${result.value}`);
    await session.post('Debugger.resume');
  });
  session.post('Debugger.enable').then(() => parentPort.postMessage('ready'));
  parentPort.once('message', () => {
    session.disconnect();
    clearInterval(keepAlive);
    parentPort.close();
  });
}
