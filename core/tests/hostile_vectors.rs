//! Builds `vectors/exectable-hostile.json`, the hostile-input corpus (docs/RELIABILITY.md), and
//! fails if the committed file differs; `EXECTABLE_WRITE_VECTORS=1 cargo test -p exectable --test
//! hostile_vectors` rewrites it. Every case is then run through the conformance runner.
//!
//! Each case's expected code (with path and offset where core reports them) is what core
//! answers, but only after this file checked it against an oracle of its own: a locator that
//! walks the canonical ABI layout independently of core's walker tells where every offset, length,
//! bool/address/uint64 word and padding run sits, and so which code, path and offset a mutation
//! there must produce. Truncations are grouped into ranges of prefix lengths that fail the same
//! way; the runner (and every binding) runs each length.

use alloy_primitives::{hex, Address, Bytes, B256, U256};
use alloy_sol_types::{SolError, SolEvent};
use exectable::abi::calldata::{
    decode_post_and_verify_batch, decode_post_and_verify_batch_with, encode_load_execution_table,
};
use exectable::abi::layout::{Field, HasShape, HasStaticShape, Shape, TupleShape, WordKind};
use exectable::abi::mode::DecodeMode;
use exectable::commit::{CommittedTable, ExpectedCommitment, InclusionProof};
use exectable::conformance::{run_vectors, HOSTILE_FORMS, HOSTILE_TEXT_FORMS};
use exectable::json::parse_json;
use exectable::ocp::OcpArtifact;
use exectable::public_inputs::{BlobSource, ProofInputDocument, ProofInputRequest};
use exectable::receipt::Receipt;
use exectable::types::{l1, l2, StructKind};
use exectable::{decode_l1_log, decode_l2_log, decode_revert, AbiStruct, CanonicalJson, Error, ErrorCode, ManagerCall};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
const OUT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/exectable-hostile.json");

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{ROOT}/{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn word(v: U256) -> [u8; 32] {
    v.to_be_bytes::<32>()
}

// ---------------------------------------------------------------------------------------------
// Running a form (the same entry points as core/src/conformance/hostile.rs)
// ---------------------------------------------------------------------------------------------

fn bytes_result(form: &str, ty: Option<&str>, topics: &[B256], bytes: &[u8]) -> Result<(), Error> {
    match form {
        "abi" => StructKind::from_name(ty.unwrap()).unwrap().decode_to_json(bytes).map(drop),
        "calldata" => ManagerCall::decode(bytes).map(drop),
        "batchCalldata" => decode_post_and_verify_batch(bytes).map(drop),
        "calldataEvm" => ManagerCall::decode_with(bytes, DecodeMode::Evm).map(drop),
        "batchCalldataEvm" => decode_post_and_verify_batch_with(bytes, DecodeMode::Evm).map(drop),
        "l1Log" => decode_l1_log(topics, bytes).map(drop),
        "l2Log" => decode_l2_log(topics, bytes).map(drop),
        "revert" => decode_revert(bytes).map(drop),
        "proofBinary" => InclusionProof::decode(bytes).map(drop),
        other => panic!("{other} is not a plain byte form"),
    }
}

fn text_result(form: &str, ty: Option<&str>, text: &str) -> Result<(), Error> {
    match form {
        "json" => StructKind::from_name(ty.unwrap()).unwrap().encode_from_json(&parse_json(text)?).map(drop),
        "proofJson" => InclusionProof::from_json(&parse_json(text)?).map(drop),
        "commitmentJson" => ExpectedCommitment::from_json(&parse_json(text)?).map(drop),
        "ocpArtifact" => OcpArtifact::from_json_str(text).map(drop),
        "receipt" => Receipt::from_json_str(text).map(drop),
        "proofInputDocument" => ProofInputDocument::verify(&parse_json(text)?).map(drop),
        other => panic!("{other} is not a text form"),
    }
}

#[track_caller]
fn rejected<T>(r: Result<T, Error>, what: &str) -> Error {
    match r {
        Ok(_) => panic!("{what}: the hostile input was accepted"),
        Err(e) => e,
    }
}

/// What the oracle says a case must produce.
enum Want<'a> {
    /// This code, path and offset.
    Exact(ErrorCode, Option<&'a str>, Option<usize>),
    /// One of these codes.
    OneOf(&'a [ErrorCode]),
}

#[track_caller]
fn check_oracle(id: &str, e: &Error, want: &Want<'_>) {
    match want {
        Want::Exact(code, path, offset) => {
            assert_eq!((e.code(), e.path(), e.offset()), (*code, *path, *offset), "{id}: {e}");
        }
        Want::OneOf(codes) => assert!(codes.contains(&e.code()), "{id}: {e} is not one of {codes:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// The corpus being built
// ---------------------------------------------------------------------------------------------

#[derive(Default)]
struct Corpus {
    sources: Map<String, Value>,
    source_bytes: BTreeMap<String, Vec<u8>>,
    cases: Vec<Value>,
    ids: std::collections::HashSet<String>,
}

fn expected_of(e: &Error, with_path: bool) -> Value {
    let mut m = Map::new();
    m.insert("code".into(), json!(e.code().as_u32()));
    m.insert("name".into(), json!(format!("{:?}", e.code())));
    if let (true, Some(path)) = (with_path, e.path()) {
        m.insert("path".into(), json!(path));
    }
    if let Some(offset) = e.offset() {
        m.insert("offset".into(), json!(offset));
    }
    Value::Object(m)
}

impl Corpus {
    fn source(&mut self, name: &str, bytes: Vec<u8>) {
        self.sources.insert(name.into(), json!(hex::encode_prefixed(&bytes)));
        self.source_bytes.insert(name.into(), bytes);
    }

    fn push(&mut self, id: String, inputs: Value, e: &Error) {
        assert!(self.ids.insert(id.clone()), "duplicate id {id}");
        let form = inputs["form"].as_str().unwrap();
        // Paths are compared where every binding reports core's own: the byte forms and struct
        // JSON (other JSON entry points name their root differently per binding).
        let with_path = !HOSTILE_TEXT_FORMS.contains(&form) || form == "json";
        self.cases
            .push(json!({"id": id, "kind": "hostileInput", "inputs": inputs, "expected": expected_of(e, with_path)}));
    }

    /// A byte case given inline.
    #[track_caller]
    fn bytes_case(&mut self, id: &str, form: &str, ty: Option<&str>, topics: &[B256], bytes: &[u8], want: Want<'_>) {
        let e = rejected(bytes_result(form, ty, topics, bytes), id);
        check_oracle(id, &e, &want);
        let mut inputs = json!({"form": form});
        if let Some(ty) = ty {
            inputs["type"] = json!(ty);
        }
        if form.ends_with("Log") {
            inputs["topics"] = topics.to_vec().to_json();
        }
        inputs["hex"] = json!(hex::encode_prefixed(bytes));
        self.push(format!("{form}-{id}"), inputs, &e);
    }

    /// A case made of a named source with patches and an appended tail.
    #[track_caller]
    #[allow(clippy::too_many_arguments)]
    fn source_case(
        &mut self,
        id: &str,
        form: &str,
        ty: Option<&str>,
        source: &str,
        patches: &[(usize, Vec<u8>)],
        append: &[u8],
        want: Want<'_>,
    ) {
        self.log_source_case(id, form, ty, &[], source, patches, append, want)
    }

    /// [`Corpus::source_case`] for a log: `topics` with the source as its data.
    #[track_caller]
    #[allow(clippy::too_many_arguments)]
    fn log_source_case(
        &mut self,
        id: &str,
        form: &str,
        ty: Option<&str>,
        topics: &[B256],
        source: &str,
        patches: &[(usize, Vec<u8>)],
        append: &[u8],
        want: Want<'_>,
    ) {
        let mut bytes = self.source_bytes[source].clone();
        for (at, new) in patches {
            bytes[*at..*at + new.len()].copy_from_slice(new);
        }
        bytes.extend_from_slice(append);
        let e = rejected(bytes_result(form, ty, topics, &bytes), id);
        check_oracle(id, &e, &want);
        let mut inputs = json!({"form": form});
        if let Some(ty) = ty {
            inputs["type"] = json!(ty);
        }
        if form.ends_with("Log") {
            inputs["topics"] = topics.to_vec().to_json();
        }
        inputs["source"] = json!(source);
        if !patches.is_empty() {
            inputs["patch"] = patches.iter().map(|(at, h)| json!({"at": at, "hex": hex::encode_prefixed(h)})).collect();
        }
        if !append.is_empty() {
            inputs["append"] = json!(hex::encode_prefixed(append));
        }
        self.push(format!("{form}-{source}-{id}"), inputs, &e);
    }

    /// Every prefix of a source, grouped into ranges that fail with the same code, path and offset.
    fn truncations(&mut self, form: &str, ty: Option<&str>, source: &str, allowed: &[ErrorCode]) -> usize {
        let bytes = self.source_bytes[source].clone();
        bytes_result(form, ty, &[], &bytes).unwrap_or_else(|e| panic!("{source} must decode whole: {e}"));
        let mut ranges: Vec<(usize, usize, Error)> = Vec::new();
        for n in 0..bytes.len() {
            let e = rejected(bytes_result(form, ty, &[], &bytes[..n]), &format!("{source} prefix {n}"));
            assert!(allowed.contains(&e.code()), "{source} prefix {n}: {e}");
            match ranges.last_mut() {
                Some((_, to, last))
                    if (last.code(), last.path(), last.offset()) == (e.code(), e.path(), e.offset()) =>
                {
                    *to = n + 1
                }
                _ => ranges.push((n, n + 1, e)),
            }
        }
        let count = ranges.len();
        for (from, to, e) in ranges {
            let mut inputs = json!({"form": form});
            if let Some(ty) = ty {
                inputs["type"] = json!(ty);
            }
            inputs["source"] = json!(source);
            inputs["prefixFrom"] = json!(from);
            inputs["prefixTo"] = json!(to);
            self.push(format!("{form}-{source}-prefix-{from}-{to}"), inputs, &e);
        }
        count
    }

    #[track_caller]
    fn text_case(&mut self, id: &str, form: &str, ty: Option<&str>, text: &str, want: Want<'_>) {
        let e = rejected(text_result(form, ty, text), id);
        check_oracle(id, &e, &want);
        let mut inputs = json!({"form": form});
        if let Some(ty) = ty {
            inputs["type"] = json!(ty);
        }
        inputs["text"] = json!(text);
        self.push(format!("{form}-{id}"), inputs, &e);
    }
}

// ---------------------------------------------------------------------------------------------
// The layout locator: an independent walk of a canonical encoding
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Slot {
    /// An offset word at `pos` holding `value`.
    Offset { pos: usize, path: String, value: usize },
    /// A length word at `pos`; each unit is `unit` bytes of data (1 for bytes, the head size for arrays).
    Length { pos: usize, path: String, unit: usize },
    /// A bool, address or uint64 word.
    Word { pos: usize, path: String, kind: WordKind },
    /// Zero padding after `bytes` data, `start..end`.
    Padding { start: usize, end: usize, path: String },
}

fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent}.{name}")
    }
}

fn index(parent: &str, i: usize) -> String {
    format!("{}[{i}]", if parent.is_empty() { "$" } else { parent })
}

struct Locator<'a> {
    buf: &'a [u8],
    slots: Vec<Slot>,
}

impl Locator<'_> {
    fn read(&self, pos: usize) -> usize {
        U256::from_be_slice(&self.buf[pos..pos + 32]).to::<usize>()
    }

    /// Members at `start` (heads), offsets relative to `start`; returns the end of the last tail.
    fn members(&mut self, start: usize, members: &[(String, Shape)]) -> usize {
        let mut head = start;
        let mut end = start + members.iter().map(|(_, s)| s.head_size()).sum::<usize>();
        for (path, shape) in members {
            if shape.is_dynamic() {
                let value = self.read(head);
                self.slots.push(Slot::Offset { pos: head, path: path.clone(), value });
                end = end.max(self.dynamic(start + value, *shape, path));
                head += 32;
            } else {
                self.inline(head, *shape, path);
                head += shape.head_size();
            }
        }
        end
    }

    fn tuple(&mut self, start: usize, t: &TupleShape, path: &str) -> usize {
        let members: Vec<_> = t.fields.iter().map(|f| (join(path, f.name), f.shape)).collect();
        self.members(start, &members)
    }

    fn inline(&mut self, pos: usize, shape: Shape, path: &str) {
        match shape {
            Shape::Word(kind @ (WordKind::Bool | WordKind::Address | WordKind::Uint64)) => {
                self.slots.push(Slot::Word { pos, path: path.into(), kind })
            }
            Shape::Word(_) => {}
            Shape::Tuple(t) => {
                self.tuple(pos, t, path);
            }
            _ => unreachable!("dynamic shapes are never inline"),
        }
    }

    fn dynamic(&mut self, pos: usize, shape: Shape, path: &str) -> usize {
        match shape {
            Shape::Bytes => {
                let len = self.read(pos);
                self.slots.push(Slot::Length { pos, path: path.into(), unit: 1 });
                let (start, end) = (pos + 32 + len, pos + 32 + len.div_ceil(32) * 32);
                if end > start {
                    self.slots.push(Slot::Padding { start, end, path: path.into() });
                }
                end
            }
            Shape::Array(elem) => {
                let n = self.read(pos);
                self.slots.push(Slot::Length { pos, path: path.into(), unit: elem.head_size() });
                let members: Vec<_> = (0..n).map(|i| (index(path, i), *elem)).collect();
                self.members(pos + 32, &members)
            }
            Shape::Tuple(t) => self.tuple(pos, t, path),
            Shape::Word(_) => unreachable!("words are never dynamic"),
        }
    }
}

