//! Verifying an inclusion proof: the items, the proof and the commitment are all it needs
//! (docs/COMMITMENT.md §4.5). The checks and their codes are listed on [`InclusionProof::verify`].

use super::items::{ExpectedCommitment, ProofItem, Table, VerifiedInclusion};
use super::tree::{inner_node, leaf_node, parent_width, sibling_count, walk};
use super::{InclusionProof, Leaf};
use crate::error::{Error, ErrorCode, Result};
use alloy_primitives::B256;
use std::collections::HashMap;

fn rejected(code: ErrorCode, message: impl Into<String>) -> Error {
    Error::rejected(code, message)
}

fn combine(left: &B256, right: &B256) -> B256 {
    inner_node(&left.0, &right.0)
}

impl InclusionProof {
    /// Decodes the binary encoding and verifies it ([`decode`](Self::decode), then
    /// [`verify`](Self::verify)).
    pub fn verify_encoded(
        bytes: &[u8],
        expected: &ExpectedCommitment,
        items: &[ProofItem],
    ) -> Result<VerifiedInclusion> {
        Self::decode(bytes)?.verify(expected, items)
    }

    /// Verifies that `items` (one per index, in proof order) are the leaves at the proof's indices
    /// of the table committed to by `expected`. Checks, in order (the first that fails is reported):
    /// 1. the commitment: a bare digest must be the digest of the proof's record, else 404; a
    ///    record must have the proof's `sharedPublicInput` and root (else 404), then its leaf
    ///    counts (else 402);
    /// 2. `E + L` overflows u64, the proof names no index, or the number of items is not the
    ///    number of indices: 409;
    /// 3. each index in order: equal to the previous 408, below it 409, `≥ E + L` 401, an entry
    ///    item at a lookup-call leaf (or the reverse) 401;
    /// 4. the sibling count against the count the indices and `E + L` need: more 406, fewer 405
    ///    (407 if the single item is an inner node whose path the siblings complete);
    /// 5. the root from `keccak256(0x00 ‖ itemHash)` leaves and the siblings: equal → valid; else
    ///    407 when an item hash is the root or a sibling of the proof, or the items are the leaf
    ///    nodes themselves; else 403.
    pub fn verify(&self, expected: &ExpectedCommitment, items: &[ProofItem]) -> Result<VerifiedInclusion> {
        let hashes: Vec<B256> = items.iter().map(ProofItem::item_hash).collect();
        let tables: Vec<Option<Table>> = items.iter().map(ProofItem::table).collect();
        self.verify_items(expected, &hashes, &tables)
    }

    /// [`verify`](Self::verify) with bare item hashes (either table).
    pub fn verify_hashes(&self, expected: &ExpectedCommitment, item_hashes: &[B256]) -> Result<VerifiedInclusion> {
        self.verify_items(expected, item_hashes, &vec![None; item_hashes.len()])
    }

    fn verify_items(
        &self,
        expected: &ExpectedCommitment,
        hashes: &[B256],
        tables: &[Option<Table>],
    ) -> Result<VerifiedInclusion> {
        self.check_commitment(expected)?;
        let leaf_count = self.check_indices(hashes.len(), tables)?;
        let needed = sibling_count(&self.indices, leaf_count);
        let given = self.siblings.len();
        if given < needed {
            if let Some(message) = self.shortened_path(hashes, leaf_count) {
                return Err(rejected(ErrorCode::ProofInnerNodeAsLeaf, message));
            }
            return Err(rejected(
                ErrorCode::ProofTruncated,
                format!(
                    "the proof has {given} siblings; {} of a table of {leaf_count} leaves need {needed}",
                    describe_indices(&self.indices)
                ),
            ));
        }
        if given > needed {
            return Err(rejected(
                ErrorCode::ProofOverlong,
                format!(
                    "the proof has {given} siblings; {} of a table of {leaf_count} leaves need only {needed}",
                    describe_indices(&self.indices)
                ),
            ));
        }
        let mut nodes: Vec<(u64, B256)> = self.indices.iter().zip(hashes).map(|(i, h)| (*i, leaf_node(h))).collect();
        let root = self.fold(0, leaf_count, &mut nodes);
        if root == Some(self.commitment.root) {
            let entry_count = self.commitment.entry_count;
            return Ok(VerifiedInclusion {
                commitment: self.commitment.digest(),
                leaves: self.indices.iter().map(|i| Leaf::at(*i, entry_count)).collect(),
            });
        }
        if let Some(message) = self.node_as_item(hashes, leaf_count) {
            return Err(rejected(ErrorCode::ProofInnerNodeAsLeaf, message));
        }
        Err(rejected(
            ErrorCode::ProofRootMismatch,
            format!(
                "the items and siblings give root {}, the commitment's root is {}: a sibling or an item differs",
                root.unwrap_or_default(),
                self.commitment.root
            ),
        ))
    }

