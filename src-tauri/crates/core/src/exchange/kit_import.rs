//! Importing a kit on a panelist's laptop: the panelist's copy of the lead's plan, built from
//! the kit alone. Packs this machine lacks are learnt from the kit, question by question.

use crate::bank::PackOrigin;
use crate::db::CachedStatements;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::format::{secret_bytes, Kit, KitFile, KitPack};
use super::lead_keys::{self, LeadKeyTrust};
use crate::bank::Question;
use crate::split::Reason;
use crate::{audit, db, Error, Result};

/// What importing a kit did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct KitImported {
    /// The panelist copy on this machine.
    pub plan_id: i64,
    /// The panelist on this machine.
    pub panelist_id: i64,
    /// Candidate.
    pub candidate: String,
    /// Panelist.
    pub panelist_name: String,
    /// Questions in the kit.
    pub questions: u32,
    /// True when this exact kit was imported before: nothing changed.
    pub already_imported: bool,
    /// An earlier copy of the same plan for the same panelist, made from an older kit; its notes
    /// are kept, but the lead only accepts returns made with the newest kit.
    pub replaces_plan: Option<i64>,
    /// Fingerprint of the lead's key that signed the kit.
    pub lead_fingerprint: String,
    /// Whether that key was new here, known, or just accepted in place of another.
    pub lead_key: LeadKeyTrust,
}

