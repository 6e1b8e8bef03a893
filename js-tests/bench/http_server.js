'use strict';
// The server of bench's http case: an HTTP hello-world on a loopback port, printed on stdout
// as {"port": N}; it runs until stdin closes, then prints {"served": requests} on stderr (for
// counting instructions per request under callgrind by hand).
const http = require('http');

const body = 'Hello, World!';
let served = 0;
const server = http.createServer((req, res) => {
  served++;
  res.setHeader('Content-Type', 'text/plain');
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: server.address().port }));
});
process.stdin.on('end', () => {
  process.stderr.write(`${JSON.stringify({ served })}\n`);
  server.close(() => process.exit(0));
});
process.stdin.resume();
