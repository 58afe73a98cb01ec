//! The one error type of exectable.
//!
//! Every variant has a stable numeric [`ErrorCode`] that each binding (C, Go, Python, Kotlin)
//! exposes unchanged, and a message naming the field path (`entries[3].l2ToL1Calls[0].data`)
//! or byte offset at fault. Codes are never reused: a retired variant keeps its number.

use std::fmt;

/// Stable numeric codes, grouped by family (1xx ABI bytes, 2xx JSON, 3xx arguments and resource
/// bounds, 4xx table commitments and inclusion proofs, 5xx OCP artifacts, 6xx batch membership).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u32)]
pub enum ErrorCode {
    /// The input ends before a word or byte run the layout needs.
    AbiTruncated = 101,
    /// An offset word does not point where the canonical encoding puts the data.
    AbiBadOffset = 102,
    /// A length word claims more elements or bytes than the input can hold.
    AbiLengthTooLarge = 103,
    /// Padding after a `bytes` value is not zero.
    AbiDirtyPadding = 104,
    /// A word is not a valid value of its type (address, bool, uint64 with high bits set).
    AbiInvalidWord = 105,
    /// Bytes remain after the encoding ended.
    AbiTrailingBytes = 106,
    /// The 4-byte selector is not the one expected.
    AbiWrongSelector = 107,
    /// The 4-byte selector (or event topic) is none the protocol defines.
    AbiUnknownSelector = 108,
    /// A log has the wrong number of topics for its event.
    AbiBadTopics = 109,
    /// The ABI decoder rejected bytes the layout check accepted (should not happen).
    AbiRejected = 110,
    /// The text is not JSON.
    JsonSyntax = 201,
    /// A JSON value has the wrong type, or a field is missing or unknown.
    JsonShape = 202,
    /// A hex string is malformed (no `0x`, odd length, bad digit, wrong byte count).
    JsonHex = 203,
    /// A number does not fit its Solidity type or is not written canonically.
    JsonNumber = 204,
    /// An argument is outside what the protocol allows (e.g. a rolling-hash tag that is not 1..=4).
    InvalidArgument = 301,
    /// An input exceeds a documented resource bound (size, JSON nesting depth or item count;
    /// [`crate::limits`]).
    InputTooLarge = 302,
    /// An inclusion proof names a leaf index other than the item's.
    ProofWrongIndex = 401,
    /// An inclusion proof's leaf count differs from the commitment's.
    ProofWrongLeafCount = 402,
    /// Recomputing the root from the item and the siblings does not give the committed root.
    ProofRootMismatch = 403,
    /// The proof was made for another commitment (its bound commitment differs).
    ProofOtherCommitment = 404,
    /// A proof encoding ends early.
    ProofTruncated = 405,
    /// A proof encoding has bytes (or siblings) beyond what its header declares or needs.
    ProofOverlong = 406,
    /// A value presented as a leaf is an inner node (or not a leaf hash of the item).
    ProofInnerNodeAsLeaf = 407,
    /// A multi-proof names the same index twice.
    ProofDuplicateIndex = 408,
    /// A proof or commitment is malformed in another way (version, field, ordering).
    ProofMalformed = 409,
    /// A table commitment does not match the batch it claims to commit to.
    CommitmentMismatch = 410,
    /// The observation's SHA-256 differs from the artifact's digest.
    OcpHashMismatch = 501,
    /// The artifact names an extraction rule (or chain) this verifier does not implement.
    OcpUnsupportedRule = 502,
    /// The receipt's status is not success.
    OcpReceiptFailed = 503,
    /// The receipt's block hash differs from the artifact's.
    OcpBlockHashMismatch = 504,
    /// The digest was logged by another contract than the artifact's.
    OcpContractMismatch = 505,
    /// No `Recorded` log of the receipt carries the digest.
    OcpDigestNotFound = 506,
    /// The artifact is malformed (schema violation).
    OcpMalformed = 507,
    /// The receipt belongs to another transaction than the artifact's (or names none).
    OcpTransactionMismatch = 508,
    /// The transaction input is not `postAndVerifyBatch` calldata.
    MembershipNotABatch = 601,
    /// The posting transaction's receipt reports failure.
    MembershipReceiptFailed = 602,
    /// The receipt has no `BatchPosted` log from the expected manager.
    MembershipNoBatchPosted = 603,
    /// The item is not part of the batch.
    MembershipItemNotFound = 604,
    /// The receipt does not belong to the transaction given (hash or target differ).
    MembershipReceiptMismatch = 605,
    /// A receipt or log JSON is malformed.
    ReceiptMalformed = 606,
}

impl ErrorCode {
    /// The numeric value exposed by every binding.
    pub const fn as_u32(self) -> u32 {
        self as u32
    }

