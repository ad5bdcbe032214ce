//! `panelctl debrief agenda`, `meeting`, `rescore` and `minutes`: the debrief meeting, headless,
//! for scripts and tests. Everything it records belongs to the lead's database: minutes and
//! after-discussion scores are the meeting's record, never the panelists' scorecards.

use std::io::Write;

use clap::Args;
use panel_core::debrief::meeting::{self, AgendaItem, Meeting, MinutesRequest, RescoreRequest};
use panel_core::Db;

use crate::{print_json, Failure};

#[derive(Args)]
pub struct RescoreArgs {
    /// Plan id.
    plan: i64,
    /// The panelist who moved (their id, as `plan show` lists it).
    #[arg(long)]
    panelist: i64,
    /// The question's number as the plan shows it.
    #[arg(long)]
    question: u32,
    /// Their score after discussion, 1–4.
    #[arg(long)]
    score: u8,
    /// Why they moved.
    #[arg(long)]
    reason: String,
    /// The agenda item under discussion.
    #[arg(long)]
    item: Option<u32>,
}

#[derive(Args)]
pub struct MinutesArgs {
    /// Plan id.
    plan: i64,
    /// The agenda item, counting from 1.
    #[arg(long)]
    item: u32,
    /// The minutes (replacing what was saved for the item).
    #[arg(long)]
    text: String,
}

pub fn agenda(db: &Db, plan: i64, json: bool) -> Result<(), Failure> {
    let m = meeting::meeting(db.conn(), plan)?;
    if json {
        return print_json(&m.agenda);
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} · debrief agenda ({}, {} minutes)",
        m.candidate,
        if m.started_at.is_some() {
            "frozen"
        } else {
            "proposed"
        },
        m.length_minutes
    )?;
    if m.agenda.is_empty() {
        writeln!(
            out,
            "Nothing disagreed on and no thin evidence: add items in the app, or discuss the \
             overall recommendations."
        )?;
    }
    for item in &m.agenda {
        print_item(&mut out, item)?;
    }
    Ok(())
}

fn print_item(out: &mut impl Write, item: &AgendaItem) -> Result<(), Failure> {
    let question = item
        .question_number
        .map(|n| format!("Q{n} "))
        .unwrap_or_default();
    writeln!(
        out,
        "{:>2}. {question}{} — {} · {}",
        item.number,
        item.title,
        item.why,
        clock(item.planned_seconds)
    )?;
    Ok(())
}

fn clock(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

pub fn show(db: &Db, plan: i64, json: bool) -> Result<(), Failure> {
    let m = meeting::meeting(db.conn(), plan)?;
    if json {
        return print_json(&m);
    }
    print_meeting(&m)
}

fn print_meeting(m: &Meeting) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} · debrief meeting", m.candidate)?;
    match (&m.started_at, &m.started_by) {
        (Some(at), Some(by)) => writeln!(out, "Started {at} by {by}")?,
        _ => writeln!(out, "Not started (the agenda below is proposed)")?,
    }
    writeln!(out, "Speaking order: {}", m.order_in_words)?;
    for (i, s) in m.speaking_order.iter().enumerate() {
        let rec = s.recommendation.map_or(
            "no recommendation",
            panel_core::vocabulary::recommendation_label,
        );
        writeln!(out, "  {}. {} — {rec}: {}", i + 1, s.name, s.summary)?;
    }
    writeln!(out, "Agenda:")?;
    for item in &m.agenda {
        print_item(&mut out, item)?;
        if item.spent_seconds > 0 {
            writeln!(out, "    spent {}", clock(item.spent_seconds))?;
        }
        if !item.minutes.trim().is_empty() {
            writeln!(out, "    minutes: {}", item.minutes.trim())?;
        }
    }
    let number = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| format!("{v:.2}"));
    writeln!(
        out,
        "Mean score: independent {} · after discussion {}",
        number(m.outcome.independent_mean),
        number(m.outcome.after_discussion_mean)
    )?;
    for mv in &m.outcome.movements {
        writeln!(
            out,
            "Moved: {} on Q{} {} → {} — {}",
            mv.panelist_name, mv.question_number, mv.from, mv.to, mv.reason
        )?;
    }
    Ok(())
}

pub fn rescore(db: &mut Db, a: RescoreArgs) -> Result<(), Failure> {
    let request = RescoreRequest {
        plan_id: a.plan,
        panelist_id: a.panelist,
        question_number: a.question,
        score: a.score,
        reason: a.reason,
        item_number: a.item,
    };
    let m = db.with_tx(|tx| meeting::rescore(tx, &request))?;
    let moved = m
        .outcome
        .movements
        .iter()
        .find(|mv| mv.panelist_id == a.panelist && mv.question_number == a.question);
    match moved {
        Some(mv) => eprintln!(
            "{} on question {}: {} → {} after discussion (the sealed score is unchanged)",
            mv.panelist_name, mv.question_number, mv.from, mv.to
        ),
        None => eprintln!(
            "back to the independent score on question {}: the movement is withdrawn",
            a.question
        ),
    }
    Ok(())
}

pub fn minutes(db: &mut Db, a: MinutesArgs) -> Result<(), Failure> {
    let was_started = meeting::meeting(db.conn(), a.plan)?.started_at.is_some();
    let request = MinutesRequest {
        plan_id: a.plan,
        item_number: a.item,
        text: a.text,
    };
    let m = db.with_tx(|tx| meeting::save_minutes(tx, &request))?;
    if !was_started {
        eprintln!(
            "the meeting started: its agenda of {} items is frozen",
            m.agenda.len()
        );
    }
    Ok(())
}
