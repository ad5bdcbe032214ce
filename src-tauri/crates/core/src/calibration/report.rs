//! The calibration report: the answers that count ([`counted`](super::counted)) fed to the pure
//! engine ([`fit_leniency`], [`question_health`]) and joined back to people and questions with
//! the figures the engine does not need (adherence, time to submission, recommendations, rubric
//! points nobody ticks). The Calibration screen, `panelctl calibration` and the pack's question
//! health (the Question bank and the pack editor) all show this.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::Connection;
use serde::Serialize;

use super::counted::{
    choices, counted_answers, counted_cards, people_names, Card, Row, SameText, ScopeQuestion,
    Scoped,
};
use super::{
    fit_leniency, question_health, AgreementStatus, FitSettings, LeniencyVerdict, PairAgreement,
    QuestionKey, ScoreCounts, MIN_QUESTION_ANSWERS,
};
use crate::bank::{PackRef, PackRow};
use crate::Result;

/// Which answers a report covers.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CalibrationScope {
    /// The pack version; `None` for the newest version of the pack with the most answers.
    pub pack: Option<PackRef>,
    /// Every version of the pack, on the questions whose text is the same in all of them
    /// (matched by text); the chosen version names them.
    pub all_versions: bool,
}

/// The pack version a report is about, and the versions that have answers to choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ScopeChoice {
    /// Pack id and version.
    pub pack: PackRef,
    /// Pack title.
    pub title: String,
    /// Answers that count for calibration on this version.
    pub answers: u32,
}

/// Everything the Calibration screen shows.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CalibrationReport {
    /// The version reported on (`None` when no pack has a counted answer yet).
    pub scope: Option<ScopeChoice>,
    /// Whether every version of the pack counts (questions matched by text).
    pub all_versions: bool,
    /// Every pack version with counted answers, most answers first.
    pub choices: Vec<ScopeChoice>,
    /// Candidates (plans) whose answers count.
    pub candidates: u32,
    /// Scored answers in the fit.
    pub answers: u32,
    /// The mean of every counted score.
    pub panel_mean: Option<f64>,
    /// One sentence on what was counted, for the top of the screen.
    pub in_words: String,
    /// Per interviewer, most lenient first; those with too few answers last.
    pub interviewers: Vec<InterviewerCalibration>,
    /// Per question, in the pack's order.
    pub questions: Vec<QuestionCalibration>,
}

/// Recommendations an interviewer gave, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RecommendationCounts {
    /// Strong no.
    pub strong_no: u32,
    /// No.
    pub no: u32,
    /// Yes.
    pub yes: u32,
    /// Strong yes.
    pub strong_yes: u32,
    /// Submitted without one.
    pub none: u32,
}

/// One interviewer's row.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct InterviewerCalibration {
    /// The person.
    pub person_id: i64,
    /// Their name, or "Former interviewer N".
    pub name: String,
    /// Whether they were purged.
    pub former: bool,
    /// Submitted scorecards with an answer in scope.
    pub scorecards: u32,
    /// Scored answers in the fit.
    pub answers: u32,
    /// Points their scores sit above (positive) or below the panel on the same candidates and
    /// questions, shrunk toward zero for few answers.
    pub leniency_offset: f64,
    /// Approximate 95 % interval of the offset, `[low, high]`.
    pub interval: Option<(f64, f64)>,
    /// What the offset says.
    pub verdict: LeniencyVerdict,
    /// The offset in words, with the answers it rests on.
    pub in_words: String,
    /// Their scores, counted.
    pub scores: ScoreCounts,
    /// Their recommendations, counted.
    pub recommendations: RecommendationCounts,
    /// Share of their questions marked not asked.
    pub not_asked_share: f64,
    /// Rubric points ticked per scored answer, on average.
    pub points_per_answer: f64,
    /// Share of their scored answers without a note.
    pub without_notes_share: f64,
    /// Median days from the interview to submission (plans with an interview time).
    pub median_days_to_submit: Option<f64>,
    /// Adherence in words.
    pub adherence_in_words: String,
}

