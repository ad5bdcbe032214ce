//! The report over the calibration sample: the figures recover the sample's known leniencies,
//! and only what may count is counted (submitted, seal open, not purged).

use crate::calibration::{
    calibration_report, create_calibration_sample, CalibrationReport, CalibrationSample,
    CalibrationScope,
};
use crate::Db;

fn sample() -> (Db, CalibrationSample) {
    let mut db = Db::open_in_memory().unwrap();
    let sample = db.with_tx(|tx| create_calibration_sample(tx)).unwrap();
    (db, sample)
}

fn report(db: &Db) -> CalibrationReport {
    calibration_report(db.conn(), &CalibrationScope::default()).unwrap()
}

#[test]
fn the_report_recovers_the_samples_leniencies_and_finds_its_flat_question() {
    let (db, sample) = sample();
    let report = report(&db);
    assert_eq!(report.interviewers.len(), sample.interviewers.len());
    for truth in &sample.interviewers {
        let row = report
            .interviewers
            .iter()
            .find(|i| i.name == truth.name)
            .unwrap_or_else(|| panic!("{} is a row", truth.name));
        assert!(
            (row.leniency_offset - truth.leniency).abs() < 0.3,
            "{}: estimated {:+.2}, made with {:+.2}",
            truth.name,
            row.leniency_offset,
            truth.leniency
        );
        let (low, high) = row.interval.expect("enough answers for an interval");
        assert!(low < row.leniency_offset && row.leniency_offset < high);
        assert!(row
            .in_words
            .contains(&format!("based on {} answers", row.answers)));
        assert!(row.scorecards >= 8 && row.answers >= 30);
    }
    // Most lenient first.
    let offsets: Vec<f64> = report
        .interviewers
        .iter()
        .map(|i| i.leniency_offset)
        .collect();
    assert!(offsets.windows(2).all(|w| w[0] >= w[1]), "{offsets:?}");
    let flat: Vec<u32> = report
        .questions
        .iter()
        .filter(|q| q.barely_separates)
        .map(|q| q.number)
        .collect();
    assert_eq!(flat, [7]);
    assert_eq!(report.questions.len(), 18);
    assert!(report.questions.iter().all(|q| q.agreement.pairs >= 10));
}

#[test]
fn the_json_has_the_documented_shape() {
    let (db, _) = sample();
    let json = serde_json::to_value(report(&db)).unwrap();
    let first = &json["interviewers"][0];
    for key in ["personId", "name", "answers", "leniencyOffset", "interval"] {
        assert!(!first[key].is_null(), "interviewers[0].{key}: {first}");
    }
    assert!(first["interval"].as_array().is_some_and(|a| a.len() == 2));
    let q = &json["questions"][0];
    for key in ["number", "spread", "agreement"] {
        assert!(!q[key].is_null(), "questions[0].{key}: {q}");
    }
}

