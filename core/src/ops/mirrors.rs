//! The `mirrors` area as flat operations (see `../shared/conformance/mirrors/OPS.md`):
//! registries.conf loading and lookup, pull sources, mirror sets → registries.conf and
//! policy.json (the MCO), and `oc`'s mirror commands.
//!
//! A rendered registries.conf is answered as data: the TOML document decoded to JSON (key
//! names as in the file); the `_text` operations answer the text itself.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::error::OpError;
use crate::mirror::MirrorError;
use crate::mirror::conf::{EndpointConf, RegistriesConf};
use crate::mirror::load::{self, Config, Registry};
use crate::mirror::lookup::{self, ref_matching_prefix};
use crate::mirror::oc::{
    AlternatesKind, AlternatesStrategy, MigrateIcspRequest, ReleaseMirrorRequest,
};
use crate::mirror::policy::{self, DEFAULT_POLICY_JSON};
use crate::mirror::render;
use crate::mirror::sets::{self, ImageSpec, MirrorSets, PatternKind};
use crate::ops::Args;

/// A file of a virtual directory: `{name, content}`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct NamedFile {
    name: String,
    content: String,
}

/// The `drop_ins` argument: files of `registries.conf.d` as `(name, content)`.
pub(crate) fn drop_ins(a: &Args<'_>) -> Result<Vec<(String, String)>, OpError> {
    Ok(a.opt::<Vec<NamedFile>>("drop_ins")?
        .unwrap_or_default()
        .into_iter()
        .map(|f| (f.name, f.content))
        .collect())
}

fn load_config(a: &Args<'_>) -> Result<Config, OpError> {
    let main: Option<String> = a.opt("registries_conf")?;
    Ok(load::load_many(main.as_deref(), &drop_ins(a)?)?)
}

/// A mirror endpoint as the results show it (`pull_from_mirror` omitted when empty).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct EndpointReport {
    location: String,
    #[serde(default)]
    insecure: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pull_from_mirror: String,
}

impl From<&EndpointConf> for EndpointReport {
    fn from(e: &EndpointConf) -> Self {
        Self {
            location: e.location.clone(),
            insecure: e.insecure,
            pull_from_mirror: e.pull_from_mirror.clone(),
        }
    }
}

/// One registries.conf entry after loading (OPS.md "Registry").
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct RegistryReport {
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    insecure: bool,
    #[serde(default)]
    blocked: bool,
    #[serde(default)]
    mirror_by_digest_only: bool,
    #[serde(default)]
    mirrors: Vec<EndpointReport>,
}

impl From<&Registry> for RegistryReport {
    fn from(r: &Registry) -> Self {
        Self {
            prefix: r.prefix.clone(),
            location: r.location.clone(),
            insecure: r.insecure,
            blocked: r.blocked,
            mirror_by_digest_only: r.mirror_by_digest_only,
            mirrors: r.mirrors.iter().map(EndpointReport::from).collect(),
        }
    }
}

impl From<RegistryReport> for Registry {
    fn from(r: RegistryReport) -> Self {
        Self {
            prefix: r.prefix,
            location: r.location,
            insecure: r.insecure,
            blocked: r.blocked,
            mirror_by_digest_only: r.mirror_by_digest_only,
            mirrors: r
                .mirrors
                .into_iter()
                .map(|m| EndpointConf {
                    location: m.location,
                    insecure: m.insecure,
                    pull_from_mirror: m.pull_from_mirror,
                })
                .collect(),
        }
    }
}

/// `mirrors.load_registries_conf`'s result.
#[derive(Debug, Serialize)]
pub(crate) struct LoadReport {
    registries: Vec<RegistryReport>,
    unqualified_search_registries: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unqualified_search_registries_origin: Option<String>,
    short_name_mode: Option<&'static str>,
    credential_helpers: Vec<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    additional_layer_store_auth_helper: String,
    aliases: Map<String, Value>,
}

/// `mirrors.load_registries_conf`.
pub(crate) fn load_registries_conf(a: &Args<'_>) -> Result<LoadReport, OpError> {
    let c = load_config(a)?;
    Ok(LoadReport {
        registries: c.registries().iter().map(RegistryReport::from).collect(),
        unqualified_search_registries: c.unqualified_search_registries.clone(),
        unqualified_search_registries_origin: c.unqualified_search_registries_origin.clone(),
        short_name_mode: c.short_name_mode.map(|m| m.as_str()),
        credential_helpers: c.credential_helpers.clone(),
        additional_layer_store_auth_helper: c.additional_layer_store_auth_helper.clone(),
        aliases: c
            .aliases
            .iter()
            .map(|(k, alias)| (k.clone(), json!(alias.value)))
            .collect(),
    })
}

