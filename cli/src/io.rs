//! Input and output helpers shared by every subcommand.

use exectable::abi::layout::Path;
use exectable::json::{parse_hex, parse_json};
use exectable::Error;
use serde_json::Value;
use std::io::Read;

/// Reads the argument as a file if one exists at that path, else as literal text; stdin if absent.
pub fn read_input(input: Option<String>) -> Result<String, String> {
    match input {
        Some(arg) if std::path::Path::new(&arg).is_file() => {
            std::fs::read_to_string(&arg).map_err(|e| format!("cannot read {arg}: {e}"))
        }
        Some(arg) => Ok(arg),
        None => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map_err(|e| format!("cannot read stdin: {e}"))?;
            Ok(text)
        }
    }
}

pub fn read_hex(input: Option<String>) -> Result<Vec<u8>, String> {
    let text = read_input(input)?;
    parse_hex(text.trim(), &Path::Root("input")).map_err(err)
}

pub fn read_json(input: Option<String>) -> Result<Value, String> {
    parse_json(&read_input(input)?).map_err(err)
}

pub fn err(e: Error) -> String {
    format!("{e} [code {}]", e.code().as_u32())
}

/// Writes `text` and a newline to stdout. A closed pipe (`exectable … | head`) ends the output
/// quietly instead of panicking the way `println!` does.
pub fn emitln(text: impl std::fmt::Display) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}");
}

/// Prints a JSON value pretty-printed on stdout.
pub fn print_json(value: &Value) {
    emitln(serde_json::to_string_pretty(value).expect("a Value always serialises"));
}
