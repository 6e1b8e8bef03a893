'use strict';
// node:dns and dns.promises. lookup/lookupService go through the system resolver
// (getaddrinfo/getnameinfo on the blocking pool); the resolve* family and Resolver ask DNS
// servers directly, as node's c-ares channels do (host/src/runtime/dns.rs).

const {
  codedError, invalidArgType, invalidArgValue, missingArgs, outOfRange, validateBoolean, validateFunction, validateOneOf, validateString,
} = require('internal/errors');
const { isIP, validatePort } = require('internal/netaddr');
const { initAsyncResource, runAsResource, destroyResource } = require('internal/async_hooks');
const { kResourceName, addRequestSource } = require('internal/process/active_resources');

const native = binding.dns();

// getaddrinfo flags, as glibc defines them.
const ADDRCONFIG = 32;
const V4MAPPED = 8;
const ALL = 16;
const ORDER = { verbatim: 0, ipv4first: 1, ipv6first: 2 };
const validDnsOrders = ['verbatim', 'ipv4first', 'ipv6first'];
const validFamilies = [0, 4, 6];

const errorCodes = {
  NODATA: 'ENODATA',
  FORMERR: 'EFORMERR',
  SERVFAIL: 'ESERVFAIL',
  NOTFOUND: 'ENOTFOUND',
  NOTIMP: 'ENOTIMP',
  REFUSED: 'EREFUSED',
  BADQUERY: 'EBADQUERY',
  BADNAME: 'EBADNAME',
  BADFAMILY: 'EBADFAMILY',
  BADRESP: 'EBADRESP',
  CONNREFUSED: 'ECONNREFUSED',
  TIMEOUT: 'ETIMEOUT',
  EOF: 'EOF',
  FILE: 'EFILE',
  NOMEM: 'ENOMEM',
  DESTRUCTION: 'EDESTRUCTION',
  BADSTR: 'EBADSTR',
  BADFLAGS: 'EBADFLAGS',
  NONAME: 'ENONAME',
  BADHINTS: 'EBADHINTS',
  NOTINITIALIZED: 'ENOTINITIALIZED',
  LOADIPHLPAPI: 'ELOADIPHLPAPI',
  ADDRGETNETWORKPARAMS: 'EADDRGETNETWORKPARAMS',
  CANCELLED: 'ECANCELLED',
};

// ---- native requests ----

const pending = new Map();
let nextRequest = 1;
addRequestSource(() => pending.values());
const requestNames = { GETADDRINFOREQWRAP: 'GetAddrInfoReqWrap', GETNAMEINFOREQWRAP: 'GetNameInfoReqWrap', QUERYWRAP: 'QueryReqWrap' };

internals.dnsComplete = function (id, error, value) {
  const request = pending.get(id);
  pending.delete(id);
  if (request === undefined) return;
  runAsResource(request, request.callback, undefined, [error, value]);
  destroyResource(request);
};

// A native request's id; `callback(error, value)` runs as the async resource `type` (node's
// GETADDRINFOREQWRAP, GETNAMEINFOREQWRAP, QUERYWRAP).
function request(type, callback) {
  const id = nextRequest++;
  const resource = { callback, [kResourceName]: requestNames[type] };
  initAsyncResource(resource, type);
  pending.set(id, resource);
  return id;
}

// ---- errors and validation ----

// node's DNSException: a libuv error number (getaddrinfo's EAI_NONAME/EAI_NODATA read as
// ENOTFOUND) or a c-ares code name, with `syscall CODE hostname` as its message.
function dnsException(code, syscall, hostname) {
  let errno;
  if (typeof code === 'number') {
    errno = code;
    code = code === -3007 || code === -3008 ? 'ENOTFOUND' : require('util').getSystemErrorName(code);
  }
  const err = new Error(`${syscall} ${code}${hostname ? ` ${hostname}` : ''}`);
  err.errno = errno;
  err.code = code;
  err.syscall = syscall;
  if (hostname) err.hostname = hostname;
  return err;
}


function validateNumber(value, name) {
  if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value);
}

function validateInt32(value, name, min = -2147483648, max = 2147483647) {
  validateNumber(value, name);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
}

function validateUint32(value, name) {
  validateInt32(value, name, 0, 4294967295);
}

