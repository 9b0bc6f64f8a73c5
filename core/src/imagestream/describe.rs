//! `oc describe is` text rendering (spec §8, openshift/oc `pkg/helpers/describe`
//! `DescribeImageStream` / `formatImageStreamTags`).
//!
//! The text is produced the way upstream produces it: the same lines written through a
//! port of Go's `text/tabwriter` (`crate::gotabwriter`, tab padding, width 8), so that any value,
//! tabs and newlines included, lays out byte for byte as `oc` prints it.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde_json::Value;

use super::model::{ImageStream, NamedTagEventList, TagReference};
use super::prune::gotime::{Nanos, ZERO_TIME, from_seconds, parse_time, since_seconds};
use super::{IMPORT_SUCCESS, human_duration, prioritize_tags};
use crate::error::{ImageStreamError, ImageStreamResult};
use crate::gotabwriter;
use crate::reference::DockerImageReferenceView;

/// `<relative time>` of `t` at `now`, as `units.HumanDuration(now.Sub(t))`.
fn relative(now: Nanos, t: Nanos) -> String {
    human_duration(since_seconds(now, t))
}

/// `formatString`: `<label>:` then each line of the value (`<none>` when empty) after a tab.
fn format_string(out: &mut String, label: &str, value: &str) {
    let value = if value.is_empty() { "<none>" } else { value };
    out.push_str(label);
    out.push(':');
    for line in value.split('\n') {
        out.push('\t');
        out.push_str(line);
        out.push('\n');
    }
}

/// `formatMapStringString`: sorted `k=v` lines, or `<none>`.
fn format_map(out: &mut String, label: &str, items: &BTreeMap<&str, &str>) {
    let mut entries = items.iter();
    let Some((key, value)) = entries.next() else {
        format_string(out, label, "");
        return;
    };
    format_string(out, label, &format!("{key}={value}"));
    for (key, value) in entries {
        out.push_str(&format!("\t{key}={value}\n"));
    }
}

/// `formatMeta`: name, namespace, creation time, labels, description and annotations.
fn format_meta(out: &mut String, stream: &ImageStream, now: Nanos) -> ImageStreamResult<()> {
    let meta = &stream.metadata;
    format_string(out, "Name", stream.name());
    if !stream.namespace().is_empty() {
        format_string(out, "Namespace", stream.namespace());
    }
    let created = match meta.extra.get("creationTimestamp") {
        None | Some(Value::Null) => ZERO_TIME,
        Some(Value::String(s)) => parse_time("metadata.creationTimestamp", Some(s))?,
        Some(other) => {
            return Err(ImageStreamError::InvalidTime {
                field: "metadata.creationTimestamp".to_owned(),
                value: other.to_string(),
            });
        }
    };
    if created != ZERO_TIME {
        out.push_str(&format!("Created:\t{} ago\n", relative(now, created)));
    }
    let labels: BTreeMap<&str, &str> = meta
        .labels
        .iter()
        .flatten()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    format_map(out, "Labels", &labels);
    let mut annotations: BTreeMap<&str, &str> = meta
        .annotations
        .iter()
        .flatten()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    if let Some(description) = annotations.remove("description")
        && !description.is_empty()
    {
        format_string(out, "Description", description);
    }
    format_map(out, "Annotations", &annotations);
    Ok(())
}

/// `latestObservedTagGeneration` of a status tag (0 without one).
fn observed_generation(list: Option<&NamedTagEventList>) -> i64 {
    list.map_or(0, NamedTagEventList::latest_observed_generation)
}

