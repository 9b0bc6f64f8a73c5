//! The dispatcher of the `refs` area: every op of `refs/OPS.md`, calling the public API of
//! `openshift_image` and shaping the result as the op's documentation says.
//!
//! One small function per op; [`dispatch`] is a flat `match` over the op names.

use openshift_image::{
    AllowedRegistry, AnyReference, Digest, DockerImageReference, Production, Reference,
    ReferenceError, RegistriesConfScopes, RegistryWhitelister, WhitelistTransport,
};
use serde_json::{Value, json};

use super::engine::{Args, CaseError};

impl From<ReferenceError> for CaseError {
    fn from(err: ReferenceError) -> Self {
        Self::library(err.kind(), err.to_string())
    }
}

type Outcome = Result<Value, CaseError>;

/// Runs one `refs.*` op on its `input` object.
///
/// # Errors
///
/// The library's error ([`CaseError::Library`]), an unusable input ([`CaseError::Input`]) or
/// an op this dispatcher does not know ([`CaseError::UnsupportedOp`]).
pub fn dispatch(op: &str, input: &Value) -> Outcome {
    let args = Args::new(input)?;
    match op {
        // Docker model (distribution/reference).
        "refs.parse" => parse(&args),
        "refs.parse_normalized_named" => parse_normalized_named(&args),
        "refs.parse_named" => parse_named(&args),
        "refs.parse_any_reference" => parse_any_reference(&args),
        "refs.parse_docker_ref" => parse_docker_ref(&args),
        "refs.trim_named" => trim_named(&args),
        "refs.tag_name_only" => tag_name_only(&args),
        "refs.sort" => sort(&args),
        "refs.with_name" => with_name(&args),
        "refs.with_tag" => with_tag(&args),
        "refs.with_digest" => with_digest(&args),
        "refs.familiar_match" => familiar_match(&args),
        "refs.digest_parse" => digest_parse(&args),
        "refs.regexp" => regexp(&args),
        // Legacy grammar (containers/image docker/reference).
        "refs.legacy_parse" => legacy_parse(&args),
        "refs.legacy_parse_normalized_named" => legacy_parse_normalized_named(&args),
        // OpenShift model (library-go).
        "refs.openshift_parse" => openshift_parse(&args),
        "refs.openshift_equal" => openshift_equal(&args),
        "refs.openshift_digest_parse" => openshift_digest_parse(&args),
        // Image stream names and IDs.
        "refs.parse_image_stream_tag_name" => parse_image_stream_tag_name(&args),
        "refs.parse_image_stream_image_name" => parse_image_stream_image_name(&args),
        "refs.split_image_stream_tag" => split_image_stream_tag(&args),
        "refs.split_image_stream_image" => split_image_stream_image(&args),
        "refs.join_image_stream_tag" => join_image_stream_tag(&args),
        "refs.join_image_stream_image" => join_image_stream_image(&args),
        "refs.digest_or_image_match" => digest_or_image_match(&args),
        "refs.short_docker_image_id" => short_docker_image_id(&args),
        "refs.resolve_image_id" => resolve_image_id(&args),
        "refs.validate_image_stream_name" => validate_image_stream_name(&args),
        "refs.validate_image_stream" => validate_image_stream(&args),
        // imagePullPolicy.
        "refs.image_pull_policy_default" => image_pull_policy_default(&args),
        "refs.parse_image_name" => parse_image_name(&args),
        // Registry scopes.
        "refs.is_valid_registries_conf_scope" => is_valid_registries_conf_scope(&args),
        "refs.scope_is_nested_inside_scope" => scope_is_nested_inside_scope(&args),
        "refs.ref_matching_prefix" => ref_matching_prefix(&args),
        "refs.mirror_source_pattern" => mirror_source_pattern(&args),
        "refs.validate_registries_conf_scopes" => validate_registries_conf_scopes(&args),
        "refs.policy_namespaces" => policy_namespaces(&args),
        // allowedRegistriesForImport.
        "refs.import_whitelist" => import_whitelist(&args),
        "refs.wildcard_match" => wildcard_match(&args),
        "refs.canonical_repository" => canonical_repository(&args),
        _ => Err(CaseError::unsupported(op)),
    }
}

