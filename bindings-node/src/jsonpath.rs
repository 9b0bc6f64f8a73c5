//! The `jsonpath` area: the namespace `jsonpath` of the package
//! (`jsonpath.execute(template, data, allowMissingKeys)`), one function per `jsonpath.*`
//! operation of [`openshift_image::ops::OPS`], in table order.
//!
//! kubectl's JSONPath templates (client-go `util/jsonpath`), the Template Service Broker's
//! expose annotations, the `image.openshift.io/triggers` annotation, `oc set triggers` and the
//! resolve-names annotation; every argument goes through [`openshift_image::ops::call`].
//! `JSON.parse` reads `3.0` as `3` (and kubectl's int64 mode tells them apart: `float64` vs
//! `int64` in messages), so `execute` and `findResults` also take the document as JSON text
//! (`dataJson`), `tsbEvaluateExpose` and `tsbBindCredentials` the objects (`objectJson`,
//! `objectsJson`). A JSONPath error carries `phase` (`parse` / `execute`).

use napi::bindgen_prelude::{Either, Env, Result, Unknown};
use napi_derive::napi;

area_ops! {
    namespace = "jsonpath";
    #[doc = "Parses a kubectl JSONPath template (client-go `JSONPath.Parse`) into its node tree: `{nodes}`, the top-level nodes; throws a `jsonpath.*` error with `phase` `parse` and client-go's text (`jsonpath.parse`)."]
    "jsonpath.parse" parse(template: "string") -> "ParsedJsonPath";
    #[doc = "Parses and executes a template on a document as `kubectl get -o jsonpath=…` prints it (client-go `Parse` + `Execute`): `data` is the document (or `dataJson` its JSON text, which keeps `3.0` a float64; not both), `allowMissingKeys` is `--allow-missing-template-keys`, `numbers` `int64` (kubectl, the default) or `float64`, `outputJson` `-o jsonpath-as-json`; throws a `jsonpath.*` error with `phase` `parse` or `execute` (`jsonpath.execute`)."]
    "jsonpath.execute" execute(template: "string"; data: "JsonValue", allow_missing_keys: "boolean | null", numbers: "JsonPathNumbers | null", output_json: "boolean | null", data_json: "string | null") -> "string";
    #[doc = "What each node of a template finds in a document (client-go `FindResults`): one array of values per evaluated node; arguments as `execute` (`jsonpath.find_results`)."]
    "jsonpath.find_results" find_results(template: "string"; data: "JsonValue", allow_missing_keys: "boolean | null", numbers: "JsonPathNumbers | null", data_json: "string | null") -> "JsonValue[][]";
    #[doc = "One expose annotation as the Template Service Broker evaluates it (`evaluateJSONPathExpression`): `annotation` is the key (for messages), `expression` its value, `object` the object (a v1 Secret's `.data.<k>` is the decoded bytes) or `objectJson` its JSON text (which keeps `1000000.0` a float64; exactly one of them), `base64` true for `base64-expose-`; throws a `template.expose.*` error with upstream's text (`jsonpath.tsb_evaluate_expose`)."]
    "jsonpath.tsb_evaluate_expose" tsb_evaluate_expose(annotation: "string", expression: "string"; object: "ApiObject | null", base64: "boolean | null", object_json: "string | null") -> "string";
    #[doc = "The credentials a Bind returns for a TemplateInstance's `objects` (`status.objects` order): the expose annotations of its ConfigMaps, Secrets, Services and Routes; `objectsJson` is the array as JSON text instead (exactly one of them); throws the first failure (`jsonpath.tsb_bind_credentials`)."]
    "jsonpath.tsb_bind_credentials" tsb_bind_credentials(; objects: "ApiObject[] | null", objects_json: "string | null") -> "Record<string, string>";
    #[doc = "Parses the value of the `image.openshift.io/triggers` annotation (library-go `CalculateAnnotationTriggers`): `null` when absent or the JSON `null`, else the triggers with every member present; throws `imagestream.invalid_json` / `imagestream.duplicate_triggers` (`jsonpath.trigger_parse_annotation`)."]
    "jsonpath.trigger_parse_annotation" trigger_parse_annotation(; value: "string | null") -> "TriggerReport[] | null";
    #[doc = "Serializes triggers as `oc` and the controllers write the annotation (Go `json.Marshal` of `[]ObjectFieldTrigger`) (`jsonpath.trigger_serialize`)."]
    "jsonpath.trigger_serialize" trigger_serialize(triggers: "TriggerInput[]") -> "string";
    #[doc = "The container a trigger's `fieldPath` designates in a workload (library-go `ContainerForObjectFieldPath`: `containers[0]`, `containers[?(@.name==\"web\")]`, init containers first); throws `imagestream.no_pod_spec`, `imagestream.invalid_field_path` or `imagestream.no_such_container` with upstream's text (`jsonpath.trigger_container_for_field_path`)."]
    "jsonpath.trigger_container_for_field_path" trigger_container_for_field_path(object: "ApiObject", field_path: "string") -> "ContainerFound";
    #[doc = "Applies the images of the tags a workload's triggers name (library-go `UpdateObjectFromImages`); `tags` maps `<namespace>/<stream>:<tag>` to the resolved image (a missing key: unresolved); throws upstream's error (`jsonpath.trigger_update_object`)."]
    "jsonpath.trigger_update_object" trigger_update_object(object: "ApiObject", tags: "{ [key: string]: string }") -> "TriggerUpdateReport";
    #[doc = "`oc set triggers <object> --from-image=… -c … [--auto|--manual] [--remove] [--from-config]` on an annotation-triggered workload (oc `pkg/cli/set/triggers.go`); `namespace` defaults to the object's; throws an `imagestream.set_triggers.*` error with oc's text (`jsonpath.oc_set_triggers`)."]
    "jsonpath.oc_set_triggers" oc_set_triggers(object: "ApiObject"; namespace: "string | null", from_image: "string | null", containers: "string | null", auto: "boolean | null", manual: "boolean | null", remove: "boolean | null", from_config: "boolean | null") -> "OcSetTriggersOutcome";
    #[doc = "Whether `alpha.image.policy.openshift.io/resolve-names` is exactly `*` on the object's pod template or on the object (apiserver-library-go `ResolveAllNames`) (`jsonpath.resolve_all_names`)."]
    "jsonpath.resolve_all_names" resolve_all_names(object: "ApiObject") -> "boolean";
    #[doc = "The common mistakes in a workload's `image.openshift.io/triggers` annotation (single-quoted filters, `\"paused\": \"false\"`, unknown containers, …), each with what to write instead; this library's addition, not an upstream function (`jsonpath.trigger_lint`)."]
    "jsonpath.trigger_lint" trigger_lint(object: "ApiObject") -> "TriggerLintReport";
}
