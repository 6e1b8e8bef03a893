// OpenSSL's protocol trace on stderr: a server's `enableTrace` option, a client socket's
// enableTrace(), and --trace-tls (with node's warning) each trace a handshake; enableTrace()
// on a closed socket does nothing; a non-boolean option is refused. The trace's
// wording is OpenSSL's (3.0 writes "Received Record", 3.5 "Received TLS Record").
'use strict';
const tls = require('tls');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const keys = path.join(__dirname, 'keys');
const read = (name) => fs.readFileSync(path.join(keys, name));

function handshake(serverTrace, clientTrace) {
  const server = tls.createServer({ key: read('agent1-key.pem'), cert: read('agent1-cert.pem'), enableTrace: serverTrace }, (socket) => socket.end('x'));
  server.listen(0, () => {
    const client = tls.connect({ port: server.address().port, rejectUnauthorized: false }, () => {
      client.on('data', () => {});
      client.on('end', () => {
        server.close();
        client.end();
        client.on('close', () => {
          client.enableTrace();
          console.log('closed');
        });
      });
    });
    if (clientTrace) client.enableTrace();
  });
}

if (process.argv[2] === 'child') {
  handshake(process.argv[3] === 'server', process.argv[3] === 'client');
} else {
  for (const [who, args] of [['server', []], ['client', []], ['none', ['--trace-tls']], ['none', []]]) {
    const child = spawnSync(process.execPath, [...args, __filename, 'child', who], { encoding: 'utf8' });
    console.log(who, args.join(' '), child.status, child.stdout.trim());
    console.log('  traced:', /(Received|Sent) (TLS )?Record/.test(child.stderr), /ClientHello/.test(child.stderr));
    console.log('  warned:', /Warning: Enabling --trace-tls can expose sensitive data/.test(child.stderr));
  }
  try {
    tls.connect({ port: 1, enableTrace: 'yes' });
  } catch (err) {
    console.log(err.code, err.message);
  }
}