/// `mirrors.parse_location`.
pub(crate) fn parse_location(a: &Args<'_>) -> Result<String, OpError> {
    Ok(load::parse_location(&a.req::<String>("input")?)?)
}

/// `mirrors.ref_matching_prefix`.
pub(crate) fn ref_matching_prefix_op(a: &Args<'_>) -> Result<Option<usize>, OpError> {
    Ok(ref_matching_prefix(
        &a.req::<String>("ref")?,
        &a.req::<String>("prefix")?,
    ))
}

/// `mirrors.rewrite_reference`.
pub(crate) fn rewrite_reference(a: &Args<'_>) -> Result<String, OpError> {
    let reference = lookup::parse_named_legacy(&a.req::<String>("ref")?)?;
    let rewritten = lookup::rewrite_reference(
        &reference,
        &a.req::<String>("prefix")?,
        &a.req::<String>("location")?,
    )?;
    Ok(rewritten.as_str().to_owned())
}

/// `mirrors.validate_short_name`: `null` when valid.
pub(crate) fn validate_short_name(a: &Args<'_>) -> Result<Option<()>, OpError> {
    load::validate_short_name(&a.req::<String>("name")?)?;
    Ok(None)
}

/// `mirrors.parse_short_name_value`.
pub(crate) fn parse_short_name_value(a: &Args<'_>) -> Result<String, OpError> {
    Ok(load::parse_short_name_value(&a.req::<String>("value")?)?)
}

/// `mirrors.find_registry`.
pub(crate) fn find_registry(a: &Args<'_>) -> Result<Option<RegistryReport>, OpError> {
    let c = load_config(a)?;
    Ok(c.find_registry(&a.req::<String>("ref")?)
        .map(RegistryReport::from))
}

/// `mirrors.resolve_short_name_alias`.
pub(crate) fn resolve_short_name_alias(a: &Args<'_>) -> Result<Value, OpError> {
    let main: Option<String> = a.opt("registries_conf")?;
    let alias =
        load::resolve_short_name_alias(main.as_deref(), &drop_ins(a)?, &a.req::<String>("name")?)?;
    Ok(alias.map_or(
        Value::Null,
        |alias| json!({"value": alias.value, "origin": alias.origin}),
    ))
}

/// One pull source of `pull_sources_from_reference`.
#[derive(Debug, Serialize)]
pub(crate) struct SourceReport {
    reference: String,
    location: String,
    insecure: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    pull_from_mirror: String,
}

/// `mirrors.pull_sources_from_reference`.
pub(crate) fn pull_sources_from_reference(a: &Args<'_>) -> Result<Vec<SourceReport>, OpError> {
    let registry = Registry::from(a.req::<RegistryReport>("registry")?);
    let reference = lookup::parse_named_legacy(&a.req::<String>("ref")?)?;
    let sources = registry.pull_sources_from_reference(&reference)?;
    Ok(sources
        .into_iter()
        .map(|p| SourceReport {
            reference: p.reference.as_str().to_owned(),
            location: p.location,
            insecure: p.insecure,
            pull_from_mirror: p.pull_from_mirror,
        })
        .collect())
}

/// The matched entry in `resolve_pull_sources`.
#[derive(Debug, Serialize)]
pub(crate) struct EntryReport {
    prefix: String,
    location: String,
    blocked: bool,
    insecure: bool,
    mirror_by_digest_only: bool,
}

/// One source in `resolve_pull_sources`.
#[derive(Debug, Serialize)]
pub(crate) struct ResolvedSourceReport {
    location: String,
    insecure: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    pull_from_mirror: String,
    reference: String,
    blocked: bool,
    blocked_by: Option<String>,
}

/// `mirrors.resolve_pull_sources`' result.
#[derive(Debug, Serialize)]
pub(crate) struct ResolutionReport {
    reference: String,
    name: String,
    digested: bool,
    entry: Option<EntryReport>,
    sources: Vec<ResolvedSourceReport>,
    attempts: Vec<String>,
    error: Option<String>,
}

