//! Image references and the registry scopes that apply to them (specification:
//! `references.md`).
//!
//! * [`Reference`] / [`AnyReference`]: the Docker/distribution grammar and its normalization,
//!   with a legacy switch for the ≤ v2.8 grammar that containers/image still uses.
//! * [`DockerImageReference`]: OpenShift's reference model (library-go), with every method.
//! * Image stream names (`stream:tag`, `stream@id`) and short image IDs.
//! * `imagePullPolicy` defaulting.
//! * Registry scopes: registries.conf scope validation and nesting, the runtime's prefix
//!   matching, policy.json namespaces, the `allowedRegistriesForImport` whitelist.

mod digest;
mod docker;
pub(crate) mod grammar;
mod openshift;
mod policy;
mod pull_policy;
mod scope;
mod stream;
mod whitelist;

pub use digest::Digest;
pub use docker::*;
pub use openshift::*;
pub use policy::*;
pub use pull_policy::*;
pub use scope::*;
pub use stream::*;
pub use whitelist::*;
