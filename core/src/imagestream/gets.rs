//! The ImageStreamTag / ImageStreamImage GETs (spec §2, §4.2) and the image-policy admission
//! resolver (spec §6), over an in-memory set of image streams and images.
//!
//! [`ImageApiServer`] plays the part of openshift-apiserver's REST storage: every stream it
//! serves is "decorated" as the server does on read (v1 defaults applied, the status repository
//! recomputed from the internal registry host), and its GETs answer the API's exact error texts.
//! [`ImageApiServer::resolve_object_reference`] is apiserver-library-go's image-policy resolver
//! (`imageResolutionCache.ResolveObjectReference`) on top of those GETs.

use std::collections::{BTreeMap, HashMap};

use crate::error::{ImageStreamError, ImageStreamResult};
use crate::imagestream::model::{
    Image, ImageLookupPolicy, ImageStream, ObjectReference, TagEventCondition, TagReference,
};
use crate::reference::{
    DockerImageReference, digest_or_image_match, join_image_stream_image, join_image_stream_tag,
    parse_image_stream_image_name, parse_image_stream_tag_name, split_image_stream_image,
    split_image_stream_tag,
};

/// The qualified resource of image streams, as NotFound answers name it.
const IMAGE_STREAMS: &str = "imagestreams.image.openshift.io";
/// The qualified resource of image stream tags.
const IMAGE_STREAM_TAGS: &str = "imagestreamtags.image.openshift.io";
/// The qualified resource of image stream images (singular, as upstream registers it).
const IMAGE_STREAM_IMAGE: &str = "imagestreamimage.image.openshift.io";
/// The qualified resource of images.
const IMAGES: &str = "images.image.openshift.io";
/// The namespace the server gives an object created without one.
const DEFAULT_NAMESPACE: &str = "default";

/// An ImageStreamTag as the GET serves it (openshift-apiserver `imagestreamtag.REST.Get`).
#[derive(Debug, Clone, PartialEq)]
pub struct ServedImageStreamTag {
    /// `metadata.name`: `<stream>:<tag>`.
    pub name: String,
    /// `tag`: the spec tag, v1-defaulted, or `None` when the tag has no spec entry.
    pub tag: Option<TagReference>,
    /// `generation`: the generation of the current history item.
    pub generation: i64,
    /// `lookupPolicy` of the stream.
    pub lookup_policy: ImageLookupPolicy,
    /// `conditions` of the status tag (empty when none).
    pub conditions: Vec<TagEventCondition>,
    /// `metadata.annotations`: the spec tag's annotations (empty when none).
    pub annotations: BTreeMap<String, String>,
    /// `image`: the Image object, its annotations merged with the spec tag's and its
    /// `dockerImageReference` resolved under the tag's reference policy (spec §4.2).
    pub image: Image,
}

/// An ImageStreamImage as the GET serves it (openshift-apiserver `imagestreamimage.REST.Get`).
#[derive(Debug, Clone, PartialEq)]
pub struct ServedImageStreamImage {
    /// `metadata.name`: `<stream>@<id>` as requested.
    pub name: String,
    /// `image`: the Image object as stored.
    pub image: Image,
}

/// What the image-policy resolver found for one reference (apiserver-library-go
/// `rules.ImagePolicyAttributes`, the members the admission plugin acts on).
#[derive(Debug, Clone, PartialEq)]
pub struct ImagePolicyAttributes {
    /// The resolved pull spec; the admission plugin writes `name.exact()` when it rewrites.
    pub name: DockerImageReference,
    /// The resolved Image, when the reference resolved to one.
    pub image: Option<Image>,
    /// The reference is served by the integrated registry (see OPS.md "Lookup policy").
    pub integrated_registry: bool,
    /// The reference was resolved through a local-name lookup (or the missing-tag fallback).
    pub local_rewrite: bool,
}

