//! The `pull` area: the native module behind `openshift_image.pull`, one function per `pull.*`
//! operation of [`openshift_image::ops::OPS`], in table order.
//!
//! Pull-time decisions after "where from" (the `mirrors` area): which credentials the kubelet,
//! containers/image and `oc` use (pull secrets, the kubelet's keyring, auth files), what
//! policy.json decides, how a transport-prefixed image name (`docker://…`, `oci:…`, `dir:…`) is
//! read, and what a short name resolves to. Every argument is converted to JSON and run through
//! [`openshift_image::ops::call`]; the parameters are the table's snake_case names. Errors are
//! raised as `PullError` (area `pull`: kinds `pull.*`, and `mirror.conf_*` when a
//! registries.conf does not load).

use pyo3::prelude::*;

/// The module docstring.
pub(crate) const DOC: &str = "Pull credentials, signature policy, transport-prefixed names and \
short names: the ``pull.*`` operations of ``openshift_image.OPS``.\n\n\
Credentials: ``kubelet_credentials`` (what the kubelet hands to the runtime for a pod's image, \
from its pull secrets and the node's ``config.json``), ``keyring_url_match`` and \
``keyring_lookup`` (the kubelet's keyring on its own), ``auth_file_credentials`` (what \
containers/image finds in an auth file), ``oc_registry_credentials`` (what ``oc`` sends with \
``--registry-config``). Signature policy: ``policy_requirements`` (which policy.json \
requirement list applies to a ``docker`` image and what it decides), \
``validate_policy_scope``. Transport-prefixed names: ``parse_image_name`` (over an optional \
file-system view), ``transport_from_image_name``. Short names: ``resolve_short_name``, \
``resolve_short_name_locally``, ``is_short_name``. Diagnostics: ``kubelet_explain``, \
``credentials_lint``, ``auth_file_explain``, ``auth_file_lint``, ``policy_lint``.\n\n\
Secrets, auth files, policy documents and registries.conf files are given as text. Errors \
raise ``openshift_image.PullError`` (also exported here) with upstream's text and a ``pull.*`` \
kind (``mirror.conf_*`` when a registries.conf does not load); a missing or mistyped argument \
raises ``InvalidArgumentError``.";

