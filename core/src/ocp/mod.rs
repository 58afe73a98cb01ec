//! Observation Commitment Protocol (OCP) artifacts: produce and verify both shapes — the flat
//! `ocp-1` proof file ([`OcpProofFile`], schema `proof-format-v1.schema.json`, rules in
//! [`schema`]) and the v1.0 proof envelope ([`OcpEnvelope`]) — for any observation, and for an
//! execution table, whose observation is its canonical bytes ([`ExecutionTable::observation`]).
//!
//! An observation is any byte string; its digest is `H = SHA-256(observation)` (raw bytes, no
//! framing). Verification runs offline ([`verify`]): recompute `H`, compare with the artifact,
//! confirm inclusion of `H` in the referenced transaction with the `evm/event-log` rule against
//! its receipt ([`rule`]). docs/OCP.md describes the formats, the table observation and every
//! rejection code.
//!
//! ```
//! use exectable::ocp::{verify, OcpArtifact, OcpProofFile, ProofFileInput};
//! use alloy_primitives::{Address, B256};
//!
//! let input = ProofFileInput::evm("note.txt", B256::repeat_byte(1), "base-sepolia", Address::ZERO, 1_777_222_524_027);
//! let artifact = OcpArtifact::ProofFile(OcpProofFile::produce(b"hello", &input).unwrap());
//! assert!(verify(&artifact, b"hello", None).is_valid());   // hash step only: no receipt given
//! assert_eq!(verify(&artifact, b"hellO", None).error().unwrap().code().as_u32(), 501);
//! ```

mod artifact;
mod envelope;
mod proof_file;
pub mod rule;
pub mod schema;
mod table;
pub mod time;
mod verify;

pub use artifact::OcpArtifact;
pub use envelope::{
    is_caip2, EnvelopeInput, OcpEnvelope, ENVELOPE_VERSION, HASH_FUNCTION_SHA256, SERIALIZATION_RAW_BYTES,
};
pub use proof_file::{OcpProofFile, ProofFileInput};
pub use rule::{recorded_topic0, ExtractionRule, RecordedLog};
pub use table::ExecutionTable;
pub use verify::{verify, HashCheck, InclusionCheck, OcpReport};

use alloy_primitives::B256;
use sha2::{Digest, Sha256};

/// The OCP v1 digest of an observation: `SHA-256(observation)` over the raw bytes.
pub fn sha256_digest(observation: &[u8]) -> B256 {
    B256::from(<[u8; 32]>::from(Sha256::digest(observation)))
}

/// Lowercase hex without `0x` (the form of `commitment.digest`).
fn lowercase_hex(bytes: &B256) -> String {
    alloy_primitives::hex::encode(bytes)
}
