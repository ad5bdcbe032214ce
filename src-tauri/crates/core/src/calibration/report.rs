//! The calibration report: which answers count, read from the database, fed to the pure engine
//! ([`fit_leniency`], [`question_health`]), and joined back to people and questions with the
//! figures the engine does not need (adherence, time to submission, recommendations, rubric
//! points nobody ticks). The Calibration screen and `panelctl calibration` both show this.
//!
//! What counts: answers on submitted scorecards of the lead's own plans, for questions of the
//! chosen pack version, from plans whose seal is open (a sealed plan's scores are not to be
//! seen, not even through an average). A purged candidate's plan is gone, and with it their
//! answers; a purged interviewer is counted under "Former interviewer N".

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::{params, Connection};
use serde::Serialize;

use super::{
    fit_leniency, question_health, AgreementStatus, CandidateKey, FitSettings, InterviewerKey,
    LeniencyVerdict, PairAgreement, QuestionKey, ScoreCounts, ScoredAnswer, MIN_QUESTION_ANSWERS,
};
use crate::bank::{PackRef, PackRow};
use crate::db::CachedStatements;
use crate::{Error, Result};

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

/// A question of the scope: its key for the engine and what the screen names it by.
struct ScopeQuestion {
    key: QuestionKey,
    number: u32,
    text: String,
    points: Vec<String>,
}

/// A counted scorecard: submitted, by a known person, on a lead's plan whose seal is open.
struct Card {
    plan: i64,
    person: i64,
    recommendation: Option<String>,
    days_to_submit: Option<f64>,
}

/// One counted answer (scored or marked not asked) of a counted scorecard.
struct Row {
    answer: i64,
    plan: i64,
    scorecard: i64,
    person: i64,
    question: i64,
    score: Option<u8>,
    not_asked: bool,
    without_notes: bool,
    ticked: Vec<u32>,
}

/// The SQL test for "this plan's scores may be seen": not sealed with someone still to submit.
const SEAL_OPEN: &str = "NOT (p.sealed AND EXISTS (
        SELECT 1 FROM panelists w LEFT JOIN scorecards ws ON ws.panelist_id = w.id
        WHERE w.plan_id = p.id AND coalesce(ws.status, 'draft') <> 'submitted'))";

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
    let questions = scope_questions(conn, &chosen, others)?;
    let by_id: HashMap<i64, usize> = questions
        .iter()
        .enumerate()
        .flat_map(|(i, (ids, _))| ids.iter().map(move |id| (*id, i)))
        .collect();
    let mut rows: Vec<Row> = answers
        .into_iter()
        .filter(|r| by_id.contains_key(&r.question))
        .collect();
    attach_ticked_points(conn, &mut rows)?;
    let questions: Vec<ScopeQuestion> = questions.into_iter().map(|(_, q)| q).collect();

    let scored = scored_answers(&rows, &questions, &by_id);
    let fit = fit_leniency(&scored, &FitSettings::default())?;
    let health = question_health(&scored)?;

    let people = people_names(conn)?;
    let mut by_person: HashMap<i64, Vec<&Row>> = HashMap::new();
    for r in &rows {
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

    let questions = question_rows(&questions, &by_id, &rows, &health);

    let candidates = rows.iter().map(|r| r.plan).collect::<BTreeSet<_>>().len() as u32;
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
    let questions = scope_questions(conn, &chosen, others)?;
    let by_id: HashMap<i64, usize> = questions
        .iter()
        .enumerate()
        .flat_map(|(i, (ids, _))| ids.iter().map(move |id| (*id, i)))
        .collect();
    let mut rows: Vec<Row> = counted_answers(conn, &cards)?
        .into_iter()
        .filter(|r| by_id.contains_key(&r.question))
        .collect();
    attach_ticked_points(conn, &mut rows)?;
    let questions: Vec<ScopeQuestion> = questions.into_iter().map(|(_, q)| q).collect();
    let scored: Vec<ScoredAnswer> = scored_answers(&rows, &questions, &by_id);
    let health = question_health(&scored)?;
    Ok(question_rows(&questions, &by_id, &rows, &health))
}

/// The engine's view of the scored rows.
fn scored_answers(
    rows: &[Row],
    questions: &[ScopeQuestion],
    by_id: &HashMap<i64, usize>,
) -> Vec<ScoredAnswer> {
    rows.iter()
        .filter_map(|r| {
            Some(ScoredAnswer {
                candidate: CandidateKey(r.plan),
                question: questions[by_id[&r.question]].key,
                interviewer: InterviewerKey(r.person),
                score: r.score?,
            })
        })
        .collect()
}

