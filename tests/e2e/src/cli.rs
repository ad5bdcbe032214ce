//! `panelctl` from the tests: running it on a data directory, expecting a refusal, and the
//! scripted preparations several suites share (a split plan, scored cards, kits).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::target_dir;

/// The built `panelctl`, for preparing data the way a recruiter's script would.
pub fn panelctl_binary() -> PathBuf {
    let path = std::env::var_os("PANELCTL_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("debug/panelctl"));
    assert!(
        path.is_file(),
        "panelctl is not built at {}; run `make app`",
        path.display()
    );
    path
}

/// Runs `panelctl --data-dir DIR ARGS…` (never the caller's own data directory).
fn run_panelctl(data_dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(panelctl_binary())
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("HIRING_PANEL_DATA_DIR")
        .output()
        .expect("panelctl runs")
}

/// Runs `panelctl --data-dir DIR ARGS…` (a `--json` command), which must succeed; returns the
/// parsed JSON.
pub fn panelctl_json(data_dir: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&panelctl(data_dir, args)).expect("panelctl prints JSON")
}

/// Runs `panelctl --data-dir DIR ARGS…`, which must succeed; returns its stderr (where
/// `warning:` lines go).
pub fn panelctl_stderr(data_dir: &Path, args: &[&str]) -> String {
    let out = run_panelctl(data_dir, args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "panelctl {args:?} failed: {stderr}");
    stderr
}

