'use strict';
// classic-level (LevelDB through node-gyp-build and Node-API async work): open, batch, iterate, close.
const { ClassicLevel } = require('classic-level');
const fs = require('fs');
const path = require('path');
const os = require('os');
const location = fs.mkdtempSync(path.join(os.tmpdir(), 'anode-level-'));
(async () => {
  const db = new ClassicLevel(location, { valueEncoding: 'json' });
  await db.open();
  await db.put('a', { n: 1 });
  await db.batch([{ type: 'put', key: 'b', value: [2] }, { type: 'put', key: 'c', value: 'three' }, { type: 'del', key: 'a' }]);
  console.log(await db.get('b'), await db.get('c'), await db.get('a'));
  const entries = [];
  for await (const [key, value] of db.iterator({ gte: 'b' })) entries.push([key, value]);
  console.log(entries, await db.keys().all());
  await db.close();
  console.log(db.status);
  fs.rmSync(location, { recursive: true });
})();
