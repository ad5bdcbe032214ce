//! Interview plans: one candidate's loop, its panel, and who asks which question.
//!
//! A plan keeps the question pack version it was built from, so packets stay comparable across
//! candidates. Every write validates its input first and runs inside the caller's transaction,
//! so a refused change leaves nothing behind.

mod allocation;
mod calendar;
mod create;
mod detail;
mod lifecycle;
mod list;
mod mode;
mod panelists;
mod questions;
mod requests;
mod sample;
pub(crate) use sample::{local_at, shortened};
mod search;
#[cfg(test)]
pub(crate) mod testing;

use crate::db::CachedStatements;
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

pub use allocation::{
    assign, move_question, set_question_fixed, split_input, split_plan, QuestionMove,
};
pub use calendar::ics;
pub(crate) use create::parse_instant;
pub use create::{create, create_with_questions, NewPlan};
pub use detail::{apply, header, show, AssignmentView, PanelistView, PlanDetail, PlanHeader};
pub use lifecycle::{archive, duplicate, is_archived, refresh_status, set_status, update};
pub(crate) use list::normalise_start_times;
pub use list::{list, list_page, list_page_at, PlanPage, PlanQuery, PlanSummary, When, PAGE_ROWS};
pub use mode::{ensure_mode, mode_of, PlanMode};
pub use panelists::{
    add_panelist, remove_panelist, reorder_panelists, update_panelist, NewPanelist,
};
pub(crate) use questions::question_id;
pub use questions::{
    plan_questions, set_questions, BorrowedQuestion, QuestionSelection, MAX_PLAN_QUESTIONS,
};
pub use requests::{
    AddPanelistRequest, ArchiveRequest, CalendarExportRequest, FixQuestionRequest, MoveRequest,
    RemovePanelistRequest, ReorderRequest, SplitRequest, StatusRequest, UpdatePanelistRequest,
    UpdatePlanRequest,
};
pub use sample::{create_sample, create_scored_sample};
pub use search::fold as fold_for_search;
pub(crate) use search::{fill_all as fill_search_text, refresh as refresh_search_text};

/// Longest name (candidate, panelist) the product accepts, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// Where a plan is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum PlanStatus {
    /// Being prepared by the panel lead.
    Draft,
    /// Panel and date fixed.
    Scheduled,
    /// Interviews under way; scorecards being written.
    Interviewing,
    /// All scorecards in; the panel is deciding.
    Debrief,
    /// A decision is recorded.
    Decided,
    /// The candidate left the process.
    Withdrawn,
}

impl PlanStatus {
    /// Parses a status slug.
    pub fn from_slug(slug: &str) -> Option<PlanStatus> {
        use PlanStatus::*;
        [Draft, Scheduled, Interviewing, Debrief, Decided, Withdrawn]
            .into_iter()
            .find(|s| serde_json::to_value(s).is_ok_and(|v| v == slug))
    }
}

/// Trims a name and checks it is 1–200 characters without control characters.
pub fn clean_name(what: &str, raw: &str) -> Result<String> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(Error::InvalidInput(format!("{what} must not be empty")));
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(Error::InvalidInput(format!(
            "{what} is {chars} characters long; at most {MAX_NAME_CHARS} are allowed"
        )));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::InvalidInput(format!(
            "{what} must not contain control characters"
        )));
    }
    Ok(name.to_string())
}

/// Trims optional free text; empty becomes `None`.
pub(crate) fn optional_text(raw: Option<&str>) -> Option<String> {
    raw.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

/// Fails with "plan N does not exist" unless the plan exists.
pub(crate) fn ensure_plan(conn: &rusqlite::Connection, plan_id: i64) -> Result<()> {
    let exists: bool = conn.query_row_cached(
        "SELECT count(*) > 0 FROM plans WHERE id = ?1",
        [plan_id],
        |r| r.get(0),
    )?;
    if exists {
        Ok(())
    } else {
        Err(Error::NotFound {
            what: "plan",
            id: plan_id,
        })
    }
}

pub(crate) fn bad_value(column: usize, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        column,
        rusqlite::types::Type::Text,
        format!("unexpected value {value:?}").into(),
    )
}

pub(crate) fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("plain data always serialises")
}

pub(crate) fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            clean_name("candidate name", "  Zoë Łukasiewicz ").unwrap(),
            "Zoë Łukasiewicz"
        );
        let empty = clean_name("candidate name", "   ").unwrap_err();
        assert_eq!(empty.to_string(), "candidate name must not be empty");
        let long = clean_name("panelist name", &"ł".repeat(201)).unwrap_err();
        assert_eq!(
            long.to_string(),
            "panelist name is 201 characters long; at most 200 are allowed"
        );
        assert!(
            clean_name("x", &"ł".repeat(200)).is_ok(),
            "200 characters (not bytes) is fine"
        );
        assert!(clean_name("x", "a\u{7}b").is_err());
    }
}
