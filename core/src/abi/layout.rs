//! Strict ABI layout check: walks untrusted bytes against a type's [`Shape`] before the alloy
//! decoder sees them, so that every fault is reported with its field path and byte offset.
//!
//! Accepted encodings are exactly the canonical ones `abi.encode` produces: every offset word
//! equals the position where the canonical encoding puts its data (so no gaps, overlaps or
//! backward pointers), every length is backed by input bytes *before* anything is allocated,
//! `bytes` padding is zero, `address`/`bool`/`uint64` words have no high bits set, and nothing
//! trails the encoding. The walk allocates nothing and visits each input byte a bounded number
//! of times (each element consumes at least one 32-byte word), so cost is linear in the input.

use crate::error::{Error, Result};
use alloy_primitives::{Address, Bytes, B256, I256, U256};
use std::fmt;

/// The kind of a single 32-byte ABI word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    /// `uint256`: any word.
    Uint256,
    /// `uint64`: the high 24 bytes are zero.
    Uint64,
    /// `int256`: any word (two's complement).
    Int256,
    /// `address`: the high 12 bytes are zero.
    Address,
    /// `bool`: 0 or 1.
    Bool,
    /// `bytes32`: any word.
    Bytes32,
}

impl WordKind {
    /// The Solidity type name.
    pub const fn sol_name(self) -> &'static str {
        match self {
            WordKind::Uint256 => "uint256",
            WordKind::Uint64 => "uint64",
            WordKind::Int256 => "int256",
            WordKind::Address => "address",
            WordKind::Bool => "bool",
            WordKind::Bytes32 => "bytes32",
        }
    }

    /// Whether `word` is a valid encoding of this type.
    pub fn accepts(self, word: &[u8; 32]) -> bool {
        match self {
            WordKind::Uint256 | WordKind::Int256 | WordKind::Bytes32 => true,
            WordKind::Uint64 => word[..24].iter().all(|b| *b == 0),
            WordKind::Address => word[..12].iter().all(|b| *b == 0),
            WordKind::Bool => word[..31].iter().all(|b| *b == 0) && word[31] <= 1,
        }
    }
}

/// One named member of a tuple shape.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The Solidity field (or parameter) name.
    pub name: &'static str,
    /// Its ABI shape.
    pub shape: Shape,
}

/// A tuple (struct or parameter list) with its head size precomputed.
#[derive(Debug)]
pub struct TupleShape {
    /// Members in ABI order.
    pub fields: Vec<Field>,
    /// Whether any member is dynamic (then the tuple is encoded behind an offset).
    pub dynamic: bool,
    /// Bytes the members take in the head (32 per dynamic member, inline size per static one).
    pub head_size: usize,
}

impl TupleShape {
    /// Builds a tuple shape from its members.
    pub fn new(fields: Vec<Field>) -> Self {
        let dynamic = fields.iter().any(|f| f.shape.is_dynamic());
        let head_size = fields.iter().map(|f| f.shape.head_size()).sum();
        TupleShape { fields, dynamic, head_size }
    }
}

/// The ABI shape of a Solidity type, as far as layout checking needs it.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// A single word.
    Word(WordKind),
    /// `bytes`.
    Bytes,
    /// `T[]`.
    Array(&'static Shape),
    /// A struct or parameter list.
    Tuple(&'static TupleShape),
}

impl Shape {
    /// Dynamic types are encoded behind an offset word.
    pub fn is_dynamic(&self) -> bool {
        match self {
            Shape::Word(_) => false,
            Shape::Bytes | Shape::Array(_) => true,
            Shape::Tuple(t) => t.dynamic,
        }
    }

    /// Bytes this type takes in its parent's head.
    pub fn head_size(&self) -> usize {
        match self {
            Shape::Tuple(t) if !t.dynamic => t.head_size,
            _ => 32,
        }
    }

    /// The canonical Solidity type string (`(uint256,bytes32)[]`), as in selectors.
    pub fn sol_type(&self) -> String {
        let mut s = String::new();
        self.write_sol_type(&mut s);
        s
    }

    fn write_sol_type(&self, out: &mut String) {
        match self {
            Shape::Word(k) => out.push_str(k.sol_name()),
            Shape::Bytes => out.push_str("bytes"),
            Shape::Array(inner) => {
                inner.write_sol_type(out);
                out.push_str("[]");
            }
            Shape::Tuple(t) => {
                out.push('(');
                for (i, f) in t.fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    f.shape.write_sol_type(out);
                }
                out.push(')');
            }
        }
    }
}

