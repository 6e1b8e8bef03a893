// exit: 7
// An 'uncaughtException' listener that throws ends the process with 7.
process.on('uncaughtException', () => {
  throw new Error('handler failed');
});
throw new Error('original');
