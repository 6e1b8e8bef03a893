// exit: 1
// A rejection with a non-error value becomes ERR_UNHANDLED_REJECTION.
Promise.reject('plain string');