/// The image API of one cluster: its image streams, its Images and the integrated registry's
/// host, answering reads as openshift-apiserver does.
///
/// Streams are looked up by `(metadata.namespace, metadata.name)` (an absent namespace is
/// `""`; the first of duplicates wins), Images by `metadata.name`; both through maps built
/// once, so each GET costs one stream copy plus a scan of the stream itself.
///
/// ```
/// use openshift_image::imagestream::gets::ImageApiServer;
/// use openshift_image::ImageStream;
/// use openshift_image::imagestream::Image;
///
/// let streams: Vec<ImageStream> = serde_json::from_str(
///     r#"[{"metadata": {"name": "ruby", "namespace": "proj"},
///          "spec": {"lookupPolicy": {"local": true},
///                   "tags": [{"name": "3.0", "referencePolicy": {"type": "Local"}}]},
///          "status": {"dockerImageRepository": "",
///                     "tags": [{"tag": "3.0", "items": [{"created": "2024-01-01T00:00:00Z",
///                               "dockerImageReference": "quay.io/ruby@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
///                               "image": "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "generation": 1}]}]}}]"#,
/// )?;
/// let images: Vec<Image> = serde_json::from_str(r#"[{"metadata": {"name": "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}}]"#)?;
///
/// // Without an internal registry, a `Local` tag falls back to the event's own pull spec.
/// let server = ImageApiServer::new(&streams, &images, None);
/// let istag = server.get_image_stream_tag("proj", "ruby:3.0")?;
/// assert_eq!(istag.image.docker_image_reference, "quay.io/ruby@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
/// assert_eq!(
///     server.get_image_stream_tag("proj", "ruby:2.7").unwrap_err().to_string(),
///     r#"imagestreamtags.image.openshift.io "ruby:2.7" not found"#
/// );
///
/// // With one, the stream's repository is recomputed and `Local` points at it.
/// let server = ImageApiServer::new(&streams, &images, Some("172.30.1.1:5000"));
/// let istag = server.get_image_stream_tag("proj", "ruby:3.0")?;
/// assert_eq!(istag.image.docker_image_reference, "172.30.1.1:5000/proj/ruby@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct ImageApiServer<'a> {
    streams: HashMap<(&'a str, &'a str), &'a ImageStream>,
    images: HashMap<&'a str, &'a Image>,
    internal_registry: &'a str,
}

impl<'a> ImageApiServer<'a> {
    /// A server over `streams` and `images`; `internal_registry` is the integrated registry's
    /// host (`None` or `""`: none configured).
    #[must_use]
    pub fn new(
        streams: &'a [ImageStream],
        images: &'a [Image],
        internal_registry: Option<&'a str>,
    ) -> Self {
        let mut stream_index = HashMap::with_capacity(streams.len());
        for stream in streams {
            stream_index
                .entry((stream.namespace(), stream.name()))
                .or_insert(stream);
        }
        let mut image_index = HashMap::with_capacity(images.len());
        for image in images {
            image_index.entry(image.name()).or_insert(image);
        }
        Self {
            streams: stream_index,
            images: image_index,
            internal_registry: internal_registry.unwrap_or_default(),
        }
    }

    /// The integrated registry's host, `""` when none is configured.
    #[must_use]
    pub fn internal_registry(&self) -> &str {
        self.internal_registry
    }

    /// `GET imagestreams/<name>` in `namespace`: a copy of the stored stream with the v1
    /// defaults applied and `status.dockerImageRepository` recomputed as the server does on
    /// read (`<internal registry>/<namespace>/<name>`, or `spec.dockerImageRepository` when no
    /// internal registry is configured).
    ///
    /// # Errors
    /// [`ImageStreamError::NotFound`] (`imagestreams.image.openshift.io "<name>" not found`).
    pub fn get_image_stream(&self, namespace: &str, name: &str) -> ImageStreamResult<ImageStream> {
        let stored = self
            .streams
            .get(&(namespace, name))
            .ok_or_else(|| not_found(IMAGE_STREAMS, name))?;
        let mut stream = (*stored).clone();
        stream.apply_v1_defaults();
        stream.status.docker_image_repository = if self.internal_registry.is_empty() {
            stream.spec.docker_image_repository.clone()
        } else {
            let namespace = if namespace.is_empty() {
                DEFAULT_NAMESPACE
            } else {
                namespace
            };
            DockerImageReference {
                registry: self.internal_registry.to_owned(),
                namespace: namespace.to_owned(),
                name: name.to_owned(),
                ..DockerImageReference::default()
            }
            .exact()
        };
        Ok(stream)
    }

