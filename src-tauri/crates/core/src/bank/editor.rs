//! Editing packs: creating one, duplicating another, and saving changes without ever changing
//! what a plan was interviewed on.
//!
//! The editor sends the whole pack on every save (title, guidance, questions in order); numbers
//! follow the order, so adding, retiring and reordering are edits of the list. A version no plan
//! uses and that never left this machine is changed in place; saving a version a plan uses, or
//! one exported or sent in a kit, creates the next version, and plans keep pointing at the one
//! they used. Only packs made here are editable: the built-in pack, imported packs and packs
//! learnt from kits are someone else's and are duplicated to change.

use crate::db::CachedStatements;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use super::packfile::{check_content, PackData};
use super::{resolve_pack, LevelGuidance, PackRef, Question};
use crate::{Error, Result};

/// A pack version as the editor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PackView {
    /// Pack id.
    pub id: String,
    /// This version.
    pub version: u32,
    /// Every stored version of the pack, oldest first.
    pub versions: Vec<u32>,
    /// Title.
    pub title: String,
    /// Shipped with the app.
    pub builtin: bool,
    /// Made here, so it can be edited (the newest version only).
    pub editable: bool,
    /// Plans built on this version or asking one of its questions.
    pub plans: u32,
    /// Where it came from.
    pub origin: super::PackOrigin,
    /// This version left this machine (exported or in a kit), so a save makes a new version.
    pub shared: bool,
    /// Questions in pack order.
    pub questions: Vec<Question>,
    /// What a strong answer looks like per level.
    pub level_guidance: LevelGuidance,
}

/// The editor's whole pack, saved at once.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PackDraft {
    /// Pack id.
    pub id: String,
    /// The version the editor loaded; saving anything older than the newest is refused.
    pub base_version: u32,
    /// Title.
    pub title: String,
    /// Questions in the order they are asked; numbers are given by position.
    pub questions: Vec<Question>,
    /// Level guidance.
    #[serde(default)]
    pub level_guidance: LevelGuidance,
}

/// What a save did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PackSaved {
    /// Pack id.
    pub id: String,
    /// The version that now holds the content.
    pub version: u32,
    /// True when the save created a new version because plans use the one edited.
    pub new_version: bool,
    /// True when nothing differed from the stored content.
    pub unchanged: bool,
}

impl PackSaved {
    /// The version the save left.
    pub fn pack_ref(&self) -> PackRef {
        PackRef::new(self.id.clone(), self.version)
    }
}

