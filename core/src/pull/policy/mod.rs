//! policy.json (`/etc/containers/policy.json`, `pull.md` §6, §7.10): parsed as containers/image
//! v5.35 parses it, and which requirement list applies to a `docker` image and what it
//! decides, as `PolicyContext.IsRunningImageAllowed` answers for an image without signatures.
//!
//! * [`Policy::from_json`]: `signature.NewPolicyFromBytes` — strict objects (unknown and
//!   repeated keys fail), every requirement validated with upstream's texts, scopes of the
//!   registered transports validated ([`validate_policy_scope`]).
//! * [`Policy::requirements_for`]: the applying section (`identity`, `namespace`,
//!   `transport_default`, `default`) for a `docker` reference, its requirements and the
//!   decision. Scopes are indexed at parse time, so a lookup costs the same for 10 scopes or
//!   10,000: one pass over the name, then a hash probe per candidate scope.
//! * [`lint_policy`]: mistakes upstream accepts silently (scopes that never match, wildcard
//!   surprises, `signedBaseLayer`).
//!
//! Signatures are never verified here: `signedBy` and `sigstoreSigned` are reported as
//! [`Decision::NeedsSignatureVerification`].
//!
//! ```
//! use openshift_image::pull::policy::{Decision, Policy, Section};
//!
//! let policy = Policy::from_json(r#"{
//!     "default": [{"type": "reject"}],
//!     "transports": {"docker": {
//!         "quay.io/openshift-release-dev": [{"type": "insecureAcceptAnything"}],
//!         "*.example.com": [{"type": "signedBy", "keyType": "GPGKeys", "keyPath": "/etc/pki/e.gpg"}]
//!     }}
//! }"#)?;
//! let payload = policy.requirements_for("quay.io/openshift-release-dev/ocp-release:4.17.0")?;
//! assert_eq!(payload.section(), Section::Namespace);
//! assert_eq!(payload.decision(), Decision::Allowed);
//!
//! let app = policy.requirements_for("registry.example.com:5000/team/app")?;
//! assert_eq!(app.scope(), Some("*.example.com"));
//! assert_eq!(app.decision(), Decision::NeedsSignatureVerification);
//!
//! let hub = policy.requirements_for("busybox")?;
//! assert_eq!(hub.identity(), "docker.io/library/busybox:latest");
//! assert_eq!(
//!     hub.unsigned().error.as_deref(),
//!     Some("Running image docker://busybox:latest is rejected by policy.")
//! );
//! # Ok::<(), openshift_image::pull::PullError>(())
//! ```

mod decode;
mod index;
mod json;
mod lint;
mod requirement;
mod scope;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

pub use lint::{FindingKind, PolicyFinding, Severity, lint_policy};
pub use requirement::{
    CaSource, Decision, Fulcio, GpgKeys, IdentityMatch, KeyType, Pki, Refusal, RekorKeys,
    Requirement, RequirementList, RequirementType, SignedBaseLayer, SignedBy, SigstoreKeys,
    SigstoreSigned,
};
pub use scope::validate_policy_scope;

use self::index::{ScopeIndex, fnv_start, is_concat};
use crate::hashkey::fnv;
use crate::pull::PullError;
use crate::reference::{Reference, UNKNOWN_DIGEST_SUFFIX};
use crate::{ReferenceError, ReferenceResult};

/// Largest policy.json text accepted, in bytes (real files are a few kilobytes).
pub const MAX_POLICY_BYTES: usize = 16 << 20;

/// The name of the transport whose references [`Policy::requirements_for`] evaluates.
pub const DOCKER_TRANSPORT: &str = "docker";

/// A parsed policy.json (containers/image `signature.Policy`).
#[derive(Debug, Clone)]
pub struct Policy {
    default: RequirementList,
    transports: Vec<TransportScopes>,
    /// Position of the `docker` section in `transports`.
    docker: Option<usize>,
}

/// The scopes of one transport (`transports.<name>`), in document order.
#[derive(Debug, Clone)]
pub struct TransportScopes {
    name: String,
    scopes: Vec<ScopeRequirements>,
    index: ScopeIndex,
    /// Position of the scope `""`.
    transport_default: Option<usize>,
}

/// One scope and its requirement list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeRequirements {
    scope: String,
    requirements: RequirementList,
}

impl ScopeRequirements {
    /// The scope key as written (`""` is the transport default).
    #[must_use]
    pub fn scope(&self) -> &str {
        &self.scope
    }

