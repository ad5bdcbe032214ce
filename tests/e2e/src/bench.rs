//! What the app benchmarks share: starting a Tauri binary and timing it to its first screen,
//! reading the memory of a process tree, and summarising timings. The figures are printed as
//! Markdown rows for BENCHMARKS.md; nothing here asserts a time.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The line both the app and the minimal Tauri window log once their first screen is painted.
pub const FIRST_SCREEN_MARK: &str = "first screen shown";

/// A release binary the benchmarks run: `var` if set, else `release/<name>` in Cargo's target
/// directory.
pub fn release_binary(var: &str, name: &str) -> PathBuf {
    let path = std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::target_dir().join("release").join(name));
    assert!(
        path.is_file(),
        "{} is not built; run `make bench-app` (it builds the release binaries)",
        path.display()
    );
    path
}

/// A fresh data directory holding a copy of the generated database of `plans` plans, made
/// once by the `bench_db` example of panel-core (`target/release/examples/bench_db`).
pub fn bench_data_dir(plans: usize) -> tempfile::TempDir {
    let generator = release_binary("BENCH_DB_BIN", "examples/bench_db");
    let out = Command::new(&generator)
        .arg(plans.to_string())
        .stderr(Stdio::inherit())
        .output()
        .expect("the bench_db example runs");
    assert!(out.status.success(), "bench_db failed");
    let source = PathBuf::from(String::from_utf8(out.stdout).unwrap().trim());
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        &source,
        dir.path().join(panel_core::data_dir::DATABASE_FILE),
    )
    .expect("copy of the generated database");
    dir
}

/// A started app, killed with its webview processes when dropped.
pub struct Started {
    pub child: Child,
    /// From spawning the process to its first screen painted (reading its first-screen line,
    /// less the time the line says the page took to answer after that paint).
    pub first_screen: Duration,
    /// The page's part of it, as the line reports it: from the webview beginning to load the
    /// page to the first screen painted (the rest is the process, window and webview starting).
    pub page: Duration,
    /// The first-screen line itself.
    pub line: String,
}

impl Drop for Started {
    fn drop(&mut self) {
        let tree = crate::window::descendants(self.child.id());
        let _ = self.child.kill();
        let _ = self.child.wait();
        // The webview's helper processes leave with their parent; make sure before the next run.
        for pid in tree.into_iter().skip(1) {
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
        }
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// Starts `binary` on `data_dir` (its own XDG folders inside) and waits for its first-screen line.
/// If it never comes, the app is killed and the panic quotes what it logged.
pub fn start_until_first_screen(binary: &Path, data_dir: &Path) -> Started {
    for dir in ["xdg-data", "xdg-config", "xdg-cache"] {
        std::fs::create_dir_all(data_dir.join(dir)).unwrap();
    }
    let spawned = Instant::now();
    let mut child = Command::new(binary)
        .env("HIRING_PANEL_DATA_DIR", data_dir)
        .env("XDG_DATA_HOME", data_dir.join("xdg-data"))
        .env("XDG_CONFIG_HOME", data_dir.join("xdg-config"))
        .env("XDG_CACHE_HOME", data_dir.join("xdg-cache"))
        .env("NO_AT_BRIDGE", "1")
        .env(NO_DAILY_BACKUP.0, NO_DAILY_BACKUP.1)
        .env("RUST_LOG", "info,tao=error")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
    let stderr = child.stderr.take().expect("piped stderr");
    let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let (tx, rx) = std::sync::mpsc::channel();
    {
        let log = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if line.contains(FIRST_SCREEN_MARK) {
                    // The line comes when the page answers; the screen was painted earlier by
                    // as much as it says (the shell's rendered first screen is painted before
                    // the page's script takes it over).
                    let painted = Instant::now()
                        .checked_sub(Duration::from_millis(line_figure(
                            &line,
                            "usable ",
                            " ms later",
                        )))
                        .unwrap_or_else(Instant::now);
                    let _ = tx.send((
                        painted,
                        line_figure(&line, "", " ms after the page began loading"),
                        line.clone(),
                    ));
                }
                log.lock().unwrap().push(line);
            }
        });
    }
    // Owned by the guard from here: a panic below still kills the app and its webview.
    let mut started = Started {
        child,
        first_screen: Duration::ZERO,
        page: Duration::ZERO,
        line: String::new(),
    };
    let Ok((shown, page, line)) = rx.recv_timeout(Duration::from_secs(60)) else {
        let logged = log.lock().unwrap().join("\n");
        panic!(
            "{} never showed its first screen; it logged:\n{logged}",
            binary.display()
        );
    };
    started.first_screen = shown - spawned;
    started.page = Duration::from_millis(page);
    started.line = line;
    started
}

