//! Finalists side by side: two or more candidates' debriefs reduced to what a hiring committee
//! compares (capability means raw and adjusted for interviewer leniency, recommendation tallies,
//! where each panel disagreed most, decisions so far), for the screen, `panelctl compare` and
//! the comparison PDF.
//!
//! Plans compare when they asked questions in common (the same pack version, or the same
//! wording): capability means over different questions would compare different things, so
//! each plan's capability means are taken over the common questions only. A sealed plan is
//! refused: its scores are not to be seen, even side by side.

use rusqlite::Connection;
use serde::Serialize;

use crate::debrief::{self, Debrief, RecommendationTally};
use crate::{Capability, Error, Result};

/// The most plans one comparison takes: a committee compares a shortlist, and the PDF's columns
/// stay readable.
pub const MAX_COMPARED: usize = 6;

/// Questions listed per plan as its panel's largest disagreements.
const DISAGREEMENTS_LISTED: usize = 3;

/// A comparison of finalists.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// The plans, in the order asked for.
    pub plans: Vec<ComparedPlan>,
    /// The capabilities the common questions probe, in the order they first appear.
    pub capabilities: Vec<Capability>,
    /// The questions every plan asked (by wording), in the first plan's order.
    pub common_questions: Vec<CommonQuestion>,
    /// What was compared, in a sentence.
    pub in_words: String,
}

/// A question all the compared plans asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CommonQuestion {
    /// Its number in the first plan.
    pub number: u32,
    /// Its wording.
    pub text: String,
}

/// One finalist.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ComparedPlan {
    /// Plan id.
    pub plan_id: i64,
    /// Candidate.
    pub candidate: String,
    /// Role, as the plan names it.
    pub role_title: String,
    /// Overall recommendations counted.
    pub tally: RecommendationTally,
    /// Per compared capability: the mean over the common questions, raw and adjusted.
    pub capabilities: Vec<ComparedCapability>,
    /// Whether the adjusted means are shown for this plan (every interviewer with enough
    /// history, and not turned off by its lead).
    pub adjusted_shown: bool,
    /// What the adjusted means are, or why this plan has none.
    pub adjusted_in_words: String,
    /// The panel's largest disagreements (spread of two points or more first).
    pub disagreements: Vec<Disagreement>,
    /// The decision so far, in words ("Hire", "No hire", "Hold"), or `None`.
    pub decision: Option<String>,
}

/// One capability of one finalist.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ComparedCapability {
    /// The capability.
    pub capability: Capability,
    /// Scores behind the mean.
    pub scores: u32,
    /// Mean of the scores as given.
    pub raw_mean: Option<f64>,
    /// Mean with each interviewer's leniency taken out (an estimate), when shown.
    pub adjusted_mean: Option<f64>,
}

/// A question the panel disagreed on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Disagreement {
    /// Question number in the plan.
    pub number: u32,
    /// Its wording.
    pub text: String,
    /// Highest minus lowest score.
    pub spread: u8,
}

