//! Well-formedness of every execution context (§5.3–§5.5, §6.6, §8.5, §8.6): an entry, or a
//! top-level or nested lookup, running its own flat calls. L1 and L2 share every rule through the
//! `Dialect` trait; only types, field names and errors differ.

use super::{Finding, Rule};
use crate::abi::layout::Path;
use crate::abi::revert::ProtocolError;
use crate::types::l1::{self, IEEZ};
use crate::types::l2::{self, IEEZL2};
use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::Panic;

/// The fields of a flat call the rules read (`L2ToL1Call` / `CrossChainCall`).
trait CallView {
    fn revert_span(&self) -> &U256;
    fn source_address(&self) -> &Address;
    fn source_rollup_id(&self) -> &U256;
}

/// The field of a reentrant-table item the rules read.
trait ExpectedView {
    fn call_count(&self) -> &U256;
}

/// A nested `ExpectedLookup` of either side.
trait NestedView {
    type Call: CallView;
    type Expected: ExpectedView;
    /// The matching key `(crossChainCallHash, callNumber, consumed, executingLookupIndex)`.
    fn key(&self) -> (&B256, u64, u64, u64);
    fn failed(&self) -> bool;
    fn calls(&self) -> &[Self::Call];
    fn expected(&self) -> &[Self::Expected];
    fn call_count(&self) -> &U256;
    fn rolling_hash(&self) -> &B256;
}

/// One side of the protocol: its types, field names and end-of-context errors.
trait Dialect {
    type Call: CallView;
    type Expected: ExpectedView;
    type Nested: NestedView<Call = Self::Call, Expected = Self::Expected>;
    /// Flat call array field.
    const CALLS: &'static str;
    /// Reentrant table field.
    const EXPECTED: &'static str;
    /// Nested-lookup call-number key field.
    const CALL_NUMBER: &'static str;
    /// Nested-lookup consumed-counter key field.
    const CONSUMED: &'static str;
    /// Raised when the cursor ends short of the flat array.
    fn unconsumed_calls() -> ProtocolError;
    /// Raised when the reentrant table is not fully consumed.
    fn unconsumed_expected() -> ProtocolError;
}

struct L1;
struct L2;

macro_rules! views {
    ($call:ty, $expected:ty, $nested:ty, $calls:ident, $exp:ident, $number:ident, $consumed:ident) => {
        impl CallView for $call {
            fn revert_span(&self) -> &U256 {
                &self.revertSpan
            }
            fn source_address(&self) -> &Address {
                &self.sourceAddress
            }
            fn source_rollup_id(&self) -> &U256 {
                &self.sourceRollupId
            }
        }
        impl ExpectedView for $expected {
            fn call_count(&self) -> &U256 {
                &self.callCount
            }
        }
        impl NestedView for $nested {
            type Call = $call;
            type Expected = $expected;
            fn key(&self) -> (&B256, u64, u64, u64) {
                (&self.crossChainCallHash, self.$number, self.$consumed, self.executingLookupIndex)
            }
            fn failed(&self) -> bool {
                self.failed
            }
            fn calls(&self) -> &[$call] {
                &self.$calls
            }
            fn expected(&self) -> &[$expected] {
                &self.$exp
            }
            fn call_count(&self) -> &U256 {
                &self.callCount
            }
            fn rolling_hash(&self) -> &B256 {
                &self.rollingHash
            }
        }
    };
}

views!(
    l1::L2ToL1Call,
    l1::ExpectedL1ToL2Call,
    l1::ExpectedLookup,
    l2ToL1Calls,
    expectedL1ToL2Calls,
    l2ToL1CallNumber,
    lastL1ToL2CallConsumed
);
views!(
    l2::CrossChainCall,
    l2::ExpectedOutgoingCrossChainCall,
    l2::ExpectedLookup,
    incomingCalls,
    expectedOutgoingCalls,
    callNumber,
    lastOutgoingCallConsumed
);

