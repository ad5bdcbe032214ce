//! `panelctl` as a recruiter's script sees it: stdout, stderr and exit status.

use assert_cmd::Command;
use serde_json::Value;

fn panelctl(data_dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("panelctl").unwrap();
    cmd.arg("--data-dir")
        .arg(data_dir)
        .env_remove("HIRING_PANEL_DATA_DIR");
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().clone();
    assert!(
        out.stderr.is_empty(),
        "stderr is for errors only: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn bank_list_json_prints_the_eighteen_questions_as_an_array() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout_of(panelctl(dir.path()).args(["bank", "list", "--json"]));
    let questions: Value = serde_json::from_str(&out).expect("stdout is pure JSON");
    let questions = questions
        .as_array()
        .expect("list commands print a JSON array");
    assert_eq!(questions.len(), 18);
    let q12 = &questions[11];
    assert_eq!(q12["number"], 12);
    assert!(
        q12["text"].as_str().unwrap().contains("“secure enough”"),
        "curly quotes repaired"
    );
    for key in ["strongAnswer", "weakSignals", "capabilities"] {
        assert!(q12[key].is_array(), "{key} is an array");
    }
    assert!(q12["minutes"]
        .as_u64()
        .is_some_and(|m| (6..=10).contains(&m)));
    assert!(q12["id"].is_number(), "ids are JSON numbers");
    for q in questions {
        for cap in q["capabilities"].as_array().unwrap() {
            let slug = cap.as_str().unwrap();
            assert!(
                ["program", "risk", "investment", "alignment", "leaders"].contains(&slug),
                "capability slugs are the CLI's: {slug}"
            );
        }
    }
    assert!(
        !out.contains('โ') && !out.contains("â€"),
        "no seed mojibake in any output"
    );
}

#[test]
fn bank_list_prints_a_readable_table() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout_of(panelctl(dir.path()).args(["bank", "list"]));
    assert_eq!(
        out.lines().next().unwrap(),
        "Product Security Director / VP / Principal Interview Pack (2026) (version 1)",
        "the pack is named first"
    );
    let header = out
        .lines()
        .find(|l| l.contains("QUESTION"))
        .expect("a header row");
    assert!(
        header.contains("MIN") && header.contains("CAPABILITIES"),
        "{header}"
    );
    assert!(out.contains("“secure enough”"));
    assert!(
        out.trim_end().ends_with("18 questions, 152 minutes in all"),
        "{out}"
    );
    assert!(!out.contains('โ'));
}

#[test]
fn check_reports_ok_on_a_fresh_and_on_a_reopened_database() {
    let dir = tempfile::tempdir().unwrap();
    for round in ["fresh", "reopened"] {
        let out = stdout_of(panelctl(dir.path()).arg("check"));
        assert!(
            out.starts_with("integrity: ok\n"),
            "{round} database: {out}"
        );
        let schema = panel_core::db::SCHEMA_VERSION;
        assert!(
            out.contains(&format!("schema version: {schema} (this build: {schema})")),
            "{out}"
        );
        assert!(out.contains("questions: 18"), "{out}");
    }
    assert!(
        dir.path().join("panel.db").is_file(),
        "check creates a missing database"
    );
}

#[test]
fn check_json_is_an_object_with_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout_of(panelctl(dir.path()).args(["check", "--json"]));
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["ok"], true);
    assert_eq!(report["integrity"][0], "ok");
    assert_eq!(report["schemaVersion"], panel_core::db::SCHEMA_VERSION);
}

#[test]
fn check_fails_with_one_error_line_on_a_damaged_database_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panel.db");
    let garbage = b"definitely not sqlite ".repeat(400);
    std::fs::write(&db, &garbage).unwrap();
    let out = panelctl(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stdout.starts_with("integrity: "), "{stdout}");
    assert!(stdout.contains("damaged"), "says what is wrong: {stdout}");
    assert_eq!(
        stderr.lines().count(),
        1,
        "exactly one error line: {stderr}"
    );
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        garbage,
        "check never writes to the file"
    );
}

#[test]
fn bank_list_on_a_damaged_database_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("panel.db"), b"garbage ".repeat(600)).unwrap();
    let out = panelctl(dir.path())
        .args(["bank", "list"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(out.stdout.is_empty(), "nothing half-printed on stdout");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("is damaged"), "{stderr}");
}

#[test]
fn data_dir_comes_from_the_environment_when_not_given() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::cargo_bin("panelctl").unwrap();
    cmd.env("HIRING_PANEL_DATA_DIR", dir.path()).arg("check");
    stdout_of(&mut cmd);
    assert!(
        dir.path().join("panel.db").is_file(),
        "the database is created in $HIRING_PANEL_DATA_DIR"
    );
}

#[test]
fn output_cut_short_by_a_closed_pipe_is_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("panelctl");
    let mut child = std::process::Command::new(bin)
        .arg("--data-dir")
        .arg(dir.path())
        .args(["bank", "list"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // like `panelctl bank list | head -0`
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "a closed pipe is the reader's choice, not a failure"
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    panelctl(dir.path())
        .args(["bank", "frobnicate"])
        .assert()
        .code(2);
    panelctl(dir.path()).assert().code(2);
}
