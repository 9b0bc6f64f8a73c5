//! The kinds `oc`'s decoding scheme knows (kubectl's scheme plus the OpenShift API groups
//! `oc` installs): a file holding a registered kind other than a Template is rejected with
//! its Go type (`*v1.ConfigMap`), an unregistered one with `no kind … is registered`.

/// Kinds every group version gets from `metav1.AddToGroupVersion`.
const META_KINDS: &[&str] = &[
    "WatchEvent",
    "ListOptions",
    "GetOptions",
    "DeleteOptions",
    "CreateOptions",
    "UpdateOptions",
    "PatchOptions",
];

/// (group, versions, kinds); each kind's `…List` is registered too unless listed in
/// `NO_LIST`.
const GROUPS: &[(&str, &[&str], &[&str])] = &[
    (
        "",
        &["v1"],
        &[
            "Pod",
            "PodTemplate",
            "ReplicationController",
            "Service",
            "Endpoints",
            "Node",
            "Event",
            "LimitRange",
            "ResourceQuota",
            "Namespace",
            "Secret",
            "ServiceAccount",
            "PersistentVolume",
            "PersistentVolumeClaim",
            "ComponentStatus",
            "ConfigMap",
            "RangeAllocation",
        ],
    ),
    (
        "apps",
        &["v1", "v1beta2"],
        &[
            "Deployment",
            "StatefulSet",
            "DaemonSet",
            "ReplicaSet",
            "ControllerRevision",
        ],
    ),
    (
        "apps",
        &["v1beta1"],
        &["Deployment", "StatefulSet", "ControllerRevision"],
    ),
    ("batch", &["v1"], &["Job", "CronJob"]),
    ("batch", &["v1beta1"], &["CronJob"]),
    (
        "autoscaling",
        &["v1", "v2", "v2beta1", "v2beta2"],
        &["HorizontalPodAutoscaler"],
    ),
    (
        "networking.k8s.io",
        &["v1"],
        &["NetworkPolicy", "Ingress", "IngressClass"],
    ),
    (
        "networking.k8s.io",
        &["v1beta1"],
        &["Ingress", "IngressClass", "IPAddress", "ServiceCIDR"],
    ),
    (
        "extensions",
        &["v1beta1"],
        &[
            "Deployment",
            "DaemonSet",
            "Ingress",
            "NetworkPolicy",
            "ReplicaSet",
        ],
    ),
    ("policy", &["v1", "v1beta1"], &["PodDisruptionBudget"]),
    (
        "rbac.authorization.k8s.io",
        &["v1", "v1beta1", "v1alpha1"],
        &["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"],
    ),
    (
        "storage.k8s.io",
        &["v1"],
        &[
            "StorageClass",
            "VolumeAttachment",
            "CSIDriver",
            "CSINode",
            "CSIStorageCapacity",
        ],
    ),
    (
        "storage.k8s.io",
        &["v1beta1"],
        &[
            "StorageClass",
            "VolumeAttachment",
            "CSIDriver",
            "CSINode",
            "CSIStorageCapacity",
            "VolumeAttributesClass",
        ],
    ),
    (
        "scheduling.k8s.io",
        &["v1", "v1beta1", "v1alpha1"],
        &["PriorityClass"],
    ),
    ("coordination.k8s.io", &["v1", "v1beta1"], &["Lease"]),
    ("discovery.k8s.io", &["v1", "v1beta1"], &["EndpointSlice"]),
    (
        "certificates.k8s.io",
        &["v1", "v1beta1"],
        &["CertificateSigningRequest"],
    ),
    (
        "admissionregistration.k8s.io",
        &["v1"],
        &[
            "ValidatingWebhookConfiguration",
            "MutatingWebhookConfiguration",
            "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding",
        ],
    ),
    ("events.k8s.io", &["v1", "v1beta1"], &["Event"]),
    ("node.k8s.io", &["v1", "v1beta1"], &["RuntimeClass"]),
    (
        "flowcontrol.apiserver.k8s.io",
        &["v1", "v1beta3"],
        &["FlowSchema", "PriorityLevelConfiguration"],
    ),
    ("apps.openshift.io", &["v1"], &["DeploymentConfig"]),
    (
        "authorization.openshift.io",
        &["v1"],
        &[
            "Role",
            "RoleBinding",
            "ClusterRole",
            "ClusterRoleBinding",
            "RoleBindingRestriction",
        ],
    ),
    ("build.openshift.io", &["v1"], &["Build", "BuildConfig"]),
    (
        "image.openshift.io",
        &["v1"],
        &["Image", "ImageStream", "ImageStreamTag", "ImageTag"],
    ),
    (
        "network.openshift.io",
        &["v1"],
        &[
            "ClusterNetwork",
            "HostSubnet",
            "NetNamespace",
            "EgressNetworkPolicy",
        ],
    ),
    (
        "oauth.openshift.io",
        &["v1"],
        &[
            "OAuthAccessToken",
            "OAuthAuthorizeToken",
            "OAuthClient",
            "OAuthClientAuthorization",
            "UserOAuthAccessToken",
        ],
    ),
    ("project.openshift.io", &["v1"], &["Project"]),
    (
        "quota.openshift.io",
        &["v1"],
        &["ClusterResourceQuota", "AppliedClusterResourceQuota"],
    ),
    ("route.openshift.io", &["v1"], &["Route"]),
    ("security.openshift.io", &["v1"], &["RangeAllocation"]),
    (
        "template.openshift.io",
        &["v1"],
        &["Template", "TemplateInstance", "BrokerTemplateInstance"],
    ),
    ("user.openshift.io", &["v1"], &["User", "Identity", "Group"]),
];

