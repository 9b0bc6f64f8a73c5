//! `alpha.image.policy.openshift.io/resolve-names` (jsonpath.md §11; apiserver-library-go
//! `imagereferencemutators.ResolveAllNames`).
//!
//! The image policy admission plugin rewrites every image reference of a pod template to the
//! image stream tag it names (not only those of streams with `lookupPolicy.local`) when the
//! annotation's value is exactly `*` on the pod template's metadata or on the object's own.
//! [`resolve_all_names`] answers that question for a workload given as JSON;
//! [`resolve_pod_images`] runs the image-policy resolver ([`ImageApiServer`]) over every
//! container image of the pod template and writes the local-name rewrites.

use serde_json::Value;

use super::gets::{ImageApiServer, ImagePolicyAttributes};
use super::model::ObjectReference;
use super::triggers::pod_spec_path;
use crate::error::ImageStreamResult;

/// The annotation that asks the image policy plugin to resolve every image name.
pub const RESOLVE_NAMES_ANNOTATION: &str = "alpha.image.policy.openshift.io/resolve-names";

/// The only value of [`RESOLVE_NAMES_ANNOTATION`] that is honoured.
pub const RESOLVE_ALL: &str = "*";

/// The members leading to the pod template's metadata of `object`, when it has a pod
/// template (apiserver-library-go `GetTemplateMetaObject`): the pod spec path of
/// [`pod_spec_path`] with its last `spec` replaced by `metadata`. A `Pod` (whose pod spec is
/// its own `spec`) and kinds without a pod spec have none.
fn template_metadata(object: &Value) -> Option<&Value> {
    let path = pod_spec_path(object).ok()?;
    let (last, parents) = path.segments.split_last()?;
    if *last != "spec" || parents.is_empty() {
        return None;
    }
    parents
        .iter()
        .try_fold(object, |value, segment| value.get(segment))?
        .get("metadata")
}

/// Whether `metadata.annotations[RESOLVE_NAMES_ANNOTATION]` is exactly `*`.
fn annotated_resolve_all(metadata: Option<&Value>) -> bool {
    metadata
        .and_then(|m| m.get("annotations"))
        .and_then(|a| a.get(RESOLVE_NAMES_ANNOTATION))
        .and_then(Value::as_str)
        == Some(RESOLVE_ALL)
}

/// Whether the image policy plugin resolves every image name of `object` (a workload as
/// JSON, any kind): true when [`RESOLVE_NAMES_ANNOTATION`] is exactly `*` (no trimming, no
/// case folding) on the pod template's annotations (`PodTemplate`, `ReplicationController`
/// and `DeploymentConfig` with a template, `Deployment`, `DaemonSet`, `ReplicaSet`,
/// `StatefulSet`, `Job`, `CronJob`'s job template, …) or on the object's own annotations
/// (any kind, `Pod` included). Either place suffices; a different value on the other does
/// not cancel it.
///
/// ```
/// use openshift_image::imagestream::resolve_names::resolve_all_names;
/// use serde_json::json;
///
/// let deployment = json!({"apiVersion": "apps/v1", "kind": "Deployment",
///     "metadata": {"name": "web"},
///     "spec": {"template": {"metadata": {"annotations": {
///         "alpha.image.policy.openshift.io/resolve-names": "*"}},
///         "spec": {"containers": [{"name": "web", "image": "ruby:3.3"}]}}}});
/// assert!(resolve_all_names(&deployment));
/// let pod = json!({"kind": "Pod", "metadata": {"annotations": {
///     "alpha.image.policy.openshift.io/resolve-names": "true"}}});
/// assert!(!resolve_all_names(&pod));
/// ```
#[must_use]
pub fn resolve_all_names(object: &Value) -> bool {
    annotated_resolve_all(template_metadata(object))
        || annotated_resolve_all(object.get("metadata"))
}

/// The most containers (and init containers) [`resolve_pod_images`] resolves per list.
pub const MAX_CONTAINERS: usize = 10_000;

