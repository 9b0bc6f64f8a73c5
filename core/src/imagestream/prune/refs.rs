//! The image references of cluster workloads (`analyzeImageStreamsReferences`): which image
//! stream tags and images they use, read from Kubernetes / OpenShift JSON objects.

use std::collections::HashSet;

use serde_json::Value;

use super::PruneInputs;
use super::gotime::{Nanos, parse_time_value};
use crate::error::{ImageStreamError, ImageStreamResult};
use crate::reference::{
    DockerImageReferenceView, parse_image_stream_image_name, parse_image_stream_tag_name,
};

/// A `<namespace>/<stream>:<tag>` or `<namespace>/<stream>@<digest>` key.
pub(crate) type StreamKey = (String, String, String);

/// What the workloads use.
#[derive(Debug, Default)]
pub(crate) struct References {
    /// Tags referenced by pull spec or `ImageStreamTag` (protect revision 0 of the tag).
    pub(crate) tags: HashSet<StreamKey>,
    /// Images referenced by digest or `ImageStreamImage` (protect every revision).
    pub(crate) images: HashSet<StreamKey>,
}

/// The member at `path`, if every step is an object member.
fn at<'a>(value: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(value, |v, key| v.get(*key))
}

/// The string at `path`, `""` when absent or not a string.
fn str_at<'a>(value: &'a Value, path: &[&str]) -> &'a str {
    at(value, path).and_then(Value::as_str).unwrap_or_default()
}

/// The referring object, printed as upstream's `resourceReference`.
struct Referrer<'a> {
    resource: &'static str,
    namespace: &'a str,
    name: &'a str,
}

impl Referrer<'_> {
    fn of<'a>(resource: &'static str, object: &'a Value) -> Referrer<'a> {
        Referrer {
            resource,
            namespace: str_at(object, &["metadata", "namespace"]),
            name: str_at(object, &["metadata", "name"]),
        }
    }

    fn describe(&self, sub: &str) -> String {
        let mut out = format!("{}/{}", self.resource, self.name);
        if !self.namespace.is_empty() {
            out.push_str(" namespace=");
            out.push_str(self.namespace);
        }
        if !sub.is_empty() {
            out.push_str(": ");
            out.push_str(sub);
        }
        out
    }
}

/// Collects references, and the bad ones as errors unless they are ignored.
struct Analyzer {
    refs: References,
    errors: Vec<ImageStreamError>,
    ignore_invalid: bool,
}

impl Analyzer {
    fn bad(&mut self, error: ImageStreamError) {
        if !self.ignore_invalid {
            self.errors.push(error);
        }
    }

    /// `analyzeImageReference`: a pull spec counts with a registry, a namespace and a
    /// one-segment name; without a digest it names a tag (default `latest`).
    fn image_reference(&mut self, referrer: &Referrer<'_>, sub: &str, image: &str) {
        let parsed = match DockerImageReferenceView::parse(image) {
            Ok(parsed) => parsed,
            Err(source) => {
                self.bad(ImageStreamError::BadReference {
                    referrer: referrer.describe(sub),
                    target_kind: "image".to_owned(),
                    reference: image.to_owned(),
                    source: Box::new(source),
                });
                return;
            }
        };
        if parsed.registry.is_empty() || parsed.namespace.is_empty() || parsed.name.contains('/') {
            return;
        }
        let key = |last: &str| {
            (
                parsed.namespace.to_owned(),
                parsed.name.to_owned(),
                last.to_owned(),
            )
        };
        if parsed.id.is_empty() {
            let tag = if parsed.tag.is_empty() {
                crate::imagestream::DEFAULT_IMAGE_TAG
            } else {
                parsed.tag
            };
            self.refs.tags.insert(key(tag));
        } else {
            self.refs.images.insert(key(parsed.id));
        }
    }

    /// `analyzeReferencesFromPodSpec`: init containers, then containers.
    fn pod_spec(&mut self, referrer: &Referrer<'_>, spec: Option<&Value>) {
        let Some(spec) = spec else { return };
        for (field, label) in [
            ("initContainers", "init container"),
            ("containers", "container"),
        ] {
            let containers = spec.get(field).and_then(Value::as_array);
            for container in containers.into_iter().flatten() {
                let image = str_at(container, &["image"]);
                if image.trim().is_empty() {
                    continue;
                }
                let sub = format!("{label} {}", str_at(container, &["name"]));
                self.image_reference(referrer, &sub, image);
            }
        }
    }

