// _construct: reads, writes and destroy wait for it; an error from it destroys the stream;
// calling its callback twice is ERR_MULTIPLE_CALLBACK.
'use strict';
const { Readable, Writable, Duplex } = require('stream');

// One log per stream: the streams' timers may fire in either order on a loaded machine.
const logs = { w: [], r: [], d: [], twice: [] };
const log = { push: (line) => logs[line.split(' ')[0]].push(line) };
process.on('exit', () => console.log(Object.values(logs).flat().join('\n')));

const w = new Writable({
  construct(callback) {
    log.push('w construct');
    setTimeout(() => { log.push('w constructed'); callback(); }, 5);
  },
  write(chunk, encoding, callback) { log.push(`w write ${chunk}`); callback(); },
  final(callback) { log.push('w final'); callback(); },
});
w.write('a');
w.end('b');
log.push(`w sync writableLength=${w.writableLength} constructed=${w._writableState.constructed}`);
w.on('finish', () => log.push('w finish'));
w.on('close', () => log.push('w close'));

const r = new Readable({
  construct(callback) { log.push('r construct'); process.nextTick(callback, new Error('cannot open')); },
  read() { log.push('r read (must not run)'); },
});
r.on('error', (err) => log.push(`r error ${err.message} destroyed=${r.destroyed}`));
r.on('close', () => log.push('r close'));
r.resume();

const d = new Duplex({
  construct(callback) { log.push('d construct'); setTimeout(callback, 2); },
  read() { log.push('d read'); this.push(null); },
  write(chunk, encoding, callback) { callback(); },
  destroy(err, callback) { log.push(`d _destroy ${err}`); callback(err); },
});
d.destroy();
log.push(`d destroyed right away=${d.destroyed}`);
d.on('close', () => log.push('d close'));

const twice = new Writable({
  construct(callback) { callback(); callback(); },
  write(chunk, encoding, callback) { callback(); },
});
twice.on('error', (err) => log.push(`twice error ${err.code}`));
