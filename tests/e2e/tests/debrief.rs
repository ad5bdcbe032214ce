//! The debrief in the real app: open the scored demo plan's debrief, read the matrix, run the
//! debrief meeting from the keyboard, record a decision, export the packet and find the
//! decision and the meeting's story in the PDF's text; killed mid-minutes, the
//! app offers the unsaved minutes back from the draft journal.

use std::process::Command;

use e2e::Session;
use fantoccini::key::Key;

#[tokio::test(flavor = "multi_thread")]
async fn the_lead_records_a_decision_and_exports_a_packet_that_carries_it() {
    let data_dir = tempfile::tempdir().unwrap();
    let exports = data_dir.path().join("exports");
    std::fs::create_dir_all(&exports).unwrap();
    // The desktop session's runtime folder, where the draft journal keeps unsaved minutes.
    let runtime = tempfile::tempdir().unwrap();
    let held = exports.join("held");
    let env = [
        ("HIRING_PANEL_TEST_EXPORT_DIR", exports.to_str().unwrap()),
        (e2e::HOLD_EXPORTS, held.to_str().unwrap()),
        ("XDG_RUNTIME_DIR", runtime.path().to_str().unwrap()),
    ];
    let mut s = Session::start_with_env("debrief", data_dir, &env).await;
    s.click("load-scored-sample").await;
    // All four scorecards are in: the plan's main button is the debrief.
    s.click("next-open-debrief").await;
    s.wait_for("debrief-matrix").await;
    // A slow command (the packet export, held on a latch) never keeps a quick one waiting.
    e2e::check_commands_run_alongside_a_held_export(&mut s, &exports.join("held")).await;
    let candidate = s.text_of("debrief-candidate").await;
    assert_eq!(candidate, "Jonas Albrecht");
    // The sample panel disagrees somewhere; the flagged row says so in words, not colour only.
    let flagged = s
        .eval("return document.querySelectorAll('[data-testid^=\"disagree-\"]').length")
        .await;
    assert!(
        flagged.as_u64().unwrap() >= 1,
        "the sample has a disagreement"
    );
    // The largest disagreement comes first without asking.
    let first_row = s
        .eval("return document.querySelector('[data-testid^=\"debrief-row-\"]').className")
        .await;
    assert!(
        first_row.as_str().unwrap().contains("disagree"),
        "by default the largest disagreement comes first"
    );
    // One plan is no history: the adjusted means say who lacks past answers instead.
    let adjusted = s.text_of("adjusted-words").await;
    assert!(adjusted.contains("30 past answers"), "{adjusted}");
    s.screenshot("debrief-light").await;
    s.audit_accessibility("debrief-light").await;

    // The debrief meeting on a shared screen. The lead says who is most senior; the least
    // senior speak first.
    s.click("open-meeting").await;
    s.wait_for("meeting-setup").await;
    let first_speaker = "return document.querySelector('[data-testid=speaker] .name').textContent";
    let senior = s.eval(first_speaker).await;
    s.eval(
        "const level = document.querySelector('[data-testid^=seniority-]'); \
         level.value = 'executive'; level.dispatchEvent(new Event('change', { bubbles: true })); \
         return true",
    )
    .await;
    s.wait_until(
        "the most senior panelist moves to the end of the speaking order",
        &format!(
            "const names = [...document.querySelectorAll('[data-testid=speaker] .name')]; \
             return names.at(-1)?.textContent === {senior}"
        ),
    )
    .await;
    let order = s.text_of("order-words").await;
    assert!(order.contains("Least senior first"), "{order}");
    let planned = s
        .eval("return document.querySelectorAll('[data-testid=agenda-preview-item]').length")
        .await
        .as_u64()
        .unwrap();
    assert!(
        planned >= 3,
        "the scored sample's agenda has three items or more"
    );
    s.screenshot("meeting-setup").await;
    s.audit_accessibility("meeting-setup").await;
    s.click("meeting-start").await;
    s.wait_for("opening-round").await;
    let last = s
        .eval("return [...document.querySelectorAll('[data-testid=opening-speaker] .name')].at(-1).textContent")
        .await;
    assert_eq!(last, senior, "the opening round hears the most senior last");
    // From here on the keyboard alone: the focus is on the agenda, not on a control.
    let step = |n: u32| {
        format!(
            "return document.querySelector('[data-testid=meeting-stage]')?.dataset.step === '{n}'"
        )
    };
    s.press_in_focus(" ").await;
    s.wait_until("item 1 is shown", &step(1)).await;
    // The evidence first; the scores only once asked for.
    let evidence = s
        .eval("return document.querySelectorAll('[data-testid=evidence-cell]').length")
        .await;
    assert!(evidence.as_u64().unwrap() >= 2, "two panelists' evidence");
    assert!(s.absent("revealed-score").await, "scores wait for S");
    s.screenshot("meeting-evidence").await;
    s.press_in_focus("s").await;
    s.wait_for("revealed-score").await;
    s.type_into(
        "item-minutes",
        "Two readings of the same answer; the panel agreed to ask the references.",
    )
    .await;
    s.wait_until(
        "the minutes are saved",
        "return document.querySelector('[data-testid=minutes-state]').textContent.trim() === 'Saved'",
    )
    .await;
    // The first panelist on the item moves one point toward the other, and says why.
    let moved_to = s
        .eval(
            "const pick = document.querySelector('[data-testid=move-score]'); \
             pick.value = pick.value === '4' ? '3' : String(Number(pick.value) + 1); \
             pick.dispatchEvent(new Event('change', { bubbles: true })); return pick.value",
        )
        .await;
    s.type_into(
        "move-reason",
        "Heard the other panelist's notes on the metric",
    )
    .await;
    s.click("move-record").await;
    let moved = s.text_of("moved-score").await;
    assert!(
        moved.contains(&format!("after discussion {}", moved_to.as_str().unwrap())),
        "{moved}"
    );
    // Esc from a field hands the keys back to the agenda (rather than leaving); → and Space
    // walk on.
    s.click("item-minutes").await;
    s.press_in_focus(&Key::Escape.to_string()).await;
    s.wait_until(
        "the keys are back with the agenda",
        "return document.activeElement?.dataset.testid !== 'item-minutes'",
    )
    .await;
    assert!(
        !s.absent("meeting-mode").await,
        "Esc from a field does not leave"
    );
    s.press(&Key::Right.to_string()).await;
    s.wait_until("item 2 is shown", &step(2)).await;
    s.press(" ").await;
    s.wait_until("item 3 is shown", &step(3)).await;
    s.press(&Key::Left.to_string()).await;
    s.wait_until("back on item 2", &step(2)).await;
    s.press("t").await;
    s.wait_for("timer-paused").await;
    s.press("t").await;
    // Readable on a projector: 1280×720 and 1920×1080, light and dark.
    for (width, height) in [(1280, 720), (1920, 1080)] {
        s.resize(width, height).await;
        for theme in ["light", "dark"] {
            s.eval(&format!(
                "document.documentElement.dataset.theme = '{theme}'; return true"
            ))
            .await;
            s.screenshot(&format!("meeting-{width}x{height}-{theme}"))
                .await;
        }
    }
    s.eval("document.documentElement.dataset.theme = 'light'; return true")
        .await;
    s.resize(1280, 800).await;
    s.audit_accessibility("meeting-item").await;
    // → to the end, then to the decision.
    for n in 3..=planned as u32 + 1 {
        s.press(&Key::Right.to_string()).await;
        s.wait_until("the next item is shown", &step(n)).await;
    }
    let movements = s.text_of("meeting-movements").await;
    assert!(
        movements.contains("Heard the other panelist's notes"),
        "{movements}"
    );
    s.click("meeting-to-decision").await;
    s.wait_gone("meeting-mode").await;
    let outcome = s.text_of("decision-outcome").await;
    assert!(
        outcome.contains("Independent") && outcome.contains("After"),
        "{outcome}"
    );
    s.screenshot("debrief-after-meeting").await;

    // A cell opens that answer's notes and coverage.
    let cell = s
        .eval("return document.querySelector('[data-testid^=\"cell-\"]').dataset.testid")
        .await;
    s.click(cell.as_str().unwrap()).await;
    let notes = s.text_of("answer-notes").await;
    assert!(!notes.is_empty());
    s.click("close-answer").await;

    s.click("decision-hire").await;
    s.type_into(
        "decision-rationale",
        "Program story holds up across three panelists; Ζωή's reference call confirms it.",
    )
    .await;
    // The rationale cites the meeting's first item.
    s.eval(
        "const cite = document.querySelector('[data-testid=cite-item]'); cite.value = '1'; \
         cite.dispatchEvent(new Event('change', { bubbles: true })); return true",
    )
    .await;
    s.click("cite-add").await;
    s.type_into("decision-by", "Dana Whitfield").await;
    s.click("decision-save").await;
    let recorded = s.text_of("decision-recorded").await;
    assert!(recorded.starts_with("Hire"), "{recorded}");

    s.click("export-packet").await;
    let done = s.text_of("saved-file-name").await;
    assert!(
        done.contains("Debrief packet - Jonas Albrecht.pdf"),
        "{done}"
    );
    s.click("theme-dark").await;
    s.screenshot("debrief-dark-exported").await;

    // The lead reopens the decision (a late revision is on its way, say): the reason goes to the
    // trail, which the debrief shows with the packet's words.
    s.click("decision-reopen").await;
    s.type_into("reopen-reason", "Tom amended a score after the debrief")
        .await;
    s.click("reopen-confirm").await;
    let entry = s.text_of("audit-decision-reopened").await;
    assert!(
        entry.contains("Decision reopened") && entry.contains("Tom amended a score"),
        "{entry}"
    );
    s.wait_gone("decision-recorded").await;
    s.eval("document.querySelector('[data-testid=audit-trail]').scrollIntoView()")
        .await;
    s.screenshot("debrief-trail").await;
    s.audit_accessibility("debrief-trail").await;

    // The lead resumes the meeting to add a minute to item 2, and the app is killed 100 ms
    // after the last key: no autosave could have run, the draft journal has the words.
    s.click("open-meeting").await;
    s.wait_for("opening-round").await;
    s.eval("document.querySelector('[aria-label^=\"Item 2:\"]').click(); return true")
        .await;
    s.wait_until("item 2 is shown", &step(2)).await;
    let minutes = s.wait_for("item-minutes").await;
    minutes
        .send_keys(" Unsaved until the journal: ask for the threat model.")
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let pid = s.app_pid(&e2e::app_binary()).expect("the app is running");
    Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    let data_dir = s.finish().await;
    let journal_dir = runtime.path().join("hiring-panel");
    assert!(
        !e2e::files_under(&journal_dir).is_empty(),
        "the draft journal holds the unsaved minutes"
    );
    // Next start: the debrief says minutes are waiting; the meeting offers them back.
    let mut s = Session::start_with_env("debrief-recovered", data_dir, &env).await;
    s.wait_for_css("[data-testid^='open-plan-']")
        .await
        .click()
        .await
        .unwrap();
    s.click("next-open-debrief").await;
    let waiting = s.text_of("unsaved-minutes").await;
    assert!(waiting.contains("one agenda item"), "{waiting}");
    s.click("open-meeting").await;
    let offer = s.text_of("recovered-minutes").await;
    assert!(
        offer.contains("Item 2") && offer.contains("ask for the threat model"),
        "{offer}"
    );
    s.screenshot("meeting-minutes-offered").await;
    s.audit_accessibility("meeting-minutes-offered").await;
    s.click("restore-minutes").await;
    s.wait_gone("recovered-minutes").await;
    s.eval("document.querySelector('[aria-label^=\"Item 2:\"]').click(); return true")
        .await;
    s.wait_until("item 2 is shown", &step(2)).await;
    s.wait_until(
        "the restored minutes are in item 2 and saved",
        "return document.querySelector('[data-testid=item-minutes]').value.endsWith('ask for the threat model.') \
         && document.querySelector('[data-testid=minutes-state]').textContent.trim() === 'Saved'",
    )
    .await;
    let deadline = std::time::Instant::now() + e2e::UI_TIMEOUT;
    while !e2e::files_under(&journal_dir).is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "the journal still holds {:?} once the minutes are saved",
            e2e::files_under(&journal_dir)
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    s.click("meeting-leave").await;
    s.wait_gone("meeting-mode").await;

    // A panelist who prefers paper prints their kit from interview mode.
    s.click("leave-debrief").await;
    s.click("start-interview").await;
    s.click("i-am-1").await;
    s.click("print-kit").await;
    let kit = s.text_of("saved-file-name").await;
    assert!(
        kit.contains("Interview kit - Jonas Albrecht - Priya Raman.pdf"),
        "{kit}"
    );
    // Zoomed to 200 % (Ctrl+= five times, 20 % a step) a 1280×800 window lays the app out in
    // 640×400: every screen still fits its width, the navigation a bar above the content.
    let zoom_in = format!("{}={}", Key::Control, Key::Null);
    for _ in 0..5 {
        s.press(&zoom_in).await;
    }
    s.wait_until(
        "the page is zoomed to 200 %",
        "return window.innerWidth <= 660",
    )
    .await;
    s.assert_fits_width("interview-zoomed").await;
    s.click_in_zoomed_page("leave-interview").await;
    s.wait_for("plan-title").await;
    s.assert_fits_width("plan-zoomed").await;
    s.click_in_zoomed_page("next-open-debrief").await;
    s.wait_for("debrief-matrix").await;
    s.assert_fits_width("debrief-zoomed").await;
    s.click_in_zoomed_page("nav-plans").await;
    s.wait_for_css("[data-testid^='progress-']").await;
    s.assert_fits_width("plans-zoomed").await;
    s.click_in_zoomed_page("nav-data").await;
    s.wait_for("back-up-now").await;
    s.assert_fits_width("data-zoomed").await;
    s.click_in_zoomed_page("nav-bank").await;
    s.wait_for("bank-pack-select").await;
    s.assert_fits_width("bank-zoomed").await;
    s.press(&format!("{}0{}", Key::Control, Key::Null)).await;

    // Calibration: one scored plan is too little to say how anyone scores; the sample slate
    // (about 20 candidates, seven interviewers of known leniency) shows what it finds.
    s.press(&format!("{}4{}", Key::Control, Key::Null)).await;
    s.wait_for("calibration-too-few").await;
    s.click("load-calibration-sample").await;
    s.wait_until(
        "the slate's seven interviewers are listed",
        "return document.querySelectorAll('[data-testid=interviewer-row]').length === 7 + 4",
    )
    .await;
    let most = s.text_of("interviewer-words").await;
    assert!(
        most.contains("above the panel") && most.contains("based on"),
        "{most}"
    );
    let flat = s
        .eval(
            "return document.querySelector('[data-testid=question-row][data-number=\"7\"] \
             [data-testid=question-words]').textContent",
        )
        .await;
    assert!(
        flat.as_str().unwrap().contains("Barely separates"),
        "the slate's flat question is named: {flat}"
    );
    s.screenshot("calibration").await;
    s.audit_accessibility("calibration").await;
    // An interviewer's row opens the panels they sat on.
    s.click("interviewer-name").await;
    s.wait_until(
        "the most generous interviewer's seats are listed",
        "return document.querySelectorAll('[data-testid=person-seat]').length >= 8",
    )
    .await;
    s.screenshot("calibration-person").await;
    // The pack's author sees the same health where the question is shown and edited.
    s.click("nav-bank").await;
    s.click("bank-item-7").await;
    let health = s.text_of("question-health-words").await;
    assert!(health.contains("Barely separates"), "{health}");
    s.screenshot("bank-question-health").await;
    // The author copies the pack to rework it: the copy has no interviews of its own, but the
    // editor shows how each unchanged wording has worked.
    s.click("pack-duplicate").await;
    s.type_into("pack-name", "Slate pack, reworked").await;
    s.click("pack-name-ok").await;
    s.wait_for("pack-editor").await;
    s.click("edit-item-7").await;
    s.wait_until(
        "the editor shows question 7's history",
        "return (document.querySelector('[data-testid=pack-editor] [data-testid=question-health-words]')?.textContent ?? '').includes('Barely separates')",
    )
    .await;
    s.scroll_to("question-health").await;
    s.screenshot("pack-editor-question-health").await;
    s.click("editor-close").await;
    // A slate candidate's debrief: capability means adjusted for the panel's leniency, beside
    // the raw ones, and in the packet's appendix.
    s.press(&format!("{}4{}", Key::Control, Key::Null)).await;
    s.click("interviewer-name").await;
    s.click("seat-plan").await;
    s.click("next-open-debrief").await;
    s.wait_for("adjusted-row").await;
    let words = s.text_of("adjusted-words").await;
    assert!(words.contains("an estimate"), "{words}");
    s.scroll_to("adjusted-means").await;
    s.screenshot("debrief-adjusted").await;
    s.click("export-packet").await;
    let slate_packet = s.text_of("saved-file-name").await;
    // Two finalists side by side, then on paper for the committee.
    s.press(&format!("{}4{}", Key::Control, Key::Null)).await;
    for name in ["Sipho", "Marta"] {
        s.type_into("finalists-search", name).await;
        s.wait_until(
            &format!("only {name}'s plan is listed"),
            &format!(
                "const picks = document.querySelectorAll('[data-testid=finalist-pick]'); \
                 return picks.length === 1 && picks[0].closest('label').textContent.includes('{name}')"
            ),
        )
        .await;
        s.click("finalist-pick").await;
    }
    let chosen = s.text_of("finalists-chosen").await;
    assert_eq!(chosen, "Sipho Ndlovu, Marta Kowalczyk");
    s.click("compare-finalists").await;
    let compared = s.text_of("comparison-table").await;
    assert!(
        compared.contains("Sipho Ndlovu")
            && compared.contains("Marta Kowalczyk")
            && compared.contains("adj."),
        "{compared}"
    );
    s.scroll_to("comparison-table").await;
    s.screenshot("finalists-compared").await;
    s.audit_accessibility("finalists-compared").await;
    s.click("export-comparison").await;
    s.wait_until(
        "the comparison is saved",
        "return (document.querySelector('[data-testid=saved-file-name]')?.textContent ?? '').startsWith('Finalists compared')",
    )
    .await;
    let comparison_file = s.text_of("saved-file-name").await;

    let data_dir = s.finish().await;
    let report = e2e::panelctl_json(data_dir.path(), &["calibration", "--json"]);
    assert_eq!(
        report["interviewers"].as_array().unwrap().len(),
        11,
        "panelctl reads the same people as the screen"
    );
    let slate_pdf = data_dir.path().join("exports").join(slate_packet.trim());
    let text = Command::new("pdftotext")
        .arg(&slate_pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Capability means adjusted for interviewer leniency (an estimate)")
            && flat.contains("Offsets used:"),
        "the packet's appendix carries the adjusted means: {flat}"
    );
    let text = Command::new("pdftotext")
        .arg(data_dir.path().join("exports").join(comparison_file.trim()))
        .arg("-")
        .output()
        .unwrap();
    let flat = String::from_utf8(text.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        flat.contains("Finalists compared")
            && flat.contains("Sipho Ndlovu")
            && flat.contains("Marta Kowalczyk"),
        "the comparison PDF names the finalists: {flat}"
    );
    let kit = data_dir
        .path()
        .join("exports/Interview kit - Jonas Albrecht - Priya Raman.pdf");
    let text = Command::new("pdftotext")
        .arg(&kit)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Priya Raman"), "the kit names its panelist");

    let pdf = data_dir
        .path()
        .join("exports/Debrief packet - Jonas Albrecht.pdf");
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by make test");
    assert!(text.status.success());
    let text = String::from_utf8(text.stdout).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Jonas Albrecht"));
    assert!(
        flat.contains(
            "Program story holds up across three panelists; Ζωή's reference call confirms it."
        ),
        "the packet carries the decision's rationale"
    );
    assert!(flat.contains("Dana Whitfield"));
    // The meeting's story: the movement with its reason, the minutes, the speaking order.
    for told in [
        "Debrief meeting",
        "Speaking order used",
        "Scores moved in discussion (1)",
        "Why: Heard the other panelist's notes on the metric (agenda item 1)",
        "Two readings of the same answer; the panel agreed to ask the references.",
        "[Agenda item 1:",
    ] {
        assert!(flat.contains(told), "the packet tells {told:?}");
    }
}
