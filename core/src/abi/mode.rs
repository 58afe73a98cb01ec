//! Two ways to decode manager calldata, one layout model.
//!
//! * [`DecodeMode::Strict`] accepts exactly the canonical encoding `abi.encode` produces
//!   ([`super::layout`]): what an honest encoder writes. For producing, validating and fuzzing.
//! * [`DecodeMode::Evm`] accepts exactly what the compiled contracts' Solidity ABI decoder
//!   (abicoder v2, `calldata` parameters, solc 0.8.34 via-IR) accepts, and reads the values the
//!   contract reads. For data the chain accepted: a transaction input, a call-trace frame.
//!
//! An `Evm` decode re-encodes what it read into the canonical bytes, then decodes those strictly,
//! so both modes produce values through the same decoder; [`Layout`] says whether the input was
//! already canonical and, if not, where it first deviates (the strict walker's first fault).
//!
//! The `Evm` rules (docs/CODEC.md, "EVM decoding") follow the code solc generates for external
//! functions with `calldata` reference parameters. Positions are 256-bit and wrap; `calldataload`
//! past the end reads zeros; comparisons marked *signed* are two's complement (`slt`/`sgt`):
//!
//! 1. dispatch: `calldatasize ≥ 4`; the parameter heads fit: `len − 4 ≥ headSize` (signed);
//! 2. a dynamic parameter's offset word is at most `2^64 − 1`; at `p = 4 + offset`:
//!    a struct needs `len − p ≥ structHeadSize` (signed); an array or `bytes` needs
//!    `p + 31 < len` (signed), `length ≤ 2^64 − 1` and `p + 32 + length·stride ≤ len`;
//! 3. every dynamic member of a struct at `base` and every element of an array whose data starts
//!    at `base` is reached through its offset word `rel` (`access_calldata_tail`):
//!    `rel < len − base − (needed − 1)` (signed; `needed` = 32 for arrays and `bytes`, the head
//!    size for a struct), target `addr = base + rel` (mod 2^256); for an array or `bytes`
//!    `length = calldataload(addr) ≤ 2^64 − 1` and `addr + 32 ≤ len − length·stride` (signed);
//! 4. every `address`, `bool` and `uint64` word read is validated (high bits zero, bool 0/1);
//!    `bytes` contents are copied (`calldatacopy`: zeros past the end), padding is never read;
//!    a member the contract converts to memory ([`copied_to_memory`]) also needs
//!    `data + length ≤ len` unsigned;
//! 5. nothing else is checked: offsets may point anywhere (backwards, unaligned, into another
//!    value, shared by several values), padding may be dirty, bytes may trail, the final padding
//!    may be cut short.
//!
//! The contract reads every field of the batch (all entries and lookups are hashed, every
//! top-level field is used), so every field passes these checks on chain.
//!
//! Aliasing lets a small input describe a large value (many offsets sharing one tail). The
//! canonical re-encoding is capped at [`MAX_EVM_DECODED_BYTES`] and counted before anything is
//! allocated; the walk does work proportional to what it writes, so time is bounded too.

use super::layout::{check_exact, HasStaticShape, Path, Shape, TupleShape};
use super::{decode_call, params_of};
use crate::error::{Error, ErrorCode, Result};
use crate::limits::{check_len, MAX_ABI_BYTES};
use alloy_primitives::U256;
use alloy_sol_types::SolCall;
use serde_json::{json, Value};
use std::fmt;

/// Largest canonical re-encoding an `Evm` decode produces, selector included (16 MiB, the
/// strict decoder's [`MAX_ABI_BYTES`]). Above it the contract could
/// not have read the value either: the memory its ABI encoder needs to hash that much costs
/// `3·w + w²/512` gas for `w` words, about 538 M gas for 16 MiB (ten times a 60 M block).
pub const MAX_EVM_DECODED_BYTES: usize = 16 * 1024 * 1024;

/// Which encodings a decoder accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DecodeMode {
    /// Only the canonical encoding (`abi.encode` output); every deviation is an error.
    #[default]
    Strict,
    /// Exactly what the compiled contract's ABI decoder accepts (module doc); deviations from
    /// the canonical layout are reported in [`Layout`], not refused.
    Evm,
}

