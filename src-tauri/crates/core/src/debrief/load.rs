//! Loads what the debrief is computed from, with the seal enforced here.

use rusqlite::Connection;

use super::{compute, decision_of, Debrief, DebriefInput};
use crate::scorecards::{is_sealed, scorecard, Viewer};
use crate::{audit, db, plans, Error, Result};

/// The data behind a plan's debrief; refused while the scores are sealed.
pub fn debrief_input(conn: &Connection, plan_id: i64) -> Result<DebriefInput> {
    if is_sealed(conn, plan_id)? {
        return Err(Error::Sealed(
            "the debrief opens once every panelist has submitted, or the lead unseals the scores"
                .into(),
        ));
    }
    let plan = plans::show(conn, plan_id)?;
    let questions: Vec<_> = plans::plan_questions(conn, plan_id)?
        .into_iter()
        .filter(|q| plan.assignments.iter().any(|a| a.question_id == q.id))
        .collect();
    let scorecards = plan
        .panelists
        .iter()
        .map(|p| scorecard(conn, plan_id, p.id, Viewer::Other))
        .collect::<Result<Vec<_>>>()?;
    Ok(DebriefInput {
        decision: decision_of(conn, plan_id)?,
        audit: audit::events(conn, plan_id)?,
        computed_at: db::now(),
        plan,
        questions,
        scorecards,
    })
}

/// The debrief of a plan; refused while the scores are sealed.
pub fn debrief(conn: &Connection, plan_id: i64) -> Result<Debrief> {
    Ok(compute(&debrief_input(conn, plan_id)?))
}

/// The debrief as the packet prints it: with the debrief meeting's record, and with the
/// capability means adjusted for interviewer leniency, unless the lead turned them off or they cannot be had (a sealed plan, a panelist's
/// copy): the packet then simply has no such appendix.
pub fn debrief_for_packet(conn: &Connection, plan_id: i64) -> Result<Debrief> {
    let mut d = debrief(conn, plan_id)?;
    d.adjusted = match crate::calibration::plan_adjustment(conn, plan_id) {
        Ok(adjusted) => (!adjusted.turned_off).then_some(adjusted),
        Err(crate::Error::Sealed(_) | crate::Error::InvalidInput(_)) => None,
        Err(other) => return Err(other),
    };
    // A panelist's copy holds no meeting; a plan whose meeting left nothing keeps the packet
    // it always had.
    d.meeting = match crate::plans::mode_of(conn, plan_id)? {
        crate::plans::PlanMode::Lead => Some(super::meeting::meeting(conn, plan_id)?)
            .filter(super::meeting::Meeting::has_record),
        crate::plans::PlanMode::Panelist => None,
    };
    Ok(d)
}
