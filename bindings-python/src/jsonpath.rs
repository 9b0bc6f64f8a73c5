//! The `jsonpath` area: the native module behind `openshift_image.jsonpath`, one function per
//! `jsonpath.*` operation of [`openshift_image::ops::OPS`], in table order.
//!
//! kubectl's JSONPath templates (client-go `util/jsonpath`), the Template Service Broker's
//! expose annotations, the `image.openshift.io/triggers` annotation, `oc set triggers` and the
//! resolve-names annotation. Every argument is converted to JSON and run through
//! [`openshift_image::ops::call`]; the parameters are the table's snake_case names
//! (`allow_missing_keys`, `field_path`). Python keeps `3.0` a `float` and `3` an `int`, so a
//! document passed as `data` keeps the difference the evaluator's type names depend on;
//! `data_json` takes its JSON text instead.

use pyo3::prelude::*;

/// The module docstring.
pub(crate) const DOC: &str = "JSONPath, expose annotations and image triggers: the \
``jsonpath.*`` operations of ``openshift_image.OPS``.\n\nkubectl's JSONPath template dialect \
(client-go ``util/jsonpath``: ``parse``, ``execute``, ``find_results``), the Template Service \
Broker's ``template.openshift.io/expose-*`` annotations (``tsb_evaluate_expose``, \
``tsb_bind_credentials``), the ``image.openshift.io/triggers`` annotation of library-go \
(``trigger_parse_annotation``, ``trigger_serialize``, ``trigger_container_for_field_path``, \
``trigger_update_object``), ``oc set triggers`` (``oc_set_triggers``), the resolve-names \
annotation (``resolve_all_names``) and a linter of trigger annotations (``trigger_lint``).\n\n\
JSONPath errors raise ``openshift_image.JsonPathError`` with ``phase`` ``\"parse\"`` or \
``\"execute\"``; expose errors raise ``TemplateError``, ``oc set triggers`` and trigger errors \
``ImageStreamError``.";

