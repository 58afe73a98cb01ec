//! Revert data → typed, named errors (spec §3 "Custom errors").
//!
//! [`ProtocolError`] recognises, by 4-byte selector: every custom error of the L1 manager (`IEEZ`,
//! including the `EEZBase` ones shared with L2), the L2-only errors of `IEEZL2`, the Solidity
//! built-ins `Panic(uint256)` and `Error(string)`, and the errors of the reference per-rollup
//! manager `Rollup.sol` (with OpenZeppelin `Ownable`) and of the reference `ECDSAProofSystem`
//! (OpenZeppelin `ECDSA`), which surface through `postAndVerifyBatch`.
//!
//! L1 `ExecutionNotInCurrentBlock(uint256)` (`0x2ae204bd`) and L2 `ExecutionNotInCurrentBlock()`
//! (`0xf9d330ad`) are different errors with the same name: variants
//! [`ProtocolError::ExecutionNotInCurrentBlock`] and [`ProtocolError::L2ExecutionNotInCurrentBlock`];
//! [`ProtocolError::name`] is the Solidity name for both and the selector tells them apart.
//!
//! Decoding is strict: the arguments after the selector must be exactly their canonical encoding;
//! error offsets are absolute positions in the revert data (the first argument word is at 4).
//! `Error(string)` with a reason that is not valid UTF-8 is rejected ([`Error::AbiRejected`])
//! rather than decoded lossily.

use super::layout::{check_exact, Path};
use super::{params_of, read_selector, rejected};
use crate::error::{Error, Result};
use crate::json::{expect_object, required_field, CanonicalJson};
use crate::types::l1::IEEZ;
use crate::types::l2::IEEZL2;
use alloy_primitives::hex;
use alloy_sol_types::{Panic, Revert, SolError};
use serde_json::{Map, Value};

alloy_sol_types::sol! {
    #![sol(all_derives)]

    /// Errors of the reference per-rollup manager `Rollup.sol` (and OpenZeppelin `Ownable`) and
    /// of the reference `ECDSAProofSystem` (OpenZeppelin `ECDSA`), spec §3.
    interface IReferenceErrors {
        /// A registry-only function was called by someone else.
        error NotEEZRegistry();
        /// Constructor or management argument out of range.
        error InvalidConfig();
        /// `rollupContractRegistered` was called twice.
        error AlreadyRegistered();
        /// The proof system already has a verification key.
        error ProofSystemAlreadyAllowed(address proofSystem);
        /// The proof system is unknown, has a zero key, or the list is not strictly ascending.
        error ProofSystemNotAllowed(address proofSystem);
        /// Management of a proof system that is not added.
        error ProofSystemNotAdded(address proofSystem);
        /// Fewer proof systems were submitted than the threshold requires.
        error ThresholdNotMet(uint256 submitted, uint256 required);
        /// `blockhash(blockNumber)` is zero (current/future block or older than 256 blocks).
        error BlockHashUnavailable(uint64 blockNumber);
        /// OpenZeppelin `Ownable`: caller is not the owner.
        error OwnableUnauthorizedAccount(address account);
        /// OpenZeppelin `Ownable`: invalid new owner.
        error OwnableInvalidOwner(address owner);
        /// OpenZeppelin `ECDSA`: the signature does not recover to an address.
        error ECDSAInvalidSignature();
        /// OpenZeppelin `ECDSA`: the signature is not 65 bytes.
        error ECDSAInvalidSignatureLength(uint256 length);
        /// OpenZeppelin `ECDSA`: `s` is in the upper half of the curve order.
        error ECDSAInvalidSignatureS(bytes32 s);
    }
}

