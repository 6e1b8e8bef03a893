// Async stack traces on an in-process session: once Debugger.setAsyncCallStackDepth asks for
// them, a pause in a timer's callback shows where the timer was set, as a 'Timeout' parent.
'use strict';
const inspector = require('inspector');

const session = new inspector.Session();
session.connect();
session.on('Debugger.paused', ({ params }) => {
  const parent = params.asyncStackTrace;
  console.log('paused in', params.callFrames[0].functionName || '(anonymous)');
  console.log('async parent:', parent?.description, parent?.callFrames.some((frame) => frame.functionName === 'scheduleTimer'));
  session.post('Debugger.resume');
});
session.post('Debugger.enable');
session.post('Debugger.setAsyncCallStackDepth', { maxDepth: 10 }, (error, result) => console.log('depth set:', error, result));

function scheduleTimer() {
  setTimeout(function onTimer() {
    debugger;
    session.post('Debugger.setAsyncCallStackDepth', { maxDepth: 0 });
    setTimeout(function withoutAsyncTraces() {
      debugger;
      session.disconnect();
    }, 1);
  }, 1);
}
scheduleTimer();
