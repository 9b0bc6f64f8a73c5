"""OpenShift's container-image logic, compiled from the Rust crate ``openshift-image``.

Every operation of the library is a function named after the operation and taking its
arguments in order (``OPS`` lists them): the ``refs`` operations are functions of this package,
every other area is a submodule named after the area (``openshift_image.imagestreams``,
``openshift_image.templates``, ``openshift_image.jsonpath``, ``openshift_image.mirrors``,
``openshift_image.pull``). Results are plain dicts, lists,
strings, ints, floats, bools and ``None``, with the same snake_case keys in every language;
numbers are exact (a JSON integer of any size is an ``int``, and an ``int`` argument of any size
is passed exactly)::

    >>> import openshift_image
    >>> openshift_image.parse_normalized_named("busybox:1.36")["string"]
    'docker.io/library/busybox:1.36'
    >>> from openshift_image import imagestreams
    >>> imagestreams.join_image_stream_tag("ruby", "3.3")
    'ruby:3.3'

Failures raise ``openshift_image.Error`` (a ``ValueError``) subclasses carrying ``.kind``, the
library's stable kind string, and ``.area``: ``ReferenceError`` for invalid references and
friends, ``ImageStreamError`` for the image stream area (image triggers and ``oc set triggers``
included), ``TemplateError`` for the templates area (expose annotations included),
``JsonPathError`` for kubectl JSONPath templates (its ``.phase`` is ``"parse"`` or
``"execute"``; ``None`` on every other error), ``MirrorError`` for registry mirrors
(registries.conf, mirror sets, ``oc`` mirror commands), ``PullError`` for pull credentials,
policy.json, transport-prefixed names and short names, ``InvalidArgumentError`` (also a
``TypeError``) for a call that cannot be made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import _openshift_image
from ._openshift_image import *  # noqa: F403  (the native functions, OPS, the errors)
from ._openshift_image import __version__ as __version__
from . import imagestreams as imagestreams  # the `imagestreams` area (a submodule)
from . import templates as templates  # the `templates` area (a submodule)
from . import jsonpath as jsonpath  # the `jsonpath` area (a submodule)
from . import mirrors as mirrors  # the `mirrors` area (a submodule)
from . import pull as pull  # the `pull` area (a submodule)

if TYPE_CHECKING:
    # The shapes of results and inputs, for annotations only (they do not exist at run time).
    from ._openshift_image import AllowedRegistry as AllowedRegistry
    from ._openshift_image import AnyDockerRef as AnyDockerRef
    from ._openshift_image import BatchError as BatchError
    from ._openshift_image import DigestParts as DigestParts
    from ._openshift_image import DockerImageReference as DockerImageReference
    from ._openshift_image import DockerImageReferenceInput as DockerImageReferenceInput
    from ._openshift_image import DockerRef as DockerRef
    from ._openshift_image import ErrorInfo as ErrorInfo
    from ._openshift_image import HostPort as HostPort
    from ._openshift_image import LegacyRef as LegacyRef
    from ._openshift_image import MirrorSetEntry as MirrorSetEntry
    from ._openshift_image import OpenShiftReferenceReport as OpenShiftReferenceReport
    from ._openshift_image import OpSpec as OpSpec
    from ._openshift_image import PolicyScopes as PolicyScopes
    from ._openshift_image import WhitelistRegistryCall as WhitelistRegistryCall

#: The `refs` functions, `OPS`, `call`, the batch functions, the errors, and one submodule per
#: other area.
__all__ = [*_openshift_image.__all__, "imagestreams", "templates", "jsonpath", "mirrors", "pull"]
