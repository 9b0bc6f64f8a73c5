//! Node.js binding of `openshift-image` (napi-rs): one exported function per operation of
//! [`openshift_image::ops::OPS`] (camelCase), the `*Many` batch parsers, the op table
//! (`ops()`) and the generic `call(op, input)`.
//!
//! Naming rule (the same in every language): the operations of the `refs` area are exported
//! at the top level (`parseNormalizedNamed`); every other area is a namespace object named
//! after the area, holding one function per operation of that area
//! (`imagestreams.addTagEvent(stream, tag, event)`, `#[napi(namespace = "imagestreams")]`,
//! see [`imagestreams`], [`templates`], [`jsonpath`], [`mirrors`] and [`pull`]).
//!
//! The binding holds no logic: it converts arguments, calls the core and converts the result.
//! The conventions are shared with the WASM binding:
//!
//! * results are the core's serde form, serialized straight into JS values (no JSON text, no
//!   `serde_json::Value` for the typed functions): object keys are the core's snake_case keys
//!   (`familiar_name`) and absent optional values are `null`, never omitted;
//! * numbers are exact both ways ([`json`]): an integer result beyond 2^53 − 1 (which a JS
//!   `number` cannot hold) is a `BigInt`, any other number a `number`; a `BigInt` argument of
//!   any size is passed as that exact integer;
//! * a core error is thrown as a JS `Error` whose `message` is the error's `Display`, `code`
//!   its stable kind (`reference.invalid_format`, `ops.invalid_argument`, …), `area` its
//!   area (`reference`, `imagestream`, `template`, `jsonpath`, `mirror`, `pull`, `ops`) and,
//!   for a JSONPath error, `phase` (`parse` / `execute`); [`to_js_err`] is the one place that
//!   builds it;
//! * string arguments go straight to the typed functions of [`openshift_image::ops::refs`];
//!   any other argument (a missing one, a mistyped one, or one of a non-string parameter) is
//!   converted to JSON as the WASM binding converts it ([`json`]) and handed to
//!   [`openshift_image::ops::call`], which produces the `ops.invalid_argument` errors: the
//!   same `code`, `area` and `message` as the WASM binding for the same call;
//! * the TypeScript interfaces of the results live in `dts-header.d.ts`, which `napi build`
//!   puts at the top of the generated `index.d.ts`; each function names its interface with
//!   `ts_return_type`.

mod json;

use json::ConvertError;
use napi::ValueType;
use napi::bindgen_prelude::{
    Either, Env, FromNapiValue, JsObjectValue, JsValue, Object, Result, Unknown,
};
use napi_derive::napi;
use openshift_image::OpError;
use openshift_image::ops::{self, refs};
use serde::Serialize;
use serde_json::{Map, Value};

// ---------------------------------------------------------------------------------------------
// Conversion

/// The one error mapping: a core error becomes a JS `Error` with `message` = the core's
/// `Display`, `code` = [`OpError::kind`], `area` = [`OpError::area`] and, for a JSONPath
/// error, `phase` = [`OpError::phase`] (`parse` / `execute`; absent otherwise).
fn to_js_err(env: &Env, err: &OpError) -> napi::Error {
    let build = || -> Result<napi::Error> {
        let mut error = env.create_error(napi::Error::from_reason(err.to_string()))?;
        error.set_named_property("code", err.kind())?;
        error.set_named_property("area", err.area())?;
        if let Some(phase) = err.phase() {
            error.set_named_property("phase", phase)?;
        }
        Ok(napi::Error::from(error.to_unknown()))
    };
    // Building the object only fails when the JS engine does; keep the message then.
    build().unwrap_or_else(|_| napi::Error::from_reason(err.to_string()))
}

/// Serializes a typed core result into a JS value, or throws its error.
fn convert<'env, T: Serialize, E: Into<OpError>>(
    env: &Env,
    result: std::result::Result<T, E>,
) -> Result<Unknown<'env>> {
    match result {
        Ok(value) => env.to_js_value(&value),
        Err(err) => Err(to_js_err(env, &err.into())),
    }
}

/// Converts a JSON core result (the generic path) into a JS value with exact numbers
/// ([`json::to_js`]: integers beyond 2^53 − 1 are `BigInt`s), or throws its error.
fn convert_json<'env>(
    env: &'env Env,
    result: std::result::Result<Value, OpError>,
) -> Result<Unknown<'env>> {
    match result {
        Ok(value) => json::to_js(env, &value),
        Err(err) => Err(to_js_err(env, &err)),
    }
}