function validateHints(hints) {
  if ((hints & ~(ADDRCONFIG | ALL | V4MAPPED)) !== 0) throw invalidArgValue('hints', hints);
}

let dnsOrder = internals.getOptionValue?.('--dns-result-order') || 'verbatim';
validateOneOf(dnsOrder, '--dns-result-order', validDnsOrders);

function setDefaultResultOrder(value) {
  validateOneOf(value, 'dnsOrder', validDnsOrders);
  dnsOrder = value;
}

function getDefaultResultOrder() {
  return dnsOrder;
}

let invalidHostnameWarned = false;
function warnInvalidHostname(hostname) {
  if (invalidHostnameWarned) return;
  invalidHostnameWarned = true;
  process.emitWarning(
    `The provided hostname "${hostname}" is not a valid hostname, and is supported in the dns module solely for compatibility.`,
    'DeprecationWarning', 'DEP0118');
}

// ---- lookup ----

// A 'dns' performance entry, when someone observes them: timed from now until `finish` is
// called with the answer's details (requests that fail make none, as in node).
function dnsTiming(name, detail) {
  const perf = require('internal/perf/observe');
  if (!perf.hasObserver('dns')) return () => {};
  const timing = {};
  perf.startPerf(timing, 'entry', { type: 'dns', name, detail });
  return (answer) => perf.stopPerf(timing, 'entry', { detail: answer });
}

const lookupTiming = (hostname, { family, hints, order }) =>
  dnsTiming('lookup', { hostname, family, hints, verbatim: order === 'verbatim', order });
const lookupAddresses = (addresses, all) => (all ? addresses : addresses.map(({ address }) => address));

// The options of lookup, checked as node checks them: { hints, family, all, order }.
function lookupOptions(options) {
  const parsed = { hints: 0, family: 0, all: false, order: dnsOrder };
  if (typeof options === 'number') {
    validateOneOf(options, 'family', validFamilies);
    parsed.family = options;
    return parsed;
  }
  if (options?.hints != null) {
    validateNumber(options.hints, 'options.hints');
    parsed.hints = options.hints >>> 0;
    validateHints(parsed.hints);
  }
  if (options?.family != null) {
    if (options.family === 'IPv4') parsed.family = 4;
    else if (options.family === 'IPv6') parsed.family = 6;
    else {
      validateOneOf(options.family, 'options.family', validFamilies);
      parsed.family = options.family;
    }
  }
  if (options?.all != null) {
    validateBoolean(options.all, 'options.all');
    parsed.all = options.all;
  }
  if (options?.verbatim != null) {
    validateBoolean(options.verbatim, 'options.verbatim');
    parsed.order = options.verbatim ? 'verbatim' : 'ipv4first';
  }
  if (options?.order != null) {
    validateOneOf(options.order, 'options.order', validDnsOrders);
    parsed.order = options.order;
  }
  return parsed;
}

// Runs getaddrinfo; `done(err, [{ address, family }])`. Returns false when the answer is
// known without asking (empty hostname, or an IP address).
function getaddrinfo(hostname, { hints, family, order }, done) {
  const id = request('GETADDRINFOREQWRAP', (err, pairs) => {
    if (err !== null) return done(dnsException(err, 'getaddrinfo', hostname));
    done(null, pairs.map(([address, addressFamily]) => ({ address, family: family || addressFamily })));
  });
  native.getaddrinfo(id, hostname, family, hints, ORDER[order]);
}

function lookup(hostname, options, callback) {
  if (hostname) validateString(hostname, 'hostname');
  let parsed;
  if (typeof options === 'function') {
    callback = options;
    parsed = lookupOptions(undefined);
  } else if (typeof options === 'number') {
    validateFunction(callback, 'callback');
    parsed = lookupOptions(options);
  } else if (options !== undefined && typeof options !== 'object') {
    validateFunction(arguments.length === 2 ? options : callback, 'callback');
    throw invalidArgType('options', 'of type integer or object', options);
  } else {
    validateFunction(callback, 'callback');
    parsed = lookupOptions(options);
  }
  const { family, all } = parsed;
  if (!hostname) {
    warnInvalidHostname(hostname);
    if (all) process.nextTick(callback, null, []);
    else process.nextTick(callback, null, null, family === 6 ? 6 : 4);
    return {};
  }
  const matched = isIP(hostname);
  if (matched) {
    if (all) process.nextTick(callback, null, [{ address: hostname, family: matched }]);
    else process.nextTick(callback, null, hostname, matched);
    return {};
  }
  const req = { hostname, family, callback };
  const finish = lookupTiming(hostname, parsed);
  getaddrinfo(hostname, parsed, (err, addresses) => {
    if (err) return callback(err);
    if (all) callback(null, addresses);
    else callback(null, addresses[0].address, addresses[0].family);
    finish({ addresses: lookupAddresses(addresses, all) });
  });
  return req;
}
// util.promisify(lookup) resolves { address, family }, as node's customPromisifyArgs say.
Object.defineProperty(lookup, require('util').promisify.custom, {
  value: (hostname, options) => new Promise((resolve, reject) => {
    lookup(hostname, options ?? {}, (err, address, family) => (err ? reject(err) : resolve({ address, family })));
  }),
  configurable: true,
});

