//! The `mirrors` area: the namespace `mirrors` of the package
//! (`mirrors.resolvePullSources(registriesConf, dropIns, ref)`, `js_namespace = mirrors`), one
//! function per `mirrors.*` operation of [`openshift_image::ops::OPS`], in table order.
//!
//! containers/image's registries.conf (loading, drop-ins, short-name aliases, registry lookup,
//! pull sources), the MCO's rendering of mirror sets (ICSP, IDMS, ITMS) into registries.conf
//! and policy.json, the IDMS/ITMS API patterns and the `oc` commands that read or print mirror
//! sets, and the diagnostics `explain`, `explain_mirror_sets` and `lint`; every argument goes through
//! [`openshift_image::ops::call`]. Errors have area `mirror` and a `mirror.*` code (or
//! `reference.*` for an invalid reference). `oc_migrate_icsp` draws its random file-name suffix
//! from `crypto.getRandomValues` unless `seed` is given.

use wasm_bindgen::prelude::*;

area_ops! {
    namespace = mirrors;
    #[doc = " `mirrors.load_registries_conf`: Loads `registries.conf` as containers/image does (`sysregistriesv2`): the main file's text (`null`: the file does not exist) and the `registries.conf.d` drop-ins (`{name, content}`; only `*.conf` names are read, in byte order); throws a `mirror.*` error with the load error's text."]
    "mirrors.load_registries_conf" "loadRegistriesConf" load_registries_conf(; registries_conf = "registriesConf": "string | null", drop_ins = "dropIns": "NamedFile[] | null") -> "RegistriesConf";
    #[doc = " `mirrors.parse_location`: A `location` as registries.conf reads it (`parseLocation`): every trailing `/` removed; throws for a URI scheme."]
    "mirrors.parse_location" "parseLocation" parse_location(input: "string") -> "string";
    #[doc = " `mirrors.ref_matching_prefix`: The length of `prefix`'s match on `ref` (`refMatchingPrefix`, both used as given, `*.` wildcards included), or `null` when it does not match."]
    "mirrors.ref_matching_prefix" "refMatchingPrefix" ref_matching_prefix(r#ref = "ref": "string", prefix: "string") -> "number | null";
    #[doc = " `mirrors.rewrite_reference`: Rewrites `ref` (a canonical reference) from `prefix` to `location` (`Endpoint.rewriteReference`)."]
    "mirrors.rewrite_reference" "rewriteReference" rewrite_reference(r#ref = "ref": "string", prefix: "string", location: "string") -> "string";
    #[doc = " `mirrors.validate_short_name`: Checks a short-name alias key (`validateShortName`): `null` when valid, else throws."]
    "mirrors.validate_short_name" "validateShortName" validate_short_name(name: "string") -> "NoResult";
    #[doc = " `mirrors.parse_short_name_value`: Normalises a short-name alias value (`parseShortNameValue`) to a fully-qualified name."]
    "mirrors.parse_short_name_value" "parseShortNameValue" parse_short_name_value(value: "string") -> "string";
    #[doc = " `mirrors.find_registry`: The `[[registry]]` entry with the longest prefix matching `ref` (`FindRegistry`; `ref` matched as given) after loading `registriesConf` and `dropIns` as `loadRegistriesConf` does, or `null`."]
    "mirrors.find_registry" "findRegistry" find_registry(registries_conf = "registriesConf": "string | null | undefined", drop_ins = "dropIns": "NamedFile[] | null | undefined", r#ref = "ref": "string") -> "MirrorRegistry | null";
    #[doc = " `mirrors.resolve_short_name_alias`: The short-name alias of `name` in the loaded configuration (`ResolveShortNameAlias`): `null` (no alias) or `{value, origin}` (`value` `null` for an erased alias)."]
    "mirrors.resolve_short_name_alias" "resolveShortNameAlias" resolve_short_name_alias(registries_conf = "registriesConf": "string | null | undefined", drop_ins = "dropIns": "NamedFile[] | null | undefined", name: "string") -> "ShortNameAlias | null";
    #[doc = " `mirrors.pull_sources_from_reference`: The pull sources of `ref` (a canonical reference) through `registry` (`Registry.PullSourcesFromReference`, no loading): the mirrors that apply, then the registry's own endpoint."]
    "mirrors.pull_sources_from_reference" "pullSourcesFromReference" pull_sources_from_reference(registry: "MirrorRegistryInput", r#ref = "ref": "string") -> "PullSource[]";
    #[doc = " `mirrors.resolve_pull_sources`: What a pull of `ref` (user-style: `busybox` is `docker.io/library/busybox:latest`) through containers/image's `docker` transport tries, in order, before any network access."]
    "mirrors.resolve_pull_sources" "resolvePullSources" resolve_pull_sources(registries_conf = "registriesConf": "string | null | undefined", drop_ins = "dropIns": "NamedFile[] | null | undefined", r#ref = "ref": "string") -> "PullResolution";
    #[doc = " `mirrors.update_registries_config`: The MCO's `updateRegistriesConfig`: decodes `base` (TOML), validates the scopes, applies the insecure and blocked registries and the mirror sets (`icsps`, `idmss`, `itmss`: API objects), renders; `registriesConf` is the rendered TOML as data."]
    "mirrors.update_registries_config" "updateRegistriesConfig" update_registries_config(base: "string"; insecure_registries = "insecureRegistries": "string[] | null", blocked_registries = "blockedRegistries": "string[] | null", icsps: "ApiObject[] | null", idmss: "ApiObject[] | null", itmss: "ApiObject[] | null") -> "RenderedRegistriesConf";
    #[doc = " `mirrors.update_registries_config_text`: As `updateRegistriesConfig`, but returns the rendered registries.conf text, byte for byte as the MCO writes it."]
    "mirrors.update_registries_config_text" "updateRegistriesConfigText" update_registries_config_text(base: "string"; insecure_registries = "insecureRegistries": "string[] | null", blocked_registries = "blockedRegistries": "string[] | null", icsps: "ApiObject[] | null", idmss: "ApiObject[] | null", itmss: "ApiObject[] | null") -> "string";
    #[doc = " `mirrors.edit_registries_config`: runtime-utils `EditRegistriesConfig` alone, without the MCO's validation."]
    "mirrors.edit_registries_config" "editRegistriesConfig" edit_registries_config(base: "string"; insecure_registries = "insecureRegistries": "string[] | null", blocked_registries = "blockedRegistries": "string[] | null", icsps: "ApiObject[] | null", idmss: "ApiObject[] | null", itmss: "ApiObject[] | null") -> "RenderedRegistriesConf";
    #[doc = " `mirrors.validate_registries_conf_scopes`: The MCO's `validateRegistriesConfScopes`: `null` when valid, else throws the first error."]
    "mirrors.validate_registries_conf_scopes" "validateRegistriesConfScopes" validate_registries_conf_scopes(; insecure_registries = "insecureRegistries": "string[] | null", blocked_registries = "blockedRegistries": "string[] | null", allowed_registries = "allowedRegistries": "string[] | null", icsps: "ApiObject[] | null", idmss: "ApiObject[] | null", itmss: "ApiObject[] | null") -> "NoResult";
    #[doc = " `mirrors.update_policy_json`: The MCO's `updatePolicyJSON`: `base` (policy.json text; absent: the MCO template), `blockedRegistries` / `allowedRegistries` (`null` and `[]` differ), `releaseImage`; returns the policy object."]
    "mirrors.update_policy_json" "updatePolicyJson" update_policy_json(; base: "string | null", blocked_registries = "blockedRegistries": "string[] | null", allowed_registries = "allowedRegistries": "string[] | null", release_image = "releaseImage": "string | null") -> "JsonObject";
    #[doc = " `mirrors.update_policy_json_text`: As `updatePolicyJson`, but returns the policy.json text, byte for byte."]
    "mirrors.update_policy_json_text" "updatePolicyJsonText" update_policy_json_text(; base: "string | null", blocked_registries = "blockedRegistries": "string[] | null", allowed_registries = "allowedRegistries": "string[] | null", release_image = "releaseImage": "string | null") -> "string";
    #[doc = " `mirrors.valid_blocked_and_allowed_registries`: The MCO's `getValidBlockedAndAllowedRegistries` for a release image, an `Image.spec` and mirror sets."]
    "mirrors.valid_blocked_and_allowed_registries" "validBlockedAndAllowedRegistries" valid_blocked_and_allowed_registries(release_image = "releaseImage": "string"; image_spec = "imageSpec": "ApiObject | null", icsps: "ApiObject[] | null", idmss: "ApiObject[] | null") -> "BlockedAndAllowed";
    #[doc = " `mirrors.render_image_config`: What the MCO's container-runtime-config controller renders for an image config, mirror sets and a release image."]
    "mirrors.render_image_config" "renderImageConfig" render_image_config(base: "string | null | undefined", release_image = "releaseImage": "string"; image_spec = "imageSpec": "ApiObject | null", icsps: "ApiObject[] | null", idmss: "ApiObject[] | null", itmss: "ApiObject[] | null") -> "ImageConfigRendering";
    #[doc = " `mirrors.api_pattern`: Whether `value` matches the IDMS/ITMS CRD pattern of `kind` (`source` or `mirror`)."]
    "mirrors.api_pattern" "apiPattern" api_pattern(kind: "MirrorPatternKind", value: "string") -> "PatternMatch";
    #[doc = " `mirrors.oc_alternates`: The alternate repositories of `oc image … --icsp-file/--idms-file`: `kind` (`icsp`/`idms`), `strategy` (`on_error`/`explicit`), `file` (`{name, content}` or `null`), `ref`; throws oc's error."]
    "mirrors.oc_alternates" "ocAlternates" oc_alternates(kind: "'icsp' | 'idms'", strategy: "'on_error' | 'explicit'", file: "NamedFile | null | undefined", r#ref = "ref": "string") -> "string[]";
    #[doc = " `mirrors.oc_migrate_icsp`: `oc adm migrate icsp <args…> [--dest-dir destDir]` in an empty directory holding `files`; `destDirIsFile` creates `destDir` as a file first; `seed` fixes the random file-name suffix; throws when no file was written."]
    "mirrors.oc_migrate_icsp" "ocMigrateIcsp" oc_migrate_icsp(files: "NamedFile[] | null | undefined", args: "string[]"; dest_dir = "destDir": "string | null", dest_dir_is_file = "destDirIsFile": "boolean | null", seed: "number | bigint | null") -> "MigrateOutcome";
    #[doc = " `mirrors.oc_release_mirror_instructions`: The instructions `oc adm release mirror` prints after mirroring: `from` (the `--from` image), `to` (destination repositories), `repositories` (the payload's), `signatureToDir`, `printMirrorInstructions` (`icsp`, `idms`, `none`)."]
    "mirrors.oc_release_mirror_instructions" "ocReleaseMirrorInstructions" oc_release_mirror_instructions(from: "string", to: "string[]", repositories: "string[]", signature_to_dir = "signatureToDir": "string | null | undefined", print_mirror_instructions = "printMirrorInstructions": "string") -> "string";
    #[doc = " `mirrors.explain`: `resolvePullSources` with reasons and origins: every `[[registry]]` prefix that matched `ref` (`candidates`: `selected`, `shorter`, `tie_lost`), the matched entry and its origins, every mirror (skipped ones included) then the primary with its `status` (`candidate`, `skipped`, `blocked`) and `reason`, the references a pull contacts and notes; an invalid reference is reported in `error`; throws a `mirror.*` error when the configuration does not load."]
    "mirrors.explain" "explain" explain(registries_conf = "registriesConf": "string | null | undefined", drop_ins = "dropIns": "NamedFile[] | null | undefined", r#ref = "ref": "string") -> "MirrorExplanation";
    #[doc = " `mirrors.explain_mirror_sets`: \"Where will this image be pulled from, and which object says so?\": renders `base` (registries.conf text; absent: the MCO's template) with the insecure and blocked registries and the mirror sets (`icsps`, `idmss`, `itmss`: API objects) as `updateRegistriesConfig` does, loads the result as the node's `/etc/containers/registries.conf` and explains the pull of `ref` as `explain` does, every entry's and source's `origins` naming the object behind it (`kind` `ImageContentSourcePolicy`, `ImageDigestMirrorSet`, `ImageTagMirrorSet` or `Image`, `path` such as `ImageDigestMirrorSet/<name>.spec.imageDigestMirrors[0]`; an inherited mirror's origin has `from_scope`); throws a `mirror.*` error as `updateRegistriesConfig` does, or when the rendered file does not load."]
    "mirrors.explain_mirror_sets" "explainMirrorSets" explain_mirror_sets(r#ref = "ref": "string"; base: "string | null", insecure_registries = "insecureRegistries": "string[] | null", blocked_registries = "blockedRegistries": "string[] | null", icsps: "ApiObject[] | null", idmss: "ApiObject[] | null", itmss: "ApiObject[] | null") -> "MirrorExplanation";
    #[doc = " `mirrors.lint`: Mistakes in mirror sets (`icsps`, `idmss`, `itmss`), the image config's registry sources (`imageSpec`), the payload (`releaseImage`, `payloadRepositories`) and a given `registriesConf` text that upstream accepts silently: `{findings: [{kind, severity, path, related, message}]}`."]
    "mirrors.lint" "lint" lint(; icsps: "ApiObject[] | null", idmss: "ApiObject[] | null", itmss: "ApiObject[] | null", image_spec = "imageSpec": "ApiObject | null", release_image = "releaseImage": "string | null", payload_repositories = "payloadRepositories": "string[] | null", registries_conf = "registriesConf": "string | null") -> "MirrorLintReport";
}
