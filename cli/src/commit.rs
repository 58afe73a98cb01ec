//! `exectable commit`: the table commitment of a batch (docs/COMMITMENT.md), or `--check` a
//! commitment against it. Also the batch and blob-hash reading `exectable prove` shares.

use crate::io::{emitln, err, print_json, read_input};
use alloy_primitives::B256;
use exectable::abi::layout::Path;
use exectable::commit::{CommittedTable, ExpectedCommitment, TableCommitment};
use exectable::json::{parse_hex, parse_json};
use exectable::public_inputs::BlobSource;
use exectable::types::l1::ProofSystemBatchPerVerificationEntries;
use exectable::{CanonicalJson, Error, ManagerCall};
use serde_json::{json, Value};
use std::process::ExitCode;

/// The batch and blob-hash arguments of `commit` and `prove`.
#[derive(clap::Args)]
pub struct BatchArgs {
    /// Batch JSON, postAndVerifyBatch call JSON ({"function": …}), calldata hex (0x…), or
    /// {"batch": …, "blobHashes": […]}; a file or the text itself; stdin when omitted.
    pub input: Option<String>,
    /// blobhash(blobIndices[i]) for each of the batch's blobIndices, comma-separated 0x-hex.
    #[arg(long, value_delimiter = ',')]
    pub blob_hashes: Option<Vec<String>>,
    /// The posting transaction's blobVersionedHashes, comma-separated (resolved as
    /// blobVersionedHashes[blobIndices[i]], zero when out of range).
    #[arg(long, value_delimiter = ',', conflicts_with = "blob_hashes")]
    pub blob_versioned_hashes: Option<Vec<String>>,
}

fn hashes(list: &[String], name: &str) -> Result<Vec<B256>, String> {
    list.iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .enumerate()
        .map(|(i, s)| B256::from_json_at(&Value::String(s.to_owned()), &Path::Index(&Path::Root(name), i)).map_err(err))
        .collect()
}

impl BatchArgs {
    /// Reads the batch and commits to it (blob hashes from the flags, else from the input's
    /// `blobHashes`, else none — which is right only for a batch without blobIndices).
    pub fn committed_table(self) -> Result<Committed, String> {
        let text = read_input(self.input)?;
        let (batch, embedded) = read_batch(text.trim())?;
        let blobs = match (self.blob_hashes, self.blob_versioned_hashes, embedded) {
            (Some(list), _, _) => BlobSource::Resolved(hashes(&list, "blob-hashes")?),
            (None, Some(list), _) => BlobSource::VersionedHashes(hashes(&list, "blob-versioned-hashes")?),
            (None, None, Some(blobs)) => blobs,
            (None, None, None) => BlobSource::default(),
        };
        let table = CommittedTable::of_batch(&batch, &blobs).map_err(|e| match e {
            Error::InvalidArgument { ref path, .. } if path == "blobHashes" => {
                format!("{} (give --blob-hashes or --blob-versioned-hashes)", err(e))
            }
            other => err(other),
        })?;
        Ok(Committed { batch, blobs, table })
    }
}

/// A batch read from the input, its blob hashes, and its committed table.
pub struct Committed {
    /// The batch.
    pub batch: ProofSystemBatchPerVerificationEntries,
    /// Where its blob hashes came from.
    pub blobs: BlobSource,
    /// Its tree and commitment.
    pub table: CommittedTable,
}

/// A batch from calldata hex, call JSON, batch JSON or `{"batch", "blobHashes"}`.
fn read_batch(text: &str) -> Result<(ProofSystemBatchPerVerificationEntries, Option<BlobSource>), String> {
    let from_call = |call: ManagerCall| match call {
        ManagerCall::PostAndVerifyBatch(call) => Ok(call.batch),
        other => Err(format!("{} calldata carries no batch (expected postAndVerifyBatch)", other.function_name())),
    };
    if text.starts_with("0x") || text.starts_with("0X") {
        let bytes = parse_hex(text, &Path::Root("input")).map_err(err)?;
        return Ok((from_call(ManagerCall::decode(&bytes).map_err(err)?)?, None));
    }
    let json = parse_json(text).map_err(err)?;
    if json.get("function").is_some() {
        return Ok((from_call(ManagerCall::from_json(&json).map_err(err)?)?, None));
    }
    if let Some(batch) = json.get("batch") {
        let batch = ProofSystemBatchPerVerificationEntries::from_json_at(batch, &Path::Root("batch")).map_err(err)?;
        let blobs = match json.get("blobHashes") {
            Some(v) => Some(BlobSource::Resolved(Vec::from_json_at(v, &Path::Root("blobHashes")).map_err(err)?)),
            None => None,
        };
        return Ok((batch, blobs));
    }
    Ok((ProofSystemBatchPerVerificationEntries::from_json(&json).map_err(err)?, None))
}

/// Parses a commitment argument: a 32-byte digest, or the record JSON.
pub fn parse_commitment(text: &str) -> exectable::Result<ExpectedCommitment> {
    let text = text.trim();
    let value = if text.starts_with('{') { parse_json(text)? } else { Value::String(text.to_owned()) };
    ExpectedCommitment::from_json_at(&value, &Path::Root("commitment"))
}

/// Arguments of `exectable commit`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub batch: BatchArgs,
    /// Print the commitment record as JSON.
    #[arg(long)]
    pub json: bool,
    /// Check this commitment (32-byte digest, or record JSON, text or file) against the batch:
    /// prints MATCH or MISMATCH naming what differs; exit 0 / 1.
    #[arg(long)]
    pub check: Option<String>,
}

/// The text form: one labelled line per field.
pub fn commitment_text(c: &TableCommitment) -> String {
    format!(
        "commitment        {}\nroot              {}\nentryCount        {}\nlookupCount       {}\nsharedPublicInput {}",
        c.digest(),
        c.root,
        c.entry_count,
        c.lookup_count,
        c.shared_public_input
    )
}

/// Runs `exectable commit`: exit 0, or 1 when `--check` finds a mismatch, 2 on bad input.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let Committed { batch, blobs, table } = args.batch.committed_table()?;
    let Some(claim) = args.check else {
        if args.json {
            print_json(&table.commitment.to_json());
        } else {
            emitln(commitment_text(&table.commitment));
        }
        return Ok(ExitCode::SUCCESS);
    };
    let verdict = match parse_commitment(&read_input(Some(claim))?).map_err(err)? {
        ExpectedCommitment::Digest(digest) => TableCommitment::check_digest(digest, &batch, &blobs),
        ExpectedCommitment::Record(record) => record.check_batch(&batch, &blobs),
    };
    match (&verdict, args.json) {
        (Ok(()), true) => print_json(&json!({"match": true, "commitment": table.digest().to_json()})),
        (Ok(()), false) => emitln(format!("MATCH: {} is the batch's table commitment", table.digest())),
        (Err(e), true) => print_json(&json!({
            "match": false,
            "code": e.code().as_u32(),
            "error": format!("{:?}", e.code()),
            "reason": e.to_string(),
        })),
        (Err(e), false) => emitln(format!("MISMATCH: {e} [code {}]", e.code().as_u32())),
    }
    Ok(if verdict.is_ok() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
