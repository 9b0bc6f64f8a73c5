//! The `templates` area: the native module behind `openshift_image.templates`, one function
//! per `templates.*` operation of [`openshift_image::ops::OPS`], in table order.
//!
//! Templates are `template.openshift.io/v1` Template documents: a dict (exactly as the API
//! serves it), a str of JSON text, or YAML text (`template_yaml`); every argument is converted
//! to JSON and run through [`openshift_image::ops::call`]. Python ints of any size stay exact.

use pyo3::prelude::*;

/// The module docstring.
pub(crate) const DOC: &str = "Templates: ``oc process`` (processing a Template with parameters \
and labels), the ``expression`` value generator, ``oc process`` on an argument list, the \
server's parameter-name validation and the template linter (the ``templates.*`` operations of \
``openshift_image.OPS``).\n\nA Template is the ``template.openshift.io/v1`` document as a dict, \
or its JSON text (a str: integers beyond 64 bits stay exact either way), or YAML text \
(``template_yaml``). Generated values come from the operating system's random source unless a \
``seed`` is given. Errors of this area raise ``openshift_image.TemplateError``.";

area_operations! {
    /// Process a Template as ``oc process --local`` does: caller ``parameters`` (NAME → str)
    /// and ``labels`` applied, values generated, ``${NAME}`` / ``${{NAME}}`` substituted.
    ///
    /// ``template`` is the Template (a dict or its JSON text), or ``template_yaml`` its YAML
    /// text. ``seed`` makes generated values reproducible; ``go_compat`` generates as upstream
    /// does (end-exclusive ranges).
    ///
    /// Returns ``{"objects", "parameters", "message"?, "labels"?}``. Raises ``TemplateError``
    /// with upstream's text.
    "templates.process" => fn process(; template, template_yaml, parameters, labels, ignore_unknown_parameters, seed, go_compat);

    /// One value of the ``expression`` generator for a parameter's ``from`` (``[a-z]{8}``,
    /// ``\\w{10}``, ...), with an optional ``seed`` and Go-compatible mode ``go_compat``.
    ///
    /// Returns a str. Raises ``TemplateError`` for a malformed expression.
    "templates.generate" => fn generate(expression; seed, go_compat);

    /// ``oc process`` on the argument list ``args`` over a working directory holding ``files``
    /// (path → content) and ``dirs``, with ``stdin`` and an optional ``server``
    /// (``"unreachable"``).
    ///
    /// Returns ``{"stdout" | "stdout_json", "stderr"}``. Raises ``TemplateError`` with the
    /// text ``oc`` prints when it fails.
    "templates.oc_process" => fn oc_process(args; files, dirs, stdin, server, seed);

    /// The server's parameter-name validation (``POST .../processedtemplates``) of
    /// ``parameters`` (a list of ``{"name": str}``).
    ///
    /// Returns ``None``. Raises ``TemplateError`` with the field errors.
    "templates.validate_parameters" => fn validate_parameters(parameters);

    /// The template linter on ``template`` (a dict or its JSON text) or ``template_yaml``:
    /// what processing will silently do differently from what the author probably meant.
    ///
    /// Returns ``{"findings": [{"kind", "path", "message"}]}``. Raises ``TemplateError`` when
    /// YAML text cannot be decoded.
    "templates.lint" => fn lint(; template, template_yaml);
}