/// Every question of the scope with its health and the points nobody ticked.
fn question_rows(
    questions: &[ScopeQuestion],
    by_id: &HashMap<i64, usize>,
    rows: &[Row],
    health: &[super::QuestionHealth],
) -> Vec<QuestionCalibration> {
    let mut ticked: HashMap<QuestionKey, BTreeSet<u32>> = HashMap::new();
    for r in rows.iter().filter(|r| r.score.is_some()) {
        ticked
            .entry(questions[by_id[&r.question]].key)
            .or_default()
            .extend(&r.ticked);
    }
    questions
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

/// Pack versions with counted scored answers, most first.
fn choices(conn: &Connection, answers: &[Row]) -> Result<Vec<ScopeChoice>> {
    let mut per_question: HashMap<i64, u32> = HashMap::new();
    for r in answers.iter().filter(|r| r.score.is_some()) {
        *per_question.entry(r.question).or_default() += 1;
    }
    let mut stmt = conn.prepare_cached(
        "SELECT q.id, qp.id, qp.pack_key, qp.version, qp.title
         FROM questions q JOIN question_packs qp ON qp.id = q.pack_id",
    )?;
    let mut per_pack: BTreeMap<i64, ScopeChoice> = BTreeMap::new();
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, u32>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    for row in rows {
        let (question, pack, key, version, title) = row?;
        if let Some(n) = per_question.get(&question) {
            per_pack
                .entry(pack)
                .or_insert_with(|| ScopeChoice {
                    pack: PackRef::new(key, version),
                    title,
                    answers: 0,
                })
                .answers += n;
        }
    }
    let mut choices: Vec<ScopeChoice> = per_pack.into_values().collect();
    choices.sort_by(|a, b| {
        b.answers
            .cmp(&a.answers)
            .then(a.pack.id.cmp(&b.pack.id))
            .then(b.pack.version.cmp(&a.pack.version))
    });
    Ok(choices)
}

/// The scope's questions: each with the question rows it stands for (one, or one per version
/// with the same text) and how the screen names it.
/// Which other questions with the same text count with a question of the chosen version.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SameText {
    /// None: the version alone.
    None,
    /// The pack's other versions.
    SamePack,
    /// Every other pack and version.
    AnyPack,
}

fn scope_questions(
    conn: &Connection,
    chosen: &PackRow,
    others: SameText,
) -> Result<Vec<(Vec<i64>, ScopeQuestion)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, number, text, strong_answer FROM questions WHERE pack_id = ?1 ORDER BY number",
    )?;
    let own: Vec<(i64, u32, String, String)> = stmt
        .query_map([chosen.row], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut same_text: HashMap<String, Vec<i64>> = HashMap::new();
    if others != SameText::None {
        let mut stmt = conn.prepare_cached(
            "SELECT q.id, q.text FROM questions q JOIN question_packs qp ON qp.id = q.pack_id
             WHERE (?3 OR qp.pack_key = ?1) AND qp.id <> ?2",
        )?;
        let rows = stmt.query_map(
            params![chosen.id, chosen.row, others == SameText::AnyPack],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
        )?;
        for row in rows {
            let (id, text) = row?;
            same_text.entry(text).or_default().push(id);
        }
    }
    own.into_iter()
        .map(|(id, number, text, points)| {
            let mut ids = vec![id];
            ids.extend(same_text.get(&text).into_iter().flatten());
            let points: Vec<String> = serde_json::from_str(&points).map_err(|e| {
                Error::InvalidInput(format!("question {number}'s strong-answer points: {e}"))
            })?;
            Ok((
                ids,
                ScopeQuestion {
                    key: QuestionKey(id),
                    number,
                    text,
                    points,
                },
            ))
        })
        .collect()
}

/// The scorecards that count, by id.
fn counted_cards(conn: &Connection) -> Result<HashMap<i64, Card>> {
    let sql = format!(
        "SELECT s.id, p.id, x.person_id, s.recommendation,
                julianday(s.submitted_at) - julianday(p.starts_at)
         FROM plans p
         JOIN panelists x ON x.plan_id = p.id AND x.person_id IS NOT NULL
         JOIN scorecards s ON s.panelist_id = x.id AND s.status = 'submitted'
         WHERE p.mode = 'lead' AND {SEAL_OPEN}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            Card {
                plan: r.get(1)?,
                person: r.get(2)?,
                recommendation: r.get(3)?,
                days_to_submit: r.get(4)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every answer of a counted scorecard that was scored or marked not asked, on any question:
/// one pass over the answers table (there is no index by question, and none is needed).
fn counted_answers(conn: &Connection, cards: &HashMap<i64, Card>) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, scorecard_id, question_id, score, not_asked_reason IS NOT NULL,
                trim(notes) = ''
         FROM answers WHERE score IS NOT NULL OR not_asked_reason IS NOT NULL",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let scorecard: i64 = r.get(1)?;
        let Some(card) = cards.get(&scorecard) else {
            continue;
        };
        out.push(Row {
            answer: r.get(0)?,
            plan: card.plan,
            scorecard,
            person: card.person,
            question: r.get(2)?,
            score: r.get(3)?,
            not_asked: r.get(4)?,
            without_notes: r.get(5)?,
            ticked: Vec::new(),
        });
    }
    Ok(out)
}

/// The counted scorecards of every lead plan on which one of `people` sat.
fn neighbourhood_cards(conn: &Connection, people: &[i64]) -> Result<HashMap<i64, Card>> {
    let mut plans_of = conn.prepare_cached("SELECT plan_id FROM panelists WHERE person_id = ?1")?;
    let mut plans: Vec<i64> = Vec::new();
    for person in people {
        let theirs = plans_of.query_map([person], |r| r.get::<_, i64>(0))?;
        for plan in theirs {
            plans.push(plan?);
        }
    }
    plans.sort_unstable();
    plans.dedup();
    let sql = format!(
        "SELECT s.id, p.id, x.person_id, s.recommendation,
                julianday(s.submitted_at) - julianday(p.starts_at)
         FROM plans p
         JOIN panelists x ON x.plan_id = p.id AND x.person_id IS NOT NULL
         JOIN scorecards s ON s.panelist_id = x.id AND s.status = 'submitted'
         WHERE p.id = ?1 AND p.mode = 'lead' AND {SEAL_OPEN}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut cards = HashMap::new();
    for plan in plans {
        let rows = stmt.query_map([plan], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                Card {
                    plan: r.get(1)?,
                    person: r.get(2)?,
                    recommendation: r.get(3)?,
                    days_to_submit: r.get(4)?,
                },
            ))
        })?;
        for row in rows {
            let (id, card) = row?;
            cards.insert(id, card);
        }
    }
    Ok(cards)
}

