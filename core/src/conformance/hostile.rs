//! The `hostileInput` kind (`vectors/exectable-hostile.json`, docs/RELIABILITY.md): inputs every
//! entry point must reject, each with exactly `expected.code` (and `expected.name`, `path`,
//! `offset` when the case gives them).
//!
//! `inputs.form` names the entry point:
//!
//! ```text
//! abi            + type   T::abi_decode_struct(bytes) of the struct named `type` (StructKind names)
//! calldata                ManagerCall::decode(bytes) (any manager function, by selector; strict)
//! batchCalldata           decode_post_and_verify_batch(bytes) (only postAndVerifyBatch; strict)
//! calldataEvm             ManagerCall::decode_with(bytes, DecodeMode::Evm) (as the contract reads it)
//! batchCalldataEvm        decode_post_and_verify_batch_with(bytes, DecodeMode::Evm)
//! l1Log / l2Log  + topics decode_l1_log / decode_l2_log(topics, bytes = log data)
//! revert                  decode_revert(bytes)
//! proofBinary             InclusionProof::decode(bytes)
//! proofVerify    + commitment (digest), itemHashes   InclusionProof::decode(bytes)?.verify_hashes(…)
//! json           + type   T::from_json(parse_json(text)) of the struct named `type`
//! proofJson               InclusionProof::from_json(parse_json(text))
//! commitmentJson          ExpectedCommitment::from_json(parse_json(text)) (digest string or record)
//! ocpArtifact             OcpArtifact::from_json_str(text)
//! receipt                 Receipt::from_json_str(text)
//! proofInputDocument      ProofInputDocument::verify(parse_json(text))
//! ```
//!
//! Byte forms take `hex`, or `source` (a name in the file's `header.sources`, whose value is
//! `0x`-hex) with optional `patch` (`[{"at": n, "hex": "0x…"}]`, bytes overwritten in order) and
//! `append` (hex added at the end). With `prefixFrom`/`prefixTo` the case is every prefix of
//! those bytes of length `n`, `prefixFrom ≤ n < prefixTo`, each rejected the same way. Text
//! forms take `text`.

use super::{field, CaseResult};
use crate::abi::calldata::{decode_post_and_verify_batch, decode_post_and_verify_batch_with};
use crate::abi::layout::Path;
use crate::abi::mode::DecodeMode;
use crate::commit::{ExpectedCommitment, InclusionProof};
use crate::json::{parse_hex, parse_json, CanonicalJson};
use crate::ocp::OcpArtifact;
use crate::public_inputs::ProofInputDocument;
use crate::receipt::Receipt;
use crate::types::StructKind;
use crate::{decode_l1_log, decode_l2_log, decode_revert, Error, ManagerCall};
use alloy_primitives::B256;
use serde_json::{Map, Value};

/// Every form of the kind, as `inputs.form` spells it.
pub const HOSTILE_FORMS: &[&str] = &[
    "abi",
    "calldata",
    "batchCalldata",
    "calldataEvm",
    "batchCalldataEvm",
    "l1Log",
    "l2Log",
    "revert",
    "proofBinary",
    "proofVerify",
    "json",
    "proofJson",
    "commitmentJson",
    "ocpArtifact",
    "receipt",
    "proofInputDocument",
];

/// The forms that take `inputs.text`; the others take bytes.
pub const HOSTILE_TEXT_FORMS: &[&str] =
    &["json", "proofJson", "commitmentJson", "ocpArtifact", "receipt", "proofInputDocument"];

/// Runs one `hostileInput` case; `sources` is the file's `header.sources`.
pub(super) fn hostile_case(inputs: &Value, expected: &Value, sources: Option<&Map<String, Value>>) -> CaseResult {
    let form = field(inputs, "form")?.as_str().ok_or("inputs.form is not a string")?;
    if !HOSTILE_FORMS.contains(&form) {
        return Err(format!("unknown form {form:?}"));
    }
    let want = Expected::read(expected)?;
    if HOSTILE_TEXT_FORMS.contains(&form) {
        let text = field(inputs, "text")?.as_str().ok_or("inputs.text is not a string")?;
        return want.check(reject_text(form, inputs, text), "");
    }
    let bytes = case_bytes(inputs, sources)?;
    match (inputs.get("prefixFrom"), inputs.get("prefixTo")) {
        (None, None) => want.check(reject_bytes(form, inputs, &bytes), ""),
        (Some(from), Some(to)) => {
            let (from, to) = (as_len(from, "prefixFrom")?, as_len(to, "prefixTo")?);
            if from >= to || to > bytes.len() {
                return Err(format!("prefix range {from}..{to} is empty or beyond the {} bytes", bytes.len()));
            }
            (from..to).try_for_each(|n| want.check(reject_bytes(form, inputs, &bytes[..n]), &format!("prefix {n}: ")))
        }
        _ => Err("prefixFrom and prefixTo go together".into()),
    }
}

/// What a case expects: the code, and the name, path and offset when given.
struct Expected {
    code: u64,
    name: Option<String>,
    path: Option<String>,
    offset: Option<u64>,
}

impl Expected {
    fn read(expected: &Value) -> Result<Self, String> {
        let text = |name: &str| expected.get(name).and_then(Value::as_str).map(str::to_owned);
        Ok(Expected {
            code: field(expected, "code")?.as_u64().ok_or("expected.code is not a number")?,
            name: text("name"),
            path: text("path"),
            offset: expected.get("offset").map(|o| o.as_u64().ok_or("expected.offset is not a number")).transpose()?,
        })
    }