/// The source line of a tag section.
fn source_line(stream: &ImageStream, tag_ref: Option<&TagReference>) -> String {
    let Some(tag_ref) = tag_ref else {
        return "no spec tag".to_owned();
    };
    let Some(from) = &tag_ref.from else {
        return "tag without source image".to_owned();
    };
    let name = if !from.namespace.is_empty() && from.namespace != stream.namespace() {
        format!("{}/{}", from.namespace, from.name)
    } else {
        from.name.clone()
    };
    let (reference, scheduled) = (tag_ref.reference, tag_ref.import_policy.scheduled);
    match from.kind.as_str() {
        "ImageStreamTag" if reference => format!("reference to {name}"),
        "ImageStreamTag" if scheduled => format!("updates automatically from {name}"),
        "DockerImage" if reference => format!("reference to registry {name}"),
        "DockerImage" if scheduled => format!("updates automatically from registry {name}"),
        "ImageStreamImage" if reference => format!("reference to image {name}"),
        "ImageStreamTag" | "DockerImage" | "ImageStreamImage" => format!("tagged from {name}"),
        kind if reference => format!("reference to {kind} {name}"),
        kind => format!("updates from {kind} {name}"),
    }
}

/// `formatImageStreamTags`.
fn format_tags(out: &mut String, stream: &ImageStream, now: Nanos) -> ImageStreamResult<()> {
    let (spec, status) = (&stream.spec.tags, &stream.status.tags);
    if spec.is_empty() && status.is_empty() {
        out.push_str("Tags:\t<none>\n");
        return Ok(());
    }
    // Unique images: a reference-only item counts as the image "" unless its pull spec is
    // itself a key already (upstream's check-one-key-insert-another).
    let mut images: HashSet<&str> = HashSet::new();
    for item in status.iter().flat_map(NamedTagEventList::items) {
        if !item.image.is_empty() {
            images.insert(&item.image);
        } else if !item.docker_image_reference.is_empty()
            && !images.contains(item.docker_image_reference.as_str())
        {
            images.insert("");
        }
    }
    // First entries win, as upstream's list look-ups.
    let mut status_by_name: HashMap<&str, &NamedTagEventList> = HashMap::new();
    for list in status.iter().rev() {
        status_by_name.insert(&list.tag, list);
    }
    let mut spec_by_name: HashMap<&str, &TagReference> = HashMap::new();
    for tag_ref in spec.iter().rev() {
        spec_by_name.insert(&tag_ref.name, tag_ref);
    }
    let mut tags: Vec<&str> = status.iter().map(|t| t.tag.as_str()).collect();
    let mut aliases: HashSet<&str> = HashSet::new();
    let mut aliases_of: HashMap<String, BTreeSet<&str>> = HashMap::new();
    for tag_ref in spec {
        // Only `ImageStreamTag` sources can be followed; skip the walk for the others.
        let follows = tag_ref
            .from
            .as_ref()
            .is_some_and(|f| f.kind == "ImageStreamTag");
        if follows {
            let followed = stream.follow_tag_reference(&tag_ref.name);
            if followed.error.is_none() && followed.multiple {
                aliases.insert(&tag_ref.name);
                aliases_of
                    .entry(followed.final_tag)
                    .or_default()
                    .insert(&tag_ref.name);
            }
        }
        if !status_by_name.contains_key(tag_ref.name.as_str()) {
            tags.push(&tag_ref.name);
        }
    }
    out.push_str(&format!(
        "Unique Images:\t{}\nTags:\t{}\n\n",
        images.len(),
        tags.len()
    ));
    let mut first = true;
    for tag in prioritize_tags(&tags) {
        if aliases.contains(tag.as_str()) {
            continue;
        }
        if !first {
            out.push('\n');
        }
        first = false;
        let list = status_by_name.get(tag.as_str()).copied();
        let tag_ref = spec_by_name.get(tag.as_str()).copied();
        match aliases_of.get(&tag) {
            Some(names) if !names.is_empty() => {
                let names: Vec<&str> = names.iter().copied().collect();
                out.push_str(&format!("{tag} ({})\n", prioritize_tags(&names).join(", ")));
            }
            _ => out.push_str(&format!("{tag}\n")),
        }
        out.push_str(&format!("  {}\n", source_line(stream, tag_ref)));
        let with_from = tag_ref.filter(|t| t.from.is_some());
        if with_from.is_some_and(|t| t.import_policy.insecure) {
            out.push_str("    will use insecure HTTPS or HTTP connections\n");
        }
        if tag_ref.is_some_and(|t| t.reference_policy.kind == "Local") {
            out.push_str("    prefer registry pullthrough when referencing this tag\n");
        }
        out.push('\n');
        let annotation = |key: &str| {
            tag_ref
                .and_then(|t| t.annotations.as_ref())
                .and_then(|a| a.get(key))
                .map_or("", String::as_str)
        };
        let mut extra = false;
        for (key, prefix, split) in [
            ("description", "", false),
            ("tags", "Tags: ", true),
            ("supports", "Supports: ", true),
            ("sampleRepo", "Example Repo: ", false),
        ] {
            let value = annotation(key);
            if value.is_empty() {
                continue;
            }
            let value = if split {
                value.split(',').collect::<Vec<_>>().join(", ")
            } else {
                value.to_owned()
            };
            out.push_str(&format!("  {prefix}{value}\n"));
            extra = true;
        }
        if extra {
            out.push('\n');
        }
        let importing = with_from.is_some_and(|t| {
            !t.reference && t.generation.is_some_and(|g| g > observed_generation(list))
        });
        if importing {
            out.push_str("  ~ importing latest image ...\n");
        }
        let Some(list) = list else { continue };
        for condition in &list.conditions {
            if condition.kind == IMPORT_SUCCESS && condition.status == "False" {
                let at = parse_time(
                    "condition lastTransitionTime",
                    condition.last_transition_time.as_deref(),
                )?;
                out.push_str(&format!(
                    "  ! error: Import failed ({}): {}\n      {} ago\n",
                    condition.reason,
                    condition.message,
                    relative(now, at)
                ));
            }
        }
        for (i, event) in list.items().iter().enumerate() {
            let created = parse_time("tag event created", event.created.as_deref())?;
            let marker = if i == 0 { "  * " } else { "    " };
            out.push_str(&format!("{marker}{}\n", event.docker_image_reference));
            let id = event.image.as_str();
            let differs = !id.is_empty()
                && DockerImageReferenceView::parse(&event.docker_image_reference)
                    .is_ok_and(|r| r.id != id);
            if differs {
                out.push_str(&format!("      {} ago\t{id}\n", relative(now, created)));
            } else {
                out.push_str(&format!("      {} ago\n", relative(now, created)));
            }
        }
    }
    Ok(())
}

