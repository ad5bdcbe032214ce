//! One plan in full, as `panelctl plan show` and the split board present it.

use crate::db::CachedStatements;
use rusqlite::{params, Connection};
use serde::Serialize;

use super::allocation::{split_input, stored_allocations};
use super::{bad_value, PlanStatus};
use crate::split::{evaluate, Reason};
use crate::{Capability, Error, Level, Result};

/// A plan with its panel, assignments, loads and warnings: its header (flattened, so the
/// JSON the UI and `panelctl plan show --json` read is one object) and the rest.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PlanDetail {
    /// Who, for what, when, from which pack: what [`header`] loads on its own.
    #[serde(flatten)]
    pub header: PlanHeader,
    /// Statuses the lead may move the plan to from here.
    pub next_statuses: Vec<PlanStatus>,
    /// Hidden from the Plans list.
    pub archived: bool,
    /// Recruiter.
    pub recruiter: String,
    /// Notes for the panel.
    pub notes: String,
    /// Panelists asking each question: 1, or 2 for calibration overlap.
    pub coverage: u8,
    /// The newest version of the plan's pack, when it is newer than the plan's.
    pub newer_pack_version: Option<u32>,
    /// How many questions the plan's pack version has (the plan may ask fewer, and borrow
    /// others): the plan screen says "12 of its 18" without reading the whole pack.
    pub pack_size: u32,
    /// The questions the plan asks, numbered as the plan numbers them, in plan order.
    pub questions: Vec<crate::bank::BankQuestion>,
    /// The panel in order.
    pub panelists: Vec<PanelistView>,
    /// Who asks what, by question number then panel order.
    pub assignments: Vec<AssignmentView>,
    /// What the lead should know.
    pub warnings: Vec<String>,
    /// The lead's own plan, or a panelist's copy made from a kit.
    pub mode: crate::plans::PlanMode,
    /// Lead's plan: each panelist's kit and returned scorecard, in panel order.
    pub exchange: Vec<crate::exchange::PanelistExchange>,
    /// Panelist's copy: the kit it came from.
    pub held_kit: Option<crate::exchange::HeldKitInfo>,
}

/// A panelist with their load.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PanelistView {
    /// Panelist id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Email.
    pub email: Option<String>,
    /// Slot length in minutes.
    pub minutes: u32,
    /// Capabilities they are best placed to probe.
    pub focus: Vec<Capability>,
    /// Question numbers they must not get.
    pub excluded: Vec<u32>,
    /// Minutes of questions given.
    pub load_minutes: u32,
    /// The fingerprint of the identity recorded for the person (the team folder encrypts their
    /// kits to it), when there is one.
    pub identity_fingerprint: Option<String>,
}

/// One question given to one panelist.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AssignmentView {
    /// Question number as the plan shows it.
    pub question_number: u32,
    /// Question id.
    pub question_id: i64,
    /// Panelist id.
    pub panelist_id: i64,
    /// Order within the panelist's list, from 0.
    pub position: u32,
    /// Fixed by the lead ("pinned" on screen and in JSON).
    #[serde(rename = "pinned")]
    pub fixed: bool,
    /// Why, in words.
    pub reason: String,
    /// Why, as data.
    pub reason_kind: Reason,
}

impl PlanDetail {
    /// The questions one panelist asks, in asking order.
    pub fn questions_of(&self, panelist_id: i64) -> Vec<&AssignmentView> {
        let mut mine: Vec<&AssignmentView> = self
            .assignments
            .iter()
            .filter(|a| a.panelist_id == panelist_id)
            .collect();
        mine.sort_by_key(|a| a.position);
        mine
    }
}

/// Makes one change to a plan in its own transaction and returns the plan as it now is: what
/// every editing command of the board answers with.
pub fn apply<T>(
    db: &mut crate::Db,
    plan_id: i64,
    change: impl FnOnce(&rusqlite::Transaction) -> Result<T>,
) -> Result<PlanDetail> {
    db.with_tx(change)?;
    show(db.conn(), plan_id)
}

/// What a plan is, without its panel, split or questions: what readers that need only the
/// header load (interview mode, the paper kit), instead of the split board's whole view.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PlanHeader {
    /// Plan id.
    pub id: i64,
    /// Candidate's name.
    pub candidate: String,
    /// Candidate's email.
    pub email: Option<String>,
    /// Target level.
    pub level: Level,
    /// Role title.
    pub role_title: String,
    /// Status.
    pub status: PlanStatus,
    /// Interview start (RFC 3339, UTC).
    pub starts_at: Option<String>,
    /// Panel lead.
    pub panel_lead: String,
    /// When the plan was created (RFC 3339, UTC): with the id, it tells this plan from one of
    /// another database.
    pub created_at: crate::time::Timestamp,
    /// Stable id of the pinned question pack.
    pub pack_id: String,
    /// Pinned pack version.
    pub pack_version: u32,
    /// Title of the plan's pack.
    pub pack_title: String,
    /// What a strong answer looks like at the plan's level, from the plan's pack.
    pub level_guidance: Option<String>,
}

