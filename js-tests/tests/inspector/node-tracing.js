// The NodeTracing domain: its categories, start's refusals, and what stop hands over (the
// recorded events with the metadata, then the metadata alone, then tracingComplete).
'use strict';
const fs = require('fs');
const { Session } = require('inspector');

const session = new Session();
session.connect();
session.on('inspectorNotification', ({ method, params }) => {
  if (method === 'NodeTracing.dataCollected') {
    const events = params.value.filter((event) => event.cat !== '__metadata').map((event) => `${event.ph} ${event.name}`);
    const metadata = params.value.filter((event) => event.cat === '__metadata' && event.tid === process.pid).map((event) => event.name);
    console.log(method, JSON.stringify(events), JSON.stringify(metadata));
  } else {
    console.log(method);
  }
});
const post = (method, params) => new Promise((resolve) => session.post(method, params, (error, result) => {
  console.log(method, error ? error.message : JSON.stringify(result));
  resolve();
}));

(async () => {
  await post('NodeTracing.getCategories');
  await post('NodeTracing.start');
  await post('NodeTracing.start', { traceConfig: {} });
  await post('NodeTracing.start', { traceConfig: { includedCategories: [] } });
  await post('NodeTracing.stop');
  await post('NodeTracing.start', { traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: ['node.fs.sync'] } });
  await post('NodeTracing.start', { traceConfig: { includedCategories: ['v8'] } });
  fs.readFileSync(__filename);
  await post('NodeTracing.stop');
  session.disconnect();
})();
