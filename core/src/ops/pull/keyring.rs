//! The kubelet keyring ops (`pull.kubelet_credentials`, `pull.keyring_url_match`,
//! `pull.keyring_lookup`, `pull.kubelet_explain`, `pull.credentials_lint`; OPS.md
//! "Credentials").

use serde::Serialize;

use crate::error::OpError;
use crate::ops::Args;
use crate::pull::PullError;
use crate::pull::keyring::{
    self, CONFIG_FILE_ERROR, Credential, CredentialFinding, DockerConfig, DockerKeyring,
    KubeletCredentials, KubeletExplanation, PullSecret,
};

/// The arguments shared by `pull.kubelet_credentials` and `pull.kubelet_explain`.
struct KubeletInputs {
    image: String,
    secrets: Vec<PullSecret>,
    node_config: Option<String>,
    node_dockercfg: Option<String>,
}

fn kubelet_inputs(a: &Args<'_>) -> Result<KubeletInputs, OpError> {
    Ok(KubeletInputs {
        image: a.req("image")?,
        secrets: a.req("pull_secrets")?,
        node_config: a.opt("node_config")?,
        node_dockercfg: a.opt("node_dockercfg")?,
    })
}

/// `pull.kubelet_credentials`: `{repository, credentials}`.
pub(crate) fn kubelet_credentials(a: &Args<'_>) -> Result<KubeletCredentials, OpError> {
    let i = kubelet_inputs(a)?;
    Ok(keyring::kubelet_credentials(
        &i.image,
        &i.secrets,
        i.node_config.as_deref(),
        i.node_dockercfg.as_deref(),
    )?)
}

/// `pull.keyring_url_match`: `true` / `false`.
pub(crate) fn keyring_url_match(a: &Args<'_>) -> Result<bool, OpError> {
    Ok(keyring::url_match(
        &a.req::<String>("glob")?,
        &a.req::<String>("target")?,
    )?)
}

/// `pull.keyring_lookup`'s result.
#[derive(Debug, Serialize)]
pub(crate) struct LookupReport {
    credentials: Vec<Credential>,
}

/// `pull.keyring_lookup`: each `.dockercfg` text added to one keyring, `name` looked up.
pub(crate) fn keyring_lookup(a: &Args<'_>) -> Result<LookupReport, OpError> {
    let mut keyring = DockerKeyring::new();
    for text in a.req::<Vec<String>>("dockercfgs")? {
        // `ReadDockerConfigFileFromBytes` replaces every decoder error with its own text.
        let config = DockerConfig::from_dockercfg(&text).map_err(|_| PullError::SecretFormat {
            message: CONFIG_FILE_ERROR.to_owned(),
        })?;
        keyring.add(&config);
    }
    let name: String = a.req("name")?;
    Ok(LookupReport {
        credentials: keyring.lookup(&name).into_iter().cloned().collect(),
    })
}

/// `pull.kubelet_explain`: [`keyring::explain_kubelet_credentials`] on the inputs of
/// `pull.kubelet_credentials`.
pub(crate) fn explain(a: &Args<'_>) -> Result<KubeletExplanation, OpError> {
    let i = kubelet_inputs(a)?;
    Ok(keyring::explain_kubelet_credentials(
        &i.image,
        &i.secrets,
        i.node_config.as_deref(),
        i.node_dockercfg.as_deref(),
    ))
}

/// `pull.credentials_lint`'s result.
#[derive(Debug, Serialize)]
pub(crate) struct LintReport {
    findings: Vec<CredentialFinding>,
}

/// `pull.credentials_lint`: [`keyring::lint_pull_secrets`].
pub(crate) fn lint(a: &Args<'_>) -> Result<LintReport, OpError> {
    Ok(LintReport {
        findings: keyring::lint_pull_secrets(&a.req::<Vec<PullSecret>>("pull_secrets")?),
    })
}
