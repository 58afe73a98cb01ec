//! The observation of an execution table: its canonical bytes, which are exactly the argument
//! bytes of the call that carries the table on chain.
//!
//! - L1 batch: `abi.encode(batch)` of the `ProofSystemBatchPerVerificationEntries` — the
//!   `postAndVerifyBatch` transaction input without its 4-byte selector.
//! - L2 table: `abi.encode(entries, lookupCalls)` — the `loadExecutionTable` transaction input
//!   without its selector.
//!
//! So anyone holding the posting transaction recomputes the observation as `input[4..]`, and the
//! observation decodes back to the table. docs/OCP.md gives the reasons for this choice.

use crate::abi::calldata::{decode_load_execution_table, CallOrJson};
use crate::abi::layout::Path;
use crate::error::{Error, Result};
use crate::json::{expect_object, required_field, CanonicalJson};
use crate::types::{l1, l2};
use crate::{AbiStruct, ManagerCall};
use alloy_sol_types::{sol_data::Array, SolCall, SolType};
use serde_json::{json, Value};

/// An execution table whose canonical bytes are an OCP observation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExecutionTable {
    /// An L1 batch as `postAndVerifyBatch` takes it.
    L1Batch(Box<l1::ProofSystemBatchPerVerificationEntries>),
    /// An L2 table as `loadExecutionTable` takes it.
    L2Table {
        /// The entries.
        entries: Vec<l2::ExecutionEntry>,
        /// The lookup calls.
        lookup_calls: Vec<l2::LookupCall>,
    },
}

type L2TableArgs = (Array<l2::ExecutionEntry>, Array<l2::LookupCall>);

impl ExecutionTable {
    /// The canonical bytes: `abi.encode(batch)` (L1) or `abi.encode(entries, lookupCalls)` (L2).
    pub fn observation(&self) -> Vec<u8> {
        match self {
            ExecutionTable::L1Batch(batch) => batch.abi_encode_struct(),
            ExecutionTable::L2Table { entries, lookup_calls } => {
                L2TableArgs::abi_encode_params(&(entries.as_slice(), lookup_calls.as_slice()))
            }
        }
    }

    /// The table whose canonical bytes are `observation` (`l2` picks the side); strict ABI decoding.
    pub fn from_observation(observation: &[u8], l2: bool) -> Result<Self> {
        if l2 {
            let mut calldata = l2::IEEZL2::loadExecutionTableCall::SELECTOR.to_vec();
            calldata.extend_from_slice(observation);
            let (entries, lookup_calls) = decode_load_execution_table(&calldata)?;
            Ok(ExecutionTable::L2Table { entries, lookup_calls })
        } else {
            Ok(ExecutionTable::L1Batch(Box::new(l1::ProofSystemBatchPerVerificationEntries::abi_decode_struct(
                observation,
            )?)))
        }
    }

    /// A short name for the kind of table (`l1-batch`, `l2-table`).
    pub fn kind(&self) -> &'static str {
        match self {
            ExecutionTable::L1Batch(_) => "l1-batch",
            ExecutionTable::L2Table { .. } => "l2-table",
        }
    }

    /// JSON: `{"l1Batch": batch}` or `{"l2Table": {"entries": […], "lookupCalls": […]}}`.
    pub fn to_json(&self) -> Value {
        match self {
            ExecutionTable::L1Batch(batch) => json!({"l1Batch": batch.to_json()}),
            ExecutionTable::L2Table { entries, lookup_calls } => {
                json!({"l2Table": {"entries": entries.to_json(), "lookupCalls": lookup_calls.to_json()}})
            }
        }
    }

    /// Parses the form [`ExecutionTable::to_json`] writes.
    pub fn from_json(value: &Value) -> Result<Self> {
        let root = Path::Root("");
        let map = expect_object(value, &root, &["l1Batch", "l2Table"])?;
        match (map.get("l1Batch"), map.get("l2Table")) {
            (Some(batch), None) => {
                Ok(ExecutionTable::L1Batch(Box::new(CanonicalJson::from_json_at(batch, &root.field("l1Batch"))?)))
            }
            (None, Some(table)) => Self::l2_from_json(table, &root.field("l2Table")),
            _ => Err(Error::JsonShape { path: "$".into(), message: "expected exactly one of l1Batch, l2Table".into() }),
        }
    }

    fn l2_from_json(value: &Value, path: &Path<'_>) -> Result<Self> {
        let map = expect_object(value, path, &["entries", "lookupCalls"])?;
        Ok(ExecutionTable::L2Table {
            entries: required_field(map, "entries", path)?,
            lookup_calls: required_field(map, "lookupCalls", path)?,
        })
    }

    /// Reads a table from text as users hold it: `postAndVerifyBatch`, `loadExecutionTable` or
    /// `executeIncomingCrossChainCall` calldata (0x-hex) or call JSON (`{"function": …}`), an L1
    /// batch JSON, an L2 table JSON `{"entries", "lookupCalls"}`, or [`ExecutionTable::to_json`]'s form.
    pub fn from_text(text: &str) -> Result<Self> {
        let call = match CallOrJson::from_text(text)? {
            CallOrJson::Call(call) => *call,
            CallOrJson::Json(json) => {
                let Some(object) = json.as_object() else {
                    return Err(Error::JsonShape { path: "$".into(), message: "expected a table object".into() });
                };
                if object.contains_key("l1Batch") || object.contains_key("l2Table") {
                    return Self::from_json(&json);
                } else if object.keys().all(|k| k == "entries" || k == "lookupCalls") {
                    return Self::l2_from_json(&json, &Path::Root(""));
                }
                return Ok(ExecutionTable::L1Batch(Box::new(CanonicalJson::from_json(&json)?)));
            }
        };
        let name = call.function_name();
        match call {
            ManagerCall::PostAndVerifyBatch(c) => Ok(ExecutionTable::L1Batch(Box::new(c.batch))),
            other => other
                .into_l2_table()
                .map(|(entries, lookup_calls)| ExecutionTable::L2Table { entries, lookup_calls })
                .ok_or_else(|| Error::invalid("input", format!("{name} calldata carries no execution table"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::calldata::{encode_load_execution_table, encode_post_and_verify_batch};

    #[test]
    fn observation_is_the_call_input_without_its_selector() {
        let batch = l1::ProofSystemBatchPerVerificationEntries {
            entries: vec![l1::ExecutionEntry::default()],
            ..Default::default()
        };
        let table = ExecutionTable::L1Batch(Box::new(batch.clone()));
        assert_eq!(table.observation(), encode_post_and_verify_batch(&batch)[4..]);
        assert_eq!(ExecutionTable::from_observation(&table.observation(), false).unwrap(), table);
        assert_eq!(ExecutionTable::from_json(&table.to_json()).unwrap(), table);
        let hex = alloy_primitives::hex::encode_prefixed(encode_post_and_verify_batch(&batch));
        assert_eq!(ExecutionTable::from_text(&hex).unwrap(), table);

        let entries = vec![l2::ExecutionEntry::default(); 2];
        let lookups = vec![l2::LookupCall::default()];
        let l2 = ExecutionTable::L2Table { entries: entries.clone(), lookup_calls: lookups.clone() };
        assert_eq!(l2.observation(), encode_load_execution_table(&entries, &lookups)[4..]);
        assert_eq!(ExecutionTable::from_observation(&l2.observation(), true).unwrap(), l2);
        let json = l2.to_json()["l2Table"].to_string();
        assert_eq!(ExecutionTable::from_text(&json).unwrap(), l2);
        assert!(ExecutionTable::from_observation(&l2.observation()[1..], true).is_err());
    }
}
