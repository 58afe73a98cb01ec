//! The proof-input document: a [`ProofInputRequest`] (batch, rollup data, blob data) in, a
//! self-describing [`ProofInputDocument`] with every derived value out, and
//! [`ProofInputDocument::verify`] recomputing a stored one. The `proofs` are only observed
//! ([`ProofObservation`]).

use super::{BlobSource, ProofInputs, RollupVerificationInput};
use crate::abi::calldata::decode_post_and_verify_batch;
use crate::abi::layout::Path;
use crate::error::{Error, Result};
use crate::json::{expect_object, parse_hex, required_field, CanonicalJson};
use crate::types::l1::ProofSystemBatchPerVerificationEntries;
use crate::ManagerCall;
use alloy_primitives::Address;
use serde_json::{json, Map, Value};
use std::fmt;

/// The `format` of a proof-input document.
pub const PROOF_INPUTS_FORMAT: &str = "exectable-proof-inputs/v1";
/// The repository of the contracts whose public inputs this module reproduces.
pub const PROTOCOL_REPOSITORY: &str = "eez-association/sync-rollups-protocol";
/// The contract commit (`5c51e02`, "v3") whose public inputs this module reproduces.
pub const PROTOCOL_COMMIT: &str = "5c51e02b0f965ee8c94e9ed2c7e0e9f924d41fba";

/// A batch with everything needed to compute its proof inputs: what `exectable public-inputs`
/// reads.
///
/// JSON: `{"batch": …, "rollups": [RollupVerificationInput…], "blobHashes": […]}` or with
/// `"blobVersionedHashes"` instead of `"blobHashes"` (neither when the batch has no blobIndices);
/// `batch` is the batch JSON, a `postAndVerifyBatch` call JSON (`{"function", "args"}`) or the
/// calldata as a hex string. An optional free-text `notes` is ignored. A golden-vector case of
/// kind `publicInputsHash` (`{"id", "kind", "inputs", …}`) is read from its `inputs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofInputRequest {
    /// The batch.
    pub batch: ProofSystemBatchPerVerificationEntries,
    /// What each rollup's manager returned.
    pub rollups: Vec<RollupVerificationInput>,
    /// The blob hashes.
    pub blobs: BlobSource,
}

impl ProofInputRequest {
    /// Parses the request JSON described on the type.
    pub fn from_json(value: &Value) -> Result<Self> {
        if let (Some(kind), Some(inputs)) = (value.get("kind"), value.get("inputs")) {
            if kind != "publicInputsHash" {
                return Err(Error::invalid("kind", format!("a vector case of kind {kind} has no proof inputs")));
            }
            return Self::parse_at(inputs, &Path::Root("inputs"));
        }
        Self::parse_at(value, &Path::Root(""))
    }

    fn parse_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        let map = expect_object(value, path, &["batch", "rollups", "blobHashes", "blobVersionedHashes", "notes"])?;
        let batch_path = path.field("batch");
        let batch = match map.get("batch") {
            None => return Err(Error::JsonShape { path: batch_path.to_string(), message: "missing field".into() }),
            Some(Value::String(hex_text)) => decode_post_and_verify_batch(&parse_hex(hex_text.trim(), &batch_path)?)?,
            Some(call @ Value::Object(m)) if m.contains_key("function") => {
                match ManagerCall::from_json_at(call, &batch_path)? {
                    ManagerCall::PostAndVerifyBatch(c) => c.batch,
                    other => {
                        return Err(Error::invalid(
                            batch_path.field("function").to_string(),
                            format!("expected postAndVerifyBatch, found {}", other.function_name()),
                        ))
                    }
                }
            }
            Some(v) => ProofSystemBatchPerVerificationEntries::from_json_at(v, &batch_path)?,
        };
        let rollups = required_field(map, "rollups", path)?;
        let blobs = BlobSource::from_fields(map, path, &batch.blobIndices)?;
        Ok(ProofInputRequest { batch, rollups, blobs })
    }

    /// Computes the proof inputs into a [`ProofInputDocument`].
    pub fn build(self) -> Result<ProofInputDocument> {
        ProofInputDocument::build(self.batch, self.rollups, self.blobs)
    }
}

/// A self-describing proof-input document: the batch, the rollup data and the blob data, with
/// every value derived from them.
///
/// JSON: `{"format": "exectable-proof-inputs/v1", "protocol": {"repository", "commit"},
/// "batch", "rollups", "blobHashes", "blobVersionedHashes" (when given), "entryHashes",
/// "lookupCallHashes", "callDataHash", "sharedPublicInput", "accumulators",
/// "publicInputsHashes": [{"index", "proofSystem", "publicInputsHash"}]}`.
/// Positions (`index`) are JSON numbers as in the vectors; everything else canonical JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofInputDocument {
    /// The batch (its `proofs` are carried but bound by nothing).
    pub batch: ProofSystemBatchPerVerificationEntries,
    /// What each rollup's manager returned.
    pub rollups: Vec<RollupVerificationInput>,
    /// The blob data as given.
    pub blobs: BlobSource,
    /// Everything derived.
    pub inputs: ProofInputs,
}

