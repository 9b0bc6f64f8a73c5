//! What `oc` reads: k8s.io/apimachinery's `YAMLReader` document splitting and the YAML → JSON
//! conversion of sigs.k8s.io/yaml (go-yaml v2's YAML 1.1 resolution of plain scalars), first
//! document only.
//!
//! The conversion is the crate's one YAML reader, `template::yaml` (bounded nesting and alias
//! expansion).

use serde_json::Value;

/// The most bytes one input file may have.
pub(crate) const MAX_INPUT_BYTES: usize = 8 << 20;

/// Splits `text` like apimachinery's `YAMLReader.Read` loop: a line starting with `---` ends the
/// current document when something has been accumulated (else it is kept); the rest of such a
/// line may hold only spaces or a `#` comment.
///
/// # Errors
/// `invalid Yaml document separator: <rest>`.
pub(crate) fn split_documents(text: &str) -> Result<Vec<&str>, String> {
    let mut docs = Vec::new();
    let mut start = 0;
    let mut pos = 0;
    while pos < text.len() {
        let rest = text.get(pos..).unwrap_or("");
        let line_len = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let line = rest.get(..line_len).unwrap_or("");
        if let Some(after) = line.strip_prefix("---") {
            let trimmed = after.trim_matches(|c: char| c.is_ascii_whitespace());
            if !trimmed.is_empty() && !trimmed.starts_with('#') {
                return Err(format!("invalid Yaml document separator: {trimmed}"));
            }
            if pos > start {
                docs.push(text.get(start..pos).unwrap_or(""));
                start = pos + line_len;
                pos = start;
                continue;
            }
            if !line.ends_with('\n') {
                // A separator on the last, unterminated line with nothing accumulated: EOF.
                return Ok(docs);
            }
        }
        pos += line_len;
    }
    if pos > start {
        docs.push(text.get(start..pos).unwrap_or(""));
    }
    Ok(docs)
}

/// Whether a document is JSON for the Kubernetes decoder (its first non-space byte is `{`).
fn looks_like_json(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

/// Converts one document (JSON or YAML; for YAML the first document of the stream) to a JSON
/// value; `null` for an empty document.
///
/// # Errors
/// The parser's diagnostic, Go-like (`yaml: line <n>: <problem>`, `json parse error: …`).
pub(crate) fn to_json(text: &str) -> Result<Value, String> {
    if looks_like_json(text) {
        let mut de = serde_json::Deserializer::from_str(text);
        let v = serde::Deserialize::deserialize(&mut de)
            .map_err(|e| format!("json parse error: {e}"))?;
        return Ok(v);
    }
    yaml_to_json(text)
}

#[cfg(not(feature = "yaml"))]
fn yaml_to_json(text: &str) -> Result<Value, String> {
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#') || l.starts_with("---"))
    {
        return Ok(Value::Null);
    }
    Err("YAML input needs the `yaml` feature of this library".to_owned())
}

/// sigs.k8s.io/yaml's conversion: the crate's one YAML reader (`template::yaml`).
#[cfg(feature = "yaml")]
fn yaml_to_json(text: &str) -> Result<Value, String> {
    crate::template::yaml::yaml_to_json(text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitting() {
        let cases: [(&str, Result<Vec<&str>, String>); 7] = [
            ("a: 1\n---\nb: 2\n", Ok(vec!["a: 1\n", "b: 2\n"])),
            ("---\na: 1\n", Ok(vec!["---\na: 1\n"])),
            ("---\n---\n", Ok(vec!["---\n"])),
            ("a: 1\n---\n", Ok(vec!["a: 1\n"])),
            ("a: 1\n--- # c\nb", Ok(vec!["a: 1\n", "b"])),
            ("a: 1\n---", Ok(vec!["a: 1\n"])),
            (
                "a: 1\n---x\n",
                Err("invalid Yaml document separator: x".to_owned()),
            ),
        ];
        for (input, want) in cases {
            assert_eq!(split_documents(input), want, "{input:?}");
        }
    }

    #[cfg(feature = "yaml")]
    #[test]
    fn conversion() {
        let v = to_json(
            "a: 1\nb: yes\nc: \"x\"\nd: ~\ne: [1, two, 0x1F, 0o17, 1.5]\nt: 2024-01-02T03:04:05Z\n---\nz: 1\n",
        );
        assert_eq!(
            v,
            Ok(serde_json::json!({"a": 1, "b": true, "c": "x", "d": null,
                "e": [1, "two", 31, 15, 1.5], "t": "2024-01-02T03:04:05Z"}))
        );
        assert!(to_json("a: [").is_err());
        assert_eq!(to_json("# only\n"), Ok(Value::Null));
    }
}
