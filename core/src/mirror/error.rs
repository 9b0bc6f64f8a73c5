//! The `mirror` area's error: one variant per kind of `mirrors.md` §2.5, each carrying
//! upstream's message (its `Display`) and what it is about.

/// Errors of the `mirror` area. `Display` is upstream's exact text; [`MirrorError::kind`] the
/// stable kind (`mirror.<snake>`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MirrorError {
    /// An object reader met an object of another kind (`mirror.unexpected_kind`).
    #[error("{message}")]
    UnexpectedKind {
        /// The kind found.
        kind: String,
        /// The message.
        message: String,
    },
    /// An object could not be decoded (`mirror.decode`).
    #[error("{message}")]
    Decode {
        /// The message.
        message: String,
    },
    /// registries.conf is not valid TOML or has a wrongly typed key (`mirror.conf_decode`).
    #[error("{message}")]
    ConfDecode {
        /// The message.
        message: String,
    },
    /// registries.conf mixes v1 and v2, or a drop-in is v1 (`mirror.conf_format`).
    #[error("{message}")]
    ConfFormat {
        /// The message.
        message: String,
    },
    /// registries.conf fails validation (`mirror.conf_invalid`).
    #[error("{message}")]
    ConfInvalid {
        /// The message.
        message: String,
    },
    /// Short-name aliases fail validation (`mirror.conf_aliases`).
    #[error("{message}")]
    ConfAliases {
        /// The message.
        message: String,
    },
    /// A reference does not parse, or has both a tag and a digest (`mirror.reference`).
    #[error("{message}")]
    Reference {
        /// The reference as given.
        reference: String,
        /// The message.
        message: String,
    },
    /// A reference cannot be rewritten onto a mirror (`mirror.rewrite`).
    #[error("{message}")]
    Rewrite {
        /// The message.
        message: String,
    },
    /// The MCO refuses the mirror sets or registry sources (`mirror.invalid_mirror_set`).
    #[error("{message}")]
    InvalidMirrorSet {
        /// The message.
        message: String,
    },
    /// registries.conf cannot be rendered (`mirror.render`).
    #[error("{message}")]
    Render {
        /// The message.
        message: String,
    },
    /// The release image is not a canonical reference (`mirror.release_image`).
    #[error("{message}")]
    ReleaseImage {
        /// The message.
        message: String,
    },
    /// policy.json cannot be generated (`mirror.policy`).
    #[error("{message}")]
    Policy {
        /// The message.
        message: String,
    },
    /// `oc adm migrate icsp` fails (`mirror.migrate`).
    #[error("{message}")]
    Migrate {
        /// The message.
        message: String,
    },
    /// `oc adm release mirror`'s instructions cannot be printed (`mirror.release_instructions`).
    #[error("{message}")]
    ReleaseInstructions {
        /// The message.
        message: String,
    },
    /// `oc`'s alternate sources fail (`mirror.oc_alternates`).
    #[error("{message}")]
    OcAlternates {
        /// The message.
        message: String,
    },
}

impl MirrorError {
    /// The stable kind string, `mirror.<snake>` (`mirrors.md` §2.5).
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::UnexpectedKind { .. } => "mirror.unexpected_kind",
            Self::Decode { .. } => "mirror.decode",
            Self::ConfDecode { .. } => "mirror.conf_decode",
            Self::ConfFormat { .. } => "mirror.conf_format",
            Self::ConfInvalid { .. } => "mirror.conf_invalid",
            Self::ConfAliases { .. } => "mirror.conf_aliases",
            Self::Reference { .. } => "mirror.reference",
            Self::Rewrite { .. } => "mirror.rewrite",
            Self::InvalidMirrorSet { .. } => "mirror.invalid_mirror_set",
            Self::Render { .. } => "mirror.render",
            Self::ReleaseImage { .. } => "mirror.release_image",
            Self::Policy { .. } => "mirror.policy",
            Self::Migrate { .. } => "mirror.migrate",
            Self::ReleaseInstructions { .. } => "mirror.release_instructions",
            Self::OcAlternates { .. } => "mirror.oc_alternates",
        }
    }
}
