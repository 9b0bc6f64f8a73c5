//! The flat, serializable API: one function per operation of the conformance suite
//! (`../shared/conformance/<area>/OPS.md`), named after it, taking its input fields as
//! arguments and returning its result shape.
//!
//! This is the layer the Python, Node and WASM bindings expose, function for function, so the
//! four languages share one set of names and shapes and replay the same vectors. [`OPS`] lists
//! every operation with its parameters in order; [`call`] runs one by name on a JSON object of
//! arguments (what the bindings and the conformance runner use).
//!
//! ```
//! use openshift_image::ops;
//! use serde_json::json;
//!
//! let result = ops::call("refs.parse_normalized_named", &json!({"reference": "busybox:1.36"}))?;
//! assert_eq!(result["string"], "docker.io/library/busybox:1.36");
//! assert_eq!(result["familiar_name"], "busybox");
//!
//! let err = ops::call("refs.parse", &json!({"reference": "Foo!"})).unwrap_err();
//! assert_eq!(err.kind(), "reference.invalid_format");
//! # Ok::<(), openshift_image::OpError>(())
//! ```

pub mod imagestreams;
mod jsonpath;
mod mirrors;
mod pull;
pub mod refs;
pub mod templates;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::OpError;
use crate::imagestream::{ImageStream, TagReference};
use crate::reference::{
    AllowedRegistry, DockerImageReference, RegistriesConfScopes, WhitelistTransport,
};

/// One parameter of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Param {
    /// The input field name (snake_case; camelCase in JavaScript).
    pub name: &'static str,
    /// Whether the argument may be absent (`None` / `undefined`).
    pub optional: bool,
}

/// An operation: its conformance name, the function name the bindings export, and its
/// parameters in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct OpSpec {
    /// `<area>.<operation>`, as in the conformance vectors.
    pub op: &'static str,
    /// The exported function (snake_case; camelCase in JavaScript).
    pub function: &'static str,
    /// The parameters, in the order of the function's arguments.
    pub params: &'static [Param],
}

/// The arguments of one call: typed access to the fields of the input object.
pub(crate) struct Args<'a> {
    op: &'a str,
    input: &'a Value,
}

impl<'a> Args<'a> {
    pub(crate) fn invalid(&self, param: &str, message: impl Into<String>) -> OpError {
        OpError::InvalidArgument {
            op: self.op.to_owned(),
            param: param.to_owned(),
            message: message.into(),
        }
    }

    /// A present, non-null argument of type `T`; absent or `null` → `None`.
    pub(crate) fn opt<T: Deserialize<'a>>(&self, param: &str) -> Result<Option<T>, OpError> {
        match self.input.get(param) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => T::deserialize(v).map(Some).map_err(|e| {
                let message = match v {
                    // serde_json's exact numbers report a value outside the target type
                    // (`-1` for a u64, `1.5` for an integer) as just "invalid number".
                    Value::Number(n) if e.to_string() == "invalid number" => {
                        let expected = std::any::type_name::<T>();
                        let expected = expected.rsplit("::").next().unwrap_or(expected);
                        format!("invalid value: number {n}, expected {expected}")
                    }
                    _ => e.to_string(),
                };
                self.invalid(param, message)
            }),
        }
    }

    /// A required argument of type `T`.
    pub(crate) fn req<T: Deserialize<'a>>(&self, param: &str) -> Result<T, OpError> {
        self.opt(param)?
            .ok_or_else(|| self.invalid(param, "missing required argument"))
    }
}

fn output<T: Serialize>(op: &str, value: T) -> Result<Value, OpError> {
    serde_json::to_value(value).map_err(|e| OpError::Output {
        op: op.to_owned(),
        message: e.to_string(),
    })
}

/// Declares every operation once: the [`OPS`] table and the [`call`] dispatch come from the
/// same list, so they cannot disagree.
macro_rules! operations {
    ($( $op:literal => $function:ident ( $( $param:literal $($optional:ident)? ),* ) |$args:ident| $body:expr ; )*) => {
        /// Every operation, in the order of the conformance documentation.
        pub static OPS: &[OpSpec] = &[
            $( OpSpec {
                op: $op,
                function: stringify!($function),
                params: &[ $( Param { name: $param, optional: operations!(@optional $($optional)?) } ),* ],
            } ),*
        ];

        /// Runs the operation `op` (`<area>.<operation>`) on `input`, an object of its
        /// arguments by name, and returns its result as JSON.
        ///
        /// # Errors
        /// The library's error for the operation, [`OpError::InvalidArgument`] for a missing or
        /// mistyped argument, [`OpError::UnknownOp`] for an unknown name.
        pub fn call(op: &str, input: &Value) -> Result<Value, OpError> {
            if !input.is_object() {
                return Err(OpError::InvalidArgument {
                    op: op.to_owned(),
                    param: "input".to_owned(),
                    message: "expected an object of arguments".to_owned(),
                });
            }
            let args = Args { op, input };
            match op {
                $( $op => {
                    // Every required argument first, in order, so that a missing one is
                    // reported the same way whatever the operation reads first.
                    $( if !operations!(@optional $($optional)?) && matches!(input.get($param), None | Some(Value::Null)) {
                        return Err(args.invalid($param, "missing required argument"));
                    } )*
                    let $args = &args;
                    output(op, $body?)
                } )*
                _ => Err(OpError::UnknownOp { op: op.to_owned() }),
            }
        }
    };
    (@optional) => { false };
    (@optional optional) => { true };
}

