// Session tickets across servers: two servers sharing ticket keys (set on one, read back
// with getTicketKeys and given to the other) resume each other's sessions; a third with
// keys of its own does a full handshake. Per connection and protocol: how many 'session'
// events the client sees, whether each is getSession() at that moment, and whether the
// connection was resumed (a resumed one gets no new ticket).
'use strict';
const tls = require('tls');
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const keys = path.join(__dirname, 'keys');
const read = (name) => fs.readFileSync(path.join(keys, name));
const credentials = { key: read('agent1-key.pem'), cert: read('agent1-cert.pem') };

function listen(options) {
  return new Promise((resolve) => {
    const server = tls.createServer({ ...credentials, ...options }, (socket) => socket.end('x'));
    server.listen(0, () => resolve(server));
  });
}

function connect(server, session, maxVersion) {
  return new Promise((resolve) => {
    const facts = { sessions: 0, current: true, reused: null };
    let last = null;
    const socket = tls.connect({ port: server.address().port, rejectUnauthorized: false, session, maxVersion }, () => {
      facts.reused = socket.isSessionReused();
    });
    socket.on('session', (ticket) => {
      facts.sessions++;
      facts.current &&= ticket.equals(socket.getSession());
      last = ticket;
    });
    socket.on('data', () => {});
    socket.on('end', () => socket.end());
    socket.on('close', () => resolve({ facts, session: last }));
  });
}

(async () => {
  const shared = crypto.randomBytes(48);
  const first = await listen({ ticketKeys: shared });
  const second = await listen({});
  second.setTicketKeys(first.getTicketKeys());
  const other = await listen({});
  console.log('keys read back equal', first.getTicketKeys().equals(shared), 'length', second.getTicketKeys().length);
  console.log('other keys differ', !other.getTicketKeys().equals(shared));

  for (const maxVersion of ['TLSv1.2', 'TLSv1.3']) {
    const full = await connect(first, undefined, maxVersion);
    console.log(maxVersion, 'full handshake', JSON.stringify(full.facts));
    const resumed = await connect(second, full.session, maxVersion);
    console.log(maxVersion, 'other server, shared keys', JSON.stringify(resumed.facts));
    const refused = await connect(other, full.session, maxVersion);
    console.log(maxVersion, 'other keys', JSON.stringify(refused.facts));
  }
  for (const server of [first, second, other]) server.close();
})();
