//! Pruning tag history as `oc adm prune images` does (spec §9, openshift/oc
//! `pkg/cli/admin/prune/imageprune/prune.go`), as a pure function over the cluster's objects.
//!
//! [`prune_history`] takes the command's options ([`PruneOptions`]), the cluster's images,
//! image streams and workloads ([`PruneInputs`]) and the current time, and answers what the
//! pruner decides and deletes ([`PruneReport`]):
//!
//! 1. the reference graph: which `<ns>/<stream>:<tag>` and `<ns>/<stream>@<digest>` the pods,
//!    controllers, builds and build configs use (an unparsable reference fails the run unless
//!    [`PruneOptions::ignore_invalid_refs`]);
//! 2. per stream and tag, a keep / remove decision for every history item, with the first rule
//!    that applies ([`PruneReason`]), the pruned status, and the registry links to delete;
//! 3. cluster-wide runs only: the Images no stream names any more, and their blobs.
//!
//! The deleters are assumed to succeed (a dry run that reports what `--confirm` would do).

mod duration;
pub(crate) mod gotime;
mod quantity;
mod refs;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use duration::parse_go_duration;
use gotime::{Nanos, ZERO_TIME, from_seconds, parse_time, parse_time_value};
use quantity::Quantity;

use crate::error::{ImageStreamError, ImageStreamResult};
use crate::imagestream::model::{Image, ImageStream, NamedTagEventList};

/// The manifest media types whose images have a config blob (Docker schema 2, OCI).
const MEDIA_TYPES_WITH_CONFIG: [&str; 2] = [
    "application/vnd.docker.distribution.manifest.v2+json",
    "application/vnd.oci.image.manifest.v1+json",
];
/// The annotation of images pushed to the integrated registry.
const MANAGED_ANNOTATION: &str = "openshift.io/image.managed";
/// The LimitRange limit type that bounds image sizes.
const LIMIT_TYPE_IMAGE: &str = "openshift.io/Image";

/// `oc adm prune images` options, as flags: `None` = the flag was not given.
///
/// The command line's defaults (`--keep-tag-revisions=3`, `--keep-younger-than=60m`) are the
/// caller's business: an absent `keep_younger_than` means no age protection at all (the
/// pruner's threshold is Go's zero time, so every stream counts as too young), an absent
/// `keep_tag_revisions` means 0.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PruneOptions {
    /// `--keep-tag-revisions`: revisions per tag kept whatever their age.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keep_tag_revisions: Option<i64>,
    /// `--keep-younger-than`: a Go duration (`60m`, `1h30m`); younger items are kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keep_younger_than: Option<String>,
    /// `--prune-over-size-limit`: prune images exceeding the namespace's
    /// `openshift.io/Image` limit instead of by age and revision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prune_over_size_limit: Option<bool>,
    /// `--all`: whether images not pushed to the integrated registry may be deleted (default
    /// true).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub all_images: Option<bool>,
    /// `--namespace`: prune only this namespace's streams' history; Images are then never
    /// deleted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// `--ignore-invalid-refs`: skip unparsable image references instead of failing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ignore_invalid_refs: Option<bool>,
    /// `--prune-registry`: whether registry data (links, blobs) is deleted too (default true).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prune_registry: Option<bool>,
}

impl PruneOptions {
    /// `keep_younger_than` in nanoseconds, parsed as the flag is.
    ///
    /// # Errors
    /// [`ImageStreamError::InvalidDuration`] (with the flag named) for a malformed duration.
    pub fn keep_younger_than_nanos(&self) -> ImageStreamResult<Option<i64>> {
        let Some(value) = self.keep_younger_than.as_deref() else {
            return Ok(None);
        };
        parse_go_duration(value).map(Some).map_err(|e| match e {
            ImageStreamError::InvalidDuration { value, message, .. } => {
                ImageStreamError::InvalidDuration {
                    flag: Some("--keep-younger-than".to_owned()),
                    value,
                    message,
                }
            }
            other => other,
        })
    }

