//! `exectable verify ocp`: check an OCP artifact offline — SHA-256 of the observation against the
//! artifact's digest, then (with `--receipt`) inclusion of the digest by `evm/event-log`.

use crate::io::{coded, emitln, err, error_json, print_json, read_input, read_json};
use crate::ocp::observation;
use crate::verify_proof::invalid_label;
use exectable::json::parse_json;
use exectable::ocp::{verify, OcpArtifact};
use exectable::receipt::Receipt;
use exectable::{Error, ErrorCode, Verdict};
use serde_json::json;
use std::process::ExitCode;

/// Arguments of `exectable verify ocp`.
#[derive(clap::Args)]
pub struct Args {
    /// The artifact (ocp-1 proof file or v1.0 envelope): a file or the JSON itself; stdin when omitted.
    pub artifact: Option<String>,
    /// The observation file (raw bytes).
    #[arg(long, required_unless_present = "table", conflicts_with = "table")]
    pub observation: Option<String>,
    /// An execution table whose canonical bytes are the observation (forms as for `exectable ocp --table`).
    #[arg(long)]
    pub table: Option<String>,
    /// eth_getTransactionReceipt JSON of the artifact's transaction (JSON-RPC response accepted).
    #[arg(long)]
    pub receipt: Option<String>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

fn print_invalid(e: &Error, json: bool) {
    if json {
        print_json(&json!({"valid": false, "verdict": Verdict::of_error(e).name(), "error": error_json(e)}));
    } else {
        emitln(format!("{}: {}", invalid_label(e), coded(e)));
    }
}

/// Runs `exectable verify ocp`: exit 0 VALID, 1 INVALID (the artifact does not hold for this
/// observation and receipt), 3 cannot decide (a malformed artifact, an unsupported rule, a receipt
/// of another transaction; unreadable files, text that is not JSON, a malformed receipt).
pub fn run(args: Args) -> Result<ExitCode, String> {
    let text = read_input(args.artifact)?;
    let value = parse_json(&text).map_err(err)?;
    let (observation, _) = observation(args.observation.as_deref(), args.table.as_deref())?;
    let receipt = match args.receipt {
        Some(path) => Some(Receipt::from_json(&read_json(Some(path))?).map_err(err)?),
        None => None,
    };
    // An artifact that breaks its format is judged INVALID (it is what is being verified).
    let artifact = match OcpArtifact::from_json(&value) {
        Ok(a) => a,
        Err(e) if e.code() == ErrorCode::OcpMalformed => {
            print_invalid(&e, args.json);
            return Ok(ExitCode::from(Verdict::of_error(&e).exit_code()));
        }
        Err(e) => return Err(err(e)),
    };
    let report = verify(&artifact, &observation, receipt.as_ref());
    if args.json {
        print_json(&report.to_json());
    } else {
        match report.error() {
            None => emitln("VALID"),
            Some(e) => emitln(format!("{}: {}", invalid_label(&e), coded(&e))),
        }
        emitln(report.to_string().trim_end());
    }
    Ok(ExitCode::from(report.error().map_or(Verdict::Included, |e| Verdict::of_error(&e)).exit_code()))
}
