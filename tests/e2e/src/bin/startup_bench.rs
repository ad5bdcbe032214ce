//! Benchmark: how fast the release app starts and how much memory it holds, against the floor
//! the platform imposes: a minimal Tauri 2 window of the same Tauri version and release profile
//! (`benches/tauri-floor`), measured in the same run.
//!
//! Run with `make bench-app` (builds both in release and runs this under Xvfb); prints Markdown
//! tables for BENCHMARKS.md. Start-up is timed from spawning the process to the line it logs once
//! its first screen is painted (the app: the Plans list, on 500 plans, on 50,000 plans and on an
//! empty database; the floor: its one page), alternating them so all see the same machine.
//! Memory is read from `/proc` (RSS and PSS of the process and its webview processes) with the
//! app driven through WebDriver to its Plans list (500 and 50,000 plans) and to a plan's debrief,
//! and the floor showing its page under the same driver.

use std::path::Path;
use std::time::Duration;

use e2e::bench::{
    bench_data_dir, machine, median, ms, release_binary, start_until_first_screen, tree_memory,
    warm_up, TreeMemory, NO_DAILY_BACKUP,
};
use e2e::Session;

/// Plans in the usual start-up database, and in the large one.
const PLANS: usize = 500;
const LARGE: usize = 50_000;

fn rounds() -> usize {
    std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(10)
}

/// Lets the webview finish what it does after the first paint before memory is read.
const SETTLE: Duration = Duration::from_secs(3);

#[tokio::main]
async fn main() {
    // The floor and the app paint the same way: the ratio is the app's own work.
    e2e::bench::same_painting();
    let app = release_binary("HIRING_PANEL_BIN", "hiring-panel");
    let floor = release_binary("TAURI_FLOOR_BIN", "tauri-floor");
    let data = bench_data_dir(PLANS);
    let large = bench_data_dir(LARGE);
    let empty = tempfile::tempdir().unwrap();
    let floor_dir = tempfile::tempdir().unwrap();

    // Warm-up, not counted: the first start of any binary or file reads it from disk.
    warm_up(&app, data.path());
    warm_up(&app, large.path());
    warm_up(&app, empty.path());
    drop(start_until_first_screen(&floor, floor_dir.path()));
    let rounds = rounds();
    let mut runs: [(Vec<f64>, Vec<f64>); 4] = Default::default();
    for _ in 0..rounds {
        for (i, (binary, dir)) in [
            (&floor, floor_dir.path()),
            (&app, data.path()),
            (&app, large.path()),
            (&app, empty.path()),
        ]
        .into_iter()
        .enumerate()
        {
            let started = start_until_first_screen(binary, dir);
            runs[i].0.push(ms(started.first_screen));
            runs[i].1.push(ms(started.page));
        }
    }

    // Each round starts the floor and then the app: the ratio within a round sees the machine
    // at nearly the same moment, so its spread shows how far a run's ratio can move by noise.
    let mut paired: Vec<f64> = runs[1]
        .0
        .iter()
        .zip(&runs[0].0)
        .map(|(app, floor)| app / floor)
        .collect();

    let floor_memory = floor_memory(&floor).await;
    let (plans_memory, debrief_memory, data) = app_memory(&app, data, true).await;
    let (large_memory, _, large) = app_memory(&app, large, false).await;
    drop((data, large));

    let [floor_start, app_start, large_start, empty_start] =
        runs.each_mut().map(|(total, _)| median(total));
    println!("Machine: {}", machine());
    println!(
        "Databases: {PLANS} and {LARGE} plans; each plan asks 36 questions, two panelists on each, of a panel of four, all scored with notes.\n"
    );
    println!("| measure | floor: minimal Tauri 2 window | Hiring Panel | ratio | target |");
    println!("|---|---|---|---|---|");
    for (label, app, target) in [
        (format!("{PLANS} plans"), app_start, "≤ 1.25×"),
        (format!("{LARGE} plans"), large_start, "≤ 1.35×"),
        ("empty database".to_string(), empty_start, "—"),
    ] {
        println!(
            "| start-up to first screen, median of {rounds} ({label}) | {floor_start:.0} ms | {app:.0} ms | {:.2}× | {target} |",
            app / floor_start
        );
    }
    let mib = |kib: u64| kib as f64 / 1024.0;
    for (label, app, target) in [
        (
            format!("on the Plans list ({LARGE} plans)"),
            large_memory,
            "≤ 1.2×",
        ),
        (
            format!("on the Plans list ({PLANS} plans)"),
            plans_memory,
            "—",
        ),
        (
            "after opening a plan's debrief".to_string(),
            debrief_memory,
            "1.3×",
        ),
    ] {
        println!(
            "| resident memory (RSS) of the process tree {label} | {:.0} MiB | {:.0} MiB | {:.2}× | {target} |",
            mib(floor_memory.rss_kib),
            mib(app.rss_kib),
            app.rss_kib as f64 / floor_memory.rss_kib as f64
        );
        println!(
            "| proportional memory (PSS) of the process tree {label} | {:.0} MiB | {:.0} MiB | {:.2}× | — |",
            mib(floor_memory.pss_kib),
            mib(app.pss_kib),
            app.pss_kib as f64 / floor_memory.pss_kib as f64
        );
    }
    let [floor_page, app_page, large_page, empty_page] =
        runs.each_mut().map(|(_, page)| median(page));
    println!(
        "\nOf which the page (from the webview beginning to load it to the first screen painted), \
         median: floor {floor_page:.0} ms, app {app_page:.0} ms ({PLANS} plans), {large_page:.0} ms \
         ({LARGE} plans), {empty_page:.0} ms (empty); the rest is the process, its window and \
         webview starting."
    );
    println!(
        "\nThe app's start at {PLANS} plans over the floor's just before it, round by round: \
         median {:.2}×, {:.2}–{:.2}×.",
        median(&mut paired),
        paired[0],
        paired[paired.len() - 1]
    );
    let spread = |v: &[f64]| format!("{:.0}–{:.0} ms", v[0], v[v.len() - 1]);
    println!(
        "\nStart-up spread: floor {}, app {} ({PLANS} plans), {} ({LARGE} plans), {} (empty). \
         Processes in each tree: floor {}, app {}.",
        spread(&runs[0].0),
        spread(&runs[1].0),
        spread(&runs[2].0),
        spread(&runs[3].0),
        floor_memory.processes,
        debrief_memory.processes
    );
}

