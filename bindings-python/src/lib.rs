//! Python bindings of `openshift-image`: the native module `openshift_image._openshift_image`,
//! re-exported by the pure package `openshift_image`.
//!
//! One Python function per entry of [`openshift_image::ops::OPS`], named after its `function`
//! and taking its parameters in order (positional or keyword; an optional parameter defaults to
//! `None`). Results are the core's serde form as Python objects: dicts with the core's
//! snake_case keys, `None` for absent values, ints for integers (see `convert`: the objects
//! `pythonize` makes, with interned keys). Numbers are exact both ways: a JSON integer of any
//! size is a Python `int` and a Python `int` of any size an exact JSON integer (serde_json's
//! `arbitrary_precision`); other numbers are `float`s. The reference parsers also have
//! `*_many` batch variants. Every failure is raised through [`to_py_err`], the one error-mapping function.
//!
//! Naming rule (the same in every language): the operations of the `refs` area are functions
//! of the package itself; every other area is a namespace named after the area, holding one
//! function per operation of that area (`openshift_image.imagestreams.add_tag_event`,
//! `openshift_image.templates.process`, `openshift_image.jsonpath.execute`,
//! `openshift_image.mirrors.resolve_pull_sources`, `openshift_image.pull.kubelet_credentials`).
//! Here an area is a native submodule (`_openshift_image.imagestreams`, see [`imagestreams`],
//! [`templates`], [`jsonpath`], [`mirrors`] and [`pull`]) that the pure
//! package re-exports as the real submodule `openshift_image.imagestreams`.
//!
//! No logic lives here: each function converts its arguments, calls the typed
//! `openshift_image::ops::refs` function (or [`openshift_image::ops::call`] for the operations
//! whose inputs are objects, which includes every operation outside `refs`), and converts the
//! result.

mod convert;

use convert::to_python;
use openshift_image::OpError;
use openshift_image::ops::{self, refs};
use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyList, PyMapping, PySequence, PyString, PyTuple, PyType};
use pythonize::{depythonize, pythonize};
use serde::Serialize;
use serde_json::{Map, Value};

// ---------------------------------------------------------------------------------------------
// Errors

create_exception!(
    openshift_image,
    Error,
    PyValueError,
    "Base class of the errors openshift_image raises (a ValueError).\n\n\
     ``kind`` is the core's stable kind string (e.g. ``reference.invalid_format``), ``area`` the \
     area it belongs to (``reference``, ``imagestream``, ``template``, ``jsonpath``, ``mirror``, \
     ``pull``, ``ops``), ``phase`` the JSONPath phase that failed (``\"parse\"`` or \
     ``\"execute\"``; ``None`` for every other error) and ``str(err)`` the core's message."
);

create_exception!(
    openshift_image,
    ReferenceError,
    Error,
    "An error of the ``reference`` area: an invalid reference, digest, image stream name, \
     registry scope or whitelist entry (``kind`` ``reference.*``, ``digest.*``, \
     ``image_stream.*``, ``scope.*`` or ``whitelist.*``)."
);

create_exception!(
    openshift_image,
    ImageStreamError,
    Error,
    "An error of the ``imagestream`` area: image stream tag history, resolution, the API \
     server's image stream strategy, ``oc tag`` and pruning (``kind`` ``imagestream.*``)."
);

create_exception!(
    openshift_image,
    TemplateError,
    Error,
    "An error of the ``template`` area: template decoding and processing, the expression \
     generator and ``oc process`` (``kind`` ``template.*``); the message is upstream's text."
);

create_exception!(
    openshift_image,
    MirrorError,
    Error,
    "An error of the ``mirror`` area: registries.conf loading and lookup, mirror sets \
     (ICSP, IDMS, ITMS) and their rendering into registries.conf and policy.json, and the \
     ``oc`` mirror commands (``kind`` ``mirror.*``); the message is upstream's text."
);

create_exception!(
    openshift_image,
    PullError,
    Error,
    "An error of the ``pull`` area: pull secrets and the kubelet's credential keyring, auth \
     files, policy.json, transport-prefixed image names and short-name resolution (``kind`` \
     ``pull.*``, or ``mirror.conf_*`` when a registries.conf read by short-name resolution does \
     not load); the message is upstream's text."
);

create_exception!(
    openshift_image,
    JsonPathError,
    Error,
    "An error of the ``jsonpath`` area: a kubectl JSONPath template that does not parse \
     (``phase`` ``\"parse\"``) or fails to evaluate (``phase`` ``\"execute\"``) (``kind`` \
     ``jsonpath.*``); the message is client-go's text."
);

/// `InvalidArgumentError(Error, TypeError)`: built on first use, since `create_exception!`
/// takes a single base class.
static INVALID_ARGUMENT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

