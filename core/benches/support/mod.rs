//! What the benchmarks share: their inputs, the files of `../shared/bench` (the inputs the
//! upstream code was measured on), or of `$OPENSHIFT_IMAGE_BENCH_DIR` when set.

use std::path::PathBuf;

/// The text of the input file `name`; a benchmark without its input cannot run, so a missing
/// file panics with its path.
pub(crate) fn read(name: &str) -> String {
    let dir = std::env::var_os("OPENSHIFT_IMAGE_BENCH_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/bench"),
        PathBuf::from,
    );
    let path = dir.join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}
