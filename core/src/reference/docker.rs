//! The Docker/distribution reference model (specification §5, §7).

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::de::Error as _;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::digest::Digest;
use super::grammar::{self, Grammar, NAME_TOTAL_LENGTH_MAX};
use crate::error::{ReferenceError, ReferenceResult};
use crate::gomatch::{BadPattern, path_match};

/// Docker Hub's canonical domain.
pub const DEFAULT_DOMAIN: &str = "docker.io";
/// Docker Hub's legacy index domain, normalized to [`DEFAULT_DOMAIN`].
pub const LEGACY_DEFAULT_DOMAIN: &str = "index.docker.io";
/// The namespace of Docker Hub's official images.
pub const OFFICIAL_REPO_PREFIX: &str = "library/";

/// A named Docker reference: `[domain/]path[:tag][@digest]`.
///
/// Tag and digest are kept side by side and parsing never invents a tag; defaulting is an
/// explicit step ([`Reference::with_default_tag`]). The value is stored as its string form with
/// the positions of its parts, so accessors borrow and parsing allocates once.
///
/// ```
/// use openshift_image::{Reference, ReferenceKind};
///
/// let r = Reference::parse_normalized("quay.io/openshift/origin-cli:4.14")?;
/// assert_eq!((r.domain(), r.path(), r.tag()), ("quay.io", "openshift/origin-cli", Some("4.14")));
/// assert_eq!(r.kind(), ReferenceKind::NamedTagged);
///
/// let hub = Reference::parse_normalized("ubuntu")?;
/// assert_eq!(hub.to_string(), "docker.io/library/ubuntu");
/// assert_eq!(hub.tag(), None);
/// assert_eq!(hub.with_default_tag().to_string(), "docker.io/library/ubuntu:latest");
/// # Ok::<(), openshift_image::ReferenceError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reference {
    repr: String,
    /// Index of the `/` after the domain; 0 when there is no domain.
    domain_end: usize,
    name_end: usize,
    /// End of the tag; equals `name_end` without a tag. A digest follows when shorter than `repr`.
    tag_end: usize,
}

/// The shape of a reference, as distribution/reference's types name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReferenceKind {
    /// A name only.
    Named,
    /// A name and a tag.
    NamedTagged,
    /// A name and a digest.
    NamedDigested,
    /// A name, a tag and a digest.
    NamedTaggedDigested,
    /// A digest without a name ([`AnyReference::Digest`]).
    DigestOnly,
}

impl ReferenceKind {
    /// `named`, `named+tagged`, `named+digested`, `named+tagged+digested` or `digest-only`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Named => "named",
            Self::NamedTagged => "named+tagged",
            Self::NamedDigested => "named+digested",
            Self::NamedTaggedDigested => "named+tagged+digested",
            Self::DigestOnly => "digest-only",
        }
    }

    /// Position in distribution's sort order (tagged and digested first, digest-only last).
    const fn sort_rank(self) -> u8 {
        match self {
            Self::NamedTaggedDigested => 1,
            Self::NamedTagged => 2,
            Self::NamedDigested => 3,
            Self::Named => 4,
            Self::DigestOnly => 5,
        }
    }
}

impl fmt::Display for ReferenceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn sub(s: &str, range: std::ops::Range<usize>) -> &str {
    s.get(range).unwrap_or_default()
}

/// Parses with the grammar, then applies the length rule and go-digest validation.
fn parse_with(s: &str, grammar: Grammar) -> ReferenceResult<Reference> {
    parse_into(s, grammar, str::to_owned)
}