const INVALID_ARGUMENT_DOC: &str = "A call that cannot be made: a missing or mistyped argument \
     (``kind`` ``ops.invalid_argument``) or an unknown operation name given to ``call`` \
     (``ops.unknown_op``). Also a TypeError.";

fn invalid_argument_error(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    INVALID_ARGUMENT_ERROR
        .get_or_try_init(py, || {
            let bases = PyTuple::new(py, [py.get_type::<Error>(), py.get_type::<PyTypeError>()])?;
            let namespace = PyDict::new(py);
            namespace.set_item("__module__", "openshift_image")?;
            namespace.set_item("__doc__", INVALID_ARGUMENT_DOC)?;
            let class =
                py.get_type::<PyType>()
                    .call1(("InvalidArgumentError", bases, namespace))?;
            Ok::<_, PyErr>(class.cast_into::<PyType>()?.unbind())
        })
        .map(|class| class.bind(py))
}

/// The one error mapping: an [`OpError`] becomes an instance of `InvalidArgumentError` (kinds
/// `ops.invalid_argument`, `ops.unknown_op`), `ReferenceError` (area `reference`),
/// `ImageStreamError` (area `imagestream`), `TemplateError` (area `template`),
/// `JsonPathError` (area `jsonpath`), `MirrorError` (area `mirror`), `PullError` (area
/// `pull`) or `Error` (anything else), with the core's `Display` as message and `.kind` /
/// `.area` / `.phase` ([`OpError::phase`], `None` outside JSONPath) set.
fn to_py_err(py: Python<'_>, err: &OpError) -> PyErr {
    let raise = || -> PyResult<PyErr> {
        let class = match (err.area(), err.kind()) {
            (_, "ops.invalid_argument" | "ops.unknown_op") => invalid_argument_error(py)?.clone(),
            ("reference", _) => py.get_type::<ReferenceError>(),
            ("imagestream", _) => py.get_type::<ImageStreamError>(),
            ("template", _) => py.get_type::<TemplateError>(),
            ("jsonpath", _) => py.get_type::<JsonPathError>(),
            ("mirror", _) => py.get_type::<MirrorError>(),
            ("pull", _) => py.get_type::<PullError>(),
            _ => py.get_type::<Error>(),
        };
        let value = class.call1((err.to_string(),))?;
        value.setattr("kind", err.kind())?;
        value.setattr("area", err.area())?;
        value.setattr("phase", err.phase())?;
        Ok(PyErr::from_value(value))
    };
    raise().unwrap_or_else(|failure| failure)
}

/// The operation's input field of a Rust parameter name: `r#ref` is the field `ref`, and
/// `from_` (Python cannot name a parameter `from`, a keyword) the field `from`.
fn input_name(param: &str) -> &str {
    match param.trim_start_matches("r#") {
        "from_" => "from",
        name => name,
    }
}

fn invalid_argument(op: &str, param: &str, message: impl Into<String>) -> OpError {
    OpError::InvalidArgument {
        op: op.to_owned(),
        param: input_name(param).to_owned(),
        message: message.into(),
    }
}

// ---------------------------------------------------------------------------------------------
// Arguments and results

/// Conversion of one Python argument (`None` when omitted or `None`) to the type the core
/// function takes; `Err` holds the reason for `ops.invalid_argument`.
trait FromArg<'a>: Sized {
    fn from_arg(arg: Option<&'a Bound<'_, PyAny>>) -> Result<Self, String>;
}

const MISSING: &str = "missing required argument";

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "object".to_owned(), |name| name.to_string())
}

/// The message of a Python exception, without its class name.
fn message_of(py: Python<'_>, err: &PyErr) -> String {
    err.value(py).to_string()
}

impl<'a> FromArg<'a> for &'a str {
    fn from_arg(arg: Option<&'a Bound<'_, PyAny>>) -> Result<Self, String> {
        let obj = arg.ok_or(MISSING)?;
        let text = obj
            .cast::<PyString>()
            .map_err(|_| format!("expected str, got {}", type_name(obj)))?;
        text.to_str().map_err(|e| message_of(obj.py(), &e))
    }
}

impl<'a, T: FromArg<'a>> FromArg<'a> for Option<T> {
    fn from_arg(arg: Option<&'a Bound<'_, PyAny>>) -> Result<Self, String> {
        arg.map(|obj| T::from_arg(Some(obj))).transpose()
    }
}

impl FromArg<'_> for u64 {
    fn from_arg(arg: Option<&Bound<'_, PyAny>>) -> Result<Self, String> {
        let obj = arg.ok_or(MISSING)?;
        obj.extract::<Self>().map_err(|e| message_of(obj.py(), &e))
    }
}

impl FromArg<'_> for Vec<String> {
    fn from_arg(arg: Option<&Bound<'_, PyAny>>) -> Result<Self, String> {
        let obj = arg.ok_or(MISSING)?;
        obj.extract::<Self>().map_err(|e| message_of(obj.py(), &e))
    }
}

