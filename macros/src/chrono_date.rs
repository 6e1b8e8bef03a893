//! `chrono` dates as JS `Date`s, as napi-rs's `chrono_date` feature has them.

use crate::convert::{FromNapiValue, ToNapiValue, TypeName, ValidateNapiValue, ValueType};
use crate::error::{Error, Result, Status};
use crate::sys;
use crate::Env;
use chrono::{DateTime, Local, LocalResult, NaiveDateTime, TimeZone};
use std::ptr;

/// The time of the JS `Date` `value`, in milliseconds since the epoch (`DateExpected` for
/// another value).
unsafe fn date_millis(env: Env, value: sys::napi_value) -> Result<f64> {
    env.call(|result| sys::napi_get_date_value(env.raw(), value, result))
}

impl<Tz: TimeZone> TypeName for DateTime<Tz> {
    fn type_name() -> &'static str {
        "DateTime"
    }
    fn value_type() -> ValueType {
        ValueType::Object
    }
}

impl<Tz: TimeZone> ValidateNapiValue for DateTime<Tz> {
    unsafe fn validate(env: sys::napi_env, value: sys::napi_value) -> Result<sys::napi_value> {
        let env = Env::from_raw(env);
        if env.call(|result| sys::napi_is_date(env.raw(), value, result))? {
            Ok(ptr::null_mut())
        } else {
            Err(Error::new(Status::InvalidArg, "Expected a Date object"))
        }
    }
}

/// A `Date` at the same instant.
impl<Tz: TimeZone> ToNapiValue for DateTime<Tz> {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        let millis = self.timestamp_millis() as f64;
        env.call(|result| sys::napi_create_date(env.raw(), millis, result))
    }
}

/// The `Date`'s instant, made in the local time zone and converted to `Tz`.
impl<Tz: TimeZone> FromNapiValue for DateTime<Tz>
where
    DateTime<Tz>: From<DateTime<Local>>,
{
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let millis = date_millis(Env::from_raw(env), value)?;
        match Local.timestamp_millis_opt(millis as i64) {
            LocalResult::Single(date) => Ok(date.into()),
            _ => Err(Error::new(Status::DateExpected, "Found invalid date")),
        }
    }
}

/// A `Date` at the naive date-time taken as UTC; one outside a `Date`'s range is an error.
impl ToNapiValue for NaiveDateTime {
    unsafe fn to_napi_value(self, env: Env) -> Result<sys::napi_value> {
        let millis = self.and_utc().timestamp_millis() as f64;
        // A Date's time value is within ±8.64e15 ms (ECMA-262 TimeClip).
        if millis.abs() > 8.64e15 {
            return Err(Error::new(Status::InvalidArg, format!("Date object cannot represent {millis} ms")));
        }
        env.call(|result| sys::napi_create_date(env.raw(), millis, result))
    }
}

/// The `Date`'s UTC date-time (what its `toISOString()` shows).
impl FromNapiValue for NaiveDateTime {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let millis = date_millis(Env::from_raw(env), value)?;
        if millis.is_nan() {
            // As `toISOString()` throws for an invalid date.
            return Err(Error::range_error("Invalid time value"));
        }
        DateTime::from_timestamp_millis(millis as i64)
            .map(|date| date.naive_utc())
            .ok_or_else(|| Error::new(Status::InvalidArg, format!("Failed to convert napi value into rust type `NaiveDateTime` {millis}")))
    }
}
