//! The `templates` area: the namespace `templates` of the package
//! (`templates.process(template, parameters)`), one function per `templates.*` operation of
//! [`openshift_image::ops::OPS`], in table order.
//!
//! A Template is the `template.openshift.io/v1` document as an object, or its JSON text (a
//! string: integers beyond 2^53 stay exact without a `BigInt`), or YAML text
//! (`templateYaml`); every argument goes through [`openshift_image::ops::call`]. Generated
//! values come from the operating system's random source unless a `seed` is given.

use napi::bindgen_prelude::{Either, Env, Result, Unknown};
use napi_derive::napi;

area_ops! {
    namespace = "templates";
    #[doc = "Processes a Template as `oc process --local` does: caller `parameters` (NAME → string) and `labels` applied, values generated (`seed`: reproducible; `goCompat`: upstream's end-exclusive ranges), `${NAME}` / `${{NAME}}` substituted; throws upstream's error text (`templates.process`)."]
    "templates.process" process(; template: "Template | string | null", template_yaml: "string | null", parameters: "{ [key: string]: string } | null", labels: "{ [key: string]: string } | null", ignore_unknown_parameters: "boolean | null", seed: "number | bigint | null", go_compat: "boolean | null") -> "ProcessedTemplate";
    #[doc = "One value of the `expression` generator of a parameter's `from` (`[a-z]{8}`, `\\w{10}`, ...), from the operating system's random source unless `seed` is given; throws for a malformed expression (`templates.generate`)."]
    "templates.generate" generate(expression: "string"; seed: "number | bigint | null", go_compat: "boolean | null") -> "string";
    #[doc = "`oc process` on the argument list `args` over a working directory holding `files` (path → content) and `dirs`, with `stdin`; throws the text `oc` prints when it fails (`templates.oc_process`)."]
    "templates.oc_process" oc_process(args: "string[]"; files: "{ [key: string]: string } | null", dirs: "string[] | null", stdin: "string | null", server: "string | null", seed: "number | bigint | null") -> "OcProcessOutput";
    #[doc = "The server's parameter-name validation (`POST …/processedtemplates`): `null`, or throws the field errors (`templates.validate_parameters`)."]
    "templates.validate_parameters" validate_parameters(parameters: "Array<{ name: string }>") -> "NoResult";
    #[doc = "The template linter on `template` (an object or its JSON text) or `templateYaml`: what processing will silently do differently from what the author probably meant (`templates.lint`)."]
    "templates.lint" lint(; template: "Template | string | null", template_yaml: "string | null") -> "LintReport";
}
