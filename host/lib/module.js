module.exports = require('internal/module').Module;
