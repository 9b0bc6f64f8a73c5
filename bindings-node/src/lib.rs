//! Node.js binding of `openshift-image` (napi-rs): one exported function per operation of
//! [`openshift_image::ops::OPS`] (camelCase), the `*Many` batch parsers, the op table
//! (`ops()`) and the generic `call(op, input)`.
//!
//! The binding holds no logic: it converts arguments, calls the core and converts the result.
//! The conventions are shared with the WASM binding:
//!
//! * results are the core's serde form, serialized straight into JS values (no JSON text, no
//!   `serde_json::Value` for the typed functions): object keys are the core's snake_case keys
//!   (`familiar_name`) and absent optional values are `null`, never omitted;
//! * a core error is thrown as a JS `Error` whose `message` is the error's `Display`, `code`
//!   its stable kind (`reference.invalid_format`, `ops.invalid_argument`, …) and `area` its
//!   area (`reference`, `ops`); [`to_js_err`] is the one place that builds it;
//! * the TypeScript interfaces of the results live in `dts-header.d.ts`, which `napi build`
//!   puts at the top of the generated `index.d.ts`; each function names its interface with
//!   `ts_return_type`.

use napi::bindgen_prelude::{Env, JsObjectValue, JsValue, Result, Unknown};
use napi_derive::napi;
use openshift_image::OpError;
use openshift_image::ops::{self, refs};
use serde::Serialize;
use serde_json::{Map, Value};

// ---------------------------------------------------------------------------------------------
// Conversion

/// The one error mapping: a core error becomes a JS `Error` with `message` = the core's
/// `Display`, `code` = [`OpError::kind`] and `area` = [`OpError::area`].
fn to_js_err(env: &Env, err: &OpError) -> napi::Error {
    let build = || -> Result<napi::Error> {
        let mut error = env.create_error(napi::Error::from_reason(err.to_string()))?;
        error.set_named_property("code", err.kind())?;
        error.set_named_property("area", err.area())?;
        Ok(napi::Error::from(error.to_unknown()))
    };
    // Building the object only fails when the JS engine does; keep the message then.
    build().unwrap_or_else(|_| napi::Error::from_reason(err.to_string()))
}

/// Serializes a core result into a JS value, or throws its error.
fn convert<'env, T: Serialize, E: Into<OpError>>(
    env: &Env,
    result: std::result::Result<T, E>,
) -> Result<Unknown<'env>> {
    match result {
        Ok(value) => env.to_js_value(&value),
        Err(err) => Err(to_js_err(env, &err.into())),
    }
}

/// One item of a `*Many` result: the parsed value, or `{"error": {"kind", "message"}}`.
#[derive(Serialize)]
#[serde(untagged)]
enum BatchItem<T> {
    Ok(T),
    Err { error: BatchError },
}

/// The error of one batch item.
#[derive(Serialize)]
struct BatchError {
    kind: &'static str,
    message: String,
}

/// Runs `parse` on every input; a failing item becomes an error object instead of a throw.
fn many<'env, T: Serialize, E: Into<OpError>>(
    env: &Env,
    inputs: &[String],
    parse: impl Fn(&str) -> std::result::Result<T, E>,
) -> Result<Unknown<'env>> {
    let items: Vec<BatchItem<T>> = inputs
        .iter()
        .map(|input| match parse(input) {
            Ok(value) => BatchItem::Ok(value),
            Err(err) => {
                let err: OpError = err.into();
                BatchItem::Err {
                    error: BatchError {
                        kind: err.kind(),
                        message: err.to_string(),
                    },
                }
            }
        })
        .collect();
    env.to_js_value(&items)
}

/// Runs `op` through the core's generic dispatch on an object of the present arguments (for
/// the operations whose arguments are open-ended objects).
fn call_with<'env, const N: usize>(
    env: &Env,
    op: &str,
    args: [(&str, Option<Value>); N],
) -> Result<Unknown<'env>> {
    let input: Map<String, Value> = args
        .into_iter()
        .filter_map(|(name, value)| value.map(|value| (name.to_owned(), value)))
        .collect();
    convert(env, ops::call(op, &Value::Object(input)))
}

// ---------------------------------------------------------------------------------------------
// The op table and the generic entry point

/// The library version.
#[napi]
#[must_use]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Every operation: `op` (`refs.parse`), `function` (the core's snake_case name; the JS
/// export is its camelCase form) and `params` (`{name, optional}` in argument order).
#[napi(js_name = "ops", ts_return_type = "OpSpec[]")]
pub fn op_table(env: &Env) -> Result<Unknown<'_>> {
    env.to_js_value(&ops::OPS)
}

