//! Calldata of the manager functions (spec §3): 4-byte selector followed by `abi.encode(args…)`.
//!
//! [`ManagerCall`] recognises every L1 (EEZ) and L2 (EEZL2) function that carries protocol data
//! by its selector. Functions with the same signature on both sides (`executeCrossChainCall`,
//! `staticCallLookup`, `computeCrossChainCallHash`, …) have one selector and one variant.

use super::mode::{decode_call_with, DecodeMode, Decoded};
use super::{decode_call, layout::Path, read_selector};
use crate::error::{Error, Result};
use crate::json::{expect_object, required_field, CanonicalJson};
use crate::types::l1::{self, IEEZ};
use crate::types::l2::{self, IEEZL2};
use alloy_primitives::hex;
use alloy_sol_types::{sol_data::Array, SolCall, SolType};
use serde_json::{Map, Value};

macro_rules! manager_calls {
    ($($variant:ident => $call:ty { $($arg:ident),* };)*) => {
        $(crate::protocol_struct!($call { $($arg),* });)*

        /// A decoded call of a manager function, by protocol name.
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[allow(clippy::large_enum_variant)]
        pub enum ManagerCall {
            $(
                #[doc = concat!("`", stringify!($variant), "` calldata.")]
                $variant($call),
            )*
        }

        impl ManagerCall {
            /// Every function recognised, as `(name, selector, canonical signature)`.
            pub const FUNCTIONS: &'static [(&'static str, [u8; 4], &'static str)] = &[
                $((stringify!($variant), <$call>::SELECTOR, <$call>::SIGNATURE),)*
            ];

            /// Decodes calldata strictly, choosing the function by its selector.
            pub fn decode(calldata: &[u8]) -> Result<Self> {
                crate::limits::check_len("calldata", calldata.len(), crate::limits::MAX_ABI_BYTES)?;
                let selector = read_selector(calldata)?;
                $(if selector == <$call>::SELECTOR {
                    return decode_call::<$call>(calldata).map(ManagerCall::$variant);
                })*
                Err(Error::AbiUnknownSelector { what: "function selector", found: hex::encode_prefixed(selector) })
            }

            /// Decodes calldata in `mode`, choosing the function by its selector:
            /// [`DecodeMode::Evm`] for calldata the chain accepted (a transaction input, a
            /// call-trace frame), with its layout reported.
            pub fn decode_with(calldata: &[u8], mode: DecodeMode) -> Result<Decoded<Self>> {
                crate::limits::check_len("calldata", calldata.len(), crate::limits::MAX_ABI_BYTES)?;
                let selector = read_selector(calldata)?;
                $(if selector == <$call>::SELECTOR {
                    return decode_call_with::<$call>(calldata, mode).map(|d| d.map(ManagerCall::$variant));
                })*
                Err(Error::AbiUnknownSelector { what: "function selector", found: hex::encode_prefixed(selector) })
            }

            /// The calldata: selector ‖ `abi.encode(args…)`.
            pub fn encode(&self) -> Vec<u8> {
                match self { $(ManagerCall::$variant(c) => c.abi_encode(),)* }
            }

            /// The canonical signature the selector hashes (`postAndVerifyBatch((…))`).
            pub fn signature(&self) -> &'static str {
                match self { $(ManagerCall::$variant(_) => <$call>::SIGNATURE,)* }
            }

            /// The function name as in Solidity (`postAndVerifyBatch`).
            pub fn function_name(&self) -> &'static str {
                let signature = self.signature();
                signature.split('(').next().unwrap_or(signature)
            }

            /// The 4-byte selector.
            pub fn selector(&self) -> [u8; 4] {
                match self { $(ManagerCall::$variant(_) => <$call>::SELECTOR,)* }
            }

            fn args_json(&self) -> Value {
                match self { $(ManagerCall::$variant(c) => c.to_json(),)* }
            }

            fn from_name_and_args(name: &str, args: &Value, path: &Path<'_>) -> Result<Self> {
                $(if name == <$call>::SIGNATURE.split('(').next().unwrap_or_default() {
                    return <$call as CanonicalJson>::from_json_at(args, path).map(ManagerCall::$variant);
                })*
                Err(Error::invalid("function", format!("unknown manager function {name:?}")))
            }
        }
    };
}

