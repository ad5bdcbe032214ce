//! The calibration sample: the slate it builds, and that the figures recover the leniency it
//! was generated with.

use std::collections::{BTreeMap, BTreeSet};

use super::*;
use crate::calibration::{
    fit_leniency, question_health, CandidateKey, FitSettings, InterviewerKey, LeniencyFit,
    QuestionKey, ScoredAnswer,
};
use crate::Db;

/// How close each estimated leniency must come to the truth, in score points. The estimates
/// fall short of the most lenient and most severe interviewers' true offsets by about 0.15:
/// a 4 cannot go higher (nor a 1 lower), and the fit shrinks each offset by n / (n + k).
const RECOVERY_TOLERANCE: f64 = 0.3;

/// One submitted answer as the test reads it back: plan, question number, question id,
/// interviewer (index into the pool), score.
struct Row {
    plan: i64,
    number: u32,
    question: i64,
    interviewer: usize,
    score: u8,
}

fn sample() -> (Db, CalibrationSample) {
    let mut db = Db::open_in_memory().unwrap();
    let sample = db.with_tx(|tx| create_calibration_sample(tx)).unwrap();
    (db, sample)
}

/// Every scored answer of a submitted scorecard, the interviewer found by email.
fn submitted(db: &Db, sample: &CalibrationSample) -> Vec<Row> {
    let mut stmt = db
        .conn()
        .prepare(
            "SELECT x.plan_id, pq.number, a.question_id, lower(x.email), a.score
             FROM answers a
             JOIN scorecards s ON s.id = a.scorecard_id
             JOIN panelists x ON x.id = s.panelist_id
             JOIN plan_questions pq ON pq.plan_id = x.plan_id AND pq.question_id = a.question_id
             WHERE s.status = 'submitted' AND a.score IS NOT NULL
             ORDER BY a.id",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, u32>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, u8>(4)?,
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<Vec<_>>>()
        .unwrap();
    rows.into_iter()
        .map(|(plan, number, question, email, score)| Row {
            plan,
            number,
            question,
            interviewer: sample
                .interviewers
                .iter()
                .position(|i| i.email == email)
                .expect("every panelist is one of the pool"),
            score,
        })
        .collect()
}

fn scored(rows: &[Row]) -> Vec<ScoredAnswer> {
    rows.iter()
        .map(|r| ScoredAnswer {
            candidate: CandidateKey(r.plan),
            question: QuestionKey(r.question),
            interviewer: InterviewerKey(r.interviewer as i64 + 1),
            score: r.score,
        })
        .collect()
}

fn sd(scores: &[f64]) -> f64 {
    let n = scores.len() as f64;
    let mean = scores.iter().sum::<f64>() / n;
    (scores.iter().map(|s| (s - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt()
}

#[test]
fn the_slate_has_the_shape_calibration_needs() {
    let started = std::time::Instant::now();
    let (db, sample) = sample();
    eprintln!("calibration sample created in {:.0?}", started.elapsed());
    assert_eq!(sample.plan_ids.len(), 21);
    assert_eq!(sample.interviewers.len(), 7);

    // Each interviewer sits on at least 8 plans, always under the same name and email.
    let mut seats: BTreeMap<String, usize> = BTreeMap::new();
    let mut drafts = 0;
    for &plan in &sample.plan_ids {
        let detail = plans::show(db.conn(), plan).unwrap();
        assert_eq!(detail.header.level, Level::Director);
        assert_eq!(detail.header.role_title, ROLE);
        assert_eq!(detail.panelists.len(), 4);
        assert_eq!(detail.assignments.len(), 36, "every question asked twice");
        for p in &detail.panelists {
            let email = p.email.clone().expect("panelists have emails");
            let pool = sample.interviewers.iter().find(|i| i.email == email);
            assert_eq!(pool.unwrap().name, p.name);
            *seats.entry(email).or_default() += 1;
        }
        let waiting = crate::scorecards::is_sealed(db.conn(), plan).unwrap();
        drafts += usize::from(waiting);
        if waiting {
            assert!(crate::debrief::decision_of(db.conn(), plan)
                .unwrap()
                .is_none());
        }
    }
    assert_eq!(seats.len(), 7);
    assert!(seats.values().all(|&n| n >= 8), "{seats:?}");
    assert_eq!(drafts, DRAFT_PLANS.len(), "one draft scorecard on each");
    let decided = sample
        .plan_ids
        .iter()
        .filter(|&&p| crate::debrief::decision_of(db.conn(), p).unwrap().is_some())
        .count();
    assert_eq!(decided, DECIDED_PLANS);

    let rows = submitted(&db, &sample);
    assert!(rows.iter().all(|r| (1..=4).contains(&r.score)));
    // Pairs of interviewers who scored the same question of the same candidate.
    let mut by_cell: BTreeMap<(i64, i64), Vec<usize>> = BTreeMap::new();
    for r in &rows {
        by_cell
            .entry((r.plan, r.question))
            .or_default()
            .push(r.interviewer);
    }
    let cells_with_pairs = by_cell.values().filter(|v| v.len() == 2).count();
    assert!(cells_with_pairs >= 10, "{cells_with_pairs} paired answers");
    let pairs: BTreeSet<(usize, usize)> = by_cell
        .values()
        .filter(|v| v.len() == 2)
        .map(|v| (v[0].min(v[1]), v[0].max(v[1])))
        .collect();
    assert!(pairs.len() >= 10, "{} interviewer pairs", pairs.len());

    // The flat question separates nobody: its spread is far below every other question's.
    let mut by_number: BTreeMap<u32, Vec<f64>> = BTreeMap::new();
    for r in &rows {
        by_number
            .entry(r.number)
            .or_default()
            .push(f64::from(r.score));
    }
    let flat = sd(&by_number[&FLAT_QUESTION]);
    let others = by_number
        .iter()
        .filter(|(n, _)| **n != FLAT_QUESTION)
        .map(|(_, s)| sd(s))
        .fold(f64::INFINITY, f64::min);
    eprintln!("question {FLAT_QUESTION}: sd {flat:.2}; other questions at least {others:.2}");
    assert!(
        flat < 0.6 * others,
        "question {FLAT_QUESTION}: sd {flat:.2}; the least spread of the others {others:.2}"
    );
}

/// The fixed seed is not a lucky one: other seeds recover the leniencies within the same
/// tolerance and rank the extremes the same way.
#[test]
fn recovery_does_not_depend_on_the_seed() {
    for n in 1..=4u64 {
        let seed = SEED ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut db = Db::open_in_memory().unwrap();
        let sample = db.with_tx(|tx| create_with_seed(tx, seed)).unwrap();
        let fit = fit_leniency(&scored(&submitted(&db, &sample)), &FitSettings::default()).unwrap();
        check_recovery(&fit, &sample);
    }
}

/// Every leniency within [`RECOVERY_TOLERANCE`] of the truth, the most lenient interviewer
/// first and the most severe last.
fn check_recovery(fit: &LeniencyFit, sample: &CalibrationSample) {
    assert!(fit.converged);
    assert_eq!(fit.interviewers.len(), 7);
    for entry in &fit.interviewers {
        let truth = &sample.interviewers[entry.interviewer.0 as usize - 1];
        assert!(
            (entry.leniency_offset - truth.leniency).abs() <= RECOVERY_TOLERANCE,
            "{}: estimated {:.3}, truly {:.2}",
            truth.name,
            entry.leniency_offset,
            truth.leniency
        );
    }
    let mut ranked = fit.interviewers.clone();
    ranked.sort_by(|a, b| b.leniency_offset.total_cmp(&a.leniency_offset));
    let name = |key: InterviewerKey| &sample.interviewers[key.0 as usize - 1].name;
    assert_eq!(
        name(ranked[0].interviewer),
        "Hannah Okonkwo",
        "most lenient"
    );
    assert_eq!(name(ranked[6].interviewer), "Yasmin Haddad", "most severe");
}

#[test]
fn the_same_sample_twice_gives_the_same_scores() {
    let (one, first) = sample();
    let (two, second) = sample();
    let read = |db: &Db, s: &CalibrationSample| -> Vec<(i64, i64, usize, u8)> {
        submitted(db, s)
            .iter()
            .map(|r| (r.plan, r.question, r.interviewer, r.score))
            .collect()
    };
    assert_eq!(first.plan_ids, second.plan_ids);
    assert_eq!(read(&one, &first), read(&two, &second));
}

#[test]
fn the_fit_recovers_the_known_leniencies() {
    let (db, sample) = sample();
    let answers = scored(&submitted(&db, &sample));
    let fit = fit_leniency(&answers, &FitSettings::default()).unwrap();
    for entry in &fit.interviewers {
        let truth = &sample.interviewers[entry.interviewer.0 as usize - 1];
        eprintln!(
            "{:16} true {:+.2}, estimated {:+.3} ({} answers)",
            truth.name, truth.leniency, entry.leniency_offset, entry.answers
        );
    }
    check_recovery(&fit, &sample);

    // Question health names the flat question, and only it, as barely separating candidates.
    let health = question_health(&answers).unwrap();
    let flat_id: i64 = db
        .conn()
        .query_row(
            "SELECT question_id FROM plan_questions WHERE plan_id = ?1 AND number = ?2",
            rusqlite::params![sample.plan_ids[0], FLAT_QUESTION],
            |r| r.get(0),
        )
        .unwrap();
    let weak: Vec<i64> = health
        .iter()
        .filter(|q| q.barely_separates)
        .map(|q| q.question.0)
        .collect();
    assert_eq!(weak, vec![flat_id]);
}
