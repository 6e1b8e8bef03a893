'use strict';
// https: HTTP/1.1 over TLS. The server is a tls.Server whose secure connections go to http's
// connection handling; the client is http's ClientRequest on an https.Agent, whose sockets
// come from tls.connect and whose TLS sessions are cached per connection name for resumption.

const tls = require('tls');
const { URL, urlToHttpOptions } = require('url');
const { Agent: HttpAgent } = require('_http_agent');
const { ClientRequest } = require('_http_client');
const {
  Server: HttpServer, _connectionListener, httpServerPreClose, setupConnectionsTracking, storeHTTPOptions,
} = require('_http_server');
const { validateObject } = require('internal/errors');

function Server(opts, requestListener) {
  if (!(this instanceof Server)) return new Server(opts, requestListener);
  let ALPNProtocols = ['http/1.1'];
  if (typeof opts === 'function') {
    requestListener = opts;
    opts = {};
  } else if (opts == null) {
    opts = {};
  } else {
    validateObject(opts, 'options');
    // ALPNProtocols and ALPNCallback exclude each other: the default only when neither is given.
    if (opts.ALPNProtocols || opts.ALPNCallback) ALPNProtocols = undefined;
  }
  storeHTTPOptions.call(this, opts);
  tls.Server.call(this, { noDelay: true, ALPNProtocols, ...opts }, _connectionListener);
  this.httpAllowHalfOpen = false;
  if (requestListener) this.addListener('request', requestListener);
  this.addListener('tlsClientError', function onTlsClientError(err, conn) {
    if (!this.emit('clientError', err, conn)) conn.destroy(err);
  });
  this.timeout = 0;
  this.maxHeadersCount = null;
  this.on('listening', setupConnectionsTracking);
}
Object.setPrototypeOf(Server.prototype, tls.Server.prototype);
Object.setPrototypeOf(Server, tls.Server);

Server.prototype.closeAllConnections = HttpServer.prototype.closeAllConnections;
Server.prototype.closeIdleConnections = HttpServer.prototype.closeIdleConnections;
Server.prototype.setTimeout = HttpServer.prototype.setTimeout;

Server.prototype.close = function close() {
  httpServerPreClose(this);
  tls.Server.prototype.close.apply(this, arguments);
  return this;
};

Server.prototype[Symbol.asyncDispose] = async function asyncDispose() {
  await new Promise((resolve, reject) => this.close((err) => (err ? reject(err) : resolve())));
};

function createServer(opts, requestListener) {
  return new Server(opts, requestListener);
}

// A request's own checkServerIdentity (not the agent's) gets a pool name of its own, and its
// connections neither reuse TLS sessions nor stay alive for other requests.
const kPerRequestCheckServerIdentity = Symbol('perRequestCheckServerIdentity');
let perRequestCheckServerIdentityCount = 0;

function createConnection(...args) {
  let options;
  if (args[0] !== null && typeof args[0] === 'object') {
    options = args[0];
  } else if (args[1] !== null && typeof args[1] === 'object') {
    options = { ...args[1] };
  } else if (args[2] === null || typeof args[2] !== 'object') {
    options = {};
  } else {
    options = { ...args[2] };
  }
  if (typeof args[0] === 'number') options.port = args[0];
  if (typeof args[1] === 'string') options.host = args[1];

  const agentKey = options._agentKey;
  const reuseSession = agentKey && !options[kPerRequestCheckServerIdentity];
  if (reuseSession) {
    const session = this._getSession(agentKey);
    if (session) options = { session, ...options };
  }
  const socket = tls.connect(options);
  if (options[kPerRequestCheckServerIdentity]) socket[kPerRequestCheckServerIdentity] = true;
  if (reuseSession) {
    socket.on('session', (session) => this._cacheSession(agentKey, session));
    socket.once('close', (hadError) => {
      if (hadError) this._evictSession(agentKey);
    });
  }
  return socket;
}

function Agent(options) {
  if (!(this instanceof Agent)) return new Agent(options);
  options = { __proto__: null, ...options };
  options.defaultPort ??= 443;
  options.protocol ??= 'https:';
  HttpAgent.call(this, options);
  this.maxCachedSessions = this.options.maxCachedSessions;
  if (this.maxCachedSessions === undefined) this.maxCachedSessions = 100;
  this._sessionCache = { map: {}, list: [] };
}
Object.setPrototypeOf(Agent.prototype, HttpAgent.prototype);
Object.setPrototypeOf(Agent, HttpAgent);

