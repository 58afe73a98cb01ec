//! `exectable verify proof`: an inclusion proof against a table commitment, offline; prints
//! VALID, or INVALID with the reason and its code (docs/COMMITMENT.md).

use crate::commit::parse_commitment;
use crate::io::{coded, emitln, err, object_or_string, print_json, read_input, rejection_json};
use exectable::abi::layout::Path;
use exectable::commit::{InclusionProof, Leaf, ProofItem, VerifiedInclusion};
use exectable::json::{parse_hex, parse_json};
use exectable::{CanonicalJson, Error, Verdict};
use std::process::ExitCode;

const HELP: &str = "\
The proof is its binary encoding (0x-hex) or its JSON form, as `exectable prove` prints them.
The commitment is the 32-byte digest, or the record JSON `exectable commit --json` prints; with
the record a changed leaf count is reported as such (402), with the digest alone as a proof for
another commitment (404).
Items are given in the proof's leaf order (ascending leaf index), one --item per leaf: an entry or
lookup-call JSON object (bare, or tagged {\"entry\": …} / {\"lookupCall\": …} / {\"entryHash\": …}
/ {\"lookupCallHash\": …} / {\"itemHash\": …}), or a 32-byte item hash (--item-hash is the same
option). An entry must sit at an entry leaf and a lookup call at a lookup-call leaf.

Exit codes: 0 VALID; 1 INVALID (the reason's code: 401 wrong index, 402 wrong leaf count, 403
root mismatch, 404 another commitment, 405 truncated, 406 over-long, 407 a tree node presented as
the item, 408 duplicated index, 409 malformed); 2 unreadable input.";

/// Arguments of `exectable verify proof`.
#[derive(clap::Args)]
#[command(after_long_help = HELP)]
pub struct Args {
    /// The proof: binary hex or JSON; a file or the text itself.
    #[arg(long)]
    pub proof: String,
    /// The commitment: a 32-byte digest, or the record JSON; a file or the text itself.
    #[arg(long)]
    pub commitment: String,
    /// An item, in proof order: entry / lookup-call JSON or a 32-byte hash; a file or the text. Repeatable.
    #[arg(long = "item", visible_alias = "item-hash", required = true)]
    pub items: Vec<String>,
    /// Print the verdict as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Verifiers treat a rejection as INVALID and anything else (unreadable input) as exit 2.
fn split(e: Error) -> Result<Error, String> {
    match e {
        Error::Rejected { .. } => Ok(e),
        other => Err(err(other)),
    }
}

fn read_proof(text: &str) -> Result<InclusionProof, Error> {
    let text = text.trim();
    if text.starts_with('{') {
        InclusionProof::from_json_at(&parse_json(text)?, &Path::Root("proof"))
    } else {
        InclusionProof::decode(&parse_hex(text, &Path::Root("proof"))?)
    }
}

fn read_item(text: &str) -> Result<ProofItem, Error> {
    ProofItem::from_any_json(&object_or_string(text)?)
}

fn verify(args: &Args) -> Result<Result<VerifiedInclusion, Error>, String> {
    let commitment = match parse_commitment(&read_input(Some(args.commitment.clone()))?) {
        Ok(c) => c,
        Err(e) => return split(e).map(Err),
    };
    let mut items = Vec::with_capacity(args.items.len());
    for (i, arg) in args.items.iter().enumerate() {
        let text = read_input(Some(arg.clone()))?;
        items.push(read_item(&text).map_err(|e| format!("--item #{}: {}", i + 1, err(e)))?);
    }
    let proof = match read_proof(&read_input(Some(args.proof.clone()))?) {
        Ok(p) => p,
        Err(e) => return split(e).map(Err),
    };
    Ok(proof.verify(&commitment, &items))
}

/// `INVALID` for a proof that does not show inclusion, `CANNOT DECIDE` for unusable input.
pub fn invalid_label(e: &Error) -> &'static str {
    match Verdict::of_error(e) {
        Verdict::CannotDecide => Verdict::CannotDecide.label(),
        _ => "INVALID",
    }
}

fn leaves_text(leaves: &[Leaf]) -> String {
    leaves.iter().map(Leaf::to_string).collect::<Vec<_>>().join(", ")
}

/// Runs `exectable verify proof`: exit 0 VALID (included), 1 INVALID (not included: the proof does
/// not lead to the committed root), 3 cannot decide (a malformed proof or commitment).
pub fn run(args: Args) -> Result<ExitCode, String> {
    match verify(&args)? {
        Ok(ok) => {
            if args.json {
                print_json(&ok.to_json());
            } else {
                emitln(format!("VALID: {} in table commitment {}", leaves_text(&ok.leaves), ok.commitment));
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            if args.json {
                print_json(&rejection_json("valid", &e));
            } else {
                emitln(format!("{}: {}", invalid_label(&e), coded(&e)));
            }
            Ok(ExitCode::from(Verdict::of_error(&e).exit_code()))
        }
    }
}
