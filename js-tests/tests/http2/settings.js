// http2's settings and session controls: getDefaultSettings, getPackedSettings and
// getUnpackedSettings (with node's errors for bad values and lengths), the constants and
// sensitiveHeaders, session.settings() with its callback and the peer's 'remoteSettings',
// localSettings/remoteSettings, ping with a payload, goaway with a code and opaque data, and
// the ERR_HTTP2_* errors request() and respond() throw.
'use strict';
const http2 = require('http2');

const show = (fn) => {
  try {
    return fn();
  } catch (err) {
    return `${err.name} ${err.code}: ${err.message}`;
  }
};

console.log(http2.getDefaultSettings());
console.log(http2.getPackedSettings({ headerTableSize: 100, enablePush: false, maxFrameSize: 20000 }));
console.log(http2.getUnpackedSettings(http2.getPackedSettings({ initialWindowSize: 1000, maxHeaderListSize: 200, enableConnectProtocol: true })));
console.log(show(() => http2.getPackedSettings({ maxFrameSize: 100 })));
console.log(show(() => http2.getPackedSettings({ enablePush: 'yes' })));
console.log(show(() => http2.getUnpackedSettings(Buffer.alloc(5))));
console.log(show(() => http2.getUnpackedSettings('nope')));
console.log(http2.constants.NGHTTP2_CANCEL, http2.constants.HTTP2_HEADER_PATH, http2.constants.HTTP_STATUS_TEAPOT,
  http2.constants.NGHTTP2_SETTINGS_MAX_FRAME_SIZE, Object.keys(http2.constants).length);
console.log(typeof http2.sensitiveHeaders, String(http2.sensitiveHeaders));

const server = http2.createServer({ settings: { maxConcurrentStreams: 50 } });
server.on('session', (session) => {
  session.on('ping', (payload) => console.log('server: ping', payload.toString()));
});
server.on('stream', (stream, headers) => {
  console.log('server: sensitive', headers[http2.sensitiveHeaders], headers.secret);
  console.log(show(() => stream.respond({ ':status': 99 })));
  console.log(show(() => stream.respond({ ':method': 'GET' })));
  console.log(show(() => stream.respond({ connection: 'close' })));
  stream.respond({ ':status': 200 }, { endStream: true });
  console.log(show(() => stream.respond()));
});

server.listen(0, () => {
  const client = http2.connect(`http://localhost:${server.address().port}`, { settings: { enablePush: false } });
  client.once('remoteSettings', (settings) => console.log('client: remote maxConcurrentStreams', settings.maxConcurrentStreams));
  console.log(show(() => client.request({ ':method': 'CONNECT' })));
  console.log(show(() => client.request({ ':path': '/', ':bogus': 'x' })));
  console.log(show(() => client.request({ ':path': '/', 'content-type': ['a', 'b'] })));
  console.log(show(() => client.settings({ initialWindowSize: -1 })));
  console.log(show(() => client.ping(Buffer.alloc(3), () => {})));
  client.on('connect', () => {
    client.settings({ initialWindowSize: 100000 }, (err, settings, duration) => {
      console.log('client: settings acked', err, settings.initialWindowSize, typeof duration);
      console.log('client: local enablePush', client.localSettings.enablePush, 'pending', client.pendingSettingsAck);
      client.ping(Buffer.from('12345678'), (err, duration, payload) => {
        console.log('client: pong', err, typeof duration, payload.toString());
        const req = client.request({ ':path': '/', secret: 'hidden', [http2.sensitiveHeaders]: ['secret'] });
        req.on('response', (headers) => console.log('client: status', headers[':status'], req.endAfterHeaders));
        req.resume();
        req.on('end', () => {
          server.once('session', () => {});
          const [session] = [client];
          session.on('close', () => {
            console.log('client: closed after goaway');
            server.close();
          });
          session.goaway(http2.constants.NGHTTP2_NO_ERROR, 0, Buffer.from('bye'));
          session.close();
        });
      });
    });
  });
});
