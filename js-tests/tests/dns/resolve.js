// dns: resolve*, resolveAny, reverse and Resolver (setServers with a port, ttl, cancel,
// timeout/tries, ECONNREFUSED) against a mock DNS server on 127.0.0.1 made with dgram;
// dns.promises; error shapes (ENOTFOUND, ESERVFAIL, ENODATA, ETIMEOUT, ECANCELLED).
'use strict';
const dgram = require('dgram');
const dns = require('dns');

// ---- a tiny DNS responder (the test's fixture) ----
const TYPES = { A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SRV: 33, NAPTR: 35, ANY: 255, CAA: 257 };
function encodeName(name) {
  const parts = name.split('.').filter(Boolean).map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label)]));
  return Buffer.concat([...parts, Buffer.from([0])]);
}
const u16 = (n) => Buffer.from([n >> 8, n & 255]);
const u32 = (n) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; };
const text = (s) => Buffer.concat([Buffer.from([Buffer.byteLength(s)]), Buffer.from(s)]);
function rdata(type, value) {
  switch (type) {
    case 'A': return Buffer.from(value.split('.').map(Number));
    case 'AAAA': { const b = Buffer.alloc(16); b[15] = value; return b; }
    case 'CNAME': case 'NS': case 'PTR': return encodeName(value);
    case 'MX': return Buffer.concat([u16(value.priority), encodeName(value.exchange)]);
    case 'TXT': return Buffer.concat(value.map(text));
    case 'SRV': return Buffer.concat([u16(value.priority), u16(value.weight), u16(value.port), encodeName(value.name)]);
    case 'SOA': return Buffer.concat([encodeName(value.nsname), encodeName(value.hostmaster), u32(value.serial), u32(value.refresh),
      u32(value.retry), u32(value.expire), u32(value.minttl)]);
    case 'NAPTR': return Buffer.concat([u16(value.order), u16(value.preference), text(value.flags), text(value.service),
      text(value.regexp), encodeName(value.replacement)]);
    case 'CAA': return Buffer.concat([Buffer.from([value.critical]), text(value.tag), Buffer.from(value.value)]);
  }
}
const zone = {
  'a.test': [['A', '1.2.3.4'], ['A', '5.6.7.8'], ['AAAA', 1]],
  'mail.test': [['MX', { priority: 10, exchange: 'mx1.mail.test' }], ['MX', { priority: 20, exchange: 'mx2.mail.test' }]],
  'txt.test': [['TXT', ['v=spf1', ' -all']], ['TXT', ['second']]],
  'srv.test': [['SRV', { priority: 1, weight: 5, port: 5060, name: 'sip.test' }]],
  'alias.test': [['CNAME', 'a.test']],
  'ns.test': [['NS', 'ns1.test'], ['NS', 'ns2.test']],
  'soa.test': [['SOA', { nsname: 'ns1.test', hostmaster: 'admin.test', serial: 2024, refresh: 3600, retry: 600, expire: 86400, minttl: 60 }]],
  'naptr.test': [['NAPTR', { order: 100, preference: 10, flags: 'S', service: 'SIP+D2U', regexp: '', replacement: '_sip._udp.test' }]],
  'caa.test': [['CAA', { critical: 0, tag: 'issue', value: 'ca.test' }], ['CAA', { critical: 128, tag: 'iodef', value: 'mailto:x@test' }]],
  '4.3.2.1.in-addr.arpa': [['PTR', 'one.test'], ['PTR', 'uno.test']],
  'empty.test': [],
};
zone['any.test'] = [...zone['a.test'], ...zone['mail.test'], ...zone['txt.test'], ...zone['soa.test'], ...zone['caa.test']];

