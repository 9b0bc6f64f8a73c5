//! Template processing (`oc process --local` after argument parsing) and the server's
//! parameter-name validation.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::error::OpError;
use crate::ops::Args;
use crate::template::{self, ProcessOptions, ProcessedTemplate, Template};

/// `templates.process`.
pub(crate) fn process(a: &Args<'_>) -> Result<ProcessedTemplate, OpError> {
    let json: Option<Value> = a.opt("template")?;
    let yaml: Option<String> = a.opt("template_yaml")?;
    let template = match (json, yaml) {
        (Some(Value::String(text)), None) => Template::from_json_str(&text)?,
        (Some(value), None) => Template::from_json_value(value)?,
        (None, Some(text)) => from_yaml(a, &text)?,
        (Some(_), Some(_)) => {
            return Err(a.invalid(
                "template",
                "give either `template` or `template_yaml`, not both",
            ));
        }
        (None, None) => return Err(a.invalid("template", "missing required argument")),
    };
    let parameters: BTreeMap<String, String> = a.opt("parameters")?.unwrap_or_default();
    let seed: Option<u64> = a.opt("seed")?;
    let go_compat: bool = a.opt("go_compat")?.unwrap_or(false);
    // The default generator (CSPRNG, inclusive ranges) is created only when a parameter
    // needs it.
    let generator = if seed.is_some() || go_compat {
        Some(template::expression_generator(seed, go_compat)?)
    } else {
        None
    };
    let options = ProcessOptions {
        parameters: parameters.into_iter().collect(),
        labels: a.opt("labels")?,
        ignore_unknown_parameters: a.opt("ignore_unknown_parameters")?.unwrap_or(false),
        generator,
    };
    Ok(template::process(template, options)?)
}

#[cfg(feature = "yaml")]
fn from_yaml(_a: &Args<'_>, text: &str) -> Result<Template, OpError> {
    Ok(Template::from_yaml_str(text)?)
}

#[cfg(not(feature = "yaml"))]
fn from_yaml(a: &Args<'_>, _text: &str) -> Result<Template, OpError> {
    Err(a.invalid(
        "template_yaml",
        "YAML support is not compiled in (feature `yaml`)",
    ))
}

#[derive(Deserialize)]
struct NamedParameter {
    #[serde(default)]
    name: String,
}

/// `templates.validate_parameters`: `null` when every name is valid.
pub(crate) fn validate_parameters(a: &Args<'_>) -> Result<Option<()>, OpError> {
    let parameters: Vec<NamedParameter> = a.req("parameters")?;
    template::validate_parameter_names(parameters.iter().map(|p| p.name.as_str()))?;
    Ok(None)
}
