//! Offline verification of an OCP artifact: **recompute** SHA-256 of the observation,
//! **compare** it with the artifact's digest, **confirm inclusion** of the digest in the
//! referenced transaction by the artifact's extraction rule against a receipt. Each step's result
//! is reported; the first failing step decides the error code.

use super::artifact::OcpArtifact;
use super::envelope::{HASH_FUNCTION_SHA256, SERIALIZATION_RAW_BYTES};
use super::rule::{
    confirm_evm_event_log, unsupported_rule, ExtractionRule, RecordedLog, EVM_EVENT_LOG_RULE_ID,
    EVM_EVENT_LOG_RULE_VERSION,
};
use super::sha256_digest;
use crate::error::{Error, ErrorCode, Result};
use crate::receipt::Receipt;
use alloy_primitives::B256;
use serde_json::{json, Value};
use std::fmt;

/// The result of the recompute-and-compare step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HashCheck {
    /// SHA-256(observation) equals the artifact's digest.
    Match,
    /// SHA-256(observation) is `computed`, not the artifact's digest.
    Mismatch {
        /// The digest of the observation given.
        computed: B256,
    },
    /// The envelope names a hash function or serialization other than `sha2-256` / `raw-bytes`.
    Unsupported {
        /// `commitment.hash_function`.
        hash_function: String,
        /// `commitment.serialization`.
        serialization: String,
    },
}

/// The result of the inclusion step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InclusionCheck {
    /// A `Recorded` log of the receipt carries the digest (`evm/event-log` 1.0.0).
    Confirmed(RecordedLog),
    /// Not checked, and not a failure (no receipt given, or the hash step failed first).
    NotChecked(String),
    /// Checked and refused: the error says why (5xx code).
    Failed(Error),
}

/// Every step of one verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcpReport {
    /// `ocp-1` or `envelope-1.0`.
    pub shape: &'static str,
    /// The artifact's digest.
    pub digest: B256,
    /// Recompute and compare.
    pub hash: HashCheck,
    /// Confirm inclusion.
    pub inclusion: InclusionCheck,
    /// Schema members the artifact leaves out (`fileName`, `timestamp` of a partial `ocp-1` file).
    pub missing_members: Vec<&'static str>,
    /// What was not checked and why, and other remarks that do not change the verdict.
    pub notes: Vec<String>,
}

/// Verifies `artifact` against the `observation` bytes and, when given, the `receipt` of its
/// transaction. Steps: hash (501 on mismatch, 502 for an unsupported hash function), then
/// inclusion: an unsupported rule is 502 for an envelope always and for an `ocp-1` file when a
/// receipt is given (without one, an `ocp-1` file passes on the hash step alone, with a note);
/// `evm/event-log` against the receipt gives 503–506 or 508 ([`confirm_evm_event_log`]).
pub fn verify(artifact: &OcpArtifact, observation: &[u8], receipt: Option<&Receipt>) -> OcpReport {
    let digest = artifact.digest();
    let mut notes = Vec::new();
    let hash = match artifact {
        OcpArtifact::Envelope(e)
            if e.hash_function != HASH_FUNCTION_SHA256 || e.serialization != SERIALIZATION_RAW_BYTES =>
        {
            HashCheck::Unsupported { hash_function: e.hash_function.clone(), serialization: e.serialization.clone() }
        }
        _ => match sha256_digest(observation) {
            computed if computed == digest => HashCheck::Match,
            computed => HashCheck::Mismatch { computed },
        },
    };
    let inclusion = match (&hash, &artifact.rule(), receipt) {
        (HashCheck::Mismatch { .. }, ..) => {
            InclusionCheck::NotChecked("the observation does not match the artifact's digest".into())
        }
        (HashCheck::Unsupported { .. }, ..) => InclusionCheck::NotChecked("the digest cannot be recomputed".into()),
        (_, ExtractionRule::Unsupported { rule, .. }, None) if matches!(artifact, OcpArtifact::ProofFile(_)) => {
            InclusionCheck::NotChecked(format!(
                "no receipt given, and extraction rule {rule:?} is not one this verifier implements"
            ))
        }
        (_, ExtractionRule::Unsupported { rule, reason }, _) => InclusionCheck::Failed(unsupported_rule(rule, reason)),
        (_, ExtractionRule::EvmEventLog, None) => InclusionCheck::NotChecked("no receipt given".into()),
        (_, ExtractionRule::EvmEventLog, Some(receipt)) => {
            match artifact.evm_claim().and_then(|claim| confirm_evm_event_log(&claim, receipt)) {
                Ok(log) => {
                    notes.extend(confirmed_notes(artifact));
                    InclusionCheck::Confirmed(log)
                }
                Err(e) => InclusionCheck::Failed(e),
            }
        }
    };
    let missing_members = artifact.missing_members();
    if !missing_members.is_empty() {
        notes.insert(
            0,
            format!(
                "not schema-complete: {} missing (descriptive members; verification does not use them)",
                missing_members.join(", ")
            ),
        );
    }
    OcpReport { shape: artifact.shape(), digest, hash, inclusion, missing_members, notes }
}