/// [`parse_with`], taking the string form from `owned` only once the input is known to be
/// valid (so a string built by normalization is moved in, not copied).
fn parse_into<S: AsRef<str>>(
    input: S,
    grammar: Grammar,
    owned: impl FnOnce(S) -> String,
) -> ReferenceResult<Reference> {
    let s = input.as_ref();
    let spans = grammar::scan_or_error(s, grammar)?;
    let counted = match grammar {
        Grammar::Current if spans.domain_end > 0 => spans.name_end - spans.domain_end - 1,
        _ => spans.name_end,
    };
    if counted > NAME_TOTAL_LENGTH_MAX {
        return Err(ReferenceError::NameTooLong {
            name: sub(s, 0..spans.name_end).to_owned(),
        });
    }
    if spans.has_digest {
        Digest::validate(sub(s, spans.tag_end + 1..s.len()))?;
    }
    Ok(Reference {
        repr: owned(input),
        domain_end: spans.domain_end,
        name_end: spans.name_end,
        tag_end: spans.tag_end,
    })
}

/// Docker Hub normalization (`splitDockerDomain` and the lowercase check), then a parse of
/// `domain/remainder`.
fn parse_normalized_with(s: &str, grammar: Grammar) -> ReferenceResult<Reference> {
    if grammar::is_identifier(s.as_bytes()) {
        return Err(ReferenceError::HexIdentifierName {
            input: s.to_owned(),
        });
    }
    let first_slash = memchr::memchr(b'/', s.as_bytes());
    let split = first_slash.and_then(|i| Some((s.get(..i)?, s.get(i + 1..)?)));
    let (domain, remainder) = match split {
        None => (DEFAULT_DOMAIN, s),
        Some((first, rest)) => {
            let is_domain = first == "localhost"
                || first == LEGACY_DEFAULT_DOMAIN
                || memchr::memchr2(b'.', b':', first.as_bytes()).is_some()
                || (grammar == Grammar::Current && grammar::go_has_upper(first));
            if !is_domain {
                (DEFAULT_DOMAIN, s)
            } else if first == LEGACY_DEFAULT_DOMAIN {
                (DEFAULT_DOMAIN, rest)
            } else {
                (first, rest)
            }
        }
    };
    let library = domain == DEFAULT_DOMAIN && memchr::memchr(b'/', remainder.as_bytes()).is_none();
    let mut full =
        String::with_capacity(domain.len() + 1 + OFFICIAL_REPO_PREFIX.len() + remainder.len());
    full.push_str(domain);
    full.push('/');
    if library {
        full.push_str(OFFICIAL_REPO_PREFIX);
    }
    full.push_str(remainder);
    // Upstream rejects upper case in the repository part before parsing. Such a repository
    // never parses (paths are lower case, and go-digest knows only lower-case algorithms), so
    // the check runs only on the failure path, where it picks the error.
    parse_into(full, grammar, |full| full).map_err(|parse_error| {
        let remote = remainder
            .split_once(':')
            .map_or(remainder, |(remote, _)| remote);
        if grammar::go_has_upper(remote) {
            ReferenceError::RemoteNameContainsUppercase {
                input: s.to_owned(),
                remote: (grammar == Grammar::Current).then(|| {
                    if library {
                        format!("{OFFICIAL_REPO_PREFIX}{remote}")
                    } else {
                        remote.to_owned()
                    }
                }),
            }
        } else {
            parse_error
        }
    })
}

impl Reference {
    /// Parses without normalization (distribution's `Parse`): `ubuntu` stays `ubuntu`, with an
    /// empty domain, and the first of several components is a domain whenever it can be one.
    ///
    /// # Errors
    /// `NameEmpty`, `NameContainsUppercase`, `InvalidFormat`, `NameTooLong` (the path exceeds
    /// 255 bytes) or a digest error.
    pub fn parse(s: &str) -> ReferenceResult<Self> {
        parse_with(s, Grammar::Current)
    }

    /// [`Reference::parse`] with the legacy grammar of docker/distribution ≤ v2.8 and the
    /// containers/image fork: no IPv6 hosts; the 255-byte limit counts the whole name.
    ///
    /// # Errors
    /// As [`Reference::parse`].
    pub fn parse_legacy(s: &str) -> ReferenceResult<Self> {
        parse_with(s, Grammar::Legacy)
    }