/// Any JSON value, for the operations run through [`ops::call`] (which checks it).
impl FromArg<'_> for Value {
    fn from_arg(arg: Option<&Bound<'_, PyAny>>) -> Result<Self, String> {
        let obj = arg.ok_or(MISSING)?;
        check_bounds(obj)?;
        depythonize(obj).map_err(|e| e.to_string())
    }
}

/// The deepest nesting of containers converted (as in the Node and WASM bindings).
const MAX_DEPTH: usize = 1000;

/// The most values one conversion visits (as in the Node and WASM bindings).
const MAX_VALUES: usize = 10_000_000;

/// Refuses a value nested [`MAX_DEPTH`] levels deep (a cycle included) or of more than
/// [`MAX_VALUES`] values before `depythonize` recurses into it (its recursion would overflow
/// the native stack and crash the interpreter). Walks dicts, lists and tuples without
/// recursion.
fn check_bounds(obj: &Bound<'_, PyAny>) -> Result<(), String> {
    let mut pending = vec![(obj.clone(), 0usize)];
    let mut visited = 0usize;
    while let Some((value, depth)) = pending.pop() {
        visited += 1;
        if visited > MAX_VALUES {
            return Err(format!("more than {MAX_VALUES} values"));
        }
        let children: Vec<Bound<'_, PyAny>> = if let Ok(dict) = value.cast::<PyDict>() {
            dict.values().iter().collect()
        } else if let Ok(list) = value.cast::<PyList>() {
            list.iter().collect()
        } else if let Ok(tuple) = value.cast::<PyTuple>() {
            tuple.iter().collect()
        } else if value.is_instance_of::<PyString>() || value.is_instance_of::<PyBytes>() {
            continue;
        } else if let Ok(mapping) = value.cast::<PyMapping>() {
            mapping
                .values()
                .map(|values| values.iter().collect())
                .map_err(|e| e.to_string())?
        } else if let Ok(sequence) = value.cast::<PySequence>() {
            sequence
                .try_iter()
                .map(|items| items.flatten().collect())
                .map_err(|e| e.to_string())?
        } else {
            continue;
        };
        if depth >= MAX_DEPTH {
            return Err(format!("nested more than {MAX_DEPTH} levels deep"));
        }
        pending.extend(children.into_iter().map(|child| (child, depth + 1)));
    }
    Ok(())
}

fn argument<'a, T: FromArg<'a>>(
    py: Python<'_>,
    op: &str,
    param: &str,
    arg: Option<&'a Bound<'_, PyAny>>,
) -> PyResult<T> {
    T::from_arg(arg).map_err(|message| to_py_err(py, &invalid_argument(op, param, message)))
}

/// A core result as a Python object, or the raised error.
fn convert<'py, T: Serialize, E: Into<OpError>>(
    py: Python<'py>,
    result: Result<T, E>,
) -> PyResult<Bound<'py, PyAny>> {
    match result {
        Ok(value) => to_python(py, &value),
        Err(err) => Err(to_py_err(py, &err.into())),
    }
}

/// An operation that cannot fail, in the shape of one that can.
fn ok<T>(value: T) -> Result<T, OpError> {
    Ok(value)
}

/// Runs `op` through [`ops::call`] on the object of the arguments that are not `None` (a
/// name written `r#ref` is the input field `ref`, `from_` the field `from`: see [`input_name`]).
fn call_with<const N: usize>(op: &str, args: [(&str, Option<Value>); N]) -> Result<Value, OpError> {
    let input: Map<String, Value> = args
        .into_iter()
        .filter_map(|(name, value)| Some((input_name(name).to_owned(), value?)))
        .collect();
    ops::call(op, &Value::Object(input))
}

// ---------------------------------------------------------------------------------------------
// One function per operation

