//! The call-overhead cases of `addons/bench` (C) written with `#[napi]`, so the benchmark
//! compares the generated code with hand-written C on the same runtime.

use anode_napi::napi;

/// Does nothing.
#[napi]
pub fn empty() {}

/// Adds three numbers.
#[napi]
pub fn add3(a: f64, b: f64, c: f64) -> f64 {
    a + b + c
}

/// Returns the string it gets.
#[napi]
pub fn echo_utf8(text: String) -> String {
    text
}

/// A counter wrapped in its JS object.
#[napi]
pub struct Counter {
    value: f64,
}

#[napi]
impl Counter {
    #[napi(constructor)]
    pub fn new() -> Self {
        Counter { value: 0.0 }
    }

    /// Adds one and returns the new value.
    #[napi]
    pub fn increment(&mut self) -> f64 {
        self.value += 1.0;
        self.value
    }
}
