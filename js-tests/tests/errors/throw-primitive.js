// exit: 1
// Throwing a non-error prints the value and node's hint.
throw 42;
