//! Auth files as containers/image reads them, and `oc`'s resolver (OPS.md "Credentials":
//! `pull.auth_file_credentials`, `pull.oc_registry_credentials`), with their explanation and
//! lint.

use serde::Serialize;
use serde_json::Value;

use crate::error::OpError;
use crate::ops::Args;
use crate::pull::authfile::{
    AuthFile, AuthFileExplanation, AuthFileFinding, AuthFileFormat, LookupInput, OcCredentialStore,
    OcCredentials, lint_auth_file_text,
};

fn format_of(a: &Args<'_>) -> Result<AuthFileFormat, OpError> {
    Ok(if a.opt::<bool>("legacy_format")?.unwrap_or(false) {
        AuthFileFormat::Legacy
    } else {
        AuthFileFormat::Config
    })
}

/// The file of `auth_json` (`null` or absent: the file does not exist, which upstream reads
/// as empty).
fn auth_file(a: &Args<'_>) -> Result<AuthFile, OpError> {
    let format = format_of(a)?;
    match a.opt::<&str>("auth_json")? {
        Some(text) => Ok(AuthFile::parse(text, format)?),
        None => Ok(AuthFile::empty(format)),
    }
}

/// Exactly one of `image` and `key`.
fn lookup_input(a: &Args<'_>) -> Result<LookupInput, OpError> {
    match (a.opt::<String>("image")?, a.opt::<String>("key")?) {
        (Some(image), None) => Ok(LookupInput::Image(image)),
        (None, Some(key)) => Ok(LookupInput::Key(key)),
        _ => Err(a.invalid("image", "exactly one of `image` and `key` is required")),
    }
}

/// `pull.auth_file_credentials`: `null` or `{username, password, identity_token, key}`.
pub(crate) fn auth_file_credentials(a: &Args<'_>) -> Result<Value, OpError> {
    let input = lookup_input(a)?;
    let file = auth_file(a)?;
    let found = match &input {
        LookupInput::Image(image) => file.credentials_for_image(image)?,
        LookupInput::Key(key) => file.credentials_for_key(key)?,
    };
    serde_json::to_value(found).map_err(|e| a.invalid("output", e.to_string()))
}

/// `pull.oc_registry_credentials`: `null` or `{username, password, identity_token}`.
pub(crate) fn oc_registry_credentials(a: &Args<'_>) -> Result<Option<OcCredentials>, OpError> {
    let image: String = a.req("image")?;
    let store = OcCredentialStore::load(a.opt::<&str>("auth_json")?)?;
    Ok(store.credentials_for(&image).cloned())
}

/// `pull.auth_file_explain`: which keys a lookup considered, which matched, which won and why
/// ([`AuthFile::explain`]). Inputs as `pull.auth_file_credentials`; a file that does not
/// decode is the error.
pub(crate) fn explain(a: &Args<'_>) -> Result<AuthFileExplanation, OpError> {
    let input = lookup_input(a)?;
    Ok(auth_file(a)?.explain(&input))
}

/// `pull.auth_file_lint`'s result.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LintReport {
    findings: Vec<AuthFileFinding>,
}

/// `pull.auth_file_lint`: entries upstream reads differently from what they appear to say
/// ([`crate::pull::authfile::lint`]); never fails on the file's content.
pub(crate) fn lint(a: &Args<'_>) -> Result<LintReport, OpError> {
    let text: &str = a.req("auth_json")?;
    Ok(LintReport {
        findings: lint_auth_file_text(text, format_of(a)?),
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::ops::call;

    #[test]
    fn flat_operations() {
        let file = r#"{"auths": {"quay.io/ns": {}, "quay.io": {"auth": "dTpw"}}}"#;
        let found = call(
            "pull.auth_file_credentials",
            &json!({"auth_json": file, "key": "quay.io/x"}),
        );
        assert_eq!(
            found.ok(),
            Some(json!({"username": "u", "password": "p", "identity_token": "", "key": "quay.io"}))
        );
        let missing = call(
            "pull.auth_file_credentials",
            &json!({"auth_json": null, "image": "busybox"}),
        );
        assert_eq!(missing.ok(), Some(json!(null)));
        let oc = call(
            "pull.oc_registry_credentials",
            &json!({"auth_json": file, "image": "quay.io/ns/app"}),
        );
        assert_eq!(
            oc.ok(),
            Some(json!({"username": "u", "password": "p", "identity_token": ""}))
        );
        let explained = call(
            "pull.auth_file_explain",
            &json!({"auth_json": file, "image": "quay.io/ns/app"}),
        )
        .unwrap_or_default();
        assert_eq!(explained["input"], json!({"image": "quay.io/ns/app"}));
        assert_eq!(explained["winner"]["key"], "quay.io/ns");
        assert_eq!(explained["winner"]["outcome"], "no_auth");
        let lint = call("pull.auth_file_lint", &json!({"auth_json": file})).unwrap_or_default();
        assert_eq!(lint["findings"][0]["kind"], "shadowing_entry");
        assert_eq!(lint["findings"][0]["severity"], "warning");
        let both = call(
            "pull.auth_file_credentials",
            &json!({"auth_json": file, "image": "a", "key": "b"}),
        );
        assert!(both.is_err());
    }
}
