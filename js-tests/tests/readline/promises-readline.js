// readline/promises' Readline: cursor actions queued until commit() (or written on the next
// tick with autoCommit), rollback(), and node's argument errors; the callback cursor functions.
'use strict';
const readline = require('readline');
const { Readline } = require('readline/promises');
const { Writable, PassThrough } = require('stream');

function sink() {
  const chunks = [];
  const stream = new Writable({
    write(chunk, encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  return { stream, chunks };
}

(async () => {
  const { stream, chunks } = sink();
  const rl = new Readline(stream);
  const same = rl.cursorTo(1).cursorTo(2, 3).moveCursor(-1, 2).moveCursor(3, -4).moveCursor(0, 0).clearLine(-1)
    .clearLine(0).clearLine(1).clearScreenDown();
  console.log('chainable', same === rl, JSON.stringify(chunks));
  await rl.commit();
  console.log('committed', JSON.stringify(chunks.splice(0)));
  rl.cursorTo(5).rollback();
  await rl.commit();
  console.log('rolled back', JSON.stringify(chunks.splice(0)));

  const auto = new Readline(stream, { autoCommit: true });
  auto.cursorTo(0, 0).clearScreenDown();
  console.log('auto before tick', JSON.stringify(chunks));
  await new Promise((resolve) => process.nextTick(resolve));
  console.log('auto after tick', JSON.stringify(chunks.splice(0)));

  for (const action of [
    () => new Readline({}),
    () => new Readline(new PassThrough().end()),
    () => new Readline(stream, { autoCommit: 1 }),
    () => rl.cursorTo('1'),
    () => rl.cursorTo(1.5),
    () => rl.cursorTo(1, NaN),
    () => rl.moveCursor(1, 'x'),
    () => rl.clearLine(2),
    () => rl.clearLine(),
  ]) {
    try {
      action();
      console.log('no error');
    } catch (err) {
      console.log(err.name, err.code, err.message);
    }
  }

  const out = sink();
  console.log(readline.cursorTo(out.stream, 3), readline.cursorTo(out.stream, 3, 4), readline.moveCursor(out.stream, -2, 5),
    readline.clearLine(out.stream, -1), readline.clearLine(out.stream, 0), readline.clearLine(out.stream, 1),
    readline.clearScreenDown(out.stream), readline.moveCursor(out.stream, 0, 0), readline.cursorTo(null, 1));
  console.log('callback API', JSON.stringify(out.chunks));
  await new Promise((resolve) => readline.cursorTo(out.stream, 1, resolve));
  await new Promise((resolve) => readline.moveCursor(null, 1, 1, (err) => {
    console.log('null stream callback', err);
    resolve();
  }));
  for (const action of [
    () => readline.cursorTo(out.stream, undefined, 2),
    () => readline.cursorTo(out.stream, NaN),
    () => readline.cursorTo(out.stream, 1, NaN),
    () => readline.clearLine(out.stream, 0, 'x'),
  ]) {
    try {
      action();
      console.log('no error');
    } catch (err) {
      console.log(err.name, err.code, err.message);
    }
  }
})();
