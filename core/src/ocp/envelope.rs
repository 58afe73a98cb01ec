//! The OCP proof envelope v1.0: `{ocp: "1.0", chain: {id, namespace}, commitment: {digest,
//! hash_function, serialization}, ledger_ref: {transaction_id, block_height, block_hash,
//! finality: {depth, assertion_time_utc, commitment?}}, extraction: {rule_id, rule_version},
//! meta: {created_utc, envelope_version: "1.0"}}` (upstream `appendix-evm-r.md`, and the
//! Solana sample for `finality.commitment`).
//!
//! No schema file is published for the envelope; this module is strict: every member above is
//! required (only `finality.commitment` is optional), no other member is allowed, and each value
//! is checked for its form. Violations are [`ErrorCode::OcpMalformed`] naming the member. Which
//! chains, rules and hash functions a verifier supports is decided at verification
//! ([`ErrorCode::OcpUnsupportedRule`]), so the Solana sample parses and is then refused.

use super::rule::{EVM_EVENT_LOG_RULE_ID, EVM_EVENT_LOG_RULE_VERSION, EVM_NAMESPACE};
use super::time::{is_rfc3339, utc_from_unix_ms, MAX_RFC3339_UNIX_MS};
use super::{lowercase_hex, sha256_digest};
use crate::error::{Error, ErrorCode, Result};
use alloy_primitives::{hex, B256};
use serde_json::{json, Map, Value};

/// `ocp` and `meta.envelope_version` of every v1.0 envelope.
pub const ENVELOPE_VERSION: &str = "1.0";
/// `commitment.hash_function` of OCP v1: SHA-256.
pub const HASH_FUNCTION_SHA256: &str = "sha2-256";
/// `commitment.serialization` of OCP v1: the observation bytes as they are.
pub const SERIALIZATION_RAW_BYTES: &str = "raw-bytes";

/// A v1.0 proof envelope. Chain-specific members stay text (a Solana `transaction_id` is base58);
/// the extraction rule interprets them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcpEnvelope {
    /// `chain.id`: CAIP-2 chain id (`eip155:84532`, `solana:devnet`).
    pub chain_id: String,
    /// `chain.namespace`: the ledger family (`evm`, `solana`).
    pub namespace: String,
    /// `commitment.digest`: the committed digest (64 lowercase hex digits, no `0x`).
    pub digest: B256,
    /// `commitment.hash_function` (`sha2-256`).
    pub hash_function: String,
    /// `commitment.serialization` (`raw-bytes`).
    pub serialization: String,
    /// `ledger_ref.transaction_id`.
    pub transaction_id: String,
    /// `ledger_ref.block_height` (`0` when not known).
    pub block_height: u64,
    /// `ledger_ref.block_hash` (empty when not known).
    pub block_hash: String,
    /// `ledger_ref.finality.depth`: confirmations claimed when the envelope was made.
    pub finality_depth: u64,
    /// `ledger_ref.finality.assertion_time_utc` (RFC 3339).
    pub assertion_time_utc: String,
    /// `ledger_ref.finality.commitment`, e.g. Solana's `finalized`; absent for EVM chains.
    pub finality_commitment: Option<String>,
    /// `extraction.rule_id` (`evm/event-log`).
    pub rule_id: String,
    /// `extraction.rule_version` (`1.0.0`).
    pub rule_version: String,
    /// `meta.created_utc` (RFC 3339).
    pub created_utc: String,
}

/// What an EVM envelope records besides the digest; times come from the caller (no clock).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvelopeInput {
    /// CAIP-2 chain id, `eip155:<decimal chain id>`.
    pub chain_id: String,
    /// The transaction that emitted `Recorded(digest, recorder)`.
    pub tx_hash: B256,
    /// Its block number, when known (written as `0` otherwise).
    pub block_height: Option<u64>,
    /// Its block hash, when known (written as `""` otherwise).
    pub block_hash: Option<B256>,
    /// Confirmations observed when asserting finality.
    pub finality_depth: u64,
    /// When finality was asserted, milliseconds since the Unix epoch.
    pub assertion_time_ms: u64,
    /// When the envelope was made, milliseconds since the Unix epoch.
    pub created_ms: u64,
}

fn malformed(path: &str, message: impl std::fmt::Display) -> Error {
    Error::rejected(ErrorCode::OcpMalformed, format!("envelope {path}: {message}"))
}

