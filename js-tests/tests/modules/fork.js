// child_process.fork: a child running this runtime with an IPC channel — JSON messages both
// ways, disconnect from either side, silent children, and the channel requirement.
const { fork } = require('child_process');

const role = process.argv[2];
if (role === 'echo') {
  process.on('message', (message) => {
    if (message === 'bye') process.disconnect();
    else process.send({ echo: message, argv: process.argv.slice(3), connected: process.connected });
  });
} else if (role === 'silent') {
  console.log('output of a silent child, typeof send:', typeof process.send);
} else if (role === 'parent-disconnects') {
  process.on('disconnect', () => console.log('the parent disconnected'));
  process.send('ready');
} else {
  try {
    fork(__filename, [], { stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (err) {
    console.log(err.code, err.message);
  }
  const step = (run) => new Promise(run);
  (async () => {
    await step((done) => {
      const child = fork(__filename, ['echo', 'x', 'y']);
      const events = [child.connected, child.send({ list: [1, 'two'], nested: { ok: true } })];
      child.on('message', (message) => {
        events.push(message);
        child.send('bye');
      });
      // The channel's end and the child's exit may come in either order.
      const ends = [];
      child.on('disconnect', () => ends.push(`disconnect, connected=${child.connected}`));
      child.on('exit', (code, signal) => ends.push(`exit ${code} ${signal}`));
      child.on('close', (code) => {
        console.log(events, ends.sort(), `close ${code}`);
        done();
      });
    });
    await step((done) => {
      const child = fork(__filename, ['silent'], { silent: true });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.on('close', (code) => {
        console.log(JSON.stringify(output), code);
        done();
      });
    });
    // After the parent's own disconnect() node emits no 'close' for the child: report once
    // both its output has ended and it has exited.
    const child = fork(__filename, ['parent-disconnects'], { stdio: ['inherit', 'pipe', 'inherit', 'ipc'] });
    const report = [];
    let output = '';
    let pending = 2;
    const finish = () => --pending === 0 && console.log(report, JSON.stringify(output));
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stdout.on('end', finish);
    child.on('message', () => {
      child.disconnect();
      report.push(`after disconnect: connected ${child.connected}`, `send returns ${child.send('late', (err) => report.push(err.code))}`);
    });
    child.on('exit', (code) => {
      report.push(`exit ${code}`);
      finish();
    });
    child.on('close', () => console.log('close (node emits none here)'));
  })();
}
