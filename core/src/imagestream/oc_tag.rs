//! `oc tag` as a pure function over the streams it reads (spec §7, openshift/oc
//! `pkg/cli/tag/tag.go`).
//!
//! [`OcTagOptions`] holds what the command line gives (parse it from `oc`'s words with
//! [`OcTagOptions::parse`], or build it directly); [`oc_tag`] runs the command against the
//! streams of the cluster and answers what `oc tag` prints and the ImageStreamTag writes it
//! sends ([`OcTagRequest`]), in order. The server is assumed to accept every update; deletes are
//! answered as the ImageStreamTag DELETE would (spec §5.4), tags deleted earlier in the same run
//! included.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::history::validate_tag;
use super::model::{
    ImageStream, ObjectReference, TagImportPolicy, TagReference, TagReferencePolicy,
};
use crate::error::{ImageStreamError, ImageStreamResult, ReferenceError};
use crate::gofmt::GoQuoted;
use crate::reference::{
    DOCKER_DEFAULT_NAMESPACE, DockerImageReference, join_image_stream_tag,
    parse_image_stream_tag_name, split_image_stream_tag,
};

/// The usage hint `kcmdutil.UsageErrorf` appends to `oc tag`'s usage errors.
const USAGE_HINT: &str = "See 'oc tag -h' for help and examples";
/// The `--reference-policy` value that keeps pulling from the source (the default).
pub const SOURCE_REFERENCE_POLICY: &str = "source";
/// The `--reference-policy` value that requests pull-through from the integrated registry.
pub const LOCAL_REFERENCE_POLICY: &str = "local";
/// The import mode that imports a single sub-manifest (the default).
pub const IMPORT_MODE_LEGACY: &str = "Legacy";
/// The import mode that keeps manifest lists.
pub const IMPORT_MODE_PRESERVE_ORIGINAL: &str = "PreserveOriginal";

/// The kind of an `oc tag` source, as sent in `from.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SourceKind {
    /// A registry pull spec (`DockerImage`).
    DockerImage,
    /// A tag of an image stream, `[ns/]stream:tag` (`ImageStreamTag`).
    ImageStreamTag,
    /// An image of an image stream, `[ns/]stream@id` (`ImageStreamImage`).
    ImageStreamImage,
}

impl SourceKind {
    /// The Kubernetes kind (`DockerImage`, `ImageStreamTag`, `ImageStreamImage`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::DockerImage => "DockerImage",
            Self::ImageStreamTag => "ImageStreamTag",
            Self::ImageStreamImage => "ImageStreamImage",
        }
    }

    /// The kind a `--source` value names, case-insensitively: `docker` / `dockerimage`,
    /// `istag` / `imagestreamtag(s)`, `isimage` / `imagestreamimage(s)`; `None` otherwise
    /// (oc's REST mapper also maps other resources such as `is` or `images`, which it then
    /// rejects).
    #[must_use]
    pub fn from_hint(hint: &str) -> Option<Self> {
        match hint.to_ascii_lowercase().as_str() {
            "docker" | "dockerimage" => Some(Self::DockerImage),
            "istag" | "imagestreamtag" | "imagestreamtags" => Some(Self::ImageStreamTag),
            "isimage" | "imagestreamimage" | "imagestreamimages" => Some(Self::ImageStreamImage),
            _ => None,
        }
    }
}

/// The failures of `oc tag` itself: its flag parsing, usage checks and a source it cannot use.
/// (An invalid destination tag name is [`ImageStreamError::InvalidTag`]; the server's answers
/// are [`ImageStreamError::NotFound`] and [`ImageStreamError::BadRequest`].) Every text is the
/// upstream one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OcTagError {
    /// The command line could not be parsed (pflag's text, then kubectl's hint).
    #[error("{message}\nSee 'oc tag --help' for usage.")]
    Flag {
        /// pflag's message (`unknown flag: --x`, `flag needs an argument: --source`, …).
        message: String,
    },
    /// `--help` / `-h` was given: oc prints its usage and sends nothing.
    #[error("pflag: help requested")]
    HelpRequested,
    /// Neither a source nor `-d` with destinations.
    #[error(
        "you must specify a source and at least one destination or one or more tags to delete\n{USAGE_HINT}"
    )]
    MissingArguments,
    /// `--source` names no source kind.
    #[error(
        "invalid source {}; valid values are docker, dockerimage, imagestreamimage, imagestreamtag, isimage, istag\n{USAGE_HINT}",
        GoQuoted(kind)
    )]
    InvalidSourceKind {
        /// The `--source` value.
        kind: String,
    },
    /// SOURCE does not parse as an image reference.
    #[error("invalid SOURCE: {error}")]
    InvalidSource {
        /// SOURCE as typed.
        argument: String,
        /// The parser's error.
        error: ReferenceError,
    },
    /// An image stream source names a registry.
    #[error("server in SOURCE is only allowed when providing a container image")]
    ServerInSource {
        /// SOURCE as typed.
        argument: String,
    },
    /// `--source=ImageStreamTag` without a tag.
    #[error("--source=ImageStreamTag requires a valid <name>:<tag> in SOURCE")]
    SourceRequiresTag {
        /// SOURCE as typed.
        argument: String,
    },
    /// `--source=ImageStreamImage` without an ID.
    #[error("--source=ImageStreamImage requires a valid <name>@<id> in SOURCE")]
    SourceRequiresId {
        /// SOURCE as typed.
        argument: String,
    },
    /// The source tag has no history (unknown tag, or no event).
    #[error(
        "{} is not currently pointing to an image, cannot use it as the source of a tag",
        GoQuoted(argument)
    )]
    SourceNotPointingToImage {
        /// SOURCE as typed.
        argument: String,
    },
    /// The source tag's current reference-only event does not parse.
    #[error(
        "the image stream tag {} has an invalid pull spec and cannot be used to tag: {error}",
        GoQuoted(argument)
    )]
    InvalidSourcePullSpec {
        /// SOURCE as typed.
        argument: String,
        /// The parser's error.
        error: ReferenceError,
    },
    /// A destination has more than one `/`.
    #[error("invalid image stream {}", GoQuoted(destination))]
    InvalidDestination {
        /// The destination as typed.
        destination: String,
    },
    /// A destination's namespace part is empty (`/ruby:tip`).
    #[error("invalid namespace \"\" for image stream {}", GoQuoted(destination))]
    EmptyDestinationNamespace {
        /// The destination as typed.
        destination: String,
    },
    /// A destination's part after `/` is empty (`proj/`).
    #[error("invalid name \"\" for image stream {}", GoQuoted(destination))]
    EmptyDestinationName {
        /// The destination as typed.
        destination: String,
    },
    /// A destination has no `:`.
    #[error("{} must be of the form <stream_name>:<tag>", GoQuoted(destination))]
    DestinationWithoutTag {
        /// The destination without its namespace.
        destination: String,
    },
    /// `--alias` with `--delete`.
    #[error("--alias and --delete may not be both specified")]
    AliasWithDelete,
    /// `--reference-policy` is neither `source` nor `local` (case-sensitive).
    #[error("reference policy must be set to 'source' or 'local'")]
    InvalidReferencePolicy {
        /// The value given.
        policy: String,
    },
    /// `--source` with `--delete`.
    #[error("cannot specify a source kind when deleting")]
    SourceKindWhenDeleting,
    /// A source with `--delete` (only reachable through a directly built [`OcTagOptions`]).
    #[error("cannot specify a source when deleting")]
    SourceWhenDeleting,
    /// `--scheduled` / `--insecure` with `--delete`.
    #[error("cannot set flags for importing images when deleting a tag")]
    ImportFlagsWhenDeleting,
    /// `--import-mode` with `--delete`.
    #[error("cannot specify an import mode when deleting")]
    ImportModeWhenDeleting,
    /// No destination.
    #[error("at least a destination is required")]
    NoDestination,
    /// `--scheduled` / `--insecure` with a source that is not a registry image.
    #[error("only container images can have importing flags set")]
    ImportFlagsNeedContainerImage {
        /// The source kind.
        kind: SourceKind,
    },
    /// `--alias` with `--scheduled` / `--insecure`.
    #[error("cannot set a container image tag as an alias and also set import flags")]
    AliasWithImportFlags,
    /// `--alias` to another namespace or another stream than the source's.
    #[error("cannot set alias across different Image Streams")]
    AliasAcrossStreams {
        /// The first destination that leaves the source stream.
        destination: String,
    },
    /// `--import-mode` is neither `Legacy` nor `PreserveOriginal` (case-sensitive).
    #[error("valid ImportMode values are Legacy or PreserveOriginal")]
    InvalidImportMode {
        /// The value given.
        mode: String,
    },
}

