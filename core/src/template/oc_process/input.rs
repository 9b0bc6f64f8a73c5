//! Reading `oc process -f` input over a virtual working directory: kubectl's resource builder
//! (`FilenameParam`: globs, directories, `-`), its stream visitor (a JSON stream when the
//! input starts with `{`, else YAML documents split at `---` lines), and decoding each
//! document against the scheme (`Object 'Kind' is missing`, `no kind … is registered`).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::VirtualDir;
use super::jsonscan::{ScanError, scan_value, skip_space};
use super::scheme;
use crate::error::TemplateError;
use crate::template::Template;

/// What `os.Stat` reports for a path of the virtual directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stat<'a> {
    File(&'a str),
    Dir,
    NotFound,
    NotDir,
}

/// The virtual working directory with normalized paths, and standard input (read once).
pub(super) struct Fs<'a> {
    files: BTreeMap<String, &'a str>,
    dirs: BTreeSet<String>,
    stdin: Option<&'a str>,
}

/// `a/./b//c/` → `a/b/c`; `..` pops; `None` for absolute paths (outside the directory).
fn normalize(path: &str) -> Option<String> {
    if path.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

impl<'a> Fs<'a> {
    pub(super) fn new(dir: &'a VirtualDir) -> Self {
        let files = dir
            .files
            .iter()
            .filter_map(|(k, v)| Some((normalize(k)?, v.as_str())))
            .collect();
        let dirs = dir.dirs.iter().filter_map(|d| normalize(d)).collect();
        Self {
            files,
            dirs,
            stdin: Some(dir.stdin.as_deref().unwrap_or_default()),
        }
    }

    /// Standard input; empty once read.
    pub(super) fn take_stdin(&mut self) -> &'a str {
        self.stdin.take().unwrap_or_default()
    }

    fn is_dir(&self, norm: &str) -> bool {
        if norm.is_empty() || self.dirs.contains(norm) {
            return true;
        }
        let prefix = format!("{norm}/");
        self.files
            .keys()
            .chain(self.dirs.iter())
            .any(|p| p.starts_with(&prefix))
    }

    pub(super) fn stat(&self, path: &str) -> Stat<'a> {
        if path.is_empty() {
            return Stat::NotFound;
        }
        let Some(norm) = normalize(path) else {
            return Stat::NotFound;
        };
        // A file where a directory is needed: ENOTDIR.
        let mut prefix = String::new();
        for part in norm.split('/') {
            if !prefix.is_empty() && self.files.contains_key(&prefix) {
                return Stat::NotDir;
            }
            if !prefix.is_empty() {
                prefix.push('/');
            }
            prefix.push_str(part);
        }
        if let Some(content) = self.files.get(&norm) {
            if path.ends_with('/') {
                return Stat::NotDir;
            }
            return Stat::File(content);
        }
        if self.is_dir(&norm) {
            Stat::Dir
        } else {
            Stat::NotFound
        }
    }

    /// The entries of a directory: (name, is a directory), sorted by name.
    fn read_dir(&self, path: &str) -> Vec<(String, bool)> {
        let Some(norm) = normalize(path) else {
            return Vec::new();
        };
        let prefix = if norm.is_empty() {
            String::new()
        } else {
            format!("{norm}/")
        };
        let mut entries: BTreeMap<String, bool> = BTreeMap::new();
        for (p, is_dir_entry) in self
            .files
            .keys()
            .map(|p| (p, false))
            .chain(self.dirs.iter().map(|d| (d, true)))
        {
            let Some(rest) = p.strip_prefix(&prefix) else {
                continue;
            };
            if rest.is_empty() {
                continue;
            }
            match rest.split_once('/') {
                Some((first, _)) => {
                    entries.insert(first.to_owned(), true);
                }
                None => {
                    let e = entries.entry(rest.to_owned()).or_insert(is_dir_entry);
                    *e |= is_dir_entry;
                }
            }
        }
        entries.into_iter().collect()
    }

    /// The error text of a failed `os.Stat(path)`.
    pub(super) fn stat_error(&self, path: &str) -> String {
        match self.stat(path) {
            Stat::NotDir => format!("stat {path}: not a directory"),
            _ => format!("stat {path}: no such file or directory"),
        }
    }
}