/// The slots of `abi.encode(value)` of a struct of `shape`.
fn locate_struct(buf: &[u8], shape: Shape) -> Vec<Slot> {
    let mut l = Locator { buf, slots: Vec::new() };
    let end = if shape.is_dynamic() {
        l.slots.push(Slot::Offset { pos: 0, path: "$".into(), value: 32 });
        l.dynamic(32, shape, "")
    } else {
        l.inline(0, shape, "");
        shape.head_size()
    };
    assert_eq!(end, buf.len(), "locator walked the whole encoding");
    l.slots
}

/// The slots of a parameter tuple at `start` (calldata, revert data: 4; log data: 0).
fn locate_params(buf: &[u8], start: usize, params: &TupleShape) -> Vec<Slot> {
    let mut l = Locator { buf, slots: Vec::new() };
    let end = l.tuple(start, params, "");
    assert_eq!(end, buf.len(), "locator walked the whole encoding");
    l.slots
}

fn tuple_of(shape: Shape) -> &'static TupleShape {
    match shape {
        Shape::Tuple(t) => t,
        _ => panic!("not a tuple"),
    }
}

/// How many mutations of each slot kind to make.
#[derive(Clone, Copy)]
enum Depth {
    /// Every offset and length variant.
    Full,
    /// Two variants of each offset and length.
    Light,
}

/// The mutations of every slot of a source, each with the exact code, path and offset the oracle
/// derives from the slot. Returns the number of cases added.
fn slot_cases(c: &mut Corpus, form: &str, ty: Option<&str>, source: &str, slots: &[Slot], depth: Depth) -> usize {
    let len = c.source_bytes[source].len();
    let before = c.cases.len();
    let huge: &[(&str, U256)] = &[
        ("2pow32", U256::from(1u64 << 32)),
        ("2pow64-1", U256::from(u64::MAX)),
        ("2pow64", U256::from(1u8) << 64),
        ("2pow256-1", U256::MAX),
    ];
    for slot in slots {
        match slot {
            Slot::Offset { pos, path, value } => {
                let mut variants: Vec<(String, U256)> =
                    vec![("plus32".into(), U256::from(value + 32)), ("2pow64".into(), U256::from(1u8) << 64)];
                if let Depth::Full = depth {
                    variants.push(("intoHead".into(), U256::ZERO));
                    if *value >= 32 {
                        variants.push(("minus32".into(), U256::from(value - 32)));
                    }
                    variants.push(("pastEnd".into(), U256::from(len)));
                    variants.extend(huge.iter().filter(|(n, _)| *n != "2pow64").map(|(n, v)| ((*n).into(), *v)));
                }
                for (name, v) in variants {
                    if v == U256::from(*value) {
                        continue;
                    }
                    let want = Want::Exact(ErrorCode::AbiBadOffset, Some(path), Some(*pos));
                    c.source_case(
                        &format!("offset-{pos}-{name}"),
                        form,
                        ty,
                        source,
                        &[(*pos, word(v).to_vec())],
                        &[],
                        want,
                    );
                }
            }
            Slot::Length { pos, path, unit } => {
                let available = len - (pos + 32);
                let mut variants: Vec<(String, U256)> =
                    vec![("justBeyond".into(), U256::from(available / unit + 1)), ("2pow32".into(), huge[0].1)];
                if let Depth::Full = depth {
                    variants.extend(huge[1..].iter().map(|(n, v)| ((*n).into(), *v)));
                }
                for (name, v) in variants {
                    let want = Want::Exact(ErrorCode::AbiLengthTooLarge, Some(path), Some(*pos));
                    c.source_case(
                        &format!("length-{pos}-{name}"),
                        form,
                        ty,
                        source,
                        &[(*pos, word(v).to_vec())],
                        &[],
                        want,
                    );
                }
            }
            Slot::Word { pos, path, kind } => {
                let (name, at, byte) = match kind {
                    WordKind::Bool => ("bool2", pos + 31, 2u8),
                    WordKind::Address => ("addressHighByte", *pos, 1),
                    WordKind::Uint64 => ("uint64Bit64", pos + 23, 1),
                    _ => unreachable!(),
                };
                let mut patched = c.source_bytes[source][*pos..pos + 32].to_vec();
                patched[at - pos] |= byte;
                let want = Want::Exact(ErrorCode::AbiInvalidWord, Some(path), Some(*pos));
                c.source_case(&format!("word-{pos}-{name}"), form, ty, source, &[(*pos, patched)], &[], want);
            }
            Slot::Padding { start, end, path } => {
                let mut at = vec![end - 1];
                if let (Depth::Full, true) = (depth, *start < end - 1) {
                    at.insert(0, *start);
                }
                for p in at {
                    let want = Want::Exact(ErrorCode::AbiDirtyPadding, Some(path), Some(p));
                    c.source_case(&format!("padding-{p}"), form, ty, source, &[(p, vec![0x01])], &[], want);
                }
            }
        }
    }
    for extra in [1usize, 31, 32] {
        let want = Want::Exact(ErrorCode::AbiTrailingBytes, None, Some(len));
        c.source_case(&format!("trailing-{extra}"), form, ty, source, &[], &vec![0u8; extra], want);
    }
    c.cases.len() - before
}

// ---------------------------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------------------------

fn demo_calldata() -> Vec<u8> {
    hex::decode(read("vectors/demo/postAndVerifyBatch-006.hex").trim()).unwrap()
}

fn demo_batch() -> l1::ProofSystemBatchPerVerificationEntries {
    exectable::abi::calldata::decode_post_and_verify_batch(&demo_calldata()).unwrap()
}

fn demo_table() -> CommittedTable {
    let batch = demo_batch();
    CommittedTable::of_batch(&batch, &BlobSource::Resolved(vec![B256::ZERO; batch.blobIndices.len()])).unwrap()
}

/// A small entry with one of every nested member, for the JSON cases.
fn small_entry() -> l1::ExecutionEntry {
    let call = l1::L2ToL1Call {
        targetAddress: Address::repeat_byte(0xaa),
        value: U256::from(5u8),
        data: Bytes::from_static(&[0xa1, 0xb2, 0xc3]),
        sourceAddress: Address::repeat_byte(0xbb),
        sourceRollupId: U256::from(2u8),
        revertSpan: U256::ZERO,
    };
    l1::ExecutionEntry {
        stateDeltas: vec![l1::StateDelta {
            rollupId: U256::from(1u8),
            currentState: B256::repeat_byte(0x11),
            newState: B256::repeat_byte(0x22),
            etherDelta: alloy_primitives::I256::try_from(-3).unwrap(),
        }],
        proxyEntryHash: B256::repeat_byte(0x33),
        destinationRollupId: U256::from(1u8),
        l2ToL1Calls: vec![call.clone()],
        expectedL1ToL2Calls: vec![l1::ExpectedL1ToL2Call {
            crossChainCallHash: B256::repeat_byte(0x44),
            callCount: U256::from(1u8),
            returnData: Bytes::from_static(&[1, 2]),
        }],
        expectedLookups: vec![l1::ExpectedLookup {
            crossChainCallHash: B256::repeat_byte(0x55),
            returnData: Bytes::new(),
            failed: true,
            l2ToL1CallNumber: 1,
            lastL1ToL2CallConsumed: 0,
            executingLookupIndex: 0,
            l2ToL1Calls: vec![call],
            expectedL1ToL2Calls: vec![],
            callCount: U256::from(1u8),
            rollingHash: B256::repeat_byte(0x66),
        }],
        callCount: U256::from(2u8),
        returnData: Bytes::from_static(&[0xff]),
        rollingHash: B256::repeat_byte(0x77),
    }
}

