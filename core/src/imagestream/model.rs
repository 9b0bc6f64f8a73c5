//! The `image.openshift.io/v1` ImageStream model (spec §2), as serde types.
//!
//! Field names, defaults and the presence of keys follow the v1 API as the server serialises it
//! (conformance `OPS.md` "Conventions"): keys the v1 types always write are always written
//! (`annotations: null`, `generation: null`, `items: null`, `referencePolicy.type`,
//! `lookupPolicy.local`, `status.dockerImageRepository`), optional ones are omitted when empty.
//! Every struct keeps the members it does not model in `extra`, so reading and writing an object
//! never drops data. Timestamps stay the RFC 3339 strings they were given (`None` = zero time,
//! written `null`).

use std::collections::{BTreeMap, VecDeque};

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

/// Members an object carries that the model does not name, kept as given.
pub type Extra = Map<String, Value>;

/// Reads `null` as the type's default (Go decodes `null` into an empty slice or string).
fn null_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// `skip_serializing_if` for `bool` members with `omitempty`.
#[allow(clippy::trivially_copy_pass_by_ref)] // serde passes a reference
fn is_false(value: &bool) -> bool {
    !*value
}

/// An `image.openshift.io/v1` ImageStream.
///
/// ```
/// use openshift_image::ImageStream;
///
/// let stream: ImageStream = serde_json::from_str(
///     r#"{"metadata": {"name": "ruby", "namespace": "proj"},
///         "spec": {"lookupPolicy": {"local": false}},
///         "status": {"dockerImageRepository": "",
///                    "tags": [{"tag": "latest", "items": [{"created": "2024-01-01T00:00:00Z",
///                              "dockerImageReference": "quay.io/ruby@sha256:abc",
///                              "image": "sha256:abc", "generation": 1}]}]}}"#,
/// )?;
/// assert_eq!(stream.name(), "ruby");
/// assert_eq!(stream.latest_tagged_image("").map(|e| e.image.as_str()), Some("sha256:abc"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ImageStream {
    /// `apiVersion` (`image.openshift.io/v1`); omitted when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// `kind` (`ImageStream`); omitted when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The object metadata.
    #[serde(default)]
    pub metadata: ObjectMeta,
    /// The desired tags (always written).
    #[serde(default, deserialize_with = "null_default")]
    pub spec: ImageStreamSpec,
    /// The tag history (always written).
    #[serde(default, deserialize_with = "null_default")]
    pub status: ImageStreamStatus,
    /// Members not modelled here.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The Kubernetes object metadata members the image stream logic reads. Each member keeps its