/// Runs `panelctl --data-dir DIR ARGS…`, which must succeed; returns its trimmed stdout.
pub fn panelctl(data_dir: &Path, args: &[&str]) -> String {
    let out = run_panelctl(data_dir, args);
    assert!(
        out.status.success(),
        "panelctl {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// With `panelctl` on `dir`: scores every question `plan` gives `panelist` (`score`, first
/// point covered, the note "`note` (question N)"), then submits with a hire recommendation and
/// `note` as the summary — what a panelist's script would do.
pub fn score_and_submit(dir: &Path, plan: &str, panelist: &str, score: &str, note: &str) {
    let shown: serde_json::Value =
        serde_json::from_str(&panelctl(dir, &["plan", "show", plan, "--json"])).unwrap();
    for a in shown["assignments"].as_array().unwrap() {
        if a["panelistId"].as_i64() != panelist.parse().ok() {
            continue;
        }
        let q = a["questionNumber"].to_string();
        let text = format!("{note} (question {q})");
        panelctl(
            dir,
            &[
                "score",
                plan,
                "--panelist",
                panelist,
                "--question",
                &q,
                "--score",
                score,
                "--covered",
                "1",
                "--note",
                &text,
            ],
        );
    }
    panelctl(
        dir,
        &[
            "submit",
            plan,
            "--panelist",
            panelist,
            "--recommendation",
            "yes",
            "--summary",
            note,
        ],
    );
}

/// On a panelist's laptop (`dir`), with `panelctl`: import the kit, [`score_and_submit`], export
/// the signed scorecard. Returns the panelist copy's plan id, the panelist's id there, and the
/// scorecard file.
pub fn interview_on_own_laptop(
    dir: &Path,
    kit: &str,
    score: &str,
    note: &str,
) -> (String, String, PathBuf) {
    let plan = panelctl(dir, &["exchange", "import", kit]);
    let shown: serde_json::Value =
        serde_json::from_str(&panelctl(dir, &["plan", "show", &plan, "--json"])).unwrap();
    assert_eq!(shown["mode"], "panelist");
    let panelists = shown["panelists"].as_array().unwrap();
    assert_eq!(panelists.len(), 1, "a panelist's copy holds only them");
    let me = panelists[0]["id"].to_string();
    score_and_submit(dir, &plan, &me, score, note);
    let out = dir.join("scorecard.hpscore");
    panelctl(
        dir,
        &[
            "exchange",
            "export-scorecard",
            &plan,
            "--panelist",
            &me,
            "-o",
            out.to_str().unwrap(),
        ],
    );
    (plan, me, out)
}

/// The lead's plan of the exchange tests: "Zoë Łukasiewicz" (VP), led by Dana Whitfield, with
/// Ana Ortiz and Ben Okafor (90 minutes each), split. Returns its id.
pub fn two_panelist_plan(lead: &Path) -> String {
    let plan = panelctl(
        lead,
        &[
            "plan",
            "create",
            "--candidate",
            "Zoë Łukasiewicz",
            "--level",
            "vp",
            "--lead",
            "Dana Whitfield",
        ],
    );
    for name in ["Ana Ortiz", "Ben Okafor"] {
        panelctl(
            lead,
            &[
                "plan",
                "add-panelist",
                &plan,
                "--name",
                name,
                "--minutes",
                "90",
            ],
        );
    }
    panelctl(lead, &["plan", "split", &plan]);
    plan
}

/// The lead's `panelctl exchange export-kits PLAN --dir DIR [EXTRA…] --json`: one entry per kit
/// written (`panelistId`, `panelistName`, `path`, `new`).
pub fn export_kits(lead: &Path, plan: &str, dir: &Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec![
        "exchange",
        "export-kits",
        plan,
        "--dir",
        dir.to_str().unwrap(),
        "--json",
    ];
    args.extend(extra);
    let kits: serde_json::Value = serde_json::from_str(&panelctl(lead, &args)).unwrap();
    kits.as_array().expect("a JSON array of kits").clone()
}

/// The passphrase every passphrase-protected kit in the suites uses, and a file holding it in
/// `lead`'s folder (what `--passphrase-file` reads).
pub const PASSPHRASE: &str = "blue heron at dawn";

/// Exports `plan`'s kits into `dir`, protected with [`PASSPHRASE`]; returns the kits and the
/// passphrase file, for the panelist's side to open them with.
pub fn export_protected_kits(
    lead: &Path,
    plan: &str,
    dir: &Path,
) -> (Vec<serde_json::Value>, std::path::PathBuf) {
    let secret = lead.join("passphrase.txt");
    std::fs::write(&secret, format!("{PASSPHRASE}\n")).unwrap();
    let kits = export_kits(
        lead,
        plan,
        dir,
        &["--passphrase-file", secret.to_str().unwrap()],
    );
    (kits, secret)
}

/// The path of `name`'s kit among `kits` from [`export_kits`].
pub fn kit_of(kits: &[serde_json::Value], name: &str) -> String {
    let kit = kits
        .iter()
        .find(|k| k["panelistName"] == name)
        .unwrap_or_else(|| panic!("no kit for {name}"));
    kit["path"].as_str().unwrap().to_string()
}

/// Runs `panelctl --data-dir DIR ARGS…`, which must be refused the way every refusal is (exit
/// status 1, nothing on stdout, exactly one line on stderr); returns that line.
pub fn panelctl_refused(data_dir: &Path, args: &[&str]) -> String {
    let out = run_panelctl(data_dir, args);
    assert_eq!(
        out.status.code(),
        Some(1),
        "panelctl {args:?} must be refused"
    );
    assert!(
        out.stdout.is_empty(),
        "a refused command prints nothing on stdout"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr.lines().count(),
        1,
        "exactly one error line: {stderr}"
    );
    stderr.trim_end().to_string()
}

/// The note a panelist has typed after `segments` saves: deterministic, Unicode-rich, and
/// each prefix at a segment boundary identifies how many saves it holds.
pub fn note_stream(segments: usize) -> String {
    (0..segments)
        .map(|i| format!("Zoë·{i}·“secure enough” "))
        .collect()
}

/// `panelctl pack export` of the built-in pack into `dir/builtin.hppack`; returns the file.
pub fn export_builtin_pack(dir: &Path) -> PathBuf {
    let file = dir.join("builtin.hppack");
    panelctl(
        dir,
        &[
            "pack",
            "export",
            "product-security-leadership",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    file
}
