//! Mirror-set objects (`mirrors.md` §2.1–§2.3, §7): ImageContentSourcePolicy,
//! ImageDigestMirrorSet and ImageTagMirrorSet in their API JSON form, the general object reader
//! (YAML or JSON, multi-document, lists), the normalised [`Rule`]s with their origins, the
//! `image.config.openshift.io` registry sources, the API patterns and the MCO's checks.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::MirrorError;
use crate::reference::{
    MirrorSetEntry, MirrorSourcePolicy, RegistriesConfScopes, is_valid_mirror,
    is_valid_mirror_source,
};

/// Largest text [`read_mirror_sets`] accepts, in bytes.
pub const MAX_INPUT_BYTES: usize = 16 << 20;

/// Most objects (documents and list items together) [`read_mirror_sets`] accepts.
pub const MAX_OBJECTS: usize = 100_000;

/// Deserializes `null` as the type's default, as Go's decoder leaves a nil slice or an empty
/// string.
fn null_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// The part of `metadata` the library uses.
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq, Eq)]
pub struct ObjectMeta {
    /// `metadata.name`.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
}

/// One `repositoryDigestMirrors` entry of an ImageContentSourcePolicy.
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq, Eq)]
pub struct RepositoryDigestMirrors {
    /// The mirrored repository.
    #[serde(default, deserialize_with = "null_default")]
    pub source: String,
    /// The mirrors, in order (duplicates kept).
    #[serde(default, deserialize_with = "null_default")]
    pub mirrors: Vec<String>,
}

/// `ImageContentSourcePolicy.spec`.
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ImageContentSourcePolicySpec {
    /// `spec.repositoryDigestMirrors`.
    #[serde(default, deserialize_with = "null_default")]
    pub repository_digest_mirrors: Vec<RepositoryDigestMirrors>,
}

/// An `operator.openshift.io/v1alpha1` ImageContentSourcePolicy (unknown fields ignored).
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ImageContentSourcePolicy {
    /// `apiVersion`.
    #[serde(default, deserialize_with = "null_default")]
    pub api_version: String,
    /// `kind`.
    #[serde(default, deserialize_with = "null_default")]
    pub kind: String,
    /// `metadata`.
    #[serde(default, deserialize_with = "null_default")]
    pub metadata: ObjectMeta,
    /// `spec`.
    #[serde(default, deserialize_with = "null_default")]
    pub spec: ImageContentSourcePolicySpec,
}

/// One `imageDigestMirrors` / `imageTagMirrors` entry of an IDMS / ITMS.
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ImageMirrors {
    /// The mirrored scope.
    #[serde(default, deserialize_with = "null_default")]
    pub source: String,
    /// The mirrors, in order.
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub mirrors: Vec<String>,
    /// `mirrorSourcePolicy` (`""` = unset = `AllowContactingSource`).
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "is_unset"
    )]
    pub mirror_source_policy: MirrorSourcePolicy,
}

fn is_unset(policy: &MirrorSourcePolicy) -> bool {
    *policy == MirrorSourcePolicy::Unset
}

/// `ImageDigestMirrorSet.spec`.
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ImageDigestMirrorSetSpec {
    /// `spec.imageDigestMirrors`.
    #[serde(default, deserialize_with = "null_default")]
    pub image_digest_mirrors: Vec<ImageMirrors>,
}

/// A `config.openshift.io/v1` ImageDigestMirrorSet (unknown fields, `status`, ignored).
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ImageDigestMirrorSet {
    /// `apiVersion`.
    #[serde(default, deserialize_with = "null_default")]
    pub api_version: String,
    /// `kind`.
    #[serde(default, deserialize_with = "null_default")]
    pub kind: String,
    /// `metadata`.
    #[serde(default, deserialize_with = "null_default")]
    pub metadata: ObjectMeta,
    /// `spec`.
    #[serde(default, deserialize_with = "null_default")]
    pub spec: ImageDigestMirrorSetSpec,
}

/// `ImageTagMirrorSet.spec`.
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ImageTagMirrorSetSpec {
    /// `spec.imageTagMirrors`.
    #[serde(default, deserialize_with = "null_default")]
    pub image_tag_mirrors: Vec<ImageMirrors>,
}

