//! `exectable ocp`: produce an OCP artifact — the flat `ocp-1` proof file, or with `--envelope`
//! the v1.0 envelope — for an observation file or (`--table`) an execution table's canonical bytes.

use crate::io::{err, parse_arg, print_json, read_input};
use alloy_primitives::{Address, B256};
use exectable::ocp::{EnvelopeInput, ExecutionTable, OcpArtifact, OcpEnvelope, OcpProofFile, ProofFileInput};
use std::process::ExitCode;

/// Arguments of `exectable ocp`.
#[derive(clap::Args)]
pub struct Args {
    /// Observation file, hashed as raw bytes; stdin when omitted (and no --table).
    #[arg(conflicts_with = "table")]
    pub observation: Option<String>,
    /// Use an execution table's canonical bytes as the observation: postAndVerifyBatch /
    /// loadExecutionTable calldata (hex or call JSON), L1 batch JSON or L2 {"entries", "lookupCalls"}
    /// (a file or the text itself). L1: abi.encode(batch); L2: abi.encode(entries, lookupCalls).
    #[arg(long)]
    pub table: Option<String>,
    /// Transaction that emitted Recorded(digest, recorder).
    #[arg(long)]
    pub tx_hash: String,
    /// ocp-1 `network` (e.g. base-sepolia).
    #[arg(long)]
    pub network: Option<String>,
    /// ocp-1 `contract`: the contract that recorded the digest.
    #[arg(long)]
    pub contract: Option<String>,
    /// ocp-1 `fileName`; default the observation's file name (`<table file>.<l1-batch|l2-table>.abi` with --table).
    #[arg(long)]
    pub file_name: Option<String>,
    /// ocp-1 `extractionRule`; default the Recorded event rule (evm/event-log).
    #[arg(long)]
    pub extraction_rule: Option<String>,
    /// Produce the v1.0 envelope instead of the ocp-1 file.
    #[arg(long)]
    pub envelope: bool,
    /// Envelope `chain.id` (CAIP-2, eip155:<chain id>).
    #[arg(long, requires = "envelope")]
    pub chain_id: Option<String>,
    /// Envelope `ledger_ref.block_hash` (left "" when omitted).
    #[arg(long, requires = "envelope")]
    pub block_hash: Option<String>,
    /// Envelope `ledger_ref.block_height` (0 when omitted).
    #[arg(long, requires = "envelope")]
    pub block_height: Option<u64>,
    /// Envelope `ledger_ref.finality.depth`.
    #[arg(long, requires = "envelope", default_value_t = 0)]
    pub finality_depth: u64,
    /// Envelope `finality.assertion_time_utc` in ms since the Unix epoch; default the creation time.
    #[arg(long, requires = "envelope")]
    pub assertion_time_ms: Option<u64>,
    /// ocp-1 `timestamp` / envelope `meta.created_utc`, ms since the Unix epoch; default now.
    #[arg(long)]
    pub timestamp_ms: Option<u64>,
}

/// Milliseconds since the Unix epoch, from the clock (CLI only; core reads no clock).
fn now_ms() -> Result<u64, String> {
    let elapsed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_err(|e| e.to_string())?;
    u64::try_from(elapsed.as_millis()).map_err(|e| e.to_string())
}

fn base_name(path: &str) -> String {
    std::path::Path::new(path).file_name().map_or_else(|| path.to_owned(), |n| n.to_string_lossy().into_owned())
}

/// The observation bytes and the default `fileName`.
pub(crate) fn observation(file: Option<&str>, table: Option<&str>) -> Result<(Vec<u8>, String), String> {
    match (file, table) {
        (_, Some(table)) => {
            let parsed = ExecutionTable::from_text(&read_input(Some(table.to_owned()))?).map_err(err)?;
            let name = if std::path::Path::new(table).is_file() { base_name(table) } else { "table".into() };
            Ok((parsed.observation(), format!("{name}.{}.abi", parsed.kind())))
        }
        (Some(path), None) => {
            let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            Ok((bytes, base_name(path)))
        }
        (None, None) => {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
                .map_err(|e| format!("cannot read stdin: {e}"))?;
            Ok((bytes, "observation".into()))
        }
    }
}

/// Runs `exectable ocp`: prints the artifact JSON; exit 0, or 2 on bad input.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let (observation, default_name) = observation(args.observation.as_deref(), args.table.as_deref())?;
    let tx_hash: B256 = parse_arg(&args.tx_hash, "tx-hash")?;
    let timestamp_ms = match args.timestamp_ms {
        Some(ms) => ms,
        None => now_ms()?,
    };
    let artifact = if args.envelope {
        for (given, flag) in [
            (args.network.is_some(), "--network"),
            (args.contract.is_some(), "--contract"),
            (args.file_name.is_some(), "--file-name"),
            (args.extraction_rule.is_some(), "--extraction-rule"),
        ] {
            if given {
                return Err(format!(
                    "{flag} is an ocp-1 member; the v1.0 envelope has none (chain and rule come from --chain-id \
                     and evm/event-log)"
                ));
            }
        }
        let input = EnvelopeInput {
            chain_id: args.chain_id.ok_or("--envelope needs --chain-id (CAIP-2, e.g. eip155:1)")?,
            tx_hash,
            block_height: args.block_height,
            block_hash: args.block_hash.as_deref().map(|h| parse_arg(h, "block-hash")).transpose()?,
            finality_depth: args.finality_depth,
            assertion_time_ms: args.assertion_time_ms.unwrap_or(timestamp_ms),
            created_ms: timestamp_ms,
        };
        OcpArtifact::Envelope(OcpEnvelope::produce(&observation, &input).map_err(err)?)
    } else {
        let network = args.network.ok_or("an ocp-1 file needs --network (or use --envelope --chain-id)")?;
        let contract: Address = parse_arg(&args.contract.ok_or("an ocp-1 file needs --contract")?, "contract")?;
        let mut input =
            ProofFileInput::evm(&args.file_name.unwrap_or(default_name), tx_hash, &network, contract, timestamp_ms);
        if let Some(rule) = args.extraction_rule {
            input.extraction_rule = rule;
        }
        OcpArtifact::ProofFile(OcpProofFile::produce(&observation, &input).map_err(err)?)
    };
    print_json(&artifact.to_json());
    Ok(ExitCode::SUCCESS)
}