/// `mirrors.resolve_pull_sources`.
pub(crate) fn resolve_pull_sources(a: &Args<'_>) -> Result<ResolutionReport, OpError> {
    let main: Option<String> = a.opt("registries_conf")?;
    let r = lookup::resolve_pull_sources(main.as_deref(), &drop_ins(a)?, &a.req::<String>("ref")?)?;
    Ok(ResolutionReport {
        reference: r.reference,
        name: r.name,
        digested: r.digested,
        entry: r.entry.map(|e| EntryReport {
            prefix: e.prefix,
            location: e.location,
            blocked: e.blocked,
            insecure: e.insecure,
            mirror_by_digest_only: e.mirror_by_digest_only,
        }),
        sources: r
            .sources
            .into_iter()
            .map(|x| ResolvedSourceReport {
                location: x.location,
                insecure: x.insecure,
                pull_from_mirror: x.pull_from_mirror,
                reference: x.reference,
                blocked: x.blocked_by.is_some(),
                blocked_by: x.blocked_by,
            })
            .collect(),
        attempts: r.attempts,
        error: r.error,
    })
}

fn strings(a: &Args<'_>, name: &str) -> Result<Vec<String>, OpError> {
    Ok(a.opt(name)?.unwrap_or_default())
}

fn mirror_sets(a: &Args<'_>) -> Result<MirrorSets, OpError> {
    let mut fields = Map::new();
    for name in ["icsps", "idmss", "itmss"] {
        if let Some(v) = a.opt::<Value>(name)? {
            fields.insert(name.to_owned(), v);
        }
    }
    MirrorSets::deserialize(Value::Object(fields)).map_err(|e| a.invalid("icsps", e.to_string()))
}

/// A rendered registries.conf as data (the TOML decoded to JSON).
fn conf_data(text: &str) -> Result<Value, OpError> {
    toml::from_str::<Value>(text).map_err(|e| {
        OpError::from(MirrorError::Render {
            message: format!("rendered registries.conf does not decode: {e}"),
        })
    })
}

/// `mirrors.update_registries_config`.
pub(crate) fn update_registries_config(a: &Args<'_>) -> Result<Value, OpError> {
    let text = update_registries_config_text(a)?;
    Ok(json!({"registries_conf": conf_data(&text)?}))
}

/// `mirrors.update_registries_config_text`.
pub(crate) fn update_registries_config_text(a: &Args<'_>) -> Result<String, OpError> {
    Ok(render::update_registries_config_text(
        &a.req::<String>("base")?,
        &strings(a, "insecure_registries")?,
        &strings(a, "blocked_registries")?,
        &mirror_sets(a)?,
    )?)
}

/// `mirrors.edit_registries_config`.
pub(crate) fn edit_registries_config(a: &Args<'_>) -> Result<Value, OpError> {
    let mut conf = RegistriesConf::from_toml_v2(&a.req::<String>("base")?)?;
    render::edit_registries_config(
        &mut conf,
        &strings(a, "insecure_registries")?,
        &strings(a, "blocked_registries")?,
        &mirror_sets(a)?,
    )?;
    Ok(json!({"registries_conf": conf_data(&conf.to_toml())?}))
}

/// `mirrors.validate_registries_conf_scopes`: `null` when valid.
pub(crate) fn validate_registries_conf_scopes(a: &Args<'_>) -> Result<Option<()>, OpError> {
    sets::validate_registries_conf_scopes(
        &strings(a, "insecure_registries")?,
        &strings(a, "blocked_registries")?,
        &strings(a, "allowed_registries")?,
        &mirror_sets(a)?,
    )?;
    Ok(None)
}

/// The arguments of the policy.json operations (`null` and `[]` lists differ).
struct PolicyInputs {
    base: String,
    blocked: Option<Vec<String>>,
    allowed: Option<Vec<String>>,
    release_image: String,
}

fn policy_inputs(a: &Args<'_>) -> Result<PolicyInputs, OpError> {
    Ok(PolicyInputs {
        base: a
            .opt::<String>("base")?
            .unwrap_or_else(|| DEFAULT_POLICY_JSON.to_owned()),
        blocked: a.opt("blocked_registries")?,
        allowed: a.opt("allowed_registries")?,
        release_image: a.opt::<String>("release_image")?.unwrap_or_default(),
    })
}

/// `mirrors.update_policy_json`.
pub(crate) fn update_policy_json(a: &Args<'_>) -> Result<Value, OpError> {
    let p = policy_inputs(a)?;
    Ok(policy::update_policy_json(
        &p.base,
        p.blocked.as_deref(),
        p.allowed.as_deref(),
        &p.release_image,
    )?)
}