/// A `config.openshift.io/v1` ImageTagMirrorSet (unknown fields, `status`, ignored).
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ImageTagMirrorSet {
    /// `apiVersion`.
    #[serde(default, deserialize_with = "null_default")]
    pub api_version: String,
    /// `kind`.
    #[serde(default, deserialize_with = "null_default")]
    pub kind: String,
    /// `metadata`.
    #[serde(default, deserialize_with = "null_default")]
    pub metadata: ObjectMeta,
    /// `spec`.
    #[serde(default, deserialize_with = "null_default")]
    pub spec: ImageTagMirrorSetSpec,
}

/// `image.config.openshift.io` `spec.registrySources`. Every list keeps "absent" (`None`, also
/// for JSON `null`) apart from "present but empty" (`Some([])`): the MCO's decisions depend on
/// it (`mirrors.md` §2.3, §8.1).
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RegistrySources {
    /// `insecureRegistries`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insecure_registries: Option<Vec<String>>,
    /// `blockedRegistries`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocked_registries: Option<Vec<String>>,
    /// `allowedRegistries`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_registries: Option<Vec<String>>,
    /// `containerRuntimeSearchRegistries`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_runtime_search_registries: Option<Vec<String>>,
}

/// `image.config.openshift.io` `Image.spec` (only `registrySources`; other fields ignored).
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ImageSpec {
    /// `spec.registrySources`.
    #[serde(default, deserialize_with = "null_default")]
    pub registry_sources: RegistrySources,
}

/// The mirror-set objects of a cluster, each kind in the order given.
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq, Eq)]
pub struct MirrorSets {
    /// ImageContentSourcePolicy objects.
    #[serde(default, deserialize_with = "null_default")]
    pub icsps: Vec<ImageContentSourcePolicy>,
    /// ImageDigestMirrorSet objects.
    #[serde(default, deserialize_with = "null_default")]
    pub idmss: Vec<ImageDigestMirrorSet>,
    /// ImageTagMirrorSet objects.
    #[serde(default, deserialize_with = "null_default")]
    pub itmss: Vec<ImageTagMirrorSet>,
}

/// Which pulls a rule's mirrors serve.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum RuleSet {
    /// Digest pulls (ICSP and IDMS entries).
    Digest,
    /// Tag pulls (ITMS entries).
    Tag,
}

/// The kind of object a rule comes from.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ObjectKind {
    /// An ImageContentSourcePolicy.
    ImageContentSourcePolicy,
    /// An ImageDigestMirrorSet.
    ImageDigestMirrorSet,
    /// An ImageTagMirrorSet.
    ImageTagMirrorSet,
}

impl ObjectKind {
    /// The API kind name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::ImageContentSourcePolicy => "ImageContentSourcePolicy",
            Self::ImageDigestMirrorSet => "ImageDigestMirrorSet",
            Self::ImageTagMirrorSet => "ImageTagMirrorSet",
        }
    }
}

impl fmt::Display for ObjectKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a rule comes from.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Origin {
    /// The object's kind.
    pub kind: ObjectKind,
    /// The object's `metadata.name`.
    pub name: String,
    /// The object's index among the objects of its kind.
    pub object_index: usize,
    /// The entry's index in the object's list.
    pub entry_index: usize,
}

/// One mirror-set entry, normalised (`mirrors.md` §2.1).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Rule {
    /// Digest (ICSP, IDMS) or tag (ITMS).
    pub set: RuleSet,
    /// Where it comes from.
    pub origin: Origin,
    /// The mirrored scope.
    pub source: String,
    /// The mirrors, order and duplicates kept.
    pub mirrors: Vec<String>,
    /// The policy as written ([`MirrorSourcePolicy::Unset`] for ICSP entries).
    pub policy: MirrorSourcePolicy,
}

impl Rule {
    /// Where the rule is written, in the path syntax of `mirrors.md` §13:
    /// `<Kind>/<name>.spec.<list>[<i>]` (`<Kind>#<k>` for an object without a name).
    #[must_use]
    pub fn path(&self) -> String {
        let list = match self.origin.kind {
            ObjectKind::ImageContentSourcePolicy => "repositoryDigestMirrors",
            ObjectKind::ImageDigestMirrorSet => "imageDigestMirrors",
            ObjectKind::ImageTagMirrorSet => "imageTagMirrors",
        };
        let object = if self.origin.name.is_empty() {
            format!("{}#{}", self.origin.kind, self.origin.object_index)
        } else {
            format!("{}/{}", self.origin.kind, self.origin.name)
        };
        format!("{object}.spec.{list}[{}]", self.origin.entry_index)
    }
}

