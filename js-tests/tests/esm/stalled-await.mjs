// exit: 13
// A top-level await that can never settle ends the process with exit code 13.
console.log('waiting forever');
await new Promise(() => {});