/// Go's `filepath.Match` on one name (no `/` inside `*`); `Err` for a malformed pattern.
fn glob_match(pattern: &[char], name: &[char]) -> Result<bool, ()> {
    let mut p = 0;
    let mut n = 0;
    let mut backtrack: Option<(usize, usize)> = None;
    loop {
        if let Some(&pc) = pattern.get(p) {
            match pc {
                '*' => {
                    backtrack = Some((p, n));
                    p += 1;
                    continue;
                }
                '?' if name.get(n).is_some_and(|&c| c != '/') => {
                    p += 1;
                    n += 1;
                    continue;
                }
                '[' => {
                    let (matched, next) = class_match(pattern, p, name.get(n).copied())?;
                    if matched {
                        p = next;
                        n += 1;
                        continue;
                    }
                }
                '\\' => {
                    let Some(&lit) = pattern.get(p + 1) else {
                        return Err(());
                    };
                    if name.get(n) == Some(&lit) {
                        p += 2;
                        n += 1;
                        continue;
                    }
                }
                c if c != '?' && name.get(n) == Some(&c) => {
                    p += 1;
                    n += 1;
                    continue;
                }
                _ => {}
            }
        } else if n == name.len() {
            return Ok(true);
        }
        match backtrack {
            Some((bp, bn)) if name.get(bn).is_some_and(|&c| c != '/') => {
                backtrack = Some((bp, bn + 1));
                p = bp + 1;
                n = bn + 1;
            }
            _ => return Ok(false),
        }
    }
}

/// `[...]` at `p`: whether `c` matches, and the index after the class.
fn class_match(pattern: &[char], p: usize, c: Option<char>) -> Result<(bool, usize), ()> {
    let mut i = p + 1;
    let negated = pattern.get(i) == Some(&'^');
    if negated {
        i += 1;
    }
    let mut matched = false;
    let mut first = true;
    loop {
        let Some(&lo) = pattern.get(i) else {
            return Err(());
        };
        if lo == ']' && !first {
            i += 1;
            break;
        }
        first = false;
        let lo = if lo == '\\' {
            i += 1;
            *pattern.get(i).ok_or(())?
        } else {
            lo
        };
        i += 1;
        let mut hi = lo;
        if pattern.get(i) == Some(&'-') && pattern.get(i + 1).is_some_and(|&h| h != ']') {
            i += 1;
            hi = *pattern.get(i).ok_or(())?;
            if hi == '\\' {
                i += 1;
                hi = *pattern.get(i).ok_or(())?;
            }
            i += 1;
        }
        if c.is_some_and(|c| lo <= c && c <= hi) {
            matched = true;
        }
    }
    Ok((c.is_some_and(|c| c != '/') && matched != negated, i))
}

fn has_meta(s: &str) -> bool {
    s.contains(['*', '?', '[', '\\'])
}

/// `filepath.Glob` over the virtual directory.
fn glob(fs: &Fs<'_>, pattern: &str) -> Result<Vec<String>, ()> {
    // Check the whole pattern is well formed first (Go: `Match(pattern, "")`).
    for part in pattern.split('/') {
        let chars: Vec<char> = part.chars().collect();
        glob_match(&chars, &[])?;
    }
    if !has_meta(pattern) {
        return Ok(if fs.stat(pattern) == Stat::NotFound {
            Vec::new()
        } else {
            vec![pattern.to_owned()]
        });
    }
    let (dir, file) = match pattern.rfind('/') {
        Some(i) => (
            pattern.get(..=i).unwrap_or_default(),
            pattern.get(i + 1..).unwrap_or_default(),
        ),
        None => ("", pattern),
    };
    let dir = match dir {
        "" => ".".to_owned(),
        d if d.len() > 1 => d.trim_end_matches('/').to_owned(),
        d => d.to_owned(),
    };
    let dirs = if has_meta(&dir) {
        if dir == pattern {
            return Err(());
        }
        glob(fs, &dir)?
    } else {
        vec![dir]
    };
    let file_chars: Vec<char> = file.chars().collect();
    let mut matches = Vec::new();
    for d in dirs {
        if fs.stat(&d) != Stat::Dir {
            continue;
        }
        for (name, _) in fs.read_dir(&d) {
            let name_chars: Vec<char> = name.chars().collect();
            if glob_match(&file_chars, &name_chars)? {
                matches.push(join(&d, &name));
            }
        }
    }
    Ok(matches)
}

