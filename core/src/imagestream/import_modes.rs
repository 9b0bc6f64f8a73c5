//! Import modes over manifest lists (spec §5.5): Legacy's platform choice and PreserveOriginal's
//! Image.
//!
//! A manifest list is a Docker manifest list (`application/vnd.docker.distribution.manifest.list.v2+json`)
//! or an OCI image index (`application/vnd.oci.image.index.v1+json`); both decode into
//! [`ManifestList`] as docker/distribution's `manifestlist.DeserializedManifestList` does.
//!
//! Our own serde types are used rather than the `oci-spec` crate's `ImageIndex`: that type
//! rejects lists the Go importer accepts (digests that are not 64 hex characters, negative
//! sizes, a missing `schemaVersion` or `platform.os`, member names in another case) and it
//! brings `regex`, `strum`, `getset`, `derive_builder` and `const_format` into every build,
//! WebAssembly included.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::error::{ImageStreamError, ImageStreamResult};
use crate::imagestream::model::{Image, ImageManifest, ObjectMeta};
use crate::imagestream::triggers::go_field_index;

/// The media type of a Docker manifest list.
pub const MEDIA_TYPE_MANIFEST_LIST: &str =
    "application/vnd.docker.distribution.manifest.list.v2+json";
/// The media type of an OCI image index; also what a list without `mediaType` is served as.
pub const MEDIA_TYPE_IMAGE_INDEX: &str = "application/vnd.oci.image.index.v1+json";
/// The architecture the apiserver falls back to when no preference is given (its own
/// `GOARCH`, `amd64` on the clusters the conformance data comes from) and, failing a match,
/// the platform it prefers before taking the first entry.
pub const DEFAULT_ARCHITECTURE: &str = "amd64";
/// The operating system of the same fallbacks (`GOOS`).
pub const DEFAULT_OS: &str = "linux";

/// The platform of a manifest list entry (`PlatformSpec`). Absent members are `""`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Platform {
    /// `architecture` (`amd64`, `arm64`, …).
    pub architecture: String,
    /// `os` (`linux`, `windows`, …).
    pub os: String,
    /// `os.version`.
    #[serde(rename = "os.version", skip_serializing_if = "String::is_empty")]
    pub os_version: String,
    /// `variant` (`v7`, `v8`, …).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub variant: String,
}

/// One entry of a manifest list (`ManifestDescriptor`). Absent members are empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ManifestDescriptor {
    /// `mediaType` of the referenced manifest.
    pub media_type: String,
    /// `size` of the referenced manifest in bytes.
    pub size: i64,
    /// `digest` of the referenced manifest (not validated, as upstream).
    pub digest: String,
    /// `platform`.
    pub platform: Platform,
}

/// A Docker manifest list or OCI image index, decoded as Go's `encoding/json` decodes
/// docker/distribution's `ManifestList`: member names match case-insensitively, unknown
/// members are ignored, `null` leaves a member empty, types are strict.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ManifestList {
    /// `schemaVersion` (2).
    pub schema_version: i64,
    /// `mediaType`; `""` when absent.
    pub media_type: String,
    /// `manifests`, in list order.
    pub manifests: Vec<ManifestDescriptor>,
}

impl ManifestList {
    /// Decodes a manifest list from its JSON bytes as the registry serves them.
    ///
    /// # Errors
    /// [`ImageStreamError::InvalidJson`] with the decoder's text.
    pub fn parse(payload: &str) -> ImageStreamResult<Self> {
        serde_json::from_str::<Self>(payload).map_err(|err| ImageStreamError::InvalidJson {
            document: "manifest list".to_owned(),
            message: err.to_string(),
        })
    }

    /// The media type the list is served as: its `mediaType`, or the OCI image index type
    /// when absent (docker/distribution `DeserializedManifestList.Payload`).
    #[must_use]
    pub fn served_media_type(&self) -> &str {
        if self.media_type.is_empty() {
            MEDIA_TYPE_IMAGE_INDEX
        } else {
            &self.media_type
        }
    }

    /// The entry `Legacy` import picks (openshift-apiserver `manifestFromManifestList`): the
    /// first whose architecture **and** os equal the preferred pair (an empty preference
    /// falls back to [`DEFAULT_ARCHITECTURE`] / [`DEFAULT_OS`], the apiserver's own platform),
    /// else the first `amd64`/`linux` entry, else the first entry. Comparisons are exact and
    /// case-sensitive; `variant` is ignored.
    ///
    /// # Errors
    /// [`ImageStreamError::EmptyManifestList`] (`no manifests in manifest list`).
    pub fn select_legacy(
        &self,
        prefer_arch: &str,
        prefer_os: &str,
    ) -> ImageStreamResult<&ManifestDescriptor> {
        self.select_legacy_on(prefer_arch, prefer_os, DEFAULT_ARCHITECTURE, DEFAULT_OS)
    }

