//! Extraction rules: how a committed digest is read back from a ledger transaction. This version
//! implements one, `evm/event-log` v1.0.0, over a transaction receipt:
//!
//! `R(receipt) = { log.topics[1] : log ∈ receipt.logs, log.topics[0] = keccak256("Recorded(bytes32,address)"), len(log.topics) ≥ 2 }`
//!
//! and inclusion holds when the artifact's digest is in `R(receipt)` for a log emitted by the
//! artifact's contract (when it names one), the receipt reports success, belongs to the
//! artifact's transaction, and sits in the artifact's block (when it names one).

use crate::error::{Error, ErrorCode, Result};
use crate::receipt::Receipt;
use alloy_primitives::{keccak256, Address, B256};
use serde_json::{json, Value};

/// `extraction.rule_id` of the EVM event-log rule.
pub const EVM_EVENT_LOG_RULE_ID: &str = "evm/event-log";
/// The version of `evm/event-log` implemented here.
pub const EVM_EVENT_LOG_RULE_VERSION: &str = "1.0.0";
/// `chain.namespace` of EVM chains in an envelope (their `chain.id` is CAIP-2 `eip155:<id>`).
pub const EVM_NAMESPACE: &str = "evm";
/// The `extractionRule` text of `ocp-1` files that means `evm/event-log`.
pub const EVM_RECORDED_RULE_TEXT: &str = "evm-event:Recorded(bytes32 indexed digest,address indexed recorder)";
/// The canonical signature of the event the reference contract emits.
pub const RECORDED_EVENT_SIGNATURE: &str = "Recorded(bytes32,address)";

/// `topic0` of `Recorded(bytes32 indexed digest, address indexed recorder)`:
/// `keccak256("Recorded(bytes32,address)")`.
pub fn recorded_topic0() -> B256 {
    keccak256(RECORDED_EVENT_SIGNATURE)
}

/// The rule an artifact names, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtractionRule {
    /// `evm/event-log` v1.0.0 (or the `ocp-1` text [`EVM_RECORDED_RULE_TEXT`]).
    EvmEventLog,
    /// A rule, rule version or chain this verifier does not implement.
    Unsupported {
        /// The rule as the artifact names it (`demo:proof.hash`, `solana/instruction-data@1.0.0`).
        rule: String,
        /// Why it is not supported.
        reason: String,
    },
}

impl ExtractionRule {
    /// The rule of an `ocp-1` `extractionRule` text: [`EVM_RECORDED_RULE_TEXT`] or
    /// `evm/event-log` mean [`ExtractionRule::EvmEventLog`]; any other text is unsupported.
    pub fn from_proof_file_text(text: &str) -> Self {
        if text == EVM_RECORDED_RULE_TEXT || text == EVM_EVENT_LOG_RULE_ID {
            ExtractionRule::EvmEventLog
        } else {
            ExtractionRule::Unsupported { rule: text.to_owned(), reason: "no such rule is implemented".into() }
        }
    }

    /// The rule of an envelope: `evm/event-log` version `1.0.0` on namespace `evm` with an
    /// `eip155:` chain id; anything else is unsupported (saying which part).
    pub fn from_envelope(rule_id: &str, rule_version: &str, namespace: &str, chain_id: &str) -> Self {
        let rule = format!("{rule_id}@{rule_version}");
        let reason = if rule_id != EVM_EVENT_LOG_RULE_ID {
            format!("rule id {rule_id:?} is not implemented (only {EVM_EVENT_LOG_RULE_ID})")
        } else if rule_version != EVM_EVENT_LOG_RULE_VERSION {
            format!("{EVM_EVENT_LOG_RULE_ID} version {rule_version:?} is not implemented (only {EVM_EVENT_LOG_RULE_VERSION})")
        } else if namespace != EVM_NAMESPACE {
            format!("chain namespace {namespace:?} is not implemented (only {EVM_NAMESPACE})")
        } else if !chain_id.starts_with("eip155:") {
            format!("chain {chain_id:?} is not an eip155 chain")
        } else {
            return ExtractionRule::EvmEventLog;
        };
        ExtractionRule::Unsupported { rule, reason }
    }