impl Dialect for L1 {
    type Call = l1::L2ToL1Call;
    type Expected = l1::ExpectedL1ToL2Call;
    type Nested = l1::ExpectedLookup;
    const CALLS: &'static str = "l2ToL1Calls";
    const EXPECTED: &'static str = "expectedL1ToL2Calls";
    const CALL_NUMBER: &'static str = "l2ToL1CallNumber";
    const CONSUMED: &'static str = "lastL1ToL2CallConsumed";
    fn unconsumed_calls() -> ProtocolError {
        ProtocolError::UnconsumedL2ToL1Calls(IEEZ::UnconsumedL2ToL1Calls {})
    }
    fn unconsumed_expected() -> ProtocolError {
        ProtocolError::UnconsumedL1ToL2Calls(IEEZ::UnconsumedL1ToL2Calls {})
    }
}

impl Dialect for L2 {
    type Call = l2::CrossChainCall;
    type Expected = l2::ExpectedOutgoingCrossChainCall;
    type Nested = l2::ExpectedLookup;
    const CALLS: &'static str = "incomingCalls";
    const EXPECTED: &'static str = "expectedOutgoingCalls";
    const CALL_NUMBER: &'static str = "callNumber";
    const CONSUMED: &'static str = "lastOutgoingCallConsumed";
    fn unconsumed_calls() -> ProtocolError {
        ProtocolError::UnconsumedIncomingCalls(IEEZL2::UnconsumedIncomingCalls {})
    }
    fn unconsumed_expected() -> ProtocolError {
        ProtocolError::UnconsumedOutgoingCalls(IEEZL2::UnconsumedOutgoingCalls {})
    }
}

/// A view of one context: an entry, a top-level lookup or a nested lookup (path = the struct).
struct Ctx<'a, D: Dialect> {
    path: &'a Path<'a>,
    calls: &'a [D::Call],
    expected: &'a [D::Expected],
    call_count: &'a U256,
    rolling_hash: &'a B256,
}

/// An L1 entry: a host context over `l2ToL1Calls` with its `expectedLookups` table.
pub(super) fn check_l1_entry(out: &mut Vec<Finding>, path: &Path<'_>, e: &l1::ExecutionEntry) {
    let ctx = Ctx::<L1> {
        path,
        calls: &e.l2ToL1Calls,
        expected: &e.expectedL1ToL2Calls,
        call_count: &e.callCount,
        rolling_hash: &e.rollingHash,
    };
    check_host(out, &ctx, &e.expectedLookups);
}

/// A top-level L1 lookup (`l1ToL2lookupCalls[i]`).
pub(super) fn check_l1_lookup(out: &mut Vec<Finding>, path: &Path<'_>, l: &l1::LookupCall) {
    let ctx = Ctx::<L1> {
        path,
        calls: &l.l2ToL1Calls,
        expected: &l.expectedL1ToL2Calls,
        call_count: &l.callCount,
        rolling_hash: &l.rollingHash,
    };
    check_top_lookup(out, &ctx, l.failed, &l.expectedLookups);
}

/// An L2 entry: a host context over `incomingCalls` with its `expectedLookups` table.
pub(super) fn check_l2_entry(out: &mut Vec<Finding>, path: &Path<'_>, e: &l2::ExecutionEntry) {
    let ctx = Ctx::<L2> {
        path,
        calls: &e.incomingCalls,
        expected: &e.expectedOutgoingCalls,
        call_count: &e.callCount,
        rolling_hash: &e.rollingHash,
    };
    check_host(out, &ctx, &e.expectedLookups);
}

/// A top-level L2 lookup (`lookupCalls[i]`).
pub(super) fn check_l2_lookup(out: &mut Vec<Finding>, path: &Path<'_>, l: &l2::LookupCall) {
    let ctx = Ctx::<L2> {
        path,
        calls: &l.incomingCalls,
        expected: &l.expectedOutgoingCalls,
        call_count: &l.callCount,
        rolling_hash: &l.rollingHash,
    };
    check_top_lookup(out, &ctx, l.failed, &l.expectedLookups);
}

fn panic_out_of_bounds() -> Option<ProtocolError> {
    Some(ProtocolError::Panic(Panic { code: U256::from(0x32) }))
}

fn rolling_hash_mismatch() -> ProtocolError {
    ProtocolError::RollingHashMismatch(IEEZ::RollingHashMismatch {})
}