    /// Parses with Docker's normalization (`ParseNormalizedNamed`): a name without a domain
    /// goes to `docker.io`, a single-component Hub name gets `library/`, `index.docker.io`
    /// becomes `docker.io`.
    ///
    /// ```
    /// use openshift_image::Reference;
    /// assert_eq!(Reference::parse_normalized("index.docker.io/redis:7")?.to_string(), "docker.io/library/redis:7");
    /// assert_eq!(Reference::parse_normalized("localhost:5000/app")?.domain(), "localhost:5000");
    /// // A bare `host:port` is a Hub image with a tag, as in Docker.
    /// assert_eq!(Reference::parse_normalized("localhost:5000")?.tag(), Some("5000"));
    /// # Ok::<(), openshift_image::ReferenceError>(())
    /// ```
    ///
    /// # Errors
    /// `HexIdentifierName` for a 64-hex input, `RemoteNameContainsUppercase`, then the errors
    /// of [`Reference::parse`].
    pub fn parse_normalized(s: &str) -> ReferenceResult<Self> {
        parse_normalized_with(s, Grammar::Current)
    }

    /// [`Reference::parse_normalized`] with the legacy grammar (containers/image): an
    /// upper-case first component is an error rather than a domain.
    ///
    /// # Errors
    /// As [`Reference::parse_normalized`], with the legacy lowercase message.
    pub fn parse_normalized_legacy(s: &str) -> ReferenceResult<Self> {
        parse_normalized_with(s, Grammar::Legacy)
    }

    /// Parses a reference that must already be in canonical form (`ParseNamed`):
    /// `docker.io/library/foo` passes, `foo` does not.
    ///
    /// # Errors
    /// `NameNotCanonical`, or the errors of [`Reference::parse_normalized`].
    pub fn parse_named(s: &str) -> ReferenceResult<Self> {
        let named = Self::parse_normalized(s)?;
        if named.repr != s {
            return Err(ReferenceError::NameNotCanonical {
                input: s.to_owned(),
            });
        }
        Ok(named)
    }

    /// Normalized parse as Docker pulls (`ParseDockerRef`): with a digest the tag is dropped;
    /// a name alone gets `latest`.
    ///
    /// # Errors
    /// As [`Reference::parse_normalized`].
    pub fn parse_docker_ref(s: &str) -> ReferenceResult<Self> {
        let named = Self::parse_normalized(s)?;
        Ok(if named.digest().is_some() && named.tag().is_some() {
            let digest_start = named.tag_end;
            let mut repr = String::with_capacity(named.name_end + named.repr.len() - digest_start);
            repr.push_str(named.name());
            repr.push_str(sub(&named.repr, digest_start..named.repr.len()));
            Self {
                repr,
                domain_end: named.domain_end,
                name_end: named.name_end,
                tag_end: named.name_end,
            }
        } else {
            named.with_default_tag()
        })
    }

    /// A name without tag or digest (`WithName`), not normalized.
    ///
    /// # Errors
    /// `InvalidFormat` or `NameTooLong`.
    pub fn with_name(name: &str) -> ReferenceResult<Self> {
        let Some(domain_end) = grammar::split_name(name.as_bytes(), Grammar::Current) else {
            return Err(ReferenceError::InvalidFormat {
                input: name.to_owned(),
            });
        };
        let path_len = if domain_end > 0 {
            name.len() - domain_end - 1
        } else {
            name.len()
        };
        if path_len > NAME_TOTAL_LENGTH_MAX {
            return Err(ReferenceError::NameTooLong {
                name: name.to_owned(),
            });
        }
        Ok(Self {
            repr: name.to_owned(),
            domain_end,
            name_end: name.len(),
            tag_end: name.len(),
        })
    }

    /// This reference with `tag` set (`WithTag`); a digest is kept.
    ///
    /// # Errors
    /// `InvalidTag` when `tag` does not match `[\w][\w.-]{0,127}`.
    pub fn with_tag(&self, tag: &str) -> ReferenceResult<Self> {
        if !grammar::is_tag(tag.as_bytes()) {
            return Err(ReferenceError::InvalidTag {
                tag: tag.to_owned(),
            });
        }
        Ok(self.rebuilt(Some(tag), self.digest()))
    }