impl MirrorSets {
    /// Whether no object of any kind exists (objects without entries count as objects).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.icsps.is_empty() && self.idmss.is_empty() && self.itmss.is_empty()
    }

    /// The digest rules in the MCO's order: IDMS entries (object order, entry order), then ICSP
    /// entries (policy unset).
    pub fn digest_rules(&self) -> impl Iterator<Item = Rule> + '_ {
        let idms = self.idmss.iter().enumerate().flat_map(|(oi, o)| {
            o.spec
                .image_digest_mirrors
                .iter()
                .enumerate()
                .map(move |(ei, e)| {
                    image_rule(
                        RuleSet::Digest,
                        ObjectKind::ImageDigestMirrorSet,
                        &o.metadata,
                        oi,
                        ei,
                        e,
                    )
                })
        });
        let icsp = self.icsps.iter().enumerate().flat_map(|(oi, o)| {
            o.spec
                .repository_digest_mirrors
                .iter()
                .enumerate()
                .map(move |(ei, e)| Rule {
                    set: RuleSet::Digest,
                    origin: Origin {
                        kind: ObjectKind::ImageContentSourcePolicy,
                        name: o.metadata.name.clone(),
                        object_index: oi,
                        entry_index: ei,
                    },
                    source: e.source.clone(),
                    mirrors: e.mirrors.clone(),
                    policy: MirrorSourcePolicy::Unset,
                })
        });
        idms.chain(icsp)
    }

    /// The tag rules: ITMS entries (object order, entry order).
    pub fn tag_rules(&self) -> impl Iterator<Item = Rule> + '_ {
        self.itmss.iter().enumerate().flat_map(|(oi, o)| {
            o.spec
                .image_tag_mirrors
                .iter()
                .enumerate()
                .map(move |(ei, e)| {
                    image_rule(
                        RuleSet::Tag,
                        ObjectKind::ImageTagMirrorSet,
                        &o.metadata,
                        oi,
                        ei,
                        e,
                    )
                })
        })
    }

    /// Every rule: digest rules, then tag rules.
    #[must_use]
    pub fn rules(&self) -> Vec<Rule> {
        self.digest_rules().chain(self.tag_rules()).collect()
    }

    /// The objects in the shape of [`validate_registries_conf_scopes`](crate::validate_registries_conf_scopes)
    /// (references.md §11.2), with the given scope lists.
    #[must_use]
    pub fn scopes(
        &self,
        insecure: &[String],
        blocked: &[String],
        allowed: &[String],
    ) -> RegistriesConfScopes {
        let entries = |list: &[ImageMirrors]| -> Vec<MirrorSetEntry> {
            list.iter()
                .map(|e| MirrorSetEntry {
                    source: e.source.clone(),
                    mirrors: e.mirrors.clone(),
                    mirror_source_policy: e.mirror_source_policy.clone(),
                })
                .collect()
        };
        RegistriesConfScopes {
            insecure: insecure.to_vec(),
            blocked: blocked.to_vec(),
            allowed: allowed.to_vec(),
            idms: self
                .idmss
                .iter()
                .map(|o| entries(&o.spec.image_digest_mirrors))
                .collect(),
            icsp: self
                .icsps
                .iter()
                .map(|o| {
                    o.spec
                        .repository_digest_mirrors
                        .iter()
                        .map(|e| MirrorSetEntry {
                            source: e.source.clone(),
                            mirrors: e.mirrors.clone(),
                            mirror_source_policy: MirrorSourcePolicy::Unset,
                        })
                        .collect()
                })
                .collect(),
            itms: self
                .itmss
                .iter()
                .map(|o| entries(&o.spec.image_tag_mirrors))
                .collect(),
        }
    }
}

fn image_rule(
    set: RuleSet,
    kind: ObjectKind,
    meta: &ObjectMeta,
    object_index: usize,
    entry_index: usize,
    e: &ImageMirrors,
) -> Rule {
    Rule {
        set,
        origin: Origin {
            kind,
            name: meta.name.clone(),
            object_index,
            entry_index,
        },
        source: e.source.clone(),
        mirrors: e.mirrors.clone(),
        policy: e.mirror_source_policy.clone(),
    }
}

/// Which CRD pattern [`api_pattern`] applies.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum PatternKind {
    /// The `source` field's pattern (`*.domain` or a mirror).
    Source,
    /// The `mirrors` items' pattern.
    Mirror,
}

