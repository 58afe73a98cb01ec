//! Byte-exact ABI encoding and strict decoding of protocol structs, manager calldata, event logs
//! and revert data. Encoding is alloy's `abi.encode`; decoding first runs the [`layout`] check
//! (canonical form, field path and offset on every fault, no allocation), then alloy's decoder.
//! Manager calldata the chain accepted is read in [`mode::DecodeMode::Evm`] instead: exactly what
//! the contract's own decoder accepts, with the layout reported ([`mode`]).

pub mod calldata;
pub mod events;
pub mod layout;
pub mod mode;
pub mod revert;

use crate::error::{Error, Result};
use crate::json::CanonicalJson;
use crate::limits::{check_len, MAX_ABI_BYTES};
use alloy_sol_types::{SolCall, SolType, SolValue};
use layout::{check_exact, check_single, HasStaticShape, Path, Shape};

/// A protocol struct: `abi.encode(struct)` exactly as Solidity, strict decoding, canonical JSON.
pub trait AbiStruct: SolValue + SolType<RustType = Self> + HasStaticShape + CanonicalJson + Sized {
    /// `abi.encode(value)`: for a dynamic struct the `0x20` offset word then the tuple (§4.4).
    fn abi_encode_struct(&self) -> Vec<u8> {
        <Self as SolValue>::abi_encode(self)
    }

    /// Strict inverse of [`AbiStruct::abi_encode_struct`]: accepts only the canonical encoding
    /// (at most [`MAX_ABI_BYTES`], else [`Error::InputTooLarge`]).
    fn abi_decode_struct(bytes: &[u8]) -> Result<Self> {
        check_len("abi", bytes.len(), MAX_ABI_BYTES)?;
        check_single(bytes, *Self::static_shape(), &Path::Root(""))?;
        <Self as SolType>::abi_decode(bytes).map_err(|e| rejected("", e))
    }
}

impl<T: SolValue + SolType<RustType = T> + HasStaticShape + CanonicalJson + Sized> AbiStruct for T {}

pub(crate) fn rejected(path: &str, e: alloy_sol_types::Error) -> Error {
    Error::AbiRejected { path: if path.is_empty() { "$".into() } else { path.into() }, reason: e.to_string() }
}

/// The parameter tuple of a call, error or event-data type.
pub(crate) fn params_of<T: HasStaticShape>() -> &'static layout::TupleShape {
    match T::static_shape() {
        Shape::Tuple(t) => t,
        _ => unreachable!("protocol_struct! always builds a tuple"),
    }
}

/// Decodes calldata of function `C` strictly: selector, then the canonical argument encoding.
pub fn decode_call<C: SolCall + HasStaticShape>(calldata: &[u8]) -> Result<C> {
    check_len("calldata", calldata.len(), MAX_ABI_BYTES)?;
    check_selector(calldata, C::SELECTOR, C::SIGNATURE)?;
    check_exact(calldata, 4, params_of::<C>(), &Path::Root(""))?;
    C::abi_decode_raw(&calldata[4..]).map_err(|e| rejected("", e))
}

/// The 4-byte selector at the start of calldata or revert data.
pub(crate) fn read_selector(data: &[u8]) -> Result<[u8; 4]> {
    match data.get(..4) {
        Some(s) => Ok([s[0], s[1], s[2], s[3]]),
        None => Err(Error::AbiTruncated { path: "selector".into(), offset: 0, needed: 4, len: data.len() }),
    }
}

/// Checks the 4-byte selector at the start of `data`.
pub(crate) fn check_selector(data: &[u8], expected: [u8; 4], signature: &'static str) -> Result<()> {
    let found =
        data.get(..4).ok_or(Error::AbiTruncated { path: "selector".into(), offset: 0, needed: 4, len: data.len() })?;
    if found != expected {
        let name = signature.split('(').next().unwrap_or(signature);
        return Err(Error::AbiWrongSelector {
            found: alloy_primitives::hex::encode_prefixed(found),
            expected: alloy_primitives::hex::encode_prefixed(expected),
            name,
        });
    }
    Ok(())
}