    /// The command's checks (`PruneImagesOptions.Validate`): `--prune-over-size-limit` given
    /// together with a keep flag (whatever the values), and negative keep values.
    ///
    /// # Errors
    /// [`ImageStreamError::InvalidPruneOptions`] with upstream's text, or the duration's
    /// parse error.
    ///
    /// ```
    /// use openshift_image::imagestream::prune::PruneOptions;
    ///
    /// let options = PruneOptions {
    ///     prune_over_size_limit: Some(false),
    ///     keep_younger_than: Some("1h".to_owned()),
    ///     ..PruneOptions::default()
    /// };
    /// assert_eq!(
    ///     options.validate().unwrap_err().to_string(),
    ///     "--prune-over-size-limit cannot be specified with --keep-tag-revisions nor --keep-younger-than"
    /// );
    /// ```
    pub fn validate(&self) -> ImageStreamResult<()> {
        let keep_younger_than = self.keep_younger_than_nanos()?;
        let invalid = |message: &str| {
            Err(ImageStreamError::InvalidPruneOptions {
                message: message.to_owned(),
            })
        };
        if self.prune_over_size_limit.is_some()
            && (keep_younger_than.is_some() || self.keep_tag_revisions.is_some())
        {
            return invalid(
                "--prune-over-size-limit cannot be specified with --keep-tag-revisions nor --keep-younger-than",
            );
        }
        if keep_younger_than.is_some_and(|d| d < 0) {
            return invalid("--keep-younger-than must be greater than or equal to 0");
        }
        if self.keep_tag_revisions.is_some_and(|r| r < 0) {
            return invalid("--keep-tag-revisions must be greater than or equal to 0");
        }
        Ok(())
    }
}

/// The cluster objects the pruner reads. Workloads and limit ranges are Kubernetes /
/// OpenShift JSON objects read through a few members (`metadata`, the pod template's
/// containers, `status.phase`, a build strategy's `from`, `spec.limits`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PruneInputs {
    /// Every Image of the cluster (an image must be here to be pruned).
    pub images: Vec<Image>,
    /// The image streams to prune.
    pub streams: Vec<ImageStream>,
    /// Pods (running and pending ones always count; others only when young).
    pub pods: Vec<Value>,
    /// ReplicationControllers.
    pub replication_controllers: Vec<Value>,
    /// Deployments.
    pub deployments: Vec<Value>,
    /// DaemonSets.
    pub daemon_sets: Vec<Value>,
    /// ReplicaSets.
    pub replica_sets: Vec<Value>,
    /// StatefulSets.
    pub stateful_sets: Vec<Value>,
    /// Jobs.
    pub jobs: Vec<Value>,
    /// CronJobs.
    pub cron_jobs: Vec<Value>,
    /// DeploymentConfigs.
    pub deployment_configs: Vec<Value>,
    /// Builds.
    pub builds: Vec<Value>,
    /// BuildConfigs.
    pub build_configs: Vec<Value>,
    /// LimitRanges (their `openshift.io/Image` `max.storage` bounds image sizes).
    pub limit_ranges: Vec<Value>,
}

/// Keep or remove a history item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PruneAction {
    /// The item stays in the history.
    Keep,
    /// The item is removed from the history.
    Remove,
}

/// The rule that decided an item, in the order the pruner tries them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PruneReason {
    /// Created after the threshold (`--keep-younger-than`); also a too-young stream.
    #[serde(rename = "keepYoungerThan")]
    KeepYoungerThan,
    /// The current item of a tag a workload references.
    #[serde(rename = "tag in use")]
    TagInUse,
    /// The Image does not exist: removed even inside the revision window.
    #[serde(rename = "image not found")]
    ImageNotFound,
    /// Over-size mode: the image does not exceed its namespace's limits.
    #[serde(rename = "within size limit")]
    WithinSizeLimit,
    /// Inside the `--keep-tag-revisions` window.
    #[serde(rename = "keepTagRevisions")]
    KeepTagRevisions,
    /// A workload references the image by digest.
    #[serde(rename = "image in use")]
    ImageInUse,
    /// Nothing protects the item.
    #[serde(rename = "prunable")]
    Prunable,
}

impl PruneReason {
    /// The reason's name (`keepYoungerThan`, `tag in use`, …).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::KeepYoungerThan => "keepYoungerThan",
            Self::TagInUse => "tag in use",
            Self::ImageNotFound => "image not found",
            Self::WithinSizeLimit => "within size limit",
            Self::KeepTagRevisions => "keepTagRevisions",
            Self::ImageInUse => "image in use",
            Self::Prunable => "prunable",
        }
    }
}

/// The decision on one history item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PruneDecision {
    /// The status tag.
    pub tag: String,
    /// The item's original 0-based index in the tag's history (0 = current).
    pub revision: usize,
    /// The item's Image name.
    pub image: String,
    /// Keep or remove.
    pub action: PruneAction,
    /// The rule that decided.
    pub reason: PruneReason,
}

/// What happened to one image stream.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StreamPruneResult {
    /// `<namespace>/<name>`.
    pub stream: String,
    /// Set when the stream was left alone because it is younger than the threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub untouched: Option<PruneReason>,
    /// Set when the stream was skipped because one of its images has no metadata to count
    /// blobs with (upstream only logs this).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
    /// A decision for every examined item, tags in status order.
    pub decisions: Vec<PruneDecision>,
    /// Whether items were removed (the status is then sent to the server).
    pub updated: bool,
    /// The status tags sent to the server (only when `updated`): surviving items in order,
    /// tags left without items dropped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_tags: Option<Vec<NamedTagEventList>>,
}

