// node:sea outside a single-executable application (anode never is one): no assets, node's errors.
const sea = require('node:sea');
console.log(Object.keys(sea), sea.isSea(), require('module').builtinModules.includes('node:sea'));
const show = (label, fn) => {
  try {
    console.log(label, fn());
  } catch (err) {
    console.log(label, err.name, err.code, err.message);
  }
};
show('getAsset', () => sea.getAsset('key'));
show('getAsset encoding', () => sea.getAsset('key', 'utf8'));
show('getAsset bad encoding', () => sea.getAsset('key', 1));
show('getRawAsset', () => sea.getRawAsset('key'));
show('getAssetAsBlob', () => sea.getAssetAsBlob('key', { type: 'text/plain' }));
show('getAssetKeys', () => sea.getAssetKeys());
show('bad key', () => sea.getAsset(Symbol('key')));
show('bare name', () => require('sea'));
