//! WebAssembly bindings of `openshift-image` (wasm-bindgen), published on npm as
//! `openshift-image-wasm` for browsers (`wasm-bindgen --target web`) and Node.js
//! (`--target nodejs`).
//!
//! One JavaScript function per operation of [`openshift_image::ops::OPS`], named after its
//! `function` in camelCase (`refs.parse_normalized_named` → `parseNormalizedNamed`), taking the
//! operation's parameters in order; plus `ops()` (the operation table), `call(op, input)` (any
//! operation by name on an object of arguments) and the batch parsers `parseMany`,
//! `parseNormalizedNamedMany` and `openshiftParseMany`.
//!
//! Conventions shared with the Node (napi-rs) and Python bindings:
//!
//! * results are plain objects with the core's snake_case keys (`familiar_name`); absent
//!   optional values are `null` and their keys are always present;
//! * an error is a real JS `Error` whose `message` is the core's message, `code` its stable kind
//!   string (`reference.invalid_format`, `ops.invalid_argument`, ...), `area` its area and, for
//!   a JSONPath error, `phase` (`parse` / `execute`);
//! * a missing or mistyped argument is the core's `ops.invalid_argument` error;
//! * numbers are exact both ways: an integer result beyond 2^53 − 1 (which a JS `number`
//!   cannot hold) is a `BigInt`, any other number a `number`; a `BigInt` argument of any size
//!   is passed as that exact integer.
//!
//! Naming rule (the same in every language): the operations of the `refs` area are exported
//! at the top level (`parseNormalizedNamed`); every other area is a namespace object named
//! after the area, holding one function per operation of that area
//! (`imagestreams.addTagEvent(stream, tag, event)`: `js_namespace = imagestreams` on the
//! exports, see [`imagestreams`], [`templates`], [`jsonpath`], [`mirrors`] and [`pull`]). Where such an operation has
//! an optional `now` and the caller omits it, the binding passes the JavaScript clock's current
//! time (the core has no clock on wasm32); randomness (generated template values) comes from
//! `crypto.getRandomValues` (getrandom's `wasm_js` backend).
//!
//! The crate holds no logic: string arguments go straight to the typed functions of
//! [`openshift_image::ops::refs`]; any other argument is converted to JSON and handed to
//! [`openshift_image::ops::call`], which also produces the argument errors. [`to_js_err`] is the
//! one error mapping.

use js_sys::{Array, Error as JsError, Reflect};
use openshift_image::OpError;
use openshift_image::ReferenceError;
use openshift_image::ops::{self, refs};
use serde::Serialize;
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

// The result interfaces are the Node binding's, read from its header file, so code typed
// against one package type-checks against the other.
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = include_str!("../../bindings-node/dts-header.d.ts");

// wasm-bindgen declares the function behind a namespaced export at the top level of the
// `.d.ts` (`declare function imagestreams__addTagEvent`, referenced by `export let
// imagestreams: {addTagEvent: typeof imagestreams__addTagEvent, ...}`). A declaration file
// without an export statement of its own exports every top-level declaration implicitly;
// `export {}` limits the module's exports to the ones marked `export`, which exist at run time.
#[wasm_bindgen(typescript_custom_section)]
const TS_EXPLICIT_EXPORTS: &'static str = "export {};";

/// The one error mapping: a JS `Error` whose `message` is the core's message, with `code` =
/// the stable kind string, `area` = the error's area and, for a JSONPath error, `phase` =
/// [`OpError::phase`] (`parse` / `execute`; absent otherwise).
#[must_use]
pub fn to_js_err(err: &OpError) -> JsValue {
    let js = JsError::new(&err.to_string());
    // Setting a property on a fresh Error object cannot fail.
    let _ = Reflect::set(
        &js,
        &JsValue::from_str("code"),
        &JsValue::from_str(err.kind()),
    );
    let _ = Reflect::set(
        &js,
        &JsValue::from_str("area"),
        &JsValue::from_str(err.area()),
    );
    if let Some(phase) = err.phase() {
        let _ = Reflect::set(&js, &JsValue::from_str("phase"), &JsValue::from_str(phase));
    }
    js.into()
}

/// Converts a result to JS: plain objects, `null` for absent values.
fn to_js<T: Serialize + ?Sized>(op: &str, value: &T) -> Result<JsValue, OpError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| OpError::Output {
            op: op.to_owned(),
            message: e.to_string(),
        })
}

/// The outcome of a typed core function: a `Result` or an infallible value.
trait Outcome {
    /// The result type.
    type Value: Serialize;
    /// As a `Result`.
    fn into_result(self) -> Result<Self::Value, OpError>;
}