/// `ExecutionNotFound()`: what a consumption raises when no entry or lookup matches.
pub(super) fn execution_not_found() -> Option<ProtocolError> {
    Some(ProtocolError::ExecutionNotFound(IEEZ::ExecutionNotFound {}))
}

/// §8.5 / §8.6 on one call (every call, static or executed).
fn check_source<C: CallView>(out: &mut Vec<Finding>, call: &C, calls_path: &Path<'_>, i: usize) {
    if call.source_address().is_zero() {
        out.push(Finding::new(
            Rule::ZeroSourceAddress,
            &calls_path.index(i).field("sourceAddress"),
            "sourceAddress 0: its proxy is registered as originalAddress 0, which reads as \"not a proxy\"; the \
             next call needing it redeploys it and reverts (CREATE2 collision)"
                .into(),
            None,
        ));
    }
    let rid = call.source_rollup_id();
    if rid.bit_len() > 64 {
        out.push(Finding::new(
            Rule::SourceRollupIdTooLarge,
            &calls_path.index(i).field("sourceRollupId"),
            format!("sourceRollupId {rid} does not fit uint64: the proxy registry stores it truncated"),
            None,
        ));
    }
}

/// An entry or a reverted-mode lookup running its own flat calls: sources, revert spans and the
/// partition invariant (§5.3).
fn check_execution<D: Dialect>(out: &mut Vec<Finding>, ctx: &Ctx<'_, D>) {
    let n = ctx.calls.len();
    let calls_path = ctx.path.field(D::CALLS);
    let mut open_span: Option<(usize, usize)> = None;
    for (i, call) in ctx.calls.iter().enumerate() {
        check_source(out, call, &calls_path, i);
        let span = call.revert_span();
        if span.is_zero() {
            continue;
        }
        let end = usize::try_from(*span).ok().and_then(|s| i.checked_add(s)).filter(|e| *e <= n);
        let outer = open_span.filter(|(_, e)| i < *e);
        if let Some((start, _)) = outer {
            out.push(Finding::new(
                Rule::NestedRevertSpan,
                &calls_path.index(i).field("revertSpan"),
                format!("revert span of {span} starts inside the span of {}[{start}]", D::CALLS),
                None,
            ));
        }
        if end.is_none() {
            out.push(Finding::new(
                Rule::RevertSpanOutOfRange,
                &calls_path.index(i).field("revertSpan"),
                format!("revert span of {span} iterations from {}[{i}] runs past the {n} calls", D::CALLS),
                panic_out_of_bounds(),
            ));
        }
        if outer.is_none() {
            open_span = Some((i, end.unwrap_or(n)));
        }
    }
    let cc = ctx.call_count;
    if n == 0 {
        if !cc.is_zero() {
            out.push(Finding::new(
                Rule::EmptyContext,
                &ctx.path.field("callCount"),
                format!("callCount {cc} but no {}: the first iteration reads past the end", D::CALLS),
                panic_out_of_bounds(),
            ));
        }
        if !ctx.expected.is_empty() {
            out.push(Finding::new(
                Rule::EmptyContext,
                &ctx.path.field(D::EXPECTED),
                format!("{} reentrant calls expected but no call runs, so none is consumed", ctx.expected.len()),
                Some(D::unconsumed_expected()),
            ));
        }
        if !ctx.rolling_hash.is_zero() {
            out.push(Finding::new(
                Rule::EmptyContext,
                &ctx.path.field("rollingHash"),
                "nothing is folded without calls: rollingHash must be 0 (the tagged hash of nothing)".into(),
                Some(rolling_hash_mismatch()),
            ));
        }
        return;
    }
    if cc.is_zero() {
        let error = if ctx.rolling_hash.is_zero() { D::unconsumed_calls() } else { rolling_hash_mismatch() };
        out.push(Finding::new(
            Rule::ZeroCallCount,
            &ctx.path.field("callCount"),
            format!("callCount 0 with {n} {}: the top frame runs nothing", D::CALLS),
            Some(error),
        ));
        return;
    }
    let len = U256::from(n);
    if *cc > len {
        out.push(Finding::new(
            Rule::PartitionMismatch,
            &ctx.path.field("callCount"),
            format!("callCount {cc} exceeds the {n} {}: the top frame alone reads past the end", D::CALLS),
            panic_out_of_bounds(),
        ));
        return;
    }
    let available = len - cc;
    let mut sum = U256::ZERO;
    for (k, item) in ctx.expected.iter().enumerate() {
        sum = sum.saturating_add(*item.call_count());
        if sum > available {
            out.push(Finding::new(
                Rule::ReentrantSlicesExceedCalls,
                &ctx.path.field(D::EXPECTED).index(k).field("callCount"),
                format!(
                    "{}[0..={k}] claim {sum} iterations but only {available} of the {n} {} are left after the top \
                     frame's {cc}",
                    D::EXPECTED,
                    D::CALLS
                ),
                panic_out_of_bounds(),
            ));
            return;
        }
    }
    if sum < available {
        out.push(Finding::new(
            Rule::PartitionMismatch,
            &ctx.path.field("callCount"),
            format!(
                "callCount {cc} + Σ {}.callCount {sum} = {} < {n} {}: the last calls never run",
                D::EXPECTED,
                cc + sum,
                D::CALLS
            ),
            Some(D::unconsumed_calls()),
        ));
    }
}

