// The NodeWorker domain: enable's parameters, the workers it attaches to (running ones as
// it is enabled, then new ones), messages to and from a worker's inspector, detach, and the
// detach a worker's end makes.
'use strict';
const { Session } = require('inspector');
const { Worker, isMainThread, parentPort } = require('worker_threads');

if (!isMainThread) {
  parentPort.once('message', () => {});
  return;
}

const session = new Session();
session.connect();
// The worker's answer is printed once the command that sent it has been answered: it comes
// from another thread, before or after that answer (node's sometimes before, anode's after).
const fromWorker = 'NodeWorker.receivedMessageFromWorker';
session.on('inspectorNotification', ({ method, params }) => method !== fromWorker && console.log(method, JSON.stringify(params)));
const post = (method, params) => new Promise((resolve) => session.post(method, params, (error, result) => {
  console.log(method, error ? error.message : JSON.stringify(result));
  resolve(result);
}));
const attached = () => new Promise((resolve) => session.once('NodeWorker.attachedToWorker', ({ params }) => resolve(params)));
const exited = (worker) => new Promise((resolve) => worker.once('exit', resolve));

(async () => {
  await post('NodeWorker.enable');
  await post('NodeWorker.enable', { waitForDebuggerOnStart: 1 });
  const running = new Worker(__filename, { name: 'first' });
  await new Promise((resolve) => running.once('online', resolve));
  await new Promise((resolve) => setTimeout(resolve, 100));
  const first = attached();
  await post('NodeWorker.enable', { waitForDebuggerOnStart: false });
  const { sessionId } = await first;
  const answered = new Promise((resolve) => session.once('NodeWorker.receivedMessageFromWorker', resolve));
  await post('NodeWorker.sendMessageToWorker', {
    sessionId, message: JSON.stringify({ id: 7, method: 'Runtime.evaluate', params: { expression: '6 * 7' } }),
  });
  const answer = await answered;
  console.log(fromWorker, JSON.stringify(answer.params));
  await post('NodeWorker.sendMessageToWorker', { sessionId: 'none', message: '{}' });
  await post('NodeWorker.detach', { sessionId });
  await post('NodeWorker.detach', { sessionId });
  await post('NodeWorker.detach');
  const second = attached();
  const evaluated = new Worker('setTimeout(() => {}, 50)', { eval: true });
  await second;
  await exited(evaluated);
  await post('NodeWorker.disable');
  running.postMessage('done');
  await exited(running);
  session.disconnect();
})();
