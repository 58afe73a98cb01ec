//! The inclusion proof and its two encodings.
//!
//! ```text
//! binary (big-endian, 89 + 8k + 32s bytes, nothing before or after):
//!   0      1   version = 0x01
//!   1      8   entryCount E            ┐
//!   9      8   lookupCount L           │ the table commitment the proof belongs to
//!   17    32   sharedPublicInput       │ (its digest is computed, not stored)
//!   49    32   root                    ┘
//!   81     4   k = number of leaf indices (u32)
//!   85     4   s = number of siblings (u32)
//!   89    8k   leaf indices, u64 each, strictly ascending
//!   89+8k 32s  siblings, level by level from the leaves up, ascending position within a level
//! JSON: {"format": "exectable-inclusion-proof/v1", "tableCommitment": {…}, "indices": ["0x3"], "siblings": […]}
//! ```

use super::TableCommitment;
use crate::abi::layout::Path;
use crate::error::{Error, ErrorCode, Result};
use crate::json::{expect_object, required_field, CanonicalJson};
use alloy_primitives::B256;
use serde_json::{Map, Value};

/// The version byte of the binary encoding.
pub const PROOF_VERSION: u8 = 1;
/// The `format` of the JSON form.
pub const PROOF_FORMAT: &str = "exectable-inclusion-proof/v1";
/// Bytes before the leaf indices: version, the commitment record, `k` and `s`.
pub const PROOF_HEADER_LEN: usize = 89;

/// A single (one index) or multi (several indices) inclusion proof.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InclusionProof {
    /// The commitment the proof belongs to (leaf counts, `sharedPublicInput`, root).
    pub commitment: TableCommitment,
    /// The proven leaves' flat indices (entries `0..E`, lookup calls `E..E+L`), strictly ascending.
    pub indices: Vec<u64>,
    /// The sibling nodes, in proof order (level by level, ascending position).
    pub siblings: Vec<B256>,
}

fn rejected(code: ErrorCode, message: impl Into<String>) -> Error {
    Error::rejected(code, message)
}

impl InclusionProof {
    /// The binary encoding (layout in the module doc). Counts above `u32::MAX` cannot be
    /// encoded ([`Error::InvalidArgument`]).
    pub fn encode(&self) -> Result<Vec<u8>> {
        let k = u32::try_from(self.indices.len())
            .map_err(|_| Error::invalid("indices", "more than 2^32 - 1 indices cannot be encoded"))?;
        let s = u32::try_from(self.siblings.len())
            .map_err(|_| Error::invalid("siblings", "more than 2^32 - 1 siblings cannot be encoded"))?;
        let mut out = Vec::with_capacity(self.encoded_len());
        out.push(PROOF_VERSION);
        out.extend_from_slice(&self.commitment.entry_count.to_be_bytes());
        out.extend_from_slice(&self.commitment.lookup_count.to_be_bytes());
        out.extend_from_slice(self.commitment.shared_public_input.as_slice());
        out.extend_from_slice(self.commitment.root.as_slice());
        out.extend_from_slice(&k.to_be_bytes());
        out.extend_from_slice(&s.to_be_bytes());
        for index in &self.indices {
            out.extend_from_slice(&index.to_be_bytes());
        }
        for sibling in &self.siblings {
            out.extend_from_slice(sibling.as_slice());
        }
        Ok(out)
    }

    /// `89 + 8k + 32s`.
    pub fn encoded_len(&self) -> usize {
        PROOF_HEADER_LEN + 8 * self.indices.len() + 32 * self.siblings.len()
    }