Agent.prototype.createConnection = createConnection;

Agent.prototype.keepSocketAlive = function keepSocketAlive(socket) {
  if (socket[kPerRequestCheckServerIdentity]) return false;
  return HttpAgent.prototype.keepSocketAlive.call(this, socket);
};

// pfx given as [{ buf, passphrase }, ...] names each buffer with its passphrase.
function pfxName(pfx, passphrase) {
  if (!Array.isArray(pfx)) return pfx;
  let name = '';
  for (const entry of pfx) name += `:${entry?.buf || entry}:${entry?.passphrase || passphrase}`;
  return name;
}

// The TLS options that make a connection unshareable are part of its pool name, in this order.
const nameOptions = [
  'ca', 'cert', 'clientCertEngine', 'ciphers', 'key', 'pfx', 'rejectUnauthorized', 'servername', 'minVersion',
  'maxVersion', 'secureProtocol', 'crl', 'honorCipherOrder', 'ecdhCurve', 'dhparam', 'secureOptions',
  'sessionIdContext', 'sigalgs', 'privateKeyIdentifier', 'privateKeyEngine',
];
const namedWhenDefined = new Set(['rejectUnauthorized', 'honorCipherOrder', 'secureOptions']);

Agent.prototype.getName = function getName(options = {}) {
  let name = HttpAgent.prototype.getName.call(this, options);
  for (const key of nameOptions) {
    name += ':';
    const value = options[key];
    if (namedWhenDefined.has(key)) {
      if (value !== undefined) name += value;
    } else if (!value) {
      continue;
    } else if (key === 'servername') {
      if (value !== options.host) name += value;
    } else if (key === 'sigalgs') {
      name += JSON.stringify(value);
    } else if (key === 'pfx') {
      name += pfxName(value, options.passphrase);
    } else {
      name += value;
    }
  }
  if (options[kPerRequestCheckServerIdentity]) name += `:${options[kPerRequestCheckServerIdentity]}`;
  return name;
};

Agent.prototype._getSession = function _getSession(key) {
  return this._sessionCache.map[key];
};

Agent.prototype._cacheSession = function _cacheSession(key, session) {
  if (this.maxCachedSessions === 0) return;
  const cache = this._sessionCache;
  if (cache.map[key]) {
    cache.map[key] = session;
    return;
  }
  if (cache.list.length >= this.maxCachedSessions) {
    const oldest = cache.list.shift();
    delete cache.map[oldest];
  }
  cache.list.push(key);
  cache.map[key] = session;
};

Agent.prototype._evictSession = function _evictSession(key) {
  const cache = this._sessionCache;
  const index = cache.list.indexOf(key);
  if (index === -1) return;
  cache.list.splice(index, 1);
  delete cache.map[key];
};

const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

function isURL(value) {
  return Boolean(value?.href && value.protocol && value.auth === undefined && value.path === undefined);
}

function request(...args) {
  let options = {};
  if (typeof args[0] === 'string') {
    options = urlToHttpOptions(new URL(args.shift()));
  } else if (isURL(args[0])) {
    options = urlToHttpOptions(args.shift());
  }
  if (args[0] && typeof args[0] !== 'function') Object.assign(options, args.shift());
  if (options.checkServerIdentity !== undefined && options.checkServerIdentity !== tls.checkServerIdentity &&
      !agentHasCheckServerIdentity(options)) {
    options[kPerRequestCheckServerIdentity] = ++perRequestCheckServerIdentityCount;
  }
  options._defaultAgent = module.exports.globalAgent;
  args.unshift(options);
  return Reflect.construct(ClientRequest, args);
}

function agentHasCheckServerIdentity(options) {
  let agent = options.agent;
  if (agent === false) return false;
  if (agent === null || agent === undefined) {
    if (typeof options.createConnection === 'function') return false;
    agent = module.exports.globalAgent;
  }
  return agent?.options?.checkServerIdentity !== undefined;
}

function get(input, options, cb) {
  const req = request(input, options, cb);
  req.end();
  return req;
}

module.exports = {
  Agent,
  globalAgent,
  Server,
  createServer,
  get,
  request,
};
