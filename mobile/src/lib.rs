//! # exectable-mobile
//!
//! The mobile surface of [exectable](../exectable/index.html), exported with uniffi proc macros
//! for Kotlin (Android, JVM) and Swift (iOS): what a wallet needs to check, without trusting the
//! builder, that the cross-chain call it sent was included in a batch the L1 manager accepted.
//!
//! - [`hash`]: `cross_chain_call_hash`, `proxy_address` (creation code as input; the reference
//!   build's by name with `proxy_creation_code`).
//! - [`entry`]: decode and inspect one L1 entry or lookup call (JSON or ABI), and their hashes.
//! - [`proof`]: decode and verify single and multi inclusion proofs against a table commitment.
//! - [`membership`]: batch membership from the posting transaction's input and receipt.
//! - [`ocp`]: OCP artifacts against their observation and receipt.
//! - [`conformance`]: core's vector runner, for the bindings' test suites.
//!
//! Every function only converts its arguments, calls core, and converts the result: no protocol
//! logic lives here. Conventions: fixed-size values (uint256, int256, address, bytes32) cross as
//! canonical-JSON text (`"0x1f"`; uints also accept decimal), variable-length bytes as byte
//! arrays, JSON documents as text. Failures are [`ExectableError`], by family of core's stable
//! code, with core's message naming the field at fault and core's [`Verdict`] on the item
//! ([`error::verdict_of`] gives it for a code).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

uniffi::setup_scaffolding!();

pub mod conformance;
pub mod entry;
pub mod error;
pub mod hash;
pub mod membership;
pub mod ocp;
pub mod proof;
mod value;

pub use error::{ExectableError, Verdict};
