//! The instructions `oc adm release mirror` prints after mirroring (`mirrors.md` §11).

use std::collections::HashSet;

use serde_json::{Map, Value};

use crate::DockerImageReference;
use crate::goyaml::{self, Flavor};
use crate::mirror::MirrorError;

/// The most sources or destinations one call takes.
const MAX_REFERENCES: usize = 100_000;

/// What `oc adm release mirror` prints its instructions from.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReleaseMirrorRequest<'a> {
    /// `--from` (the release image), `""` when not given.
    pub from: &'a str,
    /// The destinations (`--to`, then `--to-release-image`).
    pub to: &'a [&'a str],
    /// The payload repositories found while mirroring (`as_repository().string()` of each).
    pub repositories: &'a [&'a str],
    /// `--release-image-signature-to-dir`, `""` when not given.
    pub signature_to_dir: &'a str,
    /// `--print-mirror-instructions` as validated by the command (`icsp`, `idms`, `none`; any
    /// other value prints nothing).
    pub print_mirror_instructions: &'a str,
}

/// A parsed `imagesource` location: a registry repository, or `None` for `file://` / `s3://`.
fn parse_location(r: &str) -> Result<Option<String>, MirrorError> {
    if r.starts_with("file://") || r.starts_with("s3://") {
        return Ok(None);
    }
    DockerImageReference::parse(r)
        .map(|p| Some(p.as_repository().to_string()))
        .map_err(|e| MirrorError::ReleaseInstructions {
            message: format!(
                "unable to parse image reference '{r}': \"{r}\" is not a valid image reference: {e}"
            ),
        })
}

fn snippet_entries(sources: &[String], mirrors: &[String]) -> Value {
    Value::Array(
        sources
            .iter()
            .map(|s| {
                let mut m = Map::new();
                m.insert(
                    "mirrors".to_owned(),
                    Value::Array(mirrors.iter().cloned().map(Value::String).collect()),
                );
                m.insert("source".to_owned(), Value::String(s.clone()));
                Value::Object(m)
            })
            .collect(),
    )
}

/// The text `oc adm release mirror` prints for `--print-mirror-instructions` (the
/// install-config snippet and the ImageContentSourcePolicy / ImageDigestMirrorSet), `""` when
/// it prints nothing. Sources are sorted bytewise (upstream's order varies between runs).
///
/// ```
/// use openshift_image::mirror::oc::{ReleaseMirrorRequest, release_mirror_instructions};
///
/// let text = release_mirror_instructions(&ReleaseMirrorRequest {
///     from: "quay.io/openshift-release-dev/ocp-release:4.14.1-x86_64",
///     to: &["mirror.local/ocp/release"],
///     print_mirror_instructions: "idms",
///     ..ReleaseMirrorRequest::default()
/// })?;
/// assert!(text.ends_with("  imageDigestMirrors:\n  - mirrors:\n    - mirror.local/ocp/release\n    source: quay.io/openshift-release-dev/ocp-release\n"));
/// # Ok::<(), openshift_image::mirror::MirrorError>(())
/// ```
///
/// # Errors
/// [`MirrorError::ReleaseInstructions`] when `from` or a destination is not a valid reference.
pub fn release_mirror_instructions(
    request: &ReleaseMirrorRequest<'_>,
) -> Result<String, MirrorError> {
    if request.to.len() > MAX_REFERENCES || request.repositories.len() > MAX_REFERENCES {
        return Err(MirrorError::ReleaseInstructions {
            message: format!("at most {MAX_REFERENCES} references are accepted"),
        });
    }
    let icsp = match request
        .print_mirror_instructions
        .to_ascii_lowercase()
        .as_str()
    {
        "icsp" => true,
        "idms" => false,
        _ => return Ok(String::new()),
    };
    // Upstream stops at the first destination or source that is not a registry.
    let mut mirrors: Vec<String> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for to in request.to {
        let Some(repo) = parse_location(to)? else {
            return Ok(String::new());
        };
        if seen.insert(repo.clone()) {
            mirrors.push(repo);
        }
    }
    let mut sources: Vec<String> = request
        .repositories
        .iter()
        .map(|r| (*r).to_owned())
        .collect();
    if !request.from.is_empty() {
        let Some(repo) = parse_location(request.from)? else {
            return Ok(String::new());
        };
        sources.push(repo);
    }
    sources.sort();
    sources.dedup();
    if sources.is_empty() || mirrors.is_empty() {
        return Ok(String::new());
    }
    let entries = snippet_entries(&sources, &mirrors);
    let (install_key, object_kind, api_version, list_key) = if icsp {
        (
            "imageContentSources",
            "ImageContentSourcePolicy",
            "operator.openshift.io/v1alpha1",
            "repositoryDigestMirrors",
        )
    } else {
        (
            "imageDigestSources",
            "ImageDigestMirrorSet",
            "config.openshift.io/v1",
            "imageDigestMirrors",
        )
    };
    let mut install = Map::new();
    install.insert(install_key.to_owned(), entries.clone());
    let mut metadata = Map::new();
    metadata.insert("name".to_owned(), Value::from("example"));
    let mut spec = Map::new();
    spec.insert(list_key.to_owned(), entries);
    let mut object = Map::new();
    object.insert("apiVersion".to_owned(), Value::from(api_version));
    object.insert("kind".to_owned(), Value::from(object_kind));
    object.insert("metadata".to_owned(), Value::Object(metadata));
    object.insert("spec".to_owned(), Value::Object(spec));
    let yaml = |v: &Value| {
        goyaml::to_yaml(v, Flavor::V2)
            .map_err(|message| MirrorError::ReleaseInstructions { message })
    };
    let y1 = yaml(&Value::Object(install))?;
    let y2 = yaml(&Value::Object(object))?;
    let mut text = format!(
        "\nTo use the new mirrored repository to install, add the following section to the install-config.yaml:\n\n{y1}\n\nTo use the new mirrored repository for upgrades, use the following to create an {object_kind}:\n\n{y2}"
    );
    if !request.signature_to_dir.is_empty() {
        text.push_str(&format!(
            "\n\nTo apply signature configmaps use 'oc apply' on files found in {}\n\n",
            request.signature_to_dir
        ));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases: [(ReleaseMirrorRequest<'_>, Result<&str, &str>); 4] = [
            (
                ReleaseMirrorRequest {
                    from: "quay.io/Bad",
                    to: &["m.local/ocp"],
                    print_mirror_instructions: "none",
                    ..ReleaseMirrorRequest::default()
                },
                Ok(""),
            ),
            (
                ReleaseMirrorRequest {
                    from: "quay.io/Bad",
                    to: &["file://x"],
                    print_mirror_instructions: "idms",
                    ..ReleaseMirrorRequest::default()
                },
                Ok(""),
            ),
            (
                ReleaseMirrorRequest {
                    from: "",
                    to: &["m.local/ocp"],
                    print_mirror_instructions: "IDMS",
                    ..ReleaseMirrorRequest::default()
                },
                Ok(""),
            ),
            (
                ReleaseMirrorRequest {
                    from: "quay.io/Bad",
                    to: &["m.local/ocp"],
                    print_mirror_instructions: "icsp",
                    ..ReleaseMirrorRequest::default()
                },
                Err(
                    "unable to parse image reference 'quay.io/Bad': \"quay.io/Bad\" is not a valid image reference: repository name must be lowercase",
                ),
            ),
        ];
        for (request, want) in cases {
            let got = release_mirror_instructions(&request).map_err(|e| e.to_string());
            assert_eq!(
                got,
                want.map(str::to_owned).map_err(str::to_owned),
                "{request:?}"
            );
        }
    }
}
