//! Benchmark: the interactions a recruiter notices, in the release app on a small and a very
//! large database (500 and 50,000 plans; at 50,000: 200,000 panelists, 3.6 million answers with
//! notes), driven through WebDriver under Xvfb: each must stay fast, and must not grow with the
//! database.
//!
//! Run with `make bench-app`; prints a Markdown table for BENCHMARKS.md. Each interaction is timed
//! inside the page with `performance.now()`, from the click or keystroke to the first animation
//! frame after the screen shows its result, so the IPC round trip, the core's work and the
//! rendering are all in it. Opening the app is `startup_bench`'s part.

use e2e::bench::{
    bench_data_dir, generation_time, machine, median, percentile, release_binary, NO_DAILY_BACKUP,
};
use e2e::Session;

/// The two databases, small and large (`BENCH_SIZES=500,5000` for a quicker run).
fn sizes() -> [usize; 2] {
    std::env::var("BENCH_SIZES")
        .ok()
        .and_then(|v| {
            let (a, b) = v.split_once(',')?;
            Some([a.trim().parse().ok()?, b.trim().parse().ok()?])
        })
        .unwrap_or([500, 50_000])
}
const ROUNDS: usize = 10;

/// Clicks `[data-testid=arguments[0]]`, waits until `arguments[1]` (CSS) matches, then a frame.
/// The clock starts at the click; the button is first waited for (up to 10 s, untimed), as a
/// user waits to see it before clicking: until it is in the page and a frame with it has been
/// painted. (Clicked in the frame that put it there, the time of painting the previous step's
/// result would be counted in this one: a search's rows, say, which a user has to see before
/// clicking one.)
const CLICK_UNTIL: &str = r#"
const [testId, until, done] = arguments;
const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
(async () => {
  const find = () => document.querySelector(`[data-testid="${testId}"]`);
  const shownBy = performance.now() + 10000;
  while (!find() && performance.now() < shownBy) await frame();
  if (!find()) return done({ error: `no element ${testId} within 10 s` });
  // A frame callback runs before its frame is painted; the next one, after. The element is
  // looked up again: an answer that came meanwhile (the search's last key) may have redrawn it.
  await frame();
  await frame();
  const target = find();
  if (!target) return done({ error: `${testId} went away as the screen changed` });
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

/// The timings of one interaction on one database.
#[derive(Default)]
struct Series {
    times: Vec<f64>,
}

impl Series {
    fn push(&mut self, label: &str, value: serde_json::Value) {
        match value["ms"].as_f64() {
            Some(ms) => self.times.push(ms),
            None => panic!("{label}: {value}"),
        }
    }
    fn p50(&mut self) -> f64 {
        median(&mut self.times)
    }
    fn p90(&mut self) -> f64 {
        percentile(&mut self.times, 90.0)
    }
    fn max(&mut self) -> f64 {
        self.p90();
        self.times[self.times.len() - 1]
    }
}

/// The interactions, in the order the table prints them.
const INTERACTIONS: [&str; 7] = [
    "back to the Plans list",
    "search candidates: one keystroke in the search box",
    "clear the search (the whole list again)",
    "open a plan from the list",
    "open the plan's debrief (36 questions × 2 panelists)",
    "export the debrief packet (PDF written)",
    "open the Calibration screen (every interviewer and question)",
];
const LIST: usize = 0;
const SEARCH: usize = 1;
const CLEAR: usize = 2;
const OPEN: usize = 3;
const DEBRIEF: usize = 4;
const EXPORT_PACKET: usize = 5;
const CALIBRATION: usize = 6;

#[tokio::main]
async fn main() {
    // What the app would choose itself, made explicit so the machine line says it.
    e2e::bench::same_painting();
    let app = release_binary("HIRING_PANEL_BIN", "hiring-panel");
    let mut measured: Vec<[Series; 7]> = Vec::new();
    let mut searched = Vec::new();
    for plans in sizes() {
        let (series, candidate) = interactions(&app, plans).await;
        measured.push(series);
        searched.push(candidate);
    }
    let [small, large] = sizes();
    println!("Machine: {}", machine());
    println!(
        "Databases: {small} and {large} plans (four panelists each, 72 answers with notes per plan); \
         searching for \"{}\" and \"{}\".\n",
        searched[0], searched[1]
    );
    if let Some(took) = generation_time(large) {
        println!(
            "| building the {large}-plan benchmark database | {:.0} min {:02.0} s | target under 5 minutes |\n",
            (took.as_secs_f64() / 60.0).floor(),
            took.as_secs_f64() % 60.0
        );
    }
    println!(
        "| interaction (release app, {ROUNDS} rounds) | p50 at {small} | p90 at {small} | p50 at {large} | p90 at {large} | max at {large} | p90 growth | target |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    let [at_small, at_large] = &mut measured[..] else {
        unreachable!("two sizes")
    };
    for (i, label) in INTERACTIONS.iter().enumerate() {
        let (a, b) = (&mut at_small[i], &mut at_large[i]);
        let (a90, b90) = (a.p90(), b.p90());
        // The calibration is over every answer: its target is the screen under 500 ms at 5,000
        // plans (issue 18), not the list's.
        let target = if i == CALIBRATION {
            "< 500 ms at 5,000 plans"
        } else {
            "p90 < 100 ms, growth ≤ +30 ms"
        };
        println!(
            "| {label} | {:.0} ms | {a90:.0} ms | {:.0} ms | {b90:.0} ms | {:.0} ms | {:+.0} ms | {target} |",
            a.p50(),
            b.p50(),
            b.max(),
            b90 - a90
        );
    }
}

/// Runs the rounds on a copy of the `plans`-plan database; returns the timings and the name
/// searched for.
async fn interactions(app: &std::path::Path, plans: usize) -> ([Series; 7], String) {
    let data = bench_data_dir(plans);
    // A submitted plan in the middle of the file (nine in ten are), and its candidate's name.
    let plan = plans as i64 / 2 + 2;
    let candidate: String = rusqlite::Connection::open(
        data.path().join(panel_core::data_dir::DATABASE_FILE),
    )
    .unwrap()
    .query_row(
        "SELECT c.name FROM plans p JOIN candidates c ON c.id = p.candidate_id WHERE p.id = ?1",
        [plan],
        |r| r.get(0),
    )
    .expect("a plan in the middle of the generated database");
    let exports = tempfile::tempdir().unwrap();
    let s = Session::start_binary(
        &format!("bench-scale-{plans}"),
        app,
        data,
        &[
            (
                "HIRING_PANEL_TEST_EXPORT_DIR",
                exports.path().to_str().unwrap(),
            ),
            NO_DAILY_BACKUP,
        ],
    )
    .await;
    s.wait_for("plans-table").await;
    let mut series: [Series; 7] = Default::default();
    let run = |script: &'static str, args: Vec<serde_json::Value>| {
        let client = s.client.clone();
        async move {
            let what = format!("{}…", &script.trim()[..40]);
            match client.execute_async(script, args.clone()).await {
                // A script that could not do its step says why; that ends the benchmark.
                Ok(value) if value.get("error").is_some() => panic!("{what} {args:?}: {value}"),
                Ok(value) => value,
                Err(e) => {
                    // What the window showed, for the panic (a benchmark that stops must say why).
                    let shot = e2e::workspace_root().join(format!(
                        "tests/artifacts/e2e/bench-scale-{plans}-failed.png"
                    ));
                    if let Ok(png) = client.screenshot().await {
                        let _ = std::fs::write(&shot, png);
                    }
                    let seen = client
                        .execute(
                            "return document.querySelector('main')?.innerText.slice(0, 400)",
                            vec![],
                        )
                        .await;
                    panic!(
                        "{what} {args:?}: {e}\nscreen: {seen:?}\nscreenshot: {}",
                        shot.display()
                    )
                }
            }
        }
    };
    for round in 0..=ROUNDS {
        eprintln!("{plans} plans: round {round} of {ROUNDS}");
        // Round 0 warms up the page's code paths and is not counted.
        let counted = round > 0;
        let typed = run(TYPE_SEARCH, vec![candidate.clone().into(), true.into()]).await;
        let steps = typed.as_array().expect("keystroke timings");
        let (last, keys) = steps.split_last().expect("at least one keystroke");
        // Search for the plan (whole name) so its row is on screen, then open it.
        run(TYPE_SEARCH, vec![candidate.clone().into(), false.into()]).await;
        let opened = run(
            CLICK_UNTIL,
            vec![
                format!("open-plan-{plan}").into(),
                // The plan is shown once its scorecards are (their own round trip).
                "[data-testid=scorecards-panel] [data-testid=open-debrief]".into(),
            ],
        )
        .await;
        let shown = run(
            CLICK_UNTIL,
            vec![
                "next-open-debrief".into(),
                "[data-testid=debrief-matrix]".into(),
            ],
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
        let calibrated = run(
            CLICK_UNTIL,
            vec![
                "nav-calibration".into(),
                "[data-testid=calibration-interviewers], [data-testid=calibration-empty]".into(),
            ],
        )
        .await;
        run(
            CLICK_UNTIL,
            vec![
                "nav-plans".into(),
                "[data-testid=plans-table] tbody tr".into(),
            ],
        )
        .await;
        if counted {
            series[CALIBRATION].push(INTERACTIONS[CALIBRATION], calibrated);
            for step in keys {
                series[SEARCH].push(INTERACTIONS[SEARCH], step.clone());
            }
            series[CLEAR].push(INTERACTIONS[CLEAR], last.clone());
            series[OPEN].push(INTERACTIONS[OPEN], opened);
            series[DEBRIEF].push(INTERACTIONS[DEBRIEF], shown);
            series[EXPORT_PACKET].push(INTERACTIONS[EXPORT_PACKET], exported);
            series[LIST].push(INTERACTIONS[LIST], back);
        }
    }
    s.finish().await;
    (series, candidate)
}