function respond(query) {
  const id = query.readUInt16BE(0);
  let offset = 12;
  const labels = [];
  while (query[offset] !== 0) {
    labels.push(query.toString('latin1', offset + 1, offset + 1 + query[offset]));
    offset += query[offset] + 1;
  }
  const question = query.subarray(12, offset + 5);
  const type = query.readUInt16BE(offset + 1);
  const name = labels.join('.');
  let rcode = 0;
  if (name === 'nx.test') rcode = 3;
  if (name === 'servfail.test') rcode = 2;
  const records = (zone[name] ?? []).filter(([kind]) => type === 255 || TYPES[kind] === type);
  const answers = records.map(([kind, value]) => {
    const data = rdata(kind, value);
    return Buffer.concat([encodeName(name), u16(TYPES[kind]), u16(1), u32(300), u16(data.length), data]);
  });
  const header = Buffer.concat([u16(id), Buffer.from([0x81, 0x80 | rcode]), u16(1), u16(answers.length), u16(0), u16(0)]);
  return Buffer.concat([header, question, ...answers]);
}

const server = dgram.createSocket('udp4');
server.on('message', (msg, rinfo) => {
  if (msg.includes(Buffer.from('silent'))) return; // never answers: the timeout case
  server.send(respond(msg), rinfo.port, rinfo.address);
});

const show = (label) => (err, result) => {
  if (err) console.log(label, 'error', err.message, err.code, err.errno, err.syscall, err.hostname, Object.keys(err));
  else console.log(label, JSON.stringify(result));
};

server.bind(0, '127.0.0.1', async () => {
  const { port } = server.address();
  const resolver = new dns.Resolver();
  resolver.setServers([`127.0.0.1:${port}`]);
  console.log('servers', resolver.getServers()[0] === `127.0.0.1:${port}`);
  const calls = [
    (done) => resolver.resolve4('a.test', done),
    (done) => resolver.resolve4('a.test', { ttl: true }, done),
    (done) => resolver.resolve6('a.test', done),
    (done) => resolver.resolve('a.test', done),
    (done) => resolver.resolve('mail.test', 'MX', done),
    (done) => resolver.resolveMx('mail.test', done),
    (done) => resolver.resolveTxt('txt.test', done),
    (done) => resolver.resolveSrv('srv.test', done),
    (done) => resolver.resolveCname('alias.test', done),
    (done) => resolver.resolveNs('ns.test', done),
    (done) => resolver.resolveSoa('soa.test', done),
    (done) => resolver.resolveNaptr('naptr.test', done),
    (done) => resolver.resolveCaa('caa.test', done),
    (done) => resolver.resolvePtr('4.3.2.1.in-addr.arpa', done),
    (done) => resolver.reverse('1.2.3.4', done),
    (done) => resolver.resolveAny('any.test', done),
    (done) => resolver.resolve4('nx.test', done),
    (done) => resolver.resolveMx('servfail.test', done),
    (done) => resolver.resolveTxt('empty.test', done),
    (done) => resolver.reverse('5.5.5.5', done),
  ];
  for (const [index, call] of calls.entries()) {
    await new Promise((resolve) => call((err, result) => {
      show(`#${index}`)(err, result);
      resolve();
    }));
  }

  const promised = new dns.promises.Resolver();
  promised.setServers([`127.0.0.1:${port}`]);
  console.log('promises', await promised.resolve4('a.test'), await promised.resolve('srv.test', 'SRV'));
  await promised.resolveNs('nx.test').catch(show('promises nx'));

  const cancelled = new dns.Resolver();
  cancelled.setServers([`127.0.0.1:${port}`]);
  cancelled.resolve4('silent.test', show('cancel'));
  cancelled.cancel();

  const slow = new dns.Resolver({ timeout: 100, tries: 2 });
  slow.setServers([`127.0.0.1:${port}`]);
  slow.resolve4('silent.test', show('timeout'));

  const refused = dgram.createSocket('udp4');
  refused.bind(0, '127.0.0.1', () => {
    const closedPort = refused.address().port;
    refused.close(() => {
      const nobody = new dns.Resolver({ tries: 1 });
      nobody.setServers([`127.0.0.1:${closedPort}`]);
      nobody.resolveSrv('a.test', (err) => {
        show('refused')(err);
        setTimeout(() => server.close(), 500);
      });
    });
  });
});
