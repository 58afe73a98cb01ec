//! `exectable verify ocp`.

use std::process::ExitCode;

/// Arguments of `exectable verify ocp`.
#[derive(clap::Args)]
pub struct Args {
    /// Input file; stdin when omitted.
    pub input: Option<String>,
    /// Print JSON instead of human-readable text.
    #[arg(long)]
    pub json: bool,
}

/// Runs `exectable verify ocp`: check an OCP artifact (hash, then inclusion against a receipt).
pub fn run(args: Args) -> Result<ExitCode, String> {
    let _ = (args.input, args.json);
    Err("`exectable verify ocp` is not built yet".into())
}
