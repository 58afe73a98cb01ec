//! `exectable commit`: the table commitment of a batch (docs/COMMITMENT.md), or `--check` a
//! commitment against it. Also the batch and blob-hash reading `exectable prove` shares.

use crate::io::{blob_source, coded, emitln, err, object_or_string, print_json, read_input, rejection_json};
use exectable::abi::calldata::CallOrJson;
use exectable::abi::layout::Path;
use exectable::commit::{CommittedTable, ExpectedCommitment, TableCommitment};
use exectable::public_inputs::BlobSource;
use exectable::types::l1::ProofSystemBatchPerVerificationEntries;
use exectable::{CanonicalJson, Error};
use serde_json::json;
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

impl BatchArgs {
    /// Reads the batch and commits to it (blob hashes from the flags, else from the input's
    /// `blobHashes`, else none — which is right only for a batch without blobIndices).
    pub fn committed_table(self) -> Result<Committed, String> {
        let text = read_input(self.input)?;
        let (batch, embedded) = read_batch(text.trim())?;
        let flags = blob_source(self.blob_hashes.as_deref(), self.blob_versioned_hashes.as_deref())?;
        let blobs = flags.or(embedded).unwrap_or_default();
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
    let json = match CallOrJson::from_text(text).map_err(err)? {
        CallOrJson::Call(call) => {
            let name = call.function_name();
            let batch = call
                .into_batch()
                .ok_or_else(|| format!("{name} calldata carries no batch (expected postAndVerifyBatch)"))?;
            return Ok((batch, None));
        }
        CallOrJson::Json(json) => json,
    };
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
    ExpectedCommitment::from_json_at(&object_or_string(text)?, &Path::Root("commitment"))
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
    let verdict = parse_commitment(&read_input(Some(claim))?).map_err(err)?.check_batch(&batch, &blobs);
    match (&verdict, args.json) {
        (Ok(_), true) => print_json(&json!({"match": true, "commitment": table.digest().to_json()})),
        (Ok(_), false) => emitln(format!("MATCH: {} is the batch's table commitment", table.digest())),
        (Err(e), true) => print_json(&rejection_json("match", e)),
        (Err(e), false) => emitln(format!("MISMATCH: {}", coded(e))),
    }
    Ok(if verdict.is_ok() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
