//! Every digest of the protocol (spec §4): cross-chain call hashes, entry and lookup-call hashes,
//! the tagged and static rolling hashes, and CREATE2 proxy addresses.

pub mod call;
pub mod entry;
pub mod proxy;
pub mod rolling;

/// Which keccak-256 implementation this build uses (`keccak-asm` or the portable `sha3` crate).
pub const KECCAK_BACKEND: &str = if cfg!(feature = "asm-keccak") { "keccak-asm" } else { "sha3" };
