//! Every released schema version has a committed fixture database (`tests/fixtures/`), written
//! the way that version's build would have left it: one decided plan for a candidate with two
//! panelists, submitted scorecards with scores, ticked points and notes. Opening each with the
//! current build must migrate it (after a backup of the file as it was) and keep every word.
//!
//! The fixtures are generated once per schema version, from the migrations of that version
//! alone, and then never regenerated: they stand for databases users already have.
//! `cargo run -p panel-core --example schema_fixtures` writes only the missing ones (a new
//! schema version's).

mod fixture_data;

use fixture_data::{fixture, NOTE_12};
use panel_core::backup::{self, BackupKind};
use panel_core::db::migrations::SCHEMA_VERSION;
use panel_core::{debrief, plans, Db};

#[test]
fn every_released_schema_opens_with_this_build_and_keeps_its_data() {
    for version in 1..=SCHEMA_VERSION as usize {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("panel.db");
        std::fs::copy(fixture(version), &path)
            .unwrap_or_else(|e| panic!("fixture for schema {version} is committed: {e}"));
        let db = Db::open(&path).unwrap_or_else(|e| panic!("schema {version} opens: {e}"));
        assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);

        let plan = plans::show(db.conn(), 1).unwrap();
        assert_eq!(plan.header.candidate, "Zoë Łukasiewicz", "schema {version}");
        // The Plans list's search finds plans made before it searched in SQL.
        let found = plans::list_page(
            db.conn(),
            &plans::PlanQuery {
                search: "ZOE ŁUKAS".into(),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(found.plans.len(), 1, "schema {version}: found by search");
        assert_eq!(plan.panelists.len(), 2);
        // Panelists of plans made before people existed are people now.
        let people = panel_core::people::list(db.conn()).unwrap();
        let names: Vec<(&str, u32)> = people.iter().map(|p| (p.name.as_str(), p.plans)).collect();
        assert_eq!(
            names,
            [("Priya Raman", 1), ("Tom Becker", 1)],
            "schema {version}: the panel's people"
        );
        assert_eq!(
            plan.questions.len(),
            18,
            "schema {version}: the plan's questions"
        );
        assert_eq!(plan.assignments.len(), 18);
        let d = debrief::debrief(db.conn(), 1).unwrap();
        let q12 = d.questions.iter().find(|q| q.number == 12).unwrap();
        assert_eq!(
            q12.cells[0].notes, NOTE_12,
            "schema {version}: every word kept"
        );
        assert_eq!(q12.cells[0].score, Some(1));
        assert_eq!(d.tally.yes + d.tally.strong_yes, 2);
        assert_eq!(d.decision.is_some(), version >= 3);
        let packs: i64 = db
            .conn()
            .query_row("SELECT count(*) FROM question_packs", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            packs, 1,
            "schema {version}: the built-in pack is not installed twice"
        );

        let backups = backup::list(&path).unwrap();
        if version < SCHEMA_VERSION as usize {
            assert!(
                backups
                    .iter()
                    .any(|b| b.kind == BackupKind::BeforeMigration),
                "schema {version}: a copy was kept before migrating"
            );
        } else {
            assert!(backups.is_empty());
        }
    }
}