/// One question's row.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct QuestionCalibration {
    /// Number in the reported version.
    pub number: u32,
    /// The question's text.
    pub text: String,
    /// Scored answers.
    pub answers: u32,
    /// Candidates who answered it.
    pub candidates: u32,
    /// Mean score.
    pub mean: Option<f64>,
    /// Standard deviation of its scores.
    pub spread: Option<f64>,
    /// Its scores, counted.
    pub scores: ScoreCounts,
    /// Share of 4s.
    pub ceiling_share: f64,
    /// Share of 1s.
    pub floor_share: f64,
    /// Whether it barely separates candidates.
    pub barely_separates: bool,
    /// Agreement between two interviewers who scored the same candidate on it.
    pub agreement: PairAgreement,
    /// Strong-answer points no counted answer ticked (only said with enough answers).
    pub unticked_points: Vec<String>,
    /// Its health in words.
    pub in_words: String,
}

/// The calibration report over `scope`.
pub fn calibration_report(
    conn: &Connection,
    scope: &CalibrationScope,
) -> Result<CalibrationReport> {
    // Each table is read once, in its own order (no per-answer lookups): the scorecards that
    // count, then every answer, then the rubric points ticked on the ones in scope.
    let cards = counted_cards(conn)?;
    let answers = counted_answers(conn, &cards)?;
    let choices = choices(conn, &answers)?;
    let chosen: Option<PackRow> = match &scope.pack {
        Some(pack) => Some(crate::bank::resolve_pack(conn, pack)?),
        // The newest version with answers of the pack with the most answers.
        None => match choices.first() {
            Some(most) => {
                let newest = choices
                    .iter()
                    .filter(|c| c.pack.id == most.pack.id)
                    .map(|c| c.pack.version)
                    .max()
                    .unwrap_or(most.pack.version);
                Some(crate::bank::resolve_pack(
                    conn,
                    &PackRef::new(most.pack.id.clone(), newest),
                )?)
            }
            None => None,
        },
    };
    let Some(chosen) = chosen else {
        return Ok(empty(choices, scope.all_versions));
    };
    let others = if scope.all_versions {
        SameText::SamePack
    } else {
        SameText::None
    };
    let mut counted = Scoped::new(conn, &chosen, others, answers)?;
    counted.attach_ticked_points(conn)?;
    let scored = counted.scored();
    let fit = fit_leniency(&scored, &FitSettings::default())?;
    let health = question_health(&scored)?;

    let people = people_names(conn)?;
    let mut by_person: HashMap<i64, Vec<&Row>> = HashMap::new();
    for r in &counted.rows {
        by_person.entry(r.person).or_default().push(r);
    }
    let mut interviewers: Vec<InterviewerCalibration> = fit
        .interviewers
        .iter()
        .map(|lenient| {
            let person = lenient.interviewer.0;
            let theirs = by_person.remove(&person).unwrap_or_default();
            let (name, former) = people
                .get(&person)
                .cloned()
                .unwrap_or_else(|| (format!("Interviewer {person}"), false));
            interviewer_row(person, name, former, lenient, &theirs, &cards)
        })
        .collect();
    // Most generous first; those with too few answers to say anything about last.
    interviewers.sort_by(|a, b| {
        let too_few = |i: &InterviewerCalibration| i.verdict == LeniencyVerdict::TooFewAnswers;
        too_few(a)
            .cmp(&too_few(b))
            .then(b.leniency_offset.total_cmp(&a.leniency_offset))
            .then(a.name.cmp(&b.name))
    });

    let questions = question_rows(&counted, &health);

    let candidates = counted
        .rows
        .iter()
        .map(|r| r.plan)
        .collect::<BTreeSet<_>>()
        .len() as u32;
    let scope_choice = ScopeChoice {
        pack: chosen.pack_ref(),
        title: chosen.title.clone(),
        answers: choices
            .iter()
            .find(|c| c.pack == chosen.pack_ref())
            .map_or(0, |c| c.answers),
    };
    let in_words = if fit.answers == 0 {
        format!(
            "No submitted scores on {} version {} yet: calibration needs plans whose panel has \
             submitted.",
            chosen.title, chosen.version
        )
    } else {
        format!(
            "{} scored answers from {} candidates and {} interviewers on {} {}. Only \
             independent, submitted scores of plans whose seal is open count.",
            fit.answers,
            candidates,
            fit.interviewers.len(),
            chosen.title,
            if scope.all_versions {
                "(every version, questions whose text did not change)".to_string()
            } else {
                format!("version {}", chosen.version)
            }
        )
    };
    Ok(CalibrationReport {
        scope: Some(scope_choice),
        all_versions: scope.all_versions,
        choices,
        candidates,
        answers: fit.answers,
        panel_mean: (fit.answers > 0).then_some(fit.panel_mean),
        in_words,
        interviewers,
        questions,
    })
}

