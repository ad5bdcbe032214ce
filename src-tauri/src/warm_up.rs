//! Work the first screen needs that can start before the page's own script does: the locale data
//! loading (below), and the saved theme applied before the first paint (`APPLY_THE_SAVED_THEME`).
//!
//! The first date the UI formats (the Plans list's "Interview" column, in the first frame)
//! loads the locale's calendar and time zone data into the webview process: 6–15 ms of the
//! page's main thread on the benchmark machine (BENCHMARKS.md, start-up). That data is kept for
//! the whole process, so a Web Worker that formats one date on another thread, started as the
//! page begins (`ui/public/locale-warm-up.js`), loads it while the page's script is still
//! arriving, and the UI's own formatter finds it ready.
//!
//! It starts from an initialization script, which the webview runs as each page begins, before
//! the page's own scripts: like Tauri's IPC script, it is the shell's, not the page's, so the
//! page's content security policy still lets no inline script run. The worker's file comes from
//! the bundle (`script-src 'self'`). If it cannot start, the page pays that cost itself.

use tauri::plugin::{Builder, TauriPlugin};
use tauri::Runtime;

/// Starts the worker and marks when it starts and when it was done (`hp:warm-up`,
/// `hp:locale-warmed`: the start-up benchmark prints them, an e2e check waits for the second).
const START_THE_WORKER: &str = r#"(() => {
  try {
    const warming = new Worker('/locale-warm-up.js');
    performance.mark('hp:warm-up');
    // The worker sends when it finished; the message itself waits for the page's thread. Each
    // side reads its own clock, so the difference is kept from going below the page's start.
    warming.onmessage = (done) => {
      try {
        const at = Math.max(0, done.data - performance.timeOrigin);
        performance.mark('hp:locale-warmed', { startTime: at });
      } catch {
        performance.mark('hp:locale-warmed');
      }
    };
  } catch (e) {
    console.warn('the locale data will load with the first date shown', e);
  }
})();"#;

/// Applies the saved theme to the document as it begins, before its first paint: the shell
/// serves the first screen already rendered (`first_paint.rs`), so the window paints it before
/// the app's script could set the theme, and a dark theme must not flash light first. The rule
/// is the app's own (`ui/src/shell/theme.svelte.ts`: the choice saved under this key, else the
/// system's); the app's script keeps it applied from then on.
const APPLY_THE_SAVED_THEME: &str = r#"(() => {
  try {
    const saved = localStorage.getItem('hiring-panel.theme');
    const dark = saved === 'dark' || (saved !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  } catch (e) {
    console.warn('the theme will be applied by the app', e);
  }
})();"#;

/// The plugin that adds the initialization scripts.
pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    Builder::new("warm-up")
        .js_init_script(format!("{APPLY_THE_SAVED_THEME}\n{START_THE_WORKER}"))
        .build()
}
