//! A linter for `image.openshift.io/triggers`: the mistakes that make a trigger silently
//! never fire, or make the controller's update fail, each named with what to write instead.
//!
//! Upstream reports these cases late and tersely (`no such container: …` once the tag moves,
//! a Go decoding error for `"paused": "false"`, or nothing at all), and the documented forms
//! are among them (jsonpath.md §12, §13). The conformance ops keep upstream's texts; this
//! linter is where the specific explanation lives.
//!
//! ```
//! use openshift_image::imagestream::trigger_lint::{TriggerLintKind, lint_triggers};
//! use serde_json::json;
//!
//! let deployment = json!({"apiVersion": "apps/v1", "kind": "Deployment",
//!     "metadata": {"annotations": {"image.openshift.io/triggers":
//!         r#"[{"from":{"kind":"ImageStreamTag","name":"web:latest"},"fieldPath":"spec.template.spec.containers[?(@.name=='web')].image"}]"#}},
//!     "spec": {"template": {"spec": {"containers": [{"name": "web", "image": "web"}]}}}});
//! let findings = lint_triggers(&deployment);
//! assert_eq!(findings[0].kind, TriggerLintKind::SingleQuotedSelector);
//! assert_eq!(findings[0].path, "triggers[0].fieldPath");
//! ```

use std::collections::HashSet;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::ImageStreamError;
use crate::imagestream::triggers::{TRIGGER_ANNOTATION, container_for_field_path, pod_spec_path};
use crate::template::lint::json_type;

/// What a [`TriggerLintFinding`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TriggerLintKind {
    /// The annotation is not a JSON array of trigger objects: no trigger of the object runs.
    InvalidAnnotation,
    /// `"paused"` is not a JSON boolean (the documented `"paused": "false"`): the whole
    /// annotation fails to decode.
    PausedNotBoolean,
    /// A member has the wrong JSON type (`fieldPath`, `from` or one of its members).
    WrongType,
    /// The selector is `[?(@.name=='web')]`: only `[?(@.name=="web")]` is recognised.
    SingleQuotedSelector,
    /// The selector has spaces (`[?(@.name == "web")]`): only the exact space-free form is
    /// recognised.
    SpacedSelector,
    /// Any other selector that is neither an index nor the exact name form.
    UnsupportedSelector,
    /// The selector names no container of the pod template.
    UnknownContainer,
    /// The field path does not start with the kind's pod spec path: the trigger is skipped.
    OutsidePodSpec,
    /// The field path does not end in a container's `image`.
    NotContainerImage,
    /// The object's kind has no pod template the triggers can update.
    NoPodSpec,
    /// Two triggers with the same `fieldPath`: the annotation is rejected.
    DuplicateFieldPath,
    /// `from.name` has no `:tag`: the controller never indexes the trigger.
    NameWithoutTag,
    /// `from.kind` is not `ImageStreamTag`, or `from.apiVersion` is set: the controller never
    /// indexes the trigger.
    NotImageStreamTag,
    /// The controller does not watch this kind (Pods, Jobs, ReplicaSets, ReplicationControllers
    /// …): the annotation is never acted on, although it is valid.
    KindNotWatched,
}

impl TriggerLintKind {
    /// The kind as its serialized snake_case name (`single_quoted_selector`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::InvalidAnnotation => "invalid_annotation",
            Self::PausedNotBoolean => "paused_not_boolean",
            Self::WrongType => "wrong_type",
            Self::SingleQuotedSelector => "single_quoted_selector",
            Self::SpacedSelector => "spaced_selector",
            Self::UnsupportedSelector => "unsupported_selector",
            Self::UnknownContainer => "unknown_container",
            Self::OutsidePodSpec => "outside_pod_spec",
            Self::NotContainerImage => "not_container_image",
            Self::NoPodSpec => "no_pod_spec",
            Self::DuplicateFieldPath => "duplicate_field_path",
            Self::NameWithoutTag => "name_without_tag",
            Self::NotImageStreamTag => "not_image_stream_tag",
            Self::KindNotWatched => "kind_not_watched",
        }
    }
}

