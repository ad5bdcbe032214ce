//! Which answers count for calibration, read from the database: the one place that decides it,
//! for the report, the pack's question health and a plan's adjusted means alike.
//!
//! What counts: answers on submitted scorecards of the lead's own plans, by a seat linked to a
//! person, from plans whose seal is open (a sealed plan's scores are not to be seen, not even
//! through an average). A purged candidate's plan is gone, and with it their answers; a purged
//! interviewer is still a person ("Former interviewer N"). Each table is read in one pass in its
//! own order — no per-answer lookups — except around one plan ([`neighbourhood_cards`]), where
//! the panel's own history is read through the indexes.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{params, Connection};

use super::{CandidateKey, InterviewerKey, QuestionKey, ScopeChoice, ScoredAnswer};
use crate::bank::{PackRef, PackRow};
use crate::scorecards::SEALED_SQL;
use crate::{Error, Result};

/// A question of the scope: its key for the engine and what the screen names it by.
pub(super) struct ScopeQuestion {
    pub key: QuestionKey,
    pub number: u32,
    pub text: String,
    pub points: Vec<String>,
}

/// A counted scorecard: submitted, by a known person, on a lead's plan whose seal is open.
#[derive(Clone)]
pub(super) struct Card {
    pub plan: i64,
    pub person: i64,
    pub recommendation: Option<String>,
    pub days_to_submit: Option<f64>,
}

/// One counted answer (scored or marked not asked) of a counted scorecard.
pub(super) struct Row {
    pub answer: i64,
    pub plan: i64,
    pub scorecard: i64,
    pub person: i64,
    pub question: i64,
    pub score: Option<u8>,
    pub not_asked: bool,
    pub without_notes: bool,
    pub ticked: Vec<u32>,
}

/// Which other questions with the same text count with a question of the chosen version.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum SameText {
    /// None: the version alone.
    None,
    /// The pack's other versions.
    SamePack,
    /// Every other pack and version.
    AnyPack,
}

/// The counted answers to the questions of one scope, each question with the question rows it
/// stands for (one, or one per version or pack with the same text).
pub(super) struct Scoped {
    /// The chosen version's questions, in its order.
    pub questions: Vec<ScopeQuestion>,
    /// Question row id → index into `questions`.
    by_id: HashMap<i64, usize>,
    /// The counted answers to them.
    pub rows: Vec<Row>,
}

impl Scoped {
    /// The scope of `chosen` (with `others` of the same text), keeping the `answers` to it.
    pub fn new(
        conn: &Connection,
        chosen: &PackRow,
        others: SameText,
        answers: Vec<Row>,
    ) -> Result<Scoped> {
        let questions = scope_questions(conn, chosen, others)?;
        let by_id: HashMap<i64, usize> = questions
            .iter()
            .enumerate()
            .flat_map(|(i, (ids, _))| ids.iter().map(move |id| (*id, i)))
            .collect();
        let rows = answers
            .into_iter()
            .filter(|r| by_id.contains_key(&r.question))
            .collect();
        Ok(Scoped {
            questions: questions.into_iter().map(|(_, q)| q).collect(),
            by_id,
            rows,
        })
    }

    /// The scope's question a row answers.
    pub fn question_of(&self, row: &Row) -> &ScopeQuestion {
        &self.questions[self.by_id[&row.question]]
    }

    /// The engine's view of the scored rows.
    pub fn scored(&self) -> Vec<ScoredAnswer> {
        self.rows
            .iter()
            .filter_map(|r| {
                Some(ScoredAnswer {
                    candidate: CandidateKey(r.plan),
                    question: self.question_of(r).key,
                    interviewer: InterviewerKey(r.person),
                    score: r.score?,
                })
            })
            .collect()
    }

    /// Fills in the strong-answer points ticked on each row: one pass over the ticks in their
    /// table's order (by answer), merged with the rows in the same order.
    pub fn attach_ticked_points(&mut self, conn: &Connection) -> Result<()> {
        // Already in answer order when read by `counted_answers` (then this costs one pass).
        self.rows.sort_unstable_by_key(|r| r.answer);
        let mut stmt = conn.prepare_cached(
            "SELECT answer_id, point_index FROM answer_coverage ORDER BY answer_id, point_index",
        )?;
        let mut ticks = stmt.query([])?;
        let mut at = 0;
        while let Some(t) = ticks.next()? {
            let answer: i64 = t.get(0)?;
            while at < self.rows.len() && self.rows[at].answer < answer {
                at += 1;
            }
            match self.rows.get_mut(at) {
                Some(row) if row.answer == answer => row.ticked.push(t.get(1)?),
                Some(_) => {}
                None => break,
            }
        }
        Ok(())
    }
}

/// The counted scorecards of the plans `plan_filter` (SQL on `p`) keeps.
fn cards_sql(plan_filter: &str) -> String {
    format!(
        "SELECT s.id, p.id, x.person_id, s.recommendation,
                julianday(s.submitted_at) - julianday(p.starts_at)
         FROM plans p
         JOIN panelists x ON x.plan_id = p.id AND x.person_id IS NOT NULL
         JOIN scorecards s ON s.panelist_id = x.id AND s.status = 'submitted'
         WHERE {plan_filter} p.mode = 'lead' AND NOT {SEALED_SQL}"
    )
}

fn card_of(r: &rusqlite::Row) -> rusqlite::Result<(i64, Card)> {
    Ok((
        r.get(0)?,
        Card {
            plan: r.get(1)?,
            person: r.get(2)?,
            recommendation: r.get(3)?,
            days_to_submit: r.get(4)?,
        },
    ))
}

