//! `exectable replay` on the §5.6 worked-example trace file, and `exectable preflight` on the
//! e2eScenario-public-001 entry: exact outputs and exit codes.

mod common;

use common::{case, run, run_stdin, stderr, stdout, Scratch, WORKED_EXAMPLE};
use serde_json::{json, Value};

const FINAL: &str = "0xa20807b030570ad83dfa52261bec9df71b0c6896d77bc505c7f2bffa23fb096d";

#[test]
fn replay_prints_the_worked_example_fold_table() {
    let out = run(&["replay", WORKED_EXAMPLE]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let rows: Vec<&str> = text.lines().skip(1).take(12).collect();
    // (event, number, accumulator prefix) per §5.6; step 8 closes calls[1] with the cursor 3.
    let expected = [
        ("CALL_BEGIN", "1", "0xa578faae"),
        ("CALL_END", "1", "0xf67549ee"),
        ("CALL_BEGIN", "2", "0x41281b0c"),
        ("NESTED_BEGIN", "1", "0xfcf7cccf"),
        ("CALL_BEGIN", "3", "0x7ae84698"),
        ("CALL_END", "3", "0x1ded2bea"),
        ("NESTED_END", "1", "0xe4a56630"),
        ("CALL_END", "3", "0xfbc630df"),
        ("CALL_BEGIN", "4", "0xe4adfd01"),
        ("CALL_END", "4", "0x2ecde30a"),
        ("CALL_BEGIN", "5", "0x3a531ca4"),
        ("CALL_END", "5", "0xa20807b0"),
    ];
    for (i, (row, (event, number, acc))) in rows.iter().zip(expected).enumerate() {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cols[0], (i + 1).to_string(), "{row}");
        assert_eq!((cols[1], cols[2]), (event, number), "{row}");
        assert!(cols.iter().any(|c| c.starts_with(acc)), "{row} should hold {acc}…");
    }
    assert!(text.contains(&format!("rollingHash          {FINAL}")), "{text}");
    assert!(text.contains("callCount            4"), "{text}");
    assert!(text.contains("key (l2ToL1CallNumber 3, lastL1ToL2CallConsumed 1, executingLookupIndex 0)"), "{text}");
}

#[test]
fn replay_json_from_stdin() {
    let trace = std::fs::read_to_string(WORKED_EXAMPLE).unwrap();
    let out = run_stdin(&["replay", "--json"], &trace);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["rollingHash"], FINAL);
    assert_eq!(json["callCount"], "0x4");
    assert_eq!(json["steps"].as_array().unwrap().len(), 12);
    assert_eq!(
        json["steps"][7],
        json!({
            "index": 8, "event": "CALL_END", "tag": 2, "number": "0x3", "success": true,
            "retData": format!("0x{:064x}{:064x}", 7, 0x55),
            "accumulator": "0xfbc630dfd1b74bcfd8aeaf290db109df5cbafcb16983e118b17c07ee146bbbfd"
        })
    );
    assert_eq!(json["expectedL1ToL2Calls"][0]["callCount"], "0x1");
    assert_eq!(json["l2ToL1Calls"][4]["revertSpan"], "0x1");
    assert_eq!(json["expectedLookups"][0]["l2ToL1CallNumber"], "0x3");
    assert_eq!(json["expectedLookups"][0]["lastL1ToL2CallConsumed"], "0x1");
}

