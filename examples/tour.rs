//! The tour (in progress).
fn main() {}
