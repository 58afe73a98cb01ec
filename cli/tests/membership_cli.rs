//! End-to-end tests of `exectable verify membership` on cases of vectors/exectable-membership.json:
//! an included entry with consumption evidence (text and JSON), a not-included one, inputs that
//! cannot decide, and command-line misuse — exact exit codes 0 (included) / 1 (not included) /
//! 3 (cannot decide) / 2 (usage).

mod common;

use common::{case_in, run, stderr, stdout, Scratch, MEMBERSHIP};
use serde_json::Value;
use std::process::Output;

fn case(id: &str) -> Value {
    case_in(MEMBERSHIP, id)
}

/// `verify membership` with the case's transaction input, receipt and manager (written to files
/// in `dir`), plus `extra`.
fn verify_membership(dir: &Scratch, inputs: &Value, extra: &[&str]) -> Output {
    let tx_input = dir.file("tx-input.hex", inputs["txInput"].as_str().unwrap());
    let receipt = dir.file("receipt.json", &inputs["receipt"].to_string());
    let manager = inputs["manager"].as_str().unwrap();
    let mut args = vec!["verify", "membership", "--tx-input", &tx_input, "--receipt", &receipt, "--manager", manager];
    let later: Vec<String> = inputs["laterReceipts"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, later)| dir.file(&format!("later-{i}.json"), &later.to_string()))
        .collect();
    for file in &later {
        args.extend(["--later-receipt", file]);
    }
    args.extend(extra);
    run(&args)
}

#[test]
fn valid_membership_with_consumption_evidence() {
    let dir = Scratch::new("valid");
    // The deferred entry of e2e 001, consumed by the later proxy call of the same block.
    let c = case("consumption-e2e-001-proxy-call");
    let want = case("membership-e2e-001-proxyEntryHash");
    let hash = want["inputs"]["query"]["proxyEntryHash"].as_str().unwrap();
    let o = verify_membership(&dir, &c["inputs"], &["--proxy-entry-hash", hash]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with("INCLUDED:"), "{text}");
    assert!(text.contains("calldata: canonical encoding"), "{text}");
    assert!(text.contains("queued for rollup 1 at queue index 0"), "{text}");
    assert!(text.contains("consumed via proxyCall"), "{text}");

    let o = verify_membership(&dir, &c["inputs"], &["--proxy-entry-hash", hash, "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!((&report["valid"], &report["verdict"]), (&Value::Bool(true), &Value::from("included")));
    assert_eq!(report["batch"]["layout"], serde_json::json!({"canonical": true}));
    // The match is the one the vector expects, with the evidence the consumption vector expects.
    let mut m = report["matches"][0].clone();
    let evidence = m.as_object_mut().unwrap().remove("evidence").unwrap();
    assert_eq!(m, want["expected"]["matches"][0]);
    assert_eq!(evidence, c["expected"]["entries"][0]);
    assert_eq!(report["batch"]["sharedPublicInput"], want["expected"]["sharedPublicInput"]);
}

#[test]
fn not_included_and_cannot_decide_print_the_reason_and_code() {
    for (id, code, label, exit, verdict) in [
        ("membership-fail-rollupCount", 603, "CANNOT DECIDE", 3, "cannotDecide"),
        ("membership-fail-mutated-entry", 604, "NOT INCLUDED", 1, "notIncluded"),
        ("membership-fail-executeL2TX-input", 601, "CANNOT DECIDE", 3, "cannotDecide"),
        ("membership-fail-truncated", 101, "CANNOT DECIDE", 3, "cannotDecide"),
    ] {
        let dir = Scratch::new(id);
        let c = case(id);
        assert_eq!(c["expected"]["error"]["code"], code, "{id}");
        let query = c["inputs"]["query"].as_object().unwrap();
        let (form, value) = query.iter().next().unwrap();
        let item;
        let extra: Vec<&str> = match form.as_str() {
            "entry" => {
                item = dir.file("entry.json", &value.to_string());
                vec!["--entry", &item]
            }
            "entryHash" => vec!["--entry-hash", value.as_str().unwrap()],
            other => panic!("{other}"),
        };
        let o = verify_membership(&dir, &c["inputs"], &extra);
        assert_eq!(o.status.code(), Some(exit), "{id}: {}", stdout(&o));
        let text = stdout(&o);
        assert!(
            text.starts_with(&format!("{label}: ")) && text.trim_end().ends_with(&format!("[code {code}]")),
            "{id}: {text}"
        );
        let mut args = extra.clone();
        args.push("--json");
        let o = verify_membership(&dir, &c["inputs"], &args);
        assert_eq!(o.status.code(), Some(exit));
        let json: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!((&json["valid"], &json["error"]["code"]), (&Value::Bool(false), &Value::from(code)), "{id}");
        assert_eq!(json["verdict"], verdict, "{id}");
        assert_eq!(json["error"]["name"], c["expected"]["error"]["name"], "{id}");
    }
}

#[test]
fn unusable_input_cannot_decide_and_misuse_exits_2() {
    let dir = Scratch::new("bad-input");
    let c = case("membership-e2e-001-proxyEntryHash");
    let inputs = &c["inputs"];
    let hash = inputs["query"]["proxyEntryHash"].as_str().unwrap();
    // A hash of the wrong length.
    let o = verify_membership(&dir, inputs, &["--entry-hash", "0x1234"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).starts_with("CANNOT DECIDE: ") && stderr(&o).contains("entry-hash"), "{}", stderr(&o));
    // No item named, or two: clap refuses.
    let o = verify_membership(&dir, inputs, &[]);
    assert_eq!(o.status.code(), Some(2));
    let o = verify_membership(&dir, inputs, &["--proxy-entry-hash", hash, "--entry-hash", hash]);
    assert_eq!(o.status.code(), Some(2));
    // A malformed receipt.
    let mut broken = inputs.clone();
    broken["receipt"]["status"] = Value::from("0x7");
    let o = verify_membership(&dir, &broken, &["--proxy-entry-hash", hash]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("[code 606]"));
    // A later receipt from another block is unusable evidence, not an invalid membership.
    let c = case("consumption-fail-other-block");
    let o = verify_membership(&dir, &c["inputs"], &["--proxy-entry-hash", hash]);
    assert_eq!(o.status.code(), Some(3));
    let text = stdout(&o);
    assert!(text.starts_with("CANNOT DECIDE: ") && text.contains("laterReceipts[0].blockNumber"), "{text}");
}

/// A re-encoded copy of a posting the contract accepted is the same batch: INCLUDED, with the
/// non-canonical layout as a warning — never NOT INCLUDED.
#[test]
fn non_canonical_calldata_is_included_with_a_warning() {
    for id in ["membership-e2e-003-noncanonical-dirty-padding", "membership-e2e-003-noncanonical-moved-callData"] {
        let dir = Scratch::new(id);
        let c = case(id);
        let hash = c["inputs"]["query"]["entryHash"].as_str().unwrap();
        let o = verify_membership(&dir, &c["inputs"], &["--entry-hash", hash]);
        assert_eq!(o.status.code(), Some(0), "{id}: {}{}", stdout(&o), stderr(&o));
        let text = stdout(&o);
        assert!(text.starts_with("INCLUDED (non-canonical calldata): "), "{text}");
        assert!(text.contains("calldata: WARNING non-canonical encoding"), "{text}");
        let o = verify_membership(&dir, &c["inputs"], &["--entry-hash", hash, "--json"]);
        let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(report["verdict"], "included");
        assert_eq!(report["batch"]["layout"], c["expected"]["layout"]);
    }
}
