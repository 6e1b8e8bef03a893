'use strict';
// http.WebSocket, http.CloseEvent and http.MessageEvent: the WebSocket client's classes as
// enumerable getters, the same as the globals, and present without --experimental-websocket.
const http = require('http');
console.log(http.WebSocket === WebSocket, http.CloseEvent === CloseEvent, http.MessageEvent === MessageEvent);
console.log(Object.keys(http).filter((key) => /Event|Socket/.test(key)));
const descriptor = Object.getOwnPropertyDescriptor(http, 'WebSocket');
console.log(typeof descriptor.get, descriptor.get.name, descriptor.set, descriptor.enumerable, descriptor.configurable);
const socket = new http.WebSocket('ws://127.0.0.1:1');
socket.onerror = (event) => console.log('error event', event.type, socket.readyState);
socket.onclose = (event) => console.log('close event', event instanceof http.CloseEvent, event.code, event.wasClean);
