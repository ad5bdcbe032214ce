//! Harness for end-to-end tests of the real desktop app.
//!
//! Each [`Session`] starts `tauri-driver` (which drives WebKitWebDriver, which launches the built
//! `hiring-panel` binary) with its own temporary data directory, so tests see exactly what a user
//! sees on first start. Screenshots of every step are kept under `tests/artifacts/e2e/` so a
//! failure can be looked at, not just read. Run through `make e2e`, which builds the app and
//! provides Xvfb and a D-Bus session.
//!
//! `cli` holds the `panelctl` helpers suites use to prepare data and check results; `waiting`
//! waits for what the screen shows (and says what it showed instead); `window`
//! finds the app's X window and closes it the way a desktop does.

mod a11y;
pub mod bench;
mod cli;
pub mod disk;
mod held_export;
mod waiting;
mod window;

pub use cli::{
    export_builtin_pack, export_kits, export_protected_kits, interview_on_own_laptop, kit_of,
    note_stream, panelctl, panelctl_binary, panelctl_json, panelctl_refused, panelctl_stderr,
    score_and_submit, two_panelist_plan, PASSPHRASE,
};
pub use held_export::{check_commands_run_alongside_a_held_export, HOLD_EXPORTS};
use window::{app_window, ask_window_to_close, descendants};

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, LazyLock};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

/// How long a screen may take to show an element before the test fails.
pub const UI_TIMEOUT: Duration = Duration::from_secs(30);

/// One app at a time: tests in this binary run in parallel threads, but a desktop app per test
/// on a 2-core machine only makes every test slower and flakier.
static ONE_APP_AT_A_TIME: LazyLock<Arc<tokio::sync::Mutex<()>>> = LazyLock::new(Default::default);

/// Waits for this test's turn to run a desktop app (a `Session` takes it itself).
pub async fn one_app_at_a_time() -> tokio::sync::OwnedMutexGuard<()> {
    ONE_APP_AT_A_TIME.clone().lock_owned().await
}

/// One running app under WebDriver, with its own data directory.
pub struct Session {
    /// The WebDriver client.
    pub client: Client,
    /// The data directory the app was started with (taken back by [`Session::finish`]).
    data_dir: Option<tempfile::TempDir>,
    driver: Child,
    pub(crate) artifacts: PathBuf,
    step: u32,
    _turn: tokio::sync::OwnedMutexGuard<()>,
}

/// Runs a system tool that must succeed (`dpkg-deb`, `losetup`, …); returns its stdout, trimmed.
/// A failure names the tool, its arguments and everything it printed.
pub fn run_tool(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program} ({e}); make test installs it"));
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Every file under `dir`, at any depth (none when `dir` does not exist).
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