/// Whether `value` matches the IDMS / ITMS CRD pattern of the field `kind` (`mirrors.md` §7.1;
/// the MCO's `sourceRegex` / `mirrorRegex` are the same patterns). Hand-written matchers:
/// [`is_valid_mirror_source`], [`is_valid_mirror`].
///
/// ```
/// use openshift_image::mirror::sets::{api_pattern, PatternKind};
/// assert!(api_pattern(PatternKind::Source, "*.example.com"));
/// assert!(!api_pattern(PatternKind::Mirror, "*.example.com"));
/// assert!(api_pattern(PatternKind::Mirror, "Quay.IO/ns/app"));
/// assert!(!api_pattern(PatternKind::Mirror, "quay.io/NS"));
/// ```
#[must_use]
pub fn api_pattern(kind: PatternKind, value: &str) -> bool {
    match kind {
        PatternKind::Source => is_valid_mirror_source(value),
        PatternKind::Mirror => is_valid_mirror(value),
    }
}

/// MCO `validateRegistriesConfScopes` (`mirrors.md` §7.2): the insecure, blocked and allowed
/// scopes, then every IDMS entry, every ICSP entry (policy unset) and every ITMS entry, in the
/// order given; the first error wins. Callers should sort objects by name for a stable first
/// error (the MCO's informer order is not defined).
///
/// # Errors
/// [`MirrorError::InvalidMirrorSet`] with upstream's text.
///
/// ```
/// use openshift_image::mirror::sets::{validate_registries_conf_scopes, MirrorSets};
/// let sets: MirrorSets = serde_json::from_str(r#"{"idmss": [{"spec": {"imageDigestMirrors": [
///     {"source": "quay.io/ns", "mirrors": ["quay.io/ns"], "mirrorSourcePolicy": "NeverContactSource"}]}}]}"#)?;
/// let err = validate_registries_conf_scopes(&[], &[], &[], &sets).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     r#"cannot set mirrorSourcePolicy: NeverContactSource if the source "quay.io/ns" is one of the mirrors"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn validate_registries_conf_scopes(
    insecure: &[String],
    blocked: &[String],
    allowed: &[String],
    sets: &MirrorSets,
) -> Result<(), MirrorError> {
    crate::reference::validate_registries_conf_scopes(&sets.scopes(insecure, blocked, allowed))
        .map_err(|e| MirrorError::InvalidMirrorSet {
            message: e.to_string(),
        })
}

/// One object read by [`read_mirror_sets`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MirrorObject {
    /// An ImageContentSourcePolicy.
    Icsp(ImageContentSourcePolicy),
    /// An ImageDigestMirrorSet.
    Idms(ImageDigestMirrorSet),
    /// An ImageTagMirrorSet.
    Itms(ImageTagMirrorSet),
}

/// Reads mirror-set objects (`mirrors.md` §2.2): YAML or JSON, one object, a multi-document
/// stream (k8s `YAMLReader` splitting; concatenated JSON objects) or a `List` / `<Kind>List`
/// (its `items`). Empty and `null` documents are skipped. Unknown fields are ignored.
///
/// # Errors
/// [`MirrorError::Decode`] for text that does not decode (a wrongly typed field, a bad
/// document separator `invalid Yaml document separator: <rest>`, an input over
/// [`MAX_INPUT_BYTES`] or [`MAX_OBJECTS`]); [`MirrorError::UnexpectedKind`] for an object of
/// another kind.
///
/// ```
/// use openshift_image::mirror::sets::{read_mirror_sets, MirrorObject};
/// let objects = read_mirror_sets(r#"{"apiVersion": "config.openshift.io/v1",
///   "kind": "ImageDigestMirrorSet", "metadata": {"name": "d"},
///   "spec": {"imageDigestMirrors": [{"source": "quay.io/ns", "mirrors": ["m.local/ns"]}]}}"#)?;
/// assert!(matches!(&objects[..], [MirrorObject::Idms(_)]));
/// # Ok::<(), openshift_image::mirror::MirrorError>(())
/// ```
pub fn read_mirror_sets(text: &str) -> Result<Vec<MirrorObject>, MirrorError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(decode(format!(
            "input is larger than {MAX_INPUT_BYTES} bytes"
        )));
    }
    let mut out = Vec::new();
    for doc in documents(text)? {
        collect(doc, &mut out, None)?;
    }
    Ok(out)
}

