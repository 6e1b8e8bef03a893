// TypeScript as node 24 runs it by default: types stripped into whitespace (line and column
// numbers kept), erasable syntax only. A .ts main file, .mts/.cts/.ts through import() and
// require(), and node's errors for enums, namespaces with values, parameter properties,
// invalid syntax and files under node_modules.
const path = require('path');
const { spawnSync } = require('child_process');
const fixtures = path.join(__dirname, '../../fixtures/esm/ts');
const relative = (text) => text.split(fixtures).join('<ts>');

console.log('process.features.typescript', process.features.typescript);
const main = spawnSync(process.execPath, [path.join(fixtures, 'main.ts')], { encoding: 'utf8' });
console.log('main.ts exits', main.status);
console.log(main.stdout.trimEnd());
console.log(relative(main.stderr.replace(/\(node:\d+\)/, '(node:PID)').replace(/\(Use `\S+ /g, '(Use `node ')).split(path.resolve(__dirname, '../../..')).join('<root>'));

function report(how, err) {
  console.log(how, err.name, err.code, relative(err.message));
  console.log(relative(err.stack.split('\n    at ')[0]));
}

const files = ['enum.ts', 'namespace.mts', 'type-namespace.mts', 'parameter-property.cts', 'invalid.ts',
  'detect.ts', 'plain.ts', 'counter.cts', 'shapes.mts'];
for (const file of files) {
  try {
    const value = require(path.join(fixtures, file));
    console.log('require', file, Object.keys(value));
  } catch (err) {
    report(`require ${file}`, err);
  }
}
try {
  require(path.join(fixtures, 'node_modules/typed-dep'));
} catch (err) {
  report('require typed-dep', err);
}

(async () => {
  for (const file of files) {
    try {
      const namespace = await import(path.join(fixtures, file));
      console.log('import', file, Object.keys(namespace));
    } catch (err) {
      report(`import ${file}`, err);
    }
  }
  try {
    await import(path.join(fixtures, 'node_modules/typed-dep/index.ts'));
  } catch (err) {
    report('import typed-dep', err);
  }
})();
