//! The `jsonpath` area as flat operations (see `../shared/conformance/jsonpath/OPS.md`):
//! kubectl's JSONPath templates, the Template Service Broker's expose annotations, image
//! trigger annotations, `oc set triggers` and the resolve-names annotation.
//!
//! The vectors name their inputs in camelCase (`allowMissingKeys`, `fieldPath`); the flat API,
//! like every other area, names parameters in snake_case (`allow_missing_keys`,
//! `field_path`), camelCase again in JavaScript.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::error::OpError;
use crate::imagestream::resolve_names::resolve_all_names;
use crate::imagestream::set_triggers::{OcSetTriggersOptions, OcSetTriggersOutcome};
use crate::imagestream::trigger_lint::{TriggerLintFinding, lint_triggers};
use crate::imagestream::triggers::{
    ContainerImage, ObjectFieldTrigger, apply_image_triggers, container_for_field_path,
    container_images, parse_trigger_annotation, serialize_triggers,
};
use crate::jsonpath::{Document, ExecuteOptions, JsonPath, JsonPathError, NumberMode};
use crate::ops::Args;
use crate::template::expose::{bind_credentials, evaluate_expose};

/// `jsonpath.parse`'s result: the top-level nodes as JSON (OPS.md's node objects).
#[derive(Debug, Serialize)]
pub(crate) struct ParsedTemplate {
    nodes: Vec<Value>,
}

/// `jsonpath.parse`.
pub(crate) fn parse(a: &Args<'_>) -> Result<ParsedTemplate, OpError> {
    let path = JsonPath::parse(&a.req::<String>("template")?)?;
    Ok(ParsedTemplate {
        nodes: path
            .nodes()
            .iter()
            .map(crate::jsonpath::Node::to_value)
            .collect(),
    })
}

/// The evaluation options from `allow_missing_keys`, `numbers` and `output_json`.
fn options(a: &Args<'_>) -> Result<ExecuteOptions, OpError> {
    let numbers = match a.opt::<String>("numbers")?.as_deref() {
        None | Some("int64") => NumberMode::Int64,
        Some("float64") => NumberMode::Float64,
        Some(other) => {
            return Err(a.invalid(
                "numbers",
                format!("expected \"int64\" or \"float64\", got {other:?}"),
            ));
        }
    };
    Ok(ExecuteOptions {
        allow_missing_keys: a.opt("allow_missing_keys")?.unwrap_or(false),
        numbers,
        output_json: a.opt("output_json")?.unwrap_or(false),
    })
}