    /// Folds `nodes` (at `level`, of `width`) to the root with the proof's siblings, in order.
    fn fold(&self, level: u32, width: u64, nodes: &mut Vec<(u64, B256)>) -> Option<B256> {
        let mut siblings = self.siblings.iter();
        walk(level, width, nodes, |_, _| siblings.next().copied(), combine)
    }

    fn check_commitment(&self, expected: &ExpectedCommitment) -> Result<()> {
        let own = &self.commitment;
        match expected {
            ExpectedCommitment::Digest(digest) if own.digest() != *digest => Err(rejected(
                ErrorCode::ProofOtherCommitment,
                format!("the proof belongs to table commitment {}, not {digest}", own.digest()),
            )),
            ExpectedCommitment::Digest(_) => Ok(()),
            ExpectedCommitment::Record(record) => {
                let mut differs = Vec::new();
                if own.shared_public_input != record.shared_public_input {
                    differs.push(format!(
                        "sharedPublicInput {} (expected {})",
                        own.shared_public_input, record.shared_public_input
                    ));
                }
                if own.root != record.root {
                    differs.push(format!("root {} (expected {})", own.root, record.root));
                }
                if !differs.is_empty() {
                    return Err(rejected(
                        ErrorCode::ProofOtherCommitment,
                        format!(
                            "the proof belongs to table commitment {}, not {}: {}",
                            own.digest(),
                            record.digest(),
                            differs.join("; ")
                        ),
                    ));
                }
                if (own.entry_count, own.lookup_count) != (record.entry_count, record.lookup_count) {
                    return Err(rejected(
                        ErrorCode::ProofWrongLeafCount,
                        format!(
                            "the proof is for {} entries and {} lookup calls, the commitment has {} and {}",
                            own.entry_count, own.lookup_count, record.entry_count, record.lookup_count
                        ),
                    ));
                }
                Ok(())
            }
        }
    }

    /// Steps 2 and 3; returns `E + L`.
    fn check_indices(&self, item_count: usize, tables: &[Option<Table>]) -> Result<u64> {
        let own = &self.commitment;
        let leaf_count = own.leaf_count().ok_or_else(|| {
            rejected(
                ErrorCode::ProofMalformed,
                format!("entryCount {} + lookupCount {} overflows u64", own.entry_count, own.lookup_count),
            )
        })?;
        if self.indices.is_empty() {
            return Err(rejected(ErrorCode::ProofMalformed, "the proof names no leaf index"));
        }
        if item_count != self.indices.len() {
            return Err(rejected(
                ErrorCode::ProofMalformed,
                format!("the proof names {} leaves, {item_count} items were given", self.indices.len()),
            ));
        }
        for (j, index) in self.indices.iter().enumerate() {
            if j > 0 {
                let previous = self.indices[j - 1];
                if *index == previous {
                    return Err(rejected(
                        ErrorCode::ProofDuplicateIndex,
                        format!("leaf index {index} is named twice (indices[{}] and indices[{j}])", j - 1),
                    ));
                }
                if *index < previous {
                    return Err(rejected(
                        ErrorCode::ProofMalformed,
                        format!("indices are not ascending: indices[{}] = {previous}, indices[{j}] = {index}", j - 1),
                    ));
                }
            }
            if *index >= leaf_count {
                return Err(rejected(
                    ErrorCode::ProofWrongIndex,
                    format!("indices[{j}] = {index} is beyond the table's {leaf_count} leaves"),
                ));
            }
            let leaf = Leaf::at(*index, own.entry_count);
            let mismatch = match (tables[j], leaf) {
                (Some(Table::Entries), Leaf::LookupCall(_)) => Some("an entry"),
                (Some(Table::LookupCalls), Leaf::Entry(_)) => Some("a lookup call"),
                _ => None,
            };
            if let Some(what) = mismatch {
                return Err(rejected(
                    ErrorCode::ProofWrongIndex,
                    format!(
                        "items[{j}] is {what}, but leaf {index} holds {leaf} (the table has {} entries)",
                        own.entry_count
                    ),
                ));
            }
        }
        Ok(leaf_count)
    }

