//! Runs the golden vectors in `vectors/` through the library: every case of every implemented
//! kind must pass, and kinds not implemented yet must be counted as failed, never skipped.

use exectable::conformance::{run_vectors, IMPLEMENTED_KINDS};
use std::path::PathBuf;

fn vector_files() -> Vec<(PathBuf, serde_json::Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../vectors");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("vectors/ exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let parsed: Vec<_> = files
        .into_iter()
        .filter_map(|p| {
            let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            // Golden-vector files and the project's own case files share the case format.
            let format = json.pointer("/header/format").and_then(|f| f.as_str()).unwrap_or_default();
            (format.starts_with("eez-golden-vectors/") || format.starts_with("exectable-vectors/")).then_some((p, json))
        })
        .collect();
    assert!(!parsed.is_empty(), "no vector file in {}", dir.display());
    parsed
}

#[test]
fn every_case_of_every_vector_file_passes_and_every_kind_runs() {
    let mut kinds_run = std::collections::BTreeSet::new();
    for (path, json) in vector_files() {
        let report = run_vectors(&json, &[]).unwrap();
        for (kind, count) in &report.kinds {
            eprintln!("{}: {kind}: {} passed, {} failed", path.display(), count.passed, count.failed);
            if count.passed > 0 {
                kinds_run.insert(kind.clone());
            }
        }
        assert!(report.failures.is_empty(), "{}: {:#?}", path.display(), report.failures);
        assert!(report.is_success(), "{}", path.display());
    }
    let missing: Vec<_> = IMPLEMENTED_KINDS.iter().filter(|k| !kinds_run.contains(**k)).collect();
    assert!(missing.is_empty(), "implemented kinds no vector file exercises: {missing:?}");
}

#[test]
fn public_file_case_counts_match_its_header() {
    let (_, json) = vector_files().into_iter().find(|(p, _)| p.ends_with("eez-v1-public.json")).expect("public file");
    let report = run_vectors(&json, &[]).unwrap();
    let counts = json.pointer("/header/counts").and_then(|c| c.as_object()).expect("header.counts");
    for (kind, n) in counts {
        let got = report.kinds.get(kind).map(|c| c.passed + c.failed).unwrap_or(0);
        assert_eq!(got as u64, n.as_u64().unwrap(), "{kind}");
    }
}

#[test]
fn unimplemented_kinds_are_counted_as_failed_not_skipped() {
    for (_, json) in vector_files() {
        let report = run_vectors(&json, &[]).unwrap();
        for (kind, count) in &report.kinds {
            if IMPLEMENTED_KINDS.contains(&kind.as_str()) {
                assert_eq!(count.failed, 0, "{kind}");
            } else {
                assert_eq!(count.passed, 0, "{kind} cannot pass without an implementation");
                assert!(count.failed > 0, "{kind}");
            }
        }
    }
}

#[test]
fn a_requested_kind_without_cases_makes_the_run_fail() {
    let (_, json) = vector_files().remove(0);
    let report = run_vectors(&json, &["noSuchKind".to_string()]).unwrap();
    assert_eq!(report.empty_kinds(), vec!["noSuchKind"]);
    assert!(!report.is_success());
}

#[test]
fn a_tampered_expected_value_fails_its_case() {
    let (_, mut json) = vector_files().into_iter().find(|(p, _)| p.ends_with("eez-v1-public.json")).unwrap();
    let case = json["cases"].as_array_mut().unwrap().iter_mut().find(|c| c["kind"] == "l1EntryEncoding").unwrap();
    let hash = case["expected"]["hash"].as_str().unwrap().to_owned();
    let flipped = format!("{}{}", &hash[..hash.len() - 1], if hash.ends_with('0') { '1' } else { '0' });
    case["expected"]["hash"] = serde_json::Value::String(flipped);
    let report = run_vectors(&json, &["l1EntryEncoding".to_string()]).unwrap();
    assert_eq!(report.failed(), 1);
    assert!(report.failures[0].reason.contains("keccak256(abi.encode)"), "{}", report.failures[0].reason);
}

fn public_file() -> serde_json::Value {
    vector_files().into_iter().find(|(p, _)| p.ends_with("eez-v1-public.json")).unwrap().1
}

fn e2e_case_mut<'a>(json: &'a mut serde_json::Value, id: &str) -> &'a mut serde_json::Value {
    json["cases"].as_array_mut().unwrap().iter_mut().find(|c| c["id"] == id).unwrap()
}

#[test]
fn an_e2e_mutation_with_another_recorded_outcome_fails_the_case() {
    let mut json = public_file();
    let case = e2e_case_mut(&mut json, "e2eScenario-public-001");
    // mutations[0] flips the rolling hash: the chain recorded RollingHashMismatch.
    case["expected"]["mutations"][0]["consumerRevert"]["name"] = "ExecutionNotFound".into();
    let report = run_vectors(&json, &["e2eScenario".to_string()]).unwrap();
    assert_eq!(report.failed(), 1, "{:#?}", report.failures);
    assert!(report.failures[0].reason.contains("mutations[0]"), "{}", report.failures[0].reason);
}

#[test]
fn an_unpredictable_mutation_passes_only_when_it_needs_an_evm() {
    let mut json = public_file();
    let case = e2e_case_mut(&mut json, "e2eScenario-public-001");
    let mutations = case["expected"]["mutations"].as_array_mut().unwrap();
    let data = mutations.iter_mut().find(|m| m["mutation"].as_str().unwrap().contains("l2ToL1Calls[0].data")).unwrap();
    // Same mutated entry, but described as a change that needs no EVM: Unpredictable is a failure.
    data["mutation"] = "entries[0].l2ToL1Calls[0].value: changed".into();
    let report = run_vectors(&json, &["e2eScenario".to_string()]).unwrap();
    assert_eq!(report.failed(), 1, "{:#?}", report.failures);
    assert!(report.failures[0].reason.contains("predicted"), "{}", report.failures[0].reason);
}

#[test]
fn a_wrong_post_state_fails_the_e2e_case() {
    let mut json = public_file();
    let case = e2e_case_mut(&mut json, "e2eScenario-public-002");
    case["expected"]["postState"]["etherBalance"] = "0x1".into();
    let report = run_vectors(&json, &["e2eScenario".to_string()]).unwrap();
    assert_eq!(report.failed(), 1);
    assert!(report.failures[0].reason.contains("postState.etherBalance"), "{}", report.failures[0].reason);
}

#[test]
fn mutations_that_need_an_evm_are_the_documented_ones() {
    use exectable::conformance::mutation_needs_evm;
    assert!(mutation_needs_evm("entries[0].l2ToL1Calls[0].data: byte 0 ^= 0xff"));
    assert!(mutation_needs_evm("entries[0].incomingCalls[0].data: byte 0 ^= 0xff"));
    assert!(mutation_needs_evm("entries[0].expectedL1ToL2Calls[0].returnData: last byte ^= 0xff"));
    assert!(!mutation_needs_evm("entries[0].returnData: byte 31 ^= 0xff"));
    assert!(!mutation_needs_evm("entries[0].rollingHash: byte 31 ^= 0xff"));
    assert!(!mutation_needs_evm("entries[0].stateDeltas[0].currentState: byte 0 ^= 0xff"));
}
