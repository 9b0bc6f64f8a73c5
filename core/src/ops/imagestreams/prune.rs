//! History pruning: `oc adm prune images` decisions per tag (spec §9).

use crate::error::OpError;
use crate::imagestream::parse_rfc3339_seconds;
use crate::imagestream::prune::{PruneInputs, PruneOptions, PruneReport, prune_history as run};
use crate::ops::Args;

/// `imagestreams.prune_history`.
pub(crate) fn prune_history(a: &Args<'_>) -> Result<PruneReport, OpError> {
    let now = super::now(a)?;
    let now = parse_rfc3339_seconds(&now)
        .ok_or_else(|| a.invalid("now", format!("not an RFC 3339 time: {now}")))?;
    let options: PruneOptions = a.req("options")?;
    let inputs = PruneInputs {
        images: a.req("images")?,
        streams: a.req("streams")?,
        pods: a.opt("pods")?.unwrap_or_default(),
        replication_controllers: a.opt("replication_controllers")?.unwrap_or_default(),
        deployments: a.opt("deployments")?.unwrap_or_default(),
        daemon_sets: a.opt("daemon_sets")?.unwrap_or_default(),
        replica_sets: a.opt("replica_sets")?.unwrap_or_default(),
        stateful_sets: a.opt("stateful_sets")?.unwrap_or_default(),
        jobs: a.opt("jobs")?.unwrap_or_default(),
        cron_jobs: a.opt("cron_jobs")?.unwrap_or_default(),
        deployment_configs: a.opt("deployment_configs")?.unwrap_or_default(),
        builds: a.opt("builds")?.unwrap_or_default(),
        build_configs: a.opt("build_configs")?.unwrap_or_default(),
        limit_ranges: a.opt("limit_ranges")?.unwrap_or_default(),
    };
    Ok(run(&options, &inputs, now)?)
}

/// `imagestreams.prune_options_validate`: `true`, or the error.
pub(crate) fn prune_options_validate(a: &Args<'_>) -> Result<bool, OpError> {
    let options = PruneOptions {
        keep_tag_revisions: a.opt("keep_tag_revisions")?,
        keep_younger_than: a.opt("keep_younger_than")?,
        prune_over_size_limit: a.opt("prune_over_size_limit")?,
        ..PruneOptions::default()
    };
    options.validate()?;
    Ok(true)
}