// ---------------------------------------------------------------------------------------------
// Case groups
// ---------------------------------------------------------------------------------------------

const TRUNCATION_CODES: &[ErrorCode] = &[ErrorCode::AbiTruncated, ErrorCode::AbiLengthTooLarge];

fn abi_cases(c: &mut Corpus, counts: &mut BTreeMap<String, usize>) {
    // The demo batch's calldata and its largest entry: every prefix, every slot mutated.
    let calldata = demo_calldata();
    let batch = demo_batch();
    c.source("demoCalldata", calldata.clone());
    let entry = batch.entries.iter().max_by_key(|e| e.abi_encode_struct().len()).unwrap().clone();
    c.source("demoEntry", entry.abi_encode_struct());
    let ty = Some("l1.ExecutionEntry");
    counts
        .insert("calldata truncation ranges".into(), c.truncations("calldata", None, "demoCalldata", TRUNCATION_CODES));
    counts.insert("abi truncation ranges".into(), c.truncations("abi", ty, "demoEntry", TRUNCATION_CODES));

    let params = tuple_of(*<l1::IEEZ::postAndVerifyBatchCall as HasStaticShape>::static_shape());
    let slots = locate_params(&calldata, 4, params);
    counts.insert("calldata slots".into(), slot_cases(c, "calldata", None, "demoCalldata", &slots, Depth::Light));
    let slots = locate_struct(&c.source_bytes["demoEntry"].clone(), *l1::ExecutionEntry::static_shape());
    counts.insert("abi slots".into(), slot_cases(c, "abi", ty, "demoEntry", &slots, Depth::Full));

    // Lookup calls: the demo's lookup call, mutated lightly.
    c.source("demoLookupCall", batch.l1ToL2lookupCalls[0].abi_encode_struct());
    let slots = locate_struct(&c.source_bytes["demoLookupCall"].clone(), *l1::LookupCall::static_shape());
    slot_cases(c, "abi", Some("l1.LookupCall"), "demoLookupCall", &slots, Depth::Light);

    // Every struct: empty input, one byte short, one byte too many.
    let defaults: Vec<(&str, Vec<u8>)> = vec![
        ("l1.StateDelta", l1::StateDelta::default().abi_encode_struct()),
        ("l1.L2ToL1Call", l1::L2ToL1Call::default().abi_encode_struct()),
        ("l1.ExpectedL1ToL2Call", l1::ExpectedL1ToL2Call::default().abi_encode_struct()),
        ("l1.ExpectedLookup", l1::ExpectedLookup::default().abi_encode_struct()),
        ("l1.ExecutionEntry", l1::ExecutionEntry::default().abi_encode_struct()),
        ("l1.ExpectedStateRootPerRollup", l1::ExpectedStateRootPerRollup::default().abi_encode_struct()),
        ("l1.LookupCall", l1::LookupCall::default().abi_encode_struct()),
        ("l1.RollupIdWithProofSystems", l1::RollupIdWithProofSystems::default().abi_encode_struct()),
        (
            "l1.ProofSystemBatchPerVerificationEntries",
            l1::ProofSystemBatchPerVerificationEntries::default().abi_encode_struct(),
        ),
        ("l2.CrossChainCall", l2::CrossChainCall::default().abi_encode_struct()),
        ("l2.ExpectedOutgoingCrossChainCall", l2::ExpectedOutgoingCrossChainCall::default().abi_encode_struct()),
        ("l2.ExpectedLookup", l2::ExpectedLookup::default().abi_encode_struct()),
        ("l2.ExecutionEntry", l2::ExecutionEntry::default().abi_encode_struct()),
        ("l2.LookupCall", l2::LookupCall::default().abi_encode_struct()),
    ];
    assert_eq!(defaults.len(), StructKind::ALL.len());
    for (name, enc) in defaults {
        let id = name.replace('.', "-");
        let ty = Some(name);
        c.bytes_case(
            &format!("{id}-empty"),
            "abi",
            ty,
            &[],
            &[],
            Want::Exact(ErrorCode::AbiTruncated, Some("$"), Some(0)),
        );
        let short = &enc[..enc.len() - 1];
        c.bytes_case(&format!("{id}-one-byte-short"), "abi", ty, &[], short, Want::OneOf(TRUNCATION_CODES));
        let mut long = enc.clone();
        long.push(0);
        let want = Want::Exact(ErrorCode::AbiTrailingBytes, None, Some(enc.len()));
        c.bytes_case(&format!("{id}-one-byte-over"), "abi", ty, &[], &long, want);
    }

    // Huge lengths in tiny inputs: `abi.encode(ExpectedL1ToL2Call{…, returnData: ""})` is
    // 0x20 | hash | callCount | 0x60 | length; `RollupIdWithProofSystems{id, []}` is 0x20 | id | 0x40 | length.
    let tiny = l1::ExpectedL1ToL2Call::default().abi_encode_struct();
    let array = l1::RollupIdWithProofSystems::default().abi_encode_struct();
    for (name, v) in
        [("2pow32", U256::from(1u64 << 32)), ("2pow64-1", U256::from(u64::MAX)), ("2pow255", U256::from(1u8) << 255)]
    {
        let mut bad = tiny.clone();
        bad[128..160].copy_from_slice(&word(v));
        let want = Want::Exact(ErrorCode::AbiLengthTooLarge, Some("returnData"), Some(128));
        c.bytes_case(&format!("tiny-bytes-length-{name}"), "abi", Some("l1.ExpectedL1ToL2Call"), &[], &bad, want);
        let mut bad = array.clone();
        bad[96..128].copy_from_slice(&word(v));
        let want = Want::Exact(ErrorCode::AbiLengthTooLarge, Some("proofSystemIndex"), Some(96));
        c.bytes_case(&format!("tiny-array-length-{name}"), "abi", Some("l1.RollupIdWithProofSystems"), &[], &bad, want);
    }
}

fn calldata_cases(c: &mut Corpus) {
    let calldata = c.source_bytes["demoCalldata"].clone();
    let selectors: &[(&str, [u8; 4], ErrorCode)] = &[
        ("unknown-deadbeef", [0xde, 0xad, 0xbe, 0xef], ErrorCode::AbiUnknownSelector),
        ("unknown-zero", [0, 0, 0, 0], ErrorCode::AbiUnknownSelector),
        ("error-selector", <l1::IEEZ::StateRootMismatch as SolError>::SELECTOR, ErrorCode::AbiUnknownSelector),
    ];
    for (name, sel, code) in selectors {
        c.source_case(
            &format!("selector-{name}"),
            "calldata",
            None,
            "demoCalldata",
            &[(0, sel.to_vec())],
            &[],
            Want::Exact(*code, None, None),
        );
    }
    // loadExecutionTable's selector over the batch's arguments: decoded as that function, which fails.
    let load = encode_load_execution_table(&[], &[]);
    c.source_case(
        "selector-loadExecutionTable",
        "calldata",
        None,
        "demoCalldata",
        &[(0, load[..4].to_vec())],
        &[],
        Want::OneOf(&[
            ErrorCode::AbiBadOffset,
            ErrorCode::AbiLengthTooLarge,
            ErrorCode::AbiTruncated,
            ErrorCode::AbiInvalidWord,
            ErrorCode::AbiTrailingBytes,
        ]),
    );
    for (name, bytes) in [("empty", vec![]), ("three-bytes", calldata[..3].to_vec())] {
        c.bytes_case(
            &format!("selector-{name}"),
            "calldata",
            None,
            &[],
            &bytes,
            Want::Exact(ErrorCode::AbiTruncated, Some("selector"), Some(0)),
        );
    }
    c.bytes_case(
        "selector-only",
        "calldata",
        None,
        &[],
        &calldata[..4],
        Want::Exact(ErrorCode::AbiTruncated, Some("$"), Some(4)),
    );
    // loadExecutionTable with a huge entries length: selector | 0x40 | 0x60 | length 2^64-1 | 0.
    let mut bad = load.clone();
    assert_eq!(bad.len(), 4 + 128);
    bad[68..100].copy_from_slice(&word(U256::from(u64::MAX)));
    c.bytes_case(
        "loadExecutionTable-entries-2pow64-1",
        "calldata",
        None,
        &[],
        &bad,
        Want::Exact(ErrorCode::AbiLengthTooLarge, Some("entries"), Some(68)),
    );
    let mut bad = load;
    bad[4..36].copy_from_slice(&word(U256::from(usize::MAX as u64 - 31)));
    c.bytes_case(
        "loadExecutionTable-offset-near-usize-max",
        "calldata",
        None,
        &[],
        &bad,
        Want::Exact(ErrorCode::AbiBadOffset, Some("entries"), Some(4)),
    );
}

