//! Text values across the boundary. Fixed-size protocol values (uint256, int256, uint64 where
//! JSON has it, address, bytes32) cross as the strings of core's canonical JSON: read with core's
//! parser at a field path (so errors name the field), written in core's canonical form (uints as
//! minimal `0x`-hex, addresses and hashes lowercase `0x`-hex). Variable-length bytes cross as
//! byte arrays.

use crate::error::Result;
use exectable::abi::layout::Path;
use exectable::CanonicalJson;
use serde_json::Value;

/// The canonical text of `value` (its canonical JSON string).
pub(crate) fn text<T: CanonicalJson>(value: &T) -> String {
    match value.to_json() {
        Value::String(s) => s,
        other => other.to_string(),
    }
}

/// Reads `text` as a `T` the way core reads the JSON string `"text"` at `path`.
pub(crate) fn parse<T: CanonicalJson>(text: &str, path: &Path<'_>) -> Result<T> {
    Ok(T::from_json_at(&Value::String(text.to_owned()), path)?)
}

/// Reads a list of texts, `path[i]` for each.
pub(crate) fn parse_all<T: CanonicalJson>(texts: &[String], path: &Path<'_>) -> Result<Vec<T>> {
    texts.iter().enumerate().map(|(i, t)| parse(t, &path.index(i))).collect()
}

/// Parses JSON text (core's parser: a syntax error is `JsonSyntax`, 201).
pub(crate) fn json(text: &str) -> Result<Value> {
    Ok(exectable::json::parse_json(text)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::{Address, B256, U256};

    #[test]
    fn canonical_text_round_trips() {
        let root = Path::Root("x");
        assert_eq!(text(&U256::from(255)), "0xff");
        assert_eq!(parse::<U256>("255", &root).unwrap(), U256::from(255));
        assert_eq!(parse::<U256>("0xff", &root).unwrap(), U256::from(255));
        assert_eq!(text(&B256::repeat_byte(0xab)), format!("0x{}", "ab".repeat(32)));
        let a: Address = parse("0x00000000000000000000000000000000000000AA", &root).unwrap();
        assert_eq!(text(&a), "0x00000000000000000000000000000000000000aa");
    }

    #[test]
    fn parse_errors_name_the_path() {
        let root = Path::Root("items");
        let at = root.index(2);
        let e = parse::<Address>("0x1234", &at.field("targetAddress")).unwrap_err();
        assert_eq!(e.code(), 203);
        assert_eq!(e.to_string(), "items[2].targetAddress: an address has 20 bytes, found 2");
        let e = parse_all::<B256>(&["0x00".into()], &Path::Root("siblings")).unwrap_err();
        assert_eq!(e.to_string(), "siblings[0]: a bytes32 has 32 bytes, found 1");
    }
}