    /// For a single-item proof with too few siblings: is the item an inner node at some level
    /// `ℓ ≥ 1`, position `index >> ℓ` or `index`, whose path to the root the siblings complete?
    /// A table of more than 2^63 leaves has a level 64, where `index >> 64` is 0 (a plain `>>`
    /// by 64 overflows: found by the `proof_binary` fuzz target).
    fn shortened_path(&self, hashes: &[B256], leaf_count: u64) -> Option<String> {
        let ([index], [hash]) = (self.indices.as_slice(), hashes) else { return None };
        let mut width = leaf_count;
        let mut level = 0u32;
        while width > 1 {
            width = parent_width(width);
            level += 1;
            let ancestor = index.checked_shr(level).unwrap_or(0);
            let mut candidates = vec![ancestor];
            if *index != ancestor {
                candidates.push(*index);
            }
            for position in candidates.into_iter().filter(|p| *p < width) {
                if sibling_count(&[position], width) != self.siblings.len() {
                    continue;
                }
                let mut nodes = vec![(position, *hash)];
                if self.fold(level, width, &mut nodes) == Some(self.commitment.root) {
                    return Some(format!(
                        "the item hash given for leaf {index} is the inner node at level {level}, position \
                         {position} (the siblings complete its path to the root); a leaf is keccak256(0x00 ‖ itemHash)"
                    ));
                }
            }
        }
        None
    }

    /// After a root mismatch: is an item hash a node of the tree — the root, a sibling of the
    /// proof — or are the items given leaf nodes instead of item hashes?
    fn node_as_item(&self, hashes: &[B256], leaf_count: u64) -> Option<String> {
        let root = self.commitment.root;
        if let Some(j) = hashes.iter().position(|h| *h == root) {
            return Some(format!(
                "items[{j}] (leaf {}) is the table's root, a node of the tree, not an item hash",
                self.indices[j]
            ));
        }
        let mut positions = Vec::with_capacity(self.siblings.len());
        let mut nodes: Vec<(u64, ())> = self.indices.iter().map(|i| (*i, ())).collect();
        walk(
            0,
            leaf_count,
            &mut nodes,
            |level, position| {
                positions.push((level, position));
                Some(())
            },
            |_, _| (),
        );
        let by_value: HashMap<B256, (u32, u64)> = self.siblings.iter().copied().zip(positions).collect();
        for (j, hash) in hashes.iter().enumerate() {
            if let Some((level, position)) = by_value.get(hash) {
                let what = if *level == 0 { "a leaf node" } else { "an inner node" };
                return Some(format!(
                    "items[{j}] (leaf {}) is the node at level {level}, position {position} of the tree ({what}, a \
                     sibling in this proof), not an item hash",
                    self.indices[j]
                ));
            }
        }
        let mut as_leaves: Vec<(u64, B256)> = self.indices.iter().copied().zip(hashes.iter().copied()).collect();
        if self.fold(0, leaf_count, &mut as_leaves) == Some(root) {
            return Some("the values given are leaf nodes keccak256(0x00 ‖ itemHash), not item hashes".into());
        }
        None
    }
}

fn describe_indices(indices: &[u64]) -> String {
    match indices {
        [one] => format!("leaf {one}"),
        many if many.len() <= 8 => format!("leaves {many:?}"),
        many => format!("{} leaves", many.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commit::TableCommitment;

    /// A single-index proof of a table of 2^64 - 1 leaves with too few siblings: the inner-node
    /// search climbs 64 levels and must not overflow shifting the index (fuzz regression).
    #[test]
    fn a_table_of_2_pow_64_leaves_is_searched_without_overflow() {
        let commitment = TableCommitment {
            entry_count: u64::MAX - 1,
            lookup_count: 1,
            shared_public_input: B256::ZERO,
            root: B256::repeat_byte(7),
        };
        let proof = InclusionProof { commitment, indices: vec![u64::MAX - 2], siblings: vec![B256::ZERO] };
        let e = proof.verify_hashes(&ExpectedCommitment::Record(commitment), &[B256::ZERO]).unwrap_err();
        assert_eq!(e.code(), ErrorCode::ProofTruncated, "{e}");
    }
}
