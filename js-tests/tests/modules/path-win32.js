// path.win32 (drive letters, UNC roots, both separators) and path.parse edge cases on both flavours.
'use strict';
const { win32 } = require('path');
const cases = ['C:\\foo\\bar\\baz.txt', 'C:/foo//bar/../baz/', 'C:', 'C:\\', 'C:foo\\..\\..\\bar', '\\\\server\\share\\dir\\file.js', '\\\\server\\share', '\\foo\\.\\bar', 'foo/bar\\baz', '', '.', '..\\..\\a', 'a\\b\\', 'file.tar.gz', '.hidden', 'C:\\a\\..'];
for (const c of cases) {
  console.log(JSON.stringify(c), [win32.normalize(c), win32.isAbsolute(c), win32.dirname(c), win32.basename(c), win32.extname(c)].map((v) => JSON.stringify(v)).join(' '), JSON.stringify(win32.parse(c)));
}
console.log(win32.join('C:\\a', 'b', '..\\c', 'd.txt'), win32.join('a', '', 'b'), win32.join(''), win32.join('\\\\server', 'share', 'x'));
console.log(win32.resolve('C:\\a', 'b', '..\\c'), win32.resolve('C:\\a', 'D:\\b', 'c'), win32.resolve('C:\\x', '\\y'), win32.resolve('C:\\a\\b', '..', '..', '..'));
console.log(win32.relative('C:\\orandea\\test\\aaa', 'C:\\orandea\\impl\\bbb'), JSON.stringify(win32.relative('C:\\a', 'c:\\A')), win32.relative('C:\\a', 'D:\\b'));
console.log(win32.toNamespacedPath('C:\\a\\b'), win32.toNamespacedPath('\\\\server\\share\\x'), win32.basename('C:\\a\\b.JS', '.js'));
console.log(win32.format({ dir: 'C:\\path\\dir', base: 'file.txt' }), win32.format({ root: 'C:\\', name: 'f', ext: 'txt' }), win32.sep, win32.delimiter, win32.win32 === win32, require('path').win32 === require('path/win32'));
const posixPath = require('path'); for (const c of ['.', '.hidden', './a', '/', '/a', 'a', 'a/b/', '/a/b.c', '', '..', 'a/.b']) console.log(JSON.stringify(c), JSON.stringify(posixPath.parse(c)));
