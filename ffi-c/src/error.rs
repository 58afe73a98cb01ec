//! The one result type of the C API and the calling thread's last-error message.
//!
//! `et_result` carries core's [`ErrorCode`] numbers unchanged (1xx ABI, 2xx JSON, 3xx arguments,
//! 4xx commitments and inclusion proofs, 5xx OCP, 6xx batch membership) and adds the C API's own
//! codes in the 9xx range. Numbers are never reused.

use exectable::{Error, ErrorCode};
use std::cell::RefCell;
use std::ffi::c_char;

/// The result of every `et_` function: `ET_RESULT_OK` (0) or the reason for failing.
///
/// 1xx–6xx are exectable's stable error codes (the same numbers in every binding and in the
/// golden vectors' `expected.error.code`); 9xx are failures of the C API itself. When a
/// function returns anything but `ET_RESULT_OK`, `et_last_error_message` tells why.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(non_camel_case_types)]
pub enum et_result {
    /// Success.
    Ok = 0,
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
    /// An argument is outside what the protocol allows (e.g. an index beyond the batch).
    InvalidArgument = 301,
    /// An input exceeds a documented resource bound (size, JSON nesting depth or item count;
    /// docs/RELIABILITY.md).
    InputTooLarge = 302,
    /// An inclusion proof names a leaf index other than the item's.
    ProofWrongIndex = 401,
    /// An inclusion proof's leaf count differs from the commitment's.
    ProofWrongLeafCount = 402,
    /// Recomputing the root from the item and the siblings does not give the committed root.
    ProofRootMismatch = 403,
    /// The proof was made for another commitment.
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
    /// A required pointer argument is NULL (or a NULL data pointer has a non-zero length).
    NullArgument = 900,
    /// A handle argument is not a live handle of the kind the function takes (freed already,
    /// another kind, or never returned by this library), or an `et_bytes` is not one this
    /// library filled.
    InvalidHandle = 901,
    /// The library panicked; the panic was caught at the API boundary (a bug: please report it).
    Panic = 902,
    /// A text argument (JSON, name) is not valid UTF-8.
    InvalidUtf8 = 903,
    /// A caller buffer is too small for the output, or a length overflows.
    BufferTooSmall = 904,
}

impl et_result {
    /// Every value, in numeric order (private: cbindgen would export a public one as a macro).
    const ALL: [et_result; 46] = [
        et_result::Ok,
        et_result::AbiTruncated,
        et_result::AbiBadOffset,
        et_result::AbiLengthTooLarge,
        et_result::AbiDirtyPadding,
        et_result::AbiInvalidWord,
        et_result::AbiTrailingBytes,
        et_result::AbiWrongSelector,
        et_result::AbiUnknownSelector,
        et_result::AbiBadTopics,
        et_result::AbiRejected,
        et_result::JsonSyntax,
        et_result::JsonShape,
        et_result::JsonHex,
        et_result::JsonNumber,
        et_result::InvalidArgument,
        et_result::InputTooLarge,
        et_result::ProofWrongIndex,
        et_result::ProofWrongLeafCount,
        et_result::ProofRootMismatch,
        et_result::ProofOtherCommitment,
        et_result::ProofTruncated,
        et_result::ProofOverlong,
        et_result::ProofInnerNodeAsLeaf,
        et_result::ProofDuplicateIndex,
        et_result::ProofMalformed,
        et_result::CommitmentMismatch,
        et_result::OcpHashMismatch,
        et_result::OcpUnsupportedRule,
        et_result::OcpReceiptFailed,
        et_result::OcpBlockHashMismatch,
        et_result::OcpContractMismatch,
        et_result::OcpDigestNotFound,
        et_result::OcpMalformed,
        et_result::OcpTransactionMismatch,
        et_result::MembershipNotABatch,
        et_result::MembershipReceiptFailed,
        et_result::MembershipNoBatchPosted,
        et_result::MembershipItemNotFound,
        et_result::MembershipReceiptMismatch,
        et_result::ReceiptMalformed,
        et_result::NullArgument,
        et_result::InvalidHandle,
        et_result::Panic,
        et_result::InvalidUtf8,
        et_result::BufferTooSmall,
    ];

