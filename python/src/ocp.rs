//! Observation Commitment Protocol artifacts (docs/OCP.md) as Python objects: produce an `ocp-1`
//! proof file or a v1.0 envelope for an observation (`exectable ocp`), verify one against the
//! observation and, optionally, the receipt of its transaction (`exectable verify ocp`).
//!
//! [`PyOcpArtifact`] holds either shape; [`PyOcpReport`] every step of a verification. A malformed
//! artifact or a failing step raises `OcpError` with core's code (501–508); a malformed receipt
//! `MembershipError` 606 (`ReceiptMalformed`); bad producer arguments `ArgumentError` 301.

use crate::convert::{arg_err, bytes_like, json_input, json_to_py, py_bytes, py_json, receipt_arg, type_name};
use crate::convert::{Floats, PyValue};
use crate::errors::{detached, py_err};
use crate::structs::{json_text, L1ProofSystemBatchPerVerificationEntries};
use alloy_primitives::{hex, Address, B256};
use exectable::abi::layout::Path;
use exectable::ocp::{
    sha256_digest, verify, EnvelopeInput, ExecutionTable, HashCheck, InclusionCheck, OcpArtifact, OcpEnvelope,
    OcpProofFile, OcpReport, ProofFileInput, RecordedLog,
};
use exectable::Error;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};

/// The observation: bytes-like only (text must be encoded by the caller: no guessing of hex or
/// UTF-8).
fn observation_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    bytes_like(obj).ok_or_else(|| {
        arg_err(
            obj.py(),
            &Path::Root("observation"),
            format!("expected bytes (encode text first), found {}", type_name(obj)),
        )
    })
}

/// An execution table: an `l1.ProofSystemBatchPerVerificationEntries` object, calldata
/// (`postAndVerifyBatch` / `loadExecutionTable` / `executeIncomingCrossChainCall`, bytes or
/// `0x`-hex), or JSON (text or Python data) of an L1 batch, an L2 `{"entries", "lookupCalls"}`,
/// `{"l1Batch": …}` / `{"l2Table": …}` or a call.
fn table_arg(obj: &Bound<'_, PyAny>) -> PyResult<ExecutionTable> {
    let py = obj.py();
    if let Ok(b) = obj.cast::<L1ProofSystemBatchPerVerificationEntries>() {
        return Ok(ExecutionTable::L1Batch(Box::new(b.get().0.clone())));
    }
    let text = if let Some(bytes) = bytes_like(obj) {
        hex::encode_prefixed(bytes)
    } else if let Ok(s) = obj.cast::<PyString>() {
        s.to_cow()?.into_owned()
    } else {
        py_json(obj, &Path::Root("table"), Floats::Number)?.to_string()
    };
    detached(py, || ExecutionTable::from_text(&text))
}

/// The canonical bytes of an execution table (its OCP observation) and its kind (`l1-batch` or
/// `l2-table`): `abi.encode(batch)` for an L1 batch, `abi.encode(entries, lookupCalls)` for an L2
/// table — the call's input without its selector.
#[pyfunction]
fn ocp_table_observation<'py>(table: &Bound<'py, PyAny>) -> PyResult<(Bound<'py, PyBytes>, &'static str)> {
    let py = table.py();
    let table = table_arg(table)?;
    let observation = py.detach(|| table.observation());
    Ok((py_bytes(py, &observation), table.kind()))
}

/// `SHA-256(observation)`: the OCP v1 digest of raw bytes.
#[pyfunction]
fn ocp_digest<'py>(observation: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    let py = observation.py();
    let bytes = observation_arg(observation)?;
    let digest = py.detach(|| sha256_digest(&bytes));
    Ok(py_bytes(py, digest.as_slice()))
}

/// An OCP artifact: the flat `ocp-1` proof file or the v1.0 envelope.
#[pyclass(frozen, eq, module = "exectable.ocp", name = "OcpArtifact")]
#[derive(Clone, PartialEq)]
pub struct PyOcpArtifact(pub OcpArtifact);

#[pymethods]
#[allow(non_snake_case)]
impl PyOcpArtifact {
    /// Parses either shape from JSON text or a dict: an object with `version` is an `ocp-1` file,
    /// one with `ocp` an envelope. Anything malformed is `OcpError` 507.
    #[staticmethod]
    fn from_json(value: &Bound<'_, PyAny>) -> PyResult<Self> {
        let json = json_input(value, "artifact", Floats::Number)?;
        OcpArtifact::from_json(&json).map(Self).map_err(|e| py_err(value.py(), e))
    }