    /// [`ManifestList::select_legacy`] for an apiserver running on `server_arch` /
    /// `server_os` (what empty preferences fall back to).
    ///
    /// # Errors
    /// [`ImageStreamError::EmptyManifestList`].
    pub fn select_legacy_on(
        &self,
        prefer_arch: &str,
        prefer_os: &str,
        server_arch: &str,
        server_os: &str,
    ) -> ImageStreamResult<&ManifestDescriptor> {
        let arch = if prefer_arch.is_empty() {
            server_arch
        } else {
            prefer_arch
        };
        let os = if prefer_os.is_empty() {
            server_os
        } else {
            prefer_os
        };
        let on = |arch: &str, os: &str| {
            self.manifests
                .iter()
                .find(|m| m.platform.architecture == arch && m.platform.os == os)
        };
        on(arch, os)
            .or_else(|| on(DEFAULT_ARCHITECTURE, DEFAULT_OS))
            .or_else(|| self.manifests.first())
            .ok_or(ImageStreamError::EmptyManifestList)
    }
}

/// `sha256:` + the hex SHA-256 of `payload`: the digest a registry names content by.
#[must_use]
pub fn sha256_digest(payload: &[u8]) -> String {
    use fmt::Write as _;
    let hash = Sha256::digest(payload);
    let mut out = String::with_capacity(7 + 2 * hash.len());
    out.push_str("sha256:");
    for byte in hash {
        // Writing to a String cannot fail.
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// The digest of the sub-manifest `Legacy` import takes from a manifest list (spec §5.5); see
/// [`ManifestList::select_legacy`].
///
/// ```
/// use openshift_image::imagestream::import_modes::select_manifest_legacy;
///
/// let list = r#"{"schemaVersion": 2,
///   "mediaType": "application/vnd.docker.distribution.manifest.list.v2+json",
///   "manifests": [
///     {"digest": "sha256:aaa", "platform": {"architecture": "arm64", "os": "linux"}},
///     {"digest": "sha256:bbb", "platform": {"architecture": "amd64", "os": "linux"}}]}"#;
/// assert_eq!(select_manifest_legacy(list, "arm64", "linux")?, "sha256:aaa");
/// assert_eq!(select_manifest_legacy(list, "", "")?, "sha256:bbb"); // the server's platform
/// assert_eq!(select_manifest_legacy(list, "riscv64", "")?, "sha256:bbb"); // linux/amd64
/// # Ok::<(), openshift_image::ImageStreamError>(())
/// ```
///
/// # Errors
/// [`ImageStreamError::InvalidJson`] for an undecodable list,
/// [`ImageStreamError::EmptyManifestList`] for a list without entries.
pub fn select_manifest_legacy(
    manifest_list: &str,
    prefer_arch: &str,
    prefer_os: &str,
) -> ImageStreamResult<String> {
    let list = ManifestList::parse(manifest_list)?;
    Ok(list.select_legacy(prefer_arch, prefer_os)?.digest.clone())
}

/// The Image `PreserveOriginal` import creates for a manifest list (spec §5.5,
/// openshift-apiserver `manifestListToImage`): named by the SHA-256 of the exact bytes,
/// `dockerImageManifestMediaType` = the list's media type, `dockerImageManifests` = one
/// `{digest, mediaType, manifestSize, architecture, os, variant?}` per entry in list order
/// (`None` for an empty list). `announced_digest` is the digest the registry announced
/// (`None` or `""`: not checked).
///
/// ```
/// use openshift_image::imagestream::import_modes::manifest_list_to_image;
///
/// let list = r#"{"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
///   "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "size": 7,
///                  "digest": "sha256:aaa", "platform": {"architecture": "arm", "os": "linux", "variant": "v7"}}]}"#;
/// let image = manifest_list_to_image(list, None)?;
/// assert!(image.name().starts_with("sha256:"));
/// let manifests = image.docker_image_manifests.unwrap_or_default();
/// assert_eq!((manifests[0].manifest_size, manifests[0].variant.as_str()), (7, "v7"));
/// assert!(manifest_list_to_image(list, Some("sha256:0000")).is_err());
/// # Ok::<(), openshift_image::ImageStreamError>(())
/// ```
///
/// # Errors
/// [`ImageStreamError::InvalidJson`] for an undecodable list,
/// [`ImageStreamError::ManifestDigestMismatch`] when the announced digest is not the
/// computed one.
pub fn manifest_list_to_image(
    manifest_list: &str,
    announced_digest: Option<&str>,
) -> ImageStreamResult<Image> {
    let list = ManifestList::parse(manifest_list)?;
    let media_type = list.served_media_type().to_owned();
    let computed = sha256_digest(manifest_list.as_bytes());
    if let Some(announced) = announced_digest.filter(|d| !d.is_empty() && *d != computed) {
        return Err(ImageStreamError::ManifestDigestMismatch {
            media_type,
            announced: announced.to_owned(),
            computed,
        });
    }
    let manifests: Vec<ImageManifest> = list
        .manifests
        .into_iter()
        .map(|m| ImageManifest {
            digest: m.digest,
            media_type: m.media_type,
            manifest_size: m.size,
            architecture: m.platform.architecture,
            os: m.platform.os,
            variant: m.platform.variant,
            ..ImageManifest::default()
        })
        .collect();
    Ok(Image {
        metadata: ObjectMeta {
            name: Some(computed),
            ..ObjectMeta::default()
        },
        docker_image_manifest_media_type: media_type,
        docker_image_manifests: (!manifests.is_empty()).then_some(manifests),
        ..Image::default()
    })
}

// Go-style decoding: each struct is decoded member by member into an existing value, so that
// `null` keeps the current value and repeated members apply in order, as `encoding/json` does.

/// Decodes a Go struct's JSON object into `target` (`null`: unchanged).
trait GoStruct {
    /// The JSON names of the struct's members, in field order.
    const FIELDS: &'static [&'static str];
    /// What the struct is, for error messages.
    const EXPECTING: &'static str;
    /// Decodes the value of member `index` into `self`.
    fn decode_member<'de, A: MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<(), A::Error>;
}

/// A [`DeserializeSeed`] / [`Visitor`] decoding into an existing [`GoStruct`].
struct GoInto<'a, T>(&'a mut T);