    /// The code of core's error `code` (an exhaustive match: a new core code fails to compile here).
    pub fn from_code(code: ErrorCode) -> et_result {
        match code {
            ErrorCode::AbiTruncated => et_result::AbiTruncated,
            ErrorCode::AbiBadOffset => et_result::AbiBadOffset,
            ErrorCode::AbiLengthTooLarge => et_result::AbiLengthTooLarge,
            ErrorCode::AbiDirtyPadding => et_result::AbiDirtyPadding,
            ErrorCode::AbiInvalidWord => et_result::AbiInvalidWord,
            ErrorCode::AbiTrailingBytes => et_result::AbiTrailingBytes,
            ErrorCode::AbiWrongSelector => et_result::AbiWrongSelector,
            ErrorCode::AbiUnknownSelector => et_result::AbiUnknownSelector,
            ErrorCode::AbiBadTopics => et_result::AbiBadTopics,
            ErrorCode::AbiRejected => et_result::AbiRejected,
            ErrorCode::JsonSyntax => et_result::JsonSyntax,
            ErrorCode::JsonShape => et_result::JsonShape,
            ErrorCode::JsonHex => et_result::JsonHex,
            ErrorCode::JsonNumber => et_result::JsonNumber,
            ErrorCode::InvalidArgument => et_result::InvalidArgument,
            ErrorCode::InputTooLarge => et_result::InputTooLarge,
            ErrorCode::ProofWrongIndex => et_result::ProofWrongIndex,
            ErrorCode::ProofWrongLeafCount => et_result::ProofWrongLeafCount,
            ErrorCode::ProofRootMismatch => et_result::ProofRootMismatch,
            ErrorCode::ProofOtherCommitment => et_result::ProofOtherCommitment,
            ErrorCode::ProofTruncated => et_result::ProofTruncated,
            ErrorCode::ProofOverlong => et_result::ProofOverlong,
            ErrorCode::ProofInnerNodeAsLeaf => et_result::ProofInnerNodeAsLeaf,
            ErrorCode::ProofDuplicateIndex => et_result::ProofDuplicateIndex,
            ErrorCode::ProofMalformed => et_result::ProofMalformed,
            ErrorCode::CommitmentMismatch => et_result::CommitmentMismatch,
            ErrorCode::OcpHashMismatch => et_result::OcpHashMismatch,
            ErrorCode::OcpUnsupportedRule => et_result::OcpUnsupportedRule,
            ErrorCode::OcpReceiptFailed => et_result::OcpReceiptFailed,
            ErrorCode::OcpBlockHashMismatch => et_result::OcpBlockHashMismatch,
            ErrorCode::OcpContractMismatch => et_result::OcpContractMismatch,
            ErrorCode::OcpDigestNotFound => et_result::OcpDigestNotFound,
            ErrorCode::OcpMalformed => et_result::OcpMalformed,
            ErrorCode::OcpTransactionMismatch => et_result::OcpTransactionMismatch,
            ErrorCode::MembershipNotABatch => et_result::MembershipNotABatch,
            ErrorCode::MembershipReceiptFailed => et_result::MembershipReceiptFailed,
            ErrorCode::MembershipNoBatchPosted => et_result::MembershipNoBatchPosted,
            ErrorCode::MembershipItemNotFound => et_result::MembershipItemNotFound,
            ErrorCode::MembershipReceiptMismatch => et_result::MembershipReceiptMismatch,
            ErrorCode::ReceiptMalformed => et_result::ReceiptMalformed,
        }
    }

    /// The value with number `code`, if any.
    pub fn from_u32(code: u32) -> Option<et_result> {
        Self::ALL.iter().copied().find(|r| *r as u32 == code)
    }

