//! `oc set triggers` on an annotation-triggered workload as a pure function (jsonpath.md §10.5;
//! openshift/oc `pkg/cli/set/triggers.go`: `Complete` for `--from-image`, `Validate`,
//! `UpdateTriggersForObject` with the command's update function).
//!
//! [`OcSetTriggersOptions`] holds the flags; [`oc_set_triggers`] reads the object's current
//! triggers (`image.openshift.io/triggers` and, for a Deployment, `spec.paused`), applies the
//! command and answers the annotation it writes and a Deployment's new `spec.paused`
//! ([`OcSetTriggersOutcome`]); [`OcSetTriggersOutcome::apply`] writes them into the object.

use std::collections::{BTreeSet, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::triggers::{
    ObjectFieldTrigger, TRIGGER_ANNOTATION, TriggerSource, container_for_field_path,
    container_images, parse_trigger_annotation, pod_spec_path, serialize_triggers,
};
use crate::error::{ImageStreamError, ReferenceError};
use crate::reference::DockerImageReference;

/// The source kind `oc set triggers` writes in `from.kind`.
const IMAGE_STREAM_TAG: &str = "ImageStreamTag";

/// The flags of `oc set triggers` that change an annotation-triggered workload. Deserializes
/// from the conformance input's camelCase members (`fromImage`, `containers`, `auto`,
/// `manual`, `remove`, `fromConfig`, `namespace`), all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OcSetTriggersOptions {
    /// `--from-image`: an image stream tag, `[namespace/]stream:tag` (`""` = not given).
    pub from_image: String,
    /// `-c` / `--containers`: container names, comma-separated (`""` = none).
    pub containers: String,
    /// `--auto`.
    pub auto: bool,
    /// `--manual`.
    pub manual: bool,
    /// `--remove`.
    pub remove: bool,
    /// `--from-config`.
    pub from_config: bool,
    /// The current namespace (`-n` or the context's); `""` = the object's.
    pub namespace: String,
}