/// The outcome of [`prune_history`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PruneReport {
    /// One entry per distinct stream (`<namespace>/<name>`; the last copy wins), input order.
    pub streams: Vec<StreamPruneResult>,
    /// Images deleted by the second stage (cluster-wide runs only), sorted.
    pub deleted_images: Vec<String>,
    /// Registry manifest links removed (`<ns>/<stream>|<digest>`), sorted.
    pub deleted_manifest_links: Vec<String>,
    /// Registry layer links removed (`<ns>/<stream>|<blob>`), sorted.
    pub deleted_layer_links: Vec<String>,
    /// Blobs removed by the second stage, sorted.
    pub deleted_blobs: Vec<String>,
    /// The aggregated error text of the pruning stages, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<String>,
}

/// Kubernetes' aggregate error text: one message as is, several as `[a, b]`, duplicates
/// dropped.
pub(crate) fn aggregate_text(errors: &[ImageStreamError]) -> String {
    let mut seen = HashSet::new();
    let messages: Vec<String> = errors
        .iter()
        .map(ToString::to_string)
        .filter(|m| seen.insert(m.clone()))
        .collect();
    match messages.as_slice() {
        [one] => one.clone(),
        many => format!("[{}]", many.join(", ")),
    }
}

/// Several errors as one: the single error itself, or an aggregate.
fn aggregate(mut errors: Vec<ImageStreamError>) -> ImageStreamError {
    if errors.len() == 1
        && let Some(error) = errors.pop()
    {
        return error;
    }
    ImageStreamError::Aggregate { errors }
}

/// What the pruner knows of an Image.
struct ImageInfo<'a> {
    image: &'a Image,
    created: Nanos,
    /// The decoded `dockerImageMetadata` (`Id`, `Size`), `None` when absent.
    metadata: Option<(String, i64)>,
}

impl ImageInfo<'_> {
    fn name(&self) -> &str {
        self.image.name()
    }

    /// `getImageBlobs`: the layers, then the config for schema 2 / OCI manifests; `Err` (with
    /// the layers) when the image has no metadata.
    fn blobs(&self) -> Result<Vec<&str>, Vec<&str>> {
        let mut blobs: Vec<&str> = self
            .image
            .docker_image_layers
            .iter()
            .flatten()
            .map(|l| l.name.as_str())
            .collect();
        let Some((id, _)) = &self.metadata else {
            return Err(blobs);
        };
        let media_type = self.image.docker_image_manifest_media_type.as_str();
        if MEDIA_TYPES_WITH_CONFIG.contains(&media_type) && !id.is_empty() {
            blobs.push(id);
        }
        Ok(blobs)
    }

    fn size(&self) -> Option<i64> {
        self.metadata.as_ref().map(|(_, size)| *size)
    }
}

/// A JSON value as Go's decoder names it in type errors (`string`, `number 1.5`, …).
fn go_json_kind(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(_) => "bool".to_owned(),
        Value::Number(n) => format!("number {n}"),
        Value::String(_) => "string".to_owned(),
        Value::Array(_) => "array".to_owned(),
        Value::Object(_) => "object".to_owned(),
    }
}

/// Decodes `dockerImageMetadata` into the members the pruner reads (`Id`, `Size`), as
/// `ImageWithMetadata` decodes it into a `DockerImage` (member names match case-insensitively,
/// an exact match first).
fn decode_metadata(image: &Image) -> ImageStreamResult<Option<(String, i64)>> {
    let Some(raw) = &image.docker_image_metadata else {
        return Ok(None);
    };
    let fail = |message: String| ImageStreamError::ImageMetadata {
        image: image.name().to_owned(),
        message,
    };
    let Value::Object(members) = raw else {
        return Err(fail(format!(
            "json: cannot unmarshal {} into Go value of type docker10.DockerImage",
            // A kind mismatch names the kind alone.
            go_json_kind(raw).split(' ').next().unwrap_or_default()
        )));
    };
    let member = |name: &str| {
        members.get(name).or_else(|| {
            members
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v)
        })
    };
    let type_error = |field: &str, value: &Value, go_type: &str| {
        fail(format!(
            "json: cannot unmarshal {} into Go struct field DockerImage.{field} of type {go_type}",
            go_json_kind(value)
        ))
    };
    let id = match member("Id") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => return Err(type_error("Id", other, "string")),
    };
    let size = match member("Size") {
        None | Some(Value::Null) => 0,
        Some(v @ Value::Number(n)) => n.as_i64().ok_or_else(|| type_error("Size", v, "int64"))?,
        Some(other) => return Err(type_error("Size", other, "int64")),
    };
    Ok(Some((id, size)))
}

