//! The three answers of every verification: *included*, *not included*, *cannot decide* — never
//! one dressed as another.
//!
//! * [`Verdict::Included`] — the evidence shows the item in what the chain accepted (a batch
//!   membership, an inclusion proof against a commitment, an OCP artifact against its receipt).
//! * [`Verdict::NotIncluded`] — the evidence is usable and shows the item is not there: the batch
//!   the manager accepted does not contain it (604), the posting transaction reverted (602), the
//!   proof does not lead to the committed root (401–404, 407, 410), the artifact's digest,
//!   block or contract differ or its digest was not logged (501, 503–506).
//! * [`Verdict::CannotDecide`] — the evidence is unusable, so nothing follows about the item:
//!   not the manager's call (601), no `BatchPosted` of the manager (603), a receipt of another
//!   transaction (605, 508), malformed receipts, proofs or artifacts (606, 405, 406, 408, 409,
//!   507), a rule this verifier does not implement (502), calldata the contract's own decoder
//!   would refuse (1xx: then the receipt cannot be this input's), and every JSON, argument and
//!   resource error (2xx, 3xx).
//!
//! A batch whose calldata is accepted but not canonically laid out is still *included*
//! (`Layout::NonCanonical` travels with the report as a warning).

use crate::error::{Error, ErrorCode};
use std::fmt;

/// The answer of a verification (module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// The item is in what the chain accepted.
    Included,
    /// The evidence is usable and the item is not in it.
    NotIncluded,
    /// The evidence is unusable: nothing follows about the item.
    CannotDecide,
}

impl Verdict {
    /// `"included"`, `"notIncluded"`, `"cannotDecide"` (the JSON `verdict` member).
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Included => "included",
            Verdict::NotIncluded => "notIncluded",
            Verdict::CannotDecide => "cannotDecide",
        }
    }

    /// `INCLUDED`, `NOT INCLUDED`, `CANNOT DECIDE` (the first word of the CLI's text answer).
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Included => "INCLUDED",
            Verdict::NotIncluded => "NOT INCLUDED",
            Verdict::CannotDecide => "CANNOT DECIDE",
        }
    }

    /// Process exit code of the `verify` commands: 0, 1, 3 (2 stays clap's usage error).
    pub fn exit_code(self) -> u8 {
        match self {
            Verdict::Included => 0,
            Verdict::NotIncluded => 1,
            Verdict::CannotDecide => 3,
        }
    }

    /// What an error of a verification means for the item (the table in the module doc).
    pub fn of_error(e: &Error) -> Verdict {
        Self::of_code(e.code())
    }

    /// [`Verdict::of_error`] by code.
    pub fn of_code(code: ErrorCode) -> Verdict {
        use ErrorCode::*;
        match code {
            MembershipReceiptFailed | MembershipItemNotFound => Verdict::NotIncluded,
            ProofWrongIndex | ProofWrongLeafCount | ProofRootMismatch | ProofOtherCommitment | ProofInnerNodeAsLeaf
            | CommitmentMismatch => Verdict::NotIncluded,
            OcpHashMismatch | OcpReceiptFailed | OcpBlockHashMismatch | OcpContractMismatch | OcpDigestNotFound => {
                Verdict::NotIncluded
            }
            _ => Verdict::CannotDecide,
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_one_verdict_and_the_three_are_distinct() {
        let mut seen = std::collections::BTreeMap::new();
        for code in ErrorCode::ALL {
            let v = Verdict::of_code(code);
            assert_ne!(v, Verdict::Included, "{code} is an error, never included");
            *seen.entry(v.name()).or_insert(0) += 1;
        }
        assert_eq!(seen.len(), 2);
        let exits = [Verdict::Included, Verdict::NotIncluded, Verdict::CannotDecide].map(Verdict::exit_code);
        assert_eq!(exits, [0, 1, 3]);
        // The membership codes.
        assert_eq!(Verdict::of_code(ErrorCode::MembershipItemNotFound), Verdict::NotIncluded);
        assert_eq!(Verdict::of_code(ErrorCode::MembershipReceiptFailed), Verdict::NotIncluded);
        for code in [101, 102, 103, 105, 108, 601, 603, 605, 606, 202, 301, 302] {
            let code = ErrorCode::from_u32(code).unwrap();
            assert_eq!(Verdict::of_code(code), Verdict::CannotDecide, "{code}");
        }
    }
}
