//! Runnable examples for `openshift-image`; see `tour.rs` and `conformance/`.