/// `postAndVerifyBatch` calldata read by the batch decoder, which takes no other function.
fn batch_calldata_cases(c: &mut Corpus) {
    let load = encode_load_execution_table(&[], &[]);
    let wrong = |c: &mut Corpus, id: &str, sel: &[u8]| {
        let want = Want::Exact(ErrorCode::AbiWrongSelector, None, None);
        c.source_case(id, "batchCalldata", None, "demoCalldata", &[(0, sel.to_vec())], &[], want);
    };
    wrong(c, "selector-loadExecutionTable", &load[..4]);
    wrong(c, "selector-deadbeef", &[0xde, 0xad, 0xbe, 0xef]);
    wrong(c, "selector-zero", &[0, 0, 0, 0]);
    wrong(c, "selector-error", &<l1::IEEZ::StateRootMismatch as SolError>::SELECTOR);
    c.bytes_case(
        "loadExecutionTable-calldata",
        "batchCalldata",
        None,
        &[],
        &load,
        Want::Exact(ErrorCode::AbiWrongSelector, None, None),
    );
    c.bytes_case(
        "empty",
        "batchCalldata",
        None,
        &[],
        &[],
        Want::Exact(ErrorCode::AbiTruncated, Some("selector"), Some(0)),
    );
    let calldata = c.source_bytes["demoCalldata"].clone();
    c.bytes_case(
        "selector-only",
        "batchCalldata",
        None,
        &[],
        &calldata[..4],
        Want::Exact(ErrorCode::AbiTruncated, Some("$"), Some(4)),
    );
    let want = Want::Exact(ErrorCode::AbiBadOffset, Some("batch"), Some(4));
    c.source_case(
        "batch-offset-plus32",
        "batchCalldata",
        None,
        "demoCalldata",
        &[(4, word(U256::from(64u8)).to_vec())],
        &[],
        want,
    );
    let want = Want::Exact(ErrorCode::AbiTrailingBytes, None, Some(calldata.len()));
    c.source_case("trailing-1", "batchCalldata", None, "demoCalldata", &[], &[0], want);
}

/// Calldata read as the compiled contract reads it (`calldataEvm`, `batchCalldataEvm`,
/// docs/CODEC.md "EVM decoding"): only what the contract's own decoder refuses is hostile here —
/// an address/bool/uint64 word out of range (105), an offset past the end or above 2^64 (102), a
/// length above 2^64 − 1 or beyond the input (103), a batch head that does not fit (101) — each at
/// the word the locator names. Moved tails, dirty padding and trailing bytes are accepted in this
/// mode (they are the strict forms' cases); negative (wrapping) offsets may be accepted too.
fn evm_calldata_cases(c: &mut Corpus) -> usize {
    let before = c.cases.len();
    let calldata = c.source_bytes["demoCalldata"].clone();
    let params = tuple_of(*<l1::IEEZ::postAndVerifyBatchCall as HasStaticShape>::static_shape());
    let slots = locate_params(&calldata, 4, params);
    // The batch decoder gets every slot; the any-function decoder (same walk) every fifth.
    for (form, step) in [("batchCalldataEvm", 1), ("calldataEvm", 5)] {
        for slot in slots.iter().step_by(step) {
            match slot {
                Slot::Word { pos, path, kind } => {
                    let at = match kind {
                        WordKind::Bool => pos + 30,
                        WordKind::Address => *pos,
                        _ => pos + 23,
                    };
                    let mut patched = calldata[*pos..pos + 32].to_vec();
                    patched[at - pos] |= 1;
                    let want = Want::Exact(ErrorCode::AbiInvalidWord, Some(path), Some(*pos));
                    c.source_case(&format!("word-{pos}"), form, None, "demoCalldata", &[(*pos, patched)], &[], want);
                }
                // The batch's own offset (at 4) is checked against 2^64 − 1, then its head must fit.
                Slot::Offset { pos: 4, path, .. } => {
                    for (name, v, code) in [
                        ("2pow64", U256::from(1u8) << 64, ErrorCode::AbiBadOffset),
                        ("pastEnd", U256::from(calldata.len()), ErrorCode::AbiTruncated),
                    ] {
                        let want = Want::Exact(code, Some(path), Some(4));
                        c.source_case(
                            &format!("offset-4-{name}"),
                            form,
                            None,
                            "demoCalldata",
                            &[(4, word(v).to_vec())],
                            &[],
                            want,
                        );
                    }
                }
                Slot::Offset { pos, path, .. } => {
                    for (name, v) in [
                        ("pastEnd", U256::from(calldata.len())),
                        ("2pow32", U256::from(1u64 << 32)),
                        ("2pow64", U256::from(1u8) << 64),
                        ("2pow255-1", U256::MAX >> 1),
                    ] {
                        let want = Want::Exact(ErrorCode::AbiBadOffset, Some(path), Some(*pos));
                        let id = format!("offset-{pos}-{name}");
                        c.source_case(&id, form, None, "demoCalldata", &[(*pos, word(v).to_vec())], &[], want);
                    }
                }
                Slot::Length { pos, path, unit } => {
                    let available = calldata.len() - (pos + 32);
                    for (name, v) in [
                        ("justBeyond", U256::from(available / unit + 1)),
                        ("2pow32", U256::from(1u64 << 32)),
                        ("2pow64", U256::from(1u8) << 64),
                        ("2pow256-1", U256::MAX),
                    ] {
                        let want = Want::Exact(ErrorCode::AbiLengthTooLarge, Some(path), Some(*pos));
                        let id = format!("length-{pos}-{name}");
                        c.source_case(&id, form, None, "demoCalldata", &[(*pos, word(v).to_vec())], &[], want);
                    }
                }
                Slot::Padding { .. } => {}
            }
        }
    }
    c.cases.len() - before
}

fn revert_cases(c: &mut Corpus) {
    let error = alloy_sol_types::Revert { reason: "boom".into() }.abi_encode();
    c.source("revertErrorString", error.clone());
    let slots = locate_params(&error, 4, tuple_of(*alloy_sol_types::Revert::static_shape()));
    slot_cases(c, "revert", None, "revertErrorString", &slots, Depth::Full);
    // A reason that is not UTF-8: the layout is canonical, the string is not.
    c.source_case(
        "reason-not-utf8",
        "revert",
        None,
        "revertErrorString",
        &[(68, vec![0xff, 0xfe])],
        &[],
        Want::Exact(ErrorCode::AbiRejected, Some("$"), None),
    );

    let context = l1::IEEZ::UnexpectedContextRevert { revertData: Bytes::from_static(&[1, 2, 3, 4, 5]) }.abi_encode();
    c.source("revertUnexpectedContext", context.clone());
    let slots = locate_params(&context, 4, tuple_of(*l1::IEEZ::UnexpectedContextRevert::static_shape()));
    slot_cases(c, "revert", None, "revertUnexpectedContext", &slots, Depth::Light);

    let panic = alloy_sol_types::Panic { code: U256::from(0x32) }.abi_encode();
    let mismatch = l1::IEEZ::StateRootMismatch { rollupId: U256::from(7u8) }.abi_encode();
    c.bytes_case(
        "panic-one-byte-short",
        "revert",
        None,
        &[],
        &panic[..panic.len() - 1],
        Want::Exact(ErrorCode::AbiTruncated, Some("$"), Some(4)),
    );
    c.bytes_case(
        "panic-trailing",
        "revert",
        None,
        &[],
        &[panic.as_slice(), &[0]].concat(),
        Want::Exact(ErrorCode::AbiTrailingBytes, None, Some(36)),
    );
    c.bytes_case(
        "stateRootMismatch-selector-only",
        "revert",
        None,
        &[],
        &mismatch[..4],
        Want::Exact(ErrorCode::AbiTruncated, Some("$"), Some(4)),
    );
    c.bytes_case(
        "unknown-selector",
        "revert",
        None,
        &[],
        &[0xde, 0xad, 0xbe, 0xef],
        Want::Exact(ErrorCode::AbiUnknownSelector, None, None),
    );
    c.bytes_case("empty", "revert", None, &[], &[], Want::Exact(ErrorCode::AbiTruncated, Some("selector"), Some(0)));
    c.bytes_case(
        "two-bytes",
        "revert",
        None,
        &[],
        &[0x08, 0xc3],
        Want::Exact(ErrorCode::AbiTruncated, Some("selector"), Some(0)),
    );
}

