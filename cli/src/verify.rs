//! `exectable verify`: proofs, OCP artifacts and batch membership. Every verifier prints VALID or
//! INVALID with the reason and exits 0 (valid), 1 (invalid) or 2 (bad input).

use crate::{verify_membership, verify_ocp, verify_proof};
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

/// Runs `exectable verify …`.
pub fn run(what: Verify) -> Result<ExitCode, String> {
    match what {
        Verify::Proof(args) => verify_proof::run(args),
        Verify::Ocp(args) => verify_ocp::run(args),
        Verify::Membership(args) => verify_membership::run(args),
    }
}