impl OcTagError {
    /// The stable kind string (`imagestream.oc_tag`).
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        "imagestream.oc_tag"
    }
}

/// `oc tag`'s options, as its command line sets them.
///
/// String options keep the raw value (`""` = not given) because oc checks them in a fixed
/// order after reading the streams; [`oc_tag`] validates them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OcTagOptions {
    /// `-n` / `--namespace`: overrides the current namespace when non-empty.
    pub namespace: Option<String>,
    /// `--source`: the source kind hint, `""` when not given.
    pub source_kind: String,
    /// SOURCE (the first argument, without `-d`).
    pub source: Option<String>,
    /// The destinations `[ns/]stream:tag` (every argument with `-d`).
    pub destinations: Vec<String>,
    /// `-d` / `--delete`.
    pub delete: bool,
    /// `--alias`.
    pub alias: bool,
    /// `--reference`.
    pub reference: bool,
    /// `--scheduled`.
    pub scheduled: bool,
    /// `--insecure`.
    pub insecure: bool,
    /// `--reference-policy` (default `source`).
    pub reference_policy: String,
    /// `--import-mode` (`""` = `Legacy`).
    pub import_mode: String,
}

impl Default for OcTagOptions {
    fn default() -> Self {
        Self {
            namespace: None,
            source_kind: String::new(),
            source: None,
            destinations: Vec::new(),
            delete: false,
            alias: false,
            reference: false,
            scheduled: false,
            insecure: false,
            reference_policy: SOURCE_REFERENCE_POLICY.to_owned(),
            import_mode: String::new(),
        }
    }
}

/// One ImageStreamTag write of `oc tag`, in the order sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "verb", rename_all = "lowercase")]
pub enum OcTagRequest {
    /// `PUT imagestreamtags/<name>` in `namespace` (creates the tag and stream when missing).
    Update {
        /// The destination namespace.
        namespace: String,
        /// The ImageStreamTag name: the destination without its namespace, as typed.
        name: String,
        /// The spec tag sent (v1 form; boxed, it is most of the request).
        tag: Box<TagReference>,
    },
    /// `DELETE imagestreamtags/<name>` in `namespace`.
    Delete {
        /// The destination namespace.
        namespace: String,
        /// `<stream>:<tag>` (an empty tag written `latest`).
        name: String,
    },
}

/// What a run of `oc tag` did once it started sending requests.
#[derive(Debug, Clone, PartialEq)]
pub struct OcTagOutcome {
    /// Exactly what `oc tag` printed on stdout (one line per successful request).
    pub output: String,
    /// The requests sent, in order (a failed DELETE included).
    pub requests: Vec<OcTagRequest>,
    /// The failure that ended the run after at least one request, if any.
    pub error: Option<ImageStreamError>,
}

// --- flag parsing -----------------------------------------------------------------------

/// What a flag's value sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Namespace,
    Source,
    Delete,
    Alias,
    Reference,
    Scheduled,
    Insecure,
    ReferencePolicy,
    ImportMode,
    Help,
    /// A global flag of `oc` with no effect here.
    Ignored,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ValueType {
    Bool,
    String,
    /// klog's `-v` level (`strconv.ParseInt(value, 10, 32)`).
    Int32,
}

struct FlagSpec {
    name: &'static str,
    shorthand: Option<u8>,
    value: ValueType,
    target: Target,
}

const fn flag(
    name: &'static str,
    shorthand: Option<u8>,
    value: ValueType,
    target: Target,
) -> FlagSpec {
    FlagSpec {
        name,
        shorthand,
        value,
        target,
    }
}