/// Top-level fields of a document.
const DOCUMENT_FIELDS: &[&str] = &[
    "format",
    "protocol",
    "batch",
    "rollups",
    "blobHashes",
    "blobVersionedHashes",
    "entryHashes",
    "lookupCallHashes",
    "callDataHash",
    "sharedPublicInput",
    "accumulators",
    "publicInputsHashes",
];

impl ProofInputDocument {
    /// Computes the proof inputs of `batch` and bundles them with their sources.
    pub fn build(
        batch: ProofSystemBatchPerVerificationEntries,
        rollups: Vec<RollupVerificationInput>,
        blobs: BlobSource,
    ) -> Result<Self> {
        let inputs = ProofInputs::compute(&batch, &rollups, &blobs)?;
        Ok(ProofInputDocument { batch, rollups, blobs, inputs })
    }

    /// The protocol this document's formulas are those of: `{"repository", "commit"}`.
    pub fn protocol_json() -> Value {
        json!({"repository": PROTOCOL_REPOSITORY, "commit": PROTOCOL_COMMIT})
    }

    /// The document JSON described on the type.
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("format".into(), json!(PROOF_INPUTS_FORMAT));
        map.insert("protocol".into(), Self::protocol_json());
        map.insert("batch".into(), self.batch.to_json());
        map.insert("rollups".into(), self.rollups.to_json());
        map.insert("blobHashes".into(), self.inputs.blob_hashes.to_json());
        if let BlobSource::VersionedHashes(versioned) = &self.blobs {
            map.insert("blobVersionedHashes".into(), versioned.to_json());
        }
        self.inputs.write_json(&mut map, false);
        map.insert("publicInputsHashes".into(), self.inputs.public_inputs_hashes_json());
        Value::Object(map)
    }

    /// What each `batch.proofs[k]` is (informational).
    pub fn proof_observations(&self) -> Vec<ProofObservation> {
        self.inputs.proof_observations(&self.batch)
    }

    /// Recomputes a document from its `batch`, `rollups` and blob data (`blobVersionedHashes` when
    /// present, else `blobHashes`) and compares every stored derived field — `protocol`,
    /// `blobHashes` (when derived), `entryHashes`, `lookupCallHashes`, `callDataHash`,
    /// `sharedPublicInput`, `accumulators` (every fold), `publicInputsHashes` — reporting each
    /// difference by JSON path (a missing, extra or wrongly typed value is a difference too; hex
    /// compares case-insensitively). `Err` only when the document is not one: not an object,
    /// unknown top-level field, wrong `format`, or sources that do not parse or lack data the
    /// batch needs. `proofs` are never checked.
    pub fn verify(json: &Value) -> Result<VerifyReport> {
        let root = Path::Root("");
        let map = expect_object(json, &root, DOCUMENT_FIELDS)?;
        let format: String = required_field(map, "format", &root)?;
        if format != PROOF_INPUTS_FORMAT {
            return Err(Error::invalid("format", format!("{format:?} is not {PROOF_INPUTS_FORMAT:?}")));
        }
        let batch: ProofSystemBatchPerVerificationEntries = required_field(map, "batch", &root)?;
        let rollups: Vec<RollupVerificationInput> = required_field(map, "rollups", &root)?;
        let blobs = match map.get("blobVersionedHashes") {
            Some(v) => BlobSource::VersionedHashes(Vec::from_json_at(v, &root.field("blobVersionedHashes"))?),
            None => BlobSource::Resolved(required_field(map, "blobHashes", &root)?),
        };
        let document = ProofInputDocument::build(batch, rollups, blobs)?;
        let recomputed = document.to_json();
        let mut mismatches = Vec::new();
        let sources: &[&str] = match document.blobs {
            BlobSource::Resolved(_) => &["format", "batch", "rollups", "blobHashes"],
            BlobSource::VersionedHashes(_) => &["format", "batch", "rollups", "blobVersionedHashes"],
        };
        if let Value::Object(fields) = &recomputed {
            for (key, value) in fields.iter().filter(|(k, _)| !sources.contains(&k.as_str())) {
                diff(key.clone(), map.get(key), Some(value), &mut mismatches);
            }
        }
        let proofs = document.proof_observations();
        Ok(VerifyReport { mismatches, proofs, document })
    }
}

/// One stored value that differs from its recomputation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// JSON path in the document (`accumulators[0].folds[1].accAfter`).
    pub path: String,
    /// What the document holds (`None`: absent).
    pub stored: Option<Value>,
    /// What recomputation gives (`None`: nothing should be there).
    pub recomputed: Option<Value>,
}