    /// `analyzeReferencesFromBuildStrategy`: the strategy's `from` (source, docker, then
    /// custom), with the referrer's namespace as the default.
    fn build_strategy(&mut self, referrer: &Referrer<'_>, strategy: Option<&Value>) {
        let Some(strategy) = strategy else { return };
        let present = |key: &str| strategy.get(key).filter(|v| !v.is_null());
        let from = if let Some(source) = present("sourceStrategy") {
            // A value member: an absent `from` is an empty reference.
            Some(source.get("from").unwrap_or(&Value::Null))
        } else if let Some(docker) = present("dockerStrategy") {
            docker.get("from").filter(|v| !v.is_null())
        } else if let Some(custom) = present("customStrategy") {
            Some(custom.get("from").unwrap_or(&Value::Null))
        } else {
            None
        };
        let Some(from) = from else { return };
        let name = str_at(from, &["name"]);
        let namespace = match str_at(from, &["namespace"]) {
            "" => referrer.namespace,
            ns => ns,
        };
        match str_at(from, &["kind"]) {
            "DockerImage" if !name.trim().is_empty() => {
                self.image_reference(referrer, "", name);
            }
            "ImageStreamImage" => match parse_image_stream_image_name(name) {
                Ok(parsed) => {
                    self.refs
                        .images
                        .insert((namespace.to_owned(), parsed.name, parsed.id));
                }
                Err(source) => self.bad(ImageStreamError::BadReference {
                    referrer: referrer.describe(""),
                    target_kind: "ImageStreamImage".to_owned(),
                    reference: name.to_owned(),
                    source: Box::new(source),
                }),
            },
            "ImageStreamTag" => match parse_image_stream_tag_name(name) {
                Ok(parsed) => {
                    self.refs
                        .tags
                        .insert((namespace.to_owned(), parsed.name, parsed.tag));
                }
                Err(source) => self.bad(ImageStreamError::BadReference {
                    referrer: referrer.describe(""),
                    target_kind: "ImageStreamTag".to_owned(),
                    reference: name.to_owned(),
                    source: Box::new(source),
                }),
            },
            _ => {}
        }
    }
}

/// The pod template spec of a controller, at `path`.
fn template<'a>(object: &'a Value, path: &[&str]) -> Option<&'a Value> {
    at(object, path).filter(|v| !v.is_null())
}