/// One finding of [`lint_triggers`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TriggerLintFinding {
    /// What it is about.
    pub kind: TriggerLintKind,
    /// Where: `triggers` (the whole annotation), `triggers[1].fieldPath`,
    /// `triggers[0].from.name`, `kind`.
    pub path: String,
    /// What happens and what to write instead, for people.
    pub message: String,
}

/// The most triggers [`lint_triggers`] examines (further ones are not looked at).
pub const MAX_LINTED_TRIGGERS: usize = 10_000;

/// Kinds the trigger controller watches (jsonpath.md §10.5).
const WATCHED: &[(&str, &str)] = &[
    ("apps/v1", "Deployment"),
    ("apps/v1", "DaemonSet"),
    ("apps/v1", "StatefulSet"),
    ("batch/v1", "CronJob"),
];

/// The name selector the controller recognises: `?(@.name=="` NAME `")`.
const NAME_SELECTOR_PREFIX: &str = "?(@.name==\"";

/// Lints the triggers annotation of `object` (a workload as JSON); no annotation, no
/// findings. Findings come in annotation order.
#[must_use]
pub fn lint_triggers(object: &Value) -> Vec<TriggerLintFinding> {
    let mut findings = Vec::new();
    let Some(annotation) = object
        .pointer("/metadata/annotations")
        .and_then(|a| a.get(TRIGGER_ANNOTATION))
    else {
        return findings;
    };
    let mut push = |kind, path: &str, message: String| {
        findings.push(TriggerLintFinding {
            kind,
            path: path.to_owned(),
            message,
        });
    };
    let Value::String(text) = annotation else {
        push(
            TriggerLintKind::InvalidAnnotation,
            "triggers",
            format!("the {TRIGGER_ANNOTATION} annotation must be a string holding a JSON array"),
        );
        return findings;
    };
    let triggers = match serde_json::from_str::<Value>(text) {
        Ok(Value::Null) => return findings,
        Ok(Value::Array(triggers)) => triggers,
        Ok(other) => {
            push(
                TriggerLintKind::InvalidAnnotation,
                "triggers",
                format!(
                    "the annotation must be a JSON array of triggers, not {}; no trigger of this object runs",
                    json_type(&other)
                ),
            );
            return findings;
        }
        Err(err) => {
            push(
                TriggerLintKind::InvalidAnnotation,
                "triggers",
                format!("the annotation is not valid JSON ({err}); no trigger of this object runs"),
            );
            return findings;
        }
    };

    let pod_spec = match pod_spec_path(object) {
        Ok(path) => Some(path),
        Err(err) => {
            push(
                TriggerLintKind::NoPodSpec,
                "kind",
                format!("{err}: the triggers of this object can never update it"),
            );
            None
        }
    };
    if pod_spec.is_some() {
        let member = |m| object.get(m).and_then(Value::as_str).unwrap_or_default();
        let (api_version, kind) = (member("apiVersion"), member("kind"));
        if !WATCHED.contains(&(api_version, kind)) {
            push(
                TriggerLintKind::KindNotWatched,
                "kind",
                format!(
                    "the trigger controller does not watch {kind} ({api_version}); it acts on apps/v1 Deployments, DaemonSets, StatefulSets and batch/v1 CronJobs only"
                ),
            );
        }
    }

    let mut seen = HashSet::new();
    for (i, trigger) in triggers.iter().take(MAX_LINTED_TRIGGERS).enumerate() {
        let at = |member: &str| format!("triggers[{i}]{member}");
        let fields = match trigger {
            Value::Object(fields) => fields,
            Value::Null => continue,
            other => {
                push(
                    TriggerLintKind::InvalidAnnotation,
                    &at(""),
                    format!(
                        "a trigger must be an object, not {}; the annotation fails to decode",
                        json_type(other)
                    ),
                );
                continue;
            }
        };
        match go_member(fields, "paused") {
            None | Some(Value::Null | Value::Bool(_)) => {}
            Some(Value::String(s)) => push(
                TriggerLintKind::PausedNotBoolean,
                &at(".paused"),
                format!(
                    "\"paused\" is the string {s:?}: write the JSON boolean \"paused\": {} (unquoted); a string makes the whole annotation fail to decode",
                    if matches!(s.trim(), "true" | "True" | "TRUE" | "1") {
                        "true"
                    } else {
                        "false"
                    }
                ),
            ),
            Some(other) => push(
                TriggerLintKind::PausedNotBoolean,
                &at(".paused"),
                format!(
                    "\"paused\" must be a JSON boolean, not {}; the annotation fails to decode",
                    json_type(other)
                ),
            ),
        }
        let from = match go_member(fields, "from") {
            None | Some(Value::Null) => None,
            Some(Value::Object(from)) => Some(from),
            Some(other) => {
                push(
                    TriggerLintKind::WrongType,
                    &at(".from"),
                    format!(
                        "\"from\" must be an object {{\"kind\": \"ImageStreamTag\", \"name\": \"<stream>:<tag>\"}}, not {}",
                        json_type(other)
                    ),
                );
                None
            }
        };
        lint_source(from, &at(".from"), &mut push);
        let field_path = match go_member(fields, "fieldPath") {
            None | Some(Value::Null) => "",
            Some(Value::String(s)) => s.as_str(),
            Some(other) => {
                push(
                    TriggerLintKind::WrongType,
                    &at(".fieldPath"),
                    format!("\"fieldPath\" must be a string, not {}", json_type(other)),
                );
                continue;
            }
        };
        if !seen.insert(field_path) {
            push(
                TriggerLintKind::DuplicateFieldPath,
                &at(".fieldPath"),
                format!(
                    "another trigger has the same fieldPath {field_path:?}: the annotation is rejected (duplicate triggers are not allowed)"
                ),
            );
        }
        if let Some(path) = &pod_spec {
            lint_field_path(
                object,
                path.field_path,
                field_path,
                &at(".fieldPath"),
                &mut push,
            );
        }
    }
    findings
}