/// Compares the plans `plan_ids` (two to [`MAX_COMPARED`], each once).
pub fn compare(conn: &Connection, plan_ids: &[i64]) -> Result<Comparison> {
    if plan_ids.len() < 2 {
        return Err(Error::InvalidInput(
            "choose at least two plans to compare".into(),
        ));
    }
    if plan_ids.len() > MAX_COMPARED {
        return Err(Error::InvalidInput(format!(
            "at most {MAX_COMPARED} plans compare at once, not {}",
            plan_ids.len()
        )));
    }
    for (i, id) in plan_ids.iter().enumerate() {
        if plan_ids[..i].contains(id) {
            return Err(Error::InvalidInput(format!("plan {id} is named twice")));
        }
    }
    let mut debriefs: Vec<Debrief> = Vec::new();
    for &id in plan_ids {
        crate::plans::ensure_mode(conn, id, crate::plans::PlanMode::Lead)?;
        if crate::scorecards::is_sealed(conn, id)? {
            let candidate = crate::plans::show(conn, id)?.header.candidate;
            return Err(Error::Sealed(format!(
                "{candidate}'s scores are sealed until every panelist has submitted, so the \
                 plan cannot be compared yet"
            )));
        }
        debriefs.push(debrief::debrief(conn, id)?);
    }
    let first = &debriefs[0];
    let common: Vec<&crate::debrief::QuestionDebrief> = first
        .questions
        .iter()
        .filter(|q| {
            debriefs[1..]
                .iter()
                .all(|d| d.questions.iter().any(|o| o.text == q.text))
        })
        .collect();
    if common.is_empty() {
        return Err(Error::InvalidInput(
            "these plans asked no question in common, so their scores do not compare".into(),
        ));
    }
    let mut capabilities: Vec<Capability> = Vec::new();
    for c in common.iter().flat_map(|q| &q.capabilities) {
        if !capabilities.contains(c) {
            capabilities.push(*c);
        }
    }
    let texts: Vec<&str> = common.iter().map(|q| q.text.as_str()).collect();

    let mut plans = Vec::new();
    for d in &debriefs {
        let adjustment = super::plan_adjustment(conn, d.plan_id)?;
        // By seat: two people of the same name on one panel keep their own offsets.
        let offsets: std::collections::HashMap<i64, f64> = adjustment
            .panelists
            .iter()
            .map(|p| (p.panelist_id, p.leniency_offset))
            .collect();
        let asked: Vec<&crate::debrief::QuestionDebrief> = d
            .questions
            .iter()
            .filter(|q| texts.contains(&q.text.as_str()))
            .collect();
        let per_capability = capabilities
            .iter()
            .map(|&capability| {
                let scores: Vec<(f64, f64)> = asked
                    .iter()
                    .filter(|q| q.capabilities.contains(&capability))
                    .flat_map(|q| &q.cells)
                    // Counted like the debrief: a draft shown after an early unseal is not.
                    .filter(|cell| cell.submitted)
                    .filter_map(|cell| {
                        let score = f64::from(cell.score?);
                        let offset = offsets.get(&cell.panelist_id).copied().unwrap_or(0.0);
                        Some((score, score - offset))
                    })
                    .collect();
                let n = scores.len() as u32;
                let mean = |pick: fn(&(f64, f64)) -> f64| {
                    (n > 0).then(|| scores.iter().map(pick).sum::<f64>() / f64::from(n))
                };
                ComparedCapability {
                    capability,
                    scores: n,
                    raw_mean: mean(|s| s.0),
                    adjusted_mean: if adjustment.shown {
                        mean(|s| s.1)
                    } else {
                        None
                    },
                }
            })
            .collect();
        let mut disagreements: Vec<Disagreement> = crate::debrief::top_disagreements(d)
            .into_iter()
            .map(|q| Disagreement {
                number: q.number,
                text: q.text.clone(),
                spread: q.spread.unwrap_or(0),
            })
            .collect();
        disagreements.truncate(DISAGREEMENTS_LISTED);
        plans.push(ComparedPlan {
            plan_id: d.plan_id,
            candidate: d.candidate.clone(),
            role_title: d.role_title.clone(),
            tally: d.tally.clone(),
            capabilities: per_capability,
            adjusted_shown: adjustment.shown,
            adjusted_in_words: adjustment.in_words,
            disagreements,
            decision: d.decision.as_ref().map(|x| x.decision.label().to_string()),
        });
    }
    let in_words = format!(
        "{} candidates compared on the {} question{} every panel asked{}.",
        plans.len(),
        common.len(),
        if common.len() == 1 { "" } else { "s" },
        if common.len() < first.questions.len() {
            format!(
                " (of {} on {}'s plan)",
                first.questions.len(),
                first.candidate
            )
        } else {
            String::new()
        }
    );
    Ok(Comparison {
        plans,
        capabilities,
        common_questions: common
            .iter()
            .map(|q| CommonQuestion {
                number: q.number,
                text: q.text.clone(),
            })
            .collect(),
        in_words,
    })
}