/// One item of a `*Many` result: the typed result, the generic path's result (for a
/// non-string item), or `{"error": {"kind", "message"}}`.
enum BatchItem<T> {
    Ok(T),
    Generic(Value),
    Err { error: BatchError },
}

impl<T: Serialize> BatchItem<T> {
    /// The item as a JS value.
    fn to_js<'env>(&self, env: &'env Env) -> Result<Unknown<'env>> {
        match self {
            Self::Ok(value) => env.to_js_value(value),
            Self::Generic(value) => json::to_js(env, value),
            Self::Err { error } => env.to_js_value(&BatchErrorItem { error }),
        }
    }
}

/// `{"error": {"kind", "message"}}`.
#[derive(Serialize)]
struct BatchErrorItem<'a> {
    error: &'a BatchError,
}

/// The error of one batch item.
#[derive(Serialize)]
struct BatchError {
    kind: &'static str,
    message: String,
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
/// mistyped argument, an `op` that is not a string or an `input` that is not an object.
#[napi(
    ts_args_type = "op: string, input: Record<string, unknown>",
    ts_return_type = "unknown"
)]
pub fn call<'env>(env: &'env Env, op: Unknown<'_>, input: Unknown<'_>) -> Result<Unknown<'env>> {
    if op.get_type()? != ValueType::String {
        let err = OpError::InvalidArgument {
            op: "call".to_owned(),
            param: "op".to_owned(),
            message: "expected a string".to_owned(),
        };
        return Err(to_js_err(env, &err));
    }
    let op = String::from_unknown(op)?;
    let input = match json::to_json(env, input) {
        Ok(input) => input,
        Err(ConvertError::Js(err)) => return Err(err),
        Err(ConvertError::Invalid(message)) => {
            let err = OpError::InvalidArgument {
                op,
                param: "input".to_owned(),
                message,
            };
            return Err(to_js_err(env, &err));
        }
    };
    convert_json(env, ops::call(&op, &input))
}

// ---------------------------------------------------------------------------------------------
// Arguments

/// An argument as JS passed it: a string (the typed fast path for a string parameter), or
/// any other value, which the generic path converts and the core then checks.
type Arg<'a> = Either<String, Unknown<'a>>;

/// Any argument, as JS passed it.
type AnyArg<'a> = Unknown<'a>;

/// Runs `op` through [`ops::call`] on the object of its arguments, given in the order of the
/// op's parameters: `undefined` and `null` are left out (absent), strings are JSON strings and
/// other values are converted by [`json::to_json`] (a value without a JSON form is
/// `ops.invalid_argument`, as in the WASM binding). The core reports a missing or mistyped
/// argument exactly as it does for every binding. The outer error is a JS exception thrown
/// while reading an argument (a throwing getter), rethrown as is.
fn generic_value<'a>(
    env: &Env,
    op: &str,
    args: impl IntoIterator<Item = Arg<'a>>,
) -> Result<std::result::Result<Value, OpError>> {
    generic_value_of(env, op, args.into_iter().map(Some))
}

/// [`generic_value`] for arguments that may be absent (`None`: an optional parameter that
/// napi read as `undefined` or `null`).
fn generic_value_of<'a>(
    env: &Env,
    op: &str,
    args: impl IntoIterator<Item = Option<Arg<'a>>>,
) -> Result<std::result::Result<Value, OpError>> {
    let Some(spec) = ops::spec(op) else {
        return Ok(Err(OpError::UnknownOp { op: op.to_owned() }));
    };
    let mut input = Map::new();
    for (param, arg) in spec.params.iter().zip(args) {
        let value = match arg {
            None => continue,
            Some(Either::A(s)) => Value::String(s),
            Some(Either::B(value)) => {
                if matches!(value.get_type()?, ValueType::Undefined | ValueType::Null) {
                    continue;
                }
                match json::to_json(env, value) {
                    Ok(value) => value,
                    Err(ConvertError::Js(err)) => return Err(err),
                    Err(ConvertError::Invalid(message)) => {
                        return Ok(Err(OpError::InvalidArgument {
                            op: op.to_owned(),
                            param: param.name.to_owned(),
                            message,
                        }));
                    }
                }
            }
        };
        input.insert(param.name.to_owned(), value);
    }
    Ok(ops::call(op, &Value::Object(input)))
}