impl<T: Serialize> Outcome for Result<T, ReferenceError> {
    type Value = T;
    fn into_result(self) -> Result<T, OpError> {
        self.map_err(OpError::from)
    }
}

macro_rules! infallible {
    ($($t:ty),*) => {$(
        impl Outcome for $t {
            type Value = $t;
            fn into_result(self) -> Result<$t, OpError> {
                Ok(self)
            }
        }
    )*};
}

infallible!(
    String,
    Option<usize>,
    refs::Matched,
    refs::Valid,
    refs::Nested,
    refs::SplitTag,
    refs::SplitImage,
    refs::ValidationErrors,
    refs::PolicyDefault,
    refs::MirrorSourcePattern
);

/// Runs `op` through [`ops::call`] on the object of its arguments (`args` in the order of the
/// op's parameters; `undefined` and `null` are left out, as absent).
fn generic_value(op: &str, args: &[&JsValue]) -> Result<Value, OpError> {
    let spec = ops::spec(op).ok_or_else(|| OpError::UnknownOp { op: op.to_owned() })?;
    let mut input = Map::new();
    for (param, arg) in spec.params.iter().zip(args) {
        if arg.is_undefined() || arg.is_null() {
            continue;
        }
        let value: Value = to_json(arg).map_err(|message| OpError::InvalidArgument {
            op: op.to_owned(),
            param: param.name.to_owned(),
            message,
        })?;
        input.insert(param.name.to_owned(), value);
    }
    ops::call(op, &Value::Object(input))
}

/// The deepest nesting of arrays and objects converted (as in the Node binding).
const MAX_DEPTH: usize = 1000;

/// The most values one conversion visits (as in the Node binding).
const MAX_VALUES: usize = 10_000_000;

/// A JS value as JSON (serde-wasm-bindgen's rules and messages, see [`json_of`]), after
/// checking its nesting and size: the conversion recurses, and a deep or cyclic value would
/// overflow the module's stack and leave the instance unusable. The check walks the value
/// without recursion and refuses an array or object nested [`MAX_DEPTH`] levels deep (a
/// cycle included) or more than [`MAX_VALUES`] values, with the Node binding's texts.
fn to_json(value: &JsValue) -> Result<Value, String> {
    let mut pending: Vec<(JsValue, usize)> = vec![(value.clone(), 0)];
    let mut visited = 0usize;
    while let Some((value, depth)) = pending.pop() {
        visited += 1;
        if visited > MAX_VALUES {
            return Err(format!("more than {MAX_VALUES} values"));
        }
        if !value.is_object() || value.is_function() {
            continue;
        }
        if depth >= MAX_DEPTH {
            return Err(format!("nested more than {MAX_DEPTH} levels deep"));
        }
        // The children serde-wasm-bindgen reads: array elements, a Map's values, a plain
        // object's own enumerable values. Other objects convert without recursing (or fail).
        let children: Array = if Array::is_array(&value) {
            Array::from(&value)
        } else if let Some(map) = value.dyn_ref::<js_sys::Map>() {
            Array::from(&map.values().into())
        } else if Reflect::has(&value, &js_sys::Symbol::iterator()).unwrap_or(true) {
            continue;
        } else {
            js_sys::Object::values(value.unchecked_ref())
        };
        for child in children.iter() {
            pending.push((child, depth + 1));
        }
    }
    json_of(value).map_err(|e| e.to_string())
}

/// serde-wasm-bindgen's `from_value::<serde_json::Value>` with exact `BigInt`s: a `BigInt` of
/// any size is that exact integer (serde-wasm-bindgen reads only those of `i64` or `u64`, and
/// `serde_json` keeps a number's text under `arbitrary_precision`). Arrays, `Map`s and plain
/// objects are walked here, in serde-wasm-bindgen's order (a `Map` by its iterator, a plain
/// object by `Object.entries`); every other value, and a `Map` key, is read by
/// serde-wasm-bindgen itself, so the values and the messages are its own.
fn json_of(value: &JsValue) -> Result<Value, serde_wasm_bindgen::Error> {
    if let Some(big) = value.dyn_ref::<js_sys::BigInt>() {
        let text = String::from(
            big.to_string(10)
                .map_err(|e| serde_wasm_bindgen::Error::new(format!("{e:?}")))?,
        );
        return text
            .parse()
            .map(Value::Number)
            .map_err(|_| serde_wasm_bindgen::Error::new(format!("invalid BigInt {text}")));
    }
    if !value.is_object() || value.is_function() {
        return serde_wasm_bindgen::from_value(value.clone());
    }
    if Array::is_array(value) {
        let array: &Array = value.unchecked_ref();
        return array.iter().map(|item| json_of(&item)).collect();
    }
    let bytes = value.is_instance_of::<js_sys::Uint8Array>()
        || value.is_instance_of::<js_sys::ArrayBuffer>();
    if let Some(map) = value.dyn_ref::<js_sys::Map>().filter(|_| !bytes) {
        let mut out = Map::new();
        for entry in map.entries().into_iter() {
            let entry: Array = entry
                .map_err(|e| serde_wasm_bindgen::Error::new(format!("{e:?}")))?
                .unchecked_into();
            let key: MapKey = serde_wasm_bindgen::from_value(entry.get(0))?;
            out.insert(key.0, json_of(&entry.get(1))?);
        }
        return Ok(Value::Object(out));
    }
    if bytes || Reflect::has(value, &js_sys::Symbol::iterator()).unwrap_or(true) {
        return serde_wasm_bindgen::from_value(value.clone());
    }
    let mut out = Map::new();
    for entry in js_sys::Object::entries(value.unchecked_ref()).iter() {
        let entry: Array = entry.unchecked_into();
        let key = entry.get(0).as_string().unwrap_or_default();
        out.insert(key, json_of(&entry.get(1))?);
    }
    Ok(Value::Object(out))
}

