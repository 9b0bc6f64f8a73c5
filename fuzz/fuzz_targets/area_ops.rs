//! Shared by the `<area>_ops` targets (not a target itself): runs one operation of an area of
//! the flat API, picked by the first byte, on the JSON object of arguments in the rest, and
//! checks that it answers a value that serialises or an error, never a panic.

use openshift_image::ops;

/// Runs the operation of the area `prefix` (`"jsonpath."`) that `data`'s first byte picks.
pub fn run(prefix: &str, data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let area: Vec<&ops::OpSpec> = ops::OPS
        .iter()
        .filter(|spec| spec.op.starts_with(prefix))
        .collect();
    let Some(spec) = area.get(usize::from(selector) % area.len().max(1)) else {
        return;
    };
    let Ok(input) = serde_json::from_slice::<serde_json::Value>(rest) else {
        return;
    };
    if let Ok(value) = ops::call(spec.op, &input) {
        // A result is always plain JSON that serialises.
        assert!(serde_json::to_string(&value).is_ok());
    }
}
