//! Transaction receipts as `eth_getTransactionReceipt` returns them: the parts inclusion checks
//! read (status, block hash, transaction hash, target, logs). Members this library does not use
//! (`gasUsed`, `logsBloom`, …) are ignored; the ones it uses are parsed strictly, and a JSON-RPC
//! envelope (`{"jsonrpc", "id", "result": {…}}`) is unwrapped.

use crate::abi::events::raw_log_from_json;
use crate::abi::layout::Path;
use crate::error::{Error, ErrorCode, Result};
use crate::json::CanonicalJson;
use alloy_primitives::{Address, Bytes, B256, U256};
use serde_json::{Map, Value};

/// One log of a receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptLog {
    /// The emitting contract.
    pub address: Address,
    /// `topics[0]` is the event signature hash for non-anonymous events.
    pub topics: Vec<B256>,
    /// The ABI-encoded non-indexed arguments.
    pub data: Bytes,
    /// Position of the log in the block, when the receipt gives it.
    pub log_index: Option<u64>,
}

/// A transaction receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// `status == 1`.
    pub success: bool,
    /// The transaction, when given.
    pub transaction_hash: Option<B256>,
    /// The block, when given.
    pub block_hash: Option<B256>,
    /// The block number, when given.
    pub block_number: Option<u64>,
    /// The called contract (`to`), when given (absent for contract creations).
    pub to: Option<Address>,
    /// Every log, in order.
    pub logs: Vec<ReceiptLog>,
}

fn malformed(path: &Path<'_>, message: impl std::fmt::Display) -> Error {
    Error::rejected(ErrorCode::ReceiptMalformed, format!("{path}: {message}"))
}

/// A JSON error inside a receipt (its message already names the path) as a receipt rejection.
fn reject(e: Error) -> Error {
    Error::rejected(ErrorCode::ReceiptMalformed, e.to_string())
}

/// Reads an optional member; `null` counts as absent (nodes write `"to": null` for creations).
fn optional<T: CanonicalJson>(map: &Map<String, Value>, name: &str, path: &Path<'_>) -> Result<Option<T>> {
    match map.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => T::from_json_at(v, &path.field(name)).map(Some).map_err(reject),
    }
}

impl ReceiptLog {
    /// Parses one log object (`address`, `topics`, `data`, optional `logIndex`).
    pub fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        let map = value.as_object().ok_or_else(|| malformed(path, "expected a log object"))?;
        let address = optional::<Address>(map, "address", path)?
            .ok_or_else(|| malformed(&path.field("address"), "missing field"))?;
        let (topics, data) = raw_log_from_json(value, path).map_err(reject)?;
        let log_index = optional::<U256>(map, "logIndex", path)?
            .map(|i| u64::try_from(i).map_err(|_| malformed(&path.field("logIndex"), "does not fit uint64")))
            .transpose()?;
        Ok(ReceiptLog { address, topics, data: data.into(), log_index })
    }
}

impl Receipt {
    /// Parses `eth_getTransactionReceipt` JSON (or its JSON-RPC envelope). `status` is required:
    /// pre-Byzantium receipts (state root instead of status) cannot prove success.
    pub fn from_json(value: &Value) -> Result<Self> {
        let value = match value.get("result") {
            Some(result) if value.get("jsonrpc").is_some() => result,
            _ => value,
        };
        let path = Path::Root("receipt");
        let map = value.as_object().ok_or_else(|| malformed(&path, "expected a receipt object"))?;
        let status =
            optional::<U256>(map, "status", &path)?.ok_or_else(|| malformed(&path.field("status"), "missing field"))?;
        if status > U256::from(1) {
            return Err(malformed(&path.field("status"), format!("status {status} is neither 0 nor 1")));
        }
        let block_number = optional::<U256>(map, "blockNumber", &path)?
            .map(|n| u64::try_from(n).map_err(|_| malformed(&path.field("blockNumber"), "does not fit uint64")))
            .transpose()?;
        let logs_path = path.field("logs");
        let logs = match map.get("logs") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, l)| ReceiptLog::from_json_at(l, &logs_path.index(i)))
                .collect::<Result<_>>()?,
            Some(_) => return Err(malformed(&logs_path, "expected an array")),
        };
        Ok(Receipt {
            success: status == U256::from(1),
            transaction_hash: optional(map, "transactionHash", &path)?,
            block_hash: optional(map, "blockHash", &path)?,
            block_number,
            to: optional(map, "to", &path)?,
            logs,
        })
    }

    /// Parses receipt JSON text.
    pub fn from_json_str(text: &str) -> Result<Self> {
        Self::from_json(&crate::json::parse_json(text)?)
    }

    /// Logs emitted by `address` whose `topics[0]` is `topic0`.
    pub fn logs_of<'a>(&'a self, address: Address, topic0: B256) -> impl Iterator<Item = &'a ReceiptLog> + 'a {
        self.logs.iter().filter(move |l| l.address == address && l.topics.first() == Some(&topic0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Value {
        json!({
            "transactionHash": "0x1111111111111111111111111111111111111111111111111111111111111111",
            "blockHash": "0x2222222222222222222222222222222222222222222222222222222222222222",
            "blockNumber": "0x68",
            "to": "0x959922be3caee4b8cd9a407cc3ac1c251c2007b1",
            "status": "0x1",
            "gasUsed": "0x5208",
            "logs": [{
                "address": "0x959922be3caee4b8cd9a407cc3ac1c251c2007b1",
                "topics": ["0xd6f8d71ce42a799b91f399271f4b0e91f85eb87fac7bb2cedd4b3a52fad36182",
                           "0x0000000000000000000000000000000000000000000000000000000000000001"],
                "data": "0x",
                "logIndex": "0x0"
            }]
        })
    }

    #[test]
    fn parses_a_receipt_and_its_envelope() {
        let r = Receipt::from_json(&sample()).unwrap();
        assert!(r.success);
        assert_eq!(r.block_number, Some(0x68));
        assert_eq!(r.logs.len(), 1);
        assert_eq!(r.logs[0].log_index, Some(0));
        let wrapped = json!({"jsonrpc": "2.0", "id": 1, "result": sample()});
        assert_eq!(Receipt::from_json(&wrapped).unwrap(), r);
        let topic0 = r.logs[0].topics[0];
        assert_eq!(r.logs_of(r.logs[0].address, topic0).count(), 1);
        assert_eq!(r.logs_of(Address::ZERO, topic0).count(), 0);
    }

    #[test]
    fn malformed_receipts_name_the_field() {
        let mut v = sample();
        v["status"] = json!("0x2");
        let e = Receipt::from_json(&v).unwrap_err();
        assert_eq!(e.code(), ErrorCode::ReceiptMalformed);
        assert!(e.to_string().contains("receipt.status"), "{e}");
        let mut v = sample();
        v["logs"][0]["topics"][1] = json!("0x12");
        let e = Receipt::from_json(&v).unwrap_err();
        assert!(e.to_string().contains("receipt.logs[0].topics[1]"), "{e}");
        let mut v = sample();
        v.as_object_mut().unwrap().remove("status");
        assert!(Receipt::from_json(&v).unwrap_err().to_string().contains("receipt.status: missing field"));
        let mut v = sample();
        v["to"] = Value::Null;
        assert_eq!(Receipt::from_json(&v).unwrap().to, None);
    }
}