/// An object key as `serde_json::Value` reads one (its `KeyClassifier`): a string, or
/// serde-wasm-bindgen's "expected a string key" error.
struct MapKey(String);

impl<'de> serde::Deserialize<'de> for MapKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = MapKey;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string key")
            }
            fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<MapKey, E> {
                Ok(MapKey(key.to_owned()))
            }
            fn visit_string<E: serde::de::Error>(self, key: String) -> Result<MapKey, E> {
                Ok(MapKey(key))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// `Number.MAX_SAFE_INTEGER`: 2^53 − 1.
const MAX_SAFE_INTEGER: u64 = 9_007_199_254_740_991;

/// A JSON result as a JS value, as the Node binding converts it: objects are plain objects,
/// `null` is `null`; a number is a JS `number` when it is a float (its text has a fraction or
/// an exponent) or a safe integer (|n| ≤ 2^53 − 1), and a `BigInt` when it is an integer
/// beyond that, so no integer is rounded. Recursive: results are nested at most as deep as
/// the core builds them.
fn value_to_js(value: &Value) -> JsValue {
    match value {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => number_to_js(n),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => items.iter().map(value_to_js).collect::<Array>().into(),
        Value::Object(fields) => {
            let object = js_sys::Object::new();
            for (key, item) in fields {
                // Defining a data property on a fresh plain object cannot fail.
                let _ = Reflect::set(&object, &JsValue::from_str(key), &value_to_js(item));
            }
            object.into()
        }
    }
}

/// A JSON number as a JS value: a `number` for a float or a safe integer, else a `BigInt`.
fn number_to_js(n: &serde_json::Number) -> JsValue {
    let text = n.as_str();
    if text.contains(['.', 'e', 'E']) {
        return JsValue::from_f64(text.parse().unwrap_or(f64::NAN));
    }
    if let Some(i) = n.as_i64()
        && i.unsigned_abs() <= MAX_SAFE_INTEGER
    {
        #[allow(clippy::cast_precision_loss)] // |i| ≤ 2^53 − 1: exact.
        return JsValue::from_f64(i as f64);
    }
    js_sys::BigInt::new(&JsValue::from_str(text)).map_or_else(JsValue::from, JsValue::from)
}

/// [`generic_value`], converted to JS ([`value_to_js`]: exact numbers).
fn generic(op: &str, args: &[&JsValue]) -> Result<JsValue, OpError> {
    Ok(value_to_js(&generic_value(op, args)?))
}

/// The typed fast path when every argument is a string; otherwise [`generic`] (which reports
/// a missing or mistyped argument exactly as [`ops::call`] does).
///
/// Docs are written `#[doc = "..."]` in the invocation: wasm-bindgen copies a doc literal's
/// token text into the `.d.ts`, and `///` comments passed through a macro become raw strings.
macro_rules! string_ops {
    ($(
        $(#[doc = $doc:literal])*
        $op:literal $js:literal $name:ident ( $($arg:ident $(= $arg_js:literal)?),+ ) -> $ret:literal
            => $f:path;
    )*) => {$(
        $(#[doc = $doc])*
        ///
        /// Throws the core's error as an `OpError` (`code` = its kind).
        #[wasm_bindgen(js_name = $js, unchecked_return_type = $ret)]
        pub fn $name(
            $( #[wasm_bindgen(unchecked_param_type = "string" $(, js_name = $arg_js)?)] $arg: JsValue ),+
        ) -> Result<JsValue, JsValue> {
            fn run($($arg: &JsValue),+) -> Result<JsValue, OpError> {
                match ($($arg.as_string(),)+) {
                    ($(Some($arg),)+) => to_js($op, &Outcome::into_result($f($(&$arg),+))?),
                    _ => generic($op, &[$($arg),+]),
                }
            }
            run($(&$arg),+).map_err(|e| to_js_err(&e))
        }
    )*};
}

string_ops! {
    #[doc = " `refs.parse`: distribution/reference `Parse` (no normalization)."]
    "refs.parse" "parse" parse(reference) -> "Reference" => refs::parse;
    #[doc = " `refs.parse_normalized_named`: `ParseNormalizedNamed` (`busybox` →"]
    #[doc = " `docker.io/library/busybox`)."]
    "refs.parse_normalized_named" "parseNormalizedNamed" parse_normalized_named(reference)
        -> "Reference" => refs::parse_normalized_named;
    #[doc = " `refs.parse_named`: `ParseNamed` (normalized, and must already be canonical)."]
    "refs.parse_named" "parseNamed" parse_named(reference) -> "Reference" => refs::parse_named;
    #[doc = " `refs.parse_any_reference`: `ParseAnyReference` (may be digest-only)."]
    "refs.parse_any_reference" "parseAnyReference" parse_any_reference(reference) -> "AnyReference"
        => refs::parse_any_reference;
    #[doc = " `refs.parse_docker_ref`: `ParseDockerRef` (tag dropped when a digest is present,"]
    #[doc = " `latest` added to a bare name)."]
    "refs.parse_docker_ref" "parseDockerRef" parse_docker_ref(reference) -> "Reference"
        => refs::parse_docker_ref;
    #[doc = " `refs.trim_named`: the normalized name without tag and digest."]
    "refs.trim_named" "trimNamed" trim_named(reference) -> "Reference" => refs::trim_named;
    #[doc = " `refs.tag_name_only`: the normalized reference, `latest` added to a name alone."]
    "refs.tag_name_only" "tagNameOnly" tag_name_only(reference) -> "Reference"
        => refs::tag_name_only;
    #[doc = " `refs.with_name`: `WithName` (no normalization)."]
    "refs.with_name" "withName" with_name(name) -> "Reference" => refs::with_name;
    #[doc = " `refs.familiar_match`: `FamiliarMatch(pattern, ParseAnyReference(reference))`."]
    "refs.familiar_match" "familiarMatch" familiar_match(reference, pattern) -> "Matched"
        => refs::familiar_match;
    #[doc = " `refs.digest_parse`: go-digest `Parse`."]
    "refs.digest_parse" "digestParse" digest_parse(digest) -> "DigestParts" => refs::digest_parse;
    #[doc = " `refs.regexp`: whether `input` matches a grammar production (`domain`, `name`,"]
    #[doc = " `reference`, `identifier`, `tag`, `digest`) as a whole, and its capture groups."]
    "refs.regexp" "regexp" regexp(production, input) -> "ProductionMatch" => refs::regexp;
    #[doc = " `refs.legacy_parse`: containers/image `docker/reference.Parse` (legacy grammar)."]
    "refs.legacy_parse" "legacyParse" legacy_parse(reference) -> "LegacyReference"
        => refs::legacy_parse;
    #[doc = " `refs.legacy_parse_normalized_named`: the legacy grammar's `ParseNormalizedNamed`."]
    "refs.legacy_parse_normalized_named" "legacyParseNormalizedNamed"
        legacy_parse_normalized_named(reference) -> "LegacyReference"
        => refs::legacy_parse_normalized_named;
    #[doc = " `refs.openshift_parse`: library-go `DockerImageReference` parse and every method's"]
    #[doc = " output."]
    "refs.openshift_parse" "openshiftParse" openshift_parse(reference)
        -> "OpenShiftReferenceReport" => refs::openshift_parse;
    #[doc = " `refs.openshift_equal`: both parsed as `DockerImageReference`, then `Equal`."]
    "refs.openshift_equal" "openshiftEqual" openshift_equal(a, b) -> "Equal"
        => refs::openshift_equal;
    #[doc = " `refs.openshift_digest_parse`: library-go's lenient digest parser."]
    "refs.openshift_digest_parse" "openshiftDigestParse" openshift_digest_parse(digest)
        -> "DigestParts" => refs::openshift_digest_parse;
    #[doc = " `refs.parse_image_stream_tag_name`: `stream:tag`."]
    "refs.parse_image_stream_tag_name" "parseImageStreamTagName"
        parse_image_stream_tag_name(name) -> "ImageStreamTagName"
        => refs::parse_image_stream_tag_name;
    #[doc = " `refs.parse_image_stream_image_name`: `stream@id`."]
    "refs.parse_image_stream_image_name" "parseImageStreamImageName"
        parse_image_stream_image_name(name) -> "ImageStreamImageName"
        => refs::parse_image_stream_image_name;
    #[doc = " `refs.split_image_stream_tag`: lenient split of `name:tag` (never fails)."]
    "refs.split_image_stream_tag" "splitImageStreamTag" split_image_stream_tag(name)
        -> "SplitTag" => refs::split_image_stream_tag;
    #[doc = " `refs.split_image_stream_image`: lenient split of `name@id` (never fails)."]
    "refs.split_image_stream_image" "splitImageStreamImage" split_image_stream_image(name)
        -> "SplitImage" => refs::split_image_stream_image;
    #[doc = " `refs.join_image_stream_tag`: `name:tag`."]
    "refs.join_image_stream_tag" "joinImageStreamTag" join_image_stream_tag(name, tag)
        -> "string" => refs::join_image_stream_tag;
    #[doc = " `refs.join_image_stream_image`: `name@id`."]
    "refs.join_image_stream_image" "joinImageStreamImage" join_image_stream_image(name, id)
        -> "string" => refs::join_image_stream_image;
    #[doc = " `refs.digest_or_image_match`: whether `id` designates `image`."]
    "refs.digest_or_image_match" "digestOrImageMatch" digest_or_image_match(image, id)
        -> "Matched" => refs::digest_or_image_match;
    #[doc = " `refs.validate_image_stream_name`: the reasons the name is invalid (`[]` when valid)."]
    "refs.validate_image_stream_name" "validateImageStreamName" validate_image_stream_name(name)
        -> "ValidationErrors" => refs::validate_image_stream_name;
    #[doc = " `refs.image_pull_policy_default`: Kubernetes' default `imagePullPolicy` for an image."]
    "refs.image_pull_policy_default" "imagePullPolicyDefault" image_pull_policy_default(image)
        -> "PolicyDefault" => refs::image_pull_policy_default;
    #[doc = " `refs.parse_image_name`: Kubernetes' `parsers.ParseImageName`."]
    "refs.parse_image_name" "parseImageName" parse_image_name(image) -> "ImageName"
        => refs::parse_image_name;
    #[doc = " `refs.is_valid_registries_conf_scope`: a valid registries.conf scope?"]
    "refs.is_valid_registries_conf_scope" "isValidRegistriesConfScope"
        is_valid_registries_conf_scope(scope) -> "Valid" => refs::is_valid_registries_conf_scope;
    #[doc = " `refs.scope_is_nested_inside_scope`: whether scope `sub` lies inside `super` (the JS"]
    #[doc = " parameter is `superScope`: `super` is a keyword)."]
    "refs.scope_is_nested_inside_scope" "scopeIsNestedInsideScope"
        scope_is_nested_inside_scope(sub, super_scope = "superScope") -> "Nested"
        => refs::scope_is_nested_inside_scope;
    #[doc = " `refs.ref_matching_prefix`: the container runtime's prefix match length in bytes, or"]
    #[doc = " `null` for no match."]
    "refs.ref_matching_prefix" "refMatchingPrefix"
        ref_matching_prefix(reference = "ref", prefix) -> "number | null"
        => refs::ref_matching_prefix;
    #[doc = " `refs.mirror_source_pattern`: whether the value matches the IDMS/ITMS source and mirror"]
    #[doc = " patterns."]
    "refs.mirror_source_pattern" "mirrorSourcePattern" mirror_source_pattern(value)
        -> "MirrorSourcePattern" => refs::mirror_source_pattern;
    #[doc = " `refs.policy_namespaces`: the `docker` transport's policy.json identity and scopes."]
    "refs.policy_namespaces" "policyNamespaces" policy_namespaces(reference) -> "PolicyScopes"
        => refs::policy_namespaces;
    #[doc = " `refs.wildcard_match`: openshift-apiserver's `IsWildcardMatch` (`*`, `?`, byte-wise)."]
    "refs.wildcard_match" "wildcardMatch" wildcard_match(value, pattern) -> "Matched"
        => refs::wildcard_match;
    #[doc = " `refs.canonical_repository`: `Parse(reference).DockerClientDefaults().AsRepository()"]
    #[doc = " .Exact()`."]
    "refs.canonical_repository" "canonicalRepository" canonical_repository(reference)
        -> "string" => refs::canonical_repository;
}

/// Declares the functions of one area's namespace (the operations outside `refs`): one export
/// per operation with `js_namespace = <area>` and `js_name = <camelCase name>`, its
/// parameters in `OPS` order (after the `;` the trailing optional ones, `?` in the `.d.ts`; an
/// optional parameter that a required one follows comes before the `;`, typed
/// `T | null | undefined`), each with its TypeScript type and, when it differs from the Rust
/// name, its camelCase JS name. Every argument goes the
/// generic way ([`area_call`]).
///
/// Docs are written `#[doc = "..."]` in the invocation (see [`string_ops`]).
macro_rules! area_ops {
    (namespace = $ns:ident; $(
        $(#[doc = $doc:literal])*
        $op:literal $js:literal $name:ident (
            $($arg:ident $(= $arg_js:literal)? : $ts:literal),*
            $(; $($opt:ident $(= $opt_js:literal)? : $ots:literal),+)?
        ) -> $ret:literal;
    )*) => {$(
        $(#[doc = $doc])*
        ///
        /// Throws the core's error as an `OpError` (`code` = its kind).
        #[wasm_bindgen(js_namespace = $ns, js_name = $js, unchecked_return_type = $ret)]
        // The JS signature is the operation's parameter list, however long.
        #[allow(clippy::too_many_arguments)]
        pub fn $name(
            $( #[wasm_bindgen(unchecked_param_type = $ts $(, js_name = $arg_js)?)] $arg: JsValue, )*
            $($( #[wasm_bindgen(unchecked_optional_param_type = $ots $(, js_name = $opt_js)?)] $opt: JsValue, )+)?
        ) -> Result<JsValue, JsValue> {
            $crate::area_call($op, &[$(&$arg,)* $($(&$opt,)+)?])
        }
    )*};
}

// The areas other than `refs`, one module each (after the macro they use).
pub mod imagestreams;
pub mod jsonpath;
pub mod mirrors;
pub mod pull;
pub mod templates;

/// Runs an operation of an area namespace through [`generic`]. When the operation has an
/// optional `now` parameter (the server's clock) and the caller omitted it (absent as the core
/// sees it: `undefined`, or a value whose JSON is `null`: `null`, `NaN`, `±Infinity`), the
/// JavaScript clock's current time ([`js_now`]) is passed instead: the core reads the system
/// clock natively but has none on wasm32.
fn area_call(op: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let clock = ops::spec(op)
        .and_then(|spec| {
            spec.params
                .iter()
                .position(|p| p.name == "now" && p.optional)
        })
        .filter(|&i| {
            args.get(i).is_some_and(|arg| {
                arg.is_undefined() || to_json(arg).is_ok_and(|value| value.is_null())
            })
        });
    let Some(clock) = clock else {
        return thrown(generic(op, args));
    };
    let now = JsValue::from_str(&js_now());
    let args: Vec<&JsValue> = args
        .iter()
        .enumerate()
        .map(|(i, &arg)| if i == clock { &now } else { arg })
        .collect();
    thrown(generic(op, &args))
}

/// The current time of the JavaScript clock (`new Date()`) in RFC 3339, UTC, with second
/// precision: `2026-01-02T03:04:05Z`.
fn js_now() -> String {
    // `toISOString()` is `YYYY-MM-DDTHH:MM:SS.sssZ` (years 0 to 9999).
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    iso.get(..19)
        .map_or(iso.clone(), |seconds| format!("{seconds}Z"))
}

/// Maps a core error of a [`generic`] call to the thrown JS error.
fn thrown(result: Result<JsValue, OpError>) -> Result<JsValue, JsValue> {
    result.map_err(|e| to_js_err(&e))
}

/// `refs.sort`: distribution/reference `Sort`; parsable entries in their
/// `ParseAnyReference` string form, then the others.
///
/// Throws `ops.invalid_argument` when `references` is not a list of strings.
#[wasm_bindgen(js_name = "sort", unchecked_return_type = "string[]")]
pub fn sort(
    #[wasm_bindgen(unchecked_param_type = "string[]")] references: JsValue,
) -> Result<JsValue, JsValue> {
    thrown(generic("refs.sort", &[&references]))
}

/// `refs.with_tag`: `WithName(name)`, then `WithDigest(digest)` when given, then
/// `WithTag(tag)`.
///
/// Throws the first failing step's error.
#[wasm_bindgen(js_name = "withTag", unchecked_return_type = "Reference")]
pub fn with_tag(
    #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] tag: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] digest: JsValue,
) -> Result<JsValue, JsValue> {
    thrown(generic("refs.with_tag", &[&name, &tag, &digest]))
}

/// `refs.with_digest`: `WithName(name)`, then `WithTag(tag)` when given, then
/// `WithDigest(digest)`.
///
/// Throws the first failing step's error.
#[wasm_bindgen(js_name = "withDigest", unchecked_return_type = "Reference")]
pub fn with_digest(
    #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] digest: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] tag: JsValue,
) -> Result<JsValue, JsValue> {
    thrown(generic("refs.with_digest", &[&name, &digest, &tag]))
}

/// `refs.short_docker_image_id`: the hex part of a digest ID (else the ID), cut to `length`
/// bytes.
///
/// Throws `ops.invalid_argument` for a missing or mistyped argument.
#[wasm_bindgen(js_name = "shortDockerImageId", unchecked_return_type = "string")]
pub fn short_docker_image_id(
    #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] length: JsValue,
) -> Result<JsValue, JsValue> {
    thrown(generic("refs.short_docker_image_id", &[&id, &length]))
}

/// `refs.resolve_image_id`: the single distinct image among `images` that `id` designates.
///
/// Throws `image_stream.image_not_found` or `image_stream.ambiguous_image_id`.
#[wasm_bindgen(js_name = "resolveImageId", unchecked_return_type = "ResolvedImage")]
pub fn resolve_image_id(
    #[wasm_bindgen(unchecked_param_type = "string[]")] images: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
) -> Result<JsValue, JsValue> {
    thrown(generic("refs.resolve_image_id", &[&images, &id]))
}

/// `refs.validate_image_stream`: every validation error of an image stream with that
/// metadata and `spec.dockerImageRepository` (absent = `""`).
///
/// Throws `ops.invalid_argument` for a missing or mistyped argument.
#[wasm_bindgen(
    js_name = "validateImageStream",
    unchecked_return_type = "ValidationErrors"
)]
pub fn validate_image_stream(
    #[wasm_bindgen(unchecked_param_type = "string")] namespace: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
    #[wasm_bindgen(
        js_name = "dockerImageRepository",
        unchecked_optional_param_type = "string | null"
    )]
    docker_image_repository: JsValue,
) -> Result<JsValue, JsValue> {
    thrown(generic(
        "refs.validate_image_stream",
        &[&namespace, &name, &docker_image_repository],
    ))
}

/// `refs.validate_registries_conf_scopes`: MCO's check of the registry scope lists and of
/// the IDMS, ICSP and ITMS mirror sets; `{valid: true}` or the first error.
///
/// Throws the first invalid scope or mirror set's error.
#[wasm_bindgen(
    js_name = "validateRegistriesConfScopes",
    unchecked_return_type = "Valid"
)]
pub fn validate_registries_conf_scopes(
    #[wasm_bindgen(unchecked_optional_param_type = "string[] | null")] insecure: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string[] | null")] blocked: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string[] | null")] allowed: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "MirrorSetEntry[][] | null")] idms: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "MirrorSetEntry[][] | null")] icsp: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "MirrorSetEntry[][] | null")] itms: JsValue,
) -> Result<JsValue, JsValue> {
    thrown(generic(
        "refs.validate_registries_conf_scopes",
        &[&insecure, &blocked, &allowed, &idms, &icsp, &itms],
    ))
}

/// `refs.import_whitelist`: openshift-apiserver's `allowedRegistriesForImport` whitelist,
/// built from `allowed` (then the `whitelistRegistry` calls, `repositories` and the internal
/// registry hostname), admitting exactly one of `pullSpec`, `hostname` or `reference` over
/// `transport`.
///
/// Throws a construction, repository or admission error (`whitelist.not_allowed`, ...).
#[wasm_bindgen(js_name = "importWhitelist", unchecked_return_type = "Admitted")]
#[allow(clippy::too_many_arguments)]
pub fn import_whitelist(
    #[wasm_bindgen(unchecked_param_type = "AllowedRegistry[]")] allowed: JsValue,
    #[wasm_bindgen(unchecked_param_type = "WhitelistTransport")] transport: JsValue,
    #[wasm_bindgen(
        js_name = "whitelistRegistry",
        unchecked_optional_param_type = "WhitelistRegistryCall[] | null"
    )]
    whitelist_registry: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string[] | null")] repositories: JsValue,
    #[wasm_bindgen(
        js_name = "internalRegistryHostname",
        unchecked_optional_param_type = "string | null"
    )]
    internal_registry_hostname: JsValue,
    #[wasm_bindgen(js_name = "pullSpec", unchecked_optional_param_type = "string | null")]
    pull_spec: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] hostname: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DockerImageReference | null")]
    reference: JsValue,
) -> Result<JsValue, JsValue> {
    thrown(generic(
        "refs.import_whitelist",
        &[
            &allowed,
            &transport,
            &whitelist_registry,
            &repositories,
            &internal_registry_hostname,
            &pull_spec,
            &hostname,
            &reference,
        ],
    ))
}