    /// `ocp-1` or `envelope-1.0`.
    #[getter]
    fn shape(&self) -> &'static str {
        self.0.shape()
    }

    /// The committed 32-byte digest (`hash` / `commitment.digest`).
    #[getter]
    fn digest<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        py_bytes(py, self.0.digest().as_slice())
    }

    /// Schema members the artifact leaves out (`fileName`, `timestamp` of a partial `ocp-1` file).
    #[getter]
    fn missingMembers(&self) -> Vec<&'static str> {
        self.0.missing_members()
    }

    /// Whether no schema member is missing.
    #[getter]
    fn schemaComplete(&self) -> bool {
        self.0.missing_members().is_empty()
    }

    /// What the artifact claims about the recording EVM transaction: `{"digest", "txHash",
    /// "blockHash", "blockNumber", "contract"}` (bytes/int, `None` when not named); `OcpError` 507
    /// when an envelope's EVM members are not EVM hashes.
    fn evm_claim<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let claim = self.0.evm_claim().map_err(|e| py_err(py, e))?;
        let out = PyDict::new(py);
        out.set_item("digest", py_bytes(py, claim.digest.as_slice()))?;
        out.set_item("txHash", py_bytes(py, claim.tx_hash.as_slice()))?;
        out.set_item("blockHash", claim.block_hash.map(|h| py_bytes(py, h.as_slice())))?;
        out.set_item("blockNumber", claim.block_number)?;
        out.set_item("contract", claim.contract.map(|a| py_bytes(py, a.as_slice())))?;
        Ok(out)
    }

    /// Verifies the artifact against `observation` (bytes) and, when given, the `receipt` of its
    /// transaction, as `ocp.verify`.
    #[pyo3(signature = (observation, receipt=None, *, raise_on_invalid=true))]
    fn verify(
        &self,
        observation: &Bound<'_, PyAny>,
        receipt: Option<&Bound<'_, PyAny>>,
        raise_on_invalid: bool,
    ) -> PyResult<PyOcpReport> {
        run_verify(observation.py(), &self.0, observation_arg(observation)?, receipt, raise_on_invalid)
    }

    /// The artifact's JSON (what `exectable ocp` prints).
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> String {
        json_text(&self.0.to_json(), indent)
    }

    /// The artifact's JSON as Python data (its members are text and integers, as in the file).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.0.to_json())
    }

    fn __repr__(&self) -> String {
        format!("OcpArtifact(shape={:?}, digest={})", self.0.shape(), self.0.digest())
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let from_json = slf.py().get_type::<Self>().getattr("from_json")?;
        Ok((from_json, (slf.get().to_json(None),)))
    }
}

fn log_dict<'py>(py: Python<'py>, log: &RecordedLog) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("position", log.position)?;
    out.set_item("logIndex", log.log_index)?;
    out.set_item("contract", py_bytes(py, log.contract.as_slice()))?;
    out.set_item("recorder", log.recorder.map(|a| py_bytes(py, a.as_slice())))?;
    Ok(out)
}

fn error_dict<'py>(py: Python<'py>, e: &Error) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("code", e.code().as_u32())?;
    out.set_item("name", format!("{:?}", e.code()))?;
    out.set_item("message", e.to_string())?;
    Ok(out)
}

/// Every step of one OCP verification: hash (recompute and compare), inclusion (the extraction
/// rule against the receipt), schema completeness and notes.
#[pyclass(frozen, module = "exectable.ocp", name = "OcpReport")]
pub struct PyOcpReport(pub OcpReport);

#[pymethods]
#[allow(non_snake_case)]
impl PyOcpReport {
    /// True when no step failed (inclusion confirmed, or not checked).
    #[getter]
    fn valid(&self) -> bool {
        self.0.is_valid()
    }

