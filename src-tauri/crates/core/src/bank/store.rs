//! Packs and questions in the database: loading the built-in pack and reading questions back.
//!
//! Lists (points, signals, capabilities) are stored as JSON arrays in one column each: they are
//! always read and written whole with their question, and answers refer to points by index.

use crate::db::CachedStatements;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{builtin, Pack, Question};
use crate::Result;

/// A pack as stored: what the Question bank screen and `panelctl bank list` show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BankPack {
    /// Stable id shared by every version of the pack.
    pub id: String,
    /// Version.
    pub version: u32,
    /// Human title.
    pub title: String,
    /// Questions in pack order.
    pub questions: Vec<BankQuestion>,
}

/// A question as stored: the question itself (numbered as shown: within the pack in the bank,
/// within the plan in a plan's questions) with the database id plans and answers refer to and
/// the pack version it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BankQuestion {
    /// Database id.
    pub id: i64,
    /// Stable id of the pack the question belongs to.
    pub pack_id: String,
    /// Version of that pack.
    pub pack_version: u32,
    /// Number within its own pack (equals `question.number` in the bank).
    pub pack_number: u32,
    /// The question, its rubric and time budget.
    #[serde(flatten)]
    pub question: Question,
}

/// Loads the built-in pack into the database unless this version is already there.
///
/// Idempotent: opening the database any number of times leaves exactly one copy.
pub fn install_builtin(conn: &Connection) -> Result<()> {
    install(conn, builtin(), true)
}

fn install(conn: &Connection, pack: &Pack, is_builtin: bool) -> Result<()> {
    let existing: Option<(i64, bool)> = conn
        .query_row_cached(
            "SELECT id, builtin FROM question_packs WHERE pack_key = ?1 AND version = ?2",
            params![pack.id, pack.version],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let pack_row = match existing {
        Some((_, true)) => return Ok(()),
        Some((_, false)) if !is_builtin => return Ok(()),
        // A version first seen in a kit holds only that kit's questions: complete it.
        Some((row, false)) => {
            conn.execute_cached(
                "UPDATE question_packs SET builtin = 1, origin = 'builtin', title = ?1 WHERE id = ?2",
                params![pack.title, row],
            )?;
            row
        }
        None => {
            conn.execute_cached(
                "INSERT INTO question_packs (pack_key, version, title, builtin, created_at, origin)
                 VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?4 THEN 'builtin' ELSE 'file' END)",
                params![
                    pack.id,
                    pack.version,
                    pack.title,
                    is_builtin,
                    crate::db::now()
                ],
            )?;
            conn.last_insert_rowid()
        }
    };
    for q in &pack.questions {
        insert_question(conn, pack_row, q)?;
    }
    tracing::info!(pack = %pack.id, version = pack.version, "installed question pack");
    Ok(())
}

crate::slug_enum! {
    /// Where a stored pack version came from (`question_packs.origin`); only `Local` packs are
    /// edited here, only `Kit` packs grow from later kits.
    pub enum PackOrigin {
        /// Shipped with the app.
        Builtin = "builtin",
        /// Created or duplicated in the editor on this machine.
        Local = "local",
        /// Imported from a `.hppack` file.
        File = "file",
        /// Learnt from kits, question by question (may be incomplete).
        Kit = "kit",
    }
}

/// Stores a new pack version with its questions and guidance; returns its row.
pub(crate) fn insert_pack(
    conn: &Connection,
    pack: &super::packfile::PackData,
    origin: PackOrigin,
) -> Result<i64> {
    conn.execute_cached(
        "INSERT INTO question_packs (pack_key, version, title, builtin, created_at,
                                     level_guidance, origin)
         VALUES (?1, ?2, ?3, 0, ?4, ?5, ?6)",
        params![
            pack.id,
            pack.version,
            pack.title.trim(),
            crate::db::now(),
            json(&pack.level_guidance.trimmed()),
            origin.slug()
        ],
    )?;
    let row = conn.last_insert_rowid();
    for q in &pack.questions {
        insert_question(conn, row, q)?;
    }
    Ok(row)
}

/// The newest version of the built-in pack: what a plan is built on by default.
pub(crate) fn newest_builtin(conn: &Connection) -> Result<PackRef> {
    Ok(conn.query_row_cached(
        "SELECT pack_key, version FROM question_packs WHERE builtin = 1
         ORDER BY version DESC LIMIT 1",
        [],
        |r| {
            Ok(PackRef {
                id: r.get(0)?,
                version: r.get(1)?,
            })
        },
    )?)
}

/// Records that a local pack version left this machine (exported, or inside a kit): from now on
/// saving it creates the next version, so no two texts ever carry its number.
pub fn mark_shared(conn: &Connection, id: &str, version: u32) -> Result<()> {
    conn.execute_cached(
        "UPDATE question_packs SET shared_at = coalesce(shared_at, ?3)
         WHERE pack_key = ?1 AND version = ?2 AND origin = 'local'",
        params![id, version, crate::db::now()],
    )?;
    Ok(())
}

