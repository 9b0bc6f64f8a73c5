//! The `mirrors` area: the native module behind `openshift_image.mirrors`, one function per
//! `mirrors.*` operation of [`openshift_image::ops::OPS`], in table order.
//!
//! containers/image's registries.conf (loading, drop-ins, short-name aliases, registry lookup,
//! pull sources), the MCO's rendering of mirror sets (ICSP, IDMS, ITMS) into registries.conf
//! and policy.json, the IDMS/ITMS API patterns and the `oc` commands that read or print mirror
//! sets. Every argument is converted to JSON and run through [`openshift_image::ops::call`];
//! the parameters are the table's snake_case names, except `from` (a Python keyword), which is
//! the parameter `from_` (see `call_with`).

use pyo3::prelude::*;

/// The module docstring.
pub(crate) const DOC: &str = "Registry mirrors: the ``mirrors.*`` operations of \
``openshift_image.OPS``.\n\ncontainers/image's ``registries.conf`` (``load_registries_conf``, \
``parse_location``, ``ref_matching_prefix``, ``rewrite_reference``, ``validate_short_name``, \
``parse_short_name_value``, ``find_registry``, ``resolve_short_name_alias``, \
``pull_sources_from_reference``, ``resolve_pull_sources``), the Machine Config Operator's \
rendering of ImageContentSourcePolicy / ImageDigestMirrorSet / ImageTagMirrorSet objects \
(``update_registries_config``, ``update_registries_config_text``, ``edit_registries_config``, \
``validate_registries_conf_scopes``, ``update_policy_json``, ``update_policy_json_text``, \
``valid_blocked_and_allowed_registries``, ``render_image_config``), the IDMS/ITMS API \
patterns (``api_pattern``) and ``oc`` (``oc_alternates``, ``oc_migrate_icsp``, \
``oc_release_mirror_instructions``, whose ``from`` argument is the parameter ``from_``), and \
the diagnostics ``explain`` (a pull's lookup with reasons and origins), \
``explain_mirror_sets`` (the same for the registries.conf the MCO renders from mirror sets, \
each entry and source traced to the ICSP / IDMS / ITMS entry or image-config scope behind it) \
and ``lint`` (mistakes in mirror sets that upstream accepts silently).\n\n\
Errors raise ``openshift_image.MirrorError`` (kind ``mirror.*``) with upstream's text, or \
``ReferenceError`` for an invalid reference.";