/// The object at `path` with exactly the members `required` (plus any of `optional`).
fn object<'v>(value: &'v Value, path: &str, required: &[&str], optional: &[&str]) -> Result<&'v Map<String, Value>> {
    let map = value.as_object().ok_or_else(|| malformed(path, format!("expected an object, found {value}")))?;
    if let Some(name) = required.iter().find(|n| !map.contains_key(**n)) {
        return Err(malformed(&join(path, name), "missing member"));
    }
    if let Some(name) = map.keys().find(|k| !required.contains(&k.as_str()) && !optional.contains(&k.as_str())) {
        return Err(malformed(&join(path, name), "member not allowed"));
    }
    Ok(map)
}

fn join(path: &str, name: &str) -> String {
    if path == "$" {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

fn member<'v>(map: &'v Map<String, Value>, path: &str, name: &str) -> Result<&'v Value> {
    map.get(name).ok_or_else(|| malformed(&join(path, name), "missing member"))
}

fn string<'v>(map: &'v Map<String, Value>, path: &str, name: &str, non_empty: bool) -> Result<&'v str> {
    let value = member(map, path, name)?;
    let path = join(path, name);
    let s = value.as_str().ok_or_else(|| malformed(&path, format!("expected a string, found {value}")))?;
    if non_empty && s.is_empty() {
        return Err(malformed(&path, "must not be empty"));
    }
    Ok(s)
}

fn exactly(map: &Map<String, Value>, path: &str, name: &str, want: &str) -> Result<()> {
    match string(map, path, name, false)? {
        s if s == want => Ok(()),
        s => Err(malformed(&join(path, name), format!("must be {want:?}, found {s:?}"))),
    }
}

fn integer(map: &Map<String, Value>, path: &str, name: &str) -> Result<u64> {
    let value = member(map, path, name)?;
    value.as_u64().ok_or_else(|| {
        malformed(&join(path, name), format!("expected a non-negative integer that fits 64 bits, found {value}"))
    })
}

fn timestamp(map: &Map<String, Value>, path: &str, name: &str) -> Result<String> {
    let s = string(map, path, name, true)?;
    if !is_rfc3339(s) {
        return Err(malformed(&join(path, name), format!("{s:?} is not an RFC 3339 UTC date-time")));
    }
    Ok(s.to_owned())
}