/// `strconv.ParseBool`.
fn parse_go_bool(value: &str) -> Option<bool> {
    match value {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// A flag `oc set triggers` takes here: its long name, shorthand and whether it is boolean.
const FLAGS: &[(&str, Option<char>, bool)] = &[
    ("from-image", None, false),
    ("containers", Some('c'), false),
    ("auto", None, true),
    ("manual", None, true),
    ("remove", None, true),
    ("from-config", None, true),
    ("namespace", Some('n'), false),
];

/// The most command-line words [`OcSetTriggersOptions::parse`] reads.
pub const MAX_ARGS: usize = 4096;

fn flag_error(message: String) -> OcSetTriggersError {
    OcSetTriggersError::Flag { message }
}

impl OcSetTriggersOptions {
    /// Sets flag `name` (a long name of [`FLAGS`]) to `value`.
    fn set(&mut self, name: &str, shown: &str, value: &str) -> Result<(), OcSetTriggersError> {
        let boolean = |value: &str| {
            parse_go_bool(value).ok_or_else(|| {
                flag_error(format!(
                    "invalid argument {} for {} flag: strconv.ParseBool: parsing {}: invalid syntax",
                    crate::gofmt::GoQuoted(value),
                    crate::gofmt::GoQuoted(shown),
                    crate::gofmt::GoQuoted(value)
                ))
            })
        };
        match name {
            "from-image" => value.clone_into(&mut self.from_image),
            "containers" => value.clone_into(&mut self.containers),
            "namespace" => value.clone_into(&mut self.namespace),
            "auto" => self.auto = boolean(value)?,
            "manual" => self.manual = boolean(value)?,
            "remove" => self.remove = boolean(value)?,
            _ => self.from_config = boolean(value)?,
        }
        Ok(())
    }

    /// Parses the words after `oc set triggers` as pflag does: `--flag=value`, `--flag value`,
    /// `-c value` / `-cvalue` / `-c=value`, boolean flags bare or with `=<strconv.ParseBool
    /// value>`, `--` ending the flags. Returns the options and the positional arguments (the
    /// object, e.g. `deployment/web`). Flags: `--from-image`, `-c` / `--containers`,
    /// `--auto`, `--manual`, `--remove`, `--from-config`, `-n` / `--namespace`; oc's other
    /// `set triggers` flags (webhooks, `--all`, selectors, output) are not modelled and are
    /// reported as unknown.
    ///
    /// ```
    /// use openshift_image::imagestream::set_triggers::OcSetTriggersOptions;
    ///
    /// let (options, args) = OcSetTriggersOptions::parse(
    ///     &["deploy/web", "--from-image=ruby:3.3", "-c", "web", "--manual"])?;
    /// assert_eq!((options.from_image.as_str(), options.containers.as_str()), ("ruby:3.3", "web"));
    /// assert!(options.manual && !options.auto);
    /// assert_eq!(args, ["deploy/web"]);
    /// # Ok::<(), openshift_image::imagestream::set_triggers::OcSetTriggersError>(())
    /// ```
    ///
    /// # Errors
    /// [`OcSetTriggersError::Flag`] with pflag's text: `unknown flag: --x`, `unknown shorthand
    /// flag: 'x' in -x`, `flag needs an argument: --from-image`, `flag needs an argument: 'c'
    /// in -c`, `bad flag syntax: ---x`, `invalid argument "x" for "--auto" flag: …`; more than
    /// [`MAX_ARGS`] words is reported as `too many arguments`.
    pub fn parse<A: AsRef<str>>(args: &[A]) -> Result<(Self, Vec<String>), OcSetTriggersError> {
        if args.len() > MAX_ARGS {
            return Err(flag_error("too many arguments".to_owned()));
        }
        let mut options = Self::default();
        let mut positional = Vec::new();
        let mut words = args.iter().map(AsRef::as_ref);
        while let Some(word) = words.next() {
            if word == "--" {
                positional.extend(words.by_ref().map(str::to_owned));
                break;
            }
            if let Some(long) = word.strip_prefix("--") {
                if long.starts_with('-') || long.starts_with('=') {
                    return Err(flag_error(format!("bad flag syntax: {word}")));
                }
                let (name, inline) = match long.split_once('=') {
                    Some((name, value)) => (name, Some(value)),
                    None => (long, None),
                };
                let normalized = name.replace('_', "-");
                let Some(&(flag, _, boolean)) = FLAGS.iter().find(|f| f.0 == normalized) else {
                    return Err(flag_error(format!("unknown flag: --{name}")));
                };
                let value = match (inline, boolean) {
                    (Some(value), _) => value,
                    (None, true) => "true",
                    (None, false) => words
                        .next()
                        .ok_or_else(|| flag_error(format!("flag needs an argument: {word}")))?,
                };
                options.set(flag, &format!("--{flag}"), value)?;
            } else if let Some(shorts) = word.strip_prefix('-').filter(|s| !s.is_empty()) {
                let mut rest = shorts;
                while let Some(c) = rest.chars().next() {
                    let after = rest.get(c.len_utf8()..).unwrap_or_default();
                    let Some(&(flag, short, boolean)) = FLAGS.iter().find(|f| f.1 == Some(c))
                    else {
                        return Err(flag_error(format!(
                            "unknown shorthand flag: {} in -{shorts}",
                            crate::gofmt::GoQuoted(c.encode_utf8(&mut [0; 4]))
                                .to_string()
                                .replacen('"', "'", 2)
                        )));
                    };
                    let shown = format!("-{}, --{flag}", short.unwrap_or(c));
                    if let Some(value) = after.strip_prefix('=') {
                        options.set(flag, &shown, value)?;
                        break;
                    }
                    if boolean {
                        options.set(flag, &shown, "true")?;
                        rest = after;
                        continue;
                    }
                    let value = if after.is_empty() {
                        words.next().ok_or_else(|| {
                            flag_error(format!("flag needs an argument: '{c}' in -{shorts}"))
                        })?
                    } else {
                        after
                    };
                    options.set(flag, &shown, value)?;
                    break;
                }
            } else {
                positional.push(word.to_owned());
            }
        }
        Ok((options, positional))
    }
}

/// What `oc set triggers` writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OcSetTriggersOutcome {
    /// The new value of `image.openshift.io/triggers` (the text `null` when no image trigger
    /// remains).
    pub annotation: String,
    /// A Deployment's `spec.paused` after the command; `None` for other kinds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paused: Option<bool>,
}

impl OcSetTriggersOutcome {
    /// Writes the outcome into `object`: the annotation into `metadata.annotations` and, for a
    /// Deployment, `spec.paused` (members are created as needed; a non-object member on the
    /// way is replaced by an object).
    pub fn apply(&self, object: &mut Value) {
        let annotations = child_object(child_object(object, "metadata"), "annotations");
        if let Some(map) = annotations.as_object_mut() {
            map.insert(
                TRIGGER_ANNOTATION.to_owned(),
                Value::String(self.annotation.clone()),
            );
        }
        if let Some(paused) = self.paused
            && let Some(spec) = child_object(object, "spec").as_object_mut()
        {
            spec.insert("paused".to_owned(), Value::Bool(paused));
        }
    }
}

/// `value[key]` as an object, created (or replaced when not an object) as needed.
fn child_object<'v>(value: &'v mut Value, key: &str) -> &'v mut Value {
    if !value.is_object() {
        *value = Value::Object(serde_json::Map::new());
    }
    let Value::Object(map) = value else {
        return value;
    };
    let child = map
        .entry(key.to_owned())
        .or_insert_with(|| Value::Object(serde_json::Map::new()));
    if !child.is_object() {
        *child = Value::Object(serde_json::Map::new());
    }
    child
}

