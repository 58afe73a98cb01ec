//! The vector runner of core, for binding test suites: runs every case of a vector file
//! (`vectors/*.json`) through core and reports counts per kind, so the Kotlin and Swift suites
//! cover the kinds and hostile-input forms the wallet API itself does not expose (as the C
//! library's `et_conformance_run` and the Python wheel's `run_conformance` do).

use crate::error::ExectableError;
use exectable::conformance::run_vectors;

/// Counts of one vector kind.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ConformanceKind {
    /// The vector kind (`hostileInput`, `crossChainCallHash`, …).
    pub kind: String,
    /// Cases that matched every expected value.
    pub passed: u64,
    /// Cases that did not.
    pub failed: u64,
    /// `"<case id>: <what differed>"` for every failed case.
    pub failures: Vec<String>,
}

/// The outcome of running a vector file.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ConformanceReport {
    /// Cases passed in total.
    pub passed: u64,
    /// Cases failed in total.
    pub failed: u64,
    /// Counts per kind, in kind order.
    pub kinds: Vec<ConformanceKind>,
}

/// Runs every case of the vector file `vector_file_json` (its JSON text) through core.
#[uniffi::export]
pub fn run_conformance(vector_file_json: String) -> Result<ConformanceReport, ExectableError> {
    let report = run_vectors(&exectable::json::parse_json(&vector_file_json)?, &[])?;
    let kinds = report
        .kinds
        .iter()
        .map(|(kind, count)| ConformanceKind {
            kind: kind.clone(),
            passed: count.passed as u64,
            failed: count.failed as u64,
            failures: report
                .failures
                .iter()
                .filter(|f| &f.kind == kind)
                .map(|f| format!("{}: {}", f.id, f.reason))
                .collect(),
        })
        .collect();
    Ok(ConformanceReport { passed: report.passed() as u64, failed: report.failed() as u64, kinds })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_a_vector_file_and_counts_per_kind() {
        let file = include_str!("../../vectors/exectable-hostile.json");
        let report = run_conformance(file.to_owned()).expect("the hostile corpus parses");
        assert_eq!(report.failed, 0);
        assert!(report.passed > 1000);
        assert_eq!(report.kinds.len(), 1);
        assert_eq!(report.kinds[0].kind, "hostileInput");
    }

    #[test]
    fn a_wrong_expectation_is_reported_as_a_failure() {
        let file = r#"{"header": {}, "cases": [{"id": "x", "kind": "hostileInput",
            "inputs": {"form": "revert", "hex": "0x"}, "expected": {"code": 999}}]}"#;
        let report = run_conformance(file.to_owned()).expect("parses");
        assert_eq!((report.passed, report.failed), (0, 1));
        assert!(report.kinds[0].failures[0].starts_with("x: "));
        assert!(run_conformance("{".into()).is_err());
    }
}
