//! Event logs of the managers (spec §3 "Events"): raw `(topics, data)` → typed, named events.
//!
//! [`L1Event`] covers every event of the L1 manager (EEZ), [`L2Event`] every event of the L2
//! manager (EEZL2), including the two it inherits from `EEZBase` (`CrossChainCallExecuted`,
//! `CrossChainProxyCreated`, whose signatures and topics are those of L1). `CallResult`,
//! `EntryExecuted` and `RevertSpanExecuted` have the same topic0 on both sides but different field
//! names, so the side must be known to name the fields: decode with [`decode_l1_log`] or
//! [`decode_l2_log`].
//!
//! Decoding is strict: the event is chosen by topic0, the topic count must be the event's, every
//! indexed `address`/`uint64`/`bool` topic must be a valid word of its type, and `data` must be
//! exactly the canonical encoding of the non-indexed fields (see [`layout`](super::layout)).
//! Faults in indexed topics are reported as [`Error::AbiInvalidWord`] with the field name as
//! `path` and `offset = 32 · i` for topic `i` (the word's position in the concatenated topics;
//! topic0 is at 0). Faults in `data` carry the field path and the byte offset inside `data`.
//!
//! JSON form: `{"event": "CallResult", "args": {"entryIndex": "0x0", …}}`, fields in Solidity
//! declaration order (indexed ones included). On input `args` may also be an array of the values
//! in declaration order (the positional form block explorers and `cast` print).

use super::layout::{check_exact, field_shape, Field, Path, Shape, TupleShape};
use super::rejected;
use crate::error::{Error, Result};
use crate::json::{expect_object, parse_hex, required_field, CanonicalJson};
use crate::types::l1::IEEZ;
use crate::types::l2::IEEZL2;
use alloy_primitives::B256;
use alloy_sol_types::{SolEvent, TopicList};
use serde_json::{Map, Value};
use std::borrow::Cow;

/// Per-event metadata the enums dispatch to; implemented by [`event_meta!`] for each event type.
trait EventMeta: SolEvent + Sized {
    /// Every field in declaration order, with whether it is indexed.
    const FIELDS: &'static [(&'static str, bool)];

    /// The tuple of the non-indexed fields, i.e. the layout of the log's `data`.
    fn data_shape() -> &'static TupleShape;

    /// The indexed fields in topic order (topic 1, 2, 3), with their shapes.
    fn topic_shapes() -> &'static [(&'static str, Shape)];

    /// `{field: value, …}` in declaration order.
    fn args_json(&self) -> Value;

    /// Parses the `args` object (every field required, no unknown field).
    fn from_args_object(value: &Value, path: &Path<'_>) -> Result<Self>;

    /// The Solidity event name.
    fn event_name() -> &'static str {
        Self::SIGNATURE.split('(').next().unwrap_or(Self::SIGNATURE)
    }
}

macro_rules! is_indexed {
    (indexed) => {
        true
    };
    () => {
        false
    };
}

/// Implements [`EventMeta`] for event types from their field lists in declaration order;
/// indexed fields are marked `#[indexed]`. A field missing from the list fails to compile
/// (`from_args_object` constructs the struct with every field); a wrong `#[indexed]` marking is
/// caught by the unit test comparing the marks with alloy's topic count and data layout.
macro_rules! event_meta {
    ($($ty:ty { $($(#[$ix:ident])? $field:ident),* $(,)? })*) => {$(
        impl EventMeta for $ty {
            const FIELDS: &'static [(&'static str, bool)] = &[$((stringify!($field), is_indexed!($($ix)?))),*];

            fn data_shape() -> &'static TupleShape {
                static SHAPE: ::std::sync::LazyLock<TupleShape> = ::std::sync::LazyLock::new(|| {
                    #[allow(unused_mut)]
                    let mut fields = Vec::new();
                    $(if !is_indexed!($($ix)?) {
                        fields.push(Field { name: stringify!($field), shape: field_shape(|e: &$ty| &e.$field) });
                    })*
                    TupleShape::new(fields)
                });
                &SHAPE
            }

            fn topic_shapes() -> &'static [(&'static str, Shape)] {
                static SHAPES: ::std::sync::LazyLock<Vec<(&'static str, Shape)>> = ::std::sync::LazyLock::new(|| {
                    #[allow(unused_mut)]
                    let mut topics = Vec::new();
                    $(if is_indexed!($($ix)?) {
                        topics.push((stringify!($field), field_shape(|e: &$ty| &e.$field)));
                    })*
                    topics
                });
                &SHAPES
            }

            fn args_json(&self) -> Value {
                let mut map = Map::new();
                $(map.insert(stringify!($field).to_owned(), CanonicalJson::to_json(&self.$field));)*
                Value::Object(map)
            }

            fn from_args_object(value: &Value, path: &Path<'_>) -> Result<Self> {
                let map = expect_object(value, path, &[$(stringify!($field)),*])?;
                Ok(Self { $($field: required_field(map, stringify!($field), path)?,)* })
            }
        }
    )*};
}