/// Whether `id` is a CAIP-2 chain id: namespace `[-a-z0-9]{3,8}`, `:`, reference `[-_a-zA-Z0-9]{1,32}`.
pub fn is_caip2(id: &str) -> bool {
    let Some((namespace, reference)) = id.split_once(':') else { return false };
    (3..=8).contains(&namespace.len())
        && namespace.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && (1..=32).contains(&reference.len())
        && reference.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl OcpEnvelope {
    /// The EVM envelope for `observation`: `digest` = SHA-256(observation), namespace `evm`,
    /// rule `evm/event-log` 1.0.0. `chain_id` must be `eip155:<decimal>`, and both times at most
    /// [`MAX_RFC3339_UNIX_MS`] (year 9999: later ones have no RFC 3339 form, so the envelope
    /// would not parse back; found by the `ocp_artifact` fuzz target) ([`Error::InvalidArgument`]).
    pub fn produce(observation: &[u8], input: &EnvelopeInput) -> Result<Self> {
        let decimal = |r: &str| !r.is_empty() && !r.starts_with('0') && r.bytes().all(|b| b.is_ascii_digit());
        if !is_caip2(&input.chain_id) || !input.chain_id.strip_prefix("eip155:").is_some_and(decimal) {
            return Err(Error::invalid("chainId", format!("{:?} is not a CAIP-2 eip155:<chain id>", input.chain_id)));
        }
        for (name, ms) in [("assertionTimeMs", input.assertion_time_ms), ("createdMs", input.created_ms)] {
            if ms > MAX_RFC3339_UNIX_MS {
                return Err(Error::invalid(
                    name,
                    format!("{ms} ms is after 9999-12-31T23:59:59.999Z, the last time RFC 3339 can write"),
                ));
            }
        }
        Ok(OcpEnvelope {
            chain_id: input.chain_id.clone(),
            namespace: EVM_NAMESPACE.into(),
            digest: sha256_digest(observation),
            hash_function: HASH_FUNCTION_SHA256.into(),
            serialization: SERIALIZATION_RAW_BYTES.into(),
            transaction_id: input.tx_hash.to_string(),
            block_height: input.block_height.unwrap_or(0),
            block_hash: input.block_hash.map(|h| h.to_string()).unwrap_or_default(),
            finality_depth: input.finality_depth,
            assertion_time_utc: utc_from_unix_ms(input.assertion_time_ms),
            finality_commitment: None,
            rule_id: EVM_EVENT_LOG_RULE_ID.into(),
            rule_version: EVM_EVENT_LOG_RULE_VERSION.into(),
            created_utc: utc_from_unix_ms(input.created_ms),
        })
    }

    /// Parses an envelope strictly (see the module doc); faults are [`ErrorCode::OcpMalformed`].
    pub fn from_json(value: &Value) -> Result<Self> {
        let top = ["ocp", "chain", "commitment", "ledger_ref", "extraction", "meta"];
        let root = object(value, "$", &top, &[])?;
        exactly(root, "$", "ocp", ENVELOPE_VERSION)?;
        let chain = object(member(root, "$", "chain")?, "chain", &["id", "namespace"], &[])?;
        let chain_id = string(chain, "chain", "id", true)?;
        if !is_caip2(chain_id) {
            return Err(malformed("chain.id", format!("{chain_id:?} is not a CAIP-2 chain id")));
        }
        let commitment =
            object(member(root, "$", "commitment")?, "commitment", &["digest", "hash_function", "serialization"], &[])?;
        let digest = string(commitment, "commitment", "digest", true)?;
        if digest.len() != 64 || !digest.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
            return Err(malformed("commitment.digest", format!("{digest:?} is not 64 lowercase hex digits (no 0x)")));
        }
        let ledger = object(
            member(root, "$", "ledger_ref")?,
            "ledger_ref",
            &["transaction_id", "block_height", "block_hash", "finality"],
            &[],
        )?;
        let finality = object(
            member(ledger, "ledger_ref", "finality")?,
            "ledger_ref.finality",
            &["depth", "assertion_time_utc"],
            &["commitment"],
        )?;
        let extraction = object(member(root, "$", "extraction")?, "extraction", &["rule_id", "rule_version"], &[])?;
        let meta = object(member(root, "$", "meta")?, "meta", &["created_utc", "envelope_version"], &[])?;
        exactly(meta, "meta", "envelope_version", ENVELOPE_VERSION)?;
        let finality_commitment = match finality.get("commitment") {
            Some(_) => Some(string(finality, "ledger_ref.finality", "commitment", true)?.to_owned()),
            None => None,
        };
        Ok(OcpEnvelope {
            chain_id: chain_id.to_owned(),
            namespace: string(chain, "chain", "namespace", true)?.to_owned(),
            digest: B256::from_slice(&hex::decode(digest).map_err(|e| malformed("commitment.digest", e))?),
            hash_function: string(commitment, "commitment", "hash_function", true)?.to_owned(),
            serialization: string(commitment, "commitment", "serialization", true)?.to_owned(),
            transaction_id: string(ledger, "ledger_ref", "transaction_id", true)?.to_owned(),
            block_height: integer(ledger, "ledger_ref", "block_height")?,
            block_hash: string(ledger, "ledger_ref", "block_hash", false)?.to_owned(),
            finality_depth: integer(finality, "ledger_ref.finality", "depth")?,
            assertion_time_utc: timestamp(finality, "ledger_ref.finality", "assertion_time_utc")?,
            finality_commitment,
            rule_id: string(extraction, "extraction", "rule_id", true)?.to_owned(),
            rule_version: string(extraction, "extraction", "rule_version", true)?.to_owned(),
            created_utc: timestamp(meta, "meta", "created_utc")?,
        })
    }

    /// The envelope's JSON, members in the order of the published examples.
    pub fn to_json(&self) -> Value {
        let mut finality = Map::new();
        finality.insert("depth".into(), self.finality_depth.into());
        finality.insert("assertion_time_utc".into(), self.assertion_time_utc.clone().into());
        if let Some(c) = &self.finality_commitment {
            finality.insert("commitment".into(), c.clone().into());
        }
        json!({
            "ocp": ENVELOPE_VERSION,
            "chain": {"id": self.chain_id, "namespace": self.namespace},
            "commitment": {
                "digest": lowercase_hex(&self.digest),
                "hash_function": self.hash_function,
                "serialization": self.serialization,
            },
            "ledger_ref": {
                "transaction_id": self.transaction_id,
                "block_height": self.block_height,
                "block_hash": self.block_hash,
                "finality": finality,
            },
            "extraction": {"rule_id": self.rule_id, "rule_version": self.rule_version},
            "meta": {"created_utc": self.created_utc, "envelope_version": ENVELOPE_VERSION},
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> EnvelopeInput {
        EnvelopeInput {
            chain_id: "eip155:84532".into(),
            tx_hash: B256::repeat_byte(0x11),
            block_height: Some(41_658_348),
            block_hash: Some(B256::repeat_byte(0x22)),
            finality_depth: 3,
            assertion_time_ms: 1_779_192_000_000,
            created_ms: 1_779_192_005_000,
        }
    }

    #[test]
    fn produced_envelopes_round_trip() {
        let env = OcpEnvelope::produce(b"abc", &input()).unwrap();
        let json = env.to_json();
        assert_eq!(json["commitment"]["digest"], "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(json["meta"]["created_utc"], "2026-05-19T12:00:05Z");
        assert_eq!(json["ledger_ref"]["block_hash"], format!("0x{}", "22".repeat(32)));
        assert_eq!(OcpEnvelope::from_json(&json).unwrap(), env);
        let unknown = OcpEnvelope::produce(b"abc", &EnvelopeInput { block_height: None, block_hash: None, ..input() });
        assert_eq!(unknown.unwrap().to_json()["ledger_ref"]["block_hash"], "");
        for bad in ["eip155:", "eip155:0x1", "solana:devnet", "eip155:01", "1"] {
            let e = OcpEnvelope::produce(b"", &EnvelopeInput { chain_id: bad.into(), ..input() }).unwrap_err();
            assert_eq!(e.path(), Some("chainId"), "{bad}");
        }
    }

    /// A time after year 9999 has no RFC 3339 form: producing it is refused, as the envelope would
    /// not parse back (fuzz regression); the last writable millisecond round-trips.
    #[test]
    fn times_past_year_9999_are_refused() {
        let last = EnvelopeInput { assertion_time_ms: MAX_RFC3339_UNIX_MS, created_ms: MAX_RFC3339_UNIX_MS, ..input() };
        let env = OcpEnvelope::produce(b"abc", &last).unwrap();
        assert_eq!(OcpEnvelope::from_json(&env.to_json()).unwrap(), env);
        for (name, late) in [
            ("assertionTimeMs", EnvelopeInput { assertion_time_ms: MAX_RFC3339_UNIX_MS + 1, ..input() }),
            ("createdMs", EnvelopeInput { created_ms: u64::MAX, ..input() }),
        ] {
            let e = OcpEnvelope::produce(b"abc", &late).unwrap_err();
            assert_eq!((e.code(), e.path()), (ErrorCode::InvalidArgument, Some(name)), "{e}");
        }
    }

    #[test]
    fn malformed_envelopes_name_the_member() {
        let good = OcpEnvelope::produce(b"abc", &input()).unwrap().to_json();
        type Mutation = fn(&mut Value);
        let cases: [(&str, Mutation); 9] = [
            ("ocp", |v| v["ocp"] = "2.0".into()),
            ("extra", |v| v["extra"] = 1.into()),
            ("chain.id", |v| v["chain"]["id"] = "EIP155:1".into()),
            ("commitment.digest", |v| v["commitment"]["digest"] = format!("0x{}", "a".repeat(62)).into()),
            ("commitment.digest", |v| v["commitment"]["digest"] = "A".repeat(64).into()),
            ("ledger_ref.block_height", |v| v["ledger_ref"]["block_height"] = "7".into()),
            ("ledger_ref.finality.assertion_time_utc", |v| {
                v["ledger_ref"]["finality"]["assertion_time_utc"] = "yesterday".into()
            }),
            ("meta.envelope_version", |v| v["meta"]["envelope_version"] = "1.1".into()),
            ("extraction.rule_id", |v| v["extraction"]["rule_id"] = "".into()),
        ];
        for (member, mutate) in cases {
            let mut v = good.clone();
            mutate(&mut v);
            let e = OcpEnvelope::from_json(&v).unwrap_err();
            assert_eq!(e.code(), ErrorCode::OcpMalformed, "{member}");
            assert!(e.to_string().contains(member), "{member}: {e}");
        }
    }
}
