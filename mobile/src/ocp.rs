//! Observation Commitment Protocol artifacts (docs/OCP.md), verified offline: recompute
//! `SHA-256(observation)`, compare it with the artifact's digest, and — given the receipt of the
//! artifact's transaction — confirm that a `Recorded` log carries it. Both shapes (`ocp-1` proof
//! file, v1.0 envelope) are read; core's `ocp::verify` does every step, and the first failing
//! step is an `Ocp` error (501–508; a malformed receipt is 606).

use crate::error::Result;
use crate::value::{json, text};
use exectable::ocp::{self, ExecutionTable, InclusionCheck, OcpArtifact};
use exectable::receipt::Receipt;

/// The inclusion step of a valid artifact.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum OcpInclusion {
    /// A `Recorded` log of the receipt carries the digest (`evm/event-log` 1.0.0).
    Confirmed {
        /// Position of the log in `receipt.logs`.
        log_position: u64,
        /// Its `logIndex` in the block, when the receipt gives it.
        log_index: Option<u64>,
        /// address: the emitting contract.
        contract: String,
        /// address: the recorder (`topics[2]`), when it is one.
        recorder: Option<String>,
    },
    /// Not checked, and not a failure (no receipt given).
    NotChecked {
        /// Why.
        reason: String,
    },
}

/// A verified artifact: every step passed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OcpReport {
    /// `ocp-1` or `envelope-1.0`.
    pub shape: String,
    /// bytes32: the artifact's digest, equal to `SHA-256(observation)`.
    pub digest: String,
    /// Confirmed against the receipt, or not checked.
    pub inclusion: OcpInclusion,
    /// Whether the artifact has every schema member (`fileName`, `timestamp` of an `ocp-1` file).
    pub schema_complete: bool,
    /// The schema members it leaves out.
    pub missing_members: Vec<String>,
    /// What was not checked and why, and other remarks that do not change the verdict.
    pub notes: Vec<String>,
    /// The whole report as core's JSON (`{"valid": true, "shape", "digest", "hash", "inclusion", …}`).
    pub json: String,
}

/// Verifies an OCP artifact (`artifact_json`: an `ocp-1` proof file or a v1.0 envelope) against
/// the `observation` bytes and, when given, the `eth_getTransactionReceipt` JSON of its
/// transaction. For an execution table, the observation is [`execution_table_observation`].
#[uniffi::export(default(receipt_json = None))]
pub fn verify_ocp_artifact(
    artifact_json: String,
    observation: Vec<u8>,
    receipt_json: Option<String>,
) -> Result<OcpReport> {
    let artifact = OcpArtifact::from_json(&json(&artifact_json)?)?;
    let receipt = match receipt_json {
        Some(r) => Some(Receipt::from_json(&json(&r)?)?),
        None => None,
    };
    let report = ocp::verify(&artifact, &observation, receipt.as_ref()).into_result()?;
    let inclusion = match &report.inclusion {
        InclusionCheck::Confirmed(log) => OcpInclusion::Confirmed {
            log_position: log.position as u64,
            log_index: log.log_index,
            contract: text(&log.contract),
            recorder: log.recorder.as_ref().map(text),
        },
        InclusionCheck::NotChecked(reason) => OcpInclusion::NotChecked { reason: reason.clone() },
        // `into_result` turned a failed inclusion into its error.
        InclusionCheck::Failed(e) => return Err(e.clone().into()),
    };
    Ok(OcpReport {
        shape: report.shape.to_owned(),
        digest: text(&report.digest),
        inclusion,
        schema_complete: report.missing_members.is_empty(),
        missing_members: report.missing_members.iter().map(|m| (*m).to_owned()).collect(),
        notes: report.notes.clone(),
        json: report.to_json().to_string(),
    })
}

/// The OCP observation of an execution table, its canonical bytes: `abi.encode(batch)` for an L1
/// batch, `abi.encode(entries, lookupCalls)` for an L2 table. `table` is the table as a user holds
/// it: `postAndVerifyBatch` / `loadExecutionTable` calldata as 0x-hex, call JSON, batch JSON, an L2
/// table JSON `{"entries", "lookupCalls"}`, or `{"l1Batch": …}` / `{"l2Table": …}`.
#[uniffi::export]
pub fn execution_table_observation(table: String) -> Result<Vec<u8>> {
    Ok(ExecutionTable::from_text(&table)?.observation())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ExectableError;
    use alloy_primitives::{Address, B256};
    use exectable::ocp::{OcpProofFile, ProofFileInput};

    fn artifact(observation: &[u8]) -> String {
        let input =
            ProofFileInput::evm("note.txt", B256::repeat_byte(1), "base-sepolia", Address::ZERO, 1_777_222_524_027);
        OcpArtifact::ProofFile(OcpProofFile::produce(observation, &input).unwrap()).to_json().to_string()
    }

    #[test]
    fn hash_step_without_receipt() {
        let report = verify_ocp_artifact(artifact(b"hello"), b"hello".to_vec(), None).unwrap();
        assert_eq!(report.shape, "ocp-1");
        assert_eq!(report.digest, text(&ocp::sha256_digest(b"hello")));
        assert!(matches!(report.inclusion, OcpInclusion::NotChecked { .. }));
        assert!(report.schema_complete);
        let e = verify_ocp_artifact(artifact(b"hello"), b"hellO".to_vec(), None).unwrap_err();
        assert!(matches!(e, ExectableError::Ocp { code: 501, .. }), "{e:?}");
        assert!(e.to_string().starts_with("hash mismatch: SHA-256 of the observation is "), "{e}");
    }

    #[test]
    fn bad_inputs_keep_their_codes() {
        assert_eq!(verify_ocp_artifact("[]".into(), vec![], None).unwrap_err().code(), 507);
        assert_eq!(verify_ocp_artifact("{".into(), vec![], None).unwrap_err().code(), 201);
        let e = verify_ocp_artifact(artifact(b"x"), b"x".to_vec(), Some("{}".into())).unwrap_err();
        assert_eq!(e.code(), 606);
    }

    #[test]
    fn table_observation_is_the_canonical_bytes() {
        let batch = exectable::types::l1::ProofSystemBatchPerVerificationEntries::default();
        let json = serde_json::json!({"l1Batch": exectable::CanonicalJson::to_json(&batch)}).to_string();
        let want = exectable::AbiStruct::abi_encode_struct(&batch);
        assert_eq!(execution_table_observation(json).unwrap(), want);
        assert_eq!(execution_table_observation("{".into()).unwrap_err().code() / 100, 2);
    }
}
