//! The `templates` area as flat operations (see `../shared/conformance/templates/OPS.md`).

pub(crate) mod generate;
pub(crate) mod oc_process;
pub(crate) mod process;
