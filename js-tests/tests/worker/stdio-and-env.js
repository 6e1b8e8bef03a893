// A worker's stdio travels through its Worker object (piped to the parent's stdout and
// stderr unless `stdout: true`/`stderr: true`, fed from worker.stdin with `stdin: true`),
// writes from an 'exit' listener included; its process.env is its own copy unless SHARE_ENV.
const { Worker, SHARE_ENV, isMainThread, workerData } = require('worker_threads');

function run(options) {
  return new Promise((resolve) => {
    const worker = new Worker(__filename, options);
    const seen = { stdout: '', stderr: '' };
    if (options.stdout) worker.stdout.on('data', (chunk) => { seen.stdout += chunk; });
    if (options.stderr) worker.stderr.on('data', (chunk) => { seen.stderr += chunk; });
    if (options.stdin) worker.stdin.end('from the parent\n');
    worker.on('exit', (code) => resolve({ code, ...seen, stdinIsNull: worker.stdin === null }));
  });
}

async function main() {
  console.log('piped:', await run({ workerData: 'print' }));
  console.log('captured:', await run({ workerData: 'print', stdout: true, stderr: true }));
  console.log('stdin:', await run({ workerData: 'echo', stdin: true, stdout: true }));
  process.env.ANODE_PARENT_VAR = 'parent';
  console.log('copied env:', await run({ workerData: 'env', stdout: true }), process.env.ANODE_WORKER_VAR);
  console.log('given env:', await run({ workerData: 'env', stdout: true, env: { ANODE_GIVEN: 1 } }));
  console.log('shared env:', await run({ workerData: 'env', stdout: true, env: SHARE_ENV }), process.env.ANODE_WORKER_VAR);
  try {
    new Worker(__filename, { env: 42 });
  } catch (error) {
    console.log(error.name, error.code, error.message);
  }
}

if (isMainThread) {
  main();
} else if (workerData === 'print') {
  console.log('a line from the worker');
  console.error('an error line from the worker');
  process.on('exit', () => process.stdout.write('written at exit\n'));
} else if (workerData === 'echo') {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => { text += chunk; });
  process.stdin.on('end', () => process.stdout.write(`echo: ${text}`));
} else if (workerData === 'env') {
  process.stdout.write(JSON.stringify([process.env.ANODE_PARENT_VAR, process.env.ANODE_GIVEN, Object.keys(process.env).length > 0]));
  process.env.ANODE_WORKER_VAR = 'worker';
}
