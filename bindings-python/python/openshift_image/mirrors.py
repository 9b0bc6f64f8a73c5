"""Registry mirrors: the ``mirrors.*`` operations of ``openshift_image.OPS``.

One function per operation, named after it and taking its arguments in the table's order
(positionally or by keyword; trailing optional arguments default to ``None``; the names are
snake_case, and the input field ``from`` of ``oc_release_mirror_instructions`` is the parameter
``from_``, since ``from`` is a Python keyword):

* containers/image's ``registries.conf``: ``load_registries_conf``, ``parse_location``,
  ``ref_matching_prefix``, ``rewrite_reference``, ``validate_short_name``,
  ``parse_short_name_value``, ``find_registry``, ``resolve_short_name_alias``,
  ``pull_sources_from_reference``, ``resolve_pull_sources`` (what a pull tries, in order);
* the Machine Config Operator's rendering of ImageContentSourcePolicy, ImageDigestMirrorSet
  and ImageTagMirrorSet objects (``icsps``, ``idmss``, ``itmss``: lists of API objects as
  dicts): ``update_registries_config``, ``update_registries_config_text``,
  ``edit_registries_config``, ``validate_registries_conf_scopes``, ``update_policy_json``,
  ``update_policy_json_text``, ``valid_blocked_and_allowed_registries``,
  ``render_image_config``;
* the IDMS/ITMS API patterns (``api_pattern``) and ``oc``: ``oc_alternates``,
  ``oc_migrate_icsp``, ``oc_release_mirror_instructions``;
* diagnostics: ``explain`` (``resolve_pull_sources`` with the matching prefixes, each source's
  status and reason, origins and notes), ``explain_mirror_sets`` (the same for the
  registries.conf the MCO renders from the mirror sets and registry sources, every entry and
  source traced to the ICSP / IDMS / ITMS entry or image-config scope behind it) and ``lint``
  (mistakes in mirror sets, registry sources and a registries.conf that upstream accepts
  silently: ``{"findings": [...]}``)::

    >>> from openshift_image import mirrors
    >>> conf = '[[registry]]\\nlocation = "quay.io/ns"\\n[[registry.mirror]]\\nlocation = "mirror.local/ns"\\n'
    >>> mirrors.resolve_pull_sources(conf, None, "quay.io/ns/app:1")["attempts"]
    ['mirror.local/ns/app:1', 'quay.io/ns/app:1']

A rendered registries.conf (``registries_conf`` of ``update_registries_config``) is the TOML
decoded as data; ``update_registries_config_text`` gives the text the MCO writes.
Errors raise ``MirrorError`` (``openshift_image.MirrorError``, also exported here) with
upstream's text and a ``mirror.*`` kind, or ``ReferenceError``; a missing or mistyped argument
raises ``InvalidArgumentError``.
"""

from __future__ import annotations

from . import _openshift_image
from ._openshift_image import MirrorError as MirrorError

# The functions are the native module's (`_openshift_image.mirrors`); this module makes them a
# real submodule of the package (`import openshift_image.mirrors`).
_native = _openshift_image.mirrors

__all__ = [*_native.__all__, "MirrorError"]
globals().update({name: getattr(_native, name) for name in _native.__all__})