/// A static-mode lookup (top-level: `nested` = its `expectedLookups` length; nested: `None`).
fn check_static<D: Dialect>(out: &mut Vec<Finding>, ctx: &Ctx<'_, D>, nested: Option<usize>) {
    let calls_path = ctx.path.field(D::CALLS);
    for (i, call) in ctx.calls.iter().enumerate() {
        check_source(out, call, &calls_path, i);
    }
    if !ctx.call_count.is_zero() {
        out.push(Finding::new(
            Rule::StaticLookupHasExecution,
            &ctx.path.field("callCount"),
            format!("static lookup with callCount {}: static resolution ignores it (must be 0)", ctx.call_count),
            None,
        ));
    }
    if !ctx.expected.is_empty() {
        out.push(Finding::new(
            Rule::StaticLookupHasExecution,
            &ctx.path.field(D::EXPECTED),
            format!("static lookup with {} reentrant calls: static resolution ignores them", ctx.expected.len()),
            None,
        ));
    }
    if let Some(count) = nested.filter(|c| *c > 0) {
        out.push(Finding::new(
            Rule::StaticLookupHasExecution,
            &ctx.path.field("expectedLookups"),
            format!("static lookup with {count} nested lookups: static resolution ignores them"),
            None,
        ));
    }
    if ctx.calls.is_empty() && !ctx.rolling_hash.is_zero() {
        out.push(Finding::new(
            Rule::StaticLookupEmptyHash,
            &ctx.path.field("rollingHash"),
            "static lookup without sub-calls: the hash of nothing is 0, so resolving it reverts".into(),
            Some(rolling_hash_mismatch()),
        ));
    }
}

/// A top-level `LookupCall`: a host context if reverted-mode, else a static lookup.
fn check_top_lookup<D: Dialect>(out: &mut Vec<Finding>, ctx: &Ctx<'_, D>, failed: bool, nested: &[D::Nested]) {
    if failed {
        check_host(out, ctx, nested);
    } else {
        check_static(out, ctx, Some(nested.len()));
    }
}

