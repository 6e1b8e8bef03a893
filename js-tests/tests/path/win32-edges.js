// path.win32 and path.posix on the inputs where node's results are least obvious: device
// namespaces, UNC roots, reserved device names, names ending in ':', suffix quirks of
// basename, and matchesGlob.
const path = require('path');

const inputs = [
  '', '.', '..', '/', '\\', '//', '\\\\', 'a//b/../c/', 'C:', 'c:.', 'C:\\', 'C:/x/..', 'C:a\\..\\..',
  '\\\\server\\share', '\\\\server\\share\\', '//server//share/x/..', '\\\\.\\PHYSICALDRIVE0', '\\\\?\\C:\\x/../y',
  '\\\\.\\foo\\', 'ab:', 'x/ab:/../c', 'a\\..\\b:c', 'CON:', 'CON:../x', 'con:x/', 'NUL.', 'COM9..', '...', '.x.', 'x..',
];
const show = (value) => JSON.stringify(value);
for (const flavor of ['posix', 'win32']) {
  const p = path[flavor];
  for (const input of inputs) {
    const row = ['normalize', 'dirname', 'basename', 'extname', 'isAbsolute', 'toNamespacedPath'].map((fn) => show(p[fn](input)));
    console.log(flavor, show(input), row.join(' '), show(p.parse(input)));
  }
  console.log(flavor, 'join', show(p.join('/', '/x')), show(p.join('//server', 'share')), show(p.join('\\fileserver\\uploads', 'CON:..\\..\\x')));
  console.log(flavor, 'relative', show(p.relative('C:\\a\\b', 'C:\\a\\c')), show(p.relative('c:\\A', 'C:\\a\\x')), show(p.relative('\\\\srv\\s\\a', '\\\\srv\\s\\b')));
  console.log(flavor, 'basename suffix', show(p.basename('/', 'x')), show(p.basename('b//', 'xb')), show(p.basename('ab/', 'ab')), show(p.basename('aab', 'ab')));
  console.log(flavor, 'format', show(p.format({ root: '/', name: 'x', ext: 'js' })), show(p.format({ dir: 'a', base: 'b' })));
  console.log(flavor, 'glob', p.matchesGlob('foo/bar/baz', 'foo/**'), p.matchesGlob('foo/bar', 'foo/[!b]ar'));
}
try {
  path.format(null);
} catch (err) {
  console.log(err.code, err.message);
}
