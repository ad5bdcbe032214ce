//! For tests across the core: a plan for a candidate with a named panel, built through the same
//! functions the app calls, so tests start from data a user could have made.

use rusqlite::Connection;

use super::{add_panelist, create, NewPanelist, NewPlan};
use crate::{Level, Result};

/// Creates a VP plan for `candidate` with panelists `(name, slot minutes)`, in that order; no
/// split yet. Returns the plan id and the panelists' ids.
pub(crate) fn plan_with_panel(
    conn: &Connection,
    candidate: &str,
    panel: &[(&str, u32)],
) -> Result<(i64, Vec<i64>)> {
    let plan = create(
        conn,
        &NewPlan {
            candidate: candidate.into(),
            email: None,
            level: Level::Vp,
            role_title: Some("VP Product Security".into()),
            starts_at: None,
            panel_lead: Some("Dana Whitfield".into()),
            recruiter: None,
            notes: None,
        },
    )?;
    let ids = panel
        .iter()
        .map(|&(name, slot_minutes)| {
            add_panelist(
                conn,
                plan,
                &NewPanelist {
                    name: name.into(),
                    email: None,
                    slot_minutes,
                    focus: Vec::new(),
                    excluded_questions: Vec::new(),
                },
            )
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((plan, ids))
}