/// The operation table: every operation with its function name (snake_case) and its
/// parameters in order (`name` is the snake_case input key of [`call`]).
///
/// Never throws in practice (`ops.output` if the table could not be converted).
#[wasm_bindgen(js_name = "ops", unchecked_return_type = "OpSpec[]")]
pub fn ops_table() -> Result<JsValue, JsValue> {
    thrown(to_js("ops", ops::OPS))
}

/// Runs any operation by its conformance name (`refs.parse`) on an object of its arguments
/// by snake_case name (`{reference: "busybox"}`).
///
/// Throws the operation's error; `ops.unknown_op` for an unknown name; `ops.invalid_argument` for a
/// missing or mistyped argument or an input that is not an object.
#[wasm_bindgen(js_name = "call", unchecked_return_type = "unknown")]
pub fn call(
    #[wasm_bindgen(unchecked_param_type = "string")] op: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] input: JsValue,
) -> Result<JsValue, JsValue> {
    fn run(op: &JsValue, input: JsValue) -> Result<JsValue, OpError> {
        let Some(op) = op.as_string() else {
            return Err(OpError::InvalidArgument {
                op: "call".to_owned(),
                param: "op".to_owned(),
                message: "expected a string".to_owned(),
            });
        };
        let input: Value = to_json(&input).map_err(|message| OpError::InvalidArgument {
            op: op.clone(),
            param: "input".to_owned(),
            message,
        })?;
        Ok(value_to_js(&ops::call(&op, &input)?))
    }
    thrown(run(&op, input))
}

