//! A return that would replace a card recorded on the lead's computer waits for the lead.

use super::*;

#[test]
fn a_return_that_would_replace_a_card_recorded_here_waits_on_its_plan_for_the_leads_choice() {
    for replace in [false, true] {
        let folder = tempfile::tempdir().unwrap();
        let mut ana = Install::new(folder.path());
        let (mut lead, plan) = lead_with_kits(folder.path(), &ana.identity);
        lead.sync();
        // The lead types Ana's card in from her paper notes, and submits it.
        let ana_here: i64 = lead
            .db
            .conn()
            .query_row(
                "SELECT id FROM panelists WHERE plan_id = ?1 AND name = 'Ana Silva'",
                [plan],
                |r| r.get(0),
            )
            .unwrap();
        score_and_submit(&mut lead, plan, ana_here);
        // Ana's own return arrives too.
        let copy = ana.sync().imported[0].plan_id.unwrap();
        let seat = ana.seat_in(copy);
        score_and_submit(&mut ana, copy, seat);
        let file = ana.sync().published[0].file.clone();

        let pass = lead.sync();
        assert!(
            pass.imported.is_empty(),
            "never replaced in the background: {pass:?}"
        );
        assert_eq!(pass.conflicts.len(), 1, "{pass:?}");
        assert_eq!(pass.conflicts[0].plan_id, Some(plan));
        let waiting = lead.waiting(plan);
        assert_eq!(waiting.len(), 1);
        assert_eq!(waiting[0].file, file);
        assert_eq!(waiting[0].conflict.panelist_name, "Ana Silva");
        assert!(
            waiting[0]
                .message
                .contains("but their scorecard was submitted on this computer"),
            "{}",
            waiting[0].message
        );
        // Later passes do not ask again; the file keeps waiting.
        assert_eq!(lead.sync().conflicts, vec![]);
        assert_eq!(lead.waiting(plan).len(), 1);

        // A file changed after it was listed is not the one the lead chose to take: refused,
        // and the card here stays; the next pass reads it again and it waits as it is now.
        // (Keeping the card here reads no file.)
        if replace {
            let path = folder.path().join(&file);
            let earlier = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
            std::fs::File::options()
                .write(true)
                .open(&path)
                .unwrap()
                .set_modified(earlier)
                .unwrap();
            let err = lead.resolve(&file, true).unwrap_err().to_string();
            assert!(
                err.contains("changed in the team folder since it was listed"),
                "{err}"
            );
            lead.sync();
            assert_eq!(
                lead.waiting(plan).len(),
                1,
                "still waiting for the lead's choice"
            );
        }

        let outcome = lead.resolve(&file, replace).unwrap();
        assert_eq!(outcome.is_some(), replace);
        if let Some(crate::exchange::ImportOutcome::Scorecard(s)) = outcome {
            assert!(s.replaced_local, "{s:?}");
            // Audited like a hand import that replaces.
            let trail = crate::audit::events(lead.db.conn(), plan).unwrap();
            assert!(trail.iter().any(|e| e.kind
                == crate::audit::AuditKind::from_slug("scorecard imported").unwrap()
                && e.detail.contains("\"replacedLocal\":true")));
        }
        assert_eq!(lead.waiting(plan), vec![]);
        assert_eq!(
            lead.sync(),
            SyncReport {
                skipped: lead.sync().skipped,
                ..Default::default()
            }
        );
        let err = lead.resolve(&file, true).unwrap_err();
        assert!(
            err.to_string().contains("not waiting for a choice"),
            "{err}"
        );
    }
}