/// Each question of a pack version with its health, for the Question bank and the pack editor:
/// the same figures as the Calibration screen's questions, without fitting the interviewers.
/// With `same_wording_anywhere` (the editor), a question counts every answer to its exact
/// wording in any pack and version — a duplicated or newly edited pack has no interviews of
/// its own yet, but its unchanged questions have a history.
pub fn pack_question_health(
    conn: &Connection,
    pack: &PackRef,
    same_wording_anywhere: bool,
) -> Result<Vec<QuestionCalibration>> {
    let chosen = crate::bank::resolve_pack(conn, pack)?;
    let cards = counted_cards(conn)?;
    let others = if same_wording_anywhere {
        SameText::AnyPack
    } else {
        SameText::None
    };
    let mut scope = Scoped::new(conn, &chosen, others, counted_answers(conn, &cards)?)?;
    scope.attach_ticked_points(conn)?;
    let health = question_health(&scope.scored())?;
    Ok(question_rows(&scope, &health))
}

/// Every question of the scope with its health and the points nobody ticked.
fn question_rows(scope: &Scoped, health: &[super::QuestionHealth]) -> Vec<QuestionCalibration> {
    let mut ticked: HashMap<QuestionKey, BTreeSet<u32>> = HashMap::new();
    for r in scope.rows.iter().filter(|r| r.score.is_some()) {
        ticked
            .entry(scope.question_of(r).key)
            .or_default()
            .extend(&r.ticked);
    }
    scope
        .questions
        .iter()
        .map(|q| question_row(q, health.iter().find(|h| h.question == q.key), &ticked))
        .collect()
}

fn empty(choices: Vec<ScopeChoice>, all_versions: bool) -> CalibrationReport {
    CalibrationReport {
        scope: None,
        all_versions,
        choices,
        candidates: 0,
        answers: 0,
        panel_mean: None,
        in_words: "No submitted scores yet: calibration compares interviewers once panels have \
                   submitted their scorecards."
            .into(),
        interviewers: Vec::new(),
        questions: Vec::new(),
    }
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}

