//! The requirements of a policy.json list, with their fields (containers/image
//! `PolicyRequirement` and `PolicyReferenceMatch`), and what a list decides.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::pull::gojson::encode_base64;

/// A requirement's `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum RequirementType {
    /// `insecureAcceptAnything`: accepts every image.
    InsecureAcceptAnything,
    /// `reject`: refuses every image.
    Reject,
    /// `signedBy`: a simple-signing (GPG / X.509) signature is required.
    SignedBy,
    /// `sigstoreSigned`: a sigstore signature is required.
    SigstoreSigned,
    /// `signedBaseLayer`: accepted by the parser, always refuses (not implemented upstream).
    SignedBaseLayer,
}

impl RequirementType {
    /// The `type` string as written in policy.json.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::InsecureAcceptAnything => "insecureAcceptAnything",
            Self::Reject => "reject",
            Self::SignedBy => "signedBy",
            Self::SigstoreSigned => "sigstoreSigned",
            Self::SignedBaseLayer => "signedBaseLayer",
        }
    }
}

/// One requirement of a policy.json list, with the fields that decide what it asks for.
/// Serializes back to its policy.json form (byte arrays as base64).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Requirement {
    /// `insecureAcceptAnything`.
    InsecureAcceptAnything,
    /// `reject`.
    Reject,
    /// `signedBy`.
    SignedBy(SignedBy),
    /// `sigstoreSigned`.
    SigstoreSigned(SigstoreSigned),
    /// `signedBaseLayer`.
    SignedBaseLayer(SignedBaseLayer),
}

impl Requirement {
    /// The requirement's `type`.
    #[must_use]
    pub const fn kind(&self) -> RequirementType {
        match self {
            Self::InsecureAcceptAnything => RequirementType::InsecureAcceptAnything,
            Self::Reject => RequirementType::Reject,
            Self::SignedBy(_) => RequirementType::SignedBy,
            Self::SigstoreSigned(_) => RequirementType::SigstoreSigned,
            Self::SignedBaseLayer(_) => RequirementType::SignedBaseLayer,
        }
    }

    /// What this requirement answers for an image without any signature (`None`: accepts).
    #[must_use]
    pub const fn unsigned_refusal(&self) -> Option<Refusal> {
        match self {
            Self::InsecureAcceptAnything => None,
            Self::Reject => Some(Refusal::RejectedByPolicy),
            Self::SignedBy(_) | Self::SigstoreSigned(_) => Some(Refusal::NoSignature),
            Self::SignedBaseLayer(_) => Some(Refusal::SignedBaseLayerNotImplemented),
        }
    }
}

fn base64_bytes<S: Serializer>(data: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&encode_base64(data))
}

fn base64_list<S: Serializer>(data: &[Vec<u8>], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(data.iter().map(|d| encode_base64(d)))
}

/// The `keyType` of a `signedBy` requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum KeyType {
    /// `GPGKeys`.
    #[serde(rename = "GPGKeys")]
    GpgKeys,
    /// `signedByGPGKeys`.
    #[serde(rename = "signedByGPGKeys")]
    SignedByGpgKeys,
    /// `X509Certificates`.
    #[serde(rename = "X509Certificates")]
    X509Certificates,
    /// `signedByX509CAs`.
    #[serde(rename = "signedByX509CAs")]
    SignedByX509Cas,
}

impl KeyType {
    /// The value as written in policy.json; `None` for any other text.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "GPGKeys" => Self::GpgKeys,
            "signedByGPGKeys" => Self::SignedByGpgKeys,
            "X509Certificates" => Self::X509Certificates,
            "signedByX509CAs" => Self::SignedByX509Cas,
            _ => return None,
        })
    }
}

/// `signedBy`: which keys must have signed the image, and which identity the signature must
/// claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignedBy {
    /// `keyType`.
    pub key_type: KeyType,
    /// The one key source (`keyPath`, `keyPaths` or `keyData`).
    #[serde(flatten)]
    pub keys: GpgKeys,
    /// `signedIdentity` (default `matchRepoDigestOrExact`).
    pub signed_identity: IdentityMatch,
}

