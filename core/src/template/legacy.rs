//! Legacy API groups (library-go `legacygroupification`): group-less OpenShift kinds get
//! their group after substitution, and the apiVersion / kind pair is written back the way
//! apimachinery's unstructured accessors do.

use serde_json::{Map, Value};

/// The legacy (`oapi`) kinds and their groups, upstream's `oapiKindsToGroup`.
const OAPI_KINDS: &[(&str, &str)] = &[
    ("DeploymentConfigRollback", "apps.openshift.io"),
    ("DeploymentConfig", "apps.openshift.io"),
    ("DeploymentConfigList", "apps.openshift.io"),
    ("DeploymentLog", "apps.openshift.io"),
    ("DeploymentRequest", "apps.openshift.io"),
    ("ClusterRoleBinding", "authorization.openshift.io"),
    ("ClusterRoleBindingList", "authorization.openshift.io"),
    ("ClusterRole", "authorization.openshift.io"),
    ("ClusterRoleList", "authorization.openshift.io"),
    ("RoleBindingRestriction", "authorization.openshift.io"),
    ("RoleBindingRestrictionList", "authorization.openshift.io"),
    ("RoleBinding", "authorization.openshift.io"),
    ("RoleBindingList", "authorization.openshift.io"),
    ("Role", "authorization.openshift.io"),
    ("RoleList", "authorization.openshift.io"),
    ("SubjectRulesReview", "authorization.openshift.io"),
    ("SelfSubjectRulesReview", "authorization.openshift.io"),
    ("ResourceAccessReview", "authorization.openshift.io"),
    ("LocalResourceAccessReview", "authorization.openshift.io"),
    ("SubjectAccessReview", "authorization.openshift.io"),
    ("LocalSubjectAccessReview", "authorization.openshift.io"),
    ("BuildConfig", "build.openshift.io"),
    ("BuildConfigList", "build.openshift.io"),
    ("Build", "build.openshift.io"),
    ("BuildList", "build.openshift.io"),
    ("BinaryBuildRequestOptions", "build.openshift.io"),
    ("BuildLog", "build.openshift.io"),
    ("BuildRequest", "build.openshift.io"),
    ("Image", "image.openshift.io"),
    ("ImageList", "image.openshift.io"),
    ("ImageSignature", "image.openshift.io"),
    ("ImageStreamImage", "image.openshift.io"),
    ("ImageStreamImport", "image.openshift.io"),
    ("ImageStreamMapping", "image.openshift.io"),
    ("ImageStream", "image.openshift.io"),
    ("ImageStreamList", "image.openshift.io"),
    ("ImageStreamTag", "image.openshift.io"),
    ("ImageStreamTagList", "image.openshift.io"),
    ("ClusterNetwork", "network.openshift.io"),
    ("ClusterNetworkList", "network.openshift.io"),
    ("EgressNetworkPolicy", "network.openshift.io"),
    ("EgressNetworkPolicyList", "network.openshift.io"),
    ("HostSubnet", "network.openshift.io"),
    ("HostSubnetList", "network.openshift.io"),
    ("NetNamespace", "network.openshift.io"),
    ("NetNamespaceList", "network.openshift.io"),
    ("OAuthAccessToken", "oauth.openshift.io"),
    ("OAuthAccessTokenList", "oauth.openshift.io"),
    ("OAuthAuthorizeToken", "oauth.openshift.io"),
    ("OAuthAuthorizeTokenList", "oauth.openshift.io"),
    ("OAuthClientAuthorization", "oauth.openshift.io"),
    ("OAuthClientAuthorizationList", "oauth.openshift.io"),
    ("OAuthClient", "oauth.openshift.io"),
    ("OAuthClientList", "oauth.openshift.io"),
    ("Project", "project.openshift.io"),
    ("ProjectList", "project.openshift.io"),
    ("ProjectRequest", "project.openshift.io"),
    ("ClusterResourceQuota", "quota.openshift.io"),
    ("ClusterResourceQuotaList", "quota.openshift.io"),
    ("AppliedClusterResourceQuota", "quota.openshift.io"),
    ("AppliedClusterResourceQuotaList", "quota.openshift.io"),
    ("Route", "route.openshift.io"),
    ("RouteList", "route.openshift.io"),
    ("SecurityContextConstraints", "security.openshift.io"),
    ("SecurityContextConstraintsList", "security.openshift.io"),
    ("PodSecurityPolicySubjectReview", "security.openshift.io"),
    (
        "PodSecurityPolicySelfSubjectReview",
        "security.openshift.io",
    ),
    ("PodSecurityPolicyReview", "security.openshift.io"),
    ("Template", "template.openshift.io"),
    ("TemplateList", "template.openshift.io"),
    ("Group", "user.openshift.io"),
    ("GroupList", "user.openshift.io"),
    ("Identity", "user.openshift.io"),
    ("IdentityList", "user.openshift.io"),
    ("UserIdentityMapping", "user.openshift.io"),
    ("User", "user.openshift.io"),
    ("UserList", "user.openshift.io"),
];