/// `filepath.Join(dir, name)` (cleaned).
fn join(dir: &str, name: &str) -> String {
    let joined = format!("{dir}/{name}");
    let absolute = joined.starts_with('/');
    let norm = normalize(joined.trim_start_matches('/')).unwrap_or_default();
    if absolute { format!("/{norm}") } else { norm }
}

/// One decoded document.
#[derive(Debug)]
pub(super) enum Info {
    /// A `template.openshift.io/v1` Template.
    Template(Box<Loaded>),
    /// Another registered kind, with its Go type (`*v1.ConfigMap`).
    Other(String),
}

/// A decoded Template and what rendering needs from its input.
#[derive(Debug)]
pub(super) struct Loaded {
    pub(super) template: Template,
    /// `objects` was present and not `null` (else upstream prints `"items": null`).
    pub(super) has_objects: bool,
    /// Each object's bytes as the decoder saw them (error messages quote them).
    pub(super) raw_objects: Vec<String>,
}

/// Why reading failed.
#[derive(Debug)]
pub(super) enum ReadError {
    /// The text after `failed to read input object (not a Template?): `.
    Message(String),
    /// A document decoded, but mapping it needs the (unreachable) server.
    NeedsServer,
}

/// kubectl's `FileExtensions`.
const EXTENSIONS: &[&str] = &[".json", ".yaml", ".yml"];

/// The files `-f NAME` reads: (path or `-`, source name for messages).
fn visitors(fs: &Fs<'_>, filename: &str) -> Result<Vec<(String, String)>, String> {
    if filename == "-" {
        return Ok(vec![("-".to_owned(), "STDIN".to_owned())]);
    }
    if filename.starts_with("http://") || filename.starts_with("https://") {
        return Err(format!(
            "unable to read URL {}: fetching URLs is not supported by this library",
            crate::gofmt::GoQuoted(filename)
        ));
    }
    let quoted = crate::gofmt::GoQuoted(filename);
    let matches = if fs.stat(filename) == Stat::NotFound {
        match glob(fs, filename) {
            Ok(m) if m.is_empty() => return Err(format!("the path {quoted} does not exist")),
            Ok(m) => m,
            Err(()) => {
                return Err(format!(
                    "pattern {quoted} is not valid: syntax error in pattern"
                ));
            }
        }
    } else {
        vec![filename.to_owned()]
    };
    let mut found = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    for path in &matches {
        let q = crate::gofmt::GoQuoted(path);
        match fs.stat(path) {
            Stat::NotFound => errors.push(format!("the path {q} does not exist")),
            Stat::NotDir => errors.push(format!(
                "the path {q} cannot be accessed: {}",
                fs.stat_error(path)
            )),
            Stat::File(_) => found.push((path.clone(), path.clone())),
            Stat::Dir => {
                for (name, is_dir) in fs.read_dir(path) {
                    let extension = name
                        .rfind('.')
                        .and_then(|i| name.get(i..))
                        .unwrap_or_default();
                    if !is_dir && EXTENSIONS.contains(&extension) {
                        let p = join(path, &name);
                        found.push((p.clone(), p));
                    }
                }
            }
        }
    }
    if found.is_empty() && errors.is_empty() {
        errors.push(format!(
            "error reading [{}]: recognized file extensions are [{}]",
            matches.join(" "),
            EXTENSIONS.join(" ")
        ));
    }
    if !errors.is_empty() {
        let mut distinct: Vec<String> = Vec::new();
        for e in errors {
            if !distinct.contains(&e) {
                distinct.push(e);
            }
        }
        return Err(match distinct.as_slice() {
            [one] => one.clone(),
            many => format!("[{}]", many.join(", ")),
        });
    }
    Ok(found)
}

