'use strict';
// Address helpers dgram and dns share: IP checks as node's net.isIP/isIPv4/isIPv6 make
// them (dotted quads without leading zeros; IPv6 with `::`, an embedded IPv4 tail and a
// `%zone`), and node's validatePort.

const { codedError } = require('internal/errors');

const IPV4_PART = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)';
const IPV4 = new RegExp(`^${IPV4_PART}(?:\\.${IPV4_PART}){3}$`);
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function isIPv4(text) {
  return IPV4.test(String(text));
}

function isIPv6(text) {
  text = String(text);
  const zone = text.indexOf('%');
  if (zone !== -1) {
    if (!/^[0-9a-zA-Z\-.:]+$/.test(text.slice(zone + 1))) return false;
    text = text.slice(0, zone);
  }
  let groups = 8;
  const last = text.lastIndexOf(':');
  if (last !== -1 && text.includes('.', last)) {
    if (!isIPv4(text.slice(last + 1))) return false;
    text = `${text.slice(0, last + 1)}0`;
    groups = 7;
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const parse = (half) => (half === '' ? [] : half.split(':'));
  const head = parse(halves[0]);
  if (!head.every((group) => HEX_GROUP.test(group))) return false;
  if (halves.length === 1) return head.length === groups;
  const tail = parse(halves[1]);
  if (!tail.every((group) => HEX_GROUP.test(group))) return false;
  return head.length + tail.length < groups;
}

function isIP(text) {
  if (isIPv4(text)) return 4;
  if (isIPv6(text)) return 6;
  return 0;
}

// node's determineSpecificType, as ERR_SOCKET_BAD_PORT words what it received.
function describeSpecific(value) {
  if (value == null) return `${value}`;
  if (typeof value === 'function') return `function ${value.name}`;
  if (typeof value === 'object') {
    if (value.constructor?.name) return `an instance of ${value.constructor.name}`;
    return require('internal/inspect').inspect(value, { depth: -1 });
  }
  let inspected = require('internal/inspect').inspect(value, { colors: false });
  if (inspected.length > 28) inspected = `${inspected.slice(0, 25)}...`;
  return `type ${typeof value} (${inspected})`;
}

// A number or numeric string in [0, 65535] (0 only when allowed), as an integer.
function validatePort(port, name = 'Port', allowZero = true) {
  if ((typeof port !== 'number' && typeof port !== 'string') ||
      (typeof port === 'string' && port.trim().length === 0) ||
      +port !== (+port >>> 0) || port > 0xFFFF || (port === 0 && !allowZero)) {
    const range = allowZero ? '>= 0' : '> 0';
    throw codedError(RangeError, 'ERR_SOCKET_BAD_PORT', `${name} should be ${range} and < 65536. Received ${describeSpecific(port)}.`);
  }
  return port | 0;
}

module.exports = { isIP, isIPv4, isIPv6, validatePort };
