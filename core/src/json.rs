//! Canonical JSON of every protocol type, in the golden-vector conventions.
//!
//! Output: objects keyed by the Solidity field names in ABI order; `uint*` as minimal `0x`-hex
//! (`"0x0"`, `"0x1f"`); `int256` as the 32-byte two's-complement word in `0x`-hex (64 digits);
//! addresses lowercase; `bytes`/`bytes32` as `0x`-hex; `bool` as a JSON boolean.
//! Input additionally accepts decimal strings (and JSON integers) for `uint*`, a signed decimal
//! string for `int256`, upper-case hex digits, and EIP-55 checksummed addresses (mixed-case
//! addresses must carry a valid checksum). Unknown and missing fields are errors naming the path.

use crate::abi::layout::Path;
use crate::error::{Error, Result};
use alloy_primitives::{hex, Address, Bytes, B256, I256, U256};
use serde_json::{Map, Value};

/// A type with a canonical JSON form that round-trips exactly.
pub trait CanonicalJson: Sized {
    /// The canonical JSON value.
    fn to_json(&self) -> Value;

    /// Parses a JSON value; errors name `path` extended to the field at fault.
    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self>;

    /// Parses a JSON value (error paths start at the value's own fields).
    fn from_json(value: &Value) -> Result<Self> {
        Self::from_json_at(value, &Path::Root(""))
    }

    /// Parses JSON text.
    fn from_json_str(text: &str) -> Result<Self> {
        Self::from_json(&parse_json(text)?)
    }

    /// The canonical JSON text (pretty-printed, two-space indent).
    fn to_json_string(&self) -> String {
        serde_json::to_string_pretty(&self.to_json()).expect("a Value always serialises")
    }
}

/// Parses JSON text into a value, mapping syntax errors to [`Error::JsonSyntax`]. The text is
/// first checked against the bounds of [`crate::limits`] (size, nesting depth, item count):
/// [`Error::InputTooLarge`] before anything is allocated.
pub fn parse_json(text: &str) -> Result<Value> {
    crate::limits::check_json_text(text)?;
    serde_json::from_str(text).map_err(|e| Error::JsonSyntax { message: e.to_string() })
}

/// [`Error::JsonShape`] at `path`: the value's JSON shape is wrong.
pub fn shape_err(path: &Path<'_>, message: impl Into<String>) -> Error {
    Error::JsonShape { path: path.to_string(), message: message.into() }
}

fn hex_err(path: &Path<'_>, message: impl Into<String>) -> Error {
    Error::JsonHex { path: path.to_string(), message: message.into() }
}

fn number_err(path: &Path<'_>, message: impl Into<String>) -> Error {
    Error::JsonNumber { path: path.to_string(), message: message.into() }
}

fn as_str<'v>(value: &'v Value, path: &Path<'_>, what: &str) -> Result<&'v str> {
    value.as_str().ok_or_else(|| shape_err(path, format!("expected {what}, found {}", kind_of(value))))
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Decodes `0x`-prefixed hex into bytes.
pub fn parse_hex(text: &str, path: &Path<'_>) -> Result<Vec<u8>> {
    let digits = text
        .strip_prefix("0x")
        .or_else(|| text.strip_prefix("0X"))
        .ok_or_else(|| hex_err(path, format!("hex string must start with 0x: {:?}", truncate(text))))?;
    hex::decode(digits).map_err(|e| hex_err(path, format!("invalid hex ({e})")))
}

fn truncate(text: &str) -> String {
    if text.len() <= 24 {
        text.to_owned()
    } else {
        let cut = (0..=24).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
        format!("{}…", &text[..cut])
    }
}

/// Parses an unsigned integer of at most `bits` bits: `0x`-hex, decimal string or JSON integer.
fn parse_uint(value: &Value, path: &Path<'_>, bits: usize) -> Result<U256> {
    let parsed = match value {
        Value::Number(n) => match n.as_u64() {
            Some(v) => U256::from(v),
            None => return Err(number_err(path, format!("{n} is not a non-negative integer"))),
        },
        Value::String(s) => parse_uint_str(s, path)?,
        other => return Err(shape_err(path, format!("expected a 0x-hex or decimal string, found {}", kind_of(other)))),
    };
    if bits < 256 && parsed.bit_len() > bits {
        return Err(number_err(path, format!("{parsed} does not fit uint{bits}")));
    }
    Ok(parsed)
}

fn parse_uint_str(s: &str, path: &Path<'_>) -> Result<U256> {
    let (digits, radix) = match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(h) => (h, 16),
        None => (s, 10),
    };
    let valid = !digits.is_empty()
        && digits.bytes().all(|b| if radix == 16 { b.is_ascii_hexdigit() } else { b.is_ascii_digit() });
    if !valid {
        return Err(number_err(path, format!("{:?} is not a 0x-hex or decimal integer", truncate(s))));
    }
    U256::from_str_radix(digits, radix).map_err(|_| number_err(path, format!("{} does not fit uint256", truncate(s))))
}

