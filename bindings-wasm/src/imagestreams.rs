//! The `imagestreams` area: the namespace `imagestreams` of the package
//! (`imagestreams.addTagEvent(stream, tag, event)`, `js_namespace = imagestreams`), one
//! function per `imagestreams.*` operation of [`openshift_image::ops::OPS`], in table order.
//!
//! Streams, tags, events and the other API objects are the `image.openshift.io/v1` (or
//! Kubernetes) JSON objects, exactly as the API serves them; every argument goes through
//! [`openshift_image::ops::call`]. An operation that takes the server's clock has an optional
//! `now` (RFC 3339, UTC); omitted, this binding passes the current time of the JavaScript
//! clock (the core has none on wasm32).

use wasm_bindgen::prelude::*;

area_ops! {
    namespace = imagestreams;
    #[doc = " `imagestreams.split_image_stream_tag`: Splits `name:tag` leniently; the tag is `latest` when empty; never throws."]
    "imagestreams.split_image_stream_tag" "splitImageStreamTag" split_image_stream_tag(value: "string") -> "SplitTag";
    #[doc = " `imagestreams.split_image_stream_image`: Splits `name@id` leniently; never throws."]
    "imagestreams.split_image_stream_image" "splitImageStreamImage" split_image_stream_image(value: "string") -> "SplitImage";
    #[doc = " `imagestreams.join_image_stream_tag`: Joins an image stream tag name `name:tag`."]
    "imagestreams.join_image_stream_tag" "joinImageStreamTag" join_image_stream_tag(name: "string", tag: "string") -> "string";
    #[doc = " `imagestreams.join_image_stream_image`: Joins an image stream image name `name@id`."]
    "imagestreams.join_image_stream_image" "joinImageStreamImage" join_image_stream_image(name: "string", id: "string") -> "string";
    #[doc = " `imagestreams.parse_image_stream_tag_name`: Parses a strict image stream tag name `<stream>:<tag>`; throws `image_stream.*` errors."]
    "imagestreams.parse_image_stream_tag_name" "parseImageStreamTagName" parse_image_stream_tag_name(value: "string") -> "ImageStreamTagName";
    #[doc = " `imagestreams.parse_image_stream_image_name`: Parses a strict image stream image name `<stream>@<id>`; throws `image_stream.*` errors."]
    "imagestreams.parse_image_stream_image_name" "parseImageStreamImageName" parse_image_stream_image_name(value: "string") -> "ImageStreamImageName";
    #[doc = " `imagestreams.digest_or_image_match`: Whether image `image` matches the image ID or digest `id` (`DigestOrImageMatch`)."]
    "imagestreams.digest_or_image_match" "digestOrImageMatch" digest_or_image_match(image: "string", id: "string") -> "boolean";
    #[doc = " `imagestreams.short_docker_image_id`: The short form of an image ID (`dockerImageMetadata.Id`), cut to `length` bytes."]
    "imagestreams.short_docker_image_id" "shortDockerImageId" short_docker_image_id(id: "string", length: "number") -> "string";
    #[doc = " `imagestreams.has_annotation_tag`: Whether the TagReference `tagRef` lists `tag` in its `tags` annotation."]
    "imagestreams.has_annotation_tag" "hasAnnotationTag" has_annotation_tag(tag_ref = "tagRef": "TagReference", tag: "string") -> "boolean";
    #[doc = " `imagestreams.validate_tag`: The `oc tag` check of a tag name: `true`, or throws `imagestream.invalid_tag`."]
    "imagestreams.validate_tag" "validateTag" validate_tag(tag: "string") -> "Passed";
    #[doc = " `imagestreams.add_tag_event`: Adds `event` to the history of `tag` in a copy of `stream`; returns whether it changed and the whole `status.tags` after."]
    "imagestreams.add_tag_event" "addTagEvent" add_tag_event(stream: "ImageStream", tag: "string", event: "TagEvent") -> "TagEventAdded";
    #[doc = " `imagestreams.update_tracking_tags`: Gives `event` (just added to `tag`) to every tag of `stream` that tracks `tag`; returns how many and `status.tags` after."]
    "imagestreams.update_tracking_tags" "updateTrackingTags" update_tracking_tags(stream: "ImageStream", tag: "string", event: "TagEvent") -> "TrackingTagsUpdated";
    #[doc = " `imagestreams.latest_tagged_image`: The current (first) event of `tag`, or `null`."]
    "imagestreams.latest_tagged_image" "latestTaggedImage" latest_tagged_image(stream: "ImageStream", tag: "string") -> "TagEvent | null";
    #[doc = " `imagestreams.resolve_latest_tagged_image`: The pull spec of `tag`'s current event as the reference policy gives it, or `null`."]
    "imagestreams.resolve_latest_tagged_image" "resolveLatestTaggedImage" resolve_latest_tagged_image(stream: "ImageStream", tag: "string") -> "string | null";
    #[doc = " `imagestreams.resolve_pull_spec_for_tag`: The pull spec for `tag` (empty: `latest`) in the newest (`requireLatest`) or the recent mode; throws `imagestream.*` errors."]
    "imagestreams.resolve_pull_spec_for_tag" "resolvePullSpecForTag" resolve_pull_spec_for_tag(stream: "ImageStream", tag: "string", default_external = "defaultExternal": "boolean", require_latest = "requireLatest": "boolean") -> "PullSpecForTag";
    #[doc = " `imagestreams.resolve_image_id`: The tag event of the image whose (short) ID is `id`, created at `now` (default: the current time); throws `imagestream.image_not_found` / `imagestream.ambiguous_image_id`."]
    "imagestreams.resolve_image_id" "resolveImageId" resolve_image_id(stream: "ImageStream", id: "string"; now: "string | null") -> "TagEvent";
    #[doc = " `imagestreams.get_image_stream_tag`: The ImageStreamTag GET of `name` (`<stream>:<tag>`) over the cluster's `streams` and `images`; throws the API error."]
    "imagestreams.get_image_stream_tag" "getImageStreamTag" get_image_stream_tag(namespace: "string", name: "string", streams: "ImageStream[]", images: "ImageObject[]") -> "ApiObject";
    #[doc = " `imagestreams.get_image_stream_image`: The ImageStreamImage GET of `name` (`<stream>@<id>`); throws the API error."]
    "imagestreams.get_image_stream_image" "getImageStreamImage" get_image_stream_image(namespace: "string", name: "string", streams: "ImageStream[]", images: "ImageObject[]") -> "ApiObject";
    #[doc = " `imagestreams.latest_observed_tag_generation`: The generation of `tag`'s current event (the stream's generation when none)."]
    "imagestreams.latest_observed_tag_generation" "latestObservedTagGeneration" latest_observed_tag_generation(stream: "ImageStream", tag: "string") -> "number | bigint";
    #[doc = " `imagestreams.has_tag_condition`: Whether `tag`'s status carries `condition`."]
    "imagestreams.has_tag_condition" "hasTagCondition" has_tag_condition(stream: "ImageStream", tag: "string", condition: "TagEventCondition") -> "boolean";
    #[doc = " `imagestreams.tag_needs_import`: The import controller's per-tag test."]
    "imagestreams.tag_needs_import" "tagNeedsImport" tag_needs_import(stream: "ImageStream", tag_ref = "tagRef": "TagReference", import_when_generation_nil = "importWhenGenerationNil": "boolean") -> "boolean";
    #[doc = " `imagestreams.needs_import`: The import controller's per-stream test."]
    "imagestreams.needs_import" "needsImport" needs_import(stream: "ImageStream") -> "NeedsImport";
    #[doc = " `imagestreams.follow_tag_reference`: Follows `tag`'s spec references within `stream`."]
    "imagestreams.follow_tag_reference" "followTagReference" follow_tag_reference(stream: "ImageStream", tag: "string") -> "FollowedTagReference";
    #[doc = " `imagestreams.tag_references_local_tag`: The tag of `stream` that `tagRef` references locally, or `null`."]
    "imagestreams.tag_references_local_tag" "tagReferencesLocalTag" tag_references_local_tag(stream: "ImageStream", tag_ref = "tagRef": "TagReference") -> "string | null";
    #[doc = " `imagestreams.prioritize_tags`: Tag names in `oc`'s priority order (`latest` first, then versions newest first)."]
    "imagestreams.prioritize_tags" "prioritizeTags" prioritize_tags(tags: "string[]") -> "string[]";
    #[doc = " `imagestreams.sort_status_tags`: The status tag names of `stream` in `oc`'s order."]
    "imagestreams.sort_status_tags" "sortStatusTags" sort_status_tags(stream: "ImageStream") -> "string[]";
    #[doc = " `imagestreams.print_tags_up_to_width`: The TAGS column of `oc get is`, cut to `width`."]
    "imagestreams.print_tags_up_to_width" "printTagsUpToWidth" print_tags_up_to_width(stream: "ImageStream", width: "number") -> "string";
    #[doc = " `imagestreams.get_row`: The `oc get is` row of `stream` with the clock at `now` (RFC 3339)."]
    "imagestreams.get_row" "getRow" get_row(stream: "ImageStream", now: "string") -> "ImageStreamRow";
    #[doc = " `imagestreams.tag_ref_changed`: Whether a spec tag changed from `old` to `next` for the API server."]
    "imagestreams.tag_ref_changed" "tagRefChanged" tag_ref_changed(old: "TagReference", next: "TagReference", namespace: "string") -> "boolean";
    #[doc = " `imagestreams.spec_tags_to_status`: The API server's spec-tags-to-status pass on `stream` (`old` `null` on create)."]
    "imagestreams.spec_tags_to_status" "specTagsToStatus" spec_tags_to_status(old: "ImageStream | null | undefined", stream: "ImageStream"; internal_registry = "internalRegistry": "string | null", other_streams = "otherStreams": "ImageStream[] | null", now: "string | null") -> "SpecTagsToStatus";
    #[doc = " `imagestreams.create`: The API server's CREATE of `stream`; throws the API error."]
    "imagestreams.create" "create" create(stream: "ImageStream"; internal_registry = "internalRegistry": "string | null", external_registry = "externalRegistry": "string | null", other_streams = "otherStreams": "ImageStream[] | null", denied_streams = "deniedStreams": "string[] | null", now: "string | null") -> "StoredStream";
    #[doc = " `imagestreams.update`: The API server's UPDATE of the stored `old` with `stream`; throws the API error."]
    "imagestreams.update" "update" update(old: "ImageStream", stream: "ImageStream"; internal_registry = "internalRegistry": "string | null", external_registry = "externalRegistry": "string | null", other_streams = "otherStreams": "ImageStream[] | null", denied_streams = "deniedStreams": "string[] | null", now: "string | null") -> "StoredStream";
    #[doc = " `imagestreams.update_status`: The API server's status UPDATE of the stored `old` with `stream`; throws the API error."]
    "imagestreams.update_status" "updateStatus" update_status(old: "ImageStream", stream: "ImageStream"; internal_registry = "internalRegistry": "string | null", external_registry = "externalRegistry": "string | null", other_streams = "otherStreams": "ImageStream[] | null", denied_streams = "deniedStreams": "string[] | null", now: "string | null") -> "StoredStream";
    #[doc = " `imagestreams.image_stream_mapping`: The API server's ImageStreamMapping CREATE (an image push) on the stored `stream`; throws the API error."]
    "imagestreams.image_stream_mapping" "imageStreamMapping" image_stream_mapping(stream: "ImageStream", mapping: "ApiObject"; existing_images = "existingImages": "string[] | null", internal_registry = "internalRegistry": "string | null", external_registry = "externalRegistry": "string | null", other_streams = "otherStreams": "ImageStream[] | null", denied_streams = "deniedStreams": "string[] | null", now: "string | null") -> "ImageStreamMapped";
    #[doc = " `imagestreams.delete_image_stream_tag`: The API server's ImageStreamTag DELETE of `name` (`<stream>:<tag>`); throws the API error."]
    "imagestreams.delete_image_stream_tag" "deleteImageStreamTag" delete_image_stream_tag(stream: "ImageStream", name: "string"; internal_registry = "internalRegistry": "string | null", external_registry = "externalRegistry": "string | null", other_streams = "otherStreams": "ImageStream[] | null", denied_streams = "deniedStreams": "string[] | null", now: "string | null") -> "StoredStream";
    #[doc = " `imagestreams.put_image_stream_tag`: The API server's ImageStreamTag PUT of `istag` (`stream` `null`: no such stream); throws the API error."]
    "imagestreams.put_image_stream_tag" "putImageStreamTag" put_image_stream_tag(namespace: "string", stream: "ImageStream | null | undefined", istag: "ApiObject"; internal_registry = "internalRegistry": "string | null", external_registry = "externalRegistry": "string | null", other_streams = "otherStreams": "ImageStream[] | null", denied_streams = "deniedStreams": "string[] | null", now: "string | null") -> "StoredStream";
    #[doc = " `imagestreams.post_image_stream_tag`: The API server's ImageStreamTag POST of `istag` (`stream` `null`: no such stream); throws the API error."]
    "imagestreams.post_image_stream_tag" "postImageStreamTag" post_image_stream_tag(namespace: "string", stream: "ImageStream | null | undefined", istag: "ApiObject"; internal_registry = "internalRegistry": "string | null", external_registry = "externalRegistry": "string | null", other_streams = "otherStreams": "ImageStream[] | null", denied_streams = "deniedStreams": "string[] | null", now: "string | null") -> "StoredStream";
    #[doc = " `imagestreams.image_triggers`: The image trigger controller's resolution for one workload `object`; throws its error."]
    "imagestreams.image_triggers" "imageTriggers" image_triggers(object: "ApiObject", streams: "ImageStream[]", internal_registry = "internalRegistry": "string") -> "TriggersApplied";
    #[doc = " `imagestreams.triggers_fired_by`: Which workloads of `objects` a change of the image stream `namespace`/`stream` fires (the image trigger controller), tags resolved with `streams` after the change: one item per object with an unpaused trigger on the stream, in input order, a failed one with `error` instead of a throw."]
    "imagestreams.triggers_fired_by" "triggersFiredBy" triggers_fired_by(objects: "ApiObject[]", namespace: "string", stream: "string", streams: "ImageStream[]"; internal_registry = "internalRegistry": "string | null") -> "FiredObject[]";
    #[doc = " `imagestreams.resolve_object_images`: The image-policy admission rewrite of a workload's container images (`lookupPolicy.local`, the resolve-names annotation) in `namespace` (default: the object's); a container that does not resolve has `error`; throws `imagestream.no_pod_spec`."]
    "imagestreams.resolve_object_images" "resolveObjectImages" resolve_object_images(object: "ApiObject", streams: "ImageStream[]"; images: "ImageObject[] | null", namespace: "string | null", internal_registry = "internalRegistry": "string | null") -> "ObjectImagesResolved";
    #[doc = " `imagestreams.lookup_policy_resolution`: The image-policy admission resolver on one reference `ref`; throws its error."]
    "imagestreams.lookup_policy_resolution" "lookupPolicyResolution" lookup_policy_resolution(namespace: "string", r#ref = "ref": "ObjectReference", resolve_names = "resolveNames": "boolean", streams: "ImageStream[]", images: "ImageObject[]"; internal_registry = "internalRegistry": "string | null") -> "LookupResolution";
    #[doc = " `imagestreams.select_manifest_legacy`: The digest the legacy import mode picks from a manifest list (JSON text); throws its error."]
    "imagestreams.select_manifest_legacy" "selectManifestLegacy" select_manifest_legacy(manifest_list = "manifestList": "string", prefer_arch = "preferArch": "string", prefer_os = "preferOs": "string") -> "string";
    #[doc = " `imagestreams.manifest_list_to_image`: The v1 Image fields of a manifest list (JSON text) imported with `PreserveOriginal`; throws its error."]
    "imagestreams.manifest_list_to_image" "manifestListToImage" manifest_list_to_image(manifest_list = "manifestList": "string"; digest: "string | null") -> "ApiObject";
    #[doc = " `imagestreams.oc_tag`: `oc tag` in project `namespace` with `args` and `flags` over `streams`; throws when it fails before sending a request."]
    "imagestreams.oc_tag" "ocTag" oc_tag(namespace: "string", args: "string[]", flags: "string[]", streams: "ImageStream[]") -> "OcTagRun";
    #[doc = " `imagestreams.describe_is`: `oc describe is` of `stream` with the clock at `now` (RFC 3339)."]
    "imagestreams.describe_is" "describeIs" describe_is(stream: "ImageStream", now: "string") -> "string";
    #[doc = " `imagestreams.prune_history`: `oc adm prune images`: the decisions and deletions over the cluster's objects; throws when the reference graph cannot be built."]
    "imagestreams.prune_history" "pruneHistory" prune_history(now: "string", options: "PruneOptions", images: "ImageObject[]", streams: "ImageStream[]"; pods: "ApiObject[] | null", replication_controllers = "replicationControllers": "ApiObject[] | null", deployments: "ApiObject[] | null", daemon_sets = "daemonSets": "ApiObject[] | null", replica_sets = "replicaSets": "ApiObject[] | null", stateful_sets = "statefulSets": "ApiObject[] | null", jobs: "ApiObject[] | null", cron_jobs = "cronJobs": "ApiObject[] | null", deployment_configs = "deploymentConfigs": "ApiObject[] | null", builds: "ApiObject[] | null", build_configs = "buildConfigs": "ApiObject[] | null", limit_ranges = "limitRanges": "ApiObject[] | null") -> "PruneReport";
    #[doc = " `imagestreams.prune_options_validate`: The checks of `oc adm prune images`' options: `true`, or throws."]
    "imagestreams.prune_options_validate" "pruneOptionsValidate" prune_options_validate(; keep_tag_revisions = "keepTagRevisions": "number | null", keep_younger_than = "keepYoungerThan": "string | null", prune_over_size_limit = "pruneOverSizeLimit": "boolean | null") -> "Passed";
}
