//! The one error type of the mobile API: core's [`exectable::Error`] grouped by its code's family.
//!
//! Kotlin sees `ExectableException.Abi`, `.Json`, `.Argument`, `.Proof`, `.Ocp`, `.Membership`;
//! Swift `ExectableError.Abi(code:name:reason:path:offset:)` and so on. Every variant carries the
//! stable numeric `code` (core/src/error.rs), its `name` (`ProofRootMismatch`) and `reason`: core's
//! message, which names the field path at fault (`items[0].entry.stateDeltas[1].rollupId: …`).
//! The Rust `Display` of the error is exactly `reason`, exported so Kotlin's `toString()` and
//! Swift's `description` return it. (A field cannot be called `message`: Kotlin's `Throwable`
//! owns that name, and uniffi fills it with every field, `code=403, name=…, reason=…`.)

use exectable::Error;

/// A failure reported by exectable, by family of its code: 1xx ABI bytes, 2xx JSON and text
/// values, 3xx arguments, 4xx table commitments and inclusion proofs, 5xx OCP artifacts, 6xx
/// batch membership and receipts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi::export(Display)]
pub enum ExectableError {
    /// ABI bytes do not decode strictly (101–110); `offset` is the byte offset at fault.
    #[error("{reason}")]
    Abi {
        /// Stable code, 101–110.
        code: u32,
        /// The code's name (`AbiTruncated`).
        name: String,
        /// What is wrong, naming the field path.
        reason: String,
        /// Field path inside the decoded value (`lookupCall.l2ToL1Calls[0].data`), when known.
        path: Option<String>,
        /// Byte offset into the input, when known.
        offset: Option<u64>,
    },
    /// JSON text, or a text value (hex, number, address) read as its canonical-JSON form (201–204).
    #[error("{reason}")]
    Json {
        /// Stable code, 201–204.
        code: u32,
        /// The code's name (`JsonHex`).
        name: String,
        /// What is wrong, naming the field path.
        reason: String,
        /// Field path of the value at fault, when known (none for JSON syntax errors).
        path: Option<String>,
    },
    /// An argument outside what the protocol allows (301), or an input over a documented size
    /// bound (302, see core's `limits`).
    #[error("{reason}")]
    Argument {
        /// Stable code, 301 or 302.
        code: u32,
        /// The code's name (`InvalidArgument`).
        name: String,
        /// What is wrong, naming the argument.
        reason: String,
        /// The argument or field path at fault.
        path: Option<String>,
    },
    /// An inclusion proof or table commitment was rejected (401–410).
    #[error("{reason}")]
    Proof {
        /// Stable code, 401–410.
        code: u32,
        /// The code's name (`ProofRootMismatch`).
        name: String,
        /// Why the proof does not hold.
        reason: String,
    },
    /// An OCP artifact was rejected (501–508).
    #[error("{reason}")]
    Ocp {
        /// Stable code, 501–508.
        code: u32,
        /// The code's name (`OcpHashMismatch`).
        name: String,
        /// Which verification step failed and why.
        reason: String,
    },
    /// Batch membership was rejected, or a receipt is malformed (601–606).
    #[error("{reason}")]
    Membership {
        /// Stable code, 601–606.
        code: u32,
        /// The code's name (`MembershipItemNotFound`).
        name: String,
        /// Why the item is not shown to be part of an accepted batch.
        reason: String,
    },
}

impl ExectableError {
    /// The stable numeric code (core's [`exectable::ErrorCode`]).
    pub fn code(&self) -> u32 {
        match self {
            ExectableError::Abi { code, .. }
            | ExectableError::Json { code, .. }
            | ExectableError::Argument { code, .. }
            | ExectableError::Proof { code, .. }
            | ExectableError::Ocp { code, .. }
            | ExectableError::Membership { code, .. } => *code,
        }
    }
}

impl From<Error> for ExectableError {
    fn from(e: Error) -> Self {
        let code = e.code();
        let name = format!("{code:?}");
        let reason = e.to_string();
        let path = e.path().map(str::to_owned);
        let number = code.as_u32();
        match number / 100 {
            1 => ExectableError::Abi { code: number, name, reason, path, offset: e.offset().map(|o| o as u64) },
            2 => ExectableError::Json { code: number, name, reason, path },
            3 => ExectableError::Argument { code: number, name, reason, path },
            4 => ExectableError::Proof { code: number, name, reason },
            5 => ExectableError::Ocp { code: number, name, reason },
            _ => ExectableError::Membership { code: number, name, reason },
        }
    }
}

/// `Result` with [`ExectableError`].
pub type Result<T, E = ExectableError> = std::result::Result<T, E>;

/// An [`exectable::ErrorCode::InvalidArgument`] at `path` (core's [`Error::invalid`]).
pub(crate) fn invalid(path: impl Into<String>, message: impl Into<String>) -> ExectableError {
    Error::invalid(path, message).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use exectable::ErrorCode;

    #[test]
    fn every_code_lands_in_its_family_with_message_and_path() {
        for code in ErrorCode::ALL {
            let e = ExectableError::from(Error::rejected(code, "why"));
            assert_eq!(e.code(), code.as_u32());
            let family = match &e {
                ExectableError::Abi { .. } => 1,
                ExectableError::Json { .. } => 2,
                ExectableError::Argument { .. } => 3,
                ExectableError::Proof { .. } => 4,
                ExectableError::Ocp { .. } => 5,
                ExectableError::Membership { .. } => 6,
            };
            assert_eq!(family, code.as_u32() / 100, "{code}");
            assert_eq!(e.to_string(), "why");
        }
    }

    #[test]
    fn abi_errors_keep_path_and_offset() {
        let core = Error::AbiTruncated { path: "entry.data".into(), offset: 64, needed: 32, len: 70 };
        let text = core.to_string();
        assert_eq!(
            ExectableError::from(core),
            ExectableError::Abi {
                code: 101,
                name: "AbiTruncated".into(),
                reason: text,
                path: Some("entry.data".into()),
                offset: Some(64),
            }
        );
    }

    #[test]
    fn argument_errors_name_the_argument() {
        let e = invalid("buildName", "unknown build \"x\"");
        assert_eq!(e.to_string(), "buildName: unknown build \"x\"");
        assert!(
            matches!(e, ExectableError::Argument { code: 301, ref path, .. } if path.as_deref() == Some("buildName"))
        );
    }
}
