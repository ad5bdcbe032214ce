//! The panel's schedule as an iCalendar file: one event per panelist slot.
//!
//! Panelists interview back to back in panel order from the plan's start time. Times are
//! written in UTC (`…Z`), which every calendar converts to its owner's zone, so the file is
//! correct wherever it is opened.

use chrono::{DateTime, Duration, Utc};
use icalendar::{Calendar, Component, Event, EventLike};
use rusqlite::Connection;

use super::{show, PlanDetail};
use crate::{Error, Result};

/// The plan's schedule as `.ics` text.
pub fn ics(conn: &Connection, plan_id: i64) -> Result<String> {
    let plan = show(conn, plan_id)?;
    let asked = super::plan_questions(conn, plan_id)?;
    let text = |id: i64| {
        asked
            .iter()
            .find(|q| q.id == id)
            .map(|q| q.question.text.clone())
    };
    render(&plan, &text)
}

/// Renders the schedule; `question_text` names a question by id.
pub fn render(plan: &PlanDetail, question_text: &dyn Fn(i64) -> Option<String>) -> Result<String> {
    let start = plan
        .header
        .starts_at
        .as_deref()
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| {
            Error::InvalidInput(
                "set the interview date and time before exporting a calendar".into(),
            )
        })?;
    if plan.panelists.is_empty() {
        return Err(Error::InvalidInput(
            "the plan has no panelists to schedule".into(),
        ));
    }
    let mut calendar = Calendar::new();
    calendar.name(&format!("Interview panel: {}", plan.header.candidate));
    let mut at = start;
    for p in &plan.panelists {
        let end = at + Duration::minutes(i64::from(p.minutes));
        let mine = plan.questions_of(p.id);
        let numbers: Vec<String> = mine.iter().map(|a| a.question_number.to_string()).collect();
        let mut description = format!(
            "{} interviews {} ({}).\nQuestions: {}\n",
            p.name,
            plan.header.candidate,
            plan.header.role_title,
            if numbers.is_empty() {
                "none assigned yet".into()
            } else {
                numbers.join(", ")
            }
        );
        for a in &mine {
            if let Some(text) = question_text(a.question_id) {
                description.push_str(&format!("\n{}. {}", a.question_number, text));
            }
        }
        let event = Event::new()
            .uid(&format!(
                "plan-{}-panelist-{}@hiringpanel.local",
                plan.header.id, p.id
            ))
            .summary(&format!(
                "Interview: {} with {}",
                plan.header.candidate, p.name
            ))
            .description(&description)
            .starts(at)
            .ends(end)
            .done();
        calendar.push(event);
        at = end;
    }
    Ok(calendar.done().to_string())
}

#[cfg(test)]
mod tests {
    use crate::plans::{self, create_sample};
    use crate::Db;

    #[test]
    fn one_event_per_panelist_back_to_back_in_utc_with_their_questions() {
        let mut db = Db::open_in_memory().unwrap();
        let id = db.with_tx(|tx| create_sample(tx)).unwrap();
        let text = super::ics(db.conn(), id).unwrap();
        assert!(text.starts_with("BEGIN:VCALENDAR"));
        assert_eq!(
            text.matches("BEGIN:VEVENT").count(),
            4,
            "one event per panelist"
        );
        let plan = plans::show(db.conn(), id).unwrap();
        let start = chrono::DateTime::parse_from_rfc3339(plan.header.starts_at.as_deref().unwrap())
            .unwrap()
            .with_timezone(&chrono::Utc);
        let first = start.format("DTSTART:%Y%m%dT%H%M%SZ").to_string();
        assert!(
            text.contains(&first),
            "the first slot starts at the plan's start, in UTC"
        );
        let second = (start + chrono::Duration::minutes(60)).format("DTSTART:%Y%m%dT%H%M%SZ");
        assert!(
            text.contains(&second.to_string()),
            "the second follows the first 60 minutes"
        );
        assert!(text.contains("Interview: Amara Okafor with Priya Raman"));
        let unfolded = text.replace("\r\n ", "");
        assert!(
            unfolded.contains("Questions: "),
            "each event lists the panelist's questions"
        );
    }

    #[test]
    fn an_unscheduled_plan_cannot_be_exported() {
        let mut db = Db::open_in_memory().unwrap();
        let id = db
            .with_tx(|tx| {
                let id = create_sample(tx)?;
                tx.execute("UPDATE plans SET starts_at = NULL", [])?;
                Ok(id)
            })
            .unwrap();
        let err = super::ics(db.conn(), id).unwrap_err();
        assert_eq!(
            err.to_string(),
            "set the interview date and time before exporting a calendar"
        );
    }
}