/// [`generic_value`], converted to JS or thrown.
fn generic<'env, 'a>(
    env: &'env Env,
    op: &str,
    args: impl IntoIterator<Item = Arg<'a>>,
) -> Result<Unknown<'env>> {
    let result = generic_value(env, op, args)?;
    convert_json(env, result)
}

/// Declares the functions of one area's namespace (the operations outside `refs`): one
/// `#[napi(namespace = ..)]` function per operation, exported as `<area>.<camelCase name>`,
/// its parameters in `OPS` order (after the `;` the trailing optional ones, `Option<Unknown>`
/// so that the d.ts marks them `?`; an optional parameter that a required one follows comes
/// before the `;`, typed `T | null | undefined`, as TypeScript allows no `?` there), each with
/// its TypeScript type, and its return type. Every
/// argument goes the generic way ([`generic_value_of`]): converted to JSON with the bounds of
/// [`json::to_json`] and handed to [`ops::call`], which reports a missing or mistyped one.
macro_rules! area_ops {
    (namespace = $ns:literal; $(
        $(#[doc = $doc:literal])*
        $op:literal $name:ident ( $($arg:ident : $ts:literal),* $(; $($opt:ident : $ots:literal),+)? ) -> $ret:literal;
    )*) => {$(
        $(#[doc = $doc])*
        #[napi(namespace = $ns, ts_return_type = $ret)]
        // The JS signature is the operation's parameter list, however long.
        #[allow(clippy::too_many_arguments)]
        pub fn $name<'env>(
            env: &'env Env,
            $( #[napi(ts_arg_type = $ts)] $arg: Unknown<'_>, )*
            $($( #[napi(ts_arg_type = $ots)] $opt: Option<Unknown<'_>>, )+)?
        ) -> Result<Unknown<'env>> {
            let args = [$(Some(Either::B($arg)),)* $($($opt.map(Either::B),)+)?];
            let result = $crate::generic_value_of(env, $op, args)?;
            $crate::convert_json(env, result)
        }
    )*};
}

// The areas other than `refs`, one module each (after the macro they use).
pub mod imagestreams;
pub mod jsonpath;
pub mod mirrors;
pub mod pull;
pub mod templates;

/// Operations whose arguments are all strings: the typed core function when every argument
/// is a string, else [`generic`]. `fallible` functions return `Result`, `infallible` ones a
/// value.
macro_rules! string_ops {
    ($(
        $(#[doc = $doc:literal])*
        $kind:ident $op:literal $name:ident ( $($arg:ident),+ ) -> $ret:literal => $f:path;
    )*) => {$(
        $(#[doc = $doc])*
        #[napi(ts_return_type = $ret)]
        pub fn $name<'env>(env: &'env Env, $( #[napi(ts_arg_type = "string")] $arg: Arg<'_> ),+) -> Result<Unknown<'env>> {
            match ($($arg,)+) {
                ($(Either::A($arg),)+) => string_ops!(@call $kind env $f, $(&$arg),+),
                ($($arg,)+) => generic(env, $op, [$($arg),+]),
            }
        }
    )*};
    (@call fallible $env:ident $f:path, $($a:expr),+) => { convert($env, $f($($a),+)) };
    (@call infallible $env:ident $f:path, $($a:expr),+) => { $env.to_js_value(&$f($($a),+)) };
}

// ---------------------------------------------------------------------------------------------
// refs: the operations on strings

string_ops! {
    #[doc = "Parses a reference with the Docker grammar, without normalization (`refs.parse`, distribution `Parse`)."]
    fallible "refs.parse" parse(reference) -> "Reference" => refs::parse;
    #[doc = "Parses and normalizes a reference as Docker does: `busybox` is `docker.io/library/busybox` (`refs.parse_normalized_named`)."]
    fallible "refs.parse_normalized_named" parse_normalized_named(reference) -> "Reference" => refs::parse_normalized_named;
    #[doc = "Parses a reference that must already be in canonical (normalized) form (`refs.parse_named`)."]
    fallible "refs.parse_named" parse_named(reference) -> "Reference" => refs::parse_named;
    #[doc = "Parses a normalized reference or a bare digest / 64-hex identifier (`refs.parse_any_reference`); a digest alone gives a `digest-only` reference."]
    fallible "refs.parse_any_reference" parse_any_reference(reference) -> "AnyReference" => refs::parse_any_reference;
    #[doc = "Parses as distribution's `ParseDockerRef`: normalized, the tag dropped when a digest is present, `latest` added to a bare name (`refs.parse_docker_ref`)."]
    fallible "refs.parse_docker_ref" parse_docker_ref(reference) -> "Reference" => refs::parse_docker_ref;
    #[doc = "The normalized name without tag and digest (`refs.trim_named`)."]
    fallible "refs.trim_named" trim_named(reference) -> "Reference" => refs::trim_named;
    #[doc = "The normalized reference, `latest` added to a name alone (`refs.tag_name_only`)."]
    fallible "refs.tag_name_only" tag_name_only(reference) -> "Reference" => refs::tag_name_only;
    #[doc = "A reference made of a name alone, not normalized (`refs.with_name`)."]
    fallible "refs.with_name" with_name(name) -> "Reference" => refs::with_name;
    #[doc = "Whether the familiar form of `reference` matches the `path.Match` glob `pattern` (`refs.familiar_match`)."]
    fallible "refs.familiar_match" familiar_match(reference, pattern) -> "Matched" => refs::familiar_match;
    #[doc = "Parses a digest as go-digest does (sha256, sha384, sha512) (`refs.digest_parse`)."]
    fallible "refs.digest_parse" digest_parse(digest) -> "DigestParts" => refs::digest_parse;
    #[doc = "Matches `input` against a whole grammar production (`domain`, `name`, `reference`, `identifier`, `tag` or `digest`) and returns its capture groups (`refs.regexp`)."]
    fallible "refs.regexp" regexp(production, input) -> "ProductionMatch" => refs::regexp;
    #[doc = "Parses with the legacy grammar of containers/image's `docker/reference` fork (`refs.legacy_parse`)."]
    fallible "refs.legacy_parse" legacy_parse(reference) -> "LegacyReference" => refs::legacy_parse;
    #[doc = "Parses and normalizes with the legacy grammar (`refs.legacy_parse_normalized_named`)."]
    fallible "refs.legacy_parse_normalized_named" legacy_parse_normalized_named(reference) -> "LegacyReference" => refs::legacy_parse_normalized_named;
    #[doc = "Parses a pull spec as OpenShift's library-go does and reports the output of every method (`refs.openshift_parse`)."]
    fallible "refs.openshift_parse" openshift_parse(reference) -> "OpenShiftReferenceReport" => refs::openshift_parse;
    #[doc = "Whether two pull specs are equal for library-go's `Equal` (`refs.openshift_equal`)."]
    fallible "refs.openshift_equal" openshift_equal(a, b) -> "Equal" => refs::openshift_equal;
    #[doc = "Parses a digest with library-go's lenient parser (`refs.openshift_digest_parse`)."]
    fallible "refs.openshift_digest_parse" openshift_digest_parse(digest) -> "DigestParts" => refs::openshift_digest_parse;
    #[doc = "Parses a strict image stream tag name `<stream>:<tag>` (`refs.parse_image_stream_tag_name`)."]
    fallible "refs.parse_image_stream_tag_name" parse_image_stream_tag_name(name) -> "ImageStreamTagName" => refs::parse_image_stream_tag_name;
    #[doc = "Parses a strict image stream image name `<stream>@<id>` (`refs.parse_image_stream_image_name`)."]
    fallible "refs.parse_image_stream_image_name" parse_image_stream_image_name(name) -> "ImageStreamImageName" => refs::parse_image_stream_image_name;
    #[doc = "Splits `name:tag` leniently; the tag is `latest` when empty (`refs.split_image_stream_tag`)."]
    infallible "refs.split_image_stream_tag" split_image_stream_tag(name) -> "SplitTag" => refs::split_image_stream_tag;
    #[doc = "Splits `name@id` leniently (`refs.split_image_stream_image`)."]
    infallible "refs.split_image_stream_image" split_image_stream_image(name) -> "SplitImage" => refs::split_image_stream_image;
    #[doc = "Joins an image stream tag name `name:tag` (`refs.join_image_stream_tag`)."]
    infallible "refs.join_image_stream_tag" join_image_stream_tag(name, tag) -> "string" => refs::join_image_stream_tag;
    #[doc = "Joins an image stream image name `name@id` (`refs.join_image_stream_image`)."]
    infallible "refs.join_image_stream_image" join_image_stream_image(name, id) -> "string" => refs::join_image_stream_image;
    #[doc = "Whether image `image` matches the image ID or digest `id` (`refs.digest_or_image_match`)."]
    infallible "refs.digest_or_image_match" digest_or_image_match(image, id) -> "Matched" => refs::digest_or_image_match;
    #[doc = "The reasons an image stream name is invalid, `[]` when valid (`refs.validate_image_stream_name`)."]
    infallible "refs.validate_image_stream_name" validate_image_stream_name(name) -> "ValidationErrors" => refs::validate_image_stream_name;
    #[doc = "The `imagePullPolicy` Kubernetes gives a container with that image and no policy (`refs.image_pull_policy_default`)."]
    infallible "refs.image_pull_policy_default" image_pull_policy_default(image) -> "PolicyDefault" => refs::image_pull_policy_default;
    #[doc = "Kubernetes' `parsers.ParseImageName`: repository, tag (`latest` by default) and digest (`refs.parse_image_name`)."]
    fallible "refs.parse_image_name" parse_image_name(image) -> "ImageName" => refs::parse_image_name;
    #[doc = "Whether `scope` is a valid registries.conf scope (`refs.is_valid_registries_conf_scope`)."]
    infallible "refs.is_valid_registries_conf_scope" is_valid_registries_conf_scope(scope) -> "Valid" => refs::is_valid_registries_conf_scope;
    #[doc = "Whether scope `sub` is nested inside scope `superScope` (MCO's rule) (`refs.scope_is_nested_inside_scope`; the op table calls the second parameter `super`)."]
    infallible "refs.scope_is_nested_inside_scope" scope_is_nested_inside_scope(sub, super_scope) -> "Nested" => refs::scope_is_nested_inside_scope;
    #[doc = "Whether `value` matches the IDMS/ITMS source and mirror patterns (`refs.mirror_source_pattern`)."]
    infallible "refs.mirror_source_pattern" mirror_source_pattern(value) -> "MirrorSourcePattern" => refs::mirror_source_pattern;
    #[doc = "The policy.json identity and scopes of a `docker` transport reference, written without `//` (`refs.policy_namespaces`)."]
    fallible "refs.policy_namespaces" policy_namespaces(reference) -> "PolicyScopes" => refs::policy_namespaces;
    #[doc = "Whether `value` matches the wildcard `pattern` (`*`, `?`; whole string, byte-wise) (`refs.wildcard_match`)."]
    infallible "refs.wildcard_match" wildcard_match(value, pattern) -> "Matched" => refs::wildcard_match;
    #[doc = "The canonical repository the API server keys a pull spec under: `DockerClientDefaults().AsRepository().Exact()` (`refs.canonical_repository`)."]
    fallible "refs.canonical_repository" canonical_repository(reference) -> "string" => refs::canonical_repository;
}

// ---------------------------------------------------------------------------------------------
// refs: operations with other argument types (through the core's generic path)

/// `WithName(name)`, then `WithDigest(digest)` when given, then `WithTag(tag)`
/// (`refs.with_tag`).
#[napi(
    ts_args_type = "name: string, tag: string, digest?: string | undefined | null",
    ts_return_type = "Reference"
)]
pub fn with_tag<'env>(
    env: &'env Env,
    name: AnyArg<'_>,
    tag: AnyArg<'_>,
    digest: AnyArg<'_>,
) -> Result<Unknown<'env>> {
    generic(env, "refs.with_tag", [name, tag, digest].map(Either::B))
}

/// `WithName(name)`, then `WithTag(tag)` when given, then `WithDigest(digest)`
/// (`refs.with_digest`).
#[napi(
    ts_args_type = "name: string, digest: string, tag?: string | undefined | null",
    ts_return_type = "Reference"
)]
pub fn with_digest<'env>(
    env: &'env Env,
    name: AnyArg<'_>,
    digest: AnyArg<'_>,
    tag: AnyArg<'_>,
) -> Result<Unknown<'env>> {
    generic(env, "refs.with_digest", [name, digest, tag].map(Either::B))
}

