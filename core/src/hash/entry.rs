//! Entry and lookup-call hashes (L1 only, spec §4.4):
//!
//! ```text
//! entryHash      = keccak256(abi.encode(entry))       // whole L1 ExecutionEntry, 0x20 head word first
//! lookupCallHash = keccak256(abi.encode(lookupCall))  // whole L1 LookupCall, 0x20 head word first
//! ```

use crate::types::l1::{ExecutionEntry, LookupCall};
use alloy_primitives::{keccak256, B256};
use alloy_sol_types::SolValue;

/// `keccak256(abi.encode(entry))` over the whole L1 `ExecutionEntry`.
pub fn entry_hash(entry: &ExecutionEntry) -> B256 {
    keccak256(entry.abi_encode())
}

/// `keccak256(abi.encode(lookupCall))` over the whole L1 `LookupCall`.
pub fn lookup_call_hash(lookup_call: &LookupCall) -> B256 {
    keccak256(lookup_call.abi_encode())
}

impl ExecutionEntry {
    /// The entry hash, [`entry_hash`].
    pub fn hash(&self) -> B256 {
        entry_hash(self)
    }
}

impl LookupCall {
    /// The lookup-call hash, [`lookup_call_hash`].
    pub fn hash(&self) -> B256 {
        lookup_call_hash(self)
    }
}