/// Runs `run` on the document: `data` (a JSON value; absent = `null`) or `data_json` (its
/// JSON text, for callers whose JSON values lose the difference between `3` and `3.0` or
/// round big integers; also the fastest way in), not both.
fn with_document<T>(
    a: &Args<'_>,
    run: impl FnOnce(&Document<'_>) -> Result<T, JsonPathError>,
) -> Result<T, OpError> {
    match (a.opt::<Value>("data")?, a.opt::<String>("data_json")?) {
        (Some(_), Some(_)) => {
            Err(a.invalid("data_json", "give either data or data_json, not both"))
        }
        (None, Some(text)) => Ok(run(&Document::parse(&text)?)?),
        (data, None) => {
            let data = data.unwrap_or(Value::Null);
            Ok(run(&Document::from_value(&data)?)?)
        }
    }
}

/// `jsonpath.execute`: the printed output.
pub(crate) fn execute(a: &Args<'_>) -> Result<String, OpError> {
    let path = JsonPath::parse(&a.req::<String>("template")?)?;
    let options = options(a)?;
    with_document(a, |document| path.execute_document(document, &options))
}

/// `jsonpath.find_results`: one list of values per evaluated node.
pub(crate) fn find_results(a: &Args<'_>) -> Result<Vec<Vec<Value>>, OpError> {
    let path = JsonPath::parse(&a.req::<String>("template")?)?;
    let options = options(a)?;
    with_document(a, |document| path.find_results_document(document, &options))
}

/// A JSON argument given as a value (`name`) or as its JSON text (`<name>_json`: exact numbers
/// for callers whose JSON values lose them, as JavaScript's `3.0`), exactly one of them.
fn value_or_json<T: serde::de::DeserializeOwned>(a: &Args<'_>, name: &str) -> Result<T, OpError> {
    let text_name = format!("{name}_json");
    match (a.opt::<Value>(name)?, a.opt::<String>(&text_name)?) {
        (Some(_), Some(_)) => Err(a.invalid(
            &text_name,
            format!("give either {name} or {text_name}, not both"),
        )),
        (Some(value), None) => T::deserialize(value).map_err(|e| a.invalid(name, e.to_string())),
        (None, Some(text)) => {
            serde_json::from_str(&text).map_err(|e| a.invalid(&text_name, format!("not JSON: {e}")))
        }
        (None, None) => Err(a.invalid(name, "missing required argument")),
    }
}

/// `jsonpath.tsb_evaluate_expose`: the object as `object` or `object_json`.
pub(crate) fn tsb_evaluate_expose(a: &Args<'_>) -> Result<String, OpError> {
    let annotation: String = a.req("annotation")?;
    let expression: String = a.req("expression")?;
    let object: Value = value_or_json(a, "object")?;
    Ok(evaluate_expose(
        &annotation,
        &expression,
        &object,
        a.opt("base64")?.unwrap_or(false),
    )?)
}

/// `jsonpath.tsb_bind_credentials`: the objects as `objects` or `objects_json`.
pub(crate) fn tsb_bind_credentials(a: &Args<'_>) -> Result<BTreeMap<String, String>, OpError> {
    let objects: Vec<Value> = value_or_json(a, "objects")?;
    Ok(bind_credentials(&objects)?)
}

/// One trigger as `trigger_parse_annotation` answers it: every member present.
#[derive(Debug, Serialize)]
pub(crate) struct TriggerReport {
    from: SourceReport,
    #[serde(rename = "fieldPath")]
    field_path: String,
    paused: bool,
}

/// A trigger's `from`, every member present.
#[derive(Debug, Serialize)]
struct SourceReport {
    kind: String,
    name: String,
    namespace: String,
    #[serde(rename = "apiVersion")]
    api_version: String,
}

impl From<ObjectFieldTrigger> for TriggerReport {
    fn from(trigger: ObjectFieldTrigger) -> Self {
        Self {
            from: SourceReport {
                kind: trigger.from.kind,
                name: trigger.from.name,
                namespace: trigger.from.namespace,
                api_version: trigger.from.api_version,
            },
            field_path: trigger.field_path,
            paused: trigger.paused,
        }
    }
}

/// `jsonpath.trigger_parse_annotation`: `None` when the annotation is absent or `null`.
pub(crate) fn trigger_parse_annotation(
    a: &Args<'_>,
) -> Result<Option<Vec<TriggerReport>>, OpError> {
    let Some(value) = a.opt::<String>("value")? else {
        return Ok(None);
    };
    Ok(parse_trigger_annotation(&value)?
        .map(|triggers| triggers.into_iter().map(TriggerReport::from).collect()))
}

/// `jsonpath.trigger_serialize`.
pub(crate) fn trigger_serialize(a: &Args<'_>) -> Result<String, OpError> {
    Ok(serialize_triggers(
        &a.req::<Vec<ObjectFieldTrigger>>("triggers")?,
    ))
}

/// `jsonpath.trigger_container_for_field_path`'s result.
#[derive(Debug, Serialize)]
pub(crate) struct ContainerFound {
    name: String,
    image: String,
    remainder: String,
}

/// `jsonpath.trigger_container_for_field_path`.
pub(crate) fn trigger_container_for_field_path(a: &Args<'_>) -> Result<ContainerFound, OpError> {
    let found =
        container_for_field_path(&a.req::<Value>("object")?, &a.req::<String>("field_path")?)?;
    Ok(ContainerFound {
        name: found.name,
        image: found.image,
        remainder: found.remainder,
    })
}

/// `jsonpath.trigger_update_object`'s result: `{"updated": false}`, or the pod spec's
/// containers after the update and which of them changed.
#[derive(Debug, Serialize)]
pub(crate) struct TriggerUpdateReport {
    updated: bool,
    #[serde(rename = "initContainers", skip_serializing_if = "Option::is_none")]
    init_containers: Option<Vec<ContainerImage>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    containers: Option<Vec<ContainerImage>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    changed: Option<Vec<String>>,
}

/// `jsonpath.trigger_update_object`: `tags` maps `"<namespace>/<stream>:<tag>"` to the pull
/// spec the tag resolves to.
pub(crate) fn trigger_update_object(a: &Args<'_>) -> Result<TriggerUpdateReport, OpError> {
    let object: Value = a.req("object")?;
    let tags: BTreeMap<String, String> = a.req("tags")?;
    let update = apply_image_triggers(&object, &tags)?;
    let Some(updated) = update.object else {
        return Ok(TriggerUpdateReport {
            updated: false,
            init_containers: None,
            containers: None,
            changed: None,
        });
    };
    Ok(TriggerUpdateReport {
        updated: true,
        init_containers: Some(container_images(&updated, true)?),
        containers: Some(container_images(&updated, false)?),
        changed: Some(update.changed),
    })
}

/// `jsonpath.oc_set_triggers`.
pub(crate) fn oc_set_triggers(a: &Args<'_>) -> Result<OcSetTriggersOutcome, OpError> {
    let options = OcSetTriggersOptions {
        from_image: a.opt("from_image")?.unwrap_or_default(),
        containers: a.opt("containers")?.unwrap_or_default(),
        auto: a.opt("auto")?.unwrap_or(false),
        manual: a.opt("manual")?.unwrap_or(false),
        remove: a.opt("remove")?.unwrap_or(false),
        from_config: a.opt("from_config")?.unwrap_or(false),
        namespace: a.opt("namespace")?.unwrap_or_default(),
    };
    Ok(crate::imagestream::set_triggers::oc_set_triggers(
        &a.req::<Value>("object")?,
        &options,
    )?)
}

/// `jsonpath.resolve_all_names`.
pub(crate) fn resolve_all_names_op(a: &Args<'_>) -> Result<bool, OpError> {
    Ok(resolve_all_names(&a.req::<Value>("object")?))
}

/// `jsonpath.trigger_lint`'s result.
#[derive(Debug, Serialize)]
pub(crate) struct TriggerLintReport {
    findings: Vec<TriggerLintFinding>,
}

/// `jsonpath.trigger_lint`: the common mistakes in a workload's trigger annotation.
pub(crate) fn trigger_lint(a: &Args<'_>) -> Result<TriggerLintReport, OpError> {
    Ok(TriggerLintReport {
        findings: lint_triggers(&a.req::<Value>("object")?),
    })
}
