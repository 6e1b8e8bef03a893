// Node's errors for modules that cannot be found or are not exported.
const path = require('path');
const fixtures = path.join(__dirname, '../../fixtures/modules');
const local = require('module').createRequire(path.join(fixtures, 'index.js'));
function attempt(fn) {
  try {
    fn();
    console.log('no error');
  } catch (err) {
    console.log(err.code, '|', err.message.replaceAll(fixtures, '<fixtures>').replaceAll(__dirname, '<here>'));
    if (err.requireStack) console.log('  requireStack:', err.requireStack.map((p) => path.basename(p)));
  }
}
attempt(() => require('./does-not-exist'));
attempt(() => require('no-such-package'));
attempt(() => local('pkg-exports/secret.js'));
attempt(() => require('node:no-such-builtin'));
attempt(() => require(''));
attempt(() => require(42));
attempt(() => require(path.join(fixtures, 'dir', 'missing.json')));
