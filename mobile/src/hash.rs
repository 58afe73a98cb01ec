//! Digests a wallet computes locally: the cross-chain call hash of a call it sends, and the
//! CREATE2 address of the proxy that represents an account on another rollup.
//!
//! ```text
//! crossChainCallHash = keccak256(abi.encode(targetRollupId, targetAddress, value, data,
//!                                           sourceAddress, sourceRollupId))
//! salt               = keccak256(abi.encodePacked(uint256 originalRollupId, address originalAddress))
//! proxyAddress       = keccak256(0xff ‖ manager ‖ salt ‖ keccak256(creationCode ‖
//!                          abi.encode(manager, originalAddress, originalRollupId)))[12..]
//! ```

use crate::error::{invalid, Result};
use crate::value::{parse, text};
use exectable::abi::layout::Path;
use exectable::hash::{call, proxy};

/// The six inputs of a cross-chain call hash, named as in `computeCrossChainCallHash`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CrossChainCallHashInput {
    /// uint256: rollup the call is executed on (0 = L1).
    pub target_rollup_id: String,
    /// address: contract called.
    pub target_address: String,
    /// uint256: wei sent with the call.
    pub value: String,
    /// Calldata.
    pub data: Vec<u8>,
    /// address: caller.
    pub source_address: String,
    /// uint256: rollup of the caller (0 = L1).
    pub source_rollup_id: String,
}

/// `keccak256(abi.encode(targetRollupId, targetAddress, value, data, sourceAddress,
/// sourceRollupId))` — six separate arguments, not a struct. Errors name the field
/// (`targetAddress: an address has 20 bytes, found 19`).
#[uniffi::export]
pub fn cross_chain_call_hash(input: CrossChainCallHashInput) -> Result<String> {
    let root = Path::Root("");
    let hash = call::cross_chain_call_hash(
        parse(&input.target_rollup_id, &root.field("targetRollupId"))?,
        parse(&input.target_address, &root.field("targetAddress"))?,
        parse(&input.value, &root.field("value"))?,
        &input.data,
        parse(&input.source_address, &root.field("sourceAddress"))?,
        parse(&input.source_rollup_id, &root.field("sourceRollupId"))?,
    );
    Ok(text(&hash))
}

/// A proxy address with the intermediate values that produce it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ProxyAddress {
    /// address: the CREATE2 address (lowercase hex).
    pub proxy_address: String,
    /// bytes32: `keccak256(abi.encodePacked(originalRollupId, originalAddress))`.
    pub salt: String,
    /// bytes32: `keccak256(creationCode ‖ abi.encode(manager, originalAddress, originalRollupId))`.
    pub init_code_hash: String,
}

/// The address at which `manager` deploys the `CrossChainProxy` of `(original_address,
/// original_rollup_id)`, for the proxy build whose creation code is `creation_code` (the code is
/// build-specific: take the deployed build's, or [`proxy_creation_code`] of a known build).
#[uniffi::export]
pub fn proxy_address(
    manager: String,
    original_address: String,
    original_rollup_id: String,
    creation_code: Vec<u8>,
) -> Result<ProxyAddress> {
    let root = Path::Root("");
    let p = proxy::proxy_address(
        parse(&manager, &root.field("manager"))?,
        parse(&original_address, &root.field("originalAddress"))?,
        parse(&original_rollup_id, &root.field("originalRollupId"))?,
        &creation_code,
    );
    Ok(ProxyAddress { proxy_address: text(&p.address), salt: text(&p.salt), init_code_hash: text(&p.init_code_hash) })
}

/// The `CrossChainProxy` creation code of a known build, by name: `"reference"` or the full
/// name [`reference_build_name`] returns. Any other name is an argument error (301).
#[uniffi::export]
pub fn proxy_creation_code(build_name: String) -> Result<Vec<u8>> {
    proxy::proxy_creation_code_by_name(&build_name).map(<[u8]>::to_vec).ok_or_else(|| {
        invalid(
            "buildName",
            format!("unknown proxy build {build_name:?} (known: \"reference\", {:?})", proxy::REFERENCE_BUILD_NAME),
        )
    })
}

/// The name of the reference build (`eez-v3-5c51e02-solc0.8.34-viaIR-200-osaka`), whose proxy
/// creation code the golden vectors use.
#[uniffi::export]
pub fn reference_build_name() -> String {
    proxy::REFERENCE_BUILD_NAME.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::{address, U256};

    #[test]
    fn call_hash_matches_core() {
        let input = CrossChainCallHashInput {
            target_rollup_id: "1".into(),
            target_address: "0x00000000000000000000000000000000000000aa".into(),
            value: "0x0".into(),
            data: vec![0xd0, 0x9d, 0xe0, 0x8a],
            source_address: "0x00000000000000000000000000000000000000bb".into(),
            source_rollup_id: "0".into(),
        };
        let want = call::cross_chain_call_hash(
            U256::from(1),
            address!("00000000000000000000000000000000000000aa"),
            U256::ZERO,
            &[0xd0, 0x9d, 0xe0, 0x8a],
            address!("00000000000000000000000000000000000000bb"),
            U256::ZERO,
        );
        assert_eq!(cross_chain_call_hash(input.clone()).unwrap(), text(&want));
        let bad = CrossChainCallHashInput { source_address: "0xbb".into(), ..input };
        let e = cross_chain_call_hash(bad).unwrap_err();
        assert_eq!(e.to_string(), "sourceAddress: an address has 20 bytes, found 1");
    }

    #[test]
    fn proxy_address_by_build_name() {
        let code = proxy_creation_code("reference".into()).unwrap();
        assert_eq!(code, proxy_creation_code(reference_build_name()).unwrap());
        let manager = address!("9fe46736679d2d9a65f0992f2272de9f3c7fa6e0");
        let want = proxy::proxy_address(manager, alloy_primitives::Address::ZERO, U256::ZERO, &code);
        let got = proxy_address(text(&manager), text(&alloy_primitives::Address::ZERO), "0x0".into(), code).unwrap();
        assert_eq!(got.proxy_address, text(&want.address));
        assert_eq!(got.salt, text(&want.salt));
        let e = proxy_creation_code("other".into()).unwrap_err();
        assert_eq!(e.code(), 301);
        assert!(e.to_string().starts_with("buildName: unknown proxy build \"other\""), "{e}");
        assert_eq!(proxy_address("0x1".into(), "0x2".into(), "0".into(), vec![]).unwrap_err().code(), 203);
    }
}
