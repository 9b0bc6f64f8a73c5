//! `pull.parse_image_name` and `pull.transport_from_image_name` (OPS.md "Transport-prefixed
//! names").

use crate::error::OpError;
use crate::ops::Args;
use crate::pull::transports::{self, FileSystemView, ImageName, Transport};

/// `{name, filesystem?}` → the parsed name; an absent `filesystem` is a view where only `/`
/// exists, with `/` as the working directory.
pub(crate) fn parse_image_name(a: &Args<'_>) -> Result<ImageName, OpError> {
    let name: String = a.req("name")?;
    let fs: FileSystemView = a.opt("filesystem")?.unwrap_or_default();
    Ok(transports::parse_image_name(&name, &fs)?)
}

/// `{name}` → the transport name, or `null`.
pub(crate) fn transport_from_image_name(a: &Args<'_>) -> Result<Option<Transport>, OpError> {
    let name: String = a.req("name")?;
    Ok(transports::transport_from_image_name(&name))
}