function getnameinfo(address, port, done) {
  const id = request('GETNAMEINFOREQWRAP', (err, names) => {
    if (err !== null) return done(dnsException(err, 'getnameinfo', address));
    done(null, names[0], names[1]);
  });
  native.getnameinfo(id, address, port);
}

function lookupService(address, port, callback) {
  if (arguments.length !== 3) throw missingArgs('address', 'port', 'callback');
  validateString(address, 'address');
  if (isIP(address) === 0) throw invalidArgValue('address', address);
  validatePort(port);
  validateFunction(callback, 'callback');
  const finish = dnsTiming('lookupService', { host: address, port: +port });
  getnameinfo(address, +port, (err, hostname, service) => {
    if (err) return callback(err);
    callback(null, hostname, service);
    finish({ hostname, service });
  });
  return { hostname: address, port: +port, callback };
}
Object.defineProperty(lookupService, require('util').promisify.custom, {
  value: (address, port) => new Promise((resolve, reject) => {
    lookupService(address, port, (err, hostname, service) => (err ? reject(err) : resolve({ hostname, service })));
  }),
  configurable: true,
});

// ---- Resolver: servers, timeouts and the queries of one c-ares channel's worth ----

let systemConfig;
function defaultConfig() {
  systemConfig ??= native.systemConfig();
  return systemConfig;
}

const IPV6_BRACKETS = /^\[([^[\]]*)\]/;
const ADDRESS_PORT = /(^.+?)(?::(\d+))?$/;

// A reverse-lookup name: in-addr.arpa for IPv4, ip6.arpa nibbles for IPv6.
function reverseName(ip) {
  const family = isIP(ip);
  if (family === 4) return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
  if (family !== 6) return null;
  let text = ip.split('%')[0];
  const tailStart = text.lastIndexOf(':');
  if (text.includes('.', tailStart)) {
    const quad = text.slice(tailStart + 1).split('.').map(Number);
    text = `${text.slice(0, tailStart + 1)}${((quad[0] << 8) | quad[1]).toString(16)}:${((quad[2] << 8) | quad[3]).toString(16)}`;
  }
  const [head, tail = null] = text.split('::');
  const groups = (part) => (part ? part.split(':') : []);
  const front = groups(head);
  const back = tail === null ? [] : groups(tail);
  const middle = new Array(8 - front.length - back.length).fill('0');
  const hex = [...front, ...middle, ...back].map((group) => group.padStart(4, '0')).join('');
  return `${[...hex].reverse().join('.')}.ip6.arpa`;
}

// Shapes the native answers (objects with type, ttl and the type's fields) as each query
// method returns them.
function pick(record, ...keys) {
  const out = {};
  for (const key of keys) out[key] = record[key];
  return out;
}

// Node 24 marks MX, SRV and CAA answers with their type even outside resolveAny.
function caaValue(record) {
  return { critical: record.critical, type: 'CAA', [record.tag]: record.value };
}

function mxValue(record) {
  return { ...pick(record, 'exchange', 'priority'), type: 'MX' };
}

function srvValue(record) {
  return { ...pick(record, 'name', 'port', 'priority', 'weight'), type: 'SRV' };
}

