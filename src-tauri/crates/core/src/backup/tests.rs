//! Backups: snapshots, the daily rule, rotation, and restores that keep what they replace.

use chrono::{Duration, TimeZone, Utc};

use super::*;
use crate::plans::testing::plan_with_panel;
use crate::Db;

fn database() -> (tempfile::TempDir, PathBuf, Db) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("panel.db");
    let mut db = Db::open(&path).unwrap();
    db.with_tx(|tx| plan_with_panel(tx, "Amara Okafor", &[("Priya Raman", 60)]))
        .unwrap();
    (dir, path, db)
}

fn candidates(path: &Path) -> Vec<String> {
    let db = Db::open_read_only(path).unwrap();
    let mut stmt = db.conn().prepare("SELECT name FROM candidates").unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_backup_is_a_private_consistent_copy_listed_by_time_and_reason() {
    let (_dir, path, db) = database();
    let taken = back_up(db.conn(), &path, BackupKind::Manual).unwrap();
    assert!(taken.file_name.starts_with("panel-") && taken.file_name.ends_with("-manual.db"));
    assert_eq!(candidates(Path::new(&taken.path)), ["Amara Okafor"]);
    #[cfg(unix)]
    {
        assert_eq!(mode(Path::new(&taken.path)), 0o600);
        assert_eq!(mode(&backup_dir(&path)), 0o700);
        assert_eq!(mode(&path), 0o600, "the database itself is owner-only");
        let wal = path.with_extension("db-wal");
        assert!(wal.exists(), "the database is in WAL mode");
        assert_eq!(mode(&wal), 0o600, "and so is its WAL");
    }
    let second = back_up(db.conn(), &path, BackupKind::Manual).unwrap();
    assert_ne!(second.path, taken.path, "two in one second get two names");
    assert_eq!(list(&path).unwrap().len(), 2);
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(backup_dir(&path))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains("partial")), "{names:?}");
}

#[test]
fn the_daily_backup_is_taken_once_a_day_and_rotation_keeps_seven_days_and_four_weeks() {
    let (_dir, path, db) = database();
    let start = Utc.with_ymd_and_hms(2026, 9, 1, 8, 0, 0).unwrap();
    // Sixty days of starting the app twice a day.
    for day in 0..60 {
        let morning = start + Duration::days(day);
        assert!(daily_at(db.conn(), &path, morning).unwrap().is_some());
        assert!(daily_at(db.conn(), &path, morning + Duration::hours(6))
            .unwrap()
            .is_none());
    }
    let kept = list(&path).unwrap();
    assert_eq!(kept.len(), RETAIN_DAILY + RETAIN_WEEKLY, "{kept:#?}");
    assert!(
        kept[0].taken_at.to_string().starts_with("2026-10-30"),
        "the newest is kept"
    );
    // A hand-made backup is never rotated away.
    back_up_at(db.conn(), &path, BackupKind::Manual, start).unwrap();
    daily_at(db.conn(), &path, start + Duration::days(61)).unwrap();
    assert!(list(&path)
        .unwrap()
        .iter()
        .any(|b| b.kind == BackupKind::Manual));
}