/// Every app the benchmarks start skips the daily backup: dozens of starts on copies of a 2 GB
/// database would otherwise write a 2 GB backup into each copy (and time it with the start).
pub const NO_DAILY_BACKUP: (&str, &str) = ("HIRING_PANEL_NO_DAILY_BACKUP", "1");

/// Starts the app on `data_dir` once without timing it, so the timed starts that follow find
/// the binary and the database in the page cache like a user's second start of the day.
pub fn warm_up(binary: &Path, data_dir: &Path) {
    drop(start_until_first_screen(binary, data_dir));
}

/// How long the generator took to make the cached database of `plans` plans (recorded beside
/// it when it was made), if known.
pub fn generation_time(plans: usize) -> Option<Duration> {
    let generator = release_binary("BENCH_DB_BIN", "examples/bench_db");
    let out = Command::new(&generator)
        .arg(plans.to_string())
        .stderr(Stdio::inherit())
        .output()
        .ok()?;
    let db = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
    let seconds: f64 = std::fs::read_to_string(db.with_extension("took"))
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(Duration::from_secs_f64(seconds))
}

/// The figure N of the `{prefix}N{suffix}` part of a first-screen line (0 if absent).
fn line_figure(line: &str, prefix: &str, suffix: &str) -> u64 {
    line.split(", ")
        .find_map(|part| part.strip_suffix(suffix)?.trim().strip_prefix(prefix))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

/// Resident memory of a process and everything it started (the webview's web and network
/// processes), in KiB. `rss` counts shared pages in every process; `pss` shares them out, so it
/// is what the tree really costs the machine.
#[derive(Debug, Clone, Copy, Default)]
pub struct TreeMemory {
    pub processes: usize,
    pub rss_kib: u64,
    pub pss_kib: u64,
}

/// Reads [`TreeMemory`] for `pid` and its descendants from `/proc`.
pub fn tree_memory(pid: u32) -> TreeMemory {
    let mut total = TreeMemory::default();
    for pid in crate::window::descendants(pid) {
        let Ok(rollup) = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")) else {
            continue;
        };
        let field = |name: &str| -> u64 {
            rollup
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
                .unwrap_or(0)
        };
        total.processes += 1;
        total.rss_kib += field("Rss:");
        total.pss_kib += field("Pss:");
    }
    total
}

/// Median of the values (sorted in place).
pub fn median(values: &mut [f64]) -> f64 {
    percentile(values, 50.0)
}

/// The `p`th percentile (nearest rank) of the values (sorted in place).
pub fn percentile(values: &mut [f64], p: f64) -> f64 {
    values.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * (values.len() - 1) as f64).round() as usize;
    values[rank]
}

/// Milliseconds of a duration, for the tables.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// WebKit's switch between CPU and GPU painting (see `src-tauri/src/painting.rs`).
const CPU_PAINTING_VAR: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// Makes every process this benchmark starts paint the way the app chooses to on this machine:
/// with the CPU when there is no GPU render node (`src-tauri/src/painting.rs`'s rule), unless the
/// variable is already set. The minimal Tauri window does not choose, and measured against the
/// app on another painting path the ratio would be the platform's setting, not the app's work.
/// Call first in `main`, before any process starts (the async runtime's threads are idle and
/// read no environment); `machine` then says how they paint.
pub fn same_painting() {
    let gpu = std::fs::read_dir("/dev/dri").is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    });
    if std::env::var_os(CPU_PAINTING_VAR).is_none() && !gpu {
        std::env::set_var(CPU_PAINTING_VAR, "1");
    }
}

/// How the webview paints in the processes a benchmark starts, as `machine` describes it.
fn painting() -> &'static str {
    match std::env::var(CPU_PAINTING_VAR).as_deref() {
        Ok(v) if v != "0" => "webview painting on the CPU (Skia; no GPU render node)",
        _ => "webview painting through the GPU path",
    }
}

/// The machine the figures come from, for the header of the printed tables.
pub fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|m| m.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem_kib: u64 = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))?
                .split_whitespace()
                .next()?
                .parse()
                .ok()
        })
        .unwrap_or(0);
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    format!(
        "{cpu}, {cores} cores, {:.0} GiB RAM, Linux {}; {}",
        mem_kib as f64 / 1024.0 / 1024.0,
        kernel.trim(),
        painting()
    )
}