    /// The [`ErrorCode::OcpUnsupportedRule`] rejection for an unsupported rule.
    pub fn unsupported_error(&self) -> Option<Error> {
        match self {
            ExtractionRule::EvmEventLog => None,
            ExtractionRule::Unsupported { rule, reason } => Some(unsupported_rule(rule, reason)),
        }
    }
}

/// `unsupported extraction rule <rule>: <reason>` ([`ErrorCode::OcpUnsupportedRule`]).
pub fn unsupported_rule(rule: &str, reason: &str) -> Error {
    Error::rejected(ErrorCode::OcpUnsupportedRule, format!("unsupported extraction rule {rule}: {reason}"))
}

/// What an artifact claims about the EVM transaction that recorded its digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvmInclusionClaim {
    /// The committed digest.
    pub digest: B256,
    /// The transaction.
    pub tx_hash: B256,
    /// Its block hash, when the artifact names one.
    pub block_hash: Option<B256>,
    /// Its block number, when the artifact names one.
    pub block_number: Option<u64>,
    /// The contract that must have emitted the log, when the artifact names one.
    pub contract: Option<Address>,
}

/// The `Recorded` log that confirms inclusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordedLog {
    /// Position of the log in `receipt.logs`.
    pub position: usize,
    /// Its `logIndex` in the block, when the receipt gives it.
    pub log_index: Option<u64>,
    /// The emitting contract.
    pub contract: Address,
    /// `topics[2]` read as an address (the recorder), when it is one.
    pub recorder: Option<Address>,
}

impl RecordedLog {
    /// JSON: `{"position", "logIndex"?, "contract", "recorder"?}` (positions as 0x-hex).
    pub fn to_json(&self) -> Value {
        let mut v = json!({"position": format!("{:#x}", self.position), "contract": self.contract.to_checksum(None)});
        if let Some(i) = self.log_index {
            v["logIndex"] = format!("{i:#x}").into();
        }
        if let Some(r) = self.recorder {
            v["recorder"] = r.to_checksum(None).into();
        }
        v
    }
}

fn reject(code: ErrorCode, message: String) -> Error {
    Error::rejected(code, message)
}

/// `R(receipt)` of `evm/event-log`: `(position, topics[1])` of every log whose `topics[0]` is
/// [`recorded_topic0`] and that has at least two topics, in receipt order.
pub fn recorded_digests(receipt: &Receipt) -> Vec<(usize, B256)> {
    let topic0 = recorded_topic0();
    receipt
        .logs
        .iter()
        .enumerate()
        .filter(|(_, log)| log.topics.len() >= 2 && log.topics[0] == topic0)
        .map(|(i, log)| (i, log.topics[1]))
        .collect()
}

