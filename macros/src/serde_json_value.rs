//! `serde_json` values as JS values, as napi-rs's `serde-json` feature has them.

use crate::convert::{FromNapiValue, Null, ToNapiValue};
use crate::error::{Error, Result, Status};
use crate::sys;
use crate::values::BigInt;
use crate::Env;
use serde_json::{Map, Number, Value};

/// A JSON (de)serialization failure, as an `InvalidArg` error.
impl From<serde_json::Error> for Error {
    fn from(error: serde_json::Error) -> Self {
        Error::new(Status::InvalidArg, error.to_string())
    }
}

impl ToNapiValue for Value {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        match self {
            Value::Null => Null.to_napi_value(env),
            Value::Bool(boolean) => boolean.to_napi_value(env),
            Value::Number(number) => number.to_napi_value(env),
            Value::String(string) => string.to_napi_value(env),
            Value::Array(array) => array.to_napi_value(env),
            Value::Object(object) => object.to_napi_value(env),
        }
    }
}

impl ToNapiValue for &Value {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        self.clone().to_napi_value(env)
    }
}

/// Booleans, numbers, strings, `null`, arrays and plain objects; other values are errors.
impl FromNapiValue for Value {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let unrepresentable = |what: &str| Err(Error::new(Status::InvalidArg, format!("{what} cannot be represented as a serde_json::Value")));
        let js_env = Env::from_raw(env);
        Ok(match js_env.type_of(value)? {
            sys::napi_boolean => Value::Bool(bool::from_napi_value(env, value)?),
            sys::napi_number => Value::Number(Number::from_napi_value(env, value)?),
            sys::napi_string => Value::String(String::from_napi_value(env, value)?),
            sys::napi_null => Value::Null,
            // As napi-rs: a BigInt that fits an i64 or a u64 is that number, a larger one its
            // decimal digits.
            sys::napi_bigint => {
                let bigint = BigInt::from_napi_value(env, value)?;
                match (bigint.to_i64(), bigint.to_u64()) {
                    (Some(signed), _) => Value::Number(signed.into()),
                    (None, Some(unsigned)) => Value::Number(unsigned.into()),
                    (None, None) => {
                        let digits = js_env.call(|result| sys::napi_coerce_to_string(env, value, result))?;
                        Value::String(String::from_napi_value(env, digits)?)
                    }
                }
            }
            sys::napi_object => {
                if js_env.call(|result| sys::napi_is_array(env, value, result))? {
                    Value::Array(Vec::<Value>::from_napi_value(env, value)?)
                } else {
                    Value::Object(Map::<String, Value>::from_napi_value(env, value)?)
                }
            }
            sys::napi_function => return unrepresentable("JS functions"),
            sys::napi_undefined => return unrepresentable("undefined"),
            sys::napi_symbol => return unrepresentable("JS symbols"),
            sys::napi_external => return unrepresentable("External JS objects"),
            _ => return unrepresentable("Unknown JS variables"),
        })
    }
}

impl ToNapiValue for Map<String, Value> {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        crate::convert::object_from_entries(env, self)
    }
}

/// The object's own enumerable string-keyed properties; `undefined` ones are left out.
impl FromNapiValue for Map<String, Value> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let js_env = Env::from_raw(env);
        crate::convert::object_entries::<Option<Value>, Vec<(String, Option<Value>)>>(js_env, value)
            .map(|entries| entries.into_iter().filter_map(|(key, value)| Some((key, value?))).collect())
    }
}

/// Integers within 2^53 (and up to `u32::MAX`) as numbers, larger ones as BigInts, the rest as
/// numbers.
impl ToNapiValue for Number {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;
        if let Some(integer) = self.as_i64() {
            if (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&integer) {
                integer.to_napi_value(env)
            } else {
                BigInt::from(integer).to_napi_value(env)
            }
        } else if let Some(unsigned) = self.as_u64() {
            if unsigned > u32::MAX as u64 {
                BigInt::from(unsigned).to_napi_value(env)
            } else {
                (unsigned as u32).to_napi_value(env)
            }
        } else {
            self.as_f64().unwrap_or(f64::NAN).to_napi_value(env)
        }
    }
}

/// Integral numbers within `i32::MIN..=u32::MAX` as integers, others as floats.
impl FromNapiValue for Number {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let number = f64::from_napi_value(env, value)?;
        let converted = if number.trunc() == number && number >= 0.0 && number <= u32::MAX as f64 {
            Some(Number::from(number as u32))
        } else if number.trunc() == number && number < 0.0 && number >= i32::MIN as f64 {
            Some(Number::from(number as i32))
        } else {
            Number::from_f64(number)
        };
        converted.ok_or_else(|| Error::new(Status::InvalidArg, "Failed to convert js number to serde_json::Number"))
    }
}
