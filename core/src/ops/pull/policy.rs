//! policy.json operations (`pull.policy_requirements`, `pull.validate_policy_scope`,
//! `pull.policy_lint`; OPS.md "Signature policy").

use serde::Serialize;
use serde_json::Value;

use crate::error::OpError;
use crate::ops::Args;
use crate::pull::policy::{
    self, Decision, Policy, PolicyFinding, RequirementType, Section, UnsignedVerdict,
};

/// The result of `pull.policy_requirements`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PolicyRequirementsReport {
    transport: &'static str,
    identity: String,
    section: Section,
    scope: Option<String>,
    requirements: Vec<RequirementType>,
    decision: Decision,
    unsigned: UnsignedVerdict,
}

/// `pull.policy_requirements`: which list applies to a `docker` image and what it decides.
/// The policy is parsed before the image.
pub(crate) fn policy_requirements(a: &Args<'_>) -> Result<PolicyRequirementsReport, OpError> {
    let text: &str = a.req("policy_json")?;
    let image: &str = a.req("image")?;
    let policy = Policy::from_json(text)?;
    let evaluation = policy.requirements_for(image)?;
    Ok(PolicyRequirementsReport {
        transport: policy::DOCKER_TRANSPORT,
        identity: evaluation.identity().to_owned(),
        section: evaluation.section(),
        scope: evaluation.scope().map(str::to_owned),
        requirements: evaluation.requirements().types().collect(),
        decision: evaluation.decision(),
        unsigned: evaluation.unsigned(),
    })
}

/// `pull.validate_policy_scope`: `null` when the transport accepts the scope.
pub(crate) fn validate_policy_scope(a: &Args<'_>) -> Result<Value, OpError> {
    let transport: &str = a.req("transport")?;
    let scope: &str = a.req("scope")?;
    policy::validate_policy_scope(transport, scope)?;
    Ok(Value::Null)
}

/// The result of `pull.policy_lint`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PolicyLintReport {
    findings: Vec<PolicyFinding>,
}

/// `pull.policy_lint`: mistakes in a policy.json that upstream accepts silently.
pub(crate) fn lint(a: &Args<'_>) -> Result<PolicyLintReport, OpError> {
    let text: &str = a.req("policy_json")?;
    let policy = Policy::from_json(text)?;
    Ok(PolicyLintReport {
        findings: policy::lint_policy(&policy),
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::ops::call;

    #[test]
    fn shapes() {
        let policy = r#"{"default": [{"type": "reject"}], "transports": {"docker": {"quay.io/": [{"type": "insecureAcceptAnything"}], "quay.io": [{"type": "signedBy", "keyType": "GPGKeys", "keyPath": "/k"}]}}}"#;
        let got = call(
            "pull.policy_requirements",
            &json!({"policy_json": policy, "image": "quay.io/ns/app"}),
        );
        assert_eq!(
            got.ok(),
            Some(
                json!({"transport": "docker", "identity": "quay.io/ns/app:latest",
                "section": "namespace", "scope": "quay.io", "requirements": ["signedBy"],
                "decision": "needs_signature_verification",
                "unsigned": {"allowed": false, "error": "A signature was required, but no signature exists"}})
            )
        );
        let lint = call("pull.policy_lint", &json!({"policy_json": policy})).unwrap_or_default();
        assert_eq!(lint["findings"][0]["kind"], "scope_never_matches");
        assert_eq!(lint["findings"][0]["transport"], "docker");
        assert_eq!(lint["findings"][0]["scope"], "quay.io/");
        let scope = call(
            "pull.validate_policy_scope",
            &json!({"transport": "tarball", "scope": ""}),
        );
        assert_eq!(
            scope.map_err(|e| (e.kind(), e.to_string())),
            Err((
                "pull.policy_scope",
                "tarball: does not support any scopes except the default \"\" one".to_owned()
            ))
        );
    }
}