/// Declares one `#[pyfunction]` per operation: its name and parameters (in `OPS` order; `= None`
/// marks an optional one), the Rust type each argument converts to, and the core call.
macro_rules! operations {
    ($(
        $(#[$meta:meta])*
        $op:literal => fn $name:ident($($param:ident: $ty:ty $(= $default:ident)?),* $(,)?) $body:expr;
    )*) => {
        $(
            $(#[$meta])*
            #[pyfunction]
            #[pyo3(signature = ($($param $(= $default)?),*))]
            // The Python signature is the operation's parameter list, however long.
            #[allow(clippy::too_many_arguments)]
            fn $name<'py>(
                py: Python<'py>,
                $($param: Option<&Bound<'py, PyAny>>),*
            ) -> PyResult<Bound<'py, PyAny>> {
                const OP: &str = $op;
                $(let $param: $ty = argument(py, OP, stringify!($param), $param)?;)*
                convert(py, $body)
            }
        )*

        /// Adds every operation's function to the module.
        fn add_operations(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $(m.add_function(wrap_pyfunction!($name, m)?)?;)*
            Ok(())
        }
    };
}

/// Declares the functions of one area's namespace (the operations outside `refs`): one
/// `#[pyfunction]` per operation with its parameters in `OPS` order, the trailing optional ones
/// after the `;` (default `None`; an optional parameter that a required one follows is listed
/// before the `;`: it has no default, as Python requires, and may be `None`). Every argument goes the generic way: converted to JSON (with the
/// depth and size bounds of [`check_bounds`]) and handed to [`ops::call`], which reports a
/// missing or mistyped one. Also declares `add_functions`, which adds them to the area's module.
macro_rules! area_operations {
    ($(
        $(#[$meta:meta])*
        $op:literal => fn $name:ident($($param:ident),* $(; $($optional:ident),+)?);
    )*) => {
        $(
            $(#[$meta])*
            #[pyfunction]
            #[pyo3(signature = ($($param,)* $($($optional = None,)+)?))]
            // The Python signature is the operation's parameter list, however long.
            #[allow(clippy::too_many_arguments)]
            fn $name<'py>(
                py: Python<'py>,
                $($param: Option<&Bound<'py, PyAny>>,)*
                $($($optional: Option<&Bound<'py, PyAny>>,)+)?
            ) -> PyResult<Bound<'py, PyAny>> {
                const OP: &str = $op;
                let args = [
                    $((stringify!($param), $crate::argument::<Option<::serde_json::Value>>(py, OP, stringify!($param), $param)?),)*
                    $($((stringify!($optional), $crate::argument::<Option<::serde_json::Value>>(py, OP, stringify!($optional), $optional)?),)+)?
                ];
                $crate::convert(py, $crate::call_with(OP, args))
            }
        )*

        /// Adds every function of the area to its module.
        pub(crate) fn add_functions(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $(m.add_function(wrap_pyfunction!($name, m)?)?;)*
            Ok(())
        }
    };
}

// The areas other than `refs`, one module each (after the macro they use).
mod imagestreams;
mod jsonpath;
mod mirrors;
mod pull;
mod templates;

operations! {
    /// Parse a reference with distribution's ``Parse`` grammar, without normalization.
    ///
    /// Returns a ``DockerRef`` dict (``kind``, ``name``, ``domain``, ``path``, ``tag``,
    /// ``digest``, ``string``, ``familiar_name``, ``familiar_string``; absent tag or digest is
    /// ``None``). Raises ``ReferenceError`` for an invalid reference.
    "refs.parse" => fn parse(reference: &str) refs::parse(reference);

    /// Parse a reference as the Docker CLI does (``ParseNormalizedNamed``): ``busybox`` becomes
    /// ``docker.io/library/busybox``.
    ///
    /// Returns a ``DockerRef`` dict. Raises ``ReferenceError``. See also
    /// ``parse_normalized_named_many``.
    "refs.parse_normalized_named" => fn parse_normalized_named(reference: &str) refs::parse_normalized_named(reference);

    /// Parse a reference that must already be in canonical (normalized) form (``ParseNamed``).
    ///
    /// Returns a ``DockerRef`` dict. Raises ``ReferenceError`` (``reference.name_not_canonical``
    /// for a familiar name such as ``busybox``).
    "refs.parse_named" => fn parse_named(reference: &str) refs::parse_named(reference);

    /// Parse a reference, an image ID (64 hex) or a digest (``ParseAnyReference``).
    ///
    /// Returns a ``DockerRef`` dict whose ``kind`` may be ``digest-only`` (then ``name``,
    /// ``domain``, ``path`` and ``familiar_name`` are ``None``). Raises ``ReferenceError``.
    "refs.parse_any_reference" => fn parse_any_reference(reference: &str) refs::parse_any_reference(reference);

    /// Parse a reference as ``ParseDockerRef`` does: normalized, the tag dropped when a digest
    /// is present, ``latest`` added to a bare name.
    ///
    /// Returns a ``DockerRef`` dict. Raises ``ReferenceError``.
    "refs.parse_docker_ref" => fn parse_docker_ref(reference: &str) refs::parse_docker_ref(reference);

    /// The normalized name of a reference, without tag and digest (``TrimNamed``).
    ///
    /// Returns a ``DockerRef`` dict. Raises ``ReferenceError``.
    "refs.trim_named" => fn trim_named(reference: &str) refs::trim_named(reference);

    /// The normalized reference with ``latest`` added to a bare name (``TagNameOnly``).
    ///
    /// Returns a ``DockerRef`` dict. Raises ``ReferenceError``.
    "refs.tag_name_only" => fn tag_name_only(reference: &str) refs::tag_name_only(reference);

    /// Sort references as distribution's ``Sort`` does: parsable entries in their
    /// ``ParseAnyReference`` string form, then the unparsable ones.
    ///
    /// Returns a list of str. Never raises for bad entries.
    "refs.sort" => fn sort(references: Vec<String>) ok(refs::sort(&references));

    /// Build a reference from a repository name alone (``WithName``, no normalization).
    ///
    /// Returns a ``DockerRef`` dict. Raises ``ReferenceError``.
    "refs.with_name" => fn with_name(name: &str) refs::with_name(name);

    /// ``WithName(name)``, then ``WithDigest(digest)`` when given, then ``WithTag(tag)``.
    ///
    /// Returns a ``DockerRef`` dict. Raises ``ReferenceError`` for the first failing step.
    "refs.with_tag" => fn with_tag(name: &str, tag: &str, digest: Option<&str> = None) refs::with_tag(name, tag, digest);

    /// ``WithName(name)``, then ``WithTag(tag)`` when given, then ``WithDigest(digest)``.
    ///
    /// Returns a ``DockerRef`` dict. Raises ``ReferenceError`` for the first failing step.
    "refs.with_digest" => fn with_digest(name: &str, digest: &str, tag: Option<&str> = None) refs::with_digest(name, digest, tag);

    /// Whether a reference (parsed with ``ParseAnyReference``) matches a ``path.Match`` glob,
    /// against its familiar string, then its familiar name (``FamiliarMatch``).
    ///
    /// Returns ``{"matched": bool}``. Raises ``ReferenceError`` for an invalid reference or a
    /// malformed pattern (``reference.pattern_syntax``).
    "refs.familiar_match" => fn familiar_match(reference: &str, pattern: &str) refs::familiar_match(reference, pattern);

    /// Parse a digest as go-digest does (sha256, sha384, sha512).
    ///
    /// Returns ``{"algorithm", "encoded", "string"}``. Raises ``ReferenceError``
    /// (``digest.*`` kinds).
    "refs.digest_parse" => fn digest_parse(digest: &str) refs::digest_parse(digest);

    /// Match ``input`` against a whole grammar production: ``domain``, ``name``, ``reference``,
    /// ``identifier``, ``tag`` or ``digest``.
    ///
    /// Returns ``{"matched": bool, "groups": list | None}`` (a group that took no part is
    /// ``None``; ``groups`` is ``None`` without a match). Raises ``ReferenceError`` for an
    /// unknown production.
    "refs.regexp" => fn regexp(production: &str, input: &str) refs::regexp(production, input);

    /// Parse a reference with the legacy grammar (containers/image ``docker/reference.Parse``).
    ///
    /// Returns a ``LegacyRef`` dict (``DockerRef`` without the ``familiar_*`` keys). Raises
    /// ``ReferenceError``.
    "refs.legacy_parse" => fn legacy_parse(reference: &str) refs::legacy_parse(reference);

    /// Normalize and parse a reference with the legacy grammar (containers/image
    /// ``ParseNormalizedNamed``).
    ///
    /// Returns a ``LegacyRef`` dict. Raises ``ReferenceError``.
    "refs.legacy_parse_normalized_named" => fn legacy_parse_normalized_named(reference: &str) refs::legacy_parse_normalized_named(reference);

    /// Parse a pull spec as OpenShift's library-go ``DockerImageReference`` does, and report
    /// every method's output.
    ///
    /// Returns an ``OpenShiftReferenceReport`` dict (``reference``, ``name_string``, ``exact``,
    /// ``string``, ``docker_client_defaults``, ``minimal``, ``registry_url``, ...; absent parts
    /// are ``""``). Raises ``ReferenceError``. See also ``openshift_parse_many``.
    "refs.openshift_parse" => fn openshift_parse(reference: &str) refs::openshift_parse(reference);

    /// Whether two pull specs, each parsed as ``DockerImageReference``, are ``Equal``.
    ///
    /// Returns ``{"equal": bool}``. Raises ``ReferenceError`` for an invalid pull spec.
    "refs.openshift_equal" => fn openshift_equal(a: &str, b: &str) refs::openshift_equal(a, b);

    /// Parse a digest with library-go's lenient parser (upper-case hex accepted).
    ///
    /// Returns ``{"algorithm", "encoded", "string"}``. Raises ``ReferenceError``.
    "refs.openshift_digest_parse" => fn openshift_digest_parse(digest: &str) refs::openshift_digest_parse(digest);

    /// Parse a strict image stream tag name ``<stream>:<tag>``.
    ///
    /// Returns ``{"name", "tag"}``. Raises ``ReferenceError`` (``image_stream.*`` kinds).
    "refs.parse_image_stream_tag_name" => fn parse_image_stream_tag_name(name: &str) refs::parse_image_stream_tag_name(name);

    /// Parse a strict image stream image name ``<stream>@<id>``.
    ///
    /// Returns ``{"name", "id"}``. Raises ``ReferenceError`` (``image_stream.*`` kinds).
    "refs.parse_image_stream_image_name" => fn parse_image_stream_image_name(name: &str) refs::parse_image_stream_image_name(name);

    /// Split ``name:tag`` leniently (tag ``latest`` when empty).
    ///
    /// Returns ``{"name", "tag", "ok"}``; never raises.
    "refs.split_image_stream_tag" => fn split_image_stream_tag(name: &str) ok(refs::split_image_stream_tag(name));

    /// Split ``name@id`` leniently.
    ///
    /// Returns ``{"name", "id", "ok"}``; never raises.
    "refs.split_image_stream_image" => fn split_image_stream_image(name: &str) ok(refs::split_image_stream_image(name));

    /// Join an image stream name and a tag into ``name:tag``.
    ///
    /// Returns a str.
    "refs.join_image_stream_tag" => fn join_image_stream_tag(name: &str, tag: &str) ok(refs::join_image_stream_tag(name, tag));

    /// Join an image stream name and an image ID into ``name@id``.
    ///
    /// Returns a str.
    "refs.join_image_stream_image" => fn join_image_stream_image(name: &str, id: &str) ok(refs::join_image_stream_image(name, id));

    /// Whether an image name matches an image ID or digest (``DigestOrImageMatch``).
    ///
    /// Returns ``{"matched": bool}``.
    "refs.digest_or_image_match" => fn digest_or_image_match(image: &str, id: &str) ok(refs::digest_or_image_match(image, id));

    /// The short form of an image ID: the hex part of a digest, cut to ``length`` bytes.
    ///
    /// Returns a str.
    "refs.short_docker_image_id" => fn short_docker_image_id(id: &str, length: u64) ok(refs::short_docker_image_id(id, length));

    /// Resolve a short image ID among the images of a status tag.
    ///
    /// Returns ``{"image": str}``. Raises ``ReferenceError``
    /// (``image_stream.image_not_found``, ``image_stream.ambiguous_image_id``).
    "refs.resolve_image_id" => fn resolve_image_id(images: Vec<String>, id: &str) refs::resolve_image_id(&images, id);

    /// Validate an image stream name (``ValidateImageStreamName``).
    ///
    /// Returns ``{"errors": list[str]}``, empty when valid.
    "refs.validate_image_stream_name" => fn validate_image_stream_name(name: &str) ok(refs::validate_image_stream_name(name));

    /// Validate an image stream's namespace, name and ``spec.dockerImageRepository``
    /// (``ValidateImageStream``).
    ///
    /// Returns ``{"errors": list[str]}`` in the Kubernetes field-error form, empty when valid.
    "refs.validate_image_stream" => fn validate_image_stream(namespace: &str, name: &str, docker_image_repository: Option<&str> = None) ok(refs::validate_image_stream(namespace, name, docker_image_repository));

    /// The default ``imagePullPolicy`` of a container with this image.
    ///
    /// Returns ``{"policy": "Always" | "IfNotPresent"}``.
    "refs.image_pull_policy_default" => fn image_pull_policy_default(image: &str) ok(refs::image_pull_policy_default(image));

    /// Kubernetes' ``parsers.ParseImageName``: normalized repository, tag (``latest`` when
    /// neither tag nor digest is given) and digest.
    ///
    /// Returns ``{"repository", "tag", "digest"}`` (``""`` when absent). Raises
    /// ``ReferenceError`` (``reference.image_name``).
    "refs.parse_image_name" => fn parse_image_name(image: &str) refs::parse_image_name(image);

    /// Whether a scope is valid in registries.conf lists (``IsValidRegistriesConfScope``).
    ///
    /// Returns ``{"valid": bool}``.
    "refs.is_valid_registries_conf_scope" => fn is_valid_registries_conf_scope(scope: &str) ok(refs::is_valid_registries_conf_scope(scope));

    /// Whether the scope ``sub`` is nested inside ``super_scope`` (MCO's
    /// ``ScopeIsNestedInsideScope``; the operation's input field is ``super``).
    ///
    /// Returns ``{"nested": bool}``.
    "refs.scope_is_nested_inside_scope" => fn scope_is_nested_inside_scope(sub: &str, super_scope: &str) ok(refs::scope_is_nested_inside_scope(sub, super_scope));

    /// containers/image ``refMatchingPrefix``: how many bytes of ``ref`` a registries.conf
    /// ``prefix`` matches.
    ///
    /// Returns an int, or ``None`` for no match.
    "refs.ref_matching_prefix" => fn ref_matching_prefix(r#ref: &str, prefix: &str) ok(refs::ref_matching_prefix(r#ref, prefix));

    /// Whether a value matches the IDMS/ITMS ``source`` and ``mirror`` patterns.
    ///
    /// Returns ``{"source": bool, "mirror": bool}``.
    "refs.mirror_source_pattern" => fn mirror_source_pattern(value: &str) ok(refs::mirror_source_pattern(value));

    /// MCO's ``validateRegistriesConfScopes``: the insecure, blocked and allowed scope lists
    /// and the IDMS, ICSP and ITMS mirror sets (each a list of
    /// ``{"source", "mirrors", "mirror_source_policy"}``). Every argument is optional.
    ///
    /// Returns ``{"valid": True}``. Raises ``ReferenceError`` for the first problem
    /// (``scope.*`` kinds).
    "refs.validate_registries_conf_scopes" => fn validate_registries_conf_scopes(
        insecure: Option<Value> = None,
        blocked: Option<Value> = None,
        allowed: Option<Value> = None,
        idms: Option<Value> = None,
        icsp: Option<Value> = None,
        itms: Option<Value> = None,
    ) call_with(OP, [
        ("insecure", insecure),
        ("blocked", blocked),
        ("allowed", allowed),
        ("idms", idms),
        ("icsp", icsp),
        ("itms", itms),
    ]);

    /// The policy.json identity and scopes of a reference under the containers/image ``docker``
    /// transport (written without the ``//`` prefix): normalized with the legacy grammar,
    /// ``latest`` added to a bare name.
    ///
    /// Returns ``{"identity": str, "namespaces": list[str]}``, most specific scope first.
    /// Raises ``ReferenceError``.
    "refs.policy_namespaces" => fn policy_namespaces(reference: &str) refs::policy_namespaces(reference);

    /// The ``allowedRegistriesForImport`` whitelist: built from ``allowed`` (a list of
    /// ``{"domain_name", "insecure"}``), extended by the ``whitelist_registry`` calls
    /// (``{"host_port_glob", "transport"}``), the ``repositories`` and the internal registry
    /// hostname, then asked to admit exactly one of ``pull_spec``, ``hostname`` or
    /// ``reference`` (a ``DockerImageReference`` dict) over ``transport`` (``secure``,
    /// ``insecure`` or ``any``).
    ///
    /// Returns ``{"admitted": True}``. Raises ``ReferenceError`` for a refusal
    /// (``whitelist.not_allowed``) or an invalid entry.
    "refs.import_whitelist" => fn import_whitelist(
        allowed: Option<Value>,
        transport: Option<Value>,
        whitelist_registry: Option<Value> = None,
        repositories: Option<Value> = None,
        internal_registry_hostname: Option<Value> = None,
        pull_spec: Option<Value> = None,
        hostname: Option<Value> = None,
        reference: Option<Value> = None,
    ) call_with(OP, [
        ("allowed", allowed),
        ("transport", transport),
        ("whitelist_registry", whitelist_registry),
        ("repositories", repositories),
        ("internal_registry_hostname", internal_registry_hostname),
        ("pull_spec", pull_spec),
        ("hostname", hostname),
        ("reference", reference),
    ]);

    /// OpenShift's ``IsWildcardMatch``: whole-string, byte-wise glob (``*``, ``?``).
    ///
    /// Returns ``{"matched": bool}``.
    "refs.wildcard_match" => fn wildcard_match(value: &str, pattern: &str) ok(refs::wildcard_match(value, pattern));

    /// The canonical repository of a pull spec:
    /// ``Parse(reference).DockerClientDefaults().AsRepository().Exact()``.
    ///
    /// Returns a str. Raises ``ReferenceError``.
    "refs.canonical_repository" => fn canonical_repository(reference: &str) refs::canonical_repository(reference);
}

// ---------------------------------------------------------------------------------------------
// Batch functions

/// The error item of a batch result: `{"error": {"kind", "message"}}`.
#[derive(Serialize)]
struct BatchError<'a> {
    error: BatchErrorBody<'a>,
}

#[derive(Serialize)]
struct BatchErrorBody<'a> {
    kind: &'a str,
    message: String,
}

/// Runs `parse` on every string of `references`: each item is the result, or an error item
/// (no exception for one bad item). Raises only when `references` is not an iterable of
/// strings.
fn batch<'py, T: Serialize, E: Into<OpError>>(
    py: Python<'py>,
    op: &str,
    references: &Bound<'py, PyAny>,
    parse: impl Fn(&str) -> Result<T, E>,
) -> PyResult<Bound<'py, PyList>> {
    let not_a_list = || {
        let message = format!("expected a list of str, got {}", type_name(references));
        to_py_err(py, &invalid_argument(op, "references", message))
    };
    if references.is_instance_of::<PyString>() || references.is_instance_of::<PyBytes>() {
        return Err(not_a_list());
    }
    let items = references.try_iter().map_err(|_| not_a_list())?;
    let mut out = Vec::with_capacity(references.len().unwrap_or(0));
    for (index, item) in items.enumerate() {
        let item = item?;
        let result = match <&str>::from_arg(Some(&item)) {
            Ok(reference) => parse(reference).map_err(Into::into),
            Err(message) => Err(invalid_argument(
                op,
                &format!("references[{index}]"),
                message,
            )),
        };
        out.push(match result {
            Ok(value) => to_python(py, &value)?,
            Err(err) => to_python(
                py,
                &BatchError {
                    error: BatchErrorBody {
                        kind: err.kind(),
                        message: err.to_string(),
                    },
                },
            )?,
        });
    }
    PyList::new(py, out)
}

/// ``parse`` over a list of references in one call.
///
/// Returns a list with, per reference, its ``DockerRef`` dict or an error item
/// ``{"error": {"kind": str, "message": str}}`` (one bad reference raises nothing).
#[pyfunction]
#[pyo3(signature = (references))]
fn parse_many<'py>(
    py: Python<'py>,
    references: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    batch(py, "refs.parse", references, refs::parse)
}

