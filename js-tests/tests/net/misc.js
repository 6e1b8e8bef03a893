// isIP and friends, BlockList, SocketAddress, autoSelectFamily defaults, and that an
// unref'd server lets the process end.
'use strict';
const net = require('net');

for (const input of ['127.0.0.1', '::1', 'fe80::1%eth0', '::ffff:1.2.3.4', '1.2.3', 'x', '', 256, '2001:db8::']) {
  console.log(JSON.stringify(input), net.isIP(input), net.isIPv4(input), net.isIPv6(input));
}
const list = new net.BlockList();
list.addAddress('10.0.0.1');
list.addRange('192.168.0.10', '192.168.0.20');
list.addSubnet('8592:757c:efae:4e45::', 64, 'ipv6');
console.log(list.rules);
for (const [address, family] of [['10.0.0.1', 'ipv4'], ['10.0.0.2', 'ipv4'], ['192.168.0.15', 'ipv4'], ['8592:757c:efae:4e45:1::', 'ipv6'], ['8592:757c:efae:4e46::', 'ipv6']]) {
  console.log(address, list.check(address, family));
}
const address = new net.SocketAddress({ address: '::1', family: 'ipv6', port: 8080 });
console.log(address.address, address.port, address.family, address.flowlabel, JSON.stringify(address));
console.log(net.SocketAddress.parse('1.2.3.4:56')?.toJSON());
console.log(net.getDefaultAutoSelectFamily(), net.getDefaultAutoSelectFamilyAttemptTimeout());
net.setDefaultAutoSelectFamilyAttemptTimeout(5);
console.log(net.getDefaultAutoSelectFamilyAttemptTimeout());
try { net.setDefaultAutoSelectFamily(1); } catch (err) { console.log(err.code, err.message); }
const server = net.createServer().listen(0, '127.0.0.1', () => console.log('listening, then unref'));
server.unref();
console.log(server.listening, typeof server.ref, typeof server[Symbol.asyncDispose]);
