//! The Plans list: one summary row per plan that is not archived.

use rusqlite::Connection;
use serde::Serialize;

use super::{bad_value, PlanStatus};
use crate::{Level, Result};

/// One row of the Plans list.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PlanSummary {
    /// Plan id.
    pub id: i64,
    /// Candidate's name.
    pub candidate: String,
    /// Target level.
    pub level: Level,
    /// Role title.
    pub role_title: String,
    /// Status.
    pub status: PlanStatus,
    /// Interview start (RFC 3339, UTC), if scheduled.
    pub starts_at: Option<String>,
    /// Number of panelists.
    pub panelist_count: u32,
    /// The lead's own plan, or a panelist's copy made from a kit.
    pub mode: crate::plans::PlanMode,
    /// Scorecards submitted so far (of `panelist_count`).
    pub submitted_count: u32,
    /// A hiring decision is recorded.
    pub decided: bool,
}

/// Plans that are not archived, soonest interview first.
pub fn list(conn: &Connection) -> Result<Vec<PlanSummary>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, c.name, p.level, p.role_title, p.status, p.starts_at,
                (SELECT count(*) FROM panelists x WHERE x.plan_id = p.id), p.mode,
                (SELECT count(*) FROM scorecards s JOIN panelists x ON x.id = s.panelist_id
                  WHERE x.plan_id = p.id AND s.status = ?1),
                EXISTS (SELECT 1 FROM decisions d WHERE d.plan_id = p.id)
         FROM plans p JOIN candidates c ON c.id = p.candidate_id
         WHERE p.archived_at IS NULL
         ORDER BY p.starts_at IS NULL, p.starts_at, p.id",
    )?;
    let rows = stmt.query_map([crate::scorecards::ScorecardStatus::Submitted], |row| {
        let level: String = row.get(2)?;
        let status: String = row.get(4)?;
        Ok(PlanSummary {
            id: row.get(0)?,
            candidate: row.get(1)?,
            level: Level::from_slug(&level).ok_or_else(|| bad_value(2, &level))?,
            role_title: row.get(3)?,
            status: PlanStatus::from_slug(&status).ok_or_else(|| bad_value(4, &status))?,
            starts_at: row.get(5)?,
            panelist_count: row.get(6)?,
            mode: row.get(7)?,
            submitted_count: row.get(8)?,
            decided: row.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Db;

    #[test]
    fn a_new_database_has_no_plans() {
        let db = Db::open_in_memory().unwrap();
        assert!(list(db.conn()).unwrap().is_empty());
    }

    #[test]
    fn lists_unarchived_plans_with_their_candidate_and_panel_size() {
        let db = Db::open_in_memory().unwrap();
        db.conn()
            .execute_batch(
                "INSERT INTO candidates (id, name, created_at) VALUES (1, 'Zoë Łukasiewicz', 'x');
                 INSERT INTO plans (id, candidate_id, level, pack_id, status, created_at,
                                    updated_at, starts_at)
                   VALUES (1, 1, 'vp', 1, 'scheduled', 'x', 'x', '2026-12-01T09:00:00Z'),
                          (2, 1, 'director', 1, 'draft', 'x', 'x', NULL);
                 UPDATE plans SET archived_at = 'x' WHERE id = 2;
                 INSERT INTO panelists (plan_id, name, slot_minutes, position)
                   VALUES (1, 'A', 45, 0), (1, 'B', 45, 1);",
            )
            .unwrap();
        let plans = list(db.conn()).unwrap();
        assert_eq!(plans.len(), 1, "archived plans are not listed");
        assert_eq!(plans[0].candidate, "Zoë Łukasiewicz");
        assert_eq!(plans[0].level, Level::Vp);
        assert_eq!(plans[0].status, PlanStatus::Scheduled);
        assert_eq!(plans[0].panelist_count, 2);
        assert_eq!((plans[0].submitted_count, plans[0].decided), (0, false));
    }

    #[test]
    fn each_row_says_how_many_scorecards_are_in_and_whether_the_decision_is_made() {
        let mut db = Db::open_in_memory().unwrap();
        let scored = db
            .with_tx(|tx| crate::plans::create_scored_sample(tx))
            .unwrap();
        let fresh = db.with_tx(|tx| crate::plans::create_sample(tx)).unwrap();
        let plans = list(db.conn()).unwrap();
        let row = |id: i64| plans.iter().find(|p| p.id == id).unwrap();
        assert!(row(scored).panelist_count > 0);
        assert_eq!(row(scored).submitted_count, row(scored).panelist_count);
        assert!(
            !row(scored).decided,
            "the scored sample waits for its decision"
        );
        assert_eq!((row(fresh).submitted_count, row(fresh).decided), (0, false));
    }
}
