// Cyclic requires see the partly filled exports, as in node.
const path = require('path');
const a = require(path.join(__dirname, '../../fixtures/modules/a.js'));
console.log(a);
