//! The `pull` area as flat operations (see `../shared/conformance/pull/OPS.md`): credentials
//! (the kubelet's keyring, auth files, `oc`), policy.json, transport-prefixed names and short
//! names.

pub(crate) mod authfile;
pub(crate) mod keyring;
pub(crate) mod policy;
pub(crate) mod shortnames;
pub(crate) mod transports;
