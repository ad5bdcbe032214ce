//! A plan's capability means with each interviewer's leniency taken out, for the debrief and
//! the packet: the offsets fitted over the other candidates the plan's interviewers scored, so
//! the plan's own scores do not move them and the cost follows the panel's history.

use rusqlite::{params, Connection};
use serde::Serialize;

use super::counted::{answers_of_cards, neighbourhood_cards, SameText, Scoped};
use super::{fit_leniency, FitSettings, InterviewerKey, QuestionKey};
use crate::bank::{PackRef, PackRow};
use crate::db::CachedStatements;
use crate::{Error, Result};

/// One panelist behind a plan's adjusted means: their offset and the history it rests on.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PanelistOffset {
    /// The seat (panelist id on this plan).
    pub panelist_id: i64,
    /// Name on this panel.
    pub name: String,
    /// Scored answers in the fit, other candidates only.
    pub past_answers: u32,
    /// Their leniency offset in score points.
    pub leniency_offset: f64,
}

/// A plan's capability means with each interviewer's leniency taken out, beside the raw ones:
/// an estimate, never a change to the recorded scores, the tally or the decision.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PlanAdjustment {
    /// Whether the plan's lead turned the adjusted view off.
    pub turned_off: bool,
    /// Whether every capability with scores has an adjusted mean (every interviewer behind them
    /// has [`MIN_ANSWERS`] past answers); only then are the figures shown.
    pub shown: bool,
    /// Per capability (slug), raw and adjusted.
    pub capabilities: Vec<super::AdjustedCapability>,
    /// The panel, with the offsets used.
    pub panelists: Vec<PanelistOffset>,
    /// What the figures are, or why there are none, in a sentence.
    pub in_words: String,
}

/// The one-sentence explanation printed with adjusted means, on screen and in the packet.
pub const ADJUSTED_EXPLAINED: &str = "Adjusted means are an estimate: the same scores with each \
    interviewer's usual leniency (how far their scores sit above or below other interviewers' on \
    the same candidates and questions, measured over their past answers) taken out; the recorded \
    scores, the tally and the decision do not change.";