    /// This reference with `digest` set (`WithDigest`); a tag is kept. Only the digest grammar
    /// is checked, not go-digest's lengths.
    ///
    /// # Errors
    /// `InvalidDigest` when `digest` does not match the grammar.
    pub fn with_digest(&self, digest: &str) -> ReferenceResult<Self> {
        if !grammar::is_digest_syntax(digest.as_bytes()) {
            return Err(ReferenceError::InvalidDigest {
                digest: digest.to_owned(),
            });
        }
        Ok(self.rebuilt(self.tag(), Some(digest)))
    }

    /// The name alone, without tag and digest (`TrimNamed`).
    #[must_use]
    pub fn trim_named(&self) -> Self {
        self.rebuilt(None, None)
    }

    /// This reference, with tag `latest` when it has neither tag nor digest (`TagNameOnly`).
    #[must_use]
    pub fn with_default_tag(&self) -> Self {
        if self.tag().is_none() && self.digest().is_none() {
            self.rebuilt(Some("latest"), None)
        } else {
            self.clone()
        }
    }

    fn rebuilt(&self, tag: Option<&str>, digest: Option<&str>) -> Self {
        let name = self.name();
        let mut repr = String::with_capacity(
            name.len() + tag.map_or(0, |t| t.len() + 1) + digest.map_or(0, |d| d.len() + 1),
        );
        repr.push_str(name);
        if let Some(tag) = tag {
            repr.push(':');
            repr.push_str(tag);
        }
        let tag_end = repr.len();
        if let Some(digest) = digest {
            repr.push('@');
            repr.push_str(digest);
        }
        Self {
            repr,
            domain_end: self.domain_end,
            name_end: self.name_end,
            tag_end,
        }
    }

    /// `domain/path`, or the path when there is no domain.
    #[must_use]
    pub fn name(&self) -> &str {
        sub(&self.repr, 0..self.name_end)
    }

    /// The domain (`host[:port]`), or `""` when the name has none (plain [`Reference::parse`]).
    #[must_use]
    pub fn domain(&self) -> &str {
        sub(&self.repr, 0..self.domain_end)
    }

    /// The path (repository) after the domain.
    #[must_use]
    pub fn path(&self) -> &str {
        let start = if self.domain_end > 0 {
            self.domain_end + 1
        } else {
            0
        };
        sub(&self.repr, start..self.name_end)
    }

    /// The tag, if any.
    #[must_use]
    pub fn tag(&self) -> Option<&str> {
        (self.tag_end > self.name_end).then(|| sub(&self.repr, self.name_end + 1..self.tag_end))
    }

    /// The digest (`algorithm:encoded`), if any.
    #[must_use]
    pub fn digest(&self) -> Option<&str> {
        (self.repr.len() > self.tag_end).then(|| sub(&self.repr, self.tag_end + 1..self.repr.len()))
    }

    /// Which parts the reference has.
    #[must_use]
    pub fn kind(&self) -> ReferenceKind {
        match (self.tag().is_some(), self.digest().is_some()) {
            (false, false) => ReferenceKind::Named,
            (true, false) => ReferenceKind::NamedTagged,
            (false, true) => ReferenceKind::NamedDigested,
            (true, true) => ReferenceKind::NamedTaggedDigested,
        }
    }

    /// The string form, `name[:tag][@digest]`.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.repr
    }

    /// The short name Docker shows (`FamiliarName`): `docker.io/` removed, and `library/`
    /// removed when no further `/` follows.
    ///
    /// ```
    /// use openshift_image::Reference;
    /// assert_eq!(Reference::parse_normalized("docker.io/library/foo/bar")?.familiar_name(), "library/foo/bar");
    /// assert_eq!(Reference::parse_normalized("library/foo")?.familiar_name(), "foo");
    /// # Ok::<(), openshift_image::ReferenceError>(())
    /// ```
    #[must_use]
    pub fn familiar_name(&self) -> &str {
        if self.domain() != DEFAULT_DOMAIN {
            return self.name();
        }
        let path = self.path();
        match path.strip_prefix(OFFICIAL_REPO_PREFIX) {
            Some(rest) if !rest.contains('/') => rest,
            _ => path,
        }
    }

    /// The familiar name with `:tag` and `@digest` (`FamiliarString`).
    #[must_use]
    pub fn familiar_string(&self) -> String {
        let mut out = String::from(self.familiar_name());
        out.push_str(sub(&self.repr, self.name_end..self.repr.len()));
        out
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.repr)
    }
}