/// One item of a `*Many` result: the typed result, the result of the generic path (for a
/// non-string item), or `{error: {kind, message}}`.
enum BatchItem<T> {
    Ok(T),
    Generic(Value),
    Err { error: BatchError },
}

impl<T: Serialize> BatchItem<T> {
    /// The item as a JS value.
    fn to_js(&self, op: &str) -> Result<JsValue, OpError> {
        match self {
            Self::Ok(value) => to_js(op, value),
            Self::Generic(value) => Ok(value_to_js(value)),
            Self::Err { error } => to_js(op, &BatchErrorItem { error }),
        }
    }
}

/// `{error: {kind, message}}`.
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

/// Maps the single-string operation `op` over a JS array: each item is what the
/// single-item function returns, or a [`BatchError`] where it would throw.
fn batch<O: Outcome>(op: &str, references: &JsValue, f: fn(&str) -> O) -> Result<JsValue, JsValue> {
    let Some(list) = references.dyn_ref::<Array>() else {
        return Err(to_js_err(&OpError::InvalidArgument {
            op: format!("{op}_many"),
            param: "references".to_owned(),
            message: "expected an array".to_owned(),
        }));
    };
    let items: Vec<BatchItem<O::Value>> = list
        .iter()
        .map(|item| {
            let result = match item.as_string() {
                Some(s) => f(&s).into_result().map(BatchItem::Ok),
                None => generic_value(op, &[&item]).map(BatchItem::Generic),
            };
            result.unwrap_or_else(|e| BatchItem::Err {
                error: BatchError {
                    kind: e.kind(),
                    message: e.to_string(),
                },
            })
        })
        .collect();
    let out = Array::new();
    for item in &items {
        out.push(&item.to_js(op).map_err(|e| to_js_err(&e))?);
    }
    Ok(out.into())
}