#[test]
fn replay_rejects_bad_traces_with_exit_2() {
    let out = run_stdin(&["replay"], r#"{"calls": [{"revertSpan": []}]}"#);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("trace.calls[0].revertSpan"), "{}", stderr(&out));
}

/// The preflight input for e2eScenario-public-001: a flat entry, so each call's result is the
/// CALL_END step that follows its CALL_BEGIN.
fn preflight_input(entry: &Value) -> Value {
    let c = case("e2eScenario-public-001");
    let inputs = &c["inputs"];
    let steps = inputs["rollingHashSteps"].as_array().unwrap();
    let original = &inputs["batch"]["entries"][0];
    let calls: Vec<Value> = original["l2ToL1Calls"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, call)| {
            let end = &steps[2 * i + 1];
            assert_eq!(end["event"], "CALL_END");
            json!({
                "targetAddress": call["targetAddress"], "value": call["value"], "data": call["data"],
                "sourceAddress": call["sourceAddress"], "sourceRollupId": call["sourceRollupId"],
                "success": end["success"], "retData": end["retData"]
            })
        })
        .collect();
    json!({
        "entry": entry,
        "preState": {"rollups": [{
            "rollupId": inputs["rollupId"],
            "stateRoot": inputs["preState"]["stateRoot"],
            "etherBalance": inputs["preState"]["etherBalance"]
        }]},
        "consumption": {"proxyCall": {
            "crossChainCallHash": c["expected"]["crossChainCallHash"],
            "value": inputs["proxyCall"]["value"],
            "rollupId": inputs["rollupId"],
            "transient": false
        }},
        "trace": {"inboundValue": inputs["proxyCall"]["value"], "calls": calls}
    })
}

#[test]
fn preflight_predicts_the_e2e_001_consumption() {
    let c = case("e2eScenario-public-001");
    let input = preflight_input(&c["inputs"]["batch"]["entries"][0]);
    let dir = Scratch::new("preflight-e2e-001");
    let file = dir.file("input.json", &input.to_string());

    let out = run(&["preflight", "--json", &file]);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["outcome"], "success");
    assert_eq!(json["returnData"], c["expected"]["execution"]["consumerReturnData"]);
    assert_eq!(json["postState"]["rollups"][0]["stateRoot"], c["expected"]["postState"]["stateRoot"]);
    assert_eq!(json["postState"]["rollups"][0]["etherBalance"], c["expected"]["postState"]["etherBalance"]);
    assert_eq!(json["rollingHash"], c["expected"]["rollingHash"]);
    let text = run(&["preflight", &file]);
    assert_eq!(text.status.code(), Some(0));
    assert!(stdout(&text).starts_with("outcome: success"), "{}", stdout(&text));

    // Recorded mutations: a predicted revert exits 1, a changed call exits 3.
    let mutations = c["expected"]["mutations"].as_array().unwrap();
    let by_name = |m: &str| &mutations.iter().find(|x| x["mutation"] == m).unwrap()["mutatedEntry"];
    let stale = run_stdin(
        &["preflight"],
        &preflight_input(by_name("entries[0].stateDeltas[0].currentState: byte 0 ^= 0xff")).to_string(),
    );
    assert_eq!(stale.status.code(), Some(1), "{}", stderr(&stale));
    assert!(stdout(&stale).contains("StateRootMismatch(uint256) (0x78cb4214)"), "{}", stdout(&stale));
    let changed = run_stdin(
        &["preflight"],
        &preflight_input(by_name("entries[0].l2ToL1Calls[0].data: byte 0 ^= 0xff")).to_string(),
    );
    assert_eq!(changed.status.code(), Some(3), "{}", stderr(&changed));
    assert!(stdout(&changed).contains("entry.l2ToL1Calls[0].data"), "{}", stdout(&changed));
}

#[test]
fn preflight_l2_and_bad_input() {
    let out = run_stdin(
        &["preflight"],
        r#"{"side": "l2", "entries": [], "consumption": {"proxyCall": {"crossChainCallHash": "0x0000000000000000000000000000000000000000000000000000000000000000"}}, "trace": []}"#,
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("ExecutionNotFound()"), "{}", stdout(&out));
    let bad = run_stdin(
        &["preflight"],
        r#"{"entry": {}, "preState": {"rollups": []}, "consumption": "immediate", "trace": []}"#,
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("entry.stateDeltas: missing field"), "{}", stderr(&bad));
}
