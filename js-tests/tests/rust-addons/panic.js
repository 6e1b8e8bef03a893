// A Rust panic in a #[napi] function is caught at the boundary and thrown as an Error with
// code "Panic"; the process goes on (after Rust's panic hook prints its message).
const { addon, log } = require('../../common');
const calculator = addon('calculator');
try {
  calculator.explode('boom');
} catch (error) {
  log(error instanceof Error, error.code, error.message);
}
log(calculator.add(1, 1));
