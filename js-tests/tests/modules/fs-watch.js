'use strict';
// fs.watch (inotify), fs.promises.watch and fs.watchFile: the events for create, change,
// rename and delete in a temp dir, recursive names, close/ref/unref and the errors.
const fs = require('fs');
const path = require('path');
const os = require('os');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anode-watch-'));
const relative = (text) => String(text).split(dir).join('DIR');
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// Waits (up to 5 s) for a condition an event brings about.
async function until(condition) {
  for (let waited = 0; !condition() && waited < 5000; waited += 10) await wait(10);
}
// inotify merges an event into an identical one still unread, so repeats depend on timing.
const withoutRepeats = (list) => list.filter((item, i) => i === 0 || item !== list[i - 1]);

for (const [label, call] of [
  ['missing path', () => fs.watch(path.join(dir, 'none'))],
  ['bad recursive', () => fs.watch(dir, { recursive: 'yes' })],
  ['bad encoding', () => fs.watch(dir, { encoding: 'nope' })],
  ['bad filename', () => fs.watch(42)],
  ['watchFile no listener', () => fs.watchFile(path.join(dir, 'x'))],
]) {
  try {
    call();
    console.log(label, 'did not throw');
  } catch (err) {
    console.log(label, err.name, err.code, err.errno, err.syscall, relative(err.message), relative(err.filename));
  }
}

async function directoryEvents() {
  const seen = [];
  const watcher = fs.watch(dir, (eventType, filename) => seen.push(`${eventType} ${filename}`));
  const file = path.join(dir, 'a.txt');
  fs.writeFileSync(file, 'one');
  await until(() => seen.includes('change a.txt'));
  fs.appendFileSync(file, 'two');
  await wait(20);
  fs.renameSync(file, path.join(dir, 'b.txt'));
  await until(() => seen.includes('rename b.txt'));
  fs.unlinkSync(path.join(dir, 'b.txt'));
  await until(() => seen.filter((event) => event === 'rename b.txt').length === 2);
  watcher.close();
  watcher.close();
  await new Promise((resolve) => watcher.on('close', resolve));
  console.log('directory events:', withoutRepeats(seen));
}

async function fileEvents() {
  const file = path.join(dir, 'c.txt');
  fs.writeFileSync(file, 'x');
  const seen = [];
  const watcher = fs.watch(file, { encoding: 'buffer' });
  watcher.on('change', (eventType, filename) => seen.push([eventType, Buffer.isBuffer(filename), String(filename)]));
  fs.writeFileSync(file, 'changed');
  await until(() => seen.length > 0);
  watcher.close();
  console.log('file events:', seen.slice(0, 1), seen.length > 0);
  fs.unlinkSync(file);
}

async function recursiveEvents() {
  const root = path.join(dir, 'tree');
  fs.mkdirSync(path.join(root, 'sub'), { recursive: true });
  const names = new Set();
  const watcher = fs.watch(root, { recursive: true }, (eventType, filename) => names.add(`${eventType} ${filename}`));
  fs.writeFileSync(path.join(root, 'sub', 'deep.txt'), 'x');
  await until(() => names.has('rename sub/deep.txt'));
  fs.mkdirSync(path.join(root, 'fresh'));
  await until(() => names.has('rename fresh'));
  fs.writeFileSync(path.join(root, 'fresh', 'new.txt'), 'y');
  await until(() => names.has('rename fresh/new.txt'));
  watcher.close();
  console.log('recursive:', ['rename sub/deep.txt', 'rename fresh', 'rename fresh/new.txt'].map((name) => names.has(name)));
}

async function promiseWatch() {
  const controller = new AbortController();
  const file = path.join(dir, 'p.txt');
  setTimeout(() => fs.writeFileSync(file, 'p'), 30);
  const events = [];
  try {
    for await (const event of fs.promises.watch(dir, { signal: controller.signal })) {
      events.push(event);
      if (event.filename === 'p.txt') controller.abort();
    }
  } catch (err) {
    console.log('promises.watch ended:', err.name, err.code, events[0]);
  }
}

function watchFile() {
  return new Promise((resolve) => {
    const file = path.join(dir, 'polled.txt');
    const calls = [];
    const listener = (curr, prev) => {
      calls.push([curr.size, prev.size, curr.isFile(), prev.mtimeMs === 0]);
      if (calls.length === 1) fs.writeFileSync(file, 'grown!');
      else if (calls.length === 2) fs.unlinkSync(file);
      else {
        fs.unwatchFile(file, listener);
        console.log('watchFile:', calls);
        resolve();
      }
    };
    const watcher = fs.watchFile(file, { interval: 20 }, listener);
    console.log('StatWatcher:', typeof watcher.ref, typeof watcher.unref, 'StatWatcher' in fs, 'FSWatcher' in fs);
  });
}

async function unrefKeepsNothingAlive() {
  const watcher = fs.watch(dir);
  watcher.unref();
  watcher.ref().unref();
  console.log('unref returns the watcher:', watcher.unref() === watcher);
  const persistent = fs.watch(dir, { persistent: 1 });
  persistent.close();
}

(async () => {
  await directoryEvents();
  await fileEvents();
  await recursiveEvents();
  await promiseWatch();
  await watchFile();
  await unrefKeepsNothingAlive();
  fs.rmSync(dir, { recursive: true });
})();