/// Runs the operation `op` (`<area>.<operation>`) on `input`, an object of its arguments by
/// their snake_case names, and returns its result.
/// Throws `ops.unknown_op` for an unknown name and `ops.invalid_argument` for a missing or
/// mistyped argument.
#[napi(
    ts_args_type = "op: string, input: Record<string, unknown>",
    ts_return_type = "unknown"
)]
pub fn call(env: &Env, op: String, input: Value) -> Result<Unknown<'_>> {
    convert(env, ops::call(&op, &input))
}

// ---------------------------------------------------------------------------------------------
// refs: Docker model (distribution/reference)

/// Parses a reference with the Docker grammar, without normalization (`refs.parse`,
/// distribution `Parse`).
#[napi(ts_return_type = "Reference")]
pub fn parse(env: &Env, reference: String) -> Result<Unknown<'_>> {
    convert(env, refs::parse(&reference))
}

/// Parses and normalizes a reference as Docker does: `busybox` is
/// `docker.io/library/busybox` (`refs.parse_normalized_named`, distribution
/// `ParseNormalizedNamed`).
#[napi(ts_return_type = "Reference")]
pub fn parse_normalized_named(env: &Env, reference: String) -> Result<Unknown<'_>> {
    convert(env, refs::parse_normalized_named(&reference))
}

/// Parses a reference that must already be in canonical (normalized) form
/// (`refs.parse_named`, distribution `ParseNamed`).
#[napi(ts_return_type = "Reference")]
pub fn parse_named(env: &Env, reference: String) -> Result<Unknown<'_>> {
    convert(env, refs::parse_named(&reference))
}

/// Parses a normalized reference or a bare digest / 64-hex identifier (`refs.parse_any_reference`,
/// distribution `ParseAnyReference`); a digest alone gives a `digest-only` reference.
#[napi(ts_return_type = "AnyReference")]
pub fn parse_any_reference(env: &Env, reference: String) -> Result<Unknown<'_>> {
    convert(env, refs::parse_any_reference(&reference))
}

/// Parses as distribution's `ParseDockerRef`: normalized, the tag dropped when a digest is
/// present, `latest` added to a bare name (`refs.parse_docker_ref`).
#[napi(ts_return_type = "Reference")]
pub fn parse_docker_ref(env: &Env, reference: String) -> Result<Unknown<'_>> {
    convert(env, refs::parse_docker_ref(&reference))
}

/// The normalized name without tag and digest (`refs.trim_named`, `TrimNamed`).
#[napi(ts_return_type = "Reference")]
pub fn trim_named(env: &Env, reference: String) -> Result<Unknown<'_>> {
    convert(env, refs::trim_named(&reference))
}

/// The normalized reference, `latest` added to a name alone (`refs.tag_name_only`,
/// `TagNameOnly`).
#[napi(ts_return_type = "Reference")]
pub fn tag_name_only(env: &Env, reference: String) -> Result<Unknown<'_>> {
    convert(env, refs::tag_name_only(&reference))
}

/// Sorts references as distribution's `Sort` does; parsable entries are printed in their
/// normalized form, unparsable ones follow (`refs.sort`).
#[napi]
#[must_use]
pub fn sort(references: Vec<String>) -> Vec<String> {
    refs::sort(&references)
}

/// A reference made of a name alone, not normalized (`refs.with_name`, `WithName`).
#[napi(ts_return_type = "Reference")]
pub fn with_name(env: &Env, name: String) -> Result<Unknown<'_>> {
    convert(env, refs::with_name(&name))
}

/// `WithName(name)`, then `WithDigest(digest)` when given, then `WithTag(tag)`
/// (`refs.with_tag`).
#[napi(ts_return_type = "Reference")]
pub fn with_tag(
    env: &Env,
    name: String,
    tag: String,
    digest: Option<String>,
) -> Result<Unknown<'_>> {
    convert(env, refs::with_tag(&name, &tag, digest.as_deref()))
}

/// `WithName(name)`, then `WithTag(tag)` when given, then `WithDigest(digest)`
/// (`refs.with_digest`).
#[napi(ts_return_type = "Reference")]
pub fn with_digest(
    env: &Env,
    name: String,
    digest: String,
    tag: Option<String>,
) -> Result<Unknown<'_>> {
    convert(env, refs::with_digest(&name, &digest, tag.as_deref()))
}

/// Whether the familiar form of `reference` (parsed with `ParseAnyReference`) matches the
/// `path.Match` glob `pattern` (`refs.familiar_match`, `FamiliarMatch`).
#[napi(ts_return_type = "Matched")]
pub fn familiar_match(env: &Env, reference: String, pattern: String) -> Result<Unknown<'_>> {
    convert(env, refs::familiar_match(&reference, &pattern))
}

