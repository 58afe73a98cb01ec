//! The one error type of the mobile API: core's [`exectable::Error`] grouped by its code's family,
//! and the [`Verdict`] every verification answers with.
//!
//! Kotlin sees `ExectableException.Abi`, `.Json`, `.Argument`, `.Proof`, `.Ocp`, `.Membership`;
//! Swift `ExectableError.Abi(code:name:reason:path:offset:verdict:)` and so on. Every variant carries the
//! stable numeric `code` (core/src/error.rs), its `name` (`ProofRootMismatch`), `reason`: core's
//! message, which names the field path at fault (`items[0].entry.stateDeltas[1].rollupId: …`),
//! and `verdict`: what the error means for the item a verification is about (core's
//! `Verdict::of_error`: `NOT_INCLUDED` or `CANNOT_DECIDE`; [`verdict_of`] gives it for a code).
//! The Rust `Display` of the error is exactly `reason`, exported so Kotlin's `toString()` and
//! Swift's `description` return it. (A field cannot be called `message`: Kotlin's `Throwable`
//! owns that name, and uniffi fills it with every field, `code=403, name=…, reason=…`.)

use exectable::{Error, ErrorCode};

/// The answer of a verification (core's `exectable::Verdict`): a report is [`Verdict::Included`];
/// an error is [`Verdict::NotIncluded`] or [`Verdict::CannotDecide`] by its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Verdict {
    /// The item is in what the chain accepted.
    Included,
    /// The evidence is usable and the item is not in it: item not found (604), failed posting
    /// (602), a proof that does not lead to the committed root (401–404, 407, 410), an OCP
    /// artifact whose digest, block or contract differ (501, 503–506).
    NotIncluded,
    /// The evidence is unusable, so nothing follows about the item (every other code).
    CannotDecide,
}

impl From<exectable::Verdict> for Verdict {
    fn from(v: exectable::Verdict) -> Self {
        match v {
            exectable::Verdict::Included => Verdict::Included,
            exectable::Verdict::NotIncluded => Verdict::NotIncluded,
            exectable::Verdict::CannotDecide => Verdict::CannotDecide,
        }
    }
}

/// What an error code means for the item a verification is about (core's `Verdict::of_code`):
/// `NOT_INCLUDED` or `CANNOT_DECIDE` — the `verdict` every [`ExectableError`] variant carries. A
/// number that is no error code is an `Argument` error (301).
#[uniffi::export]
pub fn verdict_of(code: u32) -> Result<Verdict> {
    ErrorCode::from_u32(code)
        .map(|c| exectable::Verdict::of_code(c).into())
        .ok_or_else(|| invalid("code", format!("{code} is not an exectable error code")))
}

/// A failure reported by exectable, by family of its code: 1xx ABI bytes, 2xx JSON and text
/// values, 3xx arguments, 4xx table commitments and inclusion proofs, 5xx OCP artifacts, 6xx
/// batch membership and receipts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi::export(Display)]
pub enum ExectableError {
    /// ABI bytes do not decode (101–110): strictly, or — for a posting's transaction input — as
    /// the contract's own ABI decoder reads it; `offset` is the byte offset at fault.
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
        /// What the error means for the item a verification is about.
        verdict: Verdict,
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
        /// What the error means for the item a verification is about.
        verdict: Verdict,
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
        /// What the error means for the item a verification is about.
        verdict: Verdict,
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
        /// What the error means for the item a verification is about.
        verdict: Verdict,
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
        /// What the error means for the item a verification is about.
        verdict: Verdict,
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
        /// What the error means for the item a verification is about.
        verdict: Verdict,
    },
}

impl ExectableError {
    /// What the error means for the item a verification is about (core's `Verdict::of_error`).
    pub fn verdict(&self) -> Verdict {
        match self {
            ExectableError::Abi { verdict, .. }
            | ExectableError::Json { verdict, .. }
            | ExectableError::Argument { verdict, .. }
            | ExectableError::Proof { verdict, .. }
            | ExectableError::Ocp { verdict, .. }
            | ExectableError::Membership { verdict, .. } => *verdict,
        }
    }

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
        let verdict = exectable::Verdict::of_error(&e).into();
        match number / 100 {
            1 => {
                ExectableError::Abi { code: number, name, reason, path, offset: e.offset().map(|o| o as u64), verdict }
            }
            2 => ExectableError::Json { code: number, name, reason, path, verdict },
            3 => ExectableError::Argument { code: number, name, reason, path, verdict },
            4 => ExectableError::Proof { code: number, name, reason, verdict },
            5 => ExectableError::Ocp { code: number, name, reason, verdict },
            _ => ExectableError::Membership { code: number, name, reason, verdict },
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
            let verdict = Verdict::from(exectable::Verdict::of_code(code));
            assert_eq!((e.verdict(), verdict_of(code.as_u32())), (verdict, Ok(verdict)), "{code}");
        }
        assert_eq!(verdict_of(604), Ok(Verdict::NotIncluded));
        assert_eq!(verdict_of(601), Ok(Verdict::CannotDecide));
        assert!(matches!(verdict_of(999), Err(ExectableError::Argument { code: 301, .. })));
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
                verdict: Verdict::CannotDecide,
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
