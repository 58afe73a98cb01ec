//! The Merkle tree of a table: leaf and inner node hashing, the tree itself (built by
//! `rs_merkle`), and the one level walk that proof extraction, sibling counting and proof
//! verification share, so that all three visit siblings in the same (rs_merkle's) order.
//!
//! ```text
//! leaf node  = keccak256(0x00 ‖ itemHash)            // 33 bytes
//! inner node = keccak256(0x01 ‖ left ‖ right)        // 65 bytes
//! a level of odd width promotes its last node unchanged to the next level
//! root of 0 leaves = 0x00…00; root of 1 leaf = its leaf node
//! ```

use crate::error::{Error, Result};
use alloy_primitives::{keccak256, Keccak256, B256};
use rs_merkle::{Hasher, PartialTree};

/// Prefix byte of a leaf node's preimage.
pub const LEAF_PREFIX: u8 = 0x00;
/// Prefix byte of an inner node's preimage.
pub const INNER_PREFIX: u8 = 0x01;
/// The root of a table without entries and lookup calls (no leaf): 32 zero bytes. It is the hash
/// of nothing; the commitment's leaf counts (0, 0) say the table is empty.
pub const EMPTY_ROOT: B256 = B256::ZERO;

/// `keccak256(0x00 ‖ itemHash)`: the leaf node of an entry or lookup-call hash.
pub fn leaf_node(item_hash: &B256) -> B256 {
    let mut preimage = [0u8; 33];
    preimage[0] = LEAF_PREFIX;
    preimage[1..].copy_from_slice(item_hash.as_slice());
    keccak256(preimage)
}

/// `keccak256(0x01 ‖ left ‖ right)`: the parent of two nodes.
pub fn inner_node(left: &[u8; 32], right: &[u8; 32]) -> B256 {
    let mut preimage = [0u8; 65];
    preimage[0] = INNER_PREFIX;
    preimage[1..33].copy_from_slice(left);
    preimage[33..].copy_from_slice(right);
    keccak256(preimage)
}

/// The `rs_merkle` hasher of table trees: keccak-256 with the leaf / inner domain separation.
///
/// `concat_and_hash(l, Some(r)) = keccak256(0x01 ‖ l ‖ r)` (a 65-byte stack buffer, no
/// allocation); `concat_and_hash(l, None) = l` (the odd-node promotion). `hash(data) =
/// keccak256(0x00 ‖ data)`, the leaf rule, so `hash(itemHash)` is the leaf node; the tree itself
/// is handed leaf nodes and never calls `hash`.
#[derive(Debug, Clone, Copy, Default)]
pub struct TableNodeHasher;

impl Hasher for TableNodeHasher {
    type Hash = [u8; 32];

    fn hash(data: &[u8]) -> [u8; 32] {
        let mut hasher = Keccak256::new();
        hasher.update([LEAF_PREFIX]);
        hasher.update(data);
        hasher.finalize().0
    }

    fn concat_and_hash(left: &[u8; 32], right: Option<&[u8; 32]>) -> [u8; 32] {
        match right {
            Some(right) => inner_node(left, right).0,
            None => *left,
        }
    }
}

/// The width of the level above a level of `width` nodes: `ceil(width / 2)`.
pub(crate) fn parent_width(width: u64) -> u64 {
    width / 2 + width % 2
}

/// Walks a tree from `level` (of `width` nodes) to the root. `nodes` are the known nodes of that
/// level, positions strictly ascending and below `width`. At each level, in ascending position:
/// a node whose sibling is known is paired with it; an even node at position `width - 1` (odd
/// width) is promoted unchanged; any other node asks `sibling(level, position)` for its sibling
/// (so siblings are asked for level by level, ascending — rs_merkle's proof order). Returns
/// `None` when `sibling` does, or when `nodes` is empty / `width` is 0.
pub(crate) fn walk<N: Copy>(
    mut level: u32,
    mut width: u64,
    nodes: &mut Vec<(u64, N)>,
    mut sibling: impl FnMut(u32, u64) -> Option<N>,
    combine: impl Fn(&N, &N) -> N,
) -> Option<N> {
    if nodes.is_empty() || width == 0 {
        return None;
    }
    let mut next: Vec<(u64, N)> = Vec::with_capacity(nodes.len());
    while width > 1 {
        next.clear();
        let mut i = 0;
        while i < nodes.len() {
            let (position, node) = nodes[i];
            let parent = if position % 2 == 0 {
                match nodes.get(i + 1) {
                    Some((right_position, right)) if *right_position == position + 1 => {
                        i += 1;
                        combine(&node, right)
                    }
                    _ if position + 1 < width => combine(&node, &sibling(level, position + 1)?),
                    _ => node,
                }
            } else {
                combine(&sibling(level, position - 1)?, &node)
            };
            next.push((position / 2, parent));
            i += 1;
        }
        std::mem::swap(nodes, &mut next);
        width = parent_width(width);
        level += 1;
    }
    nodes.first().map(|(_, root)| *root)
}

