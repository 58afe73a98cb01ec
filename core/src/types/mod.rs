//! The protocol's structs, generated with alloy's `sol!` from the contracts' declarations
//! (field order and Solidity types exactly as spec §2). L1 and L2 share struct names
//! (`ExecutionEntry`, `ExpectedLookup`, `LookupCall`) with different layouts, hence two modules.

pub mod l1;
pub mod l2;

/// `MAINNET_ROLLUP_ID`: L1's rollup id inside cross-chain call hashes.
pub const MAINNET_ROLLUP_ID: u64 = 0;

use crate::abi::AbiStruct;
use crate::json::CanonicalJson;
use crate::Result;
use serde_json::Value;

macro_rules! struct_kinds {
    ($($variant:ident => $ty:ty, $name:literal;)*) => {
        /// Every protocol struct by name, for tools that pick the type at run time (CLI, bindings).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum StructKind {
            $(
                #[doc = concat!("`", stringify!($ty), "` (`", $name, "`).")]
                $variant,
            )*
        }

        impl StructKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [StructKind] = &[$(StructKind::$variant,)*];

            /// The kind's name (`l1.ExecutionEntry`).
            pub fn name(self) -> &'static str {
                match self { $(StructKind::$variant => $name,)* }
            }

            /// Looks a kind up by name; case-insensitive, and the `l1.`/`l2.` prefix may be
            /// dropped where the struct name is unique to one side.
            pub fn from_name(name: &str) -> Option<Self> {
                let lower = name.to_ascii_lowercase();
                Self::ALL.iter().copied().find(|k| k.name().to_ascii_lowercase() == lower).or_else(|| {
                    let mut matches = Self::ALL.iter().copied().filter(|k| {
                        k.name().split_once('.').map(|(_, n)| n.to_ascii_lowercase()) == Some(lower.clone())
                    });
                    match (matches.next(), matches.next()) {
                        (Some(k), None) => Some(k),
                        _ => None,
                    }
                })
            }

            /// Strictly decodes `abi.encode(value)` and returns its canonical JSON.
            pub fn decode_to_json(self, bytes: &[u8]) -> Result<Value> {
                match self { $(StructKind::$variant => Ok(<$ty>::abi_decode_struct(bytes)?.to_json()),)* }
            }

            /// Parses canonical JSON and returns `abi.encode(value)`.
            pub fn encode_from_json(self, json: &Value) -> Result<Vec<u8>> {
                match self { $(StructKind::$variant => Ok(<$ty>::from_json(json)?.abi_encode_struct()),)* }
            }
        }
    };
}

struct_kinds! {
    L1StateDelta => l1::StateDelta, "l1.StateDelta";
    L1L2ToL1Call => l1::L2ToL1Call, "l1.L2ToL1Call";
    L1ExpectedL1ToL2Call => l1::ExpectedL1ToL2Call, "l1.ExpectedL1ToL2Call";
    L1ExpectedLookup => l1::ExpectedLookup, "l1.ExpectedLookup";
    L1ExecutionEntry => l1::ExecutionEntry, "l1.ExecutionEntry";
    L1ExpectedStateRootPerRollup => l1::ExpectedStateRootPerRollup, "l1.ExpectedStateRootPerRollup";
    L1LookupCall => l1::LookupCall, "l1.LookupCall";
    L1RollupIdWithProofSystems => l1::RollupIdWithProofSystems, "l1.RollupIdWithProofSystems";
    L1ProofSystemBatchPerVerificationEntries => l1::ProofSystemBatchPerVerificationEntries, "l1.ProofSystemBatchPerVerificationEntries";
    L2CrossChainCall => l2::CrossChainCall, "l2.CrossChainCall";
    L2ExpectedOutgoingCrossChainCall => l2::ExpectedOutgoingCrossChainCall, "l2.ExpectedOutgoingCrossChainCall";
    L2ExpectedLookup => l2::ExpectedLookup, "l2.ExpectedLookup";
    L2ExecutionEntry => l2::ExecutionEntry, "l2.ExecutionEntry";
    L2LookupCall => l2::LookupCall, "l2.LookupCall";
}