    /// Its requirements.
    #[must_use]
    pub const fn requirements(&self) -> &RequirementList {
        &self.requirements
    }
}

/// Which part of policy.json applied (`requirementsForImageRef`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// The scope equal to the image's identity (`name:tag`, `name@digest`).
    Identity,
    /// A namespace of the image: its repository, a parent, the host, or a `*.` wildcard.
    Namespace,
    /// The transport's scope `""`.
    TransportDefault,
    /// The top-level `default`.
    Default,
}

/// The requirement list that applies to an image, and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScopeMatch<'p> {
    /// The section.
    pub section: Section,
    /// The scope key (`""` for [`Section::TransportDefault`], `None` for [`Section::Default`]).
    pub scope: Option<&'p str>,
    /// The list.
    pub requirements: &'p RequirementList,
}

/// What an image without signatures is told (`IsRunningImageAllowed`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnsignedVerdict {
    /// Whether it may run.
    pub allowed: bool,
    /// The first refusing requirement's text, when refused.
    pub error: Option<String>,
}

/// The policy decision for a `docker` reference ([`Policy::requirements_for`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyEvaluation<'p> {
    /// The normalised reference (with `latest` added to a bare name).
    reference: Reference,
    unknown_digest: bool,
    matched: ScopeMatch<'p>,
}

impl<'p> PolicyEvaluation<'p> {
    /// The reference's policy identity (`docker.io/library/busybox:latest`; the name alone
    /// with `@@unknown-digest@@`).
    #[must_use]
    pub fn identity(&self) -> &str {
        self.reference.as_str()
    }

    /// The normalised reference.
    #[must_use]
    pub const fn reference(&self) -> &Reference {
        &self.reference
    }

    /// The image as upstream names it in messages: `docker://` + the familiar form.
    #[must_use]
    pub fn image_name(&self) -> String {
        let suffix = if self.unknown_digest {
            UNKNOWN_DIGEST_SUFFIX
        } else {
            ""
        };
        format!(
            "{DOCKER_TRANSPORT}://{}{suffix}",
            self.reference.familiar_string()
        )
    }

    /// The applying section.
    #[must_use]
    pub const fn section(&self) -> Section {
        self.matched.section
    }

    /// The applying scope key (`""` for the transport default, `None` for `default`).
    #[must_use]
    pub const fn scope(&self) -> Option<&'p str> {
        self.matched.scope
    }

    /// The applying requirement list.
    #[must_use]
    pub const fn requirements(&self) -> &'p RequirementList {
        self.matched.requirements
    }

    /// Section, scope and list together.
    #[must_use]
    pub const fn scope_match(&self) -> ScopeMatch<'p> {
        self.matched
    }

    /// What the list decides.
    #[must_use]
    pub const fn decision(&self) -> Decision {
        self.matched.requirements.decision()
    }

    /// Upstream's answer for this image without signatures.
    #[must_use]
    pub fn unsigned(&self) -> UnsignedVerdict {
        match self.matched.requirements.unsigned_refusal() {
            None => UnsignedVerdict {
                allowed: true,
                error: None,
            },
            Some(refusal) => UnsignedVerdict {
                allowed: false,
                error: Some(refusal.message(&self.image_name())),
            },
        }
    }
}

fn reference_error(image: &str, e: &ReferenceError) -> PullError {
    PullError::Reference {
        reference: image.to_owned(),
        message: e.to_string(),
    }
}

/// The `docker` transport's reading of `image` (`docker.ParseReference("//" + image)`): the
/// normalised reference with `latest` added, or the bare name for `@@unknown-digest@@`.
fn docker_reference(image: &str) -> ReferenceResult<(Reference, bool)> {
    if let Some(text) = image.strip_suffix(UNKNOWN_DIGEST_SUFFIX) {
        let named = Reference::parse_normalized_legacy(text)?;
        if named.tag().is_some() || named.digest().is_some() {
            return Err(ReferenceError::UnknownDigestConflict {
                reference: format!("{named}{UNKNOWN_DIGEST_SUFFIX}"),
            });
        }
        return Ok((named, true));
    }
    let named = Reference::parse_normalized_legacy(image)?;
    match (named.tag(), named.digest()) {
        (None, None) => Ok((named.with_default_tag(), false)),
        (Some(_), Some(_)) => Err(ReferenceError::TagAndDigest {
            reference: image.to_owned(),
        }),
        _ => Ok((named, false)),
    }
}

