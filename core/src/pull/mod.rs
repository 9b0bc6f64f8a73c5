//! Pull-time decisions (specification: `pull.md`): after "where from" (the [`crate::mirror`]
//! area), "with which credentials, is it allowed, and what does this name mean".
//!
//! * [`keyring`]: the kubelet's credential keyring built from pull secrets and the node's
//!   `config.json`, and its key-versus-image test;
//! * [`authfile`]: what containers/image (CRI-O, podman, skopeo) finds in an auth file, and
//!   `oc`'s own resolver on the same file;
//! * [`policy`]: policy.json — which requirement list applies to a `docker` image and what it
//!   decides; policy scopes per transport;
//! * [`transports`]: transport-prefixed image names (`docker://…`, `oci:…`, `dir:…`) read as the
//!   container tools read them, over an injected file-system view;
//! * [`shortnames`]: short-name resolution (search registries, aliases, modes).
//!
//! Its operations are in [`crate::ops`] as `pull.*`.

pub mod authfile;
pub mod error;
mod gojson;
pub mod keyring;
pub mod policy;
pub mod shortnames;
pub mod transports;

pub use error::PullError;
