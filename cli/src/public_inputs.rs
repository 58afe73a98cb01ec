//! `exectable public-inputs`.

use std::process::ExitCode;

/// Arguments of `exectable public-inputs`.
#[derive(clap::Args)]
pub struct Args {
    /// Input file (JSON); stdin when omitted.
    pub input: Option<String>,
    /// Print JSON instead of human-readable text.
    #[arg(long)]
    pub json: bool,
}

/// Runs `exectable public-inputs`.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let _ = (args.input, args.json);
    Err("`exectable public-inputs` is not built yet".into())
}
