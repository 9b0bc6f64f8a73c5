"""Image streams: the ``imagestreams.*`` operations of ``openshift_image.OPS``.

One function per operation, named after it and taking its arguments in the table's order
(positionally or by keyword; optional arguments default to ``None``): tag history
(``add_tag_event``, ``update_tracking_tags``), resolution (``resolve_pull_spec_for_tag``,
``resolve_image_id``, the ImageStreamTag / ImageStreamImage GETs), the import controller's tests,
ordering and ``oc get is`` / ``oc describe is`` output, the API server's image stream strategy
(``create``, ``update``, ``image_stream_mapping``, the ImageStreamTag PUT / POST / DELETE),
image triggers (``image_triggers``, ``triggers_fired_by``: which workloads a stream change fires),
the image-policy resolver (``lookup_policy_resolution``, ``resolve_object_images``: a workload's
container images rewritten), import modes, ``oc tag`` and pruning::

    >>> from openshift_image import imagestreams
    >>> imagestreams.split_image_stream_tag("ruby")
    {'name': 'ruby', 'ok': False, 'tag': 'latest'}

Streams, tags, events and the other API objects are the ``image.openshift.io/v1`` (or
Kubernetes) JSON objects as dicts, exactly as the API serves them; results use the same keys.
An operation that takes the server's clock has an optional ``now`` (RFC 3339, UTC), the current
time when absent. Errors of the area raise ``openshift_image.ImageStreamError`` (``kind``
``imagestream.*``); a missing or mistyped argument raises ``InvalidArgumentError``.
"""

from __future__ import annotations

from . import _openshift_image

# The functions are the native module's (`_openshift_image.imagestreams`); this module makes
# them a real submodule of the package (`import openshift_image.imagestreams`).
_native = _openshift_image.imagestreams

__all__ = list(_native.__all__)
globals().update({name: getattr(_native, name) for name in __all__})