/// The number of siblings a proof of the leaves at `indices` (strictly ascending, below
/// `leaf_count`) needs.
pub(crate) fn sibling_count(indices: &[u64], leaf_count: u64) -> usize {
    let mut nodes: Vec<(u64, ())> = indices.iter().map(|i| (*i, ())).collect();
    let mut count = 0usize;
    walk(
        0,
        leaf_count,
        &mut nodes,
        |_, _| {
            count += 1;
            Some(())
        },
        |_, _| (),
    );
    count
}

/// The Merkle tree over the leaf nodes of a table (entries, then lookup calls), built with
/// `rs_merkle`'s [`PartialTree`] and [`TableNodeHasher`].
#[derive(Clone)]
pub struct TableTree {
    leaf_count: u64,
    tree: PartialTree<TableNodeHasher>,
}

impl std::fmt::Debug for TableTree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TableTree").field("leaf_count", &self.leaf_count).field("root", &self.root()).finish()
    }
}

impl TableTree {
    /// Builds the tree of the given item hashes (entry hashes then lookup-call hashes):
    /// `leaf_i = keccak256(0x00 ‖ itemHash_i)`, then the levels above.
    pub fn from_item_hashes<'a>(item_hashes: impl IntoIterator<Item = &'a B256>) -> Self {
        let leaves: Vec<(usize, [u8; 32])> =
            item_hashes.into_iter().enumerate().map(|(i, h)| (i, leaf_node(h).0)).collect();
        Self::build(leaves)
    }

    /// Builds the tree over already computed leaf nodes.
    pub fn from_leaf_nodes(leaves: &[[u8; 32]]) -> Self {
        Self::build(leaves.iter().copied().enumerate().collect())
    }

    /// `PartialTree::build` over the full leaf level, with rs_merkle's depth (the bit length of the
    /// leaf count, as `PartialTree::from_leaves` uses; levels past the root only promote it).
    fn build(leaves: Vec<(usize, [u8; 32])>) -> Self {
        let leaf_count = leaves.len();
        let depth = (usize::BITS - leaf_count.leading_zeros()) as usize;
        // `build` fails only when a level lacks nodes, which a full set of leaves never does.
        let tree = PartialTree::build(vec![leaves], depth).unwrap_or_default();
        TableTree { leaf_count: leaf_count as u64, tree }
    }

    /// The number of leaves.
    pub fn leaf_count(&self) -> u64 {
        self.leaf_count
    }

    /// The root ([`EMPTY_ROOT`] without leaves).
    pub fn root(&self) -> B256 {
        self.tree.root().map_or(EMPTY_ROOT, |root| B256::from(*root))
    }

    /// The node at `position` of `level` (level 0 = leaf nodes), if the tree has one.
    pub fn node(&self, level: u32, position: u64) -> Option<B256> {
        let layer = self.tree.layers().get(usize::try_from(level).ok()?)?;
        let (_, hash) = layer.get(usize::try_from(position).ok()?)?;
        Some(B256::from(*hash))
    }

    /// Every level from the leaf nodes up to the root, as long as the width is above 1, then the
    /// root level (rs_merkle's extra single-node levels left out).
    pub fn levels(&self) -> Vec<Vec<B256>> {
        let mut levels = Vec::new();
        let mut width = self.leaf_count;
        for layer in self.tree.layers() {
            levels.push(layer.iter().map(|(_, h)| B256::from(*h)).collect::<Vec<_>>());
            if width <= 1 {
                break;
            }
            width = parent_width(width);
        }
        levels
    }

    /// The siblings a proof of the leaves at `indices` carries, in proof order. `indices` must be
    /// strictly ascending and below the leaf count ([`Error::InvalidArgument`] otherwise).
    pub fn siblings(&self, indices: &[u64]) -> Result<Vec<B256>> {
        check_indices(indices, self.leaf_count)?;
        let mut nodes: Vec<(u64, ())> = indices.iter().map(|i| (*i, ())).collect();
        let mut siblings = Vec::new();
        let mut missing = None;
        walk(
            0,
            self.leaf_count,
            &mut nodes,
            |level, position| {
                match self.node(level, position) {
                    Some(node) => siblings.push(node),
                    None => missing = Some((level, position)),
                }
                Some(())
            },
            |_, _| (),
        );
        match missing {
            None => Ok(siblings),
            Some((level, position)) => {
                Err(Error::invalid("indices", format!("the tree has no node at level {level}, position {position}")))
            }
        }
    }
}

fn check_indices(indices: &[u64], leaf_count: u64) -> Result<()> {
    if indices.is_empty() {
        return Err(Error::invalid("indices", "a proof needs at least one leaf index"));
    }
    for (i, index) in indices.iter().enumerate() {
        if *index >= leaf_count {
            return Err(Error::invalid(
                format!("indices[{i}]"),
                format!("leaf index {index} is out of range: the table has {leaf_count} leaves"),
            ));
        }
        if i > 0 && indices[i - 1] >= *index {
            return Err(Error::invalid(
                format!("indices[{i}]"),
                format!("leaf indices must be strictly ascending ({} then {index})", indices[i - 1]),
            ));
        }
    }
    Ok(())
}
