//! Who has submitted, without revealing what anyone wrote.
//!
//! The lead must always know who is still writing ("not knowing who has not submitted" is one
//! of the things the product exists to prevent) even while the scores themselves are sealed.

use rusqlite::Connection;
use serde::Serialize;

use super::view::{is_sealed, scorecard, ScorecardView, Viewer};
use crate::Result;

/// Where one panelist's scorecard stands. Never includes scores, notes or recommendations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PanelistProgress {
    /// Panelist id.
    pub panelist_id: i64,
    /// Name.
    pub name: String,
    /// "not started", "writing" or "submitted".
    pub state: ProgressState,
    /// Questions scored or marked not asked.
    pub answered: u32,
    /// Questions assigned.
    pub assigned: u32,
    /// When submitted.
    pub submitted_at: Option<crate::time::Timestamp>,
}

/// A scorecard's stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum ProgressState {
    /// Nothing recorded yet.
    NotStarted,
    /// A draft exists.
    Writing,
    /// Handed in.
    Submitted,
}

/// The panel's progress, and the scorecards themselves once they may be seen.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PanelScorecards {
    /// True while scores are hidden from everyone but their authors.
    pub sealed: bool,
    /// Everyone's progress, in panel order.
    pub progress: Vec<PanelistProgress>,
    /// Every scorecard, only when unsealed (empty while sealed).
    pub scorecards: Vec<ScorecardView>,
}

/// What the plan screen may show a lead: progress always, scorecards only once unsealed.
pub fn panel_scorecards(conn: &Connection, plan_id: i64) -> Result<PanelScorecards> {
    let sealed = is_sealed(conn, plan_id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.name, s.status, s.submitted_at,
                (SELECT count(*) FROM assignments a WHERE a.panelist_id = p.id),
                (SELECT count(*) FROM answers x WHERE x.scorecard_id = s.id
                   AND (x.score IS NOT NULL OR x.not_asked_reason IS NOT NULL))
         FROM panelists p LEFT JOIN scorecards s ON s.panelist_id = p.id
         WHERE p.plan_id = ?1 ORDER BY p.position",
    )?;
    let progress: Vec<PanelistProgress> = stmt
        .query_map([plan_id], |r| {
            let status: Option<String> = r.get(2)?;
            Ok(PanelistProgress {
                panelist_id: r.get(0)?,
                name: r.get(1)?,
                state: match status.as_deref() {
                    Some("submitted") => ProgressState::Submitted,
                    Some(_) => ProgressState::Writing,
                    None => ProgressState::NotStarted,
                },
                submitted_at: r.get(3)?,
                assigned: r.get(4)?,
                answered: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let scorecards = if sealed {
        Vec::new()
    } else {
        progress
            .iter()
            .map(|p| scorecard(conn, plan_id, p.panelist_id, Viewer::Other))
            .collect::<Result<_>>()?
    };
    Ok(PanelScorecards {
        sealed,
        progress,
        scorecards,
    })
}

#[cfg(test)]
mod tests {
    use crate::plans::{create_sample, create_scored_sample};
    use crate::Db;

    #[test]
    fn while_sealed_only_progress_is_returned() {
        let mut db = Db::open_in_memory().unwrap();
        let plan = db.with_tx(|tx| create_sample(tx)).unwrap();
        let view = super::panel_scorecards(db.conn(), plan).unwrap();
        assert!(view.sealed);
        assert!(view.scorecards.is_empty(), "no sealed data leaves the core");
        assert_eq!(view.progress.len(), 4);
        assert!(view
            .progress
            .iter()
            .all(|p| p.state == super::ProgressState::NotStarted));
    }

    #[test]
    fn once_everyone_submitted_the_scorecards_come_with_it() {
        let mut db = Db::open_in_memory().unwrap();
        let plan = db.with_tx(|tx| create_scored_sample(tx)).unwrap();
        let view = super::panel_scorecards(db.conn(), plan).unwrap();
        assert!(!view.sealed);
        assert_eq!(view.scorecards.len(), 4);
        assert!(view.progress.iter().all(|p| p.answered == p.assigned));
    }
}