/// presence as given (an absent member stays absent, `""` stays `""`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ObjectMeta {
    /// `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `namespace`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// `generation` (the stream generation; absent = 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generation: Option<i64>,
    /// `labels`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<BTreeMap<String, String>>,
    /// `annotations`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<BTreeMap<String, String>>,
    /// Members not modelled here (`uid`, `resourceVersion`, `creationTimestamp`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// `spec` of an ImageStream.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ImageStreamSpec {
    /// `lookupPolicy` (always written).
    #[serde(default, deserialize_with = "null_default")]
    pub lookup_policy: ImageLookupPolicy,
    /// `dockerImageRepository`: the deprecated whole-repository import source.
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub docker_image_repository: String,
    /// `tags` (merge key `name`); omitted when empty.
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub tags: Vec<TagReference>,
    /// Members not modelled here.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `spec.lookupPolicy`.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct ImageLookupPolicy {
    /// `local`: resolve bare names in the namespace through this stream (always written).
    #[serde(default, deserialize_with = "null_default")]
    pub local: bool,
    /// Members not modelled here.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `status` of an ImageStream.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ImageStreamStatus {
    /// `dockerImageRepository`: the internal repository (always written).
    #[serde(default, deserialize_with = "null_default")]
    pub docker_image_repository: String,
    /// `publicDockerImageRepository`; omitted when empty.
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub public_docker_image_repository: String,
    /// `tags` (merge key `tag`): the history of each tag; omitted when empty.
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub tags: Vec<NamedTagEventList>,
    /// Members not modelled here.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A spec tag (`TagReference`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct TagReference {
    /// `name`: the tag.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// `annotations` (always written, `null` when absent).
    #[serde(default)]
    pub annotations: Option<BTreeMap<String, String>>,
    /// `from`: the source; omitted when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<ObjectReference>,
    /// `reference`: record the source pull spec as is, without importing; omitted when false.
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "is_false"
    )]
    pub reference: bool,
    /// `generation`: the spec generation of this tag (always written, `null` when absent).
    #[serde(default)]
    pub generation: Option<i64>,
    /// `importPolicy` (always written, `{}` when no member is set).
    #[serde(default, deserialize_with = "null_default")]
    pub import_policy: TagImportPolicy,
    /// `referencePolicy` (always written).
    #[serde(default, deserialize_with = "null_default")]
    pub reference_policy: TagReferencePolicy,
    /// Members not modelled here.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An `ObjectReference` (`from` of a spec tag): each member omitted when `""`.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct ObjectReference {
    /// `kind`: `DockerImage`, `ImageStreamTag` or `ImageStreamImage`.
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub kind: String,
    /// `namespace`; `""` = the stream's.
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub namespace: String,
    /// `name`: a pull spec, `<stream>:<tag>` / `<tag>` or `<stream>@<id>` / `<id>`.
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub name: String,
    /// Members not modelled here (`apiVersion`, `uid`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// `importPolicy` of a spec tag: each member omitted when empty.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct TagImportPolicy {
    /// `insecure`: the source may use HTTP or unverified TLS.
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "is_false"
    )]
    pub insecure: bool,
    /// `scheduled`: re-import periodically.
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "is_false"
    )]
    pub scheduled: bool,
    /// `importMode`: `Legacy`, `PreserveOriginal` or `""` (the cluster default).
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub import_mode: String,
    /// Members not modelled here.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `referencePolicy` of a spec tag.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct TagReferencePolicy {
    /// `type`: `Source`, `Local`, or `""` (v1 defaulting turns it into `Source`; always
    /// written).
    #[serde(rename = "type", default, deserialize_with = "null_default")]
    pub kind: String,
    /// Members not modelled here.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A status tag: the history of one tag, newest first (`NamedTagEventList`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct NamedTagEventList {
    /// `tag`.
    #[serde(default, deserialize_with = "null_default")]
    pub tag: String,
    /// `items`: `items[0]` is the current image (always written; `null` and `[]` are kept
    /// apart). A deque, so that pushing on top does not move the whole history.
    #[serde(default)]
    pub items: Option<VecDeque<TagEvent>>,
    /// `conditions`; omitted when empty.
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub conditions: Vec<TagEventCondition>,
    /// Members not modelled here.
    #[serde(flatten)]
    pub extra: Extra,
}

impl NamedTagEventList {
    /// The history, newest first (empty for `null`).
    #[must_use]
    pub fn items(&self) -> &VecDeque<TagEvent> {
        static EMPTY: VecDeque<TagEvent> = VecDeque::new();
        self.items.as_ref().unwrap_or(&EMPTY)
    }

    /// The current event (`items[0]`), if any.
    #[must_use]
    pub fn current(&self) -> Option<&TagEvent> {
        self.items().front()
    }
}

/// One history item (`TagEvent`); every member is always written.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct TagEvent {
    /// `created` (RFC 3339), `None` (`null`) for the zero time.
    #[serde(default)]
    pub created: Option<String>,
    /// `dockerImageReference`: the pull spec of the image.
    #[serde(default, deserialize_with = "null_default")]
    pub docker_image_reference: String,
    /// `image`: the Image name (a digest), `""` for reference-only events.
    #[serde(default, deserialize_with = "null_default")]
    pub image: String,
    /// `generation`: the spec-tag generation that produced the event.
    #[serde(default, deserialize_with = "null_default")]
    pub generation: i64,
    /// Members not modelled here.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A status tag condition (`TagEventCondition`, type `ImportSuccess`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct TagEventCondition {
    /// `type` (`ImportSuccess`).
    #[serde(rename = "type", default, deserialize_with = "null_default")]
    pub kind: String,
    /// `status`: `True`, `False` or `Unknown`.
    #[serde(default, deserialize_with = "null_default")]
    pub status: String,
    /// `lastTransitionTime` (RFC 3339), `None` (`null`) for the zero time.
    #[serde(default)]
    pub last_transition_time: Option<String>,
    /// `reason`; omitted when empty.
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub reason: String,
    /// `message`; omitted when empty.
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub message: String,
    /// `generation`: the spec-tag generation the condition is about.
    #[serde(default, deserialize_with = "null_default")]
    pub generation: i64,
    /// Members not modelled here.
    #[serde(flatten)]
    pub extra: Extra,
}

