//! `oc adm migrate icsp FILE... [--dest-dir DIR]` (`mirrors.md` §10).

use serde::Serialize;
use serde_json::{Map, Value};

use super::decode::{self, Failure, Scheme};
use super::yaml_in::{self, MAX_INPUT_BYTES};
use crate::goyaml::{self, Flavor};
use crate::mirror::MirrorError;

/// The most input files one run converts.
const MAX_FILES: usize = 1024;
/// The most documents one file may hold.
const MAX_DOCUMENTS: usize = 4096;

/// What `oc adm migrate icsp` is run on: a virtual working directory and the command line.
#[derive(Debug, Clone, Copy, Default)]
pub struct MigrateIcspRequest<'a> {
    /// The files of the working directory: `(name, content)`.
    pub files: &'a [(&'a str, &'a str)],
    /// The file arguments, in order (a name not in `files` does not exist).
    pub args: &'a [&'a str],
    /// `--dest-dir` (relative; created when missing), `None` for the working directory.
    pub dest_dir: Option<&'a str>,
}

/// One file the command writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WrittenFile {
    /// The path relative to the working directory.
    pub path: String,
    /// The YAML written (byte-exact gopkg.in/yaml.v3 output).
    pub content: String,
}

/// What a run of `oc adm migrate icsp` produces when at least one file was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MigrateIcspOutput {
    /// One file per converted input, in argument order.
    pub files: Vec<WrittenFile>,
    /// The printed lines (`wrote ImageDigestMirrorSet to <path>`) joined with `\n`.
    pub stdout: String,
    /// The aggregated error of the inputs that failed, if any.
    pub error: Option<String>,
}

fn fail(message: impl Into<String>) -> MirrorError {
    MirrorError::Migrate {
        message: message.into(),
    }
}

/// `k8s.io/apimachinery`'s aggregate text: one error as is, several as `[e1, e2]`.
fn aggregate(errors: &[String]) -> String {
    match errors {
        [one] => one.clone(),
        many => format!("[{}]", many.join(", ")),
    }
}

