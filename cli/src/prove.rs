//! `exectable prove`.

use std::process::ExitCode;

/// Arguments of `exectable prove`.
#[derive(clap::Args)]
pub struct Args {
    /// Input file; stdin when omitted.
    pub input: Option<String>,
    /// Print JSON instead of human-readable text.
    #[arg(long)]
    pub json: bool,
}

/// Runs `exectable prove`: make an inclusion proof for items of a batch.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let _ = (args.input, args.json);
    Err("`exectable prove` is not built yet".into())
}