/// The scorecards that count, by id.
pub(super) fn counted_cards(conn: &Connection) -> Result<HashMap<i64, Card>> {
    let mut stmt = conn.prepare_cached(&cards_sql(""))?;
    let rows = stmt.query_map([], card_of)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many of an interviewer's latest counted panels on a pack version their offset is fitted
/// on around one plan ([`neighbourhood_cards`]). Each panel gives ~18 of their own answers, so 40
/// panels are far above `MIN_ANSWERS`; and the cost stays the same however long their history
/// (in five years of hiring an interviewer may sit on hundreds of panels, and the packet export
/// would grow with each). Recent panels are also the better guide to how they score now.
pub(super) const HISTORY_PANELS: usize = 40;

/// The counted scorecards of the lead plans on `pack_row` (other than `plan_id`) on which one of
/// `people` sat: each person's latest [`HISTORY_PANELS`] panels where their own card counts, every
/// co-rater's card on those plans included.
pub(super) fn neighbourhood_cards(
    conn: &Connection,
    people: &[i64],
    pack_row: i64,
    plan_id: i64,
) -> Result<HashMap<i64, Card>> {
    let mut plans_of = conn.prepare_cached(
        "SELECT p.id FROM panelists x JOIN plans p ON p.id = x.plan_id
         WHERE x.person_id = ?1 AND p.pack_id = ?2 AND p.id <> ?3
         ORDER BY p.id DESC",
    )?;
    let mut cards_of = conn.prepare_cached(&cards_sql("p.id = ?1 AND"))?;
    let mut read: HashMap<i64, Vec<(i64, Card)>> = HashMap::new();
    let mut cards = HashMap::new();
    for &person in people {
        let mut panels = 0;
        let mut theirs = plans_of.query(rusqlite::params![person, pack_row, plan_id])?;
        while panels < HISTORY_PANELS {
            let Some(row) = theirs.next()? else { break };
            let plan: i64 = row.get(0)?;
            let on_plan = match read.entry(plan) {
                std::collections::hash_map::Entry::Occupied(read) => read.into_mut(),
                std::collections::hash_map::Entry::Vacant(slot) => {
                    let rows = cards_of.query_map([plan], card_of)?;
                    slot.insert(rows.collect::<rusqlite::Result<_>>()?)
                }
            };
            if on_plan.iter().any(|(_, card)| card.person == person) {
                panels += 1;
                cards.extend(on_plan.iter().cloned());
            }
        }
    }
    Ok(cards)
}

/// The answer columns a [`Row`] needs after the scorecard: question, score, not asked, and
/// whether the note is blank. The expressions are those of the `answers_counted` index, written
/// the same way, so SQLite reads them from the index instead of each answer's row.
const ANSWER_COLUMNS: &str = "question_id, score, not_asked_reason IS NOT NULL, trim(notes) = ''";

/// An answer of `card` (`scorecard`), from [`ANSWER_COLUMNS`] starting at column `at`.
fn row_of(r: &rusqlite::Row, at: usize, scorecard: i64, card: &Card) -> rusqlite::Result<Row> {
    Ok(Row {
        answer: r.get(0)?,
        plan: card.plan,
        scorecard,
        person: card.person,
        question: r.get(at)?,
        score: r.get(at + 1)?,
        not_asked: r.get(at + 2)?,
        without_notes: r.get(at + 3)?,
        ticked: Vec::new(),
    })
}

/// Every answer of a counted scorecard that was scored or marked not asked, on any question, in
/// the order of their ids: one pass over the `answers_counted` index (migration 13), which holds
/// every value a [`Row`] needs, so the notes themselves are never read.
pub(super) fn counted_answers(conn: &Connection, cards: &HashMap<i64, Card>) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, scorecard_id, {ANSWER_COLUMNS}
         FROM answers INDEXED BY answers_counted
         WHERE score IS NOT NULL OR not_asked_reason IS NOT NULL"
    ))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::with_capacity(cards.len() * 36);
    // The index is in scorecard order: one lookup per scorecard, not one per answer.
    let mut card: Option<(i64, Option<&Card>)> = None;
    while let Some(r) = rows.next()? {
        let scorecard: i64 = r.get(1)?;
        let counted = match card {
            Some((id, counted)) if id == scorecard => counted,
            _ => {
                let counted = cards.get(&scorecard);
                card = Some((scorecard, counted));
                counted
            }
        };
        if let Some(counted) = counted {
            out.push(row_of(r, 2, scorecard, counted)?);
        }
    }
    out.sort_unstable_by_key(|r| r.answer);
    Ok(out)
}

/// The counted answers of `cards`, read card by card through the answers' scorecard index.
pub(super) fn answers_of_cards(conn: &Connection, cards: &HashMap<i64, Card>) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, {ANSWER_COLUMNS} FROM answers
         WHERE scorecard_id = ?1 AND (score IS NOT NULL OR not_asked_reason IS NOT NULL)"
    ))?;
    let mut ids: Vec<&i64> = cards.keys().collect();
    ids.sort_unstable();
    let mut out = Vec::new();
    for &scorecard in ids {
        let card = &cards[&scorecard];
        for row in stmt.query_map([scorecard], |r| row_of(r, 1, scorecard, card))? {
            out.push(row?);
        }
    }
    Ok(out)
}

/// Every person by id: name, and whether they were purged.
pub(super) fn people_names(conn: &Connection) -> Result<HashMap<i64, (String, bool)>> {
    let mut stmt = conn.prepare_cached("SELECT id, name, former IS NOT NULL FROM people")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Pack versions with counted scored answers, most first.
pub(super) fn choices(conn: &Connection, answers: &[Row]) -> Result<Vec<ScopeChoice>> {
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

/// The scope's questions: each with the question rows it stands for (its own, and those of
/// `others` with the same text) and how the screen names it.
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
