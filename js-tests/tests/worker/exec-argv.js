// A worker's execArgv: its own process.execArgv and node options on top of its parent's;
// options that act on the whole process, V8's and unknown ones are refused with node's error,
// as is a bad NODE_OPTIONS in an env table the Worker is given.
const { Worker, isMainThread } = require('worker_threads');

function attempt(options) {
  try {
    const worker = new Worker('require("worker_threads").parentPort.postMessage([process.execArgv, process.noDeprecation === true])', { eval: true, ...options });
    worker.on('message', (message) => console.log('worker:', JSON.stringify(options), message));
    return new Promise((resolve) => worker.on('exit', resolve));
  } catch (error) {
    console.log('refused:', JSON.stringify(options), error.name, error.code, error.message);
  }
}

async function main() {
  await attempt({});
  await attempt({ execArgv: ['--no-deprecation'] });
  await attempt({ execArgv: ['--title=x'] });
  await attempt({ execArgv: ['--no-node-snapshot'] });
  await attempt({ execArgv: ['--max-old-space-size=10'] });
  await attempt({ execArgv: ['--not-an-option', '--nor-this=1'] });
  await attempt({ execArgv: ['--redirect-warnings'] });
  await attempt({ execArgv: '--no-deprecation' });
  await attempt({ env: { NODE_OPTIONS: '--unknown-in-env' } });
  await attempt({ env: { NODE_OPTIONS: '--no-deprecation' } });
  await attempt({ argv: 'a' });
}

if (isMainThread) main();