// ---------------------------------------------------------------------------------------------
// Docker model

/// The `DockerRef` object (the library's serde form).
fn docker_ref(reference: &Reference) -> Outcome {
    Ok(serde_json::to_value(reference)?)
}

/// The `LegacyRef` object: `DockerRef` without the `familiar_*` fields.
fn legacy_ref(reference: &Reference) -> Outcome {
    let mut value = serde_json::to_value(reference)?;
    if let Value::Object(map) = &mut value {
        map.remove("familiar_name");
        map.remove("familiar_string");
    }
    Ok(value)
}

fn parse(args: &Args<'_>) -> Outcome {
    docker_ref(&Reference::parse(args.str("reference")?)?)
}

fn parse_normalized_named(args: &Args<'_>) -> Outcome {
    docker_ref(&Reference::parse_normalized(args.str("reference")?)?)
}

fn parse_named(args: &Args<'_>) -> Outcome {
    docker_ref(&Reference::parse_named(args.str("reference")?)?)
}

fn parse_any_reference(args: &Args<'_>) -> Outcome {
    Ok(serde_json::to_value(AnyReference::parse(
        args.str("reference")?,
    )?)?)
}

fn parse_docker_ref(args: &Args<'_>) -> Outcome {
    docker_ref(&Reference::parse_docker_ref(args.str("reference")?)?)
}

fn trim_named(args: &Args<'_>) -> Outcome {
    docker_ref(&Reference::parse_normalized(args.str("reference")?)?.trim_named())
}

fn tag_name_only(args: &Args<'_>) -> Outcome {
    docker_ref(&Reference::parse_normalized(args.str("reference")?)?.with_default_tag())
}

fn sort(args: &Args<'_>) -> Outcome {
    let references = args.str_list("references")?;
    Ok(json!(openshift_image::sort_references(&references)))
}

fn with_name(args: &Args<'_>) -> Outcome {
    docker_ref(&Reference::with_name(args.str("name")?)?)
}

fn with_tag(args: &Args<'_>) -> Outcome {
    let mut reference = Reference::with_name(args.str("name")?)?;
    if let Some(digest) = args.opt_str("digest")? {
        reference = reference.with_digest(digest)?;
    }
    docker_ref(&reference.with_tag(args.str("tag")?)?)
}

fn with_digest(args: &Args<'_>) -> Outcome {
    let mut reference = Reference::with_name(args.str("name")?)?;
    if let Some(tag) = args.opt_str("tag")? {
        reference = reference.with_tag(tag)?;
    }
    docker_ref(&reference.with_digest(args.str("digest")?)?)
}

fn familiar_match(args: &Args<'_>) -> Outcome {
    let reference = AnyReference::parse(args.str("reference")?)?;
    let matched = openshift_image::familiar_match(args.str("pattern")?, &reference)?;
    Ok(json!({ "matched": matched }))
}

fn digest_object(digest: &Digest) -> Value {
    json!({
        "algorithm": digest.algorithm(),
        "encoded": digest.encoded(),
        "string": digest.as_str(),
    })
}

fn digest_parse(args: &Args<'_>) -> Outcome {
    Ok(digest_object(&Digest::parse(args.str("digest")?)?))
}

fn regexp(args: &Args<'_>) -> Outcome {
    let name = args.str("production")?;
    let production: Production = name
        .parse()
        .map_err(|_| CaseError::input(format!("unknown production {name:?}")))?;
    Ok(
        match openshift_image::match_production(production, args.str("input")?) {
            Some(groups) => json!({ "matched": true, "groups": groups }),
            None => json!({ "matched": false, "groups": null }),
        },
    )
}

fn legacy_parse(args: &Args<'_>) -> Outcome {
    legacy_ref(&Reference::parse_legacy(args.str("reference")?)?)
}

fn legacy_parse_normalized_named(args: &Args<'_>) -> Outcome {
    legacy_ref(&Reference::parse_normalized_legacy(args.str("reference")?)?)
}

// ---------------------------------------------------------------------------------------------
// OpenShift model

