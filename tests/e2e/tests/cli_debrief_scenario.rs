//! The debrief from a script: refused while sealed, shown once unsealed, a decision recorded,
//! and the PDFs written and read back with poppler.

use std::path::Path;
use std::process::Command;

use e2e::{panelctl, panelctl_refused, panelctl_stderr};
use serde_json::Value;

fn pdf_info(path: &Path) -> String {
    let out = Command::new("pdfinfo").arg(path).output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_recruiter_reads_the_debrief_records_the_decision_and_exports_the_packet() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();

    // A plan still being interviewed: sealed, so no debrief and no packet.
    let open = panelctl(d, &["demo"]);
    let line = panelctl_refused(d, &["debrief", "show", &open]);
    assert!(
        line.contains("debrief opens once every panelist has submitted"),
        "{line}"
    );
    let packet = d.join("sealed.pdf");
    panelctl_refused(
        d,
        &["export", "debrief", &open, "-o", packet.to_str().unwrap()],
    );
    assert!(!packet.exists(), "a refused export writes nothing");

    let plan = panelctl(d, &["demo", "--scored"]);
    let debrief: Value =
        serde_json::from_str(&panelctl(d, &["debrief", "show", &plan, "--json"])).unwrap();
    assert_eq!(debrief["questions"].as_array().unwrap().len(), 18);
    assert!(debrief["decision"].is_null());
    let text = panelctl(d, &["debrief", "show", &plan]);
    assert!(text.contains("Decision: pending"), "{text}");

    let line = panelctl_refused(
        d,
        &[
            "decide",
            &plan,
            "--decision",
            "maybe",
            "--rationale",
            "x",
            "--by",
            "Dana",
        ],
    );
    assert_eq!(
        line,
        "error: decision must be hire, no-hire or hold, got maybe"
    );
    let line = panelctl_refused(
        d,
        &[
            "decide",
            &plan,
            "--decision",
            "hire",
            "--rationale",
            "  ",
            "--by",
            "Dana",
        ],
    );
    assert_eq!(line, "error: a decision needs a rationale");
    panelctl(
        d,
        &[
            "decide",
            &plan,
            "--decision",
            "no-hire",
            "--rationale",
            "Risk answers stayed generic under follow-up; two red flags on exception debt.",
            "--by",
            "Dana Whitfield",
        ],
    );
    let text = panelctl(d, &["debrief", "show", &plan]);
    assert!(text.contains("Decision: No hire (Dana Whitfield"), "{text}");

    let packet = d.join("packet.pdf");
    panelctl(
        d,
        &["export", "debrief", &plan, "-o", packet.to_str().unwrap()],
    );
    let text = e2e::pdf_words(&packet);
    assert!(text.contains("Jonas Albrecht"));
    assert!(text
        .contains("Risk answers stayed generic under follow-up; two red flags on exception debt."));
    assert!(pdf_info(&packet).contains("pts (A4)"));

    let letter = d.join("letter.pdf");
    panelctl(
        d,
        &[
            "export",
            "debrief",
            &plan,
            "-o",
            letter.to_str().unwrap(),
            "--paper",
            "letter",
        ],
    );
    assert!(pdf_info(&letter).contains("612 x 792 pts (letter)"));
    let line = panelctl_refused(
        d,
        &[
            "export",
            "debrief",
            &plan,
            "-o",
            letter.to_str().unwrap(),
            "--paper",
            "a3",
        ],
    );
    assert_eq!(line, "error: paper must be a4 or letter, got a3");

    // A write that fails leaves nothing half-written behind.
    let nowhere = d.join("missing/packet.pdf");
    let line = panelctl_refused(
        d,
        &["export", "debrief", &plan, "-o", nowhere.to_str().unwrap()],
    );
    assert!(line.contains("the folder does not exist"), "{line}");

    // A panelist's paper kit holds their questions and nobody else's.
    let shown: Value =
        serde_json::from_str(&panelctl(d, &["plan", "show", &plan, "--json"])).unwrap();
    let first = &shown["panelists"][0]["id"];
    let kit = d.join("kit.pdf");
    panelctl(
        d,
        &[
            "export",
            "kit",
            &plan,
            "--panelist",
            &first.to_string(),
            "-o",
            kit.to_str().unwrap(),
        ],
    );
    let text = e2e::pdf_words(&kit);
    let theirs: Vec<u64> = shown["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| &a["panelistId"] == first)
        .map(|a| a["questionNumber"].as_u64().unwrap())
        .collect();
    assert!(!theirs.is_empty());
    for n in 1..=18u64 {
        let label = format!("Question {n} ");
        assert_eq!(
            text.contains(&label),
            theirs.contains(&n),
            "{label}is in the kit only if it is theirs"
        );
    }
}

#[test]
fn the_panel_meets_moves_a_score_on_the_record_and_the_packet_tells_the_story() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plan = panelctl(d, &["demo", "--scored"]);
    let before = d.join("before.pdf");
    panelctl(
        d,
        &["export", "debrief", &plan, "-o", before.to_str().unwrap()],
    );
    let untouched = e2e::pdf_words(&before);
    assert!(
        !untouched.contains("Debrief meeting"),
        "no meeting, no section"
    );

    // The agenda: question items carry their spread, largest first.
    let agenda: Value =
        serde_json::from_str(&panelctl(d, &["debrief", "agenda", &plan, "--json"])).unwrap();
    let items = agenda.as_array().unwrap();
    let spreads: Vec<u64> = items
        .iter()
        .filter(|i| i["kind"] == "disagreement")
        .map(|i| i["spread"].as_u64().unwrap())
        .collect();
    assert!(
        !spreads.is_empty(),
        "the scored sample has disagreements: {agenda}"
    );
    assert!(spreads.windows(2).all(|w| w[0] >= w[1]), "{spreads:?}");
    assert_eq!(items[0]["number"], 1);
    let question = items[0]["questionNumber"].as_u64().unwrap();

    // Who scored that question, and how: the sealed layer before the meeting.
    let debrief = || -> Value {
        serde_json::from_str(&panelctl(d, &["debrief", "show", &plan, "--json"])).unwrap()
    };
    let sealed = debrief();
    let cells = sealed["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["number"] == question)
        .unwrap()["cells"]
        .clone();
    let lowest = cells
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["score"].is_u64())
        .min_by_key(|c| c["score"].as_u64())
        .unwrap()
        .clone();
    let panelist = lowest["panelistId"].to_string();
    let from = lowest["score"].as_u64().unwrap();
    let to = (from + 1).to_string();
    let q = question.to_string();

    // Bad input is refused with one line and changes nothing.
    let rescore = |score: &str, reason: &str| {
        vec![
            "debrief".to_string(),
            "rescore".into(),
            plan.clone(),
            "--panelist".into(),
            panelist.clone(),
            "--question".into(),
            q.clone(),
            "--score".into(),
            score.into(),
            "--reason".into(),
            reason.into(),
            "--item".into(),
            "1".into(),
        ]
    };
    let run = |v: Vec<String>| panelctl(d, &v.iter().map(String::as_str).collect::<Vec<_>>());
    let refuse =
        |v: Vec<String>| panelctl_refused(d, &v.iter().map(String::as_str).collect::<Vec<_>>());
    // The first minutes start the meeting: the agenda, and its item numbers, are frozen.
    panelctl(
        d,
        &[
            "debrief",
            "minutes",
            &plan,
            "--item",
            "1",
            "--text",
            "The panel agreed the metric was named late but named.",
        ],
    );
    assert!(refuse(rescore("5", "why")).contains("score must be 1–4, got 5"));
    assert!(refuse(rescore(&to, "  ")).contains("needs a reason"));
    run(rescore(
        &to,
        "Heard the metric in the other panelist's notes",
    ));

    // The sealed layer is unchanged; the meeting's record carries the movement and minutes.
    assert_eq!(debrief()["questions"], sealed["questions"]);
    let meeting: Value =
        serde_json::from_str(&panelctl(d, &["debrief", "meeting", &plan, "--json"])).unwrap();
    assert!(
        meeting["startedAt"].is_string(),
        "the first minutes started it"
    );
    let movements = meeting["outcome"]["movements"].as_array().unwrap();
    assert_eq!(movements.len(), 1);
    assert_eq!(movements[0]["from"].as_u64(), Some(from));
    assert_eq!(
        meeting["agenda"][0]["minutes"],
        "The panel agreed the metric was named late but named."
    );

    let packet = d.join("packet.pdf");
    panelctl(
        d,
        &["export", "debrief", &plan, "-o", packet.to_str().unwrap()],
    );
    let text = e2e::pdf_words(&packet);
    for expected in [
        "Debrief meeting",
        "Speaking order used",
        "Independent result and after discussion",
        "Scores moved in discussion (1)",
        &format!("from {from} to {to}"),
        "Why: Heard the metric in the other panelist's notes (agenda item 1)",
        "The panel agreed the metric was named late but named.",
        "After-discussion score recorded",
    ] {
        assert!(text.contains(expected), "packet lacks {expected:?}");
    }
    // Before the meeting the packet was what it always was: the new section is all that is new.
    assert!(untouched.contains("Panelists and record"));

    // A recorded decision closes after-discussion scores.
    panelctl(
        d,
        &[
            "decide",
            &plan,
            "--decision",
            "hold",
            "--rationale",
            "References first",
            "--by",
            "Dana",
        ],
    );
    assert!(refuse(rescore("4", "late")).contains("reopen it"));
}

