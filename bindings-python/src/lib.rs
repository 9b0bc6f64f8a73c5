//! Python bindings of `openshift-image` (in progress).
use pyo3::prelude::*;

/// The native module behind the `openshift_image` package.
#[pymodule]
fn _openshift_image(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