/// A PDF's text as `pdftotext` extracts it, its whitespace runs made single spaces (line breaks
/// fall wherever the layout put them; what a reader sees is the words in order).
pub fn pdf_words(path: &Path) -> String {
    let text = run_tool("pdftotext", &[path.to_str().unwrap(), "-"]);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Waits until `dir` holds no file (a journal letting go of what the database now has).
pub async fn wait_until_no_files(dir: &Path, what: &str) {
    let deadline = std::time::Instant::now() + UI_TIMEOUT;
    while !files_under(dir).is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "{what}: {:?} still there",
            files_under(dir)
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// Where Cargo put what it built: `CARGO_TARGET_DIR` when it is set (the Makefile honours it, so
/// the tests must find the binaries there too; a relative one is taken from the workspace root,
/// where `make` runs Cargo), else `target/` in the workspace.
pub fn target_dir() -> PathBuf {
    let root = workspace_root();
    match std::env::var_os("CARGO_TARGET_DIR").filter(|dir| !dir.is_empty()) {
        Some(dir) => root.join(dir),
        None => root.join("target"),
    }
}

/// The desktop app binary the tests drive (`HIRING_PANEL_BIN`, else the debug build).
pub fn app_binary() -> PathBuf {
    let path = std::env::var_os("HIRING_PANEL_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("debug/hiring-panel"));
    assert!(
        path.is_file(),
        "the app is not built at {}; run `make e2e`",
        path.display()
    );
    path
}

fn tauri_driver() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(path);
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").expect("HOME")).join(".cargo"));
    cargo_home.join("bin/tauri-driver")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Session {
    /// Starts the app with a fresh, empty data directory.
    pub async fn start(name: &str) -> Session {
        Self::start_with(name, tempfile::tempdir().unwrap()).await
    }

    /// Starts the app with the given data directory (which may hold a prepared database).
    pub async fn start_with(name: &str, data_dir: tempfile::TempDir) -> Session {
        Self::start_with_env(name, data_dir, &[]).await
    }

    /// Starts the app on `data_dir` with extra environment variables (test-only switches).
    pub async fn start_with_env(
        name: &str,
        data_dir: tempfile::TempDir,
        env: &[(&str, &str)],
    ) -> Session {
        Self::start_binary(name, &app_binary(), data_dir, env).await
    }

    /// Starts another Tauri binary the same way (the benchmarks' minimal Tauri window).
    pub async fn start_binary(
        name: &str,
        binary: &Path,
        data_dir: tempfile::TempDir,
        env: &[(&str, &str)],
    ) -> Session {
        let name = name.to_string();
        let turn = ONE_APP_AT_A_TIME.clone().lock_owned().await;
        for dir in ["xdg-data", "xdg-config", "xdg-cache"] {
            std::fs::create_dir_all(data_dir.path().join(dir)).unwrap();
        }
        let port = free_port();
        let native_port = free_port();
        let driver = Command::new(tauri_driver())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("HIRING_PANEL_DATA_DIR", data_dir.path())
            // The webview keeps local storage (the theme, the last choices) under the XDG
            // directories: give each app its own, so no test sees what an earlier one left.
            .env("XDG_DATA_HOME", data_dir.path().join("xdg-data"))
            .env("XDG_CONFIG_HOME", data_dir.path().join("xdg-config"))
            .env("XDG_CACHE_HOME", data_dir.path().join("xdg-cache"))
            .env("NO_AT_BRIDGE", "1")
            .envs(env.iter().copied())
            // The app's own warnings stay visible; the window toolkit's portal chatter does not.
            .env("RUST_LOG", "warn,tao=error")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tauri-driver must be installed (make e2e installs it)");

        let mut capabilities = serde_json::Map::new();
        // Only tauri:options: a browserName would not match WebKitWebDriver and fail the session.
        capabilities.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": binary }),
        );
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + UI_TIMEOUT;
        let client = loop {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                // The driver needs a moment to listen; retry until the deadline.
                Err(_) if Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                Err(e) => panic!("could not start a WebDriver session with the app: {e}"),
            }
        };
        let artifacts = workspace_root().join("tests/artifacts/e2e").join(&name);
        std::fs::create_dir_all(&artifacts).unwrap();
        Session {
            client,
            data_dir: Some(data_dir),
            driver,
            artifacts,
            step: 0,
            _turn: turn,
        }
    }

    /// Presses keys with the focus on the page, as shortcuts are typed.
    pub async fn press(&self, keys: &str) {
        let body = self.client.find(Locator::Css("body")).await.unwrap();
        body.send_keys(keys).await.unwrap();
    }

    /// Presses a key chord the way a keyboard does (xdotool's names: `ctrl+2`, `ctrl+equal`,
    /// `F1`): through the X server to the app's window, where GTK gives the menu bar's
    /// accelerators the key before the page. WebDriver's keys (`press`) go straight into the
    /// page and never reach the menu bar.
    pub async fn shortcut(&self, chord: &str) {
        let pid = self.app_pid(&app_binary()).expect("the app is running");
        let windows = run_tool(
            "xdotool",
            &[
                "search",
                "--sync",
                "--onlyvisible",
                "--pid",
                &pid.to_string(),
            ],
        );
        // GTK makes a few windows per app; the one with the app's title takes the keys.
        let window = windows
            .lines()
            .find(|id| run_tool("xdotool", &["getwindowname", id]) == "Hiring Panel")
            .unwrap_or_else(|| panic!("no \"Hiring Panel\" window among {windows:?}"))
            .to_string();
        // Focused, then typed through XTEST, as a real keyboard does (events sent to a window
        // directly are marked synthetic, and GTK ignores them).
        run_tool("xdotool", &["windowfocus", "--sync", &window]);
        run_tool("xdotool", &["key", "--clearmodifiers", chord]);
    }

    /// Presses keys where the keyboard focus is (Tab moves on from there), without moving it
    /// to the page first as `press` does.
    pub async fn press_in_focus(&self, keys: &str) {
        let focused = self
            .client
            .active_element()
            .await
            .expect("a focused element");
        focused.send_keys(keys).await.unwrap();
    }

    /// The `data-testid` of the focused element, or its tag name when it has none.
    pub async fn focused(&self) -> String {
        self.eval(
            "const e = document.activeElement; \
             return e ? (e.dataset.testid || e.tagName.toLowerCase()) : '';",
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    /// Saves a numbered screenshot of the current screen, once fonts are in and the latest
    /// changes have been painted (two animation frames).
    pub async fn screenshot(&mut self, label: &str) {
        self.step += 1;
        let settle = "const done = arguments[arguments.length - 1];\
            document.fonts.ready.then(() => requestAnimationFrame(() => \
            requestAnimationFrame(() => done(true))));";
        self.client
            .execute_async(settle, vec![])
            .await
            .expect("the page settles");
        let png = self.client.screenshot().await.expect("screenshot");
        let path = self.artifacts.join(format!("{:02}-{label}.png", self.step));
        std::fs::write(&path, png).unwrap();
    }

    /// Clicks the element with this `data-testid`.
    /// Like a user, it first scrolls the element into view (`scroll_to`).
    pub async fn click(&self, test_id: &str) {
        let element = self.scroll_to(test_id).await;
        if let Err(e) = element.click().await {
            let screen = self.what_the_screen_shows(test_id).await;
            panic!("click {test_id}: {e:?}; {screen}");
        }
    }

    /// Scrolls the element fully into each of its scrolling areas, as a user would before using
    /// it: a list inside a scrolling dialog is two scrollers, and WebDriver scrolls only one.
    /// Returns the element.
    pub async fn scroll_to(&self, test_id: &str) -> fantoccini::elements::Element {
        let element = self.wait_for(test_id).await;
        let reference = serde_json::to_value(&element).expect("an element reference");
        let _ = self
            .client
            .execute(
                "arguments[0].scrollIntoView({ block: 'nearest', inline: 'nearest' })",
                vec![reference],
            )
            .await;
        element
    }

    /// Adds a panelist on the plan screen and waits until they are on the panel.
    pub async fn add_panelist(&self, name: &str, minutes: &str) {
        self.type_into("panelist-name", name).await;
        self.type_into("panelist-minutes", minutes).await;
        self.click("panelist-add").await;
        self.client
            .wait()
            .at_most(UI_TIMEOUT)
            .for_element(Locator::XPath(&format!(
                "//*[@data-testid='panelist-list']//strong[text()='{name}']"
            )))
            .await
            .unwrap_or_else(|e| panic!("{name} never appeared on the panel: {e}"));
    }

    /// Clicks the first element matching a CSS selector (an element without a test id of its
    /// own, such as a `<summary>`).
    pub async fn click_css(&self, css: &str) {
        self.wait_for_css(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Types into the input with this `data-testid`.
    pub async fn type_into(&self, test_id: &str, text: &str) {
        let input = self.wait_for(test_id).await;
        input.clear().await.unwrap();
        input.send_keys(text).await.unwrap();
    }

    /// Resizes the app's window and waits until the page has taken the new size.
    pub async fn resize(&self, width: u32, height: u32) {
        self.client
            .set_window_size(width, height)
            .await
            .expect("the window can be resized");
        self.wait_until(
            &format!("the window is {width}×{height}"),
            &format!("return Math.abs(window.outerWidth - {width}) <= 2 || window.innerWidth === {width}"),
        )
        .await;
    }

    /// Runs a script in the page and returns its JSON result.
    pub async fn eval(&self, script: &str) -> serde_json::Value {
        self.client
            .execute(script, vec![])
            .await
            .expect("script runs")
    }

    /// Closes the app's window the way the user's desktop does when they click × or press
    /// Alt+F4: a `WM_DELETE_WINDOW` message to the window, not a kill. Returns once the window
    /// is gone, then hands back the data directory like `finish`.
    pub async fn close_window_like_a_user(self) -> tempfile::TempDir {
        let ours = descendants(self.driver.id());
        let window = app_window(&ours).expect("the app window is on the X display");
        ask_window_to_close(window);
        let deadline = Instant::now() + UI_TIMEOUT;
        let mut resent = Instant::now();
        while app_window(&ours) == Some(window) {
            if resent.elapsed() > Duration::from_secs(5) {
                // Seen rarely under load: the first request is not acted on. A user would click again.
                eprintln!("the app window {window:#x} is still open 5 s after the close request; asking again");
                ask_window_to_close(window);
                resent = Instant::now();
            }
            assert!(
                Instant::now() < deadline,
                "the app window {window:#x} did not close after the user asked"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.finish().await
    }

    /// The process id of the app the driver started (the process running `binary`).
    pub fn app_pid(&self, binary: &Path) -> Option<u32> {
        let binary = binary.canonicalize().ok()?;
        descendants(self.driver.id()).into_iter().find(|pid| {
            std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == binary)
        })
    }

    /// Closes the app, stops the driver and hands back the data directory, so a test can start
    /// the app again on the same data.
    /// Kills the app with SIGKILL (no destructors, no flush, no goodbye) and ends the session;
    /// returns the data folder for the next start.
    pub async fn kill_app(self) -> tempfile::TempDir {
        let pid = self.app_pid(&app_binary()).expect("the app is running");
        run_tool("kill", &["-KILL", &pid.to_string()]);
        self.finish().await
    }

    /// Walks the menu bar with the keys, as a keyboard user does (`F10` opens File, then arrows
    /// and `Return`), a quarter second apart so GTK has drawn each menu before the next key.
    pub async fn walk_menu(&self, keys: &[&str]) {
        for key in keys {
            self.shortcut(key).await;
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        }
    }

    /// Closes the window the way a user does (File → Close window, Ctrl+W), waits for the app to
    /// exit, and ends the session: what the app does on its way out (writing what is typed, the
    /// window's size and place) is done, unlike `finish`, whose driver stops the app.
    pub async fn close_window(self) -> tempfile::TempDir {
        let binary = app_binary();
        self.shortcut("ctrl+w").await;
        let closing = std::time::Instant::now();
        while self.app_pid(&binary).is_some() {
            assert!(
                closing.elapsed() < std::time::Duration::from_secs(10),
                "the app did not exit after Ctrl+W"
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        self.finish().await
    }

    pub async fn finish(mut self) -> tempfile::TempDir {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        self.data_dir
            .take()
            .expect("the data directory is handed back once")
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // A failed assertion skips `finish`; never leave a driver (and the app) running.
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