area_operations! {
    /// Parse a kubectl JSONPath template (client-go ``JSONPath.Parse``) into its node tree.
    ///
    /// Returns ``{"nodes": [...]}``: the top-level nodes, each a dict with ``type`` (``list``,
    /// ``text``, ``field``, ``identifier``, ``array``, ``filter``, ``int``, ``float``,
    /// ``bool``, ``wildcard``, ``recursive``, ``union``) and its fields. Raises
    /// ``JsonPathError`` (``phase`` ``"parse"``) with upstream's text.
    "jsonpath.parse" => fn parse(template);

    /// Parse and execute a template on a document as ``kubectl get -o jsonpath=...`` does
    /// (client-go ``JSONPath.Parse`` + ``Execute``).
    ///
    /// ``data`` is the document (``None``: JSON ``null``), or ``data_json`` its JSON text (not
    /// both); ``allow_missing_keys`` is ``--allow-missing-template-keys``; ``numbers`` is
    /// ``"int64"`` (kubectl's decoding, the default) or ``"float64"`` (every number a float);
    /// ``output_json`` is ``-o jsonpath-as-json``.
    ///
    /// Returns the printed output (a str). Raises ``JsonPathError`` (``phase`` ``"parse"`` or
    /// ``"execute"``) with upstream's text.
    "jsonpath.execute" => fn execute(template; data, allow_missing_keys, numbers, output_json, data_json);

    /// Evaluate a template and return what each node found (client-go ``FindResults``).
    ///
    /// Arguments as ``execute`` (without ``output_json``). Returns a list of lists: one list of
    /// values per evaluated node (text nodes give a one-string list, each action inside a
    /// ``range`` iteration its own list). Raises ``JsonPathError``.
    "jsonpath.find_results" => fn find_results(template; data, allow_missing_keys, numbers, data_json);

    /// One expose annotation as the Template Service Broker evaluates it
    /// (template-service-broker ``evaluateJSONPathExpression``).
    ///
    /// ``annotation`` is the annotation key (used in messages), ``expression`` its value,
    /// ``object`` the object (a ``v1`` Secret is read as the typed Secret: ``.data.<k>`` is the
    /// decoded bytes), or ``object_json`` its JSON text (exactly one of them), ``base64`` true
    /// for a ``base64-expose-`` annotation.
    ///
    /// Returns the credential (a str). Raises ``TemplateError`` (``template.expose.*``) with
    /// upstream's text, ``InvalidArgumentError`` when neither or both of ``object`` and
    /// ``object_json`` are given.
    "jsonpath.tsb_evaluate_expose" => fn tsb_evaluate_expose(annotation, expression; object, base64, object_json);

    /// The credentials a Bind returns for a TemplateInstance's ``objects`` (in
    /// ``status.objects`` order): the expose annotations of its ConfigMaps, Secrets, Services
    /// and Routes (template-service-broker ``updateCredentialsForObject``); ``objects_json`` is
    /// the list as JSON text instead (exactly one of them).
    ///
    /// Returns a dict (key → str). Raises ``TemplateError`` for the first failure,
    /// ``InvalidArgumentError`` when neither or both of ``objects`` and ``objects_json`` are
    /// given.
    "jsonpath.tsb_bind_credentials" => fn tsb_bind_credentials(; objects, objects_json);

    /// Parse the value of the ``image.openshift.io/triggers`` annotation (library-go
    /// ``CalculateAnnotationTriggers``); ``None`` means the annotation is absent.
    ///
    /// Returns ``None`` (absent, or the JSON ``null``) or a list of
    /// ``{"from": {"kind", "name", "namespace", "apiVersion"}, "fieldPath", "paused"}`` with
    /// every field present. Raises ``ImageStreamError`` (``imagestream.invalid_json``,
    /// ``imagestream.duplicate_triggers``).
    "jsonpath.trigger_parse_annotation" => fn trigger_parse_annotation(; value);

    /// Serialize ``triggers`` (a list of trigger dicts, absent fields empty) as ``oc`` and the
    /// controllers write the annotation (Go ``json.Marshal`` of ``[]ObjectFieldTrigger``).
    ///
    /// Returns the annotation text (a str).
    "jsonpath.trigger_serialize" => fn trigger_serialize(triggers);

    /// The container a trigger's ``field_path`` designates in a workload ``object`` (library-go
    /// ``ContainerForObjectFieldPath``: ``containers[0]``, ``containers[?(@.name=="web")]``,
    /// init containers first).
    ///
    /// Returns ``{"name", "image", "remainder"}``. Raises ``ImageStreamError``
    /// (``imagestream.no_pod_spec``, ``imagestream.invalid_field_path``,
    /// ``imagestream.no_such_container``) with upstream's text.
    "jsonpath.trigger_container_for_field_path" => fn trigger_container_for_field_path(object, field_path);

    /// Apply the images of the tags a workload's triggers name (library-go
    /// ``UpdateObjectFromImages``); ``tags`` maps ``"<namespace>/<stream>:<tag>"`` to the
    /// resolved image reference (a missing key: the tag cannot be resolved).
    ///
    /// Returns ``{"updated": False}``, or ``{"updated": True, "initContainers", "containers",
    /// "changed"}`` (the pod spec's containers after the update, ``changed`` sorted). Raises
    /// ``ImageStreamError`` with upstream's text.
    "jsonpath.trigger_update_object" => fn trigger_update_object(object, tags);

    /// ``oc set triggers <object> --from-image=... -c ... [--auto|--manual] [--remove]
    /// [--from-config]`` on an annotation-triggered workload (oc ``pkg/cli/set/triggers.go``);
    /// ``namespace`` defaults to the object's.
    ///
    /// Returns ``{"annotation": str}`` (the text ``null`` when no image trigger remains) plus
    /// ``"paused"`` for a Deployment. Raises ``ImageStreamError``
    /// (``imagestream.set_triggers.*``) with oc's text.
    "jsonpath.oc_set_triggers" => fn oc_set_triggers(object; namespace, from_image, containers, auto, manual, remove, from_config);

    /// Whether ``alpha.image.policy.openshift.io/resolve-names`` is exactly ``*`` on the
    /// object's pod template or on the object (apiserver-library-go ``ResolveAllNames``).
    ///
    /// Returns a bool.
    "jsonpath.resolve_all_names" => fn resolve_all_names(object);

    /// The common mistakes in a workload's ``image.openshift.io/triggers`` annotation
    /// (single-quoted filters, ``"paused": "false"``, unknown containers, ...): this library's
    /// addition, not an upstream function.
    ///
    /// Returns ``{"findings": [{"kind", "path", "message"}]}``.
    "jsonpath.trigger_lint" => fn trigger_lint(object);
}