/// ``parse_normalized_named`` over a list of references in one call.
///
/// Returns a list with, per reference, its ``DockerRef`` dict or an error item
/// ``{"error": {"kind": str, "message": str}}`` (one bad reference raises nothing).
#[pyfunction]
#[pyo3(signature = (references))]
fn parse_normalized_named_many<'py>(
    py: Python<'py>,
    references: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    batch(
        py,
        "refs.parse_normalized_named",
        references,
        refs::parse_normalized_named,
    )
}

/// ``openshift_parse`` over a list of pull specs in one call.
///
/// Returns a list with, per pull spec, its ``OpenShiftReferenceReport`` dict or an error item
/// ``{"error": {"kind": str, "message": str}}`` (one bad pull spec raises nothing).
#[pyfunction]
#[pyo3(signature = (references))]
fn openshift_parse_many<'py>(
    py: Python<'py>,
    references: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    batch(
        py,
        "refs.openshift_parse",
        references,
        refs::openshift_parse,
    )
}

// ---------------------------------------------------------------------------------------------
// Generic call and the module

/// Run any operation by its name (``"refs.parse"``, see ``OPS``) on a dict of its arguments,
/// keyed by the operation's input field names (``{"reference": "busybox"}``).
///
/// Returns the operation's result. Raises the operation's error, or
/// ``InvalidArgumentError`` for an unknown operation or a missing or mistyped argument.
#[pyfunction]
#[pyo3(signature = (op, input))]
fn call<'py>(
    py: Python<'py>,
    op: Option<&Bound<'py, PyAny>>,
    input: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let op: &str = argument(py, "call", "op", op)?;
    let input: Value = argument(py, op, "input", input)?;
    convert(py, ops::call(op, &input))
}