/// `oc tag`'s own flags, cobra's `--help`, and the global flags `oc` accepts on every command.
#[rustfmt::skip]
const FLAGS: &[FlagSpec] = &[
    flag("source", None, ValueType::String, Target::Source),
    flag("delete", Some(b'd'), ValueType::Bool, Target::Delete),
    flag("alias", None, ValueType::Bool, Target::Alias),
    flag("reference", None, ValueType::Bool, Target::Reference),
    flag("scheduled", None, ValueType::Bool, Target::Scheduled),
    flag("insecure", None, ValueType::Bool, Target::Insecure),
    flag("reference-policy", None, ValueType::String, Target::ReferencePolicy),
    flag("import-mode", None, ValueType::String, Target::ImportMode),
    flag("help", Some(b'h'), ValueType::Bool, Target::Help),
    flag("namespace", Some(b'n'), ValueType::String, Target::Namespace),
    flag("kubeconfig", None, ValueType::String, Target::Ignored),
    flag("context", None, ValueType::String, Target::Ignored),
    flag("cluster", None, ValueType::String, Target::Ignored),
    flag("user", None, ValueType::String, Target::Ignored),
    flag("server", Some(b's'), ValueType::String, Target::Ignored),
    flag("token", None, ValueType::String, Target::Ignored),
    flag("as", None, ValueType::String, Target::Ignored),
    flag("as-group", None, ValueType::String, Target::Ignored),
    flag("as-uid", None, ValueType::String, Target::Ignored),
    flag("cache-dir", None, ValueType::String, Target::Ignored),
    flag("certificate-authority", None, ValueType::String, Target::Ignored),
    flag("client-certificate", None, ValueType::String, Target::Ignored),
    flag("client-key", None, ValueType::String, Target::Ignored),
    flag("tls-server-name", None, ValueType::String, Target::Ignored),
    flag("request-timeout", None, ValueType::String, Target::Ignored),
    flag("insecure-skip-tls-verify", None, ValueType::Bool, Target::Ignored),
    flag("disable-compression", None, ValueType::Bool, Target::Ignored),
    flag("match-server-version", None, ValueType::Bool, Target::Ignored),
    flag("warnings-as-errors", None, ValueType::Bool, Target::Ignored),
    flag("profile", None, ValueType::String, Target::Ignored),
    flag("profile-output", None, ValueType::String, Target::Ignored),
    flag("v", Some(b'v'), ValueType::Int32, Target::Ignored),
    flag("vmodule", None, ValueType::String, Target::Ignored),
];

fn flag_error(message: String) -> OcTagError {
    OcTagError::Flag { message }
}

/// Go's `%q` of a byte taken as a rune (pflag quotes the offending shorthand so).
fn go_quote_byte(b: u8) -> String {
    let c = char::from(b);
    match c {
        '\'' => "'\\''".to_owned(),
        '"' => "'\"'".to_owned(),
        _ => {
            let quoted = GoQuoted(c.encode_utf8(&mut [0; 4])).to_string();
            let inner = quoted
                .strip_prefix('"')
                .and_then(|q| q.strip_suffix('"'))
                .unwrap_or(&quoted);
            format!("'{inner}'")
        }
    }
}

/// `strconv.ParseBool`.
fn parse_go_bool(value: &str) -> Option<bool> {
    match value {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// `strconv.ParseInt(value, 10, 32)`'s error reason, if it fails.
fn go_int32_error(value: &str) -> Option<&'static str> {
    let digits = value
        .strip_prefix('+')
        .or_else(|| value.strip_prefix('-'))
        .unwrap_or(value);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Some("invalid syntax");
    }
    match value.parse::<i32>() {
        Ok(_) => None,
        Err(_) => Some("value out of range"),
    }
}

impl FlagSpec {
    /// The flag as pflag names it in an invalid-value error.
    fn display_name(&self) -> String {
        match self.shorthand {
            Some(c) => format!("-{}, --{}", char::from(c), self.name),
            None => format!("--{}", self.name),
        }
    }
}

impl OcTagOptions {
    /// Parses `oc tag`'s positional arguments and flags as cobra and pflag do: `--flag=value`,
    /// `--flag value`, `-d`, `-n value` / `-nvalue` / `-n=value`, grouped shorthands, bool
    /// flags with `=true` / `=false` (any `strconv.ParseBool` spelling), `_` accepted for `-`
    /// in long names, `--` ending the flags. Words of `flags` that are not flags (and all
    /// after `--`) are positional arguments after `args`. Without `-d` the first positional
    /// argument is SOURCE and the rest are destinations; with `-d` all are destinations.
    /// `oc`'s global flags are accepted (`-n` / `--namespace` sets the namespace, the others
    /// have no effect here).
    ///
    /// # Errors
    /// [`OcTagError::Flag`] with pflag's text (`unknown flag: --x`, `unknown shorthand flag:
    /// 'x' in -x`, `flag needs an argument: --source`, `bad flag syntax: ---x`, `invalid
    /// argument "x" for "--alias" flag: strconv.ParseBool: parsing "x": invalid syntax`);
    /// [`OcTagError::HelpRequested`] for `--help`.
    pub fn parse<A: AsRef<str>, F: AsRef<str>>(
        args: &[A],
        flags: &[F],
    ) -> Result<Self, OcTagError> {
        let mut options = Self::default();
        let mut help = false;
        let mut positional: Vec<String> = args.iter().map(|a| a.as_ref().to_owned()).collect();
        let mut rest = flags.iter().map(AsRef::as_ref);
        while let Some(word) = rest.next() {
            if word.len() < 2 || !word.starts_with('-') {
                positional.push(word.to_owned());
            } else if word == "--" {
                positional.extend(rest.by_ref().map(str::to_owned));
            } else if let Some(long) = word.strip_prefix("--") {
                options.parse_long(word, long, &mut rest, &mut help)?;
            } else {
                options.parse_shorthands(
                    word.get(1..).unwrap_or_default(),
                    &mut rest,
                    &mut help,
                )?;
            }
        }
        if help {
            return Err(OcTagError::HelpRequested);
        }
        let mut positional = positional.into_iter();
        if !options.delete {
            options.source = positional.next();
        }
        options.destinations = positional.collect();
        Ok(options)
    }