manager_calls! {
    PostAndVerifyBatch => IEEZ::postAndVerifyBatchCall { batch };
    LoadExecutionTable => IEEZL2::loadExecutionTableCall { entries, _lookupCalls };
    ExecuteIncomingCrossChainCall => IEEZL2::executeIncomingCrossChainCallCall {
        destination, value, data, sourceAddress, sourceRollup, entries, _lookupCalls
    };
    ExecuteCrossChainCall => IEEZ::executeCrossChainCallCall { sourceAddress, callData };
    StaticCallLookup => IEEZ::staticCallLookupCall { sourceAddress, callData };
    ExecuteL2TX => IEEZ::executeL2TXCall { rollupId };
    ComputeCrossChainCallHash => IEEZ::computeCrossChainCallHashCall {
        targetRollupId, targetAddress, value, data, sourceAddress, sourceRollupId
    };
    ComputeCrossChainProxyAddress => IEEZ::computeCrossChainProxyAddressCall { originalAddress, originalRollupId };
    CreateCrossChainProxy => IEEZ::createCrossChainProxyCall { originalAddress, originalRollupId };
    RegisterRollup => IEEZ::registerRollupCall { rollupContract, initialState };
    SetStateRoot => IEEZ::setStateRootCall { rollupId, newStateRoot };
    AttemptApplyImmediate => IEEZ::attemptApplyImmediateCall { transientIdx };
    ExecuteInContextAndRevert => IEEZ::executeInContextAndRevertCall { callCount };
}

impl Decoded<ManagerCall> {
    /// The call JSON with the input's layout: `{"function", "selector", "args", "layout"}`
    /// (`layout` is [`crate::abi::mode::Layout::to_json`]; [`ManagerCall`]'s JSON parser ignores
    /// it, so the text encodes back to the canonical calldata).
    pub fn to_json(&self) -> Value {
        let mut json = self.value.to_json();
        json["layout"] = self.layout.to_json();
        json
    }
}

impl ManagerCall {
    /// The batch a `postAndVerifyBatch` call carries; `None` for every other function.
    pub fn into_batch(self) -> Option<l1::ProofSystemBatchPerVerificationEntries> {
        match self {
            ManagerCall::PostAndVerifyBatch(call) => Some(call.batch),
            _ => None,
        }
    }

    /// The L2 table `(entries, lookupCalls)` a `loadExecutionTable` or
    /// `executeIncomingCrossChainCall` call carries; `None` for every other function.
    pub fn into_l2_table(self) -> Option<(Vec<l2::ExecutionEntry>, Vec<l2::LookupCall>)> {
        match self {
            ManagerCall::LoadExecutionTable(call) => Some((call.entries, call._lookupCalls)),
            ManagerCall::ExecuteIncomingCrossChainCall(call) => Some((call.entries, call._lookupCalls)),
            _ => None,
        }
    }
}

/// Text as users hold a manager call, read by [`CallOrJson::from_text`]: calldata hex or call JSON
/// is the call; any other JSON is handed back for the caller's own forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallOrJson {
    /// Calldata (`0x…`) or call JSON (`{"function": …}`), decoded.
    Call(Box<ManagerCall>),
    /// JSON that is no call (no `function` member).
    Json(Value),
}

impl CallOrJson {
    /// Reads trimmed `text`: `0x`/`0X`-prefixed text is calldata hex ([`ManagerCall::decode`]),
    /// JSON with a `function` member a call ([`ManagerCall`]'s JSON form), other JSON is returned.
    pub fn from_text(text: &str) -> Result<Self> {
        let text = text.trim();
        if text.starts_with("0x") || text.starts_with("0X") {
            let bytes = crate::json::parse_hex(text, &Path::Root("input"))?;
            return Ok(CallOrJson::Call(Box::new(ManagerCall::decode(&bytes)?)));
        }
        let json = crate::json::parse_json(text)?;
        if json.get("function").is_some() {
            return Ok(CallOrJson::Call(Box::new(ManagerCall::from_json(&json)?)));
        }
        Ok(CallOrJson::Json(json))
    }
}

/// JSON: `{"function": "postAndVerifyBatch", "selector": "0x8b1a095a", "args": {"batch": {…}}}`;
/// `selector` is optional on input but must match the function when present. A `layout` member
/// (what `exectable decode` adds about the input it read) is ignored on input: the call is its
/// values, and encoding it gives the canonical bytes.
impl CanonicalJson for ManagerCall {
    fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("function".into(), Value::String(self.function_name().into()));
        map.insert("selector".into(), Value::String(hex::encode_prefixed(self.selector())));
        map.insert("args".into(), self.args_json());
        Value::Object(map)
    }

    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        let map = expect_object(value, path, &["function", "selector", "args", "layout"])?;
        let name: String = required_field(map, "function", path)?;
        let args = map.get("args").ok_or_else(|| Error::JsonShape {
            path: path.field("args").to_string(),
            message: "missing field".into(),
        })?;
        let call = Self::from_name_and_args(&name, args, &path.field("args"))?;
        if let Some(selector) = map.get("selector") {
            if selector.as_str() != Some(hex::encode_prefixed(call.selector()).as_str()) {
                return Err(Error::invalid(
                    path.field("selector").to_string(),
                    format!("selector {selector} does not match {name}"),
                ));
            }
        }
        Ok(call)
    }
}

