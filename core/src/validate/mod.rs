//! Structural validation of a batch (spec §6.1) and well-formedness of every execution context
//! (prover obligations, §5.3–§5.5, §6.3–§6.6, §8), for L1 batches and L2 tables.
//!
//! * **Structural** findings are the checks `postAndVerifyBatch` makes before any external call,
//!   reported in contract order with the custom error the contract raises. All violations are
//!   reported; [`ValidationReport::first_onchain_error`] marks the one the contract raises (the
//!   first in contract order, i.e. `structural[0]`).
//! * **Well-formedness** findings are obligations nothing checks when the batch is posted; broken,
//!   they make an entry or lookup revert (or never match) when it is consumed, or are merely wrong.
//!
//! An *execution context* is an entry, or a reverted-mode (`failed = true`) lookup — top-level
//! `LookupCall` or nested `ExpectedLookup` — running its own sub-calls. L1 and L2 share every
//! context rule through a private `Dialect` trait; only names and errors differ.
//!
//! Cost: one pass over the batch, no hashing, no allocation unless a finding is made (paths and
//! messages are formatted only then), except a small index buffer per lookup table larger than 16
//! and a sorted id list when the batch's rollup rows are not strictly ascending.
//!
//! Layout: this module holds the report types and the two entry points; `structural` the §6.1
//! checks, `well_formed` the walk over an L1 batch or L2 table (batch-level obligations), and
//! `context` the rules every execution context obeys on either side.

mod context;
mod structural;
mod well_formed;

use crate::abi::layout::Path;
use crate::abi::revert::ProtocolError;
use crate::json::CanonicalJson;
use crate::types::{l1, l2};
use alloy_primitives::U256;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;
use std::fmt;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Informational: legal, but worth knowing.
    Info,
    /// A prover obligation is broken; nothing necessarily reverts.
    Warning,
    /// Will revert on chain, or makes the item unusable there.
    Error,
}

impl Severity {
    /// `"error"`, `"warning"` or `"info"`.
    pub const fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

macro_rules! rules {
    ($($variant:ident = $name:literal, $severity:ident, $structural:literal, $summary:literal;)*) => {
        /// Every rule the validator checks, with a stable kebab-case name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule {
            $(
                #[doc = concat!("`", $name, "`: ", $summary)]
                $variant,
            )*
        }

        impl Rule {
            /// Every rule: the §6.1 checks in contract order, then the well-formedness rules.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The stable kebab-case name (`partition-mismatch`).
            pub const fn name(self) -> &'static str {
                match self { $(Rule::$variant => $name,)* }
            }

            /// The severity of every finding of this rule.
            pub const fn severity(self) -> Severity {
                match self { $(Rule::$variant => Severity::$severity,)* }
            }

            /// Whether this is a §6.1 check of `postAndVerifyBatch` (else a well-formedness rule).
            pub const fn is_structural(self) -> bool {
                match self { $(Rule::$variant => $structural,)* }
            }

            /// One line saying what the rule requires.
            pub const fn summary(self) -> &'static str {
                match self { $(Rule::$variant => $summary,)* }
            }

            /// Looks a rule up by its name.
            pub fn from_name(name: &str) -> Option<Rule> {
                Self::ALL.iter().copied().find(|r| r.name() == name)
            }
        }
    };
}