/// The median memory of three runs of the floor window under WebDriver.
async fn floor_memory(floor: &std::path::Path) -> TreeMemory {
    let mut runs = Vec::new();
    let mut marks: [Vec<f64>; 2] = Default::default();
    for _ in 0..3 {
        let s =
            Session::start_binary("bench-floor", floor, tempfile::tempdir().unwrap(), &[]).await;
        s.wait_for("floor-ready").await;
        tokio::time::sleep(SETTLE).await;
        let at = s.eval(PAGE_TIMES_SCRIPT).await;
        for (i, name) in FLOOR_MARKS.iter().enumerate() {
            marks[i].push(at[name].as_f64().unwrap_or(f64::NAN));
        }
        runs.push(tree_memory(s.app_pid(floor).expect("the floor's process")));
        s.finish().await;
    }
    println!(
        "The floor's page, median of 3 runs under WebDriver: its HTML has arrived whole at {:.0} ms, \
         its first paint at {:.0} ms (ms since the page began loading).\n",
        median(&mut marks[0]),
        median(&mut marks[1])
    );
    median_memory(runs)
}

/// The app's memory on the Plans list and after opening a submitted plan's debrief (median of
/// three runs each); hands the data directory back.
async fn app_memory(
    app: &Path,
    mut data: tempfile::TempDir,
    with_debrief: bool,
) -> (TreeMemory, TreeMemory, tempfile::TempDir) {
    // The first generated plan is submitted and decided: its debrief is complete.
    let candidate: String =
        rusqlite::Connection::open(data.path().join(panel_core::data_dir::DATABASE_FILE))
            .and_then(|c| {
                c.query_row(
            "SELECT c.name FROM plans p JOIN candidates c ON c.id = p.candidate_id WHERE p.id = 1",
            [],
            |r| r.get(0),
        )
            })
            .expect("plan 1 of the generated database");
    let (mut on_plans, mut on_debrief) = (Vec::new(), Vec::new());
    let mut marks: Vec<Vec<f64>> = vec![Vec::new(); PAGE_MARKS.len()];
    for _ in 0..3 {
        let s = Session::start_binary("bench-memory", app, data, &[NO_DAILY_BACKUP]).await;
        s.wait_for("plans-table").await;
        tokio::time::sleep(SETTLE).await;
        // Where the page's part of the start goes: the marks the UI sets on its way.
        let at = s.eval(PAGE_TIMES_SCRIPT).await;
        for (i, (name, _)) in PAGE_MARKS.iter().enumerate() {
            marks[i].push(at[name].as_f64().unwrap_or(f64::NAN));
        }
        let pid = s.app_pid(app).expect("the app's process");
        on_plans.push(tree_memory(pid));
        if with_debrief {
            s.type_into("plan-search", &candidate).await;
            s.click("open-plan-1").await;
            s.click("next-open-debrief").await;
            s.wait_for("debrief-matrix").await;
            tokio::time::sleep(SETTLE).await;
            on_debrief.push(tree_memory(pid));
        }
        data = s.finish().await;
    }
    let plans: i64 =
        rusqlite::Connection::open(data.path().join(panel_core::data_dir::DATABASE_FILE))
            .and_then(|c| c.query_row("SELECT count(*) FROM plans", [], |r| r.get(0)))
            .unwrap_or(0);
    println!("Where the page's time goes on {plans} plans, median of 3 runs under WebDriver (ms since the page began loading):\n");
    for (i, (_, label)) in PAGE_MARKS.iter().enumerate() {
        println!("- {label}: {:.0} ms", median(&mut marks[i]));
    }
    println!();
    let on_debrief = if on_debrief.is_empty() {
        TreeMemory::default()
    } else {
        median_memory(on_debrief)
    };
    (median_memory(on_plans), on_debrief, data)
}

