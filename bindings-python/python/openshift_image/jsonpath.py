"""JSONPath, expose annotations and image triggers: the ``jsonpath.*`` operations of
``openshift_image.OPS``.

One function per operation, named after it and taking its arguments in the table's order
(positionally or by keyword; optional arguments default to ``None``; the names are snake_case:
``allow_missing_keys``, ``output_json``, ``field_path``, ``from_image``):

* kubectl's JSONPath templates (client-go ``util/jsonpath``): ``parse``, ``execute``
  (``kubectl get -o jsonpath=...``), ``find_results``;
* the Template Service Broker's expose annotations: ``tsb_evaluate_expose``,
  ``tsb_bind_credentials``;
* the ``image.openshift.io/triggers`` annotation (library-go): ``trigger_parse_annotation``,
  ``trigger_serialize``, ``trigger_container_for_field_path``, ``trigger_update_object``;
  ``oc set triggers``: ``oc_set_triggers``; the resolve-names annotation:
  ``resolve_all_names``; and ``trigger_lint``, a linter of trigger annotations::

    >>> from openshift_image import jsonpath
    >>> data = {"items": [{"metadata": {"name": "a"}}, {"metadata": {"name": "b"}}]}
    >>> jsonpath.execute("{range .items[*]}{.metadata.name}{' '}{end}", data)
    'a b '
    >>> jsonpath.execute("{.missing}", {}, allow_missing_keys=True)
    ''

A document keeps its number types: ``3.0`` (a ``float``) and ``3`` (an ``int``) differ in
kubectl's int64 mode, as they do in Go; ``data_json`` takes the document's JSON text instead
(and ``object_json`` / ``objects_json`` the objects of ``tsb_evaluate_expose`` /
``tsb_bind_credentials``).
JSONPath errors raise ``JsonPathError`` (``openshift_image.JsonPathError``, also exported here)
with ``phase`` ``"parse"`` or ``"execute"`` and client-go's text; expose errors raise
``TemplateError``; trigger and ``oc set triggers`` errors ``ImageStreamError``; a missing or
mistyped argument raises ``InvalidArgumentError``.
"""

from __future__ import annotations

from . import _openshift_image
from ._openshift_image import JsonPathError as JsonPathError

# The functions are the native module's (`_openshift_image.jsonpath`); this module makes them a
# real submodule of the package (`import openshift_image.jsonpath`).
_native = _openshift_image.jsonpath

__all__ = [*_native.__all__, "JsonPathError"]
globals().update({name: getattr(_native, name) for name in _native.__all__})
