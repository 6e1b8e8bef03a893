// exit: 5
// process.exit(n) from a timer ends at once with n; 'exit' listeners see it.
process.on('exit', (code) => console.log('exit event', code));
setTimeout(() => {
  console.log('before exit');
  process.exit(5);
  console.log('never');
}, 1);
setTimeout(() => console.log('never runs'), 50);
