//! # openshift-image
//!
//! OpenShift's container-image logic as a pure library: what `oc`, the API server and the node
//! daemons decide about image references, image streams and templates, answered offline.
//!
//! This release covers:
//!
//! * [`reference`](mod@reference): the Docker/distribution reference grammar with normalization
//!   ([`Reference`], [`AnyReference`]), OpenShift's [`DockerImageReference`], image stream
//!   `stream:tag` / `stream@id` names and short image IDs, `imagePullPolicy` defaulting, and
//!   registry scopes (validation, nesting, the container runtime's prefix matching,
//!   policy.json scopes and the `allowedRegistriesForImport` whitelist);
//! * [`imagestream`]: the `image.openshift.io/v1` model ([`ImageStream`]), each tag's history
//!   as a stack (pushes, tracking tags, rollback), resolution, the API server's strategy,
//!   `oc tag`, `oc describe is`, pruning, image triggers and import modes;
//! * [`template`]: `oc process` — parameters, the `expression` generator, `${NAME}` /
//!   `${{NAME}}` substitution, labels, YAML templates, the command's arguments, a linter;
//! * [`jsonpath`]: kubectl's JSONPath template dialect (compiled once, evaluated any number of
//!   times, on `serde_json` values or straight from JSON text); with it the Template Service
//!   Broker's expose annotations ([`template::expose`]) and image trigger annotations
//!   ([`imagestream::triggers`], `oc set triggers`, a trigger linter);
//! * [`mirror`]: mirror sets, registries.conf, where a pull goes and why, the node
//!   configuration the MCO renders, policy.json, `oc`'s mirror commands, a linter;
//! * [`pull`]: pull-time decisions — which pull-secret entry or auth-file key serves an image
//!   (the kubelet, containers/image, `oc`), the policy.json decision, transport-prefixed names,
//!   short-name resolution.
//!
//! [`ops`] is the flat API the Python, Node and WebAssembly bindings expose.
//!
//! ```
//! use openshift_image::{DockerImageReference, Reference};
//!
//! let docker = Reference::parse_normalized("busybox:1.36")?;
//! assert_eq!(docker.to_string(), "docker.io/library/busybox:1.36");
//! assert_eq!(docker.familiar_string(), "busybox:1.36");
//!
//! let openshift = DockerImageReference::parse("quay.io/openshift/origin-cli:4.14")?;
//! assert_eq!(openshift.namespace, "openshift");
//! assert_eq!(openshift.as_v2().exact(), "quay.io/openshift/origin-cli:4.14");
//! # Ok::<(), openshift_image::ReferenceError>(())
//! ```
//!
//! Every error has a stable kind string ([`ReferenceError::kind`]) and upstream's message as its
//! `Display`.

#![forbid(unsafe_code)]

pub mod error;
mod gofmt;
mod gojson;
mod gomatch;
mod gotabwriter;
mod goyaml;
mod hashkey;
pub mod imagestream;
pub mod jsonpath;
pub mod mirror;
pub mod ops;
pub mod pull;
pub mod reference;
pub mod template;

pub use error::{
    ImageStreamError, ImageStreamResult, OpError, ReferenceError, ReferenceResult, ScopeList,
    TemplateError, TemplateResult,
};
pub use imagestream::{
    FollowedTag, Image, ImageStream, ImageStreamMapping, ImageStreamTag, IndexedImageStream,
    NamedTagEventList, OcTagOptions, PullSpecForTag, ServerEnvironment, TagEvent,
    TagEventCondition, TagReference, prioritize_tags, tag_ref_changed, validate_tag,
};
pub use jsonpath::{JsonPath, JsonPathError};
pub use reference::*;

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