macro_rules! protocol_errors {
    ($($variant:ident => $ty:ty { $($arg:ident),* }, $origin:literal;)*) => {
        $(crate::protocol_struct!($ty { $($arg),* });)*

        /// A decoded revert reason: a protocol custom error or a Solidity built-in.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum ProtocolError {
            $(
                #[doc = concat!("`", stringify!($variant), "` (", $origin, ").")]
                $variant($ty),
            )*
        }

        impl ProtocolError {
            /// Every error recognised, as `(name, selector, canonical signature)`.
            pub const ERRORS: &'static [(&'static str, [u8; 4], &'static str)] = &[
                $((error_name(<$ty as SolError>::SIGNATURE), <$ty as SolError>::SELECTOR, <$ty as SolError>::SIGNATURE),)*
            ];

            /// Strictly decodes revert data, choosing the error by its selector.
            pub fn decode(data: &[u8]) -> Result<Self> {
                crate::limits::check_len("revertData", data.len(), crate::limits::MAX_ABI_BYTES)?;
                let selector = read_selector(data)?;
                $(if selector == <$ty as SolError>::SELECTOR {
                    check_exact(data, 4, params_of::<$ty>(), &Path::Root(""))?;
                    return <$ty as SolError>::abi_decode_raw_validate(&data[4..])
                        .map(ProtocolError::$variant)
                        .map_err(|e| rejected("", e));
                })*
                Err(Error::AbiUnknownSelector { what: "error selector", found: hex::encode_prefixed(selector) })
            }

            /// The revert data: selector ‖ `abi.encode(args…)`.
            pub fn encode(&self) -> Vec<u8> {
                match self { $(ProtocolError::$variant(e) => e.abi_encode(),)* }
            }

            /// The Solidity error name (`StateRootMismatch`; `Error` / `Panic` for the built-ins).
            pub fn name(&self) -> &'static str {
                error_name(self.signature())
            }

            /// The canonical signature (`StateRootMismatch(uint256)`).
            pub fn signature(&self) -> &'static str {
                match self { $(ProtocolError::$variant(_) => <$ty as SolError>::SIGNATURE,)* }
            }

            /// The 4-byte selector.
            pub fn selector(&self) -> [u8; 4] {
                match self { $(ProtocolError::$variant(_) => <$ty as SolError>::SELECTOR,)* }
            }

            /// Where the error is declared: `EEZ`, `EEZBase`, `EEZL2`, `Solidity`, `Rollup`,
            /// `Ownable` or `ECDSA`.
            pub fn origin(&self) -> &'static str {
                match self { $(ProtocolError::$variant(_) => $origin,)* }
            }

            fn args_json(&self) -> Value {
                match self { $(ProtocolError::$variant(e) => e.to_json(),)* }
            }

            /// Candidates named `name` (two for `ExecutionNotInCurrentBlock`), filtered by
            /// `selector` if given; the first whose arguments parse wins.
            fn from_name_and_args(name: &str, selector: Option<[u8; 4]>, args: &Value, path: &Path<'_>) -> Result<Self> {
                let mut first_err = None;
                $(if name == error_name(<$ty as SolError>::SIGNATURE)
                    && selector.is_none_or(|s| s == <$ty as SolError>::SELECTOR)
                {
                    match <$ty as CanonicalJson>::from_json_at(args, path) {
                        Ok(e) => return Ok(ProtocolError::$variant(e)),
                        Err(e) => { first_err.get_or_insert(e); }
                    }
                })*
                Err(first_err.unwrap_or_else(|| match selector {
                    Some(s) => Error::invalid("selector", format!("no error {name:?} has selector {}", hex::encode_prefixed(s))),
                    None => Error::invalid("error", format!("unknown error {name:?}")),
                }))
            }
        }
    };
}