/// A Rust type with a known ABI shape. Implemented for the primitives alloy maps Solidity types
/// to and, through [`crate::protocol_struct!`], for every protocol struct.
pub trait HasShape {
    /// The shape of this type.
    fn shape() -> Shape;
}

/// A [`HasShape`] type whose shape can be referenced statically (everything but arrays).
pub trait HasStaticShape: HasShape {
    /// A `'static` reference to [`HasShape::shape`].
    fn static_shape() -> &'static Shape;
}

macro_rules! word_shape {
    ($($t:ty => $shape:expr),* $(,)?) => {$(
        impl HasShape for $t {
            fn shape() -> Shape { $shape }
        }
        impl HasStaticShape for $t {
            fn static_shape() -> &'static Shape { &$shape }
        }
    )*};
}

word_shape! {
    U256 => Shape::Word(WordKind::Uint256),
    u64 => Shape::Word(WordKind::Uint64),
    I256 => Shape::Word(WordKind::Int256),
    Address => Shape::Word(WordKind::Address),
    bool => Shape::Word(WordKind::Bool),
    B256 => Shape::Word(WordKind::Bytes32),
    Bytes => Shape::Bytes,
    String => Shape::Bytes,
}

impl<T: HasStaticShape> HasShape for Vec<T> {
    fn shape() -> Shape {
        Shape::Array(T::static_shape())
    }
}

