//! The debrief meeting on a shared screen, run from the keyboard: the speaking order, agenda
//! items with the evidence before the scores, a minute, an after-discussion score; and the
//! minutes a kill left unsaved, offered back from the draft journal at the next start.

use std::path::Path;

use e2e::Session;
use fantoccini::key::Key;

/// A script true once the meeting shows agenda step `n` (0: the opening round).
fn step(n: u32) -> String {
    format!("return document.querySelector('[data-testid=meeting-stage]')?.dataset.step === '{n}'")
}

/// From the debrief of the scored sample: sets a seniority, starts the meeting, walks the agenda
/// with the keyboard (a minute and a moved score on item 1) and ends on the agenda's last page.
pub async fn run_from_the_keyboard(s: &mut Session) {
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
}

/// From the debrief, once the meeting has run: resumes it, types a minute in item 2 and kills
/// the app 100 ms later; restarts on the same data (`env` as the first start, the journal under
/// `runtime`), restores the minutes the meeting offers and leaves it. Returns the new session,
/// back on the debrief.
pub async fn killed_mid_minutes_then_restored(
    s: Session,
    env: &[(&str, &str)],
    runtime: &Path,
) -> Session {
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
    let data_dir = s.kill_app().await;
    let journal_dir = runtime.join("hiring-panel");
    assert!(
        !e2e::files_under(&journal_dir).is_empty(),
        "the draft journal holds the unsaved minutes"
    );
    // Next start: the debrief says minutes are waiting; the meeting offers them back.
    let mut s = Session::start_with_env("debrief-recovered", data_dir, env).await;
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
    e2e::wait_until_no_files(&journal_dir, "the journal lets the minutes go once saved").await;
    s.click("meeting-leave").await;
    s.wait_gone("meeting-mode").await;
    s
}
