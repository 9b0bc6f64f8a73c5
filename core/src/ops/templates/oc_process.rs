//! `oc process` on an argument list over a virtual working directory.

use std::collections::BTreeMap;

use crate::error::OpError;
use crate::ops::Args;
use crate::template::{
    self,
    oc_process::{OcProcessOutput, OcServer, VirtualDir},
};

/// `templates.oc_process`: `{stdout, stderr}` or `{stdout_json, stderr}`.
pub(crate) fn oc_process(a: &Args<'_>) -> Result<OcProcessOutput, OpError> {
    let args: Vec<String> = a.req("args")?;
    let files: BTreeMap<String, String> = a.opt("files")?.unwrap_or_default();
    let dirs: Vec<String> = a.opt("dirs")?.unwrap_or_default();
    let stdin: Option<String> = a.opt("stdin")?;
    let server = match a.opt::<String>("server")?.as_deref() {
        None => None,
        Some("unreachable") => Some(OcServer::Unreachable),
        Some(other) => {
            return Err(a.invalid(
                "server",
                format!("unknown server {other:?} (only \"unreachable\")"),
            ));
        }
    };
    // A seed gives reproducible values; without one the default CSPRNG generator is created
    // only when a parameter needs it.
    let generator = match a.opt::<u64>("seed")? {
        Some(seed) => Some(template::expression_generator(Some(seed), false)?),
        None => None,
    };
    let dir = VirtualDir { files, dirs, stdin };
    Ok(template::oc_process::oc_process(
        &args, &dir, server, generator,
    )?)
}
