// An 'uncaughtException' listener handles errors from the main script and from timers.
process.on('uncaughtException', (err, origin) => {
  console.log('caught:', err.message, origin);
});
setTimeout(() => {
  throw new Error('from timer');
}, 1);
setTimeout(() => console.log('loop continues'), 5);
throw new Error('from main');
