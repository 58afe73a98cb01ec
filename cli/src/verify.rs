//! `exectable verify`: proofs, OCP artifacts and batch membership. Every verifier gives one of three
//! answers ([`exectable::Verdict`]) and exits with its code: 0 included (proofs and artifacts say
//! VALID), 1 not included (INVALID), 3 cannot decide (the input is unusable: unreadable files,
//! malformed JSON or receipts, not the manager's call, …). 2 is left to command-line usage errors.

use crate::{verify_membership, verify_ocp, verify_proof};
use exectable::Verdict;
use std::process::ExitCode;

/// What to verify.
#[derive(clap::Subcommand)]
pub enum Verify {
    /// An inclusion proof (single or multi) against a table commitment.
    Proof(verify_proof::Args),
    /// An OCP artifact (ocp-1 file or v1.0 envelope): SHA-256 of the observation, then inclusion in a receipt.
    Ocp(verify_ocp::Args),
    /// An entry or lookup call is part of a batch the L1 contract accepted (transaction input + receipt).
    Membership(verify_membership::Args),
}

/// Runs `exectable verify …`; an input that cannot be read is `CANNOT DECIDE` (exit 3).
pub fn run(what: Verify) -> Result<ExitCode, String> {
    let result = match what {
        Verify::Proof(args) => verify_proof::run(args),
        Verify::Ocp(args) => verify_ocp::run(args),
        Verify::Membership(args) => verify_membership::run(args),
    };
    result.or_else(|message| {
        eprintln!("{}: {message}", Verdict::CannotDecide);
        Ok(ExitCode::from(Verdict::CannotDecide.exit_code()))
    })
}