    /// The C name of the value (`ET_RESULT_ABI_TRUNCATED`), NUL-terminated.
    pub fn c_name(self) -> &'static str {
        match self {
            et_result::Ok => "ET_RESULT_OK\0",
            et_result::AbiTruncated => "ET_RESULT_ABI_TRUNCATED\0",
            et_result::AbiBadOffset => "ET_RESULT_ABI_BAD_OFFSET\0",
            et_result::AbiLengthTooLarge => "ET_RESULT_ABI_LENGTH_TOO_LARGE\0",
            et_result::AbiDirtyPadding => "ET_RESULT_ABI_DIRTY_PADDING\0",
            et_result::AbiInvalidWord => "ET_RESULT_ABI_INVALID_WORD\0",
            et_result::AbiTrailingBytes => "ET_RESULT_ABI_TRAILING_BYTES\0",
            et_result::AbiWrongSelector => "ET_RESULT_ABI_WRONG_SELECTOR\0",
            et_result::AbiUnknownSelector => "ET_RESULT_ABI_UNKNOWN_SELECTOR\0",
            et_result::AbiBadTopics => "ET_RESULT_ABI_BAD_TOPICS\0",
            et_result::AbiRejected => "ET_RESULT_ABI_REJECTED\0",
            et_result::JsonSyntax => "ET_RESULT_JSON_SYNTAX\0",
            et_result::JsonShape => "ET_RESULT_JSON_SHAPE\0",
            et_result::JsonHex => "ET_RESULT_JSON_HEX\0",
            et_result::JsonNumber => "ET_RESULT_JSON_NUMBER\0",
            et_result::InvalidArgument => "ET_RESULT_INVALID_ARGUMENT\0",
            et_result::InputTooLarge => "ET_RESULT_INPUT_TOO_LARGE\0",
            et_result::ProofWrongIndex => "ET_RESULT_PROOF_WRONG_INDEX\0",
            et_result::ProofWrongLeafCount => "ET_RESULT_PROOF_WRONG_LEAF_COUNT\0",
            et_result::ProofRootMismatch => "ET_RESULT_PROOF_ROOT_MISMATCH\0",
            et_result::ProofOtherCommitment => "ET_RESULT_PROOF_OTHER_COMMITMENT\0",
            et_result::ProofTruncated => "ET_RESULT_PROOF_TRUNCATED\0",
            et_result::ProofOverlong => "ET_RESULT_PROOF_OVERLONG\0",
            et_result::ProofInnerNodeAsLeaf => "ET_RESULT_PROOF_INNER_NODE_AS_LEAF\0",
            et_result::ProofDuplicateIndex => "ET_RESULT_PROOF_DUPLICATE_INDEX\0",
            et_result::ProofMalformed => "ET_RESULT_PROOF_MALFORMED\0",
            et_result::CommitmentMismatch => "ET_RESULT_COMMITMENT_MISMATCH\0",
            et_result::OcpHashMismatch => "ET_RESULT_OCP_HASH_MISMATCH\0",
            et_result::OcpUnsupportedRule => "ET_RESULT_OCP_UNSUPPORTED_RULE\0",
            et_result::OcpReceiptFailed => "ET_RESULT_OCP_RECEIPT_FAILED\0",
            et_result::OcpBlockHashMismatch => "ET_RESULT_OCP_BLOCK_HASH_MISMATCH\0",
            et_result::OcpContractMismatch => "ET_RESULT_OCP_CONTRACT_MISMATCH\0",
            et_result::OcpDigestNotFound => "ET_RESULT_OCP_DIGEST_NOT_FOUND\0",
            et_result::OcpMalformed => "ET_RESULT_OCP_MALFORMED\0",
            et_result::OcpTransactionMismatch => "ET_RESULT_OCP_TRANSACTION_MISMATCH\0",
            et_result::MembershipNotABatch => "ET_RESULT_MEMBERSHIP_NOT_A_BATCH\0",
            et_result::MembershipReceiptFailed => "ET_RESULT_MEMBERSHIP_RECEIPT_FAILED\0",
            et_result::MembershipNoBatchPosted => "ET_RESULT_MEMBERSHIP_NO_BATCH_POSTED\0",
            et_result::MembershipItemNotFound => "ET_RESULT_MEMBERSHIP_ITEM_NOT_FOUND\0",
            et_result::MembershipReceiptMismatch => "ET_RESULT_MEMBERSHIP_RECEIPT_MISMATCH\0",
            et_result::ReceiptMalformed => "ET_RESULT_RECEIPT_MALFORMED\0",
            et_result::NullArgument => "ET_RESULT_NULL_ARGUMENT\0",
            et_result::InvalidHandle => "ET_RESULT_INVALID_HANDLE\0",
            et_result::Panic => "ET_RESULT_PANIC\0",
            et_result::InvalidUtf8 => "ET_RESULT_INVALID_UTF8\0",
            et_result::BufferTooSmall => "ET_RESULT_BUFFER_TOO_SMALL\0",
        }
    }
}

/// A failure inside a C API call: its result code and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FfiError {
    /// The code returned to C.
    pub code: et_result,
    /// The message `et_last_error_message` returns.
    pub message: String,
}

impl FfiError {
    /// A failure of the C API itself (9xx).
    pub fn new(code: et_result, message: impl Into<String>) -> Self {
        FfiError { code, message: message.into() }
    }

    /// `name` is NULL.
    pub fn null(name: &str) -> Self {
        Self::new(et_result::NullArgument, format!("{name} is NULL"))
    }

