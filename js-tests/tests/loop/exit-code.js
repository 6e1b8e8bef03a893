// exit: 3
// process.exitCode becomes the exit status when the loop ends.
process.exitCode = 3;
process.on('exit', (code) => console.log('exiting with', code, process.exitCode));
