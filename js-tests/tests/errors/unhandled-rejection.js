// exit: 1
// Node 20's default: an unhandled rejection with an Error is raised as uncaught.
process.on('exit', (code) => console.log('exit', code));
Promise.reject(new RangeError('nobody handles me'));