/// `mirrors.update_policy_json_text`.
pub(crate) fn update_policy_json_text(a: &Args<'_>) -> Result<String, OpError> {
    let p = policy_inputs(a)?;
    Ok(policy::update_policy_json_text(
        &p.base,
        p.blocked.as_deref(),
        p.allowed.as_deref(),
        &p.release_image,
    )?)
}

fn image_spec(a: &Args<'_>) -> Result<ImageSpec, OpError> {
    Ok(a.opt("image_spec")?.unwrap_or_default())
}

/// `mirrors.valid_blocked_and_allowed_registries`.
pub(crate) fn valid_blocked_and_allowed_registries(a: &Args<'_>) -> Result<Value, OpError> {
    let result = policy::valid_blocked_and_allowed_registries(
        &a.req::<String>("release_image")?,
        &image_spec(a)?,
        &mirror_sets(a)?,
    )?;
    serde_json::to_value(result).map_err(|e| OpError::Output {
        op: "mirrors.valid_blocked_and_allowed_registries".to_owned(),
        message: e.to_string(),
    })
}

/// `mirrors.render_image_config`.
pub(crate) fn render_image_config(a: &Args<'_>) -> Result<Value, OpError> {
    let base: String = a
        .opt("base")?
        .unwrap_or_else(|| render::DEFAULT_REGISTRIES_CONF.to_owned());
    let r = render::render_image_config(
        &base,
        &a.req::<String>("release_image")?,
        &image_spec(a)?,
        &mirror_sets(a)?,
    )?;
    let policy_json = match r.policy_json.as_deref() {
        Some(text) => Some(serde_json::from_str::<Value>(text).map_err(|e| {
            OpError::from(MirrorError::Policy {
                message: format!("rendered policy.json does not decode: {e}"),
            })
        })?),
        None => None,
    };
    let drop_ins = match r.search_registries_drop_ins {
        Some(files) => Some(
            files
                .into_iter()
                .map(|d| Ok(json!({"path": d.path, "content": conf_data(&d.content)?})))
                .collect::<Result<Vec<_>, OpError>>()?,
        ),
        None => None,
    };
    Ok(json!({
        "warning": r.warning,
        "registries_conf": r.registries_conf.as_deref().map(conf_data).transpose()?,
        "policy_json": policy_json,
        "search_registries_drop_ins": drop_ins,
    }))
}

/// `mirrors.api_pattern`.
pub(crate) fn api_pattern(a: &Args<'_>) -> Result<Value, OpError> {
    let kind = match a.req::<String>("kind")?.as_str() {
        "source" => PatternKind::Source,
        "mirror" => PatternKind::Mirror,
        other => {
            return Err(a.invalid(
                "kind",
                format!("expected \"source\" or \"mirror\", got {other:?}"),
            ));
        }
    };
    Ok(json!({"match": sets::api_pattern(kind, &a.req::<String>("value")?)}))
}

/// `mirrors.oc_alternates`.
pub(crate) fn oc_alternates(a: &Args<'_>) -> Result<Vec<String>, OpError> {
    let kind = match a.req::<String>("kind")?.as_str() {
        "icsp" => AlternatesKind::Icsp,
        "idms" => AlternatesKind::Idms,
        other => {
            return Err(a.invalid(
                "kind",
                format!("expected \"icsp\" or \"idms\", got {other:?}"),
            ));
        }
    };
    let strategy = match a.req::<String>("strategy")?.as_str() {
        "on_error" => AlternatesStrategy::OnError,
        "explicit" => AlternatesStrategy::Explicit,
        other => {
            return Err(a.invalid(
                "strategy",
                format!("expected \"on_error\" or \"explicit\", got {other:?}"),
            ));
        }
    };
    let file: Option<NamedFile> = a.opt("file")?;
    let reference: String = a.req("ref")?;
    Ok(crate::mirror::oc::oc_alternates(
        &reference,
        file.as_ref().map(|f| (f.name.as_str(), f.content.as_str())),
        kind,
        strategy,
    )?)
}