/// What a confirmed inclusion still leaves unchecked.
fn confirmed_notes(artifact: &OcpArtifact) -> Vec<String> {
    let mut notes = Vec::new();
    match artifact {
        OcpArtifact::ProofFile(f) => {
            notes.push(format!("network {:?} not checked: a receipt does not name its chain", f.network));
            notes.push("the ocp-1 file names no block: the receipt's block was not checked".into());
        }
        OcpArtifact::Envelope(e) => {
            notes.push(format!("chain {} not checked: a receipt does not name its chain", e.chain_id));
            notes.push("the envelope names no contract: a Recorded log from any contract counts".into());
            if e.block_hash.is_empty() {
                notes.push("the envelope names no block hash: the receipt's block was not checked".into());
            }
            notes.push(format!(
                "finality depth {} asserted at {} is the artifact's claim, not re-checked offline",
                e.finality_depth, e.assertion_time_utc
            ));
        }
    }
    notes
}

impl OcpReport {
    /// The first failing step as an error, if any.
    pub fn error(&self) -> Option<Error> {
        match (&self.hash, &self.inclusion) {
            (HashCheck::Mismatch { computed }, _) => Some(Error::rejected(
                ErrorCode::OcpHashMismatch,
                format!("hash mismatch: SHA-256 of the observation is {computed}, the artifact's digest is {}", self.digest),
            )),
            (HashCheck::Unsupported { hash_function, serialization }, _) => Some(Error::rejected(
                ErrorCode::OcpUnsupportedRule,
                format!("unsupported commitment: hash function {hash_function:?}, serialization {serialization:?} (only {HASH_FUNCTION_SHA256}, {SERIALIZATION_RAW_BYTES})"),
            )),
            (_, InclusionCheck::Failed(e)) => Some(e.clone()),
            _ => None,
        }
    }

    /// True when no step failed (inclusion may be confirmed or not checked).
    pub fn is_valid(&self) -> bool {
        self.error().is_none()
    }

    /// True when the inclusion step confirmed the digest in the receipt.
    pub fn inclusion_confirmed(&self) -> bool {
        matches!(self.inclusion, InclusionCheck::Confirmed(_))
    }

    /// The report when valid, else its error.
    pub fn into_result(self) -> Result<Self> {
        match self.error() {
            Some(e) => Err(e),
            None => Ok(self),
        }
    }

    /// JSON: `{valid, shape, digest, hash: {result: ok|mismatch|unsupported, …}, inclusion:
    /// {result: confirmed|notChecked|failed, …}, schemaComplete, missingMembers, notes, error?}`.
    pub fn to_json(&self) -> Value {
        let hash = match &self.hash {
            HashCheck::Match => json!({"result": "ok", "computed": self.digest.to_string()}),
            HashCheck::Mismatch { computed } => {
                json!({"result": "mismatch", "computed": computed.to_string(), "expected": self.digest.to_string()})
            }
            HashCheck::Unsupported { hash_function, serialization } => {
                json!({"result": "unsupported", "hashFunction": hash_function, "serialization": serialization})
            }
        };
        let inclusion = match &self.inclusion {
            InclusionCheck::Confirmed(log) => json!({
                "result": "confirmed",
                "rule": format!("{EVM_EVENT_LOG_RULE_ID}@{EVM_EVENT_LOG_RULE_VERSION}"),
                "log": log.to_json(),
            }),
            InclusionCheck::NotChecked(reason) => json!({"result": "notChecked", "reason": reason}),
            InclusionCheck::Failed(e) => json!({"result": "failed", "reason": e.to_string(), "error": error_json(e)}),
        };
        let mut v = json!({
            "valid": self.is_valid(),
            "shape": self.shape,
            "digest": self.digest.to_string(),
            "hash": hash,
            "inclusion": inclusion,
            "schemaComplete": self.missing_members.is_empty(),
            "missingMembers": self.missing_members,
            "notes": self.notes,
        });
        if let Some(e) = self.error() {
            v["error"] = error_json(&e);
        }
        v
    }
}

/// `{"code": 501, "name": "OcpHashMismatch", "message": …}`.
fn error_json(e: &Error) -> Value {
    json!({"code": e.code().as_u32(), "name": format!("{:?}", e.code()), "message": e.to_string()})
}

impl fmt::Display for OcpReport {
    /// One line per step, then the notes: `hash: ok (0x…)`, `inclusion: confirmed (…)`, `note: …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.hash {
            HashCheck::Match => writeln!(f, "hash: ok (sha2-256 {})", self.digest)?,
            HashCheck::Mismatch { computed } => {
                writeln!(f, "hash: mismatch (observation {computed}, artifact {})", self.digest)?
            }
            HashCheck::Unsupported { hash_function, serialization } => {
                writeln!(f, "hash: unsupported ({hash_function}, {serialization})")?
            }
        }
        match &self.inclusion {
            InclusionCheck::Confirmed(log) => writeln!(
                f,
                "inclusion: confirmed ({EVM_EVENT_LOG_RULE_ID} {EVM_EVENT_LOG_RULE_VERSION}: Recorded log #{} from {})",
                log.position,
                log.contract.to_checksum(None)
            )?,
            InclusionCheck::NotChecked(why) => writeln!(f, "inclusion: not checked ({why})")?,
            InclusionCheck::Failed(e) => writeln!(f, "inclusion: failed ({e}) [code {}]", e.code().as_u32())?,
        }
        for note in &self.notes {
            writeln!(f, "note: {note}")?;
        }
        Ok(())
    }
}