/// Sorts references as distribution's `Sort` does; parsable entries are printed in their
/// normalized form, unparsable ones follow (`refs.sort`).
#[napi(
    ts_args_type = "references: Array<string>",
    ts_return_type = "Array<string>"
)]
pub fn sort<'env>(env: &'env Env, references: AnyArg<'_>) -> Result<Unknown<'env>> {
    generic(env, "refs.sort", [Either::B(references)])
}

/// The short form of an image ID: the hex part of a digest, cut to `length` bytes
/// (`refs.short_docker_image_id`).
#[napi(ts_args_type = "id: string, length: number", ts_return_type = "string")]
pub fn short_docker_image_id<'env>(
    env: &'env Env,
    id: AnyArg<'_>,
    length: AnyArg<'_>,
) -> Result<Unknown<'env>> {
    generic(
        env,
        "refs.short_docker_image_id",
        [id, length].map(Either::B),
    )
}

/// The single image of `images` whose name matches the (short) image ID `id`
/// (`refs.resolve_image_id`); throws when none or several match.
#[napi(
    ts_args_type = "images: Array<string>, id: string",
    ts_return_type = "ResolvedImage"
)]
pub fn resolve_image_id<'env>(
    env: &'env Env,
    images: AnyArg<'_>,
    id: AnyArg<'_>,
) -> Result<Unknown<'env>> {
    generic(env, "refs.resolve_image_id", [images, id].map(Either::B))
}