/// Collects every object of the mirror-set lists into a [`MirrorSets`] (kinds apart, order
/// kept).
#[must_use]
pub fn into_mirror_sets(objects: Vec<MirrorObject>) -> MirrorSets {
    let mut sets = MirrorSets::default();
    for object in objects {
        match object {
            MirrorObject::Icsp(o) => sets.icsps.push(o),
            MirrorObject::Idms(o) => sets.idmss.push(o),
            MirrorObject::Itms(o) => sets.itmss.push(o),
        }
    }
    sets
}

fn decode(message: impl Into<String>) -> MirrorError {
    MirrorError::Decode {
        message: message.into(),
    }
}

/// Collects `value` (an object, or at the top a list whose items are read with `item_kind`
/// as the kind of items that have none: the items of a typed `<Kind>List` carry no `kind`).
fn collect(
    value: Value,
    out: &mut Vec<MirrorObject>,
    item_kind: Option<&str>,
) -> Result<(), MirrorError> {
    if out.len() >= MAX_OBJECTS {
        return Err(decode(format!("more than {MAX_OBJECTS} objects")));
    }
    let kind = match value.get("kind") {
        Some(Value::String(k)) if !k.is_empty() => k.clone(),
        None | Some(Value::Null | Value::String(_)) => item_kind.unwrap_or_default().to_owned(),
        Some(_) => return Err(decode("json: cannot unmarshal kind: not a string")),
    };
    let typed = |e: serde_json::Error| decode(format!("error decoding {kind}: {e}"));
    match kind.as_str() {
        "ImageContentSourcePolicy" => {
            out.push(MirrorObject::Icsp(
                serde_json::from_value(value).map_err(typed)?,
            ));
        }
        "ImageDigestMirrorSet" => {
            out.push(MirrorObject::Idms(
                serde_json::from_value(value).map_err(typed)?,
            ));
        }
        "ImageTagMirrorSet" => {
            out.push(MirrorObject::Itms(
                serde_json::from_value(value).map_err(typed)?,
            ));
        }
        k if item_kind.is_none() && k.ends_with("List") => match value.get("items") {
            Some(Value::Array(items)) => {
                let typed_items = k.strip_suffix("List").unwrap_or_default();
                for item in items {
                    collect(item.clone(), out, Some(typed_items))?;
                }
            }
            None | Some(Value::Null) => {}
            Some(_) => {
                return Err(decode(format!(
                    "error decoding {kind}: items is not a list"
                )));
            }
        },
        _ => {
            return Err(MirrorError::UnexpectedKind {
                message: format!(
                    "unexpected kind {}: expected ImageContentSourcePolicy, ImageDigestMirrorSet or ImageTagMirrorSet",
                    crate::gofmt::GoQuoted(&kind)
                ),
                kind,
            });
        }
    }
    Ok(())
}

/// Splits `text` into decoded documents (`null` and empty documents dropped).
fn documents(text: &str) -> Result<Vec<Value>, MirrorError> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        let mut docs = Vec::new();
        for value in serde_json::Deserializer::from_str(trimmed).into_iter::<Value>() {
            let value = value.map_err(|e| decode(format!("error parsing JSON: {e}")))?;
            match value {
                Value::Null => {}
                Value::Array(items) => docs.extend(items),
                v => docs.push(v),
            }
        }
        return Ok(docs);
    }
    let mut docs = Vec::new();
    for chunk in split_yaml_documents(text)? {
        let value = yaml_to_json(chunk)?;
        if !value.is_null() {
            docs.push(value);
        }
    }
    Ok(docs)
}

/// k8s.io/apimachinery `YAMLReader` document splitting (the reader `oc` uses too).
fn split_yaml_documents(text: &str) -> Result<Vec<&str>, MirrorError> {
    let docs = crate::mirror::oc::split_yaml_documents(text).map_err(decode)?;
    Ok(docs.into_iter().filter(|d| !d.trim().is_empty()).collect())
}

