//! A realistic sample plan, so a new user can see a split board and a full loop before typing
//! in their own candidate.

use chrono::{DateTime, Datelike, Duration, Local, NaiveTime, TimeZone, Utc, Weekday};
use rusqlite::Connection;

use super::{add_panelist, create, split_plan, NewPanelist, NewPlan};
use crate::{Capability, Level, Result};

/// Creates the sample plan (candidate, four panelists with different slots and focus, split
/// done) for an interview next Tuesday at 09:30 local time; returns its id.
pub fn create_sample(conn: &Connection) -> Result<i64> {
    let plan = create(
        conn,
        &NewPlan {
            candidate: "Amara Okafor".into(),
            email: Some("amara.okafor@example.com".into()),
            level: Level::Vp,
            role_title: Some("VP, Product Security".into()),
            starts_at: Some(next_tuesday_morning(Local::now()).to_rfc3339()),
            panel_lead: Some("Dana Whitfield".into()),
            recruiter: Some("Luis Ortega".into()),
            notes: Some(
                "Final round for the VP role. Amara leads Product Security at a payments \
                 company today: probe how she grew a central team into a federated model."
                    .into(),
            ),
        },
    )?;
    let panel: [(&str, &str, u32, &[Capability]); 4] = [
        (
            "Priya Raman",
            "priya.raman@example.com",
            60,
            &[Capability::Risk, Capability::Alignment],
        ),
        (
            "Tom Becker",
            "tom.becker@example.com",
            45,
            &[Capability::Program],
        ),
        (
            "Grace Liu",
            "grace.liu@example.com",
            30,
            &[Capability::Investment],
        ),
        (
            "Marcus Hale",
            "marcus.hale@example.com",
            60,
            &[Capability::Leaders],
        ),
    ];
    for (name, email, slot_minutes, focus) in panel {
        add_panelist(
            conn,
            plan,
            &NewPanelist {
                name: name.into(),
                email: Some(email.into()),
                slot_minutes,
                focus: focus.to_vec(),
                excluded_questions: Vec::new(),
            },
        )?;
    }
    split_plan(conn, plan, Some(1))?;
    Ok(plan)
}

fn next_tuesday_morning(now: DateTime<Local>) -> DateTime<Utc> {
    let days = (7 + Weekday::Tue.num_days_from_monday() as i64
        - now.weekday().num_days_from_monday() as i64)
        % 7;
    let date = now.date_naive() + Duration::days(if days == 0 { 7 } else { days });
    local_at(date.and_time(NaiveTime::from_hms_opt(9, 30, 0).expect("09:30 is a valid time")))
}

/// A local wall-clock time as UTC (the earlier of two in a DST fold; one read as UTC in a gap).
pub(crate) fn local_at(at: chrono::NaiveDateTime) -> DateTime<Utc> {
    Local
        .from_local_datetime(&at)
        .earliest()
        .unwrap_or_else(|| Local.from_utc_datetime(&at))
        .with_timezone(&Utc)
}