impl ImageStream {
    /// Applies the v1 defaults the server applies when it decodes a request: an empty
    /// `referencePolicy.type` becomes `Source` and an empty `importPolicy.importMode` becomes
    /// `Legacy` on every spec tag.
    pub fn apply_v1_defaults(&mut self) {
        for tag in &mut self.spec.tags {
            tag.apply_v1_defaults();
        }
    }
}

impl TagReference {
    /// The v1 defaults of a spec tag (see [`ImageStream::apply_v1_defaults`]).
    pub fn apply_v1_defaults(&mut self) {
        if self.reference_policy.kind.is_empty() {
            "Source".clone_into(&mut self.reference_policy.kind);
        }
        if self.import_policy.import_mode.is_empty() {
            "Legacy".clone_into(&mut self.import_policy.import_mode);
        }
    }
}

/// An `image.openshift.io/v1` Image: the members the image stream logic reads, everything else
/// kept in `extra`.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Image {
    /// `apiVersion`; omitted when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// `kind`; omitted when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The object metadata (`name` is the image digest).
    #[serde(default)]
    pub metadata: ObjectMeta,
    /// `dockerImageReference`: where the image can be pulled from.
    #[serde(default, deserialize_with = "null_default")]
    pub docker_image_reference: String,
    /// `dockerImageMetadata`: the image configuration (`Id`, `Size`, …), kept as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docker_image_metadata: Option<Value>,
    /// `dockerImageMetadataVersion`; omitted when empty.
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub docker_image_metadata_version: String,
    /// `dockerImageManifestMediaType`; omitted when empty.
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub docker_image_manifest_media_type: String,
    /// `dockerImageLayers`; always written (`null` when absent).
    #[serde(default)]
    pub docker_image_layers: Option<Vec<ImageLayer>>,
    /// `dockerImageManifests`: the sub-manifests of a manifest list; omitted when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docker_image_manifests: Option<Vec<ImageManifest>>,
    /// Members not modelled here.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Image {
    /// The image name (`metadata.name`, a digest), `""` when absent.
    #[must_use]
    pub fn name(&self) -> &str {
        self.metadata.name.as_deref().unwrap_or_default()
    }
}

/// One layer of an [`Image`] (`ImageLayer`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ImageLayer {
    /// `name`: the layer blob digest.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// `size` in bytes.
    #[serde(default, deserialize_with = "null_default")]
    pub size: i64,
    /// `mediaType`.
    #[serde(default, deserialize_with = "null_default")]
    pub media_type: String,
    /// Members not modelled here.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One sub-manifest of a manifest-list [`Image`] (`ImageManifest`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ImageManifest {
    /// `digest`.
    #[serde(default, deserialize_with = "null_default")]
    pub digest: String,
    /// `mediaType`.
    #[serde(default, deserialize_with = "null_default")]
    pub media_type: String,
    /// `manifestSize`.
    #[serde(default, deserialize_with = "null_default")]
    pub manifest_size: i64,
    /// `architecture`.
    #[serde(default, deserialize_with = "null_default")]
    pub architecture: String,
    /// `os`.
    #[serde(default, deserialize_with = "null_default")]
    pub os: String,
    /// `variant`; omitted when empty.
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub variant: String,
    /// Members not modelled here.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An `image.openshift.io/v1` ImageStreamTag (`<stream>:<tag>`), as sent by `oc tag` or served