fn log_cases(c: &mut Corpus) {
    // BatchPosted(uint256 indexed rollupCount): two topics, no data.
    let posted = l1::IEEZ::BatchPosted { rollupCount: U256::from(2u8) }.encode_log_data();
    let topics = posted.topics().to_vec();
    let bad_topics = Want::Exact(ErrorCode::AbiBadTopics, None, None);
    c.bytes_case(
        "batchPosted-extra-topic",
        "l1Log",
        None,
        &[topics.as_slice(), &[B256::ZERO]].concat(),
        &[],
        bad_topics,
    );
    c.bytes_case(
        "batchPosted-missing-topic",
        "l1Log",
        None,
        &topics[..1],
        &[],
        Want::Exact(ErrorCode::AbiBadTopics, None, None),
    );
    c.bytes_case(
        "batchPosted-data",
        "l1Log",
        None,
        &topics,
        &[0],
        Want::Exact(ErrorCode::AbiTrailingBytes, None, Some(0)),
    );
    c.bytes_case("no-topics", "l1Log", None, &[], &[], Want::Exact(ErrorCode::AbiUnknownSelector, None, None));
    c.bytes_case(
        "unknown-topic0",
        "l1Log",
        None,
        &[B256::repeat_byte(0xee)],
        &[],
        Want::Exact(ErrorCode::AbiUnknownSelector, None, None),
    );
    // The L2 manager's log decoder does not know L1-only events.
    c.bytes_case("l1-event-on-l2", "l2Log", None, &topics, &[], Want::Exact(ErrorCode::AbiUnknownSelector, None, None));

    // CallResult(entryIndex indexed, l2ToL1CallNumber indexed, bool success, bytes returnData).
    let result = l1::IEEZ::CallResult {
        entryIndex: U256::from(1u8),
        l2ToL1CallNumber: U256::from(2u8),
        success: true,
        returnData: Bytes::from_static(&[9, 8, 7]),
    }
    .encode_log_data();
    let shape = Box::leak(Box::new(TupleShape::new(vec![
        Field { name: "success", shape: Shape::Word(WordKind::Bool) },
        Field { name: "returnData", shape: Shape::Bytes },
    ])));
    let topics = result.topics().to_vec();
    let data = result.data.to_vec();
    for slot in locate_params(&data, 0, shape) {
        let (pos, path, v, code) = match &slot {
            Slot::Offset { pos, path, .. } => {
                (*pos, path.clone(), word(U256::from(1u8) << 64).to_vec(), ErrorCode::AbiBadOffset)
            }
            Slot::Length { pos, path, .. } => {
                (*pos, path.clone(), word(U256::from(1u64 << 32)).to_vec(), ErrorCode::AbiLengthTooLarge)
            }
            Slot::Word { pos, path, .. } => {
                (*pos, path.clone(), word(U256::from(2u8)).to_vec(), ErrorCode::AbiInvalidWord)
            }
            Slot::Padding { end, path, .. } => (end - 1, path.clone(), vec![1], ErrorCode::AbiDirtyPadding),
        };
        let mut bad = data.clone();
        bad[pos..pos + v.len()].copy_from_slice(&v);
        let id = format!("callResult-{code:?}-{pos}");
        c.bytes_case(&id, "l1Log", None, &topics, &bad, Want::Exact(code, Some(&path), Some(pos)));
        c.bytes_case(&id, "l2Log", None, &topics_l2(&topics), &bad, Want::Exact(code, Some(&path), Some(pos)));
    }
    c.bytes_case(
        "callResult-truncated",
        "l1Log",
        None,
        &topics,
        &data[..data.len() - 1],
        Want::Exact(ErrorCode::AbiTruncated, Some("returnData"), Some(99)),
    );

    // CrossChainCallExecuted(bytes32 indexed hash, address indexed proxy, …): topic 2 is an address.
    let executed = l1::IEEZ::CrossChainCallExecuted {
        crossChainCallHash: B256::repeat_byte(1),
        proxy: Address::repeat_byte(2),
        sourceAddress: Address::repeat_byte(3),
        callData: Bytes::new(),
        value: U256::ZERO,
    }
    .encode_log_data();
    let mut topics = executed.topics().to_vec();
    topics[2].0[0] = 1;
    c.bytes_case(
        "crossChainCallExecuted-proxy-topic-high-bits",
        "l1Log",
        None,
        &topics,
        &executed.data,
        Want::Exact(ErrorCode::AbiInvalidWord, Some("proxy"), Some(64)),
    );

    // ExecutionTableLoaded(ExecutionEntry[] entries) on L2: the demo's entries as L2 entries.
    let entries: Vec<l2::ExecutionEntry> = demo_batch().entries.iter().map(exectable::replay::l2_entry_of).collect();
    let loaded = l2::IEEZL2::ExecutionTableLoaded { entries }.encode_log_data();
    let shape = Box::leak(Box::new(TupleShape::new(vec![Field {
        name: "entries",
        shape: Vec::<l2::ExecutionEntry>::shape(),
    }])));
    let topics = loaded.topics().to_vec();
    let data = loaded.data.to_vec();
    c.source("executionTableLoadedData", data.clone());
    for (i, slot) in locate_params(&data, 0, shape).into_iter().enumerate().filter(|(i, _)| i % 3 == 0) {
        let (pos, path, v, code) = match &slot {
            Slot::Offset { pos, path, value } => {
                (*pos, path.clone(), word(U256::from(value + 32)).to_vec(), ErrorCode::AbiBadOffset)
            }
            Slot::Length { pos, path, .. } => {
                (*pos, path.clone(), word(U256::from(u64::MAX)).to_vec(), ErrorCode::AbiLengthTooLarge)
            }
            Slot::Word { pos, path, .. } => (*pos, path.clone(), word(U256::MAX).to_vec(), ErrorCode::AbiInvalidWord),
            Slot::Padding { start, path, .. } => (*start, path.clone(), vec![0x80], ErrorCode::AbiDirtyPadding),
        };
        let want = Want::Exact(code, Some(&path), Some(pos));
        c.log_source_case(
            &format!("{i}-{code:?}-{pos}"),
            "l2Log",
            None,
            &topics,
            "executionTableLoadedData",
            &[(pos, v)],
            &[],
            want,
        );
    }
}

/// The same log with L2's `CallResult` topic0 (the event has the same shape on both sides).
fn topics_l2(topics: &[B256]) -> Vec<B256> {
    let mut t = topics.to_vec();
    t[0] = l2::IEEZL2::CallResult::SIGNATURE_HASH;
    t
}

fn proof_cases(c: &mut Corpus, counts: &mut BTreeMap<String, usize>) {
    let table = demo_table();
    let single = table.prove_indices(&[1]).unwrap();
    let multi = table.prove_indices(&[0, 2, 3]).unwrap();
    let single_bytes = single.encode().unwrap();
    c.source("demoProof", single_bytes.clone());
    counts.insert(
        "proof truncation ranges".into(),
        c.truncations("proofBinary", None, "demoProof", &[ErrorCode::ProofTruncated]),
    );
    let exact = |code| Want::Exact(code, None, None);
    let s = single.siblings.len() as u32;
    for (name, at, new) in [("version-0", 0, vec![0]), ("version-2", 0, vec![2]), ("version-ff", 0, vec![0xff])] {
        c.source_case(name, "proofBinary", None, "demoProof", &[(at, new)], &[], exact(ErrorCode::ProofMalformed));
    }
    for (name, at, new, code) in [
        ("k-2pow32-1", 81, u32::MAX.to_be_bytes().to_vec(), ErrorCode::ProofTruncated),
        ("s-2pow32-1", 85, u32::MAX.to_be_bytes().to_vec(), ErrorCode::ProofTruncated),
        ("k-and-s-2pow32-1", 81, [u32::MAX.to_be_bytes(), u32::MAX.to_be_bytes()].concat(), ErrorCode::ProofTruncated),
        ("s-one-more", 85, (s + 1).to_be_bytes().to_vec(), ErrorCode::ProofTruncated),
        ("s-one-fewer", 85, (s - 1).to_be_bytes().to_vec(), ErrorCode::ProofOverlong),
        ("k-zero", 81, 0u32.to_be_bytes().to_vec(), ErrorCode::ProofOverlong),
    ] {
        c.source_case(name, "proofBinary", None, "demoProof", &[(at, new)], &[], exact(code));
    }
    for extra in [1usize, 8, 32] {
        c.source_case(
            &format!("extended-{extra}"),
            "proofBinary",
            None,
            "demoProof",
            &[],
            &vec![0u8; extra],
            exact(ErrorCode::ProofOverlong),
        );
    }
    // A bare 89-byte header claiming 2^32-1 indices and siblings: rejected before any allocation.
    let mut header = single_bytes[..89].to_vec();
    header[81..89].fill(0xff);
    c.bytes_case("header-claims-2pow32-1-each", "proofBinary", None, &[], &header, exact(ErrorCode::ProofTruncated));
    c.bytes_case("empty", "proofBinary", None, &[], &[], exact(ErrorCode::ProofTruncated));

    // Verification with sibling counts off, and the other reasons (docs/COMMITMENT.md).
    let digest = table.digest();
    let item = table.item_hash(1).unwrap();
    let verify = |c: &mut Corpus, id: &str, proof: &[u8], digest: B256, items: &[B256], want: &[ErrorCode]| {
        let p = InclusionProof::decode(proof).unwrap();
        let e = rejected(p.verify_hashes(&ExpectedCommitment::Digest(digest), items), id);
        check_oracle(id, &e, &Want::OneOf(want));
        let inputs = json!({
            "form": "proofVerify",
            "hex": hex::encode_prefixed(proof),
            "commitment": digest.to_json(),
            "itemHashes": items.to_vec().to_json(),
        });
        c.push(format!("proofVerify-{id}"), inputs, &e);
    };
    let with_siblings = |siblings: Vec<B256>| InclusionProof { siblings, ..single.clone() }.encode().unwrap();
    let mut fewer = single.siblings.clone();
    fewer.pop();
    verify(c, "one-sibling-fewer", &with_siblings(fewer), digest, &[item], &[ErrorCode::ProofTruncated]);
    let mut more = single.siblings.clone();
    more.push(B256::repeat_byte(0x5a));
    verify(c, "one-sibling-more", &with_siblings(more), digest, &[item], &[ErrorCode::ProofOverlong]);
    verify(
        c,
        "no-siblings",
        &with_siblings(vec![]),
        digest,
        &[item],
        &[ErrorCode::ProofTruncated, ErrorCode::ProofInnerNodeAsLeaf],
    );
    verify(c, "other-commitment", &single_bytes, B256::repeat_byte(1), &[item], &[ErrorCode::ProofOtherCommitment]);
    verify(c, "wrong-item", &single_bytes, digest, &[B256::repeat_byte(2)], &[ErrorCode::ProofRootMismatch]);
    verify(c, "two-items-one-index", &single_bytes, digest, &[item, item], &[ErrorCode::ProofMalformed]);
    let beyond = InclusionProof { indices: vec![table.commitment.leaf_count().unwrap()], ..single.clone() };
    verify(c, "index-beyond-table", &beyond.encode().unwrap(), digest, &[item], &[ErrorCode::ProofWrongIndex]);
    let duplicate = InclusionProof { indices: vec![0, 2, 2], ..multi.clone() };
    verify(
        c,
        "duplicate-index",
        &duplicate.encode().unwrap(),
        digest,
        &[item, item, item],
        &[ErrorCode::ProofDuplicateIndex],
    );
    let descending = InclusionProof { indices: vec![0, 3, 2], ..multi.clone() };
    verify(
        c,
        "descending-indices",
        &descending.encode().unwrap(),
        digest,
        &[item, item, item],
        &[ErrorCode::ProofMalformed],
    );

    // The JSON form and the commitment.
    let proof_json = single.to_json();
    let mutate = |f: &dyn Fn(&mut Value)| {
        let mut v = proof_json.clone();
        f(&mut v);
        v.to_string()
    };
    let json_cases: Vec<(&str, String, ErrorCode)> = vec![
        ("format-v2", mutate(&|v| v["format"] = json!("exectable-inclusion-proof/v2")), ErrorCode::ProofMalformed),
        ("format-missing", mutate(&|v| drop(v.as_object_mut().unwrap().remove("format"))), ErrorCode::JsonShape),
        ("indices-missing", mutate(&|v| drop(v.as_object_mut().unwrap().remove("indices"))), ErrorCode::JsonShape),
        ("indices-not-array", mutate(&|v| v["indices"] = json!("0x1")), ErrorCode::JsonShape),
        ("index-not-a-number", mutate(&|v| v["indices"][0] = json!("0xzz")), ErrorCode::JsonNumber),
        ("index-above-uint64", mutate(&|v| v["indices"][0] = json!("0x10000000000000000")), ErrorCode::JsonNumber),
        ("index-negative", mutate(&|v| v["indices"][0] = json!(-1)), ErrorCode::JsonNumber),
        (
            "sibling-31-bytes",
            mutate(&|v| v["siblings"][0] = json!(format!("0x{}", "ab".repeat(31)))),
            ErrorCode::JsonHex,
        ),
        ("sibling-odd-hex", mutate(&|v| v["siblings"][0] = json!("0xabc")), ErrorCode::JsonHex),
        ("sibling-no-0x", mutate(&|v| v["siblings"][0] = json!("ab".repeat(32))), ErrorCode::JsonHex),
        (
            "commitment-not-the-digest",
            mutate(&|v| v["tableCommitment"]["commitment"] = json!(format!("0x{}", "00".repeat(32)))),
            ErrorCode::ProofMalformed,
        ),
        (
            "commitment-record-missing-root",
            mutate(&|v| drop(v["tableCommitment"].as_object_mut().unwrap().remove("root"))),
            ErrorCode::JsonShape,
        ),
        ("unknown-field", mutate(&|v| v["extra"] = json!(1)), ErrorCode::JsonShape),
        ("not-an-object", "[]".into(), ErrorCode::JsonShape),
        ("syntax-truncated", proof_json.to_string()[..40].to_owned(), ErrorCode::JsonSyntax),
    ];
    for (id, text, code) in json_cases {
        c.text_case(id, "proofJson", None, &text, Want::OneOf(&[code]));
    }

    let record = table.commitment.to_json();
    let mutate = |f: &dyn Fn(&mut Value)| {
        let mut v = record.clone();
        f(&mut v);
        v.to_string()
    };
    let commitment_cases: Vec<(&str, String, ErrorCode)> = vec![
        ("digest-31-bytes", json!(format!("0x{}", "cd".repeat(31))).to_string(), ErrorCode::JsonHex),
        ("digest-bad-digit", json!(format!("0x{}", "zz".repeat(32))).to_string(), ErrorCode::JsonHex),
        ("digest-no-0x", json!("cd".repeat(32)).to_string(), ErrorCode::JsonHex),
        ("digest-number", "5".into(), ErrorCode::JsonShape),
        ("null", "null".into(), ErrorCode::JsonShape),
        ("record-missing-root", mutate(&|v| drop(v.as_object_mut().unwrap().remove("root"))), ErrorCode::JsonShape),
        ("record-unknown-field", mutate(&|v| v["depth"] = json!(3)), ErrorCode::JsonShape),
        (
            "record-digest-differs",
            mutate(&|v| v["commitment"] = json!(format!("0x{}", "00".repeat(32)))),
            ErrorCode::ProofMalformed,
        ),
        (
            "record-entryCount-above-uint64",
            mutate(&|v| v["entryCount"] = json!("0x10000000000000000")),
            ErrorCode::JsonNumber,
        ),
        ("record-entryCount-float", mutate(&|v| v["entryCount"] = json!(1.5)), ErrorCode::JsonNumber),
        ("record-root-bool", mutate(&|v| v["root"] = json!(true)), ErrorCode::JsonShape),
        ("syntax-trailing-comma", "{\"entryCount\": \"0x1\",}".into(), ErrorCode::JsonSyntax),
    ];
    for (id, text, code) in commitment_cases {
        c.text_case(id, "commitmentJson", None, &text, Want::OneOf(&[code]));
    }
}

