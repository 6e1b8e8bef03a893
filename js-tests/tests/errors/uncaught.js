// exit: 1
// An uncaught error: node's report on stderr (source line, caret, message), exit 1, 'exit' runs.
process.on('exit', (code) => console.log('exit', code));
function fail() {
  const err = new TypeError('bad thing');
  err.code = 'E_BAD';
  throw err;
}
console.log('before');
fail();
