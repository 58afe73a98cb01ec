//! `exectable validate`: the §6.1 checks of `postAndVerifyBatch` plus every prover obligation,
//! for an L1 batch or (with `--l2`) an L2 execution table.

use crate::io::{emitln, err, parse_list, print_json, read_input};
use exectable::abi::calldata::CallOrJson;
use exectable::abi::layout::Path;
use exectable::json::{expect_object, required_field};
use exectable::types::{l1, l2};
use exectable::validate::{validate_batch, validate_l2_table, ValidationContext, ValidationReport};
use exectable::CanonicalJson;
use std::collections::BTreeSet;
use std::process::ExitCode;

/// Arguments of `exectable validate`.
#[derive(clap::Args)]
pub struct Args {
    /// Batch JSON, postAndVerifyBatch call JSON ({"function": …}) or calldata hex (0x…); with --l2
    /// loadExecutionTable / executeIncomingCrossChainCall calldata (hex or call JSON) or
    /// {"entries": […], "lookupCalls": […]}. A file or the text itself; stdin when omitted.
    pub input: Option<String>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Registered rollup ids, comma-separated (decimal or 0x-hex); unknown when omitted (check skipped).
    #[arg(long, value_delimiter = ',')]
    pub registered_rollups: Option<Vec<String>>,
    /// Number of blobs of the posting transaction (range-checks blobIndices).
    #[arg(long)]
    pub blob_count: Option<usize>,
    /// The input is an L2 table (well-formedness only, L2 names and errors).
    #[arg(long)]
    pub l2: bool,
}

/// Runs `exectable validate`: exit 0 without error-severity findings, 1 with, 2 on bad input.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let text = read_input(args.input)?;
    let report = if args.l2 {
        if args.registered_rollups.is_some() || args.blob_count.is_some() {
            return Err("--registered-rollups and --blob-count apply to L1 batches, not with --l2".into());
        }
        let (entries, lookups) = read_l2_table(text.trim())?;
        validate_l2_table(&entries, &lookups)
    } else {
        let ctx = ValidationContext {
            registered_rollups: args
                .registered_rollups
                .map(|ids| parse_list(&ids, "registered-rollups").map(BTreeSet::from_iter))
                .transpose()?,
            blob_count: args.blob_count,
            batch_in_flight: false,
        };
        validate_batch(&read_batch(text.trim())?, &ctx)
    };
    print_report(&report, args.json);
    Ok(if report.is_ok() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn print_report(report: &ValidationReport, json: bool) {
    if json {
        print_json(&report.to_json());
    } else {
        emitln(report.to_string().trim_end());
    }
}

fn read_batch(text: &str) -> Result<l1::ProofSystemBatchPerVerificationEntries, String> {
    match CallOrJson::from_text(text).map_err(err)? {
        CallOrJson::Call(call) => {
            let name = call.function_name();
            call.into_batch().ok_or_else(|| {
                format!("{name} calldata carries no batch (expected postAndVerifyBatch; use --l2 for L2 tables)")
            })
        }
        CallOrJson::Json(json) => l1::ProofSystemBatchPerVerificationEntries::from_json(&json).map_err(err),
    }
}

fn read_l2_table(text: &str) -> Result<(Vec<l2::ExecutionEntry>, Vec<l2::LookupCall>), String> {
    match CallOrJson::from_text(text).map_err(err)? {
        CallOrJson::Call(call) => {
            let name = call.function_name();
            call.into_l2_table().ok_or_else(|| {
                format!(
                    "{name} calldata carries no L2 table (expected loadExecutionTable or executeIncomingCrossChainCall)"
                )
            })
        }
        CallOrJson::Json(json) => {
            let root = Path::Root("");
            let map = expect_object(&json, &root, &["entries", "lookupCalls"]).map_err(err)?;
            let entries = required_field(map, "entries", &root).map_err(err)?;
            let lookups = match map.get("lookupCalls") {
                Some(v) => Vec::<l2::LookupCall>::from_json_at(v, &root.field("lookupCalls")).map_err(err)?,
                None => Vec::new(),
            };
            Ok((entries, lookups))
        }
    }
}
