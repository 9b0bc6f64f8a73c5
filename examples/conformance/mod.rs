//! The conformance runner: runs the vectors of `shared/conformance` (see its `FORMATS.md`)
//! against the library.
//!
//! * [`engine`]: the area-independent part (reading cases, comparing results, the report).
//! * [`refs`]: the dispatcher of the `refs` area (`refs/OPS.md`).
//!
//! A new area adds `conformance/<area>.rs` with a `dispatch` function, declares it below and
//! adds one line to [`engine::AREAS`].

pub mod engine;
pub mod refs;

pub use engine::{
    AREAS, Area, Args, Case, CaseError, Expectation, Report, Verdict, evaluate, json_eq, run_paths,
};