/// Parses a digest as go-digest does (sha256, sha384, sha512) (`refs.digest_parse`).
#[napi(ts_return_type = "DigestParts")]
pub fn digest_parse(env: &Env, digest: String) -> Result<Unknown<'_>> {
    convert(env, refs::digest_parse(&digest))
}

/// Matches `input` against a whole grammar production (`domain`, `name`, `reference`,
/// `identifier`, `tag` or `digest`) and returns its capture groups (`refs.regexp`).
#[napi(ts_return_type = "ProductionMatch")]
pub fn regexp(env: &Env, production: String, input: String) -> Result<Unknown<'_>> {
    convert(env, refs::regexp(&production, &input))
}

/// Parses with the legacy grammar of containers/image's `docker/reference` fork
/// (`refs.legacy_parse`).
#[napi(ts_return_type = "LegacyReference")]
pub fn legacy_parse(env: &Env, reference: String) -> Result<Unknown<'_>> {
    convert(env, refs::legacy_parse(&reference))
}

/// Parses and normalizes with the legacy grammar (`refs.legacy_parse_normalized_named`).
#[napi(ts_return_type = "LegacyReference")]
pub fn legacy_parse_normalized_named(env: &Env, reference: String) -> Result<Unknown<'_>> {
    convert(env, refs::legacy_parse_normalized_named(&reference))
}

// ---------------------------------------------------------------------------------------------
// refs: OpenShift model (library-go DockerImageReference)

/// Parses a pull spec as OpenShift's library-go does and reports the output of every method
/// (`refs.openshift_parse`).
#[napi(ts_return_type = "OpenShiftReferenceReport")]
pub fn openshift_parse(env: &Env, reference: String) -> Result<Unknown<'_>> {
    convert(env, refs::openshift_parse(&reference))
}

/// Whether two pull specs are equal for library-go's `Equal` (`refs.openshift_equal`).
#[napi(ts_return_type = "Equal")]
pub fn openshift_equal(env: &Env, a: String, b: String) -> Result<Unknown<'_>> {
    convert(env, refs::openshift_equal(&a, &b))
}

/// Parses a digest with library-go's lenient parser (`refs.openshift_digest_parse`).
#[napi(ts_return_type = "DigestParts")]
pub fn openshift_digest_parse(env: &Env, digest: String) -> Result<Unknown<'_>> {
    convert(env, refs::openshift_digest_parse(&digest))
}

// ---------------------------------------------------------------------------------------------
// refs: image stream names and IDs

/// Parses a strict image stream tag name `<stream>:<tag>`
/// (`refs.parse_image_stream_tag_name`).
#[napi(ts_return_type = "ImageStreamTagName")]
pub fn parse_image_stream_tag_name(env: &Env, name: String) -> Result<Unknown<'_>> {
    convert(env, refs::parse_image_stream_tag_name(&name))
}

/// Parses a strict image stream image name `<stream>@<id>`
/// (`refs.parse_image_stream_image_name`).
#[napi(ts_return_type = "ImageStreamImageName")]
pub fn parse_image_stream_image_name(env: &Env, name: String) -> Result<Unknown<'_>> {
    convert(env, refs::parse_image_stream_image_name(&name))
}

/// Splits `name:tag` leniently; the tag is `latest` when empty (`refs.split_image_stream_tag`).
#[napi(ts_return_type = "SplitTag")]
pub fn split_image_stream_tag(env: &Env, name: String) -> Result<Unknown<'_>> {
    env.to_js_value(&refs::split_image_stream_tag(&name))
}

/// Splits `name@id` leniently (`refs.split_image_stream_image`).
#[napi(ts_return_type = "SplitImage")]
pub fn split_image_stream_image(env: &Env, name: String) -> Result<Unknown<'_>> {
    env.to_js_value(&refs::split_image_stream_image(&name))
}

/// Joins an image stream tag name `name:tag` (`refs.join_image_stream_tag`).
#[napi]
#[must_use]
pub fn join_image_stream_tag(name: String, tag: String) -> String {
    refs::join_image_stream_tag(&name, &tag)
}

/// Joins an image stream image name `name@id` (`refs.join_image_stream_image`).
#[napi]
#[must_use]
pub fn join_image_stream_image(name: String, id: String) -> String {
    refs::join_image_stream_image(&name, &id)
}

/// Whether image `image` matches the image ID or digest `id` (`refs.digest_or_image_match`).
#[napi(ts_return_type = "Matched")]
pub fn digest_or_image_match(env: &Env, image: String, id: String) -> Result<Unknown<'_>> {
    env.to_js_value(&refs::digest_or_image_match(&image, &id))
}