/// Where a `signedBy` requirement's keys come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum GpgKeys {
    /// `keyPath`: one key file (never empty).
    KeyPath(String),
    /// `keyPaths`: key files (possibly an empty list, which upstream accepts).
    KeyPaths(Vec<String>),
    /// `keyData`: the key material, base64-decoded (possibly empty).
    KeyData(#[serde(serialize_with = "base64_bytes")] Vec<u8>),
}

/// `sigstoreSigned`: which keys or certificate authority must have signed the image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SigstoreSigned {
    /// The one key source.
    #[serde(flatten)]
    pub keys: SigstoreKeys,
    /// The Rekor public key, when given (required with `fulcio`, refused with `pki`).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub rekor: Option<RekorKeys>,
    /// `signedIdentity` (default `matchRepoDigestOrExact`).
    pub signed_identity: IdentityMatch,
}

/// Where a `sigstoreSigned` requirement's trust root comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SigstoreKeys {
    /// `keyPath` (never empty).
    KeyPath(String),
    /// `keyPaths` (at least one).
    KeyPaths(Vec<String>),
    /// `keyData`, base64-decoded.
    KeyData(#[serde(serialize_with = "base64_bytes")] Vec<u8>),
    /// `keyDatas`, base64-decoded (at least one).
    KeyDatas(#[serde(serialize_with = "base64_list")] Vec<Vec<u8>>),
    /// `fulcio`: keyless signing with a Fulcio CA.
    Fulcio(Fulcio),
    /// `pki`: X.509 certificates from a private CA.
    Pki(Pki),
}

/// The Rekor public key of a `sigstoreSigned` requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum RekorKeys {
    /// `rekorPublicKeyPath`.
    RekorPublicKeyPath(String),
    /// `rekorPublicKeyPaths` (at least one).
    RekorPublicKeyPaths(Vec<String>),
    /// `rekorPublicKeyData`, base64-decoded.
    RekorPublicKeyData(#[serde(serialize_with = "base64_bytes")] Vec<u8>),
    /// `rekorPublicKeyDatas`, base64-decoded (at least one).
    RekorPublicKeyDatas(#[serde(serialize_with = "base64_list")] Vec<Vec<u8>>),
}

/// A certificate authority given as a file or inline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum CaSource {
    /// A file path.
    Path(String),
    /// The certificates, base64-decoded.
    Data(#[serde(serialize_with = "base64_bytes")] Vec<u8>),
}

/// `fulcio` of a `sigstoreSigned` requirement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fulcio {
    /// `caPath` or `caData`.
    pub ca: CaSource,
    /// `oidcIssuer` (never empty).
    pub oidc_issuer: String,
    /// `subjectEmail` (never empty).
    pub subject_email: String,
}

/// `pki` of a `sigstoreSigned` requirement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pki {
    /// `caRootsPath` or `caRootsData`.
    pub ca_roots: CaSource,
    /// `caIntermediatesPath` or `caIntermediatesData`, when given.
    pub ca_intermediates: Option<CaSource>,
    /// `subjectEmail` (`None` when absent or empty).
    pub subject_email: Option<String>,
    /// `subjectHostname` (`None` when absent or empty); at least one of the two is set.
    pub subject_hostname: Option<String>,
}

impl CaSource {
    /// Writes the source as policy.json names it: `<prefix>Path` or `<prefix>Data`.
    fn serialize_entry<M: SerializeMap>(
        &self,
        map: &mut M,
        path: &str,
        data: &str,
    ) -> Result<(), M::Error> {
        match self {
            Self::Path(p) => map.serialize_entry(path, p),
            Self::Data(d) => map.serialize_entry(data, &encode_base64(d)),
        }
    }
}

impl Serialize for Fulcio {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(3))?;
        self.ca.serialize_entry(&mut map, "caPath", "caData")?;
        map.serialize_entry("oidcIssuer", &self.oidc_issuer)?;
        map.serialize_entry("subjectEmail", &self.subject_email)?;
        map.end()
    }
}

impl Serialize for Pki {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        self.ca_roots
            .serialize_entry(&mut map, "caRootsPath", "caRootsData")?;
        if let Some(ca) = &self.ca_intermediates {
            ca.serialize_entry(&mut map, "caIntermediatesPath", "caIntermediatesData")?;
        }
        if let Some(email) = &self.subject_email {
            map.serialize_entry("subjectEmail", email)?;
        }
        if let Some(host) = &self.subject_hostname {
            map.serialize_entry("subjectHostname", host)?;
        }
        map.end()
    }
}

