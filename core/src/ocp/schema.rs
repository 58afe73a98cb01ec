//! The rules of `proof-format-v1.schema.json` (the flat `ocp-1` proof file) as code: the
//! required members, each property's type and constraint, and `additionalProperties: false`.
//!
//! The rule table below mirrors the schema keyword for keyword; a test reads the schema file and
//! fails when the two differ. Patterns are kept as the schema's regex text and matched by
//! [`Pattern`], which implements the small regex subset the schema uses (anchors, literals,
//! character classes with ranges, exact `{n}` repetition) and refuses anything else.

use crate::error::{Error, ErrorCode, Result};
use serde_json::Value;
use std::fmt;

/// `version` of every `ocp-1` proof file.
pub const PROOF_FILE_VERSION: &str = "ocp-1";

/// What one property must satisfy: the JSON type plus the one constraint keyword the schema gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PropertyRule {
    /// `{"type": "string", "const": value}`.
    ConstString(&'static str),
    /// `{"type": "string", "minLength": n}` (length in characters).
    StringMinLength(usize),
    /// `{"type": "string", "pattern": regex}`.
    StringPattern(&'static str),
    /// `{"type": "integer", "minimum": n}`.
    IntegerMinimum(u64),
}

/// One member of the proof file and its rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Property {
    /// The member name.
    pub name: &'static str,
    /// What its value must satisfy.
    pub rule: PropertyRule,
}

const fn prop(name: &'static str, rule: PropertyRule) -> Property {
    Property { name, rule }
}

/// Every property of the schema, in the schema's order.
pub const PROOF_FILE_PROPERTIES: [Property; 8] = [
    prop("version", PropertyRule::ConstString(PROOF_FILE_VERSION)),
    prop("fileName", PropertyRule::StringMinLength(1)),
    prop("hash", PropertyRule::StringPattern("^0x[a-f0-9]{64}$")),
    prop("txHash", PropertyRule::StringPattern("^0x[a-fA-F0-9]{64}$")),
    prop("network", PropertyRule::StringMinLength(1)),
    prop("contract", PropertyRule::StringPattern("^0x[a-fA-F0-9]{40}$")),
    prop("extractionRule", PropertyRule::StringMinLength(1)),
    prop("timestamp", PropertyRule::IntegerMinimum(0)),
];

/// The schema's `required` list (every property).
pub const PROOF_FILE_REQUIRED: [&str; 8] =
    ["version", "fileName", "hash", "txHash", "network", "contract", "extractionRule", "timestamp"];

/// Required members the schema calls descriptive or informational. `verify` accepts a file
/// lacking them (the bundled `demo-proof.json` does) and says it is not schema-complete.
pub const INFORMATIONAL_PROPERTIES: [&str; 2] = ["fileName", "timestamp"];

/// Which schema keyword a value violates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViolationKind {
    /// The document is not a JSON object (`type: object`).
    NotAnObject,
    /// A `required` member is absent.
    Missing,
    /// A member outside `properties` (`additionalProperties: false`).
    Unknown,
    /// A member has the wrong JSON type.
    WrongType,
    /// A `const` member has another value.
    Const,
    /// A string is shorter than `minLength`.
    MinLength,
    /// A string does not match `pattern`.
    Pattern,
    /// An integer is below `minimum`.
    Minimum,
}

/// One schema violation, with the member at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaViolation {
    /// The member (`hash`), or `$` for the document.
    pub path: String,
    /// The keyword violated.
    pub kind: ViolationKind,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for SchemaViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl SchemaViolation {
    /// True for a missing descriptive member (`fileName`, `timestamp`) that `verify` tolerates.
    pub fn is_missing_informational(&self) -> bool {
        self.kind == ViolationKind::Missing && INFORMATIONAL_PROPERTIES.contains(&self.path.as_str())
    }

    /// This violation as an [`ErrorCode::OcpMalformed`] rejection.
    pub fn to_error(&self) -> Error {
        Error::rejected(ErrorCode::OcpMalformed, format!("ocp-1 proof file violates its schema: {self}"))
    }
}

fn violation(path: &str, kind: ViolationKind, message: impl Into<String>) -> SchemaViolation {
    SchemaViolation { path: path.to_owned(), kind, message: message.into() }
}