    fn parse_long<'w>(
        &mut self,
        word: &str,
        long: &str,
        rest: &mut impl Iterator<Item = &'w str>,
        help: &mut bool,
    ) -> Result<(), OcTagError> {
        if long.starts_with('-') || long.starts_with('=') {
            return Err(flag_error(format!("bad flag syntax: {word}")));
        }
        let (name, inline) = match long.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (long, None),
        };
        // oc normalises word separators (`--reference_policy` is `--reference-policy`).
        let normalized = name.replace('_', "-");
        let Some(spec) = FLAGS.iter().find(|f| f.name == normalized) else {
            return Err(flag_error(format!("unknown flag: --{name}")));
        };
        let value = match inline {
            Some(value) => value,
            None if spec.value == ValueType::Bool => "true",
            None => rest
                .next()
                .ok_or_else(|| flag_error(format!("flag needs an argument: {word}")))?,
        };
        self.set(spec, value, help)
    }

    fn parse_shorthands<'w>(
        &mut self,
        mut shorthands: &str,
        rest: &mut impl Iterator<Item = &'w str>,
        help: &mut bool,
    ) -> Result<(), OcTagError> {
        // pflag skips Go test flags (`-test.v`) entirely.
        if shorthands.starts_with("test.") {
            return Ok(());
        }
        while let Some(&c) = shorthands.as_bytes().first() {
            let Some(spec) = FLAGS.iter().find(|f| f.shorthand == Some(c)) else {
                return Err(flag_error(format!(
                    "unknown shorthand flag: {} in -{shorthands}",
                    go_quote_byte(c)
                )));
            };
            // Every shorthand is ASCII, so byte offsets 1 and 2 are character boundaries.
            let after = shorthands.get(1..).unwrap_or_default();
            let value;
            if let Some(inline) = after.strip_prefix('=').filter(|_| shorthands.len() > 2) {
                value = inline;
                shorthands = "";
            } else if spec.value == ValueType::Bool {
                value = "true";
                shorthands = after;
            } else if !after.is_empty() {
                value = after;
                shorthands = "";
            } else if let Some(next) = rest.next() {
                value = next;
                shorthands = "";
            } else {
                return Err(flag_error(format!(
                    "flag needs an argument: {} in -{shorthands}",
                    go_quote_byte(c)
                )));
            }
            self.set(spec, value, help)?;
        }
        Ok(())
    }

    fn set(&mut self, spec: &FlagSpec, value: &str, help: &mut bool) -> Result<(), OcTagError> {
        let invalid = |reason: String| {
            flag_error(format!(
                "invalid argument {} for {} flag: {reason}",
                GoQuoted(value),
                GoQuoted(&spec.display_name())
            ))
        };
        match spec.value {
            ValueType::Bool => {
                let on = parse_go_bool(value).ok_or_else(|| {
                    invalid(format!(
                        "strconv.ParseBool: parsing {}: invalid syntax",
                        GoQuoted(value)
                    ))
                })?;
                match spec.target {
                    Target::Delete => self.delete = on,
                    Target::Alias => self.alias = on,
                    Target::Reference => self.reference = on,
                    Target::Scheduled => self.scheduled = on,
                    Target::Insecure => self.insecure = on,
                    Target::Help => *help = on,
                    _ => {}
                }
            }
            ValueType::Int32 => {
                if let Some(reason) = go_int32_error(value) {
                    return Err(invalid(format!(
                        "strconv.ParseInt: parsing {}: {reason}",
                        GoQuoted(value)
                    )));
                }
            }
            ValueType::String => match spec.target {
                Target::Namespace => self.namespace = Some(value.to_owned()),
                Target::Source => value.clone_into(&mut self.source_kind),
                Target::ReferencePolicy => value.clone_into(&mut self.reference_policy),
                Target::ImportMode => value.clone_into(&mut self.import_mode),
                _ => {}
            },
        }
        Ok(())
    }
}

// --- the command ------------------------------------------------------------------------

/// A destination `[ns/]stream:tag`, split.
struct Destination<'a> {
    namespace: &'a str,
    /// The destination without its namespace, as typed.
    name_and_tag: &'a str,
    stream: String,
    /// The tag (`latest` when empty).
    tag: String,
}

/// `parseStreamName` and the `<stream>:<tag>` form check (spec §7 step 4).
fn parse_destination<'a>(current: &'a str, value: &'a str) -> Result<Destination<'a>, OcTagError> {
    let (namespace, name_and_tag) = match value.split_once('/') {
        None => (current, value),
        Some((_, rest)) if rest.contains('/') => {
            return Err(OcTagError::InvalidDestination {
                destination: value.to_owned(),
            });
        }
        Some(("", _)) => {
            return Err(OcTagError::EmptyDestinationNamespace {
                destination: value.to_owned(),
            });
        }
        Some((_, "")) => {
            return Err(OcTagError::EmptyDestinationName {
                destination: value.to_owned(),
            });
        }
        Some(parts) => parts,
    };
    let (split, ok) = split_image_stream_tag(name_and_tag);
    if !ok {
        return Err(OcTagError::DestinationWithoutTag {
            destination: name_and_tag.to_owned(),
        });
    }
    Ok(Destination {
        namespace,
        name_and_tag,
        stream: split.name,
        tag: split.tag,
    })
}

/// The streams by `(namespace, name)`, the first of duplicates winning; a stream without a
/// namespace counts as one of the current namespace.
fn index_streams<'s>(
    streams: &'s [ImageStream],
    current: &'s str,
) -> HashMap<(&'s str, &'s str), &'s ImageStream> {
    let mut index = HashMap::with_capacity(streams.len());
    for stream in streams {
        let namespace = match stream.namespace() {
            "" => current,
            namespace => namespace,
        };
        index.entry((namespace, stream.name())).or_insert(stream);
    }
    index
}

/// The qualified resource of image streams, as NotFound texts name it.
const IMAGE_STREAMS_RESOURCE: &str = "imagestreams.image.openshift.io";
/// The qualified resource of image stream tags, as NotFound texts name it.
const IMAGE_STREAM_TAGS_RESOURCE: &str = "imagestreamtags.image.openshift.io";

fn not_found(resource: &str, name: &str) -> ImageStreamError {
    ImageStreamError::NotFound {
        resource: resource.to_owned(),
        name: name.to_owned(),
    }
}

