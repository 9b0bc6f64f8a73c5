//! The `pull` area's addition to the generic engine (its `OPS.md`, "The file system the path
//! transports see"): `pull.parse_image_name` runs in the fixed tree the vectors were produced
//! in, handed to the library as its `filesystem` argument (the library never reads the real
//! file system).

use serde_json::{Value, json};

use super::engine::CaseError;
use super::library;

/// The tree of `OPS.md`: working directory `/srv/images`, these directories, empty regular
/// files and symbolic links; nothing else exists.
#[must_use]
pub fn vector_filesystem() -> Value {
    json!({
        "cwd": "/srv/images",
        "directories": [
            "/", "/srv", "/srv/images", "/srv/images/layouts", "/srv/images/layouts/app",
            "/var", "/var/lib", "/var/lib/images", "/home", "/home/user"
        ],
        "files": ["/srv/images/app.tar", "/srv/images/layer.tar.gz", "/var/lib/images/base.tar"],
        "symlinks": {"/srv/images/link": "/var/lib/images", "/srv/images/dangling": "missing-target"}
    })
}

/// Runs one `pull.*` op, adding the vectors' file-system view to `pull.parse_image_name`.
///
/// # Errors
///
/// As [`library::dispatch`].
pub fn dispatch(op: &str, input: &Value) -> Result<Value, CaseError> {
    if op == "pull.parse_image_name"
        && input.get("filesystem").is_none()
        && let Value::Object(fields) = input
    {
        let mut fields = fields.clone();
        fields.insert("filesystem".to_owned(), vector_filesystem());
        return library::dispatch(op, &Value::Object(fields));
    }
    library::dispatch(op, input)
}
