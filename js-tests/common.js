'use strict';
// Shared by the tests: loads a test addon built under addons/<name>/build/Release.
const path = require('path');

exports.addon = (name) => require(path.join(__dirname, '..', 'addons', name, 'build', 'Release', `${name}.node`));
exports.addonPath = (name) => path.join(__dirname, '..', 'addons', name, 'build', 'Release', `${name}.node`);

// Replaces Error values in a result object by "Name: message [code]", so that output does
// not depend on stack frames (which differ between runtimes' internals).
exports.withoutStacks = (result) => Object.fromEntries(Object.entries(result).map(([key, value]) => [
  key,
  value instanceof Error ? `${value.name}: ${value.message}${value.code ? ` [${value.code}]` : ''}` : value,
]));