    /// Every code, in numeric order (bindings use this to export constants).
    pub const ALL: [ErrorCode; 40] = [
        ErrorCode::AbiTruncated,
        ErrorCode::AbiBadOffset,
        ErrorCode::AbiLengthTooLarge,
        ErrorCode::AbiDirtyPadding,
        ErrorCode::AbiInvalidWord,
        ErrorCode::AbiTrailingBytes,
        ErrorCode::AbiWrongSelector,
        ErrorCode::AbiUnknownSelector,
        ErrorCode::AbiBadTopics,
        ErrorCode::AbiRejected,
        ErrorCode::JsonSyntax,
        ErrorCode::JsonShape,
        ErrorCode::JsonHex,
        ErrorCode::JsonNumber,
        ErrorCode::InvalidArgument,
        ErrorCode::InputTooLarge,
        ErrorCode::ProofWrongIndex,
        ErrorCode::ProofWrongLeafCount,
        ErrorCode::ProofRootMismatch,
        ErrorCode::ProofOtherCommitment,
        ErrorCode::ProofTruncated,
        ErrorCode::ProofOverlong,
        ErrorCode::ProofInnerNodeAsLeaf,
        ErrorCode::ProofDuplicateIndex,
        ErrorCode::ProofMalformed,
        ErrorCode::CommitmentMismatch,
        ErrorCode::OcpHashMismatch,
        ErrorCode::OcpUnsupportedRule,
        ErrorCode::OcpReceiptFailed,
        ErrorCode::OcpBlockHashMismatch,
        ErrorCode::OcpContractMismatch,
        ErrorCode::OcpDigestNotFound,
        ErrorCode::OcpMalformed,
        ErrorCode::OcpTransactionMismatch,
        ErrorCode::MembershipNotABatch,
        ErrorCode::MembershipReceiptFailed,
        ErrorCode::MembershipNoBatchPosted,
        ErrorCode::MembershipItemNotFound,
        ErrorCode::MembershipReceiptMismatch,
        ErrorCode::ReceiptMalformed,
    ];

    /// The code with this number, if any.
    pub fn from_u32(code: u32) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.as_u32() == code)
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}({})", self, self.as_u32())
    }
}