/// The short form of an image ID: the hex part of a digest, cut to `length` bytes
/// (`refs.short_docker_image_id`).
#[napi]
#[must_use]
pub fn short_docker_image_id(id: String, length: u32) -> String {
    // `u32` always fits the `usize` of the 32- and 64-bit targets napi supports.
    refs::short_docker_image_id(&id, usize::try_from(length).unwrap_or(usize::MAX))
}

/// The single image of `images` whose name matches the (short) image ID `id`
/// (`refs.resolve_image_id`); throws when none or several match.
#[napi(ts_return_type = "ResolvedImage")]
pub fn resolve_image_id(env: &Env, images: Vec<String>, id: String) -> Result<Unknown<'_>> {
    convert(env, refs::resolve_image_id(&images, &id))
}

/// The reasons an image stream name is invalid, `[]` when valid
/// (`refs.validate_image_stream_name`).
#[napi(ts_return_type = "ValidationErrors")]
pub fn validate_image_stream_name(env: &Env, name: String) -> Result<Unknown<'_>> {
    env.to_js_value(&refs::validate_image_stream_name(&name))
}

/// Every validation error of an image stream with that namespace, name and
/// `spec.dockerImageRepository` (absent = `""`) (`refs.validate_image_stream`).
#[napi(ts_return_type = "ValidationErrors")]
pub fn validate_image_stream(
    env: &Env,
    namespace: String,
    name: String,
    docker_image_repository: Option<String>,
) -> Result<Unknown<'_>> {
    env.to_js_value(&refs::validate_image_stream(
        &namespace,
        &name,
        docker_image_repository.as_deref(),
    ))
}

// ---------------------------------------------------------------------------------------------
// refs: imagePullPolicy

/// The `imagePullPolicy` Kubernetes gives a container with that image and no policy
/// (`refs.image_pull_policy_default`).
#[napi(ts_return_type = "PolicyDefault")]
pub fn image_pull_policy_default(env: &Env, image: String) -> Result<Unknown<'_>> {
    env.to_js_value(&refs::image_pull_policy_default(&image))
}

/// Kubernetes' `parsers.ParseImageName`: repository, tag (`latest` by default) and digest
/// (`refs.parse_image_name`).
#[napi(ts_return_type = "ImageName")]
pub fn parse_image_name(env: &Env, image: String) -> Result<Unknown<'_>> {
    convert(env, refs::parse_image_name(&image))
}

// ---------------------------------------------------------------------------------------------
// refs: registry scopes and policy.json

/// Whether `scope` is a valid registries.conf scope (`refs.is_valid_registries_conf_scope`).
#[napi(ts_return_type = "Valid")]
pub fn is_valid_registries_conf_scope(env: &Env, scope: String) -> Result<Unknown<'_>> {
    env.to_js_value(&refs::is_valid_registries_conf_scope(&scope))
}

/// Whether scope `sub` is nested inside scope `super` (MCO's rule)
/// (`refs.scope_is_nested_inside_scope`). The second parameter is `super` in the op table.
#[napi(ts_return_type = "Nested")]
pub fn scope_is_nested_inside_scope(
    env: &Env,
    sub: String,
    super_scope: String,
) -> Result<Unknown<'_>> {
    env.to_js_value(&refs::scope_is_nested_inside_scope(&sub, &super_scope))
}

/// The length in bytes of the registries.conf prefix `prefix` matched by `ref`, or `null`
/// (`refs.ref_matching_prefix`).
#[napi(
    ts_args_type = "ref: string, prefix: string",
    ts_return_type = "number | null"
)]
pub fn ref_matching_prefix(env: &Env, reference: String, prefix: String) -> Result<Unknown<'_>> {
    env.to_js_value(&refs::ref_matching_prefix(&reference, &prefix))
}

/// Whether `value` matches the IDMS/ITMS source and mirror patterns
/// (`refs.mirror_source_pattern`).
#[napi(ts_return_type = "MirrorSourcePattern")]
pub fn mirror_source_pattern(env: &Env, value: String) -> Result<Unknown<'_>> {
    env.to_js_value(&refs::mirror_source_pattern(&value))
}