/// Every validation error of an image stream with that namespace, name and
/// `spec.dockerImageRepository` (absent = `""`) (`refs.validate_image_stream`).
#[napi(
    ts_args_type = "namespace: string, name: string, dockerImageRepository?: string | undefined | null",
    ts_return_type = "ValidationErrors"
)]
pub fn validate_image_stream<'env>(
    env: &'env Env,
    namespace: AnyArg<'_>,
    name: AnyArg<'_>,
    docker_image_repository: AnyArg<'_>,
) -> Result<Unknown<'env>> {
    let args = [namespace, name, docker_image_repository];
    generic(env, "refs.validate_image_stream", args.map(Either::B))
}

/// The length in bytes of the registries.conf prefix `prefix` matched by `ref`, or `null`
/// (`refs.ref_matching_prefix`).
#[napi(
    ts_args_type = "ref: string, prefix: string",
    ts_return_type = "number | null"
)]
pub fn ref_matching_prefix<'env>(
    env: &'env Env,
    reference: Arg<'_>,
    prefix: Arg<'_>,
) -> Result<Unknown<'env>> {
    match (reference, prefix) {
        (Either::A(reference), Either::A(prefix)) => {
            env.to_js_value(&refs::ref_matching_prefix(&reference, &prefix))
        }
        (reference, prefix) => generic(env, "refs.ref_matching_prefix", [reference, prefix]),
    }
}

