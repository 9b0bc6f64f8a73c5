//! Runnable examples for `openshift-image`; see `tour.rs` and `conformance/`.
//!
//! The library part holds the conformance runner ([`conformance`]), shared by the
//! `conformance` example and the `conformance` integration test.

pub mod conformance;
