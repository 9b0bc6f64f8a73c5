//! The `pull` area: the namespace `pull` of the package
//! (`pull.kubeletCredentials(image, pullSecrets)`), one function per `pull.*` operation of
//! [`openshift_image::ops::OPS`], in table order.
//!
//! Pull-time decisions after "where from" (the `mirrors` area): which credentials the kubelet,
//! containers/image and `oc` use (pull secrets, the kubelet's keyring, auth files), what
//! policy.json decides, how a transport-prefixed image name (`docker://…`, `oci:…`, `dir:…`) is
//! read over a given file-system view, and what a short name resolves to; secrets, auth files,
//! policy documents and registries.conf files are given as text. Every argument goes through
//! [`openshift_image::ops::call`]. Errors have area `pull` and a `pull.*` code (or
//! `mirror.conf_*` when a registries.conf does not load).

use napi::bindgen_prelude::{Either, Env, Result, Unknown};
use napi_derive::napi;

area_ops! {
    namespace = "pull";
    #[doc = "Which credentials the kubelet hands to the runtime for a pod's `image`: `pullSecrets` (`{type, data}`, the pod's image pull secrets in order; `data` maps `.dockerconfigjson` / `.dockercfg` to the decoded text), then the node's `nodeConfig` (`config.json` text) or `nodeDockercfg` (legacy `.dockercfg` text); `credentials` in the order the kubelet tries them, `[]` for an anonymous pull (`pull.kubelet_credentials`)."]
    "pull.kubelet_credentials" kubelet_credentials(image: "string", pull_secrets: "PullSecret[]"; node_config: "string | null", node_dockercfg: "string | null") -> "KubeletCredentials";
    #[doc = "The kubelet keyring's key-versus-image test (`URLsMatchStr`): whether the keyring key `glob` (host, optional port and path, shell patterns allowed) serves the repository `target`; throws `pull.keyring_match` when either does not parse (`pull.keyring_url_match`)."]
    "pull.keyring_url_match" keyring_url_match(glob: "string", target: "string") -> "boolean";
    #[doc = "The kubelet keyring on its own: `dockercfgs` (legacy `.dockercfg` texts, each added to one keyring in order) looked up with the raw string `name` (`pull.keyring_lookup`)."]
    "pull.keyring_lookup" keyring_lookup(dockercfgs: "string[]", name: "string") -> "KeyringLookup";
    #[doc = "What containers/image (CRI-O, podman, skopeo) finds in one auth file: `authJson` (the file's text; `null`: the file does not exist), `legacyFormat` (a legacy `.dockercfg`), and one of `image` (a reference) or `key` (a raw key); `null` when no credentials are found (`pull.auth_file_credentials`)."]
    "pull.auth_file_credentials" auth_file_credentials(; auth_json: "string | null", legacy_format: "boolean | null", image: "string | null", key: "string | null") -> "AuthFileCredentials | null";
    #[doc = "What `oc image …` / `oc adm release mirror` send for `image` with `--registry-config`: `authJson` is the file's text (`null`: the file does not exist); `null` when no credentials are found (`pull.oc_registry_credentials`)."]
    "pull.oc_registry_credentials" oc_registry_credentials(auth_json: "string | null | undefined", image: "string") -> "OcRegistryCredentials | null";
    #[doc = "Which policy.json requirement list applies to the `docker` image `image` (written without `docker://`) in `policyJson` (the document's text), and what it decides (`pull.policy_requirements`)."]
    "pull.policy_requirements" policy_requirements(policy_json: "string", image: "string") -> "PolicyRequirements";
    #[doc = "Whether `scope` is a valid policy.json scope under the registered `transport`: `null` when accepted, else throws `pull.policy_scope` with upstream's text (`pull.validate_policy_scope`)."]
    "pull.validate_policy_scope" validate_policy_scope(transport: "string", scope: "string") -> "NoResult";
    #[doc = "How the container tools read a transport-prefixed image `name` (`docker://busybox`, `oci:/var/lib/images:v1`, `dir:…`); the path transports look at `filesystem` (`{cwd, directories, files, symlinks}`; nothing else exists), never at the real file system (`pull.parse_image_name`)."]
    "pull.parse_image_name" parse_image_name(name: "string"; filesystem: "FileSystemView | null") -> "TransportReference";
    #[doc = "The transport a prefixed image `name` selects, or `null` when the name has no `:` or the prefix is not a registered transport; the reference part is not checked (`pull.transport_from_image_name`)."]
    "pull.transport_from_image_name" transport_from_image_name(name: "string") -> "string | null";
    #[doc = "What the non-interactive runtime pulls for `name`: `registriesConf` (text of `/etc/containers/registries.conf`; `null`: no such file), `dropIns`, `userAliases` (the machine-written alias file's text), `shortNameMode` (the caller's override), `forceDockerHub`, `pullErrors` (the attempted candidates' errors, in order: the result then has `pull_error`) (`pull.resolve_short_name`)."]
    "pull.resolve_short_name" resolve_short_name(name: "string"; registries_conf: "string | null", drop_ins: "NamedFile[] | null", user_aliases: "string | null", short_name_mode: "ShortNameMode | null", force_docker_hub: "boolean | null", pull_errors: "string[] | null") -> "ShortNameResolution";
    #[doc = "The names to look `name` up in local storage, in order (the configuration arguments of `resolveShortName`; `shortNameMode` has no effect) (`pull.resolve_short_name_locally`)."]
    "pull.resolve_short_name_locally" resolve_short_name_locally(name: "string"; registries_conf: "string | null", drop_ins: "NamedFile[] | null", user_aliases: "string | null", short_name_mode: "ShortNameMode | null", force_docker_hub: "boolean | null") -> "string[]";
    #[doc = "Whether `name` is a short name (no registry part: resolved through aliases and search registries) (`pull.is_short_name`)."]
    "pull.is_short_name" is_short_name(name: "string") -> "boolean";
    #[doc = "`kubeletCredentials` explained: which pull secret and entry (or the node's configuration) served which credentials for `image`, and why the others did not match (`pull.kubelet_explain`)."]
    "pull.kubelet_explain" kubelet_explain(image: "string", pull_secrets: "PullSecret[]"; node_config: "string | null", node_dockercfg: "string | null") -> "KubeletExplanation";
    #[doc = "Mistakes in `pullSecrets` that the kubelet accepts silently (duplicate keys, Docker Hub credentials that also serve `localhost`, `auth` values other readers decode differently, …) (`pull.credentials_lint`)."]
    "pull.credentials_lint" credentials_lint(pull_secrets: "PullSecret[]") -> "CredentialsLintReport";
    #[doc = "`authFileCredentials` explained: which `auths` entry of the auth file serves `image` (or `key`), and why the other entries do not (`pull.auth_file_explain`)."]
    "pull.auth_file_explain" auth_file_explain(; auth_json: "string | null", legacy_format: "boolean | null", image: "string | null", key: "string | null") -> "AuthFileExplanation";
    #[doc = "Mistakes in an auth file (`authJson`, its text; `legacyFormat`: a legacy `.dockercfg`) that containers/image accepts silently (entries that shadow valid ones, keys that never match, …) (`pull.auth_file_lint`)."]
    "pull.auth_file_lint" auth_file_lint(auth_json: "string"; legacy_format: "boolean | null") -> "AuthFileLintReport";
    #[doc = "Mistakes in a policy.json (`policyJson`, its text) that upstream accepts silently (`docker` scopes that never match, wildcard scopes that match IP addresses, …) (`pull.policy_lint`)."]
    "pull.policy_lint" policy_lint(policy_json: "string") -> "PolicyLintReport";
}
