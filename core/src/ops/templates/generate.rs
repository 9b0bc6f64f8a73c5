//! The `expression` value generator, and the template linter.

use serde::Serialize;
use serde_json::{Number, Value};

use crate::error::OpError;
use crate::ops::Args;
use crate::template::generator::ExpressionGenerator;
use crate::template::lint::LintFinding;

/// `templates.generate`: one value of `expression`. `seed` (an integer; its bits as a Go
/// `int64` with `go_compat`) makes it reproducible; `go_compat` selects upstream's
/// end-exclusive ranges, and with a seed Go's `math/rand`, so seed 1337 gives the vectors'
/// `go_seed_1337` values.
pub(crate) fn generate(a: &Args<'_>) -> Result<String, OpError> {
    let expression: String = a.req("expression")?;
    let seed = seed(a)?;
    let go_compat = a.opt::<bool>("go_compat")?.unwrap_or(false);
    let mut generator = ExpressionGenerator::for_options(seed, go_compat)?;
    Ok(generator.generate(&expression)?)
}

/// The optional `seed`: any integer that fits `u64` or `i64` (negative Go seeds keep their
/// bits).
fn seed(a: &Args<'_>) -> Result<Option<u64>, OpError> {
    let Some(number) = a.opt::<Number>("seed")? else {
        return Ok(None);
    };
    number
        .as_u64()
        .or_else(|| number.as_i64().map(i64::cast_unsigned))
        .map(Some)
        .ok_or_else(|| {
            a.invalid(
                "seed",
                format!("expected an integer in the range of i64 or u64, got {number}"),
            )
        })
}

/// The answer of `templates.lint`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct LintReport {
    /// The findings, in the linter's order.
    findings: Vec<LintFinding>,
}

/// `templates.lint`: the template from `template` (an object, or JSON text) or `template_yaml`
/// (YAML text, decoded as a Template first, so decoding errors are errors here).
pub(crate) fn lint(a: &Args<'_>) -> Result<LintReport, OpError> {
    let template = match a.opt::<Value>("template")? {
        Some(Value::String(text)) => serde_json::from_str::<Value>(&text)
            .map_err(|e| a.invalid("template", format!("not JSON: {e}")))?,
        Some(value) => value,
        None => match a.opt::<String>("template_yaml")? {
            Some(text) => from_yaml(a, &text)?,
            None => {
                return Err(a.invalid(
                    "template",
                    "one of `template` and `template_yaml` is required",
                ));
            }
        },
    };
    Ok(LintReport {
        findings: crate::template::lint::lint(&template),
    })
}

#[cfg(feature = "yaml")]
fn from_yaml(_a: &Args<'_>, text: &str) -> Result<Value, OpError> {
    Ok(crate::template::Template::from_yaml_str(text)?.to_json_value())
}

#[cfg(not(feature = "yaml"))]
fn from_yaml(a: &Args<'_>, _text: &str) -> Result<Value, OpError> {
    Err(a.invalid(
        "template_yaml",
        "this build has no YAML support (core feature `yaml`)",
    ))
}