/// The `openshift.io/Image` `max.storage` limits, by namespace.
fn image_limits(limit_ranges: &[Value]) -> ImageStreamResult<HashMap<&str, Vec<Quantity>>> {
    let mut limits: HashMap<&str, Vec<Quantity>> = HashMap::new();
    for range in limit_ranges {
        let namespace = range
            .pointer("/metadata/namespace")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let entries = range.pointer("/spec/limits").and_then(Value::as_array);
        for limit in entries.into_iter().flatten() {
            if limit.get("type").and_then(Value::as_str) != Some(LIMIT_TYPE_IMAGE) {
                continue;
            }
            let quantity = match limit.pointer("/max/storage") {
                None => continue,
                Some(Value::Null) => Quantity::zero(),
                Some(Value::String(s)) => Quantity::parse(s.trim())?,
                Some(other) => Quantity::parse(&other.to_string())?,
            };
            limits.entry(namespace).or_default().push(quantity);
        }
    }
    Ok(limits)
}

/// Whether `size` exceeds one of `limits`.
fn exceeds(limits: Option<&Vec<Quantity>>, size: Option<i64>) -> bool {
    let Some(size) = size else { return false };
    limits.is_some_and(|limits| limits.iter().any(|q| q.less_than(size)))
}

/// The effective settings of a run.
struct Settings<'a> {
    threshold: Nanos,
    keep_tag_revisions: i64,
    over_size: bool,
    all_images: bool,
    prune_registry: bool,
    namespace: &'a str,
}

/// The registry deletions of the first stage.
#[derive(Default)]
struct Links {
    manifests: BTreeSet<String>,
    layers: BTreeSet<String>,
}

/// Prunes one stream's history (`pruneImageStream`), recording its registry link deletions
/// in `links`.
fn prune_stream(
    stream: &ImageStream,
    images: &BTreeMap<&str, ImageInfo<'_>>,
    refs: &refs::References,
    limits: &HashMap<&str, Vec<Quantity>>,
    settings: &Settings<'_>,
    links: &mut Links,
) -> ImageStreamResult<StreamPruneResult> {
    let (namespace, name) = (stream.namespace(), stream.name());
    let mut result = StreamPruneResult {
        stream: format!("{namespace}/{name}"),
        untouched: None,
        skipped: None,
        decisions: Vec::new(),
        updated: false,
        status_tags: None,
    };
    let created = parse_time_value(
        "stream metadata.creationTimestamp",
        stream.metadata.extra.get("creationTimestamp"),
    )?;
    if !settings.over_size && created > settings.threshold {
        result.untouched = Some(PruneReason::KeepYoungerThan);
        return Ok(result);
    }
    // Reference counts of the repository (`getRepositoryReferenceCounts`).
    let mut manifest_counts: HashMap<&str, i64> = HashMap::new();
    let mut blob_counts: HashMap<&str, i64> = HashMap::new();
    for tag in &stream.status.tags {
        for item in tag.items() {
            let Some(info) = images.get(item.image.as_str()) else {
                continue;
            };
            *manifest_counts.entry(info.name()).or_default() += 1;
            match info.blobs() {
                Ok(blobs) => {
                    for blob in blobs {
                        *blob_counts.entry(blob).or_default() += 1;
                    }
                }
                Err(_) => {
                    result.skipped = Some(format!(
                        "tag {}: image {}: failed to read metadata for image {}",
                        tag.tag,
                        item.image,
                        info.name()
                    ));
                    return Ok(result);
                }
            }
        }
    }
    let repo = &result.stream;
    let mut layer_links = Vec::new();
    let mut manifest_links = Vec::new();
    let mut tags = Vec::with_capacity(stream.status.tags.len());
    let mut removed = 0usize;
    for tag in &stream.status.tags {
        let mut kept = std::collections::VecDeque::new();
        for (revision, item) in tag.items().iter().enumerate() {
            let item_created = parse_time("tag event created", item.created.as_deref())?;
            let info = images.get(item.image.as_str());
            let reason = decide(
                stream,
                &tag.tag,
                revision,
                item_created,
                item.image.as_str(),
                info,
                refs,
                limits,
                settings,
            );
            let action = match reason {
                PruneReason::ImageNotFound | PruneReason::Prunable => PruneAction::Remove,
                _ => PruneAction::Keep,
            };
            result.decisions.push(PruneDecision {
                tag: tag.tag.clone(),
                revision,
                image: item.image.clone(),
                action,
                reason,
            });
            if action == PruneAction::Keep {
                kept.push_back(item.clone());
                continue;
            }
            removed += 1;
            let Some(info) = info.filter(|_| reason == PruneReason::Prunable) else {
                continue;
            };
            if !settings.prune_registry {
                continue;
            }
            if let Some(count) = manifest_counts.get_mut(info.name()) {
                *count -= 1;
                if *count == 0 {
                    manifest_links.push(info.name());
                }
            }
            for blob in info.blobs().unwrap_or_else(|layers| layers) {
                let count = blob_counts.entry(blob).or_default();
                *count -= 1;
                if *count == 0 {
                    layer_links.push(blob);
                }
            }
        }
        if !kept.is_empty() {
            let mut pruned = tag.clone();
            pruned.items = Some(kept);
            tags.push(pruned);
        }
    }
    if removed > 0 {
        result.updated = true;
        result.status_tags = Some(tags);
        for digest in manifest_links {
            links.manifests.insert(format!("{repo}|{digest}"));
        }
    }
    for blob in layer_links {
        links.layers.insert(format!("{repo}|{blob}"));
    }
    Ok(result)
}

