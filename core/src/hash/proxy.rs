//! CREATE2 address of a `CrossChainProxy` (spec §4.7).
//!
//! ```text
//! salt         = keccak256(abi.encodePacked(uint256 originalRollupId, address originalAddress))  // 52 bytes
//! initCode     = creationCode ‖ abi.encode(address manager, address originalAddress, uint256 originalRollupId)
//! proxyAddress = keccak256(0xff ‖ manager ‖ salt ‖ keccak256(initCode))[12..]
//! ```
//!
//! The creation code is build-specific (its CBOR metadata hashes the sources and settings), so it
//! is configuration: pass the deployed build's bytes, or use [`REFERENCE_PROXY_CREATION_CODE`].

use alloy_primitives::{hex, keccak256, Address, Keccak256, B256, U256};

/// Name of the reference build recorded in the golden-vector header.
pub const REFERENCE_BUILD_NAME: &str = "eez-v3-5c51e02-solc0.8.34-viaIR-200-osaka";

/// `CrossChainProxy` creation code of the reference build (solc 0.8.34, viaIR, 200 runs, osaka,
/// contract commit 5c51e02; 1111 bytes, keccak256 `0x0a2e4d91…adfb660c`). Build-specific: any
/// other build yields other proxy addresses.
pub const REFERENCE_PROXY_CREATION_CODE: &[u8] = &hex!(
    "60e03461009557601f61045738819003918201601f19168301916001600160401b038311848410176100995780849260"
    "609460405283398101031261009557610047816100ad565b906040610056602083016100ad565b9101519160805260a0"
    "5260c05260405161039590816100c28239608051818181610140015281816102ac015261032f015260a05181505060c0"
    "51815050f35b5f80fd5b634e487b7160e01b5f52604160045260245ffd5b51906001600160a01b038216820361009557"
    "56fe60806040526004361061023e575f3560e01c8063532f08391461002b57639f149e1b0361023e57610096565b6040"
    "366003190112610092576004356001600160a01b0381168103610092576024359067ffffffffffffffff821161009257"
    "366023830112156100925781600401359167ffffffffffffffff83116100925736602484830101116100925760240190"
    "61013d565b5f80fd5b34610092575f366003190112610092573330036100b2575f805d005b61023e565b634e487b7160"
    "e01b5f52604160045260245ffd5b90601f8019910116810190811067ffffffffffffffff8211176100ed57604052565b"
    "6100b7565b67ffffffffffffffff81116100ed57601f01601f191660200190565b3d15610138573d9061011f826100f2"
    "565b9161012d60405193846100cb565b82523d5f602084013e565b606090565b337f0000000000000000000000000000"
    "0000000000000000000000000000000000006001600160a01b0316036100b257825f9392849360405192839283378101"
    "848152039134905af161018e61010e565b901561019c57602081519101f35b602081519101fd5b6001600160a01b0390"
    "911681526040602082018190528101829052606091805f848401375f828201840152601f01601f1916010190565b6020"
    "818303126100925780519067ffffffffffffffff8211610092570181601f820112156100925780519061020f826100f2"
    "565b9261021d60405194856100cb565b8284526020838301011161009257815f9260208093018386015e830101529056"
    "5b5f806040516020810190639f149e1b60e01b8252600481526102616024826100cb565b519082305af161026f61010e"
    "565b50610304575f806040516020810190633d526d1760e11b82526102a88161029a3633602484016101a4565b03601f"
    "1981018352826100cb565b51907f00000000000000000000000000000000000000000000000000000000000000005afa"
    "6102d561010e565b90805b6102ea575b1561019c57602081519101f35b90806020806102fe935183010191016101db56"
    "5b906102dd565b5f806040516020810190639af5325960e01b825261032a8161029a3633602484016101a4565b519034"
    "7f00000000000000000000000000000000000000000000000000000000000000005af161035861010e565b90806102d8"
    "56fea2646970667358221220ccb81427bb41bbb8a276a72f0ded5edb9066871bffff6541a80c99966e5f18ae64736f6c"
    "63430008220033"
);

/// The creation code of a named build (`None` if the name is unknown).
pub fn proxy_creation_code_by_name(name: &str) -> Option<&'static [u8]> {
    (name == REFERENCE_BUILD_NAME || name == "reference").then_some(REFERENCE_PROXY_CREATION_CODE)
}

/// A proxy address with the intermediate values that produce it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProxyAddress {
    /// The CREATE2 address.
    pub address: Address,
    /// `keccak256(abi.encodePacked(originalRollupId, originalAddress))`.
    pub salt: B256,
    /// `keccak256(creationCode ‖ abi.encode(manager, originalAddress, originalRollupId))`.
    pub init_code_hash: B256,
}

/// `keccak256(abi.encodePacked(uint256 originalRollupId, address originalAddress))`.
pub fn proxy_salt(original_rollup_id: U256, original_address: Address) -> B256 {
    let mut preimage = [0u8; 52];
    preimage[..32].copy_from_slice(&original_rollup_id.to_be_bytes::<32>());
    preimage[32..].copy_from_slice(original_address.as_slice());
    keccak256(preimage)
}

/// `keccak256(creationCode ‖ abi.encode(address manager, address originalAddress, uint256 originalRollupId))`.
pub fn proxy_init_code_hash(
    creation_code: &[u8],
    manager: Address,
    original_address: Address,
    original_rollup_id: U256,
) -> B256 {
    let mut hasher = Keccak256::new();
    hasher.update(creation_code);
    hasher.update(manager.into_word());
    hasher.update(original_address.into_word());
    hasher.update(original_rollup_id.to_be_bytes::<32>());
    hasher.finalize()
}

/// The address at which `manager` deploys the proxy of `(original_address, original_rollup_id)`
/// (what `computeCrossChainProxyAddress` returns when `creation_code` is the deployed build's).
pub fn proxy_address(
    manager: Address,
    original_address: Address,
    original_rollup_id: U256,
    creation_code: &[u8],
) -> ProxyAddress {
    let salt = proxy_salt(original_rollup_id, original_address);
    let init_code_hash = proxy_init_code_hash(creation_code, manager, original_address, original_rollup_id);
    ProxyAddress { address: manager.create2(salt, init_code_hash), salt, init_code_hash }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_creation_code_matches_recorded_hash() {
        assert_eq!(REFERENCE_PROXY_CREATION_CODE.len(), 1111);
        assert_eq!(
            keccak256(REFERENCE_PROXY_CREATION_CODE),
            "0x0a2e4d916da3a258d274e03e75d9236477f377b91173aa46c9bde942adfb660c".parse::<B256>().unwrap()
        );
        assert_eq!(proxy_creation_code_by_name(REFERENCE_BUILD_NAME), Some(REFERENCE_PROXY_CREATION_CODE));
        assert_eq!(proxy_creation_code_by_name("other"), None);
    }
}
