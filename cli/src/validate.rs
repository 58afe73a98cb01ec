//! `exectable validate`.

use std::process::ExitCode;

/// Arguments of `exectable validate`.
#[derive(clap::Args)]
pub struct Args {
    /// Input file (JSON); stdin when omitted.
    pub input: Option<String>,
    /// Print JSON instead of human-readable text.
    #[arg(long)]
    pub json: bool,
}

/// Runs `exectable validate`.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let _ = (args.input, args.json);
    Err("`exectable validate` is not built yet".into())
}
