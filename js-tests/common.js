'use strict';
// Shared by the tests: loads a test addon built under addons/<name>/build/Release.
const path = require('path');

exports.addon = (name) => require(path.join(__dirname, '..', 'addons', name, 'build', 'Release', `${name}.node`));
exports.addonPath = (name) => path.join(__dirname, '..', 'addons', name, 'build', 'Release', `${name}.node`);