/// A host context (entry or reverted top-level lookup) and its one flat `expectedLookups` table:
/// every nested lookup's own rules, its key coordinates (§5.4–5.5) and key uniqueness.
fn check_host<D: Dialect>(out: &mut Vec<Finding>, host: &Ctx<'_, D>, table: &[D::Nested]) {
    check_execution(out, host);
    let table_path = host.path.field("expectedLookups");
    for (i, lookup) in table.iter().enumerate() {
        let p = table_path.index(i);
        let ctx = Ctx::<D> {
            path: &p,
            calls: lookup.calls(),
            expected: lookup.expected(),
            call_count: lookup.call_count(),
            rolling_hash: lookup.rolling_hash(),
        };
        if lookup.failed() {
            check_execution(out, &ctx);
        } else {
            check_static(out, &ctx, None);
        }
        check_coordinates(out, host, table, i, &p);
    }
    group_duplicates(
        table.len(),
        |i| table[i].key(),
        |group| {
            let (mut first_any, mut first_failed) = (None, None);
            for &j in group {
                let failed = table[j].failed();
                // A reentrant CALL matches only failed lookups; a STATICCALL matches any.
                if let Some(s) = if failed { first_failed } else { first_any } {
                    out.push(Finding::new(
                        Rule::DuplicateLookupKey,
                        &table_path.index(j),
                        format!(
                            "same key (crossChainCallHash, {}, {}, executingLookupIndex) as expectedLookups[{s}], \
                             which matches first: this lookup is never used",
                            D::CALL_NUMBER,
                            D::CONSUMED
                        ),
                        None,
                    ));
                }
                first_any.get_or_insert(j);
                if failed {
                    first_failed.get_or_insert(j);
                }
            }
        },
    );
}

/// The key of `table[i]` must describe a moment that can happen in the context it names.
fn check_coordinates<D: Dialect>(
    out: &mut Vec<Finding>,
    host: &Ctx<'_, D>,
    table: &[D::Nested],
    i: usize,
    path: &Path<'_>,
) {
    let (_, call_number, consumed, k) = table[i].key();
    let context = if k == 0 {
        Some((host.calls.len(), host.expected.len()))
    } else if k > table.len() as u64 {
        out.push(Finding::new(
            Rule::LookupIndexOutOfRange,
            &path.field("executingLookupIndex"),
            format!("executingLookupIndex {k} but the host table has {} lookups: it never matches", table.len()),
            execution_not_found(),
        ));
        None
    } else {
        let target = (k - 1) as usize;
        let problem = if target == i {
            Some("itself")
        } else if !table[target].failed() {
            Some("a static lookup, inside which nothing executes")
        } else {
            None
        };
        match problem {
            Some(what) => {
                out.push(Finding::new(
                    Rule::LookupIndexNotReverted,
                    &path.field("executingLookupIndex"),
                    format!("executingLookupIndex {k} names expectedLookups[{target}], {what}: it never matches"),
                    execution_not_found(),
                ));
                None
            }
            None => Some((table[target].calls().len(), table[target].expected().len())),
        }
    };
    let Some((calls, expected)) = context else { return };
    let where_ = if k == 0 { "the host".to_owned() } else { format!("expectedLookups[{}]", k - 1) };
    if call_number == 0 || call_number > calls as u64 {
        out.push(Finding::new(
            Rule::LookupCallNumberOutOfRange,
            &path.field(D::CALL_NUMBER),
            format!(
                "{} {call_number} outside 1..={calls}: a nested lookup fires while a call of its context ({where_}, \
                 {calls} calls) runs",
                D::CALL_NUMBER
            ),
            execution_not_found(),
        ));
    }
    if consumed > expected as u64 {
        out.push(Finding::new(
            Rule::LookupConsumedOutOfRange,
            &path.field(D::CONSUMED),
            format!(
                "{} {consumed} but its context ({where_}) has only {expected} reentrant calls to consume",
                D::CONSUMED
            ),
            execution_not_found(),
        ));
    }
}

/// Calls `visit` with every group (indices ascending, size >= 2) of indices `0..n` with equal keys.
/// Sorting is in place on a stack buffer for up to 16 items; O(n log n), no hashing.
pub(super) fn group_duplicates<K: Ord>(n: usize, key: impl Fn(usize) -> K, mut visit: impl FnMut(&[usize])) {
    if n < 2 {
        return;
    }
    let mut stack = [0usize; 16];
    let mut heap = Vec::new();
    let idx: &mut [usize] = if n <= stack.len() {
        &mut stack[..n]
    } else {
        heap.resize(n, 0);
        &mut heap
    };
    for (i, slot) in idx.iter_mut().enumerate() {
        *slot = i;
    }
    idx.sort_unstable_by(|a, b| key(*a).cmp(&key(*b)).then(a.cmp(b)));
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        while end < n && key(idx[end]) == key(idx[start]) {
            end += 1;
        }
        if end - start > 1 {
            visit(&idx[start..end]);
        }
        start = end;
    }
}