/// Creates a panelist copy of the lead's plan from a signed kit: the candidate, the panelist
/// alone, their questions in order. Importing the same kit again changes nothing. The kit's
/// signature must hold and its key must be one this computer trusts for the lead (see
/// [`lead_keys`]); `accept_lead_key` is the fingerprint of a changed key the panelist accepted.
pub fn import_kit(
    conn: &Connection,
    file: &KitFile,
    accept_lead_key: Option<&str>,
) -> Result<KitImported> {
    let public_key = file.verified_key()?;
    let kit = &file.kit;
    let existing: Option<(i64, i64)> = conn
        .query_row_cached(
            "SELECT plan_id, panelist_id FROM held_kits WHERE kit_id = ?1",
            [&kit.kit_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let summary = |plan_id, panelist_id, already, replaces, trust| KitImported {
        plan_id,
        panelist_id,
        candidate: kit.plan.candidate.clone(),
        panelist_name: kit.panelist.name.clone(),
        questions: kit.questions.len() as u32,
        already_imported: already,
        replaces_plan: replaces,
        lead_fingerprint: crate::identity::fingerprint_of(public_key)
            .expect("a verified key is well formed"),
        lead_key: trust,
    };
    if let Some((plan_id, panelist_id)) = existing {
        // The same kit id signed by another key is someone else's copy of it.
        let held: Option<String> = conn.query_row_cached(
            "SELECT lead_key FROM held_kits WHERE kit_id = ?1",
            [&kit.kit_id],
            |r| r.get(0),
        )?;
        if held.as_deref().is_some_and(|k| k != public_key) {
            return Err(Error::Rejected(format!(
                "a kit with this id is already here, signed by another key ({}); this file \
                 is not the kit the lead sent",
                crate::identity::fingerprint_of(held.as_deref().unwrap_or_default())?
            )));
        }
        return Ok(summary(
            plan_id,
            panelist_id,
            true,
            None,
            LeadKeyTrust::Known,
        ));
    }
    if conn.query_row_cached(
        "SELECT count(*) > 0 FROM issued_kits WHERE kit_id = ?1",
        [&kit.kit_id],
        |r| r.get::<_, bool>(0),
    )? {
        return Err(Error::Rejected(format!(
            "this kit was issued from this database (plan for {}); open it on {}'s computer",
            kit.plan.candidate, kit.panelist.name
        )));
    }
    let lead_key = lead_keys::check(conn, kit, public_key, accept_lead_key)?;
    // The identity returns are encrypted to must be the signer's own: a line bound to another
    // key would send the panelist's scorecard to someone else.
    let lead_identity = match &kit.lead_identity {
        None => None,
        Some(line) => {
            let identity = crate::identity::PublicIdentity::parse(line).map_err(|e| {
                Error::Rejected(format!("the kit's lead identity does not read: {e}"))
            })?;
            if identity.signing_key != public_key {
                return Err(Error::Rejected(
                    "the kit names a lead identity that is not the key that signed it; ask the \
                     panel lead for a new kit"
                        .into(),
                ));
            }
            Some(identity.line)
        }
    };
    let candidate = crate::plans::clean_name("candidate name", &kit.plan.candidate)
        .map_err(|e| Error::Rejected(format!("the kit file is malformed: {e}")))?;
    let panelist_name = crate::plans::clean_name("panelist name", &kit.panelist.name)
        .map_err(|e| Error::Rejected(format!("the kit file is malformed: {e}")))?;
    let slot = kit.panelist.slot_minutes.clamp(5, 480);
    let placed = placed(kit)?;
    let mut rows: Vec<(KitPack, i64)> = Vec::new();
    for (pack, _) in std::iter::once((&kit.pack, ())).chain(placed.iter().map(|(p, _)| (p, ()))) {
        if rows.iter().any(|(p, _)| same_pack(p, pack)) {
            continue;
        }
        let questions: Vec<Question> = placed
            .iter()
            .filter(|(p, _)| same_pack(p, pack))
            .map(|(_, q)| q.clone())
            .collect();
        // The kit's questions meet the rules a `.hppack` file's do: they are stored as a pack.
        crate::bank::packfile::check_content(&crate::bank::packfile::PackData {
            id: pack.id.clone(),
            version: pack.version,
            title: pack.title.clone(),
            questions: questions.clone(),
            level_guidance: Default::default(),
        })
        .map_err(|e| Error::Rejected(format!("the kit file is malformed: {e}")))?;
        rows.push((pack.clone(), local_pack(conn, pack, &questions)?));
    }
    let pack_row = rows[0].1;
    if !kit.level_guidance.is_empty() {
        learn_guidance(conn, pack_row, kit)?;
    }
    let older: Option<i64> = conn
        .query_row_cached(
            "SELECT h.plan_id FROM held_kits h JOIN plans p ON p.id = h.plan_id
             WHERE p.exchange_key = ?1 AND h.lead_panelist_id = ?2
             ORDER BY h.imported_at DESC LIMIT 1",
            params![kit.plan.key, kit.panelist.id],
            |r| r.get(0),
        )
        .optional()?;
    let now = db::now();
    // Stored as the lead's plan stores it: normalised UTC, which the Plans list compares as text.
    let starts_at = kit
        .plan
        .starts_at
        .as_deref()
        .map(crate::plans::parse_instant)
        .transpose()?;
    conn.execute_cached(
        "INSERT INTO candidates (name, created_at) VALUES (?1, ?2)",
        params![candidate, now],
    )?;
    let candidate_id = conn.last_insert_rowid();
    conn.execute_cached(
        "INSERT INTO plans (candidate_id, level, role_title, pack_id, starts_at, panel_lead,
             recruiter, notes, status, coverage, sealed, created_at, updated_at, mode, exchange_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'interviewing', 1, 1, ?9, ?9, 'panelist', ?10)",
        params![
            candidate_id,
            kit.plan.level.slug(),
            kit.plan.role_title,
            pack_row,
            starts_at,
            kit.plan.panel_lead,
            kit.plan.recruiter,
            kit.plan.notes,
            now,
            kit.plan.key
        ],
    )?;
    let plan_id = conn.last_insert_rowid();
    crate::plans::refresh_search_text(conn, plan_id)?;
    conn.execute_cached(
        "INSERT INTO panelists (plan_id, name, slot_minutes, position, focus)
         VALUES (?1, ?2, ?3, 0, ?4)",
        params![
            plan_id,
            panelist_name,
            slot,
            crate::plans::json(&kit.panelist.focus)
        ],
    )?;
    let panelist_id = conn.last_insert_rowid();
    for (position, (q, (pack, stored))) in kit.questions.iter().zip(&placed).enumerate() {
        let row = rows
            .iter()
            .find(|(p, _)| same_pack(p, pack))
            .map(|(_, row)| *row)
            .expect("every pack of the kit has a row");
        let question_id: i64 = conn.query_row_cached(
            "SELECT id FROM questions WHERE pack_id = ?1 AND number = ?2",
            params![row, stored.number],
            |r| r.get(0),
        )?;
        conn.execute_cached(
            "INSERT INTO plan_questions (plan_id, number, question_id) VALUES (?1, ?2, ?3)",
            params![plan_id, q.number, question_id],
        )?;
        conn.execute_cached(
            "INSERT INTO assignments (plan_id, question_id, panelist_id, position, pinned, reason)
             VALUES (?1, ?2, ?3, ?4, 1, ?5)",
            params![
                plan_id,
                question_id,
                panelist_id,
                position as i64,
                crate::plans::json(&Reason::Fixed)
            ],
        )?;
    }
    conn.execute_cached(
        "INSERT INTO held_kits (plan_id, kit_id, panelist_id, lead_panelist_id, secret,
             issued_by, issued_at, imported_at, lead_key, lead_identity)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            plan_id,
            kit.kit_id,
            panelist_id,
            kit.panelist.id,
            secret_bytes(&kit.secret)?,
            kit.issued_by,
            kit.issued_at,
            now,
            public_key,
            lead_identity
        ],
    )?;
    audit::record(
        conn,
        plan_id,
        &panelist_name,
        crate::audit::AuditKind::KitImported,
        &serde_json::json!({ "kitId": kit.kit_id, "issuedBy": kit.issued_by,
                             "issuedAt": kit.issued_at, "replacesPlan": older,
                             "leadKey": lead_key.fingerprint }),
    )?;
    lead_keys::remember(conn, plan_id, &panelist_name, kit, &lead_key)?;
    Ok(summary(plan_id, panelist_id, false, older, lead_key.trust))
}