/// The failures of `oc set triggers` (exact upstream texts).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OcSetTriggersError {
    /// The command line could not be parsed (pflag's text, then kubectl's hint).
    #[error("{message}\nSee 'oc set triggers --help' for usage.")]
    Flag {
        /// pflag's message (`unknown flag: --x`, `flag needs an argument: --from-image`, …).
        message: String,
    },
    /// `--from-image` does not parse as an image reference.
    #[error("the value of --from-image does not appear to be a valid reference to an image: {0}")]
    InvalidFromImage(ReferenceError),
    /// `--from-image` names a registry or an image ID.
    #[error("the value of --from-image must point to an image stream tag on this server")]
    FromImageNotLocal,
    /// `--from-image` has no tag.
    #[error("the value of --from-image must include the tag you wish to pull from")]
    FromImageWithoutTag,
    /// Both `--auto` and `--manual`.
    #[error("you must specify at most one of --auto or --manual")]
    AutoAndManual,
    /// `--remove` without a trigger type.
    #[error("--remove requires a flag defining a trigger type to be specified")]
    RemoveWithoutType,
    /// More than one trigger type.
    #[error("you may only set one trigger type at a time")]
    SeveralTypes,
    /// The object's kind takes no annotation triggers (Go type, e.g. `*v1.Job`).
    #[error("the object does not support triggers: {go_type}")]
    Unsupported {
        /// The Go type upstream prints, e.g. `*v1.Job`.
        go_type: String,
    },
    /// An image trigger without container names.
    #[error("you must specify --containers when setting --from-image")]
    NoContainers,
    /// Container names that are not in the pod template.
    #[error("not all container names exist: {} (accepts: {})", missing.join(", "), accepts.join(", "))]
    UnknownContainers {
        /// The missing names, sorted and unique.
        missing: Vec<String>,
        /// All container and init container names, sorted and unique.
        accepts: Vec<String>,
    },
    /// A container named by two triggers.
    #[error("only one trigger may reference each container: {name}")]
    ContainerReferencedTwice {
        /// The container name.
        name: String,
    },
    /// The existing annotation does not decode (the decoder's text), or has duplicate
    /// field paths.
    #[error(transparent)]
    Annotation(#[from] ImageStreamError),
}