/// by a GET.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ImageStreamTag {
    /// `apiVersion`; omitted when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// `kind`; omitted when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The object metadata (`name` is `<stream>:<tag>`).
    #[serde(default)]
    pub metadata: ObjectMeta,
    /// `tag`: the spec tag, `None` (`null`) when the tag has no spec entry.
    #[serde(default)]
    pub tag: Option<TagReference>,
    /// `generation`: the generation of the current history item.
    #[serde(default, deserialize_with = "null_default")]
    pub generation: i64,
    /// `lookupPolicy` of the stream.
    #[serde(default, deserialize_with = "null_default")]
    pub lookup_policy: ImageLookupPolicy,
    /// `conditions` of the status tag; omitted when empty.
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub conditions: Vec<TagEventCondition>,
    /// `image`: the current image, kept as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Value>,
    /// Members not modelled here.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An `image.openshift.io/v1` ImageStreamMapping: a push of `image` to `tag` of the stream
/// named by `metadata`.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ImageStreamMapping {
    /// `apiVersion`; omitted when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// `kind`; omitted when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The target stream (`name`, `namespace`).
    #[serde(default)]
    pub metadata: ObjectMeta,
    /// `image`: the pushed Image.
    #[serde(default)]
    pub image: Image,
    /// `tag`: the tag it is pushed to.
    #[serde(default, deserialize_with = "null_default")]
    pub tag: String,
    /// Members not modelled here.
    #[serde(flatten)]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn v1_stream_with_unknown_fields_round_trips() {
        let input = json!({
            "apiVersion": "image.openshift.io/v1",
            "kind": "ImageStream",
            "x-top": [1, 2.5, {"deep": null}],
            "metadata": {"name": "ruby", "namespace": "proj", "uid": "u-1",
                         "resourceVersion": "7", "generation": 3,
                         "annotations": {"openshift.io/image.dockerRepositoryCheck": "2024-01-01T00:00:00Z"}},
            "spec": {
                "lookupPolicy": {"local": true, "x-lp": 1},
                "dockerImageRepository": "quay.io/ruby",
                "x-spec": "kept",
                "tags": [{
                    "name": "2.7",
                    "annotations": null,
                    "from": {"kind": "DockerImage", "name": "quay.io/ruby:2.7", "uid": "abc"},
                    "reference": true,
                    "generation": null,
                    "importPolicy": {"scheduled": true, "importMode": "PreserveOriginal", "x-ip": false},
                    "referencePolicy": {"type": "Local", "x-rp": "y"},
                    "x-tag": {"a": 9_223_372_036_854_775_807_i64}
                }, {
                    "name": "latest",
                    "annotations": {"tags": "builder,hidden"},
                    "from": {"kind": "ImageStreamTag", "name": "2.7"},
                    "generation": 2,
                    "importPolicy": {},
                    "referencePolicy": {"type": ""}
                }]
            },
            "status": {
                "dockerImageRepository": "",
                "publicDockerImageRepository": "ext/proj/ruby",
                "x-status": 18_446_744_073_709_551_615_u64,
                "tags": [{
                    "tag": "2.7",
                    "items": [{"created": "2024-01-01T00:00:00Z", "dockerImageReference": "quay.io/ruby:2.7",
                               "image": "", "generation": 2, "x-ev": -1}],
                    "conditions": [{"type": "ImportSuccess", "status": "False", "lastTransitionTime": null,
                                    "reason": "NotFound", "message": "m", "generation": 2, "x-c": true}],
                    "x-ntel": []
                }, {"tag": "old", "items": null}, {"tag": "empty", "items": []}]
            }
        });
        let stream: ImageStream = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(stream.metadata.extra.get("uid"), Some(&json!("u-1")));
        let output = serde_json::to_value(&stream).unwrap();
        assert_eq!(output, input);
    }

    #[test]
    fn v1_defaults_fill_always_written_keys() {
        let stream: ImageStream = serde_json::from_value(json!({
            "metadata": {"name": "a"},
            "spec": {"tags": [{"name": "t"}]},
            "status": {"tags": [{"tag": "t"}]}
        }))
        .unwrap();
        let output = serde_json::to_value(&stream).unwrap();
        assert_eq!(
            output,
            json!({
                "metadata": {"name": "a"},
                "spec": {"lookupPolicy": {"local": false}, "tags": [{
                    "name": "t", "annotations": null, "generation": null,
                    "importPolicy": {}, "referencePolicy": {"type": ""}
                }]},
                "status": {"dockerImageRepository": "", "tags": [{"tag": "t", "items": null}]}
            })
        );
    }
}
