//! The two rolling hashes (spec §4.2, §4.3).
//!
//! Tagged (entries and reverted-mode lookups), accumulator `h` starting at zero:
//!
//! ```text
//! CALL_BEGIN   h = keccak256(h ‖ 0x01 ‖ u256(callNumber))                              // 65 bytes
//! CALL_END     h = keccak256(h ‖ 0x02 ‖ u256(callNumber) ‖ successByte ‖ retData)     // 66 + len
//! NESTED_BEGIN h = keccak256(h ‖ 0x03 ‖ u256(nestedNumber))                            // 65 bytes
//! NESTED_END   h = keccak256(h ‖ 0x04 ‖ u256(nestedNumber))                            // 65 bytes
//! ```
//!
//! `CALL_END` carries the cursor *after* the call returned (after any nested frames), not the
//! call's own number — the compiled contract does this; the upstream docs are wrong (§5.2, §9).
//!
//! Static (untagged, static lookups): `h = keccak256(h ‖ successByte ‖ retData)` per sub-call.

use crate::abi::layout::Path;
use crate::error::{Error, Result};
use crate::json::{expect_object, required_field, CanonicalJson};
use alloy_primitives::{Bytes, Keccak256, B256, U256};
use serde_json::{Map, Value};

/// Tag of a `CALL_BEGIN` fold.
pub const CALL_BEGIN: u8 = 1;
/// Tag of a `CALL_END` fold.
pub const CALL_END: u8 = 2;
/// Tag of a `NESTED_BEGIN` fold.
pub const NESTED_BEGIN: u8 = 3;
/// Tag of a `NESTED_END` fold.
pub const NESTED_END: u8 = 4;

/// The tagged rolling-hash accumulator of one execution context, as a builder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TaggedRollingHash {
    value: B256,
}

impl TaggedRollingHash {
    /// A fresh accumulator (`0x00…00`), as at the start of every entry and reverted lookup.
    pub fn new() -> Self {
        Self::default()
    }

    /// An accumulator resumed from `value`.
    pub fn from_value(value: B256) -> Self {
        TaggedRollingHash { value }
    }

    /// The current value.
    pub fn value(&self) -> B256 {
        self.value
    }

    fn fold(&mut self, tag: u8, number: U256, tail: Option<(bool, &[u8])>) -> B256 {
        let mut hasher = Keccak256::new();
        hasher.update(self.value);
        hasher.update([tag]);
        hasher.update(number.to_be_bytes::<32>());
        if let Some((success, ret_data)) = tail {
            hasher.update([u8::from(success)]);
            hasher.update(ret_data);
        }
        self.value = hasher.finalize();
        self.value
    }

    /// `h = keccak256(h ‖ 0x01 ‖ u256(callNumber))`; returns the new value.
    pub fn call_begin(&mut self, call_number: U256) -> B256 {
        self.fold(CALL_BEGIN, call_number, None)
    }

    /// `h = keccak256(h ‖ 0x02 ‖ u256(callNumber) ‖ successByte ‖ retData)`, where `callNumber`
    /// is the cursor after the call returned; returns the new value.
    pub fn call_end(&mut self, call_number: U256, success: bool, ret_data: &[u8]) -> B256 {
        self.fold(CALL_END, call_number, Some((success, ret_data)))
    }

    /// `h = keccak256(h ‖ 0x03 ‖ u256(nestedNumber))`; returns the new value.
    pub fn nested_begin(&mut self, nested_number: U256) -> B256 {
        self.fold(NESTED_BEGIN, nested_number, None)
    }

    /// `h = keccak256(h ‖ 0x04 ‖ u256(nestedNumber))`; returns the new value.
    pub fn nested_end(&mut self, nested_number: U256) -> B256 {
        self.fold(NESTED_END, nested_number, None)
    }

    /// Applies one step; returns the new value.
    pub fn apply(&mut self, step: &RollingHashStep) -> B256 {
        match step {
            RollingHashStep::CallBegin { number } => self.call_begin(*number),
            RollingHashStep::CallEnd { number, success, ret_data } => self.call_end(*number, *success, ret_data),
            RollingHashStep::NestedBegin { number } => self.nested_begin(*number),
            RollingHashStep::NestedEnd { number } => self.nested_end(*number),
        }
    }

    /// Applies `steps` in order; returns the value after each step.
    pub fn apply_all(&mut self, steps: &[RollingHashStep]) -> Vec<B256> {
        steps.iter().map(|s| self.apply(s)).collect()
    }
}

/// One fold of the tagged rolling hash (fields: the folded number, and for `CALL_END` the result).
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RollingHashStep {
    /// `CALL_BEGIN(callNumber)`.
    CallBegin { number: U256 },
    /// `CALL_END(callNumber, success, retData)`.
    CallEnd { number: U256, success: bool, ret_data: Bytes },
    /// `NESTED_BEGIN(nestedNumber)`.
    NestedBegin { number: U256 },
    /// `NESTED_END(nestedNumber)`.
    NestedEnd { number: U256 },
}

