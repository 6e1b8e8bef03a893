'use strict';
// The channels node publishes on: module.require, module.import, net sockets and listening,
// child_process spawns and worker_threads workers.
const dc = require('diagnostics_channel');
const net = require('net');
const { spawn } = require('child_process');
const { Worker } = require('worker_threads');

const seen = [];
const record = (name) => (message) => seen.push([name, Object.keys(message).sort().join(',')]);

const requires = { start: record('require start'), end: record('require end'), error: record('require error') };
dc.tracingChannel('module.require').subscribe(requires);
require('os');
try {
  require('no-such-module-anywhere');
} catch {}
dc.tracingChannel('module.require').unsubscribe(requires);

const imports = {
  start: record('import start'), end: record('import end'),
  asyncStart: record('import asyncStart'), asyncEnd: record('import asyncEnd'),
};
dc.tracingChannel('module.import').subscribe(imports);
import('path').then(() => {
  dc.tracingChannel('module.import').unsubscribe(imports);

  const listen = {
    asyncStart: ({ options }) => seen.push(['listen asyncStart', options.port]),
    asyncEnd: record('listen asyncEnd'),
    error: record('listen error'),
  };
  dc.tracingChannel('net.server.listen').subscribe(listen);
  dc.subscribe('net.client.socket', record('net.client.socket'));
  dc.subscribe('net.server.socket', record('net.server.socket'));
  const server = net.createServer((socket) => socket.destroy());
  server.listen({ port: 0 }, () => {
    dc.tracingChannel('net.server.listen').unsubscribe(listen);
    net.connect(server.address().port).on('close', () => {
      server.close();
      const spawns = {
        start: ({ options }) => seen.push(['spawn start', options.file === process.execPath]),
        end: record('spawn end'),
        error: ({ error }) => seen.push(['spawn error', error.code]),
      };
      dc.tracingChannel('child_process.spawn').subscribe(spawns);
      dc.subscribe('child_process', record('child_process'));
      spawn('no-such-command-anywhere').on('error', () => {});
      const child = spawn(process.execPath, ['-e', '0']);
      dc.tracingChannel('child_process.spawn').unsubscribe(spawns);
      child.on('close', () => {
        dc.subscribe('worker_threads', ({ worker }) => seen.push(['worker_threads', worker instanceof Worker]));
        new Worker('0', { eval: true }).on('exit', () => {
          for (const entry of seen) console.log(...entry);
        });
      });
    });
  });
});
