//! Benchmark: how long the interview screen takes to show the next question after a keypress,
//! in the real app under WebDriver. Two cases: a plain switch, and a switch right after typing
//! (the pending note must reach SQLite before the screen moves on, so it includes one save).
//!
//! Run with `make bench-interview` (release app under Xvfb); prints a Markdown table row per case.
//! Timing happens inside the page with `performance.now()`: from dispatching the key to the
//! frame after the new question's text is in the DOM.

use e2e::{panelctl, Session};

const ROUNDS: usize = 60;

const MEASURE: &str = r#"
const [rounds, withEdit, done] = arguments;
const text = () => document.querySelector('[data-testid=interview-question-text]').textContent;
const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
const changed = (before) => new Promise((resolve) => {
  if (text() !== before) return resolve();
  const observer = new MutationObserver(() => {
    if (text() !== before) { observer.disconnect(); resolve(); }
  });
  observer.observe(document.querySelector('[data-testid=interview-question]') ?? document.body,
                   { subtree: true, childList: true, characterData: true });
});
(async () => {
  const times = [];
  const count = document.querySelectorAll('.rail .step:not(.overall)').length;
  for (let i = 0; i < rounds; i++) {
    // Walk forward to the last question, then back, so every switch lands on a question.
    const position = i % (2 * (count - 1));
    const key = position < count - 1 ? 'n' : 'p';
    if (withEdit) {
      const notes = document.querySelector('[data-testid=notes]');
      notes.value += ' still typing';
      notes.dispatchEvent(new Event('input', { bubbles: true }));
    }
    await frame();
    const before = text();
    const t0 = performance.now();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    await changed(before);
    await frame();
    times.push(performance.now() - t0);
  }
  done(times);
})();
"#;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank]
}

#[tokio::main]
async fn main() {
    let data_dir = tempfile::tempdir().unwrap();
    let plan = panelctl(data_dir.path(), &["demo"]);
    let s = Session::start_with("bench-interview-switch", data_dir).await;
    s.click(&format!("open-plan-{plan}")).await;
    s.click("start-interview").await;
    s.click("i-am-1").await;
    s.wait_for("interview-question").await;
    // Warm-up: the first switches also compile the page's code paths and load fonts.
    s.client
        .execute_async(MEASURE, vec![20.into(), false.into()])
        .await
        .expect("the warm-up runs in the page");
    println!("| case | runs | p50 | p99 | max |");
    println!("|---|---|---|---|---|");
    for (label, with_edit) in [
        ("switch question (N/P)", false),
        (
            "switch question right after typing (includes the note's save)",
            true,
        ),
    ] {
        let value = s
            .client
            .execute_async(MEASURE, vec![ROUNDS.into(), with_edit.into()])
            .await
            .expect("the measurement runs in the page");
        let mut times: Vec<f64> = value
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        times.sort_by(f64::total_cmp);
        println!(
            "| {label} | {} | {:.1} ms | {:.1} ms | {:.1} ms |",
            times.len(),
            percentile(&times, 50.0),
            percentile(&times, 99.0),
            times[times.len() - 1]
        );
    }
    s.finish().await;
}
