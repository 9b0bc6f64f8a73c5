//! The trigger controller's resolution of `image.openshift.io/triggers` for one workload (spec §6,
//! jsonpath.md §10).
//!
//! * [`parse_trigger_annotation`] / [`serialize_triggers`]: the annotation as library-go
//!   decodes and writes it (Go's `encoding/json` rules: case-insensitive member names, strict
//!   types, `null` leaves a member unchanged).
//! * [`pod_spec_path`] and [`container_for_field_path`]: which container a `fieldPath` names
//!   (library-go `ContainerForObjectFieldPath`).
//! * [`update_object_from_images`]: library-go `UpdateObjectFromImages` over any
//!   [`TagRetriever`]; [`StreamTagRetriever`] is openshift-controller-manager's retriever over
//!   a set of image streams.
//!
//! Workloads are handled as JSON ([`serde_json::Value`]): only `kind`, `metadata` and the pod
//! template's `containers` / `initContainers` are read, and only container `image`s are written,
//! so every other member passes through untouched.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::hash::BuildHasher;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{ImageStreamError, ImageStreamResult};
use crate::imagestream::model::{ImageStream, ImageStreamStatus};
use crate::reference::split_image_stream_tag;

/// The annotation holding a workload's image triggers.
pub const TRIGGER_ANNOTATION: &str = "image.openshift.io/triggers";

/// The prefix of a name selector, `containers[?(@.name=="web")]`.
const NAME_SELECTOR_PREFIX: &str = "?(@.name==\"";
/// The suffix of a name selector.
const NAME_SELECTOR_SUFFIX: &str = "\")";

/// The source of a trigger (library-go `trigger.ObjectReference`). Serialized as Go writes it:
/// `kind`, `name`, then `namespace` and `apiVersion` only when non-empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TriggerSource {
    /// `kind` (`ImageStreamTag`; not checked by the update itself).
    pub kind: String,
    /// `name`: `<stream>:<tag>` (`<stream>:` means `latest`; without `:` nothing resolves).
    pub name: String,
    /// `namespace`; `""` = the object's.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub namespace: String,
    /// `apiVersion`.
    #[serde(rename = "apiVersion", skip_serializing_if = "String::is_empty")]
    pub api_version: String,
}

/// One entry of the `image.openshift.io/triggers` annotation (library-go
/// `trigger.ObjectFieldTrigger`). Serialized as Go writes it: `from`, `fieldPath`, then
/// `paused` only when true.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ObjectFieldTrigger {
    /// `from`: the image stream tag to follow.
    pub from: TriggerSource,
    /// `fieldPath`: the field to set, e.g. `spec.template.spec.containers[?(@.name=="web")].image`.
    #[serde(rename = "fieldPath")]
    pub field_path: String,
    /// `paused`: the trigger is ignored.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub paused: bool,
}

/// Parses the value of the `image.openshift.io/triggers` annotation as library-go
/// `CalculateAnnotationTriggers` does: a JSON array of [`ObjectFieldTrigger`]; the JSON value
/// `null` means no triggers (`None`).
///
/// Decoding follows Go's `encoding/json`: member names match exactly or else
/// case-insensitively (`"FieldPath"`, `"PAUSED"`), unknown members are ignored, `null` leaves a
/// member as it was (so `"paused": null` is false), types are strict (`"paused": "false"` is
/// an error) and a repeated member is applied in order (a repeated `from` is merged).
///
/// ```
/// use openshift_image::imagestream::triggers::parse_trigger_annotation;
///
/// let triggers = parse_trigger_annotation(
///     r#"[{"from": {"kind": "ImageStreamTag", "name": "ruby:2.7"},
///          "FieldPath": "spec.template.spec.containers[0].image"}]"#,
/// )?
/// .unwrap_or_default();
/// assert_eq!(triggers[0].from.name, "ruby:2.7");
/// assert_eq!(triggers[0].field_path, "spec.template.spec.containers[0].image");
/// assert!(parse_trigger_annotation("null")?.is_none());
/// assert!(parse_trigger_annotation(r#"[{"paused": "false"}]"#).is_err());
/// # Ok::<(), openshift_image::ImageStreamError>(())
/// ```
///
/// # Errors
/// [`ImageStreamError::InvalidJson`] when the value does not decode (the decoder's text),
/// [`ImageStreamError::DuplicateTriggers`] when two triggers have the same `fieldPath`.
pub fn parse_trigger_annotation(value: &str) -> ImageStreamResult<Option<Vec<ObjectFieldTrigger>>> {
    let triggers: Option<Vec<ObjectFieldTrigger>> =
        serde_json::from_str(value).map_err(|err| ImageStreamError::InvalidJson {
            document: TRIGGER_ANNOTATION.to_owned(),
            message: err.to_string(),
        })?;
    if let Some(triggers) = &triggers {
        let mut seen = HashSet::with_capacity(triggers.len());
        for trigger in triggers {
            if !seen.insert(trigger.field_path.as_str()) {
                return Err(ImageStreamError::DuplicateTriggers {
                    field_path: trigger.field_path.clone(),
                });
            }
        }
    }
    Ok(triggers)
}