/// Slash positions whose FNV states are kept on the stack; deeper names rehash their parents.
const KEPT_SLASHES: usize = 32;

impl TransportScopes {
    fn new(name: String, scopes: Vec<(String, Vec<Requirement>)>) -> Self {
        let scopes: Vec<ScopeRequirements> = scopes
            .into_iter()
            .map(|(scope, list)| ScopeRequirements {
                scope,
                requirements: RequirementList::new(list),
            })
            .collect();
        let index = ScopeIndex::new(scopes.iter().map(|s| s.scope.as_str()));
        let transport_default = scopes.iter().position(|s| s.scope.is_empty());
        Self {
            name,
            scopes,
            index,
            transport_default,
        }
    }

    /// The transport's name as written.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether containers/image registers this transport (its scopes were validated).
    #[must_use]
    pub fn is_registered(&self) -> bool {
        crate::pull::transports::Transport::from_name(&self.name).is_some()
    }

    /// The scopes, in document order.
    #[must_use]
    pub fn scopes(&self) -> &[ScopeRequirements] {
        &self.scopes
    }

    fn entry(&self, i: usize) -> Option<&ScopeRequirements> {
        self.scopes.get(i)
    }

    fn scope_text(&self, i: usize) -> &str {
        self.entry(i).map_or("", |s| s.scope.as_str())
    }

    /// The entry for the scope `scope`, by exact text.
    #[must_use]
    pub fn get(&self, scope: &str) -> Option<&ScopeRequirements> {
        let state = fnv(fnv_start(), scope.as_bytes());
        self.index
            .find(state, |i| self.scope_text(i) == scope)
            .and_then(|i| self.entry(i))
    }

    fn matched(&self, i: usize, section: Section) -> Option<ScopeMatch<'_>> {
        self.entry(i).map(|s| ScopeMatch {
            section,
            scope: Some(s.scope.as_str()),
            requirements: &s.requirements,
        })
    }

    /// `requirementsForImageRef` inside this section for a docker name: identity
    /// `name + tail`, then `name` (when `tail` is not empty), its parents, the host
    /// wildcards, then `""`.
    fn find_docker(&self, name: &str, tail: &str) -> Option<ScopeMatch<'_>> {
        let bytes = name.as_bytes();
        let mut kept = [(0usize, 0u64); KEPT_SLASHES];
        let mut slashes = 0usize;
        let mut state = fnv_start();
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'/' {
                if let Some(slot) = kept.get_mut(slashes) {
                    *slot = (i, state);
                }
                slashes += 1;
            }
            state = fnv(state, &[b]);
        }
        let identity = fnv(state, tail.as_bytes());
        if let Some(i) = self
            .index
            .find(identity, |i| is_concat(self.scope_text(i), name, tail))
        {
            return self.matched(i, Section::Identity);
        }
        if !tail.is_empty()
            && let Some(i) = self.index.find(state, |i| self.scope_text(i) == name)
        {
            return self.matched(i, Section::Namespace);
        }
        for (k, (pos, _)) in name.rmatch_indices('/').enumerate() {
            let nth = slashes - 1 - k;
            let parent = name.get(..pos).unwrap_or_default();
            let parent_state = match kept.get(nth) {
                Some(&(at, s)) if at == pos => s,
                _ => fnv(fnv_start(), parent.as_bytes()),
            };
            if let Some(i) = self
                .index
                .find(parent_state, |i| self.scope_text(i) == parent)
            {
                return self.matched(i, Section::Namespace);
            }
        }
        let host = name.split('/').next().unwrap_or_default();
        let mut rest = host.split(':').next().unwrap_or_default();
        let wildcard = fnv(fnv_start(), b"*.");
        while let Some((_, suffix)) = rest.split_once('.') {
            rest = suffix;
            let candidate = fnv(wildcard, suffix.as_bytes());
            if let Some(i) = self
                .index
                .find(candidate, |i| is_concat(self.scope_text(i), "*.", suffix))
            {
                return self.matched(i, Section::Namespace);
            }
        }
        self.transport_default
            .and_then(|i| self.matched(i, Section::TransportDefault))
    }
}

