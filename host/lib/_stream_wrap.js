'use strict';

module.exports = require('internal/js_stream_socket').JSStreamSocket;
process.emitWarning('The _stream_wrap module is deprecated.', 'DeprecationWarning', 'DEP0125');
