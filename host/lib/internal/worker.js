'use strict';
// worker_threads' environment data: a Map each worker starts with a copy of, taken from the
// thread that made it when it was made (worker_threads.setEnvironmentData/getEnvironmentData).

let environmentData = null;
// What this thread inherited; a worker's comes with what its parent sent, read on first use.
let inherited = () => undefined;

function environmentDataMap() {
  environmentData ??= new Map(inherited() ?? []);
  return environmentData;
}

function inheritEnvironmentData(source) {
  inherited = source;
}

function assignEnvironmentData(data) {
  if (data === undefined) return;
  environmentData = new Map(data);
}

function getEnvironmentData(key) {
  return environmentDataMap().get(key);
}

// An undefined value removes the key.
function setEnvironmentData(key, value) {
  if (value === undefined) environmentDataMap().delete(key);
  else environmentDataMap().set(key, value);
}

module.exports = { assignEnvironmentData, environmentDataMap, getEnvironmentData, inheritEnvironmentData, setEnvironmentData };