/// The level guidance of a pack row.
pub(crate) fn level_guidance(conn: &Connection, pack_row: i64) -> Result<super::LevelGuidance> {
    Ok(conn.query_row_cached(
        "SELECT level_guidance FROM question_packs WHERE id = ?1",
        [pack_row],
        |r| from_json(r, 0),
    )?)
}

/// Stores one question in a pack row; a number the pack already holds is kept as it is (the
/// caller compares contents when that matters). Every path that writes questions comes here:
/// the built-in pack, pack files and kits.
pub(crate) fn insert_question(conn: &Connection, pack_row: i64, q: &Question) -> Result<()> {
    conn.execute_cached(
        "INSERT OR IGNORE INTO questions (pack_id, number, text, strong_answer, weak_signals,
            interviewer_notes, capabilities, capability_rationale, minutes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            pack_row,
            q.number,
            q.text,
            json(&q.strong_answer),
            json(&q.weak_signals),
            json(&q.interviewer_notes),
            json(&q.capabilities),
            q.capability_rationale,
            q.minutes,
        ],
    )?;
    Ok(())
}

/// One question of a pack row by number, as pack and kit files carry it.
pub(crate) fn pack_question(
    conn: &Connection,
    pack_row: i64,
    number: u32,
) -> Result<Option<Question>> {
    Ok(pack_questions(conn, pack_row)?
        .into_iter()
        .find(|q| q.number == number))
}

/// The questions of a pack row in pack order, as pack and kit files carry them.
pub(crate) fn pack_questions(conn: &Connection, pack_row: i64) -> Result<Vec<Question>> {
    Ok(questions_of(conn, pack_row)?
        .into_iter()
        .map(|q| Question {
            number: q.question.number,
            text: q.question.text,
            strong_answer: q.question.strong_answer,
            weak_signals: q.question.weak_signals,
            interviewer_notes: q.question.interviewer_notes,
            capabilities: q.question.capabilities,
            capability_rationale: q.question.capability_rationale,
            minutes: q.question.minutes,
        })
        .collect())
}