/// The plan's adjusted capability means. The offsets come from a fit over the other counted
/// candidates the plan's interviewers scored on its pack version (so the plan's own scores do
/// not move them, and the cost follows the panel's history, not the database). Refused for a
/// panelist's copy of a plan and while the plan's scores are sealed.
pub fn plan_adjustment(conn: &Connection, plan_id: i64) -> Result<PlanAdjustment> {
    crate::plans::ensure_mode(conn, plan_id, crate::plans::PlanMode::Lead)?;
    if crate::scorecards::is_sealed(conn, plan_id)? {
        return Err(Error::Sealed(
            "the scores are sealed until every panelist has submitted".into(),
        ));
    }
    let (pack_row, turned_off): (i64, bool) = conn.query_row_cached(
        "SELECT pack_id, adjusted_view = 0 FROM plans WHERE id = ?1",
        [plan_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let pack: PackRow = {
        let (key, version): (String, u32) = conn.query_row_cached(
            "SELECT pack_key, version FROM question_packs WHERE id = ?1",
            [pack_row],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        crate::bank::resolve_pack(conn, &PackRef::new(key, version))?
    };
    // The plan's own submitted scores, on every question it asks (borrowed ones too).
    let mut stmt = conn.prepare_cached(
        "SELECT a.question_id, x.id, x.person_id, x.name, a.score, q.capabilities
         FROM panelists x
         JOIN scorecards s ON s.panelist_id = x.id AND s.status = 'submitted'
         JOIN answers a ON a.scorecard_id = s.id AND a.score IS NOT NULL
         JOIN questions q ON q.id = a.question_id
         WHERE x.plan_id = ?1 ORDER BY x.position, a.question_id",
    )?;
    type PlanRow = (i64, i64, Option<i64>, String, u8, String);
    let plan_rows: Vec<PlanRow> = stmt
        .query_map([plan_id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;

    // The fit is over the candidates these interviewers scored on their latest panels on this
    // pack version (their co-raters' answers on those candidates included): what an offset
    // means, at a cost bounded by `HISTORY_PANELS` rather than the database or their history.
    let mut people: Vec<i64> = plan_rows.iter().filter_map(|r| r.2).collect();
    people.sort_unstable();
    people.dedup();
    let cards = neighbourhood_cards(conn, &people, pack_row, plan_id)?;
    let mut theirs = answers_of_cards(conn, &cards)?;
    theirs.retain(|r| r.plan != plan_id);
    let scope = Scoped::new(conn, &pack, SameText::None, theirs)?;
    let fit = fit_leniency(&scope.scored(), &FitSettings::default())?;

    // Seats without a person (none on a lead's plan) get a key of their own, with no history.
    let key_of = |seat: i64, person: Option<i64>| InterviewerKey(person.unwrap_or(-seat));
    let answers: Vec<super::PlanAnswer> = plan_rows
        .iter()
        .map(|(question, seat, person, _, score, _)| super::PlanAnswer {
            question: QuestionKey(*question),
            interviewer: key_of(*seat, *person),
            score: *score,
        })
        .collect();
    let mut caps: Vec<super::QuestionCapabilities> = Vec::new();
    for (question, _, _, _, _, json) in &plan_rows {
        if caps.iter().any(|c| c.question.0 == *question) {
            continue;
        }
        let slugs: Vec<String> = serde_json::from_str(json).unwrap_or_default();
        caps.push(super::QuestionCapabilities {
            question: QuestionKey(*question),
            capabilities: slugs,
        });
    }
    let capabilities = super::adjusted_means(&fit, &answers, &caps)?;
    let mut panelists: Vec<PanelistOffset> = Vec::new();
    for (_, seat, person, name, _, _) in &plan_rows {
        if panelists.iter().any(|p| p.panelist_id == *seat) {
            continue;
        }
        let fitted = fit.interviewer(key_of(*seat, *person));
        panelists.push(PanelistOffset {
            panelist_id: *seat,
            name: name.clone(),
            past_answers: fitted.map_or(0, |i| i.answers),
            leniency_offset: fitted.map_or(0.0, |i| i.leniency_offset),
        });
    }
    let scored: Vec<&super::AdjustedCapability> =
        capabilities.iter().filter(|c| c.scores > 0).collect();
    let shown = !scored.is_empty() && scored.iter().all(|c| c.adjusted_mean.is_some());
    let short: Vec<String> = panelists
        .iter()
        .filter(|p| p.past_answers < super::MIN_ANSWERS)
        .map(|p| format!("{} has {}", p.name, p.past_answers))
        .collect();
    let in_words = if turned_off {
        "The panel lead turned adjusted means off for this plan.".to_string()
    } else if shown {
        ADJUSTED_EXPLAINED.to_string()
    } else if scored.is_empty() {
        "No submitted scores to adjust yet.".to_string()
    } else {
        format!(
            "Adjusted means are shown once every interviewer on the panel has {} past answers \
             on this pack version: {}.",
            super::MIN_ANSWERS,
            short.join(", ")
        )
    };
    Ok(PlanAdjustment {
        turned_off,
        shown: shown && !turned_off,
        capabilities,
        panelists,
        in_words,
    })
}

/// Turns the plan's adjusted means on or off (the lead's choice; the packet follows it) and
/// returns them as they now stand. Refused, changing nothing, for a panelist's copy and while
/// the plan's scores are sealed.
pub fn set_adjusted_view(conn: &Connection, plan_id: i64, on: bool) -> Result<PlanAdjustment> {
    crate::plans::ensure_mode(conn, plan_id, crate::plans::PlanMode::Lead)?;
    if crate::scorecards::is_sealed(conn, plan_id)? {
        return Err(Error::Sealed(
            "the scores are sealed until every panelist has submitted".into(),
        ));
    }
    conn.execute_cached(
        "UPDATE plans SET adjusted_view = ?1 WHERE id = ?2",
        params![on, plan_id],
    )?;
    plan_adjustment(conn, plan_id)
}