fn openshift_parse(args: &Args<'_>) -> Outcome {
    let r = DockerImageReference::parse(args.str("reference")?)?;
    Ok(json!({
        "reference": serde_json::to_value(&r)?,
        "name_string": r.name_string(),
        "exact": r.exact(),
        "string": r.to_string(),
        "repository_name": r.repository_name(),
        "docker_client_defaults": serde_json::to_value(r.docker_client_defaults())?,
        "minimal": serde_json::to_value(r.minimal())?,
        "as_repository": serde_json::to_value(r.as_repository())?,
        "as_v2": serde_json::to_value(r.as_v2())?,
        "daemon_minimal": serde_json::to_value(r.daemon_minimal())?,
        "most_specific": serde_json::to_value(r.most_specific())?,
        "registry_host_port_secure": serde_json::to_value(r.registry_host_port(false))?,
        "registry_host_port_insecure": serde_json::to_value(r.registry_host_port(true))?,
        "registry_url": r.registry_url(),
        "is_registry_docker_hub": openshift_image::is_registry_docker_hub(&r.registry),
    }))
}

fn openshift_equal(args: &Args<'_>) -> Outcome {
    let a = DockerImageReference::parse(args.str("a")?)?;
    let b = DockerImageReference::parse(args.str("b")?)?;
    Ok(json!({ "equal": a.equal(&b) }))
}

fn openshift_digest_parse(args: &Args<'_>) -> Outcome {
    Ok(digest_object(&Digest::parse_lenient(args.str("digest")?)?))
}

// ---------------------------------------------------------------------------------------------
// Image stream names and IDs

fn parse_image_stream_tag_name(args: &Args<'_>) -> Outcome {
    let parsed = openshift_image::parse_image_stream_tag_name(args.str("name")?)?;
    Ok(json!({ "name": parsed.name, "tag": parsed.tag }))
}

fn parse_image_stream_image_name(args: &Args<'_>) -> Outcome {
    let parsed = openshift_image::parse_image_stream_image_name(args.str("name")?)?;
    Ok(json!({ "name": parsed.name, "id": parsed.id }))
}

fn split_image_stream_tag(args: &Args<'_>) -> Outcome {
    let (parsed, ok) = openshift_image::split_image_stream_tag(args.str("name")?);
    Ok(json!({ "name": parsed.name, "tag": parsed.tag, "ok": ok }))
}

fn split_image_stream_image(args: &Args<'_>) -> Outcome {
    let (parsed, ok) = openshift_image::split_image_stream_image(args.str("name")?);
    Ok(json!({ "name": parsed.name, "id": parsed.id, "ok": ok }))
}

fn join_image_stream_tag(args: &Args<'_>) -> Outcome {
    Ok(json!(openshift_image::join_image_stream_tag(
        args.str("name")?,
        args.str("tag")?
    )))
}

fn join_image_stream_image(args: &Args<'_>) -> Outcome {
    Ok(json!(openshift_image::join_image_stream_image(
        args.str("name")?,
        args.str("id")?
    )))
}

fn digest_or_image_match(args: &Args<'_>) -> Outcome {
    let matched = openshift_image::digest_or_image_match(args.str("image")?, args.str("id")?);
    Ok(json!({ "matched": matched }))
}

fn short_docker_image_id(args: &Args<'_>) -> Outcome {
    Ok(json!(openshift_image::short_docker_image_id(
        args.str("id")?,
        args.usize("length")?
    )))
}

fn resolve_image_id(args: &Args<'_>) -> Outcome {
    let images = args.str_list("images")?;
    let image = openshift_image::resolve_image_id(&images, args.str("id")?)?;
    Ok(json!({ "image": image }))
}

fn validate_image_stream_name(args: &Args<'_>) -> Outcome {
    let errors = openshift_image::validate_image_stream_name(args.str("name")?);
    Ok(json!({ "errors": errors }))
}

fn validate_image_stream(args: &Args<'_>) -> Outcome {
    let errors = openshift_image::validate_image_stream(
        args.str("namespace")?,
        args.str("name")?,
        args.opt_str("docker_image_repository")?.unwrap_or_default(),
    );
    Ok(json!({ "errors": errors }))
}

// ---------------------------------------------------------------------------------------------
// imagePullPolicy

fn image_pull_policy_default(args: &Args<'_>) -> Outcome {
    let policy = openshift_image::default_pull_policy(args.str("image")?);
    Ok(json!({ "policy": policy.as_str() }))
}