impl OcSetTriggersError {
    /// A stable identifier of the variant (`imagestream.set_triggers.<snake>`, or the inner
    /// error's kind for [`Self::Annotation`]).
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::Flag { .. } => "imagestream.set_triggers.flag",
            Self::InvalidFromImage(_) => "imagestream.set_triggers.invalid_from_image",
            Self::FromImageNotLocal => "imagestream.set_triggers.from_image_not_local",
            Self::FromImageWithoutTag => "imagestream.set_triggers.from_image_without_tag",
            Self::AutoAndManual => "imagestream.set_triggers.auto_and_manual",
            Self::RemoveWithoutType => "imagestream.set_triggers.remove_without_type",
            Self::SeveralTypes => "imagestream.set_triggers.several_types",
            Self::Unsupported { .. } => "imagestream.set_triggers.unsupported",
            Self::NoContainers => "imagestream.set_triggers.no_containers",
            Self::UnknownContainers { .. } => "imagestream.set_triggers.unknown_containers",
            Self::ContainerReferencedTwice { .. } => {
                "imagestream.set_triggers.container_referenced_twice"
            }
            Self::Annotation(inner) => inner.kind(),
        }
    }
}

/// One image change trigger as oc's `ImageChangeTrigger` holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ImageTrigger {
    /// `stream:tag`.
    from: String,
    /// `""` = the object's namespace.
    namespace: String,
    /// Container names.
    names: Vec<String>,
    /// Not paused.
    auto: bool,
}

/// The `--from-image` source after `Complete`: name and namespace (`""` = the current one).
fn complete_from_image(
    from_image: &str,
    current_namespace: &str,
) -> Result<(String, String), OcSetTriggersError> {
    let reference =
        DockerImageReference::parse(from_image).map_err(OcSetTriggersError::InvalidFromImage)?;
    if !reference.registry.is_empty() || !reference.id.is_empty() {
        return Err(OcSetTriggersError::FromImageNotLocal);
    }
    if reference.tag.is_empty() {
        return Err(OcSetTriggersError::FromImageWithoutTag);
    }
    let namespace = if reference.namespace == current_namespace {
        String::new()
    } else {
        reference.namespace.clone()
    };
    Ok((reference.name_string(), namespace))
}

/// The Go type the "not supported" error prints: `*<version>.<Kind>`.
fn go_type(object: &Value) -> String {
    let member = |m| object.get(m).and_then(Value::as_str).unwrap_or_default();
    let api_version = member("apiVersion");
    let version = api_version
        .rsplit_once('/')
        .map_or(api_version, |(_, version)| version);
    format!("*{version}.{}", member("kind"))
}

