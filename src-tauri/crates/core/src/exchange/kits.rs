//! Kits: issued by the lead (one per panelist), imported on a panelist's laptop as a panelist copy.

use crate::db::CachedStatements;
use rusqlite::{params, Connection, OptionalExtension};

use super::format::{
    to_file_bytes, Kit, KitFile, KitPack, KitPanelist, KitPlan, KitSource, SECRET_BYTES,
};
use super::plan_key;
use crate::identity::Identity;
use crate::ids::random_hex;
use crate::plans::{ensure_mode, PlanMode};
use crate::{audit, db, Error, Result};

/// One kit ready to be written to disk.
#[derive(Debug, Clone)]
pub struct IssuedKit {
    /// The panelist it is for (lead's id).
    pub panelist_id: i64,
    /// The kit's id (the same for a kit re-written unchanged).
    pub kit_id: String,
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
/// refused, by name. Every kit file is signed with this install's `identity`.
pub fn export_kits(conn: &Connection, plan_id: i64, identity: &Identity) -> Result<Vec<IssuedKit>> {
    ensure_mode(conn, plan_id, PlanMode::Lead)?;
    let plan = crate::plans::show(conn, plan_id)?;
    if plan.assignments.is_empty() {
        return Err(Error::InvalidInput(
            "split the questions before sending kits: nobody has any yet".into(),
        ));
    }
    let key = plan_key(conn, plan_id)?;
    let pack_title = plan.header.pack_title.clone();
    let asked = crate::plans::plan_questions(conn, plan_id)?;
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
            conn.execute_cached(
                "UPDATE issued_kits SET superseded_at = ?1
                 WHERE panelist_id = ?2 AND superseded_at IS NULL",
                params![now, panelist.id],
            )?;
            continue;
        }
        let numbers_json = serde_json::to_string(&numbers).expect("numbers serialise");
        let live: Option<(String, Vec<u8>, String, String, String)> = conn
            .query_row_cached(
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
                conn.execute_cached(
                    "UPDATE issued_kits SET exported_at = ?1, panelist_name = ?2 WHERE kit_id = ?3",
                    params![now, panelist.name, kit_id],
                )?;
                (kit_id.clone(), secret.clone(), issued_at.clone(), false)
            }
            None => {
                conn.execute_cached(
                    "UPDATE issued_kits SET superseded_at = ?1
                     WHERE panelist_id = ?2 AND superseded_at IS NULL",
                    params![now, panelist.id],
                )?;
                let kit_id = random_hex(16);
                let secret = hex::decode(random_hex(SECRET_BYTES)).expect("hex we just made");
                conn.execute_cached(
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
                    lead_or_default(&plan.header.panel_lead),
                    crate::audit::AuditKind::KitIssued,
                    &serde_json::json!({
                        "panelistId": panelist.id,
                        "kitId": kit_id,
                        "questions": numbers,
                        "replaces": live.as_ref().map(|l| &l.0),
                    }),
                )?;
                (kit_id, secret, now.to_string(), true)
            }
        };
        let mut questions = Vec::new();
        let mut borrowed = Vec::new();
        for &n in &numbers {
            let Some(q) = asked.iter().find(|q| q.question.number == n) else {
                continue;
            };
            if (q.pack_id.as_str(), q.pack_version)
                != (plan.header.pack_id.as_str(), plan.header.pack_version)
            {
                borrowed.push(KitSource {
                    number: n,
                    pack: kit_pack(conn, &q.pack_id, q.pack_version)?,
                    pack_number: q.pack_number,
                });
            }
            questions.push(q.question.clone());
        }
        let kit = Kit {
            kit_id,
            secret: hex::encode(secret),
            issued_at,
            issued_by: plan.header.panel_lead.clone(),
            plan: KitPlan {
                key: key.clone(),
                candidate: plan.header.candidate.clone(),
                level: plan.header.level,
                role_title: plan.header.role_title.clone(),
                starts_at: plan.header.starts_at.clone(),
                panel_lead: plan.header.panel_lead.clone(),
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
                id: plan.header.pack_id.clone(),
                version: plan.header.pack_version,
                title: pack_title.clone(),
            },
            questions,
            level_guidance: plan.header.level_guidance.clone().unwrap_or_default(),
            borrowed,
            lead_identity: Some(identity.public_identity().line),
        };
        // The versions the kit carries have left this machine: they never change from now on.
        crate::bank::mark_shared(conn, &kit.pack.id, kit.pack.version)?;
        for source in &kit.borrowed {
            crate::bank::mark_shared(conn, &source.pack.id, source.pack.version)?;
        }
        let file = KitFile::signed(kit, identity);
        // Two panelists whose names clean to the same file name (same name, or differing only
        // in case or in characters a file system refuses) must not overwrite each other's kit.
        let mut name = file_name(&plan.header.candidate, &panelist.name, "hpkit");
        let taken = |n: &str| {
            kits.iter()
                .any(|k| k.file_name.to_lowercase() == n.to_lowercase())
        };
        if taken(&name) {
            name = file_name(
                &plan.header.candidate,
                &format!("{} ({})", panelist.name, panelist.id),
                "hpkit",
            );
        }
        kits.push(IssuedKit {
            panelist_id: panelist.id,
            kit_id: file.kit.kit_id.clone(),
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
    // File systems allow 255 bytes per name: a 200-character name in a non-Latin script is up
    // to 800. Each part keeps whole characters within its share of what is left.
    let room = 255 - " - ".len() - 1 - extension.len();
    let candidate = clean(candidate);
    let panelist = clean(panelist);
    let panelist = within_bytes(&panelist, room - within_bytes(&candidate, room / 2).len());
    let candidate = within_bytes(&candidate, room - panelist.len());
    format!("{candidate} - {panelist}.{extension}")
}

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary.
fn within_bytes(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].trim_end()
}

/// How a kit names a stored pack version.
fn kit_pack(conn: &Connection, id: &str, version: u32) -> Result<KitPack> {
    let pack = crate::bank::resolve_pack(conn, &crate::bank::PackRef::new(id, version))?;
    Ok(KitPack {
        id: pack.id,
        version: pack.version,
        title: pack.title,
    })
}
