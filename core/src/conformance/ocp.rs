//! OCP kinds (vectors/exectable-ocp.json):
//!
//! - `ocpArtifact`: verify `inputs.artifact` against `inputs.observation` and, when present,
//!   `inputs.receipt`. Valid cases expect `{valid: true, digest, hash: "ok", inclusion:
//!   "confirmed" | "notChecked", schemaComplete}`; must-fail cases `{error: {code, name}}`,
//!   met only by exactly that code (from parsing the artifact or receipt, or from a step).
//! - `ocpProduce`: produce an artifact for `inputs.observation` from `inputs.proofFile` (ocp-1)
//!   or `inputs.envelope` (v1.0); expect `{observation: hex, digest, artifact}` — the artifact's
//!   JSON exactly — or `{error}`. Produced `ocp-1` files are also checked against the schema
//!   rules, re-parsed, and verified against the observation.
//!
//! `inputs.observation` is `{"utf8": text}`, `{"hex": "0x…"}` or `{"table": {"l1Batch": …} |
//! {"l2Table": {"entries", "lookupCalls"}}}` (the table's canonical bytes).

use super::{check_eq, field, CaseResult};
use crate::abi::layout::Path;
use crate::error::Error;
use crate::json::{expect_object, parse_hex, CanonicalJson};
use crate::ocp::schema::validate_proof_file;
use crate::ocp::{
    verify, EnvelopeInput, ExecutionTable, InclusionCheck, OcpArtifact, OcpEnvelope, OcpProofFile, ProofFileInput,
};
use crate::receipt::Receipt;
use alloy_primitives::{hex, Address, B256};
use serde_json::Value;

pub(super) fn ocp_case(kind: &str, inputs: &Value, expected: &Value) -> CaseResult {
    let outcome = match kind {
        "ocpArtifact" => artifact_case(inputs),
        "ocpProduce" => produce_case(inputs),
        other => return Err(format!("{other} is not an OCP kind")),
    };
    match (outcome, expected.get("error")) {
        (Ok(got), None) => compare(&got, expected),
        (Ok(_), Some(want)) => Err(format!("accepted, but the case expects error {want}")),
        (Err(Failure::Case(reason)), _) => Err(reason),
        (Err(Failure::Rejected(e)), None) => Err(format!("rejected: {e} [code {}]", e.code().as_u32())),
        (Err(Failure::Rejected(e)), Some(want)) => {
            let code = e.code();
            check_eq("error.code", Some(u64::from(code.as_u32())), want.get("code").and_then(Value::as_u64))?;
            check_eq(
                "error.name",
                Some(format!("{code:?}")),
                want.get("name").and_then(Value::as_str).map(str::to_owned),
            )
        }
    }
}

enum Failure {
    /// The library said no (compared with `expected.error`).
    Rejected(Error),
    /// The case itself is broken, or a cross-check failed.
    Case(String),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Rejected(e)
    }
}

fn case_err(reason: impl Into<String>) -> Failure {
    Failure::Case(reason.into())
}

/// Every member of `expected` must equal the same member of `got`.
fn compare(got: &Value, expected: &Value) -> CaseResult {
    let want = expected.as_object().ok_or("expected is not an object")?;
    for (name, value) in want {
        check_eq(name, got.get(name), Some(value))?;
    }
    Ok(())
}

/// The observation bytes of `inputs.observation`.
fn observation(inputs: &Value) -> Result<Vec<u8>, Failure> {
    let v = field(inputs, "observation").map_err(case_err)?;
    let root = Path::Root("observation");
    let map = expect_object(v, &root, &["utf8", "hex", "table"]).map_err(|e| case_err(e.to_string()))?;
    match (map.get("utf8"), map.get("hex"), map.get("table")) {
        (Some(Value::String(text)), None, None) => Ok(text.as_bytes().to_vec()),
        (None, Some(Value::String(h)), None) => parse_hex(h, &root.field("hex")).map_err(|e| case_err(e.to_string())),
        (None, None, Some(table)) => {
            Ok(ExecutionTable::from_json(table).map_err(|e| case_err(format!("observation.table: {e}")))?.observation())
        }
        _ => Err(case_err("observation needs exactly one of utf8 (string), hex, table")),
    }
}