/// Runs `oc set triggers` with `options` against `object` (a workload as JSON) and answers
/// what it writes (apply it with [`OcSetTriggersOutcome::apply`]).
///
/// Supported kinds: `DaemonSet`, `Deployment`, `StatefulSet`, `CronJob` (any group/version).
/// Existing triggers are kept when their `fieldPath` names a container's `image`, rewritten
/// in the `containers[?(@.name=="…")].image` form; others are dropped.
///
/// ```
/// use openshift_image::imagestream::set_triggers::{OcSetTriggersOptions, oc_set_triggers};
/// use serde_json::json;
///
/// let deployment = json!({"apiVersion": "apps/v1", "kind": "Deployment",
///     "metadata": {"name": "web", "namespace": "shop"},
///     "spec": {"template": {"spec": {"containers": [{"name": "ruby", "image": "ruby:1"}]}}}});
/// let options = OcSetTriggersOptions {
///     from_image: "ruby:3.3".into(),
///     containers: "ruby".into(),
///     manual: true,
///     ..Default::default()
/// };
/// let outcome = oc_set_triggers(&deployment, &options)?;
/// assert_eq!(
///     outcome.annotation,
///     r#"[{"from":{"kind":"ImageStreamTag","name":"ruby:3.3"},"fieldPath":"spec.template.spec.containers[?(@.name==\"ruby\")].image","paused":true}]"#
/// );
/// assert_eq!(outcome.paused, Some(false));
/// # Ok::<(), openshift_image::imagestream::set_triggers::OcSetTriggersError>(())
/// ```
///
/// # Errors
/// [`OcSetTriggersError`], in upstream's order: `--from-image` checks, flag combinations,
/// unsupported kind, an undecodable annotation, then the per-trigger container checks.
pub fn oc_set_triggers(
    object: &Value,
    options: &OcSetTriggersOptions,
) -> Result<OcSetTriggersOutcome, OcSetTriggersError> {
    let member = |m| object.get(m).and_then(Value::as_str).unwrap_or_default();
    let object_namespace = object
        .get("metadata")
        .and_then(|m| m.get("namespace"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    let current_namespace = if options.namespace.is_empty() {
        object_namespace
    } else {
        options.namespace.as_str()
    };

    // Complete.
    let from_image = if options.from_image.is_empty() {
        None
    } else {
        Some(complete_from_image(&options.from_image, current_namespace)?)
    };

    // Validate.
    let count = usize::from(options.from_config) + usize::from(from_image.is_some());
    let reset = count == 0 && (options.auto || options.manual);
    let auto = options.auto || (count > 0 && !options.remove && !options.manual);
    if options.auto && options.manual {
        return Err(OcSetTriggersError::AutoAndManual);
    }
    if options.remove && count == 0 {
        return Err(OcSetTriggersError::RemoveWithoutType);
    }
    if count > 1 {
        return Err(OcSetTriggersError::SeveralTypes);
    }

    let kind = member("kind");
    if !matches!(kind, "DaemonSet" | "Deployment" | "StatefulSet" | "CronJob") {
        return Err(OcSetTriggersError::Unsupported {
            go_type: go_type(object),
        });
    }
    let deployment = kind == "Deployment";
    let path = pod_spec_path(object)?;

    // Read the current state.
    let mut config_change = !deployment
        || !object
            .get("spec")
            .and_then(|s| s.get("paused"))
            .and_then(Value::as_bool)
            .unwrap_or(false);
    let annotation = object
        .get("metadata")
        .and_then(|m| m.get("annotations"))
        .and_then(|a| a.get(TRIGGER_ANNOTATION))
        .and_then(Value::as_str);
    let mut triggers = Vec::new();
    if let Some(annotation) = annotation {
        for existing in parse_trigger_annotation(annotation)?.unwrap_or_default() {
            let Ok(found) = container_for_field_path(object, &existing.field_path) else {
                continue;
            };
            if found.remainder != "image" {
                continue;
            }
            let namespace = if existing.from.namespace == object_namespace {
                String::new()
            } else {
                existing.from.namespace
            };
            triggers.push(ImageTrigger {
                from: existing.from.name,
                namespace,
                names: vec![found.name],
                auto: !existing.paused,
            });
        }
    }

    // Update.
    if options.remove {
        if options.from_config {
            config_change = false;
        }
        if let Some((name, _)) = &from_image {
            triggers.retain(|t| t.from != *name);
        }
    } else if reset {
        config_change = auto;
        for trigger in &mut triggers {
            trigger.auto = auto;
        }
    } else {
        if options.from_config {
            config_change = true;
        }
        if let Some((name, namespace)) = from_image {
            let names: Vec<String> = if options.containers.is_empty() {
                Vec::new()
            } else {
                options.containers.split(',').map(str::to_owned).collect()
            };
            let auto = !options.manual;
            if let Some(existing) = triggers
                .iter_mut()
                .find(|t| t.from == name && t.namespace == namespace)
            {
                existing.auto = auto;
                existing.names = names;
            } else {
                triggers.push(ImageTrigger {
                    from: name,
                    namespace,
                    names,
                    auto,
                });
            }
        }
    }

    // Write.
    let mut all_names: BTreeSet<String> = BTreeSet::new();
    for init in [false, true] {
        all_names.extend(container_images(object, init)?.into_iter().map(|c| c.name));
    }
    let mut used: HashSet<String> = HashSet::new();
    let mut entries = Vec::new();
    for trigger in &triggers {
        if trigger.names.is_empty() {
            return Err(OcSetTriggersError::NoContainers);
        }
        let missing: BTreeSet<&String> = trigger
            .names
            .iter()
            .filter(|n| !all_names.contains(*n))
            .collect();
        if !missing.is_empty() {
            return Err(OcSetTriggersError::UnknownContainers {
                missing: missing.into_iter().cloned().collect(),
                accepts: all_names.into_iter().collect(),
            });
        }
        if let Some(name) = trigger.names.iter().find(|n| used.contains(*n)) {
            return Err(OcSetTriggersError::ContainerReferencedTwice { name: name.clone() });
        }
        for name in &trigger.names {
            let namespace = if trigger.namespace == object_namespace {
                String::new()
            } else {
                trigger.namespace.clone()
            };
            entries.push(ObjectFieldTrigger {
                from: TriggerSource {
                    kind: IMAGE_STREAM_TAG.to_owned(),
                    name: trigger.from.clone(),
                    namespace,
                    api_version: String::new(),
                },
                field_path: format!(
                    "{}.containers[?(@.name==\"{name}\")].image",
                    path.field_path
                ),
                paused: !trigger.auto,
            });
        }
        used.extend(trigger.names.iter().cloned());
    }
    let annotation = if entries.is_empty() {
        "null".to_owned()
    } else {
        serialize_triggers(&entries)
    };
    Ok(OcSetTriggersOutcome {
        annotation,
        paused: deployment.then_some(!config_change),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn deployment(annotation: Option<&str>, paused: bool) -> Value {
        let mut object = json!({"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "x", "namespace": "shop"},
            "spec": {"paused": paused, "template": {"spec": {
                "containers": [{"name": "ruby", "image": "r:1"}, {"name": "proxy", "image": "p:1"}],
                "initContainers": [{"name": "init", "image": "i:1"}]}}}});
        if let Some(annotation) = annotation {
            object["metadata"]["annotations"] = json!({TRIGGER_ANNOTATION: annotation});
        }
        object
    }

    fn opts(from_image: &str, containers: &str) -> OcSetTriggersOptions {
        OcSetTriggersOptions {
            from_image: from_image.into(),
            containers: containers.into(),
            ..Default::default()
        }
    }

    const RUBY: &str = r#"[{"from":{"kind":"ImageStreamTag","name":"ruby:3.3"},"fieldPath":"spec.template.spec.containers[?(@.name==\"ruby\")].image"}]"#;

    #[test]
    fn outcomes() {
        let existing = r#"[{"from":{"kind":"ImageStreamTag","name":"proxy:1","namespace":"images"},"fieldPath":"spec.template.spec.containers[1].image","paused":true},{"from":{"kind":"ImageStreamTag","name":"e:1"},"fieldPath":"spec.template.spec.containers[0].env"}]"#;
        let proxy = r#"[{"from":{"kind":"ImageStreamTag","name":"proxy:1","namespace":"images"},"fieldPath":"spec.template.spec.containers[?(@.name==\"proxy\")].image"}]"#;
        let cases: Vec<(&str, Value, OcSetTriggersOptions, &str, Option<bool>)> = vec![
            (
                "from image",
                deployment(None, false),
                opts("ruby:3.3", "ruby"),
                RUBY,
                Some(false),
            ),
            (
                "same ns",
                deployment(None, true),
                opts("shop/ruby:3.3", "ruby"),
                RUBY,
                Some(true),
            ),
            (
                "from config",
                deployment(None, true),
                OcSetTriggersOptions {
                    from_config: true,
                    ..Default::default()
                },
                "null",
                Some(false),
            ),
            (
                "manual reset",
                deployment(None, false),
                OcSetTriggersOptions {
                    manual: true,
                    ..Default::default()
                },
                "null",
                Some(true),
            ),
            (
                "auto reset rewrites",
                deployment(Some(existing), false),
                OcSetTriggersOptions {
                    auto: true,
                    ..Default::default()
                },
                proxy,
                Some(false),
            ),
        ];
        for (name, object, options, annotation, paused) in cases {
            let outcome =
                oc_set_triggers(&object, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(outcome.annotation, annotation, "{name}");
            assert_eq!(outcome.paused, paused, "{name}");
        }
    }

    #[test]
    fn errors() {
        let job = json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {}});
        let cases: Vec<(&str, Value, OcSetTriggersOptions, &str)> = vec![
            (
                "no tag",
                deployment(None, false),
                opts("ruby", "ruby"),
                "the value of --from-image must include the tag you wish to pull from",
            ),
            (
                "registry",
                deployment(None, false),
                opts("quay.io/a/ruby:1", "ruby"),
                "the value of --from-image must point to an image stream tag on this server",
            ),
            (
                "no containers",
                deployment(None, false),
                opts("ruby:1", ""),
                "you must specify --containers when setting --from-image",
            ),
            (
                "unknown",
                deployment(None, false),
                opts("ruby:1", "zzz,ruby,nope"),
                "not all container names exist: nope, zzz (accepts: init, proxy, ruby)",
            ),
            (
                "empty name",
                deployment(None, false),
                opts("ruby:1", ","),
                "not all container names exist:  (accepts: init, proxy, ruby)",
            ),
            (
                "job",
                job,
                opts("ruby:1", "ruby"),
                "the object does not support triggers: *v1.Job",
            ),
            (
                "auto and manual",
                deployment(None, false),
                OcSetTriggersOptions {
                    auto: true,
                    manual: true,
                    ..opts("ruby:1", "ruby")
                },
                "you must specify at most one of --auto or --manual",
            ),
            (
                "remove",
                deployment(None, false),
                OcSetTriggersOptions {
                    remove: true,
                    ..Default::default()
                },
                "--remove requires a flag defining a trigger type to be specified",
            ),
            (
                "two types",
                deployment(None, false),
                OcSetTriggersOptions {
                    from_config: true,
                    ..opts("ruby:1", "ruby")
                },
                "you may only set one trigger type at a time",
            ),
        ];
        for (name, object, options, message) in cases {
            let err = oc_set_triggers(&object, &options).err();
            assert_eq!(
                err.map(|e| e.to_string()).as_deref(),
                Some(message),
                "{name}"
            );
        }
    }

    #[test]
    fn parse_flags() {
        let ok: Vec<(Vec<&str>, OcSetTriggersOptions, Vec<&str>)> = vec![
            (
                vec![
                    "d/x",
                    "--from-image",
                    "ruby:1",
                    "-cweb,db",
                    "--auto=false",
                    "--manual",
                ],
                OcSetTriggersOptions {
                    manual: true,
                    ..opts("ruby:1", "web,db")
                },
                vec!["d/x"],
            ),
            (
                vec!["--from_config", "-n=ns", "--", "--remove"],
                OcSetTriggersOptions {
                    from_config: true,
                    namespace: "ns".into(),
                    ..Default::default()
                },
                vec!["--remove"],
            ),
            (vec!["-c", "a", "x"], opts("", "a"), vec!["x"]),
        ];
        for (args, want, positional) in ok {
            let got = OcSetTriggersOptions::parse(&args);
            assert_eq!(
                got.ok(),
                Some((want, positional.iter().map(|s| (*s).to_owned()).collect())),
                "{args:?}"
            );
        }
        let bad: Vec<(Vec<&str>, &str)> = vec![
            (vec!["--nope"], "unknown flag: --nope"),
            (vec!["-x"], "unknown shorthand flag: 'x' in -x"),
            (vec!["--from-image"], "flag needs an argument: --from-image"),
            (vec!["-c"], "flag needs an argument: 'c' in -c"),
            (vec!["---x"], "bad flag syntax: ---x"),
            (
                vec!["--auto=maybe"],
                r#"invalid argument "maybe" for "--auto" flag: strconv.ParseBool: parsing "maybe": invalid syntax"#,
            ),
        ];
        for (args, message) in bad {
            let err = OcSetTriggersOptions::parse(&args).err();
            let want = format!("{message}\nSee 'oc set triggers --help' for usage.");
            assert_eq!(err.map(|e| e.to_string()), Some(want), "{args:?}");
        }
    }

    #[test]
    fn apply_writes_members() {
        let mut object = json!({"kind": "Deployment"});
        OcSetTriggersOutcome {
            annotation: "null".into(),
            paused: Some(true),
        }
        .apply(&mut object);
        assert_eq!(
            object["metadata"]["annotations"][TRIGGER_ANNOTATION],
            "null"
        );
        assert_eq!(object["spec"]["paused"], true);
    }
}
