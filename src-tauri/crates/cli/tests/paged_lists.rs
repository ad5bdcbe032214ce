//! `backup --list` and `pack list` a page at a time, as a script walking a long list sees them:
//! `--limit`/`--offset` pages that join to the whole list, the count on stderr, stdout a JSON
//! array with `--json`.

use assert_cmd::Command;
use serde_json::Value;

fn panelctl(data_dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("panelctl").unwrap();
    cmd.arg("--data-dir")
        .arg(data_dir)
        .env_remove("HIRING_PANEL_DATA_DIR");
    cmd
}

/// Runs a command that must succeed; returns (stdout, stderr).
fn run(data_dir: &std::path::Path, args: &[&str]) -> (String, String) {
    let out = panelctl(data_dir)
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The JSON array a list prints, and the count it writes on stderr.
fn listed(data_dir: &std::path::Path, args: &[&str]) -> (Vec<Value>, String) {
    let (stdout, stderr) = run(data_dir, args);
    let rows: Value = serde_json::from_str(&stdout).expect("stdout is pure JSON");
    let rows = rows
        .as_array()
        .expect("list commands print a JSON array")
        .clone();
    (rows, stderr.trim_end().to_string())
}

/// Walks a list `page` rows at a time; every page must say the same count.
fn pages(data_dir: &std::path::Path, list: &[&str], page: usize, count: &str) -> Vec<Value> {
    let mut joined = Vec::new();
    loop {
        let (limit, offset) = (page.to_string(), joined.len().to_string());
        let mut args = list.to_vec();
        args.extend(["--json", "--limit", &limit, "--offset", &offset]);
        let (rows, said) = listed(data_dir, &args);
        assert_eq!(said, count, "every page counts the whole list on stderr");
        assert!(rows.len() <= page, "a page holds at most --limit rows");
        if rows.is_empty() {
            return joined;
        }
        joined.extend(rows);
    }
}

#[test]
fn backup_list_pages_with_limit_and_offset_and_says_how_many_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let (rows, count) = listed(dir.path(), &["backup", "--list", "--json"]);
    assert!(rows.is_empty());
    assert_eq!(count, "0 backups");
    let (stdout, _) = run(dir.path(), &["backup", "--list"]);
    assert!(stdout.starts_with("No backups yet in "), "{stdout}");

    for _ in 0..5 {
        run(dir.path(), &["backup"]);
    }
    let (all, count) = listed(dir.path(), &["backup", "--list", "--json"]);
    assert_eq!(count, "5 backups", "without --limit every backup is listed");
    assert_eq!(all.len(), 5);
    let names: Vec<&str> = all
        .iter()
        .map(|b| b["fileName"].as_str().unwrap())
        .collect();
    let mut newest_first = names.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(names, newest_first, "newest first");
    assert!(all
        .iter()
        .all(|b| b["kind"] == "manual" && b["bytes"].is_number()));

    assert_eq!(
        pages(dir.path(), &["backup", "--list"], 2, "5 backups"),
        all,
        "the pages join to the whole list"
    );
    let (stdout, stderr) = run(dir.path(), &["backup", "--list", "--limit", "2"]);
    assert_eq!(stdout.lines().count(), 2, "two readable rows: {stdout}");
    assert!(
        stdout.contains(names[0]) && stdout.contains(names[1]),
        "the two newest: {stdout}"
    );
    assert_eq!(stderr, "5 backups\n");
    let (stdout, _) = run(dir.path(), &["backup", "--list", "--offset", "4"]);
    assert_eq!(
        stdout.lines().count(),
        1,
        "only the oldest is left: {stdout}"
    );
    assert!(stdout.contains(names[4]));
}

#[test]
fn backup_limit_and_offset_belong_to_list_only() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["backup", "--limit", "2"][..],
        &["backup", "--offset", "1"],
        &["backup", "--list", "--limit", "many"],
    ] {
        let out = panelctl(dir.path()).args(args).assert().code(2);
        assert!(
            out.get_output().stdout.is_empty(),
            "a usage error prints nothing on stdout: {args:?}"
        );
    }
    assert!(
        !dir.path().join("backups").exists(),
        "a usage error takes no backup"
    );
}

#[test]
fn pack_list_pages_with_limit_and_offset_and_says_how_many_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("builtin.hppack");
    let file = file.to_str().unwrap();
    run(
        dir.path(),
        &["pack", "export", "product-security-leadership", "-o", file],
    );
    // Five packs of one's own, one of them in two versions: seven versions with the built-in.
    let exported: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let packs = [
        ("team-e", 1, "Echo"),
        ("team-a", 1, "Alpha"),
        ("team-d", 1, "Delta"),
        ("team-a", 2, "Alpha"),
        ("team-c", 1, "Charlie"),
        ("team-b", 1, "Bravo"),
    ];
    for (id, version, title) in packs {
        let mut pack = exported.clone();
        pack["pack"]["id"] = id.into();
        pack["pack"]["version"] = version.into();
        pack["pack"]["title"] = title.into();
        let path = dir.path().join(format!("{id}-{version}.hppack"));
        std::fs::write(&path, pack.to_string()).unwrap();
        run(dir.path(), &["pack", "import", path.to_str().unwrap()]);
    }

    let (all, count) = listed(dir.path(), &["pack", "list", "--json"]);
    assert_eq!(count, "7 pack versions", "without --limit every version");
    let order: Vec<String> = all
        .iter()
        .map(|p| format!("{}@{}", p["id"].as_str().unwrap(), p["version"]))
        .collect();
    assert_eq!(
        order,
        [
            "product-security-leadership@1",
            "team-a@1",
            "team-a@2",
            "team-b@1",
            "team-c@1",
            "team-d@1",
            "team-e@1"
        ],
        "the built-in pack first, then by title and version"
    );
    assert_eq!(
        pages(dir.path(), &["pack", "list"], 3, "7 pack versions"),
        all,
        "the pages join to the whole list"
    );

    let (stdout, stderr) = run(
        dir.path(),
        &["pack", "list", "--limit", "2", "--offset", "3"],
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "the header and two rows: {stdout}");
    assert!(lines[0].starts_with("ID"), "{stdout}");
    assert!(lines[1].starts_with("team-b") && lines[1].ends_with("Bravo"));
    assert!(lines[2].starts_with("team-c") && lines[2].ends_with("Charlie"));
    assert_eq!(stderr, "7 pack versions\n");
}