impl FromStr for Reference {
    type Err = ReferenceError;
    /// Same as [`Reference::parse`] (no normalization), so `parse(r.to_string()) == r`.
    fn from_str(s: &str) -> ReferenceResult<Self> {
        Self::parse(s)
    }
}

impl AsRef<str> for Reference {
    fn as_ref(&self) -> &str {
        &self.repr
    }
}

/// Any reference distribution accepts (`ParseAnyReference`): a name, or a bare digest.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AnyReference {
    /// A named reference (normalized).
    Named(Reference),
    /// A digest without a name: a valid digest, or a 64-hex identifier read as sha256.
    Digest(Digest),
}

impl AnyReference {
    /// `ParseAnyReference`: a 64-hex identifier becomes `sha256:<id>`, a valid digest stays a
    /// digest, anything else is parsed with [`Reference::parse_normalized`].
    ///
    /// ```
    /// use openshift_image::{AnyReference, ReferenceKind};
    /// let id = "6b8ce03de3b4c2844976a0def5842b7d085c93d2519d8a2f3ec00195f0af41b2";
    /// assert_eq!(AnyReference::parse(id)?.kind(), ReferenceKind::DigestOnly);
    /// assert_eq!(AnyReference::parse("dbcc1")?.to_string(), "docker.io/library/dbcc1");
    /// # Ok::<(), openshift_image::ReferenceError>(())
    /// ```
    ///
    /// # Errors
    /// The errors of [`Reference::parse_normalized`].
    pub fn parse(s: &str) -> ReferenceResult<Self> {
        if grammar::is_identifier(s.as_bytes()) {
            return Digest::parse(&format!("sha256:{s}")).map(Self::Digest);
        }
        if let Ok(digest) = Digest::parse(s) {
            return Ok(Self::Digest(digest));
        }
        Reference::parse_normalized(s).map(Self::Named)
    }

    /// Which parts the reference has.
    #[must_use]
    pub fn kind(&self) -> ReferenceKind {
        match self {
            Self::Named(r) => r.kind(),
            Self::Digest(_) => ReferenceKind::DigestOnly,
        }
    }

    /// The string form: the reference, or the digest.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Named(r) => r.as_str(),
            Self::Digest(d) => d.as_str(),
        }
    }

    /// The familiar string form; the digest for a digest-only reference.
    #[must_use]
    pub fn familiar_string(&self) -> String {
        match self {
            Self::Named(r) => r.familiar_string(),
            Self::Digest(d) => d.as_str().to_owned(),
        }
    }
}

impl fmt::Display for AnyReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for AnyReference {
    type Err = ReferenceError;
    fn from_str(s: &str) -> ReferenceResult<Self> {
        Self::parse(s)
    }
}

fn serialize_view<S: Serializer>(
    serializer: S,
    kind: ReferenceKind,
    named: Option<&Reference>,
    string: &str,
) -> Result<S::Ok, S::Error> {
    let mut state = serializer.serialize_struct("Reference", 9)?;
    state.serialize_field("kind", kind.as_str())?;
    state.serialize_field("name", &named.map(Reference::name))?;
    state.serialize_field("domain", &named.map(Reference::domain))?;
    state.serialize_field("path", &named.map(Reference::path))?;
    state.serialize_field("tag", &named.and_then(Reference::tag))?;
    state.serialize_field("digest", &named.map_or(Some(string), Reference::digest))?;
    state.serialize_field("string", string)?;
    state.serialize_field("familiar_name", &named.map(Reference::familiar_name))?;
    state.serialize_field(
        "familiar_string",
        &named.map_or_else(|| string.to_owned(), Reference::familiar_string),
    )?;
    state.end()
}