impl Mismatch {
    /// JSON: `{"path", "stored", "recomputed"}` (`null` for absent).
    pub fn to_json(&self) -> Value {
        json!({"path": self.path, "stored": self.stored, "recomputed": self.recomputed})
    }
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |v: &Option<Value>| v.as_ref().map_or_else(|| "(absent)".to_owned(), Value::to_string);
        write!(f, "{}: document has {}, recomputed {}", self.path, show(&self.stored), show(&self.recomputed))
    }
}

/// The outcome of [`ProofInputDocument::verify`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    /// Every stored derived value that differs, in document order.
    pub mismatches: Vec<Mismatch>,
    /// What each `proofs[k]` is (informational, never a mismatch).
    pub proofs: Vec<ProofObservation>,
    /// The document recomputed from its sources.
    pub document: ProofInputDocument,
}

impl VerifyReport {
    /// True when every derived value matched.
    pub fn is_ok(&self) -> bool {
        self.mismatches.is_empty()
    }

    /// JSON: `{"ok", "mismatches": [Mismatch…], "proofs": [ProofObservation…]}`.
    pub fn to_json(&self) -> Value {
        json!({
            "ok": self.is_ok(),
            "mismatches": self.mismatches.iter().map(Mismatch::to_json).collect::<Vec<_>>(),
            "proofs": self.proofs.iter().map(ProofObservation::to_json).collect::<Vec<_>>(),
        })
    }
}

/// Structural comparison of a stored value with its recomputation, one [`Mismatch`] per leaf,
/// missing or extra member, or type difference.
fn diff(path: String, stored: Option<&Value>, recomputed: Option<&Value>, out: &mut Vec<Mismatch>) {
    match (stored, recomputed) {
        (Some(Value::Object(s)), Some(Value::Object(r))) => {
            for (key, value) in r {
                diff(format!("{path}.{key}"), s.get(key), Some(value), out);
            }
            for (key, value) in s.iter().filter(|(k, _)| !r.contains_key(*k)) {
                diff(format!("{path}.{key}"), Some(value), None, out);
            }
        }
        (Some(Value::Array(s)), Some(Value::Array(r))) => {
            for i in 0..s.len().max(r.len()) {
                diff(format!("{path}[{i}]"), s.get(i), r.get(i), out);
            }
        }
        (Some(Value::String(s)), Some(Value::String(r))) if s.eq_ignore_ascii_case(r) => {}
        (Some(s), Some(r)) if s == r => {}
        _ => out.push(Mismatch { path, stored: stored.cloned(), recomputed: recomputed.cloned() }),
    }
}

/// What `batch.proofs[k]` holds relative to `publicInputsHash_k` (proofs are opaque; this only
/// recognises the vectors' capturing mock, whose proof is the hash itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProofForm {
    /// `proofs[k]` is exactly the 32 bytes of `publicInputsHash_k`.
    EqualsPublicInputsHash,
    /// Anything else (a real proof, a signature, …) of this many bytes.
    Opaque {
        /// Byte length of `proofs[k]`.
        length: usize,
    },
    /// The batch has fewer proofs than proof systems (the contract rejects it, §6.1 step 3).
    Missing,
}

/// `proofs[k]` of one proof system, observed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProofObservation {
    /// `k`.
    pub index: usize,
    /// `proofSystems[k]`.
    pub proof_system: Address,
    /// What the proof is.
    pub form: ProofForm,
}

impl ProofObservation {
    /// JSON: `{"index": k, "proofSystem", "proof": "equalsPublicInputsHash" | "opaque" | "missing",
    /// "proofLength"}` (`proofLength` only for opaque proofs).
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("index".into(), json!(self.index));
        map.insert("proofSystem".into(), self.proof_system.to_json());
        let form = match self.form {
            ProofForm::EqualsPublicInputsHash => "equalsPublicInputsHash",
            ProofForm::Opaque { .. } => "opaque",
            ProofForm::Missing => "missing",
        };
        map.insert("proof".into(), json!(form));
        if let ProofForm::Opaque { length } = self.form {
            map.insert("proofLength".into(), (length as u64).to_json());
        }
        Value::Object(map)
    }
}

// `ProofInputs` is defined with the digests; observing the proofs against it belongs here.
impl ProofInputs {
    /// What `batch.proofs[k]` is, for every proof system (informational; proofs are opaque).
    pub fn proof_observations(&self, batch: &ProofSystemBatchPerVerificationEntries) -> Vec<ProofObservation> {
        self.accumulators
            .iter()
            .map(|a| {
                let form = match batch.proofs.get(a.index) {
                    None => ProofForm::Missing,
                    Some(p) if p.as_ref() == a.public_inputs_hash.as_slice() => ProofForm::EqualsPublicInputsHash,
                    Some(p) => ProofForm::Opaque { length: p.len() },
                };
                ProofObservation { index: a.index, proof_system: a.proof_system, form }
            })
            .collect()
    }
}
