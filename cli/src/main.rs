//! `exectable`: decode, encode and hash EEZ execution tables from the command line, and run the
//! golden-vector conformance suite. Inputs come from a file argument or stdin; results go to
//! stdout, errors to stderr with a non-zero exit.

use alloy_primitives::{hex, Address, B256, U256};
use clap::{Parser, Subcommand, ValueEnum};
use exectable::abi::calldata::decode_post_and_verify_batch_with;
use exectable::abi::events::raw_log_from_json;
use exectable::abi::layout::Path;
use exectable::abi::mode::DecodeMode;
use exectable::batch::{BatchOverview, ItemOverview, Placement};
use exectable::conformance::{run_vectors, ConformanceReport};
use exectable::hash::call::CrossChainCallHashInput;
use exectable::hash::proxy::{proxy_address, proxy_creation_code_by_name, REFERENCE_BUILD_NAME};
use exectable::json::{parse_hex, parse_json};
use exectable::types::{l1, StructKind};
use exectable::{decode_l1_log, decode_l2_log, decode_revert, CanonicalJson, Error, ManagerCall};
use serde_json::{json, Value};
use std::process::ExitCode;

mod commit;
mod io;
mod ocp;
mod preflight;
mod prove;
mod public_inputs;
mod replay;
mod validate;
mod verify;
mod verify_membership;
mod verify_ocp;
mod verify_proof;

use io::{emitln, err, parse_arg, print_json, read_hex, read_input, read_json};

