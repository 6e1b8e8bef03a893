// Flags: --experimental-network-inspection
// inspector.Network's events and node's Network domain on in-process sessions: params
// checked only while a session listens, which requests a session hears of, the bodies kept
// for getRequestPostData/getResponseBody/streamResourceContent and Network.enable's limits
// on them, per-session enabling and the order sessions hear events in.
'use strict';
const inspector = require('inspector');
const { Network } = inspector;

const show = (params) => JSON.stringify(params, (key, value) => (key === 'initiator' ? value.type : value));
const attempt = (label, call) => {
  try {
    call();
    console.log(label, 'ok');
  } catch (error) {
    console.log(label, error.name, error.code, error.message);
  }
};
const reply = (label) => (error, result) => console.log(label, error ? error.message : JSON.stringify(result));

const request = (requestId, extra = {}) => ({
  requestId, timestamp: 1, wallTime: 2, request: { url: 'https://example.com/', method: 'GET', headers: {}, ...extra.request }, ...extra.top,
});
const response = (requestId, extra = {}) => ({
  requestId, timestamp: 3, type: 'Fetch', response: { url: 'https://example.com/', status: 200, statusText: 'OK', headers: {}, ...extra },
});
const chunk = (requestId, text) => ({ requestId, timestamp: 4, dataLength: text.length, encodedDataLength: text.length, data: Buffer.from(text) });

console.log(Object.keys(Network).join());
attempt('not an object', () => Network.loadingFinished('x'));
attempt('no session listens', () => Network.loadingFinished({}));

const session = new inspector.Session();
session.connect();
session.on('inspectorNotification', ({ method, params }) => console.log('event', method, show(params)));
attempt('not enabled', () => Network.loadingFinished({}));
session.post('Network.enable', reply('enable'));

attempt('array', () => Network.loadingFinished([]));
attempt('no params', () => Network.requestWillBeSent());
attempt('number id', () => Network.requestWillBeSent(request(7)));
attempt('header value', () => Network.requestWillBeSent(request('h', { request: { headers: { a: 1 } } })));
attempt('index header name', () => Network.requestWillBeSent(request('h', { request: { headers: { 3: 'x' } } })));
attempt('fractional status', () => Network.responseReceived(response('h', { status: 200.5 })));
attempt('Uint16Array data', () => Network.dataReceived({ ...chunk('h', 'ab'), data: new Uint16Array(1) }));
attempt('unknown request sent data', () => Network.dataSent({ requestId: 'nobody' }));

console.log('-- a body as text, a post body');
Network.requestWillBeSent(request('a', { request: { hasPostData: true }, top: { charset: 'utf-8' } }));
Network.requestWillBeSent(request('a', { request: { method: 'PUT' } }));
session.post('Network.getRequestPostData', { requestId: 'a' }, reply('post data before its end'));
Network.dataSent({ requestId: 'a', timestamp: 1, dataLength: 5, data: Buffer.from('héllo') });
Network.dataSent({ requestId: 'a', finished: true });
session.post('Network.getRequestPostData', { requestId: 'a' }, reply('post data'));
Network.responseReceived(response('a', { mimeType: 'text/plain', charset: 'utf-8' }));
Network.dataReceived(chunk('a', 'wörld'));
session.post('Network.getResponseBody', { requestId: 'a' }, reply('body before its end'));
Network.loadingFinished({ requestId: 'a', timestamp: 5 });
session.post('Network.getResponseBody', { requestId: 'a' }, reply('body'));
session.post('Network.getResponseBody', { requestId: 'a' }, reply('body again'));

console.log('-- binary bodies, streaming');
Network.responseReceived(response('b'));
Network.requestWillBeSent(request('b'));
session.post('Network.getRequestPostData', { requestId: 'b' }, reply('binary post data'));
Network.responseReceived(response('b'));
Network.dataReceived(chunk('b', 'ABC'));
session.post('Network.streamResourceContent', { requestId: 'b' }, reply('stream'));
Network.dataReceived(chunk('b', 'D'));
session.post('Network.getResponseBody', { requestId: 'b' }, reply('body of a streamed response'));
Network.loadingFinished({ requestId: 'b', timestamp: 5 });
session.post('Network.streamResourceContent', { requestId: 'b' }, reply('stream after the end'));
Network.requestWillBeSent(request('c'));
Network.loadingFailed({ requestId: 'c', timestamp: 6, type: 'Fetch', errorText: 'refused' });
session.post('Network.getResponseBody', { requestId: 'c' }, reply('body of a failed request'));
session.post('Network.getResponseBody', {}, reply('no request id'));
session.post('Network.getCookies', reply('unknown command'));
Network.webSocketCreated({ requestId: 'w', url: 'ws://example.com/' });
Network.webSocketHandshakeResponseReceived({ requestId: 'w', timestamp: 1, response: { status: 101, statusText: 'Switching Protocols', headers: { upgrade: 'websocket' } } });
Network.webSocketClosed({ requestId: 'w', timestamp: 2 });

console.log('-- buffer limits');
session.post('Network.enable', { maxTotalBufferSize: 'big' }, reply('enable with a string size'));
session.post('Network.enable', { maxTotalBufferSize: 7, maxResourceBufferSize: 4 }, reply('enable with limits'));
for (const id of ['x', 'y', 'z']) {
  Network.requestWillBeSent(request(id));
  Network.responseReceived(response(id));
}
Network.dataReceived(chunk('x', '123'));
Network.dataReceived(chunk('x', '45'));
Network.dataReceived(chunk('y', '12'));
Network.dataReceived(chunk('z', '1234'));
for (const id of ['x', 'y', 'z']) {
  Network.loadingFinished({ requestId: id, timestamp: 5 });
  session.post('Network.getResponseBody', { requestId: id }, reply(`body of ${id}`));
}

console.log('-- two sessions');
const second = new inspector.Session();
second.connect();
second.on('inspectorNotification', ({ method }) => console.log('second hears', method));
Network.webSocketClosed({ requestId: 'w', timestamp: 3 });
second.post('Network.enable');
Network.webSocketClosed({ requestId: 'w', timestamp: 4 });
Network.requestWillBeSent(request('d'));
session.post('Network.disable', reply('disable'));
Network.loadingFinished({ requestId: 'd', timestamp: 5 });
session.post('Network.getResponseBody', { requestId: 'd' }, reply('body kept after disable'));
second.disconnect();
attempt('nobody listens again', () => Network.loadingFinished({}));
session.disconnect();