/// Creates a second sample plan whose whole panel has interviewed and submitted realistic
/// scorecards (varied scores, a disagreement, red flags, notes of a few sentences), so a new user
/// can open a debrief at once; returns its id.
pub fn create_scored_sample(conn: &Connection) -> Result<i64> {
    use crate::scorecards::{save_answer, submit, AnswerInput, Recommendation};
    let plan = create(
        conn,
        &NewPlan {
            candidate: "Jonas Albrecht".into(),
            email: Some("jonas.albrecht@example.com".into()),
            level: Level::Director,
            role_title: Some("Director, Product Security".into()),
            starts_at: Some((Local::now() - Duration::days(2)).to_rfc3339()),
            panel_lead: Some("Dana Whitfield".into()),
            recruiter: Some("Luis Ortega".into()),
            notes: Some("Debrief sample: every panelist has submitted.".into()),
        },
    )?;
    // Coverage 2: every question is asked by two panelists, so the debrief can show where raters
    // agree and where they do not. Four slots of 75–90 minutes hold the 2 × 152 minutes.
    let panel: [(&str, u32, &[Capability], Recommendation, &str); 4] = [
        (
            "Priya Raman",
            90,
            &[Capability::Risk],
            Recommendation::Yes,
            "Clear thinker on risk; pragmatic about gates. Would hire.",
        ),
        (
            "Tom Becker",
            90,
            &[Capability::Program],
            Recommendation::StrongYes,
            "Has already built the operating model we need. Strong hire.",
        ),
        (
            "Grace Liu",
            75,
            &[Capability::Investment],
            Recommendation::No,
            "Budget story leans on fear; metrics answer was vanity counts. Not yet.",
        ),
        (
            "Sofía Marín",
            75,
            &[Capability::Leaders],
            Recommendation::Yes,
            "Builds leaders deliberately: named two successors and how she grew them. Hire, \
             with coaching on executive budget narratives.",
        ),
    ];
    let mut ids = Vec::new();
    for (name, slot_minutes, focus, _, _) in &panel {
        ids.push(add_panelist(
            conn,
            plan,
            &NewPanelist {
                name: (*name).into(),
                email: None,
                slot_minutes: *slot_minutes,
                focus: focus.to_vec(),
                excluded_questions: Vec::new(),
            },
        )?);
    }
    split_plan(conn, plan, Some(2))?;
    let detail = super::show(conn, plan)?;
    let asked = super::plan_questions(conn, plan)?;
    // Scores by panelist: broadly positive, with Grace markedly lower (a real disagreement).
    let scores: [&[u8]; 4] = [
        &[3, 3, 2, 4, 3, 3, 2],
        &[4, 3, 4, 3, 4, 3, 3],
        &[2, 1, 2, 3, 2, 1, 2],
        &[3, 4, 3, 3, 2, 3, 4],
    ];
    for (p, id) in ids.iter().enumerate() {
        let mine: Vec<_> = detail
            .assignments
            .iter()
            .filter(|a| a.panelist_id == *id)
            .collect();
        for (i, a) in mine.iter().enumerate() {
            // Priya saw the weak pattern on question 1 that Tom did not: a flagged disagreement.
            let score = if p == 0 && a.question_number == 1 {
                2
            } else {
                scores[p][i % scores[p].len()]
            };
            let question = asked
                .iter()
                .find(|q| q.id == a.question_id)
                .expect("an assignment is one of the plan's questions");
            let points = question.question.strong_answer.len() as u32;
            let flagged = score <= 2 && a.question_number == 1;
            save_answer(
                conn,
                plan,
                *id,
                &AnswerInput {
                    question_number: a.question_number,
                    score: Some(score),
                    // A strong answer covers up to two of the question's points, a weak one its first.
                    covered: (0..points.min(if score >= 3 { 2 } else { 1 })).collect(),
                    // Red flags where the pack names a weak pattern and the answer scored low.
                    flags: if flagged { vec![0] } else { Vec::new() },
                    notes: sample_note(&question.question, score, flagged, p),
                    seconds_spent: 60 * (6 + (i as u32 % 4)),
                    ..Default::default()
                },
            )?;
        }
        let (_, _, _, recommendation, summary) = panel[p];
        submit(conn, plan, *id, Some(recommendation), Some(summary))?;
    }
    Ok(plan)
}

/// What an interviewer might write for an answer of `score` to `question`: it names the rubric
/// point the answer did or did not reach, so a note always fits its question and its score.
/// `rater` (0–3) picks the point and the wording, so two raters of one question never write the
/// same note.
fn sample_note(question: &crate::bank::Question, score: u8, flagged: bool, rater: usize) -> String {
    let points = &question.strong_answer;
    let point = points
        .get(rater % points.len().max(1))
        .map_or("the question's main point", String::as_str);
    let point = shortened(point, 80);
    let wordings: [&str; 4] = match score {
        4 => [
            "Covered “{p}” and went further: tied it to a decision they made and what it cost.",
            "Strong on “{p}”; gave figures from their current team without being asked.",
            "Strong on “{p}”, with a story of getting it wrong first and what changed.",
            "Covered “{p}” and went further: named who they would hire to make it stick.",
        ],
        3 => [
            "Covered “{p}” with a concrete example; lighter on the follow-up.",
            "Solid on “{p}”. The example was real; the trade-offs came only when prompted.",
            "Solid on “{p}”, though the example was from a smaller company.",
            "Covered “{p}” with a concrete example; could say more about the cost.",
        ],
        2 => [
            "Touched on “{p}” but stayed general; no example when asked for one.",
            "Partly there on “{p}”; the answer drifted to tooling.",
            "Touched on “{p}” late and briefly, after a prompt.",
            "Partly there on “{p}”; described what a team did, not what they decided.",
        ],
        _ => [
            "Did not reach “{p}”; answered a different question about process.",
            "Missed “{p}”, even after a prompt.",
            "Did not reach “{p}”; spoke about audits instead.",
            "Missed “{p}”; the answer stayed on tools and counts.",
        ],
    };
    let mut note = wordings[rater % 4].replace("{p}", &point);
    if flagged {
        if let Some(flag) = question.weak_signals.first() {
            note.push_str(&format!(" Red flag: “{}”.", shortened(flag, 80)));
        }
    }
    note
}