impl<'de, T: GoStruct> DeserializeSeed<'de> for GoInto<'_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, T: GoStruct> Visitor<'de> for GoInto<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match go_field_index(&key, T::FIELDS) {
                Some(index) => self.0.decode_member(index, &mut map)?,
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// Decodes a nullable scalar member: `null` keeps the current value.
fn scalar<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    target: &mut T,
) -> Result<(), A::Error> {
    if let Some(value) = map.next_value::<Option<T>>()? {
        *target = value;
    }
    Ok(())
}

impl GoStruct for Platform {
    const FIELDS: &'static [&'static str] = &["architecture", "os", "os.version", "variant"];
    const EXPECTING: &'static str = "a platform object";

    fn decode_member<'de, A: MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<(), A::Error> {
        match index {
            0 => scalar(map, &mut self.architecture),
            1 => scalar(map, &mut self.os),
            2 => scalar(map, &mut self.os_version),
            _ => scalar(map, &mut self.variant),
        }
    }
}

impl GoStruct for ManifestDescriptor {
    const FIELDS: &'static [&'static str] = &["mediaType", "size", "digest", "platform"];
    const EXPECTING: &'static str = "a manifest descriptor object";

    fn decode_member<'de, A: MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<(), A::Error> {
        match index {
            0 => scalar(map, &mut self.media_type),
            1 => scalar(map, &mut self.size),
            2 => scalar(map, &mut self.digest),
            _ => map.next_value_seed(GoInto(&mut self.platform)),
        }
    }
}

impl GoStruct for ManifestList {
    const FIELDS: &'static [&'static str] = &["schemaVersion", "mediaType", "manifests"];
    const EXPECTING: &'static str = "a manifest list object";

    fn decode_member<'de, A: MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<(), A::Error> {
        match index {
            0 => scalar(map, &mut self.schema_version),
            1 => scalar(map, &mut self.media_type),
            _ => map.next_value_seed(Descriptors(&mut self.manifests)),
        }
    }
}

/// Decodes the `manifests` array; Go replaces the slice (`null` empties it).
struct Descriptors<'a>(&'a mut Vec<ManifestDescriptor>);

impl<'de> DeserializeSeed<'de> for Descriptors<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Descriptors<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of manifest descriptors")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.0.clear();
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.0.clear();
        loop {
            let mut descriptor = ManifestDescriptor::default();
            if seq.next_element_seed(GoInto(&mut descriptor))?.is_none() {
                return Ok(());
            }
            self.0.push(descriptor);
        }
    }
}