impl RollingHashStep {
    /// The event name used in traces and vectors (`CALL_BEGIN`, …).
    pub fn event(&self) -> &'static str {
        match self {
            RollingHashStep::CallBegin { .. } => "CALL_BEGIN",
            RollingHashStep::CallEnd { .. } => "CALL_END",
            RollingHashStep::NestedBegin { .. } => "NESTED_BEGIN",
            RollingHashStep::NestedEnd { .. } => "NESTED_END",
        }
    }

    /// The tag byte folded into the hash.
    pub fn tag(&self) -> u8 {
        match self {
            RollingHashStep::CallBegin { .. } => CALL_BEGIN,
            RollingHashStep::CallEnd { .. } => CALL_END,
            RollingHashStep::NestedBegin { .. } => NESTED_BEGIN,
            RollingHashStep::NestedEnd { .. } => NESTED_END,
        }
    }

    /// The call or nested number folded into the hash.
    pub fn number(&self) -> U256 {
        match self {
            RollingHashStep::CallBegin { number }
            | RollingHashStep::CallEnd { number, .. }
            | RollingHashStep::NestedBegin { number }
            | RollingHashStep::NestedEnd { number } => *number,
        }
    }
}

/// JSON: `{"event": "CALL_END", "tag": 2, "number": "0x3", "success": true, "retData": "0x…"}`;
/// `tag` is optional on input but must agree with `event` when present.
impl CanonicalJson for RollingHashStep {
    fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("event".into(), Value::String(self.event().into()));
        map.insert("tag".into(), Value::from(self.tag()));
        map.insert("number".into(), self.number().to_json());
        if let RollingHashStep::CallEnd { success, ret_data, .. } = self {
            map.insert("success".into(), Value::Bool(*success));
            map.insert("retData".into(), ret_data.to_json());
        }
        Value::Object(map)
    }

    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        let map = expect_object(value, path, &["event", "tag", "number", "success", "retData"])?;
        let event: String = required_field(map, "event", path)?;
        let number = required_field(map, "number", path)?;
        let step = match event.as_str() {
            "CALL_BEGIN" => RollingHashStep::CallBegin { number },
            "CALL_END" => RollingHashStep::CallEnd {
                number,
                success: required_field(map, "success", path)?,
                ret_data: required_field(map, "retData", path)?,
            },
            "NESTED_BEGIN" => RollingHashStep::NestedBegin { number },
            "NESTED_END" => RollingHashStep::NestedEnd { number },
            other => {
                return Err(Error::invalid(
                    path.field("event").to_string(),
                    format!("unknown rolling-hash event {other:?} (CALL_BEGIN, CALL_END, NESTED_BEGIN, NESTED_END)"),
                ))
            }
        };
        if !matches!(step, RollingHashStep::CallEnd { .. }) {
            for extra in ["success", "retData"] {
                if map.contains_key(extra) {
                    return Err(Error::invalid(path.field(extra).to_string(), format!("{event} has no {extra}")));
                }
            }
        }
        if let Some(tag) = map.get("tag") {
            if tag.as_u64() != Some(u64::from(step.tag())) {
                return Err(Error::invalid(
                    path.field("tag").to_string(),
                    format!("tag {tag} does not match {event} (tag {})", step.tag()),
                ));
            }
        }
        Ok(step)
    }
}

/// The untagged accumulator of a static lookup's sub-calls (`_processNLookupCalls`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StaticLookupHash {
    value: B256,
}

impl StaticLookupHash {
    /// A fresh accumulator (`0x00…00`); an empty sub-call list leaves it at zero.
    pub fn new() -> Self {
        Self::default()
    }

    /// An accumulator resumed from `value`.
    pub fn from_value(value: B256) -> Self {
        StaticLookupHash { value }
    }

    /// The current value.
    pub fn value(&self) -> B256 {
        self.value
    }

    /// `h = keccak256(h ‖ successByte ‖ retData)`; returns the new value.
    pub fn fold(&mut self, success: bool, ret_data: &[u8]) -> B256 {
        let mut hasher = Keccak256::new();
        hasher.update(self.value);
        hasher.update([u8::from(success)]);
        hasher.update(ret_data);
        self.value = hasher.finalize();
        self.value
    }
}

/// The observed result of one call: what the static accumulator folds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[allow(non_snake_case)]
pub struct CallOutcome {
    /// The low-level call result.
    pub success: bool,
    /// The raw return or revert data.
    pub retData: Bytes,
}

crate::protocol_struct!(CallOutcome { success, retData });