impl DecodeMode {
    /// `"strict"` or `"evm"`.
    pub fn name(self) -> &'static str {
        match self {
            DecodeMode::Strict => "strict",
            DecodeMode::Evm => "evm",
        }
    }

    /// Parses `"strict"` / `"evm"`.
    pub fn from_name(name: &str) -> Result<Self> {
        match name {
            "strict" => Ok(DecodeMode::Strict),
            "evm" => Ok(DecodeMode::Evm),
            other => {
                Err(Error::invalid("mode", format!("unknown decode mode {other:?}: expected \"strict\" or \"evm\"")))
            }
        }
    }
}

/// How an accepted encoding departs from the canonical one (the strict decoder's fault kinds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeviationKind {
    /// An offset word points elsewhere than the canonical position (moved, shared, backwards).
    Offset,
    /// A length word the strict walker refused at the canonical position.
    Length,
    /// A word the strict walker refused at the canonical position.
    Word,
    /// Non-zero bytes in the padding after `bytes` data.
    DirtyPadding,
    /// The input ends early; the contract read the missing bytes as zeros.
    ShortInput,
    /// Bytes after the end of the canonical encoding.
    TrailingBytes,
}

impl DeviationKind {
    /// The kind's name in reports (`offset`, `dirtyPadding`, …).
    pub fn name(self) -> &'static str {
        match self {
            DeviationKind::Offset => "offset",
            DeviationKind::Length => "length",
            DeviationKind::Word => "word",
            DeviationKind::DirtyPadding => "dirtyPadding",
            DeviationKind::ShortInput => "shortInput",
            DeviationKind::TrailingBytes => "trailingBytes",
        }
    }

    fn of(code: ErrorCode) -> Self {
        match code {
            ErrorCode::AbiBadOffset => DeviationKind::Offset,
            ErrorCode::AbiLengthTooLarge => DeviationKind::Length,
            ErrorCode::AbiDirtyPadding => DeviationKind::DirtyPadding,
            ErrorCode::AbiTruncated => DeviationKind::ShortInput,
            ErrorCode::AbiTrailingBytes => DeviationKind::TrailingBytes,
            _ => DeviationKind::Word,
        }
    }
}

/// The first place an accepted input departs from the canonical layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deviation {
    /// Field path (`batch.entries[2].data`; `$` for the whole input).
    pub path: String,
    /// Byte offset into the input.
    pub offset: usize,
    /// What departs.
    pub kind: DeviationKind,
    /// The strict decoder's message.
    pub message: String,
}

impl Deviation {
    fn from_strict(e: &Error) -> Self {
        Deviation {
            path: e.path().unwrap_or("$").to_owned(),
            offset: e.offset().unwrap_or(0),
            kind: DeviationKind::of(e.code()),
            message: e.to_string(),
        }
    }
}

/// Whether an accepted input is the canonical encoding of what was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// The input is exactly `abi.encode` of the decoded value (re-encoding gives it back).
    Canonical,
    /// Accepted as the contract accepts it, but laid out differently; the first deviation.
    NonCanonical(Deviation),
}

impl Layout {
    /// `true` for [`Layout::Canonical`].
    pub fn is_canonical(&self) -> bool {
        matches!(self, Layout::Canonical)
    }

    /// The first deviation, if any.
    pub fn deviation(&self) -> Option<&Deviation> {
        match self {
            Layout::Canonical => None,
            Layout::NonCanonical(d) => Some(d),
        }
    }

    /// JSON: `{"canonical": true}` or `{"canonical": false, "deviation": {"path", "offset",
    /// "kind", "message"}}` (offset as minimal `0x`-hex, like every uint of the reports).
    pub fn to_json(&self) -> Value {
        match self {
            Layout::Canonical => json!({"canonical": true}),
            Layout::NonCanonical(d) => json!({"canonical": false, "deviation": {
                "path": d.path, "offset": format!("{:#x}", d.offset), "kind": d.kind.name(), "message": d.message,
            }}),
        }
    }
}

impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Layout::Canonical => f.write_str("canonical"),
            Layout::NonCanonical(d) => {
                write!(
                    f,
                    "non-canonical: first deviation at offset {} ({}, {}): {}",
                    d.offset,
                    d.path,
                    d.kind.name(),
                    d.message
                )
            }
        }
    }
}

