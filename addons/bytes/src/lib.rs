//! Binary data and the other value kinds with `#[napi]`: Buffers, ArrayBuffers and typed
//! arrays (read and written in place, or made in Rust), BigInts, symbols, externals, JS
//! callbacks and `Either`.

use anode_napi::{napi, ArrayBuffer, BigInt, Buffer, Either, Env, External, Float64Array, FnArgs, Function, Result, Symbol, Uint8Array};
use std::collections::HashMap;

/// A checksum of a Buffer's bytes.
#[napi]
pub fn checksum(data: Buffer) -> u32 {
    data.iter().fold(0u32, |sum, byte| sum.wrapping_mul(31).wrapping_add(*byte as u32))
}

/// XORs the Buffer with `key` in place and returns the same Buffer.
#[napi]
pub fn xor_in_place(mut data: Buffer, key: u32) -> Buffer {
    data.iter_mut().for_each(|byte| *byte ^= key as u8);
    data
}

/// A new Buffer (its memory moves from Rust to JS).
#[napi]
pub fn repeat_byte(byte: u32, count: u32) -> Buffer {
    vec![byte as u8; count as usize].into()
}

/// A new ArrayBuffer holding 0, 1, 2, ….
#[napi]
pub fn counting_arraybuffer(env: &Env, length: u32) -> Result<ArrayBuffer<'_>> {
    ArrayBuffer::from_data(env, (0..length).map(|index| index as u8).collect::<Vec<u8>>())
}

/// The sum of an ArrayBuffer's bytes.
#[napi]
pub fn arraybuffer_sum(buffer: ArrayBuffer) -> u32 {
    buffer.iter().map(|byte| *byte as u32).sum()
}

/// Scales a Float64Array in place.
#[napi]
pub fn scale(mut values: Float64Array, factor: f64) {
    values.iter_mut().for_each(|value| *value *= factor);
}

/// A new Float64Array of squares.
#[napi]
pub fn squares(count: u32) -> Float64Array {
    (0..count).map(|index| (index * index) as f64).collect::<Vec<f64>>().into()
}

/// The largest byte of a Uint8Array.
#[napi]
pub fn max_byte(values: Uint8Array) -> Option<u32> {
    values.iter().max().map(|byte| *byte as u32)
}

/// Adds two BigInts within i128.
#[napi]
pub fn add_big(a: i128, b: i128) -> Result<i128> {
    a.checked_add(b).ok_or_else(|| anode_napi::Error::range_error("i128 overflow"))
}

/// 2^bits as a BigInt of any size.
#[napi]
pub fn power_of_two(bits: u32) -> BigInt {
    let mut words = vec![0u64; bits as usize / 64 + 1];
    words[bits as usize / 64] = 1 << (bits % 64);
    BigInt { sign_bit: false, words }
}

/// u64 round trip (BigInt in and out).
#[napi]
pub fn next_u64(value: u64) -> u64 {
    value.wrapping_add(1)
}

/// A new symbol.
#[napi]
pub fn make_symbol(description: Option<String>) -> Symbol {
    description.map_or_else(Symbol::identity, Symbol::new)
}

/// Some Rust state behind a JS external.
pub struct Tally {
    total: f64,
}

/// A new tally.
#[napi]
pub fn create_tally() -> External<Tally> {
    External::new(Tally { total: 0.0 })
}

/// Adds to a tally and returns its total.
#[napi]
pub fn add_to_tally(mut tally: External<Tally>, amount: f64) -> f64 {
    tally.total += amount;
    tally.total
}

/// Calls `callback(index, label)` for each index and sums what it returns.
#[napi]
pub fn each(count: u32, label: String, callback: Function<FnArgs<(u32, String)>, f64>) -> Result<f64> {
    (0..count).map(|index| callback.call((index, label.clone()).into())).sum()
}

/// Calls `callback(value)` for each value: a callback of one argument, not a tuple.
#[napi]
pub fn for_each_value(values: Vec<u32>, callback: Function<u32, ()>) -> Result<()> {
    values.into_iter().try_for_each(|value| callback.call(value))
}

/// What `callback()` returns, called with no arguments.
#[napi]
pub fn call_with_nothing(callback: Function<(), u32>) -> Result<u32> {
    callback.call(())
}

/// Calls `callback(counts, words)` with how often each word of `text` (split at
/// `word_separator`) occurs and the words (empty ones as null).
#[napi]
pub fn with_word_counts(
    text: String,
    word_separator: String,
    callback: Function<FnArgs<(HashMap<String, u32>, Vec<Option<String>>)>, Either<u32, String>>,
) -> Result<Either<u32, String>> {
    let words: Vec<Option<String>> =
        text.split(word_separator.as_str()).map(|word| (!word.is_empty()).then(|| word.to_string())).collect();
    let mut counts = HashMap::new();
    for word in words.iter().flatten() {
        *counts.entry(word.clone()).or_insert(0) += 1;
    }
    callback.call((counts, words).into())
}

/// A number doubled, or a string repeated.
#[napi]
pub fn double(value: Either<f64, String>) -> Either<f64, String> {
    match value {
        Either::A(number) => Either::A(number * 2.0),
        Either::B(text) => Either::B(text.repeat(2)),
    }
}