/// The UI's start-up marks (`performance.mark`), with two times of the webview's own: when the
/// page's HTML had arrived whole (`html-arrived`: the app's carries the first screen's data) and
/// when the browser first painted anything (`first-paint`), all in ms since the page began loading.
const PAGE_TIMES_SCRIPT: &str = "
    const times = Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]));
    const page = performance.getEntriesByType('navigation')[0];
    const paint = performance.getEntriesByType('paint').find((p) => p.name === 'first-contentful-paint');
    return { ...times, 'html-arrived': page?.responseEnd, 'first-paint': paint?.startTime };";

/// The times read from the floor's page, in the order its line prints them.
const FLOOR_MARKS: [&str; 2] = ["html-arrived", "first-paint"];

/// The start-up marks of the app's page, in order (the UI's marks and two of the webview's).
const PAGE_MARKS: [(&str, &str); 9] = [
    (
        "hp:warm-up",
        "the locale data starts loading on another thread",
    ),
    (
        "html-arrived",
        "the page's HTML has arrived whole, with the first screen's data and the shell's rendering of it",
    ),
    (
        "first-paint",
        "the webview's first paint: the first screen as the shell rendered it",
    ),
    ("hp:locale-warmed", "the locale data is loaded"),
    ("hp:script", "the app's script starts"),
    ("hp:status", "the database status is read from the page"),
    ("hp:plans-loaded", "the Plans list is drawn in the app's first render"),
    ("hp:hydrated", "the app has taken over the shell's markup"),
    (
        "hp:first-frame",
        "its first frame is painted: the screen answers the user",
    ),
];

fn median_memory(mut runs: Vec<TreeMemory>) -> TreeMemory {
    runs.sort_by_key(|m| m.rss_kib);
    runs[runs.len() / 2]
}
