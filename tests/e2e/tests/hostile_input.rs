//! Hostile input, table-driven, through every `panelctl` entry point that takes user text or
//! numbers: each case is either refused with a specific one-line error — and then a dump of
//! every table is byte-for-byte what it was — or handled correctly and stored verbatim.
//! (The desktop app calls the same core functions; its IPC types are checked in
//! `src-tauri/crates/core/tests/ipc_input.rs`.)

use std::path::Path;

use e2e::{panelctl, panelctl_binary, panelctl_refused};
use rusqlite::{types::ValueRef, Connection};

/// Every row of every table, in a stable order: what "the database is unchanged" means.
fn dump(dir: &Path) -> String {
    let conn = Connection::open(dir.join("panel.db")).unwrap();
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    tables.retain(|t| !t.starts_with("sqlite_"));
    let mut out = String::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                Ok((0..n)
                    .map(|i| match r.get_ref(i).unwrap() {
                        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                        other => format!("{other:?}"),
                    })
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        rows.sort();
        out.push_str(&format!("## {table}\n{}\n", rows.join("\n")));
    }
    out
}

/// Refused with exit status 1, one line naming `says`, and the database unchanged.
fn refused(dir: &Path, args: &[&str], says: &str) {
    let before = dump(dir);
    let line = panelctl_refused(dir, args);
    assert!(
        line.to_lowercase().contains(&says.to_lowercase()),
        "{args:?}: {line:?} should say {says:?}"
    );
    assert_eq!(dump(dir), before, "{args:?} changed the database");
}

/// `refused` for a command line whose arguments hold no spaces, written as one string.
fn refused_line(dir: &Path, line: &str, says: &str) {
    let args: Vec<&str> = line.split_whitespace().collect();
    refused(dir, &args, says);
}

/// A usage error (exit status 2) from argument parsing, the database unchanged.
fn usage_error(dir: &Path, line: &str) {
    let args: Vec<&str> = line.split_whitespace().collect();
    let before = dump(dir);
    let out = std::process::Command::new(panelctl_binary())
        .arg("--data-dir")
        .arg(dir)
        .args(&args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}: usage error");
    assert_eq!(dump(dir), before, "{args:?} changed the database");
}

#[test]
fn names_dates_and_levels_are_refused_by_name_or_stored_verbatim() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    panelctl(d, &["bank", "list"]); // creates the database
    let long = "x".repeat(10_000);
    let create = |name: &str| {
        vec![
            "plan".to_string(),
            "create".into(),
            "--candidate".into(),
            name.to_string(),
            "--level".into(),
            "vp".into(),
        ]
    };
    for (name, says) in [
        ("", "must not be empty"),
        ("   \t ", "must not be empty"),
        (long.as_str(), "10000 characters long"),
        ("Zoë\u{7}Bell", "control characters"),
        ("Line\nBreak", "control characters"),
        ("\u{1b}[31mred", "control characters"),
    ] {
        let args = create(name);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        refused(d, &args, says);
    }
    for (line, says) in [
        ("plan create --candidate A --level ceo", "level"),
        (
            "plan create --candidate A --level vp --date 2026-02-30",
            "2026-02-30",
        ),
        (
            "plan create --candidate A --level vp --date 2026-12-01 --time 25:00",
            "25:00",
        ),
        (
            "plan create --candidate A --level vp --email not-an-email",
            "not an email",
        ),
    ] {
        refused_line(d, line, says);
    }
    // Right-to-left, emoji and SQL metacharacters are names like any other: stored verbatim.
    for name in [
        "مريم الحسن",
        "Zoë 🚀 Ng-Łukasiewicz",
        "Robert'); DROP TABLE plans;--",
        "%_\\' OR 1=1 --",
    ] {
        let id = panelctl(d, &["plan", "create", "--candidate", name, "--level", "vp"]);
        let shown: serde_json::Value =
            serde_json::from_str(&panelctl(d, &["plan", "show", id.trim(), "--json"])).unwrap();
        assert_eq!(shown["candidate"], name);
    }
    let plans: serde_json::Value =
        serde_json::from_str(&panelctl(d, &["plan", "list", "--json"])).unwrap();
    assert_eq!(
        plans.as_array().unwrap().len(),
        4,
        "the plans table is intact"
    );
}