/// Wraps an infallible result for the `?` in the dispatch.
fn ok<T>(value: T) -> Result<T, OpError> {
    Ok(value)
}

operations! {
    "refs.parse" => parse("reference") |a| refs::parse(a.req("reference")?).map_err(OpError::from);
    "refs.parse_normalized_named" => parse_normalized_named("reference") |a| refs::parse_normalized_named(a.req("reference")?).map_err(OpError::from);
    "refs.parse_named" => parse_named("reference") |a| refs::parse_named(a.req("reference")?).map_err(OpError::from);
    "refs.parse_any_reference" => parse_any_reference("reference") |a| refs::parse_any_reference(a.req("reference")?).map_err(OpError::from);
    "refs.parse_docker_ref" => parse_docker_ref("reference") |a| refs::parse_docker_ref(a.req("reference")?).map_err(OpError::from);
    "refs.trim_named" => trim_named("reference") |a| refs::trim_named(a.req("reference")?).map_err(OpError::from);
    "refs.tag_name_only" => tag_name_only("reference") |a| refs::tag_name_only(a.req("reference")?).map_err(OpError::from);
    "refs.sort" => sort("references") |a| ok(refs::sort(&a.req::<Vec<String>>("references")?));
    "refs.with_name" => with_name("name") |a| refs::with_name(a.req("name")?).map_err(OpError::from);
    "refs.with_tag" => with_tag("name", "tag", "digest" optional) |a| refs::with_tag(a.req("name")?, a.req("tag")?, a.opt("digest")?).map_err(OpError::from);
    "refs.with_digest" => with_digest("name", "digest", "tag" optional) |a| refs::with_digest(a.req("name")?, a.req("digest")?, a.opt("tag")?).map_err(OpError::from);
    "refs.familiar_match" => familiar_match("reference", "pattern") |a| refs::familiar_match(a.req("reference")?, a.req("pattern")?).map_err(OpError::from);
    "refs.digest_parse" => digest_parse("digest") |a| refs::digest_parse(a.req("digest")?).map_err(OpError::from);
    "refs.regexp" => regexp("production", "input") |a| refs::regexp(a.req("production")?, a.req("input")?).map_err(OpError::from);
    "refs.legacy_parse" => legacy_parse("reference") |a| refs::legacy_parse(a.req("reference")?).map_err(OpError::from);
    "refs.legacy_parse_normalized_named" => legacy_parse_normalized_named("reference") |a| refs::legacy_parse_normalized_named(a.req("reference")?).map_err(OpError::from);
    "refs.openshift_parse" => openshift_parse("reference") |a| refs::openshift_parse(a.req("reference")?).map_err(OpError::from);
    "refs.openshift_equal" => openshift_equal("a", "b") |a| refs::openshift_equal(a.req("a")?, a.req("b")?).map_err(OpError::from);
    "refs.openshift_digest_parse" => openshift_digest_parse("digest") |a| refs::openshift_digest_parse(a.req("digest")?).map_err(OpError::from);
    "refs.parse_image_stream_tag_name" => parse_image_stream_tag_name("name") |a| refs::parse_image_stream_tag_name(a.req("name")?).map_err(OpError::from);
    "refs.parse_image_stream_image_name" => parse_image_stream_image_name("name") |a| refs::parse_image_stream_image_name(a.req("name")?).map_err(OpError::from);
    "refs.split_image_stream_tag" => split_image_stream_tag("name") |a| ok(refs::split_image_stream_tag(a.req("name")?));
    "refs.split_image_stream_image" => split_image_stream_image("name") |a| ok(refs::split_image_stream_image(a.req("name")?));
    "refs.join_image_stream_tag" => join_image_stream_tag("name", "tag") |a| ok(refs::join_image_stream_tag(a.req("name")?, a.req("tag")?));
    "refs.join_image_stream_image" => join_image_stream_image("name", "id") |a| ok(refs::join_image_stream_image(a.req("name")?, a.req("id")?));
    "refs.digest_or_image_match" => digest_or_image_match("image", "id") |a| ok(refs::digest_or_image_match(a.req("image")?, a.req("id")?));
    "refs.short_docker_image_id" => short_docker_image_id("id", "length") |a| ok(refs::short_docker_image_id(a.req("id")?, a.req("length")?));
    "refs.resolve_image_id" => resolve_image_id("images", "id") |a| refs::resolve_image_id(&a.req::<Vec<String>>("images")?, a.req("id")?).map_err(OpError::from);
    "refs.validate_image_stream_name" => validate_image_stream_name("name") |a| ok(refs::validate_image_stream_name(a.req("name")?));
    "refs.validate_image_stream" => validate_image_stream("namespace", "name", "docker_image_repository" optional) |a| ok(refs::validate_image_stream(a.req("namespace")?, a.req("name")?, a.opt("docker_image_repository")?));
    "refs.image_pull_policy_default" => image_pull_policy_default("image") |a| ok(refs::image_pull_policy_default(a.req("image")?));
    "refs.parse_image_name" => parse_image_name("image") |a| refs::parse_image_name(a.req("image")?).map_err(OpError::from);
    "refs.is_valid_registries_conf_scope" => is_valid_registries_conf_scope("scope") |a| ok(refs::is_valid_registries_conf_scope(a.req("scope")?));
    "refs.scope_is_nested_inside_scope" => scope_is_nested_inside_scope("sub", "super") |a| ok(refs::scope_is_nested_inside_scope(a.req("sub")?, a.req("super")?));
    "refs.ref_matching_prefix" => ref_matching_prefix("ref", "prefix") |a| ok(refs::ref_matching_prefix(a.req("ref")?, a.req("prefix")?));
    "refs.mirror_source_pattern" => mirror_source_pattern("value") |a| ok(refs::mirror_source_pattern(a.req("value")?));
    "refs.validate_registries_conf_scopes" => validate_registries_conf_scopes("insecure" optional, "blocked" optional, "allowed" optional, "idms" optional, "icsp" optional, "itms" optional)
        |a| refs::validate_registries_conf_scopes(&registries_conf_scopes(a)?).map_err(OpError::from);
    "refs.policy_namespaces" => policy_namespaces("reference") |a| refs::policy_namespaces(a.req("reference")?).map_err(OpError::from);
    "refs.import_whitelist" => import_whitelist("allowed", "transport", "whitelist_registry" optional, "repositories" optional, "internal_registry_hostname" optional, "pull_spec" optional, "hostname" optional, "reference" optional)
        |a| import_whitelist_call(a);
    "refs.wildcard_match" => wildcard_match("value", "pattern") |a| ok(refs::wildcard_match(a.req("value")?, a.req("pattern")?));
    "refs.canonical_repository" => canonical_repository("reference") |a| refs::canonical_repository(a.req("reference")?).map_err(OpError::from);

    // imagestreams (../shared/conformance/imagestreams/OPS.md)
    "imagestreams.split_image_stream_tag" => split_image_stream_tag("value") |a| ok(refs::split_image_stream_tag(a.req("value")?));
    "imagestreams.split_image_stream_image" => split_image_stream_image("value") |a| ok(refs::split_image_stream_image(a.req("value")?));
    "imagestreams.join_image_stream_tag" => join_image_stream_tag("name", "tag") |a| ok(refs::join_image_stream_tag(a.req("name")?, a.req("tag")?));
    "imagestreams.join_image_stream_image" => join_image_stream_image("name", "id") |a| ok(refs::join_image_stream_image(a.req("name")?, a.req("id")?));
    "imagestreams.parse_image_stream_tag_name" => parse_image_stream_tag_name("value") |a| refs::parse_image_stream_tag_name(a.req("value")?).map_err(OpError::from);
    "imagestreams.parse_image_stream_image_name" => parse_image_stream_image_name("value") |a| refs::parse_image_stream_image_name(a.req("value")?).map_err(OpError::from);
    "imagestreams.digest_or_image_match" => digest_or_image_match("image", "id") |a| ok(crate::reference::digest_or_image_match(a.req("image")?, a.req("id")?));
    "imagestreams.short_docker_image_id" => short_docker_image_id("id", "length") |a| ok(refs::short_docker_image_id(a.req("id")?, a.req("length")?));
    "imagestreams.has_annotation_tag" => has_annotation_tag("tag_ref", "tag") |a| ok(a.req::<TagReference>("tag_ref")?.has_annotation_tag(a.req("tag")?));
    "imagestreams.validate_tag" => validate_tag("tag") |a| crate::imagestream::validate_tag(a.req("tag")?).map(|()| true).map_err(OpError::from);
    "imagestreams.add_tag_event" => add_tag_event("stream", "tag", "event") |a| ok(imagestreams::add_tag_event(a.req("stream")?, a.req("tag")?, a.req("event")?));
    "imagestreams.update_tracking_tags" => update_tracking_tags("stream", "tag", "event") |a| ok(imagestreams::update_tracking_tags(a.req("stream")?, a.req("tag")?, &a.req("event")?));
    "imagestreams.latest_tagged_image" => latest_tagged_image("stream", "tag") |a| ok(a.req::<ImageStream>("stream")?.latest_tagged_image(a.req("tag")?).cloned());
    "imagestreams.resolve_latest_tagged_image" => resolve_latest_tagged_image("stream", "tag") |a| ok(a.req::<ImageStream>("stream")?.resolve_latest_tagged_image(a.req("tag")?));
    "imagestreams.resolve_pull_spec_for_tag" => resolve_pull_spec_for_tag("stream", "tag", "default_external", "require_latest")
        |a| a.req::<ImageStream>("stream")?.resolve_pull_spec_for_tag(a.req("tag")?, a.req("default_external")?, a.req("require_latest")?).map_err(OpError::from);
    "imagestreams.resolve_image_id" => resolve_image_id("stream", "id", "now" optional) |a| a.req::<ImageStream>("stream")?.resolve_image_id(a.req("id")?, &imagestreams::now(a)?).map_err(OpError::from);
    "imagestreams.get_image_stream_tag" => get_image_stream_tag("namespace", "name", "streams", "images") |a| imagestreams::gets::get_image_stream_tag(a);
    "imagestreams.get_image_stream_image" => get_image_stream_image("namespace", "name", "streams", "images") |a| imagestreams::gets::get_image_stream_image(a);
    "imagestreams.latest_observed_tag_generation" => latest_observed_tag_generation("stream", "tag") |a| ok(a.req::<ImageStream>("stream")?.latest_observed_tag_generation(a.req("tag")?));
    "imagestreams.has_tag_condition" => has_tag_condition("stream", "tag", "condition") |a| ok(a.req::<ImageStream>("stream")?.has_tag_condition(a.req("tag")?, &a.req("condition")?));
    "imagestreams.tag_needs_import" => tag_needs_import("stream", "tag_ref", "import_when_generation_nil")
        |a| ok(a.req::<ImageStream>("stream")?.tag_needs_import(&a.req("tag_ref")?, a.req("import_when_generation_nil")?));
    "imagestreams.needs_import" => needs_import("stream") |a| {
        let (needs_import, partial) = a.req::<ImageStream>("stream")?.needs_import();
        ok(imagestreams::NeedsImport { needs_import, partial })
    };
    "imagestreams.follow_tag_reference" => follow_tag_reference("stream", "tag")
        |a| ok(imagestreams::FollowedTagReport::from(a.req::<ImageStream>("stream")?.follow_tag_reference(a.req("tag")?)));
    "imagestreams.tag_references_local_tag" => tag_references_local_tag("stream", "tag_ref") |a| ok(a.req::<ImageStream>("stream")?.tag_references_local_tag(&a.req("tag_ref")?));
    "imagestreams.prioritize_tags" => prioritize_tags("tags") |a| ok(crate::imagestream::prioritize_tags(&a.req::<Vec<String>>("tags")?));
    "imagestreams.sort_status_tags" => sort_status_tags("stream") |a| ok(a.req::<ImageStream>("stream")?.sort_status_tags());
    "imagestreams.print_tags_up_to_width" => print_tags_up_to_width("stream", "width") |a| ok(a.req::<ImageStream>("stream")?.print_tags_up_to_width(a.req("width")?));
    "imagestreams.get_row" => get_row("stream", "now") |a| {
        let now: String = a.req("now")?;
        let seconds = crate::imagestream::parse_rfc3339_seconds(&now).ok_or_else(|| a.invalid("now", format!("not an RFC 3339 time: {now:?}")))?;
        ok(a.req::<ImageStream>("stream")?.get_row(seconds))
    };
    "imagestreams.tag_ref_changed" => tag_ref_changed("old", "next", "namespace")
        |a| ok(crate::imagestream::tag_ref_changed(&a.req("old")?, &a.req("next")?, a.req("namespace")?));
    "imagestreams.spec_tags_to_status" => spec_tags_to_status("old" optional, "stream", "internal_registry" optional, "other_streams" optional, "now" optional) |a| imagestreams::server::spec_tags_to_status(a);
    "imagestreams.create" => create("stream", "internal_registry" optional, "external_registry" optional, "other_streams" optional, "denied_streams" optional, "now" optional) |a| imagestreams::server::create(a);
    "imagestreams.update" => update("old", "stream", "internal_registry" optional, "external_registry" optional, "other_streams" optional, "denied_streams" optional, "now" optional) |a| imagestreams::server::update(a);
    "imagestreams.update_status" => update_status("old", "stream", "internal_registry" optional, "external_registry" optional, "other_streams" optional, "denied_streams" optional, "now" optional) |a| imagestreams::server::update_status(a);
    "imagestreams.image_stream_mapping" => image_stream_mapping("stream", "mapping", "existing_images" optional, "internal_registry" optional, "external_registry" optional, "other_streams" optional, "denied_streams" optional, "now" optional) |a| imagestreams::server::image_stream_mapping(a);
    "imagestreams.delete_image_stream_tag" => delete_image_stream_tag("stream", "name", "internal_registry" optional, "external_registry" optional, "other_streams" optional, "denied_streams" optional, "now" optional) |a| imagestreams::server::delete_image_stream_tag(a);
    "imagestreams.put_image_stream_tag" => put_image_stream_tag("namespace", "stream" optional, "istag", "internal_registry" optional, "external_registry" optional, "other_streams" optional, "denied_streams" optional, "now" optional) |a| imagestreams::server::put_image_stream_tag(a);
    "imagestreams.post_image_stream_tag" => post_image_stream_tag("namespace", "stream" optional, "istag", "internal_registry" optional, "external_registry" optional, "other_streams" optional, "denied_streams" optional, "now" optional) |a| imagestreams::server::post_image_stream_tag(a);
    "imagestreams.image_triggers" => image_triggers("object", "streams", "internal_registry") |a| imagestreams::triggers::image_triggers(a);
    "imagestreams.triggers_fired_by" => triggers_fired_by("objects", "namespace", "stream", "streams", "internal_registry" optional) |a| imagestreams::triggers::triggers_fired_by(a);
    "imagestreams.resolve_object_images" => resolve_object_images("object", "streams", "images" optional, "namespace" optional, "internal_registry" optional) |a| imagestreams::triggers::resolve_object_images(a);
    "imagestreams.lookup_policy_resolution" => lookup_policy_resolution("namespace", "ref", "resolve_names", "streams", "images", "internal_registry" optional) |a| imagestreams::gets::lookup_policy_resolution(a);
    "imagestreams.select_manifest_legacy" => select_manifest_legacy("manifest_list", "prefer_arch", "prefer_os") |a| imagestreams::import_modes::select_manifest_legacy(a);
    "imagestreams.manifest_list_to_image" => manifest_list_to_image("manifest_list", "digest" optional) |a| imagestreams::import_modes::manifest_list_to_image(a);
    "imagestreams.oc_tag" => oc_tag("namespace", "args", "flags", "streams") |a| imagestreams::oc_tag::oc_tag(a);
    "imagestreams.describe_is" => describe_is("stream", "now") |a| imagestreams::describe::describe_is(a);
    "imagestreams.prune_history" => prune_history("now", "options", "images", "streams", "pods" optional, "replication_controllers" optional, "deployments" optional, "daemon_sets" optional, "replica_sets" optional, "stateful_sets" optional, "jobs" optional, "cron_jobs" optional, "deployment_configs" optional, "builds" optional, "build_configs" optional, "limit_ranges" optional) |a| imagestreams::prune::prune_history(a);
    "imagestreams.prune_options_validate" => prune_options_validate("keep_tag_revisions" optional, "keep_younger_than" optional, "prune_over_size_limit" optional) |a| imagestreams::prune::prune_options_validate(a);

    // templates (../shared/conformance/templates/OPS.md)
    "templates.process" => process("template" optional, "template_yaml" optional, "parameters" optional, "labels" optional, "ignore_unknown_parameters" optional, "seed" optional, "go_compat" optional) |a| templates::process::process(a);
    "templates.generate" => generate("expression", "seed" optional, "go_compat" optional) |a| templates::generate::generate(a);
    "templates.oc_process" => oc_process("args", "files" optional, "dirs" optional, "stdin" optional, "server" optional, "seed" optional) |a| templates::oc_process::oc_process(a);
    "templates.validate_parameters" => validate_parameters("parameters") |a| templates::process::validate_parameters(a);
    "templates.lint" => lint("template" optional, "template_yaml" optional) |a| templates::generate::lint(a);

    // jsonpath (../shared/conformance/jsonpath/OPS.md; the vectors' camelCase inputs are snake_case here)
    "jsonpath.parse" => parse("template") |a| jsonpath::parse(a);
    "jsonpath.execute" => execute("template", "data" optional, "allow_missing_keys" optional, "numbers" optional, "output_json" optional, "data_json" optional) |a| jsonpath::execute(a);
    "jsonpath.find_results" => find_results("template", "data" optional, "allow_missing_keys" optional, "numbers" optional, "data_json" optional) |a| jsonpath::find_results(a);
    "jsonpath.tsb_evaluate_expose" => tsb_evaluate_expose("annotation", "expression", "object" optional, "base64" optional, "object_json" optional) |a| jsonpath::tsb_evaluate_expose(a);
    "jsonpath.tsb_bind_credentials" => tsb_bind_credentials("objects" optional, "objects_json" optional) |a| jsonpath::tsb_bind_credentials(a);
    "jsonpath.trigger_parse_annotation" => trigger_parse_annotation("value" optional) |a| jsonpath::trigger_parse_annotation(a);
    "jsonpath.trigger_serialize" => trigger_serialize("triggers") |a| jsonpath::trigger_serialize(a);
    "jsonpath.trigger_container_for_field_path" => trigger_container_for_field_path("object", "field_path") |a| jsonpath::trigger_container_for_field_path(a);
    "jsonpath.trigger_update_object" => trigger_update_object("object", "tags") |a| jsonpath::trigger_update_object(a);
    "jsonpath.oc_set_triggers" => oc_set_triggers("object", "namespace" optional, "from_image" optional, "containers" optional, "auto" optional, "manual" optional, "remove" optional, "from_config" optional) |a| jsonpath::oc_set_triggers(a);
    "jsonpath.resolve_all_names" => resolve_all_names("object") |a| jsonpath::resolve_all_names_op(a);
    "jsonpath.trigger_lint" => trigger_lint("object") |a| jsonpath::trigger_lint(a);

    // mirrors (../shared/conformance/mirrors/OPS.md)
    "mirrors.load_registries_conf" => load_registries_conf("registries_conf" optional, "drop_ins" optional) |a| mirrors::load_registries_conf(a);
    "mirrors.parse_location" => parse_location("input") |a| mirrors::parse_location(a);
    "mirrors.ref_matching_prefix" => ref_matching_prefix("ref", "prefix") |a| mirrors::ref_matching_prefix_op(a);
    "mirrors.rewrite_reference" => rewrite_reference("ref", "prefix", "location") |a| mirrors::rewrite_reference(a);
    "mirrors.validate_short_name" => validate_short_name("name") |a| mirrors::validate_short_name(a);
    "mirrors.parse_short_name_value" => parse_short_name_value("value") |a| mirrors::parse_short_name_value(a);
    "mirrors.find_registry" => find_registry("registries_conf" optional, "drop_ins" optional, "ref") |a| mirrors::find_registry(a);
    "mirrors.resolve_short_name_alias" => resolve_short_name_alias("registries_conf" optional, "drop_ins" optional, "name") |a| mirrors::resolve_short_name_alias(a);
    "mirrors.pull_sources_from_reference" => pull_sources_from_reference("registry", "ref") |a| mirrors::pull_sources_from_reference(a);
    "mirrors.resolve_pull_sources" => resolve_pull_sources("registries_conf" optional, "drop_ins" optional, "ref") |a| mirrors::resolve_pull_sources(a);
    "mirrors.update_registries_config" => update_registries_config("base", "insecure_registries" optional, "blocked_registries" optional, "icsps" optional, "idmss" optional, "itmss" optional) |a| mirrors::update_registries_config(a);
    "mirrors.update_registries_config_text" => update_registries_config_text("base", "insecure_registries" optional, "blocked_registries" optional, "icsps" optional, "idmss" optional, "itmss" optional) |a| mirrors::update_registries_config_text(a);
    "mirrors.edit_registries_config" => edit_registries_config("base", "insecure_registries" optional, "blocked_registries" optional, "icsps" optional, "idmss" optional, "itmss" optional) |a| mirrors::edit_registries_config(a);
    "mirrors.validate_registries_conf_scopes" => validate_registries_conf_scopes("insecure_registries" optional, "blocked_registries" optional, "allowed_registries" optional, "icsps" optional, "idmss" optional, "itmss" optional) |a| mirrors::validate_registries_conf_scopes(a);
    "mirrors.update_policy_json" => update_policy_json("base" optional, "blocked_registries" optional, "allowed_registries" optional, "release_image" optional) |a| mirrors::update_policy_json(a);
    "mirrors.update_policy_json_text" => update_policy_json_text("base" optional, "blocked_registries" optional, "allowed_registries" optional, "release_image" optional) |a| mirrors::update_policy_json_text(a);
    "mirrors.valid_blocked_and_allowed_registries" => valid_blocked_and_allowed_registries("release_image", "image_spec" optional, "icsps" optional, "idmss" optional) |a| mirrors::valid_blocked_and_allowed_registries(a);
    "mirrors.render_image_config" => render_image_config("base" optional, "release_image", "image_spec" optional, "icsps" optional, "idmss" optional, "itmss" optional) |a| mirrors::render_image_config(a);
    "mirrors.api_pattern" => api_pattern("kind", "value") |a| mirrors::api_pattern(a);
    "mirrors.oc_alternates" => oc_alternates("kind", "strategy", "file" optional, "ref") |a| mirrors::oc_alternates(a);
    "mirrors.oc_migrate_icsp" => oc_migrate_icsp("files" optional, "args", "dest_dir" optional, "dest_dir_is_file" optional, "seed" optional) |a| mirrors::oc_migrate_icsp(a);
    "mirrors.oc_release_mirror_instructions" => oc_release_mirror_instructions("from", "to", "repositories", "signature_to_dir" optional, "print_mirror_instructions") |a| mirrors::oc_release_mirror_instructions(a);
    "mirrors.explain" => explain("registries_conf" optional, "drop_ins" optional, "ref") |a| mirrors::explain(a);
    "mirrors.lint" => lint("icsps" optional, "idmss" optional, "itmss" optional, "image_spec" optional, "release_image" optional, "payload_repositories" optional, "registries_conf" optional) |a| mirrors::lint(a);
    // pull (../shared/conformance/pull/OPS.md)
    "pull.kubelet_credentials" => kubelet_credentials("image", "pull_secrets", "node_config" optional, "node_dockercfg" optional) |a| pull::keyring::kubelet_credentials(a);
    "pull.keyring_url_match" => keyring_url_match("glob", "target") |a| pull::keyring::keyring_url_match(a);
    "pull.keyring_lookup" => keyring_lookup("dockercfgs", "name") |a| pull::keyring::keyring_lookup(a);
    "pull.auth_file_credentials" => auth_file_credentials("auth_json" optional, "legacy_format" optional, "image" optional, "key" optional) |a| pull::authfile::auth_file_credentials(a);
    "pull.oc_registry_credentials" => oc_registry_credentials("auth_json" optional, "image") |a| pull::authfile::oc_registry_credentials(a);
    "pull.policy_requirements" => policy_requirements("policy_json", "image") |a| pull::policy::policy_requirements(a);
    "pull.validate_policy_scope" => validate_policy_scope("transport", "scope") |a| pull::policy::validate_policy_scope(a);
    "pull.parse_image_name" => parse_image_name("name", "filesystem" optional) |a| pull::transports::parse_image_name(a);
    "pull.transport_from_image_name" => transport_from_image_name("name") |a| pull::transports::transport_from_image_name(a);
    "pull.resolve_short_name" => resolve_short_name("name", "registries_conf" optional, "drop_ins" optional, "user_aliases" optional, "short_name_mode" optional, "force_docker_hub" optional, "pull_errors" optional) |a| pull::shortnames::resolve_short_name(a);
    "pull.resolve_short_name_locally" => resolve_short_name_locally("name", "registries_conf" optional, "drop_ins" optional, "user_aliases" optional, "short_name_mode" optional, "force_docker_hub" optional) |a| pull::shortnames::resolve_short_name_locally(a);
    "pull.is_short_name" => is_short_name("name") |a| pull::shortnames::is_short_name(a);
    "pull.auth_file_explain" => auth_file_explain("auth_json" optional, "legacy_format" optional, "image" optional, "key" optional) |a| pull::authfile::explain(a);
    "pull.auth_file_lint" => auth_file_lint("auth_json", "legacy_format" optional) |a| pull::authfile::lint(a);
}

