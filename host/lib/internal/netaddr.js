'use strict';
// Address helpers net, dgram and dns share: node's net.isIP/isIPv4/isIPv6 (dotted quads
// without leading zeros; IPv6 with `::`, an embedded IPv4 tail and a `%zone`), and node's
// validatePort as dgram and dns word it.

const { codedError } = require('internal/errors');

const v4Segment = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const v4String = `(?:${v4Segment}\\.){3}${v4Segment}`;
const IPv4Pattern = new RegExp(`^${v4String}$`);
const v6Segment = '(?:[0-9a-fA-F]{1,4})';
const IPv6Pattern = new RegExp('^(?:' +
  `(?:${v6Segment}:){7}(?:${v6Segment}|:)|` +
  `(?:${v6Segment}:){6}(?:${v4String}|:${v6Segment}|:)|` +
  `(?:${v6Segment}:){5}(?::${v4String}|(?::${v6Segment}){1,2}|:)|` +
  `(?:${v6Segment}:){4}(?:(?::${v6Segment}){0,1}:${v4String}|(?::${v6Segment}){1,3}|:)|` +
  `(?:${v6Segment}:){3}(?:(?::${v6Segment}){0,2}:${v4String}|(?::${v6Segment}){1,4}|:)|` +
  `(?:${v6Segment}:){2}(?:(?::${v6Segment}){0,3}:${v4String}|(?::${v6Segment}){1,5}|:)|` +
  `(?:${v6Segment}:){1}(?:(?::${v6Segment}){0,4}:${v4String}|(?::${v6Segment}){1,6}|:)|` +
  `(?::(?:(?::${v6Segment}){0,5}:${v4String}|(?::${v6Segment}){1,7}|:))` +
')(?:%[0-9a-zA-Z-.:]{1,})?$');

function isIPv4(input) {
  return IPv4Pattern.test(`${input}`);
}

function isIPv6(input) {
  return IPv6Pattern.test(`${input}`);
}

function isIP(input) {
  if (isIPv4(input)) return 4;
  if (isIPv6(input)) return 6;
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