rules! {
    PostBatchReentry = "post-batch-reentry", Error, true,
        "§6.1.1 no postAndVerifyBatch may already be mid-flight in the transaction (PostBatchReentry)";
    NoProofSystems = "no-proof-systems", Error, true,
        "§6.1.2 proofSystems is not empty (InvalidProofSystemConfig)";
    ProofCountMismatch = "proof-count-mismatch", Error, true,
        "§6.1.3 proofs.length == proofSystems.length (InvalidProofSystemConfig)";
    NoRollups = "no-rollups", Error, true,
        "§6.1.4 rollupIdsWithProofSystems is not empty (InvalidProofSystemConfig)";
    ProofSystemsNotAscending = "proof-systems-not-ascending", Error, true,
        "§6.1.5 proofSystems strictly ascending as uint160, above 0 (DuplicateProofSystem(ps))";
    RollupIdsNotAscending = "rollup-ids-not-ascending", Error, true,
        "§6.1.6 rollup ids strictly ascending, above 0 (InvalidProofSystemConfig)";
    RollupNotRegistered = "rollup-not-registered", Error, true,
        "§6.1.6 every batch rollup is registered (InvalidProofSystemConfig)";
    EmptyProofSystemIndex = "empty-proof-system-index", Error, true,
        "§6.1.6 every rollup row names at least one proof system (InvalidProofSystemConfig)";
    ProofSystemIndexOutOfRange = "proof-system-index-out-of-range", Error, true,
        "§6.1.6 every proofSystemIndex < proofSystems.length (InvalidProofSystemConfig)";
    ProofSystemIndexNotAscending = "proof-system-index-not-ascending", Error, true,
        "§6.1.6 proofSystemIndex strictly ascending within a row (InvalidProofSystemConfig)";
    EntryDestinationNotInBatch = "entry-destination-not-in-batch", Error, true,
        "§6.1.7 every entry's destinationRollupId is a batch rollup (RollupNotInBatch(id))";
    StateDeltaRollupNotInBatch = "state-delta-rollup-not-in-batch", Error, true,
        "§6.1.7 every state delta's rollupId is a batch rollup (RollupNotInBatch(id))";
    LookupDestinationNotInBatch = "lookup-destination-not-in-batch", Error, true,
        "§6.1.8 every lookup's destinationRollupId is a batch rollup (RollupNotInBatch(id))";
    TransientCountExceedsEntries = "transient-count-exceeds-entries", Error, true,
        "§6.1.9 transientExecutionEntryCount <= entries.length (TransientCountExceedsEntries)";
    TransientLookupCountExceedsLookups = "transient-lookup-count-exceeds-lookups", Error, true,
        "§6.1.10 transientLookupCallCount <= l1ToL2lookupCalls.length (TransientLookupCallCountExceedsLookupCalls)";
    TransientLookupsWithoutTransientEntries = "transient-lookups-without-transient-entries", Error, true,
        "§6.1.11 transient lookups need transient entries (TransientLookupCallsWithoutTransientEntries)";
    PartitionMismatch = "partition-mismatch", Error, false,
        "§5.3 callCount + Σ expected.callCount == len(flat calls) (fewer: Unconsumed…Calls; top frame too long: Panic 0x32)";
    ReentrantSlicesExceedCalls = "reentrant-slices-exceed-calls", Error, false,
        "§5.3 Σ expected.callCount <= flat calls left after the top frame (Panic 0x32)";
    ZeroCallCount = "zero-call-count", Error, false,
        "§6.6 a context with calls has callCount >= 1 (with 0 nothing runs)";
    EmptyContext = "empty-context", Error, false,
        "§5.5 a context without calls (e.g. a plain cached revert) has callCount 0, no reentrant calls, rollingHash 0";
    RevertSpanOutOfRange = "revert-span-out-of-range", Error, false,
        "§6.6 a revert span stays inside the flat array: i + revertSpan <= len (Panic 0x32)";
    NestedRevertSpan = "nested-revert-span", Warning, false,
        "§6.6 no revert span starts inside another span";
    LookupIndexOutOfRange = "lookup-index-out-of-range", Error, false,
        "§5.4 executingLookupIndex <= length of the host's expectedLookups (else it never matches)";
    LookupIndexNotReverted = "lookup-index-not-reverted", Error, false,
        "§5.4 executingLookupIndex k > 0 names another, reverted-mode (failed) lookup of the host table";
    LookupCallNumberOutOfRange = "lookup-call-number-out-of-range", Error, false,
        "§5.5 a nested lookup's call number is in 1..=len(calls of its context)";
    LookupConsumedOutOfRange = "lookup-consumed-out-of-range", Error, false,
        "§5.5 a nested lookup's consumed counter is <= len(reentrant table of its context)";
    DuplicateLookupKey = "duplicate-lookup-key", Warning, false,
        "§6.6 nested lookup keys are unique within a host table (first match wins)";
    MissingStateDelta = "missing-state-delta", Warning, false,
        "§6.6 every L1 entry has at least one StateDelta (otherwise it is unpinned)";
    StaticLookupHasExecution = "static-lookup-has-execution", Warning, false,
        "§6.6 a static lookup has callCount 0 and no reentrant calls or nested lookups";
    StaticLookupEmptyHash = "static-lookup-empty-hash", Error, false,
        "§4.3 a static lookup without sub-calls has rollingHash 0 (RollingHashMismatch)";
    SourceRollupIdTooLarge = "source-rollup-id-too-large", Warning, false,
        "§8.5 every call's sourceRollupId fits in uint64 (proxy registry truncates it)";
    ZeroSourceAddress = "zero-source-address", Error, false,
        "§8.6 no call has sourceAddress 0 (its proxy reads as unregistered; redeploying it reverts)";
    PinRollupNotInBatch = "pin-rollup-not-in-batch", Info, false,
        "§6.6 expectedStateRoots pins on rollups outside the batch are not validated";
    TransientLookupCollision = "transient-lookup-collision", Warning, false,
        "§8.9 transient lookups with one crossChainCallHash must not target different rollups";
    BlobIndexOutOfRange = "blob-index-out-of-range", Warning, false,
        "§6.6 blobIndices are below the transaction's blob count (out of range hashes as zero)";
    ZeroHashEntryNotImmediate = "zero-hash-entry-not-immediate", Info, false,
        "§6.6 an entry with proxyEntryHash 0 outside the leading immediate run needs executeL2TX";
    ZeroProxyEntryHash = "zero-proxy-entry-hash", Error, false,
        "§2.4 an L2 entry has proxyEntryHash != 0 (L2 has no zero-hash consumption path)";
}

