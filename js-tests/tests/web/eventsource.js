// Flags: --experimental-eventsource
// EventSource against a local http server: the request it makes, the event-stream parser
// (BOM, CR/LF/CRLF, comments, fields without a colon, multi-line data, named events, id and
// retry, unknown fields, an unfinished event at the end), reconnection with Last-Event-ID after
// the stream ends, the responses that fail it for good (a status not 200, another MIME type),
// redirects, close() in each state, a refused connection, the constructor's errors and the
// shape of the class and its on<event> attributes.
'use strict';
const http = require('http');

process.on('warning', (warning) => console.log('warning:', warning.name, warning.code, warning.message));

let port;
const origin = () => `http://127.0.0.1:${port}`;
const seen = [];

function stream(res, chunks, end = true) {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
  let index = 0;
  const next = () => {
    if (index < chunks.length) {
      res.write(chunks[index++]);
      setTimeout(next, 5);
    } else if (end) {
      res.end();
    }
  };
  next();
}

const server = http.createServer((req, res) => {
  const route = req.url;
  seen.push(route);
  console.log('server:', req.method, route, 'accept=' + req.headers.accept, 'last-event-id=' + req.headers['last-event-id'],
    'cache-control=' + req.headers['cache-control'], 'pragma=' + req.headers.pragma);
  switch (route) {
    case '/basic': {
      const count = seen.filter((url) => url === '/basic').length;
      if (count === 1) {
        stream(res, [
          Buffer.from([0xEF, 0xBB]),
          Buffer.concat([Buffer.from([0xBF]), Buffer.from(': a comment\n\ndata: first\n\n')]),
          'data:second\r\ndata:  line two\r\n\r\n',
          'event: custom\rdata: named\r\r',
          'id: 7\ndata: with id\n\n',
          'id: bad\0id\ndata: nul id ignored\n\n',
          'retry: 40\nretry: x\nunknown: field\ndata\n\n',
          'event: \ndata: empty event name\n\n',
          'data: split ', 'across chunks\n', '\n',
          Buffer.from('data: caf\u00e9 \u2713\n\n'),
          Buffer.from([0x64, 0x61, 0x74, 0x61, 0x3A, 0x20, 0xFF, 0xC3, 0x0A, 0x0A]),
          'id: 9\n\n',
          'data: never dispatched\n',
        ]);
      } else if (count === 2) {
        stream(res, ['id:\ndata: after reconnect, id reset\n\n']);
      } else {
        res.writeHead(204);
        res.end();
      }
      return;
    }
    case '/status':
      res.writeHead(500, { 'content-type': 'text/event-stream' });
      return res.end('data: not read\n\n');
    case '/mime':
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('data: not read\n\n');
    case '/no-mime':
      res.writeHead(200);
      return res.end('data: not read\n\n');
    case '/redirect':
      res.writeHead(302, { location: '/target' });
      return res.end();
    case '/target':
      return stream(res, ['data: redirected\n\n'], false);
    case '/hold':
      return stream(res, ['data: held\n\n'], false);
    case '/slow':
      setTimeout(() => stream(res, ['data: late\n\n'], false), 200);
      return;
    case '/drop': {
      const count = seen.filter((url) => url === '/drop').length;
      if (count === 1) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('id: d1\ndata: before the drop\n\n');
        setTimeout(() => res.socket.destroy(), 20);
      } else {
        res.writeHead(404);
        res.end();
      }
      return;
    }
    default:
      res.writeHead(404);
      res.end();
  }
});

function describe(es) {
  return `readyState=${es.readyState}`;
}

function open(path, options, handlers) {
  return new Promise((resolve) => {
    const es = new EventSource(`${origin()}${path}`, options);
    const log = (...args) => console.log(path, ...args);
    es.onopen = (event) => log('open', event.constructor.name, describe(es));
    es.onmessage = (event) => {
      log('message', event.constructor.name, JSON.stringify(event.data), JSON.stringify(event.lastEventId),
        event.origin === origin(), event.source, event.ports.length, describe(es));
    };
    es.addEventListener('custom', (event) => log('custom', JSON.stringify(event.data), event.type));
    es.onerror = (event) => {
      log('error', event.constructor.name, describe(es));
      handlers?.error?.(es, resolve);
      if (es.readyState === EventSource.CLOSED) resolve();
    };
    handlers?.start?.(es, resolve);
  });
}