    /// `ocp-1` or `envelope-1.0`.
    #[getter]
    fn shape(&self) -> &'static str {
        self.0.shape
    }

    /// The artifact's 32-byte digest.
    #[getter]
    fn digest<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        py_bytes(py, self.0.digest.as_slice())
    }

    /// The hash step: `ok`, `mismatch` or `unsupported`.
    #[getter]
    fn hash(&self) -> &'static str {
        match self.0.hash {
            HashCheck::Match => "ok",
            HashCheck::Mismatch { .. } => "mismatch",
            HashCheck::Unsupported { .. } => "unsupported",
        }
    }

    /// SHA-256 of the observation given (`None` when the hash function is not supported).
    #[getter]
    fn computed<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyBytes>> {
        match &self.0.hash {
            HashCheck::Match => Some(py_bytes(py, self.0.digest.as_slice())),
            HashCheck::Mismatch { computed } => Some(py_bytes(py, computed.as_slice())),
            HashCheck::Unsupported { .. } => None,
        }
    }

    /// The inclusion step: `confirmed`, `notChecked` or `failed`.
    #[getter]
    fn inclusion(&self) -> &'static str {
        match self.0.inclusion {
            InclusionCheck::Confirmed(_) => "confirmed",
            InclusionCheck::NotChecked(_) => "notChecked",
            InclusionCheck::Failed(_) => "failed",
        }
    }

    /// Why inclusion was not checked or failed (`None` when confirmed).
    #[getter]
    fn inclusionReason(&self) -> Option<String> {
        match &self.0.inclusion {
            InclusionCheck::Confirmed(_) => None,
            InclusionCheck::NotChecked(reason) => Some(reason.clone()),
            InclusionCheck::Failed(e) => Some(e.to_string()),
        }
    }

    /// The `Recorded` log that confirmed inclusion: `{"position", "logIndex", "contract",
    /// "recorder"}` (ints, bytes, `None` when absent); `None` unless confirmed.
    #[getter]
    fn log<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        match &self.0.inclusion {
            InclusionCheck::Confirmed(log) => log_dict(py, log).map(Some),
            _ => Ok(None),
        }
    }

    /// Whether no schema member is missing.
    #[getter]
    fn schemaComplete(&self) -> bool {
        self.0.missing_members.is_empty()
    }

    /// Schema members the artifact leaves out.
    #[getter]
    fn missingMembers(&self) -> Vec<&'static str> {
        self.0.missing_members.clone()
    }

    /// What was not checked and why, and other remarks that do not change the verdict.
    #[getter]
    fn notes(&self) -> Vec<String> {
        self.0.notes.clone()
    }

    /// The first failing step as `{"code", "name", "message"}`, or `None`.
    #[getter]
    fn error<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        self.0.error().map(|e| error_dict(py, &e)).transpose()
    }

    /// Raises the first failing step as `OcpError` (its code); nothing when valid.
    fn raise_for_error(&self, py: Python<'_>) -> PyResult<()> {
        match self.0.error() {
            Some(e) => Err(py_err(py, e)),
            None => Ok(()),
        }
    }

    /// The report JSON (`exectable verify ocp --json`).
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> String {
        json_text(&self.0.to_json(), indent)
    }

    /// `{"valid", "shape", "digest", "hash", "computed", "inclusion", "inclusionReason", "log",
    /// "schemaComplete", "missingMembers", "notes", "error"}` with bytes and ints.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        out.set_item("valid", self.valid())?;
        out.set_item("shape", self.shape())?;
        out.set_item("digest", self.digest(py))?;
        out.set_item("hash", self.hash())?;
        out.set_item("computed", self.computed(py))?;
        out.set_item("inclusion", self.inclusion())?;
        out.set_item("inclusionReason", self.inclusionReason())?;
        out.set_item("log", self.log(py)?)?;
        out.set_item("schemaComplete", self.schemaComplete())?;
        out.set_item("missingMembers", self.missingMembers())?;
        out.set_item("notes", self.notes())?;
        out.set_item("error", self.error(py)?)?;
        Ok(out)
    }

    fn __bool__(&self) -> bool {
        self.0.is_valid()
    }

    /// One line per step, then the notes (what `exectable verify ocp` prints after the verdict).
    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self) -> String {
        format!(
            "OcpReport(valid={}, shape={:?}, digest={}, hash={:?}, inclusion={:?})",
            if self.0.is_valid() { "True" } else { "False" },
            self.0.shape,
            self.0.digest,
            self.hash(),
            self.inclusion()
        )
    }
}

fn run_verify(
    py: Python<'_>,
    artifact: &OcpArtifact,
    observation: Vec<u8>,
    receipt: Option<&Bound<'_, PyAny>>,
    raise_on_invalid: bool,
) -> PyResult<PyOcpReport> {
    let receipt = receipt.filter(|r| !r.is_none()).map(|r| receipt_arg(r, "receipt")).transpose()?;
    let report = py.detach(|| verify(artifact, &observation, receipt.as_ref()));
    if raise_on_invalid {
        if let Some(e) = report.error() {
            return Err(py_err(py, e));
        }
    }
    Ok(PyOcpReport(report))
}

