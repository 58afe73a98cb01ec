//! End-to-end tests of `exectable verify membership` on cases of vectors/exectable-membership.json:
//! a valid membership with consumption evidence (text and JSON), an invalid one per family of
//! reason, and bad input — exact exit codes 0 / 1 / 2.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_exectable");
const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/exectable-membership.json");

fn case(id: &str) -> Value {
    let file: Value = serde_json::from_str(&std::fs::read_to_string(VECTORS).unwrap()).unwrap();
    file["cases"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap_or_else(|| panic!("{id}")).clone()
}

fn scratch(test: &str) -> PathBuf {
    std::env::temp_dir().join(format!("exectable-membership-cli-{}-{test}", std::process::id()))
}

/// Removes a test's scratch directories when the test ends.
struct Cleanup(Vec<&'static str>);

impl Drop for Cleanup {
    fn drop(&mut self) {
        for test in &self.0 {
            let _ = std::fs::remove_dir_all(scratch(test));
        }
    }
}

/// Writes `text` to a fresh file under the system temp dir (unique per test and name).
fn file(test: &str, name: &str, text: &str) -> String {
    let dir = scratch(test);
    std::fs::create_dir_all(&dir).unwrap();
    let path: PathBuf = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

/// `verify membership` with the case's transaction input, receipt and manager, plus `extra`.
fn run(test: &str, inputs: &Value, extra: &[&str]) -> Output {
    let tx_input = file(test, "tx-input.hex", inputs["txInput"].as_str().unwrap());
    let receipt = file(test, "receipt.json", &inputs["receipt"].to_string());
    let mut args = vec![
        "verify".to_owned(),
        "membership".to_owned(),
        "--tx-input".to_owned(),
        tx_input,
        "--receipt".to_owned(),
        receipt,
        "--manager".to_owned(),
        inputs["manager"].as_str().unwrap().to_owned(),
    ];
    for (i, later) in inputs["laterReceipts"].as_array().into_iter().flatten().enumerate() {
        args.push("--later-receipt".into());
        args.push(file(test, &format!("later-{i}.json"), &later.to_string()));
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    Command::new(BIN).args(&args).output().expect("run exectable")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn valid_membership_with_consumption_evidence() {
    let _cleanup = Cleanup(vec!["valid", "valid-json"]);
    // The deferred entry of e2e 001, consumed by the later proxy call of the same block.
    let c = case("consumption-e2e-001-proxy-call");
    let want = case("membership-e2e-001-proxyEntryHash");
    let hash = want["inputs"]["query"]["proxyEntryHash"].as_str().unwrap();
    let o = run("valid", &c["inputs"], &["--proxy-entry-hash", hash]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), String::from_utf8_lossy(&o.stderr));
    let text = stdout(&o);
    assert!(text.starts_with("VALID:"), "{text}");
    assert!(text.contains("queued for rollup 1 at queue index 0"), "{text}");
    assert!(text.contains("consumed via proxyCall"), "{text}");

    let o = run("valid-json", &c["inputs"], &["--proxy-entry-hash", hash, "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["valid"], true);
    // The match is the one the vector expects, with the evidence the consumption vector expects.
    let mut m = report["matches"][0].clone();
    let evidence = m.as_object_mut().unwrap().remove("evidence").unwrap();
    assert_eq!(m, want["expected"]["matches"][0]);
    assert_eq!(evidence, c["expected"]["entries"][0]);
    assert_eq!(report["batch"]["sharedPublicInput"], want["expected"]["sharedPublicInput"]);
}

#[test]
fn invalid_membership_prints_the_reason_and_code() {
    let ids = ["membership-fail-rollupCount", "membership-fail-mutated-entry", "membership-fail-executeL2TX-input"];
    let _cleanup = Cleanup(ids.into_iter().chain(["membership-fail-truncated"]).collect());
    for (id, code) in [
        ("membership-fail-rollupCount", 603),
        ("membership-fail-mutated-entry", 604),
        ("membership-fail-executeL2TX-input", 601),
        ("membership-fail-truncated", 101),
    ] {
        let c = case(id);
        assert_eq!(c["expected"]["error"]["code"], code, "{id}");
        let query = c["inputs"]["query"].as_object().unwrap();
        let (form, value) = query.iter().next().unwrap();
        let item;
        let extra: Vec<&str> = match form.as_str() {
            "entry" => {
                item = file(id, "entry.json", &value.to_string());
                vec!["--entry", &item]
            }
            "entryHash" => vec!["--entry-hash", value.as_str().unwrap()],
            other => panic!("{other}"),
        };
        let o = run(id, &c["inputs"], &extra);
        assert_eq!(o.status.code(), Some(1), "{id}: {}", stdout(&o));
        let text = stdout(&o);
        assert!(text.starts_with("INVALID: ") && text.trim_end().ends_with(&format!("[code {code}]")), "{id}: {text}");
        let mut args = extra.clone();
        args.push("--json");
        let o = run(id, &c["inputs"], &args);
        assert_eq!(o.status.code(), Some(1));
        let json: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!((&json["valid"], &json["error"]["code"]), (&Value::Bool(false), &Value::from(code)), "{id}");
        assert_eq!(json["error"]["name"], c["expected"]["error"]["name"], "{id}");
    }
}

#[test]
fn bad_input_exits_2() {
    let _cleanup = Cleanup(vec!["bad-hash", "no-item", "two-items", "bad-receipt", "other-block"]);
    let c = case("membership-e2e-001-proxyEntryHash");
    let inputs = &c["inputs"];
    let hash = inputs["query"]["proxyEntryHash"].as_str().unwrap();
    // A hash of the wrong length.
    let o = run("bad-hash", inputs, &["--entry-hash", "0x1234"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("entry-hash"));
    // No item named, or two: clap refuses.
    let o = run("no-item", inputs, &[]);
    assert_eq!(o.status.code(), Some(2));
    let o = run("two-items", inputs, &["--proxy-entry-hash", hash, "--entry-hash", hash]);
    assert_eq!(o.status.code(), Some(2));
    // A malformed receipt.
    let mut broken = inputs.clone();
    broken["receipt"]["status"] = Value::from("0x7");
    let o = run("bad-receipt", &broken, &["--proxy-entry-hash", hash]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("[code 606]"));
    // A later receipt from another block is unusable evidence, not an invalid membership.
    let c = case("consumption-fail-other-block");
    let o = run("other-block", &c["inputs"], &["--proxy-entry-hash", hash]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("laterReceipts[0].blockNumber"));
}