    /// `GET images/<name>`.
    ///
    /// # Errors
    /// [`ImageStreamError::NotFound`] (`images.image.openshift.io "<name>" not found`).
    pub fn get_image(&self, name: &str) -> ImageStreamResult<&'a Image> {
        self.images
            .get(name)
            .copied()
            .ok_or_else(|| not_found(IMAGES, name))
    }

    /// `GET imagestreamtags/<stream>:<tag>` in `namespace` (spec §2).
    ///
    /// # Errors
    /// In this order: [`ImageStreamError::BadRequest`] (`ImageStreamTags must be retrieved
    /// with <name>:<tag>`) for a name `parse_image_stream_tag_name` rejects;
    /// [`ImageStreamError::NotFound`] for an unknown stream, for a tag without history or whose
    /// current item has no image (`imagestreamtags.image.openshift.io "<stream>:<tag>" not
    /// found`), and for an Image missing from the cluster.
    pub fn get_image_stream_tag(
        &self,
        namespace: &str,
        name: &str,
    ) -> ImageStreamResult<ServedImageStreamTag> {
        let parsed =
            parse_image_stream_tag_name(name).map_err(|_| ImageStreamError::BadRequest {
                message: "ImageStreamTags must be retrieved with <name>:<tag>".to_owned(),
            })?;
        let stream = self.get_image_stream(namespace, &parsed.name)?;
        let tag = parsed.tag.as_str();
        let istag_name = join_image_stream_tag(stream.name(), tag);
        let event = stream
            .latest_tagged_image(tag)
            .filter(|event| !event.image.is_empty())
            .ok_or_else(|| not_found(IMAGE_STREAM_TAGS, &istag_name))?;
        let mut image = self.get_image(&event.image)?.clone();

        let spec_tag = stream.spec_tag(tag).cloned();
        let annotations = spec_tag
            .as_ref()
            .and_then(|t| t.annotations.clone())
            .unwrap_or_default();
        if spec_tag.is_some() {
            // The spec tag's annotations are copied onto the served Image too.
            let image_annotations = image.metadata.annotations.get_or_insert_with(BTreeMap::new);
            image_annotations.extend(annotations.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        image.docker_image_reference = stream.resolve_event(spec_tag.as_ref(), event);
        Ok(ServedImageStreamTag {
            name: istag_name,
            generation: event.generation,
            lookup_policy: stream.spec.lookup_policy.clone(),
            conditions: stream
                .status_tag(tag)
                .map(|t| t.conditions.clone())
                .unwrap_or_default(),
            tag: spec_tag,
            annotations,
            image,
        })
    }

    /// `GET imagestreamimages/<stream>@<id>` in `namespace` (spec §2): the image is looked up
    /// with `digest_or_image_match` among the images named in the stream's `status.tags` (its
    /// layers index), not with `resolve_image_id`. Several matches are not an error upstream
    /// (Go map order picks one); here the first in status order wins.
    ///
    /// # Errors
    /// In this order: [`ImageStreamError::BadRequest`] (`ImageStreamImages must be retrieved
    /// with <name>@<id>`); [`ImageStreamError::NotFound`] for an unknown stream, for no match
    /// (`imagestreamimage.image.openshift.io "<stream>@<id>" not found`) and for an Image
    /// missing from the cluster.
    pub fn get_image_stream_image(
        &self,
        namespace: &str,
        name: &str,
    ) -> ImageStreamResult<ServedImageStreamImage> {
        let parsed =
            parse_image_stream_image_name(name).map_err(|_| ImageStreamError::BadRequest {
                message: "ImageStreamImages must be retrieved with <name>@<id>".to_owned(),
            })?;
        let stream = self.get_image_stream(namespace, &parsed.name)?;
        let image_name = stream
            .status
            .tags
            .iter()
            .flat_map(|t| t.items())
            .map(|item| item.image.as_str())
            .find(|image| !image.is_empty() && digest_or_image_match(image, &parsed.id))
            .ok_or_else(|| not_found(IMAGE_STREAM_IMAGE, name))?;
        let image = self.get_image(image_name)?.clone();
        Ok(ServedImageStreamImage {
            name: join_image_stream_image(&parsed.name, &parsed.id),
            image,
        })
    }

    /// Resolves one image reference of an object in `default_namespace` as the image-policy
    /// admission plugin does (apiserver-library-go `ResolveObjectReference`, spec §6).
    /// `force_resolve_local_names` is the object's `alpha.image.policy.openshift.io/resolve-names:
    /// "*"`.
    ///
    /// * `ImageStreamTag` / `ImageStreamImage`: the GET (no lookup-policy check); a missing
    ///   tag falls back to `<status repository>:<tag>` when the stream resolves local names.
    /// * `DockerImage`: parsed as an OpenShift reference; by digest → the Image GET only;
    ///   otherwise resolved through an ImageStreamTag when it is partial (no registry and no
    ///   namespace, or forced — the object's namespace then replaces its own) or names the
    ///   integrated registry; a partial reference needs `lookupPolicy.local` unless forced.
    ///
    /// ```
    /// use openshift_image::imagestream::gets::ImageApiServer;
    /// use openshift_image::imagestream::ObjectReference;
    /// use openshift_image::ImageStream;
    ///
    /// let streams: Vec<ImageStream> = serde_json::from_str(
    ///     r#"[{"metadata": {"name": "ruby", "namespace": "proj"},
    ///          "spec": {"lookupPolicy": {"local": true}}, "status": {}}]"#,
    /// )?;
    /// let server = ImageApiServer::new(&streams, &[], Some("172.30.1.1:5000"));
    /// let container_image = |name: &str| ObjectReference {
    ///     kind: "DockerImage".into(),
    ///     name: name.into(),
    ///     ..ObjectReference::default()
    /// };
    /// // A missing tag of a local-lookup stream points at the integrated registry.
    /// let attrs = server.resolve_object_reference(&container_image("ruby:3.3"), "proj", false)?;
    /// assert_eq!(attrs.name.exact(), "172.30.1.1:5000/proj/ruby:3.3");
    /// assert!(attrs.local_rewrite && attrs.image.is_none());
    /// assert_eq!(
    ///     server
    ///         .resolve_object_reference(&container_image("quay.io/ruby:3.3"), "proj", false)
    ///         .unwrap_err()
    ///         .to_string(),
    ///     "(quay.io/ruby:3.3) could not be resolved to an exact image reference"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`ImageStreamError::ImagePolicy`] for references the resolver refuses (texts as
    /// upstream), [`ImageStreamError::InvalidPullSpec`] for an unparsable `DockerImage`, and
    /// the GETs' errors (no fallback for an unknown stream or a missing Image).
    pub fn resolve_object_reference(
        &self,
        reference: &ObjectReference,
        default_namespace: &str,
        force_resolve_local_names: bool,
    ) -> ImageStreamResult<ImagePolicyAttributes> {
        let namespace = if reference.namespace.is_empty() {
            default_namespace
        } else {
            reference.namespace.as_str()
        };
        match reference.kind.as_str() {
            "ImageStreamTag" => {
                let (split, ok) = split_image_stream_tag(&reference.name);
                if !ok {
                    return Err(policy_error(
                        &reference.name,
                        "references of kind ImageStreamTag must be of the form NAME:TAG",
                    ));
                }
                self.resolve_image_stream_tag(namespace, &split.name, &split.tag, false, false)
            }
            "ImageStreamImage" => {
                let (split, ok) = split_image_stream_image(&reference.name);
                if !ok {
                    return Err(policy_error(
                        &reference.name,
                        "references of kind ImageStreamImage must be of the form NAME@DIGEST",
                    ));
                }
                self.resolve_image_stream_image(namespace, &split.name, &split.id)
            }
            "DockerImage" => {
                let parsed = DockerImageReference::parse(&reference.name).map_err(|source| {
                    ImageStreamError::InvalidPullSpec {
                        pull_spec: reference.name.clone(),
                        source,
                    }
                })?;
                self.resolve_image_reference(parsed, default_namespace, force_resolve_local_names)
            }
            kind => Err(policy_error(
                &reference.name,
                &format!(
                    "image policy does not allow image references of kind {}",
                    crate::gofmt::GoQuoted(kind)
                ),
            )),
        }
    }

    /// Whether `registry` is the integrated registry (never when none is configured).
    fn is_integrated(&self, registry: &str) -> bool {
        !self.internal_registry.is_empty() && self.internal_registry == registry
    }

    /// `resolveImageReference`: a parsed `DockerImage` reference.
    fn resolve_image_reference(
        &self,
        mut reference: DockerImageReference,
        default_namespace: &str,
        force_resolve_local_names: bool,
    ) -> ImageStreamResult<ImagePolicyAttributes> {
        if !reference.id.is_empty() {
            // By digest only the Image is checked; the reference is kept as written.
            let image = self.get_image(&reference.id)?.clone();
            let integrated_registry = self.is_integrated(&reference.registry);
            return Ok(ImagePolicyAttributes {
                name: reference,
                image: Some(image),
                integrated_registry,
                local_rewrite: false,
            });
        }
        let full = self.is_integrated(&reference.registry);
        let partial = force_resolve_local_names
            || (reference.registry.is_empty()
                && reference.namespace.is_empty()
                && !reference.name.is_empty());
        if !full && !partial {
            return Err(policy_error(
                &reference.exact(),
                &format!(
                    "({}) could not be resolved to an exact image reference",
                    reference.exact()
                ),
            ));
        }
        let tag = if reference.tag.is_empty() {
            crate::imagestream::DEFAULT_IMAGE_TAG.to_owned()
        } else {
            std::mem::take(&mut reference.tag)
        };
        if reference.namespace.is_empty() || force_resolve_local_names {
            default_namespace.clone_into(&mut reference.namespace);
        }
        self.resolve_image_stream_tag(
            &reference.namespace,
            &reference.name,
            &tag,
            partial,
            force_resolve_local_names,
        )
    }

    /// `resolveImageStreamTag`: the ImageStreamTag GET, with the missing-tag fallback.
    fn resolve_image_stream_tag(
        &self,
        namespace: &str,
        name: &str,
        tag: &str,
        partial: bool,
        force_resolve_local_names: bool,
    ) -> ImageStreamResult<ImagePolicyAttributes> {
        let istag_name = join_image_stream_tag(name, tag);
        let served = match self.get_image_stream_tag(namespace, &istag_name) {
            Ok(served) => served,
            Err(err) => {
                return self.missing_tag_fallback(
                    err,
                    namespace,
                    name,
                    tag,
                    partial,
                    force_resolve_local_names,
                );
            }
        };
        if partial && !force_resolve_local_names && !served.lookup_policy.local {
            return Err(policy_error(
                &istag_name,
                "ImageStreamTag does not allow local references and the resource did not request image stream resolution",
            ));
        }
        let mut resolved = DockerImageReference::parse(&served.image.docker_image_reference)
            .map_err(|err| {
                policy_error(
                    &served.image.docker_image_reference,
                    &format!(
                        "image reference {} could not be parsed: {err}",
                        served.image.docker_image_reference
                    ),
                )
            })?;
        resolved.tag.clear();
        served.image.name().clone_into(&mut resolved.id);
        Ok(ImagePolicyAttributes {
            name: resolved,
            image: Some(served.image),
            integrated_registry: true,
            local_rewrite: partial,
        })
    }

    /// The fallback of `resolveImageStreamTag` when the ImageStreamTag GET failed: only a
    /// missing tag of a stream that resolves local names (or is forced) and has a status
    /// repository becomes `<status repository>:<tag>`; every other failure is returned.
    fn missing_tag_fallback(
        &self,
        err: ImageStreamError,
        namespace: &str,
        name: &str,
        tag: &str,
        partial: bool,
        force_resolve_local_names: bool,
    ) -> ImageStreamResult<ImagePolicyAttributes> {
        let tag_not_found = matches!(
            &err,
            ImageStreamError::NotFound { resource, .. } if resource == IMAGE_STREAM_TAGS
        );
        if !tag_not_found {
            return Err(err);
        }
        let Ok(stream) = self.get_image_stream(namespace, name) else {
            return Err(err);
        };
        let repository = &stream.status.docker_image_repository;
        if !(force_resolve_local_names || stream.spec.lookup_policy.local) || repository.is_empty()
        {
            return Err(err);
        }
        let Ok(mut reference) = DockerImageReference::parse(repository) else {
            return Err(err);
        };
        tag.clone_into(&mut reference.tag);
        Ok(ImagePolicyAttributes {
            name: reference,
            image: None,
            // Upstream clears the flag for partial references as soon as the GET fails.
            integrated_registry: !partial,
            local_rewrite: true,
        })
    }

    /// `resolveImageStreamImage`: the ImageStreamImage GET.
    fn resolve_image_stream_image(
        &self,
        namespace: &str,
        name: &str,
        id: &str,
    ) -> ImageStreamResult<ImagePolicyAttributes> {
        let served = self.get_image_stream_image(namespace, &join_image_stream_image(name, id))?;
        let resolved =
            DockerImageReference::parse(&served.image.docker_image_reference).map_err(|err| {
                policy_error(
                    &served.image.docker_image_reference,
                    &format!("ImageStreamTag could not be resolved: {err}"),
                )
            })?;
        Ok(ImagePolicyAttributes {
            name: resolved,
            image: Some(served.image),
            integrated_registry: true,
            local_rewrite: false,
        })
    }
}

/// A NotFound answer for `resource` / `name`.
fn not_found(resource: &str, name: &str) -> ImageStreamError {
    ImageStreamError::NotFound {
        resource: resource.to_owned(),
        name: name.to_owned(),
    }
}

/// A refusal of the image-policy resolver about `reference`.
fn policy_error(reference: &str, message: &str) -> ImageStreamError {
    ImageStreamError::ImagePolicy {
        reference: reference.to_owned(),
        message: message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const DIGEST_A: &str =
        "sha256:a3d6e29ce0e34dd98929526f0d1261b292c34c4c6c78891e3b126bdb8251f4b4";
    const DIGEST_B: &str =
        "sha256:f558e94ec2eb0151ecb684155d8520901bd58a34d9f87da61e53e9aa6e87c92d";
    const DIGEST_GONE: &str =
        "sha256:a6fdb795680075219dcd8c413c0db03fec5c7e80db338441c2f783156dfa7330";

    fn cluster() -> (Vec<ImageStream>, Vec<Image>) {
        let streams = serde_json::from_value(json!([
            {"metadata": {"name": "ruby", "namespace": "proj"},
             "spec": {"lookupPolicy": {"local": true}, "tags": [
                 {"name": "src", "annotations": {"description": "d"}, "importPolicy": {},
                  "referencePolicy": {"type": ""}},
                 {"name": "local", "referencePolicy": {"type": "Local"}}]},
             "status": {"dockerImageRepository": "stored/ignored", "tags": [
                 {"tag": "src", "items": [
                     {"created": null, "dockerImageReference": format!("quay.io/ruby@{DIGEST_A}"),
                      "image": DIGEST_A, "generation": 2}],
                  "conditions": [{"type": "ImportSuccess", "status": "False", "generation": 2}]},
                 {"tag": "local", "items": [
                     {"created": null, "dockerImageReference": format!("quay.io/ruby@{DIGEST_B}"),
                      "image": DIGEST_B, "generation": 1}]},
                 {"tag": "ref", "items": [
                     {"created": null, "dockerImageReference": "quay.io/ruby:ref", "image": "",
                      "generation": 1}]},
                 {"tag": "gone", "items": [
                     {"created": null, "dockerImageReference": format!("quay.io/ruby@{DIGEST_GONE}"),
                      "image": DIGEST_GONE, "generation": 1}]}]}},
            {"metadata": {"name": "closed", "namespace": "proj"},
             "spec": {"lookupPolicy": {"local": false}},
             "status": {"dockerImageRepository": "", "tags": [
                 {"tag": "latest", "items": [
                     {"created": null, "dockerImageReference": format!("quay.io/closed@{DIGEST_A}"),
                      "image": DIGEST_A, "generation": 1}]}]}}
        ]))
        .unwrap();
        let images = serde_json::from_value(json!([
            {"metadata": {"name": DIGEST_A}, "dockerImageReference": format!("quay.io/ruby@{DIGEST_A}")},
            {"metadata": {"name": DIGEST_B}, "dockerImageReference": format!("quay.io/ruby@{DIGEST_B}")}
        ]))
        .unwrap();
        (streams, images)
    }

    #[test]
    fn image_stream_tag_get() {
        let (streams, images) = cluster();
        let bad_name = || Err("ImageStreamTags must be retrieved with <name>:<tag>".to_owned());
        let cases: Vec<(Option<&str>, &str, Result<&str, String>)> = vec![
            (None, "ruby:src", Ok("quay.io/ruby@sha256:a3d6")),
            (None, "ruby:local", Ok("quay.io/ruby@sha256:f558")),
            (
                Some("reg:5000"),
                "ruby:local",
                Ok("reg:5000/proj/ruby@sha256:f558"),
            ),
            (Some("reg:5000"), "ruby:src", Ok("quay.io/ruby@sha256:a3d6")),
            (
                None,
                "ruby:ref",
                Err(r#"imagestreamtags.image.openshift.io "ruby:ref" not found"#.into()),
            ),
            (
                None,
                "ruby:nope",
                Err(r#"imagestreamtags.image.openshift.io "ruby:nope" not found"#.into()),
            ),
            (
                None,
                "ruby:gone",
                Err(format!(
                    "images.image.openshift.io \"{DIGEST_GONE}\" not found"
                )),
            ),
            (
                None,
                "ghost:1",
                Err(r#"imagestreams.image.openshift.io "ghost" not found"#.into()),
            ),
            (None, "ruby", bad_name()),
            (None, "ruby:", bad_name()),
            (None, "ruby:a:b", bad_name()),
        ];
        for (registry, name, want) in &cases {
            let server = ImageApiServer::new(&streams, &images, *registry);
            let got = server.get_image_stream_tag("proj", name);
            match (want, got) {
                (Ok(prefix), Ok(got)) => {
                    assert!(
                        got.image.docker_image_reference.starts_with(prefix),
                        "{name}: {got:?}"
                    );
                }
                (Err(text), Err(err)) => assert_eq!(&err.to_string(), text, "{name}"),
                (want, got) => panic!("{name}: want {want:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn image_stream_tag_get_fields() {
        let (streams, images) = cluster();
        let served = ImageApiServer::new(&streams, &images, None)
            .get_image_stream_tag("proj", "ruby:src")
            .unwrap();
        let tag = served.tag.unwrap();
        // v1 defaults are applied on read.
        assert_eq!(tag.reference_policy.kind, "Source");
        assert_eq!(tag.import_policy.import_mode, "Legacy");
        assert_eq!(served.generation, 2);
        assert_eq!(served.conditions.len(), 1);
        assert_eq!(
            served.annotations.get("description").map(String::as_str),
            Some("d")
        );
        assert_eq!(
            served
                .image
                .metadata
                .annotations
                .unwrap_or_default()
                .get("description")
                .map(String::as_str),
            Some("d")
        );
        assert!(served.lookup_policy.local);
    }

    #[test]
    fn image_stream_image_get() {
        let (streams, images) = cluster();
        let server = ImageApiServer::new(&streams, &images, None);
        let cases: Vec<(String, Result<&str, String>)> = vec![
            ("ruby@a3d6e29ce0".into(), Ok(DIGEST_A)),
            (format!("ruby@{DIGEST_B}"), Ok(DIGEST_B)),
            (
                "ruby@ffff".into(),
                Err(r#"imagestreamimage.image.openshift.io "ruby@ffff" not found"#.into()),
            ),
            (
                "ruby@a6fdb79".into(),
                Err(format!(
                    "images.image.openshift.io \"{DIGEST_GONE}\" not found"
                )),
            ),
            (
                "ruby".into(),
                Err("ImageStreamImages must be retrieved with <name>@<id>".into()),
            ),
            (
                "ghost@a3d6".into(),
                Err(r#"imagestreams.image.openshift.io "ghost" not found"#.into()),
            ),
        ];
        for (name, want) in &cases {
            match (want, server.get_image_stream_image("proj", name)) {
                (Ok(image), Ok(got)) => {
                    assert_eq!(got.image.name(), *image, "{name}");
                    assert_eq!(&got.name, name);
                }
                (Err(text), Err(err)) => assert_eq!(&err.to_string(), text, "{name}"),
                (want, got) => panic!("{name}: want {want:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn lookup_policy_resolution() {
        let (streams, images) = cluster();
        let server = ImageApiServer::new(&streams, &images, Some("reg:5000"));
        // (kind, name, forced) → (name, local_rewrite, integrated_registry, has image) or error
        type Want = Result<(String, bool, bool, bool), &'static str>;
        let cases: Vec<(&str, String, bool, Want)> = vec![
            (
                "DockerImage",
                "ruby:src".into(),
                false,
                Ok((format!("quay.io/ruby@{DIGEST_A}"), true, true, true)),
            ),
            (
                "DockerImage",
                "ruby:local".into(),
                false,
                Ok((format!("reg:5000/proj/ruby@{DIGEST_B}"), true, true, true)),
            ),
            (
                "DockerImage",
                "ruby:nope".into(),
                false,
                Ok(("reg:5000/proj/ruby:nope".into(), true, false, false)),
            ),
            (
                "DockerImage",
                "reg:5000/proj/ruby:nope".into(),
                false,
                Ok(("reg:5000/proj/ruby:nope".into(), true, true, false)),
            ),
            (
                "DockerImage",
                "reg:5000/proj/closed".into(),
                false,
                Ok((format!("quay.io/closed@{DIGEST_A}"), false, true, true)),
            ),
            (
                "DockerImage",
                "closed".into(),
                false,
                Err(
                    "ImageStreamTag does not allow local references and the resource did not request image stream resolution",
                ),
            ),
            (
                "DockerImage",
                "closed:nope".into(),
                false,
                Err(r#"imagestreamtags.image.openshift.io "closed:nope" not found"#),
            ),
            (
                "DockerImage",
                "closed:nope".into(),
                true,
                Ok(("reg:5000/proj/closed:nope".into(), true, false, false)),
            ),
            (
                "DockerImage",
                "other/ruby:src".into(),
                true,
                Ok((format!("quay.io/ruby@{DIGEST_A}"), true, true, true)),
            ),
            (
                "DockerImage",
                "other/ruby:src".into(),
                false,
                Err("(other/ruby:src) could not be resolved to an exact image reference"),
            ),
            (
                "DockerImage",
                "ghost".into(),
                false,
                Err(r#"imagestreams.image.openshift.io "ghost" not found"#),
            ),
            (
                "DockerImage",
                format!("x.io/y@{DIGEST_A}"),
                false,
                Ok((format!("x.io/y@{DIGEST_A}"), false, false, true)),
            ),
            (
                "DockerImage",
                format!("reg:5000/y@{DIGEST_A}"),
                false,
                Ok((format!("reg:5000/y@{DIGEST_A}"), false, true, true)),
            ),
            (
                "DockerImage",
                "Not A Ref!".into(),
                false,
                Err("invalid reference format"),
            ),
            (
                "ImageStreamTag",
                "closed:latest".into(),
                false,
                Ok((format!("quay.io/closed@{DIGEST_A}"), false, true, true)),
            ),
            (
                "ImageStreamTag",
                "ruby:nope".into(),
                false,
                Ok(("reg:5000/proj/ruby:nope".into(), true, true, false)),
            ),
            (
                "ImageStreamTag",
                "ruby".into(),
                false,
                Err("references of kind ImageStreamTag must be of the form NAME:TAG"),
            ),
            (
                "ImageStreamImage",
                "ruby@f558e94".into(),
                false,
                Ok((format!("quay.io/ruby@{DIGEST_B}"), false, true, true)),
            ),
            (
                "ImageStreamImage",
                "ruby".into(),
                false,
                Err("references of kind ImageStreamImage must be of the form NAME@DIGEST"),
            ),
            (
                "Image",
                "x".into(),
                false,
                Err(r#"image policy does not allow image references of kind "Image""#),
            ),
        ];
        for (kind, name, forced, want) in cases {
            let reference = ObjectReference {
                kind: kind.into(),
                name: name.clone(),
                ..ObjectReference::default()
            };
            let got = server.resolve_object_reference(&reference, "proj", forced);
            match (want, got) {
                (Ok(want), Ok(got)) => assert_eq!(
                    (
                        got.name.exact(),
                        got.local_rewrite,
                        got.integrated_registry,
                        got.image.is_some()
                    ),
                    want,
                    "{kind} {name} {forced}"
                ),
                (Err(text), Err(err)) => assert_eq!(err.to_string(), text, "{kind} {name}"),
                (want, got) => panic!("{kind} {name}: want {want:?}, got {got:?}"),
            }
        }
    }
}