event_meta! {
    IEEZ::BatchPosted { #[indexed] rollupCount }
    IEEZ::CallResult { #[indexed] entryIndex, #[indexed] l2ToL1CallNumber, success, returnData }
    IEEZ::CrossChainCallExecuted { #[indexed] crossChainCallHash, #[indexed] proxy, sourceAddress, callData, value }
    IEEZ::CrossChainProxyCreated { #[indexed] proxy, #[indexed] originalAddress, #[indexed] originalRollupId }
    IEEZ::EntryExecuted { #[indexed] entryIndex, rollingHash, l2ToL1CallsProcessed, l1ToL2CallsConsumed }
    IEEZ::ExecutionConsumed { #[indexed] crossChainCallHash, #[indexed] rollupId, #[indexed] executionQueueIndex }
    IEEZ::ImmediateEntrySkipped { #[indexed] transientIdx, revertData }
    IEEZ::L1ToL2CallConsumed { #[indexed] entryIndex, #[indexed] l1ToL2CallNumber, crossChainCallHash, callCount }
    IEEZ::L1ToL2CallNotFound { #[indexed] entryIndex, #[indexed] crossChainCallHash, currentL2ToL1Call, lastL1ToL2CallConsumed }
    IEEZ::L2ExecutionPerformed { #[indexed] rollupId, newState }
    IEEZ::L2TXExecuted { #[indexed] rollupId, #[indexed] executionQueueIndex }
    IEEZ::RevertSpanExecuted { #[indexed] entryIndex, startL2ToL1Call, span }
    IEEZ::RollupCreated { #[indexed] rollupId, #[indexed] rollupContract, initialState }
    IEEZ::StateUpdated { #[indexed] rollupId, newStateRoot }

    IEEZL2::CallResult { #[indexed] entryIndex, #[indexed] callNumber, success, returnData }
    IEEZL2::EntryExecuted { #[indexed] entryIndex, rollingHash, callsProcessed, outgoingCallsConsumed }
    IEEZL2::ExecutionConsumed { #[indexed] crossChainCallHash, #[indexed] executionIndex }
    IEEZL2::ExecutionTableLoaded { entries }
    IEEZL2::IncomingCrossChainCallExecuted {
        #[indexed] crossChainCallHash, destination, value, data, sourceAddress, sourceRollup
    }
    IEEZL2::OutgoingCallConsumed { #[indexed] entryIndex, #[indexed] nestedNumber, crossChainCallHash, callCount }
    IEEZL2::RevertSpanExecuted { #[indexed] entryIndex, startCallNumber, span }
}

/// Strictly decodes one log as event `E` (topic0 already matched by the caller).
fn decode_as<E: EventMeta>(topics: &[B256], data: &[u8]) -> Result<E> {
    let expected = <E::TopicList as TopicList>::COUNT;
    if topics.len() != expected {
        return Err(Error::AbiBadTopics { name: E::event_name(), found: topics.len(), expected });
    }
    for (i, (name, shape)) in E::topic_shapes().iter().enumerate() {
        if let Shape::Word(kind) = shape {
            if !kind.accepts(&topics[i + 1].0) {
                return Err(Error::AbiInvalidWord { path: (*name).into(), offset: 32 * (i + 1), ty: kind.sol_name() });
            }
        }
    }
    check_exact(data, 0, E::data_shape(), &Path::Root(""))?;
    E::decode_raw_log_validate(topics.iter().copied(), data).map_err(|e| rejected("", e))
}

/// Parses `args` given as an object (named) or an array (positional, declaration order).
fn args_from_json<E: EventMeta>(args: &Value, path: &Path<'_>) -> Result<E> {
    let object = match args {
        Value::Array(items) => {
            if items.len() != E::FIELDS.len() {
                return Err(Error::JsonShape {
                    path: path.to_string(),
                    message: format!("{} takes {} arguments, found {}", E::event_name(), E::FIELDS.len(), items.len()),
                });
            }
            Cow::Owned(Value::Object(
                E::FIELDS.iter().map(|(n, _)| (*n).to_owned()).zip(items.iter().cloned()).collect(),
            ))
        }
        other => Cow::Borrowed(other),
    };
    E::from_args_object(&object, path)
}

fn topic0_of(topics: &[B256]) -> Result<B256> {
    topics
        .first()
        .copied()
        .ok_or(Error::AbiUnknownSelector { what: "event topic", found: "(log has no topics)".into() })
}

macro_rules! event_enum {
    ($(#[doc = $doc:literal])* $enum:ident, $side:literal { $($variant:ident => $ty:ty),* $(,)? }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum $enum {
            $(
                #[doc = concat!("`", stringify!($variant), "` (", $side, ").")]
                $variant($ty),
            )*
        }

        impl $enum {
            /// Every event recognised, as `(name, topic0, canonical signature)`.
            pub const EVENTS: &'static [(&'static str, B256, &'static str)] = &[
                $((stringify!($variant), <$ty as SolEvent>::SIGNATURE_HASH, <$ty as SolEvent>::SIGNATURE),)*
            ];

            /// Strictly decodes a raw log, choosing the event by topic0.
            pub fn decode(topics: &[B256], data: &[u8]) -> Result<Self> {
                crate::limits::check_len("log.data", data.len(), crate::limits::MAX_ABI_BYTES)?;
                let topic0 = topic0_of(topics)?;
                $(if topic0 == <$ty as SolEvent>::SIGNATURE_HASH {
                    return decode_as::<$ty>(topics, data).map($enum::$variant);
                })*
                Err(Error::AbiUnknownSelector { what: "event topic", found: topic0.to_string() })
            }

            /// The Solidity event name (`CallResult`).
            pub fn name(&self) -> &'static str {
                match self { $($enum::$variant(_) => stringify!($variant),)* }
            }

            /// The canonical signature (`CallResult(uint256,uint256,bool,bytes)`).
            pub fn signature(&self) -> &'static str {
                match self { $($enum::$variant(_) => <$ty as SolEvent>::SIGNATURE,)* }
            }

            /// topic0: keccak256 of the canonical signature.
            pub fn topic0(&self) -> B256 {
                match self { $($enum::$variant(_) => <$ty as SolEvent>::SIGNATURE_HASH,)* }
            }

            /// The log as emitted: `(topics, data)`, topic0 first.
            pub fn encode(&self) -> (Vec<B256>, Vec<u8>) {
                match self {
                    $($enum::$variant(e) => (
                        e.encode_topics().into_iter().map(|t| t.0).collect(),
                        e.encode_data(),
                    ),)*
                }
            }

            /// The names of the event's fields in declaration order, indexed ones included.
            pub fn field_names(&self) -> Vec<&'static str> {
                let fields = match self { $($enum::$variant(_) => <$ty as EventMeta>::FIELDS,)* };
                fields.iter().map(|(n, _)| *n).collect()
            }

            fn args_json(&self) -> Value {
                match self { $($enum::$variant(e) => e.args_json(),)* }
            }

            fn from_name_and_args(name: &str, args: &Value, path: &Path<'_>) -> Result<Self> {
                $(if name == stringify!($variant) {
                    return args_from_json::<$ty>(args, path).map($enum::$variant);
                })*
                Err(Error::invalid("event", format!("unknown {} event {name:?}", $side)))
            }
        }

        /// JSON: `{"event": "CallResult", "args": {…}}`; on input `args` may also be positional.
        impl CanonicalJson for $enum {
            fn to_json(&self) -> Value {
                let mut map = Map::new();
                map.insert("event".into(), Value::String(self.name().into()));
                map.insert("args".into(), self.args_json());
                Value::Object(map)
            }

            fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
                let map = expect_object(value, path, &["event", "args"])?;
                let name: String = required_field(map, "event", path)?;
                let args = map.get("args").ok_or_else(|| Error::JsonShape {
                    path: path.field("args").to_string(),
                    message: "missing field".into(),
                })?;
                Self::from_name_and_args(&name, args, &path.field("args"))
            }
        }
    };
}

event_enum! {
    /// An event of the L1 manager (EEZ), decoded from a log.
    L1Event, "L1" {
        BatchPosted => IEEZ::BatchPosted,
        CallResult => IEEZ::CallResult,
        CrossChainCallExecuted => IEEZ::CrossChainCallExecuted,
        CrossChainProxyCreated => IEEZ::CrossChainProxyCreated,
        EntryExecuted => IEEZ::EntryExecuted,
        ExecutionConsumed => IEEZ::ExecutionConsumed,
        ImmediateEntrySkipped => IEEZ::ImmediateEntrySkipped,
        L1ToL2CallConsumed => IEEZ::L1ToL2CallConsumed,
        L1ToL2CallNotFound => IEEZ::L1ToL2CallNotFound,
        L2ExecutionPerformed => IEEZ::L2ExecutionPerformed,
        L2TXExecuted => IEEZ::L2TXExecuted,
        RevertSpanExecuted => IEEZ::RevertSpanExecuted,
        RollupCreated => IEEZ::RollupCreated,
        StateUpdated => IEEZ::StateUpdated,
    }
}

event_enum! {
    /// An event of the L2 manager (EEZL2), decoded from a log; `CrossChainCallExecuted` and
    /// `CrossChainProxyCreated` come from the shared base and use the L1 (`IEEZ`) structs.
    L2Event, "L2" {
        CallResult => IEEZL2::CallResult,
        CrossChainCallExecuted => IEEZ::CrossChainCallExecuted,
        CrossChainProxyCreated => IEEZ::CrossChainProxyCreated,
        EntryExecuted => IEEZL2::EntryExecuted,
        ExecutionConsumed => IEEZL2::ExecutionConsumed,
        ExecutionTableLoaded => IEEZL2::ExecutionTableLoaded,
        IncomingCrossChainCallExecuted => IEEZL2::IncomingCrossChainCallExecuted,
        OutgoingCallConsumed => IEEZL2::OutgoingCallConsumed,
        RevertSpanExecuted => IEEZL2::RevertSpanExecuted,
    }
}

/// Strictly decodes a log emitted by the L1 manager (EEZ).
pub fn decode_l1_log(topics: &[B256], data: &[u8]) -> Result<L1Event> {
    L1Event::decode(topics, data)
}

/// Strictly decodes a log emitted by the L2 manager (EEZL2).
pub fn decode_l2_log(topics: &[B256], data: &[u8]) -> Result<L2Event> {
    L2Event::decode(topics, data)
}

/// Reads the `topics` and `data` of a JSON log object as returned by `eth_getLogs` or found in
/// a receipt's `logs` (other members such as `address` or `blockNumber` are ignored). `data`
/// may be absent (empty data). Topics must be 32-byte `0x`-hex strings.
pub fn raw_log_from_json(value: &Value, path: &Path<'_>) -> Result<(Vec<B256>, Vec<u8>)> {
    let map = value.as_object().ok_or_else(|| Error::JsonShape {
        path: path.to_string(),
        message: "expected a log object with \"topics\" and \"data\"".into(),
    })?;
    let topics_path = path.field("topics");
    let topics: Vec<B256> = match map.get("topics") {
        Some(t) => CanonicalJson::from_json_at(t, &topics_path)?,
        None => return Err(Error::JsonShape { path: topics_path.to_string(), message: "missing field".into() }),
    };
    let data_path = path.field("data");
    let data = match map.get("data") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) => parse_hex(s, &data_path)?,
        Some(_) => {
            return Err(Error::JsonShape { path: data_path.to_string(), message: "expected a 0x-hex string".into() })
        }
    };
    Ok((topics, data))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Top-level parameter types of a canonical signature.
    fn param_types(signature: &str) -> Vec<String> {
        let inner = &signature[signature.find('(').unwrap() + 1..signature.len() - 1];
        let (mut out, mut depth, mut cur) = (Vec::new(), 0, String::new());
        for c in inner.chars() {
            match c {
                ',' if depth == 0 => out.push(std::mem::take(&mut cur)),
                '(' => {
                    depth += 1;
                    cur.push(c)
                }
                ')' => {
                    depth -= 1;
                    cur.push(c)
                }
                _ => cur.push(c),
            }
        }
        if !cur.is_empty() {
            out.push(cur);
        }
        out
    }

    fn check_meta<E: EventMeta>() {
        let indexed = E::FIELDS.iter().filter(|(_, ix)| *ix).count();
        assert_eq!(indexed + 1, <E::TopicList as TopicList>::COUNT, "{}: topic count", E::SIGNATURE);
        let types = param_types(E::SIGNATURE);
        assert_eq!(types.len(), E::FIELDS.len(), "{}: field count", E::SIGNATURE);
        // The data tuple built from the unmarked fields has the signature's non-indexed types,
        // and the topic shapes its indexed ones, position by position.
        let data: Vec<_> = types.iter().zip(E::FIELDS).filter(|(_, f)| !f.1).map(|(t, _)| t.clone()).collect();
        assert_eq!(Shape::Tuple(E::data_shape()).sol_type(), format!("({})", data.join(",")), "{}", E::SIGNATURE);
        let topics: Vec<_> = types.iter().zip(E::FIELDS).filter(|(_, f)| f.1).map(|(t, f)| (f.0, t.clone())).collect();
        let ours: Vec<_> = E::topic_shapes().iter().map(|(n, s)| (*n, s.sol_type())).collect();
        assert_eq!(ours, topics, "{}", E::SIGNATURE);
        assert!(E::SIGNATURE.starts_with(&format!("{}(", E::event_name())));
    }

    macro_rules! check_all {
        ($($ty:ty),*) => {$(check_meta::<$ty>();)*};
    }

    #[test]
    fn indexed_marks_match_alloy() {
        check_all!(
            IEEZ::BatchPosted,
            IEEZ::CallResult,
            IEEZ::CrossChainCallExecuted,
            IEEZ::CrossChainProxyCreated,
            IEEZ::EntryExecuted,
            IEEZ::ExecutionConsumed,
            IEEZ::ImmediateEntrySkipped,
            IEEZ::L1ToL2CallConsumed,
            IEEZ::L1ToL2CallNotFound,
            IEEZ::L2ExecutionPerformed,
            IEEZ::L2TXExecuted,
            IEEZ::RevertSpanExecuted,
            IEEZ::RollupCreated,
            IEEZ::StateUpdated,
            IEEZL2::CallResult,
            IEEZL2::EntryExecuted,
            IEEZL2::ExecutionConsumed,
            IEEZL2::ExecutionTableLoaded,
            IEEZL2::IncomingCrossChainCallExecuted,
            IEEZL2::OutgoingCallConsumed,
            IEEZL2::RevertSpanExecuted
        );
        for events in [L1Event::EVENTS, L2Event::EVENTS] {
            for (name, _, signature) in events {
                assert!(signature.starts_with(&format!("{name}(")), "{name} vs {signature}");
            }
            let mut topics: Vec<_> = events.iter().map(|e| e.1).collect();
            topics.sort();
            topics.dedup();
            assert_eq!(topics.len(), events.len(), "duplicate topic0");
        }
    }
}
