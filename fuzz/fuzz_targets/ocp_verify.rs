//! OCP verification as `exectable verify ocp` runs it, from one JSON request (the inputs of an
//! `ocpArtifact` vector): `{"artifact", "observation": {"utf8" | "hex" | "table"}, "receipt"?}`.
//! Properties: no panic; the report is coherent (valid ⇔ no error; a confirmed inclusion only
//! with a receipt, after a matching hash); without a receipt, the verdict is the hash step's.
#![no_main]

use exectable::abi::layout::Path;
use exectable::json::parse_hex;
use exectable::ocp::{sha256_digest, verify, ExecutionTable, HashCheck, OcpArtifact};
use exectable::receipt::Receipt;
use exectable_fuzz::{check_error, json, ok};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Some(request) = json(data) else { return };
    let observation = match request.get("observation") {
        Some(Value::Object(o)) => match (o.get("utf8"), o.get("hex"), o.get("table")) {
            (Some(Value::String(s)), None, None) => s.as_bytes().to_vec(),
            (None, Some(Value::String(h)), None) => match ok(parse_hex(h, &Path::Root("observation.hex"))) {
                Some(b) => b,
                None => return,
            },
            (None, None, Some(t)) => match ok(ExecutionTable::from_json(t)) {
                Some(table) => table.observation(),
                None => return,
            },
            _ => return,
        },
        _ => return,
    };
    let Some(artifact) = request.get("artifact").and_then(|a| ok(OcpArtifact::from_json(a))) else { return };
    let receipt = match request.get("receipt") {
        Some(r) => match ok(Receipt::from_json(r)) {
            Some(r) => Some(r),
            None => return,
        },
        None => None,
    };
    let report = verify(&artifact, &observation, receipt.as_ref());
    assert_eq!(report.is_valid(), report.error().is_none());
    if let Some(e) = report.error() {
        check_error(&e);
    }
    if report.inclusion_confirmed() {
        assert!(receipt.is_some(), "inclusion confirmed without a receipt");
        assert_eq!(report.hash, HashCheck::Match, "inclusion confirmed after a failed hash step");
        assert_eq!(sha256_digest(&observation), artifact.digest());
    }
    let _ = (report.to_json(), report.to_string());
    let without = verify(&artifact, &observation, None);
    assert_eq!(without.hash, report.hash, "the hash step depends on the receipt");
});
