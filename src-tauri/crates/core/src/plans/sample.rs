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
    let at = date.and_time(NaiveTime::from_hms_opt(9, 30, 0).expect("09:30 is a valid time"));
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
    let notes = [
        "Named the owned-versus-influenced split without prompting and gave a concrete example \
         of an exception process that expired on its own.",
        "Talked about trend lines and owners rather than totals. Slightly vague on how the \
         dashboard would change decisions.",
        "Mostly counted findings. When pushed, moved to MTTR but could not say what good looks like.",
        "Walked through a real trade-off: shipped with a compensating control, set an expiry, and \
         reported the residual risk to the product VP in plain terms. Good instinct for who decides.",
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
            let points = asked
                .iter()
                .find(|q| q.id == a.question_id)
                .map_or(1, |q| q.question.strong_answer.len() as u32);
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
                    flags: if score <= 2 && a.question_number == 1 {
                        vec![0]
                    } else {
                        Vec::new()
                    },
                    notes: notes[(p + i) % notes.len()].into(),
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