function anyValue(record) {
  switch (record.type) {
    case 'A':
    case 'AAAA': return { address: record.address, ttl: record.ttl, type: record.type };
    case 'CNAME':
    case 'NS':
    case 'PTR': return { value: record.value, type: record.type };
    case 'MX': return mxValue(record);
    case 'TXT': return { entries: record.entries, type: 'TXT' };
    case 'SRV': return srvValue(record);
    case 'NAPTR': return { ...pick(record, 'flags', 'service', 'regexp', 'replacement', 'order', 'preference'), type: 'NAPTR' };
    case 'SOA': return { ...pick(record, 'nsname', 'hostmaster', 'serial', 'refresh', 'retry', 'expire', 'minttl'), type: 'SOA' };
    case 'CAA': return caaValue(record);
    case 'TLSA': return { ...pick(record, 'certUsage', 'selector', 'match', 'data'), type: 'TLSA' };
  }
  return undefined;
}

const queries = {
  queryAny: { type: 'ANY', shape: (records) => records.map(anyValue).filter((value) => value !== undefined) },
  queryA: { type: 'A', addresses: true },
  queryAaaa: { type: 'AAAA', addresses: true },
  queryCaa: { type: 'CAA', shape: (records) => records.map(caaValue) },
  queryCname: { type: 'CNAME', shape: (records) => records.map((record) => record.value) },
  queryMx: { type: 'MX', shape: (records) => records.map(mxValue) },
  queryNs: { type: 'NS', shape: (records) => records.map((record) => record.value) },
  queryTlsa: { type: 'TLSA', shape: (records) => records.map((record) => pick(record, 'certUsage', 'selector', 'match', 'data')) },
  queryTxt: { type: 'TXT', shape: (records) => records.map((record) => record.entries) },
  querySrv: { type: 'SRV', shape: (records) => records.map(srvValue) },
  queryPtr: { type: 'PTR', shape: (records) => records.map((record) => record.value) },
  queryNaptr: {
    type: 'NAPTR',
    shape: (records) => records.map((record) => pick(record, 'flags', 'service', 'regexp', 'replacement', 'order', 'preference')),
  },
  querySoa: { type: 'SOA', shape: (records) => pick(records[0], 'nsname', 'hostmaster', 'serial', 'refresh', 'retry', 'expire', 'minttl') },
  getHostByAddr: { type: 'PTR', shape: (records) => records.map((record) => record.value) },
};


class Channel {
  constructor(timeout, tries, maxTimeout) {
    const config = defaultConfig();
    this.servers = config.servers.map(([ip, port]) => [ip, port]);
    this.timeout = timeout === -1 ? config.timeout : timeout;
    this.tries = tries;
    this.maxTimeout = maxTimeout;
    this.local4 = null;
    this.local6 = null;
    this.active = new Set();
  }

  // Starts a query; `done(err, result)` with err a c-ares code (or a libuv number).
  query(bindingName, name, ttl, done) {
    const spec = queries[bindingName];
    let target = name;
    if (bindingName === 'getHostByAddr') {
      target = reverseName(name);
      if (target === null) return -22; // UV_EINVAL
    }
    const id = request('QUERYWRAP', (err, records) => {
      this.active.delete(id);
      // c-ares's reverse lookup reports a name without PTR records as not found.
      if (err === 'ENODATA' && bindingName === 'getHostByAddr') err = 'ENOTFOUND';
      if (err !== null) return done(err);
      if (spec.addresses) {
        return done(null, records.map((record) => (ttl ? { address: record.address, ttl: record.ttl } : record.address)));
      }
      done(null, spec.shape(records));
    });
    this.active.add(id);
    const hostsAddress = bindingName === 'getHostByAddr' ? name : null;
    native.query(id, this.servers, target, spec.type, this.timeout, this.tries, this.maxTimeout, this.local4, this.local6,
      hostsAddress);
    return 0;
  }

  cancel() {
    for (const id of this.active) native.cancel(id);
    this.active.clear();
  }

  getServers() {
    return this.servers.map(([ip, port]) => [ip, port]);
  }
}

class ResolverBase {
  constructor(options = undefined) {
    const { timeout = -1, tries = 4, maxTimeout = 0 } = { ...options };
    validateInt32(timeout, 'options.timeout', -1);
    validateInt32(tries, 'options.tries', 1);
    validateUint32(maxTimeout, 'options.maxTimeout');
    this._handle = new Channel(timeout, tries, maxTimeout);
  }

  cancel() {
    this._handle.cancel();
  }

  getServers() {
    return (this._handle.getServers() || []).map(([ip, port]) => {
      if (!port || port === 53) return ip;
      return `${isIP(ip) === 6 ? `[${ip}]` : ip}:${port}`;
    });
  }