/// One violated rule at one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule violated.
    pub rule: Rule,
    /// Its severity (always `rule.severity()`).
    pub severity: Severity,
    /// The field at fault (`entries[3].expectedLookups[1].callCount`; `$` for the batch itself).
    pub path: String,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The error the contract raises because of it, if any.
    pub onchain_error: Option<ProtocolError>,
}

impl Finding {
    fn new(rule: Rule, path: &Path<'_>, message: String, onchain_error: Option<ProtocolError>) -> Self {
        Finding { rule, severity: rule.severity(), path: path.to_string(), message, onchain_error }
    }

    /// JSON: `{"rule", "severity", "path", "message", "onchainError": {"error", "selector", "args"} | null}`.
    pub fn to_json(&self) -> Value {
        json!({
            "rule": self.rule.name(),
            "severity": self.severity.name(),
            "path": self.path,
            "message": self.message,
            "onchainError": self.onchain_error.as_ref().map_or(Value::Null, CanonicalJson::to_json),
        })
    }
}

/// `Name(arg, …)` with the arguments in canonical JSON form (`RollupNotInBatch(0x5)`, `Panic(0x32)`).
pub fn error_text(error: &ProtocolError) -> String {
    let json = error.to_json();
    let args: Vec<String> = match json.get("args") {
        Some(Value::Object(map)) => {
            map.values().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned)).collect()
        }
        _ => Vec::new(),
    };
    format!("{}({})", error.name(), args.join(", "))
}

/// One line: `error   entries[0].callCount [partition-mismatch] message → UnconsumedL2ToL1Calls()`.
impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:<7} {} [{}] {}", self.severity.name(), self.path, self.rule.name(), self.message)?;
        if let Some(e) = &self.onchain_error {
            write!(f, " → {}", error_text(e))?;
        }
        Ok(())
    }
}

/// Something the report could not check, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Note {
    /// [`ValidationContext::registered_rollups`] was not given: `rollup-not-registered` was skipped.
    RegisteredRollupsUnknown,
    /// [`ValidationContext::blob_count`] was not given: `blob-index-out-of-range` was skipped.
    BlobCountUnknown,
}

impl Note {
    /// Stable camelCase name.
    pub const fn name(self) -> &'static str {
        match self {
            Note::RegisteredRollupsUnknown => "registeredRollupsUnknown",
            Note::BlobCountUnknown => "blobCountUnknown",
        }
    }

    /// What was skipped.
    pub const fn message(self) -> &'static str {
        match self {
            Note::RegisteredRollupsUnknown => {
                "registered rollups unknown: the §6.1.6 \"rollup not registered\" check was skipped"
            }
            Note::BlobCountUnknown => "blob count unknown: blobIndices were not range-checked",
        }
    }
}

/// Chain state the structural checks need; everything unknown by default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationContext {
    /// Registered rollup ids (`rollups[id].rollupContract != 0`); `None` = unknown, check skipped.
    pub registered_rollups: Option<BTreeSet<U256>>,
    /// Whether a `postAndVerifyBatch` is already running in this transaction (check 1).
    pub batch_in_flight: bool,
    /// Number of blobs of the posting transaction; `None` = unknown.
    pub blob_count: Option<usize>,
}

/// Everything the validator found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationReport {
    /// §6.1 violations, in contract order (always empty for L2 tables).
    pub structural: Vec<Finding>,
    /// Well-formedness findings, in batch order.
    pub well_formedness: Vec<Finding>,
    /// Index into `structural` of the error `postAndVerifyBatch` raises (the first in contract order).
    pub first_onchain_error: Option<usize>,
    /// Checks that could not be made.
    pub notes: Vec<Note>,
}