/// MCO's `validateRegistriesConfScopes`: `{valid: true}`, or throws the first problem
/// (`refs.validate_registries_conf_scopes`). Every list is optional.
#[napi(
    ts_args_type = "insecure?: string[] | null, blocked?: string[] | null, allowed?: string[] | null, idms?: MirrorSetEntry[][] | null, icsp?: MirrorSetEntry[][] | null, itms?: MirrorSetEntry[][] | null",
    ts_return_type = "Valid"
)]
pub fn validate_registries_conf_scopes<'env>(
    env: &'env Env,
    insecure: AnyArg<'_>,
    blocked: AnyArg<'_>,
    allowed: AnyArg<'_>,
    idms: AnyArg<'_>,
    icsp: AnyArg<'_>,
    itms: AnyArg<'_>,
) -> Result<Unknown<'env>> {
    let args = [insecure, blocked, allowed, idms, icsp, itms];
    generic(
        env,
        "refs.validate_registries_conf_scopes",
        args.map(Either::B),
    )
}

/// The API server's import whitelist: built from `allowed`, extended by the
/// `whitelistRegistry` calls and `repositories`, then admitting exactly one of `pullSpec`,
/// `hostname` or `reference` over `transport` (`refs.import_whitelist`). Returns
/// `{admitted: true}` or throws the refusal.
#[napi(
    ts_args_type = "allowed: AllowedRegistry[], transport: WhitelistTransport, whitelistRegistry?: WhitelistRegistryCall[] | null, repositories?: Array<string> | undefined | null, internalRegistryHostname?: string | undefined | null, pullSpec?: string | undefined | null, hostname?: string | undefined | null, reference?: Partial<DockerImageReference> | null",
    ts_return_type = "Admitted"
)]
#[allow(clippy::too_many_arguments)]
pub fn import_whitelist<'env>(
    env: &'env Env,
    allowed: AnyArg<'_>,
    transport: AnyArg<'_>,
    whitelist_registry: AnyArg<'_>,
    repositories: AnyArg<'_>,
    internal_registry_hostname: AnyArg<'_>,
    pull_spec: AnyArg<'_>,
    hostname: AnyArg<'_>,
    reference: AnyArg<'_>,
) -> Result<Unknown<'env>> {
    let args = [
        allowed,
        transport,
        whitelist_registry,
        repositories,
        internal_registry_hostname,
        pull_spec,
        hostname,
        reference,
    ];
    generic(env, "refs.import_whitelist", args.map(Either::B))
}