  setServers(servers) {
    if (!Array.isArray(servers)) throw invalidArgType('servers', 'an instance of Array', servers);
    const parsed = [];
    // forEach, as node's: holes are skipped.
    servers.forEach((server, index) => {
      validateString(server, `servers[${index}]`);
      if (isIP(server) !== 0) return parsed.push([server, 53]);
      const bracketed = IPV6_BRACKETS.exec(server);
      if (bracketed && isIP(bracketed[1]) !== 0) {
        return parsed.push([bracketed[1], Number.parseInt(server.replace(ADDRESS_PORT, '$2')) || 53]);
      }
      const split = ADDRESS_PORT.exec(server);
      if (split && isIP(split[1]) !== 0) return parsed.push([split[1], Number.parseInt(split[2] || 53)]);
      throw codedError(TypeError, 'ERR_INVALID_IP_ADDRESS', `Invalid IP address: ${server}`);
    });
    if (this._handle.active.size > 0) {
      const listed = require('internal/inspect').inspect(servers);
      throw codedError(Error, 'ERR_DNS_SET_SERVERS_FAILED', `c-ares failed to set servers: "There are pending queries." [${listed}]`);
    }
    this._handle.servers = parsed;
  }

  setLocalAddress(ipv4, ipv6) {
    validateString(ipv4, 'ipv4');
    if (ipv6 !== undefined) validateString(ipv6, 'ipv6');
    const addresses = [ipv4, ipv6].filter((address) => address !== undefined);
    let local4 = null;
    let local6 = null;
    for (const address of addresses) {
      const family = isIP(address);
      if (family === 4) {
        if (local4 !== null) throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', 'Cannot specify two IPv4 addresses.');
        local4 = address;
      } else if (family === 6) {
        if (local6 !== null) throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', 'Cannot specify two IPv6 addresses.');
        local6 = address;
      } else {
        throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', 'Invalid IP address.');
      }
    }
    this._handle.local4 = local4;
    this._handle.local6 = local6;
  }
}

const resolveKinds = [
  ['resolveAny', 'ANY', 'queryAny'], ['resolve4', 'A', 'queryA'], ['resolve6', 'AAAA', 'queryAaaa'],
  ['resolveCaa', 'CAA', 'queryCaa'], ['resolveCname', 'CNAME', 'queryCname'], ['resolveMx', 'MX', 'queryMx'],
  ['resolveNs', 'NS', 'queryNs'], ['resolveTlsa', 'TLSA', 'queryTlsa'], ['resolveTxt', 'TXT', 'queryTxt'],
  ['resolveSrv', 'SRV', 'querySrv'], ['resolvePtr', 'PTR', 'queryPtr'], ['resolveNaptr', 'NAPTR', 'queryNaptr'],
  ['resolveSoa', 'SOA', 'querySoa'], ['reverse', null, 'getHostByAddr'],
];

function toASCII(name) {
  return /^[\x00-\x7f]*$/.test(name) ? name : require('url').domainToASCII(name) || name;
}

// The Resolver classes: `makeQuery(bindingName)` gives each resolve method.
function createResolverClass(makeQuery, resolve) {
  class Resolver extends ResolverBase {}
  const byType = { __proto__: null };
  for (const [method, type, bindingName] of resolveKinds) {
    const query = makeQuery(bindingName);
    Object.defineProperty(query, 'name', { value: bindingName });
    Resolver.prototype[method] = query;
    if (type) byType[type] = query;
  }
  Resolver.prototype.resolve = function (hostname, rrtype, callback) {
    return resolve.call(this, byType, hostname, rrtype, callback);
  };
  return Resolver;
}

const Resolver = createResolverClass((bindingName) => function (name, options, callback) {
  if (arguments.length <= 2) {
    callback = options;
    options = undefined;
  }
  validateString(name, 'name');
  validateFunction(callback, 'callback');
  const req = { bindingName, hostname: name, callback, ttl: !!options?.ttl };
  const finish = dnsTiming(bindingName, { host: name, ttl: req.ttl });
  const err = this._handle.query(bindingName, toASCII(name), req.ttl, (error, result) => {
    if (error !== null) return callback(dnsException(error, bindingName, name));
    callback(null, result);
    finish({ result });
  });
  if (err) throw dnsException(err, bindingName, name);
  return req;
}, function (byType, hostname, rrtype, callback) {
  let query;
  if (typeof rrtype === 'string') query = byType[rrtype];
  else if (typeof rrtype === 'function') {
    query = byType.A;
    callback = rrtype;
  } else {
    throw invalidArgType('rrtype', 'of type string', rrtype);
  }
  if (typeof query !== 'function') throw invalidArgValue('rrtype', rrtype);
  return query.call(this, hostname, callback);
});

