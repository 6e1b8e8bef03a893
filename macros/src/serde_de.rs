//! Rust values deserialized straight from JS values (`Env::from_js_value`, napi-rs's
//! `serde-json` feature): `null`/`undefined` are unit and `None`, numbers integers when whole,
//! Buffers and typed arrays bytes, arrays sequences, other objects maps of their own
//! enumerable string-keyed properties, BigInts 64- or 128-bit integers.

use crate::convert::FromNapiValue;
use crate::error::{Error, Result};
use crate::sys;
use crate::values::BigInt;
use crate::Env;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use std::ptr;

impl Env {
    /// `value` deserialized as a `T`.
    pub fn from_js_value<T: DeserializeOwned, V: crate::NapiRaw>(&self, value: V) -> Result<T> {
        Ok(T::deserialize(JsDeserializer { env: *self, value: value.raw() })?)
    }
}

struct JsDeserializer {
    env: Env,
    value: sys::napi_value,
}

type DeResult<T> = std::result::Result<T, serde_json::Error>;

fn de_error(error: Error) -> serde_json::Error {
    de::Error::custom(&error.reason)
}

impl JsDeserializer {
    fn read<T: FromNapiValue>(&self) -> DeResult<T> {
        unsafe { T::from_napi_value(self.env.raw(), self.value) }.map_err(de_error)
    }

    fn is(&self, check: unsafe extern "C" fn(sys::napi_env, sys::napi_value, *mut bool) -> sys::napi_status) -> DeResult<bool> {
        self.env.call(|result| unsafe { check(self.env.raw(), self.value, result) }).map_err(de_error)
    }

    /// The bytes of a Buffer, typed array or ArrayBuffer, if it is one.
    fn bytes(&self) -> DeResult<Option<&[u8]>> {
        let env = self.env.raw();
        let (mut data, mut length) = (ptr::null_mut(), 0usize);
        let status = if self.is(sys::napi_is_typedarray)? {
            let (mut kind, mut elements, mut offset, mut arraybuffer) = (0, 0, 0, ptr::null_mut());
            let status = unsafe { sys::napi_get_typedarray_info(env, self.value, &mut kind, &mut elements, &mut data, &mut arraybuffer, &mut offset) };
            let element_size = match kind {
                sys::napi_int8_array | sys::napi_uint8_array | sys::napi_uint8_clamped_array => 1,
                sys::napi_int16_array | sys::napi_uint16_array => 2,
                sys::napi_int32_array | sys::napi_uint32_array | sys::napi_float32_array => 4,
                _ => 8,
            };
            length = elements * element_size;
            status
        } else if self.is(sys::napi_is_arraybuffer)? {
            unsafe { sys::napi_get_arraybuffer_info(env, self.value, &mut data, &mut length) }
        } else {
            return Ok(None);
        };
        self.env.check(status).map_err(de_error)?;
        Ok(Some(if length == 0 { &[] } else { unsafe { std::slice::from_raw_parts(data.cast(), length) } }))
    }

    fn property_names(&self) -> DeResult<Vec<String>> {
        let names = self.env.call(|result| unsafe { sys::napi_get_property_names(self.env.raw(), self.value, result) }).map_err(de_error)?;
        unsafe { Vec::<String>::from_napi_value(self.env.raw(), names) }.map_err(de_error)
    }

    fn elements(&self) -> DeResult<JsSeq> {
        let length = self.env.call(|result| unsafe { sys::napi_get_array_length(self.env.raw(), self.value, result) }).map_err(de_error)?;
        Ok(JsSeq { env: self.env, array: self.value, index: 0, length })
    }

    fn unsupported(&self, what: &str) -> serde_json::Error {
        de::Error::custom(format!("{what} values could not be deserialized"))
    }
}