/// The first rule that decides an item (`pruneImageStreamTag`).
#[allow(clippy::too_many_arguments)]
fn decide(
    stream: &ImageStream,
    tag: &str,
    revision: usize,
    created: Nanos,
    image: &str,
    info: Option<&ImageInfo<'_>>,
    refs: &refs::References,
    limits: &HashMap<&str, Vec<Quantity>>,
    settings: &Settings<'_>,
) -> PruneReason {
    let key = |last: &str| {
        (
            stream.namespace().to_owned(),
            stream.name().to_owned(),
            last.to_owned(),
        )
    };
    if !settings.over_size && created > settings.threshold {
        return PruneReason::KeepYoungerThan;
    }
    if revision == 0 && refs.tags.contains(&key(tag)) {
        return PruneReason::TagInUse;
    }
    let Some(info) = info else {
        return PruneReason::ImageNotFound;
    };
    if settings.over_size {
        if !exceeds(limits.get(stream.namespace()), info.size()) {
            return PruneReason::WithinSizeLimit;
        }
    } else if i64::try_from(revision).is_ok_and(|r| r < settings.keep_tag_revisions) {
        return PruneReason::KeepTagRevisions;
    }
    if refs.images.contains(&key(image)) {
        return PruneReason::ImageInUse;
    }
    PruneReason::Prunable
}