impl<'de> Deserialize<'de> for ManifestList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut list = Self::default();
        GoInto(&mut list).deserialize(deserializer)?;
        Ok(list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(entries: &[(&str, &str, &str)]) -> String {
        let manifests: Vec<String> = entries
            .iter()
            .map(|(digest, arch, os)| {
                format!(r#"{{"mediaType": "m", "size": 1, "digest": "{digest}", "platform": {{"architecture": "{arch}", "os": "{os}"}}}}"#)
            })
            .collect();
        format!(
            r#"{{"schemaVersion": 2, "mediaType": "{MEDIA_TYPE_MANIFEST_LIST}", "manifests": [{}]}}"#,
            manifests.join(", ")
        )
    }

    #[test]
    fn legacy_selection() {
        let mixed = list(&[
            ("a", "arm64", "linux"),
            ("b", "amd64", "windows"),
            ("c", "amd64", "linux"),
            ("d", "arm64", "linux"),
        ]);
        let exotic = list(&[("a", "arm", "linux"), ("b", "s390x", "linux")]);
        let cases: &[(&str, &str, &str, Result<&str, &str>)] = &[
            (&mixed, "", "", Ok("c")),
            (&mixed, "arm64", "linux", Ok("a")),
            (&mixed, "arm64", "", Ok("a")),
            (&mixed, "", "windows", Ok("b")),
            (&mixed, "ARM64", "linux", Ok("c")),
            (&mixed, "riscv64", "linux", Ok("c")),
            (&exotic, "", "", Ok("a")),
            (&exotic, "s390x", "", Ok("b")),
            (
                r#"{"schemaVersion": 2, "manifests": []}"#,
                "",
                "",
                Err("no manifests in manifest list"),
            ),
            ("null", "", "", Err("no manifests in manifest list")),
        ];
        for (payload, arch, os, want) in cases {
            match (select_manifest_legacy(payload, arch, os), want) {
                (Ok(got), Ok(want)) => assert_eq!(got, *want, "{arch}/{os}"),
                (Err(err), Err(text)) => assert_eq!(err.to_string(), *text),
                (got, want) => panic!("{arch}/{os}: want {want:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn decoding_follows_go() {
        let parsed = ManifestList::parse(
            r#"{"SchemaVersion": 2, "MEDIATYPE": "x", "manifests": [null,
                {"Digest": "sha256:short", "size": -5, "platform": null, "urls": ["u"]},
                {"digest": "d", "platform": {"Architecture": "arm", "OS": "linux", "Variant": "v7", "os.version": "1"}}]}"#,
        )
        .unwrap();
        assert_eq!(parsed.schema_version, 2);
        assert_eq!(parsed.media_type, "x");
        assert_eq!(parsed.manifests.len(), 3);
        assert_eq!(parsed.manifests[1].digest, "sha256:short");
        assert_eq!(parsed.manifests[1].size, -5);
        assert_eq!(parsed.manifests[2].platform.variant, "v7");
        assert_eq!(parsed.manifests[2].platform.os_version, "1");
        for bad in [
            "{not json",
            r#"{"manifests": {}}"#,
            r#"{"schemaVersion": "2"}"#,
            r#"{"manifests": [{"size": 1.5}]}"#,
            "[]",
            r#"{} x"#,
        ] {
            assert!(
                matches!(
                    ManifestList::parse(bad),
                    Err(ImageStreamError::InvalidJson { .. })
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn preserve_original_image() {
        let payload = list(&[("a", "amd64", "linux")]);
        let digest = sha256_digest(payload.as_bytes());
        let image = manifest_list_to_image(&payload, Some(&digest)).unwrap();
        assert_eq!(image.name(), digest);
        assert_eq!(
            image.docker_image_manifest_media_type,
            MEDIA_TYPE_MANIFEST_LIST
        );
        let manifests = image.docker_image_manifests.unwrap();
        assert_eq!(
            (manifests[0].digest.as_str(), manifests[0].manifest_size),
            ("a", 1)
        );

        let empty =
            manifest_list_to_image(r#"{"schemaVersion": 2, "manifests": []}"#, Some("")).unwrap();
        assert_eq!(
            empty.docker_image_manifest_media_type,
            MEDIA_TYPE_IMAGE_INDEX
        );
        assert!(empty.docker_image_manifests.is_none());

        let err = manifest_list_to_image(&payload, Some("sha256:00")).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "content integrity error: the manifest retrieved (media type: {MEDIA_TYPE_MANIFEST_LIST}) with digest sha256:00 does not match the digest calculated from the content {digest}"
            )
        );
    }

    #[test]
    fn sha256_of_bytes() {
        assert_eq!(
            sha256_digest(b""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_digest(b"abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