impl CanonicalJson for U256 {
    fn to_json(&self) -> Value {
        Value::String(format!("{self:#x}"))
    }
    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        parse_uint(value, path, 256)
    }
}

impl CanonicalJson for u64 {
    fn to_json(&self) -> Value {
        Value::String(format!("{self:#x}"))
    }
    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        Ok(parse_uint(value, path, 64)?.to::<u64>())
    }
}

impl CanonicalJson for I256 {
    fn to_json(&self) -> Value {
        Value::String(format!("0x{:064x}", self.into_raw()))
    }
    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        match value {
            Value::Number(n) => match n.as_i64() {
                Some(v) => Ok(I256::try_from(v).expect("i64 fits int256")),
                None => Err(number_err(path, format!("{n} is not an integer that fits int64; use a string"))),
            },
            Value::String(s) => {
                if s.starts_with("0x") || s.starts_with("0X") {
                    if s.len() > 66 {
                        return Err(number_err(path, "int256 hex has more than 64 digits"));
                    }
                    return Ok(I256::from_raw(parse_uint_str(s, path)?));
                }
                let (negative, digits) = match s.strip_prefix('-') {
                    Some(d) => (true, d),
                    None => (false, s.strip_prefix('+').unwrap_or(s)),
                };
                let magnitude = parse_uint_str(digits, path)
                    .ok()
                    .filter(|_| digits.bytes().all(|b| b.is_ascii_digit()))
                    .ok_or_else(|| {
                        number_err(path, format!("{:?} is not a signed decimal or 0x-hex word", truncate(s)))
                    })?;
                let limit = U256::from(1u8) << 255;
                if negative {
                    if magnitude > limit {
                        return Err(number_err(path, format!("{} is below the int256 minimum", truncate(s))));
                    }
                    Ok(I256::from_raw(magnitude.wrapping_neg()))
                } else {
                    if magnitude >= limit {
                        return Err(number_err(path, format!("{} is above the int256 maximum", truncate(s))));
                    }
                    Ok(I256::from_raw(magnitude))
                }
            }
            other => Err(shape_err(path, format!("expected an int256 string, found {}", kind_of(other)))),
        }
    }
}

impl CanonicalJson for Address {
    fn to_json(&self) -> Value {
        Value::String(hex::encode_prefixed(self.as_slice()))
    }
    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        let s = as_str(value, path, "an address string")?;
        let bytes = parse_hex(s, path)?;
        if bytes.len() != 20 {
            return Err(hex_err(path, format!("an address has 20 bytes, found {}", bytes.len())));
        }
        let digits = &s[2..];
        let mixed = digits.bytes().any(|b| b.is_ascii_uppercase()) && digits.bytes().any(|b| b.is_ascii_lowercase());
        if mixed && Address::parse_checksummed(format!("0x{digits}"), None).is_err() {
            return Err(hex_err(path, format!("mixed-case address {s} has a bad EIP-55 checksum")));
        }
        Ok(Address::from_slice(&bytes))
    }
}

impl CanonicalJson for B256 {
    fn to_json(&self) -> Value {
        Value::String(hex::encode_prefixed(self.as_slice()))
    }
    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        let bytes = parse_hex(as_str(value, path, "a bytes32 hex string")?, path)?;
        if bytes.len() != 32 {
            return Err(hex_err(path, format!("a bytes32 has 32 bytes, found {}", bytes.len())));
        }
        Ok(B256::from_slice(&bytes))
    }
}

impl CanonicalJson for Bytes {
    fn to_json(&self) -> Value {
        Value::String(hex::encode_prefixed(self))
    }
    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        Ok(parse_hex(as_str(value, path, "a bytes hex string")?, path)?.into())
    }
}

impl CanonicalJson for String {
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        Ok(as_str(value, path, "a string")?.to_owned())
    }
}