/// `Name(types…)` → `Name`.
const fn error_name(signature: &'static str) -> &'static str {
    let bytes = signature.as_bytes();
    let mut i = 0;
    while i < bytes.len() && bytes[i] != b'(' {
        i += 1;
    }
    match std::str::from_utf8(bytes.split_at(i).0) {
        Ok(name) => name,
        Err(_) => signature,
    }
}

protocol_errors! {
    // EEZBase (L1 and L2; declared in IEEZ)
    ContextResult => IEEZ::ContextResult { rollingHash, reentrantConsumed, callsProcessed, callNotFound }, "EEZBase";
    ExecutionNotFound => IEEZ::ExecutionNotFound {}, "EEZBase";
    LookupCallProxyNotDeployed => IEEZ::LookupCallProxyNotDeployed { sourceProxy }, "EEZBase";
    NotSelf => IEEZ::NotSelf {}, "EEZBase";
    RollingHashMismatch => IEEZ::RollingHashMismatch {}, "EEZBase";
    UnauthorizedProxy => IEEZ::UnauthorizedProxy {}, "EEZBase";
    UnexpectedContextRevert => IEEZ::UnexpectedContextRevert { revertData }, "EEZBase";
    // EEZ (L1)
    DuplicateProofSystem => IEEZ::DuplicateProofSystem { proofSystem }, "EEZ";
    EtherDeltaMismatch => IEEZ::EtherDeltaMismatch {}, "EEZ";
    ExecutionNotInCurrentBlock => IEEZ::ExecutionNotInCurrentBlock { rollupId }, "EEZ";
    InsufficientRollupBalance => IEEZ::InsufficientRollupBalance {}, "EEZ";
    InvalidProof => IEEZ::InvalidProof {}, "EEZ";
    InvalidProofSystemConfig => IEEZ::InvalidProofSystemConfig {}, "EEZ";
    InvalidRollupContract => IEEZ::InvalidRollupContract {}, "EEZ";
    L2TXNotAllowedDuringExecution => IEEZ::L2TXNotAllowedDuringExecution {}, "EEZ";
    NotRollupContract => IEEZ::NotRollupContract {}, "EEZ";
    PostBatchReentry => IEEZ::PostBatchReentry {}, "EEZ";
    ResidualEntryEtherIn => IEEZ::ResidualEntryEtherIn {}, "EEZ";
    RollupBatchActiveThisBlock => IEEZ::RollupBatchActiveThisBlock { rollupId }, "EEZ";
    RollupNotInBatch => IEEZ::RollupNotInBatch { rollupId }, "EEZ";
    SetStateRootNotAllowedDuringExecution => IEEZ::SetStateRootNotAllowedDuringExecution {}, "EEZ";
    StateRootMismatch => IEEZ::StateRootMismatch { rollupId }, "EEZ";
    TransientCountExceedsEntries => IEEZ::TransientCountExceedsEntries {}, "EEZ";
    TransientLookupCallCountExceedsLookupCalls => IEEZ::TransientLookupCallCountExceedsLookupCalls {}, "EEZ";
    TransientLookupCallsWithoutTransientEntries => IEEZ::TransientLookupCallsWithoutTransientEntries {}, "EEZ";
    UnconsumedL1ToL2Calls => IEEZ::UnconsumedL1ToL2Calls {}, "EEZ";
    UnconsumedL2ToL1Calls => IEEZ::UnconsumedL2ToL1Calls {}, "EEZ";
    // EEZL2 (L2 only)
    EmptyEntries => IEEZL2::EmptyEntries {}, "EEZL2";
    EntryHashMismatch => IEEZL2::EntryHashMismatch {}, "EEZL2";
    EtherTransferFailed => IEEZL2::EtherTransferFailed {}, "EEZL2";
    L2ExecutionNotInCurrentBlock => IEEZL2::ExecutionNotInCurrentBlock {}, "EEZL2";
    InvalidRollupId => IEEZL2::InvalidRollupId {}, "EEZL2";
    Unauthorized => IEEZL2::Unauthorized {}, "EEZL2";
    UnconsumedIncomingCalls => IEEZL2::UnconsumedIncomingCalls {}, "EEZL2";
    UnconsumedOutgoingCalls => IEEZL2::UnconsumedOutgoingCalls {}, "EEZL2";
    ValueMismatch => IEEZL2::ValueMismatch {}, "EEZL2";
    // Solidity built-ins
    Panic => Panic { code }, "Solidity";
    Revert => Revert { reason }, "Solidity";
    // Reference rollup manager (Rollup.sol + OpenZeppelin Ownable) and ECDSAProofSystem
    NotEEZRegistry => IReferenceErrors::NotEEZRegistry {}, "Rollup";
    InvalidConfig => IReferenceErrors::InvalidConfig {}, "Rollup";
    AlreadyRegistered => IReferenceErrors::AlreadyRegistered {}, "Rollup";
    ProofSystemAlreadyAllowed => IReferenceErrors::ProofSystemAlreadyAllowed { proofSystem }, "Rollup";
    ProofSystemNotAllowed => IReferenceErrors::ProofSystemNotAllowed { proofSystem }, "Rollup";
    ProofSystemNotAdded => IReferenceErrors::ProofSystemNotAdded { proofSystem }, "Rollup";
    ThresholdNotMet => IReferenceErrors::ThresholdNotMet { submitted, required }, "Rollup";
    BlockHashUnavailable => IReferenceErrors::BlockHashUnavailable { blockNumber }, "Rollup";
    OwnableUnauthorizedAccount => IReferenceErrors::OwnableUnauthorizedAccount { account }, "Ownable";
    OwnableInvalidOwner => IReferenceErrors::OwnableInvalidOwner { owner }, "Ownable";
    ECDSAInvalidSignature => IReferenceErrors::ECDSAInvalidSignature {}, "ECDSA";
    ECDSAInvalidSignatureLength => IReferenceErrors::ECDSAInvalidSignatureLength { length }, "ECDSA";
    ECDSAInvalidSignatureS => IReferenceErrors::ECDSAInvalidSignatureS { s }, "ECDSA";
}

/// Strictly decodes revert data (selector ‖ arguments) into a [`ProtocolError`].
pub fn decode_revert(data: &[u8]) -> Result<ProtocolError> {
    ProtocolError::decode(data)
}

/// JSON: `{"error": "StateRootMismatch", "selector": "0x78cb4214", "args": {"rollupId": "0x1"}}`;
/// on input `selector` is optional (it picks between same-named errors) but must match when given.
impl CanonicalJson for ProtocolError {
    fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("error".into(), Value::String(self.name().into()));
        map.insert("selector".into(), Value::String(hex::encode_prefixed(self.selector())));
        map.insert("args".into(), self.args_json());
        Value::Object(map)
    }

    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        let map = expect_object(value, path, &["error", "selector", "args"])?;
        let name: String = required_field(map, "error", path)?;
        let selector = match map.get("selector") {
            None => None,
            Some(v) => {
                let sel_path = path.field("selector");
                let bytes = v
                    .as_str()
                    .ok_or_else(|| Error::JsonShape {
                        path: sel_path.to_string(),
                        message: "expected a 0x-hex string".into(),
                    })
                    .and_then(|s| crate::json::parse_hex(s, &sel_path))?;
                let sel: [u8; 4] = bytes.as_slice().try_into().map_err(|_| Error::JsonHex {
                    path: sel_path.to_string(),
                    message: format!("a selector has 4 bytes, found {}", bytes.len()),
                })?;
                Some(sel)
            }
        };
        let args = map.get("args").ok_or_else(|| Error::JsonShape {
            path: path.field("args").to_string(),
            message: "missing field".into(),
        })?;
        Self::from_name_and_args(&name, selector, args, &path.field("args"))
    }
}
