// The inspector server: a child under --inspect-brk=0 lists itself on /json/list and takes a
// front end on its WebSocket, pauses on its first line, stops at a breakpoint where a local
// is read, and waits for the front end to go once the program ends.
const { spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-server-'));
const script = path.join(dir, 'program.js');
fs.writeFileSync(script, [
  'let total = 0;',
  'for (let i = 1; i <= 4; i++) {',
  '  total += i;',
  '}',
  "console.log('total', total);",
  '',
].join('\n'));

function getJSON(port, pathname) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: pathname }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => body += chunk);
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body: JSON.parse(body) }));
    }).on('error', reject);
  });
}

const child = spawn(process.execPath, ['--inspect-brk=0', script], { stdio: ['ignore', 'pipe', 'pipe'] });
let stdout = '';
child.stdout.setEncoding('utf8').on('data', (chunk) => stdout += chunk);

let stderr = '';
const stderrLines = [];
let onStderrLine = null;
child.stderr.setEncoding('utf8').on('data', (chunk) => {
  stderr += chunk;
  let newline;
  while ((newline = stderr.indexOf('\n')) !== -1) {
    const line = stderr.slice(0, newline);
    stderr = stderr.slice(newline + 1);
    stderrLines.push(line);
    if (onStderrLine) onStderrLine(line);
  }
});
const stderrLine = (test) => new Promise((resolve) => {
  const found = stderrLines.find(test);
  if (found !== undefined) return resolve(found);
  onStderrLine = (line) => { if (test(line)) { onStderrLine = null; resolve(line); } };
});

async function main() {
  const listening = await stderrLine((line) => line.startsWith('Debugger listening on '));
  const wsURL = listening.slice('Debugger listening on '.length);
  const { port, pathname } = new URL(wsURL);
  console.log('listening line:', /^ws:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(wsURL));

  const list = await getJSON(port, '/json/list');
  const [target] = list.body;
  console.log('/json/list:', list.status, list.type, list.body.length);
  console.log('  description:', target.description, '| type:', target.type);
  console.log('  id matches:', pathname === `/${target.id}`, '| ws url matches:', target.webSocketDebuggerUrl === wsURL);
  console.log('  url is the script:', target.url === pathToFileURL(script).href, '| title is the script:', target.title === script);
  console.log('  devtools:', target.devtoolsFrontendUrl === `devtools://devtools/bundled/js_app.html?experiments=true&v8only=true&ws=127.0.0.1:${port}${pathname}`);
  const version = await getJSON(port, '/json/version');
  console.log('/json/version:', version.body['Protocol-Version'], version.body.Browser === `node.js/${process.version}`);

  const ws = new WebSocket(wsURL);
  let nextId = 1;
  const pending = new Map();
  const events = [];
  let onEvent = null;
  const send = (method, params) => new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    ws.send(JSON.stringify({ id, method, params }));
  });
  const event = (method) => new Promise((resolve) => {
    const index = events.findIndex((message) => message.method === method);
    if (index !== -1) return resolve(events.splice(index, 1)[0]);
    onEvent = (message) => {
      if (message.method !== method) return false;
      onEvent = null;
      resolve(message);
      return true;
    };
  });
  ws.onmessage = ({ data }) => {
    const message = JSON.parse(data);
    if (message.id !== undefined) return pending.get(message.id)(message);
    if (!(onEvent && onEvent(message))) events.push(message);
  };
  await new Promise((resolve) => ws.onopen = resolve);
  await stderrLine((line) => line === 'Debugger attached.');
  console.log('attached');

  await send('Debugger.enable');
  const firstPause = event('Debugger.paused');
  await send('Runtime.runIfWaitingForDebugger');
  const start = (await firstPause).params;
  const startFrame = start.callFrames[0];
  console.log('paused:', start.reason, 'at line', startFrame.location.lineNumber, 'in', startFrame.functionName === '' ? 'the module wrapper' : startFrame.functionName);

  const breakpoint = await send('Debugger.setBreakpointByUrl', { url: pathToFileURL(script).href, lineNumber: 4 });
  console.log('breakpoint locations:', breakpoint.result.locations.map((location) => location.lineNumber));
  events.length = 0;
  const atBreakpoint = event('Debugger.paused');
  await send('Debugger.resume');
  const hit = (await atBreakpoint).params;
  console.log('paused:', hit.reason, 'at line', hit.callFrames[0].location.lineNumber, 'hit', hit.hitBreakpoints.length, 'breakpoint');
  const total = await send('Debugger.evaluateOnCallFrame', { callFrameId: hit.callFrames[0].callFrameId, expression: 'total' });
  console.log('total at the breakpoint:', total.result.result.type, total.result.result.value);
  await send('Debugger.resume');

  await stderrLine((line) => line === 'Waiting for the debugger to disconnect...');
  console.log('the program ended; it waits for the front end');
  ws.close();
  const [code, signal] = await new Promise((resolve) => child.on('exit', (...args) => resolve(args)));
  console.log('child stdout:', JSON.stringify(stdout));
  console.log('child exit:', code, signal);
  fs.rmSync(dir, { recursive: true, force: true });
}

main();