/// Writes triggers as the annotation value, exactly as Go's `json.Marshal` does (compact; `<`,
/// `>`, `&`, U+2028 and U+2029 escaped as `\u003c`, `\u003e`, `\u0026`, `\u2028`, `\u2029`).
///
/// ```
/// use openshift_image::imagestream::triggers::{ObjectFieldTrigger, TriggerSource, serialize_triggers};
///
/// let trigger = ObjectFieldTrigger {
///     from: TriggerSource { kind: "ImageStreamTag".into(), name: "ruby:latest".into(), ..Default::default() },
///     field_path: r#"spec.template.spec.containers[?(@.name=="ruby")].image"#.into(),
///     paused: false,
/// };
/// assert_eq!(
///     serialize_triggers(&[trigger]),
///     r#"[{"from":{"kind":"ImageStreamTag","name":"ruby:latest"},"fieldPath":"spec.template.spec.containers[?(@.name==\"ruby\")].image"}]"#
/// );
/// ```
#[must_use]
pub fn serialize_triggers(triggers: &[ObjectFieldTrigger]) -> String {
    // Plain structs of strings and bools always serialize.
    let json = serde_json::to_string(triggers).unwrap_or_default();
    // Those characters can only occur inside JSON strings, so replacing them is safe.
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Matches a JSON member name against Go struct field names as `encoding/json` does: an
/// exact match first, else a case-insensitive one (Unicode simple folding; for ASCII field
/// names only `ſ` and the Kelvin sign `K` fold onto ASCII letters besides ASCII itself).
pub(crate) fn go_field_index(key: &str, fields: &[&str]) -> Option<usize> {
    fields
        .iter()
        .position(|field| *field == key)
        .or_else(|| fields.iter().position(|field| go_fold_eq(key, field)))
}

/// Whether `a` and `b` are equal under Go's name folding (see [`go_field_index`]).
fn go_fold_eq(a: &str, b: &str) -> bool {
    fn fold(c: char) -> char {
        match c {
            '\u{017F}' => 'S',
            '\u{212A}' => 'K',
            c => c.to_ascii_uppercase(),
        }
    }
    a.chars().map(fold).eq(b.chars().map(fold))
}

impl<'de> Deserialize<'de> for ObjectFieldTrigger {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut trigger = Self::default();
        deserializer.deserialize_any(TriggerVisitor(&mut trigger))?;
        Ok(trigger)
    }
}

/// Decodes one trigger into an existing value (Go decodes into the zero value, `null` leaving
/// it unchanged).
struct TriggerVisitor<'a>(&'a mut ObjectFieldTrigger);

impl<'de> Visitor<'de> for TriggerVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a trigger object")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        const FIELDS: [&str; 3] = ["from", "fieldPath", "paused"];
        while let Some(key) = map.next_key::<String>()? {
            match go_field_index(&key, &FIELDS) {
                Some(0) => map.next_value_seed(SourceSeed(&mut self.0.from))?,
                Some(1) => {
                    if let Some(value) = map.next_value::<Option<String>>()? {
                        self.0.field_path = value;
                    }
                }
                Some(2) => {
                    if let Some(value) = map.next_value::<Option<bool>>()? {
                        self.0.paused = value;
                    }
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// Decodes a trigger's `from` into the existing value: Go merges a repeated `from` member.
struct SourceSeed<'a>(&'a mut TriggerSource);

impl<'de> DeserializeSeed<'de> for SourceSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for SourceSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object reference")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        const FIELDS: [&str; 4] = ["kind", "name", "namespace", "apiVersion"];
        while let Some(key) = map.next_key::<String>()? {
            let target = match go_field_index(&key, &FIELDS) {
                Some(0) => &mut self.0.kind,
                Some(1) => &mut self.0.name,
                Some(2) => &mut self.0.namespace,
                Some(3) => &mut self.0.api_version,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            if let Some(value) = map.next_value::<Option<String>>()? {
                *target = value;
            }
        }
        Ok(())
    }
}

/// Where a workload keeps its pod spec (library-go `referencemutator`, jsonpath.md §10.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PodSpecPath {
    /// The members leading to the pod spec, e.g. `["spec", "template", "spec"]`.
    pub segments: &'static [&'static str],
    /// The same path as a field path, e.g. `spec.template.spec`.
    pub field_path: &'static str,
}

impl PodSpecPath {
    const POD: Self = Self {
        segments: &["spec"],
        field_path: "spec",
    };
    const POD_TEMPLATE: Self = Self {
        segments: &["template", "spec"],
        field_path: "template.spec",
    };
    const TEMPLATE: Self = Self {
        segments: &["spec", "template", "spec"],
        field_path: "spec.template.spec",
    };
    const CRON_JOB: Self = Self {
        segments: &["spec", "jobTemplate", "spec", "template", "spec"],
        field_path: "spec.jobTemplate.spec.template.spec",
    };

    /// The pod spec object of `object`, if present.
    fn get<'v>(&self, object: &'v Value) -> Option<&'v Value> {
        self.segments
            .iter()
            .try_fold(object, |value, segment| value.get(segment))
    }

    /// The pod spec object of `object`, mutably, if present.
    fn get_mut<'v>(&self, object: &'v mut Value) -> Option<&'v mut Value> {
        self.segments
            .iter()
            .try_fold(object, |value, segment| value.get_mut(segment))
    }
}

/// The pod spec path of a workload, by its `kind` (any group and version): `Pod` → `spec`,
/// `PodTemplate` → `template.spec`, `CronJob` → `spec.jobTemplate.spec.template.spec`, and
/// `spec.template.spec` for `DaemonSet`, `Deployment`, `ReplicaSet`, `StatefulSet`, `Job`,
/// the `PodSecurityPolicy*Review`s, and `ReplicationController` / `DeploymentConfig` when
/// their `spec.template` is set.
///
/// # Errors
/// [`ImageStreamError::NoPodSpec`] (`no list of images available for this object`) for any
/// other object.
pub fn pod_spec_path(object: &Value) -> ImageStreamResult<PodSpecPath> {
    let kind = object
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let path = match kind {
        "Pod" => Some(PodSpecPath::POD),
        "PodTemplate" => Some(PodSpecPath::POD_TEMPLATE),
        "DaemonSet"
        | "Deployment"
        | "ReplicaSet"
        | "StatefulSet"
        | "Job"
        | "PodSecurityPolicySubjectReview"
        | "PodSecurityPolicySelfSubjectReview"
        | "PodSecurityPolicyReview" => Some(PodSpecPath::TEMPLATE),
        // Their template is a pointer upstream: without one there is no pod spec.
        "ReplicationController" | "DeploymentConfig" => object
            .get("spec")
            .and_then(|spec| spec.get("template"))
            .filter(|template| template.is_object())
            .map(|_| PodSpecPath::TEMPLATE),
        "CronJob" => Some(PodSpecPath::CRON_JOB),
        _ => None,
    };
    path.ok_or_else(|| ImageStreamError::NoPodSpec {
        kind: kind.to_owned(),
    })
}