/// `"[[[…]]]"` nested one level deeper than the JSON bound allows.
fn too_deep() -> String {
    let n = exectable::limits::MAX_JSON_DEPTH + 1;
    "[".repeat(n) + &"]".repeat(n)
}

fn json_cases(c: &mut Corpus) {
    let entry = small_entry().to_json();
    let ty = Some("l1.ExecutionEntry");
    let mutate = |f: &dyn Fn(&mut Value)| {
        let mut v = entry.clone();
        f(&mut v);
        v.to_string()
    };
    let call = "l2ToL1Calls[0]";
    #[allow(clippy::type_complexity)]
    let cases: Vec<(&str, String, ErrorCode, Option<String>)> = vec![
        ("not-an-object", "[]".into(), ErrorCode::JsonShape, Some("$".into())),
        ("null", "null".into(), ErrorCode::JsonShape, Some("$".into())),
        ("unknown-field", mutate(&|v| v["extra"] = json!(1)), ErrorCode::JsonShape, Some("extra".into())),
        (
            "unknown-nested-field",
            mutate(&|v| v["l2ToL1Calls"][0]["gas"] = json!("0x1")),
            ErrorCode::JsonShape,
            Some(format!("{call}.gas")),
        ),
        (
            "missing-field",
            mutate(&|v| drop(v.as_object_mut().unwrap().remove("rollingHash"))),
            ErrorCode::JsonShape,
            Some("rollingHash".into()),
        ),
        (
            "missing-nested-field",
            mutate(&|v| drop(v["expectedLookups"][0].as_object_mut().unwrap().remove("failed"))),
            ErrorCode::JsonShape,
            Some("expectedLookups[0].failed".into()),
        ),
        (
            "array-is-object",
            mutate(&|v| v["stateDeltas"] = json!({})),
            ErrorCode::JsonShape,
            Some("stateDeltas".into()),
        ),
        ("element-is-number", mutate(&|v| v["l2ToL1Calls"] = json!([5])), ErrorCode::JsonShape, Some(call.into())),
        (
            "hash-is-number",
            mutate(&|v| v["proxyEntryHash"] = json!(5)),
            ErrorCode::JsonShape,
            Some("proxyEntryHash".into()),
        ),
        (
            "bool-is-string",
            mutate(&|v| v["expectedLookups"][0]["failed"] = json!("true")),
            ErrorCode::JsonShape,
            Some("expectedLookups[0].failed".into()),
        ),
        (
            "bool-is-number",
            mutate(&|v| v["expectedLookups"][0]["failed"] = json!(1)),
            ErrorCode::JsonShape,
            Some("expectedLookups[0].failed".into()),
        ),
        (
            "bytes-odd-length",
            mutate(&|v| v["l2ToL1Calls"][0]["data"] = json!("0xa1b")),
            ErrorCode::JsonHex,
            Some(format!("{call}.data")),
        ),
        (
            "bytes-bad-digit",
            mutate(&|v| v["l2ToL1Calls"][0]["data"] = json!("0xg1")),
            ErrorCode::JsonHex,
            Some(format!("{call}.data")),
        ),
        (
            "bytes-no-0x",
            mutate(&|v| v["l2ToL1Calls"][0]["data"] = json!("a1b2")),
            ErrorCode::JsonHex,
            Some(format!("{call}.data")),
        ),
        ("bytes-empty-string", mutate(&|v| v["returnData"] = json!("")), ErrorCode::JsonHex, Some("returnData".into())),
        (
            "bytes32-31-bytes",
            mutate(&|v| v["rollingHash"] = json!(format!("0x{}", "77".repeat(31)))),
            ErrorCode::JsonHex,
            Some("rollingHash".into()),
        ),
        (
            "bytes32-33-bytes",
            mutate(&|v| v["rollingHash"] = json!(format!("0x{}", "77".repeat(33)))),
            ErrorCode::JsonHex,
            Some("rollingHash".into()),
        ),
        (
            "address-19-bytes",
            mutate(&|v| v["l2ToL1Calls"][0]["targetAddress"] = json!(format!("0x{}", "aa".repeat(19)))),
            ErrorCode::JsonHex,
            Some(format!("{call}.targetAddress")),
        ),
        (
            "address-bad-checksum",
            mutate(&|v| v["l2ToL1Calls"][0]["targetAddress"] = json!("0xAaAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")),
            ErrorCode::JsonHex,
            Some(format!("{call}.targetAddress")),
        ),
        (
            "uint256-above-2pow256",
            mutate(&|v| v["callCount"] = json!(format!("0x1{}", "0".repeat(64)))),
            ErrorCode::JsonNumber,
            Some("callCount".into()),
        ),
        (
            "uint256-decimal-above-2pow256",
            mutate(&|v| v["callCount"] = json!("1".repeat(80))),
            ErrorCode::JsonNumber,
            Some("callCount".into()),
        ),
        ("uint256-negative", mutate(&|v| v["callCount"] = json!(-1)), ErrorCode::JsonNumber, Some("callCount".into())),
        ("uint256-float", mutate(&|v| v["callCount"] = json!(1.5)), ErrorCode::JsonNumber, Some("callCount".into())),
        ("uint256-exponent", mutate(&|v| v["callCount"] = json!(1e3)), ErrorCode::JsonNumber, Some("callCount".into())),
        (
            "uint256-letters",
            mutate(&|v| v["callCount"] = json!("12abc")),
            ErrorCode::JsonNumber,
            Some("callCount".into()),
        ),
        (
            "uint256-empty-string",
            mutate(&|v| v["callCount"] = json!("")),
            ErrorCode::JsonNumber,
            Some("callCount".into()),
        ),
        ("uint256-bare-0x", mutate(&|v| v["callCount"] = json!("0x")), ErrorCode::JsonNumber, Some("callCount".into())),
        (
            "uint64-above-2pow64",
            mutate(&|v| v["expectedLookups"][0]["l2ToL1CallNumber"] = json!("0x10000000000000000")),
            ErrorCode::JsonNumber,
            Some("expectedLookups[0].l2ToL1CallNumber".into()),
        ),
        (
            "int256-above-max",
            mutate(&|v| v["stateDeltas"][0]["etherDelta"] = json!(format!("6{}", "0".repeat(76)))),
            ErrorCode::JsonNumber,
            Some("stateDeltas[0].etherDelta".into()),
        ),
        (
            "int256-hex-65-digits",
            mutate(&|v| v["stateDeltas"][0]["etherDelta"] = json!(format!("0x{}", "f".repeat(65)))),
            ErrorCode::JsonNumber,
            Some("stateDeltas[0].etherDelta".into()),
        ),
    ];
    for (id, text, code, path) in cases {
        c.text_case(id, "json", ty, &text, Want::Exact(code, path.as_deref(), None));
    }
    // Nested deeper than the bound: the entry object is level 1, so the bound is crossed at the
    // MAX_JSON_DEPTH-th bracket of the value.
    let text = mutate(&|v| v["stateDeltas"] = json!([]))
        .replace("\"stateDeltas\":[]", &format!("\"stateDeltas\":{}", too_deep()));
    let at = text.find("\"stateDeltas\":").unwrap() + "\"stateDeltas\":".len() + exectable::limits::MAX_JSON_DEPTH - 1;
    c.text_case("too-deep", "json", ty, &text, Want::Exact(ErrorCode::InputTooLarge, Some("json"), Some(at)));
    let text = entry.to_string();
    for (id, bad) in [
        ("syntax-empty", String::new()),
        ("syntax-open-brace", "{".into()),
        ("syntax-trailing-comma-array", "[1,]".into()),
        ("syntax-trailing-comma-object", "{\"callCount\":\"0x1\",}".into()),
        ("syntax-bare-word", "nul".into()),
        ("syntax-trailing-garbage", format!("{text} x")),
        ("syntax-single-quotes", "{'callCount': '0x1'}".into()),
        ("syntax-nan", "{\"callCount\": NaN}".into()),
        ("syntax-bad-escape", "{\"callCount\": \"\\u12\"}".into()),
        ("syntax-cut-in-half", text[..text.len() / 2].to_owned()),
        ("syntax-cut-before-last-brace", text[..text.len() - 1].to_owned()),
    ] {
        c.text_case(id, "json", ty, &bad, Want::Exact(ErrorCode::JsonSyntax, None, None));
    }
    // Every struct: an empty object misses its first field; an array is not an object.
    for kind in StructKind::ALL {
        let id = kind.name().replace('.', "-");
        c.text_case(
            &format!("{id}-empty-object"),
            "json",
            Some(kind.name()),
            "{}",
            Want::OneOf(&[ErrorCode::JsonShape]),
        );
        c.text_case(
            &format!("{id}-array"),
            "json",
            Some(kind.name()),
            "[]",
            Want::Exact(ErrorCode::JsonShape, Some("$"), None),
        );
    }
    let lookup = l1::LookupCall { failed: true, ..Default::default() }.to_json();
    let mut bad = lookup.clone();
    bad["l2ToL1Calls"] = json!([{}]);
    c.text_case(
        "l1-LookupCall-empty-call",
        "json",
        Some("l1.LookupCall"),
        &bad.to_string(),
        Want::OneOf(&[ErrorCode::JsonShape]),
    );
    let mut bad = lookup;
    bad["destinationRollupId"] = json!("0x1ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
    c.text_case(
        "l1-LookupCall-destination-above-uint256",
        "json",
        Some("l1.LookupCall"),
        &bad.to_string(),
        Want::OneOf(&[ErrorCode::JsonNumber]),
    );
}

fn ocp_cases(c: &mut Corpus) {
    let file = read("vectors/ocp/example-proof.ocp.json");
    let envelope = read("vectors/ocp/example-envelope-solana-devnet.json");
    let f: Value = serde_json::from_str(&file).unwrap();
    let mutate = |f0: &Value, g: &dyn Fn(&mut Value)| {
        let mut v = f0.clone();
        g(&mut v);
        v.to_string()
    };
    let env: Value = serde_json::from_str(&envelope).unwrap();
    let cases: Vec<(&str, String, &[ErrorCode])> = vec![
        ("not-an-object", "[]".into(), &[ErrorCode::OcpMalformed]),
        ("empty-object", "{}".into(), &[ErrorCode::OcpMalformed]),
        ("both-shapes", mutate(&f, &|v| v["ocp"] = json!("1.0")), &[ErrorCode::OcpMalformed]),
        ("version-2", mutate(&f, &|v| v["version"] = json!("ocp-2")), &[ErrorCode::OcpMalformed]),
        ("hash-odd-hex", mutate(&f, &|v| v["hash"] = json!("0xabc")), &[ErrorCode::OcpMalformed]),
        ("hash-is-number", mutate(&f, &|v| v["hash"] = json!(7)), &[ErrorCode::OcpMalformed]),
        (
            "txHash-31-bytes",
            mutate(&f, &|v| v["txHash"] = json!(format!("0x{}", "ab".repeat(31)))),
            &[ErrorCode::OcpMalformed],
        ),
        ("contract-bad", mutate(&f, &|v| v["contract"] = json!("0x1234")), &[ErrorCode::OcpMalformed]),
        ("timestamp-negative", mutate(&f, &|v| v["timestamp"] = json!(-1)), &[ErrorCode::OcpMalformed]),
        ("unknown-member", mutate(&f, &|v| v["extra"] = json!(true)), &[ErrorCode::OcpMalformed]),
        (
            "envelope-commitment-missing",
            mutate(&env, &|v| drop(v.as_object_mut().unwrap().remove("commitment"))),
            &[ErrorCode::OcpMalformed],
        ),
        (
            "envelope-digest-not-hex",
            mutate(&env, &|v| v["commitment"]["digest"] = json!("zz")),
            &[ErrorCode::OcpMalformed],
        ),
        (
            "envelope-chain-not-object",
            mutate(&env, &|v| v["chain"] = json!("solana:devnet")),
            &[ErrorCode::OcpMalformed],
        ),
        ("syntax-cut", file[..file.len() / 2].to_owned(), &[ErrorCode::JsonSyntax]),
        ("too-deep", format!("{{\"version\": {}}}", too_deep()), &[ErrorCode::InputTooLarge]),
    ];
    for (id, text, codes) in cases {
        c.text_case(id, "ocpArtifact", None, &text, Want::OneOf(codes));
    }
}

fn receipt_cases(c: &mut Corpus) {
    let receipt = json!({
        "transactionHash": format!("0x{}", "11".repeat(32)),
        "blockHash": format!("0x{}", "22".repeat(32)),
        "blockNumber": "0x68",
        "to": "0x959922be3caee4b8cd9a407cc3ac1c251c2007b1",
        "status": "0x1",
        "logs": [{
            "address": "0x959922be3caee4b8cd9a407cc3ac1c251c2007b1",
            "topics": [l1::IEEZ::BatchPosted::SIGNATURE_HASH.to_json(), format!("0x{}01", "00".repeat(31))],
            "data": "0x",
            "logIndex": "0x0"
        }]
    });
    Receipt::from_json(&receipt).expect("the base receipt parses");
    let mutate = |g: &dyn Fn(&mut Value)| {
        let mut v = receipt.clone();
        g(&mut v);
        v.to_string()
    };
    let malformed: &[ErrorCode] = &[ErrorCode::ReceiptMalformed];
    let cases: Vec<(&str, String, &[ErrorCode])> = vec![
        ("not-an-object", "[]".into(), malformed),
        ("empty-object", "{}".into(), malformed),
        ("status-2", mutate(&|v| v["status"] = json!("0x2")), malformed),
        ("status-bool", mutate(&|v| v["status"] = json!(true)), malformed),
        ("status-missing", mutate(&|v| drop(v.as_object_mut().unwrap().remove("status"))), malformed),
        ("blockNumber-above-uint64", mutate(&|v| v["blockNumber"] = json!("0x10000000000000000")), malformed),
        ("transactionHash-short", mutate(&|v| v["transactionHash"] = json!("0x1111")), malformed),
        ("to-bad-hex", mutate(&|v| v["to"] = json!("0xzz")), malformed),
        ("logs-not-array", mutate(&|v| v["logs"] = json!({})), malformed),
        ("log-not-object", mutate(&|v| v["logs"][0] = json!("0x")), malformed),
        ("log-address-missing", mutate(&|v| drop(v["logs"][0].as_object_mut().unwrap().remove("address"))), malformed),
        ("log-topics-missing", mutate(&|v| drop(v["logs"][0].as_object_mut().unwrap().remove("topics"))), malformed),
        (
            "log-topic-31-bytes",
            mutate(&|v| v["logs"][0]["topics"][1] = json!(format!("0x{}", "00".repeat(31)))),
            malformed,
        ),
        ("log-data-odd-hex", mutate(&|v| v["logs"][0]["data"] = json!("0x123")), malformed),
        ("log-data-number", mutate(&|v| v["logs"][0]["data"] = json!(0)), malformed),
        ("logIndex-above-uint64", mutate(&|v| v["logs"][0]["logIndex"] = json!("0x10000000000000000")), malformed),
        ("jsonrpc-result-not-object", json!({"jsonrpc": "2.0", "id": 1, "result": 5}).to_string(), malformed),
        ("syntax-cut", receipt.to_string()[..60].to_owned(), &[ErrorCode::JsonSyntax]),
        ("too-deep", format!("{{\"logs\": {}}}", too_deep()), &[ErrorCode::InputTooLarge]),
    ];
    for (id, text, codes) in cases {
        c.text_case(id, "receipt", None, &text, Want::OneOf(codes));
    }
}

fn document_cases(c: &mut Corpus) {
    let golden: Value = serde_json::from_str(&read("vectors/eez-v1-public.json")).unwrap();
    let case = golden["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "publicInputsHash")
        .min_by_key(|c| c.to_string().len())
        .unwrap();
    let document = ProofInputRequest::from_json(case).unwrap().build().unwrap().to_json();
    assert!(ProofInputDocument::verify(&document).unwrap().is_ok());
    let mutate = |g: &dyn Fn(&mut Value)| {
        let mut v = document.clone();
        g(&mut v);
        v.to_string()
    };
    let cases: Vec<(&str, String, &[ErrorCode])> = vec![
        ("not-an-object", "[]".into(), &[ErrorCode::JsonShape]),
        ("format-v2", mutate(&|v| v["format"] = json!("exectable-proof-inputs/v2")), &[ErrorCode::InvalidArgument]),
        ("format-missing", mutate(&|v| drop(v.as_object_mut().unwrap().remove("format"))), &[ErrorCode::JsonShape]),
        ("unknown-field", mutate(&|v| v["extra"] = json!(1)), &[ErrorCode::JsonShape]),
        ("batch-missing", mutate(&|v| drop(v.as_object_mut().unwrap().remove("batch"))), &[ErrorCode::JsonShape]),
        ("batch-entries-not-array", mutate(&|v| v["batch"]["entries"] = json!("0x")), &[ErrorCode::JsonShape]),
        (
            "batch-blockNumber-above-uint64",
            mutate(&|v| v["batch"]["blockNumber"] = json!("0x10000000000000000")),
            &[ErrorCode::JsonNumber],
        ),
        ("rollups-not-array", mutate(&|v| v["rollups"] = json!({})), &[ErrorCode::JsonShape]),
        (
            "blobHashes-bad-hex",
            mutate(&|v| v["blobHashes"] = json!(["0x12"])),
            &[ErrorCode::JsonHex, ErrorCode::InvalidArgument],
        ),
        ("syntax-cut", document.to_string()[..100].to_owned(), &[ErrorCode::JsonSyntax]),
        ("too-deep", format!("{{\"format\": {}}}", too_deep()), &[ErrorCode::InputTooLarge]),
    ];
    for (id, text, codes) in cases {
        c.text_case(id, "proofInputDocument", None, &text, Want::OneOf(codes));
    }
}

/// The inputs the fuzz targets found (`fuzz/regressions/*.json`, `{"target", "inputHex",
/// "expectedCode", "note"}`) whose target is one entry point of a form, as cases of that form.
/// Targets that check more than one entry point's rejection (OCP production, membership, …) are
/// replayed by core/tests/fuzz_regressions.rs only. Returns the number folded in.
fn fuzz_regression_cases(c: &mut Corpus) -> usize {
    let Ok(dir) = std::fs::read_dir(format!("{ROOT}/fuzz/regressions")) else { return 0 };
    let mut files: Vec<_> =
        dir.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect();
    files.sort();
    let before = c.cases.len();
    for path in files {
        let r: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let input = hex::decode(r["inputHex"].as_str().unwrap()).unwrap();
        let code = ErrorCode::from_u32(r["expectedCode"].as_u64().unwrap() as u32).unwrap();
        let want = Want::OneOf(std::slice::from_ref(&code));
        let id = format!("fuzz-{name}");
        // The fuzz targets' first byte picks the struct kind / log side and topic count.
        let kind_of = |sel: u8| StructKind::ALL[usize::from(sel) % StructKind::ALL.len()].name();
        match r["target"].as_str().unwrap() {
            "revert_data" => c.bytes_case(&id, "revert", None, &[], &input, want),
            "manager_calldata" => c.bytes_case(&id, "calldata", None, &[], &input, want),
            "abi_struct" if !input.is_empty() => {
                c.bytes_case(&id, "abi", Some(kind_of(input[0])), &[], &input[1..], want)
            }
            "struct_json" if !input.is_empty() => match std::str::from_utf8(&input[1..]) {
                Ok(text) => c.text_case(&id, "json", Some(kind_of(input[0])), text, want),
                Err(_) => continue,
            },
            "event_log" if !input.is_empty() => {
                let n = usize::from((input[0] >> 1) & 7).min(4);
                let Some((topic_bytes, data)) = input[1..].split_at_checked(32 * n) else { continue };
                let topics: Vec<B256> = topic_bytes.chunks_exact(32).map(B256::from_slice).collect();
                let form = if input[0] & 1 == 0 { "l1Log" } else { "l2Log" };
                c.bytes_case(&id, form, None, &topics, data, want)
            }
            "proof_json" | "receipt_json" => {
                let form = if r["target"] == "proof_json" { "proofJson" } else { "receipt" };
                match std::str::from_utf8(&input) {
                    Ok(text) => c.text_case(&id, form, None, text, want),
                    Err(_) => continue,
                }
            }
            "proof_binary" => match InclusionProof::decode(&input) {
                Err(_) => c.bytes_case(&id, "proofBinary", None, &[], &input, want),
                Ok(proof) => {
                    // Verified against its own digest with all-zero item hashes (the target's first candidate).
                    let (digest, items) = (proof.commitment.digest(), vec![B256::ZERO; proof.indices.len()]);
                    let e = rejected(proof.verify_hashes(&ExpectedCommitment::Digest(digest), &items), &id);
                    if e.code() != code {
                        continue;
                    }
                    let inputs = json!({
                        "form": "proofVerify",
                        "hex": hex::encode_prefixed(&input),
                        "commitment": digest.to_json(),
                        "itemHashes": items.to_json(),
                    });
                    c.push(format!("proofVerify-{id}"), inputs, &e);
                }
            },
            _ => {}
        }
    }
    c.cases.len() - before
}

fn build_file() -> (Value, BTreeMap<String, usize>) {
    let mut c = Corpus::default();
    let mut counts = BTreeMap::new();
    abi_cases(&mut c, &mut counts);
    calldata_cases(&mut c);
    batch_calldata_cases(&mut c);
    counts.insert("evm calldata slots".into(), evm_calldata_cases(&mut c));
    revert_cases(&mut c);
    log_cases(&mut c);
    proof_cases(&mut c, &mut counts);
    json_cases(&mut c);
    ocp_cases(&mut c);
    receipt_cases(&mut c);
    document_cases(&mut c);
    counts.insert("fuzz regressions folded in".into(), fuzz_regression_cases(&mut c));
    let file = json!({
        "header": {
            "format": "exectable-vectors/v1",
            "description": "Hostile inputs every entry point must reject, each with its expected error code (and the \
                            field path and byte offset where core reports them): truncations at every prefix of a real \
                            batch, entry and proof, every offset/length/word/padding of their encodings mutated, bad \
                            selectors, topics and revert data, malformed JSON, hex, numbers, proofs, commitments, OCP \
                            artifacts, receipts and proof-input documents; and the inputs of fuzz/regressions/ whose \
                            fuzz target is one of these entry points. Format: docs/RELIABILITY.md.",
            "generator": "EXECTABLE_WRITE_VECTORS=1 cargo test -p exectable --test hostile_vectors \
                          (core/tests/hostile_vectors.rs, from vectors/demo/postAndVerifyBatch-006.hex, \
                          vectors/eez-v1-public.json, vectors/ocp/ and fuzz/regressions/)",
            "specCommit": exectable::public_inputs::PROTOCOL_COMMIT,
            "sources": Value::Object(c.sources),
        },
        "cases": c.cases,
    });
    (file, counts)
}

#[test]
fn hostile_vectors_are_current_and_pass() {
    let (file, counts) = build_file();
    let text = serde_json::to_string_pretty(&file).unwrap() + "\n";
    if std::env::var_os("EXECTABLE_WRITE_VECTORS").is_some() {
        std::fs::write(OUT, &text).unwrap();
    }
    let committed = std::fs::read_to_string(OUT).unwrap_or_default();
    assert!(committed == text, "vectors/exectable-hostile.json is stale: rerun with EXECTABLE_WRITE_VECTORS=1");
    assert!(text.len() < 2 * 1024 * 1024, "the corpus is {} bytes", text.len());

    let report = run_vectors(&file, &[]).unwrap();
    assert!(report.failures.is_empty(), "{:#?}", &report.failures[..report.failures.len().min(10)]);
    let cases = file["cases"].as_array().unwrap();
    assert_eq!(report.kinds["hostileInput"].passed, cases.len());

    // Every form has cases, and every code a decoder can give for hostile bytes is exercised.
    let mut per_form: BTreeMap<&str, usize> = BTreeMap::new();
    let mut per_code: BTreeMap<u64, usize> = BTreeMap::new();
    for case in cases {
        *per_form.entry(case["inputs"]["form"].as_str().unwrap()).or_default() += 1;
        *per_code.entry(case["expected"]["code"].as_u64().unwrap()).or_default() += 1;
    }
    eprintln!("cases per form: {per_form:?}\ncases per code: {per_code:?}\n{counts:?}\n{} bytes", text.len());
    for form in HOSTILE_FORMS {
        assert!(per_form.get(form).copied().unwrap_or(0) >= 5, "form {form}: {per_form:?}");
    }
    for code in [
        101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 201, 202, 203, 204, 301, 302, 401, 403, 404, 405, 406, 408,
        409, 507, 606,
    ] {
        assert!(per_code.contains_key(&code), "no case expects code {code}: {per_code:?}");
    }
    // Truncation ranges cover every prefix length of each source exactly once.
    for source in ["demoCalldata", "demoEntry", "demoProof"] {
        let len = file["header"]["sources"][source].as_str().unwrap().len() / 2 - 1;
        let mut covered = vec![0u8; len];
        for case in cases.iter().filter(|c| c["inputs"]["source"] == source && c["inputs"].get("prefixFrom").is_some())
        {
            let (from, to) =
                (case["inputs"]["prefixFrom"].as_u64().unwrap(), case["inputs"]["prefixTo"].as_u64().unwrap());
            (from..to).for_each(|n| covered[n as usize] += 1);
        }
        assert!(covered.iter().all(|n| *n == 1), "{source}: prefixes not covered exactly once");
    }
}

#[test]
fn a_wrong_expectation_fails() {
    // The runner must be able to fail: change one expected code, path, offset; drop a source.
    let (file, _) = build_file();
    let case = file["cases"].as_array().unwrap().iter().find(|c| c["inputs"].get("patch").is_some()).unwrap().clone();
    let one = |case: Value, header: Value| json!({"header": header, "cases": [case]});
    let header = file["header"].clone();
    assert!(run_vectors(&one(case.clone(), header.clone()), &[]).unwrap().is_success());
    for (field, value) in
        [("code", json!(999)), ("path", json!("elsewhere")), ("offset", json!(1)), ("name", json!("JsonSyntax"))]
    {
        let mut bad = case.clone();
        bad["expected"][field] = value;
        let report = run_vectors(&one(bad, header.clone()), &[]).unwrap();
        assert_eq!(report.failed(), 1, "changing expected.{field} must fail");
    }
    let report = run_vectors(&one(case, json!({})), &[]).unwrap();
    assert_eq!(report.failed(), 1, "a case whose source is missing fails");
    // An input that is accepted fails the case.
    let inputs = json!({"form": "revert", "hex": hex::encode_prefixed(decode_revert_ok())});
    let valid = json!({"id": "x", "kind": "hostileInput", "inputs": inputs, "expected": {"code": 101}});
    assert_eq!(run_vectors(&json!({"cases": [valid]}), &[]).unwrap().failed(), 1);
}

fn decode_revert_ok() -> Vec<u8> {
    let data = alloy_sol_types::Panic { code: U256::from(1u8) }.abi_encode();
    decode_revert(&data).unwrap();
    data
}