/// A decoded value with how its input was laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<T> {
    /// The value the contract reads.
    pub value: T,
    /// Canonical or not, and where it first deviates.
    pub layout: Layout,
}

impl<T> Decoded<T> {
    /// The same layout around another value.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Decoded<U> {
        Decoded { value: f(self.value), layout: self.layout }
    }
}

/// Decodes calldata of function `C` in `mode` (selector checked first in both modes).
pub fn decode_call_with<C: SolCall + HasStaticShape>(calldata: &[u8], mode: DecodeMode) -> Result<Decoded<C>> {
    match mode {
        DecodeMode::Strict => decode_call::<C>(calldata).map(|value| Decoded { value, layout: Layout::Canonical }),
        DecodeMode::Evm => {
            check_len("calldata", calldata.len(), MAX_ABI_BYTES)?;
            super::check_selector(calldata, C::SELECTOR, C::SIGNATURE)?;
            let params = params_of::<C>();
            let canonical = canonical_params(calldata, params, copied_to_memory(C::SIGNATURE))?;
            let layout = if calldata[4..] == canonical[4..] {
                Layout::Canonical
            } else {
                match check_exact(calldata, 4, params, &Path::Root("")) {
                    Err(e) => Layout::NonCanonical(Deviation::from_strict(&e)),
                    Ok(()) => unreachable!("a canonical input re-encodes to itself"),
                }
            };
            let value = decode_call::<C>(&canonical)?;
            Ok(Decoded { value, layout })
        }
    }
}

/// Members of a function's struct parameter that the compiled contract converts from calldata to
/// memory (`bytes memory x = batch.callData`), by canonical signature. That conversion
/// (`abi_decode_available_length`) adds an *unsigned* bound, `data + length ≤ len`, which a
/// wrapped data position fails. `postAndVerifyBatch` copies `batch.callData` (it hashes it);
/// found by the differential against the compiled contract (docs/CODEC.md).
pub fn copied_to_memory(signature: &str) -> &'static [&'static str] {
    if signature.starts_with("postAndVerifyBatch(") {
        &["callData"]
    } else {
        &[]
    }
}

/// What the compiled contract reads from `calldata` for the parameter tuple `params`
/// (module doc, rules 1–5), re-encoded canonically: the selector followed by
/// `abi.encode(params…)`. `copied` names the members of a struct parameter the contract copies
/// into memory ([`copied_to_memory`]). Errors are the first check the contract fails, with the
/// field path and the offset of the word at fault.
pub fn canonical_params(calldata: &[u8], params: &TupleShape, copied: &[&str]) -> Result<Vec<u8>> {
    let cd = Calldata { data: calldata, len: U256::from(calldata.len()) };
    let mut w = Writer { cd, out: Vec::with_capacity(calldata.len().min(MAX_EVM_DECODED_BYTES)), copied };
    w.out.extend_from_slice(calldata.get(..4).ok_or_else(|| Error::AbiTruncated {
        path: "selector".into(),
        offset: 0,
        needed: 4,
        len: calldata.len(),
    })?);
    w.params(params, &Path::Root(""))?;
    Ok(w.out)
}

/// Calldata as the EVM reads it: 256-bit positions, zeros past the end.
#[derive(Clone, Copy)]
struct Calldata<'a> {
    data: &'a [u8],
    len: U256,
}

impl Calldata<'_> {
    /// `calldataload(at)`.
    fn load(&self, at: U256) -> U256 {
        let mut word = [0u8; 32];
        if let Ok(start) = usize::try_from(at) {
            if let Some(rest) = self.data.get(start..) {
                let n = rest.len().min(32);
                word[..n].copy_from_slice(&rest[..n]);
            }
        }
        U256::from_be_bytes(word)
    }

    /// `calldatacopy(dst, at, dst.len())` into zeroed `dst`: zeros past the end.
    fn copy(&self, at: U256, dst: &mut [u8]) {
        if let Ok(start) = usize::try_from(at) {
            if let Some(rest) = self.data.get(start..) {
                let k = rest.len().min(dst.len());
                dst[..k].copy_from_slice(&rest[..k]);
            }
        }
    }
}

