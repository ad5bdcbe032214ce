//! Kits: issued by the lead (one per panelist), imported on a panelist's laptop as a panelist copy.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::format::{
    random_hex, secret_bytes, to_file_bytes, Kit, KitFile, KitPack, KitPanelist, KitPlan,
    FORMAT_VERSION, KIT_FORMAT, SECRET_BYTES,
};
use super::{ensure_mode, plan_key, PlanMode};
use crate::split::Reason;
use crate::{audit, db, Error, Result};

/// One kit ready to be written to disk.
#[derive(Debug, Clone)]
pub struct IssuedKit {
    /// The panelist it is for (lead's id).
    pub panelist_id: i64,
    /// Their name.
    pub panelist_name: String,
    /// A file name that says whose kit it is, ending in `.hpkit`.
    pub file_name: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// True when this export issued a new kit (first kit, or the panelist's questions changed);
    /// false when it re-wrote the kit already out.
    pub new: bool,
}

/// Issues (or re-issues) a kit for every panelist of the lead's plan who has questions.
///
/// A panelist whose questions and name are unchanged since their last kit gets the same kit
/// again, so re-sending never invalidates a return already on its way. Anyone whose questions
/// changed gets a new kit, and the old one is marked superseded: returns made with it are
/// refused, by name.
pub fn export_kits(conn: &Connection, plan_id: i64) -> Result<Vec<IssuedKit>> {
    ensure_mode(conn, plan_id, PlanMode::Lead)?;
    let plan = crate::plans::show(conn, plan_id)?;
    if plan.assignments.is_empty() {
        return Err(Error::InvalidInput(
            "split the questions before sending kits: nobody has any yet".into(),
        ));
    }
    let key = plan_key(conn, plan_id)?;
    let (pack_row, pack_title): (i64, String) = conn.query_row(
        "SELECT k.id, k.title FROM plans p JOIN question_packs k ON k.id = p.pack_id
         WHERE p.id = ?1",
        [plan_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let now = db::now();
    let mut kits: Vec<IssuedKit> = Vec::new();
    for panelist in &plan.panelists {
        let numbers: Vec<u32> = plan
            .questions_of(panelist.id)
            .iter()
            .map(|a| a.question_number)
            .collect();
        if numbers.is_empty() {
            // No questions, no kit: one still out is withdrawn, so its returns are refused.
            conn.execute(
                "UPDATE issued_kits SET superseded_at = ?1
                 WHERE panelist_id = ?2 AND superseded_at IS NULL",
                params![now, panelist.id],
            )?;
            continue;
        }
        let numbers_json = serde_json::to_string(&numbers).expect("numbers serialise");
        let live: Option<(String, Vec<u8>, String, String, String)> = conn
            .query_row(
                "SELECT kit_id, secret, questions, panelist_name, issued_at FROM issued_kits
                 WHERE panelist_id = ?1 AND superseded_at IS NULL",
                [panelist.id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        // Same questions: the same kit again (a renamed panelist keeps theirs too), so a return
        // already on its way stays valid.
        let reuse = live.as_ref().filter(|(_, _, q, _, _)| *q == numbers_json);
        let (kit_id, secret, issued_at, new) = match reuse {
            Some((kit_id, secret, _, _, issued_at)) => {
                conn.execute(
                    "UPDATE issued_kits SET exported_at = ?1, panelist_name = ?2 WHERE kit_id = ?3",
                    params![now, panelist.name, kit_id],
                )?;
                (kit_id.clone(), secret.clone(), issued_at.clone(), false)
            }
            None => {
                conn.execute(
                    "UPDATE issued_kits SET superseded_at = ?1
                     WHERE panelist_id = ?2 AND superseded_at IS NULL",
                    params![now, panelist.id],
                )?;
                let kit_id = random_hex(16);
                let secret = hex::decode(random_hex(SECRET_BYTES)).expect("hex we just made");
                conn.execute(
                    "INSERT INTO issued_kits (kit_id, plan_id, panelist_id, panelist_name,
                         secret, questions, issued_at, exported_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                    params![
                        kit_id,
                        plan_id,
                        panelist.id,
                        panelist.name,
                        secret,
                        numbers_json,
                        now
                    ],
                )?;
                audit::record(
                    conn,
                    plan_id,
                    lead_or_default(&plan.panel_lead),
                    "kit issued",
                    &serde_json::json!({
                        "panelistId": panelist.id,
                        "kitId": kit_id,
                        "questions": numbers,
                        "replaces": live.as_ref().map(|l| &l.0),
                    }),
                )?;
                (kit_id, secret, now.clone(), true)
            }
        };
        let pack = crate::bank::pack_questions(conn, pack_row)?;
        let questions = numbers
            .iter()
            .filter_map(|&n| pack.iter().find(|q| q.number == n).cloned())
            .collect();
        let file = KitFile {
            format: KIT_FORMAT.into(),
            format_version: FORMAT_VERSION,
            kit: Kit {
                kit_id,
                secret: hex::encode(secret),
                issued_at,
                issued_by: plan.panel_lead.clone(),
                plan: KitPlan {
                    key: key.clone(),
                    candidate: plan.candidate.clone(),
                    level: plan.level,
                    role_title: plan.role_title.clone(),
                    starts_at: plan.starts_at.clone(),
                    panel_lead: plan.panel_lead.clone(),
                    recruiter: plan.recruiter.clone(),
                    notes: plan.notes.clone(),
                },
                panelist: KitPanelist {
                    id: panelist.id,
                    name: panelist.name.clone(),
                    slot_minutes: panelist.minutes,
                    focus: panelist.focus.clone(),
                },
                pack: KitPack {
                    id: plan.pack_id.clone(),
                    version: plan.pack_version,
                    title: pack_title.clone(),
                },
                questions,
            },
        };
        // Two panelists whose names clean to the same file name (same name, or differing only
        // in case or in characters a file system refuses) must not overwrite each other's kit.
        let mut name = file_name(&plan.candidate, &panelist.name, "hpkit");
        let taken = |n: &str| {
            kits.iter()
                .any(|k| k.file_name.to_lowercase() == n.to_lowercase())
        };
        if taken(&name) {
            name = file_name(
                &plan.candidate,
                &format!("{} ({})", panelist.name, panelist.id),
                "hpkit",
            );
        }
        kits.push(IssuedKit {
            panelist_id: panelist.id,
            panelist_name: panelist.name.clone(),
            file_name: name,
            bytes: to_file_bytes(&file),
            new,
        });
    }
    Ok(kits)
}

pub(crate) fn lead_or_default(lead: &str) -> &str {
    if lead.trim().is_empty() {
        "panel lead"
    } else {
        lead
    }
}

/// "Ada Lovelace - Grace Hopper.hpkit", with characters file systems dislike replaced.
pub fn file_name(candidate: &str, panelist: &str, extension: &str) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_control() || "/\\:*?\"<>|".contains(c) {
                    '_'
                } else {
                    c
                }
            })
            .collect::<String>()
            .trim()
            .trim_start_matches('.')
            .to_string()
    };
    format!("{} - {}.{extension}", clean(candidate), clean(panelist))
}

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
}