/// Builds the reference graph from every workload of `inputs`, in upstream's order (pods,
/// replication controllers, deployment configs, replica sets, deployments, daemon sets,
/// builds, build configs, stateful sets, jobs, cron jobs).
///
/// Pods that are neither running nor pending count only when created at or after
/// `threshold`.
///
/// # Errors
/// A pod with an invalid `creationTimestamp`; otherwise `Ok` with the bad references (empty
/// when `ignore_invalid` or when every reference parses) next to the graph.
pub(crate) fn analyze(
    inputs: &PruneInputs,
    threshold: Nanos,
    ignore_invalid: bool,
) -> ImageStreamResult<(References, Vec<ImageStreamError>)> {
    let mut a = Analyzer {
        refs: References::default(),
        errors: Vec::new(),
        ignore_invalid,
    };
    for pod in &inputs.pods {
        let referrer = Referrer::of("pod", pod);
        let phase = str_at(pod, &["status", "phase"]);
        if phase != "Running" && phase != "Pending" {
            let created = parse_time_value(
                "pod metadata.creationTimestamp",
                at(pod, &["metadata", "creationTimestamp"]),
            )?;
            if created < threshold {
                continue;
            }
        }
        a.pod_spec(&referrer, pod.get("spec"));
    }
    let template_spec = ["spec", "template", "spec"];
    for (resource, objects, path) in [
        (
            "replicationcontroller",
            &inputs.replication_controllers,
            &template_spec[..],
        ),
        (
            "deploymentconfig",
            &inputs.deployment_configs,
            &template_spec[..],
        ),
        ("replicaset", &inputs.replica_sets, &template_spec[..]),
        ("deployment", &inputs.deployments, &template_spec[..]),
        ("daemonset", &inputs.daemon_sets, &template_spec[..]),
    ] {
        for object in objects {
            a.pod_spec(&Referrer::of(resource, object), template(object, path));
        }
    }
    for (resource, objects) in [
        ("build", &inputs.builds),
        ("buildconfig", &inputs.build_configs),
    ] {
        for object in objects {
            a.build_strategy(
                &Referrer::of(resource, object),
                at(object, &["spec", "strategy"]),
            );
        }
    }
    let cron_spec = ["spec", "jobTemplate", "spec", "template", "spec"];
    for (resource, objects, path) in [
        ("statefulset", &inputs.stateful_sets, &template_spec[..]),
        ("job", &inputs.jobs, &template_spec[..]),
        ("cronjob", &inputs.cron_jobs, &cron_spec[..]),
    ] {
        for object in objects {
            a.pod_spec(&Referrer::of(resource, object), template(object, path));
        }
    }
    Ok((a.refs, a.errors))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::imagestream::prune::gotime::ZERO_TIME;

    const DIGEST: &str = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    fn key(ns: &str, name: &str, last: &str) -> StreamKey {
        (ns.to_owned(), name.to_owned(), last.to_owned())
    }

    #[test]
    fn workload_references() {
        let pod = |name: &str, phase: &str, created: &str, image: &str| {
            json!({"metadata": {"name": name, "namespace": "ns", "creationTimestamp": created},
                   "spec": {"containers": [{"name": "c", "image": image}]},
                   "status": {"phase": phase}})
        };
        let inputs = PruneInputs {
            pods: vec![
                pod("running", "Running", "2000-01-01T00:00:00Z", "r.io/ns/a:1"),
                pod("old", "Succeeded", "2000-01-01T00:00:00Z", "r.io/ns/old:1"),
                pod("young", "Failed", "2030-01-01T00:00:00Z", "r.io/ns/young"),
                pod("no-ns", "Running", "2000-01-01T00:00:00Z", "r.io/a:1"),
                pod("nested", "Running", "2000-01-01T00:00:00Z", "r.io/ns/x/y:1"),
                pod(
                    "digest",
                    "Running",
                    "2000-01-01T00:00:00Z",
                    &format!("r.io/ns/b@{DIGEST}"),
                ),
            ],
            cron_jobs: vec![json!({"metadata": {"name": "cj", "namespace": "ns"},
                "spec": {"jobTemplate": {"spec": {"template": {"spec": {
                    "initContainers": [{"name": "i", "image": "r.io/ns/init:2"}]}}}}}})],
            builds: vec![json!({"metadata": {"name": "b", "namespace": "ns"},
                "spec": {"strategy": {"sourceStrategy": {"from": {"kind": "ImageStreamTag", "name": "s:t"}},
                                      "dockerStrategy": {"from": {"kind": "ImageStreamTag", "name": "ignored:t"}}}}})],
            build_configs: vec![json!({"metadata": {"name": "bc", "namespace": "ns"},
                "spec": {"strategy": {"customStrategy": {"from": {"kind": "ImageStreamImage", "namespace": "o", "name": "s@sha256:def"}}}}})],
            ..PruneInputs::default()
        };
        let threshold = crate::imagestream::prune::gotime::from_seconds(1_500_000_000);
        let (refs, errors) = analyze(&inputs, threshold, false).unwrap();
        assert!(errors.is_empty());
        let mut tags: Vec<_> = refs.tags.into_iter().collect();
        tags.sort();
        assert_eq!(
            tags,
            [
                key("ns", "a", "1"),
                key("ns", "init", "2"),
                key("ns", "s", "t"),
                key("ns", "young", "latest")
            ]
        );
        let mut images: Vec<_> = refs.images.into_iter().collect();
        images.sort();
        assert_eq!(
            images,
            [key("ns", "b", DIGEST), key("o", "s", "sha256:def")]
        );
    }

    #[test]
    fn bad_references() {
        let inputs = PruneInputs {
            pods: vec![json!({"metadata": {"name": "p"},
                "spec": {"initContainers": [{"name": "i", "image": "Bad!"}],
                         "containers": [{"name": "c", "image": "  "}]},
                "status": {"phase": "Pending"}})],
            builds: vec![
                json!({"metadata": {"name": "b", "namespace": "ns"},
                    "spec": {"strategy": {"dockerStrategy": {"from": {"kind": "ImageStreamTag", "name": "notag"}}}}}),
                json!({"metadata": {"name": "b2", "namespace": "ns"},
                    "spec": {"strategy": {"sourceStrategy": {"from": {"kind": "ImageStreamImage", "name": "noid"}}}}}),
            ],
            ..PruneInputs::default()
        };
        let (_, errors) = analyze(&inputs, ZERO_TIME, false).unwrap();
        let texts: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            texts,
            [
                r#"pod/p: init container i: invalid image reference "Bad!": invalid reference format"#,
                r#"build/b namespace=ns: invalid ImageStreamTag reference "notag": expected exactly one : delimiter in the istag "notag""#,
                r#"build/b2 namespace=ns: invalid ImageStreamImage reference "noid": expected exactly one @ in the isimage name "noid""#,
            ]
        );
        let (_, ignored) = analyze(&inputs, ZERO_TIME, true).unwrap();
        assert!(ignored.is_empty());
    }
}
