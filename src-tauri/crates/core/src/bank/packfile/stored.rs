//! Packs between files and the database: listing what is stored, exporting a version,
//! importing one (identical content already here is a no-op; different content under the same
//! id and version is refused).

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::{PackData, PackFile, PACK_FORMAT, PACK_FORMAT_VERSION};
use crate::{Error, Result};

/// One stored pack version, as `panelctl pack list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PackSummary {
    /// Pack id.
    pub id: String,
    /// Version.
    pub version: u32,
    /// Title.
    pub title: String,
    /// Shipped with the app (read-only).
    pub builtin: bool,
    /// Number of questions.
    pub questions: u32,
    /// Plans built on this version or asking one of its questions.
    pub plans: u32,
    /// Made here and the newest version: the editor may change it.
    pub editable: bool,
    /// Where it came from.
    pub origin: crate::bank::PackOrigin,
    /// The newest stored version of this pack.
    pub newest_version: u32,
}

/// Every stored pack version, by id then version.
pub fn list_packs(conn: &Connection) -> Result<Vec<PackSummary>> {
    let mut stmt = conn.prepare(
        "SELECT k.pack_key, k.version, k.title, k.builtin,
                (SELECT count(*) FROM questions q WHERE q.pack_id = k.id),
                (SELECT count(*) FROM plans p WHERE p.pack_id = k.id
                   OR EXISTS (SELECT 1 FROM plan_questions pq
                              JOIN questions q ON q.id = pq.question_id
                              WHERE pq.plan_id = p.id AND q.pack_id = k.id)),
                k.origin = 'local',
                (SELECT max(version) FROM question_packs n WHERE n.pack_key = k.pack_key),
                k.origin
         FROM question_packs k ORDER BY k.builtin DESC, k.title, k.pack_key, k.version",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(PackSummary {
            id: r.get(0)?,
            version: r.get(1)?,
            title: r.get(2)?,
            builtin: r.get(3)?,
            questions: r.get(4)?,
            plans: r.get(5)?,
            editable: r.get::<_, bool>(6)? && r.get::<_, u32>(7)? == r.get::<_, u32>(1)?,
            newest_version: r.get(7)?,
            origin: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A stored pack version as a pack file holds it.
pub fn export_pack(conn: &Connection, pack: &crate::bank::PackRef) -> Result<PackFile> {
    let pack = crate::bank::resolve_pack(conn, pack)?;
    let questions = crate::bank::pack_questions(conn, pack.row)?;
    let level_guidance = crate::bank::level_guidance(conn, pack.row)?;
    Ok(PackFile {
        format: PACK_FORMAT.into(),
        format_version: PACK_FORMAT_VERSION,
        pack: PackData {
            id: pack.id,
            version: pack.version,
            title: pack.title,
            questions,
            level_guidance,
        },
    })
}

/// What importing a pack did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PackImported {
    /// Pack id.
    pub id: String,
    /// Version.
    pub version: u32,
    /// Number of questions.
    pub questions: u32,
    /// True when this exact pack version was already here: nothing changed.
    pub already_present: bool,
}

/// Stores a parsed pack in the caller's transaction: identical content already present is a
/// no-op; the same id and version with different content is refused.
pub fn import_pack(conn: &Connection, file: &PackFile) -> Result<PackImported> {
    let pack = &file.pack;
    let outcome = |already| PackImported {
        id: pack.id.clone(),
        version: pack.version,
        questions: pack.questions.len() as u32,
        already_present: already,
    };
    let existing: Option<i64> = conn
        .query_row(
            "SELECT id FROM question_packs WHERE pack_key = ?1 AND version = ?2",
            params![pack.id, pack.version],
            |r| r.get(0),
        )
        .optional()?;
    if existing.is_some() {
        let mut mine = export_pack(
            conn,
            &crate::bank::PackRef::new(pack.id.clone(), pack.version),
        )?
        .pack;
        let mut theirs = pack.clone();
        mine.questions.sort_by_key(|q| q.number);
        theirs.questions.sort_by_key(|q| q.number);
        if mine == theirs {
            return Ok(outcome(true));
        }
        return Err(Error::Rejected(format!(
            "pack {} version {} is already here with different content; give the changed pack \
             a new version number",
            pack.id, pack.version
        )));
    }
    crate::bank::ensure_not_builtin_id(conn, &pack.id, pack.version)?;
    crate::bank::insert_pack(conn, pack, crate::bank::PackOrigin::File)?;
    Ok(outcome(false))
}
