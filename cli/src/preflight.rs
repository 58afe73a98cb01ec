//! `exectable preflight`: the predicted outcome of consuming one entry.

use crate::io::{emitln, err, print_json, read_json};
use exectable::preflight::{preflight_request, Outcome, PreflightReport};
use exectable::CanonicalJson;
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

/// Runs `exectable preflight`.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let report = preflight_request(&read_json(args.input)?).map_err(err)?;
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