/// A field path inside a value being decoded, built on the stack and formatted only on error.
#[derive(Clone, Copy)]
pub enum Path<'a> {
    /// The root, named after the value (`entry`, `batch`) or empty.
    Root(&'a str),
    /// A named member of the parent.
    Field(&'a Path<'a>, &'a str),
    /// An element of the parent array.
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    /// The path of member `name` of this value.
    pub fn field(&'a self, name: &'a str) -> Path<'a> {
        Path::Field(self, name)
    }
    /// The path of element `i` of this array.
    pub fn index(&'a self, i: usize) -> Path<'a> {
        Path::Index(self, i)
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root("") => f.write_str("$"),
            Path::Root(name) => f.write_str(name),
            Path::Field(Path::Root(""), name) => f.write_str(name),
            Path::Field(parent, name) => write!(f, "{parent}.{name}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// Checks that `buf[start..]` is exactly the canonical encoding of the tuple `fields`
/// (a parameter list, or the one-element tuple `(struct)` of `abi.encode(struct)`).
pub fn check_exact(buf: &[u8], start: usize, fields: &TupleShape, root: &Path<'_>) -> Result<()> {
    let walker = Walker { buf };
    let end = walker.tuple(start, fields, root)?;
    if end != buf.len() {
        return Err(Error::AbiTrailingBytes { offset: end, extra: buf.len() - end });
    }
    Ok(())
}

/// Checks that `buf` is exactly `abi.encode(value)` of one value of `shape`: for a dynamic type
/// the offset word `0x20` followed by its encoding, for a static one the inline words.
pub fn check_single(buf: &[u8], shape: Shape, root: &Path<'_>) -> Result<()> {
    let walker = Walker { buf };
    let end = if shape.is_dynamic() {
        let (off, word) = walker.small(0, root)?;
        if off != Some(32) {
            return Err(Error::AbiBadOffset {
                path: root.to_string(),
                offset: 0,
                found: word_to_string(word),
                expected: 32,
            });
        }
        walker.dynamic(32, shape, root)?
    } else {
        walker.inline(0, shape, root)?;
        shape.head_size()
    };
    if end != buf.len() {
        return Err(Error::AbiTrailingBytes { offset: end, extra: buf.len() - end });
    }
    Ok(())
}

struct Walker<'a> {
    buf: &'a [u8],
}

impl Walker<'_> {
    fn word(&self, pos: usize, path: &Path<'_>) -> Result<&[u8; 32]> {
        match pos.checked_add(32).and_then(|end| self.buf.get(pos..end)) {
            Some(w) => Ok(w.try_into().expect("slice of 32")),
            None => Err(Error::AbiTruncated { path: path.to_string(), offset: pos, needed: 32, len: self.buf.len() }),
        }
    }

    /// Reads a word that must be a small integer (offset or length); `None` if it exceeds usize.
    fn small(&self, pos: usize, path: &Path<'_>) -> Result<(Option<usize>, &[u8; 32])> {
        let w = self.word(pos, path)?;
        if w[..24].iter().any(|b| *b != 0) {
            return Ok((None, w));
        }
        let v = u64::from_be_bytes(w[24..].try_into().expect("8 bytes"));
        Ok((usize::try_from(v).ok(), w))
    }

    fn tuple(&self, start: usize, t: &TupleShape, path: &Path<'_>) -> Result<usize> {
        self.seq(start, t.fields.len(), t.head_size, path, |i| (Seg::Name(t.fields[i].name), t.fields[i].shape))
    }

    /// Walks `n` members whose heads start at `start` and take `head_size` bytes in total;
    /// returns the end of the last tail.
    fn seq(
        &self,
        start: usize,
        n: usize,
        head_size: usize,
        path: &Path<'_>,
        member: impl Fn(usize) -> (Seg, Shape),
    ) -> Result<usize> {
        let heads_end = start.checked_add(head_size).filter(|e| *e <= self.buf.len()).ok_or_else(|| {
            Error::AbiTruncated { path: path.to_string(), offset: start, needed: head_size, len: self.buf.len() }
        })?;
        let mut head = start;
        let mut tail = heads_end;
        for i in 0..n {
            let (seg, shape) = member(i);
            let child = match seg {
                Seg::Name(name) => path.field(name),
                Seg::Index => path.index(i),
            };
            if shape.is_dynamic() {
                let (off, word) = self.small(head, &child)?;
                let expected = tail - start;
                if off != Some(expected) {
                    return Err(Error::AbiBadOffset {
                        path: child.to_string(),
                        offset: head,
                        found: word_to_string(word),
                        expected,
                    });
                }
                tail = self.dynamic(tail, shape, &child)?;
                head += 32;
            } else {
                self.inline(head, shape, &child)?;
                head += shape.head_size();
            }
        }
        Ok(tail)
    }

    fn inline(&self, pos: usize, shape: Shape, path: &Path<'_>) -> Result<()> {
        match shape {
            Shape::Word(kind) => {
                let w = self.word(pos, path)?;
                if !kind.accepts(w) {
                    return Err(Error::AbiInvalidWord { path: path.to_string(), offset: pos, ty: kind.sol_name() });
                }
                Ok(())
            }
            Shape::Tuple(t) => self.tuple(pos, t, path).map(|_| ()),
            Shape::Bytes | Shape::Array(_) => unreachable!("dynamic shapes are never inline"),
        }
    }

    fn dynamic(&self, pos: usize, shape: Shape, path: &Path<'_>) -> Result<usize> {
        match shape {
            Shape::Bytes => {
                let (len, word) = self.small(pos, path)?;
                let body = pos + 32;
                let available = self.buf.len().saturating_sub(body);
                let len = match len {
                    Some(l) if l <= available => l,
                    _ => {
                        return Err(Error::AbiLengthTooLarge {
                            path: path.to_string(),
                            offset: pos,
                            length: word_to_string(word),
                            available,
                        })
                    }
                };
                let padded = len.div_ceil(32) * 32;
                if padded > available {
                    return Err(Error::AbiTruncated {
                        path: path.to_string(),
                        offset: body + len,
                        needed: padded - len,
                        len: self.buf.len(),
                    });
                }
                if let Some(i) = self.buf[body + len..body + padded].iter().position(|b| *b != 0) {
                    return Err(Error::AbiDirtyPadding { path: path.to_string(), offset: body + len + i });
                }
                Ok(body + padded)
            }
            Shape::Array(elem) => {
                let (len, word) = self.small(pos, path)?;
                let body = pos + 32;
                let available = self.buf.len().saturating_sub(body);
                let elem_head = elem.head_size();
                let heads = match len.and_then(|n| n.checked_mul(elem_head)) {
                    Some(h) if h <= available => h,
                    _ => {
                        return Err(Error::AbiLengthTooLarge {
                            path: path.to_string(),
                            offset: pos,
                            length: word_to_string(word),
                            available,
                        })
                    }
                };
                let n = heads / elem_head;
                self.seq(body, n, heads, path, |_| (Seg::Index, *elem))
            }
            Shape::Tuple(t) => self.tuple(pos, t, path),
            Shape::Word(_) => unreachable!("words are never dynamic"),
        }
    }
}

enum Seg {
    Name(&'static str),
    Index,
}

/// A word as a decimal number if it is small, else as hex (for error messages).
fn word_to_string(w: &[u8; 32]) -> String {
    let v = U256::from_be_bytes(*w);
    if v <= U256::from(u64::MAX) {
        v.to_string()
    } else {
        format!("{v:#x}")
    }
}

/// The shape of a struct member, inferred from an accessor (used by [`crate::protocol_struct!`]).
pub fn field_shape<S, T: HasShape>(_accessor: impl Fn(&S) -> &T) -> Shape {
    T::shape()
}
