//! The `imagestreams` area: the native module behind `openshift_image.imagestreams`, one
//! function per `imagestreams.*` operation of [`openshift_image::ops::OPS`], in table order.
//!
//! Streams, tags, events and the other API objects are the `image.openshift.io/v1` (or
//! Kubernetes) JSON objects as dicts, exactly as the API serves them; every argument is
//! converted to JSON and run through [`openshift_image::ops::call`].

use pyo3::prelude::*;

/// The module docstring.
pub(crate) const DOC: &str = "Image streams: tag history, resolution, the API server's image \
stream strategy, ``oc tag``, ``oc describe is`` and pruning (the ``imagestreams.*`` operations \
of ``openshift_image.OPS``).\n\nStreams, tags, events and the other API objects are the \
``image.openshift.io/v1`` (or Kubernetes) JSON objects as dicts, exactly as the API serves \
them. An operation that takes the server's clock has an optional ``now`` (RFC 3339, UTC); \
absent, it is the current time. Errors of this area raise ``openshift_image.ImageStreamError``.";

area_operations! {
    /// Split ``name:tag`` leniently (tag ``latest`` when empty).
    ///
    /// Returns ``{"name", "tag", "ok"}``; never raises.
    "imagestreams.split_image_stream_tag" => fn split_image_stream_tag(value);

    /// Split ``name@id`` leniently.
    ///
    /// Returns ``{"name", "id", "ok"}``; never raises.
    "imagestreams.split_image_stream_image" => fn split_image_stream_image(value);

    /// Join an image stream name and a tag into ``name:tag``.
    ///
    /// Returns a str.
    "imagestreams.join_image_stream_tag" => fn join_image_stream_tag(name, tag);

    /// Join an image stream name and an image ID into ``name@id``.
    ///
    /// Returns a str.
    "imagestreams.join_image_stream_image" => fn join_image_stream_image(name, id);

    /// Parse a strict image stream tag name ``<stream>:<tag>``.
    ///
    /// Returns ``{"name", "tag"}``. Raises ``ReferenceError`` (``image_stream.*`` kinds).
    "imagestreams.parse_image_stream_tag_name" => fn parse_image_stream_tag_name(value);

    /// Parse a strict image stream image name ``<stream>@<id>``.
    ///
    /// Returns ``{"name", "id"}``. Raises ``ReferenceError`` (``image_stream.*`` kinds).
    "imagestreams.parse_image_stream_image_name" => fn parse_image_stream_image_name(value);

    /// Whether an image name matches an image ID or digest (``DigestOrImageMatch``).
    ///
    /// Returns a bool.
    "imagestreams.digest_or_image_match" => fn digest_or_image_match(image, id);

    /// The short form of an image ID (``dockerImageMetadata.Id``), cut to ``length`` bytes.
    ///
    /// Returns a str.
    "imagestreams.short_docker_image_id" => fn short_docker_image_id(id, length);

    /// Whether the v1 TagReference ``tag_ref`` lists ``tag`` in its ``tags`` annotation.
    ///
    /// Returns a bool.
    "imagestreams.has_annotation_tag" => fn has_annotation_tag(tag_ref, tag);

    /// The ``oc tag`` check of a tag name.
    ///
    /// Returns ``True``. Raises ``ImageStreamError`` (``imagestream.invalid_tag``).
    "imagestreams.validate_tag" => fn validate_tag(tag);

    /// Add the v1 TagEvent ``event`` to the history of ``tag`` in a copy of ``stream``.
    ///
    /// Returns ``{"changed": bool, "tags": [...]}``, ``tags`` the whole ``status.tags`` after.
    "imagestreams.add_tag_event" => fn add_tag_event(stream, tag, event);

    /// Give ``event`` (just added to ``tag``) to every tag of ``stream`` that tracks ``tag``.
    ///
    /// Returns ``{"count": int, "tags": [...]}``, ``tags`` the whole ``status.tags`` after.
    "imagestreams.update_tracking_tags" => fn update_tracking_tags(stream, tag, event);

    /// The current (first) event of ``tag`` in ``stream``'s history.
    ///
    /// Returns a v1 TagEvent dict, or ``None``.
    "imagestreams.latest_tagged_image" => fn latest_tagged_image(stream, tag);

    /// The pull spec of ``tag``'s current event, as the reference policy gives it.
    ///
    /// Returns a str, or ``None`` when the tag has no event.
    "imagestreams.resolve_latest_tagged_image" => fn resolve_latest_tagged_image(stream, tag);

    /// The pull spec for ``tag`` (``""`` is ``latest``) in "newest" (``require_latest``) or
    /// "recent" mode.
    ///
    /// Returns ``{"pull_spec", "has_newer", "has_status", "is_tag_empty"}``. Raises
    /// ``ImageStreamError``.
    "imagestreams.resolve_pull_spec_for_tag" => fn resolve_pull_spec_for_tag(stream, tag, default_external, require_latest);

    /// The tag event of the image whose (short) ID is ``id``, created at ``now``.
    ///
    /// Returns a v1 TagEvent dict. Raises ``ImageStreamError``
    /// (``imagestream.image_not_found``, ``imagestream.ambiguous_image_id``).
    "imagestreams.resolve_image_id" => fn resolve_image_id(stream, id; now);

    /// The ImageStreamTag GET of ``name`` (``<stream>:<tag>``) in ``namespace``, over the
    /// cluster's ``streams`` and ``images``.
    ///
    /// Returns the ImageStreamTag dict. Raises ``ImageStreamError`` with the API's text.
    "imagestreams.get_image_stream_tag" => fn get_image_stream_tag(namespace, name, streams, images);

    /// The ImageStreamImage GET of ``name`` (``<stream>@<id>``) in ``namespace``.
    ///
    /// Returns ``{"name", "image": {...}}``. Raises ``ImageStreamError`` with the API's text.
    "imagestreams.get_image_stream_image" => fn get_image_stream_image(namespace, name, streams, images);

    /// The generation of ``tag``'s current event (the stream's generation when none).
    ///
    /// Returns an int.
    "imagestreams.latest_observed_tag_generation" => fn latest_observed_tag_generation(stream, tag);

    /// Whether ``tag``'s status carries the v1 TagEventCondition ``condition``.
    ///
    /// Returns a bool.
    "imagestreams.has_tag_condition" => fn has_tag_condition(stream, tag, condition);

    /// The import controller's per-tag test for the v1 TagReference ``tag_ref``.
    ///
    /// Returns a bool.
    "imagestreams.tag_needs_import" => fn tag_needs_import(stream, tag_ref, import_when_generation_nil);

    /// The import controller's per-stream test.
    ///
    /// Returns ``{"needs_import": bool, "partial": bool}``.
    "imagestreams.needs_import" => fn needs_import(stream);

    /// Follow ``tag``'s spec references within ``stream``.
    ///
    /// Returns ``{"final_tag", "tag_ref", "multiple", "error"}`` (``tag_ref`` a v1
    /// TagReference or ``None``, ``error`` a str or ``None``).
    "imagestreams.follow_tag_reference" => fn follow_tag_reference(stream, tag);

    /// The tag of ``stream`` that the v1 TagReference ``tag_ref`` references locally.
    ///
    /// Returns a str, or ``None`` when the reference is not local.
    "imagestreams.tag_references_local_tag" => fn tag_references_local_tag(stream, tag_ref);

    /// Tag names in ``oc``'s priority order (``latest`` first, then versions newest first).
    ///
    /// Returns a list of str.
    "imagestreams.prioritize_tags" => fn prioritize_tags(tags);

    /// The status tag names of ``stream`` in ``oc``'s order.
    ///
    /// Returns a list of str.
    "imagestreams.sort_status_tags" => fn sort_status_tags(stream);

    /// The TAGS column of ``oc get is``, cut to ``width``.
    ///
    /// Returns a str.
    "imagestreams.print_tags_up_to_width" => fn print_tags_up_to_width(stream, width);

    /// The ``oc get is`` row of ``stream`` with the clock at ``now`` (RFC 3339).
    ///
    /// Returns ``{"name", "image_repository", "tags", "updated"}``.
    "imagestreams.get_row" => fn get_row(stream, now);

    /// Whether a spec tag changed from ``old`` to ``next`` (v1 TagReferences) for the server.
    ///
    /// Returns a bool.
    "imagestreams.tag_ref_changed" => fn tag_ref_changed(old, next, namespace);

    /// The server's spec-tags-to-status pass on ``stream`` (``old`` ``None`` on create).
    ///
    /// Returns ``{"errors": [str], "stream": {...}}``.
    "imagestreams.spec_tags_to_status" => fn spec_tags_to_status(old, stream; internal_registry, other_streams, now);

    /// The API server's CREATE of ``stream``.
    ///
    /// Returns ``{"stream": {...}}`` as stored. Raises ``ImageStreamError`` with the API's text.
    "imagestreams.create" => fn create(stream; internal_registry, external_registry, other_streams, denied_streams, now);

    /// The API server's UPDATE of the stored ``old`` with ``stream``.
    ///
    /// Returns ``{"stream": {...}}``. Raises ``ImageStreamError`` with the API's text.
    "imagestreams.update" => fn update(old, stream; internal_registry, external_registry, other_streams, denied_streams, now);

    /// The API server's status UPDATE of the stored ``old`` with ``stream``.
    ///
    /// Returns ``{"stream": {...}}``. Raises ``ImageStreamError`` with the API's text.
    "imagestreams.update_status" => fn update_status(old, stream; internal_registry, external_registry, other_streams, denied_streams, now);

    /// The API server's ImageStreamMapping CREATE (an image push) on the stored ``stream``.
    ///
    /// Returns ``{"stream": {...}, "created_images": [str]}``. Raises ``ImageStreamError``.
    "imagestreams.image_stream_mapping" => fn image_stream_mapping(stream, mapping; existing_images, internal_registry, external_registry, other_streams, denied_streams, now);

    /// The API server's ImageStreamTag DELETE of ``name`` (``<stream>:<tag>``).
    ///
    /// Returns ``{"stream": {...}}``. Raises ``ImageStreamError`` with the API's text.
    "imagestreams.delete_image_stream_tag" => fn delete_image_stream_tag(stream, name; internal_registry, external_registry, other_streams, denied_streams, now);

    /// The API server's ImageStreamTag PUT of ``istag`` (``stream`` ``None``: no such stream).
    ///
    /// Returns ``{"stream": {...}}``. Raises ``ImageStreamError`` with the API's text.
    "imagestreams.put_image_stream_tag" => fn put_image_stream_tag(namespace, stream, istag; internal_registry, external_registry, other_streams, denied_streams, now);

    /// The API server's ImageStreamTag POST of ``istag`` (``stream`` ``None``: no such stream).
    ///
    /// Returns ``{"stream": {...}}``. Raises ``ImageStreamError`` with the API's text.
    "imagestreams.post_image_stream_tag" => fn post_image_stream_tag(namespace, stream, istag; internal_registry, external_registry, other_streams, denied_streams, now);

    /// The image trigger controller's resolution for one workload ``object``.
    ///
    /// Returns ``{"updated", "containers", "init_containers"}`` (``[{"name", "image"}]``).
    /// Raises ``ImageStreamError``.
    "imagestreams.image_triggers" => fn image_triggers(object, streams, internal_registry);

    /// Which workloads of ``objects`` a change of the image stream ``namespace``/``stream``
    /// fires (the image trigger controller), tags resolved with ``streams`` after the change.
    ///
    /// Returns ``[{"index", "updated", "changed", "object", "error"}]``, in input order: one
    /// item per object of a watched kind with an unpaused trigger on the stream (``index`` into
    /// ``objects``), with the container paths the update rewrites (``changed``), the updated
    /// object (``None`` when nothing changed) and ``{"kind", "message"}`` when applying its
    /// triggers failed (``error``, else ``None``). Raises ``InvalidArgumentError`` only.
    "imagestreams.triggers_fired_by" => fn triggers_fired_by(objects, namespace, stream, streams; internal_registry);

    /// The image-policy admission rewrite of a workload's container images
    /// (``lookupPolicy.local`` on the stream, the ``alpha.image.policy.openshift.io/resolve-names``
    /// annotation) in ``namespace``.
    ///
    /// Returns ``{"object", "containers"}``: the object after the rewrite, and per container
    /// ``{"init", "index", "name", "image", "rewritten", "resolved", "error"}`` (``resolved``
    /// as ``lookup_policy_resolution``'s result, ``error`` ``{"kind", "message"}`` when the
    /// image did not resolve; one of the two is ``None``). ``namespace`` defaults to the
    /// object's. Raises ``ImageStreamError`` (``imagestream.no_pod_spec``) for an object
    /// without a pod spec.
    "imagestreams.resolve_object_images" => fn resolve_object_images(object, streams; images, namespace, internal_registry);

    /// The image-policy admission resolver on one reference ``ref``
    /// (``{"kind", "name", "namespace"?}``).
    ///
    /// Returns ``{"name", "local_rewrite", "integrated_registry", "image"}``. Raises
    /// ``ImageStreamError``.
    "imagestreams.lookup_policy_resolution" => fn lookup_policy_resolution(namespace, r#ref, resolve_names, streams, images; internal_registry);

    /// The manifest the legacy import mode picks from a manifest list (a JSON str).
    ///
    /// Returns the chosen digest (str). Raises ``ImageStreamError``.
    "imagestreams.select_manifest_legacy" => fn select_manifest_legacy(manifest_list, prefer_arch, prefer_os);

    /// The v1 Image fields of a manifest list (a JSON str) imported with ``PreserveOriginal``.
    ///
    /// Returns ``{"name", "dockerImageManifestMediaType", "dockerImageManifests"}``. Raises
    /// ``ImageStreamError``.
    "imagestreams.manifest_list_to_image" => fn manifest_list_to_image(manifest_list; digest);

    /// ``oc tag`` in project ``namespace`` with ``args`` and ``flags`` over ``streams``.
    ///
    /// Returns ``{"output", "requests"}`` and ``"error"`` when a later request failed. Raises
    /// ``ImageStreamError`` when the command fails before sending a request.
    "imagestreams.oc_tag" => fn oc_tag(namespace, args, flags, streams);

    /// ``oc describe is`` of ``stream`` with the clock at ``now`` (RFC 3339).
    ///
    /// Returns the text (str).
    "imagestreams.describe_is" => fn describe_is(stream, now);

    /// ``oc adm prune images``: the decisions and deletions over the cluster's objects.
    ///
    /// Returns ``{"streams", "deleted_images", "deleted_manifest_links",
    /// "deleted_layer_links", "deleted_blobs"}`` and ``"errors"`` when a stage failed. Raises
    /// ``ImageStreamError`` when the reference graph cannot be built.
    "imagestreams.prune_history" => fn prune_history(now, options, images, streams; pods, replication_controllers, deployments, daemon_sets, replica_sets, stateful_sets, jobs, cron_jobs, deployment_configs, builds, build_configs, limit_ranges);

    /// The checks of ``oc adm prune images``' options (a given flag counts even when false).
    ///
    /// Returns ``True``. Raises ``ImageStreamError``.
    "imagestreams.prune_options_validate" => fn prune_options_validate(; keep_tag_revisions, keep_younger_than, prune_over_size_limit);
}
