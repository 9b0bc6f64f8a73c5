//! The `mirrors` area: the namespace `mirrors` of the package
//! (`mirrors.resolvePullSources(registriesConf, dropIns, ref)`), one function per `mirrors.*`
//! operation of [`openshift_image::ops::OPS`], in table order.
//!
//! containers/image's registries.conf (loading, drop-ins, short-name aliases, registry lookup,
//! pull sources), the MCO's rendering of mirror sets (ICSP, IDMS, ITMS) into registries.conf
//! and policy.json, the IDMS/ITMS API patterns and the `oc` commands that read or print mirror
//! sets, and the diagnostics `explain`, `explain_mirror_sets` and `lint`; every argument goes through
//! [`openshift_image::ops::call`]. Errors have area `mirror` and a `mirror.*` code (or
//! `reference.*` for an invalid reference).

use napi::bindgen_prelude::{Either, Env, Result, Unknown};
use napi_derive::napi;

area_ops! {
    namespace = "mirrors";
    #[doc = "Loads `registries.conf` as containers/image does (`sysregistriesv2`): the main file's text (`null`: the file does not exist) and the `registries.conf.d` drop-ins (`{name, content}`; only `*.conf` names are read, in byte order); throws a `mirror.*` error with the load error's text (`mirrors.load_registries_conf`)."]
    "mirrors.load_registries_conf" load_registries_conf(; registries_conf: "string | null", drop_ins: "NamedFile[] | null") -> "RegistriesConf";
    #[doc = "A `location` as registries.conf reads it (`parseLocation`): every trailing `/` removed; throws for a URI scheme (`mirrors.parse_location`)."]
    "mirrors.parse_location" parse_location(input: "string") -> "string";
    #[doc = "The length of `prefix`'s match on `ref` (`refMatchingPrefix`, both used as given, `*.` wildcards included), or `null` when it does not match (`mirrors.ref_matching_prefix`)."]
    "mirrors.ref_matching_prefix" ref_matching_prefix(ref_: "string", prefix: "string") -> "number | null";
    #[doc = "Rewrites `ref` (a canonical reference) from `prefix` to `location` (`Endpoint.rewriteReference`) (`mirrors.rewrite_reference`)."]
    "mirrors.rewrite_reference" rewrite_reference(ref_: "string", prefix: "string", location: "string") -> "string";
    #[doc = "Checks a short-name alias key (`validateShortName`): `null` when valid, else throws (`mirrors.validate_short_name`)."]
    "mirrors.validate_short_name" validate_short_name(name: "string") -> "NoResult";
    #[doc = "Normalises a short-name alias value (`parseShortNameValue`) to a fully-qualified name (`mirrors.parse_short_name_value`)."]
    "mirrors.parse_short_name_value" parse_short_name_value(value: "string") -> "string";
    #[doc = "The `[[registry]]` entry with the longest prefix matching `ref` (`FindRegistry`; `ref` matched as given) after loading `registriesConf` and `dropIns` as `loadRegistriesConf` does, or `null` (`mirrors.find_registry`)."]
    "mirrors.find_registry" find_registry(registries_conf: "string | null | undefined", drop_ins: "NamedFile[] | null | undefined", ref_: "string") -> "MirrorRegistry | null";
    #[doc = "The short-name alias of `name` in the loaded configuration (`ResolveShortNameAlias`): `null` (no alias) or `{value, origin}` (`value` `null` for an erased alias) (`mirrors.resolve_short_name_alias`)."]
    "mirrors.resolve_short_name_alias" resolve_short_name_alias(registries_conf: "string | null | undefined", drop_ins: "NamedFile[] | null | undefined", name: "string") -> "ShortNameAlias | null";
    #[doc = "The pull sources of `ref` (a canonical reference) through `registry` (`Registry.PullSourcesFromReference`, no loading): the mirrors that apply, then the registry's own endpoint (`mirrors.pull_sources_from_reference`)."]
    "mirrors.pull_sources_from_reference" pull_sources_from_reference(registry: "MirrorRegistryInput", ref_: "string") -> "PullSource[]";
    #[doc = "What a pull of `ref` (user-style: `busybox` is `docker.io/library/busybox:latest`) through containers/image's `docker` transport tries, in order, before any network access (`mirrors.resolve_pull_sources`)."]
    "mirrors.resolve_pull_sources" resolve_pull_sources(registries_conf: "string | null | undefined", drop_ins: "NamedFile[] | null | undefined", ref_: "string") -> "PullResolution";
    #[doc = "The MCO's `updateRegistriesConfig`: decodes `base` (TOML), validates the scopes, applies the insecure and blocked registries and the mirror sets (`icsps`, `idmss`, `itmss`: API objects), renders; `registriesConf` is the rendered TOML as data (`mirrors.update_registries_config`)."]
    "mirrors.update_registries_config" update_registries_config(base: "string"; insecure_registries: "string[] | null", blocked_registries: "string[] | null", icsps: "ApiObject[] | null", idmss: "ApiObject[] | null", itmss: "ApiObject[] | null") -> "RenderedRegistriesConf";
    #[doc = "As `updateRegistriesConfig`, but returns the rendered registries.conf text, byte for byte as the MCO writes it (`mirrors.update_registries_config_text`)."]
    "mirrors.update_registries_config_text" update_registries_config_text(base: "string"; insecure_registries: "string[] | null", blocked_registries: "string[] | null", icsps: "ApiObject[] | null", idmss: "ApiObject[] | null", itmss: "ApiObject[] | null") -> "string";
    #[doc = "runtime-utils `EditRegistriesConfig` alone, without the MCO's validation (`mirrors.edit_registries_config`)."]
    "mirrors.edit_registries_config" edit_registries_config(base: "string"; insecure_registries: "string[] | null", blocked_registries: "string[] | null", icsps: "ApiObject[] | null", idmss: "ApiObject[] | null", itmss: "ApiObject[] | null") -> "RenderedRegistriesConf";
    #[doc = "The MCO's `validateRegistriesConfScopes`: `null` when valid, else throws the first error (`mirrors.validate_registries_conf_scopes`)."]
    "mirrors.validate_registries_conf_scopes" validate_registries_conf_scopes(; insecure_registries: "string[] | null", blocked_registries: "string[] | null", allowed_registries: "string[] | null", icsps: "ApiObject[] | null", idmss: "ApiObject[] | null", itmss: "ApiObject[] | null") -> "NoResult";
    #[doc = "The MCO's `updatePolicyJSON`: `base` (policy.json text; absent: the MCO template), `blockedRegistries` / `allowedRegistries` (`null` and `[]` differ), `releaseImage`; returns the policy object (`mirrors.update_policy_json`)."]
    "mirrors.update_policy_json" update_policy_json(; base: "string | null", blocked_registries: "string[] | null", allowed_registries: "string[] | null", release_image: "string | null") -> "JsonObject";
    #[doc = "As `updatePolicyJson`, but returns the policy.json text, byte for byte (`mirrors.update_policy_json_text`)."]
    "mirrors.update_policy_json_text" update_policy_json_text(; base: "string | null", blocked_registries: "string[] | null", allowed_registries: "string[] | null", release_image: "string | null") -> "string";
    #[doc = "The MCO's `getValidBlockedAndAllowedRegistries` for a release image, an `Image.spec` and mirror sets (`mirrors.valid_blocked_and_allowed_registries`)."]
    "mirrors.valid_blocked_and_allowed_registries" valid_blocked_and_allowed_registries(release_image: "string"; image_spec: "ApiObject | null", icsps: "ApiObject[] | null", idmss: "ApiObject[] | null") -> "BlockedAndAllowed";
    #[doc = "What the MCO's container-runtime-config controller renders for an image config, mirror sets and a release image (`mirrors.render_image_config`)."]
    "mirrors.render_image_config" render_image_config(base: "string | null | undefined", release_image: "string"; image_spec: "ApiObject | null", icsps: "ApiObject[] | null", idmss: "ApiObject[] | null", itmss: "ApiObject[] | null") -> "ImageConfigRendering";
    #[doc = "Whether `value` matches the IDMS/ITMS CRD pattern of `kind` (`source` or `mirror`) (`mirrors.api_pattern`)."]
    "mirrors.api_pattern" api_pattern(kind: "MirrorPatternKind", value: "string") -> "PatternMatch";
    #[doc = "The alternate repositories of `oc image … --icsp-file/--idms-file`: `kind` (`icsp`/`idms`), `strategy` (`on_error`/`explicit`), `file` (`{name, content}` or `null`), `ref`; throws oc's error (`mirrors.oc_alternates`)."]
    "mirrors.oc_alternates" oc_alternates(kind: "'icsp' | 'idms'", strategy: "'on_error' | 'explicit'", file: "NamedFile | null | undefined", ref_: "string") -> "string[]";
    #[doc = "`oc adm migrate icsp <args…> [--dest-dir destDir]` in an empty directory holding `files`; `destDirIsFile` creates `destDir` as a file first; `seed` fixes the random file-name suffix; throws when no file was written (`mirrors.oc_migrate_icsp`)."]
    "mirrors.oc_migrate_icsp" oc_migrate_icsp(files: "NamedFile[] | null | undefined", args: "string[]"; dest_dir: "string | null", dest_dir_is_file: "boolean | null", seed: "number | bigint | null") -> "MigrateOutcome";
    #[doc = "The instructions `oc adm release mirror` prints after mirroring: `from` (the `--from` image), `to` (destination repositories), `repositories` (the payload's), `signatureToDir`, `printMirrorInstructions` (`icsp`, `idms`, `none`) (`mirrors.oc_release_mirror_instructions`)."]
    "mirrors.oc_release_mirror_instructions" oc_release_mirror_instructions(from: "string", to: "string[]", repositories: "string[]", signature_to_dir: "string | null | undefined", print_mirror_instructions: "string") -> "string";
    #[doc = "`resolvePullSources` with reasons and origins: every `[[registry]]` prefix that matched `ref` (`candidates`: `selected`, `shorter`, `tie_lost`), the matched entry and its origins, every mirror (skipped ones included) then the primary with its `status` (`candidate`, `skipped`, `blocked`) and `reason`, the references a pull contacts and notes; an invalid reference is reported in `error`; throws a `mirror.*` error when the configuration does not load (`mirrors.explain`)."]
    "mirrors.explain" explain(registries_conf: "string | null | undefined", drop_ins: "NamedFile[] | null | undefined", ref_: "string") -> "MirrorExplanation";
    #[doc = "\"Where will this image be pulled from, and which object says so?\": renders `base` (registries.conf text; absent: the MCO's template) with the insecure and blocked registries and the mirror sets (`icsps`, `idmss`, `itmss`: API objects) as `updateRegistriesConfig` does, loads the result as the node's `/etc/containers/registries.conf` and explains the pull of `ref` as `explain` does, every entry's and source's `origins` naming the object behind it (`kind` `ImageContentSourcePolicy`, `ImageDigestMirrorSet`, `ImageTagMirrorSet` or `Image`, `path` such as `ImageDigestMirrorSet/<name>.spec.imageDigestMirrors[0]`; an inherited mirror's origin has `from_scope`); throws a `mirror.*` error as `updateRegistriesConfig` does, or when the rendered file does not load (`mirrors.explain_mirror_sets`)."]
    "mirrors.explain_mirror_sets" explain_mirror_sets(ref_: "string"; base: "string | null", insecure_registries: "string[] | null", blocked_registries: "string[] | null", icsps: "ApiObject[] | null", idmss: "ApiObject[] | null", itmss: "ApiObject[] | null") -> "MirrorExplanation";
    #[doc = "Mistakes in mirror sets (`icsps`, `idmss`, `itmss`), the image config's registry sources (`imageSpec`), the payload (`releaseImage`, `payloadRepositories`) and a given `registriesConf` text that upstream accepts silently: `{findings: [{kind, severity, path, related, message}]}` (`mirrors.lint`)."]
    "mirrors.lint" lint(; icsps: "ApiObject[] | null", idmss: "ApiObject[] | null", itmss: "ApiObject[] | null", image_spec: "ApiObject | null", release_image: "string | null", payload_repositories: "string[] | null", registries_conf: "string | null") -> "MirrorLintReport";
}