/// One YAML document as JSON, converted as sigs.k8s.io/yaml does (the crate's YAML reader;
/// without the `yaml` feature only JSON documents are read).
fn yaml_to_json(doc: &str) -> Result<Value, MirrorError> {
    crate::mirror::oc::yaml_document_to_json(doc)
        .map_err(|e| decode(format!("error converting YAML to JSON: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn patterns() {
        let cases: &[(PatternKind, &str, bool)] = &[
            (PatternKind::Source, "*.io", true),
            (PatternKind::Source, "*.x/ns", false),
            (PatternKind::Source, "*.x:443", false),
            (PatternKind::Source, "registry", true),
            (PatternKind::Mirror, "Quay.IO", true),
            (PatternKind::Mirror, "quay.io/NS", false),
            (PatternKind::Mirror, "quay.io/ns/", false),
            (PatternKind::Mirror, "a..b", false),
            (PatternKind::Mirror, "q.io/a___b", false),
            (PatternKind::Mirror, "10.0.0.1:5000/x", true),
            (PatternKind::Mirror, "q.io/x:tag", false),
        ];
        for (kind, value, want) in cases {
            assert_eq!(api_pattern(*kind, value), *want, "{kind:?} {value}");
        }
    }

    #[test]
    fn rules_and_validation() {
        let sets: MirrorSets = serde_json::from_str(
            r#"{"icsps": [{"metadata": {"name": "c"}, "spec": {"repositoryDigestMirrors": [
                   {"source": "quay.io", "mirrors": ["b.local/q", "b.local/q"]}]}}],
                "idmss": [{"metadata": {"name": "d"}, "spec": {"imageDigestMirrors": [
                   {"source": "quay.io", "mirrors": ["a.local/q"], "mirrorSourcePolicy": "NeverContactSource"}]}}],
                "itmss": [{"metadata": {"name": "t"}, "spec": {"imageTagMirrors": null}}]}"#,
        )
        .unwrap();
        let rules = sets.rules();
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0].origin.kind, ObjectKind::ImageDigestMirrorSet);
        assert_eq!(rules[1].mirrors, strings(&["b.local/q", "b.local/q"]));
        let err = validate_registries_conf_scopes(&[], &[], &[], &sets).unwrap_err();
        assert_eq!(err.kind(), "mirror.invalid_mirror_set");
        assert!(
            err.to_string()
                .starts_with("conflicting mirrorSourcePolicy")
        );
    }

    #[test]
    fn registry_sources_keep_absent_and_empty_apart() {
        let spec: ImageSpec = serde_json::from_str(
            r#"{"registrySources": {"insecureRegistries": [], "blockedRegistries": null}}"#,
        )
        .unwrap();
        assert_eq!(spec.registry_sources.insecure_registries, Some(vec![]));
        assert_eq!(spec.registry_sources.blocked_registries, None);
    }

    #[test]
    fn reader() {
        let json = r#"{"kind": "List", "items": [
            {"kind": "ImageTagMirrorSet", "spec": {"imageTagMirrors": [{"source": "a.io"}]}},
            {"kind": "ImageContentSourcePolicy", "unknown": 1}]}"#;
        let objects = read_mirror_sets(json).unwrap();
        assert_eq!(objects.len(), 2);
        let typed =
            r#"{"kind": "ImageDigestMirrorSetList", "items": [{"metadata": {"name": "a"}}]}"#;
        assert!(matches!(
            &read_mirror_sets(typed).unwrap()[..],
            [MirrorObject::Idms(_)]
        ));
        let sets = into_mirror_sets(objects);
        assert_eq!(sets.itmss.len(), 1);
        assert_eq!(sets.icsps.len(), 1);

        let err = read_mirror_sets(r#"{"kind": "Pod"}"#).unwrap_err();
        assert_eq!(err.kind(), "mirror.unexpected_kind");
        let err = read_mirror_sets(
            r#"{"kind": "ImageDigestMirrorSet", "spec": {"imageDigestMirrors": [{"source": 5}]}}"#,
        )
        .unwrap_err();
        assert_eq!(err.kind(), "mirror.decode");
    }

    #[test]
    fn yaml_document_splitting() {
        let cases: &[(&str, Result<usize, &str>)] = &[
            ("a\n---\nb\n", Ok(2)),
            ("---\na\n--- # c\nb", Ok(2)),
            ("a\n--- x\n", Err("invalid Yaml document separator: x")),
            ("", Ok(0)),
        ];
        for (text, want) in cases {
            let got = split_yaml_documents(text).map(|d| d.len());
            match want {
                Ok(n) => assert_eq!(got.ok(), Some(*n), "{text:?}"),
                Err(m) => assert_eq!(got.unwrap_err().to_string(), *m),
            }
        }
    }
}