impl ValidationReport {
    /// Every finding: structural first, then well-formedness.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.structural.iter().chain(&self.well_formedness)
    }

    /// Number of findings of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings().filter(|f| f.severity == severity).count()
    }

    /// No finding of severity error (warnings and infos allowed).
    pub fn is_ok(&self) -> bool {
        self.count(Severity::Error) == 0
    }

    /// No finding at all.
    pub fn is_clean(&self) -> bool {
        self.structural.is_empty() && self.well_formedness.is_empty()
    }

    /// Whether `postAndVerifyBatch` itself reverts (some §6.1 check fails).
    pub fn would_revert(&self) -> bool {
        !self.structural.is_empty()
    }

    /// The structural finding whose error `postAndVerifyBatch` raises.
    pub fn first_onchain_finding(&self) -> Option<&Finding> {
        self.first_onchain_error.and_then(|i| self.structural.get(i))
    }

    /// JSON: `{"ok", "wouldRevert", "counts", "firstOnchainError", "structural", "wellFormedness", "notes"}`.
    pub fn to_json(&self) -> Value {
        let list = |v: &[Finding]| Value::Array(v.iter().map(Finding::to_json).collect());
        let mut map = Map::new();
        map.insert("ok".into(), Value::Bool(self.is_ok()));
        map.insert("wouldRevert".into(), Value::Bool(self.would_revert()));
        map.insert(
            "counts".into(),
            json!({
                "error": self.count(Severity::Error),
                "warning": self.count(Severity::Warning),
                "info": self.count(Severity::Info),
            }),
        );
        map.insert("firstOnchainError".into(), self.first_onchain_error.map_or(Value::Null, |i| json!(i)));
        map.insert("structural".into(), list(&self.structural));
        map.insert("wellFormedness".into(), list(&self.well_formedness));
        map.insert(
            "notes".into(),
            Value::Array(self.notes.iter().map(|n| json!({"note": n.name(), "message": n.message()})).collect()),
        );
        Value::Object(map)
    }
}

/// Human-readable: one line per finding (the first on-chain error marked), notes, a summary line.
impl fmt::Display for ValidationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.structural.is_empty() {
            writeln!(f, "structural (§6.1, postAndVerifyBatch reverts):")?;
            for (i, finding) in self.structural.iter().enumerate() {
                let mark = if Some(i) == self.first_onchain_error { "  <= raised first" } else { "" };
                writeln!(f, "  {finding}{mark}")?;
            }
        }
        if !self.well_formedness.is_empty() {
            writeln!(f, "well-formedness:")?;
            for finding in &self.well_formedness {
                writeln!(f, "  {finding}")?;
            }
        }
        for note in &self.notes {
            writeln!(f, "note: {}", note.message())?;
        }
        write!(
            f,
            "{} errors, {} warnings, {} infos",
            self.count(Severity::Error),
            self.count(Severity::Warning),
            self.count(Severity::Info)
        )?;
        match self.first_onchain_finding().and_then(|x| x.onchain_error.as_ref()) {
            Some(e) => writeln!(f, "; postAndVerifyBatch reverts with {}", error_text(e)),
            None => writeln!(f),
        }
    }
}

/// Validates an L1 batch: the §6.1 checks (with chain state from `ctx`) and the well-formedness
/// of every entry and lookup.
pub fn validate_batch(batch: &l1::ProofSystemBatchPerVerificationEntries, ctx: &ValidationContext) -> ValidationReport {
    let mut report = ValidationReport::default();
    let rollups = structural::RollupSet::of(&batch.rollupIdsWithProofSystems);
    structural::check(batch, ctx, &rollups, &mut report);
    report.first_onchain_error = if report.structural.is_empty() { None } else { Some(0) };
    well_formed::l1_batch(batch, ctx, &rollups, &mut report);
    report
}

/// Validates an L2 table (`loadExecutionTable(entries, lookupCalls)`): well-formedness only, as
/// loading checks nothing (§6.4); findings name the L2 fields and errors.
pub fn validate_l2_table(entries: &[l2::ExecutionEntry], lookup_calls: &[l2::LookupCall]) -> ValidationReport {
    ValidationReport { well_formedness: well_formed::l2_table(entries, lookup_calls), ..Default::default() }
}