fn parse_image_name(args: &Args<'_>) -> Outcome {
    Ok(serde_json::to_value(openshift_image::parse_image_name(
        args.str("image")?,
    )?)?)
}

// ---------------------------------------------------------------------------------------------
// Registry scopes

fn is_valid_registries_conf_scope(args: &Args<'_>) -> Outcome {
    let valid = openshift_image::is_valid_registries_conf_scope(args.str("scope")?);
    Ok(json!({ "valid": valid }))
}

fn scope_is_nested_inside_scope(args: &Args<'_>) -> Outcome {
    let nested =
        openshift_image::scope_is_nested_inside_scope(args.str("sub")?, args.str("super")?);
    Ok(json!({ "nested": nested }))
}

fn ref_matching_prefix(args: &Args<'_>) -> Outcome {
    Ok(json!(openshift_image::ref_matching_prefix(
        args.str("ref")?,
        args.str("prefix")?
    )))
}

fn mirror_source_pattern(args: &Args<'_>) -> Outcome {
    let value = args.str("value")?;
    Ok(json!({
        "source": openshift_image::is_valid_mirror_source(value),
        "mirror": openshift_image::is_valid_mirror(value),
    }))
}

fn validate_registries_conf_scopes(args: &Args<'_>) -> Outcome {
    let scopes: RegistriesConfScopes = serde_json::from_value(Value::Object(args.object().clone()))
        .map_err(|err| CaseError::input(format!("registries.conf scopes: {err}")))?;
    openshift_image::validate_registries_conf_scopes(&scopes)?;
    Ok(json!({ "valid": true }))
}

fn policy_namespaces(args: &Args<'_>) -> Outcome {
    Ok(serde_json::to_value(
        openshift_image::policy_identity_and_namespaces(args.str("reference")?)?,
    )?)
}

// ---------------------------------------------------------------------------------------------
// allowedRegistriesForImport

fn transport_field(args: &Args<'_>, name: &str) -> Result<WhitelistTransport, CaseError> {
    serde_json::from_value(args.value(name)?.clone())
        .map_err(|err| CaseError::input(format!("input field `{name}`: {err}")))
}

fn import_whitelist(args: &Args<'_>) -> Outcome {
    let allowed: Vec<AllowedRegistry> = serde_json::from_value(args.list("allowed")?.into())
        .map_err(|err| CaseError::input(format!("input field `allowed`: {err}")))?;
    let mut whitelister = RegistryWhitelister::new(&allowed)?;
    for entry in args.opt_list("whitelist_registry")? {
        let entry = Args::nested("whitelist_registry[]", entry)?;
        whitelister.whitelist_registry(
            entry.str("host_port_glob")?,
            transport_field(&entry, "transport")?,
        )?;
    }
    for repository in args.opt_str_list("repositories")? {
        whitelister.whitelist_repository(repository)?;
    }
    if let Some(hostname) = args.opt_str("internal_registry_hostname")? {
        whitelister.set_internal_registry_hostname(Some(hostname.to_owned()));
    }
    let transport = transport_field(args, "transport")?;
    if let Some(pull_spec) = args.opt_str("pull_spec")? {
        whitelister.admit_pull_spec(pull_spec, transport)?;
    } else if let Some(hostname) = args.opt_str("hostname")? {
        whitelister.admit_hostname(hostname, transport)?;
    } else if let Some(reference) = args.opt_value("reference") {
        let reference: DockerImageReference = serde_json::from_value(reference.clone())
            .map_err(|err| CaseError::input(format!("input field `reference`: {err}")))?;
        whitelister.admit_reference(&reference, transport)?;
    } else {
        return Err(CaseError::input(
            "one of `pull_spec`, `hostname`, `reference` is required",
        ));
    }
    Ok(json!({ "admitted": true }))
}

fn wildcard_match(args: &Args<'_>) -> Outcome {
    let matched = openshift_image::is_wildcard_match(args.str("value")?, args.str("pattern")?);
    Ok(json!({ "matched": matched }))
}

fn canonical_repository(args: &Args<'_>) -> Outcome {
    Ok(json!(openshift_image::canonical_repository(
        args.str("reference")?
    )?))
}
