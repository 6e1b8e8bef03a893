'use strict';
// node:inspector/promises: node:inspector with a Session whose post returns a promise.

const inspector = require('inspector');
const { promisify } = require('util');

class Session extends inspector.Session {}
Session.prototype.post = promisify(inspector.Session.prototype.post);

module.exports = { ...inspector, Session };