    /// Decodes the binary encoding. Empty input or fewer than 89 bytes, or fewer than
    /// `89 + 8k + 32s`: [`ErrorCode::ProofTruncated`]; more: [`ErrorCode::ProofOverlong`];
    /// a version byte other than 1: [`ErrorCode::ProofMalformed`]; more than
    /// [`MAX_PROOF_BYTES`](crate::limits::MAX_PROOF_BYTES): [`ErrorCode::InputTooLarge`]. Lengths
    /// are checked before anything is allocated. The indices and siblings are not interpreted here
    /// ([`verify`](Self::verify) does).
    pub fn decode(bytes: &[u8]) -> Result<Self> {
        crate::limits::check_len("proof", bytes.len(), crate::limits::MAX_PROOF_BYTES)?;
        let version = *bytes
            .first()
            .ok_or_else(|| rejected(ErrorCode::ProofTruncated, "proof encoding is empty (needs at least 89 bytes)"))?;
        if version != PROOF_VERSION {
            return Err(rejected(
                ErrorCode::ProofMalformed,
                format!("proof version byte is {version}, this verifier reads version {PROOF_VERSION}"),
            ));
        }
        if bytes.len() < PROOF_HEADER_LEN {
            return Err(rejected(
                ErrorCode::ProofTruncated,
                format!("proof header needs {PROOF_HEADER_LEN} bytes, the encoding has {}", bytes.len()),
            ));
        }
        let u64_at = |at: usize| be_u64(&bytes[at..at + 8]);
        let k = be_u32(&bytes[81..85]);
        let s = be_u32(&bytes[85..89]);
        let needed = PROOF_HEADER_LEN as u64 + 8 * u64::from(k) + 32 * u64::from(s);
        let len = bytes.len() as u64;
        if len < needed {
            return Err(rejected(
                ErrorCode::ProofTruncated,
                format!("proof declares {k} indices and {s} siblings ({needed} bytes), the encoding has {len}"),
            ));
        }
        if len > needed {
            return Err(rejected(
                ErrorCode::ProofOverlong,
                format!(
                    "proof declares {k} indices and {s} siblings ({needed} bytes), the encoding has {} bytes more",
                    len - needed
                ),
            ));
        }
        let commitment = TableCommitment {
            entry_count: u64_at(1),
            lookup_count: u64_at(9),
            shared_public_input: B256::from_slice(&bytes[17..49]),
            root: B256::from_slice(&bytes[49..81]),
        };
        let index_end = PROOF_HEADER_LEN + 8 * k as usize;
        let indices = bytes[PROOF_HEADER_LEN..index_end].chunks_exact(8).map(be_u64).collect();
        let siblings = bytes[index_end..].chunks_exact(32).map(B256::from_slice).collect();
        Ok(InclusionProof { commitment, indices, siblings })
    }
}

/// A big-endian u64 from exactly 8 bytes.
fn be_u64(chunk: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(chunk);
    u64::from_be_bytes(word)
}

/// A big-endian u32 from exactly 4 bytes.
fn be_u32(chunk: &[u8]) -> u32 {
    let mut word = [0u8; 4];
    word.copy_from_slice(chunk);
    u32::from_be_bytes(word)
}

const PROOF_FIELDS: &[&str] = &["format", "tableCommitment", "indices", "siblings"];

impl CanonicalJson for InclusionProof {
    /// `{"format": "exectable-inclusion-proof/v1", "tableCommitment": {"commitment", "entryCount",
    /// "lookupCount", "sharedPublicInput", "root"}, "indices": ["0x…"], "siblings": ["0x…"]}`.
    fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("format".into(), Value::String(PROOF_FORMAT.into()));
        map.insert("tableCommitment".into(), self.commitment.to_json());
        map.insert("indices".into(), self.indices.to_json());
        map.insert("siblings".into(), self.siblings.to_json());
        Value::Object(map)
    }

    /// Reads the JSON form; a `format` other than [`PROOF_FORMAT`] or a `tableCommitment.commitment`
    /// that is not the digest of the record is [`ErrorCode::ProofMalformed`].
    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        let map = expect_object(value, path, PROOF_FIELDS)?;
        let format: String = required_field(map, "format", path)?;
        if format != PROOF_FORMAT {
            return Err(rejected(
                ErrorCode::ProofMalformed,
                format!("{}: {format:?} is not {PROOF_FORMAT:?}", path.field("format")),
            ));
        }
        Ok(InclusionProof {
            commitment: required_field(map, "tableCommitment", path)?,
            indices: required_field(map, "indices", path)?,
            siblings: required_field(map, "siblings", path)?,
        })
    }
}