/// `parse` over a list: each item is `parse`'s result, or `{error: {kind, message}}` where
/// `parse` would throw (no exception for a bad item).
///
/// Throws `ops.invalid_argument` when `references` is not an array.
#[wasm_bindgen(
    js_name = "parseMany",
    unchecked_return_type = "Array<Reference | BatchError>"
)]
pub fn parse_many(
    #[wasm_bindgen(unchecked_param_type = "string[]")] references: JsValue,
) -> Result<JsValue, JsValue> {
    batch("refs.parse", &references, refs::parse)
}

/// `parseNormalizedNamed` over a list: each item is its result, or
/// `{error: {kind, message}}` (no exception for a bad item).
///
/// Throws `ops.invalid_argument` when `references` is not an array.
#[wasm_bindgen(
    js_name = "parseNormalizedNamedMany",
    unchecked_return_type = "Array<Reference | BatchError>"
)]
pub fn parse_normalized_named_many(
    #[wasm_bindgen(unchecked_param_type = "string[]")] references: JsValue,
) -> Result<JsValue, JsValue> {
    batch(
        "refs.parse_normalized_named",
        &references,
        refs::parse_normalized_named,
    )
}

/// `openshiftParse` over a list: each item is its result, or `{error: {kind, message}}` (no
/// exception for a bad item).
///
/// Throws `ops.invalid_argument` when `references` is not an array.
#[wasm_bindgen(
    js_name = "openshiftParseMany",
    unchecked_return_type = "Array<OpenShiftReferenceReport | BatchError>"
)]
pub fn openshift_parse_many(
    #[wasm_bindgen(unchecked_param_type = "string[]")] references: JsValue,
) -> Result<JsValue, JsValue> {
    batch("refs.openshift_parse", &references, refs::openshift_parse)
}

/// The library version (`0.1.0`).
#[wasm_bindgen]
#[must_use]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