/// Steps 1–3: the source kind, the parsed SOURCE, and the dereferenced image stream tag.
fn resolve_source(
    options: &OcTagOptions,
    source: &str,
    current: &str,
    streams: &HashMap<(&str, &str), &ImageStream>,
) -> ImageStreamResult<(SourceKind, DockerImageReference)> {
    let explicit = match options.source_kind.as_str() {
        "" => None,
        hint => Some(
            SourceKind::from_hint(hint).ok_or_else(|| OcTagError::InvalidSourceKind {
                kind: hint.to_owned(),
            })?,
        ),
    };
    let mut reference =
        DockerImageReference::parse(source).map_err(|error| OcTagError::InvalidSource {
            argument: source.to_owned(),
            error,
        })?;
    let kind = match explicit {
        Some(kind @ (SourceKind::ImageStreamTag | SourceKind::ImageStreamImage)) => {
            if !reference.registry.is_empty() {
                return Err(OcTagError::ServerInSource {
                    argument: source.to_owned(),
                }
                .into());
            }
            if reference.namespace == DOCKER_DEFAULT_NAMESPACE {
                current.clone_into(&mut reference.namespace);
            }
            if kind == SourceKind::ImageStreamTag && reference.tag.is_empty() {
                return Err(OcTagError::SourceRequiresTag {
                    argument: source.to_owned(),
                }
                .into());
            }
            if kind == SourceKind::ImageStreamImage && reference.id.is_empty() {
                return Err(OcTagError::SourceRequiresId {
                    argument: source.to_owned(),
                }
                .into());
            }
            kind
        }
        Some(SourceKind::DockerImage) => SourceKind::DockerImage,
        None if !reference.registry.is_empty() => SourceKind::DockerImage,
        None if !reference.id.is_empty() => SourceKind::ImageStreamImage,
        None if !reference.tag.is_empty() => SourceKind::ImageStreamTag,
        None => SourceKind::DockerImage,
    };
    if kind != SourceKind::ImageStreamTag || options.alias {
        return Ok((kind, reference));
    }
    // Without --alias the tag is copied as it is now: its current image, pinned by ID.
    let namespace = if reference.namespace.is_empty() {
        current
    } else {
        reference.namespace.as_str()
    };
    let stream = streams
        .get(&(namespace, reference.name.as_str()))
        .ok_or_else(|| not_found(IMAGE_STREAMS_RESOURCE, &reference.name))?;
    let event = stream.latest_tagged_image(&reference.tag).ok_or_else(|| {
        OcTagError::SourceNotPointingToImage {
            argument: source.to_owned(),
        }
    })?;
    if event.image.is_empty() {
        let pulled =
            DockerImageReference::parse(&event.docker_image_reference).map_err(|error| {
                OcTagError::InvalidSourcePullSpec {
                    argument: source.to_owned(),
                    error,
                }
            })?;
        return Ok((SourceKind::DockerImage, pulled));
    }
    event.image.clone_into(&mut reference.id);
    reference.tag.clear();
    Ok((SourceKind::ImageStreamImage, reference))
}

/// Step 5: the checks of `Validate`, in upstream order; the import mode to send.
fn validate(
    options: &OcTagOptions,
    source: Option<&(SourceKind, DockerImageReference)>,
    destinations: &[Destination<'_>],
    current: &str,
) -> Result<&'static str, OcTagError> {
    if options.delete && options.alias {
        return Err(OcTagError::AliasWithDelete);
    }
    if options.reference_policy != SOURCE_REFERENCE_POLICY
        && options.reference_policy != LOCAL_REFERENCE_POLICY
    {
        return Err(OcTagError::InvalidReferencePolicy {
            policy: options.reference_policy.clone(),
        });
    }
    if options.delete {
        if !options.source_kind.is_empty() {
            return Err(OcTagError::SourceKindWhenDeleting);
        }
        if options.source.as_deref().is_some_and(|s| !s.is_empty()) {
            return Err(OcTagError::SourceWhenDeleting);
        }
        if options.scheduled || options.insecure {
            return Err(OcTagError::ImportFlagsWhenDeleting);
        }
        if !options.import_mode.is_empty() {
            return Err(OcTagError::ImportModeWhenDeleting);
        }
    }
    if destinations.is_empty() {
        return Err(OcTagError::NoDestination);
    }
    if let Some((kind, reference)) = source {
        if *kind != SourceKind::DockerImage && (options.scheduled || options.insecure) {
            return Err(OcTagError::ImportFlagsNeedContainerImage { kind: *kind });
        }
        if options.alias {
            if options.scheduled || options.insecure {
                return Err(OcTagError::AliasWithImportFlags);
            }
            // Upstream compares the current namespace, not the source's (spec §10).
            if let Some(dest) = destinations
                .iter()
                .find(|d| d.namespace != current || d.stream != reference.name)
            {
                return Err(OcTagError::AliasAcrossStreams {
                    destination: dest.name_and_tag.to_owned(),
                });
            }
        }
    }
    match options.import_mode.as_str() {
        "" | IMPORT_MODE_LEGACY => Ok(IMPORT_MODE_LEGACY),
        IMPORT_MODE_PRESERVE_ORIGINAL => Ok(IMPORT_MODE_PRESERVE_ORIGINAL),
        mode => Err(OcTagError::InvalidImportMode {
            mode: mode.to_owned(),
        }),
    }
}

