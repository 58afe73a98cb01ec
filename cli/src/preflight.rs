//! `exectable preflight`: the predicted outcome of consuming one entry.

use crate::io::{emitln, err, print_json, read_json};
use exectable::abi::layout::Path;
use exectable::json::{expect_object, required_field};
use exectable::preflight::{preflight_l1, preflight_l2, Outcome, PreflightReport};
use exectable::replay::Trace;
use exectable::types::{l1, l2};
use exectable::CanonicalJson;
use serde_json::Value;
use std::fmt::Write;
use std::process::ExitCode;

const INPUT_HELP: &str = "\
Input (docs/TRACE.md):
  L1: {\"entry\": l1.ExecutionEntry, \"preState\": {\"rollups\": [{\"rollupId\", \"stateRoot\", \"etherBalance\"}]},
       \"consumption\": {\"proxyCall\": {\"crossChainCallHash\", \"value\", \"rollupId\", \"transient\"}}
                      | {\"executeL2TX\": {\"rollupId\", \"transient\"}} | \"immediate\",
       \"trace\": trace}
  L2: {\"side\": \"l2\", \"entries\": [l2.ExecutionEntry, …],
       \"consumption\": {\"incomingCall\": {\"rollupId\", \"destination\", \"value\", \"data\", \"sourceAddress\",
                                         \"sourceRollup\", \"msgValue\"}}
                      | {\"proxyCall\": {\"crossChainCallHash\"}},
       \"trace\": trace}
The entry's arrays drive the simulation; the trace supplies what the world does (call results,
reentrant calls, lookups) as long as the executed calls are the traced ones.

Exit status: 0 success predicted, 1 a revert predicted, 3 unpredictable (needs an EVM), 2 bad input.";

/// Arguments of `exectable preflight`.
#[derive(clap::Args)]
#[command(after_long_help = INPUT_HELP)]
pub struct Args {
    /// Input JSON {"entry", "preState", "consumption", "trace"} (see --help), or a file holding it; stdin when omitted.
    pub input: Option<String>,
    /// Print JSON (outcome, rollingHash, counters, ether, notes, steps) instead of text.
    #[arg(long)]
    pub json: bool,
}

fn field<T: CanonicalJson>(map: &serde_json::Map<String, Value>, name: &'static str) -> Result<T, String> {
    required_field(map, name, &Path::Root("")).map_err(err)
}

fn predict(json: &Value) -> Result<PreflightReport, String> {
    let root = Path::Root("");
    let map =
        expect_object(json, &root, &["side", "entry", "entries", "preState", "consumption", "trace"]).map_err(err)?;
    let side = match map.get("side") {
        None => "l1".to_owned(),
        Some(v) => String::from_json_at(v, &root.field("side")).map_err(err)?,
    };
    let trace: Trace = field(map, "trace")?;
    match side.as_str() {
        "l1" => {
            let entry: l1::ExecutionEntry = field(map, "entry")?;
            preflight_l1(&entry, &field(map, "preState")?, &field(map, "consumption")?, &trace).map_err(err)
        }
        "l2" => {
            let entries: Vec<l2::ExecutionEntry> = field(map, "entries")?;
            preflight_l2(&entries, &field(map, "consumption")?, &trace).map_err(err)
        }
        other => Err(format!("side: {other:?} is neither \"l1\" nor \"l2\"")),
    }
}

/// Runs `exectable preflight`.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let report = predict(&read_json(args.input)?)?;
    if args.json {
        print_json(&report.to_json());
    } else {
        emitln(text(&report).trim_end());
    }
    Ok(ExitCode::from(match report.outcome {
        Outcome::Success { .. } => 0,
        Outcome::Reverts(_) => 1,
        Outcome::Unpredictable { .. } => 3,
    }))
}

fn text(r: &PreflightReport) -> String {
    let mut out = String::new();
    match &r.outcome {
        Outcome::Success { return_data, post_state } => {
            let _ = writeln!(out, "outcome: success");
            let _ = writeln!(out, "  returnData {return_data}");
            for s in post_state {
                let _ =
                    writeln!(out, "  rollup {}: stateRoot {} etherBalance {}", s.rollupId, s.stateRoot, s.etherBalance);
            }
        }
        Outcome::Reverts(e) => {
            let _ = writeln!(
                out,
                "outcome: reverts {} ({}) args {}",
                e.signature(),
                alloy_primitives::hex::encode_prefixed(e.selector()),
                e.to_json()["args"]
            );
        }
        Outcome::Unpredictable { reason } => {
            let _ = writeln!(out, "outcome: unpredictable (needs an EVM): {reason}");
        }
    }
    let _ = writeln!(
        out,
        "rollingHash {} ({}), l2ToL1Calls processed {}, reentrant consumed {}, etherIn {}, etherOut {}",
        r.rolling_hash,
        if r.frame_complete { "frame complete" } else { "frame stopped" },
        r.calls_processed,
        r.reentrant_consumed,
        r.ether_in,
        r.ether_out
    );
    for note in &r.notes {
        let _ = writeln!(out, "note: {note}");
    }
    out
}
