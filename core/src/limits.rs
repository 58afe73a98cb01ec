//! Resource bounds: the largest inputs exectable accepts, checked before anything is sized from
//! them (docs/RELIABILITY.md, "Resource bounds").
//!
//! ```text
//! ABI bytes (calldata, abi.encode(struct), revert data, log data)  ≤ MAX_ABI_BYTES   = 16 MiB
//! binary inclusion proof                                            ≤ MAX_PROOF_BYTES = 16 MiB
//! JSON text (every JSON entry point)                                ≤ MAX_JSON_TEXT_BYTES = 64 MiB
//! JSON nesting depth (arrays and objects)                           ≤ MAX_JSON_DEPTH = 127
//! JSON items (array elements + object members, see below)          ≤ MAX_JSON_ITEMS = 2^21
//! ```
//!
//! Bounds that follow from these and from the strict decoders, and are not checked separately:
//! an ABI array of `n` elements needs `32·n` bytes of heads behind its length word, so
//! `n ≤ MAX_ABI_BYTES / 32` ([`MAX_ABI_ARRAY_LENGTH`]); the layout walker compares every length
//! word with the bytes that remain *before* anything is allocated (code 103). A binary proof's
//! `k` indices and `s` siblings are compared with its length before anything is allocated (405).
//! Reentrant frames nest at most [`crate::replay::MAX_FRAME_DEPTH`] deep.
//!
//! A violation is [`Error::InputTooLarge`] (code 302), naming the input and the bound.

use crate::error::{Error, Result};

/// Largest ABI input: calldata (selector included), `abi.encode(struct)`, revert data, log data.
/// Anything a transaction or a call can carry fits: 60M gas at 4 gas per calldata byte is 15 MB.
pub const MAX_ABI_BYTES: usize = 16 * 1024 * 1024;

/// Largest array an ABI input can hold: every element takes at least one 32-byte head word.
pub const MAX_ABI_ARRAY_LENGTH: usize = MAX_ABI_BYTES / 32;

/// Largest binary inclusion proof (`89 + 8k + 32s` bytes).
pub const MAX_PROOF_BYTES: usize = 16 * 1024 * 1024;

/// Largest JSON text: room for the hex of a [`MAX_ABI_BYTES`] batch (twice its size) and its
/// structure. Applies to every JSON entry point (structs, calls, proofs, commitments, OCP
/// artifacts, receipts, proof-input documents, traces).
pub const MAX_JSON_TEXT_BYTES: usize = 64 * 1024 * 1024;

/// Deepest nesting of JSON arrays and objects: the deepest serde_json parses (its recursion
/// limit), checked first so that the error names the bound and the offset.
pub const MAX_JSON_DEPTH: usize = 127;

/// Most JSON items: commas plus opening brackets outside strings, plus one — at least the number
/// of array elements and object members, so it bounds the memory of the parsed value (a JSON
/// text of `[0,0,…]` would otherwise expand about 40-fold). A batch of [`MAX_ABI_BYTES`] has at
/// most `MAX_ABI_BYTES / 32` words, and each JSON item is at least one of them.
pub const MAX_JSON_ITEMS: usize = 1 << 21;

/// Checks that an input of `len` bytes is at most `limit`; `path` names the input.
pub fn check_len(path: &str, len: usize, limit: usize) -> Result<()> {
    if len > limit {
        return Err(Error::InputTooLarge { path: path.into(), what: "size in bytes", found: len, limit, offset: None });
    }
    Ok(())
}

/// Checks a JSON text against [`MAX_JSON_TEXT_BYTES`], [`MAX_JSON_DEPTH`] and
/// [`MAX_JSON_ITEMS`] in one pass over its bytes, before it is parsed. The text need not be valid
/// JSON (the parser reports that); brackets and commas inside strings do not count.
pub fn check_json_text(text: &str) -> Result<()> {
    check_len("json", text.len(), MAX_JSON_TEXT_BYTES)?;
    let (mut depth, mut items) = (0usize, 1usize);
    let (mut in_string, mut escaped) = (false, false);
    for (offset, byte) in text.bytes().enumerate() {
        if in_string {
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_JSON_DEPTH {
                    return Err(too_large("nesting depth", depth, MAX_JSON_DEPTH, offset));
                }
                items += 1;
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b',' => items += 1,
            _ => continue,
        }
        if items > MAX_JSON_ITEMS {
            return Err(too_large("item count", items, MAX_JSON_ITEMS, offset));
        }
    }
    Ok(())
}

fn too_large(what: &'static str, found: usize, limit: usize, offset: usize) -> Error {
    Error::InputTooLarge { path: "json".into(), what, found, limit, offset: Some(offset) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn depth_up_to_the_limit_parses_one_more_is_rejected_at_its_bracket() {
        let ok = "[".repeat(MAX_JSON_DEPTH) + &"]".repeat(MAX_JSON_DEPTH);
        check_json_text(&ok).unwrap();
        // serde_json itself parses exactly this depth, so the bound rejects nothing it accepted.
        serde_json::from_str::<serde_json::Value>(&ok).unwrap();
        let deep = "{\"a\":".repeat(MAX_JSON_DEPTH) + "[" + &"}".repeat(MAX_JSON_DEPTH);
        let e = check_json_text(&deep).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InputTooLarge);
        assert_eq!(e.offset(), Some(5 * MAX_JSON_DEPTH));
        assert_eq!(e.path(), Some("json"));
    }

    #[test]
    fn brackets_and_commas_inside_strings_do_not_count() {
        let text = format!("[\"{}\\\"{}\"]", "[".repeat(500), ",".repeat(MAX_JSON_ITEMS + 5));
        check_json_text(&text).unwrap();
        let e = check_json_text(&",".repeat(MAX_JSON_ITEMS)).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InputTooLarge);
        assert_eq!(e.offset(), Some(MAX_JSON_ITEMS - 1));
    }

    #[test]
    fn lengths_above_the_limit_are_rejected() {
        check_len("calldata", MAX_ABI_BYTES, MAX_ABI_BYTES).unwrap();
        let e = check_len("calldata", MAX_ABI_BYTES + 1, MAX_ABI_BYTES).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InputTooLarge);
        assert_eq!(e.path(), Some("calldata"));
        assert!(e.to_string().contains("16777217"), "{e}");
    }
}
