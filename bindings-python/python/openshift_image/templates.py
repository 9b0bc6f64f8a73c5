"""Templates: the ``templates.*`` operations of ``openshift_image.OPS``.

One function per operation, named after it and taking its arguments in the table's order
(positionally or by keyword; optional arguments default to ``None``): ``process`` (what
``oc process --local`` does to one Template), ``generate`` (the ``expression`` value generator
of a parameter's ``from``), ``oc_process`` (``oc process`` on an argument list over files),
``validate_parameters`` (the server's parameter-name check) and ``lint``::

    >>> from openshift_image import templates
    >>> template = {"kind": "Template", "apiVersion": "template.openshift.io/v1",
    ...             "parameters": [{"name": "NAME", "value": "web"}],
    ...             "objects": [{"kind": "Service", "apiVersion": "v1",
    ...                          "metadata": {"name": "${NAME}"}}]}
    >>> templates.process(template)["objects"][0]["metadata"]
    {'name': 'web'}
    >>> len(templates.generate("[a-z]{10}"))
    10

A Template is the ``template.openshift.io/v1`` document as a dict, or its JSON text (a str), or
YAML text (``template_yaml``). Numbers are exact: a Python ``int`` of any size is passed as that
integer, and integers in results are ``int``s. Generated values come from the operating system's
random source unless a ``seed`` is given. Errors of the area raise
``openshift_image.TemplateError`` (``kind`` ``template.*``, upstream's message); a missing or
mistyped argument raises ``InvalidArgumentError``.
"""

from __future__ import annotations

from . import _openshift_image

# The functions are the native module's (`_openshift_image.templates`); this module makes them
# a real submodule of the package (`import openshift_image.templates`).
_native = _openshift_image.templates

__all__ = list(_native.__all__)
globals().update({name: getattr(_native, name) for name in __all__})