/// Runs `oc tag` in `namespace` (the current project, unless [`OcTagOptions::namespace`]
/// overrides it) against `streams`, the ImageStreams of the cluster (spec §7).
///
/// Nothing is sent before every check passed: the source kind and SOURCE, the dereferenced
/// source tag (without `--alias` an ImageStreamTag source is pinned to its current image, or
/// to its pull spec for a reference-only event), the destinations, then the option checks.
/// Then each destination gets its request in order: an update (after the tag-name check) or
/// a delete, answered as the server would (an unknown stream or tag, a tag deleted earlier in
/// the run).
///
/// # Errors
/// A failure before any request: [`ImageStreamError::OcTag`] (usage, source, destination and
/// option errors, a missing source stream) or [`ImageStreamError::InvalidTag`] for the first
/// destination. A failure after a request is [`OcTagOutcome::error`] instead.
///
/// ```
/// use openshift_image::imagestream::oc_tag::{OcTagOptions, OcTagRequest, oc_tag};
///
/// let options = OcTagOptions::parse(&["quay.io/app/ruby:3.2", "ruby:tip"], &["--scheduled"])?;
/// let outcome = oc_tag("proj", &options, &[])?;
/// assert_eq!(outcome.output, "Tag ruby:tip set to import quay.io/app/ruby:3.2 periodically.\n");
/// let OcTagRequest::Update { namespace, name, tag } = &outcome.requests[0] else { panic!() };
/// assert_eq!((namespace.as_str(), name.as_str()), ("proj", "ruby:tip"));
/// assert_eq!(tag.from.as_ref().map(|f| f.kind.as_str()), Some("DockerImage"));
/// assert!(tag.import_policy.scheduled);
///
/// let err = oc_tag("proj", &OcTagOptions::parse(&["ruby:2.7", "python:3"], &["--alias"])?, &[]);
/// assert_eq!(err.unwrap_err().to_string(), "cannot set alias across different Image Streams");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn oc_tag(
    namespace: &str,
    options: &OcTagOptions,
    streams: &[ImageStream],
) -> ImageStreamResult<OcTagOutcome> {
    let current = options
        .namespace
        .as_deref()
        .filter(|n| !n.is_empty())
        .unwrap_or(namespace);
    if !options.delete && options.source.is_none() {
        return Err(OcTagError::MissingArguments.into());
    }
    let index = index_streams(streams, current);
    let source = match (options.delete, options.source.as_deref()) {
        (false, Some(source)) => Some(resolve_source(options, source, current, &index)?),
        _ => None,
    };
    let destinations = options
        .destinations
        .iter()
        .map(|d| parse_destination(current, d))
        .collect::<Result<Vec<_>, _>>()?;
    let import_mode = validate(options, source.as_ref(), &destinations, current)?;

    let mut outcome = OcTagOutcome {
        output: String::new(),
        requests: Vec::with_capacity(destinations.len()),
        error: None,
    };
    let mut deleted: HashSet<(&str, String)> = HashSet::new();
    for dest in &destinations {
        let result = match &source {
            None => delete_tag(dest, &index, &mut deleted, &mut outcome),
            Some((kind, reference)) => update_tag(
                options,
                *kind,
                reference,
                import_mode,
                dest,
                current,
                &mut outcome,
            ),
        };
        if let Err(error) = result {
            if outcome.requests.is_empty() {
                return Err(error);
            }
            outcome.error = Some(error);
            break;
        }
    }
    Ok(outcome)
}

/// One `DELETE imagestreamtags/<stream>:<tag>`, answered as the server would.
fn delete_tag<'a>(
    dest: &Destination<'a>,
    index: &HashMap<(&str, &str), &ImageStream>,
    deleted: &mut HashSet<(&'a str, String)>,
    outcome: &mut OcTagOutcome,
) -> ImageStreamResult<()> {
    let name = join_image_stream_tag(&dest.stream, &dest.tag);
    outcome.requests.push(OcTagRequest::Delete {
        namespace: dest.namespace.to_owned(),
        name: name.clone(),
    });
    // The server splits the name strictly (`a:b:c`, `:t` are rejected).
    let parsed = parse_image_stream_tag_name(&name).map_err(|_| ImageStreamError::BadRequest {
        message: "ImageStreamTags must be retrieved with <name>:<tag>".to_owned(),
    })?;
    let stream = index
        .get(&(dest.namespace, parsed.name.as_str()))
        .ok_or_else(|| not_found(IMAGE_STREAMS_RESOURCE, &parsed.name))?;
    let exists = stream.spec_tag(&parsed.tag).is_some() || stream.status_tag(&parsed.tag).is_some();
    if !exists || !deleted.insert((dest.namespace, name.clone())) {
        return Err(not_found(IMAGE_STREAM_TAGS_RESOURCE, &name));
    }
    outcome.output.push_str(&format!(
        "Deleted tag {}/{}.\n",
        dest.namespace, dest.name_and_tag
    ));
    Ok(())
}