/// Confirms `claim` against `receipt` with `evm/event-log`. Rejections, in check order:
/// [`ErrorCode::OcpTransactionMismatch`] (the receipt is of another transaction or names none),
/// [`ErrorCode::OcpReceiptFailed`] (status 0), [`ErrorCode::OcpBlockHashMismatch`] (block hash or
/// number differ from the claim's, or the receipt lacks one the claim names),
/// [`ErrorCode::OcpContractMismatch`] (the digest was recorded only by other contracts),
/// [`ErrorCode::OcpDigestNotFound`] (no `Recorded` log carries the digest).
pub fn confirm_evm_event_log(claim: &EvmInclusionClaim, receipt: &Receipt) -> Result<RecordedLog> {
    match receipt.transaction_hash {
        Some(tx) if tx == claim.tx_hash => {}
        Some(tx) => {
            let msg = format!("the receipt is of transaction {tx}, the artifact names {}", claim.tx_hash);
            return Err(reject(ErrorCode::OcpTransactionMismatch, msg));
        }
        None => {
            let msg = format!("the receipt names no transactionHash; the artifact names {}", claim.tx_hash);
            return Err(reject(ErrorCode::OcpTransactionMismatch, msg));
        }
    }
    if !receipt.success {
        return Err(reject(ErrorCode::OcpReceiptFailed, format!("transaction {} failed (status 0)", claim.tx_hash)));
    }
    if let Some(want) = claim.block_hash {
        match receipt.block_hash {
            Some(got) if got == want => {}
            Some(got) => {
                let msg = format!("the receipt is in block {got}, the artifact names block {want}");
                return Err(reject(ErrorCode::OcpBlockHashMismatch, msg));
            }
            None => {
                let msg = format!("the receipt names no blockHash; the artifact names block {want}");
                return Err(reject(ErrorCode::OcpBlockHashMismatch, msg));
            }
        }
    }
    if let (Some(want), Some(got)) = (claim.block_number, receipt.block_number) {
        if want != got {
            let msg = format!("the receipt is in block number {got}, the artifact names block number {want}");
            return Err(reject(ErrorCode::OcpBlockHashMismatch, msg));
        }
    }
    let carrying: Vec<usize> =
        recorded_digests(receipt).into_iter().filter(|(_, d)| *d == claim.digest).map(|(i, _)| i).collect();
    let from_contract = carrying.iter().copied().find(|&i| claim.contract.is_none_or(|c| receipt.logs[i].address == c));
    match from_contract {
        Some(position) => {
            let log = &receipt.logs[position];
            let recorder =
                log.topics.get(2).filter(|t| t[..12].iter().all(|b| *b == 0)).map(|t| Address::from_slice(&t[12..]));
            Ok(RecordedLog { position, log_index: log.log_index, contract: log.address, recorder })
        }
        None if !carrying.is_empty() => {
            let emitters: Vec<String> = carrying.iter().map(|&i| receipt.logs[i].address.to_checksum(None)).collect();
            let want = claim.contract.map(|c| c.to_checksum(None)).unwrap_or_default();
            let msg = format!("digest {} was recorded by {}, not by {want}", claim.digest, emitters.join(", "));
            Err(reject(ErrorCode::OcpContractMismatch, msg))
        }
        None => {
            let topic0 = recorded_topic0();
            let short = receipt.logs.iter().filter(|l| l.topics.len() < 2 && l.topics.first() == Some(&topic0)).count();
            let extracted = recorded_digests(receipt).len();
            let mut msg = format!(
                "digest {} is not among the {extracted} digest(s) the receipt's Recorded logs carry",
                claim.digest
            );
            if short > 0 {
                msg.push_str(&format!(" ({short} Recorded log(s) with fewer than 2 topics ignored)"));
            }
            Err(reject(ErrorCode::OcpDigestNotFound, msg))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic0_is_the_keccak_of_the_signature() {
        assert_eq!(recorded_topic0().to_string(), "0xdca60c2087041cbb12d9a57628c6cad28ecbd0437e47c7ab6c3aa6e162bf4497");
    }

    #[test]
    fn rules_resolve_from_both_shapes() {
        assert_eq!(ExtractionRule::from_proof_file_text(EVM_RECORDED_RULE_TEXT), ExtractionRule::EvmEventLog);
        assert_eq!(ExtractionRule::from_proof_file_text("evm/event-log"), ExtractionRule::EvmEventLog);
        let demo = ExtractionRule::from_proof_file_text("demo:proof.hash");
        assert_eq!(demo.unsupported_error().unwrap().code(), ErrorCode::OcpUnsupportedRule);
        assert_eq!(
            ExtractionRule::from_envelope("evm/event-log", "1.0.0", "evm", "eip155:1"),
            ExtractionRule::EvmEventLog
        );
        for (id, version, ns, chain) in [
            ("solana/instruction-data", "1.0.0", "solana", "solana:devnet"),
            ("evm/event-log", "2.0.0", "evm", "eip155:1"),
            ("evm/event-log", "1.0.0", "solana", "eip155:1"),
            ("evm/event-log", "1.0.0", "evm", "solana:devnet"),
        ] {
            let rule = ExtractionRule::from_envelope(id, version, ns, chain);
            let e = rule.unsupported_error().unwrap();
            assert!(e.to_string().starts_with("unsupported extraction rule"), "{e}");
        }
    }
}