impl CanonicalJson for bool {
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        value.as_bool().ok_or_else(|| shape_err(path, format!("expected a boolean, found {}", kind_of(value))))
    }
}

impl<T: CanonicalJson> CanonicalJson for Vec<T> {
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(CanonicalJson::to_json).collect())
    }
    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        let items =
            value.as_array().ok_or_else(|| shape_err(path, format!("expected an array, found {}", kind_of(value))))?;
        items.iter().enumerate().map(|(i, v)| T::from_json_at(v, &path.index(i))).collect()
    }
}

/// Checks that `value` is an object whose keys are all in `fields` (used by struct impls).
pub fn expect_object<'v>(value: &'v Value, path: &Path<'_>, fields: &[&str]) -> Result<&'v Map<String, Value>> {
    let map =
        value.as_object().ok_or_else(|| shape_err(path, format!("expected an object, found {}", kind_of(value))))?;
    if let Some(unknown) = map.keys().find(|k| !fields.contains(&k.as_str())) {
        return Err(unknown_field(&path.field(unknown), fields));
    }
    Ok(map)
}

/// The error for a member `path` that is not one of the object's `fields`.
pub fn unknown_field(path: &Path<'_>, fields: &[&str]) -> Error {
    shape_err(path, format!("unknown field (expected one of: {})", fields.join(", ")))
}

/// The error for a required member `path` that is absent.
pub fn missing_field(path: &Path<'_>) -> Error {
    shape_err(path, "missing field")
}

/// Reads the required member `name` of `map` (used by struct impls).
pub fn required_field<T: CanonicalJson>(map: &Map<String, Value>, name: &str, path: &Path<'_>) -> Result<T> {
    let child = path.field(name);
    match map.get(name) {
        Some(v) => T::from_json_at(v, &child),
        None => Err(missing_field(&child)),
    }
}

/// Reads the optional member `name` of `map`, or `default` when it is left out.
pub fn optional_field<T: CanonicalJson>(
    map: &Map<String, Value>,
    name: &str,
    path: &Path<'_>,
    default: T,
) -> Result<T> {
    match map.get(name) {
        Some(v) => T::from_json_at(v, &path.field(name)),
        None => Ok(default),
    }
}

/// Implements [`CanonicalJson`], [`HasShape`](crate::abi::layout::HasShape) and
/// [`HasStaticShape`](crate::abi::layout::HasStaticShape) for a struct from its field list in
/// ABI order. Struct construction in `from_json` lists every field, so a field left out of the
/// macro call is a compile error, not a silent gap.
#[macro_export]
#[doc(hidden)]
macro_rules! protocol_struct {
    ($ty:ty { $($field:ident),* $(,)? }) => {
        impl $crate::abi::layout::HasShape for $ty {
            fn shape() -> $crate::abi::layout::Shape {
                *<Self as $crate::abi::layout::HasStaticShape>::static_shape()
            }
        }
        impl $crate::abi::layout::HasStaticShape for $ty {
            fn static_shape() -> &'static $crate::abi::layout::Shape {
                static SHAPE: ::std::sync::LazyLock<$crate::abi::layout::Shape> = ::std::sync::LazyLock::new(|| {
                    let fields = vec![$($crate::abi::layout::Field {
                        name: stringify!($field),
                        shape: $crate::abi::layout::field_shape(|s: &$ty| &s.$field),
                    }),*];
                    $crate::abi::layout::Shape::Tuple(::std::boxed::Box::leak(::std::boxed::Box::new(
                        $crate::abi::layout::TupleShape::new(fields),
                    )))
                });
                &SHAPE
            }
        }
        impl $crate::json::CanonicalJson for $ty {
            fn to_json(&self) -> $crate::__private::serde_json::Value {
                #[allow(unused_mut)]
                let mut map = $crate::__private::serde_json::Map::new();
                $(map.insert(stringify!($field).to_owned(), $crate::json::CanonicalJson::to_json(&self.$field));)*
                $crate::__private::serde_json::Value::Object(map)
            }
            fn from_json_at(
                value: &$crate::__private::serde_json::Value,
                path: &$crate::abi::layout::Path<'_>,
            ) -> $crate::Result<Self> {
                #[allow(unused_variables)]
                let map = $crate::json::expect_object(value, path, &[$(stringify!($field)),*])?;
                Ok(Self { $($field: $crate::json::required_field(map, stringify!($field), path)?,)* })
            }
        }
    };
}