    /// An argument outside what the function allows (301, as core's `Error::invalid`).
    pub fn invalid(name: &str, message: impl std::fmt::Display) -> Self {
        Self::new(et_result::InvalidArgument, format!("{name}: {message}"))
    }
}

impl From<Error> for FfiError {
    fn from(e: Error) -> Self {
        FfiError { code: et_result::from_code(e.code()), message: e.to_string() }
    }
}

thread_local! {
    static LAST_ERROR: RefCell<Option<FfiError>> = const { RefCell::new(None) };
}

/// Records `error` as the calling thread's last error and returns its code.
pub fn set_last_error(error: FfiError) -> et_result {
    let code = error.code;
    LAST_ERROR.with(|slot| *slot.borrow_mut() = Some(error));
    code
}

/// Clears the calling thread's last error (after a successful call).
pub fn clear_last_error() {
    LAST_ERROR.with(|slot| {
        if let Ok(mut slot) = slot.try_borrow_mut() {
            *slot = None;
        }
    });
}

/// The calling thread's last-error message (empty when the last call succeeded).
pub fn last_error_message() -> String {
    LAST_ERROR.with(|slot| slot.borrow().as_ref().map(|e| e.message.clone()).unwrap_or_default())
}

/// Copies the calling thread's last-error message, NUL-terminated, into `buf`.
///
/// The message is the one of the last `et_` call on this thread that did not return
/// `ET_RESULT_OK` (empty if that call succeeded). `et_last_error_message` and
/// `et_last_error_length` never change it, so a call that fails with a too-small buffer can be
/// repeated with a bigger one.
///
/// - `buf`: caller-owned, `len` bytes; NULL allowed only when `len` is 0.
/// - `len`: must be at least the message length + 1 (for the NUL), else
///   `ET_RESULT_BUFFER_TOO_SMALL` and nothing is written (`et_last_error_length` gives the length).
/// - `written`: required; receives the message length in bytes, without the NUL.
/// - Thread safety: reads only the calling thread's message; any thread may call it.
/// - Returns: `ET_RESULT_OK`, `ET_RESULT_NULL_ARGUMENT`, `ET_RESULT_BUFFER_TOO_SMALL`.
#[no_mangle]
pub unsafe extern "C" fn et_last_error_message(buf: *mut c_char, len: usize, written: *mut usize) -> et_result {
    // Not through `crate::boundary::ffi_boundary`: that would replace the message being read.
    let outcome = std::panic::catch_unwind(|| {
        if written.is_null() {
            return et_result::NullArgument;
        }
        if buf.is_null() && len != 0 {
            return et_result::NullArgument;
        }
        let message = last_error_message();
        if len < message.len() + 1 {
            return et_result::BufferTooSmall;
        }
        // SAFETY: `buf` holds `len >= message.len() + 1` bytes (caller contract, checked non-NULL
        // above since len > 0); `written` is non-NULL.
        unsafe {
            std::ptr::copy_nonoverlapping(message.as_ptr(), buf.cast::<u8>(), message.len());
            *buf.add(message.len()) = 0;
            written.write(message.len());
        }
        et_result::Ok
    });
    outcome.unwrap_or(et_result::Panic)
}

/// The length in bytes (without the NUL) of the calling thread's last-error message.
///
/// - `len`: required; receives the length (0 when the last call succeeded).
/// - Thread safety: reads only the calling thread's message. Does not change it.
/// - Returns: `ET_RESULT_OK`, `ET_RESULT_NULL_ARGUMENT`.
#[no_mangle]
pub unsafe extern "C" fn et_last_error_length(len: *mut usize) -> et_result {
    let outcome = std::panic::catch_unwind(|| {
        if len.is_null() {
            return et_result::NullArgument;
        }
        // SAFETY: non-NULL, caller contract says it points to a size_t.
        unsafe { len.write(last_error_message().len()) };
        et_result::Ok
    });
    outcome.unwrap_or(et_result::Panic)
}

