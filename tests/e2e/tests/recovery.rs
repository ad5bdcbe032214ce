//! Fault injection: a real database, damaged the two ways disks and copies damage files (cut
//! short, bytes flipped in its pages). `panelctl check` and the app both report it plainly, the
//! damaged file is never changed, and restoring the backup brings the data back — from the
//! command line, and from the app's recovery screen.

use std::path::Path;

use e2e::{panelctl, panelctl_refused, Session};
use serde_json::Value;
use sha2::{Digest, Sha256};

fn sha(path: &Path) -> String {
    format!("{:x}", Sha256::digest(std::fs::read(path).unwrap()))
}

/// A data directory with the scored sample plan and a backup of it; returns the backup's path.
fn database_with_backup(dir: &Path) -> String {
    panelctl(dir, &["demo", "--scored"]);
    let out: Value = serde_json::from_str(&panelctl(dir, &["backup", "--json"])).unwrap();
    out["path"].as_str().unwrap().to_string()
}

/// Overwrites the header of pages 2–6 (page type, cell counts) with 0xFF: structure, not text.
fn flip_page_headers(db: &Path) {
    let mut bytes = std::fs::read(db).unwrap();
    let page = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    for n in 1..6 {
        for b in &mut bytes[n * page..n * page + 8] {
            *b = 0xFF;
        }
    }
    std::fs::write(db, bytes).unwrap();
}

fn candidates(dir: &Path) -> Vec<String> {
    let plans: Value = serde_json::from_str(&panelctl(dir, &["plan", "list", "--json"])).unwrap();
    plans
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["candidate"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn check_reports_a_cut_short_or_flipped_database_and_restore_brings_the_data_back() {
    for damage in ["truncated", "flipped"] {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let backup = database_with_backup(d);
        let before = candidates(d);
        assert!(!before.is_empty());
        let db = d.join("panel.db");
        match damage {
            "truncated" => {
                let len = std::fs::metadata(&db).unwrap().len();
                std::fs::OpenOptions::new()
                    .write(true)
                    .open(&db)
                    .unwrap()
                    .set_len(len / 2)
                    .unwrap();
            }
            _ => flip_page_headers(&db),
        }
        let damaged = sha(&db);
        let check = std::process::Command::new(e2e::panelctl_binary())
            .args(["--data-dir", d.to_str().unwrap(), "check"])
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&check.stdout);
        let line = String::from_utf8_lossy(&check.stderr);
        assert!(!check.status.success(), "{damage}: check fails");
        assert!(
            line.contains("damaged") && line.contains("not modified"),
            "{damage}: {line}"
        );
        assert!(!report.contains("integrity: ok"), "{damage}: {report}");
        assert_eq!(sha(&db), damaged, "{damage}: check never writes");

        let line = panelctl_refused(d, &["restore", "/nonexistent/backup.db"]);
        assert!(line.contains("no such file"), "{line}");
        assert_eq!(
            sha(&db),
            damaged,
            "{damage}: a refused restore changes nothing"
        );

        let restored: Value =
            serde_json::from_str(&panelctl(d, &["restore", &backup, "--json"])).unwrap();
        let aside = restored["keptPreviousAs"].as_str().unwrap();
        assert!(aside.ends_with("-damaged.db"), "{damage}: {restored}");
        assert_eq!(
            sha(Path::new(aside)),
            damaged,
            "{damage}: the damaged file is kept as it was"
        );
        assert!(panelctl(d, &["check"]).contains("integrity: ok"));
        assert_eq!(candidates(d), before, "{damage}: the data is back");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_app_shows_the_recovery_screen_and_restores_the_newest_backup() {
    let data_dir = tempfile::tempdir().unwrap();
    let d = data_dir.path().to_path_buf();
    let backup = database_with_backup(&d);
    let before = candidates(&d);
    let db = d.join("panel.db");
    flip_page_headers(&db);
    let damaged = sha(&db);

    let backup_file = d.join("backups").to_string_lossy().to_string();
    let mut s = Session::start_with("recovery", data_dir).await;
    let problem = s.text_of("database-problem").await;
    assert!(problem.contains("damaged"), "{problem}");
    // The recommended way out is the main button; the technical message is folded away.
    let restore = s.text_of("recovery-restore-newest").await;
    assert!(
        restore.starts_with("Restore the newest backup ("),
        "{restore}"
    );
    assert!(
        !problem.contains("storage error"),
        "no raw SQLite error up front: {problem}"
    );
    s.screenshot("recovery-screen").await;
    s.audit_accessibility("recovery-screen").await;
    assert_eq!(
        sha(&db),
        damaged,
        "starting the app wrote nothing to the damaged file"
    );

    s.click("recovery-restore-newest").await;
    // The app reloads on the restored database: the Plans screen and the sample plan.
    let first = s
        .wait_for_css("[data-testid^='open-plan-']")
        .await
        .text()
        .await
        .unwrap();
    assert!(first.contains(&before[0]), "{first}");
    s.screenshot("restored").await;
    s.click("nav-data").await;
    assert!(s
        .text_of("backup-list")
        .await
        .contains("Damaged file, moved aside"));
    s.screenshot("data-screen").await;
    s.audit_accessibility("data-screen").await;
    // With the app open on this folder, the command line will not swap or rewrite the file.
    let line = panelctl_refused(&d, &["restore", &backup]);
    assert!(line.contains("quit it first"), "{line}");
    let _data_dir = s.finish().await;

    let aside = std::fs::read_dir(&backup_file)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with("-damaged.db"))
        .expect("the damaged file was moved aside");
    assert_eq!(sha(&aside), damaged, "and kept byte for byte");
    assert_eq!(candidates(&d), before);
}
