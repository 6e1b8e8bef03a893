// The navigator global as Node 24 has it: hardwareConcurrency, language(s), platform,
// userAgent, its accessor shapes and the Navigator class that cannot be constructed.
const os = require('os');
console.log(navigator.hardwareConcurrency === os.availableParallelism(), typeof navigator.hardwareConcurrency);
console.log(navigator.userAgent, navigator.platform, navigator.language, navigator.languages);
console.log(navigator.languages === navigator.languages, Object.isFrozen(navigator.languages), navigator === globalThis.navigator);
console.log(Object.prototype.toString.call(navigator), String(navigator), navigator instanceof Navigator);
const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
console.log(descriptor.get.name, descriptor.set, descriptor.enumerable, descriptor.configurable);
console.log(Object.getOwnPropertyDescriptor(globalThis, 'Navigator'));
for (const name of ['hardwareConcurrency', 'language', 'languages', 'userAgent', 'platform']) {
  const { get, set, enumerable, configurable } = Object.getOwnPropertyDescriptor(Navigator.prototype, name);
  console.log(name, get.name, set, enumerable, configurable);
}
try {
  new Navigator();
} catch (err) {
  console.log(err.name, err.code, err.message);
}
console.log(Object.keys(navigator), navigator);
const { spawnSync } = require('child_process');
const child = spawnSync(process.execPath, ['-p', 'navigator.language + " " + navigator.languages'], {
  env: { ...process.env, LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' }, encoding: 'utf8',
});
console.log(child.stdout.trim());
