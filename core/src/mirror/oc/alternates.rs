//! `oc`'s alternate sources for `--icsp-file` / `--idms-file` (`mirrors.md` §12; openshift/oc
//! `pkg/cli/image/strategy`). Not the node's algorithm: every matching entry contributes, no
//! longest-prefix rule, no wildcards.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::decode::{self, Entry, Failure, Scheme};
use super::yaml_in::{self, MAX_INPUT_BYTES};
use crate::DockerImageReference;
use crate::mirror::MirrorError;

/// The most documents an ImageDigestMirrorSet file may hold.
const MAX_DOCUMENTS: usize = 4096;

/// Which file `oc` was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlternatesKind {
    /// `--icsp-file`: one ImageContentSourcePolicy.
    Icsp,
    /// `--idms-file`: ImageDigestMirrorSets.
    Idms,
}

/// When the alternates are used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlternatesStrategy {
    /// After a failure of the original reference (`oc image info`, `oc adm release info`, …):
    /// the source first.
    OnError,
    /// Instead of the original reference: the mirrors first, the source last.
    Explicit,
}

fn fail(message: impl Into<String>) -> MirrorError {
    MirrorError::OcAlternates {
        message: message.into(),
    }
}

/// The entries of the file, in object order then entry order.
fn read_entries(
    file: Option<(&str, &str)>,
    kind: AlternatesKind,
    strategy: AlternatesStrategy,
) -> Result<Vec<Entry>, MirrorError> {
    let Some((name, content)) = file else {
        return Err(fail(match (kind, strategy) {
            (AlternatesKind::Idms, AlternatesStrategy::OnError) => {
                "no ImageDigestMirrorSet specified"
            }
            _ => "no ImageContentSourceFile specified",
        }));
    };
    match kind {
        AlternatesKind::Icsp => {
            if content.is_empty() {
                return Err(fail(format!(
                    "no data found in ImageContentSourceFile {name}"
                )));
            }
            if content.len() > MAX_INPUT_BYTES {
                return Err(fail(format!(
                    "unable to read ImageContentSourceFile {name}: file too large"
                )));
            }
            let decode_error = |e: String| {
                fail(format!(
                    "error decoding ImageContentSourcePolicy from {name}: {e}"
                ))
            };
            let object = decode::decode(
                content,
                Scheme::Operator,
                "operator.openshift.io/v1alpha1",
                "ImageContentSourcePolicy",
            )
            .map_err(|f| match f {
                Failure::Decode(e) => decode_error(e),
                Failure::OtherType => fail(format!(
                    "could not decode ImageContentSourcePolicy from {name}"
                )),
            })?;
            decode::entries(&object, "repositoryDigestMirrors", false).map_err(decode_error)
        }
        AlternatesKind::Idms => {
            if content.is_empty() {
                return Err(fail(format!(
                    "no data found in ImageDigestMirrorSet {name}"
                )));
            }
            if content.len() > MAX_INPUT_BYTES {
                return Err(fail(format!(
                    "unable to read ImageDigestMirrorSet {name}: file too large"
                )));
            }
            let docs = yaml_in::split_documents(content)
                .map_err(|e| fail(format!("unable to read ImageDigestMirrorSet {name}: {e}")))?;
            if docs.len() > MAX_DOCUMENTS {
                return Err(fail(format!(
                    "unable to read ImageDigestMirrorSet {name}: too many documents"
                )));
            }
            let mut all = Vec::new();
            for doc in docs {
                let decode_error = |e: String| {
                    fail(format!(
                        "error decoding ImageDigestMirrorSet from {name}: {e}"
                    ))
                };
                let object = decode::decode(
                    doc,
                    Scheme::Config,
                    "config.openshift.io/v1",
                    "ImageDigestMirrorSet",
                )
                .map_err(|f| match f {
                    Failure::Decode(e) => decode_error(e),
                    Failure::OtherType => {
                        fail(format!("could not decode ImageDigestMirrorSet from {name}"))
                    }
                })?;
                all.extend(
                    decode::entries(&object, "imageDigestMirrors", true).map_err(decode_error)?,
                );
            }
            Ok(all)
        }
    }
}

/// For each source string, whether its entries allow contacting it (the first entry fixes the
/// policy, unset meaning `AllowContactingSource`) or disagree (`None`).
fn source_policies(entries: &[Entry]) -> HashMap<&str, Option<bool>> {
    let mut firsts: HashMap<&str, (&str, bool)> = HashMap::new();
    for e in entries {
        let policy = if e.policy.is_empty() {
            "AllowContactingSource"
        } else {
            e.policy.as_str()
        };
        let slot = firsts.entry(e.source.as_str()).or_insert((policy, true));
        if slot.0 != policy {
            slot.1 = false;
        }
    }
    firsts
        .into_iter()
        .map(|(source, (policy, consistent))| {
            (
                source,
                consistent.then_some(policy == "AllowContactingSource"),
            )
        })
        .collect()
}