/// The checks of a trigger's `from`.
fn lint_source(
    from: Option<&Map<String, Value>>,
    at: &str,
    push: &mut impl FnMut(TriggerLintKind, &str, String),
) {
    let member = |name| {
        from.and_then(|from| go_member(from, name))
            .unwrap_or(&Value::Null)
    };
    for name in ["kind", "name", "namespace", "apiVersion"] {
        if !matches!(member(name), Value::Null | Value::String(_)) {
            push(
                TriggerLintKind::WrongType,
                &format!("{at}.{name}"),
                format!(
                    "\"{name}\" must be a string, not {}",
                    json_type(member(name))
                ),
            );
        }
    }
    let text = |name| member(name).as_str().unwrap_or_default();
    if text("kind") != "ImageStreamTag" {
        push(
            TriggerLintKind::NotImageStreamTag,
            &format!("{at}.kind"),
            format!(
                "from.kind is {:?}: the controller only follows \"ImageStreamTag\" sources",
                text("kind")
            ),
        );
    }
    if !text("apiVersion").is_empty() {
        push(
            TriggerLintKind::NotImageStreamTag,
            &format!("{at}.apiVersion"),
            format!(
                "from.apiVersion is {:?}: the controller only indexes triggers whose apiVersion is empty",
                text("apiVersion")
            ),
        );
    }
    if !text("name").contains(':') {
        push(
            TriggerLintKind::NameWithoutTag,
            &format!("{at}.name"),
            format!(
                "from.name {:?} has no tag: write \"<stream>:<tag>\" (e.g. \"{}:latest\"); without ':' the trigger never fires",
                text("name"),
                text("name")
            ),
        );
    }
}