/// Go `filepath.Join` (cleaned, `/` separators).
fn join(dir: &str, name: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let absolute = dir.starts_with('/');
    for part in dir.split('/').chain(name.split('/')) {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            ".." if absolute => {}
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else if joined.is_empty() {
        ".".to_owned()
    } else {
        joined
    }
}

/// Converts one input file to the YAML of its ImageDigestMirrorSets and the first name.
fn convert_file(name: &str, content: Option<&str>) -> Result<(String, String), String> {
    let Some(content) = content else {
        return Err(format!(
            "unable to read ImageContentSourceFile {name}: open {name}: no such file or directory"
        ));
    };
    if content.is_empty() {
        return Err(format!("no data found in ImageContentSourceFile {name}"));
    }
    if content.len() > MAX_INPUT_BYTES {
        return Err(format!(
            "unable to read ImageContentSourceFile {name}: file too large"
        ));
    }
    let docs = yaml_in::split_documents(content)
        .map_err(|e| format!("error reading ImageContentSourcePolicy from {name}: {e}"))?;
    if docs.len() > MAX_DOCUMENTS {
        return Err(format!(
            "error reading ImageContentSourcePolicy from {name}: too many documents"
        ));
    }
    let mut out = String::new();
    let mut first_name: Option<String> = None;
    for doc in docs {
        let object = decode::decode(
            doc,
            Scheme::Operator,
            "operator.openshift.io/v1alpha1",
            "ImageContentSourcePolicy",
        )
        .map_err(|f| match f {
            Failure::Decode(e) => {
                format!("error decoding ImageContentSourcePolicy from {name}: {e}")
            }
            Failure::OtherType => format!("could not decode ImageContentSourcePolicy from {name}"),
        })?;
        let decode_error =
            |e: String| format!("error decoding ImageContentSourcePolicy from {name}: {e}");
        let meta = decode::object_meta(object.get("metadata")).map_err(decode_error)?;
        let entries =
            decode::entries(&object, "repositoryDigestMirrors", false).map_err(decode_error)?;
        if first_name.is_none() {
            first_name = Some(
                meta.get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned(),
            );
        }
        let mirrors: Vec<Value> = entries
            .into_iter()
            .map(|e| {
                let mut m = Map::new();
                m.insert("source".to_owned(), Value::String(e.source));
                if !e.mirrors.is_empty() {
                    m.insert(
                        "mirrors".to_owned(),
                        Value::Array(e.mirrors.into_iter().map(Value::String).collect()),
                    );
                }
                Value::Object(m)
            })
            .collect();
        let mut spec = Map::new();
        spec.insert("imageDigestMirrors".to_owned(), Value::Array(mirrors));
        let mut idms = Map::new();
        idms.insert(
            "apiVersion".to_owned(),
            Value::from("config.openshift.io/v1"),
        );
        idms.insert("kind".to_owned(), Value::from("ImageDigestMirrorSet"));
        idms.insert("metadata".to_owned(), Value::Object(meta));
        idms.insert("spec".to_owned(), Value::Object(spec));
        let yaml = goyaml::to_yaml(&Value::Object(idms), Flavor::V3)
            .map_err(|e| format!("error writing ImageDigestMirrorSet: {e}"))?;
        if !out.is_empty() {
            out.push_str("---\n");
        }
        out.push_str(&yaml);
    }
    let Some(first) = first_name else {
        return Err(format!("no data found in ImageContentSourceFile {name}"));
    };
    Ok((first, out))
}

/// Runs `oc adm migrate icsp` on a virtual working directory (`mirrors.md` §10): each input
/// file's ImageContentSourcePolicies become one file of ImageDigestMirrorSets named
/// `imagedigestmirrorset_<name of the first ICSP>.<n>.yaml`, `n` being `random()` masked to 63
/// bits and printed with at least six digits (upstream: Go's `rand.Int63()`).
///
/// Failing inputs are skipped and reported in [`MigrateIcspOutput::error`] while the others are
/// written; when nothing is written the aggregated error is returned.
///
/// ```
/// use openshift_image::mirror::oc::{MigrateIcspRequest, migrate_icsp};
///
/// let icsp = concat!(
///     "apiVersion: operator.openshift.io/v1alpha1\nkind: ImageContentSourcePolicy\n",
///     "metadata:\n  name: release\nspec:\n  repositoryDigestMirrors:\n",
///     "  - source: quay.io/ocp\n    mirrors:\n    - mirror.local/ocp\n",
/// );
/// let request = MigrateIcspRequest { files: &[("icsp.yaml", icsp)], args: &["icsp.yaml"], dest_dir: None };
/// let out = migrate_icsp(&request, &mut || 42)?;
/// assert_eq!(out.files[0].path, "imagedigestmirrorset_release.000042.yaml");
/// assert!(out.files[0].content.ends_with("        - mirrors:\n            - mirror.local/ocp\n          source: quay.io/ocp\n"));
/// # Ok::<(), openshift_image::mirror::MirrorError>(())
/// ```
///
/// # Errors
/// [`MirrorError::Migrate`]: no argument, a `--dest-dir` that is a file, or every input failed.
pub fn migrate_icsp(
    request: &MigrateIcspRequest<'_>,
    random: &mut dyn FnMut() -> u64,
) -> Result<MigrateIcspOutput, MirrorError> {
    if request.args.is_empty() {
        return Err(fail(
            "convert expects at least one argument, path to an imagecontentsourcepolicy file",
        ));
    }
    if request.args.len() > MAX_FILES {
        return Err(fail(format!("convert accepts at most {MAX_FILES} files")));
    }
    if let Some(dir) = request.dest_dir {
        let clean = join(dir, "");
        if request.files.iter().any(|(n, _)| join(n, "") == clean) {
            return Err(fail(format!("\"{dir}\" exists and is a file")));
        }
    }
    let mut written = Vec::new();
    let mut stdout = Vec::new();
    let mut errors = Vec::new();
    for arg in request.args {
        let wanted = join(arg, "");
        let content = request
            .files
            .iter()
            .find(|(n, _)| join(n, "") == wanted)
            .map(|(_, c)| *c);
        match convert_file(arg, content) {
            Ok((first, yaml)) => {
                let n = random() & (u64::MAX >> 1);
                let file = format!("imagedigestmirrorset_{first}.{n:06}.yaml");
                let path = match request.dest_dir {
                    Some(dir) => join(dir, &file),
                    None => file,
                };
                stdout.push(format!("wrote ImageDigestMirrorSet to {path}"));
                written.push(WrittenFile {
                    path,
                    content: yaml,
                });
            }
            Err(e) => errors.push(e),
        }
    }
    if written.is_empty() {
        return Err(fail(aggregate(&errors)));
    }
    Ok(MigrateIcspOutput {
        files: written,
        stdout: stdout.join("\n"),
        error: (!errors.is_empty()).then(|| aggregate(&errors)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_like_go() {
        for (dir, name, want) in [
            ("out", "f", "out/f"),
            ("./out/", "f", "out/f"),
            ("a/../b", "f", "b/f"),
            ("/abs", "f", "/abs/f"),
        ] {
            assert_eq!(join(dir, name), want);
        }
    }

    #[test]
    fn errors() {
        let none = MigrateIcspRequest::default();
        assert!(migrate_icsp(&none, &mut || 1).is_err());
        let missing = MigrateIcspRequest {
            args: &["x.yaml"],
            ..MigrateIcspRequest::default()
        };
        let err = migrate_icsp(&missing, &mut || 1)
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some(
                "unable to read ImageContentSourceFile x.yaml: open x.yaml: no such file or directory"
            )
        );
    }
}