/// Kinds without a list type (requests, reviews, options).
const SINGLES: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "Binding",
            "List",
            "PodStatusResult",
            "SerializedReference",
            "PodAttachOptions",
            "PodLogOptions",
            "PodExecOptions",
            "PodPortForwardOptions",
            "PodProxyOptions",
            "NodeProxyOptions",
            "ServiceProxyOptions",
            "Status",
            "APIVersions",
            "APIGroupList",
            "APIGroup",
            "APIResourceList",
            "Eviction",
        ],
    ),
    ("apps", &["Scale", "DeploymentRollback"]),
    (
        "extensions",
        &["Scale", "DeploymentRollback", "ReplicationControllerDummy"],
    ),
    ("autoscaling", &["Scale"]),
    ("policy", &["Eviction"]),
    (
        "authorization.k8s.io",
        &[
            "SubjectAccessReview",
            "SelfSubjectAccessReview",
            "LocalSubjectAccessReview",
            "SelfSubjectRulesReview",
        ],
    ),
    (
        "authentication.k8s.io",
        &["TokenReview", "TokenRequest", "SelfSubjectReview"],
    ),
    (
        "apps.openshift.io",
        &[
            "DeploymentConfigRollback",
            "DeploymentLog",
            "DeploymentLogOptions",
            "DeploymentRequest",
            "Scale",
        ],
    ),
    (
        "authorization.openshift.io",
        &[
            "SubjectAccessReview",
            "SelfSubjectRulesReview",
            "SubjectRulesReview",
            "ResourceAccessReview",
            "LocalSubjectAccessReview",
            "LocalResourceAccessReview",
            "SubjectAccessReviewResponse",
            "ResourceAccessReviewResponse",
            "IsPersonalSubjectAccessReview",
        ],
    ),
    (
        "build.openshift.io",
        &[
            "BuildLog",
            "BuildRequest",
            "BuildLogOptions",
            "BinaryBuildRequestOptions",
        ],
    ),
    (
        "image.openshift.io",
        &[
            "ImageSignature",
            "ImageStreamMapping",
            "ImageStreamImage",
            "ImageStreamLayers",
            "ImageStreamImport",
            "SecretList",
        ],
    ),
    ("oauth.openshift.io", &["OAuthRedirectReference"]),
    ("project.openshift.io", &["ProjectRequest"]),
    (
        "security.openshift.io",
        &[
            "PodSecurityPolicySubjectReview",
            "PodSecurityPolicySelfSubjectReview",
            "PodSecurityPolicyReview",
        ],
    ),
    ("user.openshift.io", &["UserIdentityMapping"]),
];

/// Versions of the groups listed in [`SINGLES`] that are not in [`GROUPS`].
const EXTRA_VERSIONS: &[(&str, &[&str])] = &[
    ("authorization.k8s.io", &["v1", "v1beta1"]),
    ("authentication.k8s.io", &["v1", "v1beta1"]),
];

fn versions_of(group: &str) -> impl Iterator<Item = &'static str> + '_ {
    GROUPS
        .iter()
        .filter(move |(g, _, _)| *g == group)
        .flat_map(|(_, vs, _)| vs.iter().copied())
        .chain(
            EXTRA_VERSIONS
                .iter()
                .filter(move |(g, _)| *g == group)
                .flat_map(|(_, vs)| vs.iter().copied()),
        )
}

/// The Go type `reflect.TypeOf` prints for a registered kind (`*v1.ConfigMap`), `None` when
/// the scheme does not know the group, version and kind.
pub(super) fn go_type(group: &str, version: &str, kind: &str) -> Option<String> {
    let known_version = versions_of(group).any(|v| v == version);
    if !known_version {
        return None;
    }
    let listed = GROUPS.iter().any(|(g, vs, kinds)| {
        *g == group
            && vs.contains(&version)
            && kinds
                .iter()
                .any(|k| *k == kind || kind.strip_suffix("List") == Some(*k))
    });
    let single = SINGLES
        .iter()
        .any(|(g, kinds)| *g == group && kinds.contains(&kind));
    if listed || single || META_KINDS.contains(&kind) {
        // Every API package is named after its version (`k8s.io/api/apps/v1beta1`); the meta
        // kinds live in `metav1`.
        let package = if META_KINDS.contains(&kind) {
            "v1"
        } else {
            version
        };
        return Some(format!("*{package}.{kind}"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(
            go_type("", "v1", "ConfigMap").as_deref(),
            Some("*v1.ConfigMap")
        );
        assert_eq!(go_type("", "v1", "List").as_deref(), Some("*v1.List"));
        assert_eq!(
            go_type("rbac.authorization.k8s.io", "v1", "RoleBinding").as_deref(),
            Some("*v1.RoleBinding")
        );
        assert_eq!(
            go_type("apps", "v1beta1", "Deployment").as_deref(),
            Some("*v1beta1.Deployment")
        );
        assert_eq!(
            go_type("template.openshift.io", "v1", "TemplateList").as_deref(),
            Some("*v1.TemplateList")
        );
        assert_eq!(go_type("", "v1", "Template"), None);
        assert_eq!(go_type("", "v1", "Route"), None);
        assert_eq!(go_type("example.com", "v1", "Foo"), None);
    }
}
