'use strict';
// @parcel/watcher: a C++ addon whose inotify thread reports back through threadsafe functions.
const watcher = require('@parcel/watcher');
const fs = require('fs');
const path = require('path');
const os = require('os');
const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'anode-watch-')));
(async () => {
  let resolveEvents;
  const seen = new Promise((resolve) => { resolveEvents = resolve; });
  const subscription = await watcher.subscribe(dir, (err, events) => {
    if (err) throw err;
    const names = events.map((e) => `${e.type} ${path.relative(dir, e.path)}`);
    if (names.includes('create new.txt')) resolveEvents(names.filter((n) => n === 'create new.txt'));
  });
  fs.writeFileSync(path.join(dir, 'new.txt'), 'x');
  console.log(await seen);
  await subscription.unsubscribe();
  const snapshot = path.join(os.tmpdir(), `anode-watch-snapshot-${process.pid}`);
  await watcher.writeSnapshot(dir, snapshot);
  fs.writeFileSync(path.join(dir, 'later.txt'), 'y');
  console.log((await watcher.getEventsSince(dir, snapshot)).map((e) => `${e.type} ${path.basename(e.path)}`));
  fs.rmSync(dir, { recursive: true });
  fs.rmSync(snapshot);
})();