/// A container's name and image (absent members are `""`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContainerImage {
    /// `name`.
    pub name: String,
    /// `image`.
    pub image: String,
}

/// The container list of a pod spec (`initContainers` when `init`), empty when absent.
fn container_list(pod_spec: Option<&Value>, init: bool) -> &[Value] {
    let key = if init { "initContainers" } else { "containers" };
    pod_spec
        .and_then(|spec| spec.get(key))
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// A member of a container as a string, `""` when absent.
fn container_member<'v>(container: &'v Value, member: &str) -> &'v str {
    container
        .get(member)
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// The containers (or init containers) of a workload's pod spec, in order.
///
/// # Errors
/// [`ImageStreamError::NoPodSpec`] as [`pod_spec_path`].
pub fn container_images(object: &Value, init: bool) -> ImageStreamResult<Vec<ContainerImage>> {
    let path = pod_spec_path(object)?;
    Ok(container_list(path.get(object), init)
        .iter()
        .map(|c| ContainerImage {
            name: container_member(c, "name").to_owned(),
            image: container_member(c, "image").to_owned(),
        })
        .collect())
}

/// A container found by a field path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerMatch {
    /// The container is an init container.
    pub init: bool,
    /// Its index in `containers` / `initContainers`.
    pub index: usize,
    /// Its name.
    pub name: String,
    /// Its image.
    pub image: String,
    /// The rest of the field path after the container selector (one leading `.` removed).
    pub remainder: String,
}

/// Splits `containers[<selector>]<remainder>` / `initContainers[…]` (library-go
/// `parseContainerReference`): the selector runs to the first `]`, one leading `.` is removed
/// from the remainder.
fn parse_container_reference(path: &str) -> Option<(bool, &str, &str)> {
    let (init, rest) = if let Some(rest) = path.strip_prefix("containers[") {
        (false, rest)
    } else {
        (true, path.strip_prefix("initContainers[")?)
    };
    let (selector, remainder) = rest.split_once(']')?;
    Some((
        init,
        selector,
        remainder.strip_prefix('.').unwrap_or(remainder),
    ))
}

/// Go's `strconv.Atoi` on a 64-bit platform: an optional sign and decimal digits fitting in
/// an `int64`.
fn go_atoi(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Rust's parser takes the same sign and digit forms; it only rejects overflow.
    s.parse().ok()
}

/// The container a selector names (library-go `findContainerBySelector`): an integer indexes
/// the named list; `?(@.name=="NAME")` (either affix suffices, as upstream trims each
/// separately) looks the name up in `initContainers` first, then `containers`.
fn find_container_by_selector(
    pod_spec: Option<&Value>,
    init: bool,
    selector: &str,
) -> Option<(bool, usize)> {
    if let Some(index) = go_atoi(selector) {
        let index = usize::try_from(index).ok()?;
        return (index < container_list(pod_spec, init).len()).then_some((init, index));
    }
    let trimmed = selector
        .strip_prefix(NAME_SELECTOR_PREFIX)
        .unwrap_or(selector);
    let name = trimmed
        .strip_suffix(NAME_SELECTOR_SUFFIX)
        .unwrap_or(trimmed);
    if name.len() == selector.len() {
        return None;
    }
    [true, false].into_iter().find_map(|init| {
        container_list(pod_spec, init)
            .iter()
            .position(|c| container_member(c, "name") == name)
            .map(|index| (init, index))
    })
}

/// The container a trigger's `fieldPath` names in `object` (library-go
/// `ContainerForObjectFieldPath`, jsonpath.md §10.3), with the rest of the path.
///
/// ```
/// use openshift_image::imagestream::triggers::container_for_field_path;
/// use serde_json::json;
///
/// let deployment = json!({"kind": "Deployment", "spec": {"template": {"spec": {
///     "containers": [{"name": "web", "image": "w:1"}],
///     "initContainers": [{"name": "setup", "image": "s:1"}]}}}});
/// let found = container_for_field_path(
///     &deployment, r#"spec.template.spec.containers[?(@.name=="setup")].image"#)?;
/// assert_eq!((found.init, found.name.as_str(), found.remainder.as_str()), (true, "setup", "image"));
/// assert_eq!(
///     container_for_field_path(&deployment, "spec.template.spec.containers[3].image")
///         .unwrap_err().to_string(),
///     "no such container: 3"
/// );
/// # Ok::<(), openshift_image::ImageStreamError>(())
/// ```
///
/// # Errors
/// [`ImageStreamError::NoPodSpec`]; [`ImageStreamError::InvalidFieldPath`] (`1 field path is
/// not valid: …` when the path does not start with the pod spec path, `2 …` when no
/// `containers[…]` / `initContainers[…]` follows); [`ImageStreamError::NoSuchContainer`]
/// (`no such container: <selector>`).
pub fn container_for_field_path(
    object: &Value,
    field_path: &str,
) -> ImageStreamResult<ContainerMatch> {
    let path = pod_spec_path(object)?;
    let invalid = |stage| ImageStreamError::InvalidFieldPath {
        stage: Some(stage),
        field_path: field_path.to_owned(),
    };
    let container_path = field_path
        .strip_prefix(path.field_path)
        .ok_or_else(|| invalid(1))?;
    let container_path = container_path.strip_prefix('.').unwrap_or(container_path);
    let (init, selector, remainder) =
        parse_container_reference(container_path).ok_or_else(|| invalid(2))?;
    let pod_spec = path.get(object);
    let (init, index) = find_container_by_selector(pod_spec, init, selector).ok_or_else(|| {
        ImageStreamError::NoSuchContainer {
            selector: selector.to_owned(),
        }
    })?;
    let container = container_list(pod_spec, init).get(index);
    let member = |m| {
        container
            .map(|c| container_member(c, m))
            .unwrap_or_default()
    };
    Ok(ContainerMatch {
        init,
        index,
        name: member("name").to_owned(),
        image: member("image").to_owned(),
        remainder: remainder.to_owned(),
    })
}

/// Resolves an image stream tag to the pull spec a trigger sets (library-go
/// `trigger.TagRetriever`).
pub trait TagRetriever {
    /// The pull spec `name` (`<stream>:<tag>`, as the trigger's `from.name`) in `namespace`
    /// currently points to, or `None` when it cannot be resolved.
    fn image_stream_tag(&self, namespace: &str, name: &str) -> Option<String>;
}