/// Runs `oc adm prune images` over `inputs` at `now` (Unix seconds): the reference graph,
/// the history of every stream, then (cluster-wide runs) the unused Images and their blobs.
///
/// # Errors
/// The pruner's construction failures: a malformed `keep_younger_than`, an Image whose
/// `dockerImageMetadata` does not decode, a malformed limit quantity or time, and the
/// unparsable workload image references (one [`ImageStreamError::BadReference`], or an
/// [`ImageStreamError::Aggregate`] of several) unless `ignore_invalid_refs`.
///
/// ```
/// use openshift_image::imagestream::prune::{PruneInputs, PruneOptions, PruneReason, prune_history};
///
/// let stream = serde_json::from_value(serde_json::json!({
///     "metadata": {"name": "ruby", "namespace": "proj", "creationTimestamp": "2024-01-01T00:00:00Z"},
///     "status": {"dockerImageRepository": "", "tags": [{"tag": "latest", "items": [
///         {"created": "2024-05-02T00:00:00Z", "dockerImageReference": "r/proj/ruby@sha256:b",
///          "image": "sha256:b", "generation": 1},
///         {"created": "2024-05-01T00:00:00Z", "dockerImageReference": "r/proj/ruby@sha256:a",
///          "image": "sha256:a", "generation": 1}]}]}
/// }))?;
/// let images = ["sha256:a", "sha256:b"].map(|name| serde_json::from_value(serde_json::json!({
///     "metadata": {"name": name, "creationTimestamp": "2024-01-01T00:00:00Z"},
///     "dockerImageMetadata": {"Id": "", "Size": 1}
/// })).unwrap());
/// let inputs = PruneInputs { images: images.to_vec(), streams: vec![stream], ..PruneInputs::default() };
/// let options = PruneOptions {
///     keep_tag_revisions: Some(1),
///     keep_younger_than: Some("60m".to_owned()),
///     ..PruneOptions::default()
/// };
/// let now = 1_717_243_200; // 2024-06-01T12:00:00Z
/// let report = prune_history(&options, &inputs, now)?;
/// let reasons: Vec<_> = report.streams[0].decisions.iter().map(|d| d.reason).collect();
/// assert_eq!(reasons, [PruneReason::KeepTagRevisions, PruneReason::Prunable]);
/// assert_eq!(report.deleted_images, ["sha256:a"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn prune_history(
    options: &PruneOptions,
    inputs: &PruneInputs,
    now: i64,
) -> ImageStreamResult<PruneReport> {
    let threshold = match options.keep_younger_than_nanos()? {
        Some(d) => from_seconds(now) - Nanos::from(d),
        None => ZERO_TIME,
    };
    let settings = Settings {
        threshold,
        keep_tag_revisions: options.keep_tag_revisions.unwrap_or(0),
        over_size: options.prune_over_size_limit.unwrap_or(false),
        all_images: options.all_images.unwrap_or(true),
        prune_registry: options.prune_registry.unwrap_or(true),
        namespace: options.namespace.as_deref().unwrap_or_default(),
    };
    // Images by name, the last copy winning; sorted, for a fixed order where upstream
    // walks a map.
    let mut images: BTreeMap<&str, ImageInfo<'_>> = BTreeMap::new();
    for image in &inputs.images {
        let created = parse_time_value(
            "image metadata.creationTimestamp",
            image.metadata.extra.get("creationTimestamp"),
        )?;
        images.insert(
            image.name(),
            ImageInfo {
                image,
                created,
                metadata: None,
            },
        );
    }
    for info in images.values_mut() {
        info.metadata = decode_metadata(info.image)?;
    }
    let (refs, bad) = refs::analyze(inputs, threshold, options.ignore_invalid_refs == Some(true))?;
    if !bad.is_empty() {
        return Err(aggregate(bad));
    }
    let limits = image_limits(&inputs.limit_ranges)?;

    // Streams by `<ns>/<name>`, the last copy winning, in input order.
    let mut last: HashMap<(&str, &str), usize> = HashMap::new();
    for (i, stream) in inputs.streams.iter().enumerate() {
        last.insert((stream.namespace(), stream.name()), i);
    }
    let mut report = PruneReport::default();
    let mut links = Links::default();
    let mut used: HashSet<String> = HashSet::new();
    for (i, stream) in inputs.streams.iter().enumerate() {
        if last.get(&(stream.namespace(), stream.name())) != Some(&i) {
            continue;
        }
        let result = prune_stream(stream, &images, &refs, &limits, &settings, &mut links)?;
        // Stage 2 sees the pruned status of updated streams, the whole history of others.
        let tags = result.status_tags.as_ref().unwrap_or(&stream.status.tags);
        for tag in tags {
            used.extend(tag.items().iter().map(|item| item.image.clone()));
        }
        report.streams.push(result);
    }
    report.deleted_manifest_links = links.manifests.into_iter().collect();
    report.deleted_layer_links = links.layers.into_iter().collect();
    if settings.namespace.is_empty() {
        prune_images(&images, &used, &limits, &settings, &mut report);
    }
    Ok(report)
}

