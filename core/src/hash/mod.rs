//! Every digest of the protocol (spec §4): cross-chain call hashes, entry and lookup-call hashes,
//! the tagged and static rolling hashes, and CREATE2 proxy addresses.

pub mod call;
pub mod entry;
pub mod proxy;
pub mod rolling;

/// Which keccak-256 implementation this build uses (`keccak-asm` or the portable `sha3` crate).
pub const KECCAK_BACKEND: &str = if cfg!(feature = "asm-keccak") { "keccak-asm" } else { "sha3" };

/// `keccak256(data)`: the hash every digest of the protocol is built on, computed by the
/// [`KECCAK_BACKEND`] of this build (for bindings that expose the bare hash).
pub fn keccak256(data: impl AsRef<[u8]>) -> alloy_primitives::B256 {
    alloy_primitives::keccak256(data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::b256;

    #[test]
    fn keccak256_of_known_inputs() {
        assert_eq!(keccak256([]), b256!("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"));
        assert_eq!(keccak256(b"abc"), b256!("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"));
    }
}
