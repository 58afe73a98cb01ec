//! `exectable verify proof`.

use std::process::ExitCode;

/// Arguments of `exectable verify proof`.
#[derive(clap::Args)]
pub struct Args {
    /// Input file; stdin when omitted.
    pub input: Option<String>,
    /// Print JSON instead of human-readable text.
    #[arg(long)]
    pub json: bool,
}

/// Runs `exectable verify proof`: check an inclusion proof against a commitment.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let _ = (args.input, args.json);
    Err("`exectable verify proof` is not built yet".into())
}
