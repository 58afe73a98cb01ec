//! Helpers shared by the CLI integration tests: run the `exectable` binary, read what it printed,
//! load vector cases, write scratch files; [`anvil`]: a local EVM node with the compiled contracts
//! deployed. Each test file includes it with `mod common;`.

// Every test crate compiles this module and uses only part of it.
#![allow(dead_code)]

pub mod anvil;

use serde_json::Value;
use std::ffi::OsStr;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_exectable");
/// The golden vectors.
pub const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/eez-v1-public.json");
/// exectable's own table-commitment and inclusion-proof vectors.
pub const COMMITMENTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/exectable-commitments.json");
/// exectable's own batch-membership vectors.
pub const MEMBERSHIP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/exectable-membership.json");
/// postAndVerifyBatch calldata of batchCalldata-public-006, as a hex file.
pub const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/demo/postAndVerifyBatch-006.hex");
/// The §5.6 worked-example trace.
pub const WORKED_EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/traces/worked-example-5.6.json");
/// The folder of the shared OCP samples (with its trailing slash).
pub const OCP_SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/ocp/");

/// Runs `exectable args…` with an empty stdin.
pub fn run<S: AsRef<OsStr>>(args: &[S]) -> Output {
    spawn(args, "")
}

/// Runs `exectable args…` with `stdin` written to its standard input.
pub fn run_stdin<S: AsRef<OsStr>>(args: &[S], stdin: &str) -> Output {
    spawn(args, stdin)
}

fn spawn<S: AsRef<OsStr>>(args: &[S], stdin: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn exectable");
    let mut pipe = child.stdin.take().expect("piped stdin");
    pipe.write_all(stdin.as_bytes()).expect("write stdin");
    drop(pipe);
    child.wait_with_output().expect("wait for exectable")
}

/// What the run printed on stdout.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// What the run printed on stderr.
pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// The exit code.
pub fn code(o: &Output) -> i32 {
    o.status.code().unwrap()
}

/// Stdout parsed as JSON.
pub fn json_of(o: &Output) -> Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

/// A whole vector file.
pub fn vector_file(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The case `id` of the vector file at `path`.
pub fn case_in(path: &str, id: &str) -> Value {
    vector_file(path)["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("{id}"))
        .clone()
}

/// The golden case `id`.
pub fn case(id: &str) -> Value {
    case_in(GOLDEN, id)
}

/// A scratch directory under the system temp dir, unique per test binary and `tag` (give each
/// test its own tag: the tests of a binary run in parallel); removed when dropped.
pub struct Scratch(PathBuf);

impl Scratch {
    /// Creates the directory.
    pub fn new(tag: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("exectable-cli-test-{}-{tag}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    /// The path of `name` inside the directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    /// Writes `text` to `name` inside the directory and returns the file's path.
    pub fn file(&self, name: &str, text: &str) -> String {
        let path = self.path(name);
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