/// The repositories `oc` tries for `image` with an `--icsp-file` / `--idms-file` (`file`:
/// `(name, content)`, `None` when no file was given), in order (`mirrors.md` §12).
///
/// ```
/// use openshift_image::mirror::oc::{AlternatesKind, AlternatesStrategy, oc_alternates};
///
/// let icsp = concat!(
///     "apiVersion: operator.openshift.io/v1alpha1\nkind: ImageContentSourcePolicy\n",
///     "metadata:\n  name: a\nspec:\n  repositoryDigestMirrors:\n",
///     "  - source: quay.io/ns\n    mirrors:\n    - m.local/ns\n",
/// );
/// let repos = oc_alternates("quay.io/ns/app:1", Some(("icsp.yaml", icsp)),
///     AlternatesKind::Icsp, AlternatesStrategy::OnError)?;
/// assert_eq!(repos, ["quay.io/ns/app", "m.local/ns/app"]);
/// # Ok::<(), openshift_image::mirror::MirrorError>(())
/// ```
///
/// # Errors
/// [`MirrorError::OcAlternates`] with `oc`'s texts: file errors, `invalid source "<s>": …`,
/// `invalid mirror "<m>": …`, conflicting policies, no alternative at all.
pub fn oc_alternates(
    image: &str,
    file: Option<(&str, &str)>,
    kind: AlternatesKind,
    strategy: AlternatesStrategy,
) -> Result<Vec<String>, MirrorError> {
    let entries = read_entries(file, kind, strategy)?;
    let parsed = DockerImageReference::parse(image).map_err(|e| fail(e.to_string()))?;
    let repo = parsed.as_repository();
    let exact = repo.exact();
    let source_v2 = repo.as_v2();
    let policies = if kind == AlternatesKind::Idms {
        source_policies(&entries)
    } else {
        HashMap::new()
    };
    let mut mirrors: Vec<DockerImageReference> = Vec::new();
    let mut add_source = true;
    for entry in &entries {
        let source = DockerImageReference::parse(&entry.source)
            .map_err(|e| fail(format!("invalid source \"{}\": {e}", entry.source)))?;
        let suffix = if source.as_repository().as_v2() == source_v2 || exact == entry.source {
            Some("")
        } else {
            exact
                .strip_prefix(entry.source.as_str())
                .filter(|rest| rest.starts_with('/'))
        };
        let Some(suffix) = suffix else { continue };
        if kind == AlternatesKind::Idms {
            add_source = policies
                .get(entry.source.as_str())
                .copied()
                .flatten()
                .ok_or_else(|| {
                    fail(format!(
                        "ImageDigestMirrorSet can only contain one MirrorSourcePolicy for source {}",
                        entry.source
                    ))
                })?;
        }
        for mirror in &entry.mirrors {
            let m = DockerImageReference::parse(&format!("{mirror}{suffix}"))
                .map_err(|e| fail(format!("invalid mirror \"{mirror}\": {e}")))?;
            mirrors.push(m.as_repository());
        }
    }
    let with_source = kind == AlternatesKind::Icsp || add_source || mirrors.is_empty();
    // Upstream de-duplicates the parsed references (struct equality), then prints them.
    let mut ordered: Vec<DockerImageReference> = Vec::with_capacity(mirrors.len() + 1);
    if with_source && strategy == AlternatesStrategy::OnError {
        ordered.push(source_v2.clone());
    }
    ordered.extend(mirrors);
    if with_source && strategy == AlternatesStrategy::Explicit {
        ordered.push(source_v2);
    }
    let mut seen: HashSet<DockerImageReference> = HashSet::with_capacity(ordered.len());
    let out: Vec<String> = ordered
        .into_iter()
        .filter(|r| seen.insert(r.clone()))
        .map(|r| r.to_string())
        .collect();
    if out.is_empty() {
        return Err(fail(format!(
            "no alternative image references found for image: {parsed}"
        )));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDMS_HEAD: &str = "apiVersion: config.openshift.io/v1\nkind: ImageDigestMirrorSet\nmetadata:\n  name: a\nspec:\n  imageDigestMirrors:\n";

    #[test]
    fn idms_table() {
        type Want = Result<Vec<&'static str>, &'static str>;
        let cases: [(&str, &str, Want); 4] = [
            (
                "conflict is reported before an invalid mirror",
                "  - source: quay.io/ns\n    mirrors: [m.local/NS]\n    mirrorSourcePolicy: NeverContactSource\n  - source: quay.io/ns\n",
                Err(
                    "ImageDigestMirrorSet can only contain one MirrorSourcePolicy for source quay.io/ns",
                ),
            ),
            (
                "explicit allow after unset is no conflict",
                "  - source: quay.io/ns\n    mirrors: [m.local/ns]\n  - source: quay.io/ns\n    mirrors: [n.local/ns]\n    mirrorSourcePolicy: AllowContactingSource\n",
                Ok(vec!["quay.io/ns/x", "m.local/ns/x", "n.local/ns/x"]),
            ),
            (
                "duplicates collapse",
                "  - source: quay.io/ns\n    mirrors: [m.local/ns, m.local/ns]\n  - source: quay.io\n    mirrors: [m.local]\n",
                Ok(vec!["quay.io/ns/x", "m.local/ns/x"]),
            ),
            (
                "never contact drops the source",
                "  - source: quay.io/ns\n    mirrors: [m.local/ns]\n    mirrorSourcePolicy: NeverContactSource\n",
                Ok(vec!["m.local/ns/x"]),
            ),
        ];
        for (name, entries, want) in cases {
            let content = format!("{IDMS_HEAD}{entries}");
            let got = oc_alternates(
                "quay.io/ns/x:1",
                Some(("idms.yaml", &content)),
                AlternatesKind::Idms,
                AlternatesStrategy::OnError,
            )
            .map_err(|e| e.to_string());
            let want = want
                .map(|v| v.into_iter().map(str::to_owned).collect::<Vec<_>>())
                .map_err(str::to_owned);
            assert_eq!(got, want, "{name}");
        }
    }
}