/// `signedBaseLayer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignedBaseLayer {
    /// `baseLayerIdentity`.
    pub base_layer_identity: IdentityMatch,
}

/// `signedIdentity` / `baseLayerIdentity`: how the identity a signature claims must relate to
/// the image (`PolicyReferenceMatch`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum IdentityMatch {
    /// `matchExact`: the same repository and tag (or digest).
    MatchExact,
    /// `matchRepoDigestOrExact`: the same repository, and the same tag unless pulled by digest.
    MatchRepoDigestOrExact,
    /// `matchRepository`: the same repository, any tag.
    MatchRepository,
    /// `exactReference`: this reference (with a tag or digest).
    ExactReference {
        /// `dockerReference`.
        docker_reference: String,
    },
    /// `exactRepository`: this repository.
    ExactRepository {
        /// `dockerRepository`.
        docker_repository: String,
    },
    /// `remapIdentity`: the image's `prefix` replaced by `signedPrefix`, then `matchRepoDigestOrExact`.
    RemapIdentity {
        /// `prefix`.
        prefix: String,
        /// `signedPrefix`.
        signed_prefix: String,
    },
}

/// What a requirement list decides (`pull.md` §6.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Every requirement is `insecureAcceptAnything`.
    Allowed,
    /// The list contains `reject` or `signedBaseLayer`: no image can pass.
    Rejected,
    /// Signatures must be verified (`signedBy`, `sigstoreSigned`); this library does not.
    NeedsSignatureVerification,
}

/// Why an image without signatures is refused: the first refusing requirement's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// `reject`: `Running image <image> is rejected by policy.`
    RejectedByPolicy,
    /// `signedBy`, `sigstoreSigned`: `A signature was required, but no signature exists`.
    NoSignature,
    /// `signedBaseLayer`: `signedBaseLayer not implemented yet!`.
    SignedBaseLayerNotImplemented,
}

impl Refusal {
    /// Upstream's text; `image_name` is `transport:reference` (`docker://busybox:latest`).
    #[must_use]
    pub fn message(self, image_name: &str) -> String {
        match self {
            Self::RejectedByPolicy => format!("Running image {image_name} is rejected by policy."),
            Self::NoSignature => "A signature was required, but no signature exists".to_owned(),
            Self::SignedBaseLayerNotImplemented => {
                "signedBaseLayer not implemented yet!".to_owned()
            }
        }
    }
}

/// A non-empty requirement list, with its decision computed once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequirementList {
    requirements: Vec<Requirement>,
    decision: Decision,
    refusal: Option<Refusal>,
}

impl RequirementList {
    pub(super) fn new(requirements: Vec<Requirement>) -> Self {
        let kinds = || requirements.iter().map(Requirement::kind);
        let decision = if kinds().any(|k| {
            matches!(
                k,
                RequirementType::Reject | RequirementType::SignedBaseLayer
            )
        }) {
            Decision::Rejected
        } else if kinds().all(|k| k == RequirementType::InsecureAcceptAnything) {
            Decision::Allowed
        } else {
            Decision::NeedsSignatureVerification
        };
        // Upstream evaluates in order and stops at the first refusal.
        let refusal = requirements.iter().find_map(Requirement::unsigned_refusal);
        Self {
            requirements,
            decision,
            refusal,
        }
    }

    /// The requirements, in order.
    #[must_use]
    pub fn requirements(&self) -> &[Requirement] {
        &self.requirements
    }

    /// The requirement types, in order.
    pub fn types(&self) -> impl ExactSizeIterator<Item = RequirementType> + '_ {
        self.requirements.iter().map(Requirement::kind)
    }

    /// What the list decides.
    #[must_use]
    pub const fn decision(&self) -> Decision {
        self.decision
    }

    /// The first requirement that refuses an image without signatures (`None`: allowed).
    #[must_use]
    pub const fn unsigned_refusal(&self) -> Option<Refusal> {
        self.refusal
    }
}

impl Serialize for RequirementList {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.requirements.serialize(s)
    }
}
