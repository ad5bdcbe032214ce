//! The instants the app records — a plan made, a card submitted, a kit sent, a backup taken —
//! as one type instead of strings that each reader parses again.
//!
//! A [`Timestamp`] is UTC to the whole second. It is stored in the database and sent over the
//! IPC as RFC 3339 text (`2026-12-03T09:30:00Z`, what `db::now` has always written), so the
//! columns, the JSON of `panelctl` and the TypeScript types are unchanged. Reading accepts any
//! RFC 3339 offset and converts it to UTC.
//!
//! Not everything with a date is an instant: a plan's start (`starts_at`) is a wall-clock time
//! in the lead's zone and keeps its offset, and the exchange files keep their timestamps as the
//! text that was signed.

use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An instant the app recorded, in UTC to the whole second. See the module docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, specta::Type)]
#[specta(transparent)]
pub struct Timestamp(#[specta(type = String)] DateTime<Utc>);

impl Timestamp {
    /// Now, to the whole second.
    pub fn now() -> Self {
        Timestamp::from_utc(Utc::now())
    }

    /// The instant `at`, to the whole second.
    pub fn from_utc(at: DateTime<Utc>) -> Self {
        Timestamp(at.trunc_subsecs(0))
    }

    /// Reads RFC 3339 text with any offset.
    pub fn parse(text: &str) -> Option<Self> {
        DateTime::parse_from_rfc3339(text.trim())
            .ok()
            .map(|at| Timestamp::from_utc(at.with_timezone(&Utc)))
    }

    /// The instant, for arithmetic and formatting.
    pub fn utc(self) -> DateTime<Utc> {
        self.0
    }
}

/// The offset of this computer's time zone now: what printed documents show their times in.
pub fn local_zone() -> chrono::FixedOffset {
    *chrono::Local::now().offset()
}

/// RFC 3339, UTC, whole seconds: `2026-12-03T09:30:00Z`.
impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.to_rfc3339_opts(SecondsFormat::Secs, true))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Timestamp::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("{text:?} is not an RFC 3339 date and time"))
        })
    }
}

impl ToSql for Timestamp {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.to_string()))
    }
}

impl FromSql for Timestamp {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        Timestamp::parse(text).ok_or_else(|| {
            FromSqlError::Other(format!("{text:?} is not an RFC 3339 date and time").into())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instant_reads_any_offset_and_is_written_as_utc_seconds() {
        let at = Timestamp::parse("2026-12-03T10:30:00.750+01:00").unwrap();
        assert_eq!(at.to_string(), "2026-12-03T09:30:00Z");
        assert_eq!(Timestamp::parse(&at.to_string()), Some(at));
        assert_eq!(Timestamp::parse("yesterday"), None);
        assert_eq!(
            serde_json::to_string(&at).unwrap(),
            "\"2026-12-03T09:30:00Z\""
        );
        assert!(serde_json::from_str::<Timestamp>("\"3 Dec\"")
            .unwrap_err()
            .to_string()
            .contains("not an RFC 3339"));
    }

    #[test]
    fn an_instant_is_stored_as_the_text_the_database_always_held() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let at = Timestamp::parse("2026-12-03T09:30:00Z").unwrap();
        let text: String = conn.query_row("SELECT ?1", [at], |r| r.get(0)).unwrap();
        assert_eq!(text, "2026-12-03T09:30:00Z");
        let back: Timestamp = conn
            .query_row("SELECT '2026-12-03T09:30:00Z'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(back, at);
        let bad: rusqlite::Result<Timestamp> = conn.query_row("SELECT 'soon'", [], |r| r.get(0));
        assert!(bad.is_err());
    }
}
