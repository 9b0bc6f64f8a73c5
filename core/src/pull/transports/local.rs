//! The transports whose references are local paths (`pull.md` §7.3–7.5, §7.8): `dir`, `sif`,
//! `oci`, `oci-archive` and `tarball`.

use super::fs::{FileSystem, open_check, resolve_path_to_fully_explicit};
use super::{ImageName, Transport, go_atoi, index_error};
use crate::gofmt::GoQuoted;
use crate::pull::PullError;

fn error(transport: Transport, message: String) -> PullError {
    PullError::TransportReference {
        transport: transport.as_str().to_owned(),
        message,
    }
}

/// The proper ancestors of a resolved path, nearest first, without `/` (`dir`, `sif`).
fn ancestors(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(i) = rest.rfind('/') {
        if i == 0 {
            break;
        }
        rest = rest.get(..i).unwrap_or_default();
        out.push(rest.to_owned());
    }
    out
}

/// The resolved path itself, then its ancestors, without `/` (`oci`, `oci-archive`).
fn self_and_ancestors(path: &str) -> Vec<String> {
    if path == "/" || !path.contains('/') {
        return Vec::new();
    }
    let mut out = vec![path.to_owned()];
    out.extend(ancestors(path));
    out
}

/// A path-only reference (`dir`, `sif`): identity the resolved path, namespaces its ancestors.
pub(super) fn parse_directory_like<F: FileSystem + ?Sized>(
    transport: Transport,
    rest: &str,
    fs: &F,
) -> Result<ImageName, PullError> {
    let resolved = resolve_path_to_fully_explicit(rest, fs)?;
    Ok(ImageName {
        transport,
        reference: rest.to_owned(),
        docker_reference: None,
        policy_namespaces: ancestors(&resolved),
        policy_identity: resolved,
    })
}

/// An OCI image name (`oci/internal.ValidateImageName`): empty, or components
/// `[A-Za-z0-9]+(([-._:@+]|--)[A-Za-z0-9]+)*` joined by `/`.
fn is_valid_oci_image_name(image: &str) -> bool {
    image.is_empty() || image.split('/').all(is_oci_name_component)
}

fn is_oci_name_component(component: &str) -> bool {
    let bytes = component.as_bytes();
    let mut i = 0;
    loop {
        let run = bytes
            .get(i..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if run == 0 {
            return false;
        }
        i += run;
        match (bytes.get(i), bytes.get(i + 1)) {
            (None, _) => return true,
            // After a single `-` an alphanumeric must follow, so `--` is the only reading.
            (Some(b'-'), Some(b'-')) => i += 2,
            (Some(b'-' | b'.' | b'_' | b':' | b'@' | b'+'), _) => i += 1,
            _ => return false,
        }
    }
}

/// `oci:<path>[:<image>|:@<index>]` and `oci-archive:<path>[:<image>]` (§7.5).
pub(super) fn parse_oci<F: FileSystem + ?Sized>(
    transport: Transport,
    rest: &str,
    fs: &F,
) -> Result<ImageName, PullError> {
    let (path, image) = rest.split_once(':').unwrap_or((rest, ""));
    let mut source_index = None;
    if transport == Transport::Oci
        && let Some(index) = image.strip_prefix('@')
    {
        let value = go_atoi(index).map_err(|e| {
            error(
                transport,
                format!(
                    "Invalid source index @{index}: not an integer: {}",
                    e.message(index)
                ),
            )
        })?;
        if value < 0 {
            return Err(error(transport, index_error(value)));
        }
        source_index = Some(value);
    }
    let resolved = resolve_path_to_fully_explicit(path, fs)?;
    let reference = match source_index {
        Some(index) => format!("{path}:@{index}"),
        None => {
            if !is_valid_oci_image_name(image) {
                return Err(error(transport, format!("Invalid image {image}")));
            }
            format!("{path}:{image}")
        }
    };
    Ok(ImageName {
        transport,
        reference,
        docker_reference: None,
        policy_namespaces: self_and_ancestors(&resolved),
        policy_identity: resolved,
    })
}

/// `tarball:<file>[:<file>…]` (§7.8): every file must open; `-` is standard input, which the
/// library does not read.
pub(super) fn parse_tarball<F: FileSystem + ?Sized>(
    rest: &str,
    fs: &F,
) -> Result<ImageName, PullError> {
    for file in rest.split(':') {
        if file == "-" {
            continue;
        }
        open_check(fs, file).map_err(|open_error| PullError::Filesystem {
            path: file.to_owned(),
            message: format!("error opening {}: {open_error}", GoQuoted(file)),
        })?;
    }
    Ok(ImageName {
        transport: Transport::Tarball,
        reference: rest.to_owned(),
        docker_reference: None,
        policy_identity: String::new(),
        policy_namespaces: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_of_paths() {
        assert_eq!(ancestors("/srv/images/x"), ["/srv/images", "/srv"]);
        assert!(ancestors("/srv").is_empty());
        assert!(ancestors("/").is_empty());
        assert_eq!(self_and_ancestors("/srv/images"), ["/srv/images", "/srv"]);
        assert_eq!(self_and_ancestors("/srv"), ["/srv"]);
        assert!(self_and_ancestors("/").is_empty());
    }

    #[test]
    fn oci_image_names() {
        let cases = [
            ("", true),
            ("v1", true),
            ("quay.io/ns/app:v1", true),
            ("a--b", true),
            ("a---b", false),
            ("UPPER_ok.1", true),
            ("-bad", false),
            ("bad-", false),
            ("bad tag", false),
            ("@0", false),
            ("a//b", false),
            ("/a", false),
            ("a/", false),
            ("sha256:0123", true),
        ];
        for (image, valid) in cases {
            assert_eq!(is_valid_oci_image_name(image), valid, "{image:?}");
        }
    }
}
