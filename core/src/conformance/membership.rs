//! The `batchMembership` and `consumptionEvidence` kinds (`vectors/exectable-membership.json`,
//! docs/MEMBERSHIP.md): batch membership from a transaction input and its receipt, and the fate
//! of every entry from the manager's logs.
//!
//! Inputs (both kinds): `manager`, `txInput` (hex), `receipt` (`eth_getTransactionReceipt` JSON),
//! optional `txHash`, optional `blobHashes` (resolved, one per `blobIndices`) or
//! `blobVersionedHashes`, optional `laterReceipts` (array of receipt JSON); `batchMembership`
//! adds `query` ([`ItemQuery`] JSON). Valid cases compare `expected.rollupCount`,
//! `entryHashes`, `lookupCallHashes`, `sharedPublicInput`, `matches` and `layout` (canonical, or
//! the first deviation of calldata the contract accepted as laid out) (`batchMembership`) or
//! `expected.entries`, the positions of the `unattributed` logs and `supersededAt`
//! (`consumptionEvidence`) with the library's JSON. Must-fail cases (`expected.error.code`,
//! `expected.verdict`: `notIncluded` or `cannotDecide`) pass only when the library rejects with
//! exactly that code and that verdict.

use super::{check_eq, field, CaseResult};
use crate::abi::layout::Path;
use crate::inclusion::{
    consumption_evidence, verify_membership, verify_posting, ItemQuery, MembershipRequest, PostingOptions,
};
use crate::json::{parse_hex, CanonicalJson};
use crate::public_inputs::BlobSource;
use crate::receipt::Receipt;
use crate::{Error, ErrorCode, Verdict};
use alloy_primitives::{Address, B256};
use serde_json::{json, Value};

struct Inputs {
    manager: Address,
    tx_input: Vec<u8>,
    receipt: Receipt,
    options: PostingOptions,
    later: Vec<Receipt>,
}

fn read_inputs(inputs: &Value) -> Result<Inputs, Error> {
    let root = Path::Root("inputs");
    let get = |name: &str| {
        inputs
            .get(name)
            .ok_or_else(|| Error::JsonShape { path: format!("inputs.{name}"), message: "missing field".into() })
    };
    let tx_input = get("txInput")?.as_str().ok_or_else(|| Error::JsonShape {
        path: "inputs.txInput".into(),
        message: "expected a 0x-hex string".into(),
    })?;
    let blobs = match (inputs.get("blobHashes"), inputs.get("blobVersionedHashes")) {
        (Some(v), _) => Some(BlobSource::Resolved(Vec::from_json_at(v, &root.field("blobHashes"))?)),
        (None, Some(v)) => Some(BlobSource::VersionedHashes(Vec::from_json_at(v, &root.field("blobVersionedHashes"))?)),
        (None, None) => None,
    };
    let later = match inputs.get("laterReceipts") {
        None => Vec::new(),
        Some(Value::Array(items)) => items.iter().map(Receipt::from_json).collect::<Result<_, _>>()?,
        Some(_) => {
            return Err(Error::JsonShape { path: "inputs.laterReceipts".into(), message: "expected an array".into() })
        }
    };
    Ok(Inputs {
        manager: Address::from_json_at(get("manager")?, &root.field("manager"))?,
        tx_input: parse_hex(tx_input, &root.field("txInput"))?,
        receipt: Receipt::from_json(get("receipt")?)?,
        options: PostingOptions {
            transaction_hash: inputs.get("txHash").map(|v| B256::from_json_at(v, &root.field("txHash"))).transpose()?,
            blobs,
        },
        later,
    })
}

/// The library's answer as the JSON the expected values are compared with.
fn run(kind: &str, inputs: &Value) -> Result<Value, Error> {
    let i = read_inputs(inputs)?;
    if kind == "batchMembership" {
        let query = ItemQuery::from_json_at(
            inputs
                .get("query")
                .ok_or_else(|| Error::JsonShape { path: "inputs.query".into(), message: "missing field".into() })?,
            &Path::Root("inputs.query"),
        )?;
        let report = verify_membership(&MembershipRequest {
            tx_input: &i.tx_input,
            receipt: &i.receipt,
            manager: i.manager,
            query: &query,
            options: &i.options,
            later_receipts: &i.later,
        })?;
        let batch = report.posted.to_json();
        Ok(json!({
            "rollupCount": batch["rollupCount"],
            "entryHashes": batch["entryHashes"],
            "lookupCallHashes": batch["lookupCallHashes"],
            "sharedPublicInput": batch["sharedPublicInput"],
            "matches": report.matches.iter().map(|m| m.to_json()).collect::<Vec<_>>(),
            "layout": batch["layout"],
        }))
    } else {
        let posted = verify_posting(&i.tx_input, &i.receipt, i.manager, &i.options)?;
        let report = consumption_evidence(&posted, &i.receipt, &i.later)?.to_json();
        let positions: Vec<Value> = report["unattributed"]
            .as_array()
            .map_or(Vec::new(), |items| items.iter().map(|u| u["at"].clone()).collect());
        Ok(json!({
            "entries": report["entries"],
            "unattributed": positions,
            "supersededAt": report["supersededAt"],
        }))
    }
}

pub(super) fn membership_case(kind: &str, inputs: &Value, expected: &Value) -> CaseResult {
    let got = run(kind, inputs);
    if let Some(error) = expected.get("error") {
        let code = field(error, "code")?.as_u64().ok_or("expected.error.code is not a number")?;
        let want =
            u32::try_from(code).ok().and_then(ErrorCode::from_u32).ok_or(format!("unknown error code {code}"))?;
        let verdict = field(expected, "verdict")?;
        return match got {
            Ok(_) => Err(format!("accepted; expected rejection {want}")),
            Err(e) => {
                check_eq("error code", e.code(), want)?;
                check_eq("verdict", &Value::from(Verdict::of_error(&e).name()), verdict)
            }
        };
    }
    let got = got.map_err(|e| format!("rejected: {e} [code {}]", e.code().as_u32()))?;
    let names: &[&str] = if kind == "batchMembership" {
        &["rollupCount", "entryHashes", "lookupCallHashes", "sharedPublicInput", "matches", "layout"]
    } else {
        &["entries", "unattributed", "supersededAt"]
    };
    for name in names {
        check_eq(name, &got[*name], field(expected, name)?)?;
    }
    Ok(())
}
