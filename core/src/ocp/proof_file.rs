//! The flat `ocp-1` proof file (`proof-format-v1.schema.json`): `{version: "ocp-1", fileName,
//! hash, txHash, network, contract, extractionRule, timestamp}`.

use super::rule::EVM_RECORDED_RULE_TEXT;
use super::schema::{integer_member, proof_file_violations, validate_proof_file, PROOF_FILE_VERSION};
use super::{lowercase_hex, sha256_digest};
use crate::error::{Error, ErrorCode, Result};
use alloy_primitives::{hex, Address, B256};
use serde_json::{Map, Value};

/// An `ocp-1` proof file. `file_name` and `timestamp_ms` are required by the schema but only
/// descriptive; they are `None` in a file that leaves them out (the bundled `demo-proof.json`),
/// which [`OcpProofFile::from_json`] accepts and [`OcpProofFile::from_json_strict`] does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcpProofFile {
    /// `fileName`: human-readable name of the observation, not used by verification.
    pub file_name: Option<String>,
    /// `hash`: SHA-256 of the observation (`0x` + 64 lowercase hex digits).
    pub hash: B256,
    /// `txHash`: the ledger transaction that carries the commitment.
    pub tx_hash: B256,
    /// `network`: the network name (`base-sepolia`).
    pub network: String,
    /// `contract`: the contract that recorded the digest (written EIP-55 checksummed).
    pub contract: Address,
    /// `extractionRule`: how the digest is read from the transaction.
    pub extraction_rule: String,
    /// `timestamp`: producer-supplied milliseconds since the Unix epoch, informational.
    pub timestamp_ms: Option<u64>,
}

/// What an `ocp-1` file records besides the digest; every value comes from the caller (core
/// reads no clock).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofFileInput {
    /// `fileName` (non-empty).
    pub file_name: String,
    /// `txHash`.
    pub tx_hash: B256,
    /// `network` (non-empty).
    pub network: String,
    /// `contract`.
    pub contract: Address,
    /// `extractionRule` (non-empty); [`ProofFileInput::evm`] uses the `Recorded` event rule.
    pub extraction_rule: String,
    /// `timestamp` in milliseconds since the Unix epoch.
    pub timestamp_ms: u64,
}

impl ProofFileInput {
    /// An input for a digest recorded by the `Recorded(bytes32 indexed digest, address indexed
    /// recorder)` event (`extractionRule` = [`EVM_RECORDED_RULE_TEXT`]).
    pub fn evm(file_name: &str, tx_hash: B256, network: &str, contract: Address, timestamp_ms: u64) -> Self {
        ProofFileInput {
            file_name: file_name.to_owned(),
            tx_hash,
            network: network.to_owned(),
            contract,
            extraction_rule: EVM_RECORDED_RULE_TEXT.to_owned(),
            timestamp_ms,
        }
    }
}

impl OcpProofFile {
    /// The `ocp-1` file for `observation`: `hash` = SHA-256(observation), the rest from `input`.
    /// Empty `fileName`, `network` or `extractionRule` are [`Error::InvalidArgument`]s.
    pub fn produce(observation: &[u8], input: &ProofFileInput) -> Result<Self> {
        for (name, value) in
            [("fileName", &input.file_name), ("network", &input.network), ("extractionRule", &input.extraction_rule)]
        {
            if value.is_empty() {
                return Err(Error::invalid(name, "must not be empty (schema minLength 1)"));
            }
        }
        let file = OcpProofFile {
            file_name: Some(input.file_name.clone()),
            hash: sha256_digest(observation),
            tx_hash: input.tx_hash,
            network: input.network.clone(),
            contract: input.contract,
            extraction_rule: input.extraction_rule.clone(),
            timestamp_ms: Some(input.timestamp_ms),
        };
        validate_proof_file(&file.to_json())?;
        Ok(file)
    }

    /// Parses a proof file as strictly as the schema, except that the descriptive `fileName` and
    /// `timestamp` may be absent. Violations are [`ErrorCode::OcpMalformed`] naming the member.
    pub fn from_json(value: &Value) -> Result<Self> {
        if let Some(v) = proof_file_violations(value).into_iter().find(|v| !v.is_missing_informational()) {
            return Err(v.to_error());
        }
        Self::from_valid(value.as_object().expect("checked by the schema rules"))
    }