/// A fixed table `"<namespace>/<stream>:<tag>"` → pull spec.
impl<S: BuildHasher> TagRetriever for HashMap<String, String, S> {
    fn image_stream_tag(&self, namespace: &str, name: &str) -> Option<String> {
        self.get(&format!("{namespace}/{name}")).cloned()
    }
}

/// A fixed table `"<namespace>/<stream>:<tag>"` → pull spec.
impl TagRetriever for BTreeMap<String, String> {
    fn image_stream_tag(&self, namespace: &str, name: &str) -> Option<String> {
        self.get(&format!("{namespace}/{name}")).cloned()
    }
}

/// openshift-controller-manager's tag retriever over an informer cache of image streams.
///
/// `<stream>:<tag>` resolves with spec §4.2 (`<stream>:` = `latest`; a name without `:`, an
/// unknown stream, tag or empty history resolve nothing). A stream without
/// `status.dockerImageRepository` is resolved as if it were
/// `<internal registry>/<namespace>/<stream>:<tag>` (the controller formats the trigger's whole
/// name in; the tag is then dropped by §4.2, and with no host configured the repository does
/// not parse and the event's own pull spec is used).
///
/// ```
/// use openshift_image::ImageStream;
/// use openshift_image::imagestream::triggers::{StreamTagRetriever, TagRetriever};
///
/// let streams: Vec<ImageStream> = serde_json::from_str(
///     r#"[{"metadata": {"name": "python", "namespace": "proj"},
///          "spec": {"tags": [{"name": "local", "referencePolicy": {"type": "Local"}}]},
///          "status": {"dockerImageRepository": "",
///                     "tags": [{"tag": "local", "items": [{"created": null,
///                               "dockerImageReference": "quay.io/py@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
///                               "image": "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "generation": 1}]}]}}]"#,
/// )?;
/// let retriever = StreamTagRetriever::new(&streams, "172.30.1.1:5000");
/// assert_eq!(
///     retriever.image_stream_tag("proj", "python:local").as_deref(),
///     Some("172.30.1.1:5000/proj/python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
/// );
/// assert_eq!(retriever.image_stream_tag("proj", "python"), None);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct StreamTagRetriever<'a> {
    streams: HashMap<(&'a str, &'a str), &'a ImageStream>,
    internal_registry: &'a str,
}

impl<'a> StreamTagRetriever<'a> {
    /// A retriever over `streams` (looked up by namespace and name; the first of duplicates
    /// wins) with the controller's internal registry host (may be `""`).
    #[must_use]
    pub fn new(streams: &'a [ImageStream], internal_registry: &'a str) -> Self {
        let mut index = HashMap::with_capacity(streams.len());
        for stream in streams {
            index
                .entry((stream.namespace(), stream.name()))
                .or_insert(stream);
        }
        Self {
            streams: index,
            internal_registry,
        }
    }
}

impl TagRetriever for StreamTagRetriever<'_> {
    fn image_stream_tag(&self, namespace: &str, name: &str) -> Option<String> {
        let (split, ok) = split_image_stream_tag(name);
        if !ok {
            return None;
        }
        let stream = self.streams.get(&(namespace, split.name.as_str()))?;
        if !stream.status.docker_image_repository.is_empty() {
            return stream.resolve_latest_tagged_image(&split.tag);
        }
        let event = stream.latest_tagged_image(&split.tag)?;
        // Only the repository of the copy differs; resolve against a stream holding just it.
        let repository_holder = ImageStream {
            status: ImageStreamStatus {
                docker_image_repository: format!("{}/{namespace}/{name}", self.internal_registry),
                ..ImageStreamStatus::default()
            },
            ..ImageStream::default()
        };
        Some(repository_holder.resolve_event(stream.spec_tag(&split.tag), event))
    }
}

/// Applies a workload's image triggers (library-go `UpdateObjectFromImages`, jsonpath.md
/// §10.4): the updated copy, or `None` when nothing changes.
///
/// Triggers are taken in order: paused ones and those whose `fieldPath` does not start with
/// `<pod spec path>.` are skipped, the source namespace defaults to the object's, a tag the
/// retriever cannot resolve is skipped; then the rest of the path must be a container selector
/// followed by exactly `image`, and the container must exist. Later triggers see the images
/// set by earlier ones. `from.kind` and `apiVersion` are not looked at.
///
/// ```
/// use std::collections::HashMap;
/// use openshift_image::imagestream::triggers::update_object_from_images;
/// use serde_json::json;
///
/// let deployment = json!({
///     "kind": "Deployment",
///     "metadata": {"namespace": "proj", "annotations": {"image.openshift.io/triggers":
///         r#"[{"from":{"kind":"ImageStreamTag","name":"ruby:2.7"},"fieldPath":"spec.template.spec.containers[0].image"}]"#}},
///     "spec": {"template": {"spec": {"containers": [{"name": "web", "image": "placeholder"}]}}}
/// });
/// let tags = HashMap::from([("proj/ruby:2.7".to_owned(), "quay.io/ruby@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef".to_owned())]);
/// let updated = update_object_from_images(&deployment, &tags)?.expect("changed");
/// assert_eq!(updated["spec"]["template"]["spec"]["containers"][0]["image"], "quay.io/ruby@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
/// # Ok::<(), openshift_image::ImageStreamError>(())
/// ```
///
/// # Errors
/// [`ImageStreamError::NoPodSpec`]; the annotation's errors ([`parse_trigger_annotation`]);
/// [`ImageStreamError::InvalidFieldPath`] (`field path is not valid: <fieldPath>`) and
/// [`ImageStreamError::NoSuchContainer`] (`no such container: <fieldPath>`) for a resolvable
/// trigger whose path does not name a container image.
pub fn update_object_from_images(
    object: &Value,
    retriever: &dyn TagRetriever,
) -> ImageStreamResult<Option<Value>> {
    let path = pod_spec_path(object)?;
    let metadata = object.get("metadata");
    let annotation = metadata
        .and_then(|m| m.get("annotations"))
        .and_then(|a| a.get(TRIGGER_ANNOTATION))
        .and_then(Value::as_str);
    let Some(triggers) = annotation
        .map(parse_trigger_annotation)
        .transpose()?
        .flatten()
    else {
        return Ok(None);
    };
    let object_namespace = metadata
        .and_then(|m| m.get("namespace"))
        .and_then(Value::as_str)
        .unwrap_or_default();

    let mut updated: Option<Value> = None;
    for trigger in &triggers {
        if trigger.paused {
            continue;
        }
        let Some(relative) = trigger
            .field_path
            .strip_prefix(path.field_path)
            .and_then(|rest| rest.strip_prefix('.'))
        else {
            continue;
        };
        let namespace = if trigger.from.namespace.is_empty() {
            object_namespace
        } else {
            trigger.from.namespace.as_str()
        };
        let Some(reference) = retriever.image_stream_tag(namespace, &trigger.from.name) else {
            continue;
        };
        let (init, selector) = match parse_container_reference(relative) {
            Some((init, selector, "image")) => (init, selector),
            _ => {
                return Err(ImageStreamError::InvalidFieldPath {
                    stage: None,
                    field_path: trigger.field_path.clone(),
                });
            }
        };
        let current = updated.as_ref().unwrap_or(object);
        let (init, index) = find_container_by_selector(path.get(current), init, selector)
            .ok_or_else(|| ImageStreamError::NoSuchContainer {
                selector: trigger.field_path.clone(),
            })?;
        let image = container_list(path.get(current), init)
            .get(index)
            .map(|c| container_member(c, "image"))
            .unwrap_or_default();
        if image == reference {
            continue;
        }
        let target = updated.get_or_insert_with(|| object.clone());
        let key = if init { "initContainers" } else { "containers" };
        if let Some(container) = path
            .get_mut(target)
            .and_then(|spec| spec.get_mut(key))
            .and_then(|list| list.get_mut(index))
            .and_then(Value::as_object_mut)
        {
            container.insert("image".to_owned(), Value::String(reference));
        }
    }
    Ok(updated)
}