/// Verifies an OCP artifact offline (`exectable verify ocp`): `artifact` an `OcpArtifact` or its
/// JSON (text or dict), `observation` the observed bytes, `receipt` the artifact transaction's
/// `eth_getTransactionReceipt` JSON (text or dict), or `None` to check the hash only. A failing
/// step raises `OcpError` (501–508) unless `raise_on_invalid=False`, which returns the report.
#[pyfunction]
#[pyo3(signature = (artifact, observation, receipt=None, *, raise_on_invalid=true))]
fn ocp_verify(
    artifact: &Bound<'_, PyAny>,
    observation: &Bound<'_, PyAny>,
    receipt: Option<&Bound<'_, PyAny>>,
    raise_on_invalid: bool,
) -> PyResult<PyOcpReport> {
    let py = artifact.py();
    let artifact = match artifact.cast::<PyOcpArtifact>() {
        Ok(a) => a.get().0.clone(),
        Err(_) => PyOcpArtifact::from_json(artifact)?.0,
    };
    run_verify(py, &artifact, observation_arg(observation)?, receipt, raise_on_invalid)
}

/// The `ocp-1` proof file for `observation` (`exectable ocp`): `hash` = SHA-256(observation), the
/// other members from the arguments (`timestamp_ms`: milliseconds since the Unix epoch; the
/// default `extraction_rule` is the `Recorded` event rule). Empty text members are `ArgumentError`.
#[pyfunction]
#[pyo3(signature = (observation, *, file_name, tx_hash, network, contract, timestamp_ms, extraction_rule=None))]
fn ocp_produce_proof_file(
    observation: &Bound<'_, PyAny>,
    file_name: &str,
    tx_hash: &Bound<'_, PyAny>,
    network: &str,
    contract: &Bound<'_, PyAny>,
    timestamp_ms: &Bound<'_, PyAny>,
    extraction_rule: Option<&str>,
) -> PyResult<PyOcpArtifact> {
    let py = observation.py();
    let observation = observation_arg(observation)?;
    let tx_hash = B256::from_py(tx_hash, &Path::Root("txHash"))?;
    let contract = Address::from_py(contract, &Path::Root("contract"))?;
    let timestamp_ms = u64::from_py(timestamp_ms, &Path::Root("timestamp"))?;
    let mut input = ProofFileInput::evm(file_name, tx_hash, network, contract, timestamp_ms);
    if let Some(rule) = extraction_rule {
        input.extraction_rule = rule.to_owned();
    }
    detached(py, || OcpProofFile::produce(&observation, &input)).map(|f| PyOcpArtifact(OcpArtifact::ProofFile(f)))
}

/// The v1.0 envelope for `observation` (`exectable ocp --envelope`): `chain_id` a CAIP-2
/// `eip155:<chain id>`, the rule `evm/event-log` 1.0.0; `block_height` / `block_hash` when known;
/// times in milliseconds since the Unix epoch. A chain id that is not `eip155:` is `ArgumentError`.
#[pyfunction]
#[pyo3(signature = (
    observation, *, chain_id, tx_hash, created_ms, assertion_time_ms=None, block_height=None, block_hash=None,
    finality_depth=0
))]
#[allow(clippy::too_many_arguments)]
fn ocp_produce_envelope(
    observation: &Bound<'_, PyAny>,
    chain_id: &str,
    tx_hash: &Bound<'_, PyAny>,
    created_ms: &Bound<'_, PyAny>,
    assertion_time_ms: Option<&Bound<'_, PyAny>>,
    block_height: Option<&Bound<'_, PyAny>>,
    block_hash: Option<&Bound<'_, PyAny>>,
    finality_depth: u64,
) -> PyResult<PyOcpArtifact> {
    let py = observation.py();
    let observation = observation_arg(observation)?;
    let created_ms = u64::from_py(created_ms, &Path::Root("createdMs"))?;
    let input = EnvelopeInput {
        chain_id: chain_id.to_owned(),
        tx_hash: B256::from_py(tx_hash, &Path::Root("txHash"))?,
        block_height: block_height.map(|h| u64::from_py(h, &Path::Root("blockHeight"))).transpose()?,
        block_hash: block_hash.map(|h| B256::from_py(h, &Path::Root("blockHash"))).transpose()?,
        finality_depth,
        assertion_time_ms: match assertion_time_ms {
            Some(ms) => u64::from_py(ms, &Path::Root("assertionTimeMs"))?,
            None => created_ms,
        },
        created_ms,
    };
    detached(py, || OcpEnvelope::produce(&observation, &input)).map(|e| PyOcpArtifact(OcpArtifact::Envelope(e)))
}

/// Adds the OCP classes and functions to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyOcpArtifact>()?;
    m.add_class::<PyOcpReport>()?;
    m.add_function(wrap_pyfunction!(ocp_table_observation, m)?)?;
    m.add_function(wrap_pyfunction!(ocp_digest, m)?)?;
    m.add_function(wrap_pyfunction!(ocp_verify, m)?)?;
    m.add_function(wrap_pyfunction!(ocp_produce_proof_file, m)?)?;
    m.add_function(wrap_pyfunction!(ocp_produce_envelope, m)?)?;
    Ok(())
}