#[test]
fn drafts_and_sealed_plans_do_not_count() {
    let (db, sample) = sample();
    let report = report(&db);
    let sealed_with_draft: i64 = db
        .conn()
        .query_row(
            "SELECT count(DISTINCT x.plan_id) FROM panelists x JOIN scorecards s
             ON s.panelist_id = x.id WHERE s.status = 'draft'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(sealed_with_draft > 0, "the sample keeps a draft or two");
    assert_eq!(
        report.candidates as usize,
        sample.plan_ids.len() - sealed_with_draft as usize,
        "a sealed plan with a draft counts for nothing, not even its submitted cards"
    );
    let counted: i64 = db
        .conn()
        .query_row(
            "SELECT count(*) FROM answers a JOIN scorecards s ON s.id = a.scorecard_id
             JOIN panelists x ON x.id = s.panelist_id
             WHERE s.status = 'submitted' AND a.score IS NOT NULL
               AND x.plan_id NOT IN (SELECT x2.plan_id FROM panelists x2 JOIN scorecards s2
                                     ON s2.panelist_id = x2.id WHERE s2.status = 'draft')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(i64::from(report.answers), counted);
}

#[test]
fn a_purged_candidate_leaves_every_figure_and_a_purged_interviewer_becomes_former() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("panel.db");
    let mut db = Db::open(&path).unwrap();
    let sample = db.with_tx(|tx| create_calibration_sample(tx)).unwrap();
    let before = report(&db);
    crate::privacy::purge(db.conn(), &path, sample.plan_ids[0]).unwrap();
    let after = report(&db);
    assert_eq!(after.candidates, before.candidates - 1);
    assert!(after.answers < before.answers);

    let leaving = &after.interviewers[0];
    let (id, answers) = (leaving.person_id, leaving.answers);
    crate::people::purge(db.conn(), id).unwrap();
    let purged = report(&db);
    let row = purged
        .interviewers
        .iter()
        .find(|i| i.person_id == id)
        .unwrap();
    assert_eq!(row.name, "Former interviewer 1");
    assert!(row.former);
    assert_eq!(row.answers, answers, "their scores still count");
    assert!(!serde_json::to_string(&purged)
        .unwrap()
        .contains(&leaving.name));
}

#[test]
fn an_empty_database_says_what_calibration_needs() {
    let db = Db::open_in_memory().unwrap();
    let report = report(&db);
    assert!(report.interviewers.is_empty() && report.scope.is_none());
    assert!(report.in_words.contains("No submitted scores yet"));
}

#[test]
fn the_same_data_gives_the_same_report() {
    let (a, _) = sample();
    let (b, _) = sample();
    // The sample dates its interviews and submissions from the clock, so two builds a second
    // apart differ in the time to submit (and its words); every estimate must not.
    let without_clock = |db: &Db| {
        let mut rows = serde_json::to_value(report(db).interviewers).unwrap();
        for row in rows.as_array_mut().unwrap() {
            let row = row.as_object_mut().unwrap();
            row.remove("medianDaysToSubmit");
            row.remove("adherenceInWords");
        }
        rows
    };
    assert_eq!(without_clock(&a), without_clock(&b));
    let once = serde_json::to_string(&report(&a).interviewers).unwrap();
    let again = serde_json::to_string(&report(&a).interviewers).unwrap();
    assert_eq!(
        once, again,
        "the same database gives the same report, whole"
    );
}

#[test]
fn the_pack_editor_sees_the_same_question_health_as_the_calibration_screen() {
    let (db, _) = sample();
    let report = report(&db);
    let pack = report.scope.as_ref().unwrap().pack.clone();
    let health = crate::calibration::pack_question_health(db.conn(), &pack, false).unwrap();
    assert_eq!(health, report.questions);
    let unknown = crate::bank::PackRef::new("no-such-pack", 1);
    assert!(crate::calibration::pack_question_health(db.conn(), &unknown, false).is_err());
}

#[test]
fn a_duplicated_pack_in_the_editor_shows_the_history_of_its_unchanged_wording() {
    let (mut db, _) = sample();
    let pack = report(&db).scope.unwrap().pack;
    let copy = db
        .with_tx(|tx| crate::bank::duplicate_pack(tx, &pack, "Our own pack"))
        .unwrap();
    let copy = crate::bank::PackRef::new(copy.id, copy.version);
    // No interview used the copy itself…
    let own = crate::calibration::pack_question_health(db.conn(), &copy, false).unwrap();
    assert!(own.iter().all(|q| q.answers == 0));
    // …but each of its questions was asked, word for word, in the original.
    let original = crate::calibration::pack_question_health(db.conn(), &pack, false).unwrap();
    let editor = crate::calibration::pack_question_health(db.conn(), &copy, true).unwrap();
    for (a, b) in original.iter().zip(&editor) {
        assert_eq!(
            (a.answers, a.spread, a.barely_separates),
            (b.answers, b.spread, b.barely_separates)
        );
    }
}

#[test]
fn a_plan_of_the_slate_gets_adjusted_means_which_the_packet_prints_unless_turned_off() {
    let (mut db, sample) = sample();
    let plan = sample.plan_ids[0];
    let adjusted = crate::calibration::plan_adjustment(db.conn(), plan).unwrap();
    assert!(adjusted.shown, "{}", adjusted.in_words);
    assert!(!adjusted.turned_off);
    assert_eq!(adjusted.panelists.len(), 4);
    assert!(adjusted.panelists.iter().all(|p| p.past_answers >= 30));
    // Each adjusted mean is the raw mean minus the mean offset of the scores behind it.
    for cap in adjusted.capabilities.iter().filter(|c| c.scores > 0) {
        let (raw, adj) = (cap.raw_mean.unwrap(), cap.adjusted_mean.unwrap());
        assert!((raw - adj).abs() < 1.0, "{cap:?}");
    }
    // The recorded scores, tally and decision are the debrief's, unchanged.
    let plain = crate::debrief::debrief(db.conn(), plan).unwrap();
    let packet = crate::debrief::debrief_for_packet(db.conn(), plan).unwrap();
    assert_eq!(plain.capabilities, packet.capabilities);
    assert_eq!(plain.tally, packet.tally);
    assert!(packet.adjusted.is_some());
    let pdf = crate::pdf::debrief_packet(
        &packet,
        crate::pdf::Paper::A4,
        chrono::FixedOffset::east_opt(0).unwrap(),
    )
    .unwrap();
    assert!(!pdf.is_empty());

    db.with_tx(|tx| crate::calibration::set_adjusted_view(tx, plan, false))
        .unwrap();
    let off = crate::calibration::plan_adjustment(db.conn(), plan).unwrap();
    assert!(off.turned_off && !off.shown);
    assert!(crate::debrief::debrief_for_packet(db.conn(), plan)
        .unwrap()
        .adjusted
        .is_none());
}

#[test]
fn a_panel_with_little_history_is_not_adjusted_and_says_who_is_short() {
    let mut db = Db::open_in_memory().unwrap();
    let plan = db
        .with_tx(|tx| crate::plans::create_scored_sample(tx))
        .unwrap();
    let adjusted = crate::calibration::plan_adjustment(db.conn(), plan).unwrap();
    assert!(!adjusted.shown);
    assert!(
        adjusted.in_words.contains("30 past answers") && adjusted.in_words.contains(" has 0"),
        "{}",
        adjusted.in_words
    );
}

#[test]
fn finalists_compare_on_their_common_questions_and_sealed_plans_are_refused() {
    let (mut db, sample) = sample();
    let (a, b) = (sample.plan_ids[0], sample.plan_ids[1]);
    let c = crate::calibration::compare(db.conn(), &[a, b]).unwrap();
    assert_eq!(c.plans.len(), 2);
    assert_eq!(c.common_questions.len(), 18);
    assert!(c
        .in_words
        .starts_with("2 candidates compared on the 18 questions"));
    for p in &c.plans {
        assert_eq!(p.capabilities.len(), c.capabilities.len());
        assert!(p.capabilities.iter().all(|x| x.raw_mean.is_some()));
        assert!(
            p.capabilities.iter().all(|x| x.adjusted_mean.is_some()),
            "the slate's interviewers have history: {}",
            p.adjusted_in_words
        );
        assert!(p.disagreements.len() <= 3);
        let debrief = crate::debrief::debrief(db.conn(), p.plan_id).unwrap();
        assert_eq!(p.tally, debrief.tally);
    }
    let sealed: i64 = db
        .conn()
        .query_row(
            "SELECT x.plan_id FROM panelists x JOIN scorecards s ON s.panelist_id = x.id
             WHERE s.status = 'draft' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let err = crate::calibration::compare(db.conn(), &[a, sealed]).unwrap_err();
    assert!(matches!(err, crate::Error::Sealed(_)), "{err}");
    let seven: Vec<i64> = sample.plan_ids[..7].to_vec();
    for wrong in [vec![a], vec![a, a], seven, vec![a, 999_999]] {
        let err = crate::calibration::compare(db.conn(), &wrong).unwrap_err();
        assert!(!err.to_string().is_empty(), "{wrong:?}");
    }
    // A sealed plan's adjusted view cannot be switched (nothing is written).
    let err = db
        .with_tx(|tx| crate::calibration::set_adjusted_view(tx, sealed, false))
        .unwrap_err();
    assert!(matches!(err, crate::Error::Sealed(_)), "{err}");
    let view: bool = db
        .conn()
        .query_row(
            "SELECT adjusted_view FROM plans WHERE id = ?1",
            [sealed],
            |r| r.get(0),
        )
        .unwrap();
    assert!(view, "unchanged");
}

/// An interviewer's offset around one plan is fitted on their latest `HISTORY_PANELS` counted
/// panels, so a packet costs the same after years of their interviews: with the slate made eight
/// times, interviewers have more panels than that, and only the latest count.
#[test]
fn a_long_history_is_read_only_as_far_as_the_latest_panels() {
    use crate::calibration::counted::HISTORY_PANELS;
    let mut db = Db::open_in_memory().unwrap();
    let mut slates = Vec::new();
    for _ in 0..8 {
        slates.push(
            db.with_tx(|tx| create_calibration_sample(tx))
                .unwrap()
                .plan_ids,
        );
    }
    // The last slate's first plan: every card submitted, so its seal is open.
    let plan = slates[7][0];
    let adjusted = crate::calibration::plan_adjustment(db.conn(), plan).unwrap();
    assert!(adjusted.shown, "{}", adjusted.in_words);
    let mut bounded = 0;
    for panelist in &adjusted.panelists {
        // Their scored answers on every other counted panel of theirs, and on the latest 40.
        let count = |limit: i64| -> i64 {
            let sql = format!(
                "SELECT count(*) FROM answers a
                 JOIN scorecards s ON s.id = a.scorecard_id AND s.status = 'submitted'
                 JOIN panelists x ON x.id = s.panelist_id
                 WHERE a.score IS NOT NULL AND x.plan_id IN (
                     SELECT p.id FROM plans p
                     JOIN panelists y ON y.plan_id = p.id
                     JOIN scorecards t ON t.panelist_id = y.id AND t.status = 'submitted'
                     WHERE y.person_id = (SELECT person_id FROM panelists WHERE id = ?1)
                       AND p.id <> ?2 AND NOT {}
                     ORDER BY p.id DESC LIMIT ?3)
                   AND x.person_id = (SELECT person_id FROM panelists WHERE id = ?1)",
                crate::scorecards::SEALED_SQL
            );
            db.conn()
                .query_row(
                    &sql,
                    rusqlite::params![panelist.panelist_id, plan, limit],
                    |r| r.get(0),
                )
                .unwrap()
        };
        let (all, latest) = (count(-1), count(HISTORY_PANELS as i64));
        // Their latest panels are all read; older ones only where a co-rater's latest are.
        let past = panelist.past_answers as i64;
        assert!(
            latest <= past && past <= all,
            "{}: {latest} ≤ {past} ≤ {all}",
            panelist.name
        );
        if past < all {
            bounded += 1;
        }
    }
    assert!(
        bounded > 0,
        "some panelist has more than {HISTORY_PANELS} panels"
    );
}
