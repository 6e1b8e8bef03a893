'use strict';
// Runs a test file as a child process or as a worker in a child process.
// Required: exports runModuleAs(filename, flags, spawnOptions, role), role 'child' or 'worker'.
// Run as the child's main script: loads the file directly, or inside a worker thread.

if (require.main !== module) {
  module.exports = function runModuleAs(filename, flags, spawnOptions, role) {
    const { spawnSync } = require('child_process');
    return spawnSync(process.execPath, [...flags, __filename, role, filename], spawnOptions);
  };
} else {
  const { Worker, isMainThread, workerData } = require('worker_threads');
  const [role, filename] = process.argv.slice(2);
  if (!isMainThread) {
    require(workerData);
  } else if (role === 'worker') {
    new Worker(__filename, { workerData: filename });
  } else {
    require(filename);
  }
}
