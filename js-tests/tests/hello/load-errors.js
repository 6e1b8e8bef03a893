// Loading something that is not an addon gives node's errors, naming the path.
const path = require('path');
const fixtures = path.join(__dirname, '../../fixtures');
function attempt(file) {
  try {
    process.dlopen({ exports: {} }, file);
    console.log('loaded?');
  } catch (err) {
    console.log(err.code, '|', err.message.replaceAll(fixtures, '<fixtures>'));
  }
}
attempt(path.join(fixtures, 'not-an-addon.node'));
attempt(path.join(fixtures, 'missing.node'));
attempt(require('../../common').addonPath('no_register'));
try {
  require(path.join(fixtures, 'not-an-addon.node'));
} catch (err) {
  console.log('require:', err.code, err.message.replaceAll(fixtures, '<fixtures>'));
}