/// Names in Chinese and with an emoji are drawn by fallback faces (the machine's, through
/// fontconfig); a character no face has (an emoji newer than every outline font here) does not
/// stop the kit (exit 0): one `warning:` line names it by code point, so nobody hands out a box
/// unawares.
#[test]
fn characters_the_pdf_cannot_draw_are_named_in_one_warning() {
    let dir = tempfile::tempdir().unwrap();
    let plan = panelctl(
        dir.path(),
        &[
            "plan",
            "create",
            "--candidate",
            "王小明",
            "--level",
            "director",
        ],
    );
    panelctl(
        dir.path(),
        &[
            "plan",
            "add-panelist",
            &plan,
            "--name",
            "Zoë 🙂 🫨",
            "--minutes",
            "60",
        ],
    );
    let kit = dir.path().join("kit.pdf");
    let stderr = panelctl_stderr(
        dir.path(),
        &[
            "export",
            "kit",
            &plan,
            "--panelist",
            "1",
            "-o",
            kit.to_str().unwrap(),
        ],
    );
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning: "))
        .collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(
        warnings[0].starts_with("warning: 1 character in this PDF has no glyph in any font"),
        "{stderr}"
    );
    assert!(warnings[0].contains("U+1FAE8 🫨"), "{stderr}");
    let words = e2e::pdf_words(&kit);
    for drawn in ["王小明", "Zoë 🙂 🫨"] {
        assert!(words.contains(drawn), "{drawn} extracts as typed: {words}");
    }
    assert!(
        e2e::pdf_words(&kit).contains("Zoë"),
        "what the fonts draw is there"
    );
}