/// `slt(a, b)`: two's-complement less-than.
fn slt(a: U256, b: U256) -> bool {
    let (a_neg, b_neg) = (a.bit(255), b.bit(255));
    if a_neg != b_neg {
        a_neg
    } else {
        a < b
    }
}

/// A position for error offsets: the offset if it is inside `usize`, else `usize::MAX`.
fn at(pos: U256) -> usize {
    usize::try_from(pos).unwrap_or(usize::MAX)
}

/// A position for messages: decimal below 2^64, else `0x`-hex (wrapped positions).
fn show(p: U256) -> String {
    if p <= U64_MAX {
        p.to_string()
    } else {
        format!("{p:#x}")
    }
}

const U64_MAX: U256 = U256::from_limbs([u64::MAX, 0, 0, 0]);

fn revert(code: ErrorCode, path: &Path<'_>, offset: U256, reason: String) -> Error {
    Error::EvmRevert { code, path: path.to_string(), offset: at(offset), reason }
}

struct Writer<'a> {
    cd: Calldata<'a>,
    out: Vec<u8>,
    /// Members of the struct parameter that the contract copies to memory.
    copied: &'a [&'a str],
}

impl Writer<'_> {
    /// Appends `n` zero bytes, within [`MAX_EVM_DECODED_BYTES`].
    fn grow(&mut self, n: Option<usize>, path: &Path<'_>) -> Result<usize> {
        let start = self.out.len();
        match n.and_then(|n| start.checked_add(n)).filter(|end| *end <= MAX_EVM_DECODED_BYTES) {
            Some(end) => {
                self.out.resize(end, 0);
                Ok(start)
            }
            None => Err(Error::InputTooLarge {
                path: path.to_string(),
                what: "decoded size in bytes (offsets sharing data)",
                found: n.map_or(usize::MAX, |n| start.saturating_add(n)),
                limit: MAX_EVM_DECODED_BYTES,
                offset: None,
            }),
        }
    }

    fn put_word(&mut self, at_out: usize, v: U256) {
        self.out[at_out..at_out + 32].copy_from_slice(&v.to_be_bytes::<32>());
    }

    /// Rules 1–2: the parameter tuple at 4 (`abi_decode_tuple`).
    fn params(&mut self, t: &TupleShape, path: &Path<'_>) -> Result<()> {
        let head_start = U256::from(4u8);
        let avail = self.cd.len.wrapping_sub(head_start);
        if slt(avail, U256::from(t.head_size)) {
            return Err(Error::AbiTruncated {
                path: path.to_string(),
                offset: 4,
                needed: t.head_size,
                len: self.cd.data.len(),
            });
        }
        let start = self.grow(Some(t.head_size), path)?;
        let mut head = 0usize;
        for f in &t.fields {
            let child = path.field(f.name);
            let ptr = head_start + U256::from(head);
            if f.shape.is_dynamic() {
                let offset = self.cd.load(ptr);
                if offset > U64_MAX {
                    return Err(revert(
                        ErrorCode::AbiBadOffset,
                        &child,
                        ptr,
                        format!("parameter offset {offset:#x} is above 2^64-1"),
                    ));
                }
                let pos = head_start + offset;
                let rel_out = self.out.len() - start;
                self.put_word(start + head, U256::from(rel_out));
                match f.shape {
                    Shape::Tuple(inner) => {
                        if slt(self.cd.len.wrapping_sub(pos), U256::from(inner.head_size)) {
                            return Err(revert(
                                ErrorCode::AbiTruncated,
                                &child,
                                ptr,
                                format!(
                                    "the struct's {}-byte head at {} does not fit the calldata",
                                    inner.head_size,
                                    show(pos)
                                ),
                            ));
                        }
                        self.tuple(pos, inner, &child, true)?;
                    }
                    shape => {
                        if !slt(pos.wrapping_add(U256::from(31u8)), self.cd.len) {
                            return Err(revert(
                                ErrorCode::AbiTruncated,
                                &child,
                                ptr,
                                format!("the length word at {} is past the end of the calldata", show(pos)),
                            ));
                        }
                        let length = self.cd.load(pos);
                        let stride = stride(shape);
                        let data = pos + U256::from(32u8);
                        if length > U64_MAX || data + length * U256::from(stride) > self.cd.len {
                            return Err(revert(
                                ErrorCode::AbiLengthTooLarge,
                                &child,
                                pos,
                                format!(
                                    "length {length:#x} × {stride} bytes from {} runs past the end of the calldata",
                                    show(data)
                                ),
                            ));
                        }
                        self.sequence(data, length, shape, &child)?;
                    }
                }
            } else {
                self.inline(ptr, f.shape, start + head, &child)?;
            }
            head += f.shape.head_size();
        }
        Ok(())
    }

    /// A struct whose head is at `src`: heads then tails appended to `out`; `parameter` for the
    /// struct parameter itself (whose [`Writer::copied`] members are copied to memory).
    fn tuple(&mut self, src: U256, t: &TupleShape, path: &Path<'_>, parameter: bool) -> Result<()> {
        let start = self.grow(Some(t.head_size), path)?;
        let mut head = 0usize;
        for f in &t.fields {
            let child = path.field(f.name);
            let ptr = src.wrapping_add(U256::from(head));
            if f.shape.is_dynamic() {
                let rel_out = self.out.len() - start;
                self.put_word(start + head, U256::from(rel_out));
                let to_memory = parameter && self.copied.contains(&f.name);
                self.tail(src, ptr, f.shape, &child, to_memory)?;
            } else {
                self.inline(ptr, f.shape, start + head, &child)?;
            }
            head += f.shape.head_size();
        }
        Ok(())
    }

    /// Rule 3: the dynamic value whose offset word (relative to `base`) is at `ptr`, appended;
    /// `to_memory` adds the unsigned bound of a calldata-to-memory copy.
    fn tail(&mut self, base: U256, ptr: U256, shape: Shape, path: &Path<'_>, to_memory: bool) -> Result<()> {
        let rel = self.cd.load(ptr);
        let needed = match shape {
            Shape::Tuple(t) => t.head_size,
            _ => 32,
        };
        let bound = self.cd.len.wrapping_sub(base).wrapping_sub(U256::from(needed - 1));
        if !slt(rel, bound) {
            return Err(revert(
                ErrorCode::AbiBadOffset,
                path,
                ptr,
                format!(
                    "offset {rel:#x} from {} leaves fewer than {needed} bytes before the end of the calldata",
                    show(base)
                ),
            ));
        }
        let addr = base.wrapping_add(rel);
        match shape {
            Shape::Tuple(t) => self.tuple(addr, t, path, false),
            _ => {
                let length = self.cd.load(addr);
                if length > U64_MAX {
                    return Err(revert(
                        ErrorCode::AbiLengthTooLarge,
                        path,
                        addr,
                        format!("length {length:#x} is above 2^64-1"),
                    ));
                }
                let data = addr.wrapping_add(U256::from(32u8));
                let stride = stride(shape);
                let room = self.cd.len.wrapping_sub(length * U256::from(stride));
                if slt(room, data) {
                    return Err(revert(
                        ErrorCode::AbiLengthTooLarge,
                        path,
                        addr,
                        format!(
                            "length {length} × {stride} bytes from {} runs past the end of the calldata",
                            show(data)
                        ),
                    ));
                }
                let end = data.checked_add(length * U256::from(stride));
                if to_memory && end.is_none_or(|end| end > self.cd.len) {
                    return Err(revert(
                        ErrorCode::AbiLengthTooLarge,
                        path,
                        addr,
                        format!(
                            "copied to memory: {length} × {stride} bytes from {} end past the calldata (unsigned bound)",
                            show(data)
                        ),
                    ));
                }
                self.sequence(data, length, shape, path)
            }
        }
    }

    /// The length word then the elements (or bytes) of an array or `bytes` whose data is at
    /// `data` (length already checked against the calldata).
    fn sequence(&mut self, data: U256, length: U256, shape: Shape, path: &Path<'_>) -> Result<()> {
        let n = usize::try_from(length).ok();
        let len_at = self.grow(Some(32), path)?;
        self.put_word(len_at, length);
        match shape {
            Shape::Bytes => {
                let n = n.expect("bytes length was checked against the calldata");
                let start = self.grow(n.checked_next_multiple_of(32), path)?;
                self.cd.copy(data, &mut self.out[start..start + n]);
                Ok(())
            }
            Shape::Array(elem) => {
                let n = n.expect("array length was checked against the calldata");
                let stride = elem.head_size();
                let start = self.grow(n.checked_mul(stride), path)?;
                for i in 0..n {
                    let child = path.index(i);
                    let ptr = data.wrapping_add(U256::from(i) * U256::from(stride));
                    if elem.is_dynamic() {
                        let rel_out = self.out.len() - start;
                        self.put_word(start + i * 32, U256::from(rel_out));
                        self.tail(data, ptr, *elem, &child, false)?;
                    } else {
                        self.inline(ptr, *elem, start + i * stride, &child)?;
                    }
                }
                Ok(())
            }
            Shape::Word(_) | Shape::Tuple(_) => unreachable!("only arrays and bytes have a length"),
        }
    }

    /// Rule 4: a static value read at `src`, written at `at_out` (space already reserved).
    fn inline(&mut self, src: U256, shape: Shape, at_out: usize, path: &Path<'_>) -> Result<()> {
        match shape {
            Shape::Word(kind) => {
                let word = self.cd.load(src).to_be_bytes::<32>();
                if !kind.accepts(&word) {
                    return Err(revert(
                        ErrorCode::AbiInvalidWord,
                        path,
                        src,
                        format!("not a valid {}", kind.sol_name()),
                    ));
                }
                self.out[at_out..at_out + 32].copy_from_slice(&word);
                Ok(())
            }
            Shape::Tuple(t) => {
                let mut head = 0usize;
                for f in &t.fields {
                    self.inline(src.wrapping_add(U256::from(head)), f.shape, at_out + head, &path.field(f.name))?;
                    head += f.shape.head_size();
                }
                Ok(())
            }
            Shape::Bytes | Shape::Array(_) => unreachable!("dynamic shapes are never inline"),
        }
    }
}