/// `text` without its final full stop, cut at a word boundary to at most `max` characters
/// with "…" when cut.
pub(crate) fn shortened(text: &str, max: usize) -> String {
    let text = text.trim_end_matches('.');
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    let head = &text[..cut];
    format!("{}…", head.rsplit_once(' ').map_or(head, |(h, _)| h))
}

#[cfg(test)]
mod tests {
    use crate::{plans, Db};

    #[test]
    fn the_scored_sample_is_ready_for_a_debrief() {
        let mut db = Db::open_in_memory().unwrap();
        let id = db.with_tx(|tx| super::create_scored_sample(tx)).unwrap();
        let plan = plans::show(db.conn(), id).unwrap();
        assert_eq!(
            plan.header.status,
            plans::PlanStatus::Debrief,
            "every panelist submitted"
        );
        assert!(
            !crate::scorecards::is_sealed(db.conn(), id).unwrap(),
            "so scores are unsealed"
        );
        let grace = plan.panelists[2].id;
        let card =
            crate::scorecards::scorecard(db.conn(), id, grace, crate::scorecards::Viewer::Other)
                .unwrap();
        assert!(card
            .answers
            .iter()
            .all(|a| a.answer.score.is_some() && !a.answer.notes.is_empty()));
        let debrief = crate::debrief::debrief(db.conn(), id).unwrap();
        assert!(
            debrief.questions.iter().any(|q| q.disagreement),
            "the panel disagrees somewhere"
        );
        assert!(
            debrief.questions.iter().all(|q| q.cells.len() == 2),
            "coverage 2"
        );
        assert!(debrief.agreement.is_some());
        assert!(debrief.completeness.complete);
    }

    #[test]
    fn the_scored_samples_notes_fit_their_scores_and_never_repeat() {
        let mut db = Db::open_in_memory().unwrap();
        let id = db.with_tx(|tx| super::create_scored_sample(tx)).unwrap();
        let plan = plans::show(db.conn(), id).unwrap();
        let mut seen = std::collections::HashSet::new();
        for p in &plan.panelists {
            let card =
                crate::scorecards::scorecard(db.conn(), id, p.id, crate::scorecards::Viewer::Other)
                    .unwrap();
            for a in &card.answers {
                let notes = &a.answer.notes;
                assert!(seen.insert(notes.clone()), "a repeated note: {notes}");
                let praise = [
                    "Strong on",
                    "went further",
                    "Solid on",
                    "with a concrete example",
                ];
                let low = a.answer.score.unwrap() <= 2;
                assert_eq!(
                    praise.iter().any(|w| notes.contains(w)),
                    !low,
                    "score {:?} with the note {notes}",
                    a.answer.score
                );
            }
        }
    }

    #[test]
    fn the_sample_plan_is_complete_and_balanced() {
        let mut db = Db::open_in_memory().unwrap();
        let id = db.with_tx(|tx| super::create_sample(tx)).unwrap();
        let plan = plans::show(db.conn(), id).unwrap();
        assert_eq!(plan.header.candidate, "Amara Okafor");
        assert_eq!(plan.panelists.len(), 4);
        assert_eq!(plan.assignments.len(), 18, "the split is done");
        assert!(
            plan.warnings.is_empty(),
            "a sample should look healthy: {:?}",
            plan.warnings
        );
        assert!(plan.header.starts_at.is_some());
    }
}