impl Serialize for Reference {
    /// Serializes as an object: `kind`, `name`, `domain`, `path`, `tag`, `digest`, `string`,
    /// `familiar_name`, `familiar_string` (absent tag and digest are `null`).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_view(serializer, self.kind(), Some(self), &self.repr)
    }
}

impl Serialize for AnyReference {
    /// As [`Reference`]'s form; a digest-only reference has `null` name parts and the digest
    /// as `digest`, `string` and `familiar_string`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Named(r) => r.serialize(serializer),
            Self::Digest(d) => {
                serialize_view(serializer, ReferenceKind::DigestOnly, None, d.as_str())
            }
        }
    }
}

/// What a serialized reference may look like on input: its string form, or the object that
/// [`Reference`]'s `Serialize` writes (read through its `string` field).
#[derive(Deserialize)]
#[serde(untagged)]
enum ReferenceRepr {
    Text(String),
    Object { string: String },
}

impl ReferenceRepr {
    fn into_string(self) -> String {
        match self {
            Self::Text(s) | Self::Object { string: s } => s,
        }
    }
}

impl<'de> Deserialize<'de> for Reference {
    /// Accepts the string form or the serialized object, parsed with [`Reference::parse`].
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = ReferenceRepr::deserialize(deserializer)?.into_string();
        Self::parse(&s).map_err(D::Error::custom)
    }
}

impl<'de> Deserialize<'de> for AnyReference {
    /// Accepts the string form or the serialized object: a digest-only string is a digest,
    /// anything else is parsed with [`Reference::parse`].
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = ReferenceRepr::deserialize(deserializer)?.into_string();
        match Digest::parse(&s) {
            Ok(d) => Ok(Self::Digest(d)),
            Err(_) => Reference::parse(&s)
                .map(Self::Named)
                .map_err(D::Error::custom),
        }
    }
}

/// `FamiliarMatch`: Go `path.Match` of `pattern` against the familiar string, then against
/// the familiar name. `*` does not cross `/`.
///
/// ```
/// use openshift_image::{AnyReference, familiar_match};
/// let r = AnyReference::parse("docker.io/library/busybox:1.36")?;
/// assert!(familiar_match("busybox", &r)?);
/// assert!(familiar_match("busy*:1.*", &r)?);
/// assert!(familiar_match("busybox[", &r).is_err());
/// # Ok::<(), openshift_image::ReferenceError>(())
/// ```
///
/// # Errors
/// `PatternSyntax` for a malformed pattern (checked over the whole pattern).
pub fn familiar_match(pattern: &str, reference: &AnyReference) -> ReferenceResult<bool> {
    let bad = || ReferenceError::PatternSyntax {
        pattern: pattern.to_owned(),
    };
    let matched = path_match(pattern.as_bytes(), reference.familiar_string().as_bytes())
        .map_err(|BadPattern| bad())?;
    if matched {
        return Ok(true);
    }
    Ok(match reference {
        AnyReference::Named(r) => {
            path_match(pattern.as_bytes(), r.familiar_name().as_bytes()).unwrap_or(false)
        }
        AnyReference::Digest(_) => false,
    })
}

/// distribution's `Sort`: parsable references (printed in their [`AnyReference`] string form)
/// ordered tagged+digested, tagged, digested, name only, digest only, each group lexically;
/// unparsable entries follow, sorted.
///
/// ```
/// use openshift_image::sort_references;
/// assert_eq!(
///     sort_references(&["busybox", "quay.io/app:1", "not valid!"]),
///     ["quay.io/app:1", "docker.io/library/busybox", "not valid!"]
/// );
/// ```
#[must_use]
pub fn sort_references<S: AsRef<str>>(references: &[S]) -> Vec<String> {
    let mut parsed = Vec::with_capacity(references.len());
    let mut bad = Vec::new();
    for r in references {
        match AnyReference::parse(r.as_ref()) {
            Ok(any) => parsed.push((any.kind().sort_rank(), any.to_string())),
            Err(_) => bad.push(r.as_ref().to_owned()),
        }
    }
    parsed.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    bad.sort();
    parsed.into_iter().map(|(_, s)| s).chain(bad).collect()
}

