//! `exectable verify membership`: an entry or lookup call is part of a batch the L1 manager
//! accepted (transaction input + receipt), with its placement and consumption evidence.

use crate::io::{blob_source, coded, emitln, err, error_json, parse_arg, print_json, read_hex, read_json};
use alloy_primitives::{Address, B256};
use exectable::inclusion::{membership_verdict, verify_membership, ItemQuery, MembershipRequest, PostingOptions};
use exectable::receipt::Receipt;
use exectable::types::l1;
use exectable::CanonicalJson;
use serde_json::json;
use std::process::ExitCode;

/// Arguments of `exectable verify membership`.
#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("blobs").args(["blob_hashes", "blob_versioned_hashes"])))]
pub struct Args {
    /// The posting transaction's input (postAndVerifyBatch calldata): 0x-hex, or a file holding it.
    #[arg(long)]
    pub tx_input: String,
    /// Its receipt (eth_getTransactionReceipt JSON, JSON-RPC envelope allowed): a file or the JSON text.
    #[arg(long)]
    pub receipt: String,
    /// The L1 manager (EEZ) address; only its logs count.
    #[arg(long)]
    pub manager: String,
    /// The item (exactly one form).
    #[command(flatten)]
    pub item: Box<ItemArgs>,
    /// The posting transaction's hash: the receipt's transactionHash must equal it.
    #[arg(long)]
    pub tx_hash: Option<String>,
    /// A receipt of a later transaction of the posting block (repeat, in block order): consumption evidence.
    #[arg(long)]
    pub later_receipt: Vec<String>,
    /// blobhash(blobIndices[i]) for every blob index, comma-separated (for sharedPublicInput).
    #[arg(long, value_delimiter = ',')]
    pub blob_hashes: Option<Vec<String>>,
    /// The posting transaction's blobVersionedHashes, comma-separated (for sharedPublicInput).
    #[arg(long, value_delimiter = ',')]
    pub blob_versioned_hashes: Option<Vec<String>>,
    /// Print JSON instead of human-readable text.
    #[arg(long)]
    pub json: bool,
}

/// How the item is named: exactly one of these.
#[derive(clap::Args)]
#[group(id = "item", required = true, multiple = false)]
pub struct ItemArgs {
    /// The item: an L1 ExecutionEntry JSON (file or text).
    #[arg(long)]
    pub entry: Option<String>,
    /// The item: an L1 LookupCall JSON (file or text).
    #[arg(long)]
    pub lookup_call: Option<String>,
    /// The item by its entry hash keccak256(abi.encode(entry)).
    #[arg(long)]
    pub entry_hash: Option<String>,
    /// The item by its lookup-call hash keccak256(abi.encode(lookupCall)).
    #[arg(long)]
    pub lookup_call_hash: Option<String>,
    /// Entries by their proxyEntryHash (may match several).
    #[arg(long)]
    pub proxy_entry_hash: Option<String>,
    /// Lookup calls by their crossChainCallHash (may match several).
    #[arg(long)]
    pub cross_chain_call_hash: Option<String>,
}

fn hash(value: &str, flag: &str) -> Result<B256, String> {
    parse_arg(value.trim(), flag)
}

fn receipt(arg: &str) -> Result<Receipt, String> {
    Receipt::from_json(&read_json(Some(arg.to_owned()))?).map_err(|e| format!("{arg}: {}", err(e)))
}

fn query(args: &ItemArgs) -> Result<ItemQuery, String> {
    Ok(match args {
        ItemArgs { entry: Some(file), .. } => {
            ItemQuery::Entry(Box::new(l1::ExecutionEntry::from_json(&read_json(Some(file.clone()))?).map_err(err)?))
        }
        ItemArgs { lookup_call: Some(file), .. } => {
            ItemQuery::LookupCall(Box::new(l1::LookupCall::from_json(&read_json(Some(file.clone()))?).map_err(err)?))
        }
        ItemArgs { entry_hash: Some(h), .. } => ItemQuery::EntryHash(hash(h, "entry-hash")?),
        ItemArgs { lookup_call_hash: Some(h), .. } => ItemQuery::LookupCallHash(hash(h, "lookup-call-hash")?),
        ItemArgs { proxy_entry_hash: Some(h), .. } => ItemQuery::ProxyEntryHash(hash(h, "proxy-entry-hash")?),
        ItemArgs { cross_chain_call_hash: Some(h), .. } => {
            ItemQuery::CrossChainCallHash(hash(h, "cross-chain-call-hash")?)
        }
        _ => return Err("name the item (--entry, --lookup-call, --entry-hash, …)".into()),
    })
}

/// Runs `exectable verify membership`: exit 0 included, 1 not included, 3 cannot decide
/// (an input that cannot be read also ends as cannot decide, in [`crate::verify::run`]).
pub fn run(args: Args) -> Result<ExitCode, String> {
    let tx_input = read_hex(Some(args.tx_input.clone()))?;
    let posting = receipt(&args.receipt)?;
    let manager: Address = parse_arg(&args.manager, "manager")?;
    let query = query(&args.item)?;
    let later: Vec<Receipt> = args.later_receipt.iter().map(|r| receipt(r)).collect::<Result<_, _>>()?;
    let blobs = blob_source(args.blob_hashes.as_deref(), args.blob_versioned_hashes.as_deref())?;
    let options =
        PostingOptions { transaction_hash: args.tx_hash.as_deref().map(|h| hash(h, "tx-hash")).transpose()?, blobs };
    let request = MembershipRequest {
        tx_input: &tx_input,
        receipt: &posting,
        manager,
        query: &query,
        options: &options,
        later_receipts: &later,
    };
    let result = verify_membership(&request);
    let verdict = membership_verdict(&result);
    match result {
        Ok(report) => {
            if args.json {
                print_json(&report.to_json());
            } else {
                let n = report.matches.len();
                let warning = if report.posted.layout.is_canonical() { "" } else { " (non-canonical calldata)" };
                emitln(format!(
                    "{verdict}{warning}: {} is part of the posted batch ({n} match{})",
                    query.describe(),
                    if n == 1 { "" } else { "es" }
                ));
                emitln(report.to_text().trim_end());
            }
        }
        Err(e) => {
            if args.json {
                print_json(&json!({"verdict": verdict.name(), "valid": false, "error": error_json(&e)}));
            } else {
                emitln(format!("{verdict}: {}", coded(&e)));
            }
        }
    }
    Ok(ExitCode::from(verdict.exit_code()))
}