area_operations! {
    /// Load ``registries.conf`` as containers/image does (``sysregistriesv2``): the main file's
    /// text (``None``: the file does not exist) and the ``registries.conf.d`` drop-ins
    /// (a list of ``{"name", "content"}``; only ``*.conf`` names are read, in byte order).
    ///
    /// Returns ``{"registries", "unqualified_search_registries",
    /// "unqualified_search_registries_origin", "short_name_mode", "credential_helpers",
    /// "additional_layer_store_auth_helper", "aliases"}`` (the origin and the auth helper
    /// omitted when unset). Raises ``MirrorError`` with the load error's text.
    "mirrors.load_registries_conf" => fn load_registries_conf(; registries_conf, drop_ins);

    /// A ``location`` as registries.conf reads it (``parseLocation``): every trailing ``/``
    /// removed.
    ///
    /// Returns a str. Raises ``MirrorError`` for a location with a URI scheme.
    "mirrors.parse_location" => fn parse_location(input);

    /// The length of ``prefix``'s match on ``ref`` (``refMatchingPrefix``: both used as
    /// given, ``*.`` wildcards included).
    ///
    /// Returns an int, or ``None`` when the prefix does not match.
    "mirrors.ref_matching_prefix" => fn ref_matching_prefix(r#ref, prefix);

    /// Rewrite ``ref`` (a canonical reference) from ``prefix`` to ``location``
    /// (``Endpoint.rewriteReference``).
    ///
    /// Returns the rewritten reference (a str). Raises ``MirrorError`` or ``ReferenceError``.
    "mirrors.rewrite_reference" => fn rewrite_reference(r#ref, prefix, location);

    /// Check a short-name alias key (``validateShortName``).
    ///
    /// Returns ``None`` when valid. Raises ``MirrorError`` (``cannot parse short name``,
    /// ``invalid short name``).
    "mirrors.validate_short_name" => fn validate_short_name(name);

    /// Normalise a short-name alias value (``parseShortNameValue``).
    ///
    /// Returns the fully-qualified name (a str). Raises ``MirrorError``.
    "mirrors.parse_short_name_value" => fn parse_short_name_value(value);

    /// The ``[[registry]]`` entry with the longest prefix matching ``ref`` (``FindRegistry``;
    /// ``ref`` is matched as given), after loading ``registries_conf`` and ``drop_ins`` as
    /// ``load_registries_conf`` does.
    ///
    /// Returns a Registry dict (``prefix``, ``location``, ``insecure``, ``blocked``,
    /// ``mirror_by_digest_only``, ``mirrors``) or ``None``. Raises ``MirrorError`` (load).
    "mirrors.find_registry" => fn find_registry(registries_conf, drop_ins, r#ref);

    /// The short-name alias of ``name`` in the loaded configuration
    /// (``ResolveShortNameAlias``).
    ///
    /// Returns ``None`` (no alias) or ``{"value": str | None, "origin": str}``. Raises
    /// ``MirrorError`` (short-name validation or load).
    "mirrors.resolve_short_name_alias" => fn resolve_short_name_alias(registries_conf, drop_ins, name);

    /// The pull sources of ``ref`` (a canonical reference) through ``registry`` (a Registry
    /// dict; ``Registry.PullSourcesFromReference``, no loading).
    ///
    /// Returns a list of ``{"reference", "location", "insecure", "pull_from_mirror"?}``: the
    /// mirrors that apply, then the registry's own endpoint. Raises ``MirrorError`` or
    /// ``ReferenceError``.
    "mirrors.pull_sources_from_reference" => fn pull_sources_from_reference(registry, r#ref);

    /// What a pull of ``ref`` (a user-style reference: ``busybox`` is
    /// ``docker.io/library/busybox:latest``) through containers/image's ``docker`` transport
    /// tries, in order, before any network access.
    ///
    /// Returns ``{"reference", "name", "digested", "entry", "sources", "attempts",
    /// "error"}``. Raises ``MirrorError`` or ``ReferenceError``.
    "mirrors.resolve_pull_sources" => fn resolve_pull_sources(registries_conf, drop_ins, r#ref);

    /// The MCO's ``updateRegistriesConfig``: decode ``base`` (TOML), validate the scopes, apply
    /// the insecure and blocked registries and the mirror sets (``icsps``, ``idmss``,
    /// ``itmss``: lists of API objects as dicts), render.
    ///
    /// Returns ``{"registries_conf": dict}`` (the rendered TOML as data). Raises
    /// ``MirrorError``.
    "mirrors.update_registries_config" => fn update_registries_config(base; insecure_registries, blocked_registries, icsps, idmss, itmss);

    /// As ``update_registries_config``, but returns the rendered registries.conf text,
    /// byte for byte as the MCO writes it.
    ///
    /// Returns a str. Raises ``MirrorError``.
    "mirrors.update_registries_config_text" => fn update_registries_config_text(base; insecure_registries, blocked_registries, icsps, idmss, itmss);

    /// runtime-utils ``EditRegistriesConfig`` alone (no MCO validation).
    ///
    /// Returns ``{"registries_conf": dict}``. Raises ``MirrorError``.
    "mirrors.edit_registries_config" => fn edit_registries_config(base; insecure_registries, blocked_registries, icsps, idmss, itmss);

    /// The MCO's ``validateRegistriesConfScopes``.
    ///
    /// Returns ``None`` when valid. Raises ``MirrorError`` with the first error.
    "mirrors.validate_registries_conf_scopes" => fn validate_registries_conf_scopes(; insecure_registries, blocked_registries, allowed_registries, icsps, idmss, itmss);

    /// The MCO's ``updatePolicyJSON``: ``base`` (policy.json text; ``None``: the MCO template),
    /// ``blocked_registries`` / ``allowed_registries`` (``None`` and ``[]`` differ),
    /// ``release_image``.
    ///
    /// Returns the policy as a dict. Raises ``MirrorError``.
    "mirrors.update_policy_json" => fn update_policy_json(; base, blocked_registries, allowed_registries, release_image);

    /// As ``update_policy_json``, but returns the policy.json text, byte for byte.
    ///
    /// Returns a str. Raises ``MirrorError``.
    "mirrors.update_policy_json_text" => fn update_policy_json_text(; base, blocked_registries, allowed_registries, release_image);

    /// The MCO's ``getValidBlockedAndAllowedRegistries``: ``release_image``, ``image_spec``
    /// (the ``Image.spec`` of ``image.config.openshift.io/cluster``), ``icsps``, ``idmss``.
    ///
    /// Returns ``{"registries_blocked", "policy_blocked", "allowed", "warning"}`` (lists or
    /// ``None``, a str or ``None``). Raises ``MirrorError``.
    "mirrors.valid_blocked_and_allowed_registries" => fn valid_blocked_and_allowed_registries(release_image; image_spec, icsps, idmss);

    /// What the MCO's container-runtime-config controller renders for an image config, mirror
    /// sets and a release image.
    ///
    /// Returns ``{"warning", "registries_conf", "policy_json", "search_registries_drop_ins"}``
    /// (each ``None`` when not rendered). Raises ``MirrorError``.
    "mirrors.render_image_config" => fn render_image_config(base, release_image; image_spec, icsps, idmss, itmss);

    /// Whether ``value`` matches the IDMS/ITMS CRD pattern of ``kind`` (``"source"`` or
    /// ``"mirror"``).
    ///
    /// Returns ``{"match": bool}``.
    "mirrors.api_pattern" => fn api_pattern(kind, value);

    /// The alternate repositories of ``oc image ... --icsp-file/--idms-file``: ``kind``
    /// (``"icsp"`` or ``"idms"``), ``strategy`` (``"on_error"`` or ``"explicit"``), ``file``
    /// (``{"name", "content"}`` or ``None``), ``ref``.
    ///
    /// Returns a list of str. Raises ``MirrorError`` with oc's text.
    "mirrors.oc_alternates" => fn oc_alternates(kind, strategy, file, r#ref);

    /// ``oc adm migrate icsp <args...> [--dest-dir dest_dir]`` in an empty directory holding
    /// ``files`` (a list of ``{"name", "content"}``); ``dest_dir_is_file`` creates
    /// ``dest_dir`` as a file first; ``seed`` fixes the random file-name suffix.
    ///
    /// Returns ``{"files": [{"path", "content"}], "stdout", "error"}``. Raises
    /// ``MirrorError`` when no file was written.
    "mirrors.oc_migrate_icsp" => fn oc_migrate_icsp(files, args; dest_dir, dest_dir_is_file, seed);

    /// The instructions ``oc adm release mirror`` prints after mirroring: ``from_`` (the
    /// ``--from`` image; the operation's input field ``from``), ``to`` (destination
    /// repositories), ``repositories`` (the payload's), ``signature_to_dir``,
    /// ``print_mirror_instructions`` (``"icsp"``, ``"idms"`` or ``"none"``).
    ///
    /// Returns the printed text (a str). Raises ``MirrorError`` for an invalid reference.
    "mirrors.oc_release_mirror_instructions" => fn oc_release_mirror_instructions(from_, to, repositories, signature_to_dir, print_mirror_instructions);

    /// ``resolve_pull_sources`` with reasons and origins: every ``[[registry]]`` prefix that
    /// matched ``ref`` (``candidates``, each ``selected``, ``shorter`` or ``tie_lost``), the
    /// matched entry and where it comes from, every mirror (skipped ones included) then the
    /// primary with its ``status`` (``candidate``, ``skipped``, ``blocked``) and ``reason``,
    /// the references a pull contacts, and notes (``no_entry``, ``wildcard_tie``, ...).
    ///
    /// Returns ``{"reference", "name", "digested", "candidates", "entry", "sources",
    /// "attempts", "notes", "error"}``; an invalid reference is reported in ``error`` (then
    /// ``sources`` is empty). Raises ``MirrorError`` (load).
    "mirrors.explain" => fn explain(registries_conf, drop_ins, r#ref);

    /// "Where will this image be pulled from, and which object says so?": renders ``base``
    /// (registries.conf text; ``None``: the MCO's template) with the insecure and blocked
    /// registries and the mirror sets (``icsps``, ``idmss``, ``itmss``: lists of API objects as
    /// dicts) as ``update_registries_config`` does, loads the result as the node's
    /// ``/etc/containers/registries.conf`` and explains the pull of ``ref``.
    ///
    /// Returns the shape of ``explain``, with every entry's and source's ``origins`` naming the
    /// object behind it (``kind`` ``ImageContentSourcePolicy``, ``ImageDigestMirrorSet``,
    /// ``ImageTagMirrorSet`` or ``Image`` for a scope of the image config; ``path`` such as
    /// ``ImageDigestMirrorSet/<name>.spec.imageDigestMirrors[0]`` or
    /// ``Image/cluster.spec.registrySources.blockedRegistries[0]``; ``role``; an ``inherited``
    /// mirror's origin carries ``from_scope``, the enclosing scope it was copied from). Raises
    /// ``MirrorError`` as ``update_registries_config`` does, or when the rendered file does not
    /// load.
    "mirrors.explain_mirror_sets" => fn explain_mirror_sets(r#ref; base, insecure_registries, blocked_registries, icsps, idmss, itmss);

    /// Mistakes in mirror sets (``icsps``, ``idmss``, ``itmss``), the image config's registry
    /// sources (``image_spec``), the payload (``release_image``, ``payload_repositories``) and
    /// a given ``registries_conf`` text that upstream accepts silently.
    ///
    /// Returns ``{"findings": [{"kind", "severity", "path", "related", "message"}]}``
    /// (``severity``: ``"error"``, ``"warning"`` or ``"info"``). Raises ``MirrorError`` for an
    /// unreadable ``registries_conf``.
    "mirrors.lint" => fn lint(; icsps, idmss, itmss, image_spec, release_image, payload_repositories, registries_conf);
}