/// The second stage (`pruneImages`): deletes the Images no stream names, and the blobs only
/// they use.
fn prune_images(
    images: &BTreeMap<&str, ImageInfo<'_>>,
    used: &HashSet<String>,
    limits: &HashMap<&str, Vec<Quantity>>,
    settings: &Settings<'_>,
    report: &mut PruneReport,
) {
    let mut counts: HashMap<&str, i64> = HashMap::new();
    for info in images.values() {
        *counts.entry(info.name()).or_default() += 1;
        match info.blobs() {
            Ok(blobs) => {
                for blob in blobs {
                    *counts.entry(blob).or_default() += 1;
                }
            }
            Err(_) => {
                let name = info.name();
                report.errors = Some(format!(
                    "image {name}: failed to read metadata for image {name}"
                ));
                return;
            }
        }
    }
    let all_limits: Vec<&Quantity> = limits.values().flatten().collect();
    let mut deleted_blobs = BTreeSet::new();
    for info in images.values() {
        let name = info.name();
        if used.contains(name) {
            continue;
        }
        let annotations = info.image.metadata.annotations.as_ref();
        let managed = annotations
            .and_then(|a| a.get(MANAGED_ANNOTATION))
            .is_some_and(|v| v == "true");
        if !settings.all_images && !managed {
            continue;
        }
        if settings.over_size {
            let size = info.size();
            if !size.is_some_and(|s| all_limits.iter().any(|q| q.less_than(s))) {
                continue;
            }
        } else if info.created > settings.threshold {
            continue;
        }
        if settings.prune_registry {
            let blobs = info.blobs().unwrap_or_else(|layers| layers);
            for blob in blobs.into_iter().chain([name]) {
                let count = counts.entry(blob).or_default();
                *count -= 1;
                if *count == 0 {
                    deleted_blobs.insert(blob.to_owned());
                }
            }
        }
        report.deleted_images.push(name.to_owned());
    }
    report.deleted_blobs = deleted_blobs.into_iter().collect();
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const NOW: i64 = 1_717_243_200; // 2024-06-01T12:00:00Z

    fn digest(c: char) -> String {
        format!("sha256:{}", c.to_string().repeat(64))
    }

    fn image(c: char, size: i64) -> Image {
        serde_json::from_value(json!({
            "metadata": {"name": digest(c), "creationTimestamp": "2024-01-01T00:00:00Z"},
            "dockerImageManifestMediaType": MEDIA_TYPES_WITH_CONFIG[0],
            "dockerImageMetadata": {"Id": format!("sha256:config-{c}"), "Size": size},
            "dockerImageLayers": [{"name": "sha256:shared"}, {"name": format!("sha256:layer-{c}")}]
        }))
        .unwrap()
    }

    /// A stream `ns/s` with tag `t` holding `items` (image letter, created).
    fn stream(items: &[(char, &str)]) -> ImageStream {
        let items: Vec<Value> = items
            .iter()
            .map(|(c, created)| {
                json!({"created": created, "dockerImageReference": format!("r/ns/s@{}", digest(*c)),
                       "image": digest(*c), "generation": 1})
            })
            .collect();
        serde_json::from_value(json!({
            "metadata": {"name": "s", "namespace": "ns", "creationTimestamp": "2024-01-01T00:00:00Z"},
            "status": {"dockerImageRepository": "", "tags": [{"tag": "t", "items": items}]}
        }))
        .unwrap()
    }

    fn reasons(report: &PruneReport) -> Vec<&'static str> {
        report.streams[0]
            .decisions
            .iter()
            .map(|d| d.reason.as_str())
            .collect()
    }

    #[test]
    fn decision_rules_in_order() {
        let old = "2024-05-01T00:00:00Z";
        let young = "2024-06-01T11:30:00Z";
        let pod = |image: String| {
            json!({"metadata": {"name": "p", "namespace": "ns"},
                   "spec": {"containers": [{"name": "c", "image": image}]},
                   "status": {"phase": "Running"}})
        };
        for (items, keep, pods, expected) in [
            (
                // Revisions count original positions, the young one included.
                vec![('a', young), ('b', old), ('c', old)],
                2,
                vec![],
                vec!["keepYoungerThan", "keepTagRevisions", "prunable"],
            ),
            (
                vec![('a', old), ('b', old)],
                0,
                vec![pod("r.io/ns/s:t".to_owned())],
                vec!["tag in use", "prunable"],
            ),
            (
                vec![('a', old), ('z', old), ('b', old)],
                3,
                vec![],
                vec!["keepTagRevisions", "image not found", "keepTagRevisions"],
            ),
            (
                vec![('a', old), ('b', old)],
                0,
                vec![pod(format!("r.io/ns/s@{}", digest('b')))],
                vec!["prunable", "image in use"],
            ),
        ] {
            let inputs = PruneInputs {
                images: vec![image('a', 1), image('b', 1), image('c', 1)],
                streams: vec![stream(&items)],
                pods,
                ..PruneInputs::default()
            };
            let options = PruneOptions {
                keep_tag_revisions: Some(keep),
                keep_younger_than: Some("60m".to_owned()),
                ..PruneOptions::default()
            };
            let report = prune_history(&options, &inputs, NOW).unwrap();
            assert_eq!(reasons(&report), expected, "{items:?}");
        }
    }

    #[test]
    fn links_blobs_and_images() {
        let old = "2024-05-01T00:00:00Z";
        let inputs = PruneInputs {
            images: vec![image('a', 1), image('b', 1), image('c', 1)],
            streams: vec![stream(&[('a', old), ('b', old)])],
            ..PruneInputs::default()
        };
        let options = PruneOptions {
            keep_tag_revisions: Some(1),
            keep_younger_than: Some("60m".to_owned()),
            ..PruneOptions::default()
        };
        let report = prune_history(&options, &inputs, NOW).unwrap();
        let result = &report.streams[0];
        assert!(result.updated);
        assert_eq!(result.status_tags.as_ref().unwrap()[0].items().len(), 1);
        assert_eq!(
            report.deleted_manifest_links,
            [format!("ns/s|{}", digest('b'))]
        );
        assert_eq!(
            report.deleted_layer_links,
            ["ns/s|sha256:config-b", "ns/s|sha256:layer-b"]
        );
        assert_eq!(report.deleted_images, [digest('b'), digest('c')]);
        assert_eq!(
            report.deleted_blobs,
            [
                digest('b'),
                digest('c'),
                "sha256:config-b".to_owned(),
                "sha256:config-c".to_owned(),
                "sha256:layer-b".to_owned(),
                "sha256:layer-c".to_owned(),
            ]
        );
        // A namespaced run never deletes images.
        let scoped = PruneOptions {
            namespace: Some("ns".to_owned()),
            ..options
        };
        let report = prune_history(&scoped, &inputs, NOW).unwrap();
        assert!(report.deleted_images.is_empty() && report.deleted_blobs.is_empty());
    }

    #[test]
    fn over_size_mode() {
        let old = "2024-05-01T00:00:00Z";
        let limit = json!({"metadata": {"name": "l", "namespace": "ns"},
            "spec": {"limits": [{"type": "openshift.io/Image", "max": {"storage": "1Ki"}}]}});
        let inputs = PruneInputs {
            images: vec![image('a', 2048), image('b', 10), image('c', 4096)],
            streams: vec![stream(&[('a', old), ('b', "2024-06-01T11:59:00Z")])],
            limit_ranges: vec![limit],
            ..PruneInputs::default()
        };
        let options = PruneOptions {
            prune_over_size_limit: Some(true),
            ..PruneOptions::default()
        };
        let report = prune_history(&options, &inputs, NOW).unwrap();
        assert_eq!(reasons(&report), ["prunable", "within size limit"]);
        assert_eq!(report.deleted_images, [digest('a'), digest('c')]);
    }

    #[test]
    fn missing_metadata() {
        let old = "2024-05-01T00:00:00Z";
        let mut bare = image('b', 1);
        bare.docker_image_metadata = None;
        let inputs = PruneInputs {
            images: vec![image('a', 1), bare],
            streams: vec![stream(&[('a', old), ('b', old)])],
            ..PruneInputs::default()
        };
        let options = PruneOptions {
            keep_younger_than: Some("60m".to_owned()),
            ..PruneOptions::default()
        };
        let report = prune_history(&options, &inputs, NOW).unwrap();
        let b = digest('b');
        assert_eq!(
            report.streams[0].skipped.as_deref(),
            Some(format!("tag t: image {b}: failed to read metadata for image {b}").as_str())
        );
        assert!(report.streams[0].decisions.is_empty());
        assert_eq!(
            report.errors,
            Some(format!("image {b}: failed to read metadata for image {b}"))
        );
        let mut broken = image('a', 1);
        broken.docker_image_metadata = Some(json!({"Size": "big"}));
        let inputs = PruneInputs {
            images: vec![broken],
            ..PruneInputs::default()
        };
        let err = prune_history(&options, &inputs, NOW).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "failed to read image metadata for {}: json: cannot unmarshal string into Go struct field DockerImage.Size of type int64",
                digest('a')
            )
        );
    }

    #[test]
    fn young_stream_and_unset_threshold() {
        let inputs = PruneInputs {
            images: vec![image('a', 1)],
            streams: vec![stream(&[('a', "2024-05-01T00:00:00Z")])],
            ..PruneInputs::default()
        };
        // No keep_younger_than: the threshold is Go's zero time, every stream is too young.
        let report = prune_history(&PruneOptions::default(), &inputs, NOW).unwrap();
        assert_eq!(
            report.streams[0].untouched,
            Some(PruneReason::KeepYoungerThan)
        );
        assert!(report.deleted_images.is_empty());
    }

    #[test]
    fn aggregate_texts() {
        let e = |m: &str| ImageStreamError::InvalidPruneOptions {
            message: m.to_owned(),
        };
        assert_eq!(aggregate_text(&[e("a")]), "a");
        assert_eq!(aggregate_text(&[e("a"), e("a")]), "a");
        assert_eq!(aggregate_text(&[e("a"), e("b"), e("a")]), "[a, b]");
        assert_eq!(aggregate(vec![e("a")]), e("a"));
    }

    #[test]
    fn validate_table() {
        let options =
            |revisions: Option<i64>, younger: Option<&str>, over: Option<bool>| PruneOptions {
                keep_tag_revisions: revisions,
                keep_younger_than: younger.map(str::to_owned),
                prune_over_size_limit: over,
                ..PruneOptions::default()
            };
        for (options, expected) in [
            (options(Some(3), Some("60m"), None), Ok(())),
            (options(None, None, Some(false)), Ok(())),
            (options(Some(0), Some("0s"), None), Ok(())),
            (
                options(Some(1), None, Some(true)),
                Err(
                    "--prune-over-size-limit cannot be specified with --keep-tag-revisions nor --keep-younger-than",
                ),
            ),
            (
                options(None, Some("-1s"), None),
                Err("--keep-younger-than must be greater than or equal to 0"),
            ),
            (
                options(Some(-1), None, None),
                Err("--keep-tag-revisions must be greater than or equal to 0"),
            ),
            (
                options(None, Some("1d"), None),
                Err(
                    r#"invalid argument "1d" for "--keep-younger-than" flag: time: unknown unit "d" in duration "1d""#,
                ),
            ),
        ] {
            let got = options.validate().map_err(|e| e.to_string());
            assert_eq!(got, expected.map_err(str::to_owned));
        }
    }
}