/// MCO's `validateRegistriesConfScopes`: `{valid: true}`, or throws the first problem
/// (`refs.validate_registries_conf_scopes`). Every list is optional.
#[napi(ts_return_type = "Valid")]
pub fn validate_registries_conf_scopes(
    env: &Env,
    #[napi(ts_arg_type = "string[] | null")] insecure: Option<Value>,
    #[napi(ts_arg_type = "string[] | null")] blocked: Option<Value>,
    #[napi(ts_arg_type = "string[] | null")] allowed: Option<Value>,
    #[napi(ts_arg_type = "MirrorSetEntry[][] | null")] idms: Option<Value>,
    #[napi(ts_arg_type = "MirrorSetEntry[][] | null")] icsp: Option<Value>,
    #[napi(ts_arg_type = "MirrorSetEntry[][] | null")] itms: Option<Value>,
) -> Result<Unknown<'_>> {
    call_with(
        env,
        "refs.validate_registries_conf_scopes",
        [
            ("insecure", insecure),
            ("blocked", blocked),
            ("allowed", allowed),
            ("idms", idms),
            ("icsp", icsp),
            ("itms", itms),
        ],
    )
}

/// The policy.json identity and scopes of a `docker` transport reference (written without
/// `//`) (`refs.policy_namespaces`).
#[napi(ts_return_type = "PolicyScopes")]
pub fn policy_namespaces(env: &Env, reference: String) -> Result<Unknown<'_>> {
    convert(env, refs::policy_namespaces(&reference))
}

// ---------------------------------------------------------------------------------------------
// refs: allowedRegistriesForImport

/// The API server's import whitelist: built from `allowed`, extended by the
/// `whitelistRegistry` calls and `repositories`, then admitting exactly one of `pullSpec`,
/// `hostname` or `reference` over `transport` (`refs.import_whitelist`). Returns
/// `{admitted: true}` or throws the refusal.
#[napi(ts_return_type = "Admitted")]
#[allow(clippy::too_many_arguments)]
pub fn import_whitelist(
    env: &Env,
    #[napi(ts_arg_type = "AllowedRegistry[]")] allowed: Value,
    #[napi(ts_arg_type = "WhitelistTransport")] transport: String,
    #[napi(ts_arg_type = "WhitelistRegistryCall[] | null")] whitelist_registry: Option<Value>,
    repositories: Option<Vec<String>>,
    internal_registry_hostname: Option<String>,
    pull_spec: Option<String>,
    hostname: Option<String>,
    #[napi(ts_arg_type = "Partial<DockerImageReference> | null")] reference: Option<Value>,
) -> Result<Unknown<'_>> {
    call_with(
        env,
        "refs.import_whitelist",
        [
            ("allowed", Some(allowed)),
            ("transport", Some(Value::String(transport))),
            ("whitelist_registry", whitelist_registry),
            ("repositories", repositories.map(Value::from)),
            (
                "internal_registry_hostname",
                internal_registry_hostname.map(Value::String),
            ),
            ("pull_spec", pull_spec.map(Value::String)),
            ("hostname", hostname.map(Value::String)),
            ("reference", reference),
        ],
    )
}

/// Whether `value` matches the wildcard `pattern` (`*`, `?`; whole string, byte-wise)
/// (`refs.wildcard_match`).
#[napi(ts_return_type = "Matched")]
pub fn wildcard_match(env: &Env, value: String, pattern: String) -> Result<Unknown<'_>> {
    env.to_js_value(&refs::wildcard_match(&value, &pattern))
}

/// The canonical repository the API server keys a pull spec under:
/// `DockerClientDefaults().AsRepository().Exact()` (`refs.canonical_repository`).
#[napi(ts_return_type = "string")]
pub fn canonical_repository(env: &Env, reference: String) -> Result<Unknown<'_>> {
    convert(env, refs::canonical_repository(&reference))
}

// ---------------------------------------------------------------------------------------------
// Batch parsers

/// `parse` over a list: each item is the reference or `{error: {kind, message}}`; nothing is
/// thrown for a bad item.
#[napi(ts_return_type = "Array<Reference | BatchError>")]
pub fn parse_many(env: &Env, references: Vec<String>) -> Result<Unknown<'_>> {
    many(env, &references, refs::parse)
}

/// `parseNormalizedNamed` over a list: each item is the reference or
/// `{error: {kind, message}}`; nothing is thrown for a bad item.
#[napi(ts_return_type = "Array<Reference | BatchError>")]
pub fn parse_normalized_named_many(env: &Env, references: Vec<String>) -> Result<Unknown<'_>> {
    many(env, &references, refs::parse_normalized_named)
}

/// `openshiftParse` over a list: each item is the report or `{error: {kind, message}}`;
/// nothing is thrown for a bad item.
#[napi(ts_return_type = "Array<OpenShiftReferenceReport | BatchError>")]
pub fn openshift_parse_many(env: &Env, references: Vec<String>) -> Result<Unknown<'_>> {
    many(env, &references, refs::openshift_parse)
}
