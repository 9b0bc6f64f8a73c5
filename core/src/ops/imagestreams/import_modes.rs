//! Import modes over manifest lists: Legacy's platform choice and PreserveOriginal's Image.

use serde::Serialize;

use crate::error::OpError;
use crate::imagestream::import_modes;
use crate::imagestream::model::ImageManifest;
use crate::ops::Args;

/// `manifest_list_to_image`'s result: the v1 Image fields of OPS.md "Import modes".
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ListImageReport {
    name: String,
    docker_image_manifest_media_type: String,
    docker_image_manifests: Option<Vec<ImageManifest>>,
}

/// `imagestreams.select_manifest_legacy`.
pub(crate) fn select_manifest_legacy(a: &Args<'_>) -> Result<String, OpError> {
    let manifest_list: String = a.req("manifest_list")?;
    let prefer_arch: String = a.req("prefer_arch")?;
    let prefer_os: String = a.req("prefer_os")?;
    Ok(import_modes::select_manifest_legacy(
        &manifest_list,
        &prefer_arch,
        &prefer_os,
    )?)
}

/// `imagestreams.manifest_list_to_image`.
pub(crate) fn manifest_list_to_image(a: &Args<'_>) -> Result<ListImageReport, OpError> {
    let manifest_list: String = a.req("manifest_list")?;
    let digest: Option<String> = a.opt("digest")?;
    let image = import_modes::manifest_list_to_image(&manifest_list, digest.as_deref())?;
    Ok(ListImageReport {
        name: image.name().to_owned(),
        docker_image_manifest_media_type: image.docker_image_manifest_media_type,
        docker_image_manifests: image.docker_image_manifests,
    })
}
