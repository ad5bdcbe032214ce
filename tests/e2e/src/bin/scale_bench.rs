//! Benchmark: the interactions a recruiter notices, in the release app on a large database (5,000
//! plans, 20,000 panelists, 360,000 answers with notes), driven through WebDriver under Xvfb.
//!
//! Run with `make bench-app`; prints a Markdown table for BENCHMARKS.md. Each interaction is timed
//! inside the page with `performance.now()`, from the click or keystroke to the first animation
//! frame after the screen shows its result, so the IPC round trip, the core's work and the
//! rendering are all in it. Opening the app is timed from spawning the process to its
//! first-screen line, against the minimal Tauri window started the same way.

use e2e::bench::{
    bench_data_dir, machine, median, ms, percentile, release_binary, start_until_first_screen,
    warm_up,
};
use e2e::Session;

const PLANS: usize = 5_000;
const ROUNDS: usize = 10;

/// Clicks `[data-testid=arguments[0]]`, waits until `arguments[1]` (CSS) matches, then a frame.
const CLICK_UNTIL: &str = r#"
const [testId, until, done] = arguments;
const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
(async () => {
  const target = document.querySelector(`[data-testid="${testId}"]`);
  if (!target) return done({ error: `no element ${testId}` });
  const t0 = performance.now();
  target.click();
  await new Promise((resolve) => {
    if (document.querySelector(until)) return resolve();
    const observer = new MutationObserver(() => {
      if (document.querySelector(until)) { observer.disconnect(); resolve(); }
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await frame();
  done({ ms: performance.now() - t0 });
})();
"#;

/// Types `arguments[0]` into the search box one key at a time, then clears it if `arguments[1]`;
/// the time of each keystroke runs from the input event to the frame after the table changed.
const TYPE_SEARCH: &str = r#"
const [text, clearAfter, done] = arguments;
const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
(async () => {
  const input = document.querySelector('[data-testid="plan-search"]');
  const body = document.querySelector('[data-testid="plans-table"]')?.parentElement ?? document.body;
  const times = [];
  for (let i = 0; i < text.length + (clearAfter ? 1 : 0); i++) {
    // The last step clears the box: the whole list comes back.
    const value = i < text.length ? text.slice(0, i + 1) : '';
    await frame();
    const t0 = performance.now();
    // A keystroke that does not change the matches (a trailing space) changes nothing: then the
    // next frame ends the wait.
    let observer;
    const changed = new Promise((resolve) => {
      observer = new MutationObserver(() => resolve());
      observer.observe(body, { subtree: true, childList: true, characterData: true });
    });
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await Promise.race([changed, frame()]);
    observer.disconnect();
    await frame();
    times.push({ value, ms: performance.now() - t0 });
  }
  done(times);
})();
"#;

/// Clicks the export button and waits, frame by frame, until it has said "Rendering packet…" and
/// is back to its label (the file is written).
const EXPORT: &str = r#"
const [done] = arguments;
const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
(async () => {
  const button = document.querySelector('[data-testid="export-packet"]');
  const busy = () => button.disabled || button.textContent.includes('Rendering');
  const t0 = performance.now();
  button.click();
  let seenBusy = busy();
  while (performance.now() - t0 < 20000) {
    await frame();
    if (busy()) seenBusy = true;
    else if (seenBusy) break;
  }
  const failed = document.querySelector('[data-testid="export-error"]');
  if (failed) return done({ error: failed.textContent });
  if (!seenBusy) return done({ error: 'the export never started' });
  done({ ms: performance.now() - t0 });
})();
"#;

struct Series {
    label: &'static str,
    times: Vec<f64>,
}

impl Series {
    fn new(label: &'static str) -> Series {
        Series {
            label,
            times: Vec::new(),
        }
    }
    fn push(&mut self, value: serde_json::Value) {
        match value["ms"].as_f64() {
            Some(ms) => self.times.push(ms),
            None => panic!("{}: {value}", self.label),
        }
    }
    fn print(&mut self) {
        let p50 = median(&mut self.times);
        let p90 = percentile(&mut self.times, 90.0);
        let max = self.times[self.times.len() - 1];
        println!(
            "| {} | {} | {p50:.0} ms | {p90:.0} ms | {max:.0} ms |",
            self.label,
            self.times.len()
        );
    }
}

#[tokio::main]
async fn main() {
    let app = release_binary("HIRING_PANEL_BIN", "hiring-panel");
    let floor = release_binary("TAURI_FLOOR_BIN", "tauri-floor");
    let data = bench_data_dir(PLANS);
    // A submitted plan in the middle of the file, and its candidate's name to search for.
    let (plan, candidate): (i64, String) = rusqlite::Connection::open(
        data.path().join(panel_core::data_dir::DATABASE_FILE),
    )
    .unwrap()
    .query_row(
        "SELECT p.id, c.name FROM plans p JOIN candidates c ON c.id = p.candidate_id WHERE p.id = 2502",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .expect("plan 2502 of the generated database");

    // Opening the app: warm-up first (the day's backup of a large file), then alternate with the floor.
    let floor_dir = tempfile::tempdir().unwrap();
    warm_up(&app, data.path());
    drop(start_until_first_screen(&floor, floor_dir.path()));
    let (mut open_app, mut open_floor) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        open_floor.push(ms(
            start_until_first_screen(&floor, floor_dir.path()).first_screen
        ));
        open_app.push(ms(start_until_first_screen(&app, data.path()).first_screen));
    }

    let exports = tempfile::tempdir().unwrap();
    let s = Session::start_binary(
        "bench-scale",
        &app,
        data,
        &[(
            "HIRING_PANEL_TEST_EXPORT_DIR",
            exports.path().to_str().unwrap(),
        )],
    )
    .await;
    s.wait_for("plans-table").await;
    let mut search = Series::new("search candidates: one keystroke in the search box");
    let mut clear = Series::new("clear the search (the whole list again)");
    let mut open = Series::new("open a plan from the list");
    let mut debrief = Series::new("open the plan's debrief");
    let mut export = Series::new("export the debrief packet (PDF written)");
    let mut list = Series::new("back to the Plans list");
    let run = |script: &'static str, args: Vec<serde_json::Value>| {
        let client = s.client.clone();
        async move {
            let what = format!("{}…", &script.trim()[..40]);
            client
                .execute_async(script, args.clone())
                .await
                .unwrap_or_else(|e| panic!("{what} {args:?}: {e}"))
        }
    };
    for round in 0..=ROUNDS {
        // Round 0 warms up the page's code paths and is not counted.
        let counted = round > 0;
        let typed = run(TYPE_SEARCH, vec![candidate.clone().into(), true.into()]).await;
        let steps = typed.as_array().expect("keystroke timings");
        let (last, keys) = steps.split_last().expect("at least one keystroke");
        for step in keys.iter().filter(|_| counted) {
            search.push(step.clone());
        }
        // Search for the plan (whole name) so its row is on screen, then open it.
        run(TYPE_SEARCH, vec![candidate.clone().into(), false.into()]).await;
        let opened = run(
            CLICK_UNTIL,
            vec![
                format!("open-plan-{plan}").into(),
                "[data-testid=plan-title]".into(),
            ],
        )
        .await;
        let shown = run(
            CLICK_UNTIL,
            vec!["open-debrief".into(), "[data-testid=debrief-matrix]".into()],
        )
        .await;
        let exported = run(EXPORT, Vec::new()).await;
        run(
            CLICK_UNTIL,
            vec!["leave-debrief".into(), "[data-testid=plan-title]".into()],
        )
        .await;
        let back = run(
            CLICK_UNTIL,
            vec![
                "back-to-plans".into(),
                "[data-testid=plans-table] tbody tr".into(),
            ],
        )
        .await;
        if counted {
            clear.push(last.clone());
            open.push(opened);
            debrief.push(shown);
            export.push(exported);
            list.push(back);
        }
    }
    s.finish().await;

    let floor_open = median(&mut open_floor);
    let app_open = median(&mut open_app);
    println!("Machine: {}", machine());
    println!(
        "Database: {PLANS} plans, 20,000 panelists, 360,000 answers with notes; searching for \"{candidate}\".\n"
    );
    println!(
        "Opening the app, median of 5: {app_open:.0} ms to the Plans list (floor: minimal Tauri 2 window {floor_open:.0} ms; \
         the app adds {:.0} ms, {:.2}× the floor).\n",
        app_open - floor_open,
        app_open / floor_open
    );
    println!("| interaction (release app, 5,000 plans) | runs | p50 | p90 | max |");
    println!("|---|---|---|---|---|");
    for series in [
        &mut list,
        &mut search,
        &mut clear,
        &mut open,
        &mut debrief,
        &mut export,
    ] {
        series.print();
    }
}
