"""Pull credentials, signature policy, transport-prefixed names and short names: the ``pull.*``
operations of ``openshift_image.OPS``.

One function per operation, named after it and taking its arguments in the table's order
(positionally or by keyword; trailing optional arguments default to ``None``; the names are
snake_case). Secrets, auth files, policy documents and registries.conf files are given as
**text**, since decoding them is part of the behaviour:

* credentials: ``kubelet_credentials`` (what the kubelet hands to the runtime for a pod's image:
  its pull secrets, a list of ``{"type", "data"}``, then the node's ``config.json``),
  ``keyring_url_match`` and ``keyring_lookup`` (the kubelet's keyring on its own),
  ``auth_file_credentials`` (what containers/image finds in an auth file),
  ``oc_registry_credentials`` (what ``oc`` sends with ``--registry-config``);
* signature policy: ``policy_requirements`` (which policy.json requirement list applies to a
  ``docker`` image and what it decides), ``validate_policy_scope``;
* transport-prefixed names: ``parse_image_name`` (``docker://…``, ``oci:…``, ``dir:…``; the path
  transports look at an optional file-system view ``{"cwd", "directories", "files",
  "symlinks"}``, never at the real file system), ``transport_from_image_name``;
* short names: ``resolve_short_name``, ``resolve_short_name_locally``, ``is_short_name``;
* diagnostics (reports as dicts, typed in the stub: ``KubeletExplanation``, ...):
  ``kubelet_explain``, ``credentials_lint``, ``auth_file_explain``, ``auth_file_lint``,
  ``policy_lint``::

    >>> from openshift_image import pull
    >>> pull.transport_from_image_name("oci:/var/lib/images:v1")
    'oci'

Errors raise ``PullError`` (``openshift_image.PullError``, also exported here) with upstream's
text and a ``pull.*`` kind (``mirror.conf_*`` when a registries.conf does not load); a missing
or mistyped argument raises ``InvalidArgumentError``.
"""

from __future__ import annotations

from . import _openshift_image
from ._openshift_image import PullError as PullError

# The functions are the native module's (`_openshift_image.pull`); this module makes them a
# real submodule of the package (`import openshift_image.pull`).
_native = _openshift_image.pull

__all__ = [*_native.__all__, "PullError"]
globals().update({name: getattr(_native, name) for name in _native.__all__})