/// A production of distribution's regular expressions, for [`match_production`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Production {
    /// `host[:port]` (`DomainRegexp`).
    Domain,
    /// `[domain/]path` (`anchoredNameRegexp`); groups `[domain, path]`.
    Name,
    /// `name[:tag][@digest]` (`ReferenceRegexp`); groups `[name, tag, digest]`.
    Reference,
    /// 64 lowercase hex digits; groups `[identifier]`.
    Identifier,
    /// A tag.
    Tag,
    /// A digest (grammar only).
    Digest,
}

impl FromStr for Production {
    type Err = ReferenceError;
    /// `domain`, `name`, `reference`, `identifier`, `tag` or `digest`.
    fn from_str(s: &str) -> ReferenceResult<Self> {
        Ok(match s {
            "domain" => Self::Domain,
            "name" => Self::Name,
            "reference" => Self::Reference,
            "identifier" => Self::Identifier,
            "tag" => Self::Tag,
            "digest" => Self::Digest,
            _ => {
                return Err(ReferenceError::UnknownProduction {
                    production: s.to_owned(),
                });
            }
        })
    }
}

/// Matches the whole of `input` against a production of the current grammar, as the anchored
/// regular expressions of distribution/reference do. Returns `None` when it does not match,
/// else the capture groups in order (`None` for a group that took no part).
#[must_use]
pub fn match_production(production: Production, input: &str) -> Option<Vec<Option<String>>> {
    let b = input.as_bytes();
    let owned = |r: std::ops::Range<usize>| Some(sub(input, r).to_owned());
    match production {
        Production::Domain => grammar::is_domain_and_port(b, Grammar::Current).then(Vec::new),
        Production::Tag => grammar::is_tag(b).then(Vec::new),
        Production::Digest => grammar::is_digest_syntax(b).then(Vec::new),
        Production::Identifier => grammar::is_identifier(b).then(|| vec![Some(input.to_owned())]),
        Production::Name => grammar::split_name(b, Grammar::Current).map(|domain_end| {
            if domain_end > 0 {
                vec![owned(0..domain_end), owned(domain_end + 1..input.len())]
            } else {
                vec![None, Some(input.to_owned())]
            }
        }),
        Production::Reference => grammar::scan(input, Grammar::Current).map(|spans| {
            vec![
                owned(0..spans.name_end),
                (spans.tag_end > spans.name_end)
                    .then(|| sub(input, spans.name_end + 1..spans.tag_end).to_owned()),
                spans
                    .has_digest
                    .then(|| sub(input, spans.tag_end + 1..input.len()).to_owned()),
            ]
        }),
    }
}

