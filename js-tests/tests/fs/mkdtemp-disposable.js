'use strict';
// fs.mkdtempDisposableSync / fsPromises.mkdtempDisposable: the object's shape, removal of
// the directory and what is in it (after a chdir too), repeated removal, `using`-style
// disposal, bad prefixes; the older stream names and lchmod's absence on this platform.
const fs = require('fs');
const os = require('os');
const path = require('path');

const relativeTo = os.tmpdir();
process.chdir(relativeTo);
const made = fs.mkdtempDisposableSync('anode-disposable-');
console.log(path.isAbsolute(made.path), made.path.startsWith('anode-disposable-'), Object.keys(made),
  Object.getOwnPropertySymbols(made), Object.getPrototypeOf(made) === Object.prototype, made.remove.name,
  made[Symbol.dispose].name);
fs.writeFileSync(path.join(made.path, 'file'), 'x');
fs.mkdirSync(path.join(made.path, 'sub'));
process.chdir('/');
made.remove();
console.log('removed', fs.existsSync(path.join(relativeTo, made.path)));
made.remove();
made[Symbol.dispose]();
const disposed = fs.mkdtempDisposableSync(path.join(relativeTo, 'anode-disposable-'));
disposed[Symbol.dispose]();
console.log('disposed', fs.existsSync(disposed.path));
try {
  fs.mkdtempDisposableSync(5);
} catch (err) {
  console.log(err.code, err.message);
}
console.log(fs.FileReadStream === fs.ReadStream, fs.FileWriteStream === fs.WriteStream, 'lchmod' in fs, fs.lchmod,
  fs.lchmodSync, 'lchmod' in fs.promises);

(async () => {
  const made2 = await fs.promises.mkdtempDisposable(path.join(relativeTo, 'anode-disposable-'));
  console.log(Object.getPrototypeOf(made2), Object.keys(made2), Object.getOwnPropertySymbols(made2),
    made2.remove.constructor.name, made2[Symbol.asyncDispose].name);
  fs.writeFileSync(path.join(made2.path, 'file'), 'x');
  await made2[Symbol.asyncDispose]();
  console.log('async removed', fs.existsSync(made2.path));
  await made2.remove();
  await fs.promises.mkdtempDisposable(5).catch((err) => console.log('async', err.code));
})();