async function main() {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = server.address().port;

  // The shape of the interface.
  console.log(typeof EventSource, EventSource.name, EventSource.length);
  console.log(EventSource.CONNECTING, EventSource.OPEN, EventSource.CLOSED, EventSource.prototype.OPEN);
  console.log(Object.keys(EventSource.prototype));
  console.log(Object.getOwnPropertyNames(EventSource.prototype).sort());
  console.log(JSON.stringify(Object.getOwnPropertyDescriptor(EventSource, 'OPEN')));
  console.log(Object.getPrototypeOf(EventSource.prototype) === EventTarget.prototype);
  for (const name of ['readyState', 'url', 'withCredentials', 'onopen']) {
    try {
      console.log(name, Reflect.get(EventSource.prototype, name));
    } catch (err) {
      console.log(name, err.name);
    }
  }
  try {
    EventSource.prototype.close.call({});
  } catch (err) {
    console.log('close on another object:', err.name, err.message);
  }

  // Constructor errors.
  for (const args of [[], ['http://['], ['not a url'], ['/relative']]) {
    try {
      new EventSource(...args);
      console.log('constructed', args);
    } catch (err) {
      console.log('constructor', JSON.stringify(args), err.name, err.constructor.name, err.code, err.message);
    }
  }

  // Attributes and the on<event> handlers.
  {
    const es = new EventSource(`${origin()}/hold`, { withCredentials: 1 });
    console.log(es.url === `${origin()}/hold`, es.withCredentials, es.readyState, String(es));
    const plain = new EventSource(`${origin()}/hold?x=1#frag`);
    console.log(plain.url === `${origin()}/hold?x=1#frag`, plain.withCredentials);
    const handler = () => {};
    const object = { handleEvent() {} };
    console.log(es.onopen, es.onmessage, es.onerror);
    es.onopen = handler;
    console.log(es.onopen === handler);
    es.onopen = object;
    console.log(es.onopen === object);
    es.onopen = 5;
    console.log(es.onopen);
    es.onopen = null;
    console.log(es.onopen);
    es.onerror = () => console.log('error after close() before connecting');
    plain.addEventListener('error', () => console.log('error after close() before connecting'));
    es.close();
    plain.close();
    console.log('closed before connecting', es.readyState);
    await new Promise((resolve) => setTimeout(resolve, 50));
    es.close();
  }

  // The stream, its end, reconnection with Last-Event-ID, then a 204 that ends it.
  await open('/basic', { node: { reconnectionTime: 10 } });
  await open('/status');
  await open('/mime');
  await open('/no-mime');

  // A redirect: url stays as given, events come from the final origin.
  await open('/redirect', undefined, {
    start(es, resolve) {
      es.addEventListener('message', () => {
        console.log('redirect url', es.url === `${origin()}/redirect`);
        es.close();
        console.log('closed while open', es.readyState);
        setTimeout(resolve, 50);
      });
    },
  });

  // close() while the request waits for its response.
  await new Promise((resolve) => {
    const es = new EventSource(`${origin()}/slow`);
    es.onerror = () => console.log('/slow error', es.readyState);
    es.onopen = () => console.log('/slow open');
    setTimeout(() => {
      es.close();
      console.log('/slow closed', es.readyState);
      setTimeout(resolve, 300);
    }, 50);
  });

  // The connection drops mid-stream: reconnection, with the id seen.
  await open('/drop', { node: { reconnectionTime: 10 } });

  // Order of listeners: onmessage set again moves to the end.
  await open('/hold', undefined, {
    start(es, resolve) {
      es.addEventListener('message', () => console.log('listener A'));
      const first = () => console.log('handler 1');
      es.onmessage = first;
      es.addEventListener('message', () => console.log('listener B'));
      es.onmessage = () => {
        console.log('handler 2');
        es.close();
        setTimeout(resolve, 50);
      };
    },
  });

  // Nothing listening on the port: error, CONNECTING, then close() in the handler.
  const closed = http.createServer();
  await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const deadPort = closed.address().port;
  await new Promise((resolve) => closed.close(resolve));
  await new Promise((resolve) => {
    const es = new EventSource(`http://127.0.0.1:${deadPort}/`);
    es.onerror = () => {
      console.log('refused: error', es.readyState);
      es.close();
      console.log('refused: closed', es.readyState);
      setTimeout(resolve, 50);
    };
  });

  server.close();
  console.log('done');
}

main();