impl<'de> de::Deserializer<'de> for JsDeserializer {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> DeResult<V::Value> {
        match self.env.type_of(self.value).map_err(de_error)? {
            sys::napi_undefined | sys::napi_null => visitor.visit_unit(),
            sys::napi_boolean => visitor.visit_bool(self.read()?),
            sys::napi_number => {
                let number: f64 = self.read()?;
                if number.fract() == 0.0 && number.abs() < 9007199254740992.0 {
                    visitor.visit_i64(number as i64)
                } else {
                    visitor.visit_f64(number)
                }
            }
            sys::napi_string => visitor.visit_string(self.read()?),
            sys::napi_bigint => {
                let bigint: BigInt = self.read()?;
                let (signed, lossless) = bigint.get_i128();
                if lossless {
                    visitor.visit_i128(signed)
                } else {
                    visitor.visit_u128(bigint.get_u128().1)
                }
            }
            sys::napi_object if self.is(sys::napi_is_array)? => visitor.visit_seq(self.elements()?),
            sys::napi_object => match self.bytes()? {
                Some(bytes) => visitor.visit_bytes(bytes),
                None => {
                    let names = self.property_names()?.into_iter();
                    visitor.visit_map(JsMap { env: self.env, object: self.value, names, current: None })
                }
            },
            sys::napi_symbol => Err(self.unsupported("symbol")),
            sys::napi_function => Err(self.unsupported("function")),
            _ => Err(self.unsupported("external")),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> DeResult<V::Value> {
        match self.env.type_of(self.value).map_err(de_error)? {
            sys::napi_undefined | sys::napi_null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> DeResult<V::Value> {
        match self.bytes()? {
            Some(bytes) => visitor.visit_bytes(bytes),
            None => self.deserialize_any(visitor),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> DeResult<V::Value> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> DeResult<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    /// A string is a unit variant; an object's first property names the variant and holds its
    /// content.
    fn deserialize_enum<V: Visitor<'de>>(self, _name: &'static str, _variants: &'static [&'static str], visitor: V) -> DeResult<V::Value> {
        match self.env.type_of(self.value).map_err(de_error)? {
            sys::napi_string => visitor.visit_enum(self.read::<String>()?.into_deserializer()),
            sys::napi_object => {
                let variant = self.property_names()?.into_iter().next().ok_or_else(|| de::Error::custom("an enum's object has no property naming its variant"))?;
                let content = self.env.get_named(self.value, &variant).map_err(de_error)?;
                visitor.visit_enum(JsEnum { variant, content: JsDeserializer { env: self.env, value: content } })
            }
            _ => Err(de::Error::custom("an enum is a string or an object")),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

struct JsSeq {
    env: Env,
    array: sys::napi_value,
    index: u32,
    length: u32,
}

impl<'de> de::SeqAccess<'de> for JsSeq {
    type Error = serde_json::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> DeResult<Option<T::Value>> {
        if self.index == self.length {
            return Ok(None);
        }
        let value = self.env.call(|result| unsafe { sys::napi_get_element(self.env.raw(), self.array, self.index, result) }).map_err(de_error)?;
        self.index += 1;
        seed.deserialize(JsDeserializer { env: self.env, value }).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.length - self.index) as usize)
    }
}

struct JsMap {
    env: Env,
    object: sys::napi_value,
    names: std::vec::IntoIter<String>,
    current: Option<String>,
}

impl<'de> de::MapAccess<'de> for JsMap {
    type Error = serde_json::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> DeResult<Option<K::Value>> {
        let Some(name) = self.names.next() else { return Ok(None) };
        let key = seed.deserialize(name.as_str().into_deserializer()).map(Some);
        self.current = Some(name);
        key
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> DeResult<T::Value> {
        let name = self.current.take().ok_or_else(|| de::Error::custom("a map value was read before its key"))?;
        let value = self.env.get_named(self.object, &name).map_err(de_error)?;
        seed.deserialize(JsDeserializer { env: self.env, value })
    }
}

struct JsEnum {
    variant: String,
    content: JsDeserializer,
}

impl<'de> de::EnumAccess<'de> for JsEnum {
    type Error = serde_json::Error;
    type Variant = JsDeserializer;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> DeResult<(V::Value, JsDeserializer)> {
        let variant = seed.deserialize(self.variant.into_deserializer())?;
        Ok((variant, self.content))
    }
}

impl<'de> de::VariantAccess<'de> for JsDeserializer {
    type Error = serde_json::Error;

    fn unit_variant(self) -> DeResult<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> DeResult<T::Value> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _length: usize, visitor: V) -> DeResult<V::Value> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(self, _fields: &'static [&'static str], visitor: V) -> DeResult<V::Value> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}