/// `postAndVerifyBatch(batch)` calldata (selector `0x8b1a095a`).
pub fn encode_post_and_verify_batch(batch: &l1::ProofSystemBatchPerVerificationEntries) -> Vec<u8> {
    // selector ‖ abi.encode(batch): the one dynamic argument is the 0x20 head then the tuple.
    // Encoding the borrowed batch avoids cloning it into a call struct.
    with_selector(IEEZ::postAndVerifyBatchCall::SELECTOR, &alloy_sol_types::SolValue::abi_encode(batch))
}

fn with_selector(selector: [u8; 4], args: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(4 + args.len());
    out.extend_from_slice(&selector);
    out.extend_from_slice(args);
    out
}

/// Strictly decodes `postAndVerifyBatch` calldata into its batch.
pub fn decode_post_and_verify_batch(calldata: &[u8]) -> Result<l1::ProofSystemBatchPerVerificationEntries> {
    decode_call::<IEEZ::postAndVerifyBatchCall>(calldata).map(|c| c.batch)
}

/// Decodes `postAndVerifyBatch` calldata in `mode` into its batch and the input's layout.
pub fn decode_post_and_verify_batch_with(
    calldata: &[u8],
    mode: DecodeMode,
) -> Result<Decoded<l1::ProofSystemBatchPerVerificationEntries>> {
    decode_call_with::<IEEZ::postAndVerifyBatchCall>(calldata, mode).map(|d| d.map(|c| c.batch))
}

/// L2 `loadExecutionTable(entries, lookupCalls)` calldata (selector `0x59683c8b`).
pub fn encode_load_execution_table(entries: &[l2::ExecutionEntry], lookup_calls: &[l2::LookupCall]) -> Vec<u8> {
    type Args = (Array<l2::ExecutionEntry>, Array<l2::LookupCall>);
    with_selector(IEEZL2::loadExecutionTableCall::SELECTOR, &Args::abi_encode_params(&(entries, lookup_calls)))
}

/// Strictly decodes L2 `loadExecutionTable` calldata into `(entries, lookupCalls)`.
pub fn decode_load_execution_table(calldata: &[u8]) -> Result<(Vec<l2::ExecutionEntry>, Vec<l2::LookupCall>)> {
    decode_call::<IEEZL2::loadExecutionTableCall>(calldata).map(|c| (c.entries, c._lookupCalls))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_carry_their_tables() {
        let batch = l1::ProofSystemBatchPerVerificationEntries {
            entries: vec![l1::ExecutionEntry::default()],
            blockNumber: 7,
            ..Default::default()
        };
        let post = ManagerCall::decode(&encode_post_and_verify_batch(&batch)).unwrap();
        assert_eq!(post.clone().into_batch(), Some(batch));
        assert_eq!(post.into_l2_table(), None);

        let entries = vec![l2::ExecutionEntry::default(); 2];
        let lookups = vec![l2::LookupCall::default()];
        let load = ManagerCall::decode(&encode_load_execution_table(&entries, &lookups)).unwrap();
        assert_eq!(load.clone().into_l2_table(), Some((entries.clone(), lookups.clone())));
        assert_eq!(load.into_batch(), None);
        let incoming = ManagerCall::ExecuteIncomingCrossChainCall(IEEZL2::executeIncomingCrossChainCallCall {
            entries: entries.clone(),
            _lookupCalls: lookups.clone(),
            ..Default::default()
        });
        assert_eq!(incoming.into_l2_table(), Some((entries, lookups)));
        let other = ManagerCall::ExecuteL2TX(IEEZ::executeL2TXCall { rollupId: alloy_primitives::U256::from(1) });
        assert_eq!((other.clone().into_batch(), other.into_l2_table()), (None, None));
    }

    #[test]
    fn text_is_calldata_call_json_or_other_json() {
        let batch = l1::ProofSystemBatchPerVerificationEntries::default();
        let calldata = encode_post_and_verify_batch(&batch);
        let call = ManagerCall::decode(&calldata).unwrap();
        let hex_text = format!("  0X{}\n", hex::encode(&calldata));
        assert_eq!(CallOrJson::from_text(&hex_text).unwrap(), CallOrJson::Call(Box::new(call.clone())));
        let json_text = call.to_json().to_string();
        assert_eq!(CallOrJson::from_text(&json_text).unwrap(), CallOrJson::Call(Box::new(call)));
        let other = batch.to_json();
        assert_eq!(CallOrJson::from_text(&other.to_string()).unwrap(), CallOrJson::Json(other));
        // Errors are the decoder's and the JSON parser's.
        let unknown = CallOrJson::from_text("0xdeadbeef").unwrap_err();
        assert_eq!(unknown.code(), crate::ErrorCode::AbiUnknownSelector);
        assert_eq!(CallOrJson::from_text("{").unwrap_err().code(), crate::ErrorCode::JsonSyntax);
        assert_eq!(CallOrJson::from_text("0x1").unwrap_err().code(), crate::ErrorCode::JsonHex);
    }
}