/// A pack version for the editor or the bank screen.
pub fn pack_view(conn: &Connection, pack: &PackRef) -> Result<PackView> {
    let pack = resolve_pack(conn, pack)?;
    let mut stmt = conn.prepare_cached(
        "SELECT version FROM question_packs WHERE pack_key = ?1 ORDER BY version",
    )?;
    let versions: Vec<u32> = stmt
        .query_map([&pack.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(PackView {
        editable: pack.origin == super::PackOrigin::Local && versions.last() == Some(&pack.version),
        origin: pack.origin,
        shared: pack.shared_at.is_some(),
        plans: plans_using(conn, pack.row)?,
        questions: super::pack_questions(conn, pack.row)?,
        level_guidance: super::level_guidance(conn, pack.row)?,
        id: pack.id,
        version: pack.version,
        versions,
        title: pack.title,
        builtin: pack.builtin,
    })
}

/// Plans built on a pack row or ask one of its questions.
fn plans_using(conn: &Connection, pack_row: i64) -> Result<u32> {
    Ok(conn.query_row_cached(
        "SELECT count(*) FROM plans p WHERE p.pack_id = ?1
           OR EXISTS (SELECT 1 FROM plan_questions pq JOIN questions q ON q.id = pq.question_id
                      WHERE pq.plan_id = p.id AND q.pack_id = ?1)",
        [pack_row],
        |r| r.get(0),
    )?)
}

/// Starts an empty pack, version 1, with an id made from the title; it is editable here.
pub fn create_pack(conn: &Connection, title: &str) -> Result<PackSaved> {
    store_new(conn, title, Vec::new(), LevelGuidance::default())
}

/// Copies a pack version (questions and guidance) into a new editable pack, version 1.
pub fn duplicate_pack(conn: &Connection, pack: &PackRef, title: &str) -> Result<PackSaved> {
    let source = pack_view(conn, pack)?;
    // A pack learnt from kits may have gaps in its numbers: the copy numbers them afresh.
    let questions = source
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| clean_question(i as u32 + 1, q))
        .collect();
    store_new(conn, title, questions, source.level_guidance)
}

fn store_new(
    conn: &Connection,
    title: &str,
    questions: Vec<Question>,
    level_guidance: LevelGuidance,
) -> Result<PackSaved> {
    let title = clean_title(title)?;
    let pack = PackData {
        id: new_id(conn, &title)?,
        version: 1,
        title,
        questions,
        level_guidance,
    };
    check_content(&pack).map_err(Error::InvalidInput)?;
    super::insert_pack(conn, &pack, super::PackOrigin::Local)?;
    Ok(PackSaved {
        id: pack.id,
        version: 1,
        new_version: true,
        unchanged: false,
    })
}

/// Saves the editor's pack: in place when no plan uses the edited version, as the next version
/// when one does. Refused for packs not made here and for a version that is no longer the
/// newest (someone saved in between). Every check runs before anything is written.
pub fn save_pack(conn: &Connection, draft: &PackDraft) -> Result<PackSaved> {
    if draft.id.contains('@') {
        return Err(Error::InvalidInput(
            "name the pack by its id alone; the editor always saves over the newest version".into(),
        ));
    }
    let current = pack_view(conn, &super::resolve_newest(conn, &draft.id)?.pack_ref())?;
    if current.origin != super::PackOrigin::Local {
        return Err(Error::InvalidInput(format!(
            "pack {} is read-only here (built in, imported or received in a kit); duplicate it \
             to make your own version",
            current.id
        )));
    }
    if draft.base_version != current.version {
        return Err(Error::Conflict(format!(
            "pack {} has a newer version ({}) than the one being edited ({}); reopen it to \
             edit the newest",
            current.id, current.version, draft.base_version
        )));
    }
    let mut pack = PackData {
        id: current.id.clone(),
        version: current.version,
        title: clean_title(&draft.title)?,
        questions: draft
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| clean_question(i as u32 + 1, q))
            .collect(),
        level_guidance: draft.level_guidance.trimmed(),
    };
    check_content(&pack).map_err(Error::InvalidInput)?;
    let unchanged = pack.title == current.title
        && pack.questions == current.questions
        && pack.level_guidance == current.level_guidance;
    if unchanged {
        return Ok(PackSaved {
            id: pack.id,
            version: pack.version,
            new_version: false,
            unchanged: true,
        });
    }
    let row = resolve_pack(conn, &PackRef::new(pack.id.clone(), pack.version))?.row;
    let frozen = current.plans > 0 || current.shared;
    if frozen {
        pack.version += 1;
        super::insert_pack(conn, &pack, super::PackOrigin::Local)?;
    } else {
        conn.execute_cached("DELETE FROM questions WHERE pack_id = ?1", [row])?;
        conn.execute_cached(
            "UPDATE question_packs SET title = ?1, level_guidance = ?2 WHERE id = ?3",
            params![
                pack.title,
                serde_json::to_string(&pack.level_guidance).expect("guidance serialises"),
                row
            ],
        )?;
        for q in &pack.questions {
            super::insert_question(conn, row, q)?;
        }
    }
    Ok(PackSaved {
        new_version: frozen,
        id: pack.id,
        version: pack.version,
        unchanged: false,
    })
}

/// The question as the editor should have sent it: numbered by position, trimmed, without
/// empty points.
fn clean_question(number: u32, q: &Question) -> Question {
    let list = |l: &[String]| -> Vec<String> {
        l.iter()
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect()
    };
    let mut capabilities = q.capabilities.clone();
    let mut seen = Vec::new();
    capabilities.retain(|c| {
        let first = !seen.contains(c);
        seen.push(*c);
        first
    });
    Question {
        number,
        text: q.text.trim().to_string(),
        strong_answer: list(&q.strong_answer),
        weak_signals: list(&q.weak_signals),
        interviewer_notes: list(&q.interviewer_notes),
        capabilities,
        capability_rationale: q.capability_rationale.trim().to_string(),
        minutes: q.minutes,
    }
}

fn clean_title(title: &str) -> Result<String> {
    let title = title.trim();
    if title.is_empty() {
        return Err(Error::InvalidInput("give the pack a title".into()));
    }
    if title.chars().count() > 200 || title.chars().any(char::is_control) {
        return Err(Error::InvalidInput(
            "a pack title is at most 200 characters, without control characters".into(),
        ));
    }
    Ok(title.to_string())
}

/// An id no stored pack has: the title in lowercase words joined by hyphens, with a random
/// suffix so two teams naming their packs alike do not collide when they share files.
fn new_id(conn: &Connection, title: &str) -> Result<String> {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(40).collect();
    let slug = slug.trim_end_matches('-');
    let base = if slug.is_empty() { "pack" } else { slug };
    loop {
        let id = format!("{base}-{}", crate::ids::random_hex(3));
        let taken: bool = conn.query_row_cached(
            "SELECT EXISTS (SELECT 1 FROM question_packs WHERE pack_key = ?1)",
            [&id],
            |r| r.get(0),
        )?;
        if !taken {
            return Ok(id);
        }
    }
}

#[cfg(test)]
mod tests;