    /// Parses a proof file that satisfies the whole schema (every member present).
    pub fn from_json_strict(value: &Value) -> Result<Self> {
        validate_proof_file(value)?;
        Self::from_valid(value.as_object().expect("checked by the schema rules"))
    }

    fn from_valid(map: &Map<String, Value>) -> Result<Self> {
        let text = |name: &str| map.get(name).and_then(Value::as_str).unwrap_or_default().to_owned();
        let bytes = |name: &str| -> Result<Vec<u8>> {
            hex::decode(&text(name)[2..])
                .map_err(|e| Error::rejected(ErrorCode::OcpMalformed, format!("{name}: invalid hex ({e})")))
        };
        Ok(OcpProofFile {
            file_name: map.get("fileName").map(|_| text("fileName")),
            hash: B256::from_slice(&bytes("hash")?),
            tx_hash: B256::from_slice(&bytes("txHash")?),
            network: text("network"),
            contract: Address::from_slice(&bytes("contract")?),
            extraction_rule: text("extractionRule"),
            timestamp_ms: map.get("timestamp").and_then(integer_member),
        })
    }

    /// The file's JSON, members in schema order; absent descriptive members are left out.
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("version".into(), PROOF_FILE_VERSION.into());
        if let Some(name) = &self.file_name {
            map.insert("fileName".into(), name.clone().into());
        }
        map.insert("hash".into(), format!("0x{}", lowercase_hex(&self.hash)).into());
        map.insert("txHash".into(), format!("0x{}", lowercase_hex(&self.tx_hash)).into());
        map.insert("network".into(), self.network.clone().into());
        map.insert("contract".into(), self.contract.to_checksum(None).into());
        map.insert("extractionRule".into(), self.extraction_rule.clone().into());
        if let Some(ms) = self.timestamp_ms {
            map.insert("timestamp".into(), ms.into());
        }
        Value::Object(map)
    }

    /// Schema members this file leaves out (`fileName`, `timestamp`); empty when schema-complete.
    pub fn missing_members(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.file_name.is_none() {
            out.push("fileName");
        }
        if self.timestamp_ms.is_none() {
            out.push("timestamp");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn produced_files_follow_the_schema_and_round_trip() {
        let input = ProofFileInput::evm("obs.txt", B256::repeat_byte(0xab), "base-sepolia", Address::ZERO, 7);
        let file = OcpProofFile::produce(b"abc", &input).unwrap();
        assert_eq!(
            file.hash.to_string(),
            "0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" // FIPS 180-2 "abc"
        );
        let json = file.to_json();
        validate_proof_file(&json).unwrap();
        assert_eq!(OcpProofFile::from_json_strict(&json).unwrap(), file);
        assert!(file.missing_members().is_empty());
        let mut bad = input.clone();
        bad.network.clear();
        assert_eq!(OcpProofFile::produce(b"abc", &bad).unwrap_err().path(), Some("network"));
    }

    #[test]
    fn descriptive_members_may_be_absent_only_in_lenient_parsing() {
        let mut json =
            OcpProofFile::produce(b"", &ProofFileInput::evm("f", B256::ZERO, "n", Address::ZERO, 1)).unwrap().to_json();
        json.as_object_mut().unwrap().remove("fileName");
        json.as_object_mut().unwrap().remove("timestamp");
        let file = OcpProofFile::from_json(&json).unwrap();
        assert_eq!(file.missing_members(), vec!["fileName", "timestamp"]);
        assert_eq!(file.to_json(), json);
        assert_eq!(OcpProofFile::from_json_strict(&json).unwrap_err().code(), ErrorCode::OcpMalformed);
        json.as_object_mut().unwrap().remove("network");
        assert!(OcpProofFile::from_json(&json).unwrap_err().to_string().contains("network"));
        assert_eq!(OcpProofFile::from_json(&json!("x")).unwrap_err().code(), ErrorCode::OcpMalformed);
    }
}