/// The checks of a trigger's `fieldPath` against the object's pod spec at `prefix`.
fn lint_field_path(
    object: &Value,
    prefix: &str,
    field_path: &str,
    at: &str,
    push: &mut impl FnMut(TriggerLintKind, &str, String),
) {
    let Some(relative) = field_path
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix('.'))
    else {
        push(
            TriggerLintKind::OutsidePodSpec,
            at,
            format!(
                "{field_path:?} does not start with \"{prefix}.\", this kind's pod spec: the trigger is silently skipped"
            ),
        );
        return;
    };
    let selector = ["containers[", "initContainers["]
        .iter()
        .find_map(|list| relative.strip_prefix(list))
        .and_then(|rest| rest.split_once(']'))
        .map(|(selector, _)| selector);
    if let Some(selector) = selector
        && selector.starts_with("?(")
        && !is_exact_name_selector(selector)
    {
        let name = selector_name(selector);
        let (kind, what) = if selector.contains('\'') {
            (
                TriggerLintKind::SingleQuotedSelector,
                "a single-quoted name",
            )
        } else if selector.contains(char::is_whitespace) {
            (TriggerLintKind::SpacedSelector, "spaces")
        } else {
            (TriggerLintKind::UnsupportedSelector, "an unsupported form")
        };
        push(
            kind,
            at,
            format!(
                "the selector [{selector}] uses {what}; only the exact form [?(@.name==\"{name}\")] (double quotes, no spaces) or an index [0] selects a container, so once the tag resolves the update fails with \"no such container\""
            ),
        );
        return;
    }
    match container_for_field_path(object, field_path) {
        Ok(found) if found.remainder == "image" => {}
        Ok(found) => push(
            TriggerLintKind::NotContainerImage,
            at,
            format!(
                "the path continues with {:?} after the container; it must end in \".image\"",
                found.remainder
            ),
        ),
        Err(ImageStreamError::NoSuchContainer { selector }) => push(
            TriggerLintKind::UnknownContainer,
            at,
            format!("the pod template has no container [{selector}]"),
        ),
        Err(_) => push(
            TriggerLintKind::NotContainerImage,
            at,
            format!(
                "{field_path:?} does not name a container image: write \"{prefix}.containers[?(@.name==\\\"<name>\\\")].image\""
            ),
        ),
    }
}

/// Whether `selector` is exactly `?(@.name=="NAME")`.
fn is_exact_name_selector(selector: &str) -> bool {
    selector
        .strip_prefix(NAME_SELECTOR_PREFIX)
        .is_some_and(|rest| rest.ends_with("\")"))
}

/// The container name a malformed selector most likely means (`web` in `?(@.name == 'web')`).
fn selector_name(selector: &str) -> &str {
    let after = selector.split_once("==").map_or(selector, |(_, rest)| rest);
    after
        .trim_start_matches([' ', '\'', '"', '='])
        .trim_end_matches([' ', ')', '\'', '"'])
}