area_operations! {
    /// Which credentials the kubelet hands to the runtime for a pod's ``image``:
    /// ``pull_secrets`` (a list of ``{"type", "data"}``, the pod's image pull secrets in order;
    /// ``data`` maps the data keys ``.dockerconfigjson`` / ``.dockercfg`` to their decoded
    /// text), ``node_config`` (text of the node's ``config.json``; ``None``: none) and
    /// ``node_dockercfg`` (text of the node's legacy ``.dockercfg``).
    ///
    /// Returns ``{"repository": str, "credentials": [{"username", "password", "email"}]}``:
    /// the name looked up and the credentials in the order the kubelet tries them (empty:
    /// anonymous pull). Raises ``PullError`` (``pull.reference``, ``pull.secret_format``).
    "pull.kubelet_credentials" => fn kubelet_credentials(image, pull_secrets; node_config, node_dockercfg);

    /// The kubelet keyring's key-versus-image test (``URLsMatchStr``): whether the keyring key
    /// ``glob`` (host, optional port and path, shell patterns allowed) serves the repository
    /// ``target``.
    ///
    /// Returns a bool. Raises ``PullError`` (``pull.keyring_match``) when either does not
    /// parse as a URL or the pattern is malformed.
    "pull.keyring_url_match" => fn keyring_url_match(glob, target);

    /// The kubelet keyring on its own: ``dockercfgs`` (texts in the legacy ``.dockercfg``
    /// form, each added to one keyring in order) looked up with the raw string ``name``.
    ///
    /// Returns ``{"credentials": [{"username", "password", "email"}]}``. Raises ``PullError``
    /// (``pull.secret_format``) for a config that does not decode.
    "pull.keyring_lookup" => fn keyring_lookup(dockercfgs, name);

    /// What containers/image (CRI-O, podman, skopeo) finds in one auth file: ``auth_json``
    /// (the file's text; ``None``: the file does not exist), ``legacy_format`` (the file is a
    /// legacy ``.dockercfg``), and one of ``image`` (a reference, looked up by its name) or
    /// ``key`` (a raw key).
    ///
    /// Returns ``None`` (no credentials) or ``{"username", "password", "identity_token",
    /// "key"}`` (``key``: the ``auths`` member that supplied them). Raises ``PullError``
    /// (``pull.invalid_key``, ``pull.auth_file_format``, ``pull.credential_program``,
    /// ``pull.reference``).
    "pull.auth_file_credentials" => fn auth_file_credentials(; auth_json, legacy_format, image, key);

    /// What ``oc image …`` / ``oc adm release mirror`` send for ``image`` with
    /// ``--registry-config``: ``auth_json`` is the file's text (``None``: the file does not
    /// exist; must be passed, may be ``None``).
    ///
    /// Returns ``None`` (no credentials) or ``{"username", "password", "identity_token"}``.
    /// Raises ``PullError`` (``pull.auth_file_format``, ``pull.credential_program``).
    "pull.oc_registry_credentials" => fn oc_registry_credentials(auth_json, image);

    /// Which policy.json requirement list applies to the ``docker`` image ``image`` (written
    /// without ``docker://``) in ``policy_json`` (the document's text), and what it decides.
    ///
    /// Returns ``{"transport", "identity", "section", "scope", "requirements", "decision",
    /// "unsigned"}`` (``section``: ``identity``, ``namespace``, ``transport_default`` or
    /// ``default``; ``decision``: ``rejected``, ``allowed`` or
    /// ``needs_signature_verification``; ``unsigned``: ``{"allowed", "error"}``, upstream's
    /// answer for an image without signatures). Raises ``PullError``
    /// (``pull.policy_format``, ``pull.reference``).
    "pull.policy_requirements" => fn policy_requirements(policy_json, image);

    /// Whether ``scope`` is a valid policy.json scope key under the registered ``transport``
    /// (``docker``, ``atomic``, ``docker-daemon``, ``docker-archive``, ``dir``, ``oci``,
    /// ``oci-archive``, ``sif``, ``tarball``, ``ostree``).
    ///
    /// Returns ``None`` when accepted. Raises ``PullError`` (``pull.policy_scope``) with
    /// upstream's text.
    "pull.validate_policy_scope" => fn validate_policy_scope(transport, scope);

    /// How the container tools read a transport-prefixed image ``name`` (``docker://busybox``,
    /// ``oci:/var/lib/images:v1``, ``dir:…``); the path transports look at ``filesystem``, a
    /// file-system view ``{"cwd", "directories", "files", "symlinks"}`` (every member
    /// optional; ``symlinks`` maps a link's path to its target; nothing else exists), never at
    /// the real file system.
    ///
    /// Returns ``{"transport", "reference", "docker_reference", "policy_identity",
    /// "policy_namespaces"}`` (``docker_reference`` ``None`` where the transport has none).
    /// Raises ``PullError`` (``pull.image_name``, ``pull.transport_reference``,
    /// ``pull.filesystem``, ``pull.unsupported_transport``).
    "pull.parse_image_name" => fn parse_image_name(name; filesystem);

    /// The transport a prefixed image ``name`` selects (the reference part is not checked).
    ///
    /// Returns the transport name (a str), or ``None`` when the name has no ``:`` or the
    /// prefix is not a registered transport. Never raises for a str.
    "pull.transport_from_image_name" => fn transport_from_image_name(name);

    /// What the non-interactive runtime pulls for ``name``: ``registries_conf`` (text of
    /// ``/etc/containers/registries.conf``; ``None``: no such file), ``drop_ins`` (a list of
    /// ``{"name", "content"}``), ``user_aliases`` (text of the machine-written alias file),
    /// ``short_name_mode`` (``"enforcing"``, ``"permissive"``, ``"disabled"`` or
    /// ``"invalid"``: the caller's override), ``force_docker_hub`` and ``pull_errors`` (the
    /// errors of the attempted candidates, in order).
    ///
    /// Returns ``{"candidates", "rationale", "description"}`` (``rationale``: ``none``,
    /// ``alias``, ``search_registries`` or ``enforced_docker_hub``), plus ``pull_error`` (a str
    /// or ``None``) when ``pull_errors`` is given. Raises ``PullError`` (``pull.short_name``,
    /// ``mirror.conf_*``).
    "pull.resolve_short_name" => fn resolve_short_name(name; registries_conf, drop_ins, user_aliases, short_name_mode, force_docker_hub, pull_errors);

    /// The names to look ``name`` up in local storage, in order (the configuration arguments
    /// of ``resolve_short_name``; ``short_name_mode`` has no effect).
    ///
    /// Returns a list of str. Raises ``PullError`` (``pull.short_name``, ``mirror.conf_*``).
    "pull.resolve_short_name_locally" => fn resolve_short_name_locally(name; registries_conf, drop_ins, user_aliases, short_name_mode, force_docker_hub);

    /// Whether ``name`` is a short name (no registry part: resolved through aliases and search
    /// registries).
    ///
    /// Returns a bool. Never raises for a str.
    "pull.is_short_name" => fn is_short_name(name);

    /// ``kubelet_credentials`` explained: for ``image``, which pull secret and entry (or the
    /// node's configuration) served which credentials, and why the others did not match.
    ///
    /// Returns a dict (the report's shape is documented with the core). Raises ``PullError``
    /// as ``kubelet_credentials`` does.
    "pull.kubelet_explain" => fn kubelet_explain(image, pull_secrets; node_config, node_dockercfg);

    /// Mistakes in ``pull_secrets`` (as ``kubelet_credentials`` takes them) that the kubelet
    /// accepts silently: duplicate keys, Docker Hub credentials that also serve ``localhost``,
    /// ``auth`` values that other readers decode differently, …
    ///
    /// Returns a dict of findings (the report's shape is documented with the core).
    "pull.credentials_lint" => fn credentials_lint(pull_secrets);

    /// ``auth_file_credentials`` explained: which ``auths`` entry of the auth file serves
    /// ``image`` (or ``key``), and why the other entries do not (arguments as
    /// ``auth_file_credentials``).
    ///
    /// Returns a dict (the report's shape is documented with the core). Raises ``PullError``
    /// as ``auth_file_credentials`` does.
    "pull.auth_file_explain" => fn auth_file_explain(; auth_json, legacy_format, image, key);

    /// Mistakes in an auth file (``auth_json``, its text; ``legacy_format``: a legacy
    /// ``.dockercfg``) that containers/image accepts silently: entries that shadow valid ones,
    /// keys that never match, …
    ///
    /// Returns a dict of findings (the report's shape is documented with the core).
    "pull.auth_file_lint" => fn auth_file_lint(auth_json; legacy_format);

    /// Mistakes in a policy.json (``policy_json``, its text) that upstream accepts silently:
    /// ``docker`` scopes that never match, wildcard scopes that match IP addresses, …
    ///
    /// Returns a dict of findings (the report's shape is documented with the core).
    "pull.policy_lint" => fn policy_lint(policy_json);
}
