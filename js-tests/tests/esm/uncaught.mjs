// exit: 1
// An error thrown by the main module's body is an uncaught exception.
import '../../fixtures/esm/values.mjs';
console.log('before the throw');
throw new TypeError('thrown at top level');
