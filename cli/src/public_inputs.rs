//! `exectable public-inputs`: build or verify the proof inputs of a batch (spec §4.5, §4.6).

use crate::io::{emitln, err, print_json, read_json};
use exectable::public_inputs::{ProofForm, ProofInputDocument, ProofInputRequest, VerifyReport};
use std::fmt::Write;
use std::process::ExitCode;

const INPUT_HELP: &str = "\
Input (build mode): a JSON object
  {\"batch\": …, \"rollups\": [{\"rollupId\", \"manager\", \"timestamp\", \"blockHash\",
     \"vkeys\": {\"0x<proof system>\": \"0x<vkey>\", …}}, …],
   \"blobHashes\": [\"0x…\", …]}
where batch is the batch JSON, a postAndVerifyBatch call JSON ({\"function\", \"args\"}) or the
calldata hex string; rollups hold what each rollup's manager returned (getTimestampAndBlockHash,
checkProofSystemsAndGetVkeys); blobHashes are blobhash(blobIndices[i]), or give the posting
transaction's \"blobVersionedHashes\" instead (resolved as blobVersionedHashes[blobIndices[i]],
zero if out of range); neither is needed when the batch has no blobIndices. A golden-vector case
of kind publicInputsHash is accepted as is.

Input (--verify): a proof-input document (the output of --json). Every derived field is
recomputed from batch, rollups and blob data; prints OK, or each mismatch by JSON path.
proofs are opaque and not checked.

Exit codes: 0 OK; 1 --verify found mismatches; 2 malformed input.";

/// Arguments of `exectable public-inputs`.
#[derive(clap::Args)]
#[command(after_long_help = INPUT_HELP)]
pub struct Args {
    /// Input JSON (file or text); stdin when omitted. See --help for the shape.
    pub input: Option<String>,
    /// Print the proof-input document (with --verify: the report) as JSON.
    #[arg(long)]
    pub json: bool,
    /// Verify a proof-input document instead of building one (exit 1 on any mismatch).
    #[arg(long)]
    pub verify: bool,
}

/// Runs `exectable public-inputs`.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let json = read_json(args.input)?;
    if args.verify {
        let report = ProofInputDocument::verify(&json).map_err(err)?;
        if args.json {
            print_json(&report.to_json());
        } else {
            emitln(report_text(&report).trim_end());
        }
        return Ok(if report.is_ok() { ExitCode::SUCCESS } else { ExitCode::from(1) });
    }
    let document = ProofInputRequest::from_json(&json).and_then(ProofInputRequest::build).map_err(err)?;
    if args.json {
        print_json(&document.to_json());
    } else {
        emitln(document_text(&document).trim_end());
    }
    Ok(ExitCode::SUCCESS)
}

fn proof_note(form: ProofForm) -> String {
    match form {
        ProofForm::EqualsPublicInputsHash => "proof = publicInputsHash".into(),
        ProofForm::Opaque { length } => format!("proof {length} bytes"),
        ProofForm::Missing => "no proof".into(),
    }
}

/// Human-readable: sharedPublicInput, then one line per proof system and one per fold.
fn document_text(document: &ProofInputDocument) -> String {
    let inputs = &document.inputs;
    let mut out = String::new();
    let _ = writeln!(out, "sharedPublicInput {}", inputs.shared_public_input);
    let _ = writeln!(
        out,
        "  {} entry hashes, {} lookup-call hashes, {} blob hashes, callDataHash {}",
        inputs.entry_hashes.len(),
        inputs.lookup_call_hashes.len(),
        inputs.blob_hashes.len(),
        inputs.call_data_hash,
    );
    for (acc, proof) in inputs.accumulators.iter().zip(document.proof_observations()) {
        let _ = writeln!(
            out,
            "proofSystem #{} {:#x} publicInputsHash {} ({} folds, {})",
            acc.index,
            acc.proof_system,
            acc.public_inputs_hash,
            acc.folds.len(),
            proof_note(proof.form),
        );
        for fold in &acc.folds {
            let _ = writeln!(
                out,
                "    rollup {:#x} vkey {} blockHash {} timestamp {:#x} -> acc {}",
                fold.rollup_id, fold.vkey, fold.block_hash, fold.timestamp, fold.acc_after,
            );
        }
        let _ = writeln!(out, "    acc {}", acc.acc);
    }
    out
}

/// Human-readable verification result: `OK` or one line per mismatch.
fn report_text(report: &VerifyReport) -> String {
    let mut out = String::new();
    if report.is_ok() {
        let n = report.document.inputs.accumulators.len();
        let _ = writeln!(out, "OK: every derived value matches ({n} proof systems; proofs not checked)");
    } else {
        let _ = writeln!(out, "MISMATCH: {} derived value(s) differ from their recomputation", report.mismatches.len());
        for m in &report.mismatches {
            let _ = writeln!(out, "  {m}");
        }
    }
    out
}
