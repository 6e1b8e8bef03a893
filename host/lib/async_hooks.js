module.exports = require('internal/async_hooks').publicApi;