// ---------------------------------------------------------------------------------------------
// Batch parsers

/// Maps the single-string operation `op` over a JS array: each item is its result, or
/// `{error: {kind, message}}` where the single call would throw (a non-string item goes the
/// generic path, as in the single call). Throws `ops.invalid_argument` when `references` is
/// not an array.
fn batch<'env, T: Serialize, E: Into<OpError>>(
    env: &'env Env,
    op: &str,
    references: AnyArg<'_>,
    parse: impl Fn(&str) -> std::result::Result<T, E>,
) -> Result<Unknown<'env>> {
    let Some(len) = json::array_length_of(env, references)? else {
        let err = OpError::InvalidArgument {
            op: format!("{op}_many"),
            param: "references".to_owned(),
            message: "expected an array".to_owned(),
        };
        return Err(to_js_err(env, &err));
    };
    let list = Object::from_unknown(references)?;
    // The length of a sparse array (or one a proxy reports) may be huge: reserve a bounded
    // amount up front.
    let reserve = len.min(1 << 16).try_into().unwrap_or(0);
    let mut items: Vec<BatchItem<T>> = Vec::with_capacity(reserve);
    for i in 0..len {
        let item: Unknown<'_> = list.get_element(i)?;
        let result = if item.get_type()? == ValueType::String {
            parse(&String::from_unknown(item)?)
                .map(BatchItem::Ok)
                .map_err(Into::into)
        } else {
            generic_value(env, op, [Either::B(item)])?.map(BatchItem::Generic)
        };
        items.push(result.unwrap_or_else(|e| BatchItem::Err {
            error: BatchError {
                kind: e.kind(),
                message: e.to_string(),
            },
        }));
    }
    let mut array = Object::from_unknown(env.create_array(len)?.to_unknown())?;
    for (index, item) in (0..len).zip(&items) {
        array.set_element(index, item.to_js(env)?)?;
    }
    Ok(array.to_unknown())
}

/// `parse` over a list: each item is the reference or `{error: {kind, message}}`; nothing is
/// thrown for a bad item.
#[napi(
    ts_args_type = "references: Array<string>",
    ts_return_type = "Array<Reference | BatchError>"
)]
pub fn parse_many<'env>(env: &'env Env, references: AnyArg<'_>) -> Result<Unknown<'env>> {
    batch(env, "refs.parse", references, refs::parse)
}

/// `parseNormalizedNamed` over a list: each item is the reference or
/// `{error: {kind, message}}`; nothing is thrown for a bad item.
#[napi(
    ts_args_type = "references: Array<string>",
    ts_return_type = "Array<Reference | BatchError>"
)]
pub fn parse_normalized_named_many<'env>(
    env: &'env Env,
    references: AnyArg<'_>,
) -> Result<Unknown<'env>> {
    batch(
        env,
        "refs.parse_normalized_named",
        references,
        refs::parse_normalized_named,
    )
}

/// `openshiftParse` over a list: each item is the report or `{error: {kind, message}}`;
/// nothing is thrown for a bad item.
#[napi(
    ts_args_type = "references: Array<string>",
    ts_return_type = "Array<OpenShiftReferenceReport | BatchError>"
)]
pub fn openshift_parse_many<'env>(env: &'env Env, references: AnyArg<'_>) -> Result<Unknown<'env>> {
    batch(
        env,
        "refs.openshift_parse",
        references,
        refs::openshift_parse,
    )
}