impl Policy {
    /// Parses policy.json text as `signature.NewPolicyFromBytes` does (`pull.md` §6.1–6.2).
    ///
    /// # Errors
    /// [`PullError::PolicyFormat`] with upstream's text: Go JSON decoder texts,
    /// `JSON object expected, got …`, `Unknown key "<k>"`, `Duplicate key "<k>"`,
    /// `Default policy is missing`, `List of verification policy requirements must not be
    /// empty`, `Unknown policy requirement type "<t>"`, and each requirement's own texts.
    pub fn from_json(text: &str) -> Result<Self, PullError> {
        if text.len() > MAX_POLICY_BYTES {
            return Err(PullError::PolicyFormat {
                message: format!("policy.json is larger than {MAX_POLICY_BYTES} bytes"),
            });
        }
        let decoded =
            decode::decode_policy(text).map_err(|message| PullError::PolicyFormat { message })?;
        let transports: Vec<TransportScopes> = decoded
            .transports
            .into_iter()
            .map(|(name, scopes)| TransportScopes::new(name, scopes))
            .collect();
        let docker = transports.iter().position(|t| t.name == DOCKER_TRANSPORT);
        Ok(Self {
            default: RequirementList::new(decoded.default),
            transports,
            docker,
        })
    }

    /// The top-level `default` list.
    #[must_use]
    pub const fn default_requirements(&self) -> &RequirementList {
        &self.default
    }

    /// The transport sections, in document order.
    #[must_use]
    pub fn transports(&self) -> &[TransportScopes] {
        &self.transports
    }

    /// The section of transport `name` (exact name).
    #[must_use]
    pub fn transport(&self, name: &str) -> Option<&TransportScopes> {
        if name == DOCKER_TRANSPORT {
            return self.docker.and_then(|i| self.transports.get(i));
        }
        self.transports.iter().find(|t| t.name == name)
    }

    fn default_match(&self) -> ScopeMatch<'_> {
        ScopeMatch {
            section: Section::Default,
            scope: None,
            requirements: &self.default,
        }
    }

    /// Which requirements apply to the `docker` image `image` (the reference after
    /// `docker://`; `pull.md` §6.3) and what they decide (§6.4).
    ///
    /// # Errors
    /// [`PullError::Reference`]: the legacy parser's texts,
    /// `Docker references with both a tag and digest are currently not supported`, and the
    /// `@@unknown-digest@@` conflict text.
    pub fn requirements_for(&self, image: &str) -> Result<PolicyEvaluation<'_>, PullError> {
        let (reference, unknown_digest) =
            docker_reference(image).map_err(|e| reference_error(image, &e))?;
        let name = reference.name();
        let tail = reference.as_str().get(name.len()..).unwrap_or_default();
        let matched = self
            .docker
            .and_then(|i| self.transports.get(i))
            .and_then(|section| section.find_docker(name, tail))
            .unwrap_or_else(|| self.default_match());
        Ok(PolicyEvaluation {
            reference,
            unknown_digest,
            matched,
        })
    }

    /// `requirementsForImageRef` for any transport, given the image's policy identity and
    /// namespaces (most specific first, as [`crate::pull::transports`] or
    /// [`crate::reference::policy_identity_and_namespaces`] compute them).
    #[must_use]
    pub fn requirements_for_scopes<S: AsRef<str>>(
        &self,
        transport: &str,
        identity: &str,
        namespaces: &[S],
    ) -> ScopeMatch<'_> {
        let Some(section) = self.transport(transport) else {
            return self.default_match();
        };
        let candidates = std::iter::once((identity, Section::Identity))
            .chain(namespaces.iter().map(|n| (n.as_ref(), Section::Namespace)));
        for (candidate, kind) in candidates {
            if let Some(entry) = section.get(candidate) {
                return ScopeMatch {
                    section: kind,
                    scope: Some(entry.scope.as_str()),
                    requirements: &entry.requirements,
                };
            }
        }
        section
            .transport_default
            .and_then(|i| section.matched(i, Section::TransportDefault))
            .unwrap_or_else(|| self.default_match())
    }
}

impl Serialize for TransportScopes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.scopes.len()))?;
        for entry in &self.scopes {
            map.serialize_entry(&entry.scope, &entry.requirements)?;
        }
        map.end()
    }
}

/// Serializes to the policy.json form (`{"default": […], "transports": {…}}`), scopes and
/// transports in document order.
impl Serialize for Policy {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Transports<'a>(&'a [TransportScopes]);
        impl Serialize for Transports<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(Some(self.0.len()))?;
                for t in self.0 {
                    map.serialize_entry(&t.name, t)?;
                }
                map.end()
            }
        }
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("default", &self.default)?;
        if !self.transports.is_empty() {
            map.serialize_entry("transports", &Transports(&self.transports))?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests;