/// Creates a panelist copy of the lead's plan from a kit: the candidate, the panelist alone,
/// their questions in order. Importing the same kit again changes nothing.
pub fn import_kit(conn: &Connection, kit: &Kit) -> Result<KitImported> {
    let existing: Option<(i64, i64)> = conn
        .query_row(
            "SELECT plan_id, panelist_id FROM held_kits WHERE kit_id = ?1",
            [&kit.kit_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let summary = |plan_id, panelist_id, already, replaces| KitImported {
        plan_id,
        panelist_id,
        candidate: kit.plan.candidate.clone(),
        panelist_name: kit.panelist.name.clone(),
        questions: kit.questions.len() as u32,
        already_imported: already,
        replaces_plan: replaces,
    };
    if let Some((plan_id, panelist_id)) = existing {
        return Ok(summary(plan_id, panelist_id, true, None));
    }
    if conn.query_row(
        "SELECT count(*) > 0 FROM issued_kits WHERE kit_id = ?1",
        [&kit.kit_id],
        |r| r.get::<_, bool>(0),
    )? {
        return Err(Error::Rejected(format!(
            "this kit was issued from this database (plan for {}); open it on {}'s computer",
            kit.plan.candidate, kit.panelist.name
        )));
    }
    let candidate = crate::plans::clean_name("candidate name", &kit.plan.candidate)
        .map_err(|e| Error::Rejected(format!("the kit file is malformed: {e}")))?;
    let panelist_name = crate::plans::clean_name("panelist name", &kit.panelist.name)
        .map_err(|e| Error::Rejected(format!("the kit file is malformed: {e}")))?;
    let slot = kit.panelist.slot_minutes.clamp(5, 480);
    let pack_row = local_pack(conn, kit)?;
    let older: Option<i64> = conn
        .query_row(
            "SELECT h.plan_id FROM held_kits h JOIN plans p ON p.id = h.plan_id
             WHERE p.exchange_key = ?1 AND h.lead_panelist_id = ?2
             ORDER BY h.imported_at DESC LIMIT 1",
            params![kit.plan.key, kit.panelist.id],
            |r| r.get(0),
        )
        .optional()?;
    let now = db::now();
    conn.execute(
        "INSERT INTO candidates (name, created_at) VALUES (?1, ?2)",
        params![candidate, now],
    )?;
    let candidate_id = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO plans (candidate_id, level, role_title, pack_id, starts_at, panel_lead,
             recruiter, notes, status, coverage, sealed, created_at, updated_at, mode, exchange_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'interviewing', 1, 1, ?9, ?9, 'panelist', ?10)",
        params![
            candidate_id,
            kit.plan.level.slug(),
            kit.plan.role_title,
            pack_row,
            kit.plan.starts_at,
            kit.plan.panel_lead,
            kit.plan.recruiter,
            kit.plan.notes,
            now,
            kit.plan.key
        ],
    )?;
    let plan_id = conn.last_insert_rowid();
    conn.execute(
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
    for (position, q) in kit.questions.iter().enumerate() {
        let question_id: i64 = conn.query_row(
            "SELECT id FROM questions WHERE pack_id = ?1 AND number = ?2",
            params![pack_row, q.number],
            |r| r.get(0),
        )?;
        conn.execute(
            "INSERT INTO plan_questions (plan_id, number, question_id) VALUES (?1, ?2, ?3)",
            params![plan_id, q.number, question_id],
        )?;
        conn.execute(
            "INSERT INTO assignments (plan_id, question_id, panelist_id, position, pinned, reason)
             VALUES (?1, ?2, ?3, ?4, 1, ?5)",
            params![
                plan_id,
                question_id,
                panelist_id,
                position as i64,
                crate::plans::json(&Reason::Pinned)
            ],
        )?;
    }
    conn.execute(
        "INSERT INTO held_kits (plan_id, kit_id, panelist_id, lead_panelist_id, secret,
             issued_by, issued_at, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            plan_id,
            kit.kit_id,
            panelist_id,
            kit.panelist.id,
            secret_bytes(&kit.secret)?,
            kit.issued_by,
            kit.issued_at,
            now
        ],
    )?;
    audit::record(
        conn,
        plan_id,
        &panelist_name,
        "kit imported",
        &serde_json::json!({ "kitId": kit.kit_id, "issuedBy": kit.issued_by,
                             "issuedAt": kit.issued_at, "replacesPlan": older }),
    )?;
    Ok(summary(plan_id, panelist_id, false, older))
}

/// The local row of the kit's pack version. The built-in pack is on every machine; a pack
/// this machine lacks is stored from the kit (only the questions the kit carries). A local pack
/// whose questions differ from the kit's is refused: two texts under one version would make
/// packets incomparable.
fn local_pack(conn: &Connection, kit: &Kit) -> Result<i64> {
    let mut numbers: Vec<u32> = kit.questions.iter().map(|q| q.number).collect();
    numbers.sort_unstable();
    if numbers.windows(2).any(|w| w[0] == w[1]) || numbers.first() == Some(&0) {
        return Err(Error::Rejected(
            "the kit file is malformed: its question numbers repeat or start at 0".into(),
        ));
    }
    for q in &kit.questions {
        if !(1..=60).contains(&q.minutes) || q.text.trim().is_empty() {
            return Err(Error::Rejected(format!(
                "the kit file is malformed: question {} has no text or an impossible time budget",
                q.number
            )));
        }
    }
    let existing: Option<i64> = conn
        .query_row(
            "SELECT id FROM question_packs WHERE pack_key = ?1 AND version = ?2",
            params![kit.pack.id, kit.pack.version],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(pack_row) = existing {
        let from_kits: bool = conn.query_row(
            "SELECT builtin = 0 FROM question_packs WHERE id = ?1",
            [pack_row],
            |r| r.get(0),
        )?;
        for q in &kit.questions {
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
                        q.number, kit.pack.id, kit.pack.version
                    )))
                }
            };
            if local != *q {
                return Err(Error::Rejected(format!(
                    "the kit's question {} differs from question {} of pack {} version {} on \
                     this computer; the same pack version must have the same text",
                    q.number, q.number, kit.pack.id, kit.pack.version
                )));
            }
        }
        return Ok(pack_row);
    }
    conn.execute(
        "INSERT INTO question_packs (pack_key, version, title, builtin, created_at)
         VALUES (?1, ?2, ?3, 0, ?4)",
        params![kit.pack.id, kit.pack.version, kit.pack.title, db::now()],
    )?;
    let pack_row = conn.last_insert_rowid();
    for q in &kit.questions {
        crate::bank::insert_question(conn, pack_row, q)?;
    }
    Ok(pack_row)
}
