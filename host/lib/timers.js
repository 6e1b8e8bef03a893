module.exports = require('internal/timers').publicApi;
