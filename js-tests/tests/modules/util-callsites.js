// util.getCallSites as Node 24 has it: the caller's frames as null-prototype objects
// { functionName, scriptId, scriptName, lineNumber, columnNumber, column } (frames of this
// file only, internal ones differ), the frame count, the sourceMap option (no maps are
// loaded without --enable-source-maps: sites stay as they are) and node's errors.
const util = require('util');

const mine = (sites) => sites.filter((site) => site.scriptName === __filename)
  .map(({ functionName, lineNumber, columnNumber, column }) => ({ functionName, lineNumber, columnNumber, column }));

function inner() {
  return util.getCallSites();
}
function outer() {
  return inner();
}
const sites = outer();
console.log(mine(sites));
console.log(Object.getPrototypeOf(sites[0]), Object.keys(sites[0]), typeof sites[0].scriptId, /^\d+$/.test(sites[0].scriptId));
console.log(sites[0].scriptId === sites[1].scriptId, sites.length <= 10);
console.log(mine(util.getCallSites(1)), util.getCallSites(2).length);
console.log(mine(util.getCallSites({ sourceMap: true })).length > 0, mine(util.getCallSites(3, { sourceMap: false })));
const method = { named() { return util.getCallSites(1)[0].functionName; } };
console.log(method.named(), (() => util.getCallSites(1)[0].functionName)(), new (class K { constructor() { this.f = util.getCallSites(1)[0].functionName; } })().f);
eval('console.log(util.getCallSites(1).map((s) => [s.functionName, s.lineNumber, s.columnNumber]))');
setTimeout(function later() {
  console.log(mine(util.getCallSites()));
}, 1);

for (const args of [[0], [-1], [201], [1.5], [NaN], ['3'], [null], [1, 'x'], [1, null], [{ sourceMap: 1 }], [5, { sourceMap: 'yes' }]]) {
  try {
    util.getCallSites(...args);
    console.log('no error', args);
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
}