// ---- dns.promises ----

const PromiseResolver = createResolverClass((bindingName) => function (name, options) {
  validateString(name, 'name');
  const ttl = !!options?.ttl;
  const finish = dnsTiming(bindingName, { host: name, ttl });
  return new Promise((resolve, reject) => {
    const err = this._handle.query(bindingName, toASCII(name), ttl, (error, result) => {
      if (error !== null) return reject(dnsException(error, bindingName, name));
      resolve(result);
      finish({ result });
    });
    if (err) reject(dnsException(err, bindingName, name));
  });
}, function (byType, hostname, rrtype) {
  let query;
  if (rrtype !== undefined) {
    validateString(rrtype, 'rrtype');
    query = byType[rrtype];
    if (typeof query !== 'function') throw invalidArgValue('rrtype', rrtype);
  } else {
    query = byType.A;
  }
  return query.call(this, hostname);
});

let defaultResolver;
function getDefaultResolver() {
  defaultResolver ??= new Resolver();
  return defaultResolver;
}

const resolverKeys = [
  'getServers', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname', 'resolveMx',
  'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTlsa', 'resolveTxt', 'reverse',
];

function promiseLookup(hostname, options) {
  if (hostname && typeof hostname !== 'string') throw invalidArgType('hostname', 'of type string', hostname);
  if (options !== undefined && options !== null && typeof options !== 'number' && typeof options !== 'object') {
    throw invalidArgType('options', 'of type integer or object', options);
  }
  const parsed = lookupOptions(options ?? undefined);
  const { family, all } = parsed;
  if (!hostname) {
    warnInvalidHostname(hostname);
    return Promise.resolve(all ? [] : { address: null, family: family === 6 ? 6 : 4 });
  }
  const matched = isIP(hostname);
  if (matched !== 0) {
    const result = { address: hostname, family: matched };
    return Promise.resolve(all ? [result] : result);
  }
  const finish = lookupTiming(hostname, parsed);
  return new Promise((resolve, reject) => {
    getaddrinfo(hostname, parsed, (err, addresses) => {
      if (err) return reject(err);
      resolve(all ? addresses : addresses[0]);
      finish({ addresses: lookupAddresses(addresses, all) });
    });
  });
}

function promiseLookupService(address, port) {
  if (arguments.length !== 2) throw missingArgs('address', 'port');
  validateString(address, 'address');
  if (isIP(address) === 0) throw invalidArgValue('address', address);
  validatePort(port);
  const finish = dnsTiming('lookupService', { host: address, port: +port });
  return new Promise((resolve, reject) => {
    getnameinfo(address, +port, (err, hostname, service) => {
      if (err) return reject(err);
      resolve({ hostname, service });
      finish({ hostname, service });
    });
  });
}

// dns.setServers gives the module a new default resolver, so that queries already made
// finish on the old one.
function setServers(servers) {
  const resolver = new Resolver();
  resolver.setServers(servers);
  defaultResolver = resolver;
  bindDefaultResolver();
}

function bindDefaultResolver() {
  const resolver = getDefaultResolver();
  for (const key of resolverKeys) {
    module.exports[key] = Resolver.prototype[key].bind(resolver);
    promises[key] = PromiseResolver.prototype[key].bind(resolver);
  }
}

const promises = {
  lookup: promiseLookup,
  lookupService: promiseLookupService,
  Resolver: PromiseResolver,
  getDefaultResultOrder,
  setDefaultResultOrder,
  setServers,
  ...errorCodes,
};

module.exports = {
  lookup,
  lookupService,
  Resolver,
  getDefaultResultOrder,
  setDefaultResultOrder,
  setServers,
  ADDRCONFIG,
  ALL,
  V4MAPPED,
  ...errorCodes,
};
bindDefaultResolver();
module.exports.promises = promises;
