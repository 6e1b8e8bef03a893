'use strict';
// fs: FileHandle's createReadStream/createWriteStream, readableWebStream (autoClose, locked,
// closed handles), readLines, a closed handle's EBADF, and AbortSignal on readFile/writeFile.
const fs = require('fs');
const path = require('path');
const os = require('os');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anode-fh-'));
const file = path.join(dir, 'lines.txt');
fs.writeFileSync(file, 'one\ntwo\r\nthree\n');
const report = (label, err) => console.log(label, err.name, err.code, err.syscall ?? '', err.message);

(async () => {
  let handle = await fs.promises.open(file);
  const lines = [];
  for await (const line of handle.readLines()) lines.push(line);
  console.log('readLines', lines);
  console.log('closed after readLines', handle.fd);

  handle = await fs.promises.open(file);
  const chunks = [];
  for await (const chunk of handle.createReadStream({ start: 4, end: 6 })) chunks.push(chunk.toString());
  console.log('createReadStream range', chunks);

  handle = await fs.promises.open(file);
  const web = handle.readableWebStream();
  try {
    handle.readableWebStream();
  } catch (err) {
    report('second readableWebStream', err);
  }
  console.log('readableWebStream text', JSON.stringify(await new Response(web).text()));
  await handle.close();
  try {
    handle.readableWebStream();
  } catch (err) {
    report('closed readableWebStream', err);
  }
  await handle.stat().catch((err) => report('stat after close', err));

  handle = await fs.promises.open(file);
  await new Response(handle.readableWebStream({ autoClose: true })).arrayBuffer();
  await handle.read().catch((err) => report('read after autoClose', err));

  const out = path.join(dir, 'out.txt');
  handle = await fs.promises.open(out, 'w');
  const stream = handle.createWriteStream({ flush: true });
  stream.write('abc');
  stream.end('def');
  await new Promise((resolve) => stream.on('close', resolve));
  console.log('createWriteStream wrote', fs.readFileSync(out, 'utf8'), 'handle fd', handle.fd);

  try {
    handle.createReadStream({ signal: 1 });
  } catch (err) {
    report('bad signal', err);
  }
  await fs.promises.readFile(file, { signal: AbortSignal.abort() }).catch((err) => report('readFile aborted', err));
  const controller = new AbortController();
  fs.writeFile(out, 'x'.repeat(1000), { signal: controller.signal }, (err) => {
    report('writeFile aborted', err);
    fs.rmSync(dir, { recursive: true });
  });
  controller.abort();
})();
