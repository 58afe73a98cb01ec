//! The cross-chain call hash (spec §4.1), one formula on L1 and L2:
//!
//! ```text
//! keccak256(abi.encode(uint256 targetRollupId, address targetAddress, uint256 value, bytes data,
//!                      address sourceAddress, uint256 sourceRollupId))
//! ```
//!
//! This is the encoding of six separate arguments — **not** of a struct (hashing an `Action`
//! struct adds a leading `0x20` word and gives another value, §9).

use alloy_primitives::{Address, Bytes, Keccak256, B256, U256};

/// The six inputs of a cross-chain call hash, named as in `computeCrossChainCallHash`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
#[allow(non_snake_case)]
pub struct CrossChainCallHashInput {
    /// Rollup the call is executed on (0 = L1).
    pub targetRollupId: U256,
    /// Contract called.
    pub targetAddress: Address,
    /// Wei sent with the call.
    pub value: U256,
    /// Calldata.
    pub data: Bytes,
    /// Caller.
    pub sourceAddress: Address,
    /// Rollup of the caller (0 = L1).
    pub sourceRollupId: U256,
}

crate::protocol_struct!(CrossChainCallHashInput {
    targetRollupId,
    targetAddress,
    value,
    data,
    sourceAddress,
    sourceRollupId
});

impl CrossChainCallHashInput {
    /// [`cross_chain_call_hash`] of these six fields.
    pub fn hash(&self) -> B256 {
        cross_chain_call_hash(
            self.targetRollupId,
            self.targetAddress,
            self.value,
            &self.data,
            self.sourceAddress,
            self.sourceRollupId,
        )
    }

    /// [`cross_chain_call_preimage`] of these six fields.
    pub fn preimage(&self) -> Vec<u8> {
        cross_chain_call_preimage(
            self.targetRollupId,
            self.targetAddress,
            self.value,
            &self.data,
            self.sourceAddress,
            self.sourceRollupId,
        )
    }
}

/// The 7 head/length words of the preimage; `data` and its zero padding follow.
fn preimage_head(
    target_rollup_id: U256,
    target_address: Address,
    value: U256,
    data_len: usize,
    source_address: Address,
    source_rollup_id: U256,
) -> [u8; 224] {
    let mut head = [0u8; 224];
    head[..32].copy_from_slice(&target_rollup_id.to_be_bytes::<32>());
    head[32..64].copy_from_slice(target_address.into_word().as_slice());
    head[64..96].copy_from_slice(&value.to_be_bytes::<32>());
    head[96..128].copy_from_slice(&U256::from(0xc0u64).to_be_bytes::<32>());
    head[128..160].copy_from_slice(source_address.into_word().as_slice());
    head[160..192].copy_from_slice(&source_rollup_id.to_be_bytes::<32>());
    head[192..224].copy_from_slice(&U256::from(data_len).to_be_bytes::<32>());
    head
}

/// `keccak256(abi.encode(targetRollupId, targetAddress, value, data, sourceAddress, sourceRollupId))`.
pub fn cross_chain_call_hash(
    target_rollup_id: U256,
    target_address: Address,
    value: U256,
    data: &[u8],
    source_address: Address,
    source_rollup_id: U256,
) -> B256 {
    let mut hasher = Keccak256::new();
    hasher.update(preimage_head(target_rollup_id, target_address, value, data.len(), source_address, source_rollup_id));
    hasher.update(data);
    hasher.update(&[0u8; 32][..padding(data.len())]);
    hasher.finalize()
}

/// The preimage: `u256(targetRollupId) ‖ pad32(targetAddress) ‖ u256(value) ‖ u256(0xc0) ‖
/// pad32(sourceAddress) ‖ u256(sourceRollupId) ‖ u256(len(data)) ‖ data ‖ zero padding`.
pub fn cross_chain_call_preimage(
    target_rollup_id: U256,
    target_address: Address,
    value: U256,
    data: &[u8],
    source_address: Address,
    source_rollup_id: U256,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(224 + data.len() + 32);
    out.extend_from_slice(&preimage_head(
        target_rollup_id,
        target_address,
        value,
        data.len(),
        source_address,
        source_rollup_id,
    ));
    out.extend_from_slice(data);
    out.resize(out.len() + padding(data.len()), 0);
    out
}

fn padding(len: usize) -> usize {
    (32 - len % 32) % 32
}
