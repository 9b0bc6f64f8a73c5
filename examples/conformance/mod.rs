//! The conformance runner: runs the vectors of `shared/conformance` (see its `FORMATS.md`)
//! against the library.
//!
//! * [`engine`]: the area-independent part (reading cases, comparing results, the report).
//! * [`library`]: the dispatcher, which runs every op through `openshift_image::ops::call`.
//! * [`imagestreams`]: that area's server clock and map-like comparison.
//! * [`templates`]: template files, generated values and the generator's regex checks.
//! * [`jsonpath`]: camelCase inputs to snake_case arguments, and the error `phase` check.
//! * [`mirrors`]: rendered registries.conf compared as normalised data, random-number placeholders.
//! * [`pull`]: the file-system view `pull.parse_image_name` runs in.
//!
//! A new area adds one line to [`engine::AREAS`] (with its own comparison where its `OPS.md`
//! asks for one).

pub mod engine;
pub mod imagestreams;
pub mod jsonpath;
pub mod library;
pub mod mirrors;
pub mod pull;
pub mod templates;

pub use engine::{
    AREAS, Area, Case, CaseError, Expectation, Report, Verdict, evaluate, json_eq, run_paths,
};