/// The C name of result code `code` (`"ET_RESULT_PROOF_ROOT_MISMATCH"` for 403).
///
/// - `name`: required; receives a pointer to a static NUL-terminated string owned by the library
///   (valid for the life of the process; never free it).
/// - Thread safety: any thread.
/// - Returns: `ET_RESULT_OK`; `ET_RESULT_INVALID_ARGUMENT` when `code` is no result code;
///   `ET_RESULT_NULL_ARGUMENT`.
#[no_mangle]
pub unsafe extern "C" fn et_result_name(code: u32, name: *mut *const c_char) -> et_result {
    crate::boundary::ffi_boundary(|| {
        let name = crate::boundary::out_ptr(name, "name")?;
        let value =
            et_result::from_u32(code).ok_or_else(|| FfiError::invalid("code", format!("{code} is no et_result")))?;
        // SAFETY: `name` is non-NULL (checked); the string is 'static and NUL-terminated.
        unsafe { name.write(value.c_name().as_ptr().cast::<c_char>()) };
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_core_code_keeps_its_number() {
        for code in ErrorCode::ALL {
            assert_eq!(et_result::from_code(code) as u32, code.as_u32(), "{code}");
        }
    }

    #[test]
    fn values_are_unique_and_the_non_ffi_ones_are_core_codes() {
        let mut seen = std::collections::BTreeSet::new();
        for value in et_result::ALL {
            let n = value as u32;
            assert!(seen.insert(n), "{value:?} twice");
            assert_eq!(et_result::from_u32(n), Some(value));
            match n {
                0 => assert_eq!(value, et_result::Ok),
                900..=999 => assert_eq!(ErrorCode::from_u32(n), None),
                _ => assert_eq!(ErrorCode::from_u32(n).map(et_result::from_code), Some(value)),
            }
            let name = value.c_name();
            assert!(name.starts_with("ET_RESULT_") && name.ends_with('\0'));
        }
        assert_eq!(seen.len(), ErrorCode::ALL.len() + 6);
    }

    /// `(number, C name, doc text)` of every enumerator of `et_result` in the committed header.
    fn header_codes() -> Vec<(u32, String, String)> {
        let header = include_str!("../include/exectable.h");
        let start = header.find("enum et_result").expect("the header declares et_result");
        let body = &header[start..];
        let body = &body[body.find('{').expect("enum body")..body.find("};").expect("enum end")];
        let mut codes = Vec::new();
        let mut doc = Vec::new();
        for line in body.lines().map(str::trim) {
            if let Some(text) = line.strip_prefix("* ") {
                doc.push(text.to_owned());
            } else if let Some((name, value)) = line.strip_suffix(',').and_then(|l| l.split_once(" = ")) {
                codes.push((value.parse().expect("numeric value"), name.to_owned(), doc.join(" ")));
                doc.clear();
            }
        }
        codes
    }

    /// The README's result-code table, rendered from the header.
    fn codes_table() -> String {
        let mut out = String::from("| code | C constant | core `ErrorCode` | meaning |\n| ---: | --- | --- | --- |\n");
        for (number, name, doc) in header_codes() {
            let core = ErrorCode::from_u32(number).map_or_else(|| "—".to_owned(), |c| format!("`{c:?}`"));
            out.push_str(&format!("| {number} | `{name}` | {core} | {} |\n", doc.replace('|', "\\|")));
        }
        out
    }

    #[test]
    fn header_enum_is_the_rust_enum() {
        let codes = header_codes();
        assert_eq!(codes.len(), et_result::ALL.len());
        for ((number, name, doc), value) in codes.iter().zip(et_result::ALL) {
            assert_eq!(*number, value as u32);
            assert_eq!(format!("{name}\0"), value.c_name());
            assert!(!doc.is_empty(), "{name} has no doc comment");
        }
    }

    #[test]
    fn readme_result_code_table_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        let readme = std::fs::read_to_string(path).expect("ffi-c/README.md");
        let (begin, end) = ("<!-- result-codes:begin -->\n", "<!-- result-codes:end -->");
        let (head, rest) = readme.split_once(begin).expect("README has the begin marker");
        let (_, tail) = rest.split_once(end).expect("README has the end marker");
        let current = format!("{head}{begin}{}{end}{tail}", codes_table());
        if std::env::var_os("UPDATE_README").is_some() {
            std::fs::write(path, &current).expect("write README.md");
            return;
        }
        assert!(
            readme == current,
            "ffi-c/README.md's result-code table is stale: run UPDATE_README=1 cargo test -p exectable-ffi readme"
        );
    }

    #[test]
    fn c_names_follow_the_header_spelling() {
        // cbindgen's QualifiedScreamingSnakeCase of the variant name.
        for value in et_result::ALL {
            let debug = format!("{value:?}");
            let mut screaming = String::new();
            for (i, ch) in debug.chars().enumerate() {
                if ch.is_uppercase() && i > 0 {
                    screaming.push('_');
                }
                screaming.push(ch.to_ascii_uppercase());
            }
            assert_eq!(value.c_name(), format!("ET_RESULT_{screaming}\0"));
        }
    }
}