/// A member of a JSON object matched as Go's decoder does: exactly, else ASCII
/// case-insensitively.
fn go_member<'v>(fields: &'v Map<String, Value>, name: &str) -> Option<&'v Value> {
    fields.get(name).or_else(|| {
        fields
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn deployment(annotation: &str) -> Value {
        json!({
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "web", "annotations": {TRIGGER_ANNOTATION: annotation}},
            "spec": {"template": {"spec": {
                "containers": [{"name": "web", "image": "w"}],
                "initContainers": [{"name": "setup", "image": "s"}]}}}
        })
    }

    fn kinds(annotation: &str) -> Vec<(TriggerLintKind, String)> {
        lint_triggers(&deployment(annotation))
            .into_iter()
            .map(|f| (f.kind, f.path))
            .collect()
    }

    #[test]
    fn findings_by_mistake() {
        use TriggerLintKind as K;
        const GOOD_FROM: &str = r#""from":{"kind":"ImageStreamTag","name":"web:1"}"#;
        let cases: &[(&str, &[(TriggerLintKind, &str)])] = &[
            (
                r#"[{"from":{"kind":"ImageStreamTag","name":"web:1"},"fieldPath":"spec.template.spec.containers[?(@.name==\"web\")].image"}]"#,
                &[],
            ),
            ("null", &[]),
            ("{}", &[(K::InvalidAnnotation, "triggers")]),
            ("[", &[(K::InvalidAnnotation, "triggers")]),
            ("[5]", &[(K::InvalidAnnotation, "triggers[0]")]),
            (
                &format!(
                    r#"[{{{GOOD_FROM},"fieldPath":"spec.template.spec.containers[0].image","paused":"false"}}]"#
                ),
                &[(K::PausedNotBoolean, "triggers[0].paused")],
            ),
            (
                &format!(
                    r#"[{{{GOOD_FROM},"fieldPath":"spec.template.spec.containers[?(@.name=='web')].image"}}]"#
                ),
                &[(K::SingleQuotedSelector, "triggers[0].fieldPath")],
            ),
            (
                &format!(
                    r#"[{{{GOOD_FROM},"fieldPath":"spec.template.spec.containers[?(@.name == \"web\")].image"}}]"#
                ),
                &[(K::SpacedSelector, "triggers[0].fieldPath")],
            ),
            (
                &format!(
                    r#"[{{{GOOD_FROM},"fieldPath":"spec.template.spec.containers[?(@.name==\"nope\")].image"}}]"#
                ),
                &[(K::UnknownContainer, "triggers[0].fieldPath")],
            ),
            (
                &format!(r#"[{{{GOOD_FROM},"fieldPath":"spec.containers[0].image"}}]"#),
                &[(K::OutsidePodSpec, "triggers[0].fieldPath")],
            ),
            (
                &format!(r#"[{{{GOOD_FROM},"fieldPath":"spec.template.spec.containers[0].env"}}]"#),
                &[(K::NotContainerImage, "triggers[0].fieldPath")],
            ),
            (
                r#"[{"from":{"kind":"ImageStream","name":"web"},"fieldPath":"spec.template.spec.initContainers[0].image"}]"#,
                &[
                    (K::NotImageStreamTag, "triggers[0].from.kind"),
                    (K::NameWithoutTag, "triggers[0].from.name"),
                ],
            ),
            (
                &format!(
                    r#"[{{{GOOD_FROM},"fieldPath":"spec.template.spec.containers[0].image"}},{{{GOOD_FROM},"fieldPath":"spec.template.spec.containers[0].image"}}]"#
                ),
                &[(K::DuplicateFieldPath, "triggers[1].fieldPath")],
            ),
            (
                r#"[{"from":{"kind":"ImageStreamTag","name":5},"fieldPath":7}]"#,
                &[
                    (K::WrongType, "triggers[0].from.name"),
                    (K::NameWithoutTag, "triggers[0].from.name"),
                    (K::WrongType, "triggers[0].fieldPath"),
                ],
            ),
        ];
        for (annotation, want) in cases {
            let want: Vec<_> = want.iter().map(|(k, p)| (*k, (*p).to_owned())).collect();
            assert_eq!(kinds(annotation), want, "{annotation}");
        }
    }

    #[test]
    fn messages_say_what_to_write() {
        let findings = lint_triggers(&deployment(
            r#"[{"from":{"kind":"ImageStreamTag","name":"web:1"},"fieldPath":"spec.template.spec.containers[?(@.name=='web')].image","paused":"false"}]"#,
        ));
        assert!(
            findings[0].message.contains("\"paused\": false"),
            "{findings:?}"
        );
        assert!(
            findings[1].message.contains(r#"[?(@.name=="web")]"#),
            "{findings:?}"
        );
    }

    #[test]
    fn kind_names_match_serde() {
        use TriggerLintKind as K;
        for kind in [
            K::InvalidAnnotation,
            K::PausedNotBoolean,
            K::WrongType,
            K::SingleQuotedSelector,
            K::SpacedSelector,
            K::UnsupportedSelector,
            K::UnknownContainer,
            K::OutsidePodSpec,
            K::NotContainerImage,
            K::NoPodSpec,
            K::DuplicateFieldPath,
            K::NameWithoutTag,
            K::NotImageStreamTag,
            K::KindNotWatched,
        ] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
    }

    #[test]
    fn kinds_the_controller_ignores() {
        let mut pod = deployment("[]");
        pod["kind"] = json!("Pod");
        pod["apiVersion"] = json!("v1");
        let findings = lint_triggers(&pod);
        assert_eq!(findings[0].kind, TriggerLintKind::KindNotWatched);
        let mut config_map = pod.clone();
        config_map["kind"] = json!("ConfigMap");
        assert_eq!(
            lint_triggers(&config_map)[0].kind,
            TriggerLintKind::NoPodSpec
        );
        assert!(lint_triggers(&json!({"kind": "Deployment"})).is_empty());
        assert!(lint_triggers(&json!(null)).is_empty());
    }
}