/// Bytes per element in calldata: 1 for `bytes`, the element's head size for arrays.
fn stride(shape: Shape) -> usize {
    match shape {
        Shape::Bytes => 1,
        Shape::Array(elem) => elem.head_size(),
        _ => unreachable!("only arrays and bytes have a stride"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::calldata::{decode_post_and_verify_batch_with, encode_post_and_verify_batch};
    use crate::types::l1;
    use alloy_primitives::{Address, Bytes, B256};

    /// Batch head at 36 (selector + the 0x20 offset word); field `i`'s head word.
    const BASE: usize = 36;
    fn head(field: usize) -> usize {
        BASE + 32 * field
    }
    const CALL_DATA: usize = 8;
    const PROOFS: usize = 9;

    fn batch() -> l1::ProofSystemBatchPerVerificationEntries {
        l1::ProofSystemBatchPerVerificationEntries {
            entries: vec![l1::ExecutionEntry { destinationRollupId: U256::from(1), ..Default::default() }],
            proofSystems: vec![Address::repeat_byte(0x11)],
            rollupIdsWithProofSystems: vec![l1::RollupIdWithProofSystems {
                rollupId: U256::from(1),
                proofSystemIndex: vec![0],
            }],
            crossProofSystemInteractions: B256::repeat_byte(7),
            callData: Bytes::from(vec![0xab; 5]),
            proofs: vec![Bytes::from(vec![1, 2, 3]), Bytes::from(vec![4; 40])],
            blockNumber: 9,
            ..Default::default()
        }
    }

    fn word(cd: &[u8], at: usize) -> usize {
        U256::from_be_slice(&cd[at..at + 32]).to::<usize>()
    }
    fn set(cd: &mut [u8], at: usize, v: U256) {
        cd[at..at + 32].copy_from_slice(&v.to_be_bytes::<32>());
    }
    fn evm(cd: &[u8]) -> Result<Decoded<l1::ProofSystemBatchPerVerificationEntries>> {
        decode_post_and_verify_batch_with(cd, DecodeMode::Evm)
    }
    fn deviation(d: &Decoded<l1::ProofSystemBatchPerVerificationEntries>) -> (DeviationKind, String, usize) {
        let dev = d.layout.deviation().expect("non-canonical");
        (dev.kind, dev.path.clone(), dev.offset)
    }

    #[test]
    fn canonical_input_is_canonical_in_both_modes() {
        let cd = encode_post_and_verify_batch(&batch());
        let strict = decode_post_and_verify_batch_with(&cd, DecodeMode::Strict).unwrap();
        let d = evm(&cd).unwrap();
        assert_eq!(d, strict);
        assert_eq!(d.layout, Layout::Canonical);
        assert_eq!(d.layout.to_json(), json!({"canonical": true}));
    }

    #[test]
    fn trailing_bytes_dirty_padding_and_short_padding_keep_the_values() {
        let cd = encode_post_and_verify_batch(&batch());
        let mut trailing = cd.clone();
        trailing.extend_from_slice(&[0xff; 5]);
        let d = evm(&trailing).unwrap();
        assert_eq!(d.value, batch());
        assert_eq!(deviation(&d), (DeviationKind::TrailingBytes, "$".into(), cd.len()));

        let call_data = BASE + word(&cd, head(CALL_DATA)) + 32;
        let mut dirty = cd.clone();
        dirty[call_data + 5] = 1;
        let d = evm(&dirty).unwrap();
        assert_eq!(d.value, batch());
        assert_eq!(deviation(&d), (DeviationKind::DirtyPadding, "batch.callData".into(), call_data + 5));

        // The last value is proofs[1] (40 bytes, 24 of padding): cut into its padding.
        let short = &cd[..cd.len() - 10];
        let d = evm(short).unwrap();
        assert_eq!(d.value, batch());
        assert_eq!(deviation(&d).0, DeviationKind::ShortInput);
        // Cutting into the data itself is what the contract refuses.
        let e = evm(&cd[..cd.len() - 25]).unwrap_err();
        assert_eq!((e.code(), e.path()), (ErrorCode::AbiLengthTooLarge, Some("batch.proofs[1]")));
    }

    #[test]
    fn moved_shared_and_backward_tails_read_what_they_point_at() {
        let cd = encode_post_and_verify_batch(&batch());
        // callData's tail copied to the end and pointed at there.
        let tail = BASE + word(&cd, head(CALL_DATA));
        let mut moved = cd.clone();
        let copy: Vec<u8> = cd[tail..tail + 64].to_vec();
        let end = moved.len();
        set(&mut moved, head(CALL_DATA), U256::from(end - BASE));
        moved.extend_from_slice(&copy);
        let d = evm(&moved).unwrap();
        assert_eq!(d.value, batch());
        assert_eq!(deviation(&d), (DeviationKind::Offset, "batch.callData".into(), head(CALL_DATA)));
        // A moved copy re-encodes to the canonical bytes.
        assert_eq!(encode_post_and_verify_batch(&d.value), cd);

        // proofs[1] shares proofs[0]'s tail.
        let proofs = BASE + word(&cd, head(PROOFS)) + 32;
        let mut shared = cd.clone();
        let first = word(&cd, proofs);
        set(&mut shared, proofs + 32, U256::from(first));
        let d = evm(&shared).unwrap();
        assert_eq!(d.value.proofs, vec![Bytes::from(vec![1, 2, 3]); 2]);
        assert_eq!(deviation(&d).0, DeviationKind::Offset);

        // callData at offset −32 from the batch: the word at 4 (0x20) read as its length, the
        // 32 bytes after it as its data. The offset wraps around 2^256.
        let mut backward = cd.clone();
        set(&mut backward, head(CALL_DATA), U256::ZERO.wrapping_sub(U256::from(32)));
        let d = evm(&backward).unwrap();
        assert_eq!(d.value.callData.as_ref(), &cd[36..68]);
    }

    #[test]
    fn a_member_copied_to_memory_gets_the_unsigned_bound() {
        // callData at a data position that wraps past 2^255: the signed checks pass and the length
        // reads as zero, but the contract copies callData to memory with an unsigned bound.
        let cd = encode_post_and_verify_batch(&batch());
        let mut wrapped = cd.clone();
        set(&mut wrapped, head(CALL_DATA), U256::from(1u8) << 255);
        let e = evm(&wrapped).unwrap_err();
        assert_eq!((e.code(), e.path()), (ErrorCode::AbiLengthTooLarge, Some("batch.callData")), "{e}");
        assert!(e.to_string().contains("copied to memory") && e.to_string().contains("0x8000"), "{e}");
        // The same offset on proofs[0] (passed on to verify, never copied) is accepted: empty bytes.
        let proofs = BASE + word(&cd, head(PROOFS)) + 32;
        let mut proof = cd.clone();
        set(&mut proof, proofs, U256::from(1u8) << 255);
        assert_eq!(evm(&proof).unwrap().value.proofs[0], Bytes::new());
        // A data position that wraps to 0 (length word at 2^256 − 32, read as zero) is an
        // ordinary one: both accept an empty callData.
        let mut to_zero = cd.clone();
        set(&mut to_zero, head(CALL_DATA), U256::ZERO.wrapping_sub(U256::from(BASE + 32)));
        assert_eq!(evm(&to_zero).unwrap().value.callData, Bytes::new());
    }

    #[test]
    fn the_contracts_rejections() {
        let cd = encode_post_and_verify_batch(&batch());
        let reject = |cd: &[u8]| evm(cd).map(|_| ()).unwrap_err();
        // An address word with a high byte set.
        let ps = BASE + word(&cd, head(4)) + 32;
        let mut bad = cd.clone();
        bad[ps] = 1;
        let e = reject(&bad);
        assert_eq!(
            (e.code(), e.path(), e.offset()),
            (ErrorCode::AbiInvalidWord, Some("batch.proofSystems[0]"), Some(ps))
        );
        // uint64 blockNumber above 2^64 − 1.
        let mut bad = cd.clone();
        bad[head(10) + 23] = 1;
        assert_eq!(reject(&bad).code(), ErrorCode::AbiInvalidWord);
        // An offset past the end, a length above 2^64 − 1, the parameter offset above 2^64 − 1.
        let mut bad = cd.clone();
        set(&mut bad, head(CALL_DATA), U256::from(cd.len()));
        assert_eq!(reject(&bad).code(), ErrorCode::AbiBadOffset);
        let mut bad = cd.clone();
        set(&mut bad, BASE + word(&cd, head(CALL_DATA)), U256::from(1u8) << 64);
        assert_eq!(reject(&bad).code(), ErrorCode::AbiLengthTooLarge);
        let mut bad = cd.clone();
        set(&mut bad, 4, U256::from(1u8) << 64);
        assert_eq!(reject(&bad).code(), ErrorCode::AbiBadOffset);
        // The batch head must fit; a 4-byte input has no parameter head.
        assert_eq!(reject(&cd[..4 + 32 + 100]).code(), ErrorCode::AbiTruncated);
        assert_eq!(reject(&cd[..4]).code(), ErrorCode::AbiTruncated);
        assert_eq!(reject(&cd[..3]).code(), ErrorCode::AbiTruncated);
    }

    #[test]
    fn shared_tails_cannot_expand_past_the_cap() {
        // 2^17 proofs sharing one 8 KiB tail: 4 MiB of input claiming 1 GiB of proofs.
        let n = 1usize << 17;
        let mut cd = encode_post_and_verify_batch(&l1::ProofSystemBatchPerVerificationEntries::default());
        let proofs = BASE + word(&cd, head(PROOFS));
        cd.truncate(proofs);
        set_len(&mut cd, n);
        let data = cd.len();
        for _ in 0..n {
            cd.extend_from_slice(&U256::from(n * 32).to_be_bytes::<32>());
        }
        set_len(&mut cd, 8192);
        cd.resize(cd.len() + 8192, 0xaa);
        assert_eq!(data, proofs + 32);
        let e = evm(&cd).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InputTooLarge);
        assert!(e.to_string().contains("offsets sharing data"), "{e}");
    }

    fn set_len(cd: &mut Vec<u8>, n: usize) {
        cd.extend_from_slice(&U256::from(n).to_be_bytes::<32>());
    }

    #[test]
    fn signed_comparison() {
        let neg = U256::ZERO.wrapping_sub(U256::from(1));
        assert!(slt(neg, U256::ZERO));
        assert!(!slt(U256::ZERO, neg));
        assert!(slt(U256::from(1), U256::from(2)));
        assert!(!slt(U256::from(2), U256::from(2)));
    }
}