#[test]
fn the_backups_list_comes_a_page_at_a_time_newest_first_with_the_count_of_all() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("panel.db");
    let empty = list_page(&path, &BackupQuery::default()).unwrap();
    assert_eq!(
        (empty.backups.len(), empty.total),
        (0, 0),
        "no backups folder yet is an empty list, not an error"
    );

    // More than two pages of backups of every kind, as years of "Back up now" leave them.
    let folder = backup_dir(&path);
    files::ensure_private_dir(&folder).unwrap();
    let start = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();
    let kinds = [
        BackupKind::Manual,
        BackupKind::Daily,
        BackupKind::BeforeMigration,
        BackupKind::Damaged,
        BackupKind::BeforeRestore,
    ];
    for i in 0..130 {
        let at = start + Duration::hours(7 * i as i64);
        let file = free_name(&folder, at, kinds[i % kinds.len()], ".db");
        std::fs::write(file, vec![0u8; i]).unwrap();
    }
    let twice = free_name(&folder, start, BackupKind::Manual, ".db");
    std::fs::write(twice, "second in the same second").unwrap();
    for stranger in [
        "notes.txt",
        "panel-yesterday-manual.db",
        "panel-20260101T090000Z-odd.db",
    ] {
        std::fs::write(folder.join(stranger), "not a backup").unwrap();
    }

    let all = list(&path).unwrap();
    assert_eq!(
        all.len(),
        131,
        "every backup, and nothing else in the folder"
    );
    assert!(
        all.windows(2).all(|w| w[0].taken_at >= w[1].taken_at),
        "newest first"
    );
    for b in &all {
        let on_disk = std::fs::metadata(&b.path).unwrap().len();
        assert_eq!(b.bytes, on_disk, "{} shows its own size", b.file_name);
    }
    let restorable: Vec<BackupInfo> = all
        .iter()
        .filter(|b| b.kind != BackupKind::Damaged)
        .cloned()
        .collect();
    assert_eq!(restorable.len(), 131 - 26);

    for (only_restorable, expected) in [(false, &all), (true, &restorable)] {
        let mut joined = Vec::new();
        loop {
            let page = list_page(
                &path,
                &BackupQuery {
                    restorable: only_restorable,
                    offset: joined.len() as u32,
                    limit: Some(50),
                },
            )
            .unwrap();
            assert_eq!(
                page.total as usize,
                expected.len(),
                "every page counts them all"
            );
            assert!(page.backups.len() <= 50, "a page holds at most the limit");
            if page.backups.is_empty() {
                break;
            }
            joined.extend(page.backups);
        }
        assert_eq!(
            &joined, expected,
            "the pages join to the whole list, in its order (restorable only: {only_restorable})"
        );
    }
}