/// Each kit question with the pack version it belongs to, numbered as that pack numbers it.
/// Checks the numbers and sources first: nothing is stored from a kit that contradicts itself.
fn placed(kit: &Kit) -> Result<Vec<(KitPack, Question)>> {
    let malformed = |what: String| Error::Rejected(format!("the kit file is malformed: {what}"));
    let mut numbers: Vec<u32> = kit.questions.iter().map(|q| q.number).collect();
    numbers.sort_unstable();
    if numbers.windows(2).any(|w| w[0] == w[1]) || numbers.first() == Some(&0) {
        return Err(malformed(
            "its question numbers repeat or start at 0".into(),
        ));
    }
    for q in &kit.questions {
        if !(1..=60).contains(&q.minutes) || q.text.trim().is_empty() {
            return Err(malformed(format!(
                "question {} has no text or an impossible time budget",
                q.number
            )));
        }
    }
    for s in &kit.borrowed {
        let twice = kit.borrowed.iter().filter(|o| o.number == s.number).count() > 1;
        if twice
            || !numbers.contains(&s.number)
            || s.pack_number == 0
            || same_pack(&s.pack, &kit.pack)
        {
            return Err(malformed(format!(
                "the source of question {} is missing, repeated or its own pack",
                s.number
            )));
        }
    }
    let placed: Vec<(KitPack, Question)> = kit
        .questions
        .iter()
        .map(
            |q| match kit.borrowed.iter().find(|s| s.number == q.number) {
                Some(s) => (
                    s.pack.clone(),
                    Question {
                        number: s.pack_number,
                        ..q.clone()
                    },
                ),
                None => (kit.pack.clone(), q.clone()),
            },
        )
        .collect();
    for (i, (pack, q)) in placed.iter().enumerate() {
        if placed[..i]
            .iter()
            .any(|(p, o)| same_pack(p, pack) && o.number == q.number)
        {
            return Err(malformed(format!(
                "question {} of pack {} version {} appears twice",
                q.number, pack.id, pack.version
            )));
        }
    }
    Ok(placed)
}

/// One pack version, whatever title a file gives it.
fn same_pack(a: &KitPack, b: &KitPack) -> bool {
    (a.id.as_str(), a.version) == (b.id.as_str(), b.version)
}

/// The origin of a stored pack row.
fn origin_of(conn: &Connection, pack_row: i64) -> Result<PackOrigin> {
    Ok(conn.query_row_cached(
        "SELECT origin FROM question_packs WHERE id = ?1",
        [pack_row],
        |r| r.get(0),
    )?)
}

