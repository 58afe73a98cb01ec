//! `exectable replay`: the fold table and the entry fields an execution trace determines.

use crate::io::{emitln, err, print_json, read_json};
use exectable::abi::layout::Path;
use exectable::replay::{replay, Replay, Trace};
use exectable::CanonicalJson;
use std::fmt::Write;
use std::process::ExitCode;

const TRACE_HELP: &str = "\
The trace (docs/TRACE.md) is {\"inboundValue\": \"0x0\", \"calls\": [iteration, …]} or a bare array of
iterations. An iteration is a call {targetAddress, value, data, sourceAddress, sourceRollupId, success,
retData, inner?} or {\"revertSpan\": [call, …]}; inner events are {\"reentrant\": {crossChainCallHash,
value?, returnData, calls?}}, {\"staticLookup\": {…}} or {\"revertedLookup\": {…}}.

Exit status: 0 replayed, 2 bad input.";

/// Arguments of `exectable replay`.
#[derive(clap::Args)]
#[command(after_long_help = TRACE_HELP)]
pub struct Args {
    /// Trace JSON, or a file holding it; stdin when omitted.
    pub input: Option<String>,
    /// Print JSON (steps with accumulators, rollingHash, callCount, tables, ether) instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Runs `exectable replay`.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let json = read_json(args.input)?;
    let trace = Trace::from_json_at(&json, &Path::Root("trace")).map_err(err)?;
    let replayed = replay(&trace).map_err(err)?;
    if args.json {
        print_json(&replayed.to_json());
    } else {
        emitln(table(&replayed).trim_end());
    }
    Ok(ExitCode::SUCCESS)
}

fn short_hex(bytes: &[u8]) -> String {
    let hex = alloy_primitives::hex::encode_prefixed(bytes);
    if bytes.len() <= 36 {
        hex
    } else {
        format!("{}…{} ({} bytes)", &hex[..18], &hex[hex.len() - 8..], bytes.len())
    }
}

/// The human-readable fold table and derived fields.
fn table(r: &Replay) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{:>4}  {:<12} {:>6}  {:<7}  accumulator", "step", "event", "number", "success");
    for (i, (step, acc)) in r.steps.iter().zip(&r.accumulators).enumerate() {
        let (success, ret) = match step {
            exectable::hash::rolling::RollingHashStep::CallEnd { success, ret_data, .. } => {
                (success.to_string(), format!("  retData {}", short_hex(ret_data)))
            }
            _ => (String::new(), String::new()),
        };
        let _ = writeln!(out, "{:>4}  {:<12} {:>6}  {:<7}  {acc}{ret}", i + 1, step.event(), step.number(), success);
    }
    let _ = writeln!(out, "rollingHash          {}", r.rolling_hash);
    let _ = writeln!(out, "callCount            {}", r.call_count);
    let _ = writeln!(out, "l2ToL1Calls          {}", r.l2_to_l1_calls.len());
    for (i, c) in r.l2_to_l1_calls.iter().enumerate() {
        let span = if c.revertSpan.is_zero() { String::new() } else { format!("  revertSpan {}", c.revertSpan) };
        let _ = writeln!(
            out,
            "  [{i}] {} value {} data {} source ({}, {}){span}",
            c.targetAddress,
            c.value,
            short_hex(&c.data),
            c.sourceAddress,
            c.sourceRollupId
        );
    }
    let _ = writeln!(out, "expectedL1ToL2Calls  {}", r.expected_l1_to_l2_calls.len());
    for (i, (e, value)) in r.expected_l1_to_l2_calls.iter().zip(&r.reentrant_values).enumerate() {
        let _ = writeln!(
            out,
            "  [{i}] {} callCount {} returnData {} (msg.value {value})",
            e.crossChainCallHash,
            e.callCount,
            short_hex(&e.returnData)
        );
    }
    let _ = writeln!(out, "expectedLookups      {}", r.expected_lookups.len());
    for (i, l) in r.expected_lookups.iter().enumerate() {
        let _ = writeln!(
            out,
            "  [{i}] {} {} key (l2ToL1CallNumber {}, lastL1ToL2CallConsumed {}, executingLookupIndex {}) returnData {}",
            if l.failed { "reverted" } else { "static  " },
            l.crossChainCallHash,
            l.l2ToL1CallNumber,
            l.lastL1ToL2CallConsumed,
            l.executingLookupIndex,
            short_hex(&l.returnData)
        );
    }
    let _ = writeln!(out, "etherIn              {}", r.ether_in);
    let _ = writeln!(out, "etherOut             {}", r.ether_out);
    out
}
