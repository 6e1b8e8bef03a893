// A keep-alive Agent (maxSockets 1) sends three requests to one server: all go over the same
// socket (reusedSocket, one 'connection'), the server's Keep-Alive header, the agent's free
// socket pool between requests (a later request reuses the pooled socket), and the pool emptied by destroy().
'use strict';
const http = require('http');

let connections = 0;
const server = http.createServer({ keepAliveTimeout: 3000 }, (req, res) => {
  res.setHeader('Content-Type', 'text/plain');
  res.end(`${req.method} ${req.url} ${req.headers.connection}`);
});
server.on('connection', () => connections++);

server.listen(0, '127.0.0.1', () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const { port } = server.address();
  let done = 0;
  const ports = [];
  for (let i = 0; i < 3; i++) {
    const req = http.get({ host: '127.0.0.1', port, path: `/r${i}`, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => {
        ports.push(req.socket ? req.socket.localPort : null);
        console.log(i, res.statusCode, body, res.headers.connection, res.headers['keep-alive'],
          res.headers['content-length'], `reused=${req.reusedSocket}`);
        if (++done === 3) {
          setImmediate(() => {
            const name = agent.getName({ host: '127.0.0.1', port });
            console.log('free sockets', agent.freeSockets[name]?.length, 'busy', agent.sockets[name]?.length ?? 0);
            console.log('connections', connections, 'queued', Object.keys(agent.requests).length);
            // A request made while the socket is free takes it from the pool.
            const again = http.get({ host: '127.0.0.1', port, path: '/again', agent }, (res) => {
              res.resume();
              res.on('end', () => {
                console.log('again', res.statusCode, `reused=${again.reusedSocket}`, `connections ${connections}`);
                agent.destroy();
                server.close(() => console.log('closed'));
              });
            }).on('socket', (socket) => console.log('pooled socket', socket.localPort === ports[2]));
          });
        }
      });
    });
    console.log('queued', i, Object.keys(agent.requests).length);
  }
});