/// Every violation of the `ocp-1` schema by `value`, in schema order (members, then unknown ones).
pub fn proof_file_violations(value: &Value) -> Vec<SchemaViolation> {
    let Some(map) = value.as_object() else {
        return vec![violation("$", ViolationKind::NotAnObject, "an ocp-1 proof file is a JSON object")];
    };
    let mut out = Vec::new();
    for property in &PROOF_FILE_PROPERTIES {
        match map.get(property.name) {
            None if PROOF_FILE_REQUIRED.contains(&property.name) => {
                out.push(violation(property.name, ViolationKind::Missing, "missing required member"))
            }
            None => {}
            Some(v) => out.extend(check_property(property, v)),
        }
    }
    for name in map.keys().filter(|k| !PROOF_FILE_PROPERTIES.iter().any(|p| p.name == k.as_str())) {
        out.push(violation(name, ViolationKind::Unknown, "member not allowed (additionalProperties: false)"));
    }
    out
}

/// Checks `value` against the whole schema: the first violation as [`ErrorCode::OcpMalformed`].
pub fn validate_proof_file(value: &Value) -> Result<()> {
    match proof_file_violations(value).first() {
        Some(v) => Err(v.to_error()),
        None => Ok(()),
    }
}

fn check_property(property: &Property, value: &Value) -> Option<SchemaViolation> {
    let name = property.name;
    match property.rule {
        PropertyRule::ConstString(_) | PropertyRule::StringMinLength(_) | PropertyRule::StringPattern(_)
            if !value.is_string() =>
        {
            Some(violation(name, ViolationKind::WrongType, format!("expected a string, found {value}")))
        }
        PropertyRule::ConstString(want) => (value.as_str() != Some(want))
            .then(|| violation(name, ViolationKind::Const, format!("must be {want:?}, found {value}"))),
        PropertyRule::StringMinLength(n) => (value.as_str().map_or(0, |s| s.chars().count()) < n)
            .then(|| violation(name, ViolationKind::MinLength, format!("must have at least {n} character(s)"))),
        PropertyRule::StringPattern(regex) => {
            let pattern = Pattern::parse(regex).expect("the schema patterns are in the supported subset (tested)");
            (!pattern.is_match(value.as_str().unwrap_or_default()))
                .then(|| violation(name, ViolationKind::Pattern, format!("{value} does not match {regex}")))
        }
        PropertyRule::IntegerMinimum(min) => match json_integer(value) {
            Err(kind) => Some(violation(name, kind, format!("expected an integer >= {min}, found {value}"))),
            Ok(n) if n < i128::from(min) => {
                Some(violation(name, ViolationKind::Minimum, format!("{n} is below the minimum {min}")))
            }
            Ok(n) if n > i128::from(u64::MAX) => {
                Some(violation(name, ViolationKind::WrongType, format!("{n} does not fit 64 bits")))
            }
            Ok(_) => None,
        },
    }
}

/// A JSON number with no fractional part (JSON Schema's `integer`, so `5.0` counts).
fn json_integer(value: &Value) -> std::result::Result<i128, ViolationKind> {
    let n = value.as_number().ok_or(ViolationKind::WrongType)?;
    if let Some(u) = n.as_u64() {
        return Ok(i128::from(u));
    }
    if let Some(i) = n.as_i64() {
        return Ok(i128::from(i));
    }
    match n.as_f64() {
        // `5.0`, or an integral float beyond 64 bits: i128 holds ±1.7e38; larger ones saturate,
        // which still fails the range checks.
        Some(f) if f.fract() == 0.0 && f.is_finite() => Ok(f as i128),
        _ => Err(ViolationKind::WrongType),
    }
}

/// The integer value of a member that passed [`PropertyRule::IntegerMinimum`].
pub(crate) fn integer_member(value: &Value) -> Option<u64> {
    json_integer(value).ok().and_then(|n| u64::try_from(n).ok())
}

/// A regex of the subset the schema uses: `^`, then literal characters and character classes
/// (`[a-fA-F0-9]`), each optionally repeated exactly `{n}` times, then `$`. Anything else (other
/// quantifiers, alternation, escapes, unanchored patterns) is refused by [`Pattern::parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    atoms: Vec<(Atom, usize)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Atom {
    Literal(char),
    Class(Vec<(char, char)>),
}

impl Atom {
    fn matches(&self, c: char) -> bool {
        match self {
            Atom::Literal(l) => *l == c,
            Atom::Class(ranges) => ranges.iter().any(|(lo, hi)| (*lo..=*hi).contains(&c)),
        }
    }
}