    fn check(&self, result: Result<(), Error>, at: &str) -> CaseResult {
        let e = match result {
            Ok(()) => return Err(format!("{at}accepted; expected rejection with code {}", self.code)),
            Err(e) => e,
        };
        let code = e.code();
        if u64::from(code.as_u32()) != self.code {
            return Err(format!("{at}rejected with code {} ({e}); expected code {}", code.as_u32(), self.code));
        }
        if let Some(name) = &self.name {
            if *name != format!("{code:?}") {
                return Err(format!("{at}code {} is {code:?}, the case names {name}", self.code));
            }
        }
        if self.path.is_some() && e.path() != self.path.as_deref() {
            return Err(format!("{at}error path {:?} ({e}); expected {:?}", e.path(), self.path));
        }
        if self.offset.is_some() && e.offset().map(|o| o as u64) != self.offset {
            return Err(format!("{at}error offset {:?} ({e}); expected {:?}", e.offset(), self.offset));
        }
        Ok(())
    }
}

fn as_len(v: &Value, name: &str) -> Result<usize, String> {
    v.as_u64().and_then(|n| usize::try_from(n).ok()).ok_or_else(|| format!("inputs.{name} is not a length"))
}

fn hex_at(v: &Value, name: &str) -> Result<Vec<u8>, String> {
    let text = v.as_str().ok_or_else(|| format!("{name} is not a hex string"))?;
    parse_hex(text, &Path::Root(name)).map_err(|e| e.to_string())
}

/// The case's bytes: `hex`, or `source` with `patch` and `append` applied.
fn case_bytes(inputs: &Value, sources: Option<&Map<String, Value>>) -> Result<Vec<u8>, String> {
    if let Some(hex) = inputs.get("hex") {
        return hex_at(hex, "inputs.hex");
    }
    let name = field(inputs, "source")?.as_str().ok_or("inputs.source is not a string")?;
    let source = sources
        .and_then(|s| s.get(name))
        .ok_or_else(|| format!("source {name:?} is not in the file's header.sources"))?;
    let mut bytes = hex_at(source, &format!("header.sources.{name}"))?;
    for (i, patch) in inputs.get("patch").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let at = as_len(field(patch, "at")?, &format!("patch[{i}].at"))?;
        let new = hex_at(field(patch, "hex")?, &format!("inputs.patch[{i}].hex"))?;
        let end = at.checked_add(new.len()).filter(|end| *end <= bytes.len());
        let end = end.ok_or_else(|| format!("patch[{i}] goes beyond the {} bytes", bytes.len()))?;
        bytes[at..end].copy_from_slice(&new);
    }
    if let Some(append) = inputs.get("append") {
        bytes.extend(hex_at(append, "inputs.append")?);
    }
    Ok(bytes)
}

fn struct_kind(inputs: &Value) -> Result<StructKind, Error> {
    let name = inputs.get("type").and_then(Value::as_str).unwrap_or_default();
    StructKind::from_name(name).ok_or_else(|| Error::invalid("inputs.type", format!("no protocol struct {name:?}")))
}

/// Runs a byte form on `bytes`; `Ok` means the entry point accepted them.
fn reject_bytes(form: &str, inputs: &Value, bytes: &[u8]) -> Result<(), Error> {
    match form {
        "abi" => struct_kind(inputs)?.decode_to_json(bytes).map(drop),
        "calldata" => ManagerCall::decode(bytes).map(drop),
        "batchCalldata" => decode_post_and_verify_batch(bytes).map(drop),
        "calldataEvm" => ManagerCall::decode_with(bytes, DecodeMode::Evm).map(drop),
        "batchCalldataEvm" => decode_post_and_verify_batch_with(bytes, DecodeMode::Evm).map(drop),
        "l1Log" | "l2Log" => {
            let topics =
                Vec::<B256>::from_json_at(inputs.get("topics").unwrap_or(&Value::Null), &Path::Root("inputs.topics"))?;
            if form == "l1Log" {
                decode_l1_log(&topics, bytes).map(drop)
            } else {
                decode_l2_log(&topics, bytes).map(drop)
            }
        }
        "revert" => decode_revert(bytes).map(drop),
        "proofBinary" => InclusionProof::decode(bytes).map(drop),
        "proofVerify" => {
            let proof = InclusionProof::decode(bytes)?;
            let root = Path::Root("inputs");
            let digest =
                B256::from_json_at(inputs.get("commitment").unwrap_or(&Value::Null), &root.field("commitment"))?;
            let hashes =
                Vec::<B256>::from_json_at(inputs.get("itemHashes").unwrap_or(&Value::Null), &root.field("itemHashes"))?;
            proof.verify_hashes(&ExpectedCommitment::Digest(digest), &hashes).map(drop)
        }
        other => unreachable!("{other} is a text form"),
    }
}

/// Runs a text form on `text`; `Ok` means the entry point accepted it.
fn reject_text(form: &str, inputs: &Value, text: &str) -> Result<(), Error> {
    match form {
        "json" => {
            let kind = struct_kind(inputs)?;
            kind.encode_from_json(&parse_json(text)?).map(drop)
        }
        "proofJson" => InclusionProof::from_json(&parse_json(text)?).map(drop),
        "commitmentJson" => ExpectedCommitment::from_json(&parse_json(text)?).map(drop),
        "ocpArtifact" => OcpArtifact::from_json_str(text).map(drop),
        "receipt" => Receipt::from_json_str(text).map(drop),
        "proofInputDocument" => ProofInputDocument::verify(&parse_json(text)?).map(drop),
        other => unreachable!("{other} is a byte form"),
    }
}