/// A plan's header; [`Error::NotFound`] when there is no such plan.
pub fn header(conn: &Connection, plan_id: i64) -> Result<PlanHeader> {
    let row = conn.query_row_cached(
        "SELECT c.name, c.email, p.level, p.role_title, p.status, p.starts_at, p.panel_lead,
                p.created_at, k.pack_key, k.version, k.title, k.level_guidance
         FROM plans p JOIN candidates c ON c.id = p.candidate_id
                      JOIN question_packs k ON k.id = p.pack_id
         WHERE p.id = ?1",
        params![plan_id],
        |r| {
            let level: String = r.get(2)?;
            let status: String = r.get(4)?;
            let status = PlanStatus::from_slug(&status).ok_or_else(|| bad_value(4, &status))?;
            let level = Level::from_slug(&level).ok_or_else(|| bad_value(2, &level))?;
            let guidance: crate::bank::LevelGuidance =
                serde_json::from_str(&r.get::<_, String>(11)?).unwrap_or_default();
            Ok(PlanHeader {
                id: plan_id,
                candidate: r.get(0)?,
                email: r.get(1)?,
                level,
                role_title: r.get(3)?,
                status,
                starts_at: r.get(5)?,
                panel_lead: r.get(6)?,
                created_at: r.get(7)?,
                pack_id: r.get(8)?,
                pack_version: r.get(9)?,
                pack_title: r.get(10)?,
                level_guidance: guidance.for_level(level).map(str::to_string),
            })
        },
    );
    match row {
        Err(rusqlite::Error::QueryReturnedNoRows) => Err(Error::NotFound {
            what: "plan",
            id: plan_id,
        }),
        other => Ok(other?),
    }
}

/// Loads a plan in full.
pub fn show(conn: &Connection, plan_id: i64) -> Result<PlanDetail> {
    let h = header(conn, plan_id)?;
    type Row = (bool, String, String, u8, u32, u32);
    let (archived, recruiter, notes, coverage, newest, pack_size): Row = conn.query_row_cached(
        "SELECT p.archived_at IS NOT NULL, p.recruiter, p.notes, p.coverage,
                (SELECT max(n.version) FROM question_packs n WHERE n.pack_key = k.pack_key),
                (SELECT count(*) FROM questions q WHERE q.pack_id = p.pack_id)
         FROM plans p JOIN question_packs k ON k.id = p.pack_id WHERE p.id = ?1",
        params![plan_id],
        |r| Row::try_from(r),
    )?;
    let next_statuses = h.status.next().to_vec();
    let newer_pack_version = (newest > h.pack_version).then_some(newest);
    let mut detail = PlanDetail {
        header: h,
        next_statuses,
        archived,
        recruiter,
        notes,
        coverage,
        newer_pack_version,
        pack_size,
        questions: Vec::new(),
        panelists: Vec::new(),
        assignments: Vec::new(),
        warnings: Vec::new(),
        mode: crate::plans::PlanMode::Lead,
        exchange: Vec::new(),
        held_kit: None,
    };
    detail.questions = super::plan_questions(conn, plan_id)?;
    let input = split_input(conn, plan_id)?;
    let report = evaluate(&input, stored_allocations(conn, plan_id)?);
    let number_of = |id: i64| {
        input
            .questions
            .iter()
            .find(|q| q.id == id)
            .map(|q| q.number)
    };
    // The engine's view of the panel has no emails or identities; the view adds them.
    let mut stmt = conn.prepare_cached(
        "SELECT x.id, x.email, pe.identity FROM panelists x
         LEFT JOIN people pe ON pe.id = x.person_id WHERE x.plan_id = ?1",
    )?;
    type Contact = (Option<String>, Option<String>);
    let contacts: std::collections::HashMap<i64, Contact> = stmt
        .query_map([plan_id], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<rusqlite::Result<_>>()?;
    detail.panelists = input
        .panelists
        .iter()
        .zip(&report.loads)
        .map(|(p, load)| PanelistView {
            id: p.id,
            name: p.name.clone(),
            email: contacts.get(&p.id).and_then(|c| c.0.clone()),
            minutes: p.slot_minutes,
            focus: p.focus.clone(),
            excluded: p.excluded.iter().filter_map(|&id| number_of(id)).collect(),
            load_minutes: load.minutes,
            identity_fingerprint: contacts
                .get(&p.id)
                .and_then(|c| c.1.as_deref())
                .and_then(|line| crate::identity::PublicIdentity::parse(line).ok())
                .map(|i| i.fingerprint),
        })
        .collect();
    detail.assignments = report
        .allocations
        .iter()
        .filter_map(|a| {
            Some(AssignmentView {
                question_number: number_of(a.question_id)?,
                question_id: a.question_id,
                panelist_id: a.panelist_id,
                position: a.position,
                fixed: a.fixed,
                reason: a.reason.explain(),
                reason_kind: a.reason,
            })
        })
        .collect();
    detail.warnings = report.warnings.iter().map(ToString::to_string).collect();
    detail.mode = crate::plans::mode_of(conn, plan_id)?;
    match detail.mode {
        crate::plans::PlanMode::Lead => {
            detail.exchange = crate::exchange::exchange_status(conn, plan_id)?;
        }
        crate::plans::PlanMode::Panelist => {
            // The copy holds one panelist's questions on purpose: the split's warnings about
            // the rest of the pack would be noise here.
            detail.warnings.clear();
            detail.held_kit = crate::exchange::held_kit(conn, plan_id)?;
        }
    }
    Ok(detail)
}
