//! The `pull` area's error: one variant per kind of `pull.md` §2.7, each carrying upstream's
//! message (its `Display`) and the value it is about.

use crate::mirror::MirrorError;

/// Errors of the `pull` area. `Display` is upstream's exact text; [`PullError::kind`] the
/// stable kind (`pull.<snake>`, or the wrapped `mirror.*` kind).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PullError {
    /// An image reference does not parse (`pull.reference`).
    #[error("{message}")]
    Reference {
        /// The reference as given.
        reference: String,
        /// The message.
        message: String,
    },
    /// A pull secret's JSON or an entry's `auth` does not decode (`pull.secret_format`).
    #[error("{message}")]
    SecretFormat {
        /// The message.
        message: String,
    },
    /// `keyring_url_match`: a URL or pattern does not parse (`pull.keyring_match`).
    #[error("{message}")]
    KeyringMatch {
        /// The glob or target that failed.
        value: String,
        /// The message.
        message: String,
    },
    /// An auth-file key is not valid (`pull.invalid_key`).
    #[error("{message}")]
    InvalidKey {
        /// The key as given.
        key: String,
        /// The message.
        message: String,
    },
    /// An auth file does not decode, or a matched entry's `auth` is not base64; `oc`'s missing
    /// file and wrapped errors (`pull.auth_file_format`).
    #[error("{message}")]
    AuthFileFormat {
        /// The message.
        message: String,
    },
    /// An external credential program failed (`pull.credential_program`); the library never
    /// runs one, so this reports the program that would have been asked.
    #[error("{message}")]
    CredentialProgram {
        /// The program (`docker-credential-<helper>`).
        program: String,
        /// The message.
        message: String,
    },
    /// policy.json does not parse (`pull.policy_format`).
    #[error("{message}")]
    PolicyFormat {
        /// The message.
        message: String,
    },
    /// A transport-prefixed name has no colon or an unknown transport (`pull.image_name`).
    #[error("{message}")]
    ImageName {
        /// The name as given.
        name: String,
        /// The message.
        message: String,
    },
    /// A transport rejects its reference part (`pull.transport_reference`).
    #[error("{message}")]
    TransportReference {
        /// The transport's name.
        transport: String,
        /// The message.
        message: String,
    },
    /// Path resolution or `open` failed in the file-system view (`pull.filesystem`).
    #[error("{message}")]
    Filesystem {
        /// The path.
        path: String,
        /// The message.
        message: String,
    },
    /// A policy.json scope is not valid for its transport (`pull.policy_scope`).
    #[error("{message}")]
    PolicyScope {
        /// The transport's name.
        transport: String,
        /// The scope as given.
        scope: String,
        /// The message.
        message: String,
    },
    /// A registered transport whose references the library does not parse
    /// (`pull.unsupported_transport`).
    #[error("{message}")]
    UnsupportedTransport {
        /// The transport's name.
        transport: String,
        /// The message.
        message: String,
    },
    /// Short-name resolution failed (`pull.short_name`).
    #[error("{message}")]
    ShortName {
        /// The name as given.
        name: String,
        /// The message.
        message: String,
    },
    /// registries.conf could not be loaded (the `mirror.conf_*` kinds).
    #[error(transparent)]
    Mirror(#[from] MirrorError),
}

impl PullError {
    /// The stable kind string, `pull.<snake>` (`pull.md` §2.7), or the wrapped
    /// [`MirrorError::kind`].
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::Reference { .. } => "pull.reference",
            Self::SecretFormat { .. } => "pull.secret_format",
            Self::KeyringMatch { .. } => "pull.keyring_match",
            Self::InvalidKey { .. } => "pull.invalid_key",
            Self::AuthFileFormat { .. } => "pull.auth_file_format",
            Self::CredentialProgram { .. } => "pull.credential_program",
            Self::PolicyFormat { .. } => "pull.policy_format",
            Self::ImageName { .. } => "pull.image_name",
            Self::TransportReference { .. } => "pull.transport_reference",
            Self::Filesystem { .. } => "pull.filesystem",
            Self::PolicyScope { .. } => "pull.policy_scope",
            Self::UnsupportedTransport { .. } => "pull.unsupported_transport",
            Self::ShortName { .. } => "pull.short_name",
            Self::Mirror(e) => e.kind(),
        }
    }
}