/// Reads and decodes every document of `-f filename`, in order. With `local` false, the first
/// decoded document fails (its mapping needs the server).
pub(super) fn read_infos(
    fs: &mut Fs<'_>,
    filename: &str,
    local: bool,
) -> Result<Vec<Info>, ReadError> {
    let files = visitors(fs, filename).map_err(ReadError::Message)?;
    let mut infos = Vec::new();
    for (path, source) in files {
        let text = if path == "-" {
            fs.take_stdin()
        } else {
            match fs.stat(&path) {
                Stat::File(content) => content,
                _ => {
                    return Err(ReadError::Message(format!(
                        "open {path}: no such file or directory"
                    )));
                }
            }
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let documents = if text.trim_start().starts_with('{') {
            json_documents(text, &source)
        } else {
            yaml_documents(text, &source)
        };
        for doc in documents {
            let (raw, value) = doc.map_err(ReadError::Message)?;
            let info = decode(&raw, value, &source).map_err(ReadError::Message)?;
            if !local {
                return Err(ReadError::NeedsServer);
            }
            infos.push(info);
        }
    }
    Ok(infos)
}

type Document = Result<(String, Option<Value>), String>;

/// The values of a JSON stream (`json.Decoder`), `null`s skipped; stops at the first error.
fn json_documents(text: &str, source: &str) -> Vec<Document> {
    let b = text.as_bytes();
    let mut docs = Vec::new();
    let mut pos = 0;
    while let Some(start) = skip_space(b, pos) {
        match scan_value(b, pos) {
            Ok(end) => {
                let raw = text.get(start..end).unwrap_or_default();
                if raw != "null" {
                    docs.push(Ok((raw.to_owned(), None)));
                }
                pos = end;
            }
            Err(ScanError::UnexpectedEof) => {
                docs.push(Err(format!("error parsing {source}: unexpected EOF")));
                break;
            }
            Err(ScanError::TooDeep) => {
                docs.push(Err(format!("error parsing {source}: exceeded max depth")));
                break;
            }
            Err(ScanError::Syntax(message, at)) => {
                let line = b
                    .get(pos..=at)
                    .unwrap_or_default()
                    .iter()
                    .filter(|&&c| c == b'\n')
                    .count();
                docs.push(Err(format!(
                    "error parsing {source}: json: line {line}: {message}"
                )));
                break;
            }
        }
    }
    docs
}

/// apimachinery's `YAMLReader`: documents split at lines starting with `---` (followed only
/// by spaces or a comment), each converted to JSON; empty and `null` documents skipped.
fn yaml_documents(text: &str, source: &str) -> Vec<Document> {
    let mut docs = Vec::new();
    let mut buffer = String::new();
    let body = text.strip_suffix('\n').unwrap_or(text);
    let lines: Vec<&str> = if text.is_empty() {
        Vec::new()
    } else {
        body.split('\n').collect()
    };
    let flush = |buffer: &mut String, docs: &mut Vec<Document>| -> bool {
        let doc = std::mem::take(buffer);
        match yaml_document(&doc) {
            Ok(Value::Null) => true,
            Ok(value) => {
                docs.push(Ok((super::gojson::compact(&value), Some(value))));
                true
            }
            Err(e) => {
                docs.push(Err(format!(
                    "error parsing {source}: error converting YAML to JSON: {e}"
                )));
                false
            }
        }
    };
    for line in lines {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if let Some(after) = line.strip_prefix("---") {
            let trimmed = after.trim();
            if !trimmed.is_empty() && !trimmed.starts_with('#') {
                docs.push(Err(format!(
                    "error parsing {source}: invalid Yaml document separator: {trimmed}"
                )));
                return docs;
            }
            if !buffer.is_empty() {
                if !flush(&mut buffer, &mut docs) {
                    return docs;
                }
                continue;
            }
        }
        buffer.push_str(line);
        buffer.push('\n');
    }
    if !buffer.is_empty() {
        flush(&mut buffer, &mut docs);
    }
    docs
}

#[cfg(feature = "yaml")]
fn yaml_document(text: &str) -> Result<Value, TemplateError> {
    crate::template::yaml::yaml_to_json(text)
}

#[cfg(not(feature = "yaml"))]
fn yaml_document(text: &str) -> Result<Value, TemplateError> {
    if text.trim().is_empty() {
        return Ok(Value::Null);
    }
    Err(TemplateError::Syntax {
        message: "YAML input needs the `yaml` feature of this library".to_owned(),
    })
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// A top-level member the way `encoding/json` fills a struct field: the exact key, else a
/// case-insensitive match.
fn member<'v>(map: &'v serde_json::Map<String, Value>, name: &str) -> Option<&'v Value> {
    map.get(name).or_else(|| {
        map.iter()
            .rev()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    })
}