#[test]
fn panels_scores_and_ids_are_checked_and_large_panels_work() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plan = panelctl(
        d,
        &[
            "plan",
            "create",
            "--candidate",
            "Amara Okafor",
            "--level",
            "vp",
        ],
    );
    let plan = plan.trim();

    // A plan with nobody on it cannot be split or scored.
    refused_line(d, &format!("plan split {plan}"), "add panelists");
    refused(
        d,
        &[
            "plan",
            "add-panelist",
            plan,
            "--name",
            "",
            "--minutes",
            "60",
        ],
        "must not be empty",
    );
    for (line, says) in [
        (
            format!("plan add-panelist {plan} --name Ana --minutes 0"),
            "5–480",
        ),
        (
            format!("plan add-panelist {plan} --name Ana --minutes 481"),
            "5–480",
        ),
        (
            "plan add-panelist 999 --name Ana --minutes 60".into(),
            "plan 999 does not exist",
        ),
        (
            format!("plan add-panelist {plan} --name Ana --exclude 99"),
            "no question 99",
        ),
        ("plan show 999".into(), "plan 999 does not exist"),
    ] {
        refused_line(d, &line, says);
    }
    usage_error(
        d,
        &format!("plan add-panelist {plan} --name Ana --minutes sixty"),
    );

    // Forty panelists: all on the panel, every question asked, warnings but no failure.
    for i in 1..=40 {
        let name = format!("Panelist {i:02} — ✓");
        panelctl(
            d,
            &[
                "plan",
                "add-panelist",
                plan,
                "--name",
                &name,
                "--minutes",
                "30",
            ],
        );
    }
    panelctl(d, &["plan", "split", plan]);
    let shown: serde_json::Value =
        serde_json::from_str(&panelctl(d, &["plan", "show", plan, "--json"])).unwrap();
    assert_eq!(shown["panelists"].as_array().unwrap().len(), 40);
    let first = shown["assignments"][0].clone();
    let (p, q) = (
        first["panelistId"].to_string(),
        first["questionNumber"].to_string(),
    );

    let score = format!("score {plan} --panelist {p} --question {q} --score");
    for (value, says) in [("0", "1–4"), ("5", "1–4"), ("-1", "1–4")] {
        refused_line(d, &format!("{score} {value}"), says);
    }
    usage_error(d, &format!("{score} 2.5"));
    usage_error(d, &format!("{score} three"));
    for (line, says) in [
        (
            format!("score {plan} --panelist {p} --question 99 --score 3"),
            "question 99",
        ),
        (
            format!("score {plan} --panelist 9999 --question {q} --score 3"),
            "9999",
        ),
        (
            format!("score 999 --panelist {p} --question {q} --score 3"),
            "999",
        ),
        (format!("{score} 3 --covered 99"), "99"),
        (
            format!("submit {plan} --panelist {p} --recommendation maybe"),
            "recommendation",
        ),
        (
            format!("submit {plan} --panelist {p} --recommendation yes"),
            "question",
        ),
        ("purge 999".into(), "plan 999 does not exist"),
        ("retention --months 0".into(), "1–120"),
        ("restore /etc/hostname".into(), "cannot be restored"),
        (
            "pack import /etc/hostname".into(),
            "not a hiring panel pack",
        ),
        ("exchange import /etc/hostname".into(), "not a hiring panel"),
    ] {
        refused_line(d, &line, says);
    }
    // A note of SQL and control-free Unicode is kept exactly.
    let note = "'); DELETE FROM answers; -- «מבחן» 🚀 \"quoted\" \\ %";
    let mut args: Vec<&str> = score.split_whitespace().collect();
    args.extend(["3", "--note", note]);
    panelctl(d, &args);
    let card = panelctl(d, &["scorecard", "show", plan, "--panelist", &p, "--json"]);
    assert!(card.contains("DELETE FROM answers; -- «מבחן» 🚀"), "{card}");
}

#[test]
fn the_debrief_meetings_inputs_are_checked_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sealed = panelctl(d, &["demo"]);
    let plan = panelctl(d, &["demo", "--scored"]);
    refused_line(
        d,
        &format!("debrief agenda {sealed}"),
        "opens once every panelist",
    );
    refused_line(
        d,
        &format!("debrief minutes {sealed} --item 1 --text x"),
        "opens once every panelist",
    );
    refused_line(
        d,
        &format!("debrief minutes {plan} --item 99 --text x"),
        "no item 99",
    );
    refused_line(
        d,
        &format!("debrief minutes {plan} --item 0 --text x"),
        "no item 0",
    );
    let long = "x".repeat(20_001);
    refused(
        d,
        &["debrief", "minutes", &plan, "--item", "1", "--text", &long],
        "20000",
    );
    let shown = e2e::panelctl_json(d, &["plan", "show", &plan, "--json"]);
    let first = &shown["assignments"][0];
    let (panelist, question) = (
        first["panelistId"].to_string(),
        first["questionNumber"].to_string(),
    );
    let rescore = |score: &str, reason: &str, extra: &[&str]| {
        let mut args = vec![
            "debrief",
            "rescore",
            &plan,
            "--panelist",
            &panelist,
            "--question",
            &question,
            "--score",
        ];
        args.push(score);
        args.extend(["--reason", reason]);
        args.extend(extra);
        args.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let run = |args: Vec<String>, says: &str| {
        refused(
            d,
            &args.iter().map(String::as_str).collect::<Vec<_>>(),
            says,
        )
    };
    run(rescore("0", "why", &[]), "score must be 1–4, got 0");
    run(rescore("3", " ", &[]), "needs a reason");
    run(rescore("3", "why", &["--item", "1"]), "has not started");
    usage_error(
        d,
        &format!("debrief rescore {plan} --panelist 1 --question 1 --score 300 --reason x"),
    );
    usage_error(d, &format!("debrief minutes {plan} --item -1 --text x"));
}
