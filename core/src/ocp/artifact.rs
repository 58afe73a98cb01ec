//! Either artifact shape behind one type: recognised by its version member (`"version": "ocp-1"`
//! or `"ocp": "1.0"`), with the digest, rule and ledger claim read the same way from both.

use super::envelope::OcpEnvelope;
use super::proof_file::OcpProofFile;
use super::rule::{EvmInclusionClaim, ExtractionRule};
use crate::error::{Error, ErrorCode, Result};
use alloy_primitives::{hex, B256};
use serde_json::Value;

/// An OCP artifact of either shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OcpArtifact {
    /// The flat `ocp-1` proof file.
    ProofFile(OcpProofFile),
    /// The v1.0 proof envelope.
    Envelope(OcpEnvelope),
}

impl OcpArtifact {
    /// Parses either shape: an object with `version` is an `ocp-1` file (parsed by
    /// [`OcpProofFile::from_json`], so `fileName`/`timestamp` may be absent), one with `ocp` an
    /// envelope; an envelope for `evm/event-log` must also have EVM hashes in `ledger_ref`
    /// ([`OcpArtifact::evm_claim`]). Anything else is [`ErrorCode::OcpMalformed`].
    pub fn from_json(value: &Value) -> Result<Self> {
        let Some(map) = value.as_object() else {
            return Err(Error::rejected(ErrorCode::OcpMalformed, "an OCP artifact is a JSON object"));
        };
        match (map.contains_key("version"), map.contains_key("ocp")) {
            (true, false) => OcpProofFile::from_json(value).map(OcpArtifact::ProofFile),
            (false, true) => {
                let artifact = OcpArtifact::Envelope(OcpEnvelope::from_json(value)?);
                // EVM members must be EVM hashes; other chains' members are left to their rules.
                if artifact.rule() == ExtractionRule::EvmEventLog {
                    artifact.evm_claim()?;
                }
                Ok(artifact)
            }
            _ => Err(Error::rejected(
                ErrorCode::OcpMalformed,
                "not an OCP artifact: expected exactly one of \"version\" (ocp-1 proof file) or \"ocp\" (v1.0 envelope)",
            )),
        }
    }

    /// Parses JSON text ([`ErrorCode::JsonSyntax`] when it is not JSON).
    pub fn from_json_str(text: &str) -> Result<Self> {
        Self::from_json(&crate::json::parse_json(text)?)
    }

    /// The artifact's JSON.
    pub fn to_json(&self) -> Value {
        match self {
            OcpArtifact::ProofFile(f) => f.to_json(),
            OcpArtifact::Envelope(e) => e.to_json(),
        }
    }

    /// `ocp-1` or `envelope-1.0`.
    pub fn shape(&self) -> &'static str {
        match self {
            OcpArtifact::ProofFile(_) => "ocp-1",
            OcpArtifact::Envelope(_) => "envelope-1.0",
        }
    }

    /// The committed digest (`hash` / `commitment.digest`).
    pub fn digest(&self) -> B256 {
        match self {
            OcpArtifact::ProofFile(f) => f.hash,
            OcpArtifact::Envelope(e) => e.digest,
        }
    }

    /// The extraction rule the artifact names, resolved.
    pub fn rule(&self) -> ExtractionRule {
        match self {
            OcpArtifact::ProofFile(f) => ExtractionRule::from_proof_file_text(&f.extraction_rule),
            OcpArtifact::Envelope(e) => {
                ExtractionRule::from_envelope(&e.rule_id, &e.rule_version, &e.namespace, &e.chain_id)
            }
        }
    }

    /// What the artifact claims about the recording EVM transaction. An `ocp-1` file names the
    /// contract but no block; an envelope names the block (`block_hash` when not empty,
    /// `block_height` when not 0) but no contract. [`ErrorCode::OcpMalformed`] when an envelope's
    /// `transaction_id` or `block_hash` is not a 32-byte `0x`-hex value.
    pub fn evm_claim(&self) -> Result<EvmInclusionClaim> {
        match self {
            OcpArtifact::ProofFile(f) => Ok(EvmInclusionClaim {
                digest: f.hash,
                tx_hash: f.tx_hash,
                block_hash: None,
                block_number: None,
                contract: Some(f.contract),
            }),
            OcpArtifact::Envelope(e) => Ok(EvmInclusionClaim {
                digest: e.digest,
                tx_hash: evm_hash(&e.transaction_id, "ledger_ref.transaction_id")?,
                block_hash: match e.block_hash.as_str() {
                    "" => None,
                    h => Some(evm_hash(h, "ledger_ref.block_hash")?),
                },
                block_number: (e.block_height != 0).then_some(e.block_height),
                contract: None,
            }),
        }
    }

    /// Schema members an `ocp-1` file leaves out (empty for envelopes and complete files).
    pub fn missing_members(&self) -> Vec<&'static str> {
        match self {
            OcpArtifact::ProofFile(f) => f.missing_members(),
            OcpArtifact::Envelope(_) => Vec::new(),
        }
    }
}

/// A 32-byte hash written `0x` + 64 hex digits (either case).
fn evm_hash(text: &str, member: &str) -> Result<B256> {
    let digits = text.strip_prefix("0x").filter(|d| d.len() == 64 && d.bytes().all(|b| b.is_ascii_hexdigit()));
    match digits.and_then(|d| hex::decode(d).ok()) {
        Some(bytes) => Ok(B256::from_slice(&bytes)),
        None => Err(Error::rejected(
            ErrorCode::OcpMalformed,
            format!("envelope {member}: {text:?} is not an EVM hash (0x + 64 hex digits)"),
        )),
    }
}
