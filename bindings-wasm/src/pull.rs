//! The `pull` area: the namespace `pull` of the package
//! (`pull.kubeletCredentials(image, pullSecrets)`, `js_namespace = pull`), one function per
//! `pull.*` operation of [`openshift_image::ops::OPS`], in table order.
//!
//! Pull-time decisions after "where from" (the `mirrors` area): which credentials the kubelet,
//! containers/image and `oc` use (pull secrets, the kubelet's keyring, auth files), what
//! policy.json decides, how a transport-prefixed image name (`docker://…`, `oci:…`, `dir:…`) is
//! read over a given file-system view (the module never touches a real file system), and what
//! a short name resolves to; secrets, auth files, policy documents and registries.conf files are
//! given as text. Every argument goes through [`openshift_image::ops::call`]. Errors have area
//! `pull` and a `pull.*` code (or `mirror.conf_*` when a registries.conf does not load).

use wasm_bindgen::prelude::*;

area_ops! {
    namespace = pull;
    #[doc = " `pull.kubelet_credentials`: Which credentials the kubelet hands to the runtime for a pod's `image`: `pullSecrets` (`{type, data}`, the pod's image pull secrets in order; `data` maps `.dockerconfigjson` / `.dockercfg` to the decoded text), then the node's `nodeConfig` (`config.json` text) or `nodeDockercfg` (legacy `.dockercfg` text); `credentials` in the order the kubelet tries them, `[]` for an anonymous pull."]
    "pull.kubelet_credentials" "kubeletCredentials" kubelet_credentials(image: "string", pull_secrets = "pullSecrets": "PullSecret[]"; node_config = "nodeConfig": "string | null", node_dockercfg = "nodeDockercfg": "string | null") -> "KubeletCredentials";
    #[doc = " `pull.keyring_url_match`: The kubelet keyring's key-versus-image test (`URLsMatchStr`): whether the keyring key `glob` (host, optional port and path, shell patterns allowed) serves the repository `target`; throws `pull.keyring_match` when either does not parse."]
    "pull.keyring_url_match" "keyringUrlMatch" keyring_url_match(glob: "string", target: "string") -> "boolean";
    #[doc = " `pull.keyring_lookup`: The kubelet keyring on its own: `dockercfgs` (legacy `.dockercfg` texts, each added to one keyring in order) looked up with the raw string `name`."]
    "pull.keyring_lookup" "keyringLookup" keyring_lookup(dockercfgs: "string[]", name: "string") -> "KeyringLookup";
    #[doc = " `pull.auth_file_credentials`: What containers/image (CRI-O, podman, skopeo) finds in one auth file: `authJson` (the file's text; `null`: the file does not exist), `legacyFormat` (a legacy `.dockercfg`), and one of `image` (a reference) or `key` (a raw key); `null` when no credentials are found."]
    "pull.auth_file_credentials" "authFileCredentials" auth_file_credentials(; auth_json = "authJson": "string | null", legacy_format = "legacyFormat": "boolean | null", image: "string | null", key: "string | null") -> "AuthFileCredentials | null";
    #[doc = " `pull.oc_registry_credentials`: What `oc image …` / `oc adm release mirror` send for `image` with `--registry-config`: `authJson` is the file's text (`null`: the file does not exist); `null` when no credentials are found."]
    "pull.oc_registry_credentials" "ocRegistryCredentials" oc_registry_credentials(auth_json = "authJson": "string | null | undefined", image: "string") -> "OcRegistryCredentials | null";
    #[doc = " `pull.policy_requirements`: Which policy.json requirement list applies to the `docker` image `image` (written without `docker://`) in `policyJson` (the document's text), and what it decides."]
    "pull.policy_requirements" "policyRequirements" policy_requirements(policy_json = "policyJson": "string", image: "string") -> "PolicyRequirements";
    #[doc = " `pull.validate_policy_scope`: Whether `scope` is a valid policy.json scope under the registered `transport`: `null` when accepted, else throws `pull.policy_scope` with upstream's text."]
    "pull.validate_policy_scope" "validatePolicyScope" validate_policy_scope(transport: "string", scope: "string") -> "NoResult";
    #[doc = " `pull.parse_image_name`: How the container tools read a transport-prefixed image `name` (`docker://busybox`, `oci:/var/lib/images:v1`, `dir:…`); the path transports look at `filesystem` (`{cwd, directories, files, symlinks}`; nothing else exists), never at the real file system."]
    "pull.parse_image_name" "parseImageName" parse_image_name(name: "string"; filesystem: "FileSystemView | null") -> "TransportReference";
    #[doc = " `pull.transport_from_image_name`: The transport a prefixed image `name` selects, or `null` when the name has no `:` or the prefix is not a registered transport; the reference part is not checked."]
    "pull.transport_from_image_name" "transportFromImageName" transport_from_image_name(name: "string") -> "string | null";
    #[doc = " `pull.resolve_short_name`: What the non-interactive runtime pulls for `name`: `registriesConf` (text of `/etc/containers/registries.conf`; `null`: no such file), `dropIns`, `userAliases` (the machine-written alias file's text), `shortNameMode` (the caller's override), `forceDockerHub`, `pullErrors` (the attempted candidates' errors, in order: the result then has `pull_error`)."]
    "pull.resolve_short_name" "resolveShortName" resolve_short_name(name: "string"; registries_conf = "registriesConf": "string | null", drop_ins = "dropIns": "NamedFile[] | null", user_aliases = "userAliases": "string | null", short_name_mode = "shortNameMode": "ShortNameMode | null", force_docker_hub = "forceDockerHub": "boolean | null", pull_errors = "pullErrors": "string[] | null") -> "ShortNameResolution";
    #[doc = " `pull.resolve_short_name_locally`: The names to look `name` up in local storage, in order (the configuration arguments of `resolveShortName`; `shortNameMode` has no effect)."]
    "pull.resolve_short_name_locally" "resolveShortNameLocally" resolve_short_name_locally(name: "string"; registries_conf = "registriesConf": "string | null", drop_ins = "dropIns": "NamedFile[] | null", user_aliases = "userAliases": "string | null", short_name_mode = "shortNameMode": "ShortNameMode | null", force_docker_hub = "forceDockerHub": "boolean | null") -> "string[]";
    #[doc = " `pull.is_short_name`: Whether `name` is a short name (no registry part: resolved through aliases and search registries)."]
    "pull.is_short_name" "isShortName" is_short_name(name: "string") -> "boolean";
    #[doc = " `pull.kubelet_explain`: `kubeletCredentials` explained: which pull secret and entry (or the node's configuration) served which credentials for `image`, and why the others did not match."]
    "pull.kubelet_explain" "kubeletExplain" kubelet_explain(image: "string", pull_secrets = "pullSecrets": "PullSecret[]"; node_config = "nodeConfig": "string | null", node_dockercfg = "nodeDockercfg": "string | null") -> "KubeletExplanation";
    #[doc = " `pull.credentials_lint`: Mistakes in `pullSecrets` that the kubelet accepts silently (duplicate keys, Docker Hub credentials that also serve `localhost`, `auth` values other readers decode differently, …)."]
    "pull.credentials_lint" "credentialsLint" credentials_lint(pull_secrets = "pullSecrets": "PullSecret[]") -> "CredentialsLintReport";
    #[doc = " `pull.auth_file_explain`: `authFileCredentials` explained: which `auths` entry of the auth file serves `image` (or `key`), and why the other entries do not."]
    "pull.auth_file_explain" "authFileExplain" auth_file_explain(; auth_json = "authJson": "string | null", legacy_format = "legacyFormat": "boolean | null", image: "string | null", key: "string | null") -> "AuthFileExplanation";
    #[doc = " `pull.auth_file_lint`: Mistakes in an auth file (`authJson`, its text; `legacyFormat`: a legacy `.dockercfg`) that containers/image accepts silently (entries that shadow valid ones, keys that never match, …)."]
    "pull.auth_file_lint" "authFileLint" auth_file_lint(auth_json = "authJson": "string"; legacy_format = "legacyFormat": "boolean | null") -> "AuthFileLintReport";
    #[doc = " `pull.policy_lint`: Mistakes in a policy.json (`policyJson`, its text) that upstream accepts silently (`docker` scopes that never match, wildcard scopes that match IP addresses, …)."]
    "pull.policy_lint" "policyLint" policy_lint(policy_json = "policyJson": "string") -> "PolicyLintReport";
}