/// The native module of an area: named `openshift_image.<area>` (its functions' `__module__`,
/// so that they pickle and print as the public submodule's), set as the attribute `<area>` of
/// the native module (not in its `__all__`: the pure package re-exports it as the real
/// submodule `openshift_image/<area>.py`).
fn add_area(
    parent: &Bound<'_, PyModule>,
    area: &str,
    doc: &str,
    add_functions: fn(&Bound<'_, PyModule>) -> PyResult<()>,
) -> PyResult<()> {
    let module = PyModule::new(parent.py(), &format!("openshift_image.{area}"))?;
    module.setattr("__doc__", doc)?;
    add_functions(&module)?;
    parent.setattr(area, module)
}

/// OpenShift's container-image logic (references, digests, image stream names, registry
/// scopes, the import whitelist, image streams, templates, JSONPath and image triggers, registry
/// mirrors, pull credentials, signature policy and short names), compiled from the Rust crate
/// ``openshift-image``.
#[pymodule]
fn _openshift_image(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.setattr("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("OPS", pythonize(py, ops::OPS)?)?;
    m.add("Error", py.get_type::<Error>())?;
    m.add("ReferenceError", py.get_type::<ReferenceError>())?;
    m.add("ImageStreamError", py.get_type::<ImageStreamError>())?;
    m.add("TemplateError", py.get_type::<TemplateError>())?;
    m.add("JsonPathError", py.get_type::<JsonPathError>())?;
    m.add("MirrorError", py.get_type::<MirrorError>())?;
    m.add("PullError", py.get_type::<PullError>())?;
    m.add("InvalidArgumentError", invalid_argument_error(py)?)?;
    add_operations(m)?;
    m.add_function(wrap_pyfunction!(parse_many, m)?)?;
    m.add_function(wrap_pyfunction!(parse_normalized_named_many, m)?)?;
    m.add_function(wrap_pyfunction!(openshift_parse_many, m)?)?;
    m.add_function(wrap_pyfunction!(call, m)?)?;
    add_area(
        m,
        "imagestreams",
        imagestreams::DOC,
        imagestreams::add_functions,
    )?;
    add_area(m, "templates", templates::DOC, templates::add_functions)?;
    add_area(m, "jsonpath", jsonpath::DOC, jsonpath::add_functions)?;
    add_area(m, "mirrors", mirrors::DOC, mirrors::add_functions)?;
    add_area(m, "pull", pull::DOC, pull::add_functions)?;
    Ok(())
}