/// `mirrors.oc_migrate_icsp`: `seed` makes the file names' random numbers reproducible.
pub(crate) fn oc_migrate_icsp(a: &Args<'_>) -> Result<Value, OpError> {
    let mut files: Vec<NamedFile> = a.opt("files")?.unwrap_or_default();
    let dest_dir: Option<String> = a.opt("dest_dir")?;
    if a.opt::<bool>("dest_dir_is_file")?.unwrap_or(false)
        && let Some(dir) = &dest_dir
    {
        files.push(NamedFile {
            name: dir.clone(),
            content: String::new(),
        });
    }
    let args: Vec<String> = a.req("args")?;
    let pairs: Vec<(&str, &str)> = files
        .iter()
        .map(|f| (f.name.as_str(), f.content.as_str()))
        .collect();
    let arg_refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let request = MigrateIcspRequest {
        files: &pairs,
        args: &arg_refs,
        dest_dir: dest_dir.as_deref(),
    };
    let seed: Option<u64> = a.opt("seed")?;
    let mut rng = crate::template::generator::chacha(seed)?;
    let output = crate::mirror::oc::migrate_icsp(&request, &mut || rand::RngExt::random(&mut rng))?;
    serde_json::to_value(output).map_err(|e| OpError::Output {
        op: "mirrors.oc_migrate_icsp".to_owned(),
        message: e.to_string(),
    })
}

/// `mirrors.oc_release_mirror_instructions`.
pub(crate) fn oc_release_mirror_instructions(a: &Args<'_>) -> Result<String, OpError> {
    let from: String = a.req("from")?;
    let to: Vec<String> = a.req("to")?;
    let repositories: Vec<String> = a.req("repositories")?;
    let to: Vec<&str> = to.iter().map(String::as_str).collect();
    let repositories: Vec<&str> = repositories.iter().map(String::as_str).collect();
    let signature_to_dir: String = a.opt("signature_to_dir")?.unwrap_or_default();
    let mode: String = a.req("print_mirror_instructions")?;
    Ok(crate::mirror::oc::release_mirror_instructions(
        &ReleaseMirrorRequest {
            from: &from,
            to: &to,
            repositories: &repositories,
            signature_to_dir: &signature_to_dir,
            print_mirror_instructions: &mode,
        },
    )?)
}

/// `mirrors.explain`: [`crate::mirror::lookup::Config::explain`] — which entry a reference
/// matched (and which shorter prefixes were ignored), every source with why it is kept or
/// skipped, what a pull contacts, and its error.
pub(crate) fn explain(a: &Args<'_>) -> Result<crate::mirror::lookup::Explanation, OpError> {
    let config = load_config(a)?;
    Ok(config.explain(&a.req::<String>("ref")?))
}

/// `mirrors.explain_mirror_sets`: [`render::explain_mirror_sets`] — the registries.conf the
/// MCO renders from the mirror sets and registry sources (on `base`, default the MCO's
/// template), loaded as the node loads it, and the pull of `ref` explained with every entry and
/// source traced to the object (ICSP / IDMS / ITMS entry, image-config scope) behind it.
pub(crate) fn explain_mirror_sets(
    a: &Args<'_>,
) -> Result<crate::mirror::lookup::Explanation, OpError> {
    let base: Option<String> = a.opt("base")?;
    Ok(render::explain_mirror_sets(
        base.as_deref().unwrap_or(render::DEFAULT_REGISTRIES_CONF),
        &strings(a, "insecure_registries")?,
        &strings(a, "blocked_registries")?,
        &mirror_sets(a)?,
        &a.req::<String>("ref")?,
    )?)
}

/// `mirrors.lint`'s result.
#[derive(Debug, Serialize)]
pub(crate) struct LintReport {
    findings: Vec<crate::mirror::lint::Finding>,
}

/// `mirrors.lint`: mistakes in mirror sets and registry sources that upstream accepts
/// silently ([`crate::mirror::lint`]).
pub(crate) fn lint(a: &Args<'_>) -> Result<LintReport, OpError> {
    let sets = mirror_sets(a)?;
    let spec: Option<ImageSpec> = a.opt("image_spec")?;
    let release_image: Option<String> = a.opt("release_image")?;
    let payload_repositories = strings(a, "payload_repositories")?;
    let registries_conf = match a.opt::<String>("registries_conf")? {
        Some(text) => Some(RegistriesConf::from_toml_v2(&text)?),
        None => None,
    };
    let input = crate::mirror::lint::LintInput {
        sets: &sets,
        registry_sources: spec.as_ref().map(|s| &s.registry_sources),
        release_image: release_image.as_deref(),
        payload_repositories: &payload_repositories,
        registries_conf: registries_conf.as_ref(),
    };
    Ok(LintReport {
        findings: crate::mirror::lint::lint(&input),
    })
}
