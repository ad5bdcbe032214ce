//! Packs between files and the database: listing what is stored, exporting a version,
//! importing one (identical content already here is a no-op; different content under the same
//! id and version is refused).

use crate::db::CachedStatements;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

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

/// Which stored pack versions to list: filters, and which page of the matches.
#[derive(Debug, Clone, Default, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct PackQuery {
    /// Only versions with at least one question: what a plan can be built on or borrow from.
    pub with_questions: bool,
    /// Only the versions of this pack (its id): keeps the pack on screen listed however far
    /// down the list it sorts.
    pub pack: Option<String>,
    /// Matches to skip (the rows already shown).
    pub offset: u32,
    /// At most this many rows; every match when absent.
    pub limit: Option<u32>,
}

/// One page of the stored pack versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PackPage {
    /// The versions of this page, in the list's order.
    pub packs: Vec<PackSummary>,
    /// How many versions match the query over all its pages.
    pub matching: u32,
}

/// Every stored pack version, in the list's order (see [`list_page`]).
pub fn list_packs(conn: &Connection) -> Result<Vec<PackSummary>> {
    Ok(list_page(conn, &PackQuery::default())?.packs)
}

/// Which versions a query matches; shared by the count and the page.
const MATCHES: &str = "(:pack IS NULL OR k.pack_key = :pack)
    AND (NOT :with_questions OR EXISTS (SELECT 1 FROM questions q WHERE q.pack_id = k.id))";

/// The list's order: the built-in pack first, then by title, id and version (a total order, so
/// pages neither repeat nor skip a version).
const ORDER: &str = "k.builtin DESC, k.title, k.pack_key, k.version";

/// One page of the stored pack versions matching `query`, with how many match. The page is
/// chosen first and only its rows are counted (questions, plans using them), so what a page
/// costs does not grow with the number of packs. A plan counts for a version when it is built
/// on it or asks one of its questions.
pub fn list_page(conn: &Connection, query: &PackQuery) -> Result<PackPage> {
    let matching: u32 = conn.query_row_cached(
        &format!("SELECT count(*) FROM question_packs k WHERE {MATCHES}"),
        rusqlite::named_params! {
            ":pack": query.pack, ":with_questions": query.with_questions,
        },
        |r| r.get(0),
    )?;
    // `uses` pairs each version of the page with every plan built on it or asking one of its
    // questions, in one pass over the plans for the whole page (plans have no index by pack, so
    // counting them version by version would read every plan once per row).
    let mut stmt = conn.prepare_cached(&format!(
        "WITH page AS (
             SELECT k.id FROM question_packs k WHERE {MATCHES}
             ORDER BY {ORDER} LIMIT :limit OFFSET :offset),
         uses (pack, plan) AS MATERIALIZED (
             SELECT p.pack_id, p.id FROM plans p WHERE p.pack_id IN (SELECT id FROM page)
             UNION
             SELECT q.pack_id, pq.plan_id FROM page
             JOIN questions q ON q.pack_id = page.id
             JOIN plan_questions pq ON pq.question_id = q.id)
         SELECT k.pack_key, k.version, k.title, k.builtin,
                (SELECT count(*) FROM questions q WHERE q.pack_id = k.id),
                (SELECT count(*) FROM uses u WHERE u.pack = k.id),
                k.origin = 'local',
                (SELECT max(version) FROM question_packs n WHERE n.pack_key = k.pack_key),
                k.origin
         FROM page JOIN question_packs k ON k.id = page.id
         ORDER BY {ORDER}"
    ))?;
    // SQLite reads a negative limit as none.
    let limit = query.limit.map_or(-1, i64::from);
    let rows = stmt.query_map(
        rusqlite::named_params! {
            ":pack": query.pack, ":with_questions": query.with_questions,
            ":limit": limit, ":offset": query.offset,
        },
        |r| {
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
        },
    )?;
    Ok(PackPage {
        packs: rows.collect::<rusqlite::Result<_>>()?,
        matching,
    })
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
        .query_row_cached(
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