/// The API group of a legacy group-less OpenShift kind (`Route` → `route.openshift.io`),
/// or `None` for any other kind (case-sensitive).
#[must_use]
pub fn groupify_kind(kind: &str) -> Option<&'static str> {
    OAPI_KINDS.iter().find(|(k, _)| *k == kind).map(|(_, g)| *g)
}

/// apimachinery's `ParseGroupVersion`: `(group, version)`, `None` for more than one `/`.
pub(crate) fn parse_group_version(gv: &str) -> Option<(&str, &str)> {
    if gv.is_empty() || gv == "/" {
        return Some(("", ""));
    }
    match gv.split_once('/') {
        None => Some(("", gv)),
        Some((g, v)) if !v.contains('/') => Some((g, v)),
        Some(_) => None,
    }
}

/// The string at `key` (apimachinery's `NestedString`): empty when absent or not a string.
pub(crate) fn nested_str<'a>(obj: &'a Map<String, Value>, key: &str) -> &'a str {
    obj.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Reads the object's group/version/kind, adds the legacy group, and writes `apiVersion` and
/// `kind` back (so a missing `apiVersion` becomes `""`, and an unparsable one empties both).
pub(crate) fn groupify(obj: &mut Map<String, Value>) {
    let (group, version, kind) = match parse_group_version(nested_str(obj, "apiVersion")) {
        Some((g, v)) => (
            g.to_owned(),
            v.to_owned(),
            nested_str(obj, "kind").to_owned(),
        ),
        None => (String::new(), String::new(), String::new()),
    };
    let group = if group.is_empty() {
        groupify_kind(&kind).map_or(group, str::to_owned)
    } else {
        group
    };
    let api_version = if group.is_empty() {
        version
    } else {
        format!("{group}/{version}")
    };
    obj.insert("apiVersion".into(), Value::String(api_version));
    obj.insert("kind".into(), Value::String(kind));
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn groupifies() {
        let cases = [
            (
                json!({"kind": "Route", "apiVersion": "v1"}),
                json!({"kind": "Route", "apiVersion": "route.openshift.io/v1"}),
            ),
            (
                json!({"kind": "BuildConfig", "apiVersion": "v1beta3"}),
                json!({"kind": "BuildConfig", "apiVersion": "build.openshift.io/v1beta3"}),
            ),
            (
                json!({"kind": "Route"}),
                json!({"kind": "Route", "apiVersion": "route.openshift.io/"}),
            ),
            (
                json!({"kind": "DeploymentConfig", "apiVersion": "apps/v1"}),
                json!({"kind": "DeploymentConfig", "apiVersion": "apps/v1"}),
            ),
            (
                json!({"kind": "route", "apiVersion": "v1"}),
                json!({"kind": "route", "apiVersion": "v1"}),
            ),
            (
                json!({"kind": 5, "apiVersion": 1}),
                json!({"kind": "", "apiVersion": ""}),
            ),
            (
                json!({"kind": "Route", "apiVersion": "a/b/c"}),
                json!({"kind": "", "apiVersion": ""}),
            ),
            (
                json!({"kind": "Service", "apiVersion": "/"}),
                json!({"kind": "Service", "apiVersion": ""}),
            ),
            (
                json!({"kind": "Route", "apiVersion": "/v1"}),
                json!({"kind": "Route", "apiVersion": "route.openshift.io/v1"}),
            ),
        ];
        for (input, want) in cases {
            let Value::Object(mut m) = input.clone() else {
                unreachable!()
            };
            groupify(&mut m);
            assert_eq!(Value::Object(m), want, "{input}");
        }
        assert_eq!(OAPI_KINDS.len(), 77);
    }
}