/// The counted answers of `cards`, read card by card through the answers' scorecard index.
fn answers_of_cards(conn: &Connection, cards: &HashMap<i64, Card>) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, question_id, score, not_asked_reason IS NOT NULL, trim(notes) = ''
         FROM answers
         WHERE scorecard_id = ?1 AND (score IS NOT NULL OR not_asked_reason IS NOT NULL)",
    )?;
    let mut ids: Vec<&i64> = cards.keys().collect();
    ids.sort_unstable();
    let mut out = Vec::new();
    for &scorecard in ids {
        let card = &cards[&scorecard];
        let rows = stmt.query_map([scorecard], |r| {
            Ok(Row {
                answer: r.get(0)?,
                plan: card.plan,
                scorecard,
                person: card.person,
                question: r.get(1)?,
                score: r.get(2)?,
                not_asked: r.get(3)?,
                without_notes: r.get(4)?,
                ticked: Vec::new(),
            })
        })?;
        for row in rows {
            out.push(row?);
        }
    }
    Ok(out)
}

/// Fills in the strong-answer points ticked on each row, in one pass over the ticks.
fn attach_ticked_points(conn: &Connection, rows: &mut [Row]) -> Result<()> {
    let index: HashMap<i64, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.answer, i))
        .collect();
    let mut stmt = conn.prepare_cached("SELECT answer_id, point_index FROM answer_coverage")?;
    let mut ticks = stmt.query([])?;
    while let Some(t) = ticks.next()? {
        if let Some(&i) = index.get(&t.get::<_, i64>(0)?) {
            rows[i].ticked.push(t.get(1)?);
        }
    }
    Ok(())
}

fn people_names(conn: &Connection) -> Result<HashMap<i64, (String, bool)>> {
    let mut stmt = conn.prepare_cached("SELECT id, name, former IS NOT NULL FROM people")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
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
    let theirs: BTreeMap<i64, &Card> = rows
        .iter()
        .filter_map(|r| cards.get(&r.scorecard).map(|c| (r.scorecard, c)))
        .collect();
    let cards = theirs;
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

/// One panelist behind a plan's adjusted means: their offset and the history it rests on.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PanelistOffset {
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

    // The fit is over the candidates these interviewers scored (their co-raters' answers on
    // those candidates included): what an offset means, at a cost that follows the panel's
    // history rather than the whole database.
    let mut people: Vec<i64> = plan_rows.iter().filter_map(|r| r.2).collect();
    people.sort_unstable();
    people.dedup();
    let cards = neighbourhood_cards(conn, &people)?;
    let questions = scope_questions(conn, &pack, SameText::None)?;
    let by_id: HashMap<i64, usize> = questions
        .iter()
        .enumerate()
        .flat_map(|(i, (ids, _))| ids.iter().map(move |id| (*id, i)))
        .collect();
    let rows: Vec<Row> = answers_of_cards(conn, &cards)?
        .into_iter()
        .filter(|r| r.plan != plan_id && by_id.contains_key(&r.question))
        .collect();
    let questions: Vec<ScopeQuestion> = questions.into_iter().map(|(_, q)| q).collect();
    let fit = fit_leniency(
        &scored_answers(&rows, &questions, &by_id),
        &FitSettings::default(),
    )?;

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
        if panelists.iter().any(|p| &p.name == name) {
            continue;
        }
        let fitted = fit.interviewer(key_of(*seat, *person));
        panelists.push(PanelistOffset {
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

/// Turns the plan's adjusted means on or off (the lead's choice; the packet follows it).
pub fn set_adjusted_view(conn: &Connection, plan_id: i64, on: bool) -> Result<()> {
    crate::plans::ensure_mode(conn, plan_id, crate::plans::PlanMode::Lead)?;
    conn.execute_cached(
        "UPDATE plans SET adjusted_view = ?1 WHERE id = ?2",
        params![on, plan_id],
    )?;
    Ok(())
}