/// What applying a workload's triggers did ([`apply_image_triggers`]).
#[derive(Debug, Clone, PartialEq)]
pub struct TriggerUpdate {
    /// The updated copy of the object, or `None` when no image changed.
    pub object: Option<Value>,
    /// The containers whose image differs afterwards, as `containers[<i>]` /
    /// `initContainers[<i>]`, sorted.
    pub changed: Vec<String>,
}

/// [`update_object_from_images`] with a report of the containers it changed: the controller's
/// update as a user sees it ("which images does this tag change rewrite?").
///
/// ```
/// use std::collections::BTreeMap;
/// use openshift_image::imagestream::triggers::apply_image_triggers;
/// use serde_json::json;
///
/// let pod = json!({"kind": "Pod", "metadata": {"namespace": "shop", "annotations": {
///     "image.openshift.io/triggers": r#"[{"from":{"kind":"ImageStreamTag","name":"web:1"},"fieldPath":"spec.containers[0].image"}]"#}},
///     "spec": {"containers": [{"name": "web", "image": "old"}]}});
/// let tags = BTreeMap::from([("shop/web:1".to_owned(), "quay.io/acme/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef".to_owned())]);
/// let update = apply_image_triggers(&pod, &tags)?;
/// assert_eq!(update.changed, ["containers[0]"]);
/// # Ok::<(), openshift_image::ImageStreamError>(())
/// ```
///
/// # Errors
/// As [`update_object_from_images`].
pub fn apply_image_triggers(
    object: &Value,
    retriever: &dyn TagRetriever,
) -> ImageStreamResult<TriggerUpdate> {
    let Some(updated) = update_object_from_images(object, retriever)? else {
        return Ok(TriggerUpdate {
            object: None,
            changed: Vec::new(),
        });
    };
    let path = pod_spec_path(object)?;
    let mut changed = Vec::new();
    for (init, key) in [(false, "containers"), (true, "initContainers")] {
        let before = container_list(path.get(object), init);
        let after = container_list(path.get(&updated), init);
        for (index, container) in after.iter().enumerate() {
            let old = before.get(index).map(|c| container_member(c, "image"));
            if old != Some(container_member(container, "image")) {
                changed.push(format!("{key}[{index}]"));
            }
        }
    }
    changed.sort_unstable();
    Ok(TriggerUpdate {
        object: Some(updated),
        changed,
    })
}

/// The kinds openshift-controller-manager's trigger controller watches (`apiVersion`, `kind`);
/// annotations on other kinds are valid but never acted on (jsonpath.md §10.5).
pub const WATCHED_KINDS: &[(&str, &str)] = &[
    ("apps/v1", "Deployment"),
    ("apps/v1", "DaemonSet"),
    ("apps/v1", "StatefulSet"),
    ("batch/v1", "CronJob"),
];

/// The key the trigger controller files a trigger under, `<namespace>/<stream>`, or `None`
/// when it never indexes it: a paused trigger, a source other than an `ImageStreamTag` with an
/// empty `apiVersion`, or a `from.name` without `:` (jsonpath.md §10.5). The namespace
/// defaults to the object's.
#[must_use]
pub fn trigger_index_key(trigger: &ObjectFieldTrigger, object_namespace: &str) -> Option<String> {
    let from = &trigger.from;
    if trigger.paused || from.kind != "ImageStreamTag" || !from.api_version.is_empty() {
        return None;
    }
    let (stream, _tag) = from.name.split_once(':')?;
    let namespace = if from.namespace.is_empty() {
        object_namespace
    } else {
        &from.namespace
    };
    Some(format!("{namespace}/{stream}"))
}

/// One object a change of an image stream fires ([`objects_fired_by`]).
#[derive(Debug, Clone, PartialEq)]
pub struct FiredObject {
    /// The object's position in the input.
    pub index: usize,
    /// What the controller's update does to it (an undecodable annotation or an invalid
    /// field path is an error, which the controller logs).
    pub outcome: ImageStreamResult<TriggerUpdate>,
}