impl PartialOrd for Reference {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Reference {
    /// Orders by string form.
    fn cmp(&self, other: &Self) -> Ordering {
        self.repr.cmp(&other.repr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(r: &Reference) -> (&str, &str, Option<&str>, Option<&str>) {
        (r.domain(), r.path(), r.tag(), r.digest())
    }

    #[test]
    fn plain_parse_keeps_the_input() {
        let r = Reference::parse("test.com:5000").unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(parts(&r), ("", "test.com", Some("5000"), None));
        let r = Reference::parse("Uppercase/lowercase:tag").unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(parts(&r), ("Uppercase", "lowercase", Some("tag"), None));
    }

    #[test]
    fn errors_follow_upstream() {
        let cases = [
            ("", "repository name must have at least one component"),
            ("Foo", "repository name must be lowercase"),
            ("foo:", "invalid reference format"),
            ("foo@sha256:ABC", "invalid reference format"),
        ];
        for (input, want) in cases {
            assert_eq!(
                Reference::parse(input).map_err(|e| e.to_string()),
                Err(want.to_owned()),
                "{input}"
            );
        }
        let long_path = "a".repeat(256);
        assert_eq!(
            Reference::parse(&long_path).map_err(|e| e.kind()),
            Err("reference.name_too_long")
        );
        // The current grammar counts the path only; the legacy grammar the whole name.
        let path = "a".repeat(250);
        assert!(Reference::parse(&format!("example.com/{path}")).is_ok());
        assert!(Reference::parse_legacy(&format!("example.com/{path}")).is_err());
    }

    #[test]
    fn normalization() {
        let cases = [
            ("busybox", "docker.io/library/busybox"),
            ("library/busybox:1", "docker.io/library/busybox:1"),
            ("index.docker.io/foo", "docker.io/library/foo"),
            ("Foo/bar", "Foo/bar"),
            ("[::1]:5000/x", "[::1]:5000/x"),
            ("localhost/app", "localhost/app"),
        ];
        for (input, want) in cases {
            let got = Reference::parse_normalized(input).map(|r| r.to_string());
            assert_eq!(got, Ok(want.to_owned()), "{input}");
        }
        assert_eq!(
            Reference::parse_normalized("quay.io/openshift/BUSYBOX:v4.14")
                .map_err(|e| e.to_string()),
            Err(
                "invalid reference format: repository name (openshift/BUSYBOX) must be lowercase"
                    .to_owned()
            )
        );
        assert_eq!(
            Reference::parse_normalized_legacy("Foo/bar").map_err(|e| e.to_string()),
            Err("invalid reference format: repository name must be lowercase".to_owned())
        );
    }

    #[test]
    fn docker_ref_drops_tag_when_digested() {
        let d = "sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582";
        let r = Reference::parse_docker_ref(&format!("busybox:1@{d}")).map(|r| r.to_string());
        assert_eq!(r, Ok(format!("docker.io/library/busybox@{d}")));
    }

    /// Upstream's order: the lowercase check on the repository part before the parse.
    fn upstream_order(s: &str) -> Result<String, String> {
        if grammar::is_identifier(s.as_bytes()) {
            return Err("hex".into());
        }
        let (domain, remainder) = match s.split_once('/') {
            None => (DEFAULT_DOMAIN, s),
            Some((first, rest)) => {
                if first == "localhost"
                    || first.contains(['.', ':'])
                    || grammar::go_has_upper(first)
                {
                    (
                        if first == LEGACY_DEFAULT_DOMAIN {
                            DEFAULT_DOMAIN
                        } else {
                            first
                        },
                        rest,
                    )
                } else if first == LEGACY_DEFAULT_DOMAIN {
                    (DEFAULT_DOMAIN, rest)
                } else {
                    (DEFAULT_DOMAIN, s)
                }
            }
        };
        let remote = remainder.split_once(':').map_or(remainder, |(r, _)| r);
        if grammar::go_has_upper(remote) {
            return Err("upper".into());
        }
        let library = if domain == DEFAULT_DOMAIN && !remainder.contains('/') {
            OFFICIAL_REPO_PREFIX
        } else {
            ""
        };
        Reference::parse(&format!("{domain}/{library}{remainder}"))
            .map(|r| r.to_string())
            .map_err(|e| e.to_string())
    }

    proptest::proptest! {
        #[test]
        fn lowercase_check_after_parse_is_equivalent(s in "[a-cA-C0-9:/@._-]{0,24}(sha256:[0-9a-f]{64})?") {
            let ours = Reference::parse_normalized(&s);
            match upstream_order(&s) {
                Err(kind) if kind == "upper" => proptest::prop_assert_eq!(ours.map_err(|e| e.kind()), Err("reference.name_contains_uppercase")),
                Err(kind) if kind == "hex" => proptest::prop_assert!(ours.is_err()),
                other => proptest::prop_assert_eq!(ours.map(|r| r.to_string()).map_err(|e| e.to_string()), other),
            }
        }
    }
}