impl Pattern {
    /// Parses a pattern of the supported subset; the error says what is unsupported.
    pub fn parse(regex: &str) -> std::result::Result<Self, String> {
        let body = regex
            .strip_prefix('^')
            .and_then(|r| r.strip_suffix('$'))
            .ok_or_else(|| format!("pattern {regex:?} is not anchored with ^…$"))?;
        let chars: Vec<char> = body.chars().collect();
        let mut atoms = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let atom = match chars[i] {
                '[' => {
                    let end = chars[i..].iter().position(|&c| c == ']').ok_or("unclosed [")? + i;
                    let class = parse_class(&chars[i + 1..end])?;
                    i = end + 1;
                    class
                }
                c if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == ':' => {
                    i += 1;
                    Atom::Literal(c)
                }
                c => return Err(format!("unsupported regex syntax {c:?} in {regex:?}")),
            };
            let mut count = 1;
            if chars.get(i) == Some(&'{') {
                let end = chars[i..].iter().position(|&c| c == '}').ok_or("unclosed {")? + i;
                let digits: String = chars[i + 1..end].iter().collect();
                count = digits.parse().map_err(|_| format!("unsupported repetition {{{digits}}} in {regex:?}"))?;
                i = end + 1;
            }
            atoms.push((atom, count));
        }
        Ok(Pattern { atoms })
    }

    /// Whether the whole of `text` matches.
    pub fn is_match(&self, text: &str) -> bool {
        let mut chars = text.chars();
        for (atom, count) in &self.atoms {
            for _ in 0..*count {
                match chars.next() {
                    Some(c) if atom.matches(c) => {}
                    _ => return false,
                }
            }
        }
        chars.next().is_none()
    }
}

fn parse_class(body: &[char]) -> std::result::Result<Atom, String> {
    let mut ranges = Vec::new();
    let mut i = 0;
    while i < body.len() {
        if body[i] == '^' || body[i] == '\\' || body[i] == '[' {
            return Err(format!("unsupported character class syntax {:?}", body[i]));
        }
        if body.get(i + 1) == Some(&'-') && i + 2 < body.len() {
            if body[i] > body[i + 2] {
                return Err(format!("reversed range {}-{}", body[i], body[i + 2]));
            }
            ranges.push((body[i], body[i + 2]));
            i += 3;
        } else {
            ranges.push((body[i], body[i]));
            i += 1;
        }
    }
    if ranges.is_empty() {
        return Err("empty character class".into());
    }
    Ok(Atom::Class(ranges))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn patterns_match_exactly_what_the_regexes_say() {
        let hash = Pattern::parse("^0x[a-f0-9]{64}$").unwrap();
        assert!(hash.is_match(&format!("0x{}", "ab".repeat(32))));
        assert!(!hash.is_match(&format!("0x{}", "AB".repeat(32))));
        assert!(!hash.is_match(&format!("0x{}", "ab".repeat(31))));
        assert!(!hash.is_match(&format!("0x{}0", "ab".repeat(32))));
        assert!(!hash.is_match(&format!("0X{}", "ab".repeat(32))));
        let address = Pattern::parse("^0x[a-fA-F0-9]{40}$").unwrap();
        assert!(address.is_match("0x0963Fd33DF80c94360F2DC22e5c09517AeE7ED5c"));
        assert!(!address.is_match("0x0963Fd33DF80c94360F2DC22e5c09517AeE7ED5g"));
        for unsupported in ["0x[a-f]{2}", "^a+$", "^(a|b)$", "^[^a]$", "^a{1,2}$", "^\\d$"] {
            assert!(Pattern::parse(unsupported).is_err(), "{unsupported}");
        }
    }

    #[test]
    fn violations_name_the_member_and_keyword() {
        let good = json!({"version": "ocp-1", "fileName": "f", "hash": format!("0x{}", "0".repeat(64)),
            "txHash": format!("0x{}", "A".repeat(64)), "network": "n",
            "contract": "0x0000000000000000000000000000000000000000", "extractionRule": "r", "timestamp": 0});
        assert_eq!(proof_file_violations(&good), vec![]);
        let mut v = good.clone();
        v["timestamp"] = json!(-1);
        assert_eq!(proof_file_violations(&v)[0].kind, ViolationKind::Minimum);
        v["timestamp"] = json!(5.0);
        assert_eq!(proof_file_violations(&v), vec![]);
        v["timestamp"] = json!(5.5);
        assert_eq!(proof_file_violations(&v)[0].kind, ViolationKind::WrongType);
        v["timestamp"] = json!("5");
        assert_eq!(proof_file_violations(&v)[0].kind, ViolationKind::WrongType);
        let mut v = good.clone();
        v["extra"] = json!(1);
        v["version"] = json!("ocp-2");
        let kinds: Vec<_> = proof_file_violations(&v).iter().map(|v| (v.path.clone(), v.kind)).collect();
        assert_eq!(kinds, vec![("version".into(), ViolationKind::Const), ("extra".into(), ViolationKind::Unknown)]);
        let e = validate_proof_file(&v).unwrap_err();
        assert_eq!(e.code(), ErrorCode::OcpMalformed);
        assert!(e.to_string().contains("version"), "{e}");
        assert_eq!(proof_file_violations(&json!([]))[0].kind, ViolationKind::NotAnObject);
    }
}