/// Which of `objects` a change of the image stream `namespace/stream` fires, and what the
/// controller's update then rewrites in each, with tags resolved by `retriever` (the streams
/// after the change): the objects of a watched kind ([`WATCHED_KINDS`]) with a trigger
/// indexed under that stream ([`trigger_index_key`]), in input order. An object whose
/// annotation does not decode is not indexed, so it is not fired.
///
/// ```
/// use std::collections::BTreeMap;
/// use openshift_image::imagestream::triggers::objects_fired_by;
/// use serde_json::json;
///
/// let deployment = |name: &str, tag: &str| json!({"apiVersion": "apps/v1", "kind": "Deployment",
///     "metadata": {"name": name, "namespace": "shop", "annotations": {"image.openshift.io/triggers":
///         format!(r#"[{{"from":{{"kind":"ImageStreamTag","name":"web:{tag}"}},"fieldPath":"spec.template.spec.containers[0].image"}}]"#)}},
///     "spec": {"template": {"spec": {"containers": [{"name": "web", "image": "old"}]}}}});
/// let objects = [deployment("a", "prod"), deployment("b", "dev"), deployment("c", "prod")];
/// let tags = BTreeMap::from([("shop/web:prod".to_owned(), "quay.io/shop/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef".to_owned())]);
/// let fired = objects_fired_by(&objects, "shop", "web", &tags);
/// // All three follow the stream; only the two on :prod change (b's tag does not resolve).
/// let changed: Vec<(usize, usize)> = fired.iter()
///     .map(|f| (f.index, f.outcome.as_ref().map_or(0, |u| u.changed.len()))).collect();
/// assert_eq!(changed, [(0, 1), (1, 0), (2, 1)]);
/// ```
#[must_use]
pub fn objects_fired_by(
    objects: &[Value],
    namespace: &str,
    stream: &str,
    retriever: &dyn TagRetriever,
) -> Vec<FiredObject> {
    let key = format!("{namespace}/{stream}");
    let mut fired = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        let member = |m| object.get(m).and_then(Value::as_str).unwrap_or_default();
        if !WATCHED_KINDS.contains(&(member("apiVersion"), member("kind"))) {
            continue;
        }
        let metadata = object.get("metadata");
        let object_namespace = metadata
            .and_then(|m| m.get("namespace"))
            .and_then(Value::as_str)
            .unwrap_or_default();
        let triggers = metadata
            .and_then(|m| m.get("annotations"))
            .and_then(|a| a.get(TRIGGER_ANNOTATION))
            .and_then(Value::as_str)
            .and_then(|text| parse_trigger_annotation(text).ok().flatten())
            .unwrap_or_default();
        if triggers
            .iter()
            .any(|t| trigger_index_key(t, object_namespace).as_deref() == Some(key.as_str()))
        {
            fired.push(FiredObject {
                index,
                outcome: apply_image_triggers(object, retriever),
            });
        }
    }
    fired
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn deployment(triggers: &str) -> Value {
        json!({
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "web", "namespace": "proj",
                         "annotations": {TRIGGER_ANNOTATION: triggers}},
            "spec": {"template": {"spec": {
                "containers": [{"name": "web", "image": "w:1", "ports": [80]},
                               {"name": "side", "image": "s:1"}],
                "initContainers": [{"name": "setup", "image": "i:1"}]}}}
        })
    }

    #[test]
    fn annotation_parsing() {
        let cases: &[(&str, Result<Option<usize>, &str>)] = &[
            ("null", Ok(None)),
            ("[]", Ok(Some(0))),
            ("[{}]", Ok(Some(1))),
            ("[null]", Ok(Some(1))),
            (r#"[{"fieldPath": "a"}, {"fieldPath": "b"}]"#, Ok(Some(2))),
            (
                r#"[{"fieldPath": "a"}, {"FIELDPATH": "a"}]"#,
                Err("duplicate triggers are not allowed"),
            ),
            (r#"[{"fieldPath": "a"}, {"fieldPath": "A"}]"#, Ok(Some(2))),
            (r#"[{"paused": "false"}]"#, Err("json")),
            (r#"[{"paused": 1}]"#, Err("json")),
            (r#"[{"from": "ruby:1"}]"#, Err("json")),
            (r#"[{"fieldPath": 5}]"#, Err("json")),
            ("{}", Err("json")),
            ("[1]", Err("json")),
            ("", Err("json")),
            (" ", Err("json")),
            ("[{},]", Err("json")),
            ("[] x", Err("json")),
        ];
        for (value, want) in cases {
            let got = parse_trigger_annotation(value);
            match (want, got) {
                (Ok(len), Ok(got)) => assert_eq!(got.map(|t| t.len()), *len, "{value}"),
                (Err("json"), Err(ImageStreamError::InvalidJson { .. })) => {}
                (Err(text), Err(err)) => assert_eq!(err.to_string(), *text, "{value}"),
                (want, got) => panic!("{value}: want {want:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn annotation_members_follow_go_decoding() {
        let parsed = parse_trigger_annotation(
            r#"[{"from": {"kind": "ImageStreamTag", "name": "a:b", "Namespace": "ns2", "x": [1]},
                 "FieldPath": "x", "PAUSED": true, "paused": null, "extra": {"deep": 1},
                 "from": {"apiVersion": "v1"}},
                {"from": {"\u212Aind": "kelvin"}, "fieldPath": "y", "paused": false, "pauſed": true}]"#,
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            parsed,
            vec![
                ObjectFieldTrigger {
                    from: TriggerSource {
                        kind: "ImageStreamTag".into(),
                        name: "a:b".into(),
                        namespace: "ns2".into(),
                        api_version: "v1".into(),
                    },
                    field_path: "x".into(),
                    paused: true,
                },
                ObjectFieldTrigger {
                    from: TriggerSource {
                        kind: "kelvin".into(),
                        ..TriggerSource::default()
                    },
                    field_path: "y".into(),
                    paused: true,
                },
            ]
        );
    }

    #[test]
    fn serialization_matches_go() {
        let trigger = |name: &str, namespace: &str, paused| ObjectFieldTrigger {
            from: TriggerSource {
                kind: "ImageStreamTag".into(),
                name: name.into(),
                namespace: namespace.into(),
                api_version: String::new(),
            },
            field_path: "spec.containers[?(@.name==\"a&b\")].image".into(),
            paused,
        };
        assert_eq!(serialize_triggers(&[]), "[]");
        assert_eq!(
            serialize_triggers(&[trigger("x<y>:1", "", false), trigger("ü:1", "ns", true)]),
            concat!(
                r#"[{"from":{"kind":"ImageStreamTag","name":"x\u003cy\u003e:1"},"#,
                r#""fieldPath":"spec.containers[?(@.name==\"a\u0026b\")].image"},"#,
                r#"{"from":{"kind":"ImageStreamTag","name":"ü:1","namespace":"ns"},"#,
                r#""fieldPath":"spec.containers[?(@.name==\"a\u0026b\")].image","paused":true}]"#
            )
        );
    }

    #[test]
    fn pod_spec_paths() {
        let cases: &[(Value, Option<&str>)] = &[
            (json!({"kind": "Pod"}), Some("spec")),
            (json!({"kind": "PodTemplate"}), Some("template.spec")),
            (
                json!({"kind": "Deployment", "apiVersion": "extensions/v1beta1"}),
                Some("spec.template.spec"),
            ),
            (json!({"kind": "Job"}), Some("spec.template.spec")),
            (
                json!({"kind": "CronJob"}),
                Some("spec.jobTemplate.spec.template.spec"),
            ),
            (
                json!({"kind": "ReplicationController", "spec": {"template": {}}}),
                Some("spec.template.spec"),
            ),
            (json!({"kind": "ReplicationController", "spec": {}}), None),
            (
                json!({"kind": "DeploymentConfig", "spec": {"template": null}}),
                None,
            ),
            (json!({"kind": "Service"}), None),
            (json!({}), None),
        ];
        for (object, want) in cases {
            match (pod_spec_path(object), want) {
                (Ok(path), Some(want)) => assert_eq!(path.field_path, *want),
                (Err(err), None) => {
                    assert_eq!(
                        err.to_string(),
                        "no list of images available for this object"
                    );
                }
                (got, want) => panic!("{object}: want {want:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn field_paths() {
        let object = deployment("[]");
        let base = "spec.template.spec.";
        // (path after the pod spec path, Ok((container, remainder)) or the error text)
        type Want = Result<(&'static str, &'static str), &'static str>;
        let cases: &[(&str, Want)] = &[
            ("containers[0].image", Ok(("web", "image"))),
            ("containers[+1].image", Ok(("side", "image"))),
            ("containers[01].image", Ok(("side", "image"))),
            ("containers[2].image", Err("no such container: 2")),
            ("containers[-1].image", Err("no such container: -1")),
            ("containers[-0].image", Ok(("web", "image"))),
            ("containers[ 0].image", Err("no such container:  0")),
            ("containers[0x1].image", Err("no such container: 0x1")),
            (
                "containers[99999999999999999999].image",
                Err("no such container: 99999999999999999999"),
            ),
            (
                "containers[?(@.name==\"side\")].image",
                Ok(("side", "image")),
            ),
            (
                "containers[?(@.name==\"setup\")].image",
                Ok(("setup", "image")),
            ),
            (
                "initContainers[?(@.name==\"web\")].image",
                Ok(("web", "image")),
            ),
            (
                "containers[?(@.name==\"web\")extra].image",
                Err("no such container: ?(@.name==\"web\")extra"),
            ),
            (
                "containers[?(@.name==\"a]b\")].image",
                Err("no such container: ?(@.name==\"a"),
            ),
            ("containers[web\")].image", Ok(("web", "image"))),
            (
                "containers[?(@.name=='web')].image",
                Err("no such container: ?(@.name=='web')"),
            ),
            ("containers[*].image", Err("no such container: *")),
            ("containers[].image", Err("no such container: ")),
            ("containers[0]", Ok(("web", ""))),
            ("containers[0]image", Ok(("web", "image"))),
            ("containers[0]..image", Ok(("web", ".image"))),
            ("containers[0].ports[0]", Ok(("web", "ports[0]"))),
            (
                "containers[0",
                Err("2 field path is not valid: spec.template.spec.containers[0"),
            ),
            (
                "volumes[0].image",
                Err("2 field path is not valid: spec.template.spec.volumes[0].image"),
            ),
            (
                ".containers[0].image",
                Err("2 field path is not valid: spec.template.spec..containers[0].image"),
            ),
        ];
        for (rest, want) in cases {
            let field_path = format!("{base}{rest}");
            match (container_for_field_path(&object, &field_path), want) {
                (Ok(found), Ok((name, remainder))) => {
                    assert_eq!(
                        (found.name.as_str(), found.remainder.as_str()),
                        (*name, *remainder),
                        "{rest}"
                    );
                }
                (Err(err), Err(text)) => assert_eq!(err.to_string(), *text, "{rest}"),
                (got, want) => panic!("{rest}: want {want:?}, got {got:?}"),
            }
        }
        for (path, text) in [
            (
                "spec.containers[0].image",
                "1 field path is not valid: spec.containers[0].image",
            ),
            ("", "1 field path is not valid: "),
        ] {
            assert_eq!(
                container_for_field_path(&object, path)
                    .unwrap_err()
                    .to_string(),
                text
            );
        }
        // Without a `.` after the pod spec path the prefix still matches.
        let found =
            container_for_field_path(&object, "spec.template.speccontainers[1].image").unwrap();
        assert_eq!(found.name, "side");
    }

    #[test]
    fn updates() {
        let tags = BTreeMap::from([
            ("proj/ruby:1".to_owned(), "r@sha256:1".to_owned()),
            ("other/ruby:2".to_owned(), "r@sha256:2".to_owned()),
            ("proj/same:1".to_owned(), "w:1".to_owned()),
        ]);
        let trigger = |name: &str, path: &str| {
            format!(
                r#"{{"from": {{"kind": "ImageStreamTag", "name": "{name}"}}, "fieldPath": "spec.template.spec.{path}"}}"#
            )
        };
        type Want = Result<Option<(&'static str, &'static str, &'static str)>, &'static str>;
        let cases: Vec<(String, Want)> = vec![
            (format!("[{}]", trigger("ruby:1", "containers[0].image")), Ok(Some(("r@sha256:1", "s:1", "i:1")))),
            (format!("[{}]", trigger("ruby:1", "initContainers[0].image")), Ok(Some(("w:1", "s:1", "r@sha256:1")))),
            (format!("[{}]", trigger("ruby:1", r#"containers[?(@.name==\"setup\")].image"#)), Ok(Some(("w:1", "s:1", "r@sha256:1")))),
            (format!("[{}]", trigger("same:1", "containers[0].image")), Ok(None)),
            (format!("[{}]", trigger("ruby:nope", "containers[9].image")), Ok(None)),
            (format!("[{}]", trigger("ruby:1", "containers[9].image")), Err("no such container: spec.template.spec.containers[9].image")),
            (format!("[{}]", trigger("ruby:1", "containers[0].env")), Err("field path is not valid: spec.template.spec.containers[0].env")),
            (format!("[{}]", trigger("ruby:1", "containers[0")), Err("field path is not valid: spec.template.spec.containers[0")),
            (format!("[{}, {}]", trigger("ruby:1", "containers[0].image"), trigger("same:1", "containers[?(@.name==\\\"web\\\")].image")), Ok(Some(("w:1", "s:1", "i:1")))),
            (r#"[{"from": {"name": "ruby:2", "namespace": "other"}, "fieldPath": "spec.template.spec.containers[1].image"}]"#.into(), Ok(Some(("w:1", "r@sha256:2", "i:1")))),
            (r#"[{"from": {"name": "ruby:1"}, "fieldPath": "spec.template.spec.containers[0].image", "paused": true}]"#.into(), Ok(None)),
            (r#"[{"from": {"name": "ruby:1"}, "fieldPath": "spec.containers[0].image"}]"#.into(), Ok(None)),
            (r#"[{"from": {"name": "ruby:1"}, "fieldPath": "spec.template.spec"}]"#.into(), Ok(None)),
        ];
        for (annotation, want) in cases {
            let object = deployment(&annotation);
            match (update_object_from_images(&object, &tags), want) {
                (Ok(updated), Ok(want)) => {
                    let got = updated.map(|o| {
                        let spec = &o["spec"]["template"]["spec"];
                        (
                            spec["containers"][0]["image"]
                                .as_str()
                                .unwrap_or_default()
                                .to_owned(),
                            spec["containers"][1]["image"]
                                .as_str()
                                .unwrap_or_default()
                                .to_owned(),
                            spec["initContainers"][0]["image"]
                                .as_str()
                                .unwrap_or_default()
                                .to_owned(),
                        )
                    });
                    let want = want.map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()));
                    assert_eq!(got, want, "{annotation}");
                }
                (Err(err), Err(text)) => assert_eq!(err.to_string(), text, "{annotation}"),
                (got, want) => panic!("{annotation}: want {want:?}, got {got:?}"),
            }
        }
        // Members other than the image pass through.
        let object = deployment(&format!("[{}]", trigger("ruby:1", "containers[0].image")));
        let updated = update_object_from_images(&object, &tags).unwrap().unwrap();
        assert_eq!(
            updated["spec"]["template"]["spec"]["containers"][0]["ports"],
            json!([80])
        );
        assert_eq!(updated["metadata"], object["metadata"]);
    }

    #[test]
    fn stream_retriever() {
        let streams: Vec<ImageStream> = serde_json::from_value(json!([
            {"metadata": {"name": "ruby", "namespace": "proj"},
             "spec": {"tags": [{"name": "local", "referencePolicy": {"type": "Local"}}]},
             "status": {"dockerImageRepository": "reg/proj/ruby", "tags": [
                 {"tag": "latest", "items": [{"dockerImageReference": "q/ruby@sha256:1", "image": "sha256:1"}]},
                 {"tag": "local", "items": [{"dockerImageReference": "q/ruby@sha256:2", "image": "sha256:f558e94ec2eb0151ecb684155d8520901bd58a34d9f87da61e53e9aa6e87c92d"}]},
                 {"tag": "empty", "items": []}]}},
            {"metadata": {"name": "py", "namespace": "proj"},
             "spec": {"tags": [{"name": "local", "referencePolicy": {"type": "Local"}}]},
             "status": {"dockerImageRepository": "", "tags": [
                 {"tag": "local", "items": [{"dockerImageReference": "q/py@sha256:3", "image": "sha256:a6fdb795680075219dcd8c413c0db03fec5c7e80db338441c2f783156dfa7330"}]}]}}
        ]))
        .unwrap();
        let with_host = StreamTagRetriever::new(&streams, "host:5000");
        let without_host = StreamTagRetriever::new(&streams, "");
        let cases: &[(&StreamTagRetriever<'_>, &str, &str, Option<&str>)] = &[
            (&with_host, "proj", "ruby:", Some("q/ruby@sha256:1")),
            (&with_host, "proj", "ruby:latest", Some("q/ruby@sha256:1")),
            (&with_host, "proj", "ruby", None),
            (&with_host, "proj", "ruby:empty", None),
            (&with_host, "proj", "ruby:nope", None),
            (&with_host, "other", "ruby:latest", None),
            (
                &with_host,
                "proj",
                "ruby:local",
                Some(
                    "reg/proj/ruby@sha256:f558e94ec2eb0151ecb684155d8520901bd58a34d9f87da61e53e9aa6e87c92d",
                ),
            ),
            (
                &with_host,
                "proj",
                "py:local",
                Some(
                    "host:5000/proj/py@sha256:a6fdb795680075219dcd8c413c0db03fec5c7e80db338441c2f783156dfa7330",
                ),
            ),
            (&without_host, "proj", "py:local", Some("q/py@sha256:3")),
        ];
        for (retriever, namespace, name, want) in cases {
            assert_eq!(
                retriever.image_stream_tag(namespace, name).as_deref(),
                *want,
                "{name}"
            );
        }
    }
}