/// What the resolver answered for one container image.
#[derive(Debug, Clone, PartialEq)]
pub struct ContainerResolution {
    /// The container is an init container.
    pub init: bool,
    /// Its index in `containers` / `initContainers`.
    pub index: usize,
    /// Its name (`""` when absent).
    pub name: String,
    /// The image as written before the call.
    pub image: String,
    /// The resolver's answer (apiserver-library-go `ResolveObjectReference` for a
    /// `DockerImage` reference).
    pub outcome: ImageStreamResult<ImagePolicyAttributes>,
    /// The image was rewritten to `outcome`'s `name.exact()`.
    pub rewritten: bool,
}

/// Resolves every container image (init containers first, then containers) of `object`'s
/// pod template through `server`, in `namespace` (`""` = the object's
/// `metadata.namespace`), forcing local-name resolution when [`resolve_all_names`] holds
/// (imagestreams.md §6): a reference resolved through a local-name lookup
/// (`local_rewrite`: a partial `name[:tag]`, every registry-less reference when forced, or
/// the missing-tag fallback) is rewritten in place to the resolved pull spec
/// (`<repository>@<image>` or `<status repository>:<tag>`). Other answers, failures
/// included (`ImageStreamTag does not allow local references …`, unknown streams,
/// references that cannot be resolved to an exact image), leave the image unchanged and are
/// reported per container; what a failure means (reject or ignore) is the caller's policy.
/// Containers without a string `image` are skipped; at most [`MAX_CONTAINERS`] per list.
///
/// ```
/// use openshift_image::imagestream::resolve_names::resolve_pod_images;
/// use openshift_image::imagestream::{ImageApiServer, ImageStream};
/// use serde_json::json;
///
/// let streams: Vec<ImageStream> = serde_json::from_str(
///     r#"[{"metadata": {"name": "ruby", "namespace": "shop"},
///          "spec": {"lookupPolicy": {"local": true}},
///          "status": {"dockerImageRepository": "172.30.1.1:5000/shop/ruby"}}]"#,
/// )?;
/// let server = ImageApiServer::new(&streams, &[], Some("172.30.1.1:5000"));
/// let mut pod = json!({"kind": "Pod", "metadata": {"namespace": "shop"},
///     "spec": {"containers": [{"name": "web", "image": "ruby:3.3"},
///                             {"name": "proxy", "image": "quay.io/acme/proxy:1"}]}});
/// let results = resolve_pod_images(&mut pod, "", &server)?;
/// assert_eq!(pod["spec"]["containers"][0]["image"], "172.30.1.1:5000/shop/ruby:3.3");
/// assert!(results[0].rewritten && !results[1].rewritten && results[1].outcome.is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`crate::ImageStreamError::NoPodSpec`] when `object` has no pod spec.
pub fn resolve_pod_images(
    object: &mut Value,
    namespace: &str,
    server: &ImageApiServer<'_>,
) -> ImageStreamResult<Vec<ContainerResolution>> {
    let path = pod_spec_path(object)?;
    let force = resolve_all_names(object);
    let namespace = if namespace.is_empty() {
        object
            .get("metadata")
            .and_then(|m| m.get("namespace"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    } else {
        namespace.to_owned()
    };
    let mut results = Vec::new();
    let Some(pod_spec) = path
        .segments
        .iter()
        .try_fold(&mut *object, |value, segment| value.get_mut(segment))
    else {
        return Ok(results);
    };
    for init in [true, false] {
        let key = if init { "initContainers" } else { "containers" };
        let Some(containers) = pod_spec.get_mut(key).and_then(Value::as_array_mut) else {
            continue;
        };
        for (index, container) in containers.iter_mut().enumerate().take(MAX_CONTAINERS) {
            let Some(image) = container.get("image").and_then(Value::as_str) else {
                continue;
            };
            let image = image.to_owned();
            let name = container
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let reference = ObjectReference {
                kind: "DockerImage".to_owned(),
                name: image.clone(),
                ..ObjectReference::default()
            };
            let outcome = server.resolve_object_reference(&reference, &namespace, force);
            let mut rewritten = false;
            if let Ok(attrs) = &outcome
                && attrs.local_rewrite
                && let Some(map) = container.as_object_mut()
            {
                map.insert("image".to_owned(), Value::String(attrs.name.exact()));
                rewritten = true;
            }
            results.push(ContainerResolution {
                init,
                index,
                name,
                image,
                outcome,
                rewritten,
            });
        }
    }
    Ok(results)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn annotated(value: &str) -> Value {
        json!({"annotations": {RESOLVE_NAMES_ANNOTATION: value}})
    }

    #[test]
    fn table() {
        let star = annotated("*");
        let none = json!({});
        let cases: Vec<(&str, Value, bool)> = vec![
            ("pod object", json!({"kind": "Pod", "metadata": star}), true),
            (
                "pod spec metadata ignored",
                json!({"kind": "Pod", "spec": {"metadata": star}}),
                false,
            ),
            (
                "pod template",
                json!({"kind": "PodTemplate", "template": {"metadata": star}}),
                true,
            ),
            (
                "deployment template",
                json!({"kind": "Deployment", "spec": {"template": {"metadata": star}}}),
                true,
            ),
            (
                "cronjob template",
                json!({"kind": "CronJob", "spec": {"jobTemplate": {"spec": {"template": {"metadata": star}}}}}),
                true,
            ),
            (
                "rc without template",
                json!({"kind": "ReplicationController", "metadata": none}),
                false,
            ),
            (
                "service object",
                json!({"kind": "Service", "metadata": star}),
                true,
            ),
            (
                "service spec template ignored",
                json!({"kind": "Service", "spec": {"template": {"metadata": star}}}),
                false,
            ),
            (
                "value true",
                json!({"kind": "Pod", "metadata": annotated("true")}),
                false,
            ),
            (
                "value with space",
                json!({"kind": "Pod", "metadata": annotated(" *")}),
                false,
            ),
            (
                "template false object star",
                json!({"kind": "Deployment", "metadata": star,
                    "spec": {"template": {"metadata": annotated("false")}}}),
                true,
            ),
            (
                "non-string value",
                json!({"kind": "Pod", "metadata": {"annotations": {RESOLVE_NAMES_ANNOTATION: 1}}}),
                false,
            ),
            ("not an object", json!("x"), false),
        ];
        for (name, object, want) in cases {
            assert_eq!(resolve_all_names(&object), want, "{name}");
        }
    }

    #[test]
    fn pod_images() {
        use crate::imagestream::ImageStream;
        let streams: Vec<ImageStream> = serde_json::from_value(json!([
            {"metadata": {"name": "ruby", "namespace": "shop"},
             "spec": {"lookupPolicy": {"local": true}},
             "status": {"dockerImageRepository": "reg:5000/shop/ruby"}},
            {"metadata": {"name": "plain", "namespace": "shop"},
             "status": {"dockerImageRepository": "reg:5000/shop/plain"}}
        ]))
        .unwrap_or_default();
        let server = ImageApiServer::new(&streams, &[], Some("reg:5000"));
        // (image, forced, expected image afterwards, rewritten)
        let cases = [
            ("ruby:3.3", false, "reg:5000/shop/ruby:3.3", true),
            ("ruby", false, "reg:5000/shop/ruby:latest", true),
            ("plain:1", false, "plain:1", false),
            ("plain:1", true, "reg:5000/shop/plain:1", true),
            ("other/plain:1", false, "other/plain:1", false),
            ("other/plain:1", true, "reg:5000/shop/plain:1", true),
            ("quay.io/a/b:1", false, "quay.io/a/b:1", false),
            ("missing:1", true, "missing:1", false),
        ];
        for (image, forced, want, rewritten) in cases {
            let mut annotations = serde_json::Map::new();
            if forced {
                annotations.insert(RESOLVE_NAMES_ANNOTATION.into(), json!("*"));
            }
            let mut object = json!({"kind": "Deployment", "metadata": {"namespace": "shop"},
                "spec": {"template": {"metadata": {"annotations": annotations},
                    "spec": {"containers": [{"name": "c", "image": image}]}}}});
            let results = resolve_pod_images(&mut object, "", &server).unwrap_or_default();
            let got = &object["spec"]["template"]["spec"]["containers"][0]["image"];
            assert_eq!(got, want, "{image} forced={forced}");
            assert_eq!(
                results.first().map(|r| r.rewritten),
                Some(rewritten),
                "{image}"
            );
        }
        let mut service = json!({"kind": "Service"});
        assert!(resolve_pod_images(&mut service, "", &server).is_err());
    }
}
