//! `exectable commit`.

use std::process::ExitCode;

/// Arguments of `exectable commit`.
#[derive(clap::Args)]
pub struct Args {
    /// Input file; stdin when omitted.
    pub input: Option<String>,
    /// Print JSON instead of human-readable text.
    #[arg(long)]
    pub json: bool,
}

/// Runs `exectable commit`: build the table commitment of a batch.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let _ = (args.input, args.json);
    Err("`exectable commit` is not built yet".into())
}