/// Renders `oc describe is` for `stream` with the clock at `now` (Unix seconds), byte for
/// byte as `oc` prints it.
///
/// # Errors
/// [`ImageStreamError::InvalidTime`] for a creation, event or condition time that is not
/// RFC 3339 (the API would not have decoded the stream).
///
/// ```
/// use openshift_image::imagestream::describe::describe_image_stream;
///
/// let stream = serde_json::from_value(serde_json::json!({
///     "metadata": {"name": "ruby", "namespace": "proj"},
///     "spec": {"lookupPolicy": {"local": false},
///              "tags": [{"name": "2.7", "from": {"kind": "DockerImage", "name": "ruby:2.7"}}]},
///     "status": {"dockerImageRepository": "172.30.1.1:5000/proj/ruby"}
/// }))?;
/// let text = describe_image_stream(&stream, 0)?;
/// assert!(text.starts_with("Name:\t\t\truby\nNamespace:\t\tproj\n"));
/// assert!(text.ends_with("Tags:\t\t\t1\n\n2.7\n  tagged from ruby:2.7\n\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn describe_image_stream(stream: &ImageStream, now: i64) -> ImageStreamResult<String> {
    let now = from_seconds(now);
    let mut out = String::new();
    format_meta(&mut out, stream, now)?;
    let status = &stream.status;
    let repository = if status.public_docker_image_repository.is_empty() {
        &status.docker_image_repository
    } else {
        &status.public_docker_image_repository
    };
    format_string(&mut out, "Image Repository", repository);
    format_string(
        &mut out,
        "Image Lookup",
        &format!("local={}", stream.spec.lookup_policy.local),
    );
    format_tags(&mut out, stream, now)?;
    Ok(gotabwriter::format(&out, gotabwriter::DESCRIBE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_render() {
        let digest = format!("sha256:{}", "a".repeat(64));
        let stream: ImageStream = serde_json::from_value(serde_json::json!({
            "metadata": {"name": "s", "labels": {"k": "line1\nline2"},
                         "annotations": {"description": "", "x": "y"}},
            "spec": {"lookupPolicy": {"local": true}, "tags": [
                {"name": "alias", "from": {"kind": "ImageStreamTag", "name": "s:t"}},
                {"name": "t", "from": {"kind": "DockerImage", "name": "r/s:t"}, "generation": 2,
                 "annotations": {"tags": "a, b"}}]},
            "status": {"dockerImageRepository": "r/s", "tags": [{"tag": "t", "items": [
                {"created": null, "dockerImageReference": "r/s:t", "image": digest, "generation": 1},
                {"created": "1970-01-01T00:00:00Z", "dockerImageReference": "r/s:old", "image": "",
                 "generation": 1},
                {"created": "1970-01-01T00:00:00Z", "dockerImageReference": "", "image": "",
                 "generation": 1}],
                "conditions": [{"type": "ImportSuccess", "status": "False", "reason": "R",
                                "message": "m", "lastTransitionTime": "1970-01-01T00:00:00Z",
                                "generation": 1}]}]}
        }))
        .unwrap();
        let text = describe_image_stream(&stream, 7200).unwrap();
        let expected = format!(
            "Name:\t\t\ts\nLabels:\t\t\tk=line1\n\t\t\tline2\nAnnotations:\t\tx=y\n\
             Image Repository:\tr/s\nImage Lookup:\t\tlocal=true\nUnique Images:\t\t2\n\
             Tags:\t\t\t2\n\nt (alias)\n  tagged from r/s:t\n\n  Tags: a,  b\n\n\
             \x20 ~ importing latest image ...\n  ! error: Import failed (R): m\n      2 hours ago\n\
             \x20 * r/s:t\n      292 years ago\t{digest}\n    r/s:old\n      2 hours ago\n\
             \x20   \n      2 hours ago\n"
        );
        assert_eq!(text, expected);
    }

    #[test]
    fn source_lines() {
        let stream: ImageStream = serde_json::from_value(serde_json::json!({
            "metadata": {"name": "s", "namespace": "ns"}
        }))
        .unwrap();
        for (tag_ref, expected) in [
            (serde_json::json!(null), "no spec tag"),
            (serde_json::json!({"name": "t"}), "tag without source image"),
            (
                serde_json::json!({"name": "t", "from": {"kind": "ImageStreamTag", "namespace": "ns", "name": "a:b"}}),
                "tagged from a:b",
            ),
            (
                serde_json::json!({"name": "t", "from": {"kind": "ImageStreamTag", "namespace": "o", "name": "a:b"}, "importPolicy": {"scheduled": true}}),
                "updates automatically from o/a:b",
            ),
            (
                serde_json::json!({"name": "t", "from": {"kind": "ImageStreamImage", "name": "a@sha256:x"}, "reference": true}),
                "reference to image a@sha256:x",
            ),
            (
                serde_json::json!({"name": "t", "from": {"kind": "DockerImage", "name": "r/a"}, "importPolicy": {"scheduled": true}}),
                "updates automatically from registry r/a",
            ),
            (
                serde_json::json!({"name": "t", "from": {"kind": "Foo", "name": "x"}}),
                "updates from Foo x",
            ),
        ] {
            let tag_ref: Option<TagReference> = serde_json::from_value(tag_ref).unwrap();
            assert_eq!(source_line(&stream, tag_ref.as_ref()), expected);
        }
    }
}