/// The scopes of `refs.validate_registries_conf_scopes`, read field by field so that an
/// error names the mistyped list.
fn registries_conf_scopes(a: &Args<'_>) -> Result<RegistriesConfScopes, OpError> {
    Ok(RegistriesConfScopes {
        insecure: a.opt("insecure")?.unwrap_or_default(),
        blocked: a.opt("blocked")?.unwrap_or_default(),
        allowed: a.opt("allowed")?.unwrap_or_default(),
        idms: a.opt("idms")?.unwrap_or_default(),
        icsp: a.opt("icsp")?.unwrap_or_default(),
        itms: a.opt("itms")?.unwrap_or_default(),
    })
}

fn import_whitelist_call(a: &Args<'_>) -> Result<refs::Admitted, OpError> {
    let allowed: Vec<AllowedRegistry> = a.req("allowed")?;
    let calls: Vec<refs::WhitelistRegistryCall> = a.opt("whitelist_registry")?.unwrap_or_default();
    let repositories: Vec<String> = a.opt("repositories")?.unwrap_or_default();
    let transport: WhitelistTransport = a.req("transport")?;
    let reference: Option<DockerImageReference> = a.opt("reference")?;
    let subject = match (a.opt("pull_spec")?, a.opt("hostname")?, reference.as_ref()) {
        (Some(spec), None, None) => refs::WhitelistSubject::PullSpec(spec),
        (None, Some(host), None) => refs::WhitelistSubject::Hostname(host),
        (None, None, Some(r)) => refs::WhitelistSubject::Reference(r),
        _ => {
            return Err(a.invalid(
                "pull_spec",
                "exactly one of pull_spec, hostname or reference is required",
            ));
        }
    };
    refs::import_whitelist(
        &allowed,
        &calls,
        &repositories,
        a.opt("internal_registry_hostname")?,
        transport,
        &subject,
    )
    .map_err(OpError::from)
}