/// Decodes one document: the scheme's kind lookup, then the Template.
fn decode(raw: &str, value: Option<Value>, source: &str) -> Result<Info, String> {
    let quoted = crate::gofmt::GoQuoted(source);
    let fail = |message: String| format!("unable to decode {quoted}: {message}");
    let from_json_text = value.is_none();
    let value = match value {
        Some(v) => v,
        None => serde_json::from_str::<Value>(raw).map_err(|e| fail(e.to_string()))?,
    };
    let Value::Object(map) = &value else {
        return Err(fail(format!(
            "couldn't get version/kind; json parse error: json: cannot unmarshal {} into Go value of type struct {{ APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }}",
            json_type(&value)
        )));
    };
    let mut fields = [("apiVersion", String::new()), ("kind", String::new())];
    for (name, out) in &mut fields {
        match member(map, name) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => s.clone_into(out),
            Some(other) => {
                return Err(fail(format!(
                    "couldn't get version/kind; json parse error: json: cannot unmarshal {} into Go struct field .{name} of type string",
                    json_type(other)
                )));
            }
        }
    }
    let [(_, api_version), (_, kind)] = fields;
    let (group, version) = if api_version.is_empty() || api_version == "/" {
        (String::new(), String::new())
    } else {
        match api_version.matches('/').count() {
            0 => (String::new(), api_version.clone()),
            1 => {
                let (g, v) = api_version.split_once('/').unwrap_or_default();
                (g.to_owned(), v.to_owned())
            }
            _ => {
                return Err(fail(format!(
                    "unexpected GroupVersion string: {api_version}"
                )));
            }
        }
    };
    if kind.is_empty() {
        return Err(fail(format!("Object 'Kind' is missing in '{raw}'")));
    }
    if version.is_empty() {
        return Err(fail(format!("Object 'apiVersion' is missing in '{raw}'")));
    }
    if group == "template.openshift.io" && version == "v1" && kind == "Template" {
        let has_objects = member(map, "objects").is_some_and(|o| !o.is_null());
        let template = if from_json_text {
            Template::from_json_str(raw)
        } else {
            Template::from_json_value(value.clone())
        }
        .map_err(|e| fail(e.to_string()))?;
        let raw_objects = match &template.object_texts {
            Some(texts) => texts.clone(),
            None => template
                .objects
                .iter()
                .map(super::gojson::compact)
                .collect(),
        };
        return Ok(Info::Template(Box::new(Loaded {
            template,
            has_objects,
            raw_objects,
        })));
    }
    let gv = if group.is_empty() {
        version.clone()
    } else {
        format!("{group}/{version}")
    };
    match scheme::go_type(&group, &version, &kind) {
        Some(go_type) => Ok(Info::Other(go_type)),
        None => Err(fail(format!(
            "no kind {} is registered for version {} in scheme \"k8s.io/kubectl/pkg/scheme/scheme.go:28\"",
            crate::gofmt::GoQuoted(&kind),
            crate::gofmt::GoQuoted(&gv)
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(files: &[(&str, &str)], dirs: &[&str]) -> VirtualDir {
        VirtualDir {
            files: files
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            dirs: dirs.iter().map(|d| (*d).to_owned()).collect(),
            stdin: None,
        }
    }

    #[test]
    fn stat_and_glob() {
        let d = dir(
            &[("t.json", "{}"), ("a/b.yaml", ""), ("a/c.txt", "")],
            &["empty"],
        );
        let fs = Fs::new(&d);
        assert_eq!(fs.stat("t.json"), Stat::File("{}"));
        assert_eq!(fs.stat("./t.json"), Stat::File("{}"));
        assert_eq!(fs.stat("t.json/"), Stat::NotDir);
        assert_eq!(fs.stat("t.json/x"), Stat::NotDir);
        assert_eq!(fs.stat("a"), Stat::Dir);
        assert_eq!(fs.stat("empty"), Stat::Dir);
        assert_eq!(fs.stat("nope"), Stat::NotFound);
        assert_eq!(glob(&fs, "*.json"), Ok(vec!["t.json".to_owned()]));
        assert_eq!(
            glob(&fs, "a/*"),
            Ok(vec!["a/b.yaml".to_owned(), "a/c.txt".to_owned()])
        );
        assert_eq!(glob(&fs, "[a-"), Err(()));
        assert_eq!(
            visitors(&fs, "a"),
            Ok(vec![("a/b.yaml".to_owned(), "a/b.yaml".to_owned())])
        );
        assert_eq!(
            visitors(&fs, "empty"),
            Err(
                "error reading [empty]: recognized file extensions are [.json .yaml .yml]"
                    .to_owned()
            )
        );
        assert_eq!(
            visitors(&fs, "x.json"),
            Err("the path \"x.json\" does not exist".to_owned())
        );
    }

    #[test]
    fn decode_errors() {
        let err = |raw: &str| decode(raw, None, "f").err().unwrap_or_default();
        assert_eq!(
            err(r#"{"kind":"RoleBinding2","apiVersion":"v1"}"#),
            "unable to decode \"f\": no kind \"RoleBinding2\" is registered for version \"v1\" in scheme \"k8s.io/kubectl/pkg/scheme/scheme.go:28\""
        );
        assert_eq!(
            err(r#"{"kind":""}"#),
            "unable to decode \"f\": Object 'Kind' is missing in '{\"kind\":\"\"}'"
        );
        assert_eq!(
            err(r#"{"kind":"X"}"#),
            "unable to decode \"f\": Object 'apiVersion' is missing in '{\"kind\":\"X\"}'"
        );
        assert_eq!(
            err(r#"{"kind":"X","apiVersion":"a/b/c"}"#),
            "unable to decode \"f\": unexpected GroupVersion string: a/b/c"
        );
        assert!(
            err(r#"{"kind":5}"#)
                .ends_with("cannot unmarshal number into Go struct field .kind of type string")
        );
        assert!(
            matches!(decode(r#"{"kind":"ConfigMap","apiVersion":"v1"}"#, None, "f"), Ok(Info::Other(t)) if t == "*v1.ConfigMap")
        );
    }

    #[test]
    fn json_streams() {
        let docs = json_documents("{\"a\":1}\n null {\"b\":2}", "f");
        assert_eq!(docs.len(), 2);
        let docs = json_documents("{\"a\":1}\n{\"b\" 2}", "f");
        assert_eq!(
            docs.last(),
            Some(&Err(
                "error parsing f: json: line 1: invalid character '2' after object key".to_owned()
            ))
        );
    }
}