/// One `PUT imagestreamtags/<dest>` setting the spec tag to the source.
fn update_tag(
    options: &OcTagOptions,
    kind: SourceKind,
    reference: &DockerImageReference,
    import_mode: &str,
    dest: &Destination<'_>,
    current: &str,
    outcome: &mut OcTagOutcome,
) -> ImageStreamResult<()> {
    validate_tag(&dest.tag)?;
    let exact = reference.exact();
    let (from, generation) = match kind {
        SourceKind::DockerImage => (
            ObjectReference {
                kind: kind.as_str().to_owned(),
                name: exact.clone(),
                ..ObjectReference::default()
            },
            Some(0),
        ),
        SourceKind::ImageStreamTag | SourceKind::ImageStreamImage => {
            let namespace = if reference.namespace.is_empty() && dest.namespace != current {
                current.to_owned()
            } else {
                reference.namespace.clone()
            };
            (
                ObjectReference {
                    kind: kind.as_str().to_owned(),
                    namespace,
                    name: reference.name_string(),
                    ..ObjectReference::default()
                },
                None,
            )
        }
    };
    let policy = if options.reference_policy == LOCAL_REFERENCE_POLICY {
        "Local"
    } else {
        "Source"
    };
    outcome.requests.push(OcTagRequest::Update {
        namespace: dest.namespace.to_owned(),
        name: dest.name_and_tag.to_owned(),
        tag: Box::new(TagReference {
            name: dest.tag.clone(),
            annotations: None,
            from: Some(from),
            reference: options.reference,
            generation,
            import_policy: TagImportPolicy {
                insecure: options.insecure,
                scheduled: options.scheduled,
                import_mode: import_mode.to_owned(),
                ..TagImportPolicy::default()
            },
            reference_policy: TagReferencePolicy {
                kind: policy.to_owned(),
                ..TagReferencePolicy::default()
            },
            ..TagReference::default()
        }),
    });
    let same_namespace = dest.namespace == current;
    let target = if same_namespace {
        dest.name_and_tag.to_owned()
    } else {
        format!("{}/{}", dest.namespace, dest.name_and_tag)
    };
    let line = if options.alias {
        format!("Tag {target} set up to track {exact}.\n")
    } else if options.scheduled && same_namespace {
        format!("Tag {target} set to import {exact} periodically.\n")
    } else if options.scheduled {
        format!("Tag {target} set to {exact} periodically.\n")
    } else {
        format!("Tag {target} set to {exact}.\n")
    };
    outcome.output.push_str(&line);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const DIGEST: &str = "sha256:bdda11db3e9d82886182cf7f649ee4c6ad78117540c3c74bc6dc5684f67fb340";

    fn streams() -> Vec<ImageStream> {
        let stream = json!({
            "metadata": {"name": "ruby", "namespace": "proj"},
            "spec": {"tags": [{"name": "3.0", "from": {"kind": "DockerImage", "name": "ruby:3.0"}}]},
            "status": {"dockerImageRepository": "", "tags": [
                {"tag": "2.7", "items": [{"created": null, "dockerImageReference": "r@x",
                    "image": DIGEST, "generation": 1}]},
                {"tag": "refonly", "items": [{"created": null,
                    "dockerImageReference": "docker.io/x/y:1", "image": "", "generation": 1}]},
                {"tag": "badref", "items": [{"created": null,
                    "dockerImageReference": "Not A Ref", "image": "", "generation": 1}]},
                {"tag": "empty", "items": []}
            ]}
        });
        vec![serde_json::from_value(stream).unwrap()]
    }

    fn run(args: &[&str], flags: &[&str]) -> Result<OcTagOutcome, String> {
        let options = OcTagOptions::parse(args, flags).map_err(|e| e.to_string())?;
        oc_tag("proj", &options, &streams()).map_err(|e| e.to_string())
    }

    #[test]
    fn outputs() {
        let digest_line = format!("Tag ruby:tip set to ruby@{DIGEST}.\n");
        let cases: &[(&[&str], &[&str], &str)] = &[
            (
                &["quay.io/a/b:1", "ruby:tip"],
                &[],
                "Tag ruby:tip set to quay.io/a/b:1.\n",
            ),
            (&["ruby:2.7", "ruby:tip"], &[], &digest_line),
            (
                &["ruby:refonly", "ruby:tip"],
                &[],
                "Tag ruby:tip set to docker.io/x/y:1.\n",
            ),
            (
                &["ruby:2.7", "ruby:tip"],
                &["--alias"],
                "Tag ruby:tip set up to track ruby:2.7.\n",
            ),
            (
                &["mysql", "ruby:a", "other/ruby:b"],
                &["--scheduled"],
                "Tag ruby:a set to import mysql periodically.\nTag other/ruby:b set to mysql periodically.\n",
            ),
            (
                &["mysql", "ruby:tip"],
                &["--source", "docker"],
                "Tag ruby:tip set to mysql.\n",
            ),
            (
                &["ruby:2.7", "ruby:3.0"],
                &["-d"],
                "Deleted tag proj/ruby:2.7.\nDeleted tag proj/ruby:3.0.\n",
            ),
            (
                &["ruby:2.7"],
                &["-d=true", "--reference_policy=local"],
                "Deleted tag proj/ruby:2.7.\n",
            ),
            (
                &["ruby:2.7", "ruby:tip"],
                &["-n", "proj", "--alias=false"],
                &digest_line,
            ),
        ];
        for (args, flags, want) in cases {
            let outcome = run(args, flags).unwrap_or_else(|e| panic!("{args:?} {flags:?}: {e}"));
            assert_eq!(&outcome.output, want, "{args:?} {flags:?}");
            assert_eq!(outcome.error, None);
        }
    }

    #[test]
    fn errors_before_any_request() {
        let cases: &[(&[&str], &[&str], &str)] = &[
            (
                &[],
                &[],
                "you must specify a source and at least one destination or one or more tags to delete\nSee 'oc tag -h' for help and examples",
            ),
            (
                &["a:1", "b:1"],
                &["--source=is"],
                "invalid source \"is\"; valid values are docker, dockerimage, imagestreamimage, imagestreamtag, isimage, istag\nSee 'oc tag -h' for help and examples",
            ),
            (
                &["Bad!", "b:1"],
                &[],
                "invalid SOURCE: invalid reference format",
            ),
            (
                &["q.io/r:1", "b:1"],
                &["--source=istag"],
                "server in SOURCE is only allowed when providing a container image",
            ),
            (
                &["ruby", "b:1"],
                &["--source=ISTAG"],
                "--source=ImageStreamTag requires a valid <name>:<tag> in SOURCE",
            ),
            (
                &["ruby:1", "b:1"],
                &["--source=isimage"],
                "--source=ImageStreamImage requires a valid <name>@<id> in SOURCE",
            ),
            (
                &["ghost:1", "b:1"],
                &[],
                "imagestreams.image.openshift.io \"ghost\" not found",
            ),
            (
                &["ruby:empty", "b:1"],
                &[],
                "\"ruby:empty\" is not currently pointing to an image, cannot use it as the source of a tag",
            ),
            (
                &["ruby:nope", "b:1"],
                &[],
                "\"ruby:nope\" is not currently pointing to an image, cannot use it as the source of a tag",
            ),
            (
                &["ruby:badref", "b:1"],
                &[],
                "the image stream tag \"ruby:badref\" has an invalid pull spec and cannot be used to tag: invalid reference format",
            ),
            (
                &["mysql", "a/b/c:1"],
                &[],
                "invalid image stream \"a/b/c:1\"",
            ),
            (
                &["mysql", "/c:1"],
                &[],
                "invalid namespace \"\" for image stream \"/c:1\"",
            ),
            (
                &["mysql", "ns/"],
                &[],
                "invalid name \"\" for image stream \"ns/\"",
            ),
            (
                &["mysql", "ns/c"],
                &[],
                "\"c\" must be of the form <stream_name>:<tag>",
            ),
            (
                &["a:1"],
                &["-d", "--alias"],
                "--alias and --delete may not be both specified",
            ),
            (
                &["mysql", "a:1"],
                &["--reference-policy=Local"],
                "reference policy must be set to 'source' or 'local'",
            ),
            (
                &["a:1"],
                &["-d", "--source=docker"],
                "cannot specify a source kind when deleting",
            ),
            (
                &["a:1"],
                &["-d", "--insecure"],
                "cannot set flags for importing images when deleting a tag",
            ),
            (
                &["a:1"],
                &["-d", "--import-mode=Legacy"],
                "cannot specify an import mode when deleting",
            ),
            (&[], &["-d"], "at least a destination is required"),
            (
                &["ruby:2.7", "a:1"],
                &["--scheduled"],
                "only container images can have importing flags set",
            ),
            (
                &["mysql", "mysql:1"],
                &["--alias", "--insecure"],
                "cannot set a container image tag as an alias and also set import flags",
            ),
            (
                &["ruby:2.7", "other/ruby:1"],
                &["--alias"],
                "cannot set alias across different Image Streams",
            ),
            (
                &["mysql", "a:1"],
                &["--import-mode=legacy"],
                "valid ImportMode values are Legacy or PreserveOriginal",
            ),
            (
                &["mysql", "a:.x"],
                &[],
                "invalid tag \".x\" format, tags must start with an alphanumeric character followed by alphanumeric, '.' or '-' characters, and have a maximum of 128 characters",
            ),
        ];
        for (args, flags, want) in cases {
            assert_eq!(
                run(args, flags).err().as_deref(),
                Some(*want),
                "{args:?} {flags:?}"
            );
        }
    }

    #[test]
    fn flag_errors() {
        let hint = "\nSee 'oc tag --help' for usage.";
        let cases: &[(&[&str], String)] = &[
            (&["--bogus"], format!("unknown flag: --bogus{hint}")),
            (&["--bogus=1"], format!("unknown flag: --bogus{hint}")),
            (&["-x"], format!("unknown shorthand flag: 'x' in -x{hint}")),
            (&["-dx"], format!("unknown shorthand flag: 'x' in -x{hint}")),
            (
                &["-\u{fc}"],
                format!("unknown shorthand flag: '\u{c3}' in -\u{fc}{hint}"),
            ),
            (
                &["--source"],
                format!("flag needs an argument: --source{hint}"),
            ),
            (&["-n"], format!("flag needs an argument: 'n' in -n{hint}")),
            (&["---x"], format!("bad flag syntax: ---x{hint}")),
            (&["--=x"], format!("bad flag syntax: --=x{hint}")),
            (
                &["--alias=maybe"],
                format!(
                    "invalid argument \"maybe\" for \"--alias\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax{hint}"
                ),
            ),
            (&["-d="], format!("unknown shorthand flag: '=' in -={hint}")),
            (
                &["-d=no"],
                format!(
                    "invalid argument \"no\" for \"-d, --delete\" flag: strconv.ParseBool: parsing \"no\": invalid syntax{hint}"
                ),
            ),
            (
                &["-v=x"],
                format!(
                    "invalid argument \"x\" for \"-v, --v\" flag: strconv.ParseInt: parsing \"x\": invalid syntax{hint}"
                ),
            ),
            (
                &["--v", "9999999999"],
                format!(
                    "invalid argument \"9999999999\" for \"-v, --v\" flag: strconv.ParseInt: parsing \"9999999999\": value out of range{hint}"
                ),
            ),
            (&["--help"], "pflag: help requested".to_owned()),
        ];
        for (flags, want) in cases {
            let err = OcTagOptions::parse(&["a", "b:1"], flags).unwrap_err();
            assert_eq!(&err.to_string(), want, "{flags:?}");
        }
    }

    #[test]
    fn parses_like_pflag() {
        let o = OcTagOptions::parse(
            &["src"],
            &[
                "-n=other",
                "dst:1",
                "--source",
                "istag",
                "--alias=T",
                "--",
                "--x",
            ],
        )
        .unwrap();
        assert_eq!(o.namespace.as_deref(), Some("other"));
        assert_eq!(o.source_kind, "istag");
        assert!(o.alias);
        assert_eq!(o.source.as_deref(), Some("src"));
        assert_eq!(o.destinations, ["dst:1", "--x"]);
        let o = OcTagOptions::parse(
            &["a:1", "b:2"],
            &["-dnns", "-test.v", "--reference-policy="],
        )
        .unwrap();
        assert!(o.delete);
        assert_eq!(o.namespace.as_deref(), Some("ns"));
        assert_eq!(o.reference_policy, "");
        assert_eq!((o.source, o.destinations.len()), (None, 2));
    }

    #[test]
    fn requests_and_late_errors() {
        let outcome = run(
            &[
                "ruby:2.7",
                "ruby:a",
                "other/ruby:b",
                "ruby:bad tag",
                "ruby:c",
            ],
            &[],
        )
        .unwrap();
        assert_eq!(outcome.requests.len(), 2);
        assert_eq!(
            outcome.error.map(|e| e.kind()),
            Some("imagestream.invalid_tag")
        );
        let OcTagRequest::Update { namespace, tag, .. } = &outcome.requests[1] else {
            panic!("not an update");
        };
        assert_eq!(namespace, "other");
        let from = tag.from.as_ref().unwrap();
        assert_eq!(
            (from.kind.as_str(), from.namespace.as_str()),
            ("ImageStreamImage", "proj")
        );
        assert_eq!(tag.generation, None);
        assert_eq!(tag.import_policy.import_mode, "Legacy");
        assert_eq!(
            serde_json::to_value(&outcome.requests[0]).unwrap()["verb"],
            json!("update")
        );

        // The same tag deleted twice: the server no longer has it the second time.
        let outcome = run(&["ruby:2.7", "ruby:2.7", "ruby:3.0"], &["-d"]).unwrap();
        assert_eq!(outcome.output, "Deleted tag proj/ruby:2.7.\n");
        assert_eq!(outcome.requests.len(), 2);
        assert_eq!(
            outcome.error.map(|e| e.to_string()).as_deref(),
            Some("imagestreamtags.image.openshift.io \"ruby:2.7\" not found")
        );
        let outcome = run(&["ruby:a:b"], &["-d"]).unwrap();
        assert_eq!(
            outcome.error.map(|e| e.to_string()).as_deref(),
            Some("ImageStreamTags must be retrieved with <name>:<tag>")
        );
    }

    #[test]
    fn direct_options() {
        let options = OcTagOptions {
            delete: true,
            source: Some("mysql".to_owned()),
            destinations: vec!["a:1".to_owned()],
            ..OcTagOptions::default()
        };
        let err = oc_tag("proj", &options, &[]).unwrap_err();
        assert_eq!(err.to_string(), "cannot specify a source when deleting");
        assert_eq!(err.kind(), "imagestream.oc_tag");
        assert_eq!(
            SourceKind::from_hint("ImageStreamImages"),
            Some(SourceKind::ImageStreamImage)
        );
        assert_eq!(SourceKind::from_hint("images"), None);
    }
}
