//! `exectable`: decode, encode and hash EEZ execution tables from the command line, and run the
//! golden-vector conformance suite. Inputs come from a file argument or stdin; results go to
//! stdout, errors to stderr with a non-zero exit.

use alloy_primitives::{hex, Address, U256};
use clap::{Parser, Subcommand, ValueEnum};
use exectable::abi::layout::Path;
use exectable::conformance::{run_vectors, ConformanceReport};
use exectable::hash::call::CrossChainCallHashInput;
use exectable::hash::proxy::{proxy_address, proxy_creation_code_by_name, REFERENCE_BUILD_NAME};
use exectable::json::{parse_hex, parse_json};
use exectable::types::{l1, StructKind};
use exectable::{CanonicalJson, Error, ManagerCall};
use serde_json::{json, Value};
use std::io::Read;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "exectable", version, about = "Byte-exact EEZ execution tables: decode, encode, hash, verify")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Decode manager calldata (by selector) or, with --type, one ABI-encoded struct → canonical JSON.
    Decode {
        /// Hex input (0x-prefixed), or a file holding hex; stdin when omitted.
        input: Option<String>,
        /// Struct to decode as (e.g. l1.ExecutionEntry, LookupCall, l2.ExecutionEntry); default: calldata.
        #[arg(long = "type", short = 't')]
        ty: Option<String>,
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

/// Reads the argument as a file if one exists at that path, else as literal text; stdin if absent.
fn read_input(input: Option<String>) -> Result<String, String> {
    match input {
        Some(arg) if std::path::Path::new(&arg).is_file() => {
            std::fs::read_to_string(&arg).map_err(|e| format!("cannot read {arg}: {e}"))
        }
        Some(arg) => Ok(arg),
        None => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map_err(|e| format!("cannot read stdin: {e}"))?;
            Ok(text)
        }
    }
}

fn read_hex(input: Option<String>) -> Result<Vec<u8>, String> {
    let text = read_input(input)?;
    parse_hex(text.trim(), &Path::Root("input")).map_err(err)
}

fn read_json(input: Option<String>) -> Result<Value, String> {
    parse_json(&read_input(input)?).map_err(err)
}

fn err(e: Error) -> String {
    format!("{e} [code {}]", e.code().as_u32())
}

fn struct_kind(name: &str) -> Result<StructKind, String> {
    StructKind::from_name(name).ok_or_else(|| {
        let names: Vec<_> = StructKind::ALL.iter().map(|k| k.name()).collect();
        format!("unknown struct type {name:?}; one of: {}", names.join(", "))
    })
}

fn print_json(value: &Value) {
    println!("{}", serde_json::to_string_pretty(value).expect("a Value always serialises"));
}

fn run(command: Command) -> Result<ExitCode, String> {
    match command {
        Command::Decode { input, ty } => {
            let bytes = read_hex(input)?;
            let value = match ty {
                Some(name) => struct_kind(&name)?.decode_to_json(&bytes).map_err(err)?,
                None => ManagerCall::decode(&bytes).map_err(err)?.to_json(),
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
            println!("{}", hex::encode_prefixed(bytes));
        }
        Command::Hash { what, input } => {
            let json = read_json(input)?;
            match what {
                HashWhat::Entry => println!("{}", l1::ExecutionEntry::from_json(&json).map_err(err)?.hash()),
                HashWhat::LookupCall => println!("{}", l1::LookupCall::from_json(&json).map_err(err)?.hash()),
                HashWhat::Call => println!("{}", CrossChainCallHashInput::from_json(&json).map_err(err)?.hash()),
                HashWhat::Batch => {
                    let batch = match ManagerCall::from_json(&json) {
                        Ok(ManagerCall::PostAndVerifyBatch(call)) => call.batch,
                        _ => l1::ProofSystemBatchPerVerificationEntries::from_json(&json).map_err(err)?,
                    };
                    print_json(&json!({
                        "entryHashes": batch.entries.iter().map(|e| e.hash().to_string()).collect::<Vec<_>>(),
                        "lookupCallHashes": batch.l1ToL2lookupCalls.iter().map(|l| l.hash().to_string()).collect::<Vec<_>>(),
                    }));
                }
            }
        }
        Command::ProxyAddress { manager, original_address, rollup_id, creation_code } => {
            let manager: Address = Address::from_json_at(&json!(manager), &Path::Root("manager")).map_err(err)?;
            let original: Address =
                Address::from_json_at(&json!(original_address), &Path::Root("original-address")).map_err(err)?;
            let rollup: U256 = U256::from_json_at(&json!(rollup_id), &Path::Root("rollup-id")).map_err(err)?;
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
                println!("{kind:<24} {:>4} passed {:>4} failed{note}", count.passed, count.failed);
            }
            let mut shown_kinds = std::collections::BTreeSet::new();
            for f in &report.failures {
                if verbose || shown_kinds.insert(f.kind.clone()) {
                    eprintln!("FAIL {} ({}): {}", f.id, f.kind, f.reason);
                }
            }
            println!("{} passed, {} failed", report.passed(), report.failed());
            if !report.is_success() {
                return Ok(ExitCode::from(1));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