#[derive(Parser)]
#[command(name = "exectable", version, about = "Byte-exact EEZ execution tables: decode, encode, hash, verify")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a batch the way postAndVerifyBatch does (§6.1) plus every prover obligation (§5.3, §6.6).
    Validate(validate::Args),
    /// Build (or --verify) the proof inputs: entry/lookup hashes, sharedPublicInput, publicInputsHash per proof system.
    PublicInputs(public_inputs::Args),
    /// Rebuild an entry's rolling hash, call counts and reentrant table from an execution trace.
    Replay(replay::Args),
    /// Predict the on-chain outcome of consuming one entry, from the pre-state and the trace.
    Preflight(preflight::Args),
    /// Build the table commitment (Merkle root bound to leaf counts and sharedPublicInput) of a batch.
    Commit(commit::Args),
    /// Make a single or multi inclusion proof for items of a batch.
    Prove(prove::Args),
    /// Produce an OCP artifact (ocp-1 file or v1.0 envelope) for an observation or an execution table.
    Ocp(ocp::Args),
    /// Verify an inclusion proof, an OCP artifact or batch membership: VALID / INVALID with the reason.
    #[command(subcommand)]
    Verify(verify::Verify),
    /// Decode postAndVerifyBatch calldata and list its entries and lookups: hash, transient or queued.
    Inspect {
        /// Calldata hex (0x-prefixed), or a file holding it; stdin when omitted.
        input: Option<String>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// evm: read it as the contract does (a mined input; the layout is reported); strict: canonical only.
        #[arg(long, value_enum, default_value_t = Mode::Evm)]
        mode: Mode,
    },
    /// Decode manager calldata (by selector) or, with --type, one ABI-encoded struct → canonical JSON.
    Decode {
        /// Hex input (0x-prefixed), or a file holding hex; stdin when omitted.
        input: Option<String>,
        /// Struct to decode as (e.g. l1.ExecutionEntry, LookupCall, l2.ExecutionEntry); default: calldata.
        #[arg(long = "type", short = 't')]
        ty: Option<String>,
        /// Calldata only. evm: read it as the contract does (a mined input; "layout" says whether it
        /// is canonical); strict: accept only the canonical encoding.
        #[arg(long, value_enum, default_value_t = Mode::Evm)]
        mode: Mode,
    },
    /// Encode canonical JSON → ABI hex: calldata for {"function": …, "args": …}, else --type's struct.
    Encode {
        /// JSON text, or a file holding it; stdin when omitted.
        input: Option<String>,
        /// Struct to encode (as for decode); not needed for calldata JSON.
        #[arg(long = "type", short = 't')]
        ty: Option<String>,
    },
    /// Hash an L1 entry, L1 lookup call, cross-chain call (six fields), or every entry/lookup of a batch.
    Hash {
        /// What the JSON holds.
        what: HashWhat,
        /// JSON text, or a file holding it; stdin when omitted.
        input: Option<String>,
    },
    /// CREATE2 address of the CrossChainProxy of (original-address, rollup-id) under a manager.
    ProxyAddress {
        /// The manager (EEZ or EEZL2) that deploys the proxy.
        #[arg(long)]
        manager: String,
        /// The address the proxy stands for.
        #[arg(long)]
        original_address: String,
        /// Its rollup id (0x-hex or decimal).
        #[arg(long)]
        rollup_id: String,
        /// Proxy creation code: 0x-hex, a file holding hex, or a build name; default the reference build.
        #[arg(long)]
        creation_code: Option<String>,
    },
    /// Decode a manager event log → {"event": …, "args": {…}}.
    ///
    /// Give the log either as --topic/--data, or as JSON (file, text or stdin): one log object
    /// {"topics": […], "data": "0x…"} as eth_getLogs returns it, an array of them, or a receipt
    /// with "logs" (the latter two print an array).
    DecodeLog {
        /// The manager that emitted the log (field names differ between the sides).
        #[arg(long, value_enum)]
        side: Side,
        /// A topic (32-byte 0x-hex), topic0 first; repeat for each topic.
        #[arg(long = "topic")]
        topics: Vec<String>,
        /// The log data (0x-hex) when the topics are given with --topic; empty if omitted.
        #[arg(long, requires = "topics")]
        data: Option<String>,
        /// JSON log, array of logs or receipt, or a file holding it; stdin when omitted (and no --topic).
        #[arg(conflicts_with = "topics")]
        input: Option<String>,
        /// With several logs, leave out logs whose topic0 is no event of the manager instead of failing.
        #[arg(long)]
        skip_unknown: bool,
    },
    /// Decode revert data (selector ‖ args) → {"error": …, "selector": …, "args": {…}}.
    DecodeRevert {
        /// Hex revert data, a JSON-RPC error object with "data", or a file holding either; stdin when omitted.
        input: Option<String>,
    },
    /// Run golden-vector files; prints per-kind counts and "N passed, M failed".
    Conformance {
        /// Vector files (eez-golden-vectors/v1).
        #[arg(required = true)]
        files: Vec<String>,
        /// Restrict to these kinds (repeatable).
        #[arg(long = "kind", short = 'k')]
        kinds: Vec<String>,
        /// Print every failure reason.
        #[arg(long, short = 'v')]
        verbose: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Side {
    /// The L1 manager (EEZ).
    L1,
    /// The L2 manager (EEZL2).
    L2,
}

#[derive(Clone, Copy, ValueEnum)]
enum HashWhat {
    /// An L1 ExecutionEntry: keccak256(abi.encode(entry)).
    Entry,
    /// An L1 LookupCall: keccak256(abi.encode(lookupCall)).
    LookupCall,
    /// The six inputs of computeCrossChainCallHash.
    Call,
    /// A ProofSystemBatchPerVerificationEntries (or postAndVerifyBatch call JSON): all its hashes.
    Batch,
}

/// How calldata is read (`--mode`).
#[derive(Clone, Copy, ValueEnum)]
enum Mode {
    /// As the compiled contract's ABI decoder reads it: any layout it accepts, reported.
    Evm,
    /// Only the canonical encoding `abi.encode` produces.
    Strict,
}

impl From<Mode> for DecodeMode {
    fn from(mode: Mode) -> Self {
        match mode {
            Mode::Evm => DecodeMode::Evm,
            Mode::Strict => DecodeMode::Strict,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn struct_kind(name: &str) -> Result<StructKind, String> {
    StructKind::from_name(name).ok_or_else(|| {
        let names: Vec<_> = StructKind::ALL.iter().map(|k| k.name()).collect();
        format!("unknown struct type {name:?}; one of: {}", names.join(", "))
    })
}

fn decode_log_json(side: Side, topics: &[B256], data: &[u8]) -> Result<Value, Error> {
    match side {
        Side::L1 => decode_l1_log(topics, data).map(|e| e.to_json()),
        Side::L2 => decode_l2_log(topics, data).map(|e| e.to_json()),
    }
}

/// `decode-log`: one log from flags, or one / many logs from JSON.
fn decode_logs(
    side: Side,
    topics: Vec<String>,
    data: Option<String>,
    input: Option<String>,
    skip_unknown: bool,
) -> Result<Value, String> {
    if !topics.is_empty() {
        let topics: Vec<B256> = topics
            .iter()
            .enumerate()
            .map(|(i, t)| B256::from_json_at(&json!(t), &Path::Index(&Path::Root("topic"), i)))
            .collect::<Result<_, _>>()
            .map_err(err)?;
        let data = match data {
            Some(d) => parse_hex(d.trim(), &Path::Root("data")).map_err(err)?,
            None => Vec::new(),
        };
        return decode_log_json(side, &topics, &data).map_err(err);
    }
    let json = read_json(input)?;
    let logs = match &json {
        Value::Object(map) if !map.contains_key("topics") && map.contains_key("logs") => &map["logs"],
        Value::Object(_) => {
            let (topics, data) = raw_log_from_json(&json, &Path::Root("")).map_err(err)?;
            return decode_log_json(side, &topics, &data).map_err(err);
        }
        other => other,
    };
    let logs = logs.as_array().ok_or("expected a log object, an array of logs, or a receipt with \"logs\"")?;
    let mut out = Vec::new();
    for (i, log) in logs.iter().enumerate() {
        let root = Path::Root("logs");
        let path = root.index(i);
        let (topics, data) = raw_log_from_json(log, &path).map_err(err)?;
        match decode_log_json(side, &topics, &data) {
            Ok(mut event) => {
                if let (Some(address), Value::Object(map)) = (log.get("address"), &mut event) {
                    let mut with_address = serde_json::Map::new();
                    with_address.insert("address".into(), address.clone());
                    with_address.append(map);
                    event = Value::Object(with_address);
                }
                out.push(event);
            }
            Err(e) if skip_unknown && e.code() == exectable::ErrorCode::AbiUnknownSelector => {}
            Err(e) => return Err(format!("{path}: {}", err(e))),
        }
    }
    Ok(Value::Array(out))
}

/// `decode-revert` input: hex, or a JSON-RPC error object carrying the revert data in `data`.
fn read_revert_data(input: Option<String>) -> Result<Vec<u8>, String> {
    let text = read_input(input)?;
    let text = text.trim();
    if !text.starts_with('{') {
        return parse_hex(text, &Path::Root("input")).map_err(err);
    }
    let json = parse_json(text).map_err(err)?;
    let data = json
        .get("data")
        .or_else(|| json.pointer("/error/data"))
        .and_then(Value::as_str)
        .ok_or("JSON input needs the revert data as a hex string in \"data\" (or \"error.data\")")?;
    parse_hex(data, &Path::Root("data")).map_err(err)
}

fn placement_text(p: &Placement) -> String {
    match p {
        Placement::Transient { transient_index } => format!("transient[{transient_index}]"),
        Placement::Queued { rollup_id, queue_index } => format!("queue {rollup_id}[{queue_index}]"),
    }
}

/// The human-readable listing `make demo` prints.
fn inspect_table(batch: &l1::ProofSystemBatchPerVerificationEntries, overview: &BatchOverview) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let rollups: Vec<String> = batch.rollupIdsWithProofSystems.iter().map(|r| r.rollupId.to_string()).collect();
    let _ = writeln!(
        out,
        "postAndVerifyBatch: {} entries ({} transient), {} lookup calls ({} transient), {} proof systems, rollups [{}], blockNumber {}",
        batch.entries.len(),
        batch.transientExecutionEntryCount,
        batch.l1ToL2lookupCalls.len(),
        batch.transientLookupCallCount,
        batch.proofSystems.len(),
        rollups.join(", "),
        batch.blockNumber,
    );
    for (row, entry) in overview.entries.iter().zip(&batch.entries) {
        let _ = writeln!(
            out,
            "entry #{:<3} {:<16} -> rollup {:<3} deltas {} calls {} reentrant {} lookups {} callCount {}",
            row.index,
            placement_text(&row.placement),
            entry.destinationRollupId,
            entry.stateDeltas.len(),
            entry.l2ToL1Calls.len(),
            entry.expectedL1ToL2Calls.len(),
            entry.expectedLookups.len(),
            entry.callCount,
        );
        let _ = writeln!(out, "    proxyEntryHash {}", entry.proxyEntryHash);
        let _ = writeln!(out, "    rollingHash    {}", entry.rollingHash);
        let _ = writeln!(out, "    entryHash      {}", row.hash);
    }
    for (row, lookup) in overview.lookup_calls.iter().zip(&batch.l1ToL2lookupCalls) {
        let _ = writeln!(
            out,
            "lookup #{:<2} {:<16} -> rollup {:<3} {} sub-calls {} pins {}",
            row.index,
            placement_text(&row.placement),
            lookup.destinationRollupId,
            if lookup.failed { "reverted" } else { "static" },
            lookup.l2ToL1Calls.len(),
            lookup.expectedStateRoots.len(),
        );
        let _ = writeln!(out, "    crossChainCallHash {}", lookup.crossChainCallHash);
        let _ = writeln!(out, "    lookupCallHash     {}", row.hash);
    }
    out
}

fn run(command: Command) -> Result<ExitCode, String> {
    match command {
        Command::Validate(args) => return validate::run(args),
        Command::PublicInputs(args) => return public_inputs::run(args),
        Command::Replay(args) => return replay::run(args),
        Command::Preflight(args) => return preflight::run(args),
        Command::Commit(args) => return commit::run(args),
        Command::Prove(args) => return prove::run(args),
        Command::Ocp(args) => return ocp::run(args),
        Command::Verify(what) => return verify::run(what),
        Command::Decode { input, ty, mode } => {
            let bytes = read_hex(input)?;
            let value = match ty {
                Some(name) => struct_kind(&name)?.decode_to_json(&bytes).map_err(err)?,
                None => ManagerCall::decode_with(&bytes, mode.into()).map_err(err)?.to_json(),
            };
            print_json(&value);
        }
        Command::Encode { input, ty } => {
            let json = read_json(input)?;
            let bytes = match ty {
                Some(name) => struct_kind(&name)?.encode_from_json(&json).map_err(err)?,
                None if json.get("function").is_some() => ManagerCall::from_json(&json).map_err(err)?.encode(),
                None => return Err("JSON without \"function\" needs --type to name the struct".into()),
            };
            emitln(hex::encode_prefixed(bytes));
        }
        Command::Hash { what, input } => {
            let json = read_json(input)?;
            match what {
                HashWhat::Entry => emitln(l1::ExecutionEntry::from_json(&json).map_err(err)?.hash()),
                HashWhat::LookupCall => emitln(l1::LookupCall::from_json(&json).map_err(err)?.hash()),
                HashWhat::Call => emitln(CrossChainCallHashInput::from_json(&json).map_err(err)?.hash()),
                HashWhat::Batch => {
                    let batch = match ManagerCall::from_json(&json).ok().and_then(ManagerCall::into_batch) {
                        Some(batch) => batch,
                        None => l1::ProofSystemBatchPerVerificationEntries::from_json(&json).map_err(err)?,
                    };
                    print_json(&json!({
                        "entryHashes": batch.entries.iter().map(|e| e.hash().to_string()).collect::<Vec<_>>(),
                        "lookupCallHashes": batch.l1ToL2lookupCalls.iter().map(|l| l.hash().to_string()).collect::<Vec<_>>(),
                    }));
                }
            }
        }
        Command::ProxyAddress { manager, original_address, rollup_id, creation_code } => {
            let manager: Address = parse_arg(&manager, "manager")?;
            let original: Address = parse_arg(&original_address, "original-address")?;
            let rollup: U256 = parse_arg(&rollup_id, "rollup-id")?;
            let code = match creation_code {
                None => proxy_creation_code_by_name(REFERENCE_BUILD_NAME).expect("reference build").to_vec(),
                Some(name) if proxy_creation_code_by_name(&name).is_some() => {
                    proxy_creation_code_by_name(&name).expect("checked").to_vec()
                }
                Some(other) => read_hex(Some(other))?,
            };
            let p = proxy_address(manager, original, rollup, &code);
            print_json(&json!({
                "proxyAddress": p.address.to_json(),
                "salt": p.salt.to_json(),
                "initCodeHash": p.init_code_hash.to_json(),
            }));
        }
        Command::DecodeLog { side, topics, data, input, skip_unknown } => {
            print_json(&decode_logs(side, topics, data, input, skip_unknown)?);
        }
        Command::DecodeRevert { input } => {
            let data = read_revert_data(input)?;
            print_json(&decode_revert(&data).map_err(err)?.to_json());
        }
        Command::Inspect { input, json, mode } => {
            let decoded = decode_post_and_verify_batch_with(&read_hex(input)?, mode.into()).map_err(err)?;
            let (batch, layout) = (decoded.value, decoded.layout);
            let overview = BatchOverview::of(&batch);
            if json {
                let rows = |items: &[ItemOverview]| -> Vec<Value> {
                    items
                        .iter()
                        .map(
                            |i| json!({"index": i.index, "hash": i.hash.to_json(), "placement": i.placement.to_json()}),
                        )
                        .collect()
                };
                print_json(&json!({
                    "layout": layout.to_json(),
                    "entries": rows(&overview.entries),
                    "lookupCalls": rows(&overview.lookup_calls),
                }));
            } else {
                emitln(format!("calldata layout: {layout}"));
                emitln(inspect_table(&batch, &overview).trim_end());
            }
        }
        Command::Conformance { files, kinds, verbose } => {
            let mut report = ConformanceReport::default();
            for file in &files {
                let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {file}: {e}"))?;
                let json = parse_json(&text).map_err(|e| format!("{file}: {}", err(e)))?;
                report.merge(run_vectors(&json, &kinds).map_err(|e| format!("{file}: {}", err(e)))?);
            }
            for (kind, count) in &report.kinds {
                let total = count.passed + count.failed;
                let note = if total == 0 { "  <- ran no case" } else { "" };
                emitln(format!("{kind:<24} {:>4} passed {:>4} failed{note}", count.passed, count.failed));
            }
            let mut shown_kinds = std::collections::BTreeSet::new();
            for f in &report.failures {
                if verbose || shown_kinds.insert(f.kind.clone()) {
                    eprintln!("FAIL {} ({}): {}", f.id, f.kind, f.reason);
                }
            }
            emitln(format!("{} passed, {} failed", report.passed(), report.failed()));
            if !report.is_success() {
                return Ok(ExitCode::from(1));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
