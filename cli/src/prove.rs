//! `exectable prove`: a single or multi inclusion proof for entries and lookup calls of a batch
//! (docs/COMMITMENT.md).

use crate::commit::{commitment_text, BatchArgs, Committed};
use crate::io::{emitln, err, parse_arg, print_json};
use alloy_primitives::{hex, B256};
use exectable::commit::Leaf;
use exectable::CanonicalJson;
use std::fmt::Write;
use std::process::ExitCode;

/// Arguments of `exectable prove`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub batch: BatchArgs,
    /// Prove entries[N] (decimal or 0x-hex); repeatable.
    #[arg(long = "index", visible_alias = "entry")]
    pub entries: Vec<String>,
    /// Prove l1ToL2lookupCalls[N]; repeatable.
    #[arg(long = "lookup")]
    pub lookups: Vec<String>,
    /// Prove the (first) entry with this entry hash; repeatable.
    #[arg(long)]
    pub entry_hash: Vec<String>,
    /// Prove the (first) lookup call with this lookup-call hash; repeatable.
    #[arg(long)]
    pub lookup_hash: Vec<String>,
    /// Print the proof's JSON form.
    #[arg(long)]
    pub json: bool,
    /// Print only the binary encoding, as 0x-hex.
    #[arg(long, conflicts_with = "json")]
    pub binary: bool,
}

/// Runs `exectable prove`: exit 0, or 2 when the input or a named leaf is bad.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let Committed { table, .. } = args.batch.committed_table()?;
    let mut leaves = Vec::new();
    for text in &args.entries {
        leaves.push(Leaf::Entry(parse_arg(text.trim(), "index")?));
    }
    for text in &args.lookups {
        leaves.push(Leaf::LookupCall(parse_arg(text.trim(), "lookup")?));
    }
    for text in &args.entry_hash {
        let h: B256 = parse_arg(text.trim(), "entry-hash")?;
        leaves.push(table.find_entry(&h).ok_or_else(|| format!("no entry of the batch has entry hash {h}"))?);
    }
    for text in &args.lookup_hash {
        let h: B256 = parse_arg(text.trim(), "lookup-hash")?;
        leaves.push(table.find_lookup_call(&h).ok_or_else(|| format!("no lookup call of the batch has hash {h}"))?);
    }
    if leaves.is_empty() {
        return Err("name at least one leaf: --index N, --lookup N, --entry-hash H or --lookup-hash H".into());
    }
    let proof = table.prove(&leaves).map_err(err)?;
    let bytes = proof.encode().map_err(err)?;
    if args.json {
        print_json(&proof.to_json());
    } else if args.binary {
        emitln(hex::encode_prefixed(&bytes));
    } else {
        let mut out = String::new();
        let _ = writeln!(out, "{}", commitment_text(&table.commitment));
        let entry_count = table.commitment.entry_count;
        for index in &proof.indices {
            let leaf = Leaf::at(*index, entry_count).to_string();
            let item = table.item_hash(*index).unwrap_or_default();
            let _ = writeln!(out, "leaf {index:<6} {leaf:<24} itemHash {item}");
        }
        let _ = writeln!(out, "siblings          {} ({} bytes encoded)", proof.siblings.len(), bytes.len());
        let _ = write!(out, "proof             {}", hex::encode_prefixed(&bytes));
        emitln(out);
    }
    Ok(ExitCode::SUCCESS)
}
