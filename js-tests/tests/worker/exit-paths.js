// How workers end: a non-function process._fatalException (6, the error printed, no 'error'
// event, no 'exit' listeners), an 'uncaughtException' listener that throws (1, its error), a
// thrown symbol (the registered symbol), and --trace-exit in a worker's NODE_OPTIONS naming
// the thread. What goes to the process's stderr is checked from a child process.
const { Worker } = require('worker_threads');
const { spawnSync } = require('child_process');

function run(code, options = {}) {
  return new Promise((resolve) => {
    const worker = new Worker(code, { eval: true, ...options });
    const events = [];
    worker.on('error', (err) => events.push(`error ${typeof err === 'symbol' ? err.toString() : err.message}`));
    worker.on('exit', (exitCode) => {
      events.push(`exit ${exitCode}`);
      resolve(events);
    });
  });
}

const scenarios = {
  async fatalMonkeyPatched() {
    console.log(await run(`
      process.on('exit', () => console.log('exit listener'));
      process._fatalException = undefined;
      throw new Error('unhandled');
    `));
  },
  async traceExit() {
    console.log(await run('function end() { process.exit(4); } setImmediate(end);', {
      env: { ...process.env, NODE_OPTIONS: '--trace-exit' },
    }));
  },
};

async function main() {
  for (const name of Object.keys(scenarios)) {
    const child = spawnSync(process.execPath, [__filename, name], { encoding: 'utf8' });
    const lines = child.stderr.split('\n');
    console.log(name, child.status, child.stdout.trim());
    console.log(lines.includes('Error: unhandled'), lines.some((line) => line.startsWith('    at end ([worker eval]:1:')));
    console.log(lines.filter((line) => line.includes('WARNING')).map((line) => line.replace(/node:\d+, thread:\d+/, 'node:PID, thread:N')));
  }
  console.log(await run(`
    process.on('uncaughtException', () => { throw new Error('from listener'); });
    throw new Error('first');
  `));
  console.log(await run('throw Symbol.for("thrown")'), Symbol.for('thrown').toString());
}

if (process.argv[2]) scenarios[process.argv[2]]();
else main();
