//! # exectable
//!
//! The canonical off-chain library for the execution tables of the EEZ sync-rollups protocol
//! (contract commit `5c51e02`, "v3"): every L1/L2 struct ABI-encoded and decoded byte-exact with
//! Solidity, manager calldata, canonical JSON, and every digest the contracts compute.
//!
//! ```
//! use exectable::{hash::call::cross_chain_call_hash, types::l1, AbiStruct};
//! use alloy_primitives::{address, U256};
//!
//! let h = cross_chain_call_hash(U256::from(1), address!("00000000000000000000000000000000000000aa"),
//!     U256::ZERO, &[0xd0, 0x9d, 0xe0, 0x8a], address!("00000000000000000000000000000000000000bb"), U256::ZERO);
//! let entry = l1::ExecutionEntry { proxyEntryHash: h, destinationRollupId: U256::from(1), ..Default::default() };
//! let bytes = entry.abi_encode_struct();                       // abi.encode(entry), 0x20 head first
//! assert_eq!(l1::ExecutionEntry::abi_decode_struct(&bytes).unwrap(), entry);
//! assert_eq!(entry.hash(), alloy_primitives::keccak256(&bytes)); // the entry hash
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// The README example, compiled and run as a doc test.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

pub mod abi;
pub mod batch;
pub mod commit;
pub mod conformance;
pub mod error;
pub mod hash;
pub mod inclusion;
pub mod json;
pub mod limits;
pub mod ocp;
pub mod parallel;
pub mod preflight;
pub mod public_inputs;
pub mod receipt;
pub mod replay;
pub mod types;
pub mod validate;
pub mod verdict;

pub use abi::events::{decode_l1_log, decode_l2_log, L1Event, L2Event};
pub use abi::revert::{decode_revert, ProtocolError};
pub use abi::{calldata::ManagerCall, AbiStruct};
pub use error::{Error, ErrorCode, Result};
pub use json::CanonicalJson;
pub use verdict::Verdict;

#[doc(hidden)]
pub mod __private {
    pub use serde_json;
}
