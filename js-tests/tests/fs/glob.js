'use strict';
// fs.glob/globSync/promises.glob over a small tree: globstars, braces, extglobs, `..`, dot
// entries, absolute patterns, exclude (patterns and functions), withFileTypes,
// followSymlinks with a cycle, a file met as a directory, and node's argument errors.
const fs = require('fs');
const path = require('path');
const os = require('os');

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'anode-glob-'));
for (const file of ['src/a.js', 'src/b.ts', 'src/lib/c.js', 'src/lib/.hidden.js', 'src/.cache/d.js', 'docs/x.md', 'README.md', 'node_modules/m/index.js']) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), file);
}
fs.mkdirSync(path.join(root, 'links'));
fs.symlinkSync(path.join(root, 'src/lib'), path.join(root, 'links/lib'));
fs.symlinkSync(path.join(root, 'links'), path.join(root, 'links/loop'));
const show = (list) => list.map((item) => String(item).split(root).join('ROOT')).sort();

const patterns = ['**/*.js', 'src/**', '**/.hidden.js', 'src/**/.*/*.js', '{src,docs}/*.{js,md}', 'src/+(a|b).*',
  'src/!(lib)', 'src/lib/../*.js', 'src/**/../*.ts', './**/c.js', '*', 'links/**', `${root}/docs/*`, 'nothing/**'];
for (const pattern of patterns) console.log(pattern.split(root).join('ROOT'), show(fs.globSync(pattern, { cwd: root })));

console.log('exclude patterns', show(fs.globSync('**/*.js', { cwd: root, exclude: ['node_modules/**', '**/lib'] })));
console.log('exclude function', show(fs.globSync('**/*.js', { cwd: root, exclude: (name) => name === 'node_modules' })));
console.log('exclude dirents', show(fs.globSync('src/*', {
  cwd: root, withFileTypes: true, exclude: (dirent) => dirent.isDirectory(),
}).map((dirent) => `${path.relative(root, dirent.parentPath)}/${dirent.name}`)));
console.log('withFileTypes', fs.globSync('src/*', { cwd: root, withFileTypes: true })
  .map((dirent) => [dirent.constructor.name, dirent.name, path.relative(root, dirent.parentPath), dirent.isFile()]).sort());
console.log('followSymlinks', show(fs.globSync('links/**', { cwd: root, followSymlinks: true })));
console.log('file as directory', show(fs.globSync('README.md{,/x}', { cwd: root })));
console.log('cwd URL', show(fs.globSync('docs/*', { cwd: require('url').pathToFileURL(root) })));
console.log('several patterns', show(fs.globSync(['docs/*', 'src/*.ts'], { cwd: root })));

for (const args of [[1], [['a', 1]], ['a', null], ['a', { exclude: 5 }], ['a', { exclude: ['x', 2] }],
  ['a', { followSymlinks: 'yes' }], ['a', { cwd: 5 }]]) {
  try {
    fs.globSync(...args);
  } catch (err) {
    console.log('error', err.name, err.code, err.message);
  }
}
try {
  fs.glob('a', {}, 'not a function');
} catch (err) {
  console.log('callback error', err.code, err.message);
}

(async () => {
  const iterated = [];
  for await (const match of fs.promises.glob('**/*.md', { cwd: root })) iterated.push(match);
  console.log('promises.glob', show(iterated));
  const dirents = [];
  for await (const dirent of fs.promises.glob('docs/*', { cwd: root, withFileTypes: true })) dirents.push(dirent.name);
  console.log('promises.glob dirents', dirents);
  await fs.promises.glob(7).next().catch((err) => console.log('promises.glob error', err.code));
  fs.glob('src/*.js', { cwd: root }, (err, matches) => {
    console.log('glob callback', err, show(matches));
    process.chdir(root);
    fs.glob('src/*.ts', (err2, matches2) => {
      console.log('glob callback without options in cwd', err2, show(matches2));
      fs.rmSync(root, { recursive: true });
    });
  });
})();