fn artifact_case(inputs: &Value) -> Result<Value, Failure> {
    let observation = observation(inputs)?;
    let artifact = OcpArtifact::from_json(field(inputs, "artifact").map_err(case_err)?)?;
    let receipt = inputs.get("receipt").map(Receipt::from_json).transpose()?;
    let report = verify(&artifact, &observation, receipt.as_ref());
    if let Some(e) = report.error() {
        return Err(Failure::Rejected(e));
    }
    let inclusion = match report.inclusion {
        InclusionCheck::Confirmed(_) => "confirmed",
        InclusionCheck::NotChecked(_) => "notChecked",
        InclusionCheck::Failed(_) => return Err(case_err("a failed inclusion must carry an error")),
    };
    Ok(serde_json::json!({
        "valid": true,
        "digest": report.digest.to_string(),
        "hash": "ok",
        "inclusion": inclusion,
        "schemaComplete": report.missing_members.is_empty(),
    }))
}

fn produce_case(inputs: &Value) -> Result<Value, Failure> {
    let observation = observation(inputs)?;
    let artifact = match (inputs.get("proofFile"), inputs.get("envelope")) {
        (Some(input), None) => {
            let file = OcpProofFile::produce(&observation, &proof_file_input(input)?)?;
            validate_proof_file(&file.to_json())
                .map_err(|e| case_err(format!("produced file fails the schema: {e}")))?;
            OcpArtifact::ProofFile(file)
        }
        (None, Some(input)) => OcpArtifact::Envelope(OcpEnvelope::produce(&observation, &envelope_input(input)?)?),
        _ => return Err(case_err("inputs need exactly one of proofFile, envelope")),
    };
    let json = artifact.to_json();
    let reparsed = OcpArtifact::from_json(&json).map_err(|e| case_err(format!("produced artifact re-parse: {e}")))?;
    if reparsed != artifact {
        return Err(case_err("the produced artifact does not round-trip through its JSON"));
    }
    if let Some(e) = verify(&artifact, &observation, None).error() {
        return Err(case_err(format!("the produced artifact does not verify: {e}")));
    }
    Ok(serde_json::json!({
        "observation": hex::encode_prefixed(&observation),
        "digest": artifact.digest().to_string(),
        "artifact": json,
    }))
}

fn member<T: CanonicalJson>(map: &serde_json::Map<String, Value>, name: &str, root: &Path<'_>) -> Result<T, Failure> {
    crate::json::required_field(map, name, root).map_err(|e| case_err(e.to_string()))
}

fn integer(map: &serde_json::Map<String, Value>, name: &str) -> Result<u64, Failure> {
    map.get(name).and_then(Value::as_u64).ok_or_else(|| case_err(format!("{name}: expected a JSON integer")))
}

/// `{fileName, txHash, network, contract, extractionRule, timestamp}` (as in the file).
fn proof_file_input(v: &Value) -> Result<ProofFileInput, Failure> {
    let root = Path::Root("proofFile");
    let names = ["fileName", "txHash", "network", "contract", "extractionRule", "timestamp"];
    let map = expect_object(v, &root, &names).map_err(|e| case_err(e.to_string()))?;
    Ok(ProofFileInput {
        file_name: member(map, "fileName", &root)?,
        tx_hash: member::<B256>(map, "txHash", &root)?,
        network: member(map, "network", &root)?,
        contract: member::<Address>(map, "contract", &root)?,
        extraction_rule: member(map, "extractionRule", &root)?,
        timestamp_ms: integer(map, "timestamp")?,
    })
}

/// `{chainId, txHash, blockHeight?, blockHash?, finalityDepth, assertionTimeMs, createdMs}`.
fn envelope_input(v: &Value) -> Result<EnvelopeInput, Failure> {
    let root = Path::Root("envelope");
    let names = ["chainId", "txHash", "blockHeight", "blockHash", "finalityDepth", "assertionTimeMs", "createdMs"];
    let map = expect_object(v, &root, &names).map_err(|e| case_err(e.to_string()))?;
    Ok(EnvelopeInput {
        chain_id: member(map, "chainId", &root)?,
        tx_hash: member::<B256>(map, "txHash", &root)?,
        block_height: map.contains_key("blockHeight").then(|| integer(map, "blockHeight")).transpose()?,
        block_hash: map.contains_key("blockHash").then(|| member::<B256>(map, "blockHash", &root)).transpose()?,
        finality_depth: integer(map, "finalityDepth")?,
        assertion_time_ms: integer(map, "assertionTimeMs")?,
        created_ms: integer(map, "createdMs")?,
    })
}