#[test]
fn restoring_keeps_the_current_database_and_refuses_what_is_not_a_good_backup() {
    let (dir, path, mut db) = database();
    let good = back_up(db.conn(), &path, BackupKind::Manual).unwrap();
    db.with_tx(|tx| plan_with_panel(tx, "Kenji Sato", &[("Ben", 60)]))
        .unwrap();
    drop(db);

    // Refusals first, each changing nothing.
    let before = std::fs::read(&path).unwrap();
    let not_db = dir.path().join("notes.txt");
    std::fs::write(&not_db, "hello").unwrap();
    let damaged = dir.path().join("damaged.db");
    let mut bytes = std::fs::read(&good.path).unwrap();
    for b in &mut bytes[4096..4200] {
        *b ^= 0xA5;
    }
    std::fs::write(&damaged, &bytes).unwrap();
    let newer = dir.path().join("newer.db");
    std::fs::copy(&good.path, &newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    for (file, says) in [
        (dir.path().join("missing.db"), "no such file"),
        (not_db, "not a readable database"),
        (damaged, "damaged"),
        (newer, "newer version of Hiring Panel"),
    ] {
        let err = restore(&path, &file).unwrap_err();
        assert!(err.to_string().contains(says), "{err} should say {says}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    let done = restore(&path, Path::new(&good.path)).unwrap();
    assert_eq!(
        candidates(&path),
        ["Amara Okafor"],
        "the backup is in place"
    );
    let kept = done.kept_previous_as.unwrap();
    assert!(kept.ends_with("-before-restore.db"));
    let mut previous = candidates(Path::new(&kept));
    previous.sort();
    assert_eq!(previous, ["Amara Okafor", "Kenji Sato"], "nothing was lost");
}

#[test]
fn a_database_that_cannot_be_opened_is_moved_aside_untouched_and_the_backup_restored() {
    let (_dir, path, db) = database();
    let good = back_up(db.conn(), &path, BackupKind::Manual).unwrap();
    drop(db);
    std::fs::write(
        &path,
        b"this is no longer a database, but it is the user's file",
    )
    .unwrap();
    let done = restore(&path, Path::new(&good.path)).unwrap();
    let aside = done.kept_previous_as.unwrap();
    assert!(aside.ends_with("-damaged.db"));
    assert_eq!(
        std::fs::read(&aside).unwrap(),
        b"this is no longer a database, but it is the user's file"
    );
    assert_eq!(candidates(&path), ["Amara Okafor"]);
    assert!(done.report.ok);
}

#[test]
fn a_restore_takes_what_a_live_file_holds_in_its_wal_and_refuses_while_the_database_is_read() {
    let (dir, path, db) = database();
    // A source whose last commit is still only in its WAL (its connection is open).
    let source = dir.path().join("other/panel.db");
    let mut live = Db::open(&source).unwrap();
    live.with_tx(|tx| plan_with_panel(tx, "Only In The Wal", &[("Ana", 60)]))
        .unwrap();
    assert!(source.with_extension("db-wal").metadata().unwrap().len() > 0);

    // Another program reading the current database: the restore refuses and changes nothing.
    let reader = rusqlite::Connection::open(&path).unwrap();
    reader
        .execute_batch("BEGIN; SELECT count(*) FROM plans;")
        .unwrap();
    drop(db);
    let err = restore(&path, &source).unwrap_err();
    assert!(err.to_string().contains("another program"), "{err}");
    assert_eq!(candidates(&path), ["Amara Okafor"]);
    reader.execute_batch("COMMIT").unwrap();
    drop(reader);

    let done = restore(&path, &source).unwrap();
    let mut now = candidates(&path);
    now.sort();
    assert_eq!(now, ["Only In The Wal"], "what the WAL held was restored");
    assert!(done
        .kept_previous_as
        .unwrap()
        .ends_with("-before-restore.db"));
    drop(live);
}

#[test]
fn a_journal_without_its_database_is_moved_aside_before_a_restore() {
    let (dir, path, db) = database();
    let good = back_up(db.conn(), &path, BackupKind::Manual).unwrap();
    drop(db);
    std::fs::remove_file(&path).unwrap();
    let orphan = path.with_extension("db-wal");
    std::fs::write(&orphan, b"an old journal of a database that is gone").unwrap();
    let done = restore(&path, Path::new(&good.path)).unwrap();
    assert_eq!(candidates(&path), ["Amara Okafor"]);
    assert!(done.report.ok);
    let aside: Vec<String> = std::fs::read_dir(backup_dir(&path))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with("-damaged.db-wal"))
        .collect();
    assert_eq!(
        aside.len(),
        1,
        "the orphan journal is kept aside, not applied"
    );
    let _ = dir;
}

#[test]
fn the_apps_lock_makes_restore_and_purge_refuse_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let held = crate::data_dir::hold_app_lock(dir.path()).unwrap();
    assert!(held.is_some());
    let err = crate::data_dir::ensure_app_not_running(dir.path()).unwrap_err();
    assert!(err.to_string().contains("quit it first"), "{err}");
    drop(held);
    crate::data_dir::ensure_app_not_running(dir.path()).unwrap();
}

/// A trigger that would copy every note into the plan's notes on the next score: what a
/// hostile "backup" could carry.
const PLANTED_TRIGGER: &str = "CREATE TRIGGER leak_notes AFTER UPDATE ON answers BEGIN
    UPDATE plans SET notes = NEW.notes; END;";

#[test]
fn a_backup_with_a_planted_trigger_is_refused_by_name_and_nothing_changes() {
    let (_dir, path, db) = database();
    let taken = back_up(db.conn(), &path, BackupKind::Manual).unwrap();
    drop(db);
    rusqlite::Connection::open(&taken.path)
        .unwrap()
        .execute_batch(PLANTED_TRIGGER)
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = restore(&path, Path::new(&taken.path)).unwrap_err();
    assert_eq!(err.code(), crate::ErrorCode::Rejected, "{err}");
    assert!(
        err.to_string().contains("unexpected trigger leak_notes"),
        "the refusal names what does not belong: {err}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the database is untouched"
    );
}

#[test]
fn a_database_with_a_planted_view_is_reported_damaged_and_never_written() {
    let (_dir, path, db) = database();
    drop(db);
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE VIEW every_note AS SELECT notes FROM answers;")
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    for err in [
        Db::open_checked(&path)
            .err()
            .expect("the checked open refuses it"),
        Db::open(&path).err().expect("so does the plain open"),
    ] {
        assert_eq!(err.code(), crate::ErrorCode::DatabaseCorrupt, "{err}");
        assert!(
            err.to_string().contains("unexpected view every_note"),
            "{err}"
        );
    }
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing was written");
}

#[test]
fn restoring_a_backup_does_not_give_a_pin_guesser_a_fresh_start() {
    let (_dir, path, mut db) = database();
    let (plan, who) = {
        let plan = crate::plans::list(db.conn()).unwrap()[0].id;
        (
            plan,
            crate::plans::show(db.conn(), plan).unwrap().panelists[0].id,
        )
    };
    db.with_tx(|tx| crate::scorecards::set_scorecard_pin(tx, plan, who, None, Some("2468")))
        .unwrap();
    // The backup is taken before any wrong guess.
    let taken = back_up(db.conn(), &path, BackupKind::Manual).unwrap();
    let mut gate = crate::scorecards::PinGate::default();
    let now = Utc::now();
    for _ in 0..crate::scorecards::ATTEMPTS_BEFORE_PAUSE {
        let _ = gate.unlock(&mut db, plan, who, "0000", now);
    }
    drop(db);
    restore(&path, Path::new(&taken.path)).unwrap();
    let mut db = Db::open(&path).unwrap();
    let failures: u32 = db
        .conn()
        .query_row(
            "SELECT pin_failures FROM panelists WHERE id = ?1",
            [who],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        failures,
        crate::scorecards::ATTEMPTS_BEFORE_PAUSE,
        "the count of wrong guesses survives the restore"
    );
    let err = gate.unlock(&mut db, plan, who, "2468", now).unwrap_err();
    assert!(
        err.to_string().contains("too many wrong PINs"),
        "still paused: {err}"
    );
}

#[test]
fn a_restore_is_recorded_in_every_plans_trail() {
    let (_dir, path, db) = database();
    let plan = crate::plans::list(db.conn()).unwrap()[0].id;
    let taken = back_up(db.conn(), &path, BackupKind::Manual).unwrap();
    drop(db);
    restore(&path, Path::new(&taken.path)).unwrap();
    let db = Db::open(&path).unwrap();
    let last = crate::audit::events(db.conn(), plan)
        .unwrap()
        .pop()
        .expect("the trail has the restore");
    assert_eq!(last.kind, crate::audit::AuditKind::Restored);
    assert_eq!(last.title, "Database restored from a backup");
    assert!(last.detail.contains(&taken.file_name), "{}", last.detail);
}

#[test]
fn a_database_claiming_a_negative_schema_version_is_refused_not_migrated() {
    let (_dir, path, db) = database();
    drop(db);
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch(PLANTED_TRIGGER).unwrap();
    raw.pragma_update(None, "user_version", -1).unwrap();
    drop(raw);
    let before = std::fs::read(&path).unwrap();
    let err = Db::open_checked(&path).err().expect("refused");
    assert_eq!(err.code(), crate::ErrorCode::DatabaseCorrupt, "{err}");
    assert!(err.to_string().contains("schema version -1"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing was written");
}

#[test]
fn backups_carry_the_signing_key_so_a_restore_on_a_new_laptop_keeps_the_identity() {
    use crate::identity::{Identity, IDENTITY_FILE};
    let (dir, path, db) = database();
    let lead = Identity::for_db(&db).unwrap();
    let taken = back_up(db.conn(), &path, BackupKind::Manual).unwrap();
    // The live database never holds the key; the backup does.
    let live: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM backup_identity", [], |r| r.get(0))
        .unwrap();
    assert_eq!(live, 0);
    let carried: i64 = Db::open_read_only(Path::new(&taken.path))
        .unwrap()
        .conn()
        .query_row("SELECT count(*) FROM backup_identity", [], |r| r.get(0))
        .unwrap();
    assert_eq!(carried, 1);
    drop(db);

    // A new laptop: its own fresh key, then the old laptop's backup restored.
    let laptop = tempfile::tempdir().unwrap();
    let new_path = laptop.path().join("panel.db");
    let fresh = Identity::for_db(&Db::open(&new_path).unwrap()).unwrap();
    assert_ne!(fresh.public_key(), lead.public_key());
    restore(&new_path, Path::new(&taken.path)).unwrap();
    let restored = Db::open(&new_path).unwrap();
    assert_eq!(
        Identity::for_db(&restored).unwrap().public_key(),
        lead.public_key(),
        "the restored laptop signs as the old one"
    );
    let left: i64 = restored
        .conn()
        .query_row("SELECT count(*) FROM backup_identity", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0, "the restored database forgets its copy of the key");
    // The key it replaced is kept, never deleted.
    let kept: Vec<_> = std::fs::read_dir(laptop.path().join(BACKUP_DIR))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("identity-"))
        .collect();
    assert_eq!(kept.len(), 1);
    #[cfg(unix)]
    assert_eq!(mode(&laptop.path().join(IDENTITY_FILE)), 0o600);

    // A backup copied into place by hand hands its key over too.
    let by_hand = tempfile::tempdir().unwrap();
    std::fs::copy(&taken.path, by_hand.path().join("panel.db")).unwrap();
    let db = Db::open(&by_hand.path().join("panel.db")).unwrap();
    assert_eq!(
        Identity::for_db(&db).unwrap().public_key(),
        lead.public_key()
    );
    drop(dir);
}
