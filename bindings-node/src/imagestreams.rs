//! The `imagestreams` area: the namespace `imagestreams` of the package
//! (`imagestreams.addTagEvent(stream, tag, event)`), one function per `imagestreams.*`
//! operation of [`openshift_image::ops::OPS`], in table order.
//!
//! Streams, tags, events and the other API objects are the `image.openshift.io/v1` (or
//! Kubernetes) JSON objects, exactly as the API serves them; every argument goes through
//! [`openshift_image::ops::call`]. An operation that takes the server's clock has an optional
//! `now` (RFC 3339, UTC), the current time when omitted.

use napi::bindgen_prelude::{Either, Env, Result, Unknown};
use napi_derive::napi;

area_ops! {
    namespace = "imagestreams";
    #[doc = "Splits `name:tag` leniently; the tag is `latest` when empty. Never throws (`imagestreams.split_image_stream_tag`)."]
    "imagestreams.split_image_stream_tag" split_image_stream_tag(value: "string") -> "SplitTag";
    #[doc = "Splits `name@id` leniently. Never throws (`imagestreams.split_image_stream_image`)."]
    "imagestreams.split_image_stream_image" split_image_stream_image(value: "string") -> "SplitImage";
    #[doc = "Joins an image stream tag name `name:tag` (`imagestreams.join_image_stream_tag`)."]
    "imagestreams.join_image_stream_tag" join_image_stream_tag(name: "string", tag: "string") -> "string";
    #[doc = "Joins an image stream image name `name@id` (`imagestreams.join_image_stream_image`)."]
    "imagestreams.join_image_stream_image" join_image_stream_image(name: "string", id: "string") -> "string";
    #[doc = "Parses a strict image stream tag name `<stream>:<tag>`; throws `image_stream.*` errors (`imagestreams.parse_image_stream_tag_name`)."]
    "imagestreams.parse_image_stream_tag_name" parse_image_stream_tag_name(value: "string") -> "ImageStreamTagName";
    #[doc = "Parses a strict image stream image name `<stream>@<id>`; throws `image_stream.*` errors (`imagestreams.parse_image_stream_image_name`)."]
    "imagestreams.parse_image_stream_image_name" parse_image_stream_image_name(value: "string") -> "ImageStreamImageName";
    #[doc = "Whether image `image` matches the image ID or digest `id` (`DigestOrImageMatch`) (`imagestreams.digest_or_image_match`)."]
    "imagestreams.digest_or_image_match" digest_or_image_match(image: "string", id: "string") -> "boolean";
    #[doc = "The short form of an image ID (`dockerImageMetadata.Id`), cut to `length` bytes (`imagestreams.short_docker_image_id`)."]
    "imagestreams.short_docker_image_id" short_docker_image_id(id: "string", length: "number") -> "string";
    #[doc = "Whether the TagReference `tagRef` lists `tag` in its `tags` annotation (`imagestreams.has_annotation_tag`)."]
    "imagestreams.has_annotation_tag" has_annotation_tag(tag_ref: "TagReference", tag: "string") -> "boolean";
    #[doc = "The `oc tag` check of a tag name: `true`, or throws `imagestream.invalid_tag` (`imagestreams.validate_tag`)."]
    "imagestreams.validate_tag" validate_tag(tag: "string") -> "Passed";
    #[doc = "Adds `event` to the history of `tag` in a copy of `stream`; returns whether it changed and the whole `status.tags` after (`imagestreams.add_tag_event`)."]
    "imagestreams.add_tag_event" add_tag_event(stream: "ImageStream", tag: "string", event: "TagEvent") -> "TagEventAdded";
    #[doc = "Gives `event` (just added to `tag`) to every tag of `stream` that tracks `tag`; returns how many and `status.tags` after (`imagestreams.update_tracking_tags`)."]
    "imagestreams.update_tracking_tags" update_tracking_tags(stream: "ImageStream", tag: "string", event: "TagEvent") -> "TrackingTagsUpdated";
    #[doc = "The current (first) event of `tag`, or `null` (`imagestreams.latest_tagged_image`)."]
    "imagestreams.latest_tagged_image" latest_tagged_image(stream: "ImageStream", tag: "string") -> "TagEvent | null";
    #[doc = "The pull spec of `tag`'s current event as the reference policy gives it, or `null` (`imagestreams.resolve_latest_tagged_image`)."]
    "imagestreams.resolve_latest_tagged_image" resolve_latest_tagged_image(stream: "ImageStream", tag: "string") -> "string | null";
    #[doc = "The pull spec for `tag` (empty: `latest`) in the newest (`requireLatest`) or the recent mode; throws `imagestream.*` errors (`imagestreams.resolve_pull_spec_for_tag`)."]
    "imagestreams.resolve_pull_spec_for_tag" resolve_pull_spec_for_tag(stream: "ImageStream", tag: "string", default_external: "boolean", require_latest: "boolean") -> "PullSpecForTag";
    #[doc = "The tag event of the image whose (short) ID is `id`, created at `now` (default: the current time); throws `imagestream.image_not_found` / `imagestream.ambiguous_image_id` (`imagestreams.resolve_image_id`)."]
    "imagestreams.resolve_image_id" resolve_image_id(stream: "ImageStream", id: "string"; now: "string | null") -> "TagEvent";
    #[doc = "The ImageStreamTag GET of `name` (`<stream>:<tag>`) over the cluster's `streams` and `images`; throws the API error (`imagestreams.get_image_stream_tag`)."]
    "imagestreams.get_image_stream_tag" get_image_stream_tag(namespace: "string", name: "string", streams: "ImageStream[]", images: "ImageObject[]") -> "ApiObject";
    #[doc = "The ImageStreamImage GET of `name` (`<stream>@<id>`); throws the API error (`imagestreams.get_image_stream_image`)."]
    "imagestreams.get_image_stream_image" get_image_stream_image(namespace: "string", name: "string", streams: "ImageStream[]", images: "ImageObject[]") -> "ApiObject";
    #[doc = "The generation of `tag`'s current event (the stream's generation when none) (`imagestreams.latest_observed_tag_generation`)."]
    "imagestreams.latest_observed_tag_generation" latest_observed_tag_generation(stream: "ImageStream", tag: "string") -> "number | bigint";
    #[doc = "Whether `tag`'s status carries `condition` (`imagestreams.has_tag_condition`)."]
    "imagestreams.has_tag_condition" has_tag_condition(stream: "ImageStream", tag: "string", condition: "TagEventCondition") -> "boolean";
    #[doc = "The import controller's per-tag test (`imagestreams.tag_needs_import`)."]
    "imagestreams.tag_needs_import" tag_needs_import(stream: "ImageStream", tag_ref: "TagReference", import_when_generation_nil: "boolean") -> "boolean";
    #[doc = "The import controller's per-stream test (`imagestreams.needs_import`)."]
    "imagestreams.needs_import" needs_import(stream: "ImageStream") -> "NeedsImport";
    #[doc = "Follows `tag`'s spec references within `stream` (`imagestreams.follow_tag_reference`)."]
    "imagestreams.follow_tag_reference" follow_tag_reference(stream: "ImageStream", tag: "string") -> "FollowedTagReference";
    #[doc = "The tag of `stream` that `tagRef` references locally, or `null` (`imagestreams.tag_references_local_tag`)."]
    "imagestreams.tag_references_local_tag" tag_references_local_tag(stream: "ImageStream", tag_ref: "TagReference") -> "string | null";
    #[doc = "Tag names in `oc`'s priority order (`latest` first, then versions newest first) (`imagestreams.prioritize_tags`)."]
    "imagestreams.prioritize_tags" prioritize_tags(tags: "string[]") -> "string[]";
    #[doc = "The status tag names of `stream` in `oc`'s order (`imagestreams.sort_status_tags`)."]
    "imagestreams.sort_status_tags" sort_status_tags(stream: "ImageStream") -> "string[]";
    #[doc = "The TAGS column of `oc get is`, cut to `width` (`imagestreams.print_tags_up_to_width`)."]
    "imagestreams.print_tags_up_to_width" print_tags_up_to_width(stream: "ImageStream", width: "number") -> "string";
    #[doc = "The `oc get is` row of `stream` with the clock at `now` (RFC 3339) (`imagestreams.get_row`)."]
    "imagestreams.get_row" get_row(stream: "ImageStream", now: "string") -> "ImageStreamRow";
    #[doc = "Whether a spec tag changed from `old` to `next` for the API server (`imagestreams.tag_ref_changed`)."]
    "imagestreams.tag_ref_changed" tag_ref_changed(old: "TagReference", next: "TagReference", namespace: "string") -> "boolean";
    #[doc = "The API server's spec-tags-to-status pass on `stream` (`old` `null` on create) (`imagestreams.spec_tags_to_status`)."]
    "imagestreams.spec_tags_to_status" spec_tags_to_status(old: "ImageStream | null | undefined", stream: "ImageStream"; internal_registry: "string | null", other_streams: "ImageStream[] | null", now: "string | null") -> "SpecTagsToStatus";
    #[doc = "The API server's CREATE of `stream`; throws the API error (`imagestreams.create`)."]
    "imagestreams.create" create(stream: "ImageStream"; internal_registry: "string | null", external_registry: "string | null", other_streams: "ImageStream[] | null", denied_streams: "string[] | null", now: "string | null") -> "StoredStream";
    #[doc = "The API server's UPDATE of the stored `old` with `stream`; throws the API error (`imagestreams.update`)."]
    "imagestreams.update" update(old: "ImageStream", stream: "ImageStream"; internal_registry: "string | null", external_registry: "string | null", other_streams: "ImageStream[] | null", denied_streams: "string[] | null", now: "string | null") -> "StoredStream";
    #[doc = "The API server's status UPDATE of the stored `old` with `stream`; throws the API error (`imagestreams.update_status`)."]
    "imagestreams.update_status" update_status(old: "ImageStream", stream: "ImageStream"; internal_registry: "string | null", external_registry: "string | null", other_streams: "ImageStream[] | null", denied_streams: "string[] | null", now: "string | null") -> "StoredStream";
    #[doc = "The API server's ImageStreamMapping CREATE (an image push) on the stored `stream`; throws the API error (`imagestreams.image_stream_mapping`)."]
    "imagestreams.image_stream_mapping" image_stream_mapping(stream: "ImageStream", mapping: "ApiObject"; existing_images: "string[] | null", internal_registry: "string | null", external_registry: "string | null", other_streams: "ImageStream[] | null", denied_streams: "string[] | null", now: "string | null") -> "ImageStreamMapped";
    #[doc = "The API server's ImageStreamTag DELETE of `name` (`<stream>:<tag>`); throws the API error (`imagestreams.delete_image_stream_tag`)."]
    "imagestreams.delete_image_stream_tag" delete_image_stream_tag(stream: "ImageStream", name: "string"; internal_registry: "string | null", external_registry: "string | null", other_streams: "ImageStream[] | null", denied_streams: "string[] | null", now: "string | null") -> "StoredStream";
    #[doc = "The API server's ImageStreamTag PUT of `istag` (`stream` `null`: no such stream); throws the API error (`imagestreams.put_image_stream_tag`)."]
    "imagestreams.put_image_stream_tag" put_image_stream_tag(namespace: "string", stream: "ImageStream | null | undefined", istag: "ApiObject"; internal_registry: "string | null", external_registry: "string | null", other_streams: "ImageStream[] | null", denied_streams: "string[] | null", now: "string | null") -> "StoredStream";
    #[doc = "The API server's ImageStreamTag POST of `istag` (`stream` `null`: no such stream); throws the API error (`imagestreams.post_image_stream_tag`)."]
    "imagestreams.post_image_stream_tag" post_image_stream_tag(namespace: "string", stream: "ImageStream | null | undefined", istag: "ApiObject"; internal_registry: "string | null", external_registry: "string | null", other_streams: "ImageStream[] | null", denied_streams: "string[] | null", now: "string | null") -> "StoredStream";
    #[doc = "The image trigger controller's resolution for one workload `object`; throws its error (`imagestreams.image_triggers`)."]
    "imagestreams.image_triggers" image_triggers(object: "ApiObject", streams: "ImageStream[]", internal_registry: "string") -> "TriggersApplied";
    #[doc = "Which workloads of `objects` a change of the image stream `namespace`/`stream` fires (the image trigger controller), tags resolved with `streams` after the change: one item per object with an unpaused trigger on the stream, in input order, a failed one with `error` instead of a throw (`imagestreams.triggers_fired_by`)."]
    "imagestreams.triggers_fired_by" triggers_fired_by(objects: "ApiObject[]", namespace: "string", stream: "string", streams: "ImageStream[]"; internal_registry: "string | null") -> "FiredObject[]";
    #[doc = "The image-policy admission rewrite of a workload's container images (`lookupPolicy.local`, the resolve-names annotation) in `namespace` (default: the object's); a container that does not resolve has `error`; throws `imagestream.no_pod_spec` (`imagestreams.resolve_object_images`)."]
    "imagestreams.resolve_object_images" resolve_object_images(object: "ApiObject", streams: "ImageStream[]"; images: "ImageObject[] | null", namespace: "string | null", internal_registry: "string | null") -> "ObjectImagesResolved";
    #[doc = "The image-policy admission resolver on one reference `ref`; throws its error (`imagestreams.lookup_policy_resolution`)."]
    "imagestreams.lookup_policy_resolution" lookup_policy_resolution(namespace: "string", ref_: "ObjectReference", resolve_names: "boolean", streams: "ImageStream[]", images: "ImageObject[]"; internal_registry: "string | null") -> "LookupResolution";
    #[doc = "The digest the legacy import mode picks from a manifest list (JSON text); throws its error (`imagestreams.select_manifest_legacy`)."]
    "imagestreams.select_manifest_legacy" select_manifest_legacy(manifest_list: "string", prefer_arch: "string", prefer_os: "string") -> "string";
    #[doc = "The v1 Image fields of a manifest list (JSON text) imported with `PreserveOriginal`; throws its error (`imagestreams.manifest_list_to_image`)."]
    "imagestreams.manifest_list_to_image" manifest_list_to_image(manifest_list: "string"; digest: "string | null") -> "ApiObject";
    #[doc = "`oc tag` in project `namespace` with `args` and `flags` over `streams`; throws when it fails before sending a request (`imagestreams.oc_tag`)."]
    "imagestreams.oc_tag" oc_tag(namespace: "string", args: "string[]", flags: "string[]", streams: "ImageStream[]") -> "OcTagRun";
    #[doc = "`oc describe is` of `stream` with the clock at `now` (RFC 3339) (`imagestreams.describe_is`)."]
    "imagestreams.describe_is" describe_is(stream: "ImageStream", now: "string") -> "string";
    #[doc = "`oc adm prune images`: the decisions and deletions over the cluster's objects; throws when the reference graph cannot be built (`imagestreams.prune_history`)."]
    "imagestreams.prune_history" prune_history(now: "string", options: "PruneOptions", images: "ImageObject[]", streams: "ImageStream[]"; pods: "ApiObject[] | null", replication_controllers: "ApiObject[] | null", deployments: "ApiObject[] | null", daemon_sets: "ApiObject[] | null", replica_sets: "ApiObject[] | null", stateful_sets: "ApiObject[] | null", jobs: "ApiObject[] | null", cron_jobs: "ApiObject[] | null", deployment_configs: "ApiObject[] | null", builds: "ApiObject[] | null", build_configs: "ApiObject[] | null", limit_ranges: "ApiObject[] | null") -> "PruneReport";
    #[doc = "The checks of `oc adm prune images`' options: `true`, or throws (`imagestreams.prune_options_validate`)."]
    "imagestreams.prune_options_validate" prune_options_validate(; keep_tag_revisions: "number | null", keep_younger_than: "string | null", prune_over_size_limit: "boolean | null") -> "Passed";
}
