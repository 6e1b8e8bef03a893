//! A calculator written with `#[napi]`: numbers, strings, options, arrays, maps and errors.

use anode_napi::{napi, Error, Null, Result};
use std::collections::HashMap;

/// Sums two 32-bit integers (wrapping, as C would not).
#[napi]
pub fn add(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}

/// Divides, failing on division by zero with a code.
#[napi]
pub fn divide(dividend: f64, divisor: f64) -> Result<f64, &'static str> {
    if divisor == 0.0 {
        return Err(Error::new("DIVIDE_BY_ZERO", "cannot divide by zero"));
    }
    Ok(dividend / divisor)
}

/// The sum of an array of numbers.
#[napi]
pub fn sum(values: Vec<f64>) -> f64 {
    values.iter().sum()
}

/// Doubles `value` as an i64 (beyond 32 bits).
#[napi]
pub fn double_large(value: i64) -> i64 {
    value * 2
}

/// Unsigned: how many bits are set.
#[napi]
pub fn count_bits(value: u32) -> u32 {
    value.count_ones()
}

/// Whether a number is even.
#[napi]
pub fn is_even(value: i64) -> bool {
    value % 2 == 0
}

/// Greets a name, or the world when none is given.
#[napi]
pub fn greet(name: Option<&str>) -> String {
    format!("Hello, {}!", name.unwrap_or("world"))
}

/// Splits text into words.
#[napi]
pub fn words(text: String) -> Vec<String> {
    text.split_whitespace().map(str::to_owned).collect()
}

/// Evaluates `a op b` for op one of + - * /.
#[napi(js_name = "evaluate")]
pub fn evaluate_expression(a: f64, op: &str, b: f64) -> Result<f64> {
    match op {
        "+" => Ok(a + b),
        "-" => Ok(a - b),
        "*" => Ok(a * b),
        "/" => divide(a, b).map_err(Error::into_status_error),
        _ => Err(Error::range_error(format!("unknown operator {op:?}"))),
    }
}

/// Totals each key's numbers.
#[napi]
pub fn totals(groups: HashMap<String, Vec<f64>>) -> HashMap<String, f64> {
    groups.into_iter().map(|(key, values)| (key, values.iter().sum())).collect()
}

/// Returns the square root, or null for negative numbers.
#[napi]
pub fn checked_sqrt(value: f64) -> Option<f64> {
    (value >= 0.0).then(|| value.sqrt())
}

/// Always null.
#[napi]
pub fn nothing() -> Null {
    Null
}

/// Panics: the panic becomes a JS error instead of crossing into C.
#[napi]
pub fn explode(message: String) -> i32 {
    panic!("{message}")
}

/// A point: converted to and from `{ x, y, label? }`.
#[napi(object)]
pub struct Point {
    pub x: f64,
    pub y: f64,
    pub label: Option<String>,
}

/// The point halfway between two points.
#[napi]
pub fn midpoint(a: Point, b: Point) -> Point {
    Point { x: (a.x + b.x) / 2.0, y: (a.y + b.y) / 2.0, label: a.label.or(b.label) }
}

/// An operation, as a number.
#[napi]
pub enum Operation {
    Add,
    Subtract,
    Multiply = 10,
    Negate = -1,
}

/// Applies an operation.
#[napi]
pub fn apply(operation: Operation, a: f64, b: f64) -> f64 {
    match operation {
        Operation::Add => a + b,
        Operation::Subtract => a - b,
        Operation::Multiply => a * b,
        Operation::Negate => -a,
    }
}

/// A unit system, as a string.
#[napi(string_enum)]
pub enum Units {
    Metric,
    Imperial,
}

/// Converts metres to the unit system's length unit, returning it with its unit system.
#[napi]
pub fn length_in(metres: f64, units: Units) -> Vec<String> {
    match units {
        Units::Metric => vec![format!("{metres} m"), "Metric".into()],
        Units::Imperial => vec![format!("{:.2} ft", metres * 3.28084), "Imperial".into()],
    }
}

/// The other unit system.
#[napi]
pub fn other_units(units: Units) -> Units {
    match units {
        Units::Metric => Units::Imperial,
        Units::Imperial => Units::Metric,
    }
}
