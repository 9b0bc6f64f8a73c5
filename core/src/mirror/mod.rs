//! Mirror sets, registries.conf and registry policy (specification: `mirrors.md`): where the
//! container runtime really pulls an image from, and the node configuration OpenShift renders
//! from ImageContentSourcePolicy / ImageDigestMirrorSet / ImageTagMirrorSet objects and the
//! cluster's registry sources.
//!
//! * [`conf`]: the registries.conf v2 file: its model, TOML reading and the MCO's writer;
//! * [`load`]: loading and validating registries.conf and drop-ins, short-name aliases;
//! * [`lookup`]: which entry applies to a reference (an index whose cost does not depend on the
//!   number of entries), pull sources, what a pull contacts, and why;
//! * [`sets`]: the mirror-set objects, the API's patterns and the MCO's checks;
//! * [`render`]: mirror sets and registry sources → registries.conf (the MCO);
//! * [`policy`]: policy.json and the payload guard;
//! * [`oc`]: `oc adm migrate icsp`, `oc adm release mirror`'s snippets, `oc`'s alternate sources;
//! * [`lint`]: mistakes in mirror configuration that upstream accepts silently.
//!
//! Its operations are in [`crate::ops`] as `mirrors.*`.

pub mod conf;
pub mod error;
pub mod lint;
pub mod load;
pub mod lookup;
pub mod oc;
pub mod policy;
pub mod render;
pub mod sets;

pub use error::MirrorError;