fn interviewer_row(
    person: i64,
    name: String,
    former: bool,
    lenient: &super::InterviewerLeniency,
    rows: &[&Row],
    cards: &HashMap<i64, Card>,
) -> InterviewerCalibration {
    let scored: Vec<&&Row> = rows.iter().filter(|r| r.score.is_some()).collect();
    let not_asked = rows.iter().filter(|r| r.not_asked).count();
    let ticked: usize = scored.iter().map(|r| r.ticked.len()).sum();
    let without_notes = scored.iter().filter(|r| r.without_notes).count();
    // One recommendation and one submission time per scorecard.
    let cards: BTreeMap<i64, &Card> = rows
        .iter()
        .filter_map(|r| cards.get(&r.scorecard).map(|c| (r.scorecard, c)))
        .collect();
    let mut recommendations = RecommendationCounts::default();
    for card in cards.values() {
        match card.recommendation.as_deref() {
            Some("strong-no") => recommendations.strong_no += 1,
            Some("no") => recommendations.no += 1,
            Some("yes") => recommendations.yes += 1,
            Some("strong-yes") => recommendations.strong_yes += 1,
            _ => recommendations.none += 1,
        }
    }
    let median_days = median(
        cards
            .values()
            .filter_map(|c| c.days_to_submit)
            .filter(|d| *d >= 0.0)
            .collect(),
    );
    let not_asked_share = share(not_asked, rows.len());
    let points_per_answer = if scored.is_empty() {
        0.0
    } else {
        ticked as f64 / scored.len() as f64
    };
    let without_notes_share = share(without_notes, scored.len());
    let mut adherence = format!(
        "{} of questions marked not asked; {points_per_answer:.1} rubric points ticked per \
         answer; {} of answers without notes",
        percent(not_asked_share),
        percent(without_notes_share)
    );
    if let Some(days) = median_days {
        adherence.push_str(&if days < 1.0 {
            format!(
                "; submits about {:.0} hours after the interview",
                days * 24.0
            )
        } else {
            format!("; submits about {days:.1} days after the interview")
        });
    }
    adherence.push('.');
    InterviewerCalibration {
        person_id: person,
        name,
        former,
        scorecards: cards.len() as u32,
        answers: lenient.answers,
        leniency_offset: lenient.leniency_offset,
        interval: lenient.interval,
        verdict: lenient.verdict,
        in_words: lenient.in_words.clone(),
        scores: lenient.scores,
        recommendations,
        not_asked_share,
        points_per_answer,
        without_notes_share,
        median_days_to_submit: median_days,
        adherence_in_words: adherence,
    }
}

fn question_row(
    q: &ScopeQuestion,
    health: Option<&super::QuestionHealth>,
    ticked: &HashMap<QuestionKey, BTreeSet<u32>>,
) -> QuestionCalibration {
    let answers = health.map_or(0, |h| h.answers);
    let unticked_points = if answers >= MIN_QUESTION_ANSWERS {
        let ticked = ticked.get(&q.key);
        q.points
            .iter()
            .enumerate()
            .filter(|(i, _)| !ticked.is_some_and(|t| t.contains(&(*i as u32))))
            .map(|(_, p)| p.clone())
            .collect()
    } else {
        Vec::new()
    };
    let mut in_words = health.map_or_else(
        || "No submitted scores on this question yet.".to_string(),
        |h| h.in_words.clone(),
    );
    if !unticked_points.is_empty() {
        let (never, all) = (unticked_points.len(), q.points.len());
        in_words.push_str(&if never == all {
            format!(" None of its {all} strong-answer points was ever ticked.")
        } else if never == 1 {
            format!(" 1 of its {all} strong-answer points was never ticked.")
        } else {
            format!(" {never} of its {all} strong-answer points were never ticked.")
        });
    }
    QuestionCalibration {
        number: q.number,
        text: q.text.clone(),
        answers,
        candidates: health.map_or(0, |h| h.candidates),
        mean: health.map(|h| h.mean),
        spread: health.and_then(|h| h.spread),
        scores: health.map(|h| h.scores).unwrap_or_default(),
        ceiling_share: health.map_or(0.0, |h| h.ceiling_share),
        floor_share: health.map_or(0.0, |h| h.floor_share),
        barely_separates: health.is_some_and(|h| h.barely_separates),
        agreement: health
            .map(|h| h.agreement.clone())
            .unwrap_or(PairAgreement {
                pairs: 0,
                status: AgreementStatus::TooFewPairs,
                kappa: None,
                interval: None,
                in_words: "No pairs yet.".into(),
            }),
        unticked_points,
        in_words,
    }
}
