//! `exectable ocp`.

use std::process::ExitCode;

/// Arguments of `exectable ocp`.
#[derive(clap::Args)]
pub struct Args {
    /// Input file; stdin when omitted.
    pub input: Option<String>,
    /// Print JSON instead of human-readable text.
    #[arg(long)]
    pub json: bool,
}

/// Runs `exectable ocp`: produce an OCP artifact for an observation or an execution table.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let _ = (args.input, args.json);
    Err("`exectable ocp` is not built yet".into())
}