/// The specification of `op`, if it exists.
#[must_use]
pub fn spec(op: &str) -> Option<&'static OpSpec> {
    OPS.iter().find(|s| s.op == op)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_op_reports_its_first_missing_argument() {
        for spec in OPS {
            let result = call(spec.op, &json!({}));
            match spec.params.iter().find(|p| !p.optional) {
                Some(first) => assert!(
                    matches!(&result, Err(OpError::InvalidArgument { param, .. }) if param == first.name),
                    "{}: {result:?}",
                    spec.op
                ),
                // Every argument optional: the call may succeed or fail, but the op is known.
                None => assert!(!matches!(result, Err(OpError::UnknownOp { .. }))),
            }
        }
    }

    #[test]
    fn unknown_ops_and_bad_inputs_are_errors() {
        assert_eq!(
            call("refs.nope", &json!({})).unwrap_err().kind(),
            "ops.unknown_op"
        );
        assert_eq!(
            call("refs.parse", &json!([])).unwrap_err().kind(),
            "ops.invalid_argument"
        );
        let err = call("refs.parse", &json!({"reference": 5})).unwrap_err();
        assert_eq!(err.kind(), "ops.invalid_argument");
        assert!(err.to_string().contains("reference"), "{err}");
    }

    #[test]
    fn numbers_outside_the_parameter_type_are_named() {
        for (length, shown) in [(json!(-1), "-1"), (json!(1.5), "1.5")] {
            let err = call(
                "refs.short_docker_image_id",
                &json!({"id": "sha256:abc", "length": length}),
            )
            .unwrap_err();
            assert_eq!(
                err.to_string(),
                format!(
                    "refs.short_docker_image_id: invalid argument `length`: invalid value: number {shown}, expected u64"
                )
            );
        }
    }

    #[test]
    fn documents_as_json_text_keep_their_numbers() {
        let expose = |input: Value| call("jsonpath.tsb_evaluate_expose", &input);
        let base = json!({"annotation": "a", "expression": "{.big}"});
        let with = |key: &str, value: Value| {
            let mut input = base.clone();
            input[key] = value;
            input
        };
        // JavaScript's JSON.parse makes 1000000.0 the integer 1000000; the text keeps the float.
        assert_eq!(
            expose(with("object_json", json!(r#"{"big": 1000000.0}"#))).unwrap(),
            "1e+06"
        );
        assert_eq!(
            expose(with("object", json!({"big": 1_000_000}))).unwrap(),
            "1000000"
        );
        let both = with("object", json!({})).as_object().cloned().map(|mut m| {
            m.insert("object_json".into(), json!("{}"));
            Value::Object(m)
        });
        let err = expose(both.unwrap_or_default()).unwrap_err();
        assert_eq!(err.kind(), "ops.invalid_argument");
        let err = expose(base.clone()).unwrap_err();
        assert!(err.to_string().contains("`object`"), "{err}");
        let executed = call(
            "jsonpath.execute",
            &json!({"template": "{.x}", "data_json": "{\"x\": 3.0}", "numbers": "int64"}),
        );
        assert_eq!(executed.unwrap(), "3");
    }

    #[test]
    fn tag_changes_fire_the_objects_that_follow_the_stream() {
        let deployment = |name: &str, triggers: &str| {
            json!({"apiVersion": "apps/v1", "kind": "Deployment",
                "metadata": {"name": name, "namespace": "shop",
                             "annotations": {"image.openshift.io/triggers": triggers}},
                "spec": {"template": {"spec": {"containers": [{"name": "web", "image": "old"}]}}}})
        };
        let follows = r#"[{"from":{"kind":"ImageStreamTag","name":"web:prod"},"fieldPath":"spec.template.spec.containers[0].image"}]"#;
        let paused = r#"[{"from":{"kind":"ImageStreamTag","name":"web:prod"},"fieldPath":"spec.template.spec.containers[0].image","paused":true}]"#;
        let digest = format!("sha256:{}", "1".repeat(64));
        let stream = json!({"metadata": {"name": "web", "namespace": "shop"},
            "status": {"dockerImageRepository": "registry.svc:5000/shop/web",
                       "tags": [{"tag": "prod", "items": [{"created": null, "generation": 1,
                           "dockerImageReference": format!("quay.io/shop/web@{digest}"), "image": digest}]}]}});
        let fired = call(
            "imagestreams.triggers_fired_by",
            &json!({"objects": [deployment("a", follows), deployment("b", paused), deployment("c", "[")],
                    "namespace": "shop", "stream": "web", "streams": [stream]}),
        )
        .unwrap();
        assert_eq!(fired.as_array().map(Vec::len), Some(1), "{fired}");
        assert_eq!(fired[0]["index"], 0);
        assert_eq!(fired[0]["changed"], json!(["containers[0]"]));
        assert_eq!(
            fired[0]["object"]["spec"]["template"]["spec"]["containers"][0]["image"],
            format!("quay.io/shop/web@{digest}")
        );
    }

    #[test]
    fn local_lookup_rewrites_short_names() {
        let streams = json!([{"metadata": {"name": "ruby", "namespace": "shop"},
            "spec": {"lookupPolicy": {"local": true}},
            "status": {"dockerImageRepository": "172.30.1.1:5000/shop/ruby"}}]);
        let pod = json!({"kind": "Pod", "metadata": {"namespace": "shop"},
            "spec": {"containers": [{"name": "web", "image": "ruby:3.3"},
                                    {"name": "proxy", "image": "quay.io/acme/proxy:1"}]}});
        let report = call(
            "imagestreams.resolve_object_images",
            &json!({"object": pod, "streams": streams, "internal_registry": "172.30.1.1:5000"}),
        )
        .unwrap();
        assert_eq!(
            report["object"]["spec"]["containers"][0]["image"],
            "172.30.1.1:5000/shop/ruby:3.3"
        );
        assert_eq!(report["containers"][0]["rewritten"], true);
        assert_eq!(report["containers"][1]["rewritten"], false);
        assert!(
            report["containers"][1]["error"]["kind"].is_string(),
            "{report}"
        );
    }

    #[test]
    fn mirrors_explain_and_lint() {
        let conf = "[[registry]]\nlocation = \"registry.redhat.io/ubi9\"\n\n[[registry.mirror]]\nlocation = \"mirror.local/ubi9\"\npull-from-mirror = \"digest-only\"\n";
        let explained = call(
            "mirrors.explain",
            &json!({"registries_conf": conf, "ref": "registry.redhat.io/ubi9/ubi:9"}),
        )
        .unwrap();
        assert_eq!(explained["sources"][0]["status"], "skipped", "{explained}");
        assert_eq!(
            explained["sources"][0]["reason"],
            "digest_only_mirror_tag_reference"
        );
        assert_eq!(
            explained["attempts"],
            json!(["registry.redhat.io/ubi9/ubi:9"])
        );
        let idms = |source: &str| {
            json!({"apiVersion": "config.openshift.io/v1", "kind": "ImageDigestMirrorSet",
                "metadata": {"name": source}, "spec": {"imageDigestMirrors": [
                    {"source": source, "mirrors": ["mirror.local/x"]}]}})
        };
        let itms = json!({"apiVersion": "config.openshift.io/v1", "kind": "ImageTagMirrorSet",
            "metadata": {"name": "t"}, "spec": {"imageTagMirrors": [
                {"source": "quay.io/a", "mirrors": ["mirror.local/y"]}]}});
        let report = call(
            "mirrors.lint",
            &json!({"idmss": [idms("quay.io/a")], "itmss": [itms]}),
        )
        .unwrap();
        let kinds: Vec<&Value> = report["findings"]
            .as_array()
            .map(|f| f.iter().map(|f| &f["kind"]).collect())
            .unwrap_or_default();
        assert!(
            kinds.contains(&&json!("source_in_digest_and_tag_sets")),
            "{report}"
        );
    }

    #[test]
    fn function_names_follow_op_names() {
        for spec in OPS {
            assert_eq!(spec.op.split_once('.').map(|(_, f)| f), Some(spec.function));
        }
    }
}