/// A pack learnt from kits takes the kit's guidance for the plan's level, so interview mode
/// shows it. Guidance is part of the version, so it is only filled in, never changed: a kit
/// that says something else for a level already known is refused. Packs stored here otherwise
/// (built in, imported, made here) keep their own.
fn learn_guidance(conn: &Connection, pack_row: i64, kit: &Kit) -> Result<()> {
    if origin_of(conn, pack_row)? != PackOrigin::Kit {
        return Ok(());
    }
    let mut guidance = crate::bank::level_guidance(conn, pack_row)?;
    let text = kit
        .level_guidance
        .trim()
        .chars()
        .take(crate::bank::MAX_GUIDANCE_CHARS)
        .collect::<String>();
    let slot = match kit.plan.level {
        crate::Level::Director => &mut guidance.director,
        crate::Level::SeniorDirector => &mut guidance.senior_director,
        crate::Level::Vp => &mut guidance.vp,
        crate::Level::Principal => &mut guidance.principal,
    };
    if *slot == text {
        return Ok(());
    }
    if !slot.is_empty() {
        return Err(Error::Rejected(format!(
            "the kit's level guidance differs from the guidance of pack {} version {} on this \
             computer; the same pack version must say the same",
            kit.pack.id, kit.pack.version
        )));
    }
    *slot = text;
    conn.execute_cached(
        "UPDATE question_packs SET level_guidance = ?1 WHERE id = ?2",
        params![crate::plans::json(&guidance), pack_row],
    )?;
    Ok(())
}

/// The local row of a pack version a kit's questions come from. The built-in pack is on every
/// machine; a pack this machine lacks is stored from the kit (only the questions the kit
/// carries). A local pack whose questions differ from the kit's is refused: two texts under one
/// version would make packets incomparable.
fn local_pack(conn: &Connection, pack: &KitPack, questions: &[Question]) -> Result<i64> {
    let existing: Option<i64> = conn
        .query_row_cached(
            "SELECT id FROM question_packs WHERE pack_key = ?1 AND version = ?2",
            params![pack.id, pack.version],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(pack_row) = existing {
        let from_kits = origin_of(conn, pack_row)? == PackOrigin::Kit;
        for q in questions {
            let local = match crate::bank::pack_question(conn, pack_row, q.number)? {
                Some(local) => local,
                // A pack this machine only knows from earlier kits grows with each kit.
                None if from_kits => {
                    crate::bank::insert_question(conn, pack_row, q)?;
                    continue;
                }
                None => {
                    return Err(Error::Rejected(format!(
                        "the kit's question {} is not in pack {} version {} on this computer",
                        q.number, pack.id, pack.version
                    )))
                }
            };
            if local != *q {
                return Err(Error::Rejected(format!(
                    "the kit's question {} differs from question {} of pack {} version {} on \
                     this computer; the same pack version must have the same text",
                    q.number, q.number, pack.id, pack.version
                )));
            }
        }
        return Ok(pack_row);
    }
    // A version this machine lacks of a pack made here would become that pack's newest version
    // and take the editor away from its owner: a kit cannot speak for a pack made here.
    let made_here: bool = conn.query_row_cached(
        "SELECT EXISTS (SELECT 1 FROM question_packs WHERE pack_key = ?1 AND origin = 'local')",
        [&pack.id],
        |r| r.get(0),
    )?;
    if made_here {
        return Err(Error::Rejected(format!(
            "the kit names version {} of pack {}, a pack made on this computer that has no such \
             version",
            pack.version, pack.id
        )));
    }
    crate::bank::ensure_not_builtin_id(conn, &pack.id, pack.version)?;
    conn.execute_cached(
        "INSERT INTO question_packs (pack_key, version, title, builtin, created_at, origin)
         VALUES (?1, ?2, ?3, 0, ?4, 'kit')",
        params![pack.id, pack.version, pack.title, db::now()],
    )?;
    let pack_row = conn.last_insert_rowid();
    for q in questions {
        crate::bank::insert_question(conn, pack_row, q)?;
    }
    Ok(pack_row)
}
