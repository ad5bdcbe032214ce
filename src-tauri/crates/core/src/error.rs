//! Coded errors shared by every face of the product.
//!
//! Consumers branch on [`ErrorCode`], never on message text: the desktop UI receives
//! `{ code, message }` and shows the message, `panelctl` prints the message as one line on stderr.

use std::path::PathBuf;

use serde::Serialize;

/// Result type used throughout the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the core, each with a stable [`ErrorCode`].
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The caller supplied a value the domain rejects; nothing was changed.
    #[error("{0}")]
    InvalidInput(String),
    /// A referenced record does not exist.
    #[error("{what} {id} does not exist")]
    NotFound {
        /// The kind of record, as a user would name it ("plan", "question").
        what: &'static str,
        /// The id that was asked for.
        id: i64,
    },
    /// Scores that stay hidden until the whole panel has submitted (or the lead unseals).
    #[error("{0}")]
    Sealed(String),
    /// A scorecard guarded by its panelist's PIN, not unlocked in this session, or a wrong PIN.
    #[error("{0}")]
    Locked(String),
    /// An imported file was refused: damaged, foreign, stale, tampered or not ours. Nothing
    /// was changed.
    #[error("{0}")]
    Rejected(String),
    /// The change would replace something the user made here; it needs their explicit choice.
    #[error("{0}")]
    Conflict(String),
    /// A kit signed by another key than the one this computer knows for its lead: imported only
    /// once the panelist accepts the new key by its fingerprint.
    #[error("{}", .0.message())]
    LeadKeyChanged(Box<crate::exchange::LeadKeyChange>),
    /// A returned scorecard would replace one with work recorded on this computer: imported only
    /// if the lead chooses so. Carries what differs between the two, never what either says
    /// (code [`ErrorCode::Conflict`]).
    #[error("{}", .0.message())]
    ScorecardConflict(Box<crate::exchange::ScorecardConflict>),
    /// The database file exists but SQLite cannot read it as a healthy database.
    #[error("the database {} is damaged: {detail}", path.display())]
    DatabaseCorrupt {
        /// The damaged file, which is never overwritten or deleted.
        path: PathBuf,
        /// What SQLite reported.
        detail: String,
    },
    /// The database was written by a newer build whose schema this build does not know.
    #[error(
        "the database was created by a newer version of Hiring Panel (schema {found}; \
         this version understands up to {supported}); update the app to open it"
    )]
    SchemaTooNew {
        /// Schema version found in the file.
        found: i64,
        /// Newest schema version this build can migrate to.
        supported: i64,
    },
    /// The data directory cannot be determined or created.
    #[error("cannot use the data directory {}: {detail}", path.display())]
    DataDir {
        /// The directory that was tried.
        path: PathBuf,
        /// Why it failed.
        detail: String,
    },
    /// Any other storage failure (disk full, locked database, I/O error).
    #[error("storage error: {0}")]
    Storage(#[from] rusqlite::Error),
}

/// Stable, machine-readable error codes: the UI and scripts branch on these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// See [`Error::InvalidInput`].
    InvalidInput,
    /// See [`Error::NotFound`].
    NotFound,
    /// See [`Error::Sealed`].
    Sealed,
    /// See [`Error::Locked`].
    Locked,
    /// See [`Error::Rejected`].
    Rejected,
    /// See [`Error::Conflict`] and [`Error::ScorecardConflict`].
    Conflict,
    /// See [`Error::LeadKeyChanged`].
    LeadKeyChanged,
    /// See [`Error::DatabaseCorrupt`].
    DatabaseCorrupt,
    /// See [`Error::SchemaTooNew`].
    SchemaTooNew,
    /// See [`Error::DataDir`].
    DataDir,
    /// See [`Error::Storage`].
    Storage,
}

impl Error {
    /// The stable code for this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::InvalidInput(_) => ErrorCode::InvalidInput,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Sealed(_) => ErrorCode::Sealed,
            Error::Locked(_) => ErrorCode::Locked,
            Error::Rejected(_) => ErrorCode::Rejected,
            Error::Conflict(_) | Error::ScorecardConflict(_) => ErrorCode::Conflict,
            Error::LeadKeyChanged(_) => ErrorCode::LeadKeyChanged,
            Error::DatabaseCorrupt { .. } => ErrorCode::DatabaseCorrupt,
            Error::SchemaTooNew { .. } => ErrorCode::SchemaTooNew,
            Error::DataDir { .. } => ErrorCode::DataDir,
            Error::Storage(_) => ErrorCode::Storage,
        }
    }

    /// Turns SQLite's "not a database" and "malformed" failures into [`Error::DatabaseCorrupt`]
    /// for the given file, so callers can offer recovery instead of a raw storage error.
    pub(crate) fn from_sqlite_at(err: rusqlite::Error, path: &std::path::Path) -> Error {
        use rusqlite::ErrorCode as Sq;
        match err.sqlite_error_code() {
            Some(Sq::NotADatabase | Sq::DatabaseCorrupt) => Error::DatabaseCorrupt {
                path: path.to_path_buf(),
                detail: err.to_string(),
            },
            _ => Error::Storage(err),
        }
    }
}

/// The shape an error takes when it crosses to the UI: a code to branch on and a message to show.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ErrorPayload {
    /// Stable code.
    pub code: ErrorCode,
    /// Human-readable, specific message.
    pub message: String,
    /// With `lead_key_changed`: both fingerprints, for the panelist to compare and accept.
    #[serde(rename = "leadKey", skip_serializing_if = "Option::is_none")]
    pub lead_key: Option<crate::exchange::LeadKeyChange>,
    /// With `conflict` from a scorecard import: how the card recorded on this computer and the
    /// one in the file compare (facts only: no score, note or recommendation of either).
    #[serde(rename = "scorecardConflict", skip_serializing_if = "Option::is_none")]
    pub scorecard_conflict: Option<Box<crate::exchange::ScorecardConflict>>,
}

impl From<Error> for ErrorPayload {
    fn from(err: Error) -> Self {
        let lead_key = match &err {
            Error::LeadKeyChanged(change) => Some((**change).clone()),
            _ => None,
        };
        let scorecard_conflict = match &err {
            Error::ScorecardConflict(conflict) => Some(conflict.clone()),
            _ => None,
        };
        ErrorPayload {
            code: err.code(),
            message: err.to_string(),
            lead_key,
            scorecard_conflict,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_carries_code_and_specific_message() {
        let payload = ErrorPayload::from(Error::NotFound {
            what: "plan",
            id: 7,
        });
        assert_eq!(payload.code, ErrorCode::NotFound);
        assert_eq!(payload.message, "plan 7 does not exist");
        let json = serde_json::to_value(&payload).unwrap();
        assert_eq!(
            json["code"], "not_found",
            "the UI branches on snake_case codes"
        );
        assert!(json.get("leadKey").is_none() && json.get("scorecardConflict").is_none());
    }
}
