//! Input and output helpers shared by every subcommand.

use exectable::abi::layout::Path;
use exectable::json::{parse_hex, parse_json};
use exectable::public_inputs::BlobSource;
use exectable::{CanonicalJson, Error};
use serde_json::{json, Value};
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

/// `message [code N]`: how every command shows an error (`.map_err(err)`).
pub fn err(e: Error) -> String {
    coded(&e)
}

/// `message [code N]` of a borrowed error.
pub fn coded(e: &Error) -> String {
    format!("{e} [code {}]", e.code().as_u32())
}

/// `{"code", "name", "message"}`: the `error` member of a JSON INVALID verdict.
pub fn error_json(e: &Error) -> Value {
    json!({"code": e.code().as_u32(), "name": format!("{:?}", e.code()), "message": e.to_string()})
}

/// `{"<verdict>": false, "verdict": "notIncluded" | "cannotDecide", "code", "error" (the code's
/// name), "reason"}`: a negative verdict as JSON.
pub fn rejection_json(verdict: &str, e: &Error) -> Value {
    let mut map = serde_json::Map::new();
    map.insert(verdict.into(), Value::Bool(false));
    map.insert("verdict".into(), json!(exectable::Verdict::of_error(e).name()));
    map.insert("code".into(), json!(e.code().as_u32()));
    map.insert("error".into(), json!(format!("{:?}", e.code())));
    map.insert("reason".into(), json!(e.to_string()));
    Value::Object(map)
}

/// Text that is a JSON object when it starts with `{`, else a bare string value (a hash, a digest).
pub fn object_or_string(text: &str) -> exectable::Result<Value> {
    let text = text.trim();
    if text.starts_with('{') {
        parse_json(text)
    } else {
        Ok(Value::String(text.to_owned()))
    }
}

/// A flag's value read as its JSON string form (`0x`-hex, decimal, …); errors name `flag`.
pub fn parse_arg<T: CanonicalJson>(text: &str, flag: &str) -> Result<T, String> {
    T::from_json_at(&Value::String(text.to_owned()), &Path::Root(flag)).map_err(err)
}

/// A comma-separated flag's values, each trimmed, blank ones skipped; errors name `flag[i]`.
pub fn parse_list<T: CanonicalJson>(items: &[String], flag: &str) -> Result<Vec<T>, String> {
    items
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .enumerate()
        .map(|(i, s)| T::from_json_at(&Value::String(s.to_owned()), &Path::Index(&Path::Root(flag), i)).map_err(err))
        .collect()
}

/// The blob hashes from `--blob-hashes` (resolved) or else `--blob-versioned-hashes`, when given.
pub fn blob_source(resolved: Option<&[String]>, versioned: Option<&[String]>) -> Result<Option<BlobSource>, String> {
    Ok(match (resolved, versioned) {
        (Some(list), _) => Some(BlobSource::Resolved(parse_list(list, "blob-hashes")?)),
        (None, Some(list)) => Some(BlobSource::VersionedHashes(parse_list(list, "blob-versioned-hashes")?)),
        (None, None) => None,
    })
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
