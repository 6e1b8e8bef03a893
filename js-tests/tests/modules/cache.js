// require.cache: one instance per file until deleted from the cache.
const path = require('path');
const file = path.join(__dirname, '../../fixtures/modules/counter.js');
console.log(require(file).count, require(file).count);
console.log(file in require.cache, require.cache[file].loaded, require.cache[file].id === file);
delete require.cache[file];
console.log(require(file).count);
console.log(require.main === module, module.id, module.filename === __filename, path.basename(__dirname));
console.log(module.paths[0] === path.join(__dirname, 'node_modules'), module.children.length);
console.log(typeof module.exports, this === module.exports, typeof require.extensions['.js']);