/// The newest version of the built-in pack, with its questions in pack order.
pub fn builtin_pack(conn: &Connection) -> Result<BankPack> {
    let (row_id, id, version, title) = conn.query_row_cached(
        "SELECT id, pack_key, version, title FROM question_packs WHERE builtin = 1
         ORDER BY version DESC LIMIT 1",
        [],
        |row| Ok((row.get::<_, i64>(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
    )?;
    Ok(BankPack {
        id,
        version,
        title,
        questions: questions_of(conn, row_id)?,
    })
}

/// A stored pack version with its questions.
pub fn stored_pack(conn: &Connection, pack: &PackRef) -> Result<BankPack> {
    let pack = resolve_pack(conn, pack)?;
    Ok(BankPack {
        questions: questions_of(conn, pack.row)?,
        id: pack.id,
        version: pack.version,
        title: pack.title,
    })
}

/// Questions of one stored pack, in pack order.
pub(crate) fn questions_of(conn: &Connection, pack_row: i64) -> Result<Vec<BankQuestion>> {
    stored_questions(
        conn,
        "WHERE p.id = ?1 ORDER BY q.number",
        "q.number",
        pack_row,
    )
}

/// Stored questions with their pack: `tail` joins, filters and orders (with `?1` bound to
/// `param`), `number` is the SQL expression for the number to show.
pub(crate) fn stored_questions(
    conn: &Connection,
    tail: &str,
    number: &str,
    param: i64,
) -> Result<Vec<BankQuestion>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT q.id, p.pack_key, p.version, {number}, q.number, q.text, q.strong_answer,
                q.weak_signals, q.interviewer_notes, q.capabilities, q.capability_rationale,
                q.minutes
         FROM questions q JOIN question_packs p ON p.id = q.pack_id {tail}"
    ))?;
    let rows = stmt.query_map([param], |row| {
        Ok(BankQuestion {
            id: row.get(0)?,
            pack_id: row.get(1)?,
            pack_version: row.get(2)?,
            pack_number: row.get(4)?,
            question: Question {
                number: row.get(3)?,
                text: row.get(5)?,
                strong_answer: from_json(row, 6)?,
                weak_signals: from_json(row, 7)?,
                interviewer_notes: from_json(row, 8)?,
                capabilities: from_json(row, 9)?,
                capability_rationale: row.get(10)?,
                minutes: row.get(11)?,
            },
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One pack version, named exactly: what plans, the editor, exports and the IPC pass around.
/// Only `panelctl` reads the `ID` / `ID@VERSION` text people type, through [`resolve_spec`];
/// everything else carries this, so a pack is never formatted into text to be parsed again.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct PackRef {
    /// Pack id.
    pub id: String,
    /// Version.
    pub version: u32,
}

impl PackRef {
    /// Version `version` of pack `id`.
    pub fn new(id: impl Into<String>, version: u32) -> Self {
        PackRef {
            id: id.into(),
            version,
        }
    }
}

/// `ID@VERSION`, as `panelctl` prints and reads it.
impl std::fmt::Display for PackRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}@{}", self.id, self.version)
    }
}

/// A stored pack version.
#[derive(Debug, Clone)]
pub struct PackRow {
    /// Database row id.
    pub row: i64,
    /// Pack id.
    pub id: String,
    /// Version.
    pub version: u32,
    /// Title.
    pub title: String,
    /// Shipped with the app.
    pub builtin: bool,
    /// Where it came from.
    pub origin: PackOrigin,
    /// When a local version left this machine (file or kit); `None` otherwise.
    pub shared_at: Option<crate::time::Timestamp>,
}

impl PackRow {
    /// The version this row holds.
    pub fn pack_ref(&self) -> PackRef {
        PackRef::new(self.id.clone(), self.version)
    }
}

/// Finds a stored pack version.
pub fn resolve_pack(conn: &Connection, pack: &PackRef) -> Result<PackRow> {
    find_pack(conn, &pack.id, Some(pack.version))
}

/// Finds a stored pack version by the text a person typed: `ID` (its newest version) or
/// `ID@VERSION`. For `panelctl`'s arguments; code that already knows the version uses
/// [`resolve_pack`].
pub fn resolve_spec(conn: &Connection, spec: &str) -> Result<PackRow> {
    let spec = spec.trim();
    let (id, version) = match spec.split_once('@') {
        Some((id, v)) => (
            id,
            Some(v.parse::<u32>().map_err(|_| {
                crate::Error::InvalidInput(format!(
                    "{v:?} is not a pack version (expected ID@NUMBER)"
                ))
            })?),
        ),
        None => (spec, None),
    };
    find_pack(conn, id, version)
}

/// The newest version of pack `id`.
pub(crate) fn resolve_newest(conn: &Connection, id: &str) -> Result<PackRow> {
    find_pack(conn, id, None)
}

/// Pack `id` at `version`, or its newest version.
fn find_pack(conn: &Connection, id: &str, version: Option<u32>) -> Result<PackRow> {
    let found = conn
        .query_row_cached(
            "SELECT id, pack_key, version, title, builtin, origin, shared_at FROM question_packs
             WHERE pack_key = ?1 AND (?2 IS NULL OR version = ?2)
             ORDER BY version DESC LIMIT 1",
            params![id, version],
            |r| {
                Ok(PackRow {
                    row: r.get(0)?,
                    id: r.get(1)?,
                    version: r.get(2)?,
                    title: r.get(3)?,
                    builtin: r.get(4)?,
                    origin: r.get(5)?,
                    shared_at: r.get(6)?,
                })
            },
        )
        .optional()?;
    found.ok_or_else(|| {
        crate::Error::InvalidInput(match version {
            Some(v) => format!("there is no pack {id} version {v}; `pack list` shows the packs"),
            None => format!("there is no pack {id}; `pack list` shows the packs"),
        })
    })
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("lists of strings and enums always serialise")
}

fn from_json<T: serde::de::DeserializeOwned>(
    row: &rusqlite::Row,
    idx: usize,
) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Refuses to store a version of the built-in pack that this build did not ship: the built-in
/// pack's id belongs to the app, and a version planted from a file (a kit, a `.hppack`) would
/// sit beside the real ones under the same name. Versions this machine already has are
/// compared by their callers, not refused here.
pub(crate) fn ensure_not_builtin_id(conn: &Connection, id: &str, version: u32) -> Result<()> {
    let builtin: bool = conn.query_row_cached(
        "SELECT EXISTS (SELECT 1 FROM question_packs WHERE pack_key = ?1 AND builtin = 1)",
        [id],
        |r| r.get(0),
    )?;
    if builtin {
        return Err(crate::Error::Rejected(format!(
            "the file names version {version} of the built-in pack {id}, which this version of \
             Hiring Panel does not have; only the app ships versions of its built-in pack (update \
             the app if it is newer)"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::Db;

    #[test]
    fn builtin_pack_is_loaded_once_and_reads_back_intact() {
        let db = Db::open_in_memory().unwrap();
        super::install_builtin(db.conn()).unwrap();
        super::install_builtin(db.conn()).unwrap();
        let packs: i64 = db
            .conn()
            .query_row("SELECT count(*) FROM question_packs", [], |r| r.get(0))
            .unwrap();
        assert_eq!(packs, 1, "installing the bank again must not duplicate it");
        let pack = super::builtin_pack(db.conn()).unwrap();
        assert_eq!(pack.title, crate::bank::builtin().title);
        let questions = pack.questions;
        assert_eq!(questions.len(), 18);
        let q12 = &questions[11];
        assert!(q12.question.text.contains("“secure enough”"));
        assert_eq!(
            q12.question.strong_answer,
            crate::bank::builtin().questions[11].strong_answer
        );
        assert_eq!(
            q12.question.capabilities,
            crate::bank::builtin().questions[11].capabilities
        );
    }
}
