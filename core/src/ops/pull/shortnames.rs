//! Short names (OPS.md "Short names"): `pull.is_short_name`, `pull.resolve_short_name`,
//! `pull.resolve_short_name_locally` over [`crate::pull::shortnames`].

use serde::Serialize;

use crate::error::OpError;
use crate::ops::Args;
use crate::ops::mirrors::drop_ins;
use crate::pull::shortnames::{self, ModeOverride, Resolved, ShortNameConfig};

/// The configuration inputs shared by the resolve ops (`registries_conf`, `drop_ins`,
/// `user_aliases`, `short_name_mode`, `force_docker_hub`).
fn config(a: &Args<'_>) -> Result<ShortNameConfig, OpError> {
    let main: Option<String> = a.opt("registries_conf")?;
    let drop_ins = drop_ins(a)?;
    let user_aliases: Option<String> = a.opt("user_aliases")?;
    let mode = match a.opt::<String>("short_name_mode")? {
        None => None,
        Some(s) => Some(ModeOverride::parse(&s).ok_or_else(|| {
            a.invalid(
                "short_name_mode",
                format!("expected enforcing, permissive, disabled or invalid, got {s:?}"),
            )
        })?),
    };
    let force_docker_hub = a.opt::<bool>("force_docker_hub")?.unwrap_or(false);
    Ok(ShortNameConfig::load(main.as_deref(), &drop_ins)
        .with_user_aliases(user_aliases.as_deref())
        .with_mode_override(mode)
        .with_force_docker_hub(force_docker_hub))
}

/// The result of `pull.resolve_short_name`: the resolution, plus `pull_error` when the input
/// has `pull_errors` (`null` for an empty list).
#[derive(Debug, Serialize)]
pub(crate) struct ResolveReport {
    #[serde(flatten)]
    resolved: Resolved,
    #[serde(skip_serializing_if = "Option::is_none")]
    pull_error: Option<Option<String>>,
}

pub(crate) fn resolve_short_name(a: &Args<'_>) -> Result<ResolveReport, OpError> {
    let name: String = a.req("name")?;
    let pull_errors: Option<Vec<String>> = a.opt("pull_errors")?;
    let resolved = shortnames::resolve(&config(a)?, &name)?;
    let pull_error = pull_errors.map(|errors| resolved.combined_pull_error(&errors));
    Ok(ResolveReport {
        resolved,
        pull_error,
    })
}

pub(crate) fn resolve_short_name_locally(a: &Args<'_>) -> Result<Vec<String>, OpError> {
    let name: String = a.req("name")?;
    Ok(shortnames::resolve_locally(&config(a)?, &name)?)
}

pub(crate) fn is_short_name(a: &Args<'_>) -> Result<bool, OpError> {
    let name: String = a.req("name")?;
    Ok(shortnames::is_short_name(&name))
}
