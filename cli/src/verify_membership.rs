//! `exectable verify membership`.

use std::process::ExitCode;

/// Arguments of `exectable verify membership`.
#[derive(clap::Args)]
pub struct Args {
    /// Input file; stdin when omitted.
    pub input: Option<String>,
    /// Print JSON instead of human-readable text.
    #[arg(long)]
    pub json: bool,
}

/// Runs `exectable verify membership`: check that an entry or lookup is part of an accepted batch.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let _ = (args.input, args.json);
    Err("`exectable verify membership` is not built yet".into())
}