/// Every failure exectable reports. `path` is the field path inside the decoded value
/// (`batch.entries[3].l2ToL1Calls[0].data`); `offset` is a byte offset into the input given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[allow(missing_docs)] // fields are described in each variant's doc
pub enum Error {
    /// The input ends before `needed` bytes starting at `offset` (input length `len`).
    #[error("{path}: truncated: {needed} bytes needed at offset {offset}, input has {len}")]
    AbiTruncated { path: String, offset: usize, needed: usize, len: usize },
    /// The offset word at `offset` holds `found`; the canonical encoding needs `expected`.
    #[error("{path}: offset word at {offset} is {found}, canonical encoding needs {expected}")]
    AbiBadOffset { path: String, offset: usize, found: String, expected: usize },
    /// The length word at `offset` claims `length` items or bytes, more than the input holds.
    #[error("{path}: length word at {offset} claims {length}, only {available} bytes remain")]
    AbiLengthTooLarge { path: String, offset: usize, length: String, available: usize },
    /// Non-zero padding byte at `offset` after a `bytes` value.
    #[error("{path}: dirty padding at offset {offset}")]
    AbiDirtyPadding { path: String, offset: usize },
    /// The word at `offset` is not a valid `ty` (high bits set, bool not 0/1).
    #[error("{path}: word at offset {offset} is not a valid {ty}")]
    AbiInvalidWord { path: String, offset: usize, ty: &'static str },
    /// `extra` bytes follow the end of the encoding at `offset`.
    #[error("{extra} trailing bytes after the encoding ends at offset {offset}")]
    AbiTrailingBytes { offset: usize, extra: usize },
    /// The selector is `found`, the call or error decoded needs `expected`.
    #[error("wrong selector {found}: expected {expected} ({name})")]
    AbiWrongSelector { found: String, expected: String, name: &'static str },
    /// No function, error or event of the protocol has this selector / topic.
    #[error("unknown {what} {found}")]
    AbiUnknownSelector { what: &'static str, found: String },
    /// The log of event `name` has `found` topics, it needs `expected`.
    #[error("{name}: log has {found} topics, the event needs {expected}")]
    AbiBadTopics { name: &'static str, found: usize, expected: usize },
    /// The ABI decoder refused bytes that passed the layout check.
    #[error("{path}: ABI decoder rejected the input: {reason}")]
    AbiRejected { path: String, reason: String },
    /// The text is not JSON (line and column of the fault in `message`).
    #[error("invalid JSON: {message}")]
    JsonSyntax { message: String },
    /// Wrong JSON type, missing field or unknown field at `path`.
    #[error("{path}: {message}")]
    JsonShape { path: String, message: String },
    /// Malformed hex at `path`.
    #[error("{path}: {message}")]
    JsonHex { path: String, message: String },
    /// Number out of range or not canonical at `path`.
    #[error("{path}: {message}")]
    JsonNumber { path: String, message: String },
    /// An argument the protocol does not allow.
    #[error("{path}: {message}")]
    InvalidArgument { path: String, message: String },
    /// The input `path` exceeds a resource bound of [`crate::limits`]: its `what` (bytes,
    /// nesting depth, items) is `found`, above `limit`; `offset` is where in the input the bound
    /// was crossed, when the check reads the input (JSON depth and items).
    #[error("{path}: {what} is {found}{}, above the limit of {limit}", at_offset(*offset))]
    InputTooLarge { path: String, what: &'static str, found: usize, limit: usize, offset: Option<usize> },
    /// The compiled contract's ABI decoder reverts on this calldata (`Evm` decoding mode,
    /// [`crate::abi::mode`]): `code` is 101, 102, 103 or 105 by the check that fails, `offset`
    /// the word at fault (`usize::MAX` for a position past `usize`), `reason` the check.
    #[error("{path}: the contract's ABI decoder reverts at offset {offset}: {reason}")]
    EvmRevert { code: ErrorCode, path: String, offset: usize, reason: String },
    /// A verification said no: an inclusion proof, table commitment, OCP artifact or batch
    /// membership claim was rejected. `code` is one of the 4xx/5xx/6xx codes and names the
    /// reason; `message` says what differed.
    #[error("{message}")]
    Rejected { code: ErrorCode, message: String },
}

impl Error {
    /// The stable numeric code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::AbiTruncated { .. } => ErrorCode::AbiTruncated,
            Error::AbiBadOffset { .. } => ErrorCode::AbiBadOffset,
            Error::AbiLengthTooLarge { .. } => ErrorCode::AbiLengthTooLarge,
            Error::AbiDirtyPadding { .. } => ErrorCode::AbiDirtyPadding,
            Error::AbiInvalidWord { .. } => ErrorCode::AbiInvalidWord,
            Error::AbiTrailingBytes { .. } => ErrorCode::AbiTrailingBytes,
            Error::AbiWrongSelector { .. } => ErrorCode::AbiWrongSelector,
            Error::AbiUnknownSelector { .. } => ErrorCode::AbiUnknownSelector,
            Error::AbiBadTopics { .. } => ErrorCode::AbiBadTopics,
            Error::AbiRejected { .. } => ErrorCode::AbiRejected,
            Error::JsonSyntax { .. } => ErrorCode::JsonSyntax,
            Error::JsonShape { .. } => ErrorCode::JsonShape,
            Error::JsonHex { .. } => ErrorCode::JsonHex,
            Error::JsonNumber { .. } => ErrorCode::JsonNumber,
            Error::InvalidArgument { .. } => ErrorCode::InvalidArgument,
            Error::InputTooLarge { .. } => ErrorCode::InputTooLarge,
            Error::EvmRevert { code, .. } | Error::Rejected { code, .. } => *code,
        }
    }

    /// The field path at fault, if the error has one.
    pub fn path(&self) -> Option<&str> {
        match self {
            Error::AbiTruncated { path, .. }
            | Error::AbiBadOffset { path, .. }
            | Error::AbiLengthTooLarge { path, .. }
            | Error::AbiDirtyPadding { path, .. }
            | Error::AbiInvalidWord { path, .. }
            | Error::AbiRejected { path, .. }
            | Error::JsonShape { path, .. }
            | Error::JsonHex { path, .. }
            | Error::JsonNumber { path, .. }
            | Error::InvalidArgument { path, .. }
            | Error::InputTooLarge { path, .. }
            | Error::EvmRevert { path, .. } => Some(path),
            _ => None,
        }
    }

    /// The byte offset at fault, if the error has one.
    pub fn offset(&self) -> Option<usize> {
        match self {
            Error::AbiTruncated { offset, .. }
            | Error::AbiBadOffset { offset, .. }
            | Error::AbiLengthTooLarge { offset, .. }
            | Error::AbiDirtyPadding { offset, .. }
            | Error::AbiInvalidWord { offset, .. }
            | Error::AbiTrailingBytes { offset, .. }
            | Error::EvmRevert { offset, .. } => Some(*offset),
            Error::InputTooLarge { offset, .. } => *offset,
            _ => None,
        }
    }

    /// Shorthand for an [`Error::Rejected`] with `code`.
    pub fn rejected(code: ErrorCode, message: impl Into<String>) -> Self {
        Error::Rejected { code, message: message.into() }
    }

    /// Shorthand for an [`Error::InvalidArgument`].
    pub fn invalid(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidArgument { path: path.into(), message: message.into() }
    }
}

fn at_offset(offset: Option<usize>) -> String {
    offset.map(|o| format!(" at offset {o}")).unwrap_or_default()
}

/// `Result` with exectable's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_round_trip() {
        let mut seen = std::collections::BTreeSet::new();
        for code in ErrorCode::ALL {
            assert!(seen.insert(code.as_u32()), "{code} twice");
            assert_eq!(ErrorCode::from_u32(code.as_u32()), Some(code));
        }
        assert_eq!(ErrorCode::from_u32(999), None);
    }
}
