// node:inspector's in-process Session on V8's inspector: answers reach callbacks before
// post() returns, protocol errors, a pause handled by the session's own listener, vm
// contexts, console messages, CPU profiles and node's errors.
'use strict';
const inspector = require('inspector');
const vm = require('vm');

const session = new inspector.Session();
session.connect();

session.post('Runtime.evaluate', { expression: '6 * 7' }, (err, result) => {
  console.log('evaluate:', err, result.result.value);
});
console.log('post returned');

session.post('Nope.method', (err) => console.log('unknown method:', err.code, err.message));

const contexts = [];
session.on('Runtime.executionContextCreated', ({ params }) => {
  contexts.push(`${params.context.name} isDefault=${params.context.auxData.isDefault}`);
});
session.post('Runtime.enable');
vm.createContext({}, { name: 'my context' });
vm.createContext({});
console.log('contexts:', contexts.slice(1).join(', '));
console.log('main context named after pid:', contexts[0].includes(`[${process.pid}]`));

const consoleCalls = [];
session.on('Runtime.consoleAPICalled', ({ params }) => {
  consoleCalls.push(`${params.type}(${params.args.map((arg) => arg.value).join(',')}) in ${params.stackTrace.callFrames[0].functionName}`);
});
function logSomething() {
  console.log('to the console', 1);
  console.warn('a warning');
}
logSomething();
console.log('console calls seen:', consoleCalls.join('; '));

session.post('Debugger.enable');
session.once('Debugger.paused', ({ params }) => {
  const frame = params.callFrames[0];
  session.post('Debugger.evaluateOnCallFrame', { callFrameId: frame.callFrameId, expression: 'local * 2' }, (err, result) => {
    console.log(`paused in ${frame.functionName} (${params.reason}): local * 2 =`, result.result.value);
  });
  session.post('Debugger.resume');
});
function withBreak() {
  const local = 21;
  debugger;
  return local;
}
console.log('withBreak returned', withBreak());

session.post('Profiler.enable');
session.post('Profiler.start');
let sum = 0;
for (let i = 0; i < 1e5; i++) sum += i;
session.post('Profiler.stop', (err, { profile }) => {
  console.log('profile has nodes and samples:', profile.nodes.length > 0, Array.isArray(profile.samples));
});

const errors = [
  () => new inspector.Session().post('Runtime.enable'),
  () => session.post(42),
  () => session.post('Runtime.evaluate', 'params'),
  () => session.post('Runtime.evaluate', {}, 'callback'),
  () => session.connectToMainThread(),
  () => inspector.waitForDebugger(),
];
try {
  session.connect();
} catch (err) {
  console.log(err.name, err.code, err.message);
}
session.disconnect();
for (const fn of errors) {
  try {
    fn();
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
}

// A request still pending at disconnect is answered then.
const other = new inspector.Session();
other.connect();
other.post('Runtime.evaluate', { expression: 'new Promise(() => {})', awaitPromise: true }, (err) => {
  console.log('pending at disconnect:', err.code, err.message);
});
other.disconnect();
console.log('url:', inspector.url(), 'console is V8\'s:', typeof inspector.console.log);

(async () => {
  const { Session } = require('inspector/promises');
  const promised = new Session();
  promised.connect();
  const { result } = await promised.post('Runtime.evaluate', { expression: '"promised"' });
  console.log('inspector/promises:', result.value);
  await promised.post('Nope.method').catch((err) => console.log('rejected:', err.code));
  promised.disconnect();
})();
